//! Commands that act on several tickets at once: `esc assign 1 2 3 --to
//! bob`, `esc tag 4 5 --add vip`, `esc escalate`, `esc resolve`. Each
//! ticket is changed in its own transaction and reported on its own line;
//! one that cannot be changed leaves the others as they are.

use std::io::BufRead;

use anyhow::Result;

use super::Ctx;
use crate::error::EscError;
use crate::ticket::TicketId;

/// Whether a word names tickets: an id (`12`, `#12`) or `-`.
pub fn is_target(word: &str) -> bool {
    word == "-" || crate::cli::ticket_id(word).is_ok()
}

/// The tickets `words` name, `-` reading more from standard input (ids
/// separated by white space), each once, in the order given.
pub fn ids(words: &[String]) -> Result<Vec<TicketId>> {
    let mut ids = Vec::new();
    let mut add = |word: &str| -> Result<()> {
        let id = crate::cli::ticket_id(word).map_err(EscError::usage)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
        Ok(())
    };
    for word in words {
        if word == "-" {
            for line in std::io::stdin().lock().lines() {
                for word in line?.split_whitespace() {
                    add(word)?;
                }
            }
        } else {
            add(word)?;
        }
    }
    if ids.is_empty() {
        return Err(EscError::usage("name at least one ticket")
            .with_hint("give ticket ids (12 or #12), or - to read them from standard input")
            .into());
    }
    Ok(ids)
}

/// Several tickets (or notifications) of which some could not be
/// changed; each said why on standard error as it happened.
#[derive(Debug, thiserror::Error)]
#[error("{failed} of {of} {what} were not changed (each says why above)")]
pub struct Several {
    pub failed: usize,
    pub of: usize,
    /// What they are, in the plural.
    pub what: &'static str,
    /// The worst of their exit codes.
    pub code: crate::error::ExitCode,
}

/// Run `one` for each ticket. With one ticket its error is the command's;
/// with more, each failure is told as it happens, the others go on, and
/// the exit code is the worst of theirs.
pub fn each(
    ctx: &mut Ctx,
    ids: &[TicketId],
    one: impl FnMut(&mut Ctx, TicketId) -> Result<()>,
) -> Result<()> {
    each_of(ctx, "tickets", ids, one)
}

/// [`each`] for things other than tickets (`what`, in the plural), by id.
pub fn each_of(
    ctx: &mut Ctx,
    what: &'static str,
    ids: &[i64],
    mut one: impl FnMut(&mut Ctx, i64) -> Result<()>,
) -> Result<()> {
    if let [id] = ids {
        return one(ctx, *id);
    }
    let mut failed = 0;
    let mut worst = crate::error::ExitCode::Success;
    for &id in ids {
        if let Err(e) = one(ctx, id) {
            failed += 1;
            let code = crate::report(&e, ctx.json());
            if code as u8 > worst as u8 {
                worst = code;
            }
        }
    }
    if failed == 0 {
        return Ok(());
    }
    Err(Several {
        failed,
        of: ids.len(),
        what,
        code: worst,
    }
    .into())
}
