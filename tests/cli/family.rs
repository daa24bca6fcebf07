//! `esc link`: a problem with its customers' tickets under it, resolved
//! with them in one go; related tickets; circles refused.

use std::process::Stdio;

use serde_json::Value;

use super::support::{Queue, repo_file};

/// An update on resolving, through a mail server nothing listens at: the
/// outbox keeps what it would send.
const DONE: &str = "[[customer_updates]]\nid = \"done\"\non = \"resolved\"\n\
    subject = \"Your request #{ticket} is {status}\"\ntext = \"Dear {customer}, #{ticket} is {status}.\"\n\n\
    [delivery]\nbackground = false\n\n\
    [delivery.smtp]\nhost = \"127.0.0.1\"\nport = 9\ntls = \"none\"\nfrom = \"help@example.com\"\n";

/// An outage (#1) and three customers' tickets about it, #2 to #4, each
/// with its own address; #3 waits on its customer.
fn an_outage() -> Queue {
    let q = Queue::with_default_and(|_| DONE.to_string());
    q.open("09:00", "Checkout down", &[]);
    for (i, when) in [(2, "09:05"), (3, "09:06"), (4, "09:07")] {
        q.open(
            when,
            &format!("Cannot pay ({i})"),
            &["--email", &format!("c{i}@example.com")],
        );
        q.ok("ann", "09:10", &["link", &i.to_string(), "--parent", "1"]);
    }
    q.ok(
        "ann",
        "09:15",
        &["pending", "3", "--reason", "asked for the order number"],
    );
    q
}

