use super::*;
use crate::clock::{parse_instant, rfc3339};

fn at(s: &str) -> Instant {
    parse_instant(s).unwrap()
}

fn week(days: &str, hours: &[&str]) -> [Vec<Shift>; 7] {
    let mut w: [Vec<Shift>; 7] = Default::default();
    for d in parse_days(days).unwrap() {
        w[d.num_days_from_monday() as usize] =
            hours.iter().map(|h| parse_shift(h).unwrap()).collect();
    }
    w
}

fn cal(tz: Tz, days: &str, hours: &[&str], holidays: &[&str]) -> Calendar {
    Calendar::new(
        "test",
        tz,
        week(days, hours),
        holidays.iter().map(|d| d.parse().unwrap()).collect(),
    )
}

fn berlin_office() -> Calendar {
    cal(
        chrono_tz::Europe::Berlin,
        "mon-fri",
        &["09:00-12:30", "13:30-17:00"],
        &["2026-12-24", "2026-12-25"],
    )
}

fn add(c: &Calendar, from: &str, secs: i64) -> String {
    rfc3339(c.add(at(from), secs).unwrap())
}

const H: i64 = 3600;

#[test]
fn business_time_skips_the_weekend() {
    // Friday 16:00 CET + 2h: one hour on Friday, one on Monday morning.
    let c = berlin_office();
    assert_eq!(
        add(&c, "2026-11-20T15:00:00Z", 2 * H),
        "2026-11-23T09:00:00Z"
    );
    assert_eq!(
        c.open_seconds(at("2026-11-20T15:00:00Z"), at("2026-11-23T09:00:00Z")),
        2 * H
    );
}

#[test]
fn business_time_skips_the_lunch_break() {
    // Monday 12:00 CET + 1h: 30m before lunch, 30m after 13:30.
    let c = berlin_office();
    assert_eq!(add(&c, "2026-11-23T11:00:00Z", H), "2026-11-23T13:00:00Z");
    assert!(
        !c.is_open(at("2026-11-23T12:00:00Z")),
        "12:00 UTC is 13:00 CET, lunch"
    );
    assert!(c.is_open(at("2026-11-23T12:30:00Z")));
}

#[test]
fn business_time_skips_holidays() {
    // Wed 23 Dec 16:00 CET + 2h: 1h that day; 24th and 25th are holidays, then the weekend.
    let c = berlin_office();
    assert_eq!(
        add(&c, "2026-12-23T15:00:00Z", 2 * H),
        "2026-12-28T09:00:00Z"
    );
}

#[test]
fn nothing_left_on_a_closed_moment_is_due_when_it_opens() {
    let c = berlin_office();
    assert_eq!(add(&c, "2026-11-21T12:00:00Z", 0), "2026-11-23T08:00:00Z");
}

#[test]
fn night_shifts_cross_midnight() {
    let c = cal(Tz::UTC, "mon-fri", &["22:00-06:00"], &[]);
    assert_eq!(
        add(&c, "2026-11-23T23:00:00Z", 3 * H),
        "2026-11-24T02:00:00Z"
    );
    assert!(
        c.is_open(at("2026-11-24T03:00:00Z")),
        "Monday's shift runs into Tuesday"
    );
    // Friday's shift ends Saturday 06:00 (8h); the next one is Monday 22:00.
    assert_eq!(
        add(&c, "2026-11-27T22:00:00Z", 9 * H),
        "2026-11-30T23:00:00Z"
    );
}

#[test]
fn berlin_spring_forward_loses_an_hour() {
    let c = cal(chrono_tz::Europe::Berlin, "daily", &["00:00-24:00"], &[]);
    // Sat 28 Mar 12:00 CET to Sun 29 Mar 12:00 CEST is 23 hours.
    assert_eq!(
        c.open_seconds(at("2026-03-28T11:00:00Z"), at("2026-03-29T10:00:00Z")),
        23 * H
    );
    // A 01:00-04:00 shift on that night lasts two hours: 02:00-03:00 never happens.
    let night = cal(chrono_tz::Europe::Berlin, "sun", &["01:00-04:00"], &[]);
    assert_eq!(
        night.open_seconds(at("2026-03-28T00:00:00Z"), at("2026-03-30T00:00:00Z")),
        2 * H
    );
}

#[test]
fn berlin_fall_back_gains_an_hour() {
    let c = cal(chrono_tz::Europe::Berlin, "daily", &["00:00-24:00"], &[]);
    // Sat 24 Oct 12:00 CEST to Sun 25 Oct 12:00 CET is 25 hours.
    assert_eq!(
        c.open_seconds(at("2026-10-24T10:00:00Z"), at("2026-10-25T11:00:00Z")),
        25 * H
    );
    // 02:00-03:00 local happens twice that night.
    let night = cal(chrono_tz::Europe::Berlin, "sun", &["02:00-03:00"], &[]);
    assert_eq!(
        night.open_seconds(at("2026-10-24T00:00:00Z"), at("2026-10-26T00:00:00Z")),
        2 * H
    );
}

