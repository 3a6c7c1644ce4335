//! The quotes as the reader shows them: the pane's rows, the styled spans in the text and the
//! jump tables, all derived at once from the extraction and the pane's filter in a
//! [`QuoteView`], so that nothing can fall out of step when the filter changes.
//!
//! Speakers come in order of their first quote, each followed by their quotes in text order;
//! unattributed quotes are grouped at the end under their own heading (never under a guessed
//! name); reported (indirect) speech is listed apart when asked for.

use crate::extract::{Extraction, QuoteId, QuoteKind, SpeakerId};
use crate::span::Span;

/// Which quotes the pane lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuoteFilter {
    /// Only this speaker's quotes.
    pub speaker: Option<SpeakerId>,
    /// Reported speech (indirect and mixed) too.
    pub show_indirect: bool,
}

/// Everything the reader derives from one extraction under one filter. Built whole by
/// [`QuoteView::new`]; the reader rebuilds it when the extraction or the filter changes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteView {
    pub filter: QuoteFilter,
    /// The pane's rows.
    pub rows: Vec<PaneRow>,
    /// Styled text of the listed quotes (marks included), sorted and non-overlapping; a mixed
    /// clause yields to the quote it holds.
    pub spans: Vec<(Span, QuoteId)>,
    /// Listed quotes in text order (what `]` and `[` step through), with their starts.
    jump: Jumps,
    /// The same per speaker (index: speaker id; the last is for unattributed quotes).
    by_speaker: Vec<Jumps>,
    /// Listed quotes in pane order.
    pane_order: Vec<QuoteId>,
    /// Per quote id: its place in `pane_order` and its row, when listed.
    placed: Vec<Option<(usize, usize)>>,
}

/// Quotes in text order with their start offsets (sorted), for binary search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Jumps {
    ids: Vec<QuoteId>,
    starts: Vec<usize>,
}

impl Jumps {
    fn push(&mut self, id: QuoteId, start: usize) {
        self.ids.push(id);
        self.starts.push(start);
    }

    /// The next quote after `origin` (or at it, when `origin` is not itself a quote's start),
    /// or the previous one before it.
    fn step(&self, origin: usize, at_quote: bool, forward: bool) -> Option<QuoteId> {
        if forward {
            let i = if at_quote {
                self.starts.partition_point(|&s| s <= origin)
            } else {
                self.starts.partition_point(|&s| s < origin)
            };
            self.ids.get(i).copied()
        } else {
            let i = self.starts.partition_point(|&s| s < origin);
            i.checked_sub(1).and_then(|j| self.ids.get(j)).copied()
        }
    }
}

/// Which quotes a jump steps through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JumpScope {
    /// Every listed quote.
    All,
    /// The listed quotes of one speaker (`None`: the unattributed ones).
    Speaker(Option<SpeakerId>),
}

impl QuoteView {
    /// A view with no quotes yet (the extraction is still running).
    pub fn empty(filter: QuoteFilter) -> QuoteView {
        QuoteView { filter, ..QuoteView::default() }
    }

    /// Derives the view of `ex` (an extraction of `text`) under `filter`.
    pub fn new(ex: &Extraction, text: &str, filter: QuoteFilter) -> QuoteView {
        let rows = rows(ex, filter.speaker, filter.show_indirect);
        let mut jump = Jumps::default();
        let unattributed = ex.speakers.len();
        let mut by_speaker = vec![Jumps::default(); unattributed + 1];
        for (i, q) in ex.quotes.iter().enumerate() {
            let id = QuoteId(u32::try_from(i).unwrap_or(u32::MAX));
            if !is_listed(ex, id, filter.show_indirect) || (filter.speaker.is_some() && q.speaker != filter.speaker) {
                continue;
            }
            jump.push(id, q.extent.start);
            let slot = q.speaker.map_or(unattributed, |s| s.0 as usize);
            if let Some(j) = by_speaker.get_mut(slot) {
                j.push(id, q.extent.start);
            }
        }
        let mut pane_order = Vec::new();
        let mut placed = vec![None; ex.quotes.len()];
        for (row, r) in rows.iter().enumerate() {
            if let PaneRow::Quote(q) = r {
                if let Some(p) = placed.get_mut(q.0 as usize) {
                    *p = Some((pane_order.len(), row));
                }
                pane_order.push(*q);
            }
        }
        let spans = styled_spans(ex, text, filter.show_indirect);
        QuoteView { filter, rows, spans, jump, by_speaker, pane_order, placed }
    }

    /// The number of listed quotes.
    pub fn listed(&self) -> usize {
        self.jump.ids.len()
    }

    /// The pane row of a listed quote.
    pub fn row_of(&self, id: QuoteId) -> Option<usize> {
        self.placed.get(id.0 as usize).copied().flatten().map(|(_, row)| row)
    }

