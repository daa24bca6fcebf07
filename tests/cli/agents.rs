//! Every agent command, end to end through the binary.

use super::support::Queue;

#[test]
fn open_prints_the_new_id_and_show_tells_everything() {
    let q = Queue::new();
    let out = q.ok(
        "ann",
        "09:00",
        &[
            "open",
            "--title",
            "Card charged twice",
            "--customer",
            "Maria Lopez",
            "--channel",
            "phone",
            "--category",
            "financial",
            "--priority",
            "high",
            "--tier",
            "gold",
            "--team",
            "finance",
            "--assignee",
            "bob",
            "--tag",
            "refund",
            "--description",
            "Charged on the 3rd and the 4th.",
        ],
    );
    assert_eq!(
        out.trim(),
        "opened #1: Card charged twice (finance, L0, high priority)"
    );
    assert_eq!(q.open("09:01", "second", &[]), 2);

    let show = q.ok("ann", "12:00", &["show", "1"]);
    for expected in [
        "#1  Card charged twice",
        "Maria Lopez",
        "Gold",
        "phone",
        "financial",
        "high",
        "finance (Billing and payments)",
        "bob",
        "refund",
        "2026-11-23 09:00 (3h ago)",
        "Charged on the 3rd and the 4th.",
        "opened via phone at L0 (Agent) with finance",
    ] {
        assert!(show.contains(expected), "missing {expected:?} in\n{show}");
    }
}

#[test]
fn open_without_a_terminal_names_the_missing_flag() {
    let q = Queue::new();
    let err = q.fails(
        "ann",
        "09:00",
        &["open", "--customer", "acme", "--channel", "email"],
        2,
    );
    assert!(err.contains("error: missing --title"), "{err}");
    assert!(
        err.contains("hint: pass --title, or run in a terminal"),
        "{err}"
    );
    let err = q.fails(
        "ann",
        "09:00",
        &[
            "open",
            "--title",
            "x",
            "--customer",
            "acme",
            "--channel",
            "email",
        ],
        2,
    );
    assert!(err.contains("missing --category"), "{err}");
    assert!(
        !q.exists()
            || q.ok("ann", "09:00", &["list", "--format", "table"])
                .contains("no tickets match")
    );
}

#[test]
fn list_filters_and_puts_the_most_urgent_first() {
    let q = Queue::new();
    q.open("09:00", "normal old", &[]);
    q.open("09:01", "urgent", &["--priority", "urgent", "--tag", "vip"]);
    q.open(
        "09:02",
        "finance",
        &["--team", "finance", "--assignee", "bob"],
    );
    q.open("09:03", "senior", &["--team", "technical"]);
    q.open("09:04", "done", &[]);
    q.ok(
        "ann",
        "09:10",
        &["resolve", "5", "--summary", "ok", "--root-cause", "process"],
    );

    let ids = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["list"];
        all.extend_from_slice(args);
        q.json("bob", "10:00", &all)
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_i64().unwrap())
            .collect()
    };
    // urgent first; then the SLA due soonest (the oldest, on one 24x7 target).
    assert_eq!(ids(&[]), vec![2, 1, 3, 4]);
    assert_eq!(ids(&["--all"]), vec![2, 1, 3, 4, 5]);
    assert_eq!(ids(&["--status", "resolved"]), vec![5]);
    assert_eq!(ids(&["--team", "finance"]), vec![3]);
    assert_eq!(ids(&["--level", "L1"]), vec![4]);
    assert_eq!(ids(&["--mine"]), vec![3]);
    assert_eq!(ids(&["--assignee", "bob"]), vec![3]);
    assert_eq!(ids(&["--unassigned"]), vec![2, 1, 4]);
    assert_eq!(ids(&["--priority", "urgent"]), vec![2]);
    assert_eq!(ids(&["--category", "financial"]), Vec::<i64>::new());
    assert_eq!(ids(&["--customer", "acme"]), vec![2, 1, 3, 4]);
    assert_eq!(ids(&["--tag", "vip"]), vec![2]);
    assert_eq!(ids(&["--limit", "2"]), vec![2, 1]);

    let table = q.ok(
        "ann",
        "10:00",
        &["list", "--limit", "2", "--format", "table"],
    );
    assert!(
        table.contains("2 of 4 tickets, most urgent first; --limit 0 shows all"),
        "{table}"
    );
    let first_row = table.lines().nth(2).unwrap();
    assert!(
        first_row.trim_start().starts_with("#2 ") && first_row.contains("urgent"),
        "{table}"
    );
    assert!(
        q.ok(
            "ann",
            "10:00",
            &["list", "--tag", "nope", "--format", "table"]
        )
        .contains("no tickets match")
    );
}

