//! Generates large test inputs from the built-in sample paragraphs (nothing big is committed).
//!
//! ```sh
//! cargo run --release --example gen_corpus -- article 20MB /tmp/big.txt
//! cargo run --release --example gen_corpus -- library 10000 /tmp/lib
//! ```

use quoth::library::{sample_corpus, sample_paragraphs};
use std::path::Path;
use std::process::ExitCode;

fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim().to_ascii_uppercase();
    let (num, mul) = if let Some(n) = s.strip_suffix("MB") {
        (n, 1_000_000)
    } else if let Some(n) = s.strip_suffix("KB") {
        (n, 1_000)
    } else {
        (s.as_str(), 1)
    };
    num.parse::<usize>().ok().map(|n| n * mul)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["article", size, out] => {
            let Some(bytes) = parse_size(size) else {
                eprintln!("bad size {size}");
                return ExitCode::from(2);
            };
            if let Err(e) = std::fs::write(out, sample_corpus(bytes, "A very long article")) {
                eprintln!("{out}: {e}");
                return ExitCode::from(1);
            }
        }
        ["library", count, dir] => {
            let Ok(n) = count.parse::<usize>() else {
                eprintln!("bad count {count}");
                return ExitCode::from(2);
            };
            let dir = Path::new(dir);
            let paras = sample_paragraphs();
            for i in 0..n {
                // Articles of 3–6 paragraphs, spread over 100 folders.
                let sub = dir.join(format!("{:03}", i % 100));
                if let Err(e) = std::fs::create_dir_all(&sub) {
                    eprintln!("{}: {e}", sub.display());
                    return ExitCode::from(1);
                }
                let mut text = format!("Story number {i}\n\n");
                for k in 0..(3 + i % 4) {
                    text.push_str(&paras[(i * 7 + k) % paras.len().max(1)]);
                    text.push_str("\n\n");
                }
                if let Err(e) = std::fs::write(sub.join(format!("story-{i:05}.txt")), text) {
                    eprintln!("{e}");
                    return ExitCode::from(1);
                }
            }
        }
        _ => {
            eprintln!("usage: gen_corpus article SIZE OUT | gen_corpus library COUNT DIR");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
