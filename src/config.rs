//! Configuration: settings and key bindings from TOML.
//!
//! The defaults are `config.example.toml` itself (embedded), so the documented file can never
//! drift from the real defaults. A user file is read the same way and laid over them. Unknown
//! keys, bad values and unknown actions are errors naming the file, line, column and the valid
//! choices; there is no half-read config.

use crate::app::action::{Action, Context};
use crate::app::keymap::{Key, Keymap};
use crate::article::sanitize::BidiPolicy;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The documented defaults.
pub const EXAMPLE: &str = include_str!("../config.example.toml");

/// Which side of the text the pane sits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    Left,
    Right,
}

/// Library order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SortOrder {
    Date,
    Title,
}

/// A terminal colour, independent of the terminal library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorSpec {
    Default,
    /// One of the 16 named colours, 0–15 in ANSI order.
    Named(u8),
    Indexed(u8),
    Rgb(u8, u8, u8),
}

const COLOR_NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
];

impl ColorSpec {
    /// ```
    /// use quoth::config::ColorSpec;
    /// assert_eq!(ColorSpec::parse("cyan"), Some(ColorSpec::Named(6)));
    /// assert_eq!(ColorSpec::parse("#ff8000"), Some(ColorSpec::Rgb(255, 128, 0)));
    /// assert_eq!(ColorSpec::parse("208"), Some(ColorSpec::Indexed(208)));
    /// assert_eq!(ColorSpec::parse("teal"), None);
    /// ```
    pub fn parse(s: &str) -> Option<ColorSpec> {
        let s = s.trim().to_ascii_lowercase();
        if s == "default" {
            return Some(ColorSpec::Default);
        }
        if let Some(hex) = s.strip_prefix('#') {
            if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let v = u32::from_str_radix(hex, 16).ok()?;
            let [_, r, g, b] = v.to_be_bytes();
            return Some(ColorSpec::Rgb(r, g, b));
        }
        if let Ok(i) = s.parse::<u8>() {
            return Some(ColorSpec::Indexed(i));
        }
        let s = s.replace("grey", "gray").replace('_', "-");
        COLOR_NAMES.iter().position(|n| *n == s).and_then(|i| u8::try_from(i).ok()).map(ColorSpec::Named)
    }
}

/// Colours of the interface.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Colors {
    pub headline: ColorSpec,
    pub byline: ColorSpec,
    pub subheading: ColorSpec,
    pub accent: ColorSpec,
    pub dim: ColorSpec,
    pub cursor: ColorSpec,
    pub search: ColorSpec,
    pub bookmark: ColorSpec,
    pub selection: ColorSpec,
    pub speakers: Vec<ColorSpec>,
    pub unattributed: ColorSpec,
}

/// Pane settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaneConfig {
    pub visible: bool,
    pub side: Side,
    pub width: u16,
    pub overlay_below: u16,
    pub show_indirect: bool,
}

/// The resolved configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub text_width: u16,
    pub words_per_minute: u32,
    /// Lines of context kept above and below a quote, match or bookmark that a jump brings into
    /// view (like vim's `scrolloff`).
    pub scroll_off: u16,
    pub bidi: BidiPolicy,
    pub max_file_size: u64,
    pub save_position_every: u64,
    pub pane: PaneConfig,
    pub library_path: Option<PathBuf>,
    pub sort: SortOrder,
    pub colors: Colors,
    pub keymap: Keymap,
    /// The file the user settings came from, if any.
    pub file: Option<PathBuf>,
}

/// The largest config file read.
const MAX_CONFIG_BYTES: u64 = 4 * 1024 * 1024;

