//! The on-disk format of `bookmarks.toml` and `positions.toml`: pure functions from bytes to
//! bookmarks and positions and back, with errors that name a line and column.
//!
//! Both files start with `version = 1`. A file with a higher version was written by a newer
//! quoth: it is reported, never rewritten. Unknown keys are errors (not silently dropped on the
//! next write), so a format that gains a key must raise the version. The records are separate
//! from the in-memory types so that the file stays stable when those change; fingerprints are
//! hex strings because TOML integers are signed 64-bit.
//!
//! ```toml
//! version = 1
//!
//! [[bookmarks]]
//! id = "3f9k2m8q1a"
//! created = 1767312000
//! title = "Harbour plan approved"
//! path = "/home/ana/news/harbour.md"
//! fingerprint = "9c2d4e5f6a7b8c9d"
//! start = 120
//! end = 261
//! excerpt = "The council voted to approve the plan."
//! context_before = "said on Tuesday.\n\n"
//! context_after = "\n\nWork starts"
//! note = "check the vote count"
//! ```

use super::{Bookmark, BookmarkId, Position};
use crate::article::Fingerprint;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The format version this quoth reads and writes.
pub const VERSION: i64 = 1;

/// Why a store file could not be used. Shown after the file's path.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("not valid UTF-8 (byte {offset})")]
    Utf8 { offset: usize },
    #[error("line {line}, column {column}: {message}")]
    Syntax { line: usize, column: usize, message: String },
    #[error("written by a newer quoth (format version {found}; this quoth reads version {reads})")]
    Newer { found: i64, reads: i64 },
    #[error("format version {found} is not one quoth ever wrote")]
    BadVersion { found: i64 },
    #[error("bookmark id \"{0}\" appears more than once")]
    DuplicateId(String),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BookmarksFile {
    version: i64,
    #[serde(default)]
    bookmarks: Vec<BookmarkRecord>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BookmarkRecord {
    id: NonEmpty,
    created: u64,
    title: String,
    path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    fingerprint: Hex,
    start: usize,
    end: usize,
    excerpt: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    excerpt_end: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    context_before: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    context_after: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PositionsFile {
    version: i64,
    #[serde(default)]
    positions: Vec<PositionRecord>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PositionRecord {
    fingerprint: Hex,
    path: String,
    offset: usize,
    text_len: usize,
    #[serde(default)]
    excerpt: String,
    updated: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    percent: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    words_left: Option<u32>,
}

/// Only the version, read when the full parse fails, to tell a newer file from a damaged one.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    version: Option<toml::Value>,
}

/// A fingerprint as sixteen hex digits; a bad one is an error at its line and column.
#[derive(Debug, Clone, Copy)]
struct Hex(Fingerprint);

impl Serialize for Hex {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_hex())
    }
}

impl<'de> Deserialize<'de> for Hex {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.len() == 16
            && let Some(f) = Fingerprint::from_hex(&s)
        {
            return Ok(Hex(f));
        }
        Err(serde::de::Error::custom(format!("fingerprint \"{s}\" is not 16 hex digits")))
    }
}

/// A string that must not be empty or blank (ids).
#[derive(Debug, Clone)]
struct NonEmpty(String);

impl Serialize for NonEmpty {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for NonEmpty {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.trim().is_empty() {
            return Err(serde::de::Error::custom("an id cannot be empty"));
        }
        Ok(NonEmpty(s))
    }
}

/// Parses a bookmarks file: the journal (`bookmarks.jsonl`, see [`super::journal`]), or the
/// version-1 TOML `bookmarks.toml` that quoth wrote before it, which it still reads.
pub fn parse_bookmarks(bytes: &[u8]) -> Result<Vec<Bookmark>, FormatError> {
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        return super::journal::parse(bytes);
    }
    parse_legacy_bookmarks(bytes)
}

