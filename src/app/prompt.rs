//! The one-line prompt in the status line: in-article search, the library and bookmark
//! filters, and bookmark notes. Typing applies live (incremental search, filtering as you
//! type); Esc puts things back as they were.

use super::{App, Effect, Mode, search};
use crate::app::keymap::{Key, KeyCode};
use crate::article::sanitize::clean_line;
use crate::store::BookmarkId;

/// What a one-line prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// Search in the article (incremental).
    Search,
    /// Filter the library.
    LibraryFilter,
    /// Search the text of the whole library.
    LibrarySearch,
    /// Filter the speakers screen.
    SpeakerFilter,
    /// Filter the bookmarks list.
    BookmarkFilter,
    /// Edit a bookmark's note.
    Note,
}

/// A one-line text prompt in the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    /// Where the view was when the prompt opened (search restores it on Esc).
    origin: Option<(usize, usize)>,
    /// The bookmark whose note is being edited (None: a new bookmark of the cursor paragraph).
    note_for: Option<BookmarkId>,
}

/// What a key did to a prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Edit {
    /// The text may have changed; the prompt stays open.
    Typed,
    /// Enter.
    Submit,
    /// Esc, ctrl-c, or backspace in an empty search or filter.
    Cancel,
}

/// The longest text a prompt takes, in characters.
const MAX_CHARS: usize = 500;

impl Prompt {
    /// Applies a key to the text, line-editor style: ctrl-u clears, ctrl-w deletes a word.
    pub(super) fn edit(&mut self, key: Key) -> Edit {
        match key.code {
            KeyCode::Esc => Edit::Cancel,
            KeyCode::Char('c') if key.ctrl => Edit::Cancel,
            KeyCode::Enter => Edit::Submit,
            KeyCode::Backspace if self.text.pop().is_none() && self.kind != PromptKind::Note => Edit::Cancel,
            KeyCode::Char('u') if key.ctrl => {
                self.text.clear();
                Edit::Typed
            }
            KeyCode::Char('w') if key.ctrl => {
                let trimmed = self.text.trim_end().len();
                self.text.truncate(trimmed);
                let cut = self.text.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                self.text.truncate(cut);
                Edit::Typed
            }
            KeyCode::Char(c) if !key.ctrl && !key.alt && !c.is_control() && self.text.chars().count() < MAX_CHARS => {
                self.text.push(c);
                Edit::Typed
            }
            _ => Edit::Typed,
        }
    }
}

