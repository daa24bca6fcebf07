//! `esc list`: the queue, most urgent first.

use anyhow::Result;
use std::io::Write;

use super::Ctx;
use crate::clock::{ago, rfc3339};
use crate::cmd::render;
use crate::lifecycle::Urgency;
use crate::output::Format;
use crate::ticket::Status;
use comfy_table::Color;

/// List tickets, most urgent first
///
/// By default only live tickets (open, pending, awaiting sign-off) are
/// listed. Filters combine: every one given must match.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc list --team finance\n  esc list --mine\n  esc list --all --customer acme\n  esc list --search 'card charged twice' --all\n  esc list --status pending --json"
)]
pub struct Args {
    #[command(flatten)]
    pub filters: super::filters::Filters,

    /// Only tickets whose title, description, customer or notes hold every
    /// word of TEXT (in any case; `parcels` finds `parcel`); with --all,
    /// resolved tickets too
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,

    /// Show at most this many tickets (0 shows all)
    #[arg(long, short = 'n', default_value_t = 50)]
    pub limit: usize,

    /// table (fitted to the terminal's width, or COLUMNS), tsv or csv (a header, then every value whole), or json [default: table on a terminal, tsv elsewhere; json with --json]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
}

/// The columns of a listing, for tables and for programs.
const HEADERS: [&str; 10] = [
    "ID", "PRIORITY", "STATUS", "LEVEL", "TEAM", "ASSIGNEE", "CUSTOMER", "OPENED", "SLA", "TITLE",
];

/// Which go first when a table is too wide: the ones an agent scanning the
/// queue can do without longest (OPENED, CUSTOMER, TEAM, STATUS, whose
/// `pending` the SLA cell says as `paused`), so that at 80 columns a row
/// still says the ticket, its urgency, who has it and how far it is
/// escalated; then ASSIGNEE, LEVEL and PRIORITY on narrower ones.
const DROP: [usize; 7] = [7, 6, 4, 2, 5, 3, 1];

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let mut filter = args.filters.filter(ctx, true)?;
    // Someone looking for a customer types part of the name, in any case.
    filter.customer_contains = filter.customer.take();
    if let Some(text) = args.search {
        if crate::store::words(&text).next().is_none() {
            return Err(crate::error::EscError::usage(format!(
                "--search `{}` has no word to look for",
                crate::output::visible(&text)
            ))
            .with_hint("give words of the title, description, customer or notes")
            .into());
        }
        filter.search = Some(text);
    }
    let order = Urgency::of(&*ctx.policy()?, ctx.now());
    let limit = (args.limit > 0).then_some(args.limit);
    let (tickets, total) = ctx.queue()?.tickets(&filter, &order, limit)?;
    let total = total as usize;
    let format = Format::chosen(args.format, ctx.json(), ctx.terminal);
    if format != Format::Table && tickets.len() < total {
        // Programs read every line of the output: the note goes aside.
        crate::output::warn(&format!(
            "esc list: {} of {total} tickets printed, most urgent first; --limit 0 prints all",
            tickets.len()
        ));
    }
    match format {
        Format::Json => return ctx.out.json(&tickets),
        Format::Tsv | Format::Csv => return values(ctx, &tickets, format),
        Format::Table => {}
    }
    if tickets.is_empty() {
        writeln!(ctx.out, "no tickets match")?;
        return Ok(());
    }
    let rows = tickets
        .iter()
        .map(|t| {
            vec![
                format!("#{}", t.id),
                t.priority.clone(),
                status_word(t.status).to_string(),
                t.level.clone(),
                t.team.clone(),
                render::dash(t.assignee.as_deref()),
                render::clip(&t.customer, 20),
                ago(t.opened_at, ctx.now()),
                render::sla(t, ctx.now()),
                t.title.clone(),
            ]
        })
        .collect();
    let policy = ctx.policy()?;
    let lowest = policy.levels.first().map(|l| l.id.as_str());
    let tones = tickets
        .iter()
        .map(|t| {
            let mut tone = vec![None; HEADERS.len()];
            // The SLA red once breached, yellow within the hour; a ticket
            // raised above the first level stands out.
            tone[8] = match (t.due.breached_at, t.due.sla_at) {
                (Some(_), _) => Some(Color::Red),
                (_, Some(d)) if d <= ctx.now() => Some(Color::Red),
                (_, Some(d)) if d - ctx.now() <= chrono::Duration::hours(1) => Some(Color::Yellow),
                _ => None,
            };
            if Some(t.level.as_str()) != lowest {
                tone[3] = Some(Color::Cyan);
            }
            tone
        })
        .collect();
    let table = render::Fitted {
        headers: &HEADERS,
        rows,
        flexible: 9,
        drop: &DROP,
        tones,
    };
    let colour = ctx.colour;
    let drawn = table.render(render::width(), colour);
    // In colour the table carries escapes of its own; its text was made
    // visible cell by cell.
    let out = if colour {
        ctx.out.vetted()
    } else {
        &mut ctx.out
    };
    writeln!(out, "{drawn}")?;
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

/// A status in a word short enough for its column; `tsv`, `csv` and
/// `json` keep the queue's own word.
fn status_word(status: Status) -> &'static str {
    match status {
        Status::AwaitingSignoff => "sign-off",
        other => other.as_str(),
    }
}

/// Every ticket's values whole, for a program: times in RFC 3339, nothing
/// for what is not set.
fn values(ctx: &mut Ctx, tickets: &[crate::ticket::Ticket], format: Format) -> Result<()> {
    let line = |fields: Vec<String>| render::values_line(&fields, format == Format::Csv);
    let time = |t: Option<crate::clock::Instant>| t.map(rfc3339).unwrap_or_default();
    // The escaping above leaves nothing that acts on a terminal; the
    // separators must pass as they are.
    let out = ctx.out.vetted();
    writeln!(
        out,
        "{}",
        line(
            [
                "id",
                "priority",
                "status",
                "level",
                "team",
                "assignee",
                "customer",
                "opened_at",
                "sla_due_at",
                "breached_at",
                "title",
            ]
            .map(String::from)
            .to_vec()
        )
    )?;
    for t in tickets {
        writeln!(
            out,
            "{}",
            line(vec![
                t.id.to_string(),
                t.priority.clone(),
                t.status.to_string(),
                t.level.clone(),
                t.team.clone(),
                t.assignee.clone().unwrap_or_default(),
                t.customer.clone(),
                rfc3339(t.opened_at),
                time(t.due.sla_at),
                time(t.due.breached_at),
                t.title.clone(),
            ])
        )?;
    }
    Ok(())
}
