//! A customer's mail comes in. The message is kept in the same
//! transaction as what it does, so that it is never lost and never acted
//! on twice; which ticket it joins is decided in the order the mature
//! help-desk gateways follow: a message already kept is a duplicate; a
//! bounce joins the ticket whose mail bounced; a reply naming a message
//! the queue kept or sent joins that ticket; a subject tag joins its
//! ticket only when the sender is that ticket's customer or was copied on
//! its mail; anything else is new. Ticket numbers in bodies are never
//! read.

use anyhow::Result;

use super::Queue;
use crate::automation::Engine;
use crate::clock::Instant;
use crate::error::EscError;
use crate::event::{EventKind, history};
use crate::inbound::{self, Filed, Inbound};
use crate::lifecycle::{Act, NewTicket};
use crate::store::mail::{KeptMail, NewMail};
use crate::store::txn::{self, Txn, within};
use crate::store::{Applied, Rerun};
use crate::ticket::{Channel, Status, TicketId};

use crate::customer::SUBJECT_TAG as TAG;

/// What became of a message.
#[derive(Debug)]
pub struct Received {
    /// The message as the queue keeps it.
    pub mail: KeptMail,
    /// It was kept already: nothing happened this time.
    pub duplicate: bool,
    /// What it changed on its ticket, if it changed anything.
    pub applied: Option<Applied>,
}

impl Queue {
    /// Take in one message, `raw` as it came, as the queue's mail gateway.
    pub fn receive(&self, raw: &[u8]) -> Result<Received> {
        self.take_in(raw, None)
    }

    /// Read kept message `id` again, as if it came now, when it is on no
    /// ticket (it did not read as mail, or answered nothing the queue
    /// knew): filed anew where it now goes. `None` when there is no such
    /// message on no ticket, or its bytes were erased.
    pub fn retry_mail(&self, id: i64) -> Result<Option<Received>> {
        let kept = self.mail(None)?.into_iter().find(|m| m.id == id);
        let (Some(kept), Some(raw)) = (kept, self.raw_mail(id)?) else {
            return Ok(None);
        };
        self.take_in(&raw, Some(kept)).map(Some)
    }

    /// Take `raw` in; with `again`, as the kept message it is, filed anew.
    fn take_in(&self, raw: &[u8], again: Option<KeptMail>) -> Result<Received> {
        let active = self.active()?;
        let now = self.now;
        let read = inbound::read(raw, active.policy.mail.attachment_limit as usize);
        let message_id = match &read {
            Ok(m) => m.message_id.clone(),
            Err(_) => inbound::derived_id(raw),
        };
        let engine = Engine::new(&active.policy, now).since(active.since);
        let mut store = self.store()?;
        let (mail, duplicate, applied) = within(&mut **store, Rerun::OnConflict, |tx| {
            if let Some(kept) = tx.mail(&message_id)?
                && again.as_ref().is_none_or(|a| a.id != kept.id)
            {
                return Ok((kept, true, None));
            }
            let (filing, applied) = match &read {
                Err(why) => (Filing::unfiled(Filed::Unreadable, &why.0), None),
                Ok(m) => file(tx, m, &active.policy, &engine, now)?,
            };
            let event = applied.as_ref().and_then(|a: &Applied| {
                a.events
                    .iter()
                    .find(|e| matches!(e.data.kind, EventKind::Contacted | EventKind::Opened))
                    .map(|e| e.id)
            });
            let (sender, cc, subject) = match &read {
                Ok(m) => (
                    m.from
                        .as_ref()
                        .map(|f| f.address.clone())
                        .unwrap_or_default(),
                    m.cc.iter().map(|c| c.address.clone()).collect(),
                    m.subject.clone(),
                ),
                Err(_) => (String::new(), Vec::new(), String::new()),
            };
            let new = NewMail {
                message_id: message_id.clone(),
                ticket: applied.as_ref().map(|a| a.ticket.id).or(filing.ticket),
                event,
                at: now,
                sender,
                cc,
                subject,
                filed: filing.filed,
                note: filing.note,
                // Over-limit attachments' bytes are never kept: the
                // ticket says what they were.
                raw: Some(match &read {
                    Ok(m) => inbound::keepable(raw, &m.dropped).into_owned(),
                    Err(_) => raw.to_vec(),
                }),
            };
            // Filed again, it stays as it came, when it came: only where
            // it is filed and what it is said to be change.
            let (id, new) = match &again {
                Some(a) => {
                    let new = NewMail { at: a.at, ..new };
                    tx.refile_mail(a.id, &new)?;
                    (a.id, new)
                }
                None => (tx.keep_mail(&new)?, new),
            };
            Ok((KeptMail::of(id, new), false, applied))
        })?;
        Ok(Received {
            mail,
            duplicate,
            applied,
        })
    }
}

