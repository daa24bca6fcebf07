//! `esc policy check` and `esc policy show`.

use std::path::PathBuf;

use anyhow::{Context, Result};

use super::Ctx;
use crate::error::EscError;
use crate::policy::{DEFAULT_POLICY, Policy, render_problems};
use crate::render;

/// Validate or print the escalation policy
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Validate a policy file and report every problem with its line and column
    Check {
        /// The file to check [default: --policy, else the embedded default]
        file: Option<PathBuf>,
    },
    /// Explain which SLA rule, path and triggers apply to a ticket, and why
    ///
    /// Shows each SLA clock with its due time, and each step with when it
    /// fired, will fire, or why it was skipped.
    Explain { id: crate::ticket::TicketId },
    /// Print the policy in force
    Show {
        /// Print the TOML text itself
        #[arg(long, conflicts_with = "json")]
        toml: bool,
    },
}

pub fn run(ctx: &mut Ctx, command: Command) -> Result<()> {
    match command {
        Command::Check { file } => check(ctx, file),
        Command::Show { toml } => show(ctx, toml),
        Command::Explain { id } => super::explain::run(ctx, id),
    }
}

fn check(ctx: &mut Ctx, file: Option<PathBuf>) -> Result<()> {
    let policy = match file {
        Some(path) => Policy::load(&path).map_err(EscError::from)?,
        None => (*ctx.policy()?).clone(),
    };
    if ctx.json() {
        let warnings: Vec<String> = policy.warnings.iter().map(|w| w.message.clone()).collect();
        return render::json(
            ctx.out,
            &serde_json::json!({
                "ok": true, "origin": policy.origin, "name": policy.name,
                "digest": policy.digest, "warnings": warnings,
            }),
        );
    }
    if !policy.warnings.is_empty() {
        eprintln!(
            "{}",
            render_problems(&policy.origin, &policy.warnings, "warning")
        );
    }
    writeln!(
        ctx.out,
        "{}: ok — policy `{}`: {}{}",
        policy.origin,
        policy.name,
        [
            count(policy.levels.len(), "level"),
            count(policy.teams.len(), "team"),
            count(policy.priorities.len(), "priority"),
            count(policy.categories.len(), "category"),
            count(policy.root_causes.len(), "root cause"),
            count(policy.signoff.len(), "sign-off rule"),
            count(policy.calendars.len() - 1, "calendar"),
            count(policy.sla.len(), "SLA rule"),
            count(policy.paths.len(), "path"),
            count(policy.triggers.len(), "trigger"),
        ]
        .join(", "),
        match policy.warnings.len() {
            0 => String::new(),
            n => format!(" ({})", count(n, "warning")),
        }
    )?;
    Ok(())
}

