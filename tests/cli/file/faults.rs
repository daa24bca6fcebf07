//! Faults of the queue file: each names the file, the problem and the fix,
//! exits 6, and leaves the file (and its directory) exactly as it was.
//!
//! CI runs as root, which ignores file modes, so the permission cases run
//! esc as `nobody` through `setpriv`; the full disk is a small tmpfs,
//! mounted directly as root, or as anyone else in a user namespace. Where
//! the machine can do neither, the test fails and says why: a fault test
//! that passes without its fault proves nothing.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::cli::support::{Queue, instant};

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().expect("`id` runs");
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// `esc` as a user file modes apply to: `nobody` when we are root.
fn unprivileged(q: &Queue, db: &Path, args: &[&str]) -> Output {
    let esc = q.bare();
    let mut cmd = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(esc.get_program());
        for (k, v) in esc.get_envs() {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        c.current_dir("/");
        c
    } else {
        esc
    };
    cmd.arg("--db")
        .arg(db)
        .args(["--as", "ann", "--now", &instant("12:00")])
        .args(args);
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("cannot run esc as an unprivileged user (setpriv from util-linux is needed when root): {e}")
    });
    assert_ne!(
        out.status.code(),
        Some(127),
        "setpriv is missing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Every file in `dir` with its bytes: what "nothing was written" means.
fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A queue with one ticket in its own directory `name` under the test's
/// directory, closed cleanly (no `-wal` or `-shm` left).
fn queue_in(q: &Queue, name: &str) -> PathBuf {
    chmod(q.dir.path(), 0o755);
    let dir = q.path(name);
    std::fs::create_dir(&dir).unwrap();
    let db = dir.join("q.db");
    let init = esc_at(q, &db, &["init", q.path("starter.toml").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(init.status.success(), "{init:?}");
    let out = q
        .bare()
        .arg("--db")
        .arg(&db)
        .args(["--as", "ann", "--now", &instant("09:00")])
        .args([
            "open",
            "--quiet",
            "--title",
            "Printer",
            "--customer",
            "acme",
            "--channel",
            "email",
            "--category",
            "technical",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(contents(&dir).len(), 1, "a closed queue is one file");
    db
}

/// `esc --db DB --as ann --now 12:00 ARGS` as this user.
fn esc_at(q: &Queue, db: &Path, args: &[&str]) -> Command {
    let mut cmd = q.bare();
    cmd.arg("--db")
        .arg(db)
        .args(["--as", "ann", "--now", &instant("12:00")])
        .args(args);
    cmd
}

#[track_caller]
fn says(out: &Output, code: i32, parts: &[&str]) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{err}");
    for p in parts {
        assert!(err.contains(p), "`{p}` not in:\n{err}");
    }
}

#[test]
fn a_read_only_queue_file_reads_and_refuses_changes_by_name() {
    let q = Queue::new();
    let db = queue_in(&q, "ro-file");
    let dir = db.parent().unwrap().to_path_buf();
    chmod(&db, 0o444);
    chmod(&dir, 0o777);
    let before = contents(&dir);
    let out = unprivileged(&q, &db, &["note", "1", "hi"]);
    says(
        &out,
        6,
        &[
            &format!("cannot change the queue `{}`", db.display()),
            "the file is read-only for this user",
            "chmod u+w",
            "nothing was written",
        ],
    );
    let out = unprivileged(&q, &db, &["list"]);
    says(&out, 0, &[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Printer"));
    assert_eq!(contents(&dir), before, "no journal files were left behind");
}

#[test]
fn a_queue_in_a_read_only_directory_reads_and_refuses_changes_by_name() {
    let q = Queue::new();
    let db = queue_in(&q, "ro-dir");
    let dir = db.parent().unwrap().to_path_buf();
    chmod(&db, 0o666);
    // Read-only for whoever runs esc: `nobody` as root, or its owner.
    chmod(&dir, 0o555);
    let before = contents(&dir);
    let out = unprivileged(&q, &db, &["show", "1"]);
    says(&out, 0, &[]);
    let out = unprivileged(&q, &db, &["note", "1", "hi"]);
    says(
        &out,
        6,
        &[
            &format!(
                "its directory `{}` is read-only for this user",
                dir.display()
            ),
            "nothing was written",
        ],
    );
    let out = unprivileged(&q, &dir.join("new.db"), &["list"]);
    says(&out, 6, &["there is no queue at", "new.db"]);
    let starter = q.path("starter.toml");
    let out = unprivileged(
        &q,
        &dir.join("new.db"),
        &["init", starter.to_str().unwrap()],
    );
    says(&out, 6, &["cannot create the queue", "new.db"]);
    assert_eq!(contents(&dir), before);
    chmod(&dir, 0o755);
}

#[test]
fn a_missing_directory_is_named_with_the_command_that_makes_it() {
    let q = Queue::new();
    let db = q.path("no/such/dir/q.db");
    // Any command but init: there is no queue there.
    let out = q
        .bare()
        .arg("--db")
        .arg(&db)
        .args(["list"])
        .output()
        .unwrap();
    says(&out, 6, &["there is no queue at", "esc init"]);
    // init, which would make one, names the directory it lacks.
    let out = q
        .bare()
        .arg("--db")
        .arg(&db)
        .args(["init", q.path("starter.toml").to_str().unwrap()])
        .output()
        .unwrap();
    says(
        &out,
        6,
        &[
            &format!(
                "the directory `{}` does not exist",
                q.path("no/such/dir").display()
            ),
            "mkdir -p",
        ],
    );
    assert!(!q.path("no").exists());
}

#[test]
fn a_lock_held_past_the_wait_is_named_and_writes_nothing() {
    let q = Queue::new();
    let db = queue_in(&q, "locked");
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = esc_at(&q, &db, &["note", "1", "hi"])
        .env("ESC_LOCK_WAIT", "1s")
        .output()
        .unwrap();
    says(
        &out,
        6,
        &[
            &format!(
                "the queue `{}` stayed locked by another process for longer than 1s",
                db.display()
            ),
            "ESC_LOCK_WAIT",
        ],
    );
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let out = esc_at(&q, &db, &["list"])
        .env("ESC_LOCK_WAIT", "later")
        .output()
        .unwrap();
    says(&out, 2, &["ESC_LOCK_WAIT: invalid duration `later`"]);
}

#[test]
fn a_damaged_queue_exits_6_with_the_way_to_recover() {
    let q = Queue::new();
    let db = queue_in(&q, "damaged");
    // Enough tickets that the file has pages past the schema to damage.
    for n in 0..20 {
        let title = format!("ticket {n} {}", "x".repeat(2000));
        esc_at(
            &q,
            &db,
            &[
                "open",
                "-q",
                "-t",
                &title,
                "-c",
                "c",
                "--channel",
                "chat",
                "--category",
                "general",
            ],
        )
        .output()
        .unwrap();
    }
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 4096;
    bytes[2 * page..10 * page].fill(0xff);
    std::fs::write(&db, &bytes).unwrap();
    // Every ticket read: a first page is read from an index and may
    // never touch the damaged pages.
    for args in [&["list", "--all", "--limit", "0"][..], &["note", "1", "x"]] {
        let out = esc_at(&q, &db, args).output().unwrap();
        says(
            &out,
            6,
            &[
                &format!("the queue `{}` is damaged", db.display()),
                ".recover",
            ],
        );
    }
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
}

/// A tmpfs mounted for one test and unmounted when it ends.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: PathBuf, size: &str) -> SmallDisk {
        std::fs::create_dir_all(&at).unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&at)
            .status()
            .expect("`mount` runs");
        assert!(status.success(), "cannot mount a tmpfs at {}", at.display());
        SmallDisk(at)
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_is_named_and_writes_nothing() {
    // As root, or as anyone inside the namespace this test made for itself.
    if is_root() {
        return full_disk();
    }
    // Not root: this same test again, in a user and mount namespace of its
    // own, where this user is root and may mount a tmpfs.
    let out = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "--"])
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "cli::faults::a_full_disk_is_named_and_writes_nothing",
        ])
        .output()
        .expect("`unshare` (util-linux) runs");
    assert!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).contains("1 passed"),
        "the full-disk case needs root, or unprivileged user namespaces to mount a tmpfs:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn full_disk() {
    let q = Queue::new();
    let disk = SmallDisk::mount(q.path("disk"), "512k");
    let db = disk.0.join("q.db");
    let esc = |args: &[&str]| esc_at(&q, &db, args).output().unwrap();
    says(
        &esc(&["init", q.path("starter.toml").to_str().unwrap()]),
        0,
        &[],
    );
    says(
        &esc(&[
            "open",
            "-q",
            "-t",
            "t",
            "-c",
            "c",
            "--channel",
            "chat",
            "--category",
            "general",
        ]),
        0,
        &[],
    );
    // Fill what is left.
    let filler = disk.0.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 4096];
    while std::io::Write::write_all(&mut f, &block).is_ok() {}
    drop(f);
    let before = std::fs::read(&db).unwrap();
    says(
        &esc(&["note", "1", "hi"]),
        6,
        &[
            &format!("cannot write the queue `{}`", db.display()),
            "is full",
            "df -h",
        ],
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
    std::fs::remove_file(&filler).unwrap();
    says(&esc(&["note", "1", "hi"]), 0, &[]);
}