/// An attachment of the mail on a ticket: which message, which of its
/// attachments (from 1), and what it is.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Attached {
    pub mail: i64,
    pub part: usize,
    #[serde(flatten)]
    pub file: inbound::Attachment,
}

impl Queue {
    /// Attachments over this size were dropped when they came.
    fn attachment_limit(&self) -> Result<usize> {
        Ok(self.active()?.policy.mail.attachment_limit as usize)
    }

    /// The attachments of the mail kept on ticket `id`, oldest first.
    pub fn attachments(&self, id: TicketId) -> Result<Vec<Attached>> {
        let mut all = Vec::new();
        for m in self.mail(Some(id))? {
            let Some(raw) = self.raw_mail(m.id)? else {
                continue;
            };
            let listed = inbound::attachments_of(&raw, self.attachment_limit()?);
            all.extend(listed.into_iter().enumerate().map(|(i, file)| Attached {
                mail: m.id,
                part: i + 1,
                file,
            }));
        }
        Ok(all)
    }

    /// Attachment `part` (from 1) of kept message `mail`, with its bytes;
    /// `None` if there is none such, its text was erased, or it was over
    /// the limit when it came.
    pub fn attachment(&self, mail: i64, part: usize) -> Result<Option<(Attached, Vec<u8>)>> {
        let Some(raw) = self.raw_mail(mail)? else {
            return Ok(None);
        };
        Ok(inbound::attachment(&raw, part, self.attachment_limit()?)
            .filter(|(file, _)| file.kept)
            .map(|(file, bytes)| (Attached { mail, part, file }, bytes)))
    }
}

/// How a message is filed, before it is kept.
struct Filing {
    filed: Filed,
    ticket: Option<TicketId>,
    note: Option<String>,
}

impl Filing {
    fn unfiled(filed: Filed, why: &str) -> Filing {
        Filing {
            filed,
            ticket: None,
            note: Some(why.to_string()),
        }
    }
}

/// Decide what `m` does, and do it on its ticket.
fn file(
    tx: &mut dyn Txn,
    m: &Inbound,
    policy: &crate::policy::Policy,
    engine: &Engine,
    now: Instant,
) -> Result<(Filing, Option<Applied>)> {
    if m.ours {
        let why = "esc's own mail came back: nothing is answered, so no loop starts";
        return Ok((Filing::unfiled(Filed::Unfiled, why), None));
    }
    if let Some(report) = &m.report {
        let answers: Vec<String> = report.original.iter().chain(&m.answers).cloned().collect();
        let ticket = tx.ticket_of_mail(&answers)?;
        // Only a report on mail the queue sent marks an address: anyone can
        // write a bounce, and a forged one must not silence a customer.
        if ticket.is_some() {
            let why = report
                .reason
                .as_deref()
                .unwrap_or("the mail server gave no reason");
            for address in &report.failed {
                tx.mark_address(address, Some((now, why)))?;
            }
        }
        let note = format!(
            "undeliverable: {}{}",
            if report.failed.is_empty() {
                "no address named".to_string()
            } else {
                report.failed.join(", ")
            },
            report
                .reason
                .as_ref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        );
        return Ok((
            Filing {
                filed: if ticket.is_some() {
                    Filed::Bounce
                } else {
                    Filed::Unfiled
                },
                ticket,
                note: Some(note),
            },
            None,
        ));
    }
    let ticket = match tx.ticket_of_mail(&m.answers)? {
        Some(t) => Some(t),
        None => tagged(tx, m)?,
    };
    // Mail to a ticket merged away goes on to the one that carries it on.
    let ticket = match ticket {
        Some(id) => Some(carried_on(tx, id)?),
        None => None,
    };
    if let Some(automatic) = &m.automatic {
        let note = format!("written by a machine ({automatic}): not answered, not counted");
        let filed = if ticket.is_some() {
            Filed::Automatic
        } else {
            Filed::Unfiled
        };
        return Ok((
            Filing {
                filed,
                ticket,
                note: Some(note),
            },
            None,
        ));
    }
    let Some(from) = &m.from else {
        let why = "it has no sender address: nobody to answer";
        return Ok((Filing::unfiled(Filed::Unfiled, why), None));
    };
    // A person wrote from it: mail reaches them there again.
    tx.mark_address(&from.address, None)?;
    let act = Act {
        policy,
        actor: &from.address,
        now,
    };
    let text = inbound::reply_part(&m.text);
    if let Some(id) = ticket {
        let (current, _) = tx
            .lock_tickets(&[id], crate::store::Hold::Wait)?
            .pop()
            .ok_or(EscError::NoSuchTicket(id))?;
        if current.status == Status::Resolved
            && current
                .resolved_at
                .is_some_and(|r| (now - r).num_seconds() > policy.mail.reopen_within.as_secs())
        {
            let opened = open(tx, m, &act, engine, Some((id, current.resolved_at)))?;
            let note = format!("follows up on ticket #{id}, resolved too long ago to reopen");
            return Ok(opened_as(opened, Some(note)));
        }
        let mut refused = None;
        let applied = txn::update(tx, id, &mut |t, log| {
            engine
                .around(t, history(log), |t| {
                    if t.status == Status::Resolved {
                        let reopened = act.reopen(t, Some("the customer wrote again"))?;
                        let contact = act.contact(&reopened.ticket, Some(text))?;
                        Ok(reopened.then(contact))
                    } else {
                        act.contact(t, Some(text))
                    }
                })
                .inspect_err(|e| refused = Some(e.to_string()))
        });
        return match (applied, refused) {
            (Ok(applied), _) => Ok((
                Filing {
                    filed: Filed::Joined,
                    ticket: Some(id),
                    note: None,
                },
                Some(applied),
            )),
            // Kept on its ticket all the same, for an agent to read.
            (Err(_), Some(why)) => Ok((
                Filing {
                    filed: Filed::Joined,
                    ticket: Some(id),
                    note: Some(format!("not recorded as a contact: {why}")),
                },
                None,
            )),
            (Err(e), None) => Err(e),
        };
    }
    Ok(opened_as(open(tx, m, &act, engine, None)?, None))
}

