//! The thin edge between files and articles: reading one file, the built-in samples, and
//! (in `library/`) directories of articles with an index for the library view.

mod entries;
pub mod index;
pub mod newsboat;
mod walk;

pub use entries::{Entry, EntryState, entries_for, entry_for, scanned_entries};
pub use walk::{Found, Walk, is_not_an_article, walk, walk_with};

use crate::article::sanitize::{BidiPolicy, clean_line};
use crate::article::{Article, Format, ParseError, ParseOptions};
use crate::fsio::{ReadError, read_regular};
use std::path::{Path, PathBuf};

/// True when the file at `path` with these first bytes is a feed: sniffed from the content,
/// unless the extension names an article format (a `.txt` about RSS is still a text).
fn is_feed(path: &Path, head: &[u8]) -> bool {
    let named = path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension);
    !matches!(named, Some(Format::Plain | Format::Markdown | Format::Html))
        && crate::article::feed::looks_like_feed(head)
}

/// True when `path` is a feed file (read from its first bytes): it opens as a library of its
/// entries.
pub fn is_feed_file(path: &Path) -> bool {
    crate::fsio::read_head(path, crate::article::feed::SNIFF_BYTES as u64).is_ok_and(|(head, _)| is_feed(path, &head))
}

/// Reads one file as the articles it holds: a feed gives one per entry (`PATH#N`), any other
/// file one article.
pub fn load_file(path: &Path, opts: &LoadOptions) -> Result<Vec<(Origin, Article)>, LoadError> {
    let bytes =
        read_regular(path, opts.max_bytes).map_err(|source| LoadError::Read { path: display_path(path), source })?;
    load_bytes(path, bytes, opts)
}

/// [`load_file`] for a file that a directory walk has just listed as a regular file (see
/// [`crate::fsio::read_listed`]).
pub fn load_listed_file(path: &Path, opts: &LoadOptions) -> Result<Vec<(Origin, Article)>, LoadError> {
    let bytes = crate::fsio::read_listed(path, opts.max_bytes)
        .map_err(|source| LoadError::Read { path: display_path(path), source })?;
    load_bytes(path, bytes, opts)
}

fn load_bytes(path: &Path, bytes: Vec<u8>, opts: &LoadOptions) -> Result<Vec<(Origin, Article)>, LoadError> {
    let shown = || display_path(path);
    if is_feed(path, &bytes) {
        let items = crate::article::feed::parse(&bytes, opts.bidi)
            .map_err(|source| LoadError::Parse { path: shown(), source })?;
        let base = path.to_path_buf();
        return Ok(items.into_iter().enumerate().map(|(i, a)| (Origin::Item(base.clone(), i + 1), a)).collect());
    }
    let article = parse_owned(bytes, path, opts).map_err(|source| LoadError::Parse { path: shown(), source })?;
    Ok(vec![(Origin::File(path.to_path_buf()), article)])
}

/// What standard input is called in messages and titles.
pub const STDIN_NAME: &str = "standard input";

/// Reads the articles on standard input (`quoth -`, `cat page.html | quoth`): a feed gives
/// one per entry, anything else one article, its format sniffed from the content.
pub fn load_stdin(opts: &LoadOptions) -> Result<Vec<Article>, LoadError> {
    load_reader(std::io::stdin().lock(), opts)
}

/// Reads the articles in a stream, never more than the size limit (see [`load_stdin`]).
pub fn load_reader(reader: impl std::io::Read, opts: &LoadOptions) -> Result<Vec<Article>, LoadError> {
    use std::io::Read as _;
    let shown = || STDIN_NAME.to_owned();
    let mut bytes = Vec::new();
    reader
        .take(opts.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::Read { path: shown(), source: ReadError::Io(e) })?;
    let size = bytes.len() as u64;
    if size > opts.max_bytes {
        return Err(LoadError::Read { path: shown(), source: ReadError::TooLarge { size, limit: opts.max_bytes } });
    }
    if crate::article::feed::looks_like_feed(&bytes) {
        return crate::article::feed::parse(&bytes, opts.bidi)
            .map_err(|source| LoadError::Parse { path: shown(), source });
    }
    let article = parse_owned(bytes, Path::new(STDIN_NAME), opts).map_err(|source| {
        let source = if matches!(source, ParseError::Empty) { ParseError::EmptyInput } else { source };
        LoadError::Parse { path: shown(), source }
    })?;
    Ok(vec![article])
}

