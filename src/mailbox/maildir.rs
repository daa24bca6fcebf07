//! A Maildir on this host: mail a delivery agent left in `new/`, and mail
//! in `cur/` that nobody has marked seen. A message is set aside by one
//! rename into `cur/` with the seen flag, as a mail client does.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::{Mailbox, Waiting};

pub struct Maildir {
    dir: PathBuf,
}

impl Maildir {
    pub fn open(dir: &Path) -> Result<Maildir> {
        for sub in ["new", "cur"] {
            if !dir.join(sub).is_dir() {
                bail!(
                    "`{}` is not a Maildir: it has no `{sub}` folder (a Maildir has cur, new and tmp)",
                    dir.display()
                );
            }
        }
        Ok(Maildir {
            dir: dir.to_path_buf(),
        })
    }
}

/// The flags a name in `cur/` carries after `:2,`, if it has any.
fn flags(name: &str) -> Option<&str> {
    name.rsplit_once(":2,").map(|(_, f)| f)
}

impl Mailbox for Maildir {
    fn name(&self) -> String {
        format!("Maildir {}", self.dir.display())
    }

    fn waiting(&mut self) -> Result<Vec<Waiting>> {
        let mut found = Vec::new();
        for sub in ["new", "cur"] {
            let folder = self.dir.join(sub);
            let entries = fs::read_dir(&folder)
                .with_context(|| format!("cannot list {}", folder.display()))?;
            for entry in entries {
                let entry = entry.with_context(|| format!("cannot list {}", folder.display()))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                // Dot files are no mail; seen or trashed mail in cur/ was
                // dealt with.
                if name.starts_with('.')
                    || (sub == "cur" && flags(&name).is_some_and(|f| f.contains(['S', 'T'])))
                {
                    continue;
                }
                let meta = entry.metadata()?;
                if !meta.is_file() {
                    continue;
                }
                let modified = meta.modified().ok();
                found.push((
                    modified,
                    Waiting {
                        id: format!("{sub}/{name}"),
                        size: meta.len(),
                    },
                ));
            }
        }
        // Oldest first: by the time it was written, then its unique name
        // (which starts with the time it was delivered).
        let name = |w: &Waiting| w.id.split_once('/').map(|(_, n)| n.to_string());
        found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| name(&a.1).cmp(&name(&b.1))));
        Ok(found.into_iter().map(|(_, w)| w).collect())
    }

    fn read(&mut self, message: &Waiting) -> Result<Vec<u8>> {
        let path = self.dir.join(&message.id);
        fs::read(&path).with_context(|| format!("cannot read {}", path.display()))
    }

    fn set_aside(&mut self, message: &Waiting) -> Result<()> {
        let from = self.dir.join(&message.id);
        let name = message
            .id
            .split_once('/')
            .map(|(_, n)| n)
            .unwrap_or(&message.id);
        let seen = match name.rsplit_once(":2,") {
            None => format!("{name}:2,S"),
            Some((base, f)) => {
                let mut all: Vec<char> = f.chars().chain(['S']).collect();
                all.sort_unstable();
                all.dedup();
                format!("{base}:2,{}", all.into_iter().collect::<String>())
            }
        };
        let to = self.dir.join("cur").join(seen);
        fs::rename(&from, &to)
            .with_context(|| format!("cannot mark {} seen (moving it into cur/)", from.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maildir() -> (tempfile::TempDir, Maildir) {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["new", "cur", "tmp"] {
            fs::create_dir(dir.path().join(sub)).unwrap();
        }
        let m = Maildir::open(dir.path()).unwrap();
        (dir, m)
    }

    #[test]
    fn new_and_unseen_mail_waits_and_is_set_aside_as_seen() {
        let (dir, mut m) = maildir();
        let d = dir.path();
        fs::write(d.join("new/1.a.host"), "one").unwrap();
        fs::write(d.join("cur/2.b.host:2,F"), "two").unwrap();
        fs::write(d.join("cur/3.c.host:2,S"), "seen").unwrap();
        fs::write(d.join("cur/4.d.host:2,ST"), "trashed").unwrap();
        fs::write(d.join("new/.hidden"), "no").unwrap();
        let waiting = m.waiting().unwrap();
        let mut ids: Vec<&str> = waiting.iter().map(|w| w.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["cur/2.b.host:2,F", "new/1.a.host"]);
        for w in &waiting {
            let text = m.read(w).unwrap();
            assert!(text == b"one" || text == b"two");
            m.set_aside(w).unwrap();
        }
        assert!(m.waiting().unwrap().is_empty());
        assert_eq!(fs::read(d.join("cur/1.a.host:2,S")).unwrap(), b"one");
        assert_eq!(fs::read(d.join("cur/2.b.host:2,FS")).unwrap(), b"two");
    }

    #[test]
    fn a_folder_that_is_no_maildir_is_refused_saying_what_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let e = Maildir::open(dir.path()).err().unwrap().to_string();
        assert!(
            e.contains("is not a Maildir: it has no `new` folder"),
            "{e}"
        );
    }
}
