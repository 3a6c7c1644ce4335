//! Stage 4: is a quote speech, a partial quote, or a term (scare quote, title, nickname)?
//!
//! Pipeline position: decided by the paragraph loop in [`super::document`] once the
//! attribution sieves have run, because a short quoted fragment inside the narrator's
//! sentence is a partial quote when a cue and a speaker go with it ("Halvorsen said the plan
//! was “dead on arrival”") and a scare quote when none does ("the so-called “reform”").
//!
//! Checks, in order (after `research/quote-extraction.md` §4.3):
//! 1. a naming or term word right before the mark ("dubbed", "so-called", "the slogan") →
//!    term; a kind of work or a possessive name before a Title Case quote ("the film “…”",
//!    "CNN’s “…”") → title, a term;
//! 2. Title Case words with no sentence punctuation and no cue → a title, a term;
//! 3. at the start of a sentence or clause (after `,` `:` `—` `(` or a cue verb) → speech,
//!    unless it is one or two words that run on into the sentence with no cue;
//! 4. inside the narrator's sentence: with a cue → partial; five or more words → partial
//!    without a speaker; otherwise a scare quote, a term.

use super::attribute::Para;
use super::lexicon::{Classes, Strength};
use super::mentions::Case;
use super::tokens::{Kind, Punct};
use crate::span::Span;

/// What comes right before a quote's opening mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lead {
    /// The start of a sentence or clause: paragraph start, `,` `:` `—` `(`, another quote.
    Clause,
    /// A strong verb of saying ("said “…”").
    Cue,
    /// A naming or term word ("dubbed", "so-called", "the slogan").
    Naming,
    /// A kind of work or a possessive name ("the film", "CNN’s").
    Title,
    /// Any other word: the quote sits inside the narrator's sentence.
    Embedded,
}

/// What comes right after a quote's closing mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tail {
    /// Punctuation, another quote, or the end of the paragraph.
    Clause,
    /// A word: the narrator's sentence goes on.
    Embedded,
}

/// How a quote's words end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ending {
    /// `.` `?` `!` `…`
    Sentence,
    /// `,` `;` `:` or a dash.
    Clause,
    /// No punctuation.
    Bare,
}

/// Shape of a quote's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Content {
    pub words: usize,
    pub ending: Ending,
    pub title_case: TitleCase,
}

/// Whether every content word is capitalised, as in a title ("Don’t Look Back Now").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TitleCase {
    Yes,
    No,
}

/// How the speaker of a quote was found, as far as classification cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Support {
    /// A cue right beside the quote ("“Absolutely,” he said", "X said: “…”").
    Adjacent,
    /// A cue elsewhere in the quote's own sentence.
    Cue,
    /// A cue far before the quote in its sentence: enough for a long fragment, not for a
    /// word or two.
    FarCue,
    /// Inherited from an earlier sentence or paragraph.
    Context,
    None,
}

/// The class of a quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Speech,
    Partial,
    Term,
}

/// Small words that stay lowercase in titles.
fn title_minor(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "and"
            | "or"
            | "but"
            | "by"
            | "with"
            | "as"
            | "de"
            | "vs"
            | "v"
    )
}

/// Words counted at most: every rule that looks at the count is decided below this.
const COUNT_CAP: usize = 9;

/// Measures the words of a quote (its segments, in order). Only the first few words are
/// looked at, so a long quote costs no more than a short one.
pub(crate) fn content(text: &str, segments: impl IntoIterator<Item = Span>) -> Content {
    let mut words = 0;
    let mut title = true;
    let mut last = Span::default();
    for s in segments {
        last = s;
        if words < COUNT_CAP {
            count_words(s.slice(text), &mut words, &mut title);
        }
    }
    let last = last.slice(text).trim_end().trim_end_matches(['\'', '"', '\u{2019}', '\u{201D}', ')']);
    let ending = match last.chars().next_back() {
        Some('.' | '?' | '!' | '\u{2026}') => Ending::Sentence,
        Some(',' | ';' | ':' | '-' | '\u{2013}' | '\u{2014}') => Ending::Clause,
        _ => Ending::Bare,
    };
    Content {
        words,
        ending,
        title_case: if title && words > 0 && words < COUNT_CAP { TitleCase::Yes } else { TitleCase::No },
    }
}

