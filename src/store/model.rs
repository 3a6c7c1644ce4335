//! What the store keeps: bookmarks (a passage with its excerpt and context, to find it again
//! in an edited article), reading positions, and where a bookmark lies in an article now.

use super::{CONTEXT_BYTES, EXCERPT_HEAD, EXCERPT_MAX, EXCERPT_TAIL, POSITION_EXCERPT, ceil_boundary, floor_boundary};
use crate::article::sanitize::clean_line;
use crate::article::{Article, Fingerprint};
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A bookmark's id: short, unique even when two processes add at the same moment.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BookmarkId(pub String);

impl std::fmt::Display for BookmarkId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A bookmarked passage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub id: BookmarkId,
    pub fingerprint: Fingerprint,
    /// Where the article was when bookmarked (`builtin:NAME` for samples). A hint only: a moved
    /// article is found by its fingerprint.
    pub path: PathBuf,
    pub title: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub span: Span,
    /// The passage's text (its beginning when the passage is longer than [`EXCERPT_MAX`]).
    pub excerpt: String,
    /// The passage's last bytes when `excerpt` holds only its beginning; empty otherwise.
    pub excerpt_end: String,
    /// Text just before the passage, to choose between repeated passages.
    pub context_before: String,
    /// Text just after the passage.
    pub context_after: String,
    pub note: Option<String>,
    /// Unix seconds; 0 means "stamp it when saving".
    pub created: u64,
}

impl Bookmark {
    /// A bookmark of `span` in `article`, with its excerpt and context taken from the text. The
    /// span is clamped to the text, moved onto char boundaries and trimmed of whitespace. `path`
    /// should come from [`article_path`](super::article_path) so the command line can find the file from anywhere.
    ///
    /// ```
    /// use quoth::article::{Article, Format};
    /// use quoth::span::Span;
    /// use quoth::store::{Bookmark, BookmarkId};
    /// let a = Article::from_str_format("Title\n\nOne two three.", Format::Plain).unwrap();
    /// let b = Bookmark::new(BookmarkId("x".into()), &a, "a.txt".as_ref(), Span::new(6, 22));
    /// assert_eq!(b.span, Span::new(7, 21));
    /// assert_eq!(b.excerpt, "One two three.");
    /// assert_eq!(b.context_before, "Title\n\n");
    /// ```
    pub fn new(id: BookmarkId, article: &Article, path: &Path, span: Span) -> Bookmark {
        let text = article.text.as_str();
        let span = span.clamp_to(text).trim(text);
        let (excerpt, excerpt_end) = excerpt_of(text, span);
        let before = Span::new(ceil_boundary(text, span.start.saturating_sub(CONTEXT_BYTES)), span.start);
        let after = Span::new(span.end, floor_boundary(text, span.end.saturating_add(CONTEXT_BYTES)));
        Bookmark {
            id,
            fingerprint: article.fingerprint(),
            path: path.to_path_buf(),
            title: clean_line(&article.meta.title),
            source: article.meta.source.as_deref().map(clean_line),
            url: article.meta.url.as_deref().map(clean_line),
            span,
            excerpt,
            excerpt_end,
            context_before: before.slice(text).to_owned(),
            context_after: after.slice(text).to_owned(),
            note: None,
            created: 0,
        }
    }

    /// The same bookmark with a note (an empty or blank note is none).
    #[must_use]
    pub fn with_note(mut self, note: Option<String>) -> Bookmark {
        self.note = note.filter(|n| !n.trim().is_empty());
        self
    }

    /// True when `excerpt` holds only the beginning of the passage.
    pub fn is_truncated(&self) -> bool {
        !self.excerpt_end.is_empty()
    }

    /// True when this bookmark belongs to `article` opened from `path`: the same text, or the
    /// same file (whose text may have been edited since).
    pub fn is_in(&self, article: &Article, path: &Path) -> bool {
        self.fingerprint == article.fingerprint() || self.path == path
    }
}

