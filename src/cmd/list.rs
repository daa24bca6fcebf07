//! `esc list`: the queue, most urgent first.

use anyhow::Result;
use std::io::Write;

use super::Ctx;
use crate::clock::ago;
use crate::error::EscError;
use crate::lifecycle::Urgency;
use crate::policy::Policy;
use crate::render;
use crate::store::TicketFilter;
use crate::ticket::Status;

/// List tickets, most urgent first
///
/// By default only live tickets (open, pending, awaiting sign-off) are
/// listed. Filters combine: every one given must match.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc list --team finance\n  esc list --mine\n  esc list --all --customer acme\n  esc list --status pending --json"
)]
pub struct Args {
    /// Only tickets in this status; repeat for several
    #[arg(long, short, value_parser = crate::cli::choice::<Status>())]
    pub status: Vec<Status>,

    /// Every ticket, resolved ones too
    #[arg(long, short, conflicts_with = "status")]
    pub all: bool,

    /// Only tickets with this team, by its id in the policy
    #[arg(long)]
    pub team: Option<String>,

    /// Only tickets at this level (e.g. L2)
    #[arg(long, short)]
    pub level: Option<String>,

    /// Only tickets assigned to this person
    #[arg(long, conflicts_with_all = ["mine", "unassigned"])]
    pub assignee: Option<String>,

    /// Only tickets assigned to you (see --as)
    #[arg(long, conflicts_with = "unassigned")]
    pub mine: bool,

    /// Only tickets nobody is assigned to
    #[arg(long)]
    pub unassigned: bool,

    /// Only tickets with this priority
    #[arg(long, short)]
    pub priority: Option<String>,

    /// Only tickets in this category
    #[arg(long)]
    pub category: Option<String>,

    /// Only this customer's tickets (the exact name)
    #[arg(long)]
    pub customer: Option<String>,

    /// Only tickets carrying this tag
    #[arg(long)]
    pub tag: Option<String>,

    /// Only tickets with a breached SLA in their current cycle
    #[arg(long)]
    pub breached: bool,

    /// Only tickets with an SLA target due within this long (e.g. 2h)
    #[arg(long, value_name = "DURATION", value_parser = crate::duration::parse_span)]
    pub due_within: Option<crate::duration::Span>,

    /// Show at most this many tickets (0 shows all)
    #[arg(long, short = 'n', default_value_t = 50)]
    pub limit: usize,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let statuses = match (args.all, args.status.is_empty()) {
        (true, _) => vec![],
        (false, true) => vec![Status::Open, Status::Pending, Status::AwaitingSignoff],
        (false, false) => args.status,
    };
    let assignee = if args.mine {
        Some(ctx.actor()?)
    } else {
        args.assignee
    };
    for (flag, what, value) in [
        ("--team", Named::Team, &args.team),
        ("--level", Named::Level, &args.level),
        ("--priority", Named::Priority, &args.priority),
        ("--category", Named::Category, &args.category),
    ] {
        if let Some(value) = value {
            defined(ctx, flag, what, value)?;
        }
    }
    let filter = TicketFilter {
        statuses,
        team: args.team,
        level: args.level,
        assignee,
        unassigned: args.unassigned,
        priority: args.priority,
        category: args.category,
        customer: args.customer,
        tag: args.tag,
        breached_at: args.breached.then_some(ctx.now),
        sla_due_by: args
            .due_within
            .map(|d| ctx.now + chrono::Duration::seconds(d.as_secs())),
    };
    let order = Urgency::of(&*ctx.policy()?, ctx.now);
    let limit = (args.limit > 0).then_some(args.limit);
    let (tickets, total) = ctx.store()?.tickets(&filter, &order, limit)?;
    let total = total as usize;
    if ctx.json() {
        return ctx.out.json(&tickets);
    }
    if tickets.is_empty() {
        writeln!(ctx.out, "no tickets match")?;
        return Ok(());
    }
    let mut table = render::table([
        "ID", "PRIORITY", "STATUS", "LEVEL", "TEAM", "ASSIGNEE", "CUSTOMER", "OPENED", "SLA",
        "TITLE",
    ]);
    for t in &tickets {
        table.add_row(render::row([
            format!("#{}", t.id),
            t.priority.clone(),
            t.status.to_string(),
            t.level.clone(),
            t.team.clone(),
            render::dash(t.assignee.as_deref()),
            render::clip(&t.customer, 20),
            ago(t.opened_at, ctx.now),
            render::sla(t, ctx.now),
            render::clip(&t.title, 40),
        ]));
    }
    writeln!(ctx.out, "{table}")?;
    if tickets.len() < total {
        writeln!(
            ctx.out,
            "{} of {total} tickets, most urgent first; --limit 0 shows all",
            tickets.len()
        )?;
    } else {
        let s = if total == 1 { "" } else { "s" };
        writeln!(ctx.out, "{total} ticket{s}")?;
    }
    Ok(())
}

/// The names a filter can take from the policy.
#[derive(Clone, Copy)]
enum Named {
    Team,
    Level,
    Priority,
    Category,
}

impl Named {
    fn ids(self, p: &Policy) -> Vec<&str> {
        match self {
            Named::Team => p.teams.iter().map(|t| t.id.as_str()).collect(),
            Named::Level => p.levels.iter().map(|i| i.id.as_str()).collect(),
            Named::Priority => p.priorities.iter().map(|i| i.id.as_str()).collect(),
            Named::Category => p.categories.iter().map(|i| i.id.as_str()).collect(),
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Named::Team => "team",
            Named::Level => "level",
            Named::Priority => "priority",
            Named::Category => "category",
        }
    }
}

/// A filter value must be a name the policy defines, or one an earlier
/// version defined (its tickets may still carry it): a typo is a usage
/// error, not an empty list.
fn defined(ctx: &Ctx, flag: &str, what: Named, value: &str) -> Result<()> {
    let current = ctx.policy()?;
    if what.ids(&current).contains(&value) {
        return Ok(());
    }
    let versions = ctx.store()?.policy_versions()?;
    let earlier = versions.iter().any(|v| {
        Policy::parse(&v.text, "an earlier policy version")
            .is_ok_and(|p| what.ids(&p).contains(&value))
    });
    if earlier {
        return Ok(());
    }
    Err(EscError::usage(format!(
        "unknown {} `{value}` for {flag}; the policy defines: {}",
        what.noun(),
        what.ids(&current).join(", ")
    ))
    .with_hint("`esc policy show` lists everything the policy defines")
    .into())
}
