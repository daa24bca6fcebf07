//! A hermetic queue per test: its own directory, queue file and home, and
//! helpers that run `esc` as someone at an instant and check the outcome.

use std::path::{Path, PathBuf};

use serde_json::Value;
use std::process::Command;

pub const DAY: &str = "2026-11-23";

pub struct Queue {
    pub dir: tempfile::TempDir,
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
    pub fn new() -> Self {
        Queue {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A queue whose policy (version 1, in force from the start) is `text`.
    pub fn with_policy(text: &str) -> Self {
        let q = Queue::new();
        std::fs::write(q.path("policy.toml"), text).unwrap();
        q.apply("policy.toml", "2026-01-01T00:00:00Z");
        q
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

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("queue.db")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `esc` with nothing from the outer environment leaking in.
    pub fn bare(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_esc"));
        for var in ["ESC_DB", "ESC_POLICY", "ESC_USER", "ESC_NOW", "NO_COLOR"] {
            cmd.env_remove(var);
        }
        cmd.env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
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
    pub fn on(&self, db: &Path, who: &str, when: &str, args: &[&str]) -> Command {
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
        let q = Queue::new();
        let text = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
        std::fs::write(q.path("policy.toml"), format!("{text}\n{}", extra(&q))).unwrap();
        q.apply("policy.toml", "2026-01-01T00:00:00Z");
        q
    }

    pub fn kinds(&self, id: i64) -> Vec<String> {
        self.events(id)
            .iter()
            .map(|e| e["kind"].as_str().unwrap().to_string())
            .collect()
    }
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

/// The suite's SMTP server. A run without one fails here, never skips.
pub fn smtp() -> Smtp {
    let (Ok(addr), Ok(maildir)) = (
        std::env::var("ESC_TEST_SMTP"),
        std::env::var("ESC_TEST_MAILDIR"),
    ) else {
        panic!(
            "the e-mail tests need a real SMTP server: run `scripts/test`, which installs and starts one (ESC_TEST_SMTP and ESC_TEST_MAILDIR are not set)"
        );
    };
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
    let unique: String = q
        .dir
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("{name}+{}@example.com", unique.to_ascii_lowercase())
}
