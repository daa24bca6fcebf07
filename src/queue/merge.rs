//! Merging a ticket into another, and undoing it: both tickets, with the
//! automation around each, in one transaction.

use anyhow::Result;

use super::Queue;
use crate::error::EscError;
use crate::event::Event;
use crate::store::Applied;
use crate::ticket::{Status, Ticket, TicketId};

/// What a merge, or its undoing, did to each of its two tickets.
#[derive(Debug, Clone)]
pub struct Merging {
    /// The ticket merged away (or brought back).
    pub from: Applied,
    /// The ticket it went into (or left).
    pub into: Applied,
}

/// How many tickets merged in are gathered: far past any help desk's,
/// short of a loop a damaged queue could hold.
const DEEPEST: usize = 1000;

impl Queue {
    /// Merge ticket `from` into `into` as `actor`, saying `reason`.
    pub fn merge(
        &self,
        actor: &str,
        from: TicketId,
        into: TicketId,
        reason: Option<&str>,
    ) -> Result<Merging> {
        let (from, into) = self.pair(actor, from, into, &[from, into], &|act, a, b, _| {
            act.merge(a, b, reason)
        })?;
        Ok(Merging { from, into })
    }

    /// Undo ticket `from`'s merge as `actor`, while neither it nor the
    /// ticket it went into has changed since.
    pub fn unmerge(&self, actor: &str, from: TicketId) -> Result<Merging> {
        let t = self.ticket(from)?;
        let Some(into) = t.merged_into.filter(|_| t.status == Status::Merged) else {
            return Err(EscError::refused(format!(
                "ticket #{from} is {}, not merged; there is no merge to undo",
                t.status
            ))
            .into());
        };
        let (from, into) = self.pair(actor, from, into, &[from, into], &|act, a, b, _| {
            act.unmerge(a, b)
        })?;
        Ok(Merging { from, into })
    }

    /// The tickets a ticket's `log` says were merged into it, and those
    /// merged into them, with their logs: the history `esc show` sets
    /// beside its own.
    pub fn merged_in(&self, log: &[Event]) -> Result<Vec<(Ticket, Vec<Event>)>> {
        let mut out: Vec<(Ticket, Vec<Event>)> = Vec::new();
        let mut next: Vec<TicketId> = joined(log);
        while let Some(id) = next.pop() {
            if out.len() >= DEEPEST || out.iter().any(|(t, _)| t.id == id) {
                continue;
            }
            if self.existing(id)?.is_none() {
                continue;
            }
            let (t, events) = self.history(id)?;
            next.extend(joined(&events));
            out.push((t, events));
        }
        out.sort_by_key(|(t, _)| t.id);
        Ok(out)
    }
}

/// The tickets a log says were merged in and are still: joined, not
/// unmerged since.
pub fn joined(log: &[Event]) -> Vec<TicketId> {
    use crate::event::{Detail, EventKind};
    let mut ids = Vec::new();
    for e in log {
        if let Some(Detail::Merge(m)) = &e.data.detail {
            match e.data.kind {
                EventKind::Joined => ids.push(m.ticket),
                EventKind::Unmerged => ids.retain(|id| *id != m.ticket),
                _ => {}
            }
        }
    }
    ids
}
