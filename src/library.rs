//! The thin edge between files and articles: reading one file, the built-in samples, and
//! (in `library/`) directories of articles with an index for the library view.

use crate::article::sanitize::{BidiPolicy, clean_line};
use crate::article::{Article, Format, ParseError, ParseOptions};
use std::path::{Path, PathBuf};

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
        LoadOptions {
            max_bytes: DEFAULT_MAX_FILE_BYTES,
            bidi: BidiPolicy::default(),
        }
    }
}

/// Why a file could not be opened as an article. The message names the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path}: file is {size} bytes, over the limit of {limit} bytes (set max-file-size in the config)"
    )]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: is a directory")]
    IsDirectory { path: String },
    #[error("{path}: {source}")]
    Parse { path: String, source: ParseError },
}

impl LoadError {
    /// The reason without the path, for places that show the path already.
    pub fn reason(&self) -> String {
        match self {
            LoadError::Io { source, .. } => io_reason(source),
            LoadError::TooLarge { size, limit, .. } => {
                format!("file is {size} bytes, over the limit of {limit} bytes")
            }
            LoadError::IsDirectory { .. } => "is a directory".into(),
            LoadError::Parse { source, .. } => source.to_string(),
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// A path made safe to print in one line.
pub fn display_path(path: &Path) -> String {
    clean_line(&path.to_string_lossy())
}

/// Reads and parses one article file. The format comes from the extension, else is sniffed.
pub fn load_path(path: &Path, opts: &LoadOptions) -> Result<Article, LoadError> {
    let shown = display_path(path);
    let meta = std::fs::metadata(path).map_err(|source| LoadError::Io {
        path: shown.clone(),
        source,
    })?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory { path: shown });
    }
    if meta.len() > opts.max_bytes {
        return Err(LoadError::TooLarge {
            path: shown,
            size: meta.len(),
            limit: opts.max_bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: shown.clone(),
        source,
    })?;
    // The file may have grown between stat and read.
    if bytes.len() as u64 > opts.max_bytes {
        return Err(LoadError::TooLarge {
            path: shown,
            size: bytes.len() as u64,
            limit: opts.max_bytes,
        });
    }
    parse_bytes(&bytes, path, opts).map_err(|source| LoadError::Parse {
        path: shown,
        source,
    })
}

/// Parses bytes that came from `path` (used for the format and a fallback title).
pub fn parse_bytes(bytes: &[u8], path: &Path, opts: &LoadOptions) -> Result<Article, ParseError> {
    let format = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension);
    let mut article = Article::parse(
        bytes,
        ParseOptions {
            format,
            bidi: opts.bidi,
        },
    )?;
    if article.text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    if article.meta.title.is_empty() {
        article.meta.title = path
            .file_stem()
            .map(|s| clean_line(&s.to_string_lossy()))
            .unwrap_or_default();
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
        assert_eq!(
            e.to_string(),
            "/nonexistent/x.txt: No such file or directory (os error 2)"
        );
        assert_eq!(e.reason(), "no such file");
    }

    #[test]
    fn size_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, "Title\n\nBody text here.").unwrap();
        let opts = LoadOptions {
            max_bytes: 5,
            ..LoadOptions::default()
        };
        assert!(matches!(
            load_path(&p, &opts),
            Err(LoadError::TooLarge { .. })
        ));
    }
}
