//! Mail kept on the server.

use anyhow::Result;
use postgres::GenericClient;

use super::sql::Sql;
use crate::store::mail::{KeptMail, NewMail, Undeliverable};
use crate::store::record::{self, NAMES};

const COLUMNS: &str = "id, message_id, ticket_id, event_id, at, sender, cc, subject, filed, note, \
     coalesce(length(raw), 0)::bigint";

pub(super) fn find(
    sql: &mut Sql<impl GenericClient>,
    message_id: &str,
) -> Result<Option<KeptMail>> {
    Ok(sql
        .all(
            &format!("SELECT {COLUMNS} FROM messages WHERE message_id = $1"),
            &[&message_id],
            |c| record::kept_mail(c),
        )?
        .pop())
}

pub(super) fn of_ticket(
    sql: &mut Sql<impl GenericClient>,
    ticket: Option<i64>,
) -> Result<Vec<KeptMail>> {
    // Spelled apart so that a ticket's mail is read through its index.
    match ticket {
        Some(id) => sql.all(
            &format!("SELECT {COLUMNS} FROM messages WHERE ticket_id = $1 ORDER BY id"),
            &[&id],
            |c| record::kept_mail(c),
        ),
        None => sql.all(
            &format!("SELECT {COLUMNS} FROM messages WHERE ticket_id IS NULL ORDER BY id"),
            &[],
            |c| record::kept_mail(c),
        ),
    }
}

pub(super) fn insert(sql: &mut Sql<impl GenericClient>, m: &NewMail) -> Result<i64> {
    let row = sql.one(
        "INSERT INTO messages (message_id, ticket_id, event_id, at, sender, cc, subject, filed, note, raw)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        &[
            &m.message_id,
            &m.ticket,
            &m.event,
            &m.at.timestamp(),
            &m.sender,
            &m.cc.join(NAMES),
            &m.subject,
            &m.filed.as_str(),
            &m.note,
            &m.raw,
        ],
    )?;
    Ok(row.try_get(0)?)
}

pub(super) fn mark(
    sql: &mut Sql<impl GenericClient>,
    address: &str,
    bounced: Option<(i64, &str)>,
) -> Result<()> {
    match bounced {
        Some((at, reason)) => sql.execute(
            "INSERT INTO undeliverable (address, since, reason) VALUES ($1, $2, $3)
             ON CONFLICT (address) DO UPDATE SET since = excluded.since, reason = excluded.reason",
            &[&address, &at, &reason],
        )?,
        None => sql.execute("DELETE FROM undeliverable WHERE address = $1", &[&address])?,
    };
    Ok(())
}

pub(super) fn undeliverable(
    sql: &mut Sql<impl GenericClient>,
    address: &str,
) -> Result<Option<Undeliverable>> {
    Ok(sql
        .all(
            "SELECT address, since, reason FROM undeliverable WHERE address = $1",
            &[&address],
            |c| record::undeliverable(c),
        )?
        .pop())
}

pub(super) fn undeliverables(sql: &mut Sql<impl GenericClient>) -> Result<Vec<Undeliverable>> {
    sql.all(
        "SELECT address, since, reason FROM undeliverable ORDER BY address",
        &[],
        |c| record::undeliverable(c),
    )
}

pub(super) fn raw(sql: &mut Sql<impl GenericClient>, id: i64) -> Result<Option<Vec<u8>>> {
    Ok(sql
        .opt("SELECT raw FROM messages WHERE id = $1", &[&id])?
        .and_then(|row| row.try_get::<_, Option<Vec<u8>>>(0).ok().flatten()))
}
