//! The store's contract, written once and run on every engine: what a
//! command may rely on whichever database holds the queue. Each test gets
//! an empty queue of its own, on a SQLite file and on the PostgreSQL
//! cluster `scripts/test` starts (`ESC_TEST_PG`).

use esc::automation::Engine;
use esc::clock::{Instant, parse_instant};
use esc::inbound::Filed;
use esc::lifecycle::{Act, NewTicket};
use esc::policy::{DEFAULT_POLICY, Policy};
use esc::store::mail::{ExportedMail, Loose, NewMail, Undeliverable};
use esc::store::txn::within;
use esc::store::{Applying, Considered, End, Location, Rerun, Restored, Store};
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
    location: Location,
    dir: tempfile::TempDir,
    databases: Vec<Database>,
}

/// A new place for a queue on `kind`'s engine, named `name`.
fn place(kind: &Kind, dir: &std::path::Path, name: &str) -> (Location, Option<Database>) {
    match kind {
        Kind::Sqlite => (Location::file(&dir.join(format!("{name}.db"))), None),
        Kind::Postgres => {
            let db = Database::create(dir, &format!("_{name}"));
            (Location::Postgres(database_url(&db.name)), Some(db))
        }
    }
}

fn fresh(kind: &Kind) -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let (location, database) = place(kind, dir.path(), "store");
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
        location,
        dir,
        databases: database.into_iter().collect(),
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
    // A new version gives her a way: in the same transaction as the
    // version, her notifications are due at once, the wait forgotten.
    let at_once = at("2026-11-23T17:10:00Z");
    let text = format!("{DEFAULT_POLICY}\n[people.dana]\nmailbox = \"dana.mbox\"\n");
    let applied = q
        .store
        .apply_policy(&text, &esc::policy::digest_of(&text), "lee", at_once, None)
        .unwrap();
    assert!(matches!(applied, Applying::Applied(ref v) if v.version == 2));
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

fn work_that_fails_undoes_its_whole_transaction(kind: &Kind) {
    let mut q = fresh(kind);
    let id = open(&mut q, "2026-11-23T09:00:00Z", "Card charged twice");
    let (ticket, _) = q.store.ticket_with_events(id).unwrap();
    let outcome = q
        .store
        .transaction(Rerun::OnConflict, End::Commit, &mut |tx| {
            tx.insert_ticket(None, &ticket)?;
            tx.erase_personal_data(id, at("2026-11-23T10:00:00Z"))?;
            anyhow::bail!("the work's own error")
        });
    assert_eq!(outcome.unwrap_err().to_string(), "the work's own error");
    let (after, _) = q.store.ticket_with_events(id).unwrap();
    assert_eq!(after.customer, "Maria Lopez", "nothing erased");
    let all = q.store.ticket_ids(&Default::default()).unwrap();
    assert_eq!(all, [id], "nothing inserted");
}

fn a_dry_run_decides_everything_and_keeps_nothing(kind: &Kind) {
    let mut q = fresh(kind);
    let id = open(&mut q, "2026-11-23T09:00:00Z", "no reply");
    let now = at("2026-11-23T16:00:00Z");
    let engine = Engine::new(&q.policy, now);
    let ids = q.store.due_tickets(now, &q.policy.digest[..16]).unwrap();
    let mut settle = |t: &esc::ticket::Ticket, log: &[esc::event::Event]| {
        let mut log = esc::event::history(log);
        let (ticket, events) = engine.settle(t.clone(), &mut log);
        Considered::Settled(Some(Box::new(engine.transition(ticket, events))))
    };
    let would = q.store.update_each(&ids, false, &mut settle).unwrap();
    let decided: usize = would.iter().map(|a| a.events.len()).sum();
    assert!(decided >= 2, "warnings, a breach and steps: {would:?}");
    let (_, log) = q.store.ticket_with_events(id).unwrap();
    assert_eq!(log.len(), 1, "only `opened` is kept: {log:?}");
    assert!(q.store.outbox(true).unwrap().is_empty());
    // The same work kept writes what the dry run said.
    let kept = q.store.update_each(&ids, true, &mut settle).unwrap();
    let written: usize = kept.iter().map(|a| a.events.len()).sum();
    assert_eq!(written, decided);
}

