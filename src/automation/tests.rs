//! The engine on in-memory tickets: catch-up, exactly once, conditions as of
//! the due instant, triggers, reopen cycles, policy changes, and the
//! property that the outcome does not depend on how often tick runs.

use super::*;
use crate::clock::parse_instant;
use crate::error::EscError;
use crate::lifecycle::{Act, LevelTarget, NewTicket};
use crate::policy::Policy;
use crate::sla::{DueAt, Standing};
use crate::ticket::Channel;

fn at(s: &str) -> Instant {
    parse_instant(s).unwrap()
}

fn policy(name: &str) -> Policy {
    let path = format!("{}/sample-policies/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    Policy::load(std::path::Path::new(&path)).unwrap()
}

/// One ticket and its log, driven by agent commands and ticks.
#[derive(Clone)]
struct Sim<'p> {
    policy: &'p Policy,
    ticket: Ticket,
    log: Vec<EventData>,
}

impl<'p> Sim<'p> {
    fn open(policy: &'p Policy, when: &str, shape: impl FnOnce(&mut NewTicket)) -> Sim<'p> {
        let mut new = NewTicket {
            title: "t".into(),
            description: String::new(),
            customer: "c".into(),
            email: None,
            tier: None,
            channel: Channel::Email,
            category: policy.categories[0].id.clone(),
            priority: None,
            team: None,
            assignee: None,
            tags: vec![],
        };
        shape(&mut new);
        let now = at(when);
        let (mut ticket, opened) = Act {
            policy,
            actor: "ann",
            now,
        }
        .open(new)
        .unwrap();
        ticket.id = 1;
        let mut log = vec![opened];
        let (ticket, _) = Engine::new(policy, now).settle(ticket, &mut log);
        Sim {
            policy,
            ticket,
            log,
        }
    }

    fn act(
        &mut self,
        when: Instant,
        change: impl FnOnce(&Act, &Ticket) -> Result<crate::lifecycle::Transition, EscError>,
    ) -> Result<(), EscError> {
        let act = Act {
            policy: self.policy,
            actor: "ann",
            now: when,
        };
        let t = Engine::new(self.policy, when)
            .around(&self.ticket, self.log.clone(), |t| change(&act, t))?;
        self.ticket = t.ticket;
        self.log.extend(t.events);
        Ok(())
    }

    fn tick(&mut self, when: Instant) -> Vec<EventData> {
        let (t, new) = Engine::new(self.policy, when).settle(self.ticket.clone(), &mut self.log);
        self.ticket = t;
        new
    }

    fn rules(&self) -> Vec<(String, String)> {
        self.log
            .iter()
            .filter(|e| e.automatic)
            .map(|e| {
                let rule: RuleKey = e.rule.as_deref().unwrap().parse().unwrap();
                let by_id = match e.effect() {
                    Some(effect) => rule.alias(effect.source.id()),
                    None => rule,
                };
                (e.kind.to_string(), by_id.to_string())
            })
            .collect()
    }
}

#[test]
fn a_late_tick_catches_up_in_due_order_recording_due_and_applied_times() {
    let p = Policy::embedded();
    let mut s = Sim::open(&p, "2026-11-23T09:00:00Z", |_| {});
    // Cron was down for three days.
    let fired = s.tick(at("2026-11-26T09:00:00Z"));
    let got: Vec<(String, String)> = fired
        .iter()
        .map(|e| (e.kind.to_string(), crate::clock::rfc3339(e.due_at.unwrap())))
        .collect();
    assert_eq!(
        got,
        [
            ("warned", "2026-11-23T12:12:00Z"),
            ("breached", "2026-11-23T13:00:00Z"),
            ("escalated", "2026-11-23T13:00:00Z"),
            ("escalated", "2026-11-23T15:00:00Z"),
        ]
        .map(|(k, t)| (k.to_string(), t.to_string()))
    );
    assert!(
        fired
            .iter()
            .all(|e| e.at == at("2026-11-26T09:00:00Z") && e.actor == ACTOR)
    );
    assert!(
        fired
            .iter()
            .all(|e| e.policy.as_deref() == Some(p.digest.as_str()))
    );
    assert_eq!(
        (s.ticket.level.as_str(), s.ticket.team.as_str()),
        ("L2", "escalations")
    );
    assert_eq!(
        s.ticket.level_since,
        at("2026-11-23T15:00:00Z"),
        "anchors follow the due instant"
    );
    // What comes next: the resolution warning at 80% of 30 days (24 days).
    assert_eq!(s.ticket.due.next_at, Some(at("2026-12-17T09:00:00Z")));
    assert_eq!(s.ticket.due.sla_at, Some(at("2026-12-23T09:00:00Z")));
}

#[test]
fn settling_twice_at_one_instant_changes_nothing() {
    let p = Policy::embedded();
    let mut s = Sim::open(&p, "2026-11-23T09:00:00Z", |_| {});
    assert!(!s.tick(at("2026-11-23T16:00:00Z")).is_empty());
    let before = (s.ticket.clone(), s.log.len());
    assert!(s.tick(at("2026-11-23T16:00:00Z")).is_empty());
    assert_eq!((s.ticket.clone(), s.log.len()), before);
}

#[test]
fn a_reply_before_the_breach_stops_the_path_and_one_after_is_judged_as_of_the_due_time() {
    let p = Policy::embedded();
    let mut on_time = Sim::open(&p, "2026-11-23T09:00:00Z", |_| {});
    on_time
        .act(at("2026-11-23T12:00:00Z"), |a, t| a.respond(t, None))
        .unwrap();
    on_time.tick(at("2026-11-24T09:00:00Z"));
    assert_eq!(on_time.ticket.level, "L0");
    assert!(
        on_time.rules().iter().all(|(k, _)| k == "warned"),
        "{:?}",
        on_time.rules()
    );

    // Replied at 14:00, after the 13:00 breach, with no tick in between:
    // the reply command itself applies what was due before it.
    let mut late = Sim::open(&p, "2026-11-23T09:00:00Z", |_| {});
    late.act(at("2026-11-23T14:00:00Z"), |a, t| a.respond(t, None))
        .unwrap();
    assert_eq!(
        late.ticket.level, "L1",
        "the 13:00 step fired before the reply"
    );
    late.tick(at("2026-11-24T09:00:00Z"));
    let kinds: Vec<String> = late
        .rules()
        .into_iter()
        .map(|(k, r)| format!("{k} {r}"))
        .collect();
    assert!(
        kinds
            .iter()
            .any(|k| k.starts_with("skipped step:no-reply/manager")),
        "{kinds:?}"
    );
    assert_eq!(late.ticket.level, "L1");
}

#[test]
fn waiting_on_the_customer_pauses_the_clock() {
    let p = Policy::embedded();
    let mut s = Sim::open(&p, "2026-11-23T09:00:00Z", |_| {});
    s.act(at("2026-11-23T10:00:00Z"), |a, t| a.pending(t, None))
        .unwrap();
    assert_eq!(s.ticket.due.sla_at, None, "nothing breaches while paused");
    s.tick(at("2026-11-24T10:00:00Z"));
    assert!(s.rules().is_empty(), "{:?}", s.rules());
    s.act(at("2026-11-24T10:00:00Z"), |a, t| a.resume(t, None))
        .unwrap();
    // 1h ran before the pause; 3h are left after it.
    assert_eq!(s.ticket.due.sla_at, Some(at("2026-11-24T13:00:00Z")));
}

#[test]
fn triggers_fire_on_the_command_that_makes_them_true() {
    let p = Policy::embedded();
    let mut s = Sim::open(&p, "2026-11-23T09:00:00Z", |_| {});
    s.act(at("2026-11-23T09:01:00Z"), |a, t| a.respond(t, None))
        .unwrap();
    for minute in 2..6 {
        s.act(at(&format!("2026-11-23T09:0{minute}:00Z")), |a, t| {
            a.contact(t, None)
        })
        .unwrap();
    }
    assert_eq!(s.ticket.level, "L0");
    s.act(at("2026-11-23T09:06:00Z"), |a, t| a.contact(t, None))
        .unwrap();
    assert_eq!(s.ticket.level, "L1", "the fifth contact escalates at once");
    assert!(s.ticket.has_tag("chasing"));
    let last = s.log.last().unwrap();
    assert_eq!(last.due_at, Some(at("2026-11-23T09:06:00Z")));
    let effect = last.effect().expect("the trigger's effect");
    assert_eq!(effect.source, Source::Trigger("five-contacts".into()));
    assert_eq!(effect.tags, vec!["chasing"]);
    let told: Vec<&str> = effect.notify.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(told, ["dana"]);
}

#[test]
fn a_low_csat_reopens_for_a_senior_once_and_the_new_cycle_starts_clean() {
    let p = Policy::embedded();
    let mut s = Sim::open(&p, "2026-11-23T09:00:00Z", |_| {});
    s.act(at("2026-11-23T09:30:00Z"), |a, t| a.respond(t, None))
        .unwrap();
    s.act(at("2026-11-23T10:00:00Z"), |a, t| {
        a.resolve(t, "done", "process")
    })
    .unwrap();
    s.act(at("2026-11-24T10:00:00Z"), |a, t| a.rate(t, 2, Some("meh")))
        .unwrap();
    assert_eq!(
        (s.ticket.status, s.ticket.cycle, s.ticket.level.as_str()),
        (Status::Open, 2, "L1")
    );
    // The new cycle's first-response clock starts at the reopen.
    assert_eq!(s.ticket.due.sla_at, Some(at("2026-11-24T14:00:00Z")));
    let before = s.log.len();
    s.tick(at("2026-11-24T10:00:00Z"));
    assert_eq!(s.log.len(), before, "the rating fires once");
}

#[test]
fn a_second_low_csat_in_the_same_second_fires_for_its_own_cycle() {
    let p = Policy::embedded();
    let mut s = Sim::open(&p, "2026-11-23T09:00:00Z", |_| {});
    // Resolved, rated, resolved and rated again, all in one second.
    let now = at("2026-11-23T09:10:00Z");
    for cycle in [1, 2] {
        s.act(now, |a, t| a.resolve(t, "done", "process")).unwrap();
        s.act(now, |a, t| a.rate(t, 1, None)).unwrap();
        assert_eq!((s.ticket.status, s.ticket.cycle), (Status::Open, cycle + 1));
    }
    let keys: Vec<&str> = s
        .log
        .iter()
        .filter_map(|e| e.rule.as_deref())
        .filter(|k| k.starts_with("trigger:"))
        .collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert_ne!(keys[0], keys[1]);
    assert!(
        keys[0].contains(":c1") && keys[1].contains(":c2"),
        "{keys:?}"
    );
}

#[test]
fn a_reopened_ticket_never_fires_the_old_cycles_overdue_steps_at_once() {
    let p = Policy::embedded();
    let mut s = Sim::open(&p, "2026-11-23T09:00:00Z", |_| {});
    s.act(at("2026-11-23T10:00:00Z"), |a, t| {
        a.resolve(t, "done", "process")
    })
    .unwrap();
    // Reopened 40 days later: the first cycle's 30-day step is long overdue.
    s.act(at("2027-01-02T09:00:00Z"), |a, t| a.reopen(t, None))
        .unwrap();
    assert!(
        s.log
            .iter()
            .filter(|e| e.automatic)
            .all(|e| e.cycle == 1 || e.due_at.unwrap() >= at("2027-01-02T09:00:00Z"))
    );
    assert_eq!(s.ticket.level, "L0");
    assert_eq!(s.ticket.due.sla_at, Some(at("2027-01-02T13:00:00Z")));
}

#[test]
fn reopen_rules_resume_restart_or_stop_a_clock() {
    let text = |rule: &str| {
        crate::policy::DEFAULT_POLICY.replace(
            "resolution = \"restart\"",
            &format!("resolution = \"{rule}\""),
        )
    };
    let due_after_reopen = |rule: &str| {
        let p = Policy::parse(&text(rule), "t").unwrap();
        let mut s = Sim::open(&p, "2026-11-23T09:00:00Z", |n| {
            n.priority = Some("urgent".into())
        });
        s.act(at("2026-11-23T09:10:00Z"), |a, t| a.respond(t, None))
            .unwrap();
        // Resolved after 10 hours of its 1-day resolution target.
        s.act(at("2026-11-23T19:00:00Z"), |a, t| {
            a.resolve(t, "done", "process")
        })
        .unwrap();
        s.act(at("2026-11-25T09:00:00Z"), |a, t| a.reopen(t, None))
            .unwrap();
        let log = s.log.clone();
        let outlook = Engine::new(&p, at("2026-11-25T09:00:00Z")).outlook(&s.ticket, &log);
        outlook
            .runs
            .iter()
            .find(|r| r.clock == Clock::Resolution)
            .map(|r| r.due)
    };
    assert_eq!(
        due_after_reopen("restart"),
        Some(crate::sla::DueAt::At(at("2026-11-26T09:00:00Z")))
    );
    assert_eq!(
        due_after_reopen("resume"),
        Some(crate::sla::DueAt::At(at("2026-11-25T23:00:00Z")))
    );
    assert_eq!(due_after_reopen("stop"), None);
}

#[test]
fn a_changed_policy_moves_due_times_of_open_tickets() {
    let loose = Policy::embedded();
    let tight = Policy::parse(
        &crate::policy::DEFAULT_POLICY
            .replace("first_response = \"4h\"", "first_response = \"2h\""),
        "tight",
    )
    .unwrap();
    let mut s = Sim::open(&loose, "2026-11-23T09:00:00Z", |_| {});
    assert_eq!(s.ticket.due.sla_at, Some(at("2026-11-23T13:00:00Z")));
    s.policy = &tight;
    let fired = s.tick(at("2026-11-23T11:30:00Z"));
    assert!(
        fired
            .iter()
            .any(|e| e.kind == EventKind::Breached && e.due_at == Some(at("2026-11-23T11:00:00Z")))
    );
    assert_eq!(s.ticket.due.digest.as_deref(), Some(&tight.digest[..16]));
}

#[test]
fn business_hours_and_triggers_of_the_saas_desk() {
    let p = policy("saas-desk");
    // Friday 16:00 Berlin: 2h on Friday, 4h on Monday morning: due Monday 12:00 CET.
    let mut s = Sim::open(&p, "2026-11-20T15:00:00Z", |_| {});
    assert_eq!(s.ticket.due.sla_at, Some(at("2026-11-23T11:00:00Z")));
    assert!(
        s.tick(at("2026-11-23T10:59:00Z"))
            .iter()
            .all(|e| e.kind == EventKind::Warned)
    );
    s.tick(at("2026-11-23T11:00:00Z"));
    assert_eq!(s.ticket.level, "L1");

    let bot = Sim::open(&p, "2026-11-23T09:00:00Z", |n| n.channel = Channel::Bot);
    assert_eq!(bot.ticket.assignee.as_deref(), Some("sam"));
    assert_eq!(bot.ticket.priority, "high");
    assert!(bot.ticket.has_tag("from-bot"));
}

/// The embedded default and three sample policies: the sweeps run on each.
fn sample_policies() -> [Policy; 4] {
    [
        Policy::embedded(),
        policy("saas-desk"),
        policy("enterprise-it"),
        policy("web-shop"),
    ]
}

/// A tiny deterministic random source, so the sweep below is the same on
/// every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }

