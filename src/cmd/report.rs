//! `esc report`: what a support manager needs to see, from the tickets and
//! the event log, for any window.

use std::io::Write;

use anyhow::Result;
use chrono_tz::Tz;
use comfy_table::{Cell, Color};

use super::Ctx;
use crate::clock::{Instant, human_span};
use crate::cmd::render;
use crate::error::EscError;
use crate::queue::report::Scope;
use crate::report::GroupBy;
use crate::report::{AGED_DAYS, Bucket, Group, Report, Target, Window};

/// Report volume, escalations, SLAs, quality, root causes and agents
///
/// Figures are about the tickets opened in the window (the cohort), except
/// resolved, reopened and backlog, which count what happened in it. With no
/// section, a one-screen overview with the trend (by day; by week past ten days).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc report\n  esc report sla --by team --since 2026-10-01 --until 2026-11-01\n  esc report escalations --since 7d --format csv > escalations.csv\n  esc report agents --format markdown"
)]
pub struct Args {
    /// What to show
    #[arg(value_enum, default_value_t = Section::Overview)]
    pub section: Section,

    /// Start of the window: a date (2026-11-01), an RFC 3339 instant, or a span back from now (7d) [default: 30 days before --until]
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,

    /// End of the window (not included), in the same forms [default: now]
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,

    /// Split the figures by this field of the tickets
    #[arg(long, value_parser = crate::cli::choice::<GroupBy>())]
    pub by: Option<GroupBy>,

