//! `esc policy`: check a file, apply it to the queue, list the versions,
//! show one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use anyhow::{Context, Result};

use super::Ctx;
use crate::cmd::render;
use crate::error::EscError;
use crate::policy::{Policy, render_problems};
use crate::store::Applying;

/// The queue's escalation policy: check a file, apply it, show and explain
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Validate a policy file and report every problem with its line and column
    #[command(
        after_help = "Examples:\n  esc policy check esc-policy.toml\n  esc policy check          (the queue's own policy)"
    )]
    Check {
        /// The file to check [default: --policy, else the queue's policy]
        file: Option<PathBuf>,
    },
    /// Make a policy file the queue's policy, from now on
    ///
    /// Checks the file first; a file with problems changes nothing. The
    /// queue keeps every version (`esc policy history`). Open tickets follow
    /// the new version from now; what is settled stays as it was: resolved
    /// tickets keep their SLA outcomes, clocks that stopped keep theirs, and
    /// a step that already fired does not fire again, even renamed.
    #[command(
        after_help = "Examples:\n  esc policy apply esc-policy.toml --message 'first response 4h -> 2h for gold'\n  esc tick --dry-run --policy esc-policy.toml     (try it first: what would fire now)"
    )]
    Apply {
        /// The policy file
        file: PathBuf,
        /// Why it changes, for the history
        #[arg(long, short)]
        message: Option<String>,
    },
    /// List the queue's policy versions: who applied each, when, and why
    #[command(after_help = "Examples:\n  esc policy history\n  esc policy history --json")]
    History,
    /// Explain which SLA rule, path and triggers apply to a ticket, and why
    ///
    /// Shows each SLA clock with its due time, and each step with when it
    /// fired, will fire, or why it was skipped. Without a ticket: the
    /// recurring tickets, when each opens next and what it opened last.
    #[command(
        after_help = "Examples:\n  esc policy explain 12\n  esc policy explain 12 --policy draft.toml   (what a draft would do to it)\n  esc policy explain   (the recurring tickets)"
    )]
    Explain {
        /// The ticket: its number, as in 12 or #12 [default: the recurring tickets]
        #[arg(value_parser = crate::cli::ticket_id)]
        id: Option<crate::ticket::TicketId>,
    },
    Simulate(super::simulate::Args),
    /// List what changed between two policies, in rule terms
    ///
    /// Targets, calendars, matching order, steps added, removed or renamed,
    /// recipients: the policies are compared as parsed, so comments and
    /// layout do not show. Each side is a policy file or a version the
    /// queue keeps (its number, as `esc policy history` lists them).
    #[command(
        after_help = "Examples:\n  esc policy diff 1 2                 (two versions the queue keeps)\n  esc policy diff 2 draft.toml        (what applying the draft would change)\n  esc policy diff old.toml new.toml"
    )]
    Diff {
        /// The policy before: a file, or a version number
        old: String,
        /// The policy after: a file, or a version number
        new: String,
    },
    /// Print the queue's policy in force (or an earlier version)
    #[command(
        after_help = "Examples:\n  esc policy show\n  esc policy show --toml > esc-policy.toml   (to edit and apply)\n  esc policy show --version 1"
    )]
    Show {
        /// Print the TOML text itself
        #[arg(long, conflicts_with = "json")]
        toml: bool,
        /// Show this version instead of the one in force
        #[arg(long, value_name = "N")]
        version: Option<u32>,
    },
}

pub fn run(ctx: &mut Ctx, command: Command) -> Result<()> {
    match command {
        Command::Check { file } => check(ctx, file),
        Command::Show { toml, version } => show(ctx, toml, version),
        Command::Apply { file, message } => apply(ctx, &file, message.as_deref()),
        Command::History => history(ctx),
        Command::Explain { id: Some(id) } => super::explain::run(ctx, id),
        Command::Explain { id: None } => super::explain::recurring(ctx),
        Command::Simulate(args) => super::simulate::run(ctx, args),
        Command::Diff { old, new } => diff(ctx, &old, &new),
    }
}

