//! The policy file as serde reads it: every name keeps its span so that
//! validation can point at it. Unknown keys are refused by serde itself.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

pub type Name = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPolicy {
    pub name: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub levels: Vec<RawItem>,
    #[serde(default)]
    pub teams: Vec<RawTeam>,
    #[serde(default)]
    pub priorities: Vec<RawItem>,
    #[serde(default)]
    pub categories: Vec<RawItem>,
    #[serde(default)]
    pub tiers: Vec<RawItem>,
    #[serde(default)]
    pub root_causes: Vec<RawItem>,
    #[serde(default)]
    pub roles: BTreeMap<String, Vec<Name>>,
    #[serde(default)]
    pub people: BTreeMap<String, RawPerson>,
    pub delivery: Option<RawDelivery>,
    #[serde(default)]
    pub customer_updates: Vec<RawCustomerUpdate>,
    pub notify: Option<RawNotify>,
    #[serde(default)]
    pub signoff: Vec<RawSignoff>,
    pub defaults: Option<Spanned<RawDefaults>>,
    #[serde(default)]
    pub calendars: Vec<RawCalendar>,
    #[serde(default)]
    pub sla: Vec<RawSla>,
    #[serde(default)]
    pub paths: Vec<RawPath>,
    #[serde(default)]
    pub triggers: Vec<RawTrigger>,
    pub reopen: Option<RawReopen>,
    pub mail: Option<RawMail>,
    #[serde(default)]
    pub replies: Vec<RawReply>,
    #[serde(default)]
    pub recurring: Vec<RawRecurring>,
}

/// A ticket the queue opens on a schedule of its own.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecurring {
    pub id: Name,
    pub title: Name,
    pub description: Option<String>,
    pub every: Name,
    pub on: Option<Name>,
    pub at: Option<Name>,
    pub calendar: Option<Name>,
    pub team: Option<Name>,
    pub category: Name,
    pub priority: Option<Name>,
    pub customer: Option<Name>,
    #[serde(default)]
    pub tags: Vec<Name>,
    pub missed: Option<Name>,
}

/// A reply agents send often, with fields filled from the ticket.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReply {
    pub id: Name,
    pub description: Option<String>,
    pub text: Name,
}

/// How to reach a person. A delivery command is an argv list, never a
/// shell string.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    pub command: Option<Spanned<Vec<Name>>>,
    /// The variables of the deliverer's environment the command is given,
    /// beyond PATH and esc's own facts: nothing else of it is.
    #[serde(default)]
    pub command_env: Vec<Name>,
    pub webhook: Option<Name>,
    pub webhook_env: Option<Name>,
    pub token_env: Option<Name>,
    pub token_file: Option<Name>,
    pub email: Option<Name>,
    pub mailbox: Option<Name>,
    /// Their hours: outside them is quiet, and notifications wait.
    pub calendar: Option<Name>,
    /// The PostgreSQL role they connect as, when it is not their name.
    pub db_role: Option<Name>,
}

/// An update the customer is sent when something happens to their ticket.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCustomerUpdate {
    pub id: Name,
    pub on: Name,
    /// With `on = "escalated"`: only escalations to one of these teams.
    #[serde(default)]
    pub teams: Vec<Name>,
    pub subject: Name,
    pub text: Name,
}

/// Who hears of what agents do, beyond what rules and teams say.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNotify {
    /// The person a ticket is assigned to hears of it.
    #[serde(default)]
    pub assigned: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDelivery {
    pub attempts: Option<Spanned<i64>>,
    pub timeout: Option<Name>,
    #[serde(default)]
    pub digest: bool,
    pub background: Option<bool>,
    pub smtp: Option<Spanned<RawSmtp>>,
}