/// The `n`th (1-based) entry of the feed at `path`.
pub fn load_item(path: &Path, n: usize, opts: &LoadOptions) -> Result<Article, LoadError> {
    let items = load_file(path, opts)?;
    let count = items.len();
    items.into_iter().nth(n.wrapping_sub(1)).map(|(_, a)| a).ok_or_else(|| LoadError::Parse {
        path: display_path(&Origin::Item(path.to_path_buf(), n).path()),
        source: ParseError::Feed(format!("no entry {n} (the feed has {count} now)")),
    })
}

/// Default largest article file quoth opens (64 MiB).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How files are turned into articles.
#[derive(Clone, Copy, Debug)]
pub struct LoadOptions {
    pub max_bytes: u64,
    pub bidi: BidiPolicy,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_bytes: DEFAULT_MAX_FILE_BYTES, bidi: BidiPolicy::default() }
    }
}

/// Why a file could not be opened as an article. The message names the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read: missing, not a regular file (a FIFO, a device, a
    /// directory), over the size limit, or an I/O error.
    #[error("{path}: {}", reason_of(.source))]
    Read { path: String, source: ReadError },
    #[error("{path}: {source}")]
    Parse { path: String, source: ParseError },
    /// An item of newsboat's cache could not be read.
    #[error("{0}")]
    Newsboat(#[from] newsboat::NewsboatError),
    /// The story came from standard input, which cannot be read again.
    #[error("{STDIN_NAME} was read once: save the story to a file to open it again")]
    StdinGone,
    /// A built-in sample that does not exist (an index from another version).
    #[error("no such built-in article")]
    NoSample,
}

fn reason_of(e: &ReadError) -> String {
    match e {
        ReadError::TooLarge { .. } => format!("{e} (set max-file-size in the config)"),
        _ => e.to_string(),
    }
}

impl LoadError {
    /// The reason without the path, for places that show the path already.
    pub fn reason(&self) -> String {
        match self {
            LoadError::Read { source, .. } => source.to_string(),
            LoadError::Parse { source, .. } => source.to_string(),
            other => other.to_string(),
        }
    }
}

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    crate::fsio::io_reason(e)
}

/// A path made safe to print in one line.
pub fn display_path(path: &Path) -> String {
    clean_line(&path.to_string_lossy())
}

/// Reads and parses one article file. The format comes from the extension, else is sniffed.
/// Only regular files are read (after following links), and never more than the size limit.
/// A feed is not one article: it is an error here ([`load_file`] reads its entries).
pub fn load_path(path: &Path, opts: &LoadOptions) -> Result<Article, LoadError> {
    let bytes =
        read_regular(path, opts.max_bytes).map_err(|source| LoadError::Read { path: display_path(path), source })?;
    if is_feed(path, &bytes) {
        let source = ParseError::Feed("a feed holds several stories: open one of its entries (FILE#N)".into());
        return Err(LoadError::Parse { path: display_path(path), source });
    }
    parse_owned(bytes, path, opts).map_err(|source| LoadError::Parse { path: display_path(path), source })
}

/// Files at least this large open with a preview of their beginning while the whole file
/// loads in the background.
pub const PREVIEW_FROM_BYTES: u64 = 2 * 1024 * 1024;
/// How much of a large file the preview reads.
const PREVIEW_BYTES: usize = 64 * 1024;

