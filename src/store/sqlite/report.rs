//! The queries behind `esc report`: one pass over the tickets opened in a
//! window, and counts of status changes and events, all through indexes.

use anyhow::Result;
use rusqlite::types::Value;

use rusqlite::{Connection, OptionalExtension};

use super::rows::Cols;
use crate::clock::{Instant, from_unix};
use crate::report::{CohortRow, GroupBy};
use crate::store::record::{Columns, STATS_COLUMNS, group, key, stats};
use crate::ticket::Status;

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
    let mut stmt = conn.prepare(&cohort_sql(by, with_names))?;
    let mut rows = stmt.query([since.timestamp(), until.timestamp()])?;
    while let Some(row) = rows.next()? {
        let mut c = Cols::new(row);
        let (key, opened_at, status) = (c.get()?, from_unix(c.get()?), c.parsed()?);
        each(CohortRow {
            key,
            opened_at,
            status,
            csat: c.get()?,
            root_cause: c.get()?,
            stats: stats(&mut c)?,
        });
    }
    Ok(())
}

/// What `cohort` reads: each ticket opened in `[?1, ?2)`, by the index
/// that covers these columns. Public for the benchmark's floor, which
/// reads the same rows to show what SQLite alone takes.
pub fn cohort_sql(by: Option<GroupBy>, with_names: bool) -> String {
    // Who handled, escalated and resolved each ticket is read only when
    // asked for: those strings are much of the cost of a row.
    let columns = if with_names {
        STATS_COLUMNS.to_string()
    } else {
        STATS_COLUMNS.replace("handlers, escalated_by, resolved_by", "'', '', NULL")
    };
    format!(
        "SELECT {} AS key, t.opened_at, t.status, t.csat, t.root_cause, {columns}
         FROM tickets t WHERE t.opened_at >= ?1 AND t.opened_at < ?2",
        key(by)
    )
}

