//! The replay on in-memory queues: a week of mixed activity under two
//! policy versions gives back every ticket's log; a candidate equal to the
//! policy changes nothing; a tighter one changes what hand arithmetic says;
//! what a candidate cannot express is refused with the reason.

use super::*;
use crate::clock::parse_instant;
use crate::lifecycle::LevelTarget;
use crate::policy::DEFAULT_POLICY;
use crate::ticket::Status;

fn at(s: &str) -> Instant {
    parse_instant(s).unwrap()
}

/// When the week's queue is looked at: its last ticket's last action is
/// a few days before.
fn end() -> Instant {
    at("2026-11-14T08:00:00Z")
}

fn default() -> Policy {
    Policy::embedded()
}

/// The default with the standard first response due in 2h instead of 4h.
fn tighter() -> Policy {
    let text = DEFAULT_POLICY.replace(
        "first_response = \"4h\"\nnext_response = \"8h\"",
        "first_response = \"2h\"\nnext_response = \"8h\"",
    );
    assert_ne!(text, DEFAULT_POLICY);
    Policy::parse(&text, "tighter").unwrap()
}

/// The default without the escalation team, nor the level it works at.
fn flatter() -> Policy {
    let text = DEFAULT_POLICY
        .replace(
            "[[teams]]\nid = \"escalations\"\nname = \"Escalation team\"\nlevel = \"L2\"\n",
            "",
        )
        .replace(
            "raise = \"L2\"\nteam = \"escalations\"\n",
            "raise = \"L1\"\n",
        );
    Policy::parse(&text, "flatter").unwrap()
}

/// Which policy governed at an instant, and since when: worked out here as
/// `esc` does, not by the code under test.
type InForce<'p> = dyn Fn(Instant) -> (&'p Policy, Option<Instant>) + 'p;

/// A queue's life as `esc` lives it: agents' commands with the automation
/// around them, and a tick on the hour, under the version in force.
struct Life<'p> {
    versions: &'p InForce<'p>,
    ticket: Ticket,
    log: Vec<EventData>,
    /// Up to when ticks have run.
    ticked: Instant,
}

impl<'p> Life<'p> {
    fn open(versions: &'p InForce<'p>, id: i64, now: Instant, new: NewTicket) -> Life<'p> {
        let (policy, since) = versions(now);
        let (mut ticket, opened) = Act {
            policy,
            actor: "intake",
            now,
        }
        .open(new)
        .unwrap();
        ticket.id = id;
        let mut log = vec![opened];
        let (ticket, _) = Engine::new(policy, now)
            .since(since)
            .settle(ticket, &mut log);
        Life {
            versions,
            ticket,
            log,
            ticked: now,
        }
    }

    /// The ticks on the hour up to `now`.
    fn tick_until(&mut self, now: Instant) {
        let hour = 3600;
        let mut next = crate::clock::from_unix((self.ticked.timestamp() / hour + 1) * hour);
        while next <= now {
            let (policy, since) = (self.versions)(next);
            let (t, _) = Engine::new(policy, next)
                .since(since)
                .settle(self.ticket.clone(), &mut self.log);
            self.ticket = t;
            next += chrono::Duration::seconds(hour);
        }
        self.ticked = now;
    }

    /// An agent's command; a refusal is not recorded, as `esc` records none.
    fn act(
        &mut self,
        who: &str,
        now: Instant,
        change: impl FnOnce(&Act, &Ticket) -> Result<Transition, EscError>,
    ) {
        self.tick_until(now);
        let (policy, since) = (self.versions)(now);
        let act = Act {
            policy,
            actor: who,
            now,
        };
        if let Ok(t) =
            Engine::new(policy, now)
                .since(since)
                .around(&self.ticket, self.log.clone(), |t| change(&act, t))
        {
            self.ticket = t.ticket;
            self.log.extend(t.events);
        }
    }
}

