//! Finding a bookmark or a reading position again in an article that may have been edited.
//!
//! Pure functions over `Article::text`. The stored span is trusted only when the fingerprint
//! matches and the excerpt is still there. Otherwise the passage is searched for, in stages that
//! tolerate more and more change:
//!
//! 1. the excerpt verbatim;
//! 2. the excerpt "folded": whitespace runs collapsed, case and typographic quotes, dashes and
//!    ellipses normalised, with a map from folded bytes back to the text's bytes;
//! 3. probes: the folded excerpt cut into short pieces. Two pieces that both match, in the
//!    passage's order and at a plausible distance, place it: the earlier gives the start, the
//!    later the end. So words changed inside the passage, or at one end, do not lose it; the
//!    bounds are then moved to word boundaries within one paragraph.
//!
//! Where the passage occurs more than once, the candidate whose surroundings match the stored
//! context best wins, then the one nearest the old offset. All offsets returned are on char
//! boundaries of the text; nothing here can panic on any input.

use super::{Anchor, Bookmark, Position};
use super::{ceil_boundary, floor_boundary};
use crate::article::Article;
use crate::span::Span;
use std::cell::OnceCell;

/// Matches kept per search; past this a string is too common to place anything.
const MAX_MATCHES: usize = 4096;
/// A probe matching more often than this says nothing about where the passage is.
const MAX_PROBE_MATCHES: usize = 16;
/// Excerpts shorter than this (folded bytes) are not matched by probes: their pieces would be
/// a couple of words, found all over any article.
const FUZZY_MIN: usize = 30;
/// Most probes cut from one excerpt (24 of 48 bytes cover the longest excerpt kept).
const MAX_PROBES: usize = 24;

/// Finds a bookmark in an article: `Exact` when the fingerprint matches and the excerpt is at
/// the stored span; `Reanchored` where the excerpt was found again; `Lost` otherwise. A lost
/// bookmark is still a bookmark: show it flagged, never drop it.
///
/// ```
/// use quoth::article::{Article, Format};
/// use quoth::span::Span;
/// use quoth::store::{anchor, Anchor, Bookmark, BookmarkId};
/// let old = Article::from_str_format("T\n\nThe vote was close.", Format::Plain).unwrap();
/// let b = Bookmark::new(BookmarkId("x".into()), &old, "a.txt".as_ref(), Span::new(3, 22));
/// assert_eq!(anchor(&b, &old), Anchor::Exact(Span::new(3, 22)));
/// let new = Article::from_str_format("T\n\nUpdate.\n\nThe vote was close.", Format::Plain).unwrap();
/// assert_eq!(anchor(&b, &new), Anchor::Reanchored(Span::new(12, 31)));
/// ```
pub fn anchor(b: &Bookmark, article: &Article) -> Anchor {
    anchor_with(b, article, &OnceCell::new())
}

/// [`anchor`] for many bookmarks of one article: the folded text is built at most once.
pub fn anchor_all<'a>(bookmarks: impl IntoIterator<Item = &'a Bookmark>, article: &Article) -> Vec<Anchor> {
    let folded = OnceCell::new();
    bookmarks.into_iter().map(|b| anchor_with(b, article, &folded)).collect()
}

fn anchor_with(b: &Bookmark, article: &Article, folded: &OnceCell<Folded>) -> Anchor {
    let text = article.text.as_str();
    let same_text = b.fingerprint == article.fingerprint();
    if b.excerpt.trim().is_empty() {
        // Nothing to search for: only the stored span of the same text can be trusted.
        let valid = b.span.end <= text.len() && b.span.slice(text).len() == b.span.len();
        return if same_text && valid { Anchor::Exact(b.span) } else { Anchor::Lost };
    }
    if excerpt_at(text, b) {
        return if same_text { Anchor::Exact(b.span) } else { Anchor::Reanchored(b.span) };
    }
    let head = b.excerpt.trim();
    let tail = b.excerpt_end.trim();
    let parts = Parts { head, tail, len: b.span.len(), before: &b.context_before, after: &b.context_after };
    if let Some(found) = find_exact(text, &parts, b.span.start) {
        return reanchored(text, found);
    }
    let hay = folded.get_or_init(|| fold(text));
    let (head, tail) = (fold_str(head), fold_str(tail));
    let (before, after) = (fold_str(&b.context_before), fold_str(&b.context_after));
    let parts = Parts { head: head.trim(), tail: tail.trim(), len: b.span.len(), before: &before, after: &after };
    let expected = hay.to_folded(b.span.start);
    if let Some(found) = find_exact(&hay.text, &parts, expected).and_then(|f| hay.to_original(f)) {
        return reanchored(text, found);
    }
    // A long passage's excerpt leaves out its middle, which may hold paragraph breaks.
    let one_block = !b.is_truncated() && !b.excerpt.contains("\n\n");
    find_fuzzy(&hay.text, &parts, expected)
        .and_then(|f| hay.to_original(f))
        .map_or(Anchor::Lost, |found| reanchored(text, settle(text, found, one_block)))
}

