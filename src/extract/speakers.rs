//! Stage 6: mentions → entities (speaker clustering, role binding, pronoun antecedents).
//!
//! Pipeline position: fed in document order by the paragraph loop in [`super`]: every name
//! mention is resolved to an entity as it is met, so later surnames, roles and pronouns can
//! refer back to it; at the end, [`Registry::finish`] turns the entities that speak into the
//! public [`Speaker`] list.
//!
//! * Names cluster by surname: a full name joins an entity with the same surname whose
//!   forenames agree (or that has none yet, or whose name it ends with: "Lopez Obrador" /
//!   "Andres Manuel Lopez Obrador"); a bare surname goes to the most recent entity with that
//!   surname and a compatible gender ("Mr. Clinton" is not "Hillary Clinton"). Two different
//!   full names stay apart.
//! * Roles bind to a person when the article ties them ("Mayor Tomas Ekberg", "Jane Doe, the
//!   foreign secretary,") and exactly one person holds that role; otherwise the role itself
//!   is the speaker.
//! * Pronouns take the most recent compatible salient person (a speaker or a sentence
//!   subject) within three paragraphs.

use super::lexicon::{Classes, Gender, Pronoun, lookup};
use super::mentions::{Mention, MentionKind, Number};
use super::{Speaker, SpeakerId, SpeakerKind};
use crate::span::Span;
use std::collections::HashMap;

/// Index of an entity in the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct EntityId(pub u32);

/// How certain the link from a mention to its entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Link {
    /// The name says it (a full name, or the only person with that surname).
    Certain,
    /// Chosen among several candidates (two people share a surname, a pronoun, a role).
    Likely,
    /// A guess: never shown as a name.
    Doubtful,
}

#[derive(Clone, Debug)]
struct Entity {
    kind: SpeakerKind,
    /// The fullest form of the name (or the role words).
    name: String,
    /// Lowercase words of `name`, suffixes dropped.
    words: Vec<String>,
    gender: Gender,
    role: Option<String>,
    aliases: Vec<String>,
    mentions: Vec<Span>,
    last_seen: usize,
}

impl Entity {
    fn surname(&self) -> Option<&str> {
        self.words.last().map(String::as_str)
    }
}

/// How prominent a mention was, for pronoun resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Salience {
    /// Named in passing (an object, a possessive).
    Other,
    /// The first mention of its sentence, or right before a verb of saying.
    Subject,
    /// The speaker of a quote or of reported speech.
    Speaker,
}

#[derive(Clone, Copy, Debug)]
struct Antecedent {
    entity: EntityId,
    offset: usize,
    paragraph: usize,
    salience: Salience,
}

/// Paragraphs a pronoun may look back over (the current one and two before it).
const PRONOUN_WINDOW: usize = 2;

/// All entities of one document.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    entities: Vec<Entity>,
    by_surname: HashMap<String, Vec<EntityId>>,
    by_key: HashMap<String, EntityId>,
    /// Role head word → people who hold a role with that head, with the full role words.
    roles: HashMap<String, Vec<(String, EntityId)>>,
    recent: std::collections::VecDeque<Antecedent>,
}

