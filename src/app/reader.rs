//! The reader's state for one open article and its navigation: scrolling, the paragraph
//! cursor, quote jumps, search hits, bookmarks and passage selection.
//!
//! Positions are byte offsets into the article text (the viewport keeps the row it starts at,
//! which is re-derived from a text offset whenever the width changes), so resizing keeps the
//! same text in view and nothing here depends on how the text happens to wrap.

mod marking;

use super::pane::{JumpScope, QuoteFilter, QuoteView};
use crate::article::Article;
use crate::extract::{Extraction, QuoteId, SpeakerId};
use crate::layout::{Layout, RowContent, RowId};
use crate::span::Span;
use crate::store::BookmarkId;
use std::sync::Arc;

/// Which part of the reader keys go to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Text,
    Pane,
}

/// The pane's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaneState {
    /// The user wants the pane shown beside the text (wide terminals).
    pub visible: bool,
    pub selected: Option<QuoteId>,
    /// First pane row shown.
    pub scroll: usize,
}

/// Search state of the open article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<Span>,
    pub current: Option<usize>,
}

/// A bookmark as placed in this article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub id: BookmarkId,
    pub span: Span,
    pub has_note: bool,
}

/// A passage being selected for a bookmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// The block the selection started in.
    pub anchor_block: usize,
    pub span: Span,
}

/// One open article.
#[derive(Debug)]
pub struct Reader {
    /// Index of the library entry.
    pub entry: usize,
    pub article: Arc<Article>,
    /// `None` while extraction runs on a worker.
    pub extraction: Option<Arc<Extraction>>,
    pub layout: Layout,
    /// The first row on screen.
    pub top: RowId,
    /// Block index of the paragraph cursor.
    pub cursor: usize,
    pub focus: Focus,
    pub pane: PaneState,
    /// The pane rows, styled spans and jump tables of the extraction under the pane's filter
    /// (empty until the extraction is in). Changed only through [`Reader::set_filter`].
    quotes: QuoteView,
    /// Bookmarked spans merged into sorted, disjoint spans (for styling and the gutter).
    pub mark_spans: Vec<Span>,
    pub search: SearchState,
    pub marks: Vec<Mark>,
    pub selection: Option<Selection>,
    /// Words before each block (for minutes left).
    word_prefix: Vec<u32>,
    total_words: u32,
    /// Navigable blocks before each block (for "paragraph N/M").
    para_prefix: Vec<u32>,
    /// The offset last saved as the reading position.
    pub saved_offset: Option<usize>,
    /// Rows on screen (set from the geometry on every resize).
    pub height: usize,
    /// This is a preview of a large article whose whole text is still loading.
    pub loading: bool,
    /// Context rows a jump keeps around its target (`[reader] scroll-off`).
    pub scroll_off: usize,
}

impl Reader {
    pub fn new(
        entry: usize,
        article: Arc<Article>,
        width: u16,
        height: usize,
        pane: PaneState,
        filter: QuoteFilter,
    ) -> Reader {
        let mut word_prefix = Vec::with_capacity(article.blocks.len());
        let mut para_prefix = Vec::with_capacity(article.blocks.len());
        let (mut words, mut paras) = (0u32, 0u32);
        for (i, b) in article.blocks.iter().enumerate() {
            word_prefix.push(words);
            para_prefix.push(paras);
            words = words.saturating_add(
                u32::try_from(b.span.slice(&article.text).split_whitespace().count()).unwrap_or(u32::MAX),
            );
            if article.is_navigable(i) {
                paras = paras.saturating_add(1);
            }
        }
        let layout = Layout::new(article.clone(), width);
        let mut r = Reader {
            entry,
            article,
            extraction: None,
            layout,
            top: Layout::block_first_row(0),
            cursor: 0,
            focus: Focus::Text,
            pane,
            quotes: QuoteView::empty(filter),
            mark_spans: Vec::new(),
            search: SearchState::default(),
            marks: Vec::new(),
            selection: None,
            word_prefix,
            total_words: words,
            para_prefix,
            saved_offset: None,
            height: height.max(1),
            loading: false,
            scroll_off: 3,
        };
        r.para_prefix.push(paras);
        r
    }

