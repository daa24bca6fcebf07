//! `esc mail`: customers' mail into the queue.

use std::io::{Read, Write};

use anyhow::{Context, Result};

use super::Ctx;
use crate::clock::short;
use crate::cmd::render;
use crate::error::EscError;
use crate::event::EventKind;
use crate::inbound::Filed;
use crate::queue::receive::Received;

/// The largest message taken in (`limits::MESSAGE`), as reads count.
const MESSAGE_LIMIT: u64 = crate::ticket::limits::MESSAGE as u64;

/// Take customers' mail into the queue
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Take one message from standard input, as a mail server delivers it
    ///
    /// For a mail server's alias or transport, procmail, or fetchmail's
    /// --mda. A new message opens a ticket on the email channel; a reply to
    /// mail the queue kept or sent joins its ticket, counts as the
    /// customer getting in touch, and reopens it if it was resolved; mail a
    /// machine wrote (out-of-office, lists, bounces) is kept but never
    /// counted or answered. The message is kept as it came, in the same
    /// transaction as what it does; the same message twice changes nothing.
    ///
    /// Exit 0 once the message is kept, even one that does not read as
    /// mail (an agent finds it in `esc mail list`); exit 75 when nothing
    /// was kept and trying again later may succeed (the queue locked or
    /// full, the server down), so that the mail server keeps the message
    /// and retries.
    #[command(
        after_help = "Examples:\n  esc mail receive < message.eml\n  /etc/aliases:  support: \"|/usr/local/bin/esc --db /srv/esc/queue.db mail receive\""
    )]
    Receive,
    /// Take in the mail waiting in the policy's mailbox, for cron
    ///
    /// The mailbox is the policy's [mail.imap] account (TLS from the start
    /// or by STARTTLS; the password or token from the variable or file the
    /// policy names) or its mail.maildir folder; --maildir reads another
    /// Maildir instead. Each message does what `esc mail receive` does
    /// with it, in its own transaction, and only then is it set aside: on
    /// IMAP moved to move_to or flagged seen, in a Maildir marked seen.
    /// Stopped at any point, the next fetch loses nothing and repeats
    /// nothing. A message over 64 MiB is left where it is, and said so.
    #[command(
        after_help = "Examples:\n  esc mail fetch\n  esc mail fetch --maildir ~/Maildir\n  crontab:  */5 * * * *  esc --db /srv/esc/queue.db mail fetch"
    )]
    Fetch {
        /// Read this Maildir instead of the policy's mailbox
        #[arg(long, value_name = "DIR")]
        maildir: Option<std::path::PathBuf>,
    },
    /// List the mail kept on no ticket: messages that do not read as mail,
    /// and machines' mail that answers nothing the queue knows
    #[command(
        after_help = "Examples:\n  esc mail list\n  esc mail list --ticket 12\n  esc mail list --json"
    )]
    List {
        /// The mail kept on this ticket instead
        #[arg(long, value_parser = crate::cli::ticket_id)]
        ticket: Option<crate::ticket::TicketId>,
    },
    /// Read a message kept on no ticket again, as if it came now
    ///
    /// For mail `esc mail list` shows on no ticket: one that did not read
    /// as mail, or a machine's that answered nothing the queue knew. Read
    /// again under the policy in force, it is filed where it now goes (a
    /// ticket opened or joined), and kept where it was otherwise; when it
    /// came and its bytes stay as they were.
    #[command(after_help = "Examples:\n  esc mail list\n  esc mail retry 12")]
    Retry {
        /// The message's number, as `esc mail list` shows it
        id: i64,
    },
    /// Show one kept message as it came, control characters made visible
    #[command(after_help = "Examples:\n  esc mail show 12")]
    Show {
        /// The message's number, as `esc mail list` shows it
        id: i64,
    },
    /// Save an attachment of a kept message to a file
    ///
    /// `esc show` lists a ticket's attachments with their message and part
    /// numbers. The file is named as the sender named it, made safe (no
    /// directory, no control character), in the current directory unless
    /// --to says where; an existing file is never overwritten.
    #[command(
        after_help = "Examples:\n  esc mail save 12 1\n  esc mail save 12 2 --to /tmp/invoice.pdf"
    )]
    Save {
        /// The message's number
        id: i64,
        /// Which of its attachments, from 1
        part: usize,
        /// The new file to write
        #[arg(long, value_name = "FILE")]
        to: Option<std::path::PathBuf>,
    },
}

