//! `esc outbox`: the notifications the queue holds for people.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;

use super::Ctx;
use crate::clock::ago;
use crate::cmd::render;
use crate::error::EscError;
use crate::outbox::{Audience, Delivery};
use crate::queue::Delivered;

/// List notifications waiting to be delivered, and those given up on
///
/// Every rule that says `notify` leaves one notification per person in the
/// queue's outbox, written together with the event that asked for it, so
/// none is lost and none is queued twice. Delivered ones are kept too.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc outbox\n  esc outbox --all --json\n  esc outbox deliver      (esc tick does this too)"
)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,

    /// Delivered notifications too
    #[arg(long, short)]
    pub all: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Deliver the notifications that are due, now
    ///
    /// Each is held (leased) while it is sent, so that an overlapping tick
    /// or deliverer never sends it too. What fails is retried 1, 2, 4 ...
    /// minutes later, and given up on after the policy's `delivery.attempts`.
    #[command(after_help = "Examples:\n  esc outbox deliver\n  esc outbox deliver --json")]
    Deliver,
    /// Put notifications back in line: those given up on (after fixing how
    /// their person is reached), or waiting ones, to try them now
    #[command(
        after_help = "Examples:\n  esc outbox retry 7\n  esc outbox retry 7 8 9\n  esc outbox retry --failed && esc outbox deliver"
    )]
    Retry {
        /// The notifications' ids, as `esc outbox` lists them
        #[arg(required_unless_present = "failed", conflicts_with = "failed")]
        ids: Vec<i64>,
        /// Every notification given up on
        #[arg(long)]
        failed: bool,
    },
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    if args.action.is_some() {
        ctx.owner_only("delivering notifications")?;
    }
    if let Some(Action::Retry { ids, failed }) = args.action {
        let ids = if failed {
            let given_up: Vec<i64> = ctx
                .queue()?
                .outbox(false)?
                .into_iter()
                .filter(|n| n.status == Delivery::Failed)
                .map(|n| n.id)
                .collect();
            if given_up.is_empty() {
                writeln!(ctx.out, "no notification was given up on: nothing to retry")?;
                return Ok(());
            }
            given_up
        } else {
            ids
        };
        return super::targets::each_of(ctx, "notifications", &ids, retry);
    }
    if let Some(Action::Deliver) = args.action {
        ctx.policy_to_write()?;
        let done = ctx.queue()?.deliver()?;
        if ctx.json() {
            return ctx.out.json(&done);
        }
        match summary(&done) {
            Some(line) => writeln!(ctx.out, "{line}")?,
            None if done.unreachable.is_empty() && done.quiet.is_empty() => {
                writeln!(ctx.out, "nothing to deliver")?
            }
            None => {}
        }
        for (who, n, until) in &done.quiet {
            writeln!(
                ctx.out,
                "{n} for {who} wait for their hours to begin, at {}",
                crate::clock::rfc3339(*until)
            )?;
        }
        let all = done.unreachable.iter().map(|(who, n, _)| (who, *n));
        for line in unreachable_lines(all) {
            writeln!(ctx.out, "{line}")?;
        }
        return Ok(());
    }
    let held = ctx.queue()?.outbox(args.all)?;
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
            render::recipient(n),
            match n.audience {
                Audience::Customer => {
                    format!("update {}", render::dash(n.recipient.role.as_deref()))
                }
                Audience::Person => render::dash(n.recipient.role.as_deref()),
            },
            ago(n.queued_at, ctx.now()),
            match n.status {
                Delivery::Sent => format!(
                    "sent {}",
                    n.sent_at.map_or_else(String::new, |at| ago(at, ctx.now()))
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

/// One line for a person (and for cron's mail), or `None` if nothing was
/// attempted. People the policy cannot reach are not news on every tick:
/// `esc outbox` and `esc show` say so.
pub fn summary(done: &Delivered) -> Option<String> {
    if !done.attempted() {
        return None;
    }
    let mut line = format!(
        "delivered {} notification{}",
        done.sent.len(),
        if done.sent.len() == 1 { "" } else { "s" }
    );
    if !done.retrying.is_empty() {
        line.push_str(&format!("; {} to retry", done.retrying.len()));
    }
    for (id, who, why) in &done.failed {
        line.push_str(&format!("; gave up on #{id} for {who}: {why}"));
    }
    Some(line)
}

/// What the tick says of people it could not reach: only of notifications
/// held for the first time, so that cron does not mail the same news on
/// every run.
pub fn newly_unreachable_lines(done: &Delivered) -> Vec<String> {
    unreachable_lines(done.newly_unreachable.iter().map(|(who, n)| (who, *n)))
}

fn unreachable_lines<'a>(held: impl Iterator<Item = (&'a String, usize)>) -> Vec<String> {
    let mut by: BTreeMap<&String, usize> = BTreeMap::new();
    for (who, n) in held {
        *by.entry(who).or_default() += n;
    }
    by.into_iter()
        .map(|(who, n)| {
            format!(
                "{n} notification{} for {who} wait{}: the policy gives no way to reach {who} (add [people.{who}] with an email, a webhook, a command or a mailbox)",
                if n == 1 { "" } else { "s" },
                if n == 1 { "s" } else { "" }
            )
        })
        .collect()
}

/// Put notification `id` back in line, and say so.
fn retry(ctx: &mut Ctx, id: i64) -> Result<()> {
    let n = ctx.queue()?.retry(id)?.ok_or_else(|| {
        EscError::usage(format!("no notification {id} in the outbox"))
            .with_hint("`esc outbox --all` lists them with their ids")
    })?;
    if n.status == Delivery::Sent {
        return Err(EscError::refused(format!(
            "notification {id} was delivered to {} already",
            n.recipient.name
        ))
        .into());
    }
    if ctx.json() {
        return ctx.out.json(&n);
    }
    writeln!(
        ctx.out,
        "notification {id} for {} goes out at the next delivery (esc outbox deliver, or esc tick)",
        n.recipient.name
    )?;
    Ok(())
}
