//! Where the queue lives. Commands reach it through one trait, [`Store`];
//! each database engine implements it in a folder of its own (`sqlite/`,
//! `postgres/`), and SQL appears only there; how the domain's types map to
//! columns is shared (`record`). The types that cross the boundary are the
//! domain's own (tickets, events, transitions, report rows) and the few
//! query types below, so the pure core never sees a backend.

pub mod mail;
pub mod postgres;
pub mod record;
pub mod restored;
pub mod sqlite;
pub mod txn;
pub mod urgency;

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::clock::Instant;
use crate::error::{EscError, Field, Hint, Suggested};
use crate::event::{Event, EventData};
use crate::lifecycle::{Transition, Urgency};
use crate::report::{CohortRow, GroupBy};
use crate::ticket::{Status, Ticket, TicketId};
pub use txn::{End, Hold, Rerun, Txn};

/// Where a queue is: what `--db` / `ESC_DB` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file on this machine.
    Sqlite(PathBuf),
    /// A PostgreSQL database: its `postgres://` URL.
    Postgres(String),
}

impl Location {
    /// Read a `--db` value. A path names a SQLite file; a `postgres://`
    /// URL names a database on a server.
    pub fn parse(text: &str) -> Result<Location, EscError> {
        let scheme = text.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
        match scheme.as_deref() {
            None => Ok(Location::Sqlite(PathBuf::from(text))),
            Some("sqlite") => Ok(Location::Sqlite(PathBuf::from(&text["sqlite://".len()..]))),
            Some("postgres" | "postgresql") => Ok(Location::Postgres(text.to_string())),
            Some(other) => Err(EscError::usage(format!(
                "esc cannot open a `{other}://` queue: it keeps queues in SQLite files and PostgreSQL databases"
            ))
            .with_hint("pass a queue file's path, or a postgres://USER@HOST/DATABASE URL, with --db (or ESC_DB)")),
        }
    }

    /// The location as `--db` / `ESC_DB` takes it, password and all: for
    /// handing to another esc process, never for showing.
    pub fn to_arg(&self) -> std::ffi::OsString {
        match self {
            Location::Sqlite(path) => path.clone().into_os_string(),
            Location::Postgres(url) => url.into(),
        }
    }

    pub fn file(path: &Path) -> Location {
        Location::Sqlite(path.to_path_buf())
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(&without_password(url)),
        }
    }
}

/// A URL as it may be shown: a password in it is left out.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => {
            let user = &rest[..at];
            let user = user.split_once(':').map_or(user, |(u, _)| u);
            format!("{scheme}://{user}{}", &rest[at..])
        }
        None => url.to_string(),
    }
}

/// Open the queue at `location`, creating it (and bringing its schema up to
/// date) when needed.
pub fn open(location: &Location) -> Result<Box<dyn Store>> {
    match location {
        Location::Sqlite(path) => Ok(Box::new(sqlite::Sqlite::open(path)?)),
        Location::Postgres(url) => Ok(Box::new(postgres::Postgres::open(url, true)?)),
    }
}

/// Open the queue at `location` (bringing its schema up to date), which
/// must exist: a mistyped path or URL is an error, never a new empty queue
/// that a crontab would then tick for nobody.
pub fn open_existing(location: &Location) -> Result<Box<dyn Store>> {
    match location {
        Location::Sqlite(path) => {
            if !path.exists() {
                return Err(missing(location).into());
            }
            Ok(Box::new(sqlite::Sqlite::open(path)?))
        }
        Location::Postgres(url) => Ok(Box::new(postgres::Postgres::open(url, false)?)),
    }
}

/// Open the queue at `location` to read it and nothing else: never made,
/// never upgraded, no journal created (shell completion reads it while the
/// user types).
pub fn open_to_read(location: &Location) -> Result<Box<dyn Store>> {
    match location {
        Location::Sqlite(path) => {
            if !path.exists() {
                return Err(missing(location).into());
            }
            Ok(Box::new(sqlite::Sqlite::open_reading(path)?))
        }
        Location::Postgres(url) => Ok(Box::new(postgres::Postgres::open_reading(url)?)),
    }
}

