//! `esc edit`: correct a fact of a ticket, recorded on its timeline.

use anyhow::Result;

use super::Ctx;
use crate::ticket::TicketId;

/// Correct a ticket: the customer's e-mail address
///
/// Each change is an event on the ticket's timeline, with who made it and
/// when. The customer's e-mail address is where the updates the policy's
/// `[[customer_updates]]` describe are sent; without one, the customer is
/// sent nothing.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc edit 12 --email maria@example.com\n  esc edit 12 --no-email      (the customer hears nothing more)"
)]
#[command(group(clap::ArgGroup::new("change").required(true).args(["email", "no_email"])))]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// The customer's e-mail address
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,

    /// Forget the customer's e-mail address
    #[arg(long)]
    pub no_email: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let email = args.email.as_deref();
    let applied = ctx.act(args.id, |act, t| act.set_email(t, email))?;
    let sentence = match &applied.ticket.email {
        Some(address) => format!("#{}: the customer's e-mail is now {address}", args.id),
        None => format!("#{}: the customer's e-mail is removed", args.id),
    };
    ctx.changed(&applied, &sentence)
}
