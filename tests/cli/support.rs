//! A hermetic queue per test: its own directory, queue and home, and
//! helpers that run `esc` as someone at an instant and check the outcome.
//!
//! The suite runs once per backend: on SQLite files by default, and with
//! `ESC_TEST_BACKEND=postgres` on the server `ESC_TEST_PG` names, each
//! queue a database of its own (`scripts/test` does both).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::Value;
use std::process::Command;

pub const DAY: &str = "2026-11-23";

/// Which engine the suite's queues are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn backend() -> Backend {
    match std::env::var("ESC_TEST_BACKEND").as_deref() {
        Err(_) | Ok("" | "sqlite") => Backend::Sqlite,
        Ok("postgres") => Backend::Postgres,
        Ok(other) => panic!("ESC_TEST_BACKEND is sqlite or postgres, not {other:?}"),
    }
}

/// The server the PostgreSQL run makes its databases on. A run without
/// one fails here, never skips.
pub fn server() -> String {
    std::env::var("ESC_TEST_PG").unwrap_or_else(|_| {
        panic!(
            "the PostgreSQL run needs a server: run `scripts/test`, which installs and starts one (ESC_TEST_PG is not set)"
        )
    })
}

/// A parameter of `ESC_TEST_PG`'s query: `host` (the cluster's directory,
/// where its socket and its TLS authority's `ca.pem` are) or `port`.
pub fn server_param(name: &str) -> String {
    let url = server();
    let query = url.split_once('?').map_or("", |(_, q)| q);
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
        .unwrap_or_else(|| panic!("ESC_TEST_PG has no {name}= (scripts/postgres writes one)"))
        .to_string()
}

/// `ESC_TEST_PG` with its database replaced by `name`.
pub fn database_url(name: &str) -> String {
    let base = server();
    let (before, after) = base.split_once('?').unwrap_or((&base, ""));
    let root = &before[..before.rfind('/').expect("ESC_TEST_PG is postgres://.../DB")];
    format!("{root}/{name}?{after}")
}

/// A connection to the server's `postgres` database, as its superuser.
pub fn admin_client() -> postgres::Client {
    postgres::Client::connect(&server(), postgres::NoTls).unwrap()
}

/// Run administrative SQL on the server's `postgres` database.
pub fn admin(sql: &str) {
    admin_client().batch_execute(sql).unwrap();
}

/// A queue's place that is not a file: a database on the server, dropped
/// with the test's queue.
pub struct Database {
    pub name: String,
}

impl Database {
    pub fn create(dir: &Path, suffix: &str) -> Database {
        let name = format!("{}{suffix}", Database::name_for(dir));
        admin(&format!("CREATE DATABASE {name}"));
        Database { name }
    }

    /// `esc_` and the test directory's unique name.
    fn name_for(dir: &Path) -> String {
        let unique: String = dir
            .file_name()
            .unwrap()
            .to_string_lossy()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        format!("esc_{unique}")
    }

    /// A copy of the database `template` (which nobody may be connected to).
    pub fn copy_of(dir: &Path, suffix: &str, template: &str) -> Database {
        let name = format!("{}{suffix}", Database::name_for(dir));
        admin(&format!("CREATE DATABASE {name} TEMPLATE {template}"));
        Database { name }
    }