/// A config problem, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
/// Its message is made safe to print: a bad key or value may hold escape sequences.
#[error("{file}:{line}:{column}: {}", crate::article::sanitize::clean_line(.message))]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One `[keys.CONTEXT]` table: key → action name, with positions for error messages.
type KeyTable = BTreeMap<Spanned<String>, Spanned<String>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    reader: Option<RawReader>,
    pane: Option<RawPane>,
    library: Option<RawLibrary>,
    colors: Option<RawColors>,
    keys: Option<BTreeMap<Spanned<String>, KeyTable>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawReader {
    text_width: Option<Spanned<i64>>,
    words_per_minute: Option<Spanned<i64>>,
    scroll_off: Option<Spanned<i64>>,
    bidi: Option<BidiPolicy>,
    max_file_size: Option<Spanned<i64>>,
    save_position_every: Option<Spanned<i64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPane {
    visible: Option<bool>,
    side: Option<Side>,
    width: Option<Spanned<i64>>,
    overlay_below: Option<Spanned<i64>>,
    show_indirect: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLibrary {
    path: Option<String>,
    sort: Option<SortOrder>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawColors {
    headline: Option<Spanned<String>>,
    byline: Option<Spanned<String>>,
    subheading: Option<Spanned<String>>,
    accent: Option<Spanned<String>>,
    dim: Option<Spanned<String>>,
    cursor: Option<Spanned<String>>,
    search: Option<Spanned<String>>,
    bookmark: Option<Spanned<String>>,
    selection: Option<Spanned<String>>,
    speakers: Option<Vec<Spanned<String>>>,
    unattributed: Option<Spanned<String>>,
}

/// Where the user's config file is looked for: `$QUOTH_CONFIG`, else the platform config dir.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("QUOTH_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "quoth").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// The defaults (`config.example.toml`).
    pub fn defaults() -> Config {
        // The example is tested to parse; an empty config is the fallback of last resort.
        Config::from_str_over(EXAMPLE, "config.example.toml", None).unwrap_or_else(|_| Config::empty())
    }

    fn empty() -> Config {
        let c = ColorSpec::Default;
        Config {
            text_width: 80,
            words_per_minute: 230,
            scroll_off: 3,
            bidi: BidiPolicy::Placeholder,
            max_file_size: crate::library::DEFAULT_MAX_FILE_BYTES,
            save_position_every: 5,
            pane: PaneConfig { visible: true, side: Side::Right, width: 42, overlay_below: 100, show_indirect: false },
            library_path: None,
            sort: SortOrder::Date,
            colors: Colors {
                headline: c,
                byline: c,
                subheading: c,
                accent: c,
                dim: c,
                cursor: c,
                search: c,
                bookmark: c,
                selection: c,
                speakers: vec![c],
                unattributed: c,
            },
            keymap: Keymap::default(),
            file: None,
        }
    }

    /// Loads the config: `explicit` (must exist) or the default location (may be missing).
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let (path, required) = match explicit {
            Some(p) => (Some(p.to_path_buf()), true),
            None => (default_path(), false),
        };
        let Some(path) = path else {
            return Ok(Config::defaults());
        };
        let shown = crate::library::display_path(&path);
        let cannot = |message: String| ConfigError { file: shown.clone(), line: 0, column: 0, message };
        // Only a regular file, and not a huge one: a FIFO or a device here must not hang quoth.
        match crate::fsio::read_regular(&path, MAX_CONFIG_BYTES) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|_| cannot("cannot read: not UTF-8 text".into()))?;
                let mut c = Config::from_str_over(&text, &shown, Some(Config::defaults()))?;
                c.file = Some(path);
                Ok(c)
            }
            Err(crate::fsio::ReadError::NotFound) if !required => Ok(Config::defaults()),
            Err(e) => Err(cannot(format!("cannot read: {e}"))),
        }
    }

    /// Parses `text` (from `file`) over `base` (or over nothing, for the defaults themselves).
    pub fn from_str_over(text: &str, file: &str, base: Option<Config>) -> Result<Config, ConfigError> {
        let err_at = |span: std::ops::Range<usize>, message: String| {
            let (line, column) = crate::article::markdown::line_col(text, span.start);
            ConfigError { file: file.to_owned(), line, column, message }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            err_at(span, e.message().trim().replace('\n', " "))
        })?;
        let mut c = base.unwrap_or_else(Config::empty);
        let range = |v: &Spanned<i64>, lo: i64, hi: i64, what: &str| -> Result<i64, ConfigError> {
            let x = *v.get_ref();
            if (lo..=hi).contains(&x) {
                Ok(x)
            } else {
                Err(err_at(v.span(), format!("{what} must be between {lo} and {hi}, not {x}")))
            }
        };
        if let Some(r) = raw.reader {
            if let Some(v) = &r.text_width {
                c.text_width = u16::try_from(range(v, 20, 400, "text-width")?).unwrap_or(80);
            }
            if let Some(v) = &r.words_per_minute {
                c.words_per_minute = u32::try_from(range(v, 50, 2000, "words-per-minute")?).unwrap_or(230);
            }
            if let Some(v) = &r.scroll_off {
                c.scroll_off = u16::try_from(range(v, 0, 50, "scroll-off")?).unwrap_or(3);
            }
            if let Some(b) = r.bidi {
                c.bidi = b;
            }
            if let Some(v) = &r.max_file_size {
                c.max_file_size = u64::try_from(range(v, 1024, i64::MAX, "max-file-size")?).unwrap_or(u64::MAX);
            }
            if let Some(v) = &r.save_position_every {
                c.save_position_every = u64::try_from(range(v, 1, 3600, "save-position-every")?).unwrap_or(5);
            }
        }
        if let Some(p) = raw.pane {
            if let Some(v) = p.visible {
                c.pane.visible = v;
            }
            if let Some(v) = p.side {
                c.pane.side = v;
            }
            if let Some(v) = &p.width {
                c.pane.width = u16::try_from(range(v, 20, 120, "pane width")?).unwrap_or(42);
            }
            if let Some(v) = &p.overlay_below {
                c.pane.overlay_below = u16::try_from(range(v, 0, 1000, "overlay-below")?).unwrap_or(100);
            }
            if let Some(v) = p.show_indirect {
                c.pane.show_indirect = v;
            }
        }
        if let Some(l) = raw.library {
            if let Some(p) = l.path {
                c.library_path = (!p.trim().is_empty()).then(|| expand_home(p.trim()));
            }
            if let Some(s) = l.sort {
                c.sort = s;
            }
        }
        if let Some(col) = raw.colors {
            apply_colors(&mut c, &col, file, &err_at)?;
        }
        if let Some(keys) = raw.keys {
            apply_keys(&mut c, keys, file, &err_at)?;
        }
        Ok(c)
    }
}