/// A queue, its backup and a mailbox hold customer data: each is made
/// readable by its owner alone, never through a link another user left
/// where it goes, and an empty file someone else made is no queue.
#[test]
fn queue_backup_and_mailbox_files_are_their_owners_and_never_made_through_a_link() {
    let q = Queue::with_default_and(|q| {
        format!(
            "[people.dana]\nmailbox = {:?}\n\n[delivery]\nbackground = false\n",
            q.path("dana.mbox").display().to_string()
        )
    });
    q.open("09:00", "card charged twice", &[]);
    q.ok("cron", "16:00", &["tick"]);
    q.ok("ann", "16:01", &["backup", "copy.db"]);
    let private = |name: &str| {
        let mode = std::fs::metadata(q.path(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{name} is {:o}", mode & 0o777);
    };
    for name in ["queue.db", "copy.db", "dana.mbox"] {
        private(name);
    }

    // A link left where a queue is to be made: refused, nothing written.
    let target = q.path("theirs.db");
    std::os::unix::fs::symlink(&target, q.path("linked.db")).unwrap();
    let out = q
        .on(q.path("linked.db"), "ann", "09:00", &["init"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is a symbolic link to nothing"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!target.exists(), "nothing was made through the link");

    // An empty file is not a queue, for a command that needs one or makes
    // one.
    std::fs::write(q.path("empty.db"), "").unwrap();
    for args in [vec!["list"], vec!["init"]] {
        let out = q
            .on(q.path("empty.db"), "ann", "09:00", &args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(6), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with(&format!(
                "error: `{}` is an empty file, not an esc queue",
                q.path("empty.db").display()
            )),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(std::fs::metadata(q.path("empty.db")).unwrap().len(), 0);
}

/// A value that does not read (text that is not UTF-8, which SQLite's
/// integrity check does not flag): exit 6, naming the queue, the ticket,
/// the column and what to do, never a driver's raw words.
#[test]
fn a_damaged_value_names_the_queue_the_ticket_and_what_to_do() {
    let q = Queue::new();
    q.open("09:00", "fine", &[]);
    q.open("09:00", "about to be damaged", &[]);
    q.execute(
        "UPDATE tickets SET title = CAST(X'4142FF43' AS TEXT) WHERE id = 2",
        &[],
    )
    .unwrap();
    for args in [vec!["list"], vec!["show", "2"]] {
        let err = q.fails("ann", "10:00", &args, 6);
        assert_eq!(
            err.lines().next().unwrap(),
            format!(
                "error: the queue `{}`: ticket #2 holds a damaged value in `title` (not UTF-8 text)",
                q.db()
            ),
            "{args:?}"
        );
        assert!(
            err.contains("hint: the rest of the queue is sound; put ticket #2 right from a backup"),
            "{err}"
        );
    }
    assert!(q.ok("ann", "10:00", &["show", "1"]).contains("fine"));
}
