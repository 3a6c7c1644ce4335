//! The hostile catalogue (`tests/hostile/`): every file opens or is refused as its README says,
//! and nothing that opens carries a control character, a bidi control or an invisible
//! character into the text; extraction and layout never panic; lines never overflow.
//! Big inputs (10 MB paragraph, a million paragraphs, 100,000 quote marks …) are generated here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use quoth::article::Article;
use quoth::article::sanitize::bidi_name;
use quoth::layout::{Indent, Layout, RowContent, display_width};
use quoth::library::{LoadError, LoadOptions, load_path};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// Expected outcome per file, read from the catalogue's README tables.
fn expectations() -> Vec<(String, bool)> {
    let readme = std::fs::read_to_string(dir().join("README.md")).unwrap();
    let mut out = Vec::new();
    for line in readme.lines() {
        let Some(rest) = line.strip_prefix("| `") else { continue };
        let Some(name) = rest.split('`').next() else { continue };
        if name.starts_with("gen-") {
            continue;
        }
        let opens = line.contains("**opens**");
        let refused = line.contains("**refused**");
        assert!(opens ^ refused, "README row for {name} must say **opens** or **refused**: {line}");
        out.push((name.to_owned(), opens));
    }
    out
}

fn is_bad_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || bidi_name(c).is_some()
        || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{E0000}'..='\u{E001F}')
}

#[track_caller]
fn assert_clean(name: &str, what: &str, s: &str) {
    if let Some(c) = s.chars().find(|&c| is_bad_char(c)) {
        panic!("{name}: {what} holds U+{:04X}: {s:?}", c as u32);
    }
}

fn check_article(name: &str, a: &Article) {
    assert_clean(name, "text", &a.text);
    assert_clean(name, "title", &a.meta.title);
    for (what, v) in
        [("source", &a.meta.source), ("author", &a.meta.author), ("date", &a.meta.date), ("url", &a.meta.url)]
    {
        if let Some(v) = v {
            assert_clean(name, what, v);
            assert!(!v.contains('\n'), "{name}: {what} has a line break");
        }
    }
    for t in a.meta.tags.iter().chain(a.links.iter()) {
        assert_clean(name, "tag or link", t);
    }
    for w in &a.warnings {
        assert_clean(name, "warning", &w.to_string());
    }
    // Blocks tile the text in order, on char boundaries.
    let mut last = 0;
    for b in &a.blocks {
        assert!(b.span.start >= last && b.span.end <= a.text.len(), "{name}: block out of order");
        assert!(a.text.is_char_boundary(b.span.start) && a.text.is_char_boundary(b.span.end));
        last = b.span.end;
    }
    // Extraction: no panic, spans in bounds and on boundaries.
    let ex = quoth::extract::extract(a);
    for q in &ex.quotes {
        for s in q.segments.iter().chain(std::iter::once(&q.extent)) {
            assert!(
                s.end <= a.text.len() && a.text.is_char_boundary(s.start) && a.text.is_char_boundary(s.end),
                "{name}: bad quote span"
            );
        }
    }
    let json = quoth::output::extraction_json(name, a, &ex);
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok(), "{name}: extract output is not JSON");
    // Layout at several widths: every line fits (a single wide grapheme may fill a narrow one).
    let article = Arc::new(a.clone());
    for width in [8u16, 13, 40, 80, 300] {
        let layout = Layout::new(article.clone(), width);
        let mut row = Layout::block_first_row(0);
        let mut n = 0;
        loop {
            if let Some(RowContent::Line(l)) = layout.content(row) {
                let w = display_width(l.span.slice(&a.text));
                let prefix = a.blocks.get(row.block).map_or(0, |b| Indent::of(b, width).total());
                // A single grapheme wider than what is left may stand alone on its line.
                let single = l.span.slice(&a.text).chars().count() <= 1 || w <= 2;
                assert!(w + prefix <= usize::from(width) || single, "{name}: line of width {w} + {prefix} at {width}");
            }
            n += 1;
            match layout.next(row) {
                Some(r) if n < 200_000 => row = r,
                _ => break,
            }
        }
    }
}

#[test]
fn every_catalogued_file_opens_or_is_refused_as_documented() {
    let expected = expectations();
    assert!(expected.len() >= 30, "the catalogue has {} files", expected.len());
    let opts = LoadOptions::default();
    for (name, opens) in &expected {
        let path = dir().join(name);
        assert!(path.exists(), "{name} is in the README but not in tests/hostile/");
        match load_path(&path, &opts) {
            Ok(a) => {
                assert!(*opens, "{name} opened but the catalogue says it is refused");
                check_article(name, &a);
            }
            Err(e) => {
                assert!(!*opens, "{name} was refused but should open: {e}");
                let msg = e.to_string();
                assert!(!msg.contains('\n'), "{name}: the error is not one line: {msg}");
                assert_clean(name, "error", &msg);
                assert!(
                    matches!(
                        e,
                        LoadError::Parse { .. }
                            | LoadError::Read { source: quoth::fsio::ReadError::TooLarge { .. }, .. }
                    ),
                    "{name}: {e}"
                );
            }
        }
    }
    // Every file in the folder is catalogued.
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name == "README.md" || name == "make_hostile.py" || name.starts_with('.') {
            continue;
        }
        assert!(expected.iter().any(|(n, _)| *n == name), "{name} is not in tests/hostile/README.md");
    }
}

