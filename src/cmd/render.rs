//! How tickets and events read on a terminal and in JSON.

use comfy_table::{ContentArrangement, LineStyle, Table, TableStyle, presets};

use crate::clock::{Instant, short};
pub use crate::describe::{describe, describe_skip, rule_did};
pub use crate::output::{clip, wrap_hanging};

/// Only a rule under the header: quiet enough to scan a long queue.
const LISTING: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'));

/// A table row from data: control characters are made visible before the
/// table measures the cells, so that escaped text still lines up.
pub fn row<I, S>(cells: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    cells
        .into_iter()
        .map(|c| crate::output::visible(c.as_ref()).into_owned())
        .collect()
}

/// Who a notification is for: a person's name, or the customer's address.
pub fn recipient(n: &crate::outbox::Notification) -> String {
    match n.audience {
        crate::outbox::Audience::Person => n.recipient.name.clone(),
        crate::outbox::Audience::Customer => format!("customer {}", n.recipient.name),
    }
}

/// Where a notification stands, in a few words: `sent 2026-11-23 13:10`,
/// `waiting`, `retry at ... (why)`, `failed: why`.
pub fn delivery(n: &crate::outbox::Notification) -> String {
    use crate::outbox::Delivery;
    match n.status {
        Delivery::Sent => format!("sent {}", n.sent_at.map_or_else(String::new, short)),
        Delivery::Pending if n.attempts == 0 => match &n.last_error {
            // Nobody to reach: it goes as soon as the policy gives a way,
            // and how to give one is `esc outbox`'s and the tick's to say.
            Some(why) if why.starts_with(crate::delivery::NO_WAY) => {
                format!("waiting: {}", why.split(':').next().unwrap_or(why))
            }
            // Set aside without an attempt: quiet hours, nobody to reach.
            Some(why) => format!("waiting until {} ({why})", short(n.next_attempt_at)),
            None => "waiting".into(),
        },
        Delivery::Pending => format!(
            "retry at {} ({})",
            short(n.next_attempt_at),
            dash(n.last_error.as_deref())
        ),
        Delivery::Failed => format!("failed: {}", dash(n.last_error.as_deref())),
    }
}

/// A table with a rule under its header and nothing else.
pub fn table<I, S>(header: I) -> Grid
where
    I: IntoIterator<Item = S>,
    S: Into<comfy_table::Cell>,
{
    let mut t = Table::new();
    t.load_style(LISTING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    within_width(&mut t);
    Grid(t)
}

/// A table that, fitted to the width, breaks its cells between words:
/// each column is at least as wide as its longest word (up to a limit
/// that keeps a table of long words within the screen).
pub struct Grid(Table);

impl std::ops::Deref for Grid {
    type Target = Table;
    fn deref(&self) -> &Table {
        &self.0
    }
}

impl std::ops::DerefMut for Grid {
    fn deref_mut(&mut self) -> &mut Table {
        &mut self.0
    }
}

impl std::fmt::Display for Grid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        /// Longer words may still break: a URL, a path.
        const LONGEST_WORD: usize = 24;
        let t = self.0.clone();
        let longest = |rows: &mut dyn Iterator<Item = &comfy_table::Row>| {
            let mut widest: Vec<usize> = Vec::new();
            for row in rows {
                for (i, cell) in row.cell_iter().enumerate() {
                    let word = cell
                        .content()
                        .split_whitespace()
                        .map(|w| w.chars().count().min(LONGEST_WORD))
                        .max()
                        .unwrap_or(0);
                    if widest.len() <= i {
                        widest.resize(i + 1, 0);
                    }
                    widest[i] = widest[i].max(word);
                }
            }
            widest
        };
        // Each column pads a space either side and a space parts it from
        // the next.
        let room = |mins: &[usize]| mins.iter().map(|m| m + 3).sum::<usize>() + 1;
        let fits = |mins: &[usize]| t.width().is_none_or(|w| room(mins) <= usize::from(w));
        // Whole words everywhere if they fit.
        let everywhere = longest(&mut t.header().into_iter().chain(t.row_iter()));
        if fits(&everywhere) {
            return write!(f, "{}", at_least(t, &everywhere));
        }
        // Too many columns for whole words: the table continues below
        // itself, each part led by the first column, as wide as fits.
        let mut parts: Vec<Vec<usize>> = Vec::new();
        for column in 1..everywhere.len() {
            let mut grown = parts.last().cloned().unwrap_or_else(|| vec![0]);
            grown.push(column);
            let mins: Vec<usize> = grown.iter().map(|&c| everywhere[c]).collect();
            match parts.last_mut() {
                Some(part) if fits(&mins) => *part = grown,
                _ => parts.push(vec![0, column]),
            }
        }
        let all_fit = parts.iter().all(|part| {
            let mins: Vec<usize> = part.iter().map(|&c| everywhere[c]).collect();
            fits(&mins)
        });
        if !all_fit || parts.len() < 2 {
            // A single column too wide: comfy-table squeezes it as it must.
            return write!(f, "{t}");
        }
        let drawn: Vec<String> = parts
            .iter()
            .map(|part| {
                let pick = |row: &comfy_table::Row| -> Vec<comfy_table::Cell> {
                    let cells: Vec<&comfy_table::Cell> = row.cell_iter().collect();
                    part.iter()
                        .filter_map(|&c| cells.get(c).map(|&cell| cell.clone()))
                        .collect()
                };
                let mut sub = Table::new();
                sub.load_style(LISTING)
                    .set_content_arrangement(ContentArrangement::Dynamic);
                if let Some(w) = t.width() {
                    sub.set_width(w);
                }
                if let Some(header) = t.header() {
                    sub.set_header(pick(header));
                }
                for row in t.row_iter() {
                    sub.add_row(pick(row));
                }
                let mins: Vec<usize> = part.iter().map(|&c| everywhere[c]).collect();
                at_least(sub, &mins).to_string()
            })
            .collect();
        write!(f, "{}", drawn.join("\n\n"))
    }
}

