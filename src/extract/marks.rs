//! Stage 1: quote marks → quote spans.
//!
//! Pipeline position: the first stage of extraction; it sees only the body paragraphs and
//! their text. It finds candidate marks with `memchr`, decides for each whether it opens,
//! closes or is an apostrophe from the characters around it, votes on the document's primary
//! mark (double or single), pairs marks with a small stack (the other family nests inside),
//! and joins a quote that is left open at the end of a paragraph with the next paragraph when
//! that paragraph opens with the same mark again (the news convention for long quotes). A mark
//! that is never closed ends its quote at the end of its paragraph, so an unbalanced mark
//! never swallows the rest of the article.
//!
//! The output is [`RawQuote`]s (spans only, no classification): [`super::classify`] later
//! decides which are speech, partial quotes or terms.

use crate::span::Span;

mod scan;

use scan::scan_marks;

/// Which pair of glyphs a mark belongs to. Marks pair only within a family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Family {
    /// “ ” „ ‟ " and the two-character forms '' and two backticks (each counts as one mark).
    Double,
    /// ‘ ’ ' ‚ ‛.
    Single,
    /// « ».
    Guillemet,
    /// ‹ ›.
    SingleGuillemet,
}

/// What a mark can do, read from the characters on either side of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    /// A straight mark with the same context on both sides: decided by what is open.
    Either,
    /// ’ after an s or z and before a space: a plural possessive ("farmers’ union") unless a
    /// single quote is open and no other closer follows.
    PossessiveOrClose,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    span: Span,
    family: Family,
    dir: Dir,
}

/// How a quote ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Closure {
    /// By a closing mark.
    Closed,
    /// Never closed: the quote runs to the end of its (last) paragraph.
    Unclosed,
}

/// The part of a quote inside one paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Index of the paragraph in the list given to [`find_quotes`].
    pub para: usize,
    /// Opening mark (or re-opening mark) to closing mark, or to the paragraph end.
    pub extent: Span,
    /// The words inside, marks and surrounding whitespace excluded.
    pub content: Span,
}

/// The pieces of a quote: almost always one, kept inline so that a quote costs no allocation
/// of its own; a quote continued over paragraphs holds a vector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Pieces {
    One(Piece),
    Many(Vec<Piece>),
}

impl std::ops::Deref for Pieces {
    type Target = [Piece];

    fn deref(&self) -> &[Piece] {
        match self {
            Pieces::One(p) => std::slice::from_ref(p),
            Pieces::Many(v) => v,
        }
    }
}

/// A quote found from its marks alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawQuote {
    /// One piece per paragraph, in order.
    pub pieces: Pieces,
    pub family: Family,
    pub closure: Closure,
    /// The quote this one is nested in (an index into the same list).
    pub parent: Option<usize>,
}

impl RawQuote {
    pub fn extent(&self) -> Span {
        match (self.pieces.first(), self.pieces.last()) {
            (Some(a), Some(b)) => a.extent.cover(b.extent),
            _ => Span::default(),
        }
    }
}

/// The marks found in a document, paired into quotes.
#[derive(Clone, Debug, Default)]
pub(crate) struct QuoteMarks {
    /// Quotes in order of their opening mark; nested quotes follow their parent.
    pub quotes: Vec<RawQuote>,
}

/// Longest run of paragraphs one quote may continue over.
const MAX_CHAIN_PARAGRAPHS: usize = 12;
/// Longest quote in bytes; a longer chain is cut back to its paragraph.
const MAX_QUOTE_BYTES: usize = 20_000;
/// Deepest nesting kept.
const MAX_DEPTH: usize = 3;

