//! JSON articles: `{"title", "source", "author", "date", "url", "tags", "body"}` where the body
//! is one string (paragraphs separated by blank lines) or `"paragraphs": [...]`.
//!
//! String values are sanitised again after JSON decoding, because `\u001b` escapes in the JSON
//! text become real control characters only then.

use super::plain::push_body;
use super::sanitize::{BidiPolicy, SanitizeReport, clean_line, sanitize};
use super::{Article, ArticleBuilder, BlockKind, Format, Meta, ParseError, byline_text};
use serde_json::Value;

/// Parses a JSON article.
///
/// ```
/// use quoth::article::{json, sanitize::BidiPolicy};
/// let (a, _) = json::parse(r#"{"title": "T", "paragraphs": ["One.", "Two."]}"#, BidiPolicy::Remove).unwrap();
/// assert_eq!(a.text, "T\n\nOne.\n\nTwo.");
/// ```
pub fn parse(text: &str, bidi: BidiPolicy) -> Result<(Article, SanitizeReport), ParseError> {
    let report = std::cell::RefCell::new(SanitizeReport::default());
    let clean = |s: &str| {
        let (c, r) = sanitize(s, bidi);
        report.borrow_mut().add(r);
        c.into_owned()
    };
    let value: Value = serde_json::from_str(text).map_err(|e| ParseError::Json {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    let Value::Object(obj) = value else {
        return Err(ParseError::Json {
            line: 1,
            column: 1,
            message: "expected an object with \"title\" and \"body\"".into(),
        });
    };
    let field = |k: &str| -> Option<String> {
        let s = match obj.get(k)? {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "),
            _ => return None,
        };
        let s = clean_line(&clean(&s));
        (!s.is_empty()).then_some(s)
    };
    let mut meta = Meta {
        title: field("title").or_else(|| field("headline")).unwrap_or_default(),
        source: field("source").or_else(|| field("publisher")),
        author: field("author").or_else(|| field("byline")).or_else(|| field("authors")),
        date: field("date").or_else(|| field("published")),
        url: field("url"),
        tags: match obj.get("tags") {
            Some(Value::Array(a)) => {
                a.iter().filter_map(Value::as_str).map(|t| clean_line(&clean(t))).filter(|t| !t.is_empty()).collect()
            }
            _ => Vec::new(),
        },
    };
    // Capped before the headline and byline blocks are made from them.
    meta.cap_fields();
    enum Body {
        Paragraphs(Vec<String>),
        Text(String),
    }
    let body = match (obj.get("paragraphs"), obj.get("body").or_else(|| obj.get("text"))) {
        (Some(Value::Array(ps)), _) => Body::Paragraphs(
            ps.iter()
                .filter_map(Value::as_str)
                .map(|p| clean(p).split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect(),
        ),
        (_, Some(Value::String(body))) => Body::Text(clean(body)),
        (Some(_), _) => {
            return Err(ParseError::Json {
                line: 1,
                column: 1,
                message: "\"paragraphs\" must be an array of strings".into(),
            });
        }
        (_, Some(other)) => {
            let kind = match other {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::Array(_) => "an array",
                Value::Object(_) => "an object",
                Value::String(_) => "a string",
            };
            return Err(ParseError::Json {
                line: 1,
                column: 1,
                message: format!("\"body\" must be a string, not {kind}"),
            });
        }
        _ => {
            return Err(ParseError::Json { line: 1, column: 1, message: "no \"body\" or \"paragraphs\" field".into() });
        }
    };
    let mut b = ArticleBuilder::new();
    if !meta.title.is_empty() {
        b.push(BlockKind::Title, &meta.title);
    }
    if let Some(by) = byline_text(&meta) {
        b.push(BlockKind::Byline, &by);
    }
    match &body {
        Body::Paragraphs(ps) => {
            for p in ps {
                b.push(BlockKind::Paragraph, p);
            }
        }
        Body::Text(t) => push_body(&mut b, t),
    }
    Ok((b.finish(meta, Format::Json), report.into_inner()))
}

/// `serde_json`'s messages end with " at line L column C", which the error already carries.
fn strip_position(msg: &str) -> String {
    msg.find(" at line ").map_or(msg, |i| msg.get(..i).unwrap_or(msg)).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, bidi: BidiPolicy) -> Result<Article, ParseError> {
        super::parse(text, bidi).map(|(a, _)| a)
    }

    #[test]
    fn body_and_meta() {
        let a = parse(
            r#"{"title":"T","source":"Wire","author":"Ana","date":"2026-01-01","url":"https://x","body":"One.\n\nTwo\nlines."}"#,
            BidiPolicy::Remove,
        )
        .unwrap();
        assert_eq!(a.text, "T\n\nBy Ana · Wire · 2026-01-01\n\nOne.\n\nTwo lines.");
        assert_eq!(a.meta.url.as_deref(), Some("https://x"));
    }

    #[test]
    fn escapes_inside_strings_are_sanitised() {
        let a = parse(r#"{"title":"a\u001b]0;x\u0007b","body":"c\u001b[2Jd"}"#, BidiPolicy::Remove).unwrap();
        assert_eq!(a.text, "ab\n\ncd");
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let e = parse("{\n  \"title\": \"x\",\n  oops\n}", BidiPolicy::Remove).unwrap_err();
        assert!(matches!(e, ParseError::Json { line: 3, column: 3, .. }), "{e:?}");
        assert!(parse("[1,2]", BidiPolicy::Remove).is_err());
        assert!(parse("{\"title\":\"t\"}", BidiPolicy::Remove).is_err());
    }
}
