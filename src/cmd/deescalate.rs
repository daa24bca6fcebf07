//! `esc deescalate`: down the ladder, when an escalation turned out
//! unneeded, always with the reason.

use anyhow::Result;

use super::Ctx;
use crate::lifecycle::Deescalation;
use crate::ticket::TicketId;

/// Take tickets down the ladder of levels when their escalation was not needed
///
/// One level down, or to --level; --team moves the ticket back to a team
/// too. The ticket is handed back: it is unassigned unless --to says who
/// takes it. The reason is kept on the timeline and the report counts
/// de-escalations apart from escalations. From a level whose resolutions
/// need sign-off, only its signers may take a ticket down.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc deescalate 12 --reason 'a known issue after all: the front line has the fix'\n  esc deescalate 12 --level L0 --team support --to ann --reason 'the customer found the receipt'"
)]
pub struct Args {
    /// The tickets: 12 or #12, several at once, or - to read ids from standard input
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    /// Take it down to this level [default: one below where it is]
    #[arg(long, short)]
    pub level: Option<String>,

    /// Move it back to this team too
    #[arg(long, short)]
    pub team: Option<String>,

    /// Who takes it over [default: nobody; the team picks it up]
    #[arg(long, value_parser = crate::cli::person)]
    pub to: Option<String>,

    /// Why the escalation was not needed [asked on a terminal]
    #[arg(long, short)]
    pub reason: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let reason = ctx
        .prompt
        .text(args.reason, "--reason", "Why it was not needed")?;
    let down = Deescalation {
        level: args.level,
        team: args.team,
        assignee: args.to,
        reason,
    };
    let ids = super::targets::ids(&args.ids)?;
    super::targets::each(ctx, &ids, |ctx, id| deescalate(ctx, id, &down))
}

fn deescalate(ctx: &mut Ctx, id: TicketId, down: &Deescalation) -> Result<()> {
    let applied = ctx.act(id, |act, t| act.deescalate(t, down))?;
    let policy = ctx.policy()?;
    let t = &applied.ticket;
    let mut sentence = format!("#{} de-escalated: {}", t.id, super::now_at(&policy, t));
    sentence.push_str(&super::told(&applied));
    ctx.changed(&applied, &sentence)
}
