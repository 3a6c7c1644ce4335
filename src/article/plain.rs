//! Plain-text articles: the headline on the first line, then paragraphs.
//!
//! Paragraphs are separated by blank lines; a file with no blank lines in its body uses single
//! line breaks instead. A short line without final punctuation between two paragraphs is a
//! subheading. A "By …" line right after the headline or at the end, or a trailing
//! "*story by …" line, is the byline / source and is shown under the headline.
//!
//! An article saved from newsboat (its `save` command) is recognised by its header of
//! `Feed:`/`Title:`/`Author:`/`Date:`/`Link:` lines: those become the metadata, the `[N]` link
//! markers newsboat puts after link text are taken out, and its closing `Links:` list is dropped.

use super::{Article, ArticleBuilder, BlockKind, Format, Meta, byline_text};
use crate::span::Span;

/// Longest line (in chars) that can be a subheading.
const SUBHEADING_MAX_CHARS: usize = 70;
/// Longest line (in chars) that can be a byline.
const BYLINE_MAX_CHARS: usize = 90;
/// Longest first line (in chars) that is a headline. A longer one is the story's first
/// paragraph (a text with no headline, or a file with no line breaks at all): it stays in the
/// body, and the title is its beginning.
pub const HEADLINE_MAX_CHARS: usize = 300;
/// Chars of a first paragraph that make the title of a text with no headline.
const DERIVED_TITLE_CHARS: usize = 80;

/// Parses sanitised plain text.
///
/// ```
/// use quoth::article::{plain, BlockKind};
/// let a = plain::parse("Headline\n\nFirst para.\n\nA subheading\n\nSecond para.\n\n*story by Wire");
/// assert_eq!(a.meta.title, "Headline");
/// assert_eq!(a.meta.source.as_deref(), Some("Wire"));
/// let kinds: Vec<_> = a.blocks.iter().map(|b| b.kind).collect();
/// assert_eq!(kinds, [BlockKind::Title, BlockKind::Byline, BlockKind::Paragraph,
///                    BlockKind::Subheading, BlockKind::Paragraph]);
/// ```
pub fn parse(text: &str) -> Article {
    if let Some(a) = parse_newsboat_saved(text) {
        return a;
    }
    // The headline: the first line with text.
    let mut offset = 0;
    let mut title = "";
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            title = line.trim();
            if !is_headline(title) {
                return parse_untitled(text, title);
            }
            offset += line.len();
            break;
        }
        offset += line.len();
    }
    let body = text.get(offset..).unwrap_or_default();
    let mut paragraphs = paragraph_spans(body);
    let para = |s: &Span| s.slice(body);

    let mut meta = Meta { title: title.to_owned(), ..Meta::default() };
    // A byline right after the headline, or at the very end.
    if let Some(b) = paragraphs.first().and_then(|p| byline(para(p))) {
        apply_byline(&mut meta, b);
        paragraphs.remove(0);
    }
    if let Some(b) = paragraphs.last().and_then(|p| byline(para(p))) {
        apply_byline(&mut meta, b);
        paragraphs.pop();
    }

    let mut builder = ArticleBuilder::with_capacity(text.len());
    if !title.is_empty() {
        builder.push(BlockKind::Title, title);
    }
    if let Some(b) = byline_text(&meta) {
        builder.push(BlockKind::Byline, &b);
    }
    push_spans(&mut builder, body, &paragraphs);
    builder.finish(meta, Format::Plain)
}

/// The labels of newsboat's header, in the order it writes them (each only when it has a value).
const NEWSBOAT_LABELS: [&str; 7] = ["Feed", "Title", "Author", "Date", "Link", "Flags", "Podcast Download URL"];

/// An article in the text format newsboat's `save` writes, or `None` when the text does not
/// open with its header (a `Feed:` or `Title:` line, a `Title:` among the lines before the
/// first blank one, every line a known label or the wrapped rest of the one before).
fn parse_newsboat_saved(text: &str) -> Option<Article> {
    let mut fields: Vec<(&str, String)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim();
        if l.is_empty() {
            break;
        }
        match line.split_once(": ").filter(|(label, _)| NEWSBOAT_LABELS.contains(label)) {
            Some((label, value)) => fields.push((label, value.trim().to_owned())),
            // Another label: not newsboat's header.
            None if line.split_once(": ").is_some_and(|(k, _)| is_label(k)) => return None,
            // newsboat wraps long header lines at its text width.
            None => {
                let (_, value) = fields.last_mut()?;
                value.push(' ');
                value.push_str(l);
            }
        }
    }
    if !matches!(fields.first(), Some(("Feed" | "Title", _))) {
        return None;
    }
    let field = |name: &str| fields.iter().find(|(l, _)| *l == name).map(|(_, v)| v.clone()).filter(|v| !v.is_empty());
    let title = field("Title")?;
    let meta = Meta {
        title,
        source: field("Feed"),
        author: field("Author"),
        date: field("Date"),
        url: field("Link"),
        tags: Vec::new(),
    };
    let (body, links) = split_links_list(text.get(offset..).unwrap_or_default());
    let body = if links > 0 { remove_link_markers(body, links) } else { body.to_owned() };
    let mut builder = ArticleBuilder::with_capacity(body.len() + meta.title.len());
    builder.push(BlockKind::Title, &meta.title);
    if let Some(b) = byline_text(&meta) {
        builder.push(BlockKind::Byline, &b);
    }
    push_body(&mut builder, &body);
    Some(builder.finish(meta, Format::Plain))
}

