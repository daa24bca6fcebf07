//! Mail fetched from a mailbox: each message taken in as `receive` takes
//! one, in its own transaction, and set aside in the mailbox only after
//! that commits. Stopped anywhere, a fetch loses nothing and repeats
//! nothing: a message kept but not yet set aside is found kept the next
//! time, and only set aside then.

use anyhow::{Context, Result};

use super::Queue;
use super::receive::Received;
use crate::mailbox::{Mailbox, Waiting};

/// A message left in the mailbox, and why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Left {
    /// The mailbox's name for it.
    pub id: String,
    pub why: String,
}

/// What one fetch did.
#[derive(Debug, Default)]
pub struct Fetched {
    /// Messages taken in (duplicates among them, set aside all the same).
    pub received: usize,
    /// Messages left waiting.
    pub left: Vec<Left>,
}

impl Queue {
    /// Take in every message waiting in `mailbox` no larger than `limit`
    /// bytes; `each` hears of every one as it is kept.
    pub fn fetch(
        &self,
        mailbox: &mut dyn Mailbox,
        limit: u64,
        each: &mut dyn FnMut(&Waiting, &Received),
    ) -> Result<Fetched> {
        let mut fetched = Fetched::default();
        for message in mailbox.waiting()? {
            if message.size > limit {
                fetched.left.push(Left {
                    why: format!(
                        "{} MiB, over the {} MiB esc takes in: left in the mailbox for a person",
                        message.size.div_ceil(1 << 20),
                        limit >> 20
                    ),
                    id: message.id,
                });
                continue;
            }
            let raw = mailbox.read(&message)?;
            let received = self.receive(&raw).with_context(|| {
                format!("taking in message {} of {}", message.id, mailbox.name())
            })?;
            mailbox.set_aside(&message).with_context(|| {
                format!(
                    "message {} is kept in the queue (as message {}), but could not be set aside in {}; the next fetch finds it kept",
                    message.id,
                    received.mail.id,
                    mailbox.name()
                )
            })?;
            fetched.received += 1;
            each(&message, &received);
        }
        mailbox.close()?;
        Ok(fetched)
    }
}
