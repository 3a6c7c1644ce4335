//! Bookmarks and reading positions, kept so that they are never lost.
//!
//! Pipeline position: this sits beside the reader, not in the text pipeline. The app builds a
//! [`Bookmark`] or a [`Position`] from an [`Article`] and a [`Span`] / offset, hands it to the
//! [`Store`], and later finds it again in a (possibly moved or edited) article with [`anchor`] and
//! [`anchor_position`]. `quoth bookmarks …` ([`cli`]) is a thin command line over the same API.
//!
//! On disk (see [`format`] for the schema and [`disk`] for the write protocol) the data directory
//! holds two versioned TOML files:
//!
//! - `bookmarks.toml`: bookmarks, precious and rarely written; the previous version is kept as
//!   `bookmarks.toml.bak`;
//! - `positions.toml`: reading positions, rewritten every few seconds while reading. They live in
//!   their own file so that this frequent rewrite never touches the bookmarks file, and so that a
//!   damaged file of one kind does not stop the other from being saved.
//!
//! Every change is one operation: take an exclusive lock (`store.lock`), re-read the file, apply
//! the operation, write a temp file, fsync, rename it over the old one, fsync the directory,
//! unlock. Nothing is ever written from a stale in-memory copy, so two quoth processes lose
//! nothing and a deletion cannot be undone by another process's older list. A file that cannot be
//! read or parsed, or that a newer quoth wrote, is never overwritten: the store turns read-only for
//! that file and says why in one line.

pub mod cli;
mod disk;
pub mod export;
pub mod format;
mod reanchor;

pub use reanchor::{anchor, anchor_all, anchor_position, resume_offset};

use crate::article::sanitize::clean_line;
use crate::article::{Article, Fingerprint};
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The environment variable that names the data directory (`--data-dir` wins over it).
pub const DATA_DIR_ENV: &str = "QUOTH_DATA_DIR";
/// The bookmarks file in the data directory.
pub const BOOKMARKS_FILE: &str = "bookmarks.toml";
/// The reading-positions file in the data directory.
pub const POSITIONS_FILE: &str = "positions.toml";

/// A passage up to this many bytes is kept whole as the excerpt; a longer one keeps its first
/// [`EXCERPT_HEAD`] and last [`EXCERPT_TAIL`] bytes. Whole paragraphs re-anchor best, and a
/// thousand bookmarks of this size still make a file that parses in milliseconds.
pub const EXCERPT_MAX: usize = 1000;
/// Bytes kept from the start of a passage longer than [`EXCERPT_MAX`].
pub const EXCERPT_HEAD: usize = 600;
/// Bytes kept from the end of a passage longer than [`EXCERPT_MAX`].
pub const EXCERPT_TAIL: usize = 200;
/// Bytes of text kept on each side of a passage, to tell repeated passages apart.
pub const CONTEXT_BYTES: usize = 40;
/// Bytes of text kept at a reading position, to find it again in an edited article.
pub const POSITION_EXCERPT: usize = 64;

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
    /// should come from [`article_path`] so the command line can find the file from anywhere.
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
            fingerprint: article.fingerprint,
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
        self.fingerprint == article.fingerprint || self.path == path
    }
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
            fingerprint: article.fingerprint,
            path: path.to_path_buf(),
            offset,
            text_len: text.len(),
            excerpt: Span::new(offset, end).slice(text).to_owned(),
            updated: 0,
        }
    }

    /// Reading progress, 0.0–1.0.
    pub fn progress(&self) -> f64 {
        if self.text_len == 0 { 0.0 } else { (self.offset as f64 / self.text_len as f64).clamp(0.0, 1.0) }
    }

    /// True when the stored position says the same as `other` (timestamps aside).
    fn same_place(&self, other: &Position) -> bool {
        self.fingerprint == other.fingerprint
            && self.path == other.path
            && self.offset == other.offset
            && self.text_len == other.text_len
            && self.excerpt == other.excerpt
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

/// Why a store operation failed. Every message is one line naming the file concerned.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be read or parsed, or a newer quoth wrote it; it is left untouched.
    #[error("{0}")]
    ReadOnly(String),
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("no bookmark with id {0}")]
    NotFound(String),
    /// Another process held the lock for too long.
    #[error("{path}: still locked by another quoth process after {seconds} s; nothing was saved")]
    Locked { path: String, seconds: u64 },
}

