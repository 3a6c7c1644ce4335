//! The library search screen: the stories of the whole library that match a query, best
//! first, each with a line of context; `enter` opens a story at its first match with the
//! in-article search set, so `n` / `N` go on through the matches there.
//!
//! The query runs on a worker against the library database ([`crate::index`]): the app asks
//! with [`Effect::SearchLibrary`] and gets [`super::Msg::LibrarySearch`] back.

use super::action::Action;
use super::{App, Effect, PromptKind, Screen, list};
use crate::library::{Entry, Origin};
use crate::span::Span;
use std::path::{Path, PathBuf};

/// One story that matched.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundStory {
    /// The story as the library names it (`file#N` for a feed entry).
    pub path: PathBuf,
    pub title: String,
    pub date: Option<String>,
    /// A line of text around the first match, and the matches in it.
    pub snippet: String,
    pub snippet_matches: Vec<Span>,
    /// The first match in the story's text, and the words that matched there.
    pub first: Option<(Span, String)>,
}

/// The search screen's state.
#[derive(Clone, Debug, Default)]
pub struct FoundView {
    pub query: String,
    pub stories: Vec<FoundStory>,
    pub selected: usize,
    pub scroll: usize,
    /// The query is running.
    pub searching: bool,
    /// The library entry opened from these results: `back` in its reader comes here.
    pub opened: Option<usize>,
}

impl App {
    /// Starts a library-wide search (from the prompt).
    pub(super) fn search_library(&mut self, query: &str, fx: &mut Vec<Effect>) {
        let query = query.trim();
        if query.is_empty() {
            return;
        }
        self.found = FoundView { query: query.to_owned(), searching: true, ..FoundView::default() };
        self.info(format!("searching the library for “{}”…", crate::article::sanitize::clean_line(query)));
        fx.push(Effect::SearchLibrary(query.to_owned()));
    }

    /// The results of a library search (ignored when another search has started since).
    pub(super) fn on_library_search(&mut self, query: &str, result: Result<Vec<FoundStory>, String>) {
        if query != self.found.query {
            return;
        }
        self.found.searching = false;
        match result {
            Ok(stories) => {
                let n = stories.len();
                self.found.stories = stories;
                self.found.selected = 0;
                self.found.scroll = 0;
                self.screen = Screen::Search;
                if n == 0 {
                    self.warn(format!("no story matches “{}”", crate::article::sanitize::clean_line(query)));
                } else {
                    self.info(format!("{} — enter opens at the match", crate::text::count(n, "story")));
                }
            }
            Err(why) => self.error(format!("library search: {why}")),
        }
    }

    pub(super) fn found_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let page = (self.list_height() / 3).max(1);
        let v = &mut self.found;
        if let Some(sel) = list::step(v.selected, v.stories.len(), action, page) {
            v.selected = sel;
        }
        match action {
            Action::Open => self.open_found(fx),
            Action::Search | Action::SearchLibrary => {
                let q = self.found.query.clone();
                self.open_prompt(PromptKind::LibrarySearch, q, None);
            }
            Action::Back => self.screen = Screen::Library,
            _ => {}
        }
        let h = (self.list_height() / 3).max(1);
        list::clamp(&mut self.found.selected, &mut self.found.scroll, self.found.stories.len(), h);
    }

    /// Opens the selected story at its first match, with the in-article search on the words
    /// that matched there.
    fn open_found(&mut self, fx: &mut Vec<Effect>) {
        let Some(s) = self.found.stories.get(self.found.selected).cloned() else { return };
        let entry = match find_story(&self.library.entries, &s.path) {
            Some(i) => i,
            None => {
                // A story the list has not shown yet (a scan still running, or a file named
                // on its own): listed now.
                self.library.entries.push(Entry::unread(Origin::from_path(&s.path)));
                self.refresh_library();
                self.library.entries.len() - 1
            }
        };
        self.pending_find = s.first.as_ref().map(|(_, words)| words.clone());
        self.found.opened = Some(entry);
        self.open_entry(entry, s.first.map(|(span, _)| span), fx);
    }
}

/// The library entry of a story path.
pub(super) fn find_story(entries: &[Entry], path: &Path) -> Option<usize> {
    let canonical = std::fs::canonicalize(path).ok();
    entries.iter().position(|e| {
        let p = e.origin.path();
        p == path || canonical.as_ref().is_some_and(|c| std::fs::canonicalize(&p).is_ok_and(|q| q == *c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn story(path: &str, title: &str, at: usize) -> FoundStory {
        FoundStory {
            path: PathBuf::from(path),
            title: title.into(),
            date: None,
            snippet: "… the ferry comes …".into(),
            snippet_matches: vec![Span::new(6, 11)],
            first: Some((Span::new(at, at + 5), "ferry".into())),
        }
    }

    #[test]
    fn results_show_then_enter_opens_the_story_at_its_match() {
        let entries = vec![Entry::unread(Origin::from_path(Path::new("a.txt")))];
        let mut app = App::new(Config::defaults(), entries, true, 100, 30, false);
        let mut fx = Vec::new();
        app.search_library("ferry", &mut fx);
        assert_eq!(fx, [Effect::SearchLibrary("ferry".into())]);
        // A stale answer to an older query changes nothing.
        app.on_library_search("boat", Ok(vec![story("x.txt", "X", 0)]));
        assert_eq!(app.screen, Screen::Library);
        app.on_library_search("ferry", Ok(vec![story("b.txt", "B", 40), story("a.txt", "A", 12)]));
        assert_eq!(app.screen, Screen::Search);
        let mut fx = Vec::new();
        app.found_action(Action::Down, &mut fx);
        app.found_action(Action::Open, &mut fx);
        let load = fx.iter().find_map(|e| match e {
            Effect::Load { entry, then, .. } => Some((*entry, *then)),
            _ => None,
        });
        assert_eq!(load, Some((0, Some(Span::new(12, 17)))), "the existing entry, at the match");
        assert_eq!(app.pending_find.as_deref(), Some("ferry"));
        let mut fx = Vec::new();
        app.found_action(Action::Up, &mut fx);
        app.found_action(Action::Open, &mut fx);
        assert_eq!(app.library.entries.len(), 2, "a story not listed yet is added");
        app.found_action(Action::Back, &mut fx);
        assert_eq!(app.screen, Screen::Library);
    }

    #[test]
    fn no_match_and_errors_are_said() {
        let mut app = App::new(Config::defaults(), Vec::new(), true, 100, 30, false);
        let mut fx = Vec::new();
        app.search_library("  ", &mut fx);
        assert!(fx.is_empty(), "an empty query asks nothing");
        app.search_library("zzz", &mut fx);
        app.on_library_search("zzz", Ok(Vec::new()));
        assert!(app.message.as_ref().is_some_and(|m| m.text.contains("no story matches")));
        app.search_library("yyy", &mut fx);
        app.on_library_search("yyy", Err("disk full".into()));
        assert!(app.message.as_ref().is_some_and(|m| m.text.contains("disk full")));
    }
}
