//! The store through its library API: two instances sharing one directory, reload, undo,
//! positions, and files that must never be overwritten (damaged, newer, unreadable).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use quoth::article::{Article, Format};
use quoth::span::Span;
use quoth::store::{
    BOOKMARKS_FILE, Bookmark, BookmarkId, LEGACY_BOOKMARKS_FILE, POSITIONS_FILE, Position, Store, StoreError,
};
use std::path::{Path, PathBuf};

const STORY: &str = "Ferry timetable changes\n\n\
    The island ferry will run every forty minutes from June, the operator said.\n\n\
    “Passengers asked for earlier boats and we listened,” said Mira Holt, who runs the service.\n\n\
    The last boat back will leave at eleven at night.";

fn story() -> Article {
    Article::from_str_format(STORY, Format::Plain).unwrap()
}

/// A bookmark of paragraph `n` (0-based block index) of the story.
fn mark(store: &Store, n: usize) -> Bookmark {
    let a = story();
    Bookmark::new(store.new_id(), &a, Path::new("/news/ferry.txt"), a.blocks[n].span)
}

fn ids(store: &Store) -> Vec<String> {
    store.bookmarks().iter().map(|b| b.id.0.clone()).collect()
}

fn bookmarks_file(dir: &Path) -> PathBuf {
    dir.join(BOOKMARKS_FILE)
}

#[test]
fn missing_directory_is_empty_and_created_on_first_change() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("not").join("yet");
    let mut s = Store::open(&dir);
    assert!(s.bookmarks().is_empty());
    assert_eq!(s.read_only_reason(), None);
    assert!(!dir.exists(), "opening creates nothing");
    let b = mark(&s, 1);
    s.add_bookmark(b.clone()).unwrap();
    let again = Store::open(&dir);
    assert_eq!(again.bookmarks().len(), 1);
    assert_eq!(again.bookmarks()[0].excerpt, b.excerpt);
    assert!(again.bookmarks()[0].created > 0, "created is stamped");
}

#[test]
fn two_instances_apply_operations_not_stale_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let mut one = Store::open(tmp.path());
    let mut two = Store::open(tmp.path());
    let a = mark(&one, 1);
    let b = mark(&one, 2);
    one.add_bookmark(a.clone()).unwrap();
    one.add_bookmark(b.clone()).unwrap();
    // `two` has not seen a or b; its add must not drop them.
    let c = mark(&two, 3);
    two.add_bookmark(c.clone()).unwrap();
    assert_eq!(ids(&two), [a.id.0.as_str(), &b.id.0, &c.id.0]);
    // `one` removes a; `two`, still showing a, changes b's note: a stays removed.
    one.remove_bookmark(&a.id).unwrap();
    two.set_note(&b.id, Some("ask about winter".into())).unwrap();
    assert_eq!(ids(&two), [b.id.0.as_str(), &c.id.0]);
    assert_eq!(two.bookmarks()[0].note.as_deref(), Some("ask about winter"));
    // A note on a bookmark another instance removed is an error, not a resurrection.
    assert!(matches!(one.set_note(&a.id, Some("x".into())), Err(StoreError::NotFound(_))));
    assert_eq!(ids(&Store::open(tmp.path())), [b.id.0.as_str(), &c.id.0]);
}

#[test]
fn reload_sees_other_changes_and_skips_unchanged_files() {
    let tmp = tempfile::tempdir().unwrap();
    let mut one = Store::open(tmp.path());
    let mut two = Store::open(tmp.path());
    assert!(!two.reload());
    one.add_bookmark(mark(&one, 1)).unwrap();
    assert!(two.reload());
    assert_eq!(two.bookmarks().len(), 1);
    assert!(!two.reload());
}

