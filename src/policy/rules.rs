//! The time-based part of a policy, validated: SLA targets, escalation
//! paths and their steps, triggers, and what a reopen does to each clock.

use serde::Serialize;

use crate::duration::Span;
pub use crate::event::{Clock, Condition};
use crate::ticket::{Channel, Ticket};

/// Which tickets a rule applies to. An empty list does not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Matcher {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub priority: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub channel: Vec<Channel>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tier: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub team: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub level: Vec<String>,
    /// The ticket has any of these tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Matcher {
    /// Each field the matcher constrains, whether the ticket passes it, and
    /// a phrase that says why.
    pub fn check(&self, t: &Ticket) -> Vec<(bool, String)> {
        fn field(out: &mut Vec<(bool, String)>, name: &str, allowed: &[String], value: &str) {
            if !allowed.is_empty() {
                let ok = allowed.iter().any(|a| a == value);
                let verb = if ok { "is one of" } else { "is not one of" };
                out.push((
                    ok,
                    format!("{name} `{value}` {verb} {}", allowed.join(", ")),
                ));
            }
        }
        let mut out = Vec::new();
        field(&mut out, "priority", &self.priority, &t.priority);
        field(&mut out, "category", &self.category, &t.category);
        let channels: Vec<String> = self.channel.iter().map(|c| c.to_string()).collect();
        field(&mut out, "channel", &channels, t.channel.as_str());
        field(&mut out, "tier", &self.tier, &t.tier);
        field(&mut out, "team", &self.team, &t.team);
        field(&mut out, "level", &self.level, &t.level);
        if !self.tags.is_empty() {
            let ok = self.tags.iter().any(|tag| t.has_tag(tag));
            let verb = if ok { "has one of" } else { "has none of" };
            out.push((
                ok,
                format!("ticket {verb} the tags {}", self.tags.join(", ")),
            ));
        }
        out
    }

    pub fn matches(&self, t: &Ticket) -> bool {
        self.check(t).iter().all(|(ok, _)| *ok)
    }

    /// Does every ticket this matcher lets through also pass `other`? Then
    /// a rule with `other` placed after one with `self`... is shadowed when
    /// `self.covers(other)`.
    pub fn covers(&self, other: &Matcher) -> bool {
        fn wider<T: PartialEq>(mine: &[T], theirs: &[T]) -> bool {
            mine.is_empty() || (!theirs.is_empty() && theirs.iter().all(|x| mine.contains(x)))
        }
        wider(&self.priority, &other.priority)
            && wider(&self.category, &other.category)
            && wider(&self.channel, &other.channel)
            && wider(&self.tier, &other.tier)
            && wider(&self.team, &other.team)
            && wider(&self.level, &other.level)
            && wider(&self.tags, &other.tags)
    }
}

/// When to warn before a breach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Warning {
    /// This long before the target.
    Before(Span),
    /// When this percentage of the target has passed.
    Percent(u8),
}

