//! Questions to the library index: full-text search, the speakers of the library with the
//! same person merged across stories, and quotes by speaker and kind.
//!
//! Search words are folded as the reader folds them ([`crate::text::fold`]: case, curly
//! quotes, accents) and passed to FTS5 as quoted terms, so that no user input is read as
//! query syntax; `"a phrase"` stays a phrase and `word*` a prefix.

use super::{Index, IndexError};
use crate::span::Span;
use crate::text::fold;
use rusqlite::params;
use std::collections::HashMap;

/// One story that matches a search.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Hit {
    /// The article's path as the library names it (`file#N` for a feed entry).
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    /// FTS5's bm25 rank: lower is better.
    pub rank: f64,
}

/// A query in FTS5 syntax made of the user's words: each word or `"phrase"` a quoted
/// string (so `AND`, `-` or `:` are words, never operators), `*` after a word kept as a prefix.
/// Returns `None` when there is nothing to search for.
///
/// ```
/// use quoth::index::query::fts_query;
/// assert_eq!(fts_query("Tariff plan").as_deref(), Some("\"tariff\" \"plan\""));
/// assert_eq!(fts_query("\"holding measure\" tar*").as_deref(), Some("\"holding measure\" \"tar\"*"));
/// assert_eq!(fts_query("López’s AND").as_deref(), Some("\"lopez's\" \"and\""));
/// assert_eq!(fts_query("  \" ").as_deref(), None);
/// ```
pub fn fts_query(q: &str) -> Option<String> {
    let mut parts = Vec::new();
    for term in terms(q) {
        let quoted = format!("\"{}\"", term.words.replace('"', "\"\""));
        parts.push(if term.prefix { format!("{quoted}*") } else { quoted });
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A search term: folded words (one, or a phrase) and whether it is a prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub words: String,
    pub prefix: bool,
}

/// The terms of a query, folded: `"…"` groups a phrase, a trailing `*` marks a prefix.
pub fn terms(q: &str) -> Vec<Term> {
    let folded = fold(q);
    let mut out = Vec::new();
    let mut rest = folded.as_str();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            let phrase = after.get(..end).unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
            rest = after.get(end + 1..).unwrap_or_default();
            let prefix = rest.starts_with('*');
            if prefix {
                rest = rest.get(1..).unwrap_or_default();
            }
            if !phrase.is_empty() {
                out.push(Term { words: phrase, prefix });
            }
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = rest.get(..end).unwrap_or_default();
        rest = rest.get(end..).unwrap_or_default();
        let (word, prefix) = match word.strip_suffix('*') {
            Some(w) => (w, true),
            None => (word, false),
        };
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if !word.is_empty() {
            out.push(Term { words: word.to_owned(), prefix });
        }
    }
    out
}

/// Where a query's terms are in `text`: every match of each term, in text order. A phrase
/// matches its words with any spacing; a prefix matches the start of a word.
pub fn matches_in(text: &str, terms: &[Term]) -> Vec<Span> {
    let mut out = Vec::new();
    for t in terms {
        for hit in crate::app::search::find_all(text, &t.words) {
            let before = text.get(..hit.start).and_then(|s| s.chars().next_back());
            let after = text.get(hit.end..).and_then(|s| s.chars().next());
            let starts_word = before.is_none_or(|c| !c.is_alphanumeric());
            let ends_word = t.prefix || after.is_none_or(|c| !c.is_alphanumeric());
            if starts_word && ends_word {
                // A prefix's match runs to the end of its word ("har*" marks "harbour").
                let mut end = hit.end;
                if t.prefix {
                    end += text
                        .get(end..)
                        .unwrap_or_default()
                        .chars()
                        .take_while(|c| c.is_alphanumeric())
                        .map(char::len_utf8)
                        .sum::<usize>();
                }
                out.push(Span::new(hit.start, end));
            }
        }
    }
    out.sort_by_key(|s| (s.start, s.end));
    out.dedup();
    out
}

