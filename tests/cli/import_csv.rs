//! Tickets from other help desks' CSV exports, through the mappings esc
//! ships: opened and resolved when they were, their past firing nothing.

use serde_json::Value;

use super::support::{Queue, repo_file};

const NOW: &str = "2026-11-30T09:00:00Z";

fn import(q: &Queue, map: &str, file: &std::path::Path) -> std::process::Output {
    q.esc("ann", NOW, &["import", "--from", "csv", "--map"])
        .arg(repo_file(&format!("sample-policies/imports/{map}.toml")))
        .arg(file)
        .output()
        .unwrap()
}

#[test]
fn an_osticket_export_comes_in_through_its_mapping() {
    let q = Queue::new();
    let out = import(&q, "osticket", &repo_file("tests/imports/osticket.csv"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "imported 3 tickets from {} (osTicket), each marked imported: what came due before now fires nothing\n",
            repo_file("tests/imports/osticket.csv").display()
        )
    );
    let t = q.ticket(1);
    for (field, value) in [
        ("title", "Cannot log in after password reset"),
        ("customer", "Maria Lopez"),
        ("email", "maria@example.com"),
        ("priority", "high"),
        ("category", "technical"),
        ("team", "support"),
        ("channel", "web"),
        ("status", "open"),
        ("opened_at", "2026-11-02T08:15:00Z"),
    ] {
        assert_eq!(t[field], value, "{field}: {t}");
    }
    assert_eq!(t["tags"], serde_json::json!(["osticket:318452"]));
    let closed = q.ticket(2);
    assert_eq!(
        (
            &closed["status"],
            &closed["team"],
            &closed["resolved_at"],
            &closed["root_cause"]
        ),
        (
            &Value::from("resolved"),
            &Value::from("finance"),
            &Value::from("2026-11-04T16:30:00Z"),
            &Value::from("process")
        )
    );
    // Nothing of their past fires here.
    assert_eq!(q.ok("cron", "2026-11-30T09:05:00Z", &["tick"]), "");
    assert!(q.outbox().is_empty());
}

#[test]
fn a_zendesk_export_comes_in_and_its_text_stays_data() {
    let q = Queue::new();
    let out = import(&q, "zendesk", &repo_file("tests/imports/zendesk.csv"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let held = q.ticket(3);
    assert_eq!(
        (
            &held["status"],
            &held["team"],
            &held["level"],
            &held["priority"]
        ),
        (
            &Value::from("pending"),
            &Value::from("technical"),
            &Value::from("L1"),
            &Value::from("high")
        )
    );
    let solved = q.ticket(2);
    assert_eq!(solved["assignee"], "ann.smith");
    assert_eq!(solved["resolved_at"], "2026-11-12T08:45:00Z");
    assert_eq!(
        solved["tags"],
        serde_json::json!(["refund", "zendesk:5102"])
    );
    // A cell that would be a formula in a sheet is text here, and is never
    // a formula when it goes out again.
    assert_eq!(q.ticket(4)["title"], "Contract renewal, =SUM(A1) please");
    assert_eq!(q.ok("cron", "2026-11-30T09:05:00Z", &["tick"]), "");
}

#[test]
fn a_row_the_mapping_cannot_read_is_named_and_nothing_is_imported() {
    let q = Queue::new();
    let text = std::fs::read_to_string(repo_file("tests/imports/zendesk.csv"))
        .unwrap()
        .replace(",Hold,High,", ",Hold,Critical,");
    std::fs::write(q.path("bad.csv"), text).unwrap();
    let out = import(&q, "zendesk", &q.path("bad.csv"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!(
            "{}:4: column `Priority`: `Critical` has no priority in the mapping (it maps: High, Low, Normal, Urgent): add it to [values.priority]",
            q.path("bad.csv").display()
        )),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    let list = q.ok("ann", NOW, &["list", "--all", "--format", "table"]);
    assert_eq!(list, "no tickets match\n");

    let columns = std::fs::read_to_string(repo_file("tests/imports/zendesk.csv"))
        .unwrap()
        .replacen("Subject", "Title", 1);
    std::fs::write(q.path("columns.csv"), columns).unwrap();
    let out = import(&q, "zendesk", &q.path("columns.csv"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(":1: no column `Subject` (the file has: Id, Requester"),
        "{err}"
    );
}
