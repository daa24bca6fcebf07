//! Sentences that say what an event did, in the domain's words: the same
//! words on a terminal timeline and in a message to a person.

use crate::clock::short;
use crate::event::{
    Change, Detail, EditedField, Event, EventData, EventKind, Kin, RuleEffect, RuleKey, RuleKind,
    Source, Unchanged, changed_to,
};
use crate::output::clip;
use crate::policy::Policy;

/// The other ticket a merge's event names.
fn other(d: &EventData) -> String {
    match &d.detail {
        Some(Detail::Merge(m)) => m.ticket.to_string(),
        Some(Detail::Link(l)) => l.ticket.to_string(),
        _ => "?".into(),
    }
}

/// A change as `from → to`, `—` for nothing; `None` for no change.
pub fn arrow(c: &Option<Change<String>>) -> Option<String> {
    c.as_ref().map(|c| {
        format!(
            "{} → {}",
            c.from.as_deref().unwrap_or("—"),
            c.to.as_deref().unwrap_or("—")
        )
    })
}

/// Where a move on the ladder took a ticket: `L1 → L2, support → finance`.
pub fn moves(d: &EventData) -> String {
    [arrow(&d.level), arrow(&d.team)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a rule did, in the order a reader follows it: reopened, what could
/// not happen, then each change and who is told.
fn effect_parts(e: &EventData, effect: &RuleEffect) -> Vec<String> {
    let mut parts = Vec::new();
    if effect.reopened {
        parts.push(format!("reopened (cycle {})", e.cycle));
    }
    for u in &effect.unchanged {
        parts.push(match u {
            Unchanged::AtTopLevel { level } => format!("already at the top level, {level}"),
            Unchanged::AtOrAbove { level, target } => {
                format!("already at {level} or above {target}")
            }
        });
    }
    if let Some(Change {
        from: Some(from),
        to: Some(to),
    }) = &effect.priority
    {
        parts.push(format!("priority {from} → {to}"));
    }
    for tag in &effect.tags {
        parts.push(format!("tag +{tag}"));
    }
    if !effect.notify.is_empty() {
        let names: Vec<&str> = effect.notify.iter().map(|r| r.name.as_str()).collect();
        parts.push(format!("notify {}", names.join(", ")));
    }
    if let Some(Change { to: Some(who), .. }) = &e.assignee {
        parts.push(format!("assign {who}"));
    }
    if let Some(when) = effect.condition {
        parts.push(format!(
            "`{}` no longer held when it came due",
            when.as_str()
        ));
    }
    parts
}

/// What a policy did on its own, in a few words, and which rule did it:
/// for setting what one policy does beside what another does.
pub fn rule_did(e: &EventData) -> String {
    let clock = match &e.detail {
        Some(Detail::Clock(c)) => c.as_str().replace('-', " "),
        _ => "?".into(),
    };
    let mut parts = match e.kind {
        EventKind::Warned => vec![format!("warned of the {clock} target")],
        EventKind::Breached => vec![format!("breached the {clock} target")],
        EventKind::Escalated => {
            let whither: Vec<String> = [
                changed_to(&e.level),
                changed_to(&e.team).map(|team| format!("team {team}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            vec![format!("escalated to {}", whither.join(" and "))]
        }
        EventKind::Skipped => vec!["skipped".to_string()],
        _ => Vec::new(),
    };
    let effect = e.effect();
    if let Some(effect) = effect {
        parts.extend(effect_parts(e, effect));
    }
    let rule = effect.map_or(String::new(), |x| match &x.source {
        Source::Step(id) => format!(" (step {id})"),
        Source::Trigger(id) => format!(" (trigger {id})"),
    });
    format!("{}{rule}", parts.join("; "))
}

/// Why a step was skipped, in words.
pub fn describe_skip(e: &EventData) -> String {
    e.effect()
        .map(|effect| effect_parts(e, effect).join("; "))
        .unwrap_or_default()
}

/// One line that says what an event did, in the domain's words.
pub fn describe(e: &Event, p: &Policy) -> String {
    let d = &e.data;
    let to = |c: &Option<Change<String>>| changed_to(c).unwrap_or_default();
    let root_cause = match &d.detail {
        Some(Detail::RootCause(cause)) => cause.as_str(),
        _ => "?",
    };
    let clock = match &d.detail {
        Some(Detail::Clock(clock)) => clock.as_str(),
        _ => "?",
    };
    let effect = d.effect().map(|x| effect_parts(d, x).join("; "));
    let mut text = match d.kind {
        EventKind::Opened => {
            let mut text = format!(
                "opened via {} at {} with {}",
                match &d.detail {
                    Some(Detail::Channel(c)) => c.as_str(),
                    _ => "?",
                },
                p.level_label(&to(&d.level)),
                to(&d.team)
            );
            if let Some(key) = d.rule.as_deref().and_then(|r| r.parse::<RuleKey>().ok())
                && key.kind == RuleKind::Schedule
            {
                text.push_str(&format!(
                    " (recurring {}, {})",
                    key.rule,
                    key.occurrence.unwrap_or_default()
                ));
            }
            text
        }
        EventKind::Assigned => match d.assignee.as_ref().and_then(|a| a.to.as_deref()) {
            Some(who) => format!("assigned to {who}"),
            None => "unassigned".to_string(),
        },
        EventKind::Noted => "note".to_string(),
        EventKind::Responded => match d.detail {
            Some(Detail::FirstResponse) => "first response to the customer".to_string(),
            Some(Detail::Mailed { first: true, .. }) => {
                "first response to the customer, by mail".to_string()
            }
            Some(Detail::Mailed { .. }) => "responded to the customer by mail".to_string(),
            _ => "responded to the customer".to_string(),
        },
        EventKind::Contacted => match d.detail {
            Some(Detail::Attempt(n)) => format!("customer contact attempt {n}"),
            _ => "customer contact attempt ?".to_string(),
        },
        EventKind::Pending => "waiting on the customer".to_string(),
        EventKind::Resumed => "resumed".to_string(),
        EventKind::Rated => match d.detail {
            Some(Detail::Csat(score)) => format!("CSAT {score}/5"),
            _ => "CSAT ?/5".to_string(),
        },
        EventKind::Tagged => match &d.detail {
            Some(Detail::Tags { added, removed }) => {
                let words: Vec<String> = added
                    .iter()
                    .map(|t| format!("+{t}"))
                    .chain(removed.iter().map(|t| format!("-{t}")))
                    .collect();
                format!("tags {}", words.join(" "))
            }
            _ => "tags".to_string(),
        },
        EventKind::Escalated => format!(
            "escalated ({}): {}",
            d.escalation.map_or("?", |k| k.as_str()),
            moves(d)
        ),
        EventKind::Deescalated => format!("de-escalated: {}", moves(d)),
        EventKind::SignoffRequested => {
            format!("resolution proposed (root cause {root_cause}), awaiting sign-off")
        }
        EventKind::SignedOff => "signed off: resolved".to_string(),
        EventKind::SignoffRejected => "sign-off rejected: back to work".to_string(),
        EventKind::Resolved => format!("resolved (root cause {root_cause})"),
        EventKind::Reopened => format!("reopened: cycle {}", d.cycle),
        EventKind::Warned => format!("{clock} SLA warning"),
        EventKind::Breached => format!("{clock} SLA breached"),
        EventKind::Automated => effect
            .clone()
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "rule fired".into()),
        EventKind::Skipped => format!("skipped: {}", effect.clone().unwrap_or_default()),
        EventKind::Acknowledged => "acknowledged: has it in hand".to_string(),
        EventKind::Edited => match &d.detail {
            Some(Detail::Edited(edits)) => edits
                .iter()
                .map(|e| match (e.field, &e.change.from, &e.change.to) {
                    // The text itself is on the ticket; the timeline says it changed.
                    (EditedField::Description, _, Some(_)) => "description rewritten".to_string(),
                    (field, None, Some(to)) => format!("{field} set to {}", clip(to, 60)),
                    (field, Some(from), Some(to)) => {
                        format!(
                            "{field} changed from {} to {}",
                            clip(from, 60),
                            clip(to, 60)
                        )
                    }
                    (field, _, None) => format!("{field} removed"),
                })
                .collect::<Vec<_>>()
                .join("; "),
            _ => "edited".to_string(),
        },
        EventKind::Merged => format!("merged into #{}", other(d)),
        EventKind::Joined => {
            let mut text = format!("#{} merged in", other(d));
            if let Some(Detail::Merge(m)) = &d.detail {
                if !m.tags.is_empty() {
                    text.push_str(&format!(", tags +{}", m.tags.join(" +")));
                }
                if let Some(since) = m.waiting_since {
                    text.push_str(&format!(
                        "; first response counts from {}, when its customer wrote",
                        short(since)
                    ));
                }
            }
            text
        }
        EventKind::Unmerged => format!("merge with #{} undone", other(d)),
        EventKind::Watched | EventKind::Unwatched => {
            let who = match &d.detail {
                Some(Detail::Watcher(who)) => who.as_str(),
                _ => "?",
            };
            match d.kind {
                EventKind::Watched => format!("{who} watches it: told of everything"),
                _ => format!("{who} no longer watches it"),
            }
        }
        EventKind::Linked | EventKind::Unlinked => match &d.detail {
            Some(Detail::Link(l)) => {
                let what = match l.kin {
                    Kin::Parent => format!("#{} is its parent", l.ticket),
                    Kin::Child => format!("#{} is a child", l.ticket),
                    Kin::Related => format!("#{} is related", l.ticket),
                };
                match d.kind {
                    EventKind::Linked => format!("linked: {what}"),
                    _ => format!("unlinked: {what} no more"),
                }
            }
            _ => d.kind.to_string(),
        },
        EventKind::Imported => "imported: what came due before this fires nothing here".to_string(),
        EventKind::Redacted => {
            "personal data erased: customer, e-mail, title, description and every text".to_string()
        }
        EventKind::Notified => match &d.detail {
            Some(Detail::Delivered(sent)) => {
                let told: Vec<String> = sent
                    .iter()
                    .map(|s| match (&s.to.role, s.customer) {
                        (Some(update), true) => format!("the customer ({update} update)"),
                        (None, true) => "the customer".to_string(),
                        (Some(role), false) => format!("{} ({role})", s.to.name),
                        (None, false) => s.to.name.clone(),
                    })
                    .collect();
                format!("told {}", told.join(", "))
            }
            _ => "notified".to_string(),
        },
    };
    if d.kind == EventKind::Escalated
        && d.automatic
        && let Some(v) = effect.filter(|t| !t.is_empty())
    {
        text.push_str(&format!("; {v}"));
    }
    if let Some(Detail::Told(people)) = &d.detail {
        let names: Vec<&str> = people.iter().map(|r| r.name.as_str()).collect();
        text.push_str(&format!("; notify {}", names.join(", ")));
    }
    if let Some(due) = d.due_at.filter(|due| *due != d.at) {
        text.push_str(&format!(" (due {})", short(due)));
    }
    if let Some(a) = d
        .assignee
        .as_ref()
        .filter(|_| !matches!(d.kind, EventKind::Assigned | EventKind::Opened))
    {
        text.push_str(&format!(
            "; assignee {}",
            arrow(&Some(a.clone())).unwrap_or_default()
        ));
    }
    if d.kind == EventKind::Contacted && d.status.is_some() {
        text.push_str("; no longer waiting");
    }
    if d.automatic {
        text.push_str(" [auto]");
    }
    text
}
