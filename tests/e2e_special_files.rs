//! Special files at every path quoth opens: a FIFO (opening it for reading blocks until a
//! writer comes), a link to `/dev/zero` (never ends) and a directory. Each must be answered
//! promptly with a one-line error naming the path and what it is, never a hang or a flood.
//! The time limits below are hang detectors, generous for a loaded machine, not speed tests.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/pty.rs"]
mod pty;

use pty::Pty;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Long enough for a loaded CI machine, short enough that a hang fails the test.
const ANSWER: Duration = Duration::from_secs(10);

fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo").arg(p).status().is_ok_and(|s| s.success());
    assert!(ok, "mkfifo failed");
}

/// The three kinds of special file, made in `dir`.
fn specials(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let fifo = dir.join("pipe.txt");
    mkfifo(&fifo);
    let zero = dir.join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let sub = dir.join("folder.txt");
    std::fs::create_dir(&sub).unwrap();
    vec![(fifo, "is a FIFO"), (zero, "is a device"), (sub, "is a directory")]
}

/// Runs quoth without a terminal, killing it if it does not finish in time.
fn run(home: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quoth"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("QUOTH_DATA_DIR", home.join("quoth-data"))
        .env("QUOTH_CONFIG", home.join("no-config.toml"))
        .env("QUOTH_CACHE_DIR", home.join("cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > ANSWER {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "quoth {args:?} did not answer in {ANSWER:?}; stderr so far: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[track_caller]
fn one_line_error(out: &Output, path: &Path, what: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "exit 0 for {}: {err}", path.display());
    let line = err.lines().find(|l| l.contains(what)).unwrap_or_else(|| panic!("no `{what}` in: {err}"));
    assert!(line.contains(&path.display().to_string()), "the error does not name the path: {line}");
}

#[test]
fn extract_refuses_special_files_and_goes_on() {
    let home = tempfile::tempdir().unwrap();
    let good = home.path().join("good.txt");
    std::fs::write(&good, "Headline\n\n“It works,” said Ada Stone.\n").unwrap();
    // (A directory given to extract is walked for articles: that case is the bulk tests'.)
    for (p, what) in specials(home.path()).into_iter().filter(|(_, w)| *w != "is a directory") {
        let out = run(home.path(), &["extract", "--json", p.to_str().unwrap(), good.to_str().unwrap()]);
        one_line_error(&out, &p, what);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(stdout.lines().count(), 2, "an error object and the good file: {stdout}");
        assert!(stdout.lines().nth(1).is_some_and(|l| l.contains("Ada Stone")), "{stdout}");
    }
}

#[test]
fn the_reader_refuses_a_special_file_with_one_line() {
    let home = tempfile::tempdir().unwrap();
    // (A directory given to the reader opens as a library: that case is the library test's.)
    for (p, what) in specials(home.path()).into_iter().filter(|(_, w)| *w != "is a directory") {
        let mut t = Pty::spawn(&[p.to_str().unwrap()], home.path(), 80, 24, &[]);
        let code = t.wait_exit(ANSWER);
        let screen = t.contents();
        assert_eq!(code, Some(1), "{}: quoth did not exit promptly with an error:\n{screen}", p.display());
        assert!(screen.contains(what), "{}: no `{what}` on screen:\n{screen}", p.display());
    }
}

#[test]
fn a_library_with_special_files_lists_only_the_articles() {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(lib.join("story.txt"), "Bridge talks resume\n\n“We are close,” said Ada Stone.\n").unwrap();
    let _ = specials(&lib);
    let mut t = Pty::spawn(&[lib.to_str().unwrap()], home.path(), 100, 24, &[]);
    t.wait_for("the library", ANSWER, |s| s.contents().contains("Bridge talks resume"));
    t.send("\r");
    t.wait_for("the story", ANSWER, |s| s.contents().contains("We are close"));
    t.send("q");
    t.send("q");
    assert_eq!(t.wait_exit(ANSWER), Some(0));
}

#[test]
fn a_special_config_file_is_an_error_not_a_hang() {
    let home = tempfile::tempdir().unwrap();
    let good = home.path().join("good.txt");
    std::fs::write(&good, "Headline\n\nBody.\n").unwrap();
    for (p, what) in specials(home.path()) {
        let out = run(home.path(), &["--config", p.to_str().unwrap(), "extract", "--json", good.to_str().unwrap()]);
        one_line_error(&out, &p, what);
    }
}

#[test]
fn special_store_files_and_bookmarked_paths_are_errors_not_hangs() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("story.txt");
    std::fs::write(&article, "Bridge talks resume\n\n“We are close,” said Ada Stone.\n").unwrap();
    let out = run(home.path(), &["bookmarks", "add", article.to_str().unwrap(), "--paragraph", "2"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // The bookmarked article replaced by a link to /dev/zero: list answers, and says so.
    std::fs::remove_file(&article).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &article).unwrap();
    let out = run(home.path(), &["bookmarks", "list"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("We are close"));
    let out = run(home.path(), &["bookmarks", "export", "--format", "md"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // The bookmarks file itself a FIFO: an error naming it, at once.
    let data = home.path().join("quoth-data");
    let file = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("bookmarks")))
        .unwrap();
    std::fs::remove_file(&file).unwrap();
    mkfifo(&file);
    let out = run(home.path(), &["bookmarks", "list"]);
    one_line_error(&out, &file, "is a FIFO");
    let out = run(home.path(), &["bookmarks", "add", "builtin:x", "--paragraph", "1"]);
    assert!(!out.status.success());

    // The reader opens anyway, with the store read-only and the reason shown.
    let story = home.path().join("other.txt");
    std::fs::write(&story, "Other story\n\nBody text.\n").unwrap();
    let mut t = Pty::spawn(&[story.to_str().unwrap()], home.path(), 100, 24, &[]);
    t.wait_for("the reader", ANSWER, |s| s.contents().contains("Body text"));
    t.send("q");
    assert_eq!(t.wait_exit(ANSWER), Some(0));
}

#[test]
fn a_regular_file_as_the_data_dir_is_named_plainly() {
    let home = tempfile::tempdir().unwrap();
    let article = home.path().join("story.txt");
    std::fs::write(&article, "Bridge talks resume\n\n“We are close,” said Ada Stone.\n").unwrap();
    let not_dir = home.path().join("data-file");
    std::fs::write(&not_dir, "x").unwrap();
    let out = run(
        home.path(),
        &["--data-dir", not_dir.to_str().unwrap(), "bookmarks", "add", article.to_str().unwrap(), "--paragraph", "2"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("not a directory"), "{err}");
    assert!(!err.contains("os error 17"), "{err}");
}

#[test]
fn extract_honours_the_configured_size_limit() {
    let home = tempfile::tempdir().unwrap();
    let big = home.path().join("big.txt");
    std::fs::write(&big, format!("Headline\n\n{}\n", "“Words,” said Ada Stone. ".repeat(200))).unwrap();
    let small = home.path().join("small.toml");
    std::fs::write(&small, "[reader]\nmax-file-size = 1024\n").unwrap();
    let out = run(home.path(), &["--config", small.to_str().unwrap(), "extract", "--json", big.to_str().unwrap()]);
    one_line_error(&out, &big, "over the limit of 1024 bytes");
    let roomy = home.path().join("roomy.toml");
    std::fs::write(&roomy, "[reader]\nmax-file-size = 1048576\n").unwrap();
    let out = run(home.path(), &["--config", roomy.to_str().unwrap(), "extract", "--json", big.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Ada Stone"));
}
