//! The application layer: the one way into a queue for every front door
//! (the command line now, mail arriving later). A [`Queue`] holds the open
//! store, the instant its work happens at, who the database says is
//! connected, and the policy in force; its methods are the use cases, each
//! in its transaction, each returning what happened as data. Nothing here
//! prints, reads arguments or the environment: the callers say things.

mod deliver;
pub mod family;
pub mod fetch;
pub mod import;
pub mod merge;
pub mod receive;
pub mod recur;
pub mod report;
pub mod simulate;
mod tick;

pub use deliver::Delivered;
pub use tick::{Ticked, Waiting};

use std::cell::{OnceCell, RefCell, RefMut};
use std::rc::Rc;

use anyhow::Result;

use crate::automation::Engine;
use crate::clock::Instant;
use crate::error::{EscError, Hint, Suggested};
use crate::event::history;
use crate::lifecycle::{Act, NewTicket, Side, Transition};
use crate::policy::{DEFAULT_POLICY, Policy, digest_of};
use crate::store::{self, Applied, Applying, DbRole, Location, PolicyVersion, Store};
use crate::ticket::{Ticket, TicketId};

/// The queue's policy in force, parsed, and since when.
pub struct Active {
    pub policy: Rc<Policy>,
    /// The stored version: its number, text, who applied it and when.
    pub record: PolicyVersion,
    /// When this version took over; `None` for the first, which has
    /// governed the queue from its start.
    pub since: Option<Instant>,
}

/// How a queue is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Made if it is not there yet (`init`, `import` into a new queue).
    Create,
    /// It must be there.
    Existing,
    /// It must be there, and nothing is written (shell completion).
    ReadOnly,
}

/// The policy a reading command shows the queue by.
pub enum Reading {
    /// The queue's own, in force.
    InForce(Rc<Active>),
    /// The queue holds none (upgraded from before policies were kept in
    /// it, and its team has not applied theirs): the embedded default, to
    /// read by only.
    Embedded(Rc<Active>),
}

/// An open queue and the instant its work happens at.
pub struct Queue {
    /// One borrow at a time: a use case lets go of it before the next.
    store: RefCell<Box<dyn Store>>,
    now: Instant,
    role: Option<DbRole>,
    active: OnceCell<Rc<Active>>,
}

impl Queue {
    /// Open the queue at `location`. Its work happens at `fixed` when given;
    /// otherwise at the server's clock for a queue on a server, or at `wall`.
    pub fn open(
        location: &Location,
        access: Access,
        fixed: Option<Instant>,
        wall: Instant,
    ) -> Result<Queue> {
        let opened = match access {
            Access::Create => store::open(location)?,
            Access::Existing => store::open_existing(location)?,
            Access::ReadOnly => store::open_to_read(location)?,
        };
        let now = match fixed {
            Some(at) => at,
            None => opened.clock()?.unwrap_or(wall),
        };
        Ok(Queue {
            role: opened.db_role().cloned(),
            store: RefCell::new(opened),
            now,
            active: OnceCell::new(),
        })
    }

    /// The instant this queue's work happens at.
    pub fn now(&self) -> Instant {
        self.now
    }

