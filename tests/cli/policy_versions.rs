//! The queue keeps its policy: `esc policy apply` makes a version, every
//! command uses the version in force, and a new version never rewrites what
//! is settled.

use super::support::{Backend, Queue, Sql, backend, repo_file, rule_by_id};

fn default_text() -> String {
    std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap()
}

/// The default policy with one edit, written into the queue's directory.
fn variant(q: &Queue, name: &str, from: &str, to: &str) {
    let text = default_text();
    assert!(text.contains(from), "the default has `{from}`");
    std::fs::write(q.path(name), text.replace(from, to)).unwrap();
}

fn automatic_rules(q: &Queue, id: i64) -> Vec<String> {
    q.events(id)
        .iter()
        .filter(|e| e["automatic"] == true)
        .map(|e| format!("{} {}", e["kind"].as_str().unwrap(), rule_by_id(e).unwrap()))
        .collect()
}

#[test]
fn cron_runs_the_queues_policy_whatever_its_environment_says() {
    let q = Queue::new();
    q.open("09:00", "no reply", &[]);
    variant(
        &q,
        "tight.toml",
        "first_response = \"4h\"",
        "first_response = \"1h\"",
    );
    let applied = q.apply("tight.toml", "09:10");
    assert!(applied.contains("is now version 2"), "{applied}");
    // cron's environment has no ESC_POLICY at all: it still breaches at 10:00.
    let tick = q.ok("cron", "10:30", &["tick"]);
    assert!(tick.contains("1 breach"), "{tick}");

    // A manager's draft exported in the shell is not used by writes: a
    // warning says so, once, and the queue's version governs.
    variant(
        &q,
        "draft.toml",
        "first_response = \"4h\"",
        "first_response = \"8h\"",
    );
    let out = q
        .esc("ann", "10:40", &["note", "1", "called"])
        .env("ESC_POLICY", q.path("draft.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert!(
        err.contains("ESC_POLICY names") && err.contains("using version 2 of the queue's"),
        "{err}"
    );
    assert!(err.contains("hint: `esc policy apply"), "{err}");
}

#[test]
fn a_write_given_another_policy_file_is_refused_with_a_hint() {
    let q = Queue::new();
    variant(
        &q,
        "draft.toml",
        "first_response = \"4h\"",
        "first_response = \"8h\"",
    );
    let out = q
        .esc(
            "ann",
            "09:00",
            &["open", "-t", "x", "-c", "acme", "--channel", "email"],
        )
        .args(["--category", "technical", "--policy", "draft.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("is not the queue's policy (version 1 is in force)"),
        "{err}"
    );
    assert!(err.contains("hint: `esc policy apply draft.toml`"), "{err}");
    // The same file with the same text as the queue's is no conflict.
    std::fs::write(q.path("same.toml"), default_text()).unwrap();
    let out = q
        .esc("ann", "09:00", &["tick", "--policy", "same.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "",
        "not even a warning"
    );
}

#[test]
fn applying_the_same_text_again_changes_nothing_and_history_lists_each_version() {
    let q = Queue::with_policy(&default_text());
    variant(
        &q,
        "tight.toml",
        "first_response = \"4h\"",
        "first_response = \"2h\"",
    );
    let out = q.ok(
        "dana",
        "10:00",
        &["policy", "apply", "tight.toml", "--message", "gold first"],
    );
    assert!(out.contains("now version 2"), "{out}");
    let again = q.ok("dana", "11:00", &["policy", "apply", "tight.toml"]);
    assert!(
        again.contains("nothing to apply")
            && again.contains("already the queue's policy (version 2"),
        "{again}"
    );
    let history = q.json("ann", "12:00", &["policy", "history"]);
    let versions = history.as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1]["applied_by"], "dana");
    assert_eq!(versions[1]["applied_at"], "2026-11-23T10:00:00Z");
    assert_eq!(versions[1]["message"], "gold first");
    let table = q.ok("ann", "12:00", &["policy", "history"]);
    assert!(
        table.contains("2 (in force)") && table.contains("gold first"),
        "{table}"
    );
    // Each version's text is kept, and the digest events record leads to it.
    let v1 = q.ok(
        "ann",
        "12:00",
        &["policy", "show", "--version", "1", "--toml"],
    );
    assert_eq!(v1, default_text());
    let digest = versions[0]["digest"].as_str().unwrap();
    assert_eq!(digest.len(), 64);
    let err = q.fails("ann", "12:00", &["policy", "show", "--version", "9"], 2);
    assert!(err.contains("no policy version 9"), "{err}");
}

#[test]
fn renaming_a_step_between_ticks_does_not_fire_it_again() {
    let q = Queue::new();
    q.open("09:00", "no reply", &[]);
    q.ok("cron", "13:00", &["tick"]);
    assert_eq!(q.ticket(1)["level"], "L1");
    variant(
        &q,
        "renamed.toml",
        "id = \"senior\"",
        "id = \"senior-agent\"",
    );
    q.apply("renamed.toml", "13:02");
    let out = q.ok("cron", "13:05", &["tick"]);
    assert_eq!(out, "", "nothing is due");
    assert_eq!(q.ticket(1)["level"], "L1", "escalated once, not twice");
    let escalations = q
        .events(1)
        .iter()
        .filter(|e| e["kind"] == "escalated")
        .count();
    assert_eq!(escalations, 1);
}

#[test]
fn a_resolved_ticket_keeps_the_sla_outcome_it_was_resolved_with() {
    let q = Queue::new();
    q.open("09:00", "answered in time", &[]);
    q.ok("ann", "11:00", &["respond", "1", "on it"]);
    q.ok(
        "ann",
        "11:30",
        &[
            "resolve",
            "1",
            "--summary",
            "fixed",
            "--root-cause",
            "process",
        ],
    );
    variant(
        &q,
        "tight.toml",
        "first_response = \"4h\"",
        "first_response = \"1h\"",
    );
    q.apply("tight.toml", "12:00");
    q.ok("ann", "12:30", &["note", "1", "customer said thanks"]);
    q.ok("cron", "13:00", &["tick"]);
    let kinds = q.kinds(1);
    assert!(
        !kinds.iter().any(|k| k == "warned" || k == "breached"),
        "{kinds:?}"
    );
    let show = q.json("ann", "13:00", &["show", "1"]);
    let first = show["sla"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["clock"] == "first-response")
        .unwrap()
        .clone();
    assert_eq!(first["standing"], "met", "{first}");
    assert_eq!(show["ticket"]["stats"]["first_response"], "met");
    let report = q.json("ann", "13:00", &["report", "sla", "--since", "2026-11-23"]);
    let text = report.to_string();
    assert!(!text.contains("\"breached\":1"), "{text}");

    // An open ticket does follow the new version: it breaches at its new
    // due instant, a fact of the timestamps, even though that was before
    // the version took over; the step anchored on it fires at the takeover.
    q.open("2026-11-24T09:00:00Z", "nobody answers", &[]);
    variant(
        &q,
        "tighter.toml",
        "first_response = \"4h\"",
        "first_response = \"30m\"",
    );
    q.apply("tighter.toml", "2026-11-24T09:45:00Z");
    q.ok("cron", "2026-11-24T10:00:00Z", &["tick"]);
    let events = q.events(2);
    let breach = events.iter().find(|e| e["kind"] == "breached").unwrap();
    assert_eq!(breach["due_at"], "2026-11-24T09:30:00Z");
    let step = events.iter().find(|e| e["kind"] == "escalated").unwrap();
    assert_eq!(
        step["due_at"], "2026-11-24T09:45:00Z",
        "dated at the takeover, not back-dated"
    );
    assert_eq!(
        automatic_rules(&q, 2)
            .iter()
            .filter(|r| r.contains("senior"))
            .count(),
        1
    );
}

#[test]
fn a_dry_run_with_a_candidate_says_so_and_writes_nothing() {
    let q = Queue::new();
    q.open("09:00", "no reply", &[]);
    variant(
        &q,
        "tight.toml",
        "first_response = \"4h\"",
        "first_response = \"1h\"",
    );
    let out = q.ok(
        "cron",
        "10:30",
        &["tick", "--dry-run", "--policy", "tight.toml"],
    );
    assert!(
        out.starts_with("candidate policy `default` from tight.toml (the queue runs version 1); nothing is written"),
        "{out}"
    );
    assert!(out.contains("would apply to #1"), "{out}");
    let json = q.ok(
        "cron",
        "10:30",
        &["--json", "tick", "--dry-run", "--policy", "tight.toml"],
    );
    let first: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!(
        (&first["candidate"], &first["dry_run"]),
        (&true.into(), &true.into())
    );
    assert_eq!(q.kinds(1), ["opened"]);
    let explain = q.ok(
        "ann",
        "10:30",
        &["policy", "explain", "1", "--policy", "tight.toml"],
    );
    assert!(
        explain.lines().next().unwrap().contains(
            "candidate policy `default` from tight.toml (not applied; nothing is written)"
        ),
        "{explain}"
    );
    let history = q.json("ann", "10:30", &["policy", "history"]);
    assert_eq!(history.as_array().unwrap().len(), 1);
}

#[test]
fn a_queue_without_a_policy_in_force_refuses_writes_until_one_is_applied() {
    let q = Queue::new();
    q.open("09:00", "from before the upgrade", &[]);
    // What an upgrade leaves when another policy made the queue's history.
    let lift_guard = match backend() {
        Backend::Sqlite => "DROP TRIGGER policies_are_append_only_delete",
        Backend::Postgres => "ALTER TABLE policies DISABLE TRIGGER policies_are_append_only",
    };
    q.execute(&format!("{lift_guard}; DELETE FROM policies;"), &[])
        .unwrap();
    // Reading commands still read it, by the embedded default, saying so.
    for args in [
        &["list"][..],
        &["show", "1"],
        &["policy", "history"],
        &["policy", "show"],
        &["policy", "explain", "1"],
        &["inbox", "--for", "dana"],
    ] {
        let out = q.esc("ann", "10:00", args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(
            err.starts_with(&format!(
                "warning: the queue `{}` holds no policy; it is shown by esc's embedded default",
                q.db()
            )),
            "{args:?}: {err}"
        );
    }
    assert!(
        q.ok("ann", "10:00", &["list"])
            .contains("from before the upgrade")
    );
    for args in [&["tick"][..], &["note", "1", "hello"]] {
        let err = q.fails("cron", "10:00", args, 5);
        assert!(err.contains("holds no policy"), "{err}");
        assert!(
            err.contains("hint: apply the policy the team used: `esc policy apply FILE`"),
            "{err}"
        );
    }
    std::fs::write(q.path("team.toml"), default_text()).unwrap();
    q.apply("team.toml", "10:05");
    q.ok("ann", "10:10", &["note", "1", "hello"]);
}

/// A version an older esc accepted and this one refuses (here: `notify`
/// naming nobody the policy knows) stops the queue's commands with exit 5
/// and the place, but its text can still be printed, fixed and applied.
#[test]
fn a_stored_version_this_esc_refuses_can_be_printed_fixed_and_applied() {
    let q = Queue::manual();
    q.open("09:00", "before", &[]);
    let good = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    let typo = good.replacen("notify = [\"director\"]", "notify = [\"direktor\"]", 1);
    assert_ne!(typo, good, "the default policy changed");
    q.execute(
        "INSERT INTO policies (version, digest, text, applied_by, applied_at, message)
         VALUES (2, ?1, ?2, 'older-esc', ?3, 'applied by an esc that did not check notify')",
        &[
            Sql::Text(esc::policy::digest_of(&typo)),
            Sql::Text(typo.clone()),
            Sql::Int(
                chrono::DateTime::parse_from_rfc3339("2026-11-23T09:30:00Z")
                    .unwrap()
                    .timestamp(),
            ),
        ],
    )
    .unwrap();

    let err = q.fails("ann", "10:00", &["list"], 5);
    assert!(err.contains("policy version 2:"), "{err}");
    assert!(err.contains("`notify` names `direktor`"), "{err}");
    assert_eq!(q.ok("ann", "10:00", &["policy", "show", "--toml"]), typo);

    std::fs::write(q.path("fixed.toml"), &good).unwrap();
    q.apply("fixed.toml", "10:05");
    let list = q.ok("ann", "10:10", &["list"]);
    assert!(list.contains("before"), "{list}");
}
