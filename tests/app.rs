//! App logic without a terminal: build an App from fixtures, apply actions, check the state.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use quoth::app::action::Action;
use quoth::app::keymap::{Key, KeyCode};
use quoth::app::{App, Effect, Mouse, Msg, Screen};
use quoth::config::Config;
use quoth::library::{Entry, LoadOptions, Origin};
use quoth::session::{Session, entry_for};
use quoth::store::Store;
use std::path::PathBuf;

const FERRY: &str = include_str!("fixtures/reader/ferry.txt");

struct Fixture {
    _dir: tempfile::TempDir,
    s: Session,
    path: PathBuf,
}

fn open_with(text: &str, width: u16, height: u16) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ferry.txt");
    std::fs::write(&path, text).unwrap();
    let entries = vec![entry_for(&path, &LoadOptions::default())];
    let app = App::new(Config::defaults(), entries, true, width, height, true);
    let mut s = Session::new(app, Store::in_memory(), LoadOptions::default());
    s.dispatch(Msg::Action(Action::Open));
    assert_eq!(s.app.screen, Screen::Reader);
    Fixture { _dir: dir, s, path }
}

fn open() -> Fixture {
    open_with(FERRY, 120, 30)
}

fn act(f: &mut Fixture, a: Action) {
    f.s.dispatch(Msg::Action(a));
}

fn key(f: &mut Fixture, c: char) {
    f.s.dispatch(Msg::Key(Key::ch(c)));
}

fn cursor_text(f: &Fixture) -> String {
    let r = f.s.app.reader.as_ref().unwrap();
    r.article.block_text(r.cursor).to_owned()
}

fn selected_quote_text(f: &Fixture) -> Option<String> {
    let r = f.s.app.reader.as_ref().unwrap();
    let ex = r.extraction.as_ref()?;
    ex.quote(r.pane.selected?).map(|q| q.text(&r.article.text))
}

#[test]
fn paragraph_cursor_moves_and_numbers() {
    let mut f = open();
    assert_eq!(cursor_text(&f), "Island ferry service cut to three sailings a week");
    act(&mut f, Action::NextParagraph);
    act(&mut f, Action::NextParagraph);
    assert!(cursor_text(&f).starts_with("The only ferry"));
    let r = f.s.app.reader.as_ref().unwrap();
    let (n, m) = r.paragraph_number();
    assert_eq!((n, m), (3, 13));
    act(&mut f, Action::PrevParagraph);
    assert_eq!(cursor_text(&f), "By Tomasz Reyes");
    // Bottom moves the cursor to the last paragraph.
    act(&mut f, Action::Bottom);
    assert!(cursor_text(&f).starts_with("A decision on emergency funding"));
    act(&mut f, Action::NextParagraph);
    assert_eq!(f.s.app.message.as_ref().map(|m| m.text.as_str()), Some("last paragraph"));
}

#[test]
fn quote_jumps_select_in_pane_and_move_the_cursor() {
    let mut f = open();
    act(&mut f, Action::NextQuote);
    assert_eq!(selected_quote_text(&f).as_deref(), Some("We cannot keep running empty boats through the winter,"));
    assert!(cursor_text(&f).starts_with("“We cannot keep"));
    act(&mut f, Action::NextQuote);
    act(&mut f, Action::NextQuote);
    let third = selected_quote_text(&f).unwrap();
    assert!(third.starts_with("My mother needs dialysis"), "{third}");
    act(&mut f, Action::PrevQuote);
    assert!(
        selected_quote_text(&f).unwrap().starts_with("The numbers simply")
            || selected_quote_text(&f).unwrap().starts_with("We cannot keep")
    );
    // Moving the paragraph cursor selects the quote under it, or none.
    act(&mut f, Action::Top);
    assert_eq!(selected_quote_text(&f), None);
    for _ in 0..3 {
        act(&mut f, Action::NextParagraph);
    }
    assert_eq!(selected_quote_text(&f).as_deref(), Some("We cannot keep running empty boats through the winter,"));
}

