//! esc beside the floor. Builds queues with 300 days of history (10k,
//! 100k and 1M tickets by default), times the real release `esc` on what
//! agents, cron and managers run, and pairs each agent's command with the
//! floor (`benches/floor/main.rs`: open the same file with the same
//! settings, insert one row, exit), run turn about with it so both see the
//! same machine. The reports over the whole queue are paired with the
//! floor reading the same rows and columns by the same index, and the
//! tick with the floor writing the same rows. Prints one
//! table in Markdown; asserts nothing about time.
//!
//!     cargo bench --bench side_by_side
//!     ESC_BENCH_SIZES=10000,100000 cargo bench --bench side_by_side
//!     ESC_BENCH_DIR=/var/tmp/esc-bench cargo bench --bench side_by_side
//!     ESC_BENCH_PG=postgres://... cargo bench --bench side_by_side
//!
//! With `ESC_BENCH_DIR` the built queues stay there and later runs work on
//! copies of them. With `ESC_BENCH_PG` (a URL whose role may create
//! databases, or `start` for a throwaway cluster) the same queues are
//! built on PostgreSQL too, and its figures get a column of their own.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant as Clock;

mod common;

use common::history;
use esc::clock::{Instant, rfc3339};
use esc::policy::Policy;
use esc::report::GroupBy;
use esc::store::Location;

/// Runs of each figure; the median is shown.
const RUNS: usize = 9;
/// Commands each agent runs when agents work at once.
const EACH: usize = 40;
const AGENTS: usize = 8;

fn main() {
    // The queues are built by a process of its own, so that this one stays
    // small: a child's peak memory as the kernel reports it includes what
    // its parent held when it started the child.
    if let Ok(job) = std::env::var("ESC_SIDE_BUILD") {
        let (n, location) = job.split_once(' ').unwrap();
        println!(
            "{}",
            build(&Location::parse(location).unwrap(), n.parse().unwrap())
        );
        return;
    }
    let sizes = common::sizes("10000,100000,1000000");
    let temp = tempfile::tempdir().unwrap();
    let dir = common::dir(&temp);
    let floor = build_floor();
    let server = std::env::var("ESC_BENCH_PG")
        .ok()
        .map(|_| common::server::Server::start(&dir));
    let mut table = Table::default();
    for &n in &sizes {
        let base = dir.join(format!("h{n}.db"));
        if !base.exists() {
            let t = Clock::now();
            let made = build_apart(&base.display().to_string(), n);
            println!(
                "built {n} tickets on SQLite: {made} in {:.0} s",
                t.elapsed().as_secs_f64()
            );
        }
        let copy = dir.join(format!("h{n}-work.db"));
        for end in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{end}", copy.display()));
        }
        std::fs::copy(&base, &copy).unwrap();
        let file = copy.display().to_string();
        // The size once this esc has brought the copy up to date, with
        // every page back in the file.
        esc(&file, "cron", &work(), &["tick"]);
        let pages: i64 = rusqlite::Connection::open(&copy)
            .unwrap()
            .query_row(
                "SELECT (SELECT page_count FROM pragma_page_count())
                      * (SELECT page_size FROM pragma_page_size())",
                [],
                |r| r.get(0),
            )
            .unwrap();
        table.storage.push((n, pages as f64 / (n + n / 100) as f64));
        let figures = measure(&file, n, Some(&floor));
        table.add(n, figures, false);
        if let Some(server) = &server {
            let name = format!("esc_side_{n}");
            if !server.has(&name) {
                let t = Clock::now();
                let made = build_apart(&server.database(&name), n);
                println!(
                    "built {n} tickets on PostgreSQL: {made} in {:.0} s",
                    t.elapsed().as_secs_f64()
                );
            }
            let url = server.copy(&format!("esc_side_{n}_work"), Some(&name));
            // Up to date, and vacuumed as autovacuum keeps a live
            // database (a copy starts with no statistics to prompt it).
            esc(&url, "cron", &work(), &["tick"]);
            server.vacuum(&format!("esc_side_{n}_work"));
            table.add(n, measure(&url, n, None), true);
        }
    }
    table.print(server.as_ref().map(|s| s.version()));
    println!(
        "\nload average: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
}

/// The floor program, built from `benches/floor` with the release
/// profile esc is built with, in a target directory of its own (the one
/// running this benchmark is locked by cargo).
fn build_floor() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = root.join("target/floor");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "--manifest-path"])
        .arg(root.join("benches/floor/Cargo.toml"))
        .arg("--target-dir")
        .arg(&target)
        .status()
        .unwrap();
    assert!(status.success(), "building benches/floor failed");
    target.join("release/floor")
}

