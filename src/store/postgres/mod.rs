//! The queue in a PostgreSQL database, for teams on many hosts. The same
//! guarantees as a file, by the server's means: a change and its events in
//! one transaction that locks its ticket's row (`FOR NO KEY UPDATE`: the
//! lock an UPDATE takes, which writers of the same ticket wait on and the
//! foreign-key checks of others' inserts do not); each rule occurrence
//! stored once by a unique index (`ON CONFLICT DO NOTHING`), whichever host
//! decides it first; ticks on several hosts sharing the due tickets without
//! waiting on each other (`SKIP LOCKED`); and transactions the server
//! aborts for a conflict (a deadlock, a serialization failure) or that
//! meet a rule occurrence stored meanwhile run again from what is stored
//! then.

mod batch;
mod connect;
mod ledger;
mod list;
mod mail;
mod outbox;
mod policies;
mod report;
mod rows;
mod schema;
mod sql;
mod txn;

use std::cell::RefCell;
use std::path::Path;

use anyhow::{Context, Result};
use postgres::error::SqlState;
use postgres::{Client, Transaction};

use self::rows::{Prepared, Sql, Stale, read_events, read_ticket};
use crate::clock::Instant;
use crate::error::{EscError, Field, Hint, Suggested};
use crate::event::{Event, EventKind};
use crate::lifecycle::Urgency;
use crate::report::{CohortRow, GroupBy};
use crate::store::{DbRole, End, Location, PolicyVersion, Store, TicketFilter};
use crate::ticket::{Status, Ticket, TicketId};

/// How often a transaction the server aborted for a conflict is run again
/// before the conflict is reported.
const ATTEMPTS: usize = 20;

pub struct Postgres {
    inner: RefCell<Inner>,
    location: Location,
    shown: String,
    role: DbRole,
}

struct Inner {
    client: Client,
    prepared: Prepared,
}

impl Postgres {
    /// Connect to the queue at `url`, creating its schema in an empty
    /// database (and bringing it up to date). Refuses a database that holds
    /// other tables and one written by a newer esc, untouched.
    /// The queue on the server, in a session that cannot write.
    pub fn open_reading(url: &str) -> Result<Postgres> {
        let store = Postgres::open(url, false)?;
        store
            .inner
            .borrow_mut()
            .client
            .batch_execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")?;
        Ok(store)
    }

    pub fn open(url: &str, create: bool) -> Result<Postgres> {
        let config = connect::config(url)?;
        let shown = connect::shown(&config);
        let client = connect::connect(&config).map_err(|e| explain(&shown, e))?;
        let mut store = Postgres {
            inner: RefCell::new(Inner {
                client,
                prepared: Prepared::new(),
            }),
            location: Location::Postgres(url.to_string()),
            shown,
            role: DbRole {
                name: String::new(),
                admin: false,
                gateway: false,
            },
        };
        store
            .migrate(create)
            .map_err(|e| match explain(&store.shown, e) {
                // esc's own errors name the queue already.
                e if e.downcast_ref::<EscError>().is_some() => e,
                e => e.context(format!("opening the queue {}", store.shown)),
            })?;
        Ok(store)
    }

    fn migrate(&mut self, create: bool) -> Result<()> {
        let shown = self.shown.clone();
        let latest = schema::latest();
        let inner = self.inner.get_mut();
        // Every command asks this first: one statement, one round trip.
        let found = match identify(&mut inner.client) {
            Ok(found) => Some(found),
            Err(e) if is_code(&e, &SqlState::UNDEFINED_TABLE) => None,
            Err(e) => return Err(e),
        };
        let (version, role) = match found {
            Some((version, role)) if version == latest => (version, role),
            Some((version, _)) if version > latest => return Err(newer(&shown, version)),
            None if !create => {
                refuse_foreign(&mut inner.client, &shown)?;
                return Err(crate::store::missing(&self.location).into());
            }
            _ => {
                create_or_upgrade(&mut inner.client, &shown)?;
                identify(&mut inner.client)?
            }
        };
        debug_assert_eq!(version, latest);
        self.role = role;
        Ok(())
    }

    /// Read with the connection as it is, outside any transaction.
    fn read<T>(&self, f: impl FnOnce(&mut Sql<Client>) -> Result<T>) -> Result<T> {
        let mut inner = self.inner.borrow_mut();
        let Inner { client, prepared } = &mut *inner;
        f(&mut Sql::new(client, prepared))
    }

