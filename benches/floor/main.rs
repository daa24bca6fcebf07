//! The floor under every `esc` figure in `benches/side_by_side.rs`: the
//! least a program can do for an agent's command on the same queue. It
//! opens the queue file with the settings `esc` uses, and in one immediate
//! transaction inserts one row into a table of its own, as every command
//! that changes a ticket must at least do. No policy, no ticket, no event.
//!
//! For a report over the whole queue, the least is to read the rows and
//! columns the report reads, by the same index, and look at every value:
//! no decoding into tickets, no adding up.
//!
//!     floor QUEUE.db                       # one command's worth, then exit
//!     floor QUEUE.db read SQL SINCE UNTIL  # SQL's rows, ?1 and ?2 bound

use std::time::Duration;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let db = args.first().expect("usage: floor QUEUE.db [read SQL SINCE UNTIL]");
    let mut conn = rusqlite::Connection::open(db).expect("open the queue");
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert!(mode.eq_ignore_ascii_case("wal"), "the queue is in WAL mode");
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    conn.pragma_update(None, "cache_size", -32_768).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    if let [_, read, sql, since, until] = &args[..] {
        assert_eq!(read, "read", "usage: floor QUEUE.db read SQL SINCE UNTIL");
        let bound = |t: &String| t.parse::<i64>().expect("SINCE and UNTIL are Unix seconds");
        println!("{}", look_at_every_value(&conn, sql, bound(since), bound(until)));
        return;
    }
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

/// How many values `sql` gives; each is looked at (a number's value, a
/// text's length), so none goes unread.
fn look_at_every_value(conn: &rusqlite::Connection, sql: &str, since: i64, until: i64) -> u64 {
    use rusqlite::types::ValueRef;
    let mut stmt = conn.prepare(sql).expect("the report's query");
    let columns = stmt.column_count();
    let mut rows = stmt.query([since, until]).unwrap();
    let (mut seen, mut sum) = (0_u64, 0_i64);
    while let Some(row) = rows.next().unwrap() {
        for i in 0..columns {
            sum = sum.wrapping_add(match row.get_ref(i).unwrap() {
                ValueRef::Integer(n) => n,
                ValueRef::Text(t) => t.len() as i64,
                _ => 0,
            });
            seen += 1;
        }
    }
    std::hint::black_box(sum);
    seen
}
