//! `esc complete`: the values shell completion offers that only the queue
//! knows (its policy's names, its tickets), for the scripts in
//! `completions/` to call. Hidden: people never type it.

use anyhow::Result;

use super::Ctx;
use crate::lifecycle::Urgency;
use crate::policy::Item;
use crate::store::TicketFilter;
use crate::ticket::Status;

/// Print completion candidates, one per line: the value, a tab, what it is
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example (what the completion scripts run):\n  esc --db queue.db complete team"
)]
pub struct Args {
    /// What to offer
    pub what: Candidates,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Candidates {
    Team,
    Level,
    Priority,
    Category,
    RootCause,
    Tier,
    /// Live tickets, most urgent first.
    Ticket,
    /// The policy's reply templates.
    Reply,
}

/// How many tickets to offer: a shell shows no more than a screenful.
const TICKETS: usize = 100;

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    // A shell asks while someone types: no queue, a damaged one, or one
    // this user may not read offers nothing, and says nothing.
    let Ok(lines) = candidates(ctx, args.what) else {
        return Ok(());
    };
    // The tab is ours; in the values, every control character is made
    // visible, so a title cannot split a candidate or drive the terminal.
    let out = ctx.out.vetted();
    for (value, what) in lines {
        let (value, what) = (
            crate::output::visible(&value),
            crate::output::visible(&what),
        );
        writeln!(out, "{value}\t{what}")?;
    }
    Ok(())
}

fn candidates(ctx: &Ctx, what: Candidates) -> Result<Vec<(String, String)>> {
    let policy = ctx.policy()?;
    let items = |items: &[Item]| {
        items
            .iter()
            .map(|i| (i.id.clone(), i.name.clone()))
            .collect::<Vec<_>>()
    };
    Ok(match what {
        Candidates::Team => policy
            .teams
            .iter()
            .map(|t| (t.id.clone(), format!("{} ({})", t.name, t.level)))
            .collect(),
        Candidates::Level => items(&policy.levels),
        Candidates::Priority => items(&policy.priorities),
        Candidates::Category => items(&policy.categories),
        Candidates::RootCause => items(&policy.root_causes),
        Candidates::Tier => items(&policy.tiers),
        Candidates::Reply => policy
            .replies
            .iter()
            .map(|r| (r.id.clone(), r.description.clone().unwrap_or_default()))
            .collect(),
        Candidates::Ticket => {
            let filter = TicketFilter {
                statuses: vec![Status::Open, Status::Pending, Status::AwaitingSignoff],
                ..TicketFilter::default()
            };
            let order = Urgency::of(&policy, ctx.now());
            let (tickets, _) = ctx.queue()?.tickets(&filter, &order, Some(TICKETS))?;
            tickets
                .into_iter()
                .map(|t| (t.id.to_string(), crate::cmd::render::clip(&t.title, 60)))
                .collect()
        }
    })
}
