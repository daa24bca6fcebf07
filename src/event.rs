//! The append-only event log: every change to a ticket, who made it, when,
//! and why. Every count a manager asks for is derived from these rows.

use serde::{Deserialize, Serialize};

use crate::clock::Instant;
use crate::ticket::{Channel, Status, TicketId, text_enum};

/// The SLA clocks a ticket can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Clock {
    /// From the start of the cycle to the first reply.
    FirstResponse,
    /// From a customer contact nobody has answered to the next reply.
    NextResponse,
    /// From the start of the cycle to resolution.
    Resolution,
}

impl Clock {
    pub const ALL: [Clock; 3] = [Clock::FirstResponse, Clock::NextResponse, Clock::Resolution];

    pub fn as_str(self) -> &'static str {
        match self {
            Clock::FirstResponse => "first-response",
            Clock::NextResponse => "next-response",
            Clock::Resolution => "resolution",
        }
    }
}

impl std::fmt::Display for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The condition a step answers; checked as of the instant the step is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    Always,
    /// Not resolved (open, pending or awaiting sign-off).
    Unresolved,
    /// Nobody has replied to the customer yet in this cycle.
    NoFirstResponse,
    /// The customer's last contact has not been answered.
    NoResponseSinceContact,
    /// Nobody has acknowledged the ticket in this cycle.
    Unacknowledged,
}

impl Condition {
    pub const NAMES: &'static str =
        "always, unresolved, no-first-response, no-response-since-contact, unacknowledged";

