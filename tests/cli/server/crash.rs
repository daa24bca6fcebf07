//! SIGKILL on the server: `esc tick` over thousands of due tickets, killed
//! at random moments. The server rolls back what the dead process had not
//! committed; after every kill each ticket's state is what its log says,
//! the next tick does the rest exactly once (the queue ends as an
//! uninterrupted tick leaves it) and the one after is silent.
//!
//! Each kill is classed by whether the tick's session had written in its
//! open transaction at that moment (a transaction id assigned, as
//! `pg_stat_activity` shows), so the test cannot pass by killing only idle
//! processes.

use std::process::{Child, Command, Stdio};

use esc::store::Location;

use crate::cli::support::{Database, Queue, Rng, admin_client, log_agrees, say};

const TICKETS: usize = 2_000;
const TRIALS: usize = 12;
const OPENED: &str = "2026-11-23T09:00:00Z";
const TICK_AT: &str = "2026-11-24T12:00:00Z";

/// `TICKETS` tickets opened a day before `TICK_AT` and never answered,
/// built through the engine as `esc open` would.
fn build(url: &str) {
    let mut store = esc::sample::new_queue(&Location::Postgres(url.to_string())).unwrap();
    let t0 = esc::clock::parse_instant(OPENED).unwrap();
    esc::sample::fill(&mut *store, TICKETS, t0, None).unwrap();
}

fn tick(url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_esc"));
    cmd.arg("--db")
        .arg(url)
        .args(["--as", "cron", "--now", TICK_AT, "tick"])
        .env_remove("ESC_DB")
        .env_remove("ESC_POLICY")
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    cmd
}

/// Sessions on database `db`: all of them, and those that have written
/// in an open transaction.
fn sessions(admin: &mut postgres::Client, db: &str) -> (i64, i64) {
    let row = admin
        .query_one(
            "SELECT count(*), count(*) FILTER (WHERE backend_xid IS NOT NULL)
             FROM pg_stat_activity WHERE datname = $1",
            &[&db],
        )
        .unwrap();
    (row.get(0), row.get(1))
}

/// Kill `child` after `polls` polls, or with `at_write` at the first poll
/// that sees it writing. Returns (killed, killed inside a write), once the
/// server has ended the dead process's session.
fn kill_after(
    admin: &mut postgres::Client,
    db: &str,
    child: &mut Child,
    polls: usize,
    at_write: bool,
) -> (bool, bool) {
    let mut n = 0;
    let (killed, inside) = loop {
        if child.try_wait().unwrap().is_some() {
            break (false, false);
        }
        let writing = sessions(admin, db).1 > 0;
        if (at_write && writing) || (!at_write && n >= polls) {
            let killed = child.kill().is_ok() && child.wait().unwrap().code().is_none();
            break (killed, writing && killed);
        }
        n += 1;
    };
    // The server notices the closed socket and rolls back; until then the
    // dead tick's row locks would make the next one skip its tickets.
    for _ in 0..1_000_000 {
        if sessions(admin, db).0 == 0 {
            return (killed, inside);
        }
    }
    panic!("the killed tick's session on {db} never ended");
}

/// Each ticket's state is where its log leads.
fn sound(url: &str) -> Result<(), String> {
    let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let events = c
        .query(
            "SELECT ticket_id, from_status, to_status, from_level, to_level, from_team, to_team,
                    from_assignee, to_assignee FROM events ORDER BY ticket_id, id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), std::array::from_fn(|i| r.get(1 + i))))
        .collect::<Vec<(i64, [Option<String>; 8])>>();
    let tickets = c
        .query("SELECT id, status, level, team, assignee FROM tickets", &[])
        .unwrap()
        .iter()
        .map(|r| (r.get(0), std::array::from_fn(|i| r.get(1 + i))))
        .collect::<Vec<(i64, [Option<String>; 4])>>();
    log_agrees(events, tickets)
}

/// What a tick leaves: every ticket's state, every event but its row id,
/// and the notifications those events queued.
fn outcome(url: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let mut rows = |sql: &str| -> Vec<String> {
        c.query(sql, &[])
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect()
    };
    (
        rows(
            "SELECT format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', id, status, level, team, assignee,
                    priority, next_due_at, sla_due_at, breached_at, tags)
             FROM tickets ORDER BY id",
        ),
        rows(
            "SELECT format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', ticket_id, kind, rule, due_at, at,
                    from_level, to_level, from_team, to_team, detail)
             FROM events ORDER BY ticket_id, rule, kind, id",
        ),
        rows(
            "SELECT format('%s|%s|%s|%s|%s|%s', e.ticket_id, e.rule, o.recipient, o.role,
                    o.status, o.queued_at)
             FROM outbox o JOIN events e ON e.id = o.event_id
             ORDER BY e.ticket_id, e.rule, o.recipient",
        ),
    )
}

