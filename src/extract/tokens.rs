//! Stage 2: a paragraph's narrative text → tokens and sentences.
//!
//! Pipeline position: after [`super::marks`], once per body paragraph. Each top-level quote
//! of the paragraph becomes a single [`Kind::Quote`] token, so no later stage ever looks for
//! cues or speakers inside quoted words. The rest is split into words, numbers and
//! punctuation with a hand-written scanner (ASCII fast path, `char` methods otherwise); every
//! word is looked up in the [`lexicon`](super::lexicon) once, here.
//!
//! Sentences are token ranges. A sentence ends at `.`, `?` or `!` before a capital, a digit
//! or a quote, except after an abbreviation or an initial ("Sen.", "J."); a quote ending in
//! `.` ends its sentence when a capital follows.

use super::lexicon::{self, AsciiWord, Classes, Lex, Lexicon};
use crate::span::Span;

/// How a word is capitalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    Lower,
    /// First letter upper case ("Smith", "`McDonald`").
    Title,
    /// Two or more letters, all upper case ("CNN", "NATO").
    Upper,
}

/// Punctuation that matters to the sieves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Punct {
    Comma,
    Period,
    Question,
    Exclaim,
    Colon,
    Semicolon,
    /// — – -- and a hyphen between spaces.
    Dash,
    OpenParen,
    CloseParen,
    Ellipsis,
    Other,
}

/// A top-level quote seen from the narrative: which quote, and which of its pieces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct QuoteRef {
    /// Index into the document's raw quotes.
    pub quote: u32,
    /// Index of the piece (paragraph) of that quote.
    pub piece: u32,
}

impl QuoteRef {
    pub fn quote(self) -> usize {
        self.quote as usize
    }

    pub fn piece(self) -> usize {
        self.piece as usize
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word(Case),
    Number,
    Punct(Punct),
    Quote(QuoteRef),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub span: Span,
    pub kind: Kind,
    /// The lexicon entry of a word (empty for other tokens).
    pub lex: Lex,
}

impl Token {
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word(_))
    }

    pub fn is_capitalised(&self) -> bool {
        matches!(self.kind, Kind::Word(Case::Title | Case::Upper))
    }

    pub fn is_lower(&self) -> bool {
        matches!(self.kind, Kind::Word(Case::Lower))
    }

    pub fn is_punct(&self, p: Punct) -> bool {
        self.kind == Kind::Punct(p)
    }

    pub fn quote(&self) -> Option<QuoteRef> {
        match self.kind {
            Kind::Quote(q) => Some(q),
            _ => None,
        }
    }

    pub fn has(&self, c: Classes) -> bool {
        self.lex.has(c)
    }

    /// The token's bytes in `text`. Comparing them with an ASCII word or a whole character
    /// gives the same answer as comparing the `&str`, without the char-boundary checks of
    /// slicing a string (a token's span lies on boundaries).
    pub fn bytes<'a>(&self, text: &'a str) -> &'a [u8] {
        text.as_bytes().get(self.span.start..self.span.end).unwrap_or_default()
    }

    /// A word ending in a possessive "’s" ([`is_possessive`] of its text).
    pub fn is_possessive(&self, text: &str) -> bool {
        self.possessive_len(text) != 0
    }

    /// The length in bytes of the word's possessive ending ("’s", "'s"), or 0.
    pub fn possessive_len(&self, text: &str) -> usize {
        possessive_len(self.bytes(text))
    }
}

/// A top-level quote piece inside a paragraph, handed to the tokeniser.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Unit {
    pub extent: Span,
    pub quote: QuoteRef,
}

/// Tokenises `para` (a span of `text`) into `out`, replacing each unit (sorted, inside the
/// paragraph) by one quote token.
pub(crate) fn tokenize(text: &str, para: Span, units: &[Unit], out: &mut Vec<Token>) {
    out.clear();
    let lexicon = Lexicon::get();
    let mut i = para.start;
    let end = para.end.min(text.len());
    let mut units = units.iter().peekable();
    while i < end {
        if let Some(u) = units.peek()
            && u.extent.start <= i
        {
            out.push(Token { span: u.extent, kind: Kind::Quote(u.quote), lex: Lex::default() });
            i = i.max(u.extent.end);
            units.next();
            continue;
        }
        // The narrative up to the next quote (or the paragraph's end), scanned without
        // looking at the quotes again.
        let stop = units.peek().map_or(end, |u| u.extent.start.min(end));
        while i < stop {
            i = narrative_token(text, i, stop, lexicon, out);
            // One space after a word or a mark is the common case: stepping over it here
            // means the next token starts at `i` most of the time, so the whitespace test
            // below is rarely true and well predicted.
            if i < stop && text.as_bytes().get(i) == Some(&b' ') {
                i += 1;
            }
        }
    }
}

