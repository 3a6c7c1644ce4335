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
//! * A partial quote held by a mixed quote ("X called the plan “a holding measure”") is part
//!   of it and nested in it likewise, so that the fragment is listed once. Annotations that
//!   count such a fragment as a quote of its own as well (`../shared/eval/seed.jsonl` does,
//!   the `PolNeAR` corpus does not) are met with `--fragments`: the fragment is then listed as a quote
//!   (`"kind": "direct", "partial": true`, with its speaker) after the mixed quote instead.
//! * `kind` is `"mixed"` for a reported clause that holds quoted words.
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
    quotes: Quotes<'a>,
    speakers: Vec<SpeakerOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    terms: Vec<TextOut<&'a str>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

/// Quoted words with their offsets (a nested quote, a term).
#[derive(Serialize)]
struct TextOut<T> {
    text: T,
    start: usize,
    end: usize,
}

/// A quote's words as [`crate::extract::Quote::text`] gives them (its segments, trimmed, one
/// space between), written straight into the output rather than built as a string first.
struct Words<'a> {
    segments: &'a [crate::span::Span],
    text: &'a str,
}

impl std::fmt::Display for Words<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut started = false;
        for s in self.segments {
            if started {
                f.write_str(" ")?;
            }
            let words = s.slice(self.text).trim();
            f.write_str(words)?;
            started |= !words.is_empty();
        }
        Ok(())
    }
}

impl Serialize for Words<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.segments {
            [one] => s.serialize_str(one.slice(self.text).trim()),
            _ => s.collect_str(self),
        }
    }
}

/// The top-level quotes, serialised one by one as the list is written (a 20 MB story has tens
/// of thousands: they are never all held as output values at once).
struct Quotes<'a> {
    article: &'a Article,
    ex: &'a Extraction,
    /// Nested quotes by the index of their parent.
    nested: Vec<Vec<TextOut<Words<'a>>>>,
    /// Nested quotes listed as quotes of their own (fragments of mixed quotes, when asked).
    top: Vec<bool>,
}

/// A partial quote held by a mixed quote ("called the plan “a holding measure”").
fn held_fragment(ex: &Extraction, q: &crate::extract::Quote) -> bool {
    q.kind == QuoteKind::Partial && q.parent.and_then(|p| ex.quote(p)).is_some_and(|p| p.kind == QuoteKind::Mixed)
}

impl Serialize for Quotes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (text, ex) = (&self.article.text, self.ex);
        s.collect_seq(
            ex.quotes
                .iter()
                .enumerate()
                .filter(|(i, q)| q.parent.is_none() || self.top.get(*i).copied().unwrap_or(false))
                .map(|(i, q)| QuoteOut {
                    text: Words { segments: &q.segments, text },
                    speaker: ex.speaker_name(q),
                    kind: match q.kind {
                        QuoteKind::Direct | QuoteKind::Partial => "direct",
                        QuoteKind::Indirect => "indirect",
                        QuoteKind::Mixed => "mixed",
                    },
                    partial: q.kind == QuoteKind::Partial,
                    start: q.segments.first().map_or(q.extent.start, |s| s.start),
                    end: q.segments.last().map_or(q.extent.end, |s| s.end),
                    segments: Segments(&q.segments),
                    rule: q.rule.id(),
                    confidence: q.confidence,
                    cue: q.cue.map(|c| c.slice(text)),
                    mention: q.mention.map(|m| m.slice(text)),
                    nested: self.nested.get(i).map_or(&[], Vec::as_slice),
                }),
        )
    }
}

/// Segments as `[start, end]` pairs.
struct Segments<'a>(&'a [crate::span::Span]);

impl Serialize for Segments<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|g| [g.start, g.end]))
    }
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    text: Words<'a>,
    speaker: Option<&'a str>,
    kind: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    partial: bool,
    start: usize,
    end: usize,
    segments: Segments<'a>,
    rule: &'static str,
    confidence: crate::extract::Confidence,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mention: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    nested: &'a [TextOut<Words<'a>>],
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
    let mut out = Vec::new();
    match write_extraction_json(&mut out, path, id, article, ex, false) {
        // The writer only ever passes on valid UTF-8 (serde_json's, with ASCII escapes added).
        Ok(()) => String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => error_json(path, &e.to_string()),
    }
}

