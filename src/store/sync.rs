//! One change under the lock: catch up with what other processes appended (or rewrote),
//! make the change from the list as it is on disk, write it (append, or rewrite with a
//! backup), unlock.

use super::files::{Cursor, JournalEnd, journal_end, load_bookmarks, read_only_line, tail_matches};
use super::{Bookmark, BookmarkChanges, LEGACY_BOOKMARKS_FILE, Source, Store, StoreError, disk, journal};

impl Store {
    /// Lock, catch up with the journal, make the change from the list as it is on disk (never
    /// from a stale in-memory copy), write it, unlock. `needs_list`: `make` looks at the list
    /// (an add does not, so a store opened for adding need not read it).
    pub(super) fn change_bookmarks(
        &mut self,
        needs_list: bool,
        make: impl FnOnce(&[Bookmark]) -> Result<journal::Op, StoreError>,
    ) -> Result<(), StoreError> {
        if !self.persistent {
            let op = make(&self.bookmarks)?;
            self.changes.note(std::slice::from_ref(&op));
            journal::apply(&mut self.bookmarks, vec![op]);
            return Ok(());
        }
        if needs_list && self.adding_only {
            self.adding_only = false;
            self.bookmarks_source = Source::Unread;
        }
        let dir = self.dir.clone();
        let result = disk::with_lock(&dir, || {
            if self.adding_only
                && let Some(end) = journal_end(&self.bookmarks_path()).map_err(StoreError::ReadOnly)?
            {
                let op = make(&[])?;
                return self.append_blind(&end, &op);
            }
            self.adding_only = false;
            self.catch_up().map_err(StoreError::ReadOnly)?;
            let op = make(&self.bookmarks)?;
            self.write_change(op)
        });
        match result {
            Ok(()) => {
                self.bookmarks_problem = None;
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

    /// Writes `op` (under the lock, caught up): appended to the journal, or, when there is no
    /// journal yet, a new journal holding the whole list. A journal that is mostly superseded
    /// lines is then rewritten.
    fn write_change(&mut self, op: journal::Op) -> Result<(), StoreError> {
        let path = self.bookmarks_path();
        let Source::Journal(cursor) = self.bookmarks_source.clone() else {
            let mut list = self.bookmarks.clone();
            journal::apply(&mut list, vec![op]);
            self.write_journal(list, disk::Backup::No)?;
            return Ok(());
        };
        if cursor.consumed == 0 {
            // An empty file: start it.
            let mut list = self.bookmarks.clone();
            journal::apply(&mut list, vec![op]);
            return self.write_journal(list, disk::Backup::No);
        }
        let mut bytes = Vec::new();
        if cursor.unterminated {
            bytes.push(b'\n');
        }
        journal::encode(&op, &mut bytes);
        disk::write_at(&path, cursor.consumed, &bytes)?;
        let mut cursor = cursor;
        cursor.advance(&bytes, 1 + usize::from(cursor.unterminated));
        let lines = cursor.lines;
        self.bookmarks_source = Source::Journal(cursor);
        self.changes.note(std::slice::from_ref(&op));
        journal::apply(&mut self.bookmarks, vec![op]);
        if journal::needs_compaction(lines.saturating_sub(1), self.bookmarks.len()) {
            // The change is on disk already; a failed rewrite only leaves the journal longer.
            let list = self.bookmarks.clone();
            if self.write_journal(list, disk::Backup::Yes).is_err() {
                self.bookmarks_source = Source::Unread;
            }
        }
        Ok(())
    }

    /// Replaces the journal with one holding `list`, which becomes the in-memory list.
    fn write_journal(&mut self, list: Vec<Bookmark>, backup: disk::Backup) -> Result<(), StoreError> {
        let path = self.bookmarks_path();
        let bytes = journal::snapshot(&list);
        disk::write_atomic(&path, &bytes, backup)?;
        let inode = disk::stamp(&path).map_or(0, |s| s.inode());
        let mut cursor = Cursor { inode, len: 0, consumed: 0, unterminated: false, tail: Vec::new(), lines: 0 };
        cursor.advance(&bytes, list.len() + 1);
        if list != self.bookmarks {
            self.changes = BookmarkChanges::All;
        }
        self.bookmarks = list;
        self.bookmarks_source = Source::Journal(cursor);
        Ok(())
    }

    /// The add of a store opened for adding: appends `op` at the `end` found from the header and
    /// the last line only.
    fn append_blind(&self, end: &JournalEnd, op: &journal::Op) -> Result<(), StoreError> {
        let mut bytes = Vec::new();
        if end.unterminated {
            bytes.push(b'\n');
        }
        journal::encode(op, &mut bytes);
        disk::write_at(&self.bookmarks_path(), end.keep, &bytes)
    }

    /// Brings the in-memory bookmarks up to date: the lines appended to the journal since the
    /// last read, or all of it when it was replaced or is new; the legacy file when there is no
    /// journal. True when the list changed. The error is the one-line reason.
    pub(super) fn catch_up(&mut self) -> Result<bool, String> {
        use std::io::{BufReader, Read as _, Seek as _, SeekFrom};
        let path = self.bookmarks_path();
        let line = |what: &str| read_only_line(&path, what, "bookmarks are read-only until it is fixed");
        let (mut file, meta) = match crate::fsio::open_regular(&path) {
            Ok(opened) => opened,
            Err(crate::fsio::ReadError::NotFound) => return self.catch_up_legacy(),
            Err(e) => return Err(line(&e.to_string())),
        };
        let len = meta.len();
        if len > disk::MAX_STORE_BYTES {
            return Err(line(
                &crate::fsio::ReadError::TooLarge { size: len, limit: disk::MAX_STORE_BYTES }.to_string(),
            ));
        }
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        let fail = |e: journal::ReadFail| match e {
            journal::ReadFail::Io(e) => line(&disk::io_reason(&e)),
            journal::ReadFail::Format(e) => line(&e.to_string()),
        };
        if let Source::Journal(c) = &self.bookmarks_source
            && c.inode == inode
            && len >= c.consumed
            && c.consumed > 0
            && tail_matches(&mut file, c)
        {
            if len == c.len {
                return Ok(false);
            }
            let mut c = c.clone();
            file.seek(SeekFrom::Start(c.consumed)).map_err(|e| line(&disk::io_reason(&e)))?;
            let chunk = journal::read(BufReader::new(file.take(len - c.consumed)), c.lines + 1).map_err(fail)?;
            let news = !chunk.ops.is_empty();
            self.changes.note(&chunk.ops);
            journal::apply(&mut self.bookmarks, chunk.ops);
            if chunk.lines > 0 {
                c.consumed += chunk.consumed;
                c.lines += chunk.lines;
                c.tail = chunk.tail;
                c.unterminated = chunk.unterminated;
            }
            c.len = len;
            self.bookmarks_source = Source::Journal(c);
            return Ok(news);
        }
        // The tail check may have moved the file position.
        file.seek(SeekFrom::Start(0)).map_err(|e| line(&disk::io_reason(&e)))?;
        let chunk = journal::read(BufReader::new(file.take(len)), 1).map_err(fail)?;
        if chunk.lines == 0 && len > 0 {
            return Err(line(&journal::parse(b"").map(|_| ()).err().map(|e| e.to_string()).unwrap_or_default()));
        }
        let mut list = Vec::new();
        journal::apply(&mut list, chunk.ops);
        let news = list != self.bookmarks;
        if news {
            self.changes = BookmarkChanges::All;
        }
        self.bookmarks = list;
        self.bookmarks_source = Source::Journal(Cursor {
            inode,
            len,
            consumed: chunk.consumed,
            unterminated: chunk.unterminated,
            tail: chunk.tail,
            lines: chunk.lines,
        });
        Ok(news)
    }

    /// [`catch_up`](Self::catch_up) when there is no journal: the legacy TOML file, if any.
    fn catch_up_legacy(&mut self) -> Result<bool, String> {
        let legacy = self.dir.join(LEGACY_BOOKMARKS_FILE);
        let stamp = disk::stamp(&legacy);
        let unchanged = match &self.bookmarks_source {
            Source::Nothing => stamp.is_none(),
            Source::Legacy(seen) => stamp.is_some() && *seen == stamp,
            Source::Unread | Source::Journal(_) => false,
        };
        if unchanged {
            return Ok(false);
        }
        let list = load_bookmarks(&legacy)?;
        let news = list != self.bookmarks;
        if news {
            self.changes = BookmarkChanges::All;
        }
        self.bookmarks = list;
        self.bookmarks_source = if stamp.is_some() { Source::Legacy(stamp) } else { Source::Nothing };
        Ok(news)
    }
}
