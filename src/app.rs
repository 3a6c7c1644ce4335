//! The application state and its one entry point, [`App::update`].
//!
//! Key → [`Action`] (through the keymap) → `update` → state changes plus [`Effect`]s. `update`
//! does no I/O and reads no clock: loading files, saving bookmarks and positions, starting
//! background work and quitting are effects that the terminal loop (or a test) carries out,
//! feeding results back as [`Msg`]s. Rendering reads `&App` only.

pub mod action;
mod bookmarks;
mod found;
pub mod geometry;
mod help;
pub mod keymap;
mod library;
mod list;
mod mouse;
mod msg;
pub mod pane;
mod people;
mod prompt;
pub mod reader;
mod reading;
pub mod runs;
pub mod search;

pub use bookmarks::BookmarksView;
pub use found::{FoundPage, FoundStory, FoundView};
pub use library::LibraryView;
pub use msg::{BookmarkCheck, BookmarkUpdate, Effect, LoadStage, Mouse, Msg};
pub use people::{PersonQuotes, SpeakersView};
pub use prompt::{Prompt, PromptKind};

use crate::article::Fingerprint;
use crate::article::sanitize::clean_line;
use crate::config::Config;
use crate::library::Entry;
use crate::store::{Bookmark, Position};
use action::{Action, Context};
use geometry::ReaderGeometry;
use keymap::Key;
use reader::{Focus, Reader};
use std::collections::HashMap;

/// Articles at least this large are extracted on a worker thread so the first screen is not
/// held up; smaller ones are extracted at once.
pub const BACKGROUND_EXTRACT_BYTES: usize = 512 * 1024;

/// The screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Library,
    Reader,
    Bookmarks,
    /// Stories of the whole library that match a search.
    Search,
    /// Every speaker of the library, and one speaker's quotes across stories.
    Speakers,
}

/// What takes the keys on top of the screen: one thing at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Keys go to the screen.
    Normal,
    /// A one-line prompt in the status line (search, filter, note).
    Prompt(Prompt),
    /// The key list over the screen, scrolled by this many lines.
    Help { scroll: u16 },
    /// Why the selected quote has its speaker; the next key closes it.
    Why,
}

/// How a status message looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Warning,
    Error,
}

/// A message in the status line, shown until the next key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub kind: MessageKind,
    pub text: String,
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    pub config: Config,
    pub screen: Screen,
    /// Where `back` from the reader goes (none: quit, when a single file was opened).
    pub has_library: bool,
    pub library: LibraryView,
    pub reader: Option<Reader>,
    pub bookmarks_view: BookmarksView,
    /// The last library search and its results.
    pub found: FoundView,
    /// Words to search for in the story being opened from the library search.
    pending_find: Option<String>,
    /// The speakers screen.
    pub speakers: SpeakersView,
    /// The offset of a quote to select in the pane of the story being opened.
    pending_quote: Option<usize>,
    pub mode: Mode,
    pub message: Option<Message>,
    pub width: u16,
    pub height: u16,
    /// Colours allowed (`NO_COLOR` unset).
    pub color: bool,
    pub bookmarks: Vec<Bookmark>,
    pub positions: HashMap<Fingerprint, Position>,
    pub store_read_only: Option<String>,
    /// The last screen before the bookmarks list (to go back to).
    previous_screen: Screen,
    /// Text width changes made with +/- in this session.
    text_width: u16,
}

impl App {
    pub fn new(config: Config, entries: Vec<Entry>, has_library: bool, width: u16, height: u16, color: bool) -> App {
        let text_width = config.text_width;
        let sort = config.sort;
        let mut app = App {
            config,
            screen: Screen::Library,
            has_library,
            library: LibraryView { sort: Some(sort), ..LibraryView::default() },
            reader: None,
            bookmarks_view: BookmarksView::default(),
            found: FoundView::default(),
            pending_find: None,
            speakers: SpeakersView::default(),
            pending_quote: None,
            mode: Mode::Normal,
            message: None,
            width,
            height,
            color,
            bookmarks: Vec::new(),
            positions: HashMap::new(),
            store_read_only: None,
            previous_screen: Screen::Library,
            text_width,
        };
        app.library.entries = entries;
        app.refresh_library();
        app
    }

    /// The reader geometry for the current size and pane state.
    pub fn reader_geometry(&self) -> ReaderGeometry {
        let (wanted, focused) =
            self.reader.as_ref().map_or((false, false), |r| (r.pane.visible, r.focus == Focus::Pane));
        ReaderGeometry::compute(self.width, self.height, self.text_width, &self.config.pane, wanted, focused)
    }

