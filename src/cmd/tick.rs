//! `esc tick`: apply the time-based escalations that are due. Made for
//! cron: silent when nothing happened, one line when something did.

use std::collections::BTreeMap;
use std::io::Write;
use std::rc::Rc;

use anyhow::Result;

use super::Ctx;
use crate::clock::{Instant, rfc3339};
use crate::event::{Event, EventKind};
use crate::outbox::Audience;
use crate::policy::Policy;
use crate::queue::recur::{Outcome, Recurred};
use crate::queue::{Delivered, Waiting};

/// Apply the escalations, warnings and breaches that are due
///
/// Every step and trigger fires exactly once per ticket (per cycle, or per
/// occurrence of a moving anchor), in the order they came due, whether the
/// last tick was a minute or a week ago; each event records when it was due
/// and when it was applied. Two ticks at once never fire anything twice. A
/// changed policy takes effect here for every open ticket. An invalid policy
/// applies nothing. Silent when nothing is due.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  */5 * * * *  esc tick                      (crontab: every five minutes)\n  esc tick --dry-run --now 2026-11-30T09:00:00Z   (what happens if nobody acts)\n  esc tick --json                             (one JSON object per action)"
)]
pub struct Args {
    /// Show what would happen, and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Also say which due tickets were left for a later tick, and why, and
    /// with --dry-run the key each action would be recorded under
    #[arg(long, short)]
    pub verbose: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    // A dry run may try a candidate file as if it were applied now; a real
    // tick runs the queue's policy, whatever the environment says.
    let (policy, since, candidate) = if args.dry_run {
        let w = ctx.what_if()?;
        if w.candidate && !ctx.json() {
            writeln!(
                ctx.out,
                "candidate policy `{}` from {} (the queue runs version {}); nothing is written",
                w.policy.name, w.policy.origin, w.active.record.version
            )?;
        }
        (w.policy, w.since, w.candidate)
    } else {
        ctx.owner_only("ticking (cron's `esc tick`)")?;
        let active = ctx.policy_to_write()?;
        (Rc::clone(&active.policy), active.since, false)
    };
    let ticked = ctx.queue()?.tick(&policy, since, !args.dry_run)?;
    let behind = &ticked.behind;
    let actions = ticked.actions();
    // After the commit, what is due goes out: what this tick queued, and
    // what earlier ticks and agents left for it.
    let delivered = if args.dry_run {
        Delivered::default()
    } else {
        ctx.queue()?.deliver()?
    };
    let would = if args.dry_run {
        would_deliver(&policy, &ctx.queue()?.would_deliver(&ticked)?, ctx.now())
    } else {
        None
    };
    if ctx.json() {
        for r in &ticked.recurred {
            let (outcome, ticket) = match &r.outcome {
                Outcome::Opened(a) => ("opened", Some(a.ticket.id)),
                Outcome::PassedOver => ("passed-over", None),
                Outcome::Taken => ("taken", None),
            };
            ctx.out.json_line(&serde_json::json!({
                "kind": "recurring", "schedule": r.schedule, "occurrence": r.occurrence,
                "due": rfc3339(r.due), "outcome": outcome,
                "ticket": if args.dry_run { None } else { ticket },
                "dry_run": args.dry_run,
            }))?;
        }
        for (id, changed) in behind {
            ctx.out.json_line(&serde_json::json!({
                "ticket": id, "kind": "behind", "updated_at": rfc3339(*changed),
                "dry_run": args.dry_run,
            }))?;
        }
        for e in &actions {
            let mut v = serde_json::to_value(e)?;
            v["dry_run"] = args.dry_run.into();
            if candidate {
                v["candidate"] = true.into();
            }
            ctx.out.json_line(&v)?;
        }
        if delivered.attempted() {
            let mut v = serde_json::to_value(&delivered)?;
            v["kind"] = "delivery".into();
            ctx.out.json_line(&v)?;
        }
        return Ok(());
    }
    for line in recurred_lines(&policy, &ticked.recurred, args.dry_run, ctx.now()) {
        writeln!(ctx.out, "{line}")?;
    }
    if args.verbose {
        for (id, changed) in behind {
            writeln!(
                ctx.out,
                "left #{id} for a later tick: it changed at {}, after this tick's time",
                rfc3339(*changed)
            )?;
        }
    }
    let unreachable = super::outbox::newly_unreachable_lines(&delivered);
    if actions.is_empty() {
        for line in super::outbox::summary(&delivered)
            .into_iter()
            .chain(would)
            .chain(unreachable)
        {
            writeln!(ctx.out, "{line}")?;
        }
        return Ok(());
    }
    let width = crate::cmd::render::width();
    if args.dry_run {
        for e in &actions {
            // The step or trigger by its id; with --verbose, the key the
            // queue records it under (readers know a rule by its id, the
            // key carries its fingerprint) and its due time for a program.
            let by = match e.data.effect() {
                Some(effect) => format!(" by {}", effect.source.id()),
                None => String::new(),
            };
            let mut line = format!(
                "would apply to #{}{by}: {}",
                e.ticket,
                crate::cmd::render::describe(e, &policy)
            );
            if args.verbose {
                let rule = e.data.rule.as_deref().unwrap_or("");
                let key = match (rule.parse::<crate::event::RuleKey>(), e.data.effect()) {
                    (Ok(key), Some(effect)) => key.alias(effect.source.id()).to_string(),
                    _ => rule.to_string(),
                };
                let due = e.data.due_at.map_or("-".into(), rfc3339);
                line.push_str(&format!(" ({key}, due {due})"));
            }
            writeln!(
                ctx.out,
                "{}",
                crate::cmd::render::wrap_hanging(&line, 4, width)
            )?;
        }
    }
    let line = summary(&actions, ticked.applied.len(), ctx.now(), args.dry_run);
    writeln!(
        ctx.out,
        "{}",
        crate::cmd::render::wrap_hanging(&line, 4, width)
    )?;
    for line in super::outbox::summary(&delivered)
        .into_iter()
        .chain(would)
        .chain(unreachable)
    {
        writeln!(ctx.out, "{line}")?;
    }
    Ok(())
}

