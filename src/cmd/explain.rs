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

use crate::policy::Matcher;
use crate::render;
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
    let (t, events) = ctx.store()?.ticket_with_events(id)?;
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
                v["state"] = state(o, o.recorded(&events), now, &policy).0.into();
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
        let mut table = render::table(["CLOCK", "TARGET", "STARTED", "DUE", "STANDING"]);
        for r in &outlook.runs {
            let due = match r.due {
                DueAt::At(d) => format!("{} ({})", short(d), ago(d, now)),
                DueAt::Paused => "paused".into(),
                DueAt::Never => "never (calendar closed)".into(),
                DueAt::Settled => "settled under an earlier policy version".into(),
            };
            let standing = match (r.standing, r.stopped) {
                (Standing::Met, Some(s)) => format!("met at {}", short(s)),
                (Standing::Breached, Some(s)) => format!("breached; stopped {}", short(s)),
                (s, _) => format!("{s:?}").to_lowercase(),
            };
            table.add_row(render::row([
                r.clock.to_string(),
                r.target.to_string(),
                short(r.started),
                due,
                standing,
            ]));
        }
        writeln!(out, "{table}")?;
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
        let mut table = render::table(["STEP", "RULE", "DUE", "STATE"]);
        for step in &path.steps {
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
            if mine.is_empty() {
                table.add_row(render::row([
                    step.id.clone(),
                    rule.clone(),
                    "—".into(),
                    format!("waiting: `{}` has not happened", step.from.name()),
                ]));
            }
            for o in mine {
                let (_, text) = state(o, o.recorded(&events), now, &policy);
                table.add_row(render::row([
                    step.id.clone(),
                    rule.clone(),
                    short(o.due),
                    text,
                ]));
            }
        }
        writeln!(out, "{table}")?;
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
            .map(|o| state(o, o.recorded(&events), now, &policy).1)
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
fn state(
    o: &Occurrence,
    event: Option<&Event>,
    now: Instant,
    p: &crate::policy::Policy,
) -> (&'static str, String) {
    match event {
        Some(e) if e.data.kind == crate::event::EventKind::Skipped => (
            "skipped",
            format!(
                "skipped at {}: {}",
                short(e.data.at),
                render::describe_skip(&e.data)
            ),
        ),
        Some(e) => (
            "fired",
            format!("applied {}: {}", short(e.data.at), render::describe(e, p)),
        ),
        None if o.due <= now => ("due", "due now: the next tick applies it".into()),
        None => ("pending", format!("will come due {}", ago(o.due, now))),
    }
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