/// A line of context around the first match in `text`: about `width` chars, whitespace
/// collapsed, with the matches inside it as spans of the returned line.
pub fn snippet(text: &str, terms: &[Term], width: usize) -> (String, Vec<Span>) {
    let hits = matches_in(text, terms);
    let Some(first) = hits.first().copied() else {
        let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        return (crate::text::truncate_width(&line, width), Vec::new());
    };
    // Start a third of the width before the match, at a word start.
    let lead = width / 3;
    let mut start = first.start;
    for (taken, (i, c)) in text.get(..first.start).unwrap_or_default().char_indices().rev().enumerate() {
        if taken >= lead || c == '\n' && text.get(i..).is_some_and(|s| s.starts_with("\n\n")) {
            break;
        }
        start = i;
    }
    while start < first.start && text.get(start..).and_then(|s| s.chars().next()).is_some_and(char::is_alphanumeric) {
        let Some(c) = text.get(start..).and_then(|s| s.chars().next()) else { break };
        start += c.len_utf8();
    }
    let mut line = String::new();
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut last_space = false;
    let mut count = 0;
    if start > 0 {
        line.push('…');
    }
    for (i, c) in text.get(start..).unwrap_or_default().char_indices() {
        let at = start + i;
        if open.is_none() && hits.iter().any(|h| h.start == at) {
            open = Some(line.len());
        }
        if c.is_whitespace() {
            if !last_space {
                line.push(' ');
                count += 1;
            }
            last_space = true;
        } else {
            line.push(c);
            last_space = false;
            count += 1;
        }
        if let Some(o) = open
            && hits.iter().any(|h| h.end == at + c.len_utf8())
        {
            spans.push(Span::new(o, line.len()));
            open = None;
        }
        if count >= width && open.is_none() {
            if at + c.len_utf8() < text.len() {
                line.push('…');
            }
            break;
        }
    }
    (line, spans)
}

