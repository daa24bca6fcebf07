use super::*;
use crate::clock::parse_instant;

fn at(s: &str) -> Instant {
    parse_instant(s).unwrap()
}

const T0: &str = "2026-11-23T09:00:00Z";
const T1: &str = "2026-11-23T10:00:00Z";

fn act<'a>(p: &'a Policy, who: &'a str, when: &str) -> Act<'a> {
    Act {
        policy: p,
        actor: who,
        now: at(when),
    }
}

fn new_ticket() -> NewTicket {
    NewTicket {
        title: "Refund not received".into(),
        description: String::new(),
        customer: "ACME".into(),
        email: None,
        tier: None,
        channel: Channel::Email,
        category: "financial".into(),
        priority: None,
        team: None,
        assignee: Some("ann".into()),
        tags: vec![],
    }
}

fn opened(p: &Policy) -> Ticket {
    let (mut t, _) = act(p, "ann", T0).open(new_ticket()).unwrap();
    t.id = 1;
    t
}

fn escalation(team: Option<&str>, level: LevelTarget) -> Escalation {
    Escalation {
        team: team.map(str::to_string),
        level,
        assignee: None,
        reason: "needs finance".into(),
    }
}

#[test]
fn open_takes_the_policy_defaults_and_the_teams_level() {
    let p = Policy::embedded();
    let (t, e) = act(&p, "ann", T0).open(new_ticket()).unwrap();
    assert_eq!(
        (t.priority.as_str(), t.team.as_str(), t.level.as_str()),
        ("normal", "support", "L0")
    );
    assert_eq!(t.tier, "standard");
    assert_eq!(e.kind, EventKind::Opened);
    assert_eq!(e.level.unwrap().to.as_deref(), Some("L0"));

    let mut n = new_ticket();
    n.team = Some("technical".into());
    let (t, _) = act(&p, "ann", T0).open(n).unwrap();
    assert_eq!(t.level, "L1", "the technical team works at L1");
}

#[test]
fn open_refuses_names_the_policy_does_not_define() {
    let p = Policy::embedded();
    for (field, value) in [
        ("category", "weather"),
        ("priority", "p0"),
        ("team", "nobody"),
        ("tier", "platinum"),
    ] {
        let mut n = new_ticket();
        match field {
            "category" => n.category = value.into(),
            "priority" => n.priority = Some(value.into()),
            "team" => n.team = Some(value.into()),
            _ => n.tier = Some(value.into()),
        }
        let e = act(&p, "ann", T0).open(n).unwrap_err();
        assert!(
            e.to_string().contains(&format!("`{value}`")),
            "{field}: {e}"
        );
        assert_eq!(e.exit_code(), crate::error::ExitCode::Usage);
    }
}

#[test]
fn functional_escalation_changes_the_team_and_hands_off() {
    let p = Policy::embedded();
    let t = opened(&p);
    let tr = act(&p, "ann", T1)
        .escalate(&t, &escalation(Some("finance"), LevelTarget::Keep))
        .unwrap();
    assert_eq!(tr.ticket.team, "finance");
    assert_eq!(tr.ticket.level, "L0");
    assert_eq!(tr.ticket.assignee, None, "handed off to the team");
    let e = &tr.events[0];
    assert_eq!(e.escalation, Some(EscalationKind::Functional));
    assert_eq!(e.reason.as_deref(), Some("needs finance"));
    assert_eq!(e.assignee.as_ref().unwrap().from.as_deref(), Some("ann"));
    assert_eq!(
        tr.ticket.level_since, t.level_since,
        "the level did not change"
    );
}

#[test]
fn hierarchical_escalation_climbs_one_rung_or_to_a_named_level() {
    let p = Policy::embedded();
    let t = opened(&p);
    let up = act(&p, "ann", T1)
        .escalate(&t, &escalation(None, LevelTarget::Up))
        .unwrap();
    assert_eq!(up.ticket.level, "L1");
    assert_eq!(up.ticket.level_since, at(T1));
    assert_eq!(up.events[0].escalation, Some(EscalationKind::Hierarchical));

    let to = act(&p, "ann", T1)
        .escalate(&t, &escalation(None, LevelTarget::To("L2".into())))
        .unwrap();
    assert_eq!(to.ticket.level, "L2");
}

