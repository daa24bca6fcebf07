//! Mail that comes in: one RFC 5322 message, read into what the queue
//! needs of it (who wrote, about what, in answer to which message, whether
//! a person or a machine wrote it). Pure: bytes in, data out. Nothing here
//! decides which ticket a message joins; `queue` does, by the order the
//! mature help-desk gateways follow.

mod automatic;
mod quote;
mod report;
#[cfg(test)]
mod tests;

pub use automatic::Automatic;
pub use quote::reply_part;
pub use report::DeliveryReport;

use mail_parser::{Address, MessageParser, MimeHeaders, PartType};
use sha2::{Digest, Sha256};

use crate::ticket::{TicketId, text_enum};

/// The most text of a message kept as its text, as much as a ticket's
/// text may hold: the raw message keeps the rest.
pub const TEXT_LIMIT: usize = crate::ticket::limits::TEXT;

/// The longest subject kept, in characters.
const SUBJECT_LIMIT: usize = 200;

/// A person's name and address as a message gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub name: Option<String>,
    /// Lower-cased: addresses are compared, and their local parts are
    /// case-insensitive at every mail server esc will meet.
    pub address: String,
}

/// A part of a message that is a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Attachment {
    /// Safe as a file name: no directory, no control character, never
    /// empty.
    pub name: String,
    pub content_type: String,
    pub size: usize,
    /// Whether the queue keeps it: one over the policy's limit is dropped,
    /// and the ticket says so.
    pub kept: bool,
}

/// A message, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbound {
    /// Its Message-ID without angle brackets; one made from its bytes when
    /// it has none, the same every time the same bytes arrive.
    pub message_id: String,
    pub from: Option<Mailbox>,
    /// Where answers go, when the sender asks for another address.
    pub reply_to: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    /// On one line, decoded; empty when it has none.
    pub subject: String,
    /// The text a person reads: the plain part, else the HTML part as
    /// text; at most [`TEXT_LIMIT`] bytes.
    pub text: String,
    /// The messages it answers, nearest first: In-Reply-To, then
    /// References from the last.
    pub answers: Vec<String>,
    /// Why a machine wrote it, when its headers say so.
    pub automatic: Option<Automatic>,
    /// What a delivery-status report says, when it is one.
    pub report: Option<DeliveryReport>,
    pub attachments: Vec<Attachment>,
    /// Where the attachments over the limit lie in the message, to be cut
    /// from what is kept.
    pub dropped: Vec<Dropped>,
    /// esc's own mail come back: it carries the header every message esc
    /// sends carries.
    pub ours: bool,
}

/// An attachment over the limit: where its part's header starts, its
/// body starts and ends, and its size decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dropped {
    header: usize,
    body: usize,
    end: usize,
    size: usize,
}

/// The header esc puts on an attachment's part whose bytes it did not
/// keep, with their size.
const DROPPED: &str = "X-Esc-Dropped";

/// The message as the queue keeps it: `raw` without the bytes of the
/// attachments over the limit, each part keeping its headers and saying
/// in [`DROPPED`] how large it was. The rest is as it came.
pub fn keepable<'a>(raw: &'a [u8], dropped: &[Dropped]) -> std::borrow::Cow<'a, [u8]> {
    if dropped.is_empty() {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut kept =
        Vec::with_capacity(raw.len() - dropped.iter().map(|d| d.end - d.body).sum::<usize>());
    let mut at = 0;
    for d in dropped {
        // Parts lie in order, none inside another (attachments are not
        // nested): a part that does anyway is left whole.
        if d.header < at || d.end > raw.len() || d.body > d.end {
            continue;
        }
        kept.extend_from_slice(&raw[at..d.header]);
        kept.extend_from_slice(format!("{DROPPED}: {}\r\n", d.size).as_bytes());
        kept.extend_from_slice(&raw[d.header..d.body]);
        at = d.end;
    }
    kept.extend_from_slice(&raw[at..]);
    std::borrow::Cow::Owned(kept)
}

/// What became of a message the queue keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Filed {
    /// It opened a ticket.
    Opened,
    /// A person's follow-up on a ticket: the customer got in touch.
    Joined,
    /// Kept on its ticket, counted as nothing: a machine wrote it.
    Automatic,
    /// A delivery-status report, kept on the ticket whose mail bounced.
    Bounce,
    /// Kept, on no ticket: a machine wrote it and it answers nothing the
    /// queue knows, or it is esc's own mail come back.
    Unfiled,
    /// Kept as it came: it does not read as mail. An agent can read it
    /// and try it again.
    Unreadable,
    /// Sent by esc: an agent's answer to a customer.
    Sent,
}

