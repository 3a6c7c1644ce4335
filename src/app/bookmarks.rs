//! The bookmarks screen and bookmarking in the reader: the list (newest first, filtered as
//! you type, delete with undo, notes), finding a bookmark's article again when it moved, and
//! placing an article's bookmarks in the reader.

use super::action::Action;
use super::reader::{Focus, Mark};
use super::{App, BookmarkCheck, Effect, PromptKind, Screen, list};
#[cfg(test)]
use crate::library::EntryState;
use crate::library::{Entry, Origin};
use crate::span::Span;
use crate::store::locate::Candidate;
use crate::store::{Anchor, Bookmark, BookmarkId};
use crate::text::fold;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The bookmarks screen's state.
#[derive(Clone, Debug, Default)]
pub struct BookmarksView {
    /// Indices into `App::bookmarks`, newest first, filtered.
    pub shown: Vec<usize>,
    pub selected: usize,
    pub scroll: usize,
    pub filter: String,
    /// Deleted bookmarks, most recent last, for undo.
    pub undo: Vec<Bookmark>,
    /// What the last background check found for each bookmark.
    pub status: HashMap<BookmarkId, BookmarkCheck>,
    /// A bookmark to go to once its article has loaded.
    pending: Option<Bookmark>,
}

impl BookmarksView {
    /// Re-derives `shown` from the bookmarks and the filter: newest first.
    pub fn refresh(&mut self, bookmarks: &[Bookmark]) {
        let f = fold(&self.filter);
        let mut keyed: Vec<(std::cmp::Reverse<u64>, usize)> = bookmarks
            .iter()
            .enumerate()
            .filter(|(_, b)| f.is_empty() || matches(b, &f))
            .map(|(i, b)| (std::cmp::Reverse(b.created), i))
            .collect();
        keyed.sort_unstable();
        self.shown = keyed.into_iter().map(|(_, i)| i).collect();
    }

    /// Keeps the selection in the list and on screen (`height` bookmarks, not rows).
    pub fn clamp(&mut self, height: usize) {
        list::clamp(&mut self.selected, &mut self.scroll, self.shown.len(), height);
    }
}

/// Whether a bookmark matches a folded filter ([`fold`]: case, quotes, accents): by title, excerpt or note.
fn matches(b: &Bookmark, f: &str) -> bool {
    fold(&b.title).contains(f) || fold(&b.excerpt).contains(f) || b.note.as_deref().is_some_and(|n| fold(n).contains(f))
}

/// The library entry that holds a bookmark's article, in the order of `store::locate`: at its
/// path, moved unchanged (same fingerprint), where the last check found it moved, then a
/// file of the same name or title; else an entry at its path that failed to load.
fn find_entry(entries: &[Entry], b: &Bookmark, moved_to: Option<&Path>) -> Option<usize> {
    let at_path = |e: &Entry| e.origin.path() == b.path && e.is_readable();
    let same_fp = |e: &Entry| e.fingerprint == Some(b.fingerprint) && e.is_readable();
    let title = |t: &str| t.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    let related = |e: &Entry| {
        let path = e.origin.path();
        e.is_readable()
            && ((b.path.file_name().is_some() && path.file_name() == b.path.file_name())
                || (!b.title.trim().is_empty() && title(&e.title) == title(&b.title)))
    };
    entries
        .iter()
        .position(at_path)
        .or_else(|| entries.iter().position(same_fp))
        .or_else(|| moved_to.and_then(|m| entries.iter().position(|e| e.origin.path() == m)))
        .or_else(|| entries.iter().position(related))
        .or_else(|| entries.iter().position(|e| e.origin.path() == b.path))
}

impl App {
    /// Opens the bookmarks list, and checks in the background where each bookmark's passage
    /// is now (the library's files are the candidates for a moved article).
    pub(super) fn open_bookmarks(&mut self, fx: &mut Vec<Effect>) {
        if self.screen == Screen::Bookmarks {
            return;
        }
        self.previous_screen = self.screen;
        self.screen = Screen::Bookmarks;
        self.refresh_bookmarks_view();
        let candidates = self
            .library
            .entries
            .iter()
            .filter(|e| Entry::is_readable(e))
            .map(|e| Candidate { path: e.origin.path(), fingerprint: e.fingerprint, title: e.title.clone() })
            .collect();
        fx.push(Effect::CheckBookmarks { bookmarks: self.bookmarks.clone(), candidates });
        if let Some(reason) = &self.store_read_only {
            self.warn(reason.clone());
        }
    }

    /// The bookmark waiting for its article to load.
    pub(super) fn take_pending_bookmark(&mut self) -> Option<Bookmark> {
        self.bookmarks_view.pending.take()
    }

