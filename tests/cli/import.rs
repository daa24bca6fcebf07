//! `esc import`: an export put back, byte for byte; all or nothing; the
//! old help desk's past fires nothing.

use serde_json::Value;

use super::support::{Queue, printed};

pub(crate) const NOW: &str = "2026-11-25T12:00:00Z";

/// The default policy, then a second version, with people reached by a
/// mailbox and customers sent updates; tickets in every state.
pub(crate) fn busy_queue() -> Queue {
    let q = Queue::with_default_and(|q| {
        format!(
            "[people.dana]\nmailbox = {:?}\n\n[[customer_updates]]\nid = \"moved\"\non = \"escalated\"\n\
             subject = \"#{{ticket}}\"\ntext = \"{{team}}\"\n\n[delivery]\nbackground = false\n\n\
             [delivery.smtp]\nhost = \"127.0.0.1\"\nport = 9\ntls = \"none\"\nfrom = \"esc@example.com\"\n",
            q.path("dana.mbox").display().to_string()
        )
    });
    q.open("09:00", "never answered", &[]);
    q.open("09:00", "answered", &["--email", "maria@example.com"]);
    q.ok("ann", "09:10", &["respond", "2", "hello"]);
    q.ok(
        "ann",
        "09:20",
        &[
            "escalate",
            "2",
            "--team",
            "technical",
            "--to",
            "rita",
            "-r",
            "sso",
        ],
    );
    q.ok(
        "rita",
        "10:00",
        &[
            "resolve",
            "2",
            "--summary",
            "fixed",
            "--root-cause",
            "product-bug",
        ],
    );
    q.ok("ann", "10:05", &["csat", "2", "1"]);
    q.open("11:00", "pending", &["--tag", "vip"]);
    q.ok("ann", "11:05", &["pending", "3", "--reason", "waiting"]);
    q.ok("cron", "16:00", &["tick"]);
    // A second policy version, applied the next day.
    let text = std::fs::read_to_string(q.path("policy.toml")).unwrap();
    std::fs::write(
        q.path("v2.toml"),
        text.replace("first_response = \"4h\"", "first_response = \"2h\""),
    )
    .unwrap();
    q.apply("v2.toml", "2026-11-24T09:00:00Z");
    q.open("2026-11-24T10:00:00Z", "under v2", &[]);
    q.ok("cron", NOW, &["tick"]);
    q
}

fn esc_on(q: &Queue, db: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> std::process::Output {
    q.on(db, "ann", NOW, args).output().unwrap()
}

#[test]
fn an_export_imported_into_a_new_queue_exports_the_same_bytes() {
    let q = busy_queue();
    let first = q.ok("ann", NOW, &["export"]);
    assert!(first.lines().count() == 5, "{first}");
    std::fs::write(q.path("queue.jsonl"), &first).unwrap();

    let copy = q.another("copy.db");
    let out = esc_on(
        &q,
        &copy,
        &["import", q.path("queue.jsonl").to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.starts_with("imported 4 tickets with "), "{said}");
    let again = esc_on(&q, &copy, &["export"]);
    assert_eq!(
        String::from_utf8(again.stdout).unwrap(),
        first,
        "the round trip changes nothing"
    );
    // The figures re-derived from the logs are the same, and nothing is due.
    let report = |db: &str| {
        String::from_utf8(esc_on(&q, db, &["--json", "report", "--since", "2026-11-20"]).stdout)
            .unwrap()
    };
    assert_eq!(report(&copy), report(&q.db()));
    let tick = esc_on(&q, &copy, &["tick"]);
    assert_eq!(
        String::from_utf8(tick.stdout).unwrap(),
        "",
        "nothing fires twice"
    );

    // Into a queue with tickets of its own (here: the same four), the
    // imported ones get new numbers, and their notifications follow them.
    let out = esc_on(
        &q,
        q.db(),
        &["import", q.path("queue.jsonl").to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout).unwrap().ends_with(
        "the queue held tickets already, so the imported ones have new numbers:\n  \
             #1 is now #5\n  #2 is now #6\n  #3 is now #7\n  #4 is now #8\n"
    ));
    let twin = |id: &str| {
        let v = q.json("ann", NOW, &["show", id]);
        let kinds: Vec<Value> = v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].clone())
            .collect();
        (
            v["ticket"]["title"].clone(),
            kinds,
            v["notifications"].as_array().unwrap().len(),
        )
    };
    assert_eq!(twin("6"), twin("2"));
    assert_eq!(twin("5"), twin("1"));
    let tick = esc_on(&q, q.db(), &["tick"]);
    assert_eq!(
        String::from_utf8(tick.stdout).unwrap(),
        "",
        "their rule keys came with them"
    );
}

