//! Property tests: extraction never panics, and whatever the input, its output keeps the
//! invariants of [`Extraction::validate`] (spans on char boundaries inside the text, quotes
//! sorted and overlapping only when nested, speakers only above the threshold).
//!
//! Inputs: arbitrary UTF-8; text made mostly of quote marks, apostrophes, spaces and line
//! breaks; and "newsy" word salad of names, cue verbs, titles, pronouns and marks, which
//! reaches the attribution sieves far more often than random text does.

use proptest::prelude::*;
use quoth::article::{Article, Block, BlockKind, Format, Meta};
use quoth::extract::{Extraction, extract, extract_text};
use quoth::span::Span;

/// Pieces that exercise the quote-mark stage.
const MARKS: &[&str] = &[
    "\"", "'", "''", "“", "”", "‘", "’", "«", "»", "‹", "›", "„", "``", " ", " ", "\n", "\n\n", "a", "s", "n", "We",
    ".", ",", ":", "—", "(", ")", "é", "’s", "’90s", "O’",
];

/// Words that exercise mentions, cues and sieves.
const WORDS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "according",
    "to",
    "he",
    "she",
    "they",
    "it",
    "I",
    "Mr.",
    "Sen.",
    "Dr",
    "President",
    "Ann",
    "Lee",
    "Ann Lee",
    "Kimura",
    "Grace",
    "the",
    "minister",
    "spokeswoman",
    "for",
    "of",
    "Ministry",
    "Transport",
    "police",
    "a",
    "that",
    "who",
    "and",
    "“",
    "”",
    "\"",
    "’",
    "‘",
    ",",
    ".",
    ":",
    "—",
    "-",
    "\n\n",
    "called",
    "so-called",
    "dubbed",
    "in",
    "statement",
    "on",
    "Tuesday",
    "al-Falasi",
    "bin",
    "O’Neill",
    "farmers’",
    "’90s",
    "CNN",
    "reporters",
    "saying",
    "was",
    "asked",
    "?",
    "!",
    "(",
    ")",
    "U.S.",
    "J.",
    "1.5",
];

/// How pieces are put together.
#[derive(Clone, Copy)]
enum Joiner {
    Glued,
    Spaced,
}

fn joined(pieces: &'static [&'static str], max: usize, joiner: Joiner) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..max).prop_map(move |v| {
        let mut s = String::new();
        for (i, p) in v.iter().enumerate() {
            if i > 0 && matches!(joiner, Joiner::Spaced) {
                s.push(' ');
            }
            s.push_str(p);
        }
        s
    })
}

#[track_caller]
fn holds(text: &str, ex: &Extraction) {
    if let Err(e) = ex.validate(text) {
        panic!("{e} in {text:?}\n{ex:#?}");
    }
}

/// An article over `text` with blocks cut at arbitrary byte offsets (possibly inside a
/// character): `extract` must cope with malformed spans too.
fn raw_article(text: String, cuts: &[usize]) -> Article {
    let mut blocks = Vec::new();
    let mut at = 0;
    for &c in cuts {
        let end = c.min(text.len());
        if end > at {
            blocks.push(Block { kind: BlockKind::Paragraph, span: Span::new(at, end), list_depth: 0, quote_depth: 0 });
            at = end;
        }
    }
    blocks.push(Block { kind: BlockKind::Paragraph, span: Span::new(at, text.len()), list_depth: 0, quote_depth: 0 });
    Article::from_blocks(Meta::default(), text, blocks, Format::Plain)
}

proptest! {
    // 400 cases by default; more with PROPTEST_CASES=… for a longer run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
    ))]

    #[test]
    fn any_utf8(text in any::<String>()) {
        holds(&text, &extract_text(&text));
    }

    #[test]
    fn mark_heavy(text in joined(MARKS, 300, Joiner::Glued)) {
        holds(&text, &extract_text(&text));
    }

    #[test]
    fn newsy_word_salad(text in joined(WORDS, 200, Joiner::Spaced)) {
        holds(&text, &extract_text(&text));
    }

    #[test]
    fn earlier_documents_never_change_a_result(
        earlier in joined(WORDS, 120, Joiner::Spaced),
        text in joined(WORDS, 120, Joiner::Spaced),
    ) {
        // The extractor keeps name caches from one document to the next on a thread: the
        // second document must come out exactly as it does on a fresh thread.
        let alone = {
            let text = text.clone();
            std::thread::spawn(move || extract_text(&text)).join()
        };
        let _ = extract_text(&earlier);
        let after = extract_text(&text);
        prop_assert!(alone.is_ok_and(|alone| alone == after));
    }

    #[test]
    fn parsed_articles(text in joined(WORDS, 150, Joiner::Spaced)) {
        if let Ok(article) = Article::from_str_format(&format!("Headline\n\n{text}"), Format::Plain) {
            holds(&article.text, &extract(&article));
        }
    }

    #[test]
    fn blocks_cut_anywhere(text in joined(MARKS, 120, Joiner::Glued), cuts in prop::collection::vec(0usize..400, 0..6)) {
        let mut cuts = cuts;
        cuts.sort_unstable();
        let article = raw_article(text, &cuts);
        holds(&article.text, &extract(&article));
    }
}

#[test]
fn long_runs_stay_fast() {
    // Pathological shapes: one huge sentence of names, thousands of marks, a capitalised run.
    let names = "Ann Lee said, ".repeat(20_000);
    let marks = "“a ".repeat(20_000);
    let caps = "Alpha ".repeat(50_000);
    let apostrophes = "the farmers’ ".repeat(20_000);
    for text in [names, marks, caps, apostrophes] {
        let start = std::time::Instant::now();
        let ex = extract_text(&text);
        holds(&text, &ex);
        assert!(start.elapsed().as_secs() < 20, "{} bytes took {:?}", text.len(), start.elapsed());
    }
}
