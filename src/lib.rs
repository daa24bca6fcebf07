//! `esc`: a local ticket queue whose escalations run themselves.
//!
//! The binary is a thin front end over this library: [`main`] parses the
//! command line, runs one command and maps the outcome to an exit code.

pub mod automation;
pub mod calendar;
pub mod cli;
pub mod clock;
pub mod cmd;
pub mod duration;
pub mod error;
pub mod event;
pub mod lifecycle;
pub mod policy;
mod prompt;
mod render;
pub mod report;
pub mod sla;
pub mod stats;
pub mod store;
pub mod ticket;

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
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::Usage
            } else {
                ExitCode::Success
            }
            .into();
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cmd::run(cli, &mut out).and_then(|()| Ok(out.flush()?)) {
        Ok(()) => ExitCode::Success.into(),
        Err(e) => report(&e).into(),
    }
}

/// Print an error as one line with its whole chain of causes, then a hint
/// if there is one, and say which exit code it deserves.
pub fn report(e: &anyhow::Error) -> ExitCode {
    // A reader that went away (`esc list | head`) is not a failure.
    if e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    }) {
        return ExitCode::Success;
    }
    let kind = e.chain().find_map(|c| c.downcast_ref::<EscError>());
    let mut err = std::io::stderr().lock();
    if let Some(EscError::Policy(p)) = kind {
        let _ = writeln!(err, "{}", sanitize(&p.to_string()));
    } else {
        let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
        let _ = writeln!(err, "error: {}", sanitize(&chain.join(": ")));
    }
    if let Some(hint) = kind.and_then(EscError::hint) {
        let _ = writeln!(err, "hint: {}", sanitize(hint));
    }
    kind.map_or(ExitCode::Failure, EscError::exit_code)
}

/// Strip terminal control sequences from text that may echo user input, so
/// an error message cannot rewrite the terminal.
pub(crate) fn sanitize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn sanitize_drops_escape_sequences_but_keeps_lines() {
        assert_eq!(super::sanitize("a\x1b[31mb\nc"), "a[31mb\nc");
    }
}