/// Tidies the bounds of a passage placed by probes, which are only as exact as the edits
/// allow: a passage that was within one paragraph keeps to the longest paragraph piece of the
/// span, and both ends move to the nearest word boundary.
fn settle(text: &str, found: Span, one_block: bool) -> Span {
    let (mut start, mut end) = (found.start, found.end);
    if one_block {
        let mut best = (start, start);
        let mut at = start;
        for piece in Span::new(start, end).slice(text).split("\n\n") {
            if piece.len() > best.1 - best.0 {
                best = (at, at + piece.len());
            }
            at += piece.len() + 2;
        }
        (start, end) = best;
    }
    let s = nearest(text, start, is_word_start);
    let e = nearest(text, end, is_word_end);
    if s < e { Span::new(s, e) } else { Span::new(start, end) }
}

/// The offset nearest `at` (within a few words, preferring the earlier one on a tie) where
/// `ok` holds; `at` itself when there is none.
fn nearest(text: &str, at: usize, ok: impl Fn(&str, usize) -> bool) -> usize {
    const REACH: usize = 24;
    for d in 0..=REACH {
        for i in [at.checked_sub(d), at.checked_add(d)].into_iter().flatten() {
            if i <= text.len() && text.is_char_boundary(i) && ok(text, i) {
                return i;
            }
        }
    }
    at
}

fn is_word_start(text: &str, i: usize) -> bool {
    let prev = text.get(..i).and_then(|t| t.chars().next_back());
    let next = text.get(i..).and_then(|t| t.chars().next());
    next.is_some_and(|c| !c.is_whitespace()) && prev.is_none_or(char::is_whitespace)
}

fn is_word_end(text: &str, i: usize) -> bool {
    let prev = text.get(..i).and_then(|t| t.chars().next_back());
    let next = text.get(i..).and_then(|t| t.chars().next());
    prev.is_some_and(|c| !c.is_whitespace()) && next.is_none_or(char::is_whitespace)
}

/// True when the stored span still holds the excerpt (and, for a long passage, its end).
fn excerpt_at(text: &str, b: &Bookmark) -> bool {
    let at = b.span.slice(text);
    if at.len() != b.span.len() {
        return false;
    }
    if b.excerpt_end.is_empty() { at == b.excerpt } else { at.starts_with(&b.excerpt) && at.ends_with(&b.excerpt_end) }
}

fn reanchored(text: &str, found: Span) -> Anchor {
    let span = found.clamp_to(text).trim(text);
    if span.is_empty() { Anchor::Lost } else { Anchor::Reanchored(span) }
}

/// Finds a saved reading position in an article: the stored offset when the excerpt is still
/// there, else where the excerpt (or its start) is found nearest the old offset; `None` when
/// lost. [`resume_offset`] always gives somewhere to start.
///
/// ```
/// use quoth::article::{Article, Format};
/// use quoth::store::{anchor_position, Position};
/// let old = Article::from_str_format("T\n\nOne two three.", Format::Plain).unwrap();
/// let p = Position::new(&old, "a.txt".as_ref(), 7);
/// assert_eq!(anchor_position(&p, &old), Some(7));
/// let new = Article::from_str_format("T\n\nZero. One two three.", Format::Plain).unwrap();
/// assert_eq!(anchor_position(&p, &new), Some(13));
/// ```
pub fn anchor_position(p: &Position, article: &Article) -> Option<usize> {
    let text = article.text.as_str();
    let same_text = p.fingerprint == article.fingerprint();
    let excerpt = p.excerpt.trim();
    if excerpt.is_empty() {
        return (same_text && text.is_char_boundary(p.offset)).then_some(p.offset);
    }
    if text.get(p.offset..).is_some_and(|t| t.starts_with(&p.excerpt)) {
        return Some(p.offset);
    }
    let parts = Parts { head: excerpt, tail: "", len: excerpt.len(), before: "", after: "" };
    if let Some(found) = find_exact(text, &parts, p.offset) {
        return Some(found.start);
    }
    let hay = fold(text);
    let folded = fold_str(excerpt);
    let head = folded.trim();
    let parts = Parts { head, tail: "", len: head.len(), before: "", after: "" };
    let expected = hay.to_folded(p.offset);
    let found =
        find_exact(&hay.text, &parts, expected).map(|f| f.start).or_else(|| probe_start(&hay.text, head, expected))?;
    let at = hay.to_original(Span::new(found, found.saturating_add(1)))?.start;
    Some(nearest(text, at, is_word_start))
}

