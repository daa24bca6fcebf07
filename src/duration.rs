//! Spans of time as a policy and the command line write them: `6h`, `30m`,
//! `1h30m`, `2d`, `90s`. A day is 24 hours; on a business calendar a span is
//! counted only while the calendar is open.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span(i64);

impl Span {
    pub const ZERO: Span = Span(0);

    pub fn seconds(secs: i64) -> Span {
        Span(secs)
    }

    pub fn as_secs(self) -> i64 {
        self.0
    }
}

impl FromStr for Span {
    type Err = String;

    fn from_str(text: &str) -> Result<Span, String> {
        let bad = || {
            format!(
                "invalid duration `{text}`: write a number and a unit, such as 30m, 6h, 1h30m or 30d"
            )
        };
        let s = text.trim();
        if s.is_empty() {
            return Err(bad());
        }
        let mut total: i64 = 0;
        let mut digits = String::new();
        for c in s.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
                continue;
            }
            let unit = match c {
                'd' => 86_400,
                'h' => 3_600,
                'm' => 60,
                's' => 1,
                _ => return Err(bad()),
            };
            let n: i64 = digits.parse().map_err(|_| bad())?;
            digits.clear();
            total = n
                .checked_mul(unit)
                .and_then(|x| total.checked_add(x))
                .filter(|t| *t <= 100 * 365 * 86_400)
                .ok_or_else(|| format!("duration `{text}` is longer than a hundred years"))?;
        }
        if !digits.is_empty() {
            return Err(bad());
        }
        Ok(Span(total))
    }
}

impl fmt::Display for Span {
    /// The shortest exact form: `1d6h`, `1h30m`, `45s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = self.0;
        if s == 0 {
            return f.write_str("0s");
        }
        if s < 0 {
            f.write_str("-")?;
            s = -s;
        }
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
            if s >= size {
                write!(f, "{}{unit}", s / size)?;
                s %= size;
            }
        }
        Ok(())
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// For clap: a positive span.
pub fn parse_span(text: &str) -> Result<Span, String> {
    let span: Span = text.parse()?;
    if span.0 <= 0 {
        return Err(format!("duration `{text}` must be longer than zero"));
    }
    Ok(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units_and_combinations() {
        let s = |t: &str| t.parse::<Span>().unwrap().as_secs();
        assert_eq!(s("90s"), 90);
        assert_eq!(s("30m"), 1_800);
        assert_eq!(s("6h"), 21_600);
        assert_eq!(s("1h30m"), 5_400);
        assert_eq!(s("30d"), 2_592_000);
        assert_eq!(s("0m"), 0);
    }

    #[test]
    fn refuses_what_is_not_a_duration() {
        for bad in ["", "6", "h", "6 hours", "1.5h", "-2h", "6w"] {
            let e = bad.parse::<Span>().unwrap_err();
            assert!(e.contains("invalid duration"), "{bad}: {e}");
        }
        assert!(
            "99999999d"
                .parse::<Span>()
                .unwrap_err()
                .contains("hundred years")
        );
        assert!(parse_span("0h").unwrap_err().contains("longer than zero"));
    }

    #[test]
    fn displays_the_shortest_exact_form() {
        for text in ["1d6h", "1h30m", "45s", "30d", "2h"] {
            assert_eq!(text.parse::<Span>().unwrap().to_string(), text);
        }
        assert_eq!("90m".parse::<Span>().unwrap().to_string(), "1h30m");
    }
}
