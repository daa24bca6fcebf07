//! The queries behind `esc report` on the server: one streamed pass over
//! the tickets opened in a window, and counts of status changes and events.

use anyhow::Result;
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, GenericClient};

use super::rows::{Cols, Param, Sql};
use crate::clock::{Instant, from_unix};
use crate::report::{CohortRow, GroupBy};
use crate::store::record::{Columns, STATS_COLUMNS, group, key, stats};
use crate::ticket::Status;

/// Each ticket opened in `[since, until)`, streamed row by row from the
/// server: memory does not grow with the window.
pub(super) fn cohort(
    client: &mut Client,
    since: Instant,
    until: Instant,
    by: Option<GroupBy>,
    with_names: bool,
    each: &mut dyn FnMut(CohortRow),
) -> Result<()> {
    let columns = if with_names {
        STATS_COLUMNS.to_string()
    } else {
        STATS_COLUMNS.replace("handlers, escalated_by, resolved_by", "'', '', NULL::text")
    };
    let sql = format!(
        "SELECT {}::text AS key, t.opened_at, t.status, t.csat, t.root_cause, {columns}
         FROM tickets t WHERE t.opened_at >= $1 AND t.opened_at < $2",
        key(by)
    );
    let params: [Param; 2] = [&since.timestamp(), &until.timestamp()];
    let mut rows = client.query_raw(&sql, params)?;
    while let Some(row) = rows.next()? {
        let mut c = Cols::new(&row);
        let (key, opened_at, status) =
            (c.get::<Option<String>>()?, from_unix(c.get()?), c.parsed()?);
        each(CohortRow {
            key,
            opened_at,
            status,
            csat: c.get::<Option<i64>>()?.and_then(|n| u8::try_from(n).ok()),
            root_cause: c.get()?,
            stats: stats(&mut c)?,
        });
    }
    Ok(())
}

/// Tickets opened in `[since, until)` under a parent: how many parents,
/// and how many tickets.
pub(super) fn cases(
    sql: &mut Sql<impl GenericClient>,
    since: Instant,
    until: Instant,
) -> Result<(u64, u64)> {
    let row = sql.one(
        "SELECT count(DISTINCT parent), count(*) FROM tickets
         WHERE parent IS NOT NULL AND opened_at >= $1 AND opened_at < $2",
        &[&since.timestamp(), &until.timestamp()],
    )?;
    let n = |i| row.get::<_, i64>(i).max(0) as u64;
    Ok((n(0), n(1)))
}

/// Per group: tickets opened before `before`.
pub(super) fn opened_before(
    sql: &mut Sql<impl GenericClient>,
    before: Instant,
    by: Option<GroupBy>,
) -> Result<Vec<(Option<String>, u64)>> {
    let text = format!(
        "SELECT {}::text AS key, count(*) FROM tickets t WHERE t.opened_at < $1{}",
        key(by),
        group(by)
    );
    grouped(sql, &text, &[&before.timestamp()])
}

/// Per group: tickets opened before `opened_before` and not resolved at `at`.
pub(super) fn open_at(
    sql: &mut Sql<impl GenericClient>,
    at: Instant,
    opened_before: Instant,
    by: GroupBy,
) -> Result<Vec<(Option<String>, u64)>> {
    let text = format!(
        "SELECT {}::text AS key, count(*) FROM tickets t
         WHERE t.opened_at < $1 AND (t.status NOT IN ('resolved', 'merged') OR t.resolved_at >= $2) GROUP BY key",
        key(Some(by))
    );
    grouped(sql, &text, &[&opened_before.timestamp(), &at.timestamp()])
}

/// Per group: changes into (`into` true) or out of `status` in
/// `[since, until)`, on tickets opened before `opened_before` if given.
pub(super) fn status_changes(
    sql: &mut Sql<impl GenericClient>,
    status: Status,
    into: bool,
    since: Option<Instant>,
    until: Instant,
    opened_before: Option<Instant>,
    by: Option<GroupBy>,
) -> Result<Vec<(Option<String>, u64)>> {
    let side = if into { "to_status" } else { "from_status" };
    let mut text = format!("SELECT {}::text AS key, count(*) FROM events e", key(by));
    if by.is_some() {
        text.push_str(" JOIN tickets t ON t.id = e.ticket_id");
    }
    text.push_str(&format!(" WHERE e.{side} = $1 AND e.at < $2"));
    let status = status.as_str();
    let until = until.timestamp();
    let since = since.map(|s| s.timestamp());
    let opened_before = opened_before.map(|o| o.timestamp());
    let mut params: Vec<Param> = vec![&status, &until];
    if let Some(s) = &since {
        params.push(s);
        text.push_str(&format!(" AND e.at >= ${}", params.len()));
    }
    if let Some(o) = &opened_before {
        params.push(o);
        text.push_str(&format!(" AND e.ticket_opened_at < ${}", params.len()));
    }
    text.push_str(&group(by));
    grouped(sql, &text, &params)
}

fn grouped(
    sql: &mut Sql<impl GenericClient>,
    text: &str,
    params: &[Param],
) -> Result<Vec<(Option<String>, u64)>> {
    Ok(sql
        .query(text, params)?
        .iter()
        .map(|r| (r.get(0), r.get::<_, i64>(1).max(0) as u64))
        .collect())
}

/// When the events of `kind` took effect in `[since, until)`, by quarter
/// hour: the earliest instant in each, and how many.
pub(super) fn event_times(
    client: &mut Client,
    kind: crate::event::EventKind,
    since: Instant,
    until: Instant,
    each: &mut dyn FnMut(Instant, u64),
) -> Result<()> {
    let params: [Param; 3] = [&kind.as_str(), &since.timestamp(), &until.timestamp()];
    // Quarters by floor division, before 1970 too: `%` and `/` truncate.
    let mut rows = client.query_raw(
        "SELECT min(t), count(*) FROM (
             SELECT coalesce(due_at, at) AS t FROM events
             WHERE kind = $1 AND at >= $2 AND coalesce(due_at, at) >= $2
               AND coalesce(due_at, at) < $3) e
         GROUP BY (t - ((t % 900) + 900) % 900) / 900",
        params,
    )?;
    while let Some(row) = rows.next()? {
        let (t, n): (i64, i64) = (row.get(0), row.get(1));
        each(from_unix(t), n.max(0) as u64);
    }
    Ok(())
}