/// Scans the token (or the whitespace) at `i`, before `stop`; returns where it ends.
///
/// This, [`word`] and [`short_ascii_word`] are the tokeniser's per-word path, forced inline
/// into its loop: left to itself the compiler's choice flips with unrelated code changes,
/// and an out-of-line call per word cost about 4% of all extraction instructions.
#[allow(clippy::inline_always)]
#[inline(always)]
fn narrative_token(text: &str, i: usize, stop: usize, lexicon: Lexicon, out: &mut Vec<Token>) -> usize {
    let Some(&b) = text.as_bytes().get(i) else {
        return stop;
    };
    if b < 0x80 {
        // Most tokens are words: letters are tested first, digits next.
        return if b.is_ascii_alphabetic() || b.is_ascii_digit() {
            word(text, i, stop, lexicon, out)
        } else if b.is_ascii_whitespace() {
            i + 1
        } else {
            punct(text, i, stop, out)
        };
    }
    let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
        // Not on a char boundary: only possible for a malformed span; step over the byte.
        return i + 1;
    };
    if is_alphanumeric(c) {
        word(text, i, stop, lexicon, out)
    } else if c.is_whitespace() {
        i + c.len_utf8()
    } else {
        punct(text, i, stop, out)
    }
}

/// `char::is_alphanumeric`, answered without its table lookup (some 350 instructions a
/// character, for the letter test and again for the digit test) for ASCII and for the
/// General Punctuation block U+2000–U+206F, which holds no letter or digit. That block has
/// the curly quotes, apostrophes, dashes and the ellipsis: most non-ASCII characters of
/// English news text.
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { !matches!(c, '\u{2000}'..='\u{206F}') && c.is_alphanumeric() }
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

/// Scans a word starting at `start`; returns where it ends.
#[allow(clippy::inline_always)]
#[inline(always)]
fn word(text: &str, start: usize, stop: usize, lexicon: Lexicon, out: &mut Vec<Token>) -> usize {
    match short_ascii_word(text.as_bytes(), start, stop, lexicon, out) {
        Some(end) => end,
        None => any_word(text, start, stop, out),
    }
}

