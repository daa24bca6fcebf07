//! The escalation policy a manager writes in TOML: the ladder of levels,
//! teams, priorities, decision categories, tiers, root causes and sign-off
//! rules. Parsed once, validated once, then used as plain typed values.

pub mod diff;
mod error;
mod raw;
mod rules;
pub mod template;
mod validate_rules;

use validate_rules::Lists;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::calendar::{self, Calendar, Shift};
use crate::duration::Span;
use crate::event::Recipient;
use crate::ticket::{Channel, check_tag};
pub use error::{Location, PolicyError, Problem, render as render_problems};
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

/// An e-mail the customer is sent when an event of a kind happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomerUpdate {
    pub id: String,
    pub on: UpdateOn,
    /// With `on = escalated`: only escalations to one of these teams
    /// (empty: any escalation).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<String>,
    pub subject: template::Template,
    pub text: template::Template,
}

/// The events a customer update can follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UpdateOn {
    /// The ticket was opened: a receipt, with when to expect an answer.
    Opened,
    /// Moved to another team or up a level, by an agent or a rule.
    Escalated,
    /// Opened again after it was resolved (by the customer, an agent, or a
    /// rule such as a low CSAT).
    Reopened,
    Resolved,
}

crate::ticket::text_enum!(UpdateOn {
    Opened => "opened",
    Escalated => "escalated",
    Reopened => "reopened",
    Resolved => "resolved",
});

/// A person the policy names, and how to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// `None`: named (in a role, say) but not reachable yet; their
    /// notifications wait until the policy says how.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub reach: Option<Reach>,
    /// Their hours, a calendar's id: outside them, notifications that are
    /// not urgent wait for the next opening.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// On a PostgreSQL queue, the database role that acts as them: the
    /// server, not `--as`, says who is acting. Unset, a role acts as the
    /// person of its own name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_role: Option<String>,
    /// With a command: the variables of the deliverer's environment it is
    /// given, beyond PATH and esc's facts (a token it needs); the rest of
    /// that environment (esc's SMTP password, other people's tokens, a
    /// database password) never reaches it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub command_env: Vec<String>,
}

/// The one channel a person is reached by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reach {
    /// A program and its arguments, run with the message on stdin and
    /// its facts in the environment; never through a shell.
    Command(Vec<String>),
    Webhook(Webhook),
    /// An e-mail address, reached through `[delivery.smtp]`.
    Email(String),
    /// A local mbox file the message is appended to.
    Mailbox(String),
}

impl Reach {
    /// The policy key that gives it.
    pub fn kind(&self) -> &'static str {
        match self {
            Reach::Command(_) => "a command",
            Reach::Webhook(_) => "a webhook",
            Reach::Email(_) => "an email",
            Reach::Mailbox(_) => "a mailbox",
        }
    }
}

/// An HTTP endpoint that takes a JSON POST (Slack, Teams and Mattermost
/// incoming webhooks take its `text`). A URL that is itself a secret, and
/// any bearer token, come from the environment, never the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Webhook {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url_env: Option<String>,
    /// Where the bearer token is kept, if there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<Secret>,
}

/// How hard delivery tries before it gives up on a notification, and the
/// mail server e-mail goes through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeliveryRules {
    /// Attempts in all; after the last failure the notification is failed.
    pub attempts: u32,
    /// How long one attempt may take before it is stopped and counted failed.
    pub timeout: crate::duration::Span,
    /// Several notifications for one person in one delivery go as one
    /// message.
    pub digest: bool,
    /// An agent's command that queues notifications starts `esc outbox
    /// deliver` in the background as it returns; otherwise `esc tick`
    /// delivers them.
    pub background: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smtp: Option<Smtp>,
}

impl Default for DeliveryRules {
    fn default() -> Self {
        DeliveryRules {
            attempts: 5,
            timeout: crate::duration::Span::seconds(10),
            digest: false,
            background: true,
            smtp: None,
        }
    }
}

/// The mail server e-mail goes through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    /// The sender, as `Name <address>` or a bare address.
    pub from: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Where the password is kept: never in the policy itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
}

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain connection upgraded with STARTTLS, which must succeed (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: a relay on this host or a trusted network only (port 25).
    None,
}

crate::ticket::text_enum!(SmtpTls {
    Starttls => "starttls",
    Tls => "tls",
    None => "none",
});

impl SmtpTls {
    /// The port its convention uses.
    pub fn port(self) -> u16 {
        match self {
            SmtpTls::Starttls => 587,
            SmtpTls::Tls => 465,
            SmtpTls::None => 25,
        }
    }
}

/// Where a secret is read from when it is needed: the policy names the
/// place, never the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Secret {
    /// An environment variable.
    Env(String),
    /// A file, whose first line is the secret.
    File(String),
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

/// What a `notify` list may name, and whom each name reaches that the
/// policy gives no way to reach.
pub(super) struct Notifiable {
    names: BTreeSet<String>,
    unreachable: BTreeMap<String, Vec<String>>,
}

