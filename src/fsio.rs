//! The one way quoth reads a file a path points at: regular files only, never more than a
//! limit.
//!
//! Every path quoth opens (an article, a library entry, a bookmark's article, the bookmarks
//! file, the config, the library index) comes from the user or from a file the user can edit,
//! so it may name a FIFO (opening it blocks until a writer appears), a device (`/dev/zero`
//! never ends), a directory or a socket. [`read_regular`] follows links, refuses anything but
//! a regular file with a [`ReadError`] that says what the path is, checks the size before
//! reading and reads through a bounded reader in any case (a file may grow while it is read).
//!
//! The file is opened non-blocking and checked on the open handle, so a FIFO swapped in after
//! the first check cannot hang the read either.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{ErrorKind, Read};
use std::path::Path;

/// What a path names, when it is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Directory,
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl FileKind {
    /// The kind of a non-regular file (`None` for a regular one).
    pub fn of(meta: &Metadata) -> Option<FileKind> {
        let t = meta.file_type();
        if t.is_file() {
            return None;
        }
        if t.is_dir() {
            return Some(FileKind::Directory);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if t.is_fifo() {
                return Some(FileKind::Fifo);
            }
            if t.is_socket() {
                return Some(FileKind::Socket);
            }
            if t.is_char_device() {
                return Some(FileKind::CharDevice);
            }
            if t.is_block_device() {
                return Some(FileKind::BlockDevice);
            }
        }
        Some(FileKind::Other)
    }

    /// "is a FIFO", "is a device", … for one-line messages.
    pub fn describe(self) -> &'static str {
        match self {
            FileKind::Directory => "is a directory",
            FileKind::Fifo => "is a FIFO (named pipe), not a file",
            FileKind::Socket => "is a socket, not a file",
            FileKind::CharDevice | FileKind::BlockDevice => "is a device, not a file",
            FileKind::Other => "is not a regular file",
        }
    }
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("no such file")]
    NotFound,
    #[error("{}", .0.describe())]
    NotRegular(FileKind),
    #[error("file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("{}", io_reason(.0))]
    Io(std::io::Error),
}

impl ReadError {
    fn from_io(e: std::io::Error) -> ReadError {
        if e.kind() == ErrorKind::NotFound { ReadError::NotFound } else { ReadError::Io(e) }
    }
}

/// A short reason for an I/O error, for one-line messages.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "no such file".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

/// Opens `path` for reading if it is a regular file (after following links).
///
/// The open is non-blocking, so a FIFO never hangs it; the handle is checked again after the
/// open, so a file swapped in between the two checks is caught as well.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::from_io)?;
    if let Some(kind) = FileKind::of(&meta) {
        return Err(ReadError::NotRegular(kind));
    }
    open_checked(path)
}

/// Opens `path` without looking first, and refuses it after the open if it is not a regular
/// file. Only for a path a directory walk has just seen to be a regular file: a device named
/// by the user must never be opened at all.
fn open_checked(path: &Path) -> Result<(File, Metadata), ReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, O_NONBLOCK);
    let file = options.open(path).map_err(ReadError::from_io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if let Some(kind) = FileKind::of(&meta) {
        return Err(ReadError::NotRegular(kind));
    }
    Ok((file, meta))
}

#[cfg(target_os = "linux")]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(all(unix, not(target_os = "linux")))]
const O_NONBLOCK: i32 = 0x0004;

/// Reads the whole of the regular file `path`, refusing one of more than `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_opened(open_regular(path)?, limit)
}

/// [`read_regular`] for a path that a directory walk has just seen to be a regular file: it
/// is opened without a look first (one system call fewer per file of an archive); the look
/// after the open still refuses anything else.
pub fn read_listed(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_opened(open_checked(path)?, limit)
}

fn read_opened((file, meta): (File, Metadata), limit: u64) -> Result<Vec<u8>, ReadError> {
    if meta.len() > limit {
        return Err(ReadError::TooLarge { size: meta.len(), limit });
    }
    let capacity = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    // One byte past the limit tells a file that grew while it was read.
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// Reads at most the first `max` bytes of the regular file `path`.
pub fn read_head(path: &Path, max: u64) -> Result<(Vec<u8>, Metadata), ReadError> {
    let (file, meta) = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(max).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    Ok((bytes, meta))
}

/// Like [`read_regular`], but a missing file is `Ok(None)`: for stores and configs, where a
/// missing file means "nothing yet" and any other failure must not be mistaken for that.
pub fn read_optional(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, ReadError> {
    match read_regular(path, limit) {
        Ok(b) => Ok(Some(b)),
        Err(ReadError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_and_refuses_one_over_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"hello").unwrap();
        assert_eq!(read_regular(&p, 5).unwrap(), b"hello");
        assert!(matches!(read_regular(&p, 4), Err(ReadError::TooLarge { size: 5, limit: 4 })));
        assert!(matches!(read_regular(&dir.path().join("none"), 9), Err(ReadError::NotFound)));
        assert!(matches!(read_optional(&dir.path().join("none"), 9), Ok(None)));
    }

    #[test]
    fn refuses_directories_fifos_and_devices_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_regular(dir.path(), 9).unwrap_err();
        assert_eq!(e.to_string(), "is a directory");
        #[cfg(unix)]
        {
            let fifo = dir.path().join("pipe");
            let ok = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
            if ok {
                let e = read_regular(&fifo, 9).unwrap_err();
                assert!(matches!(e, ReadError::NotRegular(FileKind::Fifo)), "{e}");
            }
            let link = dir.path().join("zero");
            std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
            let e = read_regular(&link, 1 << 20).unwrap_err();
            assert_eq!(e.to_string(), "is a device, not a file");
        }
    }
}