    /// The quote `delta` places from `from` in pane order (clamped to the list), or the first
    /// (`delta >= 0`) or last quote when nothing is selected. `None` when the list is empty or
    /// the move would not leave `from`.
    pub fn pane_step(&self, from: Option<QuoteId>, delta: isize) -> Option<QuoteId> {
        let n = self.pane_order.len();
        if n == 0 {
            return None;
        }
        let cur = from.and_then(|s| self.placed.get(s.0 as usize).copied().flatten()).map(|(i, _)| i);
        let next = match cur {
            None if delta >= 0 => 0,
            None => n - 1,
            Some(i) => i.saturating_add_signed(delta).min(n - 1),
        };
        if Some(next) == cur {
            return None;
        }
        self.pane_order.get(next).copied()
    }

    /// The listed quote of a paragraph: one that began in an earlier paragraph and runs into
    /// this one, else the first that starts in it.
    pub fn in_paragraph(&self, ex: &Extraction, para: Span) -> Option<QuoteId> {
        let (ids, starts) = (&self.jump.ids, &self.jump.starts);
        let i = starts.partition_point(|&s| s < para.start);
        let covering = i
            .checked_sub(1)
            .and_then(|j| ids.get(j).copied())
            .filter(|&id| ex.quote(id).is_some_and(|q| q.segments.iter().any(|s| s.overlaps(para))));
        let starting = ids.get(i).copied().filter(|_| starts.get(i).is_some_and(|&s| s < para.end));
        covering.or(starting)
    }

    /// The first or last quote in pane order.
    pub fn pane_edge(&self, last: bool) -> Option<QuoteId> {
        if last { self.pane_order.last() } else { self.pane_order.first() }.copied()
    }

    /// The next (`forward`) or previous listed quote in `scope` from `origin`; `at_quote` says
    /// that `origin` is the start of the selected quote (which is then not its own next).
    pub fn jump(&self, scope: JumpScope, origin: usize, at_quote: bool, forward: bool) -> Option<QuoteId> {
        let jumps = match scope {
            JumpScope::All => &self.jump,
            JumpScope::Speaker(s) => {
                self.by_speaker.get(s.map_or(self.by_speaker.len().saturating_sub(1), |s| s.0 as usize))?
            }
        };
        jumps.step(origin, at_quote, forward)
    }
}

/// The styled pieces of the listed quotes: each segment as marked in the text, marks
/// included; a mixed clause keeps the parts outside the quotes it holds. Sorted and
/// non-overlapping, so that a line's lookup can binary-search.
fn styled_spans(ex: &Extraction, text: &str, show_indirect: bool) -> Vec<(Span, QuoteId)> {
    let mut spans = Vec::new();
    let mut reported = Vec::new();
    for (i, q) in ex.quotes.iter().enumerate() {
        // A fragment held by a mixed quote is drawn as a quote inside its clause.
        let held = q.kind == QuoteKind::Partial
            && q.parent.and_then(|p| ex.quote(p)).is_some_and(|p| p.kind == QuoteKind::Mixed);
        if (q.parent.is_some() && !held) || (q.kind == QuoteKind::Indirect && !show_indirect) {
            continue;
        }
        let id = QuoteId(u32::try_from(i).unwrap_or(u32::MAX));
        for m in &q.marked {
            let s = m.clamp_to(text);
            if q.kind.is_reported() {
                reported.push((s, id));
            } else {
                spans.push((s, id));
            }
        }
    }
    spans.sort_by_key(|(s, _)| (s.start, s.end));
    let mut pieces = Vec::new();
    for (s, id) in reported {
        let mut from = s.start;
        for (q, _) in spans.iter().filter(|(q, _)| q.overlaps(s)) {
            if q.start > from {
                pieces.push((Span::new(from, q.start), id));
            }
            from = from.max(q.end);
        }
        if from < s.end {
            pieces.push((Span::new(from, s.end), id));
        }
    }
    spans.append(&mut pieces);
    spans.sort_by_key(|(s, _)| (s.start, s.end));
    let mut kept: Vec<(Span, QuoteId)> = Vec::with_capacity(spans.len());
    for (s, id) in spans {
        match kept.last() {
            Some((last, _)) if s.start < last.end => {
                if s.end > last.end {
                    kept.push((Span::new(last.end, s.end), id));
                }
            }
            _ => kept.push((s, id)),
        }
    }
    kept
}

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

/// Which quotes are jump targets and pane entries: direct, partial and mixed quotes that are
/// not nested inside another (a fragment is listed in the mixed quote that holds it), plus
/// indirect speech when `show_indirect`.
pub fn is_listed(ex: &Extraction, id: QuoteId, show_indirect: bool) -> bool {
    ex.quote(id).is_some_and(|q| q.parent.is_none() && (show_indirect || q.kind.is_quoted()))
}

