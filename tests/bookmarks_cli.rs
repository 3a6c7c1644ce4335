//! `quoth bookmarks …` end to end: the real binary with `QUOTH_DATA_DIR` in a temp dir and
//! article files the tests write there. Includes the concurrency test (two writers, 200 adds
//! each) and the crash test (50 SIGKILLs at random moments). `QUOTH_STRESS=1` multiplies the
//! counts by ten (see [`stress`]).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_quoth");

const STORY: &str = "Night market returns to the old quay\n\n\
    By Tomas Vell\n\n\
    The night market will return to the old quay this summer after a two-year pause.\n\n\
    “People missed the lights and the food,” said Ines Varga, who chairs the traders’ group.\n\n\
    Stalls will open at six on Fridays and Saturdays from the first week of July.";

/// A temp dir with a data dir and an article in it.
struct Env {
    tmp: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env { tmp: tempfile::tempdir().unwrap() };
        env.write("market.txt", STORY);
        env
    }

    fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn bookmarks_file(&self) -> PathBuf {
        self.data().join("bookmarks.jsonl")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.arg("bookmarks")
            .args(args)
            .env("QUOTH_DATA_DIR", self.data())
            .env("QUOTH_CONFIG", self.path("config.toml"))
            .env("XDG_CONFIG_HOME", self.path("xdg-config"))
            .env("QUOTH_CACHE_DIR", self.path("cache"))
            .current_dir(self.tmp.path())
            .stdin(Stdio::null());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs a command that must succeed; returns its stdout.
    #[track_caller]
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must fail with exit code `code` and one `quoth: ` line on stderr
    /// containing `has`.
    #[track_caller]
    fn fails(&self, args: &[&str], code: i32, has: &str) -> String {
        let out = self.run(args);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        if code == 1 {
            assert!(err.starts_with("quoth: ") && err.lines().count() == 1, "{err:?}");
        }
        assert!(err.contains(has), "{args:?}: {err:?} lacks {has:?}");
        err
    }

    fn add(&self, paragraph: usize) -> String {
        self.ok(&["add", "market.txt", "--paragraph", &paragraph.to_string()]).trim().to_owned()
    }

    fn json_list(&self) -> Vec<serde_json::Value> {
        serde_json::from_str(&self.ok(&["list", "--json"])).unwrap()
    }
}

/// How many times the default counts to run: `QUOTH_STRESS=1` means ten, `QUOTH_STRESS=N` (N > 1)
/// means N, unset or `0` means one. Every add rewrites the whole file, so the concurrent test
/// grows quadratically: ten times (4000 adds) took about ten minutes in a debug build here.
fn stress() -> usize {
    match std::env::var("QUOTH_STRESS").ok().and_then(|v| v.trim().parse::<usize>().ok()) {
        None | Some(0) => 1,
        Some(1) => 10,
        Some(n) => n,
    }
}

