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
use crate::lifecycle::Transition;
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
        let first = insert_event(&tx, id, opened.clone())?;
        let mut inserted = ticket.clone();
        inserted.id = id;
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
        for (ticket, log) in tickets {
            let id = insert_ticket(&tx, &ticket)?;
            for e in log {
                insert_event(&tx, id, e)?;
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

    /// Every ticket the filter lets through, in id order.
    pub fn tickets(&self, filter: &TicketFilter) -> Result<Vec<Ticket>> {
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
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets {condition} ORDER BY id"
        ))?;
        let tickets = stmt
            .query_map(rusqlite::params_from_iter(params), ticket_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(tickets)
    }
}

const TICKET_COLUMNS: &str = "id, title, description, customer, tier, channel, category, \
    priority, team, level, assignee, status, tags, cycle, opened_at, updated_at, level_since, \
    last_escalated_at, first_response_at, last_response_at, last_contact_at, contact_attempts, \
    pending_since, resolved_at, resolution, root_cause, csat, next_due_at, sla_due_at, \
    breached_at, due_digest, esc_count, esc_functional, esc_hierarchical, esc_automatic, \
    transfers, top_level, reopens, breaches, warnings, fr_outcome, res_outcome, fr_secs, \
    fr_business_secs, res_secs, res_business_secs, handlers, escalated_by, resolved_by";

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

fn instant(row: &Row, column: &str) -> rusqlite::Result<Instant> {
    Ok(from_unix(row.get(column)?))
}

fn maybe_instant(row: &Row, column: &str) -> rusqlite::Result<Option<Instant>> {
    Ok(row.get::<_, Option<i64>>(column)?.map(from_unix))
}

/// Parse a text column into one of the domain's enums.
fn parsed<T: std::str::FromStr<Err = String>>(row: &Row, column: &str) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    text.parse().map_err(|e: String| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })
}

fn maybe_parsed<T: std::str::FromStr<Err = String>>(
    row: &Row,
    column: &str,
) -> rusqlite::Result<Option<T>> {
    match row.get::<_, Option<String>>(column)? {
        None => Ok(None),
        Some(text) => text.parse().map(Some).map_err(|e: String| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
        }),
    }
}

fn ticket_from_row(row: &Row) -> rusqlite::Result<Ticket> {
    let tags: String = row.get("tags")?;
    Ok(Ticket {
        id: row.get("id")?,
        title: row.get("title")?,
        description: row.get("description")?,
        customer: row.get("customer")?,
        tier: row.get("tier")?,
        channel: parsed(row, "channel")?,
        category: row.get("category")?,
        priority: row.get("priority")?,
        team: row.get("team")?,
        level: row.get("level")?,
        assignee: row.get("assignee")?,
        status: parsed(row, "status")?,
        tags: tags.split_whitespace().map(str::to_string).collect(),
        cycle: row.get("cycle")?,
        opened_at: instant(row, "opened_at")?,
        updated_at: instant(row, "updated_at")?,
        level_since: instant(row, "level_since")?,
        last_escalated_at: maybe_instant(row, "last_escalated_at")?,
        first_response_at: maybe_instant(row, "first_response_at")?,
        last_response_at: maybe_instant(row, "last_response_at")?,
        last_contact_at: maybe_instant(row, "last_contact_at")?,
        contact_attempts: row.get("contact_attempts")?,
        pending_since: maybe_instant(row, "pending_since")?,
        resolved_at: maybe_instant(row, "resolved_at")?,
        resolution: row.get("resolution")?,
        root_cause: row.get("root_cause")?,
        csat: row.get("csat")?,
        due: Due {
            next_at: maybe_instant(row, "next_due_at")?,
            sla_at: maybe_instant(row, "sla_due_at")?,
            breached_at: maybe_instant(row, "breached_at")?,
            digest: row.get("due_digest")?,
        },
        stats: stats_from_row(row)?,
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
        .map(|e| insert_event(conn, id, e))
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

fn stats_from_row(row: &Row) -> rusqlite::Result<Stats> {
    Ok(Stats {
        escalations: row.get("esc_count")?,
        functional: row.get("esc_functional")?,
        hierarchical: row.get("esc_hierarchical")?,
        automatic: row.get("esc_automatic")?,
        transfers: row.get("transfers")?,
        top_level: row.get("top_level")?,
        reopens: row.get("reopens")?,
        breaches: row.get("breaches")?,
        warnings: row.get("warnings")?,
        first_response: row
            .get::<_, Option<String>>("fr_outcome")?
            .as_deref()
            .and_then(Outcome::parse),
        resolution: row
            .get::<_, Option<String>>("res_outcome")?
            .as_deref()
            .and_then(Outcome::parse),
        first_response_secs: row.get("fr_secs")?,
        first_response_business_secs: row.get("fr_business_secs")?,
        resolution_secs: row.get("res_secs")?,
        resolution_business_secs: row.get("res_business_secs")?,
        handlers: names(row.get("handlers")?),
        escalated_by: names(row.get("escalated_by")?),
        resolved_by: row.get("resolved_by")?,
    })
}

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

fn event_from_row(row: &Row) -> rusqlite::Result<Event> {
    Ok(Event {
        id: row.get("id")?,
        ticket: row.get("ticket_id")?,
        data: EventData {
            at: instant(row, "at")?,
            actor: row.get("actor")?,
            kind: parsed(row, "kind")?,
            cycle: row.get("cycle")?,
            escalation: maybe_parsed(row, "escalation")?,
            automatic: row.get("automatic")?,
            level: change(row.get("from_level")?, row.get("to_level")?),
            team: change(row.get("from_team")?, row.get("to_team")?),
            assignee: change(row.get("from_assignee")?, row.get("to_assignee")?),
            status: change(
                maybe_parsed(row, "from_status")?,
                maybe_parsed(row, "to_status")?,
            ),
            reason: row.get("reason")?,
            value: row.get("value")?,
            due_at: maybe_instant(row, "due_at")?,
            rule: row.get("rule")?,
            policy: row.get("policy_digest")?,
        },
    })
}

fn insert_event(conn: &Connection, ticket: TicketId, e: EventData) -> Result<Event> {
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
            from_status, to_status, reason, value, due_at, rule, policy_digest)
         VALUES (:ticket, :cycle, :at, :actor, :kind, :escalation, :automatic,
            :from_level, :to_level, :from_team, :to_team, :from_assignee, :to_assignee,
            :from_status, :to_status, :reason, :value, :due_at, :rule, :policy)",
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
    })?;
    Ok(Event {
        id: conn.last_insert_rowid(),
        ticket,
        data: e,
    })
}

#[cfg(test)]
mod tests;
