//! The layers ARCHITECTURE.md draws, checked: every module of the library
//! names only modules below it, so no two reach each other. A new module
//! takes its place in `LAYERS`, and a `crate::` path that points upward
//! fails here with the file and the line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The library's top-level modules, lowest first. Each may use only those
/// before it; the command line (`cli`, `cmd`, and the crate root that runs
/// them) sits above all and is not checked.
const LAYERS: &[&str] = &[
    // Time, text and files: no word of the domain.
    "clock",
    "duration",
    "calendar",
    "recurrence",
    "output",
    "files",
    "tls",
    "schedule",
    // What is stored: tickets, their events, notifications waiting.
    "ticket",
    "event",
    "outbox",
    // What a manager writes.
    "policy",
    "error",
    // What the policy does to a ticket, pure, the clock passed in.
    "sla",
    "stats",
    "customer",
    // Mail that comes in, read: pure, like the engine.
    "inbound",
    "lifecycle",
    "automation",
    "foreign",
    "simulate",
    "report",
    // Words and messages for people, and the channels that carry them.
    "describe",
    "delivery",
    // Where customers' mail waits to be fetched.
    "mailbox",
    // Where it is kept.
    "store",
    // The application layer: the use cases every front door calls.
    "queue",
    // Made-up queues for tests and benches.
    "sample",
    "fuzzing",
];

const TOP: &[&str] = &["cli", "cmd", "lib", "main"];

fn source() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to: `store` for `src/store/sqlite/rows.rs`.
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(source()).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The library code of a file: tests left out (a test may reach anywhere),
/// line comments blanked so that prose naming a module is not a use.
fn code(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .take_while(|l| l.trim() != "#[cfg(test)]")
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a text names through `crate::`, each with the
/// line it is on; each of a `crate::{a, b::{c, d}}` group counts.
fn named(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("crate::") {
        let start = from + at + "crate::".len();
        let line = text[..start].matches('\n').count() + 1;
        from = start;
        let rest = &text[start..];
        let Some(group) = rest.strip_prefix('{') else {
            out.push((line, ident(rest)));
            continue;
        };
        // Only the group's own items, not those of groups inside it.
        let mut depth = 0;
        let mut item_start = true;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => item_start = true,
                c if item_start && !c.is_whitespace() => {
                    item_start = false;
                    let before = text[..start + 1 + i].matches('\n').count() + 1;
                    out.push((before, ident(&group[i..])));
                }
                _ => {}
            }
        }
    }
    out.retain(|(_, m)| !m.is_empty());
    out
}

fn ident(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn every_module_of_the_library_has_a_layer() {
    let mut all = Vec::new();
    files(&source(), &mut all);
    let mut missing: Vec<String> = all
        .iter()
        .map(|p| module_of(p))
        .filter(|m| !LAYERS.contains(&m.as_str()) && !TOP.contains(&m.as_str()))
        .collect();
    missing.sort();
    missing.dedup();
    assert_eq!(
        missing,
        Vec::<String>::new(),
        "modules with no place in LAYERS (tests/cli/layers.rs) or ARCHITECTURE.md"
    );
}

#[test]
fn no_module_names_one_above_it() {
    let rank: BTreeMap<&str, usize> = LAYERS.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let mut all = Vec::new();
    files(&source(), &mut all);
    all.sort();
    let mut upward = Vec::new();
    for path in &all {
        let module = module_of(path);
        let Some(&own) = rank.get(module.as_str()) else {
            continue;
        };
        for (line, used) in named(&code(path)) {
            let above = rank.get(used.as_str()).is_none_or(|&r| r > own);
            if used != module && above {
                upward.push(format!(
                    "{}:{line}: {module} uses {used}",
                    path.strip_prefix(source()).unwrap().display(),
                ));
            }
        }
    }
    assert_eq!(upward, Vec::<String>::new(), "uses that point up a layer");
}

#[test]
fn the_check_sees_a_use_that_points_up() {
    let names = |text: &str| -> Vec<String> { named(text).into_iter().map(|(_, m)| m).collect() };
    assert_eq!(names("use crate::store::Store;"), ["store"]);
    assert_eq!(
        names("use crate::{\n    policy::{Clock, Policy},\n    ticket,\n};"),
        ["policy", "ticket"]
    );
    assert_eq!(
        named("let x = crate::clock::now();\ncrate::event::Sent {"),
        [(1, "clock".to_string()), (2, "event".to_string())]
    );
}
