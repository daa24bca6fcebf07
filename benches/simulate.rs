//! `esc policy simulate` at scale: queues of 10k and 100k tickets with the
//! history a real one has (`common::history`: 300 days, settled at the
//! end), each replayed whole under its own version and under a candidate
//! whose standard first response is due in 2h instead of 4h. Prints one
//! table: the time, tickets replayed a second, and peak memory, beside the
//! goal; asserts nothing about time.
//!
//!     cargo bench --bench simulate
//!     ESC_BENCH_SIZES=100000 ESC_BENCH_DIR=/var/tmp/esc-bench cargo bench --bench simulate

use std::process::Command;

mod common;

use common::history;
use esc::policy::{DEFAULT_POLICY, Policy};
use esc::store::Location;

fn main() {
    let sizes = common::sizes("10000,100000");
    let temp = tempfile::tempdir().unwrap();
    let dir = common::dir(&temp);
    let candidate = dir.join("simulate-candidate.toml");
    let tighter = DEFAULT_POLICY.replace("first_response = \"4h\"", "first_response = \"2h\"");
    assert_ne!(tighter, DEFAULT_POLICY);
    std::fs::write(&candidate, tighter).unwrap();
    let now = esc::clock::rfc3339(history::end());
    println!("esc policy simulate (release build), every ticket of the queue in the window\n");
    println!(
        "| tickets | esc | tickets a second | peak memory | treated otherwise | not replayable | goal |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---|");
    for n in sizes {
        let queue = dir.join(format!("simulate{n}.db"));
        if !queue.exists() {
            let policy = Policy::embedded();
            let mut store = esc::sample::new_queue(&Location::file(&queue)).unwrap();
            store.import(&mut history::tickets(&policy, n)).unwrap();
        }
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_esc"));
        cmd.arg("--db")
            .arg(&queue)
            .args(["--as", "dana", "--now", &now, "--json"])
            .args(["policy", "simulate"])
            .arg(&candidate)
            .args(["--since", "400d"]);
        let (ms, peak_kib, out) = common::wait(cmd);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let replayed = v["replayed"].as_u64().unwrap();
        assert_eq!(replayed as usize, n, "every ticket is replayed");
        println!(
            "| {n} | {:.2} s | {:.0} | {} MiB | {} | {} | {} |",
            ms / 1000.0,
            replayed as f64 / (ms / 1000.0),
            peak_kib / 1024,
            v["differing"],
            v["unreplayable"].as_array().unwrap().len(),
            if n == 100_000 {
                "under 10 s, memory bounded"
            } else {
                ""
            }
        );
    }
    println!(
        "\nload average: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
}
