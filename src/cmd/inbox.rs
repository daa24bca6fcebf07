//! `esc inbox`: what esc told one person, when, and why.

use std::io::Write;

use anyhow::Result;

use super::Ctx;
use crate::clock::short;
use crate::cmd::render;

/// Show the notifications for one person, newest first: about which
/// ticket, what happened, and whether it reached them
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  esc inbox --for dana\n  esc inbox --for dana -n 200 --json")]
pub struct Args {
    /// The person, as the policy names them
    #[arg(long = "for", value_name = "NAME", value_parser = crate::cli::person)]
    pub recipient: String,

    /// Show at most this many
    #[arg(long, short = 'n', default_value_t = 50)]
    pub limit: usize,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let policy = ctx.policy()?;
    let found = ctx.queue()?.inbox(&args.recipient, args.limit)?;
    if ctx.json() {
        return ctx.out.json(&found);
    }
    if found.is_empty() {
        writeln!(ctx.out, "nothing for {} yet", args.recipient)?;
        return Ok(());
    }
    let mut table = render::table([
        crate::clock::labelled("QUEUED"),
        "TICKET".into(),
        "ABOUT".into(),
        "STATUS".into(),
    ]);
    for n in &found {
        let (ticket, events) = ctx.queue()?.history(n.ticket)?;
        let about = events.iter().find(|e| e.id == n.event).map_or_else(
            || "—".into(),
            |e| {
                format!(
                    "{}: {}",
                    render::clip(&ticket.title, 30),
                    render::describe(e, &policy)
                )
            },
        );
        table.add_row(render::row([
            short(n.queued_at),
            format!("#{}", n.ticket),
            about,
            render::delivery(n),
        ]));
    }
    writeln!(ctx.out, "{table}")?;
    Ok(())
}
