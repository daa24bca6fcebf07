//! The queue in one SQLite file: opening it (WAL, busy timeout, migrations
//! over `PRAGMA user_version`), and every change with its events in one
//! IMMEDIATE transaction, so that many short processes can write at once.

mod backup;
mod cells;
mod fault;
mod ledger;
mod legacy;
mod list;
mod mail;
mod outbox;
mod policies;
mod report;
mod rows;
mod schema;
mod txn;

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use rusqlite::{Connection, ErrorCode, TransactionBehavior};

pub use self::report::cohort_sql;
use self::rows::{read_events, read_ticket};
use self::schema::Migration;
use crate::clock::Instant;
use crate::error::{EscError, Field, Hint};
use crate::event::{Event, EventKind};
use crate::lifecycle::Urgency;

use crate::report::{CohortRow, GroupBy};
use crate::store::{Applied, Considered, End, Location, PolicyVersion, Store, TicketFilter};
use crate::ticket::{Status, Ticket, TicketId};

/// Prepared statements kept per connection (rusqlite keeps 16).
const STATEMENTS: usize = 256;

/// Check a backup file: see [`crate::store::check_backup`].
pub fn check_backup(path: &Path) -> Result<crate::store::BackupSummary> {
    backup::check(path)
}

pub struct Sqlite {
    conn: Connection,
    location: Location,
    path: std::path::PathBuf,
}

impl Sqlite {
    /// Open the queue at `path`, creating it (and bringing its schema up to
    /// date) when needed. Refuses files that are not esc queues and queues
    /// written by a newer esc.
    pub fn open(path: &Path) -> Result<Sqlite> {
        Sqlite::open_file(path).map_err(|e| fault::explain(path, e))
    }

