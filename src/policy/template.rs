//! The plain-text templates of customer updates: text with named fields
//! in braces (`{ticket}`, `{team}`), `{{` and `}}` for braces themselves.
//! Only fields a customer may read exist: nothing internal (breaches,
//! notes, who handled it) can be named, so none can leak.

use serde::Serialize;

/// What a template may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The ticket's number.
    Ticket,
    Title,
    Customer,
    /// The name of the team that has the ticket.
    Team,
    /// The name of the level the ticket is at.
    Level,
    /// open, pending, awaiting sign-off, resolved.
    Status,
    /// When the customer can expect the next answer: the next SLA target
    /// still ahead, in its calendar's time zone.
    NextResponse,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Ticket,
        Field::Title,
        Field::Customer,
        Field::Team,
        Field::Level,
        Field::Status,
        Field::NextResponse,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Ticket => "ticket",
            Field::Title => "title",
            Field::Customer => "customer",
            Field::Team => "team",
            Field::Level => "level",
            Field::Status => "status",
            Field::NextResponse => "next_response",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Part {
    Text(String),
    Field(Field),
}

/// A template read once; filling it cannot fail. Shown (and compared by
/// `esc policy diff`) as the text it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

impl Serialize for Template {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut text = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => text.push_str(&t.replace('{', "{{").replace('}', "}}")),
                Part::Field(f) => text.push_str(&format!("{{{}}}", f.name())),
            }
        }
        s.serialize_str(&text)
    }
}

/// A reply agents send often (`esc respond --template ID`): its text has
/// the fields of a customer update, filled from the ticket when it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reply {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub text: Template,
}

/// What is wrong with a template, and where in its text (a byte offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub at: usize,
    pub message: String,
}

impl Template {
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text.char_indices().peekable();
        while let Some((i, c)) = rest.next() {
            match c {
                '{' if rest.peek().is_some_and(|&(_, n)| n == '{') => {
                    rest.next();
                    literal.push('{');
                }
                '}' if rest.peek().is_some_and(|&(_, n)| n == '}') => {
                    rest.next();
                    literal.push('}');
                }
                '{' => {
                    let Some(len) = text[i + 1..].find('}') else {
                        return Err(TemplateError {
                            at: i,
                            message:
                                "a `{` opens a field that no `}` closes (write `{{` for a brace)"
                                    .into(),
                        });
                    };
                    let name = &text[i + 1..i + 1 + len];
                    let field = Field::ALL
                        .into_iter()
                        .find(|f| f.name() == name.trim())
                        .ok_or_else(|| TemplateError {
                            at: i,
                            message: format!(
                                "unknown field `{{{name}}}` (a customer update can name: {})",
                                Field::ALL.map(|f| format!("{{{}}}", f.name())).join(", ")
                            ),
                        })?;
                    for _ in 0..name.chars().count() + 1 {
                        rest.next();
                    }
                    if !literal.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut literal)));
                    }
                    parts.push(Part::Field(field));
                }
                '}' => {
                    return Err(TemplateError {
                        at: i,
                        message: "a `}` closes no field (write `}}` for a brace)".into(),
                    });
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        Ok(Template { parts })
    }

    /// The text with each field's value.
    pub fn fill(&self, value: impl Fn(Field) -> String) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Field(f) => value(*f),
            })
            .collect()
    }

    pub fn fields(&self) -> impl Iterator<Item = Field> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Field(f) => Some(*f),
            Part::Text(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_filled_and_doubled_braces_are_braces() {
        let t = Template::parse("#{ticket} {{json}} is with {team}; { title }").unwrap();
        assert_eq!(
            t.fill(|f| f.name().to_uppercase()),
            "#TICKET {json} is with TEAM; TITLE"
        );
    }

    #[test]
    fn an_unknown_field_or_a_stray_brace_is_an_error_at_its_place() {
        let e = Template::parse("Dear {customer}, {breaches} so far").unwrap_err();
        assert_eq!(e.at, 17);
        assert!(
            e.message.starts_with(
                "unknown field `{breaches}` (a customer update can name: {ticket}, {title},"
            ),
            "{}",
            e.message
        );
        assert_eq!(Template::parse("a { b").unwrap_err().at, 2);
        assert_eq!(Template::parse("a } b").unwrap_err().at, 2);
    }
}
