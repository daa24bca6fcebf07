//! The write primitives on an open transaction on the server. A ticket is
//! held with `FOR NO KEY UPDATE`: other writers of that ticket wait, while
//! outbox rows and events may still name it.

use anyhow::Result;
use postgres::GenericClient;

use super::rows::{Sql, insert_event, insert_many, insert_ticket, read_many, write_all};
use crate::clock::Instant;
use crate::event::{Detail, Event, EventData, REDACTED};
use crate::lifecycle::Transition;
use crate::outbox::Notification;
use crate::store::mail::{KeptMail, NewMail};
use crate::store::{Applied, Hold, PolicyVersion, Txn};
use crate::ticket::{Ticket, TicketId};

impl<C: GenericClient> Txn for Sql<'_, C> {
    fn lock_tickets(&mut self, ids: &[TicketId], hold: Hold) -> Result<Vec<(Ticket, Vec<Event>)>> {
        let lock = match hold {
            Hold::Wait => "FOR NO KEY UPDATE",
            Hold::SkipHeld => "FOR NO KEY UPDATE SKIP LOCKED",
            Hold::Not => "",
        };
        read_many(self, ids, lock)
    }

    fn insert_many(&mut self, tickets: Vec<(Ticket, Vec<EventData>)>) -> Result<()> {
        insert_many(self, tickets)
    }

    fn settled(&mut self, ids: &[TicketId]) -> Result<()> {
        // Derived again from the log, whoever wrote them last.
        self.execute(
            "UPDATE tickets SET recheck = false WHERE id = ANY($1) AND recheck",
            &[&ids],
        )?;
        Ok(())
    }

    fn insert_ticket(&mut self, id: Option<TicketId>, t: &Ticket) -> Result<TicketId> {
        insert_ticket(self, id, t)
    }

    fn write(&mut self, changes: Vec<(&Ticket, Transition)>) -> Result<Vec<Applied>> {
        write_all(self, changes)
    }

    fn append(&mut self, ticket: &Ticket, id: Option<i64>, e: EventData) -> Result<Event> {
        insert_event(self, ticket, id, e)
    }

    fn enqueue(&mut self, ticket: &Ticket, event: &Event) -> Result<usize> {
        super::outbox::enqueue(self, event, &ticket.watchers)
    }

    fn mark_sent(&mut self, ids: &[i64], at: Instant) -> Result<Vec<i64>> {
        super::outbox::sent(self, ids, at)
    }

    fn erase_personal_data(&mut self, id: TicketId, at: Instant) -> Result<()> {
        // Who wrote in is named where their mail acted: read before the
        // ticket and its mail forget the addresses.
        self.execute(
            "UPDATE events SET actor = $2
             WHERE ticket_id = $1 AND actor IN (
                 SELECT sender FROM messages WHERE ticket_id = $1 AND sender <> ''
                 UNION SELECT email FROM tickets WHERE id = $1 AND email IS NOT NULL)",
            &[&id, &REDACTED],
        )?;
        self.execute(
            "UPDATE tickets SET customer = $2, email = NULL, cc = '', title = $2, description = '',
                 resolution = CASE WHEN resolution IS NULL THEN NULL ELSE $2 END,
                 updated_at = $3
             WHERE id = $1",
            &[&id, &REDACTED, &at.timestamp()],
        )?;
        self.execute(
            "UPDATE events SET reason = $2 WHERE ticket_id = $1 AND reason IS NOT NULL",
            &[&id, &REDACTED],
        )?;
        // A customer's update is unique per event: one row each.
        self.execute(
            "UPDATE outbox SET recipient = $2, subject = $2, body = $2
             WHERE ticket_id = $1 AND audience = 'customer'",
            &[&id, &REDACTED],
        )?;
        self.execute(
            "UPDATE outbox SET last_error = $2 WHERE ticket_id = $1 AND last_error IS NOT NULL",
            &[&id, &REDACTED],
        )?;
        // The customer's mail: as it came, who was copied, what it said.
        self.execute(
            "UPDATE messages SET raw = NULL, sender = $2, cc = '', subject = $2,
                 note = CASE WHEN note IS NULL THEN NULL ELSE $2 END
             WHERE ticket_id = $1",
            &[&id, &REDACTED],
        )?;
        Ok(())
    }

    fn set_detail(&mut self, id: i64, detail: &Detail) -> Result<()> {
        self.execute(
            "UPDATE events SET detail = $2 WHERE id = $1",
            &[&id, &crate::store::record::detail_json(detail)],
        )?;
        Ok(())
    }

    fn claim_numbering(&mut self) -> Result<TicketId> {
        self.execute("LOCK TABLE tickets IN SHARE ROW EXCLUSIVE MODE", &[])?;
        Ok(self
            .one("SELECT coalesce(max(id), 0) FROM tickets", &[])?
            .get(0))
    }

    fn policies(&mut self) -> Result<Vec<PolicyVersion>> {
        super::policies::all(self)
    }

    fn in_force(&mut self) -> Result<Option<PolicyVersion>> {
        super::policies::active(self)
    }

    fn insert_policy(&mut self, version: &PolicyVersion) -> Result<()> {
        super::policies::insert(self, version)?;
        // What the server enforces follows the version now in force.
        super::policies::enforce(self)
    }

    fn release_recipient(&mut self, recipient: &str, at: Instant) -> Result<usize> {
        super::outbox::release_recipient(self, recipient, at)
    }

    fn replace_policies(&mut self, versions: &[PolicyVersion]) -> Result<()> {
        self.execute("DELETE FROM policies", &[])?;
        for v in versions {
            super::policies::insert(self, v)?;
        }
        // What the server enforces follows the version now in force.
        super::policies::enforce(self)
    }

    fn insert_notification(&mut self, keep_id: bool, n: &Notification) -> Result<()> {
        super::outbox::restore(self, keep_id, n)
    }

    fn ids_given(&mut self) -> Result<()> {
        // Rows given their ids do not move the sequences that number new ones.
        for table in ["tickets", "events", "outbox"] {
            self.execute(
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                                   coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
                ),
                &[],
            )?;
        }
        Ok(())
    }

    fn mail(&mut self, message_id: &str) -> Result<Option<KeptMail>> {
        super::mail::find(self, message_id)
    }

    fn mail_on(&mut self, id: TicketId) -> Result<Vec<KeptMail>> {
        super::mail::of_ticket(self, Some(id))
    }

    fn keep_mail(&mut self, mail: &NewMail) -> Result<i64> {
        super::mail::insert(self, mail)
    }

    fn refile_mail(&mut self, id: i64, m: &NewMail) -> Result<()> {
        self.execute(
            "UPDATE messages SET message_id = $2, ticket_id = $3, event_id = $4, sender = $5,
                 cc = $6, subject = $7, filed = $8, note = $9
             WHERE id = $1",
            &[
                &id,
                &m.message_id,
                &m.ticket,
                &m.event,
                &m.sender,
                &m.cc.join(crate::store::record::NAMES),
                &m.subject,
                &m.filed.as_str(),
                &m.note,
            ],
        )?;
        Ok(())
    }

    fn mail_opened_by(&mut self, sender: &str, since: Instant) -> Result<u64> {
        let row = self.one(
            "SELECT count(*) FROM messages WHERE sender = $1 AND filed = 'opened' AND at >= $2",
            &[&sender, &since.timestamp()],
        )?;
        Ok(row.get::<_, i64>(0) as u64)
    }

    fn erase_mail_from(&mut self, address: &str) -> Result<()> {
        self.execute(
            "UPDATE messages SET raw = NULL, sender = $2, cc = '', subject = $2,
                 note = CASE WHEN note IS NULL THEN NULL ELSE $2 END
             WHERE ticket_id IS NULL AND sender = $1",
            &[&address, &REDACTED],
        )?;
        self.execute("DELETE FROM undeliverable WHERE address = $1", &[&address])?;
        Ok(())
    }

    fn claim_occurrence(&mut self, o: &crate::recurrence::Occurrence) -> Result<bool> {
        super::ledger::claim(self, o)
    }

    fn occurrence_opened(
        &mut self,
        schedule: &str,
        occurrence: &str,
        ticket: TicketId,
    ) -> Result<()> {
        super::ledger::opened(self, schedule, occurrence, ticket)
    }

    fn mark_address(&mut self, address: &str, bounced: Option<(Instant, &str)>) -> Result<()> {
        super::mail::mark(
            self,
            address,
            bounced.map(|(at, why)| (at.timestamp(), why)),
        )
    }
}
