//! From the raw TOML to a [`Policy`]: every check, each problem collected
//! with its place in the text, so a manager fixes a file in one pass.

mod mail;
mod rules;

use super::*;
use rules::Lists;

/// What a `notify` list may name, and whom each name reaches that the
/// policy gives no way to reach.
pub(super) struct Notifiable {
    names: BTreeSet<String>,
    unreachable: BTreeMap<String, Vec<String>>,
}

impl Notifiable {
    fn of(roles: &BTreeMap<String, Vec<String>>, people: &BTreeMap<String, Person>) -> Self {
        let lost = |who: &String| people.get(who).is_none_or(|p| p.reach.is_none());
        let mut unreachable = BTreeMap::new();
        // A role's name wins over a person's, as in `recipients`.
        for (role, members) in roles {
            for m in members.iter().filter(|m| !roles.contains_key(*m)) {
                if lost(m) {
                    unreachable
                        .entry(m.clone())
                        .or_insert_with(|| vec![m.clone()]);
                }
            }
            let members_lost: Vec<String> = members.iter().filter(|m| lost(m)).cloned().collect();
            unreachable.insert(role.clone(), members_lost);
        }
        for name in people.keys().filter(|p| !roles.contains_key(*p)) {
            if lost(name) {
                unreachable.insert(name.clone(), vec![name.clone()]);
            }
        }
        let names = roles
            .iter()
            .flat_map(|(role, members)| std::iter::once(role).chain(members))
            .chain(people.keys())
            .cloned()
            .collect();
        Notifiable { names, unreachable }
    }
}

/// A kind of server the policy names: its key, what it is, its TLS mode
/// unless said, the port each mode uses, and the modes to choose from.
struct Server {
    key: &'static str,
    what: &'static str,
    default: SmtpTls,
    port_of: fn(SmtpTls) -> u16,
    choices: &'static str,
}

/// Checks a raw policy, collecting every problem rather than stopping at the
/// first, so a manager fixes a file in one pass.
pub(super) struct Validator<'a> {
    text: &'a str,
    lines: error::Lines,
    origin: &'a str,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    /// People already warned about as notified but unreachable: once each.
    unreachable_told: BTreeSet<String>,
}

impl<'a> Validator<'a> {
    pub(super) fn new(text: &'a str, origin: &'a str) -> Self {
        Validator {
            text,
            lines: error::Lines::of(text),
            origin,
            problems: Vec::new(),
            warnings: Vec::new(),
            unreachable_told: BTreeSet::new(),
        }
    }

    fn at(&mut self, name: &Name, message: String) {
        self.problems.push(Problem {
            message,
            location: Some(Location::within(self.text, &self.lines, name.span())),
        });
    }

    fn delivery(&mut self, raw: Option<raw::RawDelivery>) -> DeliveryRules {
        let mut rules = DeliveryRules::default();
        let Some(raw) = raw else { return rules };
        if let Some(n) = raw.attempts {
            match u32::try_from(*n.get_ref()) {
                Ok(a @ 1..=50) => rules.attempts = a,
                _ => self.at(
                    &Name::new(n.span(), String::new()),
                    "delivery.attempts must be between 1 and 50".into(),
                ),
            }
        }
        if let Some(t) = raw.timeout {
            match t.get_ref().parse::<crate::duration::Span>() {
                Ok(s) if s.as_secs() > 0 && s.as_secs() <= 300 => rules.timeout = s,
                Ok(_) => self.at(&t, "delivery.timeout must be between 1s and 5m".into()),
                Err(e) => self.at(&t, format!("delivery.timeout: {e}")),
            }
        }
        rules.digest = raw.digest;
        rules.background = raw.background.unwrap_or(true);
        rules.smtp = raw.smtp.map(|s| self.smtp(s.into_inner()));
        rules
    }