#[test]
fn pane_focus_and_selection() {
    let mut f = open();
    act(&mut f, Action::ToggleFocus);
    let r = f.s.app.reader.as_ref().unwrap();
    assert_eq!(r.focus, quoth::app::reader::Focus::Pane);
    assert!(r.pane.selected.is_some(), "focusing the pane selects its first quote");
    let first = selected_quote_text(&f);
    key(&mut f, 'j');
    assert_ne!(selected_quote_text(&f), first);
    key(&mut f, 'k');
    assert_eq!(selected_quote_text(&f), first);
    // Enter jumps and gives focus back to the text.
    f.s.dispatch(Msg::Key(Key::plain(KeyCode::Enter)));
    assert_eq!(f.s.app.reader.as_ref().unwrap().focus, quoth::app::reader::Focus::Text);
    // q in the reader goes back to the library.
    key(&mut f, 'q');
    assert_eq!(f.s.app.screen, Screen::Library);
}

#[test]
fn resize_keeps_the_same_text_in_view() {
    let mut long = String::new();
    for i in 0..60 {
        long.push_str("Paragraph ");
        long.push_str(&i.to_string());
        long.push_str(" has enough words in it to wrap over several lines when the column is narrow.\n\n");
    }
    let mut f = open_with(&format!("A long story\n\n{long}"), 120, 30);
    for _ in 0..40 {
        act(&mut f, Action::ScrollDown);
    }
    let before = f.s.app.reader.as_ref().unwrap().position_offset();
    f.s.dispatch(Msg::Resize { width: 70, height: 20 });
    let r = f.s.app.reader.as_ref().unwrap();
    let after = r.position_offset();
    // The new top line contains the old top offset.
    assert!(after <= before, "{after} > {before}");
    let line_end = r.layout.content(r.top).map(|c| match c {
        quoth::layout::RowContent::Line(l) => l.span.end,
        quoth::layout::RowContent::Gap => after,
    });
    assert!(line_end.unwrap() >= before, "top line ends before the old offset");
    f.s.dispatch(Msg::Resize { width: 120, height: 30 });
    let r = f.s.app.reader.as_ref().unwrap();
    assert!(r.position_offset() <= before);
}

#[test]
fn search_is_incremental_smart_case_and_wraps() {
    let mut f = open();
    act(&mut f, Action::Search);
    for c in "island".chars() {
        key(&mut f, c);
    }
    let r = f.s.app.reader.as_ref().unwrap();
    assert_eq!(r.search.hits.len(), 6, "case-insensitive: Island, island, Islanders, islanders");
    f.s.dispatch(Msg::Key(Key::plain(KeyCode::Enter)));
    assert!(f.s.app.message.as_ref().unwrap().text.starts_with("6 matches"));
    for _ in 0..5 {
        key(&mut f, 'n');
    }
    key(&mut f, 'n');
    assert_eq!(f.s.app.message.as_ref().unwrap().text, "search wrapped to the top");
    // A capital makes it case-sensitive.
    act(&mut f, Action::Search);
    for c in "Island".chars() {
        key(&mut f, c);
    }
    assert_eq!(f.s.app.reader.as_ref().unwrap().search.hits.len(), 3);
    // Esc cancels and clears.
    f.s.dispatch(Msg::Key(Key::plain(KeyCode::Esc)));
    assert!(f.s.app.reader.as_ref().unwrap().search.hits.is_empty());
}

#[test]
fn bookmarks_add_list_delete_undo() {
    let mut f = open();
    act(&mut f, Action::NextParagraph);
    act(&mut f, Action::NextParagraph);
    act(&mut f, Action::Bookmark);
    assert_eq!(f.s.app.bookmarks.len(), 1);
    let r = f.s.app.reader.as_ref().unwrap();
    assert_eq!(r.marks.len(), 1);
    assert!(f.s.app.bookmarks[0].excerpt.starts_with("The only ferry"));
    assert_eq!(f.s.app.bookmarks[0].path, f.path);
    // Bookmarking the same paragraph again does not duplicate it.
    act(&mut f, Action::Bookmark);
    assert_eq!(f.s.app.bookmarks.len(), 1);
    // A note.
    act(&mut f, Action::EditNote);
    for c in "check the timetable".chars() {
        key(&mut f, c);
    }
    f.s.dispatch(Msg::Key(Key::plain(KeyCode::Enter)));
    assert_eq!(f.s.app.bookmarks[0].note.as_deref(), Some("check the timetable"));
    // The list, delete, undo.
    act(&mut f, Action::OpenBookmarks);
    assert_eq!(f.s.app.screen, Screen::Bookmarks);
    key(&mut f, 'd');
    assert!(f.s.app.bookmarks.is_empty());
    key(&mut f, 'u');
    assert_eq!(f.s.app.bookmarks.len(), 1);
    // Enter opens the article at the passage.
    act(&mut f, Action::Top);
    f.s.dispatch(Msg::Key(Key::plain(KeyCode::Enter)));
    assert_eq!(f.s.app.screen, Screen::Reader);
    assert!(cursor_text(&f).starts_with("The only ferry"));
}

