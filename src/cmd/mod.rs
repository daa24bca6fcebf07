//! One module per subcommand. Each gathers what it needs from the context,
//! asks the engine, and prints; this module dispatches and holds the context.

pub mod ack;
pub mod assign;
pub mod backup;
pub mod complete;
pub mod completions;
mod config;
pub mod contact;
pub mod csat;
mod ctx;
pub mod deescalate;
pub mod demo;
pub mod edit;
pub mod escalate;
pub mod explain;
pub mod export;
pub mod filters;
pub mod import;
pub mod inbox;
pub mod init;
pub mod link;
pub mod list;
pub mod mail;
pub mod man;
pub mod merge;
pub mod note;
pub mod open;
pub mod outbox;
pub mod pending;
pub mod policy;
mod prompt;
pub mod redact;
mod render;
pub mod reopen;
pub mod report;
pub mod resolve;
pub mod respond;
pub mod resume;
pub mod show;
pub mod signoff;
pub mod simulate;
pub mod tag;
pub mod targets;
pub mod tick;
pub mod watch;
mod wording;

pub use crate::queue::Active;
pub use ctx::{Ctx, WhatIf};
use wording::flag;
pub use wording::{CommandLine, hint_words};

use std::io::{IsTerminal, Write};

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::error::{EscError, Field, field_message};
use crate::output::Out;
use crate::store::{self, Applied, Location};

/// Run one parsed command line, printing to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let global = crate::cmd::config::load()?.under(cli.global)?;
    let mut ctx = Ctx::new(global, Out::new(out), interactive);
    ctx.terminal = std::io::stdout().is_terminal();
    ctx.colour = crate::output::colour(ctx.terminal);
    dispatch(&mut ctx, cli.command)
        .map_err(|e| match ctx.opened() {
            // Whichever command met it, a fault of the queue's own is
            // told in the store's words, with the file named.
            Some(queue) => match queue.location() {
                Ok(location) => damaged(&location, e).unwrap_or_else(|e| queue.explain(e)),
                Err(_) => e,
            },
            None => e,
        })
        .map_err(name_flags)
}

/// A damaged value the queue holds, told with the queue and the ticket
/// named and what to do (exit 6); any other error back as it was.
fn damaged(location: &Location, e: anyhow::Error) -> Result<anyhow::Error, anyhow::Error> {
    let Some(d) = e.chain().find_map(|c| c.downcast_ref::<store::Damaged>()) else {
        return Err(e);
    };
    Ok(EscError::queue(format!("the queue `{location}`: {d}"))
        .with_hint(format!(
            "the rest of the queue is sound; put ticket #{} right from a backup or an export \
             (`esc backup --check FILE` tells a sound backup), or correct its `{}` in the \
             database itself; nothing was written",
            d.ticket, d.column
        ))
        .into())
}

/// `now finance at L1 (Senior agent), assigned to rita`: where a move on
/// the ladder left the ticket, for the sentence that confirms it.
fn now_at(policy: &crate::policy::Policy, t: &crate::ticket::Ticket) -> String {
    format!(
        "now {} at {}, {}",
        t.team,
        policy.level_label(&t.level),
        t.assignee
            .as_deref()
            .map_or("unassigned".to_string(), |a| format!("assigned to {a}"))
    )
}

/// `; fay, bob will be told`: whom an agent's own change notifies, for
/// the sentence that confirms it; empty when nobody.
fn told(applied: &Applied) -> String {
    let names: Vec<&str> = applied
        .events
        .iter()
        .filter(|e| !e.data.automatic)
        .flat_map(|e| e.data.recipients())
        .map(|r| r.name.as_str())
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("; {} will be told", names.join(", "))
    }
}

/// The engine names the field it found wrong; here it becomes the flag
/// that sets it, so the message says what to type.
fn name_flags(e: anyhow::Error) -> anyhow::Error {
    match e.downcast_ref::<EscError>() {
        Some(EscError::Field {
            field,
            problem,
            hint,
        }) => {
            let mut usage = EscError::usage(field_message(*field, problem, Some(flag(*field))));
            if let Some(hint) = hint {
                usage = usage.with_hint(hint.clone());
            }
            usage.into()
        }
        Some(
            known @ (EscError::Refused {
                message,
                hint: None,
                about: Some(field),
            }
            | EscError::Usage {
                message,
                hint: None,
                about: Some(field),
            }),
        ) => {
            let hint = match field {
                Field::Now => "check --now / ESC_NOW".to_string(),
                // Not `--as`: on a queue file that is trusted, and would
                // turn the sign-off rule into an honour system.
                Field::Actor => {
                    "one of them signs it off, as themselves: `esc signoff ID` run by them"
                        .to_string()
                }
                Field::Level => "add --up or --level to escalate within the team".to_string(),
                Field::Target => "give --team, --up or --level".to_string(),
                other => format!("check {}", flag(*other)),
            };
            let plain = match known {
                EscError::Refused { .. } => EscError::refused(message.clone()),
                _ => EscError::usage(message.clone()),
            };
            plain.with_hint(hint).into()
        }
        _ => e,
    }
}

pub fn dispatch(ctx: &mut Ctx, command: Command) -> Result<()> {
    match command {
        Command::Init(args) => {
            ctx.creates = true;
            init::run(ctx, args)
        }
        Command::Open(args) => open::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Assign(args) => assign::run(ctx, args),
        Command::Note(args) => note::run(ctx, args),
        Command::Edit(args) => edit::run(ctx, args),
        Command::Respond(args) => respond::run(ctx, args),
        Command::Contact(args) => contact::run(ctx, args),
        Command::Pending(args) => pending::run(ctx, args),
        Command::Resume(args) => resume::run(ctx, args),
        Command::Csat(args) => csat::run(ctx, args),
        Command::Tag(args) => tag::run(ctx, args),
        Command::Escalate(args) => escalate::run(ctx, args),
        Command::Deescalate(args) => deescalate::run(ctx, args),
        Command::Resolve(args) => resolve::run(ctx, args),
        Command::Signoff(args) => signoff::run(ctx, args),
        Command::Reopen(args) => reopen::run(ctx, args),
        Command::Merge(args) => merge::run(ctx, args),
        Command::Link(args) => link::run(ctx, args),
        Command::Watch(args) => watch::run(ctx, args),
        Command::Tick(args) => tick::run(ctx, args),
        Command::Outbox(args) => outbox::run(ctx, args),
        Command::Inbox(args) => inbox::run(ctx, args),
        Command::Ack(args) => ack::run(ctx, args),
        Command::Report(args) => report::run(ctx, args),
        Command::Backup(args) => backup::run(ctx, args),
        Command::Redact(args) => redact::run(ctx, args),
        Command::Export(args) => export::run(ctx, args),
        Command::Import(args) => {
            ctx.creates = true;
            import::run(ctx, args)
        }
        Command::Policy(command) => policy::run(ctx, command),
        Command::Mail(command) => mail::run(ctx, command),
        Command::Demo(args) => demo::run(ctx, args),
        Command::Completions(args) => completions::run(ctx, args),
        Command::Complete(args) => {
            ctx.reads_only = true;
            complete::run(ctx, args)
        }
        Command::Man(args) => man::run(ctx, args),
    }
}