/// `Summary`, `Content Type`: one to three capitalised words, what a header label looks like.
fn is_label(k: &str) -> bool {
    let words = k.split(' ').count();
    (1..=3).contains(&words)
        && k.split(' ').all(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic))
}

/// Splits newsboat's closing list of links (a `Links:` line, then `[N]: URL (type)` lines)
/// from the body; returns the body and how many links the list held.
fn split_links_list(body: &str) -> (&str, usize) {
    let Some(at) = body.rfind("\nLinks:") else { return (body, 0) };
    let list = body.get(at + "\nLinks:".len()..).unwrap_or_default();
    let mut lines = list.lines();
    if !lines.next().is_some_and(|l| l.trim().is_empty()) {
        return (body, 0);
    }
    let mut n = 0;
    for l in lines.filter(|l| !l.trim().is_empty()) {
        let ok = l
            .strip_prefix('[')
            .and_then(|r| r.split_once("]: "))
            .is_some_and(|(num, _)| !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return (body, 0);
        }
        n += 1;
    }
    (body.get(..at).unwrap_or(body), n)
}

/// Removes the `[N]` markers (1 ≤ N ≤ `links`) that newsboat writes straight after a link's
/// text; brackets with a space before them or another number are the story's own.
fn remove_link_markers(body: &str, links: usize) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find('[') {
        let (before, from) = rest.split_at(i);
        out.push_str(before);
        let marker = from.get(1..).and_then(|r| r.split_once(']')).and_then(|(num, _)| {
            let n: usize = num.parse().ok().filter(|_| num.bytes().all(|b| b.is_ascii_digit()))?;
            let glued = out.chars().last().is_some_and(|c| !c.is_whitespace());
            (glued && (1..=links).contains(&n)).then_some(num.len() + 2)
        });
        let skip = marker.unwrap_or(1);
        out.push_str(from.get(..skip).filter(|_| marker.is_none()).unwrap_or_default());
        rest = from.get(skip..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// True when a first line is short enough to be a headline; counts no further than needed.
fn is_headline(line: &str) -> bool {
    line.len() <= HEADLINE_MAX_CHARS || line.chars().nth(HEADLINE_MAX_CHARS).is_none()
}

/// A text whose first line is too long to be a headline: all of it is body, and the title is
/// the first line's beginning, cut at a word where there is one.
fn parse_untitled(text: &str, first_line: &str) -> Article {
    let mut builder = ArticleBuilder::with_capacity(text.len());
    push_body(&mut builder, text);
    let meta = Meta { title: derived_title(first_line), ..Meta::default() };
    builder.finish(meta, Format::Plain)
}

/// The first [`DERIVED_TITLE_CHARS`] chars of `line`, cut back to the last space when one is in
/// the second half, with `…`.
fn derived_title(line: &str) -> String {
    let Some((cut, _)) = line.char_indices().nth(DERIVED_TITLE_CHARS) else {
        return line.to_owned();
    };
    let head = line.get(..cut).unwrap_or_default();
    let head = match head.rfind(' ') {
        Some(sp) if sp >= cut / 2 => head.get(..sp).unwrap_or(head),
        _ => head,
    };
    format!("{}…", head.trim_end_matches([' ', ',', ';', ':']))
}

/// Appends the paragraphs of a body text (no headline): blank-line separated, or one per line
/// when the body has no blank line.
pub(crate) fn push_body(builder: &mut ArticleBuilder, body: &str) {
    let spans = paragraph_spans(body);
    push_spans(builder, body, &spans);
}

/// Appends paragraphs given as spans of `body`, marking subheadings.
fn push_spans(builder: &mut ArticleBuilder, body: &str, paragraphs: &[Span]) {
    let n = paragraphs.len();
    for (i, p) in paragraphs.iter().enumerate() {
        let t = p.slice(body);
        // Subheadings are single short lines: look only at those.
        let short = t.len() <= 4 * SUBHEADING_MAX_CHARS && !t.contains('\n');
        let kind = if i > 0 && i + 1 < n && short && is_subheading(t.trim()) {
            BlockKind::Subheading
        } else {
            BlockKind::Paragraph
        };
        builder.push(kind, t);
    }
}

/// The lines of `text`, each with its `\n` (as `split_inclusive('\n')`, with a vector search
/// for the line ends: this runs over every byte of every plain-text article).
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        let start = from;
        let end = ends.next().map_or(text.len(), |i| i + 1);
        from = end;
        // Both ends are at a `\n` or an end of the text: char boundaries.
        (start < text.len()).then(|| text.get(start..end)).flatten()
    })
}

