//! `esc open`: put a new ticket on the queue.

use anyhow::Result;
use std::io::Write;

use super::Ctx;
use crate::lifecycle::NewTicket;
use crate::policy::Item;
use crate::ticket::Channel;

/// Open a new ticket and print its id
///
/// Missing required fields are asked for on a terminal; elsewhere the error
/// names the missing flag. Category, priority, tier and team come from the
/// policy (`esc policy show` lists them).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  esc open --title 'Refund not received' --customer acme \\\n           --channel email --category financial --priority high"
)]
pub struct Args {
    /// One line that says what the customer needs
    #[arg(long, short)]
    pub title: Option<String>,

    /// The details [asked on a terminal, else empty]
    #[arg(long, short)]
    pub description: Option<String>,

    /// Who the customer is: a name or an account id
    #[arg(long, short)]
    pub customer: Option<String>,

    /// Where the customer reached us
    #[arg(long, value_parser = crate::cli::choice::<Channel>())]
    pub channel: Option<Channel>,

    /// The decision category, from the policy
    #[arg(long)]
    pub category: Option<String>,

    /// The priority, from the policy [default: the policy's]
    #[arg(long, short)]
    pub priority: Option<String>,

    /// The customer's tier, from the policy [default: the policy's]
    #[arg(long)]
    pub tier: Option<String>,

    /// The team that takes it [default: the policy's]
    #[arg(long)]
    pub team: Option<String>,

    /// Who works on it [default: nobody yet]
    #[arg(long, value_parser = crate::cli::person)]
    pub assignee: Option<String>,

    /// A tag; repeat for more
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// The customer's e-mail address: where the updates the policy's
    /// `[[customer_updates]]` describe are sent (`esc edit ID --email`
    /// changes it later)
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,

    /// Print only the new ticket's id, for scripts
    #[arg(long, short, conflicts_with = "json")]
    pub quiet: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let active = ctx.policy_to_write()?;
    let policy = &active.policy;
    let p = &ctx.prompt;
    // A command given all it needs asks nothing: what was typed ahead at
    // the terminal would become the description.
    let asking = args.title.is_none()
        || args.customer.is_none()
        || args.channel.is_none()
        || args.category.is_none();
    let title = p.text(args.title, "--title", "Title")?;
    let customer = p.text(args.customer, "--customer", "Customer")?;
    let channels = Item::channels();
    let channel = match args.channel {
        Some(c) => c,
        None => p
            .choose(None, "--channel", "Channel", &channels)?
            .parse()
            .map_err(anyhow::Error::msg)?,
    };
    let category = p.choose(args.category, "--category", "Category", &policy.categories)?;
    let description = if asking {
        p.optional(args.description, "Description (optional)")?
    } else {
        args.description.unwrap_or_default()
    };
    let new = NewTicket {
        title,
        description,
        customer,
        email: args.email,
        tier: args.tier,
        channel,
        category,
        priority: args.priority,
        team: args.team,
        assignee: args.assignee,
        tags: args.tags,
    };
    let actor = ctx.actor()?;
    let applied = ctx.queue()?.open_ticket(&actor, new)?;
    ctx.deliver_in_background(&applied, policy);
    let t = &applied.ticket;
    if args.quiet {
        writeln!(ctx.out, "{}", t.id)?;
        return Ok(());
    }
    let sentence = format!(
        "opened #{}: {} ({}, {}, {} priority)",
        t.id, t.title, t.team, t.level, t.priority
    );
    ctx.changed(&applied, &sentence)
}
