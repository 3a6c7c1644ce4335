//! The library database: every article of the library with its metadata, its full text for
//! search (`SQLite` FTS5) and every quote the extractor found, with its speaker, kind,
//! paragraph and span, so that questions across stories ("everything Ebrard said", "who
//! talked about the tariff") are one query.
//!
//! It is a cache, not user data. A missing file, one that is not a database, or one written
//! for another schema or extractor is rebuilt, never reported as an error. Updates are
//! incremental: [`Index::sync`] compares each file's size and modification time with what it
//! stored and reads again only the files that changed, were added or are gone.
//!
//! Several quoth processes may use one index: `SQLite`'s write-ahead log lets readers go on
//! while one process writes, writers take turns (a busy timeout, never "database is
//! locked"), and a sync commits in batches so that no writer holds the lock for long.
//!
//! Queries live in [`query`], the command-line front in [`cli`].

pub mod cli;
pub mod query;
mod read;

use crate::library::{Found, LoadOptions, walk_with};
use read::{Indexed, read_batch};
use rusqlite::{Connection, ErrorCode, OptionalExtension, params};
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Changes whenever the schema or the extractor changes, so that stored quotes are never stale.
const VERSION: &str = concat!("1+", env!("QUOTH_EXTRACT_HASH"));

/// The file name of the index in its cache directory.
pub const FILE_NAME: &str = "library.sqlite";

/// How long a process waits for another one's write before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_mins(1);

/// Files changed in one sync past which the search table is optimised.
const OPTIMIZE_AFTER: usize = 500;

/// Files read and written per transaction during a sync.
const BATCH: usize = 64;

