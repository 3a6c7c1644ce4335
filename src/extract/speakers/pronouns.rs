//! Pronouns: the window of recent antecedents, in text order, and a third-person pronoun
//! resolved to the latest compatible salient entity in it.

use super::{Entity, EntityId, Link, Registry, Salience};
use crate::extract::SpeakerKind;
use crate::extract::lexicon::{Gender, Pronoun};

#[derive(Clone, Copy, Debug)]
pub(super) struct Antecedent {
    entity: EntityId,
    offset: usize,
    paragraph: usize,
    salience: Salience,
}

/// The antecedents within a pronoun's reach, in text order: a vector whose front is
/// dropped by moving a start index (and compacted now and then), which costs less per
/// mention than a ring buffer's index arithmetic.
#[derive(Debug, Default)]
pub(super) struct Window {
    items: Vec<Antecedent>,
    start: usize,
}

impl Window {
    pub(super) fn live(&self) -> &[Antecedent] {
        self.items.get(self.start..).unwrap_or_default()
    }

    pub(super) fn live_mut(&mut self) -> &mut [Antecedent] {
        self.items.get_mut(self.start..).unwrap_or_default()
    }

    /// Drops the oldest antecedents while `stale` says so.
    pub(super) fn drop_front(&mut self, stale: impl Fn(&Antecedent) -> bool) {
        while self.live().first().is_some_and(&stale) {
            self.start += 1;
        }
        if self.start >= 64 && self.start * 2 >= self.items.len() {
            self.items.drain(..self.start);
            self.start = 0;
        }
    }

    pub(super) fn insert(&mut self, at: usize, a: Antecedent) {
        let at = self.start + at;
        if at >= self.items.len() {
            self.items.push(a);
        } else {
            self.items.insert(at, a);
        }
    }

    pub(super) fn clear(&mut self) {
        self.items.clear();
        self.start = 0;
    }
}

/// Paragraphs a pronoun may look back over (the current one and two before it).
const PRONOUN_WINDOW: usize = 2;

impl Registry {
    /// Notes a mention as a possible pronoun antecedent.
    pub fn note(&mut self, entity: EntityId, offset: usize, paragraph: usize, salience: Salience) {
        // Keep the window bounded: drop entries from paragraphs out of reach.
        self.recent.drop_front(|a| a.paragraph + PRONOUN_WINDOW < paragraph);
        if salience >= Salience::Subject
            && let Some(e) = self.get_mut(entity)
        {
            e.person_like = true;
        }
        // Kept in text order: a speaker found late (by a cue after the names that follow it)
        // goes back to where it was named, so later names stay nearer to a pronoun.
        let at = self.recent.live().iter().rposition(|a| a.offset <= offset).map_or(0, |k| k + 1);
        if let Some(prev) = at.checked_sub(1).and_then(|k| self.recent.live_mut().get_mut(k))
            && prev.entity == entity
            && prev.offset == offset
        {
            prev.salience = prev.salience.max(salience);
            return;
        }
        self.recent.insert(at, Antecedent { entity, offset, paragraph, salience });
    }

    /// Resolves a third-person pronoun at `offset` to the most recent compatible salient
    /// entity before it.
    pub fn pronoun(&mut self, p: Pronoun, offset: usize, paragraph: usize) -> Option<(EntityId, Link)> {
        let fits = |e: &Entity| match p {
            Pronoun::He | Pronoun::She => {
                matches!(e.kind, SpeakerKind::Person) && e.gender.compatible(p.gender()) && e.gender != Gender::Neuter
            }
            Pronoun::It | Pronoun::They => e.kind == SpeakerKind::Organisation,
            Pronoun::We | Pronoun::I | Pronoun::You => false,
        };
        let mut best: Option<(Antecedent, bool)> = None;
        let mut others: Vec<EntityId> = Vec::new();
        // The most recent compatible person whose gender is known, however they were named.
        let mut gendered: Option<Antecedent> = None;
        for a in self.recent.live().iter().rev() {
            if a.offset >= offset || a.paragraph + PRONOUN_WINDOW < paragraph {
                continue;
            }
            let Some(e) = self.entities.get(a.entity.0 as usize) else {
                continue;
            };
            if !fits(e) {
                continue;
            }
            if a.salience >= Salience::Subject {
                best = Some((*a, e.gender != Gender::Unknown));
                break;
            }
            if e.gender == Gender::Unknown {
                if e.person_like {
                    others.push(a.entity);
                }
            } else if gendered.is_none() && matches!(p, Pronoun::He | Pronoun::She) {
                gendered = Some(*a);
            }
        }
        // "Brisklane said … led by Tobias Renwick, who, he said, …": a nearer person known to
        // be a man beats an earlier subject of unknown gender.
        if let (Some((b, false)), Some(g)) = (best, gendered) {
            best = Some((g, true));
            others.retain(|&o| o != b.entity);
        }
        let (a, gender_known) = best?;
        // A more recent compatible person of unknown gender makes the choice doubtful.
        let rival = !gender_known && others.iter().any(|&o| o != a.entity);
        let link = if rival { Link::Doubtful } else { Link::Likely };
        // Only a confident link teaches the entity its gender; a doubtful one would make the
        // next resolution of the same pronoun look certain.
        if link != Link::Doubtful
            && let Some(e) = self.get_mut(a.entity)
            && e.gender == Gender::Unknown
            && matches!(p, Pronoun::He | Pronoun::She)
        {
            e.gender = p.gender();
        }
        Some((a.entity, link))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_antecedent_window_keeps_text_order_across_compaction() {
        let a = |offset: usize, paragraph: usize| Antecedent {
            entity: EntityId(u32::try_from(offset).unwrap_or(0)),
            offset,
            paragraph,
            salience: Salience::Other,
        };
        let mut w = Window::default();
        for p in 0..200 {
            w.drop_front(|x| x.paragraph + PRONOUN_WINDOW < p);
            w.insert(w.live().len(), a(p * 10 + 5, p));
            // A speaker found late goes back before the later name.
            w.insert(w.live().len() - 1, a(p * 10 + 1, p));
            let offsets: Vec<usize> = w.live().iter().map(|x| x.offset).collect();
            let want: Vec<usize> =
                (p.saturating_sub(PRONOUN_WINDOW)..=p).flat_map(|q| [q * 10 + 1, q * 10 + 5]).collect();
            assert_eq!(offsets, want, "paragraph {p}");
        }
        assert!(w.items.len() < 80, "the dropped front is compacted away");
        w.clear();
        assert!(w.live().is_empty());
    }
}
