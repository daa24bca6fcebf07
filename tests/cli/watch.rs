//! Watchers told of everything a person or the policy does to a ticket,
//! each occurrence once; addresses a ticket copies receiving what its
//! customer receives, and nothing internal.

use serde_json::Value;

use super::mail_in::kept;
use super::support::Queue;

/// The default policy, dana reached through a mailbox file, and an update
/// on resolving through a mail server nothing listens at (the outbox
/// keeps what it would send).
fn queue() -> Queue {
    Queue::with_default_and(|_| {
        "[people.dana]\nmailbox = \"dana.mbox\"\n\n\
         [[customer_updates]]\nid = \"done\"\non = \"resolved\"\n\
         subject = \"#{ticket} is {status}\"\ntext = \"Dear {customer}, #{ticket} is {status}.\"\n\n\
         [delivery]\nbackground = false\n\n\
         [delivery.smtp]\nhost = \"127.0.0.1\"\nport = 9\ntls = \"none\"\nfrom = \"help@example.com\"\n"
            .to_string()
    })
}

/// What dana's notifications are about: (ticket, event kind, role).
fn told_dana(q: &Queue) -> Vec<(i64, String, String)> {
    let kinds: std::collections::HashMap<i64, String> = (1..=2)
        .flat_map(|id| q.events(id))
        .map(|e| {
            (
                e["id"].as_i64().unwrap(),
                e["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    q.outbox()
        .iter()
        .filter(|n| n["name"] == "dana")
        .map(|n| {
            (
                n["ticket"].as_i64().unwrap(),
                kinds[&n["event"].as_i64().unwrap()].clone(),
                n["role"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_watcher_is_told_of_what_people_and_the_policy_do_each_once() {
    let q = queue();
    q.open("09:00", "Card charged twice", &[]);
    q.open("09:01", "Not watched", &[]);
    let said = q.ok("ann", "09:05", &["watch", "1", "--for", "dana"]);
    assert_eq!(said, "dana watches #1\n");
    let said = q.ok("ann", "09:05", &["watch", "1", "--for", "lee"]);
    assert_eq!(
        said,
        "lee watches #1; what lee is told waits: the policy gives no way to reach lee: \
         add [people.lee] with an email, a webhook, a command or a mailbox\n"
    );
    q.ok("ann", "09:10", &["note", "1", "called the bank"]);
    q.ok("ann", "09:10", &["note", "2", "nobody watches this"]);
    q.ok("dana", "09:20", &["note", "1", "my own note"]);
    // 13:00: the first-response breach, and the no-reply/senior step,
    // which notifies dana itself: one notification, not two.
    q.ok("cron", "13:05", &["tick"]);
    q.ok("dana", "13:10", &["ack", "1"]);
    assert_eq!(
        told_dana(&q),
        [
            (1, "noted".to_string(), "watching".to_string()),
            (1, "warned".to_string(), "watching".to_string()),
            (1, "breached".to_string(), "watching".to_string()),
            (1, "escalated".to_string(), "escalation-manager".to_string()),
            (2, "escalated".to_string(), "escalation-manager".to_string()),
        ],
        "not the opening before, not her own note, not deliveries or her ack, once per event"
    );
    // Delivered through her channel like every notification.
    let delivered: Vec<Value> = q
        .outbox()
        .into_iter()
        .filter(|n| n["name"] == "dana")
        .collect();
    assert!(
        delivered.iter().all(|n| n["status"] == "sent"),
        "{delivered:?}"
    );
    let mbox = std::fs::read_to_string(q.path("dana.mbox")).unwrap();
    assert!(mbox.contains("called the bank"), "{mbox}");
    // Unwatched, she hears of nothing more than a rule tells her.
    q.ok("dana", "13:20", &["watch", "1", "--unwatch"]);
    q.ok("ann", "13:30", &["note", "1", "after"]);
    assert_eq!(told_dana(&q).len(), 5);
    let err = q.fails("dana", "13:31", &["watch", "1", "--unwatch"], 4);
    assert_eq!(
        err,
        "error: dana does not watch ticket #1; nothing to stop\n"
    );
    let shown = q.ok("ann", "13:40", &["show", "1"]);
    assert!(shown.contains(" watchers        lee"), "{shown}");
    assert!(
        shown.contains("dana watches it: told of everything"),
        "{shown}"
    );
}

#[test]
fn copies_receive_what_the_customer_receives_and_nothing_internal() {
    let q = queue();
    q.open(
        "09:00",
        "Card charged twice",
        &["--email", "maria@example.com"],
    );
    q.ok(
        "ann",
        "09:05",
        &["edit", "1", "--cc", "accounts@example.com"],
    );
    q.ok("ann", "09:10", &["note", "1", "internal: card ending 4242"]);
    let said = q.ok("ann", "09:15", &["respond", "1", "We are on it"]);
    assert_eq!(
        said,
        "#1 first response sent to maria@example.com, copied to accounts@example.com\n"
    );
    q.ok(
        "ann",
        "09:20",
        &[
            "resolve",
            "1",
            "--summary",
            "refunded",
            "--root-cause",
            "process",
        ],
    );
    let mut to: Vec<(String, String)> = q
        .outbox()
        .iter()
        .filter(|n| n["audience"] == "customer")
        .map(|n| {
            (
                n["name"].as_str().unwrap().to_string(),
                n["subject"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    to.sort();
    assert_eq!(
        to,
        [
            (
                "accounts@example.com".to_string(),
                "#1 is resolved".to_string()
            ),
            (
                "accounts@example.com".to_string(),
                "Re: Card charged twice [esc #1]".to_string()
            ),
            (
                "maria@example.com".to_string(),
                "#1 is resolved".to_string()
            ),
            (
                "maria@example.com".to_string(),
                "Re: Card charged twice [esc #1]".to_string()
            ),
        ]
    );
}

#[test]
fn a_customers_mail_copies_its_cc_on_the_ticket_it_opens() {
    let q = Queue::new();
    kept(
        &q,
        "09:00",
        "From: Maria <maria@example.com>\nTo: help@example.com\n\
         Cc: Boss <boss@example.com>, MARIA@example.com, not an address\n\
         Subject: Card charged twice\nMessage-ID: <m1@example.com>\n\
         Date: Mon, 23 Nov 2026 09:00:00 +0000\n\nPlease help.\n",
    );
    assert_eq!(q.ticket(1)["cc"], serde_json::json!(["boss@example.com"]));
}