/// The on-disk store, or an in-memory one when there is no data directory.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// False for [`Store::in_memory`].
    persistent: bool,
    bookmarks: Vec<Bookmark>,
    positions: Vec<Position>,
    /// Why bookmarks cannot be saved now (the bookmarks file is unreadable, damaged or newer).
    bookmarks_problem: Option<String>,
    /// Why positions cannot be saved now.
    positions_problem: Option<String>,
    /// What the files looked like when last read, so [`Store::reload`] can skip unchanged ones.
    bookmarks_seen: Option<disk::Stamp>,
    positions_seen: Option<disk::Stamp>,
}

impl Store {
    /// `$QUOTH_DATA_DIR` when set and not empty, else the platform data dir (XDG on Linux:
    /// `~/.local/share/quoth`). `None` when there is no home directory.
    pub fn default_dir() -> Option<PathBuf> {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Some(PathBuf::from(dir));
        }
        directories::ProjectDirs::from("", "", "quoth").map(|d| d.data_dir().to_path_buf())
    }

    /// The data directory to use: `--data-dir` when given, else [`Store::default_dir`].
    pub fn resolve_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
        flag.or_else(Store::default_dir)
    }

    /// Opens the store in `dir`. Never fails: a file that cannot be read or parsed makes the
    /// store read-only, with the reason in [`read_only_reason`](Self::read_only_reason). A
    /// missing directory or file is simply empty; nothing is created until the first change.
    pub fn open(dir: &Path) -> Store {
        let mut store = Store {
            dir: dir.to_path_buf(),
            persistent: true,
            bookmarks: Vec::new(),
            positions: Vec::new(),
            bookmarks_problem: None,
            positions_problem: None,
            bookmarks_seen: None,
            positions_seen: None,
        };
        // Temp files of a writer that was killed mid-write: removed under the lock, which no
        // live writer then holds.
        let stale = [store.bookmarks_path(), store.positions_path()];
        if dir.is_dir() && stale.iter().any(|p| disk::temp_path(p).is_file()) {
            let _ = disk::with_lock(dir, || {
                for p in &stale {
                    disk::remove_stale_temp(p);
                }
                Ok(())
            });
        }
        store.reload();
        if let Err(e) = disk::ensure_dir_ok(dir) {
            let line = clean_line(&e.to_string());
            store.bookmarks_problem = Some(format!("{line}; bookmarks are read-only until it is fixed"));
            store.positions_problem = Some(format!("{line}; reading positions are not saved until it is fixed"));
        }
        store
    }

    /// A store that keeps nothing (no data dir could be found): changes live until quit.
    pub fn in_memory() -> Store {
        Store {
            dir: PathBuf::new(),
            persistent: false,
            bookmarks: Vec::new(),
            positions: Vec::new(),
            bookmarks_problem: None,
            positions_problem: None,
            bookmarks_seen: None,
            positions_seen: None,
        }
    }

    /// The data directory (empty for an in-memory store).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// False for a store made by [`Store::in_memory`]: nothing will survive a quit.
    pub fn is_persistent(&self) -> bool {
        self.persistent
    }

    /// The bookmarks file.
    pub fn bookmarks_path(&self) -> PathBuf {
        self.dir.join(BOOKMARKS_FILE)
    }

    /// The reading-positions file.
    pub fn positions_path(&self) -> PathBuf {
        self.dir.join(POSITIONS_FILE)
    }

    /// Why bookmarks cannot be changed (one line naming the file), or, when bookmarks are fine,
    /// why reading positions cannot be saved. `None` when everything can be saved.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.bookmarks_problem.as_deref().or(self.positions_problem.as_deref())
    }

    /// Why bookmarks cannot be changed, if they cannot.
    pub fn bookmarks_read_only_reason(&self) -> Option<&str> {
        self.bookmarks_problem.as_deref()
    }

    /// Why reading positions cannot be saved, if they cannot.
    pub fn positions_read_only_reason(&self) -> Option<&str> {
        self.positions_problem.as_deref()
    }

    /// All bookmarks, oldest first.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    /// The bookmark with this id.
    pub fn bookmark(&self, id: &BookmarkId) -> Option<&Bookmark> {
        self.bookmarks.iter().find(|b| &b.id == id)
    }

    /// The bookmarks of `article` opened from `path` (same text, or same file since edited),
    /// each with where it lies now, in text order; lost ones last. Anchoring an edited article
    /// searches its text, so call this once per opened article, not once per frame.
    pub fn bookmarks_for(&self, article: &Article, path: &Path) -> Vec<(&Bookmark, Anchor)> {
        let mine: Vec<&Bookmark> = self.bookmarks.iter().filter(|b| b.is_in(article, path)).collect();
        let anchors = anchor_all(mine.iter().copied(), article);
        let mut found: Vec<(&Bookmark, Anchor)> = mine.into_iter().zip(anchors).collect();
        found.sort_by_key(|(b, a)| (a.span().map_or(usize::MAX, |s| s.start), b.created));
        found
    }

    /// The saved position of the article with this fingerprint.
    pub fn position(&self, fingerprint: Fingerprint) -> Option<&Position> {
        self.positions.iter().find(|p| p.fingerprint == fingerprint)
    }

    /// The saved position for `article` opened from `path`: by fingerprint, else (the file was
    /// edited) the newest one saved for the same path. Find the offset with [`resume_offset`].
    pub fn position_for(&self, article: &Article, path: &Path) -> Option<&Position> {
        self.position(article.fingerprint)
            .or_else(|| self.positions.iter().filter(|p| p.path == path).max_by_key(|p| p.updated))
    }

    /// Every saved position (for progress in the library), one per fingerprint.
    pub fn positions(&self) -> &[Position] {
        &self.positions
    }

    /// A fresh unique id for a new bookmark: ten characters, 50 random bits.
    pub fn new_id(&self) -> BookmarkId {
        loop {
            let id = disk::random_id();
            if self.bookmark(&id).is_none() {
                return id;
            }
        }
    }

    /// Re-reads both files (another quoth may have changed them). Files that did not change on
    /// disk are not parsed again. A file that became unreadable or damaged keeps the last good
    /// data on screen and makes that kind read-only. Returns true when anything changed.
    pub fn reload(&mut self) -> bool {
        if !self.persistent {
            return false;
        }
        let before = (self.bookmarks.len(), self.positions.len());
        let mut changed = false;
        let path = self.bookmarks_path();
        let stamp = disk::stamp(&path);
        if stamp.is_none() || stamp != self.bookmarks_seen {
            match load_bookmarks(&path) {
                Ok(list) => {
                    changed |= list != self.bookmarks || self.bookmarks_problem.is_some();
                    self.bookmarks = list;
                    self.bookmarks_problem = None;
                    self.bookmarks_seen = stamp;
                }
                Err(reason) => {
                    changed |= self.bookmarks_problem.as_ref() != Some(&reason);
                    self.bookmarks_problem = Some(reason);
                    self.bookmarks_seen = None;
                }
            }
        }
        let path = self.positions_path();
        let stamp = disk::stamp(&path);
        if stamp.is_none() || stamp != self.positions_seen {
            match load_positions(&path) {
                Ok(list) => {
                    changed |= list != self.positions || self.positions_problem.is_some();
                    self.positions = list;
                    self.positions_problem = None;
                    self.positions_seen = stamp;
                }
                Err(reason) => {
                    changed |= self.positions_problem.as_ref() != Some(&reason);
                    self.positions_problem = Some(reason);
                    self.positions_seen = None;
                }
            }
        }
        changed || before != (self.bookmarks.len(), self.positions.len())
    }

    /// Adds a bookmark, or replaces the one with the same id (this is also how a removal is
    /// undone: add the bookmark [`remove_bookmark`](Self::remove_bookmark) returned). `created`
    /// 0 is stamped with the current time. Returns once the change is on disk.
    pub fn add_bookmark(&mut self, mut b: Bookmark) -> Result<(), StoreError> {
        if b.created == 0 {
            b.created = disk::now();
        }
        self.change_bookmarks(move |list| {
            if let Some(slot) = list.iter_mut().find(|x| x.id == b.id) {
                *slot = b;
            } else {
                list.push(b);
            }
            Ok(())
        })
    }

    /// Removes a bookmark; returns it (for undo). `NotFound` when no bookmark has this id on
    /// disk (another quoth may have removed it).
    pub fn remove_bookmark(&mut self, id: &BookmarkId) -> Result<Bookmark, StoreError> {
        let mut removed = None;
        self.change_bookmarks(|list| {
            let i = list.iter().position(|b| &b.id == id).ok_or_else(|| StoreError::NotFound(id.0.clone()))?;
            removed = Some(list.remove(i));
            Ok(())
        })?;
        removed.ok_or_else(|| StoreError::NotFound(id.0.clone()))
    }

    /// Sets or clears (None, or blank) a bookmark's note.
    pub fn set_note(&mut self, id: &BookmarkId, note: Option<String>) -> Result<(), StoreError> {
        let note = note.filter(|n| !n.trim().is_empty());
        self.change_bookmarks(|list| {
            let b = list.iter_mut().find(|b| &b.id == id).ok_or_else(|| StoreError::NotFound(id.0.clone()))?;
            b.note = note;
            Ok(())
        })
    }

    /// Saves the reading position of an article (one per fingerprint; the newest `updated`
    /// wins, and 0 is stamped with the current time). Nothing is written when the position is
    /// the one already saved, so calling this every few seconds costs nothing while idle.
    pub fn set_position(&mut self, mut pos: Position) -> Result<(), StoreError> {
        if self.position(pos.fingerprint).is_some_and(|p| p.same_place(&pos)) && self.positions_problem.is_none() {
            return Ok(());
        }
        if pos.updated == 0 {
            pos.updated = disk::now();
        }
        if !self.persistent {
            merge_position(&mut self.positions, pos);
            return Ok(());
        }
        let path = self.positions_path();
        let result = disk::with_lock(&self.dir, || {
            let mut list = load_positions(&path).map_err(StoreError::ReadOnly)?;
            merge_position(&mut list, pos);
            let text = format::write_positions(&list);
            disk::write_atomic(&path, text.as_bytes(), disk::Backup::No)?;
            Ok((list, disk::stamp(&path)))
        });
        match result {
            Ok((list, stamp)) => {
                self.positions = list;
                self.positions_problem = None;
                self.positions_seen = stamp;
                Ok(())
            }
            Err(e) => {
                if let StoreError::ReadOnly(reason) = &e {
                    self.positions_problem = Some(reason.clone());
                }
                Err(e)
            }
        }
    }

    /// Lock, re-read the bookmarks file, apply `op`, write atomically, unlock; then show what
    /// was written. `op` sees the list as it is on disk, never the in-memory copy.
    fn change_bookmarks(
        &mut self,
        op: impl FnOnce(&mut Vec<Bookmark>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        if !self.persistent {
            return op(&mut self.bookmarks);
        }
        let path = self.bookmarks_path();
        let result = disk::with_lock(&self.dir, || {
            let mut list = load_bookmarks(&path).map_err(StoreError::ReadOnly)?;
            op(&mut list)?;
            let text = format::write_bookmarks(&list);
            disk::write_atomic(&path, text.as_bytes(), disk::Backup::Yes)?;
            Ok((list, disk::stamp(&path)))
        });
        match result {
            Ok((list, stamp)) => {
                self.bookmarks = list;
                self.bookmarks_problem = None;
                self.bookmarks_seen = stamp;
                Ok(())
            }
            Err(e) => {
                if let StoreError::ReadOnly(reason) = &e {
                    self.bookmarks_problem = Some(reason.clone());
                }
                Err(e)
            }
        }
    }
}

