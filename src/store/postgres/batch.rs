//! Many rows in one statement: each column bound as one array and the
//! rows taken back apart by `unnest`, so a tick writing a thousand tickets
//! sends a handful of statements, not thousands, and the statement's text
//! (prepared once) does not depend on how many rows there are.

use postgres::types::ToSql;

use crate::store::record::Cell;

/// How PostgreSQL keeps a column of esc's schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Text,
    Flag,
}

/// Whole numbers (times are unix seconds) and yes-or-no columns, by name,
/// across the tables; every other column is text.
fn kind(column: &str) -> Kind {
    const INTS: &[&str] = &[
        "id",
        "ticket_id",
        "event_id",
        "ticket_opened_at",
        "cycle",
        "at",
        "due_at",
        "opened_at",
        "updated_at",
        "level_since",
        "last_escalated_at",
        "first_response_at",
        "last_response_at",
        "last_contact_at",
        "contact_attempts",
        "pending_since",
        "resolved_at",
        "csat",
        "next_due_at",
        "sla_due_at",
        "breached_at",
        "esc_count",
        "esc_functional",
        "esc_hierarchical",
        "esc_automatic",
        "transfers",
        "reopens",
        "breaches",
        "warnings",
        "fr_secs",
        "fr_business_secs",
        "res_secs",
        "res_business_secs",
        "queued_at",
        "next_attempt_at",
        "merged_into",
        "parent",
    ];
    match column {
        "automatic" | "urgent" => Kind::Flag,
        c if INTS.contains(&c) => Kind::Int,
        _ => Kind::Text,
    }
}

/// One column's values.
enum Array {
    Ints(Vec<Option<i64>>),
    Texts(Vec<Option<String>>),
    Flags(Vec<bool>),
}

/// Rows bound as one array per column.
pub(super) struct Arrays {
    names: Vec<&'static str>,
    columns: Vec<Array>,
    rows: usize,
}

impl Arrays {
    pub(super) fn new(names: Vec<&'static str>) -> Arrays {
        let columns = names
            .iter()
            .map(|n| match kind(n) {
                Kind::Int => Array::Ints(Vec::new()),
                Kind::Text => Array::Texts(Vec::new()),
                Kind::Flag => Array::Flags(Vec::new()),
            })
            .collect();
        Arrays {
            names,
            columns,
            rows: 0,
        }
    }

    /// Add a row: one cell per column, in the order of the names.
    pub(super) fn push(&mut self, row: impl IntoIterator<Item = Cell>) {
        let mut n = 0;
        for (column, cell) in self.columns.iter_mut().zip(row) {
            n += 1;
            match (column, cell) {
                (Array::Ints(v), Cell::Int(i)) => v.push(Some(i)),
                (Array::Ints(v), Cell::Null) => v.push(None),
                (Array::Texts(v), Cell::Text(s)) => v.push(Some(s)),
                (Array::Texts(v), Cell::Null) => v.push(None),
                (Array::Flags(v), Cell::Flag(b)) => v.push(b),
                (_, cell) => panic!(
                    "esc's schema keeps `{}` otherwise than as {cell:?}",
                    self.names[n - 1]
                ),
            }
        }
        assert_eq!(n, self.names.len(), "a row has a cell per column");
        self.rows += 1;
    }

    pub(super) fn is_empty(&self) -> bool {
        self.rows == 0
    }

    pub(super) fn names(&self) -> String {
        self.names.join(", ")
    }

    /// `unnest($1::bigint[], $2::text[], ...) AS alias(names...)`.
    pub(super) fn unnest(&self, alias: &str) -> String {
        let arrays: Vec<String> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let ty = match c {
                    Array::Ints(_) => "bigint",
                    Array::Texts(_) => "text",
                    Array::Flags(_) => "boolean",
                };
                format!("${}::{ty}[]", i + 1)
            })
            .collect();
        format!("unnest({}) AS {alias}({})", arrays.join(", "), self.names())
    }

    pub(super) fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.columns
            .iter()
            .map(|c| match c {
                Array::Ints(v) => v as &(dyn ToSql + Sync),
                Array::Texts(v) => v as &(dyn ToSql + Sync),
                Array::Flags(v) => v as &(dyn ToSql + Sync),
            })
            .collect()
    }
}
