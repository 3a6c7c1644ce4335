//! Front matter at the top of a Markdown article: TOML between `+++` lines (Hugo, Zola) or
//! YAML between `---` lines (Jekyll, Hugo, Obsidian, most read-later exports).
//!
//! Both languages are read into the same list of top-level fields and mapped to [`Meta`] by
//! one table of key names, so `author`, `authors: [..]` and `author: {name: ..}` mean the same
//! in either. Only what quoth shows is kept: scalars, lists of scalars and the `name` of a
//! mapping. YAML aliases are never expanded (an alias flood cannot grow the work) and nesting
//! deeper than a few levels is skipped, so the cost is linear in the front matter's size.
//!
//! A `---` line that does not open a YAML mapping (a Markdown rule, a setext heading) is body
//! text, not an error; a `+++` block, or a `---` block that starts like `key:`, that fails to
//! parse is an error naming the line and column.

use super::sanitize::{BidiPolicy, SanitizeReport, clean_line, sanitize};
use super::{Meta, ParseError};
use yaml_rust2::parser::{Event, Parser};

/// A front-matter value, whichever language it was written in.
#[derive(Debug, PartialEq)]
enum Value {
    Text(String),
    List(Vec<String>),
}

type Fields = Vec<(String, Value)>;

/// Splits front matter from the body and reads the metadata fields from it. Text without
/// front matter comes back whole with empty metadata.
pub(super) fn split<'a>(
    text: &'a str,
    bidi: BidiPolicy,
    report: &mut SanitizeReport,
) -> Result<(Meta, &'a str), ParseError> {
    let (fields, body) = if let Some((fm, body)) = fenced(text, "+++", &["+++"])? {
        (toml_fields(fm)?, body)
    } else if let Some((fm, body)) = fenced(text, "---", &["---", "..."]).ok().flatten() {
        match yaml_fields(fm)? {
            Some(fields) => (fields, body),
            None => return Ok((Meta::default(), text)),
        }
    } else {
        return Ok((Meta::default(), text));
    };
    Ok((meta_from(&fields, bidi, report), body))
}

/// Whether the text opens with a YAML front-matter block: a `---` line followed by `key:`.
pub(super) fn opens_yaml(text: &str) -> bool {
    let mut lines = text.lines();
    lines.next().is_some_and(|l| l.trim_end() == "---") && lines.next().is_some_and(looks_like_key)
}

/// The text between an opening `open` line and the first closing line, and the body after it.
/// `None` when the text does not open with the fence; an error when it is never closed.
fn fenced<'a>(text: &'a str, open: &str, close: &[&str]) -> Result<Option<(&'a str, &'a str)>, ParseError> {
    let first_len = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text.get(..first_len).unwrap_or_default();
    if first.trim_end() != open || !first.ends_with('\n') {
        return Ok(None);
    }
    let after = text.get(first_len..).unwrap_or_default();
    let mut pos = 0;
    for line in after.split_inclusive('\n') {
        if close.contains(&line.trim_end()) {
            let fm = after.get(..pos).unwrap_or_default();
            return Ok(Some((fm, after.get(pos + line.len()..).unwrap_or_default())));
        }
        pos += line.len();
    }
    Err(ParseError::FrontMatter {
        line: text.lines().count(),
        column: 1,
        message: format!("front matter opened with {open} is never closed"),
    })
}

/// `key:` or `key: value` with a plain key: what the first line of YAML front matter is.
fn looks_like_key(line: &str) -> bool {
    let Some((key, rest)) = line.split_once(':') else { return false };
    !key.is_empty()
        && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
        && !key.starts_with(' ')
        && (rest.is_empty() || rest.starts_with(' '))
}

fn toml_fields(fm: &str) -> Result<Fields, ParseError> {
    let table: toml::Table = toml::from_str(fm).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| super::markdown::line_col(fm, s.start));
        ParseError::FrontMatter { line: line + 1, column, message: first_line(e.message()) }
    })?;
    fn scalar(v: &toml::Value) -> Option<String> {
        match v {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Datetime(d) => Some(d.to_string()),
            toml::Value::Integer(i) => Some(i.to_string()),
            toml::Value::Float(f) => Some(f.to_string()),
            toml::Value::Boolean(b) => Some(b.to_string()),
            toml::Value::Table(t) => t.get("name").and_then(scalar),
            toml::Value::Array(_) => None,
        }
    }
    Ok(table
        .iter()
        .filter_map(|(k, v)| {
            let value = match v {
                toml::Value::Array(a) => Value::List(a.iter().filter_map(scalar).collect()),
                v => Value::Text(scalar(v)?),
            };
            Some((k.to_ascii_lowercase(), value))
        })
        .collect())
}