fn new_ticket(i: usize) -> NewTicket {
    NewTicket {
        title: format!("ticket {i}"),
        description: if i.is_multiple_of(3) {
            String::new()
        } else {
            "details".into()
        },
        customer: format!("customer{}", i % 7),
        email: i.is_multiple_of(4).then(|| format!("c{i}@example.com")),
        tier: Some(["standard", "gold"][i % 2].into()),
        channel: [Channel::Email, Channel::Chat, Channel::Phone, Channel::Web][i % 4],
        category: ["technical", "financial", "delivery", "general"][i % 4].into(),
        priority: Some(["urgent", "high", "normal", "normal", "low"][i % 5].into()),
        team: i.is_multiple_of(6).then(|| "finance".into()),
        assignee: i.is_multiple_of(5).then(|| "ann".into()),
        tags: if i % 3 == 1 {
            vec!["vip".into()]
        } else {
            vec![]
        },
    }
}

/// Ticket `i`'s week: each kind of action by turns of a simple rule, so
/// the queue is the same on every run.
fn week<'p>(versions: &'p InForce<'p>, i: usize) -> (Ticket, Vec<EventData>) {
    let start = at("2026-11-02T08:00:00Z");
    let opened = start + chrono::Duration::minutes((i * 97 % (6 * 24 * 60)) as i64);
    let mut life = Life::open(versions, i as i64 + 1, opened, new_ticket(i));
    let t = |h: f64| opened + chrono::Duration::minutes((h * 60.0) as i64);
    let agent = ["ann", "bob", "cy"][i % 3];
    life.act(agent, t(0.2), |a, tk| a.assign(tk, Some(agent)));
    if i % 4 == 1 {
        life.act(agent, t(0.5), |a, tk| a.note(tk, "looking"));
    }
    if i.is_multiple_of(9) {
        for k in 0..5 {
            life.act("customer", t(0.6 + k as f64 * 0.3), |a, tk| {
                a.contact(tk, Some("again"))
            });
        }
    }
    if i % 3 != 2 {
        life.act(agent, t(1.0 + (i % 6) as f64), |a, tk| a.respond(tk, None));
    }
    if i % 7 == 3 {
        life.act("dana", t(3.5), |a, tk| a.acknowledge(tk, Some("on it")));
    }
    if i % 5 == 2 {
        life.act(agent, t(8.0), |a, tk| a.pending(tk, Some("waiting")));
        life.act(agent, t(20.0), |a, tk| a.resume(tk, None));
    }
    if i % 8 == 4 {
        let c = Correction {
            priority: Some("urgent".into()),
            reason: Some("customer is down".into()),
            add_tags: vec!["outage".into()],
            ..Correction::default()
        };
        life.act(agent, t(9.0), |a, tk| a.edit(tk, &c));
    }
    if i % 6 == 5 {
        life.act(agent, t(10.0), |a, tk| {
            a.tag(tk, &["billing".into()], &["vip".into()])
        });
    }
    if i.is_multiple_of(4) {
        let esc = Escalation {
            team: i.is_multiple_of(8).then(|| "technical".to_string()),
            level: match i % 3 {
                0 => LevelTarget::Up,
                1 => LevelTarget::To("L2".into()),
                _ => LevelTarget::Keep,
            },
            assignee: i.is_multiple_of(12).then(|| "dee".to_string()),
            reason: "needs more".into(),
        };
        life.act(agent, t(26.0), |a, tk| a.escalate(tk, &esc));
    }
    if i % 5 != 4 {
        let cause = ["product-bug", "process", "website", "third-party"][i % 4];
        life.act("lead", t(30.0 + (i % 40) as f64), |a, tk| {
            a.resolve(tk, "done", cause)
        });
        // At L2 and above the resolution waits for sign-off.
        let signer = if i.is_multiple_of(2) { "lee" } else { "dana" };
        if i % 10 == 3 {
            life.act(signer, t(75.0), |a, tk| a.signoff(tk, Some("not yet")));
            life.act("lead", t(80.0), |a, tk| a.resolve(tk, "fixed", cause));
        }
        life.act(signer, t(85.0), |a, tk| a.signoff(tk, None));
        if i.is_multiple_of(3) {
            life.act("customer", t(90.0), |a, tk| {
                a.rate(tk, (1 + i % 5) as u8, Some("thanks"))
            });
        }
        if i.is_multiple_of(11) {
            life.act(agent, t(100.0), |a, tk| a.reopen(tk, Some("again")));
        }
    }
    life.tick_until(end());
    (life.ticket, life.log)
}

