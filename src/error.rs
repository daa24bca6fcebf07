//! Errors a caller must branch on, and the exit codes they map to.

use crate::policy::PolicyError;
use crate::ticket::TicketId;

/// The process exit codes `esc` documents in README.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    Success = 0,
    /// Anything not covered below: I/O, SQLite, an unexpected state.
    Failure = 1,
    /// The command line was wrong: unknown flag, bad value, missing field.
    Usage = 2,
    /// The ticket named does not exist.
    NoSuchTicket = 3,
    /// The ticket exists but the change is not allowed in its state.
    Refused = 4,
    /// The policy file does not parse or does not validate.
    Policy = 5,
    /// The queue file is not a queue, or was written by a newer `esc`.
    Queue = 6,
    /// Nothing was kept, and trying again later may succeed (sysexits'
    /// EX_TEMPFAIL): a mail server keeps the message and retries.
    TryAgain = 75,
    /// A question was cancelled (Esc, Ctrl-C): nothing was changed. As a
    /// shell reports a command SIGINT ended.
    Cancelled = 130,
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code as u8)
    }
}

/// A field of a ticket or a change that the engine checks. The engine names
/// the field; the command line says which flag sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Customer,
    Category,
    Priority,
    Tier,
    Note,
    Reason,
    Summary,
    RootCause,
    /// The customer's e-mail address.
    Email,
    /// The instant a change is dated.
    Now,
    /// Who is acting.
    Actor,
    /// The level an escalation asks for.
    Level,
    /// Where an escalation goes: a team, a level, or both.
    Target,
    /// Which queue: a file, or a server's database.
    Queue,
}

impl Field {
    pub fn noun(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Customer => "customer",
            Field::Category => "category",
            Field::Priority => "priority",
            Field::Tier => "tier",
            Field::Note => "note text",
            Field::Reason => "reason",
            Field::Summary => "resolution summary",
            Field::RootCause => "root cause",
            Field::Email => "customer's e-mail address",
            Field::Now => "time of the change",
            Field::Actor => "person acting",
            Field::Level => "level",
            Field::Target => "escalation target",
            Field::Queue => "queue",
        }
    }
}

/// What is wrong with a field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Empty,
    /// Not a name the policy defines; `known` lists those it does.
    Unknown {
        value: String,
        known: String,
    },
}

/// How to fix an error: words, and the inputs and acts it points to named
/// by what they are. The front door that shows it says how its user gives
/// each: the command line by its flags and commands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint(Vec<Part>);

/// One piece of a [`Hint`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    /// How the user gives this input (`--db`).
    Flag(Field),
    /// Where else the input may come from (`ESC_DB`).
    Setting(Field),
    /// An act to take on the queue.
    Act(Suggested),
}

/// An act a hint suggests, named by what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suggested {
    /// Take tags off a ticket.
    RemoveTags,
    /// Send a resolution waiting for sign-off back to work, saying why.
    RejectSignoff(TicketId),
    /// Escalate a ticket to a level.
    EscalateTo(TicketId, String),
    /// Take a ticket down the ladder, as the one who may.
    Deescalate(TicketId),
    /// Reopen a resolved ticket.
    Reopen(TicketId),
    /// Read a ticket as it stands.
    Show(TicketId),
    /// Sign off a resolution.
    SignOff(TicketId),
    /// Read the policy in force whole.
    ShowPolicy,
    /// Apply a policy file to the queue.
    ApplyPolicy,
    /// Make a new queue.
    Init,
    /// Copy the queue to a portable file.
    Export,
    /// Undo the merge of a ticket into another.
    Unmerge(TicketId),
    /// Merge a ticket into another.
    Merge(TicketId, TicketId),
}

/// How a front door words the inputs and acts a hint names.
pub trait Wording {
    fn flag(&self, field: Field) -> String;
    fn setting(&self, field: Field) -> String;
    fn act(&self, act: &Suggested) -> String;
}

impl Hint {
    pub fn text(words: impl Into<String>) -> Hint {
        Hint(vec![Part::Text(words.into())])
    }

    pub fn flag(mut self, field: Field) -> Hint {
        self.0.push(Part::Flag(field));
        self
    }

    pub fn setting(mut self, field: Field) -> Hint {
        self.0.push(Part::Setting(field));
        self
    }

    pub fn act(mut self, act: Suggested) -> Hint {
        self.0.push(Part::Act(act));
        self
    }