/// The mail server e-mail goes through. Its password is never here: only
/// the name of the variable or file that holds it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSmtp {
    pub host: Name,
    pub port: Option<Spanned<i64>>,
    pub tls: Option<Name>,
    pub from: Name,
    pub username: Option<Name>,
    pub password_env: Option<Name>,
    pub password_file: Option<Name>,
    /// Log in over a connection without TLS, where anyone on the way reads
    /// the password: only when said, for a relay on this host.
    pub plaintext_login: Option<Spanned<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub id: Name,
    pub name: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTeam {
    pub id: Name,
    pub name: Option<String>,
    pub description: Option<String>,
    pub level: Name,
    /// People or roles told when an agent escalates a ticket to the team.
    #[serde(default)]
    pub notify: Vec<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSignoff {
    pub from_level: Name,
    #[serde(default)]
    pub roles: Vec<Name>,
    #[serde(default)]
    pub people: Vec<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDefaults {
    pub priority: Name,
    pub team: Name,
    pub tier: Option<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCalendar {
    pub id: Name,
    pub timezone: Name,
    pub hours: Spanned<BTreeMap<String, Vec<Name>>>,
    #[serde(default)]
    pub holidays: Vec<Name>,
}

/// Which tickets a rule applies to: every field given must match, a field
/// matches when the ticket's value is one of those listed (for `tags`, when
/// the ticket has any of them).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMatch {
    pub priority: Option<Vec<Name>>,
    pub category: Option<Vec<Name>>,
    pub channel: Option<Vec<Name>>,
    pub tier: Option<Vec<Name>>,
    pub team: Option<Vec<Name>>,
    pub level: Option<Vec<Name>>,
    pub tags: Option<Vec<Name>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSla {
    pub id: Name,
    #[serde(default, rename = "match")]
    pub matches: RawMatch,
    pub calendar: Option<Name>,
    pub first_response: Option<Name>,
    pub next_response: Option<Name>,
    pub resolution: Option<Name>,
    pub warning: Option<Name>,
}

/// The action fields (`raise` .. `notify`) stand again in [`RawTrigger`]:
/// serde cannot flatten a shared struct into one that denies unknown keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub id: Option<Name>,
    pub after: Name,
    pub from: Option<Name>,
    pub when: Option<Name>,
    pub description: Option<String>,
    pub raise: Option<Name>,
    pub team: Option<Name>,
    pub assign: Option<Name>,
    pub priority: Option<Name>,
    #[serde(default)]
    pub tag: Vec<Name>,
    #[serde(default)]
    pub notify: Vec<Name>,
    /// Its notifications go out even in the quiet hours of those told.
    #[serde(default)]
    pub urgent: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPath {
    pub id: Name,
    #[serde(default, rename = "match")]
    pub matches: RawMatch,
    pub calendar: Option<Name>,
    #[serde(default)]
    pub steps: Vec<RawStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTrigger {
    pub id: Name,
    pub on: Name,
    pub at_least: Option<Spanned<u32>>,
    pub below: Option<Spanned<u8>>,
    #[serde(default, rename = "match")]
    pub matches: RawMatch,
    pub description: Option<String>,
    pub raise: Option<Name>,
    pub team: Option<Name>,
    pub assign: Option<Name>,
    pub priority: Option<Name>,
    #[serde(default)]
    pub tag: Vec<Name>,
    #[serde(default)]
    pub notify: Vec<Name>,
    #[serde(default)]
    pub urgent: bool,
    #[serde(default)]
    pub reopen: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReopen {
    pub first_response: Option<Name>,
    pub next_response: Option<Name>,
    pub resolution: Option<Name>,
}

/// How customers' mail comes in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMail {
    pub reopen_within: Option<Name>,
    pub attachment_limit: Option<Name>,
    pub acknowledgements_per_day: Option<Spanned<i64>>,
    pub from: Option<Name>,
    pub reply_to: Option<Name>,
    pub reply_by_mail: Option<Vec<Name>>,
    #[serde(default)]
    pub routes: Vec<Spanned<RawRoute>>,
    pub imap: Option<Spanned<RawImap>>,
    pub maildir: Option<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRoute {
    #[serde(default)]
    pub to: Vec<Name>,
    #[serde(default)]
    pub subject: Vec<Name>,
    pub team: Option<Name>,
    pub category: Option<Name>,
    pub priority: Option<Name>,
}

/// An IMAP account. Its password or token is never here: only the name
/// of the variable or file that holds it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImap {
    pub host: Name,
    pub port: Option<Spanned<i64>>,
    pub tls: Option<Name>,
    pub username: Name,
    pub password_env: Option<Name>,
    pub password_file: Option<Name>,
    pub token_env: Option<Name>,
    pub token_file: Option<Name>,
    pub mailbox: Option<Name>,
    pub move_to: Option<Name>,
    pub ca_file: Option<Name>,
    pub plaintext_login: Option<Spanned<bool>>,
}
