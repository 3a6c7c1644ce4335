//! The speakers screen: every speaker of the library, the same person merged across stories
//! ([`crate::index::Index::speakers`]), with their quotes and stories and the latest date,
//! filtered as you type; `enter` lists that person's quotes across stories, newest first, and
//! `enter` on a quote opens its story there with the pane on it. From the reader's pane, one
//! key lists the selected speaker's quotes in the whole library.
//!
//! Both lists come from a worker: [`Effect::ListSpeakers`] and [`Effect::SpeakerQuotes`].

use super::action::Action;
use super::reader::Focus;
use super::{App, Effect, PromptKind, Screen, list};
use crate::index::query::{QuoteRow, SpeakerEntry};
use crate::library::{Entry, Origin};
use crate::span::Span;
use crate::text::fold;
use std::path::Path;

/// One person's quotes across the library.
#[derive(Clone, Debug, Default)]
pub struct PersonQuotes {
    pub name: String,
    pub quotes: Vec<QuoteRow>,
    pub selected: usize,
    pub scroll: usize,
    /// Still being looked up.
    pub loading: bool,
}

/// The speakers screen's state.
#[derive(Clone, Debug, Default)]
pub struct SpeakersView {
    pub entries: Vec<SpeakerEntry>,
    /// Indices into `entries` that pass the filter.
    pub shown: Vec<usize>,
    pub filter: String,
    pub selected: usize,
    pub scroll: usize,
    pub loading: bool,
    /// The person whose quotes are listed (the second level of the screen).
    pub person: Option<PersonQuotes>,
    /// The library entry opened from here: `back` in its reader comes here.
    pub opened: Option<usize>,
}

impl SpeakersView {
    /// Re-derives `shown` from the filter (folded: case, accents, quotes).
    pub fn refresh(&mut self) {
        let f = fold(&self.filter);
        self.shown = (0..self.entries.len())
            .filter(|&i| f.is_empty() || self.entries.get(i).is_some_and(|e| fold(&e.name).contains(&f)))
            .collect();
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }
}

impl App {
    /// Opens the speakers screen and asks for the list.
    pub(super) fn open_speakers(&mut self, fx: &mut Vec<Effect>) {
        self.speakers.loading = true;
        self.speakers.person = None;
        self.screen = Screen::Speakers;
        fx.push(Effect::ListSpeakers);
    }

    /// From the reader: the selected speaker's quotes in the whole library.
    pub(super) fn speaker_everywhere(&mut self, fx: &mut Vec<Effect>) {
        let name = self.reader.as_ref().and_then(|r| {
            let id = r.selected_speaker()?;
            r.extraction.as_ref()?.speaker(id).map(|s| s.name.clone())
        });
        let Some(name) = name else {
            self.warn("select a quote with a speaker in the pane first");
            return;
        };
        self.screen = Screen::Speakers;
        self.ask_quotes(name, fx);
        if self.speakers.entries.is_empty() {
            self.speakers.loading = true;
            fx.push(Effect::ListSpeakers);
        }
    }

    fn ask_quotes(&mut self, name: String, fx: &mut Vec<Effect>) {
        self.speakers.person = Some(PersonQuotes { name: name.clone(), loading: true, ..PersonQuotes::default() });
        fx.push(Effect::SpeakerQuotes(name));
    }

    pub(super) fn on_speakers(&mut self, result: Result<Vec<SpeakerEntry>, String>) {
        self.speakers.loading = false;
        match result {
            Ok(list) => {
                self.speakers.entries = list;
                self.speakers.refresh();
            }
            Err(why) => self.error(format!("speakers: {why}")),
        }
    }

    pub(super) fn on_speaker_quotes(&mut self, name: &str, result: Result<Vec<QuoteRow>, String>) {
        let Some(p) = self.speakers.person.as_mut().filter(|p| p.name == name) else { return };
        p.loading = false;
        match result {
            Ok(q) => {
                let n = q.len();
                p.quotes = q;
                p.selected = 0;
                p.scroll = 0;
                if n == 0 {
                    self.warn(format!("no quotes of {} in the library", crate::article::sanitize::clean_line(name)));
                }
            }
            Err(why) => self.error(format!("quotes: {why}")),
        }
    }

