//! Putting an export back on the server, in one transaction: as on a file,
//! but the identity sequences are moved past the ids kept.

use anyhow::Result;
use postgres::GenericClient;

use super::rows::{Sql, insert_event, insert_ticket};
use crate::store::{PolicyVersion, Restored, Restoring, Settling};

pub(super) fn restore(
    sql: &mut Sql<impl GenericClient>,
    policies: &[PolicyVersion],
    tickets: &mut dyn Iterator<Item = Result<Restored>>,
    settle: &mut Settling,
) -> Result<Restoring> {
    // Nobody else adds tickets while a restore decides how to number them.
    sql.execute("LOCK TABLE tickets IN SHARE ROW EXCLUSIVE MODE", &[])?;
    let held: bool = sql
        .one("SELECT EXISTS (SELECT 1 FROM tickets)", &[])?
        .get(0);
    let keep_ids = !held;
    let mut done = Restoring::default();
    if keep_ids {
        // A queue that has governed no ticket takes the export's history
        // of policies whole, metadata and all, in place of its own.
        let own = super::policies::all(sql)?;
        if own != policies {
            done.replaced_policies = own.len();
            sql.execute("DELETE FROM policies", &[])?;
            for p in policies {
                super::policies::insert(sql, p)?;
            }
        }
        super::policies::enforce(sql)?;
    }
    let mut added = Vec::new();
    for restored in tickets {
        let restored = restored?;
        let (mut ticket, new) = settle(&restored)?;
        let old = restored.ticket.id;
        ticket.id = insert_ticket(sql, keep_ids.then_some(old), &ticket)?;
        if !keep_ids {
            done.renumbered.push((old, ticket.id));
        }
        let mut events = std::collections::HashMap::new();
        for e in restored.events {
            let was = e.id;
            let event = insert_event(sql, &ticket, keep_ids.then_some(was), e.data)?;
            events.insert(was, event.id);
        }
        for mut note in restored.notifications {
            note.ticket = ticket.id;
            note.event = crate::store::renumbered_event(&events, &note, old)?;
            super::outbox::restore(sql, keep_ids, &note)?;
        }
        if !new.is_empty() {
            added.push((ticket, new));
        }
        done.tickets += 1;
    }
    if keep_ids {
        // Rows given their ids do not move the sequences that number new ones.
        for table in ["tickets", "events", "outbox"] {
            sql.execute(
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                                   coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
                ),
                &[],
            )?;
        }
    }
    for (ticket, events) in added {
        for e in events {
            let event = insert_event(sql, &ticket, None, e)?;
            super::outbox::enqueue(sql, &event)?;
        }
    }
    Ok(done)
}