#[test]
fn every_first_page_is_the_head_of_the_whole_list() {
    // Read block by block from an index, the first page must be what the
    // whole queue sorted would start with, and count the same tickets:
    // across priorities, categories, levels, statuses, breaches a tick
    // recorded and clocks past due that no tick has seen yet.
    let q = Queue::new();
    let priorities = ["urgent", "high", "normal", "low"];
    let categories = ["technical", "financial", "delivery", "general"];
    for i in 0..16 {
        let at = format!("08:{:02}", i * 2);
        let title = format!("ticket {i}");
        let id = q.ok(
            "ann",
            &at,
            &[
                "open",
                "--quiet",
                "--title",
                &title,
                "--customer",
                "acme",
                "--channel",
                "chat",
                "--priority",
                priorities[i % 4],
                "--category",
                categories[i / 4],
            ],
        );
        let id = id.trim();
        match i % 5 {
            1 => drop(q.ok("ann", "08:40", &["escalate", id, "--up", "-r", "needs L1"])),
            2 => drop(q.ok("ann", "08:41", &["pending", id])),
            3 => drop(q.ok("ann", "08:42", &["respond", id])),
            _ => {}
        }
    }
    q.ok(
        "ann",
        "08:45",
        &["resolve", "4", "--summary", "ok", "--root-cause", "process"],
    );
    // Some breaches recorded at 09:30; more clocks run out by 14:00.
    q.ok("cron", "09:30", &["tick"]);
    for filter in [
        &[][..],
        &["--breached"],
        &["--all"],
        &["--status", "pending"],
    ] {
        let ids = |limit: &str| -> Vec<i64> {
            let mut args = vec!["list", "--limit", limit];
            args.extend_from_slice(filter);
            q.json("bob", "14:00", &args)
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["id"].as_i64().unwrap())
                .collect()
        };
        let all = ids("0");
        assert!(!all.is_empty(), "{filter:?}");
        for k in 1..all.len() {
            assert_eq!(ids(&k.to_string()), all[..k], "{filter:?} --limit {k}");
            let mut args = vec!["list", "--limit", "1", "--format", "table"];
            args.extend_from_slice(filter);
            let table = q.ok("bob", "14:00", &args);
            let counted = format!("1 of {} tickets", all.len());
            assert!(table.contains(&counted), "{filter:?}: {table}");
        }
    }
}

