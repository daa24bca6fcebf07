//! A consistent copy of a live queue, and the check of one.

use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::{Connection, OpenFlags};

use super::schema;
use crate::error::EscError;
use crate::store::BackupSummary;

/// Copy the queue `from` into a new file `to` with SQLite's online backup
/// API, in one step: one read transaction, which in WAL mode never blocks
/// the agents writing meanwhile, so the copy is the queue as of one
/// instant. The copy is written beside `to` and renamed into place only
/// once it checks, so `to` is never half a queue.
pub(super) fn backup(from: &Connection, to: &Path) -> Result<BackupSummary> {
    if to.exists() {
        return Err(
            EscError::usage(format!("`{}` exists already", to.display()))
                .with_hint("name a new file: a backup never overwrites one")
                .into(),
        );
    }
    let file = to
        .file_name()
        .ok_or_else(|| EscError::usage(format!("`{}` names no file", to.display())))?;
    let partial = to.with_file_name(format!(
        ".{}.partial-{}",
        file.to_string_lossy(),
        std::process::id()
    ));
    let copied = (|| -> Result<BackupSummary> {
        crate::files::create(&partial)
            .with_context(|| format!("cannot create `{}`", partial.display()))?;
        let mut copy = Connection::open(&partial)
            .with_context(|| format!("cannot create `{}`", partial.display()))?;
        rusqlite::backup::Backup::new(from, &mut copy)?.step(-1)?;
        // A backup is a file to keep, not a live queue: no `-wal` beside it.
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        drop(copy);
        check(&partial)
    })();
    match copied {
        Ok(summary) => {
            std::fs::rename(&partial, to).with_context(|| {
                format!("cannot move the backup into place at `{}`", to.display())
            })?;
            Ok(summary)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

/// Whether `path` is a whole esc queue: its header, its schema version,
/// SQLite's integrity and foreign key checks; and what it holds.
pub(super) fn check(path: &Path) -> Result<BackupSummary> {
    let bad = |why: String| -> anyhow::Error {
        EscError::queue(format!(
            "`{}` is not a sound esc queue: {why}",
            path.display()
        ))
        .with_hint("restore from another backup")
        .into()
    };
    if !path.is_file() {
        return Err(EscError::queue(format!("there is no file `{}`", path.display())).into());
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let header = conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id()),
                (SELECT user_version FROM pragma_user_version())",
        [],
        |r| Ok((r.get::<_, i32>(0)?, r.get::<_, i64>(1)?)),
    );
    let (app, version) = header.map_err(|e| bad(format!("SQLite cannot read it ({e})")))?;
    if app != schema::APPLICATION_ID {
        return Err(bad("it is not an esc queue".into()));
    }
    if version > schema::latest() {
        return Err(bad(format!(
            "a newer esc wrote it (schema {version}; this esc knows up to {})",
            schema::latest()
        )));
    }
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| bad(format!("SQLite cannot check it ({e})")))?;
    if problems != ["ok"] {
        return Err(bad(format!(
            "SQLite's integrity check says: {}",
            problems.join("; ")
        )));
    }
    let dangling: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(|e| bad(format!("SQLite cannot check it ({e})")))?;
    if dangling > 0 {
        return Err(bad(format!(
            "{dangling} rows refer to rows that are missing"
        )));
    }
    let count = |what: &str, query: &str| -> Result<u64> {
        let n: i64 = conn
            .query_row(query, [], |r| r.get(0))
            .map_err(|e| bad(format!("its {what} cannot be read ({e})")))?;
        Ok(n.max(0) as u64)
    };
    Ok(BackupSummary {
        schema: version,
        tickets: count("tickets", "SELECT count(*) FROM tickets")?,
        events: count("events", "SELECT count(*) FROM events")?,
        bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
    })
}
