//! Property tests for re-anchoring bookmarks and reading positions: random articles, random
//! passages (whole paragraphs or a run of words), random edits around and inside them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use quoth::article::{Article, Format};
use quoth::span::Span;
use quoth::store::{Anchor, Bookmark, BookmarkId, Position, anchor, anchor_position, resume_offset};
use std::path::Path;

/// An article as paragraphs of words; the text is built the way the plain parser lays it out.
#[derive(Clone, Debug)]
struct Doc {
    paragraphs: Vec<Vec<String>>,
}

impl Doc {
    fn text(&self) -> String {
        let mut t = String::from("Headline of the story");
        for p in &self.paragraphs {
            t.push_str("\n\n");
            t.push_str(&p.join(" "));
            t.push('.');
        }
        t
    }

    fn article(&self) -> Article {
        let a = Article::from_str_format(&self.text(), Format::Plain).unwrap();
        assert_eq!(a.text, self.text(), "the parser keeps this text as it is");
        a
    }

    /// The span of words `from..to` of paragraph `k` (the whole paragraph, with its final
    /// full stop, when the range covers every word).
    fn span(&self, k: usize, from: usize, to: usize) -> Span {
        let mut at = "Headline of the story".len();
        for p in &self.paragraphs[..k] {
            at += 2 + p.join(" ").len() + 1;
        }
        at += 2;
        let p = &self.paragraphs[k];
        let start = at + p[..from].iter().map(|w| w.len() + 1).sum::<usize>();
        let mut end = start + p[from..to].join(" ").len();
        if to == p.len() {
            end += 1;
        }
        Span::new(start, end)
    }
}

fn word() -> impl Strategy<Value = String> {
    "[a-z]{3,9}"
}

fn paragraph() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(word(), 8..30)
}

fn doc() -> impl Strategy<Value = Doc> {
    prop::collection::vec(paragraph(), 3..7).prop_map(|paragraphs| Doc { paragraphs })
}

/// A document, a paragraph in it, and a run of words in that paragraph (often all of them).
fn passage() -> impl Strategy<Value = (Doc, usize, usize, usize)> {
    doc().prop_flat_map(|d| {
        let n = d.paragraphs.len();
        (Just(d), 0..n).prop_flat_map(|(d, k)| {
            let len = d.paragraphs[k].len();
            let whole = Just((0, len)).boxed();
            let part = (0..len / 2, len / 2 + 1..=len).boxed();
            (Just(d), Just(k), prop_oneof![whole, part]).prop_map(|(d, k, (from, to))| (d, k, from, to))
        })
    })
}

fn bookmark(doc: &Doc, k: usize, from: usize, to: usize) -> (Bookmark, String) {
    let a = doc.article();
    let span = doc.span(k, from, to);
    let b = Bookmark::new(BookmarkId("p".into()), &a, Path::new("a.txt"), span);
    assert_eq!(b.span, span);
    (b, span.slice(&a.text).to_owned())
}

/// An edit that does not touch paragraph `k`.
#[derive(Clone, Debug)]
enum Outside {
    ReplaceWord { para: usize, word: usize, with: String },
    InsertParagraph { at: usize, words: Vec<String> },
    DeleteParagraph { para: usize },
}

fn outside() -> impl Strategy<Value = Outside> {
    prop_oneof![
        (any::<usize>(), any::<usize>(), word()).prop_map(|(para, word, with)| Outside::ReplaceWord {
            para,
            word,
            with
        }),
        (any::<usize>(), paragraph()).prop_map(|(at, words)| Outside::InsertParagraph { at, words }),
        any::<usize>().prop_map(|para| Outside::DeleteParagraph { para }),
    ]
}

