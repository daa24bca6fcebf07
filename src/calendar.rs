//! Business-hours calendars: when the clock of an SLA or a path runs. A
//! calendar is a timezone, weekly working hours (several intervals a day,
//! shifts that cross midnight) and holidays. Pure arithmetic on instants.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Weekday};
use chrono_tz::Tz;
use serde::Serialize;

use crate::clock::Instant;

/// The built-in calendar that never closes.
pub const ALWAYS: &str = "24x7";

/// One working interval of a weekday, in seconds from that day's local
/// midnight; `end` may pass 24h for a shift that runs into the next day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Shift {
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calendar {
    pub id: String,
    #[serde(serialize_with = "tz_name")]
    pub timezone: Tz,
    /// Monday first. Empty everywhere means open all the time (24x7).
    pub week: [Vec<Shift>; 7],
    pub holidays: BTreeSet<NaiveDate>,
    #[serde(skip)]
    always: bool,
}

fn tz_name<S: serde::Serializer>(tz: &Tz, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(tz.name())
}

/// The longest a target may take on its calendar, counted in the
/// calendar's weekly hours: a target that needs longer is a mistake in the
/// policy (a duration meant for another calendar), and `policy check` says
/// so. The arithmetic itself has no horizon.
pub const REACH_YEARS: i64 = 10;

impl Calendar {
    pub fn always() -> Calendar {
        Calendar {
            id: ALWAYS.to_string(),
            timezone: Tz::UTC,
            week: Default::default(),
            holidays: BTreeSet::new(),
            always: true,
        }
    }

    pub fn new(
        id: &str,
        timezone: Tz,
        week: [Vec<Shift>; 7],
        holidays: BTreeSet<NaiveDate>,
    ) -> Calendar {
        Calendar {
            id: id.to_string(),
            timezone,
            week,
            holidays,
            always: false,
        }
    }

    pub fn is_always(&self) -> bool {
        self.always
    }

    /// The open intervals of shifts that start on local `date`, as instants.
    fn open_on(&self, date: NaiveDate) -> impl Iterator<Item = (Instant, Instant)> + '_ {
        let holiday = self.holidays.contains(&date);
        let shifts: &[Shift] = if holiday {
            &[]
        } else {
            &self.week[date.weekday().num_days_from_monday() as usize]
        };
        let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
        shifts.iter().map(move |s| {
            let start = self.instant(midnight + Duration::seconds(s.start.into()));
            let end = self.instant(midnight + Duration::seconds(s.end.into()));
            (start, end.max(start))
        })
    }

    /// A local wall-clock time as an instant. In a fall-back overlap the
    /// earlier instant is taken (so an interval spanning it lasts the extra
    /// hour); a time in a spring-forward gap becomes the first instant after it.
    fn instant(&self, local: NaiveDateTime) -> Instant {
        let mut t = local;
        for _ in 0..=240 {
            match self.timezone.from_local_datetime(&t) {
                LocalResult::Single(x) => return x.to_utc(),
                LocalResult::Ambiguous(a, _) => return a.to_utc(),
                LocalResult::None => t += Duration::minutes(1),
            }
        }
        self.timezone.from_utc_datetime(&local).to_utc()
    }

    fn local_date(&self, t: Instant) -> NaiveDate {
        t.with_timezone(&self.timezone).date_naive()
    }

    /// Open intervals that may overlap `[from, ..)`, in order, to the end
    /// of the dates chrono can represent.
    fn intervals_from(&self, from: Instant) -> impl Iterator<Item = (Instant, Instant)> + '_ {
        // A shift that started yesterday may still be running.
        let first = self.local_date(from).pred_opt().unwrap_or(NaiveDate::MIN);
        first
            .iter_days()
            .flat_map(move |d| self.open_on(d))
            .filter(move |(_, end)| *end > from)
    }

    /// Open seconds in a week of the calendar's hours, without holidays.
    pub fn weekly_open_seconds(&self) -> i64 {
        if self.always {
            return 7 * 86_400;
        }
        self.week
            .iter()
            .flatten()
            .map(|s| i64::from(s.end - s.start))
            .sum()
    }

    /// Whether `secs` of open time pass within [`REACH_YEARS`] on this
    /// calendar's weekly hours; if not, how many years they take.
    pub fn reaches(&self, secs: i64) -> Result<(), i64> {
        let weekly = i128::from(self.weekly_open_seconds().max(1));
        let days = i128::from(secs) * 7 / weekly;
        let years = i64::try_from(days / 365).unwrap_or(i64::MAX);
        if years < REACH_YEARS {
            Ok(())
        } else {
            Err(years)
        }
    }

    /// Open time between `a` and `b`, in seconds (0 if `b <= a`).
    pub fn open_seconds(&self, a: Instant, b: Instant) -> i64 {
        if b <= a {
            return 0;
        }
        if self.always {
            return (b - a).num_seconds();
        }
        let mut total = 0;
        for (start, end) in self.intervals_from(a) {
            if start >= b {
                break;
            }
            total += (end.min(b) - start.max(a)).num_seconds();
        }
        total
    }

    /// The instant at which `secs` of open time have passed since `from`;
    /// `None` if the calendar has no hours, or the span would end after the
    /// last date chrono represents.
    pub fn add(&self, from: Instant, secs: i64) -> Option<Instant> {
        if self.always {
            return from.checked_add_signed(Duration::seconds(secs));
        }
        if self.weekly_open_seconds() == 0 {
            return None;
        }
        let mut left = secs.max(0);
        for (start, end) in self.intervals_from(from) {
            let start = start.max(from);
            let len = (end - start).num_seconds();
            if left <= len {
                // Zero left at a closed moment means: due when it opens.
                return Some(start + Duration::seconds(left));
            }
            left -= len;
        }
        None
    }

    /// Is the calendar open at `t`?
    pub fn is_open(&self, t: Instant) -> bool {
        self.always || self.intervals_from(t).next().is_some_and(|(s, _)| s <= t)
    }
}

