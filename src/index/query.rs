//! Questions to the library index: full-text search, the speakers of the library with the
//! same person merged across stories, and quotes by speaker and kind.
//!
//! Search words are folded as the reader folds them ([`crate::text::fold`]: case, curly
//! quotes, accents) and passed to FTS5 as quoted terms, so that no user input is read as
//! query syntax; `"a phrase"` stays a phrase and `word*` a prefix.

use super::{Index, IndexError};
use crate::library::{LoadOptions, Origin};
use crate::span::Span;
use crate::text::fold;
use rusqlite::params;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Rows of `file` inside the scope [`Index::set_scope`] set (all rows when none was set).
pub(super) const IN_SCOPE: &str = "(NOT EXISTS (SELECT 1 FROM temp.scope) OR EXISTS (SELECT 1 FROM temp.scope AS s
    WHERE file.path = s.path OR substr(file.path, 1, length(s.path) + 1) = s.path || '/'))";

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
        self.search_page(query, 0, limit)
    }

    /// How many stories match `query` in all (what [`Index::search`] pages through).
    pub fn count_matches(&self, query: &str) -> Result<usize, IndexError> {
        let Some(q) = fts_query(query) else { return Ok(0) };
        let run = || -> rusqlite::Result<i64> {
            let mut st = self.conn().prepare_cached(&format!(
                "SELECT count(*) FROM body JOIN article ON article.id = body.rowid JOIN file ON file.id = article.file
                     WHERE body MATCH ?1 AND {IN_SCOPE}"
            ))?;
            st.query_row(params![q], |r| r.get(0))
        };
        run().map(|n| usize::try_from(n).unwrap_or(0)).map_err(|e| self.err(e))
    }

    /// [`Index::search`] from the `offset`-th best story on: the next page of results.
    pub fn search_page(&self, query: &str, offset: usize, limit: usize) -> Result<Vec<Hit>, IndexError> {
        let Some(q) = fts_query(query) else { return Ok(Vec::new()) };
        let run = || -> rusqlite::Result<Vec<Hit>> {
            let mut st = self.conn().prepare_cached(&format!(
                "SELECT file.path, article.entry, article.title, article.date, article.source, bm25(body) AS score
                     FROM body JOIN article ON article.id = body.rowid JOIN file ON file.id = article.file
                     WHERE body MATCH ?1 AND {IN_SCOPE} ORDER BY score, file.path, article.entry LIMIT ?2 OFFSET ?3"
            ))?;
            let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
            let rows = st.query_map(params![q, n(limit), n(offset)], |r| {
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
            let mut st = self.conn().prepare_cached(&format!(
                "SELECT speaker.id, speaker.key, speaker.kind, speaker.name, quote.article, count(*), article.date
                     FROM quote JOIN speaker ON speaker.id = quote.speaker JOIN article ON article.id = quote.article
                     JOIN file ON file.id = article.file WHERE {IN_SCOPE}
                     GROUP BY quote.speaker, quote.article"
            ))?;
            let rows = st.query_map([], |r| {
                Ok(SpeakerRow {
                    id: r.get(0)?,
                    key: r.get(1)?,
                    kind: r.get(2)?,
                    name: r.get(3)?,
                    article: r.get(4)?,
                    quotes: r.get::<_, i64>(5)?.try_into().unwrap_or(0),
                    date: r.get(6)?,
                })
            })?;
            let mut list = Vec::new();
            for row in rows {
                list.push(row?);
            }
            Ok(merge_speakers(list))
        };
        run().map_err(|e| self.err(e))
    }

    /// Quotes matching `filter`, newest story first, then in text order. Their words are
    /// read from the stories (each once), with `load`; a story that can no longer be read, or
    /// that changed since it was indexed, gives its quotes with no text.
    pub fn quotes(&self, filter: &QuoteFilter, load: &LoadOptions) -> Result<Vec<QuoteRow>, IndexError> {
        let kind = filter.kind.as_deref().and_then(kind_code);
        if filter.kind.is_some() && kind.is_none() {
            return Ok(Vec::new());
        }
        // Which (speaker, story) pairs: `None` for a role, whose entry is one story's.
        let wanted: Option<Vec<(i64, Option<i64>)>> = match &filter.speaker {
            Some(name) => Some(self.speaker_ids(name)?),
            None => None,
        };
        type Listed = (QuoteRow, Option<i64>, Option<String>);
        let run = || -> rusqlite::Result<Vec<Listed>> {
            let sql = "SELECT file.path, article.entry, article.title, article.date, speaker.name,
                              quote.kind, quote.paragraph, quote.start, quote.end, quote.segments, quote.article
                       FROM quote JOIN article ON article.id = quote.article JOIN file ON file.id = article.file
                       LEFT JOIN speaker ON speaker.id = quote.speaker
                       WHERE (?1 IS NULL OR quote.kind = ?1)";
            // One speaker's quotes through the speaker index: with `?2 IS NULL OR …` the
            // planner would scan every quote of the library once per speaker row.
            let by_speaker = if wanted.is_some() { " AND quote.speaker = ?2" } else { " AND ?2 IS NULL" };
            let mut st = self.conn().prepare_cached(&format!("{sql}{by_speaker} AND {IN_SCOPE}"))?;
            let mut out: Vec<Listed> = Vec::new();
            let mut collect = |speaker: Option<i64>, story: Option<i64>| -> rusqlite::Result<()> {
                let rows = st.query_map(params![kind, speaker], |r| {
                    Ok((
                        QuoteRow {
                            path: entry_path(r.get(0)?, r.get(1)?),
                            title: r.get(2)?,
                            date: r.get(3)?,
                            speaker: r.get(4)?,
                            kind: kind_name(r.get(5)?).to_owned(),
                            paragraph: r.get::<_, i64>(6)?.try_into().unwrap_or(0),
                            start: r.get::<_, i64>(7)?.try_into().unwrap_or(0),
                            end: r.get::<_, i64>(8)?.try_into().unwrap_or(0),
                            text: String::new(),
                        },
                        r.get::<_, Option<i64>>(1)?,
                        r.get::<_, i64>(10)?,
                        r.get::<_, Option<String>>(9)?,
                    ))
                })?;
                for row in rows {
                    let (q, entry, article, segments) = row?;
                    if story.is_none_or(|s| s == article) {
                        out.push((q, entry, segments));
                    }
                }
                Ok(())
            };
            match &wanted {
                None => collect(None, None)?,
                Some(ids) => {
                    for &(id, story) in ids {
                        collect(Some(id), story)?;
                    }
                }
            }
            // Newest story first (undated last), then by story and place in it.
            out.sort_by(|(a, ae, _), (b, be, _)| {
                b.date
                    .is_some()
                    .cmp(&a.date.is_some())
                    .then_with(|| b.date.cmp(&a.date))
                    .then_with(|| a.path.cmp(&b.path))
                    .then_with(|| ae.cmp(be))
                    .then_with(|| a.start.cmp(&b.start))
            });
            Ok(out)
        };
        let rows = run().map_err(|e| self.err(e))?;
        Ok(with_text(rows, load))
    }

    /// The speaker rows whose name matches `name` (folded), as [`Index::speakers`] merges
    /// them, read from the (small) speaker table rather than from every quote: the speakers
    /// of that exact name if there are any, else every speaker whose name holds it; with a
    /// full name, the lone surname that [`Index::speakers`] would merge into it. `None`: all
    /// stories of that speaker.
    fn speaker_ids(&self, name: &str) -> Result<Vec<(i64, Option<i64>)>, IndexError> {
        let want = fold(name.trim());
        let run = || -> rusqlite::Result<Vec<(i64, String, i64)>> {
            let mut st = self.conn().prepare_cached("SELECT id, key, kind FROM speaker")?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect()
        };
        let all = run().map_err(|e| self.err(e))?;
        let exact: Vec<&(i64, String, i64)> = all.iter().filter(|(_, k, _)| *k == want).collect();
        let mut chosen: Vec<&(i64, String, i64)> =
            if exact.is_empty() { all.iter().filter(|(_, k, _)| k.contains(&want)).collect() } else { exact };
        // A full name takes the lone surname when it is the only full name ending with it.
        let persons: Vec<&(i64, String, i64)> = all.iter().filter(|(_, _, kind)| *kind == 0).collect();
        let mut surnames = Vec::new();
        for (_, key, kind) in &chosen {
            let Some((_, last)) = key.rsplit_once(' ') else { continue };
            if *kind != 0 {
                continue;
            }
            let suffix = format!(" {last}");
            let mut fulls: Vec<&str> =
                persons.iter().map(|(_, k, _)| k.as_str()).filter(|k| k.ends_with(&suffix)).collect();
            fulls.sort_unstable();
            fulls.dedup();
            if fulls.len() == 1 {
                surnames.extend(persons.iter().copied().filter(|(_, k, _)| k == last));
            }
        }
        chosen.extend(surnames);
        let mut ids: Vec<(i64, Option<i64>)> = chosen.into_iter().map(|&(id, _, _)| (id, None)).collect();
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }
}

/// Fills in each quote's words from its story, read once per story.
fn with_text(rows: Vec<(QuoteRow, Option<i64>, Option<String>)>, load: &LoadOptions) -> Vec<QuoteRow> {
    // Each story read once, on several threads: reading is most of the time of a listing.
    let mut paths: Vec<&str> = Vec::new();
    let mut which: FxHashMap<&str, usize> = FxHashMap::default();
    let at: Vec<usize> = rows
        .iter()
        .map(|(q, _, _)| {
            *which.entry(q.path.as_str()).or_insert_with(|| {
                paths.push(q.path.as_str());
                paths.len() - 1
            })
        })
        .collect();
    let read = |p: &&str| Origin::from_path(std::path::Path::new(p)).load(load).map(|a| a.text).unwrap_or_default();
    let jobs = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).clamp(1, 8);
    let texts: Vec<String> = if jobs < 2 || paths.len() < 8 {
        paths.iter().map(read).collect()
    } else {
        let per = paths.len().div_ceil(jobs);
        std::thread::scope(|s| {
            let parts: Vec<_> = paths
                .chunks(per)
                .map(|part| (part.len(), s.spawn(move || part.iter().map(read).collect::<Vec<_>>())))
                .collect();
            // A part whose thread failed gives no text (its quotes are listed without words).
            parts.into_iter().flat_map(|(n, h)| h.join().unwrap_or_else(|_| vec![String::new(); n])).collect()
        })
    };
    let mut out = Vec::with_capacity(rows.len());
    for ((mut q, _, segments), n) in rows.into_iter().zip(at) {
        let text = texts.get(n).map_or("", String::as_str);
        let pieces: Vec<Span> = match segments {
            Some(list) => list
                .split(' ')
                .filter_map(|p| p.split_once('-'))
                .filter_map(|(a, b)| Some(Span::new(a.parse().ok()?, b.parse().ok()?)))
                .collect(),
            None => vec![Span::new(q.start, q.end)],
        };
        let words: Vec<&str> = pieces.iter().filter_map(|s| text.get(s.start..s.end)).map(str::trim).collect();
        // All pieces or none: a story that changed since it was indexed gives no text.
        if words.len() == pieces.len() {
            q.text = words.join(" ");
        }
        out.push(q);
    }
    out
}

