//! Bookmarks and reading positions, kept so that they are never lost.
//!
//! Pipeline position: this sits beside the reader, not in the text pipeline. The app builds a
//! [`Bookmark`] or a [`Position`] from an [`Article`] and a [`Span`](crate::span::Span) / offset, hands it to the
//! [`Store`], and later finds it again in a (possibly moved or edited) article with [`anchor`] and
//! [`anchor_position`]. `quoth bookmarks …` ([`cli`]) is a thin command line over the same API.
//!
//! On disk (see [`journal`] and [`mod@format`] for the schemas and `disk` for the write protocol)
//! the data directory holds two versioned files:
//!
//! - `bookmarks.jsonl`: bookmarks, precious, as a journal of JSON lines: every change appends one
//!   line, so a change costs the same at ten bookmarks or a hundred thousand. When superseded
//!   lines outnumber live ones the journal is rewritten whole, and the version before that is kept
//!   as `bookmarks.jsonl.bak`. A `bookmarks.toml` written by an earlier quoth is read when there
//!   is no journal yet, and left as it is when the first change writes the journal;
//! - `positions.toml`: reading positions (TOML), rewritten every few seconds while reading. They
//!   live in their own file so that this frequent rewrite never touches the bookmarks, and so
//!   that a damaged file of one kind does not stop the other from being saved.
//!
//! Every change is one operation under an exclusive lock (`store.lock`): read what other
//! processes changed since the last look (for the journal, only the lines they appended), apply
//! the operation to that, write it (append and fsync; or temp file, fsync, rename, fsync the
//! directory), unlock. Nothing is ever written from a stale in-memory copy, so two quoth processes
//! lose nothing and a deletion cannot be undone by another process's older list. A file that
//! cannot be read or parsed, or that a newer quoth wrote, is never written: the store turns
//! read-only for that file and says why in one line.

pub mod cli;
mod disk;
pub mod export;
mod files;
pub mod format;
pub mod journal;
pub mod locate;
mod reanchor;
mod sync;

mod model;

use files::{Cursor, load_positions};

pub use model::{Anchor, Bookmark, BookmarkId, Position, bookmarks_in};
pub use reanchor::{anchor, anchor_all, anchor_position, resume_offset};

use crate::article::sanitize::clean_line;
use crate::article::{Article, Fingerprint};

use std::path::{Path, PathBuf};

/// The environment variable that names the data directory (`--data-dir` wins over it).
pub const DATA_DIR_ENV: &str = "QUOTH_DATA_DIR";
/// The bookmarks journal in the data directory.
pub const BOOKMARKS_FILE: &str = "bookmarks.jsonl";
/// The bookmarks file of quoth before the journal, read while there is no journal.
pub const LEGACY_BOOKMARKS_FILE: &str = "bookmarks.toml";
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
    /// What the bookmarks were read from, so [`Store::reload`] reads only what changed.
    bookmarks_source: Source,
    /// Made by [`Store::open_for_adding`]: bookmarks are not read, only appended to.
    adding_only: bool,
    /// What the positions file looked like when last read, to skip it when unchanged.
    positions_seen: Option<disk::Stamp>,
    /// How the bookmarks changed since [`Store::take_bookmark_changes`] was last called.
    changes: BookmarkChanges,
}

/// How the in-memory bookmarks changed: lets a holder of a copy (the app) follow a store of
/// 100,000 bookmarks without copying it on every change.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum BookmarkChanges {
    #[default]
    None,
    /// These changes, in order (a few; more become [`BookmarkChanges::All`]).
    Ops(Vec<journal::Op>),
    /// Anything: take the whole list again.
    All,
}

/// More changes than this at once are reported as [`BookmarkChanges::All`].
const MAX_TRACKED_OPS: usize = 64;

impl BookmarkChanges {
    fn note(&mut self, ops: &[journal::Op]) {
        if ops.is_empty() {
            return;
        }
        match self {
            BookmarkChanges::None if ops.len() <= MAX_TRACKED_OPS => *self = BookmarkChanges::Ops(ops.to_vec()),
            BookmarkChanges::Ops(v) if v.len() + ops.len() <= MAX_TRACKED_OPS => v.extend_from_slice(ops),
            _ => *self = BookmarkChanges::All,
        }
    }
}

