//! `esc list --search`: words of the title, description, customer and
//! notes, through each engine's full-text index, kept by every write.

use super::support::Queue;

fn found(q: &Queue, args: &[&str]) -> Vec<i64> {
    let mut all = vec!["list", "--format", "json", "--all"];
    all.extend_from_slice(args);
    let listed: serde_json::Value = serde_json::from_str(&q.ok("ann", "23:00", &all)).unwrap();
    let mut ids: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    ids.sort();
    ids
}

#[test]
fn search_finds_words_of_the_title_description_customer_and_notes() {
    let q = Queue::new();
    let card = q.open(
        "09:00",
        "Card charged twice",
        &["--description", "Order 5521, paid by Visa"],
    );
    let parcel = q.open("09:05", "Where is my parcel?", &[]);
    let login = q.open("09:10", "Cannot log in", &[]);
    q.ok(
        "ann",
        "09:15",
        &["edit", &login.to_string(), "--customer", "Zoë Müller"],
    );
    q.ok(
        "ann",
        "09:20",
        &["note", &login.to_string(), "the customer uses a Yubikey"],
    );

    assert_eq!(found(&q, &["--search", "charged"]), [card]);
    assert_eq!(
        found(&q, &["--search", "visa"]),
        [card],
        "the description, in any case"
    );
    assert_eq!(
        found(&q, &["--search", "parcels"]),
        [parcel],
        "a stemmed word"
    );
    assert_eq!(found(&q, &["--search", "yubikey"]), [login], "a note");
    assert_eq!(found(&q, &["--search", "müller"]), [login], "the customer");
    assert_eq!(found(&q, &["--search", "card twice"]), [card], "every word");
    assert_eq!(
        found(&q, &["--search", "log yubikey"]),
        [login],
        "one word in the title, one in a note"
    );
    assert_eq!(found(&q, &["--search", "where is my parcel"]), [parcel]);
    assert!(
        found(&q, &["--search", "card parcel"]).is_empty(),
        "every word, not any"
    );
    // What a user types is words, never the index's own syntax.
    assert_eq!(found(&q, &["--search", "\"card\" -twice* ("]), [card]);
    // Combined with other filters.
    q.ok(
        "ann",
        "09:30",
        &[
            "resolve",
            &card.to_string(),
            "--summary",
            "refunded",
            "--root-cause",
            "process",
        ],
    );
    let live: serde_json::Value = serde_json::from_str(&q.ok(
        "ann",
        "23:00",
        &["list", "--format", "json", "--search", "card"],
    ))
    .unwrap();
    assert_eq!(
        live.as_array().unwrap().len(),
        0,
        "resolved: only with --all"
    );
    assert_eq!(
        found(&q, &["--search", "refunded"]),
        [card],
        "the resolution summary"
    );
}

#[test]
fn an_edit_and_a_redaction_change_what_is_found() {
    let q = Queue::new();
    let id = q.open("09:00", "Printer jams", &[]);
    q.ok(
        "ann",
        "09:05",
        &["edit", &id.to_string(), "--customer", "Maria Lopez"],
    );
    q.ok(
        "ann",
        "09:10",
        &["edit", &id.to_string(), "--title", "Scanner jams"],
    );
    assert!(found(&q, &["--search", "printer"]).is_empty());
    assert_eq!(found(&q, &["--search", "scanner"]), [id]);
    q.ok(
        "manager",
        "09:20",
        &[
            "redact",
            "--customer",
            "Maria Lopez",
            "--reason",
            "request 7",
            "--yes",
        ],
    );
    assert!(found(&q, &["--search", "lopez"]).is_empty());
    assert!(found(&q, &["--search", "scanner"]).is_empty());
    assert!(
        !q.stored().to_lowercase().contains("lopez"),
        "no copy left in the index, not even as a stemmed word"
    );
}

#[test]
fn a_search_with_no_word_says_so() {
    let q = Queue::new();
    let err = q.fails("ann", "09:00", &["list", "--search", " -*- "], 2);
    assert!(err.contains("has no word to look for"), "{err}");
}
