//! Taking what the outbox holds to the people and customers it is for,
//! in leased batches, each delivery kept on its ticket's timeline.

use anyhow::Result;

use super::Queue;
use crate::clock::Instant;
use crate::delivery::Failure;
use crate::inbound::Filed;
use crate::outbox::{Audience, Notification};
use crate::policy::Policy;
use crate::store::mail::NewMail;

/// What one round of delivery did.
#[derive(Debug, Default, serde::Serialize)]
pub struct Delivered {
    pub sent: Vec<i64>,
    /// Failed this time, tried again later: (id, person, error).
    pub retrying: Vec<(i64, String, String)>,
    /// Failed for the last time: (id, person, error).
    pub failed: Vec<(i64, String, String)>,
    /// Not tried: the policy gives no way to reach these people: (person,
    /// how many wait, why).
    pub unreachable: Vec<(String, usize, String)>,
    /// Of those, how many waited for that reason for the first time, by
    /// person: news for the tick's summary, unlike the ones told before.
    pub newly_unreachable: Vec<(String, usize)>,
    /// Not tried: outside these people's hours: (person, how many wait,
    /// until when).
    pub quiet: Vec<(String, usize, Instant)>,
}

impl Delivered {
    fn unreachable(&mut self, who: String, held: crate::store::Deferred, why: String) {
        if held.first > 0 {
            self.newly_unreachable.push((who.clone(), held.first));
        }
        self.unreachable.push((who, held.all, why));
    }

    /// Whether anything was attempted: sent, or failed.
    pub fn attempted(&self) -> bool {
        !(self.sent.is_empty() && self.retrying.is_empty() && self.failed.is_empty())
    }
}

