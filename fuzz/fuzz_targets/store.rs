//! Store files edited by hand or damaged: any bytes parse to bookmarks or positions or to one
//! error line, never a panic; what parses writes back to bytes that parse to the same list.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quoth::store::format::{parse_bookmarks, parse_positions, write_bookmarks, write_positions};

fuzz_target!(|data: &[u8]| {
    match parse_bookmarks(data) {
        Ok(list) => assert_eq!(parse_bookmarks(write_bookmarks(&list).as_bytes()).ok(), Some(list)),
        Err(e) => assert!(!e.to_string().contains('\n')),
    }
    match parse_positions(data) {
        Ok(list) => assert_eq!(parse_positions(write_positions(&list).as_bytes()).ok(), Some(list)),
        Err(e) => assert!(!e.to_string().contains('\n')),
    }
});
