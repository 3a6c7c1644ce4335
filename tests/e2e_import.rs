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

/// A newsboat cache with newsboat's tables and columns, built for the test.
fn make_cache(path: &Path) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch(
        "CREATE TABLE rss_feed (rssurl VARCHAR(1024) PRIMARY KEY NOT NULL, url VARCHAR(1024) NOT NULL, \
           title VARCHAR(1024) NOT NULL, lastmodified INTEGER(11) NOT NULL DEFAULT 0, is_rtl INTEGER(1) NOT NULL DEFAULT 0, \
           etag VARCHAR(128) NOT NULL DEFAULT '');
         CREATE TABLE rss_item (id INTEGER PRIMARY KEY AUTOINCREMENT, guid VARCHAR(64) NOT NULL, title VARCHAR(1024) NOT NULL, \
           author VARCHAR(1024) NOT NULL, url VARCHAR(1024) NOT NULL, feedurl VARCHAR(1024) NOT NULL, pubDate INTEGER NOT NULL, \
           content VARCHAR(65535) NOT NULL, unread INTEGER(1) NOT NULL, enclosure_url VARCHAR(1024), enclosure_type VARCHAR(1024), \
           enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52), deleted INTEGER(1) NOT NULL DEFAULT 0, base VARCHAR(128) NOT NULL DEFAULT '', \
           content_mime_type VARCHAR(255) NOT NULL DEFAULT '');
         INSERT INTO rss_feed (rssurl, url, title) VALUES ('https://moor.example/rss', 'https://moor.example/', 'Moorland Echo');
         INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread, deleted) VALUES
           ('a', 'Reservoir level falls', 'Nils Agren', 'https://moor.example/res', 'https://moor.example/rss', 1793000000,
            '<p>The reservoir is at half its usual level.</p><p>&ldquo;We ask everyone to save water,&rdquo; said Karin Obst, the water board&rsquo;s director.</p>', 1, 0),
           ('b', 'Sheep show cancelled', '', 'https://moor.example/sheep', 'https://moor.example/rss', 1792000000, '<p>Rain.</p>', 1, 0);",
    )
    .unwrap();
}

#[test]
fn newsboat_cache_opens_read_only_as_a_library() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("cache.db");
    make_cache(&db);
    let before = std::fs::read(&db).unwrap();
    let arg = format!("--newsboat={}", db.display());
    let mut t = Pty::spawn(&[&arg], home.path(), 120, 36, &[]);
    t.wait_text("2 articles");
    t.wait_text("Sheep show cancelled");
    // Newest first: the reservoir story is at the top.
    t.send("\r");
    t.wait_text("We ask everyone to save water");
    t.wait_text("Karin Obst");
    t.send("q");
    t.wait_text("2 articles");
    t.send("q");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), Some(0));
    assert_eq!(std::fs::read(&db).unwrap(), before, "the cache was written");
}

#[test]
fn a_bad_newsboat_cache_is_one_line_before_the_terminal_is_touched() {
    let home = tempfile::tempdir().unwrap();
    let junk = home.path().join("junk.db");
    std::fs::write(&junk, vec![b'x'; 8192]).unwrap();
    for (file, what) in [(junk, "not a newsboat cache"), (home.path().join("none.db"), "no such file")] {
        let arg = format!("--newsboat={}", file.display());
        let mut t = Pty::spawn(&[&arg], home.path(), 100, 30, &[]);
        assert_eq!(t.wait_exit(Duration::from_secs(10)), Some(1));
        let screen = t.contents();
        assert!(screen.contains(what), "{screen}");
        t.with_screen(|s| assert!(!s.alternate_screen()));
    }
}

#[test]
fn a_page_piped_in_opens_in_the_reader_with_keys_from_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let page = fixture("page.html");
    let script = r#"cat "$1" | "$0""#;
    let args = ["-c", script, env!("CARGO_BIN_EXE_quoth"), page.to_str().unwrap()];
    let mut t = Pty::spawn_program("sh", &args, home.path(), 120, 36);
    t.wait_text("Harbour ferry returns after storm");
    t.wait_text("Elin Norberg");
    assert!(!t.contents().contains("<!DOCTYPE"));
    // Keys come from the terminal, not the pipe: the next paragraph, then quit.
    t.send("}");
    t.wait_text("¶ 2/8");
    t.send("q");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), Some(0));
}

#[test]
fn a_feed_piped_in_cannot_be_a_library_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    let feed = fixture("rss2.xml");
    let script = r#""$0" - < "$1"; echo "exit=$?"; sleep 1"#;
    let args = ["-c", script, env!("CARGO_BIN_EXE_quoth"), feed.to_str().unwrap()];
    let mut t = Pty::spawn_program("sh", &args, home.path(), 120, 36);
    t.wait_text("exit=1");
    assert!(t.contents().contains("save it to a file"), "{}", t.contents());
    let _ = t.wait_exit(Duration::from_secs(10));
}
