//! Highlight runs: which parts of a visual line are quotes (and whose), search matches,
//! bookmarks, the selection, the cue and mention of an explained quote, and Markdown styles.
//!
//! Computed in the core so the UI only maps [`Marks`] to colours. Every source of spans is
//! sorted, and found by binary search, so the cost per line does not grow with the article.

use super::reader::Reader;
use crate::article::InlineStyle;
use crate::extract::{Extraction, QuoteId};
use crate::span::{Span, first_ending_after};

/// How a quote is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuoteMark {
    /// Speaker index (`None`: unattributed), used to pick a colour.
    pub speaker: Option<u32>,
    pub selected: bool,
    pub indirect: bool,
}

/// Everything that applies to a run of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    pub quote: Option<QuoteMark>,
    pub hit: bool,
    pub current_hit: bool,
    pub bookmark: bool,
    pub selection: bool,
    pub cue: bool,
    pub mention: bool,
    pub emphasis: bool,
    pub strong: bool,
    pub code: bool,
    pub link: bool,
    pub strike: bool,
}

/// A run of a line with the same marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub span: Span,
    pub marks: Marks,
}

/// Spans of `sorted` (by start, non-overlapping) that intersect `line`.
fn intersecting<T: Copy>(sorted: &[T], line: Span, span_of: impl Fn(&T) -> Span) -> impl Iterator<Item = T> {
    let from = first_ending_after(sorted, line.start, &span_of);
    sorted
        .get(from..)
        .unwrap_or_default()
        .iter()
        .copied()
        .take_while(move |x| span_of(x).start < line.end.max(line.start + 1))
}

/// The runs of one visual line. `why` adds the cue and mention of the selected quote.
pub fn line_runs(r: &Reader, line: Span, why: bool) -> Vec<Run> {
    let mut cuts = vec![line.start, line.end];
    let clip = |s: Span, cuts: &mut Vec<usize>| {
        if let Some(x) = s.intersect(line) {
            cuts.push(x.start);
            cuts.push(x.end);
        }
    };
    let quotes: Vec<(Span, QuoteId)> = intersecting(&r.quotes().spans, line, |(s, _)| *s).collect();
    let hits: Vec<(usize, Span)> = {
        let from = first_ending_after(&r.search.hits, line.start, |s| *s);
        r.search
            .hits
            .get(from..)
            .unwrap_or_default()
            .iter()
            .copied()
            .enumerate()
            .map(|(i, s)| (i + from, s))
            .take_while(|(_, s)| s.start < line.end)
            .collect()
    };
    let marks: Vec<Span> = intersecting(&r.mark_spans, line, |s| *s).collect();
    let selection = r.selection.map(|s| s.span).filter(|s| s.overlaps(line));
    let ex: Option<&Extraction> = r.extraction.as_deref();
    let (cue, mention) = match (why, ex, r.pane.selected) {
        (true, Some(ex), Some(sel)) => ex.quote(sel).map_or((None, None), |q| (q.cue, q.mention)),
        _ => (None, None),
    };
    let inlines: Vec<(Span, InlineStyle)> = if r.article.inlines.is_empty() {
        Vec::new()
    } else {
        let block = r.article.block_at(line.start).and_then(|b| r.article.blocks.get(b)).map_or(line, |b| b.span);
        let lo = r.article.inlines.partition_point(|i| i.span.start < block.start);
        let hi = r.article.inlines.partition_point(|i| i.span.start < block.end);
        r.article
            .inlines
            .get(lo..hi)
            .unwrap_or_default()
            .iter()
            .filter(|i| i.span.overlaps(line))
            .map(|i| (i.span, i.style))
            .collect()
    };
    for (s, _) in &quotes {
        clip(*s, &mut cuts);
    }
    for (_, s) in &hits {
        clip(*s, &mut cuts);
    }
    for s in marks.iter().chain(selection.iter()).chain(cue.iter()).chain(mention.iter()) {
        clip(*s, &mut cuts);
    }
    for (s, _) in &inlines {
        clip(*s, &mut cuts);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b {
            continue;
        }
        let seg = Span::new(a, b);
        let mut m = Marks::default();
        if let Some((_, id)) = quotes.iter().find(|(s, _)| s.contains_span(seg)) {
            let q = ex.and_then(|ex| ex.quote(*id));
            m.quote = Some(QuoteMark {
                speaker: q.and_then(|q| q.speaker).map(|s| s.0),
                // A fragment is selected with the mixed quote that holds it.
                selected: r.pane.selected.is_some_and(|sel| sel == *id || q.is_some_and(|q| q.parent == Some(sel))),
                indirect: q.is_some_and(|q| q.kind.is_reported()),
            });
        }
        if let Some((i, _)) = hits.iter().find(|(_, s)| s.contains_span(seg)) {
            m.hit = true;
            m.current_hit = r.search.current == Some(*i);
        }
        m.bookmark = marks.iter().any(|s| s.contains_span(seg));
        m.selection = selection.is_some_and(|s| s.contains_span(seg));
        m.cue = cue.is_some_and(|s| s.contains_span(seg));
        m.mention = mention.is_some_and(|s| s.contains_span(seg));
        for (s, style) in &inlines {
            if s.contains_span(seg) {
                match style {
                    InlineStyle::Emphasis => m.emphasis = true,
                    InlineStyle::Strong => m.strong = true,
                    InlineStyle::Code => m.code = true,
                    InlineStyle::Strikethrough => m.strike = true,
                    InlineStyle::Link(_) => m.link = true,
                }
            }
        }
        out.push(Run { span: seg, marks: m });
    }
    if out.is_empty() {
        out.push(Run { span: line, marks: Marks::default() });
    }
    out
}
