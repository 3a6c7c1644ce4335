//! `quoth bookmarks …`: list, export, add and remove bookmarks from the command line.
//!
//! A thin shell over [`Store`]: `main.rs` parses the arguments with clap and calls
//! [`run`]. Changes exit 0 only once they are on disk; every error is one line on stderr starting
//! with `quoth: `, with exit code 1 (clap's usage errors exit 2). `list` and `export` open each
//! bookmarked article to say whether the passage is still there: at its path, or, when it is not
//! there unchanged, moved within the configured library or the folder it was in
//! ([`locate`](super::locate)).

use super::export::{self, Checked, Status};
use super::locate::{Candidate, locate};
use super::{Bookmark, BookmarkId, Store, StoreError, article_path};
use crate::article::Article;
use crate::article::sanitize::{BidiPolicy, sanitize};
use crate::library::{LoadError, LoadOptions, SAMPLES, display_path, load_path, load_sample};
use clap::{Args, Subcommand, ValueEnum};
use rustc_hash::FxHashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

/// `quoth bookmarks` arguments.
#[derive(Debug, Args)]
pub struct BookmarksArgs {
    #[command(subcommand)]
    pub command: BookmarksCommand,
}

#[derive(Debug, Subcommand)]
pub enum BookmarksCommand {
    /// List bookmarks, oldest first: id, date, title, excerpt and note, one per line.
    List {
        /// Print a JSON array instead.
        #[arg(long)]
        json: bool,
    },
    /// Print every bookmark, grouped by article, to standard output.
    Export {
        /// `md`: Markdown with each passage as a block quote; `json`: a JSON array.
        #[arg(long, value_enum, value_name = "FORMAT", default_value = "md")]
        format: ExportFormat,
    },
    /// Bookmark a paragraph of an article file and print the new bookmark's id.
    Add {
        /// The article file (`builtin:NAME` for a built-in sample).
        file: PathBuf,
        /// Which paragraph, counting from 1 (the headline) over the blocks that have text.
        #[arg(long, value_name = "N")]
        paragraph: usize,
        /// A note to keep with the bookmark.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Remove the bookmark with this id (as shown by `list`).
    Remove { id: String },
}

/// `export --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
    Json,
}

/// Why a bookmarks command failed; each message is one line.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("no data directory: set {} or pass --data-dir", super::DATA_DIR_ENV)]
    NoDataDir,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("builtin:{0}: there is no built-in sample by that name")]
    NoSample(String),
    #[error("{path}: paragraph {asked} does not exist (paragraphs are numbered 1 to {count})")]
    Paragraph { path: String, asked: usize, count: usize },
    #[error("standard output: {0}")]
    Output(std::io::Error),
}

/// What a bookmarks command works with besides its arguments (from the command line and config).
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// `--data-dir`, if given.
    pub data_dir: Option<PathBuf>,
    /// The size limit and bidi policy for reading articles.
    pub load: LoadOptions,
    /// Folders searched for moved articles: the configured library.
    pub library: Vec<PathBuf>,
    /// The library index (a cache) that makes that search cheap after the first time.
    pub index: Option<PathBuf>,
}

/// Runs a bookmarks command; returns the process exit code (0 only when any change is on disk).
pub fn run(args: &BookmarksArgs, cx: &Context) -> ExitCode {
    match execute(args, cx) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader such as `head` closed the pipe: nothing to report.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quoth: {e}");
            ExitCode::from(1)
        }
    }
}

fn execute(args: &BookmarksArgs, cx: &Context) -> Result<(), CliError> {
    let dir = Store::resolve_dir(cx.data_dir.clone()).ok_or(CliError::NoDataDir)?;
    // An add reads nothing but the journal's ends, so it takes as long at any number of bookmarks.
    let mut store = if matches!(args.command, BookmarksCommand::Add { .. }) {
        Store::open_for_adding(&dir)
    } else {
        Store::open(&dir)
    };
    match &args.command {
        BookmarksCommand::List { json } => {
            let text = render(&store, cx, |list| {
                if *json {
                    export::json(list) + "\n"
                } else {
                    list.iter().map(|c| export::list_line(c) + "\n").collect()
                }
            })?;
            print(&text)
        }
        BookmarksCommand::Export { format } => {
            let text = render(&store, cx, |list| match format {
                ExportFormat::Md => export::markdown(list),
                ExportFormat::Json => export::json(list) + "\n",
            })?;
            print(&text)
        }
        BookmarksCommand::Add { file, paragraph, note } => {
            let article = load(file, &cx.load)?;
            let span = paragraph_span(&article, *paragraph).ok_or_else(|| CliError::Paragraph {
                path: display_path(file),
                asked: *paragraph,
                count: paragraphs(&article).count(),
            })?;
            let note = note.as_deref().map(|n| sanitize(n, BidiPolicy::Placeholder).0.into_owned());
            let id = store.new_id();
            let b = Bookmark::new(id.clone(), &article, &article_path(file), span).with_note(note);
            store.add_bookmark(b)?;
            print(&format!("{id}\n"))
        }
        BookmarksCommand::Remove { id } => {
            store.remove_bookmark(&BookmarkId(id.clone()))?;
            Ok(())
        }
    }
}

