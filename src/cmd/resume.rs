//! `esc resume`: the wait on the customer is over.

use anyhow::Result;

use super::Ctx;
use crate::ticket::TicketId;

/// Take a pending ticket back to open (SLA clocks run again)
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  esc resume 12 --reason 'screenshot received'")]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// Why [optional]
    #[arg(long, short)]
    pub reason: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let applied = ctx.act(args.id, |act, t| act.resume(t, args.reason.as_deref()))?;
    ctx.changed(&applied, &format!("#{} open again", args.id))
}
