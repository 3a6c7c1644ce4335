//! `quoth search` and `quoth quotes`: the library index on the command line, for pipes.
//!
//! Both bring the index up to date with the library first (only changed files are read;
//! progress goes to standard error when it is a terminal), then answer from it.

use super::query::{Hit, QuoteFilter, QuoteRow, snippet, terms};
use super::{Index, Progress};
use crate::library::{LoadOptions, Origin};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What the commands need besides their own arguments.
pub struct Context {
    /// The library: the paths given, else the configured library.
    pub roots: Vec<PathBuf>,
    /// The index file.
    pub index: PathBuf,
    pub load: LoadOptions,
    /// Draw progress on standard error.
    pub progress: bool,
    /// Mark matches with bold (standard output is a terminal and `NO_COLOR` is not set).
    pub color: bool,
}

/// How `quotes` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum QuotesFormat {
    /// One JSON object per quote, one per line.
    Jsonl,
    /// Comma-separated values with a header row (RFC 4180 quoting).
    Csv,
    /// Markdown: a heading per story, a block quote per quote.
    Md,
}

/// Why a command failed (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("no library to search: name files or folders, or set `path` under [library] in the configuration")]
    NoLibrary,
    #[error(transparent)]
    Index(#[from] super::IndexError),
    #[error("writing the output: {0}")]
    Write(#[from] std::io::Error),
}

/// Opens the index and brings it up to date with the library.
pub fn open_synced(cx: &Context) -> Result<Index, CliError> {
    if cx.roots.is_empty() {
        return Err(CliError::NoLibrary);
    }
    let mut ix = Index::open(&cx.index)?;
    let mut err = std::io::stderr();
    let mut drew = false;
    ix.sync(&cx.roots, &cx.load, |p: Progress| {
        if cx.progress && p.total > 0 {
            // Progress is a courtesy: a failed write to the terminal changes nothing.
            let _ = write!(err, "\rindexing {}/{} files", p.done, p.total);
            drew = true;
        }
    })?;
    if drew {
        let _ = writeln!(err);
    }
    Ok(ix)
}

/// One search result as `search --json` prints it.
#[derive(serde::Serialize)]
struct HitOut<'a> {
    #[serde(flatten)]
    hit: &'a Hit,
    /// A line of text around the first match.
    snippet: String,
    /// The matches in `snippet`, as byte offsets.
    snippet_matches: Vec<[usize; 2]>,
    /// Byte offset of the first match in the article's text (none: only the title matched).
    offset: Option<usize>,
}

/// `quoth search QUERY`: stories that match, best first, each with a snippet. Returns
/// whether anything matched.
pub fn search(cx: &Context, query: &str, limit: usize, json: bool, out: &mut impl Write) -> Result<bool, CliError> {
    let ix = open_synced(cx)?;
    let hits = ix.search(query, limit)?;
    let ts = terms(query);
    for hit in &hits {
        let text = Origin::from_path(Path::new(&hit.path)).load(&cx.load).map(|a| a.text).unwrap_or_default();
        let (line, spans) = snippet(&text, &ts, 100);
        let offset = super::query::matches_in(&text, &ts).first().map(|s| s.start);
        if json {
            let o = HitOut {
                hit,
                snippet: line,
                snippet_matches: spans.iter().map(|s| [s.start, s.end]).collect(),
                offset,
            };
            serde_json::to_writer(&mut *out, &o).map_err(std::io::Error::other)?;
            writeln!(out)?;
        } else {
            let date = hit.date.as_deref().map(|d| format!(" · {d}")).unwrap_or_default();
            writeln!(out, "{}{date}  {}", bold(&hit.title, cx.color), hit.path)?;
            let mut shown = String::new();
            let mut at = 0;
            for s in &spans {
                shown.push_str(line.get(at..s.start).unwrap_or_default());
                shown.push_str(&bold(s.slice(&line), cx.color));
                at = s.end;
            }
            shown.push_str(line.get(at..).unwrap_or_default());
            writeln!(out, "    {shown}")?;
        }
    }
    Ok(!hits.is_empty())
}

fn bold(s: &str, color: bool) -> String {
    if color { format!("\x1b[1m{s}\x1b[0m") } else { s.to_owned() }
}

/// `quoth quotes`: the library's quotes, by speaker and kind, newest story first. Returns
/// whether any quote was listed.
pub fn quotes(
    cx: &Context,
    filter: &QuoteFilter,
    format: QuotesFormat,
    out: &mut impl Write,
) -> Result<bool, CliError> {
    let ix = open_synced(cx)?;
    let rows = ix.quotes(filter, &cx.load)?;
    match format {
        QuotesFormat::Jsonl => {
            for r in &rows {
                serde_json::to_writer(&mut *out, r).map_err(std::io::Error::other)?;
                writeln!(out)?;
            }
        }
        QuotesFormat::Csv => {
            writeln!(out, "path,title,date,speaker,kind,paragraph,start,end,text")?;
            for r in &rows {
                let fields = [
                    csv_field(&r.path),
                    csv_field(&r.title),
                    csv_field(r.date.as_deref().unwrap_or_default()),
                    csv_field(r.speaker.as_deref().unwrap_or_default()),
                    csv_field(&r.kind),
                    r.paragraph.to_string(),
                    r.start.to_string(),
                    r.end.to_string(),
                    csv_field(&r.text),
                ];
                writeln!(out, "{}", fields.join(","))?;
            }
        }
        QuotesFormat::Md => markdown(&rows, out)?,
    }
    Ok(!rows.is_empty())
}

