//! The queue file. The only module that speaks SQL: it opens the file (WAL,
//! busy timeout, migrations), reads tickets and events as domain types, and
//! applies every change with its events in one IMMEDIATE transaction.

mod report;
mod schema;

pub use report::{CohortRow, GroupBy};

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{Connection, ErrorCode, OptionalExtension, Row, TransactionBehavior, named_params};

use crate::clock::{Instant, from_unix};
use crate::error::EscError;
use crate::event::{Change, Event, EventData};
use crate::lifecycle::{Transition, Urgency};
use crate::stats::{Outcome, Stats};
use crate::ticket::{Due, Status, Ticket, TicketId};

/// How long a command waits for another process's write to finish before it
/// gives up. Agents run commands at the same moment all day; waiting a little
/// is always better than failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// What a transition left behind: the ticket as stored and its new events.
#[derive(Debug, Clone)]
pub struct Applied {
    pub ticket: Ticket,
    pub events: Vec<Event>,
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
    pub tag: Option<String>,
    /// Tickets with a breach recorded this cycle, or a clock past due at this instant.
    pub breached_at: Option<Instant>,
    /// Tickets with an SLA clock due by this instant.
    pub sla_due_by: Option<Instant>,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Open the queue at `path`, creating it (and bringing its schema up to
    /// date) when needed. Refuses files that are not esc queues and queues
    /// written by a newer esc.
    pub fn open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            return Err(EscError::queue(format!(
                "`{}` is a directory, not a queue file",
                path.display()
            ))
            .with_hint("pass a file path with --db (or ESC_DB)")
            .into());
        }
        let conn = Connection::open(path)
            .with_context(|| format!("cannot open queue file `{}`", path.display()))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.check_header()?;
        store
            .conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .with_context(|| format!("cannot switch `{}` to WAL", path.display()))?;
        store.conn.pragma_update(None, "synchronous", "NORMAL")?;
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Tell an esc queue from a foreign SQLite file, or from no SQLite file
    /// at all, before anything is written to it.
    fn check_header(&self) -> Result<()> {
        let shown = self.path.display();
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
                .with_hint("pass the queue file with --db, or a new path to create a queue there")
                .into());
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read queue file `{shown}`")),
        };
        let ours = app_id == schema::APPLICATION_ID;
        if !ours && (app_id != 0 || objects > 0) {
            return Err(EscError::queue(format!(
                "`{shown}` is a SQLite database but not an esc queue"
            ))
            .with_hint("pass the queue file with --db, or a new path to create a queue there")
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
            tx.execute_batch(step)
                .with_context(|| format!("upgrading the queue schema to version {}", i + 1))?;
        }
        tx.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", schema::latest())?;
        tx.commit()?;
        Ok(())
    }

    /// Insert a new ticket with its `opened` event, let `settle` add what
    /// the policy makes of it (triggers on opening, due times), and write it
    /// all in one transaction.
    pub fn create<F>(&mut self, ticket: &Ticket, opened: EventData, settle: F) -> Result<Applied>
    where
        F: FnOnce(Ticket, Vec<EventData>) -> Transition,
    {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = insert_ticket(&tx, ticket)?;
        let mut inserted = ticket.clone();
        inserted.id = id;
        let first = insert_event(&tx, &inserted, opened.clone())?;
        let Transition { ticket, events } = settle(inserted.clone(), vec![opened]);
        let mut applied = write(&tx, &inserted, ticket, events)?;
        tx.commit()?;
        applied.events.insert(0, first);
        Ok(applied)
    }

    /// Insert many tickets, each with its whole log, in one transaction: for
    /// imports and for building large queues to measure.
    pub fn import<I>(&mut self, tickets: I) -> Result<usize>
    where
        I: IntoIterator<Item = (Ticket, Vec<EventData>)>,
    {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut n = 0;
        for (mut ticket, log) in tickets {
            ticket.id = insert_ticket(&tx, &ticket)?;
            for e in log {
                insert_event(&tx, &ticket, e)?;
            }
            n += 1;
        }
        tx.commit()?;
        Ok(n)
    }

    /// Read a ticket and its log, let `change` decide its next state, and
    /// write that state with its events, all under one write lock, so that
    /// two agents acting on the same ticket at once each see the other's
    /// change.
    pub fn update<F>(&mut self, id: TicketId, change: F) -> Result<Applied>
    where
        F: FnOnce(&Ticket, &[Event]) -> Result<Transition, EscError>,
    {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = read_ticket(&tx, id)?;
        let log = read_events(&tx, id)?;
        let Transition { ticket, events } = change(&current, &log)?;
        let applied = write(&tx, &current, ticket, events)?;
        tx.commit()?;
        Ok(applied)
    }

    /// Tickets with automatic work due by `now`, and tickets whose due
    /// times were computed under another policy (`digest`, 16 hex digits).
    /// Both come from indexes: the cost follows the work, not the queue.
    pub fn due_tickets(&self, now: Instant, digest: &str) -> Result<Vec<TicketId>> {
        // Three queries, each a range on a partial index; as one UNION the
        // planner would rather scan the table.
        let mut ids = std::collections::BTreeSet::new();
        for (sql, value) in [
            (
                "SELECT id FROM tickets WHERE next_due_at <= ?1",
                Value::Integer(now.timestamp()),
            ),
            (
                "SELECT id FROM tickets WHERE due_digest < ?1",
                Value::Text(digest.into()),
            ),
            (
                "SELECT id FROM tickets WHERE due_digest > ?1",
                Value::Text(digest.into()),
            ),
        ] {
            let mut stmt = self.conn.prepare_cached(sql)?;
            for id in stmt.query_map([value], |r| r.get::<_, TicketId>(0))? {
                ids.insert(id?);
            }
        }
        Ok(ids.into_iter().collect())
    }

    /// Apply `change` to each ticket in `ids`, in transactions of a few
    /// hundred tickets; `None` leaves a ticket as it is. With `commit` false
    /// nothing is kept: a dry run through exactly the same code.
    pub fn update_each<F>(
        &mut self,
        ids: &[TicketId],
        commit: bool,
        mut change: F,
    ) -> Result<Vec<Applied>>
    where
        F: FnMut(&Ticket, &[Event]) -> Option<Transition>,
    {
        // Large enough that commits are few, small enough that an agent
        // waiting for the write lock waits a fraction of a second.
        const BATCH: usize = 1024;
        let mut all = Vec::new();
        for chunk in ids.chunks(BATCH) {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            for &id in chunk {
                let current = read_ticket(&tx, id)?;
                let log = read_events(&tx, id)?;
                if let Some(Transition { ticket, events }) = change(&current, &log) {
                    all.push(write(&tx, &current, ticket, events)?);
                }
            }
            if commit {
                tx.commit()?;
            }
        }
        Ok(all)
    }

    pub fn ticket(&self, id: TicketId) -> Result<Ticket> {
        read_ticket(&self.conn, id)
    }

    /// A ticket and its whole timeline, read in one snapshot.
    pub fn ticket_with_events(&self, id: TicketId) -> Result<(Ticket, Vec<Event>)> {
        let tx = self.conn.unchecked_transaction()?;
        let ticket = read_ticket(&tx, id)?;
        let events = read_events(&tx, id)?;
        tx.finish()?;
        Ok((ticket, events))
    }

    /// The tickets the filter lets through, most urgent first, at most
    /// `limit` of them, and how many there are in all.
    pub fn tickets(
        &self,
        filter: &TicketFilter,
        order: &Urgency,
        limit: Option<usize>,
    ) -> Result<(Vec<Ticket>, u64)> {
        let mut clauses: Vec<String> = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        if !filter.statuses.is_empty() {
            let marks = vec!["?"; filter.statuses.len()].join(", ");
            clauses.push(format!("status IN ({marks})"));
            params.extend(
                filter
                    .statuses
                    .iter()
                    .map(|s| Value::Text(s.as_str().into())),
            );
        }
        let mut equal = |column: &str, value: &Option<String>| {
            if let Some(v) = value {
                clauses.push(format!("{column} = ?"));
                params.push(Value::Text(v.clone()));
            }
        };
        equal("team", &filter.team);
        equal("level", &filter.level);
        equal("assignee", &filter.assignee);
        equal("priority", &filter.priority);
        equal("category", &filter.category);
        equal("customer", &filter.customer);
        if filter.unassigned {
            clauses.push("assignee IS NULL".into());
        }
        if let Some(tag) = &filter.tag {
            clauses.push("instr(' ' || tags || ' ', ' ' || ? || ' ') > 0".into());
            params.push(Value::Text(tag.clone()));
        }
        // Through the partial indexes on the derived due columns, so these
        // stay quick on a large queue whatever the other filters are.
        if let Some(now) = filter.breached_at {
            clauses.push(
                "id IN (SELECT id FROM tickets WHERE breached_at IS NOT NULL
                        UNION SELECT id FROM tickets WHERE sla_due_at <= ?)"
                    .into(),
            );
            params.push(Value::Integer(now.timestamp()));
        }
        if let Some(by) = filter.sla_due_by {
            clauses.push("id IN (SELECT id FROM tickets WHERE sla_due_at <= ?)".into());
            params.push(Value::Integer(by.timestamp()));
        }
        let condition = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM tickets {condition}"),
            rusqlite::params_from_iter(params.iter()),
            |r| r.get(0),
        )?;
        // A rank from a list of values: CASE column WHEN ? THEN 0 ... ELSE n.
        let rank = |column: &str, values: &[String], params: &mut Vec<Value>| {
            let whens: String = values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    params.push(Value::Text(v.clone()));
                    format!(" WHEN ? THEN {i}")
                })
                .collect();
            if whens.is_empty() {
                "0".to_string()
            } else {
                format!("CASE {column}{whens} ELSE {} END", values.len())
            }
        };
        params.push(Value::Integer(order.now.timestamp()));
        let priority = rank("priority", &order.priorities, &mut params);
        let level = rank("level", &order.levels, &mut params);
        let category = rank("category", &order.categories, &mut params);
        params.push(Value::Integer(limit.map_or(-1, |l| l as i64)));
        // With a LIMIT, SQLite keeps only the best rows while it sorts.
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets {condition}
             ORDER BY CASE status WHEN 'open' THEN 0 WHEN 'pending' THEN 1
                                  WHEN 'awaiting-signoff' THEN 2 ELSE 3 END,
                      breached_at IS NULL AND (sla_due_at IS NULL OR sla_due_at > ?),
                      {priority}, sla_due_at IS NULL, sla_due_at, {level} DESC, {category},
                      opened_at, id
             LIMIT ?"
        ))?;
        let tickets = stmt
            .query_map(rusqlite::params_from_iter(params), ticket_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((tickets, total.max(0) as u64))
    }
}

