//! Where every byte a command prints passes: human text with the control
//! characters of its data made visible, JSON exact but inert.
//!
//! Titles, customers, notes and names come from people who may not be
//! friendly: an `ESC ] 52` sequence in a title would write a manager's
//! clipboard, `ESC [ 2 J` clear their screen. Escaping each field where it
//! is formatted would leave the next new field unguarded, so the writer
//! itself does it: nothing reaches the terminal that it did not vet.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

/// What a listing prints as: a table for people, values separated by tabs
/// or commas for programs, or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Tsv,
    Csv,
    Json,
}

impl Format {
    /// The format asked for, or by where the output goes: JSON with
    /// `--json`, a table on a terminal, tab-separated values elsewhere.
    pub fn chosen(asked: Option<Format>, json: bool, terminal: bool) -> Format {
        match (asked, json) {
            (Some(f), _) => f,
            (None, true) => Format::Json,
            (None, false) if terminal => Format::Table,
            (None, false) => Format::Tsv,
        }
    }
}

/// Whether to colour what goes to standard output: only a terminal, and
/// only when `NO_COLOR` does not ask otherwise.
pub fn colour(terminal: bool) -> bool {
    terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Whether `c` would act on a terminal, reorder what a reader sees, or
/// hide text rather than print: C0 and C1 controls, DEL, the
/// bidirectional marks, embeddings, overrides and isolates, the line and
/// paragraph separators, and the characters of no width that no script
/// needs to be read (zero-width space, word joiner, byte order mark,
/// invisible operators, fillers, tag characters). ZWJ and ZWNJ, which
/// Persian, Indic scripts and emoji sequences need, and variation
/// selectors print; [`visible`] keeps the tag characters of a flag.
pub fn acts(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{180e}'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{3164}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// A tag character: invisible, and read as text by some programs that a
/// reader never sees; printed only as part of a flag (🏴 and its tags).
fn tag(c: char) -> bool {
    matches!(c, '\u{e0000}'..='\u{e007f}')
}

/// How an acting character is shown: the escapes a shell's `$'…'` would
/// read back, so a reader can tell what was sent.
fn shown(c: char, to: &mut String) {
    use std::fmt::Write as _;
    let _ = match c {
        '\x1b' => write!(to, "\\e"),
        '\x07' => write!(to, "\\a"),
        '\x08' => write!(to, "\\b"),
        '\t' => write!(to, "\\t"),
        '\r' => write!(to, "\\r"),
        '\0' => write!(to, "\\0"),
        c if (c as u32) < 0x80 => write!(to, "\\x{:02x}", c as u32),
        c => write!(to, "\\u{{{:x}}}", c as u32),
    };
}

/// `text` with every character that would act on a terminal shown as an
/// escape, line breaks kept.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| acts(c) && c != '\n') {
        return Cow::Borrowed(text);
    }
    let mut s = String::with_capacity(text.len() + 8);
    // Within a flag's sequence: after 🏴, its tags up to the cancel tag.
    let mut flag = false;
    for c in text.chars() {
        let keep = c == '\n' || !acts(c) || (flag && tag(c));
        flag = (c == '\u{1f3f4}' || (flag && tag(c))) && c != '\u{e007f}';
        if keep {
            s.push(c);
        } else {
            shown(c, &mut s);
        }
    }
    Cow::Owned(s)
}

/// A warning or hint on stderr, for a person, made visible like output.
pub fn warn(text: &str) {
    eprintln!("{}", visible(text));
}

/// A command's standard output. Writing to it (`write!`) is for people and
/// makes every control character visible; [`Out::json`] is for programs
/// and keeps values exact; [`Out::vetted`] is for the few bytes esc itself
/// vouches for.
pub struct Out<'w> {
    raw: &'w mut dyn Write,
    /// The start of a character cut off at the end of the last write.
    partial: Vec<u8>,
}

impl<'w> Out<'w> {
    pub fn new(raw: &'w mut dyn Write) -> Self {
        Out {
            raw,
            partial: Vec::new(),
        }
    }

    /// A value as indented JSON and a newline.
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> anyhow::Result<()> {
        let mut ser =
            serde_json::Serializer::with_formatter(&mut *self.raw, Inert(PrettyFormatter::new()));
        // As an io::Error, a reader that went away is recognised as such.
        value.serialize(&mut ser).map_err(io::Error::from)?;
        writeln!(self.raw)?;
        Ok(())
    }

    /// A value as one line of JSON, for streams a program reads line by line.
    pub fn json_line<T: Serialize + ?Sized>(&mut self, value: &T) -> anyhow::Result<()> {
        let mut ser =
            serde_json::Serializer::with_formatter(&mut *self.raw, Inert(CompactFormatter));
        // As an io::Error, a reader that went away is recognised as such.
        value.serialize(&mut ser).map_err(io::Error::from)?;
        writeln!(self.raw)?;
        Ok(())
    }

    /// The terminal itself, for text whose data already passed through
    /// [`visible`] and that carries esc's own colours, or for a document
    /// that was validated to hold no control characters.
    pub fn vetted(&mut self) -> &mut dyn Write {
        &mut *self.raw
    }
}

