//! `esc policy check` and `show` against folders of valid and invalid
//! policies; each invalid one says, in its first line, what must be reported.

use super::support::{Queue, repo_file};

fn toml_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(repo_file(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no policies in {dir}");
    files
}

#[test]
fn every_valid_policy_and_sample_passes_check() {
    let q = Queue::new();
    for dir in ["tests/policies/valid", "sample-policies"] {
        for file in toml_files(dir) {
            let out = q
                .bare()
                .args(["policy", "check"])
                .arg(&file)
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{}: {}",
                file.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(stdout.contains(": ok — policy `"), "{stdout}");
            // A sample leaves to the team how to reach the people it
            // notifies, and says so; nothing else draws a warning.
            let stderr = String::from_utf8_lossy(&out.stderr);
            let warnings: Vec<&str> = stderr
                .lines()
                .filter(|l| l.starts_with("warning:"))
                .collect();
            let unreachable = warnings
                .iter()
                .filter(|w| w.contains("the policy gives no way to reach"))
                .count();
            match dir {
                "sample-policies" => assert_eq!(unreachable, warnings.len(), "{stderr}"),
                _ => assert!(warnings.is_empty(), "{}: {stderr}", file.display()),
            }
        }
    }
}

/// Check every policy in `dir` against its `# MARK: LINE:COL MESSAGE` lines
/// (`-` for no location): `esc policy check` exits with `code` and prints
/// exactly those problems, as `label:` lines, each at its place.
fn check_folder(dir: &str, mark: &str, label: &str, code: i32) {
    let q = Queue::new();
    for file in toml_files(dir) {
        let text = std::fs::read_to_string(&file).unwrap();
        let prefix = format!("# {mark}: ");
        let expected: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix(prefix.as_str()))
            .collect();
        let name = file.display().to_string();
        assert!(!expected.is_empty(), "{name} has no `{prefix}` line");
        let out = q
            .bare()
            .args(["policy", "check"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{name}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            err.matches(&format!("{label}: ")).count(),
            expected.len(),
            "{name}:\n{err}"
        );
        for e in &expected {
            let (place, message) = e.split_once(' ').unwrap();
            if place != "-" {
                assert!(
                    err.contains(&format!("--> {name}:{place}\n")),
                    "{name}: expected at {place}:\n{err}"
                );
            }
            assert!(
                err.contains(message),
                "{name}: expected {message:?}:\n{err}"
            );
        }
    }
}

#[test]
fn every_invalid_policy_is_refused_with_each_problem_located() {
    check_folder("tests/policies/invalid", "expect", "error", 5);
}

#[test]
fn warnings_are_located_and_do_not_fail_the_check() {
    check_folder("tests/policies/warn", "warn", "warning", 0);
    let q = Queue::new();
    let out = q
        .bare()
        .args(["policy", "check"])
        .arg(repo_file("tests/policies/warn/shadowed.toml"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("(3 warnings)"));
}

#[test]
fn show_prints_the_policy_in_force_and_the_embedded_text_is_the_sample() {
    let q = Queue::new();
    let text = q.ok("ann", "09:00", &["policy", "show"]);
    assert!(
        text.starts_with("policy `default`, version 1 of the queue's (in force)"),
        "{text}"
    );
    let l2 = text
        .lines()
        .find(|l| l.trim_start().starts_with("L2 "))
        .unwrap();
    let words: Vec<&str> = l2.split_whitespace().collect();
    assert_eq!(words, ["L2", "Supervisor", "escalations", "dana,", "lee"]);
    assert!(
        text.contains("product-bug") && text.contains("Billing and payments"),
        "{text}"
    );
    let toml = q.ok("ann", "09:00", &["policy", "show", "--toml"]);
    assert_eq!(
        toml,
        std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap()
    );
    let json = q.json("ann", "09:00", &["policy", "show"]);
    assert_eq!(json["levels"][3]["id"], "L3");
    assert_eq!(json["defaults"]["team"], "support");
}

#[test]
fn a_custom_policy_drives_the_commands() {
    let q = Queue::with_policy(
        &std::fs::read_to_string(repo_file("tests/policies/valid/two-levels.toml")).unwrap(),
    );
    q.ok(
        "ann",
        "09:00",
        &[
            "open",
            "--title",
            "t",
            "--customer",
            "c",
            "--channel",
            "web",
            "--category",
            "billing",
        ],
    );
    q.ok("ann", "09:10", &["escalate", "1", "--up", "--reason", "r"]);
    let err = q.fails(
        "ann",
        "09:20",
        &["escalate", "1", "--up", "--reason", "r"],
        4,
    );
    assert!(
        err.contains("already at the top level, T2 (Tier two)"),
        "{err}"
    );
    let err = q.fails(
        "ann",
        "09:20",
        &[
            "resolve",
            "1",
            "--summary",
            "s",
            "--root-cause",
            "product-bug",
        ],
        2,
    );
    assert!(err.contains("the policy defines: bug, user"), "{err}");
}

/// `policy show` says how each person is reached (never a secret), how
/// delivery tries, and what customers are sent.
#[test]
fn policy_show_lists_people_delivery_and_customer_updates() {
    let q = Queue::with_default_and(|_| {
        "[people.dana]\nemail = \"dana@example.com\"\ncalendar = \"office\"\n\n\
         [people.fay]\nwebhook_env = \"ESC_FAY_HOOK\"\ntoken_env = \"ESC_FAY_TOKEN\"\n\n\
         [[calendars]]\nid = \"office\"\ntimezone = \"Europe/Berlin\"\nhours = { mon-fri = [\"09:00-17:00\"] }\n\n\
         [delivery]\ndigest = true\n\n\
         [delivery.smtp]\nhost = \"smtp.example.com\"\nfrom = \"Support <esc@example.com>\"\n\
         username = \"esc\"\npassword_env = \"ESC_SMTP_PASSWORD\"\n\n\
         [[customer_updates]]\nid = \"specialists\"\non = \"escalated\"\nteams = [\"finance\"]\n\
         subject = \"#{ticket} is with our {team} team\"\ntext = \"Dear {customer}\"\n\n\
         [mail]\nreopen_within = \"7d\"\n\n\
         [[mail.routes]]\nto = [\"billing@example.com\"]\nteam = \"finance\"\n\n\
         [mail.imap]\nhost = \"imap.example.com\"\nusername = \"support\"\npassword_env = \"ESC_IMAP_PASSWORD\"\nmove_to = \"Done\"\n"
            .to_string()
    });
    let shown = q.ok("ann", "09:00", &["policy", "show"]);
    let from = shown.find("\nPeople\n").expect("a People section");
    let to = shown.find("\nSLA targets").unwrap();
    assert_eq!(
        &shown[from..to],
        "
People
 PERSON   REACHED BY                             HOURS    
──────────────────────────────────────────────────────────
 dana     e-mail to dana@example.com             office   
 fay      webhook at $ESC_FAY_HOOK               any time 
 lee      no way yet: their notifications wait   any time 

Delivery: 5 attempts, at most 10s each
  a person's due notifications go as one digest
  agents' commands start a deliverer as they return
  e-mail through smtp.example.com:587 (STARTTLS) from Support <esc@example.com>

Mail in: esc mail fetch reads INBOX on imap.example.com:993 (TLS) as support, then moves it to Done
  a reply reopens a resolved ticket within 7d; attachments over 10MB are dropped;
  one address is acknowledged at most 3 times a day
  new mail takes the first route that matches, else the defaults
 MAIL TO               SUBJECT HAS   TEAM      CATEGORY    PRIORITY 
────────────────────────────────────────────────────────────────────
 billing@example.com   any           finance   technical   normal   

Customer updates (by e-mail; the first that matches an event applies)
 CUSTOMER UPDATE   ON                     SUBJECT                           
────────────────────────────────────────────────────────────────────────────
 specialists       escalated to finance   #{ticket} is with our {team} team 
"
    );
}

/// The first ```toml block after `heading` in README.
fn readme_toml(heading: &str) -> String {
    let readme = std::fs::read_to_string(repo_file("README.md")).unwrap();
    let from = readme
        .find(heading)
        .unwrap_or_else(|| panic!("README has {heading}"));
    let block = &readme[from..];
    let start = block.find("```toml\n").unwrap() + "```toml\n".len();
    block[start..start + block[start..].find("```").unwrap()].to_string()
}

/// README's mail settings, the IMAP account and the routes, check on the
/// default policy, and `policy show` says what they do.
#[test]
fn the_readme_mail_settings_check_and_show() {
    let imap = readme_toml("**Fetching instead.**");
    let routes = readme_toml("**Where new mail goes.**");
    let q = Queue::new();
    let default = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    std::fs::write(q.path("mail.toml"), format!("{default}\n{routes}\n{imap}")).unwrap();
    q.apply("mail.toml", "09:00");
    let shown = q.ok("ann", "09:05", &["policy", "show"]);
    let from = shown.find("\nMail in").unwrap();
    let to = from + shown[from..].find("\n\n").unwrap();
    assert_eq!(
        &shown[from..to],
        "
Mail in: esc mail fetch reads INBOX on imap.example.com:993 (TLS) as support@example.com, then moves it to Processed
  a reply reopens a resolved ticket within 14d; attachments over 10MB are dropped;
  one address is acknowledged at most 3 times a day
  new mail takes the first route that matches, else the defaults
 MAIL TO               SUBJECT HAS         TEAM      CATEGORY    PRIORITY 
──────────────────────────────────────────────────────────────────────────
 billing@example.com   any                 finance   financial   normal   
 any                   outage, site down   support   technical   urgent   "
    );
}

/// README's first address, added to the copy `esc init` writes, checks:
/// dana is reached, and only lee is still said to be out of reach.
#[test]
fn the_readme_first_address_makes_dana_reachable() {
    let snippet = readme_toml("**Reaching them.**");
    let q = Queue::new();
    let default = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
    std::fs::write(q.path("esc-policy.toml"), format!("{default}\n{snippet}")).unwrap();
    let out = q
        .bare()
        .args(["policy", "check", "esc-policy.toml"])
        .current_dir(q.dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("`dana`"), "{stderr}");
    assert!(
        stderr.contains("whose member `lee` the policy gives no way to reach"),
        "{stderr}"
    );
}