/// Keeps one position per fingerprint, the newest.
fn merge_position(list: &mut Vec<Position>, pos: Position) {
    match list.iter_mut().find(|p| p.fingerprint == pos.fingerprint) {
        Some(old) if old.updated <= pos.updated => *old = pos,
        Some(_) => {}
        None => list.push(pos),
    }
}

/// Reads the bookmarks file: empty when missing, the one-line reason when it cannot be used.
fn load_bookmarks(path: &Path) -> Result<Vec<Bookmark>, String> {
    match disk::read(path) {
        Ok(None) => Ok(Vec::new()),
        Ok(Some(bytes)) => format::parse_bookmarks(&bytes)
            .map_err(|e| read_only_line(path, &e.to_string(), "bookmarks are read-only until it is fixed")),
        Err(e) => Err(read_only_line(path, &disk::io_reason(&e), "bookmarks are read-only until it is fixed")),
    }
}

/// Reads the positions file: empty when missing, the one-line reason when it cannot be used.
fn load_positions(path: &Path) -> Result<Vec<Position>, String> {
    let consequence = "reading positions are not saved until it is fixed";
    match disk::read(path) {
        Ok(None) => Ok(Vec::new()),
        Ok(Some(bytes)) => {
            format::parse_positions(&bytes).map_err(|e| read_only_line(path, &e.to_string(), consequence))
        }
        Err(e) => Err(read_only_line(path, &disk::io_reason(&e), consequence)),
    }
}

