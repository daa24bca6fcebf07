//! Every subcommand as its user reads it: one working day on the default
//! policy, each command's whole output with `COLUMNS=80` (what it prints,
//! what it warns, and how it exits) snapshotted in `tests/cli/snapshots/`. A
//! change to any of them shows up in review as a diff. Completions and
//! manual pages are pinned whole by `generated`.

use std::process::Command;

use super::support::{Backend, Queue, backend};

/// One command's whole output as a terminal shows it, with what differs
/// from one run to the next written as a word: the queue's place (a
/// temporary file, a database URL) `[queue]`, its directory `[dir]`, and
/// this build's binary `[esc]`.
fn whole(q: &Queue, mut cmd: Command, shown: &str) -> String {
    let out = cmd.env("COLUMNS", "80").output().unwrap();
    let mut text = format!("$ esc {shown}\n{}", String::from_utf8_lossy(&out.stdout));
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !stderr.is_empty() {
        text.push_str(&format!("[stderr]\n{stderr}"));
    }
    match out.status.code() {
        Some(0) => {}
        code => text.push_str(&format!("[exit {}]\n", code.unwrap_or(-1))),
    }
    // A URL is quoted for the shell in the lines to paste.
    text.replace(env!("CARGO_BIN_EXE_esc"), "[esc]")
        .replace(&format!("'{}'", q.db()), "[queue]")
        .replace(&q.db(), "[queue]")
        .replace(&q.dir.path().display().to_string(), "[dir]")
}

/// `esc ARGS` as `who` at `when` (on the day the suite's queues live in).
fn shot(q: &Queue, who: &str, when: &str, args: &[&str]) -> String {
    whole(q, q.esc(who, when, args), &args.join(" "))
}

macro_rules! snapshot {
    ($name:literal, $text:expr) => {
        insta::assert_snapshot!(concat!("outputs__", $name), $text)
    };
}