/// Scans any word (joiners, non-ASCII letters, long words) starting at `start`. Kept out of
/// line: it is rare, and inlined it would crowd the common path of the tokeniser's loop.
#[inline(never)]
fn any_word(text: &str, start: usize, stop: usize, out: &mut Vec<Token>) -> usize {
    let bytes = text.as_bytes();
    let stop = stop.min(bytes.len());
    // The bytes the word may take: nothing at or after `stop` is looked at as part of it.
    let hay = bytes.get(..stop).unwrap_or(bytes);
    let mut i = start;
    // Letters since the last '.', to join initialisms such as "U.S." but not "end.Next".
    let mut part_len = 0usize;
    let mut has_dot = false;
    let mut prev = ' ';
    loop {
        let run_start = i;
        i = ascii_alnum_end(hay, i);
        part_len += i - run_start;
        let Some(&b) = hay.get(i) else {
            break;
        };
        // Most words end at a space or a punctuation mark that never joins: stop at once.
        if b < 0x80 && !matches!(b, b'\'' | b'-' | b'.' | b',' | b'&') {
            break;
        }
        // Those marks join only a letter or digit that follows ("U.S.", "1,000", "don't"):
        // before a space or other ASCII punctuation, or at the end of the text, the word ends.
        if b < 0x80 && bytes.get(i + 1).is_none_or(|&n| n < 0x80 && !n.is_ascii_alphanumeric()) {
            break;
        }
        if let Some(&p) = i.checked_sub(1).and_then(|k| bytes.get(k)).filter(|p| p.is_ascii()) {
            prev = char::from(p);
        }
        let Some(c) = char_at(text, i) else { break };
        if is_alphanumeric(c) {
            i += c.len_utf8();
            part_len += 1;
            prev = c;
            continue;
        }
        let after = i + c.len_utf8();
        let next = if after < stop { char_at(text, after) } else { None };
        let joins = match c {
            // 3.5 and 1,000.
            '.' | ',' if prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()) => true,
            c if is_apostrophe(c) => next.is_some_and(is_alphanumeric),
            '-' | '\u{2010}' | '\u{2011}' | '&' => next.is_some_and(is_alphanumeric),
            '.' => {
                part_len == 1
                    && next.is_some_and(char::is_alphabetic)
                    && (has_dot || char_at(text, after + 1).is_some_and(|d| d == '.'))
            }
            _ => false,
        };
        if !joins {
            break;
        }
        if c == '.' {
            has_dot = true;
        }
        prev = c;
        part_len = 0;
        i = after;
    }
    let end = i.max(start + 1).min(bytes.len().max(start));
    let span = Span::new(start, end);
    let first = bytes.get(start).copied().unwrap_or(b' ');
    let (kind, lex) = if first.is_ascii_digit() {
        (Kind::Number, Lex::default())
    } else {
        let stem = stem_len(bytes, start, end);
        match AsciiWord::read(bytes, start, stem) {
            // The common case: one load gives both the case and the lexicon key.
            Some(w) => (Kind::Word(ascii_case(w.bytes())), w.lookup()),
            None => {
                let s = span.slice(text);
                let case = if first.is_ascii_lowercase() {
                    Case::Lower
                } else if first.is_ascii_uppercase() || s.chars().next().is_some_and(char::is_uppercase) {
                    case_of_capitalised(s)
                } else {
                    Case::Lower
                };
                (Kind::Word(case), lexicon::lookup_at(text, start, stem))
            }
        }
    };
    out.push(Token { span, kind, lex });
    end
}

/// The common word, scanned from one sixteen-byte load: fewer than sixteen ASCII letters and
/// digits ended by `stop` or by a byte that does not join (see [`word`]). The same register
/// gives its length, its case and its lexicon key. Returns `None`, having pushed nothing,
/// for every other word, which [`word`] then scans in full.
#[allow(clippy::inline_always)]
#[inline(always)]
fn short_ascii_word(bytes: &[u8], start: usize, stop: usize, lexicon: Lexicon, out: &mut Vec<Token>) -> Option<usize> {
    let chunk = u128::from_le_bytes(*bytes.get(start..)?.first_chunk::<16>()?);
    let run = ascii_alnum_run(chunk);
    if run == 0 || run == 16 {
        return None;
    }
    let end = (start + run).min(stop);
    if end < stop {
        // The byte after the run: a joiner before a letter or digit (or anything non-ASCII,
        // which may be a letter, an apostrophe or a hyphen) continues the word.
        // A space, the common case, is settled by one comparison.
        let b = *bytes.get(end)?;
        let joins = b != b' '
            && (b >= 0x80
                || matches!(b, b'\'' | b'-' | b'.' | b',' | b'&')
                    && bytes.get(end + 1).is_some_and(|&n| n >= 0x80 || n.is_ascii_alphanumeric()));
        if joins {
            return None;
        }
    }
    let (kind, lex) = if (chunk as u8).is_ascii_digit() {
        (Kind::Number, Lex::default())
    } else {
        // Letters and digits only: no possessive ending to strip.
        let w = AsciiWord::alnum(chunk, end - start)?;
        (Kind::Word(ascii_case(w.bytes())), lexicon.lookup(w))
    };
    out.push(Token { span: Span::new(start, end), kind, lex });
    Some(end)
}

/// Where the run of ASCII letters and digits at `i` ends in `hay`: the common case, without
/// decoding, sixteen bytes at a time, then byte by byte near the end.
fn ascii_alnum_end(hay: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = hay.get(i..i + 16).and_then(|c| <[u8; 16]>::try_from(c).ok()) {
        let n = ascii_alnum_run(u128::from_le_bytes(chunk));
        i += n;
        if n < 16 {
            return i;
        }
    }
    while hay.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    i
}

