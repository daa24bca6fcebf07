//! When something recurs: every day, every week on a weekday, or every
//! month on a date or the nth (or last) weekday, at a time of day. Dates
//! only: which zone, and which days a calendar keeps closed, are the
//! caller's.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use serde::Serialize;

/// How often, and on which day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    Day,
    Week(Weekday),
    Month(InMonth),
}

/// Which day of a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InMonth {
    /// The nth weekday, from 1; a month without a fifth has none.
    Nth(u8, Weekday),
    Last(Weekday),
    /// A date, from 1; a month too short for it has none.
    Date(u8),
    LastDay,
}

/// A rule of recurrence and its time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recurrence {
    pub every: Every,
    pub at: NaiveTime,
}

const ORDINALS: [&str; 5] = ["first", "second", "third", "fourth", "fifth"];

fn weekday(word: &str) -> Option<Weekday> {
    let w = word.to_ascii_lowercase();
    let all = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    all.into_iter()
        .find(|d| day_name(*d).to_ascii_lowercase() == w || d.to_string().to_ascii_lowercase() == w)
}

fn day_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

impl Recurrence {
    /// Read `every` ("day", "week", "month"), `on` (a weekday for a week;
    /// for a month "first monday" to "fifth monday", "last friday", a
    /// date 1 to 31, or "last day") and `at` ("09:00").
    pub fn parse(every: &str, on: Option<&str>, at: &str) -> Result<Recurrence, String> {
        let at = NaiveTime::parse_from_str(at.trim(), "%H:%M")
            .map_err(|_| format!("`{at}` is not a time of day: write it as 09:00"))?;
        let on = on.map(str::trim);
        let every = match (every.trim(), on) {
            ("day", None) => Every::Day,
            ("day", Some(_)) => {
                return Err("a daily recurrence takes no `on`: it falls every day".into());
            }
            ("week", Some(day)) => Every::Week(
                weekday(day)
                    .ok_or_else(|| format!("`{day}` is not a weekday: write monday to sunday"))?,
            ),
            ("week", None) => {
                return Err("say which weekday with `on`, as in on = \"monday\"".into());
            }
            ("month", Some(day)) => Every::Month(in_month(day)?),
            ("month", None) => {
                return Err(
                    "say which day of the month with `on`: \"first monday\", \"last friday\", \"15\" or \"last day\""
                        .into(),
                );
            }
            (other, _) => {
                return Err(format!(
                    "`{other}` is not how often: write day, week or month"
                ));
            }
        };
        Ok(Recurrence { every, at })
    }

    /// The dates it falls on from `from` to `to`, both included, in order.
    pub fn dates(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut d = from;
        while d <= to {
            if self.falls_on(d) {
                out.push(d);
            }
            d += Duration::days(1);
        }
        out
    }

    /// The first date it falls on at or after `from`, looking a few years
    /// ahead at most.
    pub fn next_date(&self, from: NaiveDate) -> Option<NaiveDate> {
        let mut d = from;
        for _ in 0..(366 * 5) {
            if self.falls_on(d) {
                return Some(d);
            }
            d += Duration::days(1);
        }
        None
    }

    pub fn falls_on(&self, d: NaiveDate) -> bool {
        match self.every {
            Every::Day => true,
            Every::Week(w) => d.weekday() == w,
            Every::Month(InMonth::Date(n)) => d.day() == u32::from(n),
            Every::Month(InMonth::LastDay) => (d + Duration::days(1)).month() != d.month(),
            Every::Month(InMonth::Nth(n, w)) => {
                d.weekday() == w && (d.day() - 1) / 7 + 1 == u32::from(n)
            }
            Every::Month(InMonth::Last(w)) => {
                d.weekday() == w && (d + Duration::days(7)).month() != d.month()
            }
        }
    }

    /// In words: "the first Monday of each month at 09:00".
    pub fn describe(&self) -> String {
        let at = self.at.format("%H:%M");
        match self.every {
            Every::Day => format!("every day at {at}"),
            Every::Week(w) => format!("every {} at {at}", day_name(w)),
            Every::Month(m) => {
                let day = match m {
                    InMonth::Nth(n, w) => {
                        format!("the {} {}", ORDINALS[usize::from(n) - 1], day_name(w))
                    }
                    InMonth::Last(w) => format!("the last {}", day_name(w)),
                    InMonth::Date(n) => format!("day {n}"),
                    InMonth::LastDay => "the last day".into(),
                };
                format!("{day} of each month at {at}")
            }
        }
    }
}