#[test]
fn a_day_on_the_queue_command_by_command() {
    let q = Queue::empty();
    snapshot!(
        "init",
        shot(&q, "manager", "2026-01-01T00:00:00Z", &["init"])
    );
    let open = [
        "open",
        "--title",
        "Card charged twice",
        "--customer",
        "acme",
        "--channel",
        "email",
        "--category",
        "financial",
        "--priority",
        "high",
    ];
    snapshot!("open", shot(&q, "ann", "09:00", &open));
    q.open("09:10", "Password reset fails", &["--tag", "sso"]);
    q.open("09:20", "Where is my parcel?", &[]);
    snapshot!("assign", shot(&q, "ann", "09:25", &["assign", "1", "bob"]));
    snapshot!(
        "note",
        shot(&q, "bob", "09:26", &["note", "1", "called the bank"])
    );
    snapshot!("ack", shot(&q, "bob", "09:27", &["ack", "1"]));
    snapshot!(
        "respond",
        shot(
            &q,
            "bob",
            "09:30",
            &["respond", "1", "Sorry, looking into it"]
        )
    );
    snapshot!(
        "contact",
        shot(
            &q,
            "ann",
            "09:35",
            &["contact", "2", "customer called again"]
        )
    );
    snapshot!(
        "pending",
        shot(
            &q,
            "ann",
            "09:40",
            &["pending", "2", "--reason", "asked for a screenshot"]
        )
    );
    snapshot!(
        "resume",
        shot(
            &q,
            "ann",
            "09:50",
            &["resume", "2", "--reason", "screenshot received"]
        )
    );
    snapshot!("tag", shot(&q, "ann", "09:55", &["tag", "2", "vip"]));
    snapshot!(
        "edit",
        shot(
            &q,
            "ann",
            "09:56",
            &["edit", "2", "--priority", "urgent", "--reason", "outage"]
        )
    );
    snapshot!(
        "escalate",
        shot(
            &q,
            "bob",
            "10:00",
            &[
                "escalate",
                "1",
                "--team",
                "finance",
                "--reason",
                "duplicate charge confirmed"
            ]
        )
    );
    q.ok(
        "ann",
        "10:05",
        &["escalate", "3", "--up", "--reason", "carrier lost it"],
    );
    snapshot!(
        "deescalate",
        shot(
            &q,
            "ann",
            "10:10",
            &["deescalate", "3", "--reason", "found the tracking number"]
        )
    );
    snapshot!(
        "resolve",
        shot(
            &q,
            "ann",
            "10:30",
            &[
                "resolve",
                "2",
                "--summary",
                "reset link re-sent",
                "--root-cause",
                "customer-education"
            ]
        )
    );
    snapshot!("csat", shot(&q, "ann", "10:31", &["csat", "2", "4"]));
    snapshot!(
        "reopen",
        shot(
            &q,
            "ann",
            "10:40",
            &["reopen", "2", "--reason", "the link expired"]
        )
    );
    // Ticket 1 taken to L2, where a resolution waits for sign-off.
    q.ok(
        "bob",
        "10:45",
        &["escalate", "1", "--level", "L2", "--reason", "bank dispute"],
    );
    q.ok(
        "bob",
        "10:50",
        &[
            "resolve",
            "1",
            "--summary",
            "refund issued",
            "--root-cause",
            "third-party",
        ],
    );
    snapshot!("signoff", shot(&q, "dana", "11:00", &["signoff", "1"]));
    snapshot!("tick", shot(&q, "cron", "15:00", &["tick"]));
    snapshot!("outbox", shot(&q, "dana", "15:05", &["outbox"]));
    snapshot!(
        "inbox",
        shot(&q, "dana", "15:06", &["inbox", "--for", "dana"])
    );
    snapshot!("list", shot(&q, "ann", "15:10", &["list", "--all"]));
    snapshot!("show", shot(&q, "ann", "15:10", &["show", "1"]));
    snapshot!(
        "report",
        shot(
            &q,
            "dana",
            "17:00",
            &["report", "--since", "2026-11-23", "--until", "2026-11-24"]
        )
    );
    snapshot!(
        "export",
        shot(&q, "dana", "17:05", &["export", "--tickets"])
    );
    snapshot!("complete", shot(&q, "ann", "17:06", &["complete", "team"]));

    // The queue's whole history into a new queue.
    let export = q.ok("dana", "17:10", &["export"]);
    std::fs::write(q.path("queue.jsonl"), export).unwrap();
    let copy = q.another("copy.db");
    let import = q.on(&copy, "dana", "17:11", &["import", "queue.jsonl"]);
    snapshot!(
        "import",
        whole(&q, import, "import queue.jsonl").replace(&copy, "[copy]")
    );
    if backend() == Backend::Sqlite {
        snapshot!(
            "backup",
            shot(&q, "dana", "17:12", &["backup", "backup.db"])
        );
    }
    snapshot!(
        "redact",
        shot(
            &q,
            "dana",
            "17:15",
            &[
                "redact",
                "--ticket",
                "3",
                "--reason",
                "erasure request",
                "--yes"
            ]
        )
    );
}

/// `esc mail receive` as `postmaster` at `when`, `message` on its input.
fn mailed(q: &Queue, when: &str, name: &str, message: &str) -> String {
    let file = q.path(name);
    std::fs::write(&file, message.replace('\n', "\r\n")).unwrap();
    let mut cmd = q.esc("postmaster", when, &["mail", "receive"]);
    cmd.stdin(std::fs::File::open(&file).unwrap());
    whole(q, cmd, &format!("mail receive < {name}"))
}

