//! A ticket: the current state of one customer request on the queue.

use serde::{Deserialize, Serialize};

use crate::clock::Instant;

pub type TicketId = i64;

/// Where the customer reached us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    Email,
    Chat,
    Phone,
    Social,
    Web,
    Bot,
}

/// Where a ticket stands in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Someone on our side owes the next move.
    Open,
    /// Waiting on the customer; SLA clocks pause.
    Pending,
    /// Resolved at a level that needs management's sign-off, which has not come yet.
    AwaitingSignoff,
    /// Done. A reopen starts a new cycle.
    Resolved,
    /// Joined to another ticket, which carries on its customer's request:
    /// closed, yet not resolved.
    Merged,
}

/// An enum with one fixed word for each value, as the queue stores it and
/// as a user types it.
pub trait TextEnum: Copy + Send + Sync + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;

    /// What the word means, for `--help` and completions.
    fn help(self) -> &'static str {
        ""
    }
}

macro_rules! text_enum {
    ($ty:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            /// No meaning beyond the word itself.
            fn meaning(self) -> &'static str {
                ""
            }
        }
        $crate::ticket::text_enum!(@words $ty { $($variant => $text),+ });
    };
    ($ty:ident { $($variant:ident => $text:literal: $help:literal),+ $(,)? }) => {
        impl $ty {
            fn meaning(self) -> &'static str {
                match self { $($ty::$variant => $help),+ }
            }
        }
        $crate::ticket::text_enum!(@words $ty { $($variant => $text),+ });
    };
    (@words $ty:ident { $($variant:ident => $text:literal),+ }) => {
        impl $crate::ticket::TextEnum for $ty {
            const ALL: &'static [$ty] = &[$($ty::$variant),+];

            fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $text),+ }
            }

            fn help(self) -> &'static str {
                self.meaning()
            }
        }

        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $text),+ }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($ty::$variant),)+
                    other => Err(format!(
                        "unknown {} `{other}`; expected one of: {}",
                        stringify!($ty).to_lowercase(),
                        [$($text),+].join(", ")
                    )),
                }
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(Channel {
    Email => "email",
    Chat => "chat",
    Phone => "phone",
    Social => "social",
    Web => "web",
    Bot => "bot",
});

text_enum!(Status {
    Open => "open": "Someone on our side owes the next move",
    Pending => "pending": "Waiting on the customer; SLA clocks pause",
    AwaitingSignoff => "awaiting-signoff": "Resolved at a level that needs management's sign-off, which has not come yet",
    Resolved => "resolved": "Done. A reopen starts a new cycle",
    Merged => "merged": "Joined to another ticket, which carries on the request",
});

impl Status {
    /// Open and pending tickets are live: they can be worked on and escalated.
    pub fn is_live(self) -> bool {
        matches!(self, Status::Open | Status::Pending)
    }

    /// Resolved or merged: nothing is due on it and no clock runs.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Resolved | Status::Merged)
    }
}

/// One ticket as it stands now. Its history is in the event log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    pub id: TicketId,
    pub title: String,
    pub description: String,
    pub customer: String,
    /// Where the customer hears of their ticket, if the policy sends them
    /// updates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub tier: String,
    pub channel: Channel,
    pub category: String,
    pub priority: String,
    pub team: String,
    pub level: String,
    pub assignee: Option<String>,
    pub status: Status,
    pub tags: Vec<String>,
    /// Addresses copied on what the customer is sent, besides `email`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cc: Vec<String>,
    /// The ticket this one was merged into, while it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<TicketId>,
    /// The problem this ticket is one case of: an incident with many
    /// customers' tickets under it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<TicketId>,
    /// Tickets related to this one, neither under the other.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<TicketId>,
    /// People told of everything that happens to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub watchers: Vec<String>,
    /// Starts at 1; every reopen starts the next cycle.
    pub cycle: u32,
    pub opened_at: Instant,
    pub updated_at: Instant,
    /// When the ticket reached its current level (opened, escalated, reopened).
    pub level_since: Instant,
    pub last_escalated_at: Option<Instant>,
    pub first_response_at: Option<Instant>,
    pub last_response_at: Option<Instant>,
    pub last_contact_at: Option<Instant>,
    pub contact_attempts: u32,
    pub pending_since: Option<Instant>,
    /// When the current cycle closed: resolved, or merged into another
    /// ticket.
    pub resolved_at: Option<Instant>,
    pub resolution: Option<String>,
    pub root_cause: Option<String>,
    pub csat: Option<u8>,
    /// Derived by the engine on every change, so `esc tick` and `esc list`
    /// find work through an index instead of scanning the queue.
    pub due: Due,
    /// What reports count, derived from the log with every change.
    pub stats: Stats,
}

