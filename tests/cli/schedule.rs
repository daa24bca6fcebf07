//! The schedule `esc init` prints works where it will run: the crontab
//! line under cron's bare environment.

use std::process::Command;

use super::support::Queue;

#[test]
fn the_crontab_line_init_prints_ticks_the_queue_under_crons_bare_environment() {
    let q = Queue::empty();
    let init = q.json("manager", "2026-11-23T08:00:00Z", &["init"]);
    let line = init["crontab"].as_str().unwrap().to_string();
    assert!(
        line.starts_with("*/5 * * * * /"),
        "an absolute path: {line}"
    );
    q.open("09:00", "never answered", &[]);

    // What cron does: `sh -c` with PATH=/usr/bin:/bin and little else.
    // (The clock is fixed, as in every test: cron would not set it.)
    let command = esc::schedule::crontab_command(&line).unwrap();
    let out = Command::new("/bin/sh")
        .args(["-c", &command])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("ESC_NOW", "2026-11-24T12:00:00Z")
        .current_dir("/")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{command}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.starts_with("tick 2026-11-24T12:00:00Z: 2 escalations"),
        "{said}"
    );
    assert_eq!(q.ticket(1)["level"], "L2");
}

#[test]
fn init_prints_a_systemd_timer_that_catches_up_after_downtime() {
    let q = Queue::empty();
    let init = q.json("manager", "2026-11-23T08:00:00Z", &["init"]);
    let service = init["systemd_service"].as_str().unwrap();
    let timer = init["systemd_timer"].as_str().unwrap();
    assert!(service.contains("Type=oneshot"), "{service}");
    let exec = service
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .unwrap();
    assert!(exec.starts_with('/') && exec.ends_with(" tick"), "{exec}");
    assert!(timer.contains("Persistent=true"), "{timer}");
}