/// Counts the words of `s` into `words` (up to [`COUNT_CAP`]) and clears `title` at a word
/// that starts in lower case and is not a title's small word. A word is a run of letters,
/// digits, apostrophes and hyphens holding at least one letter or digit. Bytes are read
/// directly; only non-ASCII characters are decoded (see [`char_class`]).
fn count_words(s: &str, words: &mut usize, title: &mut bool) {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut start = 0;
    // Whether the current word's first letter or digit is lower case (`None` before it).
    let mut first_lower: Option<bool> = None;
    while i <= bytes.len() {
        let (class, len) = char_class(s, i);
        if class & (ALNUM | JOINER) != 0 {
            if class & ALNUM != 0 && first_lower.is_none() {
                first_lower = Some(class & LOWER != 0);
            }
            if first_lower.is_some() {
                // The rest of an ASCII word changes nothing: step over it at once.
                i += len;
                while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                    i += 1;
                }
                continue;
            }
        } else {
            if let Some(lower) = first_lower {
                *words += 1;
                // Once a lower-case word has cleared `title`, no other word can change it.
                if lower && *title && !s.get(start..i).is_some_and(title_minor) {
                    *title = false;
                }
                if *words >= COUNT_CAP {
                    return;
                }
            }
            first_lower = None;
            start = i + len;
        }
        i += len;
    }
}

/// [`char_class`]: a letter or digit.
pub(crate) const ALNUM: u8 = 1;
/// [`char_class`]: a lower-case letter.
pub(crate) const LOWER: u8 = 2;
/// [`char_class`]: an apostrophe or hyphen, which a word may hold (`'` `-` `’`).
pub(crate) const JOINER: u8 = 4;

