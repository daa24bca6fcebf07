//! The part of a reply its writer wrote, without the history their mail
//! program quoted below it. Only forms that are recognised for certain are
//! cut; anything else is kept whole (the full text stays with the
//! message).

/// What `text` says before the quoted history, or all of it when no
/// history is recognised or nothing would be left.
pub fn reply_part(text: &str) -> &str {
    let lines: Vec<&str> = text.lines().collect();
    let cut = (0..lines.len()).find(|&i| starts_history(&lines, i));
    let cut = cut.or_else(|| trailing_quote(&lines));
    let Some(cut) = cut else {
        return text.trim_end();
    };
    let kept_len: usize = lines[..cut].iter().map(|l| l.len() + 1).sum();
    let kept = text[..kept_len.min(text.len())].trim_end();
    if kept.trim().is_empty() {
        text.trim_end()
    } else {
        kept
    }
}

/// Whether the quoted history starts at line `i`.
fn starts_history(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    let lower = line.to_lowercase();
    if is_separator(&lower) {
        return true;
    }
    // Outlook's header block: From, then Sent or Date, within a few lines.
    if let Some(rest) = lower.strip_prefix("from:")
        && !rest.trim().is_empty()
    {
        let next = &lines[i + 1..lines.len().min(i + 5)];
        let has = |name: &str| {
            next.iter()
                .any(|l| l.trim().to_lowercase().starts_with(name))
        };
        if (has("sent:") || has("date:")) && (has("to:") || has("subject:")) {
            return true;
        }
    }
    // "On <date>, <someone> wrote:", perhaps wrapped onto a second line,
    // and its translations in the languages customers most often write.
    let joined = match lines.get(i + 1) {
        Some(next) if !attribution_end(&lower) => format!("{lower} {}", next.trim().to_lowercase()),
        _ => lower.clone(),
    };
    let opens = ["on ", "am ", "le ", "el ", "il ", "op ", "em "];
    opens.iter().any(|o| lower.starts_with(o)) && attribution_end(&joined)
}

/// The attribution line's last words: "wrote:" and its translations.
fn attribution_end(line: &str) -> bool {
    let line = line.trim_end();
    [
        "wrote:",
        "schrieb:",
        "a écrit :",
        "a écrit:",
        "escribió:",
        "ha scritto:",
        "schreef:",
        "escreveu:",
    ]
    .iter()
    .any(|end| line.ends_with(end))
}

fn is_separator(lower: &str) -> bool {
    let core = lower.trim_matches(|c: char| c == '-' || c == ' ');
    (lower.starts_with("---") || lower.starts_with("- -"))
        && matches!(
            core,
            "original message"
                | "ursprüngliche nachricht"
                | "message d'origine"
                | "mensaje original"
        )
}

/// Where a last run of `>` lines starts (with the line that introduces
/// it), if the text ends in one.
fn trailing_quote(lines: &[&str]) -> Option<usize> {
    let mut end = lines.len();
    while end > 0 && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && (lines[start - 1].starts_with('>') || lines[start - 1].trim().is_empty()) {
        start -= 1;
    }
    if start == end || !lines[start..end].iter().any(|l| l.starts_with('>')) {
        return None;
    }
    // The line just above that ends in a colon introduces it.
    if start > 0 && lines[start - 1].trim_end().ends_with(':') {
        start -= 1;
    }
    Some(start)
}
