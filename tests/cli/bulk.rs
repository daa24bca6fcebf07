//! One command on several tickets: each in its own transaction, each
//! reported, the exit code the worst of theirs.

use std::io::Write;
use std::process::Stdio;

use super::support::Queue;

#[test]
fn several_tickets_change_each_on_its_own_and_a_refusal_leaves_the_others() {
    let q = Queue::manual();
    for n in 1..=3 {
        q.open("09:00", &format!("ticket {n}"), &[]);
    }
    assert_eq!(
        q.ok("ann", "09:10", &["assign", "1", "2", "3", "--to", "bob"]),
        "#1 assigned to bob\n#2 assigned to bob\n#3 assigned to bob\n"
    );
    // The old way still reads: ids, then the name.
    assert_eq!(
        q.ok("ann", "09:11", &["assign", "#2", "carol"]),
        "#2 assigned to carol\n"
    );
    assert_eq!(
        q.ok("ann", "09:12", &["tag", "1", "3", "vip", "--add", "late"]),
        "#1 tags: vip late\n#3 tags: vip late\n"
    );

    // Ticket 9 does not exist and 2 is resolved already: 1 and 3 resolve,
    // each failure is told, and the exit code is the worst (4, refused).
    q.ok(
        "ann",
        "09:20",
        &["resolve", "2", "-s", "done", "-c", "process"],
    );
    let out = q
        .esc(
            "ann",
            "09:30",
            &[
                "resolve", "1", "9", "2", "3", "-s", "fixed", "-c", "process",
            ],
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        said,
        "#1 resolved (root cause process)\n#3 resolved (root cause process)\n"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no ticket #9"), "{err}");
    assert!(err.contains("#2"), "{err}");
    assert!(err.contains("2 of 4 tickets were not changed"), "{err}");
    for id in [1, 3] {
        assert_eq!(q.ticket(id)["status"], "resolved");
    }
}

#[test]
fn ids_can_come_from_standard_input() {
    let q = Queue::manual();
    for n in 1..=3 {
        q.open("09:00", &format!("ticket {n}"), &[]);
    }
    let mut child = q
        .esc(
            "ann",
            "09:10",
            &["escalate", "-", "--team", "finance", "-r", "billing"],
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"1\n#3 1\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(said.lines().count(), 2, "each id once: {said}");
    assert_eq!(q.ticket(1)["team"], "finance");
    assert_eq!(q.ticket(2)["team"], "support");
    assert_eq!(q.ticket(3)["team"], "finance");
    let err = q.fails("ann", "09:20", &["tag", "x1", "vip"], 2);
    assert!(err.contains("name at least one ticket"), "{err}");
}
