//! Tickets that belong together without becoming one: a problem with the
//! customers' tickets under it (parent and children), and tickets related
//! to each other, each link written on both tickets; and the people who
//! watch a ticket.

use super::{Act, Transition};
use crate::error::{EscError, Hint};
use crate::event::{Detail, EventKind, Kin, Link};
use crate::ticket::{Ticket, TicketId};

impl Act<'_> {
    /// Link `t` to `other`, which is to be its `kin` (its parent, a child,
    /// or related). `above` is the chain of parents over the ticket that
    /// is to be the parent, nearest first: a parent may not be under its
    /// own child. The two transitions, `t`'s first.
    pub fn link(
        &self,
        t: &Ticket,
        other: &Ticket,
        kin: Kin,
        above: &[TicketId],
    ) -> Result<(Transition, Transition), EscError> {
        if t.id == other.id {
            return Err(EscError::usage(format!(
                "ticket #{} cannot be linked to itself: name another ticket",
                t.id
            )));
        }
        let (child, parent) = match kin {
            Kin::Parent => (t, other),
            Kin::Child => (other, t),
            Kin::Related => (t, other),
        };
        if kin != Kin::Related {
            if child.parent == Some(parent.id) {
                return Err(EscError::refused(format!(
                    "ticket #{} is under #{} already",
                    child.id, parent.id
                )));
            }
            if let Some(was) = child.parent {
                return Err(EscError::refused(format!(
                    "ticket #{} is under #{was}; a ticket has one parent",
                    child.id
                ))
                .with_hint(Hint::text(format!(
                    "unlink it first: `esc link {} --unlink {was}`",
                    child.id
                ))));
            }
            if above.contains(&child.id) {
                return Err(EscError::refused(format!(
                    "#{} is under #{} already: putting #{} under #{} would make a circle",
                    parent.id, child.id, child.id, parent.id
                )));
            }
        } else if t.related.contains(&other.id) {
            return Err(EscError::refused(format!(
                "tickets #{} and #{} are related already",
                t.id, other.id
            )));
        }
        Ok((
            self.linked(
                t,
                Link {
                    ticket: other.id,
                    kin,
                },
            )?,
            self.linked(
                other,
                Link {
                    ticket: t.id,
                    kin: kin.seen_back(),
                },
            )?,
        ))
    }

    /// One side of a link: `t` learns what `link.ticket` is to it.
    pub fn linked(&self, t: &Ticket, link: Link) -> Result<Transition, EscError> {
        let mut n = self.next(t)?;
        match link.kin {
            Kin::Parent => n.parent = Some(link.ticket),
            Kin::Child => {}
            Kin::Related => {
                if !n.related.contains(&link.ticket) {
                    n.related.push(link.ticket);
                }
            }
        }
        let e = self.event(t, EventKind::Linked).detail(Detail::Link(link));
        self.one(n, e)
    }

    /// Take away whatever link `t` and `other` have: parent and child, or
    /// related. The two transitions, `t`'s first.
    pub fn unlink(&self, t: &Ticket, other: &Ticket) -> Result<(Transition, Transition), EscError> {
        let kin = if t.parent == Some(other.id) {
            Kin::Parent
        } else if other.parent == Some(t.id) {
            Kin::Child
        } else if t.related.contains(&other.id) {
            Kin::Related
        } else {
            return Err(EscError::refused(format!(
                "tickets #{} and #{} are not linked; nothing to unlink",
                t.id, other.id
            )));
        };
        Ok((
            self.unlinked(
                t,
                Link {
                    ticket: other.id,
                    kin,
                },
            )?,
            self.unlinked(
                other,
                Link {
                    ticket: t.id,
                    kin: kin.seen_back(),
                },
            )?,
        ))
    }

    /// `who` is told of everything that happens to `t` from now.
    pub fn watch(&self, t: &Ticket, who: &str) -> Result<Transition, EscError> {
        crate::ticket::check_name(who).map_err(EscError::usage)?;
        if t.watchers.iter().any(|w| w == who) {
            return Err(EscError::refused(format!(
                "{who} watches ticket #{} already",
                t.id
            )));
        }
        let mut n = self.next(t)?;
        n.watchers.push(who.to_string());
        let e = self
            .event(t, EventKind::Watched)
            .detail(Detail::Watcher(who.to_string()));
        self.one(n, e)
    }

    /// `who` is no longer told of everything that happens to `t`.
    pub fn unwatch(&self, t: &Ticket, who: &str) -> Result<Transition, EscError> {
        if !t.watchers.iter().any(|w| w == who) {
            return Err(EscError::refused(format!(
                "{} does not watch ticket #{}; nothing to stop",
                crate::output::visible(who),
                t.id
            )));
        }
        let mut n = self.next(t)?;
        n.watchers.retain(|w| w != who);
        let e = self
            .event(t, EventKind::Unwatched)
            .detail(Detail::Watcher(who.to_string()));
        self.one(n, e)
    }

    /// One side of an unlinking: `link.ticket` is no longer its `kin`.
    pub fn unlinked(&self, t: &Ticket, link: Link) -> Result<Transition, EscError> {
        let mut n = self.next(t)?;
        match link.kin {
            Kin::Parent => n.parent = None,
            Kin::Child => {}
            Kin::Related => n.related.retain(|id| *id != link.ticket),
        }
        let e = self
            .event(t, EventKind::Unlinked)
            .detail(Detail::Link(link));
        self.one(n, e)
    }
}
