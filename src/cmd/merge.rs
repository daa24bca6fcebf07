//! `esc merge`: a ticket that turned out to be another's request joins it.

use std::io::Write;

use anyhow::Result;

use super::Ctx;
use crate::ticket::TicketId;

/// Merge a ticket into the one that carries on its request
///
/// The merged ticket is closed as `merged` (not resolved): its history
/// stays, and `esc show` of the other sets it beside its own. Its tags
/// join the other, and its customer and copies are copied on the other's
/// updates; mail answering it reaches the other. If its customer has
/// waited longer for a first answer that neither gave, the other's first
/// response counts from then. While neither ticket has changed since,
/// `--undo` puts both back as they were.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    esc merge 12 --into 7 --reason 'same outage, reported twice'\n  \
    esc merge --undo 12")]
pub struct Args {
    /// The ticket to merge away: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// The ticket that carries on its request
    #[arg(long, value_name = "ID", value_parser = crate::cli::ticket_id, required_unless_present = "undo", conflicts_with = "undo")]
    pub into: Option<TicketId>,

    /// Why they are one request [optional]
    #[arg(long, short, conflicts_with = "undo")]
    pub reason: Option<String>,

    /// Undo the ticket's merge, while neither ticket has changed since
    #[arg(long)]
    pub undo: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let actor = ctx.actor()?;
    let active = ctx.policy_to_write()?;
    let (done, sentence) = if args.undo {
        let done = ctx.queue()?.unmerge(&actor, args.id)?;
        let sentence = format!(
            "#{}'s merge into #{} undone: #{} is {} again",
            args.id, done.into.ticket.id, args.id, done.from.ticket.status
        );
        (done, sentence)
    } else {
        let into = args.into.expect("clap requires --into without --undo");
        let done = ctx
            .queue()?
            .merge(&actor, args.id, into, args.reason.as_deref())?;
        (done, format!("#{} merged into #{into}", args.id))
    };
    for applied in [&done.from, &done.into] {
        ctx.deliver_in_background(applied, &active.policy);
    }
    if ctx.json() {
        return ctx.out.json(&serde_json::json!({
            "merged": { "ticket": done.from.ticket, "events": done.from.events },
            "into": { "ticket": done.into.ticket, "events": done.into.events },
        }));
    }
    writeln!(ctx.out, "{sentence}")?;
    Ok(())
}
