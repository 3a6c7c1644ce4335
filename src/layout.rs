//! Wrapping an article into visual lines for one width, lazily and incrementally.
//!
//! Pipeline position: after parsing (and independent of extraction). A [`Layout`] belongs to
//! one text width. Blocks are wrapped only when a row inside them is asked for, and a block is
//! wrapped only as far as needed, so opening a 20 MB article or resizing it costs the visible
//! rows, not the article. Lines are byte spans into `Article::text`; nothing here is persisted.
//!
//! Rows: block 0 starts with its first line; every later block starts with one blank "gap" row
//! (row 0) followed by its lines (rows 1..). Wrapping is by grapheme cluster with display
//! widths (unicode-width, the same measure the terminal library uses), breaking at spaces,
//! after hyphens and dashes, and around wide (CJK) characters; a word longer than the line is
//! split between graphemes. No line is ever wider than its width.

use crate::article::{Article, Block, BlockKind, ListMarker};
use crate::span::Span;
use std::cell::RefCell;
use std::sync::Arc;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The narrowest text column quoth lays out.
pub const MIN_WIDTH: u16 = 8;

/// One visual line: a span of one block's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VisualLine {
    pub span: Span,
    /// True for the first line of its block (where a list marker is drawn).
    pub first: bool,
}

/// A row of the laid-out article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowId {
    pub block: usize,
    /// 0 is the gap above the block (absent for block 0); `k >= 1` is line `k - 1`.
    pub row: usize,
}

/// What a row shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowContent {
    Gap,
    Line(VisualLine),
}

#[derive(Debug, Default)]
struct BlockLines {
    lines: Vec<VisualLine>,
    /// Where wrapping resumes; `None` once the block is fully wrapped.
    resume: Option<usize>,
}

/// The article laid out for one width.
#[derive(Debug)]
pub struct Layout {
    article: Arc<Article>,
    width: u16,
    blocks: RefCell<Vec<Option<Box<BlockLines>>>>,
}

impl Layout {
    pub fn new(article: Arc<Article>, width: u16) -> Layout {
        let n = article.blocks.len();
        let mut blocks = Vec::new();
        blocks.resize_with(n, || None);
        Layout { article, width: width.max(MIN_WIDTH), blocks: RefCell::new(blocks) }
    }

    pub fn width(&self) -> u16 {
        self.width
    }

    pub fn article(&self) -> &Arc<Article> {
        &self.article
    }

    pub fn block_count(&self) -> usize {
        self.article.blocks.len()
    }

    fn text_width(&self, block: &Block) -> usize {
        let w = usize::from(self.width);
        w.saturating_sub(Indent::of(block, self.width).total()).max(1)
    }

    /// Wraps block `b` until it has more than `want` lines or is complete.
    fn ensure(&self, b: usize, want: usize) {
        let Some(block) = self.article.blocks.get(b) else {
            return;
        };
        let mut blocks = self.blocks.borrow_mut();
        let Some(slot) = blocks.get_mut(b) else {
            return;
        };
        let state =
            slot.get_or_insert_with(|| Box::new(BlockLines { lines: Vec::new(), resume: Some(block.span.start) }));
        let width = self.text_width(block);
        let code = block.kind == BlockKind::Code;
        while state.lines.len() <= want {
            let Some(from) = state.resume else { break };
            let (line, next) = wrap_line(&self.article.text, block.span, from, width, code);
            let first = state.lines.is_empty();
            state.lines.push(VisualLine { span: line, first });
            state.resume = next;
        }
    }

    /// Number of lines of block `b` (wraps the whole block).
    pub fn line_count(&self, b: usize) -> usize {
        self.ensure(b, usize::MAX);
        self.blocks.borrow().get(b).and_then(|s| s.as_ref()).map_or(0, |s| s.lines.len())
    }

    /// Line `i` of block `b`, wrapping only as far as needed.
    pub fn line(&self, b: usize, i: usize) -> Option<VisualLine> {
        self.ensure(b, i);
        self.blocks.borrow().get(b).and_then(|s| s.as_ref()).and_then(|s| s.lines.get(i).copied())
    }

