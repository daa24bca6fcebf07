//! The read-only SQL views are an interface other tools are built on:
//! their columns, and the type of what each holds, are pinned here.

use crate::cli::support::Queue;

/// `name type` for each column of the first row `query` returns.
fn columns(conn: &rusqlite::Connection, query: &str) -> Vec<String> {
    let mut stmt = conn.prepare(query).unwrap();
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let mut rows = stmt.query([]).unwrap();
    let row = rows
        .next()
        .unwrap()
        .unwrap_or_else(|| panic!("no row for {query}"));
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let kind = match row.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Null => "null",
                rusqlite::types::ValueRef::Integer(_) => "integer",
                rusqlite::types::ValueRef::Real(_) => "real",
                rusqlite::types::ValueRef::Text(_) => "text",
                rusqlite::types::ValueRef::Blob(_) => "blob",
            };
            format!("{name} {kind}")
        })
        .collect()
}

#[test]
fn the_views_keep_their_columns_and_types() {
    let q = Queue::with_default_and(|q| {
        format!(
            "[people.dana]\nmailbox = {:?}\n\n[delivery]\nbackground = false\n",
            q.path("dana.mbox").display().to_string()
        )
    });
    q.open(
        "09:00",
        "Card charged twice",
        &["--email", "maria@example.com", "--tag", "vip"],
    );
    q.ok("ann", "09:05", &["assign", "1"]);
    q.ok("ann", "09:10", &["respond", "1", "looking"]);
    q.ok(
        "ann",
        "09:20",
        &[
            "escalate",
            "1",
            "--team",
            "technical",
            "--to",
            "rita",
            "-r",
            "sso",
        ],
    );
    q.ok(
        "rita",
        "10:00",
        &[
            "resolve",
            "1",
            "--summary",
            "fixed",
            "--root-cause",
            "product-bug",
        ],
    );
    q.ok("ann", "10:05", &["csat", "1", "5"]);
    q.open("09:00", "no reply", &[]);
    q.ok("cron", "16:00", &["tick"]);
    let conn = rusqlite::Connection::open(q.file()).unwrap();

    assert_eq!(
        columns(&conn, "SELECT * FROM v_tickets WHERE id = 1"),
        [
            "id integer",
            "title text",
            "description text",
            "customer text",
            "email text",
            "tier text",
            "channel text",
            "category text",
            "priority text",
            "team text",
            "level text",
            "assignee text",
            "status text",
            "tags text",
            "cycle integer",
            "opened_at text",
            "updated_at text",
            "level_since text",
            "last_escalated_at text",
            "first_response_at text",
            "last_response_at text",
            "last_contact_at null",
            "contact_attempts integer",
            "pending_since null",
            "resolved_at text",
            "resolution text",
            "root_cause text",
            "csat integer",
            "sla_due_at null",
            "breached_at null",
            "first_response_outcome text",
            "resolution_outcome text",
            "first_response_secs integer",
            "first_response_business_secs integer",
            "resolution_secs integer",
            "resolution_business_secs integer",
            "escalations integer",
            "functional_escalations integer",
            "hierarchical_escalations integer",
            "automatic_escalations integer",
            "transfers integer",
            "top_level text",
            "reopens integer",
            "breaches integer",
            "warnings integer",
            "handlers text",
            "escalated_by text",
            "resolved_by text",
        ]
    );
    let times: (String, String, String) = conn
        .query_row(
            "SELECT opened_at, resolved_at, handlers FROM v_tickets WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        times,
        (
            "2026-11-23T09:00:00Z".into(),
            "2026-11-23T10:00:00Z".into(),
            "ann, rita".into()
        )
    );
    assert_eq!(
        columns(
            &conn,
            "SELECT * FROM v_events WHERE kind = 'escalated' AND automatic = 1"
        ),
        [
            "id integer",
            "ticket_id integer",
            "cycle integer",
            "at text",
            "actor text",
            "kind text",
            "escalation text",
            "automatic integer",
            "from_level text",
            "to_level text",
            "from_team null",
            "to_team null",
            "from_assignee null",
            "to_assignee null",
            "from_status null",
            "to_status null",
            "reason text",
            "detail text",
            "due_at text",
            "rule text",
            "policy_digest text",
        ]
    );
    assert_eq!(
        columns(&conn, "SELECT * FROM v_escalations WHERE automatic = 1"),
        [
            "event_id integer",
            "ticket_id integer",
            "cycle integer",
            "at text",
            "actor text",
            "kind text",
            "automatic integer",
            "from_level text",
            "to_level text",
            "from_team null",
            "to_team null",
            "to_assignee null",
            "reason text",
            "rule_id text",
            "due_at text",
            "category text",
            "priority text",
            "customer text",
        ]
    );
    let rule: String = conn
        .query_row(
            "SELECT rule_id FROM v_escalations WHERE automatic = 1 ORDER BY event_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rule, "no-reply/senior");
    assert_eq!(
        columns(&conn, "SELECT * FROM v_notifications WHERE status = 'sent'"),
        [
            "id integer",
            "ticket_id integer",
            "event_id integer",
            "audience text",
            "recipient text",
            "role text",
            "urgent integer",
            "queued_at text",
            "status text",
            "attempts integer",
            "next_attempt_at text",
            "sent_at text",
            "last_error null",
            "subject null",
        ]
    );
    assert_eq!(
        columns(&conn, "SELECT * FROM v_policies"),
        [
            "version integer",
            "digest text",
            "applied_by text",
            "applied_at text",
            "message text",
            "text text",
        ]
    );
}
