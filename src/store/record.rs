//! What every engine stores of a ticket, an event, a notification and a
//! policy version, and how each is read back, whatever the engine: the
//! column names both schemas share, the values written under them, and
//! the readers that take a row's columns in order. Each engine binds the
//! values and walks its rows its own way (see [`Columns`]); the mapping
//! lives here once, so the two cannot drift apart.

use anyhow::{Context, Result, anyhow};

use crate::clock::{Instant, from_unix};
use crate::event::{Change, Detail, Event, EventData, Recipient};
use crate::outbox::{Audience, Delivery, Notification};
use crate::stats::{Outcome, Stats};
use crate::store::PolicyVersion;
use crate::store::mail::{KeptMail, Undeliverable};
use crate::ticket::{Due, Ticket};

pub const TICKET_COLUMNS: &str = "id, title, description, customer, tier, channel, category, \
    priority, team, level, assignee, status, tags, cycle, opened_at, updated_at, level_since, \
    last_escalated_at, first_response_at, last_response_at, last_contact_at, contact_attempts, \
    pending_since, resolved_at, resolution, root_cause, csat, next_due_at, sla_due_at, \
    breached_at, due_digest, esc_count, esc_functional, esc_hierarchical, esc_automatic, \
    transfers, top_level, reopens, breaches, warnings, fr_outcome, res_outcome, fr_secs, \
    fr_business_secs, res_secs, res_business_secs, handlers, escalated_by, resolved_by, email, cc, merged_into, parent, related, watchers";
// (The eighteen before `email` are STATS_COLUMNS, read by `stats`.)

/// The report columns in the order [`stats`] reads them.
pub const STATS_COLUMNS: &str = "esc_count, esc_functional, esc_hierarchical, esc_automatic, \
    transfers, top_level, reopens, breaches, warnings, fr_outcome, res_outcome, fr_secs, \
    fr_business_secs, res_secs, res_business_secs, handlers, escalated_by, resolved_by";

pub const EVENT_COLUMNS: &str = "id, ticket_id, cycle, at, actor, kind, escalation, automatic, \
    from_level, to_level, from_team, to_team, from_assignee, to_assignee, from_status, \
    to_status, reason, detail, due_at, rule, policy_digest";

pub const NOTIFICATION_COLUMNS: &str = "id, ticket_id, event_id, recipient, role, queued_at, \
    status, attempts, next_attempt_at, last_error, sent_at, audience, subject, body, urgent";

pub const POLICY_COLUMNS: &str = "version, digest, text, applied_by, applied_at, message";

/// The names in a column list such as [`TICKET_COLUMNS`].
pub fn column_names(columns: &'static str) -> impl Iterator<Item = &'static str> {
    columns.split(',').map(str::trim)
}

/// A report's group key over the `tickets` table aliased `t`: its column,
/// or NULL for the one group of an ungrouped report.
pub fn key(by: Option<crate::report::GroupBy>) -> String {
    use crate::report::GroupBy;
    let Some(by) = by else {
        return "NULL".to_string();
    };
    let column = match by {
        GroupBy::Team => "team",
        GroupBy::Level => "level",
        GroupBy::Category => "category",
        GroupBy::Channel => "channel",
        GroupBy::Priority => "priority",
        GroupBy::Tier => "tier",
        GroupBy::Assignee => "assignee",
        GroupBy::RootCause => "root_cause",
        GroupBy::Customer => "customer",
    };
    format!("t.{column}")
}

/// `GROUP BY key` when grouped; nothing otherwise, which spares a sort.
pub fn group(by: Option<crate::report::GroupBy>) -> String {
    if by.is_some() {
        " GROUP BY key".into()
    } else {
        String::new()
    }
}

/// One stored value, as both engines can bind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Null,
    Int(i64),
    Text(String),
    /// A yes or no: an integer 0 or 1 in SQLite, a boolean in PostgreSQL.
    Flag(bool),
}

