//! Every file of the hostile catalogue, opened through the real binary in a pseudo-terminal:
//! it opens or is refused with a one-line message, quoth keeps running, and the bytes written
//! to the terminal hold no escape sequence that quoth itself does not emit.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/escapes.rs"]
mod escapes;
#[path = "support/pty.rs"]
mod pty;

use pty::Pty;
use std::path::Path;
use std::time::Duration;

#[test]
fn hostile_files_never_reach_the_terminal_raw() {
    let home = tempfile::tempdir().unwrap();
    // A copy of the catalogue (only the article files) as a library.
    let lib = home.path().join("hostile");
    std::fs::create_dir_all(&lib).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut count = 0;
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name == "README.md" || name == "make_hostile.py" || name.starts_with('.') {
            continue;
        }
        std::fs::copy(&p, lib.join(&name)).unwrap();
        count += 1;
    }
    assert!(count >= 30);
    // Empty, blank and binary files are not listed: the status line counts them.
    const NOT_STORIES: [&str; 6] = [
        "empty.txt",
        "whitespace-only.md",
        "binary-png.txt",
        "binary-nul-late.md",
        "binary-elf.json",
        "utf16le-no-bom.txt",
    ];
    let count = count - NOT_STORIES.len();
    let mut t = Pty::spawn(&[lib.to_str().unwrap()], home.path(), 110, 32, &[]);
    t.wait_for("the library", Duration::from_secs(30), |s| {
        let c = s.contents();
        c.contains(&format!("{count} articles")) && c.contains(&format!("{} files skipped", NOT_STORIES.len()))
    });
    for i in 0..count {
        if i > 0 {
            t.send("j");
        }
        t.send("\r");
        // Either the reader opens (its status line shows the paragraph count) or the library
        // stays with a one-line error.
        t.wait_for(&format!("entry {i} to open or be refused"), Duration::from_secs(20), |s| {
            let c = s.contents();
            c.contains("Speakers & quotes")
                || (c.contains(" articles") && c.lines().last().is_some_and(|l| !l.trim().is_empty()))
        });
        let in_reader = t.contents().contains("Speakers & quotes");
        if in_reader {
            // Read through it: page down, jump to the end and to a quote, then go back.
            t.type_keys(" G[");
            t.send("q");
            t.wait_for("the library again", Duration::from_secs(20), |s| s.contents().contains(" articles ·"));
        }
        assert!(t.wait_exit(Duration::from_millis(1)).is_none(), "quoth stopped at entry {i}:\n{}", t.contents());
    }
    t.send("q");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), Some(0));
    let raw = t.raw.lock().unwrap().clone();
    let mut bad: Vec<String> = escapes::sequences(&raw).iter().filter_map(escapes::foreign).collect();
    bad.sort();
    bad.dedup();
    assert!(bad.is_empty(), "sequences quoth does not emit reached the terminal: {bad:?}");
    t.with_screen(|s| assert!(!s.alternate_screen()));
}

#[test]
fn the_escape_checker_catches_what_an_article_could_smuggle() {
    let smuggled: &[&[u8]] = &[
        b"\x1b]52;c;ZXZpbA==\x07",
        b"\x1b]8;;https://evil.invalid\x1b\\",
        b"\x1b[6n",
        b"\x1b[21t",
        b"\x1bP$qm\x1b\\",
        b"\x1b_Gf=100\x1b\\",
        "\u{9b}31m".as_bytes(),
        "\u{202e}".as_bytes(),
        b"\x1b]0;pwned\x07",
        b"\x07",
    ];
    for s in smuggled {
        let seqs = escapes::sequences(s);
        assert!(seqs.iter().any(|q| escapes::foreign(q).is_some()), "{:?} not caught", String::from_utf8_lossy(s));
    }
    let own = b"\x1b[?1049h\x1b[1;1H\x1b[38;5;14mtext\x1b[0m\x1b]0;quoth \xe2\x80\x94 Title\x07\x1b[?25l";
    let bad: Vec<String> = escapes::sequences(own).iter().filter_map(escapes::foreign).collect();
    assert!(bad.is_empty(), "{bad:?}");
}

/// A 10 MB file with no line break and a 10 MB JSON title: the reader opens each, and answers
/// keys and resizes like any other article (its headline is short, the text wraps as a paragraph).
#[test]
fn a_ten_megabyte_line_or_title_opens_and_answers_keys() {
    let home = tempfile::tempdir().unwrap();
    let line = home.path().join("one-line.txt");
    std::fs::write(&line, "word ".repeat(2_000_000)).unwrap();
    let title = home.path().join("title.json");
    let json = format!("{{\"title\": \"{}\", \"body\": \"“Fine,” said Bo Ek.\"}}", "T".repeat(10_000_000));
    std::fs::write(&title, json).unwrap();
    for path in [&line, &title] {
        let mut t = Pty::spawn(&[path.to_str().unwrap()], home.path(), 100, 30, &[]);
        let status = |s: &vt100::Screen| s.contents().lines().last().is_some_and(|l| l.contains('¶'));
        t.wait_for("the reader", Duration::from_secs(30), status);
        t.resize(70, 20);
        // The status line at the new width, ending in the help hint: the frame was redrawn.
        t.wait_for("a redraw at 70 columns", Duration::from_secs(20), |s| {
            s.contents().lines().last().is_some_and(|l| l.contains('¶') && l.trim_end().ends_with("help"))
        });
        t.type_keys("G");
        t.wait_for("the end", Duration::from_secs(20), |s| s.contents().contains("100%"));
        // The title is cut to 500 characters: a few rows, not the whole screen.
        let headline_rows = t.contents().lines().filter(|l| l.contains("TTTTTTTTTT")).count();
        assert!(headline_rows <= 10, "{}", t.contents());
        t.send("q");
        assert_eq!(t.wait_exit(Duration::from_secs(20)), Some(0));
    }
}