#[test]
fn a_team_at_a_higher_level_raises_the_ticket_and_counts_as_both() {
    let p = Policy::embedded();
    let t = opened(&p);
    let tr = act(&p, "ann", T1)
        .escalate(&t, &escalation(Some("escalations"), LevelTarget::Keep))
        .unwrap();
    assert_eq!(
        (tr.ticket.team.as_str(), tr.ticket.level.as_str()),
        ("escalations", "L2")
    );
    assert_eq!(tr.events[0].escalation, Some(EscalationKind::Both));
}

#[test]
fn escalation_refusals_say_why() {
    let p = Policy::embedded();
    let mut top = opened(&p);
    top.level = "L3".into();
    let e = act(&p, "ann", T1)
        .escalate(&top, &escalation(None, LevelTarget::Up))
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("already at the top level, L3 (Director)"),
        "{e}"
    );
    assert_eq!(e.exit_code(), crate::error::ExitCode::Refused);

    let t = opened(&p);
    let e = act(&p, "ann", T1)
        .escalate(&t, &escalation(None, LevelTarget::To("L0".into())))
        .unwrap_err();
    assert!(e.to_string().contains("escalation goes up"), "{e}");
    let e = act(&p, "ann", T1)
        .escalate(&t, &escalation(None, LevelTarget::To("L7".into())))
        .unwrap_err();
    assert!(e.to_string().contains("unknown level `L7`"), "{e}");
    let e = act(&p, "ann", T1)
        .escalate(&t, &escalation(Some("moon"), LevelTarget::Keep))
        .unwrap_err();
    assert!(e.to_string().contains("unknown team `moon`"), "{e}");
    let e = act(&p, "ann", T1)
        .escalate(&t, &escalation(Some("support"), LevelTarget::Keep))
        .unwrap_err();
    assert!(e.to_string().contains("already with team support"), "{e}");
    let e = act(&p, "ann", T1)
        .escalate(&t, &escalation(None, LevelTarget::Keep))
        .unwrap_err();
    assert!(e.to_string().contains("nothing to escalate"), "{e}");
    let mut blank = escalation(None, LevelTarget::Up);
    blank.reason = "  ".into();
    let e = act(&p, "ann", T1).escalate(&t, &blank).unwrap_err();
    assert!(
        e.to_string().contains("the reason must not be empty"),
        "{e}"
    );

    let mut done = opened(&p);
    done.status = Status::Resolved;
    let e = act(&p, "ann", T1)
        .escalate(&done, &escalation(None, LevelTarget::Up))
        .unwrap_err();
    assert!(e.to_string().contains("is resolved"), "{e}");
    assert!(e.hint().unwrap().to_string().contains("reopening #1"));
}

#[test]
fn time_must_run_forward_on_a_ticket() {
    let p = Policy::embedded();
    let t = opened(&p);
    let e = act(&p, "ann", "2026-11-23T08:00:00Z")
        .note(&t, "hi")
        .unwrap_err();
    assert!(
        e.to_string().contains("before ticket #1's last change"),
        "{e}"
    );
}

#[test]
fn first_response_is_kept_and_later_ones_only_move_the_last() {
    let p = Policy::embedded();
    let t = opened(&p);
    let a = act(&p, "ann", T1).respond(&t, Some("on it")).unwrap();
    assert_eq!(a.ticket.first_response_at, Some(at(T1)));
    assert_eq!(a.events[0].detail, Some(Detail::FirstResponse));
    let b = act(&p, "ann", "2026-11-23T11:00:00Z")
        .respond(&a.ticket, None)
        .unwrap();
    assert_eq!(b.ticket.first_response_at, Some(at(T1)));
    assert_eq!(b.ticket.last_response_at, Some(at("2026-11-23T11:00:00Z")));
    assert_eq!(b.events[0].detail, None);
}

