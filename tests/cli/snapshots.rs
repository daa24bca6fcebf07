//! Whole outputs a user reads, snapshotted: a change to what `list`, `show`,
//! `tick` or the report overview print shows up in review as a diff of
//! `tests/cli/snapshots/`. Update them with `INSTA_UPDATE=always cargo test`
//! (or `cargo insta review`) after checking the new output reads well.

use super::support::Queue;

/// A small day on the default policy: answered, escalated, resolved, and
/// one ticket nobody answers.
fn a_day() -> Queue {
    let q = Queue::new();
    q.open("09:00", "Card charged twice", &["--priority", "high"]);
    q.open("09:10", "Password reset fails", &["--tag", "sso"]);
    q.open("09:20", "Where is my parcel?", &[]);
    q.ok("ann", "09:30", &["respond", "1", "Sorry, looking into it"]);
    q.ok(
        "ann",
        "09:40",
        &[
            "escalate",
            "1",
            "--team",
            "finance",
            "--reason",
            "duplicate charge confirmed",
        ],
    );
    q.ok("bob", "10:00", &["respond", "2", "On it"]);
    q.ok(
        "bob",
        "11:00",
        &[
            "resolve",
            "2",
            "--summary",
            "reset link re-sent",
            "--root-cause",
            "customer-education",
        ],
    );
    q.ok("ann", "11:30", &["csat", "2", "4"]);
    q
}

#[test]
fn list_of_a_day() {
    let q = a_day();
    // As on an 80-column terminal.
    insta::assert_snapshot!(at_80(
        &q,
        "ann",
        "12:00",
        &["list", "--all", "--format", "table"]
    ));
}

/// What `esc ARGS` prints on an 80-column terminal: every line fits.
fn at_80(q: &Queue, who: &str, when: &str, args: &[&str]) -> String {
    let out = q
        .esc(who, when, args)
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "wider than 80: {line:?}\n{text}"
        );
    }
    text
}

#[test]
fn show_of_an_escalated_ticket() {
    let q = a_day();
    insta::assert_snapshot!(at_80(&q, "ann", "12:00", &["show", "1"]));
}

#[test]
fn tick_escalating_the_unanswered_ticket() {
    let q = a_day();
    let dry = q.ok("cron", "13:30", &["tick", "--dry-run"]);
    let real = q.ok("cron", "13:30", &["tick"]);
    insta::assert_snapshot!(format!("$ esc tick --dry-run\n{dry}$ esc tick\n{real}"));
}

#[test]
fn report_overview_of_a_day() {
    let q = a_day();
    q.ok("cron", "16:00", &["tick"]);
    let report = at_80(
        &q,
        "dana",
        "17:00",
        &["report", "--since", "2026-11-20", "--until", "2026-11-24"],
    );
    assert!(report.lines().count() <= 24, "one 80x24 screen:\n{report}");
    insta::assert_snapshot!(report);
}

/// A ticket whose title and customer carry escape sequences, as a
/// manager's terminal shows it: every control character spelled out.
#[test]
fn show_of_a_hostile_ticket() {
    let q = Queue::new();
    q.ok(
        "ann",
        "09:00",
        &[
            "open",
            "-q",
            "--title",
            "Refund \x1b]52;c;SGVsbG8=\x07\x1b[2J",
            "--customer",
            "Mallory \x1b]0;pwned\x07",
            "--channel",
            "email",
            "--category",
            "financial",
        ],
    );
    q.ok(
        "ann",
        "09:05",
        &["note", "1", "line one\r\u{9b}31mred\u{202e}"],
    );
    insta::assert_snapshot!(q.ok("ann", "09:10", &["show", "1"]));
}

/// The business calendars of a policy and the rule for spans that end at
/// closing time, as `policy show` prints them.
#[test]
fn policy_show_of_a_business_calendar() {
    let text = std::fs::read_to_string(super::support::repo_file("sample-policies/saas-desk.toml"))
        .unwrap();
    let q = Queue::with_policy(&text);
    let shown = q.ok("manager", "09:00", &["policy", "show"]);
    let calendars = &shown[shown.find("Calendars").unwrap()..shown.find("SLA targets").unwrap()];
    insta::assert_snapshot!(calendars);
}