#[test]
fn undo_restores_the_same_bookmark() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Store::open(tmp.path());
    s.add_bookmark(mark(&s, 1).with_note(Some("n".into()))).unwrap();
    s.add_bookmark(mark(&s, 2)).unwrap();
    let first = s.bookmarks()[0].clone();
    let removed = s.remove_bookmark(&first.id).unwrap();
    assert_eq!(removed, first);
    s.add_bookmark(removed).unwrap();
    let reopened = Store::open(tmp.path());
    let back = reopened.bookmark(&first.id).unwrap();
    assert_eq!(back, &first, "same id, created time and note");
}

#[test]
fn changes_append_and_a_mostly_superseded_journal_is_rewritten_with_a_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let path = bookmarks_file(tmp.path());
    let mut s = Store::open(tmp.path());
    for _ in 0..70 {
        s.add_bookmark(mark(&s, 1)).unwrap();
    }
    let lines = |p: &Path| std::fs::read_to_string(p).unwrap().lines().count();
    assert_eq!(lines(&path), 71, "a header and one line per add");
    let mut removed = 0;
    let ino = || std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap());
    let first_inode = ino();
    while ino() == first_inode {
        let id = s.bookmarks()[0].id.clone();
        s.remove_bookmark(&id).unwrap();
        removed += 1;
        assert!(removed < 70, "never compacted");
    }
    // Compacted once removals made up more than two lines in three.
    assert_eq!(removed, 24);
    assert_eq!(lines(&path), 70 - 24 + 1);
    let bak = std::fs::read(tmp.path().join("bookmarks.jsonl.bak")).unwrap();
    assert_eq!(lines(&tmp.path().join("bookmarks.jsonl.bak")), 71 + 24);
    assert_eq!(quoth::store::format::parse_bookmarks(&bak).unwrap(), s.bookmarks());
    assert_eq!(Store::open(tmp.path()).bookmarks(), s.bookmarks());
}

#[test]
fn a_torn_last_line_is_ignored_and_cut_off_by_the_next_change() {
    let tmp = tempfile::tempdir().unwrap();
    let path = bookmarks_file(tmp.path());
    let mut s = Store::open(tmp.path());
    s.add_bookmark(mark(&s, 1)).unwrap();
    let good = std::fs::read(&path).unwrap();
    // A killed writer's half line.
    let mut torn = good.clone();
    torn.extend_from_slice(b"{\"id\":\"half\",\"created\":17");
    std::fs::write(&path, &torn).unwrap();
    for mut store in [Store::open(tmp.path()), Store::open_for_adding(tmp.path())] {
        assert_eq!(store.read_only_reason(), None);
        store.add_bookmark(mark(&store, 2)).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(&good) && !bytes.windows(4).any(|w| w == b"half"));
        assert_eq!(quoth::store::format::parse_bookmarks(&bytes).unwrap().len(), 2);
        std::fs::write(&path, &torn).unwrap();
    }
}

#[test]
fn a_last_line_without_its_newline_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let path = bookmarks_file(tmp.path());
    let mut s = Store::open(tmp.path());
    s.add_bookmark(mark(&s, 1)).unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.pop();
    for mut store in [Store::open(tmp.path()), Store::open_for_adding(tmp.path())] {
        std::fs::write(&path, &bytes).unwrap();
        store.add_bookmark(mark(&store, 2)).unwrap();
        assert_eq!(Store::open(tmp.path()).bookmarks().len(), 2);
    }
}

#[test]
fn reload_reads_what_another_process_appended_and_notices_a_rewrite() {
    let tmp = tempfile::tempdir().unwrap();
    let mut one = Store::open(tmp.path());
    let mut two = Store::open(tmp.path());
    one.add_bookmark(mark(&one, 1)).unwrap();
    assert!(two.reload());
    let mut adder = Store::open_for_adding(tmp.path());
    adder.add_bookmark(mark(&adder, 2)).unwrap();
    assert!(two.reload());
    assert_eq!(two.bookmarks().len(), 2);
    // The same file edited in place (same inode), as an editor that does not rename writes it.
    let path = bookmarks_file(tmp.path());
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("\"title\":\"Ferry", "\"title\":\"Barges", 2);
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .map(|mut f| {
            use std::io::Write as _;
            f.write_all(edited.as_bytes()).unwrap();
            f.write_all(b"{\"removed\":\"nothing\"}\n").unwrap();
        })
        .unwrap();
    assert!(two.reload());
    assert_eq!(two.read_only_reason(), None);
    assert!(two.bookmarks().iter().all(|b| b.title.starts_with("Barges")), "re-read from the start");
}

