//! What changed between two policies, in the policy's own terms: targets,
//! calendars, matching order, steps added, removed or renamed, recipients.
//! Pure: compares the two policies as they read once parsed, so comments
//! and layout never show.

use serde_json::Value;

use super::Policy;

/// The policy's parts in the order a manager reads them, each with what
/// one of its entries is called and whether the order of its entries
/// decides anything (the first SLA rule or path that matches applies; the
/// ladder, the priorities and the categories rank).
const PARTS: [(&str, &str, bool); 22] = [
    ("name", "name", false),
    ("description", "description", false),
    ("levels", "level", true),
    ("teams", "team", false),
    ("priorities", "priority", true),
    ("categories", "category", true),
    ("tiers", "tier", false),
    ("root_causes", "root cause", false),
    ("roles", "role", false),
    ("people", "person", false),
    ("delivery", "delivery", false),
    ("notify_assigned", "notify_assigned", false),
    ("customer_updates", "customer update", true),
    ("signoff", "sign-off rule", false),
    ("defaults", "defaults", false),
    ("calendars", "calendar", false),
    ("sla", "SLA rule", true),
    ("paths", "path", true),
    ("triggers", "trigger", false),
    ("reopen", "reopen", false),
    ("replies", "reply", false),
    ("recurring", "recurring ticket", false),
];

/// Each change from `old` to `new`, one sentence each, in the order of
/// [`PARTS`]; none when the two govern alike.
pub fn diff(old: &Policy, new: &Policy) -> Vec<String> {
    let (a, b) = (as_value(old), as_value(new));
    let mut out = Vec::new();
    for (key, noun, ordered) in PARTS {
        let (x, y) = (&a[key], &b[key]);
        if x == y {
            continue;
        }
        // A list a policy leaves out is an empty one.
        let none = Value::Array(Vec::new());
        let (x, y) = match (x, y) {
            (Value::Null, Value::Array(_)) => (&none, y),
            (Value::Array(_), Value::Null) => (x, &none),
            _ => (x, y),
        };
        match (x, y) {
            (Value::Array(xs), Value::Array(ys)) => list(noun, xs, ys, ordered, &mut out),
            (Value::Object(xs), Value::Object(ys)) if key == "roles" || key == "people" => {
                for k in union(xs.keys(), ys.keys()) {
                    let what = format!("{noun} `{k}`");
                    match (xs.get(&k), ys.get(&k)) {
                        (Some(_), None) => out.push(format!("{what} removed")),
                        (None, Some(v)) => out.push(format!("{what} added: {}", text(v))),
                        (Some(v), Some(w)) => value(&what, v, w, &mut out),
                        (None, None) => {}
                    }
                }
            }
            _ => value(noun, x, y, &mut out),
        }
    }
    out
}

fn as_value(p: &Policy) -> Value {
    let mut v = serde_json::to_value(p).expect("a policy is plain data");
    // A week's hours read as `esc policy show` gives them, not as seconds.
    if let Some(Value::Array(calendars)) = v.get_mut("calendars") {
        for (c, calendar) in calendars.iter_mut().zip(&p.calendars) {
            c["week"] = Value::String(calendar.hours_text());
        }
    }
    v
}

