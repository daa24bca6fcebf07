//! Putting an export back: tickets, logs and notifications with the ids
//! they had, in one transaction.

use anyhow::Result;
use rusqlite::{Connection, TransactionBehavior, params};

use super::rows::{insert_event, insert_event_as, insert_ticket_as};
use crate::error::EscError;
use crate::store::{PolicyVersion, Restored, Settling};

pub(super) fn restore(
    conn: &mut Connection,
    policies: &[PolicyVersion],
    tickets: &mut dyn Iterator<Item = Result<Restored>>,
    settle: &mut Settling,
) -> Result<usize> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let held: i64 = tx.query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))?;
    if held > 0 {
        return Err(EscError::usage(format!(
            "the queue holds {held} tickets already: an export is restored into a queue without tickets"
        ))
        .with_hint("pass a new queue file with --db to import into")
        .into());
    }
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
            Some(_) => {
                return Err(EscError::usage(format!(
                    "the queue's policy version {} differs from the export's",
                    p.version
                ))
                .with_hint("import into a new queue (--db NEW), which takes the export's policies")
                .into());
            }
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
    // What `settle` adds gets ids after every restored one: kept aside
    // until all are in.
    let mut added = Vec::new();
    let mut n = 0;
    for restored in tickets {
        let restored = restored?;
        let (ticket, new) = settle(&restored)?;
        insert_ticket_as(&tx, Some(restored.ticket.id), &ticket)?;
        for e in restored.events {
            insert_event_as(&tx, &ticket, Some(e.id), e.data)?;
        }
        for note in &restored.notifications {
            super::outbox::restore(&tx, note)?;
        }
        if !new.is_empty() {
            added.push((ticket, new));
        }
        n += 1;
    }
    for (ticket, events) in added {
        for e in events {
            let event = insert_event(&tx, &ticket, e)?;
            super::outbox::enqueue(&tx, &event)?;
        }
    }
    tx.commit()?;
    Ok(n)
}
