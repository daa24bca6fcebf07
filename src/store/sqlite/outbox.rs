//! The outbox table: notifications queued with their events, and read back
//! for `esc outbox`.

use anyhow::Result;
use rusqlite::{Connection, named_params};

use crate::event::Event;
use crate::outbox::{Message, Notification, Queued};
use crate::store::record::{self, NOTIFICATION_COLUMNS};

/// Queue one notification per person `event` asks to tell, in the caller's
/// transaction. Returns how many.
pub(super) fn enqueue(conn: &Connection, event: &Event, watchers: &[String]) -> Result<usize> {
    let mut queued = 0;
    for q in Queued::for_people(event, watchers) {
        queued += insert(conn, &q)?;
    }
    Ok(queued)
}

/// Queue an update for the customer with the text it was written with,
/// in the caller's transaction. Returns how many (0 or 1).
pub(super) fn enqueue_notice(
    conn: &Connection,
    event: &Event,
    notice: &crate::customer::Notice,
) -> Result<usize> {
    let message = Message {
        subject: notice.subject.clone(),
        body: notice.body.clone(),
    };
    insert(
        conn,
        &Queued::for_customer(event, &notice.to, &notice.update, message),
    )
}

/// Keep `q` in the outbox, unless its event has one for its recipient.
fn insert(conn: &Connection, q: &Queued) -> Result<usize> {
    let (subject, body) = match &q.update {
        Some(m) => (Some(m.subject.as_str()), Some(m.body.as_str())),
        None => (None, None),
    };
    Ok(conn
        .prepare_cached(
            "INSERT INTO outbox (event_id, ticket_id, recipient, role, queued_at, next_attempt_at,
                                 urgent, audience, subject, body)
             VALUES (:event, :ticket, :recipient, :role, :at, :at, :urgent, :audience, :subject,
                     :body)
             ON CONFLICT (event_id, recipient) DO NOTHING",
        )?
        .execute(named_params! {
            ":event": q.event,
            ":ticket": q.ticket,
            ":recipient": q.recipient.name,
            ":role": q.recipient.role,
            ":at": q.at.timestamp(),
            ":urgent": q.urgent,
            ":audience": q.audience.as_str(),
            ":subject": subject,
            ":body": body,
        })?)
}

/// Put back a notification as an export holds it, under its id or, without
/// `keep_id`, the next one.
pub(super) fn restore(conn: &Connection, keep_id: bool, n: &Notification) -> Result<()> {
    let (subject, body) = match &n.update {
        Some(m) => (Some(m.subject.as_str()), Some(m.body.as_str())),
        None => (None, None),
    };
    conn.prepare_cached(
        "INSERT INTO outbox (id, event_id, ticket_id, recipient, role, queued_at, status,
                             attempts, next_attempt_at, last_error, sent_at, audience,
                             subject, body, urgent)
         VALUES (:id, :event, :ticket, :recipient, :role, :queued_at, :status, :attempts,
                 :next, :error, :sent_at, :audience, :subject, :body, :urgent)",
    )?
    .execute(named_params! {
        ":id": keep_id.then_some(n.id),
        ":event": n.event,
        ":ticket": n.ticket,
        ":recipient": n.recipient.name,
        ":role": n.recipient.role,
        ":queued_at": n.queued_at.timestamp(),
        ":status": n.status.as_str(),
        ":attempts": n.attempts,
        ":next": n.next_attempt_at.timestamp(),
        ":error": n.last_error,
        ":sent_at": n.sent_at.map(|t| t.timestamp()),
        ":audience": n.audience.as_str(),
        ":subject": subject,
        ":body": body,
        ":urgent": n.urgent,
    })?;
    Ok(())
}

