//! A ticket's history replayed under a policy: the people's actions from
//! its log, at their instants, and the automatic part (warnings, breaches,
//! steps, triggers, notifications) decided afresh. Replayed under the
//! versions that governed it, a ticket must give back its log: that is
//! the baseline a candidate policy is measured against. Pure: the ticket,
//! its log, the policies and `now` come in.

use crate::automation::Engine;
use crate::clock::{Instant, rfc3339};
use crate::error::{EscError, Field};
use crate::event::{Detail, Edit, EditedField, EventData, EventKind, changed_to};
use crate::lifecycle::{Act, Correction, Escalation, LevelTarget, NewTicket, Transition};
use crate::policy::Policy;
use crate::stats::Outcome;
use crate::ticket::{Channel, Ticket};
use std::collections::BTreeMap;

/// One stored version of the queue's policy, from the instant it was applied.
pub struct Version<'p> {
    pub policy: &'p Policy,
    pub applied_at: Instant,
}

/// What decides the automatic part of a replay.
pub enum Governing<'p> {
    /// A candidate, as if it had governed every ticket from its opening.
    Candidate(&'p Policy),
    /// The queue's versions, oldest first, each from when it was applied;
    /// the first governed from the queue's start.
    Versions(Vec<Version<'p>>),
}

impl<'p> Governing<'p> {
    /// The policy in force at `at`, and when it took over (`None` when it
    /// has governed from the start), as the commands run then saw it.
    fn at(&self, at: Instant) -> (&'p Policy, Option<Instant>) {
        match self {
            Governing::Candidate(p) => (p, None),
            Governing::Versions(versions) => {
                let k = versions
                    .iter()
                    .rposition(|v| v.applied_at <= at)
                    .unwrap_or(0);
                let since = (k > 0).then(|| versions[k].applied_at);
                (versions[k].policy, since)
            }
        }
    }

    fn engine(&self, at: Instant) -> Engine<'p> {
        let (policy, since) = self.at(at);
        Engine::new(policy, at).since(since)
    }
}

/// A person's action the replay did not carry out because the ticket stood
/// otherwise by then: an escalation to a level the policy's own steps had
/// already reached, a sign-off of a resolution that needed none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Absorbed {
    pub at: Instant,
    pub actor: String,
    pub kind: EventKind,
    /// The refusal, as the command would have said it.
    pub why: String,
}

/// A ticket as the replay left it, with its whole log.
#[derive(Debug, Clone)]
pub struct Replayed {
    pub ticket: Ticket,
    pub log: Vec<EventData>,
    pub absorbed: Vec<Absorbed>,
}

/// Why a ticket's log cannot be replayed under a policy: an action the
/// policy cannot express (a team or level it does not define, a person it
/// does not let sign).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreplayable {
    pub at: Instant,
    pub reason: String,
}

