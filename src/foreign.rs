//! Tickets exported by another help desk as CSV, read through a mapping
//! (TOML) that says which column holds what and how their values become
//! the policy's. Pure: a row in, a ticket and its log out, at the instants
//! the row gives.

use std::collections::BTreeMap;

use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use serde::Deserialize;

use crate::clock::Instant;
use crate::event::EventData;
use crate::lifecycle::{Act, NewTicket};
use crate::policy::Policy;
use crate::ticket::{Channel, Ticket};

/// A mapping file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Map {
    /// What export it reads, for messages.
    pub name: String,
    /// The field separator: `,` by default (osTicket writes `;` in locales
    /// whose decimal separator is a comma).
    #[serde(default = "comma")]
    pub delimiter: char,
    pub columns: Columns,
    pub time: Times,
    /// Their value (any case) to the policy's, per field.
    #[serde(default)]
    pub values: Values,
    #[serde(default)]
    pub defaults: Defaults,
}

fn comma() -> char {
    ','
}

/// Which column (by its header) holds each of esc's fields.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub title: String,
    pub customer: String,
    pub opened_at: String,
    pub email: Option<String>,
    pub description: Option<String>,
    pub status: Option<String>,
    pub priority: Option<String>,
    pub channel: Option<String>,
    pub category: Option<String>,
    pub team: Option<String>,
    pub assignee: Option<String>,
    pub resolved_at: Option<String>,
    /// Their tags, separated by spaces or commas.
    pub tags: Option<String>,
    /// Their ticket number, kept as a tag `REFERENCE_TAG:NUMBER`.
    pub reference: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Times {
    /// A chrono format (`%Y-%m-%d %H:%M:%S`), or `rfc3339`.
    pub format: String,
    /// The zone times without an offset are in (IANA name).
    #[serde(default = "utc")]
    pub timezone: String,
}

fn utc() -> String {
    "UTC".into()
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Values {
    #[serde(default)]
    pub status: BTreeMap<String, String>,
    #[serde(default)]
    pub priority: BTreeMap<String, String>,
    #[serde(default)]
    pub channel: BTreeMap<String, String>,
    #[serde(default)]
    pub category: BTreeMap<String, String>,
    #[serde(default)]
    pub team: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    pub category: Option<String>,
    pub channel: Option<String>,
    /// The root cause a ticket resolved over there is recorded with.
    pub root_cause: Option<String>,
    /// The summary it is resolved with.
    pub summary: Option<String>,
    /// Prefix of the tag that keeps their ticket number.
    pub reference_tag: Option<String>,
}

/// A row's problem: which column, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub column: Option<String>,
    pub message: String,
}

fn wrong(column: &str, message: String) -> RowError {
    RowError {
        column: Some(column.to_string()),
        message,
    }
}

/// The state a row's ticket is in over there.
enum State {
    Open,
    Pending,
    Resolved,
}

impl Map {
    pub fn parse(text: &str) -> Result<Map, String> {
        let map: Map = toml::from_str(text).map_err(|e| e.to_string())?;
        map.timezone()?;
        Ok(map)
    }

    fn timezone(&self) -> Result<Tz, String> {
        self.time
            .timezone
            .parse()
            .map_err(|_| format!("unknown time zone `{}`", self.time.timezone))
    }

    /// The headers this map needs that `headers` lacks.
    pub fn missing(&self, headers: &[String]) -> Vec<String> {
        let c = &self.columns;
        [&c.title, &c.customer, &c.opened_at]
            .into_iter()
            .chain(
                [
                    &c.email,
                    &c.description,
                    &c.status,
                    &c.priority,
                    &c.channel,
                    &c.category,
                    &c.team,
                    &c.assignee,
                    &c.resolved_at,
                    &c.tags,
                    &c.reference,
                ]
                .into_iter()
                .flatten(),
            )
            .filter(|name| !headers.contains(name))
            .cloned()
            .collect()
    }