fn a_delivery_is_recorded_once_with_its_ticket(kind: &Kind) {
    let mut q = fresh(kind);
    let id = open(&mut q, "2026-11-23T09:00:00Z", "no reply");
    tick(&mut q, "2026-11-23T16:00:00Z");
    let now = at("2026-11-23T16:00:00Z");
    let held = q
        .store
        .lease_notifications(now, at("2026-11-23T16:10:00Z"), 10, false)
        .unwrap();
    assert_eq!(held.len(), 2);
    let mut noted = Vec::new();
    let mut note = |t: &esc::ticket::Ticket,
                    _: &[esc::event::Event],
                    theirs: &[&esc::outbox::Notification]| {
        noted.push((t.id, theirs.len()));
        None
    };
    let sent_at = at("2026-11-23T16:01:00Z");
    q.store
        .record_delivery(&held, sent_at, &[], &mut note)
        .unwrap();
    // A second deliverer that overran its lease records nothing again.
    q.store
        .record_delivery(&held, sent_at, &[], &mut note)
        .unwrap();
    assert_eq!(noted, [(id, 2)], "noted once, both on the one ticket");
    let sent = q.store.outbox(true).unwrap();
    assert!(
        sent.iter()
            .all(|n| n.status == esc::outbox::Delivery::Sent && n.sent_at == Some(sent_at)),
        "{sent:?}"
    );
}