/// Parses a version-1 TOML bookmarks file.
fn parse_legacy_bookmarks(bytes: &[u8]) -> Result<Vec<Bookmark>, FormatError> {
    let file: BookmarksFile = parse_versioned(bytes, |f: &BookmarksFile| f.version)?;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(file.bookmarks.len());
    for r in file.bookmarks {
        if !seen.insert(r.id.0.clone()) {
            return Err(FormatError::DuplicateId(r.id.0));
        }
        out.push(Bookmark {
            id: BookmarkId(r.id.0),
            fingerprint: r.fingerprint.0,
            path: PathBuf::from(r.path),
            title: r.title,
            source: r.source,
            url: r.url,
            span: Span::new(r.start, r.end),
            excerpt: r.excerpt,
            excerpt_end: r.excerpt_end,
            context_before: r.context_before,
            context_after: r.context_after,
            note: r.note,
            created: r.created,
        });
    }
    Ok(out)
}

/// Parses a positions file.
pub fn parse_positions(bytes: &[u8]) -> Result<Vec<Position>, FormatError> {
    let file: PositionsFile = parse_versioned(bytes, |f: &PositionsFile| f.version)?;
    Ok(file
        .positions
        .into_iter()
        .map(|r| Position {
            fingerprint: r.fingerprint.0,
            path: PathBuf::from(r.path),
            offset: r.offset,
            text_len: r.text_len,
            excerpt: r.excerpt,
            updated: r.updated,
            percent: r.percent.map(|p| p.min(100)),
            words_left: r.words_left,
        })
        .collect())
}

/// Parses `bytes` as `T`, checking the version first in the error path and after success.
fn parse_versioned<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    version_of: impl Fn(&T) -> i64,
) -> Result<T, FormatError> {
    let text = std::str::from_utf8(bytes).map_err(|e| FormatError::Utf8 { offset: e.valid_up_to() })?;
    match toml::from_str::<T>(text) {
        Ok(file) => check_version(version_of(&file)).map(|()| file),
        Err(e) => {
            // A newer format may have changed the schema: say "newer" rather than a field error.
            if let Ok(VersionProbe { version: Some(toml::Value::Integer(v)) }) = toml::from_str::<VersionProbe>(text) {
                check_version(v)?;
            }
            Err(syntax_error(text, &e))
        }
    }
}

fn check_version(found: i64) -> Result<(), FormatError> {
    match found {
        VERSION => Ok(()),
        v if v > VERSION => Err(FormatError::Newer { found: v, reads: VERSION }),
        v => Err(FormatError::BadVersion { found: v }),
    }
}

/// The error at its 1-based line and column (in chars), with a one-line message.
fn syntax_error(text: &str, e: &toml::de::Error) -> FormatError {
    let at = e.span().map_or(0, |s| s.start).min(text.len());
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    let message = e.message().lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    FormatError::Syntax { line, column, message }
}

/// The header written at the top of every file, for someone who opens it.
fn header(what: &str) -> String {
    format!(
        "# quoth {what}, format version {VERSION}. quoth replaces this file on every change;\n\
         # edit it only while quoth is closed. Unknown keys are errors, not ignored.\n"
    )
}

/// Serialises a bookmarks file: a journal holding `list`, one line per bookmark.
pub fn write_bookmarks(list: &[Bookmark]) -> String {
    String::from_utf8(super::journal::snapshot(list)).unwrap_or_default()
}

/// Serialises a version-1 TOML bookmarks file, which quoth no longer writes (for tests of the
/// files it still reads).
pub fn write_legacy_bookmarks(list: &[Bookmark]) -> String {
    let file = BookmarksFile {
        version: VERSION,
        bookmarks: list
            .iter()
            .map(|b| BookmarkRecord {
                id: NonEmpty(b.id.0.clone()),
                created: b.created,
                title: b.title.clone(),
                path: b.path.to_string_lossy().into_owned(),
                source: b.source.clone(),
                url: b.url.clone(),
                fingerprint: Hex(b.fingerprint),
                start: b.span.start,
                end: b.span.end,
                excerpt: b.excerpt.clone(),
                excerpt_end: b.excerpt_end.clone(),
                context_before: b.context_before.clone(),
                context_after: b.context_after.clone(),
                note: b.note.clone(),
            })
            .collect(),
    };
    with_header(&header("bookmarks"), &file)
}