    /// Up to five agent actions (numbered below `kinds`) at random minutes
    /// of the six days after `opened`, in time order.
    fn actions(&mut self, opened: Instant, kinds: u64) -> Vec<(Instant, u64)> {
        let mut actions: Vec<(Instant, u64)> = (0..self.next(6))
            .map(|_| {
                (
                    opened + chrono::Duration::minutes(self.next(6 * 24 * 60) as i64),
                    self.next(kinds),
                )
            })
            .collect();
        actions.sort();
        actions
    }
}

/// What must not depend on when ticks ran: the final ticket (but for when
/// it was last written) and every automatic occurrence with its due time.
fn outcome(s: &Sim) -> (Ticket, Vec<(String, String, Option<Instant>)>) {
    let mut t = s.ticket.clone();
    t.updated_at = crate::clock::from_unix(0);
    let mut rules: Vec<_> = s
        .log
        .iter()
        .filter(|e| e.automatic)
        .map(|e| (e.kind.to_string(), e.rule.clone().unwrap(), e.due_at))
        .collect();
    rules.sort();
    (t, rules)
}

#[test]
fn the_outcome_does_not_depend_on_how_often_tick_runs() {
    let policies = sample_policies();
    let start = at("2026-11-20T06:00:00Z");
    let end = at("2026-11-27T06:00:00Z");
    let mut rng = Lcg(7);
    let mut scenarios = 0;
    for p in &policies {
        for _ in 0..12 {
            let channel =
                [Channel::Email, Channel::Chat, Channel::Bot, Channel::Web][rng.next(4) as usize];
            let priority = p.priorities[rng.next(p.priorities.len() as u64) as usize]
                .id
                .clone();
            let tier = p.tiers[rng.next(p.tiers.len() as u64) as usize].id.clone();
            let category = p.categories[rng.next(p.categories.len() as u64) as usize]
                .id
                .clone();
            let opened = start + chrono::Duration::minutes(rng.next(600) as i64);
            let actions = rng.actions(opened, 6);
            let open = || {
                Sim::open(p, &crate::clock::rfc3339(opened), |n| {
                    n.channel = channel;
                    n.priority = Some(priority.clone());
                    n.tier = Some(tier.clone());
                    n.category = category.clone();
                })
            };
            let run = |tick_every: Option<i64>| {
                let mut s = open();
                let mut next_tick = opened;
                for (when, what) in &actions {
                    if let Some(every) = tick_every {
                        while next_tick < *when {
                            s.tick(next_tick);
                            next_tick += chrono::Duration::minutes(every);
                        }
                    }
                    // Refusals (a resume of an open ticket...) are the same either way.
                    let _ = s.act(*when, |a, t| match what {
                        0 => a.respond(t, None),
                        1 => a.contact(t, None),
                        2 => a.pending(t, None),
                        3 => a.resume(t, None),
                        4 => a.escalate(
                            t,
                            &crate::lifecycle::Escalation {
                                team: None,
                                level: LevelTarget::Up,
                                assignee: None,
                                reason: "r".into(),
                            },
                        ),
                        _ => a.note(t, "n"),
                    });
                }
                s.tick(end);
                // Replayed under its one policy, the scenario gives back
                // its own log, whatever the cadence of its ticks was.
                let governing = crate::simulate::Governing::Candidate(p);
                let again = crate::simulate::replay(&governing, &s.ticket, &s.log, end)
                    .unwrap_or_else(|u| panic!("not replayable: {}", u.reason));
                assert_eq!(again.log, s.log, "the replay differs from the log");
                assert_eq!(again.ticket, s.ticket, "the replay differs from the ticket");
                outcome(&s)
            };
            let once = run(None);
            assert_eq!(
                run(Some(17)),
                once,
                "ticking every 17 minutes differs from once at the end"
            );
            assert_eq!(
                run(Some(240)),
                once,
                "ticking every 4 hours differs from once at the end"
            );
            scenarios += 1;
        }
    }
    assert_eq!(scenarios, 48);
}

