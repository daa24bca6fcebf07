//! `esc note`: an internal note on a ticket's timeline.

use anyhow::Result;

use super::Ctx;
use crate::ticket::TicketId;

/// Add an internal note to a ticket's timeline
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc note 12 'called the customer, waiting for the invoice number'"
)]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// The note [asked on a terminal]
    pub text: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let text = ctx.prompt.text(args.text, "TEXT", "Note")?;
    let applied = ctx.act(args.id, |act, t| act.note(t, &text))?;
    ctx.changed(&applied, &format!("#{} noted", args.id))
}
