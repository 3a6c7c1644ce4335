//! A big library: 10,000 generated articles in 100 folders, scanned with an empty index (cold)
//! and again with the index in place (warm). Run with `cargo bench --bench library -- [COUNT]`.
//! Times whole scans as the library view sees them (all entries delivered).

use quoth::library::LoadOptions;
use quoth::library::index::{ScanEvent, scan};
use quoth::library::sample_paragraphs;
use std::time::Instant;

fn main() {
    let count: usize =
        std::env::args().skip(1).find(|a| !a.starts_with("--")).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let lib = dir.path().join("lib");
    let paras = sample_paragraphs();
    for i in 0..count {
        let sub = lib.join(format!("{:03}", i % 100));
        std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
        let mut text = format!("Story number {i}\n\n");
        for k in 0..(3 + i % 4) {
            text.push_str(&paras[(i * 7 + k) % paras.len()]);
            text.push_str("\n\n");
        }
        std::fs::write(sub.join(format!("story-{i:05}.txt")), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let index = dir.path().join("cache/library-index.json");
    let load = LoadOptions::default();
    for run in ["cold", "warm", "warm"] {
        let start = Instant::now();
        let mut n = 0;
        let mut first = None;
        scan(std::slice::from_ref(&lib), Some(&index), &load, |e| {
            if let ScanEvent::Entries(v) = e {
                n += v.len();
                first.get_or_insert_with(|| start.elapsed());
            }
            true
        });
        let all = start.elapsed();
        println!(
            "{run:>4}: {n} articles listed in {:.0} ms (first entries after {:.0} ms)",
            all.as_secs_f64() * 1e3,
            first.unwrap_or_default().as_secs_f64() * 1e3
        );
    }
}