pub fn run(ctx: &mut Ctx, command: Command) -> Result<()> {
    match command {
        Command::Receive => receive(ctx),
        Command::Fetch { maildir } => fetch(ctx, maildir),
        Command::List { ticket } => list(ctx, ticket),
        Command::Retry { id } => retry(ctx, id),
        Command::Show { id } => show(ctx, id),
        Command::Save { id, part, to } => save(ctx, id, part, to),
    }
}

fn save(ctx: &mut Ctx, id: i64, part: usize, to: Option<std::path::PathBuf>) -> Result<()> {
    let (attached, bytes) = ctx.queue()?.attachment(id, part)?.ok_or_else(|| {
        EscError::usage(format!(
            "message {id} has no attachment {part} to save (none such, erased, or over the size limit when it came)"
        ))
        .with_hint("`esc show TICKET` lists a ticket's attachments with their numbers")
    })?;
    let path = to.unwrap_or_else(|| std::path::PathBuf::from(&attached.file.name));
    let mut file = crate::files::create(&path).map_err(|e| {
        let why = if e.kind() == std::io::ErrorKind::AlreadyExists {
            "it exists already; esc never overwrites a file".to_string()
        } else {
            e.to_string()
        };
        EscError::usage(format!("cannot write `{}`: {why}", path.display()))
            .with_hint("name another file with --to")
    })?;
    file.write_all(&bytes)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    if ctx.json() {
        return ctx.out.json(&serde_json::json!({
            "attachment": attached, "file": path.display().to_string(),
        }));
    }
    writeln!(
        ctx.out,
        "saved {} ({} bytes, {}) to {}",
        attached.file.name,
        bytes.len(),
        attached.file.content_type,
        path.display()
    )?;
    Ok(())
}

fn receive(ctx: &mut Ctx) -> Result<()> {
    ctx.mail_gateway()?;
    let mut raw = Vec::new();
    std::io::stdin()
        .take(MESSAGE_LIMIT + 1)
        .read_to_end(&mut raw)
        .map_err(|e| anyhow::anyhow!("cannot read the message from standard input: {e}"))?;
    if raw.len() as u64 > MESSAGE_LIMIT {
        return Err(EscError::usage(format!(
            "the message is larger than {} MiB; nothing was kept",
            MESSAGE_LIMIT / 1024 / 1024
        ))
        .into());
    }
    let received = ctx.queue()?.receive(&raw)?;
    tell(ctx, &received)
}

/// What became of a message, as a line or as JSON.
fn tell(ctx: &mut Ctx, received: &Received) -> Result<()> {
    if ctx.json() {
        return ctx.out.json(&serde_json::json!({
            "mail": received.mail,
            "duplicate": received.duplicate,
            "events": received.applied.as_ref().map(|a| &a.events),
        }));
    }
    writeln!(ctx.out, "{}", said(received))?;
    Ok(())
}

fn fetch(ctx: &mut Ctx, maildir: Option<std::path::PathBuf>) -> Result<()> {
    ctx.mail_gateway()?;
    let queue = ctx.queue()?;
    let policy = queue.active()?.policy.clone();
    let timeout = std::time::Duration::from_secs(policy.delivery.timeout.as_secs().max(1) as u64);
    let mut mailbox = match (&maildir, &policy.mail.fetch) {
        (Some(dir), _) => crate::mailbox::maildir(dir)?,
        (None, Some(fetch)) => crate::mailbox::open(fetch, timeout)?,
        (None, None) => {
            return Err(EscError::usage(
                "the policy names no mailbox to fetch mail from".to_string(),
            )
            .with_hint(
                "add [mail.imap] (host, username, password_env) or mail.maildir to the policy, or give --maildir DIR",
            )
            .into());
        }
    };
    let json = ctx.json();
    let mut lines = Vec::new();
    let mut kept = Vec::new();
    let fetched = queue.fetch(&mut *mailbox, MESSAGE_LIMIT, &mut |message, received| {
        if json {
            kept.push(serde_json::json!({
                "source": message.id, "mail": received.mail, "duplicate": received.duplicate,
            }));
        } else {
            lines.push(said(received));
        }
    });
    // What was kept is said even when a later message stopped the fetch.
    for line in &lines {
        writeln!(ctx.out, "{line}")?;
    }
    let fetched = fetched?;
    if json {
        return ctx
            .out
            .json(&serde_json::json!({"received": kept, "left": fetched.left}));
    }
    for left in &fetched.left {
        writeln!(ctx.out, "left {} in the mailbox: {}", left.id, left.why)?;
    }
    if fetched.received == 0 && fetched.left.is_empty() {
        writeln!(ctx.out, "no mail waits in {}", mailbox.name())?;
    }
    Ok(())
}

