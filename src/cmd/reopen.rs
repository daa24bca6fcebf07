//! `esc reopen`: a resolved ticket comes back.

use anyhow::Result;

use super::Ctx;
use crate::ticket::TicketId;

/// Reopen a resolved ticket; its next cycle begins
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  esc reopen 12 --reason 'the refund never arrived'")]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// Why it is back [optional]
    #[arg(long, short)]
    pub reason: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let applied = ctx.act(args.id, |act, t| act.reopen(t, args.reason.as_deref()))?;
    let cycle = applied.ticket.cycle;
    ctx.changed(&applied, &format!("#{} reopened (cycle {cycle})", args.id))
}
