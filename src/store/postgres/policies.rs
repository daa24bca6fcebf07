//! The queue's policy versions on the server.

use anyhow::Result;
use postgres::GenericClient;

use super::rows::Sql;
use crate::store::PolicyVersion;
use crate::store::record::{self, POLICY_COLUMNS};

pub(super) fn all(sql: &mut Sql<impl GenericClient>) -> Result<Vec<PolicyVersion>> {
    sql.all(
        &format!("SELECT {POLICY_COLUMNS} FROM policies ORDER BY version"),
        &[],
        |c| record::policy(c),
    )
}

pub(super) fn active(sql: &mut Sql<impl GenericClient>) -> Result<Option<PolicyVersion>> {
    Ok(sql
        .all(
            &format!("SELECT {POLICY_COLUMNS} FROM policies ORDER BY version DESC LIMIT 1"),
            &[],
            |c| record::policy(c),
        )?
        .pop())
}

pub(super) fn insert(sql: &mut Sql<impl GenericClient>, v: &PolicyVersion) -> Result<()> {
    sql.execute(
        "INSERT INTO policies (version, digest, text, applied_by, applied_at, message)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &i64::from(v.version),
            &v.digest,
            &v.text,
            &v.applied_by,
            &v.applied_at.timestamp(),
            &v.message,
        ],
    )?;
    Ok(())
}
