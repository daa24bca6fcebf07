//! `esc outbox`: the notifications the queue holds for people.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;

use super::Ctx;
use crate::clock::ago;
use crate::cmd::render;
use crate::delivery::Failure;
use crate::error::EscError;
use crate::outbox::{Audience, Delivery, Notification};

/// List notifications waiting to be delivered, and those given up on
///
/// Every rule that says `notify` leaves one notification per person in the
/// queue's outbox, written together with the event that asked for it, so
/// none is lost and none is queued twice. Delivered ones are kept too.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc outbox\n  esc outbox --all --json\n  esc outbox deliver      (esc tick does this too)"
)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,

    /// Delivered notifications too
    #[arg(long, short)]
    pub all: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Deliver the notifications that are due, now
    ///
    /// Each is held (leased) while it is sent, so that an overlapping tick
    /// or deliverer never sends it too. What fails is retried 1, 2, 4 ...
    /// minutes later, and given up on after the policy's `delivery.attempts`.
    #[command(after_help = "Examples:\n  esc outbox deliver\n  esc outbox deliver --json")]
    Deliver,
    /// Put notifications back in line: those given up on (after fixing how
    /// their person is reached), or waiting ones, to try them now
    #[command(
        after_help = "Examples:\n  esc outbox retry 7\n  esc outbox retry 7 8 9\n  esc outbox retry --failed && esc outbox deliver"
    )]
    Retry {
        /// The notifications' ids, as `esc outbox` lists them
        #[arg(required_unless_present = "failed", conflicts_with = "failed")]
        ids: Vec<i64>,
        /// Every notification given up on
        #[arg(long)]
        failed: bool,
    },
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    if args.action.is_some() {
        ctx.owner_only("delivering notifications")?;
    }
    if let Some(Action::Retry { ids, failed }) = args.action {
        let ids = if failed {
            let given_up: Vec<i64> = ctx
                .store()?
                .outbox(false)?
                .into_iter()
                .filter(|n| n.status == Delivery::Failed)
                .map(|n| n.id)
                .collect();
            if given_up.is_empty() {
                writeln!(ctx.out, "no notification was given up on: nothing to retry")?;
                return Ok(());
            }
            given_up
        } else {
            ids
        };
        return super::targets::each_of(ctx, "notifications", &ids, retry);
    }
    if let Some(Action::Deliver) = args.action {
        let policy = ctx.policy_to_write()?.policy.clone();
        let done = deliver(ctx, &policy)?;
        if ctx.json() {
            return ctx.out.json(&done);
        }
        match done.summary() {
            Some(line) => writeln!(ctx.out, "{line}")?,
            None if done.unreachable.is_empty() && done.quiet.is_empty() => {
                writeln!(ctx.out, "nothing to deliver")?
            }
            None => {}
        }
        for (who, n, until) in &done.quiet {
            writeln!(
                ctx.out,
                "{n} for {who} wait for their hours to begin, at {}",
                crate::clock::rfc3339(*until)
            )?;
        }
        let all = done.unreachable.iter().map(|(who, n, _)| (who, *n));
        for line in Delivered::unreachable_lines(all) {
            writeln!(ctx.out, "{line}")?;
        }
        return Ok(());
    }
    let held = ctx.store()?.outbox(args.all)?;
    if ctx.json() {
        return ctx.out.json(&held);
    }
    if held.is_empty() {
        let what = if args.all {
            "no notification"
        } else {
            "nothing waits for delivery"
        };
        writeln!(ctx.out, "the outbox is empty: {what}")?;
        return Ok(());
    }
    let mut table = render::table([
        "ID",
        "TICKET",
        "FOR",
        "VIA ROLE",
        "QUEUED",
        "STATUS",
        "ATTEMPTS",
        "LAST ERROR",
    ]);
    for n in &held {
        table.add_row(render::row([
            n.id.to_string(),
            format!("#{}", n.ticket),
            render::recipient(n),
            match n.audience {
                Audience::Customer => {
                    format!("update {}", render::dash(n.recipient.role.as_deref()))
                }
                Audience::Person => render::dash(n.recipient.role.as_deref()),
            },
            ago(n.queued_at, ctx.now()),
            match n.status {
                Delivery::Sent => format!(
                    "sent {}",
                    n.sent_at.map_or_else(String::new, |at| ago(at, ctx.now()))
                ),
                other => other.to_string(),
            },
            n.attempts.to_string(),
            n.last_error.clone().unwrap_or_else(|| "—".into()),
        ]));
    }
    writeln!(ctx.out, "{table}")?;
    let waiting = held
        .iter()
        .filter(|n| n.status == Delivery::Pending)
        .count();
    let failed = held.iter().filter(|n| n.status == Delivery::Failed).count();
    writeln!(ctx.out, "{waiting} waiting, {failed} given up on")?;
    Ok(())
}