const TICKET_COLUMNS: &str = "id, title, description, customer, tier, channel, category, \
    priority, team, level, assignee, status, tags, cycle, opened_at, updated_at, level_since, \
    last_escalated_at, first_response_at, last_response_at, last_contact_at, contact_attempts, \
    pending_since, resolved_at, resolution, root_cause, csat, next_due_at, sla_due_at, \
    breached_at, due_digest, esc_count, esc_functional, esc_hierarchical, esc_automatic, \
    transfers, top_level, reopens, breaches, warnings, fr_outcome, res_outcome, fr_secs, \
    fr_business_secs, res_secs, res_business_secs, handlers, escalated_by, resolved_by";
// (The last eighteen are STATS_COLUMNS, read by `stats_from_cols`.)

/// A ticket's columns (all but `id`) and their values, in one order for
/// inserting and for finding what an update changed.
fn ticket_values(t: &Ticket) -> [(&'static str, Value); 48] {
    fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }
    fn maybe(s: &Option<String>) -> Value {
        s.as_ref().map_or(Value::Null, |s| Value::Text(s.clone()))
    }
    fn time(t: Option<Instant>) -> Value {
        t.map_or(Value::Null, |t| Value::Integer(t.timestamp()))
    }
    [
        ("title", text(&t.title)),
        ("description", text(&t.description)),
        ("customer", text(&t.customer)),
        ("tier", text(&t.tier)),
        ("channel", text(t.channel.as_str())),
        ("category", text(&t.category)),
        ("priority", text(&t.priority)),
        ("team", text(&t.team)),
        ("level", text(&t.level)),
        ("assignee", maybe(&t.assignee)),
        ("status", text(t.status.as_str())),
        ("tags", Value::Text(t.tags.join(" "))),
        ("cycle", Value::Integer(t.cycle.into())),
        ("opened_at", time(Some(t.opened_at))),
        ("updated_at", time(Some(t.updated_at))),
        ("level_since", time(Some(t.level_since))),
        ("last_escalated_at", time(t.last_escalated_at)),
        ("first_response_at", time(t.first_response_at)),
        ("last_response_at", time(t.last_response_at)),
        ("last_contact_at", time(t.last_contact_at)),
        (
            "contact_attempts",
            Value::Integer(t.contact_attempts.into()),
        ),
        ("pending_since", time(t.pending_since)),
        ("resolved_at", time(t.resolved_at)),
        ("resolution", maybe(&t.resolution)),
        ("root_cause", maybe(&t.root_cause)),
        (
            "csat",
            t.csat.map_or(Value::Null, |c| Value::Integer(c.into())),
        ),
        ("next_due_at", time(t.due.next_at)),
        ("sla_due_at", time(t.due.sla_at)),
        ("breached_at", time(t.due.breached_at)),
        ("due_digest", maybe(&t.due.digest)),
        ("esc_count", Value::Integer(t.stats.escalations.into())),
        ("esc_functional", Value::Integer(t.stats.functional.into())),
        (
            "esc_hierarchical",
            Value::Integer(t.stats.hierarchical.into()),
        ),
        ("esc_automatic", Value::Integer(t.stats.automatic.into())),
        ("transfers", Value::Integer(t.stats.transfers.into())),
        ("top_level", text(&t.stats.top_level)),
        ("reopens", Value::Integer(t.stats.reopens.into())),
        ("breaches", Value::Integer(t.stats.breaches.into())),
        ("warnings", Value::Integer(t.stats.warnings.into())),
        (
            "fr_outcome",
            t.stats
                .first_response
                .map_or(Value::Null, |o| text(o.as_str())),
        ),
        (
            "res_outcome",
            t.stats.resolution.map_or(Value::Null, |o| text(o.as_str())),
        ),
        (
            "fr_secs",
            t.stats
                .first_response_secs
                .map_or(Value::Null, Value::Integer),
        ),
        (
            "fr_business_secs",
            t.stats
                .first_response_business_secs
                .map_or(Value::Null, Value::Integer),
        ),
        (
            "res_secs",
            t.stats.resolution_secs.map_or(Value::Null, Value::Integer),
        ),
        (
            "res_business_secs",
            t.stats
                .resolution_business_secs
                .map_or(Value::Null, Value::Integer),
        ),
        ("handlers", Value::Text(t.stats.handlers.join(NAMES))),
        (
            "escalated_by",
            Value::Text(t.stats.escalated_by.join(NAMES)),
        ),
        ("resolved_by", maybe(&t.stats.resolved_by)),
    ]
}

