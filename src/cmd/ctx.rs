//! What every command may need: the global options resolved, the clock,
//! the output, and the queue opened at most once. The command line's own
//! rules live here (which flags say who acts, when `--policy` is refused,
//! when an agent's change is handed to a deliverer); what happens to the
//! queue is the application layer's ([`Queue`]).

use std::cell::{Cell, OnceCell};
use std::io::Write;
use std::rc::Rc;

use anyhow::{Context, Result};

use crate::cli::Global;
use crate::clock::{self, Instant};
use crate::cmd::prompt::Prompter;
use crate::error::EscError;
use crate::lifecycle::{Act, Transition};
use crate::output::Out;
use crate::policy::{Policy, digest_of};
use crate::queue::{Access, Active, Queue, Reading};
use crate::store::{self, Applied, Location};
use crate::ticket::{Ticket, TicketId};

/// The policy a what-if view runs, and whether it is a candidate file
/// rather than the queue's own.
pub struct WhatIf {
    pub policy: Rc<Policy>,
    pub since: Option<Instant>,
    pub candidate: bool,
    /// The queue's version in force, for comparison.
    pub active: Rc<Active>,
}

/// What every command may need: the global options resolved, the clock,
/// the output, and the queue's policy loaded at most once.
pub struct Ctx<'o> {
    pub global: Global,
    /// The command's instant until the queue is opened: `--now`, or this
    /// host's clock; then the queue's.
    now: Instant,
    pub out: Out<'o>,
    pub prompt: Prompter,
    /// What reading commands show a queue by that holds no policy.
    reading: OnceCell<Rc<Active>>,
    /// The queue, opened once: the policy and the command's work share it.
    queue: OnceCell<Queue>,
    warned: Cell<bool>,
    /// Whether what an agent's change queues may be handed to a deliverer
    /// in the background (the demo delivers in order instead).
    pub background: bool,
    /// Whether this command may create the queue: `init` and `import`
    /// (into a new queue) do; every other command needs one.
    pub creates: bool,
    /// Whether this command only reads the queue, opened so that it cannot
    /// write (shell completion).
    pub reads_only: bool,
    /// Whether standard output is a terminal: listings print tables there
    /// and values for programs elsewhere.
    pub terminal: bool,
    /// Whether tables may carry esc's own colours: on a terminal, unless
    /// `NO_COLOR` says no (the demo asks for tables without them when its
    /// reader is a file).
    pub colour: bool,
}

impl<'o> Ctx<'o> {
    pub fn new(global: Global, out: Out<'o>, interactive: bool) -> Self {
        // The one place the wall clock is read.
        let now = global
            .now
            .unwrap_or_else(|| clock::truncate(chrono::Utc::now()));
        Ctx {
            global,
            now,
            out,
            prompt: Prompter::new(interactive),
            reading: OnceCell::new(),
            queue: OnceCell::new(),
            warned: Cell::new(false),
            background: true,
            creates: false,
            reads_only: false,
            terminal: false,
            colour: false,
        }
    }

    /// The command's instant. On a server queue it is the server's clock
    /// from the moment the queue is opened, unless `--now` fixed it.
    pub fn now(&self) -> Instant {
        self.queue.get().map_or(self.now, Queue::now)
    }

    pub fn json(&self) -> bool {
        self.global.json
    }

    /// The queue's policy in force, for a command that reads tickets.
    /// Shared, so a command can hold it while it writes to `out`.
    pub fn policy(&self) -> Result<Rc<Policy>> {
        self.check_file(false)?;
        Ok(Rc::clone(&self.for_reading()?.policy))
    }

    /// The policy a reading command shows the queue by: the one in force,
    /// or, on a queue upgraded from before policies were kept in it whose
    /// team has not applied theirs yet, the embedded default, said once.
    /// Writing still waits for the team's policy ([`Ctx::active`]).
    pub fn for_reading(&self) -> Result<Rc<Active>> {
        if let Some(a) = self.reading.get() {
            return Ok(Rc::clone(a));
        }
        let found = match self.queue()?.reading()? {
            Reading::InForce(active) => active,
            Reading::Embedded(active) => {
                crate::output::warn(&format!(
                    "warning: the queue `{}` holds no policy; it is shown by esc's embedded \
                     default until the team applies theirs\nhint: `esc policy apply FILE` \
                     with the policy the team used",
                    self.location()?
                ));
                active
            }
        };
        Ok(Rc::clone(self.reading.get_or_init(|| found)))
    }

    /// The queue's policy in force, for a command that changes tickets:
    /// a different `--policy` given on the command line is refused.
    pub fn policy_to_write(&self) -> Result<Rc<Active>> {
        self.check_file(true)?;
        self.writes_at_the_servers_clock()?;
        self.active()
    }

    /// The database role this command connects as, when it does not own
    /// the queue: the server checks everything it writes.
    pub fn agent_role(&self) -> Result<Option<store::DbRole>> {
        if !matches!(self.location()?, Location::Postgres(_)) {
            return Ok(None);
        }
        Ok(self.queue()?.agent_role().cloned())
    }

