//! `esc demo`: a scripted day on a throw-away queue, showing each command
//! and what it printed. It runs the real commands in this process, with the
//! clock fixed, so its output is the same on every machine.

use std::io::Write;

use crate::cmd::render;
use crate::output::Out;
use anyhow::{Context, Result};
use clap::Parser;

use super::{Ctx, dispatch};
use crate::cli::Cli;

/// Run a scripted day of support work on a throw-away queue
///
/// Tickets are opened, answered, escalated (functionally and up the ladder),
/// resolved and signed off; then nobody answers one of them and `esc tick`
/// escalates it by the policy; at the end of the day a customer's e-mail
/// opens a ticket and her reply joins it. Each is a real `esc` command against a fresh
/// queue with the clock fixed. Uses --policy if given, else the embedded
/// default.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  esc demo\n  esc demo --json")]
pub struct Args {
    /// Keep the demo queue and print where it is, to explore it afterwards
    #[arg(long)]
    pub keep: bool,
}

/// Who acts, when (on 2026-11-23, UTC), and the command's arguments.
#[rustfmt::skip]
const SCRIPT: &[(&str, &str, &[&str])] = &[
    ("ann", "09:00", &["open", "--title", "Card charged twice", "--customer", "Maria Lopez",
        "--channel", "email", "--category", "financial", "--priority", "high"]),
    ("ann", "09:05", &["open", "--title", "Chatbot cannot reset my password", "--customer", "acme-corp",
        "--tier", "gold", "--channel", "bot", "--category", "technical", "--priority", "urgent", "--tag", "sso"]),
    ("bob", "09:10", &["open", "--title", "Where is my parcel?", "--customer", "Tom Berg",
        "--channel", "web", "--category", "delivery", "--assignee", "bob"]),
    ("ann", "09:15", &["respond", "2", "We are on it; a specialist will call you"]),
    ("ann", "09:20", &["respond", "1", "Sorry about that; looking into it now"]),
    ("ann", "09:25", &["escalate", "1", "--team", "finance", "--reason",
        "duplicate charge confirmed; needs a refund, card ending 4242"]),
    ("bob", "09:40", &["contact", "3", "customer asks again"]),
    ("ann", "09:45", &["escalate", "2", "--team", "technical", "--to", "rita", "--reason",
        "bot hand-off: password reset fails for SSO users"]),
    ("rita", "10:30", &["escalate", "2", "--up", "--reason",
        "root cause is ours; a goodwill credit needs a supervisor"]),
    ("rita", "11:00", &["resolve", "2", "--summary", "SSO fix deployed; one month of credit offered",
        "--root-cause", "product-bug"]),
    ("rita", "11:05", &["signoff", "2"]),
    ("dana", "11:30", &["signoff", "2"]),
    ("ann", "11:45", &["list", "--all"]),
    ("ann", "11:50", &["show", "2"]),
    // Nobody answers #3. Cron runs `esc tick`; the policy escalates it.
    ("cron", "12:00", &["tick"]),
    ("cron", "16:00", &["tick", "--dry-run"]),
    ("cron", "16:00", &["tick"]),
    ("cron", "16:05", &["tick"]),
    ("ann", "16:10", &["list"]),
    ("ann", "16:15", &["show", "3"]),
    ("ann", "16:22", &["policy", "explain", "3"]),
    // What the escalation manager was told, and when.
    ("dana", "16:20", &["inbox", "--for", "dana"]),
    ("ann", "16:25", &["csat", "2", "5", "--comment", "fixed fast, thanks"]),
    // The manager's view of it all.
    ("dana", "17:00", &["report", "--since", "2026-11-20"]),
];

/// At the end of the day a customer writes, and writes again: each
/// message is left in the demo's Maildir (standing for the support
/// address's mailbox) just before the step that fetches it. `MAILDIR` in
/// a step stands for that folder.
#[rustfmt::skip]
const MAIL: &[(&str, &str, Option<&str>, &[&str])] = &[
    ("cron", "17:10", Some(LENA_WRITES), &["mail", "fetch", "--maildir", "MAILDIR"]),
    ("ann", "17:15", None, &["respond", "4", "--internal", "called Lena: a corrected invoice goes out tonight"]),
    ("cron", "17:25", Some(LENA_AGAIN), &["mail", "fetch", "--maildir", "MAILDIR"]),
    ("ann", "17:30", None, &["show", "4"]),
];

