use std::path::PathBuf;

use super::*;
use crate::clock::parse_instant;
use crate::event::{Detail, EventData, Source};
use crate::lifecycle::{Act, NewTicket, Transition, Urgency};
use crate::policy::Policy;
use crate::store::Applying;
use crate::ticket::{Channel, Status};
use rusqlite::Connection;
use schema::Migration;

fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    (dir, db)
}

/// A ticket as `esc open` makes it, by ann at `now`, and its event.
fn opened(p: &Policy, now: Instant, title: &str, tags: Vec<String>) -> (Ticket, EventData) {
    let act = Act {
        policy: p,
        actor: "ann",
        now,
    };
    act.open(NewTicket {
        title: title.into(),
        description: "d".into(),
        customer: "acme".into(),
        email: None,
        tier: None,
        channel: Channel::Chat,
        category: "technical".into(),
        priority: None,
        team: None,
        assignee: None,
        tags,
    })
    .unwrap()
}

fn open_one(store: &mut Sqlite, title: &str, tag: &str) -> Ticket {
    let p = Policy::embedded();
    let now = parse_instant("2026-11-23T09:00:00Z").unwrap();
    let (t, e) = opened(&p, now, title, vec![tag.into()]);
    store
        .create(&t, e, &mut |ticket, log| Transition {
            ticket,
            events: log,
            notices: vec![],
        })
        .unwrap()
        .ticket
}

fn kind(e: &anyhow::Error) -> Option<&EscError> {
    e.downcast_ref::<EscError>()
}

#[test]
fn a_new_queue_is_marked_and_migrated_once() {
    let (_d, db) = temp();
    drop(Sqlite::open(&db).unwrap());
    let store = Sqlite::open(&db).unwrap();
    let (app, version): (i32, i64) = store
        .conn
        .query_row(
            "SELECT (SELECT application_id FROM pragma_application_id()), (SELECT user_version FROM pragma_user_version())",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(app, schema::APPLICATION_ID);
    assert_eq!(version, schema::latest());
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_queue_from_a_newer_esc_is_refused_and_left_alone() {
    let (_d, db) = temp();
    drop(Sqlite::open(&db).unwrap());
    let raw = Connection::open(&db).unwrap();
    raw.pragma_update(None, "user_version", 99).unwrap();
    drop(raw);
    let e = Sqlite::open(&db).err().unwrap();
    assert!(matches!(kind(&e), Some(EscError::Queue { .. })), "{e}");
    assert!(
        e.to_string()
            .contains("written by a newer esc (queue schema version 99"),
        "{e}"
    );
    let v: i64 = Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
}

#[test]
fn foreign_files_are_refused_without_being_touched() {
    let (d, db) = temp();
    std::fs::write(&db, "this is a shopping list, not a database\n".repeat(200)).unwrap();
    let e = Sqlite::open(&db).err().unwrap();
    assert!(e.to_string().contains("not a SQLite database"), "{e}");
    assert!(
        std::fs::read_to_string(&db)
            .unwrap()
            .starts_with("this is a shopping list")
    );

    let other = d.path().join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE songs (name TEXT)")
        .unwrap();
    let e = Sqlite::open(&other).err().unwrap();
    assert!(
        e.to_string()
            .contains("a SQLite database but not an esc queue"),
        "{e}"
    );

    let e = Sqlite::open(d.path()).err().unwrap();
    assert!(e.to_string().contains("is a directory"), "{e}");
}

#[test]
fn tickets_round_trip_through_the_store() {
    let (_d, db) = temp();
    let mut store = Sqlite::open(&db).unwrap();
    let created = open_one(&mut store, "first", "vip");
    assert_eq!(created.id, 1);
    assert_eq!(store.ticket(1).unwrap(), created);
    let (t, events) = store.ticket_with_events(1).unwrap();
    assert_eq!(t, created);
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0].data.level.as_ref().unwrap().to.as_deref(),
        Some("L0")
    );
}

#[test]
fn a_refused_change_writes_nothing() {
    let (_d, db) = temp();
    let mut store = Sqlite::open(&db).unwrap();
    open_one(&mut store, "first", "vip");
    let e = store
        .update(1, &mut |_, _| Err(EscError::refused("no")))
        .err()
        .unwrap();
    assert!(matches!(kind(&e), Some(EscError::Refused { .. })));
    assert_eq!(store.ticket_with_events(1).unwrap().1.len(), 1);
    let e = store.update(42, &mut |_, _| unreachable!()).err().unwrap();
    assert!(matches!(kind(&e), Some(EscError::NoSuchTicket(42))));
}

