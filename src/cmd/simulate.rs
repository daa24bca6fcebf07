//! `esc policy simulate`: what a candidate policy would have done to the
//! tickets of a window, beside what the versions in force did. Nothing is
//! written.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use serde::Serialize;

use super::Ctx;
use super::report::{Format, window};
use crate::clock::Instant;
use crate::cmd::render;
use crate::error::EscError;
use crate::event::{Detail, EventData, EventKind, history};
use crate::policy::{Clock, Policy};
use crate::report::GroupBy;
use crate::simulate::{
    Figures, Governing, Replayed, Unreplayable, Version, differs, doing, replay,
};
use crate::stats::Outcome;
use crate::store::TicketFilter;
use crate::ticket::{Ticket, TicketId};

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

/// The two policies a simulation compares.
struct Sides<'p> {
    versions: Governing<'p>,
    candidate: Governing<'p>,
}

/// What became of one ticket.
enum Fate {
    Replayed {
        baseline: Box<Replayed>,
        candidate: Box<Replayed>,
    },
    Unreplayable {
        under: Side,
        why: Unreplayable,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Side {
    /// The versions in force.
    Baseline,
    Candidate,
}

impl<'p> Sides<'p> {
    fn fate(&self, ticket: &Ticket, log: &[EventData], now: Instant) -> Fate {
        let baseline = match replay(&self.versions, ticket, log, now) {
            Ok(b) => b,
            Err(why) => {
                return Fate::Unreplayable {
                    under: Side::Baseline,
                    why,
                };
            }
        };
        if let Some(why) = unfaithful(&baseline, log) {
            return Fate::Unreplayable {
                under: Side::Baseline,
                why,
            };
        }
        match replay(&self.candidate, ticket, log, now) {
            Ok(candidate) => Fate::Replayed {
                baseline: Box::new(baseline),
                candidate: Box::new(candidate),
            },
            Err(why) => Fate::Unreplayable {
                under: Side::Candidate,
                why,
            },
        }
    }
}

/// Why a replay under the versions in force is not the ticket's log, if
/// it is not. Past the log it may go on: what has come due since the last
/// tick (a replay appends only automatic events there).
fn unfaithful(baseline: &Replayed, log: &[EventData]) -> Option<Unreplayable> {
    let k = match baseline
        .log
        .iter()
        .zip(log)
        .position(|(again, was)| again != was)
    {
        Some(k) => k,
        None if baseline.log.len() < log.len() => baseline.log.len(),
        None => return None,
    };
    Some(Unreplayable {
        at: log[k].at,
        reason: format!(
            "replayed under the versions in force, its event {} ({} by {}) comes out otherwise",
            k + 1,
            log[k].kind,
            log[k].actor
        ),
    })
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let candidate = Policy::load(&args.candidate).map_err(EscError::from)?;
    // A new queue adopts its first version here, as on any command.
    ctx.active()?;
    let stored = ctx.store()?.policy_versions()?;
    let mut parsed = Vec::new();
    for v in &stored {
        let origin = format!("policy version {}", v.version);
        parsed.push((Policy::parse(&v.text, &origin).map_err(EscError::from)?, v));
    }
    let sides = Sides {
        versions: Governing::Versions(
            parsed
                .iter()
                .map(|(policy, v)| Version {
                    policy,
                    applied_at: v.applied_at,
                })
                .collect(),
        ),
        candidate: Governing::Candidate(&candidate),
    };
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
    let mut sim = Simulation {
        since,
        until,
        now: ctx.now(),
        candidate: Named {
            file: label.clone(),
            name: candidate.name.clone(),
            digest: candidate.digest[..16].to_string(),
        },
        versions: stored.iter().map(|v| v.version).collect(),
        group_by: args.by,
        replayed: 0,
        differing: 0,
        groups: BTreeMap::new(),
        total: Pair::default(),
        unreplayable: Vec::new(),
        differences: Vec::new(),
    };
    let filter = TicketFilter {
        opened_in: Some((since, until)),
        ..TicketFilter::default()
    };
    let now = ctx.now();
    let ids = ctx.store()?.ticket_ids(&filter)?;
    // Tickets are read a batch at a time, so memory stays bounded however
    // wide the window, and each batch is replayed on every core.
    let mut batch = Vec::with_capacity(BATCH);
    for chunk in ids.chunks(BATCH) {
        batch.clear();
        for (ticket, events) in ctx.store()?.tickets_with_events(chunk)? {
            batch.push((ticket, history(&events)));
        }
        let fates = on_every_core(&batch, |(ticket, log)| sides.fate(ticket, log, now));
        for ((ticket, _), fate) in batch.iter().zip(fates) {
            sim.add(ticket, fate, args.by, args.tickets);
        }
    }
    print(ctx, &sim, args.format, args.tickets)
}

/// Tickets read and replayed at a time.
const BATCH: usize = 1024;

/// `f` of each item, in order, the items shared out among the cores.
fn on_every_core<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = items.len().div_ceil(cores).max(1);
    std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(share)
            .map(|part| s.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().expect("a replay does not panic"))
            .collect()
    })
}