    /// Index of the line of block `b` that contains `offset` (spaces skipped at a break belong
    /// to the line before them; the last line when `offset` is past the block).
    pub fn line_index_of(&self, b: usize, offset: usize) -> usize {
        let mut want = 64;
        loop {
            self.ensure(b, want);
            let blocks = self.blocks.borrow();
            let Some(Some(s)) = blocks.get(b) else {
                return 0;
            };
            let beyond = s.lines.last().is_some_and(|l| l.span.end > offset);
            if s.resume.is_none() || beyond {
                return s.lines.partition_point(|l| l.span.start <= offset).saturating_sub(1);
            }
            want = s.lines.len().saturating_mul(2);
        }
    }

    /// The first row of block `b` (its gap for b > 0).
    pub fn block_first_row(b: usize) -> RowId {
        RowId { block: b, row: usize::from(b == 0) }
    }

    /// The row of the line containing `offset`.
    pub fn row_of(&self, offset: usize) -> RowId {
        let Some(b) = self.article.block_at(offset) else {
            return RowId { block: 0, row: 1 };
        };
        RowId { block: b, row: self.line_index_of(b, offset) + 1 }
    }

    /// What a row shows; `None` past the end.
    pub fn content(&self, r: RowId) -> Option<RowContent> {
        if r.block >= self.block_count() {
            return None;
        }
        if r.row == 0 {
            return (r.block > 0).then_some(RowContent::Gap);
        }
        self.line(r.block, r.row - 1).map(RowContent::Line)
    }

    /// The row after `r`, or `None` at the end of the article.
    pub fn next(&self, r: RowId) -> Option<RowId> {
        if self.line(r.block, r.row).is_some() {
            return Some(RowId { block: r.block, row: r.row + 1 });
        }
        let nb = r.block + 1;
        (nb < self.block_count()).then_some(RowId { block: nb, row: 0 })
    }

    /// The row before `r`, or `None` at the top.
    pub fn prev(&self, r: RowId) -> Option<RowId> {
        if r.row > usize::from(r.block == 0) {
            return Some(RowId { block: r.block, row: r.row - 1 });
        }
        if r.block == 0 {
            return None;
        }
        let pb = r.block - 1;
        Some(RowId { block: pb, row: self.line_count(pb).max(1) })
    }

    /// The last row of the article.
    pub fn last_row(&self) -> RowId {
        let n = self.block_count();
        if n == 0 {
            return RowId { block: 0, row: 1 };
        }
        RowId { block: n - 1, row: self.line_count(n - 1).max(1) }
    }

    /// Moves `n` rows down (saturating at the last row); returns the new row and how far it moved.
    pub fn step_down(&self, mut r: RowId, n: usize) -> (RowId, usize) {
        let mut moved = 0;
        while moved < n {
            match self.next(r) {
                Some(x) => {
                    r = x;
                    moved += 1;
                }
                None => break,
            }
        }
        (r, moved)
    }

    /// Moves `n` rows up (saturating at the top).
    pub fn step_up(&self, mut r: RowId, n: usize) -> (RowId, usize) {
        let mut moved = 0;
        while moved < n {
            match self.prev(r) {
                Some(x) => {
                    r = x;
                    moved += 1;
                }
                None => break,
            }
        }
        (r, moved)
    }

    /// A text offset that identifies a row across widths: the start of its line, or the start
    /// of its block for a gap.
    pub fn row_offset(&self, r: RowId) -> usize {
        match self.content(r) {
            Some(RowContent::Line(l)) => l.span.start,
            _ => self.article.blocks.get(r.block).map_or(0, |b| b.span.start),
        }
    }
}

/// How a block is indented at a width: block-quote bars, then the list indent (with the marker
/// at its end on a list item's first line), then the code indent. Deep nesting is flattened so
/// that at least half of the width is left for text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Indent {
    /// Number of "│ " bars drawn for block quotes.
    pub quote_bars: usize,
    /// Columns of list indent, including the marker's width for list items.
    pub list: usize,
    /// Columns of code indent.
    pub code: usize,
}

