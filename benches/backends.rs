//! SQLite and PostgreSQL side by side: the same queue (N tickets opened at
//! T0, 1% of them three hours earlier and never answered) on a file and
//! on a server over its Unix socket, and the real `esc` binary timed on
//! each: an agent's commands one at a time, the tick with 1% due, the
//! report overview, and agents working at once. Prints figures; asserts
//! nothing about time.
//!
//!     cargo bench --bench backends                        # 1M tickets
//!     ESC_BENCH_SIZES=100000 cargo bench --bench backends
//!
//! The server is `ESC_BENCH_PG` (a URL whose role may create databases),
//! or, without it, a throwaway cluster `scripts/postgres` starts and stops.
//! That cluster commits without waiting for the disk, as SQLite's WAL
//! mode with synchronous=NORMAL does: the comparison is of engines, not
//! of disks.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant as Clock};

mod common;
use common::ms;

use esc::clock::parse_instant;
use esc::store::Location;

const T0: &str = "2026-11-23T09:00:00Z";
/// When agents work: after every ticket was opened.
const WORK: &str = "2026-11-23T09:20:00Z";
const DUE: &str = "2026-11-23T10:15:00Z";

fn main() {
    let sizes = common::sizes("1000000");
    let temp = tempfile::tempdir().unwrap();
    let dir = common::dir(&temp);
    let server = common::server::Server::start(&dir);
    println!(
        "esc on SQLite and PostgreSQL (release build, median of runs; PostgreSQL {} over a Unix socket)",
        server.version()
    );
    for n in sizes {
        let file = dir.join(format!("b{n}.db"));
        let _ = std::fs::remove_file(&file);
        let queues = [
            ("SQLite", file.display().to_string()),
            ("PostgreSQL", server.database(&format!("esc_bench_{n}"))),
        ];
        let results: Vec<Vec<(String, String)>> =
            queues.iter().map(|(_, db)| measure(db, n)).collect();
        println!("\n{n} tickets, 1% ({}) due at the tick", n / 100);
        let width = results[0].iter().map(|(r, _)| r.len()).max().unwrap_or(0);
        println!("  {:width$}  {:>26}  {:>26}", "", queues[0].0, queues[1].0);
        for ((name, file), (_, server)) in results[0].iter().zip(&results[1]) {
            println!("  {name:width$}  {file:>26}  {server:>26}");
        }
    }
    println!(
        "\nload average: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    drop(server);
}

/// Each figure for the queue at `db`, named.
fn measure(db: &str, n: usize) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let built = Clock::now();
    build(db, n);
    rows.push((
        "build (import)".into(),
        format!("{:.1} s", built.elapsed().as_secs_f64()),
    ));
    let mut open_id = 0;
    let open = median(7, || {
        let out = esc(db, "ann", WORK, &common::OPEN);
        open_id = out.trim().parse().unwrap();
    });
    rows.push(("open".into(), ms(open)));
    let mut k = 0;
    let escalate = median(7, || {
        k += 1;
        let id = (k * 7).to_string();
        esc(
            db,
            "ann",
            WORK,
            &["escalate", &id, "--team", "technical", "-r", "bench"],
        );
    });
    rows.push(("escalate".into(), ms(escalate)));
    let list = median(7, || {
        esc(db, "ann", DUE, &["list", "--breached", "--limit", "20"]);
    });
    rows.push(("list --breached (20 shown)".into(), ms(list)));
    let needle = (n / 2).to_string();
    let search = median(7, || {
        esc(db, "ann", DUE, &["list", "--all", "--search", &needle]);
    });
    rows.push(("list --search ORDER (1 found)".into(), ms(search)));
    let search = median(5, || {
        esc(
            db,
            "ann",
            DUE,
            &["list", "--all", "--search", "parcel", "--limit", "20"],
        );
    });
    rows.push((
        format!("list --search parcel ({} found, 20 shown)", n / 8),
        ms(search),
    ));
    let show = median(7, || {
        esc(db, "ann", WORK, &["show", &open_id.to_string()]);
    });
    rows.push(("show".into(), ms(show)));
    let idle = median(5, || {
        esc(db, "cron", "2026-11-23T09:05:00Z", &["tick"]);
    });
    rows.push(("tick, nothing due".into(), ms(idle)));
    let t = Clock::now();
    esc(db, "cron", DUE, &["tick"]);
    rows.push((format!("tick, {} due", n / 100), ms(t.elapsed())));
    let report = median(3, || {
        esc(db, "dana", DUE, &["report", "--since", "2026-11-01"]);
    });
    rows.push(("report overview".into(), ms(report)));
    for agents in [8, 32] {
        let per_second = concurrent(db, agents, n);
        rows.push((
            format!("{agents} agents at once"),
            format!("{per_second:.0} commands/s"),
        ));
    }
    rows
}

/// The queue at `db`, built through the engine so every derived column
/// is right: `n` tickets opened at T0, 1% three hours earlier.
fn build(db: &str, n: usize) {
    let mut store = esc::sample::new_queue(&Location::parse(db).unwrap()).unwrap();
    esc::sample::fill(&mut *store, n, parse_instant(T0).unwrap(), Some(100)).unwrap();
}

fn esc(db: &str, who: &str, now: &str, args: &[&str]) -> String {
    let mut all = vec!["--as", who, "--now", now];
    all.extend_from_slice(args);
    common::run(db, &all)
}

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    common::time(runs, || {
        f();
        String::new()
    })
}

/// Commands per second with `agents` processes at once, each adding a note
/// to tickets of its own (the first tenth of the queue) for a few seconds.
fn concurrent(db: &str, agents: usize, n: usize) -> f64 {
    const EACH: usize = 40;
    let done = AtomicUsize::new(0);
    let t = Clock::now();
    std::thread::scope(|s| {
        for a in 0..agents {
            let done = &done;
            s.spawn(move || {
                for c in 0..EACH {
                    let id = 1 + (a * EACH + c) * 7 % (n / 10).max(1);
                    esc(
                        db,
                        &format!("agent{a}"),
                        DUE,
                        &["note", &id.to_string(), "working on it"],
                    );
                    done.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    done.load(Ordering::Relaxed) as f64 / t.elapsed().as_secs_f64()
}
