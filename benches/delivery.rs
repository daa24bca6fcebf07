//! What delivering notifications costs, side by side with the floor of not
//! delivering them: `esc tick` over tickets that all come due (each step
//! telling dana), with dana unreachable (the floor: queued, set aside),
//! reached by a local mailbox, by a mailbox in digests, and, when
//! `ESC_BENCH_SMTP=HOST:PORT` names a mail server, by e-mail. Then the
//! latency of an agent's escalation that tells a team, with the deliverer
//! started in the background and with delivery left to the tick. Prints
//! figures; asserts nothing about time.
//!
//!     cargo bench --bench delivery                    # 1,000 tickets
//!     ESC_BENCH_SIZES=200 ESC_BENCH_SMTP=127.0.0.1:8025 cargo bench --bench delivery

use std::path::Path;
use std::time::Instant as Clock;

mod common;
use common::{ms, run, time};

use esc::clock::parse_instant;
use esc::policy::{DEFAULT_POLICY, Policy};
use esc::store::Store;

const T0: &str = "2026-11-23T09:00:00Z";
/// Both steps of the default path are due for every ticket by then.
const DUE: &str = "2026-11-23T16:00:00Z";

fn queue(db: &Path, policy: &str, tickets: usize) {
    let _ = std::fs::remove_file(db);
    let parsed = Policy::parse(policy, "bench").unwrap();
    let mut store = esc::store::sqlite::Sqlite::open(db).unwrap();
    store
        .apply_policy(
            policy,
            &parsed.digest,
            "bench",
            esc::clock::from_unix(0),
            None,
        )
        .unwrap();
    let t0 = parse_instant(T0).unwrap();
    store
        .import(&mut (0..tickets).map(|i| esc::sample::unanswered(&parsed, i, t0)))
        .unwrap();
}

fn main() {
    let sizes = common::sizes("1000");
    let temp = tempfile::tempdir().unwrap();
    let dir = common::dir(&temp);
    println!("esc delivery benchmark (release build; one run per row)");
    let mbox = dir.join("dana.mbox");
    let mut variants: Vec<(&str, String)> = vec![
        ("dana unreachable (floor)", String::new()),
        (
            "local mailbox",
            format!(
                "[people.dana]\nmailbox = {:?}\n",
                mbox.display().to_string()
            ),
        ),
        (
            "local mailbox, digests",
            format!(
                "[people.dana]\nmailbox = {:?}\n\n[delivery]\ndigest = true\n",
                mbox.display().to_string()
            ),
        ),
    ];
    if let Ok(server) = std::env::var("ESC_BENCH_SMTP") {
        let (host, port) = server
            .rsplit_once(':')
            .expect("ESC_BENCH_SMTP is HOST:PORT");
        variants.push((
            "e-mail over SMTP",
            format!(
                "[people.dana]\nemail = \"dana@example.com\"\n\n[delivery.smtp]\nhost = \"{host}\"\nport = {port}\ntls = \"none\"\nfrom = \"esc@example.com\"\n"
            ),
        ));
    }
    for n in sizes {
        println!(
            "\n{n} tickets, 2 steps each telling dana: {} notifications",
            2 * n
        );
        for (name, extra) in &variants {
            let db = dir.join("delivery.db");
            queue(&db, &format!("{DEFAULT_POLICY}\n{extra}"), n);
            let _ = std::fs::remove_file(&mbox);
            let t = Clock::now();
            let out = run(&db, &["--as", "cron", "--now", DUE, "tick"]);
            let took = t.elapsed();
            let delivered = out
                .lines()
                .find_map(|l| l.strip_prefix("delivered "))
                .and_then(|l| l.split(' ').next())
                .unwrap_or("0");
            println!(
                "  {name:<26} tick {:>10}, {delivered:>5} delivered, {:.2} ms a notification",
                ms(took),
                took.as_secs_f64() * 1000.0 / (2 * n) as f64
            );
        }
    }

    // An agent's escalation to a team that names dana.
    println!("\nesc escalate --team finance (finance notifies dana by mailbox), median of 9:");
    let team = DEFAULT_POLICY.replacen(
        "name = \"Billing and payments\"\nlevel = \"L0\"\n",
        "name = \"Billing and payments\"\nlevel = \"L0\"\nnotify = [\"dana\"]\n",
        1,
    );
    for (name, extra) in [
        ("background deliverer", ""),
        ("left to the tick", "\n[delivery]\nbackground = false\n"),
    ] {
        let db = dir.join("agents.db");
        let policy = format!(
            "{team}\n[people.dana]\nmailbox = {:?}\n{extra}",
            mbox.display().to_string()
        );
        queue(&db, &policy, 9);
        let mut id = 0;
        let took = time(9, || {
            id += 1;
            run(
                &db,
                &[
                    "--as",
                    "ann",
                    "--now",
                    "2026-11-23T09:05:00Z",
                    "escalate",
                    &id.to_string(),
                    "--team",
                    "finance",
                    "-r",
                    "bench",
                ],
            )
        });
        println!("  {name:<26} {}", ms(took));
    }
}