/// The day after the tick: #3 breached and escalated to L2, #1 moved to
/// finance, and a ticket whose title is longer than the screen.
fn a_day_escalated() -> Queue {
    let q = a_day();
    q.open(
        "09:50",
        "Invoice for the March order shows the wrong VAT rate and the customer's accountant needs a corrected copy",
        &["--assignee", "bob"],
    );
    q.ok("cron", "16:00", &["tick"]);
    q
}

#[test]
fn list_at_80_columns_keeps_who_has_it_and_how_far_it_is_escalated() {
    let q = a_day_escalated();
    insta::assert_snapshot!(at_80(&q, "ann", "16:10", &["list", "--format", "table"]));
}

#[test]
fn show_of_a_breached_escalated_ticket_with_a_long_title() {
    let q = a_day_escalated();
    q.ok(
        "ann",
        "16:05",
        &[
            "escalate",
            "4",
            "--up",
            "--reason",
            "needs finance sign-off",
        ],
    );
    insta::assert_snapshot!(at_80(&q, "ann", "16:10", &["show", "4"]));
}

#[test]
fn policy_explain_of_the_escalated_ticket() {
    let q = a_day_escalated();
    let explain = at_80(&q, "ann", "16:10", &["policy", "explain", "3"]);
    assert!(explain.lines().count() <= 24, "one screen:\n{explain}");
    // The digest follows every edit of the default policy's text.
    let digest = explain.find("version 1 (").unwrap() + "version 1 (".len();
    let explain = format!("{}DIGEST{}", &explain[..digest], &explain[digest + 12..]);
    insta::assert_snapshot!(explain);
}

#[test]
fn show_of_a_ticket_another_was_merged_into_and_of_the_merged_one() {
    let q = Queue::new();
    q.open(
        "09:00",
        "Printer on fire",
        &["--email", "bo@example.com", "--tag", "printer"],
    );
    q.open(
        "10:00",
        "Printer still smoking",
        &["--email", "al@example.com", "--tag", "urgent"],
    );
    q.ok("ann", "10:20", &["note", "1", "smoke seen from the street"]);
    q.ok(
        "dana",
        "10:30",
        &[
            "merge",
            "1",
            "--into",
            "2",
            "--reason",
            "one printer, two reports",
        ],
    );
    q.ok(
        "dana",
        "10:40",
        &["respond", "2", "A technician is on the way"],
    );
    let kept = at_80(&q, "ann", "11:00", &["show", "2"]);
    let merged = at_80(&q, "ann", "11:00", &["show", "1"]);
    insta::assert_snapshot!(format!("$ esc show 2\n{kept}\n$ esc show 1\n{merged}"));
}

#[test]
fn show_of_a_problem_with_its_cases_and_of_one_case() {
    let q = Queue::new();
    q.open(
        "09:00",
        "Checkout down for every card",
        &["--priority", "high"],
    );
    q.open("09:05", "Cannot pay", &["--email", "ines@example.com"]);
    q.open(
        "09:06",
        "Payment page blank",
        &["--email", "li@example.com"],
    );
    q.open("09:07", "Refund for failed order", &[]);
    q.ok("ann", "09:10", &["link", "2", "--parent", "1"]);
    q.ok("ann", "09:11", &["link", "3", "--parent", "1"]);
    q.ok("ann", "09:12", &["link", "4", "--related", "1"]);
    q.ok(
        "dana",
        "10:00",
        &[
            "resolve",
            "3",
            "--summary",
            "cache cleared",
            "--root-cause",
            "website",
        ],
    );
    let problem = at_80(&q, "ann", "10:30", &["show", "1"]);
    let case = at_80(&q, "ann", "10:30", &["show", "2"]);
    insta::assert_snapshot!(format!("$ esc show 1\n{problem}\n$ esc show 2\n{case}"));
}