/// Replay `ticket` (as it stands, with its whole `log`) under `governing`,
/// through `now`.
pub fn replay(
    governing: &Governing,
    ticket: &Ticket,
    log: &[EventData],
    now: Instant,
) -> Result<Replayed, Unreplayable> {
    let Some(opened) = log.first().filter(|e| e.kind == EventKind::Opened) else {
        return Err(Unreplayable {
            at: ticket.opened_at,
            reason: "its log does not begin with its opening".into(),
        });
    };
    let (policy, _) = governing.at(opened.at);
    let act = Act {
        policy,
        actor: &opened.actor,
        now: opened.at,
    };
    let (mut t, mut event) = act
        .open(as_opened(ticket, log, opened))
        .map_err(|e| unreplayable(opened, e))?;
    // A recurring ticket's opening is the policy's, as it was recorded.
    event.automatic = opened.automatic;
    event.rule = opened.rule.clone();
    event.policy = opened.policy.clone();
    t.id = ticket.id;
    let mut replayed = vec![event];
    (t, _) = governing.engine(opened.at).apply_due(t, &mut replayed);
    // The instant everything due was last applied at, with nothing done
    // since: settling there again would find nothing.
    let mut settled = Some(opened.at);
    let mut absorbed = Vec::new();
    for e in &log[1..] {
        let engine = governing.engine(e.at);
        if settled != Some(e.at) {
            // What the policy does is decided afresh; the instant stays, so
            // that what a late tick applied under a newer version is
            // applied under it again, and what was due before a command is
            // applied first, as the command applied it.
            (t, _) = engine.apply_due(t, &mut replayed);
            settled = Some(e.at);
        }
        if e.automatic {
            continue;
        }
        // Facts from outside the ticket's life: kept as they are.
        if matches!(e.kind, EventKind::Imported | EventKind::Redacted) {
            replayed.push(e.clone());
            settled = None;
            continue;
        }
        let (policy, _) = governing.at(e.at);
        let act = Act {
            policy,
            actor: &e.actor,
            now: e.at,
        };
        match again(&act, &t, e) {
            Ok(Transition { ticket, events, .. }) => {
                replayed.extend(events);
                // What the action causes (a trigger, a breach it reveals).
                (t, _) = engine.apply_due(ticket, &mut replayed);
            }
            Err(why) if absorbable(&why) => absorbed.push(Absorbed {
                at: e.at,
                actor: e.actor.clone(),
                kind: e.kind,
                why: why.to_string(),
            }),
            Err(why) => return Err(unreplayable(e, why)),
        }
    }
    (t, _) = governing.engine(now).settle(t, &mut replayed);
    Ok(Replayed {
        ticket: t,
        log: replayed,
        absorbed,
    })
}

/// A refusal that speaks of the ticket's state, not of what the policy
/// defines or who it lets act.
fn absorbable(e: &EscError) -> bool {
    matches!(e, EscError::Refused { about, .. } if *about != Some(Field::Actor))
}

fn unreplayable(e: &EventData, why: EscError) -> Unreplayable {
    Unreplayable {
        at: e.at,
        reason: format!("{} by {} at {}: {why}", e.kind, e.actor, rfc3339(e.at)),
    }
}

