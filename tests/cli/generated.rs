//! Files generated from the clap definition must match it: regenerate them
//! with `ESC_REGENERATE=1 cargo test generated` after changing the CLI.

use super::support::{Queue, repo_file};

#[test]
fn shell_completions_are_up_to_date() {
    let q = Queue::new();
    for (shell, file) in [
        ("bash", "esc.bash"),
        ("zsh", "_esc"),
        ("fish", "esc.fish"),
        ("elvish", "esc.elv"),
        ("powershell", "_esc.ps1"),
    ] {
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

#[test]
fn man_pages_are_up_to_date_and_esc_man_prints_them() {
    let dir = repo_file("man");
    let pages = esc::cmd::man::pages();
    if std::env::var_os("ESC_REGENERATE").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, page) in &pages {
            std::fs::write(dir.join(name), page).unwrap();
        }
    }
    let mut committed: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    committed.sort();
    let mut expected: Vec<String> = pages.iter().map(|(n, _)| n.clone()).collect();
    expected.sort();
    assert_eq!(
        committed, expected,
        "man/ is stale: run `ESC_REGENERATE=1 cargo test generated`"
    );
    for (name, page) in &pages {
        assert!(
            std::fs::read(dir.join(name)).unwrap() == *page,
            "man/{name} is stale: run `ESC_REGENERATE=1 cargo test generated`"
        );
    }
    assert!(expected.contains(&"esc-policy-apply.1".to_string()));
    // `esc man` prints the same pages.
    let q = Queue::new();
    let out = q.bare().args(["man", "policy", "apply"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        out.stdout,
        std::fs::read(dir.join("esc-policy-apply.1")).unwrap()
    );
    let out = q.bare().args(["man", "frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("esc has no command `frobnicate`"));
}

/// `--help` teaches: every command has an example, every argument and
/// flag says what it is, and the options every command takes stand apart.
#[test]
fn every_command_has_an_example_and_every_argument_a_description() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        let help = cmd
            .get_after_help()
            .or(cmd.get_after_long_help())
            .map(|h| h.to_string())
            .unwrap_or_default();
        if path != "esc" && !help.contains("Example") {
            missing.push(format!("{path}: no example"));
        }
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path}: {id} is not described"));
            }
            if arg.is_global_set() && arg.get_help_heading() != Some("Global options") {
                missing.push(format!("{path}: global {id} outside \"Global options\""));
            }
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&esc::cli::Cli::command(), "esc", &mut missing);
    assert!(missing.is_empty(), "{missing:#?}");
}