#[test]
fn a_contact_counts_and_ends_a_wait_on_the_customer() {
    let p = Policy::embedded();
    let t = opened(&p);
    let pending = act(&p, "ann", T1)
        .pending(&t, Some("asked for logs"))
        .unwrap()
        .ticket;
    assert_eq!(pending.pending_since, Some(at(T1)));
    let c = act(&p, "ann", "2026-11-23T12:00:00Z")
        .contact(&pending, None)
        .unwrap();
    assert_eq!(c.ticket.contact_attempts, 1);
    assert_eq!(c.ticket.status, Status::Open);
    assert_eq!(c.ticket.pending_since, None);
    assert_eq!(c.events[0].status.as_ref().unwrap().to, Some(Status::Open));
    assert_eq!(c.events[0].detail, Some(Detail::Attempt(1)));
}

#[test]
fn pending_and_resume_only_from_the_right_state() {
    let p = Policy::embedded();
    let t = opened(&p);
    assert!(
        act(&p, "ann", T1)
            .resume(&t, None)
            .unwrap_err()
            .to_string()
            .contains("not pending")
    );
    let pending = act(&p, "ann", T1).pending(&t, None).unwrap().ticket;
    assert!(act(&p, "ann", T1).pending(&pending, None).is_err());
    let back = act(&p, "ann", T1).resume(&pending, None).unwrap().ticket;
    assert_eq!(back.status, Status::Open);
}

#[test]
fn resolution_below_the_signoff_level_resolves_at_once() {
    let p = Policy::embedded();
    let t = opened(&p);
    let tr = act(&p, "ann", T1)
        .resolve(&t, "refunded", "process")
        .unwrap();
    assert_eq!(tr.ticket.status, Status::Resolved);
    assert_eq!(tr.ticket.resolved_at, Some(at(T1)));
    assert_eq!(tr.events[0].kind, EventKind::Resolved);
    let e = act(&p, "ann", T1)
        .resolve(&tr.ticket, "again", "process")
        .unwrap_err();
    assert!(e.to_string().contains("already resolved"));
    let e = act(&p, "ann", T1)
        .resolve(&t, "refunded", "gremlins")
        .unwrap_err();
    assert!(
        e.to_string().contains("unknown root cause `gremlins`"),
        "{e}"
    );
}

#[test]
fn resolution_at_l2_waits_for_an_allowed_signer() {
    let p = Policy::embedded();
    let mut t = opened(&p);
    t.level = "L2".into();
    let proposed = act(&p, "ann", T1)
        .resolve(&t, "goodwill refund", "process")
        .unwrap()
        .ticket;
    assert_eq!(proposed.status, Status::AwaitingSignoff);
    assert_eq!(proposed.resolved_at, None);

    let e = act(&p, "ann", T1).signoff(&proposed, None).unwrap_err();
    assert!(
        e.to_string()
            .contains("ann may not sign off resolutions at L2 (Supervisor); allowed: dana, lee"),
        "{e}"
    );
    let signed = act(&p, "dana", T1).signoff(&proposed, None).unwrap();
    assert_eq!(signed.ticket.status, Status::Resolved);
    assert_eq!(signed.events[0].kind, EventKind::SignedOff);

    let rejected = act(&p, "lee", T1)
        .signoff(&proposed, Some("offer a voucher instead"))
        .unwrap();
    assert_eq!(rejected.ticket.status, Status::Open);
    assert_eq!(rejected.ticket.resolution, None);

    let mut l3 = proposed.clone();
    l3.level = "L3".into();
    assert!(
        act(&p, "dana", T1).signoff(&l3, None).is_err(),
        "only the director signs at L3"
    );
    assert!(
        act(&p, "dana", T1)
            .signoff(&t, None)
            .unwrap_err()
            .to_string()
            .contains("only a resolution awaiting sign-off")
    );
}

#[test]
fn reopen_starts_the_next_cycle() {
    let p = Policy::embedded();
    let t = opened(&p);
    let done = act(&p, "ann", T1)
        .resolve(&t, "fixed", "product-bug")
        .unwrap()
        .ticket;
    let again = act(&p, "ann", "2026-11-24T09:00:00Z")
        .reopen(&done, Some("still broken"))
        .unwrap();
    assert_eq!(again.ticket.cycle, 2);
    assert_eq!(again.ticket.status, Status::Open);
    assert_eq!(again.ticket.resolution, None);
    assert_eq!(again.events[0].cycle, 2);
    assert!(
        act(&p, "ann", T1)
            .reopen(&t, None)
            .unwrap_err()
            .to_string()
            .contains("not resolved")
    );
}

