//! What an engine does inside one write transaction, and the queue's
//! algorithms written once above it: a change with its exactly-once keys,
//! a new ticket, a delivery kept on the timeline, an erasure, a restore.
//! An engine brings its SQL and its locking; what is written, and in which
//! order, is decided here for every engine alike.

use std::collections::HashMap;

use anyhow::Result;

use super::mail::{KeptMail, NewMail};
use super::{Applied, Applying, Considered, PolicyVersion, Restored, Restoring, Settling, Store};
use crate::clock::Instant;
use crate::error::EscError;
use crate::event::{Detail, Event, EventData, EventKind};
use crate::lifecycle::Transition;
use crate::outbox::Notification;
use crate::policy::Policy;
use crate::ticket::{Ticket, TicketId};

/// Whether an engine may run a transaction's work again after the server
/// aborted it for a conflict with another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rerun {
    /// The work decides afresh from what it reads: run it again.
    OnConflict,
    /// The work consumes its input (an export streamed once): never.
    Never,
}

/// How a transaction ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Commit,
    /// Nothing kept: a dry run through exactly the same work.
    RollBack,
}

/// How tickets read in a transaction are held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// Held until the transaction ends; a ticket another writer holds is
    /// waited for.
    Wait,
    /// Held as with `Wait`, but a ticket another writer holds at this
    /// moment is left out, not waited for.
    SkipHeld,
    /// Read as they stand, not held (a dry run writes nothing to keep).
    Not,
}

/// The primitives of one open write transaction. Each reads or writes
/// rows and nothing more; every rule about which rows, in what order, is
/// the algorithms' below.
pub trait Txn {
    /// Tickets `ids` with their logs, lowest id first, held as `hold`
    /// says. Ids with no ticket are left out.
    fn lock_tickets(&mut self, ids: &[TicketId], hold: Hold) -> Result<Vec<(Ticket, Vec<Event>)>>;

    /// Insert new tickets, each with its whole log, numbered in order.
    fn insert_many(&mut self, tickets: Vec<(Ticket, Vec<EventData>)>) -> Result<()>;

    /// Tickets `ids` were settled from their logs: their due times and
    /// figures are the tick's, whoever wrote the row last.
    fn settled(&mut self, ids: &[TicketId]) -> Result<()>;

    /// Insert a ticket under `id`, or under the next id with `None`.
    fn insert_ticket(&mut self, id: Option<TicketId>, t: &Ticket) -> Result<TicketId>;

    /// Write new states of tickets, each with its events (a rule's
    /// occurrence already in the log refused, as the database's own
    /// answer to two writers deciding one step) and the notifications
    /// they ask for.
    fn write(&mut self, changes: Vec<(&Ticket, Transition)>) -> Result<Vec<Applied>>;

    /// Append one event to `ticket`'s log under `id`, or the next id with
    /// `None`.
    fn append(&mut self, ticket: &Ticket, id: Option<i64>, e: EventData) -> Result<Event>;

    /// Queue the notifications `event` of `ticket` asks for, its
    /// watchers' among them (each once per event and person); how many.
    fn enqueue(&mut self, ticket: &Ticket, event: &Event) -> Result<usize>;

    /// Mark the leased notifications `ids` sent at `at`; the ids this
    /// did (another deliverer may have recorded one first).
    fn mark_sent(&mut self, ids: &[i64], at: Instant) -> Result<Vec<i64>>;

    /// Replace ticket `id`'s personal data with [`crate::event::REDACTED`]: customer,
    /// address, title, description, resolution, the reasons its events
    /// give, its customer updates and every delivery error (a receiver's
    /// refusal quotes the address); dated `at`.
    fn erase_personal_data(&mut self, id: TicketId, at: Instant) -> Result<()>;

    /// Replace the detail of event `id`.
    fn set_detail(&mut self, id: i64, detail: &Detail) -> Result<()>;

    /// Hold off every other writer of new tickets until this transaction
    /// ends; the highest ticket id in the queue, 0 when it holds none.
    fn claim_numbering(&mut self) -> Result<TicketId>;

