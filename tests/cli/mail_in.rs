//! Customers' mail comes in through `esc mail receive`, as a mail server's
//! delivery command runs it: the message on standard input, the outcome in
//! the exit code.

use std::io::Write;
use std::process::{Output, Stdio};

use mail_parser::MessageParser;
use serde_json::Value;

use super::support::{Queue, address_for, smtp};

/// `esc mail receive` at `when` with `message` (lines joined with CRLF, as
/// mail travels) on standard input.
fn receive(q: &Queue, when: &str, message: &str) -> Output {
    let mut child = q
        .esc("postmaster", when, &["mail", "receive"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(message.replace('\n', "\r\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Receive, insist on exit 0, and return what it said.
pub(super) fn kept(q: &Queue, when: &str, message: &str) -> String {
    let out = receive(q, when, message);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const FIRST: &str = "From: Maria Lopez <maria@example.com>
To: support@shop.example
Subject: Refund not received
Message-ID: <first@mail.example.com>
Date: Mon, 23 Nov 2026 09:00:00 +0000

Hello,
my refund for order 1182 has not arrived.
";

fn reply(id: &str, in_reply_to: &str, from: &str, subject: &str, text: &str) -> String {
    format!(
        "From: {from}\nTo: support@shop.example\nSubject: {subject}\nMessage-ID: <{id}>\n\
         In-Reply-To: <{in_reply_to}>\nReferences: <{in_reply_to}>\n\n{text}\n"
    )
}

fn contacts(q: &Queue, id: i64) -> i64 {
    q.ticket(id)["contact_attempts"].as_i64().unwrap()
}

fn tickets(q: &Queue) -> usize {
    q.json("ann", "23:59", &["list", "--all"])
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn a_new_message_opens_a_ticket_and_the_same_message_again_changes_nothing() {
    let q = Queue::new();
    let said = kept(&q, "09:01", FIRST);
    assert_eq!(
        said,
        "opened ticket #1 from maria@example.com: Refund not received\n"
    );
    let t = q.ticket(1);
    assert_eq!(t["title"], "Refund not received");
    assert_eq!(t["customer"], "Maria Lopez");
    assert_eq!(t["email"], "maria@example.com");
    assert_eq!(t["channel"], "email");
    assert_eq!(
        t["description"],
        "Hello,\nmy refund for order 1182 has not arrived."
    );
    let opened = &q.events(1)[0];
    assert_eq!(
        (&opened["kind"], &opened["actor"]),
        (&Value::from("opened"), &Value::from("maria@example.com"))
    );

    let again = kept(&q, "09:05", FIRST);
    assert_eq!(
        again,
        "message 1 was kept already, on ticket #1: nothing changed\n"
    );
    assert_eq!(tickets(&q), 1);
    let mail = q.json("ann", "23:59", &["mail", "list", "--ticket", "1"]);
    assert_eq!(mail.as_array().unwrap().len(), 1);
    assert_eq!(mail[0]["filed"], "opened");
    assert_eq!(mail[0]["message_id"], "first@mail.example.com");
}

#[test]
fn a_reply_joins_its_ticket_counts_as_a_contact_and_reopens_it() {
    let q = Queue::new();
    kept(&q, "09:01", FIRST);
    assert_eq!(contacts(&q, 1), 0);
    let said = kept(
        &q,
        "10:00",
        &reply(
            "second@mail.example.com",
            "first@mail.example.com",
            "Maria Lopez <maria@example.com>",
            "Re: Refund not received",
            "Any news?\n\nOn Mon, 23 Nov 2026, Maria Lopez <maria@example.com> wrote:\n> Hello,\n> my refund",
        ),
    );
    assert_eq!(said, "added to ticket #1: maria@example.com wrote again\n");
    assert_eq!(contacts(&q, 1), 1);
    let last = q.events(1).last().unwrap().clone();
    assert_eq!(last["kind"], "contacted");
    assert_eq!(last["reason"], "Any news?", "the quoted history is trimmed");

    q.ok(
        "ann",
        "11:00",
        &[
            "resolve",
            "1",
            "--root-cause",
            "process",
            "--summary",
            "refunded again",
        ],
    );
    let said = kept(
        &q,
        "12:00",
        &reply(
            "third@mail.example.com",
            "second@mail.example.com",
            "maria@example.com",
            "Re: Refund not received",
            "It still has not arrived.",
        ),
    );
    assert_eq!(said, "reopened ticket #1: maria@example.com wrote again\n");
    assert_eq!(q.ticket(1)["status"], "open");
    assert_eq!(contacts(&q, 1), 2);
    assert_eq!(tickets(&q), 1);
}

#[test]
fn a_reply_long_after_the_resolution_opens_a_new_ticket_naming_the_old() {
    let q = Queue::new();
    kept(&q, "09:01", FIRST);
    q.ok(
        "ann",
        "11:00",
        &[
            "resolve",
            "1",
            "--root-cause",
            "process",
            "--summary",
            "refunded",
        ],
    );
    let said = kept(
        &q,
        "2026-12-30T09:00:00Z",
        &reply(
            "late@mail.example.com",
            "first@mail.example.com",
            "maria@example.com",
            "Re: Refund not received",
            "Another refund is missing.",
        ),
    );
    assert_eq!(
        said,
        "opened ticket #2 from maria@example.com: Re: Refund not received \
         (follows up on ticket #1, resolved too long ago to reopen)\n"
    );
    assert_eq!(q.ticket(1)["status"], "resolved");
    let description = q.ticket(2)["description"].as_str().unwrap().to_string();
    assert!(
        description.starts_with("Follows up on ticket #1, resolved 2026-11-23T11:00:00Z."),
        "{description}"
    );
}

#[test]
fn a_subject_tag_joins_only_for_the_customer_and_a_strangers_mail_is_new() {
    let q = Queue::new();
    kept(&q, "09:01", FIRST);
    let tagged = |id: &str, from: &str| {
        format!(
            "From: {from}\nSubject: Re: [esc #1] Refund not received\nMessage-ID: <{id}>\n\nAbout my refund.\n"
        )
    };
    let stranger = kept(
        &q,
        "10:00",
        &tagged("x1@evil.example", "mallory@evil.example"),
    );
    assert_eq!(
        stranger,
        "opened ticket #2 from mallory@evil.example: Re: [esc #1] Refund not received\n"
    );
    assert_eq!(contacts(&q, 1), 0, "nothing of the stranger's reached #1");
    let customer = kept(&q, "10:05", &tagged("x2@example.com", "MARIA@example.com"));
    assert_eq!(
        customer,
        "added to ticket #1: maria@example.com wrote again\n"
    );
    assert_eq!(contacts(&q, 1), 1);
}

#[test]
fn an_out_of_office_reply_is_kept_but_never_counted() {
    let q = Queue::new();
    kept(&q, "09:01", FIRST);
    let ooo = format!(
        "Auto-Submitted: auto-replied\n{}",
        reply(
            "ooo@mail.example.com",
            "first@mail.example.com",
            "maria@example.com",
            "Out of office: Refund not received",
            "I am away until Monday.",
        )
    );
    let said = kept(&q, "09:30", &ooo);
    assert_eq!(
        said,
        "kept on ticket #1: written by a machine (Auto-Submitted: auto-replied): not answered, not counted\n"
    );
    assert_eq!(contacts(&q, 1), 0);
    assert_eq!(q.kinds(1), ["opened"]);
    // An out-of-office that answers nothing the queue knows opens nothing.
    let lone = "From: someone@example.com\nSubject: Away\nAuto-Submitted: auto-replied\nMessage-ID: <lone@x>\n\nAway.\n";
    let said = kept(&q, "09:40", lone);
    assert!(
        said.starts_with("kept as message 3 on no ticket: written by a machine"),
        "{said}"
    );
    assert_eq!(tickets(&q), 1);
}

#[test]
fn what_does_not_read_as_mail_is_kept_for_an_agent_and_shown_safely() {
    let q = Queue::new();
    let said = kept(&q, "09:01", "\u{1b}[31mnot a mail at all\u{7}\n");
    assert!(
        said.starts_with("kept as message 1 on no ticket: "),
        "{said}"
    );
    let listed = q.ok("ann", "09:02", &["mail", "list"]);
    assert!(listed.contains("unreadable"), "{listed}");
    let shown = q.ok("ann", "09:02", &["mail", "show", "1"]);
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
        "{shown:?}"
    );
    assert!(shown.contains("not a mail at all"), "{shown}");
    assert_eq!(tickets(&q), 0);
    // The same bytes again are the same message.
    let again = kept(&q, "09:03", "\u{1b}[31mnot a mail at all\u{7}\n");
    assert_eq!(again, "message 1 was kept already: nothing changed\n");
}

#[test]
fn a_queue_that_cannot_take_the_message_now_asks_the_mail_server_to_try_again() {
    let q = Queue::new();
    let out = q
        .on(
            q.path("no-such-queue.db"),
            "postmaster",
            "09:00",
            &["mail", "receive"],
        )
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(75),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("there is no queue"), "{stderr}");
}

#[test]
fn an_agents_reply_reaches_the_customer_threaded_and_their_answer_comes_back() {
    let server = smtp();
    let q = Queue::with_default_and(|_| {
        format!("[delivery]\nbackground = false\n\n{}", server.policy())
    });
    let maria = address_for(&q, "maria");
    let first = FIRST.replace("maria@example.com", &maria);
    kept(&q, "09:01", &first);
    let said = q.ok(
        "ann",
        "09:10",
        &["respond", "1", "We are on it: the refund left today."],
    );
    assert!(
        said.starts_with(&format!("#1 first response sent to {maria}")),
        "{said}"
    );
    let internal = q.ok(
        "ann",
        "09:12",
        &["respond", "1", "--internal", "called the bank"],
    );
    assert!(internal.starts_with("#1 response recorded"), "{internal}");
    q.ok("cron", "09:15", &["tick"]);

    let got = server.received_by(&maria);
    assert_eq!(got.len(), 1, "the internal reply stays inside: {got:?}");
    let m = MessageParser::default().parse(got[0].as_bytes()).unwrap();
    assert_eq!(m.subject(), Some("Re: Refund not received [esc #1]"));
    assert_eq!(m.in_reply_to().as_text(), Some("first@mail.example.com"));
    assert_eq!(
        m.header_raw("Auto-Submitted").map(str::trim),
        Some("auto-generated")
    );
    assert_eq!(
        m.body_text(0).unwrap().trim_end(),
        "We are on it: the refund left today."
    );
    let sent_id = m.message_id().unwrap().to_string();
    let sent = q.json("ann", "09:16", &["mail", "list", "--ticket", "1"]);
    assert_eq!(sent[1]["filed"], "sent");
    assert_eq!(sent[1]["message_id"], sent_id.as_str());

    // Her answer to it, with a subject her mail program made up, joins.
    let answer = format!(
        "From: {maria}\nSubject: AW: your mail\nMessage-ID: <answer@mail.example.com>\n\
         In-Reply-To: <{sent_id}>\n\nThank you!\n"
    );
    let said = kept(&q, "09:30", &answer);
    assert_eq!(said, format!("added to ticket #1: {maria} wrote again\n"));
    assert_eq!(contacts(&q, 1), 1);
}

#[test]
fn an_address_that_bounced_is_not_written_to_until_its_customer_writes_again() {
    let server = smtp();
    let q = Queue::with_default_and(|_| {
        format!("[delivery]\nbackground = false\n\n{}", server.policy())
    });
    let maria = address_for(&q, "maria");
    kept(&q, "09:01", &FIRST.replace("maria@example.com", &maria));
    q.ok("ann", "09:10", &["respond", "1", "First answer."]);
    q.ok("cron", "09:11", &["tick"]);
    let sent = server.received_by(&maria);
    assert_eq!(sent.len(), 1);
    let sent_id = MessageParser::default()
        .parse(sent[0].as_bytes())
        .unwrap()
        .message_id()
        .unwrap()
        .to_string();

    let bounce = format!(
        "From: Mail Delivery System <MAILER-DAEMON@mx.desk.example>\nSubject: Undelivered Mail\n\
         Message-ID: <bounce@mx.desk.example>\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\n\n\
         --r\nContent-Type: text/plain\n\nCould not deliver.\n\
         --r\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.desk.example\n\n\
         Final-Recipient: rfc822; {maria}\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 user unknown\n\
         --r\nContent-Type: text/rfc822-headers\n\nMessage-ID: <{sent_id}>\nSubject: x\n--r--\n"
    );
    // The same report about a message the queue never sent marks nothing.
    let forged = bounce
        .replace(&sent_id, "made-up@elsewhere")
        .replace("<bounce@", "<forged@");
    let said = kept(&q, "09:50", &forged);
    assert!(
        said.starts_with("kept as message 3 on no ticket: undeliverable"),
        "{said}"
    );
    q.ok("ann", "09:52", &["respond", "1", "Between the two."]);
    q.ok("cron", "09:53", &["tick"]);
    assert_eq!(
        server.received_by(&maria).len(),
        2,
        "the forged report stopped nothing"
    );

    let said = kept(&q, "10:00", &bounce);
    assert_eq!(
        said,
        format!("kept on ticket #1: undeliverable: {maria} (5.1.1 550 user unknown)\n")
    );
    assert_eq!(contacts(&q, 1), 0, "a bounce is no contact");

    q.ok("ann", "10:10", &["respond", "1", "Second answer."]);
    let out = q.ok("cron", "10:11", &["tick"]);
    assert!(out.contains("bounced"), "{out}");
    assert_eq!(
        server.received_by(&maria).len(),
        2,
        "nothing more went there"
    );
    let given_up: Vec<Value> = q
        .outbox()
        .into_iter()
        .filter(|n| n["audience"] == "customer" && n["status"] == "failed")
        .collect();
    assert_eq!(given_up.len(), 1);
    assert!(
        given_up[0]["last_error"]
            .as_str()
            .unwrap()
            .starts_with(&format!(
                "mail to {maria} bounced on 2026-11-23T10:00:00Z: 5.1.1"
            )),
        "{given_up:?}"
    );

    // She writes again from it: mail reaches her there once more.
    kept(
        &q,
        "11:00",
        &reply(
            "again@x",
            "first@mail.example.com",
            &maria,
            "Re: Refund",
            "Still here.",
        ),
    );
    q.ok("ann", "11:10", &["respond", "1", "Third answer."]);
    q.ok("cron", "11:11", &["tick"]);
    assert_eq!(server.received_by(&maria).len(), 3);
}

#[test]
fn an_address_esc_cannot_write_to_still_opens_a_ticket_without_it() {
    let q = Queue::new();
    let odd =
        "From: Odd <\"odd name\"@example.com>\nSubject: Help\nMessage-ID: <odd@x>\n\nHelp me.\n";
    let said = kept(&q, "09:00", odd);
    assert!(
        said.starts_with("opened ticket #1 from \"oddname\"@example.com: Help (opened without the customer's address: "),
        "{said}"
    );
    assert_eq!(q.ticket(1)["email"], Value::Null);
    assert_eq!(q.ticket(1)["customer"], "Odd");
}

#[test]
fn an_attachment_is_listed_on_its_ticket_and_saved_under_a_safe_name() {
    let q = Queue::new();
    let with_file = "From: maria@example.com\nSubject: Invoice\nMessage-ID: <inv@x>\n\
        Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nSee the invoice.\n\
        --b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"../../.invoice.pdf\"\n\
        Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--b--\n";
    kept(&q, "09:00", with_file);
    let show = q.ok("ann", "09:05", &["show", "1"]);
    let listed = show.split("Attachments").nth(1).unwrap_or_default();
    assert!(
        listed.contains("invoice.pdf")
            && listed.contains("application/pdf")
            && listed.contains("9 bytes"),
        "{show}"
    );
    let said = q.ok("ann", "09:06", &["mail", "save", "1", "1"]);
    assert_eq!(
        said,
        "saved invoice.pdf (9 bytes, application/pdf) to invoice.pdf\n"
    );
    assert_eq!(std::fs::read(q.path("invoice.pdf")).unwrap(), b"%PDF-1.4\n");
    let again = q.fails("ann", "09:07", &["mail", "save", "1", "1"], 2);
    assert!(
        again.contains("exists already; esc never overwrites a file"),
        "{again}"
    );
    let none = q.fails("ann", "09:07", &["mail", "save", "1", "2"], 2);
    assert!(none.contains("message 1 has no attachment 2"), "{none}");
}

#[test]
fn erasing_a_customer_erases_their_mail_even_on_no_ticket() {
    let q = Queue::new();
    kept(&q, "09:01", FIRST);
    let away = "From: maria@example.com\nSubject: Away\nAuto-Submitted: auto-replied\n\
                Message-ID: <away@x>\n\nI am away, call +34 600 000 000.\n";
    kept(&q, "09:02", away);
    q.ok("ann", "09:10", &["respond", "1", "We are on it."]);
    q.ok(
        "manager",
        "10:00",
        &[
            "redact",
            "--customer",
            "Maria Lopez",
            "--reason",
            "erasure request",
            "--yes",
        ],
    );
    // The events the customer's mail made named their address as who
    // acted: that goes too, and the agent's name stays.
    let show = q.ok("ann", "10:05", &["--json", "show", "1"]);
    let actors: Vec<String> = q
        .events(1)
        .iter()
        .map(|e| e["actor"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(actors[0], "[redacted]", "{actors:?}");
    assert!(actors.contains(&"ann".to_string()), "{actors:?}");
    let everything = format!(
        "{show}{}{}{}",
        q.ok("ann", "10:05", &["--json", "mail", "list"]),
        q.ok("ann", "10:05", &["--json", "mail", "list", "--ticket", "1"]),
        q.ok("ann", "10:05", &["--json", "outbox", "--all"]),
    );
    for personal in [
        "maria@example.com",
        "Maria Lopez",
        "600 000",
        "refund for order",
    ] {
        assert!(
            !everything.contains(personal),
            "`{personal}` is left: {everything}"
        );
    }
    let gone = q.fails("ann", "10:06", &["mail", "show", "2"], 2);
    assert!(gone.contains("its text was erased"), "{gone}");
}

#[test]
fn the_policy_routes_new_mail_by_address_and_subject_words() {
    let q = Queue::empty();
    q.init_with_default_and(
        "[[mail.routes]]\nto = [\"billing@shop.example\"]\nteam = \"finance\"\ncategory = \"financial\"\n\n\
         [[mail.routes]]\nsubject = [\"outage\"]\npriority = \"urgent\"\nteam = \"technical\"\n",
    );
    let billing = "From: ann@example.com\nTo: Billing <billing@shop.example>\nSubject: Invoice twice\nMessage-ID: <r1@x>\n\nTwice.\n";
    let outage = "From: bob@example.com\nTo: support@shop.example\nSubject: OUTAGE: checkout down\nMessage-ID: <r2@x>\n\nDown.\n";
    let plain = "From: cy@example.com\nTo: support@shop.example\nSubject: Outages page typo\nMessage-ID: <r3@x>\n\nTypo.\n";
    for m in [billing, outage, plain] {
        kept(&q, "09:00", m);
    }
    let fields = |id: i64| {
        let t = q.ticket(id);
        ["team", "category", "priority"].map(|f| t[f].as_str().unwrap().to_string())
    };
    assert_eq!(fields(1), ["finance", "financial", "normal"]);
    assert_eq!(fields(2), ["technical", "technical", "urgent"]);
    // `Outages` is not the word `outage`: the defaults.
    assert_eq!(fields(3), ["support", "technical", "normal"]);
}

#[test]
fn without_a_mail_server_a_reply_is_recorded_and_says_it_was_not_mailed() {
    let q = Queue::new();
    kept(&q, "09:01", FIRST);
    let said = q.ok("ann", "09:10", &["respond", "1", "We are on it."]);
    assert!(
        said.starts_with(
            "#1 first response recorded, not mailed: the policy names no mail server ([delivery.smtp])"
        ),
        "{said}"
    );
    let err = q.fails("ann", "09:12", &["respond", "1", "--mail", "Again."], 2);
    assert_eq!(
        err,
        "error: the policy names no mail server, so the reply cannot be mailed\n\
         hint: add [delivery.smtp] to the policy (README, \"Mail in\"), or record the reply with --internal\n"
    );
    assert!(
        q.outbox().is_empty(),
        "nothing waits to be sent that never can be"
    );
    assert!(q.ticket(1)["first_response_at"].is_string());
}

#[test]
fn new_mail_is_acknowledged_as_a_reply_a_few_times_a_day_per_sender() {
    let server = smtp();
    let q = Queue::with_default_and(|_| {
        format!(
            "[delivery]\nbackground = false\n\n{}\n\
             [[customer_updates]]\nid = \"receipt\"\non = \"opened\"\n\
             subject = \"We have your message [esc #{{ticket}}]\"\ntext = \"Dear {{customer}}, ticket {{ticket}} is open.\"\n\n\
             [mail]\nacknowledgements_per_day = 2\n\
             from = \"Shop support <support@shop.example>\"\nreply_to = \"replies@shop.example\"\n",
            server.policy()
        )
    });
    let maria = address_for(&q, "maria");
    let said: Vec<String> = (1..=3)
        .map(|k| {
            let m = format!(
                "From: {maria}\nTo: support@shop.example\nSubject: Question {k}\nMessage-ID: <ack-{k}@mail.example.com>\n\nHello.\n"
            );
            kept(&q, "09:00", &m)
        })
        .collect();
    assert_eq!(
        said[0],
        format!("opened ticket #1 from {maria}: Question 1\n")
    );
    assert_eq!(
        said[2],
        format!(
            "opened ticket #3 from {maria}: Question 3 (not acknowledged: mail from {maria} opened 2 tickets in the last day already (mail.acknowledgements_per_day))\n"
        )
    );
    q.ok("cron", "09:05", &["tick"]);
    let got = server.received_by(&maria);
    assert_eq!(got.len(), 2, "two acknowledgements, not three: {got:?}");
    for (k, raw) in got.iter().enumerate() {
        let m = MessageParser::default().parse(raw.as_bytes()).unwrap();
        assert_eq!(
            m.header_raw("Auto-Submitted").map(str::trim),
            Some("auto-replied")
        );
        // From the support address the customer knows, not the mail
        // server's sender, and answered where the policy says.
        assert_eq!(
            m.header_raw("From").map(str::trim),
            Some("\"Shop support\" <support@shop.example>")
        );
        assert_eq!(
            m.header_raw("Reply-To").map(str::trim),
            Some("replies@shop.example")
        );
        let answers = m.in_reply_to().as_text().unwrap().to_string();
        assert!(
            ["ack-1@mail.example.com", "ack-2@mail.example.com"].contains(&answers.as_str()),
            "{k}: {answers}"
        );
    }
    // A day later the sender is acknowledged again.
    let next = format!(
        "From: {maria}\nTo: support@shop.example\nSubject: Question 4\nMessage-ID: <ack-4@mail.example.com>\n\nHello.\n"
    );
    assert_eq!(
        kept(&q, "2026-11-25T09:01:00Z", &next),
        format!("opened ticket #4 from {maria}: Question 4\n")
    );
}

#[test]
fn the_policy_says_which_channels_tickets_are_answered_by_mail() {
    let server = smtp();
    let q = Queue::with_default_and(|_| {
        format!(
            "[delivery]\nbackground = false\n\n{}\n[mail]\nreply_by_mail = [\"email\", \"phone\"]\n",
            server.policy()
        )
    });
    let tom = address_for(&q, "tom");
    let chat = address_for(&q, "chat");
    for (channel, to) in [("phone", &tom), ("chat", &chat)] {
        q.ok(
            "ann",
            "09:00",
            &[
                "open",
                "--quiet",
                "--title",
                "Call back",
                "--customer",
                "Tom",
                "--email",
                to,
                "--channel",
                channel,
                "--category",
                "technical",
            ],
        );
    }
    let said = q.ok(
        "ann",
        "09:10",
        &["respond", "1", "As promised on the phone."],
    );
    assert!(
        said.starts_with(&format!("#1 first response sent to {tom}")),
        "{said}"
    );
    let said = q.ok("ann", "09:11", &["respond", "2", "Noted in the chat."]);
    assert!(said.starts_with("#2 first response recorded"), "{said}");
    q.ok("cron", "09:15", &["tick"]);
    assert_eq!(server.received_by(&tom).len(), 1);
    assert!(
        server.received_by(&chat).is_empty(),
        "chat is not answered by mail"
    );
}

#[test]
fn customers_mail_moves_with_the_queue_through_export_and_import() {
    let q = Queue::new();
    kept(&q, "09:01", FIRST);
    kept(
        &q,
        "09:30",
        &reply(
            "second@x",
            "first@mail.example.com",
            "maria@example.com",
            "Re: Refund",
            "Any news?",
        ),
    );
    let noise = receive(&q, "09:40", "\u{1}\u{2} not mail at all\n");
    assert_eq!(noise.status.code(), Some(0));
    let export = q.ok("ann", "10:00", &["export"]);
    std::fs::write(q.path("queue.jsonl"), &export).unwrap();

    let copy = q.another("copy.db");
    let out = q
        .on(
            &copy,
            "manager",
            "10:05",
            &["import", q.path("queue.jsonl").to_str().unwrap()],
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = q.on(&copy, "ann", "10:00", &["export"]).output().unwrap();
    assert_eq!(
        String::from_utf8(again.stdout).unwrap(),
        export,
        "the round trip changes nothing"
    );
    for args in [
        &["mail", "show", "1"][..],
        &["mail", "show", "3"],
        &["--json", "mail", "list"],
    ] {
        let there = q.on(&copy, "ann", "10:10", args).output().unwrap();
        assert_eq!(
            there.stdout,
            q.esc("ann", "10:10", args).output().unwrap().stdout,
            "{args:?}"
        );
    }
    // A reply to her first message still finds its ticket in the copy.
    let third = reply(
        "third@x",
        "first@mail.example.com",
        "maria@example.com",
        "Re: Refund",
        "Hello?",
    );
    let mut receive = q.on(&copy, "postmaster", "11:00", &["mail", "receive"]);
    let out = super::support::with_stdin(&mut receive, third.replace('\n', "\r\n").as_bytes());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "added to ticket #1: maria@example.com wrote again\n"
    );

    // Bytes that are not base64 are refused where they stand.
    let forged = export.replacen("\"raw\":\"", "\"raw\":\"*", 1);
    std::fs::write(q.path("forged.jsonl"), forged).unwrap();
    let other = q.another("other.db");
    let out = q
        .on(
            &other,
            "manager",
            "10:05",
            &["import", q.path("forged.jsonl").to_str().unwrap()],
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("its bytes are not base64"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn mail_kept_on_no_ticket_is_filed_where_it_now_goes_when_retried() {
    let q = Queue::new();
    // Her out-of-office reply overtook the message it answers.
    let away = "From: maria@example.com\nSubject: Away\nAuto-Submitted: auto-replied\n\
                Message-ID: <early-away@x>\nIn-Reply-To: <first@mail.example.com>\n\nAway.\n";
    assert_eq!(
        kept(&q, "09:00", away),
        "kept as message 1 on no ticket: written by a machine (Auto-Submitted: auto-replied): not answered, not counted\n"
    );
    kept(&q, "09:01", FIRST);
    let said = q.ok("postmaster", "09:05", &["mail", "retry", "1"]);
    assert_eq!(
        said,
        "kept on ticket #1: written by a machine (Auto-Submitted: auto-replied): not answered, not counted\n"
    );
    assert!(
        q.json("ann", "09:06", &["mail", "list"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    let on = q.json("ann", "09:06", &["mail", "list", "--ticket", "1"]);
    let filed: Vec<(i64, &str, &str)> = on
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["id"].as_i64().unwrap(),
                m["filed"].as_str().unwrap(),
                m["at"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        filed,
        [
            (1, "automatic", "2026-11-23T09:00:00Z"),
            (2, "opened", "2026-11-23T09:01:00Z")
        ],
        "when it came stays"
    );
    assert_eq!(
        contacts(&q, 1),
        0,
        "a machine's mail is counted no more for being retried"
    );

    // What still does not read as mail stays where it is, saying so.
    receive(&q, "09:10", "\u{7}\u{1b}[2J\n");
    assert_eq!(
        q.ok("postmaster", "09:11", &["mail", "retry", "3"]),
        "kept as message 3 on no ticket: no header reads as a mail header\n"
    );
    let err = q.fails("postmaster", "09:12", &["mail", "retry", "2"], 2);
    assert!(err.contains("no message 2 is kept on no ticket"), "{err}");
}
