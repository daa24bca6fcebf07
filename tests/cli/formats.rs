//! Output that fits where it goes: tables fitted to the terminal's width,
//! values whole for programs on a pipe.

use super::support::Queue;

/// A queue with titles and customers long enough to crowd a terminal, and
/// one title holding every character TSV must escape: the line break a
/// queue kept from before esc refused one in a title, written past esc.
fn crowded() -> Queue {
    let q = Queue::new();
    for (title, customer) in [
        (
            "The printer on the third floor prints every page twice since Monday",
            "Northwind Traders International",
        ),
        ("Refund", "acme"),
        (
            "tab\there, line break, back\\slash and \u{1b}[2J",
            "Fabrikam",
        ),
    ] {
        q.ok(
            "ann",
            "09:00",
            &[
                "open",
                "--quiet",
                "--title",
                title,
                "--customer",
                customer,
                "--channel",
                "email",
                "--category",
                "technical",
            ],
        );
    }
    q.execute(
        "UPDATE tickets SET title = ?1 WHERE id = 3",
        &[super::support::Sql::Text(
            "tab\there, line\nbreak, back\\slash and \u{1b}[2J".into(),
        )],
    )
    .unwrap();
    q
}

fn list(q: &Queue, columns: &str, args: &[&str]) -> String {
    let mut all = vec!["list"];
    all.extend_from_slice(args);
    let out = q
        .esc("ann", "10:00", &all)
        .env("COLUMNS", columns)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_table_fits_the_width_it_is_given_and_never_wraps_a_cell() {
    let q = crowded();
    for columns in [60, 80, 100, 200] {
        let table = list(&q, &columns.to_string(), &["--format", "table"]);
        let lines: Vec<&str> = table.lines().collect();
        // Header, rule, one line per ticket, the count: nothing wrapped.
        assert_eq!(lines.len(), 2 + 3 + 1, "{columns}:\n{table}");
        for line in &lines {
            assert!(line.chars().count() <= columns, "{columns}: {line:?}");
        }
        assert!(
            lines[0].starts_with(" ID ") && lines[0].ends_with("TITLE"),
            "{table}"
        );
        // The title is cut with a mark where it does not fit, never mid-row.
        let first = lines.iter().find(|l| l.contains("The printer")).unwrap();
        assert!(
            first.ends_with("twice since Monday") || first.ends_with('…'),
            "{first}"
        );
    }
    // Wide enough, nothing is dropped or cut.
    let wide = list(&q, "250", &["--format", "table"]);
    assert!(
        wide.contains("Northwind Traders International") || wide.contains("Northwind Traders I…")
    );
    assert!(wide.contains("every page twice since Monday"), "{wide}");
    assert!(wide.lines().next().unwrap().contains("OPENED"), "{wide}");
    // Narrow, the columns a reader needs least go first.
    let narrow = list(&q, "60", &["--format", "table"]);
    let header = narrow.lines().next().unwrap();
    assert!(
        !header.contains("OPENED") && !header.contains("CUSTOMER"),
        "{header}"
    );
    assert!(
        header.contains("SLA") && header.contains("LEVEL") && !header.contains("STATUS"),
        "{header}"
    );
}

/// A field of PostgreSQL's COPY text format read back.
fn unescape(field: &str) -> String {
    let mut bytes = Vec::new();
    let mut chars = field.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            bytes.extend(c.to_string().bytes());
            continue;
        }
        match chars.next().unwrap() {
            't' => bytes.push(b'\t'),
            'n' => bytes.push(b'\n'),
            'r' => bytes.push(b'\r'),
            '\\' => bytes.push(b'\\'),
            d => {
                let digits: String = std::iter::once(d)
                    .chain((0..2).map(|_| chars.next().unwrap()))
                    .collect();
                bytes.push(u8::from_str_radix(&digits, 8).unwrap());
            }
        }
    }
    String::from_utf8(bytes).unwrap()
}

