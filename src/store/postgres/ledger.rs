//! The queue's ledger of recurring tickets, on the server.

use anyhow::Result;
use postgres::GenericClient;

use super::sql::Sql;
use crate::recurrence::Occurrence;
use crate::store::record;

/// Keep `o` unless the ledger holds its schedule's occurrence already:
/// whether this call kept it. A tick on another host keeping it at the
/// same moment is waited for, and then it is theirs.
pub(super) fn claim(sql: &mut Sql<impl GenericClient>, o: &Occurrence) -> Result<bool> {
    Ok(sql
        .opt(
            "INSERT INTO occurrences (schedule, occurrence, ticket_id, at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (schedule, occurrence) DO NOTHING RETURNING 1",
            &[&o.schedule, &o.occurrence, &o.ticket, &o.at.timestamp()],
        )?
        .is_some())
}

pub(super) fn opened(
    sql: &mut Sql<impl GenericClient>,
    schedule: &str,
    occurrence: &str,
    ticket: i64,
) -> Result<()> {
    sql.execute(
        "UPDATE occurrences SET ticket_id = $3 WHERE schedule = $1 AND occurrence = $2",
        &[&schedule, &occurrence, &ticket],
    )?;
    Ok(())
}

pub(super) fn all(sql: &mut Sql<impl GenericClient>) -> Result<Vec<Occurrence>> {
    sql.all(
        "SELECT schedule, occurrence, ticket_id, at FROM occurrences ORDER BY schedule, occurrence",
        &[],
        |c| record::occurrence(c),
    )
}