    /// The store, for this layer's use cases only.
    fn store(&self) -> Result<RefMut<'_, Box<dyn Store>>> {
        self.store.try_borrow_mut().map_err(|_| {
            anyhow::anyhow!("internal error: the queue is already in use by this command")
        })
    }

    /// Where the queue is.
    pub fn location(&self) -> Result<Location> {
        Ok(self.store()?.location().clone())
    }

    /// `e` as the store tells a fault of its own (a read-only or damaged
    /// file, a lock held too long); any other error as it was.
    pub fn explain(&self, e: anyhow::Error) -> anyhow::Error {
        match self.store.try_borrow() {
            Ok(store) => store.explain(e),
            Err(_) => e,
        }
    }

    /// The role connected when it does not own the queue: the server
    /// checks everything it writes.
    pub fn agent_role(&self) -> Option<&DbRole> {
        self.role.as_ref().filter(|r| !r.admin)
    }

    /// The queue's active policy version, read once. A new, empty queue
    /// adopts the embedded default; a queue upgraded from before policies
    /// were kept in it, whose history another policy made, has none until
    /// the team applies it.
    pub fn active(&self) -> Result<Rc<Active>> {
        if let Some(a) = self.active.get() {
            return Ok(Rc::clone(a));
        }
        let mut store = self.store()?;
        let version = match store.active_policy()? {
            Some(v) => v,
            None if store.has_tickets()? => {
                return Err(EscError::policy_state(format!(
                    "the queue `{}` holds no policy: its tickets were escalated under a policy \
                     other than the embedded default, before esc kept the policy in the queue",
                    store.location()
                ))
                .with_hint(
                    Hint::text("apply the policy the team used: ")
                        .act(Suggested::ApplyPolicy)
                        .then(" (nothing changes tickets until then)"),
                )
                .into());
            }
            None => match store.apply_policy(
                DEFAULT_POLICY,
                &digest_of(DEFAULT_POLICY),
                crate::automation::ACTOR,
                self.now,
                Some("the embedded default, adopted by a new queue"),
            )? {
                Applying::Applied(v) | Applying::Unchanged(v) => v,
            },
        };
        let policy = Policy::parse(
            &version.text,
            &format!("policy version {}", version.version),
        )
        .map_err(EscError::from)?;
        drop(store);
        let active = Active {
            policy: Rc::new(policy),
            since: (version.version > 1).then_some(version.applied_at),
            record: version,
        };
        Ok(Rc::clone(self.active.get_or_init(|| Rc::new(active))))
    }

    /// The policy to read the queue by: the one in force, or, on a queue
    /// that holds none yet, the embedded default. Writing still waits for
    /// the team's policy ([`Queue::active`]).
    pub fn reading(&self) -> Result<Reading> {
        match self.active() {
            Ok(a) => Ok(Reading::InForce(a)),
            Err(e)
                if matches!(
                    e.downcast_ref::<EscError>(),
                    Some(EscError::PolicyState { .. })
                ) && self.store()?.policy_versions()?.is_empty() =>
            {
                let policy = Policy::embedded();
                Ok(Reading::Embedded(Rc::new(Active {
                    record: PolicyVersion {
                        version: 0,
                        digest: policy.digest.clone(),
                        text: DEFAULT_POLICY.to_string(),
                        applied_by: crate::automation::ACTOR.to_string(),
                        applied_at: crate::clock::from_unix(0),
                        message: Some("none in force: the embedded default, for reading".into()),
                    },
                    policy: Rc::new(policy),
                    since: None,
                })))
            }
            Err(e) => Err(e),
        }
    }

    /// The person a database role acts as: the one whose `db_role` it is
    /// in the policy, or the one of its name. Read without adopting
    /// anything: a new queue has no mapping yet.
    pub fn person_of_role(&self, role: &str) -> Result<String> {
        let mapped = |policy: &Policy| {
            policy
                .people
                .iter()
                .find(|(_, p)| p.db_role.as_deref() == Some(role))
                .map(|(name, _)| name.clone())
        };
        let found = match self.active.get() {
            Some(active) => mapped(&active.policy),
            None => {
                let stored = self.store()?.active_policy()?;
                match stored {
                    Some(v) => Policy::parse(&v.text, &format!("policy version {}", v.version))
                        .ok()
                        .and_then(|p| mapped(&p)),
                    None => None,
                }
            }
        };
        Ok(found.unwrap_or_else(|| role.to_string()))
    }

    /// Apply one agent's act to one ticket under the policy in force, as
    /// `actor`, with the automation around it, in one transaction. A server
    /// may run the transaction again after a conflict: the change is then
    /// decided afresh from the ticket as it stands.
    pub fn act<F>(&self, actor: &str, id: TicketId, change: F) -> Result<Applied>
    where
        F: Fn(&Act, &Ticket) -> Result<Transition, EscError>,
    {
        self.deciding(actor, |act, engine| {
            self.store()?.update(id, &mut |t, log| {
                engine.around(t, history(log), |t| change(act, t))
            })
        })
    }

    /// Open a ticket as `actor`: checked against the policy in force,
    /// settled by it (triggers on opening, due times) and stored with its
    /// first events in one transaction.
    pub fn open_ticket(&self, actor: &str, new: NewTicket) -> Result<Applied> {
        self.deciding(actor, |act, engine| {
            let (ticket, opened) = act.open(new)?;
            self.store()?
                .create(&ticket, opened, &mut |ticket, mut log| {
                    let (ticket, _) = engine.settle(ticket, &mut log);
                    engine.transition(ticket, log)
                })
        })
    }

    /// What `actor`'s change is decided by now: the acts the policy in
    /// force allows, and its automation as it has governed since it took
    /// over.
    fn deciding<T>(
        &self,
        actor: &str,
        decide: impl FnOnce(&Act, &Engine) -> Result<T>,
    ) -> Result<T> {
        let active = self.active()?;
        let act = Act {
            policy: &active.policy,
            actor,
            now: self.now,
        };
        let engine = Engine::new(&active.policy, self.now).since(active.since);
        decide(&act, &engine)
    }

    /// A change of tickets `id` and `other` decided together, with the
    /// automation around each, holding `ids` (the two and any others the
    /// decision reads) for the transaction.
    #[allow(clippy::type_complexity)]
    pub(super) fn pair(
        &self,
        actor: &str,
        id: TicketId,
        other: TicketId,
        ids: &[TicketId],
        change: &dyn Fn(
            &Act,
            Side,
            Side,
            &[(Ticket, Vec<crate::event::Event>)],
        ) -> Result<(Transition, Transition), EscError>,
    ) -> Result<(Applied, Applied)> {
        let applied = self.deciding(actor, |act, engine| {
            self.store()?.update_together(ids, &mut |locked| {
                let find = |want| {
                    locked
                        .iter()
                        .find(|(t, _)| t.id == want)
                        .map(|(t, log)| (t, history(log)))
                        .expect("the store holds every ticket asked for")
                };
                let [a, b] = engine
                    .around_both([find(id), find(other)], |a, b| change(act, a, b, locked))?;
                Ok(vec![a, b])
            })
        })?;
        let mut first = None;
        let mut second = None;
        for a in applied {
            if a.ticket.id == id {
                first = Some(a);
            } else if a.ticket.id == other {
                second = Some(a);
            }
        }
        match (first, second) {
            (Some(a), Some(b)) => Ok((a, b)),
            _ => Err(anyhow::anyhow!(
                "internal error: a change of two tickets wrote others"
            )),
        }
    }

    /// The tickets of the customer named `customer` exactly, lowest id
    /// first.
    pub fn tickets_of(&self, customer: &str) -> Result<Vec<TicketId>> {
        let filter = store::TicketFilter {
            customer: Some(customer.to_string()),
            ..store::TicketFilter::default()
        };
        self.store()?.ticket_ids(&filter)
    }

    /// Erase the customer's personal data from tickets `ids` as `actor`,
    /// saying `why`, in one transaction; then whether no old copy of the
    /// text is left in the queue's files (another process reading may keep
    /// one until the next erasure).
    pub fn redact(&self, actor: &str, ids: &[TicketId], why: Option<&str>) -> Result<bool> {
        self.store()?.redact(ids, self.now, actor, why)
    }

    /// Make `policy` (read from `text`) the queue's policy from now, as
    /// `actor` applies it with `message`, unless it already is. The
    /// notifications that waited for want of a way to reach someone it now
    /// gives a way go out at the next delivery, not an hour on.
    pub fn apply_policy(
        &self,
        actor: &str,
        policy: &Policy,
        text: &str,
        message: Option<&str>,
    ) -> Result<Applying> {
        self.store()?
            .apply_policy(text, &policy.digest, actor, self.now, message)
    }

    /// The version in force as the queue holds it, nothing adopted: `None`
    /// in a new queue.
    pub fn stored_policy(&self) -> Result<Option<PolicyVersion>> {
        self.store()?.active_policy()
    }

    /// Every version of the queue's policy, oldest first.
    pub fn policy_versions(&self) -> Result<Vec<PolicyVersion>> {
        self.store()?.policy_versions()
    }

    /// The tickets `filter` lets through, most urgent first as `order`
    /// ranks them, at most `limit`; and how many there are in all.
    pub fn tickets(
        &self,
        filter: &store::TicketFilter,
        order: &crate::lifecycle::Urgency,
        limit: Option<usize>,
    ) -> Result<(Vec<Ticket>, u64)> {
        self.store()?.tickets(filter, order, limit)
    }

    /// The notifications waiting and given up on, oldest first; with
    /// `everything`, those delivered too.
    pub fn outbox(&self, everything: bool) -> Result<Vec<crate::outbox::Notification>> {
        self.store()?.outbox(everything)
    }

    /// The mail kept on ticket `ticket`, oldest first; with `None`, the
    /// mail kept on no ticket.
    pub fn mail(&self, ticket: Option<TicketId>) -> Result<Vec<store::mail::KeptMail>> {
        self.store()?.mail_of(ticket)
    }

    /// Kept message `id` as it came; `None` if its bytes were erased.
    pub fn raw_mail(&self, id: i64) -> Result<Option<Vec<u8>>> {
        self.store()?.raw_mail(id)
    }

    /// The mail kept on ticket `id` (or on no ticket) as an export holds
    /// it, bytes and all.
    pub fn exported_mail(
        &self,
        ticket: Option<TicketId>,
    ) -> Result<Vec<store::mail::ExportedMail>> {
        let mut out = Vec::new();
        for m in self.mail(ticket)? {
            let raw = self.raw_mail(m.id)?;
            out.push(store::mail::ExportedMail::of(m, raw.as_deref()));
        }
        Ok(out)
    }

    /// What an export holds of the mail on no ticket, and the addresses
    /// that bounced.
    pub fn loose(&self) -> Result<store::mail::Loose> {
        let occurrences = self.store()?.occurrences()?;
        Ok(store::mail::Loose {
            occurrences,
            mail: self.exported_mail(None)?,
            undeliverable: self.store()?.undeliverables()?,
        })
    }

    /// The newest `limit` notifications for `recipient`, newest first.
    pub fn inbox(&self, recipient: &str, limit: usize) -> Result<Vec<crate::outbox::Notification>> {
        self.store()?.notifications_for(recipient, limit)
    }

    /// Put notification `id` back in line for the next delivery, its
    /// attempts forgotten; `None` if the outbox has no such notification.
    /// One delivered already is returned as it is, unchanged.
    pub fn retry(&self, id: i64) -> Result<Option<crate::outbox::Notification>> {
        self.store()?.retry_notification(id, self.now)
    }

    /// Copy the whole queue, consistent, to the new file `to`.
    pub fn backup(&self, to: &std::path::Path) -> Result<store::BackupSummary> {
        self.store()?.backup(to)
    }

    /// The tickets `filter` lets through, lowest id first.
    pub fn ticket_ids(&self, filter: &store::TicketFilter) -> Result<Vec<TicketId>> {
        self.store()?.ticket_ids(filter)
    }

    /// Ticket `id` as it stands.
    pub fn ticket(&self, id: TicketId) -> Result<Ticket> {
        self.store()?.ticket(id)
    }

    /// Ticket `id` and its log, oldest event first, read together.
    pub fn history(&self, id: TicketId) -> Result<(Ticket, Vec<crate::event::Event>)> {
        self.store()?.ticket_with_events(id)
    }

    /// Ticket `id` as `esc show` shows it and an export holds it: with
    /// its log and its notifications; its mail, whose bytes may be large,
    /// is [`Queue::exported_mail`]'s.
    pub fn whole(&self, id: TicketId) -> Result<store::Restored> {
        let store = self.store()?;
        let (ticket, events) = store.ticket_with_events(id)?;
        Ok(store::Restored {
            notifications: store.notifications_of(id)?,
            ticket,
            events,
            mail: Vec::new(),
        })
    }

    /// Whether what `applied` queued is worth a deliverer now: someone it
    /// tells is one the policy gives a way to reach.
    pub fn reaches_someone(applied: &Applied, policy: &Policy) -> bool {
        applied
            .events
            .iter()
            .flat_map(|e| e.data.recipients())
            .any(|r| crate::delivery::reachable(policy.people.get(&r.name), &r.name).is_ok())
            || (!applied.customers.is_empty() && policy.delivery.smtp.is_some())
    }
}
