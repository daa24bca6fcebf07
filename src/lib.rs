//! `esc`: a local ticket queue whose escalations run themselves.
//!
//! The binary is a thin front end over this library: [`main`] parses the
//! command line, runs one command and maps the outcome to an exit code.

pub mod automation;
pub mod calendar;
pub mod cli;
pub mod clock;
pub mod cmd;
pub mod customer;
pub mod delivery;
pub mod describe;
pub mod duration;
pub mod error;
pub mod event;
pub mod files;
#[doc(hidden)]
pub mod foreign;
pub mod fuzzing;
pub mod inbound;
pub mod lifecycle;
pub mod mailbox;
pub mod outbox;
mod output;
pub mod policy;
pub mod queue;
pub mod recurrence;
pub mod report;
#[doc(hidden)]
pub mod sample;
pub mod schedule;
pub mod simulate;
pub mod sla;
pub mod stats;
pub mod store;
pub mod ticket;
pub mod tls;

use std::io::Write;

use clap::{CommandFactory, FromArgMatches};

use crate::error::{EscError, ExitCode};

/// Run `esc` with the process's arguments and report the outcome.
pub fn main() -> std::process::ExitCode {
    let parsed = cli::Cli::command()
        .try_get_matches()
        .and_then(|m| cli::Cli::from_arg_matches(&m).map(|c| (c, m)));
    let cli = match parsed {
        Ok((mut cli, matches)) => {
            cli.global.policy_from_env =
                matches.value_source("policy") == Some(clap::parser::ValueSource::EnvVariable);
            cli
        }
        Err(mut e) if e.use_stderr() => {
            most_similar_first(&mut e);
            // Unparsed, but a program that asked for JSON still gets it.
            let json = std::env::args_os().any(|a| a == "--json");
            let rendered = e.render().to_string();
            if json {
                let mut parts = rendered.split("\n\n").map(str::trim);
                let message = parts.next().unwrap_or_default();
                let hint = parts.find_map(|p| p.strip_prefix("tip: "));
                return complain(message, hint, ExitCode::Usage, true).into();
            }
            // clap echoes the words it could not read: shown, never obeyed.
            output::warn(rendered.trim_end());
            return ExitCode::Usage.into();
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::Success.into();
        }
    };
    let json = cli.global.json;
    let deferring = cli.command.defers_failure();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cmd::run(cli, &mut out).and_then(|()| Ok(out.flush()?)) {
        Ok(()) => ExitCode::Success.into(),
        Err(e) => match report(&e, json) {
            // Whatever failed, nothing was kept: the mail server that
            // handed the message over keeps it and tries again.
            code if deferring && code != ExitCode::Success => ExitCode::TryAgain.into(),
            code => code.into(),
        },
    }
}

/// clap lists the commands like a mistyped one from least to most like
/// it (`escalte`: 'resolve', 'csat', 'escalate'): the likeliest goes first.
fn most_similar_first(e: &mut clap::Error) {
    use clap::error::{ContextKind, ContextValue};
    if let Some(ContextValue::Strings(similar)) = e.get(ContextKind::SuggestedSubcommand) {
        let mut similar = similar.clone();
        similar.reverse();
        e.insert(
            ContextKind::SuggestedSubcommand,
            ContextValue::Strings(similar),
        );
    }
}

/// Print an error with its whole chain of causes, then a hint if there is
/// one, and say which exit code it deserves.
pub fn report(e: &anyhow::Error, json: bool) -> ExitCode {
    // A reader that went away (`esc list | head`) is not a failure.
    if e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    }) {
        return ExitCode::Success;
    }
    if let Some(several) = e.downcast_ref::<cmd::targets::Several>() {
        return complain(&several.to_string(), None, several.code, json);
    }
    let kind = e.chain().find_map(|c| c.downcast_ref::<EscError>());
    let message = match kind {
        Some(EscError::Policy(p)) => p.to_string(),
        _ => e
            .chain()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(": "),
    };
    let code = kind.map_or(ExitCode::Failure, EscError::exit_code);
    let hint = match kind {
        Some(EscError::NoSuchTicket(_)) => {
            Some("`esc list --all` shows every ticket in the queue".to_string())
        }
        Some(kind) => kind.hint().map(cmd::hint_words),
        None => None,
    };
    complain(&message, hint.as_deref(), code, json)
}

/// Say what went wrong on stderr: `error:` and `hint:` lines for people,
/// or one JSON object for a program that asked for `--json`.
fn complain(message: &str, hint: Option<&str>, code: ExitCode, json: bool) -> ExitCode {
    let mut stderr = std::io::stderr().lock();
    let mut err = output::Out::new(&mut stderr);
    let message = message.strip_prefix("error: ").unwrap_or(message);
    // Nothing more can be said if stderr itself fails.
    let _ = if json {
        err.json_line(&serde_json::json!({
            "error": message, "hint": hint, "exit_code": code as u8,
        }))
    } else {
        writeln!(err, "error: {message}")
            .and_then(|()| hint.map_or(Ok(()), |h| writeln!(err, "hint: {h}")))
            .map_err(anyhow::Error::from)
    };
    code
}
