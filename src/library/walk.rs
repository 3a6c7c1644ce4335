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
pub struct Walk {
    root: std::path::PathBuf,
    it: walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool>,
    seen: std::collections::HashSet<std::path::PathBuf>,
}

impl Walk {
    pub fn new(root: &Path) -> Walk {
        fn shown(e: &walkdir::DirEntry) -> bool {
            e.depth() == 0 || e.file_name().to_str().is_some_and(|n| !n.starts_with('.'))
        }
        let it = walkdir::WalkDir::new(root)
            .follow_links(true)
            .max_depth(MAX_DEPTH + 1)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(shown as fn(&walkdir::DirEntry) -> bool);
        Walk { root: root.to_path_buf(), it, seen: std::collections::HashSet::new() }
    }
}

impl Iterator for Walk {
    type Item = (Found, Option<std::fs::Metadata>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let entry = match self.it.next()? {
                Ok(e) => e,
                // A link back to a folder above it: already being walked, nothing to report.
                Err(e) if e.loop_ancestor().is_some() => continue,
                Err(e) => {
                    let path = e.path().unwrap_or(&self.root).to_path_buf();
                    let why = e.io_error().map_or_else(|| e.to_string(), io_reason);
                    return Some((Found::Unreadable(path, why), None));
                }
            };
            let ft = entry.file_type();
            if ft.is_dir() {
                // Each folder once: a second link to a folder already walked is skipped.
                let first = std::fs::canonicalize(entry.path()).map_or(true, |c| self.seen.insert(c));
                if !first {
                    self.it.skip_current_dir();
                } else if entry.depth() > MAX_DEPTH {
                    self.it.skip_current_dir();
                    return Some((Found::Unreadable(entry.path().to_path_buf(), "too deeply nested".into()), None));
                }
            } else if ft.is_file() {
                let meta = entry.metadata().ok();
                let len = meta.as_ref().map_or(1, std::fs::Metadata::len);
                let found = if skip_reason(entry.path(), len).is_some() {
                    Found::Skipped(entry.into_path())
                } else {
                    Found::File(entry.into_path())
                };
                return Some((found, meta));
            }
            // FIFOs, devices and sockets are not articles: left out.
        }
    }
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
}
