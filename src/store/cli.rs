//! `quoth bookmarks …`: list, export, add and remove bookmarks from the command line.
//!
//! A thin shell over [`Store`](super::Store): `main.rs` parses the arguments with clap and calls
//! [`run`]. Changes exit 0 only once they are on disk; every error is one line on stderr starting
//! with `quoth: `, with exit code 1 (clap's usage errors exit 2). `list` and `export` open each
//! bookmarked article at its path to say whether the passage is still there.

use super::export::{self, Checked, Status};
use super::{Bookmark, BookmarkId, Store, StoreError, anchor, article_path};
use crate::article::Article;
use crate::article::sanitize::{BidiPolicy, sanitize};
use crate::library::{LoadError, LoadOptions, SAMPLES, display_path, load_path, load_sample};
use clap::{Args, Subcommand, ValueEnum};
use rustc_hash::FxHashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
        #[arg(long, value_enum, value_name = "FORMAT")]
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

/// Runs a bookmarks command; returns the process exit code (0 only when any change is on disk).
pub fn run(args: &BookmarksArgs, data_dir: Option<PathBuf>) -> ExitCode {
    match execute(args, data_dir) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader such as `head` closed the pipe: nothing to report.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quoth: {e}");
            ExitCode::from(1)
        }
    }
}

fn execute(args: &BookmarksArgs, data_dir: Option<PathBuf>) -> Result<(), CliError> {
    let dir = Store::resolve_dir(data_dir).ok_or(CliError::NoDataDir)?;
    // An add reads nothing but the journal's ends, so it takes as long at any number of bookmarks.
    let mut store = if matches!(args.command, BookmarksCommand::Add { .. }) {
        Store::open_for_adding(&dir)
    } else {
        Store::open(&dir)
    };
    match &args.command {
        BookmarksCommand::List { json } => {
            let text = render(&store, |list| {
                if *json {
                    export::json(list) + "\n"
                } else {
                    list.iter().map(|c| export::list_line(c) + "\n").collect()
                }
            })?;
            print(&text)
        }
        BookmarksCommand::Export { format } => {
            let text = render(&store, |list| match format {
                ExportFormat::Md => export::markdown(list),
                ExportFormat::Json => export::json(list) + "\n",
            })?;
            print(&text)
        }
        BookmarksCommand::Add { file, paragraph, note } => {
            let article = load(file)?;
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
fn render(store: &Store, f: impl FnOnce(&[Checked]) -> String) -> Result<String, CliError> {
    if let Some(reason) = store.bookmarks_read_only_reason() {
        return Err(StoreError::ReadOnly(reason.to_owned()).into());
    }
    let mut articles: FxHashMap<&Path, Option<Article>> = FxHashMap::default();
    for b in store.bookmarks() {
        articles.entry(b.path.as_path()).or_insert_with(|| load(&b.path).ok());
    }
    let checked: Vec<Checked> = store
        .bookmarks()
        .iter()
        .map(|b| {
            let article = articles.get(b.path.as_path()).and_then(Option::as_ref);
            let found = article.map(|a| (anchor(b, a), a));
            Checked {
                bookmark: b,
                status: Status::of(found.map(|(a, _)| a)),
                passage: found.and_then(|(anchor, a)| anchor.span().map(|s| s.slice(&a.text).to_owned())),
            }
        })
        .collect();
    Ok(f(&checked))
}

/// Loads an article file, or a built-in sample named `builtin:NAME`.
fn load(path: &Path) -> Result<Article, CliError> {
    let opts = LoadOptions::default();
    if let Some(name) = path.to_str().and_then(|p| p.strip_prefix("builtin:")) {
        let sample = SAMPLES
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| CliError::NoSample(crate::article::sanitize::clean_line(name)))?;
        return load_sample(sample, &opts)
            .map_err(|source| CliError::Load(LoadError::Parse { path: display_path(path), source }));
    }
    Ok(load_path(path, &opts)?)
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
