//! JSON articles: `{"title", "source", "author", "date", "url", "tags", "body"}` where the body
//! is one string (paragraphs separated by blank lines) or `"paragraphs": [...]`.
//!
//! String values are sanitised again after JSON decoding, because `\u001b` escapes in the JSON
//! text become real control characters only then.

use super::plain::push_body;
use super::sanitize::{BidiPolicy, SanitizeReport, clean_line, sanitize};
use super::{Article, ArticleBuilder, BlockKind, Format, Meta, ParseError, byline_text};
use serde::Deserialize;

/// The fields quoth reads; others are skipped unparsed. Each may hold any JSON value, so a
/// number date or a list of authors is read, and a wrong kind is named in the error. A key
/// given twice takes its last value, as in most JSON readers.
#[derive(Default)]
struct Fields {
    title: Loose,
    headline: Loose,
    source: Loose,
    publisher: Loose,
    author: Loose,
    byline: Loose,
    authors: Loose,
    date: Loose,
    published: Loose,
    url: Loose,
    tags: Loose,
    paragraphs: Loose,
    body: Loose,
    text: Loose,
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Fields;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object with \"title\" and \"body\"")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<Fields, M::Error> {
                let mut f = Fields::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    let slot = match &*key {
                        "title" => &mut f.title,
                        "headline" => &mut f.headline,
                        "source" => &mut f.source,
                        "publisher" => &mut f.publisher,
                        "author" => &mut f.author,
                        "byline" => &mut f.byline,
                        "authors" => &mut f.authors,
                        "date" => &mut f.date,
                        "published" => &mut f.published,
                        "url" => &mut f.url,
                        "tags" => &mut f.tags,
                        "paragraphs" => &mut f.paragraphs,
                        "body" => &mut f.body,
                        "text" => &mut f.text,
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                            continue;
                        }
                    };
                    *slot = map.next_value()?;
                }
                Ok(f)
            }
        }
        d.deserialize_map(Visit)
    }
}

/// Any JSON value, keeping only what a metadata field or a body can use.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum Loose {
    #[default]
    #[serde(skip)]
    Absent,
    Text(String),
    Number(serde_json::Number),
    Bool(#[expect(dead_code, reason = "only its kind is named, in an error")] bool),
    List(Vec<Loose>),
    Null(()),
    /// Last: it takes any value, so here only an object is left.
    Object(serde::de::IgnoredAny),
}

impl Loose {
    fn present(&self) -> bool {
        !matches!(self, Loose::Absent | Loose::Null(()))
    }

    /// The strings of a list, in order; other items are skipped.
    fn strings(items: &[Loose]) -> impl Iterator<Item = &str> {
        items.iter().filter_map(|v| match v {
            Loose::Text(s) => Some(s.as_str()),
            _ => None,
        })
    }

    fn kind(&self) -> &'static str {
        match self {
            Loose::Absent | Loose::Null(()) => "null",
            Loose::Bool(_) => "a boolean",
            Loose::Number(_) => "a number",
            Loose::List(_) => "an array",
            Loose::Object(_) => "an object",
            Loose::Text(_) => "a string",
        }
    }
}

fn json_error(message: impl Into<String>) -> ParseError {
    ParseError::Json { line: 1, column: 1, message: message.into() }
}

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
    let f: Fields = serde_json::from_str(text).map_err(|e| ParseError::Json {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    let field = |v: &Loose| -> Option<String> {
        let s = match v {
            Loose::Text(s) => s.clone(),
            Loose::Number(n) => n.to_string(),
            Loose::List(a) => Loose::strings(a).collect::<Vec<_>>().join(", "),
            _ => return None,
        };
        let s = clean_line(&clean(&s));
        (!s.is_empty()).then_some(s)
    };
    let mut meta = Meta {
        title: field(&f.title).or_else(|| field(&f.headline)).unwrap_or_default(),
        source: field(&f.source).or_else(|| field(&f.publisher)),
        author: field(&f.author).or_else(|| field(&f.byline)).or_else(|| field(&f.authors)),
        date: field(&f.date).or_else(|| field(&f.published)),
        url: field(&f.url),
        tags: match &f.tags {
            Loose::List(a) => Loose::strings(a).map(|t| clean_line(&clean(t))).filter(|t| !t.is_empty()).collect(),
            _ => Vec::new(),
        },
    };
    // Capped before the headline and byline blocks are made from them.
    meta.cap_fields();
    enum Body {
        Paragraphs(Vec<String>),
        Text(String),
    }
    let body_field = if f.body.present() { &f.body } else { &f.text };
    let body = match (&f.paragraphs, body_field) {
        (Loose::List(ps), _) => Body::Paragraphs(
            Loose::strings(ps)
                .map(|p| clean(p).split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect(),
        ),
        (_, Loose::Text(body)) => Body::Text(clean(body)),
        (p, _) if p.present() => return Err(json_error("\"paragraphs\" must be an array of strings")),
        (_, other) if other.present() => {
            return Err(json_error(format!("\"body\" must be a string, not {}", other.kind())));
        }
        _ => return Err(json_error("no \"body\" or \"paragraphs\" field")),
    };
    let body_len = match &body {
        Body::Paragraphs(ps) => ps.iter().map(|p| p.len() + 2).sum(),
        Body::Text(t) => t.len(),
    };
    let mut b = ArticleBuilder::with_capacity(body_len + meta.title.len() + 256);
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
    fn loose_field_kinds() {
        let a = parse(
            r#"{"headline":"H","authors":["Ana",3,"Ben"],"date":20260101,"tags":["a",{"x":1}," b "],
                "body":null,"text":"Body.","extra":{"deep":[1,2,{"z":null}]}}"#,
            BidiPolicy::Remove,
        )
        .unwrap();
        assert_eq!(a.meta.title, "H");
        assert_eq!(a.meta.author.as_deref(), Some("Ana, Ben"));
        assert_eq!(a.meta.date.as_deref(), Some("20260101"));
        assert_eq!(a.meta.tags, ["a", "b"]);
        assert!(a.text.ends_with("Body."), "{}", a.text);
        let e = parse(r#"{"title":"t","body":{"p":"x"}}"#, BidiPolicy::Remove).unwrap_err();
        assert!(e.to_string().contains("not an object"), "{e}");
        let e = parse(r#"{"title":"t","paragraphs":"x"}"#, BidiPolicy::Remove).unwrap_err();
        assert!(e.to_string().contains("array of strings"), "{e}");
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let e = parse("{\n  \"title\": \"x\",\n  oops\n}", BidiPolicy::Remove).unwrap_err();
        assert!(matches!(e, ParseError::Json { line: 3, column: 3, .. }), "{e:?}");
        assert!(parse("[1,2]", BidiPolicy::Remove).is_err());
        assert!(parse("{\"title\":\"t\"}", BidiPolicy::Remove).is_err());
    }
}
