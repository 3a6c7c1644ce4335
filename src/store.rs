//! Bookmarks and reading positions (STUB: the real implementation replaces this file).
//!
//! API contract used by the app and the CLI; see the store issue for the storage rules.

use crate::article::{Article, Fingerprint};
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub mod cli;

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
    /// Where the article was when bookmarked (`builtin:NAME` for samples).
    pub path: PathBuf,
    pub title: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub span: Span,
    pub excerpt: String,
    pub note: Option<String>,
    /// Unix seconds; 0 means "stamp it when saving".
    pub created: u64,
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
    /// Reading progress, 0.0–1.0.
    pub fn progress(&self) -> f64 {
        if self.text_len == 0 { 0.0 } else { (self.offset as f64 / self.text_len as f64).clamp(0.0, 1.0) }
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

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    ReadOnly(String),
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("no bookmark with id {0}")]
    NotFound(String),
}

/// The on-disk store.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    bookmarks: Vec<Bookmark>,
    positions: Vec<Position>,
    read_only: Option<String>,
}

impl Store {
    /// `$QUOTH_DATA_DIR`, else the platform data dir (XDG on Linux).
    pub fn default_dir() -> Option<PathBuf> {
        None
    }

    /// Opens the store in `dir`. Never fails: a file that cannot be read or parsed makes the
    /// store read-only, with the reason in [`read_only_reason`](Self::read_only_reason).
    pub fn open(dir: &Path) -> Store {
        Store { dir: dir.to_path_buf(), bookmarks: Vec::new(), positions: Vec::new(), read_only: None }
    }

    /// A store that keeps nothing (no data dir could be found).
    pub fn in_memory() -> Store {
        Store { dir: PathBuf::new(), bookmarks: Vec::new(), positions: Vec::new(), read_only: None }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// All bookmarks, oldest first.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    pub fn position(&self, fingerprint: Fingerprint) -> Option<&Position> {
        self.positions.iter().find(|p| p.fingerprint == fingerprint)
    }

    pub fn positions(&self) -> &[Position] {
        &self.positions
    }

    /// A fresh unique id for a new bookmark.
    pub fn new_id(&self) -> BookmarkId {
        BookmarkId(format!("{}", self.bookmarks.len()))
    }

    /// Adds (or replaces, same id) a bookmark: lock, re-read, merge, write atomically.
    pub fn add_bookmark(&mut self, b: Bookmark) -> Result<(), StoreError> {
        self.bookmarks.push(b);
        Ok(())
    }

    /// Removes a bookmark; returns it (for undo).
    pub fn remove_bookmark(&mut self, id: &BookmarkId) -> Result<Bookmark, StoreError> {
        let i = self.bookmarks.iter().position(|b| &b.id == id).ok_or_else(|| StoreError::NotFound(id.0.clone()))?;
        Ok(self.bookmarks.remove(i))
    }

    pub fn set_note(&mut self, id: &BookmarkId, note: Option<String>) -> Result<(), StoreError> {
        let b = self.bookmarks.iter_mut().find(|b| &b.id == id).ok_or_else(|| StoreError::NotFound(id.0.clone()))?;
        b.note = note;
        Ok(())
    }

    pub fn set_position(&mut self, pos: Position) -> Result<(), StoreError> {
        self.positions.retain(|p| p.fingerprint != pos.fingerprint);
        self.positions.push(pos);
        Ok(())
    }
}

/// Finds a bookmark in an article: exact when the fingerprint matches, else by its excerpt.
pub fn anchor(b: &Bookmark, article: &Article) -> Anchor {
    if b.fingerprint == article.fingerprint { Anchor::Exact(b.span) } else { Anchor::Lost }
}

/// Finds a saved position in an article (exact or by excerpt); `None` when lost.
pub fn anchor_position(p: &Position, article: &Article) -> Option<usize> {
    (p.fingerprint == article.fingerprint).then_some(p.offset)
}
