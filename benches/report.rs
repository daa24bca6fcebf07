//! Builds a queue of 1M tickets opened over 300 days (so a 30-day window
//! holds about 100k) with a realistic history (replies, escalations,
//! pauses, resolutions, ratings, reopenings), then times the real `esc`
//! binary on `esc report` and its grouped sections, with peak memory.
//! Prints figures; asserts nothing about time.
//!
//!     cargo bench --bench report
//!     ESC_BENCH_SIZES=100000 cargo bench --bench report

use std::path::Path;
use std::process::Command;
use std::time::Instant as Clock;

mod common;
use common::{ms, run, time};

use esc::automation::Engine;
use esc::clock::{Instant, parse_instant, rfc3339};
use esc::event::EventData;
use esc::lifecycle::{Act, Escalation, LevelTarget, NewTicket, Transition};
use esc::policy::Policy;
use esc::ticket::{Channel, Ticket};

const START: &str = "2026-01-01T00:00:00Z";
const DAYS: i64 = 300;

fn main() {
    let sizes = common::sizes("1000000");
    let temp = tempfile::tempdir().unwrap();
    let dir = common::dir(&temp);
    let end = parse_instant(START).unwrap() + chrono::Duration::days(DAYS);
    let now = rfc3339(end);
    println!(
        "esc report benchmark: {} (median of 5 runs; peak memory from /usr/bin/time)",
        env!("CARGO_BIN_EXE_esc")
    );
    for n in sizes {
        let db = dir.join(format!("r{n}.db"));
        if !db.exists() {
            let t = Clock::now();
            let events = build(&db, n);
            println!(
                "\n{n} tickets, {events} events over {DAYS} days: built in {:.0}s",
                t.elapsed().as_secs_f64()
            );
        }
        let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
        println!("queue file {:.0} MiB", size as f64 / 1048576.0);
        let all = ["--since", "400d"];
        for (label, args) in [
            ("overview, last 30 days", vec!["report"]),
            (
                "overview --by team, last 30 days",
                vec!["report", "--by", "team"],
            ),
            (
                "sla --by team, all tickets",
                [&["report", "sla", "--by", "team"][..], &all].concat(),
            ),
            (
                "escalations --by category, all",
                [&["report", "escalations", "--by", "category"][..], &all].concat(),
            ),
            (
                "agents, all tickets",
                [&["report", "agents"][..], &all].concat(),
            ),
            ("overview, all tickets", [&["report"][..], &all].concat()),
        ] {
            let mut full = vec!["--now", now.as_str()];
            full.extend(args);
            let took = time(5, || run(&db, &full));
            println!("  {label:34} {:8}  peak {}", ms(took), peak(&db, &full));
        }
    }
}

/// A history for ticket `i`, by turns of a simple rule so it is the same on
/// every run: most are answered and resolved, some escalate, some wait on
/// the customer, some are rated, a few are reopened.
fn build(db: &Path, n: usize) -> usize {
    let policy = Policy::embedded();
    let mut store = common::new_queue(db);
    let start = parse_instant(START).unwrap();
    let mut events = 0;
    let mut tickets = (0..n).map(|i| {
        let opened = start + chrono::Duration::seconds((i as i64 * DAYS * 86_400) / n as i64);
        let mut s = Sim::open(&policy, opened, i);
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
        events += s.log.len();
        (s.ticket, s.log)
    });
    store.import(&mut tickets).unwrap();
    events
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

/// Peak resident memory of one run, if /usr/bin/time is there to tell.
fn peak(db: &Path, args: &[&str]) -> String {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(env!("CARGO_BIN_EXE_esc"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output();
    match out {
        Ok(o) if o.status.success() => {
            let kb: u64 = String::from_utf8_lossy(&o.stderr)
                .trim()
                .lines()
                .last()
                .and_then(|l| l.parse().ok())
                .unwrap_or(0);
            format!("{:.0} MiB", kb as f64 / 1024.0)
        }
        _ => "n/a".into(),
    }
}