/// The `[colors]` table over `c`.
fn apply_colors(
    c: &mut Config,
    col: &RawColors,
    file: &str,
    err_at: &impl Fn(std::ops::Range<usize>, String) -> ConfigError,
) -> Result<(), ConfigError> {
    let color = |v: &Spanned<String>| -> Result<ColorSpec, ConfigError> {
        ColorSpec::parse(v.get_ref()).ok_or_else(|| {
            err_at(
                v.span(),
                format!(
                    "unknown colour `{}`; use one of {}, default, a number 0–255 or #rrggbb",
                    v.get_ref(),
                    COLOR_NAMES.join(", ")
                ),
            )
        })
    };
    let slots: [(&Option<Spanned<String>>, &mut ColorSpec); 10] = [
        (&col.headline, &mut c.colors.headline),
        (&col.byline, &mut c.colors.byline),
        (&col.subheading, &mut c.colors.subheading),
        (&col.accent, &mut c.colors.accent),
        (&col.dim, &mut c.colors.dim),
        (&col.cursor, &mut c.colors.cursor),
        (&col.search, &mut c.colors.search),
        (&col.bookmark, &mut c.colors.bookmark),
        (&col.selection, &mut c.colors.selection),
        (&col.unattributed, &mut c.colors.unattributed),
    ];
    for (v, slot) in slots {
        if let Some(v) = v {
            *slot = color(v)?;
        }
    }
    if let Some(list) = &col.speakers {
        let parsed = list.iter().map(&color).collect::<Result<Vec<_>, _>>()?;
        if parsed.is_empty() {
            return Err(ConfigError {
                file: file.to_owned(),
                line: 0,
                column: 0,
                message: "colors.speakers needs at least one colour".into(),
            });
        }
        c.colors.speakers = parsed;
    }
    Ok(())
}

