//! Escalations that run themselves: the warnings, breaches, path steps and
//! triggers a ticket's log makes due, applied exactly once each, in the
//! order they came due. `esc tick` and every agent command call the same
//! [`Engine::settle`], so a trigger fires on the command that causes it and
//! a late tick catches up with exactly what a punctual one would have done.
//! Pure: the policy, the ticket, its log and `now` come in.

use serde::Serialize;

use crate::calendar::Calendar;
use crate::clock::Instant;
use crate::error::EscError;
use crate::event::{
    Change, Detail, EscalationKind, Event, EventData, EventKind, RuleEffect, RuleKey, RuleKind,
    Source, Unchanged,
};
use crate::lifecycle::{Side, Transition};
use crate::policy::{Actions, Anchor, Clock, Condition, Policy, Raise, Step, Trigger, TriggerOn};
use crate::sla::{ClockRun, Facts, clock_runs};
use crate::ticket::{Status, Ticket};

/// Who automatic events are recorded as.
pub const ACTOR: &str = "esc";

/// How many occurrences one settle applies at most: a guard against a
/// policy that keeps making new work for itself.
const MAX_STEPS: usize = 10_000;

/// One thing the policy makes due on a ticket.
#[derive(Debug, Clone, Serialize)]
pub struct Occurrence<'p> {
    /// Unique per ticket; recorded on the event it produces. For steps and
    /// triggers it names the rule by what it does (see
    /// [`crate::policy::fingerprint`]).
    pub key: RuleKey,
    /// The same occurrence keyed by the rule's id: a rule whose definition
    /// changed but whose id did not is still the rule that fired.
    #[serde(skip)]
    pub aliases: Vec<RuleKey>,
    pub due: Instant,
    #[serde(flatten)]
    pub what: What<'p>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum What<'p> {
    Warning {
        clock: Clock,
    },
    Breach {
        clock: Clock,
    },
    Step {
        step: &'p Step,
        path: &'p str,
        anchor: Instant,
    },
    Trigger {
        trigger: &'p Trigger,
    },
}

impl What<'_> {
    /// At one instant: warnings before breaches before triggers before steps.
    fn rank(&self) -> u8 {
        match self {
            What::Warning { .. } => 0,
            What::Breach { .. } => 1,
            What::Trigger { .. } => 2,
            What::Step { .. } => 3,
        }
    }
}

/// Everything the engine sees about a ticket at one instant.
pub struct Outlook<'p> {
    pub facts: Facts,
    pub runs: Vec<ClockRun>,
    pub occurrences: Vec<Occurrence<'p>>,
}

pub struct Engine<'p> {
    pub policy: &'p Policy,
    pub now: Instant,
    /// When this policy version took over from an earlier one; `None` when
    /// it has governed the ticket from the start.
    pub since: Option<Instant>,
}

impl<'p> Engine<'p> {
    pub fn new(policy: &'p Policy, now: Instant) -> Self {
        Engine {
            policy,
            now,
            since: None,
        }
    }

    /// The policy took over at `since` (see [`Engine::since`]).
    pub fn since(mut self, since: Option<Instant>) -> Self {
        self.since = since;
        self
    }

