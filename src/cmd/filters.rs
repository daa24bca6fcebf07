//! The filters `esc list` and `esc export` share: which tickets, by
//! status, team, level, assignee, priority, category, customer, tag and
//! SLA standing.

use anyhow::Result;

use super::Ctx;
use crate::error::EscError;
use crate::policy::Policy;
use crate::store::TicketFilter;
use crate::ticket::Status;

/// Filters combine: every one given must match.
#[derive(Debug, clap::Args)]
pub struct Filters {
    /// Only tickets in this status; repeat for several
    #[arg(long, short, value_parser = crate::cli::choice::<Status>())]
    pub status: Vec<Status>,

    /// Every ticket, resolved ones too
    #[arg(long, short, conflicts_with = "status")]
    pub all: bool,

    /// Only tickets with this team, by its id in the policy
    #[arg(long)]
    pub team: Option<String>,

    /// Only tickets at this level (e.g. L2)
    #[arg(long, short)]
    pub level: Option<String>,

    /// Only tickets assigned to this person
    #[arg(long, conflicts_with_all = ["mine", "unassigned"])]
    pub assignee: Option<String>,

    /// Only tickets assigned to you (see --as)
    #[arg(long, conflicts_with = "unassigned")]
    pub mine: bool,

    /// Only tickets nobody is assigned to
    #[arg(long)]
    pub unassigned: bool,

    /// Only tickets with this priority
    #[arg(long, short)]
    pub priority: Option<String>,

    /// Only tickets in this category
    #[arg(long)]
    pub category: Option<String>,

    /// Only this customer's tickets: `list` matches part of the name in any case, `export` the exact name
    #[arg(long)]
    pub customer: Option<String>,

    /// Only tickets carrying this tag
    #[arg(long)]
    pub tag: Option<String>,

    /// Only tickets with a breached SLA in their current cycle
    #[arg(long)]
    pub breached: bool,

    /// Only the children of this ticket: the cases of one problem
    #[arg(long, value_name = "ID", value_parser = crate::cli::ticket_id)]
    pub parent: Option<crate::ticket::TicketId>,

    /// Only tickets with an SLA target due within this long (e.g. 2h)
    #[arg(long, value_name = "DURATION", value_parser = crate::duration::parse_span)]
    pub due_within: Option<crate::duration::Span>,
}

impl Filters {
    /// The filter for the store, its policy names checked, with `live`
    /// statuses when neither --status nor --all says otherwise.
    pub fn filter(self, ctx: &Ctx, live: bool) -> Result<TicketFilter> {
        let statuses = match (self.all, self.status.is_empty(), live) {
            (true, _, _) | (false, true, false) => vec![],
            (false, true, true) => vec![Status::Open, Status::Pending, Status::AwaitingSignoff],
            (false, false, _) => self.status,
        };
        let assignee = if self.mine {
            Some(ctx.actor()?)
        } else {
            self.assignee
        };
        for (flag, what, value) in [
            ("--team", Named::Team, &self.team),
            ("--level", Named::Level, &self.level),
            ("--priority", Named::Priority, &self.priority),
            ("--category", Named::Category, &self.category),
        ] {
            if let Some(value) = value {
                defined(ctx, flag, what, value)?;
            }
        }
        Ok(TicketFilter {
            statuses,
            team: self.team,
            level: self.level,
            assignee,
            unassigned: self.unassigned,
            priority: self.priority,
            category: self.category,
            customer: self.customer,
            customer_contains: None,
            search: None,
            tag: self.tag,
            breached_at: self.breached.then_some(ctx.now()),
            sla_due_by: self
                .due_within
                .map(|d| ctx.now() + chrono::Duration::seconds(d.as_secs())),
            opened_in: None,
            parent: self.parent,
        })
    }
}

/// The names a filter can take from the policy.
#[derive(Clone, Copy)]
enum Named {
    Team,
    Level,
    Priority,
    Category,
}

impl Named {
    fn ids(self, p: &Policy) -> Vec<&str> {
        match self {
            Named::Team => p.teams.iter().map(|t| t.id.as_str()).collect(),
            Named::Level => p.levels.iter().map(|i| i.id.as_str()).collect(),
            Named::Priority => p.priorities.iter().map(|i| i.id.as_str()).collect(),
            Named::Category => p.categories.iter().map(|i| i.id.as_str()).collect(),
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Named::Team => "team",
            Named::Level => "level",
            Named::Priority => "priority",
            Named::Category => "category",
        }
    }
}

/// A filter value must be a name the policy defines, or one an earlier
/// version defined (its tickets may still carry it): a typo is a usage
/// error, not an empty list.
fn defined(ctx: &Ctx, flag: &str, what: Named, value: &str) -> Result<()> {
    let current = ctx.policy()?;
    if what.ids(&current).contains(&value) {
        return Ok(());
    }
    let versions = ctx.queue()?.policy_versions()?;
    let earlier = versions.iter().any(|v| {
        Policy::parse(&v.text, "an earlier policy version")
            .is_ok_and(|p| what.ids(&p).contains(&value))
    });
    if earlier {
        return Ok(());
    }
    Err(EscError::usage(format!(
        "unknown {} `{value}` for {flag}; the policy defines: {}",
        what.noun(),
        what.ids(&current).join(", ")
    ))
    .with_hint("`esc policy show` lists everything the policy defines")
    .into())
}
