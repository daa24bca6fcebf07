//! Notifications are kept in the queue's outbox with the events that ask
//! for them: one per event and person, never twice, never without the event.

use serde_json::Value;

use super::support::{Queue, repo_file};

#[test]
fn each_notify_queues_one_notification_per_person_and_event() {
    let q = Queue::new();
    q.open("09:00", "no reply", &[]);
    assert_eq!(
        q.ok("ann", "09:30", &["outbox"]),
        "the outbox is empty: nothing waits for delivery\n"
    );
    q.ok("cron", "16:00", &["tick", "--dry-run"]);
    assert!(q.outbox().is_empty(), "a dry run queues nothing");

    q.ok("cron", "16:00", &["tick"]);
    let queued = q.outbox();
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
    assert_eq!(q.outbox().len(), 2, "a second tick queues nothing again");

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
    let mut names: Vec<String> = q
        .outbox()
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
    assert!(q.outbox().is_empty());
}

/// `n` waits, untried, until `until`, for the reason given.
fn set_aside(n: &Value, until: &str, why: &str) {
    assert_eq!(
        (
            &n["status"],
            &n["attempts"],
            &n["next_attempt_at"],
            &n["last_error"]
        ),
        (
            &Value::from("pending"),
            &Value::from(0),
            &Value::from(until),
            &Value::from(why)
        ),
        "{n}"
    );
}

/// The default policy with `dana` reached by `command` and delivery rules.
fn reaching_dana(command: &str, delivery: &str) -> Queue {
    dana_reached(&format!("command = {command}"), delivery)
}

/// The default policy with `[people.dana]` holding `channel`.
fn dana_reached(channel: &str, delivery: &str) -> Queue {
    let text = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    Queue::with_policy(&format!(
        "{text}\n[people.dana]\n{channel}\n\n[delivery]\n{delivery}\n"
    ))
}

/// A receiver that appends each message to `inbox` and its notification id
/// (from the environment) to `ids`.
const RECORDER: &str = r#"["sh", "-c", "cat >> inbox; printf '\n---\n' >> inbox; echo \"$ESC_NOTIFICATION_ID $ESC_RECIPIENT\" >> ids"]"#;

#[test]
fn deliver_runs_the_persons_command_with_the_message_as_data() {
    let q = reaching_dana(RECORDER, "attempts = 3\ntimeout = \"5s\"");
    let title = r#"Refund "now"; $(touch pwned) `rm -rf x` & echo 'hi' | cat"#;
    q.open("09:00", title, &[]);
    // The tick delivers what it queued, after its commit.
    let out = q.ok("cron", "16:00", &["tick"]);
    assert!(
        out.ends_with("; notify dana (2)\ndelivered 2 notifications\n"),
        "{out}"
    );
    let inbox = std::fs::read_to_string(q.path("inbox")).unwrap();
    assert!(inbox.contains(&format!("[esc #1] {title} — ")), "{inbox}");
    for part in [
        "Ticket #1: ",
        "Customer: acme (Standard)",
        "What happened (2026-11-23T16:00:00Z): ",
        "You are told as escalation-manager.",
        "SLA breached this cycle, first at 2026-11-23T13:00:00Z",
        "See more: esc show 1",
    ] {
        assert!(inbox.contains(part), "`{part}` not in:\n{inbox}");
    }
    assert!(!q.path("pwned").exists(), "the title ran nothing");
    let ids = std::fs::read_to_string(q.path("ids")).unwrap();
    assert_eq!(ids, "1 dana\n2 dana\n");
    let sent = q.outbox();
    assert!(
        sent.iter()
            .all(|n| n["status"] == "sent" && n["attempts"] == 1),
        "{sent:?}"
    );
    assert_eq!(sent[0]["sent_at"], "2026-11-23T16:00:00Z");
    assert_eq!(
        q.ok("cron", "16:00", &["outbox", "deliver"]),
        "nothing to deliver\n"
    );
    assert_eq!(
        q.ok("cron", "16:00", &["outbox"]),
        "the outbox is empty: nothing waits for delivery\n"
    );
}

