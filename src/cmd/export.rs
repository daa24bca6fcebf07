//! `esc export`: the queue for other tools, as JSON lines (every ticket
//! with its whole history) or as a ticket sheet for spreadsheets.

use std::io::Write;

use anyhow::Result;
use chrono_tz::Tz;

use super::Ctx;
use crate::clock::{Instant, rfc3339};
use crate::cmd::render::csv_field;
use crate::error::EscError;
use crate::ticket::Ticket;

/// The version of the JSON-lines format; docs/export-import.md documents
/// it. Version 2 added customers' mail, version 3 the tickets that belong
/// together (merged, under a parent, related, watched, copying) and the
/// ledger of recurring tickets; this esc reads 1 and 2 too.
pub const FORMAT_VERSION: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object a line
    Jsonl,
    /// Comma-separated, with a header row (only with --tickets)
    Csv,
}

/// Write the queue out: every ticket with its whole history, or a sheet
///
/// By default, JSON lines: first a header (the format's version, how many
/// tickets follow, every policy version, text included, the mail kept on
/// no ticket and the addresses that bounced), then one line a ticket: the
/// ticket as `esc show --json` gives it, with its events, its
/// notifications and its mail (each message's bytes in base64). With --tickets, one row a ticket for a spreadsheet:
/// ISO-8601 times in UTC, SLA standing, level, team, root cause, CSAT. No
/// CSV cell is ever a formula. Every ticket by default, resolved ones
/// too; the filters of `esc list` narrow it, and --since/--until choose by
/// when tickets were opened.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc export > queue.jsonl\n  esc export --tickets > tickets.csv\n  esc export --tickets --team finance --since 2026-10-01 --until 2026-11-01 > october.csv"
)]
pub struct Args {
    /// A sheet of tickets (one row each) instead of their whole histories
    #[arg(long)]
    pub tickets: bool,

    /// jsonl, or csv (a ticket sheet) [default: jsonl; csv with --tickets]
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Only tickets opened at or after: a date (2026-11-01), an RFC 3339 instant, or a span back from now (7d)
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,

    /// Only tickets opened before this (same forms as --since)
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,

    #[command(flatten)]
    pub filters: super::filters::Filters,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let format = match (args.format, args.tickets) {
        (Some(f), _) => f,
        (None, true) => Format::Csv,
        (None, false) => Format::Jsonl,
    };
    if format == Format::Csv && !args.tickets {
        return Err(EscError::usage("a whole history is JSON lines, not CSV")
            .with_hint("`esc export --tickets` writes a CSV sheet of tickets")
            .into());
    }
    let when = |text: &Option<String>, flag| {
        text.as_deref()
            .map(|t| super::report::parse_when(t, ctx.now(), Tz::UTC, flag))
            .transpose()
    };
    let (since, until) = (when(&args.since, "--since")?, when(&args.until, "--until")?);
    let mut filter = args.filters.filter(ctx, false)?;
    if since.is_some() || until.is_some() {
        let since = since.unwrap_or(Instant::MIN_UTC);
        let until = until.unwrap_or(Instant::MAX_UTC);
        if since >= until {
            return Err(EscError::usage(format!(
                "the window is empty: --since {} is not before --until {}",
                rfc3339(since),
                rfc3339(until)
            ))
            .into());
        }
        filter.opened_in = Some((since, until));
    }
    let ids = ctx.queue()?.ticket_ids(&filter)?;
    if args.tickets {
        return sheet(ctx, &ids, format);
    }
    let policies: Vec<serde_json::Value> = ctx
        .queue()?
        .policy_versions()?
        .into_iter()
        .map(|v| {
            serde_json::json!({
                "version": v.version, "digest": v.digest, "text": v.text,
                "applied_by": v.applied_by, "applied_at": v.applied_at, "message": v.message,
            })
        })
        .collect();
    let loose = ctx.queue()?.loose()?;
    ctx.out.json_line(&serde_json::json!({
        "esc_export": FORMAT_VERSION,
        "tickets": ids.len(),
        "policies": policies,
        "mail": loose.mail,
        "undeliverable": loose.undeliverable,
        "occurrences": loose.occurrences,
    }))?;
    // A ticket at a time: memory holds one history, whatever the queue.
    for id in ids {
        let t = ctx.queue()?.whole(id)?;
        let mail = ctx.queue()?.exported_mail(Some(id))?;
        ctx.out.json_line(&serde_json::json!({
            "ticket": t.ticket, "events": t.events, "notifications": t.notifications,
            "mail": mail,
        }))?;
    }
    Ok(())
}

/// A column of the ticket sheet: its name, and how it is read off a ticket.
type Column = (&'static str, fn(&Ticket) -> String);

const COLUMNS: &[Column] = &[
    ("id", |t| t.id.to_string()),
    ("title", |t| t.title.clone()),
    ("customer", |t| t.customer.clone()),
    ("email", |t| t.email.clone().unwrap_or_default()),
    ("tier", |t| t.tier.clone()),
    ("channel", |t| t.channel.to_string()),
    ("category", |t| t.category.clone()),
    ("priority", |t| t.priority.clone()),
    ("status", |t| t.status.to_string()),
    ("team", |t| t.team.clone()),
    ("level", |t| t.level.clone()),
    ("assignee", |t| t.assignee.clone().unwrap_or_default()),
    ("tags", |t| t.tags.join(" ")),
    ("opened_at", |t| rfc3339(t.opened_at)),
    ("first_response_at", |t| time(t.first_response_at)),
    ("resolved_at", |t| time(t.resolved_at)),
    ("sla_due_at", |t| time(t.due.sla_at)),
    ("breached_at", |t| time(t.due.breached_at)),
    ("first_response_outcome", |t| {
        t.stats
            .first_response
            .map(|o| o.as_str().to_string())
            .unwrap_or_default()
    }),
    ("resolution_outcome", |t| {
        t.stats
            .resolution
            .map(|o| o.as_str().to_string())
            .unwrap_or_default()
    }),
    ("escalations", |t| t.stats.escalations.to_string()),
    ("transfers", |t| t.stats.transfers.to_string()),
    ("reopens", |t| t.stats.reopens.to_string()),
    ("root_cause", |t| t.root_cause.clone().unwrap_or_default()),
    ("csat", |t| {
        t.csat.map(|c| c.to_string()).unwrap_or_default()
    }),
];

fn time(t: Option<Instant>) -> String {
    t.map(rfc3339).unwrap_or_default()
}

fn sheet(ctx: &mut Ctx, ids: &[crate::ticket::TicketId], format: Format) -> Result<()> {
    if format == Format::Csv {
        let header: Vec<&str> = COLUMNS.iter().map(|(name, _)| *name).collect();
        writeln!(ctx.out, "{}", header.join(","))?;
    }
    for &id in ids {
        let ticket = ctx.queue()?.ticket(id)?;
        match format {
            Format::Csv => {
                let row: Vec<String> = COLUMNS
                    .iter()
                    .map(|(_, cell)| csv_field(&cell(&ticket)))
                    .collect();
                writeln!(ctx.out, "{}", row.join(","))?;
            }
            Format::Jsonl => ctx.out.json_line(&ticket)?,
        }
    }
    Ok(())
}
