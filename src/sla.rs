//! SLA clocks, computed from a ticket's event log: when each clock started,
//! when it stopped, the time it spent paused, and so when it is (or was)
//! due. Breaches are facts of these timestamps, whether or not anybody
//! looked at the moment they happened. Pure.

use serde::Serialize;

use crate::calendar::Calendar;
use crate::clock::Instant;
use crate::duration::Span;
use crate::event::{Detail, Edit, EditedField, EventData, EventKind, RuleKey, RuleKind};
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
    /// and triggers also their keys by rule id (see `automation`). A key
    /// esc did not write (none parses otherwise) names no occurrence.
    pub done: std::collections::HashSet<RuleKey>,
    /// When each recorded warning and breach took effect, by its key.
    pub recorded: std::collections::HashMap<RuleKey, Instant>,
    /// Tickets merged in whose customer had waited longer for a first
    /// answer: `(when it joined, waiting since, which ticket)`.
    pub waits: Vec<(Instant, Instant, crate::ticket::TicketId)>,
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
                let closed = |s: Option<Status>| s.is_some_and(Status::is_closed);
                if s.from == Some(Status::Pending) {
                    close(&mut f.pauses, at);
                }
                if closed(s.from) {
                    close(&mut f.resolved, at);
                }
                if s.to == Some(Status::Pending) {
                    f.pauses.push((at, None));
                }
                if closed(s.to) {
                    f.resolved.push((at, None));
                }
            }
            if let Some(Detail::Merge(m)) = &e.detail {
                match (e.kind, m.waiting_since) {
                    (EventKind::Joined, Some(since)) => f.waits.push((at, since, m.ticket)),
                    (EventKind::Unmerged, _) => f.waits.retain(|w| w.2 != m.ticket),
                    _ => {}
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
            if let Some(rule) = e.rule.as_deref().and_then(|r| r.parse::<RuleKey>().ok()) {
                if let Some(effect) = e.effect() {
                    f.done.insert(rule.alias(effect.source.id()));
                }
                if matches!(e.kind, EventKind::Warned | EventKind::Breached) {
                    f.recorded.insert(rule.clone(), at);
                }
                f.done.insert(rule);
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

    /// When the current cycle was resolved (or merged away), if it is.
    pub fn resolved_at(&self) -> Option<Instant> {
        let start = self.cycle_start();
        self.resolved
            .iter()
            .rev()
            .find(|(at, until)| *at >= start && until.is_none())
            .map(|(at, _)| *at)
    }

    /// Since when the first response of the run from `origin` to `first`
    /// counts: `origin`, or earlier when a ticket merged in meanwhile had
    /// a customer waiting since before.
    pub fn first_wait(&self, origin: Instant, first: Option<Instant>) -> Instant {
        self.waits
            .iter()
            .filter(|(joined, _, _)| *joined >= origin && first.is_none_or(|f| *joined <= f))
            .map(|(_, since, _)| *since)
            .fold(origin, Instant::min)
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

/// The key a warning or breach of the clock run that started at `started`
/// is recorded under: `warn:first-response:1795425000`.
pub fn run_key(kind: RuleKind, clock: Clock, started: Instant) -> RuleKey {
    RuleKey::new(kind, clock.as_str(), started.timestamp().to_string())
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

/// The SLA rule in force from an instant on. A change of priority, tier,
/// category, channel, team, level or tags can hand a ticket to another
/// rule; the clocks keep what they measured under the one before.
#[derive(Debug, Clone, Copy)]
pub struct Stretch<'p> {
    pub from: Instant,
    pub rule: Option<&'p SlaRule>,
}

/// The rules that governed the ticket, oldest first: the ticket as it stood
/// before each change is rebuilt backwards from the log and matched against
/// `policy`. A log that never changed what rules match gives one stretch.
pub fn stretches<'p>(policy: &'p Policy, t: &Ticket, log: &[EventData]) -> Vec<Stretch<'p>> {
    let same = |a: Option<&SlaRule>, b: Option<&SlaRule>| match (a, b) {
        (Some(a), Some(b)) => std::ptr::eq(a, b),
        (a, b) => a.is_none() && b.is_none(),
    };
    let mut rule = policy.sla_for(t);
    let mut before: Option<Ticket> = None;
    let mut out = Vec::new();
    for e in log.iter().rev() {
        if !changes_match(e) {
            continue;
        }
        let earlier = before.get_or_insert_with(|| t.clone());
        undo(earlier, e);
        let then = policy.sla_for(earlier);
        if !same(then, rule) {
            out.push(Stretch {
                from: e.effective(),
                rule,
            });
            rule = then;
        }
    }
    let first = log.first().map_or(t.opened_at, EventData::effective);
    out.push(Stretch { from: first, rule });
    out.reverse();
    out
}

/// Does the event change something a rule's `match` reads?
fn changes_match(e: &EventData) -> bool {
    let moved =
        |c: &Option<crate::event::Change<String>>| c.as_ref().is_some_and(|c| c.from.is_some());
    moved(&e.level)
        || moved(&e.team)
        || match &e.detail {
            Some(Detail::Tags { .. } | Detail::Edited(_)) => true,
            Some(Detail::Rule(effect)) => effect.priority.is_some() || !effect.tags.is_empty(),
            _ => false,
        }
}

/// Put back what `e` changed of the attributes rules match on.
fn undo(t: &mut Ticket, e: &EventData) {
    if let Some(from) = e.level.as_ref().and_then(|c| c.from.clone()) {
        t.level = from;
    }
    if let Some(from) = e.team.as_ref().and_then(|c| c.from.clone()) {
        t.team = from;
    }
    match &e.detail {
        Some(Detail::Tags { added, removed }) => {
            t.tags.retain(|tag| !added.contains(tag));
            t.tags.extend(removed.iter().cloned());
        }
        Some(Detail::Rule(effect)) => {
            if let Some(from) = effect.priority.as_ref().and_then(|c| c.from.clone()) {
                t.priority = from;
            }
            t.tags.retain(|tag| !effect.tags.contains(tag));
        }
        Some(Detail::Edited(edits)) => {
            for edit in edits {
                let from = edit.change.from.clone();
                match (edit.field, from) {
                    // Tags are a list: none before is a state to put back.
                    (EditedField::Tags, from) => t.tags = Edit::tag_list(from.as_deref()),
                    (EditedField::Priority, Some(from)) => t.priority = from,
                    (EditedField::Tier, Some(from)) => t.tier = from,
                    (EditedField::Category, Some(from)) => t.category = from,
                    (EditedField::Channel, Some(from)) => {
                        if let Ok(channel) = from.parse() {
                            t.channel = channel;
                        }
                    }
                    // What no SLA rule matches on, or a field that was
                    // empty (the rules match on none of them).
                    (
                        EditedField::Title
                        | EditedField::Description
                        | EditedField::Customer
                        | EditedField::Email
                        | EditedField::Cc,
                        _,
                    )
                    | (_, None) => {}
                }
            }
        }
        _ => {}
    }
}

/// One stretch as a clock run sees it: from when, until when (open for the
/// last), under which rule, counted on which calendar.
struct Leg<'p> {
    from: Instant,
    until: Option<Instant>,
    rule: Option<&'p SlaRule>,
    calendar: &'p Calendar,
}

/// The instant at which the amount of time `amount` asks of each rule has
/// passed on the clock, and the rule that set it. Time measured under one
/// rule carries over to the next: a new rule's target counts from the
/// clock's start, yet never falls due before the change that brought it
/// (nobody can have missed a target that did not exist yet), and an
/// instant that fell due before the change stays where it was.
fn due_over<'p>(
    legs: &[Leg<'p>],
    stops: &[(Instant, Option<Instant>)],
    amount: impl Fn(&SlaRule) -> Option<i64>,
) -> Option<(DueAt, &'p SlaRule)> {
    let mut spent = 0;
    for leg in legs {
        if let Some(rule) = leg.rule
            && let Some(total) = amount(rule)
        {
            let left = total - spent;
            if left <= 0 {
                return Some((DueAt::At(leg.from), rule));
            }
            let due = due_after(leg.calendar, leg.from, left, stops);
            let decided = match (due, leg.until) {
                // The rule in force now says what it says.
                (_, None) => true,
                (DueAt::At(at), Some(until)) => at <= until,
                // Still counting when the next rule took over.
                (DueAt::Paused | DueAt::Never | DueAt::Settled, Some(_)) => false,
            };
            if decided {
                return Some((due, rule));
            }
        }
        if let Some(until) = leg.until {
            spent += open_between(leg.calendar, leg.from, until, stops);
        }
    }
    None
}

/// Open calendar time from `a` to `b`, not counting the `stops`.
fn open_between(
    cal: &Calendar,
    a: Instant,
    b: Instant,
    stops: &[(Instant, Option<Instant>)],
) -> i64 {
    let mut cursor = a;
    let mut total = 0;
    for (from, until) in stops {
        if cursor >= b {
            break;
        }
        if until.is_some_and(|u| u <= cursor) {
            continue;
        }
        total += cal.open_seconds(cursor, (*from).min(b));
        cursor = match until {
            Some(u) => cursor.max(*u),
            None => b,
        };
    }
    total + cal.open_seconds(cursor, b)
}

/// Every SLA clock run of the ticket's current cycle under the rules of
/// `stretches`. A run that stopped at or before `since` (when the policy in
/// force took over) is settled: its warning and breach are what was
/// recorded while it ran, so a new policy never rewrites an outcome already
/// reached.
pub fn clock_runs(
    policy: &Policy,
    stretches: &[Stretch],
    t: &Ticket,
    f: &Facts,
    now: Instant,
    since: Option<Instant>,
) -> Vec<ClockRun> {
    let always = Calendar::always();
    let calendar = |rule: Option<&SlaRule>| {
        rule.and_then(|r| policy.calendar(&r.calendar))
            .unwrap_or(&always)
    };
    // Time before any rule applied is counted on the calendar of the rule that came next.
    let mut calendars: Vec<&Calendar> = Vec::with_capacity(stretches.len());
    let mut next_rule = None;
    for s in stretches.iter().rev() {
        next_rule = s.rule.or(next_rule);
        calendars.push(calendar(next_rule));
    }
    calendars.reverse();
    let mut runs = Vec::new();
    let reopened = f.cycle > 1;
    let resolved_now = f.resolved_at();
    for clock in Clock::ALL {
        if !stretches
            .iter()
            .any(|s| s.rule.is_some_and(|r| r.target(clock).is_some()))
        {
            continue;
        }
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
            // The run keeps its key; a merge may move back when it counts from.
            let counted = match clock {
                Clock::FirstResponse => f.first_wait(started, stopped),
                _ => started,
            };
            // Resolving answers the customer: no reply clock runs past it.
            let stopped = match clock {
                Clock::Resolution => stopped,
                _ => stopped.or(resolved_now),
            };
            // The rules in force while the run ran; one that came after it stopped judges nothing.
            let mut legs: Vec<Leg> = stretches
                .iter()
                .zip(&calendars)
                .enumerate()
                .map(|(i, (s, cal))| Leg {
                    from: s.from.max(counted),
                    until: stretches.get(i + 1).map(|next| next.from.max(counted)),
                    rule: s.rule,
                    calendar: cal,
                })
                .filter(|leg| leg.until.is_none_or(|u| u > counted))
                .filter(|leg| stopped.is_none_or(|s| leg.from <= s))
                .collect();
            if let Some(first) = legs.first_mut() {
                first.from = first.from.min(counted);
            }
            if let Some(last) = legs.last_mut() {
                last.until = None;
            }
            let key = format!("{clock}:{}", started.timestamp());
            let settled = matches!((stopped, since), (Some(stop), Some(s)) if stop <= s);
            let target = |r: &SlaRule| r.target(clock).map(|s| s.as_secs());
            let Some((due, rule)) = due_over(&legs, &stops, target) else {
                continue;
            };
            let (due, warn) = if settled {
                let recorded = |kind| f.recorded.get(&run_key(kind, clock, started)).copied();
                (
                    recorded(RuleKind::Breach).map_or(DueAt::Settled, DueAt::At),
                    recorded(RuleKind::Warn).map(DueAt::At),
                )
            } else {
                let warn = due_over(&legs, &stops, |r| {
                    r.warning
                        .zip(r.target(clock))
                        .map(|(w, target)| w.at(target))
                });
                (due, warn.map(|(at, _)| at))
            };
            let paused =
                matches!(due, DueAt::Paused) || (stopped.is_none() && t.status == Status::Pending);
            let mut run = ClockRun {
                clock,
                key,
                calendar: rule.calendar.clone(),
                target: rule.target(clock).expect("the deciding rule has a target"),
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