fn show(ctx: &mut Ctx, toml: bool) -> Result<()> {
    let policy = ctx.policy()?;
    if toml {
        let text = match &ctx.global.policy {
            Some(path) => std::fs::read_to_string(path)
                .with_context(|| format!("cannot read `{}`", path.display()))?,
            None => DEFAULT_POLICY.to_string(),
        };
        write!(ctx.out, "{text}")?;
        return Ok(());
    }
    if ctx.json() {
        return render::json(ctx.out, &*policy);
    }
    let out = &mut *ctx.out;
    writeln!(out, "policy `{}` from {}", policy.name, policy.origin)?;
    if let Some(d) = &policy.description {
        writeln!(out, "{d}")?;
    }
    let mut levels = render::table(["LEVEL", "NAME", "TEAMS WORKING HERE", "SIGN-OFF BY"]);
    for l in &policy.levels {
        let teams: Vec<&str> = policy
            .teams
            .iter()
            .filter(|t| t.level == l.id)
            .map(|t| t.id.as_str())
            .collect();
        let signers = policy
            .signoff_rule(&l.id)
            .map_or("—".to_string(), |r| policy.signers(r).join(", "));
        levels.add_row([l.id.clone(), l.name.clone(), teams.join(", "), signers]);
    }
    writeln!(out, "\nLadder (lowest first)\n{levels}")?;
    let mut teams = render::table(["TEAM", "NAME", "LEVEL"]);
    for t in &policy.teams {
        teams.add_row([t.id.clone(), t.name.clone(), t.level.clone()]);
    }
    writeln!(out, "\nTeams\n{teams}")?;
    let lists = [
        (
            "Priorities (most urgent first)",
            &policy.priorities,
            &policy.defaults.priority,
        ),
        (
            "Decision categories (highest ranked first)",
            &policy.categories,
            &String::new(),
        ),
        ("Customer tiers", &policy.tiers, &policy.defaults.tier),
        ("Root causes", &policy.root_causes, &String::new()),
    ];
    for (title, items, default) in lists {
        let mut t = render::table(["ID", "NAME", ""]);
        for i in items {
            let mark = if &i.id == default { "default" } else { "" };
            t.add_row([i.id.clone(), i.name.clone(), mark.to_string()]);
        }
        writeln!(out, "\n{title}\n{t}")?;
    }
    if !policy.roles.is_empty() {
        let mut roles = render::table(["ROLE", "PEOPLE"]);
        for (role, people) in &policy.roles {
            roles.add_row([role.clone(), people.join(", ")]);
        }
        writeln!(out, "\nRoles\n{roles}")?;
    }
    if !policy.sla.is_empty() {
        let mut sla = render::table([
            "SLA RULE",
            "MATCH",
            "CALENDAR",
            "FIRST",
            "NEXT",
            "RESOLUTION",
            "WARNING",
        ]);
        for r in &policy.sla {
            let span =
                |s: Option<crate::duration::Span>| s.map_or("—".to_string(), |s| s.to_string());
            let warning = match r.warning {
                Some(crate::policy::Warning::Before(s)) => format!("{s} before"),
                Some(crate::policy::Warning::Percent(p)) => format!("at {p}%"),
                None => "—".into(),
            };
            sla.add_row([
                r.id.clone(),
                matcher_text(&r.matcher),
                r.calendar.clone(),
                span(r.first_response),
                span(r.next_response),
                span(r.resolution),
                warning,
            ]);
        }
        writeln!(out, "\nSLA targets (first match applies)\n{sla}")?;
    }
    for path in &policy.paths {
        let mut steps = render::table(["STEP", "WHEN DUE", "IF", "DOES"]);
        for s in &path.steps {
            steps.add_row([
                s.id.clone(),
                format!("{} after {}", s.after, s.from.name()),
                s.when.as_str().to_string(),
                actions_text(&s.actions),
            ]);
        }
        writeln!(
            out,
            "\nPath `{}` (matches {}; calendar {})\n{steps}",
            path.id,
            matcher_text(&path.matcher),
            path.calendar
        )?;
    }
    if !policy.triggers.is_empty() {
        let mut triggers = render::table(["TRIGGER", "ON", "MATCH", "DOES"]);
        for t in &policy.triggers {
            let on = match t.on {
                crate::policy::TriggerOn::Contacts(n) => format!("{n} contacts"),
                crate::policy::TriggerOn::CsatBelow(b) => format!("CSAT below {b}"),
                crate::policy::TriggerOn::Opened => "opened".into(),
            };
            triggers.add_row([
                t.id.clone(),
                on,
                matcher_text(&t.matcher),
                actions_text(&t.actions),
            ]);
        }
        writeln!(out, "\nTriggers\n{triggers}")?;
    }
    writeln!(
        out,
        "\nNew tickets go to team `{}` by default.",
        policy.defaults.team
    )?;
    Ok(())
}

/// `1 path`, `2 paths`, `3 priorities`.
fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

/// `channel email, chat; tier gold`, or `every ticket`.
fn matcher_text(m: &crate::policy::Matcher) -> String {
    let v = serde_json::to_value(m).unwrap_or_default();
    let parts: Vec<String> = v
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, vals)| {
            let list: Vec<&str> = vals
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str())
                .collect();
            format!("{k} {}", list.join(", "))
        })
        .collect();
    if parts.is_empty() {
        "every ticket".into()
    } else {
        parts.join("; ")
    }
}

/// `raise up; team finance; notify dana`.
fn actions_text(a: &crate::policy::Actions) -> String {
    let mut parts = Vec::new();
    match &a.raise {
        Some(crate::policy::Raise::Up) => parts.push("raise up".to_string()),
        Some(crate::policy::Raise::To(l)) => parts.push(format!("raise to {l}")),
        None => {}
    }
    if a.reopen {
        parts.push("reopen".into());
    }
    for (label, v) in [
        ("team", &a.team),
        ("assign", &a.assign),
        ("priority", &a.priority),
    ] {
        if let Some(v) = v {
            parts.push(format!("{label} {v}"));
        }
    }
    if !a.tags.is_empty() {
        parts.push(format!("tag {}", a.tags.join(", ")));
    }
    if !a.notify.is_empty() {
        parts.push(format!("notify {}", a.notify.join(", ")));
    }
    parts.join("; ")
}
