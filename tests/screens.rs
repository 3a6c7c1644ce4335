//! Screens rendered into ratatui's `TestBackend`, compared with committed insta snapshots.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use quoth::app::action::Action;
use quoth::app::keymap::{Key, KeyCode};
use quoth::app::{App, Msg};
use quoth::config::Config;
use quoth::library::{Entry, LoadOptions};
use quoth::session::{Session, entry_for};
use quoth::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FERRY: &str = include_str!("fixtures/reader/ferry.txt");
const ORCHARD: &str = "+++\ntitle = \"Frost ruins half the Valley's apple blossom\"\nsource = \"Valley Courier\"\nauthor = \"Ines Okoro\"\ndate = 2026-04-02\n+++\n\
Growers in the upper valley lost about half of their blossom to two nights of frost, the growers' association said on Thursday.\n\n\
“I have farmed here for thirty years and never seen it this bad,” said Walter Brandt, who grows cider apples near Kessel.\n\n\
## What comes next\n\n\
The association asked the county for emergency loans. *Nothing has been promised yet.*\n";

fn session(width: u16, height: u16) -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ferry.txt"), FERRY).unwrap();
    std::fs::write(dir.path().join("orchard.md"), ORCHARD).unwrap();
    std::fs::write(dir.path().join("broken.json"), "{\n  \"title\": \"Half a story\",\n  \"body\": \n").unwrap();
    let load = LoadOptions::default();
    let entries: Vec<Entry> =
        ["ferry.txt", "orchard.md", "broken.json"].iter().map(|n| entry_for(&dir.path().join(n), &load)).collect();
    let app = App::new(Config::defaults(), entries, true, width, height, false);
    (dir, Session::new(app, Store::in_memory(), load))
}

fn draw(s: &Session, width: u16, height: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(width, height)).unwrap();
    t.draw(|f| quoth::ui::render(&s.app, f)).unwrap();
    t.backend().to_string()
}

fn keys(s: &mut Session, keys: &str) {
    for c in keys.chars() {
        s.dispatch(Msg::Key(Key::ch(c)));
    }
}

fn open_ferry(s: &mut Session) {
    // The ferry story is the one without a date: last by date.
    s.dispatch(Msg::Action(Action::Bottom));
    s.dispatch(Msg::Action(Action::Up));
    let shown: Vec<String> = s.app.library.shown.iter().map(|&i| s.app.library.entries[i].title.clone()).collect();
    let pos = shown.iter().position(|t| t.starts_with("Island ferry")).unwrap();
    s.dispatch(Msg::Action(Action::Top));
    for _ in 0..pos {
        s.dispatch(Msg::Action(Action::Down));
    }
    s.dispatch(Msg::Action(Action::Open));
}

#[test]
fn library() {
    for (w, h) in [(100, 30), (60, 20)] {
        let (_d, s) = session(w, h);
        insta::assert_snapshot!(format!("library_{w}x{h}"), draw(&s, w, h));
    }
}

#[test]
fn reader_with_pane() {
    let (_d, mut s) = session(100, 30);
    open_ferry(&mut s);
    keys(&mut s, "]]");
    insta::assert_snapshot!("reader_pane_100x30", draw(&s, 100, 30));
}

#[test]
fn reader_narrow_and_overlay() {
    let (_d, mut s) = session(60, 20);
    open_ferry(&mut s);
    keys(&mut s, "}}}");
    insta::assert_snapshot!("reader_60x20", draw(&s, 60, 20));
    s.dispatch(Msg::Key(Key::plain(KeyCode::Tab)));
    insta::assert_snapshot!("reader_overlay_60x20", draw(&s, 60, 20));
}

#[test]
fn help() {
    for (w, h) in [(100, 30), (60, 20)] {
        let (_d, mut s) = session(w, h);
        open_ferry(&mut s);
        keys(&mut s, "?");
        insta::assert_snapshot!(format!("help_{w}x{h}"), draw(&s, w, h));
    }
}

#[test]
fn search() {
    for (w, h) in [(100, 30), (60, 20)] {
        let (_d, mut s) = session(w, h);
        open_ferry(&mut s);
        keys(&mut s, "/island");
        insta::assert_snapshot!(format!("search_{w}x{h}"), draw(&s, w, h));
    }
}

#[test]
fn markdown_and_why_and_bookmarks() {
    let (_d, mut s) = session(80, 24);
    s.dispatch(Msg::Action(Action::Top));
    s.dispatch(Msg::Action(Action::Open));
    keys(&mut s, "]w");
    insta::assert_snapshot!("markdown_why_80x24", draw(&s, 80, 24));
    keys(&mut s, "q}m'");
    // The creation time is stamped by the store: fix it for a stable snapshot.
    for b in &mut s.app.bookmarks {
        b.created = 1_795_737_600;
    }
    insta::assert_snapshot!("bookmarks_80x24", draw(&s, 80, 24));
}
