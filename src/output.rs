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
/// A partial quote held by a mixed quote ("called the plan “a holding measure”").
fn held_fragment(ex: &Extraction, q: &crate::extract::Quote) -> bool {
    q.kind == QuoteKind::Partial && q.parent.and_then(|p| ex.quote(p)).is_some_and(|p| p.kind == QuoteKind::Mixed)
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

/// Writes [`extraction_json_with_id`]'s line (no trailing newline) to `w` as it is written:
/// nothing the size of the article's output is built in memory.
///
/// Written by hand rather than through `serde_json`: the line is the same bytes `serde_json`
/// would give followed by [`terminal_safe_json`], and this is a tenth of the time of a bulk
/// run (see [`Json`]).
pub fn write_extraction_json(
    w: &mut dyn std::io::Write,
    path: &str,
    id: Option<&serde_json::Value>,
    article: &Article,
    ex: &Extraction,
    fragments: bool,
) -> std::io::Result<()> {
    let text = article.text.as_str();
    // Nested quotes by the index of their parent, in one pass; and the nested quotes listed as
    // quotes of their own (fragments of mixed quotes, when asked).
    let mut nested: Vec<Vec<&crate::extract::Quote>> = Vec::new();
    let mut top = vec![false; if fragments { ex.quotes.len() } else { 0 }];
    let mut counts = vec![0usize; ex.speakers.len()];
    for (i, q) in ex.quotes.iter().enumerate() {
        if let Some(c) = q.speaker.and_then(|id| counts.get_mut(id.0 as usize)) {
            *c += 1;
        }
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
            nested[p].push(q);
        }
    }
    let mut out = Json::new(w);
    out.raw(b"{");
    if let Some(id) = id {
        out.raw(b"\"id\":");
        let id = terminal_safe_json(serde_json::to_string(id).map_err(std::io::Error::other)?);
        out.raw(id.as_bytes());
        out.raw(b",");
    }
    out.raw(b"\"path\":");
    out.string(path);
    out.raw(b",\"title\":");
    out.string(&article.meta.title);
    out.raw(b",\"quotes\":[");
    let listed =
        ex.quotes.iter().enumerate().filter(|(i, q)| q.parent.is_none() || top.get(*i).copied().unwrap_or(false));
    for (n, (i, q)) in listed.enumerate() {
        out.raw(if n == 0 { b"{" } else { b",{" });
        write_quote(&mut out, ex, q, text, nested.get(i).map_or(&[], Vec::as_slice));
    }
    out.raw(b"],\"speakers\":[");
    for (k, (s, quotes)) in ex.speakers.iter().zip(counts).enumerate() {
        out.raw(if k == 0 { b"{\"name\":" } else { b",{\"name\":" });
        out.string(&s.name);
        out.raw(b",\"kind\":");
        out.string(s.kind.as_str());
        if let Some(role) = &s.role {
            out.raw(b",\"role\":");
            out.string(role);
        }
        out.raw(b",\"aliases\":[");
        for (a, alias) in s.aliases.iter().enumerate() {
            if a > 0 {
                out.raw(b",");
            }
            out.string(alias);
        }
        out.raw(b"],\"quotes\":");
        out.number(quotes);
        out.raw(b"}");
    }
    out.raw(b"]");
    if !ex.terms.is_empty() {
        out.raw(b",\"terms\":[");
        for (k, t) in ex.terms.iter().enumerate() {
            out.raw(if k == 0 { b"{\"text\":" } else { b",{\"text\":" });
            out.string(t.slice(text));
            out.raw(b",\"start\":");
            out.number(t.start);
            out.raw(b",\"end\":");
            out.number(t.end);
            out.raw(b"}");
        }
        out.raw(b"]");
    }
    if !article.warnings.is_empty() {
        out.raw(b",\"warnings\":[");
        for (k, warning) in article.warnings.iter().enumerate() {
            if k > 0 {
                out.raw(b",");
            }
            out.string(&warning.to_string());
        }
        out.raw(b"]");
    }
    out.raw(b"}");
    out.finish()
}