/// `build` run by a new process of this benchmark.
fn build_apart(location: &str, n: usize) -> String {
    let out = Command::new(std::env::current_exe().unwrap())
        .env("ESC_SIDE_BUILD", format!("{n} {location}"))
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    assert!(out.status.success(), "building the queue failed");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// The queue at `location`: `n` tickets with 300 days of history, settled
/// at its end, and 1% more opened an hour later and never answered, which
/// fall due at the tick. Returns a summary of what it holds.
fn build(location: &Location, n: usize) -> String {
    let policy = Policy::embedded();
    let mut store = esc::sample::new_queue(location).unwrap();
    let mut events = 0;
    let mut old = history::tickets(&policy, n).inspect(|(_, log)| events += log.len());
    store.import(&mut old).unwrap();
    let new = opened();
    let mut fresh = (0..n / 100).map(|i| {
        let at = new + chrono::Duration::seconds((i % 600) as i64);
        esc::sample::unanswered(&policy, i, at)
    });
    store.import(&mut fresh).unwrap();
    format!("{events} events and {} new", n / 100)
}

/// When the 1% new tickets are opened: an hour after the history ends.
fn opened() -> Instant {
    history::end() + chrono::Duration::hours(1)
}

/// When agents work: after the new tickets are all in.
fn work() -> String {
    rfc3339(opened() + chrono::Duration::minutes(20))
}

/// When the new tickets are due: the first response of each is breached.
fn due() -> String {
    rfc3339(opened() + chrono::Duration::minutes(255))
}

/// One figure at one size: the median run of esc (and of the floor, run
/// turn about with it), and esc's peak resident memory.
#[derive(Clone, Copy, Default)]
struct Figure {
    esc: f64,
    floor: Option<f64>,
    peak_kib: u64,
}

/// What each figure is, how it reads, and what the issue asks of it.
struct Row {
    name: String,
    unit: Unit,
    goal: &'static str,
}

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Ms,
    PerSecond,
}

