//! Completion from the queue: the committed bash script asks the hidden
//! `esc complete` for teams, levels, priorities, categories, root causes,
//! tiers and ticket ids, with the --db typed on the line, and a queue that
//! does not exist offers nothing and is not made.

use std::path::Path;

use super::support::{Queue, repo_file};

/// What bash offers for the words typed so far (the last one being
/// completed), through `completions/esc.bash` with this build of esc first
/// on the PATH.
pub(crate) fn offered(q: &Queue, words: &[&str]) -> Vec<String> {
    let bin = Path::new(env!("CARGO_BIN_EXE_esc")).parent().unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_esc_queue\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        repo_file("completions/esc.bash").display(),
        quoted.join(" "),
        words.len() - 1
    );
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let out = std::process::Command::new("bash")
        .args(["--norc", "-c", &script])
        .env("PATH", path)
        .env("HOME", q.path(""))
        .current_dir(q.path(""))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_names_from_the_queues_policy_and_live_ticket_ids() {
    let q = Queue::new();
    let db = q.db();
    q.open("09:00", "Printer", &[]);
    let resolved = q.open("09:01", "Fixed already", &[]).to_string();
    q.open("09:02", "Refund", &[]);
    q.ok(
        "ann",
        "09:03",
        &[
            "resolve",
            &resolved,
            "--summary",
            "done",
            "--root-cause",
            "process",
        ],
    );
    assert_eq!(
        offered(&q, &["esc", "--db", &db, "escalate", "1", "--team", ""]),
        ["support", "finance", "technical", "escalations"]
    );
    assert_eq!(
        offered(&q, &["esc", "--db", &db, "list", "--team", "f"]),
        ["finance"]
    );
    assert_eq!(
        offered(&q, &["esc", "--db", &db, "list", "--level", ""]),
        ["L0", "L1", "L2", "L3"]
    );
    assert_eq!(
        offered(&q, &["esc", "--db", &db, "open", "-p", "u"]),
        ["urgent"]
    );
    assert_eq!(
        offered(
            &q,
            &["esc", "--db", &db, "resolve", "1", "--root-cause", "pr"]
        ),
        ["product-bug", "process"]
    );
    let mut ids = offered(&q, &["esc", "--db", &db, "show", ""]);
    ids.sort();
    assert_eq!(ids, ["1", "3"], "live tickets only");
    let mut ids = offered(&q, &["esc", "--db", &db, "assign", "1", ""]);
    ids.sort();
    assert_eq!(ids, ["1", "3"], "several ids");
}

#[test]
fn completion_from_a_queue_that_does_not_exist_offers_nothing_and_makes_none() {
    let q = Queue::empty();
    let db = q.path("typo.db").display().to_string();
    assert!(offered(&q, &["esc", "--db", &db, "list", "--team", ""]).is_empty());
    assert!(!Path::new(&db).exists(), "no queue made");
    let out = q
        .bare()
        .args(["--db", &db, "complete", "team"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert!(!Path::new(&db).exists(), "no queue made");
}

#[test]
fn the_completion_command_gives_each_value_with_what_it_is() {
    let q = Queue::new();
    let out = q.ok("ann", "09:00", &["complete", "team"]);
    assert!(
        out.starts_with("support\tFront-line support (L0)\n"),
        "{out}"
    );
    q.open("09:00", "Tab\there", &[]);
    let out = q.ok("ann", "09:01", &["complete", "ticket"]);
    assert_eq!(
        out, "1\tTab\\there\n",
        "one line per ticket, whatever its title"
    );
}

#[test]
fn every_shells_script_asks_the_queue_for_each_kind() {
    /// How a script spells the handing of a kind to `esc complete`.
    type Asks = fn(&str) -> String;
    // Each script, how it hands a kind over, and the call itself.
    let shells: [(&str, Asks, &str); 5] = [
        ("esc.bash", |k| format!("what={k} ;;"), "complete \"$what\""),
        ("_esc", |k| format!("_esc_queue {k}'"), "complete $1"),
        (
            "esc.fish",
            |k| format!("(__fish_esc_queue {k})'"),
            "complete $argv",
        ),
        ("esc.elv", |k| format!("={k}"), "complete $what"),
        ("_esc.ps1", |k| format!("= '{k}'"), "complete $escWhat"),
    ];
    for (file, kind, call) in shells {
        let script = std::fs::read_to_string(repo_file(&format!("completions/{file}"))).unwrap();
        assert!(script.contains(call), "{file} never calls esc complete");
        for k in [
            "team",
            "level",
            "priority",
            "category",
            "root-cause",
            "tier",
        ] {
            assert!(script.contains(&kind(k)), "{file} does not ask for {k}");
        }
    }
}
