use super::*;

fn problems(text: &str) -> Vec<String> {
    Policy::parse(text, "t.toml")
        .unwrap_err()
        .problems
        .into_iter()
        .map(|p| match p.location {
            Some(l) => format!("{}:{}: {}", l.line, l.column, p.message),
            None => p.message,
        })
        .collect()
}

/// A policy of many rules is checked in time that grows with them, not
/// with their square (100,000 SLA rules took 75 s), and one past the
/// bounds is refused with what the bound is.
#[test]
fn a_policy_past_the_bounds_is_refused_saying_so() {
    let rule = |i: usize| {
        format!(
            "\n[[sla]]\nid = \"r{i}\"\nmatch = {{ tags = [\"t{i}\"] }}\nfirst_response = \"1h\"\n"
        )
    };
    // The default's two rules, and as many more as are taken.
    let many: String = (2..MAX_ENTRIES).map(rule).collect();
    let within = format!("{DEFAULT_POLICY}{many}");
    let p = Policy::parse(&within, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.sla.len(), MAX_ENTRIES);
    assert!(
        p.warnings.len() >= MAX_ENTRIES - 2,
        "each rule after the catch-all is shadowed"
    );
    let found = problems(&format!("{within}{}", rule(MAX_ENTRIES)));
    assert_eq!(
        found,
        [
            "the policy has 1001 `sla` entries; esc takes at most 1000 of each: fewer, broader ones say the same"
        ]
    );
    let padded = format!("{DEFAULT_POLICY}\n# {}\n", "x".repeat(MAX_TEXT));
    let found = problems(&padded);
    assert!(
        found[0].starts_with(&format!(
            "the policy is {} KiB; esc reads policies of at most 1024 KiB",
            padded.len() / 1024
        )),
        "{found:?}"
    );
}

fn default_with(find: &str, replace: &str) -> String {
    assert!(
        DEFAULT_POLICY.contains(find),
        "default policy lacks {find:?}"
    );
    DEFAULT_POLICY.replacen(find, replace, 1)
}

#[test]
fn the_embedded_default_is_valid() {
    let p = Policy::embedded();
    assert_eq!(Policy::ids(&p.levels), "L0, L1, L2, L3");
    assert_eq!(p.origin, EMBEDDED);
    assert!(p.team(&p.defaults.team).is_some());
}

#[test]
fn unknown_keys_are_errors_with_line_and_column() {
    let text = "name = \"x\"\ncolour = \"red\"\n";
    let found = problems(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("2:1: unknown field `colour`"),
        "{found:?}"
    );
}

#[test]
fn a_target_its_calendar_cannot_reach_within_ten_years_is_an_error() {
    let sundays = "[[calendars]]\nid = \"sundays\"\ntimezone = \"UTC\"\nhours = { sun = [\"10:00-11:00\"] }\n\n[[sla]]\nid = \"standard\"\ncalendar = \"sundays\"";
    let reachable = default_with("[[sla]]\nid = \"standard\"", sundays)
        .replacen("first_response = \"4h\"", "first_response = \"200h\"", 1)
        .replacen("resolution = \"30d\"", "resolution = \"300h\"", 1);
    let p = Policy::parse(&reachable, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.calendar("sundays").unwrap().weekly_open_seconds(), 3600);
    let far = reachable.replacen("resolution = \"300h\"", "resolution = \"600h\"", 1);
    let found = problems(&far);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains(
            "resolution 25d would take about 11 years on calendar `sundays`, open 1h a week; \
             a target must come due within 10 years"
        ),
        "{found:?}"
    );
}

#[test]
fn people_and_delivery_rules_are_checked() {
    let ok = format!(
        "{DEFAULT_POLICY}\n[people.dana]\ncommand = [\"notify\", \"--urgent\"]\n\n[delivery]\nattempts = 3\ntimeout = \"30s\"\n"
    );
    let p = Policy::parse(&ok, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        p.people["dana"].reach,
        Some(Reach::Command(vec!["notify".into(), "--urgent".into()]))
    );
    assert_eq!((p.delivery.attempts, p.delivery.timeout.as_secs()), (3, 30));
    assert_eq!(Policy::embedded().delivery, DeliveryRules::default());

    let bad = format!(
        "{DEFAULT_POLICY}\n[people.dana]\ncommand = []\n\n[delivery]\nattempts = 0\ntimeout = \"10m\"\n"
    );
    let found = problems(&bad);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found
            .iter()
            .any(|f| f.contains("the command for `dana` needs a program")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.contains("delivery.attempts must be between 1 and 50"))
    );
    assert!(
        found
            .iter()
            .any(|f| f.contains("delivery.timeout must be between 1s and 5m"))
    );

    let hooks = format!(
        "{DEFAULT_POLICY}\n[people.dana]\nwebhook = \"ftp://x\"\n\n[people.lee]\nwebhook = \"https://h/x\"\ncommand = [\"true\"]\n\n[people.omar]\ntoken_env = \"T\"\n"
    );
    let found = problems(&hooks);
    assert_eq!(found.len(), 3, "{found:?}");
    for says in [
        "the webhook for `dana` must be an http:// or https:// URL",
        "[people.lee] gives a command and a webhook: keep one way to reach them",
        "a token for `omar` needs a webhook",
    ] {
        assert!(found.iter().any(|f| f.contains(says)), "{says}: {found:?}");
    }
}

