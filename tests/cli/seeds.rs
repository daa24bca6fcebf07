//! Every seed example of DOMAIN.md, expressed in a sample policy and driven
//! through the binary with a fixed clock.

use super::support::{Queue, repo_file, rule_by_id};

fn sample(name: &str) -> Queue {
    Queue::with_policy(
        &std::fs::read_to_string(repo_file(&format!("sample-policies/{name}.toml"))).unwrap(),
    )
}

fn open(q: &Queue, when: &str, args: &[&str]) -> i64 {
    let mut all = vec!["open", "--quiet", "--title", "t", "--customer", "c"];
    all.extend_from_slice(args);
    q.ok("ann", when, &all).trim().parse().unwrap()
}

#[test]
fn an_email_not_answered_within_6_business_hours_escalates() {
    let q = sample("saas-desk");
    // Friday 16:00 in Berlin: 2 business hours on Friday, 4 on Monday morning.
    let id = open(
        &q,
        "2026-11-20T15:00:00Z",
        &["--channel", "email", "--category", "technical"],
    );
    let out = q.ok("cron", "2026-11-23T10:59:00Z", &["tick"]);
    assert!(out.contains("1 warning on 1 ticket"), "{out}");
    assert_eq!(q.ticket(id)["level"], "L0");
    let out = q.ok("cron", "2026-11-23T11:00:00Z", &["tick"]);
    assert_eq!(
        out,
        "tick 2026-11-23T11:00:00Z: 1 escalation, 1 breach on 1 ticket; notify jonas (1)\n\
         1 notification for jonas waits: the policy gives no way to reach jonas (add [people.jonas] with an email, a webhook, a command or a mailbox)\n"
    );
    assert_eq!(q.ticket(id)["level"], "L1");
}

#[test]
fn five_contact_attempts_without_help_escalate() {
    let q = sample("saas-desk");
    let id = open(
        &q,
        "2026-11-23T09:00:00Z",
        &["--channel", "phone", "--category", "account"],
    );
    q.ok("ann", "2026-11-23T09:05:00Z", &["respond", &id.to_string()]);
    for minute in 10..15 {
        q.ok(
            "ann",
            &format!("2026-11-23T09:{minute}:00Z"),
            &["contact", &id.to_string()],
        );
    }
    let t = q.ticket(id);
    assert_eq!(t["level"], "L1");
    assert_eq!(t["tags"], serde_json::json!(["chasing"]));
}

#[test]
fn a_bot_conversation_goes_to_a_human_when_it_is_opened() {
    let q = sample("saas-desk");
    let v = q.json(
        "ann",
        "2026-11-23T09:00:00Z",
        &[
            "open",
            "--title",
            "bot gave up",
            "--customer",
            "c",
            "--channel",
            "bot",
            "--category",
            "general",
        ],
    );
    assert_eq!(v["ticket"]["assignee"], "sam");
    assert_eq!(v["ticket"]["priority"], "high");
    assert_eq!(v["ticket"]["tags"], serde_json::json!(["from-bot"]));
    assert_eq!(
        rule_by_id(&v["events"][1]).unwrap(),
        "trigger:bot-handoff:c1"
    );
}

#[test]
fn a_csat_below_the_threshold_reopens_for_a_senior() {
    let q = sample("saas-desk");
    let id = open(
        &q,
        "2026-11-23T09:00:00Z",
        &["--channel", "email", "--category", "billing"],
    );
    q.ok("ann", "2026-11-23T09:30:00Z", &["respond", "1"]);
    q.ok(
        "ann",
        "2026-11-23T10:00:00Z",
        &["resolve", "1", "--summary", "s", "--root-cause", "process"],
    );
    q.ok(
        "ann",
        "2026-11-24T10:00:00Z",
        &["csat", "1", "2", "--comment", "not solved"],
    );
    let t = q.ticket(id);
    assert_eq!(
        (
            t["status"].as_str(),
            t["cycle"].as_i64(),
            t["level"].as_str()
        ),
        (Some("open"), Some(2), Some("L1"))
    );
}

#[test]
fn every_escalation_is_closed_within_30_days_or_the_director_hears() {
    let q = sample("saas-desk");
    let id = open(
        &q,
        "2026-11-02T09:00:00Z",
        &["--channel", "email", "--category", "technical"],
    );
    q.ok("ann", "2026-11-02T09:30:00Z", &["respond", "1"]);
    assert_eq!(q.ok("cron", "2026-12-02T08:59:00Z", &["tick"]), "");
    let out = q.ok("cron", "2026-12-02T09:00:00Z", &["tick"]);
    assert!(out.contains("notify ines (1)"), "{out}");
    assert_eq!(q.ticket(id)["level"], "L3");
}

#[test]
fn a_delivery_not_made_within_24_hours_of_purchase_goes_to_logistics() {
    let q = sample("web-shop");
    let id = open(
        &q,
        "2026-11-23T10:00:00Z",
        &["--channel", "web", "--category", "delivery"],
    );
    q.ok(
        "ann",
        "2026-11-23T10:30:00Z",
        &["respond", "1", "order confirmed"],
    );
    q.ok("cron", "2026-11-24T09:59:00Z", &["tick"]);
    assert_eq!(q.ticket(id)["team"], "shop-support");
    let out = q.ok("cron", "2026-11-24T10:00:00Z", &["tick"]);
    assert!(
        out.contains("1 escalation on 1 ticket; notify olu (1)"),
        "{out}"
    );
    assert_eq!(q.ticket(id)["team"], "logistics");
    let e = q
        .events(id)
        .into_iter()
        .find(|e| e["kind"] == "escalated")
        .unwrap();
    assert_eq!(e["escalation"], "functional");
}