fn check(ctx: &mut Ctx, file: Option<PathBuf>) -> Result<()> {
    let policy = match file.or_else(|| ctx.global.policy.clone()) {
        Some(path) => Policy::load(&path).map_err(EscError::from)?,
        None => (*ctx.active()?.policy).clone(),
    };
    if ctx.json() {
        let warnings: Vec<String> = policy.warnings.iter().map(|w| w.message.clone()).collect();
        return ctx.out.json(&serde_json::json!({
            "ok": true, "origin": policy.origin, "name": policy.name,
            "digest": policy.digest, "warnings": warnings,
        }));
    }
    if !policy.warnings.is_empty() {
        crate::output::warn(&render_problems(
            &policy.origin,
            &policy.warnings,
            "warning",
        ));
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

fn apply(ctx: &mut Ctx, file: &Path, message: Option<&str>) -> Result<()> {
    ctx.owner_only("applying a policy")?;
    let policy = Policy::load(file).map_err(EscError::from)?;
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read `{}`", file.display()))?;
    if !policy.warnings.is_empty() && !ctx.json() {
        crate::output::warn(&render_problems(
            &policy.origin,
            &policy.warnings,
            "warning",
        ));
    }
    let by = ctx.actor()?;
    let applied = ctx.queue()?.apply_policy(&by, &policy, &text, message)?;
    let (v, changed) = match &applied {
        Applying::Applied(v) => (v, true),
        Applying::Unchanged(v) => (v, false),
    };
    if ctx.json() {
        return ctx
            .out
            .json(&serde_json::json!({ "applied": changed, "version": v }));
    }
    if changed {
        writeln!(
            ctx.out,
            "policy `{}` is now version {} of the queue's policy ({}…)",
            policy.name,
            v.version,
            &v.digest[..12]
        )?;
        writeln!(
            ctx.out,
            "open tickets follow it from {}; the next `esc tick` re-settles them",
            crate::clock::rfc3339(v.applied_at)
        )?;
    } else {
        writeln!(
            ctx.out,
            "nothing to apply: `{}` is already the queue's policy (version {}, applied by {} at {})",
            file.display(),
            v.version,
            v.applied_by,
            crate::clock::rfc3339(v.applied_at)
        )?;
    }
    Ok(())
}

fn history(ctx: &mut Ctx) -> Result<()> {
    ctx.for_reading()?;
    let versions = ctx.queue()?.policy_versions()?;
    if ctx.json() {
        return ctx.out.json(&versions);
    }
    let mut table = render::table(["VERSION", "APPLIED", "BY", "DIGEST", "MESSAGE"]);
    let last = versions.last().map(|v| v.version);
    for v in &versions {
        let mark = if Some(v.version) == last {
            " (in force)"
        } else {
            ""
        };
        table.add_row(render::row([
            format!("{}{mark}", v.version),
            crate::clock::rfc3339(v.applied_at),
            v.applied_by.clone(),
            v.digest[..12].to_string(),
            render::dash(v.message.as_deref()),
        ]));
    }
    writeln!(ctx.out, "{table}")?;
    Ok(())
}

/// A side of `esc policy diff`: a file, else a version the queue keeps.
fn policy_named(ctx: &Ctx, side: &str) -> Result<(String, Policy)> {
    let path = Path::new(side);
    if path.exists() {
        return Ok((
            side.to_string(),
            Policy::load(path).map_err(EscError::from)?,
        ));
    }
    let Ok(number) = side.trim_start_matches(['v', 'V']).parse::<u32>() else {
        return Err(EscError::usage(format!(
            "`{side}` is neither a policy file nor a version number"
        ))
        .with_hint("give a path to a TOML file, or a version as `esc policy history` lists them")
        .into());
    };
    ctx.active()?;
    let versions = ctx.queue()?.policy_versions()?;
    let Some(v) = versions.iter().find(|v| v.version == number) else {
        return Err(EscError::usage(format!(
            "the queue has no policy version {number} (it has 1 to {})",
            versions.len()
        ))
        .with_hint("`esc policy history` lists the versions")
        .into());
    };
    let label = format!("version {number}");
    let policy = Policy::parse(&v.text, &format!("policy {label}")).map_err(EscError::from)?;
    Ok((label, policy))
}

fn diff(ctx: &mut Ctx, old: &str, new: &str) -> Result<()> {
    let (old_label, old) = policy_named(ctx, old)?;
    let (new_label, new) = policy_named(ctx, new)?;
    let changes = crate::policy::diff::diff(&old, &new);
    if ctx.json() {
        return ctx.out.json(&serde_json::json!({
            "old": old_label, "new": new_label, "changes": changes,
        }));
    }
    writeln!(ctx.out, "esc policy diff: {old_label} → {new_label}")?;
    if changes.is_empty() {
        let how = if old.digest == new.digest {
            "the texts are the same"
        } else {
            "the texts differ only in comments or layout"
        };
        writeln!(ctx.out, "No change to any rule: {how}.")?;
    }
    for change in &changes {
        writeln!(ctx.out, "  {change}")?;
    }
    Ok(())
}

/// How durations run on a business calendar, said where calendars are shown.
const CALENDAR_RULE: &str = "\
Targets and step delays count open hours only. One that runs out exactly at a
closing time is due at that closing instant, not at the next opening; one that
starts while closed counts from the opening. A target must come due within 10
years of its calendar's weekly hours.";

fn show(ctx: &mut Ctx, toml: bool, version: Option<u32>) -> Result<()> {
    if toml {
        // The text as stored, not parsed: a version this esc no longer
        // accepts can still be printed, fixed and applied again.
        let versions = ctx.queue()?.policy_versions()?;
        let text = match (version, versions.last()) {
            (Some(n), _) => versions
                .iter()
                .find(|v| v.version == n)
                .map(|v| v.text.clone())
                .ok_or_else(|| {
                    EscError::usage(format!("the queue has no policy version {n}"))
                        .with_hint("`esc policy history` lists the versions")
                })?,
            (None, Some(last)) => last.text.clone(),
            // A new queue adopts the default first.
            (None, None) => ctx.for_reading()?.record.text.clone(),
        };
        // Stored only after it parsed as TOML, which admits no control
        // characters but tab and line ends: for a program, byte for byte.
        // On a terminal, what reorders or hides text in its strings (a
        // bidi override, a zero-width space) is shown, as in any output.
        if ctx.terminal {
            write!(ctx.out, "{text}")?;
        } else {
            write!(ctx.out.vetted(), "{text}")?;
        }
        return Ok(());
    }
    let active = ctx.for_reading()?;
    let in_force = active.record.version;
    let (policy, number) = match version.filter(|n| *n != in_force) {
        None => (Rc::clone(&active.policy), in_force),
        Some(n) => {
            let v = ctx
                .queue()?
                .policy_versions()?
                .into_iter()
                .find(|v| v.version == n)
                .ok_or_else(|| {
                    EscError::usage(format!(
                        "the queue has no policy version {n} (the one in force is {in_force})"
                    ))
                    .with_hint("`esc policy history` lists the versions")
                })?;
            let parsed =
                Policy::parse(&v.text, &format!("policy version {n}")).map_err(EscError::from)?;
            (Rc::new(parsed), n)
        }
    };
    if ctx.json() {
        let mut v = serde_json::to_value(&*policy)?;
        v["version"] = number.into();
        v["in_force"] = (number == in_force).into();
        return ctx.out.json(&v);
    }
    let out = &mut ctx.out;
    writeln!(
        out,
        "policy `{}`, version {number} of the queue's{}",
        policy.name,
        if number == in_force {
            " (in force)"
        } else {
            ""
        }
    )?;
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
        levels.add_row(render::row([
            l.id.clone(),
            l.name.clone(),
            teams.join(", "),
            signers,
        ]));
    }
    writeln!(out, "\nLadder (lowest first)\n{levels}")?;
    let mut teams = render::table(["TEAM", "NAME", "LEVEL"]);
    for t in &policy.teams {
        teams.add_row(render::row([t.id.clone(), t.name.clone(), t.level.clone()]));
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
            t.add_row(render::row([
                i.id.clone(),
                i.name.clone(),
                mark.to_string(),
            ]));
        }
        writeln!(out, "\n{title}\n{t}")?;
    }
    if !policy.roles.is_empty() {
        let mut roles = render::table(["ROLE", "PEOPLE"]);
        for (role, people) in &policy.roles {
            roles.add_row(render::row([role.clone(), people.join(", ")]));
        }
        writeln!(out, "\nRoles\n{roles}")?;
    }
    let business: Vec<_> = policy.calendars.iter().filter(|c| !c.is_always()).collect();
    if !business.is_empty() {
        let mut calendars = render::table(["CALENDAR", "TIMEZONE", "HOURS", "HOLIDAYS"]);
        for c in &business {
            calendars.add_row(render::row([
                c.id.clone(),
                c.timezone.name().to_string(),
                c.hours_text(),
                match c.holidays.len() {
                    0 => "—".to_string(),
                    n => format!(
                        "{n}, {} to {}",
                        c.holidays.first().expect("n > 0"),
                        c.holidays.last().expect("n > 0")
                    ),
                },
            ]));
        }
        writeln!(out, "\nCalendars\n{calendars}")?;
        writeln!(out, "{CALENDAR_RULE}")?;
    }
    show_notifications(out, &policy)?;
    if !policy.recurring.is_empty() {
        let mut recurring = render::table(["RECURRING", "TITLE", "WHEN", "CALENDAR", "MISSED"]);
        for r in &policy.recurring {
            recurring.add_row(render::row([
                r.id.clone(),
                r.title.clone(),
                r.when.describe(),
                r.calendar.clone(),
                match r.missed {
                    crate::policy::Missed::All => "all opened".to_string(),
                    crate::policy::Missed::Latest => "latest opened".to_string(),
                },
            ]));
        }
        writeln!(
            out,
            "\nRecurring tickets (`esc policy explain` says when each opens next)\n{recurring}"
        )?;
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
            sla.add_row(render::row([
                r.id.clone(),
                matcher_text(&r.matcher),
                r.calendar.clone(),
                span(r.first_response),
                span(r.next_response),
                span(r.resolution),
                warning,
            ]));
        }
        writeln!(out, "\nSLA targets (first match applies)\n{sla}")?;
    }
    for path in &policy.paths {
        let mut steps = render::table(["STEP", "WHEN DUE", "IF", "DOES"]);
        for s in &path.steps {
            steps.add_row(render::row([
                s.id.clone(),
                format!("{} after {}", s.after, s.from.name()),
                s.when.as_str().to_string(),
                actions_text(&s.actions),
            ]));
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
            triggers.add_row(render::row([
                t.id.clone(),
                on,
                matcher_text(&t.matcher),
                actions_text(&t.actions),
            ]));
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
pub(super) fn count(n: usize, noun: &str) -> String {
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
        let urgent = if a.urgent { " (urgent)" } else { "" };
        parts.push(format!("notify {}{urgent}", a.notify.join(", ")));
    }
    parts.join("; ")
}

/// How the policy reaches a person, in a few words; never a secret.
fn reach_text(reach: Option<&crate::policy::Reach>) -> String {
    use crate::policy::Reach;
    match reach {
        None => "no way yet: their notifications wait".into(),
        Some(Reach::Email(address)) => format!("e-mail to {address}"),
        Some(Reach::Mailbox(path)) => format!("mailbox {path}"),
        Some(Reach::Command(argv)) => format!("command {}", argv.join(" ")),
        Some(Reach::Webhook(hook)) => match (&hook.url, &hook.url_env) {
            (Some(url), _) => format!(
                "webhook {}",
                url.split('/').take(3).collect::<Vec<_>>().join("/")
            ),
            (None, Some(var)) => format!("webhook at ${var}"),
            (None, None) => "webhook".into(),
        },
    }
}

/// The people, how delivery tries, and what customers are sent.
fn show_notifications(out: &mut crate::output::Out, policy: &crate::policy::Policy) -> Result<()> {
    // Everyone a notify, a role or [people] names.
    let mut names: std::collections::BTreeSet<&str> =
        policy.people.keys().map(String::as_str).collect();
    names.extend(policy.roles.values().flatten().map(String::as_str));
    if !names.is_empty() {
        let mut people = render::table(["PERSON", "REACHED BY", "HOURS"]);
        for name in names {
            let person = policy.people.get(name);
            people.add_row(render::row([
                name.to_string(),
                reach_text(person.and_then(|p| p.reach.as_ref())),
                person
                    .and_then(|p| p.calendar.clone())
                    .unwrap_or_else(|| "any time".into()),
            ]));
        }
        writeln!(out, "\nPeople\n{people}")?;
    }
    let d = &policy.delivery;
    writeln!(
        out,
        "\nDelivery: {} attempt{}, at most {} each\n  {}\n  {}",
        d.attempts,
        if d.attempts == 1 { "" } else { "s" },
        d.timeout,
        if d.digest {
            "a person's due notifications go as one digest"
        } else {
            "one message a notification"
        },
        if d.background {
            "agents' commands start a deliverer as they return"
        } else {
            "esc tick delivers what agents' commands queue"
        }
    )?;
    if let Some(smtp) = &d.smtp {
        writeln!(
            out,
            "  e-mail through {}:{} ({}) from {}",
            smtp.host,
            smtp.port,
            tls_said(smtp.tls),
            smtp.from
        )?;
    }
    mail_in(out, policy)?;
    if !policy.customer_updates.is_empty() {
        let mut updates = render::table(["CUSTOMER UPDATE", "ON", "SUBJECT"]);
        for u in &policy.customer_updates {
            let on = if u.teams.is_empty() {
                u.on.to_string()
            } else {
                format!("{} to {}", u.on, u.teams.join(", "))
            };
            let subject = u.subject.fill(|f| format!("{{{}}}", f.name()));
            updates.add_row(render::row([u.id.clone(), on, subject]));
        }
        writeln!(
            out,
            "\nCustomer updates (by e-mail; the first that matches an event applies)\n{updates}"
        )?;
    }
    Ok(())
}

/// How customers' mail comes in, as `explain` says it.
fn mail_in(out: &mut impl Write, policy: &Policy) -> Result<()> {
    use crate::policy::mail::Fetch;
    let mail = &policy.mail;
    let fetched = match &mail.fetch {
        None => "no mailbox to fetch from (esc mail receive takes it from the mail server)".into(),
        Some(Fetch::Maildir(dir)) => format!("esc mail fetch reads the Maildir {dir}"),
        Some(Fetch::Imap(imap)) => format!(
            "esc mail fetch reads {} on {}:{} ({}) as {}, then {}",
            imap.mailbox,
            imap.host,
            imap.port,
            tls_said(imap.tls),
            imap.username,
            imap.move_to
                .as_ref()
                .map(|f| format!("moves it to {f}"))
                .unwrap_or_else(|| "marks it seen".into())
        ),
    };
    writeln!(
        out,
        "\nMail in: {fetched}\n  a reply reopens a resolved ticket within {}; attachments over {} are dropped;\n  one address is acknowledged at most {} times a day",
        mail.reopen_within,
        crate::policy::mail::size_said(mail.attachment_limit),
        mail.acknowledgements_per_day
    )?;
    if mail.routes.is_empty() {
        writeln!(
            out,
            "  new mail opens tickets for {}, in {}, at {}",
            policy.defaults.team,
            first_category(policy),
            policy.defaults.priority
        )?;
        return Ok(());
    }
    let mut routes = render::table(["MAIL TO", "SUBJECT HAS", "TEAM", "CATEGORY", "PRIORITY"]);
    for r in &mail.routes {
        let any = |v: &[String]| {
            if v.is_empty() {
                "any".to_string()
            } else {
                v.join(", ")
            }
        };
        let or = |v: &Option<String>, default: &str| v.clone().unwrap_or_else(|| default.into());
        routes.add_row(render::row([
            any(&r.to),
            any(&r.subject),
            or(&r.team, &policy.defaults.team),
            or(&r.category, first_category(policy)),
            or(&r.priority, &policy.defaults.priority),
        ]));
    }
    writeln!(
        out,
        "  new mail takes the first route that matches, else the defaults\n{routes}"
    )?;
    Ok(())
}

fn tls_said(tls: crate::policy::SmtpTls) -> &'static str {
    match tls {
        crate::policy::SmtpTls::Starttls => "STARTTLS",
        crate::policy::SmtpTls::Tls => "TLS",
        crate::policy::SmtpTls::None => "no TLS",
    }
}

/// The category mail no route places opens tickets in.
fn first_category(policy: &Policy) -> &str {
    policy.categories.first().map_or("", |c| c.id.as_str())
}