#[test]
fn a_notify_that_names_nobody_the_policy_knows_is_an_error_at_its_place() {
    let typo = default_with("notify = [\"director\"]", "notify = [\"direktor\"]").replacen(
        "level = \"L0\"\n",
        "level = \"L0\"\nnotify = [\"billing\"]\n",
        1,
    );
    let found = problems(&typo);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().any(|f| f.contains(
            "`notify` names `direktor`, who is neither a role nor a person of the policy (known: dana, director, escalation-manager, lee): add [people.direktor] or put them in a role"
        )),
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.contains("`notify` names `billing`")),
        "{found:?}"
    );
    // A person named only in [people] is known too.
    let person =
        format!("{typo}\n[people.direktor]\nmailbox = \"m\"\n[people.billing]\nmailbox = \"b\"\n");
    Policy::parse(&person, "t.toml").unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn mail_settings_are_checked_and_hold_no_password() {
    let ok = format!(
        "{DEFAULT_POLICY}\n[people.dana]\nemail = \"dana@example.com\"\n\n[people.lee]\nmailbox = \"/var/mail/lee\"\n\n\
         [delivery.smtp]\nhost = \"mail.example.com\"\nfrom = \"Support <esc@example.com>\"\nusername = \"esc\"\npassword_env = \"ESC_SMTP_PASSWORD\"\n"
    );
    let p = Policy::parse(&ok, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    let smtp = p.delivery.smtp.as_ref().unwrap();
    assert_eq!((smtp.port, smtp.tls), (587, SmtpTls::Starttls));
    assert_eq!(smtp.password, Some(Secret::Env("ESC_SMTP_PASSWORD".into())));
    assert_eq!(
        p.people["dana"].reach,
        Some(Reach::Email("dana@example.com".into()))
    );
    assert_eq!(
        p.people["lee"].reach,
        Some(Reach::Mailbox("/var/mail/lee".into()))
    );

    let bad = format!(
        "{DEFAULT_POLICY}\n[people.dana]\nemail = \"dana at example\"\n\n[people.lee]\nemail = \"lee@example.com\"\nmailbox = \"/tmp/lee\"\n"
    );
    let found = problems(&bad);
    for says in [
        "`dana at example` is not an e-mail address",
        "`lee` is reached by e-mail, but the policy names no mail server: add [delivery.smtp]",
        "[people.lee] gives an email and a mailbox: keep one way to reach them",
    ] {
        assert!(found.iter().any(|f| f.contains(says)), "{says}: {found:?}");
    }

    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let relative = format!("{DEFAULT_POLICY}\n[people.dana]\nmailbox = \"dana.mbox\"\n");
    let p = Policy::parse(&relative, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    assert!(
        p.warnings[0]
            .message
            .starts_with("the mailbox for `dana` is a relative path"),
        "{:?}",
        p.warnings
    );

    let hours =
        format!("{DEFAULT_POLICY}\n[people.dana]\nmailbox = \"m\"\ncalendar = \"nights\"\n");
    let found = problems(&hours);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("undefined calendar `nights` (defined: 24x7)"),
        "{found:?}"
    );

    let server = format!(
        "{DEFAULT_POLICY}\n[delivery.smtp]\nhost = \"h\"\nport = 70000\ntls = \"ssl\"\nfrom = \"nobody\"\npassword_file = \"/etc/pw\"\n"
    );
    let found = problems(&server);
    assert_eq!(found.len(), 4, "{found:?}");
    for says in [
        "delivery.smtp.tls is `ssl`: use starttls (port 587), tls (465) or none (25, a local relay)",
        "delivery.smtp.port must be between 1 and 65535",
        "delivery.smtp.from `nobody` is not an e-mail sender",
        "delivery.smtp has a password but no username: add `username`",
    ] {
        assert!(found.iter().any(|f| f.contains(says)), "{says}: {found:?}");
    }
}

#[test]
fn syntax_errors_point_at_the_line() {
    let found = problems("name = \"x\"\nlevels = [\n");
    assert!(
        found[0].starts_with("2:") || found[0].starts_with("3:"),
        "{found:?}"
    );
}

#[test]
fn every_undefined_reference_is_reported_at_once() {
    let text = default_with("level = \"L1\"", "level = \"L9\"").replacen(
        "priority = \"normal\"",
        "priority = \"meh\"",
        1,
    );
    let found = problems(&text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found
            .iter()
            .any(|p| p.contains("undefined level `L9` (defined: L0, L1, L2, L3)"))
    );
    assert!(found.iter().any(|p| p.contains("undefined priority `meh`")));
}

#[test]
fn duplicate_and_malformed_ids_are_refused() {
    let text = default_with("id = \"L1\"", "id = \"L0\"");
    let found = problems(&text);
    assert!(
        found
            .iter()
            .any(|p| p.contains("levels `L0` is defined twice")),
        "{found:?}"
    );
    let text = default_with("id = \"L1\"", "id = \"L 1\"");
    assert!(
        problems(&text)
            .iter()
            .any(|p| p.contains("invalid id `L 1`"))
    );
}

#[test]
fn missing_sections_say_what_to_add() {
    let found = problems("name = \"empty\"\n");
    assert!(
        found
            .iter()
            .any(|p| p.contains("add at least one `[[levels]]`")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|p| p.contains("no `[defaults]`")),
        "{found:?}"
    );
}

#[test]
fn signoff_rules_name_defined_roles() {
    let text = default_with("roles = [\"escalation-manager\"", "roles = [\"boss\"");
    let found = problems(&text);
    assert!(
        found.iter().any(|p| p.contains("undefined role `boss`")),
        "{found:?}"
    );
}

#[test]
fn the_most_specific_signoff_rule_governs() {
    let p = Policy::embedded();
    assert!(p.signoff_rule("L0").is_none());
    assert!(p.signoff_rule("L1").is_none());
    assert_eq!(p.signoff_rule("L2").unwrap().from_level, "L2");
    assert_eq!(p.signoff_rule("L3").unwrap().from_level, "L3");
    let l2 = p.signers(p.signoff_rule("L2").unwrap());
    assert!(l2.contains(&"dana".to_string()), "{l2:?}");
}

#[test]
fn ranks_put_unknown_values_last() {
    let p = Policy::embedded();
    assert_eq!(p.priority_rank("urgent"), 0);
    assert_eq!(p.priority_rank("nonsense"), p.priorities.len());
    assert_eq!(p.level_rank("L3"), Some(3));
    assert_eq!(p.level_label("L2"), "L2 (Supervisor)");
}

#[test]
fn the_mail_section_routes_by_what_the_policy_defines_and_names_its_secrets_only() {
    use crate::policy::mail::{Fetch, ImapLogin};
    let none = Policy::parse(DEFAULT_POLICY, "t.toml").unwrap();
    assert_eq!(none.mail.reopen_within.as_secs(), 14 * 86_400);
    assert_eq!(none.mail.fetch, None);

    let ok = format!(
        "{DEFAULT_POLICY}\n[mail]\nreopen_within = \"7d\"\nattachment_limit = \"2MB\"\n\n\
         [[mail.routes]]\nto = [\"Billing@Example.com\"]\nteam = \"finance\"\ncategory = \"financial\"\n\n\
         [[mail.routes]]\nsubject = [\"outage\", \"Password  Reset\"]\npriority = \"urgent\"\n\n\
         [mail.imap]\nhost = \"imap.example.com\"\nusername = \"support\"\ntoken_file = \"/etc/esc/token\"\nmove_to = \"Done\"\n"
    );
    let p = Policy::parse(&ok, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.mail.reopen_within.as_secs(), 7 * 86_400);
    assert_eq!(p.mail.attachment_limit, 2 << 20);
    assert_eq!(p.mail.routes[0].to, ["billing@example.com"]);
    assert_eq!(p.mail.routes[1].subject, ["outage", "password reset"]);
    let Some(Fetch::Imap(imap)) = &p.mail.fetch else {
        panic!("{:?}", p.mail.fetch)
    };
    assert_eq!(
        (imap.port, imap.tls, imap.mailbox.as_str()),
        (993, SmtpTls::Tls, "INBOX")
    );
    assert_eq!(
        imap.login,
        ImapLogin::Token(Secret::File("/etc/esc/token".into()))
    );

    let bad = format!(
        "{DEFAULT_POLICY}\n[mail]\nreopen_within = \"soon\"\nattachment_limit = \"1TB\"\nacknowledgements_per_day = -1\nfrom = \"support desk\"\nmaildir = \"/srv/mail\"\n\n\
         [[mail.routes]]\nto = [\"billing\"]\nteam = \"accounts\"\n\n\
         [[mail.routes]]\nsubject = [\"x\"]\n\n\
         [mail.imap]\nhost = \"imap.example.com\"\ntls = \"ssl\"\nusername = \"support\"\n"
    );
    let found = problems(&bad);
    for says in [
        "mail.reopen_within: ",
        "mail.attachment_limit: `TB` is not a unit of size: use KB, MB or GB",
        "mail.acknowledgements_per_day must be between 0 (never) and 100",
        "mail.from `support desk` is not an e-mail sender",
        "mail.routes.to `billing` is not an e-mail address",
        "undefined team `accounts` (defined: support, finance, technical, escalations)",
        "a [[mail.routes]] entry sends mail nowhere: give it a `team`, `category` or `priority`",
        "mail.imap.tls is `ssl`: use tls (port 993), starttls (143) or none (a server on this host)",
        "mail.imap says no way to log in: give one of password_env, password_file, token_env or token_file",
        "[mail] names both an IMAP account and a Maildir: keep the one mail waits in",
    ] {
        assert!(found.iter().any(|f| f.contains(says)), "{says}: {found:?}");
    }
    // Each at its place in the file.
    let lines = DEFAULT_POLICY.lines().count();
    let at = format!("{}:7: mail.routes.to `billing`", lines + 10);
    assert!(found.iter().any(|f| f.starts_with(&at)), "{at}: {found:?}");

    let clear = format!(
        "{DEFAULT_POLICY}\n[mail.imap]\nhost = \"localhost\"\ntls = \"none\"\nusername = \"support\"\npassword_env = \"PW\"\n"
    );
    let found = problems(&clear);
    assert!(
        found[0].contains("the secret crosses the network in clear"),
        "{found:?}"
    );
    let said = format!("{clear}plaintext_login = true\n");
    assert!(Policy::parse(&said, "t.toml").is_ok());
}

#[test]
fn replies_name_only_fields_a_customer_may_read_and_each_id_once() {
    let ok = format!(
        "{DEFAULT_POLICY}\n[[replies]]\nid = \"refund\"\ntext = \"Dear {{customer}}, ticket {{ticket}}.\"\n"
    );
    let p = Policy::parse(&ok, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.reply("refund").map(|r| r.id.as_str()), Some("refund"));
    assert!(p.reply("other").is_none());

    let bad = format!(
        "{DEFAULT_POLICY}\n[[replies]]\nid = \"refund\"\ntext = \"Your {{breach}} is noted\"\n\n\
         [[replies]]\nid = \"refund\"\ntext = \" \"\n"
    );
    let found = problems(&bad);
    let lines = DEFAULT_POLICY.lines().count();
    for says in [
        format!("{}:14: unknown field `{{breach}}`", lines + 4),
        "replies `refund` is defined twice".to_string(),
        "reply `refund` has no text".to_string(),
    ] {
        assert!(found.iter().any(|f| f.contains(&says)), "{says}: {found:?}");
    }
}

#[test]
fn a_recurring_ticket_falls_in_its_calendars_zone_and_skips_no_day_the_clocks_change() {
    let p = Policy::parse(
        &format!(
            "{}\n[[calendars]]\nid = \"berlin\"\ntimezone = \"Europe/Berlin\"\nhours = {{ mon-sun = [\"00:00-23:59\"] }}\n\n\
             [[recurring]]\nid = \"night\"\ntitle = \"Night check\"\nevery = \"day\"\nat = \"02:30\"\n\
             calendar = \"berlin\"\ncategory = \"general\"\n",
            crate::policy::DEFAULT_POLICY
        ),
        "test",
    )
    .unwrap();
    let r = p.recurring("night").unwrap();
    let cal = p.calendar("berlin").unwrap();
    let due = |d: &str| crate::clock::rfc3339(r.due_on(d.parse().unwrap(), cal).unwrap());
    assert_eq!(due("2026-01-10"), "2026-01-10T01:30:00Z");
    // 02:30 does not exist in Berlin on 2027-03-28: an hour on, 03:30 CEST.
    assert_eq!(due("2027-03-28"), "2027-03-28T01:30:00Z");
    assert_eq!(due("2026-07-10"), "2026-07-10T00:30:00Z");
}
