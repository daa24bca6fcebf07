//! How tickets and events map to rows: the column lists, reading a row by
//! position, and the INSERTs and UPDATEs every write goes through.

use anyhow::Result;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, named_params};

use crate::clock::{Instant, from_unix};
use crate::error::EscError;
use crate::event::{Change, Detail, Event, EventData};
use crate::lifecycle::Transition;
use crate::stats::{Outcome, Stats};
use crate::store::Applied;
use crate::ticket::{Due, Ticket, TicketId};

pub(super) const TICKET_COLUMNS: &str = "id, title, description, customer, tier, channel, category, \
    priority, team, level, assignee, status, tags, cycle, opened_at, updated_at, level_since, \
    last_escalated_at, first_response_at, last_response_at, last_contact_at, contact_attempts, \
    pending_since, resolved_at, resolution, root_cause, csat, next_due_at, sla_due_at, \
    breached_at, due_digest, esc_count, esc_functional, esc_hierarchical, esc_automatic, \
    transfers, top_level, reopens, breaches, warnings, fr_outcome, res_outcome, fr_secs, \
    fr_business_secs, res_secs, res_business_secs, handlers, escalated_by, resolved_by, email";
// (The eighteen before `email` are STATS_COLUMNS, read by `stats_from_cols`.)

/// A ticket's columns (all but `id`) and their values, in one order for
/// inserting and for finding what an update changed.
pub(super) fn ticket_values(t: &Ticket) -> [(&'static str, Value); 49] {
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
        ("email", maybe(&t.email)),
    ]
}

/// Separates names in one column: people's names may hold spaces and commas.
pub(super) const NAMES: &str = "\u{1f}";

fn names(text: String) -> Vec<String> {
    text.split(NAMES)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

pub(super) fn insert_ticket(conn: &Connection, t: &Ticket) -> Result<TicketId> {
    insert_ticket_as(conn, None, t)
}

/// Insert a ticket under the id it had (restoring an export), or, with
/// `None`, the next one.
pub(super) fn insert_ticket_as(
    conn: &Connection,
    id: Option<TicketId>,
    t: &Ticket,
) -> Result<TicketId> {
    let values = ticket_values(t);
    let columns: Vec<&str> = values.iter().map(|(c, _)| *c).collect();
    let marks = vec!["?"; values.len()].join(", ");
    conn.prepare_cached(&format!(
        "INSERT INTO tickets (id, {}) VALUES (?, {marks})",
        columns.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(
        std::iter::once(id.map_or(Value::Null, Value::Integer))
            .chain(values.into_iter().map(|(_, v)| v)),
    ))?;
    Ok(conn.last_insert_rowid())
}

/// Write only the columns that changed: SQLite rewrites the entries of
/// every index on a column an UPDATE assigns, changed or not, and a ticket
/// has several.
pub(super) fn update_ticket(
    conn: &Connection,
    id: TicketId,
    before: &Ticket,
    after: &Ticket,
) -> Result<()> {
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
pub(super) struct Cols<'r, 's> {
    row: &'r Row<'s>,
    at: usize,
}

impl<'r, 's> Cols<'r, 's> {
    pub(super) fn new(row: &'r Row<'s>) -> Self {
        Cols { row, at: 0 }
    }

    pub(super) fn get<T: rusqlite::types::FromSql>(&mut self) -> rusqlite::Result<T> {
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

    /// An event's typed detail, kept as JSON.
    fn detail(&mut self) -> rusqlite::Result<Option<Detail>> {
        match self.get::<Option<String>>()? {
            None => Ok(None),
            Some(json) => serde_json::from_str(&json).map(Some).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    self.at - 1,
                    rusqlite::types::Type::Text,
                    e.into(),
                )
            }),
        }
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

/// An event's detail as the queue keeps it: JSON, the same as `--json` shows.
pub(super) fn detail_json(d: &Detail) -> String {
    serde_json::to_string(d).expect("a detail is plain data")
}

/// A ticket from a row of [`TICKET_COLUMNS`], in that order.
pub(super) fn ticket_from_row(row: &Row) -> rusqlite::Result<Ticket> {
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
        email: c.get()?,
    })
}

/// Write a ticket's new state, its events, and the notifications they
/// ask for.
pub(super) fn write(conn: &Connection, before: &Ticket, change: Transition) -> Result<Applied> {
    let Transition {
        mut ticket,
        events,
        notices,
    } = change;
    let id = before.id;
    ticket.id = id;
    update_ticket(conn, id, before, &ticket)?;
    let mut queued = 0;
    let events = events
        .into_iter()
        .map(|e| {
            let event = insert_event(conn, &ticket, e)?;
            queued += super::outbox::enqueue(conn, &event)?;
            Ok(event)
        })
        .collect::<Result<Vec<_>>>()?;
    let mut customers = Vec::new();
    for notice in notices {
        if super::outbox::enqueue_notice(conn, &events[notice.event], &notice)? > 0 {
            queued += 1;
            customers.push(notice.to);
        }
    }
    Ok(Applied {
        ticket,
        events,
        queued,
        customers,
    })
}

pub(super) fn read_events(conn: &Connection, id: TicketId) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE ticket_id = ?1 ORDER BY id"
    ))?;
    let events = stmt
        .query_map([id], event_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(events)
}

