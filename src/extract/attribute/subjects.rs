//! The subject of a cue verb: walking left from the verb over adverbs, auxiliaries and
//! appositives ("X, the minister, had said"), right of it for an inverted cue ("said X"),
//! around a relative clause ("X, who called it “…,” said"), or the clause subject of a
//! participle ("X posted a message, saying").

use super::{PREMODIFIERS, Para, SUBJECT_REACH};
use crate::extract::lexicon::Classes;
use crate::extract::mentions::{Case, Mention, MentionKind};
use crate::extract::tokens::{self, Kind, Punct, Token};
use std::ops::Range;

impl Para<'_> {
    pub(super) fn passive(&self, i: usize) -> bool {
        let mut k = i;
        while let Some(p) = k.checked_sub(1).and_then(|p| self.tok(p)) {
            if p.has(Classes::ADVERB) || p.has(Classes::NEGATION) {
                k -= 1;
                continue;
            }
            return p.has(Classes::BE) || p.span.slice(self.text).eq_ignore_ascii_case("being");
        }
        false
    }

    pub(super) fn is_adverbish(&self, t: &Token) -> bool {
        if !t.is_word() || t.is_capitalised() && !t.has(Classes::ADVERB) {
            return false;
        }
        if t.has(Classes::ADVERB) || t.has(Classes::NEGATION) {
            return true;
        }
        if t.has(Classes::AUX) && !t.has(Classes::BE) {
            return true;
        }
        let w = t.span.slice(self.text);
        w.len() > 4 && w.ends_with("ly") && t.lex.cue().is_none() && !t.has(Classes::ROLE)
    }

    /// The speaker before a cue at `verb`, not left of `lower`: the mention right before it,
    /// after skipping adverbs and auxiliaries ("has also said") and appositives between
    /// commas ("Lena Okafor, a geologist at the university, said").
    pub fn subject_before(&self, verb: usize, lower: usize) -> Option<usize> {
        let mut k = verb;
        while k > lower {
            let Some(t) = self.tok(k - 1) else { break };
            if self.is_adverbish(t) {
                k -= 1;
            } else {
                break;
            }
        }
        // "X went on to say", "X wanted to add": the infinitive's subject is the main verb's.
        if k > lower + 1 && self.word_is(k - 1, "to") {
            let mut j = k - 1;
            let mut steps = 0;
            while j > lower && steps < 3 {
                let Some(t) = self.tok(j - 1) else { break };
                let function =
                    t.has(Classes::DETERMINER.union(Classes::PRONOUN).union(Classes::CONJ).union(Classes::RELATIVE));
                if !t.is_lower() || function {
                    break;
                }
                j -= 1;
                steps += 1;
            }
            if steps > 0 && self.mention_ending_at(j).is_some() {
                k = j;
            }
        }
        // "Tobias Renwick, who said …": the relative pronoun stands for the name before it.
        if k >= lower + 3
            && self.word_is(k - 1, "who")
            && self.tok(k - 2).is_some_and(|t| t.is_punct(Punct::Comma))
            && let Some(m) = self.mention_ending_at(k - 2)
            && self.mention(m).is_some_and(|mm| mm.tokens.start >= lower && mm.case == Case::Plain)
            && self.speaker_like(m)
        {
            return Some(m);
        }
        // "Trump’s statement said", "the ministry’s statement read".
        if k > lower
            && self.tok(k - 1).is_some_and(|t| t.has(Classes::REPORT_NOUN))
            && let Some(m) = self.mention_ending_at(k - 1)
            && self.mention(m).is_some_and(|m| m.case == Case::Possessive && m.is_name())
        {
            return Some(m);
        }
        for _ in 0..4 {
            if k <= lower {
                return None;
            }
            // "Rep. Jo Tallis (R-Utah) said": a short parenthesis after a name (party and
            // state, an age, an outlet) sits between the subject and its verb.
            if let Some(open) = self.parenthesis_after_name(k, lower) {
                k = open;
            }
            if let Some(m) = self.mention_ending_at(k) {
                let mm = self.mention(m)?;
                if mm.tokens.start < lower {
                    return None;
                }
                return self.speaker_like(m).then_some(m);
            }
            let t = self.tok(k - 1)?;
            if !t.is_punct(Punct::Comma) {
                return None;
            }
            // An appositive or relative clause ends here: find where it opens.
            let close = k - 1;
            let floor = lower.max(close.saturating_sub(24));
            let open = (floor..close)
                .rev()
                .find(|&i| self.tok(i).is_some_and(|t| t.is_punct(Punct::Comma) || t.quote().is_some()))?;
            if self.tok(open).is_some_and(|t| t.quote().is_some()) {
                return None;
            }
            let seg = open + 1..close;
            let seg_m = self
                .mention_starting_at(seg.start)
                .filter(|&m| self.mention(m).is_some_and(|m| m.tokens.end == seg.end));
            let before = self.mention_ending_at(open);
            let before_kind = before.and_then(|b| self.mention(b)).map(|m| m.kind);
            if let Some(sm) = seg_m.and_then(|i| self.mention(i).map(|m| (i, m))) {
                let (si, sm) = sm;
                let multiword = sm.name.slice(self.text).contains(' ');
                let named = matches!(sm.kind, MentionKind::Person | MentionKind::Org)
                    || (sm.kind == MentionKind::Name && multiword);
                let after_role = matches!(before_kind, Some(MentionKind::Role(_)));
                // "the foreign secretary, Marcelo Ebrard, said"
                if sm.is_name() && (after_role || named && before_kind != Some(MentionKind::Person)) {
                    return Some(si);
                }
            }
            if !self.appositive_like(seg.clone(), seg_m, before) {
                return None;
            }
            k = open;
        }
        None
    }

    /// Where a short parenthesis that ends right before token `k` opens, when a name ends
    /// right before it: "Tallis (R-Utah)", "Quell (D-Ore.)".
    pub(super) fn parenthesis_after_name(&self, k: usize, lower: usize) -> Option<usize> {
        if !self.tok(k.checked_sub(1)?)?.is_punct(Punct::CloseParen) {
            return None;
        }
        let floor = lower.max(k.saturating_sub(9));
        let open = (floor..k - 1).rev().find(|&i| self.tok(i).is_some_and(|t| t.is_punct(Punct::OpenParen)))?;
        let inside = open + 1..k - 1;
        let plain = !inside.is_empty()
            && inside.clone().all(|i| {
                self.tok(i).is_some_and(|t| {
                    t.lex.cue().is_none()
                        && (t.is_word()
                            || t.kind == Kind::Number
                            || matches!(t.kind, Kind::Punct(Punct::Period | Punct::Dash | Punct::Other | Punct::Comma)))
                })
            });
        let m = self.mention_ending_at(open)?;
        (plain && self.mention(m).is_some_and(|mm| mm.is_name() && mm.tokens.start >= lower)).then_some(open)
    }

    /// Whether the tokens of `seg` (between commas) read as an appositive or a relative
    /// clause that can sit between a subject and its verb.
    pub(super) fn appositive_like(&self, seg: Range<usize>, seg_m: Option<usize>, before: Option<usize>) -> bool {
        let Some(first) = self.tok(seg.start) else {
            return false;
        };
        if seg.is_empty() {
            return false;
        }
        if seg_m.and_then(|m| self.mention(m)).is_some_and(|m| {
            matches!(m.kind, MentionKind::Role(_))
                || (m.is_name() && before.is_some_and(|b| self.mention(b).is_some_and(Mention::is_name)))
        }) {
            return true;
        }
        let w = first.span.slice(self.text);
        // A participial phrase: "Smith, asked about the vote, said", "Smith, speaking to
        // reporters, said".
        let participle = first.is_lower() && (w.ends_with("ed") || w.ends_with("ing"))
            || first.lex.cue().is_some() && first.is_lower();
        participle
            || first.kind == Kind::Number
            || first.has(
                Classes::DETERMINER
                    .union(Classes::RELATIVE)
                    .union(Classes::PREP)
                    .union(Classes::ROLE)
                    .union(Classes::ADVERB),
            )
            || tokens::is_possessive(first.span.slice(self.text))
            || self.word_is(seg.start, "himself")
            || self.word_is(seg.start, "herself")
            || self.word_is(seg.start, "age")
    }

    /// The speaker after an inverting cue at `verb` ("…,” said Ebrard).
    pub fn subject_after(&self, verb: usize) -> Option<usize> {
        let m = self.first_mention_from(verb + 1)?;
        // "said Norland’s foreign secretary, Tomas Ekberg"
        if let Some(n) = self.appositive_name(m) {
            return Some(n);
        }
        // "said Cruz constituent Dan Golvach": a name used as a modifier, a noun, a name.
        let mm = self.mention(m)?;
        if matches!(mm.kind, MentionKind::Name | MentionKind::Org) {
            let function = Classes::PREP
                .union(Classes::CONJ)
                .union(Classes::RELATIVE)
                .union(Classes::AUX)
                .union(Classes::DETERMINER)
                .union(Classes::PRONOUN)
                .union(Classes::SUBORDINATOR)
                .union(Classes::ADVERB)
                .union(Classes::NEGATION);
            // "said Air Force 1st Lt. Tyler Livingston": an ordinal may come before the title.
            let mut k = mm.tokens.end;
            while k < mm.tokens.end + 3
                && self.tok(k).is_some_and(|t| {
                    (t.is_lower() && t.lex.cue().is_none() && !t.has(function)) || t.kind == Kind::Number
                })
            {
                k += 1;
            }
            // The noun may open the person's own mention ("Trump | senior adviser Paul
            // Manafort") or end before it ("Cruz constituent | Dan Golvach").
            let person = (mm.tokens.end..=k).filter(|_| k > mm.tokens.end).find_map(|j| {
                self.mention_starting_at(j).filter(|&n| {
                    self.mention(n).is_some_and(|nn| {
                        nn.kind == MentionKind::Person || (nn.kind == MentionKind::Name && nn.tokens.start == k)
                    })
                })
            });
            if let Some(n) = person {
                return Some(n);
            }
        }
        Some(m)
    }

    /// The speaker-like mention that starts at `k`, after at most two premodifiers ("former",
    /// "the", "longtime", "New" of "New York"); a possessive place before a name gives way
    /// to the name ("Florida’s Rick Wilson").
    pub(crate) fn first_mention_from(&self, k: usize) -> Option<usize> {
        let mut k = k;
        for _ in 0..3 {
            if self.mention_starting_at(k).is_some() {
                break;
            }
            let t = self.tok(k)?;
            let w = t.span.slice(self.text);
            let premodifier = t.is_word()
                && (t.has(Classes::DETERMINER)
                    || PREMODIFIERS.iter().any(|p| p.eq_ignore_ascii_case(w))
                    || (t.is_lower() && w.contains('-')));
            if !premodifier {
                return None;
            }
            k += 1;
        }
        let m = self.mention_starting_at(k)?;
        let mm = self.mention(m)?;
        if mm.case == Case::Possessive && mm.is_name() {
            let n = self.mention_starting_at(mm.tokens.end)?;
            let nn = self.mention(n)?;
            return (matches!(nn.kind, MentionKind::Person | MentionKind::Name) && self.speaker_like(n)).then_some(n);
        }
        self.speaker_like(m).then_some(m)
    }

    /// "Ilse Marwick, who called the result “a hard lesson,” said …": a relative clause that
    /// ends in a quote right before the verb; the subject is the name before ", who".
    pub(super) fn subject_around_relative(&self, start: usize, verb: usize) -> Option<usize> {
        let q = verb.checked_sub(1)?;
        self.tok(q)?.quote()?;
        let floor = start.max(q.saturating_sub(16));
        let who = (floor..q).rev().find(|&i| self.word_is(i, "who"))?;
        let between_quote = (who + 1..q).any(|i| self.tok(i).is_some_and(|t| t.quote().is_some()));
        if between_quote || !self.tok(who.checked_sub(1)?)?.is_punct(Punct::Comma) {
            return None;
        }
        let m = self.mention_ending_at(who - 1)?;
        (self.mention(m)?.tokens.start >= start && self.speaker_like(m)).then_some(m)
    }

    /// The subject of the clause a participle hangs from ("X posted a message, saying …"):
    /// the first speaker-like mention of the sentence before the participle.
    pub(super) fn clause_subject(&self, lower: usize, verb: usize) -> Option<usize> {
        let k = self.mentions.partition_point(|m| m.tokens.start < lower);
        let mut i = k;
        while let Some(m) = self.mentions.get(i) {
            if m.tokens.start >= verb || i >= k + SUBJECT_REACH {
                break;
            }
            let after_prep =
                m.tokens.start.checked_sub(1).and_then(|p| self.tok(p)).is_some_and(|p| p.has(Classes::PREP));
            if self.speaker_like(i) && !after_prep {
                return Some(i);
            }
            i += 1;
        }
        None
    }
}