fn in_month(text: &str) -> Result<InMonth, String> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let wrong = || {
        format!(
            "`{text}` is not a day of the month: write \"first monday\" (to \"fifth\"), \"last friday\", a date 1 to 31, or \"last day\""
        )
    };
    match words.as_slice() {
        [n] => match n.parse::<u8>() {
            Ok(n) if (1..=31).contains(&n) => Ok(InMonth::Date(n)),
            _ => Err(wrong()),
        },
        [last, day] if last == "last" && day == "day" => Ok(InMonth::LastDay),
        [which, day] => {
            let w = weekday(day).ok_or_else(wrong)?;
            if which == "last" {
                return Ok(InMonth::Last(w));
            }
            let n = ORDINALS.iter().position(|o| o == which).ok_or_else(wrong)?;
            Ok(InMonth::Nth(n as u8 + 1, w))
        }
        _ => Err(wrong()),
    }
}

/// One occurrence as a ledger keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Occurrence {
    /// The recurring ticket's id in the policy.
    pub schedule: String,
    /// Which occurrence: the date it falls on, as 2026-12-07.
    pub occurrence: String,
    /// The ticket it opened; none when it was passed over (missed while
    /// the tick did not run, and the policy opens only the latest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<i64>,
    /// When it was opened or passed over.
    pub at: crate::clock::Instant,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_weeks_and_days_fall_where_a_calendar_says() {
        let r = Recurrence::parse("month", Some("first Monday"), "09:00").unwrap();
        assert_eq!(
            r.dates(d("2026-11-01"), d("2027-02-28")),
            [
                d("2026-11-02"),
                d("2026-12-07"),
                d("2027-01-04"),
                d("2027-02-01")
            ]
        );
        assert_eq!(r.describe(), "the first Monday of each month at 09:00");
        let r = Recurrence::parse("month", Some("last friday"), "17:30").unwrap();
        assert_eq!(r.dates(d("2026-12-01"), d("2026-12-31")), [d("2026-12-25")]);
        let r = Recurrence::parse("month", Some("31"), "08:00").unwrap();
        assert_eq!(
            r.dates(d("2027-01-01"), d("2027-04-30")),
            [d("2027-01-31"), d("2027-03-31")],
            "a month too short for the date has none"
        );
        let r = Recurrence::parse("month", Some("last day"), "08:00").unwrap();
        assert_eq!(r.dates(d("2028-02-01"), d("2028-02-29")), [d("2028-02-29")]);
        let r = Recurrence::parse("month", Some("fifth monday"), "08:00").unwrap();
        assert_eq!(r.dates(d("2026-11-01"), d("2026-12-31")), [d("2026-11-30")]);
        let r = Recurrence::parse("week", Some("wed"), "10:00").unwrap();
        assert_eq!(r.next_date(d("2026-12-07")), Some(d("2026-12-09")));
        assert_eq!(r.describe(), "every Wednesday at 10:00");
        let r = Recurrence::parse("day", None, "06:15").unwrap();
        assert_eq!(r.dates(d("2026-12-30"), d("2027-01-02")).len(), 4);
    }

    #[test]
    fn what_does_not_read_says_how_to_write_it() {
        for (every, on, at, says) in [
            ("fortnight", None, "09:00", "is not how often"),
            ("week", None, "09:00", "which weekday"),
            ("week", Some("someday"), "09:00", "is not a weekday"),
            (
                "month",
                Some("sixth monday"),
                "09:00",
                "is not a day of the month",
            ),
            ("month", Some("32"), "09:00", "is not a day of the month"),
            ("day", Some("monday"), "09:00", "takes no `on`"),
            ("day", None, "9 am", "is not a time of day"),
        ] {
            let e = Recurrence::parse(every, on, at).unwrap_err();
            assert!(e.contains(says), "{every} {on:?} {at}: {e}");
        }
    }
}
