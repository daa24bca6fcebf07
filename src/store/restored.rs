//! An export is input: before a ticket of one comes into a queue, every
//! field is checked by the rules of the command that makes it, its log
//! must run forward in time from its opening and lead to the state it
//! claims, and a notification waiting in it may go only to someone the
//! ticket or the queue's policy names. Pure: the restored ticket and the
//! policy come in, the first problem goes out.

use std::collections::{BTreeSet, HashSet};

use crate::event::{Detail, EditedField, EventKind};
use crate::outbox::{Audience, Delivery};
use crate::policy::Policy;
use crate::store::Restored;
use crate::store::mail::{ExportedMail, Loose};
use crate::ticket::{
    Status, TicketId, check_email, check_name, check_one_line, check_size, check_tag, limits,
};

/// The ids the export's lines have used so far: each names one thing.
#[derive(Debug, Default)]
pub struct Seen {
    tickets: HashSet<TicketId>,
    events: HashSet<i64>,
    notifications: HashSet<i64>,
}

/// The first reason `r` may not come into a queue governed by `policy`,
/// if there is one.
pub fn check(r: &Restored, policy: &Policy, seen: &mut Seen) -> Result<(), String> {
    let t = &r.ticket;
    if !seen.tickets.insert(t.id) {
        return Err(format!("ticket #{} appears twice in the export", t.id));
    }
    fields(r).map_err(|e| format!("ticket #{}: {e}", t.id))?;
    log(r, seen).map_err(|e| format!("ticket #{}: {e}", t.id))?;
    notifications(r, policy, seen).map_err(|e| format!("ticket #{}: {e}", t.id))?;
    let events: HashSet<i64> = r.events.iter().map(|e| e.id).collect();
    for m in &r.mail {
        mail(m).map_err(|e| format!("ticket #{}: {e}", t.id))?;
        if let Some(e) = m.event
            && !events.contains(&e)
        {
            return Err(format!(
                "ticket #{}: message <{}> names event {e}, which is not in its log",
                t.id, m.message_id
            ));
        }
    }
    Ok(())
}

/// The mail on no ticket, and the addresses that bounced, as an export's
/// header holds them.
pub fn check_loose(loose: &Loose) -> Result<(), String> {
    for m in &loose.mail {
        mail(m)?;
        if m.event.is_some() {
            return Err(format!(
                "message <{}> is on no ticket but names an event",
                m.message_id
            ));
        }
    }
    for u in &loose.undeliverable {
        check_email(&u.address)?;
        check_size("a bounce's reason", &u.reason, limits::TEXT, "")?;
    }
    for o in &loose.occurrences {
        check_tag(&o.schedule)
            .map_err(|e| format!("the ledger names a recurring ticket oddly: {e}"))?;
        if o.occurrence.parse::<chrono::NaiveDate>().is_err() {
            return Err(format!(
                "the ledger's occurrence `{}` of {} is not a date",
                crate::output::visible(&o.occurrence),
                o.schedule
            ));
        }
    }
    Ok(())
}

/// A kept message as `esc mail receive` could have kept it.
fn mail(m: &ExportedMail) -> Result<(), String> {
    let id = &m.message_id;
    if id.trim().is_empty() || id.len() > 250 || id.chars().any(char::is_control) {
        return Err(format!(
            "a message's Message-ID `{}` is not one esc keeps",
            crate::output::visible(id)
        ));
    }
    let fix = "an export holds what esc let in; this one was written otherwise";
    for (what, text) in [("sender", &m.sender), ("subject", &m.subject)] {
        check_size(what, text, 1000, fix).map_err(|e| format!("message <{id}>: {e}"))?;
        check_one_line(what, text).map_err(|e| format!("message <{id}>: {e}"))?;
    }
    if m.cc.len() > 1000 {
        return Err(format!("message <{id}> copies more than 1,000 addresses"));
    }
    if m.raw
        .as_ref()
        .is_some_and(|r| r.len() / 4 * 3 > limits::MESSAGE)
    {
        return Err(format!(
            "message <{id}> is larger than esc takes in (64 MiB)"
        ));
    }
    m.to_keep(None, None).map(|_| ())
}

