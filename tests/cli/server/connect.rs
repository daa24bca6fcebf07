//! Reaching a server as `psql` would: passwords from PGPASSWORD or the
//! password file and never shown, TLS with the server's certificate checked.

use std::os::unix::fs::PermissionsExt;

use crate::cli::support::{Queue, admin, server_param};

/// A role that must log in with a password, owning a new database; the
/// role's name and the database's.
fn role_with_password(q: &Queue, password: &str) -> (String, String) {
    let url = q.database("pw");
    let path = url.split_once('?').map_or(url.as_str(), |(p, _)| p);
    let db = path[path.rfind('/').unwrap() + 1..].to_string();
    let role = format!("r{}", &db[4..]);
    admin(&format!(
        "CREATE ROLE {role} LOGIN PASSWORD '{password}'; ALTER DATABASE {db} OWNER TO {role}"
    ));
    (role, db)
}

/// `esc --db URL ARGS` (`list` when none) with `env`.
fn run(q: &Queue, url: &str, env: &[(&str, &str)], args: &[&str]) -> (Option<i32>, String, String) {
    let mut cmd = q.bare();
    cmd.args(["--db", url, "--as", "ann", "--now", "2026-11-23T09:00:00Z"]);
    cmd.args(if args.is_empty() {
        &["list", "--format", "table"]
    } else {
        args
    });
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn passwords_come_from_pgpassword_or_the_password_file_and_are_never_shown() {
    let q = Queue::new();
    let secret = "s3cret-Pw";
    let (role, db) = role_with_password(&q, secret);
    let (dir, port) = (server_param("host"), server_param("port"));
    let url = format!("postgres://{role}@/{db}?host={dir}&port={port}");

    // No password anywhere: the server refuses, and esc says where one goes.
    let (code, _, err) = run(&q, &url, &[], &["init"]);
    assert_eq!(code, Some(6), "{err}");
    assert!(err.contains("the server wants a password for"), "{err}");
    assert!(err.contains("PGPASSWORD or ~/.pgpass"), "{err}");

    let (code, _, err) = run(&q, &url, &[("PGPASSWORD", "wrong")], &["init"]);
    assert_eq!(code, Some(6), "{err}");
    assert!(err.contains("the server refused the login"), "{err}");
    assert!(err.contains("password authentication failed"), "{err}");

    let (code, out, err) = run(&q, &url, &[("PGPASSWORD", secret)], &["init"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("created the queue"), "{out}");
    let (code, out, err) = run(&q, &url, &[("PGPASSWORD", secret)], &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "no tickets match\n");

    // The password file in HOME, as libpq reads it (a socket matches
    // `localhost`), and only when nobody else may read it.
    let pgpass = q.dir.path().join(".pgpass");
    std::fs::write(
        &pgpass,
        format!(
            "# the team's queue\nlocalhost:{port}:{db}:{role}:{}\n",
            secret.replace(':', "\\:")
        ),
    )
    .unwrap();
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (code, _, err) = run(&q, &url, &[], &[]);
    assert_eq!(code, Some(6), "{err}");
    assert!(err.contains("others may read it (chmod 600 it)"), "{err}");
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (code, _, err) = run(&q, &url, &[], &[]);
    assert_eq!(code, Some(0), "{err}");

    // A password in the URL works too, and is shown nowhere.
    let with = format!("postgres://{role}:{secret}@/{db}?host={dir}&port={port}");
    let mut cmd = q.bare();
    cmd.args([
        "--db",
        &with,
        "--as",
        "ann",
        "--now",
        "2026-11-23T09:00:00Z",
        "init",
    ]);
    let out = cmd.output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{said}");
    assert!(said.contains(&format!("postgres://{role}@/{db}")), "{said}");
    assert!(!said.contains(secret), "{said}");
    admin(&format!("DROP DATABASE {db} WITH (FORCE)"));
    admin(&format!("DROP ROLE {role}"));
}

#[test]
fn tls_checks_the_servers_certificate_against_pgsslrootcert() {
    let q = Queue::new();
    let url = q.database("tls");
    let path = url.split_once('?').map_or(url.as_str(), |(p, _)| p);
    let db = &path[path.rfind('/').unwrap() + 1..];
    let (dir, port) = (server_param("host"), server_param("port"));
    let tcp = format!("postgres://esc@localhost:{port}/{db}?sslmode=require");

    let (code, _, err) = run(&q, &url, &[], &["init"]);
    assert_eq!(code, Some(0), "{err}");

    // The authority is not one of Mozilla's: the certificate is refused.
    let (code, _, err) = run(&q, &tcp, &[], &[]);
    assert_eq!(code, Some(6), "{err}");
    assert!(err.contains("invalid peer certificate"), "{err}");
    assert!(err.contains("set PGSSLROOTCERT"), "{err}");

    let ca = format!("{dir}/ca.pem");
    let (code, out, err) = run(&q, &tcp, &[("PGSSLROOTCERT", &ca)], &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "no tickets match\n");

    let (code, _, err) = run(&q, &tcp, &[("PGSSLROOTCERT", "/nonexistent/ca.pem")], &[]);
    assert_ne!(code, Some(0));
    assert!(
        err.contains("cannot read the certificates in PGSSLROOTCERT"),
        "{err}"
    );
}
