//! The speakers-and-quotes pane as a list of rows, computed from the extraction.
//!
//! Speakers come in order of their first quote, each followed by their quotes in text order;
//! unattributed quotes are grouped at the end under their own heading (never under a guessed
//! name); reported (indirect) speech is listed apart when asked for.

use crate::extract::{Extraction, QuoteId, QuoteKind, SpeakerId};

/// One row of the pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaneRow {
    /// A speaker heading with their number of listed quotes; `None` is "Unattributed".
    Speaker {
        speaker: Option<SpeakerId>,
        quotes: usize,
        indirect: bool,
    },
    /// A section heading ("Reported speech").
    Section,
    Quote(QuoteId),
    Blank,
}

/// Which quotes are jump targets and pane entries: direct and partial quotes that are not
/// nested inside another, plus reported speech (indirect and mixed) when `show_indirect`.
pub fn is_listed(ex: &Extraction, id: QuoteId, show_indirect: bool) -> bool {
    ex.quote(id).is_some_and(|q| q.parent.is_none() && (show_indirect || !q.kind.is_reported()))
}

/// Builds the pane rows, optionally for one speaker only.
pub fn rows(ex: &Extraction, filter: Option<SpeakerId>, show_indirect: bool) -> Vec<PaneRow> {
    let mut out = Vec::new();
    let direct = group(ex, filter, |k| !k.is_reported());
    emit(&mut out, &direct, false);
    if show_indirect {
        let indirect = group(ex, filter, QuoteKind::is_reported);
        if !indirect.is_empty() {
            if !out.is_empty() {
                out.push(PaneRow::Blank);
            }
            out.push(PaneRow::Section);
            emit(&mut out, &indirect, true);
        }
    }
    out
}

type Groups = Vec<(Option<SpeakerId>, Vec<QuoteId>)>;

fn group(ex: &Extraction, filter: Option<SpeakerId>, kind_ok: impl Fn(QuoteKind) -> bool) -> Groups {
    let mut groups: Groups = Vec::new();
    let mut unattributed = Vec::new();
    for (i, q) in ex.quotes.iter().enumerate() {
        if q.parent.is_some() || !kind_ok(q.kind) {
            continue;
        }
        if filter.is_some() && q.speaker != filter {
            continue;
        }
        let id = QuoteId(u32::try_from(i).unwrap_or(u32::MAX));
        match q.speaker {
            None => unattributed.push(id),
            Some(s) => match groups.iter_mut().find(|(g, _)| *g == Some(s)) {
                Some((_, list)) => list.push(id),
                None => groups.push((Some(s), vec![id])),
            },
        }
    }
    if !unattributed.is_empty() {
        groups.push((None, unattributed));
    }
    groups
}

fn emit(out: &mut Vec<PaneRow>, groups: &Groups, indirect: bool) {
    for (i, (speaker, quotes)) in groups.iter().enumerate() {
        if i > 0 {
            out.push(PaneRow::Blank);
        }
        out.push(PaneRow::Speaker { speaker: *speaker, quotes: quotes.len(), indirect });
        out.extend(quotes.iter().map(|&q| PaneRow::Quote(q)));
    }
}

/// The row index of a quote.
pub fn row_of(rows: &[PaneRow], id: QuoteId) -> Option<usize> {
    rows.iter().position(|r| *r == PaneRow::Quote(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Confidence, Quote, Rule, Speaker, SpeakerKind};
    use crate::span::Span;

    fn q(at: usize, speaker: Option<u32>, kind: QuoteKind) -> Quote {
        Quote {
            kind,
            segments: vec![Span::new(at, at + 1)],
            extent: Span::new(at, at + 1),
            speaker: speaker.map(SpeakerId),
            mention: None,
            cue: None,
            rule: Rule::Unattributed,
            confidence: Confidence::High,
            parent: None,
        }
    }

    fn sp(name: &str) -> Speaker {
        Speaker { name: name.into(), kind: SpeakerKind::Person, role: None, aliases: vec![], mentions: vec![] }
    }

    #[test]
    fn groups_by_speaker_in_order_of_first_quote_with_unattributed_last() {
        let ex = Extraction {
            quotes: vec![
                q(0, Some(1), QuoteKind::Direct),
                q(5, None, QuoteKind::Direct),
                q(9, Some(0), QuoteKind::Partial),
                q(12, Some(1), QuoteKind::Direct),
                q(15, Some(0), QuoteKind::Indirect),
                q(18, Some(0), QuoteKind::Mixed),
            ],
            speakers: vec![sp("A"), sp("B")],
            terms: vec![],
        };
        use PaneRow::*;
        assert_eq!(
            rows(&ex, None, false),
            [
                Speaker { speaker: Some(SpeakerId(1)), quotes: 2, indirect: false },
                Quote(QuoteId(0)),
                Quote(QuoteId(3)),
                Blank,
                Speaker { speaker: Some(SpeakerId(0)), quotes: 1, indirect: false },
                Quote(QuoteId(2)),
                Blank,
                Speaker { speaker: None, quotes: 1, indirect: false },
                Quote(QuoteId(1)),
            ]
        );
        let filtered = rows(&ex, Some(SpeakerId(0)), true);
        assert_eq!(
            filtered,
            [
                Speaker { speaker: Some(SpeakerId(0)), quotes: 1, indirect: false },
                Quote(QuoteId(2)),
                Blank,
                Section,
                Speaker { speaker: Some(SpeakerId(0)), quotes: 2, indirect: true },
                Quote(QuoteId(4)),
                Quote(QuoteId(5)),
            ]
        );
        // Mixed quotes are reported speech: never jump targets unless reported speech is shown.
        assert!(!is_listed(&ex, QuoteId(5), false));
        assert!(is_listed(&ex, QuoteId(5), true));
    }
}
