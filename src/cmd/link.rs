//! `esc link`: a ticket put under the problem it is a case of, related to
//! another, or unlinked.

use std::io::Write;

use anyhow::Result;

use super::Ctx;
use crate::event::Kin;
use crate::ticket::TicketId;

/// Link a ticket to another: under a problem, or related
///
/// An incident reported by many customers is one problem: put each
/// customer's ticket under it with --parent, and `esc resolve PROBLEM
/// --children` resolves them all with the problem's summary and root
/// cause, each customer told as the policy says. `esc show` sets out a
/// ticket's family; `esc list --parent ID` lists a problem's cases. Both
/// tickets record the link.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    esc link 12 --parent 7          # #12 is one case of problem #7\n  \
    esc link 12 --related 9\n  \
    esc link 12 --unlink 7")]
#[command(group(clap::ArgGroup::new("how").required(true)))]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// Put it under this ticket: the problem it is a case of
    #[arg(long, value_name = "ID", value_parser = crate::cli::ticket_id, group = "how")]
    pub parent: Option<TicketId>,

    /// Relate it to this ticket, neither under the other
    #[arg(long, value_name = "ID", value_parser = crate::cli::ticket_id, group = "how")]
    pub related: Option<TicketId>,

    /// Take away its link with this ticket, whichever it is
    #[arg(long, value_name = "ID", value_parser = crate::cli::ticket_id, group = "how")]
    pub unlink: Option<TicketId>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let actor = ctx.actor()?;
    let active = ctx.policy_to_write()?;
    let id = args.id;
    let ((mine, theirs), sentence) = match (args.parent, args.related, args.unlink) {
        (Some(parent), _, _) => (
            ctx.queue()?.link(&actor, id, parent, Kin::Parent)?,
            format!("#{id} is now under #{parent}"),
        ),
        (_, Some(other), _) => (
            ctx.queue()?.link(&actor, id, other, Kin::Related)?,
            format!("#{id} and #{other} are related"),
        ),
        (_, _, Some(other)) => (
            ctx.queue()?.unlink(&actor, id, other)?,
            format!("#{id} and #{other} are no longer linked"),
        ),
        _ => unreachable!("clap requires one of --parent, --related, --unlink"),
    };
    for applied in [&mine, &theirs] {
        ctx.deliver_in_background(applied, &active.policy);
    }
    if ctx.json() {
        return ctx.out.json(&serde_json::json!({
            "ticket": mine.ticket, "events": mine.events,
            "other": { "ticket": theirs.ticket, "events": theirs.events },
        }));
    }
    writeln!(ctx.out, "{sentence}")?;
    Ok(())
}