    pub fn parse(text: &str) -> Option<Condition> {
        Some(match text {
            "always" => Condition::Always,
            "unresolved" => Condition::Unresolved,
            "no-first-response" => Condition::NoFirstResponse,
            "no-response-since-contact" => Condition::NoResponseSinceContact,
            "unacknowledged" => Condition::Unacknowledged,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Condition::Always => "always",
            Condition::Unresolved => "unresolved",
            Condition::NoFirstResponse => "no-first-response",
            Condition::NoResponseSinceContact => "no-response-since-contact",
            Condition::Unacknowledged => "unacknowledged",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Opened,
    Assigned,
    Noted,
    Responded,
    Contacted,
    Pending,
    Resumed,
    Rated,
    Tagged,
    Escalated,
    /// Taken down the ladder: the escalation turned out unneeded.
    Deescalated,
    /// A resolution was proposed at a level that needs sign-off.
    SignoffRequested,
    SignedOff,
    SignoffRejected,
    Resolved,
    Reopened,
    /// An SLA clock reached its warning point.
    Warned,
    /// An SLA clock passed its target.
    Breached,
    /// A path step or trigger fired without changing team or level.
    Automated,
    /// A path step came due but its condition no longer held.
    Skipped,
    /// Someone told of the ticket says they have it in hand.
    Acknowledged,
    /// Facts of the ticket were corrected: title, customer, priority, ...
    Edited,
    /// A notification about the ticket reached someone: recorded with the
    /// delivery, so that a step can count from it.
    Notified,
    /// The customer's personal data was erased from the ticket: the
    /// tombstone `esc redact` leaves.
    Redacted,
    /// The ticket came from an export or another help desk: what came due
    /// before this instant belongs to its past and fires nothing here.
    Imported,
    /// This ticket was merged into another, which carries on its request.
    Merged,
    /// Another ticket was merged into this one, bringing what it had.
    Joined,
    /// A merge was undone: on both tickets, each naming the other.
    Unmerged,
    /// Two tickets were linked: on both, each naming the other.
    Linked,
    /// Two tickets' link was taken away: on both.
    Unlinked,
    /// Someone is told of everything that happens to the ticket from now.
    Watched,
    /// Someone is no longer told of everything.
    Unwatched,
}

text_enum!(EventKind {
    Opened => "opened",
    Assigned => "assigned",
    Noted => "noted",
    Responded => "responded",
    Contacted => "contacted",
    Pending => "pending",
    Resumed => "resumed",
    Rated => "rated",
    Tagged => "tagged",
    Escalated => "escalated",
    Deescalated => "deescalated",
    SignoffRequested => "signoff-requested",
    SignedOff => "signed-off",
    SignoffRejected => "signoff-rejected",
    Resolved => "resolved",
    Reopened => "reopened",
    Warned => "warned",
    Breached => "breached",
    Automated => "automated",
    Skipped => "skipped",
    Acknowledged => "acknowledged",
    Edited => "edited",
    Notified => "notified",
    Redacted => "redacted",
    Imported => "imported",
    Merged => "merged",
    Joined => "joined",
    Unmerged => "unmerged",
    Linked => "linked",
    Unlinked => "unlinked",
    Watched => "watched",
    Unwatched => "unwatched",
});

/// The seeds' kinds of escalation. An escalation that changes both the team
/// and the level is both at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EscalationKind {
    /// To another team, same seniority.
    Functional,
    /// Up the ladder of levels.
    Hierarchical,
    /// Another team and a higher level.
    Both,
}

text_enum!(EscalationKind {
    Functional => "functional",
    Hierarchical => "hierarchical",
    Both => "both",
});

impl EscalationKind {
    pub fn of(team_changed: bool, level_changed: bool) -> Option<Self> {
        match (team_changed, level_changed) {
            (true, true) => Some(EscalationKind::Both),
            (true, false) => Some(EscalationKind::Functional),
            (false, true) => Some(EscalationKind::Hierarchical),
            (false, false) => None,
        }
    }
}

/// A `from → to` pair of an attribute an event changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change<T> {
    pub from: Option<T>,
    pub to: Option<T>,
}

/// What an event carries beyond who, when and which attributes changed:
/// typed per kind, stored as JSON, and turned into words only for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Detail {
    /// `opened`: where the customer reached us.
    Channel(Channel),
    /// `responded`: this reply was the cycle's first response.
    FirstResponse,
    /// `responded`: the reply's text went to the customer by mail, at the
    /// ticket's address (kept there, not here, so that the log holds no
    /// address to erase); `first` as with `FirstResponse`.
    Mailed { first: bool },
    /// `contacted`: which attempt this was, counting from 1.
    Attempt(u32),
    /// `rated`: the CSAT score, 1 to 5.
    Csat(u8),
    /// `tagged`: what the change added and removed.
    Tags {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        added: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        removed: Vec<String>,
    },
    /// `resolved`, `signoff-requested`, `signed-off`: the root cause's id.
    RootCause(String),
    /// `warned`, `breached`: which SLA clock.
    Clock(Clock),
    /// What a path step or trigger did (`automated`, automatic `escalated`,
    /// `skipped`).
    Rule(RuleEffect),
    /// An agent's escalation to a team whose policy names who hears of it:
    /// those people.
    Told(Vec<Recipient>),
    /// `edited`: which fields changed, from what to what.
    Edited(Vec<Edit>),
    /// `notified`: the notifications delivered, and to whom.
    Delivered(Vec<Sent>),
    /// `merged`, `joined`, `unmerged`: the other ticket of the merge, and
    /// what it brought.
    Merge(Merge),
    /// `linked`, `unlinked`: the other ticket, and what it is to this one.
    Link(Link),
    /// `watched`, `unwatched`: who.
    Watcher(String),
}

/// One side of a link between two tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub ticket: TicketId,
    /// What that ticket is to this one.
    pub kin: Kin,
}

/// What a linked ticket is to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kin {
    /// The problem it is one case of.
    Parent,
    /// One case of the problem it is.
    Child,
    /// Related, neither under the other.
    Related,
}

text_enum!(Kin {
    Parent => "parent",
    Child => "child",
    Related => "related",
});

impl Kin {
    /// What this ticket is to the other, seen from there.
    pub fn seen_back(self) -> Kin {
        match self {
            Kin::Parent => Kin::Child,
            Kin::Child => Kin::Parent,
            Kin::Related => Kin::Related,
        }
    }
}

/// One side of a merge. On the ticket merged away (`merged`, and its
/// `unmerged`), it names the ticket it went into; on the one it joined
/// (`joined`, `unmerged`), the ticket that came, the tags it brought (or,
/// undone, took back) and since when its customer had waited for a first
/// answer. The addresses it brought are an `edited` event of their own,
/// where an erasure finds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub ticket: TicketId,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The merged ticket's cycle began before this one's and nobody had
    /// answered it: this ticket's first response counts from then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting_since: Option<Instant>,
}

impl Merge {
    pub fn with(ticket: TicketId) -> Merge {
        Merge {
            ticket,
            tags: Vec::new(),
            waiting_since: None,
        }
    }
}

