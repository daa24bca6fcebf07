//! Erasing a customer's personal data on the server: the same rewrite as
//! on a file, in one transaction, then a VACUUM of the tables it touched.

use anyhow::Result;
use postgres::GenericClient;

use super::rows::{Sql, insert_event, read_events, read_ticket};
use crate::clock::Instant;
use crate::event::{EventData, EventKind, REDACTED};
use crate::ticket::TicketId;

pub(super) fn redact(
    sql: &mut Sql<impl GenericClient>,
    ids: &[TicketId],
    at: Instant,
    actor: &str,
    why: Option<&str>,
) -> Result<()> {
    for &id in ids {
        let ticket = read_ticket(sql, id, "FOR NO KEY UPDATE")?;
        let when = at.max(ticket.updated_at);
        sql.execute(
            "UPDATE tickets SET customer = $2, email = NULL, title = $2, description = '',
                 resolution = CASE WHEN resolution IS NULL THEN NULL ELSE $2 END,
                 updated_at = $3
             WHERE id = $1",
            &[&id, &REDACTED, &when.timestamp()],
        )?;
        sql.execute(
            "UPDATE events SET reason = $2 WHERE ticket_id = $1 AND reason IS NOT NULL",
            &[&id, &REDACTED],
        )?;
        for event in read_events(sql, id)? {
            if let Some(detail) = event.data.detail.as_ref().and_then(|d| d.redacted()) {
                sql.execute(
                    "UPDATE events SET detail = $2 WHERE id = $1",
                    &[&event.id, &crate::store::record::detail_json(&detail)],
                )?;
            }
        }
        sql.execute(
            "UPDATE outbox SET recipient = $2, subject = $2, body = $2
             WHERE ticket_id = $1 AND audience = 'customer'",
            &[&id, &REDACTED],
        )?;
        // A receiver's refusal quotes the address (550 <maria@...>), a
        // command's error may echo the message: every delivery's.
        sql.execute(
            "UPDATE outbox SET last_error = $2 WHERE ticket_id = $1 AND last_error IS NOT NULL",
            &[&id, &REDACTED],
        )?;
        let mut erased = read_ticket(sql, id, "")?;
        erased.updated_at = when;
        let tombstone = EventData::new(EventKind::Redacted, when, actor, ticket.cycle).reason(why);
        insert_event(sql, &erased, None, tombstone)?;
    }
    Ok(())
}
