//! `esc mail fetch` against a real IMAP server (Dovecot on loopback,
//! started by `scripts/test`) and a local Maildir: every waiting message
//! taken in once, set aside only once kept, and nothing taken from a
//! server esc cannot trust.

use super::support::{Imap, ImapFolder, Queue, imap};

const FIRST: &str = "From: Maria Lopez <maria@example.com>
To: support@shop.example
Subject: Refund not received
Message-ID: <fetch-first@mail.example.com>
Date: Mon, 23 Nov 2026 09:00:00 +0000

Hello,
my refund for order 1182 has not arrived.
";

const REPLY: &str = "From: Maria Lopez <maria@example.com>
To: support@shop.example
Subject: Re: Refund not received
Message-ID: <fetch-reply@mail.example.com>
In-Reply-To: <fetch-first@mail.example.com>

Any news?
";

const AWAY: &str = "From: Maria Lopez <maria@example.com>
To: support@shop.example
Subject: Out of office
Auto-Submitted: auto-replied
Message-ID: <fetch-away@mail.example.com>
In-Reply-To: <fetch-first@mail.example.com>

I am away until Monday.
";

/// A queue under the default policy that fetches from a folder of its
/// own on the suite's IMAP server, by `tls` on its port, with the lines
/// `extra` gives for the folder in `[mail.imap]`.
fn queue(server: &Imap, tls: &str, extra: impl Fn(&ImapFolder) -> String) -> (Queue, ImapFolder) {
    let q = Queue::empty();
    let folder = server.folder(&q, tls);
    let port = match tls {
        "tls" => server.tls_port,
        _ => server.starttls_port,
    };
    let policy = server.policy(&q, &folder, port, tls, &extra(&folder));
    q.init_with_default_and(&policy);
    (q, folder)
}

fn contacts(q: &Queue, id: i64) -> i64 {
    q.ticket(id)["contact_attempts"].as_i64().unwrap()
}

#[test]
fn fetch_over_tls_takes_each_message_once_and_moves_it_once_kept() {
    let server = imap();
    let (q, folder) = queue(&server, "tls", |f| {
        format!("move_to = \"{}-done\"\n", f.name)
    });
    folder.deliver("1.first.host", FIRST);
    folder.deliver("2.reply.host", REPLY);
    folder.deliver("3.away.host", AWAY);

    let said = q.ok("postmaster", "2026-11-23T09:30:00Z", &["mail", "fetch"]);
    assert_eq!(
        said,
        "opened ticket #1 from maria@example.com: Refund not received\n\
         added to ticket #1: maria@example.com wrote again\n\
         kept on ticket #1: written by a machine (Auto-Submitted: auto-replied): not answered, not counted\n"
    );
    assert_eq!(
        contacts(&q, 1),
        1,
        "the reply counts, the out-of-office does not"
    );
    assert!(folder.files("", "new").is_empty() && folder.files("", "cur").is_empty());
    let moved = [folder.files("-done", "new"), folder.files("-done", "cur")].concat();
    assert_eq!(moved.len(), 3, "every kept message moved: {moved:?}");

    let again = q.ok("postmaster", "2026-11-23T09:35:00Z", &["mail", "fetch"]);
    assert_eq!(
        again,
        format!(
            "no mail waits in support@{}:{} {}\n",
            server.host, server.tls_port, folder.name
        )
    );
    let mail = q.json("ann", "23:59", &["mail", "list", "--ticket", "1"]);
    assert_eq!(mail.as_array().unwrap().len(), 3);
}

#[test]
fn fetch_over_starttls_flags_kept_mail_seen_and_sets_aside_what_was_kept_before() {
    let server = imap();
    let (q, folder) = queue(&server, "starttls", |_| String::new());
    folder.deliver("1.first.host", FIRST);
    folder.deliver("2.reply.host", REPLY);
    // The first was kept already, as by a fetch stopped after its commit
    // and before it was set aside: the next fetch adds nothing for it.
    let mut receive = q.esc("postmaster", "2026-11-23T09:01:00Z", &["mail", "receive"]);
    let out = super::support::with_stdin(&mut receive, FIRST.replace('\n', "\r\n").as_bytes());
    assert!(out.status.success());

    let said = q.ok("postmaster", "2026-11-23T09:30:00Z", &["mail", "fetch"]);
    assert_eq!(
        said,
        "message 1 was kept already, on ticket #1: nothing changed\n\
         added to ticket #1: maria@example.com wrote again\n"
    );
    assert_eq!(contacts(&q, 1), 1);
    // Flagged seen where they are: Dovecot moved them to cur/ with S.
    let cur = folder.files("", "cur");
    assert_eq!(cur.len(), 2, "{cur:?}");
    assert!(
        cur.iter()
            .all(|f| f.rsplit_once(":2,").is_some_and(|(_, fl)| fl.contains('S'))),
        "{cur:?}"
    );
    assert!(
        q.ok("postmaster", "2026-11-23T09:35:00Z", &["mail", "fetch"])
            .starts_with("no mail waits")
    );
}