/// Take up to `limit` notifications due by `now` that nobody holds, and
/// hold them until `until`: a deliverer that overlaps (another tick) skips
/// them, and one that died lets them go when the lease runs out. With
/// `by_recipient`, the batch takes a person's notifications together.
pub(super) fn lease(
    conn: &mut Connection,
    now: crate::clock::Instant,
    until: crate::clock::Instant,
    limit: usize,
    by_recipient: bool,
) -> Result<Vec<Notification>> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let held = {
        let mut stmt = tx.prepare_cached(&format!(
            "UPDATE outbox SET leased_until = :until
             WHERE id IN (SELECT id FROM outbox
                          WHERE status = 'pending' AND next_attempt_at <= :now
                            AND (leased_until IS NULL OR leased_until <= :now)
                          ORDER BY CASE WHEN :by_recipient THEN recipient END, id
                          LIMIT :limit)
             RETURNING {NOTIFICATION_COLUMNS}"
        ))?;
        let rows = stmt.query_map(
            named_params! {
                ":now": now.timestamp(),
                ":until": until.timestamp(),
                ":limit": limit as i64,
                ":by_recipient": by_recipient,
            },
            notification,
        )?;
        let mut held = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        if by_recipient {
            held.sort_by(|a, b| (&a.recipient.name, a.id).cmp(&(&b.recipient.name, b.id)));
        } else {
            held.sort_by_key(|n| n.id);
        }
        held
    };
    tx.commit()?;
    Ok(held)
}

/// Record one attempt at `id`: sent, to be retried at `retry`, or (no
/// retry) given up on. Lets go of the lease.
pub(super) fn attempted(
    conn: &Connection,
    id: i64,
    at: crate::clock::Instant,
    outcome: &std::result::Result<(), String>,
    retry: Option<crate::clock::Instant>,
) -> Result<bool> {
    let (status, error, next) = match (outcome, retry) {
        (Ok(()), _) => ("sent", None, None),
        (Err(e), Some(next)) => ("pending", Some(e.as_str()), Some(next.timestamp())),
        (Err(e), None) => ("failed", Some(e.as_str()), None),
    };
    let changed = conn
        .prepare_cached(
            "UPDATE outbox SET status = :status, attempts = attempts + 1, leased_until = NULL,
            last_error = CASE WHEN :status = 'sent' THEN NULL ELSE coalesce(:error, last_error) END,
            next_attempt_at = coalesce(:next, next_attempt_at),
            sent_at = CASE WHEN :status = 'sent' THEN :at ELSE sent_at END
         WHERE id = :id AND status = 'pending'",
        )?
        .execute(named_params! {
            ":status": status,
            ":error": error,
            ":next": next,
            ":at": at.timestamp(),
            ":id": id,
        })?;
    // Another deliverer recorded it first when this one overran its lease.
    Ok(changed == 1)
}

fn notification(row: &rusqlite::Row) -> rusqlite::Result<Notification> {
    super::cells::mapped(|c| record::notification(c))(row)
}

/// Notifications still to deliver or given up on, oldest first; with
/// `everything`, delivered ones too.
pub(super) fn list(conn: &Connection, everything: bool) -> Result<Vec<Notification>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {NOTIFICATION_COLUMNS} FROM outbox WHERE ?1 OR status != 'sent' ORDER BY id"
    ))?;
    let rows = stmt.query_map([everything], notification)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Every notification about ticket `id`, oldest first.
pub(super) fn of_ticket(
    conn: &Connection,
    id: crate::ticket::TicketId,
) -> Result<Vec<Notification>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {NOTIFICATION_COLUMNS} FROM outbox WHERE ticket_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([id], notification)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Put notification `id` back in line from `now`, with its attempts
/// counted afresh; `None` if there is no such notification. A sent one is
/// left as it is and returned as it is.
pub(super) fn retry(
    conn: &mut Connection,
    id: i64,
    now: crate::clock::Instant,
) -> Result<Option<Notification>> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute(
        "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?2,
                leased_until = NULL
         WHERE id = ?1 AND status != 'sent'",
        rusqlite::params![id, now.timestamp()],
    )?;
    let found = {
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT {NOTIFICATION_COLUMNS} FROM outbox WHERE id = ?1"
        ))?;
        let mut rows = stmt.query_map([id], notification)?;
        rows.next().transpose()?
    };
    tx.commit()?;
    Ok(found)
}

