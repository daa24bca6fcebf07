//! The floor under every `esc` figure in `benches/side_by_side.rs`: the
//! least a program can do for an agent's command on the same queue. It
//! opens the queue file with the settings `esc` uses, and in one immediate
//! transaction inserts one row into a table of its own, as every command
//! that changes a ticket must at least do. No policy, no ticket, no event.
//!
//!     floor QUEUE.db         # one command's worth, then exit

use std::time::Duration;

fn main() {
    let db = std::env::args().nth(1).expect("usage: floor QUEUE.db");
    let mut conn = rusqlite::Connection::open(db).expect("open the queue");
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert!(mode.eq_ignore_ascii_case("wal"), "the queue is in WAL mode");
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    conn.pragma_update(None, "cache_size", -32_768).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    tx.execute(
        "CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL)",
        [],
    )
    .unwrap();
    tx.execute(
        "INSERT INTO floor (at, body) VALUES (?1, ?2)",
        rusqlite::params![1_795_000_000_i64, "working on it"],
    )
    .unwrap();
    tx.commit().unwrap();
}
