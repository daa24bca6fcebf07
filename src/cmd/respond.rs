//! `esc respond`: an agent's reply to the customer.

use anyhow::Result;

use super::Ctx;
use crate::error::EscError;
use crate::event::Detail;
use crate::ticket::TicketId;

/// Reply to the customer; the first reply is the first response
///
/// On a ticket that came by e-mail (or by a channel the policy's
/// mail.reply_by_mail names) and has the customer's address, the text goes
/// to the customer by mail (through the outbox, as an answer to their last
/// message, with the ticket's tag in its subject), and their answer comes
/// back to the ticket. `--internal` only records the reply.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc respond 12 'Sorry for the trouble, looking into it now'\n  esc respond 12 --internal 'called her back'\n  esc respond 12 --mail 'As promised on the phone: ...'\n  esc respond 12            (a reply sent elsewhere, recorded)"
)]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// What was said, in short [optional]
    #[arg(conflicts_with = "template")]
    pub summary: Option<String>,

    /// Send one of the policy's replies, its fields filled from the ticket
    #[arg(long, value_name = "REPLY")]
    pub template: Option<String>,

    /// Edit the filled reply in $EDITOR before it goes (on a terminal)
    #[arg(long, requires = "template")]
    pub edit: bool,

    /// Only record the reply: nothing goes to the customer
    #[arg(long, conflicts_with = "mail")]
    pub internal: bool,

    /// Send the reply by mail although the ticket came by another channel
    #[arg(long)]
    pub mail: bool,
}

pub fn run(ctx: &mut Ctx, mut args: Args) -> Result<()> {
    if let Some(name) = &args.template {
        args.summary = Some(from_template(ctx, args.id, name, args.edit)?);
    }
    let unmailed = std::cell::Cell::new(false);
    let applied = ctx.act(args.id, |act, t| {
        let by_mail = !args.internal
            && (args.mail || act.policy.mail.reply_by_mail.contains(&t.channel));
        let server = act.policy.delivery.smtp.is_some();
        match (&t.email, args.summary.as_deref()) {
            (Some(_), Some(_)) if args.mail && !server => Err(EscError::usage(
                "the policy names no mail server, so the reply cannot be mailed".to_string(),
            )
            .with_hint(
                "add [delivery.smtp] to the policy (README, \"Mail in\"), or record the reply with --internal",
            )),
            (Some(_), Some(text)) if by_mail && server => act.respond_by_mail(t, text),
            (Some(_), Some(_)) if by_mail => {
                unmailed.set(true);
                act.respond(t, args.summary.as_deref())
            }
            (None, _) if args.mail => Err(EscError::usage(format!(
                "ticket #{} has no address for the customer; there is nowhere to mail the reply",
                t.id
            ))
            .with_hint(format!("give one with `esc edit {} --email ADDRESS`", t.id))),
            _ => act.respond(t, args.summary.as_deref()),
        }
    })?;
    let mailed = applied
        .events
        .iter()
        .any(|e| matches!(e.data.detail, Some(Detail::Mailed { .. })))
        .then(|| applied.ticket.email.clone())
        .flatten();
    let first = applied.ticket.first_response_at == Some(ctx.now())
        && applied
            .events
            .iter()
            .any(|e| e.data.detail.as_ref().is_some_and(Detail::first_response));
    let sentence = match (first, mailed) {
        (true, Some(to)) => format!("#{} first response sent to {to}", args.id),
        (false, Some(to)) => format!("#{} response sent to {to}", args.id),
        (true, None) => format!("#{} first response recorded", args.id),
        (false, None) => format!("#{} response recorded", args.id),
    };
    let sentence = match &applied.ticket.cc {
        cc if !cc.is_empty() && sentence.contains(" sent to ") => {
            format!("{sentence}, copied to {}", cc.join(", "))
        }
        _ => sentence,
    };
    let sentence = if unmailed.get() {
        format!("{sentence}, not mailed: the policy names no mail server ([delivery.smtp])")
    } else {
        sentence
    };
    ctx.changed(&applied, &sentence)
}

/// The policy's reply `name` filled for ticket `id`, edited first if asked.
fn from_template(ctx: &mut Ctx, id: TicketId, name: &str, edit: bool) -> Result<String> {
    let policy = ctx.policy()?;
    let Some(reply) = policy.reply(name) else {
        let names: Vec<&str> = policy.replies.iter().map(|r| r.id.as_str()).collect();
        return Err(EscError::usage(format!(
            "the policy has no reply `{}` ({})",
            crate::output::visible(name),
            if names.is_empty() {
                "it has none".to_string()
            } else {
                format!("it has: {}", names.join(", "))
            }
        ))
        .with_hint("replies are [[replies]] in the policy, each an id and a text")
        .into());
    };
    let ticket = ctx.queue()?.ticket(id)?;
    let filled = crate::customer::fill(&policy, &ticket, &reply.text, ctx.now());
    if !edit {
        return Ok(filled);
    }
    if !ctx.terminal {
        return Err(
            EscError::usage("--edit opens an editor, which needs a terminal")
                .with_hint("leave out --edit to send the reply as the policy words it")
                .into(),
        );
    }
    match dialoguer::Editor::new().edit(&filled)? {
        Some(text) if !text.trim().is_empty() => Ok(text.trim_end().to_string()),
        _ => Err(EscError::usage("the reply was left empty: nothing was sent").into()),
    }
}
