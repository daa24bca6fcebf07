//! The figures of `esc report`, computed from the per-ticket summaries and
//! the event log the store streams in; printing is `cmd/report.rs`'s job.
//! Pure: rows and counts in, a [`Report`] out.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;

use crate::clock::Instant;
use crate::stats::Outcome;
use crate::stats::Stats;
use crate::ticket::{Status, text_enum};

/// A field a report can group tickets by (their current value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupBy {
    Team,
    Level,
    Category,
    Channel,
    Priority,
    Tier,
    Assignee,
    RootCause,
    Customer,
}

text_enum!(GroupBy {
    Team => "team",
    Level => "level",
    Category => "category",
    Channel => "channel",
    Priority => "priority",
    Tier => "tier",
    Assignee => "assignee",
    RootCause => "root-cause",
    Customer => "customer",
});

/// What a report needs of one ticket.
pub struct CohortRow {
    pub key: Option<String>,
    pub opened_at: Instant,
    pub status: Status,
    pub csat: Option<u8>,
    pub root_cause: Option<String>,
    pub stats: Stats,
}

/// Tickets open longer than this at the end of the window are "aged" (the
/// seeds: close every escalation within 30 days).
pub const AGED_DAYS: i64 = 30;

/// The group key for tickets without a value (no assignee, no root cause).
pub const NONE: &str = "(none)";

#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub since: Instant,
    pub until: Instant,
    /// Dates given without a time, and the trend, are in this zone.
    pub tz: Tz,
}