fn a_restore_keeps_ids_in_an_empty_queue_and_numbers_anew_in_a_full_one(kind: &Kind) {
    let mut q = fresh(kind);
    let first = open(&mut q, "2026-11-23T09:00:00Z", "Card charged twice");
    let second = open(&mut q, "2026-11-23T09:05:00Z", "Where is my parcel?");
    tick(&mut q, "2026-11-23T16:00:00Z");
    // The customer's message that opened the first, and mail on no
    // ticket, bytes and all; an address that bounced.
    let message = |id: &str, event: Option<i64>| ExportedMail {
        message_id: id.into(),
        event,
        at: at("2026-11-23T09:00:00Z"),
        sender: "maria@example.com".into(),
        cc: vec!["tom@example.com".into()],
        subject: "Card charged twice".into(),
        filed: "opened".into(),
        note: None,
        raw: Some("RnJvbTogbWFyaWFAZXhhbXBsZS5jb20NCg0KaGk=".into()),
    };
    let exported: Vec<Restored> = [first, second]
        .iter()
        .map(|&id| {
            let (ticket, events) = q.store.ticket_with_events(id).unwrap();
            let mail = if id == first {
                vec![message("first@mail.example.com", Some(events[0].id))]
            } else {
                Vec::new()
            };
            Restored {
                notifications: q.store.notifications_of(id).unwrap(),
                ticket,
                events,
                mail,
            }
        })
        .collect();
    let loose = Loose {
        mail: vec![ExportedMail {
            filed: "unreadable".into(),
            ..message("loose@derived.esc.invalid", None)
        }],
        undeliverable: vec![Undeliverable {
            address: "gone@example.com".into(),
            since: at("2026-11-23T10:00:00Z"),
            reason: "550 no such user".into(),
        }],
        occurrences: vec![esc::recurrence::Occurrence {
            schedule: "matrix-review".into(),
            occurrence: "2026-11-02".into(),
            ticket: Some(first),
            at: at("2026-11-02T09:00:00Z"),
        }],
    };
    let policies = q.store.policy_versions().unwrap();
    let restore = |store: &mut Box<dyn Store>| {
        let mut tickets = exported.iter().cloned().map(Ok);
        store
            .restore(&policies, &loose, &mut tickets, &mut |r: &Restored| {
                Ok((r.ticket.clone(), Vec::new()))
            })
            .unwrap()
    };
    let (location, database) = place(kind, q.dir.path(), "copy");
    q.databases.extend(database);
    let mut copy = esc::store::open(&location).unwrap();
    let done = restore(&mut copy);
    assert_eq!((done.tickets, done.renumbered.len()), (2, 0));
    for id in [first, second] {
        let (a, log_a) = q.store.ticket_with_events(id).unwrap();
        let (b, log_b) = copy.ticket_with_events(id).unwrap();
        assert_eq!((a.title, a.stats), (b.title, b.stats));
        let ids = |log: &[esc::event::Event]| log.iter().map(|e| e.id).collect::<Vec<_>>();
        assert_eq!(ids(&log_a), ids(&log_b), "events keep their ids");
    }
    assert_eq!(
        copy.outbox(true).unwrap().len(),
        q.store.outbox(true).unwrap().len()
    );
    // The mail came along, on its ticket and event, bytes and all.
    let kept = copy.mail_of(Some(first)).unwrap();
    assert_eq!(kept.len(), 1);
    let (_, log) = copy.ticket_with_events(first).unwrap();
    assert_eq!(
        (
            kept[0].message_id.as_str(),
            kept[0].event,
            kept[0].cc.clone()
        ),
        (
            "first@mail.example.com",
            Some(log[0].id),
            vec!["tom@example.com".to_string()]
        )
    );
    assert_eq!(
        copy.raw_mail(kept[0].id).unwrap().unwrap(),
        b"From: maria@example.com\r\n\r\nhi"
    );
    let unfiled = copy.mail_of(None).unwrap();
    assert_eq!((unfiled.len(), unfiled[0].filed), (1, Filed::Unreadable));
    assert_eq!(copy.undeliverables().unwrap(), loose.undeliverable);
    assert_eq!(copy.occurrences().unwrap(), loose.occurrences);
    // New rows are numbered past the kept ones.
    let mut copied = Fresh {
        store: copy,
        policy: Policy::embedded(),
        location,
        dir: tempfile::tempdir().unwrap(),
        databases: Vec::new(),
    };
    let next = open(&mut copied, "2026-11-23T17:00:00Z", "after the restore");
    assert_eq!(next, second + 1);
    // Into a queue with tickets, everything is numbered anew.
    let again = restore(&mut copied.store);
    assert_eq!(
        again.renumbered,
        [(first, next + 1), (second, next + 2)],
        "{again:?}"
    );
    // Mail kept already is not kept twice; the queue's own ledger stands.
    assert_eq!(copied.store.mail_of(None).unwrap().len(), 1);
    assert_eq!(copied.store.occurrences().unwrap(), loose.occurrences);
    assert!(copied.store.mail_of(Some(next + 1)).unwrap().is_empty());
}

fn a_queue_from_a_newer_esc_is_refused_and_left_alone(kind: &Kind) {
    let q = fresh(kind);
    let newer: i64 = 999;
    match &q.location {
        Location::Sqlite(path) => rusqlite::Connection::open(path)
            .unwrap()
            .pragma_update(None, "user_version", newer)
            .unwrap(),
        Location::Postgres(url) => {
            ::postgres::Client::connect(url, ::postgres::NoTls)
                .unwrap()
                .execute("UPDATE esc_schema SET version = $1", &[&newer])
                .unwrap();
        }
    }
    let refused = esc::store::open_existing(&q.location).err().unwrap();
    let said = format!("{refused:#}");
    assert!(said.contains("999"), "names the schema it found: {said}");
    let refused = esc::store::open(&q.location).err().unwrap();
    assert!(format!("{refused:#}").contains("999"));
}

