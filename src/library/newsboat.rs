//! newsboat's cache as a library: `quoth --newsboat [CACHE.db]` lists the items newsboat has
//! fetched (not the deleted ones), newest first, and opens each one's stored content.
//!
//! The cache belongs to newsboat and may be open there while quoth reads it: it is opened
//! read-only (`SQLite` never writes a read-only connection's file), waits a little for a lock
//! newsboat holds while it reloads, and a file that is not a newsboat cache (corrupt, another
//! schema) is a one-line error naming it.

use super::{Entry, LoadOptions, Origin};
use crate::article::sanitize::clean_line;
use crate::article::{Article, Format, Meta};
use rusqlite::{Connection, OpenFlags, OptionalExtension as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The columns quoth reads, by table: a cache without them is of a schema quoth does not know.
const NEEDED: &[(&str, &[&str])] = &[
    ("rss_item", &["id", "title", "author", "url", "feedurl", "pubDate", "content", "deleted"]),
    ("rss_feed", &["rssurl", "title"]),
];

/// How long quoth waits for newsboat to release a write lock.
const BUSY_WAIT: Duration = Duration::from_secs(3);

/// Why the cache could not be read. Each message names the file.
#[derive(Debug, thiserror::Error)]
pub enum NewsboatError {
    #[error("{path}: no such file (is newsboat installed? give the cache's path: --newsboat FILE)")]
    Missing { path: String },
    #[error("{path}: the cache is locked by another program (newsboat reloading?): try again in a moment")]
    Locked { path: String },
    #[error("{path}: not a newsboat cache ({why})")]
    NotACache { path: String, why: String },
    #[error("{path}: {why}")]
    Other { path: String, why: String },
}

/// newsboat's cache: `~/.newsboat/cache.db` when that folder exists, else
/// `$XDG_DATA_HOME/newsboat/cache.db` (newsboat's own rule).
pub fn default_path() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
    if let Some(h) = &home
        && h.join(".newsboat").is_dir()
    {
        return Some(h.join(".newsboat/cache.db"));
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| home.map(|h| h.join(".local/share")))?;
    Some(data.join("newsboat/cache.db"))
}

/// An open cache, read-only.
pub struct Cache {
    conn: Connection,
    path: PathBuf,
}

/// One item of the cache, as listed (without its content).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemInfo {
    pub id: i64,
    pub meta: Meta,
}

impl Cache {
    /// Opens the cache at `path` read-only and checks that it is newsboat's.
    pub fn open(path: &Path) -> Result<Cache, NewsboatError> {
        let shown = super::display_path(path);
        if !path.is_file() {
            return Err(NewsboatError::Missing { path: shown });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(&shown, &e))?;
        conn.busy_timeout(BUSY_WAIT).map_err(|e| classify(&shown, &e))?;
        let cache = Cache { conn, path: path.to_path_buf() };
        cache.check_schema()?;
        Ok(cache)
    }

    fn shown(&self) -> String {
        super::display_path(&self.path)
    }

    fn check_schema(&self) -> Result<(), NewsboatError> {
        for (table, columns) in NEEDED {
            let mut stmt =
                self.conn.prepare(&format!("PRAGMA table_info({table})")).map_err(|e| classify(&self.shown(), &e))?;
            let have: Vec<String> = stmt
                .query_map([], |r| r.get::<_, String>(1))
                .and_then(Iterator::collect)
                .map_err(|e| classify(&self.shown(), &e))?;
            if have.is_empty() {
                return Err(NewsboatError::NotACache { path: self.shown(), why: format!("no table {table}") });
            }
            if let Some(missing) = columns.iter().find(|c| !have.iter().any(|h| h == *c)) {
                let why = format!("table {table} has no column {missing}: a newsboat version quoth does not know");
                return Err(NewsboatError::NotACache { path: self.shown(), why });
            }
        }
        Ok(())
    }

