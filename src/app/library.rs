//! The library screen: the list of stories, filtered as you type and sorted by title or date.

use super::action::Action;
use super::{App, Effect, PromptKind, list};
use crate::config::SortOrder;
use crate::library::Entry;
use crate::span::Span;
use crate::text::fold;

/// The library screen's state.
#[derive(Clone, Debug, Default)]
pub struct LibraryView {
    pub entries: Vec<Entry>,
    /// Indices into `entries` that pass the filter, in display order.
    pub shown: Vec<usize>,
    /// Position in `shown`.
    pub selected: usize,
    pub scroll: usize,
    pub filter: String,
    pub sort: Option<SortOrder>,
    pub scan: Option<(usize, Option<usize>)>,
    /// Files of the scanned folders that are not articles (shown in the status line).
    pub skipped: usize,
}

impl LibraryView {
    /// Re-derives `shown` from the entries, the filter and the sort order, keeping the
    /// selected entry selected when it is still shown.
    pub fn refresh(&mut self) {
        let f = fold(&self.filter);
        let entries = &self.entries;
        let mut shown: Vec<usize> =
            (0..entries.len()).filter(|&i| f.is_empty() || entries.get(i).is_some_and(|e| matches(e, &f))).collect();
        match self.sort {
            Some(SortOrder::Title) | None => {
                shown.sort_by_cached_key(|&i| entries.get(i).map(|e| fold(&e.title)));
            }
            Some(SortOrder::Date) => {
                shown.sort_by_cached_key(|&i| {
                    let e = entries.get(i);
                    (std::cmp::Reverse(e.and_then(|e| e.date.clone())), e.map(|e| fold(&e.title)))
                });
            }
        }
        let selected_entry = self.shown.get(self.selected).copied();
        self.shown = shown;
        if let Some(sel) = selected_entry.and_then(|e| self.shown.iter().position(|&i| i == e)) {
            self.selected = sel;
        }
    }

    /// Keeps the selection in the list and on screen (`height` rows).
    pub fn clamp(&mut self, height: usize) {
        list::clamp(&mut self.selected, &mut self.scroll, self.shown.len(), height);
    }

    /// The entry under the selection.
    pub fn selected_entry(&self) -> Option<usize> {
        self.shown.get(self.selected).copied()
    }
}

/// Whether an entry matches a folded filter ([`fold`]: case, quotes, accents): by title, source or a speaker's name.
fn matches(e: &Entry, f: &str) -> bool {
    fold(&e.title).contains(f)
        || e.source.as_deref().is_some_and(|s| fold(s).contains(f))
        || e.speakers.iter().any(|s| fold(s).contains(f))
}

