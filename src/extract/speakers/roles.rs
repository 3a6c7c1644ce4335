//! Roles: binding role words to the person who holds them ("the foreign secretary", "Sen."),
//! and resolving a role mention to its holder, or to an entity of its own when none is known.

use super::names::{BUSINESS_WORDS, NameWords, PUBLIC_BODIES, hash_str, lower_phrase, lower_words, role_head};
use super::{EntityId, Link, Registry, norm_eq, norm_hash};
use crate::extract::SpeakerKind;
use crate::extract::lexicon::{Classes, Gender, lookup};
use crate::extract::mentions::{Mention, MentionKind, Number};
use crate::span::Span;

impl Registry {
    /// Records that `entity` holds the role written at `role` ("foreign secretary", "Sen.").
    pub fn bind_role(&mut self, text: &str, role: Span, entity: EntityId) {
        // Binding the same words to the same entity again changes nothing ("Mr." before
        // every mention of a name): skip the work after the first time.
        let surface = role.slice(text);
        let key = hash_str(surface) ^ u64::from(entity.0).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        if let Some(&(id, first)) = self.bound_roles.get(&key)
            && id == entity
            && first.slice(text) == surface
        {
            return;
        }
        if self.bound_roles.len() < 4096 {
            self.bound_roles.insert(key, (entity, role));
        }
        let phrase = lower_phrase(surface);
        let Some(head) = phrase.rsplit(' ').find(|w| lookup(w).has(Classes::ROLE.union(Classes::TITLE))) else {
            return;
        };
        let head = role_head(head).to_owned();
        // Honorifics say how to address someone, not what they do.
        if matches!(
            head.as_str(),
            "mr" | "mrs"
                | "ms"
                | "miss"
                | "mx"
                | "dr"
                | "doctor"
                | "sir"
                | "dame"
                | "lady"
                | "lord"
                | "prof"
                | "rev"
                | "reverend"
                | "fr"
                | "hon"
                | "rt"
                | "madam"
                | "sister"
                | "brother"
                | "father"
        ) {
            return;
        }
        let list = self.roles.entry(head).or_default();
        // A role held by many people never binds; a short list is all that is needed.
        if list.len() < 8 && !list.iter().any(|(p, id)| *id == entity && *p == phrase) {
            list.push((phrase, entity));
            self.role_cache.clear();
        }
        if let Some(e) = self.get_mut(entity)
            && e.kind != SpeakerKind::Organisation
        {
            e.person_like = true;
            if e.role.is_none() {
                e.role = Some(role.trim(text));
            }
        }
    }

    /// Resolves a role nominal: the one person the article ties to that role, or the role
    /// itself as a speaker.
    pub fn role(&mut self, text: &str, m: &Mention) -> (EntityId, Link) {
        let surface = m.span.slice(text);
        let key = hash_str(surface);
        if let Some(&(id, link, first)) = self.role_cache.get(&key)
            && first.slice(text) == surface
        {
            self.touch(text, id, None, m.span);
            return (id, link);
        }
        let (id, link) = self.resolve_role(text, m);
        if self.role_cache.len() < 1024 {
            self.role_cache.insert(key, (id, link, m.span));
        }
        (id, link)
    }

    fn resolve_role(&mut self, text: &str, m: &Mention) -> (EntityId, Link) {
        let role_words = lower_words(m.name.slice(text));
        if let Some(head) = role_words.last() {
            let head = role_head(head);
            let modifiers: Vec<&String> = role_words
                .iter()
                .take(role_words.len().saturating_sub(1))
                .filter(|w| !matches!(w.as_str(), "former" | "then" | "current" | "new"))
                .collect();
            let plural = matches!(m.kind, MentionKind::Role(Number::Plural));
            if !plural && let Some(list) = self.roles.get(head) {
                let mut fits = list
                    .iter()
                    .filter(|(phrase, _)| modifiers.iter().all(|w| phrase.contains(w.as_str())))
                    .map(|&(_, id)| id);
                let first = fits.next();
                if let Some(id) = first.filter(|f| fits.all(|x| x == *f)) {
                    self.touch(text, id, None, m.span);
                    return (id, Link::Likely);
                }
            }
        }
        // "the ministry" after "the Ministry of Transport": an organisation named earlier
        // whose name holds the role word.
        if m.gender == Gender::Neuter
            && let Some(head) = role_words.last()
            && let Some(id) = self.org_with_word(text, head)
        {
            self.touch(text, id, None, m.span);
            return (id, Link::Likely);
        }
        // "the utility said" after "Selwyn Water …": a business word goes to the organisation
        // last named, when that one is not a public body of another kind.
        if m.gender == Gender::Neuter
            && !matches!(m.kind, MentionKind::Role(Number::Plural))
            && role_words.len() == 1
            && m.span.slice(text).get(..4).is_some_and(|d| d.eq_ignore_ascii_case("the "))
            && let Some(head) = role_words.last()
            && BUSINESS_WORDS.contains(&head.as_str())
            && let Some(id) = self.last_business(text)
        {
            self.touch(text, id, None, m.span);
            return (id, Link::Likely);
        }
        let display = m.span.trim(text);
        let key = norm_hash(display.slice(text));
        if let Some(&id) = self.by_role_text.get(&key)
            && self.entities.get(id.0 as usize).is_some_and(|e| norm_eq(e.name.slice(text), display.slice(text)))
        {
            self.touch(text, id, None, m.span);
            return (id, Link::Certain);
        }
        let gender = m.gender;
        let kind = if gender == Gender::Neuter { SpeakerKind::Organisation } else { SpeakerKind::Role };
        let id = self.new_entity(kind, display, NameWords::default(), gender, m.span.start);
        self.by_role_text.insert(key, id);
        self.touch(text, id, None, m.span);
        (id, Link::Certain)
    }

    /// The most recently seen organisation whose name contains `word` ("ministry").
    /// The organisation seen most recently, if it is not a public body (a board, union,
    /// ministry, court …) that a business word could not mean.
    fn last_business(&self, text: &str) -> Option<EntityId> {
        let (i, e) = self
            .entities
            .iter()
            .enumerate()
            .rev()
            .take(256)
            .filter(|(_, e)| e.kind == SpeakerKind::Organisation && e.mentions > 0)
            .max_by_key(|(_, e)| e.last_seen)?;
        let public = e.name.slice(text).split(|c: char| !c.is_alphanumeric()).any(|w| {
            let w = w.to_ascii_lowercase();
            PUBLIC_BODIES.contains(&w.as_str())
        });
        (!public).then(|| EntityId(u32::try_from(i).unwrap_or(u32::MAX)))
    }

    fn org_with_word(&self, text: &str, word: &str) -> Option<EntityId> {
        self.entities
            .iter()
            .enumerate()
            .rev()
            .take(256)
            .filter(|(_, e)| {
                let name = e.name.slice(text);
                e.kind == SpeakerKind::Organisation
                    && name.split(|c: char| !c.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case(word))
                    && !name.eq_ignore_ascii_case(word)
            })
            .max_by_key(|(_, e)| e.last_seen)
            .map(|(i, _)| EntityId(u32::try_from(i).unwrap_or(u32::MAX)))
    }
}
