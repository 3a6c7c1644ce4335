//! Plain-text articles: the headline on the first line, then paragraphs.
//!
//! Paragraphs are separated by blank lines; a file with no blank lines in its body uses single
//! line breaks instead. A short line without final punctuation between two paragraphs is a
//! subheading. A "By …" line right after the headline or at the end, or a trailing
//! "*story by …" line, is the byline / source and is shown under the headline.

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

    let mut builder = ArticleBuilder::new();
    if !title.is_empty() {
        builder.push(BlockKind::Title, title);
    }
    if let Some(b) = byline_text(&meta) {
        builder.push(BlockKind::Byline, &b);
    }
    push_spans(&mut builder, body, &paragraphs);
    builder.finish(meta, Format::Plain)
}

/// True when a first line is short enough to be a headline; counts no further than needed.
fn is_headline(line: &str) -> bool {
    line.len() <= HEADLINE_MAX_CHARS || line.chars().nth(HEADLINE_MAX_CHARS).is_none()
}

/// A text whose first line is too long to be a headline: all of it is body, and the title is
/// the first line's beginning, cut at a word where there is one.
fn parse_untitled(text: &str, first_line: &str) -> Article {
    let mut builder = ArticleBuilder::new();
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

/// Paragraphs of a body as spans (no copies: multi-megabyte articles stay cheap).
fn paragraph_spans(body: &str) -> Vec<Span> {
    let blank = |l: &str| l.trim().is_empty();
    // Is there a blank line between two lines of text anywhere in the body?
    let mut seen_text = false;
    let mut blank_after_text = false;
    let mut has_blank = false;
    for l in body.lines() {
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
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
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
}
