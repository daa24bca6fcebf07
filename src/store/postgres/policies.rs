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

/// Keep what the server enforces of the policy in force beside it, in the
/// same transaction: which role acts as which person, and who may sign
/// off at each level (the guards of schema version 7 read them).
pub(super) fn enforce(sql: &mut Sql<impl GenericClient>) -> Result<()> {
    let Some(version) = active(sql)? else {
        return Ok(());
    };
    let policy = crate::policy::Policy::parse(
        &version.text,
        &format!("policy version {}", version.version),
    )
    .map_err(crate::error::EscError::from)?;
    enforce_policy(sql, &policy)
}

fn enforce_policy(sql: &mut Sql<impl GenericClient>, policy: &crate::policy::Policy) -> Result<()> {
    let (people, roles): (Vec<&str>, Vec<Option<&str>>) = policy
        .people
        .iter()
        .map(|(name, p)| (name.as_str(), p.db_role.as_deref()))
        .unzip();
    let (levels, signers): (Vec<&str>, Vec<String>) = policy
        .levels
        .iter()
        .filter_map(|l| {
            let rule = policy.signoff_rule(&l.id)?;
            // An array of arrays must be rectangular: each level's signers
            // go as one JSON array, opened on the server.
            let names = serde_json::to_string(&policy.signers(rule)).expect("names are plain data");
            Some((l.id.as_str(), names))
        })
        .unzip();
    sql.execute("DELETE FROM esc_people", &[])?;
    sql.execute(
        "INSERT INTO esc_people (person, db_role) SELECT * FROM unnest($1::text[], $2::text[])",
        &[&people, &roles],
    )?;
    sql.execute("DELETE FROM esc_signoff", &[])?;
    sql.execute(
        "INSERT INTO esc_signoff (level, signers)
         SELECT l, ARRAY(SELECT jsonb_array_elements_text(s::jsonb))
         FROM unnest($1::text[], $2::text[]) AS u(l, s)",
        &[&levels, &signers],
    )?;
    Ok(())
}
