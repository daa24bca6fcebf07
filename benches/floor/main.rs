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
//! For a tick, the least is to write what the tick wrote: given the queue
//! as the tick left it, bring a copy of the queue as it was before the tick
//! to the same state in one transaction, through the same indexes and
//! triggers, deciding nothing.
//!
//!     floor QUEUE.db                       # one command's worth, then exit
//!     floor QUEUE.db read SQL SINCE UNTIL  # SQL's rows, ?1 and ?2 bound
//!     floor BEFORE.db replay AFTER.db      # AFTER's new rows into BEFORE

use std::time::Duration;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let db = args
        .first()
        .expect("usage: floor QUEUE.db [read SQL SINCE UNTIL | replay AFTER.db]");
    let mut conn = rusqlite::Connection::open(db).expect("open the queue");
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert!(mode.eq_ignore_ascii_case("wal"), "the queue is in WAL mode");
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    conn.pragma_update(None, "cache_size", -32_768).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    match &args[1..] {
        [read, sql, since, until] if read == "read" => {
            let bound = |t: &String| t.parse::<i64>().expect("SINCE and UNTIL are Unix seconds");
            println!("{}", look_at_every_value(&conn, sql, bound(since), bound(until)));
            return;
        }
        [replay, after] if replay == "replay" => {
            println!("{}", write_what_was_written(&mut conn, after));
            return;
        }
        [] => {}
        _ => panic!("usage: floor QUEUE.db [read SQL SINCE UNTIL | replay AFTER.db]"),
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

/// Writes into this queue what `after` holds beyond it: the events and
/// notifications past its last, and each changed ticket's changed columns
/// (only those, as esc writes them, since SQLite rewrites an index entry
/// for every column assigned). Returns how many rows it wrote.
fn write_what_was_written(conn: &mut rusqlite::Connection, after: &str) -> usize {
    use rusqlite::types::Value;
    // As esc's tick: statement journals in memory.
    conn.pragma_update(None, "temp_store", "MEMORY").unwrap();
    conn.execute("ATTACH DATABASE ?1 AS after", [after]).unwrap();
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let mut written = 0;
    let changed: Vec<i64> = {
        let mut stmt = tx
            .prepare(
                "SELECT DISTINCT ticket_id FROM after.events
                 WHERE id > (SELECT max(id) FROM main.events)",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let columns: Vec<String> = {
        let stmt = tx.prepare("SELECT * FROM main.tickets LIMIT 0").unwrap();
        stmt.column_names().map(String::from).collect()
    };
    let row = |tx: &rusqlite::Transaction, schema: &str, id: i64| -> Vec<Value> {
        tx.prepare_cached(&format!("SELECT * FROM {schema}.tickets WHERE id = ?1"))
            .unwrap()
            .query_row([id], |r| {
                (0..columns.len()).map(|i| r.get::<_, Value>(i)).collect()
            })
            .unwrap()
    };
    for &id in &changed {
        let (before, now) = (row(&tx, "main", id), row(&tx, "after", id));
        let set: Vec<(&String, Value)> = columns
            .iter()
            .zip(before.into_iter().zip(now))
            .filter(|(_, (b, a))| b != a)
            .map(|(c, (_, a))| (c, a))
            .collect();
        if set.is_empty() {
            continue;
        }
        let assign: Vec<String> = set.iter().map(|(c, _)| format!("{c} = ?")).collect();
        let values = set.into_iter().map(|(_, v)| v).chain([Value::Integer(id)]);
        tx.prepare_cached(&format!(
            "UPDATE main.tickets SET {} WHERE id = ?",
            assign.join(", ")
        ))
        .unwrap()
        .execute(rusqlite::params_from_iter(values))
        .unwrap();
        written += 1;
    }
    for table in ["events", "outbox"] {
        written += tx
            .execute(
                &format!(
                    "INSERT INTO main.{table} SELECT * FROM after.{table}
                     WHERE id > (SELECT coalesce(max(id), 0) FROM main.{table})"
                ),
                [],
            )
            .unwrap();
    }
    tx.commit().unwrap();
    written
}
