//! `esc report` against a fixture queue whose figures were worked out by
//! hand. Berlin office hours are 09:00-17:00 local: 07:00-15:00 UTC until
//! the DST change on Sunday 25 October 2026, 08:00-16:00 UTC after it.

use serde_json::{Value, json};

use super::support::{Queue, repo_file};

const H: i64 = 3600;

/// The window: Monday 19 October to Monday 2 November 2026, Berlin time,
/// across the end of summer time (14 days and one hour).
const WINDOW: [&str; 6] = [
    "--since",
    "2026-10-19",
    "--until",
    "2026-11-02",
    "--timezone",
    "Europe/Berlin",
];

fn fixture() -> Queue {
    let q = Queue::with_policy(
        &std::fs::read_to_string(repo_file("tests/policies/valid/report.toml")).unwrap(),
    );
    let open = |when: &str, title: &str, extra: &[&str]| {
        let mut args = vec![
            "open",
            "-q",
            "--title",
            title,
            "--customer",
            "c",
            "--category",
            "general",
        ];
        args.extend_from_slice(extra);
        q.ok("ann", when, &args);
    };
    // #1 T0: opened before the window, resolved in it.
    open("2026-10-12T08:00:00Z", "T0", &["--channel", "email"]);
    // #2 T1: answered in 2h, escalated to finance, resolved the next day; CSAT 5.
    open(
        "2026-10-19T07:00:00Z",
        "T1",
        &["--channel", "email", "--assignee", "ann"],
    );
    q.ok("ann", "2026-10-19T09:00:00Z", &["respond", "2"]);
    q.ok(
        "ann",
        "2026-10-19T10:00:00Z",
        &["escalate", "2", "--team", "finance", "--reason", "refund"],
    );
    q.ok("bob", "2026-10-19T11:00:00Z", &["assign", "2"]);
    q.ok(
        "bob",
        "2026-10-20T09:00:00Z",
        &[
            "resolve",
            "2",
            "--summary",
            "refunded",
            "--root-cause",
            "process",
        ],
    );
    q.ok("bob", "2026-10-20T10:00:00Z", &["csat", "2", "5"]);
    q.ok(
        "ann",
        "2026-10-20T08:00:00Z",
        &["resolve", "1", "--summary", "s", "--root-cause", "bug"],
    );
    // #3 T2: paused overnight, escalated twice at L0, resolved, CSAT 2,
    // reopened, resolved again after the DST change.
    open(
        "2026-10-20T13:00:00Z",
        "T2",
        &["--channel", "chat", "--priority", "high"],
    );
    q.ok("ann", "2026-10-20T14:00:00Z", &["pending", "3"]);
    q.ok("ann", "2026-10-21T09:00:00Z", &["resume", "3"]);
    q.ok("ann", "2026-10-21T10:00:00Z", &["respond", "3"]);
    q.ok(
        "ann",
        "2026-10-21T10:30:00Z",
        &["escalate", "3", "--team", "finance", "--reason", "billing?"],
    );
    q.ok(
        "ann",
        "2026-10-21T11:00:00Z",
        &["escalate", "3", "--team", "desk", "--reason", "not billing"],
    );
    // #4 T3: nobody answers in time; the tick records the breach.
    open("2026-10-21T07:00:00Z", "T3", &["--channel", "phone"]);
    q.ok("cron", "2026-10-21T12:00:00Z", &["tick"]);
    q.ok("ann", "2026-10-21T13:00:00Z", &["respond", "4"]);
    q.ok(
        "ann",
        "2026-10-21T13:30:00Z",
        &["escalate", "4", "--up", "--to", "carol", "--reason", "hard"],
    );
    q.ok(
        "ann",
        "2026-10-22T09:00:00Z",
        &["resolve", "3", "--summary", "s", "--root-cause", "bug"],
    );
    q.ok("ann", "2026-10-22T10:00:00Z", &["csat", "3", "2"]);
    q.ok("ann", "2026-10-23T08:00:00Z", &["reopen", "3"]);
    q.ok(
        "ann",
        "2026-10-26T09:00:00Z",
        &["resolve", "3", "--summary", "s", "--root-cause", "bug"],
    );
    // #5 T4: to experts at L2 at once, never answered, resolution awaits sign-off.
    open("2026-10-29T08:00:00Z", "T4", &["--channel", "web"]);
    q.ok(
        "ann",
        "2026-10-29T09:00:00Z",
        &[
            "escalate", "5", "--team", "experts", "--level", "L2", "--reason", "r",
        ],
    );
    q.ok(
        "carol",
        "2026-10-30T08:00:00Z",
        &["resolve", "5", "--summary", "s", "--root-cause", "bug"],
    );
    // #6 T5: opened in September, never resolved: aged.
    open("2026-09-15T08:00:00Z", "T5", &["--channel", "email"]);
    // #7 T6: opened on a Saturday; its first reply is not due before the window ends.
    open("2026-10-31T10:00:00Z", "T6", &["--channel", "web"]);
    q
}