    fn smtp(&mut self, raw: raw::RawSmtp) -> Smtp {
        let (tls, port) = self.server(
            Server {
                key: "delivery.smtp",
                what: "the mail server",
                default: SmtpTls::Starttls,
                port_of: SmtpTls::port,
                choices: "starttls (port 587), tls (465) or none (25, a local relay)",
            },
            &raw.host,
            &raw.tls,
            raw.port,
        );
        if let Err(e) = raw.from.get_ref().parse::<lettre::message::Mailbox>() {
            self.at(
                &raw.from,
                format!(
                    "delivery.smtp.from `{}` is not an e-mail sender ({e}): write `esc@example.com` or `Support <esc@example.com>`",
                    raw.from.get_ref()
                ),
            );
        }
        let password = match (raw.password_env, raw.password_file) {
            (Some(var), None) => Some(Secret::Env(var.into_inner())),
            (None, Some(file)) => Some(Secret::File(file.into_inner())),
            (None, None) => None,
            (Some(var), Some(_)) => {
                self.at(
                    &var,
                    "delivery.smtp gives both password_env and password_file: keep one".into(),
                );
                None
            }
        };
        if password.is_some() && raw.username.is_none() {
            self.at(
                &raw.host,
                "delivery.smtp has a password but no username: add `username`".into(),
            );
        }
        if let (Some(user), SmtpTls::None) = (&raw.username, tls) {
            let allowed = raw.plaintext_login.as_ref().is_some_and(|p| *p.get_ref());
            let message = format!(
                "delivery.smtp logs in as `{}` with tls = \"none\": the password crosses the network in clear",
                user.get_ref()
            );
            if allowed {
                self.warn(user, format!("{message} (plaintext_login = true)"));
            } else {
                self.at(
                    user,
                    format!(
                        "{message}: use tls = \"starttls\" or \"tls\", or, for a relay on this host, say plaintext_login = true"
                    ),
                );
            }
        }
        Smtp {
            host: raw.host.into_inner(),
            port,
            tls,
            from: raw.from.into_inner(),
            username: raw.username.map(|u| u.into_inner()),
            password,
        }
    }

    /// A server's host, TLS and port checked, as `kind` takes them: the
    /// TLS mode and port to use.
    fn server(
        &mut self,
        kind: Server,
        host: &Name,
        tls: &Option<Name>,
        port: Option<toml::Spanned<i64>>,
    ) -> (SmtpTls, u16) {
        let key = kind.key;
        if host.get_ref().trim().is_empty() {
            self.at(host, format!("{key}.host is empty: name {}", kind.what));
        }
        let tls = match tls {
            None => kind.default,
            Some(t) => t.get_ref().parse().unwrap_or_else(|_| {
                self.at(
                    t,
                    format!("{key}.tls is `{}`: use {}", t.get_ref(), kind.choices),
                );
                kind.default
            }),
        };
        let port = match port {
            None => (kind.port_of)(tls),
            Some(p) => u16::try_from(*p.get_ref())
                .ok()
                .filter(|p| *p > 0)
                .unwrap_or_else(|| {
                    self.at(
                        &Name::new(p.span(), String::new()),
                        format!("{key}.port must be between 1 and 65535"),
                    );
                    (kind.port_of)(tls)
                }),
        };
        (tls, port)
    }

    fn warn(&mut self, name: &Name, message: String) {
        self.warnings.push(Problem {
            message,
            location: Some(Location::within(self.text, &self.lines, name.span())),
        });
    }

    fn nowhere(&mut self, message: String) {
        self.problems.push(Problem {
            message,
            location: None,
        });
    }

    /// Check ids of one list: well-formed, unique, at least one.
    fn items(&mut self, what: &str, table: &str, raw: Vec<RawItem>) -> Vec<Item> {
        if raw.is_empty() {
            self.nowhere(format!(
                "the policy defines no {what}: add at least one `[[{table}]]`"
            ));
        }
        let mut seen = HashSet::new();
        raw.into_iter()
            .map(|r| {
                self.id(what, &r.id, &mut seen);
                Item {
                    name: r.name.unwrap_or_else(|| r.id.get_ref().clone()),
                    id: r.id.into_inner(),
                    description: r.description,
                }
            })
            .collect()
    }

