//! `esc policy explain ID`: which SLA rule and path apply to a ticket and
//! why, when each clock is due, and when each step fired, will fire, or why
//! it was skipped.

use anyhow::Result;
use serde_json::json;
use std::io::Write;

use super::Ctx;
use crate::automation::{Engine, Occurrence, What};
use crate::clock::{Instant, ago, short};
use crate::event::Event;
use std::rc::Rc;

use crate::cmd::render;
use crate::policy::Matcher;
use crate::sla::{DueAt, Standing};
use crate::ticket::{Ticket, TicketId};

pub fn run(ctx: &mut Ctx, id: TicketId) -> Result<()> {
    let what_if = ctx.what_if()?;
    let (policy, since) = (Rc::clone(&what_if.policy), what_if.since);
    let label = if what_if.candidate {
        format!(
            "candidate policy `{}` from {} (not applied; nothing is written)",
            policy.name, policy.origin
        )
    } else {
        format!(
            "policy `{}`, version {}",
            policy.name, what_if.active.record.version
        )
    };
    let (t, events) = ctx.queue()?.history(id)?;
    let log = crate::event::history(&events);
    let engine = Engine::new(&policy, ctx.now()).since(since);
    let outlook = engine.outlook(&t, &log);
    let now = ctx.now();

    if ctx.json() {
        let occurrences: Vec<_> = outlook
            .occurrences
            .iter()
            .map(|o| {
                let mut v = serde_json::to_value(o).unwrap_or_default();
                v["state"] = state(o, o.recorded(&events), now).0.into();
                v["event"] = serde_json::to_value(o.recorded(&events)).unwrap_or_default();
                v
            })
            .collect();
        return ctx.out.json(&json!({
                "ticket": t.id,
                "policy": { "name": policy.name, "digest": policy.digest, "candidate": what_if.candidate },
                "sla": rule_matches(&policy.sla.iter().map(|r| (&r.id, &r.matcher)).collect::<Vec<_>>(), &t),
                "path": rule_matches(&policy.paths.iter().map(|p| (&p.id, &p.matcher)).collect::<Vec<_>>(), &t),
                "clocks": outlook.runs,
                "occurrences": occurrences,
            }),
        );
    }

    let out = &mut ctx.out;
    let heading = format!("#{} {}: {label} ({}…)", t.id, t.title, &policy.digest[..12]);
    writeln!(
        out,
        "{}",
        render::wrap_hanging(&heading, 2, render::width())
    )?;
    writeln!(out, "\nSLA")?;
    explain_choice(
        out,
        "sla rule",
        &policy
            .sla
            .iter()
            .map(|r| (&r.id, &r.matcher))
            .collect::<Vec<_>>(),
        &t,
    )?;
    if let Some(rule) = policy.sla_for(&t) {
        writeln!(out, "  on calendar {}", rule.calendar)?;
        // Each clock on two lines, as the steps below: its target, then
        // when it is due and how it stands.
        let width = render::width();
        let name_width = outlook
            .runs
            .iter()
            .map(|r| r.clock.to_string().chars().count())
            .max()
            .unwrap_or(0);
        let indent = " ".repeat(2 + name_width + 3);
        for r in &outlook.runs {
            let due = match r.due {
                DueAt::At(d) => format!("due {}", short(d)),
                DueAt::Paused => "paused".into(),
                DueAt::Never => "never due (calendar closed)".into(),
                DueAt::Settled => "settled under an earlier policy version".into(),
            };
            let standing = match (r.standing, r.stopped, r.due) {
                (Standing::Met, Some(s), _) => format!("met {}", short(s)),
                (Standing::Breached, Some(s), _) => format!("breached; stopped {}", short(s)),
                (Standing::Breached, None, DueAt::At(d)) => format!("breached {}", ago(d, now)),
                (Standing::Running, None, DueAt::At(d)) if d > now => {
                    format!("{} left", crate::clock::human_span((d - now).num_seconds()))
                }
                (s, _, _) => format!("{s:?}").to_lowercase(),
            };
            let clock = r.clock.to_string();
            let line = format!(
                "  {clock:<name_width$}   {} from {}",
                r.target,
                short(r.started)
            );
            writeln!(out, "{}", render::wrap_hanging(&line, indent.len(), width))?;
            let line = format!("{indent}{due} · {standing}");
            writeln!(out, "{}", render::wrap_hanging(&line, indent.len(), width))?;
        }
    }
    writeln!(out, "\nEscalation path")?;
    explain_choice(
        out,
        "path",
        &policy
            .paths
            .iter()
            .map(|p| (&p.id, &p.matcher))
            .collect::<Vec<_>>(),
        &t,
    )?;
    if let Some(path) = policy.path_for(&t) {
        // Each step on two lines, its rule and then what came of it: a
        // table's cells would wrap both over many rows at 80 columns.
        let name_width = path
            .steps
            .iter()
            .map(|s| step_name(&path.id, &s.id).chars().count())
            .max()
            .unwrap_or(0);
        let indent = 2 + name_width + 3;
        let width = render::width();
        for step in &path.steps {
            let name = step_name(&path.id, &step.id);
            let mine: Vec<&Occurrence> = outlook
                .occurrences
                .iter()
                .filter(|o| matches!(&o.what, What::Step { step: s, .. } if s.id == step.id))
                .collect();
            let rule = if step.after == crate::duration::Span::ZERO {
                format!("at {}, if {}", step.from.name(), step.when.as_str())
            } else {
                format!(
                    "{} after {}, if {}",
                    step.after,
                    step.from.name(),
                    step.when.as_str()
                )
            };
            let line = format!("  {name:<name_width$}   {rule}");
            writeln!(out, "{}", render::wrap_hanging(&line, indent, width))?;
            let mut came = Vec::new();
            if mine.is_empty() {
                came.push(format!("waiting: `{}` has not happened", step.from.name()));
            }
            for o in mine {
                let (_, text) = state(o, o.recorded(&events), now);
                came.push(format!("due {} · {text}", short(o.due)));
            }
            for text in came {
                let line = format!("{}{text}", " ".repeat(indent));
                writeln!(out, "{}", render::wrap_hanging(&line, indent, width))?;
            }
        }
    }
    writeln!(out, "\nTriggers")?;
    if policy.triggers.is_empty() {
        writeln!(out, "  the policy has no triggers")?;
    }
    for trigger in &policy.triggers {
        let fired: Vec<String> = outlook
            .occurrences
            .iter()
            .filter(|o| matches!(&o.what, What::Trigger { trigger: tr } if tr.id == trigger.id))
            .map(|o| state(o, o.recorded(&events), now).1)
            .collect();
        let checks = trigger.matcher.check(&t);
        let text = if let Some((_, why)) = checks.iter().find(|(ok, _)| !ok) {
            format!("does not apply: {why}")
        } else if fired.is_empty() {
            format!("not met ({})", on_text(&trigger.on, &outlook.facts))
        } else {
            fired.join("; ")
        };
        writeln!(out, "  {}: {text}", trigger.id)?;
    }
    Ok(())
}

