//! `esc redact`: erase a customer's personal data, keep the figures.

use std::io::Write;

use anyhow::Result;

use super::Ctx;
use crate::error::EscError;
use crate::ticket::TicketId;

/// Erase a customer's personal data from their tickets, for good
///
/// The customer's name and e-mail address become `[redacted]`, and so does
/// every text of their tickets: title, description, resolution, each note,
/// reply, contact and reason, and the updates they were sent. What
/// happened when, who handled it, levels, teams, SLA outcomes, CSAT scores
/// and root causes are kept, so reports and the audit trail stay whole; a
/// `redacted` event on each ticket records who erased it, when and why.
/// SQLite overwrites the old text in the file. It cannot be undone: on a
/// terminal esc asks first; elsewhere pass --yes.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc redact --customer 'Maria Lopez' --reason 'erasure request 2026-114' --yes\n  esc redact --ticket 12 --reason 'pasted a card number'"
)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["customer", "ticket"])))]
pub struct Args {
    /// Every ticket of this customer (the exact name, as `esc list --customer`)
    #[arg(long)]
    pub customer: Option<String>,

    /// One ticket: its number, as in 12 or #12
    #[arg(long, value_parser = crate::cli::ticket_id)]
    pub ticket: Option<TicketId>,

    /// Why, for the audit trail (a request's reference, not personal data)
    #[arg(long, short)]
    pub reason: Option<String>,

    /// Erase without asking
    #[arg(long)]
    pub yes: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    ctx.owner_only("erasing a customer's data")?;
    let actor = ctx.actor()?;
    ctx.policy_to_write()?;
    let ids = match (&args.customer, args.ticket) {
        (_, Some(id)) => {
            ctx.queue()?.ticket(id)?;
            vec![id]
        }
        (Some(customer), None) => {
            let ids = ctx.queue()?.tickets_of(customer)?;
            if ids.is_empty() {
                return Err(
                    EscError::usage(format!("no ticket has the customer `{customer}`"))
                        .with_hint("give the name exactly as `esc show` prints it")
                        .into(),
                );
            }
            ids
        }
        (None, None) => unreachable!("clap requires --customer or --ticket"),
    };
    let listed = ids
        .iter()
        .map(|id| format!("#{id}"))
        .collect::<Vec<_>>()
        .join(", ");
    let question = format!(
        "erase the personal data of {} ticket{} ({listed}) for good?",
        ids.len(),
        if ids.len() == 1 { "" } else { "s" }
    );
    if !args.yes && !ctx.prompt.confirm(&question)? {
        return Err(EscError::refused("nothing was erased").into());
    }
    let clean = ctx.queue()?.redact(&actor, &ids, args.reason.as_deref())?;
    if !clean {
        crate::output::warn(
            "warning: another process was reading the queue, so old copies of the text may remain in its free space until the next `esc redact`",
        );
    }
    if ctx.json() {
        return ctx.out.json(&serde_json::json!({ "redacted": ids }));
    }
    writeln!(
        ctx.out,
        "erased the personal data of {} ticket{}: {listed}",
        ids.len(),
        if ids.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}