/// The people with notifications due by `now` that nobody holds.
pub(super) fn due_recipients(conn: &Connection, now: crate::clock::Instant) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT recipient FROM outbox
         WHERE status = 'pending' AND audience = 'person' AND next_attempt_at <= ?1
           AND (leased_until IS NULL OR leased_until <= ?1)
         ORDER BY recipient",
    )?;
    let rows = stmt.query_map([now.timestamp()], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Leave every notification for `recipient` due by `now` waiting until
/// `until`, saying why, without counting an attempt (with `routine_only`,
/// the urgent ones go on). Returns how many.
pub(super) fn release_recipient(
    conn: &Connection,
    recipient: &str,
    at: crate::clock::Instant,
) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE outbox SET next_attempt_at = ?2, last_error = NULL
             WHERE recipient = ?1 AND audience = 'person' AND status = 'pending'
               AND next_attempt_at > ?2",
        )?
        .execute(rusqlite::params![recipient, at.timestamp()])?)
}

pub(super) fn defer_recipient(
    conn: &Connection,
    recipient: &str,
    now: crate::clock::Instant,
    until: crate::clock::Instant,
    why: &str,
    routine_only: bool,
) -> Result<crate::store::Deferred> {
    const HELD: &str = "WHERE recipient = ?1 AND audience = 'person' AND status = 'pending'
           AND next_attempt_at <= ?2
           AND (leased_until IS NULL OR leased_until <= ?2)
           AND NOT (?5 AND urgent)";
    let params = rusqlite::params![
        recipient,
        now.timestamp(),
        until.timestamp(),
        why,
        routine_only
    ];
    // Counted, then updated, each on its own: a read transaction that went
    // on to write would fail whenever another writer committed between
    // the two. Another deliverer may defer the same rows meanwhile; the
    // count only tells the summary what is news. Both read the due rows
    // alone: by recipient, SQLite would walk a person's whole history.
    let first: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM outbox INDEXED BY outbox_due {HELD} AND last_error IS NOT ?4"
        ))?
        .query_row(params, |r| r.get(0))?;
    let all = conn
        .prepare_cached(&format!(
            "UPDATE outbox INDEXED BY outbox_due SET next_attempt_at = ?3, last_error = ?4 {HELD}"
        ))?
        .execute(params)?;
    Ok(crate::store::Deferred {
        all,
        first: first as usize,
    })
}

/// The latest `limit` notifications for `recipient`, newest first.
pub(super) fn for_recipient(
    conn: &Connection,
    recipient: &str,
    limit: usize,
) -> Result<Vec<Notification>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {NOTIFICATION_COLUMNS} FROM outbox WHERE recipient = ?1 ORDER BY queued_at DESC, id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(rusqlite::params![recipient, limit as i64], notification)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Notifications queued in `[since, until)`, by where they stand.
pub(super) fn counts(
    conn: &Connection,
    since: crate::clock::Instant,
    until: crate::clock::Instant,
) -> Result<crate::report::Notified> {
    Ok(conn.query_row(
        // An agent's reply by mail is the customer's update `reply`.
        "SELECT count(*) FILTER (WHERE NOT reply),
                count(*) FILTER (WHERE NOT reply AND status = 'sent'),
                count(*) FILTER (WHERE NOT reply AND status = 'failed'),
                count(*) FILTER (WHERE NOT reply AND status = 'pending'),
                count(*) FILTER (WHERE reply),
                count(*) FILTER (WHERE reply AND status = 'sent')
         FROM (SELECT status, (audience = 'customer' AND role IS NOT NULL AND role = 'reply') AS reply
               FROM outbox WHERE queued_at >= ?1 AND queued_at < ?2) AS queued",
        [since.timestamp(), until.timestamp()],
        |r| {
            let n = |i: usize| r.get::<_, i64>(i).map(|v| v.max(0) as u64);
            Ok(crate::report::Notified {
                queued: n(0)?,
                sent: n(1)?,
                failed: n(2)?,
                waiting: n(3)?,
                replies: n(4)?,
                replies_sent: n(5)?,
            })
        },
    )?)
}
