//! `esc policy simulate`: what a candidate policy would have done to the
//! tickets of a window, beside what the versions in force did. Nothing is
//! written.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use super::Ctx;
use super::report::{Format, window};
use crate::cmd::render;
use crate::error::EscError;
use crate::policy::Policy;
use crate::queue::simulate::{Fate, Named, Pair, Side, Sides, Simulation, first_difference};
use crate::report::GroupBy;
use crate::simulate::differs;
use crate::ticket::TicketId;

/// Replay a window's tickets under a candidate policy, beside the versions in force
///
/// Every ticket opened in the window is replayed twice up to now: under the
/// policy versions that governed it (which must give back its log), and
/// under the candidate as if it had governed from the start. People's
/// actions keep their instants; warnings, breaches, steps, triggers and
/// notifications are decided afresh. Nothing is written.
///
/// An action the candidate cannot express (a team or level it removed, a
/// signer it does not name) leaves its ticket out of the figures, listed
/// with the reason. An action the ticket no longer needed (an escalation
/// the candidate's steps had already made) is counted as not needed.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc policy simulate draft.toml\n  esc policy simulate draft.toml --since 2026-10-01 --until 2026-11-01 --by team\n  esc policy simulate draft.toml --tickets\n  esc policy simulate draft.toml --ticket 812\n  esc policy simulate draft.toml --format csv > simulation.csv"
)]
pub struct Args {
    /// The candidate policy file
    pub candidate: PathBuf,

    /// Start of the window of openings: a date (2026-11-01), an RFC 3339 instant, or a span back from now (7d) [default: 30 days before --until]
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,

    /// End of the window (not included), in the same forms [default: now]
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,

    /// Split the figures by this field of the tickets, as they stand
    #[arg(long, value_parser = crate::cli::choice::<GroupBy>())]
    pub by: Option<GroupBy>,

    /// List each ticket the candidate would treat otherwise, with the first difference
    #[arg(long, conflicts_with = "ticket")]
    pub tickets: bool,

    /// Show one ticket's automatic timeline under both, whenever it was opened
    #[arg(long, value_name = "ID", value_parser = crate::cli::ticket_id)]
    pub ticket: Option<TicketId>,

    /// How to print
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Timezone of dates given without a time [default: UTC]
    #[arg(long, value_name = "IANA")]
    pub timezone: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let candidate = Policy::load(&args.candidate).map_err(EscError::from)?;
    let versions = ctx.queue()?.versions()?;
    let sides = versions.beside(&candidate);
    let label = args.candidate.display().to_string();
    if let Some(id) = args.ticket {
        return one_ticket(ctx, &sides, id, &label);
    }
    let crate::report::Window { since, until, .. } = window(
        ctx.now(),
        args.since.as_deref(),
        args.until.as_deref(),
        args.timezone.as_deref(),
    )?;
    let head = Simulation {
        since,
        until,
        now: ctx.now(),
        candidate: Named {
            file: label,
            name: candidate.name.clone(),
            digest: candidate.digest[..16].to_string(),
        },
        versions: versions.numbers(),
        group_by: args.by,
        replayed: 0,
        differing: 0,
        groups: BTreeMap::new(),
        total: Pair::default(),
        unreplayable: Vec::new(),
        differences: Vec::new(),
        recurring: Default::default(),
    };
    let sim = ctx.queue()?.simulate(&sides, head, args.tickets)?;
    print(ctx, &sim, args.format, args.tickets)
}

/// One row of the figures: its name and its two values, as text and raw.
struct Line {
    figure: String,
    baseline: Value,
    candidate: Value,
}

#[derive(Clone, Copy)]
enum Value {
    Count(u64),
    /// A share in [0, 1], or none when nothing was measured.
    Share(Option<f64>),
}

impl Value {
    fn text(self) -> String {
        match self {
            Value::Count(n) => n.to_string(),
            Value::Share(Some(x)) => format!("{:.1}%", x * 100.0),
            Value::Share(None) => "—".into(),
        }
    }

    fn raw(self) -> String {
        match self {
            Value::Count(n) => n.to_string(),
            Value::Share(Some(x)) => format!("{x:.4}"),
            Value::Share(None) => String::new(),
        }
    }
}

impl Line {
    /// The candidate less the baseline: a count, or percentage points.
    fn change(&self, raw: bool) -> String {
        match (self.baseline, self.candidate) {
            (Value::Count(a), Value::Count(b)) => match b as i64 - a as i64 {
                0 if !raw => "—".into(),
                d if raw => d.to_string(),
                d => format!("{d:+}"),
            },
            (Value::Share(Some(a)), Value::Share(Some(b))) => {
                let d = (b - a) * 100.0;
                if raw {
                    format!("{:.4}", b - a)
                } else if d.abs() < 0.05 {
                    "—".into()
                } else {
                    format!("{d:+.1} pts")
                }
            }
            _ if raw => String::new(),
            _ => "—".into(),
        }
    }
}

fn met(t: &crate::simulate::Targets) -> Value {
    let measured = t.met + t.breached;
    Value::Share((measured > 0).then(|| t.met as f64 / measured as f64))
}