    pub fn then(mut self, words: impl Into<String>) -> Hint {
        self.0.push(Part::Text(words.into()));
        self
    }

    /// The hint in `front`'s words.
    pub fn words(&self, front: &dyn Wording) -> String {
        self.0
            .iter()
            .map(|part| match part {
                Part::Text(t) => t.clone(),
                Part::Flag(f) => front.flag(*f),
                Part::Setting(f) => front.setting(*f),
                Part::Act(a) => front.act(a),
            })
            .collect()
    }
}

impl From<String> for Hint {
    fn from(words: String) -> Hint {
        Hint::text(words)
    }
}

impl From<&str> for Hint {
    fn from(words: &str) -> Hint {
        Hint::text(words)
    }
}

/// Inputs by their nouns, acts by what they do: for a reader with no front
/// door of its own (a test, a log).
impl std::fmt::Display for Hint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct Plain;
        impl Wording for Plain {
            fn flag(&self, field: Field) -> String {
                format!("the {}", field.noun())
            }
            fn setting(&self, field: Field) -> String {
                format!("its setting for the {}", field.noun())
            }
            fn act(&self, act: &Suggested) -> String {
                match act {
                    Suggested::RemoveTags => "removing tags".into(),
                    Suggested::RejectSignoff(id) => format!("rejecting #{id}'s sign-off"),
                    Suggested::EscalateTo(id, level) => format!("escalating #{id} to {level}"),
                    Suggested::Deescalate(id) => format!("taking #{id} down"),
                    Suggested::Reopen(id) => format!("reopening #{id}"),
                    Suggested::Show(id) => format!("reading #{id}"),
                    Suggested::SignOff(id) => format!("signing #{id} off"),
                    Suggested::ShowPolicy => "reading the policy".into(),
                    Suggested::ApplyPolicy => "applying a policy".into(),
                    Suggested::Init => "making the queue".into(),
                    Suggested::Export => "an export".into(),
                    Suggested::Unmerge(id) => format!("undoing #{id}'s merge"),
                    Suggested::Merge(from, into) => format!("merging #{from} into #{into}"),
                }
            }
        }
        f.write_str(&self.words(&Plain))
    }
}

/// An error with a kind the exit code depends on, and an optional hint that
/// says how to fix it.
#[derive(Debug, thiserror::Error)]
pub enum EscError {
    #[error("no ticket #{0}")]
    NoSuchTicket(TicketId),
    #[error("{message}")]
    Refused {
        message: String,
        hint: Option<Hint>,
        /// The input to look at, when one is to blame; the command line
        /// turns it into a hint naming its flag.
        about: Option<Field>,
    },
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<Hint>,
        /// As for `Refused`.
        about: Option<Field>,
    },
    #[error("{}", field_message(*field, problem, None))]
    Field {
        field: Field,
        problem: Problem,
        hint: Option<Hint>,
    },
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// The queue's policy cannot govern this command (none in force, or a
    /// different file was asked for).
    #[error("{message}")]
    PolicyState { message: String, hint: Option<Hint> },
    #[error("{message}")]
    Queue { message: String, hint: Option<Hint> },
    /// The person at the terminal cancelled a question.
    #[error("cancelled: nothing was changed")]
    Cancelled,
}

/// A field's problem in words: in the domain's words, or naming the `flag`
/// (or argument) that sets it on the command line.
pub fn field_message(field: Field, problem: &Problem, flag: Option<&str>) -> String {
    let noun = field.noun();
    match (problem, flag) {
        (Problem::Empty, Some(flag)) => format!("{flag} must not be empty"),
        (Problem::Empty, None) => format!("the {noun} must not be empty"),
        (Problem::Unknown { value, known }, Some(flag)) => {
            format!("unknown {noun} `{value}` for {flag}; the policy defines: {known}")
        }
        (Problem::Unknown { value, known }, None) => {
            format!("unknown {noun} `{value}`; the policy defines: {known}")
        }
    }
}

impl EscError {
    pub fn field(field: Field, problem: Problem) -> Self {
        EscError::Field {
            field,
            problem,
            hint: None,
        }
    }

