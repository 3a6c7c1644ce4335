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
use super::mentions::Mention;
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

/// Nouns of saying that introduce a reported clause with their speaker ("comments by X
/// that …").
const NOUN_CUES: &[&str] = &[
    "comments",
    "comment",
    "remarks",
    "claim",
    "claims",
    "statement",
    "assertion",
    "suggestion",
    "warning",
    "warnings",
    "promise",
    "pledge",
    "insistence",
    "argument",
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "announcement",
    "assurances",
];

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
            && self
                .tokens
                .get(end - 1)
                .is_some_and(|t| matches!(t.kind, Kind::Punct(p) if !matches!(p, Punct::Other | Punct::OpenParen)))
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
        // A quote inside the clause ("he rejected “interventionism”") counts as a word.
        self.tokens.get(range).map_or(0, |ts| {
            ts.iter().filter(|t| t.is_word() || matches!(t.kind, Kind::Number | Kind::Quote(_))).count()
        })
    }

    /// Skips adverbials after a cue: "on Tuesday", "in a statement", "last week", "again".
    fn skip_adverbials(&self, from: usize, end: usize) -> usize {
        let mut at = from;
        for _ in 0..4 {
            let Some(tok) = self.tokens.get(at) else {
                break;
            };
            if at >= end {
                break;
            }
            if tok.is_punct(Punct::Comma) || tok.has(Classes::TIME) || (tok.has(Classes::ADVERB) && tok.is_lower()) {
                at += 1;
                continue;
            }
            let word = tok.span.slice(self.text);
            if matches!(word, "on" | "in" | "at" | "during" | "after" | "before" | "to" | "with" | "by") {
                // A short phrase of dates, reporting nouns and names, ending before "that",
                // a comma or the clause.
                let mut probe = at + 1;
                while probe < end && probe < at + 6 {
                    let Some(next) = self.tokens.get(probe) else {
                        break;
                    };
                    if adverbial(next) || next.is_capitalised() && next.lex.pronoun().is_none() {
                        probe += 1;
                    } else {
                        break;
                    }
                }
                let lands = probe >= end
                    || self
                        .tokens
                        .get(probe)
                        .is_none_or(|next| next.is_punct(Punct::Comma) || next.span.slice(self.text) == "that");
                if probe > at + 1 && lands {
                    at = probe;
                    continue;
                }
            }
            break;
        }
        at
    }

    /// The reported clause of the cue at `cue` whose subject is mention `subject`, if the
    /// sentence reports speech without quote marks. `quote_blocks` says whether a quote
    /// token inside the clause makes it a quote rather than reported speech.
    ///
    /// Through the public API, the clause is the quote's one segment and its extent:
    ///
    /// ```
    /// use quoth::extract::{extract_text, QuoteKind};
    /// use quoth::span::Span;
    /// let text = "Ann Lee said the port would open at dawn.";
    /// let q = &extract_text(text).quotes[0];
    /// assert_eq!(q.kind, QuoteKind::Indirect);
    /// assert_eq!(q.extent, Span::new(13, 40));
    /// assert_eq!(q.cue, Some(Span::new(8, 12)));
    /// ```
    pub fn reported(&self, cue: usize, subject: usize, quote_blocks: impl Fn(&Token) -> bool) -> Option<Reported> {
        let verb = self.tokens.get(cue)?;
        if verb.lex.cue()?.reporting != Reporting::Clause {
            return None;
        }
        let speaker = self.mention(subject)?;
        let sentence = self.trim_end(self.sentence_of(cue));
        let result = |clause: Range<usize>| {
            if clause.len() > MAX_TOKENS {
                return None;
            }
            let clause = self.trim_end(clause);
            let blocked = self.tokens.get(clause.clone()).is_some_and(|ts| ts.iter().any(&quote_blocks));
            (self.word_count(clause.clone()) >= MIN_WORDS && !blocked)
                .then(|| self.span_of(clause))
                .flatten()
                .map(|span| Reported { clause: span, cue: verb.span, mention: subject })
        };
        let speaker_first = speaker.tokens.start < cue;
        // "CLAUSE, the operator said on Monday, halving …": set off by commas and followed by
        // a participle phrase, the reporting clause credits what comes before it.
        let parenthetical = speaker_first
            && speaker
                .tokens
                .start
                .checked_sub(1)
                .and_then(|k| self.tokens.get(k))
                .is_some_and(|t| t.is_punct(Punct::Comma))
            && self.participle_after(cue + 1, sentence.end).is_some();
        let after = || {
            if speaker_first {
                self.clause_after(cue, sentence.end).map(|c| self.cut_subordinate(c)).and_then(&result)
            } else {
                None
            }
        };
        if !parenthetical && let Some(found) = after() {
            return Some(found);
        }
        self.clause_before(cue, speaker, sentence.clone())
            .and_then(&result)
            .or_else(|| if parenthetical { after() } else { None })
    }

    /// The reported clause around a partial quote that the cue at `cue` attributes, when the
    /// verb takes no clause of its own: "X called the plan “a holding measure”", "X called on
    /// leaders “not to give up”", "described it as “a mistake”". The clause is what follows
    /// the verb (a particle such as "on" or "for" is the verb's), to the end of the sentence
    /// or a subordinate clause, and holds `fragment`.
    pub fn reported_fragment(&self, cue: usize, subject: usize, fragment: Span) -> Option<Reported> {
        let verb = self.tokens.get(cue)?;
        verb.lex.cue()?;
        if self.mention(subject)?.tokens.start >= cue {
            return None;
        }
        let sentence = self.trim_end(self.sentence_of(cue));
        // The object follows the verb at once ("called Friday's decision …"): no adverbials
        // are skipped.
        let mut at = cue + 1;
        if matches!(self.word(at), "on" | "for" | "about") {
            at += 1;
        }
        if self.word(at) == "that" {
            at += 1;
        }
        if at >= sentence.end {
            return None;
        }
        let clause = self.trim_end(self.cut_subordinate(at..sentence.end));
        if clause.len() > MAX_TOKENS || clause.start >= clause.end {
            return None;
        }
        let span = self.span_of(clause)?;
        // The closing mark may be the sentence's last token, trimmed with the punctuation.
        let span = Span::new(span.start, span.end.max(fragment.end));
        // Words of the reporter's come before or after the fragment ("called “X”" alone is the
        // quote).
        let larger = span.start <= fragment.start && span.end >= fragment.end && span != fragment;
        (larger && span.end <= self.sentence_span_end(cue)?).then_some(Reported {
            clause: span,
            cue: verb.span,
            mention: subject,
        })
    }

    /// Where the sentence of token `at` ends in the text.
    fn sentence_span_end(&self, at: usize) -> Option<usize> {
        let s = self.sentence_of(at);
        Some(self.tokens.get(s.end.checked_sub(1)?)?.span.end)
    }

    /// Before the verb: "CLAUSE, S V …." or "CLAUSE, V S." — the clause, when the rest of the
    /// sentence after the reporting clause is short and holds no other cue.
    fn clause_before(&self, cue: usize, speaker: &Mention, sentence: Range<usize>) -> Option<Range<usize>> {
        let speaker_first = speaker.tokens.start < cue;
        let comma = if speaker_first { speaker.tokens.start.checked_sub(1) } else { cue.checked_sub(1) }?;
        if !self.tokens.get(comma)?.is_punct(Punct::Comma) || comma <= sentence.start {
            return None;
        }
        let after = if speaker_first { cue + 1 } else { speaker.tokens.end };
        // "…, she said on Monday, halving a timetable that …": a participle phrase after the
        // credit is not what was said, however long.
        let participle = self.participle_after(after, sentence.end);
        if (sentence.end.saturating_sub(after) > TRAILING_TAIL && participle.is_none())
            || (after..participle.unwrap_or(sentence.end))
                .any(|i| self.tokens.get(i).is_some_and(|tok| tok.lex.cue().is_some()))
            || comma.saturating_sub(sentence.start) > MAX_TOKENS
        {
            return None;
        }
        Some(sentence.start..comma)
    }

    /// Where a participle phrase starts after the adverbials at `from` and a comma
    /// ("said on Monday, halving …").
    fn participle_after(&self, from: usize, end: usize) -> Option<usize> {
        let rest = self.skip_adverbials(from, end);
        (rest > from
            && self.tokens.get(rest - 1).is_some_and(|t| t.is_punct(Punct::Comma))
            && self.tokens.get(rest).is_some_and(|t| t.is_lower() && self.word(rest).ends_with("ing")))
        .then_some(rest)
    }

    /// The clause after a cue verb ("said (on Tuesday) (that) …", "told reporters (that) …"),
    /// up to `end`.
    fn clause_after(&self, cue: usize, end: usize) -> Option<Range<usize>> {
        let mut at = cue + 1;
        let verb = self.word(cue);
        if ["tol", "tell", "inform"].iter().any(|p| verb.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))) {
            // The addressee: "told reporters", "told the BBC", "telling supporters in a packed
            // hall that …" (up to a near "that").
            if let Some(object) = self.mention_starting_at(at) {
                at = self.mention(object).map_or(at, |o| o.tokens.end);
            } else if self.tokens.get(at).is_some_and(Token::is_word) {
                at += 1;
            }
            let near_that = (at..end.min(at + 6))
                .take_while(|&k| self.tokens.get(k).is_some_and(Token::is_word))
                .find(|&k| self.word(k) == "that");
            if let Some(that) = near_that {
                at = that;
            }
        }
        at = self.skip_adverbials(at, end);
        if self.tokens.get(at).is_some_and(|next| next.span.slice(self.text) == "that") {
            at += 1;
        }
        while self.tokens.get(at).is_some_and(|next| next.is_punct(Punct::Comma)) {
            at += 1;
        }
        // "Ryan said that “we need more information” about …": the clause may open with quoted
        // words (a clause holding a quote is the caller's to accept).
        let starts_clause = self
            .tokens
            .get(at)
            .is_some_and(|next| next.is_word() || matches!(next.kind, Kind::Number | Kind::Quote(_)));
        (at < end && starts_clause).then_some(at..end)
    }

    /// A reported clause ends before a subordinate clause of circumstance set off by a
    /// comma or a closing quote ("he rejected “interventionism” when responding to …",
    /// "…, while his administration continues …"), or before the speaker's next action
    /// ("… “dead on arrival” and called for a new vote"): that part is the narrator's.
    fn cut_subordinate(&self, clause: Range<usize>) -> Range<usize> {
        let end = (clause.start + MIN_WORDS..clause.end)
            .find(|&k| {
                // The cheap tests first: most tokens follow neither a comma nor a quote.
                if !self.tokens.get(k - 1).is_some_and(|t| t.is_punct(Punct::Comma) || t.quote().is_some())
                    || !self.tokens.get(k).is_some_and(Token::is_lower)
                {
                    return false;
                }
                let word = self.word(k);
                // "and called", "and added": a past-tense verb right after "and".
                matches!(word, "when" | "while" | "although" | "though" | "whereas")
                    || (matches!(word, "and" | "but")
                        && self.tokens.get(k + 1).is_some_and(|n| {
                            n.is_lower() && (n.lex.cue().is_some() || self.word(k + 1).ends_with("ed"))
                        }))
            })
            .unwrap_or(clause.end);
        clause.start..end
    }

    /// "comments by X that …", "a warning from X that …": a noun of saying, its speaker after
    /// "by" or "from", then "that" and the reported clause. Quotes inside are the caller's.
    pub fn reported_noun_cue(&self, at: usize) -> Option<Reported> {
        // The rare "by"/"from" first: this runs at every token.
        if !matches!(self.word(at + 1), "by" | "from")
            || !self.tokens.get(at)?.is_lower()
            || !NOUN_CUES.contains(&self.word(at))
        {
            return None;
        }
        let subject = self.first_mention_from(at + 2).filter(|&m| self.speaker_like(m))?;
        let that = self.mention(subject)?.tokens.end;
        if self.word(that) != "that" {
            return None;
        }
        let sentence = self.trim_end(self.sentence_of(at));
        let clause = self.trim_end(self.cut_subordinate(that + 1..sentence.end));
        if clause.start >= clause.end || clause.len() > MAX_TOKENS || self.word_count(clause.clone()) < MIN_WORDS {
            return None;
        }
        Some(Reported { clause: self.span_of(clause)?, cue: self.span_of(at..at + 2)?, mention: subject })
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
        if clause.len() > MAX_TOKENS
            || self.word_count(clause.clone()) < MIN_WORDS
            || self.tokens.get(clause.clone()).is_some_and(|ts| ts.iter().any(|t| t.quote().is_some()))
        {
            return None;
        }
        Some(Reported { clause: self.span_of(clause)?, cue, mention: subject })
    }
}
