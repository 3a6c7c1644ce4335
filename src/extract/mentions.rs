//! Stage 3: tokens → mentions of possible speakers.
//!
//! Pipeline position: after [`super::tokens`], once per paragraph, on narrative tokens only
//! (quotes are single tokens and never searched). A mention is one of:
//!
//! * a **name**: a run of capitalised words with initials ("George W. Bush"), connector
//!   particles ("Ahmed bin Rashid al-Falasi") and "of" after a title or organisation word
//!   ("Secretary of State …", "Ministry of Transport"), with leading sentence words
//!   ("But", "On") dropped and titles peeled off ("Finance Minister | Priya Natarajan");
//!   typed as a person (title, forename), an organisation (head word, acronym, outlet) or
//!   unknown;
//! * a **role nominal**: determiner + modifiers + role noun + an optional "for/of/at …"
//!   phrase ("a spokeswoman for the water company"); a role directly followed by a name
//!   becomes that person's title ("campaign manager Jeff Weaver");
//! * a **pronoun** (he, she, they, it, and first/second person, which are never speakers).
//!
//! Appositions ("Lena Okafor, a geologist," / "the foreign secretary, Marcelo Ebrard,") are
//! found by the attribution sieves from the commas around mentions.

use super::lexicon::{Classes, Gender, Pronoun, VerbForm};
use super::tokens::{Kind, Punct, Token};
use crate::span::Span;
use std::ops::Range;

/// Singular or plural, for role nominals ("officials said").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Number {
    Singular,
    Plural,
}

/// What a mention refers to, as far as its words tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MentionKind {
    /// A person's name (a title or a known forename says so).
    Person,
    /// An organisation's name.
    Org,
    /// A capitalised name of unknown type: a surname alone, a place, a team…
    Name,
    /// A description without a name ("the minister", "officials").
    Role(Number),
    Pronoun(Pronoun),
}

/// Whether a mention is in the possessive ("Clinton’s").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    Plain,
    Possessive,
}

/// A possible speaker mention in a paragraph's narrative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    /// Token indices in the paragraph.
    pub tokens: Range<usize>,
    /// All the words of the mention (title, determiner, role phrase included).
    pub span: Span,
    /// The name proper, titles and possessive stripped; for a role, the role words.
    pub name: Span,
    /// Title or role words before a name ("Finance Minister", "spokesman").
    pub title: Option<Span>,
    pub kind: MentionKind,
    pub gender: Gender,
    pub case: Case,
}

impl Mention {
    /// Names (of any type) rather than roles or pronouns.
    pub fn is_name(&self) -> bool {
        matches!(self.kind, MentionKind::Person | MentionKind::Org | MentionKind::Name)
    }

    pub fn pronoun(&self) -> Option<Pronoun> {
        match self.kind {
            MentionKind::Pronoun(p) => Some(p),
            _ => None,
        }
    }
}

