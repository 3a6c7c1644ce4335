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
//!
//! Name comparison lives in [`names`], role binding in [`roles`], the antecedent window in
//! [`pronouns`].

use super::lexicon::{Classes, Gender, lookup};
use super::mentions::{Mention, MentionKind};
use super::{Speaker, SpeakerId, SpeakerKind};
use crate::span::Span;
use std::hash::Hasher;

/// Maps with `rustc-hash`'s multiplicative hasher for the registry's short keys (names,
/// surnames, hashes): the default `SipHash` is built to resist adversarial keys, which costs a
/// third of each lookup here; a document cannot make these maps degrade beyond the caps on
/// their lists.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

mod names;
mod pronouns;
mod roles;

use names::{
    Interner, NAME_CACHE_BYTES, NAME_CACHE_WORDS, NameCache, NameWords, Sym, hash_str, name_word, name_words,
    role_words, same_person,
};
use pronouns::Window;

/// Whether a lookup may create an entity when none fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Create {
    Yes,
    /// Only find an existing one (a lone capitalised word that may be a place).
    No,
}

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

/// One person, organisation or role. Names are kept as spans of the text; strings are made
/// only for the entities that end up speaking.
#[derive(Clone, Debug)]
struct Entity {
    kind: SpeakerKind,
    /// The fullest form of the name (or the role words).
    name: Span,
    /// Interned lowercase words of `name` (persons only), suffixes dropped.
    words: NameWords,
    gender: Gender,
    /// The title or role words that first described it ("Finance Minister").
    role: Option<Span>,
    /// Other forms of the name seen (allocated only when there are some).
    aliases: Vec<Span>,
    mentions: u32,
    last_seen: usize,
    /// The next older entity with the same surname, and with the same forename: lists
    /// threaded through the entities, so that adding one allocates nothing.
    next_same_surname: Option<EntityId>,
    next_same_forename: Option<EntityId>,
    /// The forename chain it was last put in.
    forename_linked: Option<Sym>,
    /// Seen as a person for sure: named with a forename or title, a subject or a speaker, or
    /// holding a role. Only such entities make a pronoun doubtful; a place named in passing
    /// ("at the Brackley Ford gauge") does not.
    person_like: bool,
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

/// The longest chain of namesakes looked at.
const CHAIN_LIMIT: usize = 64;

/// All entities of one document.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    entities: Vec<Entity>,
    /// Every (entity, span) where an entity is named, in document order.
    mention_log: Vec<(EntityId, Span)>,
    /// Newest entity with a given surname / forename (older ones are chained).
    by_surname: FastMap<Sym, EntityId>,
    by_forename: FastMap<Sym, EntityId>,
    words: Interner,
    /// Organisations and role speakers by the hash of their normalised words.
    by_org: FastMap<u64, EntityId>,
    by_role_text: FastMap<u64, EntityId>,
    /// Full names (two words or more) already resolved, by the hash of their exact text:
    /// most mentions repeat a form seen before, and this skips the clustering for them.
    by_surface: FastMap<u64, (EntityId, Span)>,
    /// The interned words of each person name already split, by the hash of its exact text:
    /// a bare surname is resolved afresh at every mention, but its words never change. Kept
    /// from one document to the next with the interner (names recur across a library), so
    /// the exact text is held here rather than as a span of one document.
    words_of: NameCache,
    /// Role head word → people who hold a role with that head, with the full role words.
    roles: FastMap<String, Vec<(String, EntityId)>>,
    recent: Window,
    /// Role mentions already resolved, by the hash of their exact text; cleared whenever a
    /// role is bound, since a binding can change what a role refers to.
    role_cache: FastMap<u64, (EntityId, Link, Span)>,
    /// (role words, entity) pairs already bound, by hash: binding is idempotent.
    bound_roles: FastMap<u64, (EntityId, Span)>,
}

/// The words of a name as compared: possessives and edge punctuation dropped.
fn norm_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(char::is_whitespace).map(name_word).filter(|w| !w.is_empty())
}

/// Hash of a name's normalised words (case-insensitive), without "the" in front.
fn norm_hash(s: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    for (i, w) in norm_words(s).enumerate() {
        if i == 0 && w.eq_ignore_ascii_case("the") {
            continue;
        }
        for b in w.bytes() {
            h.write_u8(b.to_ascii_lowercase());
        }
        h.write_u8(b' ');
    }
    h.finish()
}

