//! The reads behind `esc list` and `esc tick` on the server.

use anyhow::Result;
use postgres::GenericClient;

use super::rows::{Cols, Param, Sql};
use crate::clock::Instant;
use crate::lifecycle::Urgency;
use crate::store::TicketFilter;
use crate::store::record::{self, Cell, TICKET_COLUMNS};
use crate::store::urgency::{self, Block, Column, Sla};
use crate::ticket::{Ticket, TicketId};

/// Tickets with automatic work due by `now`, and tickets whose due times
/// were computed under another policy (`digest`), each from an index.
pub(super) fn due_tickets(
    sql: &mut Sql<impl GenericClient>,
    now: Instant,
    digest: &str,
) -> Result<Vec<TicketId>> {
    let rows = sql.query(
        "SELECT id FROM tickets WHERE next_due_at <= $1
         UNION SELECT id FROM tickets WHERE due_digest < $2
         UNION SELECT id FROM tickets WHERE due_digest > $2
         UNION SELECT id FROM tickets WHERE recheck
         ORDER BY id",
        &[&now.timestamp(), &digest],
    )?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// The WHERE clause (or nothing) and its parameters for `filter`.
fn condition(filter: &TicketFilter, params: &mut Vec<Cell>) -> String {
    let mut clauses: Vec<String> = Vec::new();
    let mark = |params: &mut Vec<Cell>, value: Cell| {
        params.push(value);
        format!("${}", params.len())
    };
    if !filter.statuses.is_empty() {
        let marks: Vec<String> = filter
            .statuses
            .iter()
            .map(|s| mark(params, Cell::Text(s.as_str().into())))
            .collect();
        clauses.push(format!("status IN ({})", marks.join(", ")));
    }
    for (column, value) in [
        ("team", &filter.team),
        ("level", &filter.level),
        ("assignee", &filter.assignee),
        ("priority", &filter.priority),
        ("category", &filter.category),
        ("customer", &filter.customer),
    ] {
        if let Some(v) = value {
            let m = mark(params, Cell::Text(v.clone()));
            clauses.push(format!("{column} = {m}"));
        }
    }
    if filter.unassigned {
        clauses.push("assignee IS NULL".into());
    }
    if let Some(parent) = filter.parent {
        let m = mark(params, Cell::Int(parent));
        clauses.push(format!("parent = {m}"));
    }
    if let Some(part) = &filter.customer_contains {
        let m = mark(params, Cell::Text(part.clone()));
        clauses.push(format!("strpos(lower(customer), lower({m})) > 0"));
    }
    if let Some(text) = &filter.search {
        // Each word in the ticket's own text or in any note of its, as the
        // indexes of schema 2 spell them (stop words already left out:
        // `with_words`).
        for word in crate::store::words(text) {
            let m = mark(params, Cell::Text(word.to_string()));
            clauses.push(format!(
                "id IN (SELECT id FROM tickets
                        WHERE to_tsvector('english'::regconfig,
                                          title || ' ' || description || ' ' || customer)
                              @@ plainto_tsquery('english', {m})
                        UNION SELECT ticket_id FROM events
                        WHERE reason IS NOT NULL AND NOT automatic
                          AND to_tsvector('english'::regconfig, reason)
                              @@ plainto_tsquery('english', {m}))"
            ));
        }
    }
    if let Some(tag) = &filter.tag {
        let m = mark(params, Cell::Text(tag.clone()));
        clauses.push(format!("strpos(' ' || tags || ' ', ' ' || {m} || ' ') > 0"));
    }
    if let Some(now) = filter.breached_at {
        let m = mark(params, Cell::Int(now.timestamp()));
        clauses.push(format!("(breached_at IS NOT NULL OR sla_due_at <= {m})"));
    }
    if let Some(by) = filter.sla_due_by {
        let m = mark(params, Cell::Int(by.timestamp()));
        clauses.push(format!("sla_due_at <= {m}"));
    }
    if let Some((since, until)) = filter.opened_in {
        let a = mark(params, Cell::Int(since.timestamp()));
        let b = mark(params, Cell::Int(until.timestamp()));
        clauses.push(format!("opened_at >= {a} AND opened_at < {b}"));
    }
    if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    }
}