#[test]
fn a_week_under_two_versions_replays_to_every_tickets_own_log() {
    let (v1, v2) = (default(), tighter());
    let switch = at("2026-11-04T12:00:00Z");
    let versions = |t: Instant| {
        if t >= switch {
            (&v2, Some(switch))
        } else {
            (&v1, None)
        }
    };
    let governing = Governing::Versions(vec![
        Version {
            policy: &v1,
            applied_at: at("2026-01-01T00:00:00Z"),
        },
        Version {
            policy: &v2,
            applied_at: switch,
        },
    ]);
    let mut kinds = std::collections::BTreeSet::new();
    for i in 0..120 {
        let (ticket, log) = week(&versions, i);
        kinds.extend(log.iter().map(|e| (e.kind.to_string(), e.automatic)));
        let replayed = replay(&governing, &ticket, &log, end())
            .unwrap_or_else(|u| panic!("ticket {i}: {}", u.reason));
        for (k, (again, was)) in replayed.log.iter().zip(&log).enumerate() {
            assert_eq!(again, was, "ticket {i}, event {k}");
        }
        assert_eq!(replayed.log.len(), log.len(), "ticket {i}");
        assert_eq!(replayed.ticket, ticket, "ticket {i}");
        assert!(replayed.absorbed.is_empty(), "ticket {i}");
    }
    // The week holds every kind of action and of automatic event.
    for kind in [
        "opened",
        "assigned",
        "noted",
        "responded",
        "contacted",
        "pending",
        "resumed",
        "rated",
        "tagged",
        "escalated",
        "signoff-requested",
        "signed-off",
        "signoff-rejected",
        "resolved",
        "reopened",
        "warned",
        "breached",
        "automated",
        "acknowledged",
        "edited",
    ] {
        assert!(
            kinds.iter().any(|(k, _)| k == kind),
            "no `{kind}` in the week: {kinds:?}"
        );
    }
    assert!(kinds.contains(&("escalated".to_string(), true)));
    assert!(kinds.contains(&("escalated".to_string(), false)));
}

#[test]
fn the_policy_itself_as_a_candidate_changes_nothing() {
    let p = default();
    let versions = |_: Instant| (&p, None);
    for i in 0..60 {
        let (ticket, log) = week(&versions, i);
        let replayed = replay(&Governing::Candidate(&p), &ticket, &log, end()).unwrap();
        assert_eq!(replayed.log, log, "ticket {i}");
        assert_eq!(replayed.ticket, ticket, "ticket {i}");
    }
}

/// Ticket 1: standard, opened Monday 09:00, answered at 11:30.
fn answered_at_half_past_eleven(p: &Policy) -> (Ticket, Vec<EventData>) {
    let versions = |_: Instant| (p, None);
    let mut life = Life::open(&versions, 1, at("2026-11-02T09:00:00Z"), {
        let mut n = new_ticket(2); // normal priority: the standard SLA
        n.assignee = None;
        n
    });
    life.act("ann", at("2026-11-02T11:30:00Z"), |a, t| a.respond(t, None));
    life.tick_until(at("2026-11-02T18:00:00Z"));
    (life.ticket, life.log)
}

