//! SIGKILL at random points: `esc tick` over thousands of due tickets, and
//! agent commands mid-write. After every kill the file is sound, each
//! ticket's state is what its log says, the next tick does the rest exactly
//! once (the queue ends as an uninterrupted tick leaves it) and the one
//! after is silent.
//!
//! Each kill is classed by whether the process held SQLite's WAL write lock
//! at that moment, read without taking it (F_GETLK on the `-shm` file), so
//! that the test cannot pass by killing only idle processes.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use rusqlite::Connection;

use crate::cli::support::{Queue, Rng, log_agrees, say};

const TICKETS: usize = 2_000;
const TICK_TRIALS: usize = 24;
const AGENT_TRIALS: usize = 24;
const OPENED: &str = "2026-11-23T09:00:00Z";
const TICK_AT: &str = "2026-11-24T12:00:00Z";

/// A queue of `TICKETS` tickets opened a day before `TICK_AT` and never
/// answered, built through the engine as `esc open` would.
fn build(db: &Path) {
    let mut store = esc::sample::new_queue(&esc::store::Location::file(db)).unwrap();
    let t0 = esc::clock::parse_instant(OPENED).unwrap();
    esc::sample::fill(&mut *store, TICKETS, t0, None).unwrap();
}

fn copy(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
}

fn esc_on(db: &Path, now: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_esc"));
    cmd.arg("--db")
        .arg(db)
        .args(["--as", "cron", "--now", now])
        .args(args)
        .env_remove("ESC_DB")
        .env_remove("ESC_POLICY")
        .stdin(Stdio::null());
    cmd
}

/// Whether some process holds the WAL write lock of the queue at `db`:
/// byte 120 of its `-shm` file, as SQLite's unix VFS places it.
fn write_locked(shm: &Path) -> bool {
    use rustix::process::{Flock, FlockOffsetType, FlockType, fcntl_getlk};
    let Ok(file) = File::open(shm) else {
        return false;
    };
    let probe = Flock {
        start: 120,
        length: 1,
        pid: None,
        typ: FlockType::WriteLock,
        offset_type: FlockOffsetType::Set,
    };
    matches!(fcntl_getlk(&file, &probe), Ok(Some(_)))
}

/// Kill `child` after `polls` polls, or with `at_write` at the first poll
/// that sees it holding the write lock however long that takes (a loaded
/// machine stretches a run past its calibrated length). Returns (killed,
/// killed inside a write).
fn kill_after(child: &mut Child, shm: &Path, polls: usize, at_write: bool) -> (bool, bool) {
    // Each poll costs what a calibration poll cost, so that poll counts
    // stand for the same moments of the run.
    let mut n = 0;
    loop {
        if child.try_wait().unwrap().is_some() {
            return (false, false);
        }
        let writing = write_locked(shm);
        if (at_write && writing) || (!at_write && n >= polls) {
            break;
        }
        n += 1;
    }
    let inside = write_locked(shm);
    let killed = child.kill().is_ok() && child.wait().unwrap().code().is_none();
    (killed, inside && killed)
}

/// How many polls one uninterrupted run of `cmd` lasts: the range of
/// random kill points.
fn polls_of(mut cmd: Command, shm: &Path) -> usize {
    let mut child = cmd.stdout(Stdio::null()).spawn().unwrap();
    let mut n = 0;
    while child.try_wait().unwrap().is_none() {
        let _ = write_locked(shm);
        n += 1;
    }
    assert!(child.wait().unwrap().success());
    n.max(1)
}

/// The file is sound and every ticket's status, level, team and assignee
/// are where its log's changes lead.
fn sound(db: &Path) -> Result<(), String> {
    let conn = Connection::open(db).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    if integrity != "ok" {
        return Err(format!("integrity_check: {integrity}"));
    }
    let mut stmt = conn
        .prepare(
            "SELECT ticket_id, from_status, to_status, from_level, to_level, from_team, to_team,
                    from_assignee, to_assignee FROM events ORDER BY ticket_id, id",
        )
        .unwrap();
    let events: Vec<(i64, [Option<String>; 8])> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, std::array::from_fn(|i| r.get(1 + i).unwrap())))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut stmt = conn
        .prepare("SELECT id, status, level, team, assignee FROM tickets")
        .unwrap();
    let tickets: Vec<(i64, [Option<String>; 4])> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, std::array::from_fn(|i| r.get(1 + i).unwrap())))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    log_agrees(events, tickets)
}