#[test]
fn selection_bookmarks_a_passage_by_sentences() {
    let mut f = open();
    for _ in 0..3 {
        act(&mut f, Action::NextParagraph);
    }
    act(&mut f, Action::Select);
    let sel = |f: &Fixture| {
        let r = f.s.app.reader.as_ref().unwrap();
        r.selection.map(|s| s.span.slice(&r.article.text).to_owned())
    };
    assert_eq!(
        sel(&f).as_deref(),
        Some(
            "“We cannot keep running empty boats through the winter,” said Helen Marsh, chief executive of Caddon Ferries."
        )
    );
    key(&mut f, 'j');
    assert!(sel(&f).unwrap().ends_with("“The numbers simply do not add up.”"));
    key(&mut f, '}');
    assert!(sel(&f).unwrap().ends_with("four years."));
    key(&mut f, 'm');
    assert_eq!(f.s.app.bookmarks.len(), 1);
    assert!(f.s.app.bookmarks[0].excerpt.ends_with("four years."));
    assert!(f.s.app.reader.as_ref().unwrap().selection.is_none());
}

#[test]
fn positions_are_saved_on_tick_and_restored() {
    let mut f = open();
    for _ in 0..10 {
        act(&mut f, Action::ScrollDown);
    }
    let offset = f.s.app.reader.as_ref().unwrap().position_offset();
    let fx = f.s.app.update(Msg::Tick);
    assert!(matches!(fx.as_slice(), [Effect::SavePosition(p)] if p.offset == offset));
    // No change, no save.
    assert!(f.s.app.update(Msg::Tick).is_empty());
    f.s.dispatch(Msg::Tick);
    key(&mut f, 'q');
    f.s.dispatch(Msg::Action(Action::Open));
    assert_eq!(f.s.app.reader.as_ref().unwrap().position_offset(), offset);
}

#[test]
fn mouse_wheel_and_clicks() {
    let mut f = open();
    let geo = f.s.app.reader_geometry();
    let pane = geo.pane.unwrap();
    // Click on the first quote row of the pane (row 0 is the title, then a speaker heading).
    let rows = f.s.app.reader.as_ref().unwrap().quotes().rows.clone();
    let i = rows.iter().position(|r| matches!(r, quoth::app::pane::PaneRow::Quote(_))).unwrap();
    f.s.dispatch(Msg::Mouse(Mouse::Click { col: pane.x + 3, row: pane.y + 1 + i as u16 }));
    assert!(selected_quote_text(&f).is_some());
    let before = f.s.app.reader.as_ref().unwrap().top;
    f.s.dispatch(Msg::Mouse(Mouse::ScrollDown { col: geo.text.x + 1, row: 3 }));
    assert_ne!(f.s.app.reader.as_ref().unwrap().top, before);
}

#[test]
fn help_is_generated_from_the_live_keymap() {
    let cfg =
        Config::from_str_over("[keys.reader]\n\"J\" = \"next_quote\"\n", "c.toml", Some(Config::defaults())).unwrap();
    let app = App::new(cfg, vec![], true, 80, 24, false);
    let lines = app.help_lines();
    assert!(lines.iter().any(|(k, d)| k.split(' ').any(|x| x == "J") && d == "Next quote"));
}

