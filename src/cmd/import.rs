//! `esc import`: an export put back into a new queue.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde::Deserialize;

use super::Ctx;
use crate::clock::Instant;
use crate::error::EscError;
use crate::policy::digest_of;
use crate::store::{PolicyVersion, Restored};

/// Read an export of `esc export` into a queue
///
/// Into a queue without tickets, tickets, their logs and their
/// notifications keep the ids they had, and the queue takes the export's
/// policy versions. Into a queue with tickets of its own, they get new
/// numbers (listed), and the queue's policy governs them. What esc
/// derives (due times, report figures) is derived again from the logs,
/// not trusted. The move is faithful: nothing is added, and the next tick
/// does what the old queue's next tick would have done, steps that came
/// due meanwhile included (--settle-overdue keeps them quiet instead, for
/// an export read long after it was written). All or nothing: a bad line
/// is reported with its line and column, and nothing is written.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc export > queue.jsonl\n  esc --db new.db import queue.jsonl"
)]
pub struct Args {
    /// The export: JSON lines as `esc export` writes them (- for stdin)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Mark tickets whose steps or triggers came due before the import as imported: what came due by then fires nothing (breaches are kept as facts)
    #[arg(long)]
    pub settle_overdue: bool,

    /// What FILE is: an esc export (jsonl), or another help desk's CSV (csv, with --map)
    #[arg(long, value_enum, default_value = "jsonl")]
    pub from: From,

    /// With --from csv: the mapping of the other help desk's columns and values (TOML)
    #[arg(long, value_name = "MAP.toml", required_if_eq("from", "csv"))]
    pub map: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum From {
    /// JSON lines as `esc export` writes them
    Jsonl,
    /// Another help desk's CSV export, read through --map
    Csv,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    esc_export: u32,
    tickets: Option<u64>,
    policies: Vec<Version>,
    /// Version 2 on: the mail on no ticket, and the addresses that bounced.
    #[serde(default)]
    mail: Vec<crate::store::mail::ExportedMail>,
    #[serde(default)]
    undeliverable: Vec<crate::store::mail::Undeliverable>,
    /// Version 3 on: the ledger of recurring tickets.
    #[serde(default)]
    occurrences: Vec<crate::recurrence::Occurrence>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Version {
    version: u32,
    digest: String,
    text: String,
    applied_by: String,
    applied_at: Instant,
    message: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    ctx.owner_only("importing tickets")?;
    if args.from == From::Csv {
        return from_csv(ctx, &args);
    }
    let name = args.file.display().to_string();
    let input: Box<dyn BufRead> = if args.file.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(&args.file).with_context(|| format!("cannot read `{name}`"))?,
        ))
    };
    let at = |line: usize, col: usize, why: String| -> anyhow::Error {
        EscError::usage(format!("{name}:{line}:{col}: {why}"))
            .with_hint("nothing was imported; fix the line, or export again")
            .into()
    };
    // Lines as bytes: one that is not UTF-8 is named where it goes wrong.
    let mut lines = input.split(b'\n').enumerate().map(|(i, bytes)| {
        let line = i + 1;
        let bytes = bytes.with_context(|| format!("reading `{name}`"))?;
        String::from_utf8(bytes)
            .map_err(|e| {
                let col = e.utf8_error().valid_up_to() + 1;
                at(line, col, "the line is not UTF-8 text".into())
            })
            .map(|text| (line, text))
    });
    let (_, first) = lines.next().ok_or_else(|| {
        at(
            1,
            1,
            "the file is empty: an export starts with its header".into(),
        )
    })??;
    let header: Header = serde_json::from_str(&first)
        .map_err(|e| at(1, e.column(), format!("not an esc export header: {e}")))?;
    if !(1..=crate::cmd::export::FORMAT_VERSION).contains(&header.esc_export) {
        return Err(at(
            1,
            1,
            format!(
                "export format {} is not one this esc reads (it reads 1 to {})",
                header.esc_export,
                crate::cmd::export::FORMAT_VERSION
            ),
        ));
    }
    let loose = crate::store::mail::Loose {
        mail: header.mail,
        undeliverable: header.undeliverable,
        occurrences: header.occurrences,
    };
    crate::store::restored::check_loose(&loose).map_err(|why| at(1, 1, why))?;
    let mut versions = Vec::new();
    let count = header.policies.len();
    for (k, v) in header.policies.into_iter().enumerate() {
        // Every version reads: the one in force by today's rules (below),
        // older ones as TOML, history that `esc policy show` prints.
        let problem = if let Err(e) = crate::ticket::check_name(&v.applied_by) {
            Some(format!("who applied it: {e}"))
        } else if v
            .text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        {
            Some("its text holds control characters".to_string())
        } else if k + 1 < count && v.text.parse::<toml::Table>().is_err() {
            Some("its text is not TOML".to_string())
        } else {
            None
        };
        if let Some(why) = problem {
            return Err(at(1, 1, format!("policy version {}: {why}", v.version)));
        }
        if versions
            .last()
            .is_some_and(|p: &PolicyVersion| p.version >= v.version || p.applied_at > v.applied_at)
        {
            return Err(at(
                1,
                1,
                format!("policy version {} is out of order", v.version),
            ));
        }
        if digest_of(&v.text) != v.digest {
            return Err(at(
                1,
                1,
                format!(
                    "policy version {}'s text does not match its digest",
                    v.version
                ),
            ));
        }
        versions.push(PolicyVersion {
            version: v.version,
            digest: v.digest,
            text: v.text,
            applied_by: v.applied_by,
            applied_at: v.applied_at,
            message: v.message,
        });
    }
    if versions.is_empty() {
        return Err(at(1, 1, "the export holds no policy".into()));
    }
    // A new queue takes the export's policies; a queue with tickets of its
    // own keeps its policy, which then governs the imported tickets too.
    let governing = ctx.queue()?.governing(&versions)?;
    if governing.is_the_queues() {
        ctx.policy_to_write()?;
    }
    let policy = governing.in_force();
    let actor = ctx.actor()?;

    let bar = match header.tickets {
        Some(n) if std::io::stderr().is_terminal() && !ctx.json() => indicatif::ProgressBar::new(n),
        _ => indicatif::ProgressBar::hidden(),
    };
    let mut seen = crate::store::restored::Seen::default();
    let mut tickets = lines
        .filter(|line| !matches!(line, Ok((_, text)) if text.is_empty()))
        .map(|line| -> Result<Restored> {
            let (line, text) = line?;
            let restored: Restored = serde_json::from_str(&text).map_err(|e| {
                at(
                    line,
                    e.column(),
                    format!("not a ticket of an esc export: {e}"),
                )
            })?;
            crate::store::restored::check(&restored, policy, &mut seen)
                .map_err(|why| at(line, 1, why))?;
            bar.inc(1);
            Ok(restored)
        });
    let imported = ctx.queue()?.restore(
        &actor,
        &versions,
        &governing,
        args.settle_overdue,
        &loose,
        &mut tickets,
    )?;
    let (done, events, marked) = (imported.restoring, imported.events, imported.marked);
    bar.finish_and_clear();
    let n = done.tickets;
    if ctx.json() {
        let renumbered: Vec<serde_json::Value> = done
            .renumbered
            .iter()
            .map(|(from, to)| serde_json::json!({ "from": from, "to": to }))
            .collect();
        return ctx.out.json(&serde_json::json!({
            "tickets": n, "events": events, "marked_imported": marked, "renumbered": renumbered,
            "replaced_policies": done.replaced_policies,
        }));
    }
    writeln!(
        ctx.out,
        "imported {n} ticket{} with {events} events from {name}",
        if n == 1 { "" } else { "s" }
    )?;
    if done.replaced_policies > 0 {
        writeln!(
            ctx.out,
            "the queue governed no ticket yet: its {} policy version{} gave way to the export's {}, version {} in force",
            done.replaced_policies,
            if done.replaced_policies == 1 { "" } else { "s" },
            versions.len(),
            versions.last().map_or(0, |v| v.version),
        )?;
    }
    if !done.renumbered.is_empty() {
        writeln!(
            ctx.out,
            "the queue held tickets already, so the imported ones have new numbers:"
        )?;
        for (from, to) in &done.renumbered {
            writeln!(ctx.out, "  #{from} is now #{to}")?;
        }
    }
    if marked > 0 {
        writeln!(
            ctx.out,
            "{marked} had steps or triggers already due: marked imported, they fire nothing"
        )?;
    }
    Ok(())
}

