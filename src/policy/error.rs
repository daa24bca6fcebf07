//! Policy errors that read like a compiler's: file, line, column and a caret
//! under the offending text, every problem at once.

use std::fmt;
use std::ops::Range;

/// Where in the policy text a problem sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    source_line: String,
    width: usize,
}

/// Where each line of a text starts: a problem's line is found by a
/// binary search, not by counting every line before it, which for a
/// policy of many problems made checking it quadratic.
#[derive(Debug, Clone)]
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn of(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { starts }
    }

    /// The 1-based number of the line holding byte `at`, and its start.
    fn find(&self, at: usize) -> (usize, usize) {
        let k = self.starts.partition_point(|&s| s <= at).max(1);
        (k, self.starts[k - 1])
    }
}

impl Location {
    /// Resolve a byte span of `text` to a line and column (both 1-based).
    pub fn of(text: &str, span: Range<usize>) -> Self {
        Location::within(text, &Lines::of(text), span)
    }

    /// [`Location::of`] with the text's lines found once for all its problems.
    pub fn within(text: &str, lines: &Lines, span: Range<usize>) -> Self {
        let start = span.start.min(text.len());
        let (line, line_start) = lines.find(start);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let source_line = text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        let column = text[line_start..start].chars().count() + 1;
        let end = span.end.clamp(start, line_end);
        Location {
            line,
            column,
            width: text[start..end].chars().count().max(1),
            source_line,
        }
    }
}

/// One thing wrong with a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub location: Option<Location>,
}

/// Everything wrong with one policy file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PolicyError {
    /// The file's path, or `<embedded default>`.
    pub origin: String,
    pub problems: Vec<Problem>,
}

impl PolicyError {
    pub fn single(origin: &str, message: impl Into<String>) -> Self {
        PolicyError {
            origin: origin.to_string(),
            problems: vec![Problem {
                message: message.into(),
                location: None,
            }],
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(&self.origin, &self.problems, "error"))
    }
}

/// Every problem on its own `error:` (or `warning:`) line, then the source
/// line with a caret, as rustc and just print them.
pub fn render(origin: &str, problems: &[Problem], label: &str) -> String {
    let mut lines = Vec::new();
    for p in problems {
        match &p.location {
            None => lines.push(format!("{label}: {origin}: {}", p.message)),
            Some(l) => {
                let gutter = " ".repeat(l.line.to_string().len());
                lines.push(format!("{label}: {}", p.message));
                lines.push(format!("{gutter}--> {origin}:{}:{}", l.line, l.column));
                lines.push(format!("{gutter} |"));
                lines.push(format!("{} | {}", l.line, l.source_line));
                lines.push(format!(
                    "{gutter} | {}{}",
                    " ".repeat(l.column - 1),
                    "^".repeat(l.width)
                ));
            }
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_found_at_its_first_byte_its_last_and_past_the_text() {
        let text = "ab\n\ncd\n";
        let lines = Lines::of(text);
        let at = |i: usize| {
            let l = Location::within(text, &lines, i..i + 1);
            (l.line, l.column)
        };
        assert_eq!(at(0), (1, 1));
        assert_eq!(at(2), (1, 3), "the line break belongs to its line");
        assert_eq!(at(3), (2, 1), "an empty line");
        assert_eq!(at(5), (3, 2));
        assert_eq!(at(99), (4, 1), "past the end: after the last line break");
    }

    #[test]
    fn locations_are_one_based_and_point_at_the_span() {
        let text = "a = 1\nlevel = \"L9\"\n";
        let start = text.find("\"L9\"").unwrap();
        let l = Location::of(text, start..start + 4);
        assert_eq!((l.line, l.column, l.width), (2, 9, 4));
        assert_eq!(l.source_line, "level = \"L9\"");
    }

    #[test]
    fn renders_file_line_column_and_a_caret() {
        let text = "level = \"L9\"\n";
        let e = PolicyError {
            origin: "p.toml".into(),
            problems: vec![Problem {
                message: "undefined level `L9`".into(),
                location: Some(Location::of(text, 8..12)),
            }],
        };
        let shown = e.to_string();
        assert!(shown.contains("--> p.toml:1:9"), "{shown}");
        assert!(shown.ends_with("  |         ^^^^"), "{shown}");
    }
}