/// How many of the sixteen bytes packed in `x` (little-endian) are ASCII letters or digits
/// before the first byte that is not. Most words are shorter than eight bytes: the low half
/// alone answers for them, and the high half is classified only when the low one is all
/// letters and digits (the whole register took twice the instructions for every word).
fn ascii_alnum_run(x: u128) -> usize {
    let lo = not_alnum(x as u64);
    if lo != 0 {
        return (lo.trailing_zeros() / 8) as usize;
    }
    // `trailing_zeros` of zero is 64: sixteen letters or digits.
    8 + (not_alnum((x >> 64) as u64).trailing_zeros() / 8) as usize
}

/// The high bit of each of the eight bytes packed in `x` that is not an ASCII letter or digit.
fn not_alnum(x: u64) -> u64 {
    const ONES: u64 = u64::MAX / 0xFF;
    const HIGH: u64 = ONES * 0x80;
    // Bytes are compared with their high bit cleared (so that adding to them never carries
    // into the next byte); bytes that had it set are not ASCII and are marked at the end.
    // `y + (0x80 - lo)` has its high bit set exactly when `y >= lo`.
    let y = x & !HIGH;
    let digit = (y + ONES * (0x80 - 0x30)) & !(y + ONES * (0x80 - 0x3A));
    let folded = y | (ONES * 0x20);
    let letter = (folded + ONES * (0x80 - 0x61)) & !(folded + ONES * (0x80 - 0x7B));
    (!(digit | letter) | x) & HIGH
}

/// Length of the word `start..end` without a possessive "’s" / "'s".
fn stem_len(bytes: &[u8], start: usize, end: usize) -> usize {
    bytes.get(start..end).map_or(end - start, |w| w.len() - possessive_len(w))
}

/// The case of a word stem of ASCII bytes packed little-endian (zero after its end) whose
/// first byte is a letter: [`case_of_capitalised`] on whole registers instead of byte by byte.
fn ascii_case(x: u128) -> Case {
    const ONES: u128 = u128::MAX / 0xFF;
    const HIGH: u128 = ONES * 0x80;
    // The high bit of each byte that lies in `lo..=hi` (bytes are ASCII, so adding below 0x80
    // to each never carries into the next).
    let in_range = |lo: u8, hi: u8| (x + ONES * u128::from(0x80 - lo)) & !(x + ONES * u128::from(0x7F - hi)) & HIGH;
    if (x as u8).is_ascii_lowercase() {
        Case::Lower
    } else if in_range(b'a', b'z') != 0 || in_range(b'A', b'Z').count_ones() < 2 {
        Case::Title
    } else {
        Case::Upper
    }
}

/// "CNN", "U.S." (and "CNN’s") are upper case; "`McDonald`", "Smith" are title case.
fn case_of_capitalised(s: &str) -> Case {
    let stem = strip_possessive(s);
    if stem.is_ascii() {
        let mut upper = 0;
        for b in stem.bytes() {
            if b.is_ascii_lowercase() {
                return Case::Title;
            }
            if b.is_ascii_uppercase() {
                upper += 1;
            }
        }
        return if upper >= 2 { Case::Upper } else { Case::Title };
    }
    let mut upper = 0;
    for c in stem.chars() {
        if c.is_lowercase() {
            return Case::Title;
        }
        if c.is_uppercase() {
            upper += 1;
        }
    }
    if upper >= 2 { Case::Upper } else { Case::Title }
}

/// A word without its possessive ending ("Clinton’s" → "Clinton").
pub(crate) fn strip_possessive(s: &str) -> &str {
    s.get(..s.len() - possessive_len(s.as_bytes())).unwrap_or(s)
}

/// True for a word ending in a possessive "’s" (or "s’" plural possessives, which the
/// tokeniser leaves as a word followed by a mark).
pub(crate) fn is_possessive(s: &str) -> bool {
    possessive_len(s.as_bytes()) != 0
}

/// The length in bytes of a possessive ending "'s" or "’s" (either case) after a non-empty
/// stem, or 0. Most words do not end in "s", which is tested first.
fn possessive_len(w: &[u8]) -> usize {
    match w {
        [.., b's' | b'S'] => match w {
            [_, .., b'\'', _] => 2,
            // ’ is E2 80 99.
            [_, .., 0xE2, 0x80, 0x99, _] => 4,
            _ => 0,
        },
        _ => 0,
    }
}

