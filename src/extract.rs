//! Quote and speaker extraction: `extract(&Article) -> Extraction`.
//!
//! Pipeline position: runs once per loaded article, after parsing and before layout. The
//! result is pure data (spans into `Article::text`) that the side pane, the quote jumps and the
//! `extract --json` command read.
//!
//! A staged, rule-based pipeline (no parser, no model), after
//! `research/quote-extraction.md` §4:
//!
//! 1. `marks`: quote marks → quote spans (curly, straight, single, guillemets, `''`;
//!    apostrophes skipped; nesting; quotes continued over paragraphs; unbalanced marks end at
//!    their paragraph);
//! 2. `tokens`: each paragraph's narrative → tokens (one token per quote) and sentences;
//! 3. `mentions`: names (titles peeled), role nominals and pronouns;
//! 4. `classify`: speech, partial quote, or term (scare quote, title);
//! 5. `attribute`: ordered sieves, the first that fires wins, each a [`Rule`] (order, ids,
//!    explanations and examples in [`rules`]);
//! 6. `speakers`: mentions → entities (aliases, role binding, pronouns);
//! 7. `indirect`: reported speech without marks.
//!
//! `document` runs the stages paragraph by paragraph in one linear pass.

mod attribute;
mod classify;
mod document;
mod indirect;
mod lexicon;
mod marks;
mod mentions;
pub mod rules;
mod speakers;
mod tokens;

pub use tokens::abbreviation_continues;

use crate::article::Article;
use crate::span::Span;
use serde::Serialize;

/// Index of a quote in `Extraction::quotes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct QuoteId(pub u32);

/// Index of a speaker in `Extraction::speakers`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SpeakerId(pub u32);

/// What kind of reported speech a quote is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words inside quote marks that are the whole of what is reported.
    Direct,
    /// A quoted fragment inside the narrator's sentence ("called the plan “dead on arrival”").
    Partial,
    /// Reported speech without quote marks ("X said that …").
    Indirect,
    /// A reported clause that holds a partial quote ("X said he rejected “interventionism”"):
    /// listed with reported speech; the quoted fragment is also a quote of its own.
    Mixed,
}

impl QuoteKind {
    /// Reported speech (indirect or mixed): paraphrase, drawn in italics.
    #[must_use]
    pub const fn is_reported(self) -> bool {
        matches!(self, QuoteKind::Indirect | QuoteKind::Mixed)
    }

    /// Holds words in quote marks: listed among the quotes (indirect speech is listed apart,
    /// when asked for).
    #[must_use]
    pub const fn is_quoted(self) -> bool {
        !matches!(self, QuoteKind::Indirect)
    }
}

/// How sure the extractor is of a speaker. Below `Medium` the speaker is not shown as a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    /// The name JSON output gives it (as its `Serialize`).
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// The rule that attributed a quote (or decided it has no speaker), in sieve order (see
/// [`rules`]). Each is one sieve of the attribution stage; [`Rule::describe`] is the reader's answer to "why this speaker?".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A cue right after the quote, with the speaker beside it: “…,” said X / “…,” X said.
    AdjacentCue,
    /// "according to X".
    AccordingTo,
    /// A name after a dash that closes the quote: “…” — X.
    DashCredit,
    /// The speaker and a cue before the quote in its sentence: X said: “…”.
    LeadingCue,
    /// The second part of a quote split by its attribution: “…,” X said, “…”.
    SplitQuote,
    /// A colon introduces the quote and the sentence's subject speaks: X turned to them: “…”.
    ColonIntro,
    /// The quote is given as someone's words: X’s “…”.
    PossessiveCredit,
    /// A cue elsewhere in the quote's sentence names the speaker.
    SameSentence,
    /// An earlier sentence of the same paragraph named the speaker.
    PreviousSentence,
    /// A quote-only paragraph continues the previous paragraph's speaker.
    Continuation,
    /// A verb of saying introduces reported words without quote marks: X said (that) ….
    ReportedSpeech,
    /// A quote inside another quote: its words are the outer speaker's quoting.
    Nested,
    /// No rule found a speaker.
    Unattributed,
}

impl Rule {
    /// Every rule, in sieve order ([`rules::RULES`]).
    pub const ALL: [Rule; 13] = {
        let mut all = [Rule::Unattributed; 13];
        let mut i = 0;
        while i < all.len() {
            all[i] = rules::RULES[i].rule;
            i += 1;
        }
        all
    };

