//! Moves on the ladder: escalating a ticket (up a level, to another team,
//! or both) and taking it back down when the escalation was not needed.

use super::*;
use crate::error::{Hint, Suggested};

/// Where a hierarchical escalation goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LevelTarget {
    /// Stay at the current level (a purely functional escalation).
    Keep,
    /// One rung up the ladder.
    Up,
    /// A named level above the current one.
    To(String),
}

#[derive(Debug, Clone)]
pub struct Escalation {
    pub team: Option<String>,
    pub level: LevelTarget,
    /// Who takes it over; `None` leaves it with the team to pick up.
    pub assignee: Option<String>,
    /// The hand-off summary that gives the next person context.
    pub reason: String,
}

/// Taking a ticket down the ladder when its escalation turned out unneeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deescalation {
    /// The level it goes to; `None`: one below where it is.
    pub level: Option<String>,
    /// The team it goes back to; `None` keeps its team.
    pub team: Option<String>,
    /// Who takes it over; `None` leaves it with the team to pick up.
    pub assignee: Option<String>,
    /// Why the escalation was not needed.
    pub reason: String,
}

/// Refuse to move a ticket on the ladder (`moved`: escalated,
/// de-escalated) unless it is live: open or pending.
fn live(t: &Ticket, moved: &str) -> Result<(), EscError> {
    match t.status {
        Status::Resolved => Err(EscError::refused(format!(
            "ticket #{} is resolved; only a live ticket can be {moved}",
            t.id
        ))
        .with_hint(
            Hint::text("")
                .act(Suggested::Reopen(t.id))
                .then(" reopens it first"),
        )),
        Status::AwaitingSignoff => Err(EscError::refused(format!(
            "ticket #{} waits for sign-off of its resolution; it cannot be {moved} now",
            t.id
        ))
        .with_hint(
            Hint::text("")
                .act(Suggested::RejectSignoff(t.id))
                .then(" sends it back to work"),
        )),
        Status::Open | Status::Pending | Status::Merged => Ok(()),
    }
}