/// Finds the mentions of a paragraph's tokens, in order and without overlap.
pub(crate) fn find_mentions(tokens: &[Token], text: &str, out: &mut Vec<Mention>) {
    out.clear();
    let mut i = 0;
    while let Some(t) = tokens.get(i) {
        if !t.is_word() {
            i += 1;
            continue;
        }
        if let Some(p) = t.lex.pronoun() {
            out.push(Mention {
                tokens: i..i + 1,
                span: t.span,
                name: t.span,
                title: None,
                kind: MentionKind::Pronoun(p),
                gender: p.gender(),
                case: Case::Plain,
            });
            i += 1;
            continue;
        }
        if t.is_lower() {
            if t.has(Classes::ROLE) && !t.has(Classes::CUE) {
                i = role_nominal(tokens, text, i, out);
            } else {
                i += 1;
            }
            continue;
        }
        // A capitalised word.
        let next = tokens.get(i + 1);
        let keep_forename = t.has(Classes::FORENAME)
            && next.is_some_and(|n| n.is_capitalised() && !n.has(Classes::STOPCAP) && n.span.start > t.span.end);
        // "Will said", "Read wrote": a word that is usually a function word or a verb is a
        // name when a verb of saying follows it.
        let name_before_cue = (t.has(Classes::FORENAME) || t.lex.cue().is_some())
            && next.is_some_and(|n| n.is_lower() && n.lex.cue().is_some());
        if t.has(Classes::STOPCAP) && !keep_forename && !name_before_cue {
            i += 1;
            continue;
        }
        // "Continued Stone: …", "Added Ruiz, …": an inverted verb of saying opens the
        // sentence; the name starts after it.
        let opening_cue = t.lex.cue().is_some_and(|c| {
            matches!(c.form, VerbForm::Past | VerbForm::ThirdPerson) && c.order == super::lexicon::Order::Inverts
        }) && !t.has(Classes::FORENAME)
            && next.is_some_and(|n| n.is_capitalised() && n.lex.pronoun().is_none());
        if opening_cue {
            i += 1;
            continue;
        }
        if t.has(Classes::MONTH) && !tokens.get(i + 1).is_some_and(|n| n.is_capitalised() && !n.has(Classes::TIME)) {
            i += 1;
            continue;
        }
        let end = chunk_end(tokens, text, i);
        match name_mention(tokens, text, i..end) {
            Some(m) if matches!(m.kind, MentionKind::Role(_)) => {
                // A capitalised role word ("Police said", "The President").
                i = role_nominal(tokens, text, m.tokens.end - 1, out);
            }
            Some(m) => {
                out.push(m);
                i = end;
            }
            None => i = end.max(i + 1),
        }
    }
}

/// Where a run of capitalised words starting at `start` ends (exclusive).
fn chunk_end(tokens: &[Token], text: &str, start: usize) -> usize {
    /// Longer capitalised runs are headlines or lists, not names; the cap also keeps title
    /// peeling (quadratic in the run) cheap.
    const MAX_CHUNK: usize = 12;
    let mut j = start + 1;
    if tokens.get(start).is_some_and(|t| t.is_possessive(text)) {
        return j;
    }
    while let Some(t) = tokens.get(j).filter(|_| j < start + MAX_CHUNK) {
        let prev = tokens.get(j - 1);
        let adjacent_next = |k: usize| tokens.get(k).filter(|n| n.is_capitalised());
        let take = match t.kind {
            Kind::Word(_) if t.is_capitalised() => {
                (!t.has(Classes::TIME) || t.has(Classes::FORENAME)) && t.lex.pronoun().is_none()
            }
            Kind::Word(_) => {
                let particle = t.has(Classes::PARTICLE) && adjacent_next(j + 1).is_some() || is_prefixed_name(t, text);
                // "Secretary of State", "Ministry of Transport"; but "Peter T. King of New
                // York": after a forename or an initial the title word is a surname.
                let named = || {
                    tokens
                        .get(start..j)
                        .is_some_and(|ts| ts.iter().any(|n| n.has(Classes::FORENAME) || is_initial(n.span.slice(text))))
                };
                let of = t.bytes(text) == b"of"
                    && prev.is_some_and(|p| p.has(Classes::TITLE.union(Classes::ORG_HEAD)))
                    && !named()
                    && (adjacent_next(j + 1).is_some()
                        || tokens.get(j + 1).is_some_and(|n| n.bytes(text) == b"the")
                            && adjacent_next(j + 2).is_some());
                let the_after_of = t.bytes(text) == b"the"
                    && prev.is_some_and(|p| p.bytes(text) == b"of")
                    && adjacent_next(j + 1).is_some();
                particle || of || the_after_of
            }
            // "the Farmers’ Association": a plural possessive inside an organisation's name.
            Kind::Punct(_) if is_apostrophe_mark(t.bytes(text)) => {
                prev.is_some_and(|p| p.is_capitalised() && p.span.end == t.span.start && p.bytes(text).ends_with(b"s"))
                    && adjacent_next(j + 1).is_some_and(|n| n.has(Classes::ORG_HEAD))
            }
            // "Sen. Jo", "George W. Bush": a period after a short title or an initial.
            Kind::Punct(Punct::Period) => {
                prev.is_some_and(|p| {
                    p.span.end == t.span.start && (p.has(Classes::SHORT_TITLE) || is_initial(p.span.slice(text)))
                }) && adjacent_next(j + 1).is_some()
            }
            _ => false,
        };
        if !take {
            break;
        }
        j += 1;
        if t.is_word() && t.is_possessive(text) {
            break;
        }
    }
    // Never end on a connector.
    while j > start + 1 && tokens.get(j - 1).is_some_and(|t| !t.is_capitalised() && !is_prefixed_name(t, text)) {
        j -= 1;
    }
    j
}

