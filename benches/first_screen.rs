//! Whole-process time to the first screen of a large article, for quoth and for `less` on the
//! same file, in a pseudo-terminal (120×40). Run with
//! `cargo bench --bench first_screen -- [SIZE_MB] [RUNS]` (default 20 MB, 15 runs).
//! Not a criterion bench: it times whole processes, as a user sees them.

#[path = "../tests/support/pty.rs"]
mod pty;

use quoth::library::sample_corpus;
use std::path::Path;
use std::time::{Duration, Instant};

fn time_to_text(program: &str, args: &[&str], home: &Path, needle: &str) -> Duration {
    let start = Instant::now();
    let t = pty::Pty::spawn_program(program, args, home, 120, 40);
    t.wait_for(needle, Duration::from_mins(1), |s| s.contents().contains(needle));
    start.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let mb: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(20);
    let runs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(15);
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = home.path().join("big.txt");
    let text = sample_corpus(mb * 1_000_000, "A very long article");
    std::fs::write(&file, &text).unwrap_or_else(|e| panic!("{e}"));
    // The first words of the first paragraph: on the first screen of both programs.
    let needle: String = text.lines().nth(2).unwrap_or("").split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    let path = file.to_str().unwrap_or_default();
    let quoth = env!("CARGO_BIN_EXE_quoth");
    let has_less = std::process::Command::new("less").arg("--version").output().is_ok();
    let mut q = Vec::new();
    let mut l = Vec::new();
    for _ in 0..runs {
        q.push(time_to_text(quoth, &[path], home.path(), &needle));
        if has_less {
            l.push(time_to_text("less", &[path], home.path(), &needle));
        }
    }
    // Baseline: a tiny article (start-up cost alone).
    let small = home.path().join("small.txt");
    std::fs::write(&small, format!("Small\n\n{needle} and nothing else.\n")).unwrap_or_else(|e| panic!("{e}"));
    let small_path = small.to_str().unwrap_or_default();
    let mut qs = Vec::new();
    let mut ls = Vec::new();
    for _ in 0..runs {
        qs.push(time_to_text(quoth, &[small_path], home.path(), &needle));
        if has_less {
            ls.push(time_to_text("less", &[small_path], home.path(), &needle));
        }
    }
    println!(
        "tiny article: quoth {:.1} ms, less {:.1} ms",
        median(qs).as_secs_f64() * 1e3,
        median(ls).as_secs_f64() * 1e3
    );
    let (mq, ml) = (median(q), median(l));
    println!("first screen of a {mb} MB article, median of {runs} runs (120x40 pty):");
    println!("  quoth  {:>8.1} ms", mq.as_secs_f64() * 1e3);
    if has_less {
        println!("  less   {:>8.1} ms", ml.as_secs_f64() * 1e3);
        println!("  ratio  {:>8.2}", mq.as_secs_f64() / ml.as_secs_f64().max(1e-9));
    } else {
        println!("  less not installed: no comparison");
    }
}
