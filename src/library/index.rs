//! The library index: what the library view shows for each article file (title, source, date,
//! counts, fingerprint), keyed by path, size and modification time, so that a directory of
//! thousands of articles lists at once on the next start and only changed files are read again.
//!
//! It is a cache, not user data: a missing, unreadable or stale index (another quoth version, a
//! different extractor) is simply rebuilt. It is written atomically (temp file + rename).

use super::{Entry, EntryState, Found, LoadOptions, Origin, walk};
use crate::article::Fingerprint;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Changes whenever the extractor or this format changes, so counts are never stale.
const INDEX_ID: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("QUOTH_EXTRACT_HASH"), "+3");

/// One indexed file: its stamp and the entries it gives (one, or a feed's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Record {
    size: u64,
    mtime_ns: u128,
    items: Vec<Item>,
}

/// One entry of an indexed file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Item {
    /// The entry number in a feed; `None` for a file that is one article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    entry: Option<usize>,
    title: String,
    source: Option<String>,
    date: Option<String>,
    quotes: usize,
    speakers: Vec<String>,
    fingerprint: Option<Fingerprint>,
    text_len: usize,
    error: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct IndexFile {
    id: String,
    files: HashMap<PathBuf, Record>,
}

/// Where the index lives: `$QUOTH_CACHE_DIR`, else the platform cache dir.
pub fn default_path() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("QUOTH_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("library-index.json"));
    }
    directories::ProjectDirs::from("", "", "quoth").map(|d| d.cache_dir().join("library-index.json"))
}

/// The index is a cache: one larger than this is ignored (and rebuilt).
const INDEX_MAX_BYTES: u64 = 512 * 1024 * 1024;

fn read_index(path: &Path) -> IndexFile {
    let parsed = crate::fsio::read_regular(path, INDEX_MAX_BYTES)
        .ok()
        .and_then(|b| serde_json::from_slice::<IndexFile>(&b).ok());
    match parsed {
        Some(i) if i.id == INDEX_ID => i,
        _ => IndexFile { id: INDEX_ID.to_owned(), files: HashMap::new() },
    }
}

fn write_index(path: &Path, index: &IndexFile) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".library-index.{}.tmp", std::process::id()));
    let mut f = std::fs::File::create(&tmp)?;
    serde_json::to_writer(&mut f, index).map_err(std::io::Error::other)?;
    f.flush()?;
    drop(f);
    std::fs::rename(&tmp, path)
}

fn stamp(meta: &std::fs::Metadata) -> (u64, u128) {
    let mtime =
        meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    (meta.len(), mtime)
}

fn to_entry(path: PathBuf, r: &Item) -> Entry {
    Entry {
        origin: match r.entry {
            Some(n) => Origin::Item(path, n),
            None => Origin::File(path),
        },
        title: r.title.clone(),
        source: r.source.clone(),
        date: r.date.clone(),
        quotes: r.quotes,
        speakers: r.speakers.clone(),
        fingerprint: r.fingerprint,
        text_len: r.text_len,
        state: r.error.clone().map_or(EntryState::Read, EntryState::Failed),
    }
}

fn to_item(e: &Entry) -> Item {
    Item {
        entry: if let Origin::Item(_, n) = e.origin { Some(n) } else { None },
        title: e.title.clone(),
        source: e.source.clone(),
        date: e.date.clone(),
        quotes: e.quotes,
        speakers: e.speakers.clone(),
        fingerprint: e.fingerprint,
        text_len: e.text_len,
        error: e.error().map(str::to_owned),
    }
}

/// What a scan reports as it goes.
pub enum ScanEvent {
    /// Entries to add to the library.
    Entries(Vec<Entry>),
    /// Files examined so far, of the total, and how many of them were skipped as not
    /// articles (source code, project files, binaries, empty files).
    Progress { done: usize, total: usize, skipped: usize },
}