/// A lone apostrophe token: ’ or '.
fn is_apostrophe_mark(b: &[u8]) -> bool {
    matches!(b, b"'" | b"\xE2\x80\x99")
}

/// A lowercase particle joined to a capitalised name part: "al-Falasi", "d’Alembert".
#[inline]
fn is_prefixed_name(t: &Token, text: &str) -> bool {
    // The head is at most three characters: an ASCII head puts its joiner within the first
    // four bytes, and a non-ASCII head puts a byte of 0x80 or more there. Most words have
    // neither, and are answered from those bytes without a call.
    let bytes = t.bytes(text);
    let first = bytes.get(..4).unwrap_or(bytes);
    first.iter().any(|&b| matches!(b, b'-' | b'\'') || b >= 0x80) && splits_as_prefixed_name(t.span.slice(text))
}

/// [`is_prefixed_name`] of a word that may have a joiner near its start.
#[inline(never)]
fn splits_as_prefixed_name(w: &str) -> bool {
    let mut parts = w.splitn(2, ['-', '\'', '\u{2019}']);
    let (Some(head), Some(rest)) = (parts.next(), parts.next()) else {
        return false;
    };
    head.chars().count() <= 3
        && head.chars().all(char::is_lowercase)
        && rest.chars().next().is_some_and(char::is_uppercase)
}

/// One capital letter, or capitals joined by periods as one token ("G.K", "J.J" of
/// "G.K. Butterfield").
fn is_initial(w: &str) -> bool {
    let mut cs = w.chars();
    if !cs.next().is_some_and(char::is_uppercase) {
        return false;
    }
    loop {
        match (cs.next(), cs.next()) {
            (None, _) => return true,
            (Some('.'), Some(c)) if c.is_uppercase() => {}
            _ => return false,
        }
    }
}

/// Types a run of capitalised tokens and peels its title.
fn name_mention(tokens: &[Token], text: &str, range: Range<usize>) -> Option<Mention> {
    let toks = tokens.get(range.clone())?;
    let first = toks.first()?;
    let last = toks.last()?;
    let head = toks.iter().rev().find(|t| t.is_capitalised())?;
    let word_count = toks.iter().filter(|t| t.is_capitalised()).count();
    let possessive = last.is_possessive(text)
        || tokens.get(range.end).is_some_and(|n| {
            n.span.start == last.span.end
                && is_apostrophe_mark(n.bytes(text))
                && matches!(last.bytes(text), [.., b's' | b'S'])
        });
    let case = if possessive { Case::Possessive } else { Case::Plain };
    let whole = Span::new(first.span.start, last.span.end);
    // Both spans stripped end with `last`, a word: its possessive ending is theirs.
    let cut = last.possessive_len(text);
    let strip = |s: Span| Span::new(s.start, s.end - cut);
    if is_org(toks, text, head, word_count) {
        return Some(Mention {
            tokens: range,
            span: whole,
            name: strip(whole),
            title: None,
            kind: MentionKind::Org,
            gender: Gender::Neuter,
            case,
        });
    }
    let Peeled { name_from, title_gender, has_title } = peel_title(tokens, text, range.clone());
    let name_toks = tokens.get(name_from..range.end)?;
    let name_first = name_toks.iter().find(|t| t.is_capitalised());
    let Some(name_first) = name_first else {
        // Only a title: a role ("The President", "Police").
        return Some(Mention {
            tokens: range,
            span: whole,
            name: strip(whole),
            title: None,
            kind: MentionKind::Role(Number::Singular),
            gender: head.lex.gender(),
            case,
        });
    };
    let name = strip(Span::new(name_first.span.start, last.span.end));
    let title = (name_from > range.start).then(|| {
        let end = tokens.get(name_from - 1).map_or(first.span.end, |t| t.span.end);
        Span::new(first.span.start, end)
    });
    let forename = name_first.has(Classes::FORENAME) && name_toks.len() > 1;
    let single_role = word_count == 1 && head.has(Classes::ROLE) && !has_title;
    if single_role {
        let number = if head.has(Classes::PLURAL) { Number::Plural } else { Number::Singular };
        return Some(Mention {
            tokens: range,
            span: whole,
            name,
            title: None,
            kind: MentionKind::Role(number),
            gender: head.lex.gender(),
            case,
        });
    }
    let gender = if title_gender == Gender::Unknown && forename { name_first.lex.gender() } else { title_gender };
    let kind = if has_title || forename { MentionKind::Person } else { MentionKind::Name };
    Some(Mention { tokens: range, span: whole, name, title, kind, gender, case })
}