/// Separates names in one column: people's names may hold spaces and commas.
pub const NAMES: &str = "\u{1f}";

fn names(text: String) -> Vec<String> {
    text.split(NAMES)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

fn insert_ticket(conn: &Connection, t: &Ticket) -> Result<TicketId> {
    let values = ticket_values(t);
    let columns: Vec<&str> = values.iter().map(|(c, _)| *c).collect();
    let marks = vec!["?"; values.len()].join(", ");
    conn.prepare_cached(&format!(
        "INSERT INTO tickets ({}) VALUES ({marks})",
        columns.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(
        values.into_iter().map(|(_, v)| v),
    ))?;
    Ok(conn.last_insert_rowid())
}

/// Write only the columns that changed: SQLite rewrites the entries of
/// every index on a column an UPDATE assigns, changed or not, and a ticket
/// has several.
fn update_ticket(conn: &Connection, id: TicketId, before: &Ticket, after: &Ticket) -> Result<()> {
    let changed: Vec<(&str, Value)> = ticket_values(after)
        .into_iter()
        .zip(ticket_values(before))
        .filter(|((_, new), (_, old))| new != old)
        .map(|(new, _)| new)
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    let set: Vec<String> = changed.iter().map(|(c, _)| format!("{c} = ?")).collect();
    let mut values: Vec<Value> = changed.into_iter().map(|(_, v)| v).collect();
    values.push(Value::Integer(id));
    conn.prepare_cached(&format!(
        "UPDATE tickets SET {} WHERE id = ?",
        set.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

fn unix(t: Option<Instant>) -> Option<i64> {
    t.map(|t| t.timestamp())
}

/// Reads a row's columns in the order they were selected: by position,
/// because looking each up by name costs more than the rest of reading a row.
pub(crate) struct Cols<'r, 's> {
    row: &'r Row<'s>,
    at: usize,
}

impl<'r, 's> Cols<'r, 's> {
    pub(crate) fn new(row: &'r Row<'s>) -> Self {
        Cols { row, at: 0 }
    }

    pub(crate) fn get<T: rusqlite::types::FromSql>(&mut self) -> rusqlite::Result<T> {
        self.at += 1;
        self.row.get(self.at - 1)
    }

    fn instant(&mut self) -> rusqlite::Result<Instant> {
        Ok(from_unix(self.get()?))
    }

    fn maybe_instant(&mut self) -> rusqlite::Result<Option<Instant>> {
        Ok(self.get::<Option<i64>>()?.map(from_unix))
    }

    /// A text column holding one of the domain's enums.
    fn parsed<T: std::str::FromStr<Err = String>>(&mut self) -> rusqlite::Result<T> {
        let text: String = self.get()?;
        text.parse().map_err(|e: String| {
            rusqlite::Error::FromSqlConversionFailure(
                self.at - 1,
                rusqlite::types::Type::Text,
                e.into(),
            )
        })
    }

    fn maybe_parsed<T: std::str::FromStr<Err = String>>(&mut self) -> rusqlite::Result<Option<T>> {
        match self.get::<Option<String>>()? {
            None => Ok(None),
            Some(text) => text.parse().map(Some).map_err(|e: String| {
                rusqlite::Error::FromSqlConversionFailure(
                    self.at - 1,
                    rusqlite::types::Type::Text,
                    e.into(),
                )
            }),
        }
    }
}

/// A ticket from a row of [`TICKET_COLUMNS`], in that order.
fn ticket_from_row(row: &Row) -> rusqlite::Result<Ticket> {
    let mut c = Cols::new(row);
    Ok(Ticket {
        id: c.get()?,
        title: c.get()?,
        description: c.get()?,
        customer: c.get()?,
        tier: c.get()?,
        channel: c.parsed()?,
        category: c.get()?,
        priority: c.get()?,
        team: c.get()?,
        level: c.get()?,
        assignee: c.get()?,
        status: c.parsed()?,
        tags: c
            .get::<String>()?
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        cycle: c.get()?,
        opened_at: c.instant()?,
        updated_at: c.instant()?,
        level_since: c.instant()?,
        last_escalated_at: c.maybe_instant()?,
        first_response_at: c.maybe_instant()?,
        last_response_at: c.maybe_instant()?,
        last_contact_at: c.maybe_instant()?,
        contact_attempts: c.get()?,
        pending_since: c.maybe_instant()?,
        resolved_at: c.maybe_instant()?,
        resolution: c.get()?,
        root_cause: c.get()?,
        csat: c.get()?,
        due: Due {
            next_at: c.maybe_instant()?,
            sla_at: c.maybe_instant()?,
            breached_at: c.maybe_instant()?,
            digest: c.get()?,
        },
        stats: stats_from_cols(&mut c)?,
    })
}

/// Write a ticket's new state and its events.
fn write(
    conn: &Connection,
    before: &Ticket,
    mut ticket: Ticket,
    events: Vec<EventData>,
) -> Result<Applied> {
    let id = before.id;
    ticket.id = id;
    update_ticket(conn, id, before, &ticket)?;
    let events = events
        .into_iter()
        .map(|e| insert_event(conn, &ticket, e))
        .collect::<Result<Vec<_>>>()?;
    Ok(Applied { ticket, events })
}

fn read_events(conn: &Connection, id: TicketId) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE ticket_id = ?1 ORDER BY id"
    ))?;
    let events = stmt
        .query_map([id], event_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(events)
}

/// The report columns, from `esc_count` to `resolved_by` in schema order.
pub(crate) fn stats_from_cols(c: &mut Cols) -> rusqlite::Result<Stats> {
    Ok(Stats {
        escalations: c.get()?,
        functional: c.get()?,
        hierarchical: c.get()?,
        automatic: c.get()?,
        transfers: c.get()?,
        top_level: c.get()?,
        reopens: c.get()?,
        breaches: c.get()?,
        warnings: c.get()?,
        first_response: c
            .get::<Option<String>>()?
            .as_deref()
            .and_then(Outcome::parse),
        resolution: c
            .get::<Option<String>>()?
            .as_deref()
            .and_then(Outcome::parse),
        first_response_secs: c.get()?,
        first_response_business_secs: c.get()?,
        resolution_secs: c.get()?,
        resolution_business_secs: c.get()?,
        handlers: names(c.get()?),
        escalated_by: names(c.get()?),
        resolved_by: c.get()?,
    })
}

/// The report columns in the order [`stats_from_cols`] reads them.
pub(crate) const STATS_COLUMNS: &str = "esc_count, esc_functional, esc_hierarchical, esc_automatic, \
    transfers, top_level, reopens, breaches, warnings, fr_outcome, res_outcome, fr_secs, \
    fr_business_secs, res_secs, res_business_secs, handlers, escalated_by, resolved_by";

fn read_ticket(conn: &Connection, id: TicketId) -> Result<Ticket> {
    conn.prepare_cached(&format!(
        "SELECT {TICKET_COLUMNS} FROM tickets WHERE id = ?1"
    ))?
    .query_row([id], ticket_from_row)
    .optional()?
    .ok_or_else(|| EscError::NoSuchTicket(id).into())
}

const EVENT_COLUMNS: &str = "id, ticket_id, cycle, at, actor, kind, escalation, automatic, \
    from_level, to_level, from_team, to_team, from_assignee, to_assignee, from_status, \
    to_status, reason, value, due_at, rule, policy_digest";

fn change<T>(from: Option<T>, to: Option<T>) -> Option<Change<T>> {
    (from.is_some() || to.is_some()).then_some(Change { from, to })
}

/// An event from a row of [`EVENT_COLUMNS`], in that order.
fn event_from_row(row: &Row) -> rusqlite::Result<Event> {
    let mut c = Cols::new(row);
    let (id, ticket, cycle, at, actor, kind) = (
        c.get()?,
        c.get()?,
        c.get()?,
        c.instant()?,
        c.get()?,
        c.parsed()?,
    );
    let (escalation, automatic) = (c.maybe_parsed()?, c.get()?);
    let level = change(c.get()?, c.get()?);
    let team = change(c.get()?, c.get()?);
    let assignee = change(c.get()?, c.get()?);
    let status = change(c.maybe_parsed()?, c.maybe_parsed()?);
    Ok(Event {
        id,
        ticket,
        data: EventData {
            at,
            actor,
            kind,
            cycle,
            escalation,
            automatic,
            level,
            team,
            assignee,
            status,
            reason: c.get()?,
            value: c.get()?,
            due_at: c.maybe_instant()?,
            rule: c.get()?,
            policy: c.get()?,
        },
    })
}

/// Append an event. It carries its ticket's opening instant so that
/// reports can count status changes of tickets opened before a date from an
/// index alone.
fn insert_event(conn: &Connection, ticket: &Ticket, e: EventData) -> Result<Event> {
    let (opened_at, ticket) = (ticket.opened_at.timestamp(), ticket.id);
    fn sides<T>(c: &Option<Change<T>>) -> (Option<&T>, Option<&T>) {
        c.as_ref()
            .map_or((None, None), |c| (c.from.as_ref(), c.to.as_ref()))
    }
    let (from_level, to_level) = sides(&e.level);
    let (from_team, to_team) = sides(&e.team);
    let (from_assignee, to_assignee) = sides(&e.assignee);
    let (from_status, to_status) = sides(&e.status);
    conn.prepare_cached(
        "INSERT INTO events (ticket_id, cycle, at, actor, kind, escalation, automatic,
            from_level, to_level, from_team, to_team, from_assignee, to_assignee,
            from_status, to_status, reason, value, due_at, rule, policy_digest, ticket_opened_at)
         VALUES (:ticket, :cycle, :at, :actor, :kind, :escalation, :automatic,
            :from_level, :to_level, :from_team, :to_team, :from_assignee, :to_assignee,
            :from_status, :to_status, :reason, :value, :due_at, :rule, :policy, :opened_at)",
    )?
    .execute(named_params! {
        ":ticket": ticket,
        ":cycle": e.cycle,
        ":at": e.at.timestamp(),
        ":actor": e.actor,
        ":kind": e.kind.as_str(),
        ":escalation": e.escalation.map(|k| k.as_str()),
        ":automatic": e.automatic,
        ":from_level": from_level,
        ":to_level": to_level,
        ":from_team": from_team,
        ":to_team": to_team,
        ":from_assignee": from_assignee,
        ":to_assignee": to_assignee,
        ":from_status": from_status.map(|s| s.as_str()),
        ":to_status": to_status.map(|s| s.as_str()),
        ":reason": e.reason,
        ":value": e.value,
        ":due_at": unix(e.due_at),
        ":rule": e.rule,
        ":policy": e.policy,
        ":opened_at": opened_at,
    })?;
    Ok(Event {
        id: conn.last_insert_rowid(),
        ticket,
        data: e,
    })
}

#[cfg(test)]
mod tests;
