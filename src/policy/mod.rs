//! The escalation policy a manager writes in TOML: the ladder of levels,
//! teams, priorities, decision categories, tiers, root causes and sign-off
//! rules. Parsed once, validated once, then used as plain typed values.

pub mod diff;
mod error;
pub mod mail;
mod people;
mod raw;
mod rules;
pub mod template;
mod validate;

use validate::Validator;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::calendar::{self, Calendar, Shift};
use crate::clock::Instant;
use crate::duration::Span;
use crate::event::Recipient;
use crate::ticket::{Channel, check_tag};
pub use error::{Location, PolicyError, Problem, render as render_problems};
pub use people::{
    CustomerUpdate, DeliveryRules, Person, Reach, Secret, Smtp, SmtpTls, UpdateOn, Webhook,
};
use raw::{Name, RawCalendar, RawItem, RawMatch, RawPolicy};
pub use rules::{
    Actions, Anchor, Clock, Condition, Matcher, OnReopen, Path, Raise, ReopenRules, SlaRule, Step,
    Trigger, TriggerOn, Warning, fingerprint,
};

/// The text of `sample-policies/default.toml`, used when no policy is given.
/// The most policy text esc reads: a hundred times a large team's, small
/// enough that every command reads it in milliseconds.
pub const MAX_TEXT: usize = 1 << 20;

/// The most entries of any one kind (SLA rules, paths, people, ...).
pub const MAX_ENTRIES: usize = 1_000;

pub const DEFAULT_POLICY: &str = include_str!("../../sample-policies/default.toml");

/// What `origin` says for the embedded default policy.
pub const EMBEDDED: &str = "<embedded default policy>";

