//! The rules of a ticket's life: what each agent command does to a ticket in
//! its current state, and what it refuses. Pure: the policy, the actor and
//! the instant come in; a new ticket state and its events go out.

use crate::clock::{Instant, rfc3339};
use crate::error::{EscError, Field, Hint, Problem, Suggested};
use crate::event::{Change, Detail, Edit, EditedField, EscalationKind, EventData, EventKind, Sent};
use crate::policy::{Item, Policy};
use crate::ticket::{
    Channel, Status, Ticket, check_email, check_one_line, check_size, check_tag, limits,
};

/// A new state for a ticket and the events that explain it; the store
/// writes both in one transaction.
#[derive(Debug, Clone)]
pub struct Transition {
    pub ticket: Ticket,
    pub events: Vec<EventData>,
    /// Updates for the customer the events send, kept with them.
    pub notices: Vec<crate::customer::Notice>,
}

impl Transition {
    /// This change, then `next` (decided on this one's ticket), as one.
    pub fn then(mut self, next: Transition) -> Transition {
        self.ticket = next.ticket;
        self.events.extend(next.events);
        self.notices.extend(next.notices);
        self
    }
}

/// What an agent gives when opening a ticket; `None` takes the policy's
/// default.
#[derive(Debug, Clone)]
pub struct NewTicket {
    pub title: String,
    pub description: String,
    pub customer: String,
    pub email: Option<String>,
    pub tier: Option<String>,
    pub channel: Channel,
    pub category: String,
    pub priority: Option<String>,
    pub team: Option<String>,
    pub assignee: Option<String>,
    pub tags: Vec<String>,
}

/// What `esc edit` corrects; `None` (or no tags) keeps what the ticket says.
#[derive(Debug, Clone, Default)]
pub struct Correction {
    pub title: Option<String>,
    pub description: Option<String>,
    pub customer: Option<String>,
    /// `Some(None)` forgets the address.
    pub email: Option<Option<String>>,
    pub tier: Option<String>,
    pub channel: Option<Channel>,
    pub category: Option<String>,
    pub priority: Option<String>,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
    /// Addresses to copy on the customer's updates, and to stop copying.
    pub add_cc: Vec<String>,
    pub remove_cc: Vec<String>,
    /// Why: required when the edit moves the ticket to another SLA rule.
    pub reason: Option<String>,
}

/// One person acting on the queue at one instant under one policy.
pub struct Act<'a> {
    pub policy: &'a Policy,
    pub actor: &'a str,
    pub now: Instant,
}

