//! `esc man`: the manual pages, generated from the clap definition as the
//! completions are, so they cannot drift from it. `man/` in the repository
//! holds them, checked by a test.

use anyhow::Result;
use clap::CommandFactory;

use super::Ctx;
use crate::cli::Cli;
use crate::error::EscError;

/// Print a manual page (roff): esc's, or a command's
///
/// Read it with `esc man | man -l -`, or install every page with
/// `cp man/*.1 ~/.local/share/man/man1/` from the repository (then
/// `man esc`, `man esc-tick`).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  esc man | man -l -\n  esc man policy apply | man -l -")]
pub struct Args {
    /// The command whose page to print, as typed after `esc` (e.g. `tick` or `policy apply`); none for esc's own
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let name = std::iter::once("esc".to_string())
        .chain(args.command.iter().cloned())
        .collect::<Vec<_>>()
        .join("-");
    let (_, page) = pages()
        .into_iter()
        .find(|(file, _)| *file == format!("{name}.1"))
        .ok_or_else(|| {
            EscError::usage(format!("esc has no command `{}`", args.command.join(" ")))
                .with_hint("see `esc --help` for the commands")
        })?;
    // clap writes the page: nothing in it comes from a user.
    ctx.out.vetted().write_all(&page)?;
    Ok(())
}

/// Every page, named as `man` finds them: `esc.1`, `esc-tick.1`,
/// `esc-policy-apply.1`.
pub fn pages() -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    let mut root = Cli::command();
    root.build();
    collect(&root, "esc", &mut all);
    all
}

fn collect(cmd: &clap::Command, name: &str, into: &mut Vec<(String, Vec<u8>)>) {
    let mut page = Vec::new();
    let named = cmd
        .clone()
        .name(name.to_string())
        .bin_name(name.replace('-', " "));
    clap_mangen::Man::new(named)
        .render(&mut page)
        .expect("writing to memory does not fail");
    into.push((format!("{name}.1"), page));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        collect(sub, &format!("{name}-{}", sub.get_name()), into);
    }
}
