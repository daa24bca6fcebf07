//! On a server the database role is who is acting, and the server, not
//! the client, decides what a role that does not own the queue may write:
//! the policy maps roles to people, `--as` is for the queue's owner alone,
//! an agent's role writes at the server's clock, and what a manager does
//! is out of its reach. The attacks here speak to the server as the
//! agent's role through a connection of their own, not through esc.

use std::process::Output;

use crate::cli::support::{Queue, admin, instant, repo_file};

/// A queue on the server, its owner's URL, and an agent role `ann_…` with
/// the grants README gives (run with psql, as README says), mapped to ann
/// by the policy, under which dana and lee sign off at L2. The server's
/// clock is fixed by the owner at `DAY 09:00`.
struct Team {
    q: Queue,
    owner: String,
    agent: String,
    role: String,
}

impl Team {
    fn new() -> Team {
        let q = Queue::new();
        let owner = q.database("roles");
        let path = owner.split_once('?').map_or(owner.as_str(), |(p, _)| p);
        let db = path[path.rfind('/').unwrap() + 1..].to_string();
        let role = format!("ann_{}", &db[4..]);
        admin(&format!(
            "CREATE ROLE {role} LOGIN PASSWORD 'pw-{role}'; GRANT CONNECT ON DATABASE {db} TO {role}"
        ));
        // The agent's password, where libpq keeps it: the queue's HOME.
        let pgpass = q.dir.path().join(".pgpass");
        std::fs::write(&pgpass, format!("*:*:{db}:{role}:pw-{role}\n")).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
        let default = std::fs::read_to_string(repo_file("sample-policies/default.toml")).unwrap();
        std::fs::write(
            q.path("policy.toml"),
            format!("{default}\n[people.ann]\ndb_role = \"{role}\"\n"),
        )
        .unwrap();
        let made = q
            .on(
                &owner,
                "manager",
                "2026-01-01T00:00:00Z",
                &["--policy", "policy.toml", "init"],
            )
            .output()
            .unwrap();
        assert!(made.status.success(), "{}", text(&made.stderr));
        let agent = owner.replacen("esc@", &format!("{role}@"), 1);
        let team = Team {
            q,
            owner,
            agent,
            role,
        };
        team.grant();
        team.clock("09:00");
        team
    }

    /// README's one command for an agent's role:
    /// `psql -v role=ROLE -f docs/postgres-agent.sql OWNER_URL`.
    fn grant(&self) {
        let out = std::process::Command::new("psql")
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-v"])
            .arg(format!("role={}", self.role))
            .arg("-f")
            .arg(repo_file("docs/postgres-agent.sql"))
            .arg(&self.owner)
            .output()
            .expect("psql runs (scripts/test installs PostgreSQL's client with its server)");
        assert!(out.status.success(), "{}", text(&out.stderr));
    }

    /// Fix the server's clock at `when`: the owner's to do, for tests.
    fn clock(&self, when: &str) {
        let mut owner = postgres::Client::connect(&self.owner, postgres::NoTls).unwrap();
        let at = chrono::DateTime::parse_from_rfc3339(&instant(when))
            .unwrap()
            .timestamp();
        owner
            .batch_execute(&format!(
                "DELETE FROM esc_clock; INSERT INTO esc_clock VALUES ({at})"
            ))
            .unwrap();
    }

    /// `esc --db AGENT ARGS`: no --as, no --now; the server says who and when.
    fn agent(&self, args: &[&str]) -> Output {
        let mut cmd = self.q.bare();
        cmd.arg("--db").arg(&self.agent).args(args);
        cmd.output().unwrap()
    }