    /// Rows available for list screens (library, bookmarks): all but the header and status.
    pub fn list_height(&self) -> usize {
        usize::from(self.height.saturating_sub(2)).max(1)
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message { kind: MessageKind::Info, text: text.into() });
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message { kind: MessageKind::Warning, text: text.into() });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message { kind: MessageKind::Error, text: text.into() });
    }

    /// The contexts keys are looked up in, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        match self.screen {
            Screen::Library => vec![Context::Library],
            Screen::Bookmarks => vec![Context::Bookmarks],
            // The search results are a list that, like the bookmarks, `q` leaves (back to the
            // library); the library's keys (`S` for a new search) apply too.
            Screen::Search | Screen::Speakers => vec![Context::Bookmarks, Context::Library],
            Screen::Reader => match &self.reader {
                Some(r) if r.selection.is_some() => vec![Context::Select],
                Some(r) if r.focus == Focus::Pane => vec![Context::Pane, Context::Reader],
                _ => vec![Context::Reader],
            },
        }
    }

    /// The one entry point: applies a message, returns the effects to run.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let mut fx = Vec::new();
        match msg {
            Msg::Key(k) => {
                self.on_key(k, &mut fx);
                self.relayout_if_changed();
            }
            Msg::Action(a) => {
                self.on_action(a, &mut fx);
                self.relayout_if_changed();
            }
            Msg::Resize { width, height } => {
                self.width = width;
                self.height = height;
                self.relayout();
                self.clamp_lists();
            }
            Msg::Mouse(m) => {
                self.on_mouse(m, &mut fx);
                self.relayout_if_changed();
            }
            Msg::Tick => self.save_position(&mut fx, false),
            Msg::Loaded { stage, entry, result, then } => self.on_loaded(stage, entry, result, then, &mut fx),
            Msg::Extracted { fingerprint, extraction } => {
                if let Some(r) = self.reader.as_mut().filter(|r| r.article.fingerprint() == fingerprint) {
                    r.set_extraction(extraction);
                    self.scroll_pane_selection();
                }
            }
            Msg::LibraryEntries(mut entries) => {
                self.library.entries.append(&mut entries);
                self.refresh_library();
            }
            Msg::ScanProgress { done, total, skipped } => {
                self.library.scan = if total.is_some_and(|t| done >= t) { None } else { Some((done, total)) };
                self.library.skipped = skipped;
            }
            Msg::Store { bookmarks, positions, read_only } => {
                match bookmarks {
                    BookmarkUpdate::Unchanged => {}
                    BookmarkUpdate::Changes(ops) => {
                        // A bookmark added here is shown at once, before the store gives it its
                        // id; the store's change brings it back with the id.
                        self.bookmarks.retain(|b| !b.id.0.is_empty());
                        crate::store::journal::apply(&mut self.bookmarks, ops);
                    }
                    BookmarkUpdate::All(list) => self.bookmarks = list,
                }
                self.positions = positions.into_iter().map(|p| (p.fingerprint, p)).collect();
                self.store_read_only = read_only;
                self.refresh_marks();
                self.refresh_bookmarks_view();
            }
            Msg::BookmarkStatus(list) => self.bookmarks_view.status = list.into_iter().collect(),
            Msg::LibrarySearch { query, result } => self.on_library_search(&query, result),
            Msg::Speakers(result) => self.on_speakers(result),
            Msg::SpeakerQuotes { name, result } => self.on_speaker_quotes(&name, result),
            Msg::Error(e) => self.error(clean_line(&e)),
            Msg::Info(i) => self.info(clean_line(&i)),
        }
        fx
    }

    fn on_key(&mut self, key: Key, fx: &mut Vec<Effect>) {
        self.message = None;
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Prompt(p) => return self.on_prompt_key(p, key, fx),
            Mode::Help { scroll } => return self.on_help_key(scroll, key, fx),
            // The why box closes on any key; the key that opened it (or back) does no more.
            Mode::Why => {
                let a = self.config.keymap.lookup(&self.contexts(), key);
                if matches!(a, Some(Action::ShowWhy | Action::Back)) {
                    return;
                }
            }
            Mode::Normal => {}
        }
        let Some(action) = self.config.keymap.lookup(&self.contexts(), key) else {
            if self.screen == Screen::Reader && self.reader.as_ref().is_some_and(|r| r.selection.is_some()) {
                self.info(SELECTING);
            }
            return;
        };
        self.on_action(action, fx);
    }

    fn on_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        match action {
            Action::Quit => {
                self.save_position(fx, true);
                fx.push(Effect::Quit);
                return;
            }
            Action::Help => {
                self.mode = Mode::Help { scroll: 0 };
                return;
            }
            Action::Redraw => {
                fx.push(Effect::Redraw);
                return;
            }
            Action::OpenBookmarks => {
                self.open_bookmarks(fx);
                return;
            }
            _ => {}
        }
        match self.screen {
            Screen::Library => self.library_action(action, fx),
            Screen::Bookmarks => self.bookmarks_action(action, fx),
            Screen::Search => self.found_action(action, fx),
            Screen::Speakers => self.speakers_action(action, fx),
            Screen::Reader => self.reader_action(action, fx),
        }
    }

    fn clamp_lists(&mut self) {
        let h = self.list_height();
        self.library.clamp(h);
        self.bookmarks_view.clamp((h / 3).max(1));
    }
}

