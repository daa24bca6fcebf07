//! An IMAP folder, over TLS from the first byte or upgraded by STARTTLS
//! (which must succeed). Messages are read with BODY.PEEK, so reading
//! marks nothing; a message is set aside once kept: moved to the folder
//! the policy names, or flagged seen where it is.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};

use super::{Mailbox, Waiting};
use crate::delivery::read_secret;
use crate::policy::SmtpTls;
use crate::policy::mail::{Imap, ImapLogin};

/// What the session runs over: TCP, or TLS over it.
trait Stream: Read + Write + Send {}
impl<T: Read + Write + Send> Stream for T {}

type Session = imap::Session<Box<dyn Stream>>;

pub struct Folder {
    session: Session,
    account: Imap,
    /// The server moves in one step (RFC 6851); otherwise copy, then
    /// delete.
    moves: bool,
    /// Messages copied to `move_to` and flagged deleted, to expunge.
    copied: Vec<String>,
}

/// SASL XOAUTH2: the user and their access token, as providers that take
/// tokens instead of passwords ask.
struct OAuth2<'a> {
    user: &'a str,
    token: &'a str,
}

impl imap::Authenticator for OAuth2<'_> {
    type Response = String;
    fn process(&self, _challenge: &[u8]) -> String {
        format!("user={}\x01auth=Bearer {}\x01\x01", self.user, self.token)
    }
}

impl Folder {
    pub fn open(account: &Imap, timeout: Duration) -> Result<Folder> {
        let shown = format!("{}:{}", account.host, account.port);
        let address = (account.host.as_str(), account.port)
            .to_socket_addrs()
            .with_context(|| format!("cannot find the IMAP server {shown}"))?
            .next()
            .ok_or_else(|| anyhow!("the IMAP server {shown} has no address"))?;
        let tcp = TcpStream::connect_timeout(&address, timeout)
            .with_context(|| format!("cannot reach the IMAP server {shown}"))?;
        tcp.set_read_timeout(Some(timeout))?;
        tcp.set_write_timeout(Some(timeout))?;
        let secure = |tcp: TcpStream| -> Result<Box<dyn Stream>> {
            let ca = account
                .ca_file
                .as_deref()
                .map(|f| (Path::new(f), "mail.imap.ca_file"));
            let config = Arc::new(crate::tls::client(ca)?);
            let name = rustls::pki_types::ServerName::try_from(account.host.clone()).with_context(
                || format!("`{}` is not a server name TLS can check", account.host),
            )?;
            let connection = rustls::ClientConnection::new(config, name)?;
            Ok(Box::new(rustls::StreamOwned::new(connection, tcp)))
        };
        let talking = |e: imap::Error| anyhow!("the IMAP server {shown}: {e}");
        let client = match account.tls {
            SmtpTls::Tls => {
                let mut client = imap::Client::new(secure(tcp)?);
                client.read_greeting().map_err(talking)?;
                client
            }
            SmtpTls::Starttls => {
                let tcp = starttls(tcp).map_err(|e| anyhow!("the IMAP server {shown}: {e}"))?;
                let mut client = imap::Client::new(secure(tcp)?);
                client.greeting_read = true;
                client
            }
            SmtpTls::None => {
                let mut client = imap::Client::new(Box::new(tcp) as Box<dyn Stream>);
                client.read_greeting().map_err(talking)?;
                client
            }
        };
        let user = &account.username;
        let refused = |(e, _): (imap::Error, _)| {
            anyhow!("the IMAP server {shown} refused to log in `{user}`: {e}")
        };
        let mut session = match &account.login {
            ImapLogin::Password(secret) => {
                let password = read_secret(secret)
                    .map_err(|e| anyhow!("no password to log in to {shown}: {e}"))?;
                client.login(user, password).map_err(refused)?
            }
            ImapLogin::Token(secret) => {
                let token = read_secret(secret)
                    .map_err(|e| anyhow!("no token to log in to {shown}: {e}"))?;
                let auth = OAuth2 {
                    user,
                    token: &token,
                };
                client.authenticate("XOAUTH2", &auth).map_err(refused)?
            }
        };
        let moves = session.capabilities().map_err(talking)?.has_str("MOVE");
        session
            .select(&account.mailbox)
            .with_context(|| format!("cannot open the folder `{}` on {shown}", account.mailbox))?;
        Ok(Folder {
            session,
            account: account.clone(),
            moves,
            copied: Vec::new(),
        })
    }
}

