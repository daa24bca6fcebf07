//! `esc merge`: a duplicate closed as merged, the other ticket carrying
//! on with its customer, tags and wait; the SLA kept honest; mail to the
//! duplicate reaching the other; the merge undone while nothing changed.

use std::process::Stdio;

use serde_json::Value;

use super::mail_in::kept;
use super::support::{Queue, repo_file};

/// Two reports of one broken printer: #1 at 09:00 from Bo, #2 at 10:00
/// from Al.
fn two_reports() -> Queue {
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
    q
}

fn count(kinds: &[String], kind: &str) -> usize {
    kinds.iter().filter(|k| *k == kind).count()
}

fn first_response_due(q: &Queue, id: i64, when: &str) -> Value {
    let v = q.json("ann", when, &["show", &id.to_string()]);
    v["sla"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["clock"] == "first-response")
        .unwrap()["due"]
        .clone()
}

#[test]
fn a_merge_closes_the_duplicate_and_the_other_carries_on_with_its_customer_tags_and_wait() {
    let q = two_reports();
    assert_eq!(
        first_response_due(&q, 2, "10:05")["at"],
        "2026-11-23T14:00:00Z"
    );
    let said = q.ok(
        "ann",
        "10:05",
        &["merge", "1", "--into", "2", "--reason", "same printer"],
    );
    assert_eq!(said, "#1 merged into #2\n");
    let one = q.ticket(1);
    assert_eq!(
        (one["status"].as_str(), one["merged_into"].as_i64()),
        (Some("merged"), Some(2))
    );
    let two = q.ticket(2);
    assert_eq!(two["status"], "open");
    assert_eq!(two["tags"], serde_json::json!(["urgent", "printer"]));
    assert_eq!(two["cc"], serde_json::json!(["bo@example.com"]));
    // Bo has waited since 09:00 for a first answer nobody gave: #2's
    // first response counts from then.
    assert_eq!(
        first_response_due(&q, 2, "10:06")["at"],
        "2026-11-23T13:00:00Z"
    );
    // The duplicate takes no more work; the other does.
    let err = q.fails("ann", "10:10", &["note", "1", "looking"], 4);
    assert_eq!(
        err,
        "error: ticket #1 was merged into #2, which carries on its request\n\
         hint: work on it there (`esc show 2`), or undo the merge with `esc merge --undo 1`\n"
    );
    q.ok("ann", "10:10", &["note", "2", "looking"]);
    // Copies are the agent's to change too, each once, never the customer.
    q.ok(
        "ann",
        "10:11",
        &[
            "edit",
            "2",
            "--cc",
            "IT@example.com",
            "--cc",
            "al@example.com",
            "--uncc",
            "bo@example.com",
        ],
    );
    assert_eq!(q.ticket(2)["cc"], serde_json::json!(["IT@example.com"]));
    let err = q.fails("ann", "10:11", &["edit", "2", "--cc", "not an address"], 2);
    assert!(err.contains("is not an e-mail address"), "{err}");
    let listed = q.ok("ann", "10:11", &["list", "--format", "tsv"]);
    assert_eq!(listed.lines().count(), 2, "only #2 is live:\n{listed}");
}

#[test]
fn no_step_fires_twice_and_the_merged_tickets_steps_stop() {
    let q = two_reports();
    q.ok("cron", "13:15", &["tick"]);
    // #1: warned 12:12, breached 13:00, escalated by the 13:00 step; #2 warned at 13:12.
    let one_before = q.kinds(1);
    assert_eq!(count(&one_before, "breached"), 1, "{one_before:?}");
    assert_eq!(count(&q.kinds(2), "warned"), 1);
    q.ok("ann", "13:20", &["merge", "1", "--into", "2"]);
    // Counted from 09:00, #2's first response was due at 13:00: the
    // breach is recorded at once, dated then; the warning stays the one.
    let two = q.kinds(2);
    assert_eq!(count(&two, "warned"), 1, "{two:?}");
    assert_eq!(count(&two, "breached"), 1, "{two:?}");
    let breach = q
        .events(2)
        .into_iter()
        .find(|e| e["kind"] == "breached")
        .unwrap();
    assert_eq!(breach["due_at"], "2026-11-23T13:00:00Z");
    q.ok("cron", "16:00", &["tick"]);
    q.ok("cron", "16:01", &["tick"]);
    let mut one_after = one_before.clone();
    one_after.push("merged".into());
    assert_eq!(
        q.kinds(1),
        one_after,
        "nothing of #1's own fires after its merge"
    );
    let two = q.kinds(2);
    assert_eq!(count(&two, "breached"), 1, "{two:?}");
    assert_eq!(
        count(&two, "escalated"),
        2,
        "the senior and the manager step, each once: {two:?}"
    );
    // Both breaches stay in the report; #1 counts as merged, not resolved.
    let r = q.json("manager", "16:05", &["report", "--since", "2026-11-23"]);
    assert_eq!(r["total"]["sla"]["breaches"], 2, "{r}");
    assert_eq!(r["total"]["volume"]["merged"], 1, "{r}");
    assert_eq!(r["total"]["volume"]["resolved"], 0, "{r}");
    assert_eq!(r["total"]["volume"]["backlog"], 1, "{r}");
    let text = q.ok("manager", "16:05", &["report", "--since", "2026-11-23"]);
    assert!(
        text.contains(
            "Volume       2 opened · 0 resolved · 1 merged · 0 reopened · backlog 1 at the end"
        ),
        "{text}"
    );
}

