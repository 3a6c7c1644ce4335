//! Throughput of HTML import: a saved news page (head metadata, navigation, share bar, the story
//! in `<article>`, related links, comments, footer) parsed into an article by `Article::parse`
//! (charset sniffing, sanitising, main-content extraction, blocks), per MB of HTML; and a feed
//! of entries read by `library::load_file`. Pages are built from the built-in sample paragraphs
//! at about 100 KB (a long story page) and 1 MB (an outsized one) so the cost per byte can be
//! compared across sizes.
//!
//! When `../shared/eval/html/pages/` is present, a second group parses those pages (one
//! iteration = every page), so the figure matches what `html_score.py` measures; nothing from
//! them is stored.
//!
//! Run with `cargo bench --bench import`; criterion prints MiB/s.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use quoth::article::{Article, Format, ParseOptions};
use std::hint::black_box;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('“', "&ldquo;").replace('”', "&rdquo;")
}

/// A news page of at least `bytes` bytes.
fn page(bytes: usize) -> String {
    let paras = quoth::library::sample_paragraphs();
    let mut body = String::new();
    let mut i = 0;
    while body.len() < bytes && !paras.is_empty() {
        let p = escape(&paras[i % paras.len()]);
        if i % 9 == 4 {
            body.push_str(&format!("<h2>{}</h2>\n", p.split_whitespace().take(5).collect::<Vec<_>>().join(" ")));
        }
        body.push_str(&format!("<p>{p}</p>\n<div class=\"ad-slot\"><script>load({i})</script></div>\n"));
        i += 1;
    }
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Benchmark story | The Example Post</title>\
         <meta property=\"og:title\" content=\"Benchmark story\"><meta name=\"author\" content=\"Ann Lee\"></head>\
         <body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">World</a></li></ul></nav>\
         <div class=\"share\"><a href=\"#\">Share</a></div><main><article><h1>Benchmark story</h1>{body}</article></main>\
         <aside class=\"related\"><ul><li><a href=\"/a\">More</a></li></ul></aside><footer>© Example</footer></body></html>"
    )
}

/// An RSS 2.0 feed of `n` entries with full content.
fn feed(n: usize) -> String {
    let paras = quoth::library::sample_paragraphs();
    let mut items = String::new();
    for i in 0..n {
        let mut content = String::new();
        for k in 0..6 {
            content.push_str("<p>");
            content.push_str(&escape(&paras[(i * 6 + k) % paras.len().max(1)]));
            content.push_str("</p>");
        }
        items.push_str(&format!(
            "<item><title>Entry {i}</title><link>https://example.org/{i}</link><pubDate>Mon, 02 Nov 2026 08:15:00 GMT</pubDate>\
             <description><![CDATA[{content}]]></description></item>"
        ));
    }
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bench</title>{items}</channel></rss>")
}

fn generated(c: &mut Criterion) {
    let mut g = c.benchmark_group("html_page");
    for size in [100_000, 1_000_000] {
        let html = page(size);
        g.throughput(Throughput::Bytes(html.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(format!("{}KB", size / 1000)), &html, |b, html| {
            b.iter(|| {
                let opts = ParseOptions { format: Some(Format::Html), ..ParseOptions::default() };
                black_box(Article::parse(html.as_bytes(), opts).map_or(0, |a| a.text.len()))
            });
        });
    }
    g.finish();

    let mut g = c.benchmark_group("feed");
    let dir = tempfile::tempdir().ok();
    if let Some(dir) = &dir {
        let text = feed(100);
        let path = dir.path().join("feed.xml");
        if std::fs::write(&path, &text).is_ok() {
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function("rss_100_entries", |b| {
                b.iter(|| {
                    black_box(
                        quoth::library::load_file(&path, &quoth::library::LoadOptions::default())
                            .map_or(0, |v| v.len()),
                    )
                });
            });
        }
    }
    g.finish();
}

/// The gold pages of the import evaluation, decompressed, when present.
fn shared_pages() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/html/pages");
    let Ok(rd) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut names: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    names.sort();
    let mut out = Vec::new();
    for p in names {
        if p.extension().is_some_and(|e| e == "gz") {
            // Unpacked with the system's gzip: the bench needs no decompression crate.
            match std::process::Command::new("gzip").arg("-dc").arg(&p).output() {
                Ok(o) if o.status.success() => out.push(o.stdout),
                _ => {}
            }
        }
    }
    out
}

fn shared(c: &mut Criterion) {
    let pages = shared_pages();
    if pages.is_empty() {
        return;
    }
    let total: usize = pages.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("html_eval_pages");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function(format!("{}_pages", pages.len()), |b| {
        b.iter(|| {
            let mut n = 0;
            for p in &pages {
                let opts = ParseOptions { format: Some(Format::Html), ..ParseOptions::default() };
                n += Article::parse(p, opts).map_or(0, |a| a.blocks.len());
            }
            black_box(n)
        });
    });
    g.finish();
}

criterion_group!(benches, generated, shared);
criterion_main!(benches);