/// Finds the quotes in `paras` (spans of `text`, in order, not overlapping).
///
/// Seen through the public API, a quote's extent runs from its opening to its closing mark
/// and its segment holds the words between (the apostrophe of "it’s" is not a mark):
///
/// ```
/// use quoth::extract::extract_text;
/// use quoth::span::Span;
/// let text = "He said “yes, it’s done” today.";
/// let q = &extract_text(text).quotes[0];
/// assert_eq!(q.extent, Span::new(8, 30));
/// assert_eq!(q.segments, [Span::new(11, 27)]);
/// ```
pub(crate) fn find_quotes(text: &str, paras: &[Span]) -> QuoteMarks {
    // All marks in one vector, with each paragraph's range: one allocation, not one per
    // paragraph.
    let mut all: Vec<Mark> = Vec::new();
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::with_capacity(paras.len());
    // Every mark starts with one of these bytes: '"', '\'', 0xE2 (curly marks and ‹ ›),
    // 0xC2 (« »), or '`'. They are sought once in the whole text (one search per paragraph
    // cost a search's setup per paragraph), the rare last two only when the text has one.
    let bytes = text.as_bytes();
    let mut starts: Vec<usize> = memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes).collect();
    if memchr::memchr2(0xC2, b'`', bytes).is_some() {
        starts.extend(memchr::memchr2_iter(0xC2, b'`', bytes));
        starts.sort_unstable();
    }
    // Paragraphs come in order: each one's starts follow the previous one's.
    let mut cursor = 0;
    let mut prev_end = 0;
    for &p in paras {
        if p.start < prev_end {
            cursor = 0;
        }
        prev_end = p.end;
        let mut lo = cursor;
        while starts.get(lo).is_some_and(|&a| a < p.start) {
            lo += 1;
        }
        let mut hi = lo;
        while starts.get(hi).is_some_and(|&a| a < p.end) {
            hi += 1;
        }
        cursor = hi;
        let from = all.len();
        scan_marks(text, p, starts.get(lo..hi).unwrap_or(&[]), &mut all);
        ranges.push(from..all.len());
    }
    let mut vote = Vote::default();
    vote.count(&all);
    let primary = vote.primary();
    let marks: Vec<&[Mark]> = ranges.iter().map(|r| all.get(r.clone()).unwrap_or(&[])).collect();
    // A quote takes two marks (one when left open): room for half the marks spares the
    // vector its regrowth and copies on quote-dense text, capped so that a flood of marks
    // does not reserve much more than it yields.
    let out = Vec::with_capacity((all.len() / 2).min(1 << 16));
    let mut pairer = Pairer { text, paras, primary, out, stack: Vec::new(), chain: None, chain_len: 0 };
    for (i, m) in marks.iter().enumerate() {
        pairer.paragraph(i, m, marks.get(i + 1).copied());
    }
    let mut quotes = pairer.out;
    // Without nesting the quotes come out in order already (each closes before the next
    // opens): then the sort below would keep every index, and is skipped.
    if quotes.windows(2).all(|w| match w {
        [a, b] => (a.extent().start, a.parent.is_some()) <= (b.extent().start, b.parent.is_some()),
        _ => true,
    }) {
        return QuoteMarks { quotes };
    }
    // Parents are recorded as indices at creation time; sort by start and remap them.
    // The keys are computed once, not at every comparison, and the index in each makes the
    // order total, so an unstable sort gives the stable order.
    let mut keys: Vec<(usize, bool, usize)> =
        quotes.iter().enumerate().map(|(i, q)| (q.extent().start, q.parent.is_some(), i)).collect();
    keys.sort_unstable();
    let order: Vec<usize> = keys.iter().map(|&(_, _, i)| i).collect();
    let mut new_index = vec![0; quotes.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(slot) = new_index.get_mut(old) {
            *slot = new;
        }
    }
    let mut sorted: Vec<RawQuote> = Vec::with_capacity(quotes.len());
    for &old in &order {
        if let Some(q) = quotes.get_mut(old) {
            let mut q = std::mem::replace(
                q,
                RawQuote {
                    pieces: Pieces::Many(Vec::new()),
                    family: Family::Double,
                    closure: Closure::Closed,
                    parent: None,
                },
            );
            q.parent = q.parent.and_then(|p| new_index.get(p).copied());
            sorted.push(q);
        }
    }
    QuoteMarks { quotes: sorted }
}

/// The mark that starts paragraph `i`, when it can open a quote (a continuation candidate).
fn first_mark_opens(text: &str, paras: &[Span], i: usize, marks: &[Mark]) -> Option<Mark> {
    let p = paras.get(i)?;
    let m = marks.first()?;
    if !matches!(m.dir, Dir::Open | Dir::Either) {
        return None;
    }
    let lead = p.slice(text);
    // A paragraph that starts with a visible ASCII character has no space to skip.
    let first_non_space = if lead.as_bytes().first().is_some_and(|b| (0x21..0x80).contains(b)) {
        p.start
    } else {
        p.start + (lead.len() - lead.trim_start().len())
    };
    (m.span.start == first_non_space).then_some(*m)
}