/// A named entry of one of the policy's lists: a level, a priority, a
/// category, a tier or a root cause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Item {
    /// The channels as a list to pick from: fixed by esc, not the policy.
    pub fn channels() -> Vec<Item> {
        crate::ticket::Channel::ALL
            .iter()
            .map(|c| Item {
                id: c.to_string(),
                name: String::new(),
                description: None,
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Team {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The level the team works at: moving a ticket to the team raises the
    /// ticket to at least this level.
    pub level: String,
    /// People or roles told when an agent escalates a ticket to the team.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notify: Vec<String>,
}

/// Who must sign off a resolution reached at `from_level` or above.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignoffRule {
    pub from_level: String,
    pub roles: Vec<String>,
    pub people: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Defaults {
    pub priority: String,
    pub team: String,
    pub tier: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Lowest first: hierarchical escalation climbs this list.
    pub levels: Vec<Item>,
    pub teams: Vec<Team>,
    /// Most urgent first.
    pub priorities: Vec<Item>,
    /// Decision categories, highest ranked first.
    pub categories: Vec<Item>,
    pub tiers: Vec<Item>,
    pub root_causes: Vec<Item>,
    pub roles: BTreeMap<String, Vec<String>>,
    /// How to reach people, by name.
    pub people: BTreeMap<String, Person>,
    /// How hard delivery tries.
    pub delivery: DeliveryRules,
    /// The person a ticket is assigned to (by an agent) hears of it.
    pub notify_assigned: bool,
    /// What the customer is told, and when; the first that matches an
    /// event applies.
    pub customer_updates: Vec<CustomerUpdate>,
    pub signoff: Vec<SignoffRule>,
    pub defaults: Defaults,
    /// Named business-hours calendars; `24x7` is built in.
    pub calendars: Vec<Calendar>,
    /// SLA targets; the first rule that matches a ticket applies.
    pub sla: Vec<SlaRule>,
    /// Escalation paths; the first that matches a ticket applies.
    pub paths: Vec<Path>,
    /// Escalations on a condition rather than a time; every one that matches applies.
    pub triggers: Vec<Trigger>,
    pub reopen: ReopenRules,
    /// How customers' mail comes in.
    pub mail: mail::MailRules,
    /// Replies agents send often, by id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<template::Reply>,
    /// Tickets the queue opens on schedules of their own.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recurring: Vec<Recurring>,
    /// SHA-256 of the policy text: recorded on every automatic event.
    pub digest: String,
    /// Where the policy came from: a path, or [`EMBEDDED`].
    #[serde(skip)]
    pub origin: String,
    /// What is valid but probably not meant: shadowed rules, steps that
    /// can never fire.
    #[serde(skip)]
    pub warnings: Vec<Problem>,
}

/// The SHA-256 of a policy's text: what identifies a version, and what
/// every automatic event records.
pub fn digest_of(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Policy {
    /// The embedded default policy. It is tested to be valid.
    pub fn embedded() -> Policy {
        Policy::parse(DEFAULT_POLICY, EMBEDDED).expect("the embedded default policy is valid")
    }

    /// Read and validate a policy file.
    pub fn load(path: &std::path::Path) -> Result<Policy, PolicyError> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            PolicyError::single(&origin, format!("cannot read the policy file: {e}"))
        })?;
        Policy::parse(&text, &origin)
    }

    /// Parse and validate policy text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Policy, PolicyError> {
        if text.len() > MAX_TEXT {
            return Err(PolicyError::single(
                origin,
                format!(
                    "the policy is {} KiB; esc reads policies of at most {} KiB: a team's ladder, \
                     SLA rules and paths fit in a few; generate fewer, broader rules",
                    text.len() / 1024,
                    MAX_TEXT / 1024
                ),
            ));
        }
        let raw: RawPolicy = toml::from_str(text).map_err(|e| PolicyError {
            origin: origin.to_string(),
            problems: vec![Problem {
                message: e.message().trim_end().to_string(),
                location: e.span().map(|s| Location::of(text, s)),
            }],
        })?;
        let digest = digest_of(text);
        Validator::new(text, origin).policy(raw, digest)
    }

    /// The reply template `id`, if the policy has one.
    pub fn recurring(&self, id: &str) -> Option<&Recurring> {
        self.recurring.iter().find(|r| r.id == id)
    }

    pub fn reply(&self, id: &str) -> Option<&template::Reply> {
        self.replies.iter().find(|r| r.id == id)
    }

    /// A calendar by id; `24x7` is always there.
    pub fn calendar(&self, id: &str) -> Option<&Calendar> {
        self.calendars.iter().find(|c| c.id == id)
    }

    /// The SLA rule that applies to a ticket: the first that matches.
    pub fn sla_for(&self, t: &crate::ticket::Ticket) -> Option<&SlaRule> {
        self.sla.iter().find(|r| r.matcher.matches(t))
    }

    /// The escalation path that applies to a ticket: the first that matches.
    pub fn path_for(&self, t: &crate::ticket::Ticket) -> Option<&Path> {
        self.paths.iter().find(|p| p.matcher.matches(t))
    }

    /// The people to tell for a `notify` list: role members, and people by name.
    pub fn recipients(&self, notify: &[String]) -> Vec<Recipient> {
        let mut all: Vec<Recipient> = Vec::new();
        for n in notify {
            let reached: Vec<Recipient> = match self.roles.get(n) {
                Some(members) => members
                    .iter()
                    .map(|m| Recipient {
                        name: m.clone(),
                        role: Some(n.clone()),
                    })
                    .collect(),
                None => vec![Recipient {
                    name: n.clone(),
                    role: None,
                }],
            };
            for r in reached {
                if !all.iter().any(|x| x.name == r.name) {
                    all.push(r);
                }
            }
        }
        all
    }

    /// The people the policy's paths, triggers and teams notify whom it
    /// gives no way to reach: notifications to them wait in the outbox.
    pub fn unreachable(&self) -> Vec<String> {
        let lists = self
            .paths
            .iter()
            .flat_map(|p| p.steps.iter().map(|s| &s.actions.notify))
            .chain(self.triggers.iter().map(|t| &t.actions.notify))
            .chain(self.teams.iter().map(|t| &t.notify));
        let mut lost: Vec<String> = Vec::new();
        for r in lists.flat_map(|n| self.recipients(n)) {
            let reached = self.people.get(&r.name).is_some_and(|p| p.reach.is_some());
            if !reached && !lost.contains(&r.name) {
                lost.push(r.name);
            }
        }
        lost
    }

    /// The people this policy gives a way to reach whom `before`, the
    /// version it follows, gave none: their waiting notifications may go.
    pub fn newly_reached(&self, before: Option<&Policy>) -> Vec<&str> {
        self.people
            .iter()
            .filter(|(name, person)| {
                let was = before.and_then(|p| p.people.get(*name));
                person.reach.is_some() && was.and_then(|p| p.reach.as_ref()).is_none()
            })
            .map(|(name, _)| name.as_str())
            .collect()
    }

    /// Position of a level on the ladder, 0 for the lowest.
    pub fn level_rank(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    pub fn level(&self, id: &str) -> Option<&Item> {
        self.levels.iter().find(|l| l.id == id)
    }

    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id == id)
    }

    /// Position in the priority list, 0 for the most urgent. Unknown ones
    /// (from an older policy) sort last.
    pub fn priority_rank(&self, id: &str) -> usize {
        rank(&self.priorities, id)
    }

    pub fn category_rank(&self, id: &str) -> usize {
        rank(&self.categories, id)
    }

    /// A level with its display name: `L2 (Supervisor)`.
    pub fn level_label(&self, id: &str) -> String {
        match self.level(id) {
            Some(l) if l.name != l.id => format!("{} ({})", l.id, l.name),
            _ => id.to_string(),
        }
    }

    /// The sign-off rule that governs a resolution at `level`: the one with
    /// the highest `from_level` at or below it.
    pub fn signoff_rule(&self, level: &str) -> Option<&SignoffRule> {
        let at = self.level_rank(level)?;
        self.signoff
            .iter()
            .filter(|r| self.level_rank(&r.from_level).is_some_and(|f| f <= at))
            .max_by_key(|r| self.level_rank(&r.from_level))
    }

    /// Everyone a sign-off rule allows: the people it names and the members
    /// of the roles it names.
    pub fn signers(&self, rule: &SignoffRule) -> Vec<String> {
        let mut all: Vec<String> = rule.people.clone();
        for role in &rule.roles {
            all.extend(self.roles.get(role).into_iter().flatten().cloned());
        }
        all.sort();
        all.dedup();
        all
    }

    pub fn ids(items: &[Item]) -> String {
        items
            .iter()
            .map(|i| i.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn rank(items: &[Item], id: &str) -> usize {
    items.iter().position(|i| i.id == id).unwrap_or(items.len())
}

#[cfg(test)]
mod tests;

/// A ticket the queue opens on a schedule: each occurrence once, by the
/// tick that finds it due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recurring {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(serialize_with = "described")]
    pub when: crate::recurrence::Recurrence,
    /// Its zone, and the days it keeps closed: an occurrence on one opens
    /// when the calendar next opens.
    pub calendar: String,
    pub team: Option<String>,
    pub category: String,
    pub priority: Option<String>,
    pub customer: String,
    pub tags: Vec<String>,
    pub missed: Missed,
}

impl Recurring {
    /// When the occurrence falling on `date` is due: its time of day in
    /// `cal`'s zone (an hour on, the day the clocks skip it), or, on a day
    /// or hour the calendar keeps closed, when it next opens.
    pub fn due_on(&self, date: chrono::NaiveDate, cal: &Calendar) -> Option<Instant> {
        use chrono::TimeZone;
        let local = date.and_time(self.when.at);
        let at = cal
            .timezone
            .from_local_datetime(&local)
            .earliest()
            .or_else(|| {
                cal.timezone
                    .from_local_datetime(&(local + chrono::Duration::hours(1)))
                    .earliest()
            })?
            .with_timezone(&chrono::Utc);
        if cal.is_open(at) {
            Some(at)
        } else {
            cal.add(at, 0)
        }
    }

    /// The first occurrence due after `after`, with the date it falls on.
    pub fn next_after(
        &self,
        after: Instant,
        cal: &Calendar,
    ) -> Option<(chrono::NaiveDate, Instant)> {
        let mut from = after.with_timezone(&cal.timezone).date_naive();
        for _ in 0..400 {
            let date = self.when.next_date(from)?;
            if let Some(due) = self.due_on(date, cal).filter(|due| *due > after) {
                return Some((date, due));
            }
            from = date.succ_opt()?;
        }
        None
    }
}

fn described<S: serde::Serializer>(
    r: &crate::recurrence::Recurrence,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(&r.describe())
}

/// What a tick does with the occurrences it finds past, the tick having
/// not run when they fell (cron down for a week).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Missed {
    /// Opens every one.
    All,
    /// Opens the latest, and passes over the rest.
    Latest,
}
