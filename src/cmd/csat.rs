//! `esc csat`: the customer's satisfaction score.

use anyhow::Result;

use super::Ctx;
use crate::ticket::TicketId;

/// Record the customer's satisfaction score, 1 (very unhappy) to 5 (very happy)
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  esc csat 12 4 --comment 'quick in the end'")]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// 1 to 5
    #[arg(value_parser = clap::value_parser!(u8).range(1..=5))]
    pub score: u8,

    /// What the customer wrote [optional]
    #[arg(long, short)]
    pub comment: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let applied = ctx.act(args.id, |act, t| {
        act.rate(t, args.score, args.comment.as_deref())
    })?;
    ctx.changed(
        &applied,
        &format!("#{} CSAT {}/5 recorded", args.id, args.score),
    )
}