/// Paragraphs of a body as spans (no copies: multi-megabyte articles stay cheap).
fn paragraph_spans(body: &str) -> Vec<Span> {
    let blank = |l: &str| l.trim().is_empty();
    // Is there a blank line between two lines of text anywhere in the body?
    let mut seen_text = false;
    let mut blank_after_text = false;
    let mut has_blank = false;
    for l in lines_inclusive(body) {
        if blank(l) {
            blank_after_text = seen_text;
        } else {
            if blank_after_text {
                has_blank = true;
                break;
            }
            seen_text = true;
        }
    }
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut at = 0;
    for line in lines_inclusive(body) {
        let content = line.strip_suffix('\n').unwrap_or(line);
        let line_start = at;
        at += line.len();
        if blank(content) {
            if let Some(s) = start.take() {
                out.push(Span::new(s, end));
            }
            continue;
        }
        if !has_blank {
            out.push(Span::new(line_start, line_start + content.len()));
            continue;
        }
        if start.is_none() {
            start = Some(line_start);
        }
        end = line_start + content.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, end));
    }
    out
}

#[derive(Clone, Copy)]
enum Byline<'a> {
    Author(&'a str),
    Source(&'a str),
}

fn apply_byline(meta: &mut Meta, b: Byline<'_>) {
    match b {
        Byline::Author(a) => meta.author = Some(a.to_owned()),
        Byline::Source(s) => meta.source = Some(s.to_owned()),
    }
}

/// Recognises "By Jane Doe", "By Jane Doe, Reuters" and "*story by Wire".
fn byline(p: &str) -> Option<Byline<'_>> {
    if p.chars().count() > BYLINE_MAX_CHARS || p.contains('\n') {
        return None;
    }
    let t = p.trim_start_matches(['*', '_', ' ']).trim_end_matches(['*', '_', ' ']);
    let lower = t.to_lowercase();
    if lower.starts_with("story by ") {
        let name = t.get("story by ".len()..)?.trim();
        return (!name.is_empty()).then_some(Byline::Source(name));
    }
    if lower.starts_with("by ") {
        let name = t.get(3..)?.trim().trim_end_matches('.');
        // Names: short, and every word that is not a connector starts with a capital.
        let words: Vec<&str> = name.split_whitespace().collect();
        let ok = !words.is_empty()
            && words.len() <= 10
            && words.iter().all(|w| {
                w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                    || matches!(*w, "and" | "de" | "van" | "von" | "da" | "in" | "for" | "of")
            });
        return ok.then_some(Byline::Author(name));
    }
    None
}