/// Each field as the command that sets it checks it.
fn fields(r: &Restored) -> Result<(), String> {
    let t = &r.ticket;
    let fix = "an export holds what esc let in; this one was written otherwise";
    if t.title.trim().is_empty() {
        return Err("its title is empty".into());
    }
    check_size("title", &t.title, limits::TITLE, fix)?;
    check_size("description", &t.description, limits::TEXT, fix)?;
    if t.customer.trim().is_empty() {
        return Err("its customer is empty".into());
    }
    check_size("customer", &t.customer, limits::CUSTOMER, fix)?;
    check_one_line("title", &t.title)?;
    check_one_line("customer's name", &t.customer)?;
    if let Some(email) = &t.email {
        check_email(email)?;
    }
    if t.tags.len() > limits::TAGS {
        return Err(format!(
            "it has {} tags; esc keeps at most {}",
            t.tags.len(),
            limits::TAGS
        ));
    }
    for tag in &t.tags {
        check_tag(tag)?;
    }
    if let Some(who) = &t.assignee {
        check_name(who)?;
    }
    if t.cc.len() > limits::CC {
        return Err(format!(
            "it copies {} addresses; esc keeps at most {}",
            t.cc.len(),
            limits::CC
        ));
    }
    for address in &t.cc {
        check_email(address)?;
    }
    if (t.status == Status::Merged) != t.merged_into.is_some() {
        return Err(format!(
            "it is {}, yet names {} ticket it was merged into",
            t.status,
            if t.merged_into.is_some() { "a" } else { "no" }
        ));
    }
    for (what, text) in [("resolution", &t.resolution), ("root cause", &t.root_cause)] {
        if let Some(text) = text {
            check_size(what, text, limits::TEXT, fix)?;
        }
    }
    if t.csat.is_some_and(|c| !(1..=5).contains(&c)) {
        return Err("its CSAT score is not 1 to 5".into());
    }
    for e in &r.events {
        check_name(&e.data.actor)?;
        if let Some(reason) = &e.data.reason {
            check_size("reason", reason, limits::TEXT, fix)?;
        }
        if let Some(c) = &e.data.assignee {
            for who in [&c.from, &c.to].into_iter().flatten() {
                check_name(who)?;
            }
        }
    }
    Ok(())
}

/// The log starts with the opening, runs forward in time, belongs to this
/// ticket, and its changes lead to the state the ticket claims.
fn log(r: &Restored, seen: &mut Seen) -> Result<(), String> {
    let t = &r.ticket;
    let Some(first) = r.events.first() else {
        return Err("its log is empty: a ticket starts with its opening".into());
    };
    if first.data.kind != EventKind::Opened || first.data.at != t.opened_at {
        return Err(format!(
            "its log starts with {} at {}, not with its opening at {}",
            first.data.kind,
            crate::clock::rfc3339(first.data.at),
            crate::clock::rfc3339(t.opened_at)
        ));
    }
    let mut last = first.data.at;
    let mut cycle = 1;
    let mut status = None;
    let mut level = None;
    let mut team = None;
    let mut assignee = None;
    for e in &r.events {
        if e.ticket != t.id {
            return Err(format!(
                "event {} names ticket #{} in ticket #{}'s log",
                e.id, e.ticket, t.id
            ));
        }
        if !seen.events.insert(e.id) {
            return Err(format!("event {} appears twice in the export", e.id));
        }
        let d = &e.data;
        // A delivery is dated when its round began, and may be recorded
        // after a change made meanwhile: it keeps to the ticket's life.
        if d.kind == EventKind::Notified {
            if d.at < t.opened_at {
                return Err(format!(
                    "event {} is dated before the ticket's opening",
                    e.id
                ));
            }
        } else if d.at < last {
            return Err(format!(
                "event {} ({}) is dated {}, before the event it follows ({})",
                e.id,
                d.kind,
                crate::clock::rfc3339(d.at),
                crate::clock::rfc3339(last)
            ));
        }
        if d.kind != EventKind::Notified {
            last = d.at;
        }
        if d.cycle < cycle || d.cycle > t.cycle {
            return Err(format!(
                "event {} belongs to cycle {}, out of the order of its cycles",
                e.id, d.cycle
            ));
        }
        cycle = d.cycle;
        follow(
            e.id,
            "status",
            &mut status,
            &d.status
                .as_ref()
                .map(|c| (c.from.map(|s| s.to_string()), c.to.map(|s| s.to_string()))),
        )?;
        follow(e.id, "level", &mut level, &pair(&d.level))?;
        follow(e.id, "team", &mut team, &pair(&d.team))?;
        follow(e.id, "assignee", &mut assignee, &pair(&d.assignee))?;
    }
    let claims = [
        ("status", Some(t.status.to_string()), status),
        ("level", Some(t.level.clone()), level),
        ("team", Some(t.team.clone()), team),
        ("assignee", t.assignee.clone(), assignee),
    ];
    for (field, ticket, logged) in claims {
        if ticket != logged {
            return Err(format!(
                "its {field} is {}, where its log leads to {}",
                shown(&ticket),
                shown(&logged)
            ));
        }
    }
    Ok(())
}