/// Tickets opened in `[since, until)` under a parent: how many parents,
/// and how many tickets, read from the index of children alone.
pub(super) fn cases(conn: &Connection, since: Instant, until: Instant) -> Result<(u64, u64)> {
    let (parents, children): (i64, i64) = conn
        .prepare_cached(
            "SELECT count(DISTINCT parent), count(*) FROM tickets INDEXED BY tickets_by_parent
             WHERE parent IS NOT NULL AND opened_at >= ?1 AND opened_at < ?2",
        )?
        .query_row([since.timestamp(), until.timestamp()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok((parents.max(0) as u64, children.max(0) as u64))
}

/// Per group: tickets opened before `before`.
pub(super) fn opened_before(
    conn: &Connection,
    before: Instant,
    by: Option<GroupBy>,
) -> Result<Vec<(Option<String>, u64)>> {
    if by.is_none() {
        // All tickets, from the counts the triggers keep, less those opened
        // since: a range as long as the time after `before`.
        let n: i64 = conn.query_row(
            "SELECT (SELECT coalesce(sum(n), 0) FROM ticket_counts)
                  - (SELECT count(*) FROM tickets WHERE opened_at >= ?1)",
            [before.timestamp()],
            |r| r.get(0),
        )?;
        return Ok(vec![(None, n.max(0) as u64)]);
    }
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
         WHERE t.opened_at < ?1 AND (t.status NOT IN ('resolved', 'merged') OR t.resolved_at >= ?2) GROUP BY key",
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

/// Per group: changes into (`into` true) or out of `status` in
/// `[since, until)`, on tickets opened before `opened_before` if given.
pub(super) fn status_changes(
    conn: &Connection,
    status: Status,
    into: bool,
    since: Option<Instant>,
    until: Instant,
    opened_before: Option<Instant>,
    by: Option<GroupBy>,
) -> Result<Vec<(Option<String>, u64)>> {
    let side = if into { "to_status" } else { "from_status" };
    if by.is_none()
        && since.is_none()
        && let Some(n) = since_the_start(conn, status, into, until, opened_before)?
    {
        return Ok(vec![(None, n)]);
    }
    // Ungrouped, the index on (status, at, ticket_opened_at) answers alone.
    let mut sql = format!("SELECT {} AS key, count(*) FROM events e", key(by));
    if by.is_some() {
        sql.push_str(" JOIN tickets t ON t.id = e.ticket_id");
    }
    sql.push_str(&format!(" WHERE e.{side} = ?1 AND e.at < ?2"));
    let mut params = vec![
        Value::Text(status.as_str().into()),
        Value::Integer(until.timestamp()),
    ];
    if let Some(s) = since {
        sql.push_str(" AND e.at >= ?3");
        params.push(Value::Integer(s.timestamp()));
    }
    if let Some(o) = opened_before {
        sql.push_str(&format!(" AND e.ticket_opened_at < ?{}", params.len() + 1));
        params.push(Value::Integer(o.timestamp()));
    }
    sql.push_str(&group(by));
    grouped(conn, &sql, params)
}

/// Status changes into or out of resolved before `until`, of tickets
/// opened before `opened_before` if given, since the queue began: all of
/// them, as the triggers count them, less those the answer leaves out,
/// which (every change dated after its ticket's opening) all come at or
/// after the earlier of the two instants. `None` when some change is
/// dated before its ticket's opening, and the whole log must be read.
fn since_the_start(
    conn: &Connection,
    status: Status,
    into: bool,
    until: Instant,
    opened_before: Option<Instant>,
) -> Result<Option<u64>> {
    let (side, column) = if into {
        ("to", "to_status")
    } else {
        ("from", "from_status")
    };
    let kept: Option<(i64, i64)> = conn
        .prepare_cached("SELECT n, early FROM status_changes WHERE side = ?1 AND status = ?2")?
        .query_row([side, status.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (all, early) = kept.unwrap_or((0, 0));
    if early > 0 {
        return Ok(None);
    }
    let until = until.timestamp();
    let opened = opened_before.map_or(i64::MAX, |o| o.timestamp());
    let left_out: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM events
             WHERE {column} = ?3 AND at >= min(?1, ?2)
               AND (at >= ?1 OR ticket_opened_at >= ?2)"
        ))?
        .query_row(rusqlite::params![until, opened, status.as_str()], |r| {
            r.get(0)
        })?;
    Ok(Some((all - left_out).max(0) as u64))
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

/// When the events of `kind` took effect in `[since, until)`, by quarter
/// hour: the earliest instant in each, and how many. Escalations and
/// breaches come from the quarters the triggers keep, but for the two a
/// window's ends cut, read from the events.
pub(super) fn event_times(
    conn: &Connection,
    kind: crate::event::EventKind,
    since: Instant,
    until: Instant,
    each: &mut dyn FnMut(Instant, u64),
) -> Result<()> {
    use crate::event::EventKind;
    const QUARTER: i64 = 900;
    let (since, until) = (since.timestamp(), until.timestamp());
    if until <= since {
        return Ok(());
    }
    // A literal, so that the kind's partial index serves; it is named, or
    // SQLite would rather read every event of the kind.
    let Some((literal, index)) = (match kind {
        EventKind::Escalated => Some(("'escalated'", "escalations_by_effect")),
        EventKind::Breached => Some(("'breached'", "breaches_by_effect")),
        _ => None,
    }) else {
        return every_event(conn, kind, since, until, each);
    };
    let mut part = |from: i64, to: i64| -> Result<()> {
        let (first, n): (Option<i64>, i64) = conn
            .prepare_cached(&format!(
                "SELECT min(coalesce(due_at, at)), count(*) FROM events INDEXED BY {index}
                 WHERE kind = {literal} AND coalesce(due_at, at) >= ?1
                   AND coalesce(due_at, at) < ?2"
            ))?
            .query_row([from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if let Some(first) = first.filter(|_| n > 0) {
            each(from_unix(first), n as u64);
        }
        Ok(())
    };
    let (first, last) = (since.div_euclid(QUARTER), (until - 1).div_euclid(QUARTER));
    if first == last {
        return part(since, until);
    }
    part(since, (first + 1) * QUARTER)?;
    part(last * QUARTER, until)?;
    let mut stmt = conn.prepare_cached(
        "SELECT first, n FROM event_quarters WHERE kind = ?1 AND quarter > ?2 AND quarter < ?3",
    )?;
    let mut rows = stmt.query(rusqlite::params![kind.as_str(), first, last])?;
    while let Some(row) = rows.next()? {
        each(from_unix(row.get(0)?), row.get::<_, i64>(1)?.max(0) as u64);
    }
    Ok(())
}

/// [`event_times`] from every event of `kind` in the window.
fn every_event(
    conn: &Connection,
    kind: crate::event::EventKind,
    since: i64,
    until: i64,
    each: &mut dyn FnMut(Instant, u64),
) -> Result<()> {
    // An event applied late still counts on the day it was due; it was
    // applied at or after it, so the index range on `at` starts at `since`.
    let mut stmt = conn.prepare_cached(
        "SELECT min(t), count(*) FROM (
             SELECT coalesce(due_at, at) AS t FROM events
             WHERE kind = ?1 AND at >= ?2 AND coalesce(due_at, at) >= ?2
               AND coalesce(due_at, at) < ?3)
         GROUP BY (t - ((t % 900) + 900) % 900) / 900",
    )?;
    let mut rows = stmt.query(rusqlite::params![kind.as_str(), since, until])?;
    while let Some(row) = rows.next()? {
        each(from_unix(row.get(0)?), row.get::<_, i64>(1)?.max(0) as u64);
    }
    Ok(())
}