/// One notification a delivery took to its recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    pub notification: i64,
    #[serde(flatten)]
    pub to: Recipient,
    /// The customer, by the policy's update `role` names; else a person.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub customer: bool,
}

/// One field an edit changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub field: EditedField,
    #[serde(flatten)]
    pub change: Change<String>,
}

impl Edit {
    /// The tags an edit of them left, from the words it recorded.
    pub fn tag_list(words: Option<&str>) -> Vec<String> {
        words
            .map(|w| w.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default()
    }

    /// Tags as an edit records them: one word each, a space between;
    /// `None` for none.
    pub fn tag_words(tags: &[String]) -> Option<String> {
        (!tags.is_empty()).then(|| tags.join(" "))
    }
}

impl Detail {
    /// The same, with every other ticket it names numbered `by` further
    /// on: what an import into a queue holding tickets makes of it.
    pub fn renumbered(mut self, by: TicketId) -> Detail {
        match &mut self {
            Detail::Merge(m) => m.ticket += by,
            Detail::Link(l) => l.ticket += by,
            _ => {}
        }
        self
    }

    /// Whether it marks the cycle's first response.
    pub fn first_response(&self) -> bool {
        matches!(
            self,
            Detail::FirstResponse | Detail::Mailed { first: true, .. }
        )
    }
}

/// What makes an automatic event unique on its ticket, recorded as
/// `kind:rule:occurrence`: the kind of rule, the rule (a clock for warnings
/// and breaches, a step's or trigger's fingerprint or id), and which of its
/// occurrences (`1795425000`, the instant a clock's run started; `c2`, or
/// `c2:1795425000` for a moving anchor). Parsed here and nowhere else.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleKey {
    pub kind: RuleKind,
    pub rule: String,
    /// Absent only in keys some queues recorded before schema 3.
    pub occurrence: Option<String>,
}

/// The kinds of rule an automatic event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleKind {
    Warn,
    Breach,
    Step,
    Trigger,
    /// A recurring ticket's opening: `schedule:ID:2026-12-07`.
    Schedule,
}

text_enum!(RuleKind {
    Warn => "warn",
    Breach => "breach",
    Step => "step",
    Trigger => "trigger",
    Schedule => "schedule",
});

impl RuleKey {
    pub fn new(kind: RuleKind, rule: impl Into<String>, occurrence: impl Into<String>) -> Self {
        RuleKey {
            kind,
            rule: rule.into(),
            occurrence: Some(occurrence.into()),
        }
    }

    /// The same occurrence named by `rule` instead: a step or trigger by
    /// its id where the key has its fingerprint.
    pub fn naming(&self, rule: &str) -> RuleKey {
        RuleKey {
            rule: rule.to_string(),
            ..self.clone()
        }
    }

    /// A recorded key (`step:PRINT:c1`) restated with the rule's id in place
    /// of the fingerprint (`step:path/id:c1`): the alias it answers to. Keys
    /// recorded before fingerprints carry the id already and come back as
    /// they are.
    pub fn alias(&self, id: &str) -> RuleKey {
        match self.occurrence {
            Some(_) => self.naming(id),
            None => self.clone(),
        }
    }
}

impl std::fmt::Display for RuleKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.kind, self.rule)?;
        match &self.occurrence {
            Some(which) => write!(f, ":{which}"),
            None => Ok(()),
        }
    }
}

impl std::str::FromStr for RuleKey {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let mut parts = s.splitn(3, ':');
        let kind = parts.next().unwrap_or_default().parse()?;
        let rule = match parts.next() {
            Some(rule) if !rule.is_empty() => rule.to_string(),
            _ => return Err(format!("rule key `{s}` names no rule")),
        };
        Ok(RuleKey {
            kind,
            rule,
            occurrence: parts.next().map(str::to_string),
        })
    }
}

impl Serialize for RuleKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A fact of a ticket `esc edit` corrects, as the log names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EditedField {
    Title,
    Description,
    Customer,
    Email,
    Tier,
    Channel,
    Category,
    Priority,
    Tags,
    /// The addresses copied on the customer's updates.
    Cc,
}

text_enum!(EditedField {
    Title => "title",
    Description => "description",
    Customer => "customer",
    Email => "email",
    Tier => "tier",
    Channel => "channel",
    Category => "category",
    Priority => "priority",
    Tags => "tags",
    Cc => "cc",
});

