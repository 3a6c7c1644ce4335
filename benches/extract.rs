//! Throughput of `quoth::extract::extract` on generated news-like text: 10 KB, 1 MB and 10 MB
//! articles, built from invented sentences (direct quotes in several styles, split and
//! continued quotes, reported speech, narrative without quotes), so that the figures are
//! comparable across sizes and the cost per byte can be checked to be flat.
//!
//! When the shared evaluation set is present (`../shared/eval/dev.jsonl`, or the path in
//! `QUOTH_DEV_JSONL`), a second group extracts from each of its articles in turn, and a third
//! from the dev texts joined into 10 KB, 1 MB and 10 MB inputs; without the set those groups
//! are skipped. Nothing from it is stored.
//!
//! Run with `cargo bench --bench extract`; criterion prints MiB/s per size.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use quoth::article::{Article, Format};
use std::hint::black_box;

const FIRST: &[&str] = &[
    "Mira", "Tomas", "Lena", "Harold", "Priya", "Dana", "Ines", "Marco", "Ruth", "Ben", "Olga", "Grace", "Amara", "Jo",
    "Ahmed", "Kofi", "Nadia", "Pavel", "Selma", "Idris",
];
const LAST: &[&str] = &[
    "Holt",
    "Ekberg",
    "Okafor",
    "Vance",
    "Natarajan",
    "Whitfield",
    "Moreau",
    "Bellini",
    "Adebayo",
    "Carter",
    "Petrov",
    "Kimura",
    "Singh",
    "Halvorsen",
    "Rahimi",
    "Mensah",
    "Quist",
    "Laine",
    "Dorsey",
    "Varga",
];
const TITLES: &[&str] = &["Mayor", "Sen.", "Dr.", "Finance Minister", "Coach", "Judge"];
const ROLES: &[&str] = &[
    "a spokeswoman for the port authority",
    "the harbour master",
    "one official",
    "a local farmer",
    "the ministry",
    "police",
];
const WORDS: &[&str] = &[
    "We will not raise taxes this year",
    "The bridge is safe for traffic",
    "Nobody saw this coming",
    "The first phase is complete",
    "We simply need more nurses on every ward",
    "Rail services will resume on Monday morning",
    "Prices will fall before winter",
    "The harvest failed in three provinces",
    "It has been a difficult season for everyone here",
    "This must never happen again",
];
const NARRATIVE: &[&str] = &[
    "The council met for three hours on Tuesday evening.",
    "Traffic on the ring road was slow after the storm.",
    "The report runs to 240 pages and cost 1.2 million to prepare.",
    "Farmers in the north have waited since the ’90s for a new canal.",
    "Residents gathered outside the town hall before dawn.",
];

/// A small deterministic generator (no dependency needed for benchmark input).
struct Rng(u64);

impl Rng {
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let i = usize::try_from(self.0 >> 33).unwrap_or(0) % list.len().max(1);
        list.get(i).copied().unwrap_or("")
    }
}

fn paragraph(rng: &mut Rng, out: &mut String) {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let title = rng.pick(TITLES);
    let role = rng.pick(ROLES);
    let q = rng.pick(WORDS);
    let q2 = rng.pick(WORDS);
    let n = rng.pick(NARRATIVE);
    let p = match rng.pick(&["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]) {
        "0" => format!("“{q},” said {title} {first} {last}. {n}"),
        "1" => format!("{n} “{q},” {last} told reporters. “{q2}.”"),
        "2" => format!("{first} {last}, a geologist at the university, said the plan was “dead on arrival” and left."),
        "3" => format!("\"{q},\" she said, \"and {q2}.\""),
        "4" => format!("“{q},” {role} said in a statement."),
        "5" => format!("{title} {first} {last} said that {q2} after the vote. {n}"),
        "6" => format!("According to {first} {last}, “{q}.”"),
        "7" => format!("{n} {n}"),
        "8" => format!("‘{q},’ the farmers’ union said. {last} agreed: ‘{q2}.’"),
        _ => format!("“{q}.\n\n“{q2},” {first} {last} added."),
    };
    out.push_str(&p);
    out.push_str("\n\n");
}

/// A plain-text article of about `bytes` bytes.
fn article(bytes: usize) -> (Article, usize) {
    let mut rng = Rng(0x5eed);
    let mut text = String::from("Generated headline for the benchmark\n\n");
    while text.len() < bytes {
        paragraph(&mut rng, &mut text);
    }
    let len = text.len();
    let a = Article::from_str_format(&text, Format::Plain).unwrap_or_else(|_| {
        Article::from_str_format("Empty\n\nNothing.", Format::Plain)
            .unwrap_or_else(|e| unreachable!("a fixed text parses: {e}"))
    });
    (a, len)
}

/// The dev articles as quoth would load them (title, blank line, body), if the file exists.
fn dev_articles() -> Vec<Article> {
    let path = std::env::var("QUOTH_DEV_JSONL").unwrap_or_else(|_| "../shared/eval/dev.jsonl".to_owned());
    let Ok(data) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    data.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let title = v.get("title")?.as_str()?.trim().to_owned();
            let body = v.get("text")?.as_str()?.trim_matches('\n').to_owned();
            Article::from_str_format(&format!("{title}\n\n{body}\n"), Format::Plain).ok()
        })
        .collect()
}

fn bench_dev(c: &mut Criterion) {
    let articles = dev_articles();
    if articles.is_empty() {
        return;
    }
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut group = c.benchmark_group("extract-dev");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("all-articles", |b| {
        b.iter(|| articles.iter().map(|a| quoth::extract::extract(black_box(a)).quotes.len()).sum::<usize>());
    });
    group.finish();
}

/// The dev articles' bodies one after another, paragraphs kept, to about `bytes` bytes: the
/// dev texts at the sizes of the generated group (a long input made of real prose).
fn dev_sized(articles: &[Article], bytes: usize) -> Option<(Article, usize)> {
    let mut text = String::from("The dev articles, one after another\n\n");
    for a in articles.iter().cycle().take(articles.len().saturating_mul(64)) {
        if text.len() >= bytes {
            break;
        }
        for b in &a.blocks {
            text.push_str(b.span.slice(&a.text));
            text.push_str("\n\n");
        }
    }
    let len = text.len();
    Article::from_str_format(&text, Format::Plain).ok().map(|a| (a, len))
}

fn bench_dev_sizes(c: &mut Criterion) {
    let articles = dev_articles();
    if articles.is_empty() {
        return;
    }
    let mut group = c.benchmark_group("extract-dev-sizes");
    for (name, size, samples) in [("10KB", 10_000, 100), ("1MB", 1_000_000, 20), ("10MB", 10_000_000, 10)] {
        let Some((a, len)) = dev_sized(&articles, size) else {
            continue;
        };
        group.throughput(Throughput::Bytes(len as u64));
        group.sample_size(samples);
        group.bench_with_input(BenchmarkId::from_parameter(name), &a, |b, a| {
            b.iter(|| quoth::extract::extract(black_box(a)));
        });
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract");
    for (name, size, samples) in [("10KB", 10_000, 100), ("1MB", 1_000_000, 20), ("10MB", 10_000_000, 10)] {
        let (a, len) = article(size);
        group.throughput(Throughput::Bytes(len as u64));
        group.sample_size(samples);
        group.bench_with_input(BenchmarkId::from_parameter(name), &a, |b, a| {
            b.iter(|| quoth::extract::extract(black_box(a)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench, bench_dev, bench_dev_sizes);
criterion_main!(benches);