    fn id(&mut self, what: &str, id: &Name, seen: &mut HashSet<String>) {
        let text = id.get_ref();
        let well_formed = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !well_formed {
            self.at(
                id,
                format!("invalid id `{text}` in {what}: use letters, digits, `-`, `_` or `.`"),
            );
        } else if !seen.insert(text.clone()) {
            self.at(id, format!("{what} `{text}` is defined twice"));
        }
    }

    /// Report `name` unless it is one of `items`' ids.
    fn known(&mut self, what: &str, name: &Name, items: &[Item]) {
        if !items.iter().any(|i| &i.id == name.get_ref()) {
            self.at(
                name,
                format!(
                    "undefined {what} `{}` (defined: {})",
                    name.get_ref(),
                    Policy::ids(items)
                ),
            );
        }
    }

    fn customer_updates(
        &mut self,
        raw: Vec<raw::RawCustomerUpdate>,
        teams: &[Item],
        smtp: bool,
    ) -> Vec<CustomerUpdate> {
        if let (Some(first), false) = (raw.first(), smtp) {
            self.at(
                &first.id,
                "customer updates go out by e-mail, but the policy names no mail server: add [delivery.smtp] with `host` and `from`".into(),
            );
        }
        let mut seen = HashSet::new();
        raw.into_iter()
            .map(|u| {
                self.id("customer updates", &u.id, &mut seen);
                let on = u.on.get_ref().parse().unwrap_or_else(|_| {
                    self.at(
                        &u.on,
                        format!(
                            "a customer update cannot follow `{}`: use opened, escalated, reopened or resolved",
                            u.on.get_ref()
                        ),
                    );
                    UpdateOn::Escalated
                });
                for team in &u.teams {
                    self.known("team", team, teams);
                }
                if let (Some(team), false) = (u.teams.first(), on == UpdateOn::Escalated) {
                    self.at(team, "`teams` chooses among escalations: use it with on = \"escalated\"".into());
                }
                CustomerUpdate {
                    id: u.id.get_ref().clone(),
                    on,
                    teams: u.teams.into_iter().map(|t| t.into_inner()).collect(),
                    subject: self.template(&u.subject),
                    text: self.template(&u.text),
                }
            })
            .collect()
    }

    /// A template, its errors pointing into the policy text where they are.
    fn template(&mut self, source: &Name) -> template::Template {
        template::Template::parse(source.get_ref()).unwrap_or_else(|e| {
            // The error's place in the string as read; the same characters
            // are found in the file unless an escape came before them.
            let read = source.get_ref();
            let wrong = match read[e.at..].find('}') {
                Some(end) if read[e.at..].starts_with('{') => &read[e.at..=e.at + end],
                _ => &read[e.at..e.at + read[e.at..].chars().next().map_or(0, char::len_utf8)],
            };
            let span = source.span();
            let start = self.text[span.clone()]
                .find(wrong)
                .map_or(span.start, |i| span.start + i);
            self.at(
                &Name::new(start..start + wrong.len(), String::new()),
                e.message,
            );
            template::Template::parse("").expect("an empty template reads")
        })
    }

