//! Taking a notification from the outbox to a person: the message it
//! carries (pure), the schedule of retries (pure), and the channels that
//! send it. Ticket text reaches a channel only as data: a command gets it
//! on stdin and in its environment, never in a shell line.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::clock::{Instant, rfc3339};
use crate::event::Event;
pub use crate::outbox::Message;
use crate::outbox::Notification;
use crate::policy::{DeliveryRules, Person, Policy, Reach, Secret, Webhook};
use crate::ticket::Ticket;

mod mail;

pub use mail::{Sender, Thread};

/// The message for notification `n` about `event` on `ticket`.
pub fn message(policy: &Policy, ticket: &Ticket, event: &Event, n: &Notification) -> Message {
    let what = crate::describe::describe(event, policy);
    let subject = format!("[esc #{}] {} — {what}", ticket.id, one_line(&ticket.title));
    let mut body = format!(
        "Ticket #{id}: {title}\nCustomer: {customer} ({tier})\nNow: {status}, {level} with team {team}\n\n{}",
        mail_lines(&format!(
            "What happened ({}): {what}",
            rfc3339(event.data.at)
        )),
        id = ticket.id,
        title = one_line(&ticket.title),
        customer = one_line(&ticket.customer),
        tier = policy
            .tiers
            .iter()
            .find(|t| t.id == ticket.tier)
            .map_or(ticket.tier.as_str(), |t| t.name.as_str()),
        status = ticket.status,
        level = policy.level_label(&ticket.level),
        team = ticket.team,
    );
    if let Some(reason) = &event.data.reason {
        body.push_str(&mail_lines(&format!("Why: {reason}")));
    }
    if let Some(role) = &n.recipient.role {
        body.push_str(&format!("You are told as {role}.\n"));
    }
    if let Some(breached) = ticket.due.breached_at {
        body.push_str(&format!(
            "SLA breached this cycle, first at {}\n",
            rfc3339(breached)
        ));
    }
    if let Some(due) = ticket.due.sla_at {
        body.push_str(&format!("Next SLA target due: {}\n", rfc3339(due)));
    }
    body.push_str(&format!(
        "\nSee more: esc show {id}    Why it escalated: esc policy explain {id}\n\
         Notification {nid} (use it to drop duplicates).\n",
        id = ticket.id,
        nid = n.id
    ));
    Message { subject, body }
}

/// Text for a message body, each line within the 78 characters mail
/// readers expect, broken between words and continued two spaces in.
fn mail_lines(text: &str) -> String {
    text.lines()
        .map(|l| crate::output::wrap_hanging(l, 2, Some(76)) + "\n")
        .collect()
}