/// The status line while a passage is being selected.
const SELECTING: &str = "selecting: j/k sentence, }/{ paragraph, m to bookmark, esc to cancel";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Format};
    use crate::library::Origin;
    use keymap::KeyCode;
    use std::sync::Arc;

    const STORY: &str = "Ferry timetable\n\n“We sail at six,” said captain Ines Moreau.\n\nThe harbour was quiet.\n\n“Not on Sundays,” Moreau said.\n";

    /// An app with one story open in the reader.
    fn reading() -> App {
        let article = match Article::from_str_format(STORY, Format::Plain) {
            Ok(a) => Arc::new(a),
            Err(e) => panic!("{e}"),
        };
        let entry = Entry::new(Origin::from_path("ferry.txt".as_ref()), &article, &crate::extract::extract(&article));
        let mut app = App::new(Config::defaults(), vec![entry], true, 120, 30, false);
        app.update(Msg::Loaded { stage: LoadStage::Whole, entry: 0, result: Ok(article), then: None });
        assert_eq!(app.screen, Screen::Reader);
        app
    }

    fn key(app: &mut App, k: &str) -> Vec<Effect> {
        let Some(k) = Key::parse(k) else { panic!("key {k}") };
        app.update(Msg::Key(k))
    }

    #[test]
    fn help_scrolls_closes_on_another_key_and_quits_on_a_quit_key() {
        let mut app = reading();
        key(&mut app, "?");
        assert_eq!(app.mode, Mode::Help { scroll: 0 });
        key(&mut app, "j");
        assert_eq!(app.mode, Mode::Help { scroll: 1 });
        key(&mut app, "x");
        assert_eq!(app.mode, Mode::Normal);
        key(&mut app, "?");
        assert!(key(&mut app, "ctrl-c").contains(&Effect::Quit));
    }

    #[test]
    fn why_needs_a_quote_and_the_key_that_closes_it_does_nothing_else() {
        let mut app = reading();
        key(&mut app, "w");
        assert_eq!(app.mode, Mode::Normal, "no quote selected yet");
        key(&mut app, "]");
        key(&mut app, "w");
        assert_eq!(app.mode, Mode::Why);
        let screen_before = app.screen;
        key(&mut app, "esc");
        assert_eq!((app.mode.clone(), app.screen), (Mode::Normal, screen_before), "esc closed the box only");
        key(&mut app, "w");
        key(&mut app, "]");
        assert_eq!(app.mode, Mode::Normal, "another key closes the box and acts");
        assert_eq!(app.reader.as_ref().and_then(|r| r.pane.selected), Some(crate::extract::QuoteId(1)));
    }

    #[test]
    fn a_search_prompt_searches_as_you_type_and_esc_puts_the_cursor_back() {
        let mut app = reading();
        key(&mut app, "/");
        assert!(matches!(app.prompt(), Some(Prompt { kind: PromptKind::Search, .. })));
        for c in "sunday".chars() {
            app.update(Msg::Key(Key::ch(c)));
        }
        let r = app.reader.as_ref();
        assert_eq!(r.map(|r| r.search.hits.len()), Some(1));
        assert_ne!(r.map(|r| r.cursor), Some(0), "the cursor went to the match");
        app.update(Msg::Key(Key::plain(KeyCode::Esc)));
        assert_eq!(app.mode, Mode::Normal);
        let r = app.reader.as_ref();
        assert_eq!(r.map(|r| (r.cursor, r.search.hits.len())), Some((0, 0)));
    }

    #[test]
    fn keys_go_to_the_selection_while_a_passage_is_selected() {
        let mut app = reading();
        assert_eq!(app.contexts(), [Context::Reader]);
        key(&mut app, "v");
        assert_eq!(app.contexts(), [Context::Select]);
        key(&mut app, "x");
        assert!(app.message.as_ref().is_some_and(|m| m.text == SELECTING), "an unbound key says how to go on");
        key(&mut app, "esc");
        assert_eq!(app.contexts(), [Context::Reader]);
        key(&mut app, "tab");
        assert_eq!(app.contexts(), [Context::Pane, Context::Reader]);
    }
}
