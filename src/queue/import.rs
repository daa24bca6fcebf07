//! An export put back: which policy versions govern what it brings, and
//! each ticket derived again from its log (due times and figures are
//! never trusted from the file), all in one transaction.

use anyhow::Result;

use super::Queue;
use crate::automation::Engine;
use crate::clock::Instant;
use crate::error::EscError;
use crate::event::{EventData, EventKind, RuleKind, history};
use crate::policy::Policy;
use crate::store::{PolicyVersion, Restored, Restoring};
use crate::ticket::Ticket;

/// A policy version and when it took over (`None`: from the start).
struct Governed {
    from: Option<Instant>,
    policy: Policy,
}

/// The policy versions that govern imported tickets, oldest first.
pub struct Governing {
    versions: Vec<Governed>,
    /// The queue's own policy governs (it holds tickets), not the export's.
    queues: bool,
}

impl Governing {
    /// The version in force: what imported tickets are checked against.
    pub fn in_force(&self) -> &Policy {
        &self.versions.last().expect("one version at least").policy
    }

    /// Whether the queue's own policy governs, the queue holding tickets.
    pub fn is_the_queues(&self) -> bool {
        self.queues
    }
}

/// What an import did.
pub struct Imported {
    pub restoring: Restoring,
    /// Events the export brought.
    pub events: usize,
    /// Tickets marked imported, so that their past fires nothing here.
    pub marked: usize,
}

impl Queue {
    /// Who governs what an export brings: into a new queue, the export's
    /// own `versions` (oldest first, the last in force; a version whose
    /// rules no longer read governs as the one in force does); into a
    /// queue with tickets, the queue's policy in force.
    pub fn governing(&self, versions: &[PolicyVersion]) -> Result<Governing> {
        if self.store()?.has_tickets()? {
            let active = self.active()?;
            return Ok(Governing {
                versions: vec![Governed {
                    from: None,
                    policy: (*active.policy).clone(),
                }],
                queues: true,
            });
        }
        let last = versions
            .last()
            .ok_or_else(|| EscError::usage("the export holds no policy"))?;
        let in_force = Policy::parse(
            &last.text,
            &format!("the export's policy version {}", last.version),
        )
        .map_err(EscError::from)?;
        let mut governing: Vec<Governed> = versions[..versions.len() - 1]
            .iter()
            .map(|v| Governed {
                from: (v.version > 1).then_some(v.applied_at),
                policy: Policy::parse(&v.text, &format!("policy version {}", v.version))
                    .unwrap_or_else(|_| in_force.clone()),
            })
            .collect();
        governing.push(Governed {
            from: (last.version > 1).then_some(last.applied_at),
            policy: in_force,
        });
        Ok(Governing {
            versions: governing,
            queues: false,
        })
    }

    /// Add tickets brought from another help desk, each with its log, as
    /// `actor`, in one transaction; how many. Their past fires nothing
    /// here: each is marked imported now and settled by the policy in
    /// force, so what it breached is kept as fact.
    pub fn import(&self, actor: &str, tickets: Vec<(Ticket, Vec<EventData>)>) -> Result<usize> {
        let active = self.active()?;
        let engine = Engine::new(&active.policy, self.now).since(active.since);
        let mut settled = tickets.into_iter().map(|(mut ticket, mut log)| {
            let mark = EventData::new(
                EventKind::Imported,
                self.now.max(ticket.updated_at),
                actor,
                ticket.cycle,
            );
            ticket.updated_at = mark.at;
            log.push(mark);
            let (ticket, _) = engine.settle(ticket, &mut log);
            (ticket, log)
        });
        self.store()?.import(&mut settled)
    }

    /// Put an export's tickets back, as `actor`, under `governing`. Each
    /// is the ticket the old queue last wrote, derived by the version that
    /// derived it there: what came due since is the next tick's, here as
    /// there. With `settle_overdue`, a ticket whose steps or triggers came
    /// due meanwhile is marked imported instead, so that they fire nothing.
    pub fn restore(
        &self,
        actor: &str,
        versions: &[PolicyVersion],
        governing: &Governing,
        settle_overdue: bool,
        loose: &crate::store::mail::Loose,
        tickets: &mut dyn Iterator<Item = Result<Restored>>,
    ) -> Result<Imported> {
        let now = self.now;
        let (mut events, mut marked) = (0, 0);
        let g = &governing.versions;
        let in_force = g.last().expect("one version at least");
        let mut settle = |r: &Restored| -> Result<(Ticket, Vec<EventData>)> {
            events += r.events.len();
            let mut log = history(&r.events);
            if !settle_overdue {
                // Derived by the version that derived it there (a tick
                // derives a ticket again under a new version without
                // changing it), or else by the one in force at its last
                // change.
                let at = r.ticket.updated_at;
                let then = g
                    .iter()
                    .rposition(|g| r.ticket.due.digest.as_deref() == Some(&g.policy.digest[..16]))
                    .or_else(|| g.iter().rposition(|g| g.from.is_none_or(|from| from <= at)))
                    .unwrap_or(0);
                let engine = Engine::new(&g[then].policy, at).since(g[then].from);
                return Ok((engine.derive(r.ticket.clone(), &log), Vec::new()));
            }
            let engine = Engine::new(&in_force.policy, now).since(in_force.from);
            let (ticket, new) = engine.settle(r.ticket.clone(), &mut log);
            let fired = new.iter().any(|e| {
                e.rule
                    .as_deref()
                    .and_then(|k| k.parse::<crate::event::RuleKey>().ok())
                    .is_some_and(|k| matches!(k.kind, RuleKind::Step | RuleKind::Trigger))
            });
            if !fired {
                // Nothing of the old help desk's past would fire: the facts
                // that came due (warnings, breaches) are kept as they are.
                return Ok((ticket, new));
            }
            marked += 1;
            let mut log = history(&r.events);
            let mark = EventData::new(
                EventKind::Imported,
                now.max(r.ticket.updated_at),
                actor,
                r.ticket.cycle,
            );
            log.push(mark.clone());
            let mut ticket = r.ticket.clone();
            ticket.updated_at = mark.at;
            let (ticket, new) = engine.settle(ticket, &mut log);
            Ok((ticket, std::iter::once(mark).chain(new).collect()))
        };
        let restoring = self
            .store()?
            .restore(versions, loose, tickets, &mut settle)?;
        Ok(Imported {
            restoring,
            events,
            marked,
        })
    }
}
