//! `esc policy simulate` and `esc policy diff` on a real queue: the figures
//! by hand arithmetic, the tickets treated otherwise, one ticket's two
//! timelines, what a candidate cannot replay, and nothing written.

use serde_json::json;

use super::support::{Queue, printed, repo_file};

/// The default policy with each `(from, to)` edit made, written into the
/// queue's directory as `name`.
fn variant(q: &Queue, name: &str, edits: &[(&str, &str)]) {
    let mut text = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "the default has `{from}`");
        text = text.replace(from, to);
    }
    std::fs::write(q.path(name), text).unwrap();
}

/// The lines under "Treated otherwise:" of `--tickets`.
fn treated_otherwise(text: &str) -> Vec<&str> {
    text.lines()
        .skip_while(|l| *l != "Treated otherwise:")
        .skip(1)
        .collect()
}

const TIGHTER: (&str, &str) = ("first_response = \"4h\"", "first_response = \"2h\"");

/// Monday: two standard tickets opened at 09:00 (first response due in
/// 4h); #1 answered at 11:30, #2 never; cron ticks at 13:00, 15:00, 17:00.
fn two_tickets() -> Queue {
    two_tickets_and(|_| {})
}

/// The same day with `more` done between the reply and the first tick.
fn two_tickets_and(more: impl FnOnce(&Queue)) -> Queue {
    let q = Queue::new();
    q.open("09:00", "answered", &[]);
    q.open("09:00", "never answered", &[]);
    q.ok("ann", "11:30", &["respond", "1", "on it"]);
    more(&q);
    for at in ["13:00", "15:00", "17:00"] {
        q.ok("cron", at, &["tick"]);
    }
    q
}

#[test]
fn a_tighter_first_response_costs_what_hand_arithmetic_says_and_writes_nothing() {
    let q = two_tickets();
    variant(&q, "tight.toml", &[TIGHTER]);
    let stored = q.stored();
    let v = q.json(
        "dana",
        "18:00",
        &["policy", "simulate", "tight.toml", "--since", "2026-11-23"],
    );
    assert_eq!(q.stored(), stored, "a simulation writes nothing");
    assert_eq!(v["replayed"], 2);
    assert_eq!(v["unreplayable"], json!([]));
    let (was, would) = (&v["total"]["baseline"], &v["total"]["candidate"]);
    // 4h: #1's reply at 11:30 was in time; #2 breached at 13:00.
    assert_eq!(was["first_response"], json!({"met": 1, "breached": 1}));
    // 2h: both breached at 11:00, #1 half an hour before its reply.
    assert_eq!(would["first_response"], json!({"met": 0, "breached": 2}));
    // Warnings at 80%: of 4h at 12:12, when only #2 was unanswered; of 2h
    // at 10:36, both.
    assert_eq!(
        (was["warnings"].clone(), would["warnings"].clone()),
        (json!(1), json!(2))
    );
    // 4h: #2 up to L1 at 13:00 (no-reply/senior) and to L2 with the
    // escalation team at 15:00 (no-reply/manager, 2h after the breach).
    // 2h: #1 up to L1 at 11:00, its manager step at 13:00 skipped (the
    // reply came at 11:30); #2 to L1 at 11:00 and L2 at 13:00.
    assert_eq!(
        (&was["escalations"], &would["escalations"]),
        (
            &json!({"total": 2, "functional": 1, "hierarchical": 2, "automatic": 2}),
            &json!({"total": 3, "functional": 1, "hierarchical": 3, "automatic": 3})
        )
    );
    assert_eq!(was["top_level"], json!({"L0": 1, "L2": 1}));
    assert_eq!(would["top_level"], json!({"L1": 1, "L2": 1}));
    // Each escalation tells the escalation manager.
    assert_eq!(was["notifications"], json!({"dana": 2}));
    assert_eq!(would["notifications"], json!({"dana": 3}));
    assert_eq!(v["differing"], 2);

    let text = q.ok(
        "dana",
        "18:00",
        &[
            "policy",
            "simulate",
            "tight.toml",
            "--since",
            "2026-11-23",
            "--tickets",
        ],
    );
    let listed = treated_otherwise(&text);
    assert_eq!(
        listed,
        [
            "  #1: first response breached at 2026-11-23 11:00 instead of met; escalated to L1; notify dana (step no-reply/senior) at 2026-11-23 11:00",
            "  #2: escalated to L1; notify dana (step no-reply/senior) at 2026-11-23 11:00 instead of 2026-11-23 13:00",
        ]
    );
    assert!(
        text.contains(" first response met        50.0%      0.0%        -50.0 pts "),
        "{text}"
    );
    assert!(text.contains("2 tickets replayed; the candidate treats 2 otherwise."));
}