/// The greeting read and STARTTLS said on a plain connection, which is
/// then ready for the TLS handshake. The imap crate keeps its own STARTTLS
/// to its builder, whose TLS is not ours; the exchange is three lines.
fn starttls(mut tcp: TcpStream) -> Result<TcpStream> {
    let greeting = line(&mut tcp)?;
    if !greeting.starts_with("* OK") {
        bail!(
            "it did not greet as an IMAP server does: {}",
            greeting.trim_end()
        );
    }
    tcp.write_all(b"esc0 STARTTLS\r\n")?;
    loop {
        let answer = line(&mut tcp)?;
        if let Some(status) = answer.strip_prefix("esc0 ") {
            if status.starts_with("OK") {
                return Ok(tcp);
            }
            bail!(
                "it refused STARTTLS ({}): use tls = \"tls\" (port 993) if it offers TLS from the start",
                status.trim_end()
            );
        }
    }
}

/// One line from the server, read a byte at a time so that nothing past
/// it (the TLS handshake) is taken from the socket.
fn line(tcp: &mut TcpStream) -> Result<String> {
    let mut bytes = Vec::new();
    let mut byte = [0u8];
    while bytes.last() != Some(&b'\n') {
        if tcp.read(&mut byte)? == 0 {
            bail!("it closed the connection");
        }
        bytes.push(byte[0]);
        if bytes.len() > 8192 {
            bail!("it sent a line over 8 KiB before TLS");
        }
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

impl Mailbox for Folder {
    fn name(&self) -> String {
        format!(
            "{}@{}:{} {}",
            self.account.username, self.account.host, self.account.port, self.account.mailbox
        )
    }

    fn waiting(&mut self) -> Result<Vec<Waiting>> {
        // Mail that is set aside by moving it waits until it is moved,
        // read or not; otherwise until it is seen.
        let query = if self.account.move_to.is_some() {
            "UNDELETED"
        } else {
            "UNSEEN UNDELETED"
        };
        let mut uids: Vec<u32> = self.session.uid_search(query)?.into_iter().collect();
        uids.sort_unstable();
        let mut found = Vec::with_capacity(uids.len());
        // Sizes in batches: one command line stays short.
        for batch in uids.chunks(500) {
            let set: Vec<String> = batch.iter().map(u32::to_string).collect();
            let sizes = self.session.uid_fetch(set.join(","), "RFC822.SIZE")?;
            for fetch in sizes.iter() {
                if let Some(uid) = fetch.uid {
                    found.push(Waiting {
                        id: uid.to_string(),
                        size: u64::from(fetch.size.unwrap_or(0)),
                    });
                }
            }
        }
        found.sort_by_key(|w| w.id.parse::<u32>().unwrap_or(u32::MAX));
        Ok(found)
    }

    fn read(&mut self, message: &Waiting) -> Result<Vec<u8>> {
        let fetched = self.session.uid_fetch(&message.id, "BODY.PEEK[]")?;
        let body = fetched
            .iter()
            .find_map(|f| f.body())
            .ok_or_else(|| anyhow!("the server sent no message for UID {}", message.id))?;
        Ok(body.to_vec())
    }

    fn set_aside(&mut self, message: &Waiting) -> Result<()> {
        let uid = &message.id;
        match &self.account.move_to {
            None => {
                self.session.uid_store(uid, "+FLAGS.SILENT (\\Seen)")?;
            }
            Some(folder) if self.moves => self.session.uid_mv(uid, folder)?,
            Some(folder) => {
                self.session.uid_copy(uid, folder)?;
                self.session
                    .uid_store(uid, "+FLAGS.SILENT (\\Seen \\Deleted)")?;
                self.copied.push(uid.clone());
            }
        }
        Ok(())
    }

    fn close(&mut self) -> Result<()> {
        if !self.copied.is_empty() {
            self.session.uid_expunge(self.copied.join(","))?;
        }
        self.session.logout()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use imap::Authenticator;

    #[test]
    fn a_token_is_offered_as_xoauth2_asks() {
        let auth = OAuth2 {
            user: "support@example.com",
            token: "ya29.abc",
        };
        assert_eq!(
            auth.process(b""),
            "user=support@example.com\x01auth=Bearer ya29.abc\x01\x01"
        );
    }
}