/// The beginning of a large article, parsed on its own, so the first screen can be drawn
/// before the whole file is read. `None` when the file is small, or JSON or HTML (which
/// cannot be parsed in part); then [`load_path`] is the way.
pub fn load_preview(path: &Path, opts: &LoadOptions) -> Option<Result<Article, LoadError>> {
    let shown = display_path(path);
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() < PREVIEW_FROM_BYTES {
        return None;
    }
    if meta.len() > opts.max_bytes {
        let source = ReadError::TooLarge { size: meta.len(), limit: opts.max_bytes };
        return Some(Err(LoadError::Read { path: shown, source }));
    }
    let mut head = match crate::fsio::read_head(path, PREVIEW_BYTES as u64) {
        Ok((head, _)) => head,
        Err(source) => return Some(Err(LoadError::Read { path: shown, source })),
    };
    let format = path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension);
    // JSON cannot be parsed in part, and half a web page has no main content to pick out.
    let sniffed_html = || {
        let start = head.get(..head.len().min(1024)).unwrap_or_default();
        crate::article::html::looks_like_html(&String::from_utf8_lossy(start))
    };
    let whole_only = matches!(format, Some(Format::Json | Format::Html))
        || is_feed(path, &head)
        || (format.is_none() && (head.trim_ascii_start().first() == Some(&b'{') || sniffed_html()));
    if whole_only || head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    // Whole paragraphs only: cut at the last blank line, else the last line break or space.
    let cut = memchr::memmem::rfind(&head, b"\n\n")
        .or_else(|| memchr::memrchr(b'\n', &head))
        .or_else(|| memchr::memrchr(b' ', &head))
        .unwrap_or(head.len());
    head.truncate(cut);
    Some(parse_owned(head, path, opts).map_err(|source| LoadError::Parse { path: shown, source }))
}

/// Parses bytes that came from `path` (used for the format and a fallback title).
pub fn parse_bytes(bytes: &[u8], path: &Path, opts: &LoadOptions) -> Result<Article, ParseError> {
    parse_owned(bytes.to_vec(), path, opts)
}

fn parse_owned(bytes: Vec<u8>, path: &Path, opts: &LoadOptions) -> Result<Article, ParseError> {
    let format = path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension);
    let mut article = Article::parse_owned(bytes, ParseOptions { format, bidi: opts.bidi, max_bytes: opts.max_bytes })?;
    if article.text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    if article.meta.title.is_empty() {
        article.meta.title = path.file_stem().map(|s| clean_line(&s.to_string_lossy())).unwrap_or_default();
    }
    Ok(article)
}

/// An article built into the binary.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    pub name: &'static str,
    pub bytes: &'static [u8],
}

/// The sample library in `assets/articles/`, embedded so it works after `cargo install`.
pub const SAMPLES: &[Sample] = &include!(concat!(env!("OUT_DIR"), "/samples.rs"));

/// The path-like id of a built-in sample (`builtin:NAME`).
pub fn sample_path(name: &str) -> PathBuf {
    PathBuf::from(format!("builtin:{name}"))
}

/// Parses a built-in sample.
pub fn load_sample(sample: &Sample, opts: &LoadOptions) -> Result<Article, ParseError> {
    parse_bytes(sample.bytes, Path::new(sample.name), opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_parse_and_have_quotes() {
        for s in SAMPLES {
            let a = load_sample(s, &LoadOptions::default());
            assert!(a.is_ok(), "{}: {:?}", s.name, a.err());
        }
    }

    #[test]
    fn missing_file_error_names_path() {
        let e = load_path(Path::new("/nonexistent/x.txt"), &LoadOptions::default()).unwrap_err();
        assert_eq!(e.to_string(), "/nonexistent/x.txt: no such file");
        assert_eq!(e.reason(), "no such file");
    }

    #[test]
    fn a_stream_is_sniffed_bounded_and_its_origin_cannot_be_reopened() {
        let opts = LoadOptions { max_bytes: 64, ..LoadOptions::default() };
        let page = b"<html><head><title>T</title></head><body><p>A story.</p></body></html>";
        let too_big = load_reader(&page[..], &opts);
        assert!(matches!(too_big, Err(LoadError::Read { source: ReadError::TooLarge { size: 65, .. }, .. })));
        let articles = load_reader(&page[..], &LoadOptions::default()).unwrap();
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].meta.title, "T");
        assert_eq!(Origin::from_path(&Origin::Stdin.path()), Origin::Stdin);
        assert!(Origin::Stdin.load(&opts).unwrap_err().to_string().contains("save the story to a file"));
    }

    #[test]
    fn size_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, "Title\n\nBody text here.").unwrap();
        let opts = LoadOptions { max_bytes: 5, ..LoadOptions::default() };
        assert!(matches!(load_path(&p, &opts), Err(LoadError::Read { source: ReadError::TooLarge { .. }, .. })));
    }
}