#[test]
fn add_list_export_remove() {
    let env = Env::new();
    let quote = env.ok(&["add", "market.txt", "--paragraph", "4", "--note", "use in the summer piece"]);
    let quote = quote.trim();
    assert_eq!(quote.len(), 10, "an id: {quote:?}");
    let headline = env.add(1);

    let list = env.ok(&["list"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert!(lines[0].starts_with(quote), "{list}");
    assert!(lines[0].contains("Night market returns to the old quay"));
    assert!(lines[0].contains("“People missed the lights"));
    assert!(lines[0].contains("note: use in the summer piece"));
    assert!(lines[1].starts_with(&headline));

    let json = env.json_list();
    assert_eq!(json.len(), 2);
    assert_eq!(json[0]["id"], quote);
    assert_eq!(json[0]["note"], "use in the summer piece");
    assert_eq!(json[0]["status"], "ok");
    assert_eq!(json[0]["path"], env.path("market.txt").canonicalize().unwrap().to_str().unwrap());
    assert_eq!(json[1]["excerpt"], "Night market returns to the old quay");

    let md = env.ok(&["export", "--format", "md"]);
    assert!(md.contains("## Night market returns to the old quay\n"), "{md}");
    assert!(md.contains("> “People missed the lights and the food,” said Ines Varga"), "{md}");
    assert!(md.contains("Note: use in the summer piece"), "{md}");
    assert_eq!(md.matches("## ").count(), 1, "one article, one section: {md}");
    let exported: Vec<serde_json::Value> = serde_json::from_str(&env.ok(&["export", "--format", "json"])).unwrap();
    assert_eq!(exported, json);

    assert_eq!(env.ok(&["remove", quote]), "");
    let json = env.json_list();
    assert_eq!(json.len(), 1);
    assert_eq!(json[0]["id"], headline.as_str());
    env.fails(&["remove", quote], 1, &format!("no bookmark with id {quote}"));
}

#[test]
fn data_dir_flag_wins_over_the_environment() {
    let env = Env::new();
    let flag_dir = env.path("elsewhere");
    let out = Command::new(BIN)
        // After `bookmarks`: main.rs takes `quoth --data-dir DIR bookmarks …` as article paths.
        .args(["bookmarks", "--data-dir", flag_dir.to_str().unwrap(), "add"])
        .arg(env.path("market.txt"))
        .args(["--paragraph", "3"])
        .env("QUOTH_DATA_DIR", env.data())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(flag_dir.join("bookmarks.jsonl").is_file());
    assert!(!env.bookmarks_file().exists());
}

#[test]
fn bad_adds_change_nothing() {
    let env = Env::new();
    env.fails(&["add", "market.txt", "--paragraph", "0"], 1, "paragraph 0 does not exist");
    env.fails(&["add", "market.txt", "--paragraph", "6"], 1, "paragraphs are numbered 1 to 5");
    env.fails(&["add", "nowhere.txt", "--paragraph", "1"], 1, "nowhere.txt");
    env.fails(&["add", "builtin:nope", "--paragraph", "1"], 1, "builtin:nope");
    env.fails(&["add", "market.txt"], 2, "--paragraph");
    env.fails(&["export", "--format", "html"], 2, "html");
    assert!(!env.bookmarks_file().exists());
}

/// A bookmarks file quoth must not touch: every command says why in one line and leaves it
/// byte for byte as it was.
#[track_caller]
fn check_untouchable(bytes: &[u8], has: &str) {
    let env = Env::new();
    std::fs::create_dir_all(env.data()).unwrap();
    std::fs::write(env.bookmarks_file(), bytes).unwrap();
    let shown = env.bookmarks_file().display().to_string();
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["export", "--format", "md"],
        &["add", "market.txt", "--paragraph", "3"],
        &["remove", "abc"],
    ] {
        let err = env.fails(args, 1, has);
        assert!(err.contains(&shown), "names the file: {err}");
        assert!(err.contains("read-only"), "{err}");
        assert_eq!(std::fs::read(env.bookmarks_file()).unwrap(), bytes);
    }
    let mut left: Vec<String> =
        std::fs::read_dir(env.data()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["bookmarks.jsonl", "store.lock"], "no temp or backup files");
}

#[test]
fn corrupt_file_is_kept_byte_for_byte() {
    // `list` reads every line ("line 2, column 21"); an add checks only the last one.
    check_untouchable(
        b"{\"quoth\":\"bookmarks\",\"version\":2}\n{\"id\":\"x\",\"created\":yesterday}\n",
        "column 21: expected value",
    );
}

#[test]
fn future_version_is_kept_byte_for_byte() {
    check_untouchable(
        b"{\"quoth\":\"bookmarks\",\"version\":3}\n{\"id\":\"x\",\"colour\":\"yellow\"}\n",
        "written by a newer quoth (format version 3",
    );
}

#[test]
fn moved_edited_and_deleted_articles_are_flagged_never_dropped() {
    let env = Env::new();
    // The story to be moved has its own headline, so neither its fingerprint nor its title
    // names another file.
    env.write("moved.txt", &STORY.replace("Night market returns", "The market comes back"));
    env.write("edited.txt", STORY);
    env.write("cut.txt", STORY);
    for file in ["moved.txt", "edited.txt", "cut.txt"] {
        env.ok(&["add", file, "--paragraph", "4"]);
    }
    // Moved within its folder, unchanged: found by fingerprint.
    std::fs::rename(env.path("moved.txt"), env.path("moved-away.txt")).unwrap();
    env.write("edited.txt", &STORY.replace("The night market", "Update: dates confirmed.\n\nThe night market"));
    env.write(
        "cut.txt",
        &STORY.replace(
            "“People missed the lights and the food,” said Ines Varga, who chairs the traders’ group.\n\n",
            "",
        ),
    );
    let json = env.json_list();
    let status: Vec<&str> = json.iter().map(|b| b["status"].as_str().unwrap()).collect();
    assert_eq!(status, ["ok", "reanchored", "lost"]);
    let moved_to = json[0]["moved_to"].as_str().unwrap();
    assert!(moved_to.ends_with("moved-away.txt"), "{moved_to}");
    assert!(json[1].get("moved_to").is_none() && json[2].get("moved_to").is_none());
    let list = env.ok(&["list"]);
    assert!(list.contains("[moved to ") && list.contains("[passage not found]"), "{list}");
    assert!(!list.contains("[article missing]"), "{list}");
    // A bookmarked quote keeps its own marks, not doubled ones.
    assert!(list.contains("“People missed") && !list.contains("““"), "{list}");
    let md = env.ok(&["export", "--format", "md"]);
    assert_eq!(md.matches("> “People missed the lights").count(), 3, "{md}");
    assert!(md.contains("this passage is no longer in the article"), "{md}");
    assert!(md.contains("(moved from "), "{md}");
    // Deleted: missing, and still listed.
    std::fs::remove_file(env.path("moved-away.txt")).unwrap();
    let json = env.json_list();
    assert_eq!(json[0]["status"], "missing");
    assert!(env.ok(&["list"]).contains("[article missing]"));
}

#[test]
fn an_article_moved_into_the_library_and_edited_is_found_there() {
    let env = Env::new();
    let inbox = env.path("inbox");
    std::fs::create_dir(&inbox).unwrap();
    env.write("inbox/quay.txt", STORY);
    env.ok(&["add", "inbox/quay.txt", "--paragraph", "4"]);
    // Filed into the configured library under another name, with a paragraph added; the inbox
    // folder itself is gone.
    let library = env.path("library");
    std::fs::create_dir_all(library.join("2026")).unwrap();
    env.write("library/2026/night-market.txt", &STORY.replace("By Tomas Vell", "By Tomas Vell\n\nUpdated with dates."));
    env.write("library/2026/other.txt", "Harbour dues rise\n\nThe port raised its dues again.");
    std::fs::remove_dir_all(&inbox).unwrap();
    assert_eq!(env.json_list()[0]["status"], "missing");
    env.write("config.toml", &format!("[library]\npath = {:?}\n", library.display().to_string()));
    let json = env.json_list();
    assert_eq!(json[0]["status"], "reanchored", "{json:?}");
    assert!(json[0]["moved_to"].as_str().unwrap().ends_with("night-market.txt"), "{json:?}");
    let md = env.ok(&["export"]);
    assert!(md.contains("> “People missed the lights"), "{md}");
}

#[test]
fn hostile_text_cannot_escape_into_the_terminal_or_the_markdown() {
    let env = Env::new();
    // Plain text keeps Markdown syntax literally, so it reaches the export as written.
    env.write(
        "hostile.txt",
        "Title with <b>tags</b> and [a link](javascript:alert(1))\n\n\
         Para with ![img](http://tracker.example/p.png) and <script>x</script> &amp; more.\n\n\
         # Not a heading\n\n\
         1. not a list\n",
    );
    for n in ["1", "2", "3", "4"] {
        env.ok(&["add", "hostile.txt", "--paragraph", n]);
    }
    // A hand-edited file can hold anything JSON can encode, escape sequences included.
    let path = env.bookmarks_file();
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "\"created\":",
        "\"note\":\"\\u001b]0;pwned\\u0007evil\\u001b[2J\\n# heading\\n- item\",\"created\":",
        1,
    );
    std::fs::write(&path, text).unwrap();
    for args in [&["list"][..], &["export", "--format", "md"]] {
        let out = env.ok(args);
        assert!(out.chars().all(|c| c == '\n' || !c.is_control()), "{args:?}: {out:?}");
        assert!(!out.contains("pwned"), "{out}");
    }
    let md = env.ok(&["export", "--format", "md"]);
    assert!(md.contains(r"## Title with \<b\>tags\</b\> and \[a link\](javascript"), "{md}");
    assert!(md.contains(r"> Para with !\[img\](http"), "{md}");
    assert!(md.contains(r"\<script\>x\</script\> \&amp; more"), "{md}");
    assert!(md.contains(r"> \# Not a heading"), "{md}");
    assert!(md.contains(r"> 1\. not a list"), "{md}");
    assert!(!md.contains("[a link](") && !md.contains("[img]("), "{md}");
    assert!(md.contains("Note: evil  \n\\# heading  \n\\- item\n"), "{md}");
    for line in md.lines() {
        // Only our own structure starts a line: headings we wrote, quotes, notes, metadata.
        let ours = ["# Bookmarks", "## ", "> ", ">", "Note: ", "File: ", "Source: ", "URL: ", "*Bookmarked ", r"\"]
            .iter()
            .any(|p| line.starts_with(p));
        assert!(line.is_empty() || ours, "unexpected line {line:?} in {md}");
    }
}

/// C0, DEL, C1 and bidi controls in a hand-edited note: the JSON outputs escape every one of
/// them (`\uXXXX`), so nothing a terminal acts on is printed raw, and the note reads back the
/// same from the JSON.
#[test]
fn json_outputs_print_no_raw_controls() {
    let env = Env::new();
    env.add(4);
    let path = env.bookmarks_file();
    let text = std::fs::read_to_string(&path).unwrap();
    let note = "a\\u001b[2Jb\\u0085c\\u009b31md\\u202ee\\u2066f\\u007fg\\u2028h";
    let text = text.replacen("\"created\":", &format!("\"note\":\"{note}\",\"created\":"), 1);
    std::fs::write(&path, text).unwrap();
    for args in [&["list", "--json"][..], &["export", "--format", "json"]] {
        let out = env.ok(args);
        let bad: Vec<char> = out
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n')
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)
                    || c == '\u{2028}'
            })
            .collect();
        assert!(bad.is_empty(), "{args:?} printed raw {bad:?}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let note = v[0]["note"].as_str().unwrap_or_default().to_owned();
        assert!(note.starts_with('a') && note.ends_with('h'), "{note:?}");
    }
}

