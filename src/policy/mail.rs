//! The policy's `[mail]` section: where customers' mail is fetched from,
//! where a new message's ticket goes, and the limits of what is taken in.
//! A policy without it takes mail all the same, every message routed to
//! the defaults.

use serde::Serialize;

use super::{Secret, SmtpTls};
use crate::duration::Span;

/// How the queue takes customers' mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailRules {
    /// Where a new message's ticket goes: the first route that matches;
    /// a message no route matches gets the defaults.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
    /// How long after its resolution a customer's reply reopens a ticket;
    /// later, it opens a new one that names the old.
    pub reopen_within: Span,
    /// Attachments larger than this (in bytes) are dropped, and the ticket
    /// says so.
    pub attachment_limit: u64,
    /// How many acknowledgements (the customer update on `opened`) one
    /// address is sent in a day for tickets its mail opened; past them its
    /// mail still opens tickets, unacknowledged, so that two
    /// auto-responders cannot keep each other writing.
    pub acknowledgements_per_day: u32,
    /// The sender of what esc sends customers (acknowledgements, updates,
    /// agents' replies), where it is not `[delivery.smtp]`'s `from`: the
    /// support address they know.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Where customers' answers go, when not to `from`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// The channels whose tickets an agent's `esc respond` answers by mail
    /// (when the ticket has the customer's address); on others only
    /// `--mail` does.
    pub reply_by_mail: Vec<crate::ticket::Channel>,
    /// The mailbox `esc mail fetch` reads, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetch: Option<Fetch>,
}

impl Default for MailRules {
    fn default() -> Self {
        MailRules {
            routes: Vec::new(),
            reopen_within: Span::seconds(14 * 86_400),
            attachment_limit: 10 * 1024 * 1024,
            acknowledgements_per_day: 3,
            from: None,
            reply_to: None,
            reply_by_mail: vec![crate::ticket::Channel::Email],
            fetch: None,
        }
    }
}

/// Where a new message's ticket goes. Every condition given must hold;
/// what it does not set comes from the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    /// The message was written to one of these addresses (To or Cc),
    /// lowercased.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<String>,
    /// Its subject has one of these words, whatever their case.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subject: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
}

impl Route {
    /// Whether a message to `addresses` (lowercased) under `subject`
    /// takes this route.
    pub fn matches<'a>(&self, mut addresses: impl Iterator<Item = &'a str>, subject: &str) -> bool {
        let to = self.to.is_empty() || addresses.any(|a| self.to.iter().any(|t| t == a));
        let words: Vec<String> = subject
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let subject = self.subject.is_empty()
            || self
                .subject
                .iter()
                .any(|s| words.iter().any(|w| w == s) || phrase_in(&words, s));
        to && subject
    }
}

/// Whether the words of a phrase (`"password reset"`) stand together in
/// `words`.
fn phrase_in(words: &[String], phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split_whitespace().collect();
    wanted.len() > 1
        && words
            .windows(wanted.len())
            .any(|w| w.iter().eq(wanted.iter()))
}

/// The mailbox customers' mail waits in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fetch {
    Imap(Imap),
    /// A local Maildir: new mail in its `new/`, moved to `cur/` and marked
    /// seen once kept.
    Maildir(String),
}

/// An IMAP account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imap {
    pub host: String,
    pub port: u16,
    /// `tls` (port 993) or `starttls` (143); `none` only for a server on
    /// this host.
    pub tls: SmtpTls,
    pub username: String,
    /// How esc proves who it is; the secret itself is never here.
    pub login: ImapLogin,
    /// The folder mail waits in.
    pub mailbox: String,
    /// Where a message goes once kept; without it, it is marked seen
    /// where it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub move_to: Option<String>,
    /// A file of PEM certificates trusted beside the usual authorities: a
    /// company's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<String>,
}

/// How esc logs in to an IMAP server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImapLogin {
    Password(Secret),
    /// An OAuth 2 access token, given by SASL XOAUTH2.
    Token(Secret),
}

impl SmtpTls {
    /// The IMAP port its convention uses.
    pub fn imap_port(self) -> u16 {
        match self {
            SmtpTls::Tls => 993,
            SmtpTls::Starttls | SmtpTls::None => 143,
        }
    }
}

/// A size as a manager writes it: `512KB`, `10MB`, `1GB` (powers of 1024,
/// as mail clients count), or bytes.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size: write 10MB, 512KB or a number of bytes"))?;
    let scale: u64 = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" | "BYTE" | "BYTES" => 1,
        "KB" | "KIB" => 1 << 10,
        "MB" | "MIB" => 1 << 20,
        "GB" | "GIB" => 1 << 30,
        other => {
            return Err(format!("`{other}` is not a unit of size: use KB, MB or GB"));
        }
    };
    number
        .checked_mul(scale)
        .ok_or_else(|| format!("`{text}` is too large"))
}

/// A size as a manager wrote it: in the largest unit it is whole in.
pub fn size_said(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{}GB", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{}MB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{}KB", b >> 10),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(to: &[&str], subject: &[&str]) -> Route {
        Route {
            to: to.iter().map(|s| s.to_string()).collect(),
            subject: subject.iter().map(|s| s.to_string()).collect(),
            team: None,
            category: None,
            priority: None,
        }
    }

    #[test]
    fn a_route_matches_on_every_condition_it_gives() {
        let billing = route(&["billing@example.com"], &[]);
        assert!(billing.matches(["billing@example.com"].into_iter(), "Invoice"));
        assert!(!billing.matches(["support@example.com"].into_iter(), "Invoice"));
        let outage = route(&[], &["outage", "password reset"]);
        assert!(outage.matches(std::iter::empty(), "Re: OUTAGE in Berlin!"));
        assert!(outage.matches(std::iter::empty(), "Password  reset, please"));
        assert!(!outage.matches(std::iter::empty(), "outages and resets"));
        assert!(!outage.matches(std::iter::empty(), "reset my password"));
        let both = route(&["billing@example.com"], &["refund"]);
        assert!(both.matches(["billing@example.com"].into_iter(), "refund?"));
        assert!(!both.matches(["billing@example.com"].into_iter(), "invoice"));
        assert!(!both.matches(["sales@example.com"].into_iter(), "refund"));
    }

    #[test]
    fn sizes_read_as_mail_clients_count() {
        assert_eq!(parse_size("10MB"), Ok(10 << 20));
        assert_eq!(parse_size("512 kb"), Ok(512 << 10));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("4096"), Ok(4096));
        for said in ["10MB", "512KB", "1GB", "1000 bytes"] {
            assert_eq!(size_said(parse_size(said).unwrap()), said);
        }
        assert!(parse_size("ten").unwrap_err().contains("not a size"));
        assert!(parse_size("3TB").unwrap_err().contains("KB, MB or GB"));
        assert!(parse_size("99999999999999999999GB").is_err());
    }
}