impl EditedField {
    /// Whether its values are the customer's personal data, which erasure
    /// takes out of the log.
    pub fn personal(self) -> bool {
        matches!(
            self,
            EditedField::Title
                | EditedField::Description
                | EditedField::Customer
                | EditedField::Email
                | EditedField::Cc
        )
    }
}

/// What stands where personal data was erased.
pub const REDACTED: &str = "[redacted]";

impl Detail {
    /// This detail without the customer's personal data (what an edit
    /// said of the customer, their address or their words; a customer a
    /// delivery reached), or `None` if it holds none.
    pub fn redacted(&self) -> Option<Detail> {
        let hidden = |v: &Option<String>| v.as_ref().map(|_| REDACTED.to_string());
        match self {
            Detail::Edited(edits) => Some(Detail::Edited(
                edits
                    .iter()
                    .map(|e| Edit {
                        field: e.field,
                        change: if e.field.personal() {
                            Change {
                                from: hidden(&e.change.from),
                                to: hidden(&e.change.to),
                            }
                        } else {
                            e.change.clone()
                        },
                    })
                    .collect(),
            )),
            Detail::Delivered(sent) if sent.iter().any(|s| s.customer) => Some(Detail::Delivered(
                sent.iter()
                    .map(|s| Sent {
                        to: Recipient {
                            name: if s.customer {
                                REDACTED.into()
                            } else {
                                s.to.name.clone()
                            },
                            role: s.to.role.clone(),
                        },
                        ..s.clone()
                    })
                    .collect(),
            )),
            _ => None,
        }
    }
}

/// Which rule of the policy fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// A path step, by its `path/step` id.
    Step(String),
    /// A trigger, by its id.
    Trigger(String),
}

impl Source {
    pub fn id(&self) -> &str {
        match self {
            Source::Step(id) | Source::Trigger(id) => id,
        }
    }
}

/// What a rule did beyond the level, team, assignee and status changes the
/// event records in its own fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleEffect {
    pub source: Source,
    /// The ticket was resolved and the rule reopened it (the event's cycle is the new one).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reopened: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Change<String>>,
    /// Tags the rule added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Who is to be told, each once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notify: Vec<Recipient>,
    /// They are told even in their quiet hours.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub urgent: bool,
    /// What the rule asked for that could not happen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unchanged: Vec<Unchanged>,
    /// Set on a skipped step: the condition that no longer held when it came due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
}

impl RuleEffect {
    pub fn new(source: Source) -> Self {
        RuleEffect {
            source,
            reopened: false,
            priority: None,
            tags: Vec::new(),
            notify: Vec::new(),
            urgent: false,
            unchanged: Vec::new(),
            condition: None,
        }
    }
}

/// One person a rule's `notify` reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub name: String,
    /// The role the rule named, when the person was reached through it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// A raise a rule asked for that the ladder did not allow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "why")]
pub enum Unchanged {
    /// `raise = "up"` at the top level.
    AtTopLevel { level: String },
    /// `raise = TARGET` on a ticket already at or above it.
    AtOrAbove { level: String, target: String },
}

/// What happened, before the store gives it an id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventData {
    pub at: Instant,
    pub actor: String,
    pub kind: EventKind,
    pub cycle: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<EscalationKind>,
    /// Set when a policy rule made the change rather than a person.
    pub automatic: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Change<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<Change<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<Change<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Change<Status>>,
    /// Why: the escalation summary, the note, the resolution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What the kind carries: a CSAT score, a root cause, a rule's effect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Detail>,
    /// For automatic events: when the rule was due (`at` is when it was applied).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_at: Option<Instant>,
    /// For automatic events: which occurrence of which rule, e.g.
    /// `step:office/1:c1`. Unique per ticket: the guard of "exactly once".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// For automatic events: the SHA-256 of the policy that fired it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
}

impl EventData {
    /// When it took effect: the due instant for automatic events, else `at`.
    pub fn effective(&self) -> Instant {
        self.due_at.unwrap_or(self.at)
    }

    pub fn new(kind: EventKind, at: Instant, actor: &str, cycle: u32) -> Self {
        EventData {
            at,
            actor: actor.to_string(),
            kind,
            cycle,
            escalation: None,
            automatic: false,
            level: None,
            team: None,
            assignee: None,
            status: None,
            reason: None,
            detail: None,
            due_at: None,
            rule: None,
            policy: None,
        }
    }

    pub fn reason(mut self, reason: Option<impl Into<String>>) -> Self {
        self.reason = reason.map(Into::into);
        self
    }