text_enum!(Filed {
    Opened => "opened",
    Joined => "joined",
    Automatic => "automatic",
    Bounce => "bounce",
    Unfiled => "unfiled",
    Unreadable => "unreadable",
    Sent => "sent",
});

/// Bytes that do not read as a message at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Unreadable(pub String);

/// The header esc puts on every message it sends.
pub const OURS: &str = "X-Esc-Notification";

/// Read `raw`, keeping attachments of at most `attachment_limit` bytes.
pub fn read(raw: &[u8], attachment_limit: usize) -> Result<Inbound, Unreadable> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(Unreadable("the message is empty".into()));
    }
    let message = MessageParser::default()
        .parse(raw)
        .ok_or_else(|| Unreadable("no header reads as a mail header".into()))?;
    if message.from().is_none() && message.message_id().is_none() && message.subject().is_none() {
        return Err(Unreadable(
            "it has no From, no Message-ID and no Subject: not a mail message".into(),
        ));
    }
    let message_id = match message.message_id() {
        Some(id) if !id.trim().is_empty() => clean(id, 250),
        _ => derived_id(raw),
    };
    let first = |a: Option<&Address>| a.and_then(|a| mailboxes(a).into_iter().next());
    let report = report::read(&message);
    let automatic = automatic::of(&message, report.is_some());
    Ok(Inbound {
        message_id,
        from: first(message.from()),
        reply_to: first(message.reply_to()),
        to: message.to().map(mailboxes).unwrap_or_default(),
        cc: message.cc().map(mailboxes).unwrap_or_default(),
        subject: message
            .subject()
            .map(|s| one_line(s, SUBJECT_LIMIT))
            .unwrap_or_default(),
        text: text_of(&message),
        answers: answers(&message),
        automatic,
        report,
        attachments: attachments(&message, attachment_limit),
        dropped: dropped(&message, attachment_limit),
        ours: message.header_raw(OURS).is_some(),
    })
}

impl Inbound {
    /// Where an answer goes: Reply-To, else From.
    pub fn answer_to(&self) -> Option<&Mailbox> {
        self.reply_to.as_ref().or(self.from.as_ref())
    }

    /// The ticket a subject tag such as `[esc #42]` names, with `word`
    /// the tag's word (`esc`).
    pub fn tagged(&self, word: &str) -> Option<TicketId> {
        subject_tag(&self.subject, word)
    }

    /// Whether `address` wrote it or was copied on it.
    pub fn involves(&self, address: &str) -> bool {
        let address = address.to_lowercase();
        self.from
            .iter()
            .chain(&self.cc)
            .any(|m| m.address == address)
    }
}

/// The ticket number in a subject tag `[word #N]`, anywhere in `subject`.
pub fn subject_tag(subject: &str, word: &str) -> Option<TicketId> {
    let lower = subject.to_lowercase();
    let open = format!("[{} #", word.to_lowercase());
    let mut rest = lower.as_str();
    while let Some(at) = rest.find(&open) {
        rest = &rest[at + open.len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty()
            && rest[digits.len()..].starts_with(']')
            && let Ok(id) = digits.parse()
        {
            return Some(id);
        }
    }
    None
}

/// A Message-ID for a message that has none, made from its bytes.
pub fn derived_id(raw: &[u8]) -> String {
    let digest = Sha256::digest(raw);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}@derived.esc.invalid")
}

fn mailboxes(a: &Address) -> Vec<Mailbox> {
    a.iter()
        .filter_map(|addr| {
            let address = addr.address()?.trim().to_lowercase();
            (address.contains('@') && !address.chars().any(char::is_control)).then(|| Mailbox {
                name: addr
                    .name()
                    .map(|n| one_line(n, 120))
                    .filter(|n| !n.is_empty()),
                address: clean(&address, 254),
            })
        })
        .collect()
}

/// In-Reply-To, then References from the last: the nearest message first.
fn answers(message: &mail_parser::Message) -> Vec<String> {
    let ids = |v: &mail_parser::HeaderValue| -> Vec<String> {
        match v {
            mail_parser::HeaderValue::Text(t) => vec![t.to_string()],
            mail_parser::HeaderValue::TextList(l) => l.iter().map(|t| t.to_string()).collect(),
            _ => Vec::new(),
        }
    };
    let mut out: Vec<String> = Vec::new();
    let near = ids(message.in_reply_to());
    let far = ids(message.references());
    for id in near.into_iter().chain(far.into_iter().rev()) {
        let id = clean(&id, 250);
        // A long thread's References is bounded: the nearest are the ones
        // that name a message esc knows.
        if !id.is_empty() && !out.contains(&id) && out.len() < 50 {
            out.push(id);
        }
    }
    out
}

