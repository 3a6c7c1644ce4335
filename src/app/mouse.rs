//! Mouse input: the wheel scrolls the text, the pane or a list under the pointer; a click
//! selects a quote in the pane, a paragraph in the text or a story in the library.

use super::action::Action;
use super::geometry::PaneMode;
use super::pane::PaneRow;
use super::reader::Focus;
use super::{App, Effect, Mouse, Screen};

impl App {
    pub(super) fn on_mouse(&mut self, m: Mouse, fx: &mut Vec<Effect>) {
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
            Screen::Speakers => match m {
                Mouse::ScrollDown { .. } => self.speakers_action(Action::Down, &mut Vec::new()),
                Mouse::ScrollUp { .. } => self.speakers_action(Action::Up, &mut Vec::new()),
                Mouse::Click { .. } => {}
            },
            Screen::Search => match m {
                Mouse::ScrollDown { .. } => self.found_action(Action::Down, &mut Vec::new()),
                Mouse::ScrollUp { .. } => self.found_action(Action::Up, &mut Vec::new()),
                Mouse::Click { .. } => {}
            },
        }
    }
}