/// Two processes add 200 bookmarks each through the CLI at the same time: all 400 are there.
#[test]
fn concurrent_adds_lose_nothing() {
    let env = Env::new();
    let per_writer = 200 * stress();
    let started = Instant::now();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let env_data = env.data();
            let file = env.path("market.txt");
            std::thread::spawn(move || {
                let mut ids = Vec::new();
                for i in 0..per_writer {
                    let out = Command::new(BIN)
                        .args(["bookmarks", "add"])
                        .arg(&file)
                        .args(["--paragraph", &(1 + (i + w) % 5).to_string()])
                        .args(["--note", &format!("writer {w} number {i}")])
                        .env("QUOTH_DATA_DIR", &env_data)
                        .stdin(Stdio::null())
                        .output()
                        .unwrap();
                    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                    ids.push(String::from_utf8(out.stdout).unwrap().trim().to_owned());
                }
                ids
            })
        })
        .collect();
    let added: HashSet<String> = writers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    assert_eq!(added.len(), 2 * per_writer, "ids are unique");
    let bytes = std::fs::read(env.bookmarks_file()).unwrap();
    let stored = quoth::store::format::parse_bookmarks(&bytes).unwrap();
    let on_disk: HashSet<String> = stored.iter().map(|b| b.id.0.clone()).collect();
    assert_eq!(on_disk, added);
    let notes: HashSet<&str> = stored.iter().filter_map(|b| b.note.as_deref()).collect();
    assert_eq!(notes.len(), 2 * per_writer);
    eprintln!("{} concurrent adds in {:?}", 2 * per_writer, started.elapsed());
}

