use super::*;
use crate::clock::parse_instant;
use crate::event::EventData;

fn at(s: &str) -> crate::clock::Instant {
    parse_instant(s).unwrap()
}

fn ev(kind: EventKind, when: &str, who: &str) -> EventData {
    EventData::new(kind, at(when), who, 1)
}

fn ticket() -> Ticket {
    let p = Policy::embedded();
    let act = crate::lifecycle::Act {
        policy: &p,
        actor: "ann",
        now: at("2026-11-23T09:00:00Z"),
    };
    act.open(crate::lifecycle::NewTicket {
        title: "t".into(),
        description: String::new(),
        customer: "c".into(),
        email: None,
        tier: None,
        channel: crate::ticket::Channel::Email,
        category: "general".into(),
        priority: None,
        team: None,
        assignee: Some("ann".into()),
        tags: vec![],
    })
    .unwrap()
    .0
}

#[test]
fn transfers_count_team_changes_and_hand_offs_from_someone() {
    let p = Policy::embedded();
    let mut t = ticket();
    let mut esc = ev(EventKind::Escalated, "2026-11-23T10:00:00Z", "ann")
        .team("support", "finance")
        .assignee(Some("ann"), None);
    esc.escalation = Some(crate::event::EscalationKind::Functional);
    let log = vec![
        ev(EventKind::Opened, "2026-11-23T09:00:00Z", "ann").assignee(None, Some("ann")),
        esc,
        ev(EventKind::Assigned, "2026-11-23T11:00:00Z", "bob").assignee(None, Some("bob")),
        ev(EventKind::Assigned, "2026-11-23T12:00:00Z", "bob").assignee(Some("bob"), Some("cy")),
    ];
    t.team = "finance".into();
    let s = summarize(&p, &t, &log);
    // The escalation (team and away from ann) and bob → cy; not the pick-up by bob.
    assert_eq!(s.transfers, 2);
    assert_eq!((s.escalations, s.functional, s.hierarchical), (1, 1, 0));
    assert_eq!(s.handlers, ["ann", "bob", "cy"]);
    assert_eq!(s.escalated_by, ["ann"]);
}

#[test]
fn business_time_leaves_out_waiting_on_the_customer() {
    let p = Policy::embedded();
    let t = ticket();
    let log = vec![
        ev(EventKind::Opened, "2026-11-23T09:00:00Z", "ann"),
        ev(EventKind::Pending, "2026-11-23T10:00:00Z", "ann").status(Status::Open, Status::Pending),
        ev(EventKind::Resumed, "2026-11-23T12:00:00Z", "ann").status(Status::Pending, Status::Open),
        ev(EventKind::Responded, "2026-11-23T13:00:00Z", "ann"),
    ];
    let s = summarize(&p, &t, &log);
    assert_eq!(s.first_response_secs, Some(4 * 3600));
    assert_eq!(s.first_response_business_secs, Some(2 * 3600));
    assert_eq!(s.first_response, Some(Outcome::Met));
    assert_eq!(s.resolution, None, "not resolved yet");
}