#[test]
fn a_merge_is_undone_while_neither_ticket_has_changed_and_refused_after() {
    let q = two_reports();
    let before = (q.ticket(1), q.ticket(2));
    q.ok("ann", "10:05", &["merge", "1", "--into", "2"]);
    let said = q.ok("ann", "10:06", &["merge", "--undo", "1"]);
    assert_eq!(said, "#1's merge into #2 undone: #1 is open again\n");
    let (one, two) = (q.ticket(1), q.ticket(2));
    assert_eq!(one["status"], "open");
    assert_eq!(one["merged_into"], Value::Null);
    assert_eq!(two["tags"], before.1["tags"]);
    assert_eq!(two["cc"], Value::Null, "no copies left: {two}");
    assert_eq!(
        first_response_due(&q, 2, "10:07")["at"],
        "2026-11-23T14:00:00Z",
        "the wait it brought went with it"
    );
    assert_eq!(
        q.kinds(2),
        ["opened", "joined", "edited", "unmerged", "edited"]
    );
    // Merged again, then worked on: the merge stands.
    q.ok("ann", "10:10", &["merge", "1", "--into", "2"]);
    q.ok("ann", "10:15", &["assign", "2", "dana"]);
    let err = q.fails("ann", "10:20", &["merge", "--undo", "1"], 4);
    assert_eq!(
        err,
        "error: ticket #2 has changed since the merge (assigned by ann at 2026-11-23T10:15:00Z); \
         a merge is undone only while neither ticket has changed since\n\
         hint: `esc show 2` shows what happened; open a new ticket for what needs its own\n"
    );
    assert_eq!(q.ticket(1)["status"], "merged");
    let err = q.fails("ann", "10:20", &["merge", "--undo", "2"], 4);
    assert_eq!(
        err,
        "error: ticket #2 is open, not merged; there is no merge to undo\n"
    );
}

#[test]
fn merges_that_cannot_be_are_refused_and_change_nothing() {
    let q = two_reports();
    q.open("10:30", "Toner", &[]);
    q.ok(
        "ann",
        "10:40",
        &[
            "resolve",
            "3",
            "--summary",
            "refilled",
            "--root-cause",
            "product-bug",
        ],
    );
    let stored = q.stored();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["merge", "2", "--into", "2"],
            2,
            "error: ticket #2 cannot be merged into itself: name the ticket it duplicates\n",
        ),
        (
            &["merge", "1", "--into", "3"],
            4,
            "error: ticket #3 is resolved; only an open or pending ticket can be merged into\n\
             hint: `esc reopen 3` reopens it first\n",
        ),
        (
            &["merge", "1", "--into", "9"],
            3,
            "error: no ticket #9\nhint: `esc list --all` shows every ticket in the queue\n",
        ),
    ];
    for (args, code, said) in cases {
        assert_eq!(&q.fails("ann", "10:50", args, *code), said, "{args:?}");
    }
    let err = q.fails("ann", "10:50", &["merge", "1"], 2);
    assert!(err.contains("--into <ID>"), "says what is missing: {err}");
    assert_eq!(q.stored(), stored, "a refused merge writes nothing");
    q.ok("ann", "10:55", &["merge", "1", "--into", "2"]);
    let err = q.fails("ann", "10:56", &["merge", "2", "--into", "1"], 4);
    assert_eq!(
        err,
        "error: ticket #1 was merged into #2: they are one ticket already\n\
         hint: to part them, `esc merge --undo 1`\n"
    );
    q.open("11:00", "Paper jam", &[]);
    let err = q.fails("ann", "11:01", &["merge", "4", "--into", "1"], 4);
    assert_eq!(
        err,
        "error: ticket #1 was merged into #2 already\n\
         hint: merge into the ticket that carries it on: `esc merge 4 --into 2`\n"
    );
}

