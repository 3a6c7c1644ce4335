//! Printing: `quoth FILE` into a pipe, `quoth show` (text and `--json`), widths, speaker marks,
//! colour and the pager, through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const STORY: &str = "Harbour road to close for the summer\n\nBy Tomas Vell\n\n\
    The council voted on Monday to close the harbour road for the summer while the sea wall is rebuilt, a job it expects to take four months.\n\n\
    “We cannot wait another winter,” said Mira Holt, the mayor. “The wall will not hold.”\n\n\
    Traders called the plan “a slow disaster” for the quay.\n";

fn quoth(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_quoth"));
    c.args(args)
        .current_dir(home)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("QUOTH_CONFIG", home.join("no-config.toml"))
        .env("QUOTH_DATA_DIR", home.join("data"))
        .env("QUOTH_CACHE_DIR", home.join("cache"))
        .env_remove("NO_COLOR")
        .stdin(Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn setup() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("road.txt"), STORY).unwrap();
    home
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn a_file_into_a_pipe_is_printed_wrapped_with_speakers_and_no_escapes() {
    let home = setup();
    let out = stdout(&quoth(home.path(), &["road.txt"], &[]));
    assert!(out.starts_with("Harbour road to close for the summer\n\nBy Tomas Vell\n\nThe council voted"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    assert!(out.contains("[Mira Holt]"), "{out}");
    assert!(!out.contains('\x1b'), "{out:?}");
    // The same from `show`, and the width and speaker options.
    assert_eq!(stdout(&quoth(home.path(), &["show", "road.txt"], &[])), out);
    let narrow = stdout(&quoth(home.path(), &["show", "--width", "30", "--speakers", "off", "road.txt"], &[]));
    assert!(narrow.lines().all(|l| l.chars().count() <= 30), "{narrow}");
    assert!(!narrow.contains('['), "{narrow}");
    let one_line = stdout(&quoth(home.path(), &["show", "--width", "0", "road.txt"], &[]));
    assert!(one_line.lines().any(|l| l.starts_with("The council voted") && l.ends_with("four months.")), "{one_line}");
    let notes = stdout(&quoth(home.path(), &["show", "--speakers", "footnotes", "road.txt"], &[]));
    assert!(notes.contains("winter,” [1] said") && notes.contains("\n[1] Mira Holt: “We cannot"), "{notes}");
}

#[test]
fn colour_only_when_asked_and_never_under_no_color_in_auto() {
    let home = setup();
    let always = stdout(&quoth(home.path(), &["show", "--color=always", "road.txt"], &[]));
    assert!(always.contains("\x1b[1mHarbour road") && always.contains("\x1b[2m[Mira Holt]\x1b[0m"), "{always:?}");
    let auto = stdout(&quoth(home.path(), &["show", "road.txt"], &[("NO_COLOR", "1")]));
    assert!(!auto.contains('\x1b'));
}

#[test]
fn hostile_text_prints_without_control_characters() {
    let home = setup();
    std::fs::write(
        home.path().join("evil.txt"),
        "Title \x1b]0;pwned\x07here\n\n“Bad \x1b[2Jthings \u{9b}31m\u{202e}here,” said Ann Lee.\n",
    )
    .unwrap();
    for args in [&["evil.txt"][..], &["show", "--json", "evil.txt"]] {
        let out = stdout(&quoth(home.path(), args, &[]));
        assert!(out.chars().all(|c| c == '\n' || !c.is_control()), "{args:?}: {out:?}");
        assert!(!out.contains('\u{202e}'), "{out:?}");
    }
}

#[test]
fn show_json_gives_each_article_as_parsed_and_an_error_object_for_a_bad_one() {
    let home = setup();
    std::fs::write(
        home.path().join("notes.md"),
        "+++\ntitle = \"Quay works\"\nauthor = \"Ines Okoro\"\n+++\n\n## Plans\n\n- first\n\n> “Soon,” she said.\n",
    )
    .unwrap();
    let o = quoth(home.path(), &["show", "--json", "road.txt", "missing.txt", "notes.md"], &[]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["title"], "Harbour road to close for the summer");
    assert_eq!(lines[0]["byline"], "Tomas Vell");
    let kinds: Vec<&str> =
        lines[0]["paragraphs"].as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["headline", "byline", "paragraph", "paragraph", "paragraph"]);
    assert!(lines[1]["error"].as_str().is_some() && lines[1]["path"] == "missing.txt", "{:?}", lines[1]);
    let kinds: Vec<&str> =
        lines[2]["paragraphs"].as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["headline", "byline", "subheading", "list_item", "blockquote"], "{:?}", lines[2]);
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn a_library_into_a_pipe_is_refused_with_advice() {
    let home = setup();
    let o = quoth(home.path(), &["."], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("quoth show"));
}

#[test]
fn the_pager_gets_the_text_and_a_missing_pager_falls_back_to_the_terminal() {
    let home = setup();
    let road = home.path().join("road.txt");
    let road = road.to_str().unwrap();
    // `cat` as the pager: the text reaches the terminal through it.
    let mut t = pty::Pty::spawn(&["--pager", road], home.path(), 90, 40, &[("QUOTH_PAGER", "cat")]);
    assert_eq!(t.wait_exit(Duration::from_secs(20)), Some(0), "{}", t.contents());
    assert!(t.contents().contains("[Mira Holt]"), "{}", t.contents());
    // A pager that is not installed: straight to the terminal.
    let mut t = pty::Pty::spawn(&["--pager=no-such-pager-here", road], home.path(), 90, 40, &[]);
    assert_eq!(t.wait_exit(Duration::from_secs(20)), Some(0), "{}", t.contents());
    assert!(t.contents().contains("The council voted"), "{}", t.contents());
}

/// quoth with `input` on standard input (a pipe).
fn quoth_stdin(home: &Path, args: &[&str], input: &[u8], env: &[(&str, &str)]) -> Output {
    use std::io::Write as _;
    let mut c = Command::new(env!("CARGO_BIN_EXE_quoth"));
    c.args(args)
        .current_dir(home)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("QUOTH_CONFIG", home.join("no-config.toml"))
        .env("QUOTH_DATA_DIR", home.join("data"))
        .env("QUOTH_CACHE_DIR", home.join("cache"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        c.env(k, v);
    }
    let mut child = c.spawn().unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

#[test]
fn a_story_piped_in_is_printed_like_a_file() {
    let home = setup();
    let from_file = quoth(home.path(), &["road.txt"], &[]);
    let piped = quoth_stdin(home.path(), &[], STORY.as_bytes(), &[]);
    assert!(piped.status.success(), "{}", String::from_utf8_lossy(&piped.stderr));
    assert_eq!(stdout(&piped), stdout(&from_file));
    let dash = quoth_stdin(home.path(), &["-"], STORY.as_bytes(), &[]);
    assert_eq!(stdout(&dash), stdout(&from_file));
}

#[test]
fn a_page_piped_in_is_sniffed_as_html() {
    let home = setup();
    let page = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/page.html")).unwrap();
    let o = quoth_stdin(home.path(), &["show", "--json", "-"], &page, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["path"], "-");
    assert_eq!(v["title"], "Harbour ferry returns after storm");
    assert!(!stdout(&o).contains("<p>"));
    let printed = quoth_stdin(home.path(), &[], &page, &[]);
    assert!(stdout(&printed).contains("[Elin Norberg]"), "{}", stdout(&printed));
}

#[test]
fn standard_input_errors_are_one_line() {
    let home = setup();
    let empty = quoth_stdin(home.path(), &[], b"", &[]);
    assert_eq!(empty.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&empty.stderr).trim_end(), "quoth: standard input: no text came in");
    let mixed = quoth_stdin(home.path(), &["-", "road.txt"], STORY.as_bytes(), &[]);
    assert_eq!(mixed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&mixed.stderr).contains("give it alone"));
    // Over the size limit: refused, not read whole.
    std::fs::write(home.path().join("small.toml"), "[reader]\nmax-file-size = 2048\n").unwrap();
    let big = "word ".repeat(10_000);
    let o = quoth_stdin(home.path(), &["--config", "small.toml"], big.as_bytes(), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("over the limit"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}