    /// Run `read` in a read-only transaction that sees one snapshot of the
    /// queue, however many statements it takes.
    fn snapshot<T>(&self, read: impl FnOnce(&mut Sql<Transaction>) -> Result<T>) -> Result<T> {
        let mut inner = self.inner.borrow_mut();
        let Inner { client, prepared } = &mut *inner;
        let mut tx = client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let done = read(&mut Sql::new(&mut tx, prepared))?;
        tx.commit()?;
        Ok(done)
    }

    /// Run `work` in a transaction and commit it; when the server aborts it
    /// for a conflict with another one, run it again from the start.
    fn transact<T>(&self, work: impl FnMut(&mut Sql<Transaction>) -> Result<T>) -> Result<T> {
        self.attempt(true, ATTEMPTS, work)
    }

    /// [`Postgres::transact`], run at most `tries` times, or with `commit`
    /// false the same work rolled back at the end: a dry run.
    fn attempt<T>(
        &self,
        commit: bool,
        tries: usize,
        mut work: impl FnMut(&mut Sql<Transaction>) -> Result<T>,
    ) -> Result<T> {
        let mut inner = self.inner.borrow_mut();
        let Inner { client, prepared } = &mut *inner;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut tx = client.transaction()?;
            let outcome = work(&mut Sql::new(&mut tx, prepared)).and_then(|value| {
                match commit {
                    true => tx.commit(),
                    false => tx.rollback(),
                }
                .map(|()| value)
                .map_err(anyhow::Error::from)
            });
            match outcome {
                Err(e) if attempt < tries && conflict(&e) => continue,
                other => return other,
            }
        }
    }
}

/// Refresh the planner's statistics after a bulk load: until autovacuum
/// gets to it, the planner would take the tables for empty, and scan
/// where an index answers. Only the tables' owner may; for anyone else
/// autovacuum does it later, and the load stands either way.
fn analyze(client: &mut Client) {
    let _ = client.batch_execute("ANALYZE tickets, events, outbox");
}

/// The queue's schema version, and who is connected.
fn identify(client: &mut Client) -> Result<(i64, DbRole)> {
    let messages = client.simple_query(
        // Trusted as the server's checks trust (schema version 7): a role
        // that may empty the tickets. Every name of the catalog's spelled
        // with its schema: a role may put a function of its own before
        // the catalog on its search_path.
        // The mail gateway (schema version 11) may add messages; asked by
        // name at run time, so that a queue from before there was mail
        // answers too.
        "SELECT version, pg_catalog.current_user(),
                pg_catalog.has_table_privilege('tickets', 'TRUNCATE'),
                CASE WHEN pg_catalog.to_regclass('messages') IS NULL THEN false
                     ELSE pg_catalog.has_table_privilege('messages', 'INSERT') END
         FROM esc_schema",
    )?;
    let row = messages
        .iter()
        .find_map(|m| match m {
            postgres::SimpleQueryMessage::Row(row) => Some(row),
            _ => None,
        })
        .context("the queue's schema version is missing (esc_schema is empty)")?;
    let version = row
        .get(0)
        .and_then(|v| v.parse().ok())
        .context("the queue's schema version is not a number")?;
    Ok((
        version,
        DbRole {
            name: row.get(1).unwrap_or_default().to_string(),
            admin: row.get(2) == Some("t"),
            gateway: row.get(3) == Some("t"),
        },
    ))
}

fn is_code(e: &anyhow::Error, code: &SqlState) -> bool {
    e.downcast_ref::<postgres::Error>()
        .and_then(|e| e.code())
        .is_some_and(|c| c == code)
}

