//! The reads behind `esc list` and `esc tick`: filtered tickets in urgency
//! order, and the tickets with work due, both through indexes.

use anyhow::Result;
use rusqlite::Connection;
use rusqlite::types::Value;

use super::rows::{TICKET_COLUMNS, ticket_from_row};
use crate::clock::Instant;
use crate::lifecycle::Urgency;
use crate::store::TicketFilter;
use crate::store::urgency::{self, Block, Column, Sla};
use crate::ticket::{Ticket, TicketId};

/// Tickets with automatic work due by `now`, and tickets whose due
/// times were computed under another policy (`digest`, 16 hex digits).
/// Both come from indexes: the cost follows the work, not the queue.
pub(super) fn due_tickets(conn: &Connection, now: Instant, digest: &str) -> Result<Vec<TicketId>> {
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
        let mut stmt = conn.prepare_cached(sql)?;
        for id in stmt.query_map([value], |r| r.get::<_, TicketId>(0))? {
            ids.insert(id?);
        }
    }
    Ok(ids.into_iter().collect())
}

/// The WHERE clause (or nothing) and its parameters for `filter`.
fn condition(filter: &TicketFilter) -> (String, Vec<Value>) {
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
    if let Some(parent) = filter.parent {
        clauses.push("parent = ?".into());
        params.push(Value::Integer(parent));
    }
    if let Some(part) = &filter.customer_contains {
        // SQLite's lower() folds ASCII letters only.
        clauses.push("instr(lower(customer), lower(?)) > 0".into());
        params.push(Value::Text(part.clone()));
    }
    if let Some(text) = &filter.search {
        // Each word in the ticket's own text or in any note of its: a
        // ticket's words are spread over rows of two indexes.
        for word in crate::store::words(text) {
            clauses.push(
                "id IN (SELECT rowid FROM ticket_words WHERE ticket_words MATCH ?
                        UNION SELECT ticket FROM note_words WHERE note_words MATCH ?)"
                    .into(),
            );
            // Quoted, a word is never read as FTS5's own syntax.
            let quoted = Value::Text(format!("\"{word}\""));
            params.extend([quoted.clone(), quoted]);
        }
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
    if let Some((since, until)) = filter.opened_in {
        clauses.push("opened_at >= ? AND opened_at < ?".into());
        params.push(Value::Integer(since.timestamp()));
        params.push(Value::Integer(until.timestamp()));
    }
    let condition = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (condition, params)
}

/// The ids of the tickets `filter` lets through, lowest first.
pub(super) fn ticket_ids(conn: &Connection, filter: &TicketFilter) -> Result<Vec<TicketId>> {
    let (condition, params) = condition(filter);
    let mut stmt = conn.prepare(&format!("SELECT id FROM tickets {condition} ORDER BY id"))?;
    let ids = stmt
        .query_map(rusqlite::params_from_iter(params), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ids)
}