impl Indent {
    pub fn of(block: &Block, width: u16) -> Indent {
        let budget = usize::from(width) / 2;
        let marker = match block.kind {
            BlockKind::ListItem { marker } => marker_width(marker),
            _ => 0,
        };
        let code = if block.kind == BlockKind::Code { 2 } else { 0 };
        let levels = usize::from(if marker > 0 { block.list_depth.saturating_sub(1) } else { block.list_depth });
        let mut list_extra = 2 * levels;
        let mut quote_bars = usize::from(block.quote_depth);
        while 2 * quote_bars + list_extra + marker + code > budget && (list_extra > 0 || quote_bars > 0) {
            if list_extra > 0 {
                list_extra -= 2;
            } else {
                quote_bars -= 1;
            }
        }
        Indent { quote_bars, list: list_extra + marker, code }
    }

    pub fn total(&self) -> usize {
        2 * self.quote_bars + self.list + self.code
    }
}

fn marker_width(m: ListMarker) -> usize {
    match m {
        ListMarker::Bullet => 2,
        ListMarker::Number(n) => n.to_string().len() + 2,
    }
}

/// The text drawn before the first line of a list item ("• ", "12. ").
pub fn marker_text(m: ListMarker) -> String {
    match m {
        ListMarker::Bullet => "• ".to_owned(),
        ListMarker::Number(n) => format!("{n}. "),
    }
}

/// Display width of a string as the terminal library measures it.
pub fn display_width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Wraps one line of `block` starting at `from`. Returns the line's span and where the next
/// line starts (`None` when the block is done). Code blocks keep their spaces and break only
/// at line breaks and the edge.
///
/// ```
/// use quoth::layout::wrap_line;
/// use quoth::span::Span;
/// let text = "one two three";
/// let block = Span::new(0, text.len());
/// assert_eq!(wrap_line(text, block, 0, 8, false), (Span::new(0, 7), Some(8)));
/// assert_eq!(wrap_line(text, block, 8, 8, false), (Span::new(8, 13), None));
/// ```
pub fn wrap_line(text: &str, block: Span, from: usize, width: usize, code: bool) -> (Span, Option<usize>) {
    let width = width.max(1);
    let mut start = from.clamp(block.start, block.end);
    if !code {
        start = skip_spaces(text, start, block.end);
    }
    let s = Span::new(start, block.end).slice(text);
    if s.is_empty() {
        return (Span::empty(start), None);
    }
    let next_line = |rel: usize| {
        let abs = if code { start + rel } else { skip_spaces(text, start + rel, block.end) };
        (abs < block.end).then_some(abs)
    };
    let mut used = 0usize;
    // The best break so far, relative to `start`: (end of this line, start of the next).
    let mut brk: Option<(usize, usize)> = None;
    let mut prev_wide = false;
    let mut prev_dash = false;
    for (i, g) in s.grapheme_indices(true) {
        if g == "\n" {
            let next = start + i + 1;
            return (Span::new(start, start + i), (next <= block.end).then_some(next));
        }
        if i > 0 && (prev_wide || prev_dash) {
            brk = Some((i, i));
        }
        if g == " " && !code {
            if used + 1 > width {
                return (Span::new(start, start + trim_spaces_end(s, i)), next_line(i));
            }
            brk = Some((i, i));
            used += 1;
            prev_wide = false;
            prev_dash = false;
            continue;
        }
        let w = grapheme_width(g);
        if w >= 2 && i > 0 {
            brk = Some((i, i));
        }
        if used + w > width && i > 0 {
            let (end, next) = match brk {
                Some((e, n)) if trim_spaces_end(s, e) > 0 => (e, n),
                _ => (i, i),
            };
            let end = if code { end } else { trim_spaces_end(s, end) };
            return (Span::new(start, start + end), next_line(next));
        }
        used += w;
        prev_wide = w >= 2;
        prev_dash = matches!(g, "-" | "\u{2013}" | "\u{2014}" | "/");
    }
    (Span::new(start, block.end), None)
}

/// Display width of one grapheme cluster.
pub fn grapheme_width(g: &str) -> usize {
    if g.len() == 1 { 1 } else { g.width() }
}

fn trim_spaces_end(s: &str, end: usize) -> usize {
    s.get(..end).map_or(end, |p| p.trim_end_matches(' ').len())
}