/// Where a name starts after its titles, with what the titles say.
struct Peeled {
    name_from: usize,
    title_gender: Gender,
    has_title: bool,
}

/// Peels titles off the front of a capitalised run: the name starts after the last title
/// word that still has a name after it ("Mexico President | Andres Manuel Lopez Obrador",
/// "Secretary of State | Jane Doe").
fn peel_title(tokens: &[Token], text: &str, range: Range<usize>) -> Peeled {
    let mut name_from = range.start;
    let mut title_gender = Gender::Unknown;
    let mut has_title = false;
    let mut k = range.start;
    while k < range.end {
        let Some(t) = tokens.get(k) else { break };
        // A role word opening the run is a title when a full name follows: "Manager Siobhan
        // Tierney" (but "Fan Bingbing" keeps its forename).
        let role_as_title = || {
            k == range.start
                && t.has(Classes::ROLE)
                && !t.has(Classes::FORENAME)
                && (k + 1..range.end)
                    .filter(|&r| tokens.get(r).is_some_and(|n| n.is_capitalised() && !n.has(Classes::TITLE)))
                    .count()
                    >= 2
        };
        let rest_has_name = || {
            (k + 1..range.end).any(|r| {
                tokens.get(r).is_some_and(|n| n.is_capitalised() && !n.has(Classes::TITLE) && !n.has(Classes::SUFFIX))
            })
        };
        // The scans of the rest of the run only for a word that could be a title, so that a
        // run without titles costs one test per word.
        if t.is_capitalised() && (t.has(Classes::TITLE) || role_as_title()) && rest_has_name() {
            has_title = true;
            if t.lex.gender() != Gender::Unknown {
                title_gender = t.lex.gender();
            }
            name_from = k + 1;
            // Skip the title's period and an "of X" ("Secretary of State").
            while tokens.get(name_from).is_some_and(|n| n.is_punct(Punct::Period)) {
                name_from += 1;
            }
            if tokens.get(name_from).is_some_and(|n| n.bytes(text) == b"of") {
                let mut m = name_from + 1;
                if tokens.get(m).is_some_and(|n| n.bytes(text) == b"the") {
                    m += 1;
                }
                if m + 1 < range.end {
                    name_from = m + 1;
                }
            }
            k = name_from;
            continue;
        }
        k += 1;
    }
    Peeled { name_from, title_gender, has_title }
}

/// Whether a capitalised run names an organisation: a head word ("… Party"), an organisation
/// word before "of" ("Ministry of Transport"), an outlet ("Fox News") or an acronym ("CNN").
fn is_org(toks: &[Token], text: &str, head: &Token, word_count: usize) -> bool {
    let org_of = toks.windows(2).any(|w| {
        matches!(w, [a, b] if a.has(Classes::ORG_HEAD) && !a.has(Classes::TITLE)
            && b.bytes(text) == b"of")
    });
    org_of
        || (head.has(Classes::ORG_HEAD) && !head.has(Classes::TITLE))
        || toks.iter().any(|w| w.is_capitalised() && w.has(Classes::OUTLET))
        || (word_count == 1 && is_acronym(head.bytes(text)))
}

