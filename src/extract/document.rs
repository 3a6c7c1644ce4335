//! The paragraph loop: runs the stages over a document and assembles the [`Extraction`].
//!
//! Pipeline position: the body of [`super::extract`]. Quote marks are paired over the whole
//! document first ([`super::marks`]); then each paragraph is tokenised, its mentions found
//! and resolved to entities, its cue clauses collected, and its quotes attributed by the
//! sieves in the order given in [`super::rules`] (the first that fires wins; `Loop::quote`
//! in [`sieve`] is where that order is coded), and the extraction is put together in
//! [`assemble`].
//!
//! Then the quote is classified (speech, partial, term), reported speech is cut from the
//! remaining cue clauses, and the paragraph's last speaker is remembered for the next one.
//! Scratch buffers are reused between paragraphs, and every look-back is bounded, so the
//! whole pass is linear in the text.

use super::attribute::{Clause, Para};
use super::classify::{self, Class, Lead};
use super::lexicon::{Classes, Pronoun};
use super::marks::{self, RawQuote};
use super::mentions::{Case, Mention, MentionKind};
use super::speakers::{Create, EntityId, Link, Registry, Salience};
use super::tokens::{self, QuoteRef, Token, Unit};
use super::{Confidence, Extraction, QuoteKind, Rule};
use crate::span::Span;
use std::ops::Range;

mod assemble;
mod sieve;

/// A speaker decision for a quote or a reported clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Hit {
    rule: Rule,
    cue: Option<Span>,
    mention: Option<Span>,
    entity: Option<EntityId>,
    confidence: Confidence,
}

impl Hit {
    fn none() -> Hit {
        Hit { rule: Rule::Unattributed, cue: None, mention: None, entity: None, confidence: Confidence::Low }
    }
}

/// Someone speaking at a point of a paragraph (a quote's speaker or a cue clause's subject).
#[derive(Clone, Copy, Debug)]
struct Event {
    offset: usize,
    entity: EntityId,
    confidence: Confidence,
    mention: Option<Span>,
}

/// What the next paragraph needs from this one.
#[derive(Clone, Copy, Debug, Default)]
struct Carry {
    last: Option<Event>,
    /// Another person became the subject after the last speaker.
    interrupted: bool,
    /// The paragraph ended by introducing a quote with this colon ("The Gazette reports:"):
    /// `last` is who introduced it.
    intro: Option<Span>,
}

/// How closely a leading cue is tied to its quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Attachment {
    /// The cue clause ends with `:` or `,` right before the quote ("X said: “…”").
    Attached,
    Loose,
}

/// What the first piece of a quote found, for the decision at its last piece.
#[derive(Clone, Copy, Debug)]
struct FirstPiece {
    lead: Lead,
    attachment: Attachment,
    /// Leading, colon or inherited decision made at the first piece.
    early: Option<Hit>,
    /// Inherited from context (previous sentence or paragraph), when no cue is found.
    inherited: Option<Hit>,
}

impl Default for FirstPiece {
    fn default() -> Self {
        FirstPiece { lead: Lead::Clause, attachment: Attachment::Loose, early: None, inherited: None }
    }
}

/// A reported clause found in a paragraph.
struct Indirect {
    clause: Span,
    hit: Hit,
    /// `Indirect`, or `Mixed` for a clause that holds a partial quote.
    kind: QuoteKind,
}