    fn open_file(path: &Path) -> Result<Sqlite> {
        if path.is_dir() {
            return Err(EscError::queue(format!(
                "`{}` is a directory, not a queue file",
                path.display()
            ))
            .with_hint(
                Hint::text("pass a file path with ")
                    .flag(Field::Queue)
                    .then(" (or ")
                    .setting(Field::Queue)
                    .then(")"),
            )
            .into());
        }
        let dir = fault::directory(path);
        if !dir.is_dir() {
            return Err(fault::missing_directory(path, &dir).into());
        }
        let wait = fault::lock_wait()?;
        if let Some(why) = crate::files::planted(path) {
            return Err(EscError::queue(why)
                .with_hint(
                    Hint::text("remove the link, or name another path with ")
                        .flag(Field::Queue)
                        .then(" (or ")
                        .setting(Field::Queue)
                        .then(")"),
                )
                .into());
        }
        let conn = match fault::why_read_only(path) {
            None => {
                if path.exists() {
                    // SQLite takes an empty file for a new database: a file
                    // someone else made is no queue to write customers into.
                    if std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
                        return Err(EscError::queue(format!(
                            "`{}` is an empty file, not an esc queue",
                            path.display()
                        ))
                        .with_hint(
                            "esc makes a queue only where no file is: remove it (after checking \
                             who made it), or name another path with --db (or ESC_DB)",
                        )
                        .into());
                    }
                } else {
                    // Made here, new, readable by its owner (or a shared
                    // directory's group) alone; SQLite's journals take the
                    // same permissions.
                    crate::files::create(path)
                        .with_context(|| format!("cannot create the queue `{}`", path.display()))?;
                }
                Connection::open(path)
            }
            // Opened read-only on purpose, so that reading commands work and
            // nothing (not even a journal) is created where we may not write.
            Some(_) if path.exists() => Sqlite::open_read_only(path),
            Some(why) => {
                return Err(EscError::queue(format!(
                    "cannot create the queue `{}`: {why}",
                    path.display()
                ))
                .with_hint(
                    Hint::text("pass a path this user can write with ")
                        .flag(Field::Queue)
                        .then(" (or ")
                        .setting(Field::Queue)
                        .then(")"),
                )
                .into());
            }
        }
        .with_context(|| format!("cannot open queue file `{}`", path.display()))?;
        conn.busy_timeout(wait)?;
        // A ticket's UPDATE names the columns that changed, so a tick
        // prepares many shapes of it; with rusqlite's 16 they pushed the
        // statements every ticket reads out of the cache, to be compiled
        // again for the next ticket.
        conn.set_prepared_statement_cache_capacity(STATEMENTS);
        // Plans that never depend on the values bound: SQLite otherwise
        // marks some statements (the read of a ticket's events among them)
        // to be compiled again whenever a parameter changes, which a tick
        // did for every ticket it read.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        let mut store = Sqlite {
            conn,
            location: Location::file(path),
            path: path.to_path_buf(),
        };
        store.check_header()?;
        if store.conn.is_readonly(rusqlite::MAIN_DB)? {
            let current: i64 = store
                .conn
                .pragma_query_value(None, "user_version", |r| r.get(0))?;
            if current < schema::latest() {
                return Err(EscError::queue(format!(
                    "the queue `{}` needs upgrading to this esc's schema, and {}",
                    path.display(),
                    fault::why_read_only(path).unwrap_or_else(|| "it is read-only".into())
                ))
                .with_hint("run esc once as a user who can write it; it was left untouched")
                .into());
            }
            return Ok(store);
        }
        store
            .use_wal()
            .with_context(|| format!("cannot switch `{}` to WAL", path.display()))?;
        store.conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A tick of thousands of due tickets outgrew SQLite's 2 MiB of page
        // cache and spilled dirty pages mid-transaction. Only pages read
        // take memory, so a command that reads ten pages keeps ten.
        store.conn.pragma_update(None, "cache_size", -32_768)?;
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        store.migrate()?;
        Ok(store)
    }

    /// The queue as it is, opened read-only whoever may write it: not
    /// upgraded, and refused when its schema is not this esc's.
    pub fn open_reading(path: &Path) -> Result<Sqlite> {
        let conn = Sqlite::open_read_only(path)
            .with_context(|| format!("cannot open queue file `{}`", path.display()))?;
        let store = Sqlite {
            conn,
            location: Location::file(path),
            path: path.to_path_buf(),
        };
        store.check_header()?;
        let current: i64 = store
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current != schema::latest() {
            return Err(EscError::queue(format!(
                "the queue `{}` has schema {current}; this esc reads {}",
                path.display(),
                schema::latest()
            ))
            .into());
        }
        Ok(store)
    }

    /// A queue this user may read but not write. SQLite reads a WAL file
    /// through its `-shm` index, which it would create, owned by this user,
    /// where the queue's owner must later write it. So when no `-wal` holds
    /// unmerged changes the file alone is the whole queue, and it is read as
    /// immutable; otherwise through the journal files that already exist.
    fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let wal = std::path::PathBuf::from(format!("{}-wal", path.display()));
        if wal.exists() {
            return Connection::open_with_flags(path, flags);
        }
        let uri = format!(
            "file:{}?immutable=1",
            percent_path(&std::path::absolute(path).unwrap_or(path.to_path_buf()))
        );
        Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
    }

    /// Put the file in WAL mode once. Asking again on a file already in
    /// WAL is not free: SQLite answers "database is locked" at once, without
    /// waiting, while another process writes, which agents opening tickets
    /// together met. So read the mode first, and when two processes make a
    /// new queue at once let the loser find the winner's switch.
    fn use_wal(&self) -> rusqlite::Result<()> {
        let mode = || {
            self.conn
                .pragma_query_value(None, "journal_mode", |r| r.get::<_, String>(0))
        };
        for _ in 0..100 {
            if mode()?.eq_ignore_ascii_case("wal") {
                return Ok(());
            }
            match self
                .conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            {
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                other => return other.map(drop),
            }
        }
        self.conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .map(drop)
    }

    /// Tell an esc queue from a foreign SQLite file, or from no SQLite file
    /// at all, before anything is written to it.
    fn check_header(&self) -> Result<()> {
        let shown = &self.location;
        let header = self.conn.query_row(
            "SELECT (SELECT application_id FROM pragma_application_id()),
                    (SELECT user_version FROM pragma_user_version()),
                    (SELECT count(*) FROM sqlite_schema)",
            [],
            |r| {
                Ok((
                    r.get::<_, i32>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            },
        );
        let (app_id, version, objects) = match header {
            Ok(h) => h,
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => {
                return Err(EscError::queue(format!(
                    "`{shown}` is not an esc queue: it is not a SQLite database"
                ))
                .with_hint(
                    Hint::text("pass the queue file with ")
                        .flag(Field::Queue)
                        .then(", or a new path to create a queue there"),
                )
                .into());
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read queue file `{shown}`")),
        };
        let ours = app_id == schema::APPLICATION_ID;
        if !ours && (app_id != 0 || objects > 0) {
            return Err(EscError::queue(format!(
                "`{shown}` is a SQLite database but not an esc queue"
            ))
            .with_hint(
                Hint::text("pass the queue file with ")
                    .flag(Field::Queue)
                    .then(", or a new path to create a queue there"),
            )
            .into());
        }
        if version > schema::latest() {
            return Err(EscError::queue(format!(
                "`{shown}` was written by a newer esc (queue schema version {version}; this esc knows up to {})",
                schema::latest()
            ))
            .with_hint("upgrade esc to work on this queue; it was left untouched")
            .into());
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let current: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current >= schema::latest() {
            return Ok(());
        }
        // Two processes may open a new queue at once: the IMMEDIATE lock makes
        // one of them migrate and the other find the work done.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        for (i, step) in schema::MIGRATIONS.iter().enumerate().skip(current as usize) {
            match step {
                Migration::Sql(sql) => tx.execute_batch(sql).map_err(anyhow::Error::from),
                Migration::Code(run) => run(&tx),
            }
            .with_context(|| format!("upgrading the queue schema to version {}", i + 1))?;
        }
        tx.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", schema::latest())?;
        tx.commit()?;
        Ok(())
    }
}

/// A path as the path of a `file:` URI: every byte but the unreserved
/// ones and `/` percent-encoded, so any file name survives.
fn percent_path(path: &Path) -> String {
    use std::fmt::Write;
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut uri = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    uri
}

impl Store for Sqlite {
    fn transaction(
        &mut self,
        _rerun: crate::store::Rerun,
        end: End,
        work: &mut dyn FnMut(&mut dyn crate::store::Txn) -> Result<()>,
    ) -> Result<()> {
        // Writers queue on the file's lock (the busy timeout) rather than
        // conflict: the work runs once.
        let mut tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        work(&mut tx)?;
        match end {
            End::Commit => tx.commit()?,
            End::RollBack => tx.rollback()?,
        }
        Ok(())
    }

    fn tick_batch(&self) -> usize {
        // The file's write lock is held for the whole transaction.
        1024
    }

    fn purge(&mut self) -> Result<bool> {
        // The search indexes took the erased words out only by marking them
        // deleted in a newer segment: merge the segments so none is left.
        // The erasure is committed by now: what cannot be done here is
        // said, not undone.
        let merged = self.conn.execute_batch(
            "INSERT INTO ticket_words (ticket_words) VALUES ('optimize');
             INSERT INTO note_words (note_words) VALUES ('optimize');",
        );
        if merged.is_err() {
            return Ok(false);
        }
        // Earlier changes left old copies of rows in free space, which
        // SQLite did not overwrite then: rebuild the file without them. The
        // journal still holds pages as they were: write them back and empty
        // it.
        if self.conn.execute_batch("VACUUM").is_err() {
            return Ok(false);
        }
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }

    fn location(&self) -> &Location {
        &self.location
    }

    fn explain(&self, e: anyhow::Error) -> anyhow::Error {
        fault::explain(&self.path, e)
    }

    fn policy_versions(&self) -> Result<Vec<PolicyVersion>> {
        policies::all(&self.conn)
    }

    fn outbox(&self, everything: bool) -> Result<Vec<crate::outbox::Notification>> {
        outbox::list(&self.conn, everything)
    }

    fn notification_counts(
        &self,
        since: Instant,
        until: Instant,
    ) -> Result<crate::report::Notified> {
        outbox::counts(&self.conn, since, until)
    }

    fn notifications_for(
        &self,
        recipient: &str,
        limit: usize,
    ) -> Result<Vec<crate::outbox::Notification>> {
        outbox::for_recipient(&self.conn, recipient, limit)
    }

    fn notifications_of(&self, ticket: TicketId) -> Result<Vec<crate::outbox::Notification>> {
        outbox::of_ticket(&self.conn, ticket)
    }

    fn mail_of(&self, ticket: Option<TicketId>) -> Result<Vec<crate::store::mail::KeptMail>> {
        mail::of_ticket(&self.conn, ticket)
    }

    fn raw_mail(&self, id: i64) -> Result<Option<Vec<u8>>> {
        mail::raw(&self.conn, id)
    }

    fn undeliverable(&self, address: &str) -> Result<Option<crate::store::mail::Undeliverable>> {
        mail::undeliverable(&self.conn, address)
    }

    fn undeliverables(&self) -> Result<Vec<crate::store::mail::Undeliverable>> {
        mail::undeliverables(&self.conn)
    }

    fn occurrences(&self) -> Result<Vec<crate::recurrence::Occurrence>> {
        ledger::all(&self.conn)
    }

    fn retry_notification(
        &mut self,
        id: i64,
        now: Instant,
    ) -> Result<Option<crate::outbox::Notification>> {
        outbox::retry(&mut self.conn, id, now)
    }

    fn due_recipients(&self, now: Instant) -> Result<Vec<String>> {
        outbox::due_recipients(&self.conn, now)
    }

    fn defer_recipient(
        &mut self,
        recipient: &str,
        now: Instant,
        until: Instant,
        why: &str,
        routine_only: bool,
    ) -> Result<super::Deferred> {
        outbox::defer_recipient(&self.conn, recipient, now, until, why, routine_only)
    }

    fn lease_notifications(
        &mut self,
        now: Instant,
        until: Instant,
        limit: usize,
        by_recipient: bool,
    ) -> Result<Vec<crate::outbox::Notification>> {
        outbox::lease(&mut self.conn, now, until, limit, by_recipient)
    }

    fn record_attempt(
        &mut self,
        id: i64,
        at: Instant,
        outcome: &std::result::Result<(), String>,
        retry: Option<Instant>,
    ) -> Result<()> {
        outbox::attempted(&self.conn, id, at, outcome, retry).map(|_| ())
    }

    fn backup(&self, to: &Path) -> Result<crate::store::BackupSummary> {
        backup::backup(&self.conn, to)
    }

    fn active_policy(&self) -> Result<Option<PolicyVersion>> {
        policies::active(&self.conn)
    }

    fn has_tickets(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM tickets)", [], |r| r.get(0))?)
    }

    fn update_each(
        &mut self,
        ids: &[TicketId],
        commit: bool,
        change: &mut dyn FnMut(&Ticket, &[Event]) -> Considered,
    ) -> Result<Vec<Applied>> {
        // Every write with a trigger keeps a statement journal. A ticket's
        // UPDATE through a dozen indexes outgrew SQLite's 64 KiB for one
        // in memory, after which it stayed a temporary file for the rest of
        // the transaction and every page it journalled was a write(2): 28%
        // of a tick of 10,000 due tickets. The tick's statements are small
        // and read through indexes, so here they keep it all in memory.
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        let end = if commit { End::Commit } else { End::RollBack };
        let applied = crate::store::txn::update_each(self, ids, end, change);
        self.conn.pragma_update(None, "temp_store", "DEFAULT")?;
        applied
    }

    fn due_tickets(&self, now: Instant, digest: &str) -> Result<Vec<TicketId>> {
        list::due_tickets(&self.conn, now, digest)
    }

    fn ticket(&self, id: TicketId) -> Result<Ticket> {
        read_ticket(&self.conn, id)
    }

    fn ticket_with_events(&self, id: TicketId) -> Result<(Ticket, Vec<Event>)> {
        let tx = self.conn.unchecked_transaction()?;
        let ticket = read_ticket(&tx, id)?;
        let events = read_events(&tx, id)?;
        tx.finish()?;
        Ok((ticket, events))
    }

    fn tickets(
        &self,
        filter: &TicketFilter,
        order: &Urgency,
        limit: Option<usize>,
    ) -> Result<(Vec<Ticket>, u64)> {
        list::tickets(&self.conn, filter, order, limit)
    }

    fn ticket_ids(&self, filter: &TicketFilter) -> Result<Vec<TicketId>> {
        list::ticket_ids(&self.conn, filter)
    }

    fn cohort(
        &self,
        since: Instant,
        until: Instant,
        by: Option<GroupBy>,
        with_names: bool,
        each: &mut dyn FnMut(CohortRow),
    ) -> Result<()> {
        report::cohort(&self.conn, since, until, by, with_names, each)
    }

    fn cases(&self, since: Instant, until: Instant) -> Result<(u64, u64)> {
        report::cases(&self.conn, since, until)
    }

    fn opened_before(
        &self,
        before: Instant,
        by: Option<GroupBy>,
    ) -> Result<Vec<(Option<String>, u64)>> {
        report::opened_before(&self.conn, before, by)
    }

    fn open_at(
        &self,
        at: Instant,
        opened_before: Instant,
        by: GroupBy,
    ) -> Result<Vec<(Option<String>, u64)>> {
        report::open_at(&self.conn, at, opened_before, by)
    }

    fn status_changes(
        &self,
        status: Status,
        into: bool,
        since: Option<Instant>,
        until: Instant,
        opened_before: Option<Instant>,
        by: Option<GroupBy>,
    ) -> Result<Vec<(Option<String>, u64)>> {
        report::status_changes(&self.conn, status, into, since, until, opened_before, by)
    }

    fn event_times(
        &self,
        kind: EventKind,
        since: Instant,
        until: Instant,
        each: &mut dyn FnMut(Instant, u64),
    ) -> Result<()> {
        report::event_times(&self.conn, kind, since, until, each)
    }
}

#[cfg(test)]
mod tests;
