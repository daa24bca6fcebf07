//! `esc edit`: every field a ticket's facts are kept in, each edit an event
//! with who, when and why, and SLA clocks that keep their history when an
//! edit hands the ticket to another rule.

use serde_json::Value;

use super::support::{Queue, Terminal};

fn last_event(q: &Queue, id: i64) -> Value {
    q.events(id).last().unwrap().clone()
}

/// `field: from → to` of an `edited` event, in order.
fn edits(event: &Value) -> Vec<(String, Value, Value)> {
    event["detail"]["edited"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_string(),
                e["from"].clone(),
                e["to"].clone(),
            )
        })
        .collect()
}

#[test]
fn each_field_is_corrected_by_its_flag_in_one_event_with_who_when_and_why() {
    let q = Queue::new();
    let id = q.open(
        "09:00",
        "Printer jams",
        &["--tag", "trial", "--priority", "low"],
    );
    let out = q.ok(
        "bob",
        "09:30",
        &[
            "edit",
            &id.to_string(),
            "--title",
            "Printer jams on every page",
            "--description",
            "Model X200, since the update",
            "--customer",
            "Acme Ltd",
            "--tier",
            "gold",
            "--channel",
            "phone",
            "--category",
            "financial",
            "--tag",
            "vip",
            "--untag",
            "trial",
            "--reason",
            "the account manager called",
        ],
    );
    assert_eq!(
        out,
        format!(
            "#{id} edited: title Printer jams on every page; description rewritten; \
             customer Acme Ltd; channel phone; tier gold; category financial; tags vip\n"
        )
    );
    let t = q.ticket(id);
    assert_eq!(t["title"], "Printer jams on every page");
    assert_eq!(t["description"], "Model X200, since the update");
    assert_eq!(t["customer"], "Acme Ltd");
    assert_eq!(t["tier"], "gold");
    assert_eq!(t["channel"], "phone");
    assert_eq!(t["category"], "financial");
    assert_eq!(t["tags"], serde_json::json!(["vip"]));

    let e = last_event(&q, id);
    assert_eq!(e["kind"], "edited");
    assert_eq!(e["actor"], "bob");
    assert_eq!(e["at"], "2026-11-23T09:30:00Z");
    assert_eq!(e["reason"], "the account manager called");
    let fields: Vec<String> = edits(&e).into_iter().map(|(f, _, _)| f).collect();
    assert_eq!(
        fields,
        [
            "title",
            "description",
            "customer",
            "channel",
            "tier",
            "category",
            "tags"
        ]
    );
    assert_eq!(edits(&e)[6], ("tags".into(), "trial".into(), "vip".into()));

    // The timeline says it in words.
    let shown = q.ok(
        "ann",
        "09:31",
        &["show", &id.to_string(), "--format", "table"],
    );
    assert!(shown.contains("tier changed from"), "{shown}");
}

#[test]
fn an_edit_that_changes_the_sla_rule_needs_a_reason_and_keeps_the_clock() {
    let q = Queue::new();
    let id = q.open("09:00", "Shop down", &[]).to_string();
    // The default policy answers `urgent` in 1h and the rest in 4h; the
    // 20 minutes spent waiting on the customer do not count.
    q.ok("ann", "09:10", &["pending", &id]);
    q.ok("ann", "09:30", &["resume", &id]);
    let err = q.fails("ann", "09:40", &["edit", &id, "--priority", "urgent"], 2);
    assert!(
        err.contains(&format!(
            "this edit moves ticket #{id} from SLA rule `standard` to `urgent`"
        )),
        "{err}"
    );
    assert!(err.contains("--reason"), "{err}");
    assert_eq!(
        q.ticket(id.parse().unwrap())["priority"],
        "normal",
        "nothing changed"
    );

    q.ok(
        "ann",
        "09:40",
        &[
            "edit",
            &id,
            "--priority",
            "urgent",
            "--reason",
            "whole shop down",
        ],
    );
    let t = q.ticket(id.parse().unwrap());
    // 10 + 10 minutes ran: 40 of the hour are left at 09:40.
    assert_eq!(t["due"]["sla_at"], "2026-11-23T10:20:00Z");
    q.ok("cron", "10:30", &["tick"]);
    let breach = q
        .events(id.parse().unwrap())
        .into_iter()
        .find(|e| e["kind"] == "breached")
        .unwrap();
    assert_eq!(breach["due_at"], "2026-11-23T10:20:00Z");

    // Lowered again after the breach: it stays breached, once.
    q.ok(
        "ann",
        "10:40",
        &[
            "edit",
            &id,
            "--priority",
            "normal",
            "--reason",
            "a workaround is in place",
        ],
    );
    q.ok("cron", "18:00", &["tick"]);
    let t = q.ticket(id.parse().unwrap());
    assert_eq!(t["due"]["breached_at"], "2026-11-23T10:20:00Z");
    let breaches = q
        .events(id.parse().unwrap())
        .into_iter()
        .filter(|e| e["kind"] == "breached" && e["detail"]["clock"] == "first-response")
        .count();
    assert_eq!(breaches, 1);
}