/// The classes of the ASCII bytes ([`ALNUM`], [`LOWER`], [`JOINER`]), one table read per byte.
static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() {
            ALNUM | LOWER
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else if c == b'\'' || c == b'-' {
            JOINER
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The class of the character at byte `i` of `s` and its length in bytes; past the end (or
/// off a char boundary), no class and length 1. ASCII is read from a table; quote marks and
/// dashes skip the Unicode tables ([`super::tokens::is_alphanumeric`]).
#[inline]
pub(crate) fn char_class(s: &str, i: usize) -> (u8, usize) {
    match s.as_bytes().get(i) {
        None => (0, 1),
        Some(&b) if b < 0x80 => (ASCII_CLASS.get(usize::from(b)).copied().unwrap_or(0), 1),
        Some(_) => non_ascii_class(s, i),
    }
}

#[inline(never)]
fn non_ascii_class(s: &str, i: usize) -> (u8, usize) {
    let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
        return (0, 1);
    };
    let class = if c == '\u{2019}' {
        JOINER
    } else if super::tokens::is_alphanumeric(c) {
        if c.is_lowercase() { ALNUM | LOWER } else { ALNUM }
    } else {
        0
    };
    (class, c.len_utf8())
}

/// What precedes the quote token `q` in its sentence.
pub(crate) fn lead(p: &Para<'_>, q: usize) -> Lead {
    let (lower, _) = p.left_bound(q);
    if q <= lower {
        return Lead::Clause;
    }
    let Some(prev) = q.checked_sub(1).and_then(|i| p.tokens.get(i)) else {
        return Lead::Clause;
    };
    // "the charged term, “…”", "her film, “…”", "the phrase - “…” -": a term word or a kind of
    // work just before a comma or a dash.
    if prev.is_punct(Punct::Comma) || prev.is_punct(Punct::Dash) {
        let before = q.checked_sub(2).and_then(|i| p.tokens.get(i));
        if before.is_some_and(|t| t.has(Classes::TERM_INTRO)) {
            return Lead::Naming;
        }
        if before.is_some_and(|t| t.has(Classes::MEDIA)) {
            return Lead::Title;
        }
    }
    match prev.kind {
        Kind::Quote(_)
        | Kind::Punct(
            Punct::Comma
            | Punct::Colon
            | Punct::Semicolon
            | Punct::Dash
            | Punct::Period
            | Punct::Question
            | Punct::Exclaim
            | Punct::Ellipsis,
        ) => Lead::Clause,
        // A quote in brackets glosses something ("“frijoleros” (“beaners”)").
        Kind::Punct(Punct::OpenParen | Punct::CloseParen | Punct::Other) | Kind::Number => Lead::Embedded,
        Kind::Word(_) => {
            let w = prev.span.slice(p.text);
            let before = q.checked_sub(2).and_then(|i| p.tokens.get(i)).map_or("", |t| t.span.slice(p.text));
            if prev.has(Classes::NAMING)
                || prev.has(Classes::TERM_INTRO)
                || (w.eq_ignore_ascii_case("as") && matches!(before, "known" | "referred" | "dubbed" | "billed"))
            {
                Lead::Naming
            } else if prev.has(Classes::MEDIA)
                || p.mention_ending_at(q)
                    .and_then(|m| p.mention(m))
                    .is_some_and(|m| m.case == Case::Possessive && m.is_name())
            {
                Lead::Title
            } else if prev.lex.cue().is_some_and(|c| c.strength == Strength::Strong) {
                Lead::Cue
            } else {
                Lead::Embedded
            }
        }
    }
}

/// What follows the quote token `q`.
pub(crate) fn tail(p: &Para<'_>, q: usize) -> Tail {
    match p.tokens.get(q + 1) {
        Some(t) if t.is_word() || t.kind == Kind::Number => Tail::Embedded,
        _ => Tail::Clause,
    }
}

/// Decides the class of a quote. Terms are kept apart from quotes, as spans of their words:
///
/// ```
/// use quoth::extract::extract_text;
/// use quoth::span::Span;
/// let ex = extract_text("Officials labelled it a “security risk” on Monday.");
/// assert!(ex.quotes.is_empty());
/// assert_eq!(ex.terms, [Span::new(27, 40)]);
/// ```
pub(crate) fn classify(lead: Lead, tail: Tail, content: Content, support: Support) -> Class {
    let title = content.title_case == TitleCase::Yes;
    match lead {
        Lead::Naming => return Class::Term,
        Lead::Title if title || content.words <= 4 => return Class::Term,
        _ => {}
    }
    // A name or title in capitals ("Golden Week", "America’s Bitter Pill"): with no cue,
    // up to eight words; with a cue in the sentence, up to four; never when a cue is right
    // beside it ("“Absolutely,” he said").
    let title_limit = match support {
        Support::Adjacent => 0,
        Support::Cue | Support::FarCue => 4,
        Support::Context | Support::None => 8,
    };
    if title && content.words <= title_limit && content.ending != Ending::Sentence {
        return Class::Term;
    }
    match lead {
        Lead::Clause | Lead::Cue | Lead::Title | Lead::Naming => {
            let runs_on = content.words <= 2
                && content.ending == Ending::Bare
                && tail == Tail::Embedded
                && support == Support::None;
            if runs_on { Class::Term } else { Class::Speech }
        }
        Lead::Embedded => {
            if matches!(support, Support::Cue | Support::Adjacent) || content.words >= 5 {
                // Long fragments are quoted words whoever said them; a far cue still names
                // the speaker then.
                Class::Partial
            } else {
                Class::Term
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(words: usize, ending: Ending, title: bool) -> Content {
        Content { words, ending, title_case: if title { TitleCase::Yes } else { TitleCase::No } }
    }

    #[track_caller]
    fn check(cases: &[(Lead, Tail, Content, Support, Class)]) {
        for &(l, t, ct, s, want) in cases {
            assert_eq!(classify(l, t, ct, s), want, "{l:?} {t:?} {ct:?} {s:?}");
        }
    }

    #[test]
    fn classes() {
        use Ending::*;
        check(&[
            // “We will not raise taxes this year,” said …
            (Lead::Clause, Tail::Clause, c(7, Clause, false), Support::Adjacent, Class::Speech),
            // “Absolutely,” he said.
            (Lead::Clause, Tail::Clause, c(1, Clause, true), Support::Adjacent, Class::Speech),
            // said the plan was “dead on arrival” and …
            (Lead::Embedded, Tail::Embedded, c(3, Bare, false), Support::Cue, Class::Partial),
            // labelled the charity a “security risk” without …
            (Lead::Naming, Tail::Embedded, c(2, Bare, false), Support::None, Class::Term),
            // a “security risk” with no cue
            (Lead::Embedded, Tail::Embedded, c(2, Bare, false), Support::None, Class::Term),
            // The band’s hit “Don’t Look Back Now” topped …
            (Lead::Title, Tail::Embedded, c(4, Bare, true), Support::None, Class::Term),
            // “Make America Great Again” hats
            (Lead::Clause, Tail::Embedded, c(4, Bare, true), Support::None, Class::Term),
            // “This must never happen again.” alone in a paragraph
            (Lead::Clause, Tail::Clause, c(5, Sentence, false), Support::None, Class::Speech),
            // a report found “no evidence of any order to stand down.”
            (Lead::Embedded, Tail::Clause, c(8, Sentence, false), Support::None, Class::Partial),
        ]);
    }

    /// The plain definition of [`count_words`]: split on every other character.
    fn count_words_by_split(s: &str) -> (usize, bool) {
        let mut words = 0;
        let mut title = true;
        for w in s
            .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '-')))
            .filter(|w| w.chars().any(char::is_alphanumeric))
        {
            words += 1;
            if w.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase) && !title_minor(w) {
                title = false;
            }
            if words >= COUNT_CAP {
                break;
            }
        }
        (words, title)
    }

    #[test]
    fn char_class_agrees_with_the_unicode_tables() {
        let mut buf = [0u8; 4];
        for c in ('\0'..='\u{3000}').chain(['\u{1F600}', '\u{10FFFF}', 'ﬁ', 'ǅ']) {
            let s: &str = c.encode_utf8(&mut buf);
            let want = if c.is_alphanumeric() {
                if c.is_lowercase() { ALNUM | LOWER } else { ALNUM }
            } else if matches!(c, '\'' | '-' | '\u{2019}') {
                JOINER
            } else {
                0
            };
            assert_eq!(char_class(s, 0), (want, c.len_utf8()), "{c:?}");
        }
        assert_eq!(char_class("ab", 2), (0, 1));
    }

    #[test]
    fn count_words_matches_its_definition() {
        let cases = [
            "",
            "-- ' ’",
            "Don’t Look Back Now",
            "we are done.",
            "Back in the ’90s, rock ’n’ roll",
            "Ébrard and élan — São Paulo's 3.5 per-cent",
            "a the of And",
            "'-a -B' x’’y",
            "one two three four five six seven eight nine ten eleven",
            "Über 日本語 ünd 😀x",
            "ǅemal ΣΊΣΥΦΟΣ ﬁne",
            "“No,” he said… ‘fine’ — a\u{2009}b\u{200B}c ‹d› e\u{2070}f \u{2071}",
        ];
        for s in cases {
            let (mut words, mut title) = (0, true);
            count_words(s, &mut words, &mut title);
            assert_eq!((words, title), count_words_by_split(s), "{s}");
        }
    }

    #[test]
    fn content_shapes() {
        let text = "x “Don’t Look Back Now” y “we are done.” z";
        let span = |w: &str| {
            let a = text.find(w).unwrap_or(0);
            Span::new(a, a + w.len())
        };
        let a = content(text, [span("Don’t Look Back Now")]);
        assert_eq!((a.words, a.title_case, a.ending), (4, TitleCase::Yes, Ending::Bare));
        let b = content(text, [span("we are done.")]);
        assert_eq!((b.words, b.title_case, b.ending), (3, TitleCase::No, Ending::Sentence));
    }
}
