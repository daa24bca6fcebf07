//! Notifications waiting to reach people. Every event whose rule says
//! `notify` leaves one row per recipient in the queue's outbox, written in
//! the same transaction as the event, so that a notification is never
//! decided without being kept, nor kept twice: the pair (event, recipient)
//! is unique. Delivery reads the outbox after the commit.

use serde::Serialize;

use crate::clock::Instant;
use crate::event::Recipient;
use crate::ticket::{TicketId, text_enum};

/// Where a notification stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

/// One notification for one person about one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
}
