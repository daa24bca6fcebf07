//! The lines that run `esc tick` on a schedule, for the queue `esc init`
//! made: a crontab entry and a systemd service and timer. Cron runs its
//! lines with `sh` and a PATH of `/usr/bin:/bin`, so the entry names the
//! binary and the queue by absolute path; nothing here touches the system.

/// How often the tick runs, in minutes.
pub const EVERY_MINUTES: u32 = 5;

/// A word as `sh` reads it back unchanged.
fn sh_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+=:,@".contains(&b));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The command that ticks the queue at `db`, as `sh` reads it.
pub fn command(exe: &str, db: &str) -> String {
    [exe, "--db", db, "tick"]
        .iter()
        .map(|w| sh_quote(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A crontab line. `%` ends a crontab command (the rest is its input), so
/// every one in the command is escaped.
pub fn crontab(exe: &str, db: &str) -> String {
    format!(
        "*/{EVERY_MINUTES} * * * * {}",
        command(exe, db).replace('%', r"\%")
    )
}

/// The command part of a crontab line as `sh` would be given it: the
/// schedule's five fields gone and `\%` back to `%`.
pub fn crontab_command(line: &str) -> Option<String> {
    let mut rest = line.trim_start();
    for _ in 0..5 {
        let end = rest.find(char::is_whitespace)?;
        rest = rest[end..].trim_start();
    }
    Some(rest.replace(r"\%", "%"))
}

/// A word of an `ExecStart=` line: systemd reads `%` as a specifier and
/// splits on spaces unless quoted.
fn systemd_quote(word: &str) -> String {
    let word = word.replace('%', "%%");
    if word.contains([' ', '"', '\\', '\'', ';']) {
        format!("\"{}\"", word.replace('\\', r"\\").replace('"', "\\\""))
    } else {
        word
    }
}

/// A systemd service and timer for the tick, as user units.
pub fn systemd(exe: &str, db: &str, shown: &str) -> (String, String) {
    let exec: Vec<String> = [exe, "--db", db, "tick"]
        .iter()
        .map(|w| systemd_quote(w))
        .collect();
    let service = format!(
        "[Unit]\nDescription=esc tick: time-based escalations and notifications for {shown}\n\n\
         [Service]\nType=oneshot\nExecStart={}\n",
        exec.join(" ")
    );
    let timer = format!(
        "[Unit]\nDescription=esc tick every {EVERY_MINUTES} minutes\n\n\
         [Timer]\nOnCalendar=*:0/{EVERY_MINUTES}\nPersistent=true\n\n\
         [Install]\nWantedBy=timers.target\n"
    );
    (service, timer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crontab_line_names_everything_by_absolute_path_and_escapes_what_cron_and_sh_read() {
        assert_eq!(
            crontab("/usr/local/bin/esc", "/srv/esc/queue.db"),
            "*/5 * * * * /usr/local/bin/esc --db /srv/esc/queue.db tick"
        );
        let line = crontab("/opt/my tools/esc", "/srv/it's 100%/q.db");
        assert_eq!(
            line,
            r"*/5 * * * * '/opt/my tools/esc' --db '/srv/it'\''s 100\%/q.db' tick"
        );
        assert_eq!(
            crontab_command(&line).unwrap(),
            r"'/opt/my tools/esc' --db '/srv/it'\''s 100%/q.db' tick"
        );
    }

    #[test]
    fn a_systemd_timer_runs_a_oneshot_service_and_catches_up_after_downtime() {
        let (service, timer) = systemd("/usr/bin/esc", "/srv/q 1%.db", "/srv/q 1%.db");
        assert!(service.contains("Type=oneshot\n"), "{service}");
        assert!(
            service.contains("ExecStart=/usr/bin/esc --db \"/srv/q 1%%.db\" tick\n"),
            "{service}"
        );
        assert!(timer.contains("OnCalendar=*:0/5\n"), "{timer}");
        assert!(timer.contains("Persistent=true\n"), "{timer}");
    }
}