/// The logged action `e` done again on `t` as it now stands.
fn again(act: &Act, t: &Ticket, e: &EventData) -> Result<Transition, EscError> {
    let reason = e.reason.as_deref();
    let to = changed_to::<String>;
    match e.kind {
        EventKind::Assigned => act.assign(t, to(&e.assignee).as_deref()),
        EventKind::Noted => act.note(t, reason.unwrap_or_default()),
        EventKind::Acknowledged => act.acknowledge(t, reason),
        EventKind::Notified => act.notified(
            t,
            match &e.detail {
                Some(Detail::Delivered(sent)) => sent.clone(),
                _ => Vec::new(),
            },
        ),
        EventKind::Responded => act.respond(t, reason),
        EventKind::Contacted => act.contact(t, reason),
        EventKind::Pending => act.pending(t, reason),
        EventKind::Resumed => act.resume(t, reason),
        EventKind::Rated => match e.detail {
            Some(Detail::Csat(score)) => act.rate(t, score, reason),
            _ => Err(EscError::usage("a rating without its score")),
        },
        EventKind::Tagged => match &e.detail {
            Some(Detail::Tags { added, removed }) => act.tag(t, added, removed),
            _ => act.tag(t, &[], &[]),
        },
        EventKind::Escalated => act.escalate(t, &escalation(act.policy, t, e)?),
        EventKind::Deescalated => act.deescalate(
            t,
            &crate::lifecycle::Deescalation {
                level: changed_to::<String>(&e.level),
                team: changed_to::<String>(&e.team),
                assignee: match &e.assignee {
                    Some(change) => change.to.clone(),
                    None => t.assignee.clone(),
                },
                reason: e.reason.clone().unwrap_or_default(),
            },
        ),
        EventKind::Resolved | EventKind::SignoffRequested => match &e.detail {
            Some(Detail::RootCause(cause)) => act.resolve(t, reason.unwrap_or_default(), cause),
            _ => Err(EscError::usage("a resolution without its root cause")),
        },
        EventKind::SignedOff => act.signoff(t, None),
        EventKind::SignoffRejected => act.signoff(t, Some(reason.unwrap_or_default())),
        EventKind::Reopened => act.reopen(t, reason),
        EventKind::Watched | EventKind::Unwatched => match &e.detail {
            Some(Detail::Watcher(who)) if e.kind == EventKind::Watched => act.watch(t, who),
            Some(Detail::Watcher(who)) => act.unwatch(t, who),
            _ => Err(EscError::usage("a watch without who")),
        },
        EventKind::Linked | EventKind::Unlinked => match e.detail {
            Some(Detail::Link(link)) if e.kind == EventKind::Linked => act.linked(t, link),
            Some(Detail::Link(link)) => act.unlinked(t, link),
            _ => Err(EscError::usage("a link without the ticket it names")),
        },
        // A merge's each side, as its log holds it; the addresses it
        // brought are an edit of their own, replayed as one.
        EventKind::Merged | EventKind::Joined | EventKind::Unmerged => {
            let Some(Detail::Merge(m)) = &e.detail else {
                return Err(EscError::usage("a merge without the ticket it names"));
            };
            match (e.kind, changed_to(&e.status)) {
                (EventKind::Merged, _) => act.merged_away(t, m.ticket, reason),
                (EventKind::Joined, _) => act.joined(t, m.clone(), &[], reason),
                (_, Some(was)) => act.unmerged_away(t, m.ticket, was),
                (_, None) => act.separated(t, m.clone(), None),
            }
        }
        EventKind::Edited => {
            let c = correction(t, e);
            act.edit(t, &c).or_else(|refusal| match refusal {
                // An edit that moves the ticket to another SLA rule must say
                // why; under another policy an edit may move it where it did
                // not, and the person would have given a reason.
                EscError::Usage {
                    about: Some(Field::Reason),
                    ..
                } if c.reason.is_none() => act.edit(
                    t,
                    &Correction {
                        reason: Some(UNSAID.into()),
                        ..c
                    },
                ),
                other => Err(other),
            })
        }
        kind => Err(EscError::usage(format!(
            "an `{kind}` event made by a person, which no command makes"
        ))),
    }
}

/// The reason a replayed edit gives where the policy asks for one and the
/// person, under another policy, gave none.
pub const UNSAID: &str = "(no reason was given: the policy it was made under did not ask for one)";

/// What an agent's escalation asked for, as the ticket now stands: the
/// team it went to, and the level it reached if that is still above.
fn escalation(p: &Policy, t: &Ticket, e: &EventData) -> Result<Escalation, EscError> {
    let to = changed_to::<String>;
    let team = to(&e.team).filter(|team| *team != t.team);
    let level = match to(&e.level) {
        Some(level) if p.level_rank(&level).is_none() => LevelTarget::To(level),
        Some(level) if p.level_rank(&level) > p.level_rank(&t.level) => LevelTarget::To(level),
        _ => LevelTarget::Keep,
    };
    if team.is_none() && level == LevelTarget::Keep {
        let team_went = to(&e.team).is_some();
        return Err(EscError::refused(format!(
            "ticket #{} was already {}",
            t.id,
            if team_went {
                format!("with team {} at {}", t.team, t.level)
            } else {
                format!("at {}", t.level)
            }
        )));
    }
    Ok(Escalation {
        team,
        level,
        assignee: match &e.assignee {
            Some(change) => change.to.clone(),
            None => t.assignee.clone(),
        },
        reason: e.reason.clone().unwrap_or_default(),
    })
}

