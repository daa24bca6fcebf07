//! How tickets and events map to rows: the column lists, reading a row by
//! position, and the INSERTs and UPDATEs every write goes through.

use anyhow::Result;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};

pub(super) use super::cells::{Cols, ticket_from_row};
use super::cells::{mapped, value};
use crate::error::EscError;
use crate::event::{Event, EventData};
use crate::lifecycle::Transition;
use crate::store::Applied;
use crate::store::record::{self, Cell, event_cells, ticket_cells};
pub(super) use crate::store::record::{EVENT_COLUMNS, TICKET_COLUMNS};
use crate::ticket::{Ticket, TicketId};

/// Insert a ticket under the id it had (restoring an export), or, with
/// `None`, the next one.
pub(super) fn insert_ticket_as(
    conn: &Connection,
    id: Option<TicketId>,
    t: &Ticket,
) -> Result<TicketId> {
    let values = ticket_cells(t);
    let columns: Vec<&str> = values.iter().map(|(c, _)| *c).collect();
    let marks = vec!["?"; values.len()].join(", ");
    conn.prepare_cached(&format!(
        "INSERT INTO tickets (id, {}) VALUES (?, {marks})",
        columns.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(
        std::iter::once(id.map_or(Value::Null, Value::Integer))
            .chain(values.into_iter().map(|(_, v)| value(v))),
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
    let changed: Vec<(&str, Cell)> = ticket_cells(after)
        .into_iter()
        .zip(ticket_cells(before))
        .filter(|((_, new), (_, old))| new != old)
        .map(|(new, _)| new)
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    let set: Vec<String> = changed.iter().map(|(c, _)| format!("{c} = ?")).collect();
    let mut values: Vec<Value> = changed.into_iter().map(|(_, v)| value(v)).collect();
    values.push(Value::Integer(id));
    conn.prepare_cached(&format!(
        "UPDATE tickets SET {} WHERE id = ?",
        set.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(values))?;
    Ok(())
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
            queued += super::outbox::enqueue(conn, &event, &ticket.watchers)?;
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

pub(super) fn read_ticket(conn: &Connection, id: TicketId) -> Result<Ticket> {
    conn.prepare_cached(&format!(
        "SELECT {TICKET_COLUMNS} FROM tickets WHERE id = ?1"
    ))?
    .query_row([id], ticket_from_row)
    .optional()?
    .ok_or_else(|| EscError::NoSuchTicket(id).into())
}

/// An event from a row of [`EVENT_COLUMNS`], in that order.
fn event_from_row(row: &Row) -> rusqlite::Result<Event> {
    mapped(|c| record::event(c))(row)
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
    let cells = event_cells(&e);
    let columns: Vec<&str> = cells.iter().map(|(c, _)| *c).collect();
    let marks = vec!["?"; cells.len()].join(", ");
    conn.prepare_cached(&format!(
        "INSERT INTO events (id, ticket_id, ticket_opened_at, {}) VALUES (?, ?, ?, {marks})",
        columns.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(
        [
            id.map_or(Value::Null, Value::Integer),
            Value::Integer(ticket.id),
            Value::Integer(ticket.opened_at.timestamp()),
        ]
        .into_iter()
        .chain(cells.into_iter().map(|(_, v)| value(v))),
    ))?;
    let ticket = ticket.id;
    Ok(Event {
        id: conn.last_insert_rowid(),
        ticket,
        data: e,
    })
}