#[test]
fn one_ticket_shows_what_each_policy_did_on_its_own() {
    let q = two_tickets();
    variant(&q, "tight.toml", &[TIGHTER]);
    let text = q.ok(
        "dana",
        "18:00",
        &["policy", "simulate", "tight.toml", "--ticket", "2"],
    );
    assert_eq!(
        text,
        "\
#2 never answered, opened 2026-11-23 09:00, replayed up to 2026-11-23 18:00

Under the versions in force:
  2026-11-23 12:12  warned of the first response target
  2026-11-23 13:00  breached the first response target
  2026-11-23 13:00  escalated to L1; notify dana (step no-reply/senior)
  2026-11-23 15:00  escalated to L2 and team escalations; notify dana (step no-reply/manager)

Under tight.toml:
  2026-11-23 10:36  warned of the first response target
  2026-11-23 11:00  breached the first response target
  2026-11-23 11:00  escalated to L1; notify dana (step no-reply/senior)
  2026-11-23 13:00  escalated to L2 and team escalations; notify dana (step no-reply/manager)

First difference: escalated to L1; notify dana (step no-reply/senior) at 2026-11-23 11:00 instead of 2026-11-23 13:00
"
    );
    let v = q.json(
        "dana",
        "18:00",
        &["policy", "simulate", "tight.toml", "--ticket", "2"],
    );
    assert_eq!(v["differs"], true);
    assert_eq!(
        v["first_difference"],
        "escalated to L1; notify dana (step no-reply/senior) at 2026-11-23 11:00 instead of 2026-11-23 13:00"
    );
    let due = |side: &str| -> Vec<String> {
        v[side]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["due_at"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        due("candidate"),
        [
            "2026-11-23T10:36:00Z",
            "2026-11-23T11:00:00Z",
            "2026-11-23T11:00:00Z",
            "2026-11-23T13:00:00Z"
        ]
    );
    assert_eq!(due("baseline").len(), 4);
}

#[test]
fn under_its_own_versions_every_ticket_replays_and_nothing_differs() {
    // A second version from noon: every warning at half the target.
    let q = two_tickets_and(|q| {
        variant(q, "v2.toml", &[("warning = \"80%\"", "warning = \"50%\"")]);
        q.apply("v2.toml", "12:00");
        q.open("12:30", "after the change", &[]);
    });
    q.ok("bob", "17:30", &["contact", "3", "customer called"]);
    let v = q.json(
        "dana",
        "18:00",
        &["policy", "simulate", "v2.toml", "--since", "2026-11-23"],
    );
    // The baseline replays each ticket under the versions as they governed
    // it: every ticket gives back its log.
    assert_eq!(v["unreplayable"], json!([]));
    assert_eq!(v["versions"], json!([1, 2]));
    assert_eq!(v["replayed"], 3);
    // Under v2 from the start, #1 is warned at 11:00 (half of 4h), before
    // its reply at 11:30; under v1 its warning was due at 12:12, after.
    // #2's warning was 11:00 either way: v2 took over at 12:00, before any
    // tick, and a warning keeps its true instant. #3 was opened under v2.
    assert_eq!(v["differing"], 1);
    let text = q.ok(
        "dana",
        "18:00",
        &[
            "policy",
            "simulate",
            "v2.toml",
            "--since",
            "2026-11-23",
            "--tickets",
        ],
    );
    let listed = treated_otherwise(&text);
    assert_eq!(
        listed,
        ["  #1: warned of the first response target at 2026-11-23 11:00"]
    );
    // The version in force as the candidate, on what it governed alone.
    let same = q.ok(
        "dana",
        "18:00",
        &[
            "policy",
            "simulate",
            "v2.toml",
            "--since",
            "2026-11-23T12:00:00Z",
        ],
    );
    assert!(
        same.contains("1 ticket replayed; the candidate treats every one the same."),
        "{same}"
    );
    // Weeks later, with no tick since: each replay goes on past its log
    // (the resolution targets' warnings have come due, unrecorded yet),
    // and still every ticket gives back the log it has.
    let later = q.json(
        "dana",
        "2026-12-20T09:00:00Z",
        &["policy", "simulate", "v2.toml", "--since", "2026-11-23"],
    );
    assert_eq!(later["unreplayable"], json!([]));
    assert_eq!(later["replayed"], 3);
    assert!(
        later["total"]["baseline"]["warnings"].as_u64()
            > v["total"]["baseline"]["warnings"].as_u64(),
        "{later}"
    );
}

#[test]
fn what_the_candidate_cannot_express_is_left_out_and_said() {
    let q = two_tickets_and(|q| {
        let t = q.open("11:35", "angry customer", &[]).to_string();
        let why = ["--team", "escalations", "--reason", "threatens to leave"];
        q.ok(
            "ann",
            "11:40",
            &[&["escalate", t.as_str()][..], &why].concat(),
        );
    });
    // A flatter candidate: no escalation team, the manager step to L1.
    variant(
        &q,
        "flat.toml",
        &[
            (
                "[[teams]]\nid = \"escalations\"\nname = \"Escalation team\"\nlevel = \"L2\"\n",
                "",
            ),
            (
                "raise = \"L2\"\nteam = \"escalations\"\n",
                "raise = \"L1\"\n",
            ),
        ],
    );
    let text = q.ok(
        "dana",
        "18:00",
        &["policy", "simulate", "flat.toml", "--since", "2026-11-23"],
    );
    assert!(
        text.contains("2 tickets replayed; the candidate treats 1 otherwise (`--tickets` lists them). 1 ticket could not be replayed and is left out of both columns."),
        "{text}"
    );
    assert!(
        text.ends_with(
            "Could not replay:\n  #3 under flat.toml: escalated by ann at 2026-11-23T11:40:00Z: unknown team `escalations`; the policy defines: support, finance, technical\n"
        ),
        "{text}"
    );
    // One ticket's view says why instead of guessing.
    let err = q.fails(
        "dana",
        "18:00",
        &["policy", "simulate", "flat.toml", "--ticket", "3"],
        4,
    );
    assert!(
        err.contains("ticket #3 cannot be replayed under flat.toml: escalated by ann"),
        "{err}"
    );
}

#[test]
fn the_figures_print_as_csv_and_markdown_by_group() {
    let q = two_tickets();
    variant(&q, "tight.toml", &[TIGHTER]);
    let csv = q.ok(
        "dana",
        "18:00",
        &[
            "policy",
            "simulate",
            "tight.toml",
            "--since",
            "2026-11-23",
            "--by",
            "team",
            "--format",
            "csv",
        ],
    );
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "figure,team,baseline,candidate,change");
    // Both tickets stand with the escalation team or support as they are
    // now: #2 was moved by the manager step, #1 stayed.
    assert!(
        lines.contains(&"first response breached,escalations,1,1,0"),
        "{csv}"
    );
    assert!(
        lines.contains(&"first response breached,support,0,1,1"),
        "{csv}"
    );
    assert!(
        lines.contains(&"first response met,total,0.5000,0.0000,-0.5000"),
        "{csv}"
    );
    let md = q.ok(
        "dana",
        "18:00",
        &[
            "policy",
            "simulate",
            "tight.toml",
            "--since",
            "2026-11-23",
            "--format",
            "markdown",
        ],
    );
    assert!(
        md.starts_with("# esc policy simulate: tight.toml (`default`) against policy version 1\n"),
        "{md}"
    );
    assert!(md.contains("| figure | baseline | candidate | change |\n|---|---|---|---|\n| tickets | 2 | 2 | — |\n"), "{md}");
}

