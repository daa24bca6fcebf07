//! What the fuzzers in `fuzz/` run, one function per parser, shared with
//! the test that replays their committed corpus (`tests/cli/fuzz_corpus.rs`)
//! so that the suite checks exactly what was fuzzed. Each takes arbitrary
//! bytes, must never panic, and asserts what must hold of whatever parses.

use chrono_tz::Tz;

use crate::automation::Engine;
use crate::clock::{Instant, from_unix, parse_instant, rfc3339};
use crate::duration::Span;
use crate::lifecycle::{Act, NewTicket};
use crate::policy::Policy;
use crate::report::{Builder, Window};
use crate::ticket::Channel;

/// 2026-11-23T09:00:00Z: the instant fuzzed tickets open at.
const OPENED: i64 = 1_795_424_400;

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// A duration that parses prints as text that parses back to it.
pub fn duration(data: &[u8]) {
    let Some(t) = text(data) else { return };
    if let Ok(span) = t.parse::<Span>() {
        let shown = span.to_string();
        assert_eq!(
            shown.parse::<Span>(),
            Ok(span),
            "{t:?} printed as {shown:?}"
        );
    }
}

/// An instant that parses prints as RFC 3339 that parses back to it.
pub fn instant(data: &[u8]) {
    let Some(t) = text(data) else { return };
    if let Ok(at) = parse_instant(t) {
        let shown = rfc3339(at);
        assert_eq!(parse_instant(&shown), Ok(at), "{t:?} printed as {shown:?}");
    }
}

/// A report window: `since`, `until` and a timezone on three lines. Any
/// window that reads builds its trend in bounded rows.
pub fn window(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let mut lines = t.splitn(3, '\n');
    let (since, until, tz) = (lines.next(), lines.next(), lines.next());
    let tz: Tz = tz.and_then(|z| z.trim().parse().ok()).unwrap_or(Tz::UTC);
    let now = from_unix(OPENED);
    let until = until
        .and_then(|u| crate::report::when(u, now, tz))
        .unwrap_or(now);
    let Some(since) = since.and_then(|s| crate::report::when(s, now, tz)) else {
        return;
    };
    if since >= until {
        return;
    }
    let report = Builder::new(Window { since, until, tz }, None).finish();
    assert!(
        report.trend.len() <= 10_100,
        "{} trend rows for {since}..{until}",
        report.trend.len()
    );
}

/// A policy file: whatever validates can open a ticket, and the engine can
/// settle it a day, a month and a year later.
pub fn policy(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let Ok(policy) = Policy::parse(t, "fuzz.toml") else {
        return;
    };
    let _ = serde_json::to_string(&policy);
    let opened = from_unix(OPENED);
    let act = Act {
        policy: &policy,
        actor: "fuzz",
        now: opened,
    };
    let Some(category) = policy.categories.first() else {
        return;
    };
    let Ok((ticket, event)) = act.open(NewTicket {
        title: "fuzzed".into(),
        description: String::new(),
        customer: "fuzz".into(),
        email: None,
        tier: None,
        channel: Channel::Email,
        category: category.id.clone(),
        priority: None,
        team: None,
        assignee: None,
        tags: vec![],
    }) else {
        return;
    };
    let mut log = vec![event];
    let mut ticket = ticket;
    for days in [1, 31, 366] {
        let now: Instant = opened + chrono::Duration::days(days);
        let (next, _) = Engine::new(&policy, now).settle(ticket, &mut log);
        ticket = next;
    }
    let _ = crate::stats::summarize(&policy, &ticket, &log);
}
