//! The queue's ledger of recurring tickets, in a queue file.

use anyhow::Result;
use rusqlite::{Connection, params};

use crate::recurrence::Occurrence;
use crate::store::record;

/// Keep `o` unless the ledger holds its schedule's occurrence already:
/// whether this call kept it.
pub(super) fn claim(conn: &Connection, o: &Occurrence) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO occurrences (schedule, occurrence, ticket_id, at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (schedule, occurrence) DO NOTHING",
        )?
        .execute(params![
            o.schedule,
            o.occurrence,
            o.ticket,
            o.at.timestamp()
        ])?
        == 1)
}

pub(super) fn opened(
    conn: &Connection,
    schedule: &str,
    occurrence: &str,
    ticket: i64,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE occurrences SET ticket_id = ?3 WHERE schedule = ?1 AND occurrence = ?2",
    )?
    .execute(params![schedule, occurrence, ticket])?;
    Ok(())
}

pub(super) fn all(conn: &Connection) -> Result<Vec<Occurrence>> {
    let mut stmt = conn.prepare_cached(
        "SELECT schedule, occurrence, ticket_id, at FROM occurrences ORDER BY schedule, occurrence",
    )?;
    let rows = stmt
        .query_map([], super::cells::mapped(|c| record::occurrence(c)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