/// A YAML node as far as quoth reads it.
enum Node {
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
    /// An alias, a non-scalar key's value, or a collection nested too deep.
    Other,
}

enum Frame {
    Seq(Vec<Node>),
    /// The pairs so far and what the next node is.
    Map(Vec<(String, Node)>, Next),
    /// A collection below [`MAX_DEPTH`]: its events are counted, not kept.
    Skipped(usize),
}

/// In a mapping: a key comes next, or the value of a scalar key, or the value of a key that
/// is not a scalar (dropped).
enum Next {
    Key,
    Value(String),
    Dropped,
}

const MAX_DEPTH: usize = 4;

/// The top-level fields of a YAML mapping; `None` when the document is not a mapping.
fn yaml_fields(fm: &str) -> Result<Option<Fields>, ParseError> {
    match yaml_root(fm) {
        Ok(Some(Node::Map(pairs))) => Ok(Some(
            pairs
                .into_iter()
                .filter_map(|(k, v)| {
                    let value = match v {
                        Node::Seq(items) => Value::List(items.into_iter().filter_map(node_text).collect()),
                        v => Value::Text(node_text(v)?),
                    };
                    Some((k.to_ascii_lowercase(), value))
                })
                .collect(),
        )),
        Ok(_) => Ok(None),
        // A block that does not even start like a mapping was a rule in the body.
        Err(_) if !fm.lines().find(|l| !l.trim().is_empty()).is_some_and(looks_like_key) => Ok(None),
        Err((line, column, message)) => Err(ParseError::FrontMatter { line: line + 1, column, message }),
    }
}

/// A scalar's text, or a mapping's `name` (`author: {name: Ana, url: ...}`).
fn node_text(n: Node) -> Option<String> {
    match n {
        Node::Scalar(s) => Some(s),
        Node::Map(pairs) => {
            pairs.into_iter().find(|(k, _)| k.eq_ignore_ascii_case("name")).and_then(|(_, v)| node_text(v))
        }
        Node::Seq(_) | Node::Other => None,
    }
}

/// Reads the first YAML document into a [`Node`], bounded as the module header says.
fn yaml_root(fm: &str) -> Result<Option<Node>, (usize, usize, String)> {
    let mut parser = Parser::new_from_str(fm);
    let mut stack: Vec<Frame> = Vec::new();
    loop {
        let (event, _) =
            parser.next_token().map_err(|e| (e.marker().line(), e.marker().col() + 1, first_line(e.info())))?;
        let done = match event {
            Event::StreamEnd | Event::DocumentEnd => return Ok(None),
            Event::Nothing | Event::StreamStart | Event::DocumentStart => continue,
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let depth = stack.len();
                let frame = match stack.last_mut() {
                    Some(Frame::Skipped(n)) => {
                        *n += 1;
                        continue;
                    }
                    _ if depth >= MAX_DEPTH => Frame::Skipped(1),
                    _ if matches!(event, Event::SequenceStart(..)) => Frame::Seq(Vec::new()),
                    _ => Frame::Map(Vec::new(), Next::Key),
                };
                stack.push(frame);
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq(items)) => Node::Seq(items),
                Some(Frame::Map(pairs, _)) => Node::Map(pairs),
                Some(Frame::Skipped(n)) if n > 1 => {
                    stack.push(Frame::Skipped(n - 1));
                    continue;
                }
                Some(Frame::Skipped(_)) | None => Node::Other,
            },
            Event::Scalar(s, ..) => match stack.last() {
                Some(Frame::Skipped(_)) => continue,
                _ => Node::Scalar(s),
            },
            Event::Alias(_) => Node::Other,
        };
        match stack.last_mut() {
            None => return Ok(Some(done)),
            Some(Frame::Seq(items)) => items.push(done),
            Some(Frame::Map(pairs, next)) => match std::mem::replace(next, Next::Key) {
                Next::Key => *next = if let Node::Scalar(k) = done { Next::Value(k) } else { Next::Dropped },
                Next::Value(key) => pairs.push((key, done)),
                Next::Dropped => {}
            },
            Some(Frame::Skipped(_)) => {}
        }
    }
}

