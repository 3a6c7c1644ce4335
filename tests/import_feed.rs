//! Feeds in: RSS 0.91, 1.0 and 2.0, Atom and JSON Feed files (written for these tests) become one
//! article per entry, in the library, in `quoth show --json` and in `quoth extract --json`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unnecessary_wraps, clippy::type_complexity)]

use quoth::library::{LoadOptions, Origin, load_file};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn quoth(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quoth"))
        .args(args)
        .current_dir(home)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("QUOTH_CONFIG", home.join("no-config.toml"))
        .env("QUOTH_DATA_DIR", home.join("data"))
        .env("QUOTH_CACHE_DIR", home.join("cache"))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(o.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// (title, byline, date, source) of each entry.
fn metas(name: &str) -> Vec<(String, Option<String>, Option<String>, Option<String>)> {
    load_file(&fixture(name), &LoadOptions::default())
        .unwrap()
        .into_iter()
        .map(|(_, a)| (a.meta.title, a.meta.author, a.meta.date, a.meta.source))
        .collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_owned())
}

#[test]
fn every_feed_format_gives_its_entries_with_their_metadata() {
    let rss2 = metas("rss2.xml");
    assert_eq!(rss2.len(), 3);
    assert_eq!(
        rss2[0],
        (
            "Bridge repairs to close Mill Lane for six weeks".into(),
            s("Petra Lindqvist"),
            s("2026-11-02"),
            s("The Kestrel Valley Courier")
        )
    );
    assert_eq!(
        metas("rss1.rdf"),
        [("Seawall vote delayed".into(), s("Arno Quist"), s("2026-10-28"), s("Tidewater Notes"))]
    );
    assert_eq!(metas("rss091.xml"), [("Clock tower chimes again".into(), None, None, s("Old Town Bulletin"))]);
    assert_eq!(
        metas("atom.xml"),
        [("Library opens late on Thursdays".into(), s("Greta Holm"), s("2026-11-02"), s("Northfield Weekly"))]
    );
    let json = metas("feed.json");
    assert_eq!(json[0], ("Snow closes the high pass".into(), s("Milo Danek"), s("2026-11-04"), s("Ridge Line Radio")));
    assert_eq!(json[1].0, "Market moves indoors");
}

#[test]
fn entries_are_origins_that_come_back_from_their_path() {
    let items = load_file(&fixture("rss2.xml"), &LoadOptions::default()).unwrap();
    for (i, (origin, article)) in items.iter().enumerate() {
        assert_eq!(*origin, Origin::Item(fixture("rss2.xml"), i + 1));
        let path = origin.path();
        assert!(path.to_string_lossy().ends_with(&format!("rss2.xml#{}", i + 1)));
        assert_eq!(Origin::from_path(&path), *origin);
        assert_eq!(origin.load(&LoadOptions::default()).unwrap(), *article);
    }
    // Past the end: a clear error, not a panic.
    let e = Origin::Item(fixture("rss2.xml"), 9).load(&LoadOptions::default()).unwrap_err();
    assert!(e.to_string().contains("no entry 9 (the feed has 3 now)"), "{e}");
}

#[test]
fn show_json_gives_one_object_per_entry_with_block_kinds() {
    let home = tempfile::tempdir().unwrap();
    let out = quoth(home.path(), &["show", "--json", fixture("rss2.xml").to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = lines(&out);
    assert_eq!(v.len(), 3);
    assert!(v[0]["path"].as_str().unwrap().ends_with("rss2.xml#1"));
    assert_eq!(v[0]["url"], "https://courier.example/mill-lane");
    let kinds: Vec<&str> = v[0]["paragraphs"].as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["headline", "byline", "paragraph", "paragraph", "subheading", "paragraph", "list_item", "list_item"]
    );
    let text = v[0]["paragraphs"].to_string();
    assert!(!text.contains("track()"), "script text leaked: {text}");
    // The summary stands in when there is no full content; a link-only entry says so.
    assert!(v[1]["paragraphs"].to_string().contains("We sang our hearts out"));
    assert!(v[2]["paragraphs"].to_string().contains("https://courier.example/gallery"));
}

#[test]
fn extract_json_gives_one_object_per_entry_with_speakers() {
    let home = tempfile::tempdir().unwrap();
    let out = quoth(
        home.path(),
        &["extract", "--json", fixture("rss2.xml").to_str().unwrap(), fixture("atom.xml").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = lines(&out);
    assert_eq!(v.len(), 4);
    let speakers = |i: usize| v[i]["speakers"].to_string();
    assert!(speakers(0).contains("Oskar Brandt"), "{}", speakers(0));
    assert!(speakers(1).contains("Hana Mori"), "{}", speakers(1));
    assert!(speakers(3).contains("Jonas Frey"), "{}", speakers(3));
    assert!(v[3]["path"].as_str().unwrap().ends_with("atom.xml#1"));
}

#[test]
fn a_broken_feed_is_one_error_and_the_rest_still_come() {
    let home = tempfile::tempdir().unwrap();
    let out = quoth(
        home.path(),
        &["show", "--json", fixture("broken.xml").to_str().unwrap(), fixture("rss091.xml").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let v = lines(&out);
    assert_eq!(v.len(), 2);
    let err = v[0]["error"].as_str().unwrap();
    assert!(err.starts_with("feed: "), "{err}");
    assert_eq!(v[1]["title"], "Clock tower chimes again");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn a_folder_of_feeds_lists_every_entry_and_reuses_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    for f in ["rss2.xml", "atom.xml", "feed.json", "page.html", "broken.xml"] {
        std::fs::copy(fixture(f), lib.join(f)).unwrap();
    }
    let index = dir.path().join("cache/index.json");
    let scan = || {
        let mut out = Vec::new();
        quoth::library::index::scan(std::slice::from_ref(&lib), Some(&index), &LoadOptions::default(), |e| {
            if let quoth::library::index::ScanEvent::Entries(mut v) = e {
                out.append(&mut v);
            }
            true
        });
        out.sort_by_key(|e| e.origin.path());
        out
    };
    let first = scan();
    let titles: Vec<&str> = first.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Library opens late on Thursdays",
            "broken.xml",
            "Snow closes the high pass",
            "Market moves indoors",
            "Harbour ferry returns after storm",
            "Bridge repairs to close Mill Lane for six weeks",
            "Choir wins regional prize",
            "Photo gallery: autumn fair",
        ]
    );
    assert!(first[1].error().is_some_and(|e| e.starts_with("feed: ")), "{:?}", first[1].state);
    assert_eq!(first[4].origin, Origin::File(lib.join("page.html")));
    assert!(first[5].quotes >= 1);
    // The second scan comes from the index, entry for entry.
    assert_eq!(scan(), first);
}