#[test]
fn a_tick_killed_anywhere_on_the_server_recovers_and_finishes_exactly_once() {
    let q = Queue::new();
    let mut rng = Rng::seeded("server crash: tick");
    let base = Database::create(q.dir.path(), "_base");
    build(&base.url());
    let mut admin = admin_client();

    let reference = Database::copy_of(q.dir.path(), "_reference", &base.name);
    let mut child = tick(&reference.url()).spawn().unwrap();
    let mut polls = 0;
    while child.try_wait().unwrap().is_none() {
        sessions(&mut admin, &reference.name);
        polls += 1;
    }
    assert!(child.wait().unwrap().success());
    let expected = outcome(&reference.url());
    assert!(
        expected.1.len() > 3 * TICKETS,
        "the tick has thousands of events to write: {}",
        expected.1.len()
    );

    let (mut killed, mut inside, mut partial) = (0, 0, 0);
    for trial in 0..TRIALS {
        let db = Database::copy_of(q.dir.path(), &format!("_trial{trial}"), &base.name);
        let url = db.url();
        let mut child = tick(&url).spawn().unwrap();
        let at_write = rng.below(3) == 0;
        let (k, i) = kill_after(
            &mut admin,
            &db.name,
            &mut child,
            rng.below(polls.max(1)),
            at_write,
        );
        killed += usize::from(k);
        inside += usize::from(i);
        sound(&url).unwrap_or_else(|e| panic!("trial {trial}, after the kill: {e}"));
        let after = outcome(&url);
        if after.1.len() > TICKETS && after != expected {
            partial += 1;
        }
        let out = tick(&url).stdout(Stdio::piped()).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        sound(&url).unwrap_or_else(|e| panic!("trial {trial}, after the next tick: {e}"));
        assert!(
            outcome(&url) == expected,
            "trial {trial}: the next tick did not finish the work exactly once"
        );
        let again = tick(&url).stdout(Stdio::piped()).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&again.stdout), "", "trial {trial}");
    }
    say(&format!(
        "server crash: {TRIALS} tick trials over {TICKETS} due tickets ({} events each run): \
         {killed} killed, {inside} inside a write transaction, {partial} left partial work; \
         every one recovered exactly once",
        expected.1.len()
    ));
    assert!(
        inside * 4 >= TRIALS,
        "only {inside} of {TRIALS} kills landed inside a write transaction"
    );
}

/// How many tickets a tick's summary says it changed: `... on N tickets`.
fn tickets_changed(summary: &str) -> usize {
    summary
        .rsplit_once(" on ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .map_or(0, |n| n.parse().unwrap())
}

#[test]
fn ticks_on_two_hosts_at_once_share_the_work_and_fire_each_step_once() {
    let q = Queue::new();
    let base = Database::create(q.dir.path(), "_base");
    build(&base.url());
    let reference = Database::copy_of(q.dir.path(), "_reference", &base.name);
    let out = tick(&reference.url())
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(
        tickets_changed(&String::from_utf8_lossy(&out.stdout)),
        TICKETS
    );
    let expected = outcome(&reference.url());

    let shared = Database::copy_of(q.dir.path(), "_shared", &base.name);
    let url = shared.url();
    let ticks: Vec<Child> = (0..2)
        .map(|_| tick(&url).stdout(Stdio::piped()).spawn().unwrap())
        .collect();
    let changed: Vec<usize> = ticks
        .into_iter()
        .map(|t| {
            let out = t.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            tickets_changed(&String::from_utf8_lossy(&out.stdout))
        })
        .collect();
    say(&format!(
        "server: two ticks at once over {TICKETS} due tickets changed {} and {}",
        changed[0], changed[1]
    ));
    assert_eq!(
        changed.iter().sum::<usize>(),
        TICKETS,
        "every ticket's work done by one tick or the other, none by both"
    );
    assert!(
        outcome(&url) == expected,
        "the queue ends as one tick leaves it"
    );
    sound(&url).unwrap();
}

/// The database's last word on exactly-once: a rule occurrence another
/// host stored while this one was deciding is not stored twice, and the
/// transaction runs again from the log as it then stands.
#[test]
fn a_rule_occurrence_stored_meanwhile_makes_the_change_run_again() {
    use esc::event::{EventData, EventKind};
    use esc::lifecycle::Transition;

    let q = Queue::new();
    let db = Database::create(q.dir.path(), "_race");
    let url = db.url();
    let mut store = esc::sample::new_queue(&Location::Postgres(url.clone())).unwrap();
    let t0 = esc::clock::parse_instant(OPENED).unwrap();
    esc::sample::fill(&mut *store, 1, t0, None).unwrap();
    let at = esc::clock::parse_instant(TICK_AT).unwrap();
    let key = "step:race:c1";
    let decided = |kind| {
        let mut e = EventData::new(kind, at, "esc", 1);
        e.rule = Some(key.to_string());
        e.automatic = true;
        e
    };

    let mut calls = 0;
    let applied = store
        .update(1, &mut |t, log| {
            calls += 1;
            if calls == 1 {
                // Another host stores the same occurrence first (its own
                // connection, committed at once).
                let mut other = postgres::Client::connect(&url, postgres::NoTls).unwrap();
                other
                    .execute(
                        "INSERT INTO events (ticket_id, ticket_opened_at, cycle, at, actor, kind,
                                             automatic, rule)
                         SELECT id, opened_at, 1, $2, 'other-host', 'automated', true, $1
                         FROM tickets WHERE id = 1",
                        &[&key, &at.timestamp()],
                    )
                    .unwrap();
            } else {
                assert!(
                    log.iter().any(|e| e.data.rule.as_deref() == Some(key)),
                    "the second run sees the other host's event"
                );
            }
            let events = match calls {
                1 => vec![decided(EventKind::Automated)],
                _ => vec![EventData::new(EventKind::Noted, at, "esc", 1)],
            };
            Ok(Transition {
                ticket: t.clone(),
                events,
                notices: vec![],
            })
        })
        .unwrap();
    assert_eq!(calls, 2, "the change was decided again");
    assert_eq!(applied.events.len(), 1);
    assert_eq!(applied.events[0].data.kind, EventKind::Noted);
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let stored: i64 = c
        .query_one("SELECT count(*) FROM events WHERE rule = $1", &[&key])
        .unwrap()
        .get(0);
    assert_eq!(stored, 1, "the occurrence is stored once");
}