/// Counts strong openers of each family to pick the document's primary mark.
#[derive(Default)]
struct Vote {
    double: usize,
    single: usize,
}

impl Vote {
    fn count(&mut self, marks: &[Mark]) {
        for m in marks {
            if m.dir == Dir::Open {
                match m.family {
                    Family::Double => self.double += 1,
                    Family::Single => self.single += 1,
                    Family::Guillemet | Family::SingleGuillemet => {}
                }
            }
        }
    }

    /// Single marks are primary only when they clearly outnumber double ones (UK style);
    /// otherwise a single mark is a nested quote or an apostrophe.
    fn primary(&self) -> Family {
        if self.single >= 2 && self.single > 2 * self.double { Family::Single } else { Family::Double }
    }
}

/// An open quote on the pairing stack.
#[derive(Clone, Debug)]
struct Open {
    family: Family,
    /// Closed pieces from earlier paragraphs (continued quotes only).
    pieces: Vec<Piece>,
    /// Where the current piece starts (its opening mark) and where its content starts.
    piece_start: usize,
    content_start: usize,
    /// A secondary-family quote opened at the top level: it must close in its paragraph with
    /// a clear closing mark or it is dropped.
    strictness: Strictness,
    /// Nested quotes already emitted, whose parent is set when this quote is emitted.
    children: Vec<usize>,
}

/// How much evidence a quote needs before it is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Strictness {
    /// A primary-family quote: kept even when left open at the paragraph end.
    Lenient,
    /// A secondary-family quote at the top level: kept only when a clear closer ends it in
    /// the same paragraph (apostrophes make single marks unreliable).
    Strict,
}

/// A quote left open at a paragraph end that continues into the next paragraph.
struct Chain {
    open: Open,
    paragraphs: usize,
}

struct Pairer<'a> {
    text: &'a str,
    paras: &'a [Span],
    primary: Family,
    out: Vec<RawQuote>,
    stack: Vec<Open>,
    chain: Option<Chain>,
    /// Paragraphs the quote at the bottom of the stack has already continued over.
    chain_len: usize,
}

