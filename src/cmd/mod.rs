//! One module per subcommand. Each gathers what it needs from the context,
//! asks the engine, and prints; this module dispatches and holds the context.

pub mod ack;
pub mod assign;
pub mod backup;
pub mod complete;
pub mod completions;
mod config;
pub mod contact;
pub mod csat;
pub mod deescalate;
pub mod demo;
pub mod edit;
pub mod escalate;
pub mod explain;
pub mod export;
pub mod filters;
pub mod import;
pub mod inbox;
pub mod init;
pub mod list;
pub mod man;
pub mod note;
pub mod open;
pub mod outbox;
pub mod pending;
pub mod policy;
mod prompt;
pub mod redact;
mod render;
pub mod reopen;
pub mod report;
pub mod resolve;
pub mod respond;
pub mod resume;
pub mod show;
pub mod signoff;
pub mod simulate;
pub mod tag;
pub mod targets;
pub mod tick;

use std::cell::{Cell, OnceCell, RefCell, RefMut};
use std::io::{IsTerminal, Write};
use std::rc::Rc;

use anyhow::{Context, Result};

use crate::automation::Engine;
use crate::cli::{Cli, Command, Global};
use crate::clock::{self, Instant};
use crate::cmd::prompt::Prompter;
use crate::error::{EscError, Field, field_message};
use crate::event::history;
use crate::lifecycle::{Act, Transition};
use crate::output::Out;
use crate::policy::{DEFAULT_POLICY, Policy, digest_of};
use crate::store::{self, Applied, Applying, Location, PolicyVersion, Store};
use crate::ticket::{Ticket, TicketId};

/// Run one parsed command line, printing to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let global = crate::cmd::config::load()?.under(cli.global)?;
    let mut ctx = Ctx::new(global, Out::new(out), interactive);
    ctx.terminal = std::io::stdout().is_terminal();
    ctx.colour = crate::output::colour(ctx.terminal);
    dispatch(&mut ctx, cli.command)
        .map_err(|e| match ctx.store.get() {
            // Whichever command met it, a fault of the queue's own is
            // told in the store's words, with the file named.
            Some(store) => match store.try_borrow() {
                Ok(store) => damaged(store.location(), e).unwrap_or_else(|e| store.explain(e)),
                Err(_) => e,
            },
            None => e,
        })
        .map_err(name_flags)
}

/// A damaged value the queue holds, told with the queue and the ticket
/// named and what to do (exit 6); any other error back as it was.
fn damaged(location: &Location, e: anyhow::Error) -> Result<anyhow::Error, anyhow::Error> {
    let Some(d) = e.chain().find_map(|c| c.downcast_ref::<store::Damaged>()) else {
        return Err(e);
    };
    Ok(EscError::queue(format!("the queue `{location}`: {d}"))
        .with_hint(format!(
            "the rest of the queue is sound; put ticket #{} right from a backup or an export \
             (`esc backup --check FILE` tells a sound backup), or correct its `{}` in the \
             database itself; nothing was written",
            d.ticket, d.column
        ))
        .into())
}

/// `now finance at L1 (Senior agent), assigned to rita`: where a move on
/// the ladder left the ticket, for the sentence that confirms it.
fn now_at(policy: &crate::policy::Policy, t: &crate::ticket::Ticket) -> String {
    format!(
        "now {} at {}, {}",
        t.team,
        policy.level_label(&t.level),
        t.assignee
            .as_deref()
            .map_or("unassigned".to_string(), |a| format!("assigned to {a}"))
    )
}

/// `; fay, bob will be told`: whom an agent's own change notifies, for
/// the sentence that confirms it; empty when nobody.
fn told(applied: &Applied) -> String {
    let names: Vec<&str> = applied
        .events
        .iter()
        .filter(|e| !e.data.automatic)
        .flat_map(|e| e.data.recipients())
        .map(|r| r.name.as_str())
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("; {} will be told", names.join(", "))
    }
}

/// The engine names the field it found wrong; here it becomes the flag
/// that sets it, so the message says what to type.
fn name_flags(e: anyhow::Error) -> anyhow::Error {
    match e.downcast_ref::<EscError>() {
        Some(EscError::Field {
            field,
            problem,
            hint,
        }) => {
            let mut usage = EscError::usage(field_message(*field, problem, Some(flag(*field))));
            if let Some(hint) = hint {
                usage = usage.with_hint(hint.clone());
            }
            usage.into()
        }
        Some(
            known @ (EscError::Refused {
                message,
                hint: None,
                about: Some(field),
            }
            | EscError::Usage {
                message,
                hint: None,
                about: Some(field),
            }),
        ) => {
            let hint = match field {
                Field::Now => "check --now / ESC_NOW".to_string(),
                // Not `--as`: on a queue file that is trusted, and would
                // turn the sign-off rule into an honour system.
                Field::Actor => {
                    "one of them signs it off, as themselves: `esc signoff ID` run by them"
                        .to_string()
                }
                Field::Level => "add --up or --level to escalate within the team".to_string(),
                Field::Target => "give --team, --up or --level".to_string(),
                other => format!("check {}", flag(*other)),
            };
            let plain = match known {
                EscError::Refused { .. } => EscError::refused(message.clone()),
                _ => EscError::usage(message.clone()),
            };
            plain.with_hint(hint).into()
        }
        _ => e,
    }
}