struct Loop<'t> {
    text: &'t str,
    quotes: &'t [RawQuote],
    registry: Registry,
    /// Per raw quote, its speaker decision and class once its last piece is seen.
    decided: Vec<Option<(Hit, Class)>>,
    /// First pieces of quotes continued over paragraphs whose last piece is still to come
    /// (top-level quotes do not overlap, so there is rarely more than one).
    pending: Vec<(usize, FirstPiece)>,
    indirect: Vec<Indirect>,
    carry: Carry,
    // Scratch, reused between paragraphs.
    tokens: Vec<Token>,
    sentences: Vec<Range<usize>>,
    mentions: Vec<Mention>,
    entities: Vec<Option<(EntityId, Link)>>,
    clauses: Vec<Clause>,
    events: Vec<Event>,
    units: Vec<Unit>,
    /// Where the cues of this paragraph's attributed quotes start.
    quote_cues: Vec<usize>,
    /// Indices of the paragraph's quote tokens.
    quote_tokens: Vec<usize>,
    /// Indices of the paragraph's words that may open reported speech by themselves
    /// ("according", and "by"/"from" after a noun of saying): see [`Loop::reported`].
    rare_words: Vec<usize>,
    /// Indices of the paragraph's verbs of saying that can report a clause.
    cue_words: Vec<usize>,
}

/// Buffers reused from one document to the next on the same thread: the registry's maps
/// and the paragraph loop's vectors keep their capacity, so a reader or a batch run over many
/// articles does not allocate them afresh each time.
#[derive(Default)]
struct Scratch {
    registry: Registry,
    tokens: Vec<Token>,
    sentences: Vec<Range<usize>>,
    mentions: Vec<Mention>,
    entities: Vec<Option<(EntityId, Link)>>,
    clauses: Vec<Clause>,
    events: Vec<Event>,
    units: Vec<Unit>,
    quote_cues: Vec<usize>,
    quote_tokens: Vec<usize>,
    rare_words: Vec<usize>,
    cue_words: Vec<usize>,
    all_units: Vec<(usize, Unit)>,
}

impl Scratch {
    /// Longest buffer kept between documents (in elements).
    const KEEP: usize = 1 << 16;

    fn trimmed(mut self) -> Scratch {
        fn fit<T>(v: &mut Vec<T>) {
            v.clear();
            if v.capacity() > Scratch::KEEP {
                *v = Vec::new();
            }
        }
        fit(&mut self.tokens);
        fit(&mut self.sentences);
        fit(&mut self.mentions);
        fit(&mut self.entities);
        fit(&mut self.clauses);
        fit(&mut self.events);
        fit(&mut self.units);
        fit(&mut self.quote_cues);
        fit(&mut self.quote_tokens);
        fit(&mut self.rare_words);
        fit(&mut self.cue_words);
        fit(&mut self.all_units);
        self
    }
}

thread_local! {
    static SCRATCH: std::cell::Cell<Option<Scratch>> = const { std::cell::Cell::new(None) };
}

/// Runs the whole pipeline over the paragraphs `paras` of `text`.
pub(crate) fn analyse(text: &str, paras: &[Span]) -> Extraction {
    let scratch = SCRATCH.try_with(std::cell::Cell::take).ok().flatten().unwrap_or_default();
    let (out, scratch) = analyse_with(text, paras, scratch);
    // A thread being torn down has no storage left: the buffers are simply dropped.
    let _ = SCRATCH.try_with(|s| s.set(Some(scratch.trimmed())));
    out
}

