//! Many agents on one queue at once: separate processes, one file.

use std::process::Child;

use super::support::Queue;

fn wait_all(children: Vec<Child>) -> Vec<std::process::Output> {
    children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect()
}

#[test]
fn concurrent_opens_all_land_with_distinct_ids() {
    let q = Queue::new();
    let procs: Vec<Child> = (0..24)
        .map(|n| {
            q.esc(
                &format!("agent{}", n % 8),
                "09:00",
                &[
                    "open",
                    "--quiet",
                    "--title",
                    &format!("ticket {n}"),
                    "--customer",
                    "c",
                    "--channel",
                    "chat",
                    "--category",
                    "general",
                ],
            )
        })
        .map(|mut cmd| {
            cmd.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs = wait_all(procs);
    let mut ids: Vec<i64> = outputs
        .iter()
        .map(|o| {
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            String::from_utf8_lossy(&o.stdout).trim().parse().unwrap()
        })
        .collect();
    ids.sort();
    assert_eq!(ids, (1..=24).collect::<Vec<_>>());
    let all = q.json("ann", "10:00", &["list", "--limit", "0"]);
    assert_eq!(all.as_array().unwrap().len(), 24);
    for id in [1, 12, 24] {
        assert_eq!(q.kinds(id), ["opened"]);
    }
}

#[test]
fn concurrent_escalations_of_one_ticket_each_see_the_other() {
    let q = Queue::new();
    let id = q.open("09:00", "contested", &[]);
    let procs: Vec<Child> = (0..3)
        .map(|n| {
            let mut cmd = q.esc(
                &format!("agent{n}"),
                "09:30",
                &["escalate", "1", "--up", "--reason", "press"],
            );
            cmd.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs = wait_all(procs);
    assert!(
        outputs.iter().all(|o| o.status.success()),
        "three rungs are free above L0"
    );
    // Each escalation read the level the previous one wrote: L0 → L1 → L2 → L3.
    assert_eq!(q.ticket(id)["level"], "L3");
    let levels: Vec<String> = q
        .events(id)
        .iter()
        .filter(|e| e["kind"] == "escalated")
        .map(|e| {
            format!(
                "{}→{}",
                e["level"]["from"].as_str().unwrap(),
                e["level"]["to"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(levels, ["L0→L1", "L1→L2", "L2→L3"]);

    let fourth = q.fails(
        "agent9",
        "09:31",
        &["escalate", "1", "--up", "--reason", "again"],
        4,
    );
    assert!(fourth.contains("already at the top level"), "{fourth}");
}