/// Scans the mark at `start`; returns where it ends. Marks are ASCII but for a few dashes,
/// quotes and the ellipsis: ASCII is read as bytes, and only other marks are decoded.
fn punct(text: &str, start: usize, stop: usize, out: &mut Vec<Token>) -> usize {
    let bytes = text.as_bytes();
    let Some(&b) = bytes.get(start) else {
        return start + 1;
    };
    // Whether the byte after the mark, before `stop`, is `c`.
    let next_is = |c: u8| start + 1 < stop && bytes.get(start + 1) == Some(&c);
    let (p, len) = match b {
        b',' => (Punct::Comma, 1),
        b'.' if next_is(b'.') && bytes.get(start + 2) == Some(&b'.') => (Punct::Ellipsis, 3),
        b'.' => (Punct::Period, 1),
        b'?' => (Punct::Question, 1),
        b'!' => (Punct::Exclaim, 1),
        b':' => (Punct::Colon, 1),
        b';' => (Punct::Semicolon, 1),
        b'-' if next_is(b'-') => (Punct::Dash, 2),
        b'-' => {
            // A hyphen between spaces (or at an end) is a dash.
            let before = text.get(..start).and_then(|s| s.chars().next_back());
            let after = char_at(text, start + 1).filter(|_| start + 1 < stop);
            let spaced = before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace);
            (if spaced { Punct::Dash } else { Punct::Other }, 1)
        }
        b'(' | b'[' => (Punct::OpenParen, 1),
        b')' | b']' => (Punct::CloseParen, 1),
        0..0x80 => (Punct::Other, 1),
        _ => {
            let Some(c) = char_at(text, start) else {
                return start + 1;
            };
            let p = match c {
                '\u{2014}' | '\u{2013}' | '\u{2015}' => Punct::Dash,
                '\u{2026}' => Punct::Ellipsis,
                _ => Punct::Other,
            };
            (p, c.len_utf8())
        }
    };
    let end = start + len;
    // A mark's first character is all of it that lies beyond `stop`.
    let first = if b < 0x80 { 1 } else { len };
    out.push(Token {
        span: Span::new(start, end.min(stop.max(start + first))),
        kind: Kind::Punct(p),
        lex: Lex::default(),
    });
    end
}

mod sentences;