fn mail_is_kept_once_found_by_its_id_and_erased_with_its_ticket(kind: &Kind) {
    let mut q = fresh(kind);
    let id = open(&mut q, "2026-11-23T09:00:00Z", "Refund");
    let raw = b"From: Maria Lopez <maria@example.com>\r\nSubject: Refund\r\n\r\nWhere is it?\r\n";
    let mail = |message_id: &str, ticket: Option<TicketId>| NewMail {
        message_id: message_id.into(),
        ticket,
        event: None,
        at: at("2026-11-23T09:30:00Z"),
        sender: "maria@example.com".into(),
        cc: vec!["ops@example.com".into()],
        subject: "Refund".into(),
        filed: Filed::Joined,
        note: None,
        raw: Some(raw.to_vec()),
    };
    let kept = within(&mut *q.store, Rerun::OnConflict, |tx| {
        tx.keep_mail(&mail("m1@example.com", Some(id)))?;
        tx.keep_mail(&mail("m2@example.com", None))
    })
    .unwrap();
    assert!(kept > 0);
    // The same Message-ID twice is refused, and the work with it undone.
    let twice = within(&mut *q.store, Rerun::Never, |tx| {
        tx.keep_mail(&mail("m3@example.com", Some(id)))?;
        tx.keep_mail(&mail("m1@example.com", Some(id)))
    });
    assert!(twice.is_err());
    let found = within(&mut *q.store, Rerun::OnConflict, |tx| {
        Ok((
            tx.mail("m3@example.com")?,
            tx.ticket_of_mail(&[
                "elsewhere@x".into(),
                "m2@example.com".into(),
                "m1@example.com".into(),
            ])?,
            tx.mail_addresses(id)?,
        ))
    })
    .unwrap();
    assert_eq!(found.0, None, "undone with the failed work");
    assert_eq!(found.1, Some(id), "m2 is on no ticket; m1 is on #{id}");
    assert_eq!(found.2, ["maria@example.com", "ops@example.com"]);
    let on_ticket = q.store.mail_of(Some(id)).unwrap();
    assert_eq!(on_ticket.len(), 1);
    assert_eq!(
        (
            on_ticket[0].message_id.as_str(),
            on_ticket[0].size,
            on_ticket[0].filed
        ),
        ("m1@example.com", raw.len(), Filed::Joined)
    );
    let unfiled = q.store.mail_of(None).unwrap();
    assert_eq!(unfiled.len(), 1);
    assert_eq!(unfiled[0].message_id, "m2@example.com");
    assert_eq!(
        q.store.raw_mail(on_ticket[0].id).unwrap().as_deref(),
        Some(&raw[..])
    );
    // An address that bounced is marked, marked again later, and cleared.
    for (when, why) in [
        ("2026-11-23T10:00:00Z", "550 user unknown"),
        ("2026-11-23T11:00:00Z", "550 gone"),
    ] {
        within(&mut *q.store, Rerun::OnConflict, |tx| {
            tx.mark_address("maria@example.com", Some((at(when), why)))
        })
        .unwrap();
    }
    let marked = q.store.undeliverable("maria@example.com").unwrap().unwrap();
    assert_eq!(
        (marked.since, marked.reason.as_str()),
        (at("2026-11-23T11:00:00Z"), "550 gone")
    );
    within(&mut *q.store, Rerun::OnConflict, |tx| {
        tx.mark_address("maria@example.com", None)
    })
    .unwrap();
    assert_eq!(q.store.undeliverable("maria@example.com").unwrap(), None);
    q.store
        .redact(&[id], at("2026-11-23T17:00:00Z"), "dana", None)
        .unwrap();
    let erased = &q.store.mail_of(Some(id)).unwrap()[0];
    assert_eq!(q.store.raw_mail(erased.id).unwrap(), None);
    assert_eq!(
        (
            erased.sender.as_str(),
            erased.subject.as_str(),
            erased.cc.len(),
            erased.size
        ),
        ("[redacted]", "[redacted]", 0, 0)
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
    work_that_fails_undoes_its_whole_transaction,
    a_dry_run_decides_everything_and_keeps_nothing,
    a_delivery_is_recorded_once_with_its_ticket,
    a_restore_keeps_ids_in_an_empty_queue_and_numbers_anew_in_a_full_one,
    a_queue_from_a_newer_esc_is_refused_and_left_alone,
    mail_is_kept_once_found_by_its_id_and_erased_with_its_ticket,
);