/// The figures of a pair, row by row: every level either reached and every
/// person either told.
fn lines(pair: &Pair) -> Vec<Line> {
    let (a, b) = (&pair.baseline, &pair.candidate);
    let mut rows = Vec::new();
    let mut row = |figure: &str, x: Value, y: Value| {
        rows.push(Line {
            figure: figure.to_string(),
            baseline: x,
            candidate: y,
        })
    };
    let c = Value::Count;
    row("tickets", c(a.tickets), c(b.tickets));
    row(
        "first response met",
        met(&a.first_response),
        met(&b.first_response),
    );
    row(
        "first response breached",
        c(a.first_response.breached),
        c(b.first_response.breached),
    );
    row("resolution met", met(&a.resolution), met(&b.resolution));
    row(
        "resolution breached",
        c(a.resolution.breached),
        c(b.resolution.breached),
    );
    row("SLA warnings", c(a.warnings), c(b.warnings));
    row("SLA breaches", c(a.breaches), c(b.breaches));
    row(
        "escalations",
        c(a.escalations.total),
        c(b.escalations.total),
    );
    row(
        "  functional",
        c(a.escalations.functional),
        c(b.escalations.functional),
    );
    row(
        "  hierarchical",
        c(a.escalations.hierarchical),
        c(b.escalations.hierarchical),
    );
    row(
        "  automatic",
        c(a.escalations.automatic),
        c(b.escalations.automatic),
    );
    let count = |m: &BTreeMap<String, u64>, k: &str| c(m.get(k).copied().unwrap_or(0));
    for level in union(&a.top_level, &b.top_level) {
        row(
            &format!("highest level {level}"),
            count(&a.top_level, &level),
            count(&b.top_level, &level),
        );
    }
    row(
        "sign-offs required",
        c(a.signoffs_required),
        c(b.signoffs_required),
    );
    row(
        "reopened by triggers",
        c(a.reopened_by_triggers),
        c(b.reopened_by_triggers),
    );
    for person in union(&a.notifications, &b.notifications) {
        row(
            &format!("notifications to {person}"),
            count(&a.notifications, &person),
            count(&b.notifications, &person),
        );
    }
    row(
        "actions not needed",
        c(a.actions_not_needed),
        c(b.actions_not_needed),
    );
    rows
}

