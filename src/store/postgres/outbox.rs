//! The outbox on the server: notifications queued with their events, and
//! leased to deliverers on any number of hosts without waiting on each
//! other (`FOR UPDATE SKIP LOCKED`).

use anyhow::Result;
use postgres::GenericClient;

use super::batch::Arrays;
use super::sql::{Param, Sql};
use crate::clock::Instant;
use crate::event::Event;
use crate::outbox::{Message, Notification, Queued};
use crate::store::record::{self, Cell, NOTIFICATION_COLUMNS};
use crate::ticket::TicketId;

/// Queue one notification per person each of `events` asks to tell, and
/// each customer update with the text it was written with, in the caller's
/// transaction and one statement; each once per event and recipient. Due
/// at once: the event's own instant. Returns each queued one's ticket, and
/// for a customer's, their address.
pub(super) fn enqueue_all(
    sql: &mut Sql<impl GenericClient>,
    people: Vec<Queued>,
    notices: &[(Event, crate::customer::Notice)],
) -> Result<Vec<(TicketId, Option<String>)>> {
    let mut rows = Arrays::new(vec![
        "event_id",
        "ticket_id",
        "recipient",
        "role",
        "queued_at",
        "next_attempt_at",
        "urgent",
        "audience",
        "subject",
        "body",
    ]);
    let text = |s: &str| Cell::Text(s.to_string());
    let customers = notices.iter().map(|(e, n)| {
        let message = Message {
            subject: n.subject.clone(),
            body: n.body.clone(),
        };
        Queued::for_customer(e, &n.to, &n.update, message)
    });
    for q in people.into_iter().chain(customers) {
        let at = q.at.timestamp();
        let (subject, body) = match &q.update {
            Some(m) => (text(&m.subject), text(&m.body)),
            None => (Cell::Null, Cell::Null),
        };
        rows.push([
            Cell::Int(q.event),
            Cell::Int(q.ticket),
            text(&q.recipient.name),
            q.recipient.role.as_deref().map_or(Cell::Null, text),
            Cell::Int(at),
            Cell::Int(at),
            Cell::Flag(q.urgent),
            text(q.audience.as_str()),
            subject,
            body,
        ]);
    }
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let inserted = sql.query(
        &format!(
            "INSERT INTO outbox ({}) SELECT * FROM {}
             ON CONFLICT (event_id, recipient) DO NOTHING
             RETURNING ticket_id, audience, recipient",
            rows.names(),
            rows.unnest("o")
        ),
        &rows.params(),
    )?;
    Ok(inserted
        .iter()
        .map(|r| {
            let customer = (r.get::<_, &str>(1) == "customer").then(|| r.get(2));
            (r.get(0), customer)
        })
        .collect())
}

/// Queue one notification per person `event` asks to tell, in the
/// caller's transaction; see [`enqueue_all`].
pub(super) fn enqueue(
    sql: &mut Sql<impl GenericClient>,
    event: &Event,
    watchers: &[String],
) -> Result<usize> {
    Ok(enqueue_all(sql, Queued::for_people(event, watchers), &[])?.len())
}

/// Put back a notification as an export holds it, under its id or, without
/// `keep_id`, the next one.
pub(super) fn restore(
    sql: &mut Sql<impl GenericClient>,
    keep_id: bool,
    n: &Notification,
) -> Result<()> {
    let (subject, body) = match &n.update {
        Some(m) => (Some(m.subject.as_str()), Some(m.body.as_str())),
        None => (None, None),
    };
    let values: [Param; 14] = [
        &n.event,
        &n.ticket,
        &n.recipient.name,
        &n.recipient.role,
        &n.queued_at.timestamp(),
        &n.status.as_str(),
        &i64::from(n.attempts),
        &n.next_attempt_at.timestamp(),
        &n.last_error,
        &n.sent_at.map(|t| t.timestamp()),
        &n.audience.as_str(),
        &subject,
        &body,
        &n.urgent,
    ];
    let columns = "event_id, ticket_id, recipient, role, queued_at, status, attempts, \
                   next_attempt_at, last_error, sent_at, audience, subject, body, urgent";
    let marks = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14";
    if keep_id {
        let mut with_id = values.to_vec();
        with_id.push(&n.id);
        sql.execute(
            &format!("INSERT INTO outbox ({columns}, id) VALUES ({marks}, $15)"),
            &with_id,
        )?;
    } else {
        sql.execute(
            &format!("INSERT INTO outbox ({columns}) VALUES ({marks})"),
            &values,
        )?;
    }
    Ok(())
}

