//! What goes into [`App::update`](super::App::update) ([`Msg`]) and what comes out of it
//! ([`Effect`]): the app's whole interface with the terminal loop and the session.

use super::action::Action;
use super::keymap::Key;
use crate::article::{Article, Fingerprint};
use crate::extract::Extraction;
use crate::library::{Entry, LoadError, Origin};
use crate::span::Span;
use crate::store::{Bookmark, BookmarkId, Position};
use std::sync::Arc;

/// Mouse input, in terminal cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mouse {
    ScrollUp { col: u16, row: u16 },
    ScrollDown { col: u16, row: u16 },
    Click { col: u16, row: u16 },
}

/// Input to [`App::update`](super::App::update).
#[derive(Debug)]
pub enum Msg {
    Key(Key),
    /// An action directly (tests, and keys already looked up).
    Action(Action),
    Resize {
        width: u16,
        height: u16,
    },
    Mouse(Mouse),
    /// Sent every few seconds: saves the reading position when it changed.
    Tick,
    /// The article of a library entry was read (or failed).
    Loaded {
        /// Whether this is the whole article, a preview of a large one, or the rest of it.
        stage: LoadStage,
        entry: usize,
        result: Result<Arc<Article>, LoadError>,
        then: Option<Span>,
    },
    /// A background extraction finished.
    Extracted {
        fingerprint: Fingerprint,
        extraction: Arc<Extraction>,
    },
    /// Library entries found by a scan (appended).
    LibraryEntries(Vec<Entry>),
    /// Scan progress: files examined so far, the total when known, and how many of them
    /// were skipped as not articles.
    ScanProgress {
        done: usize,
        total: Option<usize>,
        skipped: usize,
    },
    /// The store's current bookmarks and positions (after a load or a write).
    Store {
        bookmarks: BookmarkUpdate,
        positions: Vec<Position>,
        read_only: Option<String>,
    },
    /// What became of each bookmark's passage (checked in the background).
    BookmarkStatus(Vec<(BookmarkId, BookmarkCheck)>),
    /// The stories that match a library search (or why it could not run).
    LibrarySearch {
        query: String,
        result: Result<super::FoundPage, String>,
    },
    /// The library's speakers.
    Speakers(Result<Vec<crate::index::query::SpeakerEntry>, String>),
    /// One speaker's quotes across the library.
    SpeakerQuotes {
        name: String,
        result: Result<Vec<crate::index::query::QuoteRow>, String>,
    },
    /// A problem reported by an effect.
    Error(String),
    Info(String),
}

/// What a check of a bookmark found: how its passage stands, and where its article is when it
/// moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookmarkCheck {
    pub status: crate::store::export::Status,
    pub moved_to: Option<std::path::PathBuf>,
}

/// How the store's bookmarks changed, for the app's copy of them: a few changes are applied
/// to it, so that a change costs the app the same at ten bookmarks or a hundred thousand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookmarkUpdate {
    Unchanged,
    Changes(Vec<crate::store::journal::Op>),
    All(Vec<Bookmark>),
}

/// How much of an article a `Msg::Loaded` carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadStage {
    /// The whole article.
    Whole,
    /// The beginning of a large article; the whole one follows as `Rest`.
    Preview,
    /// The whole article after a preview (ignored if the reader moved on).
    Rest,
}

/// Work for the terminal loop.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Quit,
    /// Clear and redraw the whole screen.
    Redraw,
    /// Read the article of an entry; reply with `Msg::Loaded` (with `then` passed through).
    Load {
        entry: usize,
        origin: Origin,
        then: Option<Span>,
    },
    /// Extract quotes on a worker; reply with `Msg::Extracted`.
    Extract(Arc<Article>),
    AddBookmark(Bookmark),
    RemoveBookmark(BookmarkId),
    SetNote {
        id: BookmarkId,
        note: Option<String>,
    },
    SavePosition(Position),
    /// Check where each bookmark's passage is now; reply with `Msg::BookmarkStatus`. The
    /// candidates are the library's files, to find moved articles.
    CheckBookmarks {
        bookmarks: Vec<Bookmark>,
        candidates: Vec<crate::store::locate::Candidate>,
    },
    /// Search the whole library's text; reply with `Msg::LibrarySearch`.
    SearchLibrary {
        query: String,
        /// How many of the best stories are listed already: the page starts after them.
        offset: usize,
    },
    /// List the library's speakers; reply with `Msg::Speakers`.
    ListSpeakers,
    /// List one speaker's quotes across the library; reply with `Msg::SpeakerQuotes`.
    SpeakerQuotes(String),
}