/// What one round of delivery did.
#[derive(Debug, Default, serde::Serialize)]
pub struct Delivered {
    pub sent: Vec<i64>,
    /// Failed this time, tried again later: (id, person, error).
    pub retrying: Vec<(i64, String, String)>,
    /// Failed for the last time: (id, person, error).
    pub failed: Vec<(i64, String, String)>,
    /// Not tried: the policy gives no way to reach these people: (person,
    /// how many wait, why).
    pub unreachable: Vec<(String, usize, String)>,
    /// Of those, how many waited for that reason for the first time, by
    /// person: news for the tick's summary, unlike the ones told before.
    pub newly_unreachable: Vec<(String, usize)>,
    /// Not tried: outside these people's hours: (person, how many wait,
    /// until when).
    pub quiet: Vec<(String, usize, crate::clock::Instant)>,
}

impl Delivered {
    fn unreachable(&mut self, who: String, held: crate::store::Deferred, why: String) {
        if held.first > 0 {
            self.newly_unreachable.push((who.clone(), held.first));
        }
        self.unreachable.push((who, held.all, why));
    }

    /// What the tick says of people it could not reach: only of
    /// notifications held for the first time, so that cron does not mail
    /// the same news on every run.
    pub fn newly_unreachable_lines(&self) -> Vec<String> {
        Self::unreachable_lines(self.newly_unreachable.iter().map(|(who, n)| (who, *n)))
    }

    fn unreachable_lines<'a>(held: impl Iterator<Item = (&'a String, usize)>) -> Vec<String> {
        let mut by: BTreeMap<&String, usize> = BTreeMap::new();
        for (who, n) in held {
            *by.entry(who).or_default() += n;
        }
        by.into_iter()
            .map(|(who, n)| {
                format!(
                    "{n} notification{} for {who} wait{}: the policy gives no way to reach {who} (add [people.{who}] with an email, a webhook, a command or a mailbox)",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "s" } else { "" }
                )
            })
            .collect()
    }

    /// One line for a person (and for cron's mail), or `None` if nothing
    /// was attempted. People the policy cannot reach are not news on every
    /// tick: `esc outbox` and `esc show` say so.
    pub fn summary(&self) -> Option<String> {
        if self.sent.is_empty() && self.retrying.is_empty() && self.failed.is_empty() {
            return None;
        }
        let mut line = format!(
            "delivered {} notification{}",
            self.sent.len(),
            if self.sent.len() == 1 { "" } else { "s" }
        );
        if !self.retrying.is_empty() {
            line.push_str(&format!("; {} to retry", self.retrying.len()));
        }
        for (id, who, why) in &self.failed {
            line.push_str(&format!("; gave up on #{id} for {who}: {why}"));
        }
        Some(line)
    }
}

/// One attempt at telling a person of `parcel` (one notification, or a
/// digest): each message is written now, from the ticket as it stands and
/// the event that asked for it.
fn to_person(
    ctx: &Ctx,
    policy: &crate::policy::Policy,
    parcel: &[Notification],
    attempt: &crate::delivery::Attempt,
) -> Result<Result<(), Failure>> {
    let mut messages = Vec::with_capacity(parcel.len());
    for n in parcel {
        let (ticket, events) = ctx.store()?.ticket_with_events(n.ticket)?;
        match events.iter().find(|e| e.id == n.event) {
            Some(event) => messages.push(crate::delivery::message(policy, &ticket, event, n)),
            None => {
                return Ok(Err(Failure::Failed(format!(
                    "event {} of ticket #{} is gone",
                    n.event, n.ticket
                ))));
            }
        }
    }
    let message = match messages.as_slice() {
        [one] => one.clone(),
        several => crate::delivery::digest(several),
    };
    let key = crate::delivery::Key::of(parcel);
    let person = policy.people.get(&key.recipient);
    Ok(crate::delivery::send(person, &key, &message, attempt))
}

/// Put notification `id` back in line, and say so.
fn retry(ctx: &mut Ctx, id: i64) -> Result<()> {
    let n = ctx
        .store()?
        .retry_notification(id, ctx.now())?
        .ok_or_else(|| {
            EscError::usage(format!("no notification {id} in the outbox"))
                .with_hint("`esc outbox --all` lists them with their ids")
        })?;
    if n.status == Delivery::Sent {
        return Err(EscError::refused(format!(
            "notification {id} was delivered to {} already",
            n.recipient.name
        ))
        .into());
    }
    if ctx.json() {
        return ctx.out.json(&n);
    }
    writeln!(
        ctx.out,
        "notification {id} for {} goes out at the next delivery (esc outbox deliver, or esc tick)",
        n.recipient.name
    )?;
    Ok(())
}