/// The edit `e` recorded, as a correction of `t`.
fn correction(t: &Ticket, e: &EventData) -> Correction {
    let mut c = Correction {
        reason: e.reason.clone(),
        ..Correction::default()
    };
    let Some(Detail::Edited(edits)) = &e.detail else {
        return c;
    };
    for edit in edits {
        let to = edit.change.to.clone();
        match edit.field {
            EditedField::Title => c.title = to,
            EditedField::Description => c.description = Some(to.unwrap_or_default()),
            EditedField::Customer => c.customer = to,
            EditedField::Email => c.email = Some(to),
            EditedField::Tier => c.tier = to,
            EditedField::Category => c.category = to,
            EditedField::Priority => c.priority = to,
            EditedField::Channel => c.channel = to.and_then(|s| s.parse::<Channel>().ok()),
            EditedField::Cc => {
                let wanted = Edit::tag_list(edit.change.to.as_deref());
                c.add_cc = wanted
                    .iter()
                    .filter(|w| !t.cc.contains(w))
                    .cloned()
                    .collect();
                c.remove_cc =
                    t.cc.iter()
                        .filter(|a| !wanted.contains(a))
                        .cloned()
                        .collect();
            }
            EditedField::Tags => {
                let wanted = Edit::tag_list(edit.change.to.as_deref());
                c.add_tags = wanted.iter().filter(|w| !t.has_tag(w)).cloned().collect();
                c.remove_tags = t
                    .tags
                    .iter()
                    .filter(|tag| !wanted.contains(tag))
                    .cloned()
                    .collect();
            }
        }
    }
    c
}

/// The tags an edit recorded, as `esc edit` writes them: words parted by
/// spaces, none for no tags.
/// What the agent gave when opening the ticket: each field as it stood
/// before its first change, else as it stands.
fn as_opened(t: &Ticket, log: &[EventData], opened: &EventData) -> NewTicket {
    let first_edit = |field: EditedField| {
        log.iter().find_map(|e| match &e.detail {
            Some(Detail::Edited(edits)) => edits
                .iter()
                .find(|edit| edit.field == field)
                .map(|edit| edit.change.from.clone()),
            _ => None,
        })
    };
    let text = |field: EditedField, now: &str| match first_edit(field) {
        Some(from) => from.unwrap_or_default(),
        None => now.to_string(),
    };
    // A rule may have changed the priority as well as an agent.
    let priority = log.iter().find_map(|e| match &e.detail {
        Some(Detail::Edited(edits)) => edits
            .iter()
            .find(|edit| edit.field == EditedField::Priority)
            .map(|edit| edit.change.from.clone()),
        Some(Detail::Rule(effect)) => effect.priority.as_ref().map(|c| c.from.clone()),
        _ => None,
    });
    let to = changed_to::<String>;
    NewTicket {
        title: text(EditedField::Title, &t.title),
        description: text(EditedField::Description, &t.description),
        customer: text(EditedField::Customer, &t.customer),
        email: first_edit(EditedField::Email).unwrap_or_else(|| t.email.clone()),
        tier: Some(text(EditedField::Tier, &t.tier)),
        channel: match opened.detail {
            Some(Detail::Channel(channel)) => channel,
            _ => t.channel,
        },
        category: text(EditedField::Category, &t.category),
        priority: Some(match priority {
            Some(from) => from.unwrap_or_default(),
            None => t.priority.clone(),
        }),
        team: to(&opened.team),
        assignee: to(&opened.assignee),
        tags: opening_tags(t, log),
    }
}

