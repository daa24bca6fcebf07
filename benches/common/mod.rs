//! What the benchmarks share: which sizes to build, where, and how to time
//! the real binary.
// Each benchmark takes what it needs of this.
#![allow(dead_code)]

pub mod history;
pub mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The `esc` arguments of an agent's `open`, quiet: it prints the new id.
pub const OPEN: [&str; 10] = [
    "open",
    "--quiet",
    "--title",
    "bench",
    "--customer",
    "acme",
    "--channel",
    "email",
    "--category",
    "technical",
];

/// `ESC_BENCH_SIZES` (numbers separated by commas), or `default`.
pub fn sizes(default: &str) -> Vec<usize> {
    std::env::var("ESC_BENCH_SIZES")
        .unwrap_or_else(|_| default.into())
        .split(',')
        .map(|s| {
            s.trim()
                .parse()
                .expect("ESC_BENCH_SIZES: numbers separated by commas")
        })
        .collect()
}

/// `ESC_BENCH_DIR` keeps the queues for a closer look; by default they go
/// with `temp`.
pub fn dir(temp: &tempfile::TempDir) -> PathBuf {
    std::env::var_os("ESC_BENCH_DIR").map_or_else(|| temp.path().to_path_buf(), PathBuf::from)
}

/// Run the release `esc` on a queue (a file, or a server's URL); its
/// output, or a panic with its error.
pub fn run(db: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_esc"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "esc {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A new queue whose policy is the embedded default, for a benchmark to
/// fill.
pub fn new_queue(db: &Path) -> Box<dyn esc::store::Store> {
    esc::sample::new_queue(&esc::store::Location::file(db)).unwrap()
}

/// The median of `runs` runs of `f`.
pub fn time(runs: usize, mut f: impl FnMut() -> String) -> Duration {
    let mut all: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    all.sort();
    all[runs / 2]
}

pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[allow(clippy::zombie_processes)]
/// Run `cmd` to the end: wall milliseconds, the peak resident memory the
/// kernel recorded for it (wait4's rusage), and its output.
pub fn wait(mut cmd: Command) -> (f64, u64, String) {
    let t = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let read = |mut from: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut said = String::new();
            from.read_to_string(&mut said).unwrap();
            said
        })
    };
    let out = read(Box::new(child.stdout.take().unwrap()));
    let err = read(Box::new(child.stderr.take().unwrap()));
    let mut status = 0;
    // SAFETY: zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the child is ours and not yet waited for; both pointers
    // point at live locals.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let took = t.elapsed();
    assert_eq!(pid, child.id() as i32, "wait4 failed");
    let (said, complaint) = (out.join().unwrap(), err.join().unwrap());
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed: {complaint}"
    );
    (took.as_secs_f64() * 1000.0, usage.ru_maxrss as u64, said)
}
