//! Keys and the keymap: which [`Action`] a key does in which [`Context`].
//!
//! Keys are quoth's own type (the terminal layer translates its events into [`Key`]), written
//! in the config as `j`, `G`, `}`, `space`, `enter`, `tab`, `pgdn`, `ctrl-d`, `alt-x`, `f1`.

use super::action::{Action, Context};
use std::collections::BTreeMap;
use std::fmt;

/// A key without modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Tab,
    BackTab,
    Esc,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

/// A key press: a code plus Ctrl / Alt. Shift is folded into the character (`G`, `}`) and
/// kept only for `BackTab`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false, alt: false }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c), ctrl: true, alt: false }
    }

    /// Parses the config syntax.
    ///
    /// ```
    /// use quoth::app::keymap::{Key, KeyCode};
    /// assert_eq!(Key::parse("ctrl-d"), Some(Key::ctrl('d')));
    /// assert_eq!(Key::parse("G"), Some(Key::ch('G')));
    /// assert_eq!(Key::parse("pgdn"), Some(Key::plain(KeyCode::PageDown)));
    /// assert_eq!(Key::parse("-"), Some(Key::ch('-')));
    /// assert_eq!(Key::parse("ctrl+x"), None);
    /// assert_eq!(Key::parse("ctrl-ctrl-x"), None);
    /// assert_eq!(Key::parse("alt-m-x"), None);
    /// assert_eq!(Key::parse("ctrl-alt-x"), Some(Key { code: KeyCode::Char('x'), ctrl: true, alt: true }));
    /// ```
    pub fn parse(s: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            if rest.chars().count() > 1 {
                if let Some(r) = rest.strip_prefix("ctrl-").or_else(|| rest.strip_prefix("c-")) {
                    // A modifier given twice ("ctrl-ctrl-x") is a typo, not a key.
                    if ctrl {
                        return None;
                    }
                    ctrl = true;
                    rest = r;
                    continue;
                }
                if let Some(r) = rest.strip_prefix("alt-").or_else(|| rest.strip_prefix("m-")) {
                    if alt {
                        return None;
                    }
                    alt = true;
                    rest = r;
                    continue;
                }
            }
            break;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ => match rest {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "esc" | "escape" => KeyCode::Esc,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                f if f.starts_with('f') => {
                    let n: u8 = f.get(1..)?.parse().ok()?;
                    if !(1..=24).contains(&n) {
                        return None;
                    }
                    KeyCode::F(n)
                }
                _ => return None,
            },
        };
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::F(n) => write!(f, "f{n}"),
        }
    }
}

/// Key bindings per context.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keymap {
    maps: BTreeMap<Context, BTreeMap<Key, Action>>,
}

impl Keymap {
    /// Binds `key` to `action` in `context` (replacing what it did there).
    pub fn bind(&mut self, context: Context, key: Key, action: Action) {
        self.maps.entry(context).or_default().insert(key, action);
    }

    /// Removes the binding of `key` in `context`.
    pub fn unbind(&mut self, context: Context, key: Key) {
        if let Some(m) = self.maps.get_mut(&context) {
            m.remove(&key);
        }
    }

    /// The action of `key` in `context` alone.
    pub fn get(&self, context: Context, key: Key) -> Option<Action> {
        self.maps.get(&context).and_then(|m| m.get(&key)).copied()
    }

    /// The action of `key`, looking in `contexts` in order, then in `global`.
    pub fn lookup(&self, contexts: &[Context], key: Key) -> Option<Action> {
        contexts.iter().chain(std::iter::once(&Context::Global)).find_map(|&c| self.get(c, key))
    }

    /// All bindings of a context, grouped by action in the order of [`Action::ALL`].
    pub fn bindings(&self, context: Context) -> Vec<(Action, Vec<Key>)> {
        let Some(m) = self.maps.get(&context) else {
            return Vec::new();
        };
        let mut by_action: BTreeMap<Action, Vec<Key>> = BTreeMap::new();
        for (k, a) in m {
            by_action.entry(*a).or_default().push(*k);
        }
        let mut out: Vec<(Action, Vec<Key>)> = by_action.into_iter().collect();
        out.sort_by_key(|(a, _)| Action::ALL.iter().position(|x| x == a).unwrap_or(usize::MAX));
        out
    }

    /// The keys bound to `action` in `context` (for hints in the status line).
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<Key> {
        self.maps
            .get(&context)
            .map(|m| m.iter().filter(|(_, a)| **a == action).map(|(k, _)| *k).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn roundtrip(s: &str) {
        let k = Key::parse(s).unwrap_or_else(|| panic!("parse {s}"));
        assert_eq!(k.to_string(), s);
    }

    #[test]
    fn key_syntax_roundtrips() {
        for s in ["j", "G", "}", "space", "enter", "tab", "shift-tab", "pgdn", "ctrl-d", "alt-x", "f5", "ctrl-alt-q"] {
            roundtrip(s);
        }
        assert_eq!(Key::parse("f0"), None);
        assert_eq!(Key::parse("ctrl-"), None);
        assert_eq!(Key::parse("ctrl--"), Some(Key { code: KeyCode::Char('-'), ctrl: true, alt: false }));
        assert_eq!(Key::parse(""), None);
    }

    #[test]
    fn lookup_falls_back_to_global() {
        let mut m = Keymap::default();
        m.bind(Context::Global, Key::ch('q'), Action::Quit);
        m.bind(Context::Reader, Key::ch('q'), Action::Back);
        m.bind(Context::Reader, Key::ch('j'), Action::ScrollDown);
        m.bind(Context::Pane, Key::ch('j'), Action::Down);
        assert_eq!(m.lookup(&[Context::Pane, Context::Reader], Key::ch('j')), Some(Action::Down));
        assert_eq!(m.lookup(&[Context::Pane, Context::Reader], Key::ch('q')), Some(Action::Back));
        assert_eq!(m.lookup(&[Context::Library], Key::ch('q')), Some(Action::Quit));
        assert_eq!(m.lookup(&[Context::Library], Key::ch('x')), None);
    }
}