/// The tags a ticket was opened with: those it has, with every later
/// change undone, last first.
fn opening_tags(t: &Ticket, log: &[EventData]) -> Vec<String> {
    let mut tags = t.tags.clone();
    for e in log.iter().rev() {
        match &e.detail {
            Some(Detail::Tags { added, removed }) => {
                tags.retain(|tag| !added.contains(tag));
                tags.extend(removed.iter().cloned());
            }
            Some(Detail::Rule(effect)) => tags.retain(|tag| !effect.tags.contains(tag)),
            Some(Detail::Edited(edits)) => {
                if let Some(edit) = edits.iter().find(|edit| edit.field == EditedField::Tags) {
                    tags = Edit::tag_list(edit.change.from.as_deref());
                }
            }
            _ => {}
        }
    }
    tags
}

/// What a manager weighs a policy by, over a set of replayed tickets.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Figures {
    pub tickets: u64,
    pub first_response: Targets,
    pub resolution: Targets,
    pub warnings: u64,
    pub breaches: u64,
    pub escalations: Escalations,
    /// Tickets by the highest level each reached.
    pub top_level: BTreeMap<String, u64>,
    /// Notifications per person a rule or an escalation told.
    pub notifications: BTreeMap<String, u64>,
    /// Resolutions that had to wait for a sign-off.
    pub signoffs_required: u64,
    /// Resolved tickets a trigger reopened.
    pub reopened_by_triggers: u64,
    /// People's actions the ticket no longer needed (see [`Absorbed`]).
    pub actions_not_needed: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Targets {
    pub met: u64,
    pub breached: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Escalations {
    pub total: u64,
    pub functional: u64,
    pub hierarchical: u64,
    pub automatic: u64,
}

impl Figures {
    pub fn add(&mut self, r: &Replayed) {
        let s = &r.ticket.stats;
        self.tickets += 1;
        for (target, outcome) in [
            (&mut self.first_response, s.first_response),
            (&mut self.resolution, s.resolution),
        ] {
            match outcome {
                Some(Outcome::Met) => target.met += 1,
                Some(Outcome::Breached) => target.breached += 1,
                None => {}
            }
        }
        self.warnings += u64::from(s.warnings);
        self.breaches += u64::from(s.breaches);
        self.escalations.total += u64::from(s.escalations);
        self.escalations.functional += u64::from(s.functional);
        self.escalations.hierarchical += u64::from(s.hierarchical);
        self.escalations.automatic += u64::from(s.automatic);
        *self.top_level.entry(s.top_level.clone()).or_default() += 1;
        for e in &r.log {
            for person in e.recipients() {
                *self.notifications.entry(person.name.clone()).or_default() += 1;
            }
            self.signoffs_required += u64::from(e.kind == EventKind::SignoffRequested);
            self.reopened_by_triggers += u64::from(e.effect().is_some_and(|x| x.reopened));
        }
        self.actions_not_needed += r.absorbed.len() as u64;
    }
}

/// What the policy did to a ticket on its own, in order: the automatic
/// events, each with the instant it took effect.
pub fn automatic(log: &[EventData]) -> impl Iterator<Item = &EventData> {
    log.iter().filter(|e| e.automatic)
}

/// Whether two replays of a ticket came out differently: in what the
/// policy did on its own, in the SLA outcomes, or in what people's actions
/// were still needed.
pub fn differs(a: &Replayed, b: &Replayed) -> bool {
    let doings = |r: &Replayed| automatic(&r.log).map(doing).collect::<Vec<_>>();
    doings(a) != doings(b)
        || a.ticket.stats.first_response != b.ticket.stats.first_response
        || a.ticket.stats.resolution != b.ticket.stats.resolution
        || a.absorbed != b.absorbed
}

/// What an automatic event did and when it took effect, and nothing that
/// only says it otherwise: not when a tick got to it, under which digest,
/// by which name of its rule, or in which words.
pub fn doing(e: &EventData) -> EventData {
    let mut d = EventData {
        at: e.effective(),
        policy: None,
        rule: None,
        reason: None,
        ..e.clone()
    };
    if let Some(Detail::Rule(effect)) = &mut d.detail {
        effect.source = crate::event::Source::Step(String::new());
    }
    d
}

#[cfg(test)]
mod tests;
