//! Library entries: what the library list shows of each story, and how a file becomes its
//! entries (one per article, one per feed item, or one with the reason it failed).

use super::{LoadError, LoadOptions, Origin, STDIN_NAME, display_path};
use crate::article::Article;
use crate::article::sanitize::clean_line;
use std::path::Path;

/// One article of the library, as the library view shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub origin: Origin,
    pub title: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub quotes: usize,
    /// Speaker names (for filtering the library by speaker).
    pub speakers: Vec<String>,
    pub fingerprint: Option<crate::article::Fingerprint>,
    pub text_len: usize,
    pub state: EntryState,
}

/// Where an entry stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryState {
    /// Listed before it was read (a file named on the command line, a bookmark's article):
    /// its title is the file's name until it opens.
    Unread,
    /// Read: title, source and counts come from the article.
    Read,
    /// Could not be read, and why (one clean line).
    Failed(String),
}

impl Entry {
    /// An entry for a loaded article and its extraction.
    pub fn new(origin: Origin, article: &Article, ex: &crate::extract::Extraction) -> Entry {
        let listed = ex.quotes.iter().filter(|q| q.parent.is_none() && q.kind.is_quoted());
        Entry {
            origin,
            title: article.meta.title.clone(),
            source: article.meta.source.clone().or_else(|| article.meta.author.clone()),
            date: article.meta.date.clone(),
            quotes: listed.count(),
            speakers: ex.speakers.iter().map(|s| s.name.clone()).collect(),
            fingerprint: Some(article.fingerprint()),
            text_len: article.text.len(),
            state: EntryState::Read,
        }
    }

    /// An entry for a file that could not be read: still listed, with the reason.
    pub fn failed(origin: Origin, error: &str) -> Entry {
        Entry { state: EntryState::Failed(clean_line(error)), ..Entry::unread(origin) }
    }

    /// An entry not read yet, named after its file.
    pub fn unread(origin: Origin) -> Entry {
        let title = match &origin {
            Origin::File(p) => p.file_name().map_or_else(|| display_path(p), |n| clean_line(&n.to_string_lossy())),
            Origin::Item(p, n) => {
                let name = p.file_name().map_or_else(|| display_path(p), |n| clean_line(&n.to_string_lossy()));
                format!("{name} #{n}")
            }
            Origin::Newsboat(_, id) => format!("newsboat item {id}"),
            Origin::Builtin(_) => "built-in article".into(),
            Origin::Stdin => STDIN_NAME.into(),
        };
        Entry {
            origin,
            title,
            source: None,
            date: None,
            quotes: 0,
            speakers: Vec::new(),
            fingerprint: None,
            text_len: 0,
            state: EntryState::Unread,
        }
    }

    /// Why the article could not be read, if it could not.
    pub fn error(&self) -> Option<&str> {
        match &self.state {
            EntryState::Failed(why) => Some(why),
            _ => None,
        }
    }

    /// Not known to be unreadable (read, or not tried yet).
    pub fn is_readable(&self) -> bool {
        !matches!(self.state, EntryState::Failed(_))
    }
}

/// The library entries of a file: one for an article, one per entry for a feed (each with its
/// metadata and counts), or one with the error.
pub fn entries_for(path: &Path, load: &LoadOptions) -> Vec<Entry> {
    entries_or_skip(path, load).unwrap_or_else(|e| vec![Entry::failed(Origin::File(path.to_path_buf()), &e.reason())])
}

/// The entries of a file found in a scanned directory: none when it is binary or holds no
/// text ([`is_not_an_article`](super::is_not_an_article)), an error entry when it is
/// broken in another way.
pub fn scanned_entries(path: &Path, load: &LoadOptions) -> Vec<Entry> {
    match entries_or_skip(path, load) {
        Ok(entries) => entries,
        Err(e) if super::is_not_an_article(&e) => Vec::new(),
        Err(e) => vec![Entry::failed(Origin::File(path.to_path_buf()), &e.reason())],
    }
}

fn entries_or_skip(path: &Path, load: &LoadOptions) -> Result<Vec<Entry>, LoadError> {
    super::load_file(path, load).map(|items| {
        items
            .into_iter()
            .map(|(origin, article)| {
                let ex = crate::extract::extract(&article);
                Entry::new(origin, &article, &ex)
            })
            .collect()
    })
}

/// The library entry for a file that is one article (tests and benchmarks; a feed gives an
/// error entry here: [`entries_for`] lists its entries).
pub fn entry_for(path: &Path, load: &LoadOptions) -> Entry {
    let origin = Origin::File(path.to_path_buf());
    match super::load_path(path, load) {
        Ok(article) => {
            let ex = crate::extract::extract(&article);
            Entry::new(origin, &article, &ex)
        }
        Err(e) => Entry::failed(origin, &e.reason()),
    }
}
