//! SLA clocks, computed from a ticket's event log: when each clock started,
//! when it stopped, the time it spent paused, and so when it is (or was)
//! due. Breaches are facts of these timestamps, whether or not anybody
//! looked at the moment they happened. Pure.

use serde::Serialize;

use crate::calendar::Calendar;
use crate::clock::Instant;
use crate::duration::Span;
use crate::event::{Detail, EventData, EventKind};
use crate::policy::{Clock, OnReopen, Policy, SlaRule};
use crate::ticket::{Status, Ticket};

/// What the log says, arranged for the clocks and the paths.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub cycle: u32,
    /// When each cycle began, index 0 for cycle 1.
    pub cycle_starts: Vec<Instant>,
    /// Waiting on the customer: `(from, until)`, `until` open while pending.
    pub pauses: Vec<(Instant, Option<Instant>)>,
    /// Resolved and not yet reopened: `(resolved, reopened)`.
    pub resolved: Vec<(Instant, Option<Instant>)>,
    pub responses: Vec<Instant>,
    pub contacts: Vec<Instant>,
    /// Each score with when it came and the cycle it rated: a rating
    /// that reopens starts the next cycle at its own instant, yet belongs
    /// to the cycle before.
    pub ratings: Vec<(Instant, u8, u32)>,
    /// When someone acknowledged the ticket.
    pub acks: Vec<Instant>,
    /// When a notification reached a person (not the customer).
    pub notified: Vec<Instant>,
    /// When the ticket was last imported: steps and triggers due by then
    /// never fire.
    pub imported_at: Option<Instant>,
    /// Keys of the automatic occurrences already recorded, and for steps
    /// and triggers also their keys by rule id (see `automation`).
    pub done: std::collections::HashSet<String>,
    /// When each recorded warning and breach took effect, by its key.
    pub recorded: std::collections::HashMap<String, Instant>,
}

impl Facts {
    pub fn from_log<'a>(log: impl IntoIterator<Item = &'a EventData>) -> Facts {
        let mut f = Facts::default();
        for e in log {
            let at = e.effective();
            if e.kind == EventKind::Opened || e.cycle as usize > f.cycle_starts.len() {
                f.cycle_starts.push(at);
                f.cycle = e.cycle.max(1);
            }
            if let Some(s) = &e.status {
                if s.from == Some(Status::Pending) {
                    close(&mut f.pauses, at);
                }
                if s.from == Some(Status::Resolved) {
                    close(&mut f.resolved, at);
                }
                if s.to == Some(Status::Pending) {
                    f.pauses.push((at, None));
                }
                if s.to == Some(Status::Resolved) {
                    f.resolved.push((at, None));
                }
            }
            match e.kind {
                EventKind::Responded => f.responses.push(at),
                EventKind::Contacted => f.contacts.push(at),
                EventKind::Acknowledged => f.acks.push(at),
                EventKind::Imported => f.imported_at = f.imported_at.max(Some(at)),
                EventKind::Notified => {
                    if let Some(Detail::Delivered(sent)) = &e.detail
                        && sent.iter().any(|s| !s.customer)
                    {
                        f.notified.push(at);
                    }
                }
                EventKind::Rated => {
                    if let Some(Detail::Csat(score)) = e.detail {
                        f.ratings.push((at, score, e.cycle));
                    }
                }
                _ => {}
            }
            if let Some(rule) = &e.rule {
                f.done.insert(rule.clone());
                if matches!(e.kind, EventKind::Warned | EventKind::Breached) {
                    f.recorded.insert(rule.clone(), at);
                }
                if let Some(effect) = e.effect() {
                    f.done
                        .insert(crate::automation::id_key(rule, effect.source.id()));
                }
            }
        }
        f
    }

    pub fn cycle_start(&self) -> Instant {
        *self
            .cycle_starts
            .last()
            .expect("a ticket's log starts with `opened`")
    }

    /// When the current cycle was resolved, if it is.
    pub fn resolved_at(&self) -> Option<Instant> {
        let start = self.cycle_start();
        self.resolved
            .iter()
            .rev()
            .find(|(at, _)| *at >= start)
            .map(|(at, _)| *at)
    }

    /// Responses in the current cycle.
    pub fn cycle_responses(&self) -> impl Iterator<Item = Instant> + '_ {
        let start = self.cycle_start();
        self.responses.iter().copied().filter(move |r| *r >= start)
    }

    pub fn cycle_contacts(&self) -> impl Iterator<Item = Instant> + '_ {
        let start = self.cycle_start();
        self.contacts.iter().copied().filter(move |c| *c >= start)
    }

    /// Spans during which clocks stand still: waiting on the customer, and
    /// (for a resumed clock) the time spent resolved.
    fn stops(&self, with_resolved: bool) -> Vec<(Instant, Option<Instant>)> {
        let mut all = self.pauses.clone();
        if with_resolved {
            all.extend(self.resolved.iter().filter(|(_, until)| until.is_some()));
        }
        all.sort();
        all
    }
}

