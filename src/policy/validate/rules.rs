//! Validation of the time-based part of a policy: calendars, SLA rules,
//! paths, triggers and reopen rules. Every problem is collected; shadowed
//! rules and steps that can never fire are warnings.

use std::collections::{BTreeSet, HashSet};

use super::raw::{RawPath, RawReopen, RawSla, RawTrigger};
use super::*;

/// The names a rule may refer to.
pub(super) struct Lists<'a> {
    pub levels: &'a [Item],
    pub teams: &'a [Item],
    pub priorities: &'a [Item],
    pub categories: &'a [Item],
    pub tiers: &'a [Item],
    /// Roles, and people by name: what `notify` may list.
    pub names: &'a super::Notifiable,
}

/// The action fields steps and triggers share.
struct RawActionFields<'r> {
    raise: &'r Option<Name>,
    team: &'r Option<Name>,
    assign: &'r Option<Name>,
    priority: &'r Option<Name>,
    tag: &'r [Name],
    notify: &'r [Name],
    urgent: bool,
    reopen: bool,
}

impl Validator<'_> {
    fn span_of(&mut self, name: &Name, what: &str) -> Option<Span> {
        match name.get_ref().parse::<Span>() {
            Ok(s) => Some(s),
            Err(e) => {
                self.at(name, format!("{what}: {e}"));
                None
            }
        }
    }

    fn target(&mut self, name: &Option<Name>, what: &str) -> Option<Span> {
        let name = name.as_ref()?;
        let span = self.span_of(name, what)?;
        if span == Span::ZERO {
            self.at(
                name,
                format!("{what} of zero can never be met: give a duration such as 4h"),
            );
            return None;
        }
        Some(span)
    }

    /// A duration counted on a calendar must come due within
    /// [`calendar::REACH_YEARS`] of its weekly hours.
    fn reachable(
        &mut self,
        name: &Name,
        span: Span,
        calendar: &str,
        calendars: &[Calendar],
        what: &str,
    ) {
        let Some(cal) = calendars.iter().find(|c| c.id == calendar) else {
            return;
        };
        if let Err(years) = cal.reaches(span.as_secs()) {
            let weekly = Span::seconds(cal.weekly_open_seconds());
            self.at(
                name,
                format!(
                    "{what} {span} would take about {years} years on calendar `{calendar}`, open \
                     {weekly} a week; a target must come due within {} years: shorten it or \
                     give the calendar more hours",
                    calendar::REACH_YEARS
                ),
            );
        }
    }

    pub(super) fn calendar_ref(&mut self, name: &Option<Name>, calendars: &[Calendar]) -> String {
        match name {
            None => calendar::ALWAYS.to_string(),
            Some(n) => {
                if !calendars.iter().any(|c| &c.id == n.get_ref()) {
                    let ids: Vec<&str> = calendars.iter().map(|c| c.id.as_str()).collect();
                    self.at(
                        n,
                        format!(
                            "undefined calendar `{}` (defined: {})",
                            n.get_ref(),
                            ids.join(", ")
                        ),
                    );
                }
                n.get_ref().clone()
            }
        }
    }

    pub(super) fn calendars(&mut self, raw: Vec<RawCalendar>) -> Vec<Calendar> {
        let mut seen = HashSet::from([calendar::ALWAYS.to_string()]);
        let mut out = vec![Calendar::always()];
        for c in raw {
            self.id("calendars", &c.id, &mut seen);
            let tz: Tz = match c.timezone.get_ref().parse() {
                Ok(tz) => tz,
                Err(_) => {
                    self.at(
                        &c.timezone,
                        format!("unknown timezone `{}`: use an IANA name such as Europe/Berlin or America/New_York", c.timezone.get_ref()),
                    );
                    Tz::UTC
                }
            };
            let hours_span = c.hours.span();
            let hours_name = Name::new(hours_span.clone(), String::new());
            let mut week: [Vec<Shift>; 7] = Default::default();
            let mut given = BTreeSet::new();
            for (key, shifts) in c.hours.into_inner() {
                let days = match calendar::parse_days(&key) {
                    Ok(d) => d,
                    Err(e) => {
                        self.at(&hours_name, e);
                        continue;
                    }
                };
                let parsed: Vec<Shift> = shifts
                    .iter()
                    .filter_map(|s| {
                        calendar::parse_shift(s.get_ref())
                            .map_err(|e| self.at(s, e))
                            .ok()
                    })
                    .collect();
                for d in days {
                    let i = d.num_days_from_monday() as usize;
                    if !given.insert(i) {
                        self.at(
                            &hours_name,
                            format!(
                                "calendar `{}` gives the hours of {key} twice",
                                c.id.get_ref()
                            ),
                        );
                    }
                    week[i] = parsed.clone();
                }
            }
            if let Err(e) = calendar::check_week(&week) {
                self.at(&hours_name, format!("calendar `{}`: {e}", c.id.get_ref()));
            }
            if week.iter().all(Vec::is_empty) {
                self.at(
                    &c.id,
                    format!("calendar `{}` has no working hours", c.id.get_ref()),
                );
            }
            let mut holidays = BTreeSet::new();
            for h in &c.holidays {
                match NaiveDate::parse_from_str(h.get_ref(), "%Y-%m-%d") {
                    Ok(d) => {
                        holidays.insert(d);
                    }
                    Err(_) => self.at(
                        h,
                        format!("invalid holiday `{}`: write it as YYYY-MM-DD", h.get_ref()),
                    ),
                }
            }
            out.push(Calendar::new(c.id.get_ref(), tz, week, holidays));
        }
        out
    }

    fn matcher(&mut self, raw: &RawMatch, lists: &Lists) -> Matcher {
        let mut names = |what: &str, given: &Option<Vec<Name>>, items: &[Item]| -> Vec<String> {
            given
                .iter()
                .flatten()
                .map(|n| {
                    self.known(what, n, items);
                    n.get_ref().clone()
                })
                .collect()
        };
        let priority = names("priority", &raw.priority, lists.priorities);
        let category = names("category", &raw.category, lists.categories);
        let tier = names("tier", &raw.tier, lists.tiers);
        let team = names("team", &raw.team, lists.teams);
        let level = names("level", &raw.level, lists.levels);
        let channel = raw
            .channel
            .iter()
            .flatten()
            .filter_map(|n| {
                n.get_ref()
                    .parse::<Channel>()
                    .map_err(|e| self.at(n, e))
                    .ok()
            })
            .collect();
        let tags = raw
            .tags
            .iter()
            .flatten()
            .map(|n| {
                if let Err(e) = check_tag(n.get_ref()) {
                    self.at(n, e);
                }
                n.get_ref().clone()
            })
            .collect();
        Matcher {
            priority,
            category,
            channel,
            tier,
            team,
            level,
            tags,
        }
    }

    fn actions(&mut self, owner: &Name, raw: RawActionFields, lists: &Lists) -> Actions {
        let raise = raw.raise.as_ref().map(|r| {
            if r.get_ref() == "up" {
                Raise::Up
            } else {
                self.known("level", r, lists.levels);
                if lists.levels.first().is_some_and(|l| &l.id == r.get_ref()) {
                    self.warn(
                        r,
                        format!(
                            "raising to `{}`, the lowest level, never raises a ticket",
                            r.get_ref()
                        ),
                    );
                }
                Raise::To(r.get_ref().clone())
            }
        });
        if let Some(t) = raw.team {
            self.known("team", t, lists.teams);
        }
        if let Some(p) = raw.priority {
            self.known("priority", p, lists.priorities);
        }
        for t in raw.tag {
            if let Err(e) = check_tag(t.get_ref()) {
                self.at(t, e);
            }
        }
        for n in raw.notify {
            self.notify_name(n, lists.names);
        }
        let actions = Actions {
            raise,
            team: raw.team.as_ref().map(|t| t.get_ref().clone()),
            assign: raw.assign.as_ref().map(|a| a.get_ref().clone()),
            priority: raw.priority.as_ref().map(|p| p.get_ref().clone()),
            tags: raw.tag.iter().map(|t| t.get_ref().clone()).collect(),
            notify: raw.notify.iter().map(|n| n.get_ref().clone()).collect(),
            urgent: raw.urgent,
            reopen: raw.reopen,
        };
        if actions.urgent && actions.notify.is_empty() {
            self.warn(
                owner,
                format!(
                    "`{}` is urgent but notifies nobody: `urgent` is about its `notify`",
                    owner.get_ref()
                ),
            );
        }
        if actions.is_empty() {
            self.at(owner, format!("`{}` does nothing: give it raise, team, assign, priority, tag, notify or reopen", owner.get_ref()));
        }
        actions
    }

    /// Warn about rules placed after one that already matches every ticket
    /// they would.
    fn shadowed<'m>(&mut self, what: &str, rules: impl Iterator<Item = (&'m Name, &'m Matcher)>) {
        let rules: Vec<_> = rules.collect();
        for (j, (name, m)) in rules.iter().enumerate() {
            if let Some((earlier, _)) = rules[..j].iter().find(|(_, e)| e.covers(m)) {
                self.warn(
                    name,
                    format!(
                        "{what} `{}` can never apply: `{}` comes first and matches every ticket it would",
                        name.get_ref(),
                        earlier.get_ref()
                    ),
                );
            }
        }
    }

    pub(super) fn sla(
        &mut self,
        raw: Vec<RawSla>,
        lists: &Lists,
        calendars: &[Calendar],
    ) -> Vec<SlaRule> {
        let mut seen = HashSet::new();
        let mut matchers = Vec::new();
        let mut out = Vec::new();
        for r in &raw {
            self.id("sla rules", &r.id, &mut seen);
            let matcher = self.matcher(&r.matches, lists);
            let calendar = self.calendar_ref(&r.calendar, calendars);
            let first_response = self.target(&r.first_response, "first_response");
            let next_response = self.target(&r.next_response, "next_response");
            let resolution = self.target(&r.resolution, "resolution");
            for (name, span, what) in [
                (&r.first_response, first_response, "first_response"),
                (&r.next_response, next_response, "next_response"),
                (&r.resolution, resolution, "resolution"),
            ] {
                if let (Some(name), Some(span)) = (name, span) {
                    self.reachable(name, span, &calendar, calendars, what);
                }
            }
            if r.first_response.is_none() && r.next_response.is_none() && r.resolution.is_none() {
                self.at(&r.id, format!("sla rule `{}` sets no target: give first_response, next_response or resolution", r.id.get_ref()));
            }
            let warning = r
                .warning
                .as_ref()
                .and_then(|w| self.warning(w, [first_response, next_response, resolution]));
            matchers.push(matcher.clone());
            out.push(SlaRule {
                id: r.id.get_ref().clone(),
                matcher,
                calendar,
                first_response,
                next_response,
                resolution,
                warning,
            });
        }
        self.shadowed("sla rule", raw.iter().map(|r| &r.id).zip(matchers.iter()));
        out
    }

    fn warning(&mut self, w: &Name, targets: [Option<Span>; 3]) -> Option<Warning> {
        let text = w.get_ref();
        if let Some(p) = text.strip_suffix('%') {
            return match p.trim().parse::<u8>() {
                Ok(n) if (1..100).contains(&n) => Some(Warning::Percent(n)),
                _ => {
                    self.at(w, format!("invalid warning `{text}`: a percentage of the target from 1% to 99%, or a duration before it such as 1h"));
                    None
                }
            };
        }
        let before = self.span_of(w, "warning")?;
        let shortest = targets.iter().flatten().min().copied();
        if shortest.is_some_and(|s| before >= s) || before == Span::ZERO {
            self.at(w, format!("a warning {before} before the target is impossible: it must be shorter than every target and longer than zero"));
            return None;
        }
        Some(Warning::Before(before))
    }

    pub(super) fn paths(
        &mut self,
        raw: Vec<RawPath>,
        lists: &Lists,
        calendars: &[Calendar],
        sla: &[SlaRule],
    ) -> Vec<Path> {
        let mut seen = HashSet::new();
        let mut matchers = Vec::new();
        let mut out = Vec::new();
        for p in &raw {
            self.id("paths", &p.id, &mut seen);
            let matcher = self.matcher(&p.matches, lists);
            let calendar = self.calendar_ref(&p.calendar, calendars);
            if p.steps.is_empty() {
                self.at(
                    &p.id,
                    format!(
                        "path `{}` has no steps: add `[[paths.steps]]`",
                        p.id.get_ref()
                    ),
                );
            }
            let mut step_ids = HashSet::new();
            let mut steps = Vec::new();
            for (i, s) in p.steps.iter().enumerate() {
                let local =
                    s.id.as_ref()
                        .map_or_else(|| (i + 1).to_string(), |n| n.get_ref().clone());
                let owner =
                    s.id.clone()
                        .unwrap_or_else(|| Name::new(s.after.span(), format!("step {}", i + 1)));
                if let Some(id) = &s.id {
                    self.id("steps", id, &mut step_ids);
                }
                let after = self.span_of(&s.after, "after").unwrap_or(Span::ZERO);
                self.reachable(&s.after, after, &calendar, calendars, "after");
                let from = match &s.from {
                    None => Anchor::Opened,
                    Some(n) => Anchor::parse(n.get_ref()).unwrap_or_else(|| {
                        self.at(
                            n,
                            format!(
                                "unknown anchor `{}` for `from`; use one of: {}",
                                n.get_ref(),
                                Anchor::NAMES
                            ),
                        );
                        Anchor::Opened
                    }),
                };
                if let (Anchor::Breach(clock), Some(n)) = (from, &s.from)
                    && !sla.iter().any(|r| r.target(clock).is_some())
                {
                    self.warn(
                        n,
                        format!(
                            "step can never fire: no sla rule sets a {} target",
                            clock.as_str().replace('-', "_")
                        ),
                    );
                }
                let when = match &s.when {
                    None => Condition::Unresolved,
                    Some(n) => Condition::parse(n.get_ref()).unwrap_or_else(|| {
                        self.at(
                            n,
                            format!(
                                "unknown condition `{}` for `when`; use one of: {}",
                                n.get_ref(),
                                Condition::NAMES
                            ),
                        );
                        Condition::Always
                    }),
                };
                let actions = self.actions(
                    &owner,
                    RawActionFields {
                        raise: &s.raise,
                        team: &s.team,
                        assign: &s.assign,
                        priority: &s.priority,
                        tag: &s.tag,
                        notify: &s.notify,
                        urgent: s.urgent,
                        reopen: false,
                    },
                    lists,
                );
                steps.push(Step {
                    id: format!("{}/{local}", p.id.get_ref()),
                    fingerprint: fingerprint(&(after, from, when, &actions)),
                    after,
                    from,
                    when,
                    description: s.description.clone(),
                    actions,
                });
            }
            matchers.push(matcher.clone());
            out.push(Path {
                id: p.id.get_ref().clone(),
                matcher,
                calendar,
                steps,
            });
        }
        self.shadowed("path", raw.iter().map(|p| &p.id).zip(matchers.iter()));
        out
    }

    pub(super) fn triggers(&mut self, raw: Vec<RawTrigger>, lists: &Lists) -> Vec<Trigger> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for t in &raw {
            self.id("triggers", &t.id, &mut seen);
            let on = match t.on.get_ref().as_str() {
                "contacts" => match &t.at_least {
                    Some(n) if *n.get_ref() >= 1 => TriggerOn::Contacts(*n.get_ref()),
                    _ => {
                        self.at(&t.on, "a `contacts` trigger needs `at_least`, a number of contact attempts of 1 or more".into());
                        TriggerOn::Contacts(1)
                    }
                },
                "csat" => match &t.below {
                    Some(n) if (2..=5).contains(n.get_ref()) => TriggerOn::CsatBelow(*n.get_ref()),
                    _ => {
                        self.at(
                            &t.on,
                            "a `csat` trigger needs `below`, a score from 2 to 5".into(),
                        );
                        TriggerOn::CsatBelow(2)
                    }
                },
                "opened" => TriggerOn::Opened,
                other => {
                    self.at(
                        &t.on,
                        format!("unknown trigger `on = \"{other}\"`; use contacts, csat or opened"),
                    );
                    TriggerOn::Opened
                }
            };
            let matcher = self.matcher(&t.matches, lists);
            let actions = self.actions(
                &t.id,
                RawActionFields {
                    raise: &t.raise,
                    team: &t.team,
                    assign: &t.assign,
                    priority: &t.priority,
                    tag: &t.tag,
                    notify: &t.notify,
                    urgent: t.urgent,
                    reopen: t.reopen,
                },
                lists,
            );
            out.push(Trigger {
                id: t.id.get_ref().clone(),
                fingerprint: fingerprint(&(on, &matcher, &actions)),
                on,
                matcher,
                description: t.description.clone(),
                actions,
            });
        }
        out
    }

    pub(super) fn reopen(&mut self, raw: Option<RawReopen>) -> ReopenRules {
        let raw = raw.unwrap_or_default();
        let defaults = ReopenRules::default();
        let mut one = |n: &Option<Name>, default: OnReopen| match n {
            None => default,
            Some(n) => OnReopen::parse(n.get_ref()).unwrap_or_else(|| {
                self.at(
                    n,
                    format!(
                        "unknown reopen rule `{}`; use resume, restart or stop",
                        n.get_ref()
                    ),
                );
                default
            }),
        };
        ReopenRules {
            first_response: one(&raw.first_response, defaults.first_response),
            next_response: one(&raw.next_response, defaults.next_response),
            resolution: one(&raw.resolution, defaults.resolution),
        }
    }
}