#[test]
fn the_event_log_cannot_be_rewritten() {
    let (_d, db) = temp();
    let mut store = Sqlite::open(&db).unwrap();
    open_one(&mut store, "first", "vip");
    let update = store
        .conn
        .execute("UPDATE events SET actor = 'mallory'", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = store.conn.execute("DELETE FROM events", []);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
}

#[test]
fn filters_match_tags_as_whole_words() {
    let (_d, db) = temp();
    let mut store = Sqlite::open(&db).unwrap();
    open_one(&mut store, "a", "vip");
    open_one(&mut store, "b", "vip-lite");
    let order = Urgency::of(
        &Policy::embedded(),
        parse_instant("2026-11-23T10:00:00Z").unwrap(),
    );
    let only = |tag: &str| {
        store
            .tickets(
                &TicketFilter {
                    tag: Some(tag.into()),
                    ..Default::default()
                },
                &order,
                None,
            )
            .unwrap()
            .0
            .into_iter()
            .map(|t| t.title)
            .collect::<Vec<_>>()
    };
    assert_eq!(only("vip"), vec!["a"]);
    assert_eq!(only("vip-lite"), vec!["b"]);
    assert!(only("vi").is_empty());
    let resolved = store
        .tickets(
            &TicketFilter {
                statuses: vec![Status::Resolved],
                ..Default::default()
            },
            &order,
            None,
        )
        .unwrap();
    assert_eq!(resolved.1, 0);
}

#[test]
fn tickets_come_most_urgent_first_and_the_limit_keeps_the_top() {
    let (_d, db) = temp();
    let mut store = Sqlite::open(&db).unwrap();
    let p = Policy::embedded();
    let now = parse_instant("2026-11-23T10:00:00Z").unwrap();
    let mut add = |title: &str, change: &dyn Fn(&mut Ticket)| {
        let mut t = open_one(&mut store, title, "x");
        change(&mut t);
        store
            .update(t.id, &mut |_, _| {
                Ok(Transition {
                    ticket: t.clone(),
                    events: vec![],
                    notices: vec![],
                })
            })
            .unwrap();
    };
    add("plain", &|_| {});
    add("urgent", &|t| t.priority = "urgent".into());
    add("senior", &|t| t.level = "L2".into());
    add("waiting urgent", &|t| {
        t.priority = "urgent".into();
        t.status = Status::Pending;
    });
    add("breached", &|t| {
        t.due.sla_at = Some(now - chrono::Duration::minutes(1))
    });
    add("due soon", &|t| {
        t.due.sla_at = Some(now + chrono::Duration::hours(1))
    });
    let order = Urgency::of(&p, now);
    let (all, total) = store
        .tickets(&TicketFilter::default(), &order, None)
        .unwrap();
    let titles: Vec<&str> = all.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "breached",
            "urgent",
            "due soon",
            "senior",
            "plain",
            "waiting urgent"
        ]
    );
    assert_eq!(total, 6);
    let (top, total) = store
        .tickets(&TicketFilter::default(), &order, Some(2))
        .unwrap();
    assert_eq!((top.len(), total), (2, 6));
    assert_eq!(top[1].title, "urgent");
}

/// A queue file as an older esc left it: the first `version` migrations.
fn queue_at_version(db: &std::path::Path, version: usize) -> Connection {
    let mut conn = Connection::open(db).unwrap();
    let tx = conn.transaction().unwrap();
    for step in &schema::MIGRATIONS[..version] {
        match step {
            Migration::Sql(sql) => tx.execute_batch(sql).unwrap(),
            Migration::Code(run) => run(&tx).unwrap(),
        }
    }
    tx.pragma_update(None, "application_id", schema::APPLICATION_ID)
        .unwrap();
    tx.pragma_update(None, "user_version", version as i64)
        .unwrap();
    tx.commit().unwrap();
    conn
}