/// Where the in-memory bookmarks came from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    /// Not read yet, or the last read failed: read everything next time.
    Unread,
    /// Neither the journal nor a legacy file exists.
    Nothing,
    /// The legacy `bookmarks.toml` as last read; there is no journal yet.
    Legacy(Option<disk::Stamp>),
    /// The journal, read up to the cursor.
    Journal(Cursor),
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
            bookmarks_source: Source::Unread,
            adding_only: false,
            positions_seen: None,
            changes: BookmarkChanges::None,
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
            bookmarks_source: Source::Nothing,
            adding_only: false,
            positions_seen: None,
            changes: BookmarkChanges::None,
        }
    }

    /// Opens the store in `dir` only to add bookmarks (`quoth bookmarks add`): nothing is read,
    /// so [`bookmarks`](Self::bookmarks) is empty, and an add appends to the journal after
    /// checking only its header and its last line, in the same time at any number of bookmarks.
    /// The new id is not checked against every existing one: its 50 random bits make a clash
    /// about as likely as a disk error. A removal or a note reads everything first.
    pub fn open_for_adding(dir: &Path) -> Store {
        let mut store = Store::in_memory();
        store.dir = dir.to_path_buf();
        store.persistent = true;
        store.adding_only = true;
        store.bookmarks_source = Source::Unread;
        if let Err(e) = disk::ensure_dir_ok(dir) {
            let line = clean_line(&e.to_string());
            store.bookmarks_problem = Some(format!("{line}; bookmarks are read-only until it is fixed"));
        }
        store
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

    /// How the bookmarks changed since the last call (any change the store made or read from
    /// disk), and starts counting afresh.
    pub fn take_bookmark_changes(&mut self) -> BookmarkChanges {
        std::mem::take(&mut self.changes)
    }

    /// The bookmark with this id.
    pub fn bookmark(&self, id: &BookmarkId) -> Option<&Bookmark> {
        self.bookmarks.iter().find(|b| &b.id == id)
    }

    /// The bookmarks of `article` opened from `path` (same text, or same file since edited),
    /// each with where it lies now, in text order; lost ones last. Anchoring an edited article
    /// searches its text, so call this once per opened article, not once per frame.
    pub fn bookmarks_for(&self, article: &Article, path: &Path) -> Vec<(&Bookmark, Anchor)> {
        let mine: Vec<&Bookmark> = bookmarks_in(&self.bookmarks, article, path);
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
        self.position(article.fingerprint())
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
        if !self.adding_only {
            match self.catch_up() {
                Ok(news) => {
                    changed |= news || self.bookmarks_problem.is_some();
                    self.bookmarks_problem = None;
                }
                Err(reason) => {
                    changed |= self.bookmarks_problem.as_ref() != Some(&reason);
                    self.bookmarks_problem = Some(reason);
                    self.bookmarks_source = Source::Unread;
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
        self.change_bookmarks(false, move |_| Ok(journal::Op::Put(b)))
    }

    /// Removes a bookmark; returns it (for undo). `NotFound` when no bookmark has this id on
    /// disk (another quoth may have removed it).
    pub fn remove_bookmark(&mut self, id: &BookmarkId) -> Result<Bookmark, StoreError> {
        let mut removed = None;
        self.change_bookmarks(true, |list| {
            let b = list.iter().find(|b| &b.id == id).ok_or_else(|| StoreError::NotFound(id.0.clone()))?;
            removed = Some(b.clone());
            Ok(journal::Op::Remove(id.clone()))
        })?;
        removed.ok_or_else(|| StoreError::NotFound(id.0.clone()))
    }

    /// Sets or clears (None, or blank) a bookmark's note.
    pub fn set_note(&mut self, id: &BookmarkId, note: Option<String>) -> Result<(), StoreError> {
        let note = note.filter(|n| !n.trim().is_empty());
        self.change_bookmarks(true, |list| {
            let b = list.iter().find(|b| &b.id == id).ok_or_else(|| StoreError::NotFound(id.0.clone()))?;
            Ok(journal::Op::Put(Bookmark { note, ..b.clone() }))
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
}

/// Keeps one position per fingerprint, the newest.
fn merge_position(list: &mut Vec<Position>, pos: Position) {
    match list.iter_mut().find(|p| p.fingerprint == pos.fingerprint) {
        Some(old) if old.updated <= pos.updated => *old = pos,
        Some(_) => {}
        None => list.push(pos),
    }
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
    // An entry of a feed (`FEED#N`): the feed's own path, made absolute, with the number.
    if let crate::library::Origin::Item(file, n) = crate::library::Origin::from_path(path) {
        return crate::library::Origin::Item(std::fs::canonicalize(&file).unwrap_or(file), n).path();
    }
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::article::Format;
    use crate::span::Span;

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

    /// The fast filter finds exactly the bookmarks `is_in` accepts.
    #[test]
    fn bookmarks_in_agrees_with_is_in() {
        let a = article("T\n\nBody.");
        let other = article("U\n\nOther.");
        let mk =
            |path: &str, of: &Article| Bookmark::new(BookmarkId(path.into()), of, Path::new(path), Span::new(0, 1));
        let list = vec![
            mk("/news/story.txt", &other),
            mk("/news//story.txt", &other),
            mk("/news/other.txt", &other),
            mk("/old/story.txt", &a),
            mk("/news/a-story.txt", &other),
            mk("story.txt", &other),
        ];
        for path in ["/news/story.txt", "/news/./story.txt", "/elsewhere/x.txt", "/news/story.txt/."] {
            let want: Vec<&str> =
                list.iter().filter(|b| b.is_in(&a, Path::new(path))).map(|b| b.id.0.as_str()).collect();
            let got: Vec<&str> =
                bookmarks_in(&list, &a, Path::new(path)).into_iter().map(|b| b.id.0.as_str()).collect();
            assert_eq!(got, want, "{path}");
        }
        let got: Vec<&str> =
            bookmarks_in(&list, &a, Path::new("/news/story.txt")).into_iter().map(|b| b.id.0.as_str()).collect();
        assert_eq!(got, ["/news/story.txt", "/news//story.txt", "/old/story.txt"]);
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
