//! Customers kept informed: the policy's updates reach the customer's
//! e-mail through the real SMTP server, in the customer's words only.

use mail_parser::MessageParser;
use serde_json::Value;

use super::support::{Queue, Smtp, address_for, smtp};

const UPDATES: &str = r#"
[[customer_updates]]
id = "received"
on = "opened"
subject = "We have your request #{ticket}: {title}"
text = """
Dear {customer},

we have your request "{title}" (#{ticket}). You will hear from us by {next_response}.
"""

[[customer_updates]]
id = "specialists"
on = "escalated"
teams = ["finance", "technical"]
subject = "Your request #{ticket} is with our {team} team"
text = """
Dear {customer},

your request #{ticket} is now with our {team} team ({level}). They will answer by {next_response}.
"""

[[customer_updates]]
id = "again"
on = "reopened"
subject = "We are looking at #{ticket} again"
text = """
Dear {customer},

we are sorry it is not settled: #{ticket} is {status} again, with our {team} team.
"""

[[customer_updates]]
id = "done"
on = "resolved"
subject = "Your request #{ticket} is {status}"
text = """
Dear {customer},

#{ticket} is {status}. Tell us how we did: reply with a score from 1 to 5.
"""
"#;

/// The default policy with customer updates, sending through `server`,
/// delivered by `esc tick` so that the order of sending is the test's.
fn queue(server: &Smtp) -> Queue {
    Queue::with_default_and(|_| {
        format!(
            "{UPDATES}\n[delivery]\nbackground = false\n\n{}",
            server.policy()
        )
    })
}

/// (subject, body) of each message to `to`, in the order they were sent.
fn mail_to(server: &Smtp, to: &str) -> Vec<(String, String)> {
    let mut all: Vec<(i64, String, String)> = server
        .received_by(to)
        .iter()
        .map(|raw| {
            let m = MessageParser::default().parse(raw.as_bytes()).unwrap();
            (
                m.header_raw("X-Esc-Notification")
                    .unwrap()
                    .trim()
                    .parse()
                    .unwrap(),
                m.subject().unwrap().to_string(),
                // The server's copy ends with the line break SMTP adds.
                format!(
                    "{}\n",
                    m.body_text(0).unwrap().replace("\r\n", "\n").trim_end()
                ),
            )
        })
        .collect();
    all.sort();
    all.into_iter().map(|(_, s, b)| (s, b)).collect()
}

#[test]
fn the_customer_hears_of_escalation_resolution_and_reopening_and_nothing_internal() {
    let server = smtp();
    let q = queue(&server);
    let maria = address_for(&q, "maria");
    let id = q
        .ok(
            "ann",
            "09:00",
            &[
                "open",
                "--quiet",
                "--title",
                "Card charged twice",
                "--customer",
                "Maria Lopez",
                "--email",
                &maria,
                "--channel",
                "email",
                "--category",
                "financial",
            ],
        )
        .trim()
        .to_string();
    q.ok(
        "ann",
        "09:10",
        &["note", &id, "internal: third complaint, be careful"],
    );
    let out = q.ok(
        "ann",
        "09:20",
        &[
            "escalate",
            &id,
            "--team",
            "finance",
            "--reason",
            "duplicate charge; card ending 4242",
        ],
    );
    assert!(out.contains("finance"), "{out}");
    // Up a level within finance: no team change, so no update.
    q.ok(
        "bob",
        "09:30",
        &[
            "escalate",
            &id,
            "--up",
            "--reason",
            "bob could not refund it",
        ],
    );
    q.ok(
        "bob",
        "10:00",
        &[
            "resolve",
            &id,
            "--summary",
            "refunded; bob's mistake",
            "--root-cause",
            "process",
        ],
    );
    // A low score reopens it for a senior, by the policy's trigger.
    q.ok(
        "ann",
        "10:05",
        &["csat", &id, "1", "--comment", "still charged"],
    );
    let out = q.ok("cron", "10:06", &["tick"]);
    assert!(
        out.contains("delivered 4 notifications\n1 notification for dana waits"),
        "{out}"
    );

    let got = mail_to(&server, &maria);
    let expected = [
        (
            "We have your request #1: Card charged twice",
            "Dear Maria Lopez,\n\nwe have your request \"Card charged twice\" (#1). You will hear from us by Monday 23 November 2026, 13:00 UTC.\n",
        ),
        (
            "Your request #1 is with our Billing and payments team",
            "Dear Maria Lopez,\n\nyour request #1 is now with our Billing and payments team (Agent). They will answer by Monday 23 November 2026, 13:00 UTC.\n",
        ),
        (
            "Your request #1 is resolved",
            "Dear Maria Lopez,\n\n#1 is resolved. Tell us how we did: reply with a score from 1 to 5.\n",
        ),
        (
            "We are looking at #1 again",
            "Dear Maria Lopez,\n\nwe are sorry it is not settled: #1 is open again, with our Billing and payments team.\n",
        ),
    ];
    let got_refs: Vec<(&str, &str)> = got.iter().map(|(s, b)| (s.as_str(), b.as_str())).collect();
    assert_eq!(got_refs, expected);
    // What the customer reads (the address is left out: it is random).
    let everything: String = got.iter().map(|(s, b)| format!("{s}\n{b}")).collect();
    for internal in [
        "4242",
        "third complaint",
        "bob",
        "ann",
        "breach",
        "dana",
        "process",
        "L1",
    ] {
        assert!(
            !everything.contains(internal),
            "`{internal}` reached the customer"
        );
    }

    // The queue keeps what was sent, as sent; `show` lists it.
    let kept: Vec<Value> = q.outbox();
    let customer: Vec<&Value> = kept
        .iter()
        .filter(|n| n["audience"] == "customer")
        .collect();
    assert_eq!(customer.len(), 4);
    assert_eq!(customer[1]["role"], "specialists");
    assert_eq!(customer[1]["subject"], expected[1].0);
    assert_eq!(customer[1]["body"], expected[1].1);
    let show = q.ok("ann", "11:00", &["show", &id]);
    assert!(show.contains(&format!("Maria Lopez <{maria}>")), "{show}");
    assert_eq!(
        show.matches(&format!("customer {maria}")).count(),
        4,
        "{show}"
    );
}