#[test]
fn mail_answering_the_merged_ticket_reaches_the_one_that_carries_it_on() {
    let q = Queue::new();
    let mail = |id: &str, from: &str, subject: &str, extra: &str| {
        format!(
            "From: {from}\nTo: help@example.com\nSubject: {subject}\n\
             Message-ID: <{id}>\nDate: Mon, 23 Nov 2026 09:00:00 +0000\n{extra}\n\
             The printer is on fire.\n"
        )
    };
    let receive = |when: &str, text: String| kept(&q, when, &text);
    receive(
        "09:00",
        mail("a1@bo.example", "bo@example.com", "Printer on fire", ""),
    );
    receive(
        "10:00",
        mail("b1@al.example", "al@example.com", "Printer smoking", ""),
    );
    q.ok("ann", "10:05", &["merge", "1", "--into", "2"]);
    receive(
        "11:00",
        mail(
            "a2@bo.example",
            "bo@example.com",
            "Re: Printer on fire",
            "In-Reply-To: <a1@bo.example>\n",
        ),
    );
    receive(
        "11:30",
        mail(
            "a3@bo.example",
            "bo@example.com",
            "[esc #1] still burning",
            "",
        ),
    );
    // A ticket with an attachment merged in: #2 lists it beside its own.
    let gmail = std::fs::read_to_string(repo_file(
        "tests/mail-corpus/03-gmail-alternative-attachment.eml",
    ))
    .unwrap();
    receive("11:40", gmail.replace("\r\n", "\n"));
    q.ok("ann", "11:45", &["merge", "3", "--into", "2"]);
    let shown = q.ok("ann", "11:50", &["show", "2"]);
    assert!(shown.contains("statement.pdf"), "{shown}");
    assert_eq!(
        q.ticket(2)["cc"],
        serde_json::json!(["bo@example.com", "tom.berg@example.com"])
    );
    let two = q.kinds(2);
    assert_eq!(count(&two, "contacted"), 2, "{two:?}");
    assert_eq!(q.kinds(1), ["opened", "merged"]);
    let kept = q.json("ann", "12:00", &["mail", "list", "--ticket", "2"]);
    assert_eq!(kept.as_array().unwrap().len(), 3, "{kept}");
}

#[test]
fn two_agents_merging_the_same_tickets_at_once_leave_one_merge() {
    for _ in 0..3 {
        let q = two_reports();
        let a = q
            .esc("ann", "10:05", &["merge", "1", "--into", "2"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let b = q
            .esc("dana", "10:05", &["merge", "2", "--into", "1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
        let won: Vec<bool> = outs.iter().map(|o| o.status.success()).collect();
        assert_eq!(
            won.iter().filter(|w| **w).count(),
            1,
            "exactly one merge: {:?}",
            outs.iter()
                .map(|o| String::from_utf8_lossy(&o.stderr).to_string())
                .collect::<Vec<_>>()
        );
        let loser = outs.iter().find(|o| !o.status.success()).unwrap();
        assert!(
            String::from_utf8_lossy(&loser.stderr).contains("they are one ticket already"),
            "{}",
            String::from_utf8_lossy(&loser.stderr)
        );
        let (one, two) = (q.ticket(1), q.ticket(2));
        let merged: Vec<&Value> = [&one, &two]
            .into_iter()
            .filter(|t| t["status"] == "merged")
            .collect();
        assert_eq!(merged.len(), 1, "{one}\n{two}");
        let kept = if won[0] { &two } else { &one };
        assert_eq!(kept["status"], "open");
        assert_eq!(count(&q.kinds(kept["id"].as_i64().unwrap()), "joined"), 1);
    }
}

#[test]
fn a_merge_travels_through_export_and_import_and_replays_as_it_happened() {
    let q = two_reports();
    // Merged, undone, merged again: every kind of a merge's event.
    q.ok("ann", "10:04", &["merge", "1", "--into", "2"]);
    q.ok("ann", "10:04", &["merge", "--undo", "1"]);
    q.ok(
        "ann",
        "10:05",
        &["merge", "1", "--into", "2", "--reason", "same printer"],
    );
    q.ok("cron", "16:00", &["tick"]);
    let export = q.ok("ann", "16:10", &["export"]);
    std::fs::write(q.path("queue.jsonl"), &export).unwrap();
    // Into a queue with two tickets of its own: #1 and #2 become #3 and
    // #4, and the merge names the new number.
    let other = two_reports();
    let said = other.ok(
        "manager",
        "16:20",
        &["import", q.path("queue.jsonl").to_str().unwrap()],
    );
    assert!(said.contains("  #1 is now #3\n  #2 is now #4\n"), "{said}");
    let three = other.ticket(3);
    assert_eq!(three["merged_into"], 4);
    let joined = other
        .events(4)
        .into_iter()
        .find(|e| e["kind"] == "joined")
        .unwrap();
    assert_eq!(joined["detail"]["merge"]["ticket"], 3);
    let shown = other.ok("ann", "16:30", &["show", "4"]);
    assert!(shown.contains("#3 merged in"), "{shown}");
    assert!(shown.contains("#3 › opened via email"), "{shown}");
    // Replayed under the versions that governed them, both tickets give
    // back their logs.
    let default = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    std::fs::write(q.path("same.toml"), default).unwrap();
    let text = q.ok(
        "manager",
        "16:40",
        &["policy", "simulate", "same.toml", "--since", "2026-11-23"],
    );
    assert!(
        text.contains("2 tickets replayed; the candidate treats every one the same."),
        "{text}"
    );
}
