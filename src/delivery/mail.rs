//! E-mail: one RFC 5322 message per notification, sent through the
//! policy's mail server, or appended to a local mbox file. Its Message-ID
//! is made from the notification's id, so a receiver that sees a message
//! twice (after a retry whose first answer was lost) can drop the second.

use std::io::Write;
use std::time::SystemTime;

use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox, Message as Email};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{SmtpTransport, Transport};

use super::{Attempt, Key, Message, read_secret};
use crate::policy::SmtpTls;

/// The sender when the policy names no mail server (a mailbox only).
const LOCAL_SENDER: &str = "esc <esc@localhost>";

/// The Message-ID of what `key` stands for: the same on every attempt.
pub fn message_id(key: &Key, sender: &Mailbox) -> String {
    let domain = sender.email.domain();
    match (key.ids.as_slice(), key.tickets.as_slice()) {
        ([id], [ticket]) => format!("<esc.notification.{id}.ticket.{ticket}@{domain}>"),
        _ => format!("<esc.digest.{}@{domain}>", key.text()),
    }
}

/// Where a message stands in a conversation: the message it answers and
/// those before it, by their Message-IDs (without angle brackets).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Thread {
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    /// It acknowledges the message it answers, automatically.
    pub acknowledges: bool,
}

/// Who mail to a customer is from, where the policy's mail section names
/// another sender than the mail server's, and where their answers go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sender<'a> {
    pub from: Option<&'a str>,
    pub reply_to: Option<&'a str>,
}

/// How the text travels: as the transport needs it, or, in a local file,
/// as it reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// Whatever lettre finds safe for any mail server.
    Transport,
    /// UTF-8 as it is, long lines and all: a local mailbox is no transport.
    Plain,
}

/// Who a message is from and to, and where answers go.
struct Addresses {
    from: Mailbox,
    to: Mailbox,
    reply_to: Option<Mailbox>,
}

/// The message as it travels: `message` between `addresses`, dated `at`.
fn build(
    addresses: Addresses,
    key: &Key,
    message: &Message,
    attempt: &Attempt,
    encoding: Encoding,
    thread: &Thread,
) -> Result<Email, String> {
    let Addresses { from, to, reply_to } = addresses;
    let sender = &from;
    let text = message.body.clone();
    let body = match encoding {
        Encoding::Plain => Body::new_with_encoding(text.clone(), ContentTransferEncoding::Binary)
            .unwrap_or_else(|_| Body::new(text)),
        Encoding::Transport => Body::new(text),
    };
    let mut builder = Email::builder();
    if let Some(to) = reply_to {
        builder = builder.reply_to(to);
    }
    if let Some(id) = &thread.in_reply_to {
        builder = builder.in_reply_to(format!("<{id}>"));
    }
    if !thread.references.is_empty() {
        let all: Vec<String> = thread.references.iter().map(|r| format!("<{r}>")).collect();
        builder = builder.references(all.join(" "));
    }
    builder
        .from(sender.clone())
        .to(to)
        .subject(message.subject.clone())
        .message_id(Some(message_id(key, sender)))
        .date(SystemTime::from(attempt.at))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("X-Esc-Notification"),
            key.text(),
        ))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("X-Esc-Ticket"),
            key.tickets_text(", "),
        ))
        // A machine sends it (RFC 3834): no auto-responder answers it, so
        // no two of them can keep a conversation going. An acknowledgement
        // of the customer's message is a machine's reply to it.
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            if thread.acknowledges {
                "auto-replied"
            } else {
                "auto-generated"
            }
            .to_string(),
        ))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("X-Auto-Response-Suppress"),
            "All".to_string(),
        ))
        .user_agent(concat!("esc/", env!("CARGO_PKG_VERSION")).to_string())
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| format!("cannot build the e-mail: {e}"))
}

fn sender(text: &str) -> Result<Mailbox, String> {
    text.parse()
        .map_err(|e| format!("the sender `{text}` is not an e-mail address: {e}"))
}

/// Send through `[delivery.smtp]`, as part of `thread`; the Message-ID it
/// went with. Any answer but acceptance is a failed attempt; the server's
/// words are kept (they hold no secret).
pub fn send(
    address: &str,
    key: &Key,
    message: &Message,
    attempt: &Attempt,
    thread: &Thread,
    voice: Sender,
) -> Result<String, String> {
    let smtp = attempt
        .rules
        .smtp
        .as_ref()
        .ok_or("the policy names no mail server: add [delivery.smtp]")?;
    let from = sender(voice.from.unwrap_or(&smtp.from))?;
    let reply_to = voice.reply_to.map(sender).transpose()?;
    let to: Mailbox = address
        .parse()
        .map_err(|e| format!("`{address}` is not an e-mail address: {e}"))?;
    let email = build(
        Addresses {
            from: from.clone(),
            to,
            reply_to,
        },
        key,
        message,
        attempt,
        Encoding::Transport,
        thread,
    )?;
    let id = message_id(key, &from);
    let transport = attempt
        .mailer
        .get_or_init(|| mailer(smtp, attempt))
        .as_ref()
        .map_err(Clone::clone)?;
    let server = format!("{}:{}", smtp.host, smtp.port);
    let timeout = attempt.timeout();
    let late = || format!("{server} did not answer within {}s", timeout.as_secs());
    // The socket's timeout bounds each read, not the conversation: a
    // server that answers every line just in time would hold the attempt
    // for a dozen timeouts, past the lease that covers it. The attempt is
    // given up at its timeout whatever the server does; the conversation
    // left behind ends with the process (or the server, if it accepts the
    // message meanwhile: then the retry is the duplicate an idempotency
    // key lets the receiver drop).
    let (done, outcome) = std::sync::mpsc::channel();
    let transport = transport.clone();
    std::thread::spawn(move || {
        let _ = done.send(transport.send(&email));
    });
    match outcome.recv_timeout(timeout) {
        Err(_) => Err(late()),
        Ok(Ok(_)) => Ok(id.trim_matches(['<', '>']).to_string()),
        Ok(Err(e)) if e.is_timeout() || timed_out(&e) => Err(late()),
        Ok(Err(e)) => Err(format!("{server}: {e}")),
    }
}

