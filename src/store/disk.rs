//! The store's thin edge to the file system: the advisory lock, reading a file (telling a missing
//! file from an unreadable one), and the atomic replace that a crash cannot truncate.
//!
//! Write protocol ([`write_atomic`]), always under [`with_lock`]:
//! 1. write the new bytes to `NAME.tmp` in the same directory and fsync it;
//! 2. (bookmarks) hard-link the current file to `NAME.bak`, so the last good version survives;
//! 3. rename `NAME.tmp` over `NAME` (atomic on POSIX: readers see the old or the new file);
//! 4. fsync the directory, so the rename itself survives a power cut.
//!
//! The lock is a separate `store.lock` file that is never replaced: locking the data file itself
//! would not work, because the rename swaps in a new inode that a waiting process has not locked.

use super::{BookmarkId, StoreError};
use crate::library::display_path;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{ErrorKind, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file in the data directory.
pub const LOCK_FILE: &str = "store.lock";
/// How long a change waits for another process to release the lock before giving up. Changes
/// hold it for milliseconds, so reaching this means a stuck process; a clear error beats a hang.
const LOCK_TIMEOUT: Duration = Duration::from_secs(20);

/// Whether [`write_atomic`] keeps the replaced file as `NAME.bak`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backup {
    Yes,
    No,
}

/// Enough of a file's metadata to notice that it was replaced or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    /// The inode on Unix: every atomic replace makes a new one, even within one mtime tick.
    inode: u64,
}

impl Stamp {
    /// The file's inode (0 off Unix).
    pub fn inode(&self) -> u64 {
        self.inode
    }
}

/// The stamp of `path`, `None` when it cannot be read.
pub fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Stamp { len: meta.len(), modified: meta.modified().ok(), inode })
}

/// The whole file, `None` when it does not exist. Any other failure is an error: an unreadable
/// file must not be mistaken for an empty store and then overwritten.
/// Only a regular file is read (a FIFO or a device in its place is an error, never a hang),
/// and never more than [`MAX_STORE_BYTES`].
pub fn read(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    match crate::fsio::read_optional(path, MAX_STORE_BYTES) {
        Ok(bytes) => Ok(bytes),
        Err(crate::fsio::ReadError::Io(e)) => Err(e),
        Err(e) => Err(std::io::Error::other(e.to_string())),
    }
}

/// The largest store file read (far above 100,000 bookmarks, which take about 40 MB).
pub const MAX_STORE_BYTES: u64 = 1024 * 1024 * 1024;

/// A short reason for an I/O error, for the one-line messages.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::IsADirectory => "is a directory, not a file".into(),
        _ => e.to_string(),
    }
}

fn io_error(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io { path: display_path(path), source }
}

/// Runs `f` holding the exclusive lock of the data directory `dir` (created when missing). The
/// lock is released when `f` returns, and by the kernel if the process dies.
pub fn with_lock<T>(dir: &Path, f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
    ensure_dir(dir)?;
    let path = dir.join(LOCK_FILE);
    let file = open_lock_file(&path)?;
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    // Polling rather than a blocking `lock()`, so that a stuck process gives a clear error
    // instead of freezing the reader.
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) => {
                if start.elapsed() >= LOCK_TIMEOUT {
                    return Err(StoreError::Locked { path: display_path(&path), seconds: LOCK_TIMEOUT.as_secs() });
                }
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(8));
            }
            Err(TryLockError::Error(e)) => return Err(io_error(&path, e)),
        }
    }
    let result = f();
    // Closing the file releases the lock too; unlocking first makes the order explicit.
    let _ = file.unlock();
    result
}

/// Creates the data directory, saying plainly when its path is taken by something else.
pub fn ensure_dir(dir: &Path) -> Result<(), StoreError> {
    ensure_dir_ok(dir)?;
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))
}

/// An error when `dir` exists and is not a directory (a missing one is fine: it is created at
/// the first change).
pub fn ensure_dir_ok(dir: &Path) -> Result<(), StoreError> {
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => {
            let what = crate::fsio::FileKind::of(&meta).map_or("is a file", crate::fsio::FileKind::describe);
            let what = what.trim_end_matches(", not a file");
            let message = format!("{what}, not a directory (the data directory must be one)");
            Err(StoreError::Io { path: display_path(dir), source: std::io::Error::other(message) })
        }
        _ => Ok(()),
    }
}

/// Opens (creating) the lock file, non-blocking so that a FIFO put in its place cannot hang the
/// open, and only if it is a regular file.
fn open_lock_file(path: &Path) -> Result<File, StoreError> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(target_os = "linux")]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, 0o4000);
    let file = options.open(path).map_err(|e| io_error(path, e))?;
    let meta = file.metadata().map_err(|e| io_error(path, e))?;
    if let Some(kind) = crate::fsio::FileKind::of(&meta) {
        return Err(StoreError::Io { path: display_path(path), source: std::io::Error::other(kind.describe()) });
    }
    Ok(file)
}

/// Removes a temp file that a killed writer left beside `path`. Call it under [`with_lock`]:
/// writers hold the lock, so a temp file seen then belongs to no live writer.
pub fn remove_stale_temp(path: &Path) {
    let tmp = temp_path(path);
    if std::fs::symlink_metadata(&tmp).is_ok_and(|m| m.is_file()) {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// `NAME.bak` beside `NAME`.
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, ".bak")
}

