//! `esc completions`: shell completion scripts, generated from the clap
//! definition so they cannot drift from it.

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use super::Ctx;
use crate::cli::Cli;

/// Print a shell completion script
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  esc completions bash > ~/.local/share/bash-completion/completions/esc"
)]
pub struct Args {
    /// The shell the script is for
    pub shell: Shell,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    // clap writes the script: nothing in it comes from a user.
    write(args.shell, ctx.out.vetted());
    Ok(())
}

pub fn write(shell: Shell, out: &mut dyn std::io::Write) {
    clap_complete::generate(shell, &mut Cli::command(), "esc", out);
}