#[test]
fn an_edit_that_keeps_the_sla_rule_needs_no_reason() {
    let q = Queue::new();
    let id = q.open("09:00", "Slow page", &[]).to_string();
    q.ok("ann", "09:10", &["edit", &id, "--priority", "high"]);
    let e = last_event(&q, id.parse().unwrap());
    assert_eq!(
        edits(&e),
        [("priority".into(), "normal".into(), "high".into())]
    );
    assert!(e.get("reason").is_none(), "{e}");
}

#[test]
fn bad_or_empty_edits_say_what_to_do_and_change_nothing() {
    let q = Queue::new();
    let id = q.open("09:00", "Slow page", &[]).to_string();
    let before = q.events(id.parse().unwrap()).len();
    let err = q.fails("ann", "09:10", &["edit", &id], 2);
    assert!(err.contains("nothing to change"), "{err}");
    let err = q.fails("ann", "09:10", &["edit", &id, "--priority", "asap"], 2);
    assert!(err.contains("unknown priority `asap`"), "{err}");
    let err = q.fails("ann", "09:10", &["edit", &id, "--title", "  "], 2);
    assert!(err.contains("title"), "{err}");
    let err = q.fails("ann", "09:10", &["edit", &id, "--tag", "two words"], 2);
    assert!(err.contains("invalid tag"), "{err}");
    let err = q.fails("ann", "09:10", &["edit", &id, "--title", "Slow page"], 4);
    assert!(err.contains("nothing changed"), "{err}");
    assert_eq!(q.events(id.parse().unwrap()).len(), before);
}

#[test]
fn on_a_terminal_each_field_is_asked_with_its_current_value() {
    let q = Queue::new();
    let id = q.open("09:00", "Printer", &["--tag", "trial"]).to_string();
    let mut t = Terminal::spawn(q.esc("bob", "10:00", &["edit", &id]), 100);
    t.expect("Title");
    t.send(" jams\r");
    t.expect("Customer");
    t.send("\r");
    t.expect("Customer e-mail");
    t.send("\r");
    t.expect("Priority");
    t.send("\x1b[B\r"); // one down from `normal`: `low`
    t.expect("Tier");
    t.send("\r");
    t.expect("Category");
    t.send("\r");
    t.expect("Channel");
    t.send("\r");
    t.expect("Tags");
    t.send(" vip\r");
    t.expect("Why");
    t.send("typo in the title\r");
    let (code, printed) = t.finish();
    assert_eq!(code, Some(0), "{printed}");
    let ticket = q.ticket(id.parse().unwrap());
    assert_eq!(ticket["title"], "Printer jams");
    assert_eq!(ticket["priority"], "low");
    assert_eq!(ticket["tags"], serde_json::json!(["trial", "vip"]));
    let e = last_event(&q, id.parse().unwrap());
    assert_eq!(e["actor"], "bob");
    assert_eq!(e["reason"], "typo in the title");
    let fields: Vec<String> = edits(&e).into_iter().map(|(f, _, _)| f).collect();
    assert_eq!(fields, ["title", "priority", "tags"]);
}
