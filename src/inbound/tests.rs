use super::*;

const LIMIT: usize = 1024 * 1024;

fn read_ok(raw: &str) -> Inbound {
    read(raw.replace('\n', "\r\n").as_bytes(), LIMIT).unwrap()
}

#[test]
fn a_plain_message_gives_its_sender_subject_text_and_id() {
    let m = read_ok(
        "From: Maria Lopez <Maria.Lopez@Example.COM>\n\
         To: support@shop.example\n\
         Cc: Ops <ops@example.com>, bad-address\n\
         Subject: =?UTF-8?Q?Refund_not_received_=E2=80=94_order_1182?=\n\
         Message-ID: <abc.123@mail.example.com>\n\
         Date: Mon, 23 Nov 2026 09:00:00 +0000\n\
         \n\
         Hello,\n\
         my refund has not arrived.\n",
    );
    assert_eq!(m.message_id, "abc.123@mail.example.com");
    assert_eq!(
        m.from,
        Some(Mailbox {
            name: Some("Maria Lopez".into()),
            address: "maria.lopez@example.com".into()
        })
    );
    assert_eq!(m.subject, "Refund not received — order 1182");
    assert_eq!(m.text, "Hello,\nmy refund has not arrived.");
    assert_eq!(
        m.cc.iter().map(|c| c.address.as_str()).collect::<Vec<_>>(),
        ["ops@example.com"]
    );
    assert_eq!(m.automatic, None);
    assert!(!m.ours);
    assert!(m.involves("OPS@example.com") && !m.involves("support@shop.example"));
}

#[test]
fn answers_list_the_nearest_message_first_and_reply_to_takes_answers() {
    let m = read_ok(
        "From: a@example.com\n\
         Reply-To: Desk <desk@example.com>\n\
         Subject: Re: [esc #42] Refund\n\
         Message-ID: <m3@example.com>\n\
         In-Reply-To: <m2@example.com>\n\
         References: <m0@example.com> <m1@example.com> <m2@example.com>\n\
         \n\
         Thanks\n",
    );
    assert_eq!(
        m.answers,
        ["m2@example.com", "m1@example.com", "m0@example.com"]
    );
    assert_eq!(m.answer_to().unwrap().address, "desk@example.com");
    assert_eq!(m.tagged("esc"), Some(42));
    assert_eq!(m.tagged("help"), None);
}

#[test]
fn subject_tags_need_the_word_the_hash_and_the_bracket() {
    assert_eq!(subject_tag("Re: [ESC #7] x", "esc"), Some(7));
    assert_eq!(subject_tag("[esc #] [esc #12]", "esc"), Some(12));
    assert_eq!(subject_tag("[esc #12 ] x", "esc"), None);
    assert_eq!(subject_tag("esc #12", "esc"), None);
    assert_eq!(subject_tag("[esc #99999999999999999999999]", "esc"), None);
}

#[test]
fn a_message_without_an_id_gets_the_same_one_each_time() {
    let raw = "From: a@example.com\nSubject: hi\n\nbody\n";
    let one = read_ok(raw);
    let two = read_ok(raw);
    assert_eq!(one.message_id, two.message_id);
    assert!(one.message_id.ends_with("@derived.esc.invalid"));
    let other = read_ok("From: a@example.com\nSubject: hi\n\nanother body\n");
    assert_ne!(one.message_id, other.message_id);
}

#[test]
fn html_only_mail_reads_as_text_never_as_markup() {
    let m = read_ok(
        "From: a@example.com\n\
         Subject: html\n\
         Content-Type: text/html; charset=utf-8\n\
         \n\
         <html><head><style>p {color: red}</style><script>alert(1)</script></head>\
         <body><p>Order <b>1182</b> is late.</p><p>Second &amp; last</p></body></html>\n",
    );
    assert!(m.text.contains("Order 1182 is late."), "{}", m.text);
    assert!(m.text.contains("Second & last"), "{}", m.text);
    for markup in ["<p>", "<b>", "alert(1)", "color: red"] {
        assert!(!m.text.contains(markup), "{markup} in {}", m.text);
    }
}