#[test]
fn gold_customers_get_a_tighter_path() {
    let q = sample("web-shop");
    let gold = open(
        &q,
        "2026-11-23T10:00:00Z",
        &[
            "--channel",
            "web",
            "--category",
            "delivery",
            "--tier",
            "gold",
        ],
    );
    let plain = open(
        &q,
        "2026-11-23T10:00:00Z",
        &["--channel", "web", "--category", "delivery"],
    );
    for id in [gold, plain] {
        q.ok("ann", "2026-11-23T10:10:00Z", &["respond", &id.to_string()]);
    }
    q.ok("cron", "2026-11-23T22:00:00Z", &["tick"]);
    let (g, p) = (q.ticket(gold), q.ticket(plain));
    assert_eq!(
        (g["team"].as_str(), g["priority"].as_str()),
        (Some("logistics"), Some("high"))
    );
    assert_eq!(p["team"], "shop-support");
    q.ok("cron", "2026-11-24T10:00:00Z", &["tick"]);
    let g = q.ticket(gold);
    assert_eq!(
        (g["team"].as_str(), g["level"].as_str()),
        (Some("shop-lead"), Some("L2"))
    );
    assert_eq!(q.ticket(plain)["team"], "logistics");
}

#[test]
fn a_payment_question_goes_to_finance() {
    let q = sample("web-shop");
    let id = open(
        &q,
        "2026-11-23T10:00:00Z",
        &["--channel", "email", "--category", "payment"],
    );
    assert_eq!(q.ticket(id)["team"], "finance");
    assert_eq!(q.kinds(id), ["opened", "escalated"]);
}

#[test]
fn a_manager_contacts_the_customer_within_2_hours_of_a_breach() {
    let q = sample("enterprise-it");
    let id = open(
        &q,
        "2026-11-23T09:00:00Z",
        &[
            "--channel",
            "phone",
            "--category",
            "incident",
            "--priority",
            "P1",
        ],
    );
    q.ok("cron", "2026-11-23T09:15:00Z", &["tick"]);
    let t = q.ticket(id);
    assert_eq!(
        (t["level"].as_str(), t["assignee"].as_str()),
        (Some("L2"), Some("morgan"))
    );
    q.ok("cron", "2026-11-23T11:14:00Z", &["tick"]);
    assert_eq!(
        q.ticket(id)["level"],
        "L2",
        "the manager still has a minute"
    );
    q.ok("cron", "2026-11-23T11:15:00Z", &["tick"]);
    assert_eq!(
        q.ticket(id)["level"],
        "L3",
        "nobody called: the director takes over"
    );
}

#[test]
fn a_breached_resolution_is_delegated_to_a_junior_manager() {
    let q = sample("enterprise-it");
    let id = open(
        &q,
        "2026-11-23T09:00:00Z",
        &[
            "--channel",
            "email",
            "--category",
            "access",
            "--priority",
            "P2",
        ],
    );
    q.ok("ann", "2026-11-23T09:30:00Z", &["respond", "1"]);
    let out = q.ok("cron", "2026-11-23T17:00:00Z", &["tick"]);
    // Also on the way: four hours at L0 and four at L1 took it up twice.
    assert!(
        out.contains("2 escalations, 1 other action, 1 breach, 1 warning"),
        "{out}"
    );
    assert!(out.contains("notify alex (1), morgan (3)"), "{out}");
    let t = q.ticket(id);
    assert_eq!(
        (t["assignee"].as_str(), t["level"].as_str()),
        (Some("alex"), Some("L2"))
    );
}

#[test]
fn routine_tickets_run_on_new_york_office_hours() {
    let q = sample("enterprise-it");
    // Friday 17:00 EST: 1h on Friday, 3h on Monday from 08:00: due Monday 11:00 EST.
    let id = open(
        &q,
        "2026-11-20T22:00:00Z",
        &[
            "--channel",
            "email",
            "--category",
            "request",
            "--priority",
            "P3",
        ],
    );
    let v = q.json("ann", "2026-11-20T22:00:00Z", &["show", &id.to_string()]);
    assert_eq!(v["sla"][0]["due"]["at"], "2026-11-23T16:00:00Z");
    assert_eq!(v["ticket"]["due"]["sla_at"], "2026-11-23T16:00:00Z");
}

#[test]
fn management_signs_off_solutions_at_l2_and_above() {
    let q = sample("enterprise-it");
    let id = open(
        &q,
        "2026-11-23T09:00:00Z",
        &[
            "--channel",
            "email",
            "--category",
            "access",
            "--team",
            "it-management",
        ],
    );
    q.ok("ann", "2026-11-23T09:30:00Z", &["respond", "1"]);
    let out = q.ok(
        "ann",
        "2026-11-23T10:00:00Z",
        &["resolve", "1", "--summary", "s", "--root-cause", "change"],
    );
    assert!(out.contains("awaits sign-off by dana or morgan"), "{out}");
    q.fails("ann", "2026-11-23T10:05:00Z", &["signoff", "1"], 4);
    q.ok("morgan", "2026-11-23T10:10:00Z", &["signoff", "1"]);
    assert_eq!(q.ticket(id)["status"], "resolved");
}