/// `p` with every path and step id renamed, the steps of each path in
/// reverse order and the triggers in reverse order: the same rules, said
/// differently.
fn renamed_and_reordered(p: &Policy) -> Policy {
    let mut q = p.clone();
    for (i, path) in q.paths.iter_mut().enumerate() {
        path.id = format!("renamed-path-{i}");
        for (j, step) in path.steps.iter_mut().enumerate() {
            step.id = format!("renamed-path-{i}/renamed-step-{j}");
            step.description = None;
        }
        path.steps.reverse();
    }
    for (i, trigger) in q.triggers.iter_mut().enumerate() {
        trigger.id = format!("renamed-trigger-{i}");
    }
    q.triggers.reverse();
    q.digest = "f".repeat(64);
    q
}

#[test]
fn a_policy_that_only_renames_and_reorders_rules_fires_nothing_new() {
    let policies = sample_policies();
    let start = at("2026-11-20T06:00:00Z");
    let end = at("2026-11-27T06:00:00Z");
    let mut rng = Lcg(11);
    let mut switched_with_history = 0;
    for p in &policies {
        let renamed = renamed_and_reordered(p);
        for _ in 0..12 {
            let channel =
                [Channel::Email, Channel::Chat, Channel::Bot, Channel::Web][rng.next(4) as usize];
            let priority = p.priorities[rng.next(p.priorities.len() as u64) as usize]
                .id
                .clone();
            let opened = start + chrono::Duration::minutes(rng.next(600) as i64);
            let switch = opened + chrono::Duration::minutes(rng.next(5 * 24 * 60) as i64);
            let actions = rng.actions(opened, 4);
            let run = |after_switch: &Policy| {
                let mut s = Sim::open(p, &crate::clock::rfc3339(opened), |n| {
                    n.channel = channel;
                    n.priority = Some(priority.clone());
                });
                let mut switched = false;
                for (when, what) in &actions {
                    if !switched && *when >= switch {
                        s.tick(switch);
                        s.policy = after_switch;
                        let fired = Engine::new(after_switch, switch)
                            .since(Some(switch))
                            .settle(s.ticket.clone(), &mut s.log.clone())
                            .1;
                        assert!(fired.is_empty(), "applying it fired {fired:?}");
                        switched = true;
                    }
                    let _ = s.act(*when, |a, t| match what {
                        0 => a.respond(t, None),
                        1 => a.contact(t, None),
                        2 => a.rate(t, 1, None),
                        _ => a.note(t, "n"),
                    });
                }
                s.tick(end);
                let (mut t, rules) = outcome(&s);
                t.due.digest = None;
                (t, rules, s.log.iter().filter(|e| e.automatic).count())
            };
            let same = run(p);
            let changed = run(&renamed);
            assert_eq!(changed, same, "renaming and reordering changed the outcome");
            if same.2 > 0 {
                switched_with_history += 1;
            }
        }
    }
    assert!(switched_with_history > 10, "the sweep exercised automation");
}

