//! `esc assign`: give a ticket to someone, or take it.

use anyhow::Result;

use super::Ctx;
use crate::ticket::TicketId;

/// Assign a ticket to someone (yourself if no name is given)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// Who takes it [default: you, see --as]
    #[arg(conflicts_with = "unassign", value_parser = crate::cli::person)]
    pub assignee: Option<String>,

    /// Leave it with the team, assigned to nobody
    #[arg(long)]
    pub unassign: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let to = match (args.unassign, args.assignee) {
        (true, _) => None,
        (false, Some(name)) => Some(name),
        (false, None) => Some(ctx.actor()?),
    };
    let applied = ctx.act(args.id, |act, t| act.assign(t, to.as_deref()))?;
    let sentence = match &applied.ticket.assignee {
        Some(who) => format!("#{} assigned to {who}{}", args.id, super::told(&applied)),
        None => format!("#{} unassigned", args.id),
    };
    ctx.changed(&applied, &sentence)
}