impl Warning {
    /// How much of `target` has passed when the warning is due.
    pub fn at(self, target: Span) -> i64 {
        match self {
            Warning::Before(s) => (target.as_secs() - s.as_secs()).max(0),
            Warning::Percent(p) => target.as_secs() * i64::from(p) / 100,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlaRule {
    pub id: String,
    #[serde(rename = "match")]
    pub matcher: Matcher,
    pub calendar: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_response: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_response: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<Warning>,
}

impl SlaRule {
    pub fn target(&self, clock: Clock) -> Option<Span> {
        match clock {
            Clock::FirstResponse => self.first_response,
            Clock::NextResponse => self.next_response,
            Clock::Resolution => self.resolution,
        }
    }
}

/// The instant a step's delay counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// The start of the ticket's current cycle (opened, or reopened).
    Opened,
    /// The moment an SLA clock breached.
    Breach(Clock),
    /// The ticket's last escalation.
    LastEscalation,
    /// When the ticket reached its current level.
    LevelEntered,
    /// The customer's last contact.
    LastContact,
    /// When a notification about the ticket first reached a person this
    /// cycle: where an acknowledgement window starts.
    Notified,
}

impl Anchor {
    pub const NAMES: &'static str = "opened, first-response-breach, next-response-breach, resolution-breach, last-escalation, level-entered, last-contact, notified";

    pub fn parse(text: &str) -> Option<Anchor> {
        Some(match text {
            "opened" => Anchor::Opened,
            "first-response-breach" => Anchor::Breach(Clock::FirstResponse),
            "next-response-breach" => Anchor::Breach(Clock::NextResponse),
            "resolution-breach" => Anchor::Breach(Clock::Resolution),
            "last-escalation" => Anchor::LastEscalation,
            "level-entered" => Anchor::LevelEntered,
            "last-contact" => Anchor::LastContact,
            "notified" => Anchor::Notified,
            _ => return None,
        })
    }

    pub fn name(self) -> String {
        match self {
            Anchor::Opened => "opened".into(),
            Anchor::Breach(c) => format!("{c}-breach"),
            Anchor::LastEscalation => "last-escalation".into(),
            Anchor::LevelEntered => "level-entered".into(),
            Anchor::LastContact => "last-contact".into(),
            Anchor::Notified => "notified".into(),
        }
    }

    /// Anchors that move during a cycle: a step counted from them fires
    /// once for each instant they take, not once per cycle.
    pub fn moves(self) -> bool {
        matches!(
            self,
            Anchor::LastEscalation | Anchor::LevelEntered | Anchor::LastContact
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Raise {
    Up,
    To(String),
}

/// What a step or a trigger does.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Actions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raise: Option<Raise>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assign: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// People, or roles whose members are told.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notify: Vec<String>,
    /// Those told hear of it even in their quiet hours.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub urgent: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reopen: bool,
}

impl Actions {
    pub fn is_empty(&self) -> bool {
        *self == Actions::default()
    }
}

/// What identifies a step or trigger across policy versions: what it does
/// and when, not its id or its place in the file. Renaming a step, moving it
/// within its path, reordering the triggers or rewording a description
/// leaves this unchanged, so nothing that fired fires again. (A rule whose
/// definition changed is still known by its id: the engine checks both.)
/// Computed once, when the policy is read.
pub fn fingerprint<T: Serialize>(definition: &T) -> String {
    use sha2::Digest;
    let text = serde_json::to_string(definition).expect("a rule's definition is plain data");
    let hash = sha2::Sha256::digest(text.as_bytes());
    hash[..6].iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// `path/step`, unique in the policy.
    pub id: String,
    /// What identifies the step across versions (see [`fingerprint`]).
    #[serde(skip)]
    pub fingerprint: String,
    pub after: Span,
    pub from: Anchor,
    pub when: Condition,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub actions: Actions,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Path {
    pub id: String,
    #[serde(rename = "match")]
    pub matcher: Matcher,
    pub calendar: String,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TriggerOn {
    /// The customer's contact attempts in this cycle reach this many.
    Contacts(u32),
    /// A CSAT score below this is recorded.
    CsatBelow(u8),
    /// The ticket is opened (with `match`, for example on a channel).
    Opened,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trigger {
    pub id: String,
    /// What identifies the trigger across versions (see [`fingerprint`]).
    #[serde(skip)]
    pub fingerprint: String,
    pub on: TriggerOn,
    #[serde(rename = "match")]
    pub matcher: Matcher,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub actions: Actions,
}

/// What a reopen does to one SLA clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OnReopen {
    /// Go on from where it stopped; the time spent resolved does not count.
    Resume,
    /// Start again from zero at the reopen, with the full target: a new cycle.
    Restart,
    /// Do not run again in the new cycle.
    Stop,
}

impl OnReopen {
    pub fn parse(text: &str) -> Option<OnReopen> {
        Some(match text {
            "resume" => OnReopen::Resume,
            "restart" => OnReopen::Restart,
            "stop" => OnReopen::Stop,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReopenRules {
    pub first_response: OnReopen,
    pub next_response: OnReopen,
    pub resolution: OnReopen,
}

impl Default for ReopenRules {
    /// A reopened ticket is a new cycle for every clock.
    fn default() -> Self {
        ReopenRules {
            first_response: OnReopen::Restart,
            next_response: OnReopen::Restart,
            resolution: OnReopen::Restart,
        }
    }
}

impl ReopenRules {
    pub fn of(&self, clock: Clock) -> OnReopen {
        match clock {
            Clock::FirstResponse => self.first_response,
            Clock::NextResponse => self.next_response,
            Clock::Resolution => self.resolution,
        }
    }
}