    pub fn detail(mut self, detail: Detail) -> Self {
        self.detail = Some(detail);
        self
    }

    pub fn detail_opt(mut self, detail: Option<Detail>) -> Self {
        self.detail = detail;
        self
    }

    /// The rule effect of an automatic event.
    /// The people this event asks to be told: by its rule, or by the team
    /// an agent escalated it to.
    pub fn recipients(&self) -> &[Recipient] {
        match &self.detail {
            Some(Detail::Rule(effect)) => &effect.notify,
            Some(Detail::Told(people)) => people,
            _ => &[],
        }
    }

    /// Whether those it tells hear of it even in their quiet hours.
    pub fn urgent(&self) -> bool {
        self.effect().is_some_and(|e| e.urgent)
    }

    pub fn effect(&self) -> Option<&RuleEffect> {
        match &self.detail {
            Some(Detail::Rule(effect)) => Some(effect),
            _ => None,
        }
    }

    pub fn status(mut self, from: Status, to: Status) -> Self {
        if from != to {
            self.status = Some(Change {
                from: Some(from),
                to: Some(to),
            });
        }
        self
    }

    pub fn level(mut self, from: &str, to: &str) -> Self {
        if from != to {
            self.level = Some(change(Some(from), Some(to)));
        }
        self
    }

    pub fn team(mut self, from: &str, to: &str) -> Self {
        if from != to {
            self.team = Some(change(Some(from), Some(to)));
        }
        self
    }

    pub fn assignee(mut self, from: Option<&str>, to: Option<&str>) -> Self {
        if from != to {
            self.assignee = Some(change(from, to));
        }
        self
    }
}

/// What an event made an attribute, if it changed it.
pub fn changed_to<T: Clone>(change: &Option<Change<T>>) -> Option<T> {
    change.as_ref().and_then(|c| c.to.clone())
}

fn change(from: Option<&str>, to: Option<&str>) -> Change<String> {
    Change {
        from: from.map(str::to_string),
        to: to.map(str::to_string),
    }
}

/// The history part of stored events: what the engine reads.
pub fn history(events: &[Event]) -> Vec<EventData> {
    events.iter().map(|e| e.data.clone()).collect()
}

/// One row of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: i64,
    pub ticket: TicketId,
    #[serde(flatten)]
    pub data: EventData,
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_rule_key_reads_back_as_it_was_written() {
        for text in [
            "warn:first-response:1795425000",
            "breach:resolution:1795425000",
            "step:3f9a0c1b2d4e:c2:1795425000",
            "trigger:unhappy:c1:1795425000",
            // Recorded before schema 3: no occurrence.
            "step:no-reply/senior",
        ] {
            let key: RuleKey = text.parse().unwrap();
            assert_eq!(key.to_string(), text);
        }
        let key: RuleKey = "step:3f9a0c1b2d4e:c2:1795425000".parse().unwrap();
        assert_eq!(
            (key.kind, key.rule.as_str(), key.occurrence.as_deref()),
            (RuleKind::Step, "3f9a0c1b2d4e", Some("c2:1795425000"))
        );
        assert_eq!(
            key.naming("no-reply/senior").to_string(),
            "step:no-reply/senior:c2:1795425000"
        );
        assert!("reminder:x:c1".parse::<RuleKey>().is_err());
        assert!("step".parse::<RuleKey>().is_err());
        assert!("step::c1".parse::<RuleKey>().is_err());
    }

    use super::*;

    #[test]
    fn escalation_kind_follows_what_changed() {
        assert_eq!(
            EscalationKind::of(true, false),
            Some(EscalationKind::Functional)
        );
        assert_eq!(
            EscalationKind::of(false, true),
            Some(EscalationKind::Hierarchical)
        );
        assert_eq!(EscalationKind::of(true, true), Some(EscalationKind::Both));
        assert_eq!(EscalationKind::of(false, false), None);
    }

    #[test]
    fn unchanged_attributes_are_not_recorded() {
        let t = crate::clock::from_unix(0);
        let e = EventData::new(EventKind::Escalated, t, "ann", 1)
            .level("L0", "L0")
            .team("support", "finance")
            .assignee(None, None);
        assert!(e.level.is_none());
        assert!(e.assignee.is_none());
        assert_eq!(e.team.unwrap().to.as_deref(), Some("finance"));
    }
}