fn measure(db: &str, n: usize, floor: Option<&Path>) -> Vec<(Row, Figure)> {
    let mut rows = Vec::new();
    let new = n + 1;
    // A first run brings the copy's schema up to date, outside the figures.
    esc(db, "cron", &work(), &["tick"]);
    let mut agent = |name: &str, goal, args: &dyn Fn(usize) -> Vec<String>| {
        let row = Row {
            name: name.into(),
            unit: Unit::Ms,
            goal,
        };
        rows.push((row, paired(db, floor, args)));
    };
    let near = "within 1.3x of the floor; 1M/10k at most 1.1";
    agent("open", near, &|_| strings(&common::OPEN));
    agent("escalate", near, &|k| {
        strings(&["escalate", &(new + k).to_string(), "--up", "-r", "bench"])
    });
    agent("resolve", near, &|k| {
        let id = new + n / 200 + k;
        strings(&["resolve", &id.to_string(), "-s", "done", "-c", "process"])
    });
    agent("show", "keep", &|k| {
        strings(&["show", &(new + 2 * k).to_string()])
    });
    agent("list, first page", "under 15 ms at 1M, flat", &|_| {
        strings(&["list"])
    });
    agent(
        "list --breached, first page",
        "under 15 ms at 1M, flat",
        &|_| strings(&["list", "--breached"]),
    );
    agent("tick, nothing due", "floor + 1 ms", &|_| strings(&["tick"]));
    // The floor of the tick writes what the tick wrote into a copy of the
    // queue as it was before (esc leaves no write-ahead log behind).
    let before = floor.map(|_| {
        assert!(!Path::new(&format!("{db}-wal")).exists());
        let copy = format!("{db}.before-tick");
        std::fs::copy(db, &copy).unwrap();
        copy
    });
    let mut tick = Command::new(env!("CARGO_BIN_EXE_esc"));
    tick.args(["--db", db, "--as", "cron", "--now", &due(), "tick"]);
    let (took, peak, said) = common::wait(tick);
    let tick_floor = floor.zip(before).map(|(f, before)| {
        let mut replay = Command::new(f);
        replay.args([before.as_str(), "replay", db]);
        let (ms, _, wrote) = common::wait(replay);
        assert!(
            wrote.trim().parse::<u64>().unwrap() > 0,
            "the floor wrote nothing"
        );
        for end in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{before}{end}"));
        }
        ms
    });
    println!(
        "  tick at {}: {}",
        size(n),
        said.lines().next().unwrap_or("nothing")
    );
    rows.push((
        Row {
            name: "tick, the 1% new tickets due".into(),
            unit: Unit::Ms,
            goal: "under 500 ms at 1M",
        },
        Figure {
            esc: took,
            floor: tick_floor,
            peak_kib: peak,
        },
    ));
    let all = ["--since", "400d"];
    // The whole-queue reports beside the floor reading the rows and
    // columns esc reads for them, by the same index.
    let read = |by: Option<GroupBy>, names: bool| Some(esc::store::sqlite::cohort_sql(by, names));
    for (name, goal, args, rows_read) in [
        (
            "report overview, last 30 days",
            "under 200 ms at 1M, follows the window",
            vec!["report"],
            None,
        ),
        (
            "report overview --by team, 30 days",
            "under 700 ms at 1M",
            vec!["report", "--by", "team"],
            None,
        ),
        (
            "report sla --by team, all tickets",
            "under 700 ms at 1M",
            [&["report", "sla", "--by", "team"][..], &all].concat(),
            read(Some(GroupBy::Team), false),
        ),
        (
            "report escalations --by category, all",
            "under 700 ms at 1M",
            [&["report", "escalations", "--by", "category"][..], &all].concat(),
            read(Some(GroupBy::Category), false),
        ),
        (
            "report agents, all tickets",
            "under 700 ms at 1M",
            [&["report", "agents"][..], &all].concat(),
            read(None, true),
        ),
    ] {
        let floor = floor.zip(rows_read);
        let mut floor_runs = Vec::new();
        let runs: Vec<(f64, u64)> = (0..5)
            .map(|_| {
                if let Some((f, sql)) = &floor {
                    floor_runs.push(read_floor(f, db, sql));
                }
                timed(db, "dana", &due(), &strings(&args))
            })
            .collect();
        rows.push((
            Row {
                name: name.into(),
                unit: Unit::Ms,
                goal,
            },
            Figure {
                esc: median(runs.iter().map(|r| r.0).collect()),
                floor: floor.map(|_| median(floor_runs)),
                peak_kib: runs.iter().map(|r| r.1).max().unwrap_or(0),
            },
        ));
    }
    let esc_rate = at_once(|a, c| {
        let id = (1 + (a * EACH + c) * 5) % n.max(1) + 1;
        esc(
            db,
            &format!("agent{a}"),
            &due(),
            &["note", &id.to_string(), "on it"],
        );
    });
    let floor_rate = floor.map(|f| {
        at_once(|_, _| {
            let ok = Command::new(f).arg(db).status().unwrap().success();
            assert!(ok, "the floor failed");
        })
    });
    rows.push((
        Row {
            name: format!("{AGENTS} agents at once, a process per command"),
            unit: Unit::PerSecond,
            goal: "at least 700/s, 0 failures",
        },
        Figure {
            esc: esc_rate,
            floor: floor_rate,
            peak_kib: 0,
        },
    ));
    rows
}

/// Median milliseconds of esc and of the floor, run turn about, with
/// esc's highest peak memory; `args(k)` is the command for run `k`.
fn paired(db: &str, floor: Option<&Path>, args: &dyn Fn(usize) -> Vec<String>) -> Figure {
    let mut esc_runs = Vec::new();
    let mut floor_runs = Vec::new();
    let mut peak_kib = 0;
    for k in 0..RUNS {
        let (ms, peak) = timed(db, "ann", &work(), &args(k));
        esc_runs.push(ms);
        peak_kib = peak_kib.max(peak);
        if let Some(f) = floor {
            let mut floor = Command::new(f);
            floor.arg(db);
            floor_runs.push(common::wait(floor).0);
        }
    }
    Figure {
        esc: median(esc_runs),
        floor: floor.map(|_| median(floor_runs)),
        peak_kib,
    }
}

/// Milliseconds for the floor to read what `sql` selects over the 400
/// days before `due()`, as `--since 400d` has esc read.
fn read_floor(floor: &Path, db: &str, sql: &str) -> f64 {
    let until = esc::clock::parse_instant(&due()).unwrap();
    let since = until - chrono::Duration::days(400);
    let mut cmd = Command::new(floor);
    cmd.args([db, "read", sql])
        .arg(since.timestamp().to_string())
        .arg(until.timestamp().to_string());
    let (ms, _, said) = common::wait(cmd);
    assert!(
        said.trim().parse::<u64>().unwrap() > 0,
        "the floor read no rows"
    );
    ms
}

