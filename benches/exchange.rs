//! What moving a queue in and out costs: `esc export` of a queue of
//! unanswered tickets to JSON lines, then `esc import` of that file into a
//! new queue, with tickets a second and each process's peak memory (its
//! VmHWM, read while it runs). Prints figures; asserts nothing about time.
//!
//!     cargo bench --bench exchange                    # 100,000 tickets
//!     ESC_BENCH_SIZES=20000 cargo bench --bench exchange

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

/// Run the release `esc` to completion; its time and peak resident memory.
fn measured(args: &[&str], stdout: Stdio) -> (Duration, u64) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_esc"))
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kb);
        }
        if let Some(exit) = child.try_wait().unwrap() {
            assert!(exit.success(), "esc {args:?} failed");
            return (start.elapsed(), peak);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn main() {
    let sizes = common::sizes("100000");
    let temp = tempfile::tempdir().unwrap();
    let dir = common::dir(&temp);
    println!("esc export and import (release build; one run each)");
    for n in sizes {
        let source = dir.join(format!("source{n}.db"));
        let _ = std::fs::remove_file(&source);
        let mut store = common::new_queue(&source);
        let policy = esc::policy::Policy::embedded();
        let t0 = esc::clock::parse_instant("2026-11-23T09:00:00Z").unwrap();
        store
            .import(&mut (0..n).map(|i| esc::sample::unanswered(&policy, i, t0)))
            .unwrap();
        drop(store);
        let file = dir.join(format!("export{n}.jsonl"));
        let out = std::fs::File::create(&file).unwrap();
        let db = |p: &Path| p.to_str().unwrap().to_string();
        let (took, peak) = measured(
            &[
                "--db",
                &db(&source),
                "--now",
                "2026-11-23T09:01:00Z",
                "export",
            ],
            Stdio::from(out),
        );
        let size = std::fs::metadata(&file).unwrap().len();
        println!(
            "\n{n} tickets: export {:.2} s ({:.0} tickets/s, {:.0} MiB written), peak {:.0} MiB",
            took.as_secs_f64(),
            n as f64 / took.as_secs_f64(),
            size as f64 / 1_048_576.0,
            peak as f64 / 1024.0
        );
        let target = dir.join(format!("target{n}.db"));
        let _ = std::fs::remove_file(&target);
        let (took, peak) = measured(
            &[
                "--db",
                &db(&target),
                "--as",
                "bench",
                "--now",
                "2026-11-23T09:01:00Z",
                "import",
                &db(&file),
            ],
            Stdio::null(),
        );
        println!(
            "{n} tickets: import {:.2} s ({:.0} tickets/s), peak {:.0} MiB (floor: the 30 s the issue allows is {:.0} tickets/s)",
            took.as_secs_f64(),
            n as f64 / took.as_secs_f64(),
            peak as f64 / 1024.0,
            n as f64 / 30.0
        );
    }
}