/// One quote's object, inside its braces.
fn write_quote(
    out: &mut Json<'_>,
    ex: &Extraction,
    q: &crate::extract::Quote,
    text: &str,
    nested: &[&crate::extract::Quote],
) {
    out.raw(b"\"text\":");
    out.words(&q.segments, text);
    out.raw(b",\"speaker\":");
    match ex.speaker_name(q) {
        Some(name) => out.string(name),
        None => out.raw(b"null"),
    }
    out.raw(match q.kind {
        QuoteKind::Direct => b",\"kind\":\"direct\"",
        QuoteKind::Partial => b",\"kind\":\"direct\",\"partial\":true",
        QuoteKind::Indirect => b",\"kind\":\"indirect\"",
        QuoteKind::Mixed => b",\"kind\":\"mixed\"",
    });
    let (start, end) = quote_bounds(q);
    out.raw(b",\"start\":");
    out.number(start);
    out.raw(b",\"end\":");
    out.number(end);
    out.raw(b",\"segments\":[");
    for (k, g) in q.segments.iter().enumerate() {
        out.raw(if k == 0 { b"[" } else { b",[" });
        out.number(g.start);
        out.raw(b",");
        out.number(g.end);
        out.raw(b"]");
    }
    out.raw(b"],\"rule\":");
    out.string(q.rule.id());
    out.raw(b",\"confidence\":");
    out.string(q.confidence.as_str());
    if let Some(cue) = q.cue {
        out.raw(b",\"cue\":");
        out.string(cue.slice(text));
    }
    if let Some(m) = q.mention {
        out.raw(b",\"mention\":");
        out.string(m.slice(text));
    }
    if !nested.is_empty() {
        out.raw(b",\"nested\":[");
        for (k, n) in nested.iter().enumerate() {
            out.raw(if k == 0 { b"{\"text\":" } else { b",{\"text\":" });
            out.words(&n.segments, text);
            let (start, end) = quote_bounds(n);
            out.raw(b",\"start\":");
            out.number(start);
            out.raw(b",\"end\":");
            out.number(end);
            out.raw(b"}");
        }
        out.raw(b"]");
    }
    out.raw(b"}");
}

/// A quote's first and last offsets: its words' when it has segments.
fn quote_bounds(q: &crate::extract::Quote) -> (usize, usize) {
    (q.segments.first().map_or(q.extent.start, |s| s.start), q.segments.last().map_or(q.extent.end, |s| s.end))
}

/// A JSON writer for [`write_extraction_json`]: the caller writes the syntax, [`Json::string`]
/// escapes a string as `serde_json` does and as [`terminal_safe_json`] does after it, in one
/// pass of eight bytes at a time. Output is passed on in blocks of about [`SAFE_BLOCK`] bytes.
struct Json<'w> {
    inner: &'w mut dyn std::io::Write,
    buf: Vec<u8>,
    /// The first failure to pass output on; later output is dropped and this is returned.
    failed: Option<std::io::Error>,
}

impl<'w> Json<'w> {
    fn new(inner: &'w mut dyn std::io::Write) -> Self {
        // The block is kept for the next line on this thread: a new one per line cost more
        // than the writing (a large allocation, freed, makes the allocator tidy up).
        let mut buf = JSON_BLOCK.take();
        buf.clear();
        buf.reserve(SAFE_BLOCK + 256);
        Json { inner, buf, failed: None }
    }

    /// Bytes written as they are (JSON syntax, or text already escaped).
    #[inline]
    fn raw(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= SAFE_BLOCK {
            self.pass_on();
        }
    }

    #[inline(never)]
    fn pass_on(&mut self) {
        if self.failed.is_none()
            && let Err(e) = self.inner.write_all(&self.buf)
        {
            self.failed = Some(e);
        }
        self.buf.clear();
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.pass_on();
        JSON_BLOCK.set(std::mem::take(&mut self.buf));
        self.failed.map_or(Ok(()), Err)
    }