/// Builds the pane rows, optionally for one speaker only.
pub fn rows(ex: &Extraction, filter: Option<SpeakerId>, show_indirect: bool) -> Vec<PaneRow> {
    let mut out = Vec::new();
    let direct = group(ex, filter, QuoteKind::is_quoted);
    emit(&mut out, &direct, false);
    if show_indirect {
        let indirect = group(ex, filter, |k| !k.is_quoted());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Confidence, Quote, Rule, Speaker, SpeakerKind};

    fn q(at: usize, speaker: Option<u32>, kind: QuoteKind) -> Quote {
        Quote {
            kind,
            segments: vec![Span::new(at, at + 1)],
            marked: vec![Span::new(at, at + 1)],
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

    fn view_of(text: &str, filter: QuoteFilter) -> (Extraction, QuoteView) {
        let ex = crate::extract::extract_text(text);
        let view = QuoteView::new(&ex, text, filter);
        (ex, view)
    }

    fn styled(text: &str, view: &QuoteView) -> Vec<String> {
        view.spans.iter().map(|(s, _)| s.slice(text).to_owned()).collect()
    }

    #[test]
    fn every_quote_style_is_styled_with_its_marks_whole() {
        for (text, quote) in [
            ("``We will rebuild,'' said Mayor Ana Ruiz.", "``We will rebuild,''"),
            ("‟We will rebuild,” said Mayor Ana Ruiz.", "‟We will rebuild,”"),
            ("“We will rebuild,” said Mayor Ana Ruiz.", "“We will rebuild,”"),
            ("«We will rebuild», said Mayor Ana Ruiz.", "«We will rebuild»"),
        ] {
            let (ex, view) = view_of(text, QuoteFilter::default());
            assert_eq!(ex.quotes.len(), 1, "{text}");
            assert_eq!(styled(text, &view), [quote], "{text}");
        }
    }

    #[test]
    fn a_filter_rebuilds_rows_spans_and_jumps_together() {
        let text = "“One,” said Ana Ruiz. “Two,” said Ben Ode. “Three,” Ruiz said.";
        let all = view_of(text, QuoteFilter::default()).1;
        assert_eq!(all.listed(), 3);
        let ruiz = all.rows.iter().find_map(|r| match r {
            PaneRow::Speaker { speaker: Some(s), quotes: 2, .. } => Some(*s),
            _ => None,
        });
        let Some(ruiz) = ruiz else { panic!("Ruiz has two quotes: {:?}", all.rows) };
        let (ex, only) = view_of(text, QuoteFilter { speaker: Some(ruiz), show_indirect: false });
        assert_eq!(only.listed(), 2);
        // The text keeps every quote styled: the filter narrows the pane and the jumps.
        assert_eq!(styled(text, &only), ["“One,”", "“Two,”", "“Three,”"]);
        // Quotes left out of the filter have no row and are no jump or pane target.
        let two = QuoteId(1);
        assert_eq!(only.row_of(two), None);
        assert_eq!(only.pane_step(None, 1), Some(QuoteId(0)));
        assert_eq!(only.pane_step(Some(QuoteId(0)), 1), Some(QuoteId(2)));
        assert_eq!(only.pane_step(Some(QuoteId(2)), 1), None, "the end of the list");
        assert_eq!(only.jump(JumpScope::All, 0, true, true), Some(QuoteId(2)));
        // In the full view: by speaker, and the unattributed ones among themselves.
        let start = |id: QuoteId| ex.quote(id).map_or(0, |q| q.extent.start);
        assert_eq!(all.jump(JumpScope::Speaker(Some(ruiz)), start(QuoteId(0)), true, true), Some(QuoteId(2)));
        assert_eq!(all.jump(JumpScope::Speaker(Some(ruiz)), start(QuoteId(2)), true, false), Some(QuoteId(0)));
        assert_eq!(all.jump(JumpScope::All, start(QuoteId(1)), true, true), Some(QuoteId(2)));
        assert_eq!(all.jump(JumpScope::All, start(QuoteId(2)), true, true), None);
        assert_eq!(all.jump(JumpScope::Speaker(None), 0, false, true), None, "none unattributed");
        assert_eq!(all.in_paragraph(&ex, Span::new(0, text.len())), Some(QuoteId(0)));
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
                Speaker { speaker: Some(SpeakerId(0)), quotes: 2, indirect: false },
                Quote(QuoteId(2)),
                Quote(QuoteId(5)),
                Blank,
                Speaker { speaker: None, quotes: 1, indirect: false },
                Quote(QuoteId(1)),
            ]
        );
        let filtered = rows(&ex, Some(SpeakerId(0)), true);
        assert_eq!(
            filtered,
            [
                Speaker { speaker: Some(SpeakerId(0)), quotes: 2, indirect: false },
                Quote(QuoteId(2)),
                Quote(QuoteId(5)),
                Blank,
                Section,
                Speaker { speaker: Some(SpeakerId(0)), quotes: 1, indirect: true },
                Quote(QuoteId(4)),
            ]
        );
        // A mixed quote holds quoted words: listed and a jump target like a quote; indirect
        // speech only when reported speech is shown.
        assert!(is_listed(&ex, QuoteId(5), false));
        assert!(!is_listed(&ex, QuoteId(4), false));
        assert!(is_listed(&ex, QuoteId(4), true));
    }
}