#[test]
fn assign_note_respond_contact_csat_and_tag_each_leave_their_mark() {
    let q = Queue::new();
    let id = q.open("09:00", "printer on fire", &[]);
    assert_eq!(
        q.ok("bob", "09:05", &["assign", "1"]).trim(),
        "#1 assigned to bob"
    );
    assert_eq!(
        q.ok("bob", "09:06", &["assign", "1", "carol"]).trim(),
        "#1 assigned to carol"
    );
    assert_eq!(
        q.ok("bob", "09:07", &["assign", "1", "--unassign"]).trim(),
        "#1 unassigned"
    );
    q.ok("bob", "09:10", &["note", "1", "called the customer"]);
    assert!(
        q.ok("bob", "09:20", &["respond", "1", "we are on it"])
            .contains("first response")
    );
    assert!(
        q.ok("bob", "09:30", &["respond", "1"])
            .contains("#1 response recorded")
    );
    q.ok("bob", "09:40", &["contact", "1", "where is my answer"]);
    assert!(
        q.ok("bob", "09:41", &["contact", "1"])
            .contains("contact attempt 2")
    );
    q.ok("bob", "09:50", &["csat", "1", "4", "--comment", "fine"]);
    q.ok("bob", "09:51", &["tag", "1", "hot", "loud"]);
    q.ok("bob", "09:52", &["tag", "1", "--remove", "loud"]);

    let t = q.ticket(id);
    assert_eq!(t["assignee"], serde_json::Value::Null);
    assert_eq!(t["first_response_at"], "2026-11-23T09:20:00Z");
    assert_eq!(t["last_response_at"], "2026-11-23T09:30:00Z");
    assert_eq!(t["contact_attempts"], 2);
    assert_eq!(t["last_contact_at"], "2026-11-23T09:41:00Z");
    assert_eq!(t["csat"], 4);
    assert_eq!(t["tags"], serde_json::json!(["hot"]));
    assert_eq!(
        q.kinds(id),
        [
            "opened",
            "assigned",
            "assigned",
            "assigned",
            "noted",
            "responded",
            "responded",
            "contacted",
            "contacted",
            "rated",
            "tagged",
            "tagged"
        ]
    );
    let events = q.events(id);
    assert_eq!(events[4]["reason"], "called the customer");
    assert_eq!(events[4]["actor"], "bob");
    assert_eq!(events[9]["detail"], serde_json::json!({ "csat": 4 }));
    assert_eq!(
        events[11]["detail"],
        serde_json::json!({ "tags": { "removed": ["loud"] } })
    );

    let show = q.ok("bob", "10:00", &["show", "1"]);
    for line in [
        "assigned to carol",
        "first response to the customer",
        "customer contact attempt 2",
        "CSAT 4/5",
        "tags +hot +loud",
    ] {
        assert!(show.contains(line), "missing {line:?} in\n{show}");
    }
}

#[test]
fn pending_pauses_and_a_customer_contact_ends_the_wait() {
    let q = Queue::new();
    let id = q.open("09:00", "need logs", &[]);
    q.ok(
        "ann",
        "09:10",
        &["pending", "1", "--reason", "asked for logs"],
    );
    assert_eq!(q.ticket(id)["status"], "pending");
    assert_eq!(q.ticket(id)["pending_since"], "2026-11-23T09:10:00Z");
    q.ok("ann", "09:20", &["resume", "1"]);
    assert_eq!(q.ticket(id)["status"], "open");
    q.ok("ann", "09:30", &["pending", "1"]);
    q.ok("ann", "10:00", &["contact", "1", "here are the logs"]);
    let t = q.ticket(id);
    assert_eq!(t["status"], "open");
    assert_eq!(t["pending_since"], serde_json::Value::Null);
    let last = q.events(id).pop().unwrap();
    assert_eq!(last["status"]["from"], "pending");
    assert_eq!(last["status"]["to"], "open");
}