#[test]
fn markdown_entities_cannot_smuggle_controls() {
    let a = load_path(&dir().join("md-entity-escapes.md"), &LoadOptions::default()).unwrap();
    check_article("md-entity-escapes.md", &a);
    assert!(a.warnings.iter().any(|w| matches!(w, quoth::article::LoadWarning::Sanitized { .. })));
}

#[test]
fn yaml_front_matter_is_read_not_shown() {
    let a = load_path(&dir().join("fm-yaml-dashes.md"), &LoadOptions::default()).unwrap();
    check_article("fm-yaml-dashes.md", &a);
    assert_eq!(a.meta.title, "YAML front matter where TOML was expected");
    assert_eq!(a.meta.author.as_deref(), Some("Tess Arden"));
    assert_eq!(a.meta.tags, ["a", "b"]);
    assert!(!a.text.contains("title:"), "{}", a.text);
}

#[test]
fn rtl_text_is_left_alone() {
    let a = load_path(&dir().join("rtl-legitimate.txt"), &LoadOptions::default()).unwrap();
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

/// Builds the big inputs of the catalogue's "generated" table (smaller unless `QUOTH_STRESS`).
fn generated(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let stress = std::env::var_os("QUOTH_STRESS").is_some();
    let scale = |n: usize| if stress { n } else { n / 10 };
    let mut out = Vec::new();
    let mut write = |name: &'static str, bytes: Vec<u8>| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        out.push((name, p));
    };
    let mut big = b"Ten mebibytes in one paragraph\n\n".to_vec();
    while big.len() < 10 * 1024 * 1024 {
        big.extend_from_slice(b"The quick brown fox jumps over the lazy dog. ");
    }
    write("gen-10mib-paragraph.txt", big);
    let mut many = b"A million paragraphs\n\n".to_vec();
    for _ in 0..scale(1_000_000) {
        many.extend_from_slice(b"P.\n\n");
    }
    write("gen-million-paragraphs.txt", many);
    let mut opens = b"100,000 opening quote marks\n\n".to_vec();
    for _ in 0..100_000 {
        opens.extend_from_slice("“".as_bytes());
    }
    write("gen-100k-open-quotes.txt", opens);
    let mut straight = b"100,000 straight quote marks\n\n".to_vec();
    straight.extend(std::iter::repeat_n(b'"', 100_000));
    write("gen-100k-straight-quotes.txt", straight);
    let mut pairs = b"100,000 quoted words\n\n".to_vec();
    for _ in 0..scale(100_000) {
        pairs.extend_from_slice("“Yes,” said Ann Lee. ".as_bytes());
    }
    write("gen-100k-quote-pairs.txt", pairs);
    let mut nested = b"50,000 nested quote levels\n\n".to_vec();
    for _ in 0..25_000 {
        nested.extend_from_slice("“‘".as_bytes());
    }
    nested.push(b'x');
    for _ in 0..25_000 {
        nested.extend_from_slice("’”".as_bytes());
    }
    write("gen-nested-quotes-50k.txt", nested);
    let mut csi = b"A CSI with a million parameters\n\n\x1b[".to_vec();
    for _ in 0..500_000 {
        csi.extend_from_slice(b"1;");
    }
    csi.extend_from_slice(b"m visible");
    write("gen-long-csi.txt", csi);
    let mut zalgo = b"One grapheme of 1 MiB\n\na".to_vec();
    for _ in 0..scale(524_288) {
        zalgo.extend_from_slice("\u{301}".as_bytes());
    }
    write("gen-zalgo-1mib.txt", zalgo);
    let mut deep = br#"{"title": "Deep", "body": "#.to_vec();
    deep.extend(std::iter::repeat_n(b'[', 100_000));
    deep.extend(std::iter::repeat_n(b']', 100_000));
    deep.push(b'}');
    write("gen-deep-json.json", deep);
    out
}

#[test]
fn generated_big_inputs_open_without_panics() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, path) in generated(tmp.path()) {
        match load_path(&path, &LoadOptions::default()) {
            Ok(a) => {
                assert_clean(name, "text", &a.text);
                let ex = quoth::extract::extract(&a);
                assert!(
                    ex.quotes.windows(2).all(|w| w[0].extent.start <= w[1].extent.start),
                    "{name}: quotes unsorted"
                );
                // The first screen lays out without wrapping everything.
                let layout = Layout::new(Arc::new(a), 80);
                let (_, moved) = layout.step_down(Layout::block_first_row(0), 40);
                assert!(moved > 0 || layout.block_count() <= 1, "{name}");
            }
            Err(e) => {
                assert_eq!(name, "gen-deep-json.json", "{name} refused: {e}");
                assert!(e.to_string().contains("recursion limit"), "{e}");
            }
        }
    }
}

#[test]
fn over_the_size_limit_is_refused_without_reading() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("gen-over-limit.txt");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(64 * 1024 * 1024 + 1).unwrap();
    let e = load_path(&p, &LoadOptions::default()).unwrap_err();
    assert!(e.to_string().contains("over the limit of 67108864 bytes"), "{e}");
}