/// The flag (or argument) that sets a field on the command line.
fn flag(field: Field) -> &'static str {
    match field {
        Field::Title => "--title",
        Field::Customer => "--customer",
        Field::Category => "--category",
        Field::Priority => "--priority",
        Field::Tier => "--tier",
        Field::Note => "the note text",
        Field::Reason => "--reason",
        Field::Summary => "--summary",
        Field::RootCause => "--root-cause",
        Field::Email => "--email",
        Field::Now => "--now",
        Field::Actor => "--as",
        Field::Level => "--level",
        Field::Target => "--team, --up or --level",
    }
}

pub fn dispatch(ctx: &mut Ctx, command: Command) -> Result<()> {
    match command {
        Command::Init(args) => {
            ctx.creates = true;
            init::run(ctx, args)
        }
        Command::Open(args) => open::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Assign(args) => assign::run(ctx, args),
        Command::Note(args) => note::run(ctx, args),
        Command::Edit(args) => edit::run(ctx, args),
        Command::Respond(args) => respond::run(ctx, args),
        Command::Contact(args) => contact::run(ctx, args),
        Command::Pending(args) => pending::run(ctx, args),
        Command::Resume(args) => resume::run(ctx, args),
        Command::Csat(args) => csat::run(ctx, args),
        Command::Tag(args) => tag::run(ctx, args),
        Command::Escalate(args) => escalate::run(ctx, args),
        Command::Deescalate(args) => deescalate::run(ctx, args),
        Command::Resolve(args) => resolve::run(ctx, args),
        Command::Signoff(args) => signoff::run(ctx, args),
        Command::Reopen(args) => reopen::run(ctx, args),
        Command::Tick(args) => tick::run(ctx, args),
        Command::Outbox(args) => outbox::run(ctx, args),
        Command::Inbox(args) => inbox::run(ctx, args),
        Command::Ack(args) => ack::run(ctx, args),
        Command::Report(args) => report::run(ctx, args),
        Command::Backup(args) => backup::run(ctx, args),
        Command::Redact(args) => redact::run(ctx, args),
        Command::Export(args) => export::run(ctx, args),
        Command::Import(args) => {
            ctx.creates = true;
            import::run(ctx, args)
        }
        Command::Policy(command) => policy::run(ctx, command),
        Command::Demo(args) => demo::run(ctx, args),
        Command::Completions(args) => completions::run(ctx, args),
        Command::Complete(args) => {
            ctx.reads_only = true;
            complete::run(ctx, args)
        }
        Command::Man(args) => man::run(ctx, args),
    }
}

