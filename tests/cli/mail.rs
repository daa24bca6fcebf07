//! E-mail through a real SMTP server on loopback (aiosmtpd, started by
//! `scripts/test`), and into a local mbox file: what arrives is read back
//! as a mail client reads it.

use mail_parser::MessageParser;

use super::support::{Queue, address_for, smtp};

/// A queue under the default policy where `dana` is reached by `channel`,
/// with `extra` policy text after it.
fn queue_with(channel: impl Fn(&Queue) -> String, extra: &str) -> Queue {
    Queue::with_default_and(|q| {
        format!(
            "[people.dana]\n{}\n\n[delivery]\nattempts = 3\ntimeout = \"5s\"\n\n{extra}",
            channel(q)
        )
    })
}

#[test]
fn an_escalation_arrives_by_smtp_with_its_notification_id_as_message_id() {
    let server = smtp();
    let q = queue_with(
        |q| format!("email = \"{}\"", address_for(q, "dana")),
        &server.policy(),
    );
    let dana = address_for(&q, "dana");
    let title = r#"Refund "now"; $(touch pwned) & echo 'hi'"#;
    q.open("09:00", title, &[]);

    let out = q.ok("cron", "16:00", &["tick"]);
    assert!(out.ends_with("delivered 2 notifications\n"), "{out}");

    let received = server.received_by(&dana);
    assert_eq!(received.len(), 2, "one message per notification");
    let mut ids = Vec::new();
    for raw in &received {
        let mail = MessageParser::default().parse(raw.as_bytes()).unwrap();
        assert_eq!(
            mail.header_raw("X-MailFrom").map(str::trim),
            Some("esc@desk.example")
        );
        let from = mail.from().unwrap().first().unwrap();
        assert_eq!(
            (from.name(), from.address()),
            (Some("Support desk"), Some("esc@desk.example"))
        );
        assert_eq!(
            mail.to().unwrap().first().unwrap().address(),
            Some(dana.as_str())
        );
        let subject = mail.subject().unwrap();
        assert!(
            subject.starts_with(&format!("[esc #1] {title} — ")),
            "{subject}"
        );
        // Dated by the command's clock, not the machine's.
        assert_eq!(mail.date().unwrap().to_rfc3339(), "2026-11-23T16:00:00Z");
        let id = mail
            .header_raw("X-Esc-Notification")
            .unwrap()
            .trim()
            .to_string();
        assert_eq!(
            mail.message_id(),
            Some(format!("esc.notification.{id}.ticket.1@desk.example").as_str())
        );
        let body = mail.body_text(0).unwrap();
        for part in [
            "Ticket #1: ",
            "Customer: acme (Standard)",
            "What happened (2026-11-23T16:00:00Z): ",
            "You are told as escalation-manager.",
            "See more: esc show 1",
            &format!("Notification {id} (use it to drop duplicates)."),
        ] {
            assert!(body.contains(part), "`{part}` not in:\n{body}");
        }
        ids.push(id);
    }
    ids.sort();
    assert_eq!(ids, ["1", "2"]);
    assert!(!q.path("pwned").exists(), "the title ran nothing");
    assert!(q.outbox().iter().all(|n| n["status"] == "sent"));

    q.ok("cron", "16:05", &["tick"]);
    assert_eq!(server.received_by(&dana).len(), 2, "sent once, not again");
}

#[test]
fn a_mail_server_that_does_not_answer_is_retried_and_named() {
    // A port nothing listens on: bound, then let go.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let q = queue_with(
        |_| "email = \"dana@example.com\"".into(),
        &format!(
            "[delivery.smtp]\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\nfrom = \"esc@desk.example\"\nusername = \"esc\"\npassword_env = \"ESC_TEST_SMTP_PASSWORD\"\nplaintext_login = true\n"
        ),
    );
    q.open("09:00", "no reply", &[]);
    let out = q
        .esc("cron", "16:00", &["tick"])
        .env("ESC_TEST_SMTP_PASSWORD", "hunter2-secret")
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.ends_with("delivered 0 notifications; 2 to retry\n"),
        "{out}"
    );
    let waiting = &q.outbox()[0];
    let error = waiting["last_error"].as_str().unwrap();
    assert!(error.starts_with(&format!("127.0.0.1:{port}: ")), "{error}");
    assert_eq!(waiting["next_attempt_at"], "2026-11-23T16:01:00Z");
    let queue = q.stored();
    assert!(
        !queue.contains("hunter2"),
        "the password is nowhere in the queue"
    );

    // Without the password the attempt fails before any connection, saying
    // where the password was to come from.
    q.ok("cron", "16:01", &["tick"]);
    assert_eq!(
        q.outbox()[0]["last_error"],
        "the SMTP password cannot be had: $ESC_TEST_SMTP_PASSWORD is not set"
    );
}

#[test]
fn a_local_mailbox_receives_mbox_entries_a_mail_reader_opens() {
    let q = queue_with(|_| "mailbox = \"dana.mbox\"".into(), "");
    q.open("09:00", "From the start", &[]);
    let out = q.ok("cron", "16:00", &["tick"]);
    assert!(out.ends_with("delivered 2 notifications\n"), "{out}");
    let mbox = std::fs::read_to_string(q.path("dana.mbox")).unwrap();
    let entries: Vec<&str> = mbox.split("\n\nFrom esc@localhost ").collect();
    assert_eq!(entries.len(), 2, "{mbox}");
    assert!(
        mbox.starts_with("From esc@localhost Mon Nov 23 16:00:00 2026\n"),
        "{mbox}"
    );
    for (i, entry) in entries.iter().enumerate() {
        let body = entry.split_once('\n').unwrap().1;
        let mail = MessageParser::default().parse(body.as_bytes()).unwrap();
        assert_eq!(
            mail.to().unwrap().first().unwrap().address(),
            Some("dana@localhost")
        );
        assert_eq!(
            mail.message_id(),
            Some(format!("esc.notification.{}.ticket.1@localhost", i + 1).as_str())
        );
        assert!(
            mail.subject()
                .unwrap()
                .starts_with("[esc #1] From the start — ")
        );
    }
}
