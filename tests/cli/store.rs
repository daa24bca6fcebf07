//! The store's contract, written once and run on every engine: what a
//! command may rely on whichever database holds the queue. Each test gets
//! an empty queue of its own, on a SQLite file and on the PostgreSQL
//! cluster `scripts/test` starts (`ESC_TEST_PG`).

use esc::automation::Engine;
use esc::clock::{Instant, parse_instant};
use esc::lifecycle::{Act, NewTicket};
use esc::policy::{DEFAULT_POLICY, Policy};
use esc::store::{Applying, Considered, Location, Store};
use esc::ticket::{Channel, TicketId};

use super::support::{Database, database_url};

/// Which engine a test runs on.
enum Kind {
    Sqlite,
    Postgres,
}

/// An empty queue, holding the default policy, and what keeps it alive.
struct Fresh {
    store: Box<dyn Store>,
    policy: Policy,
    _dir: tempfile::TempDir,
    _database: Option<Database>,
}

fn fresh(kind: &Kind) -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let (location, database) = match kind {
        Kind::Sqlite => (Location::file(&dir.path().join("queue.db")), None),
        Kind::Postgres => {
            let db = Database::create(dir.path(), "_store");
            (Location::Postgres(database_url(&db.name)), Some(db))
        }
    };
    let mut store = esc::store::open(&location).unwrap();
    let policy = Policy::embedded();
    store
        .apply_policy(
            DEFAULT_POLICY,
            &policy.digest,
            "manager",
            at("2026-11-23T08:00:00Z"),
            None,
        )
        .unwrap();
    Fresh {
        store,
        policy,
        _dir: dir,
        _database: database,
    }
}

fn at(when: &str) -> Instant {
    parse_instant(when).unwrap()
}

/// Open a ticket at `when` as esc open does: the policy settles it in the
/// same transaction.
fn open(q: &mut Fresh, when: &str, title: &str) -> TicketId {
    let now = at(when);
    let act = Act {
        policy: &q.policy,
        actor: "ann",
        now,
    };
    let (ticket, opened) = act
        .open(NewTicket {
            title: title.into(),
            description: String::new(),
            customer: "Maria Lopez".into(),
            email: None,
            tier: None,
            channel: Channel::Email,
            category: "financial".into(),
            priority: None,
            team: None,
            assignee: None,
            tags: vec![],
        })
        .unwrap();
    let engine = Engine::new(&q.policy, now);
    q.store
        .create(&ticket, opened, &mut |ticket, mut log| {
            let (ticket, _) = engine.settle(ticket, &mut log);
            engine.transition(ticket, log)
        })
        .unwrap()
        .ticket
        .id
}

/// What `esc tick` does at `when`: settle every due ticket; the events it
/// wrote.
fn tick(q: &mut Fresh, when: &str) -> usize {
    let now = at(when);
    let engine = Engine::new(&q.policy, now);
    let ids = q.store.due_tickets(now, &q.policy.digest[..16]).unwrap();
    let applied = q
        .store
        .update_each(&ids, true, &mut |t, log| {
            let mut log = esc::event::history(log);
            let (ticket, events) = engine.settle(t.clone(), &mut log);
            let changed = !events.is_empty() || ticket.due != t.due;
            Considered::Settled(changed.then(|| Box::new(engine.transition(ticket, events))))
        })
        .unwrap();
    applied.iter().map(|a| a.events.len()).sum()
}

fn a_ticket_and_its_log_read_back_as_written(kind: &Kind) {
    let mut q = fresh(kind);
    let id = open(&mut q, "2026-11-23T09:00:00Z", "Card charged twice");
    let (t, events) = q.store.ticket_with_events(id).unwrap();
    assert_eq!(
        (
            t.title.as_str(),
            t.customer.as_str(),
            t.team.as_str(),
            t.level.as_str()
        ),
        ("Card charged twice", "Maria Lopez", "support", "L0")
    );
    assert_eq!(t.opened_at, at("2026-11-23T09:00:00Z"));
    let log: Vec<(String, String, Instant)> = events
        .iter()
        .map(|e| (e.data.kind.to_string(), e.data.actor.clone(), e.data.at))
        .collect();
    assert_eq!(
        log,
        [(
            "opened".to_string(),
            "ann".to_string(),
            at("2026-11-23T09:00:00Z")
        )]
    );
    let other = open(&mut q, "2026-11-23T09:05:00Z", "Where is my parcel?");
    assert_eq!(other, id + 1, "ids are given in order");
}

fn policy_versions_are_kept_in_order_and_the_same_text_adds_none(kind: &Kind) {
    let mut q = fresh(kind);
    let again = q
        .store
        .apply_policy(
            DEFAULT_POLICY,
            &q.policy.digest,
            "dana",
            at("2026-11-23T09:00:00Z"),
            None,
        )
        .unwrap();
    assert!(matches!(again, Applying::Unchanged(v) if v.version == 1));
    let text = format!("{DEFAULT_POLICY}\n# a second version\n");
    let digest = esc::policy::digest_of(&text);
    let applied = q
        .store
        .apply_policy(
            &text,
            &digest,
            "dana",
            at("2026-11-23T10:00:00Z"),
            Some("why"),
        )
        .unwrap();
    assert!(matches!(applied, Applying::Applied(ref v) if v.version == 2));
    let versions: Vec<(u32, String, String)> = q
        .store
        .policy_versions()
        .unwrap()
        .into_iter()
        .map(|v| (v.version, v.applied_by, v.digest))
        .collect();
    assert_eq!(
        versions,
        [
            (1, "manager".to_string(), q.policy.digest.clone()),
            (2, "dana".to_string(), digest.clone())
        ]
    );
    let active = q.store.active_policy().unwrap().unwrap();
    assert_eq!((active.version, active.text), (2, text));
}