/// The text a person reads, bounded.
fn text_of(message: &mail_parser::Message) -> String {
    let text = if let Some(plain) = message.text_bodies().find_map(|p| match &p.body {
        PartType::Text(t) => Some(t.to_string()),
        _ => None,
    }) {
        plain
    } else if let Some(html) = message.html_bodies().find_map(|p| match &p.body {
        PartType::Html(h) => Some(h.as_ref()),
        _ => None,
    }) {
        html_as_text(html)
    } else {
        String::new()
    };
    bounded(&normalise_lines(&text), TEXT_LIMIT)
}

/// HTML as the plain text a person would read of it, never as markup.
fn html_as_text(html: &str) -> String {
    // Wide enough that the converter does not wrap what a person wrote.
    html2text::config::plain_no_decorate()
        .link_footnotes(true)
        .string_from_read(html.as_bytes(), 10_000)
        .unwrap_or_else(|_| mail_parser::decoders::html::html_to_text(html))
}

fn attachments(message: &mail_parser::Message, limit: usize) -> Vec<Attachment> {
    message
        .attachments()
        .enumerate()
        .map(|(i, part)| {
            let content_type = part
                .content_type()
                .map(|c| match &c.c_subtype {
                    Some(sub) => format!("{}/{}", c.c_type, sub),
                    None => c.c_type.to_string(),
                })
                .map_or_else(|| "application/octet-stream".into(), |t| clean(&t, 100));
            // Cut when it came: the size it had then.
            let cut = part
                .headers
                .iter()
                .find(|h| h.name.as_str().eq_ignore_ascii_case(DROPPED))
                .and_then(|h| h.value.as_text()?.trim().parse::<usize>().ok());
            let size = cut.unwrap_or_else(|| part.contents().len());
            Attachment {
                name: file_name(part.attachment_name(), i + 1),
                content_type: content_type.to_lowercase(),
                size,
                kept: cut.is_none() && size <= limit,
            }
        })
        .collect()
}

/// The attachments over `limit`, in the order they lie.
fn dropped(message: &mail_parser::Message, limit: usize) -> Vec<Dropped> {
    let mut all: Vec<Dropped> = message
        .attachments()
        .filter(|part| part.contents().len() > limit)
        .map(|part| Dropped {
            header: part.offset_header as usize,
            body: part.offset_body as usize,
            end: part.offset_end as usize,
            size: part.contents().len(),
        })
        .collect();
    all.sort_by_key(|d| d.header);
    all
}

/// The attachments of the message `raw`, read for nothing else; none when
/// it does not read as mail.
pub fn attachments_of(raw: &[u8], limit: usize) -> Vec<Attachment> {
    MessageParser::default()
        .parse(raw)
        .map(|m| attachments(&m, limit))
        .unwrap_or_default()
}

/// Attachment `n` (from 1) of the message `raw`, with its bytes: `None`
/// when it has no such attachment, or did not read as mail.
pub fn attachment(raw: &[u8], n: usize, limit: usize) -> Option<(Attachment, Vec<u8>)> {
    let message = MessageParser::default().parse(raw)?;
    let part = message.attachments().nth(n.checked_sub(1)?)?;
    let listed = attachments(&message, limit).into_iter().nth(n - 1)?;
    Some((listed, part.contents().to_vec()))
}

/// A name safe to save a file under: the last path component of what the
/// sender named it, without control characters or a leading dot.
pub fn file_name(given: Option<&str>, n: usize) -> String {
    let base = given
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    let name: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .chars()
        .take(120)
        .collect();
    if name.is_empty() {
        format!("attachment-{n}")
    } else {
        name
    }
}

/// Control characters out, runs of whitespace one space, at most `max`
/// characters.
fn one_line(s: &str, max: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    words
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(max)
        .collect()
}

/// `s` as an id or address: no angle brackets, no control character or
/// space, at most `max` characters.
fn clean(s: &str, max: usize) -> String {
    s.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .take(max)
        .collect()
}

/// Lines ended by `\n` alone, trailing blank lines gone.
fn normalise_lines(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.trim_end().to_string()
}

/// At most `max` bytes of `text`, cut at a character boundary and saying
/// so within them.
pub fn bounded(text: &str, max: usize) -> String {
    const CUT: &str = "\n[... the rest is in the message as it came]";
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max.saturating_sub(CUT.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{CUT}", &text[..end])
}
