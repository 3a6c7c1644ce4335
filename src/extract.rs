//! Quote and speaker extraction: `extract(&Article) -> Extraction`.
//!
//! Pipeline position: runs once per loaded article, after parsing and before layout. The
//! result is pure data (spans into `Article::text`) that the side pane, the quote jumps and the
//! `extract --json` command read.
//!
//! NOTE: this first version is deliberately simple (balanced marks + nearest "said" name); the
//! staged rule-based pipeline replaces it behind the same types.

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
}

/// How sure the extractor is of a speaker. Below `Medium` the speaker is not shown as a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// The rule that attributed a quote (or decided it has no speaker).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// No rule found a speaker.
    Unattributed,
    /// A cue verb next to the quote with a name beside it.
    AdjacentCue,
}

impl Rule {
    /// A stable short id (shown in the UI and the JSON output).
    pub fn id(self) -> &'static str {
        match self {
            Rule::Unattributed => "unattributed",
            Rule::AdjacentCue => "adjacent-cue",
        }
    }

    /// One sentence saying what the rule matched, for "why this speaker?".
    pub fn describe(self) -> &'static str {
        match self {
            Rule::Unattributed => "No rule found a speaker close enough to be sure.",
            Rule::AdjacentCue => "A speech verb next to the quote names the speaker.",
        }
    }
}

/// One quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The quoted words, quote marks excluded; several for a quote split by its attribution or
    /// continued over paragraphs. Sorted, non-overlapping.
    pub segments: Vec<Span>,
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

/// Extracts quotes and speakers from an article.
pub fn extract(article: &Article) -> Extraction {
    let text = &article.text;
    let mut out = Extraction::default();
    for block in article.blocks.iter().filter(|b| b.kind.is_body()) {
        let para = block.span.slice(text);
        let mut open: Option<usize> = None;
        for (i, c) in para.char_indices() {
            match c {
                '“' => open = Some(i + c.len_utf8()),
                '”' => {
                    if let Some(start) = open.take() {
                        let seg = Span::new(block.span.start + start, block.span.start + i);
                        let extent = Span::new(seg.start - '“'.len_utf8(), seg.end + '”'.len_utf8());
                        out.quotes.push(Quote {
                            kind: QuoteKind::Direct,
                            segments: vec![seg],
                            extent,
                            speaker: None,
                            mention: None,
                            cue: None,
                            rule: Rule::Unattributed,
                            confidence: Confidence::Low,
                            parent: None,
                        });
                    }
                }
                _ => {}
            }
        }
    }
    out
}