/// Where a start probe of `head` places it in `hay`, nearest `expected`: the first probe (from
/// the start) that is found and is not too common decides. A reading position needs no end.
fn probe_start(hay: &str, head: &str, expected: usize) -> Option<usize> {
    if head.len() < FUZZY_MIN / 2 {
        return None;
    }
    // The earliest probe found decides: its implied start is the most exact.
    let mut found: Vec<Hit> = hits(hay, head, 0, true, false);
    found.sort_by_key(|h| (h.probe, h.start.map_or(usize::MAX, |s| s.abs_diff(expected))));
    found.first().and_then(|h| h.start)
}

/// Where to start reading an article with a saved position: the anchored offset, else the
/// start of the block at the same proportion of the text. Always a char boundary of the text.
///
/// ```
/// use quoth::article::{Article, Format};
/// use quoth::store::{resume_offset, Position};
/// let a = Article::from_str_format("T\n\nOne two.\n\nThree four.", Format::Plain).unwrap();
/// let mut p = Position::new(&a, "a.txt".as_ref(), 20);
/// p.excerpt = "gone".into();
/// assert_eq!(resume_offset(&p, &a), 13);
/// ```
pub fn resume_offset(p: &Position, article: &Article) -> usize {
    if let Some(at) = anchor_position(p, article) {
        return at;
    }
    let text = article.text.as_str();
    // The same proportion of the new text, in integers (a u128 product cannot overflow).
    let share = (p.offset.min(p.text_len) as u128 * text.len() as u128) / p.text_len.max(1) as u128;
    let guess = floor_boundary(text, usize::try_from(share).unwrap_or(text.len()));
    article.block_at(guess).and_then(|i| article.blocks.get(i)).map_or(guess, |b| b.span.start.min(guess))
}

/// What is searched for, in the coordinates of one haystack (the text, or its folded form).
struct Parts<'a> {
    /// The excerpt (its beginning for a long passage). Never empty when searched for.
    head: &'a str,
    /// The passage's end for a long passage; empty when `head` is the whole passage.
    tail: &'a str,
    /// The passage's old length in bytes.
    len: usize,
    before: &'a str,
    after: &'a str,
}

/// Start offsets of `needle` in `hay`, overlapping ones included, at most `max`.
fn occurrences(hay: &str, needle: &str, max: usize) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut from = 0;
    while out.len() < max {
        let Some(i) = hay.get(from..).and_then(|h| h.find(needle)) else {
            break;
        };
        let at = from + i;
        out.push(at);
        // Step one char, not one match, so that overlapping occurrences are seen too.
        let step = hay.get(at..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8);
        from = at + step;
    }
    out
}

/// The passage found verbatim (in this haystack), best candidate first.
fn find_exact(hay: &str, p: &Parts, expected: usize) -> Option<Span> {
    if p.head.is_empty() {
        return None;
    }
    let starts = occurrences(hay, p.head, MAX_MATCHES);
    let candidates: Vec<Candidate> = if p.tail.is_empty() {
        starts.iter().map(|&s| Candidate::exact(s, s + p.head.len())).collect()
    } else {
        let ends: Vec<usize> = occurrences(hay, p.tail, MAX_MATCHES).into_iter().map(|i| i + p.tail.len()).collect();
        starts
            .iter()
            .filter_map(|&s| {
                let shortest = s + p.head.len().max(p.tail.len());
                ends.iter()
                    .copied()
                    .filter(|&e| e >= shortest && e - s <= plausible_max(p.len))
                    .min_by_key(|&e| (e - s).abs_diff(p.len))
                    .map(|e| Candidate::exact(s, e))
            })
            .collect()
    };
    best(hay, &candidates, p, expected)
}

