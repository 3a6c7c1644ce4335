//! The bookmarks journal, `bookmarks.jsonl`: a header line, then one JSON object per change.
//!
//! A change appends one line instead of rewriting the file, so adding a bookmark costs the same
//! with ten bookmarks or a hundred thousand, and a reader that has seen the file reads only the
//! lines added since. Lines apply in order:
//!
//! ```text
//! {"quoth":"bookmarks","version":2}
//! {"id":"3f9k2m8q1a","created":1767312000,"title":"Harbour plan approved","path":"/news/harbour.md","fingerprint":"9c2d4e5f6a7b8c9d","start":120,"end":261,"excerpt":"The council voted."}
//! {"id":"3f9k2m8q1a","created":1767312000,"title":"Harbour plan approved","path":"/news/harbour.md","fingerprint":"9c2d4e5f6a7b8c9d","start":120,"end":261,"excerpt":"The council voted.","note":"check the vote count"}
//! {"removed":"3f9k2m8q1a"}
//! ```
//!
//! A bookmark line puts the whole bookmark: a new id is added at the end of the list, a known id
//! is replaced in place (a note is set by putting the bookmark again). A `removed` line removes
//! the id; removing an unknown id does nothing. When superseded lines outnumber the live ones the
//! store writes a fresh journal holding only the live bookmarks (compaction, see
//! [`needs_compaction`]).
//!
//! A writer killed mid-append leaves a last line without its newline. Such a line is not read if
//! it does not parse (the change was never confirmed), and the next writer cuts it off before
//! appending; a last line that parses but lacks its newline (a hand edit) is kept.
//!
//! A reader that has seen the file reads on from where it stopped when the file is the same one
//! (same inode) and the bytes just before that point are unchanged; otherwise it reads it all
//! again. An edit in place that keeps every byte count before the end (a letter for a letter)
//! can go unnoticed by a running quoth, so edit the file while quoth is closed.
//!
//! Unknown keys and damaged lines are errors naming the line and column, as with every store
//! file: the journal is then never written until it is fixed.

use super::format::FormatError;
use super::{Bookmark, BookmarkId};
use crate::article::Fingerprint;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::io::BufRead;
use std::path::PathBuf;

/// The journal format's version (version 1 was the TOML `bookmarks.toml`).
pub const VERSION: i64 = 2;
/// What the header's `quoth` key says.
const KIND: &str = "bookmarks";
/// Bytes of the last line read that are kept to notice a file rewritten in place.
const TAIL_CHECK: usize = 64;

/// One change, as one line of the journal.
// Most lines put a bookmark: boxing it would cost an allocation per line for the rare remove.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Add the bookmark, or replace the one with its id.
    Put(Bookmark),
    /// Remove the bookmark with this id.
    Remove(BookmarkId),
}

/// The first line.
#[derive(Deserialize)]
struct Header {
    quoth: String,
    version: i64,
}

/// Every key a line may have; which ones are required depends on whether it removes or puts.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    #[serde(default)]
    removed: Option<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    created: Option<u64>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    fingerprint: Option<String>,
    #[serde(default)]
    start: Option<usize>,
    #[serde(default)]
    end: Option<usize>,
    #[serde(default)]
    excerpt: Option<String>,
    #[serde(default)]
    excerpt_end: Option<String>,
    #[serde(default)]
    context_before: Option<String>,
    #[serde(default)]
    context_after: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

/// A bookmark line as written, borrowing from the bookmark.
#[derive(Serialize)]
struct PutLine<'a> {
    id: &'a str,
    created: u64,
    title: &'a str,
    path: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    fingerprint: String,
    start: usize,
    end: usize,
    excerpt: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    excerpt_end: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    context_before: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    context_after: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct RemoveLine<'a> {
    removed: &'a str,
}

/// The header line, with its newline.
pub fn header() -> String {
    format!("{{\"quoth\":\"{KIND}\",\"version\":{VERSION}}}\n")
}