/// A short single line that starts like a title and does not end like a sentence.
fn is_subheading(p: &str) -> bool {
    let chars = p.chars().count();
    let Some(first) = p.chars().next() else {
        return false;
    };
    let Some(last) = p.chars().last() else {
        return false;
    };
    chars <= SUBHEADING_MAX_CHARS
        && p.split_whitespace().count() <= 10
        && (first.is_uppercase() || first.is_ascii_digit())
        && !matches!(last, '.' | '!' | '?' | ':' | ';' | ',' | '"' | '”' | '’' | '\'' | '…' | ')' | '-' | '—')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn kinds(text: &str) -> Vec<BlockKind> {
        parse(text).blocks.iter().map(|b| b.kind).collect()
    }

    #[test]
    fn a_first_line_too_long_for_a_headline_is_the_first_paragraph() {
        let long = "The council voted on Monday to close the harbour road for the summer, ".repeat(10);
        let text = format!("{}\n\nSecond paragraph.", long.trim());
        let a = parse(&text);
        assert_eq!(kinds(&text), [BlockKind::Paragraph, BlockKind::Paragraph]);
        assert_eq!(a.block_text(0), long.trim());
        assert!(
            a.meta.title.starts_with("The council voted on Monday") && a.meta.title.ends_with('…'),
            "{}",
            a.meta.title
        );
        assert!(a.meta.title.chars().count() <= DERIVED_TITLE_CHARS + 1);
        // Cut at a word, not inside one.
        assert!(!a.meta.title.trim_end_matches('…').ends_with(' '));
        // A line of exactly the limit is still a headline; a word with no spaces is cut as is.
        let exact = "x".repeat(HEADLINE_MAX_CHARS);
        assert_eq!(kinds(&format!("{exact}\n\nBody.")), [BlockKind::Title, BlockKind::Paragraph]);
        let one_word = "y".repeat(HEADLINE_MAX_CHARS + 1);
        let a = parse(&one_word);
        assert_eq!(kinds(&one_word), [BlockKind::Paragraph]);
        assert_eq!(a.meta.title, format!("{}…", "y".repeat(DERIVED_TITLE_CHARS)));
    }

    #[test]
    fn single_newline_paragraphs_when_no_blank_lines() {
        let a = parse("Title\nOne.\nTwo.\nThree.");
        assert_eq!(a.block_text(1), "One.");
        assert_eq!(a.block_text(3), "Three.");
    }

    #[test]
    fn soft_wrapped_paragraphs_are_joined() {
        let a = parse("Title\n\nOne line\ncontinues here.\n\nNext.");
        assert_eq!(a.block_text(1), "One line continues here.");
    }

    #[test]
    fn subheading_only_between_paragraphs() {
        use BlockKind::*;
        assert_eq!(kinds("T\n\nShort start\n\nBody."), [Title, Paragraph, Paragraph]);
        assert_eq!(kinds("T\n\nBody.\n\nMiddle part\n\nMore."), [Title, Paragraph, Subheading, Paragraph]);
        assert_eq!(kinds("T\n\nBody.\n\n“Quote,” he said.\n\nMore."), [Title, Paragraph, Paragraph, Paragraph]);
    }

    #[test]
    fn bylines() {
        let a = parse("T\n\nBy Ana Ruiz and Tom Hale\n\nBody.");
        assert_eq!(a.meta.author.as_deref(), Some("Ana Ruiz and Tom Hale"));
        assert_eq!(a.block_text(1), "By Ana Ruiz and Tom Hale");
        let b = parse("T\n\nBy the end of the day, nothing was left.\n\nBody.");
        assert_eq!(b.meta.author, None);
    }

    #[test]
    fn empty_input() {
        let a = parse("\n\n");
        assert!(a.blocks.is_empty());
        assert_eq!(a.text, "");
    }

    const SAVED: &str = "Feed: The Harbour Gazette\nTitle: Night shift at the quay: the cranes that never\n  stop\nAuthor: Ana Ruiz\nDate: Mon, 07 Dec 2026 06:10:00 +0000\nLink: https://example.com/quay\n\n\
        \u{201c}We work until the ships are gone,\u{201d} said Tom Bell[1], a crane driver.\n\n\
        The port[2] handled [3] more boxes than in 2025 [sic].\n\nLinks: \n[1]: https://example.com/bell (link)\n\
        [2]: https://example.com/port (link)\n";

    #[test]
    fn newsboat_saved_article_header_becomes_metadata() {
        let a = parse(SAVED);
        assert_eq!(a.meta.title, "Night shift at the quay: the cranes that never stop");
        assert_eq!(a.meta.source.as_deref(), Some("The Harbour Gazette"));
        assert_eq!(a.meta.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(a.meta.date.as_deref(), Some("Mon, 07 Dec 2026 06:10:00 +0000"));
        assert_eq!(a.meta.url.as_deref(), Some("https://example.com/quay"));
        use BlockKind::*;
        assert_eq!(kinds(SAVED), [Title, Byline, Paragraph, Paragraph]);
        // Link markers out, the story's own brackets kept, the links list dropped.
        assert_eq!(a.block_text(2), "\u{201c}We work until the ships are gone,\u{201d} said Tom Bell, a crane driver.");
        assert_eq!(a.block_text(3), "The port handled [3] more boxes than in 2025 [sic].");
        assert!(!a.text.contains("Links:") && !a.text.contains("example.com/bell"));
    }

    #[test]
    fn only_a_newsboat_header_is_read_as_one() {
        // A story that merely starts with a label, or a header with an unknown line, is plain.
        for text in ["Title\n\nFeed: the cattle were fed.", "Date: Monday\n\nBody.", "Title: T\nSummary: x\n\nBody."] {
            assert_eq!(parse(text).meta.source, None, "{text}");
        }
        assert_eq!(parse("Title: T\nSummary: x\n\nBody.").meta.title, "Title: T");
        // A list that is not newsboat's stays in the story.
        let a = parse("Feed: F\nTitle: T\n\nBody.\n\nLinks:\nsee the archive");
        assert!(a.text.ends_with("see the archive"), "{}", a.text);
    }
}