#[test]
fn csat_must_be_on_the_scale() {
    let p = Policy::embedded();
    let t = opened(&p);
    assert_eq!(
        act(&p, "ann", T1).rate(&t, 2, None).unwrap().ticket.csat,
        Some(2)
    );
    assert!(act(&p, "ann", T1).rate(&t, 0, None).is_err());
    assert!(act(&p, "ann", T1).rate(&t, 6, None).is_err());
}

#[test]
fn tags_are_added_and_removed_once() {
    let p = Policy::embedded();
    let t = opened(&p);
    let tr = act(&p, "ann", T1)
        .tag(&t, &["vip".into(), "vip".into()], &[])
        .unwrap();
    assert_eq!(tr.ticket.tags, vec!["vip"]);
    assert_eq!(
        tr.events[0].detail,
        Some(Detail::Tags {
            added: vec!["vip".into()],
            removed: vec![]
        })
    );
    assert!(
        act(&p, "ann", T1)
            .tag(&tr.ticket, &["vip".into()], &[])
            .is_err()
    );
    let off = act(&p, "ann", T1)
        .tag(&tr.ticket, &[], &["vip".into()])
        .unwrap();
    assert!(off.ticket.tags.is_empty());
}

#[test]
fn assign_refuses_a_no_op() {
    let p = Policy::embedded();
    let t = opened(&p);
    assert!(
        act(&p, "ann", T1)
            .assign(&t, Some("ann"))
            .unwrap_err()
            .to_string()
            .contains("already assigned to ann")
    );
    let tr = act(&p, "ann", T1).assign(&t, Some("bob")).unwrap();
    assert_eq!(tr.ticket.assignee.as_deref(), Some("bob"));
}

fn down(level: Option<&str>) -> Deescalation {
    Deescalation {
        level: level.map(str::to_string),
        team: None,
        assignee: None,
        reason: "a known issue after all".into(),
    }
}

#[test]
fn deescalation_goes_down_with_its_reason_and_hands_the_ticket_back() {
    let p = Policy::embedded();
    let mut t = opened(&p);
    t.level = "L1".into();
    let Transition {
        ticket: n,
        events: e,
        ..
    } = act(&p, "ann", T1).deescalate(&t, &down(None)).unwrap();
    assert_eq!((n.level.as_str(), n.assignee.as_deref()), ("L0", None));
    assert_eq!(n.level_since, at(T1));
    assert_eq!(e[0].kind, EventKind::Deescalated);
    assert_eq!(e[0].escalation, None, "not counted as an escalation");
    assert_eq!(e[0].reason.as_deref(), Some("a known issue after all"));
    let level = e[0].level.as_ref().unwrap();
    assert_eq!(
        (level.from.as_deref(), level.to.as_deref()),
        (Some("L1"), Some("L0"))
    );
    let stats = crate::stats::summarize(&p, &n, &e);
    assert_eq!(stats.escalations, 0);
}

#[test]
fn deescalation_refusals_say_why() {
    let p = Policy::embedded();
    let t = opened(&p);
    let e = act(&p, "ann", T1).deescalate(&t, &down(None)).unwrap_err();
    assert!(
        e.to_string().contains("at the lowest level, L0 (Agent)"),
        "{e}"
    );
    let mut l1 = opened(&p);
    l1.level = "L1".into();
    let e = act(&p, "ann", T1)
        .deescalate(&l1, &down(Some("L2")))
        .unwrap_err();
    assert!(e.to_string().contains("de-escalation goes down"), "{e}");
    assert_eq!(e.exit_code(), crate::error::ExitCode::Refused);
    // L2's resolutions need dana's or lee's sign-off: going down is theirs.
    let mut l2 = opened(&p);
    l2.level = "L2".into();
    let e = act(&p, "ann", T1).deescalate(&l2, &down(None)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "ann may not take ticket #1 down from L2 (Supervisor): its resolutions need sign-off by dana or lee, who decide whether it goes down"
    );
    let done = act(&p, "dana", T1)
        .deescalate(&l2, &down(Some("L0")))
        .unwrap();
    assert_eq!(done.ticket.level, "L0");
    l2.status = Status::Resolved;
    let e = act(&p, "dana", T1)
        .deescalate(&l2, &down(None))
        .unwrap_err();
    assert!(e.to_string().contains("is resolved"), "{e}");
}

