//! The machine interface: `quoth extract --json` output, one JSON object per article.
//!
//! Pipeline position: the last step of `quoth extract`, after [`crate::extract::extract`].
//!
//! Format (see `../shared/eval/README.md`): `{"path", "title", "quotes": [{"text", "speaker",
//! "kind", "start", "end", …}], "speakers": [{"name", "aliases", …}], "terms": […]}`. Offsets
//! are byte offsets into quoth's text of the article (headline first, blocks separated by a
//! blank line).
//!
//! * `kind` is `"direct"` for direct and partial quotes (partial ones also carry
//!   `"partial": true`) and `"indirect"` for reported speech.
//! * A quote nested inside another is listed in its parent's `"nested"` array, not as a quote
//!   of its own: its words are part of the parent, and it is never attributed on its own.
//! * Scare quotes, titles and nicknames are listed under `"terms"`, not as quotes.

use crate::article::Article;
use crate::extract::{Extraction, QuoteKind};
use serde::Serialize;

#[derive(Serialize)]
struct Record<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a serde_json::Value>,
    path: &'a str,
    title: &'a str,
    quotes: Vec<QuoteOut<'a>>,
    speakers: Vec<SpeakerOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    terms: Vec<TextOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

/// Quoted words with their offsets (a nested quote, a term).
#[derive(Serialize)]
struct TextOut {
    text: String,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    text: String,
    speaker: Option<&'a str>,
    kind: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    partial: bool,
    start: usize,
    end: usize,
    segments: Vec<[usize; 2]>,
    rule: &'static str,
    confidence: crate::extract::Confidence,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mention: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    nested: Vec<TextOut>,
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    name: &'a str,
    kind: crate::extract::SpeakerKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    aliases: &'a [String],
    quotes: usize,
}

/// One JSON line for an article (no trailing newline). `serde_json` escapes every control
/// character, so the line is valid JSON whatever the article holds.
pub fn extraction_json(path: &str, article: &Article, ex: &Extraction) -> String {
    extraction_json_with_id(path, None, article, ex)
}

/// [`extraction_json`] with the `id` of a JSON Lines input record first.
pub fn extraction_json_with_id(
    path: &str,
    id: Option<&serde_json::Value>,
    article: &Article,
    ex: &Extraction,
) -> String {
    let text = &article.text;
    // Nested quotes grouped under their parent, in one pass.
    let mut nested: Vec<Vec<TextOut>> = Vec::new();
    nested.resize_with(ex.quotes.len(), Vec::new);
    for q in &ex.quotes {
        if let Some(list) = q.parent.and_then(|p| nested.get_mut(p.0 as usize)) {
            list.push(TextOut {
                text: q.text(text),
                start: q.segments.first().map_or(q.extent.start, |s| s.start),
                end: q.segments.last().map_or(q.extent.end, |s| s.end),
            });
        }
    }
    let mut nested_of = |id: usize| nested.get_mut(id).map(std::mem::take).unwrap_or_default();
    let quotes = ex
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.parent.is_none())
        .map(|(i, q)| QuoteOut {
            text: q.text(text),
            speaker: ex.speaker_name(q),
            kind: match q.kind {
                QuoteKind::Direct | QuoteKind::Partial => "direct",
                QuoteKind::Indirect => "indirect",
                QuoteKind::Mixed => "mixed",
            },
            partial: q.kind == QuoteKind::Partial,
            start: q.segments.first().map_or(q.extent.start, |s| s.start),
            end: q.segments.last().map_or(q.extent.end, |s| s.end),
            segments: q.segments.iter().map(|s| [s.start, s.end]).collect(),
            rule: q.rule.id(),
            confidence: q.confidence,
            cue: q.cue.map(|c| c.slice(text)),
            mention: q.mention.map(|m| m.slice(text)),
            nested: nested_of(i),
        })
        .collect();
    let mut counts = vec![0usize; ex.speakers.len()];
    for q in &ex.quotes {
        if let Some(c) = q.speaker.and_then(|id| counts.get_mut(id.0 as usize)) {
            *c += 1;
        }
    }
    let speakers = ex
        .speakers
        .iter()
        .zip(counts)
        .map(|(s, quotes)| SpeakerOut {
            name: &s.name,
            kind: s.kind,
            role: s.role.as_deref(),
            aliases: &s.aliases,
            quotes,
        })
        .collect();
    let terms =
        ex.terms.iter().map(|t| TextOut { text: t.slice(text).to_owned(), start: t.start, end: t.end }).collect();
    let rec = Record {
        id,
        path,
        title: &article.meta.title,
        quotes,
        speakers,
        terms,
        warnings: article.warnings.iter().map(ToString::to_string).collect(),
    };
    serde_json::to_string(&rec).map_or_else(|e| error_json(path, &e.to_string()), terminal_safe_json)
}