#[test]
fn a_legacy_toml_file_is_read_and_left_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let legacy = tmp.path().join(LEGACY_BOOKMARKS_FILE);
    let old = vec![mark(&Store::in_memory(), 1), mark(&Store::in_memory(), 2)];
    let toml = quoth::store::format::write_legacy_bookmarks(&old);
    std::fs::write(&legacy, &toml).unwrap();
    let mut s = Store::open(tmp.path());
    assert_eq!(s.bookmarks(), old);
    s.add_bookmark(mark(&s, 3)).unwrap();
    assert_eq!(std::fs::read_to_string(&legacy).unwrap(), toml, "the old file is not touched");
    let again = Store::open(tmp.path());
    assert_eq!(again.bookmarks().len(), 3);
    assert_eq!(&again.bookmarks()[..2], old);
    // A damaged legacy file (and no journal) is reported and kept, as any store file.
    let tmp = tempfile::tempdir().unwrap();
    let legacy = tmp.path().join(LEGACY_BOOKMARKS_FILE);
    std::fs::write(&legacy, "version = 1\n[[bookmarks]\n").unwrap();
    let mut s = Store::open(tmp.path());
    assert!(s.read_only_reason().unwrap().contains("line 2, column 13"));
    assert!(matches!(s.add_bookmark(mark(&s, 1)), Err(StoreError::ReadOnly(_))));
    assert!(!bookmarks_file(tmp.path()).exists());
}

/// Opens a store on a bookmarks file holding `bytes`, checks the one-line reason and that no
/// change gets through, and that the file is still byte for byte what it was.
#[track_caller]
fn check_untouchable(bytes: &[u8], reason_has: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let path = bookmarks_file(tmp.path());
    std::fs::write(&path, bytes).unwrap();
    let mut s = Store::open(tmp.path());
    let reason = s.read_only_reason().expect("read-only").to_owned();
    assert!(!reason.contains('\n'), "one line: {reason}");
    assert!(reason.contains(&path.display().to_string()), "names the file: {reason}");
    assert!(reason.contains(reason_has), "{reason}");
    assert!(reason.contains("read-only"), "{reason}");
    assert!(s.bookmarks().is_empty());
    let b = mark(&s, 1);
    assert!(matches!(s.add_bookmark(b), Err(StoreError::ReadOnly(_))));
    assert!(matches!(s.remove_bookmark(&BookmarkId("x".into())), Err(StoreError::ReadOnly(_))));
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "file unchanged");
    assert!(!tmp.path().join("bookmarks.jsonl.bak").exists());
    // Reading positions still work: they are another file.
    s.set_position(Position::new(&story(), Path::new("/news/ferry.txt"), 30)).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "file unchanged");
}

const HEADER: &str = "{\"quoth\":\"bookmarks\",\"version\":2}\n";

#[test]
fn damaged_or_newer_files_are_never_overwritten() {
    check_untouchable(format!("{HEADER}{{\"id\":\"a\",\n").as_bytes(), "line 2, column 10");
    check_untouchable(format!("{HEADER}{{\"id\":\"a\"}}\n").as_bytes(), "missing field");
    check_untouchable(
        b"{\"quoth\":\"bookmarks\",\"version\":4}\n{\"id\":\"a\",\"highlight\":\"yellow\"}\n",
        "written by a newer quoth (format version 4",
    );
    check_untouchable(&[HEADER.as_bytes(), b"\xff\xfe\n"].concat(), "line 2, column");
    check_untouchable(b"version = 1\n", "expected the header line");
}