/// What the tick did with the recurring tickets' occurrences; on a dry
/// run, also when each recurring ticket opens next.
fn recurred_lines(
    policy: &Policy,
    recurred: &[Recurred],
    dry_run: bool,
    now: Instant,
) -> Vec<String> {
    let mut lines = Vec::new();
    for r in recurred {
        let title = policy.recurring(&r.schedule).map_or_else(String::new, |s| {
            format!("“{}” ", crate::output::visible(&s.title))
        });
        let which = format!("(recurring {}, {})", r.schedule, r.occurrence);
        lines.push(match (&r.outcome, dry_run) {
            (Outcome::Opened(_), true) => format!("would open {title}{which}"),
            (Outcome::Opened(a), false) => format!("opened #{} {title}{which}", a.ticket.id),
            (Outcome::PassedOver, dry) => format!(
                "{} {which}: missed while no tick ran; the policy opens only the latest",
                if dry {
                    "would pass over"
                } else {
                    "passed over"
                }
            ),
            (Outcome::Taken, _) => continue,
        });
    }
    if dry_run {
        let always = crate::calendar::Calendar::always();
        for r in &policy.recurring {
            let cal = policy.calendar(&r.calendar).unwrap_or(&always);
            if let Some((date, at)) = r.next_after(now, cal) {
                lines.push(format!(
                    "next: recurring {} on {date}, due {} ({})",
                    r.id,
                    rfc3339(at),
                    r.when.describe()
                ));
            }
        }
    }
    lines
}

/// What a real tick would send now, by person, marking those the policy
/// gives no way to reach. `None` when nothing.
fn would_deliver(policy: &Policy, by: &Waiting, now: Instant) -> Option<String> {
    if by.is_empty() {
        return None;
    }
    let total: usize = by.values().sum();
    let people: Vec<String> = by
        .iter()
        .map(|((audience, who), n)| match audience {
            Audience::Customer => format!("the customer at {who} ({n})"),
            Audience::Person => {
                let person = policy.people.get(who);
                match crate::delivery::reachable(person, who) {
                    Err(_) => format!("{who} ({n}, waits: the policy gives no way to reach {who})"),
                    Ok(()) => match crate::delivery::quiet_until(policy, person, now) {
                        Some(until) => format!(
                            "{who} ({n}; only urgent ones now: their hours begin at {})",
                            rfc3339(until)
                        ),
                        None => format!("{who} ({n})"),
                    },
                }
            }
        })
        .collect();
    Some(format!(
        "would deliver {total} notification{}: {}",
        if total == 1 { "" } else { "s" },
        people.join(", ")
    ))
}

/// `tick 2026-11-23T15:00:00Z: 2 escalations, 1 breach on 2 tickets; notify dana (2)`
fn summary(
    actions: &[&Event],
    tickets: usize,
    now: crate::clock::Instant,
    dry_run: bool,
) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut notified: BTreeMap<String, usize> = BTreeMap::new();
    for e in actions {
        let label = match e.data.kind {
            EventKind::Escalated => "escalation",
            EventKind::Breached => "breach",
            EventKind::Warned => "warning",
            EventKind::Skipped => "skipped step",
            _ => "other action",
        };
        *counts.entry(label).or_default() += 1;
        for who in e.data.effect().iter().flat_map(|r| &r.notify) {
            *notified.entry(who.name.clone()).or_default() += 1;
        }
    }
    let order = [
        "escalation",
        "other action",
        "skipped step",
        "breach",
        "warning",
    ];
    let parts: Vec<String> = order
        .iter()
        .filter_map(|k| {
            counts.get(k).map(|n| match (*n, *k) {
                (1, _) => format!("1 {k}"),
                (_, "breach") => format!("{n} breaches"),
                _ => format!("{n} {k}s"),
            })
        })
        .collect();
    let mut line = format!(
        "{}tick {}: {} on {tickets} ticket{}",
        if dry_run {
            "dry run, nothing changed: "
        } else {
            ""
        },
        rfc3339(now),
        parts.join(", "),
        if tickets == 1 { "" } else { "s" }
    );
    if !notified.is_empty() {
        let who: Vec<String> = notified.iter().map(|(w, n)| format!("{w} ({n})")).collect();
        line.push_str(&format!("; notify {}", who.join(", ")));
    }
    line
}
