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

    /// Before a question: Ctrl-C, which the prompt turns into SIGINT while
    /// it hides the cursor, shows the cursor again and ends the command as
    /// cancelled, having changed nothing (answers are asked before any
    /// write).
    fn on_interrupt(&self) {
        static SET: std::sync::Once = std::sync::Once::new();
        SET.call_once(|| {
            let _ = ctrlc::set_handler(|| cancel());
        });
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
            None if self.interactive => {
                self.on_interrupt();
                answered(
                    Input::<String>::with_theme(&ColorfulTheme::default())
                        .with_prompt(question)
                        .interact_text(),
                )
            }
            None => Err(self.missing(flag)),
        }
    }

    /// Optional text: asked for (may be left empty) only on a terminal.
    pub fn optional(&self, value: Option<String>, question: &str) -> Result<String> {
        match value {
            Some(v) => Ok(v),
            None if self.interactive => {
                self.on_interrupt();
                answered(
                    Input::<String>::with_theme(&ColorfulTheme::default())
                        .with_prompt(question)
                        .allow_empty(true)
                        .interact_text(),
                )
            }
            None => Ok(String::new()),
        }
    }

    pub fn is_interactive(&self) -> bool {
        self.interactive
    }

    /// A line of text to correct: the current one, edited in place.
    pub fn edit(&self, question: &str, current: &str) -> Result<String> {
        self.on_interrupt();
        answered(
            Input::<String>::with_theme(&ColorfulTheme::default())
                .with_prompt(question)
                .with_initial_text(current)
                .interact_text(),
        )
    }

    /// Like [`Prompter::edit`], for a value that may be left empty.
    pub fn edit_optional(&self, question: &str, current: &str) -> Result<String> {
        self.on_interrupt();
        answered(
            Input::<String>::with_theme(&ColorfulTheme::default())
                .with_prompt(question)
                .with_initial_text(current)
                .allow_empty(true)
                .interact_text(),
        )
        .map(|answer| answer.trim().to_string())
    }

    /// One of `items`, the `current` one picked already.
    pub fn pick(&self, question: &str, items: &[Item], current: &str) -> Result<String> {
        self.on_interrupt();
        let at = items.iter().position(|i| i.id == current).unwrap_or(0);
        let picked = answered(
            Select::with_theme(&ColorfulTheme::default())
                .with_prompt(question)
                .items(labels(items))
                .default(at)
                .interact_opt(),
        )?
        .ok_or(EscError::Cancelled)?;
        Ok(items[picked].id.clone())
    }

    /// A yes before something that cannot be undone; off a terminal, where
    /// nobody can answer, the command needs its `--yes`.
    pub fn confirm(&self, question: &str) -> Result<bool> {
        if !self.interactive {
            return Err(EscError::usage(format!("{question} (nobody to ask)"))
                .with_hint("pass --yes to go ahead without being asked")
                .into());
        }
        self.on_interrupt();
        // Esc (or q) answers no.
        Ok(answered(
            Confirm::with_theme(&ColorfulTheme::default())
                .with_prompt(question)
                .default(false)
                .interact_opt(),
        )?
        .unwrap_or(false))
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
                self.on_interrupt();
                let picked = answered(
                    Select::with_theme(&ColorfulTheme::default())
                        .with_prompt(question)
                        .items(labels(items))
                        .default(0)
                        .interact_opt(),
                )?
                // Esc (or q) cancels, as Ctrl-C does.
                .ok_or(EscError::Cancelled)?;
                Ok(items[picked].id.clone())
            }
            None => Err(self.missing(flag)),
        }
    }
}

/// End the command as cancelled: the cursor shown again, the reason said
/// once. SIGINT reaches both the handler's thread and the read it
/// interrupts, and either may get here first; the second waits for the
/// first to end the process.
fn cancel() -> ! {
    static ENDING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if ENDING.swap(true, std::sync::atomic::Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
    let term = console::Term::stderr();
    let _ = term.show_cursor();
    let _ = term.write_line("");
    crate::output::warn(&format!("error: {}", EscError::Cancelled));
    std::process::exit(crate::error::ExitCode::Cancelled as i32);
}

/// A question's answer, or the end of the command when Ctrl-C interrupted
/// the read.
fn answered<T>(answer: dialoguer::Result<T>) -> Result<T> {
    match answer {
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => cancel(),
        other => Ok(other?),
    }
}

/// Each entry once: its id, and its name when that says more.
fn labels(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|i| {
            if i.name.is_empty() || i.name.eq_ignore_ascii_case(&i.id) {
                i.id.clone()
            } else {
                format!("{} — {}", i.id, i.name)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_shows_its_id_once_and_its_name_when_it_says_more() {
        let item = |id: &str, name: &str| Item {
            id: id.into(),
            name: name.into(),
            description: None,
        };
        assert_eq!(
            labels(&[
                item("email", "email"),
                item("process", "Our process"),
                item("web", "")
            ]),
            ["email", "process — Our process", "web"]
        );
    }
}
