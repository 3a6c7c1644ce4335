//! The reader screen's actions on the app: moving, quote jumps, the pane, search and
//! bookmarking keys; opening a loaded article (resuming where the reader left it); saving
//! the reading position; and fitting the reader to the window.

use super::action::Action;
use super::geometry::{PaneMode, ReaderGeometry};
use super::pane::QuoteFilter;
use super::reader::{Focus, PaneState, Reader};
use super::{App, BACKGROUND_EXTRACT_BYTES, Effect, LoadStage, Mode, PromptKind, SELECTING, Screen};
use crate::article::Article;
use crate::article::sanitize::clean_line;
use crate::extract::QuoteId;
use crate::library::{Entry, EntryState, LoadError};
use crate::span::Span;
use crate::store::Position;
use std::path::PathBuf;
use std::sync::Arc;

/// The status line when a quote key needs a selected quote.
const SELECT_FIRST: &str = "select a quote first (] or the pane)";

impl App {
    /// An action on the reader screen: to the passage selection when one is under way, else
    /// to moving, quotes, search, bookmarks or the view.
    pub(super) fn reader_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let Some(r) = self.reader.as_ref() else {
            self.screen = Screen::Library;
            return;
        };
        if r.selection.is_some() {
            self.selection_action(action, fx);
            return;
        }
        match action {
            Action::Back => self.reader_back(fx),
            Action::ScrollDown
            | Action::ScrollUp
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::Top
            | Action::Bottom
            | Action::Down
            | Action::Up
            | Action::Open
            | Action::NextParagraph
            | Action::PrevParagraph => self.move_action(action),
            Action::NextQuote | Action::PrevQuote | Action::NextSpeakerQuote | Action::PrevSpeakerQuote => {
                self.quote_jump(action);
            }
            Action::ToggleFocus | Action::TogglePane => self.pane_toggle(action),
            Action::FilterSpeaker => self.filter_speaker(),
            Action::SpeakerEverywhere => self.speaker_everywhere(fx),
            Action::ToggleIndirect => {
                if let Some(r) = self.reader.as_mut() {
                    let filter = r.quotes().filter;
                    let on = !filter.show_indirect;
                    r.set_filter(QuoteFilter { show_indirect: on, ..filter });
                    self.info(if on { "reported speech shown" } else { "reported speech hidden" });
                }
            }
            Action::ShowWhy => {
                if r.pane.selected.is_some() {
                    self.mode = Mode::Why;
                } else {
                    self.info(SELECT_FIRST);
                }
            }
            Action::Search => self.open_prompt(PromptKind::Search, String::new(), None),
            Action::SearchNext | Action::SearchPrev => self.search_step(action == Action::SearchNext),
            Action::WiderText | Action::NarrowerText => {
                let step: i32 = if action == Action::WiderText { 4 } else { -4 };
                let w = (i32::from(self.text_width) + step).clamp(20, 400);
                self.text_width = u16::try_from(w).unwrap_or(80);
                self.relayout();
                let shown = self.reader_geometry().text.width;
                self.info(format!("text width {shown}"));
            }
            Action::Bookmark | Action::Select | Action::EditNote | Action::NextBookmark | Action::PrevBookmark => {
                self.reader_bookmark_action(action, fx);
            }
            _ => {}
        }
    }

    /// Keys while a passage is being selected for a bookmark.
    fn selection_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let Some(r) = self.reader.as_mut() else { return };
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
    }

    /// Back: out of the pane, then out of a search, then to the library or the library search
    /// it was opened from (or quit when a single file was opened).
    fn reader_back(&mut self, fx: &mut Vec<Effect>) {
        let Some(r) = self.reader.as_mut() else { return };
        if r.focus == Focus::Pane {
            r.focus = Focus::Text;
            self.relayout();
        } else if !r.search.hits.is_empty() {
            r.clear_search();
        } else if self.has_library {
            let entry = r.entry;
            self.save_position(fx, true);
            self.reader = None;
            // Back where the story was opened from: the library search, else the library.
            self.screen = if self.found.opened.take() == Some(entry) {
                Screen::Search
            } else if self.speakers.opened.take() == Some(entry) {
                Screen::Speakers
            } else {
                Screen::Library
            };
            self.refresh_library();
        } else {
            self.save_position(fx, true);
            fx.push(Effect::Quit);
        }
    }

    /// Scrolling and the paragraph cursor; in the focused pane, up/down/top/bottom move
    /// through its quotes and enter goes to the selected one.
    fn move_action(&mut self, action: Action) {
        let page = usize::from(self.reader_geometry().text.height).max(1);
        let Some(r) = self.reader.as_mut() else { return };
        let in_pane = r.focus == Focus::Pane;
        match action {
            Action::ScrollDown => r.scroll_down(1),
            Action::ScrollUp => r.scroll_up(1),
            Action::PageDown => r.scroll_down(page.saturating_sub(2).max(1)),
            Action::PageUp => r.scroll_up(page.saturating_sub(2).max(1)),
            Action::HalfPageDown => r.scroll_down((page / 2).max(1)),
            Action::HalfPageUp => r.scroll_up((page / 2).max(1)),
            Action::Top if in_pane => r.pane_select_edge(false),
            Action::Top => r.go_top(),
            Action::Bottom if in_pane => r.pane_select_edge(true),
            Action::Bottom => r.go_bottom(),
            Action::Down if !r.move_pane_selection(1) => self.info("last quote"),
            Action::Up if !r.move_pane_selection(-1) => self.info("first quote"),
            Action::Open => {
                if let Some(q) = r.pane.selected {
                    r.select_quote(q);
                    r.focus = Focus::Text;
                    self.relayout();
                }
            }
            Action::NextParagraph if !r.next_paragraph() => self.info("last paragraph"),
            Action::PrevParagraph if !r.prev_paragraph() => self.info("first paragraph"),
            _ => {}
        }
    }

    /// `]` `[` and `}` `{`: the next or previous quote, of anyone or of the selected speaker.
    fn quote_jump(&mut self, action: Action) {
        let Some(r) = self.reader.as_mut() else { return };
        let forward = matches!(action, Action::NextQuote | Action::NextSpeakerQuote);
        let same = matches!(action, Action::NextSpeakerQuote | Action::PrevSpeakerQuote);
        if r.extraction.is_none() {
            self.info("still finding quotes…");
        } else if same && r.pane.selected.is_none() {
            self.info(SELECT_FIRST);
        } else if !r.jump_quote(forward, same) {
            let msg = match (forward, same) {
                (true, true) => "no more quotes by this speaker",
                (true, false) => "no more quotes",
                (false, true) => "no earlier quotes by this speaker",
                (false, false) => "no earlier quotes",
            };
            self.info(msg);
        }
    }

    /// Tab moves the keys between text and pane; `p` shows or hides the side pane (where
    /// there is room for one; else it moves the keys, as the pane is then drawn over the text).
    fn pane_toggle(&mut self, action: Action) {
        let geo = self.reader_geometry();
        let side_possible = geo.pane_mode == PaneMode::Side
            || (geo.pane_mode == PaneMode::Hidden && self.width >= self.config.pane.overlay_below);
        let Some(r) = self.reader.as_mut() else { return };
        if action == Action::TogglePane && side_possible {
            r.pane.visible = !r.pane.visible;
            if !r.pane.visible {
                r.focus = Focus::Text;
            }
        } else {
            r.focus = if r.focus == Focus::Pane { Focus::Text } else { Focus::Pane };
            if action == Action::ToggleFocus && r.focus == Focus::Pane && r.pane.selected.is_none() {
                r.move_pane_selection(1);
            }
        }
        self.relayout();
    }

    /// `f`: list only the selected quote's speaker, or everyone again.
    fn filter_speaker(&mut self) {
        let Some(r) = self.reader.as_mut() else { return };
        let Some(ex) = r.extraction.clone() else { return };
        let filter = r.quotes().filter;
        if filter.speaker.is_some() {
            r.set_filter(QuoteFilter { speaker: None, ..filter });
            self.info("showing all speakers");
            return;
        }
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

    /// `n` / `N`: the next or previous search match.
    fn search_step(&mut self, forward: bool) {
        let Some(r) = self.reader.as_mut() else { return };
        match r.step_hit(forward) {
            None => self.info("no search — / to search"),
            Some(true) => {
                self.info(if forward { "search wrapped to the top" } else { "search wrapped to the bottom" });
            }
            Some(false) => {
                let (i, n) = (r.search.current.unwrap_or(0) + 1, r.search.hits.len());
                self.info(format!("match {i} of {n}"));
            }
        }
    }

    /// Bookmarking from the reader: `m` here, `v` to select a passage, `a` for a note, and
    /// jumps between this article's bookmarks.
    fn reader_bookmark_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        if matches!(action, Action::Bookmark) {
            self.bookmark_here(fx);
            return;
        }
        if matches!(action, Action::Select | Action::EditNote)
            && let Some(reason) = self.store_read_only.clone()
        {
            self.error(reason);
            return;
        }
        let Some(r) = self.reader.as_mut() else { return };
        match action {
            Action::Select => {
                r.start_selection();
                self.info(SELECTING);
            }
            Action::EditNote => {
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

    pub(super) fn on_loaded(
        &mut self,
        stage: LoadStage,
        entry: usize,
        result: Result<Arc<Article>, LoadError>,
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
                let why = clean_line(&e.to_string());
                if let Some(en) = self.library.entries.get_mut(entry) {
                    en.state = EntryState::Failed(why.clone());
                }
                drop(self.take_pending_bookmark());
                self.pending_find = None;
                self.pending_quote = None;
                self.error(why);
                return;
            }
        };
        if let Some(en) = self.library.entries.get_mut(entry) {
            // Named after its file until now: the article's own title from here on.
            if (en.title.is_empty() || en.state != EntryState::Read) && !article.meta.title.is_empty() {
                en.title.clone_from(&article.meta.title);
            }
            en.state = EntryState::Read;
            en.fingerprint = Some(article.fingerprint());
            en.text_len = article.text.len();
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
                *en = Entry::new(en.origin.clone(), &article, &ex);
            }
            r.set_extraction(Arc::new(ex));
        } else {
            fx.push(Effect::Extract(article.clone()));
        }
        // Resume where the reader was, unless a bookmark says where to go.
        let path = self.library.entries.get(entry).map_or_else(PathBuf::new, |e| e.origin.path());
        let saved = self
            .positions
            .get(&article.fingerprint())
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
        self.mode = Mode::Normal;
        self.relayout();
        self.refresh_marks();
        if let Some(b) = self.take_pending_bookmark() {
            self.goto_bookmark(&b);
        } else if let Some(span) = then
            && let Some(r) = self.reader.as_mut()
        {
            if let Some(b) = r.article.block_at(span.start) {
                r.set_cursor(b);
            }
            r.reveal_span(span);
            // Opened from the library search: the same words, so n / N go on from here.
            if let Some(words) = self.pending_find.take() {
                r.search(&words, span.start);
                let n = r.search.hits.len();
                self.info(format!(
                    "{} of “{}” — n / N for next / previous",
                    crate::text::count(n, "match"),
                    clean_line(&words)
                ));
            }
        }
        self.pending_find = None;
        self.select_pending_quote();
        if !article.warnings.is_empty() {
            let w: Vec<String> = article.warnings.iter().map(ToString::to_string).collect();
            self.warn(w.join("; "));
        }
    }

    /// Saves the reading position when it moved (or always, when `force`).
    /// Where the reader is now, as a position to save (`None` without a fully loaded article).
    pub fn current_position(&self) -> Option<Position> {
        let r = self.reader.as_ref().filter(|r| !r.loading)?;
        let path = self.library.entries.get(r.entry).map_or_else(PathBuf::new, |e| e.origin.path());
        Some(Position::new(&r.article, &path, r.position_offset()))
    }

    pub(super) fn save_position(&mut self, fx: &mut Vec<Effect>, force: bool) {
        let Some(r) = self.reader.as_mut().filter(|r| !r.loading) else {
            return;
        };
        let offset = r.position_offset();
        // What the status line shows, kept with the position for the library's list: a resize
        // changes it at the same offset.
        let seen = (Some(r.percent()), Some(r.words_left()));
        let stored = self.positions.get(&r.article.fingerprint()).map(|p| (p.percent, p.words_left));
        if !force && r.saved_offset == Some(offset) && stored.is_none_or(|s| s == seen) {
            return;
        }
        if force && r.saved_offset == Some(offset) && stored == Some(seen) {
            return;
        }
        r.saved_offset = Some(offset);
        let path = self.library.entries.get(r.entry).map_or_else(PathBuf::new, |e| e.origin.path());
        let mut pos = Position::new(&r.article, &path, offset);
        (pos.percent, pos.words_left) = seen;
        self.positions.insert(pos.fingerprint, pos.clone());
        fx.push(Effect::SavePosition(pos));
    }

    /// Re-derives the reader's layout width and height after a size or pane change.
    pub(super) fn relayout(&mut self) {
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
    pub(super) fn relayout_if_changed(&mut self) {
        let geo = self.reader_geometry();
        if let Some(r) = self.reader.as_ref()
            && (r.height() != usize::from(geo.text.height)
                || r.layout.width() != geo.text.width.max(crate::layout::MIN_WIDTH))
        {
            self.relayout();
        }
    }

    pub(super) fn scroll_pane_selection(&mut self) {
        if let Some(r) = self.reader.as_mut() {
            r.scroll_pane_to_selection();
        }
    }

    /// Jumps to a quote (tests and the pane).
    pub fn select_quote(&mut self, id: QuoteId) {
        if let Some(r) = self.reader.as_mut() {
            r.select_quote(id);
        }
    }
}