/// Serialises a positions file.
pub fn write_positions(list: &[Position]) -> String {
    let file = PositionsFile {
        version: VERSION,
        positions: list
            .iter()
            .map(|p| PositionRecord {
                fingerprint: Hex(p.fingerprint),
                path: p.path.to_string_lossy().into_owned(),
                offset: p.offset,
                text_len: p.text_len,
                excerpt: p.excerpt.clone(),
                updated: p.updated,
                percent: p.percent,
                words_left: p.words_left,
            })
            .collect(),
    };
    with_header(&header("reading positions"), &file)
}

fn with_header<T: Serialize>(header: &str, file: &T) -> String {
    // Every field is a string or an integer below 2^63 (offsets and Unix seconds), which TOML
    // can always hold; the fallback is unreachable in practice and still writes a valid file.
    let body = toml::to_string(file).unwrap_or_else(|_| format!("version = {VERSION}\n"));
    format!("{header}\n{body}")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn bookmark(id: &str) -> Bookmark {
        Bookmark {
            id: BookmarkId(id.into()),
            fingerprint: Fingerprint(u64::MAX - 7),
            path: PathBuf::from("/news/a.md"),
            title: "A \"title\"".into(),
            source: Some("Daily".into()),
            url: None,
            span: Span::new(3, 9),
            excerpt: "line one\n\nline two \u{1b} é".into(),
            excerpt_end: String::new(),
            context_before: "x".into(),
            context_after: String::new(),
            note: Some("n".into()),
            created: 1_767_312_000,
        }
    }

    #[test]
    fn bookmarks_round_trip() {
        let list = vec![bookmark("a"), bookmark("b")];
        let text = write_legacy_bookmarks(&list);
        assert!(text.starts_with("# quoth bookmarks"));
        assert_eq!(parse_bookmarks(text.as_bytes()).unwrap(), list);
        let journal = write_bookmarks(&list);
        assert!(journal.starts_with("{\"quoth\":\"bookmarks\""));
        assert_eq!(parse_bookmarks(journal.as_bytes()).unwrap(), list);
    }

    #[test]
    fn positions_round_trip() {
        let list = vec![Position {
            fingerprint: Fingerprint(1),
            path: PathBuf::from("builtin:x"),
            offset: 5,
            text_len: 10,
            excerpt: "abc".into(),
            updated: 3,
            percent: Some(42),
            words_left: Some(310),
        }];
        let text = write_positions(&list);
        assert_eq!(parse_positions(text.as_bytes()).unwrap(), list);
    }

    #[track_caller]
    fn check_error(input: &str, want: &str) {
        let got = parse_bookmarks(input.as_bytes()).map(|_| ()).unwrap_err();
        assert_eq!(got.to_string(), want, "for {input:?}");
    }

    #[test]
    fn errors_are_one_line_with_position() {
        check_error("version = 1\n[[bookmarks]\n", "line 2, column 13: unclosed array table, expected `]`");
        check_error("version = 2\n", "written by a newer quoth (format version 2; this quoth reads version 1)");
        check_error(
            "version = 7\n[[bookmarks]]\nwhatever = true\n",
            "written by a newer quoth (format version 7; this quoth reads version 1)",
        );
        check_error("version = 0\n", "format version 0 is not one quoth ever wrote");
        check_error("", "line 1, column 1: missing field `version`");
        check_error(
            "version = 1\nextra = 1\n",
            "line 2, column 1: unknown field `extra`, expected `version` or `bookmarks`",
        );
        let one = write_legacy_bookmarks(&[bookmark("a")]);
        check_error(
            &one.replace("fffffffffffffff8", "zz"),
            "line 12, column 15: fingerprint \"zz\" is not 16 hex digits",
        );
        let two = write_legacy_bookmarks(&[bookmark("a"), bookmark("a")]);
        check_error(&two, "bookmark id \"a\" appears more than once");
        let got = parse_bookmarks(b"version = 1\n\xff").unwrap_err();
        assert_eq!(got, FormatError::Utf8 { offset: 12 });
    }
}