#[test]
fn alternative_parts_prefer_the_plain_text_and_attachments_are_listed() {
    let m = read_ok(
        "From: a@example.com\n\
         Subject: with a file\n\
         MIME-Version: 1.0\n\
         Content-Type: multipart/mixed; boundary=\"outer\"\n\
         \n\
         --outer\n\
         Content-Type: multipart/alternative; boundary=\"inner\"\n\
         \n\
         --inner\n\
         Content-Type: text/plain; charset=iso-8859-1\n\
         Content-Transfer-Encoding: quoted-printable\n\
         \n\
         Gr=FC=DFe, see the invoice.\n\
         --inner\n\
         Content-Type: text/html\n\
         \n\
         <p>HTML version</p>\n\
         --inner--\n\
         --outer\n\
         Content-Type: application/pdf; name=\"../../etc/in\x07voice.pdf\"\n\
         Content-Disposition: attachment; filename=\"../../etc/in\x07voice.pdf\"\n\
         Content-Transfer-Encoding: base64\n\
         \n\
         JVBERi0xLjQK\n\
         --outer--\n",
    );
    assert_eq!(m.text, "Grüße, see the invoice.");
    assert_eq!(
        m.attachments,
        [Attachment {
            name: "invoice.pdf".into(),
            content_type: "application/pdf".into(),
            size: 9,
            kept: true,
        }]
    );
    let small = read(
        "From: a@example.com\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b\r\nContent-Type: application/zip\r\nContent-Disposition: attachment\r\nContent-Transfer-Encoding: base64\r\n\r\nUEsDBAoAAAAAAA==\r\n--b--\r\n".as_bytes(),
        4,
    )
    .unwrap();
    assert_eq!(small.attachments.len(), 1);
    assert_eq!(small.attachments[0].name, "attachment-1");
    assert!(
        !small.attachments[0].kept,
        "over the limit: {:?}",
        small.attachments
    );
}

