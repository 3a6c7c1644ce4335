//! quoth: a terminal reader for news stories with a side pane of speakers and quotes.
//!
//! # Map
//!
//! The pipeline, each stage pure and testable without a terminal:
//!
//! 1. [`article`]: bytes → decode → sanitise → parse (plain text, Markdown, JSON, HTML, feeds)
//!    → [`article::Article`] (one text string plus blocks that are [`span::Span`]s into it);
//! 2. [`extract`]: `extract(&Article)` → quotes (each segment with its marked piece), speakers
//!    and the rule behind each attribution;
//! 3. [`app`]: `App::update(Msg) -> Vec<Effect>`: all state and behaviour, no I/O. One module
//!    per screen and concern, each owning its state: `app::library` (the list, filter, sort),
//!    `app::bookmarks` (the list, finding a moved article, bookmarking), `app::reader` (the
//!    viewport, cursor and jumps; `reader::marking` for search, bookmarks and selection),
//!    `app::pane` (the [`app::pane::QuoteView`]: pane rows, styled spans and jump tables built
//!    whole from the extraction and the filter), `app::prompt`, `app::help` (help and footer
//!    hints from the live keymap), `app::mouse`, `app::reading` (the reader's actions and
//!    opening a loaded article); [`app::Mode`] says what takes the keys;
//! 4. [`layout`]: visual lines for a width, wrapped lazily per block;
//! 5. `ui::render(&App)` draws; `term` runs the event loop; [`session`] carries out effects
//!    (loading, background extraction and library scans, the [`store`] of bookmarks and
//!    reading positions) for both the terminal loop and tests.
//!
//! Around it: [`startup`] decides from the arguments and the terminals whether to print or
//! open the reader and on which library; [`library`] reads files, folders (with an index),
//! feeds and newsboat's cache into [`library::Entry`]s; [`config`] reads settings and key
//! bindings; [`output`] is the JSON machine interface (`extract --json`, `show --json`);
//! [`mod@print`] renders an article as text for pipes and pagers; [`bulk`] runs `extract` over
//! many inputs on several threads in input order; [`text`] holds the text rules the
//! extractor, the reader and the outputs share (quote marks, sentence ends, counts).
//!
//! Data flows one way: files → `library`/`article` → `extract` → `app` (state) → `ui`; the
//! command-line paths (`print`, `bulk`, `output`, `store::cli`) take the same `Article` and
//! `Extraction` and never touch the app. `library` does not depend on `session` or `app`.
//!
//! Only `src/ui*`, `src/term*` and `src/main.rs` may use the terminal libraries; CI checks it.

pub mod app;
pub mod article;
pub mod bulk;
pub mod config;
pub mod extract;
pub mod fsio;
pub mod index;
pub mod layout;
pub mod library;
pub mod output;
pub mod print;
pub mod session;
pub mod span;
pub mod startup;
pub mod store;
pub mod term;
pub mod text;
pub mod ui;
