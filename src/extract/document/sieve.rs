//! Attributing one quote piece: the sieves tried in [`crate::extract::rules`] order, a
//! mention resolved to its entity, and a speaker inherited from the quote's earlier pieces
//! or the previous paragraph.

use super::{Attachment, Event, FirstPiece, Hit, Loop, PARTIAL_REACH, confidence};
use crate::extract::attribute::{Found, Para};
use crate::extract::classify::{self, Class, Lead, Support};
use crate::extract::mentions::{Case, MentionKind};
use crate::extract::speakers::{EntityId, Link, Salience};
use crate::extract::tokens::{self, QuoteRef};
use crate::extract::{Confidence, Rule};
use crate::span::Span;
use std::ops::Range;

impl Loop<'_> {
    /// Turns a sieve's mention into a decision.
    pub(super) fn resolve(
        &mut self,
        p: &Para<'_>,
        rule: Rule,
        cue: Range<usize>,
        mention: usize,
        pi: usize,
    ) -> Option<Hit> {
        let (span, entity, link) = self.speaker_entity(p, mention, pi)?;
        let a = p.tokens.get(cue.start).map_or(0, |t| t.span.start);
        let b = p.tokens.get(cue.end.saturating_sub(1)).map_or(a, |t| t.span.end);
        Some(Hit {
            rule,
            cue: Some(Span::new(a, b)),
            mention: Some(span),
            entity: Some(entity),
            confidence: confidence(rule, link),
        })
    }

    pub(super) fn resolve_found(&mut self, p: &Para<'_>, f: Found, pi: usize) -> Option<Hit> {
        let (span, entity, link) = self.speaker_entity(p, f.mention, pi)?;
        Some(Hit {
            rule: f.rule,
            cue: Some(f.cue),
            mention: Some(span),
            entity: Some(entity),
            confidence: confidence(f.rule, link),
        })
    }

    /// The entity the speaker mention `mention` names (a pronoun's antecedent, which takes the
    /// pronoun as an alias unless doubtful; a role's holder; a name's entity), noted as a
    /// speaker for later pronouns.
    fn speaker_entity(&mut self, p: &Para<'_>, mention: usize, pi: usize) -> Option<(Span, EntityId, Link)> {
        let m = p.mention(mention)?;
        let (entity, link) = match m.kind {
            MentionKind::Pronoun(pr) => {
                let (id, link) = self.registry.pronoun(pr, m.span.start, pi)?;
                if link != Link::Doubtful {
                    self.registry.alias(self.text, id, m.span);
                }
                (id, link)
            }
            MentionKind::Role(_) => self.registry.role(self.text, m),
            _ => self.name_entity(m, mention)?,
        };
        self.registry.note(entity, m.span.start, pi, Salience::Speaker);
        Some((m.span, entity, link))
    }

    /// An earlier speaker this quote can inherit: from an earlier sentence of the paragraph,
    /// or (for a quote that opens its paragraph) from the previous paragraph.
    pub(super) fn inherit(&self, p: &Para<'_>, q: usize) -> Option<Hit> {
        let start = p.tokens.get(q)?.span.start;
        let last = self.events.iter().filter(|e| e.offset < start).max_by_key(|e| e.offset);
        if let Some(e) = last {
            // Mentions between the speaker and the quote (a bounded number: past that, the
            // speaker is too far back to inherit from).
            let from = p.mentions.partition_point(|m| m.span.start <= e.offset);
            let to = p.mentions.partition_point(|m| m.span.start < start);
            if to.saturating_sub(from) > 24 {
                return None;
            }
            let interrupted = (from..to).any(|i| {
                let Some(m) = p.mentions.get(i) else {
                    return false;
                };
                m.span.start > e.offset
                    && m.span.start < start
                    && m.case == Case::Plain
                    && matches!(m.kind, MentionKind::Person | MentionKind::Name)
                    && self.entities.get(i).copied().flatten().is_some_and(|(id, _)| id != e.entity)
                    && p.sentence_of(m.tokens.start).start == m.tokens.start
            });
            if interrupted {
                return None;
            }
            return Some(Hit {
                rule: Rule::PreviousSentence,
                cue: None,
                mention: e.mention,
                entity: Some(e.entity),
                confidence: e.confidence.min(Confidence::Medium),
            });
        }
        if q == 0 && !self.carry.interrupted {
            let e = self.carry.last?;
            // "“…,” remembered Roy Verley.": a person named in the quote's own sentence, by a
            // verb quoth does not know, is more likely the speaker than the last one.
            let s = p.sentence_of(q);
            let named_here = p.mentions.iter().enumerate().any(|(i, m)| {
                s.contains(&m.tokens.start)
                    && m.tokens.start > q
                    && m.case == Case::Plain
                    && matches!(m.kind, MentionKind::Person | MentionKind::Name)
                    && self.entities.get(i).copied().flatten().is_none_or(|(id, _)| id != e.entity)
            });
            if named_here {
                return None;
            }
            return Some(Hit {
                rule: if self.carry.intro.is_some() { Rule::ColonIntro } else { Rule::Continuation },
                cue: self.carry.intro,
                mention: e.mention,
                entity: Some(e.entity),
                confidence: e.confidence.min(Confidence::Medium),
            });
        }
        None
    }

    /// Attributes one quote piece by the sieves in [`super::rules`] order (the last piece decides).
    #[inline(never)]
    pub(super) fn quote(&mut self, p: &Para<'_>, pi: usize, q: usize, r: QuoteRef) {
        let Some(raw) = self.quotes.get(r.quote()) else {
            return;
        };
        let first = r.piece == 0;
        let last = r.piece() + 1 == raw.pieces.len();
        let st = if first {
            let lead = classify::lead(p, q);
            let found = p
                .colon_name(q)
                .or_else(|| p.leading(q))
                .or_else(|| p.colon_intro(q))
                .or_else(|| p.possessive_credit(q));
            let attachment = match found {
                Some(f)
                    if q.checked_sub(1)
                        .and_then(|i| p.tokens.get(i))
                        .is_some_and(|t| t.is_punct(tokens::Punct::Colon) || t.is_punct(tokens::Punct::Comma))
                        && p.tokens.get(q.saturating_sub(8)).is_some_and(|t| t.span.start <= f.cue.start) =>
                {
                    Attachment::Attached
                }
                _ => Attachment::Loose,
            };
            let early = found.and_then(|f| self.resolve_found(p, f, pi));
            let inherited = if lead == Lead::Clause && !p.cue_follows(q) { self.inherit(p, q) } else { None };
            let found = FirstPiece { lead, attachment, early, inherited };
            if !last {
                self.pending.push((r.quote(), found));
                return;
            }
            found
        } else {
            if !last {
                return;
            }
            match self.pending.iter().position(|&(k, _)| k == r.quote()) {
                Some(i) => self.pending.swap_remove(i).1,
                None => FirstPiece::default(),
            }
        };
        if r.quote() >= self.decided.len() {
            return;
        }
        let content = classify::content(self.text, raw.pieces.iter().map(|x| x.content));
        let ended = content.ending == classify::Ending::Sentence;
        // A quote that ends its sentence after an attached leading cue ("X said: “….”")
        // belongs to that cue; what follows it starts a new sentence.
        let leading_first = ended && st.attachment == Attachment::Attached && st.early.is_some();
        let trailing =
            if leading_first { None } else { p.trailing(q, ended).and_then(|f| self.resolve_found(p, f, pi)) };
        let cued = trailing.or(st.early).or_else(|| p.same_sentence(q).and_then(|f| self.resolve_found(p, f, pi)));
        let adjacent = trailing.is_some_and(|h| h.rule == Rule::AdjacentCue)
            || (cued.is_some() && st.attachment == Attachment::Attached && trailing.is_none());
        // A cue far before a fragment inside the narrator's sentence rarely governs it: the
        // fragment is more likely a scare quote of a later clause.
        let quote_start = p.tokens.get(q).map_or(0, |t| t.span.start);
        let far = cued.and_then(|h| h.cue).is_some_and(|cue| {
            cue.end <= quote_start && {
                let from = p.tokens.partition_point(|t| t.span.start < cue.end);
                q.saturating_sub(from) > PARTIAL_REACH
            }
        });
        let (hit, support) = match (cued, st.inherited) {
            (Some(h), _) if adjacent => (h, Support::Adjacent),
            (Some(h), _) if far => (h, Support::FarCue),
            (Some(h), _) => (h, Support::Cue),
            (None, Some(h)) => (h, Support::Context),
            (None, None) => (Hit::none(), Support::None),
        };
        let tail = classify::tail(p, q);
        let class = classify::classify(st.lead, tail, content, support);
        if class != Class::Term
            && let (Some(entity), true) = (hit.entity, hit.confidence >= Confidence::Medium)
        {
            self.events.push(Event {
                offset: p.tokens.get(q).map_or(0, |t| t.span.start),
                entity,
                confidence: hit.confidence,
                mention: hit.mention,
            });
        }
        if let Some(cue) = hit.cue {
            self.quote_cues.push(cue.start);
        }
        if let Some(s) = self.decided.get_mut(r.quote()) {
            *s = Some((hit, class));
        }
    }
}
