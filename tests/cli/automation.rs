//! `esc tick` and the automatic escalations, end to end through the binary.

use std::process::{Child, Stdio};

use super::support::{Queue, repo_file, rule_by_id};

fn count_rules(q: &Queue, id: i64) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for e in q.events(id) {
        if let Some(rule) = rule_by_id(&e) {
            *counts.entry(rule).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn tick_is_silent_when_nothing_is_due_and_says_one_line_otherwise() {
    let q = Queue::new();
    q.open("09:00", "no reply", &[]);
    assert_eq!(q.ok("cron", "10:00", &["tick"]), "", "nothing due yet");
    let out = q.ok("cron", "16:00", &["tick"]);
    assert_eq!(
        out,
        "tick 2026-11-23T16:00:00Z: 2 escalations, 1 breach, 1 warning on 1 ticket; notify dana (2)\n\
         2 notifications for dana wait: the policy gives no way to reach dana (add [people.dana] with an email, a webhook, a command or a mailbox)\n"
    );
    assert_eq!(
        q.ok("cron", "16:00", &["tick"]),
        "",
        "the same instant again changes nothing"
    );
    assert_eq!(q.ok("cron", "16:05", &["tick"]), "");
    let t = q.ticket(1);
    assert_eq!(
        (t["level"].as_str(), t["team"].as_str()),
        (Some("L2"), Some("escalations"))
    );
}

#[test]
fn dry_run_shows_what_would_fire_and_changes_nothing() {
    let q = Queue::new();
    q.open("09:00", "no reply", &[]);
    let before = q.events(1).len();
    let out = q.ok("cron", "2026-11-30T09:00:00Z", &["tick", "--dry-run"]);
    assert!(
        out.contains(
            "would apply to #1 by no-reply/senior: escalated (hierarchical): L0 → L1; notify dana"
        ),
        "{out}"
    );
    assert!(out.ends_with("dry run, nothing changed: tick 2026-11-30T09:00:00Z: 2 escalations, 1 breach, 1 warning on 1 ticket; notify dana (2)\n\
        would deliver 2 notifications: dana (2, waits: the policy gives no way to reach dana)\n"), "{out}");
    assert_eq!(q.events(1).len(), before);
    assert_eq!(q.ticket(1)["level"], "L0");
}

#[test]
fn tick_json_prints_one_object_per_action_with_due_and_applied_times() {
    let q = Queue::new();
    q.open("09:00", "no reply", &[]);
    let out = q.ok("cron", "2026-11-26T09:00:00Z", &["--json", "tick"]);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    let esc = &lines[2];
    assert_eq!(esc["kind"], "escalated");
    assert_eq!(rule_by_id(esc).unwrap(), "step:no-reply/senior:c1");
    assert_eq!(esc["due_at"], "2026-11-23T13:00:00Z");
    assert_eq!(esc["at"], "2026-11-26T09:00:00Z");
    assert_eq!(esc["automatic"], true);
    assert_eq!(esc["dry_run"], false);
    assert_eq!(esc["policy"].as_str().unwrap().len(), 64);
}

#[test]
fn two_ticks_at_once_fire_every_step_once() {
    let q = Queue::new();
    for n in 0..30 {
        q.open("09:00", &format!("t{n}"), &[]);
    }
    let ticks: Vec<Child> = (0..3)
        .map(|_| {
            q.esc("cron", "2026-11-24T09:00:00Z", &["tick"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = ticks
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for o in &outputs {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    for id in [1, 15, 30] {
        let counts = count_rules(&q, id);
        assert_eq!(counts.len(), 4, "{counts:?}");
        assert!(counts.values().all(|n| *n == 1), "{counts:?}");
    }
    let escalated = q.json(
        "ann",
        "2026-11-24T09:00:00Z",
        &["list", "--level", "L2", "--limit", "0"],
    );
    assert_eq!(escalated.as_array().unwrap().len(), 30);
}

#[test]
fn an_invalid_policy_applies_nothing() {
    let q = Queue::new();
    q.open("09:00", "no reply", &[]);
    let broken = q.path("broken.toml");
    std::fs::write(&broken, "name = \"x\"\n[[sla]]\nid = 1\n").unwrap();
    let before = q.events(1).len();
    let out = q
        .esc("cron", "2026-11-30T09:00:00Z", &["tick"])
        .arg("--policy")
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(q.events(1).len(), before);
}

#[test]
fn a_changed_policy_takes_effect_at_the_next_tick_but_not_on_resolved_tickets() {
    let q = Queue::new();
    q.open("09:00", "open one", &[]);
    q.open("09:00", "resolved one", &[]);
    q.ok(
        "ann",
        "09:30",
        &["resolve", "2", "--summary", "s", "--root-cause", "process"],
    );
    let tight = q.path("tight.toml");
    let text = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    std::fs::write(
        &tight,
        text.replace("first_response = \"4h\"", "first_response = \"1h\""),
    )
    .unwrap();
    let resolved_before = q.events(2).len();
    q.apply("tight.toml", "10:30");
    let text = q.ok("cron", "10:30", &["tick"]);
    assert!(
        text.contains("1 escalation, 1 breach, 1 warning on 1 ticket"),
        "{text}"
    );
    let breach = q
        .events(1)
        .into_iter()
        .find(|e| e["kind"] == "breached")
        .unwrap();
    assert_eq!(
        breach["due_at"], "2026-11-23T10:00:00Z",
        "due under the new 1h target"
    );
    assert_eq!(
        q.events(2).len(),
        resolved_before,
        "a resolved ticket is left alone"
    );
}

#[test]
fn list_finds_breached_tickets_and_those_due_soon() {
    let q = Queue::new();
    q.open("09:00", "old", &[]);
    q.open("12:00", "new", &[]);
    q.open("12:00", "answered", &[]);
    q.ok("ann", "12:05", &["respond", "3"]);
    let ids = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["list"];
        all.extend_from_slice(args);
        q.json("ann", "13:30", &all)
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_i64().unwrap())
            .collect()
    };
    // #1's first response was due at 13:00 and no tick has run: still found.
    assert_eq!(ids(&["--breached"]), vec![1]);
    assert_eq!(ids(&["--due-within", "3h"]), vec![1, 2]);
    assert_eq!(ids(&["--due-within", "1h"]), vec![1]);
    q.ok("cron", "13:30", &["tick"]);
    assert_eq!(
        ids(&["--breached"]),
        vec![1],
        "and after the tick records it"
    );
    let table = q.ok("ann", "13:30", &["list", "--format", "table"]);
    let row = table.lines().find(|l| l.contains("#2")).unwrap();
    assert!(row.contains("2h 30m left"), "{table}");
    assert!(
        q.fails("ann", "13:30", &["list", "--due-within", "soon"], 2)
            .contains("invalid duration")
    );
}

#[test]
fn show_and_explain_tell_the_clocks_and_the_steps() {
    let q = Queue::new();
    q.open("09:00", "no reply", &[]);
    q.ok("cron", "14:00", &["tick"]);
    let show = q.ok("ann", "14:30", &["show", "1"]);
    for expected in [
        "SLA (rule `standard`, calendar 24x7)",
        "first-response   4h       2026-11-23 13:00   breached, 1h 30m late",
        "resolution       30d      2026-12-23 09:00   29d 18h left",
        "escalated (hierarchical): L0 → L1; notify dana (due 2026-11-23 13:00) [auto]",
    ] {
        assert!(show.contains(expected), "missing {expected:?} in\n{show}");
    }
    let explain = q.ok("ann", "14:30", &["policy", "explain", "1"]);
    for expected in [
        "sla rule `urgent` does not apply: priority `normal` is not one of urgent",
        "sla rule `standard` applies: it matches every ticket",
        "path `no-reply` applies",
        "  senior    at first-response-breach, if no-first-response\n            due 2026-11-23 13:00 · applied 2026-11-23 14:00\n",
        "due 2026-11-23 15:00 · will come due in 30m",
        "five-contacts: not met (0 of 5 contact attempts this cycle)",
    ] {
        assert!(
            explain.contains(expected),
            "missing {expected:?} in\n{explain}"
        );
    }
    let json = q.json("ann", "14:30", &["policy", "explain", "1"]);
    assert_eq!(json["sla"]["applies"], "standard");
    let states: Vec<&str> = json["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["state"].as_str().unwrap())
        .collect();
    // warning, breach and first step done; the manager step, the resolution
    // warning and breach and the overdue step to come.
    assert_eq!(
        states,
        [
            "fired", "fired", "fired", "pending", "pending", "pending", "pending"
        ]
    );
}

#[test]
fn a_step_whose_condition_no_longer_holds_is_skipped_and_says_why() {
    let q = Queue::new();
    q.open("09:00", "late reply", &[]);
    q.ok("cron", "13:30", &["tick"]);
    q.ok("ann", "14:00", &["respond", "1", "sorry for the wait"]);
    q.ok("cron", "16:00", &["tick"]);
    let skipped = q
        .events(1)
        .into_iter()
        .find(|e| e["kind"] == "skipped")
        .unwrap();
    assert_eq!(rule_by_id(&skipped).unwrap(), "step:no-reply/manager:c1");
    assert_eq!(
        skipped["detail"],
        serde_json::json!({ "rule": { "source": { "step": "no-reply/manager" }, "condition": "no-first-response" } })
    );
    assert_eq!(q.ticket(1)["level"], "L1");
    let explain = q.ok("ann", "16:00", &["policy", "explain", "1"]);
    assert!(
        explain.contains("skipped at 2026-11-23 16:00: `no-first-response` no longer held"),
        "{explain}"
    );
}

#[test]
fn a_trigger_fires_on_the_command_itself() {
    let q = Queue::new();
    q.open("09:00", "chasing", &[]);
    q.ok("ann", "09:05", &["respond", "1"]);
    for minute in ["09:10", "09:20", "09:30", "09:40"] {
        q.ok("ann", minute, &["contact", "1"]);
    }
    assert_eq!(q.ticket(1)["level"], "L0");
    let out = q.json("ann", "09:50", &["contact", "1"]);
    assert_eq!(out["ticket"]["level"], "L1");
    let kinds: Vec<&str> = out["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["contacted", "escalated"]);
}

/// A tick whose clock is behind a ticket's last change (another host's
/// clock runs ahead, or `--now` went back) leaves that ticket for a later
/// tick instead of writing events dated before the change.
#[test]
fn a_tick_behind_a_tickets_last_change_leaves_it_alone() {
    let q = Queue::manual();
    q.open("09:00", "noted late", &[]);
    q.ok("ann", "09:30", &["note", "1", "called the customer"]);
    let tight = q.path("tight.toml");
    let text = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    std::fs::write(
        &tight,
        text.replace("first_response = \"4h\"", "first_response = \"10m\""),
    )
    .unwrap();
    q.apply("tight.toml", "09:31");
    let before = q.events(1);

    assert_eq!(q.ok("cron", "09:20", &["tick"]), "", "silent for cron");
    let verbose = q.ok("cron", "09:20", &["tick", "--verbose"]);
    assert_eq!(
        verbose,
        "left #1 for a later tick: it changed at 2026-11-23T09:30:00Z, after this tick's time\n"
    );
    let json = q.ok("cron", "09:20", &["--json", "tick"]);
    let line: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(
        (&line["ticket"], &line["kind"], &line["updated_at"]),
        (
            &serde_json::json!(1),
            &serde_json::json!("behind"),
            &serde_json::json!("2026-11-23T09:30:00Z")
        )
    );
    assert_eq!(q.events(1), before, "nothing written at 09:20");

    let text = q.ok("cron", "09:40", &["tick"]);
    assert!(text.contains("1 breach"), "{text}");
    let events = q.events(1);
    let at: Vec<&str> = events.iter().map(|e| e["at"].as_str().unwrap()).collect();
    let mut sorted = at.clone();
    sorted.sort();
    assert_eq!(at, sorted, "the log runs forward in time");
}

#[test]
fn a_tick_run_backwards_changes_and_duplicates_nothing() {
    let q = Queue::new();
    for (n, when) in ["08:00", "09:00", "11:00", "13:00"].iter().enumerate() {
        q.open(when, &format!("ticket {n}"), &[]);
    }
    q.ok("ann", "13:30", &["respond", "3"]);
    assert!(!q.ok("cron", "2026-11-24T09:00:00Z", &["tick"]).is_empty());
    let logs: Vec<_> = (1..=4).map(|id| q.events(id)).collect();
    for back in ["2026-11-24T08:59:59Z", "16:00", "12:00", "09:00"] {
        assert_eq!(q.ok("cron", back, &["tick"]), "", "tick at {back}");
        assert_eq!(q.ok("cron", back, &["tick", "--dry-run"]), "");
    }
    let after: Vec<_> = (1..=4).map(|id| q.events(id)).collect();
    assert_eq!(after, logs);
}