    /// Installs the extraction and derives the pane rows and styled spans from it.
    pub fn set_extraction(&mut self, ex: Arc<Extraction>) {
        self.extraction = Some(ex);
        self.rebuild_quotes();
        self.select_quote_at_cursor();
    }

    /// Lists the quotes under another filter (the pane's rows, spans and jumps follow).
    pub fn set_filter(&mut self, filter: QuoteFilter) {
        self.quotes.filter = filter;
        self.rebuild_quotes();
    }

    /// The quotes as shown: pane rows, styled spans, jump tables.
    pub fn quotes(&self) -> &QuoteView {
        &self.quotes
    }

    /// Re-derives the quote view from the extraction and the current filter.
    fn rebuild_quotes(&mut self) {
        let Some(ex) = self.extraction.clone() else {
            return;
        };
        self.quotes = QuoteView::new(&ex, &self.article.text, self.quotes.filter);
        if let Some(sel) = self.pane.selected
            && self.quotes.row_of(sel).is_none()
        {
            self.pane.selected = None;
        }
    }

    /// Merges this article's bookmarks into sorted, disjoint spans.
    pub fn set_marks(&mut self, mut marks: Vec<Mark>) {
        marks.sort_by_key(|m| (m.span.start, m.span.end));
        let mut merged: Vec<Span> = Vec::with_capacity(marks.len());
        for m in &marks {
            match merged.last_mut() {
                Some(last) if m.span.start <= last.end => last.end = last.end.max(m.span.end),
                _ => merged.push(m.span),
            }
        }
        self.marks = marks;
        self.mark_spans = merged;
    }

    pub fn text(&self) -> &str {
        &self.article.text
    }

    // ----- geometry and viewport -----

    /// Changes the layout width, keeping the same text at the top of the screen.
    pub fn set_width(&mut self, width: u16) {
        if width.max(crate::layout::MIN_WIDTH) == self.layout.width() {
            return;
        }
        let offset = self.layout.row_offset(self.top);
        let gap = self.top.row == 0 && self.top.block > 0;
        self.layout = Layout::new(self.article.clone(), width);
        self.top = if gap { RowId { block: self.top.block, row: 0 } } else { self.layout.row_of(offset) };
        self.clamp_top();
        self.keep_cursor_on_screen();
    }

    /// Rows of text on screen.
    pub fn height(&self) -> usize {
        self.height
    }

    /// Brings the selected quote's first part into view (with context), if one is selected.
    pub fn reveal_selected_quote(&mut self) {
        let span = self
            .pane
            .selected
            .and_then(|id| self.extraction.as_deref().and_then(|ex| ex.quote(id)))
            .map(|q| q.segments.first().copied().unwrap_or(q.extent));
        if let Some(span) = span {
            self.reveal_span(span);
        }
    }

    pub fn set_height(&mut self, height: usize) {
        self.height = height.max(1);
        self.clamp_top();
        self.keep_cursor_on_screen();
    }

    /// After a resize: the text at the top stays, unless that would hide the paragraph cursor;
    /// then the view moves to the cursor. The cursor itself never moves on a resize.
    fn keep_cursor_on_screen(&mut self) {
        let rows = self.visible_rows();
        if rows.iter().any(|r| r.block == self.cursor && r.row > 0) {
            return;
        }
        self.top = if self.cursor == 0 { Layout::block_first_row(0) } else { RowId { block: self.cursor, row: 0 } };
        self.clamp_top();
    }

    /// The rows on screen, top to bottom.
    pub fn visible_rows(&self) -> Vec<RowId> {
        let mut rows = Vec::with_capacity(self.height);
        let mut r = Some(self.top);
        while let Some(x) = r {
            if rows.len() >= self.height {
                break;
            }
            rows.push(x);
            r = self.layout.next(x);
        }
        rows
    }

    /// The highest top row that still fills the screen.
    fn max_top(&self) -> RowId {
        let last = self.layout.last_row();
        self.layout.step_up(last, self.height.saturating_sub(1)).0
    }

    fn clamp_top(&mut self) {
        let (_, below) = self.layout.step_down(self.top, self.height.saturating_sub(1));
        if below < self.height.saturating_sub(1) {
            self.top = self.max_top();
        }
    }

