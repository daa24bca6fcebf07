//! `esc redact`: a customer's personal data erased for good, the figures
//! and the shape of the log kept.

use serde_json::Value;

use super::support::{Backend, Queue, backend};

const NAME: &str = "Maria Lopez";
const SECRET: &str = "card ending 4242";

fn queue() -> Queue {
    let q = Queue::with_default_and(|_| {
        "[[customer_updates]]\nid = \"received\"\non = \"opened\"\nsubject = \"#{ticket}: {title}\"\n\
         text = \"Dear {customer}\"\n\n[delivery]\nbackground = false\n\n\
         [people.dana]\ncommand = [\"sh\", \"-c\", \"cat >&2; exit 3\"]\n\n\
         [delivery.smtp]\nhost = \"127.0.0.1\"\nport = 9\ntls = \"none\"\nfrom = \"esc@example.com\"\n"
            .to_string()
    });
    // #3 is opened with her address: its update waits, undeliverable.
    for (title, customer, email) in [
        ("Charged twice", NAME, None),
        ("Other", "Tom Berg", None),
        ("Charged again", NAME, Some("maria.lopez@example.com")),
    ] {
        let mut args = vec![
            "open",
            "-q",
            "--title",
            title,
            "--customer",
            customer,
            "--description",
            SECRET,
            "--channel",
            "email",
            "--category",
            "financial",
        ];
        args.extend(email.iter().flat_map(|e| ["--email", e]));
        q.ok("ann", "09:00", &args);
    }
    q.ok(
        "ann",
        "09:05",
        &["edit", "1", "--email", "maria@example.com"],
    );
    q.ok(
        "ann",
        "09:10",
        &["note", "1", &format!("she read out her {SECRET}")],
    );
    q.ok(
        "ann",
        "09:20",
        &["escalate", "1", "--team", "finance", "-r", SECRET],
    );
    q.ok(
        "ann",
        "09:30",
        &[
            "resolve",
            "1",
            "--summary",
            SECRET,
            "--root-cause",
            "process",
        ],
    );
    q.ok("ann", "09:35", &["csat", "1", "4"]);
    // #3 goes unanswered: dana is told by a command that fails, echoing
    // the message (its title) into the outbox's last error.
    q.ok("cron", "13:30", &["tick"]);
    q
}

