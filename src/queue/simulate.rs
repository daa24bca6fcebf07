//! A candidate policy tried on the queue's past: every ticket of a window
//! replayed under the versions that governed it and under the candidate,
//! side by side. Nothing is written.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Serialize;

use super::Queue;
use crate::clock::Instant;
use crate::describe::rule_did;
use crate::error::EscError;
use crate::event::{Detail, EventData, EventKind, history};
use crate::policy::{Clock, Policy};
use crate::report::GroupBy;
use crate::simulate::{
    Figures, Governing, Replayed, Unreplayable, Version, differs, doing, replay,
};
use crate::stats::Outcome;
use crate::store::TicketFilter;
use crate::ticket::{Ticket, TicketId};

/// The queue's policy versions, parsed, oldest first.
pub struct Versions(Vec<(Policy, Instant, u32)>);

impl Versions {
    /// The two sides to compare: these versions, and `candidate`.
    pub fn beside<'p>(&'p self, candidate: &'p Policy) -> Sides<'p> {
        Sides {
            versions: Governing::Versions(
                self.0
                    .iter()
                    .map(|(policy, applied_at, _)| Version {
                        policy,
                        applied_at: *applied_at,
                    })
                    .collect(),
            ),
            candidate: Governing::Candidate(candidate),
        }
    }

    pub fn numbers(&self) -> Vec<u32> {
        self.0.iter().map(|(_, _, n)| *n).collect()
    }
}

impl Queue {
    /// The policy versions the queue has had, each parsed; a new queue
    /// adopts its first here, as on any command.
    pub fn versions(&self) -> Result<Versions> {
        self.active()?;
        let stored = self.store()?.policy_versions()?;
        let mut parsed = Vec::new();
        for v in stored {
            let origin = format!("policy version {}", v.version);
            let policy = Policy::parse(&v.text, &origin).map_err(EscError::from)?;
            parsed.push((policy, v.applied_at, v.version));
        }
        Ok(Versions(parsed))
    }

    /// Replay every ticket opened in the window `head` names on both
    /// `sides`, up to now, into `head`'s groups; with `list`, each ticket
    /// treated otherwise is named with its first difference.
    pub fn simulate(&self, sides: &Sides, head: Simulation, list: bool) -> Result<Simulation> {
        let mut sim = head;
        let filter = TicketFilter {
            opened_in: Some((sim.since, sim.until)),
            ..TicketFilter::default()
        };
        let now = self.now;
        let by = sim.group_by;
        let ids = self.store()?.ticket_ids(&filter)?;
        // Tickets are read a batch at a time, so memory stays bounded however
        // wide the window, and each batch is replayed on every core.
        let mut batch = Vec::with_capacity(BATCH);
        for chunk in ids.chunks(BATCH) {
            batch.clear();
            for (ticket, events) in self.store()?.tickets_with_events(chunk)? {
                batch.push((ticket, history(&events)));
            }
            let fates = on_every_core(&batch, |(ticket, log)| sides.fate(ticket, log, now));
            for ((ticket, _), fate) in batch.iter().zip(fates) {
                sim.add(ticket, fate, by, list);
            }
        }
        let (since, until) = (sim.since, sim.until.min(now));
        let opened = self
            .occurrences()?
            .iter()
            .filter(|o| o.ticket.is_some() && o.at >= since && o.at < until)
            .count();
        let mut candidate = 0;
        if let Governing::Candidate(p) = &sides.candidate {
            let always = crate::calendar::Calendar::always();
            for r in &p.recurring {
                let cal = p.calendar(&r.calendar).unwrap_or(&always);
                let (first, last) = (
                    since.with_timezone(&cal.timezone).date_naive(),
                    until.with_timezone(&cal.timezone).date_naive(),
                );
                candidate += r
                    .when
                    .dates(first, last)
                    .into_iter()
                    .filter_map(|d| r.due_on(d, cal))
                    .filter(|at| *at >= since && *at < until)
                    .count();
            }
        }
        sim.recurring = Recurrings {
            opened: opened as u64,
            candidate: candidate as u64,
        };
        Ok(sim)
    }