impl App {
    /// The open prompt, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.mode {
            Mode::Prompt(p) => Some(p),
            _ => None,
        }
    }

    pub(super) fn on_prompt_key(&mut self, mut p: Prompt, key: Key, fx: &mut Vec<Effect>) {
        match p.edit(key) {
            Edit::Cancel => self.cancel_prompt(&p),
            Edit::Submit => self.submit_prompt(p, fx),
            Edit::Typed => {
                self.mode = Mode::Prompt(p);
                self.prompt_changed();
            }
        }
    }

    /// Live effects of typing in a prompt: incremental search and filters.
    fn prompt_changed(&mut self) {
        let Some(p) = self.prompt().cloned() else { return };
        match p.kind {
            PromptKind::Search => {
                if let Some(r) = self.reader.as_mut() {
                    let from = p.origin.map_or(0, |(off, _)| off);
                    if p.text.is_empty() {
                        r.clear_search();
                    } else {
                        let n = r.search(&p.text, from);
                        if n == 0 {
                            self.warn(format!("no match for “{}”", clean_line(&p.text)));
                        }
                    }
                }
            }
            PromptKind::LibraryFilter => {
                self.library.filter = p.text;
                self.refresh_library();
            }
            PromptKind::BookmarkFilter => {
                self.bookmarks_view.filter = p.text;
                self.refresh_bookmarks_view();
            }
            PromptKind::SpeakerFilter => {
                self.speakers.filter = p.text;
                self.speakers.refresh();
            }
            PromptKind::Note | PromptKind::LibrarySearch => {}
        }
    }

    fn cancel_prompt(&mut self, p: &Prompt) {
        match p.kind {
            PromptKind::Search => {
                if let (Some(r), Some((_, cursor))) = (self.reader.as_mut(), p.origin) {
                    r.clear_search();
                    let top = p.origin.map_or(0, |(o, _)| o);
                    r.restore_position(top);
                    r.set_cursor(cursor);
                }
            }
            PromptKind::LibraryFilter => {
                self.library.filter.clear();
                self.refresh_library();
            }
            PromptKind::BookmarkFilter => {
                self.bookmarks_view.filter.clear();
                self.refresh_bookmarks_view();
            }
            PromptKind::Note => self.info("note not changed"),
            PromptKind::LibrarySearch => {}
            PromptKind::SpeakerFilter => {
                self.speakers.filter.clear();
                self.speakers.refresh();
            }
        }
    }

    fn submit_prompt(&mut self, p: Prompt, fx: &mut Vec<Effect>) {
        match p.kind {
            PromptKind::Search => {
                if let Some(r) = &self.reader {
                    let n = r.search.hits.len();
                    if n > 0 {
                        let more = if n >= search::MAX_HITS { "+" } else { "" };
                        let found =
                            if more.is_empty() { crate::text::count(n, "match") } else { format!("{n}+ matches") };
                        self.info(format!("{found} — n / N for next / previous"));
                    } else if !p.text.is_empty() {
                        self.warn(format!("no match for “{}”", clean_line(&p.text)));
                    }
                }
            }
            PromptKind::LibraryFilter | PromptKind::BookmarkFilter | PromptKind::SpeakerFilter => {}
            PromptKind::LibrarySearch => self.search_library(&p.text, fx),
            PromptKind::Note => {
                let note = p.text.trim().to_owned();
                let note = (!note.is_empty()).then_some(note);
                match p.note_for {
                    Some(id) => {
                        if let Some(b) = self.bookmarks.iter_mut().find(|b| b.id == id) {
                            b.note.clone_from(&note);
                        }
                        fx.push(Effect::SetNote { id, note });
                        self.refresh_marks();
                        self.refresh_bookmarks_view();
                        self.info("note saved");
                    }
                    None => {
                        if let Some(b) = self.new_bookmark_at_cursor(note) {
                            self.push_bookmark(b, fx);
                        }
                    }
                }
            }
        }
    }

    pub(super) fn open_prompt(&mut self, kind: PromptKind, text: String, note_for: Option<BookmarkId>) {
        let origin = self.reader.as_ref().map(|r| (r.position_offset(), r.cursor));
        self.mode = Mode::Prompt(Prompt { kind, text, origin, note_for });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Key {
        Key { code, ctrl: false, alt: false }
    }

    fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c), ctrl: true, alt: false }
    }

    fn prompt(kind: PromptKind, text: &str) -> Prompt {
        Prompt { kind, text: text.to_owned(), origin: None, note_for: None }
    }

    #[test]
    fn line_editing_keys() {
        let mut p = prompt(PromptKind::Search, "harbour ferry  ");
        assert_eq!(p.edit(ctrl('w')), Edit::Typed);
        assert_eq!(p.text, "harbour ");
        assert_eq!(p.edit(key(KeyCode::Char('x'))), Edit::Typed);
        assert_eq!(p.text, "harbour x");
        assert_eq!(p.edit(ctrl('u')), Edit::Typed);
        assert_eq!(p.text, "");
        assert_eq!(p.edit(key(KeyCode::Enter)), Edit::Submit);
        assert_eq!(p.edit(ctrl('c')), Edit::Cancel);
        assert_eq!(p.edit(key(KeyCode::Esc)), Edit::Cancel);
        // Control characters never get into the text.
        assert_eq!(p.edit(key(KeyCode::Char('\u{1b}'))), Edit::Typed);
        assert_eq!(p.text, "");
    }

    #[test]
    fn backspace_in_an_empty_search_closes_it_but_not_in_a_note() {
        assert_eq!(prompt(PromptKind::Search, "").edit(key(KeyCode::Backspace)), Edit::Cancel);
        assert_eq!(prompt(PromptKind::LibraryFilter, "").edit(key(KeyCode::Backspace)), Edit::Cancel);
        assert_eq!(prompt(PromptKind::Note, "").edit(key(KeyCode::Backspace)), Edit::Typed);
        let mut p = prompt(PromptKind::Search, "ab");
        assert_eq!(p.edit(key(KeyCode::Backspace)), Edit::Typed);
        assert_eq!(p.text, "a");
    }

    #[test]
    fn text_is_capped() {
        let mut p = prompt(PromptKind::Note, &"é".repeat(MAX_CHARS));
        p.edit(key(KeyCode::Char('z')));
        assert_eq!(p.text.chars().count(), MAX_CHARS);
    }
}