/// Several messages for one person as one: each in full, in order, under
/// a subject that counts them.
pub fn digest(messages: &[Message]) -> Message {
    let subject = format!(
        "[esc] {} notifications: {}",
        messages.len(),
        messages
            .iter()
            .map(|m| m.subject.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let body = messages
        .iter()
        .map(|m| format!("{}\n\n{}", m.subject, m.body))
        .collect::<Vec<_>>()
        .join("\n----------------------------------------\n\n");
    Message { subject, body }
}

/// What one message stands for: one notification, or the several a digest
/// carries. Its text is what a receiver drops duplicates by: the id, or the
/// ids joined by `+` (a retry of the same digest carries the same text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub ids: Vec<i64>,
    pub tickets: Vec<crate::ticket::TicketId>,
    /// The person's name, or the customer's address.
    pub recipient: String,
    pub role: Option<String>,
}

impl Key {
    /// The key of `ns`, all for one recipient, oldest first.
    pub fn of(ns: &[Notification]) -> Key {
        let mut tickets: Vec<_> = ns.iter().map(|n| n.ticket).collect();
        tickets.dedup();
        Key {
            ids: ns.iter().map(|n| n.id).collect(),
            tickets,
            recipient: ns
                .first()
                .map_or_else(String::new, |n| n.recipient.name.clone()),
            role: ns.first().and_then(|n| n.recipient.role.clone()),
        }
    }

    pub fn text(&self) -> String {
        self.ids
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join("+")
    }

    pub fn is_digest(&self) -> bool {
        self.ids.len() > 1
    }

    fn tickets_text(&self, separator: &str) -> String {
        self.tickets
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(separator)
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// When to try again after `attempts` failed attempts: 1, 2, 4, 8 ...
/// minutes, at most an hour apart; `None` once the policy's attempts are
/// spent, and the notification is given up on.
pub fn retry_at(policy: &Policy, failed_at: Instant, attempts: u32) -> Option<Instant> {
    if attempts >= policy.delivery.attempts {
        return None;
    }
    let minutes = 1i64 << attempts.saturating_sub(1).min(6);
    Some(failed_at + chrono::Duration::minutes(minutes.min(60)))
}

/// Why a notification could not go out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The policy gives no way to reach the person: not an attempt, since
    /// trying again changes nothing until the policy does.
    Unreachable(String),
    /// The channel was tried and failed.
    Failed(String),
    /// Not tried, and never to be: the address bounced for good.
    Bounced(String),
}

/// Whether the policy gives a way to reach `name`.
pub fn reachable(person: Option<&Person>, name: &str) -> Result<(), Failure> {
    match person.and_then(|p| p.reach.as_ref()) {
        Some(_) => Ok(()),
        None => Err(unreachable(name)),
    }
}

/// How a wait for want of a way to reach someone begins.
pub const NO_WAY: &str = "the policy gives no way to reach ";

fn unreachable(name: &str) -> Failure {
    Failure::Unreachable(format!(
        "{NO_WAY}{name}: add [people.{name}] with an email, a webhook, a command or a mailbox"
    ))
}

/// When `person`'s quiet hours end, if `now` falls in them: outside the
/// calendar the policy gives as their hours. `None` when they may be told.
pub fn quiet_until(policy: &Policy, person: Option<&Person>, now: Instant) -> Option<Instant> {
    let hours = policy.calendar(person?.calendar.as_deref()?)?;
    if hours.is_open(now) {
        return None;
    }
    // Zero open time from a closed moment is the next opening.
    hours.add(now, 0)
}

/// What the attempts of one round of delivery share: the policy's delivery
/// rules, the instant their messages are dated, and the connection to the
/// mail server, opened by the first e-mail and kept for the rest.
pub struct Attempt<'a> {
    pub rules: &'a DeliveryRules,
    pub at: Instant,
    mailer: std::cell::OnceCell<Result<lettre::SmtpTransport, String>>,
}

impl<'a> Attempt<'a> {
    pub fn new(rules: &'a DeliveryRules, at: Instant) -> Self {
        Attempt {
            rules,
            at,
            mailer: std::cell::OnceCell::new(),
        }
    }

    fn timeout(&self) -> Duration {
        Duration::from_secs(self.rules.timeout.as_secs().max(1) as u64)
    }
}

/// Send `message` to `person`, by the one channel the policy gives them.
pub fn send(
    person: Option<&Person>,
    key: &Key,
    message: &Message,
    attempt: &Attempt,
) -> Result<(), Failure> {
    let Some((person, reach)) = person.and_then(|p| Some((p, p.reach.as_ref()?))) else {
        return Err(unreachable(&key.recipient));
    };
    match reach {
        Reach::Command(argv) => run(argv, &person.command_env, key, message, attempt.timeout()),
        Reach::Webhook(hook) => post(hook, key, message, attempt.timeout()),
        Reach::Email(address) => mail::send(
            address,
            key,
            message,
            attempt,
            &Thread::default(),
            Sender::default(),
        )
        .map(|_| ()),
        Reach::Mailbox(path) => mail::append(path, key, message, attempt),
    }
    .map_err(Failure::Failed)
}

/// Send the customer their update, as it was written when it was queued,
/// to the address it was queued for.
pub fn to_customer(
    n: &Notification,
    attempt: &Attempt,
    thread: &Thread,
    sender: Sender,
) -> Result<String, Failure> {
    let update = n
        .update
        .as_ref()
        .ok_or_else(|| Failure::Failed("the update's text is missing".into()))?;
    let key = Key::of(std::slice::from_ref(n));
    mail::send(&n.recipient.name, &key, update, attempt, thread, sender).map_err(Failure::Failed)
}

/// A secret the policy says where to find, or why it cannot be had
/// (naming the place, never the secret).
pub fn read_secret(secret: &Secret) -> Result<String, String> {
    match secret {
        Secret::Env(var) => std::env::var(var).map_err(|_| format!("${var} is not set")),
        Secret::File(path) => std::fs::read_to_string(path)
            .map(|text| text.lines().next().unwrap_or("").to_string())
            .map_err(|e| format!("cannot read {path}: {e}")),
    }
}

/// POST the message as JSON, with the key as the `Idempotency-Key`. Any
/// 2xx is delivered; anything else is retried.
fn post(hook: &Webhook, key: &Key, message: &Message, timeout: Duration) -> Result<(), String> {
    let url = match (&hook.url, &hook.url_env) {
        (Some(url), _) => url.clone(),
        (None, Some(var)) => std::env::var(var)
            .map_err(|_| format!("the webhook URL is to come from ${var}, which is not set"))?,
        (None, None) => return Err("a webhook without a URL".into()),
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .build()
        .into();
    let mut request = agent
        .post(&url)
        .header("Idempotency-Key", key.text())
        .header("User-Agent", concat!("esc/", env!("CARGO_PKG_VERSION")));
    if let Some(secret) = &hook.token {
        let token =
            read_secret(secret).map_err(|why| format!("the webhook token cannot be had: {why}"))?;
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let payload = serde_json::json!({
        "text": format!("{}\n\n{}", message.subject, message.body),
        "subject": message.subject,
        "body": message.body,
        "notification": key.ids.first(),
        "ticket": key.tickets.first(),
        "notifications": key.ids,
        "tickets": key.tickets,
        "digest": key.is_digest(),
        "recipient": key.recipient,
        "role": key.role,
    });
    // The URL may hold a secret (a token in its path, `user:password@`):
    // errors name the host at most, never its credentials.
    let authority = url.split('/').nth(2).unwrap_or("the webhook");
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host)
        .to_string();
    match request.send_json(&payload) {
        Ok(_) => Ok(()),
        Err(ureq::Error::StatusCode(code)) => Err(format!("{host} answered HTTP {code}")),
        Err(ureq::Error::Timeout(_)) => Err(format!(
            "{host} did not answer within {}s",
            timeout.as_secs()
        )),
        // ureq may quote the URL, or its authority, in its words; the
        // outbox keeps the host.
        Err(e) => Err(format!(
            "cannot post to {host}: {}",
            e.to_string().replace(&url, &host).replace(authority, &host)
        )),
    }
}

/// Run a delivery command with the message on stdin and the facts in its
/// environment, and stop it, with whatever it started, at `timeout`,
/// whatever it does: it may not read its input, fill its error output, or
/// leave children behind. Of the deliverer's environment it gets PATH and
/// the variables its entry names (`command_env`), nothing else: the
/// deliverer holds secrets (the SMTP password, other people's tokens, a
/// database password) that are none of its business.
fn run(
    argv: &[String],
    env: &[String],
    key: &Key,
    message: &Message,
    timeout: Duration,
) -> Result<(), String> {
    use std::os::unix::process::CommandExt;
    let (program, args) = argv.split_first().ok_or("an empty command")?;
    let mut command = Command::new(program);
    command.args(args).env_clear();
    for var in std::iter::once("PATH").chain(env.iter().map(String::as_str)) {
        if let Some(value) = std::env::var_os(var) {
            command.env(var, value);
        }
    }
    let mut child = command
        .env("ESC_NOTIFICATION_ID", key.text())
        .env("ESC_TICKET", key.tickets_text(" "))
        .env("ESC_RECIPIENT", &key.recipient)
        .env("ESC_SUBJECT", &message.subject)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        // A group of its own: stopping it stops what it started.
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot run `{program}`: {e}"))?;
    let group = rustix::process::Pid::from_child(&child);
    // Its input and its error output each on a thread of their own: a
    // command that reads neither blocks only those threads, never the
    // deliverer, and the clock below stops it all.
    let text = format!("{}\n\n{}", message.subject, message.body);
    // Neither thread is waited for: something the command started outside
    // its group may hold the pipes open.
    if let Some(mut stdin) = child.stdin.take() {
        std::thread::spawn(move || {
            // A command that does not read its input is its own business.
            let _ = stdin.write_all(text.as_bytes());
        });
    }
    let (said_tx, said_rx) = std::sync::mpsc::channel();
    if let Some(err) = child.stderr.take() {
        std::thread::spawn(move || {
            let mut said = Vec::new();
            // Its first line is what the outbox keeps; a few KiB hold it.
            let _ = std::io::Read::read_to_end(&mut std::io::Read::take(err, 4096), &mut said);
            let _ = said_tx.send(String::from_utf8_lossy(&said).into_owned());
        });
    }
    let started = std::time::Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if started.elapsed() >= timeout => break Err(()),
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => {
                stop(group, &mut child);
                return Err(format!("waiting for `{program}`: {e}"));
            }
        }
    };
    // Whatever it left running in its group goes with it.
    stop(group, &mut child);
    let Ok(status) = status else {
        return Err(format!(
            "`{program}` did not finish within {}s and was stopped",
            timeout.as_secs()
        ));
    };
    if status.success() {
        return Ok(());
    }
    let said = said_rx
        .recv_timeout(Duration::from_millis(500))
        .unwrap_or_default();
    let said = said.lines().next().unwrap_or("").trim();
    Err(match status.code() {
        Some(code) if said.is_empty() => format!("`{program}` exited with {code}"),
        Some(code) => format!("`{program}` exited with {code}: {said}"),
        None => format!("`{program}` was killed by a signal"),
    })
}

/// Kill a delivery command's process group, and reap the command.
fn stop(group: rustix::process::Pid, child: &mut std::process::Child) {
    let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    let _ = child.kill();
    let _ = child.wait();
}