/// The bookmarks in `list` that belong to `article` opened from `path` ([`Bookmark::is_in`]),
/// found with a byte test on the file name first, so that a list of 100,000 costs a millisecond.
pub fn bookmarks_in<'a>(list: &'a [Bookmark], article: &Article, path: &Path) -> Vec<&'a Bookmark> {
    let name = path.file_name().map_or(&[][..], std::ffi::OsStr::as_encoded_bytes);
    list.iter()
        .filter(|b| {
            b.fingerprint == article.fingerprint()
            || (b.path.as_os_str().as_encoded_bytes().ends_with(name) && b.path == path)
            // A path whose last component is not its file name ("a/b/.") takes the slow test.
            || (!path.as_os_str().as_encoded_bytes().ends_with(name) && b.path == path)
        })
        .collect()
}

/// The excerpt kept for a passage: all of it, or its head and tail when it is long.
fn excerpt_of(text: &str, span: Span) -> (String, String) {
    let passage = span.slice(text);
    if passage.len() <= EXCERPT_MAX {
        return (passage.to_owned(), String::new());
    }
    let head = floor_boundary(passage, EXCERPT_HEAD);
    let tail = ceil_boundary(passage, passage.len() - EXCERPT_TAIL);
    (passage.get(..head).unwrap_or_default().to_owned(), passage.get(tail..).unwrap_or_default().to_owned())
}

/// Where a reader was in an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub fingerprint: Fingerprint,
    pub path: PathBuf,
    pub offset: usize,
    /// Length of the article text, for progress.
    pub text_len: usize,
    /// A few words at `offset`, to re-anchor in an edited article.
    pub excerpt: String,
    /// Unix seconds; 0 means "stamp it when saving".
    pub updated: u64,
    /// How far through the story the reader's status line said the reader was (0–100), and
    /// how many words it counted left, when this was saved: the library shows these same
    /// figures. `None` in a position saved before quoth kept them.
    pub percent: Option<u8>,
    pub words_left: Option<u32>,
}

impl Position {
    /// The position `offset` in `article` (moved back onto a char boundary), with its excerpt.
    ///
    /// ```
    /// use quoth::article::{Article, Format};
    /// use quoth::store::Position;
    /// let a = Article::from_str_format("Title\n\nOne two three.", Format::Plain).unwrap();
    /// let p = Position::new(&a, "a.txt".as_ref(), 11);
    /// assert_eq!((p.offset, p.excerpt.as_str()), (11, "two three."));
    /// ```
    pub fn new(article: &Article, path: &Path, offset: usize) -> Position {
        let text = article.text.as_str();
        let offset = floor_boundary(text, offset.min(text.len()));
        let end = floor_boundary(text, offset.saturating_add(POSITION_EXCERPT));
        Position {
            fingerprint: article.fingerprint(),
            path: path.to_path_buf(),
            offset,
            text_len: text.len(),
            excerpt: Span::new(offset, end).slice(text).to_owned(),
            updated: 0,
            percent: None,
            words_left: None,
        }
    }

    /// Reading progress, 0.0–1.0.
    pub fn progress(&self) -> f64 {
        if self.text_len == 0 { 0.0 } else { (self.offset as f64 / self.text_len as f64).clamp(0.0, 1.0) }
    }

    /// True when the stored position says the same as `other` (timestamps aside).
    pub(super) fn same_place(&self, other: &Position) -> bool {
        self.fingerprint == other.fingerprint
            && self.path == other.path
            && self.offset == other.offset
            && self.text_len == other.text_len
            && self.excerpt == other.excerpt
            && self.percent == other.percent
            && self.words_left == other.words_left
    }
}

/// Where a bookmark lies in an article now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Same text: the stored span.
    Exact(Span),
    /// The text changed; the excerpt was found again here.
    Reanchored(Span),
    /// The excerpt could not be found.
    Lost,
}

impl Anchor {
    /// The span, unless lost.
    pub fn span(self) -> Option<Span> {
        match self {
            Anchor::Exact(s) | Anchor::Reanchored(s) => Some(s),
            Anchor::Lost => None,
        }
    }
}
