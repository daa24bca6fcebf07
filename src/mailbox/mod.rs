//! Where customers' mail waits to be fetched: an IMAP folder or a local
//! Maildir. A mailbox only lists, reads and sets aside; what a message
//! does is the queue's. A message is set aside (marked seen, or moved)
//! only after the queue kept it, so a fetch stopped between the two
//! leaves it waiting, and the next fetch finds it kept already.

mod imap;
mod maildir;

use std::time::Duration;

use anyhow::Result;

use crate::policy::mail::Fetch;

/// A message waiting, by the mailbox's own name for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    /// An IMAP UID, or a Maildir file's path under the folder.
    pub id: String,
    /// Its size in bytes, as the mailbox tells it before it is read.
    pub size: u64,
}

/// A mailbox mail waits in.
pub trait Mailbox {
    /// Where it is, for people: never a secret.
    fn name(&self) -> String;
    /// The messages waiting, oldest first.
    fn waiting(&mut self) -> Result<Vec<Waiting>>;
    /// One message as it came.
    fn read(&mut self, message: &Waiting) -> Result<Vec<u8>>;
    /// Set a message aside once the queue kept it: it is not waiting any
    /// more.
    fn set_aside(&mut self, message: &Waiting) -> Result<()>;
    /// Done with the mailbox: say goodbye to the server.
    fn close(&mut self) -> Result<()> {
        Ok(())
    }
}

/// Open the mailbox the policy names; a server gets `timeout` to answer
/// each request.
pub fn open(fetch: &Fetch, timeout: Duration) -> Result<Box<dyn Mailbox>> {
    Ok(match fetch {
        Fetch::Imap(account) => Box::new(imap::Folder::open(account, timeout)?),
        Fetch::Maildir(dir) => Box::new(maildir::Maildir::open(std::path::Path::new(dir))?),
    })
}

/// A Maildir named on the command line, whatever the policy says.
pub fn maildir(dir: &std::path::Path) -> Result<Box<dyn Mailbox>> {
    Ok(Box::new(maildir::Maildir::open(dir)?))
}
