//! End-to-end: the real `quoth` binary in a pseudo-terminal, keys in, screen text out.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/pty.rs"]
mod pty;

use pty::Pty;
use quoth::app::pane;
use quoth::extract::{QuoteId, extract};
use quoth::library::{LoadOptions, SAMPLES, load_sample};
use std::time::Duration;

/// A built-in story with at least three listed quotes, with the text of its third one.
fn story_with_three_quotes() -> (String, String) {
    for s in SAMPLES {
        let a = load_sample(s, &LoadOptions::default()).unwrap();
        let ex = extract(&a);
        let listed: Vec<QuoteId> =
            (0..ex.quotes.len() as u32).map(QuoteId).filter(|&q| pane::is_listed(&ex, q, false)).collect();
        if listed.len() >= 3 {
            let q = ex.quote(listed[2]).unwrap();
            return (a.meta.title.clone(), q.text(&a.text));
        }
    }
    panic!("no sample has three quotes");
}

/// The first `n` words of `s`.
fn words(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

#[test]
fn open_story_jump_to_third_quote_resize_and_quit() {
    let home = tempfile::tempdir().unwrap();
    let (title, quote) = story_with_three_quotes();
    let mut t = Pty::spawn(&[], home.path(), 120, 36, &[]);
    t.wait_text("articles");
    // Filter the library down to the story and open it.
    t.type_keys("/");
    t.type_keys(&words(&title, 3));
    t.send("\r");
    t.wait_text(&words(&title, 3));
    t.send("\r");
    t.wait_text("Speakers & quotes");
    t.wait_for("the story's headline", Duration::from_secs(10), |s| s.contents().contains(&words(&title, 2)));
    t.type_keys("]]]");
    let opening = words(&quote, 3);
    t.wait_text(&opening);

    // Selected in the pane: the marked row starts with the quote's opening words.
    t.wait_for("the quote selected in the pane", Duration::from_secs(10), |s| {
        let first_word = quote.split_whitespace().next().unwrap_or("");
        let (rows, cols) = (s.size().0.get(), s.size().1.get());
        (0..rows).any(|r| {
            let line = s.contents_between(r, 0, r, cols);
            line.contains('▸') && line.split('▸').nth(1).is_some_and(|rest| rest.contains(first_word))
        })
    });

    // Highlighted in the text: the cells of its opening words are drawn bold.
    let check_highlight = |t: &Pty| {
        let (row, line) =
            t.find_row(&opening).unwrap_or_else(|| panic!("{opening:?} not in the text:\n{}", t.contents()));
        let col = line.find(&opening).and_then(|b| line.get(..b)).map(|p| p.chars().count()).unwrap() as u16;
        t.with_screen(|s| {
            let cell = s.cell(row, col + 1).unwrap();
            assert!(cell.bold(), "quote not highlighted at row {row} col {col}:\n{}", s.contents());
        });
    };
    check_highlight(&t);

    // Resize: the same text stays in view, and the paragraph cursor where it was.
    let para = |t: &Pty| {
        let c = t.contents();
        let last = c.lines().last().unwrap_or("").to_owned();
        last.split('¶').nth(1).and_then(|r| r.split_whitespace().next()).map(str::to_owned)
    };
    let para_before = para(&t);
    assert!(para_before.as_deref().is_some_and(|p| !p.starts_with("1/")), "{para_before:?}");
    t.resize(90, 30);
    t.wait_for("a redraw at the new size", Duration::from_secs(10), |s| {
        s.contents().lines().all(|l| l.chars().count() <= 90)
    });
    std::thread::sleep(Duration::from_millis(300));
    assert!(t.contents().contains(&opening), "after resize:\n{}", t.contents());
    t.resize(140, 40);
    std::thread::sleep(Duration::from_millis(400));
    assert!(t.contents().contains(&opening), "after second resize:\n{}", t.contents());
    assert_eq!(para(&t), para_before, "{}", t.contents());
    check_highlight(&t);

    // Quit: back to the library, then out.
    t.send("q");
    t.wait_text("articles");
    t.send("q");
    let code = t.wait_exit(Duration::from_secs(10));
    assert_eq!(code, Some(0));
    t.with_screen(|s| {
        assert!(!s.alternate_screen(), "alternate screen still on");
        assert!(!s.hide_cursor(), "cursor still hidden");
    });
    // Mouse reporting was switched off again.
    let raw = t.raw.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&raw);
    let last_on = text.rfind("\x1b[?1000h");
    let last_off = text.rfind("\x1b[?1000l");
    assert!(last_off > last_on, "mouse capture left on");
}