/// Appends `op` as one line (with its newline) to `out`.
pub fn encode(op: &Op, out: &mut Vec<u8>) {
    // Strings and integers only: serialising into a Vec cannot fail.
    let _ = match op {
        Op::Put(b) => serde_json::to_writer(
            &mut *out,
            &PutLine {
                id: &b.id.0,
                created: b.created,
                title: &b.title,
                path: b.path.to_string_lossy(),
                source: b.source.as_deref(),
                url: b.url.as_deref(),
                fingerprint: b.fingerprint.to_hex(),
                start: b.span.start,
                end: b.span.end,
                excerpt: &b.excerpt,
                excerpt_end: &b.excerpt_end,
                context_before: &b.context_before,
                context_after: &b.context_after,
                note: b.note.as_deref(),
            },
        ),
        Op::Remove(id) => serde_json::to_writer(&mut *out, &RemoveLine { removed: &id.0 }),
    };
    out.push(b'\n');
}

/// A whole journal holding `list` and nothing superseded.
pub fn snapshot(list: &[Bookmark]) -> Vec<u8> {
    let mut out = header().into_bytes();
    out.reserve(list.len() * 400);
    for b in list {
        encode(&Op::Put(b.clone()), &mut out);
    }
    out
}

/// What a read of the journal (or of the part after what was read before) found.
#[derive(Debug, Default)]
pub struct Chunk {
    pub ops: Vec<Op>,
    /// Bytes read that end in a complete line (or in a last line that parses but has no
    /// newline), counted from where the read started.
    pub consumed: u64,
    /// True when the last line read has no newline (the next append must start with one).
    pub unterminated: bool,
    /// The last bytes read (at most 64), to tell later whether the file was rewritten in place.
    pub tail: Vec<u8>,
    /// Lines read, blank ones included.
    pub lines: usize,
}

/// Why a read failed: the file, or what is in it.
#[derive(Debug)]
pub enum ReadFail {
    Io(std::io::Error),
    Format(FormatError),
}