    fn number(&mut self, n: usize) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.raw(&digits[at..]);
    }

    fn string(&mut self, s: &str) {
        self.raw(b"\"");
        self.contents(s);
        self.raw(b"\"");
    }

    /// A quote's words as [`crate::extract::Quote::text`] gives them (its segments, trimmed,
    /// one space between) as one string.
    fn words(&mut self, segments: &[crate::span::Span], text: &str) {
        self.raw(b"\"");
        let mut started = false;
        for s in segments {
            let words = s.slice(text).trim();
            if started {
                self.raw(b" ");
            }
            self.contents(words);
            started |= !words.is_empty();
        }
        self.raw(b"\"");
    }

    /// The escaped contents of a JSON string.
    fn contents(&mut self, s: &str) {
        let b = s.as_bytes();
        // `from..i` is a run of bytes written as they are.
        let (mut from, mut i) = (0, 0);
        while i < b.len() {
            if let Some(word) = b.get(i..i + 8).and_then(|w| w.first_chunk::<8>())
                && !needs_a_look(u64::from_le_bytes(*word))
            {
                i += 8;
                continue;
            }
            let c = b[i];
            if ATTENTION[c as usize] == 0 {
                i += 1;
                continue;
            }
            let escape: Option<&[u8]> = match c {
                b'"' => Some(b"\\\""),
                b'\\' => Some(b"\\\\"),
                b'\n' => Some(b"\\n"),
                b'\r' => Some(b"\\r"),
                b'\t' => Some(b"\\t"),
                0x08 => Some(b"\\b"),
                0x0c => Some(b"\\f"),
                _ => None,
            };
            if let Some(e) = escape {
                self.raw(&b[from..i]);
                self.raw(e);
                i += 1;
                from = i;
                continue;
            }
            // A control char, DEL, or the lead byte of a char that may be a terminal control.
            let ch = s.get(i..).and_then(|rest| rest.chars().next()).unwrap_or('\u{fffd}');
            if c < 0x20 || is_terminal_unsafe(ch) {
                self.raw(&b[from..i]);
                self.unicode_escape(u32::from(ch));
                i += ch.len_utf8();
                from = i;
            } else {
                i += ch.len_utf8();
            }
        }
        self.raw(&b[from..]);
    }

    fn unicode_escape(&mut self, c: u32) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let e = [
            b'\\',
            b'u',
            HEX[(c >> 12) as usize & 15],
            HEX[(c >> 8) as usize & 15],
            HEX[(c >> 4) as usize & 15],
            HEX[c as usize & 15],
        ];
        self.raw(&e);
    }
}

thread_local! {
    /// [`Json`]'s block, between lines.
    static JSON_BLOCK: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Bytes [`Json::contents`] stops at: those JSON escapes (controls, `"`, `\`), DEL, and the
/// lead bytes of the chars [`terminal_safe_json`] escapes (C2, D8, E2).
static ATTENTION: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = 1;
        i += 1;
    }
    t[b'"' as usize] = 1;
    t[b'\\' as usize] = 1;
    t[0x7f] = 1;
    t[0xc2] = 1;
    t[0xd8] = 1;
    t[0xe2] = 1;
    t
};

/// Whether eight bytes may hold one that [`ATTENTION`] marks: any control, `"`, `\`, DEL or
/// non-ASCII byte (the exact test is made byte by byte after this says yes).
#[inline]
fn needs_a_look(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    (x & HIGH)
        | below_space
        | zero(x ^ (ONES * u64::from(b'"')))
        | zero(x ^ (ONES * u64::from(b'\\')))
        | zero(x ^ (ONES * 0x7f))
        != 0
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

/// Output [`Json`] holds before passing it on.
const SAFE_BLOCK: usize = 1 << 16;

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

    /// `serde_json`'s string, then [`terminal_safe_json`]: what [`Json::string`] must give.
    fn reference(s: &str) -> String {
        terminal_safe_json(serde_json::to_string(s).unwrap())
    }

    fn written(s: &str) -> String {
        let mut out = Vec::new();
        let mut w = Json::new(&mut out);
        w.string(s);
        w.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_and_the_terminal_filter_would() {
        let pieces = [
            "a",
            "plain words ",
            "\u{202e}",
            "é",
            "\u{9b}",
            "\u{7f}",
            "\u{2028}",
            "\u{2029}",
            "😀",
            "\u{61c}",
            "\"",
            "\\",
            "\n",
            "\r",
            "\t",
            "\u{8}",
            "\u{c}",
            "\u{1}",
            "\u{1b}[31m",
            "\u{200e}",
            "\u{2066}",
            "’",
            "“",
            "”",
            "\u{80}",
            "\u{a0}",
            "\u{c2}",
            "ق",
            "/",
            "\u{1f}",
        ];
        // Every piece alone, and at every offset from an eight-byte boundary, and mixed.
        for p in pieces {
            for pad in 0..9 {
                let s = format!("{}{p}{}", "x".repeat(pad), "y".repeat(9 - pad));
                assert_eq!(written(&s), reference(&s), "{s:?}");
            }
        }
        let mut long = String::new();
        for i in 0..20_000usize {
            long.push_str(pieces[(i * 7 + i / 3) % pieces.len()]);
        }
        assert_eq!(written(&long), reference(&long));
        // Every char below U+3100, on its own.
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            let s = format!("ab{c}cdefghij");
            assert_eq!(written(&s), reference(&s), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0usize, 7, 10, 99, 12_345, usize::MAX] {
            let mut out = Vec::new();
            let mut w = Json::new(&mut out);
            w.number(n);
            w.finish().unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
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