fn analyse_with(text: &str, paras: &[Span], mut scratch: Scratch) -> (Extraction, Scratch) {
    let found = marks::find_quotes(text, paras);
    let quotes = &found.quotes;
    // Top-level quote pieces per paragraph, in text order.
    let mut units = std::mem::take(&mut scratch.all_units);
    units.clear();
    for (qi, q) in quotes.iter().enumerate() {
        if q.parent.is_some() {
            continue;
        }
        for (pi, piece) in q.pieces.iter().enumerate() {
            units.push((
                piece.para,
                Unit {
                    extent: piece.extent,
                    quote: QuoteRef {
                        quote: u32::try_from(qi).unwrap_or(u32::MAX),
                        piece: u32::try_from(pi).unwrap_or(u32::MAX),
                    },
                },
            ));
        }
    }
    units.sort_by_key(|(p, u)| (*p, u.extent.start));
    let mut registry = std::mem::take(&mut scratch.registry);
    registry.reset();
    let mut lp = Loop {
        text,
        quotes,
        registry,
        decided: vec![None; quotes.len()],
        pending: Vec::new(),
        indirect: Vec::new(),
        carry: Carry::default(),
        tokens: std::mem::take(&mut scratch.tokens),
        sentences: std::mem::take(&mut scratch.sentences),
        mentions: std::mem::take(&mut scratch.mentions),
        entities: std::mem::take(&mut scratch.entities),
        clauses: std::mem::take(&mut scratch.clauses),
        events: std::mem::take(&mut scratch.events),
        units: std::mem::take(&mut scratch.units),
        quote_cues: std::mem::take(&mut scratch.quote_cues),
        quote_tokens: std::mem::take(&mut scratch.quote_tokens),
        rare_words: std::mem::take(&mut scratch.rare_words),
        cue_words: std::mem::take(&mut scratch.cue_words),
    };
    let mut u = 0;
    for (pi, &para) in paras.iter().enumerate() {
        lp.units.clear();
        while let Some((p, unit)) = units.get(u) {
            if *p != pi {
                break;
            }
            // Top-level quotes never overlap; a defensive check keeps tokens in order.
            if lp.units.last().is_none_or(|l| l.extent.end <= unit.extent.start) {
                lp.units.push(*unit);
            }
            u += 1;
        }
        lp.paragraph(pi, para);
    }
    let out = lp.finish();
    let scratch = Scratch {
        registry: lp.registry,
        tokens: lp.tokens,
        sentences: lp.sentences,
        mentions: lp.mentions,
        entities: lp.entities,
        clauses: lp.clauses,
        events: lp.events,
        units: lp.units,
        quote_cues: lp.quote_cues,
        quote_tokens: lp.quote_tokens,
        rare_words: lp.rare_words,
        cue_words: lp.cue_words,
        all_units: units,
    };
    (out, scratch)
}

/// Tokens between a cue and a fragment of the narrator's sentence beyond which the cue no
/// longer makes the fragment a partial quote on its own.
const PARTIAL_REACH: usize = 14;

/// Runs of letters and digits in `s` (the words a reader would count), counted up to `cap`.
fn count_words(s: &str, cap: usize) -> usize {
    let mut n = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < s.len() && n < cap {
        let (class, len) = classify::char_class(s, i);
        let w = class & classify::ALNUM != 0;
        if w && !in_word {
            n += 1;
        }
        in_word = w;
        i += len;
    }
    n
}

/// Confidence of an attribution from the rule's shape and the mention's link.
fn confidence(rule: Rule, link: Link) -> Confidence {
    let tight = matches!(
        rule,
        Rule::AdjacentCue
            | Rule::SplitQuote
            | Rule::LeadingCue
            | Rule::AccordingTo
            | Rule::DashCredit
            | Rule::ReportedSpeech
    );
    match link {
        Link::Certain if tight => Confidence::High,
        Link::Certain | Link::Likely => Confidence::Medium,
        Link::Doubtful => Confidence::Low,
    }
}

