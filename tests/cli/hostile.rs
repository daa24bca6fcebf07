//! Text from customers and agents is data, never instructions to the
//! terminal: every human view shows control characters as escapes, JSON
//! keeps them exact, and names of people are single words.

use std::io::Read;
use std::process::Stdio;

use super::support::Queue;

/// Clipboard write (OSC 52), clear screen, window title, an 8-bit CSI, a
/// carriage return that would overwrite the line, and a bidi override.
const TITLE: &str = "T \x1b]52;c;SGVsbG8=\x07 \x1b[2J";
const CUSTOMER: &str = "C \x1b]0;pwned\x07";
const TEXT: &str = "fine\r\u{9b}2Jgone \u{202e}gnp.exe\x7f\x01";

/// Whether `text` carries anything a terminal would act on.
fn acting(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            (c.is_control() && *c != '\n')
                || matches!(
                    c,
                    '\u{61c}'
                        | '\u{200b}'
                        | '\u{200e}'
                        | '\u{200f}'
                        | '\u{2028}'..='\u{202e}'
                        | '\u{2060}'
                        | '\u{2066}'..='\u{2069}'
                        | '\u{feff}'
                )
        })
        .collect()
}

fn hostile_queue() -> (Queue, i64) {
    let q = Queue::new();
    let opened = q.ok(
        "ann",
        "09:00",
        &[
            "open",
            "--title",
            TITLE,
            "--customer",
            CUSTOMER,
            "--description",
            TEXT,
            "--channel",
            "email",
            "--category",
            "financial",
        ],
    );
    assert!(acting(&opened).is_empty(), "open printed {opened:?}");
    assert!(opened.contains(r"T \e]52;c;SGVsbG8=\a \e[2J"), "{opened}");
    q.ok("ann", "09:10", &["note", "1", TEXT]);
    q.ok("ann", "09:20", &["assign", "1", "rita"]);
    q.ok(
        "ann",
        "09:30",
        &["escalate", "1", "--team", "finance", "--reason", TEXT],
    );
    q.ok("ann", "09:40", &["pending", "1", "--reason", TEXT]);
    q.ok("ann", "09:50", &["resume", "1", "--reason", TEXT]);
    (q, 1)
}

#[test]
fn no_human_view_carries_control_characters_from_data() {
    let (q, id) = hostile_queue();
    let id = id.to_string();
    let views: Vec<Vec<&str>> = vec![
        vec!["show", &id],
        vec!["list", "--format", "table"],
        vec!["list", "--all", "--customer", CUSTOMER, "--format", "table"],
        vec!["policy", "explain", &id],
        vec!["tick"],
        vec!["report"],
        vec!["report", "--by", "customer"],
        vec!["report", "escalations", "--by", "assignee"],
        vec!["report", "--by", "customer", "--format", "csv"],
        vec!["report", "--by", "customer", "--format", "markdown"],
    ];
    for view in &views {
        let out = q.ok("ann", "2026-11-24T12:00:00Z", view);
        assert_eq!(acting(&out), Vec::<char>::new(), "esc {view:?}:\n{out}");
    }
    let show = q.ok("ann", "2026-11-24T12:00:00Z", &["show", &id]);
    for shown in [
        r"T \e]52;c;SGVsbG8=\a \e[2J",
        r"C \e]0;pwned\a",
        r"fine\r\u{9b}2Jgone \u{202e}gnp.exe\x7f\x01",
    ] {
        assert!(show.contains(shown), "`{shown}` not in:\n{show}");
    }
    let resolved = q.ok(
        "ann",
        "2026-11-24T12:00:00Z",
        &["resolve", &id, "--summary", TEXT, "--root-cause", "process"],
    );
    assert!(acting(&resolved).is_empty(), "{resolved:?}");
    let report = q.ok(
        "ann",
        "2026-11-24T12:00:00Z",
        &["report", "root-causes", "--by", "customer"],
    );
    assert!(acting(&report).is_empty(), "{report:?}");
}

#[test]
fn json_keeps_the_text_exact_and_inert() {
    let (q, id) = hostile_queue();
    let raw = q.ok("ann", "10:00", &["--json", "show", &id.to_string()]);
    assert!(
        acting(&raw).is_empty(),
        "raw JSON carries controls: {raw:?}"
    );
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["ticket"]["title"], TITLE);
    assert_eq!(v["ticket"]["customer"], CUSTOMER);
    assert_eq!(v["ticket"]["description"], TEXT);
    let noted = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "noted")
        .unwrap();
    assert_eq!(noted["reason"], TEXT);
}

