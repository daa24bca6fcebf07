//! Instants and durations as `esc` reads and prints them. The clock itself is
//! read only at the binary's edge (`--now` / `ESC_NOW` override it).

use chrono::{DateTime, Datelike, SecondsFormat, Utc};

/// A point in time. `esc` keeps whole seconds, in UTC.
pub type Instant = DateTime<Utc>;

/// Parse an RFC 3339 instant such as `2026-11-23T09:00:00Z` or
/// `2026-11-23T10:00:00+01:00`. Used by clap for `--now`.
pub fn parse_instant(text: &str) -> Result<Instant, String> {
    let at = DateTime::parse_from_rfc3339(text.trim())
        .map(|t| truncate(t.with_timezone(&Utc)))
        .map_err(|e| format!("{e}; expected an RFC 3339 instant such as 2026-11-23T09:00:00Z"))?;
    // An offset can carry 9999-12-31 into year 10000 in UTC, which RFC 3339
    // cannot write: esc could not print such an instant so that it reads back.
    if !(0..=9999).contains(&at.year()) {
        return Err(format!(
            "`{}` is {} in UTC, outside the years 0000 to 9999 that RFC 3339 can write",
            text.trim(),
            at.format("%+")
        ));
    }
    Ok(at)
}

/// Drop sub-second precision: the queue stores whole seconds, and an instant
/// must compare equal to itself after a round trip through the store.
pub fn truncate(t: Instant) -> Instant {
    from_unix(t.timestamp())
}

pub fn from_unix(secs: i64) -> Instant {
    DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::UNIX_EPOCH)
}

/// `2026-11-23T09:00:00Z`: the form used in JSON and wherever a machine reads.
pub fn rfc3339(t: Instant) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `2026-11-23 09:00`: the form used in tables, always UTC.
pub fn short(t: Instant) -> String {
    t.with_timezone(&zone())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The zone times are shown in: the config file's `zone`, else UTC. Set
/// once, as the command starts; instants stay UTC everywhere else.
static ZONE: std::sync::OnceLock<chrono_tz::Tz> = std::sync::OnceLock::new();

pub fn set_zone(zone: chrono_tz::Tz) {
    let _ = ZONE.set(zone);
}

pub fn zone() -> chrono_tz::Tz {
    ZONE.get().copied().unwrap_or(chrono_tz::Tz::UTC)
}

/// A column of times, labelled with their zone: `WHEN (UTC)`.
pub fn labelled(column: &str) -> String {
    format!("{column} ({})", zone().name())
}

/// A signed span as a person says it: `3d 4h`, `45m`, `20s`.
pub fn human_span(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    let (d, h, m) = (s / 86_400, (s % 86_400) / 3_600, (s % 3_600) / 60);
    let text = if d > 0 {
        if h > 0 {
            format!("{d}d {h}h")
        } else {
            format!("{d}d")
        }
    } else if h > 0 {
        if m > 0 {
            format!("{h}h {m}m")
        } else {
            format!("{h}h")
        }
    } else if m > 0 {
        format!("{m}m")
    } else {
        format!("{s}s")
    };
    if seconds < 0 {
        format!("-{text}")
    } else {
        text
    }
}

/// How long ago `then` was, seen from `now`: `3h ago`, `in 2d`.
pub fn ago(then: Instant, now: Instant) -> String {
    let secs = (now - then).num_seconds();
    if secs >= 0 {
        format!("{} ago", human_span(secs))
    } else {
        format!("in {}", human_span(-secs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_utc_and_offsets_to_the_same_instant() {
        let a = parse_instant("2026-11-23T09:00:00Z").unwrap();
        let b = parse_instant("2026-11-23T10:00:00+01:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(rfc3339(a), "2026-11-23T09:00:00Z");
    }

    #[test]
    fn drops_fractions_of_a_second() {
        let a = parse_instant("2026-11-23T09:00:00.75Z").unwrap();
        assert_eq!(rfc3339(a), "2026-11-23T09:00:00Z");
    }

    #[test]
    fn refuses_offsets_that_carry_an_instant_past_what_rfc3339_writes() {
        // Found by fuzzing: year 10000 in UTC printed as `+10000-...`,
        // which no RFC 3339 reader takes back.
        let e = parse_instant("9999-12-31T23:59:59-23:54").unwrap_err();
        assert!(e.contains("+10000-01-01T23:53:59"), "{e}");
        assert!(parse_instant("0000-01-01T00:00:00+01:00").is_err());
        let last = parse_instant("9999-12-31T23:59:59Z").unwrap();
        assert_eq!(parse_instant(&rfc3339(last)), Ok(last));
    }

    #[test]
    fn rejects_what_is_not_rfc3339_and_says_what_is() {
        for bad in ["yesterday", "2026-11-23", "2026-11-23 09:00", ""] {
            let e = parse_instant(bad).unwrap_err();
            assert!(e.contains("RFC 3339"), "{bad}: {e}");
        }
    }

    #[test]
    fn spans_read_like_a_person_says_them() {
        assert_eq!(human_span(20), "20s");
        assert_eq!(human_span(45 * 60), "45m");
        assert_eq!(human_span(2 * 3600 + 5 * 60), "2h 5m");
        assert_eq!(human_span(3 * 86_400 + 4 * 3600 + 59), "3d 4h");
        assert_eq!(human_span(-3600), "-1h");
        let t = parse_instant("2026-11-23T09:00:00Z").unwrap();
        let later = parse_instant("2026-11-23T12:00:00Z").unwrap();
        assert_eq!(ago(t, later), "3h ago");
        assert_eq!(ago(later, t), "in 3h");
    }
}
