//! Reading the marks of a paragraph: which characters are quote glyphs, and whether each
//! opens, closes or is an apostrophe, from the characters on either side of it.

use super::{Dir, Family, Mark};
use crate::extract::tokens::is_alphanumeric;
use crate::span::Span;

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '/')
}

fn is_opening_punct(c: Option<char>) -> bool {
    c.is_some_and(|c| matches!(c, '(' | '[' | '{' | '<') || is_dash(c))
}

fn is_closing_punct(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '>' | '\u{2026}' | '*') || is_dash(c)
    })
}

fn is_alnum(c: Option<char>) -> bool {
    c.is_some_and(is_alphanumeric)
}

/// How many marks in a row are looked past when reading a mark's context.
const MAX_MARK_RUN: usize = 8;

/// A character that is itself a quote mark: skipped when reading a mark's context, so that
/// `."'` or `“‘` read as a run of marks.
fn is_mark_char(c: char) -> bool {
    crate::text::is_quote_mark(c)
}

/// The glyph at `at` (a byte offset into `s`), if it is a quote mark: its family, its natural
/// direction, and its length in bytes (two-character forms such as `''` count as one).
fn glyph(s: &str, at: usize) -> Option<(Family, Glyph, usize)> {
    // Matched on the UTF-8 bytes: “ ” ‘ ’ ‛ „ ‟ ‹ › are E2 80 xx, « » are C2 xx.
    let g = match s.as_bytes().get(at..)? {
        [b'\'', b'\'', ..] => (Family::Double, Glyph::Straight, 2),
        [b'`', b'`', ..] => (Family::Double, Glyph::Opening, 2),
        [b'"', ..] => (Family::Double, Glyph::Straight, 1),
        [b'\'', ..] => (Family::Single, Glyph::Straight, 1),
        [0xE2, 0x80, c, rest @ ..] => match *c {
            0x98 if rest.starts_with(&[0xE2, 0x80, 0x98]) => (Family::Double, Glyph::Opening, 6),
            0x99 if rest.starts_with(&[0xE2, 0x80, 0x99]) => (Family::Double, Glyph::Closing, 6),
            0x9C | 0x9E | 0x9F => (Family::Double, Glyph::Opening, 3),
            0x9D => (Family::Double, Glyph::Closing, 3),
            0x98 | 0x9B => (Family::Single, Glyph::Opening, 3),
            0x99 => (Family::Single, Glyph::Closing, 3),
            0xB9 => (Family::SingleGuillemet, Glyph::Opening, 3),
            0xBA => (Family::SingleGuillemet, Glyph::Closing, 3),
            _ => return None,
        },
        [0xC2, 0xAB, ..] => (Family::Guillemet, Glyph::Opening, 2),
        [0xC2, 0xBB, ..] => (Family::Guillemet, Glyph::Closing, 2),
        _ => return None,
    };
    Some(g)
}

/// The direction a glyph is drawn in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Glyph {
    Opening,
    Closing,
    Straight,
}

/// Short words that start with an apostrophe ("’90s", "’em", "’n’").
fn is_elision(word: &str) -> bool {
    let w = word.trim_end_matches(|c: char| !is_alphanumeric(c));
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let mut buf = [0u8; 8];
    let mut n = 0;
    for b in w.bytes() {
        let Some(slot) = buf.get_mut(n) else {
            return false;
        };
        *slot = b.to_ascii_lowercase();
        n += 1;
    }
    matches!(
        buf.get(..n),
        Some(
            b"em"
                | b"til"
                | b"tis"
                | b"twas"
                | b"cause"
                | b"n"
                | b"bout"
                | b"round"
                | b"nuff"
                | b"ere"
                | b"s"
                | b"d"
                | b"ll"
                | b"re"
                | b"ve"
                | b"t"
        )
    )
}

