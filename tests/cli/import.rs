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
        "tick 2026-11-02T13:05:00Z: 1 escalation, 1 breach, 1 warning on 1 ticket; notify dana (1)\n"
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
