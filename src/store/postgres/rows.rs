//! Statements and rows: a connection or transaction with its prepared
//! statements kept for the process (a tick runs the same few thousands of
//! times, and preparing costs a round trip), and the INSERTs and UPDATEs
//! every write goes through.

use std::collections::HashMap;
use std::error::Error as StdError;

use anyhow::Result;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use postgres::{GenericClient, Row, Statement};

use crate::error::EscError;
use crate::event::{Event, EventData};
use crate::lifecycle::Transition;
use crate::store::Applied;
use crate::store::record::{self, Cell, Columns, EVENT_COLUMNS, TICKET_COLUMNS};
use crate::ticket::{Ticket, TicketId};

/// A parameter, as statements take it.
pub(super) type Param<'a> = &'a (dyn ToSql + Sync);

/// Statements prepared on this connection, by their text.
pub(super) type Prepared = HashMap<String, Statement>;

/// A connection or an open transaction, and the statements prepared on it.
pub(super) struct Sql<'a, C: GenericClient> {
    pub(super) c: &'a mut C,
    pub(super) prepared: &'a mut Prepared,
}

impl<'a, C: GenericClient> Sql<'a, C> {
    pub(super) fn new(c: &'a mut C, prepared: &'a mut Prepared) -> Self {
        Sql { c, prepared }
    }

    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.prepared.get(sql) {
            return Ok(s.clone());
        }
        let s = self.c.prepare(sql)?;
        self.prepared.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    pub(super) fn query(&mut self, sql: &str, params: &[Param]) -> Result<Vec<Row>> {
        let s = self.statement(sql)?;
        Ok(self.c.query(&s, params)?)
    }

    pub(super) fn opt(&mut self, sql: &str, params: &[Param]) -> Result<Option<Row>> {
        let s = self.statement(sql)?;
        Ok(self.c.query_opt(&s, params)?)
    }

    pub(super) fn one(&mut self, sql: &str, params: &[Param]) -> Result<Row> {
        let s = self.statement(sql)?;
        Ok(self.c.query_one(&s, params)?)
    }

    pub(super) fn execute(&mut self, sql: &str, params: &[Param]) -> Result<u64> {
        let s = self.statement(sql)?;
        Ok(self.c.execute(&s, params)?)
    }

    /// Each row of `sql` read by `read`.
    pub(super) fn all<T>(
        &mut self,
        sql: &str,
        params: &[Param],
        read: impl Fn(&mut Cols) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.query(sql, params)?
            .iter()
            .map(|row| read(&mut Cols::new(row)))
            .collect()
    }
}

/// A shared value bound as the column's type: a mismatch is an error of
/// esc's own, never a silent conversion.
impl ToSql for Cell {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> Result<IsNull, Box<dyn StdError + Sync + Send>> {
        match self {
            Cell::Null => Ok(IsNull::Yes),
            Cell::Int(n) if *ty == Type::INT8 => n.to_sql(ty, out),
            Cell::Text(s) if *ty == Type::TEXT => s.to_sql(ty, out),
            Cell::Flag(b) if *ty == Type::BOOL => b.to_sql(ty, out),
            other => Err(format!("cannot store {other:?} in a column of type {ty}").into()),
        }
    }

    fn accepts(ty: &Type) -> bool {
        [Type::INT8, Type::TEXT, Type::BOOL].contains(ty)
    }

    to_sql_checked!();
}

/// A row's columns in the order they were selected.
pub(super) struct Cols<'r> {
    row: &'r Row,
    at: usize,
}

impl<'r> Cols<'r> {
    pub(super) fn new(row: &'r Row) -> Self {
        Cols { row, at: 0 }
    }

    pub(super) fn get<'b, T: postgres::types::FromSql<'b>>(&mut self) -> Result<T>
    where
        'r: 'b,
    {
        self.at += 1;
        Ok(self.row.try_get(self.at - 1)?)
    }
}

impl Columns for Cols<'_> {
    fn int(&mut self) -> Result<Option<i64>> {
        self.get()
    }

    fn text(&mut self) -> Result<Option<String>> {
        self.get()
    }

    fn position(&self) -> usize {
        self.at.saturating_sub(1)
    }

    fn flag(&mut self) -> Result<bool> {
        self.get()
    }
}

/// The SQL to insert a ticket (with or without its id) and its parameters.
fn ticket_insert(id: Option<TicketId>, t: &Ticket) -> (String, Vec<Cell>) {
    let cells = ticket_cells_with(id, t);
    let columns: Vec<&str> = cells.iter().map(|(c, _)| *c).collect();
    let marks: Vec<String> = (1..=cells.len()).map(|i| format!("${i}")).collect();
    (
        format!(
            "INSERT INTO tickets ({}) VALUES ({}) RETURNING id",
            columns.join(", "),
            marks.join(", ")
        ),
        cells.into_iter().map(|(_, v)| v).collect(),
    )
}

fn ticket_cells_with(id: Option<TicketId>, t: &Ticket) -> Vec<(&'static str, Cell)> {
    id.map(|id| ("id", Cell::Int(id)))
        .into_iter()
        .chain(record::ticket_cells(t))
        .collect()
}

