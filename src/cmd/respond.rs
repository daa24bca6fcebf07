//! `esc respond`: an agent's reply to the customer.

use anyhow::Result;

use super::Ctx;
use crate::event::Detail;
use crate::ticket::TicketId;

/// Record a reply to the customer; the first one is the first response
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc respond 12 'Sorry for the trouble, looking into it now'\n  esc respond 12            (a reply sent elsewhere, recorded)"
)]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// What was said, in short [optional]
    pub summary: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let applied = ctx.act(args.id, |act, t| act.respond(t, args.summary.as_deref()))?;
    let first = applied.ticket.first_response_at == Some(ctx.now())
        && applied
            .events
            .iter()
            .any(|e| e.data.detail == Some(Detail::FirstResponse));
    let sentence = if first {
        format!("#{} first response recorded", args.id)
    } else {
        format!("#{} response recorded", args.id)
    };
    ctx.changed(&applied, &sentence)
}
