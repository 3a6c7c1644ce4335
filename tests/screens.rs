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

/// Hostile single-line fields and code points no terminal draws: the screens keep their shape
/// (every row exactly the terminal's width, the pane's border in one column) and look as below.
#[test]
fn long_fields_and_undrawn_code_points_keep_the_layout() {
    use unicode_width::UnicodeWidthStr as _;
    let dir = tempfile::tempdir().unwrap();
    let long_line = format!("{}\n\n“Short,” said Ann Lee.\n", "x".repeat(20_000));
    let long_title = format!(
        "{{\"title\": \"{}\", \"author\": \"{}\", \"body\": \"“Fine,” said Bo Ek.\"}}",
        "T".repeat(20_000),
        "A".repeat(5_000)
    );
    let odd = "Odd \u{FFFE}marks\u{0378} in \u{10FFFF}the headline\n\n\
        “We \u{FFFF}will \u{0378}see,” said Mira Holt, the \u{FDD0}mayor.\n\n\
        Wide 漢字 and 👍 text stays aligned \u{E0001}here.\n";
    for (name, text) in
        [("long-line.txt", long_line.as_str()), ("long-title.json", long_title.as_str()), ("odd.txt", odd)]
    {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let load = LoadOptions::default();
    let entries: Vec<Entry> =
        ["long-line.txt", "long-title.json", "odd.txt"].iter().map(|n| entry_for(&dir.path().join(n), &load)).collect();
    let (w, h) = (80, 24);
    let app = App::new(Config::defaults(), entries, true, w, h, false);
    let mut s = Session::new(app, Store::in_memory(), load);
    let check = |screen: &str| {
        for row in screen.lines() {
            // TestBackend quotes each row and notes the cells wide symbols cover: strip both.
            let row = row.split("\" Hidden by multi-width symbols").next().unwrap_or(row);
            let row = row.trim_start_matches('"').trim_end_matches('"');
            assert_eq!(row.width(), usize::from(w), "{row:?}");
        }
    };
    let library = draw(&s, w, h);
    check(&library);
    insta::assert_snapshot!("hostile_library_80x24", library);
    let mut screens = Vec::new();
    for i in 0..3 {
        s.dispatch(Msg::Action(Action::Top));
        for _ in 0..i {
            s.dispatch(Msg::Action(Action::Down));
        }
        s.dispatch(Msg::Action(Action::Open));
        keys(&mut s, "]");
        let screen = draw(&s, w, h);
        check(&screen);
        // The pane's border, where there is one, is in the same column on every row.
        let cols: std::collections::BTreeSet<usize> =
            screen.lines().filter_map(|r| r.trim_start_matches('"').chars().position(|c| c == '│')).collect();
        assert!(cols.len() <= 1, "{cols:?}\n{screen}");
        screens.push(screen);
        for _ in 0..3 {
            if s.app.screen != quoth::app::Screen::Library {
                s.dispatch(Msg::Action(Action::Back));
            }
        }
        assert_eq!(s.app.screen, quoth::app::Screen::Library);
    }
    insta::assert_snapshot!("hostile_readers_80x24", screens.join("\n"));
}

/// The why box never covers the quote it explains, and names the speaker whole at 50 columns.
#[test]
fn why_box_leaves_the_quote_in_view_and_names_the_speaker() {
    let (w, h) = (50, 16);
    let (_d, mut s) = session(w, h);
    open_ferry(&mut s);
    for n in 1..=3 {
        keys(&mut s, "]");
        let r = s.app.reader.as_ref().unwrap();
        let ex = r.extraction.as_ref().unwrap();
        let q = ex.quote(r.pane.selected.unwrap()).unwrap();
        let who = ex.speaker_name(q).unwrap_or("unattributed").to_owned();
        let quote = q.text(&r.article.text);
        let opening: String = quote.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
        keys(&mut s, "w");
        let screen = draw(&s, w, h);
        let box_rows: Vec<&str> = screen.lines().filter(|l| l.contains('│')).collect();
        let text_rows: Vec<&str> =
            screen.lines().filter(|l| !l.contains('│') && !l.contains('┌') && !l.contains('└')).collect();
        assert!(text_rows.iter().any(|l| l.contains(&opening)), "quote {n} {opening:?} covered:\n{screen}");
        assert!(box_rows.first().is_some_and(|l| l.contains(&who)), "speaker {who:?} cut:\n{screen}");
        if n == 3 {
            insta::assert_snapshot!("why_50x16", screen);
        }
        keys(&mut s, "x");
    }
}

/// Footers show the keys as bound now: a remapped key appears, an unbound action is left out.
#[test]
fn footers_follow_the_keymap() {
    let toml = "[keys.library]\n\"enter\" = \"none\"\n\"l\" = \"none\"\n\"right\" = \"none\"\n\"o\" = \"open\"\n\"s\" = \"none\"\n\
                [keys.global]\n\"?\" = \"none\"\n\"f1\" = \"help\"\n";
    let config = Config::from_str_over(toml, "test.toml", Some(Config::defaults())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ferry.txt"), FERRY).unwrap();
    let entries = vec![entry_for(&dir.path().join("ferry.txt"), &LoadOptions::default())];
    let app = App::new(config, entries, true, 100, 20, false);
    let s = Session::new(app, Store::in_memory(), LoadOptions::default());
    let screen = draw(&s, 100, 20);
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("o open") && !footer.contains("enter open"), "{footer}");
    assert!(!footer.contains("sort"), "{footer}");
    assert!(footer.contains("f1 help") && !footer.contains("? help"), "{footer}");
}

#[test]
fn library_status_line_counts_skipped_files() {
    let (_d, mut s) = session(100, 30);
    s.dispatch(Msg::ScanProgress { done: 9, total: Some(9), skipped: 6 });
    let screen = draw(&s, 100, 30);
    let status = screen.lines().nth(29).unwrap_or_default();
    assert!(status.contains("6 files skipped · "), "{status}");
    s.dispatch(Msg::ScanProgress { done: 9, total: Some(9), skipped: 1 });
    assert!(draw(&s, 100, 30).contains("1 file skipped"));
    s.dispatch(Msg::ScanProgress { done: 9, total: Some(9), skipped: 0 });
    assert!(!draw(&s, 100, 30).contains("skipped"));
}

#[test]
fn library_search_lists_stories_and_opens_one_at_its_match() {
    let (dir, mut s) = session(100, 30);
    let cache = tempfile::tempdir().unwrap();
    s.searches(vec![dir.path().to_path_buf()], Some(cache.path().join("library.sqlite")));
    keys(&mut s, "S");
    keys(&mut s, "frost");
    s.dispatch(Msg::Key(Key::plain(KeyCode::Enter)));
    s.wait_background(std::time::Duration::from_secs(20));
    assert_eq!(s.app.screen, quoth::app::Screen::Search);
    insta::assert_snapshot!("library_search_100x30", draw(&s, 100, 30));
    s.dispatch(Msg::Key(Key::plain(KeyCode::Enter)));
    s.wait_background(std::time::Duration::from_secs(5));
    let r = s.app.reader.as_ref().expect("the story opened");
    assert!(r.article.meta.title.starts_with("Frost ruins"));
    assert_eq!(r.search.hits.len(), 2, "both matches of the word, folded: Frost and frost");
    let screen = draw(&s, 100, 30);
    assert!(screen.contains("2 matches of “frost”"), "{screen}");
}

#[test]
fn speakers_screen_lists_people_then_their_quotes_then_opens_one_in_its_story() {
    let (dir, mut s) = session(100, 30);
    let cache = tempfile::tempdir().unwrap();
    s.searches(vec![dir.path().to_path_buf()], Some(cache.path().join("library.sqlite")));
    keys(&mut s, "P");
    s.wait_background(std::time::Duration::from_secs(20));
    assert_eq!(s.app.screen, quoth::app::Screen::Speakers);
    insta::assert_snapshot!("speakers_100x30", draw(&s, 100, 30));
    keys(&mut s, "/brandt");
    s.dispatch(Msg::Key(Key::plain(KeyCode::Enter)));
    assert_eq!(s.app.speakers.shown.len(), 1);
    s.dispatch(Msg::Key(Key::plain(KeyCode::Enter)));
    s.wait_background(std::time::Duration::from_secs(20));
    insta::assert_snapshot!("speaker_quotes_100x30", draw(&s, 100, 30));
    s.dispatch(Msg::Key(Key::plain(KeyCode::Enter)));
    s.wait_background(std::time::Duration::from_secs(5));
    let r = s.app.reader.as_ref().expect("the story opened");
    assert!(r.article.meta.title.starts_with("Frost ruins"));
    assert_eq!(r.focus, quoth::app::reader::Focus::Pane, "the pane is on the quote");
    let q = r.pane.selected.and_then(|id| r.extraction.as_ref()?.quote(id).cloned()).expect("a quote selected");
    assert!(q.text(&r.article.text).starts_with("I have farmed here"));
    // Back from the story: the speaker's quotes again.
    s.dispatch(Msg::Action(Action::Back));
    s.dispatch(Msg::Action(Action::Back));
    assert_eq!(s.app.screen, quoth::app::Screen::Speakers);
}

#[test]
fn from_the_pane_one_key_lists_the_speakers_quotes_in_the_whole_library() {
    let (dir, mut s) = session(100, 30);
    let cache = tempfile::tempdir().unwrap();
    s.searches(vec![dir.path().to_path_buf()], Some(cache.path().join("library.sqlite")));
    open_ferry(&mut s);
    s.wait_background(std::time::Duration::from_secs(5));
    s.dispatch(Msg::Action(Action::NextQuote));
    let r = s.app.reader.as_ref().unwrap();
    let name = r
        .selected_speaker()
        .and_then(|id| r.extraction.as_ref()?.speaker(id).map(|sp| sp.name.clone()))
        .expect("a quote with a speaker selected");
    keys(&mut s, "L");
    s.wait_background(std::time::Duration::from_secs(20));
    assert_eq!(s.app.screen, quoth::app::Screen::Speakers);
    let p = s.app.speakers.person.as_ref().expect("that person's quotes");
    assert_eq!(p.name, name);
    assert!(!p.loading && !p.quotes.is_empty());
    assert!(p.quotes.iter().all(|q| q.speaker.as_deref() == Some(name.as_str())));
}

/// The terminal can shrink between the last resize event the app read and the next draw
/// (the draw takes the new size from the terminal). Every screen must still draw, clipped,
/// and never write outside the frame.
#[test]
fn a_frame_smaller_or_larger_than_the_last_resize_still_draws() {
    for (w, h) in [(70, 20), (20, 5), (1, 1), (140, 40)] {
        let (_d, mut s) = session(100, 30);
        let _ = draw(&s, w, h);
        open_ferry(&mut s);
        keys(&mut s, "]]");
        let screen = draw(&s, w, h);
        if w >= 20 {
            assert!(screen.contains("Island"), "{w}x{h}:\n{screen}");
        }
        keys(&mut s, "?");
        let _ = draw(&s, w, h);
        keys(&mut s, "q");
        for screen_key in ["B", "S"] {
            keys(&mut s, screen_key);
            let _ = draw(&s, w, h);
        }
    }
}

/// The figures in the reader's status line ("N% · M min left") on a drawn screen.
fn status_figures(screen: &str) -> (String, String) {
    let line = screen.lines().find(|l| l.contains("min left")).unwrap_or_else(|| panic!("no status line:\n{screen}"));
    let after = line.split(" · ").collect::<Vec<_>>();
    let pct = after.iter().find(|p| p.trim_end().ends_with('%')).unwrap().trim().to_owned();
    let min = after.iter().find(|p| p.contains("min left")).unwrap();
    let min = min.split(" min left").next().unwrap().trim().to_owned();
    (pct, format!("{min} min"))
}

#[test]
fn the_library_shows_the_reading_figures_the_reader_showed() {
    let dir = tempfile::tempdir().unwrap();
    let mut story = String::from("Harbour wall repairs run into a second winter\n\n");
    for i in 0..60 {
        story.push_str(&format!(
            "Paragraph {i} of the harbour story: the crews worked through the night again, and the \
             council said the wall would hold until the spring tides came in over the old stones.\n\n"
        ));
    }
    std::fs::write(dir.path().join("harbour.txt"), &story).unwrap();
    let load = LoadOptions::default();
    let entries = vec![entry_for(&dir.path().join("harbour.txt"), &load)];
    let (w, h) = (90, 24);
    let app = App::new(Config::defaults(), entries, true, w, h, false);
    let mut s = Session::new(app, Store::in_memory(), load);
    let library_row = |s: &Session, w: u16, h: u16| {
        let screen = draw(s, w, h);
        screen.lines().find(|l| l.contains("Harbour wall")).unwrap().to_owned()
    };
    // Not opened yet: no figures.
    assert!(!library_row(&s, w, h).contains('%'));
    s.dispatch(Msg::Action(Action::Open));
    s.dispatch(Msg::Action(Action::PageDown));
    s.dispatch(Msg::Action(Action::PageDown));
    let (pct, min) = status_figures(&draw(&s, w, h));
    assert_ne!(pct, "100%");
    s.dispatch(Msg::Action(Action::Back));
    assert_eq!(s.app.screen, quoth::app::Screen::Library);
    let row = library_row(&s, w, h);
    assert!(row.contains(&format!(" {pct} ")) && row.contains(&format!(" {min} ")), "{pct} {min}\n{row}");

    // A shorter window at the same place shows other figures; the library follows them.
    s.dispatch(Msg::Action(Action::Open));
    s.dispatch(Msg::Resize { width: w, height: 14 });
    let (pct2, min2) = status_figures(&draw(&s, w, 14));
    assert_ne!(pct2, pct);
    s.dispatch(Msg::Action(Action::Back));
    let row = library_row(&s, w, 14);
    assert!(row.contains(&format!(" {pct2} ")) && row.contains(&format!(" {min2} ")), "{pct2} {min2}\n{row}");
}

#[test]
fn library_search_results_say_how_many_of_how_many_when_more_pages_are_to_come() {
    let (_d, mut s) = session(80, 24);
    let story = |i: usize| quoth::app::FoundStory {
        path: format!("s{i}.txt").into(),
        title: format!("Story {i}"),
        date: None,
        snippet: "the ferry comes".into(),
        snippet_matches: vec![quoth::span::Span::new(4, 9)],
        first: None,
    };
    s.app.found = quoth::app::FoundView {
        query: "ferry".into(),
        stories: (0..3).map(story).collect(),
        total: 250,
        ..Default::default()
    };
    s.app.screen = quoth::app::Screen::Search;
    let screen = draw(&s, 80, 24);
    assert!(screen.lines().next().unwrap().contains("“ferry” · 3 of 250 stories"), "{screen}");
    s.app.found.total = 3;
    let screen = draw(&s, 80, 24);
    assert!(screen.lines().next().unwrap().contains("“ferry” · 3 stories"), "{screen}");
}
