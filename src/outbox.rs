//! Notifications waiting to reach people. Every event whose rule says
//! `notify` leaves one row per recipient in the queue's outbox, written in
//! the same transaction as the event, so that a notification is never
//! decided without being kept, nor kept twice: the pair (event, recipient)
//! is unique. Delivery reads the outbox after the commit.

use serde::{Deserialize, Serialize};

use crate::clock::Instant;
use crate::event::Recipient;
use crate::ticket::{TicketId, text_enum};

/// Where a notification stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Delivery {
    Pending,
    Sent,
    Failed,
}

text_enum!(Delivery {
    Pending => "pending": "Not delivered yet; tried again from its next attempt",
    Sent => "sent": "Delivered: the receiver accepted it",
    Failed => "failed": "Given up on after the last attempt allowed",
});

/// Who a notification is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Someone the policy names, told in the team's words.
    Person,
    /// The ticket's customer, by e-mail, told only what a customer may read.
    Customer,
}

text_enum!(Audience {
    Person => "person",
    Customer => "customer",
});

/// One notification for one person about one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// Also the idempotency key a receiver sees.
    pub id: i64,
    pub ticket: TicketId,
    /// The event that asked for it.
    pub event: i64,
    #[serde(flatten)]
    pub recipient: Recipient,
    pub queued_at: Instant,
    pub status: Delivery,
    pub attempts: u32,
    pub next_attempt_at: Instant,
    pub last_error: Option<String>,
    pub sent_at: Option<Instant>,
    pub audience: Audience,
    /// It reaches its person in their quiet hours too.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub urgent: bool,
    /// For the customer: the update as it was written when queued (the
    /// recipient's name is then their address, and its role the update's id).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub update: Option<Message>,
}

/// A notification an event asks for, as the outbox takes it before
/// numbering it: once per event and recipient, due at the event's own
/// instant. Written here once, so that every engine queues the same rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub event: i64,
    pub ticket: TicketId,
    pub recipient: Recipient,
    pub at: Instant,
    pub urgent: bool,
    pub audience: Audience,
    /// For the customer: the update as written now.
    pub update: Option<Message>,
}

/// The role a watcher's notification names.
pub const WATCHER: &str = "watching";

impl Queued {
    /// One for each person `event` asks to tell, and for each of the
    /// ticket's `watchers` it concerns: what a person did or the policy
    /// fired, not a delivery or an acknowledgement (telling of those
    /// would tell again without end), nor what the watcher did.
    pub fn for_people(event: &crate::event::Event, watchers: &[String]) -> Vec<Queued> {
        use crate::event::EventKind;
        let told = !matches!(
            event.data.kind,
            EventKind::Notified
                | EventKind::Acknowledged
                | EventKind::Watched
                | EventKind::Unwatched
                | EventKind::Imported
        );
        let watching = watchers
            .iter()
            .filter(|w| told && (event.data.automatic || **w != event.data.actor))
            .map(|w| Recipient {
                name: w.clone(),
                role: Some(WATCHER.to_string()),
            });
        let mut all: Vec<Recipient> = event.data.recipients().to_vec();
        for w in watching {
            if !all.iter().any(|r| r.name == w.name) {
                all.push(w);
            }
        }
        all.into_iter()
            .map(|r| Queued {
                event: event.id,
                ticket: event.ticket,
                recipient: r,
                at: event.data.at,
                urgent: event.data.urgent(),
                audience: Audience::Person,
                update: None,
            })
            .collect()
    }

    /// The customer update `update` (its id in the policy) to the address
    /// `to`, following `event`, as `message` says it.
    pub fn for_customer(
        event: &crate::event::Event,
        to: &str,
        update: &str,
        message: Message,
    ) -> Queued {
        Queued {
            event: event.id,
            ticket: event.ticket,
            recipient: Recipient {
                name: to.to_string(),
                role: Some(update.to_string()),
            },
            at: event.data.at,
            urgent: false,
            audience: Audience::Customer,
            update: Some(message),
        }
    }
}

impl Notification {
    /// What a `notified` event records of it once delivered.
    pub fn sent(&self) -> crate::event::Sent {
        crate::event::Sent {
            notification: self.id,
            to: self.recipient.clone(),
            customer: self.audience == Audience::Customer,
        }
    }
}

/// What a person reads: enough to act without opening anything else.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Message {
    pub subject: String,
    pub body: String,
}