impl Loop<'_> {
    fn paragraph(&mut self, pi: usize, para: Span) {
        let text = self.text;
        let quotes = self.quotes;
        // A first piece whose last piece lay in an earlier paragraph can no longer be used.
        self.pending.retain(|&(k, _)| quotes.get(k).and_then(|r| r.pieces.last()).is_some_and(|l| l.para >= pi));
        tokens::tokenize(text, para, &self.units, &mut self.tokens);
        let ends = |q: QuoteRef| {
            quotes
                .get(q.quote())
                .and_then(|r| r.pieces.get(q.piece()))
                .is_some_and(|p| tokens::ends_sentence(p.content.slice(text)))
        };
        tokens::sentences(&self.tokens, text, ends, &mut self.sentences);
        super::mentions::find_mentions(&self.tokens, text, &mut self.mentions);
        self.register_mentions(pi);
        self.events.clear();
        self.quote_cues.clear();

        let tokens = std::mem::take(&mut self.tokens);
        let sentences = std::mem::take(&mut self.sentences);
        let mentions = std::mem::take(&mut self.mentions);
        let mut quote_tokens = std::mem::take(&mut self.quote_tokens);
        quote_tokens.clear();
        self.rare_words.clear();
        self.cue_words.clear();
        // One pass over the tokens finds the quotes, the verbs of saying that report a clause
        // and the rare words of reported speech (by length first: most tokens have neither).
        for (i, t) in tokens.iter().enumerate() {
            if t.quote().is_some() {
                quote_tokens.push(i);
            } else if t.lex.cue().is_some_and(|c| c.reporting == super::lexicon::Reporting::Clause) {
                self.cue_words.push(i);
            } else if match t.span.len() {
                2 | 4 => matches!(t.bytes(text), b"by" | b"from"),
                9 => t.bytes(text).first().is_some_and(|b| b.eq_ignore_ascii_case(&b'a')),
                _ => false,
            } {
                // Never a verb of saying (a test checks it), so the branches exclude each other.
                self.rare_words.push(i);
            }
        }
        let p = Para { text, tokens: &tokens, sentences: &sentences, mentions: &mentions, quotes: &quote_tokens };
        let mut clauses = std::mem::take(&mut self.clauses);
        p.cue_clauses(&self.cue_words, &mut clauses);
        for &Clause { cue: c, mention: m } in &clauses {
            // Verbs of thinking ("believes", "fears") report a view, not words: they make
            // reported speech but not a speaker for the quotes that follow.
            let weak = tokens
                .get(c)
                .and_then(|t| t.lex.cue())
                .is_some_and(|cue| cue.strength == super::lexicon::Strength::Weak);
            if weak {
                continue;
            }
            if let Some(hit) = self.resolve(&p, Rule::ReportedSpeech, c..c + 1, m, pi)
                && let Some(entity) = hit.entity
            {
                // "Marwick said (that) she would stay": a he/she right after the cue of a
                // named speaker is, as a rule, that speaker; it tells the speaker's gender.
                let k = if tokens.get(c + 1).is_some_and(|t| t.span.slice(text) == "that") { c + 2 } else { c + 1 };
                if hit.confidence >= Confidence::Medium
                    && p.mention(m).is_some_and(|sm| sm.is_name() && sm.tokens.end <= c)
                    && let Some(pr) = tokens.get(k).and_then(|t| t.lex.pronoun())
                    && matches!(pr, Pronoun::He | Pronoun::She)
                {
                    self.registry.learn_gender(entity, pr.gender());
                }
                let offset = p.tokens.get(c).map_or(0, |t| t.span.start);
                self.events.push(Event { offset, entity, confidence: hit.confidence, mention: hit.mention });
            }
        }
        for &q in &quote_tokens {
            if let Some(r) = tokens.get(q).and_then(Token::quote) {
                self.quote(&p, pi, q, r);
            }
        }
        self.reported(&p, pi, &clauses);
        self.carry_over(&p, pi);
        self.clauses = clauses;
        self.quote_tokens = quote_tokens;
        self.tokens = tokens;
        self.sentences = sentences;
        self.mentions = mentions;
    }

    /// Resolves name mentions to entities and notes them as pronoun antecedents; binds roles
    /// from appositions ("Jane Doe, the foreign secretary,").
    #[inline(never)]
    fn register_mentions(&mut self, pi: usize) {
        let text = self.text;
        self.entities.clear();
        let mut sentence = 0;
        let mut first_in_sentence = true;
        for (i, m) in self.mentions.iter().enumerate() {
            while self.sentences.get(sentence).is_some_and(|s| s.end <= m.tokens.start) {
                sentence += 1;
                first_in_sentence = true;
            }
            let before_cue =
                (m.tokens.end..m.tokens.end + 3).any(|k| self.tokens.get(k).is_some_and(|t| t.lex.cue().is_some()));
            // "In Iowa, …", "to Smith": the object of a preposition is not a subject.
            let after_prep =
                m.tokens.start.checked_sub(1).and_then(|k| self.tokens.get(k)).is_some_and(|t| t.has(Classes::PREP));
            // "Outside the hall in Orsa, Mikkel Sand, 23, was waiting": the first name after an
            // opening prepositional phrase is the subject.
            let after_opening = !first_in_sentence && self.after_opening_phrase(sentence, m.tokens.start);
            let salience = if m.case == Case::Plain && !after_prep && (first_in_sentence || before_cue || after_opening)
            {
                Salience::Subject
            } else {
                Salience::Other
            };
            // A lone capitalised word of unknown kind ("Iowa", "Kimura") joins a known
            // person; it starts an entity of its own only as a subject.
            let lone = m.kind == MentionKind::Name && !m.name.slice(text).contains(' ');
            let entity = if m.is_name() {
                let create = if lone && salience == Salience::Other { Create::No } else { Create::Yes };
                self.registry.find_name(text, m, create)
            } else {
                None
            };
            self.entities.push(entity);
            if let Some((id, _)) = entity {
                // "Tobias Renwick, 34,": an age after a name says it is a person's.
                let aged = self.tokens.get(m.tokens.end).is_some_and(|t| t.is_punct(tokens::Punct::Comma))
                    && self.tokens.get(m.tokens.end + 1).is_some_and(|t| {
                        let w = t.span.slice(text);
                        (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
                    });
                if aged {
                    self.registry.mark_person(id);
                }
                self.registry.note(id, m.span.start, pi, salience);
            }
            first_in_sentence = false;
            // Appositions bind roles to names.
            if i > 0
                && let (Some(a), Some(b)) = (self.mentions.get(i - 1), Some(m))
            {
                let comma_between = a.tokens.end + 1 == b.tokens.start
                    && self.tokens.get(a.tokens.end).is_some_and(|t| t.is_punct(tokens::Punct::Comma));
                if comma_between {
                    let pair = match (a.kind, b.kind) {
                        (MentionKind::Role(_), _) if b.is_name() => Some((a, i)),
                        (_, MentionKind::Role(_)) if a.is_name() => Some((b, i - 1)),
                        _ => None,
                    };
                    if let Some((role, name_idx)) = pair {
                        let id = if name_idx == i {
                            entity.map(|e| e.0)
                        } else {
                            self.entities.get(name_idx).copied().flatten().map(|e| e.0)
                        };
                        if let Some(id) = id {
                            self.registry.bind_role(text, role.name, id);
                        }
                    }
                }
            }
        }
    }

    /// Whether the token at `at` directly follows the comma closing a sentence-opening
    /// prepositional phrase ("In Iowa on Monday, …"), with no other comma before it.
    fn after_opening_phrase(&self, sentence: usize, at: usize) -> bool {
        let Some(s) = self.sentences.get(sentence) else {
            return false;
        };
        let (Some(first), Some(comma)) = (self.tokens.get(s.start), at.checked_sub(1)) else {
            return false;
        };
        first.has(Classes::PREP)
            && comma > s.start
            && self.tokens.get(comma).is_some_and(|t| t.is_punct(tokens::Punct::Comma))
            && self.tokens.get(s.start..comma).is_some_and(|ts| !ts.iter().any(|t| t.is_punct(tokens::Punct::Comma)))
    }

    /// The entity of a name mention that speaks, created now if registration skipped it.
    fn name_entity(&mut self, m: &Mention, index: usize) -> Option<(EntityId, Link)> {
        if let Some(e) = self.entities.get(index).copied().flatten() {
            return Some(e);
        }
        let e = self.registry.find_name(self.text, m, Create::Yes)?;
        if let Some(slot) = self.entities.get_mut(index) {
            *slot = Some(e);
        }
        Some(e)
    }

    /// Reported speech from the paragraph's cue clauses.
    #[inline(never)]
    fn reported(&mut self, p: &Para<'_>, pi: usize, clauses: &[Clause]) {
        let decided = &self.decided;
        // How the quote behind a quote token or unit was classified (none: not decided).
        let decision = |r: QuoteRef| decided.get(r.quote()).copied().flatten();
        let blocks = |t: &Token| t.quote().is_some_and(|r| decision(r).is_none_or(|(_, c)| c != Class::Term));
        let speech = |t: &Token| t.quote().is_some_and(|r| decision(r).is_none_or(|(_, c)| c == Class::Speech));
        let text = self.text;
        // "X said he rejected “interventionism”": the reported clause around a partial quote
        // is a mixed quote; around a whole quoted sentence it is no reported speech at all,
        // and a clause that is mostly the quoted words is left to the quote alone.
        // The paragraph's quotes are its units (one token each): few, so looked at directly.
        let units = &self.units;
        let class_of = |u: &Unit| decision(u.quote).map(|(_, c)| c);
        let kind_of = |rep: &super::indirect::Reported| {
            let mut quoted = 0;
            for u in units.iter().filter(|u| rep.clause.contains_span(u.extent)) {
                match class_of(u) {
                    None | Some(Class::Speech) => return None,
                    Some(Class::Partial) => quoted += count_words(u.extent.slice(text), usize::MAX),
                    Some(Class::Term) => {}
                }
            }
            if quoted == 0 { Some(QuoteKind::Indirect) } else { Some(QuoteKind::Mixed) }
        };
        // One pass over the tokens for the rare words: "according (to)", and "by"/"from" after
        // a noun of saying; the length first, since most tokens have neither.
        let mut found = Vec::new();
        let mut according = Vec::new();
        let has_partial = units.iter().any(|u| class_of(u) == Some(Class::Partial));
        // Only the verb that attributes the fragment makes its clause a mixed quote
        // (“conceded the seat, telling supporters that it was “a clear verdict”” is not a
        // clause of "conceded").
        let attributes_fragment = |rep: &super::indirect::Reported| {
            units.iter().any(|u| {
                rep.clause.contains_span(u.extent)
                    && decision(u.quote).is_some_and(|(hit, c)| c == Class::Partial && hit.cue == Some(rep.cue))
            })
        };
        for &i in &self.rare_words {
            let Some(t) = p.tokens.get(i) else { continue };
            match t.span.len() {
                9 => {
                    if t.span.slice(text).eq_ignore_ascii_case("according")
                        && let Some(m) = p.according_to_mention(i)
                        && let Some(rep) = p.reported_according_to(i, m)
                    {
                        according.push((rep, Rule::AccordingTo, i..i + 2, QuoteKind::Indirect));
                    }
                }
                // Nouns of saying come first: "replied to comments by X that …" reports X.
                _ => {
                    if i > 0
                        && matches!(text.as_bytes().get(t.span.start..t.span.end), Some(b"by" | b"from"))
                        && let Some(rep) = p.reported_noun_cue(i - 1)
                        && let Some(kind) = kind_of(&rep)
                    {
                        found.push((rep, Rule::ReportedSpeech, i - 1..i, kind));
                    }
                }
            }
        }
        for &Clause { cue: c, mention: m } in clauses {
            // A cue that attributes a quote is not also reported speech.
            let cue_start = p.tokens.get(c).map_or(0, |t| t.span.start);
            let attributes_quote = self.quote_cues.contains(&cue_start);
            if !attributes_quote && let Some(rep) = p.reported(c, m, blocks) {
                found.push((rep, Rule::ReportedSpeech, c..c + 1, QuoteKind::Indirect));
                continue;
            }
            if has_partial
                && let Some(rep) = p.reported(c, m, speech)
                && kind_of(&rep) == Some(QuoteKind::Mixed)
                && attributes_fragment(&rep)
            {
                found.push((rep, Rule::ReportedSpeech, c..c + 1, QuoteKind::Mixed));
            }
        }
        // A fragment whose cue made no mixed quote above: a verb that takes a quote but no
        // clause ("called the plan “a holding measure”"), or a clause cut short.
        for u in units.iter().filter(|u| class_of(u) == Some(Class::Partial)) {
            if found.iter().any(|(rep, ..)| rep.clause.contains_span(u.extent)) {
                continue;
            }
            let Some((hit, _)) = decision(u.quote) else { continue };
            let (Some(cue), Some(said_by)) = (hit.cue, hit.mention) else { continue };
            let Ok(c) = p.tokens.binary_search_by_key(&cue.start, |t| t.span.start) else { continue };
            let Some(m) = p.mentions.iter().position(|x| x.span == said_by || x.name == said_by) else { continue };
            if let Some(rep) = p.reported_fragment(c, m, u.extent)
                && kind_of(&rep) == Some(QuoteKind::Mixed)
            {
                found.push((rep, Rule::ReportedSpeech, c..c + 1, QuoteKind::Mixed));
            }
        }
        found.append(&mut according);
        for (rep, rule, cue, kind) in found {
            // Cues are found in several passes, so any recent clause may overlap.
            let overlaps = self.indirect.iter().rev().take(16).any(|l| l.clause.overlaps(rep.clause));
            if overlaps {
                continue;
            }
            let Some(mut hit) = self.resolve(p, rule, cue, rep.mention, pi) else {
                continue;
            };
            hit.cue = Some(rep.cue);
            self.indirect.push(Indirect { clause: rep.clause, hit, kind });
        }
    }

    /// Remembers who spoke last in this paragraph for a quote-only paragraph after it.
    #[inline(never)]
    fn carry_over(&mut self, p: &Para<'_>, pi: usize) {
        if let Some((colon, m)) = p.closing_colon_subject()
            && let Some(hit) = self.resolve(p, Rule::ColonIntro, colon..colon + 1, m, pi)
            && let Some(entity) = hit.entity
        {
            let offset = p.tokens.get(colon).map_or(0, |t| t.span.start);
            let last = Event { offset, entity, confidence: hit.confidence, mention: hit.mention };
            let intro = p.tokens.get(colon).map(|t| t.span);
            self.carry = Carry { last: Some(last), interrupted: false, intro };
            return;
        }
        let last = self.events.iter().max_by_key(|e| e.offset).copied();
        let Some(last) = last else {
            // No speaker here: a narrative paragraph breaks the chain.
            self.carry = Carry::default();
            return;
        };
        let interrupted = p.mentions.iter().enumerate().any(|(i, m)| {
            m.span.start > last.offset
                && m.case == Case::Plain
                && matches!(m.kind, MentionKind::Person | MentionKind::Name)
                && self.entities.get(i).copied().flatten().is_some_and(|(id, _)| id != last.entity)
                && p.tokens.get(m.tokens.end).is_some_and(|t| t.is_word() && !t.has(Classes::ROLE))
        });
        self.carry = Carry { last: Some(last), interrupted, intro: None };
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::lookup;
    use super::count_words;

    #[test]
    fn the_rare_words_of_reported_speech_are_no_verbs_of_saying() {
        // The paragraph's token pass lists a word as a verb of saying or as a rare word,
        // never both.
        for w in ["according", "According", "by", "from"] {
            assert!(lookup(w).cue().is_none(), "{w}");
        }
    }

    #[test]
    fn word_counts_stop_at_their_cap() {
        // Runs of letters and digits: "O’Neill" counts twice.
        assert_eq!(count_words("“Not now,” she said — twice… O’Neill", usize::MAX), 7);
        assert_eq!(count_words("one two three four", 2), 2);
        assert_eq!(count_words("", 3), 0);
    }
}