    /// Clocks and occurrences of a ticket, recorded or not.
    pub fn outlook(&self, t: &Ticket, log: &[EventData]) -> Outlook<'p> {
        let facts = Facts::from_log(log);
        let stretches = crate::sla::stretches(self.policy, t, log);
        let runs = clock_runs(self.policy, &stretches, t, &facts, self.now, self.since);
        let mut occurrences = Vec::new();
        for run in &runs {
            if let Some(at) = run.warning() {
                occurrences.push(Occurrence {
                    key: crate::sla::run_key(RuleKind::Warn, run.clock, run.started),
                    aliases: Vec::new(),
                    due: at,
                    what: What::Warning { clock: run.clock },
                });
            }
            if let Some(at) = run.breach() {
                occurrences.push(Occurrence {
                    key: crate::sla::run_key(RuleKind::Breach, run.clock, run.started),
                    aliases: Vec::new(),
                    due: at,
                    what: What::Breach { clock: run.clock },
                });
            }
        }
        if !t.status.is_closed() {
            self.steps(t, &facts, &runs, &mut occurrences);
        }
        // A merged ticket's request goes on in another: nothing of its
        // own fires any more.
        if t.status != Status::Merged {
            self.triggers(t, &facts, &mut occurrences);
        }
        occurrences
            .sort_by(|a, b| (a.due, a.what.rank(), &a.key).cmp(&(b.due, b.what.rank(), &b.key)));
        Outlook {
            facts,
            runs,
            occurrences,
        }
    }

    fn steps(&self, t: &Ticket, f: &Facts, runs: &[ClockRun], out: &mut Vec<Occurrence<'p>>) {
        let Some(path) = self.policy.path_for(t) else {
            return;
        };
        let cal = self
            .policy
            .calendar(&path.calendar)
            .cloned()
            .unwrap_or_else(Calendar::always);
        let start = f.cycle_start();
        for step in &path.steps {
            let anchor = match step.from {
                Anchor::Opened => Some(start),
                Anchor::Breach(clock) => runs
                    .iter()
                    .filter(|r| r.clock == clock)
                    .filter_map(ClockRun::breach)
                    .max(),
                Anchor::LastEscalation => t.last_escalated_at,
                Anchor::LevelEntered => Some(t.level_since),
                Anchor::LastContact => f.cycle_contacts().last(),
                Anchor::Notified => f.notified.iter().copied().find(|at| *at >= start),
            };
            // Nothing from an earlier cycle comes due at once on a reopen.
            let Some(anchor) = anchor.map(|a| a.max(start)) else {
                continue;
            };
            let Some(due) = cal.add(anchor, step.after.as_secs()) else {
                continue;
            };
            let which = if step.from.moves() || step.from == Anchor::Breach(Clock::NextResponse) {
                format!("c{}:{}", f.cycle, anchor.timestamp())
            } else {
                format!("c{}", f.cycle)
            };
            out.push(Occurrence {
                key: RuleKey::new(RuleKind::Step, &step.fingerprint, which.clone()),
                aliases: vec![RuleKey::new(RuleKind::Step, &step.id, which)],
                due,
                what: What::Step {
                    step,
                    path: &path.id,
                    anchor,
                },
            });
        }
    }

    fn triggers(&self, t: &Ticket, f: &Facts, out: &mut Vec<Occurrence<'p>>) {
        let start = f.cycle_start();
        for trigger in self
            .policy
            .triggers
            .iter()
            .filter(|tr| tr.matcher.matches(t))
        {
            let what = What::Trigger { trigger };
            let print = &trigger.fingerprint;
            let (id, cycle) = (&trigger.id, f.cycle);
            let occurrence = |which: String, due: Instant, legacy: Option<RuleKey>| Occurrence {
                key: RuleKey::new(RuleKind::Trigger, print, which.clone()),
                aliases: std::iter::once(RuleKey::new(RuleKind::Trigger, id, which))
                    .chain(legacy)
                    .collect(),
                due,
                what: what.clone(),
            };
            match trigger.on {
                TriggerOn::Opened if f.cycle == 1 => {
                    out.push(occurrence("c1".into(), start, None));
                }
                TriggerOn::Opened => {}
                TriggerOn::Contacts(n) => {
                    if let Some(due) = f.cycle_contacts().nth(n as usize - 1) {
                        out.push(occurrence(format!("c{cycle}"), due, None));
                    }
                }
                TriggerOn::CsatBelow(below) => {
                    for (at, _, _) in f
                        .ratings
                        .iter()
                        .filter(|(_, s, rated)| *rated == cycle && *s < below)
                    {
                        // Before schema 5 this key had no cycle.
                        let legacy =
                            RuleKey::new(RuleKind::Trigger, id, at.timestamp().to_string());
                        out.push(occurrence(
                            format!("c{cycle}:{}", at.timestamp()),
                            *at,
                            Some(legacy),
                        ));
                    }
                }
            }
        }
    }

    /// Apply, in due order, every occurrence due by `now` that is not yet
    /// recorded, then recompute the ticket's derived due fields. Returns the
    /// ticket and the new events (also appended to `log`).
    pub fn settle(&self, t: Ticket, log: &mut Vec<EventData>) -> (Ticket, Vec<EventData>) {
        let (t, new) = self.apply_due(t, log);
        (self.derive(t, log), new)
    }

    /// The ticket with its derived due fields and report figures as its
    /// log gives them at the engine's instant, applying nothing: what a
    /// queue stored when it last wrote the ticket, derived again.
    pub fn derive(&self, mut t: Ticket, log: &[EventData]) -> Ticket {
        t.due = self.due(&t, log);
        t.stats = crate::stats::summarize(self.policy, &t, log);
        t
    }

    /// [`Engine::settle`] without deriving the due fields and the report's
    /// figures at the end, which nothing the engine or an agent's command
    /// decides reads: for a replay, which settles at every logged instant
    /// and derives once.
    pub fn apply_due(&self, mut t: Ticket, log: &mut Vec<EventData>) -> (Ticket, Vec<EventData>) {
        let mut new = Vec::new();
        for _ in 0..MAX_STEPS {
            let outlook = self.outlook(&t, log);
            let Some(mut next) = outlook
                .occurrences
                .into_iter()
                .find(|o| o.due <= self.now && !o.done(&outlook.facts))
            else {
                break;
            };
            // A step or trigger of the version in force that came due before
            // that version took over fires at the takeover, never back-dated:
            // nobody could have seen it coming. SLA warnings and breaches keep
            // their true instants; they are facts of the timestamps.
            if let Some(since) = self.since
                && matches!(next.what, What::Step { .. } | What::Trigger { .. })
                && next.due < since
            {
                next.due = since.min(self.now);
            }
            let event = self.apply(&mut t, &outlook.facts, next);
            t.updated_at = t.updated_at.max(self.now);
            log.push(event.clone());
            new.push(event);
        }
        (t, new)
    }

    /// An agent's change with the automation around it: what was due before
    /// it is applied first (as a punctual tick would have), and what the
    /// change causes (a trigger, a breach it reveals) right after.
    pub fn around<F>(
        &self,
        t: &Ticket,
        mut log: Vec<EventData>,
        change: F,
    ) -> Result<Transition, EscError>
    where
        F: FnOnce(&Ticket) -> Result<Transition, EscError>,
    {
        let (before, events) = self.settle(t.clone(), &mut log);
        let agent = change(&before).map_err(|e| match caught_up(t, &before, &events) {
            // The refusal speaks of the ticket as the overdue automation
            // left it, which `esc show` does not list until a tick records
            // it: say so, or "already at L2" reads as a lie about an L0.
            Some(note) => e.explained(&note),
            None => e,
        })?;
        Ok(self.after(agent, &mut log, events))
    }

    /// The agent's change `did`, then what it causes, with the `events`
    /// the automation applied before it: the whole transition.
    fn after(
        &self,
        did: Transition,
        log: &mut Vec<EventData>,
        mut events: Vec<EventData>,
    ) -> Transition {
        log.extend(did.events.iter().cloned());
        events.extend(did.events);
        let (ticket, after) = self.settle(did.ticket, log);
        events.extend(after);
        self.transition(ticket, events)
    }

    /// An agent's change of two tickets at once (a merge) with the
    /// automation around each, as [`Engine::around`] does for one: `change`
    /// reads each as the overdue automation left it, with its log.
    pub fn around_both<F>(
        &self,
        [(a, a_log), (b, b_log)]: [(&Ticket, Vec<EventData>); 2],
        change: F,
    ) -> Result<[Transition; 2], EscError>
    where
        F: FnOnce(Side, Side) -> Result<(Transition, Transition), EscError>,
    {
        let (mut a_log, mut b_log) = (a_log, b_log);
        let (a_now, a_events) = self.settle(a.clone(), &mut a_log);
        let (b_now, b_events) = self.settle(b.clone(), &mut b_log);
        let (a_did, b_did) = change((&a_now, &a_log), (&b_now, &b_log))?;
        Ok([
            self.after(a_did, &mut a_log, a_events),
            self.after(b_did, &mut b_log, b_events),
        ])
    }

    /// A ticket's new state and events, with the updates they send the
    /// customer.
    pub fn transition(&self, ticket: Ticket, events: Vec<EventData>) -> Transition {
        let notices = crate::customer::notices(self.policy, &ticket, &events);
        Transition {
            ticket,
            events,
            notices,
        }
    }

    /// The derived due fields `esc tick` and `esc list` search by.
    fn due(&self, t: &Ticket, log: &[EventData]) -> crate::ticket::Due {
        let outlook = self.outlook(t, log);
        let f = &outlook.facts;
        let live = !t.status.is_closed();
        let pending = |o: &&Occurrence| !o.done(f);
        crate::ticket::Due {
            next_at: live
                .then(|| {
                    outlook
                        .occurrences
                        .iter()
                        .filter(pending)
                        .map(|o| o.due)
                        .min()
                })
                .flatten(),
            sla_at: outlook
                .runs
                .iter()
                .filter(|r| r.stopped.is_none() && live)
                .filter_map(|r| r.breach())
                .filter(|b| *b > self.now)
                .min(),
            breached_at: log
                .iter()
                .filter(|e| e.kind == EventKind::Breached && e.cycle == f.cycle)
                .map(EventData::effective)
                .min(),
            digest: live.then(|| self.policy.digest[..16].to_string()),
        }
    }

    fn event(&self, t: &Ticket, kind: EventKind, o: &Occurrence) -> EventData {
        let mut e = EventData::new(kind, self.now, ACTOR, t.cycle);
        e.automatic = true;
        e.due_at = Some(o.due);
        e.rule = Some(o.key.to_string());
        e.policy = Some(self.policy.digest.clone());
        e
    }

    fn apply(&self, t: &mut Ticket, f: &Facts, o: Occurrence) -> EventData {
        match &o.what {
            What::Warning { clock } => self
                .event(t, EventKind::Warned, &o)
                .detail(Detail::Clock(*clock)),
            What::Breach { clock } => self
                .event(t, EventKind::Breached, &o)
                .detail(Detail::Clock(*clock)),
            What::Trigger { trigger } => {
                let reason = trigger
                    .description
                    .clone()
                    .unwrap_or_else(|| format!("trigger {}", trigger.id));
                let source = Source::Trigger(trigger.id.clone());
                self.act(t, &trigger.actions, &o, source, reason)
            }
            What::Step { step, path, .. } => {
                let reason = step.description.clone().unwrap_or_else(|| {
                    format!(
                        "path {path}, step {}: {} {} after {}",
                        step.id,
                        step.when.as_str(),
                        step.after,
                        step.from.name()
                    )
                });
                let source = Source::Step(step.id.clone());
                if holds(step.when, f, o.due) {
                    self.act(t, &step.actions, &o, source, reason)
                } else {
                    let mut effect = RuleEffect::new(source);
                    effect.condition = Some(step.when);
                    self.event(t, EventKind::Skipped, &o)
                        .reason(Some(reason))
                        .detail(Detail::Rule(effect))
                }
            }
        }
    }

    /// Carry out a step's or trigger's actions at its due instant.
    fn act(
        &self,
        t: &mut Ticket,
        a: &Actions,
        o: &Occurrence,
        source: Source,
        reason: String,
    ) -> EventData {
        let p = self.policy;
        let at = o.due;
        let before = t.clone();
        let mut effect = RuleEffect::new(source);
        let mut e = self.event(t, EventKind::Automated, o).reason(Some(reason));
        if a.reopen && t.status == Status::Resolved {
            t.status = Status::Open;
            t.cycle += 1;
            t.resolved_at = None;
            t.resolution = None;
            t.root_cause = None;
            e.cycle = t.cycle;
            effect.reopened = true;
        }
        let rank = |l: &str| p.level_rank(l);
        let mut level = t.level.clone();
        match &a.raise {
            Some(Raise::Up) => match rank(&level).and_then(|r| p.levels.get(r + 1)) {
                Some(up) => level = up.id.clone(),
                None => effect.unchanged.push(Unchanged::AtTopLevel {
                    level: t.level.clone(),
                }),
            },
            Some(Raise::To(to)) if rank(to) > rank(&level) => level = to.clone(),
            Some(Raise::To(to)) => effect.unchanged.push(Unchanged::AtOrAbove {
                level: t.level.clone(),
                target: to.clone(),
            }),
            None => {}
        }
        if let Some(team) = a.team.as_ref().and_then(|id| p.team(id)) {
            t.team = team.id.clone();
            if rank(&team.level) > rank(&level) {
                level = team.level.clone();
            }
        }
        if level != t.level {
            t.level = level;
            t.level_since = at;
        }
        if let Some(who) = &a.assign {
            t.assignee = Some(who.clone());
        }
        if let Some(prio) = &a.priority
            && *prio != t.priority
        {
            effect.priority = Some(Change {
                from: Some(t.priority.clone()),
                to: Some(prio.clone()),
            });
            t.priority = prio.clone();
        }
        for tag in &a.tags {
            if !t.has_tag(tag) {
                t.tags.push(tag.clone());
                effect.tags.push(tag.clone());
            }
        }
        effect.notify = p.recipients(&a.notify);
        effect.urgent = a.urgent && !effect.notify.is_empty();
        e = e
            .level(&before.level, &t.level)
            .team(&before.team, &t.team)
            .assignee(before.assignee.as_deref(), t.assignee.as_deref())
            .status(before.status, t.status);
        if let Some(kind) = EscalationKind::of(e.team.is_some(), e.level.is_some()) {
            e.kind = EventKind::Escalated;
            e.escalation = Some(kind);
            t.last_escalated_at = Some(at);
        }
        let changed =
            e.level.is_some() || e.team.is_some() || e.assignee.is_some() || e.status.is_some();
        let did_more =
            effect.priority.is_some() || !effect.tags.is_empty() || !effect.notify.is_empty();
        if !changed && !did_more {
            e.kind = EventKind::Skipped;
        }
        e.detail(Detail::Rule(effect))
    }
}

