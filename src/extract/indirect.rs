//! Stage 7: reported speech without quote marks ("X said (that) …", "…, X said.").
//!
//! Pipeline position: last in the paragraph loop of [`super::document`], after the quotes of
//! the paragraph have their class, so that a clause holding a direct or partial quote is left
//! to that quote (a mixed quote) rather than listed twice. It uses the cue clauses the
//! attribution stage found (a verb of saying and its subject) and cuts the reported clause:
//!
//! * after the verb: skip time and place adverbials ("on Tuesday", "in a statement"), the
//!   addressee of "told" ("told reporters"), then "that"; the clause runs to the sentence end;
//! * before the verb: "The plan will fail, Smith said." / "…, said Smith." — the clause is
//!   the sentence up to the comma, when only adverbials follow the verb;
//! * "according to X, …" and "…, according to X."

use super::attribute::Para;
use super::lexicon::{Classes, Reporting};
use super::tokens::{Kind, Punct, Token};
use crate::span::Span;
use std::ops::Range;

/// The fewest words a reported clause may have.
const MIN_WORDS: usize = 3;
/// The most tokens a reported clause may have (longer "sentences" are lists or lost
/// punctuation, not one reported clause).
const MAX_TOKENS: usize = 120;
/// The most tokens that may follow a trailing cue before the sentence ends ("…, she said
/// on Tuesday in a statement to reporters.").
const TRAILING_TAIL: usize = 10;

/// A reported clause and what introduces it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Reported {
    pub clause: Span,
    pub cue: Span,
    pub mention: usize,
}

/// Why a token cannot be part of an adverbial skipped between a cue and its clause.
fn adverbial(t: &Token) -> bool {
    t.has(Classes::TIME)
        || (t.has(Classes::ADVERB) && t.is_lower())
        || t.has(Classes::REPORT_NOUN)
        || t.has(Classes::DETERMINER)
        || t.kind == Kind::Number
}

