//! An article as text for a pipe or a pager: `quoth FILE | less`, `quoth show FILE`.
//!
//! Pure: an [`Article`] and its [`Extraction`] in, a `String` out. Headline, byline, then the
//! blocks with a blank line between them, wrapped to a width (0: one line per paragraph); each
//! quote marked with its speaker, inline (`“…,” [Ana Ruiz] she said`) or as numbered footnotes
//! listed at the end. The text has been through the sanitiser when the article was read, and
//! speaker names are cleaned again here, so no control character reaches the output; escape
//! sequences appear only when colour is asked for, and only those this module writes.

use crate::article::sanitize::clean_line;
use crate::article::{Article, BlockKind, ListMarker};
use crate::extract::Extraction;
use crate::span::Span;
use std::fmt::Write as _;

/// How quotes are marked with their speakers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Speakers {
    /// Not at all: the text as written.
    Off,
    /// `[Name]` right after each quote's closing mark.
    #[default]
    Inline,
    /// `[1]` after each quote, and the list of who said each at the end.
    Footnotes,
}

/// What [`render`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Columns to wrap to; 0 for no wrapping.
    pub width: usize,
    pub speakers: Speakers,
    /// Bold headline, dim byline and speaker marks (ANSI SGR only).
    pub color: bool,
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// The article as text (see the module doc); ends with one newline.
///
/// ```
/// use quoth::article::{Article, Format};
/// use quoth::print::{render, Options, Speakers};
/// let a = Article::from_str_format("Vote today\n\n“We are ready,” said Ana Ruiz.", Format::Plain).unwrap();
/// let ex = quoth::extract::extract(&a);
/// let out = render(&a, &ex, Options { width: 0, speakers: Speakers::Inline, color: false });
/// assert_eq!(out, "Vote today\n\n“We are ready,” [Ana Ruiz] said Ana Ruiz.\n");
/// ```
pub fn render(article: &Article, ex: &Extraction, opts: Options) -> String {
    let text = &article.text;
    // Where each mark goes: after the quote's last closing mark, in text order.
    let mut marks: Vec<(usize, String)> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    if opts.speakers != Speakers::Off {
        for q in ex.quotes.iter().filter(|q| q.parent.is_none() && q.kind.is_quoted()) {
            let who = ex.speaker_name(q).map_or_else(|| "unattributed".to_owned(), clean_line);
            let tag = match opts.speakers {
                Speakers::Footnotes => {
                    let words = clean_line(&q.text(text));
                    notes.push(format!("[{}] {who}: “{}”", notes.len() + 1, cut_words(&words, 60)));
                    format!("[{}]", notes.len())
                }
                _ => format!("[{who}]"),
            };
            marks.push((q.extent.end, tag));
        }
        marks.sort_by_key(|(at, _)| *at);
    }
    let mut out = String::new();
    let mut k = 0;
    for block in &article.blocks {
        if block.kind == BlockKind::Rule {
            out.push_str(&"─".repeat(opts.width.clamp(1, 40)));
            out.push_str("\n\n");
            continue;
        }
        // The block's text with its marks put in, and where the marks are in it.
        let mut para = String::new();
        let mut tag_spans = Vec::new();
        let mut from = block.span.start;
        while let Some((at, tag)) = marks.get(k).filter(|(at, _)| *at <= block.span.end) {
            let at = (*at).clamp(from, block.span.end);
            para.push_str(Span::new(from, at).slice(text));
            para.push(' ');
            tag_spans.push(Span::new(para.len(), para.len() + tag.len()));
            para.push_str(tag);
            from = at;
            k += 1;
        }
        para.push_str(Span::new(from, block.span.end).slice(text));
        let (first_prefix, prefix) = prefixes(block.kind, block.quote_depth, block.list_depth);
        let style = match block.kind {
            BlockKind::Title | BlockKind::Heading { .. } | BlockKind::Subheading => Some(BOLD),
            BlockKind::Byline => Some(DIM),
            _ => None,
        };
        let code = block.kind == BlockKind::Code;
        let width =
            if opts.width == 0 { usize::MAX } else { opts.width.saturating_sub(prefix.chars().count()).max(10) };
        for (i, line) in wrap(&para, width, code).into_iter().enumerate() {
            out.push_str(if i == 0 { &first_prefix } else { &prefix });
            push_styled(&mut out, &para, line, &tag_spans, style.filter(|_| opts.color), opts.color);
            out.push('\n');
        }
        out.push('\n');
    }
    if !notes.is_empty() {
        out.push_str(if opts.color { "\x1b[1mQuotes\x1b[0m\n\n" } else { "Quotes\n\n" });
        for n in &notes {
            let _ = writeln!(out, "{n}");
        }
        out.push('\n');
    }
    // One newline at the end, not a blank line.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The first and the following lines' prefixes of a block: list marker and hanging indent,
/// block-quote bars.
fn prefixes(kind: BlockKind, quote_depth: u8, list_depth: u8) -> (String, String) {
    let bars = "│ ".repeat(usize::from(quote_depth));
    let indent = "  ".repeat(usize::from(list_depth.saturating_sub(1)));
    match kind {
        BlockKind::ListItem { marker } => {
            let m = match marker {
                ListMarker::Bullet => "• ".to_owned(),
                ListMarker::Number(n) => format!("{n}. "),
            };
            let hang = " ".repeat(m.chars().count());
            (format!("{bars}{indent}{m}"), format!("{bars}{indent}{hang}"))
        }
        _ if list_depth > 0 => {
            let p = format!("{bars}{indent}  ");
            (p.clone(), p)
        }
        _ => (bars.clone(), bars),
    }
}

/// Lines of `s` at most `width` columns wide (code keeps its own line breaks).
fn wrap(s: &str, width: usize, code: bool) -> Vec<Span> {
    let mut lines = Vec::new();
    if code {
        let mut at = 0;
        for l in s.split('\n') {
            lines.push(Span::new(at, at + l.len()));
            at += l.len() + 1;
        }
        return lines;
    }
    let all = Span::new(0, s.len());
    let mut from = Some(0);
    while let Some(f) = from {
        let (line, next) = crate::layout::wrap_line(s, all, f, width, false);
        lines.push(line);
        from = next.filter(|&n| n > f);
    }
    lines
}

/// Writes `line` of `s`, the speaker marks dim when `color`, the whole line in `style`.
fn push_styled(out: &mut String, s: &str, line: Span, tags: &[Span], style: Option<&str>, color: bool) {
    if let Some(st) = style {
        out.push_str(st);
    }
    let mut at = line.start;
    if color {
        for t in tags.iter().filter(|t| t.start < line.end && line.start < t.end) {
            let (a, b) = (t.start.max(line.start), t.end.min(line.end));
            out.push_str(Span::new(at, a).slice(s));
            out.push_str(DIM);
            out.push_str(Span::new(a, b).slice(s));
            out.push_str(RESET);
            if let Some(st) = style {
                out.push_str(st);
            }
            at = b;
        }
    }
    out.push_str(Span::new(at, line.end).slice(s));
    if style.is_some() {
        out.push_str(RESET);
    }
}

/// The first words of `s`, at most `max` chars, with `…` when cut.
fn cut_words(s: &str, max: usize) -> String {
    let Some((cut, _)) = s.char_indices().nth(max) else {
        return s.to_owned();
    };
    let head = s.get(..cut).unwrap_or(s);
    let head = head.rfind(' ').and_then(|i| head.get(..i)).unwrap_or(head);
    format!("{}…", head.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::article::Format;
    use unicode_width::UnicodeWidthStr as _;

    const STORY: &str = "Harbour road to close\n\nBy Tomas Vell\n\n\
        The council voted on Monday to close the harbour road for the summer while the sea wall is rebuilt.\n\n\
        “We cannot wait another winter,” said Mira Holt, the mayor. “The wall will not hold.”\n\n\
        Traders called the plan “a slow disaster” for the quay.";

    fn out(opts: Options) -> String {
        let a = Article::from_str_format(STORY, Format::Plain).unwrap();
        render(&a, &crate::extract::extract(&a), opts)
    }

    #[test]
    fn wraps_to_the_width_with_blank_lines_between_blocks() {
        let o = out(Options { width: 40, speakers: Speakers::Off, color: false });
        assert!(o.lines().all(|l| l.width() <= 40), "{o}");
        assert!(o.starts_with("Harbour road to close\n\nBy Tomas Vell\n\nThe council voted"), "{o}");
        assert!(o.ends_with("for the quay.\n"), "{o:?}");
        assert!(!o.contains('\x1b') && !o.contains('['), "{o}");
        let unwrapped = out(Options { width: 0, speakers: Speakers::Off, color: false });
        assert_eq!(unwrapped.lines().filter(|l| !l.is_empty()).count(), 5, "{unwrapped}");
    }

    #[test]
    fn inline_marks_follow_each_quote() {
        let o = out(Options { width: 0, speakers: Speakers::Inline, color: false });
        assert!(o.contains("“We cannot wait another winter,” [Mira Holt] said"), "{o}");
        assert!(o.contains("“The wall will not hold.” [Mira Holt]"), "{o}");
    }

    #[test]
    fn footnotes_number_the_quotes_and_list_them_at_the_end() {
        let o = out(Options { width: 60, speakers: Speakers::Footnotes, color: false });
        assert!(o.contains("winter,” [1] said"), "{o}");
        assert!(o.contains("\nQuotes\n\n[1] Mira Holt: “We cannot wait another winter,”"), "{o}");
    }

    #[test]
    fn colour_only_when_asked_and_only_sgr() {
        let o = out(Options { width: 50, speakers: Speakers::Inline, color: true });
        assert!(o.starts_with("\x1b[1mHarbour road to close\x1b[0m\n"), "{o:?}");
        assert!(o.contains("\x1b[2m[Mira Holt]\x1b[0m"), "{o:?}");
        // Every escape is an SGR sequence this module writes.
        for (i, _) in o.match_indices('\x1b') {
            let rest = o.get(i..).unwrap();
            assert!([BOLD, DIM, RESET].iter().any(|s| rest.starts_with(s)), "{rest:?}");
        }
    }

    #[test]
    fn lists_and_block_quotes_keep_their_shape() {
        let md = "# Title\n\n- one item that is long enough to wrap at a narrow width\n- two\n\n> quoted words\n";
        let a = Article::from_str_format(md, Format::Markdown).unwrap();
        let o = render(&a, &crate::extract::extract(&a), Options { width: 30, speakers: Speakers::Off, color: false });
        assert!(o.contains("\n• one item"), "{o}");
        assert!(o.contains("\n  "), "hanging indent: {o}");
        assert!(o.contains("│ quoted words"), "{o}");
    }
}
