//! Sentence ends in a paragraph's tokens: a period, question or exclamation mark, or a quote
//! that ends its sentence, followed by what starts one; not after titles, initials and
//! abbreviations that continue the sentence ("Mr.", "U.S.").

use super::{Kind, Punct, QuoteRef, Token};
use crate::extract::lexicon::Classes;
use std::ops::Range;

/// Whether the period at `i` belongs to an abbreviation or an initial rather than ending a
/// sentence (judged with the next token, which may show that a new sentence starts).
fn abbreviation_period(tokens: &[Token], text: &str, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| tokens.get(p)) else {
        return false;
    };
    if prev.span.end != tokens.get(i).map_or(0, |t| t.span.start) || !prev.is_word() {
        return false;
    }
    let w = prev.bytes(text);
    // A single capital letter: an initial ("George W. Bush"). Most words are ASCII and
    // longer, answered from their bytes; other short words are decoded.
    let single_initial = match w {
        [b] => b.is_ascii_uppercase(),
        [_, _, ..] if w.len() <= 4 && !w.is_ascii() => {
            let s = prev.span.slice(text);
            s.chars().count() == 1 && s.chars().all(char::is_uppercase)
        }
        _ => false,
    };
    if prev.has(Classes::SHORT_TITLE) || single_initial {
        return true;
    }
    let abbrev = prev.has(Classes::ABBREV) || w.contains(&b'.');
    if !abbrev {
        return false;
    }
    // "in the U.S. The next day …": a sentence starter after the period ends the sentence.
    let next = tokens.get(i + 1);
    !next.is_some_and(|n| n.is_capitalised() && n.has(Classes::STOPCAP.union(Classes::PRONOUN)) || n.quote().is_some())
}

/// How a quote's words end, which tells whether the quote closes its sentence.
pub(crate) fn ends_sentence(content: &str) -> bool {
    content.trim_end().trim_end_matches(['\'', '"', '\u{2019}', '\u{201D}', ')']).ends_with(['.', '?', '!', '\u{2026}'])
}

/// Splits tokens into sentences (token index ranges covering all tokens, in order).
///
/// `quote_ends_sentence` says whether a quote token's words end with a full stop.
pub(crate) fn sentences(
    tokens: &[Token],
    text: &str,
    quote_ends_sentence: impl Fn(QuoteRef) -> bool,
    out: &mut Vec<Range<usize>>,
) {
    out.clear();
    let mut start = 0;
    // Words, the most tokens by far, are skipped by one test of the kind before the precise
    // one: only sentence-final punctuation and quotes can end a sentence.
    let marks = tokens.iter().enumerate().filter(|(_, t)| matches!(t.kind, Kind::Punct(_) | Kind::Quote(_)));
    for (i, t) in marks {
        let candidate =
            matches!(t.kind, Kind::Punct(Punct::Question | Punct::Exclaim | Punct::Period) | Kind::Quote(_));
        if !candidate {
            continue;
        }
        let mut j = i + 1;
        while tokens.get(j).is_some_and(|n| n.is_punct(Punct::CloseParen)) {
            j += 1;
        }
        let Some(next) = tokens.get(j) else { continue };
        let next_starts = next.is_capitalised()
            || next.kind == Kind::Number
            || next.quote().is_some()
            || next.is_punct(Punct::OpenParen);
        let boundary = match t.kind {
            Kind::Punct(Punct::Question | Punct::Exclaim) => next_starts,
            Kind::Punct(Punct::Period) => next_starts && !abbreviation_period(tokens, text, i),
            Kind::Quote(q) => (next.is_capitalised() || next.quote().is_some()) && quote_ends_sentence(q),
            _ => false,
        };
        if boundary {
            out.push(start..j);
            start = j;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
}

/// Whether a full stop after `word` leaves the sentence open, by the tokeniser's own rule, for
/// code outside the extractor that splits sentences (the reader's passage selection): after a
/// short title ("Mr.", "Sen.") or an initial ("W.") always; after another abbreviation
/// ("Inc.", "U.S.") unless the next word is a capitalised sentence starter or pronoun.
///
/// ```
/// use quoth::extract::abbreviation_continues;
/// assert!(abbreviation_continues("Mr", Some("Holt")));
/// assert!(abbreviation_continues("W", Some("Bush")));
/// assert!(!abbreviation_continues("U.S", Some("The")));
/// assert!(!abbreviation_continues("harbour", Some("Then")));
/// ```
pub fn abbreviation_continues(word: &str, next: Option<&str>) -> bool {
    let lex = super::lexicon::lookup(word);
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    if initial || lex.has(Classes::SHORT_TITLE) {
        return true;
    }
    if !(lex.has(Classes::ABBREV) || word.contains('.')) {
        return false;
    }
    let starter = next.is_some_and(|n| {
        n.chars().next().is_some_and(char::is_uppercase)
            && super::lexicon::lookup(n).has(Classes::STOPCAP.union(Classes::PRONOUN))
    });
    !starter
}