#[test]
fn names_of_people_are_single_words() {
    let q = Queue::new();
    q.open("09:00", "Printer", &[]);
    for args in [
        vec!["assign", "1", "rita\x1b[2J"],
        vec!["assign", "1", "rita smith"],
        vec!["escalate", "1", "--up", "--to", "a'b", "--reason", "r"],
        vec![
            "open",
            "--title",
            "t",
            "--customer",
            "c",
            "--channel",
            "email",
            "--category",
            "financial",
            "--assignee",
            "x\x07",
        ],
    ] {
        let err = q.fails("ann", "09:10", &args, 2);
        assert!(err.contains("invalid name"), "{args:?}: {err}");
        assert!(acting(&err).is_empty(), "{err:?}");
    }
    let err = q.fails("ann\x1b]0;x\x07", "09:10", &["note", "1", "hi"], 2);
    assert!(err.contains(r"invalid name `ann\e]0;x\a`"), "{err}");
    let mut cmd = q.bare();
    cmd.arg("--db").arg(q.db()).args(["note", "1", "hi"]);
    let out = cmd.env("USER", "not one word").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot act as your login name"),
        "{out:?}"
    );
    assert_eq!(q.kinds(1), ["opened"], "nothing was written");
    q.ok("ann.lee@example.com", "09:20", &["assign", "1", "rita"]);
}