    pub(super) fn speakers_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let h = self.list_height();
        if let Some(p) = self.speakers.person.as_mut() {
            let page = (h / 3).max(1);
            if let Some(sel) = list::step(p.selected, p.quotes.len(), action, page) {
                p.selected = sel;
            }
            match action {
                Action::Open => self.open_person_quote(fx),
                Action::Back => self.speakers.person = None,
                _ => {}
            }
            if let Some(p) = self.speakers.person.as_mut() {
                list::clamp(&mut p.selected, &mut p.scroll, p.quotes.len(), page);
            }
            return;
        }
        let v = &mut self.speakers;
        if let Some(sel) = list::step(v.selected, v.shown.len(), action, h) {
            v.selected = sel;
        }
        match action {
            Action::Open => {
                let name = v.shown.get(v.selected).and_then(|&i| v.entries.get(i)).map(|e| e.name.clone());
                if let Some(name) = name {
                    self.ask_quotes(name, fx);
                }
            }
            Action::Search => {
                let text = self.speakers.filter.clone();
                self.open_prompt(PromptKind::SpeakerFilter, text, None);
            }
            Action::Back if !self.speakers.filter.is_empty() => {
                self.speakers.filter.clear();
                self.speakers.refresh();
            }
            Action::Back => self.screen = Screen::Library,
            _ => {}
        }
        let v = &mut self.speakers;
        list::clamp(&mut v.selected, &mut v.scroll, v.shown.len(), h);
    }

    /// Opens the selected quote's story at the quote, with the pane on it.
    fn open_person_quote(&mut self, fx: &mut Vec<Effect>) {
        let Some(q) = self.speakers.person.as_ref().and_then(|p| p.quotes.get(p.selected)).cloned() else { return };
        let path = Path::new(&q.path);
        let entry = match super::found::find_story(&self.library.entries, path) {
            Some(i) => i,
            None => {
                self.library.entries.push(Entry::unread(Origin::from_path(path)));
                self.refresh_library();
                self.library.entries.len() - 1
            }
        };
        self.pending_quote = Some(q.start);
        self.found.opened = None;
        self.speakers.opened = Some(entry);
        self.open_entry(entry, Some(Span::new(q.start, q.end)), fx);
    }

    /// After a story opened from the speakers screen: the quote at `at` selected in the pane.
    pub(super) fn select_pending_quote(&mut self) {
        let Some(at) = self.pending_quote.take() else { return };
        let Some(r) = self.reader.as_mut() else { return };
        let id = r.extraction.as_ref().and_then(|ex| {
            ex.quotes
                .iter()
                .position(|q| q.parent.is_none() && q.extent.start <= at && at < q.extent.end.max(q.extent.start + 1))
        });
        if let Some(id) = id.and_then(|i| u32::try_from(i).ok()) {
            r.pane.visible = true;
            r.select_quote(crate::extract::QuoteId(id));
            r.focus = Focus::Pane;
            self.relayout();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn person(name: &str, quotes: usize) -> SpeakerEntry {
        SpeakerEntry { name: name.into(), kind: "person".into(), quotes, stories: 1, latest: None, ids: Vec::new() }
    }

    fn row(path: &str, start: usize) -> QuoteRow {
        QuoteRow {
            path: path.into(),
            title: "T".into(),
            date: None,
            speaker: Some("Inés López".into()),
            kind: "direct".into(),
            paragraph: 2,
            start,
            end: start + 10,
            text: "We sail.".into(),
        }
    }

    #[test]
    fn list_filter_person_and_back() {
        let mut app = App::new(Config::defaults(), Vec::new(), true, 100, 30, false);
        let mut fx = Vec::new();
        app.open_speakers(&mut fx);
        assert_eq!(fx, [Effect::ListSpeakers]);
        assert_eq!(app.screen, Screen::Speakers);
        app.on_speakers(Ok(vec![person("Inés López", 3), person("Tomas Ekberg", 1)]));
        assert_eq!(app.speakers.shown, [0, 1]);
        app.speakers.filter = "lopez".into();
        app.speakers.refresh();
        assert_eq!(app.speakers.shown, [0], "folded filter");
        let mut fx = Vec::new();
        app.speakers_action(Action::Open, &mut fx);
        assert_eq!(fx, [Effect::SpeakerQuotes("Inés López".into())]);
        app.on_speaker_quotes("someone else", Ok(vec![row("x.txt", 0)]));
        assert!(app.speakers.person.as_ref().is_some_and(|p| p.loading), "a stale answer is ignored");
        app.on_speaker_quotes("Inés López", Ok(vec![row("a.txt", 5), row("b.txt", 40)]));
        let mut fx = Vec::new();
        app.speakers_action(Action::Down, &mut fx);
        app.speakers_action(Action::Open, &mut fx);
        let load = fx.iter().find_map(|e| match e {
            Effect::Load { then, .. } => Some(*then),
            _ => None,
        });
        assert_eq!(load, Some(Some(Span::new(40, 50))), "the second quote's story, at the quote");
        assert_eq!(app.pending_quote, Some(40));
        app.screen = Screen::Speakers;
        app.speakers_action(Action::Back, &mut Vec::new());
        assert!(app.speakers.person.is_none(), "back: to the speakers");
        app.speakers_action(Action::Back, &mut Vec::new());
        assert_eq!(app.speakers.filter, "", "back: the filter first");
        app.speakers_action(Action::Back, &mut Vec::new());
        assert_eq!(app.screen, Screen::Library);
    }
}