    /// Every policy version, oldest first.
    fn policies(&mut self) -> Result<Vec<PolicyVersion>>;

    /// The policy version in force. Two managers applying at once both
    /// number the next version from it; the second's insert meets the
    /// first's key, and its transaction is run again.
    fn in_force(&mut self) -> Result<Option<PolicyVersion>>;

    /// Add `version`, the newest, as the one in force.
    fn insert_policy(&mut self, version: &PolicyVersion) -> Result<()>;

    /// Make every notification waiting for `recipient` due at `at`, its
    /// last error forgotten. How many.
    fn release_recipient(&mut self, recipient: &str, at: Instant) -> Result<usize>;

    /// Put `versions` in place of every policy version the queue holds.
    fn replace_policies(&mut self, versions: &[PolicyVersion]) -> Result<()>;

    /// Keep a notification from an export: under its own id with
    /// `keep_id`, else under the next.
    fn insert_notification(&mut self, keep_id: bool, n: &Notification) -> Result<()>;

    /// Rows were given ids of their own: let the rows that come after be
    /// numbered past them.
    fn ids_given(&mut self) -> Result<()>;

    /// The message the queue keeps under `message_id`, if it keeps one.
    fn mail(&mut self, message_id: &str) -> Result<Option<KeptMail>>;

    /// The ticket of the first of `message_ids` the queue keeps on one.
    fn ticket_of_mail(&mut self, message_ids: &[String]) -> Result<Option<TicketId>> {
        for id in message_ids {
            if let Some(ticket) = self.mail(id)?.and_then(|m| m.ticket) {
                return Ok(Some(ticket));
            }
        }
        Ok(None)
    }

    /// The mail kept on ticket `id`, oldest first.
    fn mail_on(&mut self, id: TicketId) -> Result<Vec<KeptMail>>;

    /// Every address that wrote or was copied on ticket `id`'s mail.
    fn mail_addresses(&mut self, id: TicketId) -> Result<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        for m in self.mail_on(id)? {
            for a in std::iter::once(m.sender).chain(m.cc) {
                if !a.is_empty() && !out.contains(&a) {
                    out.push(a);
                }
            }
        }
        Ok(out)
    }

    /// Keep `mail`; its id.
    fn keep_mail(&mut self, mail: &NewMail) -> Result<i64>;

    /// File kept message `id` anew as `mail` says (its Message-ID, ticket,
    /// event, sender, copies, subject, filing and note); its bytes and
    /// when it came stay.
    fn refile_mail(&mut self, id: i64, mail: &NewMail) -> Result<()>;

    /// How many messages from `sender` opened a ticket at `since` or
    /// later: the acknowledgements they were sent, at most.
    fn mail_opened_by(&mut self, sender: &str, since: Instant) -> Result<u64>;

    /// Erase the mail kept on no ticket that `address` sent (its bytes,
    /// subject and sender), and forget whether mail to it bounced.
    fn erase_mail_from(&mut self, address: &str) -> Result<()>;

    /// Keep occurrence `o` of a recurring ticket in the queue's ledger,
    /// unless it holds it already: whether this call kept it (the one
    /// key per schedule and occurrence is what opens each once).
    fn claim_occurrence(&mut self, o: &crate::recurrence::Occurrence) -> Result<bool>;

    /// The occurrence of `schedule` kept by this transaction opened `ticket`.
    fn occurrence_opened(
        &mut self,
        schedule: &str,
        occurrence: &str,
        ticket: TicketId,
    ) -> Result<()>;

    /// Mail to `address` bounced for good at `at`, as `reason` says; or,
    /// with `None`, it reaches its customer again (they wrote from it).
    fn mark_address(&mut self, address: &str, bounced: Option<(Instant, &str)>) -> Result<()>;
}

/// What `work` makes in one transaction of `store`, committed.
pub fn within<S: Store + ?Sized, T>(
    store: &mut S,
    rerun: Rerun,
    mut work: impl FnMut(&mut dyn Txn) -> Result<T>,
) -> Result<T> {
    let mut done = None;
    store.transaction(rerun, End::Commit, &mut |tx| {
        done = Some(work(tx)?);
        Ok(())
    })?;
    Ok(done.expect("a committed transaction ran its work"))
}

