//! Frame cost must not grow with the article: reader frames (with the pane) rendered into a
//! `TestBackend` at 120×40 for 5 KB, 1 MB and 20 MB articles, at rest and after key presses
//! (scroll, next quote, next paragraph) and a resize, in the middle of the article. The
//! `hostile` group does the same for inputs built to make a frame expensive: a 10 MB file with
//! no line break, a 10 MB JSON title, and 1 MB of code points no terminal draws.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use quoth::app::action::Action;
use quoth::app::{App, LoadStage, Msg};
use quoth::article::{Article, Format};
use quoth::config::Config;
use quoth::library::{Entry, Origin, sample_corpus};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::sync::Arc;

fn app_with(bytes: usize) -> App {
    let text = sample_corpus(bytes, "A long article for the render benchmark");
    let article = Arc::new(Article::from_str_format(&text, Format::Plain).unwrap_or_else(|e| panic!("{e}")));
    let entry = Entry::unread(Origin::File("bench.txt".into()));
    let mut app = App::new(Config::defaults(), vec![entry], true, 120, 40, true);
    app.update(Msg::Loaded { stage: LoadStage::Whole, entry: 0, result: Ok(article.clone()), then: None });
    // Large articles are extracted on a worker in the real program: do it here.
    let extraction = Arc::new(quoth::extract::extract(&article));
    app.update(Msg::Extracted { fingerprint: article.fingerprint(), extraction });
    // Read from the middle.
    if let Some(r) = app.reader.as_mut() {
        r.restore_position(article.text.len() / 2);
    }
    app.update(Msg::Action(Action::NextQuote));
    app
}

/// An app reading `doc` (parsed as quoth parses a file of that format), from the top.
fn app_reading(doc: &str, format: Format) -> App {
    let article = Arc::new(
        Article::parse(doc.as_bytes(), quoth::article::ParseOptions { format: Some(format), ..Default::default() })
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let entry = Entry::unread(Origin::File("hostile".into()));
    let mut app = App::new(Config::defaults(), vec![entry], true, 120, 40, true);
    app.update(Msg::Loaded { stage: LoadStage::Whole, entry: 0, result: Ok(article.clone()), then: None });
    let extraction = Arc::new(quoth::extract::extract(&article));
    app.update(Msg::Extracted { fingerprint: article.fingerprint(), extraction });
    app
}

fn hostile(c: &mut Criterion) {
    let mut g = c.benchmark_group("hostile");
    let undrawn: String = "\u{FFFE}a\u{0378}b\u{10FFFF} \u{FDD0}“c,” said Ann Lee.\n\n".repeat(40_000);
    let cases = [
        ("one_line_10MB", "word ".repeat(2_000_000), Format::Plain),
        (
            "json_title_10MB",
            format!("{{\"title\": \"{}\", \"body\": \"“Fine,” said Bo Ek.\"}}", "T".repeat(10_000_000)),
            Format::Json,
        ),
        ("undrawn_1MB", format!("Odd \u{FFFF}headline\n\n{undrawn}"), Format::Plain),
    ];
    for (name, doc, format) in cases {
        let mut app = app_reading(&doc, format);
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
        g.bench_with_input(BenchmarkId::new("key_scroll", name), &(), |b, ()| {
            let mut forward = true;
            b.iter(|| {
                app.update(Msg::Action(if forward { Action::ScrollDown } else { Action::ScrollUp }));
                forward = !forward;
                term.draw(|f| quoth::ui::render(black_box(&app), f)).ok();
            });
        });
        g.bench_with_input(BenchmarkId::new("resize", name), &(), |b, ()| {
            let mut wide = true;
            b.iter(|| {
                let width = if wide { 100 } else { 120 };
                wide = !wide;
                app.update(Msg::Resize { width, height: 40 });
                term.draw(|f| quoth::ui::render(black_box(&app), f)).ok();
            });
        });
    }
    g.finish();
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("render");
    for (name, bytes) in [("5KB", 5_000), ("1MB", 1_000_000), ("20MB", 20_000_000)] {
        let mut app = app_with(bytes);
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
        g.bench_with_input(BenchmarkId::new("frame", name), &(), |b, ()| {
            b.iter(|| {
                term.draw(|f| quoth::ui::render(black_box(&app), f)).ok();
            });
        });
        g.bench_with_input(BenchmarkId::new("resize", name), &(), |b, ()| {
            let mut wide = true;
            b.iter(|| {
                let width = if wide { 100 } else { 120 };
                wide = !wide;
                app.update(Msg::Resize { width, height: 40 });
                term.draw(|f| quoth::ui::render(black_box(&app), f)).ok();
            });
        });
        for (what, there, back) in [
            ("scroll", Action::ScrollDown, Action::ScrollUp),
            ("next_quote", Action::NextQuote, Action::PrevQuote),
            ("next_paragraph", Action::NextParagraph, Action::PrevParagraph),
        ] {
            g.bench_with_input(BenchmarkId::new(format!("key_{what}"), name), &(), |b, ()| {
                let mut forward = true;
                b.iter(|| {
                    app.update(Msg::Action(if forward { there } else { back }));
                    forward = !forward;
                    term.draw(|f| quoth::ui::render(black_box(&app), f)).ok();
                });
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench, hostile);
criterion_main!(benches);