#[test]
fn a_pipe_gets_tab_separated_values_whole_and_escaped_as_copy_writes_them() {
    let q = crowded();
    let tsv = list(&q, "40", &[]);
    assert!(
        !tsv.chars()
            .any(|c| c.is_control() && c != '\t' && c != '\n'),
        "raw control characters: {tsv:?}"
    );
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(
        header,
        [
            "id",
            "priority",
            "status",
            "level",
            "team",
            "assignee",
            "customer",
            "opened_at",
            "sla_due_at",
            "breached_at",
            "title"
        ]
    );
    let json = q.json("ann", "10:00", &["list"]);
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split('\t').map(unescape).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    for (row, ticket) in rows.iter().zip(json.as_array().unwrap()) {
        assert_eq!(row.len(), header.len());
        assert_eq!(row[0], ticket["id"].to_string());
        assert_eq!(
            row[6],
            ticket["customer"].as_str().unwrap(),
            "never clipped"
        );
        assert_eq!(row[10], ticket["title"].as_str().unwrap(), "never clipped");
        assert_eq!(row[7], ticket["opened_at"].as_str().unwrap());
    }
    // CSV on request, with the header too.
    let csv = list(&q, "40", &["--format", "csv"]);
    assert!(csv.starts_with("id,priority,status,"), "{csv}");
    assert!(csv.contains("Northwind Traders International"), "{csv}");
}