pub use sentences::abbreviation_continues;
pub(crate) use sentences::{ends_sentence, sentences};

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(text, Span::new(0, text.len()), &[], &mut out);
        out.iter().map(|t| t.span.slice(text).to_owned()).collect()
    }

    #[track_caller]
    fn check_words(text: &str, want: &[&str]) {
        assert_eq!(words(text), want, "{text}");
    }

    #[test]
    fn words_and_punctuation() {
        let cases: &[(&str, &[&str])] = &[
            ("Sen. Jo Halvorsen said.", &["Sen", ".", "Jo", "Halvorsen", "said", "."]),
            ("the U.S. team", &["the", "U.S", ".", "team"]),
            ("O’Neill’s farmers’ union", &["O’Neill’s", "farmers", "’", "union"]),
            ("well-known -- really", &["well-known", "--", "really"]),
            ("wait... what", &["wait", "...", "what"]),
            ("Ébrard, 30, said", &["Ébrard", ",", "30", ",", "said"]),
            ("AT&T end.Next", &["AT&T", "end", ".", "Next"]),
        ];
        for (text, want) in cases {
            check_words(text, want);
        }
    }

    #[test]
    fn fast_alphanumeric_test_agrees_with_char() {
        for c in ('\0'..='\u{3000}').chain(['\u{FEFF}', '\u{1F600}', '\u{10FFFF}']) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn possessive_endings() {
        let cases = [
            ("Clinton’s", "Clinton"),
            ("CNN's", "CNN"),
            ("BBC’S", "BBC"),
            ("'s", "'s"),
            ("’s", "’s"),
            ("x's", "x"),
            ("farmers", "farmers"),
            ("s", "s"),
            ("Ann’", "Ann’"),
        ];
        for (word, stem) in cases {
            assert_eq!(strip_possessive(word), stem, "{word}");
        }
    }

    #[test]
    fn ascii_alnum_run_counts_every_byte_value() {
        // Each byte value in each position, after a run of letters.
        for b in 0..=255u8 {
            for at in 0..16 {
                let mut chunk = *b"aZ09zA9qQz0A9azZ";
                if let Some(slot) = chunk.get_mut(at) {
                    *slot = b;
                }
                let want = chunk.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
                assert_eq!(ascii_alnum_run(u128::from_le_bytes(chunk)), want, "byte {b:#x} at {at}");
            }
        }
    }

    #[test]
    fn short_word_path_agrees_with_the_full_scanner() {
        let text = "Sen. Jo Halvorsen's U.S. team, 1,000 AT&T well-known don't O’Neill Ébrard end.Next \
            wait... CNN’s x-y a.b.c 3.5 ABCDEFGHIJKLMNOP abcdefghijklmnopq said: (Obama) Mr.Smith, \
            rock'n'roll T-shirt 9am e-MAIL “Quote” naïve the end";
        let bytes = text.as_bytes();
        for start in 0..text.len() {
            if !bytes.get(start).is_some_and(u8::is_ascii_alphanumeric) {
                continue;
            }
            for stop in [text.len(), (start + 3).min(text.len()), (start + 7).min(text.len())] {
                let (mut fast, mut full) = (Vec::new(), Vec::new());
                if let Some(end) = short_ascii_word(bytes, start, stop, Lexicon::get(), &mut fast) {
                    assert_eq!(end, any_word(text, start, stop, &mut full), "{start} {stop}");
                    assert_eq!(fast, full, "{start} {stop}");
                } else {
                    assert!(fast.is_empty());
                }
            }
        }
    }

    #[test]
    fn ascii_case_agrees_with_case_of_capitalised() {
        for w in [
            "Smith",
            "CNN",
            "U.S",
            "A",
            "I",
            "McDonald",
            "NATO2",
            "X-RAY",
            "AT&T",
            "Ab",
            "ABCDEFGHIJKLMNOP",
            "ABCDEFGHIJKLMNOp",
        ] {
            let mut bytes = [0u8; 16];
            if let Some(b) = bytes.get_mut(..w.len()) {
                b.copy_from_slice(w.as_bytes());
            }
            assert_eq!(ascii_case(u128::from_le_bytes(bytes)), case_of_capitalised(w), "{w}");
        }
        assert_eq!(ascii_case(u128::from_le_bytes(*b"smith\0\0\0\0\0\0\0\0\0\0\0")), Case::Lower);
    }

    #[test]
    fn quote_units_are_single_tokens() {
        let text = "He said “no, never” twice.";
        let units = [Unit { extent: Span::new(8, 23), quote: QuoteRef { quote: 0, piece: 0 } }];
        let mut out = Vec::new();
        tokenize(text, Span::new(0, text.len()), &units, &mut out);
        let got: Vec<&str> = out.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(got, ["He", "said", "“no, never”", "twice", "."]);
    }

    #[track_caller]
    fn check_sentences(text: &str, want: &[&str]) {
        let mut toks = Vec::new();
        tokenize(text, Span::new(0, text.len()), &[], &mut toks);
        let mut ranges = Vec::new();
        sentences(&toks, text, |_| false, &mut ranges);
        let got: Vec<&str> = ranges
            .iter()
            .map(|r| {
                let a = toks.get(r.start).map_or(0, |t| t.span.start);
                let b = toks.get(r.end - 1).map_or(0, |t| t.span.end);
                Span::new(a, b).slice(text)
            })
            .collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn sentence_boundaries() {
        let cases: &[(&str, &[&str])] = &[
            ("He left. She stayed.", &["He left.", "She stayed."]),
            (
                "Sen. Jo Halvorsen left. Dr. Amara Singh stayed.",
                &["Sen. Jo Halvorsen left.", "Dr. Amara Singh stayed."],
            ),
            ("George W. Bush spoke.", &["George W. Bush spoke."]),
            ("He moved to the U.S. The job paid well.", &["He moved to the U.S.", "The job paid well."]),
            ("Why? Because.", &["Why?", "Because."]),
            ("It cost 3.5 million. Nobody paid.", &["It cost 3.5 million.", "Nobody paid."]),
        ];
        for (text, want) in cases {
            check_sentences(text, want);
        }
    }
}