/// Take up to `limit` notifications due by `now` that nobody holds, and
/// hold them until `until`. Rows another deliverer is leasing at this
/// moment are skipped, not waited for; one that died lets its rows go when
/// the lease runs out.
pub(super) fn lease(
    sql: &mut Sql<impl GenericClient>,
    now: Instant,
    until: Instant,
    limit: usize,
    by_recipient: bool,
) -> Result<Vec<Notification>> {
    let order = if by_recipient { "recipient, id" } else { "id" };
    let mut held = sql.all(
        &format!(
            "UPDATE outbox SET leased_until = $2
             WHERE id IN (SELECT id FROM outbox
                          WHERE status = 'pending' AND next_attempt_at <= $1
                            AND (leased_until IS NULL OR leased_until <= $1)
                          ORDER BY {order}
                          LIMIT $3
                          FOR UPDATE SKIP LOCKED)
             RETURNING {NOTIFICATION_COLUMNS}"
        ),
        &[&now.timestamp(), &until.timestamp(), &(limit as i64)],
        |c| record::notification(c),
    )?;
    if by_recipient {
        held.sort_by(|a, b| (&a.recipient.name, a.id).cmp(&(&b.recipient.name, b.id)));
    } else {
        held.sort_by_key(|n| n.id);
    }
    Ok(held)
}

/// Record one attempt at `id`: sent, to be retried at `retry`, or (no
/// retry) given up on. Lets go of the lease.
pub(super) fn attempted(
    sql: &mut Sql<impl GenericClient>,
    id: i64,
    at: Instant,
    outcome: &std::result::Result<(), String>,
    retry: Option<Instant>,
) -> Result<()> {
    let (status, error, next) = match (outcome, retry) {
        (Ok(()), _) => ("sent", None, None),
        (Err(e), Some(next)) => ("pending", Some(e.as_str()), Some(next.timestamp())),
        (Err(e), None) => ("failed", Some(e.as_str()), None),
    };
    sql.execute(
        "UPDATE outbox SET status = $1, attempts = attempts + 1, leased_until = NULL,
            last_error = CASE WHEN $1 = 'sent' THEN NULL ELSE coalesce($2, last_error) END,
            next_attempt_at = coalesce($3, next_attempt_at),
            sent_at = CASE WHEN $1 = 'sent' THEN $4 ELSE sent_at END
         WHERE id = $5 AND status = 'pending'",
        &[&status, &error, &next, &at.timestamp(), &id],
    )?;
    Ok(())
}