fn lower_words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace())
        .map(|w| {
            super::tokens::strip_possessive(w)
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The name words that identify a person: suffixes ("Jr.") dropped.
fn name_words(s: &str) -> Vec<String> {
    let mut w = lower_words(s);
    while w.len() > 1 && w.last().is_some_and(|l| lookup(l).has(Classes::SUFFIX)) {
        w.pop();
    }
    w
}

/// Short titles stand for a role word ("Sen." → "senator") when binding roles.
fn role_head(word: &str) -> &str {
    match word {
        "sen" => "senator",
        "rep" => "representative",
        "gov" => "governor",
        "gen" => "general",
        "prof" => "professor",
        "lt" => "lieutenant",
        "col" => "colonel",
        "capt" => "captain",
        "sgt" => "sergeant",
        "supt" => "superintendent",
        "det" => "detective",
        "adm" => "admiral",
        "cmdr" | "cdr" => "commander",
        other => other,
    }
}

/// Do two forenames (or initials) agree? "j" agrees with "john".
fn forename_agrees(a: &str, b: &str) -> bool {
    a == b
        || (a.chars().count() == 1 && b.starts_with(a))
        || (b.chars().count() == 1 && a.starts_with(b))
}

/// Whether the name `short` can be another form of `long` (same surname assumed).
fn same_person(short: &[String], long: &[String]) -> bool {
    if short.len() == 1 || long.len() == 1 {
        return true;
    }
    // "Lopez Obrador" is the end of "Andres Manuel Lopez Obrador".
    if long.ends_with(short) || short.ends_with(long) {
        return true;
    }
    match (short.first(), long.first()) {
        (Some(a), Some(b)) => forename_agrees(a, b),
        _ => false,
    }
}

impl Registry {
    fn new_entity(&mut self, kind: SpeakerKind, name: String, gender: Gender, at: usize) -> EntityId {
        let id = EntityId(u32::try_from(self.entities.len()).unwrap_or(u32::MAX));
        let words = if kind == SpeakerKind::Person {
            name_words(&name)
        } else {
            lower_words(&name)
        };
        self.entities.push(Entity {
            kind,
            name,
            words,
            gender,
            role: None,
            aliases: Vec::new(),
            mentions: Vec::new(),
            last_seen: at,
        });
        id
    }

    fn get_mut(&mut self, id: EntityId) -> Option<&mut Entity> {
        self.entities.get_mut(id.0 as usize)
    }

    pub fn gender(&self, id: EntityId) -> Gender {
        self.entities
            .get(id.0 as usize)
            .map_or(Gender::Unknown, |e| e.gender)
    }

    pub fn kind(&self, id: EntityId) -> Option<SpeakerKind> {
        self.entities.get(id.0 as usize).map(|e| e.kind)
    }

    /// Records a surface form and position for an entity.
    fn touch(&mut self, id: EntityId, alias: &str, span: Span) {
        if let Some(e) = self.get_mut(id) {
            e.last_seen = span.start;
            if e.mentions.last() != Some(&span) {
                e.mentions.push(span);
            }
            let alias = alias.trim();
            if !alias.is_empty()
                && !alias.eq_ignore_ascii_case(&e.name)
                && !e.aliases.iter().any(|a| a.eq_ignore_ascii_case(alias))
                && e.aliases.len() < 16
            {
                e.aliases.push(alias.to_owned());
            }
        }
    }

    /// Resolves a name mention (person, organisation or unknown) to an entity, creating one
    /// when no earlier entity fits.
    pub fn name(&mut self, text: &str, m: &Mention) -> (EntityId, Link) {
        let name = m.name.slice(text);
        let (id, link) = match m.kind {
            MentionKind::Org => self.org(name, m.span.start),
            _ => self.person(name, m),
        };
        if let Some(title) = m.title {
            let title = title.slice(text).trim_end_matches('.').to_owned();
            self.bind_role(&title, id);
        }
        self.touch(id, name, m.name);
        (id, link)
    }

    fn org(&mut self, name: &str, at: usize) -> (EntityId, Link) {
        let key = lower_words(name).join(" ");
        let key = key.strip_prefix("the ").map_or(key.clone(), str::to_owned);
        if let Some(&id) = self.by_key.get(&key) {
            return (id, Link::Certain);
        }
        let id = self.new_entity(SpeakerKind::Organisation, name.to_owned(), Gender::Neuter, at);
        self.by_key.insert(key, id);
        (id, Link::Certain)
    }

    fn person(&mut self, name: &str, m: &Mention) -> (EntityId, Link) {
        let words = name_words(name);
        let Some(surname) = words.last().cloned() else {
            let id = self.new_entity(SpeakerKind::Person, name.to_owned(), m.gender, m.span.start);
            return (id, Link::Doubtful);
        };
        let gender = m.gender;
        let candidates: Vec<EntityId> = self
            .by_surname
            .get(&surname)
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|&id| {
                        self.entities.get(id.0 as usize).is_some_and(|e| {
                            e.gender.compatible(gender)
                                && e.kind != SpeakerKind::Organisation
                                && same_person(&words, &e.words)
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let chosen = if words.len() > 1 {
            // A full name: prefer an entity with the same forename, then one that only had a
            // surname so far.
            candidates
                .iter()
                .copied()
                .filter(|&id| {
                    self.entities
                        .get(id.0 as usize)
                        .is_some_and(|e| e.words.len() > 1)
                })
                .max_by_key(|&id| self.last_seen(id))
                .or_else(|| candidates.iter().copied().max_by_key(|&id| self.last_seen(id)))
        } else {
            // A bare surname shared by several people: the one the article is about (most
            // mentioned so far), then the most recent.
            candidates
                .iter()
                .copied()
                .max_by_key(|&id| (self.mention_count(id), self.last_seen(id)))
        };
        let distinct = candidates.len();
        let (id, link) = if let Some(id) = chosen {
            let link = if distinct > 1 && words.len() == 1 {
                Link::Likely
            } else {
                Link::Certain
            };
            (id, link)
        } else if words.len() == 1 {
            // A single word that is nobody's surname may be a forename ("Hillary said").
            match self.by_forename(&surname, gender) {
                Some(id) => (id, Link::Likely),
                None => {
                    let kind = person_kind(m);
                    let id = self.new_entity(kind, name.to_owned(), gender, m.span.start);
                    self.by_surname.entry(surname.clone()).or_default().push(id);
                    (id, Link::Certain)
                }
            }
        } else {
            let kind = person_kind(m);
            let id = self.new_entity(kind, name.to_owned(), gender, m.span.start);
            self.by_surname.entry(surname.clone()).or_default().push(id);
            (id, Link::Certain)
        };
        if let Some(e) = self.get_mut(id) {
            if words.len() > e.words.len() {
                // The fullest form becomes the canonical name.
                let old = std::mem::replace(&mut e.name, name.to_owned());
                e.words = words;
                if !e.aliases.iter().any(|a| a.eq_ignore_ascii_case(&old)) {
                    e.aliases.push(old);
                }
            }
            if e.gender == Gender::Unknown {
                e.gender = gender;
            }
            if m.kind == MentionKind::Person && e.kind == SpeakerKind::Role {
                e.kind = SpeakerKind::Person;
            }
        }
        (id, link)
    }

    fn by_forename(&self, word: &str, gender: Gender) -> Option<EntityId> {
        if !lookup(word).has(Classes::FORENAME) {
            return None;
        }
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.kind == SpeakerKind::Person
                    && e.words.len() > 1
                    && e.words.first().is_some_and(|f| f == word)
                    && e.gender.compatible(gender)
            })
            .max_by_key(|(_, e)| e.last_seen)
            .map(|(i, _)| EntityId(u32::try_from(i).unwrap_or(u32::MAX)))
    }

    fn mention_count(&self, id: EntityId) -> usize {
        self.entities.get(id.0 as usize).map_or(0, |e| e.mentions.len())
    }

    fn last_seen(&self, id: EntityId) -> usize {
        self.entities.get(id.0 as usize).map_or(0, |e| e.last_seen)
    }

    /// Records that `entity` holds the role `role` ("foreign secretary", "Sen.").
    pub fn bind_role(&mut self, role: &str, entity: EntityId) {
        let words = lower_words(role);
        let Some(head) = words
            .iter()
            .rev()
            .find(|w| lookup(w).has(Classes::ROLE.union(Classes::TITLE)))
        else {
            return;
        };
        let head = role_head(head).to_owned();
        if matches!(head.as_str(), "mr" | "mrs" | "ms" | "miss" | "mx" | "dr" | "sir") {
            return;
        }
        let list = self.roles.entry(head).or_default();
        let phrase = words.join(" ");
        if !list.iter().any(|(p, id)| *id == entity && *p == phrase) {
            list.push((phrase, entity));
        }
        if let Some(e) = self.get_mut(entity) {
            if e.role.is_none() && e.kind != SpeakerKind::Organisation {
                e.role = Some(role.trim().to_lowercase());
            }
        }
    }

    /// Resolves a role nominal: the one person the article ties to that role, or the role
    /// itself as a speaker.
    pub fn role(&mut self, text: &str, m: &Mention) -> (EntityId, Link) {
        let role_words = lower_words(m.name.slice(text));
        if let Some(head) = role_words.last() {
            let head = role_head(head);
            let modifiers: Vec<&String> = role_words
                .iter()
                .take(role_words.len().saturating_sub(1))
                .filter(|w| !matches!(w.as_str(), "former" | "then" | "current" | "new"))
                .collect();
            let plural = matches!(m.kind, MentionKind::Role(Number::Plural));
            if !plural {
                if let Some(list) = self.roles.get(head) {
                    let fits: Vec<EntityId> = list
                        .iter()
                        .filter(|(phrase, _)| modifiers.iter().all(|w| phrase.contains(w.as_str())))
                        .map(|&(_, id)| id)
                        .collect();
                    let first = fits.first().copied();
                    if let Some(id) = first.filter(|f| fits.iter().all(|x| x == f)) {
                        self.touch(id, "", m.span);
                        return (id, Link::Likely);
                    }
                }
            }
        }
        let display = m.span.slice(text).trim();
        let key = format!("role:{}", lower_words(display).join(" "));
        if let Some(&id) = self.by_key.get(&key) {
            self.touch(id, "", m.span);
            return (id, Link::Certain);
        }
        let gender = m.gender;
        let kind = if gender == Gender::Neuter {
            SpeakerKind::Organisation
        } else {
            SpeakerKind::Role
        };
        let id = self.new_entity(kind, display.to_owned(), gender, m.span.start);
        self.by_key.insert(key, id);
        self.touch(id, "", m.span);
        (id, Link::Certain)
    }

    /// Notes a mention as a possible pronoun antecedent.
    pub fn note(&mut self, entity: EntityId, offset: usize, paragraph: usize, salience: Salience) {
        // Keep the window bounded: drop entries from paragraphs out of reach.
        while self
            .recent
            .front()
            .is_some_and(|a| a.paragraph + PRONOUN_WINDOW < paragraph)
        {
            self.recent.pop_front();
        }
        if let Some(last) = self.recent.back_mut() {
            if last.entity == entity && last.offset == offset {
                last.salience = last.salience.max(salience);
                return;
            }
        }
        self.recent.push_back(Antecedent {
            entity,
            offset,
            paragraph,
            salience,
        });
    }

    /// Resolves a third-person pronoun at `offset` to the most recent compatible salient
    /// entity before it.
    pub fn pronoun(&mut self, p: Pronoun, offset: usize, paragraph: usize) -> Option<(EntityId, Link)> {
        let fits = |e: &Entity| match p {
            Pronoun::He | Pronoun::She => {
                matches!(e.kind, SpeakerKind::Person) && e.gender.compatible(p.gender())
                    && e.gender != Gender::Neuter
            }
            Pronoun::It | Pronoun::They => e.kind == SpeakerKind::Organisation,
            Pronoun::We | Pronoun::I | Pronoun::You => false,
        };
        let mut best: Option<(Antecedent, bool)> = None;
        let mut others = Vec::new();
        for a in self.recent.iter().rev() {
            if a.offset >= offset || a.paragraph + PRONOUN_WINDOW < paragraph {
                continue;
            }
            let Some(e) = self.entities.get(a.entity.0 as usize) else {
                continue;
            };
            if !fits(e) {
                continue;
            }
            if best.is_none() && a.salience >= Salience::Subject {
                best = Some((*a, e.gender != Gender::Unknown));
            } else if best.is_none() {
                others.push(a.entity);
            }
        }
        let (a, gender_known) = best?;
        // A more recent compatible person of unknown gender makes the choice doubtful.
        let rival = others.iter().any(|&o| {
            o != a.entity && self.gender(o) == Gender::Unknown && !gender_known
        });
        let link = if rival { Link::Doubtful } else { Link::Likely };
        if let Some(e) = self.get_mut(a.entity) {
            if e.gender == Gender::Unknown && matches!(p, Pronoun::He | Pronoun::She) {
                e.gender = p.gender();
            }
        }
        Some((a.entity, link))
    }

    /// Adds a pronoun form to an entity's aliases ("He").
    pub fn alias(&mut self, id: EntityId, alias: &str) {
        if let Some(e) = self.get_mut(id) {
            if !e.aliases.iter().any(|a| a.eq_ignore_ascii_case(alias)) && e.aliases.len() < 16 {
                e.aliases.push(alias.to_owned());
            }
        }
    }

    /// The public speakers: the entities in `used` (in order of first mention), and the map
    /// from entity to speaker id.
    pub fn finish(self, used: &[EntityId]) -> (Vec<Speaker>, HashMap<EntityId, SpeakerId>) {
        let mut ids: Vec<EntityId> = used.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let mut ents: Vec<(EntityId, Entity)> = ids
            .into_iter()
            .filter_map(|id| self.entities.get(id.0 as usize).cloned().map(|e| (id, e)))
            .collect();
        ents.sort_by_key(|(id, e)| (e.mentions.first().map_or(usize::MAX, |s| s.start), *id));
        let mut map = HashMap::new();
        let mut speakers = Vec::with_capacity(ents.len());
        for (i, (id, mut e)) in ents.into_iter().enumerate() {
            map.insert(id, SpeakerId(u32::try_from(i).unwrap_or(u32::MAX)));
            e.mentions.sort_unstable();
            e.mentions.dedup();
            let name = e.name.clone();
            e.aliases.retain(|a| !a.eq_ignore_ascii_case(&name));
            speakers.push(Speaker {
                name: e.name,
                kind: e.kind,
                role: e.role,
                aliases: e.aliases,
                mentions: e.mentions,
            });
        }
        (speakers, map)
    }
}

fn person_kind(m: &Mention) -> SpeakerKind {
    match m.kind {
        MentionKind::Org => SpeakerKind::Organisation,
        _ => SpeakerKind::Person,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::mentions::{Case, Mention};

    fn mention(text: &str, name: &str, kind: MentionKind, gender: Gender) -> Mention {
        let start = text.find(name).unwrap_or(0);
        let span = Span::new(start, start + name.len());
        Mention {
            tokens: 0..1,
            span,
            name: span,
            title: None,
            kind,
            gender,
            case: Case::Plain,
        }
    }

    #[test]
    fn surnames_and_tails_join_the_full_name() {
        let text = "Andres Manuel Lopez Obrador | Lopez Obrador | Obrador";
        let mut r = Registry::default();
        let a = r.name(text, &mention(text, "Andres Manuel Lopez Obrador", MentionKind::Name, Gender::Unknown)).0;
        let b = r.name(text, &mention(text, "Lopez Obrador |", MentionKind::Name, Gender::Unknown)).0;
        assert_eq!(a, b);
    }

    #[test]
    fn two_people_sharing_a_surname_stay_apart() {
        let text = "Grace Kimura and Ken Kimura";
        let mut r = Registry::default();
        let a = r.name(text, &mention(text, "Grace Kimura", MentionKind::Person, Gender::Female)).0;
        let b = r.name(text, &mention(text, "Ken Kimura", MentionKind::Person, Gender::Male)).0;
        assert_ne!(a, b);
    }

    #[test]
    fn a_title_gender_picks_the_right_namesake() {
        let text = "Grace Kimura, Ken Kimura, Mr. Kimura";
        let mut r = Registry::default();
        r.name(text, &mention(text, "Ken Kimura", MentionKind::Person, Gender::Male));
        let grace = r.name(text, &mention(text, "Grace Kimura", MentionKind::Person, Gender::Female)).0;
        let mut mr = mention(text, "Kimura", MentionKind::Person, Gender::Male);
        mr.name = Span::new(30, 36);
        let (id, link) = r.name(text, &mr);
        assert_ne!(id, grace);
        assert_eq!(link, Link::Certain);
    }
}
