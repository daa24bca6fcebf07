//! Putting an export back: tickets, logs and notifications with the ids
//! they had, in one transaction.

use anyhow::Result;
use rusqlite::{Connection, TransactionBehavior};

use super::rows::{insert_event, insert_event_as, insert_ticket_as};
use crate::store::{PolicyVersion, Restored, Restoring, Settling};

pub(super) fn restore(
    conn: &mut Connection,
    policies: &[PolicyVersion],
    tickets: &mut dyn Iterator<Item = Result<Restored>>,
    settle: &mut Settling,
) -> Result<Restoring> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let held: i64 = tx.query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))?;
    // Into a new queue everything keeps its id, and the queue takes the
    // export's policies; into one with tickets of its own, the queue's
    // policy governs and everything is numbered anew.
    let keep_ids = held == 0;
    let mut done = Restoring::default();
    if keep_ids {
        // A queue that has governed no ticket takes the export's history
        // of policies whole, metadata and all, in place of its own.
        let own = super::policies::all(&tx)?;
        if own != policies {
            done.replaced_policies = own.len();
            tx.execute("DELETE FROM policies", [])?;
            for p in policies {
                super::policies::insert(&tx, p)?;
            }
        }
    }
    // What `settle` adds gets ids after every restored one: kept aside
    // until all are in.
    let mut added = Vec::new();
    for restored in tickets {
        let restored = restored?;
        let (mut ticket, new) = settle(&restored)?;
        let old = restored.ticket.id;
        ticket.id = insert_ticket_as(&tx, keep_ids.then_some(old), &ticket)?;
        if !keep_ids {
            done.renumbered.push((old, ticket.id));
        }
        let mut events = std::collections::HashMap::new();
        for e in restored.events {
            let was = e.id;
            let event = insert_event_as(&tx, &ticket, keep_ids.then_some(was), e.data)?;
            events.insert(was, event.id);
        }
        for mut note in restored.notifications {
            note.ticket = ticket.id;
            note.event = crate::store::renumbered_event(&events, &note, old)?;
            super::outbox::restore(&tx, keep_ids, &note)?;
        }
        if !new.is_empty() {
            added.push((ticket, new));
        }
        done.tickets += 1;
    }
    for (ticket, events) in added {
        for e in events {
            let event = insert_event(&tx, &ticket, e)?;
            super::outbox::enqueue(&tx, &event)?;
        }
    }
    tx.commit()?;
    Ok(done)
}