    /// How to print
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Timezone of dates given without a time, and of the trend [default: UTC]
    #[arg(long, value_name = "IANA")]
    pub timezone: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Section {
    Overview,
    Sla,
    Escalations,
    RootCauses,
    Agents,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

/// The window `--since`, `--until` and `--timezone` say, as reports and
/// simulations take them: by default the 30 days up to `now`.
pub(super) fn window(
    now: Instant,
    since: Option<&str>,
    until: Option<&str>,
    timezone: Option<&str>,
) -> Result<Window, EscError> {
    let tz: Tz = match timezone {
        None => crate::clock::zone(),
        Some(name) => name.parse().map_err(|_| {
            EscError::usage(format!(
                "unknown timezone `{name}`: use an IANA name such as Europe/Berlin"
            ))
        })?,
    };
    let until = match until {
        Some(u) => parse_when(u, now, tz, "--until")?,
        None => now,
    };
    let since = match since {
        Some(s) => parse_when(s, now, tz, "--since")?,
        None => until - chrono::Duration::days(30),
    };
    if since >= until {
        return Err(EscError::usage(format!(
            "the window is empty: --since {} is not before --until {}",
            crate::clock::rfc3339(since),
            crate::clock::rfc3339(until)
        )));
    }
    Ok(Window { since, until, tz })
}

/// A date, an RFC 3339 instant, or a span back from `now`.
pub(super) fn parse_when(
    text: &str,
    now: Instant,
    tz: Tz,
    flag: &str,
) -> Result<Instant, EscError> {
    crate::report::when(text, now, tz).ok_or_else(|| {
        EscError::usage(format!(
            "invalid {flag} `{text}`: give a date (2026-11-01), an RFC 3339 instant (2026-11-01T09:00:00Z) or a span back from now (7d)"
        ))
    })
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let window = window(
        ctx.now(),
        args.since.as_deref(),
        args.until.as_deref(),
        args.timezone.as_deref(),
    )?;
    let scope = match args.section {
        Section::Overview => Scope::Overview,
        Section::Agents => Scope::CohortAndNames,
        Section::Sla | Section::Escalations | Section::RootCauses => Scope::Cohort,
    };
    let report = ctx.queue()?.report(window, args.by, scope)?;
    // A policy applied inside the window: its figures mix two versions'
    // targets and paths, and a reader comparing weeks must know.
    let changes: Vec<crate::store::PolicyVersion> = ctx
        .queue()?
        .policy_versions()?
        .into_iter()
        .filter(|v| v.version > 1 && v.applied_at > window.since && v.applied_at <= window.until)
        .collect();
    let format = if ctx.json() {
        Format::Json
    } else {
        args.format
    };
    if format == Format::Json {
        let mut v = serde_json::to_value(&report)?;
        v["policy_changes"] = serde_json::to_value(&changes)?;
        return ctx.out.json(&v);
    }
    let tz: Tz = report.timezone.parse().unwrap_or(Tz::UTC);
    let changed: Vec<String> = changes
        .iter()
        .map(|v| {
            format!(
                "the policy changed inside this window: version {} at {} by {}; the figures mix the versions before and after it",
                v.version,
                v.applied_at.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
                v.applied_by
            )
        })
        .collect();
    // A CSV is read by programs: the note goes aside.
    if format == Format::Csv {
        for line in &changed {
            crate::output::warn(line);
        }
    }
    let colour = format == Format::Table && ctx.colour;
    let sheets = sheets(&report, args.section);
    match format {
        Format::Table if args.section == Section::Overview && report.group_by.is_none() => {
            overview(&mut ctx.out, &report)?;
            for line in &changed {
                writeln!(
                    ctx.out,
                    "\n{}",
                    render::wrap_hanging(line, 2, render::width())
                )?;
            }
        }
        Format::Table => {
            writeln!(ctx.out, "{}", heading(&report))?;
            for line in &changed {
                writeln!(
                    ctx.out,
                    "{}",
                    render::wrap_hanging(line, 2, render::width())
                )?;
            }
            for s in &sheets {
                let mut t = render::table(s.header.iter().map(|h| h.to_uppercase()));
                for row in &s.rows {
                    t.add_row(row.iter().map(|c| c.to_comfy(colour)));
                }
                writeln!(ctx.out, "\n{}", s.title)?;
                writeln!(ctx.out.vetted(), "{t}")?;
            }
        }
        Format::Markdown => {
            writeln!(ctx.out, "# {}", heading(&report))?;
            for line in &changed {
                writeln!(ctx.out, "\n> Note: {line}.")?;
            }
            for s in &sheets {
                writeln!(ctx.out, "\n## {}\n", s.title)?;
                writeln!(ctx.out, "| {} |", s.header.join(" | "))?;
                writeln!(ctx.out, "|{}", "---|".repeat(s.header.len()))?;
                for row in &s.rows {
                    let cells: Vec<String> =
                        row.iter().map(|c| c.text.replace('|', "\\|")).collect();
                    writeln!(ctx.out, "| {} |", cells.join(" | "))?;
                }
            }
        }
        Format::Csv => {
            for (i, s) in sheets.iter().enumerate() {
                if i > 0 {
                    writeln!(ctx.out)?;
                }
                writeln!(
                    ctx.out,
                    "{}",
                    s.header
                        .iter()
                        .map(|h| crate::cmd::render::csv_field(h))
                        .collect::<Vec<_>>()
                        .join(",")
                )?;
                for row in &s.rows {
                    writeln!(
                        ctx.out,
                        "{}",
                        row.iter()
                            .map(|c| crate::cmd::render::csv_field(&c.raw))
                            .collect::<Vec<_>>()
                            .join(",")
                    )?;
                }
            }
        }
        Format::Json => unreachable!("printed above"),
    }
    Ok(())
}

fn heading(r: &Report) -> String {
    let days = (r.until - r.since).num_seconds() as f64 / 86_400.0;
    let days = if days.fract() == 0.0 {
        format!("{days:.0} days")
    } else {
        format!("{days:.1} days")
    };
    let tz: Tz = r.timezone.parse().unwrap_or(Tz::UTC);
    format!(
        "esc report: tickets opened {} to {} {} ({days})",
        r.since.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
        r.until.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
        r.timezone
    )
}

/// A cell: its text, the plain value for CSV, and whether it is good news.
#[derive(Clone)]
struct Text {
    text: String,
    raw: String,
    tone: Option<bool>,
}

impl Text {
    fn to_comfy(&self, colour: bool) -> Cell {
        // The table may go out vetted, colours and all: its text is made
        // visible here, as the output would have done.
        let cell = Cell::new(crate::output::visible(&self.text));
        match (colour, self.tone) {
            (true, Some(true)) => cell.fg(Color::Green),
            (true, Some(false)) => cell.fg(Color::Red),
            _ => cell,
        }
    }
}

fn plain(v: impl ToString) -> Text {
    let s = v.to_string();
    Text {
        text: s.clone(),
        raw: s,
        tone: None,
    }
}

fn pct(p: Option<f64>) -> Text {
    match p {
        None => Text {
            text: "—".into(),
            raw: String::new(),
            tone: None,
        },
        Some(p) => Text {
            text: format!("{:.1}%", p * 100.0),
            raw: format!("{:.4}", p),
            tone: Some(p >= 0.9),
        },
    }
}

fn secs(s: Option<i64>) -> Text {
    match s {
        None => Text {
            text: "—".into(),
            raw: String::new(),
            tone: None,
        },
        Some(s) => Text {
            text: human_span(s),
            raw: s.to_string(),
            tone: None,
        },
    }
}

fn count_bad(n: u64) -> Text {
    Text {
        text: n.to_string(),
        raw: n.to_string(),
        tone: (n > 0).then_some(false),
    }
}

struct Sheet {
    title: String,
    header: Vec<String>,
    rows: Vec<Vec<Text>>,
}

fn rows_of(r: &Report) -> Vec<&Group> {
    let mut all: Vec<&Group> = r.groups.iter().collect();
    all.push(&r.total);
    all
}

fn target_cells(t: &Target) -> Vec<Text> {
    vec![
        plain(t.met),
        count_bad(t.breached),
        pct(t.met_pct),
        secs(t.median_secs),
        secs(t.p90_secs),
        secs(t.median_business_secs),
        secs(t.p90_business_secs),
    ]
}

fn sheets(r: &Report, section: Section) -> Vec<Sheet> {
    let by = r
        .group_by
        .map_or("group".to_string(), |b| format!("{b:?}").to_lowercase());
    let header = |cols: &[&str]| {
        std::iter::once(by.clone())
            .chain(cols.iter().map(|c| c.to_string()))
            .collect()
    };
    match section {
        Section::Overview => vec![Sheet {
            title: "Overview".into(),
            header: header(&[
                "opened",
                "resolved",
                "merged",
                "reopened",
                "backlog",
                "aged",
                "escalated",
                "escalation rate",
                "first response met",
                "resolution met",
                "breaches",
                "csat",
            ]),
            rows: rows_of(r)
                .into_iter()
                .map(|g| {
                    vec![
                        plain(&g.key),
                        plain(g.volume.opened),
                        plain(g.volume.resolved),
                        plain(g.volume.merged),
                        plain(g.volume.reopened),
                        plain(g.volume.backlog),
                        count_bad(g.volume.aged),
                        plain(g.escalations.tickets),
                        pct(Some(g.escalations.rate)).untoned(),
                        pct(g.sla.first_response.met_pct),
                        pct(g.sla.resolution.met_pct),
                        count_bad(g.sla.breaches),
                        g.quality
                            .csat_average
                            .map_or_else(|| plain("—").blank(), |a| plain(format!("{a:.2}"))),
                    ]
                })
                .collect(),
        }],
        Section::Sla => {
            let target = |title: &str, pick: fn(&Group) -> &Target| Sheet {
                title: title.into(),
                header: header(&[
                    "met",
                    "breached",
                    "met %",
                    "median",
                    "p90",
                    "median (business)",
                    "p90 (business)",
                ]),
                rows: rows_of(r)
                    .into_iter()
                    .map(|g| [vec![plain(&g.key)], target_cells(pick(g))].concat())
                    .collect(),
            };
            vec![
                target("First response", |g| &g.sla.first_response),
                target("Resolution", |g| &g.sla.resolution),
                Sheet {
                    title: "Breaches and warnings".into(),
                    header: header(&["breaches", "warnings"]),
                    rows: rows_of(r)
                        .into_iter()
                        .map(|g| {
                            vec![
                                plain(&g.key),
                                count_bad(g.sla.breaches),
                                plain(g.sla.warnings),
                            ]
                        })
                        .collect(),
                },
            ]
        }
        Section::Escalations => {
            // One column for each level some ticket ended at, so that a
            // spreadsheet reads each count as a number.
            let levels: std::collections::BTreeSet<&String> = rows_of(r)
                .iter()
                .flat_map(|g| g.escalations.by_level.keys())
                .collect();
            let mut head = header(&[
                "opened",
                "escalated",
                "rate",
                "functional",
                "hierarchical",
                "automatic",
                "transfers mean",
                "transfers max",
            ]);
            head.extend(levels.iter().map(|l| format!("highest level {l}")));
            vec![Sheet {
                title: "Escalations".into(),
                header: head,
                rows: rows_of(r)
                    .into_iter()
                    .map(|g| {
                        let e = &g.escalations;
                        let mut row = vec![
                            plain(&g.key),
                            plain(g.volume.opened),
                            plain(e.tickets),
                            pct(Some(e.rate)).untoned(),
                            plain(e.functional),
                            plain(e.hierarchical),
                            plain(e.automatic),
                            plain(format!("{:.2}", e.transfers_mean)),
                            plain(e.transfers_max),
                        ];
                        row.extend(
                            levels
                                .iter()
                                .map(|l| plain(e.by_level.get(*l).copied().unwrap_or(0))),
                        );
                        row
                    })
                    .collect(),
            }]
        }
        Section::RootCauses => vec![Sheet {
            title: "Root causes of escalated tickets".into(),
            header: vec!["root cause".into(), "tickets".into(), "share".into()],
            rows: r
                .root_causes
                .iter()
                .map(|c| {
                    vec![
                        plain(&c.root_cause),
                        plain(c.tickets),
                        pct(Some(c.share)).untoned(),
                    ]
                })
                .collect(),
        }],
        Section::Agents => vec![Sheet {
            title: "Agents".into(),
            header: vec![
                "agent".into(),
                "handled".into(),
                "escalated onward".into(),
                "resolved".into(),
            ],
            rows: r
                .agents
                .iter()
                .map(|a| {
                    vec![
                        plain(&a.name),
                        plain(a.handled),
                        plain(a.escalated_onward),
                        plain(a.resolved),
                    ]
                })
                .collect(),
        }],
    }
}

impl Text {
    fn untoned(mut self) -> Text {
        self.tone = None;
        self
    }

    fn blank(mut self) -> Text {
        self.raw = String::new();
        self
    }
}

/// The one-screen overview: a few lines a manager reads in ten seconds,
/// then the trend as bars.
fn overview(out: &mut dyn std::io::Write, r: &Report) -> Result<()> {
    // The summary lines, each wrapped to the terminal under its label.
    let mut lines: Vec<u8> = Vec::new();
    let g = &r.total;
    let (v, e, s, q) = (&g.volume, &g.escalations, &g.sla, &g.quality);
    let p = |x: Option<f64>| x.map_or("—".to_string(), |x| format!("{:.1}%", x * 100.0));
    let d = |x: Option<i64>| x.map_or("—".to_string(), human_span);
    writeln!(out, "{}\n", heading(r))?;
    let summary = &mut lines;
    writeln!(
        summary,
        "Volume       {} opened · {} resolved{} · {} reopened · backlog {} at the end, {} open over {AGED_DAYS} days",
        v.opened,
        v.resolved,
        if v.merged > 0 {
            format!(" · {} merged", v.merged)
        } else {
            String::new()
        },
        v.reopened,
        v.backlog,
        v.aged
    )?;
    if r.problems.cases > 0 {
        writeln!(
            summary,
            "Problems     {} opened as cases of {}",
            plural(r.problems.cases, "ticket", ""),
            plural(r.problems.problems, "problem", ""),
        )?;
    }
    writeln!(
        summary,
        "Escalations  {} of {} tickets ({}): {} functional, {} hierarchical, {} automatic · transfers {:.2} a ticket, at most {}{}",
        e.tickets,
        v.opened,
        p(Some(e.rate)),
        e.functional,
        e.hierarchical,
        e.automatic,
        e.transfers_mean,
        e.transfers_max,
        match r.deescalations {
            0 => String::new(),
            1 => " · 1 de-escalation".to_string(),
            n => format!(" · {n} de-escalations"),
        }
    )?;
    for (name, t) in [
        ("first response", &s.first_response),
        ("resolution", &s.resolution),
    ] {
        writeln!(
            summary,
            "{:13}{name} {} met ({} breached) · median {}, p90 {} · business time {} / {}",
            if name == "first response" { "SLA" } else { "" },
            p(t.met_pct),
            t.breached,
            d(t.median_secs),
            d(t.p90_secs),
            d(t.median_business_secs),
            d(t.p90_business_secs)
        )?;
    }
    writeln!(
        summary,
        "             {} recorded",
        [
            plural(s.breaches, "breach", ""),
            plural(s.warnings, "warning", "")
        ]
        .join(", ")
        .replace("breachs", "breaches")
    )?;
    let dist: Vec<String> = q
        .csat_distribution
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{}:{n}", i + 1))
        .collect();
    writeln!(
        summary,
        "Quality      CSAT {} from {} · {} reopened after resolution · {}",
        q.csat_average.map_or("—".into(), |a| format!("{a:.2}")),
        plural(q.csat_count, "rating", &format!(" [{}]", dist.join(" "))),
        q.reopened_tickets,
        plural(q.signoffs_pending, "sign-off", " pending")
    )?;
    let causes: Vec<String> = r
        .root_causes
        .iter()
        .take(3)
        .map(|c| format!("{} {} ({:.0}%)", c.root_cause, c.tickets, c.share * 100.0))
        .collect();
    writeln!(
        summary,
        "Root causes  {}",
        if causes.is_empty() {
            "— (of escalated tickets)".into()
        } else {
            format!("of escalated tickets: {}", causes.join(", "))
        }
    )?;
    let n = r.notifications;
    writeln!(
        summary,
        "Notified     {} · {} sent · {} given up on · {} waiting",
        super::policy::count(n.queued as usize, "notification"),
        n.sent,
        n.failed,
        n.waiting
    )?;
    if n.replies > 0 {
        writeln!(
            summary,
            "Replied      {} by agents, by mail to customers · {} sent",
            super::policy::count(n.replies as usize, "reply"),
            n.replies_sent
        )?;
    }
    let width = crate::cmd::render::width();
    for line in String::from_utf8_lossy(&lines).lines() {
        writeln!(out, "{}", crate::cmd::render::wrap_hanging(line, 13, width))?;
    }
    let (bucket, trend) = on_screen(r.trend_bucket, &r.trend);
    if trend.len() > 1 && trend.len() <= 92 {
        let max = |f: fn(&crate::report::Day) -> u64| trend.iter().map(f).max().unwrap_or(0);
        let (mo, me, mb) = (max(|d| d.opened), max(|d| d.escalated), max(|d| d.breached));
        let (title, label) = match bucket {
            Bucket::Day => ("Daily", "%m-%d %a"),
            Bucket::Week => ("Weekly", "%Y-%m-%d"),
            Bucket::Month => ("Monthly", "%Y-%m"),
            Bucket::Year => ("Yearly", "%Y"),
        };
        // The title heads the date column: one line less on the screen.
        let heading = format!("{title} ({})", r.timezone);
        let first = (heading.chars().count() + 1).max(16);
        writeln!(
            out,
            "\n{heading:first$}{:16}{:16}breached",
            "opened", "escalated"
        )?;
        for day in &trend {
            let cell = |n: u64, max: u64| format!("{} {n}", bar(n, max));
            let line = format!(
                "{:first$}{:16}{:16}{}",
                day.date.format(label).to_string(),
                cell(day.opened, mo),
                cell(day.escalated, me),
                cell(day.breached, mb)
            );
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    Ok(())
}

/// The trend as one screen holds it: more than ten days fold into weeks
/// (from Monday; the first row starts where the window does), so that a
/// month's overview fits 80x24. JSON keeps every day.
fn on_screen(bucket: Bucket, trend: &[crate::report::Day]) -> (Bucket, Vec<crate::report::Day>) {
    use chrono::Datelike;
    if bucket != Bucket::Day || trend.len() <= 10 {
        return (bucket, trend.to_vec());
    }
    let mut weeks: Vec<crate::report::Day> = Vec::new();
    for day in trend {
        match weeks.last_mut() {
            Some(week) if day.date.weekday() != chrono::Weekday::Mon => {
                week.opened += day.opened;
                week.escalated += day.escalated;
                week.breached += day.breached;
            }
            _ => weeks.push(day.clone()),
        }
    }
    (Bucket::Week, weeks)
}

/// A bar of at most ten cells, in eighths.
fn bar(n: u64, max: u64) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    if max == 0 || n == 0 {
        return String::new();
    }
    let eighths = ((n * 80).div_ceil(max)) as usize;
    format!("{}{}", "█".repeat(eighths / 8), PARTS[eighths % 8])
}

/// `1 rating [..]`, `2 ratings [..]`.
fn plural(n: u64, noun: &str, rest: &str) -> String {
    format!("{n} {noun}{}{rest}", if n == 1 { "" } else { "s" })
}
