//! Byte spans into an article's one text string.
//!
//! Every position in quoth — paragraphs, quotes, speakers' mentions, search hits, bookmarks and
//! the reading position — is a [`Span`] of byte offsets into `Article::text`. Screen lines are
//! derived from a width and never stored. Slicing goes through [`Span::slice`], which never
//! panics: an offset that is out of bounds or inside a UTF-8 sequence yields an empty string.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into an article's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; the two are swapped when given in the wrong order.
    ///
    /// ```
    /// use quoth::span::Span;
    /// assert_eq!(Span::new(7, 3), Span { start: 3, end: 7 });
    /// ```
    #[inline]
    pub const fn new(start: usize, end: usize) -> Self {
        if end < start { Span { start: end, end: start } } else { Span { start, end } }
    }

    /// An empty span at `at`.
    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }

    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// True when `offset` lies inside the span (`start <= offset < end`).
    pub const fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// True when `other` lies entirely inside this span.
    pub const fn contains_span(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    ///
    /// ```
    /// use quoth::span::Span;
    /// assert!(Span::new(0, 5).overlaps(Span::new(4, 9)));
    /// assert!(!Span::new(0, 5).overlaps(Span::new(5, 9)));
    /// ```
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The bytes both spans share, if any.
    pub fn intersect(self, other: Span) -> Option<Span> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start < end).then_some(Span { start, end })
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// The span moved right by `by` bytes (saturating).
    #[must_use]
    pub const fn shift(self, by: usize) -> Span {
        Span { start: self.start.saturating_add(by), end: self.end.saturating_add(by) }
    }

    /// The text of the span, or `""` when the span does not lie on char boundaries of `text`.
    ///
    /// ```
    /// use quoth::span::Span;
    /// let text = "“Yes,” she said.";
    /// assert_eq!(Span::new(3, 7).slice(text), "Yes,");
    /// assert_eq!(Span::new(1, 7).slice(text), ""); // inside the “ mark
    /// ```
    #[inline]
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// The span shrunk to lie inside `text` and on char boundaries (start rounds down, end up).
    #[must_use]
    pub fn clamp_to(self, text: &str) -> Span {
        let end = text.ceil_char_boundary(self.end.min(text.len()));
        let start = text.floor_char_boundary(self.start.min(end));
        Span { start, end }
    }

    /// The span with leading and trailing whitespace of `text` removed.
    ///
    /// ```
    /// use quoth::span::Span;
    /// assert_eq!(Span::new(0, 8).trim("  abc   "), Span::new(2, 5));
    /// ```
    #[must_use]
    pub fn trim(self, text: &str) -> Span {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead == s.len() {
            return Span::empty(self.start);
        }
        Span { start: self.start + lead, end: self.end - trail }
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// Index of the first span in `spans` (sorted by start, not overlapping) whose end is after
/// `offset`: the span containing `offset`, or the next one after it. `spans.len()` if none.
pub fn first_ending_after<T>(spans: &[T], offset: usize, span_of: impl Fn(&T) -> Span) -> usize {
    spans.partition_point(|s| span_of(s).end <= offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_clamp(text: &str, span: Span, want: Span) {
        assert_eq!(span.clamp_to(text), want, "clamp {span:?} in {text:?}");
    }

    #[test]
    fn clamp_cases() {
        check_clamp("abc", Span::new(1, 10), Span::new(1, 3));
        check_clamp("é", Span::new(1, 1), Span::new(0, 2));
        check_clamp("aé", Span::new(2, 2), Span::new(1, 3));
        check_clamp("", Span::new(4, 9), Span::new(0, 0));
    }

    #[test]
    fn intersect_and_cover() {
        let a = Span::new(2, 6);
        let b = Span::new(4, 10);
        assert_eq!(a.intersect(b), Some(Span::new(4, 6)));
        assert_eq!(a.intersect(Span::new(6, 7)), None);
        assert_eq!(a.cover(b), Span::new(2, 10));
    }

    #[test]
    fn first_ending_after_finds_containing_or_next() {
        let spans = [Span::new(0, 3), Span::new(5, 8), Span::new(10, 12)];
        let f = |o| first_ending_after(&spans, o, |s| *s);
        assert_eq!(f(0), 0);
        assert_eq!(f(3), 1);
        assert_eq!(f(6), 1);
        assert_eq!(f(9), 2);
        assert_eq!(f(12), 3);
    }
}
