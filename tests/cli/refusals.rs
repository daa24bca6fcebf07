//! Every transition the lifecycle refuses: a clear message, the documented
//! exit code, and nothing written.

use super::support::Queue;

const REFUSED: i32 = 4;
const USAGE: i32 = 2;

/// Assert that a refusal leaves the ticket's timeline as it was.
fn refused(q: &Queue, id: i64, who: &str, args: &[&str], code: i32, says: &str) {
    let before = q.events(id).len();
    let err = q.fails(who, "20:00", args, code);
    assert!(
        err.contains(says),
        "esc {args:?}: expected {says:?} in\n{err}"
    );
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(q.events(id).len(), before, "esc {args:?} wrote something");
}

#[test]
fn escalation_refusals() {
    let q = Queue::manual();
    let id = q.open("09:00", "t", &[]);
    refused(
        &q,
        id,
        "ann",
        &["escalate", "1", "--team", "moon", "--reason", "r"],
        USAGE,
        "unknown team `moon`; the policy defines: support, finance, technical, escalations",
    );
    refused(
        &q,
        id,
        "ann",
        &["escalate", "1", "--level", "L9", "--reason", "r"],
        USAGE,
        "unknown level `L9` (levels: L0, L1, L2, L3)",
    );
    refused(
        &q,
        id,
        "ann",
        &["escalate", "1", "--team", "support", "--reason", "r"],
        REFUSED,
        "ticket #1 is already with team support\nhint: add --up or --level to escalate within the team",
    );
    refused(
        &q,
        id,
        "ann",
        &["escalate", "1", "--reason", "r"],
        USAGE,
        "say where to escalate: --team T (functional), --up or --level L (hierarchical)",
    );
    refused(
        &q,
        id,
        "ann",
        &["escalate", "1", "--up"],
        USAGE,
        "missing --reason",
    );
    refused(
        &q,
        id,
        "ann",
        &["escalate", "1", "--up", "--reason", " "],
        USAGE,
        "--reason must not be empty",
    );
    refused(
        &q,
        id,
        "ann",
        &["escalate", "1", "--up", "--level", "L2", "--reason", "r"],
        USAGE,
        "cannot be used with",
    );

    q.ok(
        "ann",
        "10:00",
        &[
            "escalate",
            "1",
            "--level",
            "L3",
            "--reason",
            "straight to the top",
        ],
    );
    refused(
        &q,
        id,
        "ann",
        &["escalate", "1", "--up", "--reason", "r"],
        REFUSED,
        "ticket #1 is already at the top level, L3 (Director); there is no level above it",
    );
    refused(
        &q,
        id,
        "ann",
        &["escalate", "1", "--level", "L1", "--reason", "r"],
        REFUSED,
        "escalation goes up, and L1 is not above it",
    );

    q.ok(
        "ann",
        "11:00",
        &["resolve", "1", "--summary", "s", "--root-cause", "process"],
    );
    refused(
        &q,
        id,
        "ann",
        &["escalate", "1", "--team", "finance", "--reason", "r"],
        REFUSED,
        "ticket #1 waits for sign-off of its resolution",
    );
    q.ok("lee", "11:30", &["signoff", "1"]);
    refused(
        &q,
        id,
        "ann",
        &["escalate", "1", "--team", "finance", "--reason", "r"],
        REFUSED,
        "ticket #1 is resolved; only a live ticket can be escalated",
    );
}