/// Create the schema in an empty database, or bring an older one up to
/// date. Two processes may find a new database at once: one works under
/// the lock, which ends with the transaction, and the other finds the work
/// done.
fn create_or_upgrade(client: &mut Client, shown: &str) -> Result<()> {
    let latest = schema::latest();
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock(4545535153)", &[])?;
    let version = schema_version(&mut tx)?;
    if version.is_none() {
        refuse_foreign(&mut tx, shown)?;
        tx.batch_execute("CREATE TABLE esc_schema (version BIGINT NOT NULL)")?;
        tx.execute("INSERT INTO esc_schema VALUES (0)", &[])?;
    }
    let from = version.unwrap_or(0);
    if from > latest {
        return Err(newer(shown, from));
    }
    for (i, step) in schema::MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.batch_execute(step)
            .with_context(|| format!("upgrading the queue schema to version {}", i + 1))?;
    }
    tx.execute("UPDATE esc_schema SET version = $1", &[&latest])?;
    if from > 0 && from < schema::ENFORCED {
        // A queue from before the server enforced its policy takes the one
        // in force. One that no longer reads is refused by every command
        // that writes, until its team applies a policy; that apply fills
        // the tables then.
        let mut prepared = Prepared::new();
        let mut savepoint = tx.savepoint("enforce")?;
        if policies::enforce(&mut Sql::new(&mut savepoint, &mut prepared)).is_ok() {
            savepoint.commit()?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Refuse a database without esc's schema that holds tables of its own:
/// it is somebody else's.
fn refuse_foreign(c: &mut impl postgres::GenericClient, shown: &str) -> Result<()> {
    let others: i64 = c
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()",
            &[],
        )?
        .get(0);
    if others > 0 {
        return Err(EscError::queue(format!(
            "{shown} is a database with tables of its own, not an esc queue"
        ))
        .with_hint("create an empty database for the queue: createdb NAME")
        .into());
    }
    Ok(())
}

/// The schema version, or `None` in a database esc never wrote.
fn schema_version(c: &mut impl postgres::GenericClient) -> Result<Option<i64>> {
    // From the catalog as a table, read in this statement's snapshot:
    // `to_regclass` may answer from a cache older than a schema another
    // process committed while this one waited for the lock.
    let exists: bool = c
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_tables
                            WHERE schemaname = current_schema() AND tablename = 'esc_schema')",
            &[],
        )?
        .get(0);
    if !exists {
        return Ok(None);
    }
    Ok(c.query_opt("SELECT version FROM esc_schema", &[])?
        .map(|r| r.get(0)))
}

fn newer(shown: &str, version: i64) -> anyhow::Error {
    EscError::queue(format!(
        "{shown} was written by a newer esc (queue schema version {version}; this esc knows up to {})",
        schema::latest()
    ))
    .with_hint("upgrade esc to work on this queue; it was left untouched")
    .into()
}

/// Whether `e` is a conflict that running the transaction again resolves.
fn conflict(e: &anyhow::Error) -> bool {
    if e.downcast_ref::<Stale>().is_some() {
        return true;
    }
    let Some(db) = e
        .downcast_ref::<postgres::Error>()
        .and_then(|e| e.as_db_error())
    else {
        return false;
    };
    let code = db.code();
    *code == SqlState::T_R_SERIALIZATION_FAILURE
        || *code == SqlState::T_R_DEADLOCK_DETECTED
        // Two managers numbering the next policy version at once.
        || (*code == SqlState::UNIQUE_VIOLATION && db.constraint() == Some("policies_pkey"))
}

/// The error a user should see for a failure of the server's own.
fn explain(shown: &str, e: anyhow::Error) -> anyhow::Error {
    let Some(pg) = e.downcast_ref::<postgres::Error>() else {
        return e;
    };
    let Some(db) = pg.as_db_error() else {
        if pg.is_closed() || std::error::Error::source(pg).is_some() {
            let why = std::error::Error::source(pg).map_or(pg.to_string(), |s| s.to_string());
            if why.contains("password missing") {
                return EscError::queue(format!(
                    "the server wants a password for {shown}, and none was given"
                ))
                .with_hint("give it in PGPASSWORD or ~/.pgpass (never in the policy)")
                .into();
            }
            let hint = if why.contains("certificate") {
                Hint::text(
                    "the server's certificate is not signed by an authority esc trusts: set PGSSLROOTCERT to the authority's certificate (PEM)",
                )
            } else {
                Hint::text("check that the server runs and the URL's host and port (")
                    .flag(Field::Queue)
                    .then(" or ")
                    .setting(Field::Queue)
                    .then(")")
            };
            return EscError::queue(format!("cannot reach the queue {shown}: {why}"))
                .with_hint(hint)
                .into();
        }
        return e;
    };
    let code = db.code();
    let (message, hint) = if *code == SqlState::INVALID_PASSWORD
        || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
    {
        (
            format!("the server refused the login to {shown}: {}", db.message()),
            Hint::text("give the role's password in PGPASSWORD or ~/.pgpass (never in the policy)"),
        )
    } else if *code == SqlState::INVALID_CATALOG_NAME {
        (
            format!("the database of {shown} does not exist"),
            Hint::text("create it first (createdb NAME), then run ").act(Suggested::Init),
        )
    } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
        (
            format!(
                "the database role of {shown} may not do this: {}",
                db.message()
            ),
            Hint::text(
                "the queue's owner grants what each role may do (README, \"Running for a team\")",
            ),
        )
    } else {
        return e;
    };
    EscError::queue(message).with_hint(hint).into()
}

