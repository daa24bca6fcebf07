//! Whom a policy names and how each is reached: people, the channel for
//! each, the mail server, and the updates the customer is sent.

use serde::Serialize;

use super::template;

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