impl App {
    pub(super) fn library_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let page = self.list_height();
        let lib = &mut self.library;
        if let Some(sel) = list::step(lib.selected, lib.shown.len(), action, page) {
            lib.selected = sel;
        }
        match action {
            Action::Open => {
                if let Some(i) = self.library.selected_entry() {
                    self.found.opened = None;
                    self.speakers.opened = None;
                    self.open_entry(i, None, fx);
                }
            }
            Action::Search => {
                let text = self.library.filter.clone();
                self.open_prompt(PromptKind::LibraryFilter, text, None);
            }
            Action::SearchLibrary => self.open_prompt(PromptKind::LibrarySearch, String::new(), None),
            Action::OpenSpeakers => self.open_speakers(fx),
            Action::Sort => {
                self.library.sort = Some(match self.library.sort {
                    Some(SortOrder::Date) | None => SortOrder::Title,
                    Some(SortOrder::Title) => SortOrder::Date,
                });
                self.refresh_library();
            }
            Action::Back if !self.library.filter.is_empty() => {
                self.library.filter.clear();
                self.refresh_library();
            }
            _ => {}
        }
        self.clamp_lists();
    }

    pub(super) fn refresh_library(&mut self) {
        self.library.refresh();
        self.clamp_lists();
    }

    /// Reading progress of an entry (0–100), from its saved position: the figure the reader's
    /// status line showed when it was saved (from the offset, for a position saved before
    /// quoth kept that figure).
    pub fn progress(&self, entry: &Entry) -> Option<u8> {
        let fp = entry.fingerprint?;
        let p = self.positions.get(&fp)?;
        if let Some(pct) = p.percent {
            return Some(pct.min(100));
        }
        let pct = (p.progress() * 100.0).round().clamp(0.0, 100.0);
        // In 0..=100 after the clamp.
        #[allow(clippy::cast_sign_loss)]
        Some(pct as u8)
    }

    /// Minutes of reading left in an entry, as the reader's status line showed them when its
    /// position was saved (at the configured reading speed).
    pub fn minutes_left(&self, entry: &Entry) -> Option<u32> {
        let words = self.positions.get(&entry.fingerprint?)?.words_left?;
        Some(super::reader::minutes_for(words, self.config.words_per_minute))
    }

    /// Opens a library entry (asks for it to be loaded).
    pub fn open_entry(&mut self, entry: usize, then: Option<Span>, fx: &mut Vec<Effect>) {
        // Entries that failed before are tried again: the user may have fixed the file.
        let Some(origin) = self.library.entries.get(entry).map(|e| e.origin.clone()) else {
            return;
        };
        self.save_position(fx, true);
        fx.push(Effect::Load { entry, origin, then });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Origin;

    fn entry(title: &str, date: Option<&str>, speakers: &[&str]) -> Entry {
        let mut e = Entry::unread(Origin::from_path(std::path::Path::new(&format!("{title}.txt"))));
        e.title = title.to_owned();
        e.date = date.map(str::to_owned);
        e.speakers = speakers.iter().map(|s| (*s).to_owned()).collect();
        e
    }

    fn titles(v: &LibraryView) -> Vec<&str> {
        v.shown.iter().map(|&i| v.entries[i].title.as_str()).collect()
    }

    #[test]
    fn filters_by_title_or_speaker_and_sorts_by_title_or_newest_first() {
        let mut v = LibraryView {
            entries: vec![
                entry("Harbour ferry", Some("2026-03-01"), &["Ana Ruiz"]),
                entry("bridge vote", Some("2026-05-01"), &["Ben Ode"]),
                entry("Council", None, &[]),
            ],
            sort: Some(SortOrder::Title),
            ..LibraryView::default()
        };
        v.refresh();
        assert_eq!(titles(&v), ["bridge vote", "Council", "Harbour ferry"], "case-blind title order");
        v.sort = Some(SortOrder::Date);
        v.refresh();
        assert_eq!(titles(&v), ["bridge vote", "Harbour ferry", "Council"], "undated last");
        v.filter = "ruiz".into();
        v.refresh();
        assert_eq!(titles(&v), ["Harbour ferry"], "a speaker's name matches");
    }

    #[test]
    fn the_filter_folds_accents_quotes_and_case() {
        let mut v = LibraryView {
            entries: vec![
                entry("Mayor’s budget", None, &["Inés López"]),
                entry("Ferry", None, &["Ines Lopez"]),
                entry("Other", None, &["Ana Ruiz"]),
            ],
            sort: Some(SortOrder::Title),
            ..LibraryView::default()
        };
        for f in ["lopez", "LÓPEZ", "inés"] {
            v.filter = f.into();
            v.refresh();
            assert_eq!(titles(&v), ["Ferry", "Mayor’s budget"], "filter {f:?}");
        }
        v.filter = "mayor's".into();
        v.refresh();
        assert_eq!(titles(&v), ["Mayor’s budget"]);
    }

    #[test]
    fn the_selected_story_stays_selected_across_a_refresh() {
        let mut v = LibraryView {
            entries: vec![entry("b", None, &[]), entry("a", None, &[]), entry("c", None, &[])],
            ..LibraryView::default()
        };
        v.refresh();
        v.selected = 2; // "c"
        v.entries.push(entry("aa", None, &[]));
        v.refresh();
        assert_eq!(titles(&v), ["a", "aa", "b", "c"]);
        assert_eq!(v.selected_entry().map(|i| v.entries[i].title.as_str()), Some("c"));
    }
}