/// Reads lines from `input`, the first being line `first_line` of the file (1-based); when
/// `first_line` is 1 the header is checked first.
pub fn read(mut input: impl BufRead, first_line: usize) -> Result<Chunk, ReadFail> {
    let mut chunk = Chunk::default();
    let mut line = Vec::new();
    let mut number = first_line;
    loop {
        line.clear();
        let n = input.read_until(b'\n', &mut line).map_err(ReadFail::Io)?;
        if n == 0 {
            return Ok(chunk);
        }
        let complete = line.last() == Some(&b'\n');
        let body = line.strip_suffix(b"\n").unwrap_or(&line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        let parsed = if number == 1 { parse_header(body).map(|()| None) } else { parse_line(body, number) };
        match parsed {
            Ok(op) => chunk.ops.extend(op),
            // A torn last line: a change that was never confirmed.
            Err(_) if !complete && number > 1 => return Ok(chunk),
            Err(e) => return Err(ReadFail::Format(e)),
        }
        chunk.consumed += n as u64;
        chunk.unterminated = !complete;
        chunk.lines += 1;
        chunk.tail.clear();
        chunk.tail.extend_from_slice(line.get(line.len().saturating_sub(TAIL_CHECK)..).unwrap_or_default());
        number += 1;
    }
}

/// Parses a whole journal into its list of bookmarks.
pub fn parse(bytes: &[u8]) -> Result<Vec<Bookmark>, FormatError> {
    match read(bytes, 1) {
        Ok(chunk) if chunk.lines == 0 => Err(missing_header(1)),
        Ok(chunk) => {
            let mut list = Vec::new();
            apply(&mut list, chunk.ops);
            Ok(list)
        }
        Err(ReadFail::Format(e)) => Err(e),
        Err(ReadFail::Io(e)) => Err(FormatError::Syntax { line: 1, column: 1, message: e.to_string() }),
    }
}

/// Applies `ops` in order to `list`.
pub fn apply(list: &mut Vec<Bookmark>, ops: Vec<Op>) {
    if ops.len() <= 8 {
        apply_each(list, ops);
        return;
    }
    // Many lines (a whole file): index by id so that a long journal applies in linear time.
    // First find where each bookmark of the result comes from (the list or a line), with the
    // ids borrowed; then move the bookmarks there, so no id is copied.
    #[derive(Clone, Copy)]
    enum From {
        List(usize),
        Line(usize),
    }
    let mut order: Vec<Option<From>> = Vec::with_capacity(list.len() + ops.len());
    let mut at: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    at.reserve(list.len() + ops.len());
    for (i, b) in list.iter().enumerate() {
        at.insert(b.id.0.as_str(), order.len());
        order.push(Some(From::List(i)));
    }
    for (k, op) in ops.iter().enumerate() {
        match op {
            Op::Put(b) => match at.get(b.id.0.as_str()).and_then(|&j| order.get_mut(j)) {
                Some(slot) => *slot = Some(From::Line(k)),
                None => {
                    at.insert(b.id.0.as_str(), order.len());
                    order.push(Some(From::Line(k)));
                }
            },
            Op::Remove(id) => {
                if let Some(slot) = at.remove(id.0.as_str()).and_then(|j| order.get_mut(j)) {
                    *slot = None;
                }
            }
        }
    }
    drop(at);
    let mut old: Vec<Option<Bookmark>> = std::mem::take(list).into_iter().map(Some).collect();
    let mut lines: Vec<Option<Op>> = ops.into_iter().map(Some).collect();
    *list = order
        .into_iter()
        .flatten()
        .filter_map(|from| match from {
            From::List(i) => old.get_mut(i)?.take(),
            From::Line(k) => match lines.get_mut(k)?.take()? {
                Op::Put(b) => Some(b),
                Op::Remove(_) => None,
            },
        })
        .collect();
}

/// [`apply`] one line at a time: a scan of the list per line.
fn apply_each(list: &mut Vec<Bookmark>, ops: Vec<Op>) {
    for op in ops {
        match op {
            Op::Put(b) => match list.iter_mut().find(|x| x.id == b.id) {
                Some(slot) => *slot = b,
                None => list.push(b),
            },
            Op::Remove(id) => list.retain(|x| x.id != id),
        }
    }
}

/// True when a journal of `records` change lines (header excluded) holding `live` bookmarks is
/// mostly superseded lines and should be rewritten.
pub fn needs_compaction(records: usize, live: usize) -> bool {
    records > 64 && records > 2 * live
}

fn missing_header(line: usize) -> FormatError {
    FormatError::Syntax { line, column: 1, message: format!("expected the header line {}", header().trim_end()) }
}

/// Checks the header line (without its newline).
pub fn parse_header(body: &[u8]) -> Result<(), FormatError> {
    let header: Header = serde_json::from_slice(body).map_err(|_| missing_header(1))?;
    if header.quoth != KIND {
        return Err(FormatError::Syntax {
            line: 1,
            column: 1,
            message: format!("a quoth \"{}\" file, not a bookmarks file", header.quoth),
        });
    }
    match header.version {
        VERSION => Ok(()),
        v if v > VERSION => Err(FormatError::Newer { found: v, reads: VERSION }),
        v => Err(FormatError::BadVersion { found: v }),
    }
}

/// One change line (without its newline), line `number` of the file; `None` for a blank line.
pub fn parse_line(body: &[u8], number: usize) -> Result<Option<Op>, FormatError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let at = |message: String| FormatError::Syntax { line: number, column: 1, message };
    let line: Line = serde_json::from_slice(body).map_err(|e| json_error(number, &e))?;
    if let Some(id) = line.removed {
        return if id.trim().is_empty() {
            Err(at("an id cannot be empty".into()))
        } else {
            Ok(Some(Op::Remove(BookmarkId(id))))
        };
    }
    let need = |field: &str| at(format!("missing field `{field}`"));
    let id = line.id.ok_or_else(|| need("id"))?;
    if id.trim().is_empty() {
        return Err(at("an id cannot be empty".into()));
    }
    let hex = line.fingerprint.ok_or_else(|| need("fingerprint"))?;
    let fingerprint = Some(&hex)
        .filter(|s| s.len() == 16)
        .and_then(|s| Fingerprint::from_hex(s))
        .ok_or_else(|| at(format!("fingerprint \"{hex}\" is not 16 hex digits")))?;
    Ok(Some(Op::Put(Bookmark {
        id: BookmarkId(id),
        fingerprint,
        path: PathBuf::from(line.path.ok_or_else(|| need("path"))?),
        title: line.title.ok_or_else(|| need("title"))?,
        source: line.source,
        url: line.url,
        span: Span::new(line.start.ok_or_else(|| need("start"))?, line.end.ok_or_else(|| need("end"))?),
        excerpt: line.excerpt.ok_or_else(|| need("excerpt"))?,
        excerpt_end: line.excerpt_end.unwrap_or_default(),
        context_before: line.context_before.unwrap_or_default(),
        context_after: line.context_after.unwrap_or_default(),
        note: line.note,
        created: line.created.ok_or_else(|| need("created"))?,
    })))
}