    /// A name a `notify` list gives: a role, or a person the policy names
    /// (in `[people]` or as a role's member). Anything else is a typo that
    /// would tell nobody.
    fn notify_name(&mut self, n: &Name, names: &Notifiable) {
        let name = n.get_ref();
        if let Some(unreachable) = names.unreachable.get(name) {
            for person in unreachable {
                if self.unreachable_told.insert(person.clone()) {
                    let whom = if person == name {
                        format!("`notify` names `{name}`, whom")
                    } else {
                        format!("`notify` names `{name}`, whose member `{person}`")
                    };
                    self.warn(
                        n,
                        format!(
                            "{whom} the policy gives no way to reach: notifications to {person} wait until [people.{person}] has an email, a webhook, a command or a mailbox"
                        ),
                    );
                }
            }
        }
        let names = &names.names;
        if name.trim().is_empty() {
            self.at(n, "`notify` lists an empty name".into());
        } else if !names.contains(name) {
            self.at(
                n,
                format!(
                    "`notify` names `{name}`, who is neither a role nor a person of the policy (known: {}): add [people.{name}] or put them in a role",
                    if names.is_empty() { "none".to_string() } else { names.iter().cloned().collect::<Vec<_>>().join(", ") }
                ),
            );
        }
    }

    /// One `[people.NAME]` entry: at most one way to reach them.
    fn person(
        &mut self,
        name: &str,
        p: raw::RawPerson,
        smtp: bool,
        calendars: &[Calendar],
    ) -> Person {
        let mut ways: Vec<(Name, Reach)> = Vec::new();
        if let Some(argv) = p.command {
            let at = Name::new(argv.span(), String::new());
            let words: Vec<String> = argv
                .into_inner()
                .into_iter()
                .map(|w| w.into_inner())
                .collect();
            if words.first().is_none_or(|w| w.trim().is_empty()) {
                self.at(
                    &at,
                    format!("the command for `{name}` needs a program: command = [\"program\", \"arg\", ...]"),
                );
            }
            ways.push((at, Reach::Command(words)));
        }
        let webhook = match (p.webhook, p.webhook_env) {
            (None, None) => None,
            (Some(url), None) => {
                let u = url.get_ref();
                if !(u.starts_with("http://") || u.starts_with("https://")) {
                    self.at(
                        &url,
                        format!("the webhook for `{name}` must be an http:// or https:// URL"),
                    );
                }
                let hook = Webhook {
                    url: Some(url.get_ref().clone()),
                    url_env: None,
                    token: None,
                };
                Some((url, hook))
            }
            (None, Some(var)) => {
                let hook = Webhook {
                    url: None,
                    url_env: Some(var.get_ref().clone()),
                    token: None,
                };
                Some((var, hook))
            }
            (Some(url), Some(_)) => {
                self.at(
                    &url,
                    format!("`{name}` gives both webhook and webhook_env: keep one"),
                );
                None
            }
        };
        let token = match (p.token_env, p.token_file) {
            (Some(var), None) => Some((var.clone(), Secret::Env(var.into_inner()))),
            (None, Some(file)) => Some((file.clone(), Secret::File(file.into_inner()))),
            (None, None) => None,
            (Some(var), Some(_)) => {
                self.at(
                    &var,
                    format!("`{name}` gives both token_env and token_file: keep one"),
                );
                None
            }
        };
        match (webhook, token) {
            (Some((at, hook)), token) => ways.push((
                at,
                Reach::Webhook(Webhook {
                    token: token.map(|(_, secret)| secret),
                    ..hook
                }),
            )),
            (None, Some((at, _))) => self.at(&at, format!("a token for `{name}` needs a webhook")),
            (None, None) => {}
        }
        if let Some(email) = p.email {
            if let Err(e) = email.get_ref().parse::<lettre::Address>() {
                self.at(
                    &email,
                    format!("`{}` is not an e-mail address ({e})", email.get_ref()),
                );
            } else if !smtp {
                self.at(
                    &email,
                    format!("`{name}` is reached by e-mail, but the policy names no mail server: add [delivery.smtp] with `host` and `from`"),
                );
            }
            let address = email.get_ref().clone();
            ways.push((email, Reach::Email(address)));
        }
        if let Some(path) = p.mailbox {
            if path.get_ref().trim().is_empty() {
                self.at(&path, format!("the mailbox for `{name}` is an empty path"));
            } else if std::path::Path::new(path.get_ref()).is_relative() {
                self.warn(
                    &path,
                    format!(
                        "the mailbox for `{name}` is a relative path: it is found from wherever esc runs (cron's directory, an agent's); give it from /"
                    ),
                );
            }
            let file = path.get_ref().clone();
            ways.push((path, Reach::Mailbox(file)));
        }
        if ways.len() > 1 {
            let given: Vec<&str> = ways.iter().map(|(_, r)| r.kind()).collect();
            self.at(
                &ways[1].0,
                format!(
                    "[people.{name}] gives {}: keep one way to reach them",
                    given.join(" and ")
                ),
            );
        }
        if let Some(c) = &p.calendar
            && !calendars.iter().any(|cal| &cal.id == c.get_ref())
        {
            let defined: Vec<&str> = calendars.iter().map(|c| c.id.as_str()).collect();
            self.at(
                c,
                format!(
                    "undefined calendar `{}` (defined: {})",
                    c.get_ref(),
                    defined.join(", ")
                ),
            );
        }
        let commanded = matches!(ways.last(), Some((_, Reach::Command(_))));
        for var in &p.command_env {
            let v = var.get_ref();
            let word = v
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !word {
                self.at(
                    var,
                    format!(
                        "`{v}` is not the name of an environment variable (letters, digits and `_`)"
                    ),
                );
            } else if !commanded {
                self.at(
                    var,
                    format!("command_env gives `{name}`'s command variables, and `{name}` has no command"),
                );
            }
        }
        Person {
            reach: ways.pop().map(|(_, reach)| reach),
            calendar: p.calendar.map(|c| c.into_inner()),
            db_role: p.db_role.map(|r| r.into_inner()),
            command_env: p.command_env.into_iter().map(|v| v.into_inner()).collect(),
        }
    }