#[test]
fn schema_3_events_gain_typed_details_and_keep_their_text() {
    let (_d, db) = temp();
    {
        let conn = queue_at_version(&db, 3);
        conn.execute_batch(
            "INSERT INTO tickets (id, title, description, customer, tier, channel, category, priority,
                team, level, status, opened_at, updated_at, level_since)
             VALUES (1, 't', '', 'c', 'standard', 'email', 'general', 'normal', 'support', 'L1', 'open',
                1000, 1000, 1000);
             INSERT INTO events (ticket_id, cycle, at, actor, kind, value) VALUES
                (1, 1, 1000, 'ann', 'opened', 'email'),
                (1, 1, 1100, 'ann', 'rated', '2'),
                (1, 1, 1200, 'ann', 'tagged', '+vip -late');
             INSERT INTO events (ticket_id, cycle, at, actor, kind, automatic, from_level, to_level,
                escalation, value, due_at, rule, policy_digest) VALUES
                (1, 1, 1300, 'esc', 'escalated', 1, 'L0', 'L1', 'hierarchical',
                 'notify dana, lee', 1250, 'step:no-reply/senior:c1', 'abc');",
        )
        .unwrap();
    }
    let store = Sqlite::open(&db).unwrap();
    let (_, events) = store.ticket_with_events(1).unwrap();
    let details: Vec<Option<Detail>> = events.iter().map(|e| e.data.detail.clone()).collect();
    assert_eq!(details[0], Some(Detail::Channel(Channel::Email)));
    assert_eq!(details[1], Some(Detail::Csat(2)));
    assert_eq!(
        details[2],
        Some(Detail::Tags {
            added: vec!["vip".into()],
            removed: vec!["late".into()]
        })
    );
    let effect = events[3].data.effect().unwrap();
    assert_eq!(effect.source, Source::Step("no-reply/senior".into()));
    assert_eq!(effect.notify.len(), 2);
    let kept: String = store
        .conn
        .query_row("SELECT value FROM events WHERE id = 4", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        kept, "notify dana, lee",
        "the old text stays for the record"
    );
    let rewrite = store.conn.execute("UPDATE events SET detail = NULL", []);
    assert!(rewrite.is_err(), "the log is append-only again");
}

#[test]
fn a_queue_of_an_older_schema_is_upgraded_in_place() {
    let (_d, db) = temp();
    {
        let conn = queue_at_version(&db, 2);
        conn.execute_batch(
            "INSERT INTO tickets (id, title, description, customer, tier, channel, category, priority,
                team, level, status, opened_at, updated_at, level_since, first_response_at)
             VALUES (1, 't', '', 'c', 'standard', 'email', 'general', 'normal', 'finance', 'L1', 'open',
                1000, 1000, 1000, 1600);
             INSERT INTO events (ticket_id, cycle, at, actor, kind, escalation, from_team, to_team)
             VALUES (1, 1, 1200, 'ann', 'escalated', 'both', 'support', 'finance');",
        )
        .unwrap();
    }
    let store = Sqlite::open(&db).unwrap();
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema::latest());
    let t = store.ticket(1).unwrap();
    assert_eq!(
        (
            t.stats.escalations,
            t.stats.functional,
            t.stats.hierarchical
        ),
        (1, 1, 1)
    );
    assert_eq!(t.stats.first_response_secs, Some(600));
    assert_eq!(
        t.due.digest.as_deref(),
        Some(""),
        "marked for the next tick to re-settle"
    );
    let opened: i64 = store
        .conn
        .query_row("SELECT ticket_opened_at FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(opened, 1000);
    let rewrite = store
        .conn
        .execute("UPDATE events SET actor = 'mallory'", []);
    assert!(
        rewrite.unwrap_err().to_string().contains("append-only"),
        "the guard is back"
    );
}

/// A schema-4 queue with one ticket and one automatic event fired by the
/// policy whose digest is `digest`.
fn schema_4_queue_fired_by(db: &std::path::Path, digest: &str) {
    let conn = queue_at_version(db, 4);
    conn.execute_batch(
        "INSERT INTO tickets (id, title, description, customer, tier, channel, category, priority,
            team, level, status, opened_at, updated_at, level_since)
         VALUES (1, 't', '', 'c', 'standard', 'email', 'general', 'normal', 'support', 'L0', 'open',
            1000, 1000, 1000);
         INSERT INTO events (ticket_id, cycle, at, actor, kind) VALUES (1, 1, 1000, 'ann', 'opened');",
    )
    .unwrap();
    conn.execute(
        "INSERT INTO events (ticket_id, cycle, at, actor, kind, automatic, rule, policy_digest)
         VALUES (1, 1, 2000, 'esc', 'warned', 1, 'warn:first-response:1000', ?1)",
        [digest],
    )
    .unwrap();
}

