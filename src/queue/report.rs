//! The manager's report: every figure of a window's tickets, read from
//! the store's rows and counts, never from the tickets' logs one by one.

use anyhow::Result;

use super::Queue;
use crate::event::EventKind;
use crate::report::{AGED_DAYS, Builder, GroupBy, Report, Window};
use crate::ticket::Status;

/// How much of a report to gather.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The figures of the window's tickets.
    Cohort,
    /// With who handled, escalated and resolved each.
    CohortAndNames,
    /// Everything the overview shows: the cohort with its names, the
    /// volumes and backlog, the trends by day, and the notifications.
    Overview,
}

impl Queue {
    /// The report on the tickets opened in window `w`, grouped `by`, as
    /// far as `scope` asks.
    pub fn report(&self, w: Window, by: Option<GroupBy>, scope: Scope) -> Result<Report> {
        let store = self.store()?;
        let mut b = Builder::new(w, by);
        let names = scope != Scope::Cohort;
        store.cohort(w.since, w.until, by, names, &mut |row| b.add(row))?;
        if scope == Scope::Overview {
            let within =
                |status, into| store.status_changes(status, into, Some(w.since), w.until, None, by);
            for (key, n) in within(Status::Resolved, true)? {
                b.volume(key, |v| v.resolved = n);
            }
            for (key, n) in within(Status::Resolved, false)? {
                b.volume(key, |v| v.reopened = n);
            }
            for (key, n) in within(Status::Merged, true)? {
                b.volume(key, |v| v.merged = n);
            }
            let aged_before = w.until - chrono::Duration::days(AGED_DAYS);
            for (opened_before, aged) in [(w.until, false), (aged_before, true)] {
                let open =
                    match by {
                        Some(by) => store.open_at(w.until, opened_before, by)?,
                        None => {
                            // Exactly, from the log: open at a moment = opened before it
                            // - closings before it + reopenings before it, a
                            // closing a resolution or a merge.
                            let only = aged.then_some(opened_before);
                            let opened = store.opened_before(opened_before, None)?;
                            let n = |v: Vec<(Option<String>, u64)>| {
                                v.iter().map(|(_, n)| *n as i64).sum::<i64>()
                            };
                            let mut open = n(opened);
                            for status in [Status::Resolved, Status::Merged] {
                                open -= n(store
                                    .status_changes(status, true, None, w.until, only, None)?);
                                open += n(store
                                    .status_changes(status, false, None, w.until, only, None)?);
                            }
                            vec![(None, open.max(0) as u64)]
                        }
                    };
                for (key, n) in open {
                    b.volume(key, |v| if aged { v.aged = n } else { v.backlog = n });
                }
            }
            store.event_times(EventKind::Escalated, w.since, w.until, &mut |t, n| {
                b.escalated_at(t, n)
            })?;
            store.event_times(EventKind::Breached, w.since, w.until, &mut |t, n| {
                b.breached_at(t, n)
            })?;
            store.event_times(EventKind::Deescalated, w.since, w.until, &mut |_, n| {
                b.deescalated(n)
            })?;
            b.notified(store.notification_counts(w.since, w.until)?);
            let (problems, cases) = store.cases(w.since, w.until)?;
            b.problems(problems, cases);
        }
        Ok(b.finish())
    }
}
