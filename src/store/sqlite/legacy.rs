//! Bringing older queues up to date where SQL alone cannot. Before schema 4
//! an event's data was one line of text in `events.value`; the migration
//! reads it once into a typed detail and never again (the text stays in
//! its column). Before schema 5 the policy lived outside the queue.

use anyhow::{Context, Result};
use rusqlite::Transaction;

use crate::clock::from_unix;
use crate::event::{Change, Detail, Recipient, RuleEffect, RuleKey, RuleKind, Source, Unchanged};
use crate::policy::{Clock, Condition, DEFAULT_POLICY, Policy};
use crate::store::PolicyVersion;
use crate::store::record::detail_json;
use crate::ticket::Channel;

/// Schema 4: add `events.detail` and fill it from `value`.
pub(super) fn typed_details(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "ALTER TABLE events ADD COLUMN detail TEXT;
         -- Filling in a new column is no rewrite of history: lift the guard for it.
         DROP TRIGGER events_are_append_only_update;",
    )?;
    let rows: Vec<(i64, String, String, Option<String>)> = tx
        .prepare("SELECT id, kind, value, rule FROM events WHERE value IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare("UPDATE events SET detail = ?1 WHERE id = ?2")?;
    for (id, kind, value, rule) in rows {
        if let Some(detail) = detail(&kind, &value, rule.as_deref()) {
            update
                .execute(rusqlite::params![detail_json(&detail), id])
                .with_context(|| format!("typing the data of event {id}"))?;
        }
    }
    tx.execute_batch(
        "CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
         BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;",
    )?;
    Ok(())
}

/// Schema 5: the queue keeps its policy. Before, each process read the
/// policy it was given, so the queue does not say which one governed it.
/// When every automatic event was fired by the embedded default (or there
/// is none), that default is adopted as version 1. When any was fired by
/// another policy, nothing is adopted: the team must apply the policy it
/// used, and until then writes refuse to run rather than switch the queue
/// to the default unseen.
pub(super) fn policy_versions(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "CREATE TABLE policies (
            version    INTEGER PRIMARY KEY,
            digest     TEXT    NOT NULL,
            text       TEXT    NOT NULL,
            applied_by TEXT    NOT NULL,
            applied_at INTEGER NOT NULL,
            message    TEXT
        );
        CREATE INDEX policies_by_digest ON policies(digest);
        -- A version, once applied, is history: it is never changed or removed.
        CREATE TRIGGER policies_are_append_only_update BEFORE UPDATE ON policies
        BEGIN SELECT RAISE(ABORT, 'policy versions are append-only'); END;
        CREATE TRIGGER policies_are_append_only_delete BEFORE DELETE ON policies
        BEGIN SELECT RAISE(ABORT, 'policy versions are append-only'); END;",
    )?;
    let default = Policy::embedded();
    let (tickets, since, foreign): (i64, Option<i64>, i64) = tx.query_row(
        "SELECT (SELECT count(*) FROM tickets), (SELECT min(opened_at) FROM tickets),
                (SELECT count(*) FROM events WHERE policy_digest IS NOT NULL AND policy_digest <> ?1)",
        [&default.digest],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if tickets > 0 && foreign == 0 {
        super::policies::insert(
            tx,
            &PolicyVersion {
                version: 1,
                digest: default.digest,
                text: DEFAULT_POLICY.to_string(),
                applied_by: crate::automation::ACTOR.to_string(),
                applied_at: from_unix(since.unwrap_or(0)),
                message: Some(
                    "the embedded default, which governed the queue before this upgrade".into(),
                ),
            },
        )?;
    }
    Ok(())
}

fn clock(text: &str) -> Option<Clock> {
    Clock::ALL.into_iter().find(|c| c.as_str() == text)
}

/// The typed detail of one event from its kind and its old text.
fn detail(kind: &str, value: &str, rule: Option<&str>) -> Option<Detail> {
    match kind {
        "opened" => value.parse::<Channel>().ok().map(Detail::Channel),
        "responded" => (value == "first-response").then_some(Detail::FirstResponse),
        "contacted" => value.parse().ok().map(Detail::Attempt),
        "rated" => value.parse().ok().map(Detail::Csat),
        "tagged" => {
            let (mut added, mut removed) = (Vec::new(), Vec::new());
            for word in value.split_whitespace() {
                if let Some(tag) = word.strip_prefix('+') {
                    added.push(tag.to_string());
                } else if let Some(tag) = word.strip_prefix('-') {
                    removed.push(tag.to_string());
                }
            }
            Some(Detail::Tags { added, removed })
        }
        "resolved" | "signoff-requested" | "signed-off" if !value.is_empty() => {
            Some(Detail::RootCause(value.to_string()))
        }
        "warned" | "breached" => clock(value).map(Detail::Clock),
        "automated" | "escalated" | "skipped" => effect(value, rule?).map(Detail::Rule),
        _ => None,
    }
}