impl Act<'_> {
    pub fn escalate(&self, t: &Ticket, esc: &Escalation) -> Result<Transition, EscError> {
        let p = self.policy;
        live(t, "escalated")?;
        let reason = required(&esc.reason, Field::Reason)?;
        let current = p.level_rank(&t.level);
        let team = match &esc.team {
            None => None,
            Some(id) => Some(p.team(id).ok_or_else(|| unknown_team(p, id))?),
        };
        let mut level = match &esc.level {
            LevelTarget::Keep => t.level.clone(),
            LevelTarget::Up => {
                let up = current.map_or(0, |r| r + 1);
                match p.levels.get(up) {
                    Some(l) => l.id.clone(),
                    None => {
                        return Err(EscError::refused(format!(
                            "ticket #{} is already at the top level, {}; there is no level above it",
                            t.id,
                            p.level_label(&t.level)
                        )));
                    }
                }
            }
            LevelTarget::To(id) => {
                let Some(rank) = p.level_rank(id) else {
                    return Err(EscError::usage(format!(
                        "unknown level `{id}` (levels: {})",
                        Policy::ids(&p.levels)
                    )));
                };
                if current.is_some_and(|c| rank <= c) {
                    return Err(EscError::refused(format!(
                        "ticket #{} is already at {}; escalation goes up, and {} is not above it",
                        t.id,
                        p.level_label(&t.level),
                        id
                    )));
                }
                id.clone()
            }
        };
        if let Some(team) = team {
            if team.id == t.team && esc.level == LevelTarget::Keep {
                return Err(EscError::refused(format!(
                    "ticket #{} is already with team {}",
                    t.id, team.id
                ))
                .about(Field::Level));
            }
            // A team works at its level: a ticket moved there rises to it.
            if p.level_rank(&team.level) > p.level_rank(&level) {
                level = team.level.clone();
            }
        }
        let new_team = team.map_or(t.team.clone(), |team| team.id.clone());
        let kind = EscalationKind::of(new_team != t.team, level != t.level).ok_or_else(|| {
            EscError::usage("nothing to escalate: give a team or a level").about(Field::Target)
        })?;

        let mut n = self.next(t)?;
        n.team = new_team;
        if level != t.level {
            n.level = level;
            n.level_since = self.now;
        }
        n.assignee = esc.assignee.clone();
        n.last_escalated_at = Some(self.now);
        let mut e = self
            .event(t, EventKind::Escalated)
            .reason(Some(reason))
            .level(&t.level, &n.level)
            .team(&t.team, &n.team)
            .assignee(t.assignee.as_deref(), n.assignee.as_deref());
        e.escalation = Some(kind);
        // The team it moved to may name who hears of tickets sent to it,
        // and the person it was handed to may hear of it too.
        let mut told = match team.filter(|team| team.id != t.team) {
            Some(team) => p.recipients(&team.notify),
            None => Vec::new(),
        };
        for r in self.assignee_told(n.assignee.as_deref()) {
            if !told.iter().any(|x| x.name == r.name) {
                told.push(r);
            }
        }
        if !told.is_empty() {
            e = e.detail(Detail::Told(told));
        }
        self.one(n, e)
    }

    /// Take a live ticket down the ladder, with the reason the escalation
    /// was not needed. From a level whose resolutions need sign-off, only
    /// its signers may: otherwise going down would be a way around them.
    pub fn deescalate(&self, t: &Ticket, d: &Deescalation) -> Result<Transition, EscError> {
        let p = self.policy;
        live(t, "de-escalated")?;
        let reason = required(&d.reason, Field::Reason)?;
        let current = p.level_rank(&t.level);
        let level = match &d.level {
            None => match current.and_then(|r| r.checked_sub(1)) {
                Some(down) => p.levels[down].id.clone(),
                None => {
                    return Err(EscError::refused(format!(
                        "ticket #{} is at the lowest level, {}; there is no level below it",
                        t.id,
                        p.level_label(&t.level)
                    )));
                }
            },
            Some(id) => {
                let Some(rank) = p.level_rank(id) else {
                    return Err(EscError::usage(format!(
                        "unknown level `{id}` (levels: {})",
                        Policy::ids(&p.levels)
                    ))
                    .about(Field::Level));
                };
                if current.is_some_and(|c| rank >= c) {
                    return Err(EscError::refused(format!(
                        "ticket #{} is at {}; de-escalation goes down, and {id} is not below it",
                        t.id,
                        p.level_label(&t.level)
                    ))
                    .with_hint(
                        Hint::text("")
                            .act(Suggested::EscalateTo(t.id, id.clone()))
                            .then(" takes it up"),
                    ));
                }
                id.clone()
            }
        };
        if let Some(rule) = p.signoff_rule(&t.level) {
            let signers = p.signers(rule);
            if !signers.iter().any(|s| s == self.actor) {
                return Err(EscError::refused(format!(
                    "{} may not take ticket #{} down from {}: its resolutions need sign-off by {}, who decide whether it goes down",
                    self.actor,
                    t.id,
                    p.level_label(&t.level),
                    if signers.is_empty() { "nobody".into() } else { signers.join(" or ") }
                ))
                .with_hint(
                    Hint::text("one of them takes it down, as themselves: ")
                        .act(Suggested::Deescalate(t.id))
                        .then(" run by them"),
                ));
            }
        }
        let team = match &d.team {
            None => None,
            Some(id) => Some(p.team(id).ok_or_else(|| unknown_team(p, id))?),
        };
        let mut n = self.next(t)?;
        if let Some(team) = team {
            n.team = team.id.clone();
        }
        n.level = level;
        n.level_since = self.now;
        n.assignee = d.assignee.clone();
        let mut e = self
            .event(t, EventKind::Deescalated)
            .reason(Some(reason))
            .level(&t.level, &n.level)
            .team(&t.team, &n.team)
            .assignee(t.assignee.as_deref(), n.assignee.as_deref());
        let told = self.assignee_told(n.assignee.as_deref());
        if !told.is_empty() {
            e = e.detail(Detail::Told(told));
        }
        self.one(n, e)
    }
}