#[test]
fn fixing_the_file_makes_the_store_writable_again() {
    let tmp = tempfile::tempdir().unwrap();
    let path = bookmarks_file(tmp.path());
    std::fs::write(&path, format!("{HEADER}{{\"removed\":3}}\n")).unwrap();
    let mut s = Store::open(tmp.path());
    assert!(s.read_only_reason().is_some());
    std::fs::write(&path, HEADER).unwrap();
    s.add_bookmark(mark(&s, 1)).unwrap();
    assert_eq!(s.read_only_reason(), None);
    assert_eq!(Store::open(tmp.path()).bookmarks().len(), 1);
}

#[test]
fn unreadable_is_not_missing() {
    let tmp = tempfile::tempdir().unwrap();
    // A directory where the file should be: it exists but cannot be read as a file.
    std::fs::create_dir(bookmarks_file(tmp.path())).unwrap();
    let mut s = Store::open(tmp.path());
    let reason = s.read_only_reason().unwrap();
    assert!(reason.contains("is a directory"), "{reason}");
    assert!(s.add_bookmark(mark(&s, 1)).is_err());
    assert!(bookmarks_file(tmp.path()).is_dir());
}

#[test]
fn positions_newest_wins_and_idle_saves_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let a = story();
    let path = Path::new("/news/ferry.txt");
    let mut one = Store::open(tmp.path());
    let mut two = Store::open(tmp.path());
    one.set_position(Position::new(&a, path, 30)).unwrap();
    let mut later = Position::new(&a, path, 90);
    later.updated = u64::MAX / 4;
    two.set_position(later.clone()).unwrap();
    // An older save from `one` does not replace the newer one on disk.
    let mut older = Position::new(&a, path, 50);
    older.updated = 5;
    one.set_position(older).unwrap();
    let s = Store::open(tmp.path());
    assert_eq!(s.position(a.fingerprint()).unwrap().offset, 90);
    assert_eq!(s.position_for(&a, path).unwrap().offset, 90);
    // Saving the place already saved does not touch the file.
    let file = tmp.path().join(POSITIONS_FILE);
    let before = std::fs::metadata(&file).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    two.set_position(later).unwrap();
    assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), before);
    assert!((s.positions()[0].progress() - 90.0 / a.text.len() as f64).abs() < 1e-9);
}

#[test]
fn a_damaged_positions_file_leaves_bookmarks_writable() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join(POSITIONS_FILE);
    std::fs::write(&file, "version = 1\npositions = [").unwrap();
    let mut s = Store::open(tmp.path());
    assert!(s.positions_read_only_reason().unwrap().contains("reading positions"));
    assert_eq!(s.bookmarks_read_only_reason(), None);
    s.add_bookmark(mark(&s, 1)).unwrap();
    let p = Position::new(&story(), Path::new("/news/ferry.txt"), 10);
    assert!(matches!(s.set_position(p), Err(StoreError::ReadOnly(_))));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "version = 1\npositions = [");
}

#[test]
fn bookmarks_for_an_article_in_text_order_with_anchors() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Store::open(tmp.path());
    let a = story();
    let path = Path::new("/news/ferry.txt");
    s.add_bookmark(mark(&s, 3)).unwrap();
    s.add_bookmark(mark(&s, 1)).unwrap();
    let found = s.bookmarks_for(&a, path);
    let starts: Vec<usize> = found.iter().map(|(_, a)| a.span().unwrap().start).collect();
    assert_eq!(starts, [a.blocks[1].span.start, a.blocks[3].span.start]);
    // Edited at the same path: found by path, re-anchored.
    let edited = Article::from_str_format(&STORY.replace("forty", "thirty"), Format::Plain).unwrap();
    let found = s.bookmarks_for(&edited, path);
    assert_eq!(found.len(), 2);
    // Moved: found by fingerprint.
    assert_eq!(s.bookmarks_for(&a, Path::new("/elsewhere.txt")).len(), 2);
    // Another article: none.
    let other = Article::from_str_format("Other\n\nText.", Format::Plain).unwrap();
    assert!(s.bookmarks_for(&other, Path::new("/o.txt")).is_empty());
    let _ = Span::default();
}