#[test]
fn a_bad_candidate_or_window_is_refused_with_the_fix() {
    let q = two_tickets();
    let err = q.fails("dana", "18:00", &["policy", "simulate", "missing.toml"], 5);
    assert!(err.contains("missing.toml"), "{err}");
    variant(&q, "tight.toml", &[TIGHTER]);
    let err = q.fails(
        "dana",
        "18:00",
        &[
            "policy",
            "simulate",
            "tight.toml",
            "--since",
            "2026-11-24",
            "--until",
            "2026-11-23",
        ],
        2,
    );
    assert!(err.contains("the window is empty"), "{err}");
}

#[test]
fn diff_names_changes_in_rule_terms_between_versions_and_files() {
    let q = Queue::new();
    variant(
        &q,
        "v2.toml",
        &[
            TIGHTER,
            ("id = \"manager\"", "id = \"team-lead\""),
            ("director = [\"lee\"]", "director = [\"lee\", \"kim\"]"),
        ],
    );
    q.apply("v2.toml", "10:00");
    let text = q.ok("dana", "11:00", &["policy", "diff", "1", "2"]);
    assert_eq!(
        text,
        "\
esc policy diff: version 1 → version 2
  role `director`: lee → lee, kim
  SLA rule `standard` first_response: 4h → 2h
  path `no-reply`: step `no-reply/manager` renamed `no-reply/team-lead`
"
    );
    let same = q.ok("dana", "11:00", &["policy", "diff", "2", "v2.toml"]);
    assert_eq!(
        same,
        "esc policy diff: version 2 → v2.toml\nNo change to any rule: the texts are the same.\n"
    );
    let err = q.fails("dana", "11:00", &["policy", "diff", "1", "3"], 2);
    assert!(
        err.contains("the queue has no policy version 3 (it has 1 to 2)"),
        "{err}"
    );
}