    fn agent_ok(&self, args: &[&str]) -> String {
        let out = self.agent(args);
        assert!(
            out.status.success(),
            "esc {args:?} as the agent: {}",
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    /// `esc --db OWNER --as WHO --now WHEN ARGS`.
    fn owner(&self, who: &str, when: &str, args: &[&str]) -> Output {
        self.q.on(&self.owner, who, when, args).output().unwrap()
    }

    fn owner_json(&self, when: &str, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.owner("dana", when, &all);
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// A connection of the agent's own, as psql would make it.
    fn intruder(&self) -> postgres::Client {
        let mut config: postgres::Config = self.agent.parse().unwrap();
        config.password(format!("pw-{}", self.role));
        config.connect(postgres::NoTls).unwrap()
    }

    /// Run `sql` as the agent's role in one transaction: the server's
    /// refusal, or nothing.
    fn attempt(&self, sql: &str) -> Result<(), String> {
        let mut c = self.intruder();
        c.batch_execute(&format!("BEGIN; {sql}; COMMIT"))
            .map_err(|e| match e.as_db_error() {
                Some(db) => db.message().to_string(),
                None => e.to_string(),
            })
    }

    fn open(&self, title: &str) -> i64 {
        let out = self.agent_ok(&[
            "--json",
            "open",
            "--title",
            title,
            "--customer",
            "Maria",
            "--email",
            "maria@example.com",
            "--channel",
            "email",
            "--category",
            "technical",
        ]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["ticket"]["id"].as_i64().unwrap()
    }

    /// A ticket escalated to L2 and resolved there by the agent: it awaits
    /// the sign-off of dana or lee.
    fn awaiting_signoff(&self, title: &str) -> i64 {
        let id = self.open(title).to_string();
        self.agent_ok(&["escalate", &id, "--level", "L2", "--reason", "exception"]);
        self.agent_ok(&[
            "resolve",
            &id,
            "--summary",
            "credit",
            "--root-cause",
            "process",
        ]);
        id.parse().unwrap()
    }

    fn events(&self, id: i64) -> Vec<serde_json::Value> {
        self.owner_json("2030-01-01T00:00:00Z", &["show", &id.to_string()])["events"]
            .as_array()
            .unwrap()
            .clone()
    }

    fn ticket(&self, id: i64) -> serde_json::Value {
        self.owner_json("2030-01-01T00:00:00Z", &["show", &id.to_string()])["ticket"].clone()
    }
}

impl Drop for Team {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.owner, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP OWNED BY {}", self.role));
        }
        if let Ok(mut c) =
            postgres::Client::connect(&crate::cli::support::server(), postgres::NoTls)
        {
            // Its database goes with the queue; the role is the cluster's.
            let _ = c.batch_execute(&format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{}'",
                self.role
            ));
            let path = self
                .owner
                .split_once('?')
                .map_or(self.owner.as_str(), |(p, _)| p);
            let db = &path[path.rfind('/').unwrap() + 1..];
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
            let _ = c.batch_execute(&format!("DROP ROLE IF EXISTS {}", self.role));
        }
    }
}

/// SQL for an event of ticket `id`, by `actor`, dated `at` (an
/// expression), of `kind` with `reason`, as a client past esc writes it.
fn event_sql(id: i64, actor: &str, at: &str, kind: &str, reason: &str) -> String {
    format!(
        "INSERT INTO events (ticket_id, ticket_opened_at, cycle, at, actor, kind, reason)
         SELECT id, opened_at, cycle, {at}, '{actor}', '{kind}', '{reason}'
         FROM tickets WHERE id = {id}"
    )
}

/// SQL that signs ticket `id` off as `actor`, with the status it leads to.
fn signoff_sql(id: i64, actor: &str) -> String {
    format!(
        "UPDATE tickets SET status = 'resolved' WHERE id = {id};
         INSERT INTO events (ticket_id, ticket_opened_at, cycle, at, actor, kind,
                             from_status, to_status)
         SELECT id, opened_at, cycle, esc_now(), '{actor}', 'signed-off', 'awaiting-signoff',
                'resolved'
         FROM tickets WHERE id = {id}"
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Values of one attribute of a ticket's events, in order.
fn each(events: &[serde_json::Value], key: &str) -> Vec<String> {
    events
        .iter()
        .map(|e| e[key].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn an_agent_role_acts_as_its_person_and_cannot_sign_off_or_apply_a_policy() {
    let team = Team::new();
    // The agent works tickets, as the person the policy maps the role to.
    let id = team.awaiting_signoff("goodwill");
    assert_eq!(each(&team.events(id), "actor")[0], "ann");
    assert_eq!(team.ticket(id)["status"], "awaiting-signoff");

    // --as does not make the role someone else.
    let out = team.agent(&["--as", "lee", "signoff", "1"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains(&format!(
            "the database role `{}` acts as ann, not as lee",
            team.role
        )),
        "{}",
        text(&out.stderr)
    );
    // As ann, the policy's sign-off rule refuses.
    let out = team.agent(&["signoff", "1"]);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("ann may not sign off"),
        "{}",
        text(&out.stderr)
    );
    // A manager's acts are the owner's: applying a policy, erasing data,
    // importing, delivering, ticking. Refused before anything is written.
    let manual = std::fs::read_to_string(repo_file("tests/policies/valid/manual.toml")).unwrap();
    std::fs::write(team.q.path("mine.toml"), manual).unwrap();
    for (args, act) in [
        (vec!["policy", "apply", "mine.toml"], "applying a policy"),
        (
            vec!["redact", "--ticket", "1", "--yes"],
            "erasing a customer's data",
        ),
        (vec!["outbox", "deliver"], "delivering notifications"),
        (vec!["tick"], "ticking"),
    ] {
        let out = team.agent(&args);
        assert_eq!(
            out.status.code(),
            Some(6),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).contains(&format!("error: {act}")),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).contains("is the queue owner's to do"),
            "{}",
            text(&out.stderr)
        );
    }
    let history = team.owner_json("10:08", &["policy", "history"]);
    assert_eq!(history.as_array().unwrap().len(), 1, "no version was added");
    assert_eq!(team.ticket(id)["title"], "goodwill", "nothing was erased");
    // And past esc, the server refuses the same.
    let refused = team
        .attempt("INSERT INTO policies VALUES (2, 'x', 'x', 'ann', 0, NULL)")
        .unwrap_err();
    assert!(
        refused.contains("permission denied for table policies"),
        "{refused}"
    );
    let refused = team
        .attempt("UPDATE events SET reason = '[redacted]'")
        .unwrap_err();
    assert!(
        refused.contains("permission denied for table events"),
        "{refused}"
    );

    // The owner's role acts for anyone: cron, or a manager signing off.
    let out = team.owner("lee", "10:30", &["signoff", "1"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn an_agent_role_cannot_forge_a_sign_off_through_sql() {
    let team = Team::new();
    let id = team.awaiting_signoff("goodwill");
    let sign = |actor: &str| signoff_sql(id, actor);
    // As dana, whom the role is not.
    let refused = team.attempt(&sign("dana")).unwrap_err();
    assert_eq!(
        refused,
        format!("the database role {} acts as ann, not as dana", team.role)
    );
    // As ann, whom the policy does not let sign at L2.
    let refused = team.attempt(&sign("ann")).unwrap_err();
    assert_eq!(refused, "ann may not sign off resolutions at L2");
    // The status alone, with no event to say so.
    let refused = team
        .attempt(&format!(
            "UPDATE tickets SET status = 'resolved' WHERE id = {id}"
        ))
        .unwrap_err();
    assert_eq!(
        refused,
        format!("ticket #{id} was changed without an event")
    );
    // A sign-off of a ticket that was never awaiting one.
    let other = team.open("another");
    let refused = team
        .attempt(&format!(
            "INSERT INTO events (ticket_id, ticket_opened_at, cycle, at, actor, kind,
                                 from_status, to_status)
             SELECT id, opened_at, cycle, esc_now(), 'ann', 'signed-off', 'awaiting-signoff',
                    'resolved'
             FROM tickets WHERE id = {other}"
        ))
        .unwrap_err();
    assert_eq!(
        refused,
        format!("ticket #{other}'s status changes from where its log left it")
    );
    assert_eq!(team.ticket(id)["status"], "awaiting-signoff");
    assert!(
        !each(&team.events(id), "kind").contains(&"signed-off".to_string()),
        "no sign-off was written"
    );
}

#[test]
fn an_agent_role_cannot_queue_mail_to_an_address_its_ticket_does_not_have() {
    let team = Team::new();
    let id = team.open("card charged twice");
    let queue = |to: &str, audience: &str| {
        format!(
            "{};
             INSERT INTO outbox (event_id, ticket_id, recipient, queued_at, next_attempt_at,
                                 audience, subject, body)
             SELECT max(id), {id}, '{to}', esc_now(), esc_now(), '{audience}', 'Your refund',
                    'Click here'
             FROM events WHERE ticket_id = {id}",
            event_sql(id, "ann", "esc_now()", "noted", "x")
        )
    };
    let refused = team
        .attempt(&queue("victim@evil.example", "customer"))
        .unwrap_err();
    assert_eq!(
        refused,
        format!("an update of ticket #{id} goes to its customer's address alone")
    );
    let refused = team.attempt(&queue("dana", "person")).unwrap_err();
    assert_eq!(
        refused,
        "a person's notification is written by the deliverer, from its event"
    );
    // Nor for an event of another time, nor already marked sent.
    let refused = team
        .attempt(&format!(
            "INSERT INTO outbox (event_id, ticket_id, recipient, queued_at, next_attempt_at,
                                 audience)
             SELECT min(id), {id}, 'dana', esc_now(), esc_now(), 'person'
             FROM events WHERE ticket_id = {id}"
        ))
        .unwrap_err();
    assert_eq!(
        refused,
        "a notification is queued with the event that asks for it"
    );
    let refused = team
        .attempt("UPDATE outbox SET status = 'sent'")
        .unwrap_err();
    assert!(
        refused.contains("permission denied for table outbox"),
        "{refused}"
    );
    let outbox = team.owner_json("2030-01-01T00:00:00Z", &["outbox", "--all"]);
    assert_eq!(outbox.as_array().unwrap().len(), 0, "{outbox}");
}

#[test]
fn an_agent_role_cannot_silence_an_escalation_by_clearing_its_due_times() {
    let team = Team::new();
    let id = team.open("nobody answers");
    // The bare UPDATE of the report's columns is no change esc makes.
    let clear = format!(
        "UPDATE tickets SET next_due_at = NULL, sla_due_at = NULL, due_digest = NULL,
                            fr_outcome = 'met'
         WHERE id = {id}"
    );
    let refused = team.attempt(&clear).unwrap_err();
    assert_eq!(
        refused,
        format!("ticket #{id} was changed without an event")
    );
    // With a note to pass for a change, the server takes it, and the next
    // tick derives the ticket again from its log.
    team.attempt(&format!(
        "{}; {clear}",
        event_sql(id, "ann", "esc_now()", "noted", "checking")
    ))
    .unwrap();
    let mut owner = postgres::Client::connect(&team.owner, postgres::NoTls).unwrap();
    let row = owner
        .query_one(
            "SELECT next_due_at IS NULL, recheck FROM tickets WHERE id = $1",
            &[&id],
        )
        .unwrap();
    assert_eq!((row.get::<_, bool>(0), row.get::<_, bool>(1)), (true, true));
    let out = team.owner("cron", "13:05", &["tick"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "tick 2026-11-23T13:05:00Z: 1 escalation, 1 breach, 1 warning on 1 ticket; notify dana (1)\n\
         1 notification for dana waits: the policy gives no way to reach dana (add [people.dana] with an email, a webhook, a command or a mailbox)\n"
    );
    assert_eq!(team.ticket(id)["level"], "L1");
    assert_eq!(team.ticket(id)["stats"]["first_response"], "breached");
}

#[test]
fn an_agent_role_cannot_change_a_ticket_without_its_event() {
    let team = Team::new();
    let id = team.open("card charged twice");
    team.clock("09:30");
    for (set, field) in [
        ("title = 'pwned'", "title"),
        ("customer = 'Mallory'", "customer"),
        ("level = 'L3'", "level"),
        ("team = 'finance'", "team"),
        ("assignee = 'ann'", "assignee"),
        ("priority = 'urgent'", "priority"),
        ("csat = 5", "csat"),
        ("first_response_at = opened_at", "first_response_at"),
    ] {
        // Each with a note to pass for the change: the field still needs
        // the event that changes it.
        let refused = team
            .attempt(&format!(
                "{}; UPDATE tickets SET {set} WHERE id = {id}",
                event_sql(id, "ann", "esc_now()", "noted", "x")
            ))
            .unwrap_err();
        assert_eq!(
            refused,
            format!("ticket #{id}'s {field} was changed without the event that changes it")
        );
    }
    // An edit with its event is what `esc edit` writes, and stands.
    team.agent_ok(&["edit", "1", "--title", "card charged three times"]);
    assert_eq!(team.ticket(id)["title"], "card charged three times");
    // Nor does the log take an event out of turn.
    let refused = team
        .attempt(&format!(
            "INSERT INTO events (ticket_id, ticket_opened_at, cycle, at, actor, kind)
             SELECT id, opened_at, cycle, esc_now(), 'ann', 'imported'
             FROM tickets WHERE id = {id}"
        ))
        .unwrap_err();
    assert_eq!(refused, "a person does not write imported events");
    let refused = team
        .attempt(&format!(
            "INSERT INTO events (ticket_id, ticket_opened_at, cycle, at, actor, kind, automatic,
                                 due_at, rule)
             SELECT id, opened_at, cycle, esc_now(), 'esc', 'skipped', true, esc_now(), 'forged'
             FROM tickets WHERE id = {id}"
        ))
        .unwrap_err();
    assert_eq!(
        refused,
        "an automatic event must be one the policy in force brought due"
    );
}

#[test]
fn an_agent_role_writes_at_the_servers_clock() {
    let team = Team::new();
    let id = team.open("nobody answers");
    assert_eq!(team.ticket(id)["opened_at"], instant("09:00"));
    // A time of its own choosing is refused, before anything is read:
    // an answer dated before the breach, a note from 2036 that would
    // bring every step due.
    for args in [
        vec!["--now", "2026-11-23T12:59:00Z", "respond", "1", "hi"],
        vec!["--now", "2036-01-01T00:00:00Z", "note", "1", "x"],
    ] {
        let out = team.agent(&args);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert_eq!(
            text(&out.stderr),
            format!(
                "error: the database role `{}` writes at the server's clock; --now (or ESC_NOW) is for commands that only read, and for --dry-run\nhint: leave out --now and ESC_NOW; the queue's owner may fix the server's clock for a rehearsal (README, \"Who is acting\")\n",
                team.role
            )
        );
    }
    let mut env = team.q.bare();
    env.arg("--db")
        .arg(&team.agent)
        .args(["respond", "1", "hi"])
        .env("ESC_NOW", "2026-11-23T12:59:00Z");
    assert_eq!(env.output().unwrap().status.code(), Some(2));
    // Reading commands and dry runs look at any instant.
    let shown = team.agent_ok(&["--now", "2026-11-23T14:00:00Z", "--json", "show", "1"]);
    assert!(shown.contains("\"breached\""), "{shown}");
    let dry = team.agent_ok(&["--now", "2026-11-23T14:00:00Z", "tick", "--dry-run"]);
    assert!(dry.starts_with("would apply to #1"), "{dry}");
    // Past esc: an event dated otherwise than the server's clock.
    let refused = team
        .attempt(&event_sql(id, "ann", "esc_now() - 3600", "responded", "hi"))
        .unwrap_err();
    assert!(
        refused.starts_with(&format!(
            "an event of role {} is dated by the server's clock",
            team.role
        )),
        "{refused}"
    );
    // Nor may the agent move the clock.
    let refused = team
        .attempt("UPDATE esc_clock SET fixed_at = 0")
        .unwrap_err();
    assert!(
        refused.contains("permission denied for table esc_clock"),
        "{refused}"
    );
    // The automatic steps its command brings due keep their actor, esc,
    // and stand: the escalation due at 13:00 comes with the 13:30 note.
    team.clock("13:30");
    team.agent_ok(&["note", "1", "still looking"]);
    let events = team.events(id);
    assert_eq!(
        each(&events, "kind"),
        ["opened", "warned", "breached", "escalated", "noted"]
    );
    assert_eq!(each(&events, "actor"), ["ann", "esc", "esc", "esc", "ann"]);
    assert_eq!(each(&events, "at")[4], instant("13:30"));
}

#[test]
fn an_agent_role_cannot_import_into_a_queue() {
    let team = Team::new();
    team.open("ours");
    let out = team.owner("dana", "10:00", &["export"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let forged = text(&out.stdout).replace("\"actor\":\"ann\"", "\"actor\":\"dana\"");
    std::fs::write(team.q.path("forged.jsonl"), forged).unwrap();
    let out = team.agent(&["import", "forged.jsonl"]);
    assert_eq!(out.status.code(), Some(6), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).starts_with("error: importing tickets is the queue owner's to do"),
        "{}",
        text(&out.stderr)
    );
    let listed = team.owner_json("10:00", &["list", "--all"]);
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
}

#[test]
fn a_function_planted_on_the_search_path_does_not_make_an_agent_the_owner() {
    let team = Team::new();
    let id = team.awaiting_signoff("goodwill");
    // PostgreSQL 13 and 14 let every role create in `public`; the agent
    // plants a pg_has_role that says yes, and puts `public` first.
    let mut c = postgres::Client::connect(&team.owner, postgres::NoTls).unwrap();
    c.batch_execute(&format!("GRANT CREATE ON SCHEMA public TO {}", team.role))
        .unwrap();
    team.attempt(
        "CREATE FUNCTION public.pg_has_role(name, oid, text) RETURNS boolean
         LANGUAGE sql AS 'SELECT true'",
    )
    .unwrap();
    let planted = format!(
        "{}&options=-c%20search_path%3Dpublic%2Cpg_catalog",
        team.agent
    );
    let mut cmd = team.q.bare();
    cmd.arg("--db")
        .arg(&planted)
        .args(["--as", "dana", "signoff", "1"]);
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("acts as ann, not as dana"),
        "{}",
        text(&out.stderr)
    );
    // Through SQL with the same search_path, the server's checks call
    // the catalog's function, not the planted one.
    let refused = team
        .attempt(&format!(
            "SET search_path = public, pg_catalog; {}",
            signoff_sql(id, "dana")
        ))
        .unwrap_err();
    assert_eq!(
        refused,
        format!("the database role {} acts as ann, not as dana", team.role)
    );
    assert_eq!(team.ticket(id)["status"], "awaiting-signoff");
}

/// An agent's role takes a ticket down the ladder through esc; from a
/// level whose resolutions need sign-off, neither esc nor its own SQL lets
/// it, or going down would be a way around the signers.
#[test]
fn an_agent_role_takes_a_ticket_down_but_not_around_a_sign_off() {
    let team = Team::new();
    let id = team.open("wrong desk");
    let n = id.to_string();
    team.agent_ok(&["escalate", &n, "--level", "L1", "--reason", "looks hard"]);
    assert_eq!(
        team.agent_ok(&["deescalate", &n, "--reason", "a known issue after all"]),
        format!("#{id} de-escalated: now support at L0 (Agent), unassigned\n")
    );
    team.agent_ok(&["escalate", &n, "--level", "L2", "--reason", "an exception"]);
    let out = team.agent(&["deescalate", &n, "--reason", "skip the sign-off"]);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    let refused = team
        .attempt(&format!(
            "UPDATE tickets SET level = 'L1', level_since = esc_now() WHERE id = {id};
             INSERT INTO events (ticket_id, ticket_opened_at, cycle, at, actor, kind,
                                 from_level, to_level, reason)
             SELECT id, opened_at, cycle, esc_now(), 'ann', 'deescalated', 'L2', 'L1', 'x'
             FROM tickets WHERE id = {id}"
        ))
        .unwrap_err();
    assert_eq!(
        refused,
        format!("ann may not take ticket #{id} down from L2")
    );
    assert_eq!(team.ticket(id)["level"], "L2");
    assert_eq!(
        each(&team.events(id), "kind"),
        ["opened", "escalated", "deescalated", "escalated"]
    );
}

/// The mail gateway's role beside the team's agent, granted as README
/// says (`psql -v role=ROLE -f docs/postgres-gateway.sql OWNER_URL`), and
/// dropped with it.
struct Gateway<'a> {
    team: &'a Team,
    role: String,
    url: String,
}

impl<'a> Gateway<'a> {
    fn new(team: &'a Team) -> Gateway<'a> {
        let role = team.role.replacen("ann_", "mail_", 1);
        let path = team
            .owner
            .split_once('?')
            .map_or(team.owner.as_str(), |(p, _)| p);
        let db = &path[path.rfind('/').unwrap() + 1..];
        admin(&format!(
            "CREATE ROLE {role} LOGIN PASSWORD 'pw-{role}'; GRANT CONNECT ON DATABASE {db} TO {role}"
        ));
        let pgpass = team.q.dir.path().join(".pgpass");
        let mut lines = std::fs::read_to_string(&pgpass).unwrap();
        lines.push_str(&format!("*:*:{db}:{role}:pw-{role}\n"));
        std::fs::write(&pgpass, lines).unwrap();
        let out = std::process::Command::new("psql")
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-v"])
            .arg(format!("role={role}"))
            .arg("-f")
            .arg(repo_file("docs/postgres-gateway.sql"))
            .arg(&team.owner)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        let url = team.owner.replacen("esc@", &format!("{role}@"), 1);
        Gateway { team, role, url }
    }

    /// `esc --db GATEWAY ARGS` with `input` on standard input.
    fn esc(&self, args: &[&str], input: &str) -> Output {
        let mut cmd = self.team.q.bare();
        cmd.arg("--db").arg(&self.url).args(args);
        crate::cli::support::with_stdin(&mut cmd, input.replace('\n', "\r\n").as_bytes())
    }

    fn attempt(&self, sql: &str) -> Result<(), String> {
        let mut config: postgres::Config = self.url.parse().unwrap();
        config.password(format!("pw-{}", self.role));
        let mut c = config.connect(postgres::NoTls).unwrap();
        c.batch_execute(&format!("BEGIN; {sql}; COMMIT"))
            .map_err(|e| {
                e.as_db_error()
                    .map_or(e.to_string(), |d| d.message().to_string())
            })
    }
}

impl Drop for Gateway<'_> {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.team.owner, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP OWNED BY {}", self.role));
        }
        if let Ok(mut c) =
            postgres::Client::connect(&crate::cli::support::server(), postgres::NoTls)
        {
            let _ = c.batch_execute(&format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{0}';
                 DROP ROLE IF EXISTS {0}",
                self.role
            ));
        }
    }
}