fn close(spans: &mut [(Instant, Option<Instant>)], at: Instant) {
    if let Some(last) = spans.last_mut().filter(|(_, until)| until.is_none()) {
        last.1 = Some(at);
    }
}

/// When a clock is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "state", content = "at")]
pub enum DueAt {
    At(Instant),
    /// Standing still while the ticket waits on the customer.
    Paused,
    /// The calendar never opens long enough.
    Never,
    /// The clock stopped before the policy in force took over; it was met
    /// under the version that governed it then, and is not judged again.
    Settled,
}

impl DueAt {
    pub fn instant(self) -> Option<Instant> {
        match self {
            DueAt::At(t) => Some(t),
            DueAt::Paused | DueAt::Never | DueAt::Settled => None,
        }
    }
}

/// The instant `secs` of open calendar time after `start`, not counting
/// the `stops`.
pub fn due_after(
    cal: &Calendar,
    start: Instant,
    secs: i64,
    stops: &[(Instant, Option<Instant>)],
) -> DueAt {
    let mut cursor = start;
    let mut left = secs;
    for (from, until) in stops {
        if until.is_some_and(|u| u <= cursor) {
            continue;
        }
        let from = (*from).max(cursor);
        let open = cal.open_seconds(cursor, from);
        if open >= left {
            break;
        }
        left -= open;
        match until {
            None => return DueAt::Paused,
            Some(u) => cursor = cursor.max(*u),
        }
    }
    cal.add(cursor, left).map_or(DueAt::Never, DueAt::At)
}

/// How an SLA clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    Running,
    Paused,
    Met,
    Breached,
}

/// One run of one SLA clock.
#[derive(Debug, Clone, Serialize)]
pub struct ClockRun {
    pub clock: Clock,
    /// Identifies this run: the clock and the instant it started.
    pub key: String,
    pub calendar: String,
    pub target: Span,
    pub started: Instant,
    pub stopped: Option<Instant>,
    pub due: DueAt,
    pub warn: Option<DueAt>,
    pub standing: Standing,
}

impl ClockRun {
    /// Did (or will) this run breach, and when?
    pub fn breach(&self) -> Option<Instant> {
        let due = self.due.instant()?;
        match self.stopped {
            Some(s) if s <= due => None,
            _ => Some(due),
        }
    }

    pub fn warning(&self) -> Option<Instant> {
        let warn = self.warn?.instant()?;
        match self.stopped {
            Some(s) if s <= warn => None,
            _ => Some(warn),
        }
    }
}