    /// Its card: id, explanation, examples.
    pub fn card(self) -> &'static rules::RuleCard {
        &rules::RULES[self as usize]
    }

    /// A stable short id (shown in the UI and the JSON output).
    pub fn id(self) -> &'static str {
        self.card().id
    }

    /// One sentence saying what the rule matched, for "why this speaker?".
    pub fn describe(self) -> &'static str {
        self.card().describe
    }
}

/// One quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The quoted words, quote marks excluded; several for a quote split by its attribution or
    /// continued over paragraphs. Sorted, non-overlapping.
    pub segments: Vec<Span>,
    /// Each segment as it is marked in the text, one per segment: from its opening mark to
    /// its closing mark (to the paragraph end when left open), so that a reader can style
    /// the marks with the words whatever glyphs they are (TeX-style double backticks, or ‟…”). The clause itself
    /// for reported speech.
    pub marked: Vec<Span>,
    /// From the first opening mark to the last closing mark (the whole clause for indirect).
    pub extent: Span,
    pub speaker: Option<SpeakerId>,
    /// Where the speaker is referred to for this quote (a name, role or pronoun).
    pub mention: Option<Span>,
    /// The cue words ("said", "according to", …).
    pub cue: Option<Span>,
    pub rule: Rule,
    pub confidence: Confidence,
    /// For a quote nested inside another quote: the outer one. Nested quotes are never
    /// attributed on their own.
    pub parent: Option<QuoteId>,
}

impl Quote {
    /// The quoted words, segments joined by a space.
    pub fn text(&self, article_text: &str) -> String {
        let mut out = String::new();
        for s in &self.segments {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(s.slice(article_text).trim());
        }
        out
    }
}

/// What sort of speaker this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organisation,
    /// Only known by a role ("a police spokeswoman").
    Role,
}

impl SpeakerKind {
    /// The name JSON output gives it (as its `Serialize`).
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organisation => "organisation",
            SpeakerKind::Role => "role",
        }
    }
}

/// A speaker: one entity that several mentions refer to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// Canonical display name (the fullest form in the article).
    pub name: String,
    pub kind: SpeakerKind,
    /// Title or role when the article gives one ("foreign secretary").
    pub role: Option<String>,
    /// Other forms of the name seen in the article ("Ebrard", "Mr Ebrard").
    pub aliases: Vec<String>,
    /// Where the speaker is named, in text order.
    pub mentions: Vec<Span>,
}

/// Everything extracted from one article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Extraction {
    /// Sorted by `extent.start`.
    pub quotes: Vec<Quote>,
    pub speakers: Vec<Speaker>,
    /// Quoted words that are not speech: scare quotes, titles, nicknames.
    pub terms: Vec<Span>,
}

impl Extraction {
    pub fn speaker(&self, id: SpeakerId) -> Option<&Speaker> {
        self.speakers.get(id.0 as usize)
    }

    pub fn quote(&self, id: QuoteId) -> Option<&Quote> {
        self.quotes.get(id.0 as usize)
    }

    /// Display name of a quote's speaker, or `None` for unattributed quotes.
    pub fn speaker_name(&self, q: &Quote) -> Option<&str> {
        q.speaker.and_then(|s| self.speaker(s)).map(|s| s.name.as_str())
    }
}

/// An invariant of an [`Extraction`] that does not hold (see [`Extraction::validate`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvariantError {
    #[error("quote {quote}: a span ({start}..{end}) is not on char boundaries inside the text")]
    BadSpan { quote: usize, start: usize, end: usize },
    #[error("quote {0}: segments are empty, unsorted, overlapping or outside the extent")]
    BadSegments(usize),
    #[error("quote {0} starts before the quote before it")]
    Unsorted(usize),
    #[error("quote {0} overlaps an earlier quote without being nested in it")]
    Overlap(usize),
    #[error("quote {0}: its parent does not exist or does not contain it")]
    BadParent(usize),
    #[error("quote {0}: a speaker is shown below the confidence threshold, or does not exist")]
    BadSpeaker(usize),
    #[error("speaker {0}: a mention is not on char boundaries inside the text")]
    BadMention(usize),
    #[error("a term is not on char boundaries inside the text")]
    BadTerm,
}

