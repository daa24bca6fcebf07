//! `esc list`: the queue, most urgent first.

use anyhow::Result;
use std::io::Write;

use super::Ctx;
use crate::clock::ago;
use crate::lifecycle::Urgency;
use crate::render;

/// List tickets, most urgent first
///
/// By default only live tickets (open, pending, awaiting sign-off) are
/// listed. Filters combine: every one given must match.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc list --team finance\n  esc list --mine\n  esc list --all --customer acme\n  esc list --status pending --json"
)]
pub struct Args {
    #[command(flatten)]
    pub filters: super::filters::Filters,

    /// Show at most this many tickets (0 shows all)
    #[arg(long, short = 'n', default_value_t = 50)]
    pub limit: usize,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let filter = args.filters.filter(ctx, true)?;
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