    pub fn refused(message: impl Into<String>) -> Self {
        EscError::Refused {
            message: message.into(),
            hint: None,
            about: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        EscError::Usage {
            message: message.into(),
            hint: None,
            about: None,
        }
    }

    pub fn policy_state(message: impl Into<String>) -> Self {
        EscError::PolicyState {
            message: message.into(),
            hint: None,
        }
    }

    pub fn queue(message: impl Into<String>) -> Self {
        EscError::Queue {
            message: message.into(),
            hint: None,
        }
    }

    /// Say which input a refusal or a usage error is about.
    pub fn about(mut self, field: Field) -> Self {
        if let EscError::Refused { about, .. } | EscError::Usage { about, .. } = &mut self {
            *about = Some(field);
        }
        self
    }

    /// Add a sentence to a refusal's message, saying what it was judged on.
    pub fn explained(mut self, sentence: &str) -> Self {
        if let EscError::Refused { message, .. } = &mut self {
            message.push_str(sentence);
        }
        self
    }

    /// Attach a hint: what the user can do about it.
    pub fn with_hint(mut self, text: impl Into<Hint>) -> Self {
        match &mut self {
            EscError::Refused { hint, .. }
            | EscError::Usage { hint, .. }
            | EscError::Field { hint, .. }
            | EscError::PolicyState { hint, .. }
            | EscError::Queue { hint, .. } => *hint = Some(text.into()),
            EscError::NoSuchTicket(_) | EscError::Policy(_) | EscError::Cancelled => {}
        }
        self
    }

    pub fn hint(&self) -> Option<&Hint> {
        match self {
            EscError::Refused { hint, .. }
            | EscError::Usage { hint, .. }
            | EscError::Field { hint, .. }
            | EscError::PolicyState { hint, .. }
            | EscError::Queue { hint, .. } => hint.as_ref(),
            EscError::NoSuchTicket(_) | EscError::Policy(_) | EscError::Cancelled => None,
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        match self {
            EscError::NoSuchTicket(_) => ExitCode::NoSuchTicket,
            EscError::Refused { .. } => ExitCode::Refused,
            EscError::Usage { .. } | EscError::Field { .. } => ExitCode::Usage,
            EscError::Policy(_) | EscError::PolicyState { .. } => ExitCode::Policy,
            EscError::Queue { .. } => ExitCode::Queue,
            EscError::Cancelled => ExitCode::Cancelled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_distinct_and_stable() {
        let codes = [
            ExitCode::Success,
            ExitCode::Failure,
            ExitCode::Usage,
            ExitCode::NoSuchTicket,
            ExitCode::Refused,
            ExitCode::Policy,
            ExitCode::Queue,
            ExitCode::TryAgain,
            ExitCode::Cancelled,
        ];
        let numbers: Vec<u8> = codes.iter().map(|c| *c as u8).collect();
        assert_eq!(numbers, vec![0, 1, 2, 3, 4, 5, 6, 75, 130]);
    }

    #[test]
    fn kinds_map_to_their_exit_codes() {
        assert_eq!(
            EscError::NoSuchTicket(7).exit_code(),
            ExitCode::NoSuchTicket
        );
        assert_eq!(EscError::refused("x").exit_code(), ExitCode::Refused);
        assert_eq!(EscError::usage("x").exit_code(), ExitCode::Usage);
        assert_eq!(EscError::queue("x").exit_code(), ExitCode::Queue);
    }

    #[test]
    fn hints_attach_to_the_kinds_that_carry_them() {
        let e = EscError::refused("no").with_hint("try this");
        assert_eq!(e.hint(), Some(&Hint::text("try this")));
        assert_eq!(EscError::NoSuchTicket(3).with_hint("x").hint(), None);
    }

    #[test]
    fn a_hint_names_inputs_and_acts_for_the_front_door_to_word() {
        struct Cli;
        impl Wording for Cli {
            fn flag(&self, field: Field) -> String {
                format!("--{}", field.noun())
            }
            fn setting(&self, field: Field) -> String {
                format!("ESC_{}", field.noun().to_uppercase())
            }
            fn act(&self, act: &Suggested) -> String {
                format!("`{act:?}`")
            }
        }
        let hint = Hint::text("pass a file path with ")
            .flag(Field::Queue)
            .then(" (or ")
            .setting(Field::Queue)
            .then("), or try ")
            .act(Suggested::RejectSignoff(7));
        assert_eq!(
            hint.words(&Cli),
            "pass a file path with --queue (or ESC_QUEUE), or try `RejectSignoff(7)`"
        );
        assert_eq!(
            hint.to_string(),
            "pass a file path with the queue (or its setting for the queue), or try \
             rejecting #7's sign-off"
        );
    }
}
