//! The first page of `esc list`, most urgent first, without ranking every
//! live ticket. Urgency ranks by status, then by whether an SLA is
//! breached or past due, then by the policy's order of priorities, then by
//! the SLA due soonest, then by level and category in the policy's orders,
//! then the oldest. Ranks that come from the policy cannot be kept in an
//! index (a new policy reorders them), but the values they rank can: one
//! index on (status, breach, priority, SLA due, level, category, opened)
//! splits the queue into blocks that each read out in urgency order. The
//! blocks are visited from the most urgent down, the few values present
//! found by seeking the index, and the visit stops once a page is full, so
//! the cost follows the page, not the queue. The engines answer the two
//! questions asked of a block; the order is decided here, once.

use std::cmp::Reverse;

use anyhow::Result;

use crate::clock::Instant;
use crate::lifecycle::Urgency;
use crate::ticket::{Status, Ticket, TicketId};

/// Which SLA due times a block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sla {
    Any,
    /// A clock is running (any due time).
    Running,
    /// A clock is running and was due by then: past due, breach not yet
    /// recorded.
    DueBy(Instant),
    /// A clock is running and due after then.
    DueAfter(Instant),
    /// No clock is running.
    None,
}

/// Tickets alike in everything urgency ranks before the due time and, for
/// those without a running clock, in level and category too.
#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    pub status: Status,
    /// A breach is recorded this cycle (`breached_at` is set).
    pub breached: bool,
    pub priority: Option<&'a str>,
    pub sla: Sla,
    pub level: Option<&'a str>,
    pub category: Option<&'a str>,
}

/// A column whose values `next_value` walks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Priority,
    Level,
    Category,
}

impl Column {
    /// Its name in the tickets table, the same in both engines.
    pub fn name(self) -> &'static str {
        match self {
            Column::Priority => "priority",
            Column::Level => "level",
            Column::Category => "category",
        }
    }
}

/// What an engine answers about a block, each through its index.
pub trait Blocks {
    /// The least value of `column` above `after` (or the least, without)
    /// among the block's tickets.
    fn next_value(
        &self,
        block: &Block,
        column: Column,
        after: Option<&str>,
    ) -> Result<Option<String>>;

    /// At most `limit` of the block's tickets in urgency order: by due
    /// time, level, category, opening and id; with no clock running (and
    /// so one level and category) by opening and id.
    fn most_urgent(&self, block: &Block, order: &Urgency, limit: usize) -> Result<Vec<Ticket>>;
}

/// Whether `first_page` can answer for `filter`: statuses, and perhaps
/// breaches at the instant urgency is judged, and nothing else. Any other
/// condition makes a set the engine's plain sort serves better.
pub fn serves(filter: &super::TicketFilter, order: &Urgency, limit: Option<usize>) -> bool {
    let super::TicketFilter {
        statuses: _,
        team,
        level,
        assignee,
        unassigned,
        priority,
        category,
        customer,
        customer_contains,
        search,
        tag,
        breached_at,
        sla_due_by,
        opened_in,
        parent,
    } = filter;
    let nothing_else = [team, level, assignee, priority, category, customer]
        .iter()
        .all(|f| f.is_none())
        && [customer_contains, search, tag].iter().all(|f| f.is_none())
        && !unassigned
        && sla_due_by.is_none()
        && opened_in.is_none()
        && parent.is_none();
    nothing_else && breached_at.is_none_or(|at| at == order.now) && limit.is_some_and(|l| l > 0)
}