/// `filter` with only the search words the `english` configuration keeps:
/// a stop word (`the`, `is`) has no lexeme, and asked for alone it would
/// match nothing. With none left, the search asks for nothing.
fn with_words(sql: &mut Sql<impl GenericClient>, filter: &TicketFilter) -> Result<TicketFilter> {
    let mut filter = filter.clone();
    if let Some(text) = filter.search.take() {
        let words: Vec<String> = crate::store::words(&text).map(str::to_string).collect();
        let kept = sql.query(
            "SELECT w FROM unnest($1::text[]) WITH ORDINALITY AS u(w, n)
             WHERE numnode(plainto_tsquery('english', w)) > 0 ORDER BY n",
            &[&words],
        )?;
        let kept: Vec<String> = kept.iter().map(|r| r.get(0)).collect();
        filter.search = (!kept.is_empty()).then(|| kept.join(" "));
    }
    Ok(filter)
}

/// The ids of the tickets `filter` lets through, lowest first.
pub(super) fn ticket_ids(
    sql: &mut Sql<impl GenericClient>,
    filter: &TicketFilter,
) -> Result<Vec<TicketId>> {
    let filter = &with_words(sql, filter)?;
    let mut values = Vec::new();
    let condition = condition(filter, &mut values);
    let params: Vec<Param> = values.iter().map(|v| v as Param).collect();
    let rows = sql.query(
        &format!("SELECT id FROM tickets {condition} ORDER BY id"),
        &params,
    )?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// The tickets the filter lets through, most urgent first, at most
/// `limit` of them, and how many there are in all, in one statement.
pub(super) fn tickets(
    sql: &mut Sql<impl GenericClient>,
    filter: &TicketFilter,
    order: &Urgency,
    limit: Option<usize>,
) -> Result<(Vec<Ticket>, u64)> {
    if let Some(limit) = limit.filter(|_| urgency::serves(filter, order, limit)) {
        let total = counted(sql, filter)?;
        let blocks = Blocks(std::cell::RefCell::new(sql));
        let page = urgency::first_page(
            &blocks,
            &filter.statuses,
            filter.breached_at.is_some(),
            order,
            limit,
        )?;
        return Ok((page, total.max(0) as u64));
    }
    let filter = &with_words(sql, filter)?;
    let mut values = Vec::new();
    let wanted = condition(filter, &mut values);
    values.push(Cell::Int(order.now.timestamp()));
    let now = values.len();
    let priority = rank("priority", &order.priorities, &mut values);
    let level = rank("level", &order.levels, &mut values);
    let category = rank("category", &order.categories, &mut values);
    values.push(limit.map_or(Cell::Null, |l| Cell::Int(l as i64)));
    let mark = values.len();
    let params: Vec<Param> = values.iter().map(|v| v as Param).collect();
    // The total rides along on every row (a window over the filtered set),
    // so a remote server answers in one round trip.
    let rows = sql.query(
        &format!(
            "SELECT {TICKET_COLUMNS}, count(*) OVER () FROM tickets {wanted}
             ORDER BY CASE status WHEN 'open' THEN 0 WHEN 'pending' THEN 1
                                  WHEN 'awaiting-signoff' THEN 2 ELSE 3 END,
                      breached_at IS NULL AND (sla_due_at IS NULL OR sla_due_at > ${now}),
                      {priority}, sla_due_at IS NULL, sla_due_at, {level} DESC, {category},
                      opened_at, id
             LIMIT ${mark}"
        ),
        &params,
    )?;
    let mut total = 0;
    let mut tickets = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut c = Cols::new(row);
        tickets.push(record::ticket(&mut c)?);
        total = c.get::<i64>()?;
    }
    if limit == Some(0) {
        // No row carries the count.
        let mut values = Vec::new();
        let wanted = condition(filter, &mut values);
        let params: Vec<Param> = values.iter().map(|v| v as Param).collect();
        total = sql
            .one(&format!("SELECT count(*) FROM tickets {wanted}"), &params)?
            .get(0);
    }
    Ok((tickets, total.max(0) as u64))
}

/// How many tickets a filter of statuses (and perhaps breaches) lets
/// through, counted on the urgency index: the breached ones, and the few
/// unbreached ones with a clock past due, each a range of it.
fn counted(sql: &mut Sql<impl GenericClient>, filter: &TicketFilter) -> Result<i64> {
    let mut values: Vec<Cell> = filter
        .statuses
        .iter()
        .map(|s| Cell::Text(s.as_str().into()))
        .collect();
    let statuses = if values.is_empty() {
        "TRUE".to_string()
    } else {
        let marks: Vec<String> = (1..=values.len()).map(|i| format!("${i}")).collect();
        format!("status IN ({})", marks.join(", "))
    };
    let breach = "((breached_at IS NOT NULL)::integer::bigint)";
    let text = match filter.breached_at {
        None => format!("SELECT count(*) FROM tickets WHERE {statuses}"),
        Some(at) => {
            values.push(Cell::Int(at.timestamp()));
            format!(
                "SELECT (SELECT count(*) FROM tickets WHERE {statuses} AND {breach} = 1)
                      + (SELECT count(*) FROM tickets
                         WHERE {statuses} AND {breach} = 0 AND sla_due_at <= ${})",
                values.len()
            )
        }
    };
    let params: Vec<Param> = values.iter().map(|v| v as Param).collect();
    Ok(sql.one(&text, &params)?.get(0))
}