impl Para<'_> {
    /// The tokens of sentence-final punctuation at the end of `range`, trimmed.
    fn trim_end(&self, range: Range<usize>) -> Range<usize> {
        let mut end = range.end;
        while end > range.start
            && self.tokens.get(end - 1).is_some_and(|t| {
                matches!(t.kind, Kind::Punct(p) if !matches!(p, Punct::Other | Punct::OpenParen))
            })
        {
            end -= 1;
        }
        range.start..end
    }

    fn span_of(&self, range: Range<usize>) -> Option<Span> {
        let a = self.tokens.get(range.start)?.span.start;
        let b = self.tokens.get(range.end.checked_sub(1)?)?.span.end;
        (b > a).then(|| Span::new(a, b))
    }

    fn word_count(&self, range: Range<usize>) -> usize {
        self.tokens
            .get(range)
            .map_or(0, |ts| ts.iter().filter(|t| t.is_word() || t.kind == Kind::Number).count())
    }

    /// Skips adverbials after a cue: "on Tuesday", "in a statement", "last week", "again".
    fn skip_adverbials(&self, mut k: usize, end: usize) -> usize {
        for _ in 0..4 {
            let Some(t) = self.tokens.get(k) else { break };
            if k >= end {
                break;
            }
            if t.is_punct(Punct::Comma) {
                k += 1;
                continue;
            }
            if t.has(Classes::TIME) || (t.has(Classes::ADVERB) && t.is_lower()) {
                k += 1;
                continue;
            }
            let w = t.span.slice(self.text);
            if matches!(w, "on" | "in" | "at" | "during" | "after" | "before" | "to" | "with" | "by")
            {
                // A short phrase of dates, reporting nouns and names, ending before "that",
                // a comma or the clause.
                let mut j = k + 1;
                while j < end && j < k + 6 {
                    let Some(n) = self.tokens.get(j) else { break };
                    if adverbial(n) || n.is_capitalised() && n.lex.pronoun.is_none() {
                        j += 1;
                    } else {
                        break;
                    }
                }
                let lands = self.tokens.get(j).is_none_or(|n| {
                    n.is_punct(Punct::Comma) || n.span.slice(self.text) == "that"
                });
                if j > k + 1 && lands {
                    k = j;
                    continue;
                }
            }
            break;
        }
        k
    }

    /// The reported clause of the cue at `cue` whose subject is mention `subject`, if the
    /// sentence reports speech without quote marks. `quote_blocks` says whether a quote
    /// token inside the clause makes it a quote rather than reported speech.
    pub fn reported(
        &self,
        cue: usize,
        subject: usize,
        quote_blocks: impl Fn(&Token) -> bool,
    ) -> Option<Reported> {
        let t = self.tokens.get(cue)?;
        let c = t.lex.cue?;
        if c.reporting != Reporting::Clause {
            return None;
        }
        let m = self.mention(subject)?;
        let s = self.sentence_of(cue);
        let sentence = self.trim_end(s.clone());
        let blocked = |r: Range<usize>| {
            self.tokens
                .get(r)
                .is_some_and(|ts| ts.iter().any(&quote_blocks))
        };
        let result = |clause: Range<usize>| {
            if clause.len() > MAX_TOKENS {
                return None;
            }
            let clause = self.trim_end(clause);
            (self.word_count(clause.clone()) >= MIN_WORDS && !blocked(clause.clone()))
                .then(|| self.span_of(clause))
                .flatten()
                .map(|span| Reported {
                    clause: span,
                    cue: t.span,
                    mention: subject,
                })
        };
        let speaker_first = m.tokens.start < cue;
        if speaker_first {
            // After the verb.
            let mut k = cue + 1;
            if self.word(cue).starts_with("tol") || self.word(cue).starts_with("inform") {
                // The addressee: "told reporters", "told the BBC".
                if let Some(o) = self.mention_starting_at(k) {
                    k = self.mention(o).map_or(k, |o| o.tokens.end);
                } else if self.tokens.get(k).is_some_and(Token::is_word) {
                    k += 1;
                }
            }
            k = self.skip_adverbials(k, sentence.end);
            if self.tokens.get(k).is_some_and(|n| n.span.slice(self.text) == "that") {
                k += 1;
            }
            while self.tokens.get(k).is_some_and(|n| n.is_punct(Punct::Comma)) {
                k += 1;
            }
            let starts_clause = self
                .tokens
                .get(k)
                .is_some_and(|n| n.is_word() || n.kind == Kind::Number);
            if k < sentence.end && starts_clause {
                if let Some(r) = result(k..sentence.end) {
                    return Some(r);
                }
            }
        }
        // Before the verb: "CLAUSE, S V …." or "CLAUSE, V S."
        let comma = if speaker_first {
            m.tokens.start.checked_sub(1)
        } else {
            cue.checked_sub(1)
        }?;
        if !self.tokens.get(comma)?.is_punct(Punct::Comma) || comma <= sentence.start {
            return None;
        }
        let after = if speaker_first {
            cue + 1
        } else {
            m.tokens.end
        };
        if sentence.end.saturating_sub(after) > TRAILING_TAIL
            || (after..sentence.end).any(|i| self.tokens.get(i).is_some_and(|t| t.lex.cue.is_some()))
            || comma.saturating_sub(sentence.start) > MAX_TOKENS
        {
            return None;
        }
        result(sentence.start..comma)
    }

    /// "According to X, …" / "…, according to X." as reported speech.
    pub fn reported_according_to(&self, at: usize, subject: usize) -> Option<Reported> {
        let m = self.mention(subject)?;
        let s = self.sentence_of(at);
        let sentence = self.trim_end(s);
        let cue = self.span_of(at..at + 2)?;
        let clause = if at == sentence.start
            || (at == sentence.start + 1 && self.tokens.get(sentence.start).is_some_and(|t| !t.is_word()))
        {
            let comma = (m.tokens.end..sentence.end.min(m.tokens.end + 12))
                .find(|&i| self.tokens.get(i).is_some_and(|t| t.is_punct(Punct::Comma)))?;
            comma + 1..sentence.end
        } else {
            let before = at.checked_sub(1)?;
            if !self.tokens.get(before)?.is_punct(Punct::Comma) || m.tokens.end + 1 < sentence.end {
                return None;
            }
            sentence.start..before
        };
        let clause = self.trim_end(clause);
        if clause.len() > MAX_TOKENS || self.word_count(clause.clone()) < MIN_WORDS
            || self
                .tokens
                .get(clause.clone())
                .is_some_and(|ts| ts.iter().any(|t| t.quote().is_some()))
        {
            return None;
        }
        Some(Reported {
            clause: self.span_of(clause)?,
            cue,
            mention: subject,
        })
    }
}