/// "PATH: WHAT; CONSEQUENCE", plus where the previous version is when there is a backup.
fn read_only_line(path: &Path, what: &str, consequence: &str) -> String {
    let shown = crate::library::display_path(path);
    let mut line = format!("{shown}: {}; {consequence}", clean_line(what));
    let backup = disk::backup_path(path);
    if backup.is_file() {
        let _ = write!(line, " (the previous version is in {})", crate::library::display_path(&backup));
    }
    line
}

/// The largest char boundary of `s` at or before `i` (`s.len()` when `i` is past the end).
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `s` at or after `i` (`s.len()` when `i` is past the end).
pub(crate) fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The path to record for an article file: absolute and canonical, so that the command line and
/// other working directories find it; `builtin:NAME` and paths that cannot be resolved are kept
/// as given.
pub fn article_path(path: &Path) -> PathBuf {
    if path.to_string_lossy().starts_with("builtin:") {
        return path.to_path_buf();
    }
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::article::Format;

    fn article(text: &str) -> Article {
        Article::from_str_format(text, Format::Plain).unwrap()
    }

    #[track_caller]
    fn check_excerpt(passage_len: usize, head: usize, tail: usize) {
        let body = "ab".repeat(passage_len / 2);
        let a = article(&format!("T\n\n{body}"));
        let b = Bookmark::new(BookmarkId("x".into()), &a, Path::new("p"), Span::new(3, 3 + body.len()));
        assert_eq!(b.excerpt.len(), head, "head for {passage_len}");
        assert_eq!(b.excerpt_end.len(), tail, "tail for {passage_len}");
    }

    #[test]
    fn excerpt_lengths() {
        check_excerpt(10, 10, 0);
        check_excerpt(EXCERPT_MAX, EXCERPT_MAX, 0);
        check_excerpt(EXCERPT_MAX + 2, EXCERPT_HEAD, EXCERPT_TAIL);
    }

    #[test]
    fn excerpt_cuts_on_char_boundaries() {
        let body = "é".repeat(EXCERPT_MAX);
        let a = article(&format!("T\n\n{body}"));
        let b = Bookmark::new(BookmarkId("x".into()), &a, Path::new("p"), Span::new(0, a.text.len()));
        assert!(b.is_truncated());
        assert!(b.excerpt.starts_with('T'));
        assert!(b.excerpt_end.chars().all(|c| c == 'é'));
    }

    #[test]
    fn position_newest_wins() {
        let a = article("T\n\nOne two three.");
        let mut list = Vec::new();
        let mut p = Position::new(&a, Path::new("p"), 3);
        p.updated = 10;
        merge_position(&mut list, p.clone());
        let mut older = Position::new(&a, Path::new("p"), 5);
        older.updated = 9;
        merge_position(&mut list, older);
        assert_eq!(list, vec![p.clone()]);
        let mut newer = Position::new(&a, Path::new("p"), 7);
        newer.updated = 11;
        merge_position(&mut list, newer.clone());
        assert_eq!(list, vec![newer]);
    }

    #[test]
    fn a_temp_file_left_by_a_killed_writer_is_removed_on_the_next_start() {
        let dir = tempfile::tempdir().unwrap();
        let probe = Store::open(dir.path());
        let tmps = [disk::temp_path(&probe.bookmarks_path()), disk::temp_path(&probe.positions_path())];
        for t in &tmps {
            std::fs::write(t, "half a write").unwrap();
        }
        let store = Store::open(dir.path());
        assert!(store.read_only_reason().is_none());
        for t in &tmps {
            assert!(!t.exists(), "{} left behind", t.display());
        }
    }

    #[test]
    fn a_file_in_place_of_the_data_dir_makes_the_store_read_only_with_a_plain_reason() {
        let dir = tempfile::tempdir().unwrap();
        let not_dir = dir.path().join("data");
        std::fs::write(&not_dir, "x").unwrap();
        let store = Store::open(&not_dir);
        let why = store.read_only_reason().unwrap_or_default().to_owned();
        assert!(why.contains("is a file, not a directory"), "{why}");
    }

    #[test]
    fn in_memory_store_keeps_changes_until_dropped() {
        let a = article("T\n\nOne two three.");
        let mut s = Store::in_memory();
        let id = s.new_id();
        s.add_bookmark(Bookmark::new(id.clone(), &a, Path::new("p"), Span::new(3, 6))).unwrap();
        assert_eq!(s.bookmarks().len(), 1);
        assert!(s.bookmarks()[0].created > 0);
        s.set_note(&id, Some("n".into())).unwrap();
        assert_eq!(s.bookmarks()[0].note.as_deref(), Some("n"));
        let b = s.remove_bookmark(&id).unwrap();
        assert_eq!(b.id, id);
        assert!(matches!(s.remove_bookmark(&id), Err(StoreError::NotFound(_))));
        assert!(!s.is_persistent());
    }
}