/// Applies an edit outside paragraph `k`; returns the passage paragraph's new index.
fn apply_outside(doc: &mut Doc, k: usize, edit: &Outside) -> usize {
    let n = doc.paragraphs.len();
    match edit {
        Outside::ReplaceWord { para, word, with } => {
            let p = para % n;
            if p != k {
                let w = word % doc.paragraphs[p].len();
                doc.paragraphs[p][w].clone_from(with);
            }
            k
        }
        Outside::InsertParagraph { at, words } => {
            let at = at % (n + 1);
            doc.paragraphs.insert(at, words.clone());
            if at <= k { k + 1 } else { k }
        }
        Outside::DeleteParagraph { para } => {
            let p = para % n;
            if p == k {
                return k;
            }
            doc.paragraphs.remove(p);
            if p < k { k - 1 } else { k }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    /// Edits elsewhere in the article never move a bookmark off its passage.
    #[test]
    fn edits_outside_keep_the_passage(
        (doc, k, from, to) in passage(),
        edits in prop::collection::vec(outside(), 1..4),
    ) {
        let (b, text) = bookmark(&doc, k, from, to);
        let mut new = doc.clone();
        let mut k2 = k;
        for e in &edits {
            k2 = apply_outside(&mut new, k2, e);
        }
        let a = new.article();
        let got = anchor(&b, &a);
        let want = new.span(k2, from, to);
        prop_assert_eq!(got.span(), Some(want), "{:?}", got);
        prop_assert_eq!(want.slice(&a.text), text.as_str());
        if a.fingerprint() == b.fingerprint {
            prop_assert_eq!(got, Anchor::Exact(want));
        }
    }

    /// A word changed inside a passage of 30 bytes or more (shorter ones are a few words, too
    /// little to place by pieces): the passage is still found, inside its paragraph; when the
    /// change is away from both ends, exactly.
    #[test]
    fn edit_inside_is_reanchored(
        (doc, k, from, to) in passage(),
        pick in any::<usize>(),
        with in "[A-Z]{2,12}",
    ) {
        prop_assume!(to - from >= 4);
        let (b, _) = bookmark(&doc, k, from, to);
        prop_assume!(b.span.len() >= 30);
        let mut new = doc.clone();
        let w = from + pick % (to - from);
        new.paragraphs[k][w] = with;
        let a = new.article();
        let want = new.span(k, from, to);
        let got = anchor(&b, &a);
        let Anchor::Reanchored(span) = got else {
            return Err(TestCaseError::fail(format!("{got:?}, want {want:?}")));
        };
        let paragraph = new.span(k, 0, new.paragraphs[k].len());
        prop_assert!(paragraph.contains_span(span), "{:?} outside {:?}", span, paragraph);
        let shared = span.intersect(want).map_or(0, Span::len);
        prop_assert!(shared * 2 >= want.len(), "{:?} vs {:?}", span, want);
        // Away from the first and last probe (each at most 48 bytes), exact.
        let edit = new.span(k, w, w + 1);
        if edit.start >= want.start + 48 + 16 && edit.end + 48 + 16 <= want.end {
            prop_assert_eq!(span, want);
        }
    }

    /// Case and typographic changes inside the passage are found by the folded search.
    #[test]
    fn case_changes_are_found((doc, k, from, to) in passage()) {
        let (b, _) = bookmark(&doc, k, from, to);
        let mut new = doc.clone();
        for w in &mut new.paragraphs[k] {
            *w = w.to_uppercase();
        }
        let a = new.article();
        prop_assert_eq!(anchor(&b, &a), Anchor::Reanchored(new.span(k, from, to)));
    }

    /// A deleted passage is lost (and so shown flagged), never placed somewhere else.
    #[test]
    fn deleted_passage_is_lost((doc, k, from, to) in passage()) {
        prop_assume!(doc.paragraphs.len() > 1);
        let (b, _) = bookmark(&doc, k, from, to);
        let mut new = doc.clone();
        new.paragraphs.remove(k);
        prop_assert_eq!(anchor(&b, &new.article()), Anchor::Lost);
    }

    /// Reading positions follow their text through edits before them.
    #[test]
    fn positions_follow_edits(
        (doc, k, from, _to) in passage(),
        edits in prop::collection::vec(outside(), 1..4),
    ) {
        let a = doc.article();
        let at = doc.span(k, from, from + 1).start;
        let p = Position::new(&a, Path::new("a.txt"), at);
        let mut new = doc.clone();
        let mut k2 = k;
        for e in &edits {
            k2 = apply_outside(&mut new, k2, e);
        }
        let a2 = new.article();
        prop_assert_eq!(anchor_position(&p, &a2), Some(new.span(k2, from, from + 1).start));
    }

    /// Any text, any stored span and excerpt: no panic, and what comes back is inside the text
    /// on char boundaries.
    #[test]
    fn never_panics_and_stays_on_char_boundaries(
        old in "\\PC{0,200}",
        new in "(\\PC|\\s){0,300}",
        start in 0usize..400,
        len in 0usize..400,
        excerpt in "\\PC{0,80}",
        offset in 0usize..400,
    ) {
        let Ok(a_old) = Article::from_str_format(&format!("T\n\n{old}"), Format::Plain) else {
            return Ok(());
        };
        let Ok(a_new) = Article::from_str_format(&format!("T\n\n{new}"), Format::Plain) else {
            return Ok(());
        };
        let mut b = Bookmark::new(BookmarkId("x".into()), &a_old, Path::new("p"), Span::new(start, start + len));
        if let Some(span) = anchor(&b, &a_new).span() {
            prop_assert!(span.end <= a_new.text.len() && span.slice(&a_new.text).len() == span.len());
        }
        b.excerpt = excerpt.clone();
        b.span = Span::new(start, start + len);
        if let Some(span) = anchor(&b, &a_new).span() {
            prop_assert!(span.end <= a_new.text.len() && span.slice(&a_new.text).len() == span.len());
        }
        let mut p = Position::new(&a_old, Path::new("p"), offset);
        for pos in [p.clone(), { p.excerpt = excerpt; p.offset = offset; p }] {
            if let Some(at) = anchor_position(&pos, &a_new) {
                prop_assert!(a_new.text.is_char_boundary(at));
            }
            prop_assert!(a_new.text.is_char_boundary(resume_offset(&pos, &a_new)));
        }
    }
}
