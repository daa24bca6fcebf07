//! The user's config file: which queue, and who is acting, without
//! exporting variables in every shell. `ESC_CONFIG` names it; otherwise
//! it is `esc/config.toml` in the config directory (`~/.config` on Linux),
//! and a missing one is no error. What it says comes last: a flag, then
//! its environment variable, then the config file, then esc's default.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::cli::Global;
use crate::error::EscError;
use crate::store::Location;

/// The environment variable that names the config file.
pub const CONFIG_ENV: &str = "ESC_CONFIG";

#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The queue: a file's path or a postgres:// URL, as `--db` takes it.
    pub db: Option<String>,
    /// Who is acting, as `--as` takes it.
    #[serde(rename = "as")]
    pub actor: Option<String>,
    /// The zone tables show times in (an IANA name such as Europe/Paris);
    /// UTC without it.
    pub zone: Option<String>,
}

/// Where the config file is: `ESC_CONFIG`, or the default place (which
/// need not exist).
pub fn path() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty()) {
        Some(p) => Some(PathBuf::from(p)),
        None => dirs::config_dir().map(|d| d.join("esc").join("config.toml")),
    }
}

/// Read the config file, if there is one. One that `ESC_CONFIG` names
/// must exist; one that does not read is an error naming its line.
pub fn load() -> Result<Config, EscError> {
    let Some(path) = path() else {
        return Ok(Config::default());
    };
    let named = std::env::var_os(CONFIG_ENV).is_some_and(|v| !v.is_empty());
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => {
            return Ok(Config::default());
        }
        Err(e) => {
            return Err(EscError::usage(format!(
                "cannot read the config file `{}`: {e}",
                path.display()
            ))
            .with_hint(format!("fix or unset {CONFIG_ENV}")));
        }
    };
    parse(&text, &path)
}

fn parse(text: &str, path: &Path) -> Result<Config, EscError> {
    toml::from_str(text).map_err(|e| {
        let place = e
            .span()
            .map(|s| {
                let line = text[..s.start].matches('\n').count() + 1;
                format!(":{line}")
            })
            .unwrap_or_default();
        EscError::usage(format!(
            "the config file `{}{place}` does not read: {}",
            path.display(),
            e.message()
        ))
        .with_hint("it may say `db = \"PATH or postgres://...\"`, `as = \"NAME\"` and `zone = \"Europe/Paris\"`")
    })
}

impl Config {
    /// Fill in what the command line and the environment left unsaid.
    pub fn under(self, mut global: Global) -> Result<Global, EscError> {
        if global.db.is_none()
            && let Some(db) = self.db
        {
            global.db = Some(Location::parse(&db).map_err(|e| {
                EscError::usage(format!("the config file's `db`: {e}"))
                    .with_hint("give a queue file's path or a postgres:// URL")
            })?);
        }
        if global.actor.is_none() {
            global.actor = self.actor;
        }
        if let Some(name) = self.zone {
            let zone: chrono_tz::Tz = name.parse().map_err(|_| {
                EscError::usage(format!("the config file's `zone`: unknown zone `{name}`"))
                    .with_hint("use an IANA name such as Europe/Paris or America/New_York")
            })?;
            crate::clock::set_zone(zone);
        }
        Ok(global)
    }
}

/// The text `esc init` writes for a queue at `db`.
pub fn for_queue(db: &str) -> String {
    format!(
        "# esc's settings: a flag or its environment variable (ESC_DB, ESC_USER)\n\
         # wins over what is here.\n\
         db = {}\n",
        toml::Value::String(db.to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_file_reads_its_keys_and_names_the_line_of_a_mistake() {
        let c = parse("db = \"/srv/q.db\"\nas = \"ann\"\n", Path::new("c.toml")).unwrap();
        assert_eq!(c.db.as_deref(), Some("/srv/q.db"));
        assert_eq!(c.actor.as_deref(), Some("ann"));
        let e = parse("db = \"/srv/q.db\"\nqueue = 1\n", Path::new("c.toml")).unwrap_err();
        assert!(e.to_string().contains("`c.toml:2` does not read"), "{e}");
        let written = for_queue("/home/ann/it's \"q\".db");
        let back = parse(&written, Path::new("c.toml")).unwrap();
        assert_eq!(back.db.as_deref(), Some("/home/ann/it's \"q\".db"));
    }
}