/// `esc edit` on the embedded policy: `urgent` answers in 1h, every other
/// priority (the `standard` rule) in 4h; both on the 24x7 calendar.
fn edit_priority(s: &mut Sim, when: &str, priority: &str) {
    s.act(at(when), |a, t| {
        a.edit(
            t,
            &crate::lifecycle::Correction {
                priority: Some(priority.into()),
                reason: Some("the customer's whole shop is down".into()),
                ..Default::default()
            },
        )
    })
    .unwrap();
}

fn first_response(s: &Sim, now: &str) -> ClockRun {
    Engine::new(s.policy, at(now))
        .outlook(&s.ticket, &s.log)
        .runs
        .into_iter()
        .find(|r| r.clock == Clock::FirstResponse)
        .unwrap()
}

#[test]
fn a_raised_priority_counts_its_target_from_the_start_without_the_time_spent_pending() {
    let p = Policy::embedded();
    let mut s = Sim::open(&p, "2026-11-23T09:00:00Z", |_| {});
    s.act(at("2026-11-23T09:10:00Z"), |a, t| a.pending(t, None))
        .unwrap();
    s.act(at("2026-11-23T12:00:00Z"), |a, t| a.resume(t, None))
        .unwrap();
    edit_priority(&mut s, "2026-11-23T12:30:00Z", "urgent");
    // 10 minutes before the wait and 30 after it: 20 of the hour are left.
    let run = first_response(&s, "2026-11-23T12:30:00Z");
    assert_eq!(run.due, DueAt::At(at("2026-11-23T12:50:00Z")));
    assert_eq!(run.target.as_secs(), 3600, "the new rule's target");
    assert_eq!(s.ticket.due.sla_at, Some(at("2026-11-23T12:50:00Z")));
    let new = s.tick(at("2026-11-23T13:00:00Z"));
    let breach = new.iter().find(|e| e.kind == EventKind::Breached).unwrap();
    assert_eq!(breach.due_at, Some(at("2026-11-23T12:50:00Z")));
}

