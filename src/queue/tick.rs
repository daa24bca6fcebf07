//! The time-based part of the policy, applied: every due ticket settled in
//! its own transaction, each step once.

use std::collections::BTreeMap;

use anyhow::Result;

use super::Queue;
use crate::automation::Engine;
use crate::clock::Instant;
use crate::event::Event;
use crate::outbox::{Audience, Delivery};
use crate::policy::Policy;
use crate::store::{Applied, Considered};
use crate::ticket::TicketId;

/// What a tick did, or with `write` off would do.
#[derive(Debug, Default)]
pub struct Ticked {
    /// Each ticket changed, with its new events.
    pub applied: Vec<Applied>,
    /// Due tickets left for a later tick: changed after this tick's
    /// instant (another host's clock runs ahead, or `--now` went back), so
    /// that events dated before their last change would rewrite history.
    pub behind: Vec<(TicketId, Instant)>,
    /// The recurring tickets' occurrences it came to.
    pub recurred: Vec<super::recur::Recurred>,
}

impl Ticked {
    /// Every event the tick wrote, ticket by ticket.
    pub fn actions(&self) -> Vec<&Event> {
        self.applied.iter().flat_map(|a| &a.events).collect()
    }
}

/// What waits to be sent, by whom it is for: what a tick's actions would
/// queue and what the outbox already holds due.
pub type Waiting = BTreeMap<(Audience, String), usize>;

impl Queue {
    /// Settle every ticket that is due by now under `policy` (in force
    /// since `since`), writing the changes when `write`; a dry run decides
    /// the same and rolls back.
    pub fn tick(&self, policy: &Policy, since: Option<Instant>, write: bool) -> Result<Ticked> {
        let now = self.now;
        let recurred = self.recur(policy, since, write)?;
        let engine = Engine::new(policy, now).since(since);
        let mut behind = Vec::new();
        let mut store = self.store()?;
        let ids = store.due_tickets(now, &policy.digest[..16])?;
        let applied = store.update_each(&ids, write, &mut |t, log| {
            if t.updated_at > now {
                behind.push((t.id, t.updated_at));
                return Considered::Left;
            }
            let mut log = crate::event::history(log);
            let (ticket, events) = engine.settle(t.clone(), &mut log);
            // The due times and figures as the log gives them, whatever the
            // row said: on a server, a role may have written the row.
            let changed = !events.is_empty() || ticket.due != t.due || ticket.stats != t.stats;
            Considered::Settled(changed.then(|| Box::new(engine.transition(ticket, events))))
        })?;
        Ok(Ticked {
            applied,
            behind,
            recurred,
        })
    }

    /// What a real tick would send now, by recipient: what `ticked` would
    /// queue and what already waits in the outbox, due.
    pub fn would_deliver(&self, ticked: &Ticked) -> Result<Waiting> {
        let mut by = Waiting::new();
        for r in ticked.actions().iter().flat_map(|e| e.data.recipients()) {
            *by.entry((Audience::Person, r.name.clone())).or_default() += 1;
        }
        for address in ticked.applied.iter().flat_map(|a| &a.customers) {
            *by.entry((Audience::Customer, address.clone())).or_default() += 1;
        }
        for n in self.store()?.outbox(false)? {
            if n.status == Delivery::Pending && n.next_attempt_at <= self.now {
                *by.entry((n.audience, n.recipient.name)).or_default() += 1;
            }
        }
        Ok(by)
    }
}
