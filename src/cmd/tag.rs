//! `esc tag`: add or remove tags.

use anyhow::Result;

use super::Ctx;
use crate::ticket::TicketId;

/// Add tags to a ticket, or remove them with --remove
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// Tags to add
    pub add: Vec<String>,

    /// A tag to remove; repeat for more
    #[arg(long, short, value_name = "TAG")]
    pub remove: Vec<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let applied = ctx.act(args.id, |act, t| act.tag(t, &args.add, &args.remove))?;
    let tags = if applied.ticket.tags.is_empty() {
        "no tags".to_string()
    } else {
        applied.ticket.tags.join(" ")
    };
    ctx.changed(&applied, &format!("#{} tags: {tags}", args.id))
}
