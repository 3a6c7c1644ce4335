//! Stage 5: the attribution sieves — which mention, next to which cue, speaks a quote.
//!
//! Pipeline position: run by the paragraph loop in [`super::document`] for every top-level
//! quote, after tokens, sentences and mentions of the paragraph are known. Each sieve is a
//! pure function of the paragraph view that returns the speaker *mention* and the cue it
//! used; turning the mention into an entity (pronouns, roles, aliases) is
//! [`super::speakers`]'s job, and the order in which sieves are tried (first hit wins) is the
//! loop's, stated in [`super::rules`].
//!
//! The shapes, with Q the quote, V a cue verb and S the speaker:
//!
//! * trailing ([`Rule::AdjacentCue`]): `Q, V S` ("…,” said Ebrard) or `Q, S (, A,) V`
//!   ("…,” Lena Okafor, a geologist, said), `Q, according to S`;
//! * dash credit ([`Rule::DashCredit`]): `Q — S` at the end of a sentence;
//! * leading ([`Rule::LeadingCue`], [`Rule::SplitQuote`] when a quote precedes in the same
//!   sentence): the nearest cue before the quote in its sentence and its subject, found by
//!   walking left over adverbs, auxiliaries and appositives ("X, the minister, had said:"),
//!   the agent of a reporting noun ("comments by X"), or the clause subject of a participle
//!   ("X posted a message, saying “…”");
//! * colon introduction ([`Rule::ColonIntro`]): `S … : Q` with S the sentence's subject;
//! * same sentence ([`Rule::SameSentence`]): a cue elsewhere in the quote's sentence.
//!
//! First and second person ("I said", "we told") are never speakers, and the object of
//! "told" is never reached because subjects are searched to the left of the verb.

use super::Rule;
use super::lexicon::{Classes, Order, Strength, VerbForm};
use super::mentions::{Case, Mention, MentionKind};
use super::tokens::{Kind, Punct, Token};
use crate::span::Span;
use std::ops::Range;

mod subjects;

/// A cue verb and its subject: token index of the verb, index of the mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Clause {
    pub cue: usize,
    pub mention: usize,
}

/// One paragraph, analysed.
pub(crate) struct Para<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub sentences: &'a [Range<usize>],
    pub mentions: &'a [Mention],
    /// Indices of the quote tokens, in order.
    pub quotes: &'a [usize],
}

/// Words that may stand before a speaker's name or role without being part of it.
const PREMODIFIERS: &[&str] = &[
    "former", "then", "longtime", "fellow", "current", "retired", "outgoing", "incoming", "acting", "interim",
    "veteran", "new",
];

/// What a sieve found: the rule, the cue words, and the speaker mention (an index into the
/// paragraph's mentions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub rule: Rule,
    pub cue: Span,
    pub mention: usize,
}

/// How far (in tokens) a trailing subject may sit from the quote.
const TRAILING_REACH: usize = 30;
/// How many cues a leading search tries before giving up.
const LEADING_CUES: usize = 3;
/// Weak cues ("called", "described") count only this close to the quote.
const WEAK_REACH: usize = 4;
/// How far (in tokens) a leading cue may sit before its quote; also bounds every backward
/// scan, so that a paragraph-long sentence costs linear time.
const LEADING_REACH: usize = 40;
/// Mentions a participle's subject search looks at.
const SUBJECT_REACH: usize = 32;