#[test]
fn without_an_address_the_customer_is_sent_nothing_and_an_edit_gives_one() {
    let server = smtp();
    let q = queue(&server);
    let id = q.open("09:00", "no address yet", &[]).to_string();
    q.ok(
        "ann",
        "09:10",
        &["escalate", &id, "--team", "technical", "--reason", "x"],
    );
    let kept: Vec<Value> = q.outbox();
    assert!(kept.iter().all(|n| n["audience"] != "customer"), "{kept:?}");

    let err = q.fails(
        "ann",
        "09:20",
        &["edit", &id, "--email", "acme at example"],
        2,
    );
    assert!(
        err.contains("`acme at example` is not an e-mail address"),
        "{err}"
    );
    let acme = address_for(&q, "acme");
    let out = q.ok("ann", "09:20", &["edit", &id, "--email", &acme]);
    assert_eq!(out, format!("#{id}: the customer's e-mail is now {acme}\n"));
    let edited = q.events(id.parse().unwrap()).last().unwrap().clone();
    assert_eq!(edited["kind"], "edited");
    assert_eq!(edited["detail"]["edited"][0]["to"], acme.as_str());

    q.ok(
        "ann",
        "09:30",
        &[
            "resolve",
            &id,
            "--summary",
            "fixed",
            "--root-cause",
            "product-bug",
        ],
    );
    q.ok("cron", "09:31", &["tick"]);
    let got = mail_to(&server, &acme);
    assert_eq!(got.len(), 1, "only what came after the address: {got:?}");
    assert_eq!(got[0].0, format!("Your request #{id} is resolved"));

    q.ok("ann", "09:40", &["edit", &id, "--no-email"]);
    q.ok("ann", "09:50", &["reopen", &id, "--reason", "back"]);
    q.ok("cron", "09:51", &["tick"]);
    assert_eq!(mail_to(&server, &acme).len(), 1, "no address, no mail");
}

#[test]
fn a_dry_run_says_which_updates_the_customer_would_be_sent() {
    // No mail server is reached: a dry run sends nothing.
    let q = Queue::with_default_and(|_| {
        "[[customer_updates]]\nid = \"moved\"\non = \"escalated\"\nsubject = \"#{ticket}\"\ntext = \"{team}\"\n\n\
         [delivery.smtp]\nhost = \"127.0.0.1\"\nport = 9\ntls = \"none\"\nfrom = \"esc@example.com\"\n"
            .to_string()
    });
    q.open("09:00", "no reply", &["--email", "maria@example.com"]);
    let out = q.ok("cron", "16:00", &["tick", "--dry-run"]);
    assert!(
        out.ends_with("would deliver 4 notifications: dana (2, waits: the policy gives no way to reach dana), the customer at maria@example.com (2)\n"),
        "{out}"
    );
    assert!(q.outbox().is_empty(), "a dry run queues nothing");
}
