//! Delivery-status reports (RFC 3464): a mail server saying that a message
//! did not reach an address. What matters to the queue is which message
//! bounced (to find its ticket) and which addresses failed for good.

use mail_parser::{Message, MimeHeaders, PartType};

/// What a delivery-status report says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryReport {
    /// The addresses the message could not be delivered to, for good
    /// (`Action: failed`).
    pub failed: Vec<String>,
    /// The Message-ID of the message that bounced, when the report
    /// returns its headers.
    pub original: Option<String>,
    /// The first failed recipient's status and diagnostic, for a person
    /// to read (`5.1.1 user unknown`).
    pub reason: Option<String>,
}

/// The report `message` is, if it is one.
pub(super) fn read(message: &Message) -> Option<DeliveryReport> {
    let is_report = message.content_type().is_some_and(|c| {
        c.ctype().eq_ignore_ascii_case("multipart")
            && c.subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
    });
    if !is_report {
        return None;
    }
    let mut report = DeliveryReport {
        failed: Vec::new(),
        original: None,
        reason: None,
    };
    let mut any_status = false;
    for part in &message.parts {
        let Some(kind) = part.content_type() else {
            continue;
        };
        let subtype = kind.subtype().unwrap_or_default().to_ascii_lowercase();
        let ctype = kind.ctype().to_ascii_lowercase();
        match (ctype.as_str(), subtype.as_str()) {
            ("message", "delivery-status" | "global-delivery-status") => {
                any_status = true;
                fields(&String::from_utf8_lossy(part.contents()), &mut report);
            }
            ("text", "rfc822-headers") if report.original.is_none() => {
                let headers = String::from_utf8_lossy(part.contents()).replace("\r\n", "\n");
                report.original = unfold(&headers).iter().find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.trim()
                        .eq_ignore_ascii_case("message-id")
                        .then(|| super::clean(value, 250))
                });
            }
            _ => {
                if let PartType::Message(original) = &part.body
                    && report.original.is_none()
                {
                    report.original = original.message_id().map(|id| super::clean(id, 250));
                }
            }
        }
    }
    any_status.then_some(report)
}

/// Read the per-recipient blocks of a `message/delivery-status` body.
fn fields(body: &str, report: &mut DeliveryReport) {
    // Blocks are separated by blank lines; the first is per message.
    let text = body.replace("\r\n", "\n");
    for block in text.split("\n\n") {
        let mut recipient = None;
        let mut action = None;
        let mut status = None;
        let mut diagnostic = None;
        for line in unfold(block) {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "final-recipient" | "original-recipient" if recipient.is_none() => {
                    // `rfc822; someone@example.com`
                    let address = value.rsplit(';').next().unwrap_or(value).trim();
                    recipient = Some(address.trim_matches(['<', '>']).to_lowercase());
                }
                "action" => action = Some(value.to_ascii_lowercase()),
                "status" => status = Some(value.to_string()),
                "diagnostic-code" => {
                    diagnostic = Some(value.rsplit(';').next().unwrap_or(value).trim().to_string())
                }
                _ => {}
            }
        }
        let (Some(recipient), Some(action)) = (recipient, action) else {
            continue;
        };
        if action != "failed" || !recipient.contains('@') {
            continue;
        }
        if report.reason.is_none() {
            let said: Vec<String> = status.into_iter().chain(diagnostic).collect();
            if !said.is_empty() {
                let reason: String = said.join(" ").chars().filter(|c| !c.is_control()).collect();
                report.reason = Some(reason.chars().take(300).collect());
            }
        }
        if !report.failed.contains(&recipient) {
            report.failed.push(recipient);
        }
    }
}

/// The header lines of `block`, continuation lines joined.
fn unfold(block: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in block.lines() {
        if line.starts_with([' ', '\t'])
            && let Some(last) = lines.last_mut()
        {
            last.push(' ');
            last.push_str(line.trim());
            continue;
        }
        lines.push(line.to_string());
    }
    lines
}