/// What the engine last computed about a ticket's clocks, under which policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    /// The earliest instant at which something automatic is due.
    pub next_at: Option<Instant>,
    /// The earliest instant at which a running SLA clock breaches.
    pub sla_at: Option<Instant>,
    /// The first breach of the current cycle, if any.
    pub breached_at: Option<Instant>,
    /// A short digest of the policy these were computed with.
    pub digest: Option<String>,
}

impl Ticket {
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }
}

/// How much text a ticket takes, in bytes of UTF-8: enough for any real
/// ticket, small enough that one hostile command cannot bloat the queue or
/// flood a terminal. README lists them.
pub mod limits {
    pub const TITLE: usize = 1_000;
    pub const CUSTOMER: usize = 200;
    /// A description, note, reason, summary or comment.
    pub const TEXT: usize = 64 * 1024;
    pub const TAGS: usize = 50;
    /// Addresses copied on a ticket's customer updates.
    pub const CC: usize = 50;
    /// The largest message taken in from a customer: larger ones are left
    /// with the mail server, which says so to their sender.
    pub const MESSAGE: usize = 64 << 20;
}

/// Refuse `text` longer than `max` bytes, naming what it is.
pub fn check_size(what: &str, text: &str, max: usize, fix: &str) -> Result<(), String> {
    if text.len() <= max {
        return Ok(());
    }
    Err(format!(
        "the {what} is {} bytes long; esc keeps at most {max}: {fix}",
        text.len()
    ))
}

/// A field shown on one line (a title, a customer's name) holds no line
/// break: one would let it forge a line of its own in `esc show`.
pub fn check_one_line(what: &str, text: &str) -> Result<(), String> {
    if text.chars().any(|c| {
        matches!(
            c,
            '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
    }) {
        return Err(format!(
            "the {what} holds a line break; it is shown on one line: put the rest in the description"
        ));
    }
    Ok(())
}

/// A customer's e-mail address: one address, as a mail server takes it.
/// The grammar allows more than mail servers deliver to (a quoted local
/// part such as `"a b"@x`, a bracketed address such as `a@[127.0.0.1]`):
/// those are refused here, once, rather than retried at every delivery
/// until given up.
pub fn check_email(address: &str) -> Result<(), String> {
    check_size("e-mail address", address, 254, "give one address")?;
    let shown = crate::output::visible(address);
    let parsed = address.parse::<lettre::Address>().map_err(|e| {
        format!("`{shown}` is not an e-mail address ({e}): write it as name@example.com")
    })?;
    let plain_local = parsed.user().split('.').all(|atom| {
        !atom.is_empty()
            && atom
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c))
    });
    let host_name = parsed.domain().split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    if !plain_local || !host_name {
        return Err(format!(
            "`{shown}` is not an address mail is delivered to (quoted names and bracketed addresses are not taken): write it as name@example.com"
        ));
    }
    Ok(())
}

/// Tags are single words so they can be listed, filtered and typed without
/// quoting: letters, digits, `-`, `_`, `.`, `:`.
pub fn check_tag(tag: &str) -> Result<(), String> {
    let ok = !tag.is_empty()
        && tag.len() <= 64
        && tag
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "invalid tag `{tag}`: use letters, digits, `-`, `_`, `.` or `:` (at most 64)"
        ))
    }
}

