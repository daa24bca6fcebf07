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

use common::history::DAYS;
use esc::clock::rfc3339;
use esc::policy::Policy;

fn main() {
    let sizes = common::sizes("1000000");
    let temp = tempfile::tempdir().unwrap();
    let dir = common::dir(&temp);
    let now = rfc3339(common::history::end());
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

/// The queue at `db` with its 300 days of history; how many events.
fn build(db: &Path, n: usize) -> usize {
    let policy = Policy::embedded();
    let mut store = common::new_queue(db);
    let mut events = 0;
    let mut tickets = common::history::tickets(&policy, n).inspect(|(_, log)| events += log.len());
    store.import(&mut tickets).unwrap();
    events
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
