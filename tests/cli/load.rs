//! Eight agents and two ticks on one queue at once, each command its own
//! process, as a support floor runs it: nothing fails for being busy,
//! every command that succeeded is in the log exactly once, no rule fires
//! twice, the file is sound, and every ticket's state is what its log says.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_json::Value;

use super::support::{Queue, Rng, say};

const AGENTS: usize = 8;
const COMMANDS: usize = 150;
/// Seconds of the queue's clock each command moves it on: 1,200 commands
/// cover about seven hours, enough for warnings, breaches and steps.
const STEP: i64 = 20;

/// The queue's clock, shared by every process: each command takes the next
/// instant, so time only moves forward (commits may still land out of
/// order, which esc refuses cleanly).
struct Clock(AtomicI64);

impl Clock {
    fn next(&self) -> String {
        let s = self.0.fetch_add(STEP, Ordering::SeqCst);
        esc::clock::rfc3339(esc::clock::from_unix(s))
    }
}

#[derive(Debug)]
enum Landed {
    /// A new ticket with this title.
    Opened(String),
    /// An event on `ticket` whose reason (or new assignee) is the marker.
    Event { ticket: i64, marker: String },
}

#[derive(Default)]
struct Tally {
    landed: Vec<Landed>,
    refused: usize,
    failed: Vec<String>,
    commands: usize,
}

