//! Plain-text articles: the headline on the first line, then paragraphs.
//!
//! Paragraphs are separated by blank lines; a file with no blank lines in its body uses single
//! line breaks instead. A short line without final punctuation between two paragraphs is a
//! subheading. A "By …" line right after the headline or at the end, or a trailing
//! "*story by …" line, is the byline / source and is shown under the headline.

use super::{Article, ArticleBuilder, BlockKind, Format, Meta, byline_text};

/// Longest line (in chars) that can be a subheading.
const SUBHEADING_MAX_CHARS: usize = 70;
/// Longest line (in chars) that can be a byline.
const BYLINE_MAX_CHARS: usize = 90;

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
    let mut lines = text.lines().map(str::trim_end).skip_while(|l| l.trim().is_empty());
    let title = lines.next().map(str::trim).unwrap_or_default().to_owned();
    let rest: Vec<&str> = lines.collect();
    let mut paragraphs = split_paragraphs(&rest);

    let mut meta = Meta { title: title.clone(), ..Meta::default() };
    // A byline right after the headline, or at the very end.
    if let Some(first) = paragraphs.first()
        && let Some(b) = byline(first)
    {
        apply_byline(&mut meta, b);
        paragraphs.remove(0);
    }
    if let Some(last) = paragraphs.last()
        && let Some(b) = byline(last)
    {
        apply_byline(&mut meta, b);
        paragraphs.pop();
    }

    let mut builder = ArticleBuilder::new();
    if !title.is_empty() {
        builder.push(BlockKind::Title, &title);
    }
    if let Some(b) = byline_text(&meta) {
        builder.push(BlockKind::Byline, &b);
    }
    push_body(&mut builder, &paragraphs);
    builder.finish(meta, Format::Plain)
}

/// Appends body paragraphs, marking subheadings.
pub(crate) fn push_body(builder: &mut ArticleBuilder, paragraphs: &[String]) {
    let n = paragraphs.len();
    for (i, p) in paragraphs.iter().enumerate() {
        let kind = if i > 0 && i + 1 < n && is_subheading(p) { BlockKind::Subheading } else { BlockKind::Paragraph };
        builder.push(kind, p);
    }
}

/// Splits a body text (no headline) into paragraphs.
pub(crate) fn body_paragraphs(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    split_paragraphs(&lines)
}

/// Joins lines into paragraphs: blank-line separated, or one line each when the body has no
/// blank line at all.
fn split_paragraphs(lines: &[&str]) -> Vec<String> {
    let body_start = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
    let body = lines.get(body_start..).unwrap_or_default();
    let has_blank = body.iter().any(|l| l.trim().is_empty());
    let mut out = Vec::new();
    if has_blank {
        let mut cur = String::new();
        for l in body {
            if l.trim().is_empty() {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            } else {
                if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(l.trim());
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    } else {
        out.extend(body.iter().map(|l| l.trim().to_owned()));
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