/// A rank from a list of values: CASE column WHEN $n THEN 0 ... ELSE n.
fn rank(column: &str, ranked: &[String], values: &mut Vec<Cell>) -> String {
    let whens: String = ranked
        .iter()
        .enumerate()
        .map(|(i, v)| {
            values.push(Cell::Text(v.clone()));
            format!(" WHEN ${} THEN {i}", values.len())
        })
        .collect();
    if whens.is_empty() {
        "0".to_string()
    } else {
        format!("CASE {column}{whens} ELSE {} END", ranked.len())
    }
}

/// The blocks of `store::urgency`, each through `tickets_by_urgency`.
struct Blocks<'s, 'a, C: GenericClient>(std::cell::RefCell<&'s mut Sql<'a, C>>);

/// The WHERE clause of a block, spelled as the index is (schema 5),
/// adding its parameters to `values`.
fn block_condition(block: &Block, values: &mut Vec<Cell>) -> String {
    let mut mark = |value: Cell| {
        values.push(value);
        format!("${}", values.len())
    };
    let mut clauses = vec![
        format!(
            "status = {}",
            mark(Cell::Text(block.status.as_str().into()))
        ),
        format!(
            "((breached_at IS NOT NULL)::integer::bigint) = {}",
            mark(Cell::Int(block.breached.into()))
        ),
    ];
    if let Some(p) = block.priority {
        clauses.push(format!("priority = {}", mark(Cell::Text(p.into()))));
    }
    match block.sla {
        Sla::Any => {}
        Sla::Running => clauses.push("sla_due_at IS NOT NULL".into()),
        Sla::DueBy(at) => {
            clauses.push(format!("sla_due_at <= {}", mark(Cell::Int(at.timestamp()))))
        }
        Sla::DueAfter(at) => {
            clauses.push(format!("sla_due_at > {}", mark(Cell::Int(at.timestamp()))))
        }
        Sla::None => clauses.push("sla_due_at IS NULL".into()),
    }
    for (column, value) in [("level", block.level), ("category", block.category)] {
        if let Some(v) = value {
            clauses.push(format!("{column} = {}", mark(Cell::Text(v.into()))));
        }
    }
    clauses.join(" AND ")
}

impl<C: GenericClient> urgency::Blocks for Blocks<'_, '_, C> {
    fn next_value(
        &self,
        block: &Block,
        column: Column,
        after: Option<&str>,
    ) -> Result<Option<String>> {
        let column = column.name();
        let mut values = Vec::new();
        let condition = block_condition(block, &mut values);
        let above = match after {
            Some(v) => {
                values.push(Cell::Text(v.into()));
                format!("AND {column} > ${}", values.len())
            }
            None => String::new(),
        };
        let params: Vec<Param> = values.iter().map(|v| v as Param).collect();
        let row = self.0.borrow_mut().opt(
            &format!(
                "SELECT {column} FROM tickets WHERE {condition} {above} ORDER BY {column} LIMIT 1"
            ),
            &params,
        )?;
        Ok(row.map(|r| r.get(0)))
    }

    fn most_urgent(&self, block: &Block, order: &Urgency, limit: usize) -> Result<Vec<Ticket>> {
        let mut values = Vec::new();
        let condition = block_condition(block, &mut values);
        let sort = if block.sla == Sla::None {
            "opened_at, id".to_string()
        } else {
            // The index gives the due times in order; the server sorts
            // only the tickets due at the same second.
            let level = rank("level", &order.levels, &mut values);
            let category = rank("category", &order.categories, &mut values);
            format!("sla_due_at, {level} DESC, {category}, opened_at, id")
        };
        values.push(Cell::Int(limit as i64));
        let params: Vec<Param> = values.iter().map(|v| v as Param).collect();
        self.0.borrow_mut().all(
            &format!(
                "SELECT {TICKET_COLUMNS} FROM tickets WHERE {condition} ORDER BY {sort} LIMIT ${}",
                values.len()
            ),
            &params,
            |c| record::ticket(c),
        )
    }
}