/// The report columns, from `esc_count` to `resolved_by` in schema order.
pub(super) fn stats_from_cols(c: &mut Cols) -> rusqlite::Result<Stats> {
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
pub(super) const STATS_COLUMNS: &str = "esc_count, esc_functional, esc_hierarchical, esc_automatic, \
    transfers, top_level, reopens, breaches, warnings, fr_outcome, res_outcome, fr_secs, \
    fr_business_secs, res_secs, res_business_secs, handlers, escalated_by, resolved_by";

pub(super) fn read_ticket(conn: &Connection, id: TicketId) -> Result<Ticket> {
    conn.prepare_cached(&format!(
        "SELECT {TICKET_COLUMNS} FROM tickets WHERE id = ?1"
    ))?
    .query_row([id], ticket_from_row)
    .optional()?
    .ok_or_else(|| EscError::NoSuchTicket(id).into())
}

pub(super) const EVENT_COLUMNS: &str = "id, ticket_id, cycle, at, actor, kind, escalation, automatic, \
    from_level, to_level, from_team, to_team, from_assignee, to_assignee, from_status, \
    to_status, reason, detail, due_at, rule, policy_digest";

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
            detail: c.detail()?,
            due_at: c.maybe_instant()?,
            rule: c.get()?,
            policy: c.get()?,
        },
    })
}

/// Append an event. It carries its ticket's opening instant so that
/// reports can count status changes of tickets opened before a date from an
/// index alone.
pub(super) fn insert_event(conn: &Connection, ticket: &Ticket, e: EventData) -> Result<Event> {
    insert_event_as(conn, ticket, None, e)
}

/// Insert an event under the id it had (restoring an export), or, with
/// `None`, the next one.
pub(super) fn insert_event_as(
    conn: &Connection,
    ticket: &Ticket,
    id: Option<i64>,
    e: EventData,
) -> Result<Event> {
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
        "INSERT INTO events (id, ticket_id, cycle, at, actor, kind, escalation, automatic,
            from_level, to_level, from_team, to_team, from_assignee, to_assignee,
            from_status, to_status, reason, detail, due_at, rule, policy_digest, ticket_opened_at)
         VALUES (:id, :ticket, :cycle, :at, :actor, :kind, :escalation, :automatic,
            :from_level, :to_level, :from_team, :to_team, :from_assignee, :to_assignee,
            :from_status, :to_status, :reason, :detail, :due_at, :rule, :policy, :opened_at)",
    )?
    .execute(named_params! {
        ":id": id,
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
        ":detail": e.detail.as_ref().map(detail_json),
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