/// The `[keys.CONTEXT]` tables over `c`'s keymap; refused when a screen is left with no way
/// to quit.
fn apply_keys(
    c: &mut Config,
    keys: BTreeMap<Spanned<String>, KeyTable>,
    file: &str,
    err_at: &impl Fn(std::ops::Range<usize>, String) -> ConfigError,
) -> Result<(), ConfigError> {
    for (ctx_name, bindings) in keys {
        let Some(ctx) = Context::from_name(ctx_name.get_ref()) else {
            let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
            return Err(err_at(
                ctx_name.span(),
                format!("unknown key context `{}`; valid contexts: {}", ctx_name.get_ref(), names.join(", ")),
            ));
        };
        for (key, action) in bindings {
            let parsed = Key::parse(key.get_ref());
            let Some(k) = parsed else {
                return Err(err_at(
                    key.span(),
                    format!(
                        "invalid key `{}`; write keys like \"j\", \"G\", \"space\", \"enter\", \"pgdn\", \"ctrl-d\", \"alt-x\", \"f1\"",
                        key.get_ref()
                    ),
                ));
            };
            if action.get_ref() == "none" {
                c.keymap.unbind(ctx, k);
                continue;
            }
            let Some(a) = Action::from_name(action.get_ref()) else {
                let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                return Err(err_at(
                    action.span(),
                    format!("unknown action `{}`; valid actions: none, {}", action.get_ref(), names.join(", ")),
                ));
            };
            if !a.applies_in(ctx) {
                let places: Vec<String> = a.contexts().iter().map(|c| format!("[keys.{}]", c.name())).collect();
                return Err(err_at(
                    action.span(),
                    format!(
                        "`{}` does nothing in [keys.{}]; it can be bound in {}",
                        a.name(),
                        ctx.name(),
                        places.join(", ")
                    ),
                ));
            }
            c.keymap.bind(ctx, k, a);
        }
    }
    if let Some(ctx) =
        [Context::Library, Context::Reader, Context::Bookmarks].into_iter().find(|&ctx| !can_quit(&c.keymap, ctx))
    {
        return Err(ConfigError {
            file: file.to_owned(),
            line: 0,
            column: 0,
            message: format!(
                "no key quits from the {} screen: bind one to \"quit\" in [keys.{}] or [keys.global]",
                ctx.name(),
                ctx.name()
            ),
        });
    }
    Ok(())
}

/// True when some key reaches `quit` in `ctx` (through the context itself or the global map).
fn can_quit(keymap: &crate::app::keymap::Keymap, ctx: Context) -> bool {
    let keys = keymap.bindings(ctx).into_iter().chain(keymap.bindings(Context::Global));
    keys.flat_map(|(_, keys)| keys).any(|k| keymap.lookup(&[ctx], k) == Some(Action::Quit))
}

