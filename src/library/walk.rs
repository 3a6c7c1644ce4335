//! Walking a library folder: which files are stories (by extension, name and content), in a
//! stable order, each folder once, unreadable entries reported.

use super::{LoadError, io_reason};
use crate::article::ParseError;
use std::path::{Path, PathBuf};

/// What a directory walk finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    File(PathBuf),
    /// A file that is not an article (source code, a project file, media, an empty file).
    Skipped(PathBuf),
    /// A file or directory that could not be read, with the reason.
    Unreadable(PathBuf, String),
}

/// Extensions that are never articles (skipped when scanning a directory): media, archives
/// and binaries, source code, and configuration. `.xml` is not among them: feeds use it.
const NOT_ARTICLES: &[&str] = &[
    // media, archives, binaries, databases
    "png",
    "jpg",
    "jpeg",
    "gif",
    "webp",
    "svg",
    "ico",
    "bmp",
    "tif",
    "tiff",
    "pdf",
    "epub",
    "zip",
    "gz",
    "tgz",
    "bz2",
    "xz",
    "zst",
    "7z",
    "rar",
    "tar",
    "mp3",
    "mp4",
    "m4a",
    "flac",
    "mkv",
    "mov",
    "avi",
    "webm",
    "wav",
    "ogg",
    "exe",
    "so",
    "dll",
    "dylib",
    "o",
    "a",
    "rlib",
    "class",
    "jar",
    "pyc",
    "wasm",
    "bin",
    "iso",
    "dmg",
    "woff",
    "woff2",
    "ttf",
    "otf",
    "db",
    "sqlite",
    "sqlite3",
    "lock",
    // source code
    "rs",
    "py",
    "c",
    "h",
    "cc",
    "cpp",
    "cxx",
    "hpp",
    "hh",
    "js",
    "mjs",
    "cjs",
    "ts",
    "tsx",
    "jsx",
    "go",
    "java",
    "kt",
    "kts",
    "scala",
    "rb",
    "php",
    "pl",
    "pm",
    "sh",
    "bash",
    "zsh",
    "fish",
    "ps1",
    "bat",
    "swift",
    "cs",
    "fs",
    "lua",
    "hs",
    "ml",
    "ex",
    "exs",
    "erl",
    "clj",
    "el",
    "vim",
    "css",
    "scss",
    "sass",
    "less",
    "sql",
    "asm",
    "s",
    "zig",
    "nim",
    "dart",
    "jl",
    "r",
    "patch",
    "diff",
    // configuration and build files
    "toml",
    "yaml",
    "yml",
    "ini",
    "cfg",
    "conf",
    "properties",
    "cmake",
    "gradle",
    "mk",
    "csv",
    "tsv",
    "log",
];

/// File names (compared without case, with or without an extension) that are project files,
/// never stories: `Cargo.toml`, `package.json`, `LICENSE.md`.
const NOT_ARTICLE_NAMES: &[&str] = &[
    "cargo",
    "makefile",
    "gnumakefile",
    "dockerfile",
    "containerfile",
    "justfile",
    "rakefile",
    "gemfile",
    "package",
    "package-lock",
    "tsconfig",
    "composer",
    "pipfile",
    "pyproject",
    "license",
    "licence",
    "copying",
    "notice",
    "authors",
    "contributors",
    "codeowners",
    "changelog",
    "changes",
];

/// Why a file in a scanned directory is not listed, or `None` when it may be an article. The
/// content is not read here: files that turn out binary or empty when loaded are skipped by
/// the scan ([`is_not_an_article`]).
fn skip_reason(path: &Path, len: u64) -> Option<&'static str> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let stem = path.file_stem().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if ext.as_deref().is_some_and(|e| NOT_ARTICLES.contains(&e)) {
        Some("not an article format")
    } else if stem.as_deref().is_some_and(|n| NOT_ARTICLE_NAMES.contains(&n))
        && ext.as_deref().is_none_or(|e| matches!(e, "toml" | "json" | "md" | "txt" | "lock" | "in"))
    {
        Some("a project file")
    } else if len == 0 {
        Some("empty")
    } else {
        None
    }
}

/// True when loading failed because the file is binary or holds no text: in a scanned
/// directory such a file is skipped, not listed as a broken story.
pub fn is_not_an_article(e: &LoadError) -> bool {
    matches!(
        e,
        LoadError::Parse {
            source: ParseError::Empty | ParseError::Decode(crate::article::sanitize::DecodeError::Binary { .. }),
            ..
        }
    )
}

/// Most directory levels a walk descends.
const MAX_DEPTH: usize = 32;