fn report(q: &Queue, args: &[&str]) -> Value {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&q.ok("dana", "2026-11-02T00:00:00Z", &all)).unwrap()
}

#[test]
fn the_overview_matches_the_figures_worked_out_by_hand() {
    let q = fixture();
    let r = report(&q, &WINDOW);
    assert_eq!(
        r["since"], "2026-10-18T22:00:00Z",
        "midnight in Berlin, summer time"
    );
    assert_eq!(
        r["until"], "2026-11-01T23:00:00Z",
        "midnight in Berlin, winter time"
    );
    let t = &r["total"];
    // Cohort: T1, T2, T3, T4, T6. Resolutions in the window: T0, T1, T2 twice.
    // Backlog: 7 opened before the end - 4 resolutions + 1 reopening = 4
    // (T3, T4 awaiting sign-off, T5, T6). Aged: T5 alone opened before 2 October.
    assert_eq!(
        t["volume"],
        json!({"opened": 5, "resolved": 4, "reopened": 1, "merged": 0, "backlog": 4, "aged": 1})
    );
    // Escalated: T1, T2, T3, T4 = 4 of 5. Functional: T1 1 + T2 2 + T4 1;
    // hierarchical: T3 1 + T4 1. Highest level: T1, T2 at L0; T3 L1; T4 L2.
    // Transfers (team changes, or away from an assignee): T1 1, T2 2, T4 1 = 4 / 5.
    let e = &t["escalations"];
    assert_eq!(
        (e["tickets"].as_u64(), e["rate"].as_f64()),
        (Some(4), Some(0.8))
    );
    assert_eq!(
        (
            e["functional"].as_u64(),
            e["hierarchical"].as_u64(),
            e["automatic"].as_u64()
        ),
        (Some(4), Some(2), Some(0))
    );
    assert_eq!(e["by_level"], json!({"L0": 2, "L1": 1, "L2": 1}));
    assert_eq!(
        (e["transfers_mean"].as_f64(), e["transfers_max"].as_u64()),
        (Some(0.8), Some(2))
    );
    // First response: T1 met (2h); T2 answered in 21h wall, 5h open - 3h
    // paused = 2h business, but its reopened cycle (Friday 23 Oct 08:00Z,
    // due 12:00Z) got no reply before it was resolved again: breached; T3
    // breached (6h, 6h); T4 breached (no reply); T6 undecided. Times are to
    // the first reply: wall [2h, 6h, 21h]: median 6h, p90 21h; business
    // [2h, 2h, 6h]: 2h, 6h.
    let fr = &t["sla"]["first_response"];
    assert_eq!(
        (
            fr["met"].as_u64(),
            fr["breached"].as_u64(),
            fr["met_pct"].as_f64()
        ),
        (Some(1), Some(3), Some(0.25))
    );
    assert_eq!(
        (fr["median_secs"].as_i64(), fr["p90_secs"].as_i64()),
        (Some(6 * H), Some(21 * H))
    );
    assert_eq!(
        (
            fr["median_business_secs"].as_i64(),
            fr["p90_business_secs"].as_i64()
        ),
        (Some(2 * H), Some(6 * H))
    );
    // Resolution: T1 26h wall, 8h + 2h = 10h business. T2 from 20 Oct 13:00Z
    // to 26 Oct 09:00Z = 140h wall; business 2+8+8+8+0+0+1 (Monday, winter
    // time from 08:00Z) = 27h, less 3h paused, less 7h resolved (22 Oct
    // 09:00-15:00Z, 23 Oct 07:00-08:00Z) = 17h. Both met.
    let res = &t["sla"]["resolution"];
    assert_eq!(
        (
            res["met"].as_u64(),
            res["breached"].as_u64(),
            res["met_pct"].as_f64()
        ),
        (Some(2), Some(0), Some(1.0))
    );
    assert_eq!(
        (res["median_secs"].as_i64(), res["p90_secs"].as_i64()),
        (Some(26 * H), Some(140 * H))
    );
    assert_eq!(
        (
            res["median_business_secs"].as_i64(),
            res["p90_business_secs"].as_i64()
        ),
        (Some(10 * H), Some(17 * H))
    );
    assert_eq!(
        (t["sla"]["breaches"].as_u64(), t["sla"]["warnings"].as_u64()),
        (Some(3), Some(0))
    );
    // CSAT: 5 and 2. Reopened: T2. Awaiting sign-off: T4.
    let quality = &t["quality"];
    assert_eq!(quality["csat_average"].as_f64(), Some(3.5));
    assert_eq!(quality["csat_distribution"], json!([0, 1, 0, 0, 1]));
    assert_eq!(
        (
            quality["reopened_tickets"].as_u64(),
            quality["signoffs_pending"].as_u64()
        ),
        (Some(1), Some(1))
    );
    // Root causes of escalated tickets: bug (T2, T4), process (T1).
    assert_eq!(r["root_causes"][0]["root_cause"], "bug");
    assert_eq!(r["root_causes"][0]["tickets"], 2);
    assert!((r["root_causes"][0]["share"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);
    // Agents: ann held T1 and escalated T1-T4 onward, resolved T2; bob took
    // and resolved T1; carol held T3 (T4's resolution awaits sign-off).
    assert_eq!(
        r["agents"],
        json!([
            {"name": "ann", "handled": 1, "escalated_onward": 4, "resolved": 1},
            {"name": "bob", "handled": 1, "escalated_onward": 0, "resolved": 1},
            {"name": "carol", "handled": 1, "escalated_onward": 0, "resolved": 0},
        ])
    );
    // Fourteen Berlin days; opened, escalated and breached on the days they happened.
    let trend = r["trend"].as_array().unwrap();
    assert_eq!(trend.len(), 14);
    let day = |date: &str| trend.iter().find(|d| d["date"] == date).unwrap().clone();
    assert_eq!(
        day("2026-10-21"),
        json!({"date": "2026-10-21", "opened": 1, "escalated": 3, "breached": 1})
    );
    assert_eq!(
        day("2026-10-29"),
        json!({"date": "2026-10-29", "opened": 1, "escalated": 1, "breached": 1})
    );
    assert_eq!(day("2026-10-23")["breached"], 1, "T2's second cycle");
    assert_eq!(day("2026-10-31")["opened"], 1);
}

#[test]
fn grouping_splits_the_same_figures() {
    let q = fixture();
    let r = report(&q, &[&WINDOW[..], &["--by", "team"]].concat());
    let group = |k: &str| {
        r["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["key"] == k)
            .unwrap()
            .clone()
    };
    // Current teams: T1 finance; T2, T3, T6 desk; T4 experts; T0 and T5 desk.
    assert_eq!(
        group("desk")["volume"],
        json!({"opened": 3, "resolved": 3, "reopened": 1, "merged": 0, "backlog": 3, "aged": 1})
    );
    assert_eq!(
        group("finance")["volume"],
        json!({"opened": 1, "resolved": 1, "reopened": 0, "merged": 0, "backlog": 0, "aged": 0})
    );
    assert_eq!(group("experts")["volume"]["backlog"], 1);
    assert_eq!(
        r["total"]["volume"]["backlog"], 4,
        "the groups add up to the total"
    );
}

#[test]
fn an_empty_window_reports_zeros_not_errors() {
    let q = fixture();
    let r = report(&q, &["--since", "2026-01-01", "--until", "2026-01-08"]);
    assert_eq!(r["total"]["volume"]["opened"], 0);
    assert_eq!(r["total"]["sla"]["first_response"]["met_pct"], Value::Null);
    assert_eq!(r["trend"].as_array().unwrap().len(), 7);
    let text = q.ok(
        "dana",
        "2026-11-02T00:00:00Z",
        &["report", "--since", "2026-01-01", "--until", "2026-01-08"],
    );
    assert!(text.contains("0 opened · 0 resolved"), "{text}");
}

/// Any window, however long, gives a trend of bounded length: coarser
/// buckets as the window grows, the same totals in them.
#[test]
fn the_trend_coarsens_with_the_window_and_stays_bounded() {
    let q = fixture();
    let cases = [
        (vec!["--since", "2026-10-01"], "day", 32),
        (vec!["--since", "2026-01-01"], "week", 44),
        (vec!["--since", "2020-01-01"], "month", 83),
        (vec!["--since", "1900-01-01"], "year", 127),
        (
            vec!["--since", "0000-01-01", "--until", "9999-12-31T23:59:59Z"],
            "year",
            10_000,
        ),
    ];
    for (args, bucket, rows) in cases {
        let r = report(&q, &args);
        assert_eq!(r["trend_bucket"], bucket, "{args:?}");
        let trend = r["trend"].as_array().unwrap();
        assert_eq!(trend.len(), rows, "{args:?}");
        let sum: u64 = trend.iter().map(|d| d["opened"].as_u64().unwrap()).sum();
        assert_eq!(Value::from(sum), r["total"]["volume"]["opened"], "{args:?}");
        assert!(sum > 0, "{args:?}");
    }
    let text = q.ok(
        "dana",
        "2026-11-02T00:00:00Z",
        &["report", "--since", "2020-01-01"],
    );
    assert!(text.contains("\nMonthly (UTC)   opened"), "{text}");
    assert!(text.contains("\n2026-10 "), "{text}");
}

#[test]
fn sections_and_formats_print_what_a_manager_reads() {
    let q = fixture();
    let at = "2026-11-02T00:00:00Z";
    let overview = q.ok("dana", at, &[&["report"][..], &WINDOW].concat());
    for expected in [
        "esc report: tickets opened 2026-10-19 00:00 to 2026-11-02 00:00 Europe/Berlin (14.0 days)",
        "Volume       5 opened · 4 resolved · 1 reopened · backlog 4 at the end, 1 open over 30 days",
        "Escalations  4 of 5 tickets (80.0%): 4 functional, 2 hierarchical, 0 automatic",
        "first response 25.0% met (3 breached) · median 6h, p90 21h · business time 2h / 6h",
        "resolution 100.0% met (0 breached) · median 1d 2h, p90 5d 20h · business time 10h / 17h",
        "1 reopened after resolution · 1 sign-off pending",
        "Quality      CSAT 3.50 from 2 ratings [1:0 2:1 3:0 4:0 5:1]",
        "Root causes  of escalated tickets: bug 2 (67%), process 1 (33%)",
        "\nWeekly (Europe/Berlin) opened",
        "\n2026-10-26 ",
    ] {
        assert!(
            overview.contains(expected),
            "missing {expected:?} in\n{overview}"
        );
    }
    let csv = q.ok(
        "dana",
        at,
        &[&["report", "agents", "--format", "csv"][..], &WINDOW].concat(),
    );
    assert_eq!(
        csv,
        "agent,handled,escalated onward,resolved\nann,1,4,1\nbob,1,0,1\ncarol,1,0,0\n"
    );
    let md = q.ok(
        "dana",
        at,
        &[
            &["report", "sla", "--by", "channel", "--format", "markdown"][..],
            &WINDOW,
        ]
        .concat(),
    );
    assert!(md.contains("| channel | met | breached | met % |"), "{md}");
    assert!(
        md.contains("| phone | 0 | 1 | 0.0% | 6h | 6h | 6h | 6h |"),
        "{md}"
    );
    let table = q.ok(
        "dana",
        at,
        &[&["report", "escalations", "--by", "priority"][..], &WINDOW].concat(),
    );
    assert!(!table.contains('\x1b'), "no colour when not on a terminal");
    // Each level a column of its own: a spreadsheet reads numbers.
    let csv = q.ok(
        "dana",
        at,
        &[
            &[
                "report",
                "escalations",
                "--by",
                "priority",
                "--format",
                "csv",
            ][..],
            &WINDOW,
        ]
        .concat(),
    );
    let mut lines = csv.lines();
    let head = lines.next().unwrap();
    assert!(
        head.ends_with(
            ",transfers mean,transfers max,highest level L0,highest level L1,highest level L2"
        ),
        "{csv}"
    );
    assert!(
        lines.any(|l| l == "normal,4,3,0.7500,2,2,0,0.50,1,1,1,1"),
        "{csv}"
    );
}

#[test]
fn a_bad_window_is_a_usage_error() {
    let q = Queue::new();
    let err = q.fails(
        "dana",
        "2026-11-02T00:00:00Z",
        &["report", "--since", "last week"],
        2,
    );
    assert!(err.contains("invalid --since `last week`"), "{err}");
    // Found by fuzzing: a signed, five-digit year read as a date made an
    // 84,000-row trend. Dates are YYYY-MM-DD.
    for odd in ["-82005-01-03", "+2026-01-03", "26-1-3"] {
        let err = q.fails(
            "dana",
            "2026-11-02T00:00:00Z",
            &["report", &format!("--since={odd}")],
            2,
        );
        assert!(err.contains(&format!("invalid --since `{odd}`")), "{err}");
    }
    let err = q.fails(
        "dana",
        "2026-11-02T00:00:00Z",
        &["report", "--since", "2026-11-05", "--until", "2026-11-01"],
        2,
    );
    assert!(err.contains("the window is empty"), "{err}");
    let r: Value = serde_json::from_str(&q.ok(
        "dana",
        "2026-11-02T00:00:00Z",
        &["--json", "report", "--since", "7d"],
    ))
    .unwrap();
    assert_eq!(r["since"], "2026-10-26T00:00:00Z");
}

#[test]
fn the_overview_of_a_month_fits_an_80_by_24_screen() {
    let q = Queue::new();
    for (day, title) in [
        ("2026-11-03", "a"),
        ("2026-11-10", "b"),
        ("2026-11-11", "c"),
    ] {
        q.open(&format!("{day}T09:00:00Z"), title, &[]);
    }
    let out = q
        .esc("dana", "2026-11-23T18:00:00Z", &["report"])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // 24 rows, one kept for the shell's prompt.
    assert!(lines.len() <= 23, "{} lines:\n{text}", lines.len());
    assert!(lines.iter().all(|l| l.chars().count() <= 80), "{text}");
    // A month's days fold into weeks, from Monday; every ticket counted.
    assert!(text.contains("\nWeekly (UTC)    opened"), "{text}");
    let week = lines.iter().find(|l| l.starts_with("2026-11-09")).unwrap();
    assert!(week.contains(" 2 "), "{week}");
    let week = lines.iter().find(|l| l.starts_with("2026-11-02")).unwrap();
    assert!(week.contains(" 1 "), "{week}");
}

#[test]
fn the_trend_puts_each_escalation_on_its_own_local_day() {
    // Counted by quarter hour of UTC, escalations minutes apart still land
    // on the days of the report's zone: India's day begins at 18:30 UTC.
    // A window may begin and end mid-quarter; what falls outside it stays
    // out, and no quarter counts twice.
    let q = Queue::new();
    let times = [
        "18:20:00", "18:25:00", "18:29:59", "18:30:00", "18:32:00", "18:46:00", "18:55:00",
    ];
    for (i, at) in times.iter().enumerate() {
        let id = (i + 1).to_string();
        q.open("2026-11-20T10:00:00Z", &format!("ticket {id}"), &[]);
        let at = format!("2026-11-20T{at}Z");
        q.ok("ann", &at, &["escalate", &id, "--up", "-r", "needs L1"]);
    }
    let days = |since: &str, until: &str| -> Vec<(String, u64)> {
        let r: Value = serde_json::from_str(&q.ok(
            "dana",
            "2026-11-22T00:00:00Z",
            &[
                "report",
                "--since",
                since,
                "--until",
                until,
                "--timezone",
                "Asia/Kolkata",
                "--format",
                "json",
            ],
        ))
        .unwrap();
        r["trend"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let date = d["date"].as_str().unwrap().to_string();
                (date, d["escalated"].as_u64().unwrap())
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    };
    let day = |d: &str, n: u64| (d.to_string(), n);
    assert_eq!(
        days("2026-11-20T18:22:00Z", "2026-11-20T18:50:00Z"),
        [day("2026-11-20", 2), day("2026-11-21", 3)]
    );
    assert_eq!(
        days("2026-11-20T18:45:30Z", "2026-11-20T19:10:00Z"),
        [day("2026-11-21", 2)]
    );
    assert_eq!(
        days("2026-11-20T18:00:00Z", "2026-11-20T19:00:00Z"),
        [day("2026-11-20", 3), day("2026-11-21", 4)]
    );
}

/// A policy applied inside the window is said with the figures it mixes
/// into, and kept off a CSV's lines.
#[test]
fn a_policy_change_inside_the_window_is_marked() {
    let q = fixture();
    let text = std::fs::read_to_string(repo_file("tests/policies/valid/report.toml")).unwrap();
    std::fs::write(
        q.path("changed.toml"),
        format!("{text}\n# a second version\n"),
    )
    .unwrap();
    q.apply("changed.toml", "2026-10-28T12:00:00Z");
    let at = "2026-11-02T00:00:00Z";
    let said = "the policy changed inside this window: version 2 at 2026-10-28 13:00 by manager; the figures mix the versions before and after it";
    let overview = q.ok("dana", at, &[&["report"][..], &WINDOW].concat());
    assert!(overview.ends_with(&format!("\n\n{said}\n")), "{overview}");
    let json = report(&q, &WINDOW);
    assert_eq!(json["policy_changes"][0]["version"], 2, "{json}");
    let out = q
        .esc(
            "dana",
            at,
            &[&["report", "agents", "--format", "csv"][..], &WINDOW].concat(),
        )
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains(said));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("policy"));
    // A window after the change has nothing to mark.
    let later = q.ok(
        "dana",
        "2026-11-30T00:00:00Z",
        &["report", "--since", "2026-11-01"],
    );
    assert!(!later.contains("the policy changed"), "{later}");
}
