//! Mail in, measured: `esc mail receive` of a 10 KB message beside `esc
//! open` in the same run, the time and peak memory of each kind of bad
//! mail the gateway must bound its work on, and `esc mail fetch` of 1,000
//! waiting messages from a local Dovecot (started by `scripts/imap`) and
//! from a Maildir. Prints figures, asserts none: the machines are shared.
//!
//! `cargo bench --bench mail`

use std::path::Path;
use std::process::{Command, Stdio};

mod common;

const RUNS: usize = 15;
const NOW: &str = "2026-11-23T09:00:00Z";

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("queue.db").display().to_string();
    // Made as `esc init` makes one, without touching the user's config.
    esc::sample::new_queue(&esc::store::Location::file(std::path::Path::new(&db))).unwrap();

    // Side by side, turn about: an agent's `open`, and a customer's
    // message of 10 KB coming in (each a new one).
    let (mut opens, mut mails) = (Vec::new(), Vec::new());
    let mut peaks = (0, 0);
    for k in 0..RUNS {
        let (ms, peak, _) = common::wait(esc(&db, "ann", &common::OPEN));
        opens.push(ms);
        peaks.0 = peaks.0.max(peak);
        let file = dir.path().join(format!("m{k}.eml"));
        std::fs::write(&file, message(k, 10 * 1024)).unwrap();
        let (ms, peak, said) = receive(&db, &file);
        assert!(said.starts_with("opened ticket"), "{said}");
        mails.push(ms);
        peaks.1 = peaks.1.max(peak);
    }
    let (open, mail) = (median(opens), median(mails));
    println!("| figure | median of {RUNS} | peak memory | goal |");
    println!("|---|---:|---:|---|");
    println!("| esc open | {open:.1} ms | {} MiB | |", peaks.0 / 1024);
    println!(
        "| esc mail receive, 10 KB | {mail:.1} ms ({:.2}x open) | {} MiB | within 1.5x of open |",
        mail / open,
        peaks.1 / 1024
    );

    println!("\nBad mail, each received once (bounded work):\n");
    println!("| message | size | time | peak memory | kept as |");
    println!("|---|---:|---:|---:|---|");
    // Written out a little at a time: a child inherits the peak memory of
    // the process that starts it (Linux counts its memory before it runs
    // esc), so this one never holds a large message.
    let mut files = vec![big_attachment(dir.path())];
    for (name, bytes) in bad_mail() {
        let file = dir.path().join(format!("{}.eml", name.replace(' ', "-")));
        std::fs::write(&file, &bytes).unwrap();
        files.push((name, file, bytes.len()));
    }
    for (name, file, size) in files {
        let (ms, peak, said) = receive(&db, &file);
        println!(
            "| {name} | {:.1} MB | {ms:.0} ms | {} MiB | {} |",
            size as f64 / 1e6,
            peak / 1024,
            said.trim()
        );
    }
    fetch_figures(dir.path());
    println!(
        "\nload average: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
}

/// How many messages wait for one fetch.
const WAITING: usize = 1_000;

/// `esc mail fetch` of [`WAITING`] messages of 4 KB: from the local IMAP
/// server over TLS, and from a Maildir.
fn fetch_figures(dir: &Path) {
    let server = dir.join("imap");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/imap");
    let started = Command::new(&script)
        .arg("start")
        .arg(&server)
        .output()
        .unwrap();
    assert!(
        started.status.success(),
        "scripts/imap: {}",
        String::from_utf8_lossy(&started.stderr)
    );
    let said = String::from_utf8(started.stdout).unwrap();
    let [host, port, _] = said.split_whitespace().collect::<Vec<_>>()[..] else {
        panic!("scripts/imap said {said}")
    };
    let inbox = server.join("mail/support");
    let maildir = dir.join("Maildir");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    for k in 0..WAITING {
        let bytes = message(100_000 + k, 4 * 1024);
        std::fs::write(inbox.join(format!("new/{k}.bench.host")), &bytes).unwrap();
        std::fs::write(maildir.join(format!("new/{k}.bench.host")), &bytes).unwrap();
    }
    std::fs::write(dir.join("imap-password"), "support-secret\n").unwrap();
    let imap = format!(
        "[mail.imap]\nhost = \"{host}\"\nport = {port}\nusername = \"support\"\n\
         password_file = \"{}\"\nca_file = \"{}\"\nmove_to = \"Processed\"\n",
        dir.join("imap-password").display(),
        server.join("ca.pem").display()
    );
    println!("\nFetching {WAITING} waiting messages of 4 KB, one run each:\n");
    println!("| from | time | per message | peak memory |");
    println!("|---|---:|---:|---:|");
    for (from, extra, args) in [
        (
            "IMAP over TLS (Dovecot on loopback), moved once kept",
            imap.as_str(),
            &[][..],
        ),
        (
            "a Maildir, marked seen once kept",
            "",
            &["--maildir", maildir.to_str().unwrap()][..],
        ),
    ] {
        let db = dir
            .join(format!("fetch-{}.db", extra.len()))
            .display()
            .to_string();
        esc::sample::new_queue(&esc::store::Location::file(Path::new(&db))).unwrap();
        if !extra.is_empty() {
            let policy = dir.join("fetch.toml");
            std::fs::write(&policy, format!("{}\n{extra}", esc::policy::DEFAULT_POLICY)).unwrap();
            common::wait(esc(
                &db,
                "manager",
                &["policy", "apply", policy.to_str().unwrap()],
            ));
        }
        let mut all = vec!["mail", "fetch"];
        all.extend_from_slice(args);
        let (ms, peak, said) = common::wait(esc(&db, "postmaster", &all));
        let opened = said
            .lines()
            .filter(|l| l.starts_with("opened ticket"))
            .count();
        assert_eq!(opened, WAITING, "{from}: {said}");
        println!(
            "| {from} | {:.2} s | {:.1} ms | {} MiB |",
            ms / 1000.0,
            ms / WAITING as f64,
            peak / 1024
        );
    }
    let _ = Command::new(&script).arg("stop").arg(&server).output();
}