const SCHEMA: &str = "
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE file(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    error TEXT
);
CREATE TABLE article(
    id INTEGER PRIMARY KEY,
    file INTEGER NOT NULL REFERENCES file(id) ON DELETE CASCADE,
    entry INTEGER,
    title TEXT NOT NULL,
    source TEXT,
    date TEXT,
    words INTEGER NOT NULL
);
CREATE INDEX article_file ON article(file);
CREATE VIRTUAL TABLE body USING fts5(
    title, text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE speaker(
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    kind INTEGER NOT NULL,
    name TEXT NOT NULL,
    UNIQUE(key, kind, name)
);
CREATE TABLE quote(
    article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    speaker INTEGER,
    paragraph INTEGER NOT NULL,
    segments TEXT,
    PRIMARY KEY(article, start, end, kind)
) WITHOUT ROWID;
CREATE INDEX quote_speaker ON quote(speaker) WHERE speaker IS NOT NULL;
";

/// Why the index could not be used (a cache problem: the caller may go on without it).
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("library index {path}: {source}")]
    Db {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("library index {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Where the index lives: beside `--data-dir` when one is given (nothing is written outside
/// the directories the user chose), else `$QUOTH_CACHE_DIR`, else the platform cache
/// directory (`$XDG_CACHE_HOME/quoth`).
pub fn default_path(data_dir: Option<&Path>) -> Option<PathBuf> {
    if let Some(d) = data_dir {
        return Some(d.join("cache").join(FILE_NAME));
    }
    if let Some(d) = std::env::var_os("QUOTH_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join(FILE_NAME));
    }
    directories::ProjectDirs::from("", "", "quoth").map(|d| d.cache_dir().join(FILE_NAME))
}

/// What a sync did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Files found under the roots (articles and not).
    pub files: usize,
    /// Files read again because they were new or changed.
    pub indexed: usize,
    /// Files dropped because they are gone.
    pub removed: usize,
    /// Articles in the index under the roots after the sync.
    pub articles: usize,
    /// Whether the index was (re)built from nothing.
    pub rebuilt: bool,
}

/// How far a sync is: files looked at of the total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// An open library index.
pub struct Index {
    conn: Connection,
    path: String,
    rebuilt: bool,
}

impl Index {
    /// Opens (or creates, or rebuilds) the index at `path`.
    pub fn open(path: &Path) -> Result<Index, IndexError> {
        let shown = crate::library::display_path(path);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| IndexError::Io { path: shown.clone(), source })?;
        }
        match Self::open_conn(path, &shown) {
            Ok(ix) => Ok(ix),
            Err(IndexError::Db { source, .. }) if is_damage(&source) => {
                // Not a database (or a damaged one): it is only a cache, so start again.
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.as_os_str().to_owned();
                    p.push(suffix);
                    let _ = std::fs::remove_file(PathBuf::from(p));
                }
                let mut ix = Self::open_conn(path, &shown)?;
                ix.rebuilt = true;
                Ok(ix)
            }
            Err(e) => Err(e),
        }
    }

    /// An index in memory (for tests and one-off runs).
    pub fn in_memory() -> Result<Index, IndexError> {
        let conn = Connection::open_in_memory().map_err(|source| IndexError::Db { path: ":memory:".into(), source })?;
        let mut ix = Index { conn, path: ":memory:".into(), rebuilt: false };
        ix.prepare().map_err(|source| ix.err(source))?;
        Ok(ix)
    }

    fn open_conn(path: &Path, shown: &str) -> Result<Index, IndexError> {
        let db = |source| IndexError::Db { path: shown.to_owned(), source };
        let conn = Connection::open(path).map_err(db)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(db)?;
        let mut ix = Index { conn, path: shown.to_owned(), rebuilt: false };
        ix.prepare().map_err(db)?;
        Ok(ix)
    }

    fn err(&self, source: rusqlite::Error) -> IndexError {
        IndexError::Db { path: self.path.clone(), source }
    }

    /// Sets the connection up and makes sure the schema is this version's, rebuilding it
    /// (under the write lock, checking again, as another process may have just done it).
    fn prepare(&mut self) -> rusqlite::Result<()> {
        // WAL: readers never wait for the writer; NORMAL: a crash never corrupts the file.
        // The mode is kept in the file: only a new file changes it. Two processes creating
        // the file at once may find it busy (the switch does not wait), so it is retried.
        let mut tries = 0;
        loop {
            let mode: rusqlite::Result<String> = self.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0));
            let switched = match mode {
                Ok(m) if m.eq_ignore_ascii_case("wal") => Ok(String::new()),
                Ok(_) => self.conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0)),
                Err(e) => Err(e),
            };
            match switched {
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) && tries < 200 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) => return Err(e),
                Ok(_) => break,
            }
        }
        self.conn.execute_batch(
            "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;
             CREATE TEMP TABLE IF NOT EXISTS scope(path TEXT PRIMARY KEY);",
        )?;
        if self.version()?.as_deref() == Some(VERSION) {
            return Ok(());
        }
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: Option<String> =
            tx.query_row("SELECT value FROM meta WHERE key = 'version'", [], |r| r.get(0)).ok();
        if current.as_deref() != Some(VERSION) {
            tx.execute_batch(
                "DROP TABLE IF EXISTS quote; DROP TABLE IF EXISTS speaker; DROP TABLE IF EXISTS body;
                 DROP TABLE IF EXISTS article;
                 DROP TABLE IF EXISTS file; DROP TABLE IF EXISTS meta;",
            )?;
            tx.execute_batch(SCHEMA)?;
            tx.execute("INSERT INTO meta(key, value) VALUES ('version', ?1)", [VERSION])?;
            self.rebuilt = true;
        }
        tx.commit()?;
        if self.rebuilt {
            // Pages freed by later changes go back to the file system (see `tidy`): the mode
            // is set on a file only by a VACUUM, cheap now that its tables are empty. Only
            // the size depends on it, so a busy file is left as it is.
            let _ = self.conn.execute_batch("PRAGMA auto_vacuum = INCREMENTAL; VACUUM;");
        }
        Ok(())
    }

    /// The stored schema version, `None` when there is none (a new or foreign file).
    fn version(&self) -> rusqlite::Result<Option<String>> {
        let has_meta: bool = self.conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |r| r.get(0),
        )?;
        if !has_meta {
            return Ok(None);
        }
        self.conn.query_row("SELECT value FROM meta WHERE key = 'version'", [], |r| r.get(0)).optional()
    }

    /// Whether this index was created or rebuilt from nothing when it was opened.
    pub fn was_rebuilt(&self) -> bool {
        self.rebuilt
    }

    /// Limits searches and listings to the files under `roots` (the library being read),
    /// as [`Index::sync`] does for the roots it syncs. An index may hold other folders.
    pub fn set_scope(&mut self, roots: &[PathBuf]) -> Result<(), IndexError> {
        let run = |conn: &Connection| -> rusqlite::Result<()> {
            conn.execute("DELETE FROM temp.scope", [])?;
            let mut add = conn.prepare_cached("INSERT OR IGNORE INTO temp.scope(path) VALUES (?1)")?;
            for r in roots {
                let canonical = std::fs::canonicalize(r).unwrap_or_else(|_| r.clone());
                add.execute([path_key(&canonical).trim_end_matches('/')])?;
            }
            Ok(())
        };
        run(&self.conn).map_err(|e| self.err(e))
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Brings the index up to date with the files under `roots` (directories, searched as a
    /// library scan does, or single files): new and changed files are read and extracted,
    /// files that are gone are dropped. Files elsewhere in the index are left alone.
    /// `progress` is told after each batch.
    pub fn sync(
        &mut self,
        roots: &[PathBuf],
        load: &LoadOptions,
        mut progress: impl FnMut(Progress),
    ) -> Result<SyncReport, IndexError> {
        let roots: Vec<PathBuf> =
            roots.iter().map(|r| std::fs::canonicalize(r).unwrap_or_else(|_| r.clone())).collect();
        self.set_scope(&roots)?;
        let mut found: Vec<(Found, Option<std::fs::Metadata>)> = Vec::new();
        for r in &roots {
            if r.is_dir() {
                walk_with(r, &mut |f, m| found.push((f, m)));
            } else {
                found.push((Found::File(r.clone()), std::fs::metadata(r).ok()));
            }
        }
        // Path → (id, size, mtime, seen in this walk).
        let mut stored = self.stored_files().map_err(|e| self.err(e))?;
        let mut todo = Vec::new();
        for (f, meta) in &found {
            let Found::File(p) = f else { continue };
            let key = p.to_string_lossy();
            let known = stored.get_mut(key.as_ref()).map(|e| {
                e.3 = true;
                (e.1, e.2)
            });
            let stamp = meta.as_ref().map(stamp);
            match stamp {
                Some(now) if known == Some(now) => {}
                _ => {
                    let (size, mtime_ns) = stamp.unwrap_or((0, 0));
                    todo.push((p.clone(), key.into_owned(), size, mtime_ns));
                }
            }
        }
        let gone: Vec<i64> = stored
            .iter()
            .filter(|(k, e)| !e.3 && roots.iter().any(|r| Path::new(k).starts_with(r)))
            .map(|(_, e)| e.0)
            .collect();
        let total = todo.len();
        let mut report = SyncReport { files: found.len(), rebuilt: self.rebuilt, ..SyncReport::default() };
        if !gone.is_empty() {
            self.remove_files(&gone).map_err(|e| self.err(e))?;
            report.removed = gone.len();
        }
        progress(Progress { done: 0, total });
        let jobs = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).clamp(1, 8);
        for (n, batch) in todo.chunks(BATCH).enumerate() {
            let read = read_batch(batch, load, jobs);
            self.write_batch(&read).map_err(|e| self.err(e))?;
            report.indexed += batch.len();
            progress(Progress { done: (n * BATCH + batch.len()).min(total), total });
        }
        if report.indexed > 0 || report.removed > 0 {
            self.tidy(report.indexed + report.removed >= OPTIMIZE_AFTER).map_err(|e| self.err(e))?;
        }
        report.articles = self.count_in_scope().map_err(|e| self.err(e))?;
        Ok(report)
    }

    /// A transaction that takes the write lock at once (waiting for it under the busy
    /// timeout): one that starts reading and then writes could not wait, and would fail with
    /// "database is locked" when another process wrote in between.
    fn write_tx(&mut self) -> rusqlite::Result<rusqlite::Transaction<'_>> {
        self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
    }

    /// Drops speakers no quote names any more, and after a large change merges the search
    /// table's segments into one (smaller, and faster to query).
    fn tidy(&mut self, optimize: bool) -> rusqlite::Result<()> {
        let tx = self.write_tx()?;
        tx.execute("DELETE FROM speaker WHERE NOT EXISTS (SELECT 1 FROM quote WHERE quote.speaker = speaker.id)", [])?;
        if optimize {
            tx.execute("INSERT INTO body(body) VALUES ('optimize')", [])?;
        }
        tx.commit()?;
        // The pages that deleted rows and merged search segments left, given back: a file no
        // larger than what it holds. The pragma frees pages as it is stepped, so it is run
        // to its end.
        let mut st = self.conn.prepare("PRAGMA incremental_vacuum")?;
        let mut rows = st.query([])?;
        while rows.next()?.is_some() {}
        Ok(())
    }

    fn remove_files(&mut self, ids: &[i64]) -> rusqlite::Result<()> {
        let tx = self.write_tx()?;
        for &id in ids {
            delete_file(&tx, id)?;
        }
        tx.commit()
    }

    /// Every stored file: path → (id, size, mtime, not seen yet).
    fn stored_files(&self) -> rusqlite::Result<FxHashMap<String, (i64, i64, i64, bool)>> {
        let mut st = self.conn.prepare("SELECT id, path, size, mtime_ns FROM file")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(1)?, (r.get(0)?, r.get(2)?, r.get(3)?, false))))?;
        rows.collect()
    }

    /// Articles in the scope (the roots of the last sync).
    fn count_in_scope(&self) -> rusqlite::Result<usize> {
        let n: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM article JOIN file ON file.id = article.file WHERE {}", query::IN_SCOPE),
            [],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Replaces the stored rows of each file in `batch` with what was read, in one transaction.
    fn write_batch(&mut self, batch: &[Indexed]) -> rusqlite::Result<()> {
        let tx = self.write_tx()?;
        {
            let mut find = tx.prepare_cached("SELECT id FROM file WHERE path = ?1")?;
            let mut add_file =
                tx.prepare_cached("INSERT INTO file(path, size, mtime_ns, error) VALUES (?1, ?2, ?3, ?4)")?;
            let mut add_article = tx.prepare_cached(
                "INSERT INTO article(file, entry, title, source, date, words) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut add_body = tx.prepare_cached("INSERT INTO body(rowid, title, text) VALUES (?1, ?2, ?3)")?;
            let mut add_speaker = tx.prepare_cached(
                "INSERT INTO speaker(key, kind, name) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key, kind, name) DO UPDATE SET name = excluded.name RETURNING id",
            )?;
            // A quote the extractor gives twice (same span and kind) is stored once.
            let mut add_quote = tx.prepare_cached(
                "INSERT OR IGNORE INTO quote(article, start, end, kind, speaker, paragraph, segments)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for f in batch {
                if let Some(old) = find.query_row([&f.path], |r| r.get::<_, i64>(0)).optional()? {
                    delete_file(&tx, old)?;
                }
                add_file.execute(params![f.path, f.size, f.mtime_ns, f.error])?;
                let file_id = tx.last_insert_rowid();
                for a in &f.articles {
                    add_article.execute(params![file_id, a.entry, a.title, a.source, a.date, a.words])?;
                    let id = tx.last_insert_rowid();
                    add_body.execute(params![id, a.title, a.text])?;
                    for q in &a.quotes {
                        let speaker = match &q.speaker {
                            Some((name, key, kind)) => {
                                Some(add_speaker.query_row(params![key, kind, name], |r| r.get::<_, i64>(0))?)
                            }
                            None => None,
                        };
                        add_quote.execute(params![id, q.start, q.end, q.kind, speaker, q.paragraph, q.segments])?;
                    }
                }
            }
        }
        tx.commit()
    }
}

/// A file's rows gone: its articles' text from the search table, then the file (its
/// articles and quotes follow by cascade).
fn delete_file(tx: &rusqlite::Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM body WHERE rowid IN (SELECT id FROM article WHERE file = ?1)", [id])?;
    tx.execute("DELETE FROM file WHERE id = ?1", [id])?;
    Ok(())
}

/// Whether an error says the file is not a usable database (rebuilt rather than reported).
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt))
}

