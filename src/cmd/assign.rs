//! `esc assign`: give a ticket to someone, or take it.

use anyhow::Result;

use super::{Ctx, targets};
use crate::error::EscError;

/// Assign tickets to someone (yourself if no name is given)
///
/// Several tickets at once each change in their own transaction, each
/// reported on its own line; the exit code is the worst of theirs.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc assign 12                 (take it yourself)\n  esc assign 12 bob\n  esc assign 12 13 14 --to bob\n  esc list --team finance | cut -f1 | tail -n +2 | esc assign - --to fay"
)]
pub struct Args {
    /// The tickets (12 or #12; - reads ids from standard input), then who takes them, unless --to says
    #[arg(required = true, value_name = "ID... [NAME]")]
    pub words: Vec<String>,

    /// Who takes them [default: you, see --as]
    #[arg(long, conflicts_with = "unassign", value_parser = crate::cli::person)]
    pub to: Option<String>,

    /// Leave them with their team, assigned to nobody
    #[arg(long)]
    pub unassign: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    // The last word names a person when it is no ticket: `esc assign 12 bob`.
    let (words, named) = match args.words.split_last() {
        Some((last, rest)) if !targets::is_target(last) => (
            rest.to_vec(),
            Some(crate::cli::person(last).map_err(EscError::usage)?),
        ),
        _ => (args.words.clone(), None),
    };
    if named.is_some() && (args.to.is_some() || args.unassign) {
        return Err(EscError::usage(
            "name who takes the tickets once: after the ids, or with --to (not with --unassign)",
        )
        .into());
    }
    let ids = targets::ids(&words)?;
    let to = match (args.unassign, args.to.or(named)) {
        (true, _) => None,
        (false, Some(name)) => Some(name),
        (false, None) => Some(ctx.actor()?),
    };
    targets::each(ctx, &ids, |ctx, id| {
        let applied = ctx.act(id, |act, t| act.assign(t, to.as_deref()))?;
        let sentence = match &applied.ticket.assignee {
            Some(who) => format!("#{id} assigned to {who}{}", super::told(&applied)),
            None => format!("#{id} unassigned"),
        };
        ctx.changed(&applied, &sentence)
    })
}