/// The error for a queue that does not exist yet.
pub fn missing(location: &Location) -> EscError {
    EscError::queue(format!("there is no queue at {location}")).with_hint(
        Hint::text("create it with ")
            .act(Suggested::Init)
            .then(" (with the same ")
            .flag(Field::Queue)
            .then(" or ")
            .setting(Field::Queue)
            .then("), or name the queue you meant with ")
            .flag(Field::Queue)
            .then(" (or ")
            .setting(Field::Queue)
            .then(")"),
    )
}

/// The database role a server says is connected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbRole {
    pub name: String,
    /// It owns the queue (it may empty its tickets: the owner, a member of
    /// the owner's role, a superuser): it may act for anyone, as cron's
    /// tick and an administrator do, and the server trusts what it writes.
    pub admin: bool,
    /// It may add messages: the mail gateway, which writes what customers'
    /// mail does, in their name, and nothing else.
    pub gateway: bool,
}

/// A ticket as an export holds it: its state, its log and its
/// notifications, each with the id it had.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Restored {
    pub ticket: Ticket,
    pub events: Vec<Event>,
    pub notifications: Vec<crate::outbox::Notification>,
    /// The mail kept on it (none in exports from before mail).
    #[serde(default)]
    pub mail: Vec<mail::ExportedMail>,
}

/// What a restore did: how many tickets, and, into a queue that held
/// tickets already, each one's id in the export and its new one.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Restoring {
    pub tickets: usize,
    pub renumbered: Vec<(TicketId, TicketId)>,
    /// How many policy versions of the queue's own (made by `esc init`,
    /// governing no ticket) gave way to the export's.
    pub replaced_policies: usize,
}

/// Re-derives a restored ticket: its state as of now, and the events to add
/// to its log (the facts that came due, or the mark that it was imported).
pub type Settling<'a> = dyn FnMut(&Restored) -> Result<(Ticket, Vec<EventData>)> + 'a;

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupSummary {
    /// The queue schema version it was written with.
    pub schema: i64,
    pub tickets: u64,
    pub events: u64,
    pub bytes: u64,
}

/// Check a backup made by [`Store::backup`]: a whole, sound queue.
pub fn check_backup(path: &Path) -> Result<BackupSummary> {
    sqlite::check_backup(path)
}

/// A value the queue holds that does not read (text that is not UTF-8, a
/// status no esc writes): the store is sound, one ticket's row is not.
#[derive(Debug, thiserror::Error)]
#[error("ticket #{ticket} holds a damaged value in `{column}` ({why})")]
pub struct Damaged {
    pub ticket: TicketId,
    pub column: &'static str,
    pub why: String,
}

/// How many notifications a deferral left waiting, and how many of them
/// for this reason the first time: those are news, the others were told.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Deferred {
    pub all: usize,
    pub first: usize,
}

/// What the tick made of a ticket it considered.
#[derive(Debug)]
pub enum Considered {
    /// Left for a later tick: it changed after the tick's instant.
    Left,
    /// Settled from its log as of the tick's instant: nothing to write, or
    /// this change.
    Settled(Option<Box<Transition>>),
}

/// What a transition left behind: the ticket as stored and its new events.
#[derive(Debug, Clone)]
pub struct Applied {
    pub ticket: Ticket,
    pub events: Vec<Event>,
    /// Notifications the change queued in the outbox.
    pub queued: usize,
    /// The addresses of the customer updates among them.
    pub customers: Vec<String>,
}

/// Which tickets `esc list` wants. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct TicketFilter {
    pub statuses: Vec<Status>,
    pub team: Option<String>,
    pub level: Option<String>,
    pub assignee: Option<String>,
    pub unassigned: bool,
    pub priority: Option<String>,
    pub category: Option<String>,
    pub customer: Option<String>,
    /// Tickets whose customer's name holds this, in any case.
    pub customer_contains: Option<String>,
    /// Tickets whose title, description, customer or timeline text hold
    /// every word of this (each engine's full-text index, stemmed).
    pub search: Option<String>,
    pub tag: Option<String>,
    /// Tickets with a breach recorded this cycle, or a clock past due at this instant.
    pub breached_at: Option<Instant>,
    /// Tickets with an SLA clock due by this instant.
    pub sla_due_by: Option<Instant>,
    /// Tickets opened in `[since, until)`.
    pub opened_in: Option<(Instant, Instant)>,
    /// The children of this ticket.
    pub parent: Option<TicketId>,
}