/// One speaker's quotes in one story, as the speakers query groups them.
struct SpeakerRow {
    id: i64,
    key: String,
    kind: i64,
    name: String,
    article: i64,
    quotes: usize,
    date: Option<String>,
}

/// A quote kind's stored code, from its name.
fn kind_code(name: &str) -> Option<i64> {
    match name {
        "direct" => Some(0),
        "mixed" => Some(1),
        "indirect" => Some(2),
        _ => None,
    }
}

/// A stored quote kind's name.
pub fn kind_name(code: i64) -> &'static str {
    match code {
        1 => "mixed",
        2 => "indirect",
        _ => "direct",
    }
}

/// A stored speaker kind's name.
pub fn speaker_kind_name(code: i64) -> &'static str {
    match code {
        1 => "organisation",
        2 => "role",
        _ => "person",
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
    /// The stored speakers merged into this entry, each with its story for a role (whose
    /// entry is one story's).
    #[serde(skip)]
    pub ids: Vec<(i64, Option<i64>)>,
}

/// Groups the (speaker, story) rows into speaker entries.
fn merge_speakers(rows: Vec<SpeakerRow>) -> Vec<SpeakerEntry> {
    struct Acc {
        name: String,
        kind: i64,
        quotes: usize,
        stories: std::collections::BTreeSet<i64>,
        latest: Option<String>,
        ids: Vec<(i64, Option<i64>)>,
    }
    // Grouped by folded key and kind; a role's group is also its story's.
    let mut groups: HashMap<(String, i64, Option<i64>), Acc> = HashMap::new();
    for r in rows {
        let story = (r.kind == 2).then_some(r.article);
        let acc = groups.entry((r.key, r.kind, story)).or_insert_with(|| Acc {
            name: r.name.clone(),
            kind: r.kind,
            quotes: 0,
            stories: std::collections::BTreeSet::new(),
            latest: None,
            ids: Vec::new(),
        });
        acc.quotes += r.quotes;
        acc.stories.insert(r.article);
        if r.name.chars().count() > acc.name.chars().count() {
            acc.name = r.name;
        }
        if r.date.is_some() && r.date > acc.latest {
            acc.latest = r.date;
        }
        if !acc.ids.contains(&(r.id, story)) {
            acc.ids.push((r.id, story));
        }
    }
    // A one-word person joins the one full name that ends with it.
    let singles: Vec<(String, i64, Option<i64>)> =
        groups.keys().filter(|(k, kind, _)| *kind == 0 && !k.contains(' ')).cloned().collect();
    for single in singles {
        let suffix = format!(" {}", single.0);
        let mut fulls = groups.keys().filter(|(k, kind, _)| *kind == 0 && k.ends_with(&suffix));
        let (Some(full), None) = (fulls.next().cloned(), fulls.next()) else { continue };
        let Some(acc) = groups.remove(&single) else { continue };
        if let Some(into) = groups.get_mut(&full) {
            into.quotes += acc.quotes;
            into.stories.extend(acc.stories);
            if acc.latest > into.latest {
                into.latest = acc.latest;
            }
            into.ids.extend(acc.ids);
        }
    }
    let mut out: Vec<SpeakerEntry> = groups
        .into_values()
        .map(|a| SpeakerEntry {
            name: a.name,
            kind: speaker_kind_name(a.kind).to_owned(),
            quotes: a.quotes,
            stories: a.stories.len(),
            latest: a.latest,
            ids: a.ids,
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
    fn search_pages_go_on_where_the_last_stopped_and_the_count_is_of_all() {
        let stories: Vec<(String, String)> = (0..7)
            .map(|i| (format!("s{i}.md"), format!("---\ntitle: Story {i}\n---\n\nThe harbour ferry, story {i}.")))
            .collect();
        let refs: Vec<(&str, &str)> = stories.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        let (_d, ix) = library(&refs);
        assert_eq!(ix.count_matches("ferry").unwrap(), 7);
        assert_eq!(ix.count_matches("tram").unwrap(), 0);
        assert_eq!(ix.count_matches("AND").unwrap(), 0);
        let mut paged = Vec::new();
        for offset in [0, 3, 6] {
            paged.extend(ix.search_page("ferry", offset, 3).unwrap().into_iter().map(|h| h.path));
        }
        let whole: Vec<String> = ix.search("ferry", 10).unwrap().into_iter().map(|h| h.path).collect();
        assert_eq!(paged, whole, "pages in the order of the whole list, none twice");
        assert_eq!(whole.len(), 7);
        assert!(ix.search_page("ferry", 7, 3).unwrap().is_empty());
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
        let q = ix
            .quotes(&QuoteFilter { speaker: Some("ines lopez".into()), kind: None }, &LoadOptions::default())
            .unwrap();
        let texts: Vec<&str> = q.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["Fares stay as they are,", "We waited ten years for this,", "The ferry comes first,"]);
        assert_eq!(q[0].title, "Ferry fares");
        // Counted as the reader counts: the headline, the byline (the date), then the text.
        assert_eq!(q[2].paragraph, 4);
        let by_surname =
            ix.quotes(&QuoteFilter { speaker: Some("López".into()), kind: None }, &LoadOptions::default()).unwrap();
        assert_eq!(by_surname.len(), 4, "every entry holding the name: Inés and Carl");
        let all =
            ix.quotes(&QuoteFilter { speaker: None, kind: Some("direct".into()) }, &LoadOptions::default()).unwrap();
        assert_eq!(all.len(), 6);
        assert!(
            ix.quotes(&QuoteFilter { speaker: None, kind: Some("indirect".into()) }, &LoadOptions::default())
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_lone_surname_joins_the_one_full_name_that_ends_with_it() {
        let x = "Budget\n\n\u{201c}We can pay for it,\u{201d} said Ana Ruiz.";
        let y = "Tolls\n\n\u{201c}Tolls pay for the bridge,\u{201d} Ruiz said.";
        let (_d, ix) = library(&[("x.txt", x), ("y.txt", y)]);
        let sp = ix.speakers().unwrap();
        assert_eq!(sp.len(), 1, "{sp:#?}");
        assert_eq!((sp[0].name.as_str(), sp[0].quotes, sp[0].stories), ("Ana Ruiz", 2, 2));
        let q =
            ix.quotes(&QuoteFilter { speaker: Some("Ana Ruiz".into()), kind: None }, &LoadOptions::default()).unwrap();
        assert_eq!(q.len(), 2, "{q:#?}");
        // With a second Ruiz in the library, the lone surname is nobody's.
        let z = "Vote\n\n\u{201c}No,\u{201d} said Pablo Ruiz.";
        let (_d, ix) = library(&[("x.txt", x), ("y.txt", y), ("z.txt", z)]);
        assert_eq!(ix.speakers().unwrap().len(), 3);
        let q =
            ix.quotes(&QuoteFilter { speaker: Some("Ana Ruiz".into()), kind: None }, &LoadOptions::default()).unwrap();
        assert_eq!(q.len(), 1);
    }

    #[test]
    fn a_quote_in_two_segments_is_listed_whole_and_a_changed_story_gives_no_stale_words() {
        // One quote over two paragraphs: two segments.
        let story = "Vote\n\n\u{201c}We waited ten years.\n\n\u{201c}Now the ferry comes first,\u{201d} said Ana Ruiz.";
        let (d, ix) = library(&[("s.txt", story)]);
        let all = ix.quotes(&QuoteFilter::default(), &LoadOptions::default()).unwrap();
        assert_eq!(
            all.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(),
            ["We waited ten years. Now the ferry comes first,"]
        );
        fs::write(d.path().join("s.txt"), "Vote\n\nShort.").unwrap();
        let all = ix.quotes(&QuoteFilter::default(), &LoadOptions::default()).unwrap();
        assert_eq!(all[0].text, "", "not re-indexed yet: no words rather than the wrong ones");
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