fn on_text(on: &crate::policy::TriggerOn, f: &crate::sla::Facts) -> String {
    use crate::policy::TriggerOn;
    match on {
        TriggerOn::Contacts(n) => format!(
            "{} of {n} contact attempts this cycle",
            f.cycle_contacts().count()
        ),
        TriggerOn::CsatBelow(b) => format!("no CSAT below {b} this cycle"),
        TriggerOn::Opened => "fires only when a ticket is opened".into(),
    }
}

/// The state of one occurrence, as a short word and as a sentence.
fn state(o: &Occurrence, event: Option<&Event>, now: Instant) -> (&'static str, String) {
    match event {
        Some(e) if e.data.kind == crate::event::EventKind::Skipped => (
            "skipped",
            format!(
                "skipped at {}: {}",
                short(e.data.at),
                render::describe_skip(&e.data)
            ),
        ),
        // What it did is the timeline's to tell (`esc show`).
        Some(e) => ("fired", format!("applied {}", short(e.data.at))),
        None if o.due <= now => ("due", "due now: the next tick applies it".into()),
        None => ("pending", format!("will come due {}", ago(o.due, now))),
    }
}

/// A step's name within its path, which the heading above names.
fn step_name<'s>(path: &str, step: &'s str) -> &'s str {
    step.strip_prefix(path)
        .and_then(|s| s.strip_prefix('/'))
        .unwrap_or(step)
}