/// The output block docs/policy.md shows right after an `sh` block ending
/// with `command`, each line without trailing spaces.
fn readme_output_after(command: &str) -> String {
    let readme = std::fs::read_to_string(repo_file("docs/policy.md")).unwrap();
    let start = readme
        .find(&format!("{command}\n```\n```\n"))
        .unwrap_or_else(|| panic!("docs/policy.md shows no output of `{command}`"))
        + command.len()
        + "\n```\n```\n".len();
    let end = start + readme[start..].find("```\n").unwrap();
    trimmed(&readme[start..end])
}

fn trimmed(text: &str) -> String {
    text.lines()
        .map(|l| l.trim_end().to_string() + "\n")
        .collect()
}

#[test]
fn the_readme_example_is_what_the_demo_queue_gives() {
    let q = Queue::new();
    let out = q.bare().args(["demo", "--keep"]).output().unwrap();
    assert!(out.status.success());
    let said = String::from_utf8(out.stdout).unwrap();
    let queue = said
        .split("export ESC_DB=")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .expect("the demo says where it kept its queue")
        .to_string();
    // The demo keeps its queue in a directory of its own: gone at the end,
    // pass or fail.
    struct Removed(std::path::PathBuf);
    impl Drop for Removed {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    let _kept = Removed(std::path::Path::new(&queue).parent().unwrap().to_path_buf());
    let esc = |args: &[&str]| {
        let mut cmd = q.bare();
        cmd.env("ESC_DB", &queue)
            .env("ESC_NOW", "2026-11-24T09:00:00Z")
            .args(args);
        printed(cmd)
    };
    // docs/policy.md's edit of the policy the demo's queue keeps.
    let draft = esc(&["policy", "show", "--toml"])
        .lines()
        .map(|l| match l {
            "first_response = \"4h\"" => "first_response = \"15m\"",
            "after = \"2h\"" => "after = \"1h\"",
            other => other,
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(q.path("draft.toml"), draft).unwrap();
    for command in [
        "esc policy diff 1 draft.toml",
        "esc policy simulate draft.toml --since 2026-11-23 --tickets",
        "esc policy simulate draft.toml --ticket 1",
    ] {
        let args: Vec<&str> = command.split(' ').skip(1).collect();
        assert_eq!(
            trimmed(&esc(&args)),
            readme_output_after(command),
            "docs/policy.md's `{command}`"
        );
    }
}
