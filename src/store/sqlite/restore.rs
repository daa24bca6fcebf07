//! Putting an export back: tickets, logs and notifications with the ids
//! they had, in one transaction.

use anyhow::Result;
use rusqlite::{Connection, TransactionBehavior, params};

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
    if keep_ids {
        for p in policies {
            let had: Option<String> = tx
                .query_row(
                    "SELECT digest FROM policies WHERE version = ?1",
                    [p.version],
                    |r| r.get(0),
                )
                .ok();
            match had {
                Some(digest) if digest == p.digest => {}
                Some(_) => return Err(crate::store::differing_policy(p.version).into()),
                None => {
                    tx.execute(
                        "INSERT INTO policies (version, digest, text, applied_by, applied_at, message)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![
                            p.version,
                            p.digest,
                            p.text,
                            p.applied_by,
                            p.applied_at.timestamp(),
                            p.message
                        ],
                    )?;
                }
            }
        }
    }
    // What `settle` adds gets ids after every restored one: kept aside
    // until all are in.
    let mut added = Vec::new();
    let mut done = Restoring::default();
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