#[test]
fn lifecycle_refusals() {
    let q = Queue::manual();
    let id = q.open("09:00", "t", &["--assignee", "ann"]);
    refused(
        &q,
        id,
        "ann",
        &["resume", "1"],
        REFUSED,
        "ticket #1 is open, not pending",
    );
    refused(
        &q,
        id,
        "ann",
        &["reopen", "1"],
        REFUSED,
        "ticket #1 is open, not resolved",
    );
    refused(
        &q,
        id,
        "ann",
        &["signoff", "1"],
        REFUSED,
        "only a resolution awaiting sign-off can be signed",
    );
    refused(
        &q,
        id,
        "ann",
        &["assign", "1", "ann"],
        REFUSED,
        "already assigned to ann",
    );
    refused(
        &q,
        id,
        "ann",
        &["tag", "1", "--remove", "absent"],
        REFUSED,
        "nothing changed",
    );
    refused(
        &q,
        id,
        "ann",
        &["tag", "1", "two words"],
        USAGE,
        "invalid tag `two words`",
    );
    refused(
        &q,
        id,
        "ann",
        &["note", "1", "   "],
        USAGE,
        "the note text must not be empty",
    );
    refused(
        &q,
        id,
        "ann",
        &["resolve", "1", "--summary", "s", "--root-cause", "gremlins"],
        USAGE,
        "unknown root cause `gremlins` for --root-cause; the policy defines: product-bug",
    );
    refused(
        &q,
        id,
        "ann",
        &["csat", "1", "6"],
        USAGE,
        "6 is not in 1..=5",
    );
    q.ok("ann", "10:00", &["pending", "1"]);
    refused(
        &q,
        id,
        "ann",
        &["pending", "1"],
        REFUSED,
        "ticket #1 is pending; only an open ticket can wait",
    );

    q.ok(
        "ann",
        "11:00",
        &["resolve", "1", "--summary", "s", "--root-cause", "process"],
    );
    refused(
        &q,
        id,
        "ann",
        &["resolve", "1", "--summary", "s", "--root-cause", "process"],
        REFUSED,
        "ticket #1 is already resolved",
    );
    for args in [
        &["respond", "1"][..],
        &["contact", "1"],
        &["assign", "1", "bob"],
    ] {
        refused(
            &q,
            id,
            "ann",
            args,
            REFUSED,
            "ticket #1 is resolved; cannot",
        );
    }
    let err = q.fails("ann", "20:00", &["contact", "1"], REFUSED);
    assert!(
        err.contains("hint: `esc reopen 1` reopens it first"),
        "{err}"
    );
}

#[test]
fn time_cannot_run_backwards_on_a_ticket() {
    let q = Queue::manual();
    let id = q.open("09:00", "t", &[]);
    q.ok("ann", "10:00", &["note", "1", "later"]);
    let before = q.events(id).len();
    let err = q.fails("ann", "09:30", &["note", "1", "earlier"], REFUSED);
    assert!(
        err.contains("is before ticket #1's last change (2026-11-23T10:00:00Z)"),
        "{err}"
    );
    assert!(err.contains("hint: check --now / ESC_NOW"), "{err}");
    assert_eq!(q.events(id).len(), before);
}

/// The refusal is judged on the ticket as the overdue automation leaves it,
/// which `esc show` lists only once a tick records it: the message says so.
#[test]
fn a_refusal_after_overdue_escalations_says_they_were_applied_first() {
    let q = Queue::new();
    q.open("09:00", "no reply", &[]);
    let err = q.fails(
        "ann",
        "15:30",
        &["escalate", "1", "--level", "L2", "-r", "x"],
        4,
    );
    assert!(
        err.contains(
            "ticket #1 is already at L2 (Supervisor); escalation goes up, and L2 is not above it \
             (judged after 2 overdue escalations took it from L0 to L2 and moved it from team \
             support to escalations, due since 2026-11-23T13:00:00Z; the next `esc tick` records them)"
        ),
        "{err}"
    );
    assert_eq!(q.ticket(1)["level"], "L0", "the refusal wrote nothing");
    q.ok("cron", "15:30", &["tick"]);
    let err = q.fails(
        "ann",
        "15:31",
        &["escalate", "1", "--level", "L2", "-r", "x"],
        4,
    );
    assert!(!err.contains("judged after"), "nothing overdue now: {err}");
}
