//! Erasing a customer's personal data from tickets, leaving the figures and
//! the audit trail whole: the one rewrite the event log allows.

use anyhow::Result;
use rusqlite::{Connection, TransactionBehavior, params};

use super::rows::{insert_event, read_events, read_ticket};
use crate::clock::Instant;
use crate::event::{EventData, EventKind, REDACTED};
use crate::ticket::TicketId;

/// Erase the customer's name and address and every text of tickets `ids`
/// (title, description, resolution, what each event says, the customer's
/// updates in the outbox), and leave a `redacted` event on each, all in
/// one transaction. Then the file is rebuilt (VACUUM) and its journal
/// emptied, so that no old copy of the text survives in free space either:
/// `false` if another process kept that from finishing (the next redact, or
/// a quieter moment, finishes it).
pub(super) fn redact(
    conn: &mut Connection,
    ids: &[TicketId],
    at: Instant,
    actor: &str,
    why: Option<&str>,
) -> Result<bool> {
    conn.pragma_update(None, "secure_delete", "ON")?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for &id in ids {
        let ticket = read_ticket(&tx, id)?;
        let when = at.max(ticket.updated_at);
        tx.execute(
            "UPDATE tickets SET customer = ?2, email = NULL, title = ?2, description = '',
                 resolution = CASE WHEN resolution IS NULL THEN NULL ELSE ?2 END,
                 updated_at = ?3
             WHERE id = ?1",
            params![id, REDACTED, when.timestamp()],
        )?;
        tx.execute(
            "UPDATE events SET reason = ?2 WHERE ticket_id = ?1 AND reason IS NOT NULL",
            params![id, REDACTED],
        )?;
        tx.execute(
            "UPDATE events SET value = NULL WHERE ticket_id = ?1 AND value IS NOT NULL",
            params![id],
        )?;
        for event in read_events(&tx, id)? {
            if let Some(detail) = event.data.detail.as_ref().and_then(|d| d.redacted()) {
                tx.execute(
                    "UPDATE events SET detail = ?2 WHERE id = ?1",
                    params![event.id, crate::store::record::detail_json(&detail)],
                )?;
            }
        }
        // A customer's update is unique per event: one row each.
        tx.execute(
            "UPDATE outbox SET recipient = ?2, subject = ?2, body = ?2
             WHERE ticket_id = ?1 AND audience = 'customer'",
            params![id, REDACTED],
        )?;
        // A receiver's refusal quotes the address (550 <maria@...>), a
        // command's error may echo the message: every delivery's.
        tx.execute(
            "UPDATE outbox SET last_error = ?2 WHERE ticket_id = ?1 AND last_error IS NOT NULL",
            params![id, REDACTED],
        )?;
        let mut erased = read_ticket(&tx, id)?;
        erased.updated_at = when;
        let tombstone = EventData::new(EventKind::Redacted, when, actor, ticket.cycle).reason(why);
        insert_event(&tx, &erased, tombstone)?;
    }
    // The search indexes took the erased words out only by marking them
    // deleted in a newer segment: merge the segments so none is left.
    tx.execute_batch(
        "INSERT INTO ticket_words (ticket_words) VALUES ('optimize');
         INSERT INTO note_words (note_words) VALUES ('optimize');",
    )?;
    tx.commit()?;
    // Earlier changes left old copies of rows in free space, which SQLite
    // did not overwrite then: rebuild the file without them. The journal
    // still holds pages as they were: write them back and empty it.
    if conn.execute_batch("VACUUM").is_err() {
        return Ok(false);
    }
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    Ok(busy == 0)
}