    pub(super) fn bookmarks_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let page = self.list_height() / 3;
        let v = &mut self.bookmarks_view;
        if let Some(sel) = list::step(v.selected, v.shown.len(), action, page) {
            v.selected = sel;
        }
        match action {
            Action::Back => {
                if !v.filter.is_empty() {
                    v.filter.clear();
                    self.refresh_bookmarks_view();
                } else {
                    self.screen = if self.previous_screen == Screen::Reader && self.reader.is_some() {
                        Screen::Reader
                    } else {
                        Screen::Library
                    };
                }
            }
            Action::Search => {
                let text = v.filter.clone();
                self.open_prompt(PromptKind::BookmarkFilter, text, None);
            }
            Action::Open => self.open_selected_bookmark(fx),
            Action::Delete => {
                if let Some(read_only) = &self.store_read_only {
                    self.error(read_only.clone());
                    return;
                }
                let Some(&i) = v.shown.get(v.selected) else {
                    return;
                };
                let Some(b) = self.bookmarks.get(i).cloned() else {
                    return;
                };
                self.bookmarks.remove(i);
                fx.push(Effect::RemoveBookmark(b.id.clone()));
                self.bookmarks_view.undo.push(b);
                self.refresh_bookmarks_view();
                self.refresh_marks();
                self.info("bookmark deleted — u to undo");
            }
            Action::Undo => match v.undo.pop() {
                Some(b) => {
                    self.bookmarks.push(b.clone());
                    fx.push(Effect::AddBookmark(b));
                    self.refresh_bookmarks_view();
                    self.refresh_marks();
                    self.info("bookmark restored");
                }
                None => self.info("nothing to undo"),
            },
            Action::EditNote => {
                let Some(&i) = v.shown.get(v.selected) else {
                    return;
                };
                let Some(b) = self.bookmarks.get(i) else {
                    return;
                };
                if let Some(read_only) = &self.store_read_only {
                    self.error(read_only.clone());
                    return;
                }
                let (id, note) = (b.id.clone(), b.note.clone().unwrap_or_default());
                self.open_prompt(PromptKind::Note, note, Some(id));
            }
            _ => {}
        }
        self.clamp_lists();
    }

    pub(super) fn new_bookmark(&self, span: Span, note: Option<String>) -> Option<Bookmark> {
        let r = self.reader.as_ref()?;
        let path = self.library.entries.get(r.entry).map_or_else(PathBuf::new, |e| e.origin.path());
        Some(Bookmark::new(BookmarkId(String::new()), &r.article, &path, span).with_note(note))
    }

    pub(super) fn new_bookmark_at_cursor(&self, note: Option<String>) -> Option<Bookmark> {
        let r = self.reader.as_ref()?;
        let span = r.article.blocks.get(r.cursor)?.span;
        self.new_bookmark(span, note)
    }

    /// `m`: bookmarks the selected quote (pane focus) or the cursor paragraph.
    pub(super) fn bookmark_here(&mut self, fx: &mut Vec<Effect>) {
        if let Some(reason) = self.store_read_only.clone() {
            self.error(reason);
            return;
        }
        let Some(r) = self.reader.as_ref() else {
            return;
        };
        let quote_span = if r.focus == Focus::Pane {
            r.pane.selected.and_then(|q| r.extraction.as_deref().and_then(|ex| ex.quote(q))).map(|q| q.extent)
        } else {
            None
        };
        let span = match quote_span {
            Some(s) => s,
            None => {
                if r.mark_at_cursor().is_some() {
                    self.info("already bookmarked — a to edit its note; delete it in the bookmarks list (')");
                    return;
                }
                match r.article.blocks.get(r.cursor) {
                    Some(b) => b.span,
                    None => return,
                }
            }
        };
        if let Some(b) = self.new_bookmark(span, None) {
            self.push_bookmark(b, fx);
        }
    }

    pub(super) fn push_bookmark(&mut self, b: Bookmark, fx: &mut Vec<Effect>) {
        self.bookmarks.push(b.clone());
        fx.push(Effect::AddBookmark(b));
        self.refresh_marks();
        self.refresh_bookmarks_view();
        self.info("bookmarked — a adds a note, ' lists bookmarks");
    }

    pub(super) fn open_selected_bookmark(&mut self, fx: &mut Vec<Effect>) {
        let v = &self.bookmarks_view;
        let Some(b) = v.shown.get(v.selected).and_then(|&i| self.bookmarks.get(i)).cloned() else {
            return;
        };
        let moved_to = self.bookmarks_view.status.get(&b.id).and_then(|c| c.moved_to.clone());
        let entry = find_entry(&self.library.entries, &b, moved_to.as_deref());
        let entry = match entry {
            Some(i) => i,
            None => {
                let path = moved_to.unwrap_or_else(|| b.path.clone());
                self.library.entries.push(Entry::unread(Origin::from_path(&path)));
                self.library.entries.len() - 1
            }
        };
        if let Some(r) = &self.reader
            && r.entry == entry
        {
            self.screen = Screen::Reader;
            self.goto_bookmark(&b);
            return;
        }
        let then = Some(b.span);
        let origin = self.library.entries.get(entry).map(|e| e.origin.clone());
        if let Some(origin) = origin {
            self.save_position(fx, true);
            fx.push(Effect::Load { entry, origin, then });
            self.info("opening…");
        }
        self.bookmarks_view.pending = Some(b);
    }

    pub(super) fn goto_bookmark(&mut self, b: &Bookmark) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        match crate::store::anchor(b, &r.article) {
            Anchor::Exact(span) | Anchor::Reanchored(span) => {
                if let Some(block) = r.article.block_at(span.start) {
                    r.set_cursor(block);
                }
                r.reveal_span(span);
                r.focus = Focus::Text;
            }
            Anchor::Lost => self.warn("the article changed and this passage could not be found again"),
        }
    }

    /// Places this article's bookmarks in the reader.
    pub(super) fn refresh_marks(&mut self) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let path = self.library.entries.get(r.entry).map_or_else(PathBuf::new, |e| e.origin.path());
        let mine: Vec<&Bookmark> = crate::store::bookmarks_in(&self.bookmarks, &r.article, &path);
        let anchors = crate::store::anchor_all(mine.iter().copied(), &r.article);
        let mut marks: Vec<Mark> = mine
            .iter()
            .zip(anchors)
            .filter_map(|(b, a)| {
                a.span().map(|span| Mark {
                    id: b.id.clone(),
                    span: span.clamp_to(&r.article.text),
                    has_note: b.note.is_some(),
                })
            })
            .collect();
        marks.sort_by_key(|m| (m.span.start, m.span.end));
        r.set_marks(marks);
    }

    pub(super) fn refresh_bookmarks_view(&mut self) {
        self.bookmarks_view.refresh(&self.bookmarks);
        self.clamp_lists();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Format};

    fn article(text: &str) -> Article {
        match Article::from_str_format(text, Format::Plain) {
            Ok(a) => a,
            Err(e) => panic!("{e}"),
        }
    }

    fn entry_for(path: &str, a: Option<&Article>, title: &str) -> Entry {
        let mut e = Entry::unread(Origin::from_path(Path::new(path)));
        e.state = EntryState::Read;
        e.title = title.to_owned();
        e.fingerprint = a.map(crate::article::Article::fingerprint);
        e
    }

    #[test]
    fn a_bookmark_finds_its_article_at_its_path_then_moved_then_by_name_or_title() {
        let a = article("Ferry timetable\n\nThe only ferry leaves at six.");
        let b = Bookmark::new(BookmarkId("1".into()), &a, Path::new("/news/ferry.txt"), Span::new(17, 40));
        let other = article("Something else\n\nText.");
        // At its path.
        let entries = vec![
            entry_for("/x/other.txt", Some(&other), "Something else"),
            entry_for("/news/ferry.txt", Some(&a), "Ferry timetable"),
        ];
        assert_eq!(find_entry(&entries, &b, None), Some(1));
        // Moved unchanged: the fingerprint finds it under another name.
        let entries = vec![
            entry_for("/x/other.txt", Some(&other), "Something else"),
            entry_for("/archive/renamed.txt", Some(&a), "Ferry timetable"),
        ];
        assert_eq!(find_entry(&entries, &b, None), Some(1));
        // Edited and moved: where the check found it, else the same file name, else the title.
        let entries = vec![
            entry_for("/a/ferry.txt", None, "?"),
            entry_for("/b/x.txt", None, "Ferry  TIMETABLE"),
            entry_for("/c/y.txt", None, "?"),
        ];
        assert_eq!(find_entry(&entries, &b, Some(Path::new("/c/y.txt"))), Some(2));
        assert_eq!(find_entry(&entries, &b, None), Some(0));
        let entries = vec![entry_for("/b/x.txt", None, "Ferry  TIMETABLE")];
        assert_eq!(find_entry(&entries, &b, None), Some(0), "titles compare word by word, case-blind");
        // A failed entry at the path is still the one to retry; nothing related is none.
        let mut failed = entry_for("/news/ferry.txt", None, "ferry.txt");
        failed.state = EntryState::Failed("gone".into());
        assert_eq!(find_entry(&[entry_for("/z/q.txt", None, "?"), failed], &b, None), Some(1));
        assert_eq!(find_entry(&[entry_for("/z/q.txt", None, "?")], &b, None), None);
    }

    #[test]
    fn the_list_is_newest_first_and_filters_by_title_excerpt_or_note() {
        let a = article("Ferry timetable\n\nThe only ferry leaves at six. The bus at seven.");
        let mk = |id: &str, created: u64, at: Span, note: Option<&str>| {
            let mut b = Bookmark::new(BookmarkId(id.into()), &a, Path::new("f.txt"), at);
            b.created = created;
            b.with_note(note.map(str::to_owned))
        };
        let list = vec![
            mk("old", 1, Span::new(17, 46), None),
            mk("new", 3, Span::new(47, 64), Some("Check Sundays")),
            mk("mid", 2, Span::new(17, 31), None),
        ];
        let mut v = BookmarksView::default();
        v.refresh(&list);
        assert_eq!(v.shown, [1, 2, 0]);
        v.filter = "sunday".into();
        v.refresh(&list);
        assert_eq!(v.shown, [1], "by note");
        v.filter = "ONLY FERRY".into();
        v.refresh(&list);
        assert_eq!(v.shown, [2, 0], "by excerpt");
        v.selected = 5;
        v.clamp(1);
        assert_eq!((v.selected, v.scroll), (1, 1));
    }
}