/// Writes [`extraction_json_with_id`]'s line (no trailing newline) to `w` as it is serialised,
/// through [`TerminalSafe`]: nothing the size of the article's output is built in memory.
pub fn write_extraction_json(
    w: &mut dyn std::io::Write,
    path: &str,
    id: Option<&serde_json::Value>,
    article: &Article,
    ex: &Extraction,
    fragments: bool,
) -> std::io::Result<()> {
    let text = &article.text;
    // Nested quotes grouped under their parent, in one pass.
    let mut nested: Vec<Vec<TextOut<Words<'_>>>> = Vec::new();
    let mut top = vec![false; if fragments { ex.quotes.len() } else { 0 }];
    for (i, q) in ex.quotes.iter().enumerate() {
        if let Some(p) = q.parent.map(|p| p.0 as usize) {
            if fragments && held_fragment(ex, q) {
                if let Some(t) = top.get_mut(i) {
                    *t = true;
                }
                continue;
            }
            if nested.len() <= p {
                nested.resize_with(p + 1, Vec::new);
            }
            nested[p].push(TextOut {
                text: Words { segments: &q.segments, text },
                start: q.segments.first().map_or(q.extent.start, |s| s.start),
                end: q.segments.last().map_or(q.extent.end, |s| s.end),
            });
        }
    }
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
    let terms = ex.terms.iter().map(|t| TextOut { text: t.slice(text), start: t.start, end: t.end }).collect();
    let rec = Record {
        id,
        path,
        title: &article.meta.title,
        quotes: Quotes { article, ex, nested, top },
        speakers,
        terms,
        warnings: article.warnings.iter().map(ToString::to_string).collect(),
    };
    let mut safe = TerminalSafe::new(w);
    serde_json::to_writer(&mut safe, &rec).map_err(std::io::Error::other)?;
    safe.finish()
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

/// [`terminal_safe_json`] as a writer: JSON written through it reaches `inner` with the same
/// escapes, as it comes. A character split between two writes is held until it is whole.
///
/// ```
/// use std::io::Write;
/// let mut out = Vec::new();
/// let mut w = quoth::output::TerminalSafe::new(&mut out);
/// let raw = serde_json::to_string("a\u{202e}b").unwrap();
/// let (one, two) = raw.as_bytes().split_at(3); // inside the three bytes of U+202E
/// w.write_all(one).unwrap();
/// w.write_all(two).unwrap();
/// w.finish().unwrap();
/// assert_eq!(out, br#""a\u202eb""#);
/// ```
pub struct TerminalSafe<W: std::io::Write> {
    inner: W,
    /// Output not yet passed on: JSON comes in many small writes, and is checked and passed
    /// on in blocks of about [`SAFE_BLOCK`] bytes.
    buf: Vec<u8>,
}

const SAFE_BLOCK: usize = 1 << 16;

impl<W: std::io::Write> TerminalSafe<W> {
    pub fn new(inner: W) -> Self {
        TerminalSafe { inner, buf: Vec::with_capacity(SAFE_BLOCK + 256) }
    }

    /// Passes on everything written (a character cut off at the end as it came). Flushes
    /// nothing: the caller owns `inner`.
    pub fn finish(mut self) -> std::io::Result<()> {
        let buf = std::mem::take(&mut self.buf);
        write_escaped(&mut self.inner, &buf)
    }

    /// Passes on the whole characters of the buffer, keeping a character cut off at its end.
    #[inline(never)]
    fn pass_on(&mut self) -> std::io::Result<()> {
        let b = &self.buf;
        let last_lead = b.iter().rev().take(4).position(|&c| c & 0xc0 != 0x80).map(|back| b.len() - 1 - back);
        let cut = match last_lead {
            Some(i) if i + utf8_len(b[i]) > b.len() => i,
            _ => b.len(),
        };
        write_escaped(&mut self.inner, &self.buf[..cut])?;
        self.buf.drain(..cut);
        Ok(())
    }
}

/// Writes UTF-8 `b` to `w` with the chars [`terminal_safe_json`] escapes written as escapes.
fn write_escaped(w: &mut impl std::io::Write, b: &[u8]) -> std::io::Result<()> {
    if !has_terminal_unsafe(b) {
        return w.write_all(b);
    }
    let Ok(s) = std::str::from_utf8(b) else { return w.write_all(b) };
    let mut from = 0;
    for (i, c) in s.char_indices().filter(|&(_, c)| is_terminal_unsafe(c)) {
        w.write_all(&b[from..i])?;
        write!(w, "\\u{:04x}", u32::from(c))?;
        from = i + c.len_utf8();
    }
    w.write_all(&b[from..])
}

/// The length of the UTF-8 sequence that `lead` starts (1 for a stray byte).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
}

impl<W: std::io::Write> std::io::Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    // Inlined, so that serde_json's many writes of a few known bytes (quotes, commas, keys)
    // are plain stores rather than calls.
    #[inline]
    fn write_all(&mut self, b: &[u8]) -> std::io::Result<()> {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= SAFE_BLOCK { self.pass_on() } else { Ok(()) }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.pass_on()?;
        self.inner.flush()
    }
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
    fn the_writer_escapes_as_the_string_function_does_however_the_output_is_cut() {
        use std::io::Write as _;
        let mut raw = String::new();
        for i in 0..30_000u32 {
            raw.push_str(["a", "\u{202e}", "é", "\u{9b}", "\u{7f}", "\u{2028}", "😀", "\u{61c}"][(i % 8) as usize]);
        }
        let json = serde_json::to_string(&raw).unwrap();
        let want = terminal_safe_json(json.clone());
        for step in [1, 2, 3, 7, 4096, 70_000] {
            let mut out = Vec::new();
            let mut w = TerminalSafe::new(&mut out);
            for piece in json.as_bytes().chunks(step) {
                w.write_all(piece).unwrap();
            }
            w.finish().unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), want, "pieces of {step}");
        }
    }

    #[test]
    fn the_byte_search_finds_exactly_the_chars_that_are_escaped() {
        let chars = (0..0x3100u32).chain(0xfeff..0x10000).chain([0x1f600, 0xe0041]).filter_map(char::from_u32);
        for c in chars {
            let s = format!("“a{c}b”");
            assert_eq!(has_terminal_unsafe(s.as_bytes()), is_terminal_unsafe(c), "U+{:04X}", u32::from(c));
        }
    }
}
