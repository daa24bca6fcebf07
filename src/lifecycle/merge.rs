//! Two tickets that turned out to be one request: one is merged into the
//! other, which carries on with what both had; and, while neither has
//! changed since, the merge undone.

use super::{Act, Transition, check_cc_count, check_tag_count, copied};
use crate::error::{EscError, Hint, Suggested};
use crate::event::{Change, Detail, Edit, EditedField, EventData, EventKind, Merge};
use crate::sla::Facts;
use crate::ticket::{Status, Ticket, TicketId};

/// A ticket with its log, as a merge reads both sides.
pub type Side<'a> = (&'a Ticket, &'a [EventData]);

impl Act<'_> {
    /// Merge `from` into `into`: `from` ends as merged; `into` takes its
    /// tags, its customer (as a copy, when another address) and its
    /// copies, and, if `from`'s customer has waited longer for a first
    /// answer that neither gave, counts its first response from then.
    /// The two transitions, `from`'s first.
    pub fn merge(
        &self,
        (from, from_log): Side,
        (into, into_log): Side,
        reason: Option<&str>,
    ) -> Result<(Transition, Transition), EscError> {
        if from.id == into.id {
            return Err(EscError::usage(format!(
                "ticket #{} cannot be merged into itself: name the ticket it duplicates",
                from.id
            )));
        }
        if let (Status::Merged, Some(there)) = (into.status, into.merged_into) {
            if there == from.id {
                return Err(EscError::refused(format!(
                    "ticket #{} was merged into #{there}: they are one ticket already",
                    into.id
                ))
                .with_hint(Hint::text("to part them, ").act(Suggested::Unmerge(into.id))));
            }
            return Err(EscError::refused(format!(
                "ticket #{} was merged into #{there} already",
                into.id
            ))
            .with_hint(
                Hint::text("merge into the ticket that carries it on: ")
                    .act(Suggested::Merge(from.id, there)),
            ));
        }
        if from.status == Status::Merged {
            // `next` says where it went and how to undo that.
            self.next(from)?;
        }
        for (t, side) in [(from, "merged"), (into, "merged into")] {
            if !t.status.is_live() {
                return Err(EscError::refused(format!(
                    "ticket #{} is {}; only an open or pending ticket can be {side}",
                    t.id, t.status
                ))
                .with_hint(match t.status {
                    Status::Resolved => Hint::text("")
                        .act(Suggested::Reopen(t.id))
                        .then(" reopens it first"),
                    _ => Hint::text("")
                        .act(Suggested::RejectSignoff(t.id))
                        .then(" sends it back to work first"),
                }));
            }
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let away = self.merged_away(from, into.id, reason)?;
        let (ff, fi) = (Facts::from_log(from_log), Facts::from_log(into_log));
        let unanswered = |f: &Facts| f.cycle_responses().next().is_none();
        let waiting_since =
            (ff.cycle_start() < fi.cycle_start() && unanswered(&ff) && unanswered(&fi))
                .then(|| ff.cycle_start());
        let joined = Merge {
            ticket: from.id,
            tags: from
                .tags
                .iter()
                .filter(|t| !into.has_tag(t))
                .cloned()
                .collect(),
            waiting_since,
        };
        let mut cc: Vec<String> = from.email.iter().cloned().collect();
        cc.extend(from.cc.iter().cloned());
        let joined = self.joined(into, joined, &cc, reason)?;
        Ok((away, joined))
    }

    /// `from`'s side of a merge into ticket `into`.
    pub fn merged_away(
        &self,
        from: &Ticket,
        into: TicketId,
        reason: Option<&str>,
    ) -> Result<Transition, EscError> {
        let mut n = self.next(from)?;
        n.status = Status::Merged;
        n.merged_into = Some(into);
        n.resolved_at = Some(self.now);
        n.pending_since = None;
        let e = self
            .event(from, EventKind::Merged)
            .reason(reason)
            .detail(Detail::Merge(Merge::with(into)))
            .status(from.status, n.status);
        self.one(n, e)
    }

    /// `into`'s side of a merge: what `merge` brought, and `cc`, the
    /// addresses of the merged ticket's customer and copies.
    pub fn joined(
        &self,
        into: &Ticket,
        merge: Merge,
        cc: &[String],
        reason: Option<&str>,
    ) -> Result<Transition, EscError> {
        let mut n = self.next(into)?;
        for tag in &merge.tags {
            if !n.has_tag(tag) {
                n.tags.push(tag.clone());
            }
        }
        check_tag_count(&n.tags)?;
        n.cc = copied(&n, cc);
        check_cc_count(&n.cc)?;
        let e = self
            .event(into, EventKind::Joined)
            .reason(reason)
            .detail(Detail::Merge(merge));
        self.with_copies(into, n, e)
    }

    /// `t` becoming `n` by event `e`, with the `edited` event of its
    /// copies after it when they changed, where an erasure finds them.
    fn with_copies(&self, t: &Ticket, n: Ticket, e: EventData) -> Result<Transition, EscError> {
        let copies = (t.cc != n.cc).then(|| {
            self.event(t, EventKind::Edited)
                .detail(Detail::Edited(vec![Edit {
                    field: EditedField::Cc,
                    change: Change {
                        from: Edit::tag_words(&t.cc),
                        to: Edit::tag_words(&n.cc),
                    },
                }]))
        });
        let mut done = self.one(n, e)?;
        done.events.extend(copies);
        Ok(done)
    }

    /// Undo the merge of `from` into `into`, while neither has changed
    /// since: `from` goes back to the status it had, `into` gives back the
    /// tags and addresses it took. The two transitions, `from`'s first.
    pub fn unmerge(
        &self,
        (from, from_log): Side,
        (into, into_log): Side,
    ) -> Result<(Transition, Transition), EscError> {
        if from.status != Status::Merged || from.merged_into != Some(into.id) {
            return Err(EscError::refused(format!(
                "ticket #{} is {}, not merged; there is no merge to undo",
                from.id, from.status
            )));
        }
        let merged = last_of(from_log, EventKind::Merged, into.id);
        let joined = last_of(into_log, EventKind::Joined, from.id);
        let (Some((m, merged)), Some((j, joined))) = (merged, joined) else {
            return Err(EscError::usage(format!(
                "ticket #{}'s log does not record its merge into #{}",
                from.id, into.id
            )));
        };
        let later = |log: &[EventData], after: usize| {
            log[after + 1..]
                .iter()
                .find(|e| !merge_of(e, &log[after]) && e.kind != EventKind::Notified)
                .cloned()
        };
        for (t, log, at) in [(from, from_log, m), (into, into_log, j)] {
            if let Some(e) = later(log, at) {
                return Err(EscError::refused(format!(
                    "ticket #{} has changed since the merge ({} by {} at {}); a merge is undone \
                     only while neither ticket has changed since",
                    t.id,
                    e.kind,
                    e.actor,
                    crate::clock::rfc3339(e.effective())
                ))
                .with_hint(
                    Hint::text("")
                        .act(Suggested::Show(t.id))
                        .then(" shows what happened; open a new ticket for what needs its own"),
                ));
            }
        }
        let was = merged
            .status
            .as_ref()
            .and_then(|s| s.from)
            .unwrap_or(Status::Open);
        let taken = match &joined.detail {
            Some(Detail::Merge(m)) => m.tags.clone(),
            _ => Vec::new(),
        };
        let cc_before = into_log[j + 1..]
            .iter()
            .filter(|e| merge_of(e, joined))
            .find_map(|e| match &e.detail {
                Some(Detail::Edited(edits)) => edits
                    .iter()
                    .find(|x| x.field == EditedField::Cc)
                    .map(|x| Edit::tag_list(x.change.from.as_deref())),
                _ => None,
            });
        let back = self.unmerged_away(from, into.id, was)?;
        let given = self.separated(
            into,
            Merge {
                ticket: from.id,
                tags: taken,
                waiting_since: None,
            },
            cc_before,
        )?;
        Ok((back, given))
    }

    /// `from`'s side of an undone merge: back to `was`.
    pub fn unmerged_away(
        &self,
        from: &Ticket,
        into: TicketId,
        was: Status,
    ) -> Result<Transition, EscError> {
        let mut n = self.next_any(from)?;
        n.status = was;
        n.merged_into = None;
        n.resolved_at = None;
        if was == Status::Pending {
            n.pending_since = Some(self.now);
        }
        let e = self
            .event(from, EventKind::Unmerged)
            .detail(Detail::Merge(Merge::with(into)))
            .status(from.status, was);
        self.one(n, e)
    }

    /// `into`'s side of an undone merge: the tags `merge` names taken
    /// off, and its copies back to `cc` when given.
    pub fn separated(
        &self,
        into: &Ticket,
        merge: Merge,
        cc: Option<Vec<String>>,
    ) -> Result<Transition, EscError> {
        let mut n = self.next(into)?;
        n.tags.retain(|t| !merge.tags.contains(t));
        if let Some(cc) = cc {
            n.cc = cc;
        }
        let e = self
            .event(into, EventKind::Unmerged)
            .detail(Detail::Merge(merge));
        self.with_copies(into, n, e)
    }
}

/// The last event of `kind` in `log` that names ticket `other`, with its
/// place.
fn last_of(log: &[EventData], kind: EventKind, other: TicketId) -> Option<(usize, &EventData)> {
    log.iter().enumerate().rev().find(|(_, e)| {
        e.kind == kind && matches!(&e.detail, Some(Detail::Merge(m)) if m.ticket == other)
    })
}

/// Whether `e` is the change of copies the merge `joined` made with it.
fn merge_of(e: &EventData, joined: &EventData) -> bool {
    e.kind == EventKind::Edited
        && e.at == joined.at
        && e.actor == joined.actor
        && matches!(&e.detail, Some(Detail::Edited(edits))
            if edits.iter().all(|x| x.field == EditedField::Cc))
}
