//! Bad input of every kind: a clear error, a non-zero exit that says which
//! kind, and no damage.

use super::support::Queue;

#[test]
fn an_unknown_ticket_exits_3() {
    let q = Queue::new();
    q.open("09:00", "t", &[]);
    for args in [
        &["show", "99"][..],
        &["escalate", "99", "--up", "--reason", "r"],
        &["note", "99", "x"],
    ] {
        let err = q.fails("ann", "10:00", args, 3);
        assert!(err.contains("error: no ticket #99"), "{err}");
        assert!(err.contains("hint: `esc list --all`"), "{err}");
    }
}

#[test]
fn a_malformed_clock_is_a_usage_error_from_flag_or_environment() {
    let q = Queue::empty();
    let out = q
        .bare()
        .arg("--db")
        .arg(q.db())
        .args(["--now", "tomorrow", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("invalid value 'tomorrow' for '--now <RFC3339>'"),
        "{err}"
    );
    assert!(
        err.contains("RFC 3339 instant such as 2026-11-23T09:00:00Z"),
        "{err}"
    );

    let out = q
        .bare()
        .arg("--db")
        .arg(q.db())
        .env("ESC_NOW", "2026-13-01")
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!q.exists(), "nothing is created on a usage error");
}

#[test]
fn unknown_flags_and_commands_exit_2() {
    let q = Queue::new();
    assert_eq!(
        q.bare().arg("frobnicate").output().unwrap().status.code(),
        Some(2)
    );
    assert_eq!(
        q.bare()
            .args(["list", "--colour"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    let help = q.bare().arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8(help.stdout).unwrap();
    assert!(
        text.contains("Exit codes:") && text.contains("3  no such ticket"),
        "{text}"
    );
}

#[test]
fn a_file_that_is_not_a_queue_is_refused_untouched() {
    let q = Queue::new();
    let notes = q.path("notes.txt");
    let text = "my notes\n".repeat(100);
    std::fs::write(&notes, &text).unwrap();
    let out = q
        .bare()
        .arg("--db")
        .arg(&notes)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("is not an esc queue: it is not a SQLite database"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), text);

    let foreign = q.path("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let out = q
        .bare()
        .arg("--db")
        .arg(&foreign)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("a SQLite database but not an esc queue")
    );

    let out = q
        .bare()
        .arg("--db")
        .arg(q.dir.path())
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
}

#[test]
fn a_queue_from_a_newer_esc_is_refused() {
    let q = Queue::new();
    q.open("09:00", "t", &[]);
    q.pretend_newer(1000);
    let err = q.fails("ann", "10:00", &["list"], 6);
    assert!(
        err.contains("was written by a newer esc (queue schema version 1000"),
        "{err}"
    );
    assert!(err.contains("hint: upgrade esc"), "{err}");
}

#[test]
fn an_unreadable_or_invalid_policy_exits_5_and_names_the_place() {
    let q = Queue::new();
    for args in [
        &["policy", "apply", "missing.toml"][..],
        &["tick", "--dry-run", "--policy", "missing.toml"],
    ] {
        let err = q.fails("ann", "09:00", args, 5);
        assert!(
            err.contains("missing.toml: cannot read the policy file"),
            "{err}"
        );
    }
    std::fs::write(
        q.path("bad.toml"),
        std::fs::read_to_string(super::support::repo_file("sample-policies/default.toml"))
            .unwrap()
            .replace("level = \"L1\"", "level = \"L7\""),
    )
    .unwrap();
    let err = q.fails("ann", "09:00", &["policy", "apply", "bad.toml"], 5);
    let history = q.json("ann", "09:00", &["policy", "history"]);
    assert_eq!(history.as_array().unwrap().len(), 1, "nothing was applied");
    let err = err.replace("bad.toml", "policy.toml");
    assert!(
        err.contains("error: undefined level `L7` (defined: L0, L1, L2, L3)"),
        "{err}"
    );
    assert!(err.contains("policy.toml:"), "{err}");
    assert!(err.contains("^^^^"), "{err}");
}

/// The address grammar allows more than mail servers deliver to: a quoted
/// local part, a bracketed address. Refused once, at input, rather than
/// retried at every delivery until given up.
#[test]
fn an_address_mail_is_not_delivered_to_is_refused_at_input() {
    let q = Queue::new();
    for address in ["\"a b\"@x", "\"a,b@evil.com\"@x", "a@[127.0.0.1]"] {
        let err = q.fails(
            "ann",
            "09:00",
            &[
                "open",
                "--title",
                "t",
                "--customer",
                "c",
                "--channel",
                "email",
                "--category",
                "technical",
                "--email",
                address,
            ],
            2,
        );
        assert!(
            err.starts_with(&format!(
                "error: `{address}` is not an address mail is delivered to (quoted names and bracketed addresses are not taken): write it as name@example.com"
            )),
            "{err}"
        );
    }
    let listed = q.json("ann", "09:01", &["list", "--all"]);
    assert_eq!(listed.as_array().unwrap().len(), 0, "nothing was opened");
    q.open(
        "09:02",
        "plain",
        &["--email", "maria.lopez+esc@mail.example.com"],
    );
}

/// A line break in a customer's name once forged a "status resolved" row
/// in `esc show`: fields shown on one line refuse line breaks of every
/// kind where an agent types them.
#[test]
fn a_line_break_in_a_title_or_a_customers_name_is_refused_at_input() {
    let q = Queue::new();
    let id = q.open("09:00", "plain", &[]).to_string();
    for brk in ["\n", "\r", "\u{2028}", "\u{2029}", "\u{85}"] {
        let forged = format!("Maria{brk} status    resolved");
        let open = [
            "open",
            "--title",
            "t",
            "--customer",
            &forged,
            "--channel",
            "email",
            "--category",
            "technical",
        ];
        let err = q.fails("ann", "09:10", &open, 2);
        assert!(
            err.starts_with(
                "error: the customer's name holds a line break; it is shown on one line"
            ),
            "{brk:?}: {err}"
        );
        let err = q.fails("ann", "09:10", &["edit", &id, "--title", &forged], 2);
        assert!(
            err.starts_with("error: the title holds a line break"),
            "{brk:?}: {err}"
        );
    }
    assert_eq!(q.ticket(1)["title"], "plain");
    assert_eq!(
        q.json("ann", "09:20", &["list", "--all"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