impl Simulation {
    fn add(&mut self, ticket: &Ticket, fate: Fate, by: Option<GroupBy>, list: bool) {
        let id = ticket.id;
        match fate {
            Fate::Unreplayable { under, why } => self.unreplayable.push(Refusal {
                ticket: id,
                under,
                at: why.at,
                reason: why.reason,
            }),
            Fate::Replayed {
                baseline,
                candidate,
            } => {
                self.replayed += 1;
                let pair = match by {
                    Some(by) => self.groups.entry(key(by, ticket)).or_default(),
                    None => &mut self.total,
                };
                pair.baseline.add(&baseline);
                pair.candidate.add(&candidate);
                if by.is_some() {
                    self.total.baseline.add(&baseline);
                    self.total.candidate.add(&candidate);
                }
                if differs(&baseline, &candidate) {
                    self.differing += 1;
                    if list {
                        self.differences.push(Difference {
                            ticket: id,
                            first: first_difference(&baseline, &candidate),
                        });
                    }
                }
            }
        }
    }
}

/// The whole simulation, as JSON prints it.
#[derive(Serialize)]
struct Simulation {
    since: Instant,
    until: Instant,
    /// Every ticket is replayed up to here.
    now: Instant,
    candidate: Named,
    /// The queue's policy versions the baseline replays under.
    versions: Vec<u32>,
    group_by: Option<GroupBy>,
    replayed: u64,
    /// Tickets the candidate would treat otherwise.
    differing: u64,
    #[serde(serialize_with = "groups_in_order")]
    groups: BTreeMap<String, Pair>,
    total: Pair,
    unreplayable: Vec<Refusal>,
    /// With `--tickets`: each ticket treated otherwise and how.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    differences: Vec<Difference>,
}

fn groups_in_order<S: serde::Serializer>(
    groups: &BTreeMap<String, Pair>,
    s: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Group<'a> {
        key: &'a str,
        #[serde(flatten)]
        pair: &'a Pair,
    }
    s.collect_seq(groups.iter().map(|(key, pair)| Group { key, pair }))
}

#[derive(Serialize)]
struct Named {
    file: String,
    name: String,
    digest: String,
}

#[derive(Default, Serialize)]
struct Pair {
    baseline: Figures,
    candidate: Figures,
}

#[derive(Serialize)]
struct Refusal {
    ticket: TicketId,
    under: Side,
    at: Instant,
    reason: String,
}

#[derive(Serialize)]
struct Difference {
    ticket: TicketId,
    first: String,
}

/// A ticket's group, as it stands in the queue: both sides count it there.
fn key(by: GroupBy, t: &Ticket) -> String {
    let none = || crate::report::NONE.to_string();
    match by {
        GroupBy::Team => t.team.clone(),
        GroupBy::Level => t.level.clone(),
        GroupBy::Category => t.category.clone(),
        GroupBy::Channel => t.channel.to_string(),
        GroupBy::Priority => t.priority.clone(),
        GroupBy::Tier => t.tier.clone(),
        GroupBy::Assignee => t.assignee.clone().unwrap_or_else(none),
        GroupBy::RootCause => t.root_cause.clone().unwrap_or_else(none),
        GroupBy::Customer => t.customer.clone(),
    }
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
    text
}