    /// One ticket replayed on both `sides`, up to now.
    pub fn simulate_ticket(&self, sides: &Sides, id: TicketId) -> Result<(Ticket, Fate)> {
        let (ticket, events) = self.store()?.ticket_with_events(id)?;
        let fate = sides.fate(&ticket, &history(&events), self.now);
        Ok((ticket, fate))
    }
}

/// The two policies a simulation compares.
pub struct Sides<'p> {
    pub versions: Governing<'p>,
    pub candidate: Governing<'p>,
}

/// What became of one ticket.
pub enum Fate {
    Replayed {
        baseline: Box<Replayed>,
        candidate: Box<Replayed>,
    },
    Unreplayable {
        under: Side,
        why: Unreplayable,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// The versions in force.
    Baseline,
    Candidate,
}

impl<'p> Sides<'p> {
    pub fn fate(&self, ticket: &Ticket, log: &[EventData], now: Instant) -> Fate {
        let baseline = match replay(&self.versions, ticket, log, now) {
            Ok(b) => b,
            Err(why) => {
                return Fate::Unreplayable {
                    under: Side::Baseline,
                    why,
                };
            }
        };
        if let Some(why) = unfaithful(&baseline, log) {
            return Fate::Unreplayable {
                under: Side::Baseline,
                why,
            };
        }
        match replay(&self.candidate, ticket, log, now) {
            Ok(candidate) => Fate::Replayed {
                baseline: Box::new(baseline),
                candidate: Box::new(candidate),
            },
            Err(why) => Fate::Unreplayable {
                under: Side::Candidate,
                why,
            },
        }
    }
}

/// Why a replay under the versions in force is not the ticket's log, if
/// it is not. Past the log it may go on: what has come due since the last
/// tick (a replay appends only automatic events there).
fn unfaithful(baseline: &Replayed, log: &[EventData]) -> Option<Unreplayable> {
    let k = match baseline
        .log
        .iter()
        .zip(log)
        .position(|(again, was)| again != was)
    {
        Some(k) => k,
        None if baseline.log.len() < log.len() => baseline.log.len(),
        None => return None,
    };
    Some(Unreplayable {
        at: log[k].at,
        reason: format!(
            "replayed under the versions in force, its event {} ({} by {}) comes out otherwise",
            k + 1,
            log[k].kind,
            log[k].actor
        ),
    })
}

/// Tickets read and replayed at a time.
const BATCH: usize = 1024;

/// `f` of each item, in order, the items shared out among the cores.
fn on_every_core<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = items.len().div_ceil(cores).max(1);
    std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(share)
            .map(|part| s.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().expect("a replay does not panic"))
            .collect()
    })
}

impl Simulation {
    pub fn add(&mut self, ticket: &Ticket, fate: Fate, by: Option<GroupBy>, list: bool) {
        let id = ticket.id;
        match fate {
            Fate::Unreplayable { under, why } => self.unreplayable.push(Refusal {
                ticket: id,
                under,
                at: why.at,
                reason: why.reason,
            }),
            Fate::Replayed {
                baseline,
                candidate,
            } => {
                self.replayed += 1;
                let pair = match by {
                    Some(by) => self.groups.entry(key(by, ticket)).or_default(),
                    None => &mut self.total,
                };
                pair.baseline.add(&baseline);
                pair.candidate.add(&candidate);
                if by.is_some() {
                    self.total.baseline.add(&baseline);
                    self.total.candidate.add(&candidate);
                }
                if differs(&baseline, &candidate) {
                    self.differing += 1;
                    if list {
                        self.differences.push(Difference {
                            ticket: id,
                            first: first_difference(&baseline, &candidate),
                        });
                    }
                }
            }
        }
    }
}

/// The whole simulation, as JSON prints it.
#[derive(Serialize)]
pub struct Simulation {
    pub since: Instant,
    pub until: Instant,
    /// Every ticket is replayed up to here.
    pub now: Instant,
    pub candidate: Named,
    /// The queue's policy versions the baseline replays under.
    pub versions: Vec<u32>,
    pub group_by: Option<GroupBy>,
    pub replayed: u64,
    /// Tickets the candidate would treat otherwise.
    pub differing: u64,
    #[serde(serialize_with = "groups_in_order")]
    pub groups: BTreeMap<String, Pair>,
    pub total: Pair,
    pub unreplayable: Vec<Refusal>,
    /// With `--tickets`: each ticket treated otherwise and how.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub differences: Vec<Difference>,
    /// Recurring tickets in the window: those the queue opened, and
    /// those the candidate's schedules would have.
    pub recurring: Recurrings,
}