impl Act<'_> {
    fn event(&self, t: &Ticket, kind: EventKind) -> EventData {
        EventData::new(kind, self.now, self.actor, t.cycle)
    }

    /// A copy of the ticket to change, after checking that time runs forward:
    /// a change dated before the ticket's last one would scramble its timeline.
    fn next(&self, t: &Ticket) -> Result<Ticket, EscError> {
        if let Some(into) = t.merged_into.filter(|_| t.status == Status::Merged) {
            return Err(EscError::refused(format!(
                "ticket #{} was merged into #{into}, which carries on its request",
                t.id
            ))
            .with_hint(
                Hint::text("work on it there (")
                    .act(Suggested::Show(into))
                    .then("), or undo the merge with ")
                    .act(Suggested::Unmerge(t.id)),
            ));
        }
        self.next_any(t)
    }

    /// [`Act::next`] for a ticket in any state: a merge's own moves.
    fn next_any(&self, t: &Ticket) -> Result<Ticket, EscError> {
        if self.now < t.updated_at {
            return Err(EscError::refused(format!(
                "the time given ({}) is before ticket #{}'s last change ({})",
                rfc3339(self.now),
                t.id,
                rfc3339(t.updated_at)
            ))
            .about(Field::Now));
        }
        let mut n = t.clone();
        n.updated_at = self.now;
        Ok(n)
    }

    fn one(&self, ticket: Ticket, event: EventData) -> Result<Transition, EscError> {
        if let Some(text) = &event.reason {
            check_size(
                "text",
                text,
                limits::TEXT,
                "keep the gist here and link to the rest",
            )
            .map_err(EscError::usage)?;
        }
        check_tag_count(&ticket.tags)?;
        // The customer's updates are decided once the automation around
        // this change has run too: `Engine::transition`.
        Ok(Transition {
            ticket,
            events: vec![event],
            notices: Vec::new(),
        })
    }

    /// The new assignee, when the policy tells assignees and it is not the
    /// one acting (nobody needs telling what they did themselves).
    fn assignee_told(&self, to: Option<&str>) -> Vec<crate::event::Recipient> {
        to.filter(|who| self.policy.notify_assigned && *who != self.actor)
            .map(|who| crate::event::Recipient {
                name: who.to_string(),
                role: None,
            })
            .into_iter()
            .collect()
    }

    /// Refuse work on a resolved ticket, pointing at `esc reopen`.
    fn not_resolved(&self, t: &Ticket, doing: &str) -> Result<(), EscError> {
        if t.status == Status::Resolved {
            return Err(
                EscError::refused(format!("ticket #{} is resolved; cannot {doing}", t.id))
                    .with_hint(
                        Hint::text("")
                            .act(Suggested::Reopen(t.id))
                            .then(" reopens it first"),
                    ),
            );
        }
        Ok(())
    }

    pub fn open(&self, new: NewTicket) -> Result<(Ticket, EventData), EscError> {
        let p = self.policy;
        let title = required(&new.title, Field::Title)?;
        let customer = required(&new.customer, Field::Customer)?;
        if let Some(address) = &new.email {
            check_email(address).map_err(|e| EscError::usage(e).about(Field::Email))?;
        }
        for (what, text, max, fix) in [
            (
                "title",
                &title,
                limits::TITLE,
                "put the details in the description",
            ),
            (
                "customer",
                &customer,
                limits::CUSTOMER,
                "give a name or an account id",
            ),
            (
                "description",
                &new.description,
                limits::TEXT,
                "keep the gist here and link to the rest",
            ),
        ] {
            check_size(what, text, max, fix).map_err(EscError::usage)?;
        }
        check_one_line("title", &title).map_err(EscError::usage)?;
        check_one_line("customer's name", &customer).map_err(EscError::usage)?;
        let category = known(&p.categories, &new.category, Field::Category)?;
        let priority = known(
            &p.priorities,
            new.priority.as_deref().unwrap_or(&p.defaults.priority),
            Field::Priority,
        )?;
        let tier = known(
            &p.tiers,
            new.tier.as_deref().unwrap_or(&p.defaults.tier),
            Field::Tier,
        )?;
        let team_id = new.team.as_deref().unwrap_or(&p.defaults.team);
        let team = p.team(team_id).ok_or_else(|| unknown_team(p, team_id))?;
        let mut tags = Vec::new();
        for tag in new.tags {
            check_tag(&tag).map_err(EscError::usage)?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        check_tag_count(&tags)?;
        let ticket = Ticket {
            id: 0,
            title,
            description: new.description.trim().to_string(),
            customer,
            email: new.email,
            tier,
            channel: new.channel,
            category,
            priority,
            team: team.id.clone(),
            level: team.level.clone(),
            assignee: new.assignee.clone(),
            status: Status::Open,
            tags,
            cc: Vec::new(),
            merged_into: None,
            parent: None,
            related: Vec::new(),
            watchers: Vec::new(),
            cycle: 1,
            opened_at: self.now,
            updated_at: self.now,
            level_since: self.now,
            last_escalated_at: None,
            first_response_at: None,
            last_response_at: None,
            last_contact_at: None,
            contact_attempts: 0,
            pending_since: None,
            resolved_at: None,
            resolution: None,
            root_cause: None,
            csat: None,
            due: Default::default(),
            stats: Default::default(),
        };
        let mut opened = self.event(&ticket, EventKind::Opened);
        opened.level = Some(to_only(&ticket.level));
        opened.team = Some(to_only(&ticket.team));
        opened.assignee = new.assignee.as_deref().map(to_only);
        opened.status = Some(Change {
            from: None,
            to: Some(Status::Open),
        });
        opened.detail = Some(Detail::Channel(ticket.channel));
        Ok((ticket, opened))
    }

    pub fn assign(&self, t: &Ticket, to: Option<&str>) -> Result<Transition, EscError> {
        self.not_resolved(t, "assign it")?;
        if t.assignee.as_deref() == to {
            return Err(EscError::refused(match to {
                Some(who) => format!("ticket #{} is already assigned to {who}", t.id),
                None => format!("ticket #{} is not assigned to anyone", t.id),
            }));
        }
        let mut n = self.next(t)?;
        n.assignee = to.map(str::to_string);
        let mut e = self
            .event(t, EventKind::Assigned)
            .assignee(t.assignee.as_deref(), to);
        let told = self.assignee_told(to);
        if !told.is_empty() {
            e = e.detail(Detail::Told(told));
        }
        self.one(n, e)
    }

    /// Correct facts of a ticket: one `edited` event lists every field that
    /// changed, from what to what. Allowed on a resolved ticket too, since
    /// reports count what the ticket says. An edit that hands the ticket to
    /// another SLA rule must say why: the engine then keeps what the clocks
    /// measured and lets the new rule's targets count from the change on.
    pub fn edit(&self, t: &Ticket, c: &Correction) -> Result<Transition, EscError> {
        let p = self.policy;
        let mut n = self.next(t)?;
        let mut edits = Vec::new();
        let mut change = |field: EditedField, from: Option<String>, to: Option<String>| {
            if from != to {
                edits.push(Edit {
                    field,
                    change: Change { from, to },
                });
            }
        };
        if let Some(title) = &c.title {
            let title = required(title, Field::Title)?;
            check_size(
                "title",
                &title,
                limits::TITLE,
                "put the details in the description",
            )
            .map_err(EscError::usage)?;
            check_one_line("title", &title).map_err(EscError::usage)?;
            change(
                EditedField::Title,
                Some(t.title.clone()),
                Some(title.clone()),
            );
            n.title = title;
        }
        if let Some(description) = &c.description {
            let description = description.trim().to_string();
            check_size(
                "description",
                &description,
                limits::TEXT,
                "keep the gist here and link to the rest",
            )
            .map_err(EscError::usage)?;
            let text = |d: &str| (!d.is_empty()).then(|| d.to_string());
            change(
                EditedField::Description,
                text(&t.description),
                text(&description),
            );
            n.description = description;
        }
        if let Some(customer) = &c.customer {
            let customer = required(customer, Field::Customer)?;
            check_size(
                "customer",
                &customer,
                limits::CUSTOMER,
                "give a name or an account id",
            )
            .map_err(EscError::usage)?;
            check_one_line("customer's name", &customer).map_err(EscError::usage)?;
            change(
                EditedField::Customer,
                Some(t.customer.clone()),
                Some(customer.clone()),
            );
            n.customer = customer;
        }
        if let Some(email) = &c.email {
            let email = email.as_deref().map(str::trim);
            if let Some(address) = email {
                check_email(address).map_err(|e| EscError::usage(e).about(Field::Email))?;
            }
            n.email = email.map(str::to_string);
            change(EditedField::Email, t.email.clone(), n.email.clone());
        }
        if let Some(channel) = c.channel {
            change(
                EditedField::Channel,
                Some(t.channel.to_string()),
                Some(channel.to_string()),
            );
            n.channel = channel;
        }
        for (field, edited, value, items, slot) in [
            (
                Field::Tier,
                EditedField::Tier,
                &c.tier,
                &p.tiers,
                &mut n.tier,
            ),
            (
                Field::Category,
                EditedField::Category,
                &c.category,
                &p.categories,
                &mut n.category,
            ),
            (
                Field::Priority,
                EditedField::Priority,
                &c.priority,
                &p.priorities,
                &mut n.priority,
            ),
        ] {
            if let Some(value) = value {
                let value = known(items, value, field)?;
                change(edited, Some(slot.clone()), Some(value.clone()));
                *slot = value;
            }
        }
        for tag in &c.add_tags {
            check_tag(tag).map_err(EscError::usage)?;
            if !n.has_tag(tag) {
                n.tags.push(tag.clone());
            }
        }
        n.tags.retain(|tag| !c.remove_tags.contains(tag));
        check_tag_count(&n.tags)?;
        change(
            EditedField::Tags,
            Edit::tag_words(&t.tags),
            Edit::tag_words(&n.tags),
        );
        for address in &c.add_cc {
            check_email(address).map_err(|e| EscError::usage(e).about(Field::Email))?;
        }
        n.cc = copied(&n, &c.add_cc);
        n.cc.retain(|a| !c.remove_cc.iter().any(|r| r.eq_ignore_ascii_case(a)));
        check_cc_count(&n.cc)?;
        change(
            EditedField::Cc,
            Edit::tag_words(&t.cc),
            Edit::tag_words(&n.cc),
        );
        if edits.is_empty() {
            return Err(EscError::refused(format!(
                "ticket #{} already says that; nothing changed",
                t.id
            ))
            .with_hint(
                Hint::text("")
                    .act(Suggested::Show(t.id))
                    .then(" shows what it says now"),
            ));
        }
        let rule = |t: &Ticket| p.sla_for(t).map(|r| r.id.clone());
        let (before, after) = (rule(t), rule(&n));
        if before != after && c.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            let name = |r: Option<String>| r.map_or("none".to_string(), |id| format!("`{id}`"));
            return Err(EscError::usage(format!(
                "this edit moves ticket #{} from SLA rule {} to {}, which changes its targets",
                t.id,
                name(before),
                name(after)
            ))
            .about(Field::Reason)
            .with_hint(
                Hint::text("say why with ")
                    .flag(Field::Reason)
                    .then(", so the timeline explains the new targets"),
            ));
        }
        let reason = c.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
        let e = self
            .event(t, EventKind::Edited)
            .reason(reason)
            .detail(Detail::Edited(edits));
        self.one(n, e)
    }

    pub fn note(&self, t: &Ticket, text: &str) -> Result<Transition, EscError> {
        let text = required(text, Field::Note)?;
        let n = self.next(t)?;
        let e = self.event(t, EventKind::Noted).reason(Some(text));
        self.one(n, e)
    }

    /// Someone told of the ticket has it in hand: a step that waits on an
    /// acknowledgement (`when = "unacknowledged"`) no longer fires.
    pub fn acknowledge(&self, t: &Ticket, text: Option<&str>) -> Result<Transition, EscError> {
        self.not_resolved(t, "acknowledge it")?;
        let n = self.next(t)?;
        let e = self.event(t, EventKind::Acknowledged).reason(text);
        self.one(n, e)
    }

    /// Notifications about the ticket reached their recipients: recorded on
    /// its timeline, whatever its state, as the anchor `notified` counts
    /// from.
    pub fn notified(&self, t: &Ticket, sent: Vec<Sent>) -> Result<Transition, EscError> {
        let n = self.next(t)?;
        let e = self
            .event(t, EventKind::Notified)
            .detail(Detail::Delivered(sent));
        self.one(n, e)
    }

    /// An agent's reply to the customer; the first one is the first response.
    pub fn respond(&self, t: &Ticket, text: Option<&str>) -> Result<Transition, EscError> {
        self.not_resolved(t, "respond on it")?;
        let mut n = self.next(t)?;
        let mut e = self.event(t, EventKind::Responded).reason(text);
        if t.first_response_at.is_none() {
            n.first_response_at = Some(self.now);
            e = e.detail(Detail::FirstResponse);
        }
        n.last_response_at = Some(self.now);
        self.one(n, e)
    }

    /// An agent's reply to the customer whose text goes to them by mail, at
    /// the ticket's address, with the policy's customer updates.
    pub fn respond_by_mail(&self, t: &Ticket, text: &str) -> Result<Transition, EscError> {
        if text.trim().is_empty() {
            return Err(EscError::usage("a reply by mail needs its text")
                .with_hint("give what to say, or record a reply sent elsewhere with --internal"));
        }
        let mut reply = self.respond(t, Some(text))?;
        if let Some(e) = reply.events.last_mut() {
            let first = e.detail.as_ref().is_some_and(Detail::first_response);
            e.detail = Some(Detail::Mailed { first });
        }
        Ok(reply)
    }

    /// The customer tried to reach us again. A contact on a pending ticket
    /// is the customer's answer, so the ticket is open again.
    pub fn contact(&self, t: &Ticket, text: Option<&str>) -> Result<Transition, EscError> {
        self.not_resolved(t, "record a contact on it")?;
        let mut n = self.next(t)?;
        n.contact_attempts += 1;
        n.last_contact_at = Some(self.now);
        if t.status == Status::Pending {
            n.status = Status::Open;
            n.pending_since = None;
        }
        let e = self
            .event(t, EventKind::Contacted)
            .reason(text)
            .detail(Detail::Attempt(n.contact_attempts))
            .status(t.status, n.status);
        self.one(n, e)
    }

    pub fn pending(&self, t: &Ticket, reason: Option<&str>) -> Result<Transition, EscError> {
        if t.status != Status::Open {
            return Err(EscError::refused(format!(
                "ticket #{} is {}; only an open ticket can wait on the customer",
                t.id, t.status
            )));
        }
        let mut n = self.next(t)?;
        n.status = Status::Pending;
        n.pending_since = Some(self.now);
        let e = self
            .event(t, EventKind::Pending)
            .reason(reason)
            .status(t.status, n.status);
        self.one(n, e)
    }

    pub fn resume(&self, t: &Ticket, reason: Option<&str>) -> Result<Transition, EscError> {
        if t.status != Status::Pending {
            return Err(EscError::refused(format!(
                "ticket #{} is {}, not pending; there is nothing to resume",
                t.id, t.status
            )));
        }
        let mut n = self.next(t)?;
        n.status = Status::Open;
        n.pending_since = None;
        let e = self
            .event(t, EventKind::Resumed)
            .reason(reason)
            .status(t.status, n.status);
        self.one(n, e)
    }

    pub fn rate(
        &self,
        t: &Ticket,
        score: u8,
        comment: Option<&str>,
    ) -> Result<Transition, EscError> {
        if !(1..=5).contains(&score) {
            return Err(EscError::usage(format!(
                "CSAT score {score} is out of range: give 1 (very unhappy) to 5 (very happy)"
            )));
        }
        let mut n = self.next(t)?;
        n.csat = Some(score);
        let e = self
            .event(t, EventKind::Rated)
            .reason(comment)
            .detail(Detail::Csat(score));
        self.one(n, e)
    }

    pub fn tag(
        &self,
        t: &Ticket,
        add: &[String],
        remove: &[String],
    ) -> Result<Transition, EscError> {
        let mut n = self.next(t)?;
        let (mut added, mut removed) = (Vec::new(), Vec::new());
        for tag in add {
            check_tag(tag).map_err(EscError::usage)?;
            if !n.has_tag(tag) {
                n.tags.push(tag.clone());
                added.push(tag.clone());
            }
        }
        for tag in remove {
            if n.has_tag(tag) {
                n.tags.retain(|x| x != tag);
                removed.push(tag.clone());
            }
        }
        if added.is_empty() && removed.is_empty() {
            return Err(EscError::refused(format!(
                "ticket #{} already has exactly those tags; nothing changed",
                t.id
            )));
        }
        let e = self
            .event(t, EventKind::Tagged)
            .detail(Detail::Tags { added, removed });
        self.one(n, e)
    }

    /// Resolve, or, at a level whose resolutions need sign-off, propose the
    /// resolution and wait for `esc signoff`.
    pub fn resolve(
        &self,
        t: &Ticket,
        summary: &str,
        root_cause: &str,
    ) -> Result<Transition, EscError> {
        match t.status {
            Status::Resolved => {
                return Err(EscError::refused(format!(
                    "ticket #{} is already resolved",
                    t.id
                )));
            }
            Status::AwaitingSignoff => {
                return Err(EscError::refused(format!(
                    "ticket #{} already has a resolution waiting for sign-off",
                    t.id
                ))
                .with_hint(
                    Hint::text("")
                        .act(Suggested::SignOff(t.id))
                        .then(" by someone allowed to sign"),
                ));
            }
            Status::Open | Status::Pending | Status::Merged => {}
        }
        let summary = required(summary, Field::Summary)?;
        let cause = known(&self.policy.root_causes, root_cause, Field::RootCause)?;
        let mut n = self.next(t)?;
        n.resolution = Some(summary.clone());
        n.root_cause = Some(cause.clone());
        n.pending_since = None;
        let kind = if self.policy.signoff_rule(&t.level).is_some() {
            n.status = Status::AwaitingSignoff;
            EventKind::SignoffRequested
        } else {
            n.status = Status::Resolved;
            n.resolved_at = Some(self.now);
            EventKind::Resolved
        };
        let e = self
            .event(t, kind)
            .reason(Some(summary))
            .detail(Detail::RootCause(cause))
            .status(t.status, n.status);
        self.one(n, e)
    }

    /// Management's written approval (or rejection) of a proposed resolution.
    pub fn signoff(&self, t: &Ticket, reject: Option<&str>) -> Result<Transition, EscError> {
        if t.status != Status::AwaitingSignoff {
            return Err(EscError::refused(format!(
                "ticket #{} is {}; only a resolution awaiting sign-off can be signed",
                t.id, t.status
            )));
        }
        if let Some(rule) = self.policy.signoff_rule(&t.level) {
            let signers = self.policy.signers(rule);
            if !signers.iter().any(|s| s == self.actor) {
                return Err(EscError::refused(format!(
                    "{} may not sign off resolutions at {}; allowed: {}",
                    self.actor,
                    self.policy.level_label(&t.level),
                    if signers.is_empty() {
                        "nobody (fix the policy's [roles])".into()
                    } else {
                        signers.join(", ")
                    }
                ))
                .about(Field::Actor));
            }
        }
        let mut n = self.next(t)?;
        let e = match reject {
            None => {
                n.status = Status::Resolved;
                n.resolved_at = Some(self.now);
                self.event(t, EventKind::SignedOff)
                    .reason(t.resolution.as_deref())
                    .detail_opt(t.root_cause.clone().map(Detail::RootCause))
            }
            Some(why) => {
                let why = required(why, Field::Reason)?;
                n.status = Status::Open;
                n.resolution = None;
                n.root_cause = None;
                self.event(t, EventKind::SignoffRejected).reason(Some(why))
            }
        };
        let e = e.status(t.status, n.status);
        self.one(n, e)
    }

    /// Reopen a resolved ticket; the next cycle begins.
    pub fn reopen(&self, t: &Ticket, reason: Option<&str>) -> Result<Transition, EscError> {
        if t.status != Status::Resolved {
            return Err(EscError::refused(format!(
                "ticket #{} is {}, not resolved; there is nothing to reopen",
                t.id, t.status
            )));
        }
        let mut n = self.next(t)?;
        n.status = Status::Open;
        n.cycle = t.cycle + 1;
        n.resolved_at = None;
        n.resolution = None;
        n.root_cause = None;
        let e = EventData::new(EventKind::Reopened, self.now, self.actor, n.cycle)
            .reason(reason)
            .status(t.status, n.status);
        self.one(n, e)
    }
}