fn esc(db: &str, who: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_esc"));
    cmd.args(["--db", db, "--as", who, "--now", NOW]).args(args);
    cmd
}

fn receive(db: &str, file: &Path) -> (f64, u64, String) {
    let mut cmd = esc(db, "postmaster", &["mail", "receive"]);
    cmd.stdin(Stdio::from(std::fs::File::open(file).unwrap()));
    common::wait(cmd)
}

/// A customer's message of about `size` bytes, the `k`th.
fn message(k: usize, size: usize) -> Vec<u8> {
    let line = "My refund for order 1182 has not arrived, and the bank says it was never sent.\r\n";
    let body = line.repeat(size / line.len() + 1);
    format!(
        "From: Maria Lopez <maria@example.com>\r\nTo: support@shop.example\r\n\
         Subject: Refund not received ({k})\r\nMessage-ID: <bench.{k}@mail.example.com>\r\n\
         Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n\r\n{body}"
    )
    .into_bytes()
}

fn head(id: &str, extra: &str) -> String {
    format!(
        "From: someone@example.com\r\nSubject: {id}\r\nMessage-ID: <{id}@bad.example>\r\n{extra}\r\n"
    )
}

/// A 30 MB attachment, over the 10 MB limit, written a line at a time:
/// its name, file and size.
fn big_attachment(dir: &Path) -> (&'static str, std::path::PathBuf, usize) {
    use std::io::Write;
    let file = dir.join("30-MB-attachment.eml");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    write!(
        out,
        "{}Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n\
         --b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=big.bin\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n",
        head("big", "")
    )
    .unwrap();
    let line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkwYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4\r\n";
    for _ in 0..30_000_000 / 57 {
        out.write_all(line.as_bytes()).unwrap();
    }
    out.write_all(b"--b--\r\n").unwrap();
    drop(out);
    let size = std::fs::metadata(&file).unwrap().len() as usize;
    ("30 MB attachment", file, size)
}

/// The mail the issue names: each built here, none kept in the tree.
fn bad_mail() -> Vec<(&'static str, Vec<u8>)> {
    let mut all = Vec::new();
    // 10,000 parts.
    let mut parts = String::new();
    for i in 0..10_000 {
        parts.push_str(&format!(
            "--b\r\nContent-Type: text/plain\r\n\r\npart {i}\r\n"
        ));
    }
    all.push((
        "10,000 parts",
        format!(
            "{}Content-Type: multipart/mixed; boundary=b\r\n\r\n{parts}--b--\r\n",
            head("parts", "")
        )
        .into_bytes(),
    ));
    // Multiparts nested 5,000 deep.
    let depth = 5_000;
    let mut nested = String::new();
    for i in 0..depth {
        nested.push_str(&format!(
            "--n{i}\r\nContent-Type: multipart/mixed; boundary=n{}\r\n\r\n",
            i + 1
        ));
    }
    nested.push_str(&format!(
        "--n{depth}\r\nContent-Type: text/plain\r\n\r\ndeep\r\n"
    ));
    for i in (0..=depth).rev() {
        nested.push_str(&format!("--n{i}--\r\n"));
    }
    all.push((
        "nesting 5,000 deep",
        format!(
            "{}Content-Type: multipart/mixed; boundary=n0\r\n\r\n{nested}",
            head("deep", "")
        )
        .into_bytes(),
    ));
    // One header line of 1 MB.
    all.push((
        "a 1 MB header line",
        format!(
            "{}\r\nbody\r\n",
            head("long", &format!("X-Long: {}\r\n", "a".repeat(1_000_000)))
        )
        .into_bytes(),
    ));
    // Raw 8-bit headers and an unknown charset.
    let mut eight = head(
        "eight",
        "Content-Type: text/plain; charset=x-unknown-42\r\n",
    )
    .into_bytes();
    eight.splice(6..6, b"\xff\xfe Gr\xfc\xdf ".iter().copied());
    eight.extend_from_slice(b"\xc3\x28 body in no charset \xa0\xff\r\n");
    all.push(("8-bit headers, unknown charset", eight));
    // A megabyte of noise.
    let noise: Vec<u8> = (0..1_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    all.push(("1 MB of random bytes", noise));
    all
}

fn median(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(|a, b| a.total_cmp(b));
    runs[runs.len() / 2]
}