/// Make `text` (digest `digest`) the queue's policy, unless it already is.
/// The notifications that waited for want of a way to reach someone it now
/// gives a way are due at once, in the same transaction.
pub fn apply_policy(
    tx: &mut dyn Txn,
    text: &str,
    digest: &str,
    by: &str,
    at: Instant,
    message: Option<&str>,
) -> Result<Applying> {
    let before = tx.in_force()?;
    let applying = Applying::over(before.clone(), text, digest, by, at, message);
    if let Applying::Applied(version) = &applying {
        tx.insert_policy(version)?;
        // A version that does not read as a policy (a test's, or one
        // written by an esc long gone) reaches nobody new.
        let read = |v: &PolicyVersion| Policy::parse(&v.text, "a policy version").ok();
        if let Some(now) = read(version) {
            let was = before.as_ref().and_then(read);
            for name in now.newly_reached(was.as_ref()) {
                tx.release_recipient(name, at)?;
            }
        }
    }
    Ok(applying)
}

/// The one ticket `id`, held for the transaction.
fn one(tx: &mut dyn Txn, id: TicketId) -> Result<(Ticket, Vec<Event>)> {
    tx.lock_tickets(&[id], Hold::Wait)?
        .pop()
        .ok_or_else(|| EscError::NoSuchTicket(id).into())
}

/// Let `change` decide ticket `id`'s next state from it and its log, and
/// write that with its events.
pub fn update(tx: &mut dyn Txn, id: TicketId, change: &mut super::Decide) -> Result<Applied> {
    let (current, log) = one(tx, id)?;
    let decided = change(&current, &log)?;
    let mut applied = tx.write(vec![(&current, decided)])?;
    Ok(applied.pop().expect("one change in, one out"))
}

/// Let `change` decide the next states of tickets `ids` together, from
/// them and their logs (lowest id first), and write those it changes:
/// each transition names its ticket by its id. The tickets it leaves
/// alone are held all the same, so that what it read of them stands.
pub fn update_together(
    tx: &mut dyn Txn,
    ids: &[TicketId],
    change: &mut super::DecideTogether,
) -> Result<Vec<Applied>> {
    let mut wanted = ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let locked = tx.lock_tickets(&wanted, Hold::Wait)?;
    if let Some(missing) = wanted
        .iter()
        .find(|id| !locked.iter().any(|(t, _)| t.id == **id))
    {
        return Err(EscError::NoSuchTicket(*missing).into());
    }
    let mut decided = change(&locked)?;
    decided.sort_by_key(|d| d.ticket.id);
    let mut changes = Vec::with_capacity(decided.len());
    for d in decided {
        let current = locked
            .iter()
            .find(|(t, _)| t.id == d.ticket.id)
            .map(|(t, _)| t)
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "internal error: a change of ticket #{} it did not read",
                    d.ticket.id
                )
            })?;
        changes.push((current, d));
    }
    tx.write(changes)
}

/// Insert a new ticket and write what `settle` makes of it.
pub fn create(
    tx: &mut dyn Txn,
    ticket: &Ticket,
    opened: EventData,
    settle: &mut dyn FnMut(Ticket, Vec<EventData>) -> Transition,
) -> Result<Applied> {
    let mut inserted = ticket.clone();
    inserted.id = tx.insert_ticket(None, ticket)?;
    let change = settle(inserted.clone(), vec![opened]);
    let mut applied = tx.write(vec![(&inserted, change)])?;
    Ok(applied.pop().expect("one change in, one out"))
}