/// `t` with each column at least as wide as `mins` says (padding aside).
fn at_least(mut t: Table, mins: &[usize]) -> Table {
    for (column, width) in t.column_iter_mut().zip(mins) {
        // The boundary counts the space padded either side.
        column.set_constraint(comfy_table::ColumnConstraint::LowerBoundary(
            comfy_table::Width::Fixed(u16::try_from(width + 2).unwrap_or(u16::MAX)),
        ));
    }
    t
}

/// A table as wide as the terminal (or `COLUMNS`) at most: long cells
/// wrap between words under their column.
fn within_width(t: &mut Table) {
    if let Some(w) = width() {
        t.set_width(u16::try_from(w).unwrap_or(u16::MAX));
    }
}

/// A borderless two-column-pair grid for a ticket's fields.
pub fn fields() -> Table {
    let mut t = Table::new();
    t.load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic);
    within_width(&mut t);
    t
}

/// One CSV field: quoted when it holds a separator, a quote or a line
/// break, and never a formula: a spreadsheet runs a cell that starts with
/// `=`, `+`, `-` or `@` (or a tab or carriage return before one), so such
/// text gets a `'` in front, as spreadsheets themselves write it. Plain
/// numbers, negative ones too, are left as they are.
pub fn csv_field(text: &str) -> String {
    let formula =
        text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.parse::<f64>().is_err();
    let text = if formula {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

pub fn dash(value: Option<&str>) -> String {
    value.filter(|v| !v.is_empty()).unwrap_or("—").to_string()
}

pub fn when(t: Option<Instant>) -> String {
    t.map_or_else(|| "—".to_string(), short)
}

/// A ticket's SLA at a glance, short enough for a list at 80 columns:
/// `2h 5m left`, `breached` once a target of this cycle was missed (what
/// runs next is `esc show`'s to say), `paused` while the customer owes the
/// next move, `met` for a ticket resolved with none missed, `—` when no
/// clock runs.
pub fn sla(t: &crate::ticket::Ticket, now: Instant) -> String {
    use crate::ticket::Status;
    match (t.status, t.due.breached_at, t.due.sla_at) {
        (Status::Pending, _, _) => "paused".into(),
        (_, Some(_), _) => "breached".into(),
        (Status::Resolved, None, _) => "met".into(),
        (_, None, Some(d)) if d <= now => "breached".into(),
        (_, None, Some(d)) => format!("{} left", crate::clock::human_span((d - now).num_seconds())),
        (_, None, None) => "—".into(),
    }
}

/// How wide a table may be: `COLUMNS`, or the width of the terminal
/// standard output is; `None` (no limit) when it goes elsewhere.
pub fn width() -> Option<usize> {
    width_given().or_else(
        || match ASSUMED_WIDTH.load(std::sync::atomic::Ordering::Relaxed) {
            0 => None,
            w => Some(w),
        },
    )
}

/// The width to draw for when neither `COLUMNS` nor a terminal gives one;
/// 0 for none (programs read whole lines). Set by the demo, whose output
/// reads as a session at a terminal wherever it goes.
static ASSUMED_WIDTH: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Draw for `columns` when neither `COLUMNS` nor a terminal gives a width.
pub fn assume_width(columns: usize) {
    ASSUMED_WIDTH.store(columns, std::sync::atomic::Ordering::Relaxed);
}

fn width_given() -> Option<usize> {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
    {
        return Some(columns);
    }
    #[cfg(unix)]
    {
        let stdout = std::io::stdout();
        if let Ok(size) = rustix::termios::tcgetwinsize(&stdout)
            && size.ws_col > 0
        {
            return Some(usize::from(size.ws_col));
        }
    }
    None
}

/// The columns of a table that must fit `width`: each cell on one line,
/// never wrapped. Columns in `drop` go first, in that order, while the
/// `flexible` one (a title) shrinks to take what is left, clipped with `…`.
pub struct Fitted<'a> {
    pub headers: &'a [&'a str],
    pub rows: Vec<Vec<String>>,
    pub flexible: usize,
    pub drop: &'a [usize],
    /// A colour for each cell that carries meaning (a breach in red), by
    /// row; empty rows or `None` for plain ones.
    pub tones: Vec<Vec<Option<comfy_table::Color>>>,
}