fn an_automatic_step_is_recorded_once_however_often_the_tick_runs(kind: &Kind) {
    let mut q = fresh(kind);
    let id = open(&mut q, "2026-11-23T09:00:00Z", "no reply");
    // Past the first-response breach and both steps of the default path.
    let first = tick(&mut q, "2026-11-23T16:00:00Z");
    assert_eq!(first, 4, "a warning, a breach and two steps");
    assert_eq!(
        tick(&mut q, "2026-11-23T16:00:00Z"),
        0,
        "the same instant again"
    );
    assert_eq!(tick(&mut q, "2026-11-23T16:05:00Z"), 0, "nothing new due");
    let (t, events) = q.store.ticket_with_events(id).unwrap();
    let mut rules: Vec<String> = events.iter().filter_map(|e| e.data.rule.clone()).collect();
    let all = rules.len();
    rules.sort();
    rules.dedup();
    assert_eq!(rules.len(), all, "each key once: {rules:?}");
    assert_eq!(t.level, "L2");
}

fn two_deliverers_never_hold_the_same_notification(kind: &Kind) {
    let mut q = fresh(kind);
    open(&mut q, "2026-11-23T09:00:00Z", "no reply");
    tick(&mut q, "2026-11-23T16:00:00Z");
    let now = at("2026-11-23T16:00:00Z");
    let until = at("2026-11-23T16:10:00Z");
    let first = q.store.lease_notifications(now, until, 10, false).unwrap();
    assert_eq!(first.len(), 2, "the two steps notify dana");
    let second = q.store.lease_notifications(now, until, 10, false).unwrap();
    assert!(second.is_empty(), "held: {second:?}");
    // A deliverer killed mid-send lets its batch go when the lease ends.
    let later = q
        .store
        .lease_notifications(until, at("2026-11-23T16:20:00Z"), 10, false)
        .unwrap();
    let ids = |ns: &[esc::outbox::Notification]| ns.iter().map(|n| n.id).collect::<Vec<_>>();
    assert_eq!(ids(&later), ids(&first));
}

fn a_wait_for_want_of_an_address_is_news_once_and_ends_with_one(kind: &Kind) {
    let mut q = fresh(kind);
    open(&mut q, "2026-11-23T09:00:00Z", "no reply");
    tick(&mut q, "2026-11-23T16:00:00Z");
    let why = "the policy gives no way to reach dana";
    let (now, later) = (at("2026-11-23T16:00:00Z"), at("2026-11-23T17:00:00Z"));
    let held = q
        .store
        .defer_recipient("dana", now, later, why, false)
        .unwrap();
    assert_eq!((held.all, held.first), (2, 2));
    assert!(q.store.due_recipients(now).unwrap().is_empty());
    // An hour on, the same wait again: held, but no longer news.
    let held = q
        .store
        .defer_recipient("dana", later, at("2026-11-23T18:00:00Z"), why, false)
        .unwrap();
    assert_eq!((held.all, held.first), (2, 0));
    // The policy gives her a way: due at once, the wait forgotten.
    let at_once = at("2026-11-23T17:10:00Z");
    assert_eq!(q.store.release_recipient("dana", at_once).unwrap(), 2);
    assert_eq!(q.store.due_recipients(at_once).unwrap(), ["dana"]);
    let waiting = q.store.outbox(false).unwrap();
    assert!(
        waiting
            .iter()
            .all(|n| n.last_error.is_none() && n.attempts == 0),
        "{waiting:?}"
    );
}

fn erasing_a_customer_keeps_the_figures_and_none_of_the_text(kind: &Kind) {
    let mut q = fresh(kind);
    let id = open(&mut q, "2026-11-23T09:00:00Z", "Card charged twice");
    tick(&mut q, "2026-11-23T16:00:00Z");
    let (before, log) = q.store.ticket_with_events(id).unwrap();
    q.store
        .redact(
            &[id],
            at("2026-11-23T17:00:00Z"),
            "dana",
            Some("erasure request 114"),
        )
        .unwrap();
    let (after, events) = q.store.ticket_with_events(id).unwrap();
    assert_eq!(
        (after.customer.as_str(), after.title.as_str()),
        ("[redacted]", "[redacted]")
    );
    assert_eq!((&after.level, &after.stats), (&before.level, &before.stats));
    assert_eq!(
        events.len(),
        log.len() + 1,
        "the log keeps its shape, and says so"
    );
    assert_eq!(events.last().unwrap().data.kind.to_string(), "redacted");
    let text = format!("{after:?} {events:?}");
    assert!(
        !text.contains("Maria") && !text.contains("Card charged"),
        "{text}"
    );
}

/// Each test above, once for every engine.
macro_rules! store_tests {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $name() {
                super::$name(&super::Kind::Sqlite);
            })+
        }
        mod postgres {
            $(#[test]
            fn $name() {
                super::$name(&super::Kind::Postgres);
            })+
        }
    };
}

store_tests!(
    a_ticket_and_its_log_read_back_as_written,
    policy_versions_are_kept_in_order_and_the_same_text_adds_none,
    an_automatic_step_is_recorded_once_however_often_the_tick_runs,
    two_deliverers_never_hold_the_same_notification,
    a_wait_for_want_of_an_address_is_news_once_and_ends_with_one,
    erasing_a_customer_keeps_the_figures_and_none_of_the_text,
);
