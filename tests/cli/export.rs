//! `esc export`: whole histories as JSON lines, and a ticket sheet.

use serde_json::Value;

use super::support::Queue;

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_jsonl_export_holds_every_ticket_with_its_history_and_the_policies() {
    let q = Queue::manual();
    q.open("09:00", "first", &[]);
    q.open("10:00", "second", &["--email", "maria@example.com"]);
    q.ok(
        "ann",
        "10:10",
        &["escalate", "2", "--team", "finance", "-r", "refund"],
    );
    q.ok(
        "ann",
        "10:20",
        &[
            "resolve",
            "1",
            "--summary",
            "done",
            "--root-cause",
            "process",
        ],
    );

    let all = lines(&q.ok("ann", "11:00", &["export"]));
    assert_eq!(all.len(), 3, "a header and one line a ticket");
    assert_eq!(all[0]["esc_export"], 3);
    assert_eq!(all[0]["mail"], serde_json::json!([]));
    assert_eq!(all[0]["tickets"], 2);
    let policy = std::fs::read_to_string(q.path("policy.toml")).unwrap();
    assert_eq!(all[0]["policies"][0]["text"], policy.as_str());
    assert_eq!(all[0]["policies"][0]["version"], 1);
    for (line, id) in all[1..].iter().zip([1, 2]) {
        let shown = q.json("ann", "11:00", &["show", &id.to_string()]);
        assert_eq!(
            line["ticket"], shown["ticket"],
            "the ticket as show gives it"
        );
        assert_eq!(line["events"], shown["events"], "its whole log");
        assert!(line["notifications"].as_array().unwrap().is_empty());
    }
    assert_eq!(all[2]["ticket"]["email"], "maria@example.com");

    // The filters of `list`, and a window on when tickets were opened.
    let finance = lines(&q.ok("ann", "11:00", &["export", "--team", "finance"]));
    assert_eq!(finance[0]["tickets"], 1);
    assert_eq!(finance[1]["ticket"]["id"], 2);
    let early = lines(&q.ok(
        "ann",
        "11:00",
        &["export", "--until", "2026-11-23T09:30:00Z"],
    ));
    assert_eq!(early[0]["tickets"], 1);
    assert_eq!(early[1]["ticket"]["title"], "first");
    let err = q.fails("ann", "11:00", &["export", "--team", "financ"], 2);
    assert!(err.contains("unknown team `financ` for --team"), "{err}");
}

#[test]
fn the_ticket_sheet_is_csv_a_spreadsheet_opens_without_running_anything() {
    let q = Queue::manual();
    let formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
    q.ok(
        "ann",
        "09:00",
        &[
            "open",
            "-q",
            "--title",
            "Refund, please",
            "--customer",
            formula,
            "--channel",
            "email",
            "--category",
            "financial",
            "--tag",
            "vip",
        ],
    );
    q.ok("ann", "09:30", &["respond", "1", "on it"]);
    q.ok(
        "ann",
        "10:00",
        &[
            "resolve",
            "1",
            "--summary",
            "refunded",
            "--root-cause",
            "process",
        ],
    );
    q.ok("ann", "10:05", &["csat", "1", "4"]);
    // The manual policy sets no SLA, so there is no SLA standing to show.
    let sheet = q.ok("ann", "11:00", &["export", "--tickets"]);
    assert_eq!(
        sheet,
        "id,title,customer,email,tier,channel,category,priority,status,team,level,assignee,tags,\
         opened_at,first_response_at,resolved_at,sla_due_at,breached_at,first_response_outcome,\
         resolution_outcome,escalations,transfers,reopens,root_cause,csat\n\
         1,\"Refund, please\",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",,standard,\
         email,financial,normal,resolved,support,L0,,vip,2026-11-23T09:00:00Z,2026-11-23T09:30:00Z,\
         2026-11-23T10:00:00Z,,,,,0,0,0,process,4\n"
    );
    let err = q.fails("ann", "11:00", &["export", "--format", "csv"], 2);
    assert!(
        err.contains("a whole history is JSON lines, not CSV"),
        "{err}"
    );
}