#[test]
fn single_file_opens_in_the_reader_and_q_quits() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("story.txt");
    std::fs::write(
        &path,
        "Lighthouse keepers return to Farrow Point\n\n\
         The last keeper left in 1987.\n\n\
         “We missed the sea more than we expected,” said Mara Quinlan, who led the volunteers.\n\n\
         Quinlan said the lamp would be lit again in May.\n",
    )
    .unwrap();
    let mut t = Pty::spawn(&[path.to_str().unwrap()], home.path(), 110, 30, &[]);
    t.wait_text("Lighthouse keepers");
    t.wait_text("Speakers & quotes");
    t.type_keys("}}");
    t.wait_text("¶ 3/");
    t.send("q");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), Some(0));
    t.with_screen(|s| assert!(!s.alternate_screen()));
}

#[test]
fn sigterm_restores_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Pty::spawn(&[], home.path(), 100, 30, &[]);
    t.wait_text("articles");
    let pid = t.pid().unwrap();
    let status = std::process::Command::new("kill").arg("-TERM").arg(pid.to_string()).status().unwrap();
    assert!(status.success());
    let code = t.wait_exit(Duration::from_secs(10));
    assert!(code.is_some(), "quoth did not stop on SIGTERM");
    t.with_screen(|s| {
        assert!(!s.alternate_screen(), "alternate screen still on after SIGTERM");
        assert!(!s.hide_cursor(), "cursor hidden after SIGTERM");
    });
}

#[test]
fn bad_config_is_refused_before_the_terminal_is_touched() {
    let home = tempfile::tempdir().unwrap();
    let cfg = home.path().join("bad.toml");
    std::fs::write(&cfg, "[reader]\ntext-width = \"wide\"\n").unwrap();
    let mut t = Pty::spawn(&["--config", cfg.to_str().unwrap()], home.path(), 100, 30, &[]);
    assert_eq!(t.wait_exit(Duration::from_secs(10)), Some(1));
    let out = t.contents();
    assert!(out.contains("bad.toml:2:14"), "{out}");
    t.with_screen(|s| assert!(!s.alternate_screen()));
}

#[test]
fn hangup_ends_quoth_and_keeps_the_position() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("long.txt");
    let mut text = String::from("A long story to close the window on\n\n");
    for i in 0..200 {
        text.push_str(&format!("Paragraph number {i} of the story, with a few words to read.\n\n"));
    }
    std::fs::write(&path, &text).unwrap();
    let mut t = Pty::spawn(&[path.to_str().unwrap()], home.path(), 100, 30, &[]);
    t.wait_text("Paragraph number 3 ");
    t.type_keys("GG");
    t.wait_text("Paragraph number 199 ");
    std::thread::sleep(Duration::from_millis(300));
    // The kernel sends SIGHUP when a terminal goes away.
    let pid = t.pid().unwrap();
    assert!(std::process::Command::new("kill").arg("-HUP").arg(pid.to_string()).status().unwrap().success());
    let code = t.wait_exit(Duration::from_secs(10));
    assert!(code.is_some(), "quoth kept running after its terminal closed");
    // The position was kept: reopening starts near the end.
    let mut t = Pty::spawn(&[path.to_str().unwrap()], home.path(), 100, 30, &[]);
    t.wait_text("Paragraph number 199 ");
    t.send("q");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), Some(0));
}

#[test]
fn a_panic_restores_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Pty::spawn(&[], home.path(), 100, 30, &[("QUOTH_TEST_PANIC", "1")]);
    let code = t.wait_exit(Duration::from_secs(20));
    assert_eq!(code, Some(101), "{}", t.contents());
    t.with_screen(|s| {
        assert!(!s.alternate_screen(), "alternate screen still on after a panic");
        assert!(!s.hide_cursor(), "cursor hidden after a panic");
    });
    assert!(t.contents().contains("QUOTH_TEST_PANIC"), "the panic message is shown after the restore");
    // The harness keeps the whole message for a failing test's report, escapes removed.
    let text = t.panic_text();
    assert!(text.contains("panicked at") && text.contains("QUOTH_TEST_PANIC is set"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text:?}");
}

/// The position saved on quit cannot be written (here: a damaged positions file, which quoth
/// never overwrites): quoth says so on stderr after restoring the terminal, and exits 1.
#[test]
fn a_failed_final_position_save_is_reported() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("quoth-data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("positions.toml"), "this is [not toml\n").unwrap();
    let path = home.path().join("keepers.txt");
    std::fs::write(
        &path,
        "Lighthouse keepers return to Farrow Point\n\nThe last keeper left in 1987.\n\n\
         The lamp would be lit again in May, the volunteers said.\n",
    )
    .unwrap();
    let mut t = Pty::spawn(&[path.to_str().unwrap()], home.path(), 100, 30, &[]);
    t.wait_text("Lighthouse keepers");
    t.type_keys("}}");
    t.wait_text("¶ 3/");
    t.send("q");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), Some(1));
    t.with_screen(|s| assert!(!s.alternate_screen()));
    let out = t.contents();
    assert!(out.contains("quoth: reading position not saved"), "{out}");
    // The damaged file is kept as it was.
    assert_eq!(std::fs::read_to_string(data.join("positions.toml")).unwrap(), "this is [not toml\n");
}