const LENA_WRITES: &str = "From: Lena Novak <lena@example.com>
To: support@shop.example
Subject: Invoice shows my old address
Message-ID: <lena-1@mail.example.com>
Date: Mon, 23 Nov 2026 17:08:00 +0000

Hello,
the invoice for order 7731 shows my old address. Could you send a
corrected one?
Lena
";

const LENA_AGAIN: &str = "From: Lena Novak <lena@example.com>
To: support@shop.example
Subject: Re: Invoice shows my old address
Message-ID: <lena-2@mail.example.com>
In-Reply-To: <lena-1@mail.example.com>
References: <lena-1@mail.example.com>
Date: Mon, 23 Nov 2026 17:22:00 +0000

Thanks for the call! Please send it to lena.novak@example.com too.

> the invoice for order 7731 shows my old address.
";

const DAY: &str = "2026-11-23";

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let dir = tempfile::Builder::new()
        .prefix("esc-demo-")
        .tempdir()
        .context("cannot create a directory for the demo queue")?;
    let db = dir.path().join("queue.db");
    let policy = ctx.global.policy.clone();
    // A session at a terminal, wherever the output goes: at 80 columns
    // unless the terminal says otherwise.
    render::assume_width(80);
    let width = render::width();
    let opening = format!(
        "A day on a throw-away queue ({}), policy: {}, clock fixed on {DAY} (UTC).",
        db.display(),
        policy
            .as_ref()
            .map_or("the embedded default".into(), |p| p.display().to_string())
    );
    writeln!(ctx.out, "{}\n", render::wrap_hanging(&opening, 0, width))?;
    // The demo queue starts with the chosen policy as its version 1; the
    // default gets a local mailbox for the escalation manager, so that the
    // story ends with what she received.
    let mailbox = dir.path().join("dana.mbox");
    let (text, message) = match &policy {
        Some(path) => (
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read `{}`", path.display()))?,
            "esc demo --policy",
        ),
        None => (
            format!(
                "{}\n# esc demo: dana's notifications go to a local mailbox file.\n[people.dana]\nmailbox = {}\n",
                crate::policy::DEFAULT_POLICY,
                toml::Value::String(mailbox.display().to_string())
            ),
            "the embedded default, with dana's mail in a local mailbox",
        ),
    };
    let chosen = crate::policy::Policy::parse(
        &text,
        &policy
            .as_ref()
            .map_or("the demo policy".into(), |p| p.display().to_string()),
    )
    .map_err(crate::error::EscError::from)?;
    crate::store::open(&crate::store::Location::file(&db))?.apply_policy(
        &text,
        &chosen.digest,
        "demo",
        crate::clock::parse_instant(&format!("{DAY}T00:00:00Z")).map_err(anyhow::Error::msg)?,
        Some(message),
    )?;
    for (who, time, words) in SCRIPT {
        step(ctx, &db, who, time, words, width)?;
    }
    let maildir = dir.path().join("Maildir");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).context("cannot make the demo's Maildir")?;
    }
    for (k, (who, time, message, words)) in MAIL.iter().enumerate() {
        if let Some(message) = message {
            std::fs::write(
                maildir.join("new").join(format!("{k}.demo.esc")),
                message.replace('\n', "\r\n"),
            )
            .context("cannot leave the demo's mail in its Maildir")?;
        }
        let folder = maildir.display().to_string();
        let words: Vec<&str> = words
            .iter()
            .map(|w| if *w == "MAILDIR" { folder.as_str() } else { w })
            .collect();
        step(ctx, &db, who, time, &words, width)?;
    }
    if let Ok(mail) = std::fs::read_to_string(&mailbox) {
        let line = "[17:35 dana] The policy delivers dana's notifications to a local mailbox file, which now holds:";
        writeln!(ctx.out, "{}\n", render::wrap_hanging(line, 13, width))?;
        ctx.out.write_all(mail.as_bytes())?;
    }
    if args.keep {
        let kept = dir.keep();
        writeln!(
            ctx.out,
            "The queue is kept: export ESC_DB={} to explore it.",
            kept.join("queue.db").display()
        )?;
    }
    Ok(())
}