/// The normalised words of a name without a leading "the".
fn skip_the(s: &str) -> std::iter::Peekable<impl Iterator<Item = &str>> {
    let mut it = norm_words(s).peekable();
    if it.peek().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        it.next();
    }
    it
}

/// Whether two names have the same normalised words (case-insensitive, "the" ignored).
fn norm_eq(a: &str, b: &str) -> bool {
    let (mut left, mut right) = (skip_the(a), skip_the(b));
    loop {
        match (left.next(), right.next()) {
            (None, None) => return true,
            (Some(l), Some(r)) if l.eq_ignore_ascii_case(r) => {}
            _ => return false,
        }
    }
}

impl Registry {
    /// Empties the registry for the next document, keeping its allocations (but not
    /// oversized ones, so that one huge document does not pin its memory).
    pub fn reset(&mut self) {
        const KEEP: usize = 1 << 16;
        if self.entities.capacity() > KEEP || self.mention_log.capacity() > KEEP {
            *self = Registry::default();
            return;
        }
        self.entities.clear();
        self.mention_log.clear();
        self.by_surname.clear();
        self.by_forename.clear();
        // Interned words and split names only depend on the words' text, never on the
        // document, so they are kept (bounded) for the next one; symbols are only compared
        // for equality, so their numbering cannot change a result.
        if self.words.spans.len() > NAME_CACHE_WORDS || self.words_of.text.len() > NAME_CACHE_BYTES / 2 {
            self.words.ids.clear();
            self.words.buf.clear();
            self.words.spans.clear();
            self.words_of.clear();
        }
        self.by_org.clear();
        self.by_role_text.clear();
        self.by_surface.clear();
        self.roles.clear();
        self.recent.clear();
        self.role_cache.clear();
        self.bound_roles.clear();
    }

    fn new_entity(&mut self, kind: SpeakerKind, name: Span, words: NameWords, gender: Gender, at: usize) -> EntityId {
        let id = EntityId(u32::try_from(self.entities.len()).unwrap_or(u32::MAX));
        self.entities.push(Entity {
            kind,
            name,
            words,
            gender,
            role: None,
            aliases: Vec::new(),
            mentions: 0,
            last_seen: at,
            next_same_surname: None,
            next_same_forename: None,
            forename_linked: None,
            person_like: false,
        });
        if kind == SpeakerKind::Person && words.len() > 1 {
            self.link_forename(id);
        }
        id
    }

    /// Puts a person in the chain of its forename (once per forename).
    fn link_forename(&mut self, id: EntityId) {
        let Some(first) = self.entities.get(id.0 as usize).and_then(|e| e.words.first()) else {
            return;
        };
        if self.entities.get(id.0 as usize).is_some_and(|e| e.forename_linked == Some(first)) {
            return;
        }
        let old = self.by_forename.insert(first, id);
        if let Some(e) = self.get_mut(id) {
            e.next_same_forename = old.filter(|&o| o != id);
            e.forename_linked = Some(first);
        }
    }

    fn get_mut(&mut self, id: EntityId) -> Option<&mut Entity> {
        self.entities.get_mut(id.0 as usize)
    }