    pub(super) fn policy(mut self, raw: RawPolicy, digest: String) -> Result<Policy, PolicyError> {
        // Every rule is checked against those before it (a rule another
        // covers never applies): a bound on their number bounds that.
        let counts = [
            ("levels", raw.levels.len()),
            ("teams", raw.teams.len()),
            ("priorities", raw.priorities.len()),
            ("categories", raw.categories.len()),
            ("tiers", raw.tiers.len()),
            ("root_causes", raw.root_causes.len()),
            ("roles", raw.roles.len()),
            ("people", raw.people.len()),
            ("customer_updates", raw.customer_updates.len()),
            ("signoff", raw.signoff.len()),
            ("calendars", raw.calendars.len()),
            ("sla", raw.sla.len()),
            ("paths", raw.paths.len()),
            ("triggers", raw.triggers.len()),
        ];
        for (key, n) in counts {
            if n > MAX_ENTRIES {
                self.nowhere(format!(
                    "the policy has {n} `{key}` entries; esc takes at most {MAX_ENTRIES} of each: \
                     fewer, broader ones say the same"
                ));
            }
        }
        if !self.problems.is_empty() {
            return Err(PolicyError {
                origin: self.origin.to_string(),
                problems: self.problems,
            });
        }
        let levels = self.items("levels", "levels", raw.levels);
        let priorities = self.items("priorities", "priorities", raw.priorities);
        let categories = self.items("categories", "categories", raw.categories);
        let root_causes = self.items("root causes", "root_causes", raw.root_causes);
        let tiers = if raw.tiers.is_empty() {
            vec![Item {
                id: "standard".into(),
                name: "Standard".into(),
                description: None,
            }]
        } else {
            self.items("tiers", "tiers", raw.tiers)
        };

        if raw.teams.is_empty() {
            self.nowhere("the policy defines no teams: add at least one `[[teams]]`".into());
        }
        let mut seen = HashSet::new();
        // Checked once the people and roles they may name are known.
        let mut team_notify: Vec<Name> = Vec::new();
        let teams: Vec<Team> = raw
            .teams
            .into_iter()
            .map(|t| {
                self.id("teams", &t.id, &mut seen);
                self.known("level", &t.level, &levels);
                team_notify.extend(t.notify.iter().cloned());
                Team {
                    name: t.name.unwrap_or_else(|| t.id.get_ref().clone()),
                    id: t.id.into_inner(),
                    description: t.description,
                    level: t.level.into_inner(),
                    notify: t.notify.into_iter().map(|n| n.into_inner()).collect(),
                }
            })
            .collect();
        let team_items: Vec<Item> = teams
            .iter()
            .map(|t| Item {
                id: t.id.clone(),
                name: t.name.clone(),
                description: None,
            })
            .collect();

        let mut roles = BTreeMap::new();
        for (role, members) in raw.roles {
            let mut people = Vec::new();
            for m in members {
                if m.get_ref().trim().is_empty() {
                    self.at(&m, format!("role `{role}` lists an empty name"));
                }
                people.push(m.into_inner());
            }
            roles.insert(role, people);
        }

        let delivery = self.delivery(raw.delivery);
        let calendars = self.calendars(raw.calendars);
        let mut people = BTreeMap::new();
        for (name, p) in raw.people {
            if let Err(e) = crate::ticket::check_name(&name) {
                self.problems.push(Problem {
                    message: format!("[people.{name}]: {e}"),
                    location: None,
                });
            }
            let person = self.person(&name, p, delivery.smtp.is_some(), &calendars);
            people.insert(name, person);
        }
        let names = Notifiable::of(&roles, &people);
        for n in &team_notify {
            self.notify_name(n, &names);
        }

        let signoff = raw
            .signoff
            .into_iter()
            .map(|s| {
                self.known("level", &s.from_level, &levels);
                for r in &s.roles {
                    if !roles.contains_key(r.get_ref()) {
                        let defined: Vec<&str> = roles.keys().map(String::as_str).collect();
                        self.at(
                            r,
                            format!(
                                "undefined role `{}` (defined in [roles]: {})",
                                r.get_ref(),
                                if defined.is_empty() {
                                    "none".into()
                                } else {
                                    defined.join(", ")
                                }
                            ),
                        );
                    }
                }
                if s.roles.is_empty() && s.people.is_empty() {
                    self.at(
                        &s.from_level,
                        "a sign-off rule names nobody: give it `roles` or `people`".into(),
                    );
                }
                SignoffRule {
                    from_level: s.from_level.into_inner(),
                    roles: s.roles.into_iter().map(|r| r.into_inner()).collect(),
                    people: s.people.into_iter().map(|p| p.into_inner()).collect(),
                }
            })
            .collect();

        let defaults = match raw.defaults {
            None => {
                self.nowhere(
                    "the policy has no `[defaults]`: give the `priority` and `team` new tickets get"
                        .into(),
                );
                None
            }
            Some(d) => {
                let d = d.into_inner();
                self.known("priority", &d.priority, &priorities);
                self.known("team", &d.team, &team_items);
                if let Some(tier) = &d.tier {
                    self.known("tier", tier, &tiers);
                }
                Some(Defaults {
                    priority: d.priority.into_inner(),
                    team: d.team.into_inner(),
                    tier: d
                        .tier
                        .map(|t| t.into_inner())
                        .or_else(|| tiers.first().map(|t| t.id.clone()))
                        .unwrap_or_default(),
                })
            }
        };

        let customer_updates =
            self.customer_updates(raw.customer_updates, &team_items, delivery.smtp.is_some());

        let lists = Lists {
            levels: &levels,
            teams: &team_items,
            priorities: &priorities,
            categories: &categories,
            tiers: &tiers,
            names: &names,
        };
        let sla = self.sla(raw.sla, &lists, &calendars);
        let paths = self.paths(raw.paths, &lists, &calendars, &sla);
        let triggers = self.triggers(raw.triggers, &lists);
        let reopen = self.reopen(raw.reopen);
        let mut seen = HashSet::new();
        let replies = raw
            .replies
            .into_iter()
            .map(|r| {
                self.id("replies", &r.id, &mut seen);
                if r.text.get_ref().trim().is_empty() {
                    self.at(&r.text, format!("reply `{}` has no text", r.id.get_ref()));
                }
                template::Reply {
                    text: self.template(&r.text),
                    id: r.id.into_inner(),
                    description: r.description,
                }
            })
            .collect();
        let mut seen = HashSet::new();
        let recurring = raw
            .recurring
            .into_iter()
            .map(|r| {
                self.id("recurring", &r.id, &mut seen);
                if r.title.get_ref().trim().is_empty() {
                    self.at(&r.title, format!("recurring `{}` has no title", r.id.get_ref()));
                }
                let when = crate::recurrence::Recurrence::parse(
                    r.every.get_ref(),
                    r.on.as_ref().map(|o| o.get_ref().as_str()),
                    r.at.as_ref().map_or("09:00", |a| a.get_ref().as_str()),
                )
                .unwrap_or_else(|why| {
                    let at = r.on.as_ref().or(r.at.as_ref()).unwrap_or(&r.every);
                    self.at(at, why);
                    crate::recurrence::Recurrence {
                        every: crate::recurrence::Every::Day,
                        at: chrono::NaiveTime::MIN,
                    }
                });
                let calendar = self.calendar_ref(&r.calendar, &calendars);
                for (what, name, items) in [
                    ("team", &r.team, &team_items),
                    ("priority", &r.priority, &priorities),
                ] {
                    if let Some(name) = name {
                        self.known(what, name, items);
                    }
                }
                self.known("category", &r.category, &categories);
                for tag in &r.tags {
                    if let Err(e) = crate::ticket::check_tag(tag.get_ref()) {
                        self.at(tag, e);
                    }
                }
                let missed = match r.missed.as_ref().map(|m| m.get_ref().as_str()) {
                    None | Some("latest") => Missed::Latest,
                    Some("all") => Missed::All,
                    Some(other) => {
                        let at = r.missed.as_ref().expect("given");
                        self.at(
                            at,
                            format!("`{other}` is not what to do with missed occurrences: write all or latest"),
                        );
                        Missed::Latest
                    }
                };
                Recurring {
                    id: r.id.into_inner(),
                    title: r.title.into_inner(),
                    description: r.description.unwrap_or_default(),
                    when,
                    calendar,
                    team: r.team.map(|t| t.into_inner()),
                    category: r.category.into_inner(),
                    priority: r.priority.map(|p| p.into_inner()),
                    customer: r
                        .customer
                        .map_or_else(|| "internal".to_string(), |c| c.into_inner()),
                    tags: r.tags.into_iter().map(|t| t.into_inner()).collect(),
                    missed,
                }
            })
            .collect();
        let mail = self.mail(
            raw.mail,
            &mail::Routable {
                teams: &team_items,
                categories: &categories,
                priorities: &priorities,
            },
        );

        match defaults {
            Some(defaults) if self.problems.is_empty() => Ok(Policy {
                name: raw.name.unwrap_or_else(|| "unnamed".into()),
                description: raw.description,
                levels,
                teams,
                priorities,
                categories,
                tiers,
                root_causes,
                roles,
                people,
                delivery,
                notify_assigned: raw.notify.is_some_and(|n| n.assigned),
                customer_updates,
                signoff,
                defaults,
                calendars,
                sla,
                paths,
                triggers,
                reopen,
                mail,
                replies,
                recurring,
                digest,
                origin: self.origin.to_string(),
                warnings: self.warnings,
            }),
            _ => Err(PolicyError {
                origin: self.origin.to_string(),
                problems: self.problems,
            }),
        }
    }
}