/// Whether an error comes of a socket's timeout, which the system reports
/// as `EAGAIN` ("Resource temporarily unavailable") on a read.
fn timed_out(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(e);
    while let Some(e) = cause {
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && matches!(
                io.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            )
        {
            return true;
        }
        cause = e.source();
    }
    false
}

/// One mbox entry: the separator line, the message with its line ends made
/// `\n` and every line that would read as a separator quoted (mboxrd), and
/// the blank line that ends it.
fn mbox_entry(from: &Mailbox, at: crate::clock::Instant, message: &[u8]) -> Vec<u8> {
    let mut entry = format!(
        "From {} {}\n",
        from.email,
        at.format("%a %b %e %H:%M:%S %Y")
    )
    .into_bytes();
    let text = String::from_utf8_lossy(message).replace("\r\n", "\n");
    for line in text.lines() {
        if line.trim_start_matches('>').starts_with("From ") {
            entry.push(b'>');
        }
        entry.extend_from_slice(line.as_bytes());
        entry.push(b'\n');
    }
    entry.push(b'\n');
    entry
}

/// The connection to the mail server, kept open between the messages of
/// one round of delivery; built once, so a missing password is said once.
fn mailer(smtp: &crate::policy::Smtp, attempt: &Attempt) -> Result<SmtpTransport, String> {
    let tls = |host: &str| {
        TlsParameters::new(host.to_string())
            .map_err(|e| format!("cannot set up TLS for {host}: {e}"))
    };
    let mut transport = SmtpTransport::builder_dangerous(smtp.host.as_str())
        .port(smtp.port)
        .timeout(Some(attempt.timeout()))
        .tls(match smtp.tls {
            SmtpTls::None => Tls::None,
            SmtpTls::Starttls => Tls::Required(tls(&smtp.host)?),
            SmtpTls::Tls => Tls::Wrapper(tls(&smtp.host)?),
        });
    if let Some(user) = &smtp.username {
        let password = match &smtp.password {
            Some(secret) => read_secret(secret)
                .map_err(|why| format!("the SMTP password cannot be had: {why}"))?,
            None => String::new(),
        };
        transport = transport.credentials(Credentials::new(user.clone(), password));
    }
    Ok(transport.build())
}

/// Append to a local mbox file (RFC 4155), as a mail system would, holding
/// the file locked so two deliverers never interleave their lines.
pub fn append(path: &str, key: &Key, message: &Message, attempt: &Attempt) -> Result<(), String> {
    let from = sender(
        attempt
            .rules
            .smtp
            .as_ref()
            .map_or(LOCAL_SENDER, |s| s.from.as_str()),
    )?;
    let name = &key.recipient;
    let to: Mailbox = format!("{name}@localhost")
        .parse()
        .map_err(|e| format!("cannot address {name}: {e}"))?;
    let email = build(
        Addresses {
            from: from.clone(),
            to,
            reply_to: None,
        },
        key,
        message,
        attempt,
        Encoding::Plain,
        &Thread::default(),
    )?;
    let entry = mbox_entry(&from, attempt.at, &email.formatted());
    // A new mailbox is made as a queue is (its owner's, never through a
    // link); an existing one, however it is reached, is appended to.
    if let Some(why) = crate::files::planted(std::path::Path::new(path)) {
        return Err(why);
    }
    if !std::path::Path::new(path).exists() {
        match crate::files::create(std::path::Path::new(path)) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(format!("cannot create the mailbox {path}: {e}")),
        }
    }
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(|e| format!("cannot open the mailbox {path}: {e}"))?;
    file.lock()
        .map_err(|e| format!("cannot lock the mailbox {path}: {e}"))?;
    file.write_all(&entry)
        .map_err(|e| format!("cannot write to the mailbox {path}: {e}"))?;
    // A mailbox that is no regular file (a FIFO, /dev/null) cannot be
    // synced, and needs not be.
    match file.sync_data() {
        Err(e) if e.kind() != std::io::ErrorKind::InvalidInput => {
            Err(format!("cannot write to the mailbox {path}: {e}"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_mbox_entry_quotes_lines_that_would_start_a_new_message() {
        let from: Mailbox = "esc@localhost".parse().unwrap();
        let at = crate::clock::from_unix(1_795_968_000);
        let entry = mbox_entry(
            &from,
            at,
            b"Subject: x\r\n\r\nFrom here on\r\n>From there\r\nnot From\r\n",
        );
        assert_eq!(
            String::from_utf8(entry).unwrap(),
            "From esc@localhost Sun Nov 29 16:00:00 2026\nSubject: x\n\n>From here on\n>>From there\nnot From\n\n"
        );
    }
}