/// A rule's effect from its summary, `reopened (cycle 2); tag +vip; notify dana, lee`.
fn effect(value: &str, rule: &str) -> Option<RuleEffect> {
    let key: RuleKey = rule.parse().ok()?;
    let source = match key.kind {
        RuleKind::Step => Source::Step(key.rule),
        RuleKind::Trigger => Source::Trigger(key.rule),
        RuleKind::Warn | RuleKind::Breach | RuleKind::Schedule => return None,
    };
    let mut e = RuleEffect::new(source);
    for part in value.split("; ") {
        if part.starts_with("reopened (cycle ") {
            e.reopened = true;
        } else if let Some(level) = part.strip_prefix("already at the top level, ") {
            e.unchanged.push(Unchanged::AtTopLevel {
                level: level.to_string(),
            });
        } else if let Some((level, target)) = part
            .strip_prefix("already at ")
            .and_then(|rest| rest.split_once(" or above "))
        {
            e.unchanged.push(Unchanged::AtOrAbove {
                level: level.to_string(),
                target: target.to_string(),
            });
        } else if let Some((from, to)) = part
            .strip_prefix("priority ")
            .and_then(|rest| rest.split_once(" → "))
        {
            e.priority = Some(Change {
                from: Some(from.to_string()),
                to: Some(to.to_string()),
            });
        } else if let Some(tag) = part.strip_prefix("tag +") {
            e.tags.push(tag.to_string());
        } else if let Some(people) = part.strip_prefix("notify ") {
            e.notify = people
                .split(", ")
                .map(|name| Recipient {
                    name: name.to_string(),
                    role: None,
                })
                .collect();
        } else if let Some(cond) = part
            .strip_prefix('`')
            .and_then(|rest| rest.strip_suffix("` no longer held when it came due"))
        {
            e.condition = Condition::parse(cond);
        }
    }
    Some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_summaries_become_typed_effects() {
        let d = detail(
            "escalated",
            "reopened (cycle 2); already at L1 or above L0; priority normal → high; tag +vip; notify dana, lee; assign rita",
            Some("trigger:low-csat:1790000000"),
        );
        let Some(Detail::Rule(e)) = d else {
            panic!("{d:?}")
        };
        assert_eq!(e.source, Source::Trigger("low-csat".into()));
        assert!(e.reopened);
        assert_eq!(
            e.unchanged,
            vec![Unchanged::AtOrAbove {
                level: "L1".into(),
                target: "L0".into()
            }]
        );
        assert_eq!(e.priority.unwrap().to.as_deref(), Some("high"));
        assert_eq!(e.tags, vec!["vip"]);
        let names: Vec<&str> = e.notify.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["dana", "lee"]);
    }

    #[test]
    fn old_values_of_each_kind_become_typed() {
        assert_eq!(detail("rated", "2", None), Some(Detail::Csat(2)));
        assert_eq!(detail("contacted", "5", None), Some(Detail::Attempt(5)));
        assert_eq!(
            detail("breached", "first-response", None),
            Some(Detail::Clock(Clock::FirstResponse))
        );
        assert_eq!(
            detail("opened", "bot", None),
            Some(Detail::Channel(Channel::Bot))
        );
        assert_eq!(
            detail("tagged", "+vip -urgent", None),
            Some(Detail::Tags {
                added: vec!["vip".into()],
                removed: vec!["urgent".into()]
            })
        );
        assert_eq!(detail("reopened", "cycle 2", None), None);
        let Some(Detail::Rule(skip)) = detail(
            "skipped",
            "`no-first-response` no longer held when it came due",
            Some("step:office/1:c1"),
        ) else {
            panic!()
        };
        assert_eq!(skip.condition, Some(Condition::NoFirstResponse));
        assert_eq!(skip.source, Source::Step("office/1".into()));
    }
}
