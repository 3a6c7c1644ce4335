//! `quoth search` and `quoth quotes` through the real binary: a library of our own stories,
//! the index in a temporary cache, exit statuses, and the index kept up to date between runs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn quoth(cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quoth"))
        .args(args)
        .env("QUOTH_CACHE_DIR", cache)
        .env("QUOTH_CONFIG", cache.join("no-config.toml"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn library() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    fs::write(
        d.path().join("harbour.md"),
        "---\ntitle: Harbour plan approved\ndate: 2026-03-02\n---\n\n\
         \u{201c}We waited ten years for this,\u{201d} said Mayor Inés López.\n\n\
         The council called it a holding measure.",
    )
    .unwrap();
    fs::write(
        d.path().join("fares.md"),
        "---\ntitle: Ferry fares frozen\ndate: 2026-04-10\n---\n\n\
         \u{201c}Fares stay as they are,\u{201d} said Ines Lopez.\n\n\
         \u{201c}We will see,\u{201d} said Carl López, her father.",
    )
    .unwrap();
    d
}

#[test]
fn search_finds_stories_folded_and_says_when_nothing_matched() {
    let (lib, cache) = (library(), tempfile::tempdir().unwrap());
    let dir = lib.path().to_str().unwrap();
    let o = quoth(cache.path(), &["search", "--in", dir, "lopez"]);
    assert!(o.status.success(), "{o:?}");
    let out = text(&o);
    assert!(out.contains("Harbour plan approved") && out.contains("Ferry fares frozen"), "{out}");
    assert!(cache.path().join("library.sqlite").exists(), "the index is in the cache dir");

    let o = quoth(cache.path(), &["search", "--json", "--in", dir, "\"holding measure\""]);
    assert!(o.status.success());
    let lines: Vec<serde_json::Value> = text(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["title"], "Harbour plan approved");
    assert!(lines[0]["snippet"].as_str().unwrap().contains("holding measure"));

    let o = quoth(cache.path(), &["search", "--in", dir, "submarine"]);
    assert_eq!(o.status.code(), Some(1), "nothing matched");
    assert!(o.stdout.is_empty());

    // A new story is found on the next run: the index follows the files.
    fs::write(lib.path().join("sub.txt"), "Submarine spotted\n\nA submarine was seen off the pier.").unwrap();
    let o = quoth(cache.path(), &["search", "--in", dir, "submarine"]);
    assert!(o.status.success() && text(&o).contains("Submarine spotted"), "{o:?}");
}

#[test]
fn quotes_of_one_person_across_stories() {
    let (lib, cache) = (library(), tempfile::tempdir().unwrap());
    let dir = lib.path().to_str().unwrap();
    let o = quoth(cache.path(), &["quotes", "--speaker", "Inés López", dir]);
    assert!(o.status.success(), "{o:?}");
    let rows: Vec<serde_json::Value> = text(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let got: Vec<(&str, &str)> =
        rows.iter().map(|r| (r["title"].as_str().unwrap(), r["text"].as_str().unwrap())).collect();
    assert_eq!(
        got,
        [("Ferry fares frozen", "Fares stay as they are,"), ("Harbour plan approved", "We waited ten years for this,")],
        "newest story first; the father is someone else"
    );
    for r in &rows {
        assert!(Path::new(r["path"].as_str().unwrap()).extension().is_some_and(|e| e == "md"));
        assert!(r["paragraph"].as_u64().unwrap() >= 1 && r["end"].as_u64() > r["start"].as_u64());
    }

    let o = quoth(cache.path(), &["quotes", "--format", "csv", "--kind", "direct", dir]);
    let out = text(&o);
    assert_eq!(out.lines().count(), 4, "header and three quotes: {out}");
    assert!(out.contains(",Carl López,direct,"), "{out}");

    let o = quoth(cache.path(), &["quotes", "--speaker", "nobody", dir]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn with_data_dir_the_index_stays_inside_it() {
    let (lib, cache, data) = (library(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let o = quoth(
        cache.path(),
        &["--data-dir", data.path().to_str().unwrap(), "search", "--in", lib.path().to_str().unwrap(), "ferry"],
    );
    assert!(o.status.success(), "{o:?}");
    assert!(data.path().join("cache/library.sqlite").exists());
    assert!(!cache.path().join("library.sqlite").exists(), "nothing written outside the chosen directory");
}

#[test]
fn a_damaged_index_is_rebuilt_not_reported() {
    let (lib, cache) = (library(), tempfile::tempdir().unwrap());
    fs::write(cache.path().join("library.sqlite"), vec![0x5a; 8192]).unwrap();
    let o = quoth(cache.path(), &["search", "--in", lib.path().to_str().unwrap(), "ferry"]);
    assert!(o.status.success(), "{o:?}");
    assert!(o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
}
