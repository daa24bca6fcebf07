//! On a server the database role is who is acting: the policy maps roles
//! to people, `--as` is for the queue's owner alone, and what a manager
//! does is out of an agent role's reach.

use crate::cli::support::{Queue, admin, repo_file};

/// A queue on the server, its owner's URL, and an agent role `ann_…`
/// with the grants README gives, mapped to ann by the policy.
fn queue_with_agent() -> (Queue, String, String, String) {
    let q = Queue::new();
    let owner = q.database("roles");
    let path = owner.split_once('?').map_or(owner.as_str(), |(p, _)| p);
    let db = path[path.rfind('/').unwrap() + 1..].to_string();
    let role = format!("ann_{}", &db[4..]);
    admin(&format!(
        "CREATE ROLE {role} LOGIN PASSWORD 'pw-{role}'; GRANT CONNECT ON DATABASE {db} TO {role}"
    ));
    // The agent's password, where libpq keeps it: the queue's HOME.
    let pgpass = q.dir.path().join(".pgpass");
    std::fs::write(&pgpass, format!("localhost:*:{db}:{role}:pw-{role}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let default = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    std::fs::write(
        q.path("policy.toml"),
        format!("{default}\n[people.ann]\ndb_role = \"{role}\"\n"),
    )
    .unwrap();
    q.on(
        &owner,
        "manager",
        "2026-01-01T00:00:00Z",
        &["--policy", "policy.toml", "init"],
    )
    .output()
    .map(|o| assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr)))
    .unwrap();
    // The grants README's "Running for a team" gives an agent, from the
    // file it points to, run as the owner.
    let grants = std::fs::read_to_string(repo_file("docs/postgres-agent.sql"))
        .unwrap()
        .replace(":\"role\"", &format!("\"{role}\""));
    let mut client = postgres::Client::connect(&owner, postgres::NoTls).unwrap();
    client.batch_execute(&grants).unwrap();
    let agent = owner.replacen("esc@", &format!("{role}@"), 1);
    (q, owner, agent, role)
}

fn run(q: &Queue, db: &str, who: Option<&str>, when: &str, args: &[&str]) -> std::process::Output {
    let mut cmd = q.bare();
    cmd.arg("--db").arg(db);
    if let Some(who) = who {
        cmd.args(["--as", who]);
    }
    cmd.args(["--now", &crate::cli::support::instant(when)])
        .args(args);
    cmd.output().unwrap()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn an_agent_role_acts_as_its_person_and_cannot_sign_off_or_apply_a_policy() {
    let (q, owner, agent, role) = queue_with_agent();
    let open = [
        "open",
        "--quiet",
        "--title",
        "goodwill",
        "--customer",
        "acme",
        "--channel",
        "email",
        "--category",
        "technical",
        "--team",
        "escalations",
    ];
    // The agent works tickets, as the person the policy maps the role to.
    let out = run(&q, &agent, None, "09:00", &open);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(
        &q,
        &agent,
        None,
        "10:00",
        &[
            "resolve",
            "1",
            "--summary",
            "credit",
            "--root-cause",
            "process",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = run(&q, &owner, Some("ann"), "10:01", &["--json", "show", "1"]);
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    let actors: Vec<&str> = shown["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["actor"].as_str().unwrap())
        .collect();
    assert_eq!(actors[0], "ann", "{actors:?}");
    assert_eq!(shown["ticket"]["status"], "awaiting-signoff");

    // --as does not make the role someone else.
    let out = run(&q, &agent, Some("lee"), "10:05", &["signoff", "1"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!(
            "the database role `{role}` acts as ann, not as lee"
        )),
        "{}",
        stderr(&out)
    );
    // As ann, the policy's sign-off rule refuses.
    let out = run(&q, &agent, None, "10:06", &["signoff", "1"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("ann may not sign off"),
        "{}",
        stderr(&out)
    );
    // And the server refuses a policy from the agent's role, whatever esc
    // is told: only the owner's grants let a role write policies.
    let manual = std::fs::read_to_string(repo_file("tests/policies/valid/manual.toml")).unwrap();
    std::fs::write(q.path("mine.toml"), manual).unwrap();
    let out = run(&q, &agent, None, "10:07", &["policy", "apply", "mine.toml"]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("may not do this: permission denied for table policies"),
        "{}",
        stderr(&out)
    );
    let history = run(
        &q,
        &owner,
        Some("dana"),
        "10:08",
        &["--json", "policy", "history"],
    );
    let history: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 1, "no version was added");

    // Nor may it rewrite the log.
    let out = run(
        &q,
        &agent,
        None,
        "10:09",
        &["redact", "--ticket", "1", "--yes"],
    );
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("permission denied"),
        "{}",
        stderr(&out)
    );
    let shown = run(&q, &owner, Some("dana"), "10:10", &["--json", "show", "1"]);
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(shown["ticket"]["title"], "goodwill", "nothing was erased");

    // The owner's role acts for anyone: cron, or a manager signing off.
    let out = run(&q, &owner, Some("lee"), "10:30", &["signoff", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut client = postgres::Client::connect(&owner, postgres::NoTls).unwrap();
    client
        .batch_execute(&format!("DROP OWNED BY {role}"))
        .unwrap();
    admin(&format!("DROP ROLE {role}"));
}
