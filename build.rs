//! Embeds the sample library (`assets/articles/`) into the binary, so `quoth` with no arguments
//! opens something worth reading even after `cargo install`.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("assets/articles");
    println!("cargo::rerun-if-changed=assets/articles");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .filter_map(|e| e.file_name().to_str().map(str::to_owned))
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("[\n");
    for name in &names {
        let abs = std::fs::canonicalize(dir.join(name)).unwrap_or_else(|_| dir.join(name));
        let _ =
            writeln!(out, "    Sample {{ name: {name:?}, bytes: include_bytes!({:?}) }},", abs.display().to_string());
        println!("cargo::rerun-if-changed=assets/articles/{name}");
    }
    out.push(']');
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    // A hash of the sources: the library index is rebuilt when quoth's code changes, so the
    // quote counts it caches always come from the running extractor.
    println!("cargo::rerun-if-changed=src");
    println!("cargo::rustc-env=QUOTH_EXTRACT_HASH={:016x}", hash_dir(Path::new("src")));
    let _ = std::fs::write(Path::new(&out_dir).join("samples.rs"), out);
}

/// FNV-1a over the paths and contents of every file below `dir`, in sorted order.
fn hash_dir(dir: &Path) -> u64 {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files {
        let bytes = std::fs::read(&f).unwrap_or_default();
        for b in f.to_string_lossy().bytes().chain(bytes) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}