    pub fn scroll_down(&mut self, n: usize) {
        self.top = self.layout.step_down(self.top, n).0;
        self.clamp_top();
        self.keep_cursor_visible(true);
    }

    pub fn scroll_up(&mut self, n: usize) {
        self.top = self.layout.step_up(self.top, n).0;
        self.keep_cursor_visible(false);
    }

    pub fn go_top(&mut self) {
        self.top = Layout::block_first_row(0);
        self.set_cursor(self.first_navigable_from(0, true).unwrap_or(0));
    }

    pub fn go_bottom(&mut self) {
        self.top = self.max_top();
        let last = self.article.blocks.len().saturating_sub(1);
        self.set_cursor(self.first_navigable_from(last, false).unwrap_or(last));
    }

    /// True when `row` is on screen.
    fn is_visible(&self, row: RowId) -> bool {
        if row < self.top {
            return false;
        }
        let (bottom, _) = self.layout.step_down(self.top, self.height.saturating_sub(1));
        row <= bottom
    }

    /// The context lines a jump keeps around its target: [`Reader::scroll_off`], but at most a
    /// third of the screen so that a target always fits between them.
    fn context_rows(&self) -> usize {
        self.scroll_off.min(self.height.saturating_sub(1) / 3)
    }

    /// True when `row` is on screen with the context rows above and below it (fewer at the very
    /// top and bottom of the article, where there is nothing more to show).
    fn is_visible_with_context(&self, row: RowId) -> bool {
        if !self.is_visible(row) {
            return false;
        }
        let so = self.context_rows();
        let (above, up) = self.layout.step_up(row, so);
        let (below, down) = self.layout.step_down(row, so);
        // Where the article ends before `so` rows, that end is the context.
        (up < so || self.is_visible(above)) && (down < so || self.is_visible(below))
    }

    /// Scrolls so that `offset` is on screen, a quarter of the way down, unless it already is
    /// (with its context rows).
    pub fn reveal(&mut self, offset: usize) {
        let row = self.layout.row_of(offset);
        if self.is_visible_with_context(row) {
            return;
        }
        self.top = self.layout.step_up(row, (self.height / 4).max(self.context_rows())).0;
        self.clamp_top();
    }

    /// Scrolls so that the whole of `span` is on screen with the context rows above and below
    /// it when it fits, else its start with the context above.
    pub fn reveal_span(&mut self, span: Span) {
        let first = self.layout.row_of(span.start);
        let last = self.layout.row_of(span.end.saturating_sub(1).max(span.start));
        if self.is_visible_with_context(first) && self.is_visible_with_context(last) {
            return;
        }
        self.top = self.layout.step_up(first, self.context_rows()).0;
        self.clamp_top();
    }

    /// Moves the paragraph cursor into view after scrolling: to the first visible paragraph
    /// when scrolling down, the last when scrolling up.
    fn keep_cursor_visible(&mut self, down: bool) {
        let rows = self.visible_rows();
        let cursor_seen = rows.iter().any(|r| r.block == self.cursor && r.row > 0);
        if cursor_seen {
            return;
        }
        let mut candidates = rows.iter().filter(|r| r.row > 0 && self.article.is_navigable(r.block)).map(|r| r.block);
        let pick = if down { candidates.next() } else { candidates.next_back() };
        if let Some(b) = pick {
            self.set_cursor(b);
        }
    }

    // ----- paragraph cursor -----

    fn first_navigable_from(&self, from: usize, forward: bool) -> Option<usize> {
        let n = self.article.blocks.len();
        if forward {
            (from..n).find(|&i| self.article.is_navigable(i))
        } else {
            (0..=from.min(n.saturating_sub(1))).rev().find(|&i| self.article.is_navigable(i))
        }
    }

    /// Moves the cursor to `block` and selects the quote under it.
    pub fn set_cursor(&mut self, block: usize) {
        self.cursor = block.min(self.article.blocks.len().saturating_sub(1));
        self.select_quote_at_cursor();
    }

    /// Selects the first listed quote that starts in the cursor paragraph (or none).
    fn select_quote_at_cursor(&mut self) {
        let Some(ex) = self.extraction.clone() else {
            return;
        };
        let Some(block) = self.article.blocks.get(self.cursor) else {
            return;
        };
        let hit = self.quotes.in_paragraph(&ex, block.span);
        if hit.is_some() || self.focus == Focus::Text {
            self.pane.selected = hit;
        }
        self.scroll_pane_to_selection();
    }

