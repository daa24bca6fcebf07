//! `esc signoff`: management approves (or rejects) a proposed resolution.

use anyhow::Result;

use super::Ctx;
use crate::ticket::TicketId;

/// Sign off the proposed resolution of a high-level escalation
///
/// Only the people and roles the policy's [[signoff]] rule names for the
/// ticket's level may sign. --reject sends the ticket back to work.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc signoff 12 --as dana\n  esc signoff 12 --reject 'offer a voucher instead'"
)]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// Reject the resolution, saying why; the ticket is open again
    #[arg(long, value_name = "REASON")]
    pub reject: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let applied = ctx.act(args.id, |act, t| act.signoff(t, args.reject.as_deref()))?;
    let sentence = match args.reject {
        None => format!("#{} signed off by {}: resolved", args.id, ctx.actor()?),
        Some(_) => format!("#{} sign-off rejected: open again", args.id),
    };
    ctx.changed(&applied, &sentence)
}