    /// The items that are not deleted, newest first.
    pub fn items(&self) -> Result<Vec<ItemInfo>, NewsboatError> {
        let sql = "SELECT i.id, i.title, i.author, i.url, strftime('%Y-%m-%d', i.pubDate, 'unixepoch'), f.title \
                   FROM rss_item i LEFT JOIN rss_feed f ON f.rssurl = i.feedurl \
                   WHERE i.deleted = 0 ORDER BY i.pubDate DESC, i.id DESC";
        let mut stmt = self.conn.prepare(sql).map_err(|e| classify(&self.shown(), &e))?;
        stmt.query_map([], |r| {
            let text =
                |i: usize| r.get::<_, Option<String>>(i).map(|s| s.map(|s| clean_line(&s)).filter(|s| !s.is_empty()));
            Ok(ItemInfo {
                id: r.get(0)?,
                meta: Meta {
                    title: text(1)?.unwrap_or_default(),
                    author: text(2)?,
                    url: text(3)?,
                    date: text(4)?,
                    source: text(5)?,
                    tags: Vec::new(),
                },
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| classify(&self.shown(), &e))
    }

    /// The article of item `id`: its stored content (HTML, as the feed gave it) with its metadata.
    pub fn article(&self, id: i64, load: &LoadOptions) -> Result<Article, NewsboatError> {
        let sql = "SELECT i.title, i.author, i.url, strftime('%Y-%m-%d', i.pubDate, 'unixepoch'), f.title, i.content \
                   FROM rss_item i LEFT JOIN rss_feed f ON f.rssurl = i.feedurl WHERE i.id = ?1";
        type Row = (Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>);
        let row: Option<Row> = self
            .conn
            .query_row(sql, [id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
            .optional()
            .map_err(|e| classify(&self.shown(), &e))?;
        let Some((title, author, url, date, source, content)) = row else {
            return Err(NewsboatError::Other {
                path: self.shown(),
                why: format!("no item {id} (deleted in newsboat?)"),
            });
        };
        let mut content = content.unwrap_or_default();
        if content.len() as u64 > load.max_bytes {
            return Err(NewsboatError::Other {
                path: self.shown(),
                why: format!("item {id} is larger than the size limit ({} bytes)", load.max_bytes),
            });
        }
        let clean = |s: Option<String>| s.map(|s| clean_line(&s)).filter(|s| !s.is_empty());
        let meta = Meta {
            title: clean(title).unwrap_or_default(),
            author: clean(author),
            url: clean(url),
            date: clean(date),
            source: clean(source),
            tags: Vec::new(),
        };
        if content.trim().is_empty() {
            "<p>newsboat has no text for this story.</p>".clone_into(&mut content);
        }
        let (article, _) = crate::article::html::parse_fragment(&content, meta, load.bidi, Format::Html);
        Ok(article)
    }
}

/// A failed `SQLite` call as one line: locked, not a database, or the error itself.
fn classify(path: &str, e: &rusqlite::Error) -> NewsboatError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => NewsboatError::Locked { path: path.to_owned() },
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            NewsboatError::NotACache { path: path.to_owned(), why: "not an SQLite database, or a damaged one".into() }
        }
        _ => NewsboatError::Other { path: path.to_owned(), why: clean_line(&e.to_string()) },
    }
}

/// Lists the cache's items as library entries, in batches, with their quote counts (each item's
/// content is read and extracted). `on_event` returning false stops the listing.
pub fn scan(
    db: &Path,
    load: &LoadOptions,
    mut on_event: impl FnMut(super::index::ScanEvent) -> bool,
) -> Result<(), NewsboatError> {
    use super::index::ScanEvent;
    let cache = Cache::open(db)?;
    let items = cache.items()?;
    let total = items.len();
    let mut batch = Vec::new();
    for (done, item) in items.into_iter().enumerate() {
        let origin = Origin::Newsboat(db.to_path_buf(), item.id);
        let entry = match cache.article(item.id, load) {
            Ok(a) => Entry::new(origin, &a, &crate::extract::extract(&a)),
            Err(e) => {
                let mut e = Entry::failed(origin, &e.to_string());
                e.title = if item.meta.title.is_empty() { e.title } else { item.meta.title };
                e
            }
        };
        batch.push(entry);
        if batch.len() >= 128 || done + 1 == total {
            if !on_event(ScanEvent::Entries(std::mem::take(&mut batch))) {
                return Ok(());
            }
            if !on_event(ScanEvent::Progress { done: done + 1, total, skipped: 0 }) {
                return Ok(());
            }
        }
    }
    if total == 0 {
        on_event(ScanEvent::Progress { done: 0, total: 0, skipped: 0 });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cache with newsboat's schema (the tables and columns of its `cache.db`), as a test
    /// fixture built here.
    pub(crate) fn make_cache(path: &Path) {
        let c = Connection::open(path).unwrap();
        c.execute_batch(
            "CREATE TABLE rss_feed (rssurl VARCHAR(1024) PRIMARY KEY NOT NULL, url VARCHAR(1024) NOT NULL, \
               title VARCHAR(1024) NOT NULL, lastmodified INTEGER(11) NOT NULL DEFAULT 0, is_rtl INTEGER(1) NOT NULL DEFAULT 0, \
               etag VARCHAR(128) NOT NULL DEFAULT '');
             CREATE TABLE rss_item (id INTEGER PRIMARY KEY AUTOINCREMENT, guid VARCHAR(64) NOT NULL, title VARCHAR(1024) NOT NULL, \
               author VARCHAR(1024) NOT NULL, url VARCHAR(1024) NOT NULL, feedurl VARCHAR(1024) NOT NULL, pubDate INTEGER NOT NULL, \
               content VARCHAR(65535) NOT NULL, unread INTEGER(1) NOT NULL, enclosure_url VARCHAR(1024), enclosure_type VARCHAR(1024), \
               enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52), deleted INTEGER(1) NOT NULL DEFAULT 0, base VARCHAR(128) NOT NULL DEFAULT '', \
               content_mime_type VARCHAR(255) NOT NULL DEFAULT '');
             INSERT INTO rss_feed (rssurl, url, title) VALUES ('https://moor.example/rss', 'https://moor.example/', 'Moorland Echo');
             INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread, deleted) VALUES
               ('a', 'Reservoir level falls', 'Nils Agren', 'https://moor.example/res', 'https://moor.example/rss', 1793000000,
                '<p>The reservoir is at half its usual level.</p><p>&ldquo;We ask everyone to save water,&rdquo; said Karin Obst, the water board&rsquo;s director.</p>', 1, 0),
               ('b', 'Old story', '', 'https://moor.example/old', 'https://moor.example/rss', 1700000000, '<p>Gone.</p>', 0, 1),
               ('c', 'Fair\x1b[31m weekend', '', 'https://moor.example/fair', 'https://moor.example/rss', 1792000000, '', 1, 0);",
        )
        .unwrap();
    }

    #[test]
    fn lists_items_newest_first_without_deleted_ones() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cache.db");
        make_cache(&db);
        let cache = Cache::open(&db).unwrap();
        let items = cache.items().unwrap();
        let titles: Vec<&str> = items.iter().map(|i| i.meta.title.as_str()).collect();
        assert_eq!(titles.len(), 2);
        assert_eq!(titles[0], "Reservoir level falls");
        assert!(!titles[1].contains('\x1b'), "{:?}", titles[1]);
        assert_eq!(items[0].meta.source.as_deref(), Some("Moorland Echo"));
        assert_eq!(items[0].meta.date.as_deref(), Some("2026-10-26"));
        let a = cache.article(items[0].id, &LoadOptions::default()).unwrap();
        assert!(a.text.contains("“We ask everyone to save water,” said Karin Obst"), "{}", a.text);
        let empty = cache.article(items[1].id, &LoadOptions::default()).unwrap();
        assert!(empty.text.contains("no text for this story"));
    }