#[test]
fn a_tighter_first_response_breaches_where_the_old_one_was_met() {
    let (old, new) = (default(), tighter());
    let (ticket, log) = answered_at_half_past_eleven(&old);
    assert_eq!(ticket.level, "L0");
    let now = at("2026-11-02T18:00:00Z");
    let before = replay(&Governing::Candidate(&old), &ticket, &log, now).unwrap();
    let after = replay(&Governing::Candidate(&new), &ticket, &log, now).unwrap();
    let automatic = |r: &Replayed| -> Vec<(String, Instant)> {
        r.log
            .iter()
            .filter(|e| e.automatic)
            .map(|e| (e.kind.to_string(), e.effective()))
            .collect()
    };
    // 4h target: the 80% warning at 09:00 + 3h12m = 12:12 never came, the
    // reply at 11:30 was in time.
    assert_eq!(automatic(&before), vec![]);
    // 2h target: warned at 80% = 1h36m, 10:36; breached at 11:00; the
    // senior step (0m after the breach, no first response yet) raised it
    // to L1 at 11:00; the manager step (2h after) found the reply.
    assert_eq!(
        automatic(&after),
        vec![
            ("warned".to_string(), at("2026-11-02T10:36:00Z")),
            ("breached".to_string(), at("2026-11-02T11:00:00Z")),
            ("escalated".to_string(), at("2026-11-02T11:00:00Z")),
            ("skipped".to_string(), at("2026-11-02T13:00:00Z")),
        ]
    );
    assert_eq!(after.ticket.level, "L1");
    assert_eq!(
        after.ticket.stats.first_response,
        Some(crate::stats::Outcome::Breached)
    );
    assert_eq!(
        before.ticket.stats.first_response,
        Some(crate::stats::Outcome::Met)
    );
}