/// One line on what became of a message.
fn said(r: &Received) -> String {
    let m = &r.mail;
    let on = m.ticket.map(|t| format!("ticket #{t}")).unwrap_or_default();
    if r.duplicate {
        return format!(
            "message {} was kept already{}: nothing changed",
            m.id,
            m.ticket
                .map(|t| format!(", on ticket #{t}"))
                .unwrap_or_default()
        );
    }
    let note = m.note.as_deref().unwrap_or_default();
    match m.filed {
        Filed::Opened if note.is_empty() => format!("opened {on} from {}: {}", m.sender, m.subject),
        Filed::Opened => format!("opened {on} from {}: {} ({note})", m.sender, m.subject),
        Filed::Joined => {
            let events = r
                .applied
                .as_ref()
                .map(|a| &a.events[..])
                .unwrap_or_default();
            let reopened = events.iter().any(|e| e.data.kind == EventKind::Reopened);
            match (reopened, note.is_empty()) {
                (_, false) => format!("kept on {on}: {note}"),
                (true, true) => format!("reopened {on}: {} wrote again", m.sender),
                (false, true) => format!("added to {on}: {} wrote again", m.sender),
            }
        }
        Filed::Automatic | Filed::Bounce => format!("kept on {on}: {note}"),
        Filed::Unfiled | Filed::Unreadable | Filed::Sent => {
            format!("kept as message {} on no ticket: {note}", m.id)
        }
    }
}

fn retry(ctx: &mut Ctx, id: i64) -> Result<()> {
    ctx.mail_gateway()?;
    let received = ctx.queue()?.retry_mail(id)?.ok_or_else(|| {
        EscError::usage(format!(
            "no message {id} is kept on no ticket with its text (it is on a ticket, erased, or none such)"
        ))
        .with_hint("`esc mail list` lists the mail on no ticket with its numbers")
    })?;
    tell(ctx, &received)
}

fn list(ctx: &mut Ctx, ticket: Option<crate::ticket::TicketId>) -> Result<()> {
    let found = ctx.queue()?.mail(ticket)?;
    if ctx.json() {
        return ctx.out.json(&found);
    }
    if found.is_empty() {
        match ticket {
            Some(t) => writeln!(ctx.out, "no mail on ticket #{t}")?,
            None => writeln!(ctx.out, "no mail waits on no ticket")?,
        }
        return Ok(());
    }
    let mut table = render::table(["ID", "RECEIVED", "FROM", "SUBJECT", "FILED", "NOTE"]);
    for m in &found {
        table.add_row(vec![
            m.id.to_string(),
            short(m.at),
            render::clip(&m.sender, 30),
            render::clip(&m.subject, 40),
            m.filed.to_string(),
            render::clip(m.note.as_deref().unwrap_or_default(), 50),
        ]);
    }
    writeln!(ctx.out, "{table}")?;
    Ok(())
}

fn show(ctx: &mut Ctx, id: i64) -> Result<()> {
    let raw = ctx.queue()?.raw_mail(id)?.ok_or_else(|| {
        EscError::usage(format!("no message {id} is kept, or its text was erased"))
            .with_hint("`esc mail list` lists them with their numbers")
    })?;
    let text = String::from_utf8_lossy(&raw).replace("\r\n", "\n");
    ctx.out.write_all(text.as_bytes())?;
    Ok(())
}
