//! Finding a bookmark's article when it is no longer where it was: the one rule that the reader's
//! bookmark list, its `enter` and `quoth bookmarks list/export` all follow.
//!
//! In order, the first that holds wins:
//!
//! 1. the file at the stored path, whatever it now says (unchanged, or edited in place: anchored
//!    or lost; a copy of the old text elsewhere does not take a bookmark from its own file);
//! 2. another file with the same fingerprint (moved, not edited);
//! 3. another file with the same file name or the same title in which the passage is found again
//!    (moved and edited). A file that merely shares a name but not the passage is not taken.
//!
//! Pure apart from the loader it is given, so each caller decides where candidates come from (the
//! library's entries, an index scan) and how loaded articles are cached.

use super::{Anchor, Bookmark, anchor};
use crate::article::{Article, Fingerprint};
use std::ops::Deref;
use std::path::{Path, PathBuf};

/// A file that may hold a bookmark's article, as the library knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    pub fingerprint: Option<Fingerprint>,
    pub title: String,
}

/// Where a bookmark's article was found, and the passage in it.
#[derive(Debug)]
pub struct Located<A> {
    pub path: PathBuf,
    pub article: A,
    pub anchor: Anchor,
}

impl<A> Located<A> {
    /// True when the article is no longer at the bookmark's path.
    pub fn moved(&self, b: &Bookmark) -> bool {
        self.path != b.path
    }
}

/// Finds `b`'s article among the file at its path and `candidates` (see the module's order).
/// `load` returns `None` for a file that cannot be read; it is called at most once per path.
pub fn locate<A: Deref<Target = Article>>(
    b: &Bookmark,
    candidates: &[Candidate],
    mut load: impl FnMut(&Path) -> Option<A>,
) -> Option<Located<A>> {
    let found = |path: &Path, article: A| {
        let anchor = anchor(b, &article);
        Located { path: path.to_path_buf(), article, anchor }
    };
    if let Some(a) = load(&b.path) {
        return Some(found(&b.path, a));
    }
    let others = candidates.iter().filter(|c| c.path != b.path);
    for c in others.clone().filter(|c| c.fingerprint == Some(b.fingerprint)) {
        if let Some(a) = load(&c.path).filter(|a| a.fingerprint() == b.fingerprint) {
            return Some(found(&c.path, a));
        }
    }
    let name = b.path.file_name();
    let title = title_key(&b.title);
    let related = |c: &&Candidate| {
        (name.is_some() && c.path.file_name() == name) || (!title.is_empty() && title_key(&c.title) == title)
    };
    for c in others.filter(related) {
        if let Some(a) = load(&c.path) {
            let l = found(&c.path, a);
            if l.anchor != Anchor::Lost {
                return Some(l);
            }
        }
    }
    None
}

/// A title compared loosely: case and runs of whitespace ignored.
fn title_key(t: &str) -> String {
    t.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::article::Format;
    use crate::span::Span;
    use std::collections::HashMap;
    use std::rc::Rc;

    const TEXT: &str =
        "Harbour Plan\n\nThe council met on Monday.\n\nThe vote on the harbour plan was close, members said.";

    fn article(text: &str) -> Rc<Article> {
        Rc::new(Article::from_str_format(text, Format::Plain).unwrap())
    }

    fn bookmark() -> Bookmark {
        let a = article(TEXT);
        let start = TEXT.find("The vote").unwrap();
        Bookmark::new(
            super::super::BookmarkId("b".into()),
            &a,
            Path::new("/old/plan.txt"),
            Span::new(start, TEXT.len()),
        )
    }

    fn cand(path: &str, text: Option<&str>, title: &str) -> Candidate {
        Candidate {
            path: PathBuf::from(path),
            fingerprint: text.map(|t| article(t).fingerprint()),
            title: title.into(),
        }
    }

    /// Runs `locate` over a fake file system; returns the path found and how many loads ran.
    fn run(files: &[(&str, &str)], cands: &[Candidate]) -> (Option<(PathBuf, Anchor)>, usize) {
        let fs: HashMap<PathBuf, Rc<Article>> = files.iter().map(|(p, t)| (PathBuf::from(p), article(t))).collect();
        let mut loads = 0;
        let got = locate(&bookmark(), cands, |p| {
            loads += 1;
            fs.get(p).cloned()
        });
        (got.map(|l| (l.path, l.anchor)), loads)
    }

    #[test]
    fn unchanged_at_its_path_needs_no_other_file() {
        let (got, loads) = run(&[("/old/plan.txt", TEXT)], &[cand("/lib/x.txt", Some(TEXT), "Harbour Plan")]);
        assert!(matches!(got, Some((p, Anchor::Exact(_))) if p == Path::new("/old/plan.txt")));
        assert_eq!(loads, 1);
    }

    #[test]
    fn a_moved_file_is_found_by_fingerprint_before_a_same_named_one() {
        let edited = TEXT.replace("Monday", "Tuesday");
        let files = [("/lib/a/plan.txt", edited.as_str()), ("/lib/b/renamed.txt", TEXT)];
        let cands =
            [cand("/lib/a/plan.txt", Some(&edited), "Harbour Plan"), cand("/lib/b/renamed.txt", Some(TEXT), "Other")];
        let (got, _) = run(&files, &cands);
        assert!(matches!(got, Some((p, Anchor::Exact(_))) if p == Path::new("/lib/b/renamed.txt")));
    }

    #[test]
    fn a_moved_and_edited_file_is_found_by_name_or_title_when_the_passage_is_in_it() {
        let edited = TEXT.replace("Monday", "Tuesday");
        let by_name = [cand("/lib/plan.txt", Some(&edited), "Something else")];
        let (got, _) = run(&[("/lib/plan.txt", edited.as_str())], &by_name);
        assert!(matches!(got, Some((p, Anchor::Reanchored(_))) if p == Path::new("/lib/plan.txt")));
        let by_title = [cand("/lib/z.txt", Some(&edited), "harbour  PLAN")];
        let (got, _) = run(&[("/lib/z.txt", edited.as_str())], &by_title);
        assert!(matches!(got, Some((p, Anchor::Reanchored(_))) if p == Path::new("/lib/z.txt")));
    }

    #[test]
    fn a_same_named_file_without_the_passage_is_not_taken() {
        let other = "Harbour Plan\n\nA different story about fishing quotas entirely.";
        let (got, _) = run(&[("/lib/plan.txt", other)], &[cand("/lib/plan.txt", Some(other), "Harbour Plan")]);
        assert_eq!(got, None);
        let (got, _) = run(&[], &[cand("/lib/unrelated.txt", None, "Weather")]);
        assert_eq!(got, None);
    }

    #[test]
    fn edited_in_place_stays_at_its_path_even_when_lost() {
        let cut = "Harbour Plan\n\nThe council met on Monday.";
        // Even with a copy of the old text elsewhere.
        let (got, _) =
            run(&[("/old/plan.txt", cut), ("/lib/copy.txt", TEXT)], &[cand("/lib/copy.txt", Some(TEXT), "")]);
        assert!(matches!(got, Some((p, Anchor::Lost)) if p == Path::new("/old/plan.txt")));
    }
}