#[test]
fn an_upgraded_queue_adopts_the_default_only_if_the_default_made_its_history() {
    let (_d, db) = temp();
    schema_4_queue_fired_by(&db, &Policy::embedded().digest);
    let store = Sqlite::open(&db).unwrap();
    let versions = store.policy_versions().unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].version, 1);
    assert_eq!(versions[0].text, crate::policy::DEFAULT_POLICY);
    assert_eq!(versions[0].applied_at, crate::clock::from_unix(1000));

    let (_d2, other) = temp();
    schema_4_queue_fired_by(&other, &"a".repeat(64));
    let mut store = Sqlite::open(&other).unwrap();
    assert_eq!(store.active_policy().unwrap(), None, "nothing is adopted");
    assert!(store.has_tickets().unwrap());
    // The team applies the policy it used: that becomes version 1.
    let applied = store
        .apply_policy(
            "name = \"team\"",
            &"a".repeat(64),
            "dana",
            crate::clock::from_unix(5000),
            None,
        )
        .unwrap();
    assert!(matches!(applied, Applying::Applied(ref v) if v.version == 1));
    let again = store
        .apply_policy(
            "name = \"team\"",
            &"a".repeat(64),
            "dana",
            crate::clock::from_unix(6000),
            None,
        )
        .unwrap();
    assert!(
        matches!(again, Applying::Unchanged(ref v) if v.applied_at == crate::clock::from_unix(5000))
    );
    let rewrite = store.conn.execute("DELETE FROM policies", []);
    assert!(rewrite.is_err(), "versions are append-only");
}

#[test]
fn an_upgrade_queues_no_notification_for_events_from_before_the_outbox() {
    let (_d, db) = temp();
    {
        let conn = queue_at_version(&db, 5);
        conn.execute_batch(
            r#"INSERT INTO tickets (id, title, description, customer, tier, channel, category, priority,
                team, level, status, opened_at, updated_at, level_since)
             VALUES (1, 't', '', 'c', 'standard', 'email', 'general', 'normal', 'support', 'L1', 'open',
                1000, 1200, 1200);
             INSERT INTO events (ticket_id, cycle, at, actor, kind, automatic, from_level, to_level,
                detail, rule, due_at)
             VALUES (1, 1, 1200, 'esc', 'escalated', 1, 'L0', 'L1',
                '{"rule":{"source":{"step":"no-reply/senior"},"notify":[{"name":"dana","role":"escalation-manager"}]}}',
                'step:abc:c1', 1200);"#,
        )
        .unwrap();
    }
    let store = Sqlite::open(&db).unwrap();
    let (_, events) = store.ticket_with_events(1).unwrap();
    let told = &events[0].data.effect().expect("a rule's effect").notify;
    assert_eq!(told.len(), 1, "the old event did ask to tell dana");
    assert!(
        store.outbox(true).unwrap().is_empty(),
        "an upgrade must not send last year's news"
    );
}

mod first_page {
    //! `esc list`'s first page, read block by block from the urgency
    //! index, against the whole queue sorted by SQL and by `urgency::key`:
    //! on generated queues with values the policy does not know, clocks
    //! past due that no tick recorded, ties on every column, and all
    //! statuses.

    use proptest::prelude::*;

    use super::*;
    use crate::store::urgency;

    const PRIORITIES: [&str; 5] = ["urgent", "high", "normal", "low", "retired"];
    const LEVELS: [&str; 5] = ["L0", "L1", "L2", "L3", "L9"];
    const CATEGORIES: [&str; 4] = ["technical", "general", "staffing", "old"];
    const STATUSES: [Status; 4] = [
        Status::Open,
        Status::Pending,
        Status::AwaitingSignoff,
        Status::Resolved,
    ];

    /// status, priority, level, category, SLA due (minutes from now, or
    /// none), breach recorded, opened (hours before now).
    type Shape = (usize, usize, usize, usize, Option<i64>, bool, i64);