/// Finds article files below `root`, recursively, in a stable order: hidden entries are
/// skipped, symbolic links are followed but each directory is visited once (no loops), and
/// unreadable entries are reported rather than dropped.
pub fn walk(root: &Path, out: &mut Vec<Found>) {
    walk_with(root, &mut |found, _| out.push(found));
}

/// [`walk`], handing each find to `each` with the file's metadata when it was read (for a
/// file: its size and time, so that a caller need not ask for them again).
pub fn walk_with(root: &Path, each: &mut dyn FnMut(Found, Option<std::fs::Metadata>)) {
    for (found, meta) in Walk::new(root) {
        each(found, meta);
    }
}

/// [`walk_with`] as an iterator: each find as the walk reaches it, so that work on the first
/// files can start before a large tree is listed.
///
/// Written on `std::fs::read_dir` rather than a walking crate: an entry's metadata is read
/// relative to its open folder (no lookup of the whole path per file), which halves the cost
/// of the check a warm library search makes of every file.
pub struct Walk {
    /// Folders being listed, outermost first: each one's entries in name order, and how far
    /// the walk has got through them.
    stack: Vec<Listing>,
    /// The root, until it is looked at.
    root: Option<PathBuf>,
    /// Every folder walked, by its canonical path: each is walked once.
    seen: std::collections::HashSet<PathBuf>,
}

struct Listing {
    dir: PathBuf,
    depth: usize,
    /// Each entry's name and what it is (see [`Walk::look`]).
    entries: std::vec::IntoIter<(std::ffi::OsString, Looked)>,
}

type Looked = Result<(bool, std::fs::Metadata), std::io::Error>;

/// Entries of one folder past which their metadata is read on several threads.
const PARALLEL_LOOK: usize = 256;

impl Walk {
    pub fn new(root: &Path) -> Walk {
        Walk { stack: Vec::new(), root: Some(root.to_path_buf()), seen: std::collections::HashSet::new() }
    }

    /// Starts listing `dir` (at `depth` below the root), or says why it cannot be.
    fn enter(&mut self, dir: PathBuf, depth: usize) -> Option<Found> {
        // Each folder once: a second link to a folder already walked, or a link back up to a
        // folder being walked, is left out without a word.
        if let Ok(c) = std::fs::canonicalize(&dir)
            && !self.seen.insert(c)
        {
            return None;
        }
        if depth > MAX_DEPTH {
            return Some(Found::Unreadable(dir, "too deeply nested".into()));
        }
        let read = match std::fs::read_dir(&dir) {
            Ok(r) => r,
            Err(e) => return Some(Found::Unreadable(dir, io_reason(&e))),
        };
        let mut entries = Vec::new();
        for e in read {
            match e {
                Ok(e) => {
                    if !e.file_name().as_encoded_bytes().starts_with(b".") {
                        entries.push(e);
                    }
                }
                Err(e) => return Some(Found::Unreadable(dir, io_reason(&e))),
            }
        }
        let mut entries: Vec<(std::ffi::OsString, std::fs::DirEntry)> =
            entries.into_iter().map(|e| (e.file_name(), e)).collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let looked = look_all(&entries);
        let entries: Vec<_> = entries.into_iter().map(|(n, _)| n).zip(looked).collect();
        self.stack.push(Listing { dir, depth, entries: entries.into_iter() });
        None
    }

    /// What one entry of a folder is: a file found (with its metadata), a folder to enter,
    /// or an entry that could not be read. Symbolic links are followed.
    fn look(entry: &std::fs::DirEntry) -> Looked {
        let mut meta = entry.metadata()?;
        if meta.file_type().is_symlink() {
            meta = std::fs::metadata(entry.path())?;
        }
        Ok((meta.is_dir(), meta))
    }
}

impl Iterator for Walk {
    type Item = (Found, Option<std::fs::Metadata>);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(root) = self.root.take() {
            match std::fs::metadata(&root) {
                Ok(m) if m.is_dir() => {
                    if let Some(f) = self.enter(root, 0) {
                        return Some((f, None));
                    }
                }
                Ok(m) if m.is_file() => return Some((file_found(root, &m), Some(m))),
                Ok(_) => return None,
                Err(e) => return Some((Found::Unreadable(root, io_reason(&e)), None)),
            }
        }
        loop {
            let top = self.stack.last_mut()?;
            let Some((name, looked)) = top.entries.next() else {
                self.stack.pop();
                continue;
            };
            let depth = top.depth + 1;
            let path = top.dir.join(name);
            match looked {
                Ok((true, _)) => {
                    if let Some(f) = self.enter(path, depth) {
                        return Some((f, None));
                    }
                }
                Ok((false, meta)) if meta.is_file() => return Some((file_found(path, &meta), Some(meta))),
                // FIFOs, devices and sockets are not articles: left out.
                Ok(_) => {}
                Err(e) => return Some((Found::Unreadable(path, io_reason(&e)), None)),
            }
        }
    }
}