/// The longest a passage of `len` bytes may have grown to by editing and still be recognised.
fn plausible_max(len: usize) -> usize {
    len.saturating_mul(3).saturating_add(64)
}

/// Probe length for an excerpt of `n` bytes: about an eighth of it, at least four bytes (about
/// a word) and at most 48, so that [`MAX_PROBES`] of them cover the longest excerpt.
fn probe_len(n: usize) -> usize {
    (n / 8).clamp(4, 48)
}

/// `s` (folded: words separated by single spaces) cut at spaces into consecutive probes of at
/// least `len` bytes, whole words each, so that one changed word spoils one probe, not two:
/// (offset in `s`, probe). A short leftover at the end is a probe of its own (one that is
/// found too often is ignored later); a word longer than a probe is one probe.
fn probes(s: &str, len: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in s.match_indices(' ').chain(std::iter::once((s.len(), ""))) {
        if out.len() == MAX_PROBES {
            break;
        }
        if i >= start + len || i == s.len() {
            if let Some(piece) = s.get(start..i).filter(|p| !p.trim().is_empty()) {
                out.push((start, piece));
            }
            start = i + 1;
        }
    }
    out
}

/// One probe match: the passage bounds it implies, which probe it is (in passage order) and
/// where it matched.
#[derive(Clone, Copy, Debug)]
struct Hit {
    /// The passage start this match implies (head probes only).
    start: Option<usize>,
    /// The passage end this match implies (the last piece's probes only).
    end: Option<usize>,
    probe: usize,
    at: usize,
    at_end: usize,
}

/// Every match of every probe of `s`, with the bounds they imply. `starts`: the probes give the
/// passage start (their offset in `s` is from the start). `ends`: they give the end.
fn hits(hay: &str, s: &str, first_probe: usize, starts: bool, ends: bool) -> Vec<Hit> {
    let mut out = Vec::new();
    for (i, (c, probe)) in probes(s, probe_len(s.len())).into_iter().enumerate() {
        let m = occurrences(hay, probe, MAX_PROBE_MATCHES + 1);
        if m.len() > MAX_PROBE_MATCHES {
            continue;
        }
        let after = s.len() - (c + probe.len());
        out.extend(m.into_iter().map(|at| Hit {
            start: if starts { at.checked_sub(c).map(|x| floor_boundary(hay, x)) } else { None },
            end: ends.then(|| ceil_boundary(hay, at + probe.len() + after)),
            probe: first_probe + i,
            at,
            at_end: at + probe.len(),
        }));
    }
    out
}

/// A place the passage may be. Exact searches leave `coverage` and `inexact` at 0.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    start: usize,
    end: usize,
    /// Bytes of the excerpt's probes found inside the candidate.
    coverage: usize,
    /// How far from the passage's ends the probes giving its bounds are.
    inexact: usize,
}

impl Candidate {
    fn exact(start: usize, end: usize) -> Candidate {
        Candidate { start, end, coverage: 0, inexact: 0 }
    }
}