/// Scans `dirs` (directories, searched recursively, or single files) for articles: entries already in the index (same size and time) come at
/// once, the rest are read, extracted and indexed. `on_event` returning false stops the scan.
/// The index at `index_path` (if any) is updated when something changed.
pub fn scan(
    dirs: &[PathBuf],
    index_path: Option<&Path>,
    load: &LoadOptions,
    mut on_event: impl FnMut(ScanEvent) -> bool,
) {
    let mut index = index_path.map(read_index).unwrap_or_default();
    INDEX_ID.clone_into(&mut index.id);
    let mut found = Vec::new();
    // Files named one by one are listed whatever they hold; in a folder, non-articles are not.
    let mut in_dirs = std::collections::HashSet::new();
    for d in dirs {
        if d.is_dir() {
            let from = found.len();
            walk(d, &mut found);
            in_dirs.extend(found.get(from..).unwrap_or_default().iter().filter_map(|f| match f {
                Found::File(p) => Some(p.clone()),
                _ => None,
            }));
        } else {
            found.push(Found::File(d.clone()));
        }
    }
    let total = found.len();
    let mut skipped = 0;
    // First everything the index already knows, in one batch.
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for f in found {
        match f {
            Found::File(p) => {
                let st = std::fs::metadata(&p).map(|m| stamp(&m));
                match (st, index.files.get(&p)) {
                    // (A file skipped in a folder scan but now named on its own is read again.)
                    (Ok((size, mtime)), Some(r))
                        if r.size == size && r.mtime_ns == mtime && (!r.items.is_empty() || in_dirs.contains(&p)) =>
                    {
                        // No items: a file the last scan found not to be an article.
                        skipped += usize::from(r.items.is_empty());
                        known.extend(r.items.iter().map(|i| to_entry(p.clone(), i)));
                    }
                    (Ok((size, mtime)), _) => unknown.push((p, size, mtime)),
                    (Err(e), _) => known.push(Entry::failed(Origin::File(p), &super::io_reason(&e))),
                }
            }
            Found::Unreadable(p, why) => known.push(Entry::failed(Origin::File(p), &why)),
            Found::Skipped(_) => skipped += 1,
        }
    }
    let mut done = total - unknown.len();
    if !known.is_empty() && !on_event(ScanEvent::Entries(known)) {
        return;
    }
    if !on_event(ScanEvent::Progress { done, total, skipped }) {
        return;
    }
    let changed = !unknown.is_empty();
    let mut batch = Vec::new();
    for (p, size, mtime) in unknown {
        let entries =
            if in_dirs.contains(&p) { super::scanned_entries(&p, load) } else { super::entries_for(&p, load) };
        skipped += usize::from(entries.is_empty());
        let items = entries.iter().map(to_item).collect();
        index.files.insert(p, Record { size, mtime_ns: mtime, items });
        batch.extend(entries);
        done += 1;
        if batch.len() >= 256 || done == total {
            if !on_event(ScanEvent::Entries(std::mem::take(&mut batch))) {
                break;
            }
            if !on_event(ScanEvent::Progress { done, total, skipped }) {
                break;
            }
        }
    }
    // Forget files that are gone from the scanned folders.
    let before = index.files.len();
    index.files.retain(|p, _| !dirs.iter().any(|d| d.is_dir() && p.starts_with(d)) || p.exists());
    if let Some(path) = index_path
        && (changed || index.files.len() != before)
    {
        // A cache: failing to write it only costs time on the next start.
        let _ = write_index(path, &index);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(dirs: &[PathBuf], index: &Path) -> Vec<Entry> {
        let mut out = Vec::new();
        scan(dirs, Some(index), &LoadOptions::default(), |e| {
            if let ScanEvent::Entries(mut v) = e {
                out.append(&mut v);
            }
            true
        });
        out.sort_by_key(|e| e.origin.path());
        out
    }

    #[test]
    fn index_is_reused_and_updated() {
        let dir = tempfile::tempdir().unwrap();
        let lib = dir.path().join("lib");
        std::fs::create_dir_all(lib.join("sub")).unwrap();
        std::fs::write(lib.join("a.txt"), "Alpha\n\n“We will see,” said Ann Lee.\n").unwrap();
        std::fs::write(lib.join("sub/b.txt"), "Beta\n\nBody.\n").unwrap();
        let index = dir.path().join("cache/index.json");
        let first = run(std::slice::from_ref(&lib), &index);
        assert_eq!(first.len(), 2);
        assert!(index.exists());
        // Unchanged: served from the index (same entries).
        let second = run(std::slice::from_ref(&lib), &index);
        assert_eq!(first, second);
        // A changed file is read again; a removed one disappears.
        std::fs::write(lib.join("a.txt"), "Alpha two\n\nBody changed a lot here.\n").unwrap();
        std::fs::remove_file(lib.join("sub/b.txt")).unwrap();
        let third = run(std::slice::from_ref(&lib), &index);
        assert_eq!(third.len(), 1);
        assert_eq!(third[0].title, "Alpha two");
        // A corrupt index is rebuilt, not an error.
        std::fs::write(&index, "{ not json").unwrap();
        assert_eq!(run(&[lib], &index).len(), 1);
    }

    #[test]
    fn folders_list_articles_and_count_what_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let lib = dir.path().join("lib");
        std::fs::create_dir_all(lib.join("src")).unwrap();
        std::fs::write(lib.join("story.txt"), "Alpha\n\nBody.\n").unwrap();
        std::fs::write(lib.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
        std::fs::write(lib.join("src/main.rs"), "fn main() {}\n").unwrap();
        std::fs::write(lib.join("empty.txt"), "").unwrap();
        std::fs::write(lib.join("blank.md"), "\n  \n").unwrap();
        std::fs::write(lib.join("data"), b"\x7fELF\0\0\x01").unwrap();
        let index = dir.path().join("cache/index.json");
        let scan_once = |dirs: &[PathBuf]| {
            let (mut entries, mut skipped) = (Vec::new(), None);
            scan(dirs, Some(&index), &LoadOptions::default(), |e| {
                match e {
                    ScanEvent::Entries(mut v) => entries.append(&mut v),
                    ScanEvent::Progress { skipped: s, .. } => skipped = Some(s),
                }
                true
            });
            (entries, skipped)
        };
        for _ in 0..2 {
            // The second scan is served from the index and counts the same.
            let (entries, skipped) = scan_once(std::slice::from_ref(&lib));
            let titles: Vec<_> = entries.iter().map(|e| e.title.as_str()).collect();
            assert_eq!(titles, ["Alpha"]);
            assert_eq!(skipped, Some(5));
        }
        // Named on its own, a binary file is an error entry, not silently dropped.
        let (entries, skipped) = scan_once(&[lib.join("data")]);
        assert_eq!(skipped, Some(0));
        assert!(entries[0].error().is_some_and(|e| e.contains("binary")), "{entries:?}");
    }
}