#[test]
fn library_filter_sort_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.txt"), "Beta story\n\n“Quoted words here today,” said Ann Lee.\n").unwrap();
    std::fs::write(dir.path().join("a.md"), "+++\ntitle = \"Alpha story\"\ndate = 2026-01-05\n+++\nBody.\n").unwrap();
    std::fs::write(dir.path().join("broken.json"), "{ \"title\": ").unwrap();
    let load = LoadOptions::default();
    let entries: Vec<Entry> =
        ["b.txt", "a.md", "broken.json"].iter().map(|n| entry_for(&dir.path().join(n), &load)).collect();
    assert!(entries[2].error().unwrap().contains("line 1"), "{:?}", entries[2].state);
    let mut app = App::new(Config::defaults(), entries, true, 100, 30, true);
    // Sorted by date: the dated one first.
    assert_eq!(app.library.entries[app.library.shown[0]].title, "Alpha story");
    app.update(Msg::Action(Action::Sort));
    let titles: Vec<&str> = app.library.shown.iter().map(|&i| app.library.entries[i].title.as_str()).collect();
    assert_eq!(titles, ["Alpha story", "Beta story", "broken.json"]);
    app.update(Msg::Action(Action::Search));
    for c in "ann lee".chars() {
        app.update(Msg::Key(Key::ch(c)));
    }
    assert_eq!(app.library.shown.len(), 1, "filter by speaker");
    let fx = app.update(Msg::Key(Key::plain(KeyCode::Enter)));
    assert!(fx.is_empty());
    let fx = app.update(Msg::Action(Action::Open));
    assert!(matches!(&fx[..], [Effect::Load { origin: Origin::File(p), .. }] if p.ends_with("b.txt")));
}

#[test]
fn bookmark_checks_find_moved_changed_and_missing_articles() {
    use quoth::store::export::Status;
    use quoth::store::locate::Candidate;
    let mut f = open();
    act(&mut f, Action::NextParagraph);
    act(&mut f, Action::NextParagraph);
    act(&mut f, Action::Bookmark);
    let b = f.s.app.bookmarks[0].clone();
    let load = LoadOptions::default();
    let fp = f.s.app.reader.as_ref().unwrap().article.fingerprint();
    let check = |by: &[Candidate]| quoth::session::check_bookmarks(std::slice::from_ref(&b), by, &load)[0].1.clone();
    let status = |by: &[Candidate]| check(by).status;
    let title = "Island ferry service cut to three sailings a week".to_owned();
    assert_eq!(check(&[]).status, Status::Ok);
    assert_eq!(check(&[]).moved_to, None);
    // Moved: found by fingerprint among the library's files, and said where.
    let moved = f.path.with_file_name("moved.txt");
    std::fs::rename(&f.path, &moved).unwrap();
    assert_eq!(status(&[]), Status::Missing);
    let cand = Candidate { path: moved.clone(), fingerprint: Some(fp), title: title.clone() };
    assert_eq!(check(std::slice::from_ref(&cand)).status, Status::Ok);
    assert_eq!(check(std::slice::from_ref(&cand)).moved_to.as_deref(), Some(moved.as_path()));
    // Moved and edited: a new fingerprint, found by its title with the passage in it.
    std::fs::write(&moved, FERRY.replace("By Tomasz Reyes", "By Tomasz Reyes and Ola Berg")).unwrap();
    let cand = Candidate { path: moved.clone(), fingerprint: None, title };
    assert_eq!(check(std::slice::from_ref(&cand)).status, Status::Reanchored);
    assert_eq!(check(std::slice::from_ref(&cand)).moved_to.as_deref(), Some(moved.as_path()));
    // Edited around the passage in place: found again; the passage deleted: flagged, not dropped.
    std::fs::rename(&moved, &f.path).unwrap();
    assert_eq!(status(&[]), Status::Reanchored);
    std::fs::write(&f.path, FERRY.replace("The only ferry linking Orrin Island to the mainland will sail three times a week from March, the operator said on Monday, halving a timetable that islanders already call thin.", "")).unwrap();
    assert_eq!(status(&[]), Status::Lost);
}

