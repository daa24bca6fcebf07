//! Mail a machine wrote: out-of-office replies, list traffic, bounces.
//! It is kept on its ticket, but never answered and never counted as the
//! customer getting in touch, so that two auto-responders cannot keep a
//! ticket busy (RFC 3834's advice, and what every mature gateway does).

use mail_parser::Message;

/// Why a message counts as written by a machine: the header that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Automatic {
    /// `Auto-Submitted` other than `no` (RFC 3834).
    AutoSubmitted(String),
    /// `Precedence: bulk`, `junk` or `list`.
    Precedence(String),
    /// `X-Autoreply` or `X-Autorespond`, as some servers mark vacation mail.
    AutoReply,
    /// Mailing-list headers (`List-Id`, `List-Unsubscribe`).
    List,
    /// An empty Return-Path: the sender wants no answer, ever.
    NullSender,
    /// A delivery-status report (a bounce).
    DeliveryReport,
    /// From a mail system's own account (MAILER-DAEMON, postmaster).
    MailSystem,
}

impl std::fmt::Display for Automatic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Automatic::AutoSubmitted(v) => write!(f, "Auto-Submitted: {v}"),
            Automatic::Precedence(v) => write!(f, "Precedence: {v}"),
            Automatic::AutoReply => f.write_str("an auto-reply header"),
            Automatic::List => f.write_str("mailing-list headers"),
            Automatic::NullSender => f.write_str("an empty Return-Path"),
            Automatic::DeliveryReport => f.write_str("a delivery-status report"),
            Automatic::MailSystem => f.write_str("sent by a mail system"),
        }
    }
}

/// Why `message` is automatic, if it is; `report` when it read as a
/// delivery-status report.
pub(super) fn of(message: &Message, report: bool) -> Option<Automatic> {
    let raw = |name: &str| {
        message.header_raw(name).map(|v| {
            v.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
    };
    if report {
        return Some(Automatic::DeliveryReport);
    }
    if let Some(v) = raw("Auto-Submitted") {
        let kind = v.split(';').next().unwrap_or_default().trim().to_string();
        if kind != "no" && !kind.is_empty() {
            return Some(Automatic::AutoSubmitted(kind));
        }
    }
    if let Some(v) = raw("Precedence")
        && matches!(v.as_str(), "bulk" | "junk" | "list")
    {
        return Some(Automatic::Precedence(v));
    }
    if raw("X-Autoreply").is_some() || raw("X-Autorespond").is_some() {
        return Some(Automatic::AutoReply);
    }
    if raw("List-Id").is_some() || raw("List-Unsubscribe").is_some() {
        return Some(Automatic::List);
    }
    if raw("Return-Path").is_some_and(|v| v.trim() == "<>") {
        return Some(Automatic::NullSender);
    }
    let from = message
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or_default()
        .to_lowercase();
    let local = from.split('@').next().unwrap_or_default();
    if matches!(local, "mailer-daemon" | "postmaster") {
        return Some(Automatic::MailSystem);
    }
    None
}