/// Checks every bookmark against its article and renders the list; an unreadable bookmarks
/// file is an error (there is nothing trustworthy to list).
fn render(store: &Store, cx: &Context, f: impl FnOnce(&[Checked]) -> String) -> Result<String, CliError> {
    if let Some(reason) = store.bookmarks_read_only_reason() {
        return Err(StoreError::ReadOnly(reason.to_owned()).into());
    }
    let mut articles: FxHashMap<PathBuf, Option<Rc<Article>>> = FxHashMap::default();
    let mut get =
        |p: &Path| articles.entry(p.to_path_buf()).or_insert_with(|| load(p, &cx.load).ok().map(Rc::new)).clone();
    // Only a bookmark whose article cannot be read at its path makes the library be searched.
    let elsewhere: Vec<&Bookmark> = store.bookmarks().iter().filter(|b| get(&b.path).is_none()).collect();
    let candidates = if elsewhere.is_empty() { Vec::new() } else { candidates(cx, &elsewhere) };
    let checked: Vec<Checked> = store
        .bookmarks()
        .iter()
        .map(|b| {
            let found = locate(b, &candidates, &mut get);
            Checked {
                bookmark: b,
                status: Status::of(found.as_ref().map(|l| l.anchor)),
                passage: found.as_ref().and_then(|l| l.anchor.span().map(|s| s.slice(&l.article.text).to_owned())),
                moved_to: found.filter(|l| l.moved(b)).map(|l| l.path),
            }
        })
        .collect();
    Ok(f(&checked))
}

/// The files a moved article may now be: the configured library's and those of the folders the
/// missing articles were in (read through the library index, so only new files are opened).
fn candidates(cx: &Context, elsewhere: &[&Bookmark]) -> Vec<Candidate> {
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    let mut dirs: Vec<PathBuf> = cx.library.clone();
    for b in elsewhere {
        // The folder it was in, unless that is one too broad to walk (the home folder or a root).
        let Some(parent) = b.path.parent().filter(|p| p.is_dir() && p.parent().is_some()) else {
            continue;
        };
        let broad = home.as_deref() == Some(parent) || home.as_deref().is_some_and(|h| h.starts_with(parent));
        let covered = dirs.iter().any(|d| parent.starts_with(d));
        if !broad && !covered {
            dirs.push(parent.to_path_buf());
        }
    }
    let mut out = Vec::new();
    crate::library::index::scan(&dirs, cx.index.as_deref(), &cx.load, |event| {
        if let crate::library::index::ScanEvent::Entries(entries) = event {
            out.extend(entries.into_iter().filter(crate::library::Entry::is_readable).map(|e| Candidate {
                path: e.origin.path(),
                fingerprint: e.fingerprint,
                title: e.title,
            }));
        }
        true
    });
    out
}

/// Loads an article file, or a built-in sample named `builtin:NAME`.
fn load(path: &Path, opts: &LoadOptions) -> Result<Article, CliError> {
    if let Some(name) = path.to_str().and_then(|p| p.strip_prefix("builtin:")) {
        let sample = SAMPLES
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| CliError::NoSample(crate::article::sanitize::clean_line(name)))?;
        return load_sample(sample, opts)
            .map_err(|source| CliError::Load(LoadError::Parse { path: display_path(path), source }));
    }
    match crate::library::Origin::from_path(path) {
        crate::library::Origin::Item(file, n) => Ok(crate::library::load_item(&file, n, opts)?),
        _ => Ok(load_path(path, opts)?),
    }
}

/// The blocks a reader steps through as paragraphs: those with text, in text order.
fn paragraphs(article: &Article) -> impl Iterator<Item = &crate::article::Block> {
    article.blocks.iter().filter(|b| !b.span.is_empty())
}

/// The span of paragraph `n` (1-based, the headline being 1).
fn paragraph_span(article: &Article, n: usize) -> Option<crate::span::Span> {
    paragraphs(article).nth(n.checked_sub(1)?).map(|b| b.span)
}

fn print(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush()).map_err(CliError::Output)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::article::Format;

    #[track_caller]
    fn check_paragraph(n: usize, want: Option<&str>) {
        let a = Article::from_str_format("Head\n\nFirst one.\n\nSecond one.", Format::Plain).unwrap();
        assert_eq!(paragraph_span(&a, n).map(|s| s.slice(&a.text)), want, "paragraph {n}");
    }

    #[test]
    fn paragraphs_count_from_the_headline() {
        check_paragraph(0, None);
        check_paragraph(1, Some("Head"));
        check_paragraph(2, Some("First one."));
        check_paragraph(3, Some("Second one."));
        check_paragraph(4, None);
    }
}