    pub fn url(&self) -> String {
        database_url(&self.name)
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&server(), postgres::NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// A parameter of [`Queue::execute`].
pub enum Sql {
    Int(i64),
    Text(String),
}

pub struct Queue {
    pub dir: tempfile::TempDir,
    /// On the PostgreSQL run: the queue's database, and any others made
    /// with [`Queue::another`].
    databases: std::sync::Mutex<Vec<Database>>,
}

/// `09:30` is that time on [`DAY`]; anything with a `T` is taken as given.
pub fn instant(when: &str) -> String {
    if when.contains('T') {
        when.to_string()
    } else {
        format!("{DAY}T{when}:00Z")
    }
}

impl Queue {
    /// A queue made as a team starts one: `esc init`, taking the embedded
    /// default policy as version 1 at the start of the year.
    pub fn new() -> Self {
        let q = Queue::empty();
        q.ok("manager", "2026-01-01T00:00:00Z", &["init"]);
        q
    }

    /// A place for a queue, with none made yet: commands other than `esc
    /// init` and `esc import` refuse it.
    pub fn empty() -> Self {
        let q = Queue {
            dir: tempfile::tempdir().unwrap(),
            databases: Default::default(),
        };
        if backend() == Backend::Postgres {
            let db = Database::create(q.dir.path(), "");
            q.databases.lock().unwrap().push(db);
        }
        q
    }

    /// A queue whose policy (version 1, in force from the start) is `text`.
    pub fn with_policy(text: &str) -> Self {
        let q = Queue::empty();
        q.init_with(text);
        q
    }

    /// `esc init` with the default policy and `extra` after it.
    pub fn init_with_default_and(&self, extra: &str) {
        let text = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
        self.init_with(&format!("{text}\n{extra}"));
    }

    /// `esc init --policy` with `text`, at the start of the year.
    fn init_with(&self, text: &str) {
        std::fs::write(self.path("policy.toml"), text).unwrap();
        self.ok(
            "manager",
            "2026-01-01T00:00:00Z",
            &["--policy", "policy.toml", "init"],
        );
    }

    /// `esc policy apply FILE` (a file in the queue's directory) at `when`.
    pub fn apply(&self, file: &str, when: &str) -> String {
        self.ok("manager", when, &["policy", "apply", file])
    }

    /// A queue under the default ladder with no automation: hours may pass
    /// between commands without anything escalating by itself.
    pub fn manual() -> Self {
        Queue::with_policy(
            &std::fs::read_to_string(repo_file("tests/policies/valid/manual.toml")).unwrap(),
        )
    }

    /// The queue, as `--db` takes it: its file, or its database's URL.
    pub fn db(&self) -> String {
        match backend() {
            Backend::Sqlite => self.file().display().to_string(),
            Backend::Postgres => self.databases.lock().unwrap()[0].url(),
        }
    }

    /// The queue's SQLite file: for the proofs about the file itself,
    /// which the PostgreSQL run leaves out (`file::` in `scripts/test`).
    pub fn file(&self) -> PathBuf {
        assert_eq!(
            backend(),
            Backend::Sqlite,
            "this proof is about the SQLite file; the PostgreSQL run skips file::"
        );
        self.dir.path().join("queue.db")
    }

    /// Another, empty queue on this one's backend: `name` in its
    /// directory, or a new database.
    pub fn another(&self, name: &str) -> String {
        match backend() {
            Backend::Sqlite => self.path(name).display().to_string(),
            Backend::Postgres => self.database(name),
        }
    }

    /// A new, empty database on the suite's server, whatever the backend,
    /// dropped with this queue; its URL.
    pub fn database(&self, name: &str) -> String {
        let suffix: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
        let db = Database::create(self.dir.path(), &format!("_{suffix}"));
        let url = db.url();
        self.databases.lock().unwrap().push(db);
        url
    }

    /// Whether the queue has been made: its file, or its schema.
    pub fn exists(&self) -> bool {
        match backend() {
            Backend::Sqlite => self.file().exists(),
            Backend::Postgres => self.sql_one("SELECT to_regclass('esc_schema') IS NOT NULL"),
        }
    }

    /// Mark the queue as written by a future esc at schema `version`.
    pub fn pretend_newer(&self, version: i64) {
        match backend() {
            Backend::Sqlite => rusqlite::Connection::open(self.file())
                .unwrap()
                .pragma_update(None, "user_version", version)
                .unwrap(),
            Backend::Postgres => {
                let mut client = postgres::Client::connect(&self.db(), postgres::NoTls).unwrap();
                client
                    .execute("UPDATE esc_schema SET version = $1", &[&version])
                    .unwrap();
            }
        }
    }

    /// Run `sql` straight on the queue's database, past esc, as a tool or
    /// an intruder would: `?1`, `?2`... are `params` (written `$1`... for
    /// the server). The rows it changed, or the database's refusal.
    pub fn execute(&self, sql: &str, params: &[Sql]) -> Result<u64, String> {
        match backend() {
            Backend::Sqlite => {
                let conn = rusqlite::Connection::open(self.file()).unwrap();
                let values: Vec<rusqlite::types::Value> = params
                    .iter()
                    .map(|p| match p {
                        Sql::Int(n) => rusqlite::types::Value::Integer(*n),
                        Sql::Text(s) => rusqlite::types::Value::Text(s.clone()),
                    })
                    .collect();
                let mut done = 0;
                // Several statements only without parameters.
                if params.is_empty() {
                    conn.execute_batch(sql).map_err(|e| e.to_string())?;
                    return Ok(conn.changes());
                }
                done += conn
                    .execute(sql, rusqlite::params_from_iter(values))
                    .map_err(|e| e.to_string())?;
                Ok(done as u64)
            }
            Backend::Postgres => {
                let mut client = postgres::Client::connect(&self.db(), postgres::NoTls).unwrap();
                let mut text = sql.to_string();
                for i in (1..=params.len()).rev() {
                    text = text.replace(&format!("?{i}"), &format!("${i}"));
                }
                let refusal = |e: postgres::Error| {
                    e.as_db_error()
                        .map_or(e.to_string(), |d| d.message().to_string())
                };
                if params.is_empty() {
                    client.batch_execute(&text).map_err(refusal)?;
                    return Ok(0);
                }
                let values: Vec<&(dyn postgres::types::ToSql + Sync)> = params
                    .iter()
                    .map(|p| match p {
                        Sql::Int(n) => n as &(dyn postgres::types::ToSql + Sync),
                        Sql::Text(s) => s as &(dyn postgres::types::ToSql + Sync),
                    })
                    .collect();
                client.execute(&text, &values).map_err(refusal)
            }
        }
    }

    /// Whether the store is sound by its engine's own check: SQLite's
    /// integrity check, or on the server, no event or notification whose
    /// ticket is missing.
    pub fn integrity(&self) -> String {
        match backend() {
            Backend::Sqlite => rusqlite::Connection::open(self.file())
                .unwrap()
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap(),
            Backend::Postgres => {
                let orphans: i64 = self.sql_one(
                    "SELECT (SELECT count(*) FROM events e WHERE NOT EXISTS
                                (SELECT 1 FROM tickets t WHERE t.id = e.ticket_id))
                          + (SELECT count(*) FROM outbox o WHERE NOT EXISTS
                                (SELECT 1 FROM events e WHERE e.id = o.event_id))",
                );
                if orphans == 0 {
                    "ok".into()
                } else {
                    format!("{orphans} orphaned rows")
                }
            }
        }
    }

    /// One value from the server queue's database.
    fn sql_one<T: for<'a> postgres::types::FromSql<'a>>(&self, sql: &str) -> T {
        let mut client = postgres::Client::connect(&self.db(), postgres::NoTls).unwrap();
        client.query_one(sql, &[]).unwrap().get(0)
    }

    /// Everything the queue stores, as text: the file's bytes, or every
    /// row of every table on the server. For proofs that something (a
    /// secret) is never stored.
    pub fn stored(&self) -> String {
        match backend() {
            Backend::Sqlite => {
                String::from_utf8_lossy(&std::fs::read(self.file()).unwrap()).into_owned()
            }
            Backend::Postgres => {
                let mut client = postgres::Client::connect(&self.db(), postgres::NoTls).unwrap();
                let mut all = String::new();
                for table in ["tickets", "events", "outbox", "policies", "esc_schema"] {
                    for row in client
                        .query(&format!("SELECT t::text FROM {table} t"), &[])
                        .unwrap()
                    {
                        all.push_str(row.get::<_, &str>(0));
                        all.push('\n');
                    }
                }
                all
            }
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `esc` with nothing from the outer environment leaking in.
    pub fn bare(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_esc"));
        for var in [
            "ESC_DB",
            "ESC_POLICY",
            "ESC_USER",
            "ESC_NOW",
            "ESC_CONFIG",
            "NO_COLOR",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("USER", "tester")
            .current_dir(self.dir.path());
        cmd
    }

    /// `esc --db Q --as WHO --now WHEN ARGS`: the queue's own policy governs.
    pub fn esc(&self, who: &str, when: &str, args: &[&str]) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--db")
            .arg(self.db())
            .args(["--as", who, "--now", &instant(when)]);
        cmd.args(args);
        cmd
    }

    /// `esc --db DB --as WHO --now WHEN ARGS` on another queue file than
    /// this one's (a copy, an import's target).
    pub fn on(&self, db: impl AsRef<OsStr>, who: &str, when: &str, args: &[&str]) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--db")
            .arg(db)
            .args(["--as", who, "--now", &instant(when)]);
        cmd.args(args);
        cmd
    }

    /// Run and insist on success; returns stdout.
    pub fn ok(&self, who: &str, when: &str, args: &[&str]) -> String {
        let out = self.esc(who, when, args).output().unwrap();
        assert!(
            out.status.success(),
            "esc {args:?} failed with {:?}\nstdout: {}\nstderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Run and insist on failure with `code`; returns stderr.
    pub fn fails(&self, who: &str, when: &str, args: &[&str], code: i32) -> String {
        let out = self.esc(who, when, args).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "esc {args:?}: expected exit {code}\nstdout: {}\nstderr: {stderr}",
            String::from_utf8_lossy(&out.stdout)
        );
        stderr
    }

    pub fn json(&self, who: &str, when: &str, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(who, when, &all)).unwrap()
    }

    /// Open a ticket with every required field; returns its id.
    pub fn open(&self, when: &str, title: &str, extra: &[&str]) -> i64 {
        let mut args = vec![
            "open",
            "--quiet",
            "--title",
            title,
            "--customer",
            "acme",
            "--channel",
            "email",
            "--category",
            "technical",
        ];
        args.extend_from_slice(extra);
        self.ok("ann", when, &args).trim().parse().unwrap()
    }

    pub fn ticket(&self, id: i64) -> Value {
        self.json("ann", "23:59", &["show", &id.to_string()])["ticket"].clone()
    }

    pub fn events(&self, id: i64) -> Vec<Value> {
        let v = self.json("ann", "23:59", &["show", &id.to_string()]);
        v["events"].as_array().unwrap().clone()
    }

    /// Every notification in the outbox, delivered or not (`outbox --all`).
    pub fn outbox(&self) -> Vec<Value> {
        self.json("ann", "2026-11-30T00:00:00Z", &["outbox", "--all"])
            .as_array()
            .unwrap()
            .clone()
    }

    /// A queue whose policy is the default with `extra` after it, made
    /// knowing the queue (its directory, for addresses no other test uses).
    pub fn with_default_and(extra: impl FnOnce(&Queue) -> String) -> Queue {
        let q = Queue::empty();
        let text = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
        let extra = extra(&q);
        q.init_with(&format!("{text}\n{extra}"));
        q
    }

    pub fn kinds(&self, id: i64) -> Vec<String> {
        self.events(id)
            .iter()
            .map(|e| e["kind"].as_str().unwrap().to_string())
            .collect()
    }
}

/// Run `cmd`, insist that it succeeds, and return what it printed.
pub fn printed(mut cmd: Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// An automatic event's rule key, with the rule's id in place of the
/// fingerprint it is recorded under: `step:no-reply/senior:c1`.
pub fn rule_by_id(e: &Value) -> Option<String> {
    let rule = e["rule"].as_str()?;
    let source = &e["detail"]["rule"]["source"];
    let Some(id) = source["step"].as_str().or(source["trigger"].as_str()) else {
        return Some(rule.to_string());
    };
    let mut parts = rule.splitn(3, ':');
    let (kind, _, rest) = (parts.next()?, parts.next()?, parts.next()?);
    Some(format!("{kind}:{id}:{rest}"))
}

pub fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A small seeded generator (splitmix64) for the randomised proofs: each
/// prints its seed, and `ESC_TEST_SEED=N` replays a run.
pub struct Rng(u64);

impl Rng {
    pub fn seeded(test: &str) -> Rng {
        let seed = match std::env::var("ESC_TEST_SEED") {
            Ok(s) => s.parse().expect("ESC_TEST_SEED: a number"),
            Err(_) => {
                use std::hash::{BuildHasher, RandomState};
                RandomState::new().hash_one(test)
            }
        };
        say(&format!(
            "{test}: seed {seed} (replay with ESC_TEST_SEED={seed})"
        ));
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

impl From<u64> for Rng {
    fn from(seed: u64) -> Rng {
        Rng(seed)
    }
}

/// A line on the test run's own stderr, past the harness's capture: the
/// proofs' figures and seeds belong in the CI log whether they pass or not.
pub fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// The real SMTP server `scripts/test` starts on loopback, and the Maildir
/// it writes each accepted message to.
pub struct Smtp {
    pub host: String,
    pub port: u16,
    maildir: PathBuf,
}

/// The variables `scripts/test` sets for a server it started; a run
/// without them fails here, saying `why`, never skips.
fn started<const N: usize>(names: [&str; N], why: &str) -> [String; N] {
    names.map(|name| {
        std::env::var(name).unwrap_or_else(|_| {
            panic!(
                "{why}: run `scripts/test`, which installs and starts it ({} not set)",
                names.join(", ")
            )
        })
    })
}

/// The suite's SMTP server. A run without one fails here, never skips.
pub fn smtp() -> Smtp {
    let [addr, maildir] = started(
        ["ESC_TEST_SMTP", "ESC_TEST_MAILDIR"],
        "the e-mail tests need a real SMTP server",
    );
    let (host, port) = addr.rsplit_once(':').expect("ESC_TEST_SMTP is HOST:PORT");
    Smtp {
        host: host.to_string(),
        port: port.parse().expect("ESC_TEST_SMTP's port"),
        maildir: PathBuf::from(maildir),
    }
}

impl Smtp {
    /// The `[delivery.smtp]` table that sends through this server.
    pub fn policy(&self) -> String {
        format!(
            "[delivery.smtp]\nhost = \"{}\"\nport = {}\ntls = \"none\"\nfrom = \"Support desk <esc@desk.example>\"\n",
            self.host, self.port
        )
    }

    /// Every message the server accepted for `rcpt`, as received (the
    /// server adds `X-MailFrom` and `X-RcptTo`), oldest file first.
    pub fn received_by(&self, rcpt: &str) -> Vec<String> {
        let mut found = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(dir) = std::fs::read_dir(self.maildir.join(sub)) else {
                continue;
            };
            for entry in dir {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                let to_rcpt = text
                    .lines()
                    .take_while(|l| !l.is_empty())
                    .any(|l| l.strip_prefix("X-RcptTo: ") == Some(rcpt));
                if to_rcpt {
                    found.push(text);
                }
            }
        }
        found.sort();
        found
    }
}

/// An address no other test uses, so that each reads only its own mail
/// from the shared server.
pub fn address_for(q: &Queue, name: &str) -> String {
    format!("{name}+{}@example.com", unique(q).to_ascii_lowercase())
}

/// A word no other test's queue has: its folder's name, letters and
/// digits only.
fn unique(q: &Queue) -> String {
    q.dir
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Whether every ticket's status, level, team and assignee are where its
/// log's changes lead. `events`: each event's ticket and its from/to pairs
/// for those four fields, in log order; `tickets`: each ticket's four.
pub fn log_agrees(
    events: impl IntoIterator<Item = (i64, [Option<String>; 8])>,
    tickets: impl IntoIterator<Item = (i64, [Option<String>; 4])>,
) -> Result<(), String> {
    let fields = ["status", "level", "team", "assignee"];
    let mut logged: std::collections::HashMap<(i64, usize), Option<String>> = Default::default();
    for (id, sides) in events {
        for (f, field) in fields.iter().enumerate() {
            let (from, to) = (sides[2 * f].clone(), sides[2 * f + 1].clone());
            if from.is_none() && to.is_none() {
                continue;
            }
            let was = logged.get(&(id, f)).cloned().flatten();
            if from != was {
                return Err(format!(
                    "#{id} {field}: an event changes it from {from:?}, the log had {was:?}"
                ));
            }
            logged.insert((id, f), to);
        }
    }
    for (id, now) in tickets {
        for (f, field) in fields.iter().enumerate() {
            let log = logged.get(&(id, f)).cloned().flatten();
            if now[f] != log {
                return Err(format!("#{id} {field}: ticket {:?}, log {log:?}", now[f]));
            }
        }
    }
    Ok(())
}

/// A command at a terminal: its standard input, output and error on a
/// pseudo-terminal, typed at and read from as a person would.
pub struct Terminal {
    master: std::fs::File,
    output: std::sync::mpsc::Receiver<Vec<u8>>,
    /// Everything printed so far, and how much of it `expect` has read.
    pub seen: String,
    read: usize,
    child: std::process::Child,
}

impl Terminal {
    /// Start `cmd` on a new pseudo-terminal of `columns` x 24.
    pub fn spawn(mut cmd: Command, columns: u16) -> Terminal {
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let slave = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(name.to_str().unwrap())
            .unwrap();
        rustix::termios::tcsetwinsize(
            &slave,
            rustix::termios::Winsize {
                ws_row: 24,
                ws_col: columns,
                ws_xpixel: 0,
                ws_ypixel: 0,
            },
        )
        .unwrap();
        cmd.stdin(slave.try_clone().unwrap())
            .stdout(slave.try_clone().unwrap())
            .stderr(slave.try_clone().unwrap());
        // As a login does: a session of its own with the terminal as its
        // controlling one, so Ctrl-C typed between reads still reaches it
        // as SIGINT.
        // SAFETY: between fork and exec only async-signal-safe system
        // calls are made (setsid, ioctl), allocating nothing.
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(&mut cmd, || {
                rustix::process::setsid()?;
                rustix::process::ioctl_tiocsctty(rustix::stdio::stdin())?;
                Ok(())
            });
        }
        let child = cmd.spawn().unwrap();
        drop(slave);
        drop(cmd);
        let master = std::fs::File::from(master);
        let mut reader = master.try_clone().unwrap();
        let (tx, output) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::Read;
            let mut buf = [0; 4096];
            // Reading ends with EIO once the child has closed the terminal.
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Terminal {
            master,
            output,
            seen: String::new(),
            read: 0,
            child,
        }
    }

    /// Wait until `text` is printed after what was expected before; a
    /// command that never prints it fails the test within ten seconds.
    pub fn expect(&mut self, text: &str) {
        loop {
            if let Some(at) = self.seen[self.read..].find(text) {
                self.read += at + text.len();
                return;
            }
            match self.output.recv_timeout(std::time::Duration::from_secs(10)) {
                Ok(bytes) => self.seen.push_str(&String::from_utf8_lossy(&bytes)),
                Err(_) => panic!("never printed {text:?}; printed:\n{:?}", self.seen),
            }
        }
    }

    /// Type `keys`.
    pub fn send(&mut self, keys: &str) {
        use std::io::Write;
        self.master.write_all(keys.as_bytes()).unwrap();
        self.master.flush().unwrap();
    }

    /// Wait for the command to end: its exit code and all it printed,
    /// with the terminal's line endings made plain.
    pub fn finish(mut self) -> (Option<i32>, String) {
        // Everything it prints until it closes the terminal (by ending);
        // one still waiting after ten seconds is killed, and the test fails.
        loop {
            match self.output.recv_timeout(std::time::Duration::from_secs(10)) {
                Ok(bytes) => self.seen.push_str(&String::from_utf8_lossy(&bytes)),
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    let _ = self.child.kill();
                    panic!(
                        "still running, waiting for input? printed:\n{:?}",
                        self.seen
                    );
                }
            }
        }
        let status = self.child.wait().unwrap();
        (status.code(), self.seen.replace("\r\n", "\n"))
    }
}

/// Run `cmd` on a pseudo-terminal of `columns` x 24 with nothing typed;
/// what it printed.
pub fn on_terminal(cmd: Command, columns: u16) -> String {
    let (_, printed) = Terminal::spawn(cmd, columns).finish();
    printed
}

/// The real IMAP server (Dovecot) `scripts/test` starts on loopback: one
/// account whose folders are Maildirs under `mail`, TLS on both ports by
/// a certificate the authority in `ca` signed.
pub struct Imap {
    pub host: String,
    pub tls_port: u16,
    pub starttls_port: u16,
    dir: PathBuf,
}

/// The suite's IMAP server. A run without one fails here, never skips.
pub fn imap() -> Imap {
    let [ports, dir] = started(
        ["ESC_TEST_IMAP", "ESC_TEST_IMAP_DIR"],
        "the mail-fetching tests need a real IMAP server (Dovecot)",
    );
    let parts: Vec<&str> = ports.split_whitespace().collect();
    let [host, tls, starttls] = parts[..] else {
        panic!("ESC_TEST_IMAP is `HOST TLS_PORT STARTTLS_PORT`, not `{ports}`");
    };
    Imap {
        host: host.to_string(),
        tls_port: tls.parse().unwrap(),
        starttls_port: starttls.parse().unwrap(),
        dir: PathBuf::from(dir),
    }
}

/// One folder of the account, for one test alone; its Maildir on disk.
pub struct ImapFolder {
    pub name: String,
    pub maildir: PathBuf,
}

impl Imap {
    /// The server's authority certificate.
    pub fn ca(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    /// A new folder named for `q`, with `-done` beside it; the server's
    /// mail user (not this process's) reads and renames in them.
    pub fn folder(&self, q: &Queue, label: &str) -> ImapFolder {
        use std::os::unix::fs::PermissionsExt;
        let name = format!("{label}-{}", unique(q));
        for folder in [name.clone(), format!("{name}-done")] {
            let root = self.dir.join("mail/support").join(format!(".{folder}"));
            for sub in ["", "new", "cur", "tmp"] {
                let d = root.join(sub);
                std::fs::create_dir_all(&d).unwrap();
                std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o777)).unwrap();
            }
        }
        ImapFolder {
            maildir: self.dir.join("mail/support").join(format!(".{name}")),
            name,
        }
    }

    /// The `[mail.imap]` table that logs in to `folder` on `port` with
    /// `tls`, its password in a file in `q`'s folder; `extra` lines after.
    pub fn policy(
        &self,
        q: &Queue,
        folder: &ImapFolder,
        port: u16,
        tls: &str,
        extra: &str,
    ) -> String {
        let password = q.path("imap-password");
        std::fs::write(&password, "support-secret\n").unwrap();
        format!(
            "[mail.imap]\nhost = \"{}\"\nport = {port}\ntls = \"{tls}\"\nusername = \"support\"\n\
             password_file = \"{}\"\nmailbox = \"{}\"\nca_file = \"{}\"\n{extra}",
            self.host,
            password.display(),
            folder.name,
            self.ca().display()
        )
    }
}

impl ImapFolder {
    /// Leave `message` in the folder as a delivery agent would.
    pub fn deliver(&self, file: &str, message: &str) {
        let tmp = self.maildir.join("tmp").join(file);
        std::fs::write(&tmp, message.replace('\n', "\r\n")).unwrap();
        std::fs::rename(&tmp, self.maildir.join("new").join(file)).unwrap();
    }

    /// The names of the messages in `sub` (new or cur) of this folder, or
    /// of the folder beside it whose name ends in `suffix`.
    pub fn files(&self, suffix: &str, sub: &str) -> Vec<String> {
        let dir = PathBuf::from(format!("{}{suffix}", self.maildir.display())).join(sub);
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Run `cmd` with `input` on its standard input; what it did.
pub fn with_stdin(cmd: &mut Command, input: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}