impl Shift {
    /// `09:00-17:30`, as the policy writes it.
    pub fn text(&self) -> String {
        let hm = |secs: u32| format!("{:02}:{:02}", secs / 3600 % 24, secs / 60 % 60);
        format!("{}-{}", hm(self.start), hm(self.end))
    }
}

impl Calendar {
    /// The weekly hours in the policy's words, days with the same hours
    /// run together: `mon-fri 09:00-12:30, 13:30-17:00; sat 22:00-06:00`.
    pub fn hours_text(&self) -> String {
        const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        if self.always {
            return "always open".into();
        }
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for d in 0..7 {
            match runs.last_mut() {
                Some((_, end)) if *end + 1 == d && self.week[d] == self.week[*end] => *end = d,
                _ => runs.push((d, d)),
            }
        }
        runs.iter()
            .filter(|(a, _)| !self.week[*a].is_empty())
            .map(|&(a, b)| {
                let days = if a == b {
                    NAMES[a].to_string()
                } else {
                    format!("{}-{}", NAMES[a], NAMES[b])
                };
                let shifts: Vec<String> = self.week[a].iter().map(Shift::text).collect();
                format!("{days} {}", shifts.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Parse `HH:MM-HH:MM`; an end at or before the start is on the next day.
pub fn parse_shift(text: &str) -> Result<Shift, String> {
    let bad = || format!("invalid hours `{text}`: write them as HH:MM-HH:MM, such as 09:00-17:30");
    let (a, b) = text.trim().split_once('-').ok_or_else(bad)?;
    let minutes = |s: &str| -> Option<u32> {
        let (h, m) = s.trim().split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
    };
    let start = minutes(a).ok_or_else(bad)?;
    let mut end = minutes(b).ok_or_else(bad)?;
    if start >= 24 * 60 {
        return Err(bad());
    }
    if end <= start {
        end += 24 * 60;
    }
    Ok(Shift {
        start: start * 60,
        end: end * 60,
    })
}

/// Expand a day key of the `hours` table: `mon`, `mon-fri`, `sat-sun`,
/// `weekdays`, `weekend`, `daily`.
pub fn parse_days(key: &str) -> Result<Vec<Weekday>, String> {
    let day = |s: &str| -> Option<Weekday> {
        Some(match s {
            "mon" => Weekday::Mon,
            "tue" => Weekday::Tue,
            "wed" => Weekday::Wed,
            "thu" => Weekday::Thu,
            "fri" => Weekday::Fri,
            "sat" => Weekday::Sat,
            "sun" => Weekday::Sun,
            _ => return None,
        })
    };
    let bad = || {
        format!(
            "unknown day `{key}`: use mon..sun, a range such as mon-fri, weekdays, weekend or daily"
        )
    };
    let range = |a: Weekday, b: Weekday| -> Vec<Weekday> {
        let (a, b) = (a.num_days_from_monday(), b.num_days_from_monday());
        (a..=b)
            .map(|d| Weekday::try_from(d as u8).expect("0..7 is a weekday"))
            .collect()
    };
    match key {
        "weekdays" => Ok(range(Weekday::Mon, Weekday::Fri)),
        "weekend" => Ok(range(Weekday::Sat, Weekday::Sun)),
        "daily" => Ok(range(Weekday::Mon, Weekday::Sun)),
        _ => match key.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (day(a).ok_or_else(bad)?, day(b).ok_or_else(bad)?);
                if b.num_days_from_monday() < a.num_days_from_monday() {
                    return Err(format!(
                        "day range `{key}` runs backwards: write it Monday first, such as mon-fri"
                    ));
                }
                Ok(range(a, b))
            }
            None => Ok(vec![day(key).ok_or_else(bad)?]),
        },
    }
}

/// Check a week for overlaps, including a night shift running into the next
/// day's first shift; describe the first overlap found.
pub fn check_week(week: &[Vec<Shift>; 7]) -> Result<(), String> {
    const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    for (d, shifts) in week.iter().enumerate() {
        let mut sorted = shifts.clone();
        sorted.sort();
        for pair in sorted.windows(2) {
            if pair[1].start < pair[0].end {
                return Err(format!("the hours of {} overlap", NAMES[d]));
            }
        }
        let next = &week[(d + 1) % 7];
        for s in shifts.iter().filter(|s| s.end > 86_400) {
            let spill = s.end - 86_400;
            if next.iter().any(|n| n.start < spill) {
                return Err(format!(
                    "the night shift of {} runs into the hours of {}",
                    NAMES[d],
                    NAMES[(d + 1) % 7]
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
