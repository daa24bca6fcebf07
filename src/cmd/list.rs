//! `esc list`: the queue, most urgent first.

use anyhow::Result;

use super::Ctx;
use crate::clock::ago;
use crate::lifecycle::Urgency;
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

    #[arg(long)]
    pub team: Option<String>,

    #[arg(long, short)]
    pub level: Option<String>,

    #[arg(long, conflicts_with_all = ["mine", "unassigned"])]
    pub assignee: Option<String>,

    /// Only tickets assigned to you (see --as)
    #[arg(long, conflicts_with = "unassigned")]
    pub mine: bool,

    /// Only tickets nobody is assigned to
    #[arg(long)]
    pub unassigned: bool,

    #[arg(long, short)]
    pub priority: Option<String>,

    #[arg(long)]
    pub category: Option<String>,

    #[arg(long)]
    pub customer: Option<String>,

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
        return render::json(ctx.out, &tickets);
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
        table.add_row([
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
        ]);
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