#[test]
fn a_ticket_that_was_given_its_first_tags_by_an_edit_had_none_before() {
    // A VIP rule above the default: the edit that tags the ticket hands it
    // to that rule from then on, not from the start.
    let text = crate::policy::DEFAULT_POLICY.replacen(
        "[[sla]]\nid = \"urgent\"",
        "[[sla]]\nid = \"vip-first\"\nmatch = { tags = [\"vip\"] }\nfirst_response = \"30m\"\nresolution = \"4h\"\n\n[[sla]]\nid = \"urgent\"",
        1,
    );
    let p = Policy::parse(&text, "test").unwrap();
    let (t, opened) = act(&p, "ann", T0).open(new_ticket()).unwrap();
    let tagged = act(&p, "ann", T1)
        .edit(
            &t,
            &Correction {
                add_tags: vec!["vip".into()],
                reason: Some("a key account".into()),
                ..Correction::default()
            },
        )
        .unwrap();
    let log: Vec<EventData> = std::iter::once(opened).chain(tagged.events).collect();
    let rules: Vec<(Instant, Option<&str>)> = crate::sla::stretches(&p, &tagged.ticket, &log)
        .iter()
        .map(|s| (s.from, s.rule.map(|r| r.id.as_str())))
        .collect();
    assert_eq!(
        rules,
        [(at(T0), Some("standard")), (at(T1), Some("vip-first"))]
    );
}

/// A ticket opened at `when` as #`id` for `email`, with its log.
fn opened_for(p: &Policy, id: i64, when: &str, email: &str) -> (Ticket, Vec<EventData>) {
    let (mut t, e) = act(p, "ann", when)
        .open(NewTicket {
            email: Some(email.into()),
            ..new_ticket()
        })
        .unwrap();
    t.id = id;
    (t, vec![e])
}

#[test]
fn a_merge_brings_the_wait_only_of_a_customer_nobody_answered() {
    let p = Policy::embedded();
    let (old, old_log) = opened_for(&p, 1, T0, "bo@example.com");
    let (new, new_log) = opened_for(&p, 2, T1, "al@example.com");
    let now = "2026-11-23T10:30:00Z";
    let (away, joined) = act(&p, "dana", now)
        .merge((&old, &old_log), (&new, &new_log), Some("same"))
        .unwrap();
    assert_eq!(away.ticket.status, Status::Merged);
    assert_eq!(away.ticket.merged_into, Some(2));
    assert_eq!(joined.ticket.cc, ["bo@example.com"]);
    let Some(Detail::Merge(m)) = &joined.events[0].detail else {
        panic!("{:?}", joined.events);
    };
    assert_eq!(m.waiting_since, Some(at(T0)));
    // Bo had an answer: the wait is #2's own.
    let answered = act(&p, "ann", "2026-11-23T09:30:00Z")
        .respond(&old, Some("on it"))
        .unwrap();
    let mut answered_log = old_log.clone();
    answered_log.extend(answered.events);
    let (_, joined) = act(&p, "dana", now)
        .merge((&answered.ticket, &answered_log), (&new, &new_log), None)
        .unwrap();
    let Some(Detail::Merge(m)) = &joined.events[0].detail else {
        panic!("{:?}", joined.events);
    };
    assert_eq!(m.waiting_since, None);
    // A newer ticket merged into an older one brings no earlier wait, and
    // the same customer is no copy of herself.
    let (same, same_log) = opened_for(&p, 3, T1, "BO@example.com");
    let (_, joined) = act(&p, "dana", now)
        .merge((&same, &same_log), (&old, &old_log), None)
        .unwrap();
    assert!(joined.ticket.cc.is_empty(), "{:?}", joined.ticket.cc);
    assert_eq!(
        joined.events.len(),
        1,
        "no edit of copies: {:?}",
        joined.events
    );
    let Some(Detail::Merge(m)) = &joined.events[0].detail else {
        panic!();
    };
    assert_eq!(m.waiting_since, None);
}
