//! Builds queues of 100k and 1M open tickets and times the real `esc`
//! binary on them: `esc tick` with nothing due, with 1% due, and
//! `esc list --breached`. Prints figures; asserts nothing about time.
//!
//!     cargo bench --bench queue                       # 100k and 1M
//!     ESC_BENCH_SIZES=100000 cargo bench --bench queue

use std::path::Path;
use std::time::Instant as Clock;

mod common;
use common::{ms, run, time};

use esc::clock::parse_instant;

const T0: &str = "2026-11-23T09:00:00Z";

fn main() {
    let sizes = common::sizes("100000,1000000");
    let temp = tempfile::tempdir().unwrap();
    let dir = common::dir(&temp);
    println!(
        "esc benchmark: {} (release build of the binary, median of runs)",
        env!("CARGO_BIN_EXE_esc")
    );
    let start = time(5, || run(dir.join("none.db"), &["--version"]));
    println!("process start (esc --version): {}", ms(start));
    for n in sizes {
        let db = dir.join(format!("q{n}.db"));
        let _ = std::fs::remove_file(&db);
        let built = Clock::now();
        build(&db, n);
        let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
        println!(
            "\n{n} open tickets, 1% of them ({}) coming due: built in {:.1}s, {:.0} MiB",
            n / 100,
            built.elapsed().as_secs_f64(),
            size as f64 / 1048576.0
        );
        // At 09:05 nothing is due. By 10:15 the 1% opened at 06:00 have had their
        // warning (09:12), first-response breach (10:00) and first escalation step.
        let quiet = "2026-11-23T09:05:00Z";
        let due = "2026-11-23T10:15:00Z";
        let idle = time(7, || run(&db, &["--now", quiet, "tick"]));
        println!(
            "  tick, nothing due:          {} ({} beyond process start)",
            ms(idle),
            ms(idle.saturating_sub(start))
        );
        let list = time(5, || {
            run(&db, &["--now", due, "list", "--breached", "--limit", "20"])
        });
        println!("  list --breached (20 shown): {}", ms(list));
        let dry = time(3, || run(&db, &["--now", due, "tick", "--dry-run"]));
        println!("  tick --dry-run, 1% due:     {}", ms(dry));
        if std::env::var_os("ESC_BENCH_DIR").is_some() {
            std::fs::copy(&db, dir.join(format!("q{n}-before-tick.db"))).unwrap();
        }
        let t = Clock::now();
        let out = run(&db, &["--now", due, "tick"]);
        let applied = t.elapsed();
        println!(
            "  tick, 1% due:               {} — {}",
            ms(applied),
            out.trim()
        );
        let after = time(5, || run(&db, &["--now", due, "tick"]));
        println!("  tick again, nothing due:    {}", ms(after));
    }
}

/// A queue of `n` tickets opened at T0, and 1% opened three hours earlier
/// and never answered, built through the engine so every derived column is
/// right.
fn build(db: &Path, n: usize) {
    let mut store = common::new_queue(db);
    esc::sample::fill(&mut *store, n, parse_instant(T0).unwrap(), Some(100)).unwrap();
}