/// The tickets the filter lets through, most urgent first, at most
/// `limit` of them, and how many there are in all.
pub(super) fn tickets(
    conn: &Connection,
    filter: &TicketFilter,
    order: &Urgency,
    limit: Option<usize>,
) -> Result<(Vec<Ticket>, u64)> {
    if let Some(limit) = limit.filter(|_| urgency::serves(filter, order, limit)) {
        let page = urgency::first_page(
            &Blocks(conn),
            &filter.statuses,
            filter.breached_at.is_some(),
            order,
            limit,
        )?;
        return Ok((page, counted(conn, filter)?));
    }
    let (condition, mut params) = condition(filter);
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM tickets {condition}"),
        rusqlite::params_from_iter(params.iter()),
        |r| r.get(0),
    )?;
    params.push(Value::Integer(order.now.timestamp()));
    let priority = rank("priority", &order.priorities, &mut params);
    let level = rank("level", &order.levels, &mut params);
    let category = rank("category", &order.categories, &mut params);
    params.push(Value::Integer(limit.map_or(-1, |l| l as i64)));
    // With a LIMIT, SQLite keeps only the best rows while it sorts.
    let mut stmt = conn.prepare(&format!(
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

/// How many tickets a filter of statuses (and perhaps breaches) lets
/// through, from the counts the triggers keep; past-due clocks that no
/// tick has recorded yet are few, and found through their own index.
fn counted(conn: &Connection, filter: &TicketFilter) -> Result<u64> {
    let statuses: Vec<Value> = filter
        .statuses
        .iter()
        .map(|s| Value::Text(s.as_str().into()))
        .collect();
    let any = statuses.is_empty();
    // After ?1 and ?2, numbered: a bare ? would take the number after ?1.
    let marks = (0..statuses.len().max(1))
        .map(|i| format!("?{}", i + 3))
        .collect::<Vec<_>>()
        .join(", ");
    let only_breached = filter.breached_at.is_some();
    let mut kept = conn.prepare_cached(&format!(
        "SELECT coalesce(sum(n), 0) FROM ticket_counts
         WHERE (?1 OR status IN ({marks})) AND (breached OR NOT ?2)"
    ))?;
    let mut params = vec![
        Value::Integer(any.into()),
        Value::Integer(only_breached.into()),
    ];
    params.extend(statuses.iter().cloned().chain(any.then_some(Value::Null)));
    let mut n: i64 = kept.query_row(rusqlite::params_from_iter(params), |r| r.get(0))?;
    if let Some(at) = filter.breached_at {
        let mut past_due = conn.prepare_cached(&format!(
            "SELECT count(*) FROM tickets INDEXED BY tickets_by_sla_due
             WHERE sla_due_at <= ?1 AND breached_at IS NULL AND (?2 OR status IN ({marks}))"
        ))?;
        let mut params = vec![Value::Integer(at.timestamp()), Value::Integer(any.into())];
        params.extend(statuses.into_iter().chain(any.then_some(Value::Null)));
        n += past_due.query_row(rusqlite::params_from_iter(params), |r| r.get::<_, i64>(0))?;
    }
    Ok(n.max(0) as u64)
}

/// A rank from a list of values: CASE column WHEN ? THEN 0 ... ELSE n.
fn rank(column: &str, values: &[String], params: &mut Vec<Value>) -> String {
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
}

/// The blocks of `store::urgency`, each through `tickets_by_urgency`,
/// named: SQLite's planner, counting rows it cannot see, would rather
/// walk all open tickets by `tickets_by_status` and sort them.
struct Blocks<'c>(&'c Connection);

/// The WHERE clause of a block and its parameters, spelled as the index
/// is.
fn block_condition(block: &Block) -> (String, Vec<Value>) {
    let mut clauses = vec!["status = ?", "(breached_at IS NOT NULL) = ?"];
    let mut params = vec![
        Value::Text(block.status.as_str().into()),
        Value::Integer(block.breached.into()),
    ];
    if let Some(p) = block.priority {
        clauses.push("priority = ?");
        params.push(Value::Text(p.into()));
    }
    match block.sla {
        Sla::Any => {}
        Sla::Running => clauses.push("sla_due_at IS NOT NULL"),
        Sla::DueBy(at) => {
            clauses.push("sla_due_at <= ?");
            params.push(Value::Integer(at.timestamp()));
        }
        Sla::DueAfter(at) => {
            clauses.push("sla_due_at > ?");
            params.push(Value::Integer(at.timestamp()));
        }
        Sla::None => clauses.push("sla_due_at IS NULL"),
    }
    for (column, value) in [("level = ?", block.level), ("category = ?", block.category)] {
        if let Some(v) = value {
            clauses.push(column);
            params.push(Value::Text(v.into()));
        }
    }
    (clauses.join(" AND "), params)
}

impl urgency::Blocks for Blocks<'_> {
    fn next_value(
        &self,
        block: &Block,
        column: Column,
        after: Option<&str>,
    ) -> Result<Option<String>> {
        let column = column.name();
        let (condition, mut params) = block_condition(block);
        let above = match after {
            Some(v) => {
                params.push(Value::Text(v.into()));
                format!("AND {column} > ?")
            }
            None => String::new(),
        };
        let mut stmt = self.0.prepare_cached(&format!(
            "SELECT {column} FROM tickets INDEXED BY tickets_by_urgency
             WHERE {condition} {above} ORDER BY {column} LIMIT 1"
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        Ok(match rows.next()? {
            Some(row) => Some(row.get(0)?),
            None => None,
        })
    }

    fn most_urgent(&self, block: &Block, order: &Urgency, limit: usize) -> Result<Vec<Ticket>> {
        let (condition, mut params) = block_condition(block);
        let sort = if block.sla == Sla::None {
            "opened_at, id".to_string()
        } else {
            // The index gives the due times in order; SQLite sorts only
            // the tickets due at the same second.
            let level = rank("level", &order.levels, &mut params);
            let category = rank("category", &order.categories, &mut params);
            format!("sla_due_at, {level} DESC, {category}, opened_at, id")
        };
        params.push(Value::Integer(limit as i64));
        let mut stmt = self.0.prepare_cached(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets INDEXED BY tickets_by_urgency
             WHERE {condition} ORDER BY {sort} LIMIT ?"
        ))?;
        let tickets = stmt
            .query_map(rusqlite::params_from_iter(params), ticket_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(tickets)
    }
}
