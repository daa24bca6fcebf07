//! `esc escalate`: functional (another team), hierarchical (up the ladder),
//! or both at once, always with a hand-off summary.

use anyhow::Result;

use super::Ctx;
use crate::lifecycle::{Escalation, LevelTarget};
use crate::ticket::TicketId;

/// Escalate tickets to another team, up the ladder of levels, or both
///
/// Functional escalation (--team) moves the ticket to the team with the
/// expertise; hierarchical escalation (--up, --level) moves it up the chain
/// of authority. A team works at a level, and a ticket moved to it rises to
/// that level. The ticket is handed off: it is unassigned unless --to says
/// who takes it.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc escalate 12 --team finance --reason 'payment failed twice; card details in note'\n  esc escalate 12 --up --reason 'customer asks for an exception to the refund policy'\n  esc escalate 12 --team technical --level L2 --to rita --reason 'outage suspected'"
)]
pub struct Args {
    /// The tickets: 12 or #12, several at once, or - to read ids from standard input
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    /// Move it to this team (functional escalation)
    #[arg(long, short)]
    pub team: Option<String>,

    /// Raise it one level (hierarchical escalation)
    #[arg(long, conflicts_with = "level")]
    pub up: bool,

    /// Raise it to this level (hierarchical escalation)
    #[arg(long, short)]
    pub level: Option<String>,

    /// Who takes it over [default: nobody; the team picks it up]
    #[arg(long, value_parser = crate::cli::person)]
    pub to: Option<String>,

    /// A summary that gives the next person context [asked on a terminal]
    #[arg(long, short)]
    pub reason: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let level = match (args.up, args.level) {
        (true, _) => LevelTarget::Up,
        (false, Some(l)) => LevelTarget::To(l),
        (false, None) => LevelTarget::Keep,
    };
    if args.team.is_none() && level == LevelTarget::Keep {
        return Err(crate::error::EscError::usage(
            "say where to escalate: --team T (functional), --up or --level L (hierarchical)",
        )
        .into());
    }
    let reason = ctx
        .prompt
        .text(args.reason, "--reason", "Hand-off summary")?;
    let escalation = Escalation {
        team: args.team,
        level,
        assignee: args.to,
        reason,
    };
    let ids = super::targets::ids(&args.ids)?;
    super::targets::each(ctx, &ids, |ctx, id| escalate(ctx, id, &escalation))
}

fn escalate(ctx: &mut Ctx, id: TicketId, escalation: &Escalation) -> Result<()> {
    let applied = ctx.act(id, |act, t| act.escalate(t, escalation))?;
    let policy = ctx.policy()?;
    let t = &applied.ticket;
    let kind = applied
        .events
        .iter()
        .find(|e| !e.data.automatic && e.data.escalation.is_some())
        .and_then(|e| e.data.escalation)
        .map_or("", |k| k.as_str());
    let mut sentence = format!(
        "#{} escalated ({kind}): {}",
        t.id,
        super::now_at(&policy, t)
    );
    sentence.push_str(&super::told(&applied));
    ctx.changed(&applied, &sentence)
}
