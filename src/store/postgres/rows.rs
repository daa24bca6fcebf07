//! The INSERTs and UPDATEs every write goes through, and the reads of
//! tickets with their logs.

use anyhow::Result;
use postgres::GenericClient;

use super::batch::Arrays;
pub(super) use super::sql::{Cols, Param, Prepared, Sql};
use crate::error::EscError;
use crate::event::{Event, EventData};
use crate::lifecycle::Transition;
use crate::store::Applied;
use crate::store::record::{self, Cell, EVENT_COLUMNS, TICKET_COLUMNS};
use crate::ticket::{Ticket, TicketId};

/// Insert a ticket under the id it had (restoring an export), or, with
/// `None`, the next one.
pub(super) fn insert_ticket(
    sql: &mut Sql<impl GenericClient>,
    id: Option<TicketId>,
    t: &Ticket,
) -> Result<TicketId> {
    Ok(insert_tickets(sql, &[(id, t)])?[0])
}

/// Insert tickets in one statement, each under the id given or the next
/// one; their ids, in order.
fn insert_tickets(
    sql: &mut Sql<impl GenericClient>,
    tickets: &[(Option<TicketId>, &Ticket)],
) -> Result<Vec<TicketId>> {
    let mut rows = Arrays::new(record::column_names(TICKET_COLUMNS).collect());
    for (id, t) in tickets {
        let id = id.map_or(Cell::Null, Cell::Int);
        rows.push(std::iter::once(id).chain(record::ticket_cells(t).into_iter().map(|(_, v)| v)));
    }
    // Without an id, a row takes the identity's next: `coalesce` keeps
    // one statement for both.
    let inserted = sql.query(
        &format!(
            "INSERT INTO tickets ({names}) SELECT coalesce(t.id, nextval(pg_get_serial_sequence('tickets', 'id'))), {rest} FROM {from} RETURNING id",
            names = rows.names(),
            rest = record::column_names(TICKET_COLUMNS)
                .skip(1)
                .map(|c| format!("t.{c}"))
                .collect::<Vec<_>>()
                .join(", "),
            from = rows.unnest("t"),
        ),
        &rows.params(),
    )?;
    // The sequence numbers rows in the order the arrays hold them.
    let mut ids: Vec<TicketId> = inserted.iter().map(|r| r.get(0)).collect();
    if tickets.iter().all(|(id, _)| id.is_none()) {
        ids.sort_unstable();
    }
    Ok(ids)
}

/// Insert new tickets, each with its whole log, in two statements.
pub(super) fn insert_many(
    sql: &mut Sql<impl GenericClient>,
    tickets: Vec<(Ticket, Vec<EventData>)>,
) -> Result<()> {
    if tickets.is_empty() {
        return Ok(());
    }
    let new: Vec<(Option<TicketId>, &Ticket)> = tickets.iter().map(|(t, _)| (None, t)).collect();
    let ids = insert_tickets(sql, &new)?;
    let mut numbered: Vec<(Ticket, Vec<EventData>)> = tickets
        .into_iter()
        .zip(ids)
        .map(|((mut t, log), id)| {
            t.id = id;
            (t, log)
        })
        .collect();
    insert_logs(
        sql,
        numbered
            .iter_mut()
            .map(|(t, log)| (&*t, None, std::mem::take(log)))
            .collect(),
    )?;
    Ok(())
}

/// A ticket, locked for this transaction with `lock` (`FOR NO KEY UPDATE`, or
/// nothing to read it only).
pub(super) fn read_ticket(
    sql: &mut Sql<impl GenericClient>,
    id: TicketId,
    lock: &str,
) -> Result<Ticket> {
    let text = format!("SELECT {TICKET_COLUMNS} FROM tickets WHERE id = $1 {lock}");
    match sql.opt(&text, &[&id])? {
        Some(row) => record::ticket(&mut Cols::new(&row)),
        None => Err(EscError::NoSuchTicket(id).into()),
    }
}

/// Tickets `ids` and their logs, in two statements: locked with `lock`
/// (`SKIP LOCKED` leaves out those another transaction holds),
/// lowest id first.
pub(super) fn read_many(
    sql: &mut Sql<impl GenericClient>,
    ids: &[TicketId],
    lock: &str,
) -> Result<Vec<(Ticket, Vec<Event>)>> {
    let tickets = sql.all(
        &format!("SELECT {TICKET_COLUMNS} FROM tickets WHERE id = ANY($1) ORDER BY id {lock}"),
        &[&ids],
        |c| record::ticket(c),
    )?;
    let held: Vec<TicketId> = tickets.iter().map(|t| t.id).collect();
    let mut events = sql
        .all(
            &format!(
                "SELECT {EVENT_COLUMNS} FROM events WHERE ticket_id = ANY($1)
                 ORDER BY ticket_id, id"
            ),
            &[&held],
            |c| record::event(c),
        )?
        .into_iter()
        .peekable();
    Ok(tickets
        .into_iter()
        .map(|t| {
            let mut log = Vec::new();
            while let Some(e) = events.next_if(|e| e.ticket == t.id) {
                log.push(e);
            }
            (t, log)
        })
        .collect())
}

pub(super) fn read_events(sql: &mut Sql<impl GenericClient>, id: TicketId) -> Result<Vec<Event>> {
    sql.all(
        &format!("SELECT {EVENT_COLUMNS} FROM events WHERE ticket_id = $1 ORDER BY id"),
        &[&id],
        |c| record::event(c),
    )
}

/// Append an event under the id it had (restoring an export), or, with
/// `None`, the next one.
pub(super) fn insert_event(
    sql: &mut Sql<impl GenericClient>,
    ticket: &Ticket,
    id: Option<i64>,
    e: EventData,
) -> Result<Event> {
    let mut written = insert_events(sql, ticket, id, vec![e])?;
    Ok(written.pop().expect("one event in, one out"))
}