#[test]
fn escalations_record_their_kind_levels_teams_and_reason() {
    let q = Queue::new();
    let id = q.open("09:00", "refund", &["--assignee", "ann"]);
    let out = q.ok(
        "ann",
        "09:10",
        &[
            "escalate",
            "1",
            "--team",
            "finance",
            "--reason",
            "payment question",
        ],
    );
    assert_eq!(
        out.trim(),
        "#1 escalated (functional): now finance at L0 (Agent), unassigned"
    );
    let out = q.ok(
        "fin",
        "09:20",
        &[
            "escalate",
            "1",
            "--up",
            "--to",
            "sam",
            "--reason",
            "exception needed",
        ],
    );
    assert_eq!(
        out.trim(),
        "#1 escalated (hierarchical): now finance at L1 (Senior agent), assigned to sam"
    );
    let out = q.ok(
        "sam",
        "09:30",
        &[
            "escalate",
            "1",
            "--team",
            "technical",
            "--level",
            "L3",
            "--reason",
            "outage",
        ],
    );
    assert!(
        out.contains("(both): now technical at L3 (Director)"),
        "{out}"
    );

    let escalations: Vec<_> = q
        .events(id)
        .into_iter()
        .filter(|e| e["kind"] == "escalated")
        .collect();
    let kinds: Vec<_> = escalations
        .iter()
        .map(|e| e["escalation"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["functional", "hierarchical", "both"]);
    assert_eq!(
        escalations[0]["team"],
        serde_json::json!({"from": "support", "to": "finance"})
    );
    assert_eq!(
        escalations[0]["assignee"],
        serde_json::json!({"from": "ann", "to": null})
    );
    assert_eq!(
        escalations[1]["level"],
        serde_json::json!({"from": "L0", "to": "L1"})
    );
    assert_eq!(
        escalations[2]["level"],
        serde_json::json!({"from": "L1", "to": "L3"})
    );
    assert_eq!(escalations[1]["reason"], "exception needed");
    let t = q.ticket(id);
    assert_eq!(t["level_since"], "2026-11-23T09:30:00Z");
    assert_eq!(t["last_escalated_at"], "2026-11-23T09:30:00Z");
}

#[test]
fn resolve_and_reopen_run_in_cycles() {
    let q = Queue::new();
    let id = q.open("09:00", "bug", &[]);
    let out = q.ok(
        "ann",
        "10:00",
        &[
            "resolve",
            "1",
            "--summary",
            "patched",
            "--root-cause",
            "product-bug",
        ],
    );
    assert_eq!(out.trim(), "#1 resolved (root cause product-bug)");
    let t = q.ticket(id);
    assert_eq!(
        (t["status"].as_str(), t["resolved_at"].as_str()),
        (Some("resolved"), Some("2026-11-23T10:00:00Z"))
    );
    assert_eq!(t["root_cause"], "product-bug");
    assert!(
        q.ok("ann", "11:00", &["list", "--format", "table"])
            .contains("no tickets match")
    );

    assert_eq!(
        q.ok("ann", "12:00", &["reopen", "1", "--reason", "came back"])
            .trim(),
        "#1 reopened (cycle 2)"
    );
    let t = q.ticket(id);
    assert_eq!(
        (t["status"].as_str(), t["cycle"].as_i64()),
        (Some("open"), Some(2))
    );
    assert_eq!(t["resolution"], serde_json::Value::Null);
    let last = q.events(id).pop().unwrap();
    assert_eq!(
        (last["kind"].as_str(), last["cycle"].as_i64()),
        (Some("reopened"), Some(2))
    );
}

#[test]
fn a_high_level_resolution_waits_for_an_allowed_signer() {
    let q = Queue::new();
    let id = q.open("09:00", "goodwill", &["--team", "escalations"]);
    let out = q.ok(
        "rita",
        "10:00",
        &[
            "resolve",
            "1",
            "--summary",
            "credit",
            "--root-cause",
            "process",
        ],
    );
    assert!(out.contains("awaits sign-off by dana or lee"), "{out}");
    assert_eq!(q.ticket(id)["status"], "awaiting-signoff");
    assert!(q.ok("ann", "10:01", &["list"]).contains("awaiting-signoff"));

    let err = q.fails("rita", "10:05", &["signoff", "1"], 4);
    assert!(
        err.contains("rita may not sign off resolutions at L2 (Supervisor); allowed: dana, lee"),
        "{err}"
    );
    assert!(
        err.contains("hint: one of them signs it off, as themselves: `esc signoff ID` run by them"),
        "{err}"
    );

    let out = q.ok(
        "lee",
        "10:10",
        &["signoff", "1", "--reject", "offer a voucher instead"],
    );
    assert_eq!(out.trim(), "#1 sign-off rejected: open again");
    assert_eq!(q.ticket(id)["status"], "open");
    q.ok(
        "rita",
        "10:20",
        &[
            "resolve",
            "1",
            "--summary",
            "voucher",
            "--root-cause",
            "process",
        ],
    );
    assert_eq!(
        q.ok("dana", "10:30", &["signoff", "1"]).trim(),
        "#1 signed off by dana: resolved"
    );
    let t = q.ticket(id);
    assert_eq!(
        (t["status"].as_str(), t["resolved_at"].as_str()),
        (Some("resolved"), Some("2026-11-23T10:30:00Z"))
    );
    assert_eq!(
        q.kinds(id),
        [
            "opened",
            "signoff-requested",
            "signoff-rejected",
            "signoff-requested",
            "signed-off"
        ]
    );
}

#[test]
fn mutating_commands_speak_json_too() {
    let q = Queue::new();
    let v = q.json(
        "ann",
        "09:00",
        &[
            "open",
            "--title",
            "t",
            "--customer",
            "c",
            "--channel",
            "bot",
            "--category",
            "general",
        ],
    );
    assert_eq!(v["ticket"]["id"], 1);
    assert_eq!(v["ticket"]["channel"], "bot");
    assert_eq!(v["events"][0]["kind"], "opened");
    let v = q.json("ann", "09:01", &["escalate", "1", "--up", "--reason", "r"]);
    assert_eq!(v["ticket"]["level"], "L1");
    assert_eq!(v["events"][0]["escalation"], "hierarchical");
}

#[test]
fn the_default_queue_lives_in_the_data_directory_and_the_login_name_acts() {
    let q = Queue::empty();
    let open = || {
        q.bare()
            .args([
                "--now",
                "2026-11-23T09:00:00Z",
                "open",
                "--title",
                "t",
                "--customer",
                "c",
            ])
            .args(["--channel", "web", "--category", "general", "--quiet"])
            .output()
            .unwrap()
    };
    // Only init makes a queue: before it, the default place holds none,
    // and nothing is created there.
    let out = open();
    assert_eq!(out.status.code(), Some(6));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("there is no queue at"), "{err}");
    assert!(err.contains("create it with `esc init`"), "{err}");
    assert!(!q.dir.path().join("data/esc").exists());
    let init = q
        .bare()
        .args(["--now", "2026-11-23T08:00:00Z", "init"])
        .output()
        .unwrap();
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let out = open();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = q.dir.path().join("data/esc/queue.db");
    assert!(db.exists(), "no queue at {}", db.display());
    let show = q
        .bare()
        .args(["--db"])
        .arg(&db)
        .args(["--json", "show", "1"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(v["events"][0]["actor"], "tester");
}

#[test]
fn init_creates_the_queue_and_a_starter_policy_without_clobbering() {
    let q = Queue::empty();
    let out = q.ok("ann", "09:00", &["init"]);
    assert!(out.contains("created the queue"), "{out}");
    assert!(
        out.contains("its policy: version 1 (the embedded default"),
        "{out}"
    );
    assert!(out.contains("wrote a copy of it to edit to"), "{out}");
    // Whom the starter policy notifies but cannot reach, said before the
    // first escalation tells nobody; the next step in the last lines, on
    // one 24-row screen.
    assert!(
        out.contains("warning: it notifies dana and lee, whom it gives no way to reach:"),
        "{out}"
    );
    assert!(out.lines().count() <= 20, "{out}");
    let last: Vec<&str> = out.lines().rev().take(3).collect();
    assert_eq!(
        last[2], "Next: give dana and lee a way to be reached, then check and apply the copy:",
        "{out}"
    );
    assert!(last[0].starts_with("  esc policy apply "), "{out}");
    let written = std::fs::read_to_string(q.path("esc-policy.toml")).unwrap();
    assert_eq!(
        written,
        std::fs::read_to_string(super::support::repo_file("sample-policies/default.toml")).unwrap()
    );

    std::fs::write(q.path("esc-policy.toml"), "# mine\n").unwrap();
    let out = q.ok("ann", "09:00", &["init"]);
    assert!(out.contains("is ready") && out.contains("left"), "{out}");
    assert_eq!(
        std::fs::read_to_string(q.path("esc-policy.toml")).unwrap(),
        "# mine\n"
    );
    q.ok("ann", "09:00", &["init", "--force"]);
    assert_eq!(
        std::fs::read_to_string(q.path("esc-policy.toml")).unwrap(),
        written
    );

    q.ok("ann", "09:00", &["init", "other.toml"]);
    let check = q.ok("ann", "09:00", &["policy", "check", "other.toml"]);
    assert!(check.contains("ok"), "{check}");
}

#[test]
fn the_demo_runs_the_whole_story_on_a_throw_away_queue() {
    let q = Queue::new();
    let out = q.bare().arg("demo").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "#1 escalated (functional): now finance at L0 (Agent), unassigned",
        "#2 escalated (both): now technical at L1 (Senior agent), assigned to rita",
        "error: rita may not sign off resolutions at L2 (Supervisor); allowed: dana, lee",
        "#2 signed off by dana: resolved",
        "escalated (hierarchical): L1 → L2",
        "[12:00 cron] $ esc tick\n(no output: nothing was due)",
        "dry run, nothing changed: tick 2026-11-23T16:00:00Z: 2 escalations, 1 breach, 1\n    warning on 1 ticket; notify dana (2)",
        "[16:00 cron] $ esc tick\ntick 2026-11-23T16:00:00Z: 2 escalations, 1 breach, 1 warning on 1 ticket;\n    notify dana (2)\ndelivered 2 notifications\n",
        "would deliver 2 notifications: dana (2)",
        "[16:20 dana] $ esc inbox --for dana",
        // The story ends with what the escalation manager received, in the
        // local mailbox the demo's policy gives her.
        "             which now holds:\n\nFrom esc@localhost Mon Nov 23 16:00:00 2026\nFrom: esc <esc@localhost>\nTo: dana@localhost\n",
        "Message-ID: <esc.notification.2.ticket.3@localhost>",
        "What happened (2026-11-23T16:00:00Z): escalated (both): L1 → L2, support →\n  escalations; notify dana (due 2026-11-23 15:10) [auto]\nWhy: still no reply two hours after the breach",
        "[17:00 dana] $ esc report --since 2026-11-20",
        "Volume       3 opened · 1 resolved · 0 reopened · backlog 2 at the end, 0 open\n             over 30 days",
        "Escalations  3 of 3 tickets (100.0%): 3 functional, 4 hierarchical, 2 automatic",
        // A customer's mail opens a ticket, and her reply joins it.
        "$ esc mail fetch --maildir ",
        "opened ticket #4 from lena@example.com: Invoice shows my old address\n",
        "added to ticket #4: lena@example.com wrote again\n",
        " 2026-11-23 17:25   lena@example.com   customer contact attempt 1\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(
        !q.dir.path().join("data").exists(),
        "the demo must not touch the user's queue"
    );
}

/// The demo is the README's first command: what it shows a person, on a
/// pipe or a terminal, carries no styling spelled out as text; on the
/// terminal esc's colours arrive as colours.
#[test]
fn the_demo_reads_as_a_person_sees_it_on_a_pipe_and_on_a_terminal() {
    let q = Queue::new();
    let out = q.bare().arg("demo").output().unwrap();
    assert!(out.status.success());
    let piped = String::from_utf8(out.stdout).unwrap();
    let mut demo = q.bare();
    demo.arg("demo").env_remove("NO_COLOR");
    let seen = crate::cli::support::on_terminal(demo, 80);
    for (how, text) in [("on a pipe", &piped), ("on a terminal", &seen)] {
        assert!(text.contains("$ esc list"), "{how}: the listing is shown");
        for spelled in ["\\e[", "\\x1b", "\\u{1b}"] {
            assert!(
                !text.contains(spelled),
                "{how}: styling as text ({spelled}):\n{text}"
            );
        }
    }
    assert!(!piped.contains('\u{1b}'), "no colour on a pipe");
    assert!(seen.contains("\u{1b}["), "colour on a terminal");
    // Every line fits an 80-column terminal, on the terminal and on the
    // pipe (which reads as the same session): commands continue with `\`,
    // summaries and mail wrap between words.
    for (how, text) in [("on a pipe", &piped), ("on a terminal", &seen)] {
        let plain = strip_styling(text);
        for line in plain.lines() {
            assert!(line.chars().count() <= 80, "{how}: wider than 80: {line:?}");
        }
    }
    assert!(
        piped.contains("[09:25 ann] $ esc escalate 1 --team finance \\\n    --reason 'duplicate"),
        "{piped}"
    );
}

/// Text without the escape sequences of esc's colours.
fn strip_styling(text: &str) -> String {
    let mut plain = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: parameters up to the final letter.
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}

/// An escalation that turned out unneeded goes back down, with its
/// reason, on the timeline and in the report apart from escalations; from
/// a level management signs off at, only management takes it down.
#[test]
fn a_ticket_goes_back_down_the_ladder_with_its_reason() {
    let q = Queue::new();
    q.open("09:00", "Card charged twice", &[]);
    q.ok(
        "ann",
        "09:10",
        &[
            "escalate",
            "1",
            "--team",
            "escalations",
            "--reason",
            "looks like fraud",
        ],
    );
    let err = q.fails(
        "ann",
        "09:20",
        &["deescalate", "1", "--reason", "the bank's own mistake"],
        4,
    );
    assert_eq!(
        err,
        "error: ann may not take ticket #1 down from L2 (Supervisor): its resolutions need sign-off by dana or lee, who decide whether it goes down\n\
         hint: one of them takes it down, as themselves: `esc deescalate 1` run by them\n"
    );
    assert_eq!(
        q.ok(
            "dana",
            "09:30",
            &[
                "deescalate",
                "1",
                "--team",
                "support",
                "--to",
                "bob",
                "--reason",
                "the bank's own mistake"
            ],
        ),
        "#1 de-escalated: now support at L1 (Senior agent), assigned to bob\n"
    );
    assert_eq!(
        q.ok(
            "bob",
            "09:40",
            &["deescalate", "1", "--reason", "a refund form does it"]
        ),
        "#1 de-escalated: now support at L0 (Agent), unassigned\n"
    );
    let err = q.fails("bob", "09:45", &["deescalate", "1", "--reason", "x"], 4);
    assert!(err.contains("at the lowest level, L0 (Agent)"), "{err}");
    let err = q.fails(
        "bob",
        "09:45",
        &["deescalate", "1", "--level", "L1", "--reason", "x"],
        4,
    );
    assert!(
        err.contains("hint: `esc escalate 1 --level L1` takes it up"),
        "{err}"
    );
    let show = q.ok("ann", "10:00", &["show", "1"]);
    for said in [
        "dana   de-escalated: L2 → L1, escalations → support;",
        "“the bank's own mistake”",
        "bob    de-escalated: L1 → L0; assignee bob → —",
    ] {
        assert!(show.contains(said), "missing {said:?} in\n{show}");
    }
    let kinds: Vec<String> = q
        .events(1)
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["opened", "escalated", "deescalated", "deescalated"]);
    // Counted apart: still one escalation, and two de-escalations.
    let report = q.ok("dana", "12:00", &["report", "--since", "2026-11-23"]);
    assert!(
        report.contains(
            "Escalations  1 of 1 tickets (100.0%): 1 functional, 1 hierarchical, 0 automatic"
        ) && report.contains("· 2 de-escalations"),
        "{report}"
    );
    // At L0 a resolution needs no sign-off.
    q.ok(
        "bob",
        "10:30",
        &[
            "resolve",
            "1",
            "--summary",
            "refunded",
            "--root-cause",
            "process",
        ],
    );
    assert_eq!(q.ticket(1)["status"], "resolved");
}
