//! The application state and its one entry point, [`App::update`].
//!
//! Key → [`Action`] (through the keymap) → `update` → state changes plus [`Effect`]s. `update`
//! does no I/O and reads no clock: loading files, saving bookmarks and positions, starting
//! background work and quitting are effects that the terminal loop (or a test) carries out,
//! feeding results back as [`Msg`]s. Rendering reads `&App` only.

pub mod action;
pub mod geometry;
pub mod keymap;
pub mod pane;
pub mod reader;
pub mod runs;
pub mod search;

use crate::article::sanitize::clean_line;
use crate::article::{Article, Fingerprint};
use crate::config::{Config, SortOrder};
use crate::extract::{Extraction, QuoteId};
use crate::library::{Entry, Origin};
use crate::span::Span;
use crate::store::{Anchor, Bookmark, BookmarkId, Position};
use action::{Action, Context};
use geometry::{PaneMode, ReaderGeometry};
use keymap::{Key, KeyCode};
use pane::{PaneRow, QuoteFilter};
use reader::{Focus, Mark, PaneState, Reader};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Articles at least this large are extracted on a worker thread so the first screen is not
/// held up; smaller ones are extracted at once.
pub const BACKGROUND_EXTRACT_BYTES: usize = 512 * 1024;

/// The screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Library,
    Reader,
    Bookmarks,
}

/// Something drawn over a screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// The key list, scrolled by this many lines.
    Help { scroll: u16 },
    /// Why the selected quote has its speaker.
    Why,
}

/// What a one-line prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// Search in the article (incremental).
    Search,
    /// Filter the library.
    LibraryFilter,
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

/// Mouse input, in terminal cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mouse {
    ScrollUp { col: u16, row: u16 },
    ScrollDown { col: u16, row: u16 },
    Click { col: u16, row: u16 },
}

/// Input to [`App::update`].
#[derive(Debug)]
pub enum Msg {
    Key(Key),
    /// An action directly (tests, and keys already looked up).
    Action(Action),
    Resize {
        width: u16,
        height: u16,
    },
    Mouse(Mouse),
    /// Sent every few seconds: saves the reading position when it changed.
    Tick,
    /// The article of a library entry was read (or failed).
    Loaded {
        /// Whether this is the whole article, a preview of a large one, or the rest of it.
        stage: LoadStage,
        entry: usize,
        result: Result<Arc<Article>, String>,
        then: Option<Span>,
    },
    /// A background extraction finished.
    Extracted {
        fingerprint: Fingerprint,
        extraction: Arc<Extraction>,
    },
    /// Library entries found by a scan (appended).
    LibraryEntries(Vec<Entry>),
    /// Scan progress: files examined so far, the total when known, and how many of them
    /// were skipped as not articles.
    ScanProgress {
        done: usize,
        total: Option<usize>,
        skipped: usize,
    },
    /// The store's current bookmarks and positions (after a load or a write).
    Store {
        bookmarks: BookmarkUpdate,
        positions: Vec<Position>,
        read_only: Option<String>,
    },
    /// What became of each bookmark's passage (checked in the background).
    BookmarkStatus(Vec<(BookmarkId, BookmarkCheck)>),
    /// A problem reported by an effect.
    Error(String),
    Info(String),
}

/// What a check of a bookmark found: how its passage stands, and where its article is when it
/// moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookmarkCheck {
    pub status: crate::store::export::Status,
    pub moved_to: Option<std::path::PathBuf>,
}

/// How the store's bookmarks changed, for the app's copy of them: a few changes are applied
/// to it, so that a change costs the app the same at ten bookmarks or a hundred thousand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookmarkUpdate {
    Unchanged,
    Changes(Vec<crate::store::journal::Op>),
    All(Vec<Bookmark>),
}

/// How much of an article a `Msg::Loaded` carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadStage {
    /// The whole article.
    Whole,
    /// The beginning of a large article; the whole one follows as `Rest`.
    Preview,
    /// The whole article after a preview (ignored if the reader moved on).
    Rest,
}

