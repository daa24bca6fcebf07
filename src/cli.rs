//! The command line as clap reads it. Each subcommand's arguments live in
//! its own module under `cmd/`; their doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::clock::{Instant, parse_instant};
use crate::cmd;
use crate::store::Location;
use crate::ticket::TextEnum;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  failure (I/O, SQLite, anything unexpected)
  2  usage: a bad flag or value, a missing field, an unknown name
  3  no such ticket
  4  refused: the ticket's state does not allow the change
  5  invalid policy
  6  the queue cannot be used: not a queue, written by a newer esc,
     locked too long, unreachable, or its server refused the role

Environment: ESC_DB, ESC_POLICY, ESC_USER and ESC_NOW stand in for
--db, --policy, --as and --now.";

/// A local ticket queue whose escalations run themselves.
///
/// Agents open, work, escalate and resolve tickets on a queue kept in one
/// SQLite file, or in PostgreSQL for a team on many hosts; a TOML policy
/// says how tickets escalate. Start with
/// `esc demo` to see it work on a throw-away queue, or `esc init` to set up
/// your own.
#[derive(Debug, Parser)]
#[command(name = "esc", version, after_long_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]
    #[arg(long, env = "ESC_DB", global = true, help_heading = "Global options", value_name = "PATH|URL", value_parser = parse_location, value_hint = clap::ValueHint::FilePath)]
    pub db: Option<Location>,

    /// A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue's policy
    #[arg(
        long,
        env = "ESC_POLICY",
        global = true,
        help_heading = "Global options",
        value_name = "PATH"
    )]
    pub policy: Option<PathBuf>,

    /// Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue's owner may act as others
    #[arg(long = "as", env = "ESC_USER", global = true, help_heading = "Global options", value_name = "NAME", value_parser = person)]
    pub actor: Option<String>,

    /// Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)
    #[arg(long, env = "ESC_NOW", global = true, help_heading = "Global options", value_name = "RFC3339", value_parser = parse_instant)]
    pub now: Option<Instant>,

    /// Print machine-readable JSON instead of tables and sentences
    #[arg(long, global = true, help_heading = "Global options")]
    pub json: bool,

    /// Set when the policy file came from `ESC_POLICY` rather than the command line.
    #[arg(skip)]
    pub policy_from_env: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(cmd::init::Args),
    Open(cmd::open::Args),
    List(cmd::list::Args),
    Show(cmd::show::Args),
    Assign(cmd::assign::Args),
    Note(cmd::note::Args),
    Edit(cmd::edit::Args),
    Respond(cmd::respond::Args),
    Contact(cmd::contact::Args),
    Pending(cmd::pending::Args),
    Resume(cmd::resume::Args),
    Csat(cmd::csat::Args),
    Tag(cmd::tag::Args),
    Escalate(cmd::escalate::Args),
    Deescalate(cmd::deescalate::Args),
    Resolve(cmd::resolve::Args),
    Signoff(cmd::signoff::Args),
    Reopen(cmd::reopen::Args),
    Merge(cmd::merge::Args),
    Link(cmd::link::Args),
    Watch(cmd::watch::Args),
    Tick(cmd::tick::Args),
    Outbox(cmd::outbox::Args),
    Inbox(cmd::inbox::Args),
    Ack(cmd::ack::Args),
    Report(cmd::report::Args),
    Export(cmd::export::Args),
    Import(cmd::import::Args),
    Backup(cmd::backup::Args),
    Redact(cmd::redact::Args),
    #[command(
        subcommand,
        after_help = "Examples:\n  esc mail receive < message.eml\n  esc mail list\n  esc mail show 12"
    )]
    Mail(cmd::mail::Command),
    #[command(
        subcommand,
        after_help = "Examples:\n  esc policy check team.toml\n  esc policy apply team.toml --message 'tighter first response'\n  esc policy explain 12\n  esc policy history"
    )]
    Policy(cmd::policy::Command),
    Demo(cmd::demo::Args),
    Completions(cmd::completions::Args),
    Man(cmd::man::Args),
    #[command(hide = true)]
    Complete(cmd::complete::Args),
}

impl Command {
    /// Whether a failure of this command must leave its input with its
    /// sender to try again (exit 75), rather than be final: mail handed
    /// over by a mail server.
    pub fn defers_failure(&self) -> bool {
        matches!(self, Command::Mail(cmd::mail::Command::Receive))
    }
}

/// A ticket id as esc prints it (`#12`) or bare (`12`).
pub fn ticket_id(text: &str) -> Result<crate::ticket::TicketId, String> {
    let digits = text.trim().trim_start_matches('#');
    match digits.parse() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(format!(
            "`{text}` is not a ticket id: give its number, as in `12` or `#12`"
        )),
    }
}

/// A name that identifies a person (`--as`, an assignee): one word, so it
/// lists, filters and prints cleanly.
pub fn person(text: &str) -> Result<String, String> {
    crate::ticket::check_name(text)?;
    Ok(text.to_string())
}

fn parse_location(text: &str) -> Result<Location, String> {
    Location::parse(text).map_err(|e| e.to_string())
}

/// A parser for one of the domain's fixed words (a status, a channel, ...):
/// clap offers the words in `--help` and completions, and the command gets
/// the typed value. The domain types stay free of clap.
pub fn choice<T: TextEnum>() -> impl clap::builder::TypedValueParser<Value = T> {
    use clap::builder::TypedValueParser;
    let words = T::ALL.iter().map(|v| {
        let word = clap::builder::PossibleValue::new(v.as_str());
        match v.help() {
            "" => word,
            help => word.help(help),
        }
    });
    clap::builder::PossibleValuesParser::new(words).map(|word| {
        *T::ALL
            .iter()
            .find(|v| v.as_str() == word)
            .expect("clap accepts only the listed words")
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