/// Tickets of another help desk, from its CSV export through a mapping:
/// each opened (and put on hold or resolved) when the row says, marked
/// imported so that nothing of their past fires here, in one transaction.
fn from_csv(ctx: &mut Ctx, args: &Args) -> Result<()> {
    let map_path = args
        .map
        .as_ref()
        .expect("clap requires --map with --from csv");
    let map_name = map_path.display().to_string();
    let text = std::fs::read_to_string(map_path)
        .with_context(|| format!("cannot read the mapping `{map_name}`"))?;
    let map = crate::foreign::Map::parse(&text)
        .map_err(|e| EscError::usage(format!("the mapping `{map_name}` does not read: {e}")))?;
    let name = args.file.display().to_string();
    let input: Box<dyn std::io::Read> = if args.file.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(&args.file).with_context(|| format!("cannot read `{name}`"))?)
    };
    let delimiter = u8::try_from(map.delimiter).map_err(|_| {
        EscError::usage(format!(
            "the mapping's delimiter `{}` is not one byte",
            map.delimiter
        ))
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(input);
    let bad = |line: u64, why: String| -> anyhow::Error {
        EscError::usage(format!("{name}:{line}: {why}"))
            .with_hint("nothing was imported; fix the row or the mapping")
            .into()
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| bad(1, format!("the header row does not read: {e}")))?
        .iter()
        // A UTF-8 byte order mark (osTicket writes one) is no part of a name.
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    let missing = map.missing(&headers);
    if !missing.is_empty() {
        return Err(bad(
            1,
            format!(
                "no column {} (the file has: {})",
                missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                headers.join(", ")
            ),
        ));
    }
    let policy = ctx.policy_to_write()?.policy.clone();
    let actor = ctx.actor()?;
    let mut tickets = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            bad(line, format!("the row does not read: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let row: std::collections::BTreeMap<String, String> = headers
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_string))
            .collect();
        let ticket = map
            .ticket(&policy, &actor, &row)
            .map_err(|e| match e.column {
                Some(column) => bad(line, format!("column `{column}`: {}", e.message)),
                None => bad(line, e.message),
            })?;
        tickets.push(ticket);
    }
    let n = ctx.queue()?.import(&actor, tickets)?;
    if ctx.json() {
        return ctx
            .out
            .json(&serde_json::json!({ "tickets": n, "map": map.name }));
    }
    writeln!(
        ctx.out,
        "imported {n} ticket{} from {name} ({}), each marked imported: what came due before now fires nothing",
        if n == 1 { "" } else { "s" },
        map.name
    )?;
    Ok(())
}