/// One end of a report's window as a manager writes it: an RFC 3339
/// instant, a date (its midnight in `tz`), or a span back from `now`.
pub fn when(text: &str, now: Instant, tz: Tz) -> Option<Instant> {
    use chrono::TimeZone;
    if let Ok(t) = crate::clock::parse_instant(text) {
        return Some(t);
    }
    // A plain date is written YYYY-MM-DD: chrono's `%Y` alone would also
    // read a sign and five digits (year -82005), and a trend across it.
    let date = text.trim();
    let plain = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if let Some(d) = plain
        .then(|| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())
        .flatten()
    {
        let midnight = d.and_hms_opt(0, 0, 0)?;
        // A midnight that DST skips starts the day at its first instant.
        return tz
            .from_local_datetime(&midnight)
            .earliest()
            .or_else(|| {
                tz.from_local_datetime(&(midnight + chrono::Duration::hours(1)))
                    .earliest()
            })
            .map(|t| t.to_utc());
    }
    let span: crate::duration::Span = text.parse().ok()?;
    now.checked_sub_signed(chrono::Duration::seconds(span.as_secs()))
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Volume {
    /// Tickets opened in the window: the cohort every other figure is about.
    pub opened: u64,
    /// Resolutions in the window (a ticket resolved twice counts twice).
    pub resolved: u64,
    /// Reopenings in the window.
    pub reopened: u64,
    /// Tickets merged into another in the window.
    pub merged: u64,
    /// Tickets open at the end of the window.
    pub backlog: u64,
    /// Of those, opened more than 30 days before the end of the window.
    pub aged: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Escalations {
    /// Tickets of the cohort escalated at least once.
    pub tickets: u64,
    /// `tickets / opened`.
    pub rate: f64,
    /// Escalation events by kind (one that changed team and level counts in both).
    pub functional: u64,
    pub hierarchical: u64,
    pub automatic: u64,
    /// Escalated tickets by the highest level they reached.
    pub by_level: BTreeMap<String, u64>,
    pub transfers_mean: f64,
    pub transfers_max: u64,
}

/// One SLA target across the cohort. Times are in seconds; percentiles by
/// nearest rank.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Target {
    pub met: u64,
    pub breached: u64,
    /// `met / (met + breached)`, absent when neither.
    pub met_pct: Option<f64>,
    pub median_secs: Option<i64>,
    pub p90_secs: Option<i64>,
    pub median_business_secs: Option<i64>,
    pub p90_business_secs: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Sla {
    pub first_response: Target,
    pub resolution: Target,
    /// Breach and warning events recorded on the cohort.
    pub breaches: u64,
    pub warnings: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Quality {
    pub csat_average: Option<f64>,
    pub csat_count: u64,
    /// How many scores of 1, 2, 3, 4 and 5.
    pub csat_distribution: [u64; 5],
    /// Cohort tickets reopened after a resolution.
    pub reopened_tickets: u64,
    /// Cohort tickets whose resolution awaits sign-off.
    pub signoffs_pending: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Group {
    /// The group's value, `total` for all, `(none)` for tickets without one.
    pub key: String,
    pub volume: Volume,
    pub escalations: Escalations,
    pub sla: Sla,
    pub quality: Quality,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cause {
    pub root_cause: String,
    pub tickets: u64,
    /// Of the escalated tickets with a root cause.
    pub share: f64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Agent {
    pub name: String,
    /// Cohort tickets they were assigned at some point.
    pub handled: u64,
    /// Cohort tickets they escalated onward.
    pub escalated_onward: u64,
    /// Cohort tickets whose current resolution is theirs.
    pub resolved: u64,
}

/// How long one row of the trend covers: a day for a month's window, and
/// coarser as the window grows, so that no window makes the trend longer
/// than a few hundred rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    Day,
    Week,
    Month,
    Year,
}

impl Bucket {
    /// The finest bucket that keeps a window of `days` to at most 92 days,
    /// 2 years of weeks, or 25 years of months; years beyond.
    pub fn for_days(days: i64) -> Bucket {
        if days <= 92 {
            Bucket::Day
        } else if days <= 731 {
            Bucket::Week
        } else if days <= 9_132 {
            Bucket::Month
        } else {
            Bucket::Year
        }
    }

    /// The first day of the bucket after the one holding `d`; weeks start
    /// on Monday.
    fn next(self, d: NaiveDate) -> Option<NaiveDate> {
        use chrono::Datelike;
        match self {
            Bucket::Day => d.succ_opt(),
            Bucket::Week => d.checked_add_days(chrono::Days::new(
                7 - u64::from(d.weekday().num_days_from_monday()),
            )),
            Bucket::Month => {
                let (y, m) = if d.month() == 12 {
                    (d.year() + 1, 1)
                } else {
                    (d.year(), d.month() + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1)
            }
            Bucket::Year => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::Day => "day",
            Bucket::Week => "week",
            Bucket::Month => "month",
            Bucket::Year => "year",
        }
    }
}

/// Notifications queued in a window, by where they stand; agents'
/// replies by mail counted apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Notified {
    pub queued: u64,
    pub sent: u64,
    pub failed: u64,
    /// Not yet delivered: waiting for a first or a further attempt.
    pub waiting: u64,
    /// Agents' replies to customers by mail, queued in the window.
    pub replies: u64,
    /// Of those, the ones the customer's mail server took.
    pub replies_sent: u64,
}

/// One row of the trend: the bucket starting on `date` (the window's first
/// row starts where the window does).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Day {
    pub date: NaiveDate,
    pub opened: u64,
    pub escalated: u64,
    pub breached: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub since: Instant,
    pub until: Instant,
    pub timezone: String,
    pub group_by: Option<GroupBy>,
    pub total: Group,
    /// One per group value, when grouped.
    pub groups: Vec<Group>,
    pub root_causes: Vec<Cause>,
    pub agents: Vec<Agent>,
    /// Notifications queued in the window, and where they stand now.
    pub notifications: Notified,
    /// Tickets taken down the ladder in the window: escalations that
    /// turned out unneeded, counted apart from escalations.
    pub deescalations: u64,
    /// The window's tickets that are cases of a problem, and the problems
    /// they are cases of: each ticket's figures are its own, a problem's
    /// never the sum of its cases'.
    pub problems: Problems,
    /// What one row of `trend` covers.
    pub trend_bucket: Bucket,
    pub trend: Vec<Day>,
}

/// Tickets under a parent, and their parents.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Problems {
    pub problems: u64,
    pub cases: u64,
}

/// Running sums for one group.
#[derive(Default)]
struct Acc {
    group: Group,
    transfers: u64,
    fr: Vec<i64>,
    fr_business: Vec<i64>,
    res: Vec<i64>,
    res_business: Vec<i64>,
    csat_sum: u64,
}

/// One more of `key`; the key is copied only the first time it is seen.
fn count(counts: &mut BTreeMap<String, u64>, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(key.to_string(), 1);
        }
    }
}

impl Acc {
    fn add(&mut self, row: &CohortRow) {
        let g = &mut self.group;
        let s = &row.stats;
        g.volume.opened += 1;
        if s.escalations > 0 {
            g.escalations.tickets += 1;
            count(&mut g.escalations.by_level, &s.top_level);
        }
        g.escalations.functional += u64::from(s.functional);
        g.escalations.hierarchical += u64::from(s.hierarchical);
        g.escalations.automatic += u64::from(s.automatic);
        self.transfers += u64::from(s.transfers);
        g.escalations.transfers_max = g.escalations.transfers_max.max(s.transfers.into());
        for (target, outcome) in [
            (&mut g.sla.first_response, s.first_response),
            (&mut g.sla.resolution, s.resolution),
        ] {
            match outcome {
                Some(Outcome::Met) => target.met += 1,
                Some(Outcome::Breached) => target.breached += 1,
                None => {}
            }
        }
        g.sla.breaches += u64::from(s.breaches);
        g.sla.warnings += u64::from(s.warnings);
        self.fr.extend(s.first_response_secs);
        self.fr_business.extend(s.first_response_business_secs);
        self.res.extend(s.resolution_secs);
        self.res_business.extend(s.resolution_business_secs);
        if let Some(c) = row.csat.filter(|c| (1..=5).contains(c)) {
            g.quality.csat_count += 1;
            g.quality.csat_distribution[usize::from(c) - 1] += 1;
            self.csat_sum += u64::from(c);
        }
        if s.reopens > 0 {
            g.quality.reopened_tickets += 1;
        }
        if row.status == Status::AwaitingSignoff {
            g.quality.signoffs_pending += 1;
        }
    }

    fn finish(mut self) -> Group {
        let g = &mut self.group;
        let opened = g.volume.opened;
        g.escalations.rate = ratio(g.escalations.tickets, opened);
        g.escalations.transfers_mean = ratio(self.transfers, opened);
        for (t, wall, business) in [
            (
                &mut g.sla.first_response,
                &mut self.fr,
                &mut self.fr_business,
            ),
            (&mut g.sla.resolution, &mut self.res, &mut self.res_business),
        ] {
            t.met_pct = (t.met + t.breached > 0).then(|| ratio(t.met, t.met + t.breached));
            t.median_secs = percentile(wall, 0.5);
            t.p90_secs = percentile(wall, 0.9);
            t.median_business_secs = percentile(business, 0.5);
            t.p90_business_secs = percentile(business, 0.9);
        }
        g.quality.csat_average =
            (g.quality.csat_count > 0).then(|| self.csat_sum as f64 / g.quality.csat_count as f64);
        self.group
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Nearest-rank percentile: the smallest value with at least `q` of the
/// values at or below it.
pub fn percentile(values: &mut [i64], q: f64) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
    Some(values[rank - 1])
}

/// Accumulates a report from the cohort rows and the window's counts.
pub struct Builder {
    window: Window,
    by: Option<GroupBy>,
    total: Acc,
    groups: BTreeMap<String, Acc>,
    causes: BTreeMap<String, u64>,
    agents: BTreeMap<String, Agent>,
    bucket: Bucket,
    days: BTreeMap<NaiveDate, Day>,
    notified: Notified,
    deescalations: u64,
    problems: Problems,
}

impl Builder {
    pub fn new(window: Window, by: Option<GroupBy>) -> Builder {
        let mut days = BTreeMap::new();
        let first = window.since.with_timezone(&window.tz).date_naive();
        let last = (window.until - chrono::Duration::seconds(1))
            .with_timezone(&window.tz)
            .date_naive();
        let bucket = Bucket::for_days((last - first).num_days() + 1);
        let mut d = Some(first);
        while let Some(start) = d.filter(|d| *d <= last) {
            days.insert(
                start,
                Day {
                    date: start,
                    ..Day::default()
                },
            );
            d = bucket.next(start);
        }
        Builder {
            window,
            bucket,
            notified: Notified::default(),
            deescalations: 0,
            problems: Problems::default(),
            by,
            total: Acc::default(),
            groups: BTreeMap::new(),
            causes: BTreeMap::new(),
            agents: BTreeMap::new(),
            days,
        }
    }

    pub fn problems(&mut self, problems: u64, cases: u64) {
        self.problems = Problems { problems, cases };
    }

    pub fn notified(&mut self, n: Notified) {
        self.notified = n;
    }

    /// `n` tickets were taken down the ladder (at any time in the window).
    pub fn deescalated(&mut self, n: u64) {
        self.deescalations += n;
    }

    /// The trend row an instant falls in, if it is in the window.
    fn day(&mut self, t: Instant) -> Option<&mut Day> {
        if t < self.window.since || t >= self.window.until {
            return None;
        }
        let date = t.with_timezone(&self.window.tz).date_naive();
        self.days.range_mut(..=date).next_back().map(|(_, d)| d)
    }

    pub fn add(&mut self, row: CohortRow) {
        self.total.add(&row);
        if self.by.is_some() {
            let key = row.key.as_deref().unwrap_or(NONE);
            match self.groups.get_mut(key) {
                Some(acc) => acc.add(&row),
                None => self.groups.entry(key.to_string()).or_default().add(&row),
            }
        }
        if let Some(day) = self.day(row.opened_at) {
            day.opened += 1;
        }
        let s = &row.stats;
        if s.escalations > 0
            && let Some(cause) = &row.root_cause
        {
            count(&mut self.causes, cause);
        }
        for name in &s.handlers {
            self.agent(name).handled += 1;
        }
        for name in &s.escalated_by {
            self.agent(name).escalated_onward += 1;
        }
        if let Some(name) = &s.resolved_by {
            self.agent(name).resolved += 1;
        }
    }

    fn agent(&mut self, name: &str) -> &mut Agent {
        self.agents
            .entry(name.to_string())
            .or_insert_with(|| Agent {
                name: name.to_string(),
                ..Agent::default()
            })
    }

    /// `n` escalations took effect at `t` (or within its quarter hour).
    pub fn escalated_at(&mut self, t: Instant, n: u64) {
        if let Some(day) = self.day(t) {
            day.escalated += n;
        }
    }

    /// `n` breaches took effect at `t` (or within its quarter hour).
    pub fn breached_at(&mut self, t: Instant, n: u64) {
        if let Some(day) = self.day(t) {
            day.breached += n;
        }
    }

    /// Per group key (`None` when ungrouped or the ticket has no value).
    pub fn volume(&mut self, key: Option<String>, set: impl FnOnce(&mut Volume)) {
        match (self.by, key) {
            (None, _) => set(&mut self.total.group.volume),
            (Some(_), key) => set(&mut self
                .groups
                .entry(key.unwrap_or_else(|| NONE.into()))
                .or_default()
                .group
                .volume),
        }
    }

    pub fn finish(mut self) -> Report {
        if self.by.is_some() {
            // The total's volume is the sum of its groups'.
            let sum = self.groups.values().fold(Volume::default(), |mut v, g| {
                let gv = &g.group.volume;
                v.resolved += gv.resolved;
                v.reopened += gv.reopened;
                v.merged += gv.merged;
                v.backlog += gv.backlog;
                v.aged += gv.aged;
                v
            });
            let opened = self.total.group.volume.opened;
            self.total.group.volume = Volume { opened, ..sum };
        }
        let mut total = self.total.finish();
        total.key = "total".into();
        let groups = self
            .groups
            .into_iter()
            .map(|(key, acc)| {
                let mut g = acc.finish();
                g.key = key;
                g
            })
            .collect();
        let with_cause: u64 = self.causes.values().sum();
        let mut root_causes: Vec<Cause> = self
            .causes
            .into_iter()
            .map(|(root_cause, tickets)| Cause {
                root_cause,
                tickets,
                share: ratio(tickets, with_cause),
            })
            .collect();
        root_causes.sort_by(|a, b| {
            b.tickets
                .cmp(&a.tickets)
                .then(a.root_cause.cmp(&b.root_cause))
        });
        Report {
            since: self.window.since,
            until: self.window.until,
            timezone: self.window.tz.name().to_string(),
            group_by: self.by,
            total,
            groups,
            root_causes,
            agents: self.agents.into_values().collect(),
            notifications: self.notified,
            deescalations: self.deescalations,
            problems: self.problems,
            trend_bucket: self.bucket,
            trend: self.days.into_values().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_by_nearest_rank() {
        let mut v = vec![50, 10, 40, 20, 30];
        assert_eq!(percentile(&mut v, 0.5), Some(30));
        assert_eq!(percentile(&mut v, 0.9), Some(50));
        let mut four = vec![1, 2, 3, 4];
        assert_eq!(percentile(&mut four, 0.5), Some(2));
        assert_eq!(percentile(&mut [], 0.5), None);
    }
}