/// Insert a ticket under the id it had (restoring an export), or, with
/// `None`, the next one.
pub(super) fn insert_ticket(
    sql: &mut Sql<impl GenericClient>,
    id: Option<TicketId>,
    t: &Ticket,
) -> Result<TicketId> {
    let (text, values) = ticket_insert(id, t);
    let params: Vec<Param> = values.iter().map(|v| v as Param).collect();
    Ok(sql.one(&text, &params)?.get(0))
}

/// Write only the columns that changed: fewer index entries to update,
/// and fewer bytes to the server.
pub(super) fn update_ticket(
    sql: &mut Sql<impl GenericClient>,
    id: TicketId,
    before: &Ticket,
    after: &Ticket,
) -> Result<()> {
    let changed: Vec<(&str, Cell)> = record::ticket_cells(after)
        .into_iter()
        .zip(record::ticket_cells(before))
        .filter(|((_, new), (_, old))| new != old)
        .map(|(new, _)| new)
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    let set: Vec<String> = changed
        .iter()
        .enumerate()
        .map(|(i, (c, _))| format!("{c} = ${}", i + 2))
        .collect();
    let id = Cell::Int(id);
    let params: Vec<Param> = std::iter::once(&id as Param)
        .chain(changed.iter().map(|(_, v)| v as Param))
        .collect();
    sql.execute(
        &format!("UPDATE tickets SET {} WHERE id = $1", set.join(", ")),
        &params,
    )?;
    Ok(())
}

/// A ticket, locked for this transaction with `lock` (`FOR UPDATE`, or
/// nothing to read it only).
pub(super) fn read_ticket(
    sql: &mut Sql<impl GenericClient>,
    id: TicketId,
    lock: &str,
) -> Result<Ticket> {
    try_read_ticket(sql, id, lock)?.ok_or_else(|| EscError::NoSuchTicket(id).into())
}

/// A ticket, or `None` when there is none (or, with `SKIP LOCKED`, when
/// another transaction holds it).
pub(super) fn try_read_ticket(
    sql: &mut Sql<impl GenericClient>,
    id: TicketId,
    lock: &str,
) -> Result<Option<Ticket>> {
    let text = format!("SELECT {TICKET_COLUMNS} FROM tickets WHERE id = $1 {lock}");
    sql.opt(&text, &[&id])?
        .map(|row| record::ticket(&mut Cols::new(&row)))
        .transpose()
}

pub(super) fn read_events(sql: &mut Sql<impl GenericClient>, id: TicketId) -> Result<Vec<Event>> {
    sql.all(
        &format!("SELECT {EVENT_COLUMNS} FROM events WHERE ticket_id = $1 ORDER BY id"),
        &[&id],
        |c| record::event(c),
    )
}

/// Append an event under the id it had (restoring an export), or, with
/// `None`, the next one. A rule occurrence already in the log is not
/// written twice: that is the database's answer to two hosts deciding the
/// same step at once, and the caller's transaction is stale ([`Stale`]).
pub(super) fn insert_event(
    sql: &mut Sql<impl GenericClient>,
    ticket: &Ticket,
    id: Option<i64>,
    e: EventData,
) -> Result<Event> {
    let cells = record::event_cells(&e);
    let mut columns = vec!["ticket_id", "ticket_opened_at"];
    let mut values = vec![
        Cell::Int(ticket.id),
        Cell::Int(ticket.opened_at.timestamp()),
    ];
    if let Some(id) = id {
        columns.push("id");
        values.push(Cell::Int(id));
    }
    for (c, v) in cells {
        columns.push(c);
        values.push(v);
    }
    let marks: Vec<String> = (1..=values.len()).map(|i| format!("${i}")).collect();
    let params: Vec<Param> = values.iter().map(|v| v as Param).collect();
    let inserted = sql.opt(
        &format!(
            "INSERT INTO events ({}) VALUES ({})
             ON CONFLICT (ticket_id, rule) WHERE rule IS NOT NULL DO NOTHING
             RETURNING id",
            columns.join(", "),
            marks.join(", ")
        ),
        &params,
    )?;
    match inserted {
        Some(row) => Ok(Event {
            id: row.get(0),
            ticket: ticket.id,
            data: e,
        }),
        None => Err(Stale.into()),
    }
}

/// A transaction decided on a state another one changed first: roll back
/// and decide again from what is stored now.
#[derive(Debug, thiserror::Error)]
#[error("another process changed the ticket first")]
pub(super) struct Stale;

/// Write a ticket's new state, its events, and the notifications they
/// ask for.
pub(super) fn write(
    sql: &mut Sql<impl GenericClient>,
    before: &Ticket,
    change: Transition,
) -> Result<Applied> {
    let Transition {
        mut ticket,
        events,
        notices,
    } = change;
    let id = before.id;
    ticket.id = id;
    update_ticket(sql, id, before, &ticket)?;
    let mut queued = 0;
    let mut written = Vec::with_capacity(events.len());
    for e in events {
        let event = insert_event(sql, &ticket, None, e)?;
        queued += super::outbox::enqueue(sql, &event)?;
        written.push(event);
    }
    let mut customers = Vec::new();
    for notice in notices {
        if super::outbox::enqueue_notice(sql, &written[notice.event], &notice)? > 0 {
            queued += 1;
            customers.push(notice.to);
        }
    }
    Ok(Applied {
        ticket,
        events: written,
        queued,
        customers,
    })
}