impl Write for Out<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Almost every write is whole text with nothing to show: pass it on.
        if self.partial.is_empty()
            && let Ok(text) = std::str::from_utf8(buf)
            && let Cow::Borrowed(_) = visible(text)
        {
            self.raw.write_all(buf)?;
            return Ok(buf.len());
        }
        self.partial.extend_from_slice(buf);
        let bytes = std::mem::take(&mut self.partial);
        let mut rest = &bytes[..];
        let mut text = String::new();
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    text.push_str(&visible(s));
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    text.push_str(&visible(std::str::from_utf8(good).expect("checked")));
                    match e.error_len() {
                        // A character split across two writes: wait for its end.
                        None => {
                            self.partial = bad.to_vec();
                            break;
                        }
                        Some(n) => {
                            text.push('\u{fffd}');
                            rest = &bad[n..];
                        }
                    }
                }
            }
        }
        self.raw.write_all(text.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.partial.is_empty() {
            self.partial.clear();
            self.raw.write_all("\u{fffd}".as_bytes())?;
        }
        self.raw.flush()
    }
}

/// serde_json escapes C0 controls already; this also escapes C1 controls,
/// DEL and bidi overrides as `\uXXXX`, so that JSON read on a terminal is as
/// harmless as text and still decodes to exactly what was stored.
struct Inert<F>(F);

impl<F: Formatter> Formatter for Inert<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if acts(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                // Past the Basic Multilingual Plane, JSON spells a
                // character as its UTF-16 surrogate pair.
                for unit in c.encode_utf16(&mut [0; 2]) {
                    write!(writer, "\\u{:04x}", unit)?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Cut text to `max` characters, marking the cut.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// A line of text within `width` (no limit with `None`), broken between
/// words; the lines it continues on start `indent` spaces in, under the
/// text that follows a label.
pub fn wrap_hanging(line: &str, indent: usize, width: Option<usize>) -> String {
    let Some(width) = width.filter(|&w| w > indent + 10) else {
        return line.to_string();
    };
    let mut out = String::new();
    let mut rest = line.to_string();
    while rest.chars().count() > width {
        // The last space that leaves the line within the width, past the
        // label; a word longer than the line stays whole.
        let limit = rest
            .char_indices()
            .nth(width)
            .map_or(rest.len(), |(i, _)| i);
        let start = rest
            .char_indices()
            .nth(indent + 1)
            .map_or(rest.len(), |(i, _)| i);
        let Some(cut) = rest[..limit].rfind(' ').filter(|&c| c > start) else {
            break;
        };
        out.push_str(rest[..cut].trim_end());
        out.push('\n');
        rest = format!("{}{}", " ".repeat(indent), rest[cut..].trim_start());
    }
    out.push_str(&rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "T \x1b]52;c;SGVsbG8=\x07 \x1b[2J\r\u{9b}31m\u{202e}x\ty\nz";

    #[test]
    fn text_shows_every_control_and_keeps_lines() {
        let mut buf = Vec::new();
        write!(Out::new(&mut buf), "{HOSTILE}").unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(
            text,
            "T \\e]52;c;SGVsbG8=\\a \\e[2J\\r\\u{9b}31m\\u{202e}x\\ty\nz"
        );
    }

    #[test]
    fn a_character_split_between_writes_is_judged_whole() {
        let mut buf = Vec::new();
        let mut out = Out::new(&mut buf);
        let csi = "\u{9b}".as_bytes();
        out.write_all(&csi[..1]).unwrap();
        out.write_all(&csi[1..]).unwrap();
        out.write_all("é".as_bytes()).unwrap();
        out.write_all(b"\xff!").unwrap();
        out.flush().unwrap();
        assert_eq!(String::from_utf8(buf).unwrap(), "\\u{9b}é\u{fffd}!");
    }

    #[test]
    fn json_is_exact_and_inert() {
        let mut buf = Vec::new();
        Out::new(&mut buf).json_line(&[HOSTILE]).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(!text.trim_end().chars().any(acts), "{text:?}");
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, [HOSTILE]);
    }

    /// Marks and invisible characters that reorder or hide text are shown;
    /// what scripts and emoji need to be read prints as it is.
    #[test]
    fn text_shows_what_hides_or_reorders_and_keeps_what_scripts_need() {
        let hiding =
            "a\u{200e}b\u{200f}c\u{61c}d\u{2028}e\u{2029}f\u{200b}g\u{2060}h\u{feff}i\u{e0041}j";
        assert_eq!(
            visible(hiding),
            "a\\u{200e}b\\u{200f}c\\u{61c}d\\u{2028}e\\u{2029}f\\u{200b}g\\u{2060}h\\u{feff}i\\u{e0041}j"
        );
        // Persian with ZWNJ, Devanagari with ZWJ, a family emoji, a
        // flag with its tags (Scotland), a keycap with its selector.
        for kept in [
            "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}",
            "\u{915}\u{94d}\u{200d}\u{937}",
            "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
            "\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
            "1\u{fe0f}\u{20e3}",
        ] {
            assert_eq!(visible(kept), kept);
        }
        // Tags after the flag's end are text smuggled past a reader.
        assert_eq!(
            visible("\u{1f3f4}\u{e0067}\u{e007f}\u{e0041}"),
            "\u{1f3f4}\u{e0067}\u{e007f}\\u{e0041}"
        );
    }

    #[test]
    fn json_spells_astral_characters_as_surrogate_pairs() {
        let mut buf = Vec::new();
        Out::new(&mut buf)
            .json_line(&["x\u{e0041}\u{200f}"])
            .unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(text, "[\"x\\udb40\\udc41\\u200f\"]\n");
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, ["x\u{e0041}\u{200f}"]);
    }

    #[test]
    fn pretty_json_keeps_its_layout() {
        let mut buf = Vec::new();
        Out::new(&mut buf)
            .json(&serde_json::json!({"a": [1, 2]}))
            .unwrap();
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "{\n  \"a\": [\n    1,\n    2\n  ]\n}\n"
        );
    }
}