/// Run one step of the story as `who` at `time`, showing the command and
/// what it printed (or the refusal, as the user would see it).
fn step(
    ctx: &mut Ctx,
    db: &std::path::Path,
    who: &str,
    time: &str,
    words: &[&str],
    width: Option<usize>,
) -> Result<()> {
    let now = format!("{DAY}T{time}:00Z");
    let prompt = format!("[{time} {who}] $ ");
    writeln!(
        ctx.out,
        "{prompt}{}",
        command_line(words, prompt.len(), width)
    )?;
    let mut argv: Vec<String> = ["esc", "--as", who, "--now", &now]
        .map(String::from)
        .to_vec();
    argv.push("--db".into());
    argv.push(db.display().to_string());
    argv.extend(words.iter().map(|w| w.to_string()));
    let cli = Cli::try_parse_from(&argv).context("the demo script is out of date")?;
    let mut printed: Vec<u8> = Vec::new();
    let mut step = Ctx::new(cli.global, Out::new(&mut printed), false);
    // The story is told in order: its ticks deliver. It reads as a
    // session at a terminal, tables and all.
    step.background = false;
    step.terminal = true;
    // In colour only where the demo's own reader sees colour. What the
    // step printed was made visible there, data and all; the escapes
    // left are esc's own styling, which must reach the terminal as
    // such, never as text.
    step.colour = ctx.colour;
    let outcome = dispatch(&mut step, cli.command);
    if ctx.colour {
        ctx.out.vetted().write_all(&printed)?;
    } else {
        ctx.out.write_all(&printed)?;
    }
    if printed.is_empty() && outcome.is_ok() {
        writeln!(ctx.out, "(no output: nothing was due)")?;
    }
    if let Err(e) = outcome {
        // A refusal is part of the story: show it as the user would see it.
        let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
        writeln!(ctx.out, "error: {}", chain.join(": "))?;
        if let Some(hint) = e
            .downcast_ref::<crate::error::EscError>()
            .and_then(|k| k.hint())
            .map(super::hint_words)
        {
            writeln!(ctx.out, "hint: {hint}")?;
        }
    }
    writeln!(ctx.out)?;
    Ok(())
}

/// `esc ARGS` as a shell would need it typed, continued with ` \` on the
/// next line before a flag that would pass `width` (the first line starts
/// `indent` columns in, after the prompt).
fn command_line(words: &[&str], indent: usize, width: Option<usize>) -> String {
    let mut lines = vec!["esc".to_string()];
    let quoted: Vec<String> = words.iter().map(|w| quote(w)).collect();
    // A flag and its value stay together.
    let mut groups: Vec<String> = Vec::new();
    for w in quoted {
        match groups.last_mut() {
            Some(last) if last.starts_with("--") && !last.contains(' ') && !w.starts_with('-') => {
                last.push(' ');
                last.push_str(&w);
            }
            _ => groups.push(w),
        }
    }
    for g in groups {
        let margin = if lines.len() == 1 { indent } else { 0 };
        let line = lines.last_mut().expect("one line at least");
        let fits =
            width.is_none_or(|w| margin + line.chars().count() + 1 + g.chars().count() + 2 <= w);
        if fits || line.trim().is_empty() {
            line.push(' ');
            line.push_str(&g);
        } else {
            line.push_str(" \\");
            lines.push(format!("    {g}"));
        }
    }
    lines.join("\n")
}

/// One argument as a shell would need it typed.
fn quote(word: &str) -> String {
    if word
        .chars()
        .all(|c| c.is_alphanumeric() || "-_./:@".contains(c))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}