impl Notifiable {
    fn of(roles: &BTreeMap<String, Vec<String>>, people: &BTreeMap<String, Person>) -> Self {
        let lost = |who: &String| people.get(who).is_none_or(|p| p.reach.is_none());
        let mut unreachable = BTreeMap::new();
        // A role's name wins over a person's, as in `recipients`.
        for (role, members) in roles {
            for m in members.iter().filter(|m| !roles.contains_key(*m)) {
                if lost(m) {
                    unreachable
                        .entry(m.clone())
                        .or_insert_with(|| vec![m.clone()]);
                }
            }
            let members_lost: Vec<String> = members.iter().filter(|m| lost(m)).cloned().collect();
            unreachable.insert(role.clone(), members_lost);
        }
        for name in people.keys().filter(|p| !roles.contains_key(*p)) {
            if lost(name) {
                unreachable.insert(name.clone(), vec![name.clone()]);
            }
        }
        let names = roles
            .iter()
            .flat_map(|(role, members)| std::iter::once(role).chain(members))
            .chain(people.keys())
            .cloned()
            .collect();
        Notifiable { names, unreachable }
    }
}

/// Checks a raw policy, collecting every problem rather than stopping at the
/// first, so a manager fixes a file in one pass.
struct Validator<'a> {
    text: &'a str,
    lines: error::Lines,
    origin: &'a str,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    /// People already warned about as notified but unreachable: once each.
    unreachable_told: BTreeSet<String>,
}

impl<'a> Validator<'a> {
    fn new(text: &'a str, origin: &'a str) -> Self {
        Validator {
            text,
            lines: error::Lines::of(text),
            origin,
            problems: Vec::new(),
            warnings: Vec::new(),
            unreachable_told: BTreeSet::new(),
        }
    }

    fn at(&mut self, name: &Name, message: String) {
        self.problems.push(Problem {
            message,
            location: Some(Location::within(self.text, &self.lines, name.span())),
        });
    }

    fn delivery(&mut self, raw: Option<raw::RawDelivery>) -> DeliveryRules {
        let mut rules = DeliveryRules::default();
        let Some(raw) = raw else { return rules };
        if let Some(n) = raw.attempts {
            match u32::try_from(*n.get_ref()) {
                Ok(a @ 1..=50) => rules.attempts = a,
                _ => self.at(
                    &Name::new(n.span(), String::new()),
                    "delivery.attempts must be between 1 and 50".into(),
                ),
            }
        }
        if let Some(t) = raw.timeout {
            match t.get_ref().parse::<crate::duration::Span>() {
                Ok(s) if s.as_secs() > 0 && s.as_secs() <= 300 => rules.timeout = s,
                Ok(_) => self.at(&t, "delivery.timeout must be between 1s and 5m".into()),
                Err(e) => self.at(&t, format!("delivery.timeout: {e}")),
            }
        }
        rules.digest = raw.digest;
        rules.background = raw.background.unwrap_or(true);
        rules.smtp = raw.smtp.map(|s| self.smtp(s.into_inner()));
        rules
    }

    fn smtp(&mut self, raw: raw::RawSmtp) -> Smtp {
        if raw.host.get_ref().trim().is_empty() {
            self.at(
                &raw.host,
                "delivery.smtp.host is empty: name the mail server".into(),
            );
        }
        let tls = match &raw.tls {
            None => SmtpTls::Starttls,
            Some(t) => t.get_ref().parse().unwrap_or_else(|_| {
                self.at(
                    t,
                    format!(
                        "delivery.smtp.tls is `{}`: use starttls (port 587), tls (465) or none (25, a local relay)",
                        t.get_ref()
                    ),
                );
                SmtpTls::Starttls
            }),
        };
        let port = match raw.port {
            None => tls.port(),
            Some(p) => u16::try_from(*p.get_ref())
                .ok()
                .filter(|p| *p > 0)
                .unwrap_or_else(|| {
                    self.at(
                        &Name::new(p.span(), String::new()),
                        "delivery.smtp.port must be between 1 and 65535".into(),
                    );
                    tls.port()
                }),
        };
        if let Err(e) = raw.from.get_ref().parse::<lettre::message::Mailbox>() {
            self.at(
                &raw.from,
                format!(
                    "delivery.smtp.from `{}` is not an e-mail sender ({e}): write `esc@example.com` or `Support <esc@example.com>`",
                    raw.from.get_ref()
                ),
            );
        }
        let password = match (raw.password_env, raw.password_file) {
            (Some(var), None) => Some(Secret::Env(var.into_inner())),
            (None, Some(file)) => Some(Secret::File(file.into_inner())),
            (None, None) => None,
            (Some(var), Some(_)) => {
                self.at(
                    &var,
                    "delivery.smtp gives both password_env and password_file: keep one".into(),
                );
                None
            }
        };
        if password.is_some() && raw.username.is_none() {
            self.at(
                &raw.host,
                "delivery.smtp has a password but no username: add `username`".into(),
            );
        }
        if let (Some(user), SmtpTls::None) = (&raw.username, tls) {
            let allowed = raw.plaintext_login.as_ref().is_some_and(|p| *p.get_ref());
            let message = format!(
                "delivery.smtp logs in as `{}` with tls = \"none\": the password crosses the network in clear",
                user.get_ref()
            );
            if allowed {
                self.warn(user, format!("{message} (plaintext_login = true)"));
            } else {
                self.at(
                    user,
                    format!(
                        "{message}: use tls = \"starttls\" or \"tls\", or, for a relay on this host, say plaintext_login = true"
                    ),
                );
            }
        }
        Smtp {
            host: raw.host.into_inner(),
            port,
            tls,
            from: raw.from.into_inner(),
            username: raw.username.map(|u| u.into_inner()),
            password,
        }
    }

