//! `esc init`: create the queue and a starter policy to edit.

use std::path::PathBuf;

use anyhow::{Context, Result};

use super::Ctx;
use crate::policy::DEFAULT_POLICY;
use crate::store::{self, Location};

/// Create the queue file and write a starter policy file you can edit
///
/// Safe to run again: an existing queue is left as it is (its schema is
/// brought up to date), and an existing policy file is not overwritten
/// unless --force is given.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the starter policy [default: --policy, else ./esc-policy.toml]
    pub policy_file: Option<PathBuf>,

    /// Overwrite the policy file if it exists
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let location = ctx.location()?;
    let (db, existed) = match &location {
        Location::Sqlite(path) => (
            std::path::absolute(path).unwrap_or(path.clone()),
            path.exists(),
        ),
    };
    store::open(&location)?;
    let target = args
        .policy_file
        .or_else(|| ctx.global.policy.clone())
        .unwrap_or_else(|| PathBuf::from("esc-policy.toml"));
    let policy_existed = target.exists();
    if !policy_existed || args.force {
        std::fs::write(&target, DEFAULT_POLICY)
            .with_context(|| format!("cannot write the policy file `{}`", target.display()))?;
    }
    let target = std::path::absolute(&target).unwrap_or(target);
    let out = &mut *ctx.out;
    if ctx.global.json {
        return crate::render::json(
            out,
            &serde_json::json!({
                "queue": db, "queue_created": !existed,
                "policy": target, "policy_written": !policy_existed || args.force,
            }),
        );
    }
    match existed {
        false => writeln!(out, "created the queue {}", db.display())?,
        true => writeln!(out, "the queue {} is ready", db.display())?,
    }
    match (policy_existed, args.force) {
        (false, _) => writeln!(out, "wrote a starter policy to {}", target.display())?,
        (true, true) => writeln!(
            out,
            "overwrote {} with the starter policy",
            target.display()
        )?,
        (true, false) => writeln!(
            out,
            "left {} as it was (--force overwrites it)",
            target.display()
        )?,
    }
    writeln!(
        out,
        "\nNext: edit the policy, check it, and point esc at both:"
    )?;
    writeln!(out, "  esc policy check {}", target.display())?;
    writeln!(
        out,
        "  export ESC_DB={} ESC_POLICY={}",
        db.display(),
        target.display()
    )?;
    Ok(())
}