/// The words a search is for: runs of letters and digits, as both engines'
/// full-text indexes cut text into words.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// One version of the queue's policy: its text and who made it active when.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PolicyVersion {
    /// 1 for the first; the highest is the one in force.
    pub version: u32,
    /// SHA-256 of the text: what automatic events record.
    pub digest: String,
    #[serde(skip)]
    pub text: String,
    pub applied_by: String,
    pub applied_at: Instant,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// What `apply_policy` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applying {
    /// The text is now the active version.
    Applied(PolicyVersion),
    /// The active version already has this text; nothing was written.
    Unchanged(PolicyVersion),
}

impl Applying {
    /// What applying `text` over the version in force, `active`, makes:
    /// the same version when the text is the same, else the next one (for
    /// the engine to insert in the transaction it read `active` in).
    pub fn over(
        active: Option<PolicyVersion>,
        text: &str,
        digest: &str,
        by: &str,
        at: Instant,
        message: Option<&str>,
    ) -> Applying {
        match active {
            Some(active) if active.digest == digest => Applying::Unchanged(active),
            active => Applying::Applied(PolicyVersion {
                version: active.map_or(1, |a| a.version + 1),
                digest: digest.to_string(),
                text: text.to_string(),
                applied_by: by.to_string(),
                applied_at: at,
                message: message.map(str::to_string),
            }),
        }
    }
}

/// The new id of the event an exported notification of ticket `old` is
/// about, from the restored log's ids (`was` to `now`).
pub fn renumbered_event(
    events: &std::collections::HashMap<i64, i64>,
    note: &crate::outbox::Notification,
    old: TicketId,
) -> Result<i64, EscError> {
    events.get(&note.event).copied().ok_or_else(|| {
        EscError::usage(format!(
            "ticket #{old}'s notification {} is about event {}, which its log lacks",
            note.id, note.event
        ))
    })
}

/// A restore into a queue whose policy version `version` is not the
/// export's.
/// Decides a ticket's next state from the ticket and its log.
pub type Decide<'a> = dyn FnMut(&Ticket, &[Event]) -> Result<Transition, EscError> + 'a;

/// Decides the next states of tickets read together, each from it and its
/// log: a transition for each it changes, naming its ticket by its id.
pub type DecideTogether<'a> =
    dyn FnMut(&[(Ticket, Vec<Event>)]) -> Result<Vec<Transition>, EscError> + 'a;

/// Writes on a ticket, from it and its log, that its notifications (the
/// third argument) were delivered.
pub type Noting<'a> =
    dyn FnMut(&Ticket, &[Event], &[&crate::outbox::Notification]) -> Option<Transition> + 'a;

/// The queue, whatever engine keeps it. Every method that changes tickets
/// reads and writes in one transaction, so a change and its events are
/// stored together or not at all, and two processes acting on the same
/// ticket each see the other's change.
pub trait Store {
    /// Where this queue is.
    fn location(&self) -> &Location;

    /// Run `work` in one write transaction and end it as `end` says; an
    /// error from `work` undoes it all. With [`Rerun::OnConflict`], an engine whose
    /// server aborted it for a conflict runs `work` again from the start.
    fn transaction(
        &mut self,
        rerun: Rerun,
        end: End,
        work: &mut dyn FnMut(&mut dyn Txn) -> Result<()>,
    ) -> Result<()>;

    /// How many tickets a tick settles in one transaction: enough that
    /// commits are few, few enough that an agent waiting on one of them
    /// waits a fraction of a second.
    fn tick_batch(&self) -> usize;

    /// After an erasure: see that no old copy of the erased text is left in
    /// the queue's files. `false` if another process kept that from
    /// finishing (the next erasure, or a quieter moment, finishes it).
    fn purge(&mut self) -> Result<bool>;

    /// Many rows were added at once: an engine that plans its queries from
    /// statistics refreshes them.
    fn loaded(&mut self) {}

    /// Read a ticket and its log, let `change` decide its next state, and
    /// write that state with its events, in one transaction.
    fn update(&mut self, id: TicketId, change: &mut Decide) -> Result<Applied> {
        txn::within(self, Rerun::OnConflict, |tx| txn::update(tx, id, change))
    }

    /// Read tickets `ids` and their logs, let `change` decide their next
    /// states together, and write those it changes, in one transaction.
    fn update_together(
        &mut self,
        ids: &[TicketId],
        change: &mut DecideTogether,
    ) -> Result<Vec<Applied>> {
        txn::within(self, Rerun::OnConflict, |tx| {
            txn::update_together(tx, ids, change)
        })
    }

