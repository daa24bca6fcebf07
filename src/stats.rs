//! What `esc report` counts, per ticket: derived from the ticket's event log
//! and written with every change, in the same transaction, so a report over
//! a million tickets reads one row each instead of every event. Pure.

use crate::calendar::Calendar;
use crate::event::{Detail, EventData, EventKind};
use crate::policy::{Clock, Policy};
use crate::sla::Facts;
pub use crate::ticket::{Outcome, Stats};
use crate::ticket::{Status, Ticket};

fn add_name(list: &mut Vec<String>, name: &str) {
    if !list.iter().any(|n| n == name) {
        list.push(name.to_string());
    }
}

/// Open calendar time from `a` to `b`, not counting the `stops`.
fn business(
    cal: &Calendar,
    a: crate::clock::Instant,
    b: crate::clock::Instant,
    stops: &[(crate::clock::Instant, Option<crate::clock::Instant>)],
) -> i64 {
    let paused: i64 = stops
        .iter()
        .map(|(from, until)| cal.open_seconds((*from).max(a), until.unwrap_or(b).min(b)))
        .sum();
    cal.open_seconds(a, b) - paused
}

pub fn summarize(policy: &Policy, t: &Ticket, log: &[EventData]) -> Stats {
    let mut s = Stats {
        top_level: t.level.clone(),
        ..Stats::default()
    };
    let rank = |l: &str| policy.level_rank(l);
    let mut first_response = None;
    let mut breached = (false, false);
    for e in log {
        if let Some(to) = e.level.as_ref().and_then(|c| c.to.as_deref())
            && rank(to) > rank(&s.top_level)
        {
            s.top_level = to.to_string();
        }
        if let Some(who) = e.assignee.as_ref().and_then(|c| c.to.as_deref()) {
            add_name(&mut s.handlers, who);
        }
        let team_moved = e.team.as_ref().is_some_and(|c| c.from.is_some());
        let handed_off = e.assignee.as_ref().is_some_and(|c| c.from.is_some());
        if team_moved || handed_off {
            s.transfers += 1;
        }
        match e.kind {
            EventKind::Escalated => {
                s.escalations += 1;
                if e.team.is_some() {
                    s.functional += 1;
                }
                if e.level.is_some() {
                    s.hierarchical += 1;
                }
                if e.automatic {
                    s.automatic += 1;
                }
                let holder = e.assignee.as_ref().and_then(|c| c.from.as_deref());
                match (holder, e.automatic) {
                    (Some(who), _) => add_name(&mut s.escalated_by, who),
                    (None, false) => add_name(&mut s.escalated_by, &e.actor),
                    (None, true) => {}
                }
            }
            EventKind::Responded if first_response.is_none() => first_response = Some(e.at),
            EventKind::Breached => {
                s.breaches += 1;
                match e.detail {
                    Some(Detail::Clock(Clock::FirstResponse)) => breached.0 = true,
                    Some(Detail::Clock(Clock::Resolution)) => breached.1 = true,
                    _ => {}
                }
            }
            EventKind::Warned => s.warnings += 1,
            EventKind::Resolved | EventKind::SignoffRequested => {
                s.resolved_by = Some(e.actor.clone())
            }
            _ => {}
        }
        if e.status
            .as_ref()
            .is_some_and(|c| c.from == Some(Status::Resolved))
        {
            s.reopens += 1;
        }
    }
    if t.status != Status::Resolved {
        s.resolved_by = None;
    }
    let rule = policy.sla_for(t);
    let cal = rule
        .and_then(|r| policy.calendar(&r.calendar))
        .cloned()
        .unwrap_or_else(Calendar::always);
    let facts = Facts::from_log(log);
    let pauses = &facts.pauses;
    let target = |c: Clock| rule.and_then(|r| r.target(c)).is_some();
    s.first_response_secs = first_response.map(|r| (r - t.opened_at).num_seconds());
    s.first_response_business_secs = first_response.map(|r| business(&cal, t.opened_at, r, pauses));
    if let Some(done) = t.resolved_at {
        s.resolution_secs = Some((done - t.opened_at).num_seconds());
        let mut stops = pauses.clone();
        stops.extend(facts.resolved.iter().filter(|(_, until)| until.is_some()));
        s.resolution_business_secs = Some(business(&cal, t.opened_at, done, &stops));
    }
    s.first_response = match (
        breached.0,
        first_response.is_some() && target(Clock::FirstResponse),
    ) {
        (true, _) => Some(Outcome::Breached),
        (false, true) => Some(Outcome::Met),
        _ => None,
    };
    s.resolution = match (
        breached.1,
        t.status == Status::Resolved && target(Clock::Resolution),
    ) {
        (true, _) => Some(Outcome::Breached),
        (false, true) => Some(Outcome::Met),
        _ => None,
    };
    s
}

#[cfg(test)]
mod tests;
