//! What customers hear of their tickets: which events send the customer an
//! update, and its text, filled from the policy's template with the few
//! facts a customer may read. Pure: the engine decides, the store keeps
//! the text with the event, delivery sends it.

use crate::event::{Detail, EventData, EventKind};
use crate::policy::template::Field;
use crate::policy::{CustomerUpdate, Policy, UpdateOn};
use crate::ticket::{Status, Ticket};

/// An update for the customer, decided with the event that causes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Which of the transition's events it follows (its position).
    pub event: usize,
    /// The `[[customer_updates]]` entry it comes from.
    pub update: String,
    /// The customer's address.
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// The updates `events` (new, in order) send the customer of `ticket`, as
/// it stands after them: for each event, the first customer update that
/// follows it, to the customer's address and to each the ticket copies.
/// None without an address.
pub fn notices(policy: &Policy, ticket: &Ticket, events: &[EventData]) -> Vec<Notice> {
    let addresses: Vec<&String> = ticket.email.iter().chain(&ticket.cc).collect();
    let Some(to) = addresses.first() else {
        return Vec::new();
    };
    let once: Vec<Notice> = events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            if let Some(Detail::Mailed { .. }) = &e.detail {
                return Some(reply(ticket, i, e, to));
            }
            let update = policy.customer_updates.iter().find(|u| follows(u, e))?;
            let value = |f: Field| value(policy, ticket, e, f);
            Some(Notice {
                event: i,
                update: update.id.clone(),
                to: to.to_string(),
                subject: update
                    .subject
                    .fill(value)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                body: update.text.fill(value),
            })
        })
        .collect();
    once.into_iter()
        .flat_map(|n| {
            addresses.iter().map(move |a| Notice {
                to: a.to_string(),
                ..n.clone()
            })
        })
        .collect()
}

/// Reply template `reply` filled for `ticket` as it stands at `at`: the
/// text an agent sends with `esc respond --template`.
pub fn fill(
    policy: &Policy,
    ticket: &Ticket,
    reply: &crate::policy::template::Template,
    at: crate::clock::Instant,
) -> String {
    let now = EventData::new(EventKind::Responded, at, "", ticket.cycle);
    reply.fill(|f| value(policy, ticket, &now, f))
}

/// The word of the subject tag that brings a customer's answer back to its
/// ticket: `[esc #42]`.
pub const SUBJECT_TAG: &str = "esc";

/// The update id of an agent's reply by mail.
pub const REPLY: &str = "reply";

/// An agent's reply, `e`, as the customer receives it: their own words
/// back in the subject, with the tag that brings their answer to the
/// ticket (`[esc #42]`), and the agent's text.
fn reply(t: &Ticket, i: usize, e: &EventData, to: &str) -> Notice {
    let title = t.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = title.strip_prefix("Re: ").unwrap_or(&title);
    Notice {
        event: i,
        update: REPLY.to_string(),
        to: to.to_string(),
        subject: format!("Re: {title} [{SUBJECT_TAG} #{}]", t.id),
        body: e.reason.clone().unwrap_or_default(),
    }
}

fn follows(u: &CustomerUpdate, e: &EventData) -> bool {
    let status = e.status.as_ref();
    match u.on {
        UpdateOn::Opened => e.kind == EventKind::Opened,
        UpdateOn::Escalated => {
            e.kind == EventKind::Escalated
                && (u.teams.is_empty()
                    || e.team
                        .as_ref()
                        .and_then(|c| c.to.as_ref())
                        .is_some_and(|t| u.teams.contains(t)))
        }
        UpdateOn::Reopened => status.is_some_and(|s| {
            s.from == Some(Status::Resolved) && s.to.is_some_and(|to| to != Status::Resolved)
        }),
        UpdateOn::Resolved => status.is_some_and(|s| s.to == Some(Status::Resolved)),
    }
}

/// A field's value at event `e`: what the event changed, else the ticket.
fn value(p: &Policy, t: &Ticket, e: &EventData, field: Field) -> String {
    let changed = |c: &Option<crate::event::Change<String>>| c.as_ref().and_then(|c| c.to.clone());
    match field {
        Field::Ticket => t.id.to_string(),
        Field::Title => t.title.clone(),
        Field::Customer => t.customer.clone(),
        Field::Team => {
            let id = changed(&e.team).unwrap_or_else(|| t.team.clone());
            p.team(&id).map_or(id, |team| team.name.clone())
        }
        Field::Level => {
            let id = changed(&e.level).unwrap_or_else(|| t.level.clone());
            p.level(&id).map_or(id, |level| level.name.clone())
        }
        Field::Status => match e.status.as_ref().and_then(|s| s.to).unwrap_or(t.status) {
            Status::Open => "open",
            Status::Pending => "waiting for your reply",
            Status::AwaitingSignoff => "being reviewed",
            Status::Resolved => "resolved",
            Status::Merged => "merged with another request of yours",
        }
        .to_string(),
        Field::NextResponse => {
            // A target already past is no promise to make.
            let due = t.due.sla_at.filter(|due| *due > e.at);
            let zone = p
                .sla_for(t)
                .and_then(|rule| p.calendar(&rule.calendar))
                .map_or(chrono_tz::UTC, |c| c.timezone);
            match due {
                Some(due) => due
                    .with_timezone(&zone)
                    .format("%A %-d %B %Y, %H:%M %Z")
                    .to_string(),
                None => "as soon as we can".to_string(),
            }
        }
    }
}