/// Ticket ids as one column holds them: a space between.
pub fn ids(ids: &[crate::ticket::TicketId]) -> String {
    ids.iter()
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Separates names in one column: people's names may hold spaces and commas.
pub const NAMES: &str = "\u{1f}";

/// A ticket's columns (all but `id`) and their values, in one order for
/// inserting and for finding what an update changed.
pub fn ticket_cells(t: &Ticket) -> [(&'static str, Cell); 54] {
    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
    fn maybe(s: &Option<String>) -> Cell {
        s.as_ref().map_or(Cell::Null, |s| Cell::Text(s.clone()))
    }
    fn time(t: Option<Instant>) -> Cell {
        t.map_or(Cell::Null, |t| Cell::Int(t.timestamp()))
    }
    fn int(n: impl Into<i64>) -> Cell {
        Cell::Int(n.into())
    }
    fn maybe_int(n: Option<i64>) -> Cell {
        n.map_or(Cell::Null, Cell::Int)
    }
    let s = &t.stats;
    [
        ("title", text(&t.title)),
        ("description", text(&t.description)),
        ("customer", text(&t.customer)),
        ("tier", text(&t.tier)),
        ("channel", text(t.channel.as_str())),
        ("category", text(&t.category)),
        ("priority", text(&t.priority)),
        ("team", text(&t.team)),
        ("level", text(&t.level)),
        ("assignee", maybe(&t.assignee)),
        ("status", text(t.status.as_str())),
        ("tags", Cell::Text(t.tags.join(" "))),
        ("cycle", int(t.cycle)),
        ("opened_at", time(Some(t.opened_at))),
        ("updated_at", time(Some(t.updated_at))),
        ("level_since", time(Some(t.level_since))),
        ("last_escalated_at", time(t.last_escalated_at)),
        ("first_response_at", time(t.first_response_at)),
        ("last_response_at", time(t.last_response_at)),
        ("last_contact_at", time(t.last_contact_at)),
        ("contact_attempts", int(t.contact_attempts)),
        ("pending_since", time(t.pending_since)),
        ("resolved_at", time(t.resolved_at)),
        ("resolution", maybe(&t.resolution)),
        ("root_cause", maybe(&t.root_cause)),
        ("csat", maybe_int(t.csat.map(i64::from))),
        ("next_due_at", time(t.due.next_at)),
        ("sla_due_at", time(t.due.sla_at)),
        ("breached_at", time(t.due.breached_at)),
        ("due_digest", maybe(&t.due.digest)),
        ("esc_count", int(s.escalations)),
        ("esc_functional", int(s.functional)),
        ("esc_hierarchical", int(s.hierarchical)),
        ("esc_automatic", int(s.automatic)),
        ("transfers", int(s.transfers)),
        ("top_level", text(&s.top_level)),
        ("reopens", int(s.reopens)),
        ("breaches", int(s.breaches)),
        ("warnings", int(s.warnings)),
        (
            "fr_outcome",
            s.first_response.map_or(Cell::Null, |o| text(o.as_str())),
        ),
        (
            "res_outcome",
            s.resolution.map_or(Cell::Null, |o| text(o.as_str())),
        ),
        ("fr_secs", maybe_int(s.first_response_secs)),
        (
            "fr_business_secs",
            maybe_int(s.first_response_business_secs),
        ),
        ("res_secs", maybe_int(s.resolution_secs)),
        ("res_business_secs", maybe_int(s.resolution_business_secs)),
        ("handlers", Cell::Text(s.handlers.join(NAMES))),
        ("escalated_by", Cell::Text(s.escalated_by.join(NAMES))),
        ("resolved_by", maybe(&s.resolved_by)),
        ("email", maybe(&t.email)),
        ("cc", Cell::Text(t.cc.join(" "))),
        ("merged_into", maybe_int(t.merged_into)),
        ("parent", maybe_int(t.parent)),
        ("related", Cell::Text(ids(&t.related))),
        ("watchers", Cell::Text(t.watchers.join(" "))),
    ]
}

/// The columns of an event other than its id and ticket, and their values.
pub fn event_cells(e: &EventData) -> [(&'static str, Cell); 19] {
    fn maybe(s: Option<&str>) -> Cell {
        s.map_or(Cell::Null, |s| Cell::Text(s.to_string()))
    }
    fn sides<T>(c: &Option<Change<T>>) -> (Option<&T>, Option<&T>) {
        c.as_ref()
            .map_or((None, None), |c| (c.from.as_ref(), c.to.as_ref()))
    }
    let (from_level, to_level) = sides(&e.level);
    let (from_team, to_team) = sides(&e.team);
    let (from_assignee, to_assignee) = sides(&e.assignee);
    let (from_status, to_status) = sides(&e.status);
    [
        ("cycle", Cell::Int(e.cycle.into())),
        ("at", Cell::Int(e.at.timestamp())),
        ("actor", Cell::Text(e.actor.clone())),
        ("kind", Cell::Text(e.kind.as_str().into())),
        ("escalation", maybe(e.escalation.map(|k| k.as_str()))),
        ("automatic", Cell::Flag(e.automatic)),
        ("from_level", maybe(from_level.map(String::as_str))),
        ("to_level", maybe(to_level.map(String::as_str))),
        ("from_team", maybe(from_team.map(String::as_str))),
        ("to_team", maybe(to_team.map(String::as_str))),
        ("from_assignee", maybe(from_assignee.map(String::as_str))),
        ("to_assignee", maybe(to_assignee.map(String::as_str))),
        ("from_status", maybe(from_status.map(|s| s.as_str()))),
        ("to_status", maybe(to_status.map(|s| s.as_str()))),
        ("reason", maybe(e.reason.as_deref())),
        (
            "detail",
            e.detail
                .as_ref()
                .map_or(Cell::Null, |d| Cell::Text(detail_json(d))),
        ),
        (
            "due_at",
            e.due_at.map_or(Cell::Null, |t| Cell::Int(t.timestamp())),
        ),
        ("rule", maybe(e.rule.as_deref())),
        ("policy_digest", maybe(e.policy.as_deref())),
    ]
}

/// An event's detail as the queue keeps it: JSON, the same as `--json` shows.
pub fn detail_json(d: &Detail) -> String {
    serde_json::to_string(d).expect("a detail is plain data")
}

/// A row's columns, taken in the order they were selected: by position,
/// because looking each up by name costs more than the rest of reading a
/// row. Each engine implements the two reads; the rest is shared.
pub trait Columns {
    /// The next column as a whole number, or NULL.
    fn int(&mut self) -> Result<Option<i64>>;
    /// The next column as text, or NULL.
    fn text(&mut self) -> Result<Option<String>>;
    /// Which column was read last, for errors: 0 is the first.
    fn position(&self) -> usize;

    /// The next column as text, or NULL, lent to `read`: an engine that
    /// can hand out the row's own bytes saves a copy for each value that
    /// only becomes an enum, which at a million rows is felt.
    fn text_with<T>(&mut self, read: impl FnOnce(Option<&str>) -> T) -> Result<T>
    where
        Self: Sized,
    {
        Ok(read(self.text()?.as_deref()))
    }

    fn required<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<Option<T>>) -> Result<T>
    where
        Self: Sized,
    {
        read(self)?.ok_or_else(|| anyhow!("column {} is NULL", self.position()))
    }

    fn number<T: TryFrom<i64>>(&mut self) -> Result<T>
    where
        Self: Sized,
    {
        let n = self.required(Self::int)?;
        T::try_from(n).map_err(|_| anyhow!("column {}: {n} is out of range", self.position()))
    }

    fn maybe_number<T: TryFrom<i64>>(&mut self) -> Result<Option<T>>
    where
        Self: Sized,
    {
        match self.int()? {
            None => Ok(None),
            Some(n) => T::try_from(n)
                .map(Some)
                .map_err(|_| anyhow!("column {}: {n} is out of range", self.position())),
        }
    }

    fn string(&mut self) -> Result<String>
    where
        Self: Sized,
    {
        self.required(Self::text)
    }

    /// The next column as a yes or no; SQLite keeps it as 0 or 1.
    fn flag(&mut self) -> Result<bool>
    where
        Self: Sized,
    {
        Ok(self.required(Self::int)? != 0)
    }

    fn instant(&mut self) -> Result<Instant>
    where
        Self: Sized,
    {
        Ok(from_unix(self.required(Self::int)?))
    }

    fn maybe_instant(&mut self) -> Result<Option<Instant>> {
        Ok(self.int()?.map(from_unix))
    }

    /// A text column holding one of the domain's enums.
    fn parsed<T: std::str::FromStr<Err = String>>(&mut self) -> Result<T>
    where
        Self: Sized,
    {
        self.required(Self::maybe_parsed)
    }

    fn maybe_parsed<T: std::str::FromStr<Err = String>>(&mut self) -> Result<Option<T>>
    where
        Self: Sized,
    {
        self.text_with(|text| text.map(str::parse).transpose())?
            .map_err(|e: String| anyhow!("column {}: {e}", self.position()))
    }
}

fn names(text: String) -> Vec<String> {
    text.split(NAMES)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// A ticket from a row of [`TICKET_COLUMNS`], in that order.
pub fn ticket(c: &mut impl Columns) -> Result<Ticket> {
    let id = c.required(Columns::int).context("reading a ticket")?;
    ticket_after_id(id, c).map_err(|e| {
        crate::store::Damaged {
            ticket: id,
            column: column_names(TICKET_COLUMNS)
                .nth(c.position())
                .unwrap_or("?"),
            why: match e.root_cause().to_string() {
                why if why.contains("utf-8") || why.contains("UTF-8") => "not UTF-8 text".into(),
                why => why,
            },
        }
        .into()
    })
}

fn ticket_after_id(id: crate::ticket::TicketId, c: &mut impl Columns) -> Result<Ticket> {
    Ok::<_, anyhow::Error>(Ticket {
        id,
        title: c.string()?,
        description: c.string()?,
        customer: c.string()?,
        tier: c.string()?,
        channel: c.parsed()?,
        category: c.string()?,
        priority: c.string()?,
        team: c.string()?,
        level: c.string()?,
        assignee: c.text()?,
        status: c.parsed()?,
        tags: c.string()?.split_whitespace().map(str::to_string).collect(),
        cycle: c.number()?,
        opened_at: c.instant()?,
        updated_at: c.instant()?,
        level_since: c.instant()?,
        last_escalated_at: c.maybe_instant()?,
        first_response_at: c.maybe_instant()?,
        last_response_at: c.maybe_instant()?,
        last_contact_at: c.maybe_instant()?,
        contact_attempts: c.number()?,
        pending_since: c.maybe_instant()?,
        resolved_at: c.maybe_instant()?,
        resolution: c.text()?,
        root_cause: c.text()?,
        csat: c.maybe_number()?,
        due: Due {
            next_at: c.maybe_instant()?,
            sla_at: c.maybe_instant()?,
            breached_at: c.maybe_instant()?,
            digest: c.text()?,
        },
        stats: stats(c)?,
        email: c.text()?,
        cc: c.string()?.split_whitespace().map(str::to_string).collect(),
        merged_into: c.int()?,
        parent: c.int()?,
        related: c
            .string()?
            .split_whitespace()
            .map(|id| id.parse().map_err(|_| anyhow!("`{id}` is not a ticket id")))
            .collect::<Result<_>>()?,
        watchers: c.string()?.split_whitespace().map(str::to_string).collect(),
    })
}

/// The report columns, [`STATS_COLUMNS`] in that order.
pub fn stats(c: &mut impl Columns) -> Result<Stats> {
    Ok(Stats {
        escalations: c.number()?,
        functional: c.number()?,
        hierarchical: c.number()?,
        automatic: c.number()?,
        transfers: c.number()?,
        top_level: c.string()?,
        reopens: c.number()?,
        breaches: c.number()?,
        warnings: c.number()?,
        first_response: c.text_with(|t| t.and_then(Outcome::parse))?,
        resolution: c.text_with(|t| t.and_then(Outcome::parse))?,
        first_response_secs: c.int()?,
        first_response_business_secs: c.int()?,
        resolution_secs: c.int()?,
        resolution_business_secs: c.int()?,
        handlers: names(c.string()?),
        escalated_by: names(c.string()?),
        resolved_by: c.text()?,
    })
}

fn change<T>(from: Option<T>, to: Option<T>) -> Option<Change<T>> {
    (from.is_some() || to.is_some()).then_some(Change { from, to })
}

/// An event from a row of [`EVENT_COLUMNS`], in that order.
pub fn event(c: &mut impl Columns) -> Result<Event> {
    let (id, ticket, cycle, at, actor, kind) = (
        c.required(Columns::int)?,
        c.required(Columns::int)?,
        c.number()?,
        c.instant()?,
        c.string()?,
        c.parsed()?,
    );
    let (escalation, automatic) = (c.maybe_parsed()?, c.flag()?);
    let level = change(c.text()?, c.text()?);
    let team = change(c.text()?, c.text()?);
    let assignee = change(c.text()?, c.text()?);
    let status = change(c.maybe_parsed()?, c.maybe_parsed()?);
    let reason = c.text()?;
    let detail: Option<Detail> = match c.text()? {
        None => None,
        Some(json) => Some(serde_json::from_str(&json).context("reading an event's detail")?),
    };
    Ok(Event {
        id,
        ticket,
        data: EventData {
            at,
            actor,
            kind,
            cycle,
            escalation,
            automatic,
            level,
            team,
            assignee,
            status,
            reason,
            detail,
            due_at: c.maybe_instant()?,
            rule: c.text()?,
            policy: c.text()?,
        },
    })
}

/// A notification from a row of [`NOTIFICATION_COLUMNS`], in that order.
pub fn notification(c: &mut impl Columns) -> Result<Notification> {
    Ok(Notification {
        id: c.required(Columns::int)?,
        ticket: c.required(Columns::int)?,
        event: c.required(Columns::int)?,
        recipient: Recipient {
            name: c.string()?,
            role: c.text()?,
        },
        queued_at: c.instant()?,
        status: c.string()?.parse::<Delivery>().unwrap_or(Delivery::Pending),
        attempts: c.number()?,
        next_attempt_at: c.instant()?,
        last_error: c.text()?,
        sent_at: c.maybe_instant()?,
        audience: c.string()?.parse::<Audience>().unwrap_or(Audience::Person),
        update: match (c.text()?, c.text()?) {
            (Some(subject), Some(body)) => Some(crate::outbox::Message { subject, body }),
            _ => None,
        },
        urgent: c.flag()?,
    })
}

/// A policy version from a row of [`POLICY_COLUMNS`], in that order.
pub fn policy(c: &mut impl Columns) -> Result<PolicyVersion> {
    Ok(PolicyVersion {
        version: c.number()?,
        digest: c.string()?,
        text: c.string()?,
        applied_by: c.string()?,
        applied_at: c.instant()?,
        message: c.text()?,
    })
}

/// Kept mail from a row of `id, message_id, ticket_id, event_id, at,
/// sender, cc, subject, filed, note` and the size of its bytes, in that
/// order (each engine spells the size its own way).
pub fn kept_mail(c: &mut impl Columns) -> Result<KeptMail> {
    Ok(KeptMail {
        id: c.required(Columns::int)?,
        message_id: c.string()?,
        ticket: c.int()?,
        event: c.int()?,
        at: c.instant()?,
        sender: c.string()?,
        cc: c
            .string()?
            .split(NAMES)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect(),
        subject: c.string()?,
        filed: c.parsed()?,
        note: c.text()?,
        size: c.number()?,
    })
}

/// An undeliverable address from a row of `address, since, reason`.
/// A ledger row: schedule, occurrence, ticket_id, at.
pub fn occurrence(c: &mut impl Columns) -> Result<crate::recurrence::Occurrence> {
    Ok(crate::recurrence::Occurrence {
        schedule: c.string()?,
        occurrence: c.string()?,
        ticket: c.int()?,
        at: c.instant()?,
    })
}

pub fn undeliverable(c: &mut impl Columns) -> Result<Undeliverable> {
    Ok(Undeliverable {
        address: c.string()?,
        since: c.instant()?,
        reason: c.string()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_values_written_come_in_the_order_the_readers_read() {
        let t = crate::sample::unanswered(
            &crate::policy::Policy::embedded(),
            1,
            crate::clock::from_unix(1_795_000_000),
        );
        let written: Vec<&str> = ticket_cells(&t.0).iter().map(|(c, _)| *c).collect();
        let read: Vec<&str> = column_names(TICKET_COLUMNS).skip(1).collect();
        assert_eq!(written, read);
        let written: Vec<&str> = event_cells(&t.1[0]).iter().map(|(c, _)| *c).collect();
        let read: Vec<&str> = column_names(EVENT_COLUMNS).skip(2).collect();
        assert_eq!(written, read);
    }
}