/// Record that notifications `ids` reached their recipients at `at`, in
/// one statement; those another deliverer recorded first (this one
/// overran its lease) stay as they are. The ids it recorded.
pub(super) fn sent(
    sql: &mut Sql<impl GenericClient>,
    ids: &[i64],
    at: Instant,
) -> Result<Vec<i64>> {
    Ok(sql
        .query(
            "UPDATE outbox SET status = 'sent', attempts = attempts + 1, leased_until = NULL,
                    sent_at = $2, last_error = NULL
             WHERE id = ANY($1) AND status = 'pending'
             RETURNING id",
            &[&ids, &at.timestamp()],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect())
}

/// Notifications still to deliver or given up on, oldest first; with
/// `everything`, delivered ones too.
pub(super) fn list(
    sql: &mut Sql<impl GenericClient>,
    everything: bool,
) -> Result<Vec<Notification>> {
    sql.all(
        &format!(
            "SELECT {NOTIFICATION_COLUMNS} FROM outbox WHERE $1 OR status <> 'sent' ORDER BY id"
        ),
        &[&everything],
        |c| record::notification(c),
    )
}

/// Every notification about ticket `id`, oldest first.
pub(super) fn of_ticket(
    sql: &mut Sql<impl GenericClient>,
    id: TicketId,
) -> Result<Vec<Notification>> {
    sql.all(
        &format!("SELECT {NOTIFICATION_COLUMNS} FROM outbox WHERE ticket_id = $1 ORDER BY id"),
        &[&id],
        |c| record::notification(c),
    )
}

/// Put notification `id` back in line from `now`, with its attempts
/// counted afresh; `None` if there is no such notification. A sent one is
/// left as it is and returned as it is.
pub(super) fn retry(
    sql: &mut Sql<impl GenericClient>,
    id: i64,
    now: Instant,
) -> Result<Option<Notification>> {
    sql.execute(
        "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $2,
                leased_until = NULL
         WHERE id = $1 AND status <> 'sent'",
        &[&id, &now.timestamp()],
    )?;
    Ok(sql
        .all(
            &format!("SELECT {NOTIFICATION_COLUMNS} FROM outbox WHERE id = $1"),
            &[&id],
            |c| record::notification(c),
        )?
        .pop())
}

/// The people with notifications due by `now` that nobody holds.
pub(super) fn due_recipients(
    sql: &mut Sql<impl GenericClient>,
    now: Instant,
) -> Result<Vec<String>> {
    Ok(sql
        .query(
            "SELECT DISTINCT recipient FROM outbox
             WHERE status = 'pending' AND audience = 'person' AND next_attempt_at <= $1
               AND (leased_until IS NULL OR leased_until <= $1)
             ORDER BY recipient",
            &[&now.timestamp()],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect())
}

/// Leave every notification for `recipient` due by `now` waiting until
/// `until`, saying why, without counting an attempt (with `routine_only`,
/// the urgent ones go on). Returns how many.
pub(super) fn release_recipient(
    sql: &mut Sql<impl GenericClient>,
    recipient: &str,
    at: Instant,
) -> Result<usize> {
    Ok(sql.execute(
        "UPDATE outbox SET next_attempt_at = $2, last_error = NULL
         WHERE recipient = $1 AND audience = 'person' AND status = 'pending'
           AND next_attempt_at > $2",
        &[&recipient, &at.timestamp()],
    )? as usize)
}

pub(super) fn defer_recipient(
    sql: &mut Sql<impl GenericClient>,
    recipient: &str,
    now: Instant,
    until: Instant,
    why: &str,
    routine_only: bool,
) -> Result<crate::store::Deferred> {
    // The reason each row held before, read as it is updated.
    let row = sql.one(
        "WITH held AS (
             SELECT id, last_error IS DISTINCT FROM $4 AS first FROM outbox
             WHERE recipient = $1 AND audience = 'person' AND status = 'pending'
               AND next_attempt_at <= $2
               AND (leased_until IS NULL OR leased_until <= $2)
               AND NOT ($5 AND urgent)
             FOR UPDATE
         ), deferred AS (
             UPDATE outbox o SET next_attempt_at = $3, last_error = $4
             FROM held WHERE o.id = held.id
             RETURNING held.first
         )
         SELECT count(*), count(*) FILTER (WHERE first) FROM deferred",
        &[
            &recipient,
            &now.timestamp(),
            &until.timestamp(),
            &why,
            &routine_only,
        ],
    )?;
    let (all, first): (i64, i64) = (row.get(0), row.get(1));
    Ok(crate::store::Deferred {
        all: all as usize,
        first: first as usize,
    })
}

/// The latest `limit` notifications for `recipient`, newest first.
pub(super) fn for_recipient(
    sql: &mut Sql<impl GenericClient>,
    recipient: &str,
    limit: usize,
) -> Result<Vec<Notification>> {
    sql.all(
        &format!(
            "SELECT {NOTIFICATION_COLUMNS} FROM outbox WHERE recipient = $1
             ORDER BY queued_at DESC, id DESC LIMIT $2"
        ),
        &[&recipient, &(limit as i64)],
        |c| record::notification(c),
    )
}

/// Notifications queued in `[since, until)`, by where they stand.
pub(super) fn counts(
    sql: &mut Sql<impl GenericClient>,
    since: Instant,
    until: Instant,
) -> Result<crate::report::Notified> {
    let row = sql.one(
        // An agent's reply by mail is the customer's update `reply`.
        "SELECT count(*) FILTER (WHERE NOT reply),
                count(*) FILTER (WHERE NOT reply AND status = 'sent'),
                count(*) FILTER (WHERE NOT reply AND status = 'failed'),
                count(*) FILTER (WHERE NOT reply AND status = 'pending'),
                count(*) FILTER (WHERE reply),
                count(*) FILTER (WHERE reply AND status = 'sent')
         FROM (SELECT status, (audience = 'customer' AND role IS NOT NULL AND role = 'reply') AS reply
               FROM outbox WHERE queued_at >= $1 AND queued_at < $2) AS queued",
        &[&since.timestamp(), &until.timestamp()],
    )?;
    let n = |i: usize| row.get::<_, i64>(i).max(0) as u64;
    Ok(crate::report::Notified {
        queued: n(0),
        sent: n(1),
        failed: n(2),
        waiting: n(3),
        replies: n(4),
        replies_sent: n(5),
    })
}
