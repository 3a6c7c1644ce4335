//! The help overlay and the key hints in footers, both drawn from the live keymap so that a
//! rebound key shows as bound.

use super::action::{Action, Context};
use super::keymap::{Key, KeyCode};
use super::{App, Effect, Mode};
use crate::config::Config;

impl App {
    /// Keys while the help is open: scroll it, quit, anything else closes it.
    pub(super) fn on_help_key(&mut self, scroll: u16, key: Key, fx: &mut Vec<Effect>) {
        let a = self.config.keymap.lookup(&self.contexts(), key);
        let half = self.height / 2;
        let scroll = match (key.code, a) {
            (KeyCode::Down, _) | (_, Some(Action::ScrollDown | Action::Down)) => Some(scroll.saturating_add(1)),
            (KeyCode::Up, _) | (_, Some(Action::ScrollUp | Action::Up)) => Some(scroll.saturating_sub(1)),
            (KeyCode::PageDown | KeyCode::Char(' '), _) | (_, Some(Action::PageDown)) => {
                Some(scroll.saturating_add(half))
            }
            (KeyCode::PageUp, _) | (_, Some(Action::PageUp)) => Some(scroll.saturating_sub(half)),
            (_, Some(Action::Quit)) => {
                self.on_action(Action::Quit, fx);
                return;
            }
            _ => None,
        };
        let lines = u16::try_from(self.help_lines().len()).unwrap_or(u16::MAX);
        if let Some(s) = scroll {
            self.mode = Mode::Help { scroll: s.min(lines) };
        }
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
}

/// Which of several keys for one action a hint shows: enter and tab first, then plain
/// characters (`q` before `esc`), then the rest; shorter labels first within each.
fn hint_rank(k: Key) -> (u8, usize, String) {
    let class = match k.code {
        _ if k.ctrl || k.alt => 3,
        KeyCode::Enter | KeyCode::Tab => 0,
        KeyCode::Char(_) => 1,
        _ => 2,
    };
    let label = k.to_string();
    (class, label.chars().count(), label)
}
