//! CPU-time throughput of extraction, for a machine shared with other work where criterion's
//! wall-clock figures understate the speed. Ignored by default; run with
//! `cargo test --release --test extract_speed -- --ignored --nocapture`.
//!
//! It reads the process's CPU time from `/proc/self/stat` (Linux, in clock ticks of 10 ms)
//! and skips elsewhere.

use quoth::article::{Article, Format};
use std::time::Instant;

/// User plus system CPU time of this process in nanoseconds (100 ticks a second assumed,
/// the Linux default).
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_comm = s.rsplit_once(')')?.1;
    let mut fields = after_comm.split_whitespace();
    // Fields after the command name start at "state" (field 3); utime and stime are 14, 15.
    let utime: u64 = fields.nth(11)?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some((utime + stime) * 10_000_000)
}

fn sample_text(bytes: usize) -> String {
    let paragraphs = [
        "“We will not raise taxes this year,” said Finance Minister Priya Natarajan.",
        "Mayor Tomas Ekberg inspected the bridge on Monday with two engineers and a crowd of residents who had waited since dawn.",
        "“The bridge is safe for traffic,” the mayor said. “We open it on Friday.”",
        "Lena Okafor, a geologist at the university, said the slope had moved by 3.5 centimetres since the ’90s and that the council should act.",
        "The council met for three hours on Tuesday evening and voted to fund a study of the old canal.",
        "“Nobody saw this coming,” Okafor said, “and nobody wants to pay for it.”",
        "According to the Ministry of Transport, rail services will resume on Monday morning.",
        "Harold Vance arrived two hours late. “The traffic on the ring road was terrible,” he said.",
    ];
    let mut text = String::from("Speed sample\n\n");
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(paragraphs[i % paragraphs.len()]);
        text.push_str("\n\n");
        i += 1;
    }
    text
}

#[test]
#[ignore = "a measurement, not a check"]
fn throughput_cpu() {
    let text = sample_text(10_000_000);
    let Ok(article) = Article::from_str_format(&text, Format::Plain) else {
        return;
    };
    let (Some(c0), w0) = (cpu_ns(), Instant::now()) else {
        eprintln!("no /proc/self/stat: skipped");
        return;
    };
    let runs = 5;
    let mut quotes = 0;
    for _ in 0..runs {
        quotes += quoth::extract::extract(&article).quotes.len();
    }
    let cpu = cpu_ns().unwrap_or(c0).saturating_sub(c0) as f64 / 1e9;
    let wall = w0.elapsed().as_secs_f64();
    let mb = (text.len() * runs) as f64 / 1e6;
    eprintln!(
        "{runs} × {:.1} MB: {:.1} MB/s of CPU time ({:.1} MB/s wall), {quotes} quotes",
        text.len() as f64 / 1e6,
        mb / cpu,
        mb / wall
    );
}
