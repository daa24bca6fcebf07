//! Mail kept in a queue file.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::store::mail::{KeptMail, NewMail, Undeliverable};
use crate::store::record::{self, NAMES};

const COLUMNS: &str = "id, message_id, ticket_id, event_id, at, sender, cc, subject, filed, note, \
     coalesce(length(raw), 0)";

fn kept(row: &Row) -> rusqlite::Result<KeptMail> {
    super::cells::mapped(|c| record::kept_mail(c))(row)
}

pub(super) fn find(conn: &Connection, message_id: &str) -> Result<Option<KeptMail>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM messages WHERE message_id = ?1"
        ))?
        .query_row(params![message_id], kept)
        .optional()?)
}

pub(super) fn of_ticket(conn: &Connection, ticket: Option<i64>) -> Result<Vec<KeptMail>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM messages WHERE ticket_id IS ?1 ORDER BY id"
    ))?;
    let rows = stmt
        .query_map(params![ticket], kept)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(super) fn insert(conn: &Connection, m: &NewMail) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO messages (message_id, ticket_id, event_id, at, sender, cc, subject, filed, note, raw)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        m.message_id,
        m.ticket,
        m.event,
        m.at.timestamp(),
        m.sender,
        m.cc.join(NAMES),
        m.subject,
        m.filed.as_str(),
        m.note,
        m.raw,
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn mark(conn: &Connection, address: &str, bounced: Option<(i64, &str)>) -> Result<()> {
    match bounced {
        Some((at, reason)) => conn
            .prepare_cached(
                "INSERT INTO undeliverable (address, since, reason) VALUES (?1, ?2, ?3)
                 ON CONFLICT (address) DO UPDATE SET since = excluded.since, reason = excluded.reason",
            )?
            .execute(params![address, at, reason])?,
        None => conn
            .prepare_cached("DELETE FROM undeliverable WHERE address = ?1")?
            .execute(params![address])?,
    };
    Ok(())
}

pub(super) fn undeliverable(conn: &Connection, address: &str) -> Result<Option<Undeliverable>> {
    Ok(conn
        .prepare_cached("SELECT address, since, reason FROM undeliverable WHERE address = ?1")?
        .query_row(
            params![address],
            super::cells::mapped(|c| record::undeliverable(c)),
        )
        .optional()?)
}

pub(super) fn undeliverables(conn: &Connection) -> Result<Vec<Undeliverable>> {
    let mut stmt =
        conn.prepare_cached("SELECT address, since, reason FROM undeliverable ORDER BY address")?;
    let rows = stmt
        .query_map([], super::cells::mapped(|c| record::undeliverable(c)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(super) fn raw(conn: &Connection, id: i64) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT raw FROM messages WHERE id = ?1")?
        .query_row(params![id], |r| r.get::<_, Option<Vec<u8>>>(0))
        .optional()?
        .flatten())
}