    fn warn(&mut self, name: &Name, message: String) {
        self.warnings.push(Problem {
            message,
            location: Some(Location::within(self.text, &self.lines, name.span())),
        });
    }

    fn nowhere(&mut self, message: String) {
        self.problems.push(Problem {
            message,
            location: None,
        });
    }

    /// Check ids of one list: well-formed, unique, at least one.
    fn items(&mut self, what: &str, table: &str, raw: Vec<RawItem>) -> Vec<Item> {
        if raw.is_empty() {
            self.nowhere(format!(
                "the policy defines no {what}: add at least one `[[{table}]]`"
            ));
        }
        let mut seen = HashSet::new();
        raw.into_iter()
            .map(|r| {
                self.id(what, &r.id, &mut seen);
                Item {
                    name: r.name.unwrap_or_else(|| r.id.get_ref().clone()),
                    id: r.id.into_inner(),
                    description: r.description,
                }
            })
            .collect()
    }

    fn id(&mut self, what: &str, id: &Name, seen: &mut HashSet<String>) {
        let text = id.get_ref();
        let well_formed = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !well_formed {
            self.at(
                id,
                format!("invalid id `{text}` in {what}: use letters, digits, `-`, `_` or `.`"),
            );
        } else if !seen.insert(text.clone()) {
            self.at(id, format!("{what} `{text}` is defined twice"));
        }
    }

    /// Report `name` unless it is one of `items`' ids.
    fn known(&mut self, what: &str, name: &Name, items: &[Item]) {
        if !items.iter().any(|i| &i.id == name.get_ref()) {
            self.at(
                name,
                format!(
                    "undefined {what} `{}` (defined: {})",
                    name.get_ref(),
                    Policy::ids(items)
                ),
            );
        }
    }

    fn customer_updates(
        &mut self,
        raw: Vec<raw::RawCustomerUpdate>,
        teams: &[Item],
        smtp: bool,
    ) -> Vec<CustomerUpdate> {
        if let (Some(first), false) = (raw.first(), smtp) {
            self.at(
                &first.id,
                "customer updates go out by e-mail, but the policy names no mail server: add [delivery.smtp] with `host` and `from`".into(),
            );
        }
        let mut seen = HashSet::new();
        raw.into_iter()
            .map(|u| {
                self.id("customer updates", &u.id, &mut seen);
                let on = u.on.get_ref().parse().unwrap_or_else(|_| {
                    self.at(
                        &u.on,
                        format!(
                            "a customer update cannot follow `{}`: use opened, escalated, reopened or resolved",
                            u.on.get_ref()
                        ),
                    );
                    UpdateOn::Escalated
                });
                for team in &u.teams {
                    self.known("team", team, teams);
                }
                if let (Some(team), false) = (u.teams.first(), on == UpdateOn::Escalated) {
                    self.at(team, "`teams` chooses among escalations: use it with on = \"escalated\"".into());
                }
                CustomerUpdate {
                    id: u.id.get_ref().clone(),
                    on,
                    teams: u.teams.into_iter().map(|t| t.into_inner()).collect(),
                    subject: self.template(&u.subject),
                    text: self.template(&u.text),
                }
            })
            .collect()
    }

    /// A template, its errors pointing into the policy text where they are.
    fn template(&mut self, source: &Name) -> template::Template {
        template::Template::parse(source.get_ref()).unwrap_or_else(|e| {
            // The error's place in the string as read; the same characters
            // are found in the file unless an escape came before them.
            let read = source.get_ref();
            let wrong = match read[e.at..].find('}') {
                Some(end) if read[e.at..].starts_with('{') => &read[e.at..=e.at + end],
                _ => &read[e.at..e.at + read[e.at..].chars().next().map_or(0, char::len_utf8)],
            };
            let span = source.span();
            let start = self.text[span.clone()]
                .find(wrong)
                .map_or(span.start, |i| span.start + i);
            self.at(
                &Name::new(start..start + wrong.len(), String::new()),
                e.message,
            );
            template::Template::parse("").expect("an empty template reads")
        })
    }

