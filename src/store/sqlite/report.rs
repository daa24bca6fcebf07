//! The queries behind `esc report`: one pass over the tickets opened in a
//! window, and counts of status changes and events, all through indexes.

use anyhow::Result;
use rusqlite::types::Value;

use rusqlite::Connection;

use super::rows::Cols;
use crate::clock::{Instant, from_unix};
use crate::report::{CohortRow, GroupBy};
use crate::store::record::{STATS_COLUMNS, group, key, stats};

/// Each ticket opened in `[since, until)`, in no particular order,
/// streamed: memory does not grow with the window.
pub(super) fn cohort(
    conn: &Connection,
    since: Instant,
    until: Instant,
    by: Option<GroupBy>,
    with_names: bool,
    each: &mut dyn FnMut(CohortRow),
) -> Result<()> {
    // Who handled, escalated and resolved each ticket is read only when
    // asked for: those strings are much of the cost of a row.
    let columns = if with_names {
        STATS_COLUMNS.to_string()
    } else {
        STATS_COLUMNS.replace("handlers, escalated_by, resolved_by", "'', '', NULL")
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT {} AS key, t.opened_at, t.status, t.csat, t.root_cause, {columns}
         FROM tickets t WHERE t.opened_at >= ?1 AND t.opened_at < ?2",
        key(by)
    ))?;
    let mut rows = stmt.query([since.timestamp(), until.timestamp()])?;
    while let Some(row) = rows.next()? {
        let mut c = Cols::new(row);
        let (key, opened_at, status) = (c.get()?, from_unix(c.get()?), c.get::<String>()?);
        each(CohortRow {
            key,
            opened_at,
            status: status.parse().map_err(anyhow::Error::msg)?,
            csat: c.get()?,
            root_cause: c.get()?,
            stats: stats(&mut c)?,
        });
    }
    Ok(())
}

/// Per group: tickets opened before `before`.
pub(super) fn opened_before(
    conn: &Connection,
    before: Instant,
    by: Option<GroupBy>,
) -> Result<Vec<(Option<String>, u64)>> {
    let sql = format!(
        "SELECT {} AS key, count(*) FROM tickets t WHERE t.opened_at < ?1{}",
        key(by),
        group(by)
    );
    grouped(conn, &sql, vec![Value::Integer(before.timestamp())])
}

/// Per group: tickets opened before `opened_before` and not resolved at
/// `at`, judged by their current state (a ticket resolved before `at`
/// and reopened after it counts as open). For grouped reports, where the
/// exact count from the log would join every resolution to its ticket.
pub(super) fn open_at(
    conn: &Connection,
    at: Instant,
    opened_before: Instant,
    by: GroupBy,
) -> Result<Vec<(Option<String>, u64)>> {
    let sql = format!(
        "SELECT {} AS key, count(*) FROM tickets t
         WHERE t.opened_at < ?1 AND (t.status <> 'resolved' OR t.resolved_at >= ?2) GROUP BY key",
        key(Some(by))
    );
    grouped(
        conn,
        &sql,
        vec![
            Value::Integer(opened_before.timestamp()),
            Value::Integer(at.timestamp()),
        ],
    )
}

/// Per group: status changes into (`into` true) or out of resolved in
/// `[since, until)`, on tickets opened before `opened_before` if given.
pub(super) fn resolutions(
    conn: &Connection,
    into: bool,
    since: Option<Instant>,
    until: Instant,
    opened_before: Option<Instant>,
    by: Option<GroupBy>,
) -> Result<Vec<(Option<String>, u64)>> {
    let side = if into { "to_status" } else { "from_status" };
    // Ungrouped, the index on (status, at, ticket_opened_at) answers alone.
    let mut sql = format!("SELECT {} AS key, count(*) FROM events e", key(by));
    if by.is_some() {
        sql.push_str(" JOIN tickets t ON t.id = e.ticket_id");
    }
    sql.push_str(&format!(" WHERE e.{side} = 'resolved' AND e.at < ?1"));
    let mut params = vec![Value::Integer(until.timestamp())];
    if let Some(s) = since {
        sql.push_str(" AND e.at >= ?2");
        params.push(Value::Integer(s.timestamp()));
    }
    if let Some(o) = opened_before {
        sql.push_str(&format!(" AND e.ticket_opened_at < ?{}", params.len() + 1));
        params.push(Value::Integer(o.timestamp()));
    }
    sql.push_str(&group(by));
    grouped(conn, &sql, params)
}

fn grouped(conn: &Connection, sql: &str, params: Vec<Value>) -> Result<Vec<(Option<String>, u64)>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params), |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// When each event of `kind` took effect (its due instant for automatic
/// ones) in `[since, until)`, streamed.
pub(super) fn event_times(
    conn: &Connection,
    kind: crate::event::EventKind,
    since: Instant,
    until: Instant,
    each: &mut dyn FnMut(Instant),
) -> Result<()> {
    // An event applied late still counts on the day it was due; it was
    // applied at or after it, so the index range on `at` starts at `since`.
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(due_at, at) AS t FROM events
         WHERE kind = ?1 AND at >= ?2 AND coalesce(due_at, at) < ?3",
    )?;
    let mut rows = stmt.query(rusqlite::params![
        kind.as_str(),
        since.timestamp(),
        until.timestamp()
    ])?;
    while let Some(row) = rows.next()? {
        let t: i64 = row.get(0)?;
        if t >= since.timestamp() {
            each(from_unix(t));
        }
    }
    Ok(())
}