#[test]
fn what_is_kept_of_a_message_has_no_bytes_of_attachments_over_the_limit() {
    let big = "QUFBQUFB\r\n".repeat(100); // 600 bytes decoded
    let raw = format!(
        "From: a@example.com\r\nSubject: two files\r\nMessage-ID: <cut@x>\r\n\
         Content-Type: multipart/mixed; boundary=b\r\n\r\n\
         --b\r\nContent-Type: text/plain\r\n\r\nSee both.\r\n\
         --b\r\nContent-Type: application/zip\r\nContent-Disposition: attachment; filename=big.zip\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{big}\
         --b\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename=small.csv\r\n\r\na,b\r\n\
         --b--\r\n"
    );
    let m = read(raw.as_bytes(), 100).unwrap();
    assert_eq!(
        m.attachments.iter().map(|a| a.kept).collect::<Vec<_>>(),
        [false, true]
    );
    let kept = keepable(raw.as_bytes(), &m.dropped);
    assert!(
        kept.len() < raw.len() - 700,
        "{} of {}",
        kept.len(),
        raw.len()
    );
    assert!(!String::from_utf8_lossy(&kept).contains("QUFBQUFB"));

    // Read again, whatever the limit is now: the same message, the big
    // file listed with the size it had and not handed out, the small one
    // whole.
    let again = read(&kept, 10_000).unwrap();
    assert_eq!(
        (again.text.as_str(), again.message_id.as_str()),
        ("See both.", "cut@x")
    );
    let listed = attachments_of(&kept, 10_000);
    assert_eq!(
        listed
            .iter()
            .map(|a| (a.name.as_str(), a.size, a.kept))
            .collect::<Vec<_>>(),
        [("big.zip", 600, false), ("small.csv", 3, true)]
    );
    assert_eq!(attachment(&kept, 2, 10_000).unwrap().1, b"a,b");
    // Nothing over the limit: kept as it came.
    assert!(matches!(
        keepable(raw.as_bytes(), &[]),
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn machines_are_recognised_by_their_headers() {
    let with = |header: &str| {
        read_ok(&format!(
            "From: someone@example.com\nSubject: Out of office\n{header}\n\nI am away.\n"
        ))
        .automatic
    };
    assert_eq!(
        with("Auto-Submitted: auto-replied"),
        Some(Automatic::AutoSubmitted("auto-replied".into()))
    );
    assert_eq!(with("Auto-Submitted: no"), None);
    assert_eq!(
        with("Precedence: bulk"),
        Some(Automatic::Precedence("bulk".into()))
    );
    assert_eq!(with("Precedence: first-class"), None);
    assert_eq!(with("X-Autoreply: yes"), Some(Automatic::AutoReply));
    assert_eq!(
        with("List-Id: <team.lists.example.com>"),
        Some(Automatic::List)
    );
    assert_eq!(with("Return-Path: <>"), Some(Automatic::NullSender));
    assert_eq!(with("X-Mailer: Thunderbird"), None);
    let daemon = read_ok("From: MAILER-DAEMON@mx.example.com\nSubject: failure\n\nx\n");
    assert_eq!(daemon.automatic, Some(Automatic::MailSystem));
}

#[test]
fn esc_recognises_its_own_mail() {
    let m = read_ok(&format!(
        "From: esc@shop.example\nSubject: x\n{OURS}: 17\n\nEscalated.\n"
    ));
    assert!(m.ours);
}

#[test]
fn a_delivery_status_report_names_the_failed_address_and_the_bounced_message() {
    let m = read_ok(
        "From: Mail Delivery System <MAILER-DAEMON@mx.shop.example>\n\
         To: support@shop.example\n\
         Subject: Undelivered Mail Returned to Sender\n\
         Message-ID: <bounce.1@mx.shop.example>\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\n\
         \n\
         --r\n\
         Content-Type: text/plain\n\
         \n\
         I'm sorry to have to inform you that your message could not be delivered.\n\
         --r\n\
         Content-Type: message/delivery-status\n\
         \n\
         Reporting-MTA: dns; mx.shop.example\n\
         \n\
         Final-Recipient: rfc822; Maria.Lopez@example.com\n\
         Original-Recipient: rfc822;maria.lopez@example.com\n\
         Action: failed\n\
         Status: 5.1.1\n\
         Diagnostic-Code: smtp; 550 5.1.1 <maria.lopez@example.com>:\n\
         \x20 Recipient address rejected: User unknown\n\
         \n\
         Final-Recipient: rfc822; ops@example.com\n\
         Action: delayed\n\
         Status: 4.4.1\n\
         --r\n\
         Content-Type: text/rfc822-headers\n\
         \n\
         From: support@shop.example\n\
         Subject: [esc #42] Your ticket\n\
         Message-ID: <esc.reply.9.ticket.42@shop.example>\n\
         --r--\n",
    );
    assert_eq!(m.automatic, Some(Automatic::DeliveryReport));
    let report = m.report.unwrap();
    assert_eq!(report.failed, ["maria.lopez@example.com"]);
    assert_eq!(
        report.original.as_deref(),
        Some("esc.reply.9.ticket.42@shop.example")
    );
    assert_eq!(
        report.reason.as_deref(),
        Some("5.1.1 550 5.1.1 <maria.lopez@example.com>: Recipient address rejected: User unknown")
    );
}

#[test]
fn what_does_not_read_as_mail_is_unreadable_not_a_panic() {
    assert!(read(b"", LIMIT).is_err());
    assert!(read(b"\r\n\r\n  ", LIMIT).is_err());
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    // Whatever it makes of noise, it says so or reads it: never panics.
    let _ = read(&noise, LIMIT);
    assert!(read(b"just a line of text with no header", LIMIT).is_err());
}

#[test]
fn control_characters_never_come_through_in_names_or_subjects() {
    let m = read_ok(
        "From: \"Evil\x1b[31m Name\" <evil@example.com>\n\
         Subject: =?UTF-8?B?G1szMW1yZWQ=?= and\ttabs\n\
         \n\
         body\n",
    );
    assert_eq!(m.subject, "[31mred and tabs");
    assert_eq!(m.from.unwrap().name.as_deref(), Some("Evil[31m Name"));
}

#[test]
fn quoted_history_is_trimmed_only_where_it_is_recognised() {
    let cases = [
        (
            "Thanks, that works.\n\nOn Mon, 23 Nov 2026 at 09:00, Support <s@shop.example> wrote:\n> Try again.\n",
            "Thanks, that works.",
        ),
        (
            "Still broken.\n\nOn Mon, 23 Nov 2026 at 09:00, Support Desk\n<s@shop.example> wrote:\n> Try again.\n",
            "Still broken.",
        ),
        (
            "Danke!\n\nAm 23.11.2026 um 09:00 schrieb Support <s@shop.example>:\n> Bitte.\n",
            "Danke!",
        ),
        (
            "See below.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nSubject: x\n\nold\n",
            "See below.",
        ),
        (
            "Yes.\n\n________________________________\nFrom: Support <s@shop.example>\nSent: Monday, November 23, 2026 9:00 AM\nTo: Maria\nSubject: Re: x\n\nold\n",
            "Yes.\n\n________________________________",
        ),
        ("Fine.\n\n> old line\n> another\n", "Fine."),
        (
            "> Did it arrive?\nNo, it did not.\n> Which order?\n1182.\n",
            "> Did it arrive?\nNo, it did not.\n> Which order?\n1182.",
        ),
        ("> only a quote\n", "> only a quote"),
        (
            "On the other hand, nothing is quoted.\n",
            "On the other hand, nothing is quoted.",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(reply_part(text), want, "from {text:?}");
    }
}

#[test]
fn file_names_are_safe_to_save() {
    assert_eq!(file_name(Some("report.pdf"), 1), "report.pdf");
    assert_eq!(file_name(Some("C:\\Users\\x\\scan.png"), 1), "scan.png");
    assert_eq!(file_name(Some("../../.bashrc"), 1), "bashrc");
    assert_eq!(file_name(Some("a\u{0}b\u{1b}c|d.txt"), 1), "abcd.txt");
    assert_eq!(file_name(Some("   "), 3), "attachment-3");
    assert_eq!(file_name(None, 2), "attachment-2");
}