#[test]
fn a_bad_line_is_named_and_nothing_is_imported() {
    let q = busy_queue();
    let mut lines: Vec<String> = q
        .ok("ann", NOW, &["export"])
        .lines()
        .map(String::from)
        .collect();
    lines[3] = lines[3].replacen("\"status\":\"pending\"", "\"status\":\"sleeping\"", 1);
    assert!(lines[3].contains("sleeping"));
    std::fs::write(q.path("bad.jsonl"), lines.join("\n") + "\n").unwrap();
    let copy = q.path("copy.db");
    let out = esc_on(
        &q,
        &copy,
        &["import", q.path("bad.jsonl").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("{}:4:", q.path("bad.jsonl").display()))
            && err.contains("unknown variant `sleeping`"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let held: (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM policies)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(held, (0, 0), "all or nothing");
}

/// `n` unanswered tickets opened at 09:00, exported a minute later to
/// `file` in the queue's directory.
fn exported(q: &Queue, n: usize, file: &str) {
    let source = q.path("source.db");
    {
        let mut store = esc::sample::new_queue(&esc::store::Location::file(&source)).unwrap();
        let policy = esc::policy::Policy::embedded();
        let t0 = esc::clock::parse_instant("2026-11-23T09:00:00Z").unwrap();
        store
            .import(&mut (0..n).map(|i| esc::sample::unanswered(&policy, i, t0)))
            .unwrap();
    }
    let export = q
        .on(&source, "ann", "2026-11-23T09:01:00Z", &["export"])
        .output()
        .unwrap();
    assert!(export.status.success());
    std::fs::write(q.path(file), &export.stdout).unwrap();
}

/// An export read long after it was written: every ticket's steps are
/// overdue. A faithful import leaves them to the next tick, as the old
/// queue's next tick would have fired them; `--settle-overdue` keeps
/// that past quiet instead.
#[test]
fn importing_overdue_tickets_fires_them_at_the_next_tick_unless_settled() {
    let q = Queue::new();
    exported(&q, 1000, "old.jsonl");
    let file = q.path("old.jsonl");
    let later = "2026-11-26T09:00:00Z";
    let import = |db: &str, extra: &[&str]| {
        let mut cmd = q.on(q.path(db), "ann", later, &["import"]);
        cmd.arg(&file).args(extra);
        printed(cmd)
    };
    let counts = |db: &str| -> (i64, i64, i64, i64) {
        let conn = rusqlite::Connection::open(q.path(db)).unwrap();
        conn.query_row(
            "SELECT (SELECT count(*) FROM events WHERE kind = 'breached'),
                    (SELECT count(*) FROM outbox),
                    (SELECT count(*) FROM events WHERE kind = 'escalated'),
                    (SELECT count(*) FROM events WHERE kind = 'imported')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap()
    };
    let tick = |db: &str| {
        let out = q
            .on(q.path(db), "cron", "2026-11-26T09:05:00Z", &["tick"])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };

    // Settled: the past is marked, the breaches it held are kept as
    // facts, and the next tick fires nothing and tells nobody.
    let said = import("quiet.db", &["--settle-overdue"]);
    assert!(
        said.ends_with(
            "1000 had steps or triggers already due: marked imported, they fire nothing\n"
        ),
        "{said}"
    );
    assert_eq!(tick("quiet.db"), "", "the next tick fires nothing");
    let (breaches, outbox, escalations, imported) = counts("quiet.db");
    assert_eq!((outbox, escalations, imported), (0, 0, 1000));
    assert!(
        breaches >= 1000,
        "breaches that happened are facts: {breaches}"
    );

    // Faithful: nothing is added at the import; the next tick does what
    // the old queue's would have, two steps for each.
    let said = import("moved.db", &[]);
    assert_eq!(
        said,
        "imported 1000 tickets with 1000 events from ".to_string()
            + &file.display().to_string()
            + "\n"
    );
    assert_eq!(counts("moved.db"), (0, 0, 0, 0));
    let ticked = tick("moved.db");
    assert!(
        ticked.starts_with(
            "tick 2026-11-26T09:05:00Z: 2000 escalations, 1000 breaches, 1000 warnings on 1000 tickets; notify dana (2000)"
        ),
        "{ticked}"
    );
    let (_, outbox, escalations, imported) = counts("moved.db");
    assert_eq!((outbox, escalations, imported), (2000, 2000, 0));
}

/// README's move of a team: exported while a step had come due and cron
/// had not ticked yet, imported into a new queue, the new queue holds
/// exactly what the old held and its next tick does what the old one's
/// does.
#[test]
fn a_move_loses_no_step() {
    let q = Queue::empty();
    let a = q.another("a.db");
    let b = q.another("b.db");
    let run = |db: &str, when: &str, args: &[&str]| printed(q.on(db, "ann", when, args));
    run(&a, "2026-11-02T08:00:00Z", &["init"]);
    run(
        &a,
        "2026-11-02T09:00:00Z",
        &[
            "open",
            "--title",
            "nobody answers",
            "--customer",
            "Maria",
            "--channel",
            "email",
            "--category",
            "technical",
        ],
    );
    // A step came due at 13:00; cron has not ticked yet.
    let export = run(&a, "2026-11-02T13:04:00Z", &["export"]);
    std::fs::write(q.path("x.jsonl"), &export).unwrap();
    let said = run(
        &b,
        "2026-11-02T13:04:00Z",
        &["import", q.path("x.jsonl").to_str().unwrap()],
    );
    assert!(!said.contains("marked imported"), "{said}");
    assert_eq!(
        run(&b, "2026-11-02T13:04:00Z", &["export"]),
        export,
        "the new queue exports the same bytes"
    );
    let old = run(&a, "2026-11-02T13:05:00Z", &["tick"]);
    assert_eq!(
        old,
        "tick 2026-11-02T13:05:00Z: 1 escalation, 1 breach, 1 warning on 1 ticket; notify dana (1)\n\
         1 notification for dana waits: the policy gives no way to reach dana (add [people.dana] with an email, a webhook, a command or a mailbox)\n"
    );
    assert_eq!(run(&b, "2026-11-02T13:05:00Z", &["tick"]), old);
    assert_eq!(
        run(&b, "2026-11-02T13:06:00Z", &["export"]),
        run(&a, "2026-11-02T13:06:00Z", &["export"]),
        "and after the tick, the two queues are one"
    );
}

#[test]
fn an_import_killed_midway_leaves_the_queue_as_it_was() {
    use std::os::unix::process::ExitStatusExt;
    let q = Queue::new();
    exported(&q, 20_000, "big.jsonl");
    let target = q.path("target.db");
    let mut child = q
        .on(&target, "ann", "2026-11-23T09:02:00Z", &["import"])
        .arg(q.path("big.jsonl"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed once its transaction has written a good part into the journal.
    let wal = q.path("target.db-wal");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::fs::metadata(&wal).map_or(0, |m| m.len()) < 2 << 20 {
        assert!(
            std::time::Instant::now() < deadline,
            "the import never got going"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import finished before it could be killed"
        );
        std::thread::yield_now();
    }
    child.kill().unwrap();
    assert_eq!(child.wait().unwrap().signal(), Some(9));
    let conn = rusqlite::Connection::open(&target).unwrap();
    let (tickets, check): (i64, String) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM tickets), (SELECT integrity_check FROM pragma_integrity_check)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((tickets, check.as_str()), (0, "ok"));
}

/// README's move to a server starts with `esc init` there: the queue it
/// made governs no ticket yet, and takes the export's history of
/// policies, metadata and all, in place of its own, saying so.
#[test]
fn an_import_into_a_queue_made_by_init_takes_the_exports_policy_history() {
    let q = Queue::new();
    std::fs::write(
        q.path("manual.toml"),
        std::fs::read_to_string(super::support::repo_file(
            "tests/policies/valid/manual.toml",
        ))
        .unwrap(),
    )
    .unwrap();
    q.apply("manual.toml", "2026-02-01T00:00:00Z");
    q.open("09:00", "kept", &[]);
    let export = printed(q.esc("ann", "10:00", &["export"]));
    std::fs::write(q.path("team.jsonl"), &export).unwrap();

    let target = q.another("target.db");
    printed(q.on(&target, "admin", "2026-06-01T00:00:00Z", &["init"]));
    let said = printed(q.on(
        &target,
        "admin",
        "10:00",
        &["import", q.path("team.jsonl").to_str().unwrap()],
    ));
    assert!(
        said.contains(
            "the queue governed no ticket yet: its 1 policy version gave way to the export's 2, version 2 in force\n"
        ),
        "{said}"
    );
    let history = |db: &str| printed(q.on(db, "dana", "10:00", &["--json", "policy", "history"]));
    assert_eq!(history(&target), history(&q.db()));
    assert_eq!(printed(q.on(&target, "ann", "10:00", &["export"])), export);
    // Once it governs a ticket, a queue's versions are history.
    let again = q
        .on(
            &target,
            "admin",
            "10:00",
            &["import", q.path("team.jsonl").to_str().unwrap()],
        )
        .output()
        .unwrap();
    assert!(again.status.success());
    assert_eq!(history(&target), history(&q.db()));
}

/// An export file is untrusted input: each crafted line below is refused
/// at its FILE:LINE with what is wrong, and nothing is imported.
#[test]
fn imports_are_input_checked_like_input() {
    let q = busy_queue();
    let export = q.ok("ann", NOW, &["export"]);
    let lines: Vec<Value> = export
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Line 3 is ticket #2: answered, escalated to rita, resolved, rated,
    // reopened by the low score, with customer updates for maria.
    let crafted = |change: &dyn Fn(&mut Vec<Value>)| {
        let mut lines = lines.clone();
        change(&mut lines);
        lines
            .iter()
            .map(|l| serde_json::to_string(l).unwrap() + "\n")
            .collect::<String>()
    };
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "a waiting customer update to an address the ticket never had",
            crafted(&|l| {
                let n = &mut l[2]["notifications"][0];
                assert_eq!(n["status"], "pending");
                n["name"] = "attacker@evil.example".into();
            }),
            "queue.jsonl:3:1: ticket #2: notification 1 waits to go to `attacker@evil.example`, whom neither the ticket nor the policy names; esc sends nothing to someone an export alone names",
        ),
        (
            "a 5 MB title",
            crafted(&|l| l[1]["ticket"]["title"] = "x".repeat(5 << 20).into()),
            "queue.jsonl:2:1: ticket #1: the title is 5242880 bytes long; esc keeps at most 1000",
        ),
        (
            "an assignee with an escape byte",
            crafted(&|l| l[2]["ticket"]["assignee"] = "ri\u{1b}[2Jta".into()),
            "queue.jsonl:3:1: ticket #2: invalid name `ri\\e[2Jta`",
        ),
        (
            "a tag with a space",
            crafted(&|l| l[3]["ticket"]["tags"] = serde_json::json!(["v ip"])),
            "queue.jsonl:4:1: ticket #3: invalid tag `v ip`",
        ),
        (
            "an address that is none",
            crafted(&|l| l[2]["ticket"]["email"] = "\"a,b@evil.com\"@x".into()),
            "queue.jsonl:3:1: ticket #2: `\"a,b@evil.com\"@x` is not an address mail is delivered to",
        ),
        (
            "an event dated before the opening",
            crafted(&|l| l[2]["events"][1]["at"] = "2026-11-23T08:00:00Z".into()),
            "queue.jsonl:3:1: ticket #2: event 3 (responded) is dated 2026-11-23T08:00:00Z, before the event it follows (2026-11-23T09:00:00Z)",
        ),
        (
            "a status without the event that makes it",
            crafted(&|l| l[1]["ticket"]["status"] = "resolved".into()),
            "queue.jsonl:2:1: ticket #1: its status is `resolved`, where its log leads to `open`",
        ),
        (
            "an older policy version that writes to the terminal",
            crafted(&|l| {
                let text = "name = \"x\u{1b}]0;PWNED\u{7}\u{1b}[2J\"\n";
                l[0]["policies"][0]["text"] = text.into();
                l[0]["policies"][0]["digest"] = esc::policy::digest_of(text).into();
            }),
            "queue.jsonl:1:1: policy version 1: its text holds control characters",
        ),
        (
            "a ticket twice",
            crafted(&|l| {
                let again = l[1].clone();
                l.push(again);
            }),
            "queue.jsonl:6:1: ticket #1 appears twice in the export",
        ),
    ];
    for (what, text, error) in cases {
        std::fs::write(q.path("queue.jsonl"), text).unwrap();
        let target = q.path(&format!("{}.db", what.replace(' ', "-")));
        let out = q
            .on(&target, "ann", NOW, &["import", "queue.jsonl"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: {error}")),
            "{what}:\n{stderr}"
        );
        assert!(
            stderr.contains("hint: nothing was imported"),
            "{what}: {stderr}"
        );
        if target.exists() {
            let conn = rusqlite::Connection::open(&target).unwrap();
            let held: i64 = conn
                .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))
                .unwrap();
            assert_eq!(held, 0, "{what}: nothing was imported");
        }
    }
    // Bytes that are not UTF-8 are named where they go wrong.
    let mut bytes = export.clone().into_bytes();
    let second = export.find('\n').unwrap() + 12;
    bytes[second] = 0xff;
    std::fs::write(q.path("queue.jsonl"), bytes).unwrap();
    let out = q
        .on(q.path("utf8.db"), "ann", NOW, &["import", "queue.jsonl"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().next().unwrap(),
        "error: queue.jsonl:2:12: the line is not UTF-8 text"
    );
}