#[test]
fn new_york_spring_forward_moves_office_hours_in_utc() {
    let c = cal(chrono_tz::America::New_York, "daily", &["09:00-17:00"], &[]);
    // Sat 7 Mar 16:00 EST (21:00Z) + 2h: 1h Saturday, then Sunday 09:00 EDT (13:00Z) + 1h.
    assert_eq!(
        add(&c, "2026-03-07T21:00:00Z", 2 * H),
        "2026-03-08T14:00:00Z"
    );
}

#[test]
fn new_york_fall_back_moves_office_hours_in_utc() {
    let c = cal(chrono_tz::America::New_York, "daily", &["09:00-17:00"], &[]);
    // Sat 31 Oct 16:00 EDT (20:00Z) + 2h: 1h Saturday, then Sunday 09:00 EST (14:00Z) + 1h.
    assert_eq!(
        add(&c, "2026-10-31T20:00:00Z", 2 * H),
        "2026-11-01T15:00:00Z"
    );
    // A night shift 22:00-06:00 across the change lasts nine hours.
    let night = cal(chrono_tz::America::New_York, "sat", &["22:00-06:00"], &[]);
    assert_eq!(
        night.open_seconds(at("2026-10-31T00:00:00Z"), at("2026-11-02T00:00:00Z")),
        9 * H
    );
}

#[test]
fn the_always_calendar_counts_wall_time() {
    let c = Calendar::always();
    assert_eq!(
        add(&c, "2026-11-21T12:00:00Z", 6 * H),
        "2026-11-21T18:00:00Z"
    );
    assert_eq!(
        c.open_seconds(at("2026-11-21T12:00:00Z"), at("2026-11-21T11:00:00Z")),
        0
    );
}

#[test]
fn a_calendar_that_never_opens_has_no_due_time() {
    let c = cal(Tz::UTC, "mon", &["09:00-10:00"], &[]);
    let mut closed = c.clone();
    closed.week = Default::default();
    assert!(closed.add(at("2026-11-23T00:00:00Z"), 60).is_none());
    assert!(c.add(at("2026-11-23T00:00:00Z"), 60).is_some());
}

#[test]
fn hours_and_days_parse_and_overlaps_are_found() {
    assert_eq!(
        parse_shift("09:00-17:30").unwrap(),
        Shift {
            start: 9 * 3600,
            end: 17 * 3600 + 1800
        }
    );
    assert_eq!(parse_shift("22:00-06:00").unwrap().end, 30 * 3600);
    assert_eq!(parse_shift("00:00-24:00").unwrap().end, 24 * 3600);
    for bad in ["9-17", "25:00-26:00", "09:00", "09:60-10:00"] {
        assert!(parse_shift(bad).is_err(), "{bad}");
    }
    assert_eq!(parse_days("mon-fri").unwrap().len(), 5);
    assert_eq!(
        parse_days("weekend").unwrap(),
        vec![Weekday::Sat, Weekday::Sun]
    );
    assert!(parse_days("fri-mon").unwrap_err().contains("backwards"));
    assert!(parse_days("someday").is_err());

    assert!(
        check_week(&week("mon", &["09:00-12:00", "11:00-13:00"]))
            .unwrap_err()
            .contains("mon overlap")
    );
    let mut w = week("mon", &["22:00-06:00"]);
    w[1] = vec![parse_shift("05:00-09:00").unwrap()];
    assert!(
        check_week(&w)
            .unwrap_err()
            .contains("night shift of mon runs into the hours of tue")
    );
    assert!(check_week(&week("mon-fri", &["09:00-12:00", "13:00-17:00"])).is_ok());
}

#[test]
fn a_sparse_calendar_reaches_targets_years_away_and_counts_them_whole() {
    // Open one hour a week: 200 hours take 200 Sundays, almost four years.
    let c = cal(Tz::UTC, "sun", &["10:00-11:00"], &[]);
    assert_eq!(
        add(&c, "2026-11-23T00:00:00Z", 200 * H),
        "2030-09-22T11:00:00Z"
    );
    // Business time measured over six years is not cut short.
    assert_eq!(
        c.open_seconds(at("2026-11-23T00:00:00Z"), at("2032-11-22T00:00:00Z")),
        313 * H
    );
    assert_eq!(c.reaches(200 * H), Ok(()));
    assert_eq!(c.reaches(600 * H), Err(11));
    assert_eq!(Calendar::always().reaches(3650 * 24 * H), Err(10));
}

#[test]
fn a_span_that_ends_at_closing_time_is_due_at_the_closing_instant() {
    // Friday 16:00 CET + 1h ends as the office closes at 17:00: due then,
    // not at Monday's opening (the convention `policy show` states).
    let c = berlin_office();
    assert_eq!(add(&c, "2026-11-20T15:00:00Z", H), "2026-11-20T16:00:00Z");
    // The lunch break's start is a closing time too.
    assert_eq!(add(&c, "2026-11-23T10:30:00Z", H), "2026-11-23T11:30:00Z");
}

