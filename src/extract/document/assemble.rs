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
            built.push(
                Quote {
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
                None,
                ind.hit.entity.filter(|_| shown),
            );
        }
        // Sorted by start; at the same start the longer first (a mixed clause before the quote
        // it holds), then a quote before reported speech.
        built.sort();
        let Built { quotes: mut list, raw, entity } = built;
        let mut index_of: Vec<Option<QuoteId>> = vec![None; quotes.len()];
        for (k, r) in raw.iter().enumerate() {
            if let Some(slot) = r.and_then(|r| index_of.get_mut(r)) {
                *slot = Some(QuoteId(u32::try_from(k).unwrap_or(u32::MAX)));
            }
        }
        let used: Vec<EntityId> = entity.iter().flatten().copied().collect();
        let (speakers, speaker_of) = self.registry.finish(text, &used);
        // The mixed quote whose clause is open at this point of the list, and its speaker.
        let mut clause: Option<(QuoteId, Span, Option<EntityId>)> = None;
        for (k, ((quote, r), e)) in list.iter_mut().zip(&raw).zip(&entity).enumerate() {
            if let Some(parent) = r.and_then(|r| quotes.get(r)).and_then(|r| r.parent) {
                quote.parent = index_of.get(parent).copied().flatten();
            }
            // "X called the plan “a holding measure”": the fragment is part of the mixed quote
            // that reports it, and is listed once, inside it.
            match quote.kind {
                QuoteKind::Mixed => clause = Some((QuoteId(u32::try_from(k).unwrap_or(u32::MAX)), quote.extent, *e)),
                QuoteKind::Partial if quote.parent.is_none() => {
                    if let Some((id, _, _)) = clause.filter(|(_, c, who)| c.contains_span(quote.extent) && who == e) {
                        quote.parent = Some(id);
                    }
                }
                _ => {}
            }
            quote.speaker = e.and_then(|e| speaker_of.get(e.0 as usize).copied().flatten());
        }
        out.quotes = list;
        out.terms.sort_unstable();
        out.speakers = speakers;
        out
    }
}
/// Quotes on their way into the extraction, with the raw quote of each (none for reported
/// speech) and its speaker entity (none when below the confidence threshold) beside it rather
/// than in a wrapper, so that the list becomes the extraction's without being copied: a 20 MB
/// story has tens of thousands of quotes, and two copies of them were a fifth of its peak
/// memory.
struct Built {
    quotes: Vec<Quote>,
    raw: Vec<Option<usize>>,
    entity: Vec<Option<EntityId>>,
}

impl Built {
    fn with_capacity(n: usize) -> Built {
        Built { quotes: Vec::with_capacity(n), raw: Vec::with_capacity(n), entity: Vec::with_capacity(n) }
    }

    fn reserve(&mut self, n: usize) {
        self.quotes.reserve_exact(n);
        self.raw.reserve_exact(n);
        self.entity.reserve_exact(n);
    }

    fn push(&mut self, quote: Quote, raw: Option<usize>, entity: Option<EntityId>) {
        self.quotes.push(quote);
        self.raw.push(raw);
        self.entity.push(entity);
    }

    /// Stable sort of the three lists together by (start, longer first, a quote before
    /// reported speech), moving the quotes in place.
    fn sort(&mut self) {
        let key = |k: usize| {
            let q = &self.quotes[k];
            (q.extent.start, std::cmp::Reverse(q.extent.end), self.raw[k].is_none())
        };
        let mut order: Vec<usize> = (0..self.quotes.len()).collect();
        order.sort_by_key(|&k| key(k));
        permute(&mut self.quotes, &order);
        permute(&mut self.raw, &order);
        permute(&mut self.entity, &order);
    }
}

/// Rearranges `v` in place so that `v[i]` becomes the old `v[order[i]]` (`order` is a
/// permutation of the indices), following each cycle with swaps.
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut placed = vec![false; v.len()];
    for start in 0..v.len() {
        if placed[start] {
            continue;
        }
        let mut i = start;
        loop {
            placed[i] = true;
            let j = order[i];
            if j == start {
                break;
            }
            v.swap(i, j);
            i = j;
        }
    }
}

/// Turns the classified raw quotes into public quotes; terms go to `terms`, and a quote
/// nested in a term is part of the term.
fn quote_records(quotes: &[RawQuote], decided: &[Option<(Hit, Class)>], terms: &mut Vec<Span>) -> Built {
    let mut built = Built::with_capacity(quotes.len());
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
            match decided.get(i).copied().flatten().unwrap_or((Hit::none(), Class::Speech)) {
                // Quoted words inside the narrator's sentence that nobody is credited with
                // are a scare quote, a title or a coinage far more often than speech: listed
                // with the terms, not presented as a quote of no one's.
                (hit, Class::Partial) if hit.entity.is_none() || hit.confidence < Confidence::Medium => {
                    (hit, Class::Term)
                }
                decided => decided,
            }
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
        built.push(
            Quote {
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
            Some(i),
            hit.entity.filter(|_| shown),
        );
    }
    built
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_gathers_in_place() {
        // Cycles of every length, and fixed points.
        let order = [3, 0, 1, 2, 4, 6, 5];
        let mut v: Vec<char> = "abcdefg".chars().collect();
        permute(&mut v, &order);
        let want: Vec<char> = order.iter().map(|&i| "abcdefg".as_bytes()[i] as char).collect();
        assert_eq!(v, want);
        let mut empty: Vec<u8> = Vec::new();
        permute(&mut empty, &[]);
        assert!(empty.is_empty());
    }
}