/// Keep `sent` as delivered at `at`, with the `mail` it was to customers,
/// and let `note` write on each of their tickets what that means.
pub fn record_delivery(
    tx: &mut dyn Txn,
    sent: &[Notification],
    at: Instant,
    mail: &[NewMail],
    note: &mut super::Noting,
) -> Result<Vec<Applied>> {
    let mut tickets: Vec<TicketId> = sent.iter().map(|n| n.ticket).collect();
    tickets.sort_unstable();
    tickets.dedup();
    let ids: Vec<i64> = sent.iter().map(|n| n.id).collect();
    // Tickets first, in id order, as every writer takes them: two
    // transactions never wait on each other in a circle.
    let locked = tx.lock_tickets(&tickets, Hold::Wait)?;
    let recorded = tx.mark_sent(&ids, at)?;
    for m in mail {
        // Sent again after a delivery whose record was lost: the same
        // Message-ID, kept once.
        if tx.mail(&m.message_id)?.is_none() {
            tx.keep_mail(m)?;
        }
    }
    let changes: Vec<(&Ticket, Transition)> = locked
        .iter()
        .filter_map(|(current, log)| {
            let theirs: Vec<&Notification> = sent
                .iter()
                .filter(|n| n.ticket == current.id && recorded.contains(&n.id))
                .collect();
            if theirs.is_empty() {
                return None;
            }
            note(current, log, &theirs).map(|c| (current, c))
        })
        .collect();
    tx.write(changes)
}

/// Erase the customer's personal data from tickets `ids`, keeping every
/// figure and the log's shape, with a `redacted` event on each.
pub fn redact(
    tx: &mut dyn Txn,
    ids: &[TicketId],
    at: Instant,
    actor: &str,
    why: Option<&str>,
) -> Result<()> {
    for &id in ids {
        let (mut ticket, log) = one(tx, id)?;
        let when = at.max(ticket.updated_at);
        // Their mail that reached no ticket (an out-of-office, a bounce) is
        // theirs too.
        if let Some(address) = &ticket.email {
            tx.erase_mail_from(&address.to_lowercase())?;
        }
        tx.erase_personal_data(id, when)?;
        for event in &log {
            if let Some(detail) = event.data.detail.as_ref().and_then(|d| d.redacted()) {
                tx.set_detail(event.id, &detail)?;
            }
        }
        ticket.updated_at = when;
        let tombstone = EventData::new(EventKind::Redacted, when, actor, ticket.cycle).reason(why);
        tx.append(&ticket, None, tombstone)?;
    }
    Ok(())
}

/// Put exported tickets back. Into a queue without tickets they keep
/// their ids and the queue takes the export's policy versions; into one
/// with tickets, each is numbered its id past the queue's highest (so
/// that the tickets they name, a merge's, are known before they come),
/// and events and notifications anew. What `settle` adds to the logs
/// gets ids after every restored one.
pub fn restore(
    tx: &mut dyn Txn,
    policies: &[PolicyVersion],
    loose: &super::mail::Loose,
    tickets: &mut dyn Iterator<Item = Result<Restored>>,
    settle: &mut Settling,
) -> Result<Restoring> {
    let past = tx.claim_numbering()?;
    let keep_ids = past == 0;
    let mut done = Restoring::default();
    if keep_ids {
        // A queue that has governed no ticket takes the export's history
        // of policies whole, metadata and all, in place of its own.
        let own = tx.policies()?;
        if own != policies {
            done.replaced_policies = own.len();
            tx.replace_policies(policies)?;
        }
    }
    let mut added = Vec::new();
    for restored in tickets {
        let restored = restored?;
        let (mut ticket, new) = settle(&restored)?;
        let old = restored.ticket.id;
        ticket.merged_into = ticket.merged_into.map(|id| id + past);
        ticket.parent = ticket.parent.map(|id| id + past);
        for id in &mut ticket.related {
            *id += past;
        }
        ticket.id = tx.insert_ticket(Some(old + past), &ticket)?;
        if !keep_ids {
            done.renumbered.push((old, ticket.id));
        }
        let mut events = HashMap::new();
        for mut e in restored.events {
            let was = e.id;
            e.data.detail = e.data.detail.map(|d| d.renumbered(past));
            let event = tx.append(&ticket, keep_ids.then_some(was), e.data)?;
            events.insert(was, event.id);
        }
        for mut note in restored.notifications {
            note.ticket = ticket.id;
            note.event = super::renumbered_event(&events, &note, old)?;
            tx.insert_notification(keep_ids, &note)?;
        }
        for m in &restored.mail {
            let event = m.event.and_then(|e| events.get(&e).copied());
            keep_unless_kept(tx, m, Some(ticket.id), event)?;
        }
        if !new.is_empty() {
            added.push((ticket, new));
        }
        done.tickets += 1;
    }
    tx.ids_given()?;
    for m in &loose.mail {
        keep_unless_kept(tx, m, None, None)?;
    }
    for u in &loose.undeliverable {
        tx.mark_address(&u.address, Some((u.since, &u.reason)))?;
    }
    // The queue's own ledger stands: an occurrence it holds is not taken
    // again from the export.
    for o in &loose.occurrences {
        let o = crate::recurrence::Occurrence {
            ticket: o.ticket.map(|id| id + past),
            ..o.clone()
        };
        tx.claim_occurrence(&o)?;
    }
    for (ticket, events) in added {
        for e in events {
            let event = tx.append(&ticket, None, e)?;
            tx.enqueue(&ticket, &event)?;
        }
    }
    Ok(done)
}