/// Where a library entry comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Index into [`SAMPLES`].
    Builtin(usize),
    File(PathBuf),
    /// The `n`th entry (1-based) of a feed file.
    Item(PathBuf, usize),
    /// An item of a newsboat cache: the cache's path and the item's id.
    Newsboat(PathBuf, i64),
    /// The article read from standard input, which cannot be read again.
    Stdin,
}

impl Origin {
    /// The path stored with bookmarks and positions (`builtin:NAME` for samples).
    pub fn path(&self) -> PathBuf {
        match self {
            Origin::Builtin(i) => SAMPLES.get(*i).map_or_else(|| PathBuf::from("builtin:?"), |s| sample_path(s.name)),
            Origin::File(p) => p.clone(),
            Origin::Item(p, n) => {
                let mut s = p.clone().into_os_string();
                s.push(format!("#{n}"));
                PathBuf::from(s)
            }
            Origin::Newsboat(db, id) => {
                let mut s = std::ffi::OsString::from("newsboat:");
                s.push(db.as_os_str());
                s.push(format!("#{id}"));
                PathBuf::from(s)
            }
            Origin::Stdin => PathBuf::from(STDIN_PATH),
        }
    }

    /// The origin named by a stored path.
    pub fn from_path(p: &Path) -> Origin {
        if let Some(name) = p.to_str().and_then(|s| s.strip_prefix("builtin:"))
            && let Some(i) = SAMPLES.iter().position(|s| s.name == name)
        {
            return Origin::Builtin(i);
        }
        if p.as_os_str() == STDIN_PATH {
            return Origin::Stdin;
        }
        // `newsboat:CACHE#ID`: an item of a newsboat cache.
        if let Some((db, id)) = p.to_str().and_then(|s| s.strip_prefix("newsboat:")).and_then(|s| s.rsplit_once('#'))
            && let Ok(id) = id.parse::<i64>()
        {
            return Origin::Newsboat(PathBuf::from(db), id);
        }
        // `FEED#N`: an entry of a feed file (when no file has the whole name).
        if let Some((file, n)) = p.to_str().and_then(|s| s.rsplit_once('#'))
            && let Ok(n) = n.parse::<usize>()
            && n > 0
            && !p.exists()
            && Path::new(file).is_file()
        {
            return Origin::Item(PathBuf::from(file), n);
        }
        Origin::File(p.to_path_buf())
    }

    /// Loads the article.
    pub fn load(&self, opts: &LoadOptions) -> Result<Article, LoadError> {
        match self {
            Origin::Builtin(i) => match SAMPLES.get(*i) {
                Some(s) => load_sample(s, opts).map_err(|e| LoadError::Parse { path: s.name.to_owned(), source: e }),
                None => Err(LoadError::NoSample),
            },
            Origin::File(p) => load_path(p, opts),
            Origin::Item(p, n) => load_item(p, *n, opts),
            Origin::Newsboat(db, id) => Ok(newsboat::Cache::open(db).and_then(|c| c.article(*id, opts))?),
            Origin::Stdin => Err(LoadError::StdinGone),
        }
    }
}

/// The path stored with bookmarks of the article read from standard input.
const STDIN_PATH: &str = "stdin:";

/// The body paragraphs of the built-in samples, for generating large test inputs
/// (benchmarks, `examples/gen_corpus.rs`).
pub fn sample_paragraphs() -> Vec<String> {
    let mut out = Vec::new();
    for s in SAMPLES {
        if let Ok(a) = load_sample(s, &LoadOptions::default()) {
            for (i, b) in a.blocks.iter().enumerate() {
                if b.kind.is_body() {
                    out.push(a.block_text(i).to_owned());
                }
            }
        }
    }
    out
}

/// A plain-text article of at least `bytes` bytes made by repeating the sample paragraphs.
pub fn sample_corpus(bytes: usize, title: &str) -> String {
    let paras = sample_paragraphs();
    let mut text = String::with_capacity(bytes + 4096);
    text.push_str(title);
    text.push_str("\n\n");
    let mut i = 0;
    while text.len() < bytes && !paras.is_empty() {
        if let Some(p) = paras.get(i % paras.len()) {
            text.push_str(p);
        }
        text.push_str("\n\n");
        i += 1;
    }
    text
}