/// Recurring tickets opened in a window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Recurrings {
    pub opened: u64,
    pub candidate: u64,
}

fn groups_in_order<S: serde::Serializer>(
    groups: &BTreeMap<String, Pair>,
    s: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Group<'a> {
        key: &'a str,
        #[serde(flatten)]
        pair: &'a Pair,
    }
    s.collect_seq(groups.iter().map(|(key, pair)| Group { key, pair }))
}

#[derive(Serialize)]
pub struct Named {
    pub file: String,
    pub name: String,
    pub digest: String,
}

#[derive(Default, Serialize)]
pub struct Pair {
    pub baseline: Figures,
    pub candidate: Figures,
}

#[derive(Serialize)]
pub struct Refusal {
    pub ticket: TicketId,
    pub under: Side,
    pub at: Instant,
    pub reason: String,
}

#[derive(Serialize)]
pub struct Difference {
    pub ticket: TicketId,
    pub first: String,
}

/// A ticket's group, as it stands in the queue: both sides count it there.
fn key(by: GroupBy, t: &Ticket) -> String {
    let none = || crate::report::NONE.to_string();
    match by {
        GroupBy::Team => t.team.clone(),
        GroupBy::Level => t.level.clone(),
        GroupBy::Category => t.category.clone(),
        GroupBy::Channel => t.channel.to_string(),
        GroupBy::Priority => t.priority.clone(),
        GroupBy::Tier => t.tier.clone(),
        GroupBy::Assignee => t.assignee.clone().unwrap_or_else(none),
        GroupBy::RootCause => t.root_cause.clone().unwrap_or_else(none),
        GroupBy::Customer => t.customer.clone(),
    }
}

/// The first ways a ticket goes otherwise under the candidate: its SLA
/// outcomes, the first automatic event that differs, the first action no
/// longer needed.
pub fn first_difference(baseline: &Replayed, candidate: &Replayed) -> String {
    let mut parts = Vec::new();
    let (a, b) = (&baseline.ticket.stats, &candidate.ticket.stats);
    for (name, clock, was, now) in [
        (
            "first response",
            Clock::FirstResponse,
            a.first_response,
            b.first_response,
        ),
        ("resolution", Clock::Resolution, a.resolution, b.resolution),
    ] {
        if was == now {
            continue;
        }
        let outcome = |o: Option<Outcome>, r: &Replayed| match o {
            Some(Outcome::Breached) => match breached_at(r, clock) {
                Some(at) => format!("breached at {}", crate::clock::short(at)),
                None => "breached".into(),
            },
            Some(Outcome::Met) => "met".into(),
            None => "not measured".into(),
        };
        parts.push(format!(
            "{name} {} instead of {}",
            outcome(now, candidate),
            outcome(was, baseline)
        ));
    }
    let said = |e: &EventData| format!("{} at {}", rule_did(e), crate::clock::short(e.effective()));
    // The first automatic event that differs: what the policy did (an
    // escalation, a step or trigger) before a breach, a breach before a
    // warning; a warning moved is news only when nothing weightier changed.
    let (was, now): (Vec<&EventData>, Vec<&EventData>) = (
        crate::simulate::automatic(&baseline.log).collect(),
        crate::simulate::automatic(&candidate.log).collect(),
    );
    let same = |x: &EventData, y: &EventData| doing(x) == doing(y);
    let weight = |e: &EventData| match e.kind {
        EventKind::Warned => 2,
        EventKind::Breached => 1,
        _ => 0,
    };
    let first = |w: u8| {
        let keep = |e: &&&EventData| weight(e) == w;
        let (was, now): (Vec<&&EventData>, Vec<&&EventData>) = (
            was.iter().filter(keep).collect(),
            now.iter().filter(keep).collect(),
        );
        (0..was.len().max(now.len()))
            .find(|&k| !matches!((was.get(k), now.get(k)), (Some(x), Some(y)) if same(x, y)))
            .map(|k| (was.get(k).map(|e| **e), now.get(k).map(|e| **e)))
    };
    // With an SLA outcome said already, its breach and warning are too.
    let weights = if parts.is_empty() { 0..3 } else { 0..1 };
    match weights.into_iter().find_map(first) {
        Some((Some(x), Some(y))) if rule_did(x) == rule_did(y) => parts.push(format!(
            "{} at {} instead of {}",
            rule_did(y),
            crate::clock::short(y.effective()),
            crate::clock::short(x.effective())
        )),
        Some((Some(x), Some(y))) => parts.push(format!("{} instead of {}", said(y), said(x))),
        Some((None, Some(y))) => parts.push(said(y)),
        Some((Some(x), None)) => parts.push(format!("no longer {}", said(x))),
        _ => {}
    }
    if let Some(x) = candidate
        .absorbed
        .iter()
        .find(|x| !baseline.absorbed.contains(x))
    {
        parts.push(format!(
            "{} by {} at {} not needed: {}",
            x.kind,
            x.actor,
            crate::clock::short(x.at),
            x.why
        ));
    }
    parts.join("; ")
}