/// The passage placed by probes: an earlier probe giving its start and a later one its end,
/// matched in the passage's order and at a plausible distance, with at least half of all the
/// probes' bytes found between them. Any words around or between them may have changed. The
/// half keeps a couple of common words that happen to follow each other elsewhere from
/// placing a deleted passage. Excerpts under [`FUZZY_MIN`] bytes are not placed this way.
fn find_fuzzy(hay: &str, p: &Parts, expected: usize) -> Option<Span> {
    let all = if p.tail.is_empty() {
        if p.head.len() < FUZZY_MIN {
            return None;
        }
        hits(hay, p.head, 0, true, true)
    } else {
        let mut h = hits(hay, p.head, 0, true, false);
        h.extend(hits(hay, p.tail, MAX_PROBES, false, true));
        h
    };
    let total = probe_bytes(p.head) + probe_bytes(p.tail);
    // Per probe: its length and where it matched (sorted), to measure coverage.
    let mut by_probe: std::collections::BTreeMap<usize, (usize, Vec<usize>)> = std::collections::BTreeMap::new();
    for h in &all {
        let entry = by_probe.entry(h.probe).or_insert((h.at_end - h.at, Vec::new()));
        entry.1.push(h.at);
    }
    let last = all.iter().map(|h| h.probe).max().unwrap_or(0);
    let mut candidates = Vec::new();
    for s in &all {
        let Some(start) = s.start else { continue };
        for e in &all {
            let Some(end) = e.end else { continue };
            if s.probe >= e.probe || s.at_end > e.at || end <= start || end - start > plausible_max(p.len) {
                continue;
            }
            let coverage: usize = by_probe
                .values()
                .filter(|(len, ats)| {
                    let from = ats.partition_point(|&a| a < s.at);
                    ats.get(from).is_some_and(|&a| a + len <= e.at_end)
                })
                .map(|(len, _)| len)
                .sum();
            if coverage * 2 >= total {
                candidates.push(Candidate { start, end, coverage, inexact: s.probe + (last - e.probe) });
            }
        }
    }
    best(hay, &candidates, p, expected)
}

/// Bytes in all the probes of `s`.
fn probe_bytes(s: &str) -> usize {
    if s.is_empty() {
        return 0;
    }
    probes(s, probe_len(s.len())).iter().map(|(_, p)| p.len()).sum()
}

/// The candidate whose surroundings best match the stored context, then the one with most of
/// the excerpt in it, then the nearest to `expected`, then the one whose bounds are most exact,
/// then the one closest to the old length.
fn best(hay: &str, candidates: &[Candidate], p: &Parts, expected: usize) -> Option<Span> {
    candidates
        .iter()
        .min_by_key(|c| {
            let context = common_suffix(hay.get(..c.start).unwrap_or(""), p.before)
                + common_prefix(hay.get(c.end..).unwrap_or(""), p.after);
            (
                std::cmp::Reverse(context),
                std::cmp::Reverse(c.coverage),
                c.start.abs_diff(expected),
                c.inexact,
                (c.end - c.start).abs_diff(p.len),
            )
        })
        .map(|c| Span::new(c.start, c.end))
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.bytes().rev().zip(b.bytes().rev()).take_while(|(x, y)| x == y).count()
}

/// A text folded for loose matching, with each folded byte's source char in the original.
#[derive(Debug, Default)]
struct Folded {
    text: String,
    /// Per folded byte: start of the original char (or whitespace run) it came from.
    orig_start: Vec<usize>,
    /// Per folded byte: end of the original char (or whitespace run) it came from.
    orig_end: Vec<usize>,
}

impl Folded {
    /// The folded offset of the first folded byte at or after original offset `offset`.
    fn to_folded(&self, offset: usize) -> usize {
        self.orig_start.partition_point(|&o| o < offset)
    }

    /// The original span of a non-empty span of folded bytes.
    fn to_original(&self, folded: Span) -> Option<Span> {
        let s = *self.orig_start.get(folded.start)?;
        let e = *self.orig_end.get(folded.end.checked_sub(1)?)?;
        (e > s).then_some(Span::new(s, e))
    }
}

/// Folds one char as search does ([`crate::text::fold_char`]: quotes, dashes, accents, case),
/// and also the backtick to `'`, an ellipsis to three dots, and combining marks to nothing.
fn fold_char(c: char, out: &mut String) {
    match c {
        '`' => out.push('\''),
        '\u{2026}' => out.push_str("..."),
        c if !c.is_ascii() && unicode_normalization::char::is_combining_mark(c) => {}
        c => out.push(crate::text::fold_char(c, true)),
    }
}

/// Folds `s`, mapping every folded byte back to `s`. A whitespace run becomes one space.
fn fold(s: &str) -> Folded {
    let mut f = Folded {
        text: String::with_capacity(s.len()),
        orig_start: Vec::with_capacity(s.len()),
        orig_end: Vec::with_capacity(s.len()),
    };
    let mut in_space = false;
    for (i, c) in s.char_indices() {
        let end = i + c.len_utf8();
        if c.is_whitespace() {
            if in_space {
                if let Some(last) = f.orig_end.last_mut() {
                    *last = end;
                }
            } else {
                f.text.push(' ');
                f.orig_start.push(i);
                f.orig_end.push(end);
                in_space = true;
            }
            continue;
        }
        in_space = false;
        let before = f.text.len();
        fold_char(c, &mut f.text);
        for _ in before..f.text.len() {
            f.orig_start.push(i);
            f.orig_end.push(end);
        }
    }
    f
}