/// A list of entries, matched by id (sign-off rules by their level).
fn list(noun: &str, xs: &[Value], ys: &[Value], ordered: bool, out: &mut Vec<String>) {
    let id = |v: &Value| {
        v.get("id")
            .or_else(|| v.get("from_level"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let (old_ids, new_ids): (Vec<String>, Vec<String>) = (
        xs.iter().filter_map(id).collect(),
        ys.iter().filter_map(id).collect(),
    );
    if old_ids.len() != xs.len() || new_ids.len() != ys.len() {
        return value(
            noun,
            &Value::from(xs.to_vec()),
            &Value::from(ys.to_vec()),
            out,
        );
    }
    let find = |vs: &[Value], k: &str| vs.iter().find(|v| id(v).as_deref() == Some(k)).cloned();
    let mut removed: Vec<&String> = old_ids.iter().filter(|k| !new_ids.contains(k)).collect();
    let mut added: Vec<&String> = new_ids.iter().filter(|k| !old_ids.contains(k)).collect();
    // An entry that went and one that came, alike but for the id: renamed.
    let without_id = |v: Option<Value>| {
        v.map(|mut v| {
            if let Some(o) = v.as_object_mut() {
                o.remove("id");
            }
            v
        })
    };
    removed.retain(|gone| {
        let was = without_id(find(xs, gone));
        match added
            .iter()
            .position(|came| without_id(find(ys, came)) == was)
        {
            Some(k) => {
                out.push(format!("{noun} `{gone}` renamed `{}`", added.remove(k)));
                false
            }
            None => true,
        }
    });
    for gone in removed {
        out.push(format!("{noun} `{gone}` removed"));
    }
    for came in added {
        let entry = find(ys, came).unwrap_or(Value::Null);
        out.push(format!("{noun} `{came}` added: {}", fields(&entry)));
    }
    for k in old_ids.iter().filter(|k| new_ids.contains(k)) {
        let (x, y) = (
            find(xs, k).unwrap_or(Value::Null),
            find(ys, k).unwrap_or(Value::Null),
        );
        let what = format!("{noun} `{k}`");
        match (x.get("steps"), y.get("steps")) {
            // A path's steps are entries of their own.
            (Some(Value::Array(s)), Some(Value::Array(t))) => {
                let mut inner = Vec::new();
                list("step", s, t, true, &mut inner);
                out.extend(inner.into_iter().map(|c| format!("{what}: {c}")));
                let strip = |v: &Value| {
                    let mut v = v.clone();
                    if let Some(o) = v.as_object_mut() {
                        o.remove("steps");
                    }
                    v
                };
                value(&what, &strip(&x), &strip(&y), out);
            }
            _ => value(&what, &x, &y, out),
        }
    }
    if ordered {
        let kept = |ids: &[String], other: &[String]| -> Vec<String> {
            ids.iter().filter(|k| other.contains(k)).cloned().collect()
        };
        let (before, after) = (kept(&old_ids, &new_ids), kept(&new_ids, &old_ids));
        if before != after {
            out.push(format!(
                "{noun} order: {} → {}",
                before.join(", "),
                after.join(", ")
            ));
        }
    }
}

/// Two values of the same thing: each field that differs, by its path.
fn value(what: &str, x: &Value, y: &Value, out: &mut Vec<String>) {
    if x == y {
        return;
    }
    match (x, y) {
        (Value::Object(xs), Value::Object(ys)) => {
            for k in union(xs.keys(), ys.keys()) {
                let (v, w) = (
                    xs.get(&k).unwrap_or(&Value::Null),
                    ys.get(&k).unwrap_or(&Value::Null),
                );
                value(&format!("{what} {k}"), v, w, out);
            }
        }
        _ => out.push(format!("{what}: {} → {}", text(x), text(y))),
    }
}

fn union<'a>(
    a: impl Iterator<Item = &'a String>,
    b: impl Iterator<Item = &'a String>,
) -> Vec<String> {
    let mut keys: Vec<String> = a.chain(b).cloned().collect();
    keys.sort();
    keys.dedup();
    keys
}

/// A value in a few words: text bare, lists with commas, none as "none".
fn text(v: &Value) -> String {
    match v {
        Value::Null => "none".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "none".into(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
        Value::Object(_) => format!("{{{}}}", fields(v)),
        other => other.to_string(),
    }
}

/// An entry's fields but its id, `key value` each, parted by semicolons.
fn fields(v: &Value) -> String {
    match v {
        Value::Object(o) => o
            .iter()
            .filter(|(k, v)| *k != "id" && !v.is_null())
            .map(|(k, v)| format!("{k} {}", text(v)))
            .collect::<Vec<_>>()
            .join("; "),
        other => text(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::DEFAULT_POLICY;

    fn changed(edit: impl Fn(&str) -> String) -> Vec<String> {
        let old = Policy::embedded();
        let text = edit(DEFAULT_POLICY);
        assert_ne!(text, DEFAULT_POLICY, "the edit changed nothing");
        diff(&old, &Policy::parse(&text, "new").unwrap())
    }

    #[test]
    fn the_same_rules_laid_out_otherwise_differ_in_nothing() {
        let text = format!("# a comment\n{DEFAULT_POLICY}\n\n");
        let a = Policy::embedded();
        let b = Policy::parse(&text, "laid out").unwrap();
        assert_ne!(a.digest, b.digest);
        assert_eq!(diff(&a, &b), Vec::<String>::new());
    }

    #[test]
    fn replies_and_recurring_tickets_read_as_written() {
        let got = changed(|t| {
            format!(
                "{t}\n[[replies]]\nid = \"refund\"\ntext = \"Dear {{customer}}, it left.\"\n\n\
                 [[recurring]]\nid = \"review\"\ntitle = \"Review\"\nevery = \"week\"\non = \"friday\"\n\
                 category = \"general\"\n"
            )
        });
        assert_eq!(
            got,
            [
                "reply `refund` added: text Dear {customer}, it left.",
                "recurring ticket `review` added: calendar 24x7; category general; customer internal; \
                 missed latest; tags none; title Review; when every Friday at 09:00",
            ]
        );
    }

    #[test]
    fn a_target_reads_as_its_rule_and_clock() {
        let got = changed(|t| {
            t.replace(
                "first_response = \"4h\"\nnext_response = \"8h\"",
                "first_response = \"2h\"\nnext_response = \"8h\"",
            )
        });
        assert_eq!(got, ["SLA rule `standard` first_response: 4h → 2h"]);
    }

    #[test]
    fn steps_added_removed_and_renamed_are_named() {
        let got = changed(|t| {
            t.replace("id = \"senior\"", "id = \"senior-agent\"").replace(
                "[[paths.steps]]\nid = \"overdue\"",
                "[[paths.steps]]\nid = \"late\"\nfrom = \"opened\"\nafter = \"3d\"\nwhen = \"unresolved\"\nnotify = [\"lee\"]\n\n[[paths.steps]]\nid = \"overdue\"",
            )
        });
        assert_eq!(
            got,
            [
                "path `no-reply`: step `no-reply/senior` renamed `no-reply/senior-agent`",
                "path `no-reply`: step `no-reply/late` added: actions {notify lee}; after 3d; from opened; when unresolved",
            ]
        );
    }

    #[test]
    fn a_calendars_hours_read_as_hours() {
        let old = Policy::embedded();
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sample-policies/saas-desk.toml"
        );
        let new = Policy::load(std::path::Path::new(path)).unwrap();
        let added: Vec<String> = diff(&old, &new)
            .into_iter()
            .filter(|c| c.starts_with("calendar"))
            .collect();
        assert_eq!(added.len(), 1, "{added:?}");
        let hours = new.calendar("berlin-office").unwrap().hours_text();
        assert!(added[0].contains(&format!("week {hours}")), "{}", added[0]);
        assert!(!added[0].contains("28800"), "{}", added[0]);
    }

    #[test]
    fn matching_order_and_recipients_are_changes_of_their_own() {
        let urgent = "[[sla]]\nid = \"urgent\"\nmatch = { priority = [\"urgent\"] }\nfirst_response = \"1h\"\nnext_response = \"2h\"\nresolution = \"1d\"\nwarning = \"75%\"\n\n";
        let got = changed(|t| {
            t.replace(urgent, "")
                .replace(
                    "# Escalation paths:",
                    &format!("{urgent}# Escalation paths:"),
                )
                .replace(
                    "notify = [\"director\"]",
                    "notify = [\"escalation-manager\", \"director\"]",
                )
        });
        assert_eq!(
            got,
            [
                "SLA rule order: urgent, standard → standard, urgent",
                "path `no-reply`: step `no-reply/overdue` actions notify: director → escalation-manager, director",
            ]
        );
    }
}
