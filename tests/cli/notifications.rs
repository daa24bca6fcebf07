//! Notifications are kept in the queue's outbox with the events that ask
//! for them: one per event and person, never twice, never without the event.

use serde_json::Value;

use super::support::{Queue, repo_file};

fn outbox(q: &Queue) -> Vec<Value> {
    q.json("ann", "2026-11-30T00:00:00Z", &["outbox", "--all"])
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn each_notify_queues_one_notification_per_person_and_event() {
    let q = Queue::new();
    q.open("09:00", "no reply", &[]);
    assert_eq!(
        q.ok("ann", "09:30", &["outbox"]),
        "the outbox is empty: nothing waits for delivery\n"
    );
    q.ok("cron", "16:00", &["tick", "--dry-run"]);
    assert!(outbox(&q).is_empty(), "a dry run queues nothing");

    q.ok("cron", "16:00", &["tick"]);
    let queued = outbox(&q);
    let events = q.events(1);
    let asked: Vec<(i64, &str)> = events
        .iter()
        .filter_map(|e| {
            let notify = e["detail"]["rule"]["notify"].as_array()?;
            Some(
                notify
                    .iter()
                    .map(move |r| (e["id"].as_i64().unwrap(), r["name"].as_str().unwrap())),
            )
        })
        .flatten()
        .collect();
    let kept: Vec<(i64, &str)> = queued
        .iter()
        .map(|n| (n["event"].as_i64().unwrap(), n["name"].as_str().unwrap()))
        .collect();
    assert_eq!(kept, asked, "one row per event and person, in order");
    assert_eq!(kept.len(), 2);
    for n in &queued {
        assert_eq!(n["status"], "pending");
        assert_eq!(n["role"], "escalation-manager");
        assert_eq!(n["queued_at"], "2026-11-23T16:00:00Z");
    }
    q.ok("cron", "16:05", &["tick"]);
    assert_eq!(outbox(&q).len(), 2, "a second tick queues nothing again");

    let text = q.ok("ann", "16:10", &["outbox"]);
    assert!(text.contains(" dana "), "{text}");
    assert!(text.ends_with("2 waiting, 0 given up on\n"), "{text}");
}

#[test]
fn a_role_reaches_each_member_once() {
    let text = std::fs::read_to_string(repo_file("sample-policies/default.toml"))
        .unwrap()
        .replace(
            "escalation-manager = [\"dana\"]",
            "escalation-manager = [\"dana\", \"omar\"]",
        );
    assert!(
        text.contains("\"omar\""),
        "the default policy's role changed"
    );
    let q = Queue::with_policy(&text);
    q.open("09:00", "no reply", &[]);
    q.ok("cron", "16:00", &["tick"]);
    let mut names: Vec<String> = outbox(&q)
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["dana", "dana", "omar", "omar"]);
}

#[test]
fn a_refused_command_queues_nothing() {
    let q = Queue::new();
    q.open("09:00", "no reply", &[]);
    // Overdue escalations would notify, but the refusal rolls them back.
    q.fails(
        "ann",
        "15:30",
        &["escalate", "1", "--level", "L2", "-r", "x"],
        4,
    );
    assert!(outbox(&q).is_empty());
}