/// Append events, in one statement: a server a round trip away pays for
/// each. With `first_id`, the first keeps that id (restoring an export;
/// then there is one). A rule occurrence already in the log is not written
/// twice: that is the database's answer to two hosts deciding the same
/// step at once, and the caller's transaction is stale ([`Stale`]).
pub(super) fn insert_events(
    sql: &mut Sql<impl GenericClient>,
    ticket: &Ticket,
    first_id: Option<i64>,
    events: Vec<EventData>,
) -> Result<Vec<Event>> {
    let mut written = insert_logs(sql, vec![(ticket, first_id, events)])?;
    Ok(written.pop().unwrap_or_default())
}

/// Append each ticket's new events, all in one statement; the events
/// written, per ticket, in the order given.
fn insert_logs(
    sql: &mut Sql<impl GenericClient>,
    logs: Vec<(&Ticket, Option<i64>, Vec<EventData>)>,
) -> Result<Vec<Vec<Event>>> {
    let total: usize = logs.iter().map(|(_, _, e)| e.len()).sum();
    if total == 0 {
        return Ok(logs.iter().map(|_| Vec::new()).collect());
    }
    let with_id = logs.iter().any(|(_, id, _)| id.is_some());
    let mut names = vec!["ticket_id", "ticket_opened_at"];
    if with_id {
        names.push("id");
    }
    names.extend(record::column_names(EVENT_COLUMNS).skip(2));
    let mut arrays = Arrays::new(names);
    for (ticket, id, events) in &logs {
        for e in events {
            let head = [
                Cell::Int(ticket.id),
                Cell::Int(ticket.opened_at.timestamp()),
            ];
            let id = with_id.then(|| id.map_or(Cell::Null, Cell::Int));
            arrays.push(
                head.into_iter()
                    .chain(id)
                    .chain(record::event_cells(e).into_iter().map(|(_, v)| v)),
            );
        }
    }
    let inserted = sql.query(
        &format!(
            "INSERT INTO events ({}) SELECT * FROM {}
             ON CONFLICT (ticket_id, rule) WHERE rule IS NOT NULL DO NOTHING
             RETURNING id",
            arrays.names(),
            arrays.unnest("e")
        ),
        &arrays.params(),
    )?;
    if inserted.len() < total {
        return Err(Stale.into());
    }
    // The identity numbers rows in the order the arrays hold them, whatever
    // order RETURNING gives them back in.
    let mut ids: Vec<i64> = inserted.iter().map(|r| r.get(0)).collect();
    ids.sort_unstable();
    let mut ids = ids.into_iter();
    Ok(logs
        .into_iter()
        .map(|(ticket, _, events)| {
            events
                .into_iter()
                .map(|data| Event {
                    id: ids.next().expect("an id per event"),
                    ticket: ticket.id,
                    data,
                })
                .collect()
        })
        .collect())
}

/// A transaction decided on a state another one changed first: roll back
/// and decide again from what is stored now.
#[derive(Debug, thiserror::Error)]
#[error("another process changed the ticket first")]
pub(super) struct Stale;

/// Write many tickets' new states, their events and the notifications
/// they ask for, in three statements whatever their number.
pub(super) fn write_all(
    sql: &mut Sql<impl GenericClient>,
    changes: Vec<(&Ticket, Transition)>,
) -> Result<Vec<Applied>> {
    let mut names = vec!["id"];
    names.extend(record::column_names(TICKET_COLUMNS).skip(1));
    let mut changed = Arrays::new(names);
    let mut after = Vec::with_capacity(changes.len());
    for (before, change) in changes {
        let Transition {
            mut ticket,
            events,
            notices,
        } = change;
        ticket.id = before.id;
        let cells = record::ticket_cells(&ticket);
        if cells != record::ticket_cells(before) {
            changed.push(
                std::iter::once(Cell::Int(ticket.id)).chain(cells.into_iter().map(|(_, v)| v)),
            );
        }
        after.push((ticket, events, notices));
    }
    if !changed.is_empty() {
        let set: Vec<String> = changed
            .names()
            .split(", ")
            .skip(1)
            .map(|c| format!("{c} = u.{c}"))
            .collect();
        sql.execute(
            &format!(
                "UPDATE tickets t SET {} FROM {} WHERE t.id = u.id",
                set.join(", "),
                changed.unnest("u")
            ),
            &changed.params(),
        )?;
    }
    let logs = after
        .iter_mut()
        .map(|(ticket, events, _)| (&*ticket, None, std::mem::take(events)))
        .collect();
    let written = insert_logs(sql, logs)?;
    let notices: Vec<(Event, crate::customer::Notice)> = after
        .iter_mut()
        .zip(&written)
        .flat_map(|((_, _, notices), events)| {
            std::mem::take(notices)
                .into_iter()
                .map(|n| (events[n.event].clone(), n))
        })
        .collect();
    let people: Vec<crate::outbox::Queued> = after
        .iter()
        .zip(&written)
        .flat_map(|((ticket, _, _), events)| {
            events
                .iter()
                .flat_map(|e| crate::outbox::Queued::for_people(e, &ticket.watchers))
        })
        .collect();
    let queued = super::outbox::enqueue_all(sql, people, &notices)?;
    Ok(after
        .into_iter()
        .zip(written)
        .map(|((ticket, _, _), events)| {
            let mine = queued.iter().filter(|(t, _)| *t == ticket.id);
            Applied {
                queued: mine.clone().count(),
                customers: mine.filter_map(|(_, c)| c.clone()).collect(),
                ticket,
                events,
            }
        })
        .collect())
}