/// What a tick leaves: every ticket's state, every event but its row id,
/// and the notifications those events queued.
fn outcome(db: &Path) -> (Vec<String>, Vec<String>, Vec<String>) {
    let conn = Connection::open(db).unwrap();
    let rows = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            Ok((0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    (
        rows(
            "SELECT id, status, level, team, assignee, priority, next_due_at, sla_due_at,
                    breached_at, tags FROM tickets ORDER BY id",
        ),
        rows(
            "SELECT ticket_id, kind, rule, due_at, at, from_level, to_level, from_team, to_team,
                    detail FROM events ORDER BY ticket_id, rule, kind, id",
        ),
        rows(
            "SELECT e.ticket_id, e.rule, o.recipient, o.role, o.status, o.queued_at
             FROM outbox o JOIN events e ON e.id = o.event_id
             ORDER BY e.ticket_id, e.rule, o.recipient",
        ),
    )
}

fn shm_of(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-shm", db.display()))
}

#[test]
fn a_tick_killed_anywhere_recovers_and_finishes_exactly_once() {
    let q = Queue::new();
    let mut rng = Rng::seeded("crash: tick");
    let base = q.path("base.db");
    build(&base);
    // The uninterrupted tick, for comparison, and the span of kill points.
    let reference = q.path("reference.db");
    copy(&base, &reference);
    let polls = polls_of(esc_on(&reference, TICK_AT, &["tick"]), &shm_of(&reference));
    let expected = outcome(&reference);
    assert!(
        expected.1.len() > 3 * TICKETS,
        "the tick has thousands of events to write: {}",
        expected.1.len()
    );
    assert!(
        expected.2.len() >= TICKETS,
        "and notifications to queue: {}",
        expected.2.len()
    );
    let (mut killed, mut inside, mut partial) = (0, 0, 0);
    for trial in 0..TICK_TRIALS {
        let db = q.path(&format!("trial{trial}.db"));
        copy(&base, &db);
        let mut child = esc_on(&db, TICK_AT, &["tick"])
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let at_write = rng.below(3) == 0;
        let (k, i) = kill_after(&mut child, &shm_of(&db), rng.below(polls), at_write);
        killed += usize::from(k);
        inside += usize::from(i);
        sound(&db).unwrap_or_else(|e| panic!("trial {trial}, after the kill: {e}"));
        let after = outcome(&db);
        if after.1.len() > TICKETS && after != expected {
            partial += 1;
        }
        let out = esc_on(&db, TICK_AT, &["tick"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        sound(&db).unwrap_or_else(|e| panic!("trial {trial}, after the next tick: {e}"));
        assert!(
            outcome(&db) == expected,
            "trial {trial}: the next tick did not finish the work exactly once"
        );
        let again = esc_on(&db, TICK_AT, &["tick"]).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&again.stdout), "", "trial {trial}");
        std::fs::remove_file(&db).unwrap();
    }
    say(&format!(
        "crash: {TICK_TRIALS} tick trials over {TICKETS} due tickets ({} events each run): \
         {killed} killed, {inside} inside a write transaction, {partial} left partial work; \
         every one recovered exactly once",
        expected.1.len()
    ));
    assert!(
        inside * 4 >= TICK_TRIALS,
        "only {inside} of {TICK_TRIALS} kills landed inside a write transaction"
    );
}

#[test]
fn agent_commands_killed_mid_write_land_whole_or_not_at_all() {
    let q = Queue::new();
    let mut rng = Rng::seeded("crash: agents");
    for n in 0..6 {
        q.open("09:00", &format!("ticket {n}"), &[]);
    }
    let db = q.file();
    let shm = shm_of(&db);
    let probe = {
        let mut cmd = q.esc("ann", "09:01", &["note", "1", "calibration"]);
        cmd.stdin(Stdio::null());
        cmd
    };
    let polls = polls_of(probe, &shm);
    let (mut killed, mut inside) = (0, 0);
    let mut outcomes = Vec::new();
    for trial in 0..AGENT_TRIALS {
        let id = (1 + rng.below(6)).to_string();
        let marker = format!("k{trial}");
        let when = format!("2026-11-23T10:{:02}:00Z", trial);
        let args: Vec<&str> = match rng.below(4) {
            0 => vec!["note", &id, &marker],
            1 => vec!["escalate", &id, "--team", "technical", "-r", &marker],
            2 => vec!["assign", &id, &marker],
            _ => vec!["contact", &id, &marker],
        };
        let mut child = q
            .esc("ann", &when, &args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .stdin(Stdio::null())
            .spawn()
            .unwrap();
        let at_write = rng.below(3) > 0;
        let (k, i) = kill_after(&mut child, &shm, rng.below(polls + 1), at_write);
        killed += usize::from(k);
        inside += usize::from(i);
        sound(&db).unwrap_or_else(|e| panic!("trial {trial}: {e}"));
        let conn = Connection::open(&db).unwrap();
        let found: i64 = conn
            .query_row(
                "SELECT count(*) FROM events WHERE reason = ?1 OR to_assignee = ?1",
                [&marker],
                |r| r.get(0),
            )
            .unwrap();
        assert!(found <= 1, "trial {trial}: {marker} landed {found} times");
        outcomes.push((k, found));
    }
    let landed_despite_kill = outcomes.iter().filter(|(k, f)| *k && *f == 1).count();
    let lost_to_kill = outcomes.iter().filter(|(k, f)| *k && *f == 0).count();
    say(&format!(
        "crash: {AGENT_TRIALS} agent trials: {killed} killed ({inside} inside a write \
         transaction): {lost_to_kill} left no trace, {landed_despite_kill} had committed first; \
         none half-written"
    ));
    assert!(
        inside * 4 >= killed.max(1),
        "only {inside} of {killed} kills landed inside a write transaction"
    );
    // The queue still works: the next command on every ticket lands.
    for id in 1..=6 {
        q.ok(
            "ann",
            "11:00",
            &["note", &id.to_string(), "after the crashes"],
        );
    }
}
