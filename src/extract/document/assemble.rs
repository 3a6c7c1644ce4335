//! The extraction assembled at the end of the loop: raw quotes turned into public quotes
//! (terms apart), speakers listed, quotes ordered.

use super::{Hit, Loop};
use crate::extract::classify::Class;
use crate::extract::marks::RawQuote;
use crate::extract::speakers::EntityId;
use crate::extract::{Confidence, Extraction, Quote, QuoteId, QuoteKind, Rule};
use crate::span::Span;

impl Loop<'_> {
    pub(super) fn finish(&mut self) -> Extraction {
        let text = self.text;
        let quotes = self.quotes;
        let indirect = std::mem::take(&mut self.indirect);
        let decided = std::mem::take(&mut self.decided);
        let mut out = Extraction::default();
        let mut built = quote_records(quotes, &decided, &mut out.terms);
        built.reserve(indirect.len());
        for ind in indirect {
            let shown = ind.hit.confidence >= Confidence::Medium;
            built.push(Built {
                raw: None,
                quote: Quote {
                    kind: ind.kind,
                    segments: vec![ind.clause],
                    marked: vec![ind.clause],
                    extent: ind.clause,
                    speaker: None,
                    mention: ind.hit.mention,
                    cue: ind.hit.cue,
                    rule: ind.hit.rule,
                    confidence: ind.hit.confidence,
                    parent: None,
                },
                entity: ind.hit.entity.filter(|_| shown),
            });
        }
        // Sorted by start; at the same start the longer first (a mixed clause before the quote
        // it holds), then a quote before reported speech.
        built.sort_by_key(|b| (b.quote.extent.start, std::cmp::Reverse(b.quote.extent.end), b.raw.is_none()));
        let mut index_of: Vec<Option<QuoteId>> = vec![None; quotes.len()];
        for (k, b) in built.iter().enumerate() {
            if let Some(slot) = b.raw.and_then(|r| index_of.get_mut(r)) {
                *slot = Some(QuoteId(u32::try_from(k).unwrap_or(u32::MAX)));
            }
        }
        let used: Vec<EntityId> = built.iter().filter_map(|b| b.entity).collect();
        let (speakers, speaker_of) = self.registry.finish(text, &used);
        out.quotes.reserve_exact(built.len());
        for Built { raw, mut quote, entity } in built {
            if let Some(parent) = raw.and_then(|r| quotes.get(r)).and_then(|r| r.parent) {
                quote.parent = index_of.get(parent).copied().flatten();
            }
            quote.speaker = entity.and_then(|e| speaker_of.get(e.0 as usize).copied().flatten());
            out.quotes.push(quote);
        }
        out.terms.sort_unstable();
        out.speakers = speakers;
        out
    }
}
/// A quote on its way into the extraction: its raw quote (none for reported speech) and its
/// speaker entity (none when below the confidence threshold).
struct Built {
    raw: Option<usize>,
    quote: Quote,
    entity: Option<EntityId>,
}

/// Turns the classified raw quotes into public quotes; terms go to `terms`, and a quote
/// nested in a term is part of the term.
fn quote_records(quotes: &[RawQuote], decided: &[Option<(Hit, Class)>], terms: &mut Vec<Span>) -> Vec<Built> {
    let mut built = Vec::with_capacity(quotes.len());
    let mut is_term = vec![false; quotes.len()];
    for (i, raw) in quotes.iter().enumerate() {
        let segments: Vec<Span> = raw.pieces.iter().map(|p| p.content).collect();
        let extent = raw.extent();
        let (hit, class) = if let Some(parent) = raw.parent {
            if is_term.get(parent).copied().unwrap_or(true) {
                (Hit::none(), Class::Term)
            } else {
                let nested = Hit { rule: Rule::Nested, ..Hit::none() };
                (nested, Class::Speech)
            }
        } else {
            decided.get(i).copied().flatten().unwrap_or((Hit::none(), Class::Speech))
        };
        let kind = match class {
            Class::Term => {
                if let Some(flag) = is_term.get_mut(i) {
                    *flag = true;
                }
                if raw.parent.is_none() {
                    terms.extend(segments);
                }
                continue;
            }
            Class::Partial => QuoteKind::Partial,
            Class::Speech => QuoteKind::Direct,
        };
        let marked: Vec<Span> = raw.pieces.iter().map(|p| p.extent).collect();
        let shown = hit.confidence >= Confidence::Medium;
        built.push(Built {
            raw: Some(i),
            quote: Quote {
                kind,
                segments,
                marked,
                extent,
                speaker: None,
                mention: hit.mention,
                cue: hit.cue,
                rule: hit.rule,
                confidence: hit.confidence,
                parent: None,
            },
            entity: hit.entity.filter(|_| shown),
        });
    }
    built
}