/// A path as stored: canonical when it can be, as text.
fn path_key(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn stamp(m: &std::fs::Metadata) -> (i64, i64) {
    let size = i64::try_from(m.len()).unwrap_or(i64::MAX);
    let mtime = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    (size, mtime)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::fs;

    const STORY_A: &str = "Harbour plan approved\n\n\
        \u{201c}We waited ten years for this,\u{201d} said Mayor Inés López.\n\n\
        The council voted 7-2. \u{201c}The ferry comes first,\u{201d} López said.";
    const STORY_B: &str = "Bridge tolls rise\n\n\
        \u{201c}Nobody likes a toll,\u{201d} said Tomas Ekberg, the transport minister.";

    fn lib() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join("a.txt"), STORY_A).unwrap();
        fs::write(d.path().join("b.txt"), STORY_B).unwrap();
        d
    }

    fn count(ix: &Index, sql: &str) -> i64 {
        ix.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_sync_indexes_new_files_then_only_what_changed() {
        let d = lib();
        let cache = tempfile::tempdir().unwrap();
        let path = cache.path().join(FILE_NAME);
        let mut ix = Index::open(&path).unwrap();
        assert!(ix.was_rebuilt());
        let roots = [d.path().to_path_buf()];
        let r = ix.sync(&roots, &LoadOptions::default(), |_| {}).unwrap();
        assert_eq!((r.files, r.indexed, r.removed, r.articles), (2, 2, 0, 2));
        assert_eq!(count(&ix, "SELECT count(*) FROM quote"), 3);
        drop(ix);

        let mut ix = Index::open(&path).unwrap();
        assert!(!ix.was_rebuilt(), "same version: reused");
        let r = ix.sync(&roots, &LoadOptions::default(), |_| {}).unwrap();
        assert_eq!((r.indexed, r.removed, r.articles), (0, 0, 2), "nothing changed, nothing read");

        fs::write(d.path().join("b.txt"), format!("{STORY_B} \u{201c}Tolls pay for the bridge,\u{201d} he said."))
            .unwrap();
        fs::remove_file(d.path().join("a.txt")).unwrap();
        fs::write(d.path().join("c.txt"), "Quiet day\n\nNothing was said.").unwrap();
        let r = ix.sync(&roots, &LoadOptions::default(), |_| {}).unwrap();
        assert_eq!((r.indexed, r.removed, r.articles), (2, 1, 2), "b changed, c added, a gone");
        assert_eq!(count(&ix, "SELECT count(*) FROM quote"), 2);
        assert_eq!(count(&ix, "SELECT count(*) FROM body WHERE body MATCH 'ferry'"), 0, "a's text is gone too");
        assert_eq!(count(&ix, "SELECT count(*) FROM body WHERE body MATCH 'tolls'"), 1);
    }

    #[test]
    fn pages_freed_by_removed_stories_are_given_back() {
        let d = tempfile::tempdir().unwrap();
        let long = STORY_A.repeat(40);
        for i in 0..60 {
            fs::write(d.path().join(format!("s{i}.txt")), format!("Story {i}\n\n{long}")).unwrap();
        }
        let cache = tempfile::tempdir().unwrap();
        let mut ix = Index::open(&cache.path().join(FILE_NAME)).unwrap();
        let roots = [d.path().to_path_buf()];
        ix.sync(&roots, &LoadOptions::default(), |_| {}).unwrap();
        assert_eq!(count(&ix, "PRAGMA auto_vacuum"), 2, "incremental");
        let full = count(&ix, "PRAGMA page_count");
        for i in 0..55 {
            fs::remove_file(d.path().join(format!("s{i}.txt"))).unwrap();
        }
        let r = ix.sync(&roots, &LoadOptions::default(), |_| {}).unwrap();
        assert_eq!((r.removed, r.articles), (55, 5));
        assert_eq!(count(&ix, "PRAGMA freelist_count"), 0);
        assert!(count(&ix, "PRAGMA page_count") * 2 < full, "{} of {full} pages", count(&ix, "PRAGMA page_count"));
    }

    #[test]
    fn a_damaged_or_foreign_index_is_rebuilt() {
        let d = lib();
        let cache = tempfile::tempdir().unwrap();
        let path = cache.path().join(FILE_NAME);
        fs::write(&path, b"this is not a database, just some bytes that are long enough ......").unwrap();
        let mut ix = Index::open(&path).unwrap();
        assert!(ix.was_rebuilt());
        ix.sync(&[d.path().to_path_buf()], &LoadOptions::default(), |_| {}).unwrap();
        assert_eq!(count(&ix, "SELECT count(*) FROM article"), 2);
        // Another version's index: same file, other version string.
        ix.conn().execute("UPDATE meta SET value = 'old' WHERE key = 'version'", []).unwrap();
        drop(ix);
        let ix = Index::open(&path).unwrap();
        assert!(ix.was_rebuilt());
        assert_eq!(count(&ix, "SELECT count(*) FROM article"), 0, "rebuilt empty, filled by the next sync");
    }

    #[test]
    fn two_processes_writing_at_once_lose_nothing() {
        let d = lib();
        for i in 0..300 {
            fs::write(
                d.path().join(format!("n{i:03}.txt")),
                format!("Story {i}\n\n\u{201c}Line {i},\u{201d} said Ana Ruiz."),
            )
            .unwrap();
        }
        let cache = tempfile::tempdir().unwrap();
        let path = cache.path().join(FILE_NAME);
        let roots = vec![d.path().to_path_buf()];
        std::thread::scope(|s| {
            let hs: Vec<_> = (0..3)
                .map(|_| {
                    let (path, roots) = (path.clone(), roots.clone());
                    s.spawn(move || {
                        let mut ix = Index::open(&path).unwrap();
                        ix.sync(&roots, &LoadOptions::default(), |_| {}).unwrap()
                    })
                })
                .collect();
            for h in hs {
                assert_eq!(h.join().unwrap().articles, 302);
            }
        });
        let ix = Index::open(&path).unwrap();
        assert_eq!(count(&ix, "SELECT count(*) FROM article"), 302, "each file once");
        assert_eq!(count(&ix, "SELECT count(*) FROM file"), 302);
        assert_eq!(count(&ix, "SELECT count(*) FROM body WHERE body MATCH 'line'"), 300, "and its text once");
    }

    #[test]
    fn files_outside_the_roots_stay() {
        let a = lib();
        let b = lib();
        let mut ix = Index::in_memory().unwrap();
        ix.sync(&[a.path().to_path_buf()], &LoadOptions::default(), |_| {}).unwrap();
        let r = ix.sync(&[b.path().to_path_buf()], &LoadOptions::default(), |_| {}).unwrap();
        assert_eq!((r.removed, r.articles), (0, 2));
        assert_eq!(count(&ix, "SELECT count(*) FROM article"), 4);
        assert_eq!(ix.search("ferry", 10).unwrap().len(), 1, "searches stay inside the synced roots");
        ix.set_scope(&[a.path().to_path_buf(), b.path().to_path_buf()]).unwrap();
        assert_eq!(ix.search("ferry", 10).unwrap().len(), 2);
        assert_eq!(ix.speakers().unwrap().iter().map(|s| s.stories).sum::<usize>(), 4);
    }

    #[test]
    fn quotes_carry_speaker_kind_paragraph_and_offsets() {
        let d = lib();
        let mut ix = Index::in_memory().unwrap();
        ix.sync(&[d.path().join("a.txt")], &LoadOptions::default(), |_| {}).unwrap();
        let rows: Vec<(String, i64, i64, i64, i64, Option<String>)> = ix
            .conn()
            .prepare(
                "SELECT speaker.name, quote.kind, paragraph, start, end, segments
                 FROM quote JOIN speaker ON speaker.id = quote.speaker ORDER BY start",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, "Inés López");
        assert_eq!((query::kind_name(rows[0].1), rows[0].2), ("direct", 2));
        assert_eq!(rows[1].2, 3);
        let start = usize::try_from(rows[1].3).unwrap();
        let end = usize::try_from(rows[1].4).unwrap();
        assert_eq!(STORY_A.get(start..end), Some("The ferry comes first,"));
        assert_eq!(rows[1].5, None, "one segment: its span says it all");
    }
}
