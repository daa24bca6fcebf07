//! `esc resolve`: the solution and its root cause.

use std::io::Write;

use anyhow::Result;

use super::Ctx;
use crate::ticket::{Status, TicketId};

/// Resolve tickets with a summary and a root cause
///
/// At a level whose resolutions need management's sign-off (see the
/// policy's [[signoff]] rules) the ticket waits for `esc signoff`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc resolve 12 --summary 'refunded the duplicate charge' --root-cause process\n  esc resolve 12 13 --summary 'fixed by the 3.2 release' --root-cause product-bug"
)]
pub struct Args {
    /// The tickets: 12 or #12, several at once, or - to read ids from standard input
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    /// What solved it [asked on a terminal]
    #[arg(long, short)]
    pub summary: Option<String>,

    /// Why it happened, from the policy's root causes [asked on a terminal]
    #[arg(long, short = 'c')]
    pub root_cause: Option<String>,

    /// Resolve its open and pending children too (the cases of this
    /// problem), with the same summary and root cause, in one transaction
    #[arg(long)]
    pub children: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let summary = ctx
        .prompt
        .text(args.summary, "--summary", "Resolution summary")?;
    let causes = ctx.policy()?.root_causes.clone();
    let cause = ctx
        .prompt
        .choose(args.root_cause, "--root-cause", "Root cause", &causes)?;
    let ids = super::targets::ids(&args.ids)?;
    if args.children {
        return super::targets::each(ctx, &ids, |ctx, id| family(ctx, id, &summary, &cause));
    }
    super::targets::each(ctx, &ids, |ctx, id| resolve(ctx, id, &summary, &cause))
}

/// Resolve problem `id` and its live children.
fn family(ctx: &mut Ctx, id: TicketId, summary: &str, cause: &str) -> Result<()> {
    let actor = ctx.actor()?;
    let active = ctx.policy_to_write()?;
    let all = ctx
        .queue()?
        .resolve_with_children(&actor, id, summary, cause)?;
    for applied in &all {
        ctx.deliver_in_background(applied, &active.policy);
    }
    let (parent, children) = all.split_first().expect("the parent comes first");
    if ctx.json() {
        let children: Vec<_> = children
            .iter()
            .map(|a| serde_json::json!({ "ticket": a.ticket, "events": a.events }))
            .collect();
        return ctx.out.json(&serde_json::json!({
            "ticket": parent.ticket, "events": parent.events, "children": children,
        }));
    }
    writeln!(ctx.out, "{}", said(ctx, &parent.ticket, cause)?)?;
    for child in children {
        writeln!(ctx.out, "  {}", said(ctx, &child.ticket, cause)?)?;
    }
    if children.is_empty() {
        writeln!(ctx.out, "  (it has no open or pending children)")?;
    }
    Ok(())
}

fn resolve(ctx: &mut Ctx, id: TicketId, summary: &str, cause: &str) -> Result<()> {
    let applied = ctx.act(id, |act, t| act.resolve(t, summary, cause))?;
    let sentence = said(ctx, &applied.ticket, cause)?;
    ctx.changed(&applied, &sentence)
}

/// What resolving `t` did, in a sentence.
fn said(ctx: &Ctx, t: &crate::ticket::Ticket, cause: &str) -> Result<String> {
    Ok(if t.status == Status::AwaitingSignoff {
        let policy = ctx.policy()?;
        let signers = policy
            .signoff_rule(&t.level)
            .map(|r| policy.signers(r).join(" or "))
            .unwrap_or_default();
        format!(
            "#{} resolution proposed; it awaits sign-off by {signers} (`esc signoff {}`)",
            t.id, t.id
        )
    } else {
        format!("#{} resolved (root cause {cause})", t.id)
    })
}
