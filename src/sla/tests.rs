use super::*;
use crate::clock::parse_instant;

fn at(s: &str) -> Instant {
    parse_instant(s).unwrap()
}

fn h(n: i64) -> i64 {
    n * 3600
}

#[test]
fn a_pause_pushes_the_due_time_by_its_length() {
    let cal = Calendar::always();
    let start = at("2026-11-23T09:00:00Z");
    let no_pause = due_after(&cal, start, h(4), &[]);
    assert_eq!(no_pause, DueAt::At(at("2026-11-23T13:00:00Z")));
    let paused = [(at("2026-11-23T10:00:00Z"), Some(at("2026-11-23T12:30:00Z")))];
    assert_eq!(
        due_after(&cal, start, h(4), &paused),
        DueAt::At(at("2026-11-23T15:30:00Z"))
    );
    let still_paused = [(at("2026-11-23T10:00:00Z"), None)];
    assert_eq!(due_after(&cal, start, h(4), &still_paused), DueAt::Paused);
    // A pause after the clock ran out does not move it.
    let late = [(at("2026-11-23T14:00:00Z"), None)];
    assert_eq!(
        due_after(&cal, start, h(4), &late),
        DueAt::At(at("2026-11-23T13:00:00Z"))
    );
}

#[test]
fn facts_read_cycles_pauses_and_replies_from_the_log() {
    use crate::event::EventData;
    let t0 = at("2026-11-23T09:00:00Z");
    let e = |kind, time: &str, cycle| EventData::new(kind, at(time), "ann", cycle);
    let log = vec![
        e(EventKind::Opened, "2026-11-23T09:00:00Z", 1),
        e(EventKind::Pending, "2026-11-23T10:00:00Z", 1).status(Status::Open, Status::Pending),
        e(EventKind::Contacted, "2026-11-23T11:00:00Z", 1).status(Status::Pending, Status::Open),
        e(EventKind::Responded, "2026-11-23T12:00:00Z", 1),
        e(EventKind::Resolved, "2026-11-23T13:00:00Z", 1).status(Status::Open, Status::Resolved),
        e(EventKind::Reopened, "2026-11-24T09:00:00Z", 2).status(Status::Resolved, Status::Open),
    ];
    let f = Facts::from_log(&log);
    assert_eq!(f.cycle, 2);
    assert_eq!(f.cycle_starts, vec![t0, at("2026-11-24T09:00:00Z")]);
    assert_eq!(
        f.pauses,
        vec![(at("2026-11-23T10:00:00Z"), Some(at("2026-11-23T11:00:00Z")))]
    );
    assert_eq!(
        f.resolved,
        vec![(at("2026-11-23T13:00:00Z"), Some(at("2026-11-24T09:00:00Z")))]
    );
    assert_eq!(f.resolved_at(), None, "cycle 2 is not resolved");
    assert_eq!(f.cycle_responses().count(), 0, "the reply was in cycle 1");
}

#[test]
fn next_response_clocks_start_at_the_first_unanswered_contact() {
    let mut f = Facts {
        cycle: 1,
        cycle_starts: vec![at("2026-11-23T08:00:00Z")],
        ..Default::default()
    };
    f.responses = vec![at("2026-11-23T09:00:00Z"), at("2026-11-23T12:00:00Z")];
    f.contacts = vec![
        at("2026-11-23T08:30:00Z"), // before the first reply: first-response territory
        at("2026-11-23T10:00:00Z"), // starts a clock
        at("2026-11-23T11:00:00Z"), // same wait
        at("2026-11-23T13:00:00Z"), // starts another, still open
    ];
    assert_eq!(
        next_response_spans(&f),
        vec![
            (at("2026-11-23T10:00:00Z"), Some(at("2026-11-23T12:00:00Z"))),
            (at("2026-11-23T13:00:00Z"), None),
        ]
    );
}
