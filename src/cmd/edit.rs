//! `esc edit`: correct facts of a ticket, recorded on its timeline.

use anyhow::Result;

use super::Ctx;
use crate::error::EscError;
use crate::lifecycle::Correction;
use crate::policy::Item;
use crate::ticket::{Channel, TicketId};

/// Correct a ticket: title, description, customer, e-mail, tier, channel,
/// category, priority, tags
///
/// Each edit is one event on the ticket's timeline saying who changed which
/// fields, from what to what, and why. On a terminal with no field given,
/// each field is asked for with its current value as the answer.
///
/// A priority, tier, category, channel or tag change can hand the ticket
/// to another SLA rule; such an edit needs --reason. The clocks keep what
/// they measured: time spent waiting on the customer stays out, a breach
/// already reached stays, and the new rule's targets count from the clock's
/// start but never fall due before the edit.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc edit 12 --title 'Refund of order 5521 not received'\n  esc edit 12 --priority urgent --reason 'outage confirmed for this account'\n  esc edit 12 --tag vip --untag trial\n  esc edit 12 --email maria@example.com\n  esc edit 12 --no-email      (the customer hears nothing more)\n  esc edit 12                 (on a terminal: asks for each field)"
)]
pub struct Args {
    /// The ticket: its number, as in 12 or #12
    #[arg(value_parser = crate::cli::ticket_id)]
    pub id: TicketId,

    /// A new title
    #[arg(long, short)]
    pub title: Option<String>,

    /// A new description (an empty one removes it)
    #[arg(long, short)]
    pub description: Option<String>,

    /// Who the customer is: a name or an account id
    #[arg(long, short)]
    pub customer: Option<String>,

    /// The customer's e-mail address, where the policy's customer updates go
    #[arg(long, value_name = "ADDRESS", conflicts_with = "no_email")]
    pub email: Option<String>,

    /// Forget the customer's e-mail address
    #[arg(long)]
    pub no_email: bool,

    /// The customer's tier, from the policy
    #[arg(long)]
    pub tier: Option<String>,

    /// Where the customer reached us
    #[arg(long, value_parser = crate::cli::choice::<Channel>())]
    pub channel: Option<Channel>,

    /// The decision category, from the policy
    #[arg(long)]
    pub category: Option<String>,

    /// The priority, from the policy
    #[arg(long, short)]
    pub priority: Option<String>,

    /// Add a tag; repeat for more
    #[arg(long = "tag", value_name = "TAG")]
    pub add_tags: Vec<String>,

    /// Remove a tag; repeat for more
    #[arg(long = "untag", value_name = "TAG")]
    pub remove_tags: Vec<String>,

    /// Copy an address on what the customer is sent; repeat for more
    #[arg(long = "cc", value_name = "ADDRESS")]
    pub add_cc: Vec<String>,

    /// Stop copying an address; repeat for more
    #[arg(long = "uncc", value_name = "ADDRESS")]
    pub remove_cc: Vec<String>,

    /// Why: kept on the timeline; needed when the SLA rule changes
    #[arg(long, short)]
    pub reason: Option<String>,
}

impl Args {
    fn correction(self) -> Correction {
        Correction {
            title: self.title,
            description: self.description,
            customer: self.customer,
            email: match (self.email, self.no_email) {
                (Some(address), _) => Some(Some(address)),
                (None, true) => Some(None),
                (None, false) => None,
            },
            tier: self.tier,
            channel: self.channel,
            category: self.category,
            priority: self.priority,
            add_tags: self.add_tags,
            remove_tags: self.remove_tags,
            add_cc: self.add_cc,
            remove_cc: self.remove_cc,
            reason: self.reason,
        }
    }
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let id = args.id;
    let mut correction = args.correction();
    if is_empty(&correction) {
        if !ctx.prompt.is_interactive() {
            return Err(
                EscError::usage("nothing to change: give the fields to correct")
                    .with_hint(format!(
                        "for example `esc edit {id} --priority high --reason '...'`; \
                     `esc edit --help` lists every field"
                    ))
                    .into(),
            );
        }
        correction = ask(ctx, id, correction.reason)?;
    }
    let applied = ctx.act(id, |act, t| act.edit(t, &correction))?;
    ctx.changed(&applied, &sentence(&applied))
}