/// Deliver every notification due by `ctx.now()`, in leased batches.
pub fn deliver(ctx: &Ctx, policy: &crate::policy::Policy) -> Result<Delivered> {
    const BATCH: usize = 10;
    let attempt = crate::delivery::Attempt::new(&policy.delivery, ctx.now());
    let since = ctx.active()?.since;
    // A batch is held a minute past the longest its attempts can take in
    // all (each is stopped at the timeout, whatever the receiver does), so
    // no other deliverer takes a row while this one may still send it;
    // one killed mid-send lets go of its batch by then.
    let held_for =
        chrono::Duration::seconds(BATCH as i64 * policy.delivery.timeout.as_secs().max(1) + 60);
    // The deliverer's clock: the command's instant, moved on by the time
    // delivery has taken, so that each batch is held from when it is
    // taken and each delivery dated when it was accepted.
    let started = std::time::Instant::now();
    let clock = || {
        crate::clock::truncate(
            ctx.now() + chrono::Duration::from_std(started.elapsed()).unwrap_or_default(),
        )
    };
    let mut done = Delivered::default();
    // People the policy gives no way to reach: their notifications wait,
    // looked at again in an hour (the policy may say by then), without
    // counting attempts or reading a ticket.
    let later = ctx.now() + chrono::Duration::hours(1);
    let due = ctx.store()?.due_recipients(ctx.now())?;
    for who in due {
        let person = policy.people.get(&who);
        if let Err(Failure::Unreachable(why)) = crate::delivery::reachable(person, &who) {
            let held = ctx
                .store()?
                .defer_recipient(&who, ctx.now(), later, &why, false)?;
            done.unreachable(who, held, why);
        } else if let Some(until) = crate::delivery::quiet_until(policy, person, ctx.now()) {
            // Their quiet hours: what is not urgent waits for them to begin
            // work, and is not an attempt.
            let why = format!(
                "{who}'s quiet hours, until {}",
                crate::clock::rfc3339(until)
            );
            let n = ctx
                .store()?
                .defer_recipient(&who, ctx.now(), until, &why, true)?
                .all;
            if n > 0 {
                done.quiet.push((who, n, until));
            }
        }
    }
    loop {
        let now = clock();
        let held =
            ctx.store()?
                .lease_notifications(now, now + held_for, BATCH, policy.delivery.digest)?;
        if held.is_empty() {
            return Ok(done);
        }
        for parcel in parcels(held, policy.delivery.digest) {
            let outcome = match parcel[0].audience {
                Audience::Customer => crate::delivery::to_customer(&parcel[0], &attempt),
                Audience::Person => to_person(ctx, policy, &parcel, &attempt)?,
            };
            let at = clock();
            let why = match outcome {
                Ok(()) => {
                    // Kept as sent, and on each ticket's timeline, at once,
                    // dated when the receiver took it.
                    ctx.store()?
                        .record_delivery(&parcel, at, &mut |t, log, theirs| {
                            noted(policy, since, at, t, log, theirs)
                        })?;
                    done.sent.extend(parcel.iter().map(|n| n.id));
                    continue;
                }
                // Queued meanwhile for someone the policy gives no way to
                // reach: set aside as above, never an attempt.
                Err(Failure::Unreachable(why)) => {
                    let who = parcel[0].recipient.name.clone();
                    let held = ctx.store()?.defer_recipient(&who, at, later, &why, false)?;
                    done.unreachable(who, held, why);
                    continue;
                }
                Err(Failure::Failed(why)) => why,
            };
            // A digest failed as one: each of its notifications records the
            // same attempt.
            for n in parcel {
                let retry = crate::delivery::retry_at(policy, at, n.attempts + 1);
                ctx.store()?
                    .record_attempt(n.id, at, &Err(why.clone()), retry)?;
                let row = (n.id, n.recipient.name, why.clone());
                if retry.is_some() {
                    done.retrying.push(row);
                } else {
                    done.failed.push(row);
                }
            }
        }
    }
}

/// The `notified` event for the notifications `theirs` of ticket `t`, with
/// the automation around it (a step counted from `notified` may come due),
/// dated when they were delivered, or at the ticket's last change if that
/// is later (another host's clock ran ahead): its log runs forward.
fn noted(
    policy: &crate::policy::Policy,
    since: Option<crate::clock::Instant>,
    now: crate::clock::Instant,
    t: &crate::ticket::Ticket,
    log: &[crate::event::Event],
    theirs: &[&Notification],
) -> Option<crate::lifecycle::Transition> {
    let at = now.max(t.updated_at);
    let act = crate::lifecycle::Act {
        policy,
        actor: crate::automation::ACTOR,
        now: at,
    };
    let sent = theirs.iter().map(|n| n.sent()).collect();
    crate::automation::Engine::new(policy, at)
        .since(since)
        .around(t, crate::event::history(log), |t| act.notified(t, sent))
        .ok()
}

/// The messages a leased batch makes: one per notification, or, with
/// digests, one per person for all of theirs in the batch (the batch is
/// leased a person at a time then). Customers' updates always go alone.
fn parcels(held: Vec<Notification>, digest: bool) -> Vec<Vec<Notification>> {
    let mut parcels: Vec<Vec<Notification>> = Vec::new();
    for n in held {
        match parcels.last_mut() {
            Some(last)
                if digest
                    && n.audience == Audience::Person
                    && last[0].audience == Audience::Person
                    && last[0].recipient.name == n.recipient.name =>
            {
                last.push(n)
            }
            _ => parcels.push(vec![n]),
        }
    }
    parcels
}