fn pair(c: &Option<crate::event::Change<String>>) -> Option<(Option<String>, Option<String>)> {
    c.as_ref().map(|c| (c.from.clone(), c.to.clone()))
}

/// One change of `field` in the log: it starts where the last one ended.
fn follow(
    event: i64,
    field: &str,
    was: &mut Option<String>,
    change: &Option<(Option<String>, Option<String>)>,
) -> Result<(), String> {
    let Some((from, to)) = change else {
        return Ok(());
    };
    if from.is_none() && to.is_none() {
        return Ok(());
    }
    if from != was {
        return Err(format!(
            "event {event} changes its {field} from {}, where the log had {}",
            shown(from),
            shown(was)
        ));
    }
    *was = to.clone();
    Ok(())
}

fn shown(value: &Option<String>) -> String {
    value.as_deref().map_or("nothing".to_string(), |v| {
        format!("`{}`", crate::output::visible(v))
    })
}

/// Notifications belong to the ticket's own events; one still waiting
/// goes only to someone the ticket or the policy names: a customer's to
/// an address the ticket has had, a person's to someone the policy names
/// or who had the ticket.
fn notifications(r: &Restored, policy: &Policy, seen: &mut Seen) -> Result<(), String> {
    let t = &r.ticket;
    let events: HashSet<i64> = r.events.iter().map(|e| e.id).collect();
    let mut addresses: BTreeSet<&str> = t.email.as_deref().into_iter().collect();
    let mut people: BTreeSet<&str> = policy.people.keys().map(String::as_str).collect();
    people.extend(policy.roles.values().flatten().map(String::as_str));
    people.extend(t.assignee.as_deref());
    for e in &r.events {
        if let Some(c) = &e.data.assignee {
            people.extend([&c.from, &c.to].into_iter().flatten().map(String::as_str));
        }
        if let Some(Detail::Edited(edits)) = &e.data.detail {
            for edit in edits.iter().filter(|e| e.field == EditedField::Email) {
                addresses.extend(
                    [&edit.change.from, &edit.change.to]
                        .into_iter()
                        .flatten()
                        .map(String::as_str),
                );
            }
        }
    }
    for n in &r.notifications {
        if !seen.notifications.insert(n.id) {
            return Err(format!("notification {} appears twice in the export", n.id));
        }
        if n.ticket != t.id || !events.contains(&n.event) {
            return Err(format!(
                "notification {} is not for one of the ticket's events",
                n.id
            ));
        }
        if n.status != Delivery::Pending {
            continue;
        }
        let to = n.recipient.name.as_str();
        // An erased customer's update waits for no one: it goes nowhere.
        if to == crate::event::REDACTED {
            continue;
        }
        let named = match n.audience {
            Audience::Customer => addresses.contains(to),
            Audience::Person => people.contains(to),
        };
        if !named {
            return Err(format!(
                "notification {} waits to go to `{}`, whom neither the ticket nor the policy names; \
                 esc sends nothing to someone an export alone names",
                n.id,
                crate::output::visible(to)
            ));
        }
    }
    Ok(())
}