/// "CNN", "NATO": 2–6 capitals, not a Roman numeral. (All ASCII, so bytes are characters.)
fn is_acronym(w: &[u8]) -> bool {
    (2..=6).contains(&w.len())
        && w.iter().all(u8::is_ascii_uppercase)
        && !w.iter().all(|c| matches!(c, b'I' | b'V' | b'X' | b'L'))
}

/// Where a role nominal starts: modifiers back to a determiner or a possessive, absorbing an
/// adjacent name used as a modifier ("Sanders campaign manager", "Mexico’s foreign
/// secretary").
fn role_left_edge(tokens: &[Token], text: &str, head: usize) -> usize {
    let mut start = head;
    let mut steps = 0;
    while start > 0 && steps < 4 {
        let Some(p) = tokens.get(start - 1) else {
            break;
        };
        // A plural possessive: "the farmers’ union".
        if is_apostrophe_mark(p.bytes(text))
            && let Some(w) = start.checked_sub(2).and_then(|k| tokens.get(k))
            && w.is_word()
            && w.span.end == p.span.start
            && matches!(w.bytes(text), [.., b's' | b'S'])
        {
            start -= 2;
            if start > 0 && tokens.get(start - 1).is_some_and(|d| d.has(Classes::DETERMINER)) {
                start -= 1;
            }
            break;
        }
        if !p.is_word() || p.lex.pronoun().is_some() {
            break;
        }
        if p.has(Classes::DETERMINER) {
            start -= 1;
            break;
        }
        let function = Classes::CUE
            .union(Classes::AUX)
            .union(Classes::PREP)
            .union(Classes::CONJ)
            .union(Classes::RELATIVE)
            .union(Classes::NEGATION)
            .union(Classes::ADVERB)
            .union(Classes::STOPCAP);
        if (p.is_lower() && p.has(function)) || (p.has(Classes::STOPCAP) && !p.has(Classes::DEMONYM)) {
            break;
        }
        start -= 1;
        steps += 1;
        if p.is_possessive(text) {
            // "the city’s chief engineer": the determiner of the possessor belongs too.
            if start > 0 && tokens.get(start - 1).is_some_and(|d| d.has(Classes::DETERMINER)) {
                start -= 1;
            }
            break;
        }
    }
    start
}

/// Where a role nominal ends: after an optional "for/of/at …" phrase ("a spokeswoman for
/// the water company").
fn role_right_edge(tokens: &[Token], text: &str, end: usize) -> usize {
    let mut end = end;
    if tokens.get(end).is_some_and(|t| matches!(t.bytes(text), b"of" | b"for" | b"at" | b"with" | b"from")) {
        let mut k = end + 1;
        let mut words = 0;
        while let Some(t) = tokens.get(k) {
            let stop = !t.is_word()
                || t.lex.pronoun().is_some()
                || t.has(
                    Classes::CUE
                        .union(Classes::AUX)
                        .union(Classes::RELATIVE)
                        .union(Classes::PREP)
                        .union(Classes::CONJ)
                        .union(Classes::SUBORDINATOR),
                );
            if stop || words >= 5 {
                break;
            }
            k += 1;
            words += 1;
        }
        if words > 0 {
            end = k;
        }
    }
    end
}