    fn shapes() -> impl Strategy<Value = Vec<Shape>> {
        let one = (
            0..STATUSES.len(),
            0..PRIORITIES.len(),
            0..LEVELS.len(),
            0..CATEGORIES.len(),
            prop::option::of(-2i64..3),
            any::<bool>(),
            0i64..3,
        );
        prop::collection::vec(one, 0..40)
    }

    fn queue(shapes: &[Shape], now: Instant) -> (tempfile::TempDir, Sqlite) {
        let (dir, db) = temp();
        let mut store = Sqlite::open(&db).unwrap();
        let p = Policy::embedded();
        let mut tickets = shapes.iter().map(|&(s, pr, l, c, sla, breached, age)| {
            let at = now - chrono::Duration::hours(age);
            let (mut t, e) = opened(&p, at, "t", vec![]);
            t.status = STATUSES[s];
            t.priority = PRIORITIES[pr].into();
            t.level = LEVELS[l].into();
            t.category = CATEGORIES[c].into();
            t.due.sla_at = sla.map(|m| now + chrono::Duration::minutes(30 * m));
            t.due.breached_at = breached.then_some(at);
            (t, vec![e])
        });
        store.import(&mut tickets).unwrap();
        (dir, store)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(60))]

        #[test]
        fn the_first_page_is_the_head_of_the_whole_order(
            shapes in shapes(),
            statuses in prop::sample::subsequence(STATUSES.to_vec(), 0..=4),
            breached in any::<bool>(),
        ) {
            let now = parse_instant("2026-11-23T10:00:00Z").unwrap();
            let (_dir, store) = queue(&shapes, now);
            let order = Urgency::of(&Policy::embedded(), now);
            let filter = TicketFilter {
                statuses,
                breached_at: breached.then_some(now),
                ..Default::default()
            };
            let (all, total) = store.tickets(&filter, &order, None).unwrap();
            let ids = |ts: &[Ticket]| ts.iter().map(|t| t.id).collect::<Vec<_>>();
            let mut by_key = all.clone();
            by_key.sort_by_cached_key(|t| urgency::key(&order, t));
            prop_assert_eq!(ids(&by_key), ids(&all));
            for limit in 1..=all.len() + 1 {
                prop_assert!(urgency::serves(&filter, &order, Some(limit)));
                let (page, counted) = store.tickets(&filter, &order, Some(limit)).unwrap();
                prop_assert_eq!(counted, total);
                prop_assert_eq!(ids(&page), ids(&all[..limit.min(all.len())]));
            }
        }

        #[test]
        fn the_counts_follow_every_change_of_status_and_breach(
            shapes in shapes(),
            resolve in 1i64..5,
            clear in 1i64..5,
        ) {
            let now = parse_instant("2026-11-23T10:00:00Z").unwrap();
            let (_dir, store) = queue(&shapes, now);
            store.conn.execute(
                "UPDATE tickets SET status = 'resolved' WHERE id % ?1 = 0", [resolve]).unwrap();
            store.conn.execute(
                "UPDATE tickets SET breached_at = NULL WHERE id % ?1 = 0", [clear]).unwrap();
            store.conn.execute(
                "UPDATE tickets SET breached_at = 1, status = 'pending' WHERE id % 7 = 0", []).unwrap();
            let order = Urgency::of(&Policy::embedded(), now);
            for statuses in [vec![], vec![Status::Open, Status::Pending], vec![Status::Resolved]] {
                for breached in [None, Some(now)] {
                    let filter = TicketFilter { statuses: statuses.clone(), breached_at: breached, ..Default::default() };
                    let (_, total) = store.tickets(&filter, &order, None).unwrap();
                    let (_, counted) = store.tickets(&filter, &order, Some(1)).unwrap();
                    prop_assert_eq!(counted, total);
                }
            }
        }
    }
}

