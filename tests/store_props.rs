//! The store's parsers on damaged and hand-edited files (the property of the `store` fuzz
//! target, run here on stable): any bytes give a list or one error line, never a panic, and
//! what parses writes back to bytes that parse to the same list.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use quoth::article::{Article, Format};
use quoth::span::Span;
use quoth::store::format::{parse_bookmarks, parse_positions, write_bookmarks, write_positions};
use quoth::store::{Bookmark, BookmarkId, Position};
use std::path::Path;

fn check(bytes: &[u8]) {
    match parse_bookmarks(bytes) {
        Ok(list) => assert_eq!(parse_bookmarks(write_bookmarks(&list).as_bytes()).ok(), Some(list)),
        Err(e) => assert!(!e.to_string().contains('\n'), "{e}"),
    }
    match parse_positions(bytes) {
        Ok(list) => assert_eq!(parse_positions(write_positions(&list).as_bytes()).ok(), Some(list)),
        Err(e) => assert!(!e.to_string().contains('\n'), "{e}"),
    }
}

/// A valid journal and a valid positions file to damage.
fn valid() -> (Vec<u8>, Vec<u8>) {
    let a = Article::from_str_format("Head\n\n“Quoted,” she said.\n\nMore text é.", Format::Plain).unwrap();
    let list: Vec<Bookmark> = (0..3)
        .map(|i| {
            let mut b = Bookmark::new(BookmarkId(format!("id{i}")), &a, Path::new("/n/a.txt"), Span::new(6, 20 + i));
            b.created = 1_767_312_000 + i as u64;
            b.note = (i == 1).then(|| "a note\nwith lines".to_owned());
            b
        })
        .collect();
    let mut p = Position::new(&a, Path::new("/n/a.txt"), 7);
    p.updated = 1_767_312_000;
    (write_bookmarks(&list).into_bytes(), write_positions(&[p]).into_bytes())
}

proptest! {
    #[test]
    fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        check(&bytes);
    }

    /// Valid files with bytes flipped, cut or inserted: the damage a disk or an editor does.
    #[test]
    fn damaged_files(pos in 0usize..4000, byte in any::<u8>(), how in 0u8..3, which in any::<bool>()) {
        let (journal, positions) = valid();
        let mut bytes = if which { journal } else { positions };
        let at = pos % (bytes.len() + 1);
        match how {
            0 => { if let Some(b) = bytes.get_mut(at) { *b = byte; } }
            1 => bytes.truncate(at),
            _ => bytes.insert(at, byte),
        }
        check(&bytes);
    }
}

#[test]
fn valid_files_round_trip() {
    let (journal, positions) = valid();
    assert_eq!(parse_bookmarks(&journal).unwrap().len(), 3);
    assert_eq!(parse_positions(&positions).unwrap().len(), 1);
    check(&journal);
    check(&positions);
}