    /// Insert a new ticket, let `settle` add to its log (`opened` alone)
    /// what the policy makes of it (triggers on opening, due times), and
    /// write it all in one transaction. `settle` returns the whole log:
    /// `opened` first.
    fn create(
        &mut self,
        ticket: &Ticket,
        opened: EventData,
        settle: &mut dyn FnMut(Ticket, Vec<EventData>) -> Transition,
    ) -> Result<Applied> {
        txn::within(self, Rerun::OnConflict, |tx| {
            txn::create(tx, ticket, opened.clone(), settle)
        })
    }

    /// Record that `sent` reached their recipients at `at` and, in the same
    /// transaction, let `note` write on each of their tickets what that
    /// means (the `notified` event, and what it makes due); `None` leaves
    /// a ticket as it is. `mail` is what of it went to customers, kept so
    /// that their answers find their tickets.
    fn record_delivery(
        &mut self,
        sent: &[crate::outbox::Notification],
        at: Instant,
        mail: &[mail::NewMail],
        note: &mut Noting,
    ) -> Result<Vec<Applied>> {
        txn::within(self, Rerun::OnConflict, |tx| {
            txn::record_delivery(tx, sent, at, mail, note)
        })
    }

    /// Erase the customer's personal data from tickets `ids` (name,
    /// address, and every text: title, description, resolution, what each
    /// event says, the customer's updates), keeping every figure and the
    /// log's shape, with a `redacted` event on each; one transaction. Then
    /// no old copy of the text is left in the queue's files, unless another
    /// process kept that from finishing: `false`.
    fn redact(
        &mut self,
        ids: &[TicketId],
        at: Instant,
        actor: &str,
        why: Option<&str>,
    ) -> Result<bool> {
        txn::within(self, Rerun::OnConflict, |tx| {
            txn::redact(tx, ids, at, actor, why)
        })?;
        self.purge()
    }

    /// Put exported tickets back in one transaction. Into a queue without
    /// tickets they keep their ids and the queue takes the policy versions
    /// it lacks (one it holds must be the same); into one with tickets,
    /// everything is numbered anew. Each ticket is written as `settle`
    /// re-derives it, with its log and notifications, and last what
    /// `settle` added to the logs. An error from `tickets` or `settle`
    /// undoes it all.
    fn restore(
        &mut self,
        policies: &[PolicyVersion],
        loose: &mail::Loose,
        tickets: &mut dyn Iterator<Item = Result<Restored>>,
        settle: &mut Settling,
    ) -> Result<Restoring> {
        let done = txn::within(self, Rerun::Never, |tx| {
            txn::restore(tx, policies, loose, tickets, settle)
        })?;
        self.loaded();
        Ok(done)
    }

    /// Make `text` the queue's policy, unless it already is, and let the
    /// notifications it now gives a way to deliver go: one transaction, so
    /// two managers applying at once get two versions in order, never a
    /// lost one.
    fn apply_policy(
        &mut self,
        text: &str,
        digest: &str,
        by: &str,
        at: Instant,
        message: Option<&str>,
    ) -> Result<Applying> {
        txn::within(self, Rerun::OnConflict, |tx| {
            txn::apply_policy(tx, text, digest, by, at, message)
        })
    }

    /// Who the server says is connected, where it can say: on a file, the
    /// file's permissions are the boundary and `--as` is trusted.
    fn db_role(&self) -> Option<&DbRole> {
        None
    }

    /// The queue's own clock, where it keeps one: a server's, which every
    /// host shares (or the instant its owner fixed it at). `None` on a
    /// file: the host's clock is the queue's.
    fn clock(&self) -> Result<Option<Instant>> {
        Ok(None)
    }

    /// The error a user should see for `e`, a failure of this store's own
    /// (a read-only or damaged file, a lock held too long), saying which
    /// queue, what is wrong and how to fix it; other errors pass unchanged.
    fn explain(&self, e: anyhow::Error) -> anyhow::Error;

    /// Notifications not yet delivered, and those given up on, oldest
    /// first; with `everything`, delivered ones too.
    fn outbox(&self, everything: bool) -> Result<Vec<crate::outbox::Notification>>;

    /// Notifications queued in `[since, until)`, by where they stand now.
    fn notification_counts(
        &self,
        since: Instant,
        until: Instant,
    ) -> Result<crate::report::Notified>;