#[test]
fn a_listing_for_a_program_says_aside_when_it_was_cut_short() {
    let q = crowded();
    let out = q
        .esc("ann", "10:00", &["--json", "list", "--limit", "2"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 of 3 tickets printed"), "{err}");
}

#[test]
fn colour_on_a_terminal_where_it_means_something_and_never_with_no_color_or_on_a_pipe() {
    let q = crowded();
    // At 13:30 the 4h first-response target of a 09:00 ticket is near:
    // yellow; a day later breached: red.
    let soon = super::support::on_terminal(q.esc("ann", "12:30", &["list"]), 100);
    assert!(
        soon.contains("\u{1b}[38;5;11m") || soon.contains("\u{1b}[33m"),
        "{soon:?}"
    );
    let late = super::support::on_terminal(q.esc("ann", "2026-11-24T12:00:00Z", &["list"]), 100);
    assert!(
        late.contains("\u{1b}[38;5;9m") || late.contains("\u{1b}[31m"),
        "{late:?}"
    );
    // The table fitted the terminal's own width.
    for line in late.lines() {
        let plain: String = strip_escapes(line);
        assert!(plain.chars().count() <= 100, "{plain:?}");
    }
    let mut plain = q.esc("ann", "2026-11-24T12:00:00Z", &["list"]);
    plain.env("NO_COLOR", "1");
    let plain = super::support::on_terminal(plain, 100);
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
    assert!(plain.contains("breached"), "{plain}");
    let piped = list(&q, "100", &["--format", "table"]);
    assert!(!piped.contains('\u{1b}'), "{piped:?}");
}

/// A line without its SGR colour sequences.
fn strip_escapes(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn show_gives_a_program_the_timeline_one_event_a_line() {
    let q = crowded();
    q.ok("ann", "09:30", &["note", "3", "called\tback\nat noon"]);
    let tsv = q.ok("ann", "10:00", &["show", "3", "--format", "tsv"]);
    let mut lines = tsv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "event\tat\tactor\tkind\tautomatic\twhat\twhy"
    );
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split('\t').map(unescape).collect())
        .collect();
    let json = q.json("ann", "10:00", &["show", "3"]);
    let events = json["events"].as_array().unwrap();
    assert_eq!(rows.len(), events.len());
    let note = rows.iter().find(|r| r[3] == "noted").unwrap();
    assert_eq!(note[6], "called\tback\nat noon", "whole, read back");
    assert_eq!(note[1], "2026-11-23T09:30:00Z");
    // Without --format, show stays a page for people even on a pipe.
    assert!(q.ok("ann", "10:00", &["show", "3"]).starts_with("#3  "));
}

#[test]
fn list_finds_a_customer_by_part_of_the_name_in_any_case_and_export_by_the_whole() {
    let q = crowded();
    let found = q.json("ann", "10:00", &["list", "--customer", "northWIND"]);
    let titles: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["customer"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Northwind Traders International"]);
    assert!(
        q.json("ann", "10:00", &["list", "--customer", "a"])
            .as_array()
            .unwrap()
            .len()
            >= 2,
        "acme and Fabrikam both hold an a"
    );
    // An export takes the exact name: part of it selects nothing.
    let export = q.ok("ann", "10:00", &["export", "--customer", "northwind"]);
    assert_eq!(export.lines().count(), 1, "the header alone: {export}");
}

#[test]
fn a_timelines_reasons_wrap_between_words_under_their_row() {
    let q = Queue::new();
    let id = q.open("09:00", "Printer", &[]).to_string();
    let reason = "the customer sent a photo of the jammed tray and asks whether \
                  a replacement part can be shipped before the end of the week";
    q.ok("ann", "09:10", &["note", &id, reason]);
    for columns in [60usize, 80] {
        let out = q
            .esc("ann", "09:20", &["show", &id, "--format", "table"])
            .env("COLUMNS", columns.to_string())
            .output()
            .unwrap();
        let shown = String::from_utf8(out.stdout).unwrap();
        let timeline = shown.split("Timeline\n").nth(1).unwrap();
        let lines: Vec<&str> = timeline.lines().collect();
        for line in &lines {
            assert!(line.chars().count() <= columns, "{columns}: {line:?}");
        }
        // Under the note's row, at the column WHAT starts, in whole words.
        let at = lines.iter().position(|l| l.ends_with("   note")).unwrap();
        let indent = lines[at].find("note").unwrap();
        let under: Vec<&str> = lines[at + 1..].to_vec();
        assert!(under.len() >= 2, "{columns}: wrapped\n{timeline}");
        assert!(
            under.iter().all(|l| l[..indent].trim().is_empty()),
            "{timeline}"
        );
        let words: Vec<&str> = under.iter().flat_map(|l| l.split_whitespace()).collect();
        let expected: Vec<String> = format!("“{reason}”")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        assert_eq!(words, expected, "{columns}: no word cut\n{timeline}");
    }
}

#[test]
fn policy_explain_and_report_tables_fit_80_columns_breaking_between_words() {
    let q = Queue::new();
    let id = q
        .open(
            "09:00",
            "A title long enough to need wrapping in an 80-column heading",
            &[],
        )
        .to_string();
    q.ok(
        "ann",
        "09:30",
        &["escalate", &id, "--team", "finance", "--reason", "card"],
    );
    q.ok("cron", "18:00", &["tick"]);
    let at_80 = |args: &[&str]| {
        let out = q
            .esc("dana", "18:10", args)
            .env("COLUMNS", "80")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let explained = at_80(&["policy", "explain", &id]);
    for line in explained.lines() {
        assert!(line.chars().count() <= 80, "{line:?}\n{explained}");
    }
    // The words a cell holds stay whole (they were cut as `first-response-b`/`reach`).
    assert!(explained.contains("first-response-breach,"), "{explained}");
    assert!(explained.contains("no-first-response"), "{explained}");
    for section in ["overview", "sla", "escalations", "root-causes", "agents"] {
        for by in [None, Some("team"), Some("customer")] {
            let mut args = vec!["report", section, "--since", "2026-11-01"];
            args.extend(by.iter().flat_map(|b| ["--by", b]));
            let text = at_80(&args);
            for line in text.lines() {
                assert!(line.chars().count() <= 80, "{args:?}: {line:?}\n{text}");
            }
        }
    }
}