fn expand_home(p: &str) -> PathBuf {
    if let Some(rest) = p.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    PathBuf::from(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::KeyCode;

    #[test]
    fn example_parses_and_sets_everything() {
        let c = Config::from_str_over(EXAMPLE, "config.example.toml", None).unwrap();
        assert_eq!(c.text_width, 80);
        assert_eq!(c.pane.width, 42);
        assert_eq!(c.colors.speakers.len(), 6);
        assert_eq!(c.keymap.get(Context::Reader, Key::ch('}')), Some(Action::NextParagraph));
        assert_eq!(c.keymap.get(Context::Global, Key::ctrl('l')), Some(Action::Redraw));
        // Every action that makes sense somewhere has a default key.
        for a in Action::ALL {
            let bound = Context::ALL.iter().any(|&ctx| !c.keymap.keys_for(ctx, *a).is_empty());
            assert!(bound, "{} has no default key", a.name());
        }
    }

    #[track_caller]
    fn err(text: &str) -> ConfigError {
        Config::from_str_over(text, "c.toml", Some(Config::defaults())).unwrap_err()
    }

    #[test]
    fn a_binding_that_does_nothing_where_it_is_bound_is_refused() {
        let e = err("[keys.library]\nx = \"next_quote\"\n").to_string();
        assert!(e.contains("`next_quote` does nothing in [keys.library]") && e.contains("[keys.reader]"), "{e}");
        assert!(e.starts_with("c.toml:2:"), "{e}");
        let e = err("[keys.global]\nx = \"sort\"\n").to_string();
        assert!(e.contains("it can be bound in [keys.library]") && !e.contains("[keys.global]\n"), "{e}");
        // Every default binding is one that does something.
        assert!(Config::from_str_over(EXAMPLE, "config.example.toml", None).is_ok());
    }

    #[test]
    fn a_config_that_leaves_no_way_to_quit_is_refused() {
        let e = err("[keys.global]\nq = \"none\"\n\"ctrl-c\" = \"none\"\n");
        assert!(e.message.contains("no key quits"), "{}", e.message);
        // Quit bound elsewhere is fine.
        let ok =
            Config::from_str_over("[keys.global]\nq = \"none\"\nx = \"quit\"\n", "c.toml", Some(Config::defaults()));
        assert!(ok.is_ok(), "{ok:?}");
    }

    #[test]
    fn a_modifier_given_twice_is_not_a_key() {
        for k in ["ctrl-ctrl-x", "alt-alt-x", "c-ctrl-x", "m-alt-x"] {
            let e = err(&format!("[keys.reader]\n\"{k}\" = \"scroll_down\"\n"));
            assert!(e.message.contains("invalid key"), "{k}: {}", e.message);
        }
        assert!(
            Config::from_str_over("[keys.reader]\n\"ctrl-alt-x\" = \"scroll_down\"\n", "c", Some(Config::defaults()))
                .is_ok()
        );
    }

    #[test]
    fn config_errors_print_no_control_characters() {
        let e = err("[keys.reader]\n\"\\u001b]0;pwn\\u0007\" = \"scroll_down\"\n");
        let shown = e.to_string();
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        let e = err("[reader]\ntext-width = \"\\u001b[31mred\\u009b\"\n");
        assert!(!e.to_string().chars().any(char::is_control), "{e}");
    }

    #[test]
    fn errors_name_file_line_column_and_choices() {
        let e = err("[reader]\ntext-widht = 70\n");
        assert_eq!((e.file.as_str(), e.line, e.column), ("c.toml", 2, 1));
        assert!(e.message.contains("text-width"), "{}", e.message);

        let e = err("[pane]\nside = \"top\"\n");
        assert_eq!(e.line, 2);
        assert!(e.message.contains("left") && e.message.contains("right"), "{}", e.message);

        let e = err("[reader]\ntext-width = 5\n");
        assert_eq!((e.line, e.column), (2, 14));
        assert!(e.message.contains("between 20 and 400"));

        let e = err("[keys.reader]\n\"j\" = \"scrol_down\"\n");
        assert_eq!(e.line, 2);
        assert!(e.message.contains("scroll_down"), "{}", e.message);

        let e = err("[keys.reader]\n\"ctrl+j\" = \"scroll_down\"\n");
        assert!(e.message.contains("invalid key"), "{}", e.message);

        let e = err("[keys.nowhere]\n\"j\" = \"quit\"\n");
        assert!(e.message.contains("valid contexts"), "{}", e.message);

        let e = err("[colors]\naccent = \"teal\"\n");
        assert!(e.message.contains("unknown colour"), "{}", e.message);
        assert_eq!(e.to_string().split(':').take(3).collect::<Vec<_>>(), ["c.toml", "2", "10"]);
    }

    #[test]
    fn user_bindings_replace_and_unbind() {
        let c = Config::from_str_over(
            "[keys.reader]\n\"J\" = \"scroll_down\"\n\"j\" = \"none\"\n",
            "c.toml",
            Some(Config::defaults()),
        )
        .unwrap();
        assert_eq!(c.keymap.get(Context::Reader, Key::ch('J')), Some(Action::ScrollDown));
        assert_eq!(c.keymap.get(Context::Reader, Key::ch('j')), None);
        assert_eq!(c.keymap.get(Context::Reader, Key::plain(KeyCode::Down)), Some(Action::ScrollDown));
    }

    #[test]
    fn missing_default_file_is_fine_but_explicit_missing_is_an_error() {
        let e = Config::load(Some(Path::new("/nonexistent/quoth.toml"))).unwrap_err();
        assert!(e.to_string().starts_with("/nonexistent/quoth.toml"), "{e}");
    }
}