    /// The latest `limit` notifications for one person, newest first.
    fn notifications_for(
        &self,
        recipient: &str,
        limit: usize,
    ) -> Result<Vec<crate::outbox::Notification>>;

    /// Every notification about one ticket, oldest first.
    fn notifications_of(&self, ticket: TicketId) -> Result<Vec<crate::outbox::Notification>>;

    /// The mail kept on one ticket, oldest first; with `None`, the mail
    /// kept on no ticket.
    fn mail_of(&self, ticket: Option<TicketId>) -> Result<Vec<mail::KeptMail>>;

    /// Kept message `id` as it came; `None` if there is no such message
    /// or its bytes were erased.
    fn raw_mail(&self, id: i64) -> Result<Option<Vec<u8>>>;

    /// Whether mail to `address` bounced for good, and when and why.
    fn undeliverable(&self, address: &str) -> Result<Option<mail::Undeliverable>>;

    /// Every address mail to which bounced for good, by address.
    fn undeliverables(&self) -> Result<Vec<mail::Undeliverable>>;

    /// Every occurrence of a recurring ticket the queue opened or passed
    /// over, by schedule and date.
    fn occurrences(&self) -> Result<Vec<crate::recurrence::Occurrence>>;

    /// Put a notification that is waiting or was given up on back in line
    /// from `now`, its attempts counted afresh; a sent one is left alone.
    /// `None` if there is no such notification.
    fn retry_notification(
        &mut self,
        id: i64,
        now: Instant,
    ) -> Result<Option<crate::outbox::Notification>>;

    /// The people with notifications due by `now` that nobody holds.
    fn due_recipients(&self, now: Instant) -> Result<Vec<String>>;

    /// Leave every notification for `recipient` due by `now` waiting until
    /// `until`, saying why, without counting an attempt. With
    /// `routine_only`, urgent ones are left to go out.
    fn defer_recipient(
        &mut self,
        recipient: &str,
        now: Instant,
        until: Instant,
        why: &str,
        routine_only: bool,
    ) -> Result<Deferred>;

    /// Hold up to `limit` notifications due by `now` until `until`, so that
    /// no other deliverer sends them meanwhile, and return them, oldest
    /// first; with `by_recipient`, a person's together (for digests).
    fn lease_notifications(
        &mut self,
        now: Instant,
        until: Instant,
        limit: usize,
        by_recipient: bool,
    ) -> Result<Vec<crate::outbox::Notification>>;

    /// Record an attempt at a leased notification: sent, to be retried at
    /// `retry`, or, with no retry, given up on.
    fn record_attempt(
        &mut self,
        id: i64,
        at: Instant,
        outcome: &std::result::Result<(), String>,
        retry: Option<Instant>,
    ) -> Result<()>;

    fn policy_versions(&self) -> Result<Vec<PolicyVersion>>;

    /// Copy the whole queue, as of one instant, into the new file `to`,
    /// while others keep working on it; the copy is checked before it is
    /// put in place.
    fn backup(&self, to: &Path) -> Result<BackupSummary>;

    /// The version in force, if the queue has one.
    fn active_policy(&self) -> Result<Option<PolicyVersion>>;

    /// Whether the queue holds any ticket.
    fn has_tickets(&self) -> Result<bool>;

    /// Insert many tickets, each with its whole log, in one transaction: for
    /// imports and for building large queues to measure.
    fn import(
        &mut self,
        tickets: &mut dyn Iterator<Item = (Ticket, Vec<EventData>)>,
    ) -> Result<usize> {
        txn::import(self, tickets)
    }

    /// Apply `change` to each ticket in `ids`, in transactions of a few
    /// hundred tickets. With `commit` false nothing is kept: a dry run
    /// through exactly the same code. An engine with row locks skips a
    /// ticket another process holds at that moment (another host's tick
    /// applies it, or the next tick does). A ticket `change` settled is no
    /// longer one to check again ([`Store::due_tickets`]).
    fn update_each(
        &mut self,
        ids: &[TicketId],
        commit: bool,
        change: &mut dyn FnMut(&Ticket, &[Event]) -> Considered,
    ) -> Result<Vec<Applied>> {
        let end = if commit { End::Commit } else { End::RollBack };
        txn::update_each(self, ids, end, change)
    }