#[test]
fn redacting_a_customer_erases_their_data_and_keeps_every_figure() {
    let q = queue();
    let report_before = q.json("dana", "14:00", &["report", "--since", "2026-11-23"]);
    let kinds_before = q.kinds(1);

    let err = q.fails("dana", "14:00", &["redact", "--customer", NAME], 2);
    assert!(
        err.contains("(nobody to ask)") && err.contains("--yes"),
        "{err}"
    );
    let out = q.ok(
        "dana",
        "14:00",
        &[
            "redact",
            "--customer",
            NAME,
            "--reason",
            "erasure request 114",
            "--yes",
        ],
    );
    assert_eq!(out, "erased the personal data of 2 tickets: #1, #3\n");

    let t = q.ticket(1);
    assert_eq!(
        (&t["customer"], &t["title"], &t["description"]),
        (
            &Value::from("[redacted]"),
            &Value::from("[redacted]"),
            &Value::from("")
        )
    );
    assert!(t.get("email").is_none(), "{t}");
    assert_eq!(t["resolution"], "[redacted]");
    assert_eq!(
        (&t["root_cause"], &t["csat"]),
        (&Value::from("process"), &Value::from(4))
    );
    // The log keeps its shape, one tombstone more; no text survives.
    let events = q.events(1);
    let kinds: Vec<String> = events
        .iter()
        .map(|e| e["kind"].as_str().unwrap().into())
        .collect();
    assert_eq!(kinds[..kinds.len() - 1], kinds_before[..]);
    let last = events.last().unwrap();
    assert_eq!(
        (&last["kind"], &last["actor"], &last["reason"]),
        (
            &Value::from("redacted"),
            &Value::from("dana"),
            &Value::from("erasure request 114")
        )
    );
    let everything =
        serde_json::to_string(&events).unwrap() + &serde_json::to_string(&q.outbox()).unwrap();
    let errors: Vec<Value> = q
        .outbox()
        .into_iter()
        .filter(|n| n["ticket"] == 3)
        .collect();
    assert_eq!(errors[0]["last_error"], "[redacted]", "{errors:?}");
    for gone in [
        NAME,
        SECRET,
        "maria@example.com",
        "Charged twice",
        "Charged again",
    ] {
        assert!(
            !everything.contains(gone),
            "`{gone}` survived in {everything}"
        );
    }
    assert_eq!(
        q.ticket(2)["customer"],
        "Tom Berg",
        "another customer is untouched"
    );
    assert_eq!(q.ticket(2)["description"], SECRET);

    // The figures are the same.
    let report_after = q.json("dana", "14:00", &["report", "--since", "2026-11-23"]);
    for part in ["volume", "escalations", "sla", "quality"] {
        assert_eq!(
            report_after["total"][part], report_before["total"][part],
            "{part}"
        );
    }
    // And the old text is nowhere in the queue: in its export, in the
    // rows the server holds and its dump, or, in a file, anywhere in its
    // bytes.
    let gone = [
        NAME,
        "maria@example.com",
        "maria.lopez@example.com",
        "she read out",
        "Charged again",
    ];
    let export = q.ok("dana", "14:00", &["export"]);
    for gone in gone {
        assert!(!export.contains(gone), "`{gone}` is still in the export");
    }
    // And the export moves: an erased customer's update waits for no one.
    std::fs::write(q.path("erased.jsonl"), &export).unwrap();
    let moved = q
        .on(
            q.another("moved.db"),
            "dana",
            "14:00",
            &["import", "erased.jsonl"],
        )
        .output()
        .unwrap();
    assert!(
        moved.status.success(),
        "{}",
        String::from_utf8_lossy(&moved.stderr)
    );
    if backend() == Backend::Postgres {
        let stored = q.stored();
        let dump = std::process::Command::new("pg_dump")
            .args(["--no-owner", "--data-only"])
            .arg(q.db())
            .output()
            .expect("pg_dump runs (scripts/test installs PostgreSQL)");
        assert!(
            dump.status.success(),
            "{}",
            String::from_utf8_lossy(&dump.stderr)
        );
        let dump = String::from_utf8_lossy(&dump.stdout);
        assert!(dump.contains("Tom Berg"), "the dump holds the queue's data");
        for gone in gone {
            assert!(!stored.contains(gone), "`{gone}` is still stored");
            assert!(!dump.contains(gone), "`{gone}` is still in a dump");
        }
        return;
    }
    let mut bytes = std::fs::read(q.file()).unwrap();
    if let Ok(wal) = std::fs::read(q.path("queue.db-wal")) {
        bytes.extend(wal);
    }
    for gone in gone {
        let at = bytes.windows(gone.len()).position(|w| w == gone.as_bytes());
        assert!(
            at.is_none(),
            "`{gone}` is still in the file: {:?}",
            at.map(|i| String::from_utf8_lossy(&bytes[i.saturating_sub(80)..i + 40]).to_string())
        );
    }
}

#[test]
fn the_log_allows_redaction_and_nothing_else() {
    let q = queue();
    for forbidden in [
        "UPDATE events SET actor = 'mallory' WHERE ticket_id = 1",
        "UPDATE events SET reason = 'made up' WHERE ticket_id = 1 AND reason IS NOT NULL",
        "UPDATE events SET at = at + 1, reason = '[redacted]' WHERE ticket_id = 1",
        "UPDATE events SET detail = NULL WHERE kind = 'opened'",
        "DELETE FROM events WHERE ticket_id = 1",
    ] {
        let err = q.execute(forbidden, &[]).unwrap_err();
        assert!(err.contains("append-only"), "{forbidden}: {err}");
    }
    q.execute(
        "UPDATE events SET reason = '[redacted]' WHERE ticket_id = 1 AND reason IS NOT NULL",
        &[],
    )
    .unwrap();
    // The one name that may go: a customer's, where their mail acted.
    q.execute(
        "UPDATE events SET actor = '[redacted]' WHERE ticket_id = 1 AND kind = 'opened'",
        &[],
    )
    .unwrap();
}