impl Occurrence<'_> {
    /// Recorded already, by its key or by the rule's id.
    pub fn done(&self, f: &Facts) -> bool {
        f.done.contains(&self.key)
            || self.aliases.iter().any(|a| f.done.contains(a))
            // A step or trigger due by the time its ticket was imported is
            // the old help desk's past: it never fires here (an upgrade
            // must not mail last year's news).
            || (matches!(self.what, What::Step { .. } | What::Trigger { .. })
                && f.imported_at.is_some_and(|imported| self.due <= imported))
    }

    /// The event that recorded this occurrence, if one did.
    pub fn recorded<'e>(&self, events: &'e [Event]) -> Option<&'e Event> {
        events.iter().find(|e| {
            e.data
                .rule
                .as_deref()
                .and_then(|r| r.parse::<RuleKey>().ok())
                .is_some_and(|rule| {
                    rule == self.key
                        || e.data.effect().is_some_and(|effect| {
                            self.aliases.contains(&rule.alias(effect.source.id()))
                        })
                        || self.aliases.contains(&rule)
                })
        })
    }
}

/// What the automation that was overdue did before an agent's change was
/// judged, in a sentence to add to a refusal; `None` if nothing was due.
fn caught_up(was: &Ticket, now: &Ticket, events: &[EventData]) -> Option<String> {
    let escalated: Vec<&EventData> = events
        .iter()
        .filter(|e| e.kind == EventKind::Escalated)
        .collect();
    let escalations = escalated.len();
    let first = if escalated.is_empty() {
        events.iter().filter_map(|e| e.due_at).min()?
    } else {
        escalated.iter().filter_map(|e| e.due_at).min()?
    };
    let mut what = match escalations {
        0 => format!("{} overdue automatic events", events.len()),
        1 => "1 overdue escalation".to_string(),
        n => format!("{n} overdue escalations"),
    };
    let mut did = Vec::new();
    if was.level != now.level {
        did.push(format!("took it from {} to {}", was.level, now.level));
    }
    if was.team != now.team {
        did.push(format!("moved it from team {} to {}", was.team, now.team));
    }
    if !did.is_empty() {
        what = format!("{what} {}", did.join(" and "));
    }
    Some(format!(
        " (judged after {what}, due since {}; the next `esc tick` records them)",
        crate::clock::rfc3339(first)
    ))
}

/// Did a step's condition hold at the instant `at`?
pub fn holds(when: Condition, f: &Facts, at: Instant) -> bool {
    match when {
        Condition::Always => true,
        Condition::Unresolved => f.resolved_at().is_none_or(|r| r > at),
        Condition::NoFirstResponse => !f.cycle_responses().any(|r| r <= at),
        Condition::NoResponseSinceContact => match f.cycle_contacts().filter(|c| *c <= at).last() {
            None => false,
            Some(c) => !f.cycle_responses().any(|r| r > c && r <= at),
        },
        Condition::Unacknowledged => {
            let start = f.cycle_start();
            !f.acks.iter().any(|a| *a >= start && *a <= at)
        }
    }
}

#[cfg(test)]
mod tests;
