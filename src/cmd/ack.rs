//! `esc ack`: "I have it": the answer to a notification.

use anyhow::Result;

use super::Ctx;
use crate::ticket::TicketId;

/// Acknowledge a ticket you were told about: you have it in hand
///
/// Recorded on the timeline. A path step with `when = "unacknowledged"`
/// (typically: tell a backup person if nobody answers within 15 minutes)
/// does not fire once anyone has acknowledged the ticket in its cycle.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  esc ack 12\n  esc ack 12 'on it, calling the customer'")]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// A word on what you will do
    pub text: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let applied = ctx.act(args.id, |act, t| act.acknowledge(t, args.text.as_deref()))?;
    let who = ctx.actor()?;
    ctx.changed(&applied, &format!("#{} acknowledged by {who}", args.id))
}