/// A tiny xorshift generator: the test needs spread, not quality, and no extra dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Kills `quoth bookmarks add` with SIGKILL at random moments, 50 times: after each kill the
/// file parses and holds every bookmark whose add exited 0.
#[test]
fn sigkill_mid_add_never_loses_a_confirmed_bookmark() {
    let env = Env::new();
    let kills_wanted = 50 * stress();
    let file = env.path("market.txt");
    let add = |i: usize| {
        let mut c = env.command(&["add"]);
        c.arg(&file).args(["--paragraph", &(1 + i % 5).to_string()]).stdout(Stdio::piped()).stderr(Stdio::piped());
        c
    };
    // How long one add takes here, so kills spread over a whole run.
    let mut confirmed: HashSet<String> = HashSet::new();
    let t = Instant::now();
    for i in 0..3 {
        let out = add(i).output().unwrap();
        assert!(out.status.success());
        confirmed.insert(String::from_utf8(out.stdout).unwrap().trim().to_owned());
    }
    let typical = (t.elapsed() / 3).max(Duration::from_millis(2));
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    let mut rng = Rng(seed | 1);
    eprintln!("crash test: seed {seed}, one add takes {typical:?}");

    // A kill that lands mid-write leaves a last line without its newline.
    let torn = || std::fs::read(env.bookmarks_file()).ok().is_some_and(|b| b.last() != Some(&b'\n'));
    let mut kills = 0;
    let mut mid_write = 0;
    let mut runs = 0;
    while kills < kills_wanted {
        runs += 1;
        assert!(runs < kills_wanted * 20, "too few kills landed: {kills} in {runs} runs");
        let mut child = add(runs).spawn().unwrap();
        let wait = rng.below(typical.as_micros() as u64 * 3 / 2);
        std::thread::sleep(Duration::from_micros(wait));
        let killed = child.try_wait().unwrap().is_none() && child.kill().is_ok();
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            // It finished before the kill reached it: its bookmark must be there.
            confirmed.insert(String::from_utf8(out.stdout).unwrap().trim().to_owned());
        } else if killed {
            kills += 1;
            if torn() {
                mid_write += 1;
            }
        } else {
            panic!("add failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        check_file(&env.bookmarks_file(), &confirmed);
    }
    // The store is still usable afterwards, by the library and the binary.
    let store = quoth::store::Store::open(&env.data());
    assert_eq!(store.read_only_reason(), None);
    env.add(2);
    eprintln!("crash test: {kills} kills ({mid_write} while writing) in {runs} runs, {} confirmed", confirmed.len());
}

#[track_caller]
fn check_file(path: &Path, confirmed: &HashSet<String>) {
    let bytes = std::fs::read(path).unwrap();
    let stored = quoth::store::format::parse_bookmarks(&bytes)
        .unwrap_or_else(|e| panic!("file does not parse after a kill: {e}"));
    let ids: HashSet<&str> = stored.iter().map(|b| b.id.0.as_str()).collect();
    for id in confirmed {
        assert!(ids.contains(id.as_str()), "confirmed bookmark {id} is missing");
    }
    let backup = path.with_file_name("bookmarks.jsonl.bak");
    if let Ok(bytes) = std::fs::read(&backup) {
        quoth::store::format::parse_bookmarks(&bytes)
            .unwrap_or_else(|e| panic!("backup does not parse after a kill: {e}"));
    }
}
