//! Every interactive question `esc` asks, in one place. Each has a flag that
//! skips it, and none is asked unless stdin and stderr are a terminal:
//! elsewhere a missing value is an error that names its flag.

use anyhow::Result;
use dialoguer::{Confirm, Input, Select, theme::ColorfulTheme};

use crate::error::EscError;
use crate::policy::Item;

pub struct Prompter {
    interactive: bool,
}

impl Prompter {
    pub fn new(interactive: bool) -> Self {
        Prompter { interactive }
    }

    fn missing(&self, flag: &str) -> anyhow::Error {
        EscError::usage(format!("missing {flag}"))
            .with_hint(format!("pass {flag}, or run in a terminal to be asked"))
            .into()
    }

    /// A required line of text: the flag's value, or asked for.
    pub fn text(&self, value: Option<String>, flag: &str, question: &str) -> Result<String> {
        match value {
            Some(v) => Ok(v),
            None if self.interactive => Ok(Input::<String>::with_theme(&ColorfulTheme::default())
                .with_prompt(question)
                .interact_text()?),
            None => Err(self.missing(flag)),
        }
    }

    /// Optional text: asked for (may be left empty) only on a terminal.
    pub fn optional(&self, value: Option<String>, question: &str) -> Result<String> {
        match value {
            Some(v) => Ok(v),
            None if self.interactive => Ok(Input::<String>::with_theme(&ColorfulTheme::default())
                .with_prompt(question)
                .allow_empty(true)
                .interact_text()?),
            None => Ok(String::new()),
        }
    }

    /// A yes before something that cannot be undone; off a terminal, where
    /// nobody can answer, the command needs its `--yes`.
    pub fn confirm(&self, question: &str) -> Result<bool> {
        if !self.interactive {
            return Err(EscError::usage(format!("{question} (nobody to ask)"))
                .with_hint("pass --yes to go ahead without being asked")
                .into());
        }
        Ok(Confirm::with_theme(&ColorfulTheme::default())
            .with_prompt(question)
            .default(false)
            .interact()?)
    }

    /// One of the policy's entries: the flag's value, or picked from a list.
    pub fn choose(
        &self,
        value: Option<String>,
        flag: &str,
        question: &str,
        items: &[Item],
    ) -> Result<String> {
        match value {
            Some(v) => Ok(v),
            None if self.interactive => {
                let labels: Vec<String> = items
                    .iter()
                    .map(|i| format!("{} — {}", i.id, i.name))
                    .collect();
                let picked = Select::with_theme(&ColorfulTheme::default())
                    .with_prompt(question)
                    .items(&labels)
                    .default(0)
                    .interact()?;
                Ok(items[picked].id.clone())
            }
            None => Err(self.missing(flag)),
        }
    }
}