#[test]
fn hours_read_back_as_the_policy_writes_them() {
    let c = cal(Tz::UTC, "mon-fri", &["09:00-12:30", "13:30-17:00"], &[]);
    assert_eq!(c.hours_text(), "mon-fri 09:00-12:30, 13:30-17:00");
    let mut w = week("sat", &["22:00-06:00"]);
    w[0] = vec![parse_shift("08:00-16:00").unwrap()];
    w[2] = w[0].clone();
    let c = Calendar::new("x", Tz::UTC, w, Default::default());
    assert_eq!(
        c.hours_text(),
        "mon 08:00-16:00; wed 08:00-16:00; sat 22:00-06:00"
    );
    assert_eq!(Calendar::always().hours_text(), "always open");
}

mod properties {
    //! Calendar arithmetic against itself, on generated calendars in zones
    //! with and without DST (both hemispheres, a half-hour offset, a zone
    //! that skipped a whole day), from instants around their transitions.

    use proptest::prelude::*;

    use super::*;

    const ZONES: [Tz; 7] = [
        chrono_tz::Europe::Berlin,
        chrono_tz::America::New_York,
        chrono_tz::Australia::Sydney,
        chrono_tz::Asia::Kolkata,
        chrono_tz::America::Santiago,
        chrono_tz::Pacific::Apia,
        Tz::UTC,
    ];

    /// Up to two shifts a day on some days, night shifts included; at
    /// least one shift somewhere in the week.
    fn calendars() -> impl Strategy<Value = Calendar> {
        let shift = (0u32..24 * 4, 1u32..12 * 4).prop_map(|(start, len)| Shift {
            start: start * 900,
            end: start * 900 + len * 900,
        });
        let day = prop::collection::vec(shift, 0..=2);
        (
            prop::array::uniform7(day),
            0..ZONES.len(),
            prop::collection::btree_set(0i64..730, 0..20),
        )
            .prop_filter_map("overlapping or empty week", |(mut week, zone, holidays)| {
                for d in week.iter_mut() {
                    d.sort();
                }
                if week.iter().all(Vec::is_empty) || check_week(&week).is_err() {
                    return None;
                }
                let first = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
                let holidays = holidays
                    .into_iter()
                    .map(|d| first + Duration::days(d))
                    .collect();
                Some(Calendar::new("p", ZONES[zone], week, holidays))
            })
    }

    /// Instants in 2026-2027, often within hours of a DST change.
    fn instants() -> impl Strategy<Value = Instant> {
        let transitions = [
            "2026-03-29T01:00:00Z", // Europe
            "2026-10-25T01:00:00Z",
            "2026-03-08T07:00:00Z", // United States
            "2026-11-01T06:00:00Z",
            "2026-04-04T16:00:00Z", // Sydney, southern autumn
            "2026-10-03T16:00:00Z",
            "2026-04-05T03:00:00Z", // Santiago
            "2026-09-06T04:00:00Z",
        ];
        prop_oneof![
            (0i64..2 * 365 * 86_400)
                .prop_map(|s| at("2026-01-01T00:00:00Z") + Duration::seconds(s)),
            (0..transitions.len(), -12 * 3600i64..12 * 3600)
                .prop_map(move |(i, s)| at(transitions[i]) + Duration::seconds(s)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Adding business time and measuring it back gives the same span.
        #[test]
        fn adding_then_measuring_gives_the_span_back(
            c in calendars(), from in instants(), secs in 0i64..400 * 3600
        ) {
            let due = c.add(from, secs).expect("a calendar with hours reaches any span");
            prop_assert!(due >= from);
            prop_assert_eq!(c.open_seconds(from, due), secs);
        }

        /// Adding in two steps lands where adding at once does.
        #[test]
        fn adding_in_two_steps_is_adding_once(
            c in calendars(), from in instants(), a in 0i64..100 * 3600, b in 1i64..100 * 3600
        ) {
            let once = c.add(from, a + b).unwrap();
            let twice = c.add(c.add(from, a).unwrap(), b).unwrap();
            prop_assert_eq!(once, twice);
        }

        /// Due instants never move backwards: not as the start moves on,
        /// not as the target grows.
        #[test]
        fn due_instants_never_move_backwards(
            c in calendars(), from in instants(), later in 0i64..30 * 86_400,
            secs in 0i64..200 * 3600, more in 0i64..50 * 3600
        ) {
            let due = c.add(from, secs).unwrap();
            prop_assert!(c.add(from + Duration::seconds(later), secs).unwrap() >= due);
            prop_assert!(c.add(from, secs + more).unwrap() >= due);
        }

        /// Open time is additive over adjacent spans and never exceeds
        /// wall time.
        #[test]
        fn open_time_adds_up(
            c in calendars(), a in instants(), x in 0i64..20 * 86_400, y in 0i64..20 * 86_400
        ) {
            let b = a + Duration::seconds(x);
            let e = b + Duration::seconds(y);
            let whole = c.open_seconds(a, e);
            prop_assert_eq!(whole, c.open_seconds(a, b) + c.open_seconds(b, e));
            prop_assert!(whole <= x + y);
        }
    }
}
