//! `esc backup`: a consistent copy of the live queue, and its check.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use super::Ctx;
use crate::store::BackupSummary;

/// Copy the queue to a new file while agents keep working, or check a copy
///
/// The copy is the queue as of one instant (SQLite's online backup API, in
/// one read transaction, which does not stop anyone writing). It is checked
/// (SQLite's integrity and foreign key checks, esc's header) before it is
/// put in place, so the file named is never half a queue; an existing file
/// is never overwritten. To restore, stop esc's users and cron, and put the
/// copy where `--db` points.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc backup /srv/backups/queue-$(date +%F).db\n  esc backup --check /srv/backups/queue-2026-11-30.db"
)]
pub struct Args {
    /// The new file to write, or with --check the copy to check
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Check FILE instead of writing it: a whole, sound esc queue (exit 6 if not)
    #[arg(long)]
    pub check: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let summary = if args.check {
        crate::store::check_backup(&args.file)?
    } else {
        ctx.queue()?.backup(&args.file)?
    };
    if ctx.json() {
        return ctx.out.json(&summary);
    }
    let BackupSummary {
        schema,
        tickets,
        events,
        bytes,
    } = summary;
    let what = format!(
        "{tickets} ticket{}, {events} event{}, schema {schema}, {:.1} MiB",
        if tickets == 1 { "" } else { "s" },
        if events == 1 { "" } else { "s" },
        bytes as f64 / 1_048_576.0
    );
    if args.check {
        writeln!(
            ctx.out,
            "{}: a sound esc queue ({what})",
            args.file.display()
        )?;
    } else {
        writeln!(
            ctx.out,
            "backed up the queue to {} ({what})",
            args.file.display()
        )?;
    }
    Ok(())
}