/// Builds a role nominal around the role noun at `head`; returns the index after it.
fn role_nominal(tokens: &[Token], text: &str, head: usize, out: &mut Vec<Mention>) -> usize {
    let Some(h) = tokens.get(head) else {
        return head + 1;
    };
    let mut start = role_left_edge(tokens, text, head);
    // A name mention already emitted inside the modifiers is absorbed.
    while out.last().is_some_and(|m| m.tokens.end > start) {
        let Some(m) = out.pop() else { break };
        start = start.min(m.tokens.start);
    }
    let mut end = head + 1;
    // A name right after the role makes the role its title: "spokesman Josh Schwerin".
    if let Some(n) = tokens.get(end)
        && n.is_capitalised()
        && !n.has(Classes::STOPCAP)
        && n.lex.pronoun().is_none()
    {
        let chunk = chunk_end(tokens, text, end);
        if let Some(m) = name_mention(tokens, text, end..chunk)
            && matches!(m.kind, MentionKind::Person | MentionKind::Name)
        {
            let first = tokens.get(start).map_or(h.span, |t| t.span);
            out.push(Mention {
                tokens: start..chunk,
                span: Span::new(first.start, m.span.end),
                name: m.name,
                title: Some(Span::new(first.start, h.span.end)),
                kind: MentionKind::Person,
                gender: if m.gender == Gender::Unknown { h.lex.gender() } else { m.gender },
                case: m.case,
            });
            return chunk;
        }
    }
    end = role_right_edge(tokens, text, end);
    let first = tokens.get(start).map_or(h.span, |t| t.span);
    let last = tokens.get(end - 1).map_or(h.span, |t| t.span);
    let number = if h.has(Classes::PLURAL) { Number::Plural } else { Number::Singular };
    let modifiers_start = tokens
        .get(start..head)
        .and_then(|m| m.iter().position(|t| !t.has(Classes::DETERMINER) && !t.is_possessive(text)).map(|p| start + p))
        .unwrap_or(head);
    let name_start = tokens.get(modifiers_start).map_or(h.span.start, |t| t.span.start);
    let case = if end == head + 1 && h.is_possessive(text) { Case::Possessive } else { Case::Plain };
    let head_end = if case == Case::Possessive {
        h.span.start + super::tokens::strip_possessive(h.span.slice(text)).len()
    } else {
        h.span.end
    };
    out.push(Mention {
        tokens: start..end,
        span: Span::new(first.start, last.end),
        name: Span::new(name_start, head_end),
        title: None,
        kind: MentionKind::Role(number),
        gender: h.lex.gender(),
        case,
    });
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn describe(text: &str) -> Vec<String> {
        let mut toks = Vec::new();
        tokenize(text, Span::new(0, text.len()), &[], &mut toks);
        let mut ms = Vec::new();
        find_mentions(&toks, text, &mut ms);
        ms.iter()
            .map(|m| {
                let kind = match m.kind {
                    MentionKind::Person => "person",
                    MentionKind::Org => "org",
                    MentionKind::Name => "name",
                    MentionKind::Role(_) => "role",
                    MentionKind::Pronoun(_) => "pronoun",
                };
                let mut s = format!("{kind}:{}", m.name.slice(text));
                if let Some(t) = m.title {
                    s.push_str(" [");
                    s.push_str(t.slice(text));
                    s.push(']');
                }
                if m.case == Case::Possessive {
                    s.push_str(" 's");
                }
                s
            })
            .collect()
    }

    #[track_caller]
    fn check(text: &str, want: &[&str]) {
        assert_eq!(describe(text), want, "{text}");
    }

    #[test]
    fn names_and_titles() {
        let cases: &[(&str, &[&str])] = &[
            ("said Finance Minister Priya Natarajan.", &["person:Priya Natarajan [Finance Minister]"]),
            ("But Lopez Obrador said", &["name:Lopez Obrador"]),
            ("Sen. Bernie Sanders spoke", &["person:Bernie Sanders [Sen.]"]),
            ("George W. Bush spoke", &["person:George W. Bush"]),
            ("Secretary of State Jane Doe", &["person:Jane Doe [Secretary of State]"]),
            ("Ahmed bin Rashid al-Falasi spoke", &["person:Ahmed bin Rashid al-Falasi"]),
            ("the Ministry of Transport said", &["org:Ministry of Transport"]),
            ("CNN reported", &["org:CNN"]),
            ("Mr. O’Neill’s farm", &["person:O’Neill [Mr.] 's"]),
            ("On Wednesday, Kimura said", &["name:Kimura"]),
        ];
        for (text, want) in cases {
            check(text, want);
        }
    }

    #[test]
    fn roles_and_pronouns() {
        let cases: &[(&str, &[&str])] = &[
            ("a spokeswoman for the water company added", &["role:spokeswoman"]),
            ("Norland’s foreign secretary, Tomas Ekberg, said", &["role:foreign secretary", "name:Tomas Ekberg"]),
            ("campaign manager Jeff Weaver said", &["person:Jeff Weaver [campaign manager]"]),
            ("Police said he left", &["org:Police", "pronoun:he"]),
            ("officials told reporters", &["role:officials"]),
        ];
        for (text, want) in cases {
            check(text, want);
        }
    }
}
