//! Moving a team from a file to a server, and what a server queue refuses.

use crate::cli::support::{Backend, Queue, backend};

fn on(q: &Queue, db: &str, args: &[&str]) -> std::process::Output {
    // The moment the exported queue was left at.
    q.on(db, "ann", crate::cli::import::NOW, args)
        .output()
        .unwrap()
}

#[test]
fn a_queue_file_exported_and_imported_into_a_server_exports_the_same_bytes() {
    assert_eq!(backend(), Backend::Sqlite, "the source is a file");
    let q = crate::cli::import::busy_queue();
    let first = on(&q, &q.db(), &["export"]);
    assert!(first.status.success());
    std::fs::write(q.path("team.jsonl"), &first.stdout).unwrap();

    // An empty database takes the export's policy versions with its tickets.
    let server = q.database("team");
    let out = on(
        &q,
        &server,
        &["import", q.path("team.jsonl").to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = on(&q, &server, &["export"]);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let (was, is) = (
        String::from_utf8(first.stdout).unwrap(),
        String::from_utf8(again.stdout).unwrap(),
    );
    let differ: Vec<(usize, &str, &str)> = was
        .lines()
        .zip(is.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| (i + 1, a, b))
        .collect();
    assert!(
        differ.is_empty() && was.len() == is.len(),
        "the server holds what the file held; lines differ: {differ:?}"
    );
    // And goes on from there: what was due is not done twice, new
    // tickets follow the old numbers.
    let tick = on(&q, &server, &["tick"]);
    assert_eq!(String::from_utf8_lossy(&tick.stdout), "");
    let opened = on(
        &q,
        &server,
        &[
            "open",
            "--quiet",
            "--title",
            "first on the server",
            "--customer",
            "acme",
            "--channel",
            "email",
            "--category",
            "technical",
        ],
    );
    assert_eq!(String::from_utf8_lossy(&opened.stdout).trim(), "5");
}

#[test]
fn a_server_queue_refuses_a_file_backup_and_names_the_servers_tools() {
    let q = Queue::new();
    let server = q.database("nobackup");
    assert!(on(&q, &server, &["init"]).status.success());
    let out = on(
        &q,
        &server,
        &["backup", q.path("copy.db").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is a PostgreSQL database"), "{err}");
    assert!(err.contains("pg_dump"), "{err}");
    assert!(!q.path("copy.db").exists());
}

#[test]
fn a_database_with_tables_of_its_own_is_not_taken_for_a_queue() {
    let q = Queue::new();
    let server = q.database("foreign");
    let mut client = postgres::Client::connect(&server, postgres::NoTls).unwrap();
    client
        .batch_execute("CREATE TABLE invoices (id int)")
        .unwrap();
    let out = on(&q, &server, &["list"]);
    assert_eq!(out.status.code(), Some(6));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is a database with tables of its own, not an esc queue"),
        "{err}"
    );
    let tables: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 1, "nothing was created");
}

#[test]
fn a_server_queue_has_the_views_of_a_file_with_the_same_columns() {
    assert_eq!(backend(), Backend::Sqlite, "the reference is a file");
    let q = crate::cli::import::busy_queue();
    let server = q.database("views");
    std::fs::write(q.path("team.jsonl"), on(&q, &q.db(), &["export"]).stdout).unwrap();
    let out = on(
        &q,
        &server,
        &["import", q.path("team.jsonl").to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = rusqlite::Connection::open(q.file()).unwrap();
    let mut pg = postgres::Client::connect(&server, postgres::NoTls).unwrap();
    for view in [
        "v_tickets",
        "v_events",
        "v_escalations",
        "v_notifications",
        "v_policies",
    ] {
        let stmt = file.prepare(&format!("SELECT * FROM {view}")).unwrap();
        let on_file: Vec<String> = stmt.column_names().map(str::to_string).collect();
        let on_server: Vec<String> = pg
            .prepare(&format!("SELECT * FROM {view}"))
            .unwrap()
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        assert_eq!(on_server, on_file, "{view}");
        let count_file: i64 = file
            .query_row(&format!("SELECT count(*) FROM {view}"), [], |r| r.get(0))
            .unwrap();
        let count_server: i64 = pg
            .query_one(&format!("SELECT count(*) FROM {view}"), &[])
            .unwrap()
            .get(0);
        assert_eq!(count_server, count_file, "{view} rows");
    }
    // The same instants, written the same way.
    let first_file: String = file
        .query_row(
            "SELECT opened_at FROM v_tickets ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let first_server: String = pg
        .query_one("SELECT opened_at FROM v_tickets ORDER BY id LIMIT 1", &[])
        .unwrap()
        .get(0);
    assert_eq!(first_server, first_file);
}
