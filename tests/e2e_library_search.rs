//! Library-wide search in the real binary, in a pseudo-terminal: open a folder, search the
//! text of every story, open a result at its match, go through the matches with `n`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/pty.rs"]
mod pty;

use pty::Pty;
use std::time::Duration;

#[test]
fn search_the_library_and_open_a_story_at_the_match() {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("news");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(
        lib.join("harbour.txt"),
        "Harbour plan approved\n\nThe council met on Monday.\n\n\u{201c}The ferry comes first,\u{201d} said Mayor Inés López.\n\nThe old ferry will run until May.",
    )
    .unwrap();
    std::fs::write(
        lib.join("tolls.txt"),
        "Bridge tolls rise\n\n\u{201c}Nobody likes a toll,\u{201d} said Tomas Ekberg.",
    )
    .unwrap();
    let mut t = Pty::spawn(&[lib.to_str().unwrap()], home.path(), 100, 30, &[]);
    t.wait_text("Bridge tolls rise");
    t.type_keys("S");
    t.wait_text("search the library:");
    t.type_keys("FERRY");
    t.send("\r");
    t.wait_text("Library search");
    t.wait_text("1 story");
    assert!(!t.contents().contains("Bridge tolls rise"), "only the story that matches:\n{}", t.contents());
    t.send("\r");
    t.wait_text("2 matches of “ferry”");
    // The cursor paragraph is the match's: the quote, not the headline.
    t.wait_for("the first match in view", Duration::from_secs(10), |s| s.contents().contains("The ferry comes first"));
    t.type_keys("n");
    t.wait_text("The old ferry will run");
    // q: first out of the in-article search, then back to the results.
    t.type_keys("q");
    t.type_keys("q");
    t.wait_text("Library search");
    t.type_keys("q");
    t.wait_text("Bridge tolls rise");
    t.type_keys("q");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), Some(0));
    assert!(home.path().join("cache/library.sqlite").exists());
}

#[test]
fn the_speakers_screen_leads_to_a_quote_in_another_story() {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("news");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(
        lib.join("a-harbour.txt"),
        "Harbour plan approved\n\n\u{201c}The ferry comes first,\u{201d} said Mayor Inés López.",
    )
    .unwrap();
    std::fs::write(
        lib.join("b-fares.txt"),
        "Ferry fares frozen\n\nThe board met for an hour.\n\n\u{201c}Fares stay where they are this winter,\u{201d} said Ines Lopez.",
    )
    .unwrap();
    let mut t = Pty::spawn(&[lib.to_str().unwrap()], home.path(), 100, 30, &[]);
    t.wait_text("Ferry fares frozen");
    t.type_keys("P");
    t.wait_text("Speakers · 1");
    t.wait_text("2 quotes  2 stories");
    t.send("\r");
    t.wait_text("2 quotes in the library");
    t.type_keys("j");
    t.send("\r");
    t.wait_text("Speakers & quotes");
    t.wait_text("Fares stay where they are this winter");
    assert!(t.contents().contains("Ferry fares frozen"), "{}", t.contents());
    t.type_keys("q");
    t.type_keys("q");
    t.wait_text("2 quotes in the library");
    t.type_keys("q");
    t.type_keys("q");
    t.wait_text("Harbour plan approved");
    t.type_keys("q");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), Some(0));
}