#[test]
fn a_target_the_clock_already_passed_falls_due_at_the_edit_not_before_it() {
    let p = Policy::embedded();
    let mut s = Sim::open(&p, "2026-11-23T09:00:00Z", |_| {});
    edit_priority(&mut s, "2026-11-23T11:00:00Z", "urgent");
    assert_eq!(
        first_response(&s, "2026-11-23T11:00:00Z").due,
        DueAt::At(at("2026-11-23T11:00:00Z")),
        "nobody can have missed, at 10:00, a 1h target set at 11:00"
    );
    // The edit's own settling records it.
    let breach = s
        .log
        .iter()
        .find(|e| e.kind == EventKind::Breached)
        .unwrap();
    assert_eq!(breach.due_at, Some(at("2026-11-23T11:00:00Z")));
    assert!(s.tick(at("2026-11-23T11:05:00Z")).is_empty());
    assert_eq!(s.ticket.due.breached_at, Some(at("2026-11-23T11:00:00Z")));
}

#[test]
fn a_breach_reached_before_a_lowered_priority_stays_recorded() {
    let p = Policy::embedded();
    // Recorded by a tick, or only a fact of the timestamps: the same breach.
    for ticked in [true, false] {
        let mut s = Sim::open(&p, "2026-11-23T09:00:00Z", |n| {
            n.priority = Some("urgent".into())
        });
        if ticked {
            s.tick(at("2026-11-23T10:30:00Z"));
        }
        edit_priority(&mut s, "2026-11-23T11:00:00Z", "normal");
        let run = first_response(&s, "2026-11-23T11:00:00Z");
        assert_eq!(run.due, DueAt::At(at("2026-11-23T10:00:00Z")), "{ticked}");
        assert_eq!(run.standing, Standing::Breached);
        s.tick(at("2026-11-23T18:00:00Z"));
        let breaches: Vec<_> = s
            .log
            .iter()
            .filter(|e| e.kind == EventKind::Breached)
            .filter(|e| e.detail == Some(Detail::Clock(Clock::FirstResponse)))
            .map(|e| e.due_at)
            .collect();
        assert_eq!(breaches, [Some(at("2026-11-23T10:00:00Z"))], "{ticked}");
        assert_eq!(s.ticket.due.breached_at, Some(at("2026-11-23T10:00:00Z")));
    }
}

