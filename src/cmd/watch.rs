//! `esc watch`: someone told of everything that happens to a ticket.

use anyhow::Result;

use super::Ctx;
use crate::ticket::TicketId;

/// Watch a ticket: be told of everything that happens to it
///
/// A watcher hears of every change a person makes to the ticket and of
/// everything the policy does to it (not of deliveries or
/// acknowledgements, nor of their own changes), through the outbox: with
/// the quiet hours and digests the policy gives them, each occurrence
/// once however many reasons there are to tell them.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    esc watch 12                  # you (see --as)\n  \
    esc watch 12 --for dana\n  \
    esc watch 12 --for dana --unwatch")]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// Who watches [default: you]
    #[arg(long = "for", value_name = "NAME")]
    pub person: Option<String>,

    /// Stop watching
    #[arg(long)]
    pub unwatch: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let who = match args.person {
        Some(name) => name,
        None => ctx.actor()?,
    };
    let applied = if args.unwatch {
        ctx.act(args.id, |act, t| act.unwatch(t, &who))?
    } else {
        ctx.act(args.id, |act, t| act.watch(t, &who))?
    };
    let mut sentence = if args.unwatch {
        format!("{who} no longer watches #{}", args.id)
    } else {
        format!("{who} watches #{}", args.id)
    };
    let policy = ctx.policy()?;
    if !args.unwatch
        && let Err(crate::delivery::Failure::Unreachable(why)) =
            crate::delivery::reachable(policy.people.get(&who), &who)
    {
        sentence.push_str(&format!("; what {who} is told waits: {why}"));
    }
    ctx.changed(&applied, &sentence)
}
