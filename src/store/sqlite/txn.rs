//! The write primitives on an open SQLite transaction. An IMMEDIATE
//! transaction holds the file's write lock from its start, so a ticket read
//! in it is held for it.

use anyhow::Result;
use rusqlite::{Transaction, params};

use super::rows::{insert_event_as, insert_ticket_as, read_events, read_ticket, write};
use crate::clock::Instant;
use crate::error::EscError;
use crate::event::{Detail, Event, EventData, REDACTED};
use crate::lifecycle::Transition;
use crate::outbox::Notification;
use crate::store::mail::{KeptMail, NewMail};
use crate::store::{Applied, Hold, PolicyVersion, Txn};
use crate::ticket::{Ticket, TicketId};

impl Txn for Transaction<'_> {
    fn lock_tickets(&mut self, ids: &[TicketId], _: Hold) -> Result<Vec<(Ticket, Vec<Event>)>> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        let mut held = Vec::with_capacity(ids.len());
        for id in ids {
            match read_ticket(self, id) {
                Ok(t) => held.push((t, read_events(self, id)?)),
                Err(e) if matches!(e.downcast_ref(), Some(EscError::NoSuchTicket(_))) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(held)
    }

    fn insert_many(&mut self, tickets: Vec<(Ticket, Vec<EventData>)>) -> Result<()> {
        for (mut ticket, log) in tickets {
            ticket.id = insert_ticket_as(self, None, &ticket)?;
            for e in log {
                insert_event_as(self, &ticket, None, e)?;
            }
        }
        Ok(())
    }

    fn settled(&mut self, _: &[TicketId]) -> Result<()> {
        // Only the queue's owner writes a file: nothing to check again.
        Ok(())
    }

    fn insert_ticket(&mut self, id: Option<TicketId>, t: &Ticket) -> Result<TicketId> {
        insert_ticket_as(self, id, t)
    }

    fn write(&mut self, changes: Vec<(&Ticket, Transition)>) -> Result<Vec<Applied>> {
        changes
            .into_iter()
            .map(|(before, change)| write(self, before, change))
            .collect()
    }

    fn append(&mut self, ticket: &Ticket, id: Option<i64>, e: EventData) -> Result<Event> {
        insert_event_as(self, ticket, id, e)
    }

    fn enqueue(&mut self, ticket: &Ticket, event: &Event) -> Result<usize> {
        super::outbox::enqueue(self, event, &ticket.watchers)
    }

    fn mark_sent(&mut self, ids: &[i64], at: Instant) -> Result<Vec<i64>> {
        let mut done = Vec::new();
        for &id in ids {
            if super::outbox::attempted(self, id, at, &Ok(()), None)? {
                done.push(id);
            }
        }
        Ok(done)
    }

    fn erase_personal_data(&mut self, id: TicketId, at: Instant) -> Result<()> {
        // Freed pages are overwritten, not left with the text in them.
        self.pragma_update(None, "secure_delete", "ON")?;
        // Who wrote in is named where their mail acted: read before the
        // ticket and its mail forget the addresses.
        self.execute(
            "UPDATE events SET actor = ?2
             WHERE ticket_id = ?1 AND actor IN (
                 SELECT sender FROM messages WHERE ticket_id = ?1 AND sender <> ''
                 UNION SELECT email FROM tickets WHERE id = ?1 AND email IS NOT NULL)",
            params![id, REDACTED],
        )?;
        self.execute(
            "UPDATE tickets SET customer = ?2, email = NULL, cc = '', title = ?2, description = '',
                 resolution = CASE WHEN resolution IS NULL THEN NULL ELSE ?2 END,
                 updated_at = ?3
             WHERE id = ?1",
            params![id, REDACTED, at.timestamp()],
        )?;
        self.execute(
            "UPDATE events SET reason = ?2 WHERE ticket_id = ?1 AND reason IS NOT NULL",
            params![id, REDACTED],
        )?;
        // The text events of queues from before schema 2 kept.
        self.execute(
            "UPDATE events SET value = NULL WHERE ticket_id = ?1 AND value IS NOT NULL",
            params![id],
        )?;
        // A customer's update is unique per event: one row each.
        self.execute(
            "UPDATE outbox SET recipient = ?2, subject = ?2, body = ?2
             WHERE ticket_id = ?1 AND audience = 'customer'",
            params![id, REDACTED],
        )?;
        self.execute(
            "UPDATE outbox SET last_error = ?2 WHERE ticket_id = ?1 AND last_error IS NOT NULL",
            params![id, REDACTED],
        )?;
        // The customer's mail: as it came, who was copied, what it said.
        self.execute(
            "UPDATE messages SET raw = NULL, sender = ?2, cc = '', subject = ?2,
                 note = CASE WHEN note IS NULL THEN NULL ELSE ?2 END
             WHERE ticket_id = ?1",
            params![id, REDACTED],
        )?;
        Ok(())
    }

    fn set_detail(&mut self, id: i64, detail: &Detail) -> Result<()> {
        self.execute(
            "UPDATE events SET detail = ?2 WHERE id = ?1",
            params![id, crate::store::record::detail_json(detail)],
        )?;
        Ok(())
    }

    fn claim_numbering(&mut self) -> Result<TicketId> {
        // The transaction holds the write lock already.
        Ok(self.query_row("SELECT coalesce(max(id), 0) FROM tickets", [], |r| r.get(0))?)
    }

    fn policies(&mut self) -> Result<Vec<PolicyVersion>> {
        super::policies::all(self)
    }

    fn in_force(&mut self) -> Result<Option<PolicyVersion>> {
        super::policies::active(self)
    }

    fn insert_policy(&mut self, version: &PolicyVersion) -> Result<()> {
        super::policies::insert(self, version)?;
        Ok(())
    }

    fn release_recipient(&mut self, recipient: &str, at: Instant) -> Result<usize> {
        super::outbox::release_recipient(self, recipient, at)
    }

    fn replace_policies(&mut self, versions: &[PolicyVersion]) -> Result<()> {
        self.execute("DELETE FROM policies", [])?;
        for v in versions {
            super::policies::insert(self, v)?;
        }
        Ok(())
    }

    fn insert_notification(&mut self, keep_id: bool, n: &Notification) -> Result<()> {
        super::outbox::restore(self, keep_id, n)
    }

    fn ids_given(&mut self) -> Result<()> {
        // Rowids go on from the largest: nothing to move.
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
            "UPDATE messages SET message_id = ?2, ticket_id = ?3, event_id = ?4, sender = ?5,
                 cc = ?6, subject = ?7, filed = ?8, note = ?9
             WHERE id = ?1",
            params![
                id,
                m.message_id,
                m.ticket,
                m.event,
                m.sender,
                m.cc.join(crate::store::record::NAMES),
                m.subject,
                m.filed.as_str(),
                m.note
            ],
        )?;
        Ok(())
    }

    fn mail_opened_by(&mut self, sender: &str, since: Instant) -> Result<u64> {
        let n: i64 = self
            .prepare_cached(
                "SELECT count(*) FROM messages WHERE sender = ?1 AND filed = 'opened' AND at >= ?2",
            )?
            .query_row(params![sender, since.timestamp()], |r| r.get(0))?;
        Ok(n as u64)
    }

    fn erase_mail_from(&mut self, address: &str) -> Result<()> {
        self.execute(
            "UPDATE messages SET raw = NULL, sender = ?2, cc = '', subject = ?2,
                 note = CASE WHEN note IS NULL THEN NULL ELSE ?2 END
             WHERE ticket_id IS NULL AND sender = ?1",
            params![address, REDACTED],
        )?;
        self.execute(
            "DELETE FROM undeliverable WHERE address = ?1",
            params![address],
        )?;
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
