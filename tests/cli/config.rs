//! The config file: where esc finds the queue and who is acting when the
//! command line and the environment do not say, and what `esc init`
//! writes there.

use super::support::Queue;

fn list_on(q: &Queue, db_flag: Option<&str>, db_env: Option<&str>) -> (Option<i32>, String) {
    let mut cmd = q.bare();
    cmd.args(["--as", "ann", "--now", "2026-11-23T10:00:00Z"]);
    if let Some(db) = db_flag {
        cmd.args(["--db", db]);
    }
    if let Some(db) = db_env {
        cmd.env("ESC_DB", db);
    }
    cmd.args(["list", "--all", "--format", "table"]);
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn a_flag_wins_over_the_environment_which_wins_over_the_config_file() {
    // Three queues, each with one ticket titled after it.
    let q = Queue::empty();
    let queue = |name: &str| {
        let db = q.another(&format!("{name}.db"));
        let mut init = q.on(&db, "ann", "2026-11-23T08:00:00Z", &["init", "/dev/null"]);
        assert!(init.output().unwrap().status.success());
        let mut open = q.on(
            &db,
            "ann",
            "2026-11-23T09:00:00Z",
            &[
                "open",
                "-q",
                "-t",
                name,
                "-c",
                "acme",
                "--channel",
                "chat",
                "--category",
                "general",
            ],
        );
        assert!(open.output().unwrap().status.success());
        db
    };
    let (from_file, from_env, from_flag) = (queue("file"), queue("env"), queue("flag"));
    let config = q.path("config/esc/config.toml");
    std::fs::write(&config, format!("db = {from_file:?}\nas = \"cfg-user\"\n")).unwrap();

    let (_, out) = list_on(&q, None, None);
    assert!(out.contains(" file\n"), "{out}");
    let (_, out) = list_on(&q, None, Some(&from_env));
    assert!(out.contains(" env\n") && !out.contains(" file\n"), "{out}");
    let (_, out) = list_on(&q, Some(&from_flag), Some(&from_env));
    assert!(out.contains(" flag\n") && !out.contains(" env\n"), "{out}");

    // `as` fills in who acts, unless --as says.
    let note = q
        .bare()
        .args([
            "--now",
            "2026-11-23T10:00:00Z",
            "--json",
            "note",
            "1",
            "from the config",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&note.stdout).unwrap();
    assert_eq!(v["events"][0]["actor"], "cfg-user", "{v}");

    // ESC_CONFIG names another file, which must exist.
    let other = q.path("other.toml");
    std::fs::write(&other, format!("db = {from_env:?}\n")).unwrap();
    let out = q
        .bare()
        .env("ESC_CONFIG", &other)
        .args([
            "--as",
            "ann",
            "--now",
            "2026-11-23T10:00:00Z",
            "list",
            "--all",
        ])
        .output()
        .unwrap();
    // Piped: tab-separated values, the title last.
    assert!(String::from_utf8_lossy(&out.stdout).contains("\tenv\n"));
    let out = q
        .bare()
        .env("ESC_CONFIG", q.path("missing.toml"))
        .args(["list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read the config file"));
}

#[test]
fn init_writes_the_config_file_for_the_first_queue_only_and_a_bad_one_is_named() {
    let q = Queue::empty();
    let first = q.another("first.db");
    let mut out = q.on(
        &first,
        "ann",
        "2026-11-23T08:00:00Z",
        &["init", "/dev/null"],
    );
    let said = String::from_utf8(out.output().unwrap().stdout).unwrap();
    let config = q.path("config/esc/config.toml");
    assert!(
        said.contains(&format!("wrote {}", config.display())),
        "{said}"
    );
    // The next command needs no --db.
    let open = q
        .bare()
        .args(["--as", "ann", "--now", "2026-11-23T09:00:00Z"])
        .args([
            "open",
            "-q",
            "-t",
            "t",
            "-c",
            "acme",
            "--channel",
            "chat",
            "--category",
            "general",
        ])
        .output()
        .unwrap();
    assert!(
        open.status.success(),
        "{}",
        String::from_utf8_lossy(&open.stderr)
    );

    // A second queue leaves the user's config as it is.
    let before = std::fs::read_to_string(&config).unwrap();
    let second = q.another("second.db");
    let mut out = q.on(
        &second,
        "ann",
        "2026-11-23T08:00:00Z",
        &["init", "/dev/null"],
    );
    let said = String::from_utf8(out.output().unwrap().stdout).unwrap();
    assert!(!said.contains("wrote "), "{said}");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), before);

    std::fs::write(&config, "db = \"/srv/q.db\"\nqueue = 3\n").unwrap();
    let out = q.bare().args(["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml:2` does not read"), "{err}");
}

#[test]
fn tables_show_times_in_the_configured_zone_and_say_which() {
    let q = Queue::new();
    q.open("09:00", "printer", &[]);
    std::fs::write(
        q.path("config/esc/config.toml"),
        "zone = \"Europe/Paris\"\n",
    )
    .unwrap();
    let show = q.ok("ann", "10:00", &["show", "1"]);
    assert!(show.contains("WHEN (Europe/Paris)"), "{show}");
    // 09:00 UTC is 10:00 in Paris in November.
    assert!(show.contains("2026-11-23 10:00"), "{show}");
    assert!(!show.contains("(UTC)"), "{show}");
    let report = q.ok("dana", "10:00", &["report", "--since", "2026-11-23"]);
    assert!(report.contains("Europe/Paris"), "{report}");

    std::fs::write(
        q.path("config/esc/config.toml"),
        "zone = \"Mars/Olympus\"\n",
    )
    .unwrap();
    let err = q.fails("ann", "10:00", &["show", "1"], 2);
    assert!(err.contains("unknown zone `Mars/Olympus`"), "{err}");
}