/// One JSON line for an article as quoth parsed it (`quoth show --json`): its metadata and its
/// blocks in order, each with its kind and text. Rules (which have no text) are left out.
///
/// ```
/// use quoth::article::{Article, Format};
/// let a = Article::from_str_format("Vote today\n\nBy Ana Ruiz\n\nPolls open at nine.", Format::Plain).unwrap();
/// let v: serde_json::Value = serde_json::from_str(&quoth::output::article_json("a.txt", &a)).unwrap();
/// assert_eq!(v["title"], "Vote today");
/// assert_eq!(v["byline"], "Ana Ruiz");
/// assert_eq!(v["paragraphs"][0]["kind"], "headline");
/// assert_eq!(v["paragraphs"][1]["kind"], "byline");
/// assert_eq!(v["paragraphs"][2]["text"], "Polls open at nine.");
/// ```
pub fn article_json(path: &str, article: &Article) -> String {
    use crate::article::BlockKind;
    let paragraphs: Vec<serde_json::Value> = article
        .blocks
        .iter()
        .filter_map(|b| {
            let kind = match b.kind {
                BlockKind::Rule => return None,
                BlockKind::Title => "headline",
                BlockKind::Byline => "byline",
                BlockKind::Subheading | BlockKind::Heading { .. } => "subheading",
                BlockKind::ListItem { .. } => "list_item",
                _ if b.quote_depth > 0 => "blockquote",
                BlockKind::Paragraph | BlockKind::Code => "paragraph",
            };
            Some(serde_json::json!({ "kind": kind, "text": b.span.slice(&article.text) }))
        })
        .collect();
    let m = &article.meta;
    terminal_safe_json(
        serde_json::json!({
            "path": path,
            "title": m.title,
            "byline": m.author,
            "date": m.date,
            "source": m.source,
            "url": m.url,
            "paragraphs": paragraphs,
        })
        .to_string(),
    )
}

/// The JSON line for a file that could not be read: no quotes, and the error.
pub fn error_json(path: &str, error: &str) -> String {
    terminal_safe_json(
        serde_json::json!({ "path": path, "title": "", "quotes": [], "speakers": [], "error": error }).to_string(),
    )
}

/// Makes serialised JSON safe to print on a terminal without changing what it means: the
/// characters a terminal acts on that JSON writers leave raw (DEL, the C1 controls, bidi
/// controls, the Unicode line and paragraph separators) are written as `\uXXXX` escapes. JSON
/// syntax itself is ASCII, so they can only be inside strings, where the escape is the same
/// string. Every JSON quoth prints goes through this.
///
/// ```
/// let raw = serde_json::to_string("note\u{9b}31m \u{202e}x\u{7f}").unwrap();
/// let safe = quoth::output::terminal_safe_json(raw);
/// assert_eq!(safe, r#""note\u009b31m \u202ex\u007f""#);
/// assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), "note\u{9b}31m \u{202e}x\u{7f}");
/// ```
pub fn terminal_safe_json(json: String) -> String {
    if !has_terminal_unsafe(json.as_bytes()) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_terminal_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A char that [`terminal_safe_json`] escapes.
fn is_terminal_unsafe(c: char) -> bool {
    c == '\u{7f}'
        || ('\u{80}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{2028}' | '\u{2029}')
        || crate::article::sanitize::bidi_name(c).is_some()
}

/// Whether UTF-8 text holds a char [`terminal_safe_json`] escapes: DEL, a C1 control
/// (C2 80–9F), U+2028/2029 or a bidi control (E2 80 8E/8F/A8–AE, E2 81 A6–A9, D8 9C). A byte
/// search for the lead bytes, so that the common case (no such char) costs little per MB.
fn has_terminal_unsafe(b: &[u8]) -> bool {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    memchr::memchr3_iter(0x7f, 0xc2, 0xe2, b).any(|i| match at(i) {
        0x7f => true,
        0xc2 => (0x80..=0x9f).contains(&at(i + 1)),
        _ => match (at(i + 1), at(i + 2)) {
            (0x80, t) => matches!(t, 0x8e | 0x8f | 0xa8..=0xae),
            (0x81, t) => (0xa6..=0xa9).contains(&t),
            _ => false,
        },
    }) || memchr::memchr_iter(0xd8, b).any(|i| at(i + 1) == 0x9c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_search_finds_exactly_the_chars_that_are_escaped() {
        let chars = (0..0x3100u32).chain(0xfeff..0x10000).chain([0x1f600, 0xe0041]).filter_map(char::from_u32);
        for c in chars {
            let s = format!("“a{c}b”");
            assert_eq!(has_terminal_unsafe(s.as_bytes()), is_terminal_unsafe(c), "U+{:04X}", u32::from(c));
        }
    }
}