impl Queue {
    /// Deliver every notification due by now, in leased batches, by the
    /// policy in force: whom it gives a way to reach, their hours, how hard
    /// to try.
    pub fn deliver(&self) -> Result<Delivered> {
        const BATCH: usize = 10;
        let active = self.active()?;
        let (policy, since) = (&*active.policy, active.since);
        let attempt = crate::delivery::Attempt::new(&policy.delivery, self.now);
        // A batch is held a minute past the longest its attempts can take in
        // all (each is stopped at the timeout, whatever the receiver does), so
        // no other deliverer takes a row while this one may still send it;
        // one killed mid-send lets go of its batch by then.
        let held_for =
            chrono::Duration::seconds(BATCH as i64 * policy.delivery.timeout.as_secs().max(1) + 60);
        // The deliverer's clock: the command's instant, moved on by the time
        // delivery has taken, so that each batch is held from when it is
        // taken and each delivery dated when it was accepted.
        let started = std::time::Instant::now();
        let clock = || {
            crate::clock::truncate(
                self.now + chrono::Duration::from_std(started.elapsed()).unwrap_or_default(),
            )
        };
        let mut done = Delivered::default();
        // People the policy gives no way to reach: their notifications wait,
        // looked at again in an hour (the policy may say by then), without
        // counting attempts or reading a ticket.
        let later = self.now + chrono::Duration::hours(1);
        let due = self.store()?.due_recipients(self.now)?;
        for who in due {
            let person = policy.people.get(&who);
            if let Err(Failure::Unreachable(why)) = crate::delivery::reachable(person, &who) {
                let held = self
                    .store()?
                    .defer_recipient(&who, self.now, later, &why, false)?;
                done.unreachable(who, held, why);
            } else if let Some(until) = crate::delivery::quiet_until(policy, person, self.now) {
                // Their quiet hours: what is not urgent waits for them to begin
                // work, and is not an attempt.
                let why = format!(
                    "{who}'s quiet hours, until {}",
                    crate::clock::rfc3339(until)
                );
                let n = self
                    .store()?
                    .defer_recipient(&who, self.now, until, &why, true)?
                    .all;
                if n > 0 {
                    done.quiet.push((who, n, until));
                }
            }
        }
        loop {
            let now = clock();
            let held = self.store()?.lease_notifications(
                now,
                now + held_for,
                BATCH,
                policy.delivery.digest,
            )?;
            if held.is_empty() {
                return Ok(done);
            }
            for parcel in parcels(held, policy.delivery.digest) {
                let outcome = match parcel[0].audience {
                    Audience::Customer => self
                        .to_customer(policy, &parcel[0], &attempt)?
                        .map(|id| vec![sent_mail(&parcel[0], id, clock())]),
                    Audience::Person => self
                        .to_person(policy, &parcel, &attempt)?
                        .map(|()| Vec::new()),
                };
                let at = clock();
                let why = match outcome {
                    Ok(mail) => {
                        // Kept as sent, and on each ticket's timeline, at once,
                        // dated when the receiver took it.
                        self.store()?.record_delivery(
                            &parcel,
                            at,
                            &mail,
                            &mut |t, log, theirs| noted(policy, since, at, t, log, theirs),
                        )?;
                        done.sent.extend(parcel.iter().map(|n| n.id));
                        continue;
                    }
                    // Queued meanwhile for someone the policy gives no way to
                    // reach: set aside as above, never an attempt.
                    Err(Failure::Unreachable(why)) => {
                        let who = parcel[0].recipient.name.clone();
                        let held = self
                            .store()?
                            .defer_recipient(&who, at, later, &why, false)?;
                        done.unreachable(who, held, why);
                        continue;
                    }
                    Err(Failure::Failed(why)) => why,
                    // Given up on at once: trying again changes nothing
                    // until the ticket has another address.
                    Err(Failure::Bounced(why)) => {
                        let n = &parcel[0];
                        self.store()?
                            .record_attempt(n.id, at, &Err(why.clone()), None)?;
                        done.failed.push((n.id, n.recipient.name.clone(), why));
                        continue;
                    }
                };
                // A digest failed as one: each of its notifications records the
                // same attempt.
                for n in parcel {
                    let retry = crate::delivery::retry_at(policy, at, n.attempts + 1);
                    self.store()?
                        .record_attempt(n.id, at, &Err(why.clone()), retry)?;
                    let row = (n.id, n.recipient.name, why.clone());
                    if retry.is_some() {
                        done.retrying.push(row);
                    } else {
                        done.failed.push(row);
                    }
                }
            }
        }
    }

    /// One attempt at sending customer notification `n`: the Message-ID it
    /// went with. An address that bounced for good is given up at once.
    fn to_customer(
        &self,
        policy: &Policy,
        n: &Notification,
        attempt: &crate::delivery::Attempt,
    ) -> Result<Result<String, Failure>> {
        if let Some(u) = self.store()?.undeliverable(&n.recipient.name)? {
            return Ok(Err(Failure::Bounced(format!(
                "mail to {} bounced on {}: {}",
                u.address,
                crate::clock::rfc3339(u.since),
                u.reason
            ))));
        }
        let thread = self.thread(policy, n)?;
        let sender = crate::delivery::Sender {
            from: policy.mail.from.as_deref(),
            reply_to: policy.mail.reply_to.as_deref(),
        };
        Ok(crate::delivery::to_customer(n, attempt, &thread, sender))
    }

    /// Where customer notification `n` stands in its ticket's
    /// conversation: an answer to the customer's last message, after the
    /// rest; an acknowledgement when it is the update on `opened`.
    fn thread(&self, policy: &Policy, n: &Notification) -> Result<crate::delivery::Thread> {
        let mail = self.store()?.mail_of(Some(n.ticket))?;
        let talk: Vec<String> = mail
            .iter()
            .filter(|m| matches!(m.filed, Filed::Opened | Filed::Joined | Filed::Sent))
            .map(|m| m.message_id.clone())
            .collect();
        let theirs = mail
            .iter()
            .rev()
            .find(|m| matches!(m.filed, Filed::Opened | Filed::Joined))
            .map(|m| m.message_id.clone());
        // A long conversation names its first message and its latest.
        let references = match talk.len() {
            0..=10 => talk,
            k => std::iter::once(talk[0].clone())
                .chain(talk[k - 9..].iter().cloned())
                .collect(),
        };
        let acknowledges = theirs.is_some()
            && policy.customer_updates.iter().any(|u| {
                n.recipient.role.as_ref() == Some(&u.id) && u.on == crate::policy::UpdateOn::Opened
            });
        Ok(crate::delivery::Thread {
            in_reply_to: theirs,
            references,
            acknowledges,
        })
    }

