//! `esc init`: create the queue with its policy, and a starter policy file
//! to edit.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};

use super::Ctx;
use crate::error::EscError;
use crate::policy::Policy;
use crate::schedule;
use crate::store::{Applying, Location};

/// Create the queue, with its policy, and write a starter policy file to edit
///
/// The queue keeps its policy: every command that reads or changes tickets
/// uses it. A new queue starts with the embedded default, or with the file
/// given by --policy. Safe to run again: an existing queue keeps its
/// tickets and its policy (`esc policy apply` changes that), and an
/// existing policy file is not overwritten without --force.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc init                                  (default policy; writes ./esc-policy.toml to edit)\n  esc init --policy team.toml               (the queue starts with team.toml)\n  esc policy apply esc-policy.toml          (later: make the edited file the queue's policy)"
)]
pub struct Args {
    /// Where to write the starter policy [default: ./esc-policy.toml]
    pub policy_file: Option<PathBuf>,

    /// Overwrite the starter policy file if it exists
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let location = ctx.location()?;
    let (db, existed) = match &location {
        Location::Sqlite(path) => (
            std::path::absolute(path)
                .unwrap_or(path.clone())
                .display()
                .to_string(),
            path.exists(),
        ),
        // A server's database exists before esc does: what tells a new
        // queue there is that it holds no policy yet.
        Location::Postgres(_) => (location.to_string(), false),
    };
    let mut existed = existed;
    // The policy the queue starts with: --policy, checked first, so that a
    // bad file leaves no half-made queue behind.
    let chosen = match &ctx.global.policy {
        Some(path) => {
            let policy = Policy::load(path).map_err(EscError::from)?;
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read `{}`", path.display()))?;
            Some((policy, text))
        }
        None => None,
    };
    // Who applies it, asked before the queue is held: on a server that
    // reads the queue.
    let by = match chosen {
        Some(_) => Some(ctx.actor()?),
        None => None,
    };
    let queue = ctx.queue()?;
    let stored = match (queue.stored_policy()?, chosen) {
        (Some(v), _) => {
            existed = true;
            Some((v, false))
        }
        (None, Some((policy, text))) => {
            let by = by.expect("asked above when --policy is given");
            let message = format!("esc init --policy {}", policy.origin);
            match queue.apply_policy(&by, &policy, &text, Some(&message))? {
                Applying::Applied(v) | Applying::Unchanged(v) => Some((v, true)),
            }
        }
        (None, None) => None,
    };
    // Without --policy a new queue adopts the default, as on any first use.
    let (version, adopted) = match stored {
        Some(found) => found,
        None => (ctx.active()?.record.clone(), true),
    };
    let starter = args
        .policy_file
        .unwrap_or_else(|| PathBuf::from("esc-policy.toml"));
    let starter_existed = starter.exists();
    let write_starter = !starter_existed || args.force;
    if write_starter {
        std::fs::write(&starter, &version.text)
            .with_context(|| format!("cannot write the policy file `{}`", starter.display()))?;
    }
    let starter = std::path::absolute(&starter).unwrap_or(starter);
    // The tick on a schedule: this binary and this queue by absolute path,
    // as cron's bare environment needs them.
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "esc".to_string());
    let crontab = schedule::crontab(&exe, &db);
    let (service, timer) = schedule::systemd(&exe, &db, &db);
    // The user's config names the first queue they make, so that every
    // later command finds it without --db; an existing one is theirs.
    let config = match crate::cmd::config::path() {
        Some(path) if !existed && !path.exists() => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create `{}`", dir.display()))?;
            }
            std::fs::write(&path, crate::cmd::config::for_queue(&db))
                .with_context(|| format!("cannot write the config file `{}`", path.display()))?;
            Some(path)
        }
        _ => None,
    };
    // Whom the queue's policy notifies but cannot reach: a new team learns
    // it here, before the first escalation tells nobody.
    let unreachable = Policy::parse(&version.text, "the queue's policy")
        .map(|p| p.unreachable())
        .unwrap_or_default();
    let out = &mut ctx.out;
    if ctx.global.json {
        return out.json(&serde_json::json!({
            "queue": db, "queue_created": !existed,
            "policy_version": version.version, "policy_digest": version.digest,
            "policy_adopted": adopted,
            "policy_file": starter, "policy_file_written": write_starter,
            "crontab": crontab, "systemd_service": service, "systemd_timer": timer,
            "config_file_written": config, "unreachable": unreachable,
        }));
    }
    match existed {
        false => writeln!(out, "created the queue {}", db)?,
        true => writeln!(out, "the queue {} is ready", db)?,
    }
    if let Some(path) = &config {
        writeln!(
            out,
            "wrote {}: esc finds this queue without --db",
            path.display()
        )?;
    }
    match adopted {
        true => writeln!(
            out,
            "its policy: version {} ({})",
            version.version,
            version.message.as_deref().unwrap_or("applied")
        )?,
        false => writeln!(
            out,
            "its policy: version {}, applied by {} (unchanged; `esc policy apply FILE` changes it)",
            version.version, version.applied_by
        )?,
    }
    match (starter_existed, args.force) {
        (false, _) => writeln!(out, "wrote a copy of it to edit to {}", starter.display())?,
        (true, true) => writeln!(out, "overwrote {} with a copy of it", starter.display())?,
        (true, false) => writeln!(
            out,
            "left {} as it was (--force overwrites it)",
            starter.display()
        )?,
    }
    if !unreachable.is_empty() {
        writeln!(
            out,
            "warning: it notifies {}, whom it gives no way to reach:\n  \
             their notifications wait until [people.NAME] gives an email, a\n  \
             webhook, a command or a mailbox (README: Notifications)",
            and_list(&unreachable)
        )?;
    }
    writeln!(out, "\nAgents only need the queue: export ESC_DB={db}")?;
    writeln!(
        out,
        "Run the tick every {} minutes from cron (`crontab -e`):",
        schedule::EVERY_MINUTES
    )?;
    writeln!(out, "  {crontab}")?;
    writeln!(
        out,
        "or from a systemd timer: `esc init --json` gives its two units."
    )?;
    let next = match unreachable.is_empty() {
        true => "edit the copy".to_string(),
        false => format!("give {} a way to be reached", and_list(&unreachable)),
    };
    writeln!(out, "\nNext: {next}, then check and apply the copy:")?;
    writeln!(out, "  esc policy check {}", starter.display())?;
    writeln!(
        out,
        "  esc policy apply {} --message 'why'",
        starter.display()
    )?;
    Ok(())
}

/// `dana`, `dana and lee`, `dana, lee and kim`.
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