fn customer_updates(q: &Queue) -> Vec<(i64, String)> {
    let mut got: Vec<(i64, String)> = q
        .outbox()
        .iter()
        .filter(|n| n["audience"] == "customer")
        .map(|n| {
            (
                n["ticket"].as_i64().unwrap(),
                n["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    got
}

#[test]
fn a_problem_resolved_with_its_children_tells_each_customer_once() {
    let q = an_outage();
    let listed = q.ok(
        "ann",
        "09:20",
        &["list", "--parent", "1", "--format", "tsv"],
    );
    let ids: Vec<&str> = listed
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["2", "4", "3"],
        "live children, most urgent first:\n{listed}"
    );
    let said = q.ok(
        "dana",
        "10:00",
        &[
            "resolve",
            "1",
            "--children",
            "--summary",
            "payment provider back",
            "--root-cause",
            "third-party",
        ],
    );
    assert_eq!(
        said,
        "#1 resolved (root cause third-party)\n  #2 resolved (root cause third-party)\n  \
         #3 resolved (root cause third-party)\n  #4 resolved (root cause third-party)\n"
    );
    for id in 2..=4 {
        let t = q.ticket(id);
        assert_eq!(t["status"], "resolved");
        assert_eq!(t["resolution"], "payment provider back");
        assert_eq!(t["root_cause"], "third-party");
    }
    assert_eq!(
        customer_updates(&q),
        [
            (2, "c2@example.com".to_string()),
            (3, "c3@example.com".to_string()),
            (4, "c4@example.com".to_string())
        ],
        "one update per child's customer; the problem has none"
    );
    // A case that came after is not touched: it is the problem's again.
    q.open("10:30", "Cannot pay (5)", &["--email", "c5@example.com"]);
    q.ok("ann", "10:31", &["link", "5", "--parent", "1"]);
    assert_eq!(q.ticket(5)["status"], "open");
    let r = q.json("manager", "11:00", &["report", "--since", "2026-11-23"]);
    assert_eq!(
        r["problems"],
        serde_json::json!({"problems": 1, "cases": 4}),
        "{r}"
    );
    let text = q.ok("manager", "11:00", &["report", "--since", "2026-11-23"]);
    assert!(
        text.contains("Problems     4 tickets opened as cases of 1 problem\n"),
        "{text}"
    );
}

#[test]
fn breaches_count_once_for_each_ticket_never_summed_into_the_problem() {
    let q = an_outage();
    q.ok("cron", "14:00", &["tick"]);
    let each: u64 = (1..=4)
        .map(|id| q.kinds(id).iter().filter(|k| *k == "breached").count() as u64)
        .sum();
    let r = q.json("manager", "14:05", &["report", "--since", "2026-11-23"]);
    assert_eq!(r["total"]["sla"]["breaches"], each, "{r}");
    assert_eq!(
        q.kinds(1).iter().filter(|k| *k == "breached").count(),
        1,
        "the problem's own breach only"
    );
}

#[test]
fn links_that_cannot_be_are_refused_and_change_nothing() {
    let q = an_outage();
    q.open("09:30", "Unrelated", &[]);
    q.ok("ann", "09:31", &["link", "5", "--parent", "4"]);
    let stored = q.stored();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["link", "1", "--parent", "5"],
            4,
            "error: #5 is under #1 already: putting #1 under #5 would make a circle\n",
        ),
        (
            &["link", "2", "--parent", "2"],
            2,
            "error: ticket #2 cannot be linked to itself: name another ticket\n",
        ),
        (
            &["link", "2", "--parent", "5"],
            4,
            "error: ticket #2 is under #1; a ticket has one parent\nhint: unlink it first: `esc link 2 --unlink 1`\n",
        ),
        (
            &["link", "2", "--unlink", "3"],
            4,
            "error: tickets #2 and #3 are not linked; nothing to unlink\n",
        ),
        (
            &["link", "2", "--parent", "9"],
            3,
            "error: no ticket #9\nhint: `esc list --all` shows every ticket in the queue\n",
        ),
    ];
    for (args, code, said) in cases {
        assert_eq!(&q.fails("ann", "09:40", args, *code), said, "{args:?}");
    }
    assert_eq!(q.stored(), stored, "a refused link writes nothing");
    // A merged ticket takes no links: the one it joined does.
    q.ok("ann", "09:41", &["merge", "5", "--into", "1"]);
    let err = q.fails("ann", "09:42", &["link", "5", "--related", "2"], 4);
    assert!(
        err.starts_with("error: ticket #5 was merged into #1"),
        "{err}"
    );
    // Related both ways, and unlinked both ways.
    q.ok("ann", "09:43", &["link", "2", "--related", "3"]);
    assert_eq!(q.ticket(3)["related"], serde_json::json!([2]));
    q.ok("ann", "09:44", &["link", "3", "--unlink", "2"]);
    assert_eq!(q.ticket(2)["related"], Value::Null);
    q.ok("ann", "09:45", &["link", "2", "--unlink", "1"]);
    assert_eq!(q.ticket(2)["parent"], Value::Null);
}

#[test]
fn two_agents_linking_two_tickets_under_each_other_at_once_leave_no_circle() {
    for _ in 0..3 {
        let q = Queue::new();
        q.open("09:00", "one", &[]);
        q.open("09:01", "two", &[]);
        let spawn = |who: &str, args: &[&str]| {
            q.esc(who, "09:10", args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let a = spawn("ann", &["link", "1", "--parent", "2"]);
        let b = spawn("dana", &["link", "2", "--parent", "1"]);
        let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
        assert_eq!(outs.iter().filter(|o| o.status.success()).count(), 1);
        let parents = [q.ticket(1)["parent"].clone(), q.ticket(2)["parent"].clone()];
        assert_eq!(
            parents.iter().filter(|p| !p.is_null()).count(),
            1,
            "{parents:?}"
        );
    }
}

#[test]
fn a_family_travels_through_export_and_import_and_replays() {
    let q = an_outage();
    q.ok("ann", "09:20", &["link", "2", "--related", "4"]);
    q.ok("ann", "09:21", &["link", "4", "--unlink", "1"]);
    q.ok("ann", "09:22", &["watch", "2", "--for", "dana"]);
    q.ok("ann", "09:22", &["watch", "2", "--for", "lee"]);
    q.ok("ann", "09:22", &["watch", "2", "--for", "lee", "--unwatch"]);
    q.ok("ann", "09:23", &["edit", "2", "--cc", "boss@example.com"]);
    std::fs::write(q.path("queue.jsonl"), q.ok("ann", "09:30", &["export"])).unwrap();
    let other = Queue::new();
    other.open("08:00", "Already here", &[]);
    other.ok(
        "manager",
        "09:40",
        &["import", q.path("queue.jsonl").to_str().unwrap()],
    );
    // #1 to #4 are #2 to #5 there.
    assert_eq!(other.ticket(3)["parent"], 2);
    assert_eq!(other.ticket(3)["related"], serde_json::json!([5]));
    assert_eq!(other.ticket(5)["parent"], Value::Null);
    assert_eq!(other.ticket(3)["watchers"], serde_json::json!(["dana"]));
    assert_eq!(
        other.ticket(3)["cc"],
        serde_json::json!(["boss@example.com"])
    );
    let listed = other.ok(
        "ann",
        "09:41",
        &["list", "--parent", "2", "--all", "--format", "tsv"],
    );
    assert_eq!(listed.lines().count(), 3, "{listed}");
    // An export of the cases alone: their problem and #4 are left out,
    // and a case still shows, its family without the tickets not there.
    let part = q.ok("ann", "09:31", &["export", "--parent", "1", "--all"]);
    std::fs::write(q.path("part.jsonl"), part).unwrap();
    let empty = q.another("part");
    let run = |when: &str, args: &[&str]| {
        let out = q.on(&empty, "manager", when, args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run("09:40", &["import", q.path("part.jsonl").to_str().unwrap()]);
    let shown = run("09:41", &["show", "2"]);
    assert!(
        !shown.contains("\nFamily\n"),
        "neither #1 nor #4 came along: {shown}"
    );
    let default = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    std::fs::write(q.path("same.toml"), format!("{default}\n{DONE}")).unwrap();
    let text = q.ok(
        "manager",
        "10:00",
        &["policy", "simulate", "same.toml", "--since", "2026-11-23"],
    );
    assert!(
        text.contains("4 tickets replayed; the candidate treats every one the same."),
        "{text}"
    );
}