/// The folded form of `s` alone.
fn fold_str(s: &str) -> String {
    fold(s).text
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::article::{Fingerprint, Format};
    use crate::store::BookmarkId;
    use std::fmt::Write as _;
    use std::path::Path;

    fn article(text: &str) -> Article {
        Article::from_str_format(text, Format::Plain).unwrap()
    }

    /// Bookmarks the first occurrence of `passage` in `old`, anchors it in `new`, and checks
    /// the kind of anchor and the text it lands on (`None` for lost).
    #[track_caller]
    fn check(old: &str, passage: &str, new: &str, want: Option<(&str, bool)>) {
        let old = article(old);
        let new = article(new);
        let start = old.text.find(passage).expect("passage in old text");
        let b =
            Bookmark::new(BookmarkId("t".into()), &old, Path::new("a.txt"), Span::new(start, start + passage.len()));
        let got = anchor(&b, &new);
        match (got, want) {
            (Anchor::Lost, None) => {}
            (Anchor::Exact(s), Some((text, true))) | (Anchor::Reanchored(s), Some((text, false))) => {
                assert_eq!(s.slice(&new.text), text, "anchored text");
            }
            _ => panic!("got {got:?}, want {want:?}"),
        }
    }

    const OLD: &str = "Harbour plan approved\n\n\
        The council voted on Tuesday to approve the new harbour plan after a long debate.\n\n\
        “We have waited ten years for this,” said the mayor, Ana Ruiz.\n\n\
        Work on the breakwater starts in March and should take two years.";

    #[test]
    fn anchor_cases() {
        let p = "“We have waited ten years for this,” said the mayor, Ana Ruiz.";
        // Same text.
        check(OLD, p, OLD, Some((p, true)));
        // A paragraph added before it: found verbatim.
        let added = OLD.replace("Work on", "Extra paragraph.\n\nWork on");
        check(OLD, p, &added.replace("The council", "First.\n\nThe council"), Some((p, false)));
        // Reflowed and retyped quotes: found folded.
        let retyped = OLD.replace(['“', '”'], "\"").replace("said the", "said  the");
        check(OLD, p, &retyped, Some(("\"We have waited ten years for this,\" said the mayor, Ana Ruiz.", false)));
        // A word changed inside: start and end probes.
        let edited = OLD.replace("ten years", "eleven long years");
        check(OLD, p, &edited, Some(("“We have waited eleven long years for this,” said the mayor, Ana Ruiz.", false)));
        // The first words changed: a later start probe still places it.
        let head_edit = OLD.replace("“We have waited", "“We waited");
        check(OLD, p, &head_edit, Some(("“We waited ten years for this,” said the mayor, Ana Ruiz.", false)));
        // Deleted: lost, not placed somewhere else.
        let deleted = OLD.replace(p, "");
        check(OLD, p, &deleted, None);
        // A short passage that is gone.
        check(OLD, "Ana Ruiz", &OLD.replace("Ana Ruiz", "Eva Ruiz"), None);
    }

    /// An article whose text is exactly `text` (whitespace kept, as in code blocks or other
    /// formats), for the whitespace cases the plain parser would fold away.
    fn raw(text: &str) -> Article {
        let mut a = article("x");
        let blocks = a.blocks.clone();
        a.set_text(text.to_owned(), blocks);
        a
    }

    #[track_caller]
    fn check_raw(old: &str, passage: &str, new: &str, want: Option<&str>) {
        let (old, new) = (raw(old), raw(new));
        let start = old.text.find(passage).expect("passage in old text");
        let b =
            Bookmark::new(BookmarkId("t".into()), &old, Path::new("a.txt"), Span::new(start, start + passage.len()));
        let got = anchor(&b, &new).span().map(|s| s.slice(&new.text));
        assert_eq!(got, want, "in {:?}", new.text);
    }

    #[test]
    fn whitespace_and_typography_cases() {
        let old = "Intro.\n\nShe said: \"it is done\" -- and left.\n\nEnd.";
        let p = "She said: \"it is done\" -- and left.";
        check_raw(old, p, old, Some(p));
        check_raw(
            old,
            p,
            "Intro.\n\nShe  said:\n   \"it is\tdone\" -- and left.\n\nEnd.",
            Some("She  said:\n   \"it is\tdone\" -- and left."),
        );
        check_raw(
            old,
            p,
            "Intro.\n\nShe said: “it is done” -- and left.\n\nEnd.",
            Some("She said: “it is done” -- and left."),
        );
        check_raw(old, p, "Intro.\n\nEnd.", None);
        // Common words of a deleted passage that follow each other elsewhere do not place it.
        check_raw(
            "A.\n\nThe mayor said the plan would go ahead next year.\n\nB.",
            "The mayor said the plan would go ahead next year.",
            "A.\n\nB. The mayor left. Next year there is a vote.",
            None,
        );
    }

    #[test]
    fn repeated_passage_chooses_by_context_then_distance() {
        let old = "T\n\nYes.\n\nShe said no.\n\nYes.\n\nHe said no.";
        let new = format!("T\n\nIntro.\n\n{}", old.trim_start_matches("T\n\n"));
        let a_old = article(old);
        let a_new = article(&new);
        // The second "Yes." (before "He said no.").
        let start = old.rfind("Yes.").unwrap();
        let b = Bookmark::new(BookmarkId("t".into()), &a_old, Path::new("p"), Span::new(start, start + 4));
        let got = anchor(&b, &a_new).span().unwrap();
        assert_eq!(got.start, new.rfind("Yes.").unwrap());
    }

    #[test]
    fn empty_excerpt_only_trusts_same_text() {
        let a = article(OLD);
        let mut b = Bookmark::new(BookmarkId("t".into()), &a, Path::new("p"), Span::new(0, 7));
        b.excerpt.clear();
        assert_eq!(anchor(&b, &a), Anchor::Exact(Span::new(0, 7)));
        b.fingerprint = Fingerprint(1);
        assert_eq!(anchor(&b, &a), Anchor::Lost);
    }

    #[test]
    fn long_passage_uses_head_and_tail() {
        let body = (0..200).fold(String::new(), |mut s, i| {
            let _ = write!(s, "word{i} ");
            s
        });
        let old = format!("T\n\n{}", body.trim());
        let a_old = article(&old);
        let b = Bookmark::new(BookmarkId("t".into()), &a_old, Path::new("p"), Span::new(3, a_old.text.len()));
        assert!(b.is_truncated());
        let new = old.replace("word60 ", "changed words in the middle ");
        let a_new = article(&format!("{new}\n\nMore."));
        let got = anchor(&b, &a_new).span().unwrap();
        assert_eq!(got, Span::new(3, a_new.text.len() - "\n\nMore.".len()));
    }

    #[track_caller]
    fn check_position(old: &str, offset: usize, new: &str, want: Option<usize>) {
        let p = Position::new(&article(old), Path::new("p"), offset);
        assert_eq!(anchor_position(&p, &article(new)), want, "{old:?} @ {offset} in {new:?}");
    }

    #[test]
    fn position_cases() {
        let old = "T\n\nOne two three four five six seven eight nine ten eleven twelve.";
        check_position(old, 7, old, Some(7));
        check_position(old, 7, &old.replace("T\n\n", "Title\n\n"), Some(11));
        check_position(old, 7, &old.replace("  ", " ").replace("two three", "two  three"), Some(7));
        check_position(old, 7, &old.replace("twelve", "TWELVE"), Some(7));
        check_position(old, 7, &old.replace("two", "deux"), Some(7));
        check_position(old, 7, "T\n\nSomething else entirely.", None);
    }

    #[test]
    fn fold_maps_back() {
        let f = fold("A  “Quote”\n\nend…");
        assert_eq!(f.text, "a \"quote\" end...");
        assert_eq!(f.to_original(Span::new(2, 9)), Some(Span::new(3, 14)));
        assert_eq!(f.to_folded(3), 2);
        let f = fold("Señor Lo\u{301}pez");
        assert_eq!(f.text, "senor lopez", "accents and combining marks fold away");
        assert_eq!(f.to_original(Span::new(6, 11)).map(|s| s.slice("Señor Lo\u{301}pez")), Some("Lo\u{301}pez"));
    }
}