    /// Tickets with automatic work due by `now`, tickets whose due times
    /// were computed under another policy (`digest`, 16 hex digits), and,
    /// on a server, tickets a role that does not own the queue wrote: their
    /// due times and figures are the tick's to derive again from the log.
    /// The cost follows the work, not the queue.
    fn due_tickets(&self, now: Instant, digest: &str) -> Result<Vec<TicketId>>;

    fn ticket(&self, id: TicketId) -> Result<Ticket>;

    /// A ticket and its whole timeline, read in one snapshot.
    fn ticket_with_events(&self, id: TicketId) -> Result<(Ticket, Vec<Event>)>;

    /// Tickets `ids` with their whole timelines, lowest id first, read in
    /// one snapshot: for reading many, where a server a round trip away
    /// would otherwise pay one for each.
    fn tickets_with_events(&self, ids: &[TicketId]) -> Result<Vec<(Ticket, Vec<Event>)>> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.iter().map(|id| self.ticket_with_events(*id)).collect()
    }

    /// The tickets the filter lets through, most urgent first, at most
    /// `limit` of them, and how many there are in all.
    fn tickets(
        &self,
        filter: &TicketFilter,
        order: &Urgency,
        limit: Option<usize>,
    ) -> Result<(Vec<Ticket>, u64)>;

    /// The ids of the tickets `filter` lets through, lowest first: for
    /// reading a whole queue one ticket at a time.
    fn ticket_ids(&self, filter: &TicketFilter) -> Result<Vec<TicketId>>;

    /// Each ticket opened in `[since, until)`, in no particular order,
    /// streamed: memory does not grow with the window. Who handled,
    /// escalated and resolved each is read only `with_names`.
    fn cohort(
        &self,
        since: Instant,
        until: Instant,
        by: Option<GroupBy>,
        with_names: bool,
        each: &mut dyn FnMut(CohortRow),
    ) -> Result<()>;

    /// Tickets opened in `[since, until)` under a parent: how many
    /// parents (problems) they are the cases of, and how many they are.
    fn cases(&self, since: Instant, until: Instant) -> Result<(u64, u64)>;

    /// Per group: tickets opened before `before`.
    fn opened_before(
        &self,
        before: Instant,
        by: Option<GroupBy>,
    ) -> Result<Vec<(Option<String>, u64)>>;

    /// Per group: tickets opened before `opened_before` and not closed
    /// (resolved or merged) at `at`, judged by their current state (a
    /// ticket resolved before `at` and reopened after it counts as open).
    fn open_at(
        &self,
        at: Instant,
        opened_before: Instant,
        by: GroupBy,
    ) -> Result<Vec<(Option<String>, u64)>>;

    /// Per group: changes into (`into` true) or out of `status` in
    /// `[since, until)`, on tickets opened before `opened_before` if given.
    fn status_changes(
        &self,
        status: Status,
        into: bool,
        since: Option<Instant>,
        until: Instant,
        opened_before: Option<Instant>,
        by: Option<GroupBy>,
    ) -> Result<Vec<(Option<String>, u64)>>;

    /// When the events of `kind` took effect (their due instant for
    /// automatic ones) in `[since, until)`, by quarter hour of UTC: the
    /// earliest such instant in each and how many. Every time zone's days
    /// begin on a quarter hour, so a day-by-day trend needs no finer grain,
    /// and a month of a large queue's events arrives as a few thousand rows.
    fn event_times(
        &self,
        kind: crate::event::EventKind,
        since: Instant,
        until: Instant,
        each: &mut dyn FnMut(Instant, u64),
    ) -> Result<()>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_names_a_file_a_postgres_url_a_server_and_other_schemes_are_refused() {
        assert_eq!(
            Location::parse("/tmp/q.db").unwrap(),
            Location::Sqlite("/tmp/q.db".into())
        );
        assert_eq!(
            Location::parse("sqlite:///tmp/q.db").unwrap(),
            Location::Sqlite("/tmp/q.db".into())
        );
        assert_eq!(
            Location::parse("postgres://esc@db/queue").unwrap(),
            Location::Postgres("postgres://esc@db/queue".into())
        );
        let e = Location::parse("mysql://esc@db/queue").unwrap_err();
        assert!(e.to_string().contains("`mysql://`"), "{e}");
        let shown = Location::parse("postgresql://ann:s3cret@db:5432/q?sslmode=require").unwrap();
        assert_eq!(
            shown.to_string(),
            "postgresql://ann@db:5432/q?sslmode=require"
        );
    }
}