    pub fn next_paragraph(&mut self) -> bool {
        match self.first_navigable_from(self.cursor + 1, true) {
            Some(b) => {
                self.set_cursor(b);
                self.reveal_block(b);
                true
            }
            None => false,
        }
    }

    pub fn prev_paragraph(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        match self.first_navigable_from(self.cursor - 1, false) {
            Some(b) => {
                self.set_cursor(b);
                self.reveal_block(b);
                true
            }
            None => false,
        }
    }

    /// Makes a block visible: unchanged if all of it is on screen, else it starts near the top.
    fn reveal_block(&mut self, b: usize) {
        let Some(block) = self.article.blocks.get(b) else {
            return;
        };
        let first = RowId { block: b, row: 1 };
        let last = RowId { block: b, row: self.layout.line_count(b).max(1) };
        if self.is_visible(first) && self.is_visible(last) {
            return;
        }
        let _ = block;
        self.top = if b == 0 { Layout::block_first_row(0) } else { RowId { block: b, row: 0 } };
        self.clamp_top();
    }

    /// The offset the reading position is saved at: the start of the first text line on screen.
    pub fn position_offset(&self) -> usize {
        let r =
            if self.top.row == 0 && self.top.block > 0 { RowId { block: self.top.block, row: 1 } } else { self.top };
        self.layout.row_offset(r)
    }

    /// Restores a saved position.
    pub fn restore_position(&mut self, offset: usize) {
        let offset = offset.min(self.article.text.len());
        self.top = self.layout.row_of(offset);
        self.clamp_top();
        if let Some(b) = self.article.block_at(offset) {
            self.set_cursor(self.first_navigable_from(b, true).unwrap_or(b));
        }
        self.saved_offset = Some(self.position_offset());
    }

    // ----- status figures -----

    /// "paragraph N of M" for the cursor.
    pub fn paragraph_number(&self) -> (usize, usize) {
        let n = self.para_prefix.get(self.cursor).copied().unwrap_or(0) as usize + 1;
        let m = self.para_prefix.last().copied().unwrap_or(0) as usize;
        (n.min(m.max(1)), m)
    }

    /// How far through the article the bottom of the screen is, 0–100.
    pub fn percent(&self) -> u8 {
        let len = self.article.text.len().max(1);
        let (bottom, _) = self.layout.step_down(self.top, self.height.saturating_sub(1));
        if self.layout.next(bottom).is_none() {
            return 100;
        }
        let end = match self.layout.content(bottom) {
            Some(RowContent::Line(l)) => l.span.end,
            _ => self.layout.row_offset(bottom),
        };
        u8::try_from((end * 100 / len).min(100)).unwrap_or(100)
    }

    /// Minutes of reading left from the top of the screen.
    pub fn minutes_left(&self, wpm: u32) -> u32 {
        minutes_for(self.words_left(), wpm)
    }

    /// Words left from the top of the screen.
    pub fn words_left(&self) -> u32 {
        let before = self.word_prefix.get(self.top.block).copied().unwrap_or(0);
        self.total_words.saturating_sub(before)
    }

    // ----- quotes -----

    /// The offset quote jumps count from: the selected quote, else the cursor paragraph start.
    fn jump_origin(&self) -> (usize, Option<QuoteId>) {
        let ex = self.extraction.as_deref();
        if let (Some(ex), Some(sel)) = (ex, self.pane.selected)
            && let Some(q) = ex.quote(sel)
        {
            return (q.extent.start, Some(sel));
        }
        let at = self.article.blocks.get(self.cursor).map_or(0, |b| b.span.start);
        (at, None)
    }

    /// Selects a quote, moves the cursor to its paragraph and scrolls it into view.
    pub fn select_quote(&mut self, id: QuoteId) {
        let Some(q) = self.extraction.as_deref().and_then(|ex| ex.quote(id)).cloned() else {
            return;
        };
        let start = q.segments.first().map_or(q.extent.start, |s| s.start);
        if let Some(b) = self.article.block_at(start) {
            self.cursor = b;
        }
        self.pane.selected = Some(id);
        let first_seg = q.segments.first().copied().unwrap_or(q.extent);
        self.reveal_span(first_seg);
        self.scroll_pane_to_selection();
    }

