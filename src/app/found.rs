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

/// A page of results: the stories from the `offset`-th best on, and (with the first page) how
/// many stories match in all.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundPage {
    pub offset: usize,
    pub stories: Vec<FoundStory>,
    pub total: Option<usize>,
}

/// Stories from the end of the list at which the next page is asked for.
const PAGE_AHEAD: usize = 10;

/// The search screen's state.
#[derive(Clone, Debug, Default)]
pub struct FoundView {
    pub query: String,
    pub stories: Vec<FoundStory>,
    /// How many stories match in all: more than `stories` holds when there are pages to come.
    pub total: usize,
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
        fx.push(Effect::SearchLibrary { query: query.to_owned(), offset: 0 });
    }

    /// Asks for the next page of results when the selection is near the end of those listed
    /// and more match.
    fn more_results(&mut self, fx: &mut Vec<Effect>) {
        let v = &mut self.found;
        if !v.searching && v.stories.len() < v.total && v.selected + PAGE_AHEAD >= v.stories.len() {
            v.searching = true;
            fx.push(Effect::SearchLibrary { query: v.query.clone(), offset: v.stories.len() });
        }
    }

    /// The results of a library search (ignored when another search has started since).
    pub(super) fn on_library_search(&mut self, query: &str, result: Result<FoundPage, String>) {
        if query != self.found.query {
            return;
        }
        self.found.searching = false;
        match result {
            // A later page: added below the stories listed (one that no longer follows on,
            // after a new search, is dropped).
            Ok(page) if page.offset > 0 => {
                if page.offset == self.found.stories.len() {
                    if page.stories.is_empty() {
                        // The library changed since the count: no more to come.
                        self.found.total = self.found.stories.len();
                    }
                    self.found.stories.extend(page.stories);
                    self.found.total = self.found.total.max(self.found.stories.len());
                }
            }
            Ok(page) => {
                let n = page.stories.len();
                self.found.total = page.total.unwrap_or(n).max(n);
                self.found.stories = page.stories;
                self.found.selected = 0;
                self.found.scroll = 0;
                self.screen = Screen::Search;
                if n == 0 {
                    self.warn(format!("no story matches “{}”", crate::article::sanitize::clean_line(query)));
                } else {
                    self.info(format!("{} — enter opens at the match", crate::text::count(self.found.total, "story")));
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
        self.more_results(fx);
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

    fn first_page(stories: Vec<FoundStory>, total: usize) -> FoundPage {
        FoundPage { offset: 0, stories, total: Some(total) }
    }

    #[test]
    fn later_pages_are_asked_for_near_the_end_and_added_once() {
        let mut app = App::new(Config::defaults(), Vec::new(), true, 100, 30, false);
        let mut fx = Vec::new();
        app.search_library("ferry", &mut fx);
        let page = |from: usize, n: usize| -> Vec<FoundStory> {
            (from..from + n).map(|i| story(&format!("{i}.txt"), &format!("S{i}"), i)).collect()
        };
        app.on_library_search("ferry", Ok(first_page(page(0, 30), 45)));
        assert_eq!((app.found.stories.len(), app.found.total), (30, 45));
        let mut fx = Vec::new();
        // Far from the end: nothing asked.
        app.found_action(Action::Down, &mut fx);
        assert!(fx.is_empty(), "{fx:?}");
        for _ in 0..19 {
            app.found_action(Action::Down, &mut fx);
        }
        assert_eq!(fx, [Effect::SearchLibrary { query: "ferry".into(), offset: 30 }], "asked once");
        // An answer that no longer follows on (from before a new search) is dropped.
        app.on_library_search("ferry", Ok(FoundPage { offset: 12, stories: page(12, 5), total: None }));
        assert_eq!(app.found.stories.len(), 30);
        app.on_library_search("ferry", Ok(FoundPage { offset: 30, stories: page(30, 15), total: None }));
        assert_eq!(app.found.stories.len(), 45);
        assert_eq!(app.found.stories[44].title, "S44");
        let mut fx = Vec::new();
        app.found_action(Action::Bottom, &mut fx);
        assert!(fx.is_empty(), "all listed: nothing more to ask");
        assert_eq!(app.found.selected, 44);
    }

    #[test]
    fn results_show_then_enter_opens_the_story_at_its_match() {
        let entries = vec![Entry::unread(Origin::from_path(Path::new("a.txt")))];
        let mut app = App::new(Config::defaults(), entries, true, 100, 30, false);
        let mut fx = Vec::new();
        app.search_library("ferry", &mut fx);
        assert_eq!(fx, [Effect::SearchLibrary { query: "ferry".into(), offset: 0 }]);
        // A stale answer to an older query changes nothing.
        app.on_library_search("boat", Ok(first_page(vec![story("x.txt", "X", 0)], 1)));
        assert_eq!(app.screen, Screen::Library);
        app.on_library_search("ferry", Ok(first_page(vec![story("b.txt", "B", 40), story("a.txt", "A", 12)], 2)));
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
        app.on_library_search("zzz", Ok(first_page(Vec::new(), 0)));
        assert!(app.message.as_ref().is_some_and(|m| m.text.contains("no story matches")));
        app.search_library("yyy", &mut fx);
        app.on_library_search("yyy", Err("disk full".into()));
        assert!(app.message.as_ref().is_some_and(|m| m.text.contains("disk full")));
    }
}