/// One run of `esc --as who --now now args...`: milliseconds, peak KiB.
fn timed(db: &str, who: &str, now: &str, args: &[String]) -> (f64, u64) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_esc"));
    cmd.args(["--db", db, "--as", who, "--now", now]).args(args);
    let (ms, peak, _) = common::wait(cmd);
    (ms, peak)
}

// The child is reaped by wait4, which Child::wait would not report on.
fn esc(db: &str, who: &str, now: &str, args: &[&str]) {
    let mut all = vec!["--as", who, "--now", now];
    all.extend_from_slice(args);
    common::run(db, &all);
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

fn median(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs[runs.len() / 2]
}

/// Commands a second with `AGENTS` threads each running `one(agent,
/// command)` `EACH` times.
fn at_once(one: impl Fn(usize, usize) + Sync) -> f64 {
    let done = AtomicUsize::new(0);
    let t = Clock::now();
    std::thread::scope(|s| {
        for a in 0..AGENTS {
            let (done, one) = (&done, &one);
            s.spawn(move || {
                for c in 0..EACH {
                    one(a, c);
                    done.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    done.load(Ordering::Relaxed) as f64 / t.elapsed().as_secs_f64()
}

/// Every figure at every size, SQLite's and PostgreSQL's.
#[derive(Default)]
struct Table {
    rows: Vec<Row>,
    sqlite: Vec<(usize, Vec<Figure>)>,
    postgres: Vec<(usize, Vec<Figure>)>,
    storage: Vec<(usize, f64)>,
}

impl Table {
    fn add(&mut self, n: usize, figures: Vec<(Row, Figure)>, postgres: bool) {
        let (rows, figures): (Vec<Row>, Vec<Figure>) = figures.into_iter().unzip();
        if self.rows.is_empty() {
            self.rows = rows;
        }
        if postgres {
            self.postgres.push((n, figures));
        } else {
            self.sqlite.push((n, figures));
        }
    }

    fn print(&self, postgres: Option<String>) {
        let pg = postgres.is_some();
        println!(
            "\nesc beside the floor (release build; median of {RUNS} runs, run turn about with the floor){}\n",
            postgres.map_or(String::new(), |v| format!(
                "; PostgreSQL {v} over a Unix socket"
            ))
        );
        print!("| figure | tickets | esc | floor | ratio | growth | goal | peak memory |");
        if pg {
            print!(" PostgreSQL |");
        }
        println!(
            "\n|---|---:|---:|---:|---:|---:|---|---:|{}",
            if pg { "---:|" } else { "" }
        );
        for (r, row) in self.rows.iter().enumerate() {
            let first = self.sqlite.first().map(|(_, f)| f[r].esc);
            for (s, (n, figures)) in self.sqlite.iter().enumerate() {
                let f = figures[r];
                let last = s + 1 == self.sqlite.len();
                let name = if s == 0 { row.name.as_str() } else { "" };
                let ratio = f.floor.map_or(String::new(), |fl| match row.unit {
                    Unit::Ms => format!("{:.2}x", f.esc / fl),
                    Unit::PerSecond => format!("{:.2}x", fl / f.esc),
                });
                let growth = match (last && self.sqlite.len() > 1, first) {
                    (true, Some(first)) if row.unit == Unit::Ms => format!("{:.2}", f.esc / first),
                    _ => String::new(),
                };
                let goal = if s == 0 { row.goal } else { "" };
                let peak = if f.peak_kib > 0 {
                    format!("{:.0} MiB", f.peak_kib as f64 / 1024.0)
                } else {
                    String::new()
                };
                print!(
                    "| {name} | {} | {} | {} | {ratio} | {growth} | {goal} | {peak} |",
                    size(*n),
                    show(row.unit, f.esc),
                    f.floor.map_or(String::new(), |fl| show(row.unit, fl)),
                );
                if pg {
                    let on_pg = self
                        .postgres
                        .iter()
                        .find(|(m, _)| m == n)
                        .map_or(String::new(), |(_, p)| show(row.unit, p[r].esc));
                    print!(" {on_pg} |");
                }
                println!();
            }
        }
        println!();
        for (n, bytes) in &self.storage {
            println!(
                "storage at {}: {bytes:.0} bytes a ticket, with its history",
                size(*n)
            );
        }
    }
}

fn show(unit: Unit, value: f64) -> String {
    match unit {
        Unit::Ms if value >= 1000.0 => format!("{:.2} s", value / 1000.0),
        Unit::Ms => format!("{value:.1} ms"),
        Unit::PerSecond => format!("{value:.0}/s"),
    }
}

fn size(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1000 && n % 1000 == 0 => format!("{}k", n / 1000),
        n => n.to_string(),
    }
}