    /// Next (`forward`) or previous listed quote, optionally by the same speaker as the
    /// selected one. Returns false when there is none in that direction.
    pub fn jump_quote(&mut self, forward: bool, same_speaker: bool) -> bool {
        let Some(ex) = self.extraction.clone() else {
            return false;
        };
        let (origin, current) = self.jump_origin();
        let speaker = if same_speaker {
            match current.and_then(|c| ex.quote(c)) {
                Some(q) => Some(q.speaker),
                None => return false,
            }
        } else {
            None
        };
        let scope = speaker.map_or(JumpScope::All, JumpScope::Speaker);
        let target = self.quotes.jump(scope, origin, current.is_some(), forward);
        match target {
            Some(id) => {
                self.select_quote(id);
                true
            }
            None => false,
        }
    }

    /// Moves the pane selection by `delta` listed quotes (in pane order).
    pub fn move_pane_selection(&mut self, delta: isize) -> bool {
        match self.quotes.pane_step(self.pane.selected, delta) {
            Some(q) => {
                self.select_quote(q);
                true
            }
            None => false,
        }
    }

    pub fn pane_select_edge(&mut self, last: bool) {
        if let Some(q) = self.quotes.pane_edge(last) {
            self.select_quote(q);
        }
    }

    /// Keeps the selected quote's pane row on screen.
    pub fn scroll_pane_to_selection(&mut self) {
        let Some(row) = self.pane.selected.and_then(|sel| self.quotes.row_of(sel)) else {
            return;
        };
        let h = self.pane_height();
        if row < self.pane.scroll {
            // Show the speaker heading above when it is close.
            self.pane.scroll = row.saturating_sub(1);
        } else if row >= self.pane.scroll + h {
            self.pane.scroll = row + 1 - h;
        }
    }

    /// Height of the pane list (the same as the text height less its title row).
    pub fn pane_height(&self) -> usize {
        self.height.saturating_sub(1).max(1)
    }

    pub fn scroll_pane(&mut self, delta: isize) {
        let max = self.quotes.rows.len().saturating_sub(self.pane_height());
        self.pane.scroll = self.pane.scroll.saturating_add_signed(delta).min(max);
    }

    /// The speaker of the selected quote.
    pub fn selected_speaker(&self) -> Option<SpeakerId> {
        let ex = self.extraction.as_deref()?;
        ex.quote(self.pane.selected?)?.speaker
    }
}

pub use crate::text::sentence_ends;

/// Minutes to read `words` at `wpm` words a minute (rounded up): the status line's and the
/// library's "min left".
pub fn minutes_for(words: u32, wpm: u32) -> u32 {
    words.div_ceil(wpm.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;
    use crate::extract::QuoteKind;

    #[test]
    fn a_mixed_clause_leaves_the_quote_it_holds_its_own_colour() {
        let text = "Headline\n\nIlse Brandt said the council had been “asleep at the wheel” for a decade.\n";
        let Ok(article) = Article::from_str_format(text, Format::Plain) else {
            panic!("the article parses");
        };
        let ex = crate::extract::extract(&article);
        let kinds: Vec<QuoteKind> = ex.quotes.iter().map(|q| q.kind).collect();
        assert_eq!(kinds, [QuoteKind::Mixed, QuoteKind::Partial]);
        let pane = PaneState { visible: true, selected: None, scroll: 0 };
        let filter = QuoteFilter { speaker: None, show_indirect: true };
        let mut r = Reader::new(0, Arc::new(article), 80, 20, pane, filter);
        r.set_extraction(Arc::new(ex));
        let body = r.text();
        let spans: Vec<(&str, u32)> =
            r.quotes().spans.iter().map(|(s, id)| (body.get(s.start..s.end).unwrap_or("?"), id.0)).collect();
        assert_eq!(
            spans,
            [("the council had been ", 0), ("“asleep at the wheel”", 1), (" for a decade", 0)],
            "the quote keeps its span; the clause has the rest"
        );
    }
}
