//! Files generated from the clap definition must match it: regenerate them
//! with `ESC_REGENERATE=1 cargo test generated` after changing the CLI.

use super::support::{Queue, repo_file};

#[test]
fn shell_completions_are_up_to_date() {
    let q = Queue::new();
    for (shell, file) in [("bash", "esc.bash"), ("zsh", "_esc"), ("fish", "esc.fish")] {
        let out = q.bare().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let path = repo_file(&format!("completions/{file}"));
        if std::env::var_os("ESC_REGENERATE").is_some() {
            std::fs::write(&path, &out.stdout).unwrap();
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == out.stdout,
            "completions/{file} is stale: run `ESC_REGENERATE=1 cargo test generated`"
        );
    }
}