#[test]
fn backlog_counts_from_the_kept_totals_match_the_whole_log() {
    // The counts of resolutions and reopenings since the start are the
    // triggers' totals less what came later; a change dated before its
    // ticket's opening (an import can bring one) makes them read the log.
    let (_d, db) = temp();
    let mut store = Sqlite::open(&db).unwrap();
    let p = Policy::embedded();
    let t0 = parse_instant("2026-11-01T00:00:00Z").unwrap();
    let h = chrono::Duration::hours;
    let ticket = |i: i64, early: bool| {
        let at = t0 + h(10 * i);
        let (t, e) = opened(&p, at, &format!("t{i}"), vec![]);
        let resolved_at = if early { at - h(30) } else { at + h(3 + i % 4) };
        let resolved = EventData::new(crate::event::EventKind::Resolved, resolved_at, "ann", 0)
            .status(Status::Open, Status::Resolved);
        let mut log = vec![e, resolved];
        if i % 3 == 0 {
            log.push(
                EventData::new(
                    crate::event::EventKind::Reopened,
                    resolved_at + h(5),
                    "ann",
                    1,
                )
                .status(Status::Resolved, Status::Open),
            );
        }
        (t, log)
    };
    let exact = |store: &Sqlite, into: bool, until: Instant, before: Option<Instant>| -> u64 {
        let side = if into { "to_status" } else { "from_status" };
        store
            .conn
            .query_row(
                &format!(
                    "SELECT count(*) FROM events WHERE {side} = 'resolved' AND at < ?1
                     AND (?2 IS NULL OR ticket_opened_at < ?2)"
                ),
                rusqlite::params![until.timestamp(), before.map(|b| b.timestamp())],
                |r| r.get::<_, i64>(0),
            )
            .unwrap() as u64
    };
    let check = |store: &Sqlite| {
        for until in (0..30).map(|k| t0 + h(7 * k)) {
            for before in [None, Some(until - h(24)), Some(until + h(5))] {
                for into in [true, false] {
                    let got = store
                        .status_changes(Status::Resolved, into, None, until, before, None)
                        .unwrap();
                    assert_eq!(
                        got.iter().map(|(_, n)| n).sum::<u64>(),
                        exact(store, into, until, before),
                        "{into} {until} {before:?}"
                    );
                }
            }
            let opened: i64 = store
                .conn
                .query_row(
                    "SELECT count(*) FROM tickets WHERE opened_at < ?1",
                    [until.timestamp()],
                    |r| r.get(0),
                )
                .unwrap();
            let got = store.opened_before(until, None).unwrap();
            assert_eq!(got, vec![(None, opened as u64)], "{until}");
        }
    };
    store
        .import(&mut (0..20).map(|i| ticket(i, false)))
        .unwrap();
    check(&store);
    store
        .import(&mut (20..22).map(|i| ticket(i, true)))
        .unwrap();
    check(&store);
}

/// Two deliverers sent the same notification (one overran its lease): the
/// first records the delivery, the second records nothing, so the ticket's
/// timeline says it was delivered once.
#[test]
fn a_delivery_recorded_already_is_not_recorded_again() {
    let (_dir, db) = temp();
    let mut store = Sqlite::open(&db).unwrap();
    let ticket = open_one(&mut store, "told", "x");
    let p = Policy::embedded();
    let at = parse_instant("2026-11-23T09:05:00Z").unwrap();
    let told = EventData::new(EventKind::Noted, at, "ann", 1).detail(Detail::Told(vec![
        crate::event::Recipient {
            name: "dana".into(),
            role: None,
        },
    ]));
    store
        .update(ticket.id, &mut |t, _| {
            Ok(Transition {
                ticket: t.clone(),
                events: vec![told.clone()],
                notices: vec![],
            })
        })
        .unwrap();
    let until = parse_instant("2026-11-23T10:00:00Z").unwrap();
    let held = store.lease_notifications(at, until, 10, false).unwrap();
    assert_eq!(held.len(), 1);
    let record = |store: &mut Sqlite| {
        store
            .record_delivery(&held, at, &[], &mut |t, _, theirs| {
                let act = Act {
                    policy: &p,
                    actor: crate::automation::ACTOR,
                    now: at,
                };
                act.notified(t, theirs.iter().map(|n| n.sent()).collect())
                    .ok()
            })
            .unwrap()
            .len()
    };
    assert_eq!(record(&mut store), 1);
    assert_eq!(
        record(&mut store),
        0,
        "the second deliverer records nothing"
    );
    let (_, log) = store.ticket_with_events(ticket.id).unwrap();
    let notified = log
        .iter()
        .filter(|e| e.data.kind == EventKind::Notified)
        .count();
    assert_eq!(notified, 1);
    let n = &store.outbox(true).unwrap()[0];
    assert_eq!((n.status, n.attempts), (crate::outbox::Delivery::Sent, 1));
}
