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
    let _ = std::fs::write(Path::new(&out_dir).join("samples.rs"), out);
}
