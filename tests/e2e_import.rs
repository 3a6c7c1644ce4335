//! End-to-end: a saved web page and a feed opened in the real `quoth` binary in a pseudo-terminal.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/pty.rs"]
mod pty;

use pty::Pty;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

#[test]
fn a_saved_page_opens_as_its_story_without_the_page_furniture() {
    let home = tempfile::tempdir().unwrap();
    let page = fixture("page.html");
    let mut t = Pty::spawn(&[page.to_str().unwrap()], home.path(), 120, 36, &[]);
    t.wait_text("Harbour ferry returns after storm");
    t.wait_text("Speakers & quotes");
    t.wait_text("Elin Norberg");
    t.wait_text("Rosa Feld");
    let screen = t.contents();
    for furniture in ["<!DOCTYPE", "Share this story", "Copyright Saltmarsh", "var ads", "Related"] {
        assert!(!screen.contains(furniture), "{furniture:?} on screen:\n{screen}");
    }
    t.send("q");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), Some(0));
}

#[test]
fn a_feed_opens_as_a_library_of_its_entries() {
    let home = tempfile::tempdir().unwrap();
    let feed = fixture("rss2.xml");
    let mut t = Pty::spawn(&[feed.to_str().unwrap()], home.path(), 120, 36, &[]);
    t.wait_text("3 articles");
    t.wait_text("Bridge repairs to close Mill Lane");
    t.wait_text("Choir wins regional prize");
    // Down to the second entry and open it: its summary is the story.
    t.send("j");
    t.send("\r");
    t.wait_text("We sang our hearts out");
    t.wait_text("Hana Mori");
    t.send("q");
    t.wait_text("3 articles");
    t.send("q");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), Some(0));
}
