//! The policy's reply templates: `esc respond --template` fills one from
//! the ticket and sends it as an agent's reply; shell completion offers
//! their names.

use mail_parser::MessageParser;

use super::completion::offered;
use super::support::{Queue, address_for, smtp};

const REPLIES: &str = "[[replies]]\nid = \"refund\"\ndescription = \"A refund is on its way\"\n\
    text = \"Dear {customer},\\n\\nthe refund for ticket {ticket} ({title}) left today. \
    Our {team} team answers again by {next_response}.\"\n\n\
    [[replies]]\nid = \"delay\"\ntext = \"Sorry, {customer}: it takes longer.\"\n";

#[test]
fn a_reply_template_is_filled_from_the_ticket_and_mailed_as_the_agents_reply() {
    let server = smtp();
    let q = Queue::with_default_and(|_| {
        format!(
            "[delivery]\nbackground = false\n\n{}\n{REPLIES}",
            server.policy()
        )
    });
    let maria = address_for(&q, "maria");
    q.ok(
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
    );
    let said = q.ok("ann", "09:10", &["respond", "1", "--template", "refund"]);
    assert!(
        said.starts_with(&format!("#1 first response sent to {maria}")),
        "{said}"
    );
    q.ok("cron", "09:15", &["tick"]);
    let got = server.received_by(&maria);
    assert_eq!(got.len(), 1);
    let m = MessageParser::default().parse(got[0].as_bytes()).unwrap();
    assert_eq!(
        m.body_text(0).unwrap().trim_end(),
        "Dear Maria Lopez,\n\nthe refund for ticket 1 (Card charged twice) left today. \
         Our Front-line support team answers again by Monday 23 November 2026, 13:00 UTC."
    );
    // The log holds what was sent.
    let events = q.events(1);
    let responded = events.iter().find(|e| e["kind"] == "responded").unwrap();
    assert!(
        responded["reason"]
            .as_str()
            .unwrap()
            .starts_with("Dear Maria Lopez,"),
        "{responded}"
    );
}

#[test]
fn an_unknown_reply_or_an_editor_without_a_terminal_is_refused_and_nothing_is_sent() {
    let q = Queue::with_default_and(|_| REPLIES.to_string());
    q.open("09:00", "Parcel late", &[]);
    let err = q.fails("ann", "09:10", &["respond", "1", "--template", "refnud"], 2);
    assert_eq!(
        err,
        "error: the policy has no reply `refnud` (it has: refund, delay)\n\
         hint: replies are [[replies]] in the policy, each an id and a text\n"
    );
    let err = q.fails(
        "ann",
        "09:10",
        &["respond", "1", "--template", "delay", "--edit"],
        2,
    );
    assert!(
        err.starts_with("error: --edit opens an editor, which needs a terminal"),
        "{err}"
    );
    let err = q.fails(
        "ann",
        "09:10",
        &["respond", "1", "words", "--template", "delay"],
        2,
    );
    assert!(err.contains("cannot be used with"), "{err}");
    assert!(
        q.ticket(1)["first_response_at"].is_null(),
        "nothing was recorded"
    );
    // Recorded, not mailed, on a ticket without the customer's address.
    let said = q.ok("ann", "09:20", &["respond", "1", "--template", "delay"]);
    assert!(said.starts_with("#1 first response recorded"), "{said}");
    assert_eq!(
        q.events(1).last().unwrap()["reason"],
        "Sorry, acme: it takes longer."
    );
}

#[test]
fn completion_offers_the_policys_replies() {
    let q = Queue::with_default_and(|_| REPLIES.to_string());
    let db = q.db();
    assert_eq!(
        offered(&q, &["esc", "--db", &db, "respond", "1", "--template", ""]),
        ["refund", "delay"]
    );
}