    /// A name a `notify` list gives: a role, or a person the policy names
    /// (in `[people]` or as a role's member). Anything else is a typo that
    /// would tell nobody.
    fn notify_name(&mut self, n: &Name, names: &Notifiable) {
        let name = n.get_ref();
        if let Some(unreachable) = names.unreachable.get(name) {
            for person in unreachable {
                if self.unreachable_told.insert(person.clone()) {
                    let whom = if person == name {
                        format!("`notify` names `{name}`, whom")
                    } else {
                        format!("`notify` names `{name}`, whose member `{person}`")
                    };
                    self.warn(
                        n,
                        format!(
                            "{whom} the policy gives no way to reach: notifications to {person} wait until [people.{person}] has an email, a webhook, a command or a mailbox"
                        ),
                    );
                }
            }
        }
        let names = &names.names;
        if name.trim().is_empty() {
            self.at(n, "`notify` lists an empty name".into());
        } else if !names.contains(name) {
            self.at(
                n,
                format!(
                    "`notify` names `{name}`, who is neither a role nor a person of the policy (known: {}): add [people.{name}] or put them in a role",
                    if names.is_empty() { "none".to_string() } else { names.iter().cloned().collect::<Vec<_>>().join(", ") }
                ),
            );
        }
    }

    /// One `[people.NAME]` entry: at most one way to reach them.
    fn person(
        &mut self,
        name: &str,
        p: raw::RawPerson,
        smtp: bool,
        calendars: &[Calendar],
    ) -> Person {
        let mut ways: Vec<(Name, Reach)> = Vec::new();
        if let Some(argv) = p.command {
            let at = Name::new(argv.span(), String::new());
            let words: Vec<String> = argv
                .into_inner()
                .into_iter()
                .map(|w| w.into_inner())
                .collect();
            if words.first().is_none_or(|w| w.trim().is_empty()) {
                self.at(
                    &at,
                    format!("the command for `{name}` needs a program: command = [\"program\", \"arg\", ...]"),
                );
            }
            ways.push((at, Reach::Command(words)));
        }
        let webhook = match (p.webhook, p.webhook_env) {
            (None, None) => None,
            (Some(url), None) => {
                let u = url.get_ref();
                if !(u.starts_with("http://") || u.starts_with("https://")) {
                    self.at(
                        &url,
                        format!("the webhook for `{name}` must be an http:// or https:// URL"),
                    );
                }
                let hook = Webhook {
                    url: Some(url.get_ref().clone()),
                    url_env: None,
                    token: None,
                };
                Some((url, hook))
            }
            (None, Some(var)) => {
                let hook = Webhook {
                    url: None,
                    url_env: Some(var.get_ref().clone()),
                    token: None,
                };
                Some((var, hook))
            }
            (Some(url), Some(_)) => {
                self.at(
                    &url,
                    format!("`{name}` gives both webhook and webhook_env: keep one"),
                );
                None
            }
        };
        let token = match (p.token_env, p.token_file) {
            (Some(var), None) => Some((var.clone(), Secret::Env(var.into_inner()))),
            (None, Some(file)) => Some((file.clone(), Secret::File(file.into_inner()))),
            (None, None) => None,
            (Some(var), Some(_)) => {
                self.at(
                    &var,
                    format!("`{name}` gives both token_env and token_file: keep one"),
                );
                None
            }
        };
        match (webhook, token) {
            (Some((at, hook)), token) => ways.push((
                at,
                Reach::Webhook(Webhook {
                    token: token.map(|(_, secret)| secret),
                    ..hook
                }),
            )),
            (None, Some((at, _))) => self.at(&at, format!("a token for `{name}` needs a webhook")),
            (None, None) => {}
        }
        if let Some(email) = p.email {
            if let Err(e) = email.get_ref().parse::<lettre::Address>() {
                self.at(
                    &email,
                    format!("`{}` is not an e-mail address ({e})", email.get_ref()),
                );
            } else if !smtp {
                self.at(
                    &email,
                    format!("`{name}` is reached by e-mail, but the policy names no mail server: add [delivery.smtp] with `host` and `from`"),
                );
            }
            let address = email.get_ref().clone();
            ways.push((email, Reach::Email(address)));
        }
        if let Some(path) = p.mailbox {
            if path.get_ref().trim().is_empty() {
                self.at(&path, format!("the mailbox for `{name}` is an empty path"));
            } else if std::path::Path::new(path.get_ref()).is_relative() {
                self.warn(
                    &path,
                    format!(
                        "the mailbox for `{name}` is a relative path: it is found from wherever esc runs (cron's directory, an agent's); give it from /"
                    ),
                );
            }
            let file = path.get_ref().clone();
            ways.push((path, Reach::Mailbox(file)));
        }
        if ways.len() > 1 {
            let given: Vec<&str> = ways.iter().map(|(_, r)| r.kind()).collect();
            self.at(
                &ways[1].0,
                format!(
                    "[people.{name}] gives {}: keep one way to reach them",
                    given.join(" and ")
                ),
            );
        }
        if let Some(c) = &p.calendar
            && !calendars.iter().any(|cal| &cal.id == c.get_ref())
        {
            let defined: Vec<&str> = calendars.iter().map(|c| c.id.as_str()).collect();
            self.at(
                c,
                format!(
                    "undefined calendar `{}` (defined: {})",
                    c.get_ref(),
                    defined.join(", ")
                ),
            );
        }
        let commanded = matches!(ways.last(), Some((_, Reach::Command(_))));
        for var in &p.command_env {
            let v = var.get_ref();
            let word = v
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !word {
                self.at(
                    var,
                    format!(
                        "`{v}` is not the name of an environment variable (letters, digits and `_`)"
                    ),
                );
            } else if !commanded {
                self.at(
                    var,
                    format!("command_env gives `{name}`'s command variables, and `{name}` has no command"),
                );
            }
        }
        Person {
            reach: ways.pop().map(|(_, reach)| reach),
            calendar: p.calendar.map(|c| c.into_inner()),
            db_role: p.db_role.map(|r| r.into_inner()),
            command_env: p.command_env.into_iter().map(|v| v.into_inner()).collect(),
        }
    }