/// How `esc list` ranks tickets, most urgent first: live before waiting
/// before done; then breached SLAs; then priority; then the SLA due
/// soonest; then the higher level; then the decision category's rank; then
/// the oldest. A description the store sorts by, so that a large queue is
/// never loaded whole to show its top fifty.
#[derive(Debug, Clone)]
pub struct Urgency {
    pub now: Instant,
    /// Most urgent first.
    pub priorities: Vec<String>,
    /// Lowest first; higher levels rank as more urgent.
    pub levels: Vec<String>,
    /// Highest ranked first.
    pub categories: Vec<String>,
}

impl Urgency {
    pub fn of(p: &Policy, now: Instant) -> Urgency {
        let ids = |items: &[Item]| items.iter().map(|i| i.id.clone()).collect();
        Urgency {
            now,
            priorities: ids(&p.priorities),
            levels: ids(&p.levels),
            categories: ids(&p.categories),
        }
    }
}

fn to_only(v: &str) -> Change<String> {
    Change {
        from: None,
        to: Some(v.to_string()),
    }
}

fn check_tag_count(tags: &[String]) -> Result<(), EscError> {
    if tags.len() <= limits::TAGS {
        return Ok(());
    }
    Err(EscError::usage(format!(
        "a ticket carries at most {} tags; this change would give it {}",
        limits::TAGS,
        tags.len()
    ))
    .with_hint(Hint::text("remove some with ").act(Suggested::RemoveTags)))
}