/// Work for the terminal loop.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Quit,
    /// Clear and redraw the whole screen.
    Redraw,
    /// Read the article of an entry; reply with `Msg::Loaded` (with `then` passed through).
    Load {
        entry: usize,
        origin: Origin,
        then: Option<Span>,
    },
    /// Extract quotes on a worker; reply with `Msg::Extracted`.
    Extract(Arc<Article>),
    AddBookmark(Bookmark),
    RemoveBookmark(BookmarkId),
    SetNote {
        id: BookmarkId,
        note: Option<String>,
    },
    SavePosition(Position),
    /// Check where each bookmark's passage is now; reply with `Msg::BookmarkStatus`. The
    /// candidates are the library's files, to find moved articles.
    CheckBookmarks {
        bookmarks: Vec<Bookmark>,
        candidates: Vec<crate::store::locate::Candidate>,
    },
}

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
    pub overlay: Option<Overlay>,
    pub prompt: Option<Prompt>,
    pub message: Option<Message>,
    pub width: u16,
    pub height: u16,
    /// Colours allowed (`NO_COLOR` unset).
    pub color: bool,
    pub bookmarks: Vec<Bookmark>,
    pub positions: HashMap<Fingerprint, Position>,
    pub store_read_only: Option<String>,
    /// What the last background check found for each bookmark.
    pub bookmark_status: HashMap<BookmarkId, BookmarkCheck>,
    /// The last screen before the bookmarks list (to go back to).
    previous_screen: Screen,
    /// Text width changes made with +/- in this session.
    text_width: u16,
    /// A bookmark to go to once its article has loaded.
    pending_bookmark: Option<Bookmark>,
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
            overlay: None,
            prompt: None,
            message: None,
            width,
            height,
            color,
            bookmarks: Vec::new(),
            positions: HashMap::new(),
            store_read_only: None,
            bookmark_status: HashMap::new(),
            previous_screen: Screen::Library,
            text_width,
            pending_bookmark: None,
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

    /// The key shown for `action` in the current contexts (then the global ones): the default
    /// key while it is still bound to it, else the shortest label bound to it, else `None` (a
    /// hint for an unbound action is left out).
    pub fn key_hint(&self, action: Action) -> Option<String> {
        let km = &self.config.keymap;
        static DEFAULT: std::sync::OnceLock<crate::app::keymap::Keymap> = std::sync::OnceLock::new();
        let default = DEFAULT.get_or_init(|| Config::defaults().keymap);
        self.contexts().into_iter().chain(std::iter::once(Context::Global)).find_map(|ctx| {
            let live = km.keys_for(ctx, action);
            let preferred = default.keys_for(ctx, action).into_iter().min_by_key(|k| hint_rank(*k));
            live.iter().min_by_key(|k| (Some(**k) != preferred, hint_rank(**k))).map(ToString::to_string)
        })
    }

    /// A footer from (action, what it does) pairs: "enter open · / filter", each key as bound
    /// now; actions with no key are left out.
    pub fn hints(&self, items: &[(Action, &str)]) -> String {
        items
            .iter()
            .filter_map(|(a, what)| self.key_hint(*a).map(|k| format!("{k} {what}")))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The contexts keys are looked up in, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        match self.screen {
            Screen::Library => vec![Context::Library],
            Screen::Bookmarks => vec![Context::Bookmarks],
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
                if let Some(r) = self.reader.as_mut().filter(|r| r.article.fingerprint == fingerprint) {
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
            Msg::BookmarkStatus(list) => self.bookmark_status = list.into_iter().collect(),
            Msg::Error(e) => self.error(clean_line(&e)),
            Msg::Info(i) => self.info(clean_line(&i)),
        }
        fx
    }

    // ----- keys -----

    fn on_key(&mut self, key: Key, fx: &mut Vec<Effect>) {
        self.message = None;
        if self.prompt.is_some() {
            self.on_prompt_key(key, fx);
            return;
        }
        match self.overlay {
            Some(Overlay::Help { scroll }) => {
                let a = self.config.keymap.lookup(&self.contexts(), key);
                let scroll = match (key.code, a) {
                    (KeyCode::Down, _) | (_, Some(Action::ScrollDown | Action::Down)) => Some(scroll.saturating_add(1)),
                    (KeyCode::Up, _) | (_, Some(Action::ScrollUp | Action::Up)) => Some(scroll.saturating_sub(1)),
                    (KeyCode::PageDown | KeyCode::Char(' '), _) | (_, Some(Action::PageDown)) => {
                        Some(scroll.saturating_add(self.height / 2))
                    }
                    (KeyCode::PageUp, _) | (_, Some(Action::PageUp)) => Some(scroll.saturating_sub(self.height / 2)),
                    (_, Some(Action::Quit)) => {
                        self.on_action(Action::Quit, fx);
                        return;
                    }
                    _ => None,
                };
                self.overlay = scroll.map(|s| Overlay::Help { scroll: s.min(self.help_lines().len() as u16) });
                return;
            }
            Some(Overlay::Why) => {
                self.overlay = None;
                let a = self.config.keymap.lookup(&self.contexts(), key);
                if matches!(a, Some(Action::ShowWhy | Action::Back)) {
                    return;
                }
            }
            None => {}
        }
        let Some(action) = self.config.keymap.lookup(&self.contexts(), key) else {
            if self.screen == Screen::Reader && self.reader.as_ref().is_some_and(|r| r.selection.is_some()) {
                self.info("selecting: j/k sentence, }/{ paragraph, m to bookmark, esc to cancel");
            }
            return;
        };
        self.on_action(action, fx);
    }

    fn on_prompt_key(&mut self, key: Key, fx: &mut Vec<Effect>) {
        let Some(mut p) = self.prompt.take() else {
            return;
        };
        match key.code {
            KeyCode::Esc => {
                self.cancel_prompt(&p);
                return;
            }
            KeyCode::Char('c') if key.ctrl => {
                self.cancel_prompt(&p);
                return;
            }
            KeyCode::Enter => {
                self.submit_prompt(p, fx);
                return;
            }
            KeyCode::Backspace if p.text.pop().is_none() && p.kind != PromptKind::Note => {
                self.cancel_prompt(&p);
                return;
            }
            KeyCode::Char('u') if key.ctrl => p.text.clear(),
            KeyCode::Char('w') if key.ctrl => {
                let trimmed = p.text.trim_end().len();
                p.text.truncate(trimmed);
                let cut = p.text.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                p.text.truncate(cut);
            }
            KeyCode::Char(c) if !key.ctrl && !key.alt && !c.is_control() && p.text.chars().count() < 500 => {
                p.text.push(c);
            }
            _ => {}
        }
        self.prompt = Some(p);
        self.prompt_changed();
    }

    /// Live effects of typing in a prompt: incremental search and filters.
    fn prompt_changed(&mut self) {
        let Some(p) = self.prompt.clone() else { return };
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
            PromptKind::Note => {}
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
            PromptKind::LibraryFilter | PromptKind::BookmarkFilter => {}
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

    fn open_prompt(&mut self, kind: PromptKind, text: String, note_for: Option<BookmarkId>) {
        let origin = self.reader.as_ref().map(|r| (r.position_offset(), r.cursor));
        self.prompt = Some(Prompt { kind, text, origin, note_for });
    }

    // ----- actions -----

    fn on_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        match action {
            Action::Quit => {
                self.save_position(fx, true);
                fx.push(Effect::Quit);
                return;
            }
            Action::Help => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                return;
            }
            Action::Redraw => {
                fx.push(Effect::Redraw);
                return;
            }
            Action::OpenBookmarks => {
                if self.screen != Screen::Bookmarks {
                    self.previous_screen = self.screen;
                    self.screen = Screen::Bookmarks;
                    self.refresh_bookmarks_view();
                    let candidates = self
                        .library
                        .entries
                        .iter()
                        .filter(|e| e.error.is_none())
                        .map(|e| crate::store::locate::Candidate {
                            path: e.origin.path(),
                            fingerprint: e.fingerprint,
                            title: e.title.clone(),
                        })
                        .collect();
                    fx.push(Effect::CheckBookmarks { bookmarks: self.bookmarks.clone(), candidates });
                    if let Some(reason) = &self.store_read_only {
                        self.warn(reason.clone());
                    }
                }
                return;
            }
            _ => {}
        }
        match self.screen {
            Screen::Library => self.library_action(action, fx),
            Screen::Bookmarks => self.bookmarks_action(action, fx),
            Screen::Reader => self.reader_action(action, fx),
        }
    }

    fn library_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let page = self.list_height();
        let n = self.library.shown.len();
        let sel = &mut self.library.selected;
        match action {
            Action::Down => *sel = (*sel + 1).min(n.saturating_sub(1)),
            Action::Up => *sel = sel.saturating_sub(1),
            Action::PageDown => *sel = (*sel + page).min(n.saturating_sub(1)),
            Action::PageUp => *sel = sel.saturating_sub(page),
            Action::Top => *sel = 0,
            Action::Bottom => *sel = n.saturating_sub(1),
            Action::Open => {
                if let Some(&i) = self.library.shown.get(self.library.selected) {
                    self.open_entry(i, None, fx);
                }
            }
            Action::Search => {
                let text = self.library.filter.clone();
                self.open_prompt(PromptKind::LibraryFilter, text, None);
            }
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

    fn bookmarks_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let n = self.bookmarks_view.shown.len();
        let page = self.list_height() / 3;
        let v = &mut self.bookmarks_view;
        match action {
            Action::Down => v.selected = (v.selected + 1).min(n.saturating_sub(1)),
            Action::Up => v.selected = v.selected.saturating_sub(1),
            Action::PageDown => v.selected = (v.selected + page.max(1)).min(n.saturating_sub(1)),
            Action::PageUp => v.selected = v.selected.saturating_sub(page.max(1)),
            Action::Top => v.selected = 0,
            Action::Bottom => v.selected = n.saturating_sub(1),
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

    fn reader_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let geo = self.reader_geometry();
        let Some(r) = self.reader.as_mut() else {
            self.screen = Screen::Library;
            return;
        };
        let page = usize::from(geo.text.height).max(1);
        let in_pane = r.focus == Focus::Pane && r.selection.is_none();
        if r.selection.is_some() {
            match action {
                Action::ExtendSentence => r.adjust_selection(true, false),
                Action::ShrinkSentence => r.adjust_selection(false, false),
                Action::ExtendParagraph => r.adjust_selection(true, true),
                Action::ShrinkParagraph => r.adjust_selection(false, true),
                Action::Confirm => {
                    let span = r.selection.take().map(|s| s.span);
                    if let Some(b) = span.and_then(|s| self.new_bookmark(s, None)) {
                        self.push_bookmark(b, fx);
                    }
                }
                Action::Back | Action::Select => {
                    r.selection = None;
                    self.info("selection cancelled");
                }
                _ => {}
            }
            return;
        }
        match action {
            Action::Back => {
                if in_pane {
                    r.focus = Focus::Text;
                    self.relayout();
                } else if !r.search.hits.is_empty() {
                    r.clear_search();
                } else if self.has_library {
                    self.save_position(fx, true);
                    self.reader = None;
                    self.screen = Screen::Library;
                    self.refresh_library();
                } else {
                    self.save_position(fx, true);
                    fx.push(Effect::Quit);
                }
            }
            Action::ScrollDown => r.scroll_down(1),
            Action::ScrollUp => r.scroll_up(1),
            Action::PageDown => r.scroll_down(page.saturating_sub(2).max(1)),
            Action::PageUp => r.scroll_up(page.saturating_sub(2).max(1)),
            Action::HalfPageDown => r.scroll_down((page / 2).max(1)),
            Action::HalfPageUp => r.scroll_up((page / 2).max(1)),
            Action::Top => {
                if in_pane {
                    r.pane_select_edge(false);
                } else {
                    r.go_top();
                }
            }
            Action::Bottom => {
                if in_pane {
                    r.pane_select_edge(true);
                } else {
                    r.go_bottom();
                }
            }
            Action::Down if !r.move_pane_selection(1) => {
                self.info("last quote");
            }
            Action::Up if !r.move_pane_selection(-1) => {
                self.info("first quote");
            }
            Action::Open => {
                if let Some(q) = r.pane.selected {
                    r.select_quote(q);
                    r.focus = Focus::Text;
                    self.relayout();
                }
            }
            Action::NextParagraph if !r.next_paragraph() => {
                self.info("last paragraph");
            }
            Action::PrevParagraph if !r.prev_paragraph() => {
                self.info("first paragraph");
            }
            Action::NextQuote | Action::PrevQuote | Action::NextSpeakerQuote | Action::PrevSpeakerQuote => {
                let forward = matches!(action, Action::NextQuote | Action::NextSpeakerQuote);
                let same = matches!(action, Action::NextSpeakerQuote | Action::PrevSpeakerQuote);
                if r.extraction.is_none() {
                    self.info("still finding quotes…");
                } else if same && r.pane.selected.is_none() {
                    self.info("select a quote first (] or the pane)");
                } else if !r.jump_quote(forward, same) {
                    let what = if same { "by this speaker" } else { "" };
                    let msg =
                        if forward { format!("no more quotes {what}") } else { format!("no earlier quotes {what}") };
                    self.info(msg.trim_end().to_owned());
                }
            }
            Action::ToggleFocus => {
                r.focus = if r.focus == Focus::Pane { Focus::Text } else { Focus::Pane };
                if r.focus == Focus::Pane && r.pane.selected.is_none() {
                    r.move_pane_selection(1);
                }
                self.relayout();
            }
            Action::TogglePane => {
                if geo.pane_mode == PaneMode::Side
                    || (geo.pane_mode == PaneMode::Hidden && self.width >= self.config.pane.overlay_below)
                {
                    r.pane.visible = !r.pane.visible;
                    if !r.pane.visible {
                        r.focus = Focus::Text;
                    }
                } else {
                    r.focus = if r.focus == Focus::Pane { Focus::Text } else { Focus::Pane };
                }
                self.relayout();
            }
            Action::FilterSpeaker => {
                let Some(ex) = r.extraction.clone() else {
                    return;
                };
                let filter = r.quotes().filter;
                if filter.speaker.is_some() {
                    r.set_filter(QuoteFilter { speaker: None, ..filter });
                    self.info("showing all speakers");
                } else {
                    match r.selected_speaker() {
                        Some(s) => {
                            r.set_filter(QuoteFilter { speaker: Some(s), ..filter });
                            r.scroll_pane_to_selection();
                            let name = ex.speaker(s).map_or_else(String::new, |sp| sp.name.clone());
                            self.info(format!("only {} — f again for everyone", clean_line(&name)));
                        }
                        None => self.info("select an attributed quote to filter by its speaker"),
                    }
                }
            }
            Action::ToggleIndirect => {
                let filter = r.quotes().filter;
                let on = !filter.show_indirect;
                r.set_filter(QuoteFilter { show_indirect: on, ..filter });
                self.info(if on { "reported speech shown" } else { "reported speech hidden" });
            }
            Action::ShowWhy => {
                if r.pane.selected.is_some() {
                    self.overlay = Some(Overlay::Why);
                } else {
                    self.info("select a quote first (] or the pane)");
                }
            }
            Action::Search => self.open_prompt(PromptKind::Search, String::new(), None),
            Action::SearchNext | Action::SearchPrev => match r.step_hit(action == Action::SearchNext) {
                None => self.info("no search — / to search"),
                Some(true) => {
                    let msg = if action == Action::SearchNext {
                        "search wrapped to the top"
                    } else {
                        "search wrapped to the bottom"
                    };
                    self.info(msg);
                }
                Some(false) => {
                    let (i, n) = (r.search.current.unwrap_or(0) + 1, r.search.hits.len());
                    self.info(format!("match {i} of {n}"));
                }
            },
            Action::WiderText | Action::NarrowerText => {
                let step: i32 = if action == Action::WiderText { 4 } else { -4 };
                let w = (i32::from(self.text_width) + step).clamp(20, 400);
                self.text_width = u16::try_from(w).unwrap_or(80);
                self.relayout();
                let shown = self.reader_geometry().text.width;
                self.info(format!("text width {shown}"));
            }
            Action::Bookmark => self.bookmark_here(fx),
            Action::Select => {
                if self.store_read_only.is_some() {
                    let reason = self.store_read_only.clone().unwrap_or_default();
                    self.error(reason);
                } else {
                    r.start_selection();
                    self.info("selecting: j/k sentence, }/{ paragraph, m to bookmark, esc to cancel");
                }
            }
            Action::EditNote => {
                if let Some(reason) = self.store_read_only.clone() {
                    self.error(reason);
                    return;
                }
                let existing = r.mark_at_cursor().map(|m| m.id.clone());
                let note = existing
                    .as_ref()
                    .and_then(|id| self.bookmarks.iter().find(|b| &b.id == id))
                    .and_then(|b| b.note.clone())
                    .unwrap_or_default();
                self.open_prompt(PromptKind::Note, note, existing);
            }
            Action::NextBookmark | Action::PrevBookmark if !r.jump_mark(action == Action::NextBookmark) => {
                let none = r.marks.is_empty();
                self.info(if none {
                    "no bookmarks in this article — m to add one"
                } else {
                    "no more bookmarks that way"
                });
            }
            _ => {}
        }
    }

    // ----- bookmarks -----

    fn new_bookmark(&self, span: Span, note: Option<String>) -> Option<Bookmark> {
        let r = self.reader.as_ref()?;
        let path = self.library.entries.get(r.entry).map_or_else(PathBuf::new, |e| e.origin.path());
        Some(Bookmark::new(BookmarkId(String::new()), &r.article, &path, span).with_note(note))
    }

    fn new_bookmark_at_cursor(&self, note: Option<String>) -> Option<Bookmark> {
        let r = self.reader.as_ref()?;
        let span = r.article.blocks.get(r.cursor)?.span;
        self.new_bookmark(span, note)
    }

    /// `m`: bookmarks the selected quote (pane focus) or the cursor paragraph.
    fn bookmark_here(&mut self, fx: &mut Vec<Effect>) {
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

    fn push_bookmark(&mut self, b: Bookmark, fx: &mut Vec<Effect>) {
        self.bookmarks.push(b.clone());
        fx.push(Effect::AddBookmark(b));
        self.refresh_marks();
        self.refresh_bookmarks_view();
        self.info("bookmarked — a adds a note, ' lists bookmarks");
    }

    fn open_selected_bookmark(&mut self, fx: &mut Vec<Effect>) {
        let v = &self.bookmarks_view;
        let Some(b) = v.shown.get(v.selected).and_then(|&i| self.bookmarks.get(i)).cloned() else {
            return;
        };
        // Find the article in the order of `store::locate`: at its path, moved unchanged (same
        // fingerprint), where the last check found it moved,
        // then a file of the same name or title; else open the path (and say why it failed).
        let entries = &self.library.entries;
        let at_path = |e: &Entry| e.origin.path() == b.path && e.error.is_none();
        let same_fp = |e: &Entry| e.fingerprint == Some(b.fingerprint);
        let moved_to = self.bookmark_status.get(&b.id).and_then(|c| c.moved_to.as_deref());
        let title = |t: &str| t.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
        let related = |e: &Entry| {
            let path = e.origin.path();
            e.error.is_none()
                && ((b.path.file_name().is_some() && path.file_name() == b.path.file_name())
                    || (!b.title.trim().is_empty() && title(&e.title) == title(&b.title)))
        };
        let entry = entries
            .iter()
            .position(at_path)
            .or_else(|| entries.iter().position(|e| same_fp(e) && e.error.is_none()))
            .or_else(|| moved_to.and_then(|m| entries.iter().position(|e| e.origin.path() == m)))
            .or_else(|| entries.iter().position(related))
            .or_else(|| entries.iter().position(|e| e.origin.path() == b.path));
        let entry = match entry {
            Some(i) => i,
            None => {
                let path = moved_to.map_or_else(|| b.path.clone(), std::path::Path::to_path_buf);
                self.library.entries.push(Entry::failed(Origin::from_path(&path), "not opened yet"));
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
        self.pending_bookmark = Some(b);
    }

    fn goto_bookmark(&mut self, b: &Bookmark) {
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
    fn refresh_marks(&mut self) {
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

    fn refresh_bookmarks_view(&mut self) {
        let f = self.bookmarks_view.filter.to_lowercase();
        let mut shown: Vec<usize> = (0..self.bookmarks.len())
            .filter(|&i| {
                f.is_empty()
                    || self.bookmarks.get(i).is_some_and(|b| {
                        b.title.to_lowercase().contains(&f)
                            || b.excerpt.to_lowercase().contains(&f)
                            || b.note.as_deref().is_some_and(|n| n.to_lowercase().contains(&f))
                    })
            })
            .collect();
        // Newest first; the list is kept oldest first, so this is mostly a reversal.
        let mut keyed: Vec<(std::cmp::Reverse<u64>, usize)> =
            shown.drain(..).map(|i| (std::cmp::Reverse(self.bookmarks.get(i).map_or(0, |b| b.created)), i)).collect();
        keyed.sort_unstable();
        self.bookmarks_view.shown = keyed.into_iter().map(|(_, i)| i).collect();
        self.clamp_lists();
    }

    // ----- library -----

    fn refresh_library(&mut self) {
        let f = self.library.filter.to_lowercase();
        let entries = &self.library.entries;
        let mut shown: Vec<usize> = (0..entries.len())
            .filter(|&i| {
                f.is_empty()
                    || entries.get(i).is_some_and(|e| {
                        e.title.to_lowercase().contains(&f)
                            || e.source.as_deref().is_some_and(|s| s.to_lowercase().contains(&f))
                            || e.speakers.iter().any(|s| s.to_lowercase().contains(&f))
                    })
            })
            .collect();
        let selected_entry = self.library.shown.get(self.library.selected).copied();
        match self.library.sort {
            Some(SortOrder::Title) | None => {
                shown.sort_by_cached_key(|&i| entries.get(i).map(|e| e.title.to_lowercase()));
            }
            Some(SortOrder::Date) => {
                shown.sort_by_cached_key(|&i| {
                    let e = entries.get(i);
                    (std::cmp::Reverse(e.and_then(|e| e.date.clone())), e.map(|e| e.title.to_lowercase()))
                });
            }
        }
        self.library.shown = shown;
        if let Some(sel) = selected_entry.and_then(|e| self.library.shown.iter().position(|&i| i == e)) {
            self.library.selected = sel;
        }
        self.clamp_lists();
    }

    fn clamp_lists(&mut self) {
        let h = self.list_height();
        let lib = &mut self.library;
        lib.selected = lib.selected.min(lib.shown.len().saturating_sub(1));
        if lib.selected < lib.scroll {
            lib.scroll = lib.selected;
        } else if lib.selected >= lib.scroll + h {
            lib.scroll = lib.selected + 1 - h;
        }
        let bv = &mut self.bookmarks_view;
        let per = (h / 3).max(1);
        bv.selected = bv.selected.min(bv.shown.len().saturating_sub(1));
        if bv.selected < bv.scroll {
            bv.scroll = bv.selected;
        } else if bv.selected >= bv.scroll + per {
            bv.scroll = bv.selected + 1 - per;
        }
    }

    /// Reading progress of an entry (0–100), from saved positions.
    pub fn progress(&self, entry: &Entry) -> Option<u8> {
        let fp = entry.fingerprint?;
        let p = self.positions.get(&fp)?;
        let pct = (p.progress() * 100.0).round().clamp(0.0, 100.0);
        // In 0..=100 after the clamp.
        #[allow(clippy::cast_sign_loss)]
        Some(pct as u8)
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

    fn on_loaded(
        &mut self,
        stage: LoadStage,
        entry: usize,
        result: Result<Arc<Article>, String>,
        then: Option<Span>,
        fx: &mut Vec<Effect>,
    ) {
        // The rest of a previewed article: only if that preview is still on screen.
        let preview_pos = match stage {
            LoadStage::Rest => match self.reader.as_mut().filter(|r| r.entry == entry && r.loading) {
                Some(r) => {
                    r.loading = false;
                    let at = r.position_offset();
                    let excerpt: String = r.article.text.get(at..).unwrap_or_default().chars().take(60).collect();
                    Some((at, excerpt, r.pane.visible, r.focus))
                }
                None => return,
            },
            _ => None,
        };
        let article = match result {
            Ok(a) => a,
            Err(e) => {
                if let Some(en) = self.library.entries.get_mut(entry) {
                    en.error = Some(clean_line(&e));
                }
                self.pending_bookmark = None;
                self.error(clean_line(&e));
                return;
            }
        };
        if let Some(en) = self.library.entries.get_mut(entry) {
            en.error = None;
            en.fingerprint = Some(article.fingerprint);
            en.text_len = article.text.len();
            if en.title.is_empty() || en.title == "not opened yet" {
                en.title.clone_from(&article.meta.title);
            }
        }
        let visible = self.reader.as_ref().map_or(self.config.pane.visible, |r| r.pane.visible);
        // The geometry the new reader will have (pane shown as the user wants it).
        let geo = ReaderGeometry::compute(self.width, self.height, self.text_width, &self.config.pane, visible, false);
        let pane = PaneState { visible, selected: None, scroll: 0 };
        let filter = QuoteFilter { speaker: None, show_indirect: self.config.pane.show_indirect };
        let mut r = Reader::new(entry, article.clone(), geo.text.width, usize::from(geo.text.height), pane, filter);
        r.loading = stage == LoadStage::Preview;
        r.scroll_off = usize::from(self.config.scroll_off);
        if stage == LoadStage::Preview {
            // Quotes are found once the whole article is in.
        } else if article.text.len() < BACKGROUND_EXTRACT_BYTES {
            let ex = crate::extract::extract(&article);
            if let Some(en) = self.library.entries.get_mut(entry) {
                let origin = en.origin.clone();
                let error = en.error.clone();
                *en = Entry { error, ..Entry::new(origin, &article, &ex) };
            }
            r.set_extraction(Arc::new(ex));
        } else {
            fx.push(Effect::Extract(article.clone()));
        }
        // Resume where the reader was, unless a bookmark says where to go.
        let path = self.library.entries.get(entry).map_or_else(PathBuf::new, |e| e.origin.path());
        let saved = self
            .positions
            .get(&article.fingerprint)
            .or_else(|| self.positions.values().filter(|p| p.path == path).max_by_key(|p| p.updated));
        if let Some((at, excerpt, visible, focus)) = preview_pos {
            // Same text on screen as in the preview (the whole article may have a byline the
            // preview did not know about, which shifts offsets a little).
            let from = at.saturating_sub(4096).min(article.text.len());
            let found = (!excerpt.is_empty())
                .then(|| article.text.get(from..).and_then(|t| t.find(&excerpt)).map(|i| from + i))
                .flatten();
            r.restore_position(found.unwrap_or(at));
            r.pane.visible = visible;
            r.focus = focus;
        } else if let Some(p) = saved {
            r.restore_position(crate::store::resume_offset(p, &article));
        }
        r.saved_offset = Some(r.position_offset());
        self.reader = Some(r);
        self.screen = Screen::Reader;
        self.overlay = None;
        self.relayout();
        self.refresh_marks();
        if let Some(b) = self.pending_bookmark.take() {
            self.goto_bookmark(&b);
        } else if let Some(span) = then
            && let Some(r) = self.reader.as_mut()
        {
            if let Some(b) = r.article.block_at(span.start) {
                r.set_cursor(b);
            }
            r.reveal_span(span);
        }
        if !article.warnings.is_empty() {
            let w: Vec<String> = article.warnings.iter().map(ToString::to_string).collect();
            self.warn(w.join("; "));
        }
    }

    // ----- positions -----

    /// Saves the reading position when it moved (or always, when `force`).
    /// Where the reader is now, as a position to save (`None` without a fully loaded article).
    pub fn current_position(&self) -> Option<Position> {
        let r = self.reader.as_ref().filter(|r| !r.loading)?;
        let path = self.library.entries.get(r.entry).map_or_else(PathBuf::new, |e| e.origin.path());
        Some(Position::new(&r.article, &path, r.position_offset()))
    }

    fn save_position(&mut self, fx: &mut Vec<Effect>, force: bool) {
        let Some(r) = self.reader.as_mut().filter(|r| !r.loading) else {
            return;
        };
        let offset = r.position_offset();
        if !force && r.saved_offset == Some(offset) {
            return;
        }
        if force && r.saved_offset == Some(offset) && self.positions.contains_key(&r.article.fingerprint) {
            return;
        }
        r.saved_offset = Some(offset);
        let path = self.library.entries.get(r.entry).map_or_else(PathBuf::new, |e| e.origin.path());
        let pos = Position::new(&r.article, &path, offset);
        self.positions.insert(pos.fingerprint, pos.clone());
        fx.push(Effect::SavePosition(pos));
    }

    // ----- layout -----

    /// Re-derives the reader's layout width and height after a size or pane change.
    fn relayout(&mut self) {
        let geo = self.reader_geometry();
        if let Some(r) = self.reader.as_mut() {
            let height = usize::from(geo.text.height);
            let shrunk = height < r.height();
            r.set_height(height);
            r.set_width(geo.text.width);
            // The text gave rows to the pane: keep the selected quote in what is left.
            if shrunk && r.focus == Focus::Pane {
                r.reveal_selected_quote();
            }
            r.scroll_pane_to_selection();
        }
    }

    /// Relayout when the text column no longer matches the geometry (the pane took or gave back
    /// rows or columns as its focus changed).
    fn relayout_if_changed(&mut self) {
        let geo = self.reader_geometry();
        if let Some(r) = self.reader.as_ref()
            && (r.height() != usize::from(geo.text.height)
                || r.layout.width() != geo.text.width.max(crate::layout::MIN_WIDTH))
        {
            self.relayout();
        }
    }

    fn scroll_pane_selection(&mut self) {
        if let Some(r) = self.reader.as_mut() {
            r.scroll_pane_to_selection();
        }
    }

    // ----- mouse -----

    fn on_mouse(&mut self, m: Mouse, fx: &mut Vec<Effect>) {
        let _ = fx;
        match self.screen {
            Screen::Reader => {
                let geo = self.reader_geometry();
                let Some(r) = self.reader.as_mut() else {
                    return;
                };
                let in_pane = |col, row| geo.pane.is_some_and(|p| p.contains(col, row));
                match m {
                    Mouse::ScrollDown { col, row } if in_pane(col, row) => r.scroll_pane(3),
                    Mouse::ScrollUp { col, row } if in_pane(col, row) => r.scroll_pane(-3),
                    Mouse::ScrollDown { .. } => r.scroll_down(3),
                    Mouse::ScrollUp { .. } => r.scroll_up(3),
                    Mouse::Click { col, row } => {
                        if let Some(p) = geo.pane.filter(|p| p.contains(col, row)) {
                            // The list starts below the pane's title row.
                            let i = usize::from(row.saturating_sub(p.y + 1));
                            if row > p.y
                                && let Some(PaneRow::Quote(q)) = r.quotes().rows.get(r.pane.scroll + i).copied()
                            {
                                r.select_quote(q);
                                if geo.pane_mode == PaneMode::Overlay {
                                    r.focus = Focus::Text;
                                    self.relayout();
                                }
                            }
                        } else if geo.text_area.contains(col, row) {
                            let rows = r.visible_rows();
                            if let Some(rid) = rows.get(usize::from(row.saturating_sub(geo.text.y)))
                                && r.article.is_navigable(rid.block)
                            {
                                r.set_cursor(rid.block);
                            }
                            if r.focus == Focus::Pane && geo.pane_mode == PaneMode::Overlay {
                                r.focus = Focus::Text;
                                self.relayout();
                            }
                        }
                    }
                }
            }
            Screen::Library => match m {
                Mouse::ScrollDown { .. } => self.library_action(Action::Down, &mut Vec::new()),
                Mouse::ScrollUp { .. } => self.library_action(Action::Up, &mut Vec::new()),
                Mouse::Click { row, .. } => {
                    let i = usize::from(row.saturating_sub(1)) + self.library.scroll;
                    if row >= 1 && i < self.library.shown.len() {
                        self.library.selected = i;
                    }
                }
            },
            Screen::Bookmarks => match m {
                Mouse::ScrollDown { .. } => self.bookmarks_action(Action::Down, &mut Vec::new()),
                Mouse::ScrollUp { .. } => self.bookmarks_action(Action::Up, &mut Vec::new()),
                Mouse::Click { .. } => {}
            },
        }
    }

    // ----- help -----

    /// The help overlay's lines: (heading or key list, description), generated from the live
    /// keymap so it is always true.
    pub fn help_lines(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let order =
            [Context::Reader, Context::Pane, Context::Select, Context::Library, Context::Bookmarks, Context::Global];
        for ctx in order {
            let bindings = self.config.keymap.bindings(ctx);
            if bindings.is_empty() {
                continue;
            }
            let title = match ctx {
                Context::Reader => "Reading",
                Context::Pane => "Quotes pane (Tab to focus)",
                Context::Select => "Selecting a passage",
                Context::Library => "Library",
                Context::Bookmarks => "Bookmarks list",
                Context::Global => "Everywhere",
            };
            if !out.is_empty() {
                out.push((String::new(), String::new()));
            }
            out.push((title.to_owned(), String::new()));
            for (action, keys) in bindings {
                let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                out.push((keys.join(" "), action.describe().to_owned()));
            }
        }
        out
    }

    /// Jumps to a quote (tests and the pane).
    pub fn select_quote(&mut self, id: QuoteId) {
        if let Some(r) = self.reader.as_mut() {
            r.select_quote(id);
        }
    }
}

/// Which of several keys for one action a hint shows: enter and tab first, then plain
/// characters (`q` before `esc`), then the rest; shorter labels first within each.
fn hint_rank(k: crate::app::keymap::Key) -> (u8, usize, String) {
    use crate::app::keymap::KeyCode;
    let class = match k.code {
        _ if k.ctrl || k.alt => 3,
        KeyCode::Enter | KeyCode::Tab => 0,
        KeyCode::Char(_) => 1,
        _ => 2,
    };
    let label = k.to_string();
    (class, label.chars().count(), label)
}
