//! The command line's words for what the library names by meaning: the
//! flag that sets each field, the environment variable behind it, and the
//! command that does what a hint suggests.

use crate::error::{Field, Hint, Suggested, Wording};

/// The flag (or argument) that sets a field on the command line.
pub(super) fn flag(field: Field) -> &'static str {
    match field {
        Field::Title => "--title",
        Field::Customer => "--customer",
        Field::Category => "--category",
        Field::Priority => "--priority",
        Field::Tier => "--tier",
        Field::Note => "the note text",
        Field::Reason => "--reason",
        Field::Summary => "--summary",
        Field::RootCause => "--root-cause",
        Field::Email => "--email",
        Field::Now => "--now",
        Field::Actor => "--as",
        Field::Level => "--level",
        Field::Target => "--team, --up or --level",
        Field::Queue => "--db",
    }
}

/// The command line's words for what a hint names: its flags, the
/// environment variables behind them, and its commands.
pub struct CommandLine;

impl Wording for CommandLine {
    fn flag(&self, field: Field) -> String {
        flag(field).to_string()
    }

    fn setting(&self, field: Field) -> String {
        match field {
            Field::Queue => "ESC_DB",
            Field::Now => "ESC_NOW",
            Field::Actor => "ESC_USER",
            other => flag(other),
        }
        .to_string()
    }

    fn act(&self, act: &Suggested) -> String {
        match act {
            Suggested::RemoveTags => "`esc tag ID --remove TAG`".to_string(),
            Suggested::RejectSignoff(id) => format!("`esc signoff {id} --reject --reason ...`"),
            Suggested::EscalateTo(id, level) => format!("`esc escalate {id} --level {level}`"),
            Suggested::Deescalate(id) => format!("`esc deescalate {id}`"),
            Suggested::Reopen(id) => format!("`esc reopen {id}`"),
            Suggested::Show(id) => format!("`esc show {id}`"),
            Suggested::SignOff(id) => format!("`esc signoff {id}`"),
            Suggested::ShowPolicy => "`esc policy show`".to_string(),
            Suggested::ApplyPolicy => "`esc policy apply FILE`".to_string(),
            Suggested::Init => "`esc init`".to_string(),
            Suggested::Export => "`esc export`".to_string(),
            Suggested::Unmerge(id) => format!("`esc merge --undo {id}`"),
            Suggested::Merge(from, into) => format!("`esc merge {from} --into {into}`"),
        }
    }
}

/// A hint in the command line's words.
pub fn hint_words(hint: &Hint) -> String {
    hint.words(&CommandLine)
}
