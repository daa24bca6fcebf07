//! `esc pending`: the ticket waits on the customer.

use anyhow::Result;

use super::Ctx;
use crate::ticket::TicketId;

/// Mark a ticket as waiting on the customer (SLA clocks pause)
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  esc pending 12 --reason 'asked for a screenshot'")]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// What we are waiting for [optional]
    #[arg(long, short)]
    pub reason: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let applied = ctx.act(args.id, |act, t| act.pending(t, args.reason.as_deref()))?;
    ctx.changed(
        &applied,
        &format!("#{} pending: waiting on the customer", args.id),
    )
}
