//! Links between tickets (a problem and its cases, related tickets), and
//! a problem resolved with its cases: each in one transaction.

use anyhow::Result;

use super::Queue;
use crate::error::EscError;
use crate::event::{Kin, history};
use crate::store::{Applied, TicketFilter};
use crate::ticket::{Status, Ticket, TicketId};

/// How many parents up a chain is followed: far past any help desk's
/// problems, short of a loop a damaged queue could hold.
const HIGHEST: usize = 64;

/// A ticket's family as `esc show` sets it out.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Family {
    pub parent: Option<Ticket>,
    pub children: Vec<Ticket>,
    pub related: Vec<Ticket>,
}

impl Queue {
    /// Link ticket `id` to `other`, which is to be its `kin`, as `actor`.
    /// The two tickets as they now stand, `id`'s first.
    pub fn link(
        &self,
        actor: &str,
        id: TicketId,
        other: TicketId,
        kin: Kin,
    ) -> Result<(Applied, Applied)> {
        // The chain over the ticket that is to be the parent, held with
        // the two so that no circle closes meanwhile.
        let top = match kin {
            Kin::Parent => Some(other),
            Kin::Child => Some(id),
            Kin::Related => None,
        };
        let chain = match top {
            Some(top) => self.above(top)?,
            None => Vec::new(),
        };
        let mut ids = vec![id, other];
        ids.extend(&chain);
        self.pair(actor, id, other, &ids, &|act, (t, _), (o, _), locked| {
            let above = match top {
                Some(top) => held_above(locked, top, &chain)?,
                None => Vec::new(),
            };
            act.link(t, o, kin, &above)
        })
    }

    /// Take away the link between tickets `id` and `other`, as `actor`.
    pub fn unlink(&self, actor: &str, id: TicketId, other: TicketId) -> Result<(Applied, Applied)> {
        self.pair(actor, id, other, &[id, other], &|act, (t, _), (o, _), _| {
            act.unlink(t, o)
        })
    }

    /// The parents over ticket `id`, nearest first, as they stand.
    fn above(&self, id: TicketId) -> Result<Vec<TicketId>> {
        let mut chain = Vec::new();
        let mut at = self.ticket(id)?;
        while let Some(parent) = at.parent {
            if chain.contains(&parent) || chain.len() >= HIGHEST {
                break;
            }
            chain.push(parent);
            at = self.ticket(parent)?;
        }
        Ok(chain)
    }

    /// Resolve ticket `id` as `actor` with `summary` and root cause
    /// `cause`, and with it each of its children open or pending now,
    /// in one transaction: each child's customer hears of it as the
    /// policy says. The parent's change first, then each child's.
    pub fn resolve_with_children(
        &self,
        actor: &str,
        id: TicketId,
        summary: &str,
        cause: &str,
    ) -> Result<Vec<Applied>> {
        let children = self.ticket_ids(&TicketFilter {
            parent: Some(id),
            statuses: vec![Status::Open, Status::Pending],
            ..TicketFilter::default()
        })?;
        let mut ids = vec![id];
        ids.extend(&children);
        let mut applied = self.deciding(actor, |act, engine| {
            self.store()?.update_together(&ids, &mut |locked| {
                let mut out = Vec::new();
                for (t, log) in locked {
                    // A child that left the family or was resolved
                    // meanwhile is left as it is.
                    let child = t.parent == Some(id) && t.status.is_live();
                    if t.id != id && !child {
                        continue;
                    }
                    out.push(engine.around(t, history(log), |t| act.resolve(t, summary, cause))?);
                }
                Ok(out)
            })
        })?;
        applied.sort_by_key(|a| (a.ticket.id != id, a.ticket.id));
        if applied.first().is_none_or(|a| a.ticket.id != id) {
            return Err(EscError::NoSuchTicket(id).into());
        }
        Ok(applied)
    }

    /// Ticket `t`'s parent, children and related tickets, as they stand.
    pub fn family(&self, t: &Ticket) -> Result<Family> {
        let mut children = Vec::new();
        for id in self.ticket_ids(&TicketFilter {
            parent: Some(t.id),
            ..TicketFilter::default()
        })? {
            children.push(self.ticket(id)?);
        }
        let mut related = Vec::new();
        for id in &t.related {
            related.extend(self.existing(*id)?);
        }
        Ok(Family {
            parent: match t.parent {
                Some(p) => self.existing(p)?,
                None => None,
            },
            children,
            related,
        })
    }

    /// Ticket `id`, or `None` when the queue holds none (a link an import
    /// of part of a queue brought, to a ticket left out).
    pub(super) fn existing(&self, id: TicketId) -> Result<Option<Ticket>> {
        match self.ticket(id) {
            Ok(t) => Ok(Some(t)),
            Err(e)
                if matches!(
                    e.downcast_ref::<EscError>(),
                    Some(EscError::NoSuchTicket(_))
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// The parents over ticket `top`, nearest first, from the tickets held:
/// the chain read before, unless it moved meanwhile.
fn held_above(
    locked: &[(Ticket, Vec<crate::event::Event>)],
    top: TicketId,
    chain: &[TicketId],
) -> Result<Vec<TicketId>, EscError> {
    let held = |id| locked.iter().find(|(t, _)| t.id == id).map(|(t, _)| t);
    let mut above = Vec::new();
    let mut at = held(top);
    while let Some(t) = at {
        let Some(parent) = t.parent else {
            break;
        };
        if above.contains(&parent) {
            break;
        }
        above.push(parent);
        at = held(parent);
        if at.is_none() && !chain.contains(&parent) {
            return Err(EscError::refused(
                "the tickets' family changed while this link was decided; run it again",
            ));
        }
    }
    Ok(above)
}