    fn policy(mut self, raw: RawPolicy, digest: String) -> Result<Policy, PolicyError> {
        // Every rule is checked against those before it (a rule another
        // covers never applies): a bound on their number bounds that.
        let counts = [
            ("levels", raw.levels.len()),
            ("teams", raw.teams.len()),
            ("priorities", raw.priorities.len()),
            ("categories", raw.categories.len()),
            ("tiers", raw.tiers.len()),
            ("root_causes", raw.root_causes.len()),
            ("roles", raw.roles.len()),
            ("people", raw.people.len()),
            ("customer_updates", raw.customer_updates.len()),
            ("signoff", raw.signoff.len()),
            ("calendars", raw.calendars.len()),
            ("sla", raw.sla.len()),
            ("paths", raw.paths.len()),
            ("triggers", raw.triggers.len()),
        ];
        for (key, n) in counts {
            if n > MAX_ENTRIES {
                self.nowhere(format!(
                    "the policy has {n} `{key}` entries; esc takes at most {MAX_ENTRIES} of each: \
                     fewer, broader ones say the same"
                ));
            }
        }
        if !self.problems.is_empty() {
            return Err(PolicyError {
                origin: self.origin.to_string(),
                problems: self.problems,
            });
        }
        let levels = self.items("levels", "levels", raw.levels);
        let priorities = self.items("priorities", "priorities", raw.priorities);
        let categories = self.items("categories", "categories", raw.categories);
        let root_causes = self.items("root causes", "root_causes", raw.root_causes);
        let tiers = if raw.tiers.is_empty() {
            vec![Item {
                id: "standard".into(),
                name: "Standard".into(),
                description: None,
            }]
        } else {
            self.items("tiers", "tiers", raw.tiers)
        };

        if raw.teams.is_empty() {
            self.nowhere("the policy defines no teams: add at least one `[[teams]]`".into());
        }
        let mut seen = HashSet::new();
        // Checked once the people and roles they may name are known.
        let mut team_notify: Vec<Name> = Vec::new();
        let teams: Vec<Team> = raw
            .teams
            .into_iter()
            .map(|t| {
                self.id("teams", &t.id, &mut seen);
                self.known("level", &t.level, &levels);
                team_notify.extend(t.notify.iter().cloned());
                Team {
                    name: t.name.unwrap_or_else(|| t.id.get_ref().clone()),
                    id: t.id.into_inner(),
                    description: t.description,
                    level: t.level.into_inner(),
                    notify: t.notify.into_iter().map(|n| n.into_inner()).collect(),
                }
            })
            .collect();
        let team_items: Vec<Item> = teams
            .iter()
            .map(|t| Item {
                id: t.id.clone(),
                name: t.name.clone(),
                description: None,
            })
            .collect();

        let mut roles = BTreeMap::new();
        for (role, members) in raw.roles {
            let mut people = Vec::new();
            for m in members {
                if m.get_ref().trim().is_empty() {
                    self.at(&m, format!("role `{role}` lists an empty name"));
                }
                people.push(m.into_inner());
            }
            roles.insert(role, people);
        }

        let delivery = self.delivery(raw.delivery);
        let calendars = self.calendars(raw.calendars);
        let mut people = BTreeMap::new();
        for (name, p) in raw.people {
            if let Err(e) = crate::ticket::check_name(&name) {
                self.problems.push(Problem {
                    message: format!("[people.{name}]: {e}"),
                    location: None,
                });
            }
            let person = self.person(&name, p, delivery.smtp.is_some(), &calendars);
            people.insert(name, person);
        }
        let names = Notifiable::of(&roles, &people);
        for n in &team_notify {
            self.notify_name(n, &names);
        }

        let signoff = raw
            .signoff
            .into_iter()
            .map(|s| {
                self.known("level", &s.from_level, &levels);
                for r in &s.roles {
                    if !roles.contains_key(r.get_ref()) {
                        let defined: Vec<&str> = roles.keys().map(String::as_str).collect();
                        self.at(
                            r,
                            format!(
                                "undefined role `{}` (defined in [roles]: {})",
                                r.get_ref(),
                                if defined.is_empty() {
                                    "none".into()
                                } else {
                                    defined.join(", ")
                                }
                            ),
                        );
                    }
                }
                if s.roles.is_empty() && s.people.is_empty() {
                    self.at(
                        &s.from_level,
                        "a sign-off rule names nobody: give it `roles` or `people`".into(),
                    );
                }
                SignoffRule {
                    from_level: s.from_level.into_inner(),
                    roles: s.roles.into_iter().map(|r| r.into_inner()).collect(),
                    people: s.people.into_iter().map(|p| p.into_inner()).collect(),
                }
            })
            .collect();

        let defaults = match raw.defaults {
            None => {
                self.nowhere(
                    "the policy has no `[defaults]`: give the `priority` and `team` new tickets get"
                        .into(),
                );
                None
            }
            Some(d) => {
                let d = d.into_inner();
                self.known("priority", &d.priority, &priorities);
                self.known("team", &d.team, &team_items);
                if let Some(tier) = &d.tier {
                    self.known("tier", tier, &tiers);
                }
                Some(Defaults {
                    priority: d.priority.into_inner(),
                    team: d.team.into_inner(),
                    tier: d
                        .tier
                        .map(|t| t.into_inner())
                        .or_else(|| tiers.first().map(|t| t.id.clone()))
                        .unwrap_or_default(),
                })
            }
        };

        let customer_updates =
            self.customer_updates(raw.customer_updates, &team_items, delivery.smtp.is_some());

        let lists = Lists {
            levels: &levels,
            teams: &team_items,
            priorities: &priorities,
            categories: &categories,
            tiers: &tiers,
            names: &names,
        };
        let sla = self.sla(raw.sla, &lists, &calendars);
        let paths = self.paths(raw.paths, &lists, &calendars, &sla);
        let triggers = self.triggers(raw.triggers, &lists);
        let reopen = self.reopen(raw.reopen);

        match defaults {
            Some(defaults) if self.problems.is_empty() => Ok(Policy {
                name: raw.name.unwrap_or_else(|| "unnamed".into()),
                description: raw.description,
                levels,
                teams,
                priorities,
                categories,
                tiers,
                root_causes,
                roles,
                people,
                delivery,
                notify_assigned: raw.notify.is_some_and(|n| n.assigned),
                customer_updates,
                signoff,
                defaults,
                calendars,
                sla,
                paths,
                triggers,
                reopen,
                digest,
                origin: self.origin.to_string(),
                warnings: self.warnings,
            }),
            _ => Err(PolicyError {
                origin: self.origin.to_string(),
                problems: self.problems,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        Policy::parse(text, "t.toml")
            .unwrap_err()
            .problems
            .into_iter()
            .map(|p| match p.location {
                Some(l) => format!("{}:{}: {}", l.line, l.column, p.message),
                None => p.message,
            })
            .collect()
    }

    /// A policy of many rules is checked in time that grows with them, not
    /// with their square (100,000 SLA rules took 75 s), and one past the
    /// bounds is refused with what the bound is.
    #[test]
    fn a_policy_past_the_bounds_is_refused_saying_so() {
        let rule = |i: usize| {
            format!(
                "\n[[sla]]\nid = \"r{i}\"\nmatch = {{ tags = [\"t{i}\"] }}\nfirst_response = \"1h\"\n"
            )
        };
        // The default's two rules, and as many more as are taken.
        let many: String = (2..MAX_ENTRIES).map(rule).collect();
        let within = format!("{DEFAULT_POLICY}{many}");
        let p = Policy::parse(&within, "t.toml").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.sla.len(), MAX_ENTRIES);
        assert!(
            p.warnings.len() >= MAX_ENTRIES - 2,
            "each rule after the catch-all is shadowed"
        );
        let found = problems(&format!("{within}{}", rule(MAX_ENTRIES)));
        assert_eq!(
            found,
            [
                "the policy has 1001 `sla` entries; esc takes at most 1000 of each: fewer, broader ones say the same"
            ]
        );
        let padded = format!("{DEFAULT_POLICY}\n# {}\n", "x".repeat(MAX_TEXT));
        let found = problems(&padded);
        assert!(
            found[0].starts_with(&format!(
                "the policy is {} KiB; esc reads policies of at most 1024 KiB",
                padded.len() / 1024
            )),
            "{found:?}"
        );
    }

    fn default_with(find: &str, replace: &str) -> String {
        assert!(
            DEFAULT_POLICY.contains(find),
            "default policy lacks {find:?}"
        );
        DEFAULT_POLICY.replacen(find, replace, 1)
    }

    #[test]
    fn the_embedded_default_is_valid() {
        let p = Policy::embedded();
        assert_eq!(Policy::ids(&p.levels), "L0, L1, L2, L3");
        assert_eq!(p.origin, EMBEDDED);
        assert!(p.team(&p.defaults.team).is_some());
    }

    #[test]
    fn unknown_keys_are_errors_with_line_and_column() {
        let text = "name = \"x\"\ncolour = \"red\"\n";
        let found = problems(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("2:1: unknown field `colour`"),
            "{found:?}"
        );
    }

    #[test]
    fn a_target_its_calendar_cannot_reach_within_ten_years_is_an_error() {
        let sundays = "[[calendars]]\nid = \"sundays\"\ntimezone = \"UTC\"\nhours = { sun = [\"10:00-11:00\"] }\n\n[[sla]]\nid = \"standard\"\ncalendar = \"sundays\"";
        let reachable = default_with("[[sla]]\nid = \"standard\"", sundays)
            .replacen("first_response = \"4h\"", "first_response = \"200h\"", 1)
            .replacen("resolution = \"30d\"", "resolution = \"300h\"", 1);
        let p = Policy::parse(&reachable, "t.toml").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.calendar("sundays").unwrap().weekly_open_seconds(), 3600);
        let far = reachable.replacen("resolution = \"300h\"", "resolution = \"600h\"", 1);
        let found = problems(&far);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains(
                "resolution 25d would take about 11 years on calendar `sundays`, open 1h a week; \
                 a target must come due within 10 years"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn people_and_delivery_rules_are_checked() {
        let ok = format!(
            "{DEFAULT_POLICY}\n[people.dana]\ncommand = [\"notify\", \"--urgent\"]\n\n[delivery]\nattempts = 3\ntimeout = \"30s\"\n"
        );
        let p = Policy::parse(&ok, "t.toml").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            p.people["dana"].reach,
            Some(Reach::Command(vec!["notify".into(), "--urgent".into()]))
        );
        assert_eq!((p.delivery.attempts, p.delivery.timeout.as_secs()), (3, 30));
        assert_eq!(Policy::embedded().delivery, DeliveryRules::default());

        let bad = format!(
            "{DEFAULT_POLICY}\n[people.dana]\ncommand = []\n\n[delivery]\nattempts = 0\ntimeout = \"10m\"\n"
        );
        let found = problems(&bad);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found
                .iter()
                .any(|f| f.contains("the command for `dana` needs a program")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|f| f.contains("delivery.attempts must be between 1 and 50"))
        );
        assert!(
            found
                .iter()
                .any(|f| f.contains("delivery.timeout must be between 1s and 5m"))
        );

        let hooks = format!(
            "{DEFAULT_POLICY}\n[people.dana]\nwebhook = \"ftp://x\"\n\n[people.lee]\nwebhook = \"https://h/x\"\ncommand = [\"true\"]\n\n[people.omar]\ntoken_env = \"T\"\n"
        );
        let found = problems(&hooks);
        assert_eq!(found.len(), 3, "{found:?}");
        for says in [
            "the webhook for `dana` must be an http:// or https:// URL",
            "[people.lee] gives a command and a webhook: keep one way to reach them",
            "a token for `omar` needs a webhook",
        ] {
            assert!(found.iter().any(|f| f.contains(says)), "{says}: {found:?}");
        }
    }

    #[test]
    fn a_notify_that_names_nobody_the_policy_knows_is_an_error_at_its_place() {
        let typo = default_with("notify = [\"director\"]", "notify = [\"direktor\"]").replacen(
            "level = \"L0\"\n",
            "level = \"L0\"\nnotify = [\"billing\"]\n",
            1,
        );
        let found = problems(&typo);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found.iter().any(|f| f.contains(
                "`notify` names `direktor`, who is neither a role nor a person of the policy (known: dana, director, escalation-manager, lee): add [people.direktor] or put them in a role"
            )),
            "{found:?}"
        );
        assert!(
            found.iter().any(|f| f.contains("`notify` names `billing`")),
            "{found:?}"
        );
        // A person named only in [people] is known too.
        let person = format!(
            "{typo}\n[people.direktor]\nmailbox = \"m\"\n[people.billing]\nmailbox = \"b\"\n"
        );
        Policy::parse(&person, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn mail_settings_are_checked_and_hold_no_password() {
        let ok = format!(
            "{DEFAULT_POLICY}\n[people.dana]\nemail = \"dana@example.com\"\n\n[people.lee]\nmailbox = \"/var/mail/lee\"\n\n\
             [delivery.smtp]\nhost = \"mail.example.com\"\nfrom = \"Support <esc@example.com>\"\nusername = \"esc\"\npassword_env = \"ESC_SMTP_PASSWORD\"\n"
        );
        let p = Policy::parse(&ok, "t.toml").unwrap_or_else(|e| panic!("{e}"));
        let smtp = p.delivery.smtp.as_ref().unwrap();
        assert_eq!((smtp.port, smtp.tls), (587, SmtpTls::Starttls));
        assert_eq!(smtp.password, Some(Secret::Env("ESC_SMTP_PASSWORD".into())));
        assert_eq!(
            p.people["dana"].reach,
            Some(Reach::Email("dana@example.com".into()))
        );
        assert_eq!(
            p.people["lee"].reach,
            Some(Reach::Mailbox("/var/mail/lee".into()))
        );

        let bad = format!(
            "{DEFAULT_POLICY}\n[people.dana]\nemail = \"dana at example\"\n\n[people.lee]\nemail = \"lee@example.com\"\nmailbox = \"/tmp/lee\"\n"
        );
        let found = problems(&bad);
        for says in [
            "`dana at example` is not an e-mail address",
            "`lee` is reached by e-mail, but the policy names no mail server: add [delivery.smtp]",
            "[people.lee] gives an email and a mailbox: keep one way to reach them",
        ] {
            assert!(found.iter().any(|f| f.contains(says)), "{says}: {found:?}");
        }

        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        let relative = format!("{DEFAULT_POLICY}\n[people.dana]\nmailbox = \"dana.mbox\"\n");
        let p = Policy::parse(&relative, "t.toml").unwrap_or_else(|e| panic!("{e}"));
        assert!(
            p.warnings[0]
                .message
                .starts_with("the mailbox for `dana` is a relative path"),
            "{:?}",
            p.warnings
        );

        let hours =
            format!("{DEFAULT_POLICY}\n[people.dana]\nmailbox = \"m\"\ncalendar = \"nights\"\n");
        let found = problems(&hours);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("undefined calendar `nights` (defined: 24x7)"),
            "{found:?}"
        );

        let server = format!(
            "{DEFAULT_POLICY}\n[delivery.smtp]\nhost = \"h\"\nport = 70000\ntls = \"ssl\"\nfrom = \"nobody\"\npassword_file = \"/etc/pw\"\n"
        );
        let found = problems(&server);
        assert_eq!(found.len(), 4, "{found:?}");
        for says in [
            "delivery.smtp.tls is `ssl`: use starttls (port 587), tls (465) or none (25, a local relay)",
            "delivery.smtp.port must be between 1 and 65535",
            "delivery.smtp.from `nobody` is not an e-mail sender",
            "delivery.smtp has a password but no username: add `username`",
        ] {
            assert!(found.iter().any(|f| f.contains(says)), "{says}: {found:?}");
        }
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let found = problems("name = \"x\"\nlevels = [\n");
        assert!(
            found[0].starts_with("2:") || found[0].starts_with("3:"),
            "{found:?}"
        );
    }

    #[test]
    fn every_undefined_reference_is_reported_at_once() {
        let text = default_with("level = \"L1\"", "level = \"L9\"").replacen(
            "priority = \"normal\"",
            "priority = \"meh\"",
            1,
        );
        let found = problems(&text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .any(|p| p.contains("undefined level `L9` (defined: L0, L1, L2, L3)"))
        );
        assert!(found.iter().any(|p| p.contains("undefined priority `meh`")));
    }

    #[test]
    fn duplicate_and_malformed_ids_are_refused() {
        let text = default_with("id = \"L1\"", "id = \"L0\"");
        let found = problems(&text);
        assert!(
            found
                .iter()
                .any(|p| p.contains("levels `L0` is defined twice")),
            "{found:?}"
        );
        let text = default_with("id = \"L1\"", "id = \"L 1\"");
        assert!(
            problems(&text)
                .iter()
                .any(|p| p.contains("invalid id `L 1`"))
        );
    }

    #[test]
    fn missing_sections_say_what_to_add() {
        let found = problems("name = \"empty\"\n");
        assert!(
            found
                .iter()
                .any(|p| p.contains("add at least one `[[levels]]`")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|p| p.contains("no `[defaults]`")),
            "{found:?}"
        );
    }

    #[test]
    fn signoff_rules_name_defined_roles() {
        let text = default_with("roles = [\"escalation-manager\"", "roles = [\"boss\"");
        let found = problems(&text);
        assert!(
            found.iter().any(|p| p.contains("undefined role `boss`")),
            "{found:?}"
        );
    }

    #[test]
    fn the_most_specific_signoff_rule_governs() {
        let p = Policy::embedded();
        assert!(p.signoff_rule("L0").is_none());
        assert!(p.signoff_rule("L1").is_none());
        assert_eq!(p.signoff_rule("L2").unwrap().from_level, "L2");
        assert_eq!(p.signoff_rule("L3").unwrap().from_level, "L3");
        let l2 = p.signers(p.signoff_rule("L2").unwrap());
        assert!(l2.contains(&"dana".to_string()), "{l2:?}");
    }

    #[test]
    fn ranks_put_unknown_values_last() {
        let p = Policy::embedded();
        assert_eq!(p.priority_rank("urgent"), 0);
        assert_eq!(p.priority_rank("nonsense"), p.priorities.len());
        assert_eq!(p.level_rank("L3"), Some(3));
        assert_eq!(p.level_label("L2"), "L2 (Supervisor)");
    }
}