fn union(a: &BTreeMap<String, u64>, b: &BTreeMap<String, u64>) -> Vec<String> {
    let mut keys: Vec<String> = a.keys().chain(b.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    keys
}

fn print(ctx: &mut Ctx, sim: &Simulation, format: Format, tickets: bool) -> Result<()> {
    let format = if ctx.json() { Format::Json } else { format };
    if format == Format::Json {
        return ctx.out.json(sim);
    }
    let grouped = sim.group_by.is_some();
    let mut header = vec!["figure"];
    if grouped {
        header.push(sim.group_by.map_or("", |b| b.as_str()));
    }
    header.extend(["baseline", "candidate", "change"]);
    let mut sheet: Vec<Vec<(String, String)>> = Vec::new();
    let pairs = sim
        .groups
        .iter()
        .map(|(k, p)| (k.as_str(), p))
        .chain([("total", &sim.total)]);
    for (group, pair) in pairs {
        for line in lines(pair) {
            let mut cells = vec![(line.figure.clone(), line.figure.trim().to_string())];
            if grouped {
                cells.push((group.to_string(), group.to_string()));
            }
            cells.push((line.baseline.text(), line.baseline.raw()));
            cells.push((line.candidate.text(), line.candidate.raw()));
            cells.push((line.change(false), line.change(true)));
            sheet.push(cells);
        }
    }
    let heading = heading(sim);
    match format {
        Format::Json => unreachable!("printed above"),
        Format::Csv => {
            writeln!(ctx.out, "{}", header.join(","))?;
            for row in &sheet {
                let cells: Vec<String> =
                    row.iter().map(|(_, raw)| render::csv_field(raw)).collect();
                writeln!(ctx.out, "{}", cells.join(","))?;
            }
            return Ok(());
        }
        Format::Markdown => {
            writeln!(ctx.out, "# {}\n", heading[0])?;
            for line in &heading[1..] {
                writeln!(ctx.out, "{line}\n")?;
            }
            writeln!(ctx.out, "| {} |", header.join(" | "))?;
            writeln!(ctx.out, "|{}", "---|".repeat(header.len()))?;
            for row in &sheet {
                let cells: Vec<String> = row
                    .iter()
                    .map(|(text, _)| text.replace('|', "\\|"))
                    .collect();
                writeln!(ctx.out, "| {} |", cells.join(" | "))?;
            }
        }
        Format::Table => {
            for line in &heading {
                writeln!(ctx.out, "{line}")?;
            }
            let mut t = render::table(header.iter().map(|h| h.to_uppercase()));
            for row in &sheet {
                t.add_row(row.iter().map(|(text, _)| text.as_str()));
            }
            writeln!(ctx.out, "\n{t}")?;
        }
    }
    writeln!(ctx.out, "\n{}", summary(sim, tickets))?;
    if tickets && !sim.differences.is_empty() {
        writeln!(ctx.out, "\nTreated otherwise:")?;
        for d in &sim.differences {
            writeln!(ctx.out, "  #{}: {}", d.ticket, d.first)?;
        }
    }
    if !sim.unreplayable.is_empty() {
        writeln!(ctx.out, "\nCould not replay:")?;
        for r in &sim.unreplayable {
            let under = match r.under {
                Side::Baseline => "under the versions in force".to_string(),
                Side::Candidate => format!("under {}", sim.candidate.file),
            };
            writeln!(ctx.out, "  #{} {under}: {}", r.ticket, r.reason)?;
        }
    }
    Ok(())
}

fn heading(sim: &Simulation) -> Vec<String> {
    let versions = match sim.versions.as_slice() {
        [one] => format!("policy version {one}"),
        [first, .., last] => format!("policy versions {first} to {last}, each as it governed"),
        [] => "no policy version".into(),
    };
    vec![
        format!(
            "esc policy simulate: {} (`{}`) against {versions}",
            sim.candidate.file, sim.candidate.name
        ),
        format!(
            "Tickets opened {} to {}, each replayed up to {}",
            crate::clock::short(sim.since),
            crate::clock::short(sim.until),
            crate::clock::short(sim.now)
        ),
    ]
}

fn summary(sim: &Simulation, listed: bool) -> String {
    let n = |k: u64, what: &str| crate::cmd::policy::count(k as usize, what);
    let mut text = format!("{} replayed", n(sim.replayed, "ticket"));
    let r = sim.recurring;
    let recurring = (r.opened > 0 || r.candidate > 0).then(|| {
        format!(
            " Recurring tickets: the queue opened {} in the window; the candidate's schedules would have opened {}.",
            r.opened, r.candidate
        )
    });
    text += &match sim.differing {
        0 => "; the candidate treats every one the same.".to_string(),
        k if listed => format!("; the candidate treats {k} otherwise."),
        k => format!("; the candidate treats {k} otherwise (`--tickets` lists them)."),
    };
    text += &match sim.unreplayable.len() {
        0 => String::new(),
        1 => " 1 ticket could not be replayed and is left out of both columns.".into(),
        k => format!(" {k} tickets could not be replayed and are left out of both columns."),
    };
    text += &recurring.unwrap_or_default();
    text
}

/// One ticket's automatic timeline under the versions in force and under
/// the candidate, one after the other.
fn one_ticket(ctx: &mut Ctx, sides: &Sides, id: TicketId, label: &str) -> Result<()> {
    let (ticket, fate) = ctx.queue()?.simulate_ticket(sides, id)?;
    if ctx.json() {
        return ctx.out.json(&match &fate {
            Fate::Replayed {
                baseline,
                candidate,
            } => {
                let differ = differs(baseline, candidate);
                serde_json::json!({
                    "ticket": id,
                    "baseline": crate::simulate::automatic(&baseline.log).collect::<Vec<_>>(),
                    "candidate": crate::simulate::automatic(&candidate.log).collect::<Vec<_>>(),
                    "differs": differ,
                    "first_difference": differ.then(|| first_difference(baseline, candidate)),
                })
            }
            Fate::Unreplayable { under, why } => serde_json::json!({
                "ticket": id, "unreplayable": { "under": under, "at": why.at, "reason": why.reason },
            }),
        });
    }
    writeln!(
        ctx.out,
        "#{id} {}, opened {}, replayed up to {}",
        render::clip(&ticket.title, 60),
        crate::clock::short(ticket.opened_at),
        crate::clock::short(ctx.now())
    )?;
    let (baseline, candidate) = match fate {
        Fate::Unreplayable { under, why } => {
            let under = match under {
                Side::Baseline => "under the versions in force".to_string(),
                Side::Candidate => format!("under {label}"),
            };
            return Err(EscError::refused(format!(
                "ticket #{id} cannot be replayed {under}: {}",
                why.reason
            ))
            .into());
        }
        Fate::Replayed {
            baseline,
            candidate,
        } => (baseline, candidate),
    };
    for (title, r) in [
        ("Under the versions in force", &baseline),
        (&*format!("Under {label}"), &candidate),
    ] {
        writeln!(ctx.out, "\n{title}:")?;
        let mut any = false;
        for e in crate::simulate::automatic(&r.log) {
            any = true;
            writeln!(
                ctx.out,
                "  {}  {}",
                crate::clock::short(e.effective()),
                render::rule_did(e)
            )?;
        }
        for x in &r.absorbed {
            any = true;
            writeln!(
                ctx.out,
                "  {}  {} by {} not needed: {}",
                crate::clock::short(x.at),
                x.kind,
                x.actor,
                x.why
            )?;
        }
        if !any {
            writeln!(ctx.out, "  nothing automatic")?;
        }
    }
    if differs(&baseline, &candidate) {
        writeln!(
            ctx.out,
            "\nFirst difference: {}",
            first_difference(&baseline, &candidate)
        )?;
    } else {
        writeln!(ctx.out, "\nThe candidate treats it the same.")?;
    }
    Ok(())
}
