//! The bookmark store at scale: a journal of 100,000 bookmarks over 500 articles (about 37 MB,
//! the size of the store in issue 18), and what a user waits for on it:
//!
//! - `open`: reading the whole journal, as `quoth bookmarks list` and the reader do at start;
//! - `add`: one `quoth bookmarks add` (open for adding, append one line, fsync);
//! - `reader m`: the `m` key in the reader with that store open (the app's bookmark action,
//!   the store append and the app's refresh from the store).
//!
//! Run with `cargo bench --bench store -- [COUNT]` (default 100000).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::Criterion;
use quoth::app::action::Action;
use quoth::app::{App, Msg};
use quoth::article::{Article, Fingerprint, Format};
use quoth::config::Config;
use quoth::library::LoadOptions;
use quoth::session::{Session, entry_for};
use quoth::span::Span;
use quoth::store::{BOOKMARKS_FILE, Bookmark, BookmarkId, Store, journal};
use std::path::Path;
use std::time::Duration;

/// A paragraph of about the length of a news paragraph.
const PARAGRAPH: &str = "The council voted on Tuesday to approve the harbour plan after a debate \
    about its cost, and said the first works would start in the spring.";

fn article(i: usize) -> String {
    format!("Harbour plan, part {i}\n\n{PARAGRAPH}\n\nA second paragraph, number {i}.\n\n{PARAGRAPH}\n")
}

/// Writes a journal of `count` bookmarks over 500 articles into `dir`.
fn fill(dir: &Path, count: usize) {
    let mut list = Vec::with_capacity(count);
    for i in 0..count {
        let a = Article::from_str_format(&article(i % 500), Format::Plain).unwrap();
        let para = &a.blocks[1 + i % 2];
        let mut b = Bookmark::new(
            BookmarkId(format!("b{i:09}")),
            &a,
            &dir.join(format!("news/story-{:03}.txt", i % 500)),
            para.span,
        );
        b.created = 1_767_312_000 + i as u64;
        // Many copies of one article in the store share its fingerprint; others do not.
        b.fingerprint = Fingerprint(a.fingerprint().0 ^ (i as u64 / 500));
        list.push(b);
    }
    std::fs::write(dir.join(BOOKMARKS_FILE), journal::snapshot(&list)).unwrap();
}

fn main() {
    let count: usize =
        std::env::args().skip(1).find(|a| !a.starts_with("--")).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    fill(&data, count);
    let size = std::fs::metadata(data.join(BOOKMARKS_FILE)).map_or(0, |m| m.len());
    println!("store: {count} bookmarks, {:.1} MB journal", size as f64 / 1e6);

    // The story read in the reader: long enough that every `m` press bookmarks a new paragraph.
    let story = tmp.path().join("story.txt");
    let mut long = String::from("A long story\n\n");
    for i in 0..20_000 {
        long.push_str(&format!("Paragraph {i}. {PARAGRAPH}\n\n"));
    }
    std::fs::write(&story, &long).unwrap();
    let a = Article::from_str_format(&article(7), Format::Plain).unwrap();

    let mut c = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(5)).configure_from_args();
    let mut g = c.benchmark_group(format!("store {count}"));
    g.bench_function("open", |b| {
        b.iter(|| {
            let s = Store::open(&data);
            assert!(s.bookmarks().len() >= count);
        });
    });
    // The adds go to a copy of the store, so that the reader's store below stays as filled.
    let data_add = tmp.path().join("data-add");
    std::fs::create_dir_all(&data_add).unwrap();
    std::fs::copy(data.join(BOOKMARKS_FILE), data_add.join(BOOKMARKS_FILE)).unwrap();
    let other = tmp.path().join("other.txt");
    g.bench_function("add", |b| {
        b.iter(|| {
            let mut s = Store::open_for_adding(&data_add);
            let id = s.new_id();
            s.add_bookmark(Bookmark::new(id, &a, &other, Span::new(0, 10))).unwrap();
        });
    });
    let entries = vec![entry_for(&story, &LoadOptions::default())];
    let app = App::new(Config::defaults(), entries, true, 120, 40, true);
    let mut session = Session::new(app, Store::open(&data), LoadOptions::default());
    session.dispatch(Msg::Action(Action::Open));
    session.wait_background(Duration::from_secs(30));
    assert_eq!(session.app.screen, quoth::app::Screen::Reader);
    g.bench_function("reader m", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                // Each press bookmarks the paragraph under the cursor (timed), then the cursor
                // moves on to the next one (not timed).
                let before = session.store.bookmarks().len();
                let start = std::time::Instant::now();
                session.dispatch(Msg::Action(Action::Bookmark));
                spent += start.elapsed();
                assert_eq!(
                    session.store.bookmarks().len(),
                    before + 1,
                    "m added no bookmark: {:?}",
                    session.app.message
                );
                session.dispatch(Msg::Action(Action::NextParagraph));
            }
            spent
        });
    });
    g.finish();
    c.final_summary();
}