fn is_empty(c: &Correction) -> bool {
    c.title.is_none()
        && c.description.is_none()
        && c.customer.is_none()
        && c.email.is_none()
        && c.tier.is_none()
        && c.channel.is_none()
        && c.category.is_none()
        && c.priority.is_none()
        && c.add_tags.is_empty()
        && c.remove_tags.is_empty()
        && c.add_cc.is_empty()
        && c.remove_cc.is_empty()
}

/// Each field, with what the ticket says now as the answer already given.
fn ask(ctx: &mut Ctx, id: TicketId, reason: Option<String>) -> Result<Correction> {
    let t = ctx.queue()?.ticket(id)?;
    let active = ctx.policy_to_write()?;
    let policy = &active.policy;
    let p = &ctx.prompt;
    let channels = Item::channels();
    let changed = |now: &str, answer: String| (answer != now).then_some(answer);
    let mut c = Correction {
        title: changed(&t.title, p.edit("Title", &t.title)?),
        customer: changed(&t.customer, p.edit("Customer", &t.customer)?),
        ..Correction::default()
    };
    let email = p.edit_optional("Customer e-mail", t.email.as_deref().unwrap_or(""))?;
    if email.as_str() != t.email.as_deref().unwrap_or("") {
        c.email = Some((!email.is_empty()).then_some(email));
    }
    c.priority = changed(
        &t.priority,
        p.pick("Priority", &policy.priorities, &t.priority)?,
    );
    c.tier = changed(&t.tier, p.pick("Tier", &policy.tiers, &t.tier)?);
    c.category = changed(
        &t.category,
        p.pick("Category", &policy.categories, &t.category)?,
    );
    c.channel = changed(
        t.channel.as_str(),
        p.pick("Channel", &channels, t.channel.as_str())?,
    )
    .map(|text| text.parse().expect("picked from the channels"));
    let tags = p.edit_optional("Tags (separated by spaces)", &t.tags.join(" "))?;
    let tags: Vec<String> = tags.split_whitespace().map(str::to_string).collect();
    c.add_tags = tags.iter().filter(|tag| !t.has_tag(tag)).cloned().collect();
    c.remove_tags = t
        .tags
        .iter()
        .filter(|tag| !tags.contains(tag))
        .cloned()
        .collect();
    if is_empty(&c) {
        return Ok(c);
    }
    c.reason = match reason {
        Some(reason) => Some(reason),
        None => Some(p.optional(None, "Why (kept on the timeline)")?),
    };
    Ok(c)
}

/// What the command says it did: the fields it changed, as they are now.
fn sentence(applied: &crate::store::Applied) -> String {
    let id = applied.ticket.id;
    let edits = applied.events.iter().find_map(|e| match &e.data.detail {
        Some(crate::event::Detail::Edited(edits)) => Some(edits),
        _ => None,
    });
    let Some(edits) = edits else {
        return format!("#{id} edited");
    };
    if let [only] = edits.as_slice()
        && only.field == crate::event::EditedField::Email
    {
        return match &only.change.to {
            Some(address) => format!("#{id}: the customer's e-mail is now {address}"),
            None => format!("#{id}: the customer's e-mail is removed"),
        };
    }
    let said: Vec<String> = edits
        .iter()
        .map(|e| match (e.field, &e.change.to) {
            (crate::event::EditedField::Description, Some(_)) => {
                "description rewritten".to_string()
            }
            (field, Some(to)) => format!("{field} {}", crate::output::visible(to)),
            (field, None) => format!("{field} removed"),
        })
        .collect();
    format!("#{id} edited: {}", said.join("; "))
}