#[test]
fn a_failing_receiver_is_retried_with_backoff_then_given_up_on() {
    let q = reaching_dana(r#"["sh", "-c", "echo busy >&2; exit 3"]"#, "attempts = 2");
    q.open("09:00", "no reply", &[]);
    let out = q.ok("cron", "16:00", &["tick"]);
    assert!(
        out.ends_with("\ndelivered 0 notifications; 2 to retry\n"),
        "{out}"
    );
    let held = q.outbox();
    assert_eq!(held[0]["last_error"], "`sh` exited with 3: busy");
    assert_eq!(held[0]["next_attempt_at"], "2026-11-23T16:01:00Z");
    assert_eq!(
        q.ok("cron", "2026-11-23T16:00:30Z", &["outbox", "deliver"]),
        "nothing to deliver\n",
        "not before its next attempt"
    );
    let out = q.ok("cron", "16:01", &["outbox", "deliver"]);
    assert_eq!(
        out,
        "delivered 0 notifications; gave up on #1 for dana: `sh` exited with 3: busy; \
         gave up on #2 for dana: `sh` exited with 3: busy\n"
    );
    let text = q.ok("cron", "16:02", &["outbox"]);
    assert!(text.contains("failed"), "{text}");
    assert!(text.ends_with("0 waiting, 2 given up on\n"), "{text}");
    // All given up on, back in line at once; several by id, each its own.
    let again = "goes out at the next delivery (esc outbox deliver, or esc tick)";
    assert_eq!(
        q.ok("manager", "16:03", &["outbox", "retry", "--failed"]),
        format!("notification 1 for dana {again}\nnotification 2 for dana {again}\n")
    );
    assert!(
        q.ok("cron", "16:03", &["outbox"])
            .ends_with("2 waiting, 0 given up on\n")
    );
    let out = q
        .esc("manager", "16:04", &["outbox", "retry", "1", "99"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("notification 1 for dana {again}\n")
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no notification 99 in the outbox"), "{err}");
    assert!(
        err.contains("1 of 2 notifications were not changed (each says why above)"),
        "{err}"
    );
    assert_eq!(
        q.ok("manager", "16:05", &["outbox", "retry", "--failed"]),
        "no notification was given up on: nothing to retry\n"
    );
}

#[test]
fn a_receiver_that_hangs_is_stopped_at_the_timeout() {
    let q = reaching_dana(r#"["sleep", "30"]"#, "attempts = 5\ntimeout = \"1s\"");
    q.open("09:00", "no reply", &[]);
    let began = std::time::Instant::now();
    let out = q.ok("cron", "13:00", &["tick"]);
    assert!(
        out.ends_with("\ndelivered 0 notifications; 1 to retry\n"),
        "{out}"
    );
    assert!(began.elapsed().as_secs() < 10, "stopped, not waited for");
    assert_eq!(
        q.outbox()[0]["last_error"],
        "`sleep` did not finish within 1s and was stopped"
    );
}

#[test]
fn a_person_the_policy_cannot_reach_is_said_plainly() {
    let q = Queue::new();
    q.open("09:00", "no reply", &[]);
    // The tick that queues what cannot go says so, in the lines cron mails.
    let waits = "the policy gives no way to reach dana (add [people.dana] with an email, a webhook, a command or a mailbox)";
    let out = q.ok("cron", "13:00", &["tick"]);
    assert!(
        out.ends_with(&format!(
            "; notify dana (1)\n1 notification for dana waits: {waits}\n"
        )),
        "{out}"
    );
    // Not an attempt: looked at again in an hour.
    set_aside(
        &q.outbox()[0],
        "2026-11-23T14:00:00Z",
        "the policy gives no way to reach dana: add [people.dana] with an email, a webhook, a command or a mailbox",
    );
    assert_eq!(
        q.ok("cron", "13:30", &["outbox", "deliver"]),
        "nothing to deliver\n"
    );
    // Told once: a tick that finds the same wait again stays silent, or
    // cron would mail it every hour.
    assert_eq!(q.ok("cron", "14:00", &["tick"]), "");
    assert_eq!(
        q.ok("cron", "15:00", &["outbox", "deliver"]),
        format!("1 notification for dana waits: {waits}\n")
    );
    // The manager gives her an address: what waited goes out at the next
    // tick, with no retry by hand, and keeps no error of the wait.
    let text = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    std::fs::write(
        q.path("reached.toml"),
        format!("{text}\n[people.dana]\ncommand = {RECORDER}\n"),
    )
    .unwrap();
    q.apply("reached.toml", "15:10");
    // (The tick escalates again meanwhile, and tells her that too.)
    let out = q.ok("cron", "15:10", &["tick"]);
    assert!(
        out.ends_with("; notify dana (1)\ndelivered 2 notifications\n"),
        "{out}"
    );
    let sent = &q.outbox()[0];
    assert_eq!(
        (&sent["status"], &sent["last_error"]),
        (&Value::from("sent"), &Value::Null),
        "{sent}"
    );
}

#[test]
fn two_ticks_at_once_send_each_notification_once() {
    let slow =
        r#"["sh", "-c", "sleep 0.3; cat > /dev/null; echo \"$ESC_NOTIFICATION_ID\" >> ids"]"#;
    let q = reaching_dana(slow, "timeout = \"5s\"");
    for n in 0..3 {
        q.open("09:00", &format!("ticket {n}"), &[]);
    }
    // Two ticks at once: one queues and starts sending, the other finds
    // the rows leased and leaves them.
    let both: Vec<_> = (0..2)
        .map(|_| {
            q.esc("cron", "16:00", &["tick"])
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in both {
        assert!(c.wait_with_output().unwrap().status.success());
    }
    let mut ids: Vec<String> = std::fs::read_to_string(q.path("ids"))
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    ids.sort();
    let expected: Vec<String> = (1..=6).map(|n| n.to_string()).collect();
    assert_eq!(ids, expected, "each sent exactly once");
    assert_eq!(q.outbox().len(), 6);
}

#[test]
fn a_given_up_notification_can_be_retried_and_show_lists_them_all() {
    let q = reaching_dana(r#"["false"]"#, "attempts = 1");
    q.open("09:00", "no reply", &[]);
    let out = q.ok("cron", "13:00", &["tick"]);
    assert!(
        out.ends_with(
            "\ndelivered 0 notifications; gave up on #1 for dana: `false` exited with 1\n"
        ),
        "cron hears of it: {out}"
    );
    assert_eq!(q.outbox()[0]["status"], "failed");
    let shown = q.ok("ann", "13:05", &["show", "1"]);
    let told = &shown[shown
        .find("Notifications")
        .expect("show lists notifications")..];
    assert!(told.contains("dana"), "{told}");
    assert!(told.contains("failed: `false` exited with 1"), "{told}");
    assert_eq!(
        q.json("ann", "13:05", &["show", "1"])["notifications"][0]["status"],
        "failed"
    );

    // The manager fixes how dana is reached, then retries.
    let fixed = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap()
        + "\n[people.dana]\ncommand = [\"true\"]\n";
    std::fs::write(q.path("fixed.toml"), fixed).unwrap();
    q.apply("fixed.toml", "13:10");
    assert_eq!(
        q.ok("manager", "13:10", &["outbox", "retry", "1"]),
        "notification 1 for dana goes out at the next delivery (esc outbox deliver, or esc tick)\n"
    );
    assert_eq!(
        q.ok("cron", "13:10", &["outbox", "deliver"]),
        "delivered 1 notification\n"
    );
    let err = q.fails("manager", "13:11", &["outbox", "retry", "1"], 4);
    assert!(
        err.contains("notification 1 was delivered to dana already"),
        "{err}"
    );
    let err = q.fails("manager", "13:11", &["outbox", "retry", "99"], 2);
    assert!(err.contains("no notification 99 in the outbox"), "{err}");
    let shown = q.ok("ann", "13:12", &["show", "1"]);
    assert!(shown.contains("sent 2026-11-23 13:10"), "{shown}");
}

/// Agents never wait for delivery: the command that queues a notification
/// commits and returns, however slow the receiver.
#[test]
fn a_hanging_receiver_does_not_slow_an_agent() {
    let q = reaching_dana(r#"["sleep", "30"]"#, "timeout = \"20s\"");
    q.open("09:00", "chasing", &[]);
    for minute in 1..=4 {
        q.ok("ann", &format!("09:0{minute}"), &["contact", "1", "again"]);
    }
    let began = std::time::Instant::now();
    // The fifth contact fires the trigger that tells dana.
    q.ok("ann", "09:05", &["contact", "1", "fifth"]);
    // It handed delivery to a deliverer in the background, which the
    // hanging receiver holds up until the timeout: not the agent.
    assert!(
        began.elapsed().as_secs() < 5,
        "the agent's command returned without waiting for delivery"
    );
    let held = q.outbox();
    assert_eq!(held.len(), 1);
    assert_eq!(
        (&held[0]["status"], &held[0]["attempts"]),
        (&Value::from("pending"), &Value::from(0))
    );
}

/// A tick killed mid-delivery leaves its batch leased; once the lease runs
/// out a later tick sends the rest. The one message in flight at the kill
/// may arrive twice (at least once), never none.
#[test]
fn a_tick_killed_while_delivering_leaves_the_rest_to_the_next() {
    let receiver =
        r#"["sh", "-c", "cat > /dev/null; echo \"$ESC_NOTIFICATION_ID\" >> ids; sleep 0.2"]"#;
    let q = reaching_dana(receiver, "timeout = \"5s\"");
    for n in 0..4 {
        q.open("09:00", &format!("ticket {n}"), &[]);
    }
    let mut tick = q
        .esc("cron", "16:00", &["tick"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once the first message is through.
    while std::fs::read_to_string(q.path("ids")).map_or(true, |s| s.is_empty()) {
        assert!(
            tick.try_wait().unwrap().is_none(),
            "the tick ended before it could be killed"
        );
    }
    tick.kill().unwrap();
    tick.wait().unwrap();
    let queued = q.outbox();
    assert_eq!(
        queued.len(),
        8,
        "the tick's transaction committed before delivery"
    );
    let sent_before = queued.iter().filter(|n| n["status"] == "sent").count();
    assert!(sent_before < 8, "killed mid-delivery");

    // Within the lease (ten 5s timeouts and a minute) nobody sends them.
    assert_eq!(q.ok("cron", "16:00", &["tick"]), "");
    // Afterwards, a tick does.
    let out = q.ok("cron", "16:02", &["tick"]);
    assert!(out.starts_with("delivered "), "{out}");
    let held = q.outbox();
    assert!(held.iter().all(|n| n["status"] == "sent"), "{held:?}");
    let ids = std::fs::read_to_string(q.path("ids")).unwrap();
    for id in 1..=8 {
        let times = ids.lines().filter(|l| *l == id.to_string()).count();
        assert!(
            (1..=2).contains(&times),
            "notification {id} arrived {times} times:\n{ids}"
        );
    }
    let twice = (1..=8)
        .filter(|id| ids.lines().filter(|l| *l == id.to_string()).count() == 2)
        .count();
    assert!(twice <= 1, "only the message in flight may repeat:\n{ids}");
}

/// A real HTTP server on loopback that answers the first request with 500
/// and later ones with 200, and keeps what it was sent.
/// Each request's idempotency key, authorization and JSON body.
type Seen = Vec<(String, Option<String>, Value)>;

struct Receiver {
    port: u16,
    seen: std::sync::Arc<std::sync::Mutex<Seen>>,
}

impl Receiver {
    fn start() -> Receiver {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let port = server.server_addr().to_ip().unwrap().port();
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = std::sync::Arc::clone(&seen);
        std::thread::spawn(move || {
            for mut request in server.incoming_requests() {
                let header = |name: &'static str| {
                    request
                        .headers()
                        .iter()
                        .find(|h| h.field.equiv(name))
                        .map(|h| h.value.to_string())
                };
                let key = header("Idempotency-Key").unwrap_or_default();
                let auth = header("Authorization");
                let mut body = String::new();
                std::io::Read::read_to_string(request.as_reader(), &mut body).unwrap();
                let first = {
                    let mut seen = log.lock().unwrap();
                    seen.push((
                        key,
                        auth,
                        serde_json::from_str(&body).unwrap_or(Value::Null),
                    ));
                    seen.len() == 1
                };
                let code = if first { 500 } else { 200 };
                let _ = request.respond(tiny_http::Response::empty(code));
            }
        });
        Receiver { port, seen }
    }
}

#[test]
fn a_webhook_that_fails_once_gets_the_same_key_again() {
    let hook = Receiver::start();
    let q = dana_reached_soon(&format!(
        "webhook = \"http://127.0.0.1:{}/hooks/esc\"",
        hook.port
    ));
    q.open("09:00", "Card charged twice", &[]);
    let out = q.ok("cron", "13:00", &["tick"]);
    assert!(
        out.ends_with("\ndelivered 0 notifications; 1 to retry\n"),
        "{out}"
    );
    assert_eq!(
        q.outbox()[0]["last_error"],
        "127.0.0.1:".to_string() + &hook.port.to_string() + " answered HTTP 500"
    );
    let out = q.ok("cron", "13:01", &["tick"]);
    assert_eq!(out, "delivered 1 notification\n");
    let seen = hook.seen.lock().unwrap();
    let keys: Vec<&str> = seen.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(
        keys,
        ["1", "1"],
        "the retry carries the same idempotency key"
    );
    let payload = &seen[1].2;
    assert_eq!(payload["ticket"], 1);
    assert_eq!(payload["recipient"], "dana");
    assert!(
        payload["text"]
            .as_str()
            .unwrap()
            .contains("Card charged twice"),
        "{payload}"
    );
    assert_eq!(seen[1].1, None, "no token was asked for");
}

#[test]
fn a_secret_webhook_url_and_token_come_from_the_environment() {
    let hook = Receiver::start();
    let q = dana_reached_soon("webhook_env = \"ESC_TEST_HOOK\"\ntoken_env = \"ESC_TEST_TOKEN\"");
    q.open("09:00", "no reply", &[]);
    let tick = |when: &str| {
        q.esc("cron", when, &["tick"])
            .env(
                "ESC_TEST_HOOK",
                format!("http://127.0.0.1:{}/secret-path", hook.port),
            )
            .env("ESC_TEST_TOKEN", "s3cret")
            .output()
            .unwrap()
    };
    assert!(tick("13:00").status.success());
    assert!(tick("13:01").status.success());
    let seen = hook.seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].1.as_deref(), Some("Bearer s3cret"));
    // Neither the URL nor the token is in the queue.
    let stored = q.stored();
    let text = &stored;
    assert!(!text.contains("secret-path") && !text.contains("s3cret"));
    // Without the environment, it says what is missing.
    q.open("13:05", "another", &[]);
    q.ok("cron", "17:10", &["tick"]);
    let waiting = q.outbox();
    assert!(
        waiting.iter().any(|n| n["last_error"]
            == "the webhook URL is to come from $ESC_TEST_HOOK, which is not set"),
        "{waiting:?}"
    );
}

#[test]
fn inbox_shows_what_one_person_was_told_newest_first() {
    let q = reaching_dana(RECORDER, "timeout = \"5s\"");
    q.open("09:00", "Card charged twice", &[]);
    q.open("12:00", "Parcel lost", &[]);
    q.ok("cron", "13:30", &["tick"]);
    let inbox = q.ok("ann", "13:40", &["inbox", "--for", "dana"]);
    let rows: Vec<&str> = inbox.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{inbox}");
    assert!(
        rows[0].contains("#1") && rows[0].contains("Card charged twice"),
        "{inbox}"
    );
    assert!(rows[0].contains("sent 2026-11-23 13:30"), "{inbox}");
    q.ok("cron", "18:00", &["tick"]);
    let json = q.json("ann", "18:10", &["inbox", "--for", "dana"]);
    let tickets: Vec<i64> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["ticket"].as_i64().unwrap())
        .collect();
    assert_eq!(tickets.first(), Some(&2), "newest first: {tickets:?}");
    assert!(tickets.contains(&1));
    assert_eq!(
        q.ok("ann", "18:10", &["inbox", "--for", "lee"]),
        "nothing for lee yet\n"
    );
}

#[test]
fn the_report_counts_notifications_by_where_they_stand() {
    let q = reaching_dana(r#"["false"]"#, "attempts = 1");
    q.open("09:00", "no reply", &[]);
    q.ok("cron", "13:00", &["tick"]);
    q.ok("cron", "16:00", &["tick"]);
    let r = q.json("dana", "17:00", &["report", "--since", "2026-11-23"]);
    assert_eq!(
        r["notifications"],
        serde_json::json!({"queued": 2, "sent": 0, "failed": 2, "waiting": 0, "replies": 0, "replies_sent": 0})
    );
    let text = q.ok("dana", "17:00", &["report", "--since", "2026-11-23"]);
    assert!(
        text.contains("Notified     2 notifications · 0 sent · 2 given up on · 0 waiting"),
        "{text}"
    );
}

#[test]
fn a_webhook_that_cannot_be_reached_is_retried_and_its_secret_url_kept_out_of_the_outbox() {
    // A port nobody listens on: bound, then let go.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let q = dana_reached_soon("webhook_env = \"ESC_TEST_HOOK\"");
    q.open("09:00", "no reply", &[]);
    let out = q
        .esc("cron", "13:00", &["tick"])
        .env(
            "ESC_TEST_HOOK",
            format!("http://hook-user:hook-pass@127.0.0.1:{port}/T0/B0/very-secret"),
        )
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.ends_with("1 to retry\n"), "{said}");
    let error = q.outbox()[0]["last_error"].as_str().unwrap().to_string();
    assert!(
        error.starts_with(&format!("cannot post to 127.0.0.1:{port}")),
        "{error}"
    );
    // Neither the path's token nor the credentials before the host are
    // kept, shown, or exported.
    let shown = q.ok("cron", "13:01", &["outbox"]) + &q.ok("cron", "13:01", &["export"]);
    for secret in ["very-secret", "hook-user", "hook-pass"] {
        assert!(!error.contains(secret), "{error}");
        assert!(!shown.contains(secret), "{shown}");
    }
}

/// A team can name who hears of tickets an agent escalates to it.
#[test]
fn an_escalation_to_a_team_tells_whom_the_team_names() {
    let text = std::fs::read_to_string(repo_file("sample-policies/default.toml"))
        .unwrap()
        .replacen(
            "name = \"Billing and payments\"\nlevel = \"L0\"\n",
            "name = \"Billing and payments\"\nlevel = \"L0\"\nnotify = [\"billing-lead\"]\n",
            1,
        )
        .replacen("[roles]\n", "[roles]\nbilling-lead = [\"fay\"]\n", 1);
    assert!(
        text.contains("billing-lead = [\"fay\"]"),
        "the default policy changed"
    );
    let q = Queue::with_policy(&format!(
        "{text}\n[people.fay]\ncommand = {RECORDER}\n\n[delivery]\nbackground = false\n"
    ));
    q.open("09:00", "Card charged twice", &[]);
    q.open("09:00", "Password", &[]);
    let said = q.ok(
        "ann",
        "09:10",
        &["escalate", "1", "--team", "finance", "-r", "refund"],
    );
    assert!(said.ends_with("; fay will be told\n"), "{said}");
    q.ok(
        "ann",
        "09:10",
        &["escalate", "2", "--team", "technical", "-r", "sso"],
    );
    let queued = q.outbox();
    assert_eq!(queued.len(), 1, "{queued:?}");
    assert_eq!(
        (&queued[0]["name"], &queued[0]["role"]),
        (&Value::from("fay"), &Value::from("billing-lead"))
    );
    let shown = q.ok("ann", "09:11", &["show", "1"]);
    assert!(shown.contains("support → finance; notify fay"), "{shown}");
    // The next tick delivers it, as it does every notification.
    let out = q.ok("cron", "09:15", &["tick"]);
    assert_eq!(out, "delivered 1 notification\n");
    let inbox = std::fs::read_to_string(q.path("inbox")).unwrap();
    assert!(inbox.contains("Why: refund"), "{inbox}");
}

/// With `[notify] assigned = true`, the person a ticket is handed to
/// hears of it, unless they took it themselves.
#[test]
fn an_assignee_hears_of_it_when_the_policy_asks() {
    let text = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    let q = Queue::with_policy(&format!(
        "{text}\n[notify]\nassigned = true\n\n[people.bob]\ncommand = {RECORDER}\n"
    ));
    q.open("09:00", "Printer", &[]);
    q.open("09:00", "Scanner", &[]);
    assert_eq!(
        q.ok("ann", "09:05", &["assign", "1", "bob"]),
        "#1 assigned to bob; bob will be told\n"
    );
    assert_eq!(
        q.ok("bob", "09:06", &["assign", "2", "bob"]),
        "#2 assigned to bob\n"
    );
    let said = q.ok(
        "ann",
        "09:07",
        &[
            "escalate",
            "2",
            "--up",
            "--to",
            "carol",
            "-r",
            "needs a senior",
        ],
    );
    assert!(said.ends_with("; carol will be told\n"), "{said}");
    let queued: Vec<(i64, String)> = q
        .outbox()
        .iter()
        .map(|n| {
            (
                n["ticket"].as_i64().unwrap(),
                n["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(queued, [(1, "bob".to_string()), (2, "carol".to_string())]);
    // Without the setting nobody is told.
    let plain = Queue::new();
    plain.open("09:00", "Printer", &[]);
    assert_eq!(
        plain.ok("ann", "09:05", &["assign", "1", "bob"]),
        "#1 assigned to bob\n"
    );
    assert!(plain.outbox().is_empty());
}

/// A step can wait on an acknowledgement: the backup hears only if nobody
/// said "I have it" in time.
#[test]
fn a_backup_is_told_only_when_nobody_acknowledges_in_time() {
    let text = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap()
        + "\n[[paths.steps]]\nid = \"backup\"\nafter = \"30m\"\nfrom = \"first-response-breach\"\n\
           when = \"unacknowledged\"\nnotify = [\"lee\"]\n";
    let told = |ack: bool| {
        let q = Queue::with_policy(&text);
        q.open("09:00", "no reply", &[]);
        q.ok("cron", "13:05", &["tick"]);
        if ack {
            assert_eq!(
                q.ok("dana", "13:10", &["ack", "1", "calling them now"]),
                "#1 acknowledged by dana\n"
            );
        }
        q.ok("cron", "14:00", &["tick"]);
        let names: Vec<String> = q
            .outbox()
            .iter()
            .map(|n| n["name"].as_str().unwrap().to_string())
            .collect();
        (names, q.ok("ann", "14:05", &["show", "1"]))
    };
    let (names, _) = told(false);
    assert!(names.contains(&"lee".to_string()), "{names:?}");
    let (names, shown) = told(true);
    assert!(!names.contains(&"lee".to_string()), "{names:?}");
    assert!(shown.contains("acknowledged: has it in hand"), "{shown}");
    assert!(
        shown.contains("`unacknowledged` no longer held when it came due"),
        "{shown}"
    );
}

#[test]
fn a_dry_run_says_what_would_be_sent_and_sends_nothing() {
    let q = reaching_dana(RECORDER, "timeout = \"5s\"");
    q.open("09:00", "no reply", &[]);
    let out = q.ok("cron", "16:00", &["tick", "--dry-run"]);
    assert!(
        out.ends_with("\nwould deliver 2 notifications: dana (2)\n"),
        "{out}"
    );
    assert!(!q.path("ids").exists(), "nothing was sent");
    assert!(q.outbox().is_empty(), "nothing was queued");
}

/// Dana reached as `channel` says, retried soon.
fn dana_reached_soon(channel: &str) -> Queue {
    dana_reached(channel, "attempts = 3\ntimeout = \"5s\"")
}

/// Dana is reached by `RECORDER`, works 09:00-12:00 on weekdays, and the
/// `manager` step of the default path (15:00 for a ticket opened at 09:00)
/// is urgent.
fn dana_with_hours() -> Queue {
    let text = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    let manager = "team = \"escalations\"\nnotify = [\"escalation-manager\"]\n";
    assert!(
        text.contains(manager),
        "the default policy's manager step changed"
    );
    let text = text.replacen(manager, &format!("{manager}urgent = true\n"), 1);
    Queue::with_policy(&format!(
        "{text}\n[people.dana]\ncommand = {RECORDER}\ncalendar = \"mornings\"\n\n\
         [[calendars]]\nid = \"mornings\"\ntimezone = \"UTC\"\nhours = {{ mon-fri = [\"09:00-12:00\"] }}\n"
    ))
}

#[test]
fn outside_their_hours_only_urgent_notifications_reach_a_person() {
    let q = dana_with_hours();
    q.open("09:00", "no reply", &[]);
    // Monday 16:00: the 13:00 step waits for Tuesday 09:00; the urgent
    // 15:00 step goes now.
    let out = q.ok("cron", "16:00", &["tick"]);
    assert!(
        out.ends_with("; notify dana (2)\ndelivered 1 notification\n"),
        "{out}"
    );
    let ids = std::fs::read_to_string(q.path("ids")).unwrap();
    assert_eq!(ids, "2 dana\n", "only the urgent one");
    // Not an attempt: it waits for her hours.
    set_aside(
        &q.outbox()[0],
        "2026-11-24T09:00:00Z",
        "dana's quiet hours, until 2026-11-24T09:00:00Z",
    );
    assert_eq!(
        q.ok("cron", "2026-11-24T08:59:00Z", &["outbox", "deliver"]),
        "nothing to deliver\n"
    );
    let out = q.ok("cron", "2026-11-24T09:00:00Z", &["tick"]);
    assert!(out.ends_with("delivered 1 notification\n"), "{out}");
    let ids = std::fs::read_to_string(q.path("ids")).unwrap();
    assert_eq!(ids, "2 dana\n1 dana\n");
}

#[test]
fn a_dry_run_and_deliver_say_when_quiet_hours_end() {
    let q = dana_with_hours();
    q.open("09:00", "no reply", &[]);
    let out = q.ok("cron", "14:00", &["tick", "--dry-run"]);
    assert!(
        out.ends_with("would deliver 1 notification: dana (1; only urgent ones now: their hours begin at 2026-11-24T09:00:00Z)\n"),
        "{out}"
    );
    q.ok("cron", "14:00", &["tick"]);
    // The tick set it aside already: a deliverer has nothing to say.
    assert_eq!(
        q.ok("cron", "14:01", &["outbox", "deliver"]),
        "nothing to deliver\n"
    );
    let show = q.ok("ann", "14:02", &["show", "1"]);
    assert!(
        show.contains(
            "waiting until 2026-11-24 09:00 (dana's quiet hours, until 2026-11-24T09:00:00Z)"
        ),
        "{show}"
    );
}

#[test]
fn a_digest_tells_a_person_of_everything_due_in_one_message_with_one_key() {
    let q = reaching_dana(RECORDER, "digest = true\ntimeout = \"5s\"");
    q.open("09:00", "first", &[]);
    q.open("09:00", "second", &[]);
    let out = q.ok("cron", "16:00", &["tick"]);
    assert!(
        out.ends_with("; notify dana (4)\ndelivered 4 notifications\n"),
        "{out}"
    );
    // One run of dana's command, keyed by all four ids, about both tickets.
    let ids = std::fs::read_to_string(q.path("ids")).unwrap();
    assert_eq!(ids, "1+2+3+4 dana\n");
    let inbox = std::fs::read_to_string(q.path("inbox")).unwrap();
    let subject = inbox.lines().next().unwrap();
    assert!(
        subject.starts_with("[esc] 4 notifications: [esc #1] first — ")
            && subject.contains(" | [esc #2] second — "),
        "{subject}"
    );
    for nid in 1..=4 {
        assert!(
            inbox.contains(&format!("Notification {nid} (use it to drop duplicates).")),
            "{inbox}"
        );
    }
    assert_eq!(inbox.matches("Ticket #1: first").count(), 2, "{inbox}");
    assert!(
        q.outbox()
            .iter()
            .all(|n| n["status"] == "sent" && n["attempts"] == 1)
    );
}

#[test]
fn a_digest_that_fails_is_retried_whole_under_the_same_key() {
    let fails_once = r#"["sh", "-c", "echo \"$ESC_NOTIFICATION_ID\" >> keys; test -e ok || { touch ok; exit 1; }"]"#;
    let q = reaching_dana(fails_once, "digest = true");
    q.open("09:00", "no reply", &[]);
    let out = q.ok("cron", "16:00", &["tick"]);
    assert!(
        out.ends_with("delivered 0 notifications; 2 to retry\n"),
        "{out}"
    );
    let out = q.ok("cron", "16:01", &["tick"]);
    assert!(out.ends_with("delivered 2 notifications\n"), "{out}");
    let keys = std::fs::read_to_string(q.path("keys")).unwrap();
    assert_eq!(keys, "1+2\n1+2\n", "the receiver can drop the repeat");
}

/// A FIFO at `path`, read in a thread: how a test learns, without
/// sleeping, that a process it did not start has written to it.
fn fifo(path: std::path::PathBuf) -> std::sync::mpsc::Receiver<String> {
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(std::fs::read_to_string(&path).unwrap_or_default());
    });
    rx
}

#[test]
fn an_agents_escalation_reaches_the_team_at_once_through_a_background_deliverer() {
    let text = std::fs::read_to_string(repo_file("sample-policies/default.toml"))
        .unwrap()
        .replacen(
            "name = \"Billing and payments\"\nlevel = \"L0\"\n",
            "name = \"Billing and payments\"\nlevel = \"L0\"\nnotify = [\"fay\"]\n",
            1,
        );
    assert!(
        text.contains("notify = [\"fay\"]"),
        "the default policy changed"
    );
    let q = Queue::with_policy(&format!(
        "{text}\n[people.fay]\ncommand = [\"sh\", \"-c\", \"cat > message; echo \\\"$ESC_NOTIFICATION_ID\\\" >> ids; echo sent > done\"]\n"
    ));
    q.open("09:00", "Card charged twice", &[]);
    let done = fifo(q.path("done"));
    let said = q.ok(
        "ann",
        "09:10",
        &["escalate", "1", "--team", "finance", "-r", "refund"],
    );
    assert!(said.ends_with("; fay will be told\n"), "{said}");
    assert_eq!(
        done.recv_timeout(std::time::Duration::from_secs(60))
            .as_deref(),
        Ok("sent\n"),
        "fay's command ran, from a deliverer the agent's command started"
    );
    let message = std::fs::read_to_string(q.path("message")).unwrap();
    assert!(message.contains("Why: refund"), "{message}");
    // A tick now finds it delivered, or still held by that deliverer: it
    // is not sent twice. (Now, by the fixed clock, is within the lease the
    // deliverer took at 09:10: a later tick would rightly take it over,
    // as from a deliverer that died.)
    let out = q.ok("cron", "09:11", &["tick"]);
    assert!(!out.contains("delivered"), "{out}");
    assert_eq!(std::fs::read_to_string(q.path("ids")).unwrap(), "1\n");
}

/// With `from = "notified"` the acknowledgement window opens when the
/// first notification reaches a person, not when the rule fired: dana,
/// told only when her hours begin, gets her full half hour.
#[test]
fn an_acknowledgement_window_starts_when_the_notification_is_delivered() {
    let text = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap()
        + &format!(
            "\n[[paths.steps]]\nid = \"backup\"\nafter = \"30m\"\nfrom = \"notified\"\n\
             when = \"unacknowledged\"\nnotify = [\"lee\"]\n\n\
             [people.dana]\ncommand = {RECORDER}\ncalendar = \"mornings\"\n\n\
             [people.lee]\ncommand = {RECORDER}\n\n\
             [delivery]\nbackground = false\n\n\
             [[calendars]]\nid = \"mornings\"\ntimezone = \"UTC\"\nhours = {{ mon-fri = [\"09:00-12:00\"] }}\n"
        );
    let told = |ack: Option<&str>| {
        let q = Queue::with_policy(&text);
        q.open("09:00", "no reply", &[]);
        // Monday 13:00 the first step asks for dana, who is off until
        // Tuesday 09:00: the window has not opened.
        q.ok("cron", "13:00", &["tick"]);
        q.ok("cron", "16:00", &["tick"]);
        assert!(!q.path("ids").exists(), "nobody told on Monday");
        let out = q.ok("cron", "2026-11-24T09:00:00Z", &["tick"]);
        assert!(out.ends_with("delivered 2 notifications\n"), "{out}");
        if let Some(at) = ack {
            q.ok("dana", at, &["ack", "1"]);
        }
        q.ok("cron", "2026-11-24T09:29:00Z", &["tick"]);
        let before = std::fs::read_to_string(q.path("ids")).unwrap();
        q.ok("cron", "2026-11-24T09:30:00Z", &["tick"]);
        let after = std::fs::read_to_string(q.path("ids")).unwrap();
        (
            before,
            after,
            q.ok("ann", "2026-11-24T10:00:00Z", &["show", "1"]),
        )
    };
    let (before, after, shown) = told(None);
    assert_eq!(
        before, "1 dana\n2 dana\n",
        "the window is still open at 09:29"
    );
    assert_eq!(
        after, "1 dana\n2 dana\n3 lee\n",
        "the backup is told at 09:30"
    );
    assert!(
        shown.contains("told dana (escalation-manager)"),
        "the delivery is on the timeline:\n{shown}"
    );
    let (_, after, _) = told(Some("2026-11-24T09:20:00Z"));
    assert_eq!(
        after, "1 dana\n2 dana\n",
        "acknowledged in the window: no backup"
    );
}

#[test]
fn a_webhook_token_can_come_from_a_file_the_policy_names() {
    let hook = Receiver::start();
    let token = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(token.path(), "from-a-file\nsecond line ignored\n").unwrap();
    let q = dana_reached_soon(&format!(
        "webhook = \"http://127.0.0.1:{}/hook\"\ntoken_file = {:?}",
        hook.port,
        token.path().display().to_string()
    ));
    q.open("09:00", "no reply", &[]);
    // The receiver answers its first request with a 500, then 200.
    q.ok("cron", "13:00", &["tick"]);
    let out = q.ok("cron", "13:01", &["tick"]);
    assert!(out.ends_with("delivered 1 notification\n"), "{out}");
    let seen = hook.seen.lock().unwrap();
    assert_eq!(seen[0].1.as_deref(), Some("Bearer from-a-file"));
    let stored = q.stored();
    assert!(!stored.contains("from-a-file"));
}

/// A delivery command gets PATH, esc's facts and the variables its entry
/// names, none of the deliverer's secrets; a command that never reads its
/// input, fed more than a pipe holds, or that leaves a child behind, is
/// stopped at the timeout, with everything it started.
#[test]
fn a_delivery_command_gets_only_what_its_entry_names_and_is_stopped_whole() {
    let text = std::fs::read_to_string(repo_file("sample-policies/default.toml"))
        .unwrap()
        .replacen(
            "name = \"Billing and payments\"\nlevel = \"L0\"\n",
            "name = \"Billing and payments\"\nlevel = \"L0\"\nnotify = [\"dana\"]\n",
            1,
        );
    let q = Queue::with_policy(&format!(
        "{text}\n[people.dana]\n\
         command = [\"sh\", \"-c\", \"env > env.txt; sleep 1000 & echo $! > child; wait\"]\n\
         command_env = [\"ESC_TEST_TOKEN\"]\n\n[delivery]\ntimeout = \"1s\"\nbackground = false\n"
    ));
    let id = q.open("09:00", "no reply", &[]).to_string();
    // A reason that makes the message larger than a pipe holds (64 KiB),
    // which the command never reads.
    let reason = "why ".repeat(16_384);
    q.ok(
        "ann",
        "09:10",
        &["escalate", &id, "--team", "finance", "--reason", &reason],
    );
    let out = q
        .esc("cron", "09:11", &["outbox", "deliver"])
        .env("ESC_SMTP_PASSWORD", "smtp-secret")
        .env("PGPASSWORD", "db-secret")
        .env("ESC_TEST_TOKEN", "theirs")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(said, "delivered 0 notifications; 1 to retry\n");
    assert_eq!(
        q.outbox()[0]["last_error"],
        "`sh` did not finish within 1s and was stopped"
    );
    let env = std::fs::read_to_string(q.path("env.txt")).unwrap();
    let names: Vec<&str> = env
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, _)| k)
        .collect();
    for given in [
        "ESC_TEST_TOKEN",
        "PATH",
        "ESC_NOTIFICATION_ID",
        "ESC_SUBJECT",
    ] {
        assert!(names.contains(&given), "{given} not given:\n{names:?}");
    }
    for kept in ["smtp-secret", "db-secret", "HOME="] {
        assert!(
            !env.contains(kept),
            "{kept} reached the command:\n{names:?}"
        );
    }
    // Its child went with it.
    let child = std::fs::read_to_string(q.path("child")).unwrap();
    let alive = std::fs::read_to_string(format!("/proc/{}/stat", child.trim()))
        .is_ok_and(|stat| !stat.contains(") Z "));
    assert!(!alive, "the command's child {child} outlived it");
}

/// A mail server that answers every line just within the timeout: each
/// read is in time, the conversation is not. The attempt is given up at
/// the timeout as a whole, and says it timed out.
#[test]
fn a_mail_server_that_answers_each_line_just_in_time_is_given_up_at_the_timeout() {
    use std::io::{BufRead, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        // One conversation at a time, each answer 0.8 s after the question
        // (the timeout is 1 s): it would accept the message after a dozen.
        while let Ok((stream, _)) = listener.accept() {
            let mut out = stream.try_clone().unwrap();
            let slow = std::time::Duration::from_millis(800);
            std::thread::sleep(slow);
            let _ = out.write_all(b"220 slow ESMTP\r\n");
            let mut data = false;
            for line in std::io::BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                if data {
                    if line == "." {
                        data = false;
                        std::thread::sleep(slow);
                        let _ = out.write_all(b"250 accepted\r\n");
                    }
                    continue;
                }
                std::thread::sleep(slow);
                let answer: &[u8] = match line.to_ascii_uppercase().get(..4) {
                    Some("EHLO") => b"250 slow\r\n",
                    Some("DATA") => {
                        data = true;
                        b"354 go on\r\n"
                    }
                    Some("QUIT") => b"221 bye\r\n",
                    _ => b"250 ok\r\n",
                };
                if out.write_all(answer).is_err() {
                    break;
                }
            }
        }
    });
    let q = dana_reached(
        "email = \"dana@example.com\"",
        &format!(
            "timeout = \"1s\"\nbackground = false\n\n[delivery.smtp]\nhost = \"127.0.0.1\"\n\
             port = {port}\ntls = \"none\"\nfrom = \"esc@example.com\""
        ),
    );
    q.open("09:00", "no reply", &[]);
    let out = q.ok("cron", "13:00", &["tick"]);
    assert!(
        out.ends_with("delivered 0 notifications; 1 to retry\n"),
        "{out}"
    );
    assert_eq!(
        q.outbox()[0]["last_error"],
        format!("127.0.0.1:{port} did not answer within 1s")
    );
}