impl Pairer<'_> {
    fn secondary(&self) -> Family {
        match self.primary {
            Family::Single => Family::Double,
            _ => Family::Single,
        }
    }

    /// Whether a mark of `family` may open a quote at the current depth, and how strict the
    /// new quote is.
    fn may_open(&self, family: Family) -> Option<Strictness> {
        if self.stack.len() >= MAX_DEPTH {
            return None;
        }
        let top = self.stack.last().map(|o| o.family);
        let lenient = match top {
            None => family == self.primary || family == Family::Guillemet,
            // ‹ › nest in « »; otherwise only the other family nests.
            Some(Family::Guillemet) if family == Family::SingleGuillemet => true,
            Some(t) => t != family && family != Family::SingleGuillemet,
        };
        if lenient {
            Some(Strictness::Lenient)
        } else if top.is_none() && family == self.secondary() {
            Some(Strictness::Strict)
        } else {
            None
        }
    }

    /// `next` holds the marks of the next paragraph, if there is one.
    fn paragraph(&mut self, index: usize, marks: &[Mark], next: Option<&[Mark]>) {
        let Some(&para) = self.paras.get(index) else {
            return;
        };
        let mut rest = marks;
        self.chain_len = 0;
        if let Some(chain) = self.chain.take() {
            // The paragraph's first mark re-opens the continued quote (checked by the caller).
            if let Some((m, tail)) = marks.split_first() {
                let mut open = chain.open;
                open.piece_start = m.span.start;
                open.content_start = m.span.end;
                self.stack.push(open);
                self.chain_len = chain.paragraphs;
                rest = tail;
            }
        }
        for (k, m) in rest.iter().enumerate() {
            self.mark(index, *m, rest.get(k + 1..).unwrap_or(&[]));
        }
        self.end_paragraph(index, para, next);
    }

    fn push_open(&mut self, m: Mark, strictness: Strictness) {
        self.stack.push(Open {
            family: m.family,
            pieces: Vec::new(),
            piece_start: m.span.start,
            content_start: m.span.end,
            strictness,
            children: Vec::new(),
        });
    }

    fn mark(&mut self, para: usize, m: Mark, later: &[Mark]) {
        if matches!(m.dir, Dir::Close | Dir::Either | Dir::PossessiveOrClose) {
            if let Some(level) = self.stack.iter().rposition(|o| o.family == m.family) {
                let is_top = level + 1 == self.stack.len();
                let strict = self.stack.get(level).is_some_and(|o| o.strictness == Strictness::Strict);
                let closes = match m.dir {
                    // A plural possessive unless nothing else could close this quote.
                    Dir::PossessiveOrClose => {
                        is_top
                            && !later
                                .iter()
                                .take(16)
                                .any(|l| l.family == m.family && matches!(l.dir, Dir::Close | Dir::PossessiveOrClose))
                    }
                    Dir::Either => !strict,
                    Dir::Open | Dir::Close => true,
                };
                if closes {
                    while self.stack.len() > level + 1 {
                        self.drop_top();
                    }
                    if let Some(open) = self.stack.pop() {
                        self.emit(open, para, m.span, Closure::Closed);
                    }
                    return;
                }
            }
            if m.dir != Dir::Either {
                // A stray closer, or an apostrophe.
                return;
            }
        }
        match self.may_open(m.family) {
            Some(strictness) => self.push_open(m, strictness),
            None => {
                // The same mark again while one is open and it cannot close: the first one
                // was a typo, so the quote starts here instead.
                if m.dir == Dir::Open && self.stack.last().is_some_and(|o| o.family == m.family) {
                    self.drop_top();
                    if let Some(strictness) = self.may_open(m.family) {
                        self.push_open(m, strictness);
                    }
                }
            }
        }
    }

    /// Abandons the innermost open quote; quotes nested in it move up to its parent.
    fn drop_top(&mut self) {
        if let Some(dropped) = self.stack.pop() {
            match self.stack.last_mut() {
                Some(parent) => parent.children.extend(dropped.children),
                None => {
                    for c in dropped.children {
                        if let Some(q) = self.out.get_mut(c) {
                            q.parent = None;
                        }
                    }
                }
            }
        }
    }

    /// Turns a closed (or abandoned-at-paragraph-end) quote into output. Forced inline: out
    /// of line, every quote paid a call and a copy of its `Open` (0.3 M instructions of the
    /// 1 MB benchmark text); `#[inline]` alone left it out of line.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn emit(&mut self, open: Open, para: usize, close: Span, closure: Closure) {
        let last = Piece {
            para,
            extent: Span::new(open.piece_start, close.end),
            content: Span::new(open.content_start, close.start).trim(self.text),
        };
        let pieces = if open.pieces.is_empty() {
            // The common case: a quote within one paragraph.
            if last.content.is_empty() {
                return;
            }
            Pieces::One(last)
        } else {
            let mut pieces = open.pieces;
            pieces.push(last);
            pieces.retain(|p| !p.content.is_empty());
            match pieces.as_slice() {
                [] => return,
                [one] => Pieces::One(*one),
                _ => Pieces::Many(pieces),
            }
        };
        let index = self.out.len();
        for c in &open.children {
            if let Some(q) = self.out.get_mut(*c) {
                q.parent = Some(index);
            }
        }
        self.out.push(RawQuote { pieces, family: open.family, closure, parent: None });
        if let Some(parent) = self.stack.last_mut() {
            parent.children.push(index);
        }
    }

    fn end_paragraph(&mut self, index: usize, para: Span, next: Option<&[Mark]>) {
        while self.stack.len() > 1 {
            self.drop_top();
        }
        let Some(mut open) = self.stack.pop() else {
            return;
        };
        if open.strictness == Strictness::Strict {
            for c in open.children {
                if let Some(q) = self.out.get_mut(c) {
                    q.parent = None;
                }
            }
            return;
        }
        let first_start = open.pieces.first().map_or(open.piece_start, |p| p.extent.start);
        // The next paragraph's opening mark is looked at only here, for a quote left open.
        let next_first = next.and_then(|n| first_mark_opens(self.text, self.paras, index + 1, n));
        let continues = next_first.is_some_and(|m| m.family == open.family)
            && self.chain_len + 1 < MAX_CHAIN_PARAGRAPHS
            && para.end.saturating_sub(first_start) < MAX_QUOTE_BYTES;
        if continues {
            open.pieces.push(Piece {
                para: index,
                extent: Span::new(open.piece_start, para.end),
                content: Span::new(open.content_start, para.end).trim(self.text),
            });
            self.chain = Some(Chain { open, paragraphs: self.chain_len + 1 });
        } else {
            self.emit(open, index, Span::empty(para.end), Closure::Unclosed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quotes of a text whose paragraphs are separated by blank lines, as
    /// `(content per piece joined by " ¶ ", closed?, nested?)`.
    fn quotes(text: &str) -> Vec<(String, Closure, bool)> {
        let mut paras = Vec::new();
        let mut start = 0;
        for part in text.split("\n\n") {
            paras.push(Span::new(start, start + part.len()));
            start += part.len() + 2;
        }
        find_quotes(text, &paras)
            .quotes
            .iter()
            .map(|q| {
                let words: Vec<&str> = q.pieces.iter().map(|p| p.content.slice(text)).collect();
                (words.join(" ¶ "), q.closure, q.parent.is_some())
            })
            .collect()
    }

    #[track_caller]
    fn check(text: &str, want: &[&str]) {
        let got: Vec<String> = quotes(text)
            .into_iter()
            .map(|(t, c, nested)| {
                let mut s = t;
                if c == Closure::Unclosed {
                    s.push_str(" [open]");
                }
                if nested {
                    s.insert_str(0, "> ");
                }
                s
            })
            .collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn double_marks() {
        let cases: &[(&str, &[&str])] = &[
            ("“Yes,” she said.", &["Yes,"]),
            ("\"Yes,\" she said.", &["Yes,"]),
            ("«Oui», dit-il.", &["Oui"]),
            ("He said ''no way'' twice.", &["no way"]),
            ("He said “no” and “never.”", &["no", "never."]),
            ("A “question’’ remained.", &["question"]),
            ("“Apparently not,“ he said. “Fine.”", &["Apparently not,", "Fine."]),
            ("Mixed “marks\" here.", &["marks"]),
        ];
        for (text, want) in cases {
            check(text, want);
        }
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let cases: &[(&str, &[&str])] = &[
            (
                "“We’re not walking away from the farmers’ claims,” said Mr O’Neill.",
                &["We’re not walking away from the farmers’ claims,"],
            ),
            ("The ’90s were loud, and rock ’n’ roll ruled.", &[]),
            ("It's the players' turn and Xi’an's mayor's.", &[]),
            ("“Back in the ’90s,” he said.", &["Back in the ’90s,"]),
        ];
        for (text, want) in cases {
            check(text, want);
        }
    }

    #[test]
    fn nesting() {
        check(
            "“She said ‘don’t sign anything,’ so I didn’t,” said Marco.",
            &["She said ‘don’t sign anything,’ so I didn’t,", "> don’t sign anything,"],
        );
        check("\"He called it 'madness' again,\" she said.", &["He called it 'madness' again,", "> madness"]);
    }

    #[test]
    fn single_marks_as_primary() {
        check("‘We will act,’ the minister said. ‘Soon.’ The farmers’ union agreed.", &["We will act,", "Soon."]);
    }

    #[test]
    fn secondary_marks_at_top_level_need_a_clear_close() {
        check("Critics fear 'the union is over' now.", &["the union is over"]);
        check("The Jones' car and the 'boat.", &[]);
    }

    #[test]
    fn continued_over_paragraphs() {
        check(
            "“First part.\n\n“Second part.\n\n“Third part,” she said.",
            &["First part. ¶ Second part. ¶ Third part,"],
        );
    }

    #[test]
    fn unbalanced_marks_stay_local() {
        check(
            "He said “this never closes.\n\nNext paragraph with “a quote” here.",
            &["this never closes. [open]", "a quote"],
        );
        check("A stray” closer and “a real one.”", &["a real one."]);
        check("“Typo “Real quote,” he said.", &["Real quote,"]);
    }

    #[test]
    fn markup_attributes_are_not_quotes() {
        check("<tweet id=\"123\" author=\"x\">Hi</tweet> and “yes”", &["yes"]);
    }
}