impl<'a> Para<'a> {
    fn tok(&self, i: usize) -> Option<&'a Token> {
        self.tokens.get(i)
    }

    pub fn word(&self, i: usize) -> &'a str {
        self.tok(i).filter(|t| t.is_word()).map_or("", |t| t.span.slice(self.text))
    }

    /// Whether token `i` is the word `w` (ASCII case ignored), compared as bytes: a token's
    /// span lies on char boundaries, so no slicing checks are needed.
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.tok(i).is_some_and(|t| t.is_word() && t.bytes(self.text).eq_ignore_ascii_case(w.as_bytes()))
    }

    /// The sentence (token range) holding token `i`.
    pub fn sentence_of(&self, i: usize) -> Range<usize> {
        let k = self.sentences.partition_point(|s| s.end <= i);
        self.sentences.get(k).cloned().unwrap_or(i..i + 1)
    }

    /// Index of the mention whose tokens end right before token `end`.
    pub fn mention_ending_at(&self, end: usize) -> Option<usize> {
        let k = self.mentions.partition_point(|m| m.tokens.end < end);
        self.mentions.get(k).filter(|m| m.tokens.end == end).map(|_| k)
    }

    /// Index of the mention that starts at token `start`.
    pub fn mention_starting_at(&self, start: usize) -> Option<usize> {
        let k = self.mentions.partition_point(|m| m.tokens.start < start);
        self.mentions.get(k).filter(|m| m.tokens.start == start).map(|_| k)
    }

    pub fn mention(&self, i: usize) -> Option<&'a Mention> {
        self.mentions.get(i)
    }

    /// A mention that may be a speaker: not possessive, not first or second person.
    pub(super) fn speaker_like(&self, i: usize) -> bool {
        self.mention(i)
            .is_some_and(|m| m.case == Case::Plain && m.pronoun().is_none_or(super::lexicon::Pronoun::is_third_person))
    }

    /// The cue at token `i`, if it is a verb of saying used as a verb here.
    fn cue_at(&self, i: usize) -> Option<super::lexicon::Cue> {
        let t = self.tok(i)?;
        let cue = t.lex.cue()?;
        if !t.is_word() {
            return None;
        }
        // "the claims", "a report", "a warning": a noun after a determiner.
        if matches!(cue.form, VerbForm::Base | VerbForm::ThirdPerson | VerbForm::Ing)
            && i.checked_sub(1)
                .and_then(|p| self.tok(p))
                .is_some_and(|p| p.has(Classes::DETERMINER) || p.is_punct(Punct::Period))
        {
            return None;
        }
        // "put" reports speech only as "as X put it".
        let w = t.bytes(self.text);
        if w.get(..3).is_some_and(|h| h.eq_ignore_ascii_case(b"put")) && !self.word_is(i + 1, "it") {
            return None;
        }
        // "calls for a tax", "called off the talks": a phrasal verb, not speech.
        if w.get(..4).is_some_and(|h| h.eq_ignore_ascii_case(b"call"))
            && matches!(self.word(i + 1), "for" | "off" | "up" | "in" | "out")
        {
            return None;
        }
        // "was asked", "were told": the subject is the addressee.
        if matches!(cue.form, VerbForm::Past | VerbForm::Participle) && self.passive(i) {
            return None;
        }
        Some(cue)
    }

    /// The first mention after "according to" at `at` ("according" at `at`).
    pub fn according_to_mention(&self, at: usize) -> Option<usize> {
        if !(self.word_is(at, "according") && self.word_is(at + 1, "to")) {
            return None;
        }
        let mut k = at + 2;
        // "according to Norland’s statistics office", "according to a statement from X".
        if let Some(m) = self.first_mention_from(k) {
            return Some(m);
        }
        while self.tok(k).is_some_and(|t| t.has(Classes::DETERMINER) || t.has(Classes::REPORT_NOUN)) {
            k += 1;
        }
        if self.word_is(k, "by") || self.word_is(k, "from") {
            k += 1;
        }
        self.mention_starting_at(k).filter(|&m| self.speaker_like(m))
    }

    /// Where the narrative after token `from` stops being one clause with it: a sentence end,
    /// a semicolon, another quote.
    fn clause_end(&self, from: usize, reach: usize) -> usize {
        let mut k = from;
        while let Some(t) = self.tok(k) {
            if k >= from.saturating_add(reach)
                || t.quote().is_some()
                || t.is_punct(Punct::Semicolon)
                || (matches!(t.kind, Kind::Punct(Punct::Period | Punct::Question | Punct::Exclaim))
                    && self.sentence_of(k).end == k + 1)
            {
                break;
            }
            k += 1;
        }
        k
    }

    /// Whether the cue clause starting after `cue` goes on to introduce another quote with a
    /// colon ("… Mr. Zahed said: “…”"): then it belongs to that quote, not to the one before.
    fn introduces_next(&self, cue: usize) -> bool {
        let mut k = cue + 1;
        while let Some(t) = self.tok(k).filter(|_| k <= cue + LEADING_REACH) {
            match t.kind {
                Kind::Punct(Punct::Colon) => return true,
                Kind::Punct(Punct::Period | Punct::Question | Punct::Exclaim | Punct::Semicolon) | Kind::Quote(_) => {
                    return false;
                }
                _ => k += 1,
            }
        }
        false
    }

    /// Trailing attribution right after the quote token `q`. `ended` says the quote's words
    /// end a sentence, so a cue clause that introduces the next quote is not this one's.
    ///
    /// Through the public API, the cue and the speaker's mention are spans of the text:
    ///
    /// ```
    /// use quoth::extract::{extract_text, Rule};
    /// use quoth::span::Span;
    /// let text = "“We open at dawn,” said Mayor Ann Lee.";
    /// let ex = extract_text(text);
    /// let q = &ex.quotes[0];
    /// assert_eq!(q.rule, Rule::AdjacentCue);
    /// assert_eq!(q.cue, Some(Span::new(23, 27))); // said
    /// assert_eq!(q.mention, Some(Span::new(28, 41))); // Mayor Ann Lee
    /// assert_eq!(ex.speakers[0].mentions, [Span::new(34, 41)]); // Ann Lee
    /// ```
    pub fn trailing(&self, q: usize, ended: bool) -> Option<Found> {
        let mut r = q + 1;
        let first = self.tok(r)?;
        if first.is_punct(Punct::Dash)
            && let Some(f) = self.dash_credit(r)
        {
            return Some(f);
        }
        while self.tok(r).is_some_and(|t| t.is_punct(Punct::Comma) || t.is_punct(Punct::Dash)) {
            r += 1;
        }
        if let Some(m) = self.according_to_mention(r) {
            return Some(self.found(Rule::AccordingTo, r..r + 2, m));
        }
        // Inverted: "said Ebrard", "then added Ebrard".
        let mut v = r;
        if self.tok(v).is_some_and(|t| t.has(Classes::ADVERB) && t.is_lower()) {
            v += 1;
        }
        if let Some(cue) = self.cue_at(v)
            && cue.order == Order::Inverts
            && cue.form != VerbForm::Ing
            && !(ended && self.introduces_next(v))
            && let Some(m) = self.subject_after(v)
        {
            return Some(self.found(Rule::AdjacentCue, v..v + 1, m));
        }
        // Normal order: "Ebrard said", "Lena Okafor, a geologist, said", "the ministry said".
        let first = self.first_mention_from(r)?;
        let m0 = self.mention(first)?;
        // "…,” Norland’s foreign secretary, Tomas Ekberg, said": the name after the role.
        let speaker = self.appositive_name(first).unwrap_or(first);
        let end = self.clause_end(m0.tokens.end, TRAILING_REACH);
        let c = (m0.tokens.end..end).find(|&c| self.cue_at(c).is_some_and(|cue| cue.form != VerbForm::Ing))?;
        if ended && self.introduces_next(c) {
            return None;
        }
        let speaker = self.name_after_modifier(first, c).unwrap_or(speaker);
        Some(self.found(Rule::AdjacentCue, c..c + 1, speaker))
    }

    /// "…,” former Haddad speechwriter Lena Okafor said": a name that qualifies a role word
    /// the lexicon does not know (one or two lowercase words), then the name of the one who
    /// spoke: the subject of `cue` is that second name. (A known role joins the two into one
    /// mention, "Haddad aide Lena Okafor".)
    fn name_after_modifier(&self, first: usize, cue: usize) -> Option<usize> {
        let m0 = self.mention(first)?;
        if !m0.is_name() {
            return None;
        }
        let function = Classes::DETERMINER
            .union(Classes::PRONOUN)
            .union(Classes::CONJ)
            .union(Classes::RELATIVE)
            .union(Classes::PREP)
            .union(Classes::AUX)
            .union(Classes::BE)
            .union(Classes::ADVERB)
            .union(Classes::SUBORDINATOR)
            .union(Classes::NEGATION);
        let mut j = m0.tokens.end;
        while j < m0.tokens.end + 2 {
            let t = self.tok(j)?;
            if !t.is_word() || !t.is_lower() || t.has(function) || t.lex.cue().is_some() {
                break;
            }
            j += 1;
        }
        if j == m0.tokens.end {
            return None;
        }
        let n = self.mention_starting_at(j)?;
        let nm = self.mention(n)?;
        let named = matches!(nm.kind, MentionKind::Person | MentionKind::Name) && nm.case == Case::Plain;
        (named && nm.tokens.end <= cue && self.subject_before(cue, j) == Some(n)).then_some(n)
    }

    /// For a role mention followed by ", Name": the name.
    fn appositive_name(&self, role: usize) -> Option<usize> {
        let m = self.mention(role)?;
        if !matches!(m.kind, MentionKind::Role(_)) {
            return None;
        }
        if !self.tok(m.tokens.end)?.is_punct(Punct::Comma) {
            return None;
        }
        let n = self.mention_starting_at(m.tokens.end + 1)?;
        self.mention(n)
            .is_some_and(|n| matches!(n.kind, MentionKind::Person | MentionKind::Name) && n.case == Case::Plain)
            .then_some(n)
    }

    /// "…” — Commissioner Jane Doe": a name after a dash that ends the sentence.
    fn dash_credit(&self, dash: usize) -> Option<Found> {
        let m = self.mention_starting_at(dash + 1)?;
        let mm = self.mention(m)?;
        if !mm.is_name() || mm.case != Case::Plain {
            return None;
        }
        let after = self.tok(mm.tokens.end);
        let ends =
            after.is_none_or(|t| matches!(t.kind, Kind::Punct(Punct::Period | Punct::Comma | Punct::CloseParen)));
        ends.then(|| self.found(Rule::DashCredit, dash..dash + 1, m))
    }

    fn found(&self, rule: Rule, cue: Range<usize>, mention: usize) -> Found {
        let a = self.tok(cue.start).map_or(0, |t| t.span.start);
        let b = self.tok(cue.end.saturating_sub(1)).map_or(a, |t| t.span.end);
        Found { rule, cue: Span::new(a, b), mention }
    }

    /// Where the narrative before quote token `q` starts: its sentence start, or just after
    /// an earlier quote in the same sentence. Also whether such a quote exists.
    pub fn left_bound(&self, q: usize) -> (usize, bool) {
        let s = self.sentence_of(q);
        let floor = s.start.max(q.saturating_sub(LEADING_REACH * 4));
        let before = self.quotes.partition_point(|&i| i < q);
        let prev = before.checked_sub(1).and_then(|k| self.quotes.get(k)).copied().filter(|&i| i >= floor);
        match prev {
            Some(p) => (p + 1, true),
            None => (floor, false),
        }
    }

    /// Leading attribution: a cue before the quote token `q` in its sentence.
    pub fn leading(&self, q: usize) -> Option<Found> {
        let (lower, after_quote) = self.left_bound(q);
        let cue_rule = if after_quote { Rule::SplitQuote } else { Rule::LeadingCue };
        let mut tried = 0;
        for c in (lower.max(q.saturating_sub(LEADING_REACH))..q).rev() {
            let Some(t) = self.tok(c) else { continue };
            if self.word_is(c, "according")
                && let Some(m) = self.according_to_mention(c)
            {
                return Some(self.found(Rule::AccordingTo, c..c + 2, m));
            }
            let report_noun = t.has(Classes::REPORT_NOUN);
            let cue = self.cue_at(c);
            if t.lex.cue().is_none() && !report_noun {
                continue;
            }
            // The agent of a reporting word, passive verbs included: "comments by X", "a
            // statement from X", "was described by X as “…”".
            if (self.word_is(c + 1, "by") || self.word_is(c + 1, "from"))
                && let Some(m) = self.mention_starting_at(c + 2)
                && self.speaker_like(m)
                && self.mention(m).is_some_and(|m| m.tokens.end <= q)
            {
                return Some(self.found(cue_rule, c..c + 1, m));
            }
            let Some(cue) = cue else { continue };
            if cue.strength == Strength::Weak && q - c > WEAK_REACH {
                continue;
            }
            tried += 1;
            let subject = if cue.form == VerbForm::Ing {
                // "… Trump saying, “…”": a name right before the participle; otherwise the
                // subject of its clause, which may sit before an earlier quote.
                self.subject_before(c, lower).or_else(|| self.clause_subject(self.sentence_of(q).start, c))
            } else {
                self.subject_before(c, lower)
            };
            if let Some(m) = subject {
                return Some(self.found(cue_rule, c..c + 1, m));
            }
            // "Said Ebrard: “…”"
            if cue.order == Order::Inverts
                && let Some(m) = self.subject_after(c)
                && self.mention(m).is_some_and(|mm| mm.tokens.end <= q)
            {
                return Some(self.found(cue_rule, c..c + 1, m));
            }
            if tried >= LEADING_CUES {
                break;
            }
        }
        None
    }

    /// "Obama’s “if you like your plan, you can keep it” promise": a possessive name right
    /// before the quote owns its words.
    pub fn possessive_credit(&self, q: usize) -> Option<Found> {
        let m = self.mention_ending_at(q)?;
        let mm = self.mention(m)?;
        if mm.case != Case::Possessive || !matches!(mm.kind, MentionKind::Person | MentionKind::Name) {
            return None;
        }
        let t = mm.tokens.end.checked_sub(1)?;
        Some(Found { rule: Rule::PossessiveCredit, cue: self.tok(t)?.span, mention: m })
    }

    /// "She then addressed the crowd again: “…”": with a colon right before the quote and no
    /// cue, the subject at the start of the sentence.
    pub fn colon_intro(&self, q: usize) -> Option<Found> {
        let colon = q.checked_sub(1)?;
        if !self.tok(colon)?.is_punct(Punct::Colon) {
            return None;
        }
        let (lower, _) = self.left_bound(q);
        if let Some(f) = self.colon_name(q) {
            return Some(f);
        }
        // The subject of the main clause: after an opening phrase ("Asked whether she would
        // run, Halvorsen smiled: …") the clause starts after the last comma; otherwise at the
        // start of the sentence.
        let last_comma = (lower..colon).rev().find(|&i| self.tok(i).is_some_and(|t| t.is_punct(Punct::Comma)));
        let starts = [last_comma.map(|c| c + 1), Some(lower)];
        for start in starts.into_iter().flatten() {
            let Some(m) = self.clause_subject(start, colon) else {
                continue;
            };
            let Some(mm) = self.mention(m) else { continue };
            // Only a subject at the very start of its clause (after an opening adverbial).
            let lead = (start..mm.tokens.start).filter(|&i| self.tok(i).is_some_and(Token::is_word)).count();
            if lead <= 2 {
                return Some(self.found(Rule::ColonIntro, colon..colon + 1, m));
            }
        }
        None
    }

    /// "The Gazette reports:", "The governor released the following statement:" ending the
    /// paragraph: the colon and the subject that introduce the quote opening the next one.
    pub fn closing_colon_subject(&self) -> Option<(usize, usize)> {
        let colon = self.tokens.len().checked_sub(1)?;
        if !self.tok(colon)?.is_punct(Punct::Colon) {
            return None;
        }
        let s = self.sentence_of(colon);
        // No quote in the sentence: "“…,” she said of the plan:" hands on nothing.
        if self.quotes.iter().any(|&q| s.contains(&q)) {
            return None;
        }
        if let Some(m) = self
            .mention_ending_at(colon)
            .filter(|&m| self.speaker_like(m) && self.mention(m).is_some_and(super::mentions::Mention::is_name))
        {
            return Some((colon, m));
        }
        let last_comma = (s.start..colon).rev().find(|&i| self.tok(i).is_some_and(|t| t.is_punct(Punct::Comma)));
        for start in [last_comma.map(|c| c + 1), Some(s.start)].into_iter().flatten() {
            let Some(m) = self.clause_subject(start, colon) else { continue };
            let Some(mm) = self.mention(m) else { continue };
            let lead = (start..mm.tokens.start).filter(|&i| self.tok(i).is_some_and(Token::is_word)).count();
            if lead <= 2 && self.speaker_like(m) {
                return Some((colon, m));
            }
        }
        None
    }

    /// "Pew Research: “…”", "– Jane Doe: “…”": a name right before the colon that introduces
    /// the quote (not the object of a preposition: "a request she made to Abedin: “…”"). It
    /// outranks a cue further back in the sentence.
    pub fn colon_name(&self, q: usize) -> Option<Found> {
        let colon = q.checked_sub(1)?;
        if !self.tok(colon)?.is_punct(Punct::Colon) {
            return None;
        }
        if let Some(m) = self.mention_ending_at(colon)
            && self.speaker_like(m)
            && !self
                .mention(m)
                .and_then(|mm| mm.tokens.start.checked_sub(1))
                .and_then(|k| self.tok(k))
                .is_some_and(|t| t.has(Classes::PREP))
            && self.mention(m).is_some_and(super::mentions::Mention::is_name)
        {
            return Some(self.found(Rule::ColonIntro, colon..colon + 1, m));
        }
        None
    }

    /// Whether a verb of saying follows the quote token `q` at once ("“…,” read a banner"):
    /// the quote then has a source of its own, even when it cannot be named.
    pub fn cue_follows(&self, q: usize) -> bool {
        let mut k = q + 1;
        while self.tok(k).is_some_and(|t| t.is_punct(Punct::Comma)) {
            k += 1;
        }
        self.cue_at(k).is_some()
    }

    /// A cue anywhere else in the quote's sentence with a subject next to it.
    pub fn same_sentence(&self, q: usize) -> Option<Found> {
        let s = self.sentence_of(q);
        let end = self.clause_end(q + 1, LEADING_REACH).min(s.end);
        for c in q + 1..end {
            let Some(cue) = self.cue_at(c) else { continue };
            if cue.strength == Strength::Weak {
                continue;
            }
            if let Some(m) = self.subject_before(c, q + 1) {
                return Some(self.found(Rule::SameSentence, c..c + 1, m));
            }
            if cue.order == Order::Inverts
                && let Some(m) = self.subject_after(c)
            {
                return Some(self.found(Rule::SameSentence, c..c + 1, m));
            }
        }
        None
    }

    /// Every cue of the paragraph with its subject, for reported speech and for quotes that
    /// inherit a speaker from an earlier sentence.
    pub fn cue_clauses(&self, cues: &[usize], out: &mut Vec<Clause>) {
        out.clear();
        for &c in cues {
            let Some(cue) = self.tok(c).and_then(|t| t.lex.cue()) else { continue };
            if cue.reporting != super::lexicon::Reporting::Clause {
                continue;
            }
            if self.cue_at(c).is_none() {
                continue;
            }
            let s = self.sentence_of(c);
            let (lower, _) = self.left_bound(c);
            let subject = if cue.form == VerbForm::Ing {
                // The participle's subject may sit before an earlier quote of the sentence.
                self.clause_subject(s.start, c)
            } else {
                self.subject_before(c, lower).or_else(|| self.subject_around_relative(s.start, c))
            };
            let subject = subject.or_else(|| {
                (cue.order == Order::Inverts && cue.form != VerbForm::Ing)
                    .then(|| self.subject_after(c))
                    .flatten()
                    .filter(|_| {
                        // "…, said Smith." after a clause, or "Said Smith: …" opening one.
                        c == s.start
                            || c.checked_sub(1).and_then(|p| self.tok(p)).is_some_and(|p| p.is_punct(Punct::Comma))
                    })
            });
            if let Some(mention) = subject {
                out.push(Clause { cue: c, mention });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::mentions::find_mentions;
    use crate::extract::tokens::{QuoteRef, Unit, sentences, tokenize};

    /// Analyses `text` where `«…»` stands for a quote; returns the paragraph view pieces.
    struct Fixture {
        text: String,
        tokens: Vec<Token>,
        sentences: Vec<Range<usize>>,
        mentions: Vec<Mention>,
        quotes: Vec<usize>,
    }

    fn fixture(src: &str) -> Fixture {
        let text = src.to_owned();
        let mut units = Vec::new();
        let mut from = 0;
        while let Some(a) = text.get(from..).and_then(|s| s.find('“')).map(|i| i + from) {
            let Some(b) = text.get(a..).and_then(|s| s.find('”')).map(|i| i + a) else {
                break;
            };
            units.push(Unit {
                extent: Span::new(a, b + '”'.len_utf8()),
                quote: QuoteRef { quote: u32::try_from(units.len()).unwrap_or(0), piece: 0 },
            });
            from = b + '”'.len_utf8();
        }
        let mut tokens = Vec::new();
        tokenize(&text, Span::new(0, text.len()), &units, &mut tokens);
        let mut sents = Vec::new();
        sentences(&tokens, &text, |_| true, &mut sents);
        let mut mentions = Vec::new();
        find_mentions(&tokens, &text, &mut mentions);
        let quotes = (0..tokens.len()).filter(|&i| tokens.get(i).is_some_and(|t| t.quote().is_some())).collect();
        Fixture { text, tokens, sentences: sents, mentions, quotes }
    }

    impl Fixture {
        fn para(&self) -> Para<'_> {
            Para {
                text: &self.text,
                tokens: &self.tokens,
                sentences: &self.sentences,
                mentions: &self.mentions,
                quotes: &self.quotes,
            }
        }

        fn quote_token(&self, n: usize) -> usize {
            self.tokens.iter().enumerate().filter(|(_, t)| t.quote().is_some()).nth(n).map_or(0, |(i, _)| i)
        }
    }

    /// A sentence, which of its quotes to look at, and the expected (speaker words, cue words).
    type SieveCase<'a> = (&'a str, usize, Option<(&'a str, &'a str)>);

    /// Runs `sieve` on the `nth` quote and returns (speaker words, cue words).
    fn run(src: &str, nth: usize, sieve: impl Fn(&Para<'_>, usize) -> Option<Found>) -> Option<(String, String)> {
        let fx = fixture(src);
        let para = fx.para();
        let quote = fx.quote_token(nth);
        sieve(&para, quote).map(|found| {
            let speaker = para.mention(found.mention).map_or("", |m| m.name.slice(&fx.text));
            (speaker.to_owned(), found.cue.slice(&fx.text).to_owned())
        })
    }

    #[track_caller]
    fn check(sieve: impl Fn(&Para<'_>, usize) -> Option<Found> + Copy, cases: &[SieveCase<'_>]) {
        for &(src, nth, want) in cases {
            let got = run(src, nth, sieve);
            let got = got.as_ref().map(|(s, c)| (s.as_str(), c.as_str()));
            assert_eq!(got, want, "{src}");
        }
    }

    // The closures below are not redundant: a method path does not satisfy the higher-ranked
    // lifetime bound of `check`.
    #[test]
    #[allow(clippy::redundant_closure_for_method_calls)]
    fn trailing_cues() {
        check(
            |p, q| p.trailing(q, false),
            &[
                (
                    "“We will not raise taxes,” said Finance Minister Priya Natarajan.",
                    0,
                    Some(("Priya Natarajan", "said")),
                ),
                (
                    "“Nobody saw this coming,” Lena Okafor, a geologist at the university, said.",
                    0,
                    Some(("Lena Okafor", "said")),
                ),
                ("“We need nurses,” Dr. Amara Singh told reporters.", 0, Some(("Amara Singh", "told"))),
                (
                    "“Rail will resume,” the Ministry of Transport said in a statement.",
                    0,
                    Some(("Ministry of Transport", "said")),
                ),
                ("“The risk is low,” a spokeswoman for the water company added.", 0, Some(("spokeswoman", "added"))),
                ("“It was terrible,” he said.", 0, Some(("he", "said"))),
                ("“It was terrible,” I said.", 0, None),
                (
                    "“The harvest failed,” said Ahmed bin Rashid al-Falasi, the agriculture minister.",
                    0,
                    Some(("Ahmed bin Rashid al-Falasi", "said")),
                ),
                ("“Talks collapsed,” according to Ines Moreau.", 0, Some(("Ines Moreau", "according to"))),
                ("“We act now” — Commissioner Jane Doe.", 0, Some(("Jane Doe", "—"))),
                (
                    "“Fine,” said Norland’s foreign secretary, Tomas Ekberg, on Friday.",
                    0,
                    Some(("Tomas Ekberg", "said")),
                ),
                ("“Fine,” Tom Reyes, 30, of Dover, Del., who was polled, said later.", 0, Some(("Tom Reyes", "said"))),
                ("“Fine,” was the answer.", 0, None),
            ],
        );
    }

    #[test]
    #[allow(clippy::redundant_closure_for_method_calls)]
    fn leading_cues() {
        check(
            |p, q| p.leading(q),
            &[
                (
                    "Senator Jo Halvorsen said the plan was “dead on arrival” and left.",
                    0,
                    Some(("Jo Halvorsen", "said")),
                ),
                ("According to Ines Moreau, “the talks collapsed.”", 0, Some(("Ines Moreau", "According to"))),
                (
                    "Norland’s foreign secretary, Tomas Ekberg, had previously said: “We wait.”",
                    0,
                    Some(("Tomas Ekberg", "said")),
                ),
                ("Mira Holt posted a message of her own, saying, “We are thrilled!”", 0, Some(("Mira Holt", "saying"))),
                (
                    "He rejected comments by Governor Ann Pike that the state was “broke.”",
                    0,
                    Some(("Ann Pike", "comments")),
                ),
                ("Officials were asked: “Why now?”", 0, None),
                ("“No,” she said, “never.”", 1, Some(("she", "said"))),
            ],
        );
    }

    #[test]
    #[allow(clippy::redundant_closure_for_method_calls)]
    fn colon_and_same_sentence() {
        check(
            |p, q| p.colon_intro(q),
            &[
                ("She then turned to the crowd: “Here is what I regret.”", 0, Some(("She", ":"))),
                ("The crowd, tired and wet, cheered at last: “More!”", 0, None),
            ],
        );
        check(
            |p, q| p.same_sentence(q),
            &[("“A disaster” is how Rob Tate described it, Kim Lau said.", 0, Some(("Kim Lau", "said")))],
        );
    }
}