#[test]
fn a_lowered_priority_before_the_breach_gives_the_new_rules_due_and_warning() {
    let p = Policy::embedded();
    let mut s = Sim::open(&p, "2026-11-23T09:00:00Z", |n| {
        n.priority = Some("urgent".into())
    });
    edit_priority(&mut s, "2026-11-23T09:30:00Z", "low");
    let run = first_response(&s, "2026-11-23T09:30:00Z");
    assert_eq!(run.due, DueAt::At(at("2026-11-23T13:00:00Z")));
    // `standard` warns at 80% of 4h.
    assert_eq!(run.warn, Some(DueAt::At(at("2026-11-23T12:12:00Z"))));
    let new = s.tick(at("2026-11-23T12:30:00Z"));
    let kinds: Vec<_> = new.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&EventKind::Warned), "{kinds:?}");
    assert!(!kinds.contains(&EventKind::Breached), "{kinds:?}");
}

#[test]
fn a_clock_met_before_the_edit_stays_met() {
    let p = Policy::embedded();
    let mut s = Sim::open(&p, "2026-11-23T09:00:00Z", |_| {});
    s.act(at("2026-11-23T11:00:00Z"), |a, t| a.respond(t, None))
        .unwrap();
    edit_priority(&mut s, "2026-11-23T12:00:00Z", "urgent");
    let run = first_response(&s, "2026-11-23T12:00:00Z");
    assert_eq!(run.standing, Standing::Met, "answered in 2h of a 4h target");
    assert_eq!(run.due, DueAt::At(at("2026-11-23T13:00:00Z")));
}

#[test]
fn rules_are_rebuilt_from_every_change_that_moves_a_ticket_between_them() {
    let p = Policy::embedded();
    let mut s = Sim::open(&p, "2026-11-23T09:00:00Z", |_| {});
    edit_priority(&mut s, "2026-11-23T09:30:00Z", "urgent");
    s.act(at("2026-11-23T09:40:00Z"), |a, t| {
        a.tag(t, &["vip".into()], &[])
    })
    .unwrap();
    edit_priority(&mut s, "2026-11-23T09:50:00Z", "high");
    let got: Vec<(Instant, Option<&str>)> = crate::sla::stretches(&p, &s.ticket, &s.log)
        .iter()
        .map(|st| (st.from, st.rule.map(|r| r.id.as_str())))
        .collect();
    assert_eq!(
        got,
        [
            (at("2026-11-23T09:00:00Z"), Some("standard")),
            (at("2026-11-23T09:30:00Z"), Some("urgent")),
            (at("2026-11-23T09:50:00Z"), Some("standard")),
        ]
    );
}