#[test]
fn customers_mail_as_the_queue_takes_it() {
    let q = Queue::new();
    let first = "From: Maria Lopez <maria@example.com>\nSubject: Refund not received\n\
                 Message-ID: <first@mail.example.com>\n\nWhere is my refund?\n";
    snapshot!("mail-receive", mailed(&q, "09:00", "first.eml", first));
    snapshot!(
        "mail-receive-again",
        mailed(&q, "09:01", "first.eml", first)
    );
    let reply = "From: maria@example.com\nSubject: Re: Refund not received\n\
                 Message-ID: <second@mail.example.com>\nIn-Reply-To: <first@mail.example.com>\n\n\
                 Any news?\n";
    snapshot!(
        "mail-receive-reply",
        mailed(&q, "10:00", "reply.eml", reply)
    );
    mailed(&q, "10:05", "noise.eml", "\u{1b}[2Jnoise\n");
    snapshot!("mail-list", shot(&q, "ann", "10:10", &["mail", "list"]));
    snapshot!(
        "mail-list-ticket",
        shot(&q, "ann", "10:10", &["mail", "list", "--ticket", "1"])
    );
    snapshot!(
        "mail-show",
        shot(&q, "ann", "10:10", &["mail", "show", "3"])
    );
    let invoice = "From: tom@example.com\nSubject: Invoice\nMessage-ID: <inv@x>\n\
                   Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n\
                   See the invoice.\n--b\nContent-Type: application/pdf\n\
                   Content-Disposition: attachment; filename=invoice.pdf\n\
                   Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--b--\n";
    mailed(&q, "10:20", "invoice.eml", invoice);
    snapshot!(
        "mail-save",
        shot(&q, "ann", "10:25", &["mail", "save", "4", "1"])
    );
}

#[test]
fn the_policy_commands_as_a_manager_reads_them() {
    let q = Queue::new();
    q.open("09:00", "Card charged twice", &["--priority", "high"]);
    q.ok("cron", "13:00", &["tick"]);
    let default =
        std::fs::read_to_string(super::support::repo_file("sample-policies/default.toml")).unwrap();
    std::fs::write(q.path("team.toml"), &default).unwrap();
    std::fs::write(
        q.path("faster.toml"),
        default.replacen("first_response = \"4h\"", "first_response = \"2h\"", 1),
    )
    .unwrap();
    snapshot!(
        "policy_check",
        shot(&q, "dana", "13:05", &["policy", "check", "faster.toml"])
    );
    snapshot!(
        "policy_diff",
        shot(
            &q,
            "dana",
            "13:06",
            &["policy", "diff", "team.toml", "faster.toml"]
        )
    );
    snapshot!(
        "policy_simulate",
        shot(
            &q,
            "dana",
            "13:07",
            &["policy", "simulate", "faster.toml", "--since", "2026-11-23"]
        )
    );
    snapshot!(
        "policy_apply",
        shot(
            &q,
            "dana",
            "13:08",
            &[
                "policy",
                "apply",
                "faster.toml",
                "--message",
                "answer within two hours"
            ]
        )
    );
    snapshot!(
        "policy_history",
        shot(&q, "dana", "13:09", &["policy", "history"])
    );
}

#[test]
fn errors_as_an_agent_meets_them() {
    let q = Queue::new();
    q.open("09:00", "Card charged twice", &[]);
    q.ok(
        "ann",
        "09:30",
        &[
            "resolve",
            "1",
            "--summary",
            "refund issued",
            "--root-cause",
            "third-party",
        ],
    );
    let errors = [
        shot(&q, "ann", "10:00", &["show", "7"]),
        shot(&q, "ann", "10:00", &["resolve", "1", "--summary", "again"]),
        shot(&q, "ann", "10:00", &["escalate", "1"]),
        shot(&q, "ann", "10:00", &["escalte", "1"]),
        shot(
            &q,
            "ann",
            "10:00",
            &["open", "--title", "x", "--priority", "soon"],
        ),
    ];
    snapshot!("errors", errors.join("\n"));
}

#[test]
fn the_demo_as_a_new_user_runs_it() {
    let q = Queue::empty();
    let mut demo = q.bare();
    demo.arg("demo");
    // Its throw-away queue's directory, named at random, and the digest of
    // its policy, which gives people mailboxes there.
    let text = whole(&q, demo, "demo");
    let made = std::env::temp_dir().join("esc-demo-");
    let text = word_for(&text, &made.display().to_string(), 6, "[demo]");
    let text = word_for(&text, "version 1 (", 12, "version 1 ([digest]");
    snapshot!("demo", text);
}

/// `text` with each `start` and the `n` characters after it as `word`.
fn word_for(text: &str, start: &str, n: usize, word: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(start) {
        out.push_str(&rest[..at]);
        out.push_str(word);
        let after = &rest[at + start.len()..];
        let skip = after.char_indices().nth(n).map_or(after.len(), |(i, _)| i);
        rest = &after[skip..];
    }
    out.push_str(rest);
    out
}