/// The `limit` most urgent tickets among those with one of `statuses` (all
/// when empty), only breached or past-due ones if `breached`, as the
/// engines' full sort ranks them.
pub fn first_page(
    blocks: &dyn Blocks,
    statuses: &[Status],
    breached: bool,
    order: &Urgency,
    limit: usize,
) -> Result<Vec<Ticket>> {
    let mut statuses = if statuses.is_empty() {
        vec![
            Status::Open,
            Status::Pending,
            Status::AwaitingSignoff,
            Status::Resolved,
            Status::Merged,
        ]
    } else {
        statuses.to_vec()
    };
    statuses.sort_by_key(|s| status_rank(*s));
    statuses.dedup();
    let mut page = Vec::new();
    let now = order.now;
    for status in statuses {
        for overdue in [true, false] {
            if breached && !overdue {
                continue;
            }
            // Overdue: a breach recorded, or a running clock past due
            // that no tick has recorded yet. Neither: no breach, and any
            // running clock due later.
            let (with_clock, without): (&[(bool, Sla)], bool) = if overdue {
                (&[(true, Sla::Running), (false, Sla::DueBy(now))], true)
            } else {
                (&[(false, Sla::DueAfter(now))], false)
            };
            let base = Block {
                status,
                breached: overdue,
                priority: None,
                sla: Sla::Any,
                level: None,
                category: None,
            };
            // Seeking values among all unbreached tickets rather than the
            // past-due ones keeps every seek on the index; a priority with
            // none past due costs one more empty read.
            let bases: Vec<Block> = if overdue {
                vec![
                    base,
                    Block {
                        breached: false,
                        ..base
                    },
                ]
            } else {
                vec![base]
            };
            let priorities = values(blocks, &bases, Column::Priority)?;
            for same in ranked(priorities, &order.priorities, false) {
                let mut found = Vec::new();
                for priority in &same {
                    for &(breach, sla) in with_clock {
                        let block = Block {
                            breached: breach,
                            priority: Some(priority),
                            sla,
                            ..base
                        };
                        found.extend(blocks.most_urgent(&block, order, limit - page.len())?);
                    }
                }
                if take(&mut page, found, order, limit) {
                    return Ok(page);
                }
                // No clock running: these follow every ticket of the
                // priority with one, ranked by level, category, age.
                let idle: Vec<Block> = same
                    .iter()
                    .map(|p| Block {
                        breached: without,
                        priority: Some(p),
                        sla: Sla::None,
                        ..base
                    })
                    .collect();
                let levels = values(blocks, &idle, Column::Level)?;
                for at in ranked(levels, &order.levels, true) {
                    let idle: Vec<Block> = idle
                        .iter()
                        .flat_map(|b| {
                            at.iter().map(|l| Block {
                                level: Some(l),
                                ..*b
                            })
                        })
                        .collect();
                    let categories = values(blocks, &idle, Column::Category)?;
                    for kind in ranked(categories, &order.categories, false) {
                        let mut found = Vec::new();
                        for b in &idle {
                            for c in &kind {
                                let block = Block {
                                    category: Some(c),
                                    ..*b
                                };
                                found.extend(blocks.most_urgent(
                                    &block,
                                    order,
                                    limit - page.len(),
                                )?);
                            }
                        }
                        if take(&mut page, found, order, limit) {
                            return Ok(page);
                        }
                    }
                }
            }
        }
    }
    Ok(page)
}

/// Add the most urgent of `found` to `page`, up to `limit`; whether it is
/// full.
fn take(page: &mut Vec<Ticket>, mut found: Vec<Ticket>, order: &Urgency, limit: usize) -> bool {
    found.sort_by_cached_key(|t| key(order, t));
    found.truncate(limit - page.len());
    page.extend(found);
    page.len() >= limit
}

/// Every value of `column` among the tickets of any of `blocks`, by
/// seeking the index from one to the next.
fn values(blocks: &dyn Blocks, of: &[Block], column: Column) -> Result<Vec<String>> {
    let mut all = std::collections::BTreeSet::new();
    for block in of {
        let mut after: Option<String> = None;
        while let Some(v) = blocks.next_value(block, column, after.as_deref())? {
            all.insert(v.clone());
            after = Some(v);
        }
    }
    Ok(all.into_iter().collect())
}

/// `present` in groups of equal rank, most urgent group first: a value's
/// rank is its place in `policy`, and values the policy does not name
/// share the rank after the last. `higher_first` for levels, where the
/// higher ranks first.
fn ranked(present: Vec<String>, policy: &[String], higher_first: bool) -> Vec<Vec<String>> {
    let mut groups: std::collections::BTreeMap<i64, Vec<String>> = Default::default();
    for v in present {
        let r = rank(policy, &v) as i64;
        groups
            .entry(if higher_first { -r } else { r })
            .or_default()
            .push(v);
    }
    groups.into_values().collect()
}

fn rank(policy: &[String], value: &str) -> usize {
    policy
        .iter()
        .position(|v| v == value)
        .unwrap_or(policy.len())
}

fn status_rank(s: Status) -> u8 {
    match s {
        Status::Open => 0,
        Status::Pending => 1,
        Status::AwaitingSignoff => 2,
        Status::Resolved | Status::Merged => 3,
    }
}

/// Where `t` stands in urgency order: the engines' ORDER BY, in Rust.
#[allow(clippy::type_complexity)]
pub fn key(
    order: &Urgency,
    t: &Ticket,
) -> (
    u8,
    bool,
    usize,
    bool,
    Option<Instant>,
    Reverse<usize>,
    usize,
    Instant,
    TicketId,
) {
    let overdue = t.due.breached_at.is_some() || t.due.sla_at.is_some_and(|s| s <= order.now);
    (
        status_rank(t.status),
        !overdue,
        rank(&order.priorities, &t.priority),
        t.due.sla_at.is_none(),
        t.due.sla_at,
        Reverse(rank(&order.levels, &t.level)),
        rank(&order.categories, &t.category),
        t.opened_at,
        t.id,
    )
}
