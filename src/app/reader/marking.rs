//! The reader's search hits, bookmarks and passage selection: the parts of the reader that
//! mark spans of the text rather than move the view.

use super::{Mark, Reader, SearchState, Selection};
use crate::app::search;
use crate::article::BlockKind;
use crate::span::{Span, first_ending_after};
use crate::text::sentence_ends;

impl Reader {
    // ----- search -----

    /// Runs a search and moves to the first hit at or after `from`.
    pub fn search(&mut self, query: &str, from: usize) -> usize {
        query.clone_into(&mut self.search.query);
        self.search.hits = search::find_all(&self.article.text, query);
        self.search.current = None;
        if self.search.hits.is_empty() {
            return 0;
        }
        let i = first_ending_after(&self.search.hits, from, |s| *s);
        let i = if i >= self.search.hits.len() { 0 } else { i };
        self.goto_hit(i);
        self.search.hits.len()
    }

    fn goto_hit(&mut self, i: usize) {
        let Some(&hit) = self.search.hits.get(i) else {
            return;
        };
        self.search.current = Some(i);
        if let Some(b) = self.article.block_at(hit.start) {
            self.set_cursor(b);
        }
        self.reveal(hit.start);
    }

    /// Next / previous hit; returns true when the search wrapped around.
    pub fn step_hit(&mut self, forward: bool) -> Option<bool> {
        let n = self.search.hits.len();
        if n == 0 {
            return None;
        }
        let (i, wrapped) = match (self.search.current, forward) {
            (None, _) => {
                let at = self.position_offset();
                let i = first_ending_after(&self.search.hits, at, |s| *s);
                if forward {
                    if i >= n { (0, true) } else { (i, false) }
                } else if i == 0 {
                    (n - 1, true)
                } else {
                    (i - 1, false)
                }
            }
            (Some(c), true) => {
                if c + 1 >= n {
                    (0, true)
                } else {
                    (c + 1, false)
                }
            }
            (Some(c), false) => {
                if c == 0 {
                    (n - 1, true)
                } else {
                    (c - 1, false)
                }
            }
        };
        self.goto_hit(i);
        Some(wrapped)
    }

    pub fn clear_search(&mut self) {
        self.search = SearchState::default();
    }

    // ----- bookmarks -----

    /// The bookmark covering the cursor paragraph, if any.
    pub fn mark_at_cursor(&self) -> Option<&Mark> {
        let span = self.article.blocks.get(self.cursor)?.span;
        self.marks.iter().find(|m| m.span.overlaps(span) || (m.span.is_empty() && span.contains(m.span.start)))
    }

    /// Moves to the next / previous bookmark; false when there is none that way.
    pub fn jump_mark(&mut self, forward: bool) -> bool {
        let at = self.article.blocks.get(self.cursor).map_or(0, |b| b.span.start);
        let cursor_span = self.article.blocks.get(self.cursor).map_or(Span::empty(0), |b| b.span);
        let target = if forward {
            self.marks.iter().find(|m| m.span.start > at && !cursor_span.contains(m.span.start)).map(|m| m.span)
        } else {
            self.marks.iter().rev().find(|m| m.span.start < at).map(|m| m.span)
        };
        match target {
            Some(span) => {
                if let Some(b) = self.article.block_at(span.start) {
                    self.set_cursor(b);
                }
                self.reveal_span(span);
                true
            }
            None => false,
        }
    }

    // ----- selection -----

    /// Starts selecting at the first sentence of the cursor paragraph.
    pub fn start_selection(&mut self) {
        let Some(block) = self.article.blocks.get(self.cursor) else {
            return;
        };
        let sentences = sentence_ends(&self.article.text, block.span);
        let end = sentences.first().copied().unwrap_or(block.span.end);
        self.selection = Some(Selection { anchor_block: self.cursor, span: Span::new(block.span.start, end) });
    }

    /// Grows or shrinks the selection by a sentence or a paragraph.
    pub fn adjust_selection(&mut self, grow: bool, paragraph: bool) {
        let Some(sel) = self.selection else { return };
        let text = &self.article.text;
        let mut ends: Vec<usize> = Vec::new();
        // Candidate end points: sentence ends (or paragraph ends) from the anchor onwards.
        for (i, b) in self.article.blocks.iter().enumerate().skip(sel.anchor_block) {
            if !self.article.is_navigable(i) || matches!(b.kind, BlockKind::Rule) {
                continue;
            }
            if paragraph {
                ends.push(b.span.end);
            } else {
                ends.extend(sentence_ends(text, b.span));
            }
            if b.span.start > sel.span.end && ends.iter().filter(|&&e| e > sel.span.end).count() > 1 {
                break;
            }
        }
        ends.sort_unstable();
        ends.dedup();
        let new_end = if grow {
            ends.iter().copied().find(|&e| e > sel.span.end)
        } else {
            ends.iter().copied().rev().find(|&e| e < sel.span.end && e > sel.span.start)
        };
        if let Some(e) = new_end {
            let span = Span::new(sel.span.start, e);
            self.selection = Some(Selection { span, ..sel });
            if let Some(b) = self.article.block_at(e.saturating_sub(1)) {
                self.cursor = b;
            }
            self.reveal(e.saturating_sub(1));
        }
    }
}
