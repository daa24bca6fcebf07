//! Made-up tickets for the benchmarks and the crash proof, which build
//! large queues in one import rather than a process per ticket. Opened
//! through the engine, as `esc open` would, so every derived column is
//! what a real queue holds.

use crate::automation::Engine;
use crate::clock::Instant;
use crate::event::EventData;
use crate::lifecycle::{Act, NewTicket};
use crate::policy::Policy;
use crate::store::{Location, Store};
use crate::ticket::{Channel, Ticket};

/// A new queue at `location` whose policy is the embedded default, as
/// `esc init` makes it, for a benchmark or a proof to fill.
pub fn new_queue(location: &Location) -> anyhow::Result<Box<dyn Store>> {
    let mut store = crate::store::open(location)?;
    let default = Policy::embedded();
    store.apply_policy(
        crate::policy::DEFAULT_POLICY,
        &default.digest,
        "sample",
        crate::clock::from_unix(0),
        None,
    )?;
    Ok(store)
}

/// What the sample's customers write about: a search for one of these
/// words finds an eighth of the queue, for its order number one ticket.
const SUBJECTS: [&str; 8] = [
    "Card charged twice",
    "Where is my parcel?",
    "Password reset fails",
    "Invoice lacks the VAT number",
    "App crashes at start",
    "Refund not received",
    "Cannot change the delivery address",
    "Export to CSV is empty",
];

/// Ticket number `i`, opened at `now` under a policy with the default's
/// categories and priorities and never answered: a mix of channels,
/// categories and priorities, and 5,000 customers.
pub fn unanswered(policy: &Policy, i: usize, now: Instant) -> (Ticket, Vec<EventData>) {
    let act = Act {
        policy,
        actor: "sample",
        now,
    };
    let (ticket, opened) = act
        .open(NewTicket {
            title: format!("{} (order {i})", SUBJECTS[i % SUBJECTS.len()]),
            description: String::new(),
            customer: format!("customer{}", i % 5000),
            email: None,
            tier: None,
            channel: [Channel::Email, Channel::Chat, Channel::Web, Channel::Phone][i % 4],
            category: ["technical", "financial", "delivery", "general"][i % 4].into(),
            priority: Some(["high", "normal", "normal", "low"][i % 4].into()),
            team: None,
            assignee: None,
            tags: vec![],
        })
        .expect("the policy defines the sample's categories and priorities");
    let mut log = vec![opened];
    let (ticket, _) = Engine::new(policy, now).settle(ticket, &mut log);
    (ticket, log)
}

/// Fill `store` with `n` never-answered tickets in one import, opened over
/// ten minutes from `t0`; with `overdue`, every `overdue`th three hours
/// earlier, so that it comes due first.
pub fn fill(
    store: &mut dyn Store,
    n: usize,
    t0: Instant,
    overdue: Option<usize>,
) -> anyhow::Result<usize> {
    let policy = Policy::embedded();
    let mut tickets = (0..n).map(|i| {
        let early = overdue.is_some_and(|every| i % every == 0);
        let opened = if early {
            t0 - chrono::Duration::hours(3)
        } else {
            t0
        } + chrono::Duration::seconds((i % 600) as i64);
        unanswered(&policy, i, opened)
    });
    store.import(&mut tickets)
}