    /// A role that does not own a server queue writes at the server's
    /// clock: a time of its own choosing would let it answer before a
    /// breach, or bring a week of steps due at once. Reading commands and
    /// dry runs may still look at any instant.
    pub fn writes_at_the_servers_clock(&self) -> Result<()> {
        let Some(role) = self.agent_role()? else {
            return Ok(());
        };
        if self.global.now.is_none() {
            return Ok(());
        }
        Err(EscError::usage(format!(
            "the database role `{}` writes at the server's clock; --now (or ESC_NOW) is for \
             commands that only read, and for --dry-run",
            role.name
        ))
        .with_hint(
            "leave out --now and ESC_NOW; the queue's owner may fix the server's clock for a \
             rehearsal (README, \"Who is acting\")",
        )
        .into())
    }

    /// Refuse an act that is the queue owner's alone (importing, erasing,
    /// applying a policy) to a role that does not own a server queue,
    /// before anything is read: the server would refuse it anyway.
    pub fn owner_only(&self, act: &str) -> Result<()> {
        let Some(role) = self.agent_role()? else {
            return Ok(());
        };
        Err(EscError::queue(format!(
            "{act} is the queue owner's to do; the database role `{}` works tickets",
            role.name
        ))
        .with_hint("connect as the queue's owner role, or ask its administrator (README, \"Who is acting\")")
        .into())
    }

    /// Taking customers' mail in: the queue's owner does, or on a server
    /// the role of the mail gateway (docs/postgres-gateway.sql), whose
    /// writes the server holds to what customers' mail does.
    pub fn mail_gateway(&self) -> Result<()> {
        match self.agent_role()? {
            Some(role) if !role.gateway => Err(EscError::queue(format!(
                "taking mail in is the mail gateway's to do; the database role `{}` works tickets",
                role.name
            ))
            .with_hint("connect as the gateway's role, which docs/postgres-gateway.sql sets up (README, \"Mail in\")")
            .into()),
            _ => Ok(()),
        }
    }

    /// The queue's active policy version (see [`Queue::active`]).
    pub fn active(&self) -> Result<Rc<Active>> {
        self.queue()?.active()
    }

    /// The policy a what-if view judges by: the file `--policy` /
    /// `ESC_POLICY` names, as if applied now, when it differs from the
    /// queue's; otherwise the queue's policy as it has governed.
    pub fn what_if(&self) -> Result<WhatIf> {
        let active = self.for_reading()?;
        let candidate = match &self.global.policy {
            None => None,
            Some(path) => Some(Policy::load(path).map_err(EscError::from)?),
        };
        Ok(match candidate {
            Some(c) if c.digest != active.policy.digest => WhatIf {
                policy: Rc::new(c),
                since: Some(self.now()),
                candidate: true,
                active,
            },
            _ => WhatIf {
                policy: Rc::clone(&active.policy),
                since: active.since,
                candidate: false,
                active,
            },
        })
    }

    /// A policy file named for a command that does not read one on purpose
    /// is not the queue's policy. Refuse it where it would have changed
    /// tickets (the command line asked for it); otherwise say once that it
    /// is not used (a draft in the shell's environment is no mistake).
    fn check_file(&self, writes: bool) -> Result<()> {
        let Some(path) = &self.global.policy else {
            return Ok(());
        };
        let active = self.active()?;
        let text = std::fs::read_to_string(path).ok();
        if text.is_some_and(|t| digest_of(&t) == active.policy.digest) {
            return Ok(());
        }
        let named = if self.global.policy_from_env {
            "ESC_POLICY names"
        } else {
            "--policy names"
        };
        let shown = path.display();
        if writes && !self.global.policy_from_env {
            return Err(EscError::policy_state(format!(
                "{named} `{shown}`, which is not the queue's policy (version {} is in force); \
                 commands that change tickets use the queue's policy",
                active.record.version
            ))
            .with_hint(format!(
                "`esc policy apply {shown}` makes it the queue's policy; try it first with \
                 `esc tick --dry-run --policy {shown}` or `esc policy explain ID --policy {shown}`"
            ))
            .into());
        }
        if !self.warned.replace(true) {
            crate::output::warn(&format!(
                "warning: {named} `{shown}`, which is not the queue's policy; using version {} of \
                 the queue's\nhint: `esc policy apply {shown}` makes it the queue's policy",
                active.record.version
            ));
        }
        Ok(())
    }

    /// The queue `--db` names, or the default file in the data directory.
    pub fn location(&self) -> Result<Location> {
        if let Some(location) = &self.global.db {
            return Ok(location.clone());
        }
        let dir = dirs::data_dir()
            .ok_or_else(|| {
                EscError::usage("cannot find your data directory to keep the queue in")
                    .with_hint("pass the queue file with --db PATH (or ESC_DB)")
            })?
            .join("esc");
        // Only a command that creates the queue makes its directory.
        if self.creates {
            std::fs::create_dir_all(&dir).with_context(|| {
                format!("cannot create the queue directory `{}`", dir.display())
            })?;
        }
        Ok(Location::file(&dir.join("queue.db")))
    }