/// `serde_json`'s message without its own "at line 1 column N" (the line is the file's).
fn json_error(number: usize, e: &serde_json::Error) -> FormatError {
    let text = e.to_string();
    let message = text.rfind(" at line ").map_or(text.as_str(), |i| text.get(..i).unwrap_or_default());
    FormatError::Syntax { line: number, column: e.column().max(1), message: message.to_owned() }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn bookmark(id: &str, note: Option<&str>) -> Bookmark {
        Bookmark {
            id: BookmarkId(id.into()),
            fingerprint: Fingerprint(u64::MAX - 7),
            path: PathBuf::from("/news/a.md"),
            title: "A \"title\"".into(),
            source: Some("Daily".into()),
            url: None,
            span: Span::new(3, 9),
            excerpt: "line one\n\nline two \u{1b} é \u{2028}".into(),
            excerpt_end: String::new(),
            context_before: "x".into(),
            context_after: String::new(),
            note: note.map(str::to_owned),
            created: 1_767_312_000,
        }
    }

    fn journal(ops: &[Op]) -> Vec<u8> {
        let mut out = header().into_bytes();
        for op in ops {
            encode(op, &mut out);
        }
        out
    }

    #[test]
    fn lines_apply_in_order() {
        let ops = [
            Op::Put(bookmark("a", None)),
            Op::Put(bookmark("b", None)),
            Op::Put(bookmark("a", Some("n"))),
            Op::Remove(BookmarkId("b".into())),
            Op::Remove(BookmarkId("never".into())),
            Op::Put(bookmark("c", None)),
        ];
        let list = parse(&journal(&ops)).unwrap();
        assert_eq!(list, vec![bookmark("a", Some("n")), bookmark("c", None)]);
        // The indexed path (more than eight lines) gives the same answer.
        let mut many = ops.to_vec();
        many.extend((0..10).map(|i| Op::Remove(BookmarkId(format!("z{i}")))));
        assert_eq!(parse(&journal(&many)).unwrap(), list);
    }

    proptest::proptest! {
        /// The indexed path gives what applying one line at a time gives, on any list and
        /// any sequence of puts and removes over a few ids.
        #[test]
        fn indexed_apply_is_apply_each(
            start in proptest::collection::vec(0u8..6, 0..6),
            ops in proptest::collection::vec((proptest::bool::ANY, 0u8..8, 0u8..3), 9..40),
        ) {
            let mut list = Vec::new();
            apply_each(&mut list, start.iter().map(|i| Op::Put(bookmark(&format!("i{i}"), None))).collect());
            let ops: Vec<Op> = ops
                .iter()
                .map(|&(put, id, note)| {
                    let id = format!("i{id}");
                    if put { Op::Put(bookmark(&id, Some(&format!("n{note}")))) } else { Op::Remove(BookmarkId(id)) }
                })
                .collect();
            let mut want = list.clone();
            apply_each(&mut want, ops.clone());
            apply(&mut list, ops);
            proptest::prop_assert_eq!(list, want);
        }
    }

    #[test]
    fn a_snapshot_round_trips_and_is_one_line_per_bookmark() {
        let list = vec![bookmark("a", Some("n")), bookmark("b", None)];
        let bytes = snapshot(&list);
        assert_eq!(memchr::memchr_iter(b'\n', &bytes).count(), 3);
        assert_eq!(parse(&bytes).unwrap(), list);
    }

    #[test]
    fn a_torn_last_line_is_not_read_and_a_whole_one_without_newline_is() {
        let mut bytes = journal(&[Op::Put(bookmark("a", None))]);
        let whole = bytes.len() as u64;
        let mut torn = bytes.clone();
        encode(&Op::Put(bookmark("b", None)), &mut torn);
        torn.truncate(torn.len() - 20);
        let chunk = read(torn.as_slice(), 1).unwrap();
        assert_eq!((chunk.ops.len(), chunk.consumed, chunk.unterminated), (1, whole, false));
        bytes.pop();
        let chunk = read(bytes.as_slice(), 1).unwrap();
        assert_eq!((chunk.ops.len(), chunk.consumed, chunk.unterminated), (1, whole - 1, true));
    }

    #[track_caller]
    fn check_error(input: &str, want: &str) {
        let got = parse(input.as_bytes()).map(|_| ()).unwrap_err();
        assert_eq!(got.to_string(), want, "for {input:?}");
    }

    #[test]
    fn errors_name_the_line() {
        let head = header();
        check_error("", "line 1, column 1: expected the header line {\"quoth\":\"bookmarks\",\"version\":2}");
        check_error(
            "version = 1\n",
            "line 1, column 1: expected the header line {\"quoth\":\"bookmarks\",\"version\":2}",
        );
        check_error(
            "{\"quoth\":\"bookmarks\",\"version\":9,\"x\":1}\n{\"what\":1}\n",
            "written by a newer quoth (format version 9; this quoth reads version 2)",
        );
        check_error("{\"quoth\":\"bookmarks\",\"version\":1}\n", "format version 1 is not one quoth ever wrote");
        check_error(
            &format!("{head}{{\"removed\":\"a\"}}\n{{\"removed\":\"a\",\"colour\":1}}\n"),
            "line 3, column 23: unknown field `colour`, expected one of `removed`, `id`, `created`, `title`, `path`, `source`, `url`, `fingerprint`, `start`, `end`, `excerpt`, `excerpt_end`, `context_before`, `context_after`, `note`",
        );
        check_error(&format!("{head}{{\"id\":\"a\"}}\n"), "line 2, column 1: missing field `fingerprint`");
        check_error(&format!("{head}{{\"removed\":\" \"}}\n"), "line 2, column 1: an id cannot be empty");
        let mut bad = journal(&[Op::Put(bookmark("a", None))]);
        let text = String::from_utf8(std::mem::take(&mut bad)).unwrap().replace("fffffffffffffff8", "zz");
        check_error(&text, "line 2, column 1: fingerprint \"zz\" is not 16 hex digits");
        check_error(
            &format!("{head}{{\"removed\":\"a\"\n{{\"removed\":\"b\"}}\n"),
            "line 2, column 14: EOF while parsing an object",
        );
    }

    #[test]
    fn blank_lines_are_skipped() {
        let text = format!("{}\n\n{{\"removed\":\"a\"}}\n", header());
        assert_eq!(parse(text.as_bytes()).unwrap(), vec![]);
    }
}
