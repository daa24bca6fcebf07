//! The queries behind `esc report`: one pass over the tickets opened in a
//! window, and counts of status changes and events, all through indexes.

use anyhow::Result;
use rusqlite::types::Value;

use super::{Cols, STATS_COLUMNS, Store, stats_from_cols};
use crate::clock::{Instant, from_unix};
use crate::stats::Stats;
use crate::ticket::Status;

/// A field a report can group tickets by (their current value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupBy {
    Team,
    Level,
    Category,
    Channel,
    Priority,
    Tier,
    Assignee,
    RootCause,
    Customer,
}

impl GroupBy {
    fn column(self) -> &'static str {
        match self {
            GroupBy::Team => "team",
            GroupBy::Level => "level",
            GroupBy::Category => "category",
            GroupBy::Channel => "channel",
            GroupBy::Priority => "priority",
            GroupBy::Tier => "tier",
            GroupBy::Assignee => "assignee",
            GroupBy::RootCause => "root_cause",
            GroupBy::Customer => "customer",
        }
    }

    /// The group key as SQL over the `tickets` table aliased `t`.
    pub(super) fn key(by: Option<GroupBy>) -> String {
        by.map_or_else(|| "NULL".to_string(), |b| format!("t.{}", b.column()))
    }
}

/// What a report needs of one ticket.
pub struct CohortRow {
    pub key: Option<String>,
    pub opened_at: Instant,
    pub status: Status,
    pub csat: Option<u8>,
    pub root_cause: Option<String>,
    pub stats: Stats,
}

impl Store {
    /// Each ticket opened in `[since, until)`, in no particular order,
    /// streamed: memory does not grow with the window.
    pub fn cohort(
        &self,
        since: Instant,
        until: Instant,
        by: Option<GroupBy>,
        with_names: bool,
        mut each: impl FnMut(CohortRow),
    ) -> Result<()> {
        // Who handled, escalated and resolved each ticket is read only when
        // asked for: those strings are much of the cost of a row.
        let columns = if with_names {
            STATS_COLUMNS.to_string()
        } else {
            STATS_COLUMNS.replace("handlers, escalated_by, resolved_by", "'', '', NULL")
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {} AS key, t.opened_at, t.status, t.csat, t.root_cause, {columns}
             FROM tickets t WHERE t.opened_at >= ?1 AND t.opened_at < ?2",
            GroupBy::key(by)
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
                stats: stats_from_cols(&mut c)?,
            });
        }
        Ok(())
    }

    /// Per group: tickets opened before `before`.
    pub fn opened_before(
        &self,
        before: Instant,
        by: Option<GroupBy>,
    ) -> Result<Vec<(Option<String>, u64)>> {
        let sql = format!(
            "SELECT {} AS key, count(*) FROM tickets t WHERE t.opened_at < ?1{}",
            GroupBy::key(by),
            group(by)
        );
        self.grouped(&sql, vec![Value::Integer(before.timestamp())])
    }

    /// Per group: tickets opened before `opened_before` and not resolved at
    /// `at`, judged by their current state (a ticket resolved before `at`
    /// and reopened after it counts as open). For grouped reports, where the
    /// exact count from the log would join every resolution to its ticket.
    pub fn open_at(
        &self,
        at: Instant,
        opened_before: Instant,
        by: GroupBy,
    ) -> Result<Vec<(Option<String>, u64)>> {
        let sql = format!(
            "SELECT {} AS key, count(*) FROM tickets t
             WHERE t.opened_at < ?1 AND (t.status <> 'resolved' OR t.resolved_at >= ?2) GROUP BY key",
            GroupBy::key(Some(by))
        );
        self.grouped(
            &sql,
            vec![
                Value::Integer(opened_before.timestamp()),
                Value::Integer(at.timestamp()),
            ],
        )
    }

    /// Per group: status changes into (`into` true) or out of resolved in
    /// `[since, until)`, on tickets opened before `opened_before` if given.
    pub fn resolutions(
        &self,
        into: bool,
        since: Option<Instant>,
        until: Instant,
        opened_before: Option<Instant>,
        by: Option<GroupBy>,
    ) -> Result<Vec<(Option<String>, u64)>> {
        let side = if into { "to_status" } else { "from_status" };
        // Ungrouped, the index on (status, at, ticket_opened_at) answers alone.
        let mut sql = format!("SELECT {} AS key, count(*) FROM events e", GroupBy::key(by));
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
        self.grouped(&sql, params)
    }

    fn grouped(&self, sql: &str, params: Vec<Value>) -> Result<Vec<(Option<String>, u64)>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// When each event of `kind` took effect (its due instant for automatic
    /// ones) in `[since, until)`, streamed.
    pub fn event_times(
        &self,
        kind: crate::event::EventKind,
        since: Instant,
        until: Instant,
        mut each: impl FnMut(Instant),
    ) -> Result<()> {
        // An event applied late still counts on the day it was due; it was
        // applied at or after it, so the index range on `at` starts at `since`.
        let mut stmt = self.conn.prepare_cached(
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
}

/// `GROUP BY key` when grouped; nothing otherwise, which spares a sort.
fn group(by: Option<GroupBy>) -> String {
    if by.is_some() {
        " GROUP BY key".into()
    } else {
        String::new()
    }
}