    /// The queue, opened on first use.
    pub fn queue(&self) -> Result<&Queue> {
        if let Some(q) = self.queue.get() {
            return Ok(q);
        }
        let access = if self.creates {
            Access::Create
        } else if self.reads_only {
            Access::ReadOnly
        } else {
            Access::Existing
        };
        let opened = Queue::open(&self.location()?, access, self.global.now, self.now)?;
        Ok(self.queue.get_or_init(|| opened))
    }

    /// The opened queue, if a command got that far.
    pub fn opened(&self) -> Option<&Queue> {
        self.queue.get()
    }

    /// Who is acting. On a file: `--as`, `ESC_USER`, or the login name,
    /// trusted (the file's permissions are the boundary). On a server the
    /// database role says: the person the policy maps it to
    /// (`[people.NAME] db_role`), or the person of its own name; only a
    /// role that owns the queue may act for others with `--as`.
    pub fn actor(&self) -> Result<String> {
        let Some(role) = self.agent_role()? else {
            return self.claimed_actor();
        };
        let person = self.person_of_role(&role.name)?;
        match &self.global.actor {
            Some(named) if named.trim() != person => Err(EscError::usage(format!(
                "on this queue the database role `{}` acts as {person}, not as {}",
                role.name,
                named.trim()
            ))
            .with_hint(format!(
                "leave out --as (and ESC_USER), or connect as {}'s own role",
                named.trim()
            ))
            .into()),
            _ => Ok(person),
        }
    }

    fn person_of_role(&self, role: &str) -> Result<String> {
        self.queue()?.person_of_role(role)
    }

    /// Who the command line (or the login) says is acting.
    fn claimed_actor(&self) -> Result<String> {
        let candidates = [
            self.global.actor.clone(),
            std::env::var("USER").ok(),
            std::env::var("LOGNAME").ok(),
            std::env::var("USERNAME").ok(),
        ];
        let name = candidates
            .into_iter()
            .flatten()
            .map(|n| n.trim().to_string())
            .find(|n| !n.is_empty())
            .ok_or_else(|| {
                EscError::usage("cannot tell who is acting")
                    .with_hint("pass --as NAME (or set ESC_USER)")
            })?;
        crate::ticket::check_name(&name).map_err(|e| {
            EscError::usage(format!("cannot act as your login name: {e}"))
                .with_hint("pass --as NAME (or set ESC_USER)")
        })?;
        Ok(name)
    }

    /// Apply one agent action to one ticket under the policy, as the actor,
    /// at `now`, with the automation around it, in one transaction (see
    /// [`Queue::act`]); then hand what it queued to a deliverer.
    pub fn act<F>(&mut self, id: TicketId, change: F) -> Result<Applied>
    where
        F: Fn(&Act, &Ticket) -> Result<Transition, EscError>,
    {
        let actor = self.actor()?;
        let active = self.policy_to_write()?;
        let applied = self.queue()?.act(&actor, id, change)?;
        self.deliver_in_background(&applied, &active.policy);
        Ok(applied)
    }

    /// Hand what a committed change queued to `esc outbox deliver` in a
    /// process of its own, so that the agent's command returns at once
    /// whatever the receivers do; what it cannot send, the next tick does.
    pub fn deliver_in_background(&self, applied: &Applied, policy: &Policy) {
        if applied.queued == 0 || !self.background || !policy.delivery.background {
            return;
        }
        // A role that does not own a server queue does not deliver: the
        // owner's tick (or `esc outbox deliver` under cron) does, with the
        // delivery secrets no agent's host needs.
        if !matches!(self.agent_role(), Ok(None)) {
            return;
        }
        // Nobody the policy can reach yet: a deliverer would only set the
        // notifications aside.
        if !Queue::reaches_someone(applied, policy) {
            return;
        }
        let (Ok(exe), Ok(location), Ok(actor)) =
            (std::env::current_exe(), self.location(), self.actor())
        else {
            return;
        };
        let mut deliverer = std::process::Command::new(exe);
        // The queue through the environment, not the command line: a URL
        // may hold a password, which `ps` would show anyone on the host.
        deliverer
            .env("ESC_DB", location.to_arg())
            .args(["--as", &actor, "--now", &clock::rfc3339(self.now())])
            .args(["outbox", "deliver"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        // Its own process group: a Ctrl-C meant for the agent's terminal
        // does not stop a delivery under way.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut deliverer, 0);
        if let Err(e) = deliverer.spawn() {
            crate::output::warn(&format!(
                "warning: cannot start a deliverer in the background ({e}); the next `esc tick` delivers"
            ));
        }
    }

    /// Report a change: one sentence, or the ticket and its new events as JSON.
    pub fn changed(&mut self, applied: &Applied, sentence: &str) -> Result<()> {
        if self.json() {
            self.out
                .json(&serde_json::json!({ "ticket": applied.ticket, "events": applied.events }))
        } else {
            writeln!(self.out, "{sentence}")?;
            Ok(())
        }
    }
}