/// The queue's policy in force, parsed, and since when.
pub struct Active {
    pub policy: Rc<Policy>,
    /// The stored version: its number, text, who applied it and when.
    pub record: PolicyVersion,
    /// When this version took over; `None` for the first, which has
    /// governed the queue from its start.
    pub since: Option<Instant>,
}

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
    /// The command's instant: `--now`, the queue's clock on a server, or
    /// this host's.
    now: Cell<Instant>,
    pub out: Out<'o>,
    pub prompt: Prompter,
    active: OnceCell<Rc<Active>>,
    /// What reading commands show a queue by that holds no policy.
    reading: OnceCell<Rc<Active>>,
    /// The queue, opened once: the policy and the command's work share it.
    store: OnceCell<RefCell<Box<dyn Store>>>,
    /// Who the server says is connected, read when the queue is opened.
    role: OnceCell<Option<store::DbRole>>,
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
            now: Cell::new(now),
            out,
            prompt: Prompter::new(interactive),
            active: OnceCell::new(),
            reading: OnceCell::new(),
            store: OnceCell::new(),
            role: OnceCell::new(),
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
        self.now.get()
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
        let found = match self.active() {
            Err(e)
                if matches!(
                    e.downcast_ref::<EscError>(),
                    Some(EscError::PolicyState { .. })
                ) && self.store()?.policy_versions()?.is_empty() =>
            {
                crate::output::warn(&format!(
                    "warning: the queue `{}` holds no policy; it is shown by esc's embedded \
                     default until the team applies theirs\nhint: `esc policy apply FILE` \
                     with the policy the team used",
                    self.location()?
                ));
                let policy = Policy::embedded();
                Rc::new(Active {
                    record: PolicyVersion {
                        version: 0,
                        digest: policy.digest.clone(),
                        text: DEFAULT_POLICY.to_string(),
                        applied_by: crate::automation::ACTOR.to_string(),
                        applied_at: crate::clock::from_unix(0),
                        message: Some("none in force: the embedded default, for reading".into()),
                    },
                    policy: Rc::new(policy),
                    since: None,
                })
            }
            other => other?,
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
        if self.role.get().is_none() {
            drop(self.store()?);
        }
        Ok(self.role.get().cloned().flatten().filter(|r| !r.admin))
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

    /// The queue's active policy version, read once. A new, empty queue
    /// adopts the embedded default; a queue upgraded from before policies
    /// were kept in it, whose history another policy made, has none until
    /// the team applies it.
    pub fn active(&self) -> Result<Rc<Active>> {
        if let Some(a) = self.active.get() {
            return Ok(Rc::clone(a));
        }
        let mut store = self.store()?;
        let version = match store.active_policy()? {
            Some(v) => v,
            None if store.has_tickets()? => {
                return Err(EscError::policy_state(format!(
                    "the queue `{}` holds no policy: its tickets were escalated under a policy \
                     other than the embedded default, before esc kept the policy in the queue",
                    store.location()
                ))
                .with_hint(
                    "apply the policy the team used: `esc policy apply FILE` (nothing changes tickets until then)",
                )
                .into());
            }
            None => match store.apply_policy(
                DEFAULT_POLICY,
                &digest_of(DEFAULT_POLICY),
                crate::automation::ACTOR,
                self.now(),
                Some("the embedded default, adopted by a new queue"),
            )? {
                Applying::Applied(v) | Applying::Unchanged(v) => v,
            },
        };
        let policy = Policy::parse(
            &version.text,
            &format!("policy version {}", version.version),
        )
        .map_err(EscError::from)?;
        drop(store);
        let active = Active {
            policy: Rc::new(policy),
            since: (version.version > 1).then_some(version.applied_at),
            record: version,
        };
        Ok(Rc::clone(self.active.get_or_init(|| Rc::new(active))))
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

    /// The queue, opened on first use. One borrow at a time: a command
    /// lets go of it before asking for the policy again.
    pub fn store(&self) -> Result<RefMut<'_, Box<dyn Store>>> {
        if self.store.get().is_none() {
            let location = self.location()?;
            let opened = if self.creates {
                store::open(&location)?
            } else if self.reads_only {
                store::open_to_read(&location)?
            } else {
                store::open_existing(&location)?
            };
            if self.global.now.is_none()
                && let Some(at) = opened.clock()?
            {
                self.now.set(at);
            }
            let _ = self.role.set(opened.db_role().cloned());
            let _ = self.store.set(RefCell::new(opened));
        }
        self.store
            .get()
            .expect("opened above")
            .try_borrow_mut()
            .map_err(|_| {
                anyhow::anyhow!("internal error: the queue is already in use by this command")
            })
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

    /// The person a database role acts as: the one whose `db_role` it is,
    /// or the one of its name.
    fn person_of_role(&self, role: &str) -> Result<String> {
        let mapped = |policy: &Policy| {
            policy
                .people
                .iter()
                .find(|(_, p)| p.db_role.as_deref() == Some(role))
                .map(|(name, _)| name.clone())
        };
        // Read without adopting anything: a new queue has no mapping yet.
        let found = match self.active.get() {
            Some(active) => mapped(&active.policy),
            None => {
                let stored = self.store()?.active_policy()?;
                match stored {
                    Some(v) => Policy::parse(&v.text, &format!("policy version {}", v.version))
                        .ok()
                        .and_then(|p| mapped(&p)),
                    None => None,
                }
            }
        };
        Ok(found.unwrap_or_else(|| role.to_string()))
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
    /// at `now`, with the automation around it, in one transaction.
    pub fn act<F>(&mut self, id: TicketId, change: F) -> Result<Applied>
    where
        F: Fn(&Act, &Ticket) -> Result<Transition, EscError>,
    {
        let actor = self.actor()?;
        let active = self.policy_to_write()?;
        let policy = &active.policy;
        let act = Act {
            policy,
            actor: &actor,
            now: self.now(),
        };
        let engine = Engine::new(policy, self.now()).since(active.since);
        // A server may run the transaction again after a conflict: the
        // change is decided afresh from the ticket as it then stands.
        let applied = self.store()?.update(id, &mut |t, log| {
            engine.around(t, history(log), |t| change(&act, t))
        })?;
        self.deliver_in_background(&applied, policy);
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
        let reachable = applied
            .events
            .iter()
            .flat_map(|e| e.data.recipients())
            .any(|r| crate::delivery::reachable(policy.people.get(&r.name), &r.name).is_ok())
            || (!applied.customers.is_empty() && policy.delivery.smtp.is_some());
        if !reachable {
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