/// `NAME.tmp` beside `NAME`. One fixed name is safe because writers hold the lock, and a
/// temp file left by a killed process is simply overwritten by the next write.
pub fn temp_path(path: &Path) -> PathBuf {
    sibling(path, ".tmp")
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Replaces `path` with `bytes` so that a crash at any moment leaves either the old or the new
/// file, complete. Call it only under [`with_lock`]. A symlinked file is written through the
/// link (its target is replaced), so a dotfiles symlink stays a symlink.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: Backup) -> Result<(), StoreError> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|e| io_error(path, e))?,
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = temp_path(&target);
    let result = write_temp(&tmp, &target, bytes).and_then(|()| {
        if backup == Backup::Yes {
            keep_backup(&target);
        }
        std::fs::rename(&tmp, &target).map_err(|e| io_error(&target, e))?;
        sync_dir(&dir)
    });
    if result.is_err() {
        // Our own temp file; nothing else ever has this name.
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes `bytes` into `path` at byte `keep`, after cutting the file to `keep` bytes (the torn
/// last line of a killed writer), and fsyncs it. The file is created (private) when missing;
/// anything but a regular file in its place is an error. Call it only under [`with_lock`].
pub fn write_at(path: &Path, keep: u64, bytes: &[u8]) -> Result<(), StoreError> {
    use std::io::{Seek as _, SeekFrom};
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    #[cfg(target_os = "linux")]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, 0o4000);
    let mut file = options.open(path).map_err(|e| io_error(path, e))?;
    let meta = file.metadata().map_err(|e| io_error(path, e))?;
    if let Some(kind) = crate::fsio::FileKind::of(&meta) {
        return Err(StoreError::Io { path: display_path(path), source: std::io::Error::other(kind.describe()) });
    }
    if meta.len() != keep {
        file.set_len(keep).map_err(|e| io_error(path, e))?;
    }
    file.seek(SeekFrom::Start(keep)).map_err(|e| io_error(path, e))?;
    let written = file.write_all(bytes).and_then(|()| file.sync_data());
    if let Err(e) = written {
        // A full disk may have taken part of the line: cut it off again, so that the file
        // ends where it did (best effort; a reader skips a torn last line in any case).
        let _ = file.set_len(keep);
        return Err(io_error(path, e));
    }
    Ok(())
}

/// Writes and fsyncs the temp file, with the old file's permissions (private when new).
fn write_temp(tmp: &Path, target: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(tmp).map_err(|e| io_error(tmp, e))?;
    if let Ok(meta) = std::fs::metadata(target) {
        // Best effort: a failure only leaves the file private.
        let _ = file.set_permissions(meta.permissions());
    }
    file.write_all(bytes).map_err(|e| io_error(tmp, e))?;
    file.sync_all().map_err(|e| io_error(tmp, e))
}

/// Makes `NAME.bak` another name for the current file, which the rename is about to replace.
/// Best effort: a file system without hard links just gets no backup.
fn keep_backup(target: &Path) {
    if !target.is_file() {
        return;
    }
    let bak = backup_path(target);
    match std::fs::remove_file(&bak) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(_) => return,
    }
    let _ = std::fs::hard_link(target, &bak);
}

/// Fsyncs a directory so that a rename in it is durable.
fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        let d = File::open(dir).map_err(|e| io_error(dir, e))?;
        match d.sync_all() {
            Ok(()) => Ok(()),
            // Some file systems cannot fsync a directory; the rename is as durable as they allow.
            Err(e) if e.kind() == ErrorKind::InvalidInput || e.kind() == ErrorKind::Unsupported => Ok(()),
            Err(e) => Err(io_error(dir, e)),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Unix seconds now (0 if the clock is before 1970, which the store then stamps again later).
pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Crockford's base-32 digits: no I, L, O or U to misread.
const ID_DIGITS: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Ten base-32 digits from a per-process random seed mixed with the time, the process id and
/// a counter: two processes adding at the same instant still differ.
pub fn random_id() -> BookmarkId {
    use std::hash::{BuildHasher as _, Hasher as _};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // RandomState is seeded from the OS's random source once per process.
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u32(std::process::id());
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    h.write_u128(nanos);
    let mut bits = h.finish();
    let mut id = String::with_capacity(10);
    for _ in 0..10 {
        id.push(char::from(ID_DIGITS[(bits & 31) as usize]));
        bits >>= 5;
    }
    BookmarkId(id)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_ten_distinct_base32_digits() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| random_id().0).collect();
        assert_eq!(ids.len(), 1000);
        assert!(ids.iter().all(|id| id.len() == 10 && id.bytes().all(|b| ID_DIGITS.contains(&b))));
    }

    #[test]
    fn atomic_write_replaces_and_keeps_backup() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.toml");
        with_lock(dir.path(), || write_atomic(&p, b"one", Backup::Yes)).unwrap();
        assert!(!backup_path(&p).exists());
        with_lock(dir.path(), || write_atomic(&p, b"two", Backup::Yes)).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read(backup_path(&p)).unwrap(), b"one");
        assert!(!temp_path(&p).exists());
    }

    #[cfg(unix)]
    #[test]
    fn symlinked_file_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        with_lock(dir.path(), || write_atomic(&link, b"new", Backup::No)).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn missing_and_unreadable_differ() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(read(&dir.path().join("none")), Ok(None)));
        // A directory where the file should be cannot be read: an error, not "missing".
        assert!(read(dir.path()).is_err());
    }
}
