//! Mail the queue keeps: every message that came in, as it came, and the
//! Message-ID of every answer esc sent, so that a reply to either finds
//! its ticket.

use crate::clock::Instant;
use crate::inbound::Filed;
use crate::ticket::TicketId;

/// A message to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    pub message_id: String,
    pub ticket: Option<TicketId>,
    /// The event it made on its ticket, if it made one.
    pub event: Option<i64>,
    pub at: Instant,
    /// The address it came from (or went to, for one esc sent).
    pub sender: String,
    pub cc: Vec<String>,
    pub subject: String,
    pub filed: Filed,
    /// Why it was filed so, or what of it was dropped, for a person.
    pub note: Option<String>,
    /// The message as it came; none for one esc sent (the outbox holds
    /// what it said).
    pub raw: Option<Vec<u8>>,
}

/// A message the queue keeps, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KeptMail {
    pub id: i64,
    pub message_id: String,
    pub ticket: Option<TicketId>,
    pub event: Option<i64>,
    pub at: Instant,
    pub sender: String,
    pub cc: Vec<String>,
    pub subject: String,
    #[serde(serialize_with = "serialize_filed")]
    pub filed: Filed,
    pub note: Option<String>,
    /// How many bytes it came as.
    pub size: usize,
}

/// An address mail to which bounced for good.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Undeliverable {
    pub address: String,
    pub since: Instant,
    /// What the mail server said.
    pub reason: String,
}

impl KeptMail {
    /// `mail` as the queue keeps it under `id`.
    pub fn of(id: i64, mail: NewMail) -> KeptMail {
        KeptMail {
            id,
            size: mail.raw.as_ref().map_or(0, Vec::len),
            message_id: mail.message_id,
            ticket: mail.ticket,
            event: mail.event,
            at: mail.at,
            sender: mail.sender,
            cc: mail.cc,
            subject: mail.subject,
            filed: mail.filed,
            note: mail.note,
        }
    }
}

fn serialize_filed<S: serde::Serializer>(f: &Filed, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(f.as_str())
}

/// A kept message as an export holds it: what the queue keeps of it, its
/// bytes in base64, the event it made by that event's id in the export.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedMail {
    pub message_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<i64>,
    pub at: Instant,
    pub sender: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cc: Vec<String>,
    pub subject: String,
    pub filed: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
}

/// What an export holds that is on no ticket: the mail kept on none,
/// the addresses that bounced, and the ledger of recurring tickets.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Loose {
    #[serde(default)]
    pub mail: Vec<ExportedMail>,
    #[serde(default)]
    pub undeliverable: Vec<Undeliverable>,
    #[serde(default)]
    pub occurrences: Vec<crate::recurrence::Occurrence>,
}

impl ExportedMail {
    /// `kept` as an export holds it, with its bytes.
    pub fn of(kept: KeptMail, raw: Option<&[u8]>) -> ExportedMail {
        use base64::Engine;
        ExportedMail {
            message_id: kept.message_id,
            event: kept.event,
            at: kept.at,
            sender: kept.sender,
            cc: kept.cc,
            subject: kept.subject,
            filed: kept.filed.as_str().to_string(),
            note: kept.note,
            raw: raw.map(|r| base64::engine::general_purpose::STANDARD.encode(r)),
        }
    }

    /// The message to keep again, on `ticket`, having made `event`; or why
    /// it cannot be.
    pub fn to_keep(&self, ticket: Option<TicketId>, event: Option<i64>) -> Result<NewMail, String> {
        use base64::Engine;
        let raw = self
            .raw
            .as_deref()
            .map(|r| base64::engine::general_purpose::STANDARD.decode(r))
            .transpose()
            .map_err(|e| {
                format!(
                    "message <{}>: its bytes are not base64: {e}",
                    self.message_id
                )
            })?;
        Ok(NewMail {
            message_id: self.message_id.clone(),
            ticket,
            event,
            at: self.at,
            sender: self.sender.clone(),
            cc: self.cc.clone(),
            subject: self.subject.clone(),
            filed: self
                .filed
                .parse()
                .map_err(|e| format!("message <{}>: {e}", self.message_id))?,
            note: self.note.clone(),
            raw,
        })
    }
}