/// Every SLA clock run of the ticket's current cycle under `rule`. A run
/// that stopped at or before `since` (when the policy in force took over)
/// is settled: its warning and breach are what was recorded while it ran,
/// so a new policy never rewrites an outcome already reached.
pub fn clock_runs(
    policy: &Policy,
    rule: &SlaRule,
    t: &Ticket,
    f: &Facts,
    now: Instant,
    since: Option<Instant>,
) -> Vec<ClockRun> {
    let cal = policy
        .calendar(&rule.calendar)
        .cloned()
        .unwrap_or_else(Calendar::always);
    let mut runs = Vec::new();
    let reopened = f.cycle > 1;
    let resolved_now = f.resolved_at();
    for clock in Clock::ALL {
        let Some(target) = rule.target(clock) else {
            continue;
        };
        let mode = if reopened {
            policy.reopen.of(clock)
        } else {
            OnReopen::Restart
        };
        if mode == OnReopen::Stop {
            continue;
        }
        let resume = mode == OnReopen::Resume;
        let stops = f.stops(resume);
        // A resumed clock counts from the first cycle; a restarted one from this cycle.
        let origin = if resume {
            f.cycle_starts[0]
        } else {
            f.cycle_start()
        };
        let spans: Vec<(Instant, Option<Instant>)> = match clock {
            Clock::FirstResponse => {
                let first = f.responses.iter().copied().find(|r| *r >= origin);
                vec![(origin, first)]
            }
            Clock::Resolution => vec![(origin, resolved_now)],
            Clock::NextResponse => next_response_spans(f),
        };
        for (started, stopped) in spans {
            // Resolving answers the customer: no reply clock runs past it.
            let stopped = match clock {
                Clock::Resolution => stopped,
                _ => stopped.or(resolved_now),
            };
            let key = format!("{clock}:{}", started.timestamp());
            let settled = matches!((stopped, since), (Some(stop), Some(s)) if stop <= s);
            let (due, warn) = if settled {
                let recorded = |kind: &str| f.recorded.get(&format!("{kind}:{key}")).copied();
                (
                    recorded("breach").map_or(DueAt::Settled, DueAt::At),
                    recorded("warn").map(DueAt::At),
                )
            } else {
                (
                    due_after(&cal, started, target.as_secs(), &stops),
                    rule.warning
                        .map(|w| due_after(&cal, started, w.at(target), &stops)),
                )
            };
            let paused =
                matches!(due, DueAt::Paused) || (stopped.is_none() && t.status == Status::Pending);
            let mut run = ClockRun {
                clock,
                key,
                calendar: cal.id.clone(),
                target,
                started,
                stopped,
                due,
                warn,
                standing: Standing::Running,
            };
            run.standing = match (run.breach(), stopped) {
                (Some(b), _) if b <= now || stopped.is_some() => Standing::Breached,
                (_, Some(_)) => Standing::Met,
                _ if paused => Standing::Paused,
                _ => Standing::Running,
            };
            runs.push(run);
        }
    }
    runs
}

/// Next-response clocks of this cycle: each starts at the first customer
/// contact after a reply, and stops at the next reply.
fn next_response_spans(f: &Facts) -> Vec<(Instant, Option<Instant>)> {
    let responses: Vec<Instant> = f.cycle_responses().collect();
    let mut spans = Vec::new();
    let mut waiting_since: Option<Instant> = None;
    let mut answered_once = false;
    let mut events: Vec<(Instant, bool)> = f
        .cycle_contacts()
        .map(|c| (c, true))
        .chain(responses.iter().map(|r| (*r, false)))
        .collect();
    // At one instant a reply counts before a contact: the contact is then unanswered.
    events.sort_by_key(|(at, is_contact)| (*at, *is_contact));
    for (at, is_contact) in events {
        match (is_contact, waiting_since) {
            (true, None) if answered_once => waiting_since = Some(at),
            (false, Some(since)) => {
                spans.push((since, Some(at)));
                waiting_since = None;
            }
            (false, None) => answered_once = true,
            _ => {}
        }
    }
    if let Some(since) = waiting_since {
        spans.push((since, None));
    }
    spans
}

#[cfg(test)]
mod tests;