impl Store for Postgres {
    fn transaction(
        &mut self,
        rerun: crate::store::Rerun,
        end: End,
        work: &mut dyn FnMut(&mut dyn crate::store::Txn) -> Result<()>,
    ) -> Result<()> {
        let commit = end == End::Commit;
        match rerun {
            crate::store::Rerun::OnConflict => self.attempt(commit, ATTEMPTS, |sql| work(sql)),
            crate::store::Rerun::Never => self.attempt(commit, 1, |sql| work(sql)),
        }
    }

    fn tick_batch(&self) -> usize {
        // Row locks are held until the batch commits, and agents wait on
        // the tickets they touch: smaller than on a file.
        256
    }

    fn purge(&mut self) -> Result<bool> {
        // Old row versions keep the text until VACUUM makes them free
        // space (the bytes may stay until it is reused: README says so).
        let vacuumed = self.read(|sql| {
            sql.c
                .batch_execute("VACUUM tickets, events, outbox")
                .map_err(anyhow::Error::from)
        });
        Ok(vacuumed.is_ok())
    }

    fn loaded(&mut self) {
        analyze(&mut self.inner.borrow_mut().client);
    }

    fn location(&self) -> &Location {
        &self.location
    }

    fn db_role(&self) -> Option<&DbRole> {
        Some(&self.role)
    }

    fn clock(&self) -> Result<Option<Instant>> {
        self.read(|sql| {
            let at: i64 = sql.one("SELECT esc_now()", &[])?.get(0);
            Ok(Some(crate::clock::from_unix(at)))
        })
    }

    fn explain(&self, e: anyhow::Error) -> anyhow::Error {
        explain(&self.shown, e)
    }

    fn policy_versions(&self) -> Result<Vec<PolicyVersion>> {
        self.read(policies::all)
    }

    fn outbox(&self, everything: bool) -> Result<Vec<crate::outbox::Notification>> {
        self.read(|sql| outbox::list(sql, everything))
    }

    fn notification_counts(
        &self,
        since: Instant,
        until: Instant,
    ) -> Result<crate::report::Notified> {
        self.read(|sql| outbox::counts(sql, since, until))
    }

    fn notifications_for(
        &self,
        recipient: &str,
        limit: usize,
    ) -> Result<Vec<crate::outbox::Notification>> {
        self.read(|sql| outbox::for_recipient(sql, recipient, limit))
    }

    fn notifications_of(&self, ticket: TicketId) -> Result<Vec<crate::outbox::Notification>> {
        self.read(|sql| outbox::of_ticket(sql, ticket))
    }

    fn mail_of(&self, ticket: Option<TicketId>) -> Result<Vec<crate::store::mail::KeptMail>> {
        self.read(|sql| mail::of_ticket(sql, ticket))
    }

    fn raw_mail(&self, id: i64) -> Result<Option<Vec<u8>>> {
        self.read(|sql| mail::raw(sql, id))
    }

    fn undeliverable(&self, address: &str) -> Result<Option<crate::store::mail::Undeliverable>> {
        self.read(|sql| mail::undeliverable(sql, address))
    }

    fn undeliverables(&self) -> Result<Vec<crate::store::mail::Undeliverable>> {
        self.read(mail::undeliverables)
    }

    fn occurrences(&self) -> Result<Vec<crate::recurrence::Occurrence>> {
        self.read(ledger::all)
    }

    fn retry_notification(
        &mut self,
        id: i64,
        now: Instant,
    ) -> Result<Option<crate::outbox::Notification>> {
        self.transact(|sql| outbox::retry(sql, id, now))
    }

    fn due_recipients(&self, now: Instant) -> Result<Vec<String>> {
        self.read(|sql| outbox::due_recipients(sql, now))
    }