#[test]
fn enter_on_a_bookmark_of_a_moved_and_edited_article_opens_the_moved_copy() {
    let mut f = open();
    act(&mut f, Action::NextParagraph);
    act(&mut f, Action::NextParagraph);
    act(&mut f, Action::Bookmark);
    // The file moves to another folder under another name, and gains a paragraph.
    let archive = f.path.parent().unwrap().join("archive");
    std::fs::create_dir(&archive).unwrap();
    let moved = archive.join("orrin-ferry.txt");
    std::fs::write(&moved, FERRY.replace("By Tomasz Reyes", "By Tomasz Reyes\n\nUpdated on Tuesday.")).unwrap();
    std::fs::remove_file(&f.path).unwrap();
    // The library as a rescan leaves it: only the moved copy, which the reader has open.
    f.s.app.library.entries = vec![entry_for(&moved, &LoadOptions::default())];
    act(&mut f, Action::Back);
    act(&mut f, Action::Top);
    act(&mut f, Action::Open);
    assert_eq!(f.s.app.screen, Screen::Reader);
    act(&mut f, Action::Top);
    act(&mut f, Action::OpenBookmarks);
    f.s.dispatch(Msg::Key(Key::plain(KeyCode::Enter)));
    assert_eq!(f.s.app.screen, Screen::Reader);
    let shown = f.s.app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(!shown.contains("No such file"), "{shown}");
    assert_eq!(f.s.app.reader.as_ref().unwrap().entry, 0);
    assert!(cursor_text(&f).starts_with("The only ferry"), "{}", cursor_text(&f));
}

#[test]
fn resize_keeps_the_paragraph_cursor() {
    let mut f = open_with(FERRY, 120, 30);
    for _ in 0..5 {
        act(&mut f, Action::NextParagraph);
    }
    let before = f.s.app.reader.as_ref().unwrap().cursor;
    assert!(before >= 5);
    for (w, h) in [(60, 20), (200, 50), (40, 10), (120, 30)] {
        f.s.dispatch(Msg::Resize { width: w, height: h });
        assert_eq!(f.s.app.reader.as_ref().unwrap().cursor, before, "at {w}x{h}");
    }
}

#[test]
fn a_quote_jump_keeps_lines_of_context_below_and_above() {
    let mut long = String::from("A story with quotes far apart\n\n");
    for i in 0..40 {
        long.push_str(&format!("Filler paragraph number {i} says nothing anyone would quote.\n\n"));
        if i % 10 == 9 {
            long.push_str(&format!("“Quote number {i} is here,” said Ann Lee.\n\n"));
        }
    }
    for scroll_off in [0u16, 3, 5] {
        let mut f = open_with(&long, 120, 20);
        f.s.app.config.scroll_off = scroll_off;
        // Reopen so the reader takes the setting.
        act(&mut f, Action::Back);
        act(&mut f, Action::Open);
        for _ in 0..3 {
            act(&mut f, Action::NextQuote);
            let r = f.s.app.reader.as_ref().unwrap();
            let q = selected_quote_text(&f).unwrap();
            let rows = r.visible_rows();
            let text_rows: Vec<String> = rows
                .iter()
                .map(|&row| match r.layout.content(row) {
                    Some(quoth::layout::RowContent::Line(l)) => l.span.slice(&r.article.text).to_owned(),
                    _ => String::new(),
                })
                .collect();
            let at = text_rows.iter().position(|t| t.contains(q.split(',').next().unwrap())).unwrap();
            let so = usize::from(scroll_off).min((rows.len() - 1) / 3);
            assert!(at >= so, "scroll-off {scroll_off}: quote on row {at}: {text_rows:?}");
            assert!(rows.len() - 1 - at >= so, "scroll-off {scroll_off}: quote on row {at} of {}", rows.len());
        }
    }
}

#[test]
fn search_counts_read_as_english() {
    let mut f = open();
    act(&mut f, Action::Search);
    for c in "Orrin Island to the mainland".chars() {
        key(&mut f, c);
    }
    f.s.dispatch(Msg::Key(Key::plain(KeyCode::Enter)));
    let shown = f.s.app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(shown.starts_with("1 match —"), "{shown}");
}

#[test]
fn selection_by_sentences_steps_over_titles_and_initials() {
    let text = "Council vote\n\nMr. Holt and George W. Bush Jr. spoke on Monday. Dr. Ek did not. Then it rained.";
    let mut f = open_with(text, 120, 30);
    act(&mut f, Action::NextParagraph);
    act(&mut f, Action::Select);
    let sel = |f: &Fixture| {
        let r = f.s.app.reader.as_ref().unwrap();
        r.selection.map(|s| s.span.slice(&r.article.text).to_owned())
    };
    assert_eq!(sel(&f).as_deref(), Some("Mr. Holt and George W. Bush Jr. spoke on Monday."));
    key(&mut f, 'j');
    assert!(sel(&f).unwrap().ends_with("Dr. Ek did not."), "{:?}", sel(&f));
}
