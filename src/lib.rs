//! quoth: a terminal reader for news stories with a side pane of speakers and quotes.
//!
//! The pipeline, each stage pure and testable without a terminal:
//!
//! 1. [`article`]: bytes → decode → sanitise → parse (plain text, Markdown, JSON) →
//!    [`article::Article`] (one text string plus blocks that are [`span::Span`]s into it);
//! 2. [`extract`]: `extract(&Article)` → quotes, speakers and the rule behind each attribution;
//! 3. [`app`]: `App::update(Msg) -> Vec<Effect>` — all state and behaviour, no I/O;
//! 4. [`layout`]: visual lines for a width, wrapped lazily per block;
//! 5. `ui::render(&App)` draws; `term` runs the event loop; [`session`] carries out effects
//!    (loading, background extraction and library scans, the [`store`] of bookmarks and
//!    reading positions) for both the terminal loop and tests.
//!
//! [`library`] reads files and directories (with an index for big libraries), [`config`] reads
//! settings and key bindings, [`output`] is the JSON machine interface (`extract --json`,
//! `show --json`), [`print`] renders an article as text for pipes and pagers, and [`bulk`] runs
//! `extract` over many inputs on several threads in input order. [`text`] holds the text rules
//! the extractor, the reader and the outputs share (quote marks, sentence ends, counts).
//!
//! Data flows one way: files → `library`/`article` → `extract` → `app` (state) → `ui`; the
//! command-line paths (`print`, `bulk`, `output`, `store::cli`) take the same `Article` and
//! `Extraction` and never touch the app.
//!
//! Only `src/ui*`, `src/term*` and `src/main.rs` may use the terminal libraries; CI checks it.

pub mod app;
pub mod article;
pub mod bulk;
pub mod config;
pub mod extract;
pub mod fsio;
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