fn agent(q: &Queue, clock: &Clock, tickets: &Mutex<Vec<i64>>, a: usize, seed: u64) -> Tally {
    let mut rng = Rng::from(seed);
    let mut tally = Tally::default();
    for i in 0..COMMANDS {
        let marker = format!("m{a}-{i}");
        let ticket = {
            let ids = tickets.lock().unwrap();
            ids[rng.below(ids.len())]
        };
        let id = ticket.to_string();
        let args: Vec<String> = match rng.below(11) {
            0 => [
                "open",
                "-q",
                "-t",
                &marker,
                "-c",
                "acme",
                "--channel",
                "chat",
                "--category",
                "general",
            ]
            .map(String::from)
            .to_vec(),
            1 => vec!["assign".into(), id.clone(), marker.clone()],
            2 => vec!["respond".into(), id.clone(), marker.clone()],
            3 => vec!["contact".into(), id.clone(), marker.clone()],
            4 => vec![
                "escalate".into(),
                id.clone(),
                "--up".into(),
                "-r".into(),
                marker.clone(),
            ],
            5 => vec![
                "escalate".into(),
                id.clone(),
                "--team".into(),
                "finance".into(),
                "-r".into(),
                marker.clone(),
            ],
            6 => vec!["pending".into(), id.clone(), "-r".into(), marker.clone()],
            7 => vec!["resume".into(), id.clone(), "-r".into(), marker.clone()],
            8 => vec![
                "resolve".into(),
                id.clone(),
                "-s".into(),
                marker.clone(),
                "-c".into(),
                "process".into(),
            ],
            9 => vec![
                "csat".into(),
                id.clone(),
                (1 + rng.below(5)).to_string(),
                "--comment".into(),
                marker.clone(),
            ],
            _ => vec!["note".into(), id.clone(), marker.clone()],
        };
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = q
            .esc(&format!("agent{a}"), &clock.next(), &argv)
            .output()
            .unwrap();
        tally.commands += 1;
        match out.status.code() {
            Some(0) if argv[0] == "open" => {
                let new: i64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
                tickets.lock().unwrap().push(new);
                tally.landed.push(Landed::Opened(marker));
            }
            Some(0) => tally.landed.push(Landed::Event { ticket, marker }),
            // The ticket's state (or a commit from a process that started
            // later) does not allow it: a refusal, with nothing written.
            Some(4) => tally.refused += 1,
            _ => tally.failed.push(format!(
                "esc {argv:?} exited {:?}: {}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            )),
        }
    }
    tally
}

#[test]
fn eight_agents_and_two_ticks_lose_and_duplicate_nothing() {
    let q = Queue::new();
    let mut rng = Rng::seeded("load");
    for n in 0..24 {
        q.open("08:00", &format!("seed ticket {n}"), &[]);
    }
    let start = esc::clock::parse_instant("2026-11-23T09:00:00Z")
        .unwrap()
        .timestamp();
    let clock = Arc::new(Clock(AtomicI64::new(start)));
    let tickets = Arc::new(Mutex::new((1..=24).collect::<Vec<i64>>()));
    let done = Arc::new(AtomicBool::new(false));
    let began = Instant::now();
    let tallies = std::thread::scope(|s| {
        let ticks: Vec<_> = (0..2)
            .map(|_| {
                let (q, clock, done) = (&q, &clock, &done);
                s.spawn(move || {
                    let mut failed = Vec::new();
                    let mut runs = 0;
                    while !done.load(Ordering::SeqCst) {
                        let out = q.esc("cron", &clock.next(), &["tick"]).output().unwrap();
                        runs += 1;
                        if !out.status.success() {
                            failed.push(String::from_utf8_lossy(&out.stderr).into_owned());
                        }
                    }
                    (runs, failed)
                })
            })
            .collect();
        let agents: Vec<_> = (0..AGENTS)
            .map(|a| {
                let seed = rng.next();
                let (q, clock, tickets) = (&q, &clock, &tickets);
                s.spawn(move || agent(q, clock, tickets, a, seed))
            })
            .collect();
        let tallies: Vec<Tally> = agents.into_iter().map(|h| h.join().unwrap()).collect();
        done.store(true, Ordering::SeqCst);
        let ticks: Vec<(usize, Vec<String>)> =
            ticks.into_iter().map(|h| h.join().unwrap()).collect();
        (tallies, ticks)
    });
    let elapsed = began.elapsed().as_secs_f64();
    let (tallies, ticks) = tallies;
    let commands: usize = tallies.iter().map(|t| t.commands).sum();
    let tick_runs: usize = ticks.iter().map(|t| t.0).sum();
    let failed: Vec<&String> = tallies
        .iter()
        .flat_map(|t| &t.failed)
        .chain(ticks.iter().flat_map(|t| &t.1))
        .collect();
    let landed: Vec<&Landed> = tallies.iter().flat_map(|t| &t.landed).collect();
    let refused: usize = tallies.iter().map(|t| t.refused).sum();

    // Every ticket's log, as esc shows it.
    let ids = tickets.lock().unwrap().clone();
    let logs: BTreeMap<i64, (Value, Vec<Value>)> = ids
        .iter()
        .map(|&id| {
            let v = q.json("ann", "2026-11-30T00:00:00Z", &["show", &id.to_string()]);
            (
                id,
                (v["ticket"].clone(), v["events"].as_array().unwrap().clone()),
            )
        })
        .collect();

    // Each landed command's mark, counted wherever it appears.
    let mut marks: HashMap<(i64, String), usize> = HashMap::new();
    for (&id, (_, events)) in &logs {
        for e in events {
            let reason = e["reason"].as_str().unwrap_or_default();
            let assignee = e["assignee"]["to"].as_str().unwrap_or_default();
            for m in [reason, assignee] {
                if m.starts_with('m') && m.contains('-') && !m.contains(' ') {
                    *marks.entry((id, m.to_string())).or_default() += 1;
                }
            }
        }
    }
    let titles: Vec<String> = logs
        .values()
        .map(|(t, _)| t["title"].as_str().unwrap().to_string())
        .collect();
    let (mut lost, mut duplicated) = (Vec::new(), Vec::new());
    let mut expected: HashMap<(i64, String), ()> = HashMap::new();
    for l in &landed {
        match l {
            Landed::Opened(title) => match titles.iter().filter(|t| t == &title).count() {
                0 => lost.push(format!("{l:?}")),
                1 => {}
                _ => duplicated.push(format!("{l:?}")),
            },
            Landed::Event { ticket, marker } => {
                expected.insert((*ticket, marker.clone()), ());
                match marks.get(&(*ticket, marker.clone())).copied().unwrap_or(0) {
                    0 => lost.push(format!("{l:?}")),
                    1 => {}
                    _ => duplicated.push(format!("{l:?}")),
                }
            }
        }
    }
    let phantom: Vec<_> = marks
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();

    // Rules fire once per key; the log runs forward; state is the log's.
    let mut rule_dupes = Vec::new();
    let mut out_of_order = Vec::new();
    let mut disagree = Vec::new();
    let mut automatic = 0;
    for (&id, (ticket, events)) in &logs {
        let mut seen = std::collections::HashSet::new();
        let mut state: HashMap<&str, Value> = HashMap::new();
        let mut last = String::new();
        for e in events {
            if let Some(rule) = e["rule"].as_str() {
                automatic += 1;
                if !seen.insert(rule) {
                    rule_dupes.push(format!("#{id} {rule}"));
                }
            }
            let at = e["at"].as_str().unwrap().to_string();
            if at < last {
                out_of_order.push(format!("#{id} {at} after {last}"));
            }
            last = at;
            for field in ["status", "level", "team", "assignee"] {
                let change = &e[field];
                if change.is_null() {
                    continue;
                }
                let was = state.get(field).cloned().unwrap_or(Value::Null);
                if change["from"] != was {
                    disagree.push(format!(
                        "#{id} {field}: event says from {} but the log had {was}",
                        change["from"]
                    ));
                }
                state.insert(field, change["to"].clone());
            }
        }
        for field in ["status", "level", "team", "assignee"] {
            let logged = state.get(field).cloned().unwrap_or(Value::Null);
            if ticket[field] != logged {
                disagree.push(format!(
                    "#{id} {field}: ticket {} but log {logged}",
                    ticket[field]
                ));
            }
        }
    }
    let integrity = q.integrity();

    say(&format!(
        "load: {AGENTS} agents, {commands} commands and {tick_runs} ticks in {elapsed:.1} s = {:.0} commands/s \
         ({:.0} processes/s); {} landed, {refused} refused by state, {} failed, {} lost, {} duplicated, \
         {automatic} automatic events, {} rule keys twice; integrity {integrity}",
        commands as f64 / elapsed,
        (commands + tick_runs) as f64 / elapsed,
        landed.len(),
        failed.len(),
        lost.len(),
        duplicated.len(),
        rule_dupes.len(),
    ));
    assert!(failed.is_empty(), "{failed:#?}");
    assert!(lost.is_empty(), "lost: {lost:#?}");
    assert!(duplicated.is_empty(), "duplicated: {duplicated:#?}");
    assert!(
        phantom.is_empty(),
        "written by a command that did not succeed: {phantom:?}"
    );
    assert!(rule_dupes.is_empty(), "{rule_dupes:?}");
    assert!(out_of_order.is_empty(), "{out_of_order:?}");
    assert!(disagree.is_empty(), "{disagree:#?}");
    assert_eq!(integrity, "ok");
    // The run did what it is meant to prove: contention, and automation.
    assert!(landed.len() > commands / 2, "most commands land");
    assert!(
        automatic > 20,
        "the ticks and agents fired automation: {automatic}"
    );
    assert!(tick_runs >= 10, "the ticks ran alongside: {tick_runs}");
    // The default policy gives no way to reach dana: her notifications,
    // queued by agents while ticks delivered, wait, and none was ever
    // counted as an attempt.
    let outbox = q.outbox();
    let dana: Vec<&Value> = outbox.iter().filter(|n| n["name"] == "dana").collect();
    assert!(!dana.is_empty(), "the escalations told dana");
    let attempted: Vec<&&Value> = dana.iter().filter(|n| n["attempts"] != 0).collect();
    assert!(
        attempted.is_empty(),
        "unreachable is no attempt: {attempted:?}"
    );
}