/// What each entry of a folder is, in order. A large folder is looked at on several threads:
/// reading metadata is most of a walk's time, and a warm library search walks every file.
fn look_all(entries: &[(std::ffi::OsString, std::fs::DirEntry)]) -> Vec<Looked> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(4);
    if threads < 2 || entries.len() < PARALLEL_LOOK {
        return entries.iter().map(|(_, e)| Walk::look(e)).collect();
    }
    let chunk = entries.len().div_ceil(threads);
    std::thread::scope(|s| {
        let parts: Vec<_> = entries
            .chunks(chunk)
            .skip(1)
            .map(|part| s.spawn(move || part.iter().map(|(_, e)| Walk::look(e)).collect::<Vec<_>>()))
            .collect();
        let mut all: Vec<Looked> = entries[..chunk.min(entries.len())].iter().map(|(_, e)| Walk::look(e)).collect();
        for p in parts {
            match p.join() {
                Ok(v) => all.extend(v),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    })
}

/// A regular file found by the walk: an article candidate, or skipped by name or size.
fn file_found(path: PathBuf, meta: &std::fs::Metadata) -> Found {
    if skip_reason(&path, meta.len()).is_some() { Found::Skipped(path) } else { Found::File(path) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_survives_link_loops_and_reports_bad_entries() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/b/story.txt"), "T\n\nBody.\n").unwrap();
        std::fs::write(root.join("a/picture.png"), [0u8, 1, 2]).unwrap();
        std::fs::write(root.join(".hidden.txt"), "x").unwrap();
        std::fs::write(root.join("a/lib.rs"), "pub fn f() {}").unwrap();
        std::fs::write(root.join("a/LICENSE"), "MIT").unwrap();
        std::fs::write(root.join("a/feed.xml"), "<rss/>").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("a"), root.join("a/b/up")).unwrap();
            std::os::unix::fs::symlink(root.join("self"), root.join("self")).unwrap();
        }
        let mut found = Vec::new();
        walk(root, &mut found);
        let files: Vec<_> =
            found.iter().filter_map(|f| if let Found::File(p) = f { Some(p.clone()) } else { None }).collect();
        assert_eq!(files, [root.join("a/b/story.txt"), root.join("a/feed.xml")]);
        let skipped: Vec<_> =
            found.iter().filter_map(|f| if let Found::Skipped(p) = f { Some(p.clone()) } else { None }).collect();
        assert_eq!(skipped, [root.join("a/LICENSE"), root.join("a/lib.rs"), root.join("a/picture.png")]);
        #[cfg(unix)]
        assert!(found.iter().any(|f| matches!(f, Found::Unreadable(p, _) if p.ends_with("self"))), "{found:?}");
    }

    #[test]
    fn walk_lists_in_name_order_and_each_folder_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b")).unwrap();
        for f in ["c.txt", "a.txt", "b/x.txt"] {
            std::fs::write(root.join(f), "T\n\nBody.\n").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("b"), root.join("z-second-link")).unwrap();
        let mut found = Vec::new();
        walk(root, &mut found);
        let files: Vec<_> =
            found.iter().filter_map(|f| if let Found::File(p) = f { Some(p.clone()) } else { None }).collect();
        assert_eq!(files, [root.join("a.txt"), root.join("b/x.txt"), root.join("c.txt")]);
    }

    #[test]
    fn a_large_folder_is_looked_at_in_parallel_and_listed_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let n = PARALLEL_LOOK * 2 + 7;
        for i in (0..n).rev() {
            std::fs::write(root.join(format!("s{i:04}.txt")), "T\n\nBody.\n").unwrap();
        }
        std::fs::create_dir(root.join("s0100.d")).unwrap();
        std::fs::write(root.join("s0100.d/inner.txt"), "T\n\nBody.\n").unwrap();
        let found: Vec<_> = Walk::new(root).collect();
        let files: Vec<_> = found
            .iter()
            .filter_map(|(f, m)| {
                if let Found::File(p) = f { Some((p.clone(), m.as_ref().map(std::fs::Metadata::len))) } else { None }
            })
            .collect();
        assert_eq!(files.len(), n + 1);
        let mut want: Vec<_> = (0..n).map(|i| root.join(format!("s{i:04}.txt"))).collect();
        // "s0100.d" sorts before "s0100.txt": its file comes first.
        want.insert(100, root.join("s0100.d/inner.txt"));
        assert_eq!(files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>(), want);
        assert!(files.iter().all(|(_, len)| *len == Some(9)));
    }
}