/// Keep an exported message, unless the queue keeps one of its
/// Message-ID already (a second import of the same mail adds none).
fn keep_unless_kept(
    tx: &mut dyn Txn,
    m: &super::mail::ExportedMail,
    ticket: Option<TicketId>,
    event: Option<i64>,
) -> Result<()> {
    if tx.mail(&m.message_id)?.is_none() {
        let new = m.to_keep(ticket, event).map_err(EscError::usage)?;
        tx.keep_mail(&new)?;
    }
    Ok(())
}

/// Apply `change` to each ticket in `ids`, [`Store::tick_batch`] tickets a
/// transaction, each ending as `end` says. A ticket another writer holds
/// is left out when the work is kept (another host's tick applies it, or
/// the next tick does); a dry run reads every ticket as it stands.
pub fn update_each<S: Store + ?Sized>(
    store: &mut S,
    ids: &[TicketId],
    end: End,
    change: &mut dyn FnMut(&Ticket, &[Event]) -> Considered,
) -> Result<Vec<Applied>> {
    let hold = match end {
        End::Commit => Hold::SkipHeld,
        End::RollBack => Hold::Not,
    };
    let mut all = Vec::new();
    for chunk in ids.chunks(store.tick_batch()) {
        let before = all.len();
        store.transaction(Rerun::OnConflict, end, &mut |tx| {
            // A rerun after a conflict decides the chunk afresh.
            all.truncate(before);
            let read = tx.lock_tickets(chunk, hold)?;
            let mut settled = Vec::new();
            let mut changes: Vec<(&Ticket, Transition)> = Vec::new();
            for (t, log) in &read {
                if let Considered::Settled(change) = change(t, log) {
                    settled.push(t.id);
                    changes.extend(change.map(|c| (t, *c)));
                }
            }
            let applied = tx.write(changes)?;
            tx.settled(&settled)?;
            all.extend(applied);
            Ok(())
        })?;
    }
    Ok(all)
}

/// Insert new tickets, each with its whole log, in one transaction, a
/// thousand at a time: few enough that memory stays flat, enough that
/// round trips to a server do not count.
pub fn import<S: Store + ?Sized>(
    store: &mut S,
    tickets: &mut dyn Iterator<Item = (Ticket, Vec<EventData>)>,
) -> Result<usize> {
    const BATCH: usize = 1000;
    let n = within(store, Rerun::Never, |tx| {
        let (mut n, mut batch) = (0, Vec::with_capacity(BATCH));
        for ticket in &mut *tickets {
            batch.push(ticket);
            n += 1;
            if batch.len() == BATCH {
                tx.insert_many(std::mem::take(&mut batch))?;
            }
        }
        tx.insert_many(batch)?;
        Ok(n)
    })?;
    store.loaded();
    Ok(n)
}
