//! Reaching the server as `psql` would from the same URL: what the URL
//! leaves out comes from the environment libpq reads (PGHOST, PGPORT,
//! PGUSER, PGDATABASE) and the password from PGPASSWORD or the password
//! file (PGPASSFILE, `~/.pgpass`), never from the policy or the queue.
//! TLS is rustls, with Mozilla's roots and any in PGSSLROOTCERT.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::Result;
use postgres::config::Host;
use postgres::{Client, Config};

use crate::error::EscError;

/// The URL as a connection configuration, completed from the environment.
pub fn config(url: &str) -> Result<Config> {
    let mut config = Config::from_str(url).map_err(|e| {
        EscError::usage(format!("cannot read the queue URL: {e}")).with_hint(
            "write it as postgres://USER@HOST:PORT/DATABASE (options after ?, as in ?sslmode=require)",
        )
    })?;
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if config.get_hosts().is_empty() {
        match env("PGHOST") {
            Some(host) => {
                for h in host.split(',') {
                    config.host(h);
                }
            }
            None => {
                config.host_path("/var/run/postgresql");
            }
        }
    }
    if config.get_ports().is_empty()
        && let Some(port) = env("PGPORT").and_then(|p| p.parse().ok())
    {
        config.port(port);
    }
    if config.get_user().is_none() {
        let user = env("PGUSER")
            .or_else(|| env("USER"))
            .or_else(|| env("LOGNAME"))
            .ok_or_else(|| {
                EscError::usage("the queue URL names no database user")
                    .with_hint("write it as postgres://USER@HOST/DATABASE, or set PGUSER")
            })?;
        config.user(&user);
    }
    if config.get_dbname().is_none() {
        let db = env("PGDATABASE").unwrap_or_else(|| config.get_user().unwrap_or("").to_string());
        config.dbname(&db);
    }
    if config.get_application_name().is_none() {
        config.application_name("esc");
    }
    if config.get_password().is_none() {
        if let Some(password) = env("PGPASSWORD") {
            config.password(password);
        } else if let Some(password) = password_file(&config) {
            config.password(password);
        }
    }
    Ok(config)
}

/// Connect, with TLS where the server offers it (or as `sslmode` says).
pub fn connect(config: &Config) -> Result<Client> {
    let root = std::env::var_os("PGSSLROOTCERT").filter(|f| !f.is_empty());
    let tls = crate::tls::client(root.as_deref().map(|f| (Path::new(f), "PGSSLROOTCERT")))?;
    Ok(config.connect(tokio_postgres_rustls::MakeRustlsConnect::new(tls))?)
}

/// How the URL names the server, for messages: never the password.
pub fn shown(config: &Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        Some(Host::Unix(p)) => p.display().to_string(),
        None => String::new(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    format!(
        "postgres://{}@{host}:{port}/{}",
        config.get_user().unwrap_or(""),
        config.get_dbname().unwrap_or("")
    )
}

/// The password for this connection from the password file, as libpq
/// finds it: the first line whose host, port, database and user match,
/// each field literal or `*`, with `\:` and `\\` escaped. A socket
/// connection matches `localhost`.
fn password_file(config: &Config) -> Option<String> {
    let path = std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| dirs::home_dir().map(|h| h.join(".pgpass")))?;
    // As libpq does: a password file others may read is not trusted.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            crate::output::warn(&format!(
                "warning: ignoring the password file `{}`: others may read it (chmod 600 it)",
                path.display()
            ));
            return None;
        }
    }
    let text = std::fs::read_to_string(path).ok()?;
    let host = match config.get_hosts().first()? {
        Host::Tcp(h) => h.clone(),
        Host::Unix(_) => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let wanted = [
        host.as_str(),
        port.as_str(),
        config.get_dbname().unwrap_or(""),
        config.get_user().unwrap_or(""),
    ];
    password_in(&text, wanted)
}

fn password_in(text: &str, wanted: [&str; 4]) -> Option<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = split_escaped(line);
            if fields.len() != 5 {
                return None;
            }
            let matches = fields[..4]
                .iter()
                .zip(wanted)
                .all(|(field, want)| field == "*" || field == want);
            matches.then(|| fields[4].clone())
        })
}

/// One line of the password file as its five fields.
fn split_escaped(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("one field at least").push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("one field at least").push(c),
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_file_matches_fields_literally_or_by_star_with_escapes() {
        let file = "# comment\n\
                    db.example:5432:other:ann:nope\n\
                    db.example:*:queue:ann:pa\\:ss\\\\word\n\
                    *:*:*:*:fallback\n";
        assert_eq!(
            password_in(file, ["db.example", "5432", "queue", "ann"]).as_deref(),
            Some("pa:ss\\word")
        );
        assert_eq!(
            password_in(file, ["db.example", "5432", "other", "ann"]).as_deref(),
            Some("nope")
        );
        assert_eq!(
            password_in(file, ["elsewhere", "5433", "q", "bob"]).as_deref(),
            Some("fallback")
        );
        assert_eq!(password_in("a:b:c\n", ["a", "b", "c", "d"]), None);
    }

    #[test]
    fn what_a_url_leaves_out_comes_from_the_environment_and_is_shown_without_a_password() {
        let c = config("postgres://ann:secret@db.example:5433/queue").unwrap();
        assert_eq!(c.get_user(), Some("ann"));
        assert_eq!(c.get_dbname(), Some("queue"));
        let shown = shown(&c);
        assert_eq!(shown, "postgres://ann@db.example:5433/queue");
        assert!(!shown.contains("secret"));
        let e = config("postgres://ann@db/queue?frobnicate=1").unwrap_err();
        assert!(e.to_string().contains("cannot read the queue URL"), "{e}");
    }
}