impl Index {
    /// Stories matching `query`, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, IndexError> {
        let Some(q) = fts_query(query) else { return Ok(Vec::new()) };
        let run = || -> rusqlite::Result<Vec<Hit>> {
            let mut st = self.conn().prepare_cached(
                "SELECT file.path, article.entry, article.title, article.date, article.source, m.rank
                 FROM (SELECT rowid, rank FROM body WHERE body MATCH ?1 ORDER BY rank LIMIT ?2) AS m
                 JOIN article ON article.id = m.rowid JOIN file ON file.id = article.file
                 ORDER BY m.rank",
            )?;
            let rows = st.query_map(params![q, i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
                Ok(Hit {
                    path: entry_path(r.get(0)?, r.get(1)?),
                    title: r.get(2)?,
                    date: r.get(3)?,
                    source: r.get(4)?,
                    rank: r.get(5)?,
                })
            })?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// Every speaker of the library, the same person merged across stories: one entry per
    /// folded full name (a person, or an organisation); a speaker known only by one name
    /// ("López") joins the one full name of the library that ends with it, and stays apart
    /// when there is none or several. A role without a name ("a police spokeswoman") is one
    /// entry per story: two stories' spokeswomen are not one person. Most quotes first.
    pub fn speakers(&self) -> Result<Vec<SpeakerEntry>, IndexError> {
        let run = || -> rusqlite::Result<Vec<SpeakerEntry>> {
            let mut st = self.conn().prepare_cached(
                "SELECT quote.speaker_key, quote.speaker_kind, quote.speaker, quote.article, article.date
                 FROM quote JOIN article ON article.id = quote.article WHERE quote.speaker_key IS NOT NULL",
            )?;
            let rows = st.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?;
            let mut quotes = Vec::new();
            for row in rows {
                quotes.push(row?);
            }
            Ok(merge_speakers(&quotes))
        };
        run().map_err(|e| self.err(e))
    }

    /// Quotes matching `filter`, newest story first, then in text order.
    pub fn quotes(&self, filter: &QuoteFilter) -> Result<Vec<QuoteRow>, IndexError> {
        let keys: Option<Vec<String>> = match &filter.speaker {
            Some(name) => Some(self.speaker_keys(name)?),
            None => None,
        };
        let run = || -> rusqlite::Result<Vec<QuoteRow>> {
            let mut st = self.conn().prepare_cached(
                "SELECT file.path, article.entry, article.title, article.date, quote.speaker, quote.speaker_key,
                        quote.kind, quote.paragraph, quote.start, quote.end, quote.text, quote.article
                 FROM quote JOIN article ON article.id = quote.article JOIN file ON file.id = article.file
                 WHERE (?1 IS NULL OR quote.kind = ?1)
                 ORDER BY article.date IS NULL, article.date DESC, file.path, article.entry, quote.start",
            )?;
            let rows = st.query_map(params![filter.kind], |r| {
                Ok((
                    QuoteRow {
                        path: entry_path(r.get(0)?, r.get(1)?),
                        title: r.get(2)?,
                        date: r.get(3)?,
                        speaker: r.get(4)?,
                        kind: r.get(6)?,
                        paragraph: r.get::<_, i64>(7)?.try_into().unwrap_or(0),
                        start: r.get::<_, i64>(8)?.try_into().unwrap_or(0),
                        end: r.get::<_, i64>(9)?.try_into().unwrap_or(0),
                        text: r.get(10)?,
                    },
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, i64>(11)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (q, key, article) = row?;
                let wanted = match (&keys, key) {
                    (None, _) => true,
                    (Some(keys), Some(k)) => keys.contains(&k) || keys.contains(&role_key(&k, article)),
                    (Some(_), None) => false,
                };
                if wanted {
                    out.push(q);
                }
            }
            Ok(out)
        };
        run().map_err(|e| self.err(e))
    }

    /// The stored speaker keys of the library entries whose name matches `name` (folded):
    /// the entry of that exact name if there is one, else every entry whose name holds it.
    fn speaker_keys(&self, name: &str) -> Result<Vec<String>, IndexError> {
        let want = fold(name.trim());
        let entries = self.speakers()?;
        let exact: Vec<&SpeakerEntry> = entries.iter().filter(|e| fold(&e.name) == want).collect();
        let chosen: Vec<&SpeakerEntry> =
            if exact.is_empty() { entries.iter().filter(|e| fold(&e.name).contains(&want)).collect() } else { exact };
        Ok(chosen.into_iter().flat_map(|e| e.keys.iter().cloned()).collect())
    }
}

/// A quote as the library lists it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct QuoteRow {
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub kind: String,
    /// The paragraph, from 1, as the reader counts them.
    pub paragraph: usize,
    /// Byte offsets into the article's text.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Which quotes to list.
#[derive(Clone, Debug, Default)]
pub struct QuoteFilter {
    /// A speaker's name (folded match: the entry of that name, else entries that hold it).
    pub speaker: Option<String>,
    /// `direct`, `mixed` or `indirect`.
    pub kind: Option<String>,
}

/// One speaker of the library.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SpeakerEntry {
    /// The fullest name seen.
    pub name: String,
    /// `person`, `organisation` or `role`.
    pub kind: String,
    pub quotes: usize,
    pub stories: usize,
    pub latest: Option<String>,
    /// The stored keys merged into this entry (a role's carries its story).
    #[serde(skip)]
    pub keys: Vec<String>,
}

/// A role's key made per story.
fn role_key(key: &str, article: i64) -> String {
    format!("{key}\u{1f}{article}")
}

/// Groups quote rows (key, kind, name, article, date) into speaker entries.
fn merge_speakers(rows: &[(String, String, String, i64, Option<String>)]) -> Vec<SpeakerEntry> {
    struct Acc {
        name: String,
        kind: String,
        quotes: usize,
        stories: std::collections::BTreeSet<i64>,
        latest: Option<String>,
        keys: Vec<String>,
    }
    let mut groups: HashMap<String, Acc> = HashMap::new();
    for (key, kind, name, article, date) in rows {
        let key = if kind == "role" { role_key(key, *article) } else { key.clone() };
        let acc = groups.entry(key.clone()).or_insert_with(|| Acc {
            name: name.clone(),
            kind: kind.clone(),
            quotes: 0,
            stories: std::collections::BTreeSet::new(),
            latest: None,
            keys: vec![key],
        });
        acc.quotes += 1;
        acc.stories.insert(*article);
        if name.chars().count() > acc.name.chars().count() {
            acc.name.clone_from(name);
        }
        if date.is_some() && *date > acc.latest {
            acc.latest.clone_from(date);
        }
    }
    // A one-word person joins the one full name that ends with it.
    let singles: Vec<String> =
        groups.iter().filter(|(k, a)| a.kind == "person" && !k.contains(' ')).map(|(k, _)| k.clone()).collect();
    for single in singles {
        let suffix = format!(" {single}");
        let mut fulls = groups.iter().filter(|(k, a)| a.kind == "person" && k.ends_with(&suffix)).map(|(k, _)| k);
        let (Some(full), None) = (fulls.next().cloned(), fulls.next()) else { continue };
        let Some(acc) = groups.remove(&single) else { continue };
        if let Some(into) = groups.get_mut(&full) {
            into.quotes += acc.quotes;
            into.stories.extend(acc.stories);
            if acc.latest > into.latest {
                into.latest = acc.latest;
            }
            into.keys.extend(acc.keys);
        }
    }
    let mut out: Vec<SpeakerEntry> = groups
        .into_values()
        .map(|a| SpeakerEntry {
            name: a.name,
            kind: a.kind,
            quotes: a.quotes,
            stories: a.stories.len(),
            latest: a.latest,
            keys: a.keys,
        })
        .collect();
    out.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| fold(&a.name).cmp(&fold(&b.name))));
    out
}

/// The library's name for an article: the file, or `file#N` for a feed's entry N.
fn entry_path(path: String, entry: Option<i64>) -> String {
    match entry {
        Some(n) => format!("{path}#{n}"),
        None => path,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::library::LoadOptions;
    use std::fs;

    fn library(stories: &[(&str, &str)]) -> (tempfile::TempDir, Index) {
        let d = tempfile::tempdir().unwrap();
        for (name, text) in stories {
            fs::write(d.path().join(name), text).unwrap();
        }
        let mut ix = Index::in_memory().unwrap();
        ix.sync(&[d.path().to_path_buf()], &LoadOptions::default(), |_| {}).unwrap();
        (d, ix)
    }

    const A: &str = "---\ntitle: Harbour plan approved\ndate: 2026-03-02\n---\n\n\
        \u{201c}We waited ten years for this,\u{201d} said Mayor Inés López.\n\n\
        The council called the plan a holding measure. \u{201c}The ferry comes first,\u{201d} López said.";
    const B: &str = "---\ntitle: Ferry fares\ndate: 2026-04-10\n---\n\n\
        \u{201c}Fares stay as they are,\u{201d} said Ines Lopez.\n\n\
        \u{201c}We will see,\u{201d} said Carl López, her father, who ran the harbour before her.\n\n\
        \u{201c}No comment,\u{201d} a police spokeswoman said.";
    const C: &str = "---\ntitle: Tolls\ndate: 2026-01-05\n---\n\n\
        \u{201c}Nobody likes a toll,\u{201d} a police spokeswoman said.";

    #[test]
    fn search_ranks_stories_and_folds_words() {
        let (_d, ix) = library(&[("a.md", A), ("b.md", B), ("c.md", C)]);
        let titles = |q: &str| ix.search(q, 10).unwrap().into_iter().map(|h| h.title).collect::<Vec<_>>();
        for q in ["lopez", "LÓPEZ", "López"] {
            let mut got = titles(q);
            got.sort();
            assert_eq!(got, ["Ferry fares", "Harbour plan approved"], "{q}");
        }
        assert_eq!(titles("\"holding measure\""), ["Harbour plan approved"]);
        assert!(titles("\"measure holding\"").is_empty(), "a phrase keeps its order");
        assert_eq!(titles("har*").len(), 2, "prefix: harbour in A and B");
        assert_eq!(titles("toll"), ["Tolls"]);
        assert!(titles("AND").is_empty() && titles("\"").is_empty() && titles("a:b -c").is_empty(), "no syntax errors");
    }

    #[test]
    fn speakers_merge_one_person_across_stories_but_not_namesakes_or_roles() {
        let (_d, ix) = library(&[("a.md", A), ("b.md", B), ("c.md", C)]);
        let sp = ix.speakers().unwrap();
        let find = |n: &str| sp.iter().filter(|e| fold(&e.name) == fold(n)).collect::<Vec<_>>();
        let ines = find("Inés López");
        assert_eq!(ines.len(), 1, "{sp:#?}");
        assert_eq!((ines[0].quotes, ines[0].stories), (3, 2));
        assert_eq!(ines[0].latest.as_deref(), Some("2026-04-10"));
        let carl = find("Carl López");
        assert_eq!((carl.len(), carl.first().map(|c| c.quotes)), (1, Some(1)), "the father stays apart");
        let roles = sp.iter().filter(|e| e.kind == "role").count();
        assert_eq!(roles, 2, "one spokeswoman per story: {sp:#?}");
    }

    #[test]
    fn quotes_by_speaker_and_kind_newest_first() {
        let (_d, ix) = library(&[("a.md", A), ("b.md", B), ("c.md", C)]);
        let q = ix.quotes(&QuoteFilter { speaker: Some("ines lopez".into()), kind: None }).unwrap();
        let texts: Vec<&str> = q.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["Fares stay as they are,", "We waited ten years for this,", "The ferry comes first,"]);
        assert_eq!(q[0].title, "Ferry fares");
        // Counted as the reader counts: the headline, the byline (the date), then the text.
        assert_eq!(q[2].paragraph, 4);
        let by_surname = ix.quotes(&QuoteFilter { speaker: Some("López".into()), kind: None }).unwrap();
        assert_eq!(by_surname.len(), 4, "every entry holding the name: Inés and Carl");
        let all = ix.quotes(&QuoteFilter { speaker: None, kind: Some("direct".into()) }).unwrap();
        assert_eq!(all.len(), 6);
        assert!(ix.quotes(&QuoteFilter { speaker: None, kind: Some("indirect".into()) }).unwrap().is_empty());
    }

    #[test]
    fn terms_and_snippets() {
        let t = terms("Ferry \"comes first\" har*");
        assert_eq!(t.len(), 3);
        let text = "Intro.\n\nThe council met. \u{201c}The ferry comes first,\u{201d} López said of the harbour.";
        let hits: Vec<&str> = matches_in(text, &t).iter().map(|s| s.slice(text)).collect();
        assert_eq!(hits, ["ferry", "comes first", "harbour"]);
        let (line, spans) = snippet(text, &t, 40);
        let marked: Vec<&str> = spans.iter().map(|s| s.slice(&line)).collect();
        assert!(line.contains("ferry comes first"), "{line}");
        assert_eq!(marked.first().copied(), Some("ferry"));
        assert!(!line.contains('\n'));
        assert!(matches_in("ferryman", &terms("ferry")).is_empty(), "whole words unless a prefix");
    }
}