/// How a message that was to open a ticket is filed: `noted` said of it,
/// with what the opening said.
fn opened_as(
    opened: Result<(Applied, Option<String>), String>,
    noted: Option<String>,
) -> (Filing, Option<Applied>) {
    match opened {
        Ok((applied, said)) => {
            let note = match (noted, said) {
                (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                (a, b) => a.or(b),
            };
            (
                Filing {
                    filed: Filed::Opened,
                    ticket: Some(applied.ticket.id),
                    note,
                },
                Some(applied),
            )
        }
        Err(why) => (
            Filing::unfiled(
                Filed::Unfiled,
                &format!("no ticket could be opened for it: {why}"),
            ),
            None,
        ),
    }
}

/// The ticket that carries on ticket `id`: itself, or the one it was
/// merged into, followed to the end. Read, not held: the ticket the mail
/// joins is held when it is changed, and holding a chain here, highest
/// id first, could wait on a writer holding it lowest first.
fn carried_on(tx: &mut dyn Txn, id: TicketId) -> Result<TicketId> {
    let mut at = id;
    for _ in 0..64 {
        match tx.lock_tickets(&[at], crate::store::Hold::Not)?.pop() {
            Some((t, _)) if t.status == Status::Merged => match t.merged_into {
                Some(next) => at = next,
                None => break,
            },
            _ => break,
        }
    }
    Ok(at)
}

/// The ticket a subject tag names, when the sender may write on it: its
/// customer, someone it copies, or someone copied on its mail. A
/// stranger's tag names none.
fn tagged(tx: &mut dyn Txn, m: &Inbound) -> Result<Option<TicketId>> {
    let (Some(id), Some(from)) = (m.tagged(TAG), &m.from) else {
        return Ok(None);
    };
    let Some((ticket, _)) = tx.lock_tickets(&[id], crate::store::Hold::Wait)?.pop() else {
        return Ok(None);
    };
    let customer = ticket.email.as_deref().map(str::to_lowercase);
    if customer.as_deref() == Some(from.address.as_str())
        || ticket
            .cc
            .iter()
            .any(|a| a.eq_ignore_ascii_case(&from.address))
        || tx.mail_addresses(id)?.contains(&from.address)
    {
        return Ok(Some(id));
    }
    Ok(None)
}

/// The addresses a customer's first message copied (its Cc) that its
/// ticket copies too: each one mail is delivered to, once, and none of
/// the queue's own (an address the policy routes mail by, or sends it as).
fn copied(m: &Inbound, policy: &crate::policy::Policy, t: &crate::ticket::Ticket) -> Vec<String> {
    let ours = |a: &str| {
        policy
            .mail
            .routes
            .iter()
            .any(|r| r.to.iter().any(|t| t == a))
            || [&policy.mail.from, &policy.mail.reply_to]
                .into_iter()
                .flatten()
                .any(|own| own.to_lowercase().contains(a))
    };
    let mut cc: Vec<String> = Vec::new();
    for a in &m.cc {
        let address = a.address.to_lowercase();
        let theirs = t.email.as_deref().map(str::to_lowercase) == Some(address.clone());
        if theirs
            || ours(&address)
            || cc.contains(&address)
            || crate::ticket::check_email(&address).is_err()
            || cc.len() >= crate::ticket::limits::CC
        {
            continue;
        }
        cc.push(address);
    }
    cc
}

/// Open a ticket for `m`; `follows` names an old ticket it follows up on.
/// What it opened and what to say of it; or why no ticket could be opened.
fn open(
    tx: &mut dyn Txn,
    m: &Inbound,
    act: &Act,
    engine: &Engine,
    follows: Option<(TicketId, Option<Instant>)>,
) -> Result<Result<(Applied, Option<String>), String>> {
    let from = m.from.as_ref().expect("a sender, checked by the caller");
    let answer = m.answer_to().unwrap_or(from);
    let title = if m.subject.is_empty() {
        "(no subject)".to_string()
    } else {
        m.subject.clone()
    };
    let mut description = m.text.clone();
    if let Some((old, resolved)) = follows {
        let when = resolved
            .map(|r| format!(", resolved {}", crate::clock::rfc3339(r)))
            .unwrap_or_default();
        description = format!("Follows up on ticket #{old}{when}.\n\n{description}");
    }
    let dropped: Vec<String> = m
        .attachments
        .iter()
        .filter(|a| !a.kept)
        .map(|a| format!("{} ({} bytes)", a.name, a.size))
        .collect();
    if !dropped.is_empty() {
        description.push_str(&format!(
            "\n\n[attachments over the limit, not kept: {}]",
            dropped.join(", ")
        ));
    }
    let description = inbound::bounded(&description, crate::ticket::limits::TEXT);
    let addresses = m.to.iter().chain(&m.cc).map(|a| a.address.as_str());
    let route = act
        .policy
        .mail
        .routes
        .iter()
        .find(|r| r.matches(addresses.clone(), &m.subject));
    let category = route
        .and_then(|r| r.category.clone())
        .or_else(|| act.policy.categories.first().map(|c| c.id.clone()))
        .ok_or_else(|| {
            EscError::policy_state("the policy defines no category for mail to open tickets in")
        })?;
    let new = NewTicket {
        title,
        description,
        customer: from.name.clone().unwrap_or_else(|| from.address.clone()),
        email: Some(answer.address.clone()),
        tier: None,
        channel: Channel::Email,
        category,
        priority: route.and_then(|r| r.priority.clone()),
        team: route.and_then(|r| r.team.clone()),
        assignee: None,
        tags: vec![],
    };
    // What the engine refuses of a sender's own words (an address no mail
    // is delivered to, say) must not cost the message: the ticket opens
    // without it, or the message is kept on no ticket, saying why.
    let (mut ticket, opened, note) = match act.open(new.clone()) {
        Ok((ticket, opened)) => (ticket, opened, None),
        Err(first) if new.email.is_some() => {
            let without = NewTicket { email: None, ..new };
            match act.open(without) {
                Ok((ticket, opened)) => (
                    ticket,
                    opened,
                    Some(format!("opened without the customer's address: {first}")),
                ),
                Err(e) => return Ok(Err(e.to_string())),
            }
        }
        Err(e) => return Ok(Err(e.to_string())),
    };
    ticket.cc = copied(m, act.policy, &ticket);
    // Two auto-responders must not keep each other writing: past the
    // day's acknowledgements to an address, its mail opens tickets
    // unacknowledged.
    let policy = act.policy;
    let day_ago = act.now - chrono::Duration::days(1);
    let acknowledged = tx.mail_opened_by(&from.address, day_ago)?;
    let capped = acknowledged >= u64::from(policy.mail.acknowledgements_per_day);
    let acknowledgement = |update: &str| {
        policy
            .customer_updates
            .iter()
            .any(|u| u.id == update && u.on == crate::policy::UpdateOn::Opened)
    };
    let mut unsent = false;
    let applied = txn::create(tx, &ticket, opened, &mut |ticket, mut log| {
        let (ticket, _) = engine.settle(ticket, &mut log);
        let mut transition = engine.transition(ticket, log);
        if capped {
            let before = transition.notices.len();
            transition.notices.retain(|n| !acknowledgement(&n.update));
            unsent = transition.notices.len() < before;
        }
        transition
    })?;
    let note = if unsent {
        let why = format!(
            "not acknowledged: mail from {} opened {acknowledged} tickets in the last day already (mail.acknowledgements_per_day)",
            from.address
        );
        Some(note.map_or(why.clone(), |n| format!("{n}; {why}")))
    } else {
        note
    };
    Ok(Ok((applied, note)))
}