    #[test]
    fn never_writes_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cache.db");
        make_cache(&db);
        let before = std::fs::read(&db).unwrap();
        let stamp = std::fs::metadata(&db).unwrap().modified().unwrap();
        let mut n = 0;
        scan(&db, &LoadOptions::default(), |e| {
            if let crate::library::index::ScanEvent::Entries(v) = e {
                n += v.len();
            }
            true
        })
        .unwrap();
        assert_eq!(n, 2);
        assert_eq!(std::fs::read(&db).unwrap(), before);
        assert_eq!(std::fs::metadata(&db).unwrap().modified().unwrap(), stamp);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn bad_caches_are_one_line_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = Cache::open(&dir.path().join("none.db")).err().unwrap();
        assert!(matches!(missing, NewsboatError::Missing { .. }));
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, vec![b'x'; 4096]).unwrap();
        assert!(matches!(Cache::open(&junk).err().unwrap(), NewsboatError::NotACache { .. }));
        let other = dir.path().join("other.db");
        Connection::open(&other).unwrap().execute_batch("CREATE TABLE rss_item (id INTEGER, title TEXT);").unwrap();
        let e = Cache::open(&other).err().unwrap();
        assert!(e.to_string().contains("no column author"), "{e}");
        // Locked: another connection holds an exclusive lock.
        let db = dir.path().join("cache.db");
        make_cache(&db);
        let locker = Connection::open(&db).unwrap();
        locker.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;").unwrap();
        let started = std::time::Instant::now();
        let e = Cache::open(&db).and_then(|c| c.items()).err().unwrap();
        assert!(matches!(e, NewsboatError::Locked { .. }), "{e}");
        assert!(started.elapsed() < Duration::from_secs(10));
        for e in [missing, e] {
            assert!(!e.to_string().contains('\n'));
        }
    }
}