/// `t`'s copies with `more` added: each address once, in any case, and
/// never the customer's own.
fn copied(t: &Ticket, more: &[String]) -> Vec<String> {
    let mut cc = t.cc.clone();
    for address in more {
        let known = |a: &String| a.eq_ignore_ascii_case(address);
        if !cc.iter().any(known) && !t.email.as_ref().is_some_and(known) {
            cc.push(address.clone());
        }
    }
    cc
}

fn check_cc_count(cc: &[String]) -> Result<(), EscError> {
    if cc.len() <= limits::CC {
        return Ok(());
    }
    Err(EscError::usage(format!(
        "a ticket copies at most {} addresses on its customer's updates; this change would copy {}",
        limits::CC,
        cc.len()
    )))
}

fn required(text: &str, field: Field) -> Result<String, EscError> {
    let t = text.trim();
    if t.is_empty() {
        Err(EscError::field(field, Problem::Empty))
    } else {
        Ok(t.to_string())
    }
}

fn known(items: &[Item], id: &str, field: Field) -> Result<String, EscError> {
    if items.iter().any(|i| i.id == id) {
        Ok(id.to_string())
    } else {
        Err(EscError::field(
            field,
            Problem::Unknown {
                value: id.to_string(),
                known: Policy::ids(items),
            },
        )
        .with_hint(
            Hint::text("")
                .act(Suggested::ShowPolicy)
                .then(" lists everything the policy defines"),
        ))
    }
}

fn unknown_team(p: &Policy, id: &str) -> EscError {
    let teams: Vec<&str> = p.teams.iter().map(|t| t.id.as_str()).collect();
    EscError::usage(format!(
        "unknown team `{id}`; the policy defines: {}",
        teams.join(", ")
    ))
    .with_hint(
        Hint::text("")
            .act(Suggested::ShowPolicy)
            .then(" lists the teams and the level each works at"),
    )
}

mod family;
mod ladder;
mod merge;

pub use ladder::{Deescalation, Escalation, LevelTarget};
pub use merge::Side;

#[cfg(test)]
mod tests;