#[test]
fn errors_echo_hostile_words_visibly() {
    let q = Queue::new();
    for args in [
        vec!["show", "\x1b[2J"],
        vec!["list", "--team", "\x1b]0;x\x07"],
        vec!["open", "--channel", "\u{9b}1m"],
    ] {
        let out = q.esc("ann", "09:00", &args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(acting(&err).is_empty(), "{args:?}: {err:?}");
    }
}

/// A reader that stops early (`esc --json list | head -c1`) is not an
/// error, JSON or not.
#[test]
fn a_reader_going_away_is_not_a_failure() {
    let q = Queue::new();
    for n in 0..3 {
        q.open("09:00", &format!("ticket {n}"), &[]);
    }
    for args in [
        vec!["--json", "list", "--all"],
        vec!["list", "--all", "--format", "table"],
        vec!["--json", "report"],
        vec!["report"],
        vec!["--json", "show", "1"],
    ] {
        let mut child = q
            .esc("ann", "10:00", &args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Closed before esc writes a byte: its first write meets a broken pipe.
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}");
    }
}

#[test]
fn under_json_errors_are_json_on_stderr() {
    let q = Queue::new();
    q.open("09:00", "Printer", &[]);
    let cases: [(&[&str], i32, &str); 4] = [
        (&["--json", "show", "7"], 3, "no ticket #7"),
        (
            &["--json", "list", "--team", "finanse"],
            2,
            "unknown team `finanse`",
        ),
        (&["--json", "shw", "1"], 2, "unrecognized subcommand 'shw'"),
        (&["--json", "reopen", "1"], 4, "there is nothing to reopen"),
    ];
    for (args, code, says) in cases {
        let err = q.fails("ann", "09:30", args, code);
        let v: serde_json::Value = serde_json::from_str(&err)
            .unwrap_or_else(|e| panic!("{args:?}: stderr is not JSON ({e}): {err}"));
        assert_eq!(v["exit_code"], code, "{args:?}");
        let message = v["error"].as_str().unwrap();
        assert!(message.contains(says), "{args:?}: {message}");
        assert!(v.get("hint").is_some(), "{args:?}: {v}");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
    }
}

#[test]
fn ids_are_read_as_esc_prints_them() {
    let q = Queue::new();
    q.open("09:00", "Printer", &[]);
    let by_hash = q.ok("ann", "09:10", &["show", "#1"]);
    assert_eq!(by_hash, q.ok("ann", "09:10", &["show", "1"]));
    let err = q.fails("ann", "09:10", &["show", "#one"], 2);
    assert!(err.contains("`#one` is not a ticket id"), "{err}");
    q.fails("ann", "09:10", &["note", "0", "x"], 2);
}

#[test]
fn a_filter_naming_nothing_the_policy_defines_is_a_usage_error() {
    let q = Queue::new();
    q.open("09:00", "Printer", &[]);
    let err = q.fails("ann", "09:10", &["list", "--team", "finanse"], 2);
    assert!(
        err.contains("unknown team `finanse` for --team; the policy defines: support, finance"),
        "{err}"
    );
    for (flag, bad) in [
        ("--level", "L9"),
        ("--priority", "hgh"),
        ("--category", "x"),
    ] {
        let err = q.fails("ann", "09:10", &["list", flag, bad], 2);
        assert!(err.contains(&format!("`{bad}` for {flag}")), "{err}");
    }
    assert!(
        q.ok(
            "ann",
            "09:10",
            &["list", "--team", "finance", "--format", "table"]
        )
        .contains("no tickets match")
    );
}

/// SQL fragments and quotes are text like any other: stored as given,
/// found by exact filters, and the queue is none the worse.
#[test]
fn sql_fragments_and_quotes_are_stored_exactly() {
    let q = Queue::new();
    let nasty = [
        "'); DROP TABLE tickets; --",
        "\" OR 1=1 --",
        "Robert'); DELETE FROM events WHERE ('1'='1",
        "%_\\ LIKE '%' ESCAPE '\\'",
    ];
    for (n, text) in nasty.iter().enumerate() {
        let out = q.ok(
            "ann",
            "09:00",
            &[
                "open",
                "-q",
                "-t",
                text,
                "-c",
                text,
                "-d",
                text,
                "--channel",
                "web",
                "--category",
                "general",
            ],
        );
        assert_eq!(out.trim(), (n + 1).to_string());
        q.ok("ann", "09:05", &["note", &(n + 1).to_string(), text]);
    }
    for (n, text) in nasty.iter().enumerate() {
        let t = q.ticket(n as i64 + 1);
        assert_eq!(
            (t["title"].as_str(), t["customer"].as_str()),
            (Some(*text), Some(*text))
        );
        assert_eq!(q.events(n as i64 + 1)[1]["reason"], *text);
        let found = q.json("ann", "10:00", &["list", "--customer", text]);
        assert_eq!(found.as_array().unwrap().len(), 1, "{text}");
    }
    assert_eq!(
        q.json("ann", "10:00", &["list"]).as_array().unwrap().len(),
        4
    );
}

/// Every control character a command line can carry (all but NUL) is kept
/// exactly in the queue and never reaches a terminal raw.
#[test]
fn every_c0_and_c1_control_is_kept_and_never_printed_raw() {
    let q = Queue::new();
    let controls: String = (1u32..0x20)
        .chain([0x7f])
        .chain(0x80..0xa0)
        .filter_map(char::from_u32)
        .collect();
    // A title is one line: the line breaks among them are refused where
    // an agent types them, and every other control is kept.
    let breaks = ['\n', '\r', '\u{b}', '\u{c}', '\u{85}'];
    let typed: String = controls.chars().filter(|c| !breaks.contains(c)).collect();
    let open = |title: &str| {
        q.esc(
            "ann",
            "09:00",
            &[
                "open",
                "-q",
                "-t",
                title,
                "-c",
                "c",
                "--channel",
                "web",
                "--category",
                "general",
            ],
        )
        .output()
        .unwrap()
    };
    let title = format!("all{controls}end");
    assert_eq!(open(&title).status.code(), Some(2));
    let typed = format!("all{typed}end");
    assert!(open(&typed).status.success());
    assert_eq!(q.ticket(1)["title"], typed.trim());
    for view in [vec!["show", "1"], vec!["list", "--format", "table"]] {
        let out = q.ok("ann", "09:10", &view);
        assert!(acting(&out).is_empty(), "{view:?}: {out:?}");
    }
    // One a queue kept from before, written past esc, shows no more.
    q.execute(
        "UPDATE tickets SET title = ?1 WHERE id = 1",
        &[super::support::Sql::Text(title)],
    )
    .unwrap();
    for view in [vec!["show", "1"], vec!["list", "--format", "table"]] {
        let out = q.ok("ann", "09:10", &view);
        assert!(acting(&out).is_empty(), "{view:?}: {out:?}");
    }
}

/// Arguments that are not UTF-8 are refused before anything is read.
#[test]
fn arguments_that_are_not_utf8_are_refused() {
    use std::os::unix::ffi::OsStrExt;
    let q = Queue::new();
    q.open("09:00", "Printer", &[]);
    let bad = std::ffi::OsStr::from_bytes(b"caf\xe9 \xff\xfe");
    let out = q
        .esc("ann", "09:10", &["note", "1"])
        .arg(bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8"),
        "{out:?}"
    );
    assert_eq!(q.kinds(1), ["opened"]);
}

/// The documented limits: at the limit stored intact, past it refused
/// with the limit named, and nothing written.
#[test]
fn size_limits_keep_what_fits_and_refuse_what_does_not() {
    let q = Queue::new();
    q.open("09:00", "Printer", &[]);
    let fits = "x".repeat(64 * 1024);
    q.ok("ann", "09:10", &["note", "1", &fits]);
    assert_eq!(
        q.events(1)[1]["reason"].as_str().map(str::len),
        Some(64 * 1024)
    );

    // Linux passes at most 128 KiB in one argument: this is as long as a
    // command line can make it.
    let long = "y".repeat(100_000);
    let err = q.fails("ann", "09:20", &["note", "1", &long], 2);
    assert!(
        err.contains("the text is 100000 bytes long; esc keeps at most 65536"),
        "{err}"
    );
    let err = q.fails("ann", "09:20", &["escalate", "1", "--up", "-r", &long], 2);
    assert!(err.contains("the text is 100000 bytes long"), "{err}");
    let err = q.fails(
        "ann",
        "09:20",
        &[
            "open",
            "-t",
            &"t".repeat(1001),
            "-c",
            "c",
            "--channel",
            "web",
            "--category",
            "general",
        ],
        2,
    );
    assert!(
        err.contains("the title is 1001 bytes long; esc keeps at most 1000"),
        "{err}"
    );

    let fifty: Vec<String> = (0..50).map(|n| format!("t{n}")).collect();
    let mut args = vec!["tag", "1"];
    args.extend(fifty.iter().map(String::as_str));
    q.ok("ann", "09:30", &args);
    let thousands: Vec<String> = (0..3000).map(|n| format!("u{n}")).collect();
    let mut args = vec!["tag", "1"];
    args.extend(thousands.iter().map(String::as_str));
    let err = q.fails("ann", "09:40", &args, 2);
    assert!(
        err.contains("a ticket carries at most 50 tags; this change would give it 3050"),
        "{err}"
    );
    assert_eq!(q.ticket(1)["tags"].as_array().unwrap().len(), 50);
    assert_eq!(
        q.kinds(1),
        ["opened", "noted", "tagged"],
        "the refusals wrote nothing"
    );
}

/// Bidi marks and invisible characters that reorder or hide text reach
/// no view raw, the line and paragraph separators of a note neither; the
/// joiners Persian and Indic scripts and emoji need print as written.
#[test]
fn bidi_marks_and_invisible_characters_are_shown_and_scripts_print_as_written() {
    let q = Queue::new();
    let hiding = "pay\u{200f}ment \u{61c}due\u{200b} now\u{2060}\u{feff}\u{200e}";
    let id = q.open("09:00", hiding, &[]).to_string();
    q.ok(
        "ann",
        "09:05",
        &["note", &id, "first\u{2028}second\u{2029}third"],
    );
    let script = "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645} \u{915}\u{94d}\u{200d}\u{937} \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
    let other = q.open("09:10", script, &[]).to_string();
    for view in [
        vec!["show", id.as_str()],
        vec!["list", "--format", "table"],
        vec!["list", "--format", "tsv"],
        vec!["complete", "ticket"],
        vec!["show", other.as_str()],
    ] {
        // The tabs are the separators of TSV and of completions.
        let out = q.ok("ann", "09:20", &view).replace('\t', " ");
        assert!(acting(&out).is_empty(), "{view:?}: {out:?}");
    }
    let shown = q.ok("ann", "09:20", &["show", &other]);
    assert!(shown.contains(script), "{shown}");
    let listed = q.ok("ann", "09:20", &["complete", "ticket"]);
    assert!(
        listed.contains("pay\\u{200f}ment \\u{61c}due\\u{200b} now"),
        "{listed}"
    );
    // For programs, JSON keeps every character exact.
    assert_eq!(q.ticket(id.parse().unwrap())["title"], hiding.trim());
}

/// A mistyped command's likeliest meaning is named first.
#[test]
fn a_mistyped_command_suggests_the_likeliest_first() {
    let q = Queue::new();
    let err = q.fails("ann", "09:00", &["escalte", "1"], 2);
    assert!(
        err.contains("tip: some similar subcommands exist: 'escalate'"),
        "{err}"
    );
}