#[test]
fn a_server_esc_cannot_trust_or_that_refuses_the_login_gives_nothing_and_loses_nothing() {
    let server = imap();
    let (q, folder) = queue(&server, "tls", |_| String::new());
    folder.deliver("1.first.host", FIRST);
    // Without the company's authority, the server's certificate is no
    // proof of who it is.
    let policy = std::fs::read_to_string(q.path("policy.toml")).unwrap();
    let untrusted: String = policy
        .lines()
        .filter(|l| !l.starts_with("ca_file"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(q.path("untrusted.toml"), &untrusted).unwrap();
    q.apply("untrusted.toml", "2026-11-23T09:00:00Z");
    let err = q.fails("postmaster", "2026-11-23T09:30:00Z", &["mail", "fetch"], 1);
    assert!(err.contains("UnknownIssuer"), "{err}");

    std::fs::write(q.path("imap-password"), "not-the-password\n").unwrap();
    q.apply("policy.toml", "2026-11-23T09:40:00Z");
    let err = q.fails("postmaster", "2026-11-23T09:45:00Z", &["mail", "fetch"], 1);
    assert!(
        err.contains(&format!(
            "the IMAP server {}:{} refused to log in `support`",
            server.host, server.tls_port
        )),
        "{err}"
    );
    assert!(!err.contains("not-the-password"), "{err}");

    assert_eq!(folder.files("", "new").len(), 1, "the message still waits");
    assert_eq!(
        q.json("ann", "23:59", &["list", "--all"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn a_maildir_gives_its_new_and_unseen_mail_and_keeps_even_what_is_not_mail() {
    let q = Queue::empty();
    let maildir = q.path("Maildir");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    q.init_with_default_and(&format!("[mail]\nmaildir = \"{}\"\n", maildir.display()));
    std::fs::write(maildir.join("new/1.a.host"), FIRST.replace('\n', "\r\n")).unwrap();
    std::fs::write(maildir.join("cur/2.b.host:2,"), REPLY.replace('\n', "\r\n")).unwrap();
    std::fs::write(
        maildir.join("cur/0.seen.host:2,S"),
        "read by a person already",
    )
    .unwrap();
    std::fs::write(
        maildir.join("new/3.c.host"),
        [0xffu8, 0x00, 0x1b, b'[', b'2', b'J'],
    )
    .unwrap();

    let said = q.ok("postmaster", "2026-11-23T09:30:00Z", &["mail", "fetch"]);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 3, "{said}");
    assert!(lines.contains(&"opened ticket #1 from maria@example.com: Refund not received"));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("kept as message ") && l.contains("on no ticket")),
        "{said}"
    );
    assert_eq!(contacts(&q, 1), 1);
    let mut cur: Vec<String> = std::fs::read_dir(maildir.join("cur"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cur.sort();
    assert_eq!(
        cur,
        [
            "0.seen.host:2,S",
            "1.a.host:2,S",
            "2.b.host:2,S",
            "3.c.host:2,S"
        ]
    );
    assert_eq!(std::fs::read_dir(maildir.join("new")).unwrap().count(), 0);
    assert_eq!(
        q.json("ann", "23:59", &["mail", "list"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn without_a_mailbox_fetch_says_how_to_name_one() {
    let q = Queue::new();
    let err = q.fails("postmaster", "09:00", &["mail", "fetch"], 2);
    assert_eq!(
        err,
        "error: the policy names no mailbox to fetch mail from\n\
         hint: add [mail.imap] (host, username, password_env) or mail.maildir to the policy, or give --maildir DIR\n"
    );
}

/// The whole story, on whichever engine the suite runs on, the clock
/// fixed: a customer writes; a ticket opens; nobody answers and the tick
/// escalates it; an agent answers by mail and the customer's mailbox
/// receives it threaded; her reply joins the ticket, and her
/// out-of-office reply does not count as her getting in touch.
#[test]
fn a_customer_writes_nobody_answers_the_tick_escalates_and_the_mail_threads_both_ways() {
    let server = imap();
    let smtp = super::support::smtp();
    let (q, folder) = queue(&server, "tls", |f| {
        format!(
            "move_to = \"{}-done\"\n\n[delivery]\nbackground = false\n\n{}",
            f.name,
            smtp.policy()
        )
    });
    let maria = super::support::address_for(&q, "maria");
    folder.deliver("1.first.host", &FIRST.replace("maria@example.com", &maria));
    let said = q.ok("postmaster", "2026-11-23T09:00:00Z", &["mail", "fetch"]);
    assert_eq!(
        said,
        format!("opened ticket #1 from {maria}: Refund not received\n")
    );
    assert_eq!(q.ticket(1)["channel"], "email");

    // Nobody answers: the policy's path escalates it.
    let ticked = q.ok("cron", "2026-11-23T16:00:00Z", &["tick"]);
    assert!(ticked.contains("escalation"), "{ticked}");
    let escalated = q.ticket(1);
    assert_ne!(escalated["level"], "L0", "{escalated}");

    q.ok(
        "ann",
        "2026-11-23T16:10:00Z",
        &["respond", "1", "Sorry for the wait: the refund left today."],
    );
    q.ok("cron", "2026-11-23T16:15:00Z", &["tick"]);
    let got = smtp.received_by(&maria);
    assert_eq!(got.len(), 1, "{got:?}");
    let sent = mail_parser::MessageParser::default()
        .parse(got[0].as_bytes())
        .unwrap();
    assert_eq!(sent.subject(), Some("Re: Refund not received [esc #1]"));
    assert_eq!(
        sent.in_reply_to().as_text(),
        Some("fetch-first@mail.example.com")
    );
    let sent_id = sent.message_id().unwrap().to_string();

    folder.deliver(
        "2.reply.host",
        &format!(
            "From: {maria}\nTo: support@shop.example\nSubject: Re: Refund not received [esc #1]\n\
             Message-ID: <story-reply@mail.example.com>\nIn-Reply-To: <{sent_id}>\n\n\
             Thank you, it arrived.\n\n> Sorry for the wait: the refund left today.\n"
        ),
    );
    folder.deliver(
        "3.away.host",
        &format!(
            "From: {maria}\nTo: support@shop.example\nSubject: Out of office\n\
             Auto-Submitted: auto-replied\nMessage-ID: <story-away@mail.example.com>\n\
             In-Reply-To: <{sent_id}>\n\nI am away until Monday.\n"
        ),
    );
    let said = q.ok("postmaster", "2026-11-23T16:40:00Z", &["mail", "fetch"]);
    assert_eq!(
        said,
        format!(
            "added to ticket #1: {maria} wrote again\n\
             kept on ticket #1: written by a machine (Auto-Submitted: auto-replied): not answered, not counted\n"
        )
    );
    assert_eq!(
        contacts(&q, 1),
        1,
        "her reply counts; the out-of-office does not"
    );
    let events = q.events(1);
    let last = events.last().unwrap();
    assert_eq!(
        (last["kind"].as_str(), last["actor"].as_str()),
        (Some("contacted"), Some(maria.as_str()))
    );
    assert_eq!(
        last["reason"], "Thank you, it arrived.",
        "the quoted history trimmed: {last}"
    );
    let mail = q.json("ann", "23:59", &["mail", "list", "--ticket", "1"]);
    let filed: Vec<&str> = mail
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["filed"].as_str().unwrap())
        .collect();
    assert_eq!(filed, ["opened", "sent", "joined", "automatic"]);
    // The manager's report counts the agent's reply apart from the
    // notifications.
    let report = q.ok(
        "dana",
        "2026-11-23T23:00:00Z",
        &["report", "--since", "2026-11-23"],
    );
    assert!(
        report.contains("\nReplied      1 reply by agents, by mail to customers · 1 sent\n"),
        "{report}"
    );
}
