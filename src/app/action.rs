//! What a key can do: every behaviour of the reader starts as an [`Action`].
//!
//! Actions are data (a serde enum with `snake_case` names), so key bindings in the config file
//! name them (`"j" = "scroll_down"`) and the help overlay lists them with [`Action::describe`].

use serde::{Deserialize, Serialize};

/// Where a key binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Context {
    /// Everywhere, unless a more specific context binds the key.
    Global,
    Library,
    /// The article text.
    Reader,
    /// The speakers-and-quotes pane when it has focus (falls back to `reader`).
    Pane,
    /// Passage selection after `select` (falls back to nothing: unbound keys are ignored).
    Select,
    Bookmarks,
}

impl Context {
    pub const ALL: [Context; 6] =
        [Context::Global, Context::Library, Context::Reader, Context::Pane, Context::Select, Context::Bookmarks];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Library => "library",
            Context::Reader => "reader",
            Context::Pane => "pane",
            Context::Select => "select",
            Context::Bookmarks => "bookmarks",
        }
    }

    pub fn from_name(s: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == s)
    }
}

macro_rules! actions {
    ($($variant:ident = $name:literal : $doc:literal,)*) => {
        /// Everything a key can be bound to.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $(#[doc = $doc] $variant,)*
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The name used in the config file.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            /// One line for the help overlay.
            pub fn describe(self) -> &'static str {
                match self { $(Action::$variant => $doc,)* }
            }

            pub fn from_name(s: &str) -> Option<Action> {
                match s { $($name => Some(Action::$variant),)* _ => None }
            }
        }
    };
}

actions! {
    Quit = "quit": "Quit quoth",
    Back = "back": "Back: close, leave the pane, or go to the library",
    Help = "help": "Show the keys",
    Redraw = "redraw": "Redraw the screen",
    OpenBookmarks = "open_bookmarks": "List bookmarks of all articles",
    ScrollDown = "scroll_down": "Scroll down a line",
    ScrollUp = "scroll_up": "Scroll up a line",
    PageDown = "page_down": "Scroll down a page",
    PageUp = "page_up": "Scroll up a page",
    HalfPageDown = "half_page_down": "Scroll down half a page",
    HalfPageUp = "half_page_up": "Scroll up half a page",
    Top = "top": "Go to the top",
    Bottom = "bottom": "Go to the bottom",
    NextParagraph = "next_paragraph": "Next paragraph",
    PrevParagraph = "prev_paragraph": "Previous paragraph",
    NextQuote = "next_quote": "Next quote",
    PrevQuote = "prev_quote": "Previous quote",
    NextSpeakerQuote = "next_speaker_quote": "Next quote by the same speaker",
    PrevSpeakerQuote = "prev_speaker_quote": "Previous quote by the same speaker",
    ToggleFocus = "toggle_focus": "Switch focus between the text and the quotes pane",
    TogglePane = "toggle_pane": "Show or hide the quotes pane",
    FilterSpeaker = "filter_speaker": "Show only the selected speaker's quotes (again: all)",
    ToggleIndirect = "toggle_indirect": "Show or hide reported (indirect) speech in the pane",
    ShowWhy = "show_why": "Explain why the selected quote is attributed to its speaker",
    Search = "search": "Search the text (or filter a list)",
    SearchLibrary = "search_library": "Search the text of every story in the library",
    OpenSpeakers = "open_speakers": "List every speaker in the library",
    SpeakerEverywhere = "speaker_everywhere": "The selected speaker's quotes in every story of the library",
    SearchNext = "search_next": "Next search match",
    SearchPrev = "search_prev": "Previous search match",
    WiderText = "wider_text": "Widen the text column",
    NarrowerText = "narrower_text": "Narrow the text column",
    Bookmark = "bookmark": "Bookmark the current paragraph (or the selected quote in the pane)",
    Select = "select": "Select a passage to bookmark",
    EditNote = "edit_note": "Add or edit the note of the bookmark here",
    NextBookmark = "next_bookmark": "Next bookmark in this article",
    PrevBookmark = "prev_bookmark": "Previous bookmark in this article",
    Down = "down": "Move down",
    Up = "up": "Move up",
    Open = "open": "Open / jump to the selected entry",
    Sort = "sort": "Sort by date or by title",
    Delete = "delete": "Delete the selected bookmark",
    Undo = "undo": "Undo the last delete",
    ExtendSentence = "extend_sentence": "Extend the selection by a sentence",
    ShrinkSentence = "shrink_sentence": "Shrink the selection by a sentence",
    ExtendParagraph = "extend_paragraph": "Extend the selection by a paragraph",
    ShrinkParagraph = "shrink_paragraph": "Shrink the selection by a paragraph",
    Confirm = "confirm": "Bookmark the selection",
}

impl Action {
    /// True when a key bound to this action in `ctx` does something there. Global bindings
    /// apply on every screen, so only actions that mean something on all of them belong there;
    /// the pane is looked up before the reader, so the two take the same actions.
    pub fn applies_in(self, ctx: Context) -> bool {
        use Action::{
            Back, Bottom, Confirm, Delete, Down, EditNote, ExtendParagraph, ExtendSentence, Help, Open, OpenBookmarks,
            OpenSpeakers, PageDown, PageUp, Quit, Redraw, Search, SearchLibrary, Select, ShrinkParagraph,
            ShrinkSentence, Sort, Top, Undo, Up,
        };
        let everywhere = matches!(self, Quit | Back | Help | Redraw | OpenBookmarks);
        let lists = matches!(self, Down | Up | Top | Bottom | PageDown | PageUp | Open | Search);
        everywhere
            || match ctx {
                Context::Global => lists,
                Context::Library => lists || matches!(self, Sort | SearchLibrary | OpenSpeakers),
                Context::Bookmarks => lists || matches!(self, Delete | Undo | EditNote),
                Context::Select => {
                    matches!(
                        self,
                        ExtendSentence | ShrinkSentence | ExtendParagraph | ShrinkParagraph | Confirm | Select
                    )
                }
                Context::Reader | Context::Pane => !matches!(
                    self,
                    Sort | SearchLibrary
                        | OpenSpeakers
                        | Delete
                        | Undo
                        | ExtendSentence
                        | ShrinkSentence
                        | ExtendParagraph
                        | ShrinkParagraph
                        | Confirm
                ),
            }
    }

    /// The contexts where this action can be bound (for error messages).
    pub fn contexts(self) -> Vec<Context> {
        Context::ALL.into_iter().filter(|&c| self.applies_in(c)).collect()
    }
}