    /// One attempt at telling a person of `parcel` (one notification, or a
    /// digest): each message is written now, from the ticket as it stands and
    /// the event that asked for it.
    fn to_person(
        &self,
        policy: &Policy,
        parcel: &[Notification],
        attempt: &crate::delivery::Attempt,
    ) -> Result<Result<(), Failure>> {
        let mut messages = Vec::with_capacity(parcel.len());
        for n in parcel {
            let (ticket, events) = self.store()?.ticket_with_events(n.ticket)?;
            match events.iter().find(|e| e.id == n.event) {
                Some(event) => messages.push(crate::delivery::message(policy, &ticket, event, n)),
                None => {
                    return Ok(Err(Failure::Failed(format!(
                        "event {} of ticket #{} is gone",
                        n.event, n.ticket
                    ))));
                }
            }
        }
        let message = match messages.as_slice() {
            [one] => one.clone(),
            several => crate::delivery::digest(several),
        };
        let key = crate::delivery::Key::of(parcel);
        let person = policy.people.get(&key.recipient);
        Ok(crate::delivery::send(person, &key, &message, attempt))
    }
}

/// The mail `n` went to its customer as, Message-ID `id`, at `at`.
fn sent_mail(n: &Notification, id: String, at: Instant) -> NewMail {
    NewMail {
        message_id: id,
        ticket: Some(n.ticket),
        event: Some(n.event),
        at,
        sender: n.recipient.name.clone(),
        cc: Vec::new(),
        subject: n
            .update
            .as_ref()
            .map(|u| u.subject.clone())
            .unwrap_or_default(),
        filed: Filed::Sent,
        note: None,
        raw: None,
    }
}

/// The `notified` event for the notifications `theirs` of ticket `t`, with
/// the automation around it (a step counted from `notified` may come due),
/// dated when they were delivered, or at the ticket's last change if that
/// is later (another host's clock ran ahead): its log runs forward.
fn noted(
    policy: &Policy,
    since: Option<Instant>,
    now: Instant,
    t: &crate::ticket::Ticket,
    log: &[crate::event::Event],
    theirs: &[&Notification],
) -> Option<crate::lifecycle::Transition> {
    let at = now.max(t.updated_at);
    let act = crate::lifecycle::Act {
        policy,
        actor: crate::automation::ACTOR,
        now: at,
    };
    let sent = theirs.iter().map(|n| n.sent()).collect();
    crate::automation::Engine::new(policy, at)
        .since(since)
        .around(t, crate::event::history(log), |t| act.notified(t, sent))
        .ok()
}

/// The messages a leased batch makes: one per notification, or, with
/// digests, one per person for all of theirs in the batch (the batch is
/// leased a person at a time then). Customers' updates always go alone.
fn parcels(held: Vec<Notification>, digest: bool) -> Vec<Vec<Notification>> {
    let mut parcels: Vec<Vec<Notification>> = Vec::new();
    for n in held {
        match parcels.last_mut() {
            Some(last)
                if digest
                    && n.audience == Audience::Person
                    && last[0].audience == Audience::Person
                    && last[0].recipient.name == n.recipient.name =>
            {
                last.push(n)
            }
            _ => parcels.push(vec![n]),
        }
    }
    parcels
}
