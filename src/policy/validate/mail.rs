//! The `[mail]` section checked: routes name what the policy defines, the
//! limits read, and the mailbox to fetch from is one, its secret only named.

use super::*;
use crate::policy::mail::{Fetch, Imap, ImapLogin, MailRules, Route, parse_size};
use crate::policy::raw::{RawImap, RawMail};

/// What a route may name.
pub(in crate::policy) struct Routable<'a> {
    pub teams: &'a [Item],
    pub categories: &'a [Item],
    pub priorities: &'a [Item],
}

impl Validator<'_> {
    pub(in crate::policy) fn mail(&mut self, raw: Option<RawMail>, lists: &Routable) -> MailRules {
        let mut rules = MailRules::default();
        let Some(raw) = raw else { return rules };
        if let Some(w) = &raw.reopen_within {
            match w.get_ref().parse::<Span>() {
                Ok(s) if s.as_secs() >= 0 => rules.reopen_within = s,
                Ok(_) => self.at(w, "mail.reopen_within cannot be negative".into()),
                Err(e) => self.at(w, format!("mail.reopen_within: {e}")),
            }
        }
        if let Some(limit) = &raw.attachment_limit {
            match parse_size(limit.get_ref()) {
                Ok(n) if n <= crate::ticket::limits::MESSAGE as u64 => rules.attachment_limit = n,
                Ok(_) => self.at(
                    limit,
                    "mail.attachment_limit is over 64MB, the largest message esc takes in".into(),
                ),
                Err(e) => self.at(limit, format!("mail.attachment_limit: {e}")),
            }
        }
        if let Some(n) = raw.acknowledgements_per_day {
            match u32::try_from(*n.get_ref()) {
                Ok(k @ 0..=100) => rules.acknowledgements_per_day = k,
                _ => self.at(
                    &Name::new(n.span(), String::new()),
                    "mail.acknowledgements_per_day must be between 0 (never) and 100".into(),
                ),
            }
        }
        for (key, given) in [("from", &raw.from), ("reply_to", &raw.reply_to)] {
            if let Some(a) = given
                && let Err(e) = a.get_ref().parse::<lettre::message::Mailbox>()
            {
                self.at(
                    a,
                    format!(
                        "mail.{key} `{}` is not an e-mail sender ({e}): write support@example.com or `Support <support@example.com>`",
                        a.get_ref()
                    ),
                );
            }
        }
        if let Some(channels) = raw.reply_by_mail {
            rules.reply_by_mail = channels
                .iter()
                .filter_map(|c| {
                    c.get_ref()
                        .parse()
                        .map_err(|_| {
                            self.at(
                            c,
                            format!(
                                "mail.reply_by_mail names `{}`, which is no channel (channels: {})",
                                c.get_ref(),
                                crate::ticket::Channel::ALL
                                    .iter()
                                    .map(|c| c.to_string())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        )
                        })
                        .ok()
                })
                .collect();
        }
        rules.from = raw.from.map(|f| f.into_inner());
        rules.reply_to = raw.reply_to.map(|r| r.into_inner());
        rules.routes = raw
            .routes
            .into_iter()
            .map(|r| self.route(r, lists))
            .collect();
        let imap = raw.imap.map(|i| self.imap(i.into_inner()));
        rules.fetch = match (imap, raw.maildir) {
            (Some(imap), None) => Some(Fetch::Imap(imap)),
            (None, Some(dir)) => {
                if dir.get_ref().trim().is_empty() {
                    self.at(
                        &dir,
                        "mail.maildir is empty: name the Maildir folder".into(),
                    );
                }
                Some(Fetch::Maildir(dir.into_inner()))
            }
            (None, None) => None,
            (Some(_), Some(dir)) => {
                self.at(
                    &dir,
                    "[mail] names both an IMAP account and a Maildir: keep the one mail waits in"
                        .into(),
                );
                None
            }
        };
        rules
    }

    fn route(&mut self, raw: toml::Spanned<raw::RawRoute>, lists: &Routable) -> Route {
        let span = raw.span();
        let raw = raw.into_inner();
        if raw.team.is_none() && raw.category.is_none() && raw.priority.is_none() {
            self.at(
                &Name::new(span, String::new()),
                "a [[mail.routes]] entry sends mail nowhere: give it a `team`, `category` or `priority`"
                    .into(),
            );
        }
        for to in &raw.to {
            if to.get_ref().parse::<lettre::Address>().is_err() {
                self.at(
                    to,
                    format!(
                        "mail.routes.to `{}` is not an e-mail address: write support@example.com",
                        to.get_ref()
                    ),
                );
            }
        }
        for word in &raw.subject {
            if word.get_ref().trim().is_empty() {
                self.at(word, "mail.routes.subject lists an empty word".into());
            }
        }
        if let Some(t) = &raw.team {
            self.known("team", t, lists.teams);
        }
        if let Some(c) = &raw.category {
            self.known("category", c, lists.categories);
        }
        if let Some(p) = &raw.priority {
            self.known("priority", p, lists.priorities);
        }
        Route {
            to: raw
                .to
                .into_iter()
                .map(|t| t.get_ref().to_lowercase())
                .collect(),
            subject: raw
                .subject
                .into_iter()
                .map(|w| {
                    w.get_ref()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase()
                })
                .collect(),
            team: raw.team.map(|t| t.into_inner()),
            category: raw.category.map(|c| c.into_inner()),
            priority: raw.priority.map(|p| p.into_inner()),
        }
    }

    fn imap(&mut self, raw: RawImap) -> Imap {
        let (tls, port) = self.server(
            super::Server {
                key: "mail.imap",
                what: "the IMAP server",
                default: SmtpTls::Tls,
                port_of: SmtpTls::imap_port,
                choices: "tls (port 993), starttls (143) or none (a server on this host)",
            },
            &raw.host,
            &raw.tls,
            raw.port,
        );
        let secrets = [
            raw.password_env
                .map(|v| ImapLogin::Password(Secret::Env(v.into_inner()))),
            raw.password_file
                .map(|f| ImapLogin::Password(Secret::File(f.into_inner()))),
            raw.token_env
                .map(|v| ImapLogin::Token(Secret::Env(v.into_inner()))),
            raw.token_file
                .map(|f| ImapLogin::Token(Secret::File(f.into_inner()))),
        ];
        let mut given: Vec<ImapLogin> = secrets.into_iter().flatten().collect();
        if given.len() != 1 {
            self.at(
                &raw.username,
                format!(
                    "mail.imap {}: give one of password_env, password_file, token_env or token_file (the secret itself never goes in the policy)",
                    if given.is_empty() { "says no way to log in" } else { "gives more than one way to log in" }
                ),
            );
        }
        let login = given
            .pop()
            .unwrap_or(ImapLogin::Password(Secret::Env(String::new())));
        if tls == SmtpTls::None && !raw.plaintext_login.as_ref().is_some_and(|p| *p.get_ref()) {
            self.at(
                &raw.username,
                format!(
                    "mail.imap logs in as `{}` with tls = \"none\": the secret crosses the network in clear; use tls = \"tls\" or \"starttls\", or, for a server on this host, say plaintext_login = true",
                    raw.username.get_ref()
                ),
            );
        }
        for name in [&raw.mailbox, &raw.move_to].into_iter().flatten() {
            if name.get_ref().trim().is_empty() || name.get_ref().chars().any(char::is_control) {
                self.at(
                    name,
                    format!("mail.imap: `{}` is not a folder name", name.get_ref()),
                );
            }
        }
        Imap {
            host: raw.host.into_inner(),
            port,
            tls,
            username: raw.username.into_inner(),
            login,
            mailbox: raw
                .mailbox
                .map(|m| m.into_inner())
                .unwrap_or_else(|| "INBOX".into()),
            move_to: raw.move_to.map(|m| m.into_inner()),
            ca_file: raw.ca_file.map(|c| c.into_inner()),
        }
    }
}
