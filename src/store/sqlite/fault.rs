//! What went wrong with the queue file, in words a user can act on.
//!
//! SQLite reports faults by code, without the file's name ("attempt to
//! write a readonly database", "disk I/O error"). Here each fault becomes
//! an [`EscError::Queue`] (exit 6) that names the file, says what is wrong
//! with it, and how to fix it. Every transaction rolled back before the
//! error surfaced, so each message can promise that nothing was written.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use crate::error::{EscError, Field, Hint};

/// How long a command waits for another process's write before it gives up.
pub const LOCK_WAIT_ENV: &str = "ESC_LOCK_WAIT";

/// The directory a queue file lives in.
pub fn directory(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether this process may write `path` (file or directory).
pub fn writable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use rustix::fs::{Access, AtFlags, CWD, accessat};
        accessat(CWD, path, Access::WRITE_OK, AtFlags::EACCESS).is_ok()
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
    }
}

/// Bytes free for this user on the file system holding `dir`.
fn free_bytes(dir: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        let s = rustix::fs::statvfs(dir).ok()?;
        Some(s.f_bavail.saturating_mul(s.f_frsize))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// Why this process cannot write the queue at `path`, if it cannot.
pub fn why_read_only(path: &Path) -> Option<String> {
    let dir = directory(path);
    if path.exists() && !writable(path) {
        return Some(format!(
            "the file is read-only for this user (fix: `chmod u+w {}`, or run esc as the user \
             who owns it)",
            path.display()
        ));
    }
    if !writable(&dir) {
        return Some(format!(
            "its directory `{}` is read-only for this user, and SQLite keeps its journal (`-wal`, \
             `-shm`) beside the file (fix: let this user write the directory, or move the queue)",
            dir.display()
        ));
    }
    None
}

/// The queue error for a fault in `e`, or `e` unchanged when it is not one.
pub fn explain(path: &Path, e: anyhow::Error) -> anyhow::Error {
    if e.chain().any(|c| c.downcast_ref::<EscError>().is_some()) {
        return e;
    }
    let Some(sqlite) = e.chain().find_map(|c| c.downcast_ref::<rusqlite::Error>()) else {
        return e;
    };
    let Some(code) = sqlite.sqlite_error_code() else {
        return e;
    };
    let shown = path.display();
    let dir = directory(path);
    let error = match code {
        ErrorCode::ReadOnly => EscError::queue(format!(
            "cannot change the queue `{shown}`: {}",
            why_read_only(path).unwrap_or_else(|| "SQLite opened it read-only".into())
        ))
        .with_hint("reading commands (list, show, report) still work; nothing was written"),
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => EscError::queue(format!(
            "the queue `{shown}` stayed locked by another process for longer than {}",
            crate::duration::Span::seconds(lock_wait().map_or(30, |w| w.as_secs()) as i64)
        ))
        .with_hint(format!(
            "another esc is writing (a long tick or import), or a `sqlite3` shell holds a \
             transaction open; run the command again, or wait longer with {LOCK_WAIT_ENV}=2m. \
             Nothing was written"
        )),
        ErrorCode::DiskFull => full(path, &dir),
        ErrorCode::SystemIoFailure if free_bytes(&dir).is_some_and(|b| b < 1 << 20) => {
            full(path, &dir)
        }
        ErrorCode::SystemIoFailure => EscError::queue(format!(
            "the disk failed reading or writing the queue `{shown}` ({sqlite})"
        ))
        .with_hint(
            "check the file system (`dmesg`, `df`) and that nothing else truncated the file; \
             nothing was written",
        ),
        ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => EscError::queue(format!(
            "the queue `{shown}` is damaged: SQLite reports `{sqlite}`"
        ))
        .with_hint(format!(
            "restore it from a backup; `sqlite3 {shown} .recover` may save what is left. esc \
             wrote nothing"
        )),
        ErrorCode::CannotOpen if !dir.is_dir() => missing_directory(path, &dir),
        ErrorCode::CannotOpen => EscError::queue(format!(
            "cannot open the queue `{shown}`: {}",
            why_read_only(path).unwrap_or_else(|| "SQLite could not open it or its journal".into())
        ))
        .with_hint("check the file's and its directory's owner and mode; nothing was written"),
        ErrorCode::PermissionDenied | ErrorCode::AuthorizationForStatementDenied => {
            EscError::queue(format!(
                "cannot use the queue `{shown}`: permission denied ({sqlite})"
            ))
            .with_hint("check the file's and its directory's owner and mode; nothing was written")
        }
        _ => return e,
    };
    error.into()
}

fn full(path: &Path, dir: &Path) -> EscError {
    EscError::queue(format!(
        "cannot write the queue `{}`: the file system holding `{}` is full",
        path.display(),
        dir.display()
    ))
    .with_hint("free some space there (`df -h` shows how much is left); nothing was written")
}

pub fn missing_directory(path: &Path, dir: &Path) -> EscError {
    EscError::queue(format!(
        "cannot open the queue `{}`: the directory `{}` does not exist",
        path.display(),
        dir.display()
    ))
    .with_hint(
        Hint::text(format!(
            "create it (`mkdir -p {}`) or pass another path with ",
            dir.display()
        ))
        .flag(Field::Queue)
        .then(" (or ")
        .setting(Field::Queue)
        .then(")"),
    )
}

/// How long to wait for another process's write: `ESC_LOCK_WAIT` (a
/// duration such as `30s` or `2m`), 30 seconds by default. Agents run
/// commands at the same moment all day; waiting a little is always better
/// than failing.
pub fn lock_wait() -> Result<std::time::Duration, EscError> {
    let Ok(text) = std::env::var(LOCK_WAIT_ENV) else {
        return Ok(std::time::Duration::from_secs(30));
    };
    let span: crate::duration::Span = text.parse().map_err(|e| {
        EscError::usage(format!("{LOCK_WAIT_ENV}: {e}")).with_hint(format!(
            "set {LOCK_WAIT_ENV} to a duration such as 30s or 2m, or unset it"
        ))
    })?;
    Ok(std::time::Duration::from_secs(span.as_secs().max(0) as u64))
}
