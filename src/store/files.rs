//! Reading the store's files: the journal's end and how far it has been read, the bookmarks
//! and positions files, and the one-line reason when one cannot be used.

use super::{Bookmark, Position, disk, format, journal};
use crate::article::sanitize::clean_line;
use std::fmt::Write as _;
use std::path::Path;

/// How far the journal has been read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cursor {
    pub(super) inode: u64,
    /// The file's length when last looked at.
    pub(super) len: u64,
    /// Bytes read and applied: complete lines only (or a whole last line without its newline).
    pub(super) consumed: u64,
    /// The last line read has no newline; the next append starts with one.
    pub(super) unterminated: bool,
    /// The last bytes read, compared before reading on, to notice a file rewritten in place.
    pub(super) tail: Vec<u8>,
    /// Lines read, the header included.
    pub(super) lines: usize,
}

impl Cursor {
    /// Counts `bytes` (ending in a newline, `lines` lines) as written after what was read.
    pub(super) fn advance(&mut self, bytes: &[u8], lines: usize) {
        self.consumed += bytes.len() as u64;
        self.len = self.consumed;
        self.lines += lines;
        self.unterminated = false;
        self.tail = bytes.get(bytes.len().saturating_sub(64)..).unwrap_or_default().to_vec();
    }
}

/// True when the bytes before the cursor are still the ones read there.
pub(super) fn tail_matches(file: &mut std::fs::File, c: &Cursor) -> bool {
    use std::io::{Read as _, Seek as _, SeekFrom};
    let n = c.tail.len() as u64;
    if n == 0 {
        return true;
    }
    let mut got = vec![0; c.tail.len()];
    file.seek(SeekFrom::Start(c.consumed - n)).is_ok() && file.read_exact(&mut got).is_ok() && got == c.tail
}

/// Where an append to the journal goes, found from its header and its last line only.
pub(super) struct JournalEnd {
    /// Bytes to keep: all, or all but a torn last line.
    pub(super) keep: u64,
    /// The kept last line has no newline.
    pub(super) unterminated: bool,
}

/// The end of the journal at `path`, `None` when it is missing or empty. The error is the
/// one-line reason (a header that is not a journal's, or a newer version's).
pub(super) fn journal_end(path: &Path) -> Result<Option<JournalEnd>, String> {
    use std::io::{Read as _, Seek as _, SeekFrom};
    const LOOK: u64 = 64 * 1024;
    let line = |what: &str| read_only_line(path, what, "bookmarks are read-only until it is fixed");
    let io = |e: std::io::Error| line(&disk::io_reason(&e));
    let (mut file, meta) = match crate::fsio::open_regular(path) {
        Ok(opened) => opened,
        Err(crate::fsio::ReadError::NotFound) => return Ok(None),
        Err(e) => return Err(line(&e.to_string())),
    };
    let len = meta.len();
    if len == 0 {
        return Ok(None);
    }
    let mut head = Vec::new();
    (&mut file).take(LOOK.min(len)).read_to_end(&mut head).map_err(io)?;
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    journal::parse_header(first.strip_suffix(b"\r").unwrap_or(first)).map_err(|e| line(&e.to_string()))?;
    let from = len.saturating_sub(LOOK);
    let mut tail = Vec::new();
    file.seek(SeekFrom::Start(from)).map_err(io)?;
    file.take(len - from).read_to_end(&mut tail).map_err(io)?;
    let terminated = tail.last() == Some(&b'\n');
    let body = if terminated { tail.get(..tail.len() - 1).unwrap_or_default() } else { &tail };
    let start = body.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let last = body.get(start..).unwrap_or_default();
    if from == 0 && start == 0 {
        // The header is the only line.
        return Ok(Some(JournalEnd { keep: len, unterminated: !terminated }));
    }
    let parsed = journal::parse_line(last.strip_suffix(b"\r").unwrap_or(last), 0);
    match parsed {
        Ok(_) => Ok(Some(JournalEnd { keep: len, unterminated: !terminated })),
        // A torn last line: cut off by the append.
        Err(_) if !terminated => Ok(Some(JournalEnd { keep: len - last.len() as u64, unterminated: false })),
        // A damaged last line is left for its owner to fix, as any damaged line is.
        Err(e) => {
            let what = e.to_string();
            let what = what.strip_prefix("line 0, ").unwrap_or(&what);
            Err(line(&format!("the last line, {what}")))
        }
    }
}

/// Reads the bookmarks file: empty when missing, the one-line reason when it cannot be used.
pub(super) fn load_bookmarks(path: &Path) -> Result<Vec<Bookmark>, String> {
    match disk::read(path) {
        Ok(None) => Ok(Vec::new()),
        Ok(Some(bytes)) => format::parse_bookmarks(&bytes)
            .map_err(|e| read_only_line(path, &e.to_string(), "bookmarks are read-only until it is fixed")),
        Err(e) => Err(read_only_line(path, &disk::io_reason(&e), "bookmarks are read-only until it is fixed")),
    }
}

/// Reads the positions file: empty when missing, the one-line reason when it cannot be used.
pub(super) fn load_positions(path: &Path) -> Result<Vec<Position>, String> {
    let consequence = "reading positions are not saved until it is fixed";
    match disk::read(path) {
        Ok(None) => Ok(Vec::new()),
        Ok(Some(bytes)) => {
            format::parse_positions(&bytes).map_err(|e| read_only_line(path, &e.to_string(), consequence))
        }
        Err(e) => Err(read_only_line(path, &disk::io_reason(&e), consequence)),
    }
}

/// "PATH: WHAT; CONSEQUENCE", plus where the previous version is when there is a backup.
pub(super) fn read_only_line(path: &Path, what: &str, consequence: &str) -> String {
    let shown = crate::library::display_path(path);
    let mut line = format!("{shown}: {}; {consequence}", clean_line(what));
    let backup = disk::backup_path(path);
    if backup.is_file() {
        let _ = write!(line, " (the previous version is in {})", crate::library::display_path(&backup));
    }
    line
}
