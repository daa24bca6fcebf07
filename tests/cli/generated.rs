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
