//! `esc show`: one ticket, every field, and its whole timeline.

use anyhow::Result;
use std::io::Write;

use super::Ctx;
use crate::automation::Engine;
use crate::clock::{ago, human_span, short};
use crate::cmd::render;
use crate::output::Format;
use crate::sla::Standing;
use crate::store;
use crate::ticket::{Status, TicketId};

/// Show a ticket's fields and its full timeline: who did what, when, and why
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc show 12\n  esc show '#12' --json\n  esc show 12 --format tsv | cut -f2,4   (when, and what happened)"
)]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// table (the ticket and its timeline), tsv or csv (the timeline for a program: a header, then one event a line, every value whole), or json [default: table; json with --json]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let policy = ctx.policy()?;
    let since = ctx.for_reading()?.since;
    let store::Restored {
        ticket: t,
        events,
        notifications,
        ..
    } = ctx.queue()?.whole(args.id)?;
    let log = crate::event::history(&events);
    // The tickets merged into this one: their history goes on here.
    let merged = ctx.queue()?.merged_in(&events)?;
    let family = ctx.queue()?.family(&t)?;
    let engine = Engine::new(&policy, ctx.now()).since(since);
    let clocks = engine.outlook(&t, &log).runs;
    let format = match (args.format, ctx.json()) {
        (Some(f), _) => f,
        (None, true) => Format::Json,
        (None, false) => Format::Table,
    };
    match format {
        Format::Json => {
            let merged: Vec<_> = merged
                .iter()
                .map(|(t, events)| serde_json::json!({ "ticket": t, "events": events }))
                .collect();
            return ctx.out.json(&serde_json::json!({
                "ticket": t, "sla": clocks, "events": events, "notifications": notifications,
                "merged": merged, "family": family,
            }));
        }
        Format::Tsv | Format::Csv => {
            let csv = format == Format::Csv;
            // Escaped field by field: nothing in it acts on a terminal.
            let out = ctx.out.vetted();
            let header = ["event", "at", "actor", "kind", "automatic", "what", "why"];
            writeln!(
                out,
                "{}",
                render::values_line(&header.map(String::from), csv)
            )?;
            for e in &events {
                let fields = [
                    e.id.to_string(),
                    crate::clock::rfc3339(e.data.at),
                    e.data.actor.clone(),
                    e.data.kind.as_str().to_string(),
                    e.data.automatic.to_string(),
                    render::describe(e, &policy),
                    e.data.reason.clone().unwrap_or_default(),
                ];
                writeln!(out, "{}", render::values_line(&fields, csv))?;
            }
            return Ok(());
        }
        Format::Table => {}
    }
    let tier = policy
        .tiers
        .iter()
        .find(|i| i.id == t.tier)
        .map_or(t.tier.clone(), |i| i.name.clone());
    let team = policy
        .team(&t.team)
        .map_or(t.team.clone(), |x| format!("{} ({})", x.id, x.name));
    // A long title wraps under itself, within the terminal.
    let id = format!("#{}  ", t.id);
    let head = render::wrap_hanging(&format!("{id}{}", t.title), id.len(), render::width());
    writeln!(ctx.out, "{head}")?;
    let mut fields = render::fields();
    let rows: [[String; 4]; 8] = [
        [
            "status".into(),
            match t.merged_into {
                Some(into) if t.status == Status::Merged => format!("merged into #{into}"),
                _ => t.status.to_string(),
            },
            "cycle".into(),
            t.cycle.to_string(),
        ],
        [
            "customer".into(),
            match &t.email {
                Some(address) => format!("{} <{address}>", t.customer),
                None => t.customer.clone(),
            },
            "tier".into(),
            tier,
        ],
        [
            "channel".into(),
            t.channel.to_string(),
            "category".into(),
            t.category.clone(),
        ],
        [
            "priority".into(),
            t.priority.clone(),
            "level".into(),
            policy.level_label(&t.level),
        ],
        [
            "team".into(),
            team,
            "assignee".into(),
            render::dash(t.assignee.as_deref()),
        ],
        [
            "opened".into(),
            format!("{} ({})", short(t.opened_at), ago(t.opened_at, ctx.now())),
            "first response".into(),
            render::when(t.first_response_at),
        ],
        [
            "contacts".into(),
            t.contact_attempts.to_string(),
            "last contact".into(),
            render::when(t.last_contact_at),
        ],
        [
            "tags".into(),
            if t.tags.is_empty() {
                "—".into()
            } else {
                t.tags.join(" ")
            },
            "csat".into(),
            t.csat.map_or("—".into(), |c| format!("{c}/5")),
        ],
    ];
    for row in rows {
        fields.add_row(render::row(row));
    }
    let listed = |items: Vec<String>| {
        render::dash(Some(items.join(", ")).filter(|l| !l.is_empty()).as_deref())
    };
    if !t.cc.is_empty() || !t.watchers.is_empty() {
        fields.add_row(render::row([
            "copies".to_string(),
            listed(t.cc.clone()),
            "watchers".into(),
            listed(t.watchers.clone()),
        ]));
    }
    if !merged.is_empty() {
        fields.add_row(render::row([
            "merged in".to_string(),
            listed(merged.iter().map(|(m, _)| format!("#{}", m.id)).collect()),
            String::new(),
            String::new(),
        ]));
    }
    if let Some(resolution) = &t.resolution {
        fields.add_row(render::row([
            "resolution".to_string(),
            resolution.clone(),
            "root cause".into(),
            render::dash(t.root_cause.as_deref()),
        ]));
    }
    writeln!(ctx.out, "{fields}")?;
    if !t.description.is_empty() {
        writeln!(ctx.out, "\n{}", t.description)?;
    }
    if let Some(rule) = policy.sla_for(&t) {
        let mut sla = render::table([
            "CLOCK".into(),
            "TARGET".into(),
            crate::clock::labelled("DUE"),
            "STANDING".into(),
        ]);
        for r in &clocks {
            let due = r.due.instant().map_or_else(|| "—".into(), short);
            let standing = match (r.standing, r.due.instant(), r.stopped) {
                (Standing::Met, _, Some(s))
                    if t.status == Status::Merged && t.resolved_at == Some(s) =>
                {
                    format!("merged at {}", short(s))
                }
                (Standing::Met, _, Some(s)) => format!("met at {}", short(s)),
                (Standing::Breached, Some(d), stopped) => {
                    let late = (stopped.unwrap_or(ctx.now()) - d).num_seconds();
                    format!("breached, {} late", human_span(late))
                }
                (Standing::Running, Some(d), _) => {
                    format!("{} left", human_span((d - ctx.now()).num_seconds()))
                }
                (Standing::Paused, _, _) => "paused: waiting on the customer".into(),
                _ => "—".into(),
            };
            sla.add_row(render::row([
                r.clock.to_string(),
                r.target.to_string(),
                due,
                standing,
            ]));
        }
        writeln!(
            ctx.out,
            "\nSLA (rule `{}`, calendar {})\n{sla}",
            rule.id, rule.calendar
        )?;
    }
    let kin = family
        .parent
        .iter()
        .map(|p| ("parent", p))
        .chain(family.children.iter().map(|c| ("child", c)))
        .chain(family.related.iter().map(|r| ("related", r)));
    let mut kinfolk = render::table(["TICKET", "IS", "STATUS", "TITLE"]);
    let mut any = false;
    for (is, k) in kin {
        any = true;
        kinfolk.add_row(render::row([
            format!("#{}", k.id),
            is.to_string(),
            k.status.to_string(),
            k.title.clone(),
        ]));
    }
    if any {
        writeln!(ctx.out, "\nFamily\n{kinfolk}")?;
    }
    // Its own events and those of the tickets merged in, as they were
    // written; theirs marked with their ticket.
    let mut all: Vec<&crate::event::Event> = events.iter().collect();
    // (Each one's `merged` is said by this one's `joined`.)
    all.extend(
        merged
            .iter()
            .flat_map(|(_, events)| events)
            .filter(|e| e.data.kind != crate::event::EventKind::Merged),
    );
    all.sort_by_key(|e| e.id);
    let rows: Vec<[String; 4]> = all
        .iter()
        .map(|e| {
            let what = render::describe(e, &policy);
            [
                short(e.data.at),
                e.data.actor.clone(),
                if e.ticket == t.id {
                    what
                } else {
                    format!("#{} › {what}", e.ticket)
                },
                e.data.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let timeline = render::timeline(&rows, render::width());
    writeln!(ctx.out, "\nTimeline\n{timeline}")?;
    if !notifications.is_empty() {
        let mut told = render::table(["FOR", "ABOUT", "STATUS"]);
        for n in &notifications {
            let about = events.iter().find(|e| e.id == n.event).map_or_else(
                || "—".into(),
                |e| format!("{}: {}", short(e.data.at), render::describe(e, &policy)),
            );
            told.add_row(render::row([
                render::recipient(n),
                about,
                render::delivery(n),
            ]));
        }
        writeln!(ctx.out, "\nNotifications\n{told}")?;
    }
    let mut attached = ctx.queue()?.attachments(t.id)?;
    for (m, _) in &merged {
        attached.extend(ctx.queue()?.attachments(m.id)?);
    }
    if !attached.is_empty() {
        let mut files = render::table(["MESSAGE", "PART", "NAME", "TYPE", "SIZE"]);
        for a in &attached {
            let size = if a.file.kept {
                format!("{} bytes", a.file.size)
            } else {
                format!("{} bytes, over the limit: not kept", a.file.size)
            };
            files.add_row(render::row([
                a.mail.to_string(),
                a.part.to_string(),
                a.file.name.clone(),
                a.file.content_type.clone(),
                size,
            ]));
        }
        writeln!(
            ctx.out,
            "\nAttachments (save one: esc mail save MESSAGE PART)\n{files}"
        )?;
    }
    Ok(())
}