    fn defer_recipient(
        &mut self,
        recipient: &str,
        now: Instant,
        until: Instant,
        why: &str,
        routine_only: bool,
    ) -> Result<super::Deferred> {
        self.read(|sql| outbox::defer_recipient(sql, recipient, now, until, why, routine_only))
    }

    fn lease_notifications(
        &mut self,
        now: Instant,
        until: Instant,
        limit: usize,
        by_recipient: bool,
    ) -> Result<Vec<crate::outbox::Notification>> {
        // One statement: it commits on its own.
        self.read(|sql| outbox::lease(sql, now, until, limit, by_recipient))
    }

    fn record_attempt(
        &mut self,
        id: i64,
        at: Instant,
        outcome: &std::result::Result<(), String>,
        retry: Option<Instant>,
    ) -> Result<()> {
        self.read(|sql| outbox::attempted(sql, id, at, outcome, retry))
    }

    fn backup(&self, _to: &Path) -> Result<crate::store::BackupSummary> {
        Err(EscError::usage(format!(
            "esc backup copies queue files; {} is a PostgreSQL database",
            self.shown
        ))
        .with_hint(
            Hint::text(
                "back a server queue up with the server's own tools: pg_dump --format=custom, or ",
            )
            .act(Suggested::Export)
            .then(" for a portable copy"),
        )
        .into())
    }

    fn active_policy(&self) -> Result<Option<PolicyVersion>> {
        self.read(policies::active)
    }

    fn has_tickets(&self) -> Result<bool> {
        self.read(|sql| {
            Ok(sql
                .one("SELECT EXISTS (SELECT 1 FROM tickets)", &[])?
                .get(0))
        })
    }

    fn due_tickets(&self, now: Instant, digest: &str) -> Result<Vec<TicketId>> {
        self.read(|sql| list::due_tickets(sql, now, digest))
    }

    fn ticket(&self, id: TicketId) -> Result<Ticket> {
        self.read(|sql| read_ticket(sql, id, ""))
    }

    fn ticket_with_events(&self, id: TicketId) -> Result<(Ticket, Vec<Event>)> {
        self.snapshot(|sql| Ok((read_ticket(sql, id, "")?, read_events(sql, id)?)))
    }

    fn tickets_with_events(&self, ids: &[TicketId]) -> Result<Vec<(Ticket, Vec<Event>)>> {
        self.snapshot(|sql| rows::read_many(sql, ids, ""))
    }

    fn tickets(
        &self,
        filter: &TicketFilter,
        order: &Urgency,
        limit: Option<usize>,
    ) -> Result<(Vec<Ticket>, u64)> {
        self.read(|sql| list::tickets(sql, filter, order, limit))
    }

    fn ticket_ids(&self, filter: &TicketFilter) -> Result<Vec<TicketId>> {
        self.read(|sql| list::ticket_ids(sql, filter))
    }

    fn cohort(
        &self,
        since: Instant,
        until: Instant,
        by: Option<GroupBy>,
        with_names: bool,
        each: &mut dyn FnMut(CohortRow),
    ) -> Result<()> {
        report::cohort(
            &mut self.inner.borrow_mut().client,
            since,
            until,
            by,
            with_names,
            each,
        )
    }

    fn cases(&self, since: Instant, until: Instant) -> Result<(u64, u64)> {
        self.read(|sql| report::cases(sql, since, until))
    }

    fn opened_before(
        &self,
        before: Instant,
        by: Option<GroupBy>,
    ) -> Result<Vec<(Option<String>, u64)>> {
        self.read(|sql| report::opened_before(sql, before, by))
    }

    fn open_at(
        &self,
        at: Instant,
        opened_before: Instant,
        by: GroupBy,
    ) -> Result<Vec<(Option<String>, u64)>> {
        self.read(|sql| report::open_at(sql, at, opened_before, by))
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
        self.read(|sql| report::status_changes(sql, status, into, since, until, opened_before, by))
    }

    fn event_times(
        &self,
        kind: EventKind,
        since: Instant,
        until: Instant,
        each: &mut dyn FnMut(Instant, u64),
    ) -> Result<()> {
        report::event_times(
            &mut self.inner.borrow_mut().client,
            kind,
            since,
            until,
            each,
        )
    }
}