    /// The entities with a given surname, newest first.
    fn namesakes(&self, surname: Sym) -> impl Iterator<Item = EntityId> + '_ {
        let mut next = self.by_surname.get(&surname).copied();
        std::iter::from_fn(move || {
            let id = next?;
            next = self.entities.get(id.0 as usize).and_then(|e| e.next_same_surname);
            Some(id)
        })
        .take(CHAIN_LIMIT)
    }

    /// Records a mention of an entity, and its surface form when it is a new one.
    fn touch(&mut self, text: &str, id: EntityId, alias: Option<Span>, span: Span) {
        if self.mention_log.last() != Some(&(id, span)) {
            self.mention_log.push((id, span));
        }
        let Some(e) = self.entities.get_mut(id.0 as usize) else {
            return;
        };
        e.last_seen = span.start;
        e.mentions = e.mentions.saturating_add(1);
        let Some(alias) = alias.map(|a| a.trim(text)).filter(|a| !a.is_empty()) else {
            return;
        };
        // Spans lie on char boundaries, so their bytes compare as their text does, without
        // the boundary checks of slicing a `str`.
        let bytes = |s: Span| text.as_bytes().get(s.start..s.end).unwrap_or_default();
        let form = bytes(alias);
        // Most mentions repeat a form exactly: compare bytes first, case-folded only then.
        let known = bytes(e.name) == form
            || e.aliases.iter().any(|&a| bytes(a) == form)
            || form.eq_ignore_ascii_case(bytes(e.name))
            || e.aliases.iter().any(|&a| bytes(a).eq_ignore_ascii_case(form));
        if !known && e.aliases.len() < 16 {
            e.aliases.push(alias);
        }
    }

    /// Resolves a name mention (person, organisation or unknown) to an entity, creating one
    /// when no earlier entity fits and `create` allows it.
    pub fn find_name(&mut self, text: &str, m: &Mention, create: Create) -> Option<(EntityId, Link)> {
        let name = m.name.slice(text);
        let key = hash_str(name);
        // Only full names are cached (most mentions are a bare surname, which skip the map).
        let full = name.bytes().any(|b| b == b' ');
        let cached = if full {
            self.by_surface.get(&key).filter(|(_, first)| first.slice(text) == name).map(|&(id, _)| id)
        } else {
            None
        };
        let (id, link) = if let Some(id) = cached {
            if let Some(e) = self.get_mut(id)
                && e.gender == Gender::Unknown
            {
                e.gender = m.gender;
            }
            (id, Link::Certain)
        } else {
            let (id, link) = match m.kind {
                MentionKind::Org => self.org(text, m.name),
                _ => self.person(text, m, key, create)?,
            };
            if full && link == Link::Certain && self.by_surface.len() < 4096 {
                self.by_surface.entry(key).or_insert((id, m.name));
            }
            (id, link)
        };
        if m.kind == MentionKind::Person
            && let Some(e) = self.get_mut(id)
        {
            e.person_like = true;
        }
        if let Some(title) = m.title {
            let words = title.slice(text).trim_end_matches('.').trim();
            let known = self
                .entities
                .get(id.0 as usize)
                .and_then(|e| e.role)
                .is_some_and(|r| r.slice(text).trim_end_matches('.').trim().eq_ignore_ascii_case(words));
            if !known {
                self.bind_role(text, title, id);
            }
        }
        self.touch(text, id, Some(m.name), m.name);
        Some((id, link))
    }

    fn org(&mut self, text: &str, name: Span) -> (EntityId, Link) {
        let words = name.slice(text);
        let key = norm_hash(words);
        if let Some(&id) = self.by_org.get(&key)
            && self.entities.get(id.0 as usize).is_some_and(|e| norm_eq(e.name.slice(text), words))
        {
            return (id, Link::Certain);
        }
        let id = self.new_entity(SpeakerKind::Organisation, name, NameWords::default(), Gender::Neuter, name.start);
        self.by_org.insert(key, id);
        (id, Link::Certain)
    }

    /// The interned words of the name `m.name` (whose text hashes to `key`), split once per
    /// distinct form: interning a word again yields the symbol it already has, so a stored
    /// result is exactly what a fresh split would give.
    fn words_of(&mut self, text: &str, m: &Mention, key: u64) -> NameWords {
        let name = m.name.slice(text);
        if let Some(words) = self.words_of.get(key, name) {
            return words;
        }
        let words = name_words(&mut self.words, name);
        self.words_of.insert(key, name, words);
        words
    }

    fn person(&mut self, text: &str, m: &Mention, key: u64, create: Create) -> Option<(EntityId, Link)> {
        let name = m.name.slice(text);
        let words = self.words_of(text, m, key);
        let Some(surname) = words.last() else {
            if create == Create::No {
                return None;
            }
            let id = self.new_entity(SpeakerKind::Person, m.name, words, m.gender, m.span.start);
            return Some((id, Link::Doubtful));
        };
        let gender = m.gender;
        // One pass over the people with this surname: a full name prefers an entity with the
        // same forename, then one that only had a surname so far; a bare surname shared by
        // several people goes to the one the article is about (most mentioned so far), then
        // the most recent.
        let mut distinct = 0;
        let mut best_full: Option<(usize, EntityId)> = None;
        let mut best_any: Option<((u32, usize), EntityId)> = None;
        for id in self.namesakes(surname) {
            let Some(e) = self.entities.get(id.0 as usize) else {
                continue;
            };
            let fits = e.gender.compatible(gender)
                && e.kind != SpeakerKind::Organisation
                && same_person(&self.words, words.as_slice(), e.words.as_slice());
            if !fits {
                continue;
            }
            distinct += 1;
            if e.words.len() > 1 && best_full.is_none_or(|(seen, _)| e.last_seen > seen) {
                best_full = Some((e.last_seen, id));
            }
            let rank = if words.len() > 1 { (0, e.last_seen) } else { (e.mentions, e.last_seen) };
            if best_any.is_none_or(|(r, _)| rank > r) {
                best_any = Some((rank, id));
            }
        }
        let chosen =
            if words.len() > 1 { best_full.map(|b| b.1).or(best_any.map(|b| b.1)) } else { best_any.map(|b| b.1) };
        let (id, link) = if let Some(id) = chosen {
            let link = if distinct > 1 && words.len() == 1 { Link::Likely } else { Link::Certain };
            (id, link)
        } else if let Some(id) = (words.len() == 1).then(|| self.by_forename(name, surname, gender)).flatten() {
            // A single word that is nobody's surname may be a forename ("Hillary said").
            (id, Link::Likely)
        } else {
            if create == Create::No {
                return None;
            }
            let id = self.new_entity(person_kind(m), m.name, words, gender, m.span.start);
            let older = self.by_surname.insert(surname, id);
            if let Some(e) = self.get_mut(id) {
                e.next_same_surname = older;
            }
            (id, Link::Certain)
        };
        let grows = self.entities.get(id.0 as usize).is_some_and(|e| words.len() > e.words.len());
        if let Some(e) = self.get_mut(id) {
            if grows {
                // The fullest form becomes the canonical name.
                let old = std::mem::replace(&mut e.name, m.name);
                e.words = words;
                if e.aliases.len() < 16 {
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
        if grows && words.len() > 1 {
            self.link_forename(id);
        }
        Some((id, link))
    }

    fn by_forename(&self, word: &str, sym: Sym, gender: Gender) -> Option<EntityId> {
        // Most words are nobody's forename: the chain is looked at before the lexicon.
        let mut next = self.by_forename.get(&sym).copied();
        if next.is_none() || !lookup(word).has(Classes::FORENAME) {
            return None;
        }
        let mut best: Option<(usize, EntityId)> = None;
        for _ in 0..CHAIN_LIMIT {
            let Some(id) = next else { break };
            let Some(e) = self.entities.get(id.0 as usize) else {
                break;
            };
            next = e.next_same_forename;
            let fits = e.kind == SpeakerKind::Person
                && e.words.len() > 1
                && e.words.first() == Some(sym)
                && e.gender.compatible(gender);
            if fits && best.is_none_or(|(seen, _)| e.last_seen > seen) {
                best = Some((e.last_seen, id));
            }
        }
        best.map(|b| b.1)
    }

    /// Records a person's gender, read from "X said (that) she …", when it is not known yet.
    pub fn learn_gender(&mut self, entity: EntityId, gender: Gender) {
        if let Some(e) = self.get_mut(entity)
            && e.kind == SpeakerKind::Person
            && e.gender == Gender::Unknown
            && matches!(gender, Gender::Male | Gender::Female)
        {
            e.gender = gender;
        }
    }

    /// Records that the text shows `entity` to be a person ("Tobias Renwick, 34,").
    pub fn mark_person(&mut self, entity: EntityId) {
        if let Some(e) = self.get_mut(entity)
            && e.kind == SpeakerKind::Person
        {
            e.person_like = true;
        }
    }

    /// Adds a pronoun form to an entity's aliases ("He").
    pub fn alias(&mut self, text: &str, id: EntityId, alias: Span) {
        if let Some(e) = self.get_mut(id) {
            let form = alias.slice(text);
            let known = e.aliases.iter().any(|a| a.slice(text).eq_ignore_ascii_case(form));
            if !known && e.aliases.len() < 16 {
                e.aliases.push(alias);
            }
        }
    }

    /// The public speakers: the entities in `used` (in order of first mention), and the
    /// speaker id of each entity (indexed by entity).
    pub fn finish(&self, text: &str, used: &[EntityId]) -> (Vec<Speaker>, Vec<Option<SpeakerId>>) {
        let mut ids: Vec<EntityId> = used.to_vec();
        ids.sort_unstable();
        ids.dedup();
        // First mention of each used entity, from the log (indexed by entity).
        let mut first: Vec<Option<usize>> = vec![None; self.entities.len()];
        for &id in &ids {
            if let Some(slot) = first.get_mut(id.0 as usize) {
                *slot = Some(usize::MAX);
            }
        }
        for &(id, span) in &self.mention_log {
            if let Some(slot) = first.get_mut(id.0 as usize)
                && *slot == Some(usize::MAX)
            {
                *slot = Some(span.start);
            }
        }
        ids.sort_by_key(|id| (first.get(id.0 as usize).copied().flatten().unwrap_or(usize::MAX), *id));
        let mut map: Vec<Option<SpeakerId>> = vec![None; self.entities.len()];
        let mut speakers = Vec::with_capacity(ids.len());
        for (i, &id) in ids.iter().enumerate() {
            let Some(e) = self.entities.get(id.0 as usize) else {
                continue;
            };
            if let Some(slot) = map.get_mut(id.0 as usize) {
                *slot = Some(SpeakerId(u32::try_from(i).unwrap_or(u32::MAX)));
            }
            let name = e.name.slice(text).trim().to_owned();
            let mut aliases: Vec<String> = Vec::new();
            for a in &e.aliases {
                let form = a.slice(text).trim();
                if !form.is_empty()
                    && !form.eq_ignore_ascii_case(&name)
                    && !aliases.iter().any(|x| x.eq_ignore_ascii_case(form))
                {
                    aliases.push(form.to_owned());
                }
            }
            speakers.push(Speaker {
                name,
                kind: e.kind,
                role: e.role.map(|r| role_words(r.slice(text))),
                aliases,
                mentions: Vec::new(),
            });
        }
        for &(id, span) in &self.mention_log {
            if let Some(s) = map.get(id.0 as usize).copied().flatten().and_then(|sid| speakers.get_mut(sid.0 as usize))
                && s.mentions.last() != Some(&span)
            {
                s.mentions.push(span);
            }
        }
        for s in &mut speakers {
            s.mentions.sort_unstable();
            s.mentions.dedup();
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
        Mention { tokens: 0..1, span, name: span, title: None, kind, gender, case: Case::Plain }
    }

    fn resolve(r: &mut Registry, text: &str, m: &Mention) -> (EntityId, Link) {
        r.find_name(text, m, Create::Yes).unwrap_or((EntityId(u32::MAX), Link::Doubtful))
    }

    #[test]
    fn surnames_and_tails_join_the_full_name() {
        let text = "Andres Manuel Lopez Obrador | Lopez Obrador | Obrador";
        let mut r = Registry::default();
        let a =
            resolve(&mut r, text, &mention(text, "Andres Manuel Lopez Obrador", MentionKind::Name, Gender::Unknown)).0;
        let b = resolve(&mut r, text, &mention(text, "Lopez Obrador |", MentionKind::Name, Gender::Unknown)).0;
        assert_eq!(a, b);
    }

    #[test]
    fn two_people_sharing_a_surname_stay_apart() {
        let text = "Grace Kimura and Ken Kimura";
        let mut r = Registry::default();
        let a = resolve(&mut r, text, &mention(text, "Grace Kimura", MentionKind::Person, Gender::Female)).0;
        let b = resolve(&mut r, text, &mention(text, "Ken Kimura", MentionKind::Person, Gender::Male)).0;
        assert_ne!(a, b);
    }

    #[test]
    fn a_title_gender_picks_the_right_namesake() {
        let text = "Grace Kimura, Ken Kimura, Mr. Kimura";
        let mut r = Registry::default();
        resolve(&mut r, text, &mention(text, "Ken Kimura", MentionKind::Person, Gender::Male));
        let grace = resolve(&mut r, text, &mention(text, "Grace Kimura", MentionKind::Person, Gender::Female)).0;
        let mut mr = mention(text, "Kimura", MentionKind::Person, Gender::Male);
        mr.name = Span::new(30, 36);
        let (id, link) = resolve(&mut r, text, &mr);
        assert_ne!(id, grace);
        assert_eq!(link, Link::Certain);
    }
}
