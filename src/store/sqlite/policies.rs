//! The queue's policy versions: the text every command reads, and the
//! history of who changed it when.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Row};

use crate::store::PolicyVersion;
use crate::store::record::{self, POLICY_COLUMNS};

fn version_from_row(row: &Row) -> rusqlite::Result<PolicyVersion> {
    super::cells::mapped(|c| record::policy(c))(row)
}

pub(super) fn all(conn: &Connection) -> Result<Vec<PolicyVersion>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {POLICY_COLUMNS} FROM policies ORDER BY version"
    ))?;
    let rows = stmt
        .query_map([], version_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(super) fn active(conn: &Connection) -> Result<Option<PolicyVersion>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {POLICY_COLUMNS} FROM policies ORDER BY version DESC LIMIT 1"
        ))?
        .query_row([], version_from_row)
        .optional()?)
}

pub(super) fn insert(conn: &Connection, v: &PolicyVersion) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO policies (version, digest, text, applied_by, applied_at, message)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(rusqlite::params![
        v.version,
        v.digest,
        v.text,
        v.applied_by,
        v.applied_at.timestamp(),
        v.message
    ])?;
    Ok(())
}