impl Fitted<'_> {
    /// The table as wide as it needs, within `width` when it can be, in
    /// colour with `colour` (then it holds escape sequences of its own:
    /// its cells' text is made visible here).
    pub fn render(mut self, width: Option<usize>, colour: bool) -> String {
        /// The narrowest a title gets before other columns go.
        const MIN_FLEXIBLE: usize = 20;
        // One line per row: a line break in data shows as `\n`.
        let rows: Vec<Vec<String>> = std::mem::take(&mut self.rows)
            .into_iter()
            .map(|r| row(r).into_iter().map(|c| c.replace('\n', "\\n")).collect())
            .collect();
        let mut shown: Vec<usize> = (0..self.headers.len()).collect();
        let natural = rows
            .iter()
            .map(|r| r[self.flexible].chars().count())
            .max()
            .unwrap_or(0)
            .max(self.headers[self.flexible].len());
        let mut flexible = natural;
        let mut dropped = 0;
        loop {
            // Measured without colour, whose escapes take no room.
            let text = self.draw(&rows, &shown, flexible, false);
            let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            let Some(limit) = width.filter(|&w| widest > w) else {
                return match colour {
                    true => self.draw(&rows, &shown, flexible, true),
                    false => text,
                };
            };
            let over = widest - limit;
            if flexible > MIN_FLEXIBLE {
                flexible = flexible.saturating_sub(over).max(MIN_FLEXIBLE);
            } else if let Some(&next) = self.drop.get(dropped) {
                dropped += 1;
                shown.retain(|&c| c != next);
                // A column gone leaves room: give the title its width back.
                flexible = natural;
            } else {
                return match colour {
                    true => self.draw(&rows, &shown, flexible, true),
                    false => text,
                };
            }
        }
    }

    fn draw(&self, rows: &[Vec<String>], shown: &[usize], flexible: usize, colour: bool) -> String {
        let mut t = Table::new();
        t.load_style(LISTING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(shown.iter().map(|&c| self.headers[c]));
        if colour {
            t.enforce_styling();
        } else {
            t.force_no_tty();
        }
        for (i, r) in rows.iter().enumerate() {
            t.add_row(shown.iter().map(|&c| {
                let text = if c == self.flexible {
                    clip(&r[c], flexible)
                } else {
                    r[c].clone()
                };
                let tone = self.tones.get(i).and_then(|t| t.get(c).copied().flatten());
                match tone {
                    Some(tone) if colour => comfy_table::Cell::new(text).fg(tone),
                    _ => comfy_table::Cell::new(text),
                }
            }));
        }
        // Trailing padding would count against the width.
        t.to_string()
            .lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A timeline as a reader takes it in: one line per event (when, who,
/// what), what happened wrapped between words under WHAT, and the reason
/// given, quoted, on the lines under its row. Cells of a table would wrap
/// the reason into a narrow column beside the rest.
pub fn timeline(rows: &[[String; 4]], width: Option<usize>) -> String {
    let rows: Vec<[String; 4]> = rows
        .iter()
        .map(|[when, who, what, why]| {
            [
                when.clone(),
                clip(who, 20),
                what.replace('\n', " "),
                why.clone(),
            ]
        })
        .collect();
    let when_header = crate::clock::labelled("WHEN");
    let wide = |i: usize, header: &str| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([header.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let (w1, w2) = (wide(0, &when_header), wide(1, "WHO"));
    let indent = 1 + w1 + 3 + w2 + 3;
    let mut body = Vec::new();
    for [when, who, what, why] in &rows {
        body.push(wrap_hanging(
            &format!(" {when:<w1$}   {who:<w2$}   {what}"),
            indent,
            width,
        ));
        if why.is_empty() || why == "—" {
            continue;
        }
        let lines: Vec<&str> = why.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let open = if i == 0 { "“" } else { " " };
            let close = if i + 1 == lines.len() { "”" } else { "" };
            body.push(wrap_hanging(
                &format!("{}{open}{line}{close}", " ".repeat(indent)),
                indent + 1,
                width,
            ));
        }
    }
    let header = format!(" {when_header:<w1$}   {:<w2$}   WHAT", "WHO");
    let widest = body
        .iter()
        .flat_map(|b| b.lines())
        .chain([header.as_str()])
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let rule = "─".repeat(width.map_or(widest, |w| widest.min(w)));
    format!("{header}\n{rule}\n{}", body.join("\n"))
}

/// One line of values for a program: tab-separated (COPY's escapes), or
/// with `csv` comma-separated (quoted, never a formula, controls shown).
pub fn values_line(fields: &[String], csv: bool) -> String {
    if csv {
        fields
            .iter()
            .map(|f| csv_field(&crate::output::visible(f)))
            .collect::<Vec<_>>()
            .join(",")
    } else {
        fields
            .iter()
            .map(|f| tsv_field(f))
            .collect::<Vec<_>>()
            .join("\t")
    }
}

/// One field of tab-separated values as PostgreSQL's COPY writes it:
/// backslash, tab, line feed and carriage return escaped, and every other
/// character that would act on a terminal written as the octal escapes of
/// its bytes, which COPY reads back.
pub fn tsv_field(text: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if crate::output::acts(c) => {
                let mut bytes = [0; 4];
                for b in c.encode_utf8(&mut bytes).bytes() {
                    let _ = write!(out, "\\{b:03o}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_wraps_between_words_under_its_label_and_keeps_its_spacing() {
        let line = "Volume       4 opened · 0 resolved · backlog 4 at the end, 0 open over 30 days";
        let wrapped = wrap_hanging(line, 13, Some(40));
        for l in wrapped.lines() {
            assert!(l.chars().count() <= 40, "{l:?}");
        }
        assert!(wrapped.starts_with("Volume       4 opened"), "{wrapped}");
        assert!(
            wrapped
                .lines()
                .skip(1)
                .all(|l| l.starts_with("             ") && !l.starts_with("              ")),
            "{wrapped}"
        );
        assert_eq!(
            wrapped.split_whitespace().collect::<Vec<_>>(),
            line.split_whitespace().collect::<Vec<_>>()
        );
        assert_eq!(wrap_hanging(line, 13, None), line);
    }

    #[test]
    fn clip_marks_the_cut() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("a long title here", 7), "a long…");
    }

    #[test]
    fn a_csv_field_is_quoted_when_it_must_be_and_never_a_formula() {
        for (text, field) in [
            ("plain", "plain"),
            ("a, b", "\"a, b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1 555", "'+1 555"),
            ("-3", "-3"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("4.5", "4.5"),
        ] {
            assert_eq!(csv_field(text), field, "{text:?}");
        }
    }
}