/// A CSV field: quoted when it holds a comma, a quote or a line break, quotes doubled.
///
/// ```
/// use quoth::index::cli::csv_field;
/// assert_eq!(csv_field("plain"), "plain");
/// assert_eq!(csv_field("a, b"), "\"a, b\"");
/// assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
/// ```
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

fn markdown(rows: &[QuoteRow], out: &mut impl Write) -> std::io::Result<()> {
    let mut story: Option<&str> = None;
    for r in rows {
        if story != Some(r.path.as_str()) {
            if story.is_some() {
                writeln!(out)?;
            }
            let date = r.date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
            writeln!(out, "## {}{date}\n\n`{}`\n", crate::store::export::escape_markdown(&r.title), r.path)?;
            story = Some(&r.path);
        }
        let who = r.speaker.as_deref().map_or_else(|| "unattributed".to_owned(), crate::store::export::escape_markdown);
        let text = crate::store::export::escape_markdown(&r.text.split_whitespace().collect::<Vec<_>>().join(" "));
        writeln!(out, "> {text}\n>\n> — {who}, {} ¶ {}\n", r.kind, r.paragraph)?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::fs;

    fn cx(lib: &Path, cache: &Path) -> Context {
        Context {
            roots: vec![lib.to_path_buf()],
            index: cache.join(super::super::FILE_NAME),
            load: LoadOptions::default(),
            progress: false,
            color: false,
        }
    }

    fn library() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        fs::write(
            d.path().join("a.txt"),
            "Harbour plan approved\n\n\u{201c}The ferry comes first, always,\u{201d} said Mayor Inés López.",
        )
        .unwrap();
        fs::write(d.path().join("b.txt"), "Bridge tolls\n\n\u{201c}Nobody likes a toll,\u{201d} said Tomas Ekberg.")
            .unwrap();
        d
    }

    #[test]
    fn search_prints_title_path_and_snippet_or_json() {
        let (lib, cache) = (library(), tempfile::tempdir().unwrap());
        let c = cx(lib.path(), cache.path());
        let mut out = Vec::new();
        assert!(search(&c, "ferry", 10, false, &mut out).unwrap());
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with("Harbour plan approved  "), "{s}");
        assert!(s.contains("a.txt") && s.contains("ferry comes first"), "{s}");
        let mut out = Vec::new();
        assert!(search(&c, "lopez", 10, true, &mut out).unwrap());
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["title"], "Harbour plan approved");
        let offset = usize::try_from(v["offset"].as_u64().unwrap()).unwrap();
        let text = fs::read_to_string(lib.path().join("a.txt")).unwrap();
        assert_eq!(text.get(offset..offset + 6), Some("López"));
        let mut out = Vec::new();
        assert!(!search(&c, "nothing-here", 10, false, &mut out).unwrap());
        assert!(out.is_empty());
    }

    #[test]
    fn quotes_in_three_formats() {
        let (lib, cache) = (library(), tempfile::tempdir().unwrap());
        let c = cx(lib.path(), cache.path());
        let f = QuoteFilter { speaker: Some("lopez".into()), kind: None };
        let mut out = Vec::new();
        assert!(quotes(&c, &f, QuotesFormat::Csv, &mut out).unwrap());
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[0], "path,title,date,speaker,kind,paragraph,start,end,text");
        assert!(lines[1].ends_with(",Inés López,direct,2,26,56,\"The ferry comes first, always,\""), "{s}");
        let mut out = Vec::new();
        quotes(&c, &f, QuotesFormat::Jsonl, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!((v["speaker"].as_str(), v["paragraph"].as_u64()), (Some("Inés López"), Some(2)));
        let mut out = Vec::new();
        quotes(&c, &QuoteFilter::default(), QuotesFormat::Md, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("## Harbour plan approved") && s.contains("## Bridge tolls"), "{s}");
        assert!(s.contains("> — Tomas Ekberg, direct ¶ 2"), "{s}");
    }

    #[test]
    fn no_library_is_a_clear_error() {
        let cache = tempfile::tempdir().unwrap();
        let mut c = cx(cache.path(), cache.path());
        c.roots.clear();
        let e = search(&c, "x", 10, false, &mut Vec::new()).unwrap_err();
        assert!(e.to_string().contains("no library"), "{e}");
    }
}
