//! Recurring tickets: the policy's schedules opened by `esc tick`, each
//! occurrence once by its key in the queue's ledger, whatever ticks
//! overlap; after a week without ticks, all or only the latest.

use std::process::Stdio;

use super::support::{Queue, repo_file};

/// The default policy with `recurring` after it, applied at the start of
/// 2026-11-23: the schedules count from then.
fn queue_with(recurring: &str) -> Queue {
    let q = Queue::new();
    let default = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    std::fs::write(
        q.path("recurring.toml"),
        format!(
            "{default}\n[[calendars]]\nid = \"office\"\ntimezone = \"Europe/Berlin\"\n\
             hours = {{ mon-fri = [\"08:00-18:00\"] }}\nholidays = [\"2026-12-07\"]\n\n{recurring}"
        ),
    )
    .unwrap();
    q.apply("recurring.toml", "2026-11-23T00:00:00Z");
    q
}

const MONTHLY: &str = "[[recurring]]\nid = \"matrix-review\"\ntitle = \"Review the escalation matrix\"\n\
    every = \"month\"\non = \"first monday\"\nat = \"09:00\"\ncalendar = \"office\"\n\
    team = \"escalations\"\ncategory = \"general\"\ntags = [\"internal\"]\n";

fn titles(q: &Queue, when: &str) -> Vec<String> {
    let listed = q.ok("ann", when, &["list", "--all", "--format", "tsv"]);
    let header: Vec<&str> = listed.lines().next().unwrap().split('\t').collect();
    let col = header.iter().position(|h| *h == "title").unwrap();
    listed
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(col).unwrap().to_string())
        .collect()
}