/// Finds and classifies the marks of one paragraph, appending them to `out`. `starts` holds
/// the offsets in `text` of the paragraph's bytes that may start a mark, in order.
pub(super) fn scan_marks(text: &str, para: Span, starts: &[usize], out: &mut Vec<Mark>) {
    let s = para.slice(text);
    let mut skip_until = 0;
    for &abs in starts {
        let at = abs - para.start;
        if at < skip_until {
            continue;
        }
        let Some((family, glyph_dir, len)) = glyph(s, at) else {
            continue;
        };
        skip_until = at + len;
        let before = s.get(..at).unwrap_or("");
        let after = s.get(at + len..).unwrap_or("");
        let raw_left = before.chars().next_back();
        // `="` is an attribute value in leftover markup, never a quote.
        if raw_left == Some('=') {
            continue;
        }
        let raw_right = after.chars().next();
        // A single mark between two letters or digits is an apostrophe (see `single_dir`),
        // the most common mark of all: settled before its wider context is read.
        if family == Family::Single && is_alnum(raw_left) && is_alnum(raw_right) {
            continue;
        }
        // The nearest character that is not a mark, looking past at most a few marks: a longer
        // run of marks is noise, and looking further would make a run of n marks cost n².
        // Mostly the raw neighbour itself, which is then not decoded again.
        let left = match raw_left {
            Some(c) if is_mark_char(c) => before.chars().rev().take(MAX_MARK_RUN).find(|&c| !is_mark_char(c)),
            other => other,
        };
        let right = match raw_right {
            Some(c) if is_mark_char(c) => after.chars().take(MAX_MARK_RUN).find(|&c| !is_mark_char(c)),
            other => other,
        };
        let dir = match family {
            Family::Single => single_dir(glyph_dir, raw_left, raw_right, left, right, before, after),
            _ => Some(double_dir(glyph_dir, left, right)),
        };
        if let Some(dir) = dir {
            out.push(Mark { span: Span::new(para.start + at, para.start + at + len), family, dir });
        }
    }
}

/// Direction of a double mark (or a guillemet) from its neighbours.
fn double_dir(glyph: Glyph, left: Option<char>, right: Option<char>) -> Dir {
    let open_ctx = is_space(left) || is_opening_punct(left);
    let close_ctx = is_space(right) || is_closing_punct(right);
    match glyph {
        // A curly mark is trusted unless its context clearly says the other thing: “ after a
        // word and before a space is a closer typed with the wrong glyph.
        Glyph::Opening => {
            if !open_ctx && close_ctx && left.is_some() {
                Dir::Close
            } else {
                Dir::Open
            }
        }
        Glyph::Closing => {
            if open_ctx && !close_ctx && right.is_some() {
                Dir::Open
            } else {
                Dir::Close
            }
        }
        Glyph::Straight => match (open_ctx, close_ctx) {
            (true, false) => Dir::Open,
            (false, true) => Dir::Close,
            _ => Dir::Either,
        },
    }
}

/// Direction of a single mark, or `None` when it is an apostrophe.
fn single_dir(
    glyph: Glyph,
    raw_left: Option<char>,
    raw_right: Option<char>,
    left: Option<char>,
    right: Option<char>,
    before: &str,
    after: &str,
) -> Option<Dir> {
    // Between two letters: don’t, O’Neill, Xi’an.
    if is_alnum(raw_left) && is_alnum(raw_right) {
        return None;
    }
    let open_ctx = is_space(left) || is_opening_punct(left);
    let close_ctx = is_space(right) || is_closing_punct(right);
    if open_ctx && is_alnum(raw_right) {
        if is_elision(after) {
            return None;
        }
        return Some(Dir::Open);
    }
    if close_ctx && !is_space(raw_left) {
        // The second mark of "rock ’n’ roll".
        let mut back = before.chars().rev();
        let n_elision =
            matches!(back.next(), Some('n' | 'N')) && matches!(back.next(), Some('\'' | '\u{2019}' | '\u{2018}'));
        if n_elision {
            return None;
        }
        if matches!(raw_left, Some('s' | 'S' | 'z' | 'Z')) && is_space(raw_right) {
            return Some(Dir::PossessiveOrClose);
        }
        return Some(Dir::Close);
    }
    // Isolated or doubled punctuation: an opener typed before punctuation ('(…'), rare.
    if glyph == Glyph::Opening && open_ctx && !is_space(right) {
        return Some(Dir::Open);
    }
    None
}