/// Names of people (assignees, who acted) follow the tag rule, with `@`
/// for names that are addresses: a name cannot carry spaces, quotes or
/// control characters into a listing.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '@'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "invalid name `{}`: use letters, digits, `-`, `_`, `.`, `:` or `@` (at most 64)",
            crate::output::visible(name)
        ))
    }
}

/// How an SLA target turned out for a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Met,
    Breached,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::Breached => "breached",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        match text {
            "met" => Some(Outcome::Met),
            "breached" => Some(Outcome::Breached),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Escalation events, by hand or automatic.
    pub escalations: u32,
    /// Escalations that changed the team (`both` counts here and below).
    pub functional: u32,
    /// Escalations that raised the level.
    pub hierarchical: u32,
    /// Escalations a policy rule made.
    pub automatic: u32,
    /// Hand-offs: a change of team, or of assignee away from someone.
    pub transfers: u32,
    /// The highest level the ticket reached.
    pub top_level: String,
    pub reopens: u32,
    pub breaches: u32,
    pub warnings: u32,
    pub first_response: Option<Outcome>,
    pub resolution: Option<Outcome>,
    /// Opened to first reply, in wall-clock seconds.
    pub first_response_secs: Option<i64>,
    /// The same in business seconds on the ticket's SLA calendar, pauses excluded.
    pub first_response_business_secs: Option<i64>,
    /// Opened to the current resolution, in wall-clock seconds.
    pub resolution_secs: Option<i64>,
    /// The same in business seconds, pauses and resolved spells excluded.
    pub resolution_business_secs: Option<i64>,
    /// Everyone the ticket was assigned to.
    pub handlers: Vec<String>,
    /// Who escalated it onward: the assignee who held it, or the agent.
    pub escalated_by: Vec<String>,
    /// Who gave the current resolution.
    pub resolved_by: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip_through_text() {
        for c in Channel::ALL {
            assert_eq!(c.as_str().parse::<Channel>().unwrap(), *c);
        }
        for s in Status::ALL {
            assert_eq!(s.as_str().parse::<Status>().unwrap(), *s);
        }
        let e = "fax".parse::<Channel>().unwrap_err();
        assert!(e.contains("email, chat, phone, social, web, bot"), "{e}");
    }

    #[test]
    fn only_open_and_pending_are_live() {
        assert!(Status::Open.is_live());
        assert!(Status::Pending.is_live());
        assert!(!Status::AwaitingSignoff.is_live());
        assert!(!Status::Resolved.is_live());
        assert!(!Status::Merged.is_live());
        assert!(Status::Merged.is_closed() && !Status::AwaitingSignoff.is_closed());
    }

    #[test]
    fn tags_are_single_words() {
        assert!(check_tag("vip").is_ok());
        assert!(check_tag("sla:warned").is_ok());
        assert!(check_tag("two words").is_err());
        assert!(check_tag("").is_err());
        assert!(check_tag(&"x".repeat(65)).is_err());
    }

    #[test]
    fn sizes_are_checked_in_bytes_and_say_the_limit() {
        assert!(check_size("title", &"é".repeat(500), limits::TITLE, "x").is_ok());
        let e = check_size("title", &"é".repeat(501), limits::TITLE, "shorten it").unwrap_err();
        assert_eq!(
            e,
            "the title is 1002 bytes long; esc keeps at most 1000: shorten it"
        );
    }

    #[test]
    fn names_are_single_words_that_may_be_addresses() {
        assert!(check_name("dana").is_ok());
        assert!(check_name("ann.lee@example.com").is_ok());
        assert!(check_name("Zoë").is_ok());
        for bad in ["", "ann lee", "bo\x1bb", "a'b", &"x".repeat(65)] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }
}