/// The first ways a ticket goes otherwise under the candidate: its SLA
/// outcomes, the first automatic event that differs, the first action no
/// longer needed.
fn first_difference(baseline: &Replayed, candidate: &Replayed) -> String {
    let mut parts = Vec::new();
    let (a, b) = (&baseline.ticket.stats, &candidate.ticket.stats);
    for (name, clock, was, now) in [
        (
            "first response",
            Clock::FirstResponse,
            a.first_response,
            b.first_response,
        ),
        ("resolution", Clock::Resolution, a.resolution, b.resolution),
    ] {
        if was == now {
            continue;
        }
        let outcome = |o: Option<Outcome>, r: &Replayed| match o {
            Some(Outcome::Breached) => match breached_at(r, clock) {
                Some(at) => format!("breached at {}", crate::clock::short(at)),
                None => "breached".into(),
            },
            Some(Outcome::Met) => "met".into(),
            None => "not measured".into(),
        };
        parts.push(format!(
            "{name} {} instead of {}",
            outcome(now, candidate),
            outcome(was, baseline)
        ));
    }
    let said = |e: &EventData| {
        format!(
            "{} at {}",
            render::rule_did(e),
            crate::clock::short(e.effective())
        )
    };
    // The first automatic event that differs: what the policy did (an
    // escalation, a step or trigger) before a breach, a breach before a
    // warning; a warning moved is news only when nothing weightier changed.
    let (was, now): (Vec<&EventData>, Vec<&EventData>) = (
        crate::simulate::automatic(&baseline.log).collect(),
        crate::simulate::automatic(&candidate.log).collect(),
    );
    let same = |x: &EventData, y: &EventData| doing(x) == doing(y);
    let weight = |e: &EventData| match e.kind {
        EventKind::Warned => 2,
        EventKind::Breached => 1,
        _ => 0,
    };
    let first = |w: u8| {
        let keep = |e: &&&EventData| weight(e) == w;
        let (was, now): (Vec<&&EventData>, Vec<&&EventData>) = (
            was.iter().filter(keep).collect(),
            now.iter().filter(keep).collect(),
        );
        (0..was.len().max(now.len()))
            .find(|&k| !matches!((was.get(k), now.get(k)), (Some(x), Some(y)) if same(x, y)))
            .map(|k| (was.get(k).map(|e| **e), now.get(k).map(|e| **e)))
    };
    // With an SLA outcome said already, its breach and warning are too.
    let weights = if parts.is_empty() { 0..3 } else { 0..1 };
    match weights.into_iter().find_map(first) {
        Some((Some(x), Some(y))) if render::rule_did(x) == render::rule_did(y) => {
            parts.push(format!(
                "{} at {} instead of {}",
                render::rule_did(y),
                crate::clock::short(y.effective()),
                crate::clock::short(x.effective())
            ))
        }
        Some((Some(x), Some(y))) => parts.push(format!("{} instead of {}", said(y), said(x))),
        Some((None, Some(y))) => parts.push(said(y)),
        Some((Some(x), None)) => parts.push(format!("no longer {}", said(x))),
        _ => {}
    }
    if let Some(x) = candidate
        .absorbed
        .iter()
        .find(|x| !baseline.absorbed.contains(x))
    {
        parts.push(format!(
            "{} by {} at {} not needed: {}",
            x.kind,
            x.actor,
            crate::clock::short(x.at),
            x.why
        ));
    }
    parts.join("; ")
}

fn breached_at(r: &Replayed, clock: Clock) -> Option<Instant> {
    r.log
        .iter()
        .filter(|e| e.kind == EventKind::Breached)
        .filter(|e| matches!(&e.detail, Some(Detail::Clock(c)) if *c == clock))
        .map(EventData::effective)
        .next_back()
}

/// One ticket's automatic timeline under the versions in force and under
/// the candidate, one after the other.
fn one_ticket(ctx: &mut Ctx, sides: &Sides, id: TicketId, label: &str) -> Result<()> {
    let (ticket, events) = ctx.store()?.ticket_with_events(id)?;
    let log = history(&events);
    let fate = sides.fate(&ticket, &log, ctx.now());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::automation::Engine;
    use crate::clock::parse_instant;
    use crate::lifecycle::{Act, NewTicket};
    use crate::ticket::Channel;

    /// A ticket opened at 09:00 and answered at 09:30 on the default.
    fn answered(p: &Policy) -> (Ticket, Vec<EventData>) {
        let at = |s: &str| parse_instant(s).unwrap();
        let act = |now: &str| Act {
            policy: p,
            actor: "ann",
            now: at(now),
        };
        let (t, opened) = act("2026-11-23T09:00:00Z")
            .open(NewTicket {
                title: "t".into(),
                description: String::new(),
                customer: "c".into(),
                email: None,
                tier: None,
                channel: Channel::Email,
                category: "technical".into(),
                priority: None,
                team: None,
                assignee: None,
                tags: vec![],
            })
            .unwrap();
        let engine = Engine::new(p, at("2026-11-23T09:30:00Z"));
        let reply = engine
            .around(&t, vec![opened.clone()], |t| {
                act("2026-11-23T09:30:00Z").respond(t, None)
            })
            .unwrap();
        let mut log = vec![opened];
        log.extend(reply.events);
        (reply.ticket, log)
    }

    #[test]
    fn a_log_no_policy_version_decided_is_not_taken_for_the_baseline() {
        let p = Policy::embedded();
        let (ticket, log) = answered(&p);
        let now = parse_instant("2026-11-23T18:00:00Z").unwrap();
        let versions = Governing::Candidate(&p);
        let faithful = replay(&versions, &ticket, &log, now).unwrap();
        assert_eq!(unfaithful(&faithful, &log), None);
        // A warning at 09:10, which no policy decided: the 4h target's
        // warning would come at 12:12, and the reply at 09:30 stopped it.
        let ten_past = parse_instant("2026-11-23T09:10:00Z").unwrap();
        let mut warned = EventData::new(EventKind::Warned, ten_past, "esc", 1);
        warned.automatic = true;
        warned.due_at = Some(ten_past);
        warned.rule = Some("warn:c1:first-response".into());
        let mut forged = log.clone();
        forged.insert(1, warned);
        let again = replay(&versions, &ticket, &forged, now).unwrap();
        let why = unfaithful(&again, &forged).expect("the replay has no such warning");
        assert_eq!(why.at, ten_past);
        assert_eq!(
            why.reason,
            "replayed under the versions in force, its event 2 (warned by esc) comes out otherwise"
        );
    }
}