fn breached_at(r: &Replayed, clock: Clock) -> Option<Instant> {
    r.log
        .iter()
        .filter(|e| e.kind == EventKind::Breached)
        .filter(|e| matches!(&e.detail, Some(Detail::Clock(c)) if *c == clock))
        .map(EventData::effective)
        .next_back()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::automation::Engine;
    use crate::clock::parse_instant;
    use crate::lifecycle::{Act, NewTicket};
    use crate::ticket::Channel;

    /// A ticket opened at 09:00 and answered at 09:30 on the default.
    fn answered(p: &Policy) -> (Ticket, Vec<EventData>) {
        let at = |s: &str| parse_instant(s).unwrap();
        let act = |now: &str| Act {
            policy: p,
            actor: "ann",
            now: at(now),
        };
        let (t, opened) = act("2026-11-23T09:00:00Z")
            .open(NewTicket {
                title: "t".into(),
                description: String::new(),
                customer: "c".into(),
                email: None,
                tier: None,
                channel: Channel::Email,
                category: "technical".into(),
                priority: None,
                team: None,
                assignee: None,
                tags: vec![],
            })
            .unwrap();
        let engine = Engine::new(p, at("2026-11-23T09:30:00Z"));
        let reply = engine
            .around(&t, vec![opened.clone()], |t| {
                act("2026-11-23T09:30:00Z").respond(t, None)
            })
            .unwrap();
        let mut log = vec![opened];
        log.extend(reply.events);
        (reply.ticket, log)
    }

    #[test]
    fn a_log_no_policy_version_decided_is_not_taken_for_the_baseline() {
        let p = Policy::embedded();
        let (ticket, log) = answered(&p);
        let now = parse_instant("2026-11-23T18:00:00Z").unwrap();
        let versions = Governing::Candidate(&p);
        let faithful = replay(&versions, &ticket, &log, now).unwrap();
        assert_eq!(unfaithful(&faithful, &log), None);
        // A warning at 09:10, which no policy decided: the 4h target's
        // warning would come at 12:12, and the reply at 09:30 stopped it.
        let ten_past = parse_instant("2026-11-23T09:10:00Z").unwrap();
        let mut warned = EventData::new(EventKind::Warned, ten_past, "esc", 1);
        warned.automatic = true;
        warned.due_at = Some(ten_past);
        warned.rule = Some("warn:c1:first-response".into());
        let mut forged = log.clone();
        forged.insert(1, warned);
        let again = replay(&versions, &ticket, &forged, now).unwrap();
        let why = unfaithful(&again, &forged).expect("the replay has no such warning");
        assert_eq!(why.at, ten_past);
        assert_eq!(
            why.reason,
            "replayed under the versions in force, its event 2 (warned by esc) comes out otherwise"
        );
    }
}
