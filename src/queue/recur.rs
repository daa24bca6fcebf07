//! Recurring tickets: each occurrence of each of the policy's schedules
//! opened once, by the tick that finds it due, with its row in the
//! queue's ledger in the same transaction.

use anyhow::Result;
use chrono::{Duration, NaiveDate};

use super::Queue;
use crate::automation::{ACTOR, Engine};
use crate::calendar::Calendar;
use crate::clock::Instant;
use crate::event::{EventData, RuleKey, RuleKind};
use crate::lifecycle::{Act, NewTicket};
use crate::policy::{Missed, Policy, Recurring};
use crate::recurrence::Occurrence;
use crate::store::Applied;
use crate::store::txn::{End, Rerun};
use crate::ticket::Channel;

/// How far back a tick looks for occurrences it has not seen: a queue
/// whose tick was down longer opens what fell in the last of it.
const LOOK_BACK_DAYS: i64 = 400;

/// What became of one occurrence.
#[derive(Debug)]
pub enum Outcome {
    Opened(Box<Applied>),
    /// Missed while the tick did not run; the policy opens only the latest.
    PassedOver,
    /// Another tick opened it first.
    Taken,
}

/// One occurrence a tick came to.
#[derive(Debug)]
pub struct Recurred {
    pub schedule: String,
    /// The date it falls on.
    pub occurrence: String,
    /// When it was due.
    pub due: Instant,
    pub outcome: Outcome,
}

impl Queue {
    /// Open the occurrences of `policy`'s recurring tickets due by now
    /// that the ledger does not hold, each in its own transaction with
    /// its ledger row (kept when `write`, else rolled back). A schedule
    /// with nothing in the ledger starts at `since`, when the policy took
    /// over (the queue's start when `None`).
    pub fn recur(
        &self,
        policy: &Policy,
        since: Option<Instant>,
        write: bool,
    ) -> Result<Vec<Recurred>> {
        if policy.recurring.is_empty() {
            return Ok(Vec::new());
        }
        // With no takeover, the version in force is the first, which has
        // governed since it was applied.
        let start = match since {
            Some(s) => s,
            None => self.active()?.record.applied_at,
        };
        let ledger = self.store()?.occurrences()?;
        let engine = Engine::new(policy, self.now).since(since);
        let always = Calendar::always();
        let mut done = Vec::new();
        for r in &policy.recurring {
            let cal = policy.calendar(&r.calendar).unwrap_or(&always);
            let last = ledger
                .iter()
                .filter(|o| o.schedule == r.id)
                .map(|o| o.occurrence.as_str())
                .max();
            let due = due(r, cal, last, start, self.now);
            let keep = match r.missed {
                Missed::All => due.len(),
                Missed::Latest => due.len().min(1),
            };
            let passed = due.len() - keep;
            for (i, (date, at)) in due.into_iter().enumerate() {
                let occurrence = date.to_string();
                let opening = i >= passed;
                let outcome = self.occur(policy, &engine, r, &occurrence, opening, write)?;
                done.push(Recurred {
                    schedule: r.id.clone(),
                    occurrence,
                    due: at,
                    outcome,
                });
            }
        }
        Ok(done)
    }

    /// Occurrence `occurrence` of `r`: opened (or, without `opening`,
    /// passed over) in one transaction with its ledger row, unless the
    /// ledger holds it already.
    fn occur(
        &self,
        policy: &Policy,
        engine: &Engine,
        r: &Recurring,
        occurrence: &str,
        opening: bool,
        write: bool,
    ) -> Result<Outcome> {
        let act = Act {
            policy,
            actor: ACTOR,
            now: self.now,
        };
        let new = NewTicket {
            title: r.title.clone(),
            description: r.description.clone(),
            customer: r.customer.clone(),
            email: None,
            tier: None,
            channel: Channel::Bot,
            category: r.category.clone(),
            priority: r.priority.clone(),
            team: r.team.clone(),
            assignee: None,
            tags: r.tags.clone(),
        };
        let (ticket, mut opened) = act.open(new)?;
        mark(&mut opened, policy, r, occurrence);
        let row = Occurrence {
            schedule: r.id.clone(),
            occurrence: occurrence.to_string(),
            ticket: None,
            at: self.now,
        };
        let end = if write { End::Commit } else { End::RollBack };
        let mut outcome = None;
        let mut store = self.store()?;
        store.transaction(Rerun::OnConflict, end, &mut |tx| {
            outcome = Some(if !tx.claim_occurrence(&row)? {
                Outcome::Taken
            } else if !opening {
                Outcome::PassedOver
            } else {
                let applied =
                    crate::store::txn::create(tx, &ticket, opened.clone(), &mut |t, mut log| {
                        let (t, _) = engine.settle(t, &mut log);
                        engine.transition(t, log)
                    })?;
                tx.occurrence_opened(&row.schedule, &row.occurrence, applied.ticket.id)?;
                Outcome::Opened(Box::new(applied))
            });
            Ok(())
        })?;
        Ok(outcome.expect("the transaction ran its work"))
    }

    /// The queue's ledger of recurring tickets.
    pub fn occurrences(&self) -> Result<Vec<Occurrence>> {
        self.store()?.occurrences()
    }
}

/// A recurring ticket's opening names its schedule and occurrence, and
/// the policy that opened it, as automatic events do.
fn mark(opened: &mut EventData, policy: &Policy, r: &Recurring, occurrence: &str) {
    opened.automatic = true;
    opened.rule = Some(RuleKey::new(RuleKind::Schedule, &r.id, occurrence).to_string());
    opened.policy = Some(policy.digest.clone());
}

/// The occurrences of `r` due by `now` after the ledger's `last` (or,
/// with none, due at `start` or later), oldest first.
fn due(
    r: &Recurring,
    cal: &Calendar,
    last: Option<&str>,
    start: Instant,
    now: Instant,
) -> Vec<(NaiveDate, Instant)> {
    let today = now.with_timezone(&cal.timezone).date_naive();
    let earliest = today - Duration::days(LOOK_BACK_DAYS);
    let from = match last.and_then(|l| l.parse::<NaiveDate>().ok()) {
        Some(last) => last.succ_opt().unwrap_or(last),
        None => start.with_timezone(&cal.timezone).date_naive(),
    }
    .max(earliest);
    r.when
        .dates(from, today)
        .into_iter()
        .filter_map(|d| r.due_on(d, cal).map(|at| (d, at)))
        .filter(|(_, at)| *at <= now && (last.is_some() || *at >= start))
        .collect()
}
