//! A queue with a past: tickets opened over 300 days, each with the history
//! a real one has (assignment, replies, pauses, escalations, resolutions,
//! ratings, reopenings), made through the engine as `esc` makes it, and
//! settled at the end as a tick run by cron would have left it.

use esc::automation::Engine;
use esc::clock::{Instant, parse_instant};
use esc::event::EventData;
use esc::lifecycle::{Act, Escalation, LevelTarget, NewTicket, Transition};
use esc::policy::Policy;
use esc::ticket::{Channel, Ticket};

pub const START: &str = "2026-01-01T00:00:00Z";
pub const DAYS: i64 = 300;

/// When the history ends: every ticket is settled up to here.
pub fn end() -> Instant {
    parse_instant(START).unwrap() + chrono::Duration::days(DAYS)
}

/// `n` tickets opened evenly over the 300 days, ticket `i`'s history by
/// turns of a simple rule so it is the same on every run: most are
/// answered and resolved, some escalate, some wait on the customer, some
/// are rated, a few are reopened.
pub fn tickets(policy: &Policy, n: usize) -> impl Iterator<Item = (Ticket, Vec<EventData>)> + '_ {
    let start = parse_instant(START).unwrap();
    let end = end();
    (0..n).map(move |i| {
        let opened = start + chrono::Duration::seconds((i as i64 * DAYS * 86_400) / n as i64);
        let mut s = Sim::open(policy, opened, i);
        let at = |h: f64| opened + chrono::Duration::minutes((h * 60.0) as i64);
        let agent = format!("agent{}", i % 40);
        s.act(&agent, at(0.1), |a, t| a.assign(t, Some(&agent)));
        if i % 10 != 0 {
            s.act(&agent, at(1.0 + (i % 5) as f64), |a, t| a.respond(t, None));
        }
        if i % 7 == 0 {
            s.act(&agent, at(8.0), |a, t| a.pending(t, None));
            s.act(&agent, at(20.0), |a, t| a.resume(t, None));
        }
        if i % 4 == 0 {
            let esc = Escalation {
                team: (i % 8 == 0).then(|| ["finance", "technical"][i % 2].to_string()),
                level: if i % 8 == 0 {
                    LevelTarget::Keep
                } else {
                    LevelTarget::Up
                },
                assignee: None,
                reason: "needs more".into(),
            };
            s.act(&agent, at(26.0), |a, t| a.escalate(t, &esc));
        }
        if i % 5 != 0 {
            let cause = ["product-bug", "process", "website", "other-department"][i % 4];
            s.act("lead", at(30.0 + (i % 90) as f64), |a, t| {
                a.resolve(t, "done", cause)
            });
            if i % 3 == 0 {
                s.act("customer", at(130.0), |a, t| {
                    a.rate(t, (1 + i % 5) as u8, None)
                });
            }
            if i % 33 == 0 {
                s.act(&agent, at(140.0), |a, t| a.reopen(t, None));
            }
        }
        // What the ticks until the end would have applied.
        let settled = end.max(opened);
        let (ticket, _) = Engine::new(policy, settled).settle(s.ticket, &mut s.log);
        (ticket, s.log)
    })
}

struct Sim<'p> {
    policy: &'p Policy,
    ticket: Ticket,
    log: Vec<EventData>,
}

impl<'p> Sim<'p> {
    fn open(policy: &'p Policy, now: Instant, i: usize) -> Sim<'p> {
        let act = Act {
            policy,
            actor: "intake",
            now,
        };
        let (ticket, opened) = act
            .open(NewTicket {
                title: format!("ticket {i}"),
                description: String::new(),
                customer: format!("customer{}", i % 20_000),
                email: None,
                tier: Some(["standard", "gold"][usize::from(i.is_multiple_of(10))].into()),
                channel: [
                    Channel::Email,
                    Channel::Chat,
                    Channel::Web,
                    Channel::Phone,
                    Channel::Bot,
                ][i % 5],
                category: [
                    "technical",
                    "financial",
                    "delivery",
                    "general",
                    "functional",
                ][i % 5]
                    .into(),
                priority: Some(["urgent", "high", "normal", "normal", "low"][i % 5].into()),
                team: None,
                assignee: None,
                tags: vec![],
            })
            .unwrap();
        let mut log = vec![opened];
        let (ticket, _) = Engine::new(policy, now).settle(ticket, &mut log);
        Sim {
            policy,
            ticket,
            log,
        }
    }

    /// An agent command as `esc` runs it, with the automation around it;
    /// a refusal (a resume of an open ticket...) is simply not recorded.
    fn act(
        &mut self,
        who: &str,
        now: Instant,
        change: impl FnOnce(&Act, &Ticket) -> Result<Transition, esc::error::EscError>,
    ) {
        let act = Act {
            policy: self.policy,
            actor: who,
            now,
        };
        if let Ok(t) = Engine::new(self.policy, now)
            .around(&self.ticket, self.log.clone(), |t| change(&act, t))
        {
            self.ticket = t.ticket;
            self.log.extend(t.events);
        }
    }
}
