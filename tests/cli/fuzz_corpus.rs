//! The fuzzers' committed corpus, replayed through the same functions the
//! fuzz targets call (`esc::fuzzing`), so that every input that once found
//! a crash, and every seed, stays a test without building a fuzzer.

use std::path::PathBuf;

use super::support::repo_file;

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = repo_file(&format!("fuzz/corpus/{target}"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus for {target}");
    files
}

#[test]
fn every_fuzz_target_has_a_corpus_and_a_replay() {
    let targets: Vec<String> = std::fs::read_dir(repo_file("fuzz/fuzz_targets"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for t in &targets {
        assert!(
            ["policy", "duration", "instant", "window"].contains(&t.as_str()),
            "fuzz target `{t}` is not replayed here"
        );
        corpus(t);
    }
    assert_eq!(targets.len(), 4);
}

#[test]
fn the_policy_corpus_replays() {
    for f in corpus("policy") {
        esc::fuzzing::policy(&std::fs::read(&f).unwrap());
    }
}

#[test]
fn the_duration_corpus_replays() {
    for f in corpus("duration") {
        esc::fuzzing::duration(&std::fs::read(&f).unwrap());
    }
}

#[test]
fn the_instant_corpus_replays() {
    for f in corpus("instant") {
        esc::fuzzing::instant(&std::fs::read(&f).unwrap());
    }
}

#[test]
fn the_window_corpus_replays() {
    for f in corpus("window") {
        esc::fuzzing::window(&std::fs::read(&f).unwrap());
    }
}