/// Which of the ordered rules applies, and each field that decided it.
fn rule_matches(rules: &[(&String, &Matcher)], t: &Ticket) -> serde_json::Value {
    let checked: Vec<_> = rules
        .iter()
        .map(|(id, m)| {
            let checks = m.check(t);
            json!({
                "id": id,
                "matches": checks.iter().all(|(ok, _)| *ok),
                "why": checks.iter().map(|(_, w)| w.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let chosen = checked
        .iter()
        .find(|c| c["matches"] == true)
        .map(|c| c["id"].clone());
    json!({ "applies": chosen, "rules": checked })
}

fn explain_choice(
    out: &mut dyn std::io::Write,
    what: &str,
    rules: &[(&String, &Matcher)],
    t: &Ticket,
) -> Result<()> {
    if rules.is_empty() {
        writeln!(out, "  the policy has no {what}s")?;
        return Ok(());
    }
    for (id, m) in rules {
        let checks = m.check(t);
        match checks.iter().find(|(ok, _)| !ok) {
            Some((_, why)) => writeln!(out, "  {what} `{id}` does not apply: {why}")?,
            None => {
                let why: Vec<&str> = checks.iter().map(|(_, w)| w.as_str()).collect();
                let why = if why.is_empty() {
                    "it matches every ticket".to_string()
                } else {
                    why.join(", ")
                };
                writeln!(out, "  {what} `{id}` applies: {why}")?;
                return Ok(());
            }
        }
    }
    writeln!(out, "  no {what} applies")?;
    Ok(())
}

/// `esc policy explain` without a ticket: each recurring ticket, when it
/// opens next, and the last occurrence the ledger holds.
pub fn recurring(ctx: &mut Ctx) -> Result<()> {
    let what_if = ctx.what_if()?;
    let policy = Rc::clone(&what_if.policy);
    let ledger = ctx.queue()?.occurrences()?;
    let now = ctx.now();
    let always = crate::calendar::Calendar::always();
    let mut shown = Vec::new();
    for r in &policy.recurring {
        let cal = policy.calendar(&r.calendar).unwrap_or(&always);
        let next = r.next_after(now, cal);
        let last = ledger
            .iter()
            .filter(|o| o.schedule == r.id)
            .max_by(|a, b| a.occurrence.cmp(&b.occurrence));
        shown.push((r, next, last));
    }
    if ctx.json() {
        let all: Vec<_> = shown
            .iter()
            .map(|(r, next, last)| {
                serde_json::json!({
                    "recurring": r,
                    "next": next.map(|(date, at)| serde_json::json!({"occurrence": date.to_string(), "due": crate::clock::rfc3339(at)})),
                    "last": last,
                })
            })
            .collect();
        return ctx.out.json(&all);
    }
    if shown.is_empty() {
        writeln!(
            ctx.out,
            "the policy opens no recurring tickets: add [[recurring]] (docs/policy.md), or give a ticket to explain"
        )?;
        return Ok(());
    }
    for (r, next, last) in shown {
        writeln!(
            ctx.out,
            "recurring {}: “{}”",
            r.id,
            crate::output::visible(&r.title)
        )?;
        writeln!(
            ctx.out,
            "  {}, calendar {}; missed occurrences: {}",
            r.when.describe(),
            r.calendar,
            match r.missed {
                crate::policy::Missed::All => "all opened",
                crate::policy::Missed::Latest => "only the latest opened",
            }
        )?;
        match next {
            Some((date, at)) => {
                writeln!(ctx.out, "  next: {date}, due {}", crate::clock::rfc3339(at))?
            }
            None => writeln!(ctx.out, "  next: none within a year on its calendar")?,
        }
        match last {
            Some(o) => writeln!(
                ctx.out,
                "  last: {}, {}",
                o.occurrence,
                match o.ticket {
                    Some(id) => format!("opened #{id}"),
                    None => "passed over".to_string(),
                }
            )?,
            None => writeln!(ctx.out, "  last: none yet")?,
        }
    }
    Ok(())
}