const MAIL: &str = "From: Maria Lopez <maria@example.com>
To: support@shop.example
Subject: Refund not received
Message-ID: <gateway-first@mail.example.com>

My refund has not arrived.
";

#[test]
fn the_mail_gateway_writes_what_customers_mail_does_in_their_name_and_nothing_else() {
    let team = Team::new();
    let gateway = Gateway::new(&team);
    let out = gateway.esc(&["mail", "receive"], MAIL);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "opened ticket #1 from maria@example.com: Refund not received\n"
    );
    let reply = "From: maria@example.com\nSubject: Re: Refund not received\n\
                 Message-ID: <gateway-reply@mail.example.com>\n\
                 In-Reply-To: <gateway-first@mail.example.com>\n\nAny news?\n";
    let out = gateway.esc(&["mail", "receive"], reply);
    assert_eq!(
        text(&out.stdout),
        "added to ticket #1: maria@example.com wrote again\n",
        "{}",
        text(&out.stderr)
    );
    // In the customer's name, at the server's clock.
    let events = team.events(1);
    assert_eq!(
        each(&events, "actor"),
        ["maria@example.com", "maria@example.com"]
    );
    assert!(
        each(&events, "at").iter().all(|at| at == &instant("09:00")),
        "{events:?}"
    );

    // Nothing an agent does: not in an agent's name, not as itself.
    let refused = gateway
        .attempt(&event_sql(1, "ann", "esc_now()", "contacted", ""))
        .unwrap_err();
    assert_eq!(
        refused,
        format!(
            "the mail gateway {} writes only what mail from customers does, in their name, not contacted by ann",
            gateway.role
        )
    );
    let refused = gateway
        .attempt(&event_sql(
            1,
            "maria@example.com",
            "esc_now()",
            "escalated",
            "by mail",
        ))
        .unwrap_err();
    assert!(
        refused.contains("not escalated by maria@example.com"),
        "{refused}"
    );
    let out = gateway.esc(
        &[
            "open",
            "--title",
            "x",
            "--customer",
            "c",
            "--channel",
            "web",
            "--category",
            "technical",
        ],
        "",
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("the mail gateway"),
        "{}",
        text(&out.stderr)
    );
    // Nor what a manager does.
    let refused = gateway.attempt("DELETE FROM policies").unwrap_err();
    assert!(refused.contains("permission denied"), "{refused}");
    assert_eq!(team.events(1).len(), 2, "nothing was written past the mail");

    // An agent's role is no gateway: the mail server keeps the message
    // and tries again, and the error says why.
    let mut receive = team.q.bare();
    receive
        .arg("--db")
        .arg(&team.agent)
        .args(["mail", "receive"]);
    let out = crate::cli::support::with_stdin(&mut receive, MAIL.as_bytes());
    assert_eq!(out.status.code(), Some(75));
    assert!(
        text(&out.stderr).contains(&format!(
            "taking mail in is the mail gateway's to do; the database role `{}` works tickets",
            team.role
        )),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn an_agent_role_merges_and_undoes_and_cannot_forge_either_through_sql() {
    let team = Team::new();
    let one = team.open("printer on fire");
    let two = team.open("printer still smoking");
    team.clock("09:30");
    for (set, field) in [
        (format!("merged_into = {two}"), "merged_into"),
        ("cc = 'mallory@example.com'".to_string(), "cc"),
    ] {
        let refused = team
            .attempt(&format!(
                "{}; UPDATE tickets SET {set} WHERE id = {one}",
                event_sql(one, "ann", "esc_now()", "noted", "x")
            ))
            .unwrap_err();
        assert_eq!(
            refused,
            format!("ticket #{one}'s {field} was changed without the event that changes it")
        );
    }
    let (a, b) = (one.to_string(), two.to_string());
    team.agent_ok(&["merge", &a, "--into", &b]);
    assert_eq!(team.ticket(one)["status"], "merged");
    assert_eq!(team.ticket(one)["merged_into"], two);
    team.clock("09:31");
    team.agent_ok(&["merge", "--undo", &a]);
    assert_eq!(team.ticket(one)["status"], "open");
    assert_eq!(team.ticket(one)["merged_into"], serde_json::Value::Null);
    // Links the same: with their events, and only with them.
    let refused = team
        .attempt(&format!(
            "{}; UPDATE tickets SET parent = {two} WHERE id = {one}",
            event_sql(one, "ann", "esc_now()", "noted", "x")
        ))
        .unwrap_err();
    assert_eq!(
        refused,
        format!("ticket #{one}'s family was changed without the event that changes it")
    );
    team.clock("09:32");
    team.agent_ok(&["link", &a, "--parent", &b]);
    assert_eq!(team.ticket(one)["parent"], two);
    team.clock("09:33");
    team.agent_ok(&[
        "resolve",
        &b,
        "--children",
        "--summary",
        "fixed",
        "--root-cause",
        "process",
    ]);
    assert_eq!(team.ticket(one)["status"], "resolved");
    // Watchers and copies the same.
    for (set, field) in [
        ("watchers = 'mallory'", "watchers"),
        ("cc = 'm@example.com'", "cc"),
    ] {
        let refused = team
            .attempt(&format!(
                "{}; UPDATE tickets SET {set} WHERE id = {two}",
                event_sql(two, "ann", "esc_now()", "noted", "x")
            ))
            .unwrap_err();
        assert_eq!(
            refused,
            format!("ticket #{two}'s {field} was changed without the event that changes it")
        );
    }
    team.clock("09:34");
    team.agent_ok(&["watch", &b, "--for", "dana"]);
    team.agent_ok(&["edit", &b, "--cc", "it@example.com"]);
    assert_eq!(team.ticket(two)["watchers"], serde_json::json!(["dana"]));
    assert_eq!(
        team.ticket(two)["cc"],
        serde_json::json!(["it@example.com"])
    );
}