    /// The ticket a row describes, and its log: opened when they say, put
    /// on hold or resolved as they say, every name checked by the policy.
    pub fn ticket(
        &self,
        policy: &Policy,
        actor: &str,
        row: &BTreeMap<String, String>,
    ) -> Result<(Ticket, Vec<EventData>), RowError> {
        let c = &self.columns;
        let cell = |column: &Option<String>| -> Option<String> {
            column
                .as_ref()
                .and_then(|name| row.get(name))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let required = |name: &String| -> Result<String, RowError> {
            cell(&Some(name.clone())).ok_or_else(|| wrong(name, "is empty".into()))
        };
        let mapped = |column: &Option<String>,
                      values: &BTreeMap<String, String>,
                      what: &str|
         -> Result<Option<String>, RowError> {
            let Some(value) = cell(column) else {
                return Ok(None);
            };
            if values.is_empty() {
                return Ok(Some(value));
            }
            let found = values
                .iter()
                .find(|(theirs, _)| theirs.eq_ignore_ascii_case(&value))
                .map(|(_, ours)| ours.clone());
            found.map(Some).ok_or_else(|| {
                wrong(
                    column.as_deref().unwrap_or(what),
                    format!(
                        "`{value}` has no {what} in the mapping (it maps: {}): add it to [values.{what}]",
                        values.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                )
            })
        };
        let opened_at = self.instant(&c.opened_at, &required(&c.opened_at)?)?;
        let state = match mapped(&c.status, &self.values.status, "status")?.as_deref() {
            None | Some("open") => State::Open,
            Some("pending") => State::Pending,
            Some("resolved") => State::Resolved,
            Some(other) => {
                return Err(wrong(
                    c.status.as_deref().unwrap_or("status"),
                    format!("maps to `{other}`: a status is open, pending or resolved"),
                ));
            }
        };
        let channel_text = mapped(&c.channel, &self.values.channel, "channel")?
            .or_else(|| self.defaults.channel.clone())
            .ok_or_else(|| {
                wrong(
                    "channel",
                    "no channel: map one, or give [defaults] channel".into(),
                )
            })?;
        let channel: Channel = channel_text
            .parse()
            .map_err(|e: String| wrong(c.channel.as_deref().unwrap_or("channel"), e))?;
        let category = mapped(&c.category, &self.values.category, "category")?
            .or_else(|| self.defaults.category.clone())
            .ok_or_else(|| {
                wrong(
                    "category",
                    "no category: map one, or give [defaults] category".into(),
                )
            })?;
        let mut tags: Vec<String> = cell(&c.tags)
            .map(|t| {
                t.split([' ', ','])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        if let Some(reference) = cell(&c.reference) {
            let prefix = self.defaults.reference_tag.as_deref().unwrap_or("ref");
            tags.push(format!("{prefix}:{reference}"));
        }
        let act = Act {
            policy,
            actor,
            now: opened_at,
        };
        let new = NewTicket {
            title: required(&c.title)?,
            description: cell(&c.description).unwrap_or_default(),
            customer: required(&c.customer)?,
            email: cell(&c.email),
            tier: None,
            channel,
            category,
            priority: mapped(&c.priority, &self.values.priority, "priority")?,
            team: mapped(&c.team, &self.values.team, "team")?,
            assignee: cell(&c.assignee)
                .map(|a| a.split_whitespace().collect::<Vec<_>>().join("."))
                .map(|a| a.to_lowercase()),
            tags,
        };
        let rejected = |e: crate::error::EscError| RowError {
            column: None,
            message: e.to_string(),
        };
        let (ticket, opened) = act.open(new).map_err(rejected)?;
        let mut log = vec![opened];
        let change = match state {
            State::Open => None,
            State::Pending => Some(act.pending(&ticket, None).map_err(rejected)?),
            State::Resolved => {
                let at = match cell(&c.resolved_at) {
                    Some(text) => self.instant(c.resolved_at.as_deref().unwrap_or(""), &text)?,
                    None => opened_at,
                }
                .max(opened_at);
                let root_cause = self.defaults.root_cause.clone().ok_or_else(|| {
                    wrong(
                        "status",
                        "a resolved ticket needs a root cause: give [defaults] root_cause".into(),
                    )
                })?;
                let summary =
                    self.defaults.summary.clone().unwrap_or_else(|| {
                        format!("resolved in {} before the move to esc", self.name)
                    });
                let resolve = Act { now: at, ..act };
                Some(
                    resolve
                        .resolve(&ticket, &summary, &root_cause)
                        .map_err(rejected)?,
                )
            }
        };
        let ticket = match change {
            Some(change) => {
                log.extend(change.events);
                change.ticket
            }
            None => ticket,
        };
        Ok((ticket, log))
    }

    fn instant(&self, column: &str, text: &str) -> Result<Instant, RowError> {
        let bad = |why: String| wrong(column, format!("`{text}` is not a time: {why}"));
        if self.time.format == "rfc3339" {
            return chrono::DateTime::parse_from_rfc3339(text)
                .map(|t| t.with_timezone(&chrono::Utc))
                .map_err(|e| bad(e.to_string()));
        }
        if let Ok(t) = chrono::DateTime::parse_from_str(text, &self.time.format) {
            return Ok(t.with_timezone(&chrono::Utc));
        }
        let naive = NaiveDateTime::parse_from_str(text, &self.time.format).map_err(|e| {
            bad(format!(
                "{e} (the mapping's format is `{}`)",
                self.time.format
            ))
        })?;
        let zone = self.timezone().map_err(bad)?;
        zone.from_local_datetime(&naive)
            .earliest()
            .map(|t| t.with_timezone(&chrono::Utc))
            .ok_or_else(|| bad(format!("it does not exist in {}", self.time.timezone)))
    }
}