/// Maps the fields to metadata by the key names both languages share.
fn meta_from(fields: &Fields, bidi: BidiPolicy, report: &mut SanitizeReport) -> Meta {
    let get = |keys: &[&str]| keys.iter().find_map(|k| fields.iter().find(|(name, _)| name == k).map(|(_, v)| v));
    // Escapes (\u001b) decode to control characters only now: sanitise and count.
    let mut one_line = |s: &str| {
        let (c, r) = sanitize(s, bidi);
        report.add(r);
        clean_line(&c)
    };
    let mut text = |keys: &[&str]| -> Option<String> {
        let joined = match get(keys)? {
            Value::Text(s) => s.clone(),
            Value::List(items) => items.join(", "),
        };
        Some(one_line(&joined)).filter(|s| !s.is_empty())
    };
    let title = text(&["title", "headline"]).unwrap_or_default();
    let source = text(&["source", "site", "site_name", "publisher", "publication"]);
    let author = text(&["author", "authors", "byline", "creator"]);
    let date = text(&["date", "published", "pubdate", "publishdate", "published_at"]);
    let url = text(&["url", "link", "canonical_url", "canonical", "permalink"]);
    let raw_tags: Vec<&str> = match get(&["tags", "categories", "keywords"]) {
        Some(Value::List(items)) => items.iter().map(String::as_str).collect(),
        Some(Value::Text(s)) => s.split(',').collect(),
        None => Vec::new(),
    };
    let tags = raw_tags.into_iter().map(&mut one_line).filter(|t| !t.is_empty()).collect();
    let mut meta = Meta { title, source, author, date, url, tags };
    // Capped before the headline and byline blocks are made from them.
    meta.cap_fields();
    meta
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Result<(Meta, &str), ParseError> {
        split(text, BidiPolicy::Remove, &mut SanitizeReport::default())
    }

    #[test]
    fn yaml_scalars_quotes_and_lists() {
        let (m, body) = meta(
            "---\ntitle: \"Harbour: a night shift\"\nauthor: 'Ana Ruiz'\ndate: 2026-03-04\n\
             site_name: The Gazette\ntags:\n  - port\n  - labour\nurl: https://example.com/a\n---\nBody.\n",
        )
        .unwrap();
        assert_eq!(m.title, "Harbour: a night shift");
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(m.date.as_deref(), Some("2026-03-04"));
        assert_eq!(m.source.as_deref(), Some("The Gazette"));
        assert_eq!(m.tags, ["port", "labour"]);
        assert_eq!(m.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(body, "Body.\n");
    }

    #[test]
    fn yaml_flow_lists_author_maps_and_folded_text() {
        let (m, _) = meta(
            "---\ntitle: >\n  Two lines\n  folded\ntags: [a, \"b c\"]\nauthors:\n  - name: Ana Ruiz\n  - Tom Bell\n...\nx",
        )
        .unwrap();
        assert_eq!(m.title, "Two lines folded");
        assert_eq!(m.tags, ["a", "b c"]);
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz, Tom Bell"));
        let (m, _) = meta("---\nauthor: {name: Ana, url: x}\ncategories: one, two\n---\n").unwrap();
        assert_eq!(m.author.as_deref(), Some("Ana"));
        assert_eq!(m.tags, ["one", "two"]);
    }

    #[test]
    fn a_rule_or_setext_heading_is_body_not_front_matter() {
        for text in ["---\nJust a paragraph\n---\nMore", "---\n\n- a list\n---\n", "---\nno end"] {
            let (m, body) = meta(text).unwrap();
            assert_eq!((m, body), (Meta::default(), text));
        }
        assert!(!opens_yaml("---\nJust a paragraph"));
        assert!(opens_yaml("---\ntitle: x\n---\n"));
        assert!(!opens_yaml("---\nhttp://x.y\n"));
    }

    #[test]
    fn yaml_errors_name_the_line() {
        let err = meta("---\ntitle: ok\ndate: [unclosed\n---\nbody").unwrap_err();
        let ParseError::FrontMatter { line, .. } = err else { panic!("{err:?}") };
        assert!((3..=5).contains(&line), "line {line}");
    }

    #[test]
    fn aliases_are_not_expanded_and_deep_nesting_is_skipped() {
        // A "billion laughs": every level refers to the one before ten times.
        let mut fm = String::from("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..30 {
            let p = i - 1;
            fm.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        fm.push_str("deep: [[[[[[[[[x]]]]]]]]]\ntitle: T\n---\n");
        let (m, _) = meta(&fm).unwrap();
        assert_eq!(m.title, "T");
        // 10,000 levels: the parser's own recursion limit gives a one-line error, not a crash.
        let deep = format!("---\ntitle: T\ndeep: {}{}\n---\n", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(meta(&deep), Err(ParseError::FrontMatter { line: 3, .. })));
    }

    #[test]
    fn escapes_are_sanitised() {
        let (m, _) = meta("---\ntitle: \"a\\e[2Jb\\u202Ec\"\n---\n").unwrap();
        assert_eq!(m.title, "abc");
    }

    #[test]
    fn toml_and_yaml_give_the_same_meta() {
        let (t, _) = meta("+++\ntitle = \"T\"\nauthor = { name = \"Ana\" }\ntags = [\"a\"]\n+++\n").unwrap();
        let (y, _) = meta("---\ntitle: T\nauthor:\n  name: Ana\ntags: [a]\n---\n").unwrap();
        assert_eq!(t, y);
    }
}