#[test]
fn an_escalation_the_candidate_cannot_make_leaves_the_ticket_unreplayable() {
    let p = default();
    let versions = |_: Instant| (&p, None);
    let mut life = Life::open(&versions, 7, at("2026-11-02T09:00:00Z"), new_ticket(2));
    life.act("ann", at("2026-11-02T09:30:00Z"), |a, t| a.respond(t, None));
    let esc = Escalation {
        team: Some("escalations".into()),
        level: LevelTarget::Keep,
        assignee: None,
        reason: "angry customer".into(),
    };
    life.act("ann", at("2026-11-02T10:00:00Z"), |a, t| {
        a.escalate(t, &esc)
    });
    assert_eq!(life.ticket.team, "escalations");
    let flat = flatter();
    let err = replay(
        &Governing::Candidate(&flat),
        &life.ticket,
        &life.log,
        at("2026-11-02T18:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(err.at, at("2026-11-02T10:00:00Z"));
    assert!(
        err.reason
            .starts_with("escalated by ann at 2026-11-02T10:00:00Z: unknown team `escalations`"),
        "{}",
        err.reason
    );
}

#[test]
fn an_escalation_the_candidates_steps_had_made_is_absorbed() {
    let (old, new) = (default(), tighter());
    let versions = |_: Instant| (&old, None);
    // Opened 09:00, nobody answers; ann raises it to L1 herself at 11:30.
    let mut life = Life::open(&versions, 3, at("2026-11-02T09:00:00Z"), new_ticket(2));
    let up = Escalation {
        team: None,
        level: LevelTarget::Up,
        assignee: None,
        reason: "stuck".into(),
    };
    life.act("ann", at("2026-11-02T11:30:00Z"), |a, t| a.escalate(t, &up));
    life.act("ann", at("2026-11-02T11:45:00Z"), |a, t| a.respond(t, None));
    assert_eq!(life.ticket.level, "L1");
    let after = replay(
        &Governing::Candidate(&new),
        &life.ticket,
        &life.log,
        at("2026-11-02T18:00:00Z"),
    )
    .unwrap();
    // Under 2h the senior step took it to L1 at 11:00, before ann.
    assert_eq!(
        after.absorbed,
        vec![Absorbed {
            at: at("2026-11-02T11:30:00Z"),
            actor: "ann".into(),
            kind: EventKind::Escalated,
            why: "ticket #3 was already at L1".into(),
        }]
    );
    assert_eq!(after.ticket.level, "L1");
    assert_eq!(after.ticket.status, Status::Open);
    assert!(after.log.iter().any(|e| e.kind == EventKind::Responded));
}

#[test]
fn a_log_that_does_not_begin_with_the_opening_is_refused() {
    let p = default();
    let versions = |_: Instant| (&p, None);
    let (ticket, log) = week(&versions, 1);
    let err = replay(&Governing::Candidate(&p), &ticket, &log[1..], end()).unwrap_err();
    assert_eq!(err.reason, "its log does not begin with its opening");
}

#[test]
fn an_edit_the_candidate_asks_a_reason_for_is_replayed_with_one_said_missing() {
    let p = default();
    let versions = |_: Instant| (&p, None);
    // Under the default, financial and delivery tickets share the
    // standard SLA rule: moving one between them needs no reason.
    let mut life = Life::open(&versions, 5, at("2026-11-02T09:00:00Z"), new_ticket(1));
    assert_eq!(life.ticket.category, "financial");
    let c = Correction {
        category: Some("delivery".into()),
        ..Correction::default()
    };
    life.act("ann", at("2026-11-02T09:30:00Z"), |a, t| a.edit(t, &c));
    assert_eq!(life.ticket.category, "delivery");
    // The candidate gives delivery a rule of its own (a day to reply).
    let text = DEFAULT_POLICY.replace(
        "[[sla]]\nid = \"standard\"",
        "[[sla]]\nid = \"delivery\"\nmatch = { category = [\"delivery\"] }\nfirst_response = \"1d\"\nresolution = \"30d\"\n\n[[sla]]\nid = \"standard\"",
    );
    let candidate = Policy::parse(&text, "candidate").unwrap();
    assert_eq!(candidate.sla_for(&life.ticket).unwrap().id, "delivery");
    let after = replay(
        &Governing::Candidate(&candidate),
        &life.ticket,
        &life.log,
        at("2026-11-02T18:00:00Z"),
    )
    .unwrap();
    let edit = after
        .log
        .iter()
        .find(|e| e.kind == EventKind::Edited)
        .unwrap();
    assert_eq!(edit.reason.as_deref(), Some(UNSAID));
    assert_eq!(after.ticket.category, "delivery");
    // Nothing else is said for it: the original carried no reason.
    assert_eq!(
        life.log
            .iter()
            .find(|e| e.kind == EventKind::Edited)
            .unwrap()
            .reason,
        None
    );
}

#[test]
fn a_rule_renamed_and_reworded_treats_every_ticket_the_same() {
    let p = default();
    let text = DEFAULT_POLICY
        .replace("id = \"senior\"", "id = \"senior-agent\"")
        .replace(
            "no first response within the SLA: a senior agent takes over",
            "nobody answered in time: a senior agent steps in",
        );
    let renamed = Policy::parse(&text, "renamed").unwrap();
    let versions = |_: Instant| (&p, None);
    let (mut seen, mut escalated) = (0, 0);
    for i in 0..60 {
        let (ticket, log) = week(&versions, i);
        let was = replay(&Governing::Candidate(&p), &ticket, &log, end()).unwrap();
        let now = replay(&Governing::Candidate(&renamed), &ticket, &log, end()).unwrap();
        assert!(!differs(&was, &now), "ticket {i}");
        seen += 1;
        // The renamed step did fire, under its new name and words.
        escalated += usize::from(now.log.iter().any(|e| {
            e.effect()
                .is_some_and(|x| x.source.id() == "no-reply/senior-agent")
        }));
    }
    assert_eq!(seen, 60);
    assert!(escalated > 0, "the renamed step never fired");
    // A step that acts otherwise does differ.
    let tighter = tighter();
    let (ticket, log) = week(&versions, 2);
    let was = replay(&Governing::Candidate(&p), &ticket, &log, end()).unwrap();
    let now = replay(&Governing::Candidate(&tighter), &ticket, &log, end()).unwrap();
    assert!(differs(&was, &now));
}