fn skip_spaces(text: &str, mut at: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    while at < end && bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        let block = Span::new(0, text.len());
        let mut out = Vec::new();
        let mut from = Some(0);
        while let Some(f) = from {
            let (l, next) = wrap_line(text, block, f, width, false);
            out.push(l.slice(text));
            from = next;
            assert!(out.len() < 10_000);
        }
        out
    }

    #[track_caller]
    fn check(text: &str, width: usize, want: &[&str]) {
        assert_eq!(lines(text, width), want, "wrap {text:?} at {width}");
    }

    #[test]
    fn wrap_cases() {
        check("one two three", 8, &["one two", "three"]);
        check("one two three", 7, &["one two", "three"]);
        check("one two three", 13, &["one two three"]);
        check("abcdefghij", 4, &["abcd", "efgh", "ij"]);
        check("a  b", 1, &["a", "b"]);
        check("well-known fact", 7, &["well-", "known", "fact"]);
        check("日本語の文章です", 6, &["日本語", "の文章", "です"]);
        check("ab 日本", 4, &["ab", "日本"]);
        check("x 👩\u{200D}🔬 y", 3, &["x", "👩\u{200D}🔬", "y"]);
        check("", 5, &[""]);
    }

    #[test]
    fn combining_marks_stay_with_their_base() {
        let zalgo = "e\u{301}\u{302}\u{303}e\u{301}e\u{301}";
        let ls = lines(zalgo, 2);
        assert_eq!(ls, ["e\u{301}\u{302}\u{303}e\u{301}", "e\u{301}"]);
    }

    #[test]
    fn rows_walk_the_article() {
        let a =
            Arc::new(Article::from_str_format("Title here\n\nOne two three four.\n\nFive.", Format::Plain).unwrap());
        let l = Layout::new(a.clone(), 10);
        let mut r = Layout::block_first_row(0);
        let mut seen = Vec::new();
        loop {
            seen.push(match l.content(r) {
                Some(RowContent::Gap) => String::new(),
                Some(RowContent::Line(v)) => v.span.slice(&a.text).to_owned(),
                None => "?".to_owned(),
            });
            match l.next(r) {
                Some(n) => r = n,
                None => break,
            }
        }
        assert_eq!(seen, ["Title here", "", "One two", "three", "four.", "", "Five."]);
        // And back up again.
        let mut back = Vec::new();
        loop {
            back.push(r);
            match l.prev(r) {
                Some(p) => r = p,
                None => break,
            }
        }
        assert_eq!(back.len(), seen.len());
        let off = a.text.find("three").unwrap();
        assert_eq!(l.row_of(off), RowId { block: 1, row: 2 });
        // The space skipped at the break belongs to the line before it.
        assert_eq!(l.row_of(off - 1), RowId { block: 1, row: 1 });
    }

    proptest::proptest! {
        #[test]
        fn lines_fit_and_tile(s in "[a-z \u{4e00}-\u{4e10}\u{301}é-]{0,200}", w in 1usize..30) {
            let block = Span::new(0, s.len());
            let mut from = Some(0);
            let mut last_end = 0;
            let mut n = 0;
            while let Some(f) = from {
                let (l, next) = wrap_line(&s, block, f, w, false);
                proptest::prop_assert!(s.is_char_boundary(l.start) && s.is_char_boundary(l.end));
                proptest::prop_assert!(l.start >= last_end);
                let lw = display_width(l.slice(&s));
                // A single grapheme wider than the line is allowed to overflow on its own.
                let single = l.slice(&s).graphemes(true).count() <= 1;
                proptest::prop_assert!(lw <= w || single, "line {:?} width {} > {}", l.slice(&s), lw, w);
                // Whatever was skipped between lines is spaces only.
                proptest::prop_assert!(Span::new(last_end, l.start).slice(&s).chars().all(|c| c == ' '));
                last_end = l.end;
                if let Some(nx) = next { proptest::prop_assert!(nx > f); }
                from = next;
                n += 1;
                proptest::prop_assert!(n <= s.len() + 1);
            }
            proptest::prop_assert!(Span::new(last_end, s.len()).slice(&s).chars().all(|c| c == ' '));
        }
    }
}
