//! The outbox table: notifications queued with their events, and read back
//! for `esc outbox`.

use anyhow::Result;
use rusqlite::{Connection, named_params};

use crate::clock::from_unix;
use crate::event::{Event, Recipient};
use crate::outbox::{Delivery, Notification};

/// Queue one notification per recipient of `event`'s rule, in the caller's
/// transaction. Due at once: the event's own instant.
pub(super) fn enqueue(conn: &Connection, event: &Event) -> Result<()> {
    let Some(effect) = event.data.effect() else {
        return Ok(());
    };
    let mut insert = conn.prepare_cached(
        "INSERT INTO outbox (event_id, ticket_id, recipient, role, queued_at, next_attempt_at)
         VALUES (:event, :ticket, :recipient, :role, :at, :at)
         ON CONFLICT (event_id, recipient) DO NOTHING",
    )?;
    for r in &effect.notify {
        insert.execute(named_params! {
            ":event": event.id,
            ":ticket": event.ticket,
            ":recipient": r.name,
            ":role": r.role,
            ":at": event.data.at.timestamp(),
        })?;
    }
    Ok(())
}

/// Notifications still to deliver or given up on, oldest first; with
/// `everything`, delivered ones too.
pub(super) fn list(conn: &Connection, everything: bool) -> Result<Vec<Notification>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, ticket_id, event_id, recipient, role, queued_at, status, attempts,
                next_attempt_at, last_error, sent_at
         FROM outbox WHERE ?1 OR status != 'sent' ORDER BY id",
    )?;
    let rows = stmt.query_map([everything], |r| {
        Ok(Notification {
            id: r.get(0)?,
            ticket: r.get(1)?,
            event: r.get(2)?,
            recipient: Recipient {
                name: r.get(3)?,
                role: r.get(4)?,
            },
            queued_at: from_unix(r.get(5)?),
            status: r
                .get::<_, String>(6)?
                .parse::<Delivery>()
                .unwrap_or(Delivery::Pending),
            attempts: r.get(7)?,
            next_attempt_at: from_unix(r.get(8)?),
            last_error: r.get(9)?,
            sent_at: r.get::<_, Option<i64>>(10)?.map(from_unix),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
