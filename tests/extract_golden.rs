//! Golden tests: every invented article in `tests/fixtures/extract/` is extracted and
//! rendered as readable text (speakers, then one line per quote with kind, speaker, rule,
//! confidence, cue and words, then terms), and the rendering is compared with its insta
//! snapshot in `tests/snapshots/`. Review changes with `cargo insta review` (or set
//! `INSTA_UPDATE=always` and read the diff in git).

use quoth::article::{Article, Format};
use quoth::extract::{Extraction, QuoteKind, extract};
use std::fmt::Write as _;
use std::path::Path;

fn render(article: &Article, ex: &Extraction) -> String {
    let text = &article.text;
    let mut out = String::from("speakers:\n");
    for s in &ex.speakers {
        let kind = format!("{:?}", s.kind).to_lowercase();
        let _ = write!(out, "  {} ({kind}", s.name);
        if let Some(role) = &s.role {
            let _ = write!(out, ", {role}");
        }
        out.push(')');
        if !s.aliases.is_empty() {
            let _ = write!(out, " aka {}", s.aliases.join(" / "));
        }
        let _ = writeln!(out, ", named {} time(s)", s.mentions.len());
    }
    out.push_str("quotes:\n");
    for q in &ex.quotes {
        let kind = match q.kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        };
        let indent = if q.parent.is_some() { "    " } else { "  " };
        let speaker = ex.speaker_name(q).unwrap_or("(unattributed)");
        let conf = format!("{:?}", q.confidence).to_lowercase();
        let _ = write!(out, "{indent}{kind:<8} {speaker} · {} · {conf}", q.rule.id());
        if let Some(cue) = q.cue {
            let _ = write!(out, " · cue {:?}", cue.slice(text));
        }
        if let Some(m) = q.mention {
            let _ = write!(out, " · by {:?}", m.slice(text));
        }
        let _ = writeln!(out, "\n{indent}  «{}»", q.text(text));
    }
    out.push_str("terms:\n");
    for t in &ex.terms {
        let _ = writeln!(out, "  «{}»", t.slice(text));
    }
    out
}

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        panic!("missing {}", dir.display());
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        let Ok(raw) = std::fs::read_to_string(&path) else {
            panic!("cannot read {}", path.display());
        };
        let Ok(article) = Article::from_str_format(&raw, Format::Plain) else {
            panic!("cannot parse {}", path.display());
        };
        let ex = extract(&article);
        assert_eq!(ex.validate(&article.text), Ok(()), "{}", path.display());
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        insta::assert_snapshot!(name, render(&article, &ex));
    }
}
