//! `esc backup`: a consistent copy of a live queue, and `--check`.

use crate::cli::support::Queue;

fn filled() -> Queue {
    let q = Queue::manual();
    for i in 0..5 {
        q.open("09:00", &format!("ticket {i}"), &[]);
    }
    q.ok(
        "ann",
        "09:10",
        &["escalate", "1", "--team", "technical", "-r", "x"],
    );
    q
}

#[test]
fn a_backup_is_a_whole_queue_that_esc_opens_and_checks() {
    let q = filled();
    let copy = q.path("copy.db");
    let out = q.ok("ann", "09:20", &["backup", copy.to_str().unwrap()]);
    assert!(
        out.starts_with(&format!(
            "backed up the queue to {} (5 tickets, 6 events, schema ",
            copy.display()
        )),
        "{out}"
    );
    assert!(
        !q.path("copy.db-wal").exists(),
        "a backup is one file, no journal beside it"
    );
    let checked = q.ok(
        "ann",
        "09:20",
        &["backup", "--check", copy.to_str().unwrap()],
    );
    assert!(
        checked.starts_with(&format!(
            "{}: a sound esc queue (5 tickets, 6 events",
            copy.display()
        )),
        "{checked}"
    );
    // The copy is a queue esc works on, holding the same tickets.
    let list = |db: &std::path::Path| {
        let out = q
            .on(db, "ann", "09:30", &["--json", "list", "--all"])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(list(&copy), list(&q.file()));
}

#[test]
fn a_backup_never_overwrites_and_a_damaged_copy_fails_its_check() {
    let q = filled();
    let copy = q.path("copy.db");
    std::fs::write(&copy, "precious").unwrap();
    let err = q.fails("ann", "09:20", &["backup", copy.to_str().unwrap()], 2);
    assert!(err.contains("exists already"), "{err}");
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), "precious");

    let err = q.fails(
        "ann",
        "09:20",
        &["backup", "--check", copy.to_str().unwrap()],
        6,
    );
    assert!(
        err.contains("is not a sound esc queue: SQLite cannot read it"),
        "{err}"
    );

    std::fs::remove_file(&copy).unwrap();
    q.ok("ann", "09:20", &["backup", copy.to_str().unwrap()]);
    // Damage a page in the middle of the file.
    let mut bytes = std::fs::read(&copy).unwrap();
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 4096] {
        *b = 0xA5;
    }
    std::fs::write(&copy, &bytes).unwrap();
    let err = q.fails(
        "ann",
        "09:20",
        &["backup", "--check", copy.to_str().unwrap()],
        6,
    );
    assert!(err.contains("is not a sound esc queue"), "{err}");

    let foreign = q.path("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let err = q.fails(
        "ann",
        "09:20",
        &["backup", "--check", foreign.to_str().unwrap()],
        6,
    );
    assert!(err.contains("it is not an esc queue"), "{err}");
}

#[test]
fn a_backup_taken_while_agents_write_is_consistent() {
    let q = filled();
    let writer = {
        let db = q.file();
        let home = q.dir.path().to_path_buf();
        std::thread::spawn(move || {
            for i in 0..40 {
                let out = std::process::Command::new(env!("CARGO_BIN_EXE_esc"))
                    .env("HOME", &home)
                    .args(["--db", db.to_str().unwrap(), "--as", "ann"])
                    .args([
                        "--now",
                        "2026-11-23T10:00:00Z",
                        "note",
                        "1",
                        &format!("note {i}"),
                    ])
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        })
    };
    let mut counts = Vec::new();
    for n in 0..4 {
        let copy = q.path(&format!("copy{n}.db"));
        let out = q.ok(
            "ann",
            "10:00",
            &["--json", "backup", copy.to_str().unwrap()],
        );
        let summary: serde_json::Value = serde_json::from_str(&out).unwrap();
        q.ok(
            "ann",
            "10:00",
            &["backup", "--check", copy.to_str().unwrap()],
        );
        // Every note is whole in a copy or absent: its event count is one
        // the log had at some instant.
        let conn = rusqlite::Connection::open(&copy).unwrap();
        let notes: i64 = conn
            .query_row(
                "SELECT count(*) FROM events WHERE kind = 'noted'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(summary["events"].as_i64().unwrap(), 6 + notes);
        counts.push(notes);
    }
    writer.join().unwrap();
    crate::cli::support::say(&format!(
        "backup: notes in 4 copies taken while 40 were being written: {counts:?}"
    ));
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
}
