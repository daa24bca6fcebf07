//! `esc outbox`: the notifications the queue holds for people.

use std::io::Write;

use anyhow::Result;

use super::Ctx;
use crate::clock::ago;
use crate::outbox::Delivery;
use crate::render;

/// List notifications waiting to be delivered, and those given up on
///
/// Every rule that says `notify` leaves one notification per person in the
/// queue's outbox, written together with the event that asked for it, so
/// none is lost and none is queued twice. Delivered ones are kept too.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  esc outbox\n  esc outbox --all --json")]
pub struct Args {
    /// Delivered notifications too
    #[arg(long, short)]
    pub all: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let held = ctx.store()?.outbox(args.all)?;
    if ctx.json() {
        return ctx.out.json(&held);
    }
    if held.is_empty() {
        let what = if args.all {
            "no notification"
        } else {
            "nothing waits for delivery"
        };
        writeln!(ctx.out, "the outbox is empty: {what}")?;
        return Ok(());
    }
    let mut table = render::table([
        "ID",
        "TICKET",
        "FOR",
        "VIA ROLE",
        "QUEUED",
        "STATUS",
        "ATTEMPTS",
        "LAST ERROR",
    ]);
    for n in &held {
        table.add_row(render::row([
            n.id.to_string(),
            format!("#{}", n.ticket),
            n.recipient.name.clone(),
            n.recipient.role.clone().unwrap_or_else(|| "—".into()),
            ago(n.queued_at, ctx.now),
            match n.status {
                Delivery::Sent => format!(
                    "sent {}",
                    n.sent_at.map_or_else(String::new, |at| ago(at, ctx.now))
                ),
                other => other.to_string(),
            },
            n.attempts.to_string(),
            n.last_error.clone().unwrap_or_else(|| "—".into()),
        ]));
    }
    writeln!(ctx.out, "{table}")?;
    let waiting = held
        .iter()
        .filter(|n| n.status == Delivery::Pending)
        .count();
    let failed = held.iter().filter(|n| n.status == Delivery::Failed).count();
    writeln!(ctx.out, "{waiting} waiting, {failed} given up on")?;
    Ok(())
}
