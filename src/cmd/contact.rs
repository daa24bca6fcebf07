//! `esc contact`: the customer tried to reach us again.

use anyhow::Result;

use super::Ctx;
use crate::ticket::TicketId;

/// Record that the customer contacted us again (counts contact attempts)
///
/// A contact on a pending ticket is the customer's answer: the ticket is
/// open again.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  esc contact 12 'customer called again about the refund'")]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// What the customer said, in short [optional]
    pub summary: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let applied = ctx.act(args.id, |act, t| act.contact(t, args.summary.as_deref()))?;
    let n = applied.ticket.contact_attempts;
    ctx.changed(
        &applied,
        &format!("#{} contact attempt {n} recorded", args.id),
    )
}