#[test]
fn a_monthly_ticket_opens_once_on_its_calendar_however_many_ticks_run() {
    let q = queue_with(MONTHLY);
    // The first Monday of December is a holiday on the office calendar:
    // the occurrence opens when the office does, Tuesday 08:00 in Berlin.
    let dry = q.ok("cron", "2026-12-07T12:00:00Z", &["tick", "--dry-run"]);
    assert_eq!(
        dry,
        "next: recurring matrix-review on 2026-12-07, due 2026-12-08T07:00:00Z \
         (the first Monday of each month at 09:00)\n"
    );
    let said = q.ok("cron", "2026-12-08T07:05:00Z", &["tick"]);
    assert_eq!(
        said.lines().next().unwrap(),
        "opened #1 “Review the escalation matrix” (recurring matrix-review, 2026-12-07)"
    );
    q.ok("cron", "2026-12-08T07:10:00Z", &["tick"]);
    // Overlapping ticks on the next occurrence open it once between them.
    let ticks: Vec<_> = (0..4)
        .map(|_| {
            q.esc("cron", "2027-01-04T08:05:00Z", &["tick"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for t in ticks {
        let out = t.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(titles(&q, "2027-01-04T09:00:00Z").len(), 2);
    let t = q.ticket(1);
    assert_eq!(
        (
            t["team"].as_str(),
            t["channel"].as_str(),
            t["customer"].as_str()
        ),
        (Some("escalations"), Some("bot"), Some("internal"))
    );
    assert_eq!(t["tags"], serde_json::json!(["internal"]));
    let opened = &q.events(1)[0];
    assert_eq!(
        (
            opened["actor"].as_str(),
            opened["automatic"].as_bool(),
            opened["rule"].as_str()
        ),
        (
            Some("esc"),
            Some(true),
            Some("schedule:matrix-review:2026-12-07")
        )
    );
    let explained = q.ok("manager", "2027-01-04T10:00:00Z", &["policy", "explain"]);
    assert_eq!(
        explained,
        "recurring matrix-review: “Review the escalation matrix”\n  \
         the first Monday of each month at 09:00, calendar office; missed occurrences: only the latest opened\n  \
         next: 2027-02-01, due 2027-02-01T08:00:00Z\n  \
         last: 2027-01-04, opened #2\n"
    );
    // Replayed, the recurring tickets give back what they did; the
    // candidate's schedules are counted beside the queue's.
    let v = q.json(
        "manager",
        "2027-01-04T10:00:00Z",
        &[
            "policy",
            "simulate",
            "recurring.toml",
            "--since",
            "2026-12-01",
        ],
    );
    assert_eq!(v["differing"], 0, "{v}");
    assert_eq!(
        v["recurring"],
        serde_json::json!({"opened": 2, "candidate": 2})
    );
    let weekly = std::fs::read_to_string(q.path("recurring.toml"))
        .unwrap()
        .replace(
            "every = \"month\"\non = \"first monday\"",
            "every = \"week\"\non = \"monday\"",
        );
    std::fs::write(q.path("weekly.toml"), weekly).unwrap();
    let text = q.ok(
        "manager",
        "2027-01-04T10:00:00Z",
        &["policy", "simulate", "weekly.toml", "--since", "2026-12-01"],
    );
    assert!(
        text.contains("Recurring tickets: the queue opened 2 in the window; the candidate's schedules would have opened 5."),
        "{text}"
    );
}

#[test]
fn after_a_week_without_ticks_the_policy_says_all_or_only_the_latest() {
    for (missed, opened, passed) in [("all", 8, 0), ("latest", 1, 7)] {
        let q = queue_with(&format!(
            "[[recurring]]\nid = \"backup-check\"\ntitle = \"Check the backups\"\nevery = \"day\"\n\
             at = \"06:00\"\ncategory = \"general\"\nmissed = \"{missed}\"\n"
        ));
        let said = q.ok("cron", "2026-11-30T07:00:00Z", &["tick"]);
        assert_eq!(said.matches("opened #").count(), opened, "{missed}: {said}");
        assert_eq!(
            said.matches("passed over").count(),
            passed,
            "{missed}: {said}"
        );
        assert_eq!(titles(&q, "2026-11-30T08:00:00Z").len(), opened);
        // The next tick finds each of them in the ledger: nothing twice.
        let again = q.ok("cron", "2026-11-30T07:30:00Z", &["tick"]);
        assert!(!again.contains("opened #"), "{again}");
        let ledger = q.json("manager", "2026-11-30T08:00:00Z", &["policy", "explain"]);
        assert_eq!(ledger[0]["last"]["occurrence"], "2026-11-30", "{ledger}");
    }
}

#[test]
fn the_ledger_travels_with_an_export_so_an_import_opens_nothing_twice() {
    let q = queue_with(MONTHLY);
    q.ok("cron", "2026-12-08T07:05:00Z", &["tick"]);
    let export = q.ok("ann", "2026-12-08T08:00:00Z", &["export"]);
    let header: serde_json::Value = serde_json::from_str(export.lines().next().unwrap()).unwrap();
    assert_eq!(
        header["occurrences"],
        serde_json::json!([{"schedule": "matrix-review", "occurrence": "2026-12-07",
                            "ticket": 1, "at": "2026-12-08T07:05:00Z"}])
    );
    std::fs::write(q.path("queue.jsonl"), &export).unwrap();
    let copy = q.another("copy");
    let run = |when: &str, args: &[&str]| {
        let out = q.on(&copy, "manager", when, args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(
        "2026-12-08T09:00:00Z",
        &["import", q.path("queue.jsonl").to_str().unwrap()],
    );
    let said = run("2026-12-08T09:05:00Z", &["tick"]);
    assert!(!said.contains("opened #"), "{said}");
}

#[test]
fn a_schedule_that_does_not_read_is_refused_where_it_is_written() {
    let q = Queue::new();
    let default = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    let lines = default.lines().count();
    std::fs::write(
        q.path("bad.toml"),
        format!(
            "{default}\n[[recurring]]\nid = \"x\"\ntitle = \"X\"\nevery = \"month\"\non = \"sixth monday\"\n\
             category = \"general\"\nmissed = \"some\"\n"
        ),
    )
    .unwrap();
    let err = q.fails("manager", "09:00", &["policy", "check", "bad.toml"], 5);
    assert!(
        err.contains(&format!("bad.toml:{}:6", lines + 6))
            && err.contains("`sixth monday` is not a day of the month"),
        "{err}"
    );
    assert!(
        err.contains("`some` is not what to do with missed occurrences: write all or latest"),
        "{err}"
    );
}