impl Extraction {
    /// Checks the invariants every extraction of `text` keeps: all spans lie on char
    /// boundaries inside the text; segments are sorted, disjoint and inside their quote's
    /// extent, each inside its marked piece; quotes are sorted by start and do not overlap unless one is nested in the
    /// other (its `parent`) or held by a mixed quote's clause; a speaker is shown only at `Medium` confidence or above and
    /// exists. A pure function, for property tests and fuzzing.
    ///
    /// ```
    /// use quoth::extract::extract_text;
    /// let text = "“Yes,” said Ann Lee. “No.”";
    /// assert_eq!(extract_text(text).validate(text), Ok(()));
    /// ```
    pub fn validate(&self, text: &str) -> Result<(), InvariantError> {
        let on_text = |s: Span| s.start <= s.end && text.get(s.start..s.end).is_some();
        // Extents of the quotes that may still contain later ones, innermost last.
        let mut open: Vec<(usize, Span)> = Vec::new();
        let mut prev_start = 0;
        for (i, q) in self.quotes.iter().enumerate() {
            let spans =
                q.segments.iter().chain(&q.marked).chain([&q.extent]).chain(q.mention.iter()).chain(q.cue.iter());
            for &s in spans {
                if !on_text(s) {
                    return Err(InvariantError::BadSpan { quote: i, start: s.start, end: s.end });
                }
            }
            let segments_ok = !q.segments.is_empty()
                && q.segments.windows(2).all(|w| match w {
                    [a, b] => a.end <= b.start,
                    _ => true,
                })
                && q.segments.iter().all(|s| q.extent.contains_span(*s))
                && q.marked.len() == q.segments.len()
                && q.marked.iter().zip(&q.segments).all(|(m, s)| m.contains_span(*s) && q.extent.contains_span(*m));
            if !segments_ok {
                return Err(InvariantError::BadSegments(i));
            }
            if q.extent.start < prev_start {
                return Err(InvariantError::Unsorted(i));
            }
            prev_start = q.extent.start;
            while open.last().is_some_and(|(_, e)| e.end <= q.extent.start) {
                open.pop();
            }
            match (open.last(), q.parent) {
                (None, _) => {}
                (Some(&(outer, e)), Some(p)) if p.0 as usize == outer || e.contains_span(q.extent) => {}
                // A mixed quote is a reported clause around the quotes it holds.
                (Some(&(outer, e)), None)
                    if e.contains_span(q.extent)
                        && self.quotes.get(outer).is_some_and(|o| o.kind == QuoteKind::Mixed) => {}
                (Some(_), _) => return Err(InvariantError::Overlap(i)),
            }
            if let Some(p) = q.parent {
                let contains = p.0 as usize != i
                    && self.quotes.get(p.0 as usize).is_some_and(|o| o.extent.contains_span(q.extent));
                if !contains {
                    return Err(InvariantError::BadParent(i));
                }
            }
            if q.speaker.is_some() && (q.confidence < Confidence::Medium || self.speaker_name(q).is_none()) {
                return Err(InvariantError::BadSpeaker(i));
            }
            open.push((i, q.extent));
        }
        for (i, s) in self.speakers.iter().enumerate() {
            if !s.mentions.iter().all(|m| on_text(*m)) {
                return Err(InvariantError::BadMention(i));
            }
        }
        if !self.terms.iter().all(|t| on_text(*t)) {
            return Err(InvariantError::BadTerm);
        }
        Ok(())
    }
}

/// Extracts quotes and speakers from an article's body blocks.
pub fn extract(article: &Article) -> Extraction {
    let text = &article.text;
    // Blocks are in order and disjoint by construction; clamping a malformed block to char
    // boundaries could make two touch, so each starts no earlier than the last one ended.
    let mut paras: Vec<Span> = Vec::new();
    for b in article.blocks.iter().filter(|b| b.kind.is_body()) {
        let span = b.span.clamp_to(text);
        let start = paras.last().map_or(span.start, |p| span.start.max(p.end));
        if start < span.end {
            paras.push(Span::new(start, span.end));
        }
    }
    document::analyse(text, &paras)
}

/// Extracts from plain text whose paragraphs are separated by blank lines (every line of
/// the text is body). A pure function of any string: the fuzz and property tests use it.
///
/// ```
/// use quoth::extract::{extract_text, QuoteKind};
/// let text = "Mira Holt runs the port.\n\n“We open at dawn,” Holt said.";
/// let ex = extract_text(text);
/// let q = &ex.quotes[0];
/// assert_eq!(q.kind, QuoteKind::Direct);
/// assert_eq!(q.segments[0].slice(text), "We open at dawn,");
/// assert_eq!((q.extent.start, q.extent.end), (26, 48));
/// assert_eq!(ex.speaker_name(q), Some("Mira Holt"));
/// ```
pub fn extract_text(text: &str) -> Extraction {
    let mut paras = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        let span = Span::new(start, start + part.len()).trim(text);
        if !span.is_empty() {
            paras.push(span);
        }
        start += part.len() + 2;
    }
    document::analyse(text, &paras)
}
