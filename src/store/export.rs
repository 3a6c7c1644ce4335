//! Bookmarks as text for people and programs: the one-line `list` rows, JSON, and a Markdown
//! export. Pure functions from bookmarks (and the articles found for them) to strings.
//!
//! Everything that came from an article or from the bookmarks file is treated as hostile here:
//! single lines go through `clean_line`, and Markdown escapes every character that could start
//! structure (headings, lists, links, images, HTML, tables), so article text can only ever be
//! text inside its block quote.

use super::{Anchor, Bookmark};
use crate::article::sanitize::clean_line;
use crate::library::display_path;
use serde::Serialize;
use std::fmt::Write as _;

/// What became of a bookmark's passage, as the command line reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Found at its stored place in the same text.
    Ok,
    /// The article changed; the passage was found again.
    Reanchored,
    /// The article is there but the passage could not be found.
    Lost,
    /// The article could not be opened at its path (moved, deleted or unreadable).
    Missing,
}

impl Status {
    pub fn of(anchor: Option<Anchor>) -> Status {
        match anchor {
            Some(Anchor::Exact(_)) => Status::Ok,
            Some(Anchor::Reanchored(_)) => Status::Reanchored,
            Some(Anchor::Lost) => Status::Lost,
            None => Status::Missing,
        }
    }

    /// The flag shown in a list row; none for a bookmark that is fine.
    fn flag(self) -> &'static str {
        match self {
            Status::Ok => "",
            Status::Reanchored => "[text changed] ",
            Status::Lost => "[passage not found] ",
            Status::Missing => "[article missing] ",
        }
    }
}

/// A bookmark with what the command line found out about it.
#[derive(Debug)]
pub struct Checked<'a> {
    pub bookmark: &'a Bookmark,
    pub status: Status,
    /// The passage as it reads in the article now, when it was found.
    pub passage: Option<String>,
    /// Where the article is now, when it was found moved away from its path.
    pub moved_to: Option<std::path::PathBuf>,
}

impl Checked<'_> {
    /// The row flag for a moved article ("[moved to PATH] "), or "".
    fn moved_flag(&self) -> String {
        self.moved_to
            .as_deref()
            .map_or_else(String::new, |p| format!("[moved to {}] ", clean_short(&display_path(p), 50)))
    }
}

/// `YYYY-MM-DD` (UTC) of Unix seconds.
///
/// ```
/// # use quoth::store::export::date;
/// assert_eq!(date(0), "1970-01-01");
/// assert_eq!(date(1_767_312_000), "2026-01-02");
/// ```
pub fn date(secs: u64) -> String {
    // Past the end of jiff's range (late in 9999) the date saturates there.
    let ts =
        i64::try_from(secs).ok().and_then(|s| jiff::Timestamp::from_second(s).ok()).unwrap_or(jiff::Timestamp::MAX);
    ts.strftime("%Y-%m-%d").to_string()
}

/// `s` cut to at most `max` display columns, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    crate::text::truncate_width(s, max)
}

/// `s` cleaned for one line of the terminal and shortened to `max` characters. Only a bounded
/// head of `s` is cleaned, so that a list of many long excerpts costs what it shows.
fn clean_short(s: &str, max: usize) -> String {
    let Some((cut, _)) = s.char_indices().nth(max.saturating_mul(4).saturating_add(8)) else {
        return shorten(&clean_line(s), max);
    };
    let mut head = clean_line(s.get(..cut).unwrap_or(s));
    if head.chars().count() > max {
        return shorten(&head, max);
    }
    head.truncate(head.trim_end().len());
    head.push('…');
    head
}

/// One `list` row: id, date, title, flag, excerpt, note. Safe to print to a terminal.
pub fn list_line(c: &Checked) -> String {
    let b = c.bookmark;
    let mut line = format!(
        "{}  {}  {}  {}{}{}",
        clean_line(&b.id.0),
        date(b.created),
        clean_short(&b.title, 40),
        c.moved_flag(),
        c.status.flag(),
        crate::text::quoted_excerpt(&clean_short(&b.excerpt, 70)),
    );
    if let Some(note) = b.note.as_deref().map(|n| clean_short(n, 50)).filter(|n| !n.is_empty()) {
        let _ = write!(line, "  note: {note}");
    }
    line
}

#[derive(Serialize)]
struct JsonBookmark<'a> {
    id: &'a str,
    created: u64,
    date: String,
    title: &'a str,
    source: Option<&'a str>,
    url: Option<&'a str>,
    path: String,
    fingerprint: String,
    start: usize,
    end: usize,
    excerpt: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    excerpt_end: &'a str,
    note: Option<&'a str>,
    status: Status,
    /// Where the article is now, when it moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    moved_to: Option<String>,
}

/// A JSON array of bookmarks, oldest first; fingerprints as hex (JSON numbers lose 64 bits).
pub fn json(list: &[Checked]) -> String {
    let rows: Vec<JsonBookmark> = list
        .iter()
        .map(|c| {
            let b = c.bookmark;
            JsonBookmark {
                id: &b.id.0,
                created: b.created,
                date: date(b.created),
                title: &b.title,
                source: b.source.as_deref(),
                url: b.url.as_deref(),
                path: b.path.to_string_lossy().into_owned(),
                fingerprint: b.fingerprint.to_hex(),
                start: b.span.start,
                end: b.span.end,
                excerpt: &b.excerpt,
                excerpt_end: &b.excerpt_end,
                note: b.note.as_deref(),
                status: c.status,
                moved_to: c.moved_to.as_ref().map(|p| p.to_string_lossy().into_owned()),
            }
        })
        .collect();
    serde_json::to_string_pretty(&rows).map_or_else(|_| "[]".into(), crate::output::terminal_safe_json)
}

/// Escapes one line of text so that Markdown shows it as plain text. Characters that make inline
/// structure (emphasis, code, links, images, HTML, entities, tables, strikethrough) are escaped
/// wherever they are; those that make blocks (headings, lists, setext underlines) only where
/// they would, at the start of the line. Lines are trimmed first, so none is indented code.
///
/// ```
/// # use quoth::store::export::escape_markdown;
/// assert_eq!(escape_markdown("# ![x](y) <b>"), r"\# !\[x\](y) \<b\>");
/// assert_eq!(escape_markdown("12. a-b"), r"12\. a-b");
/// assert_eq!(escape_markdown("- *a* &amp;"), r"\- \*a\* \&amp;");
/// ```
pub fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in line.char_indices() {
        let inline = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~');
        let block =
            (i == 0 && matches!(c, '#' | '+' | '-' | '=')) || (i == digits && digits > 0 && matches!(c, '.' | ')'));
        if inline || block {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A URL that may be shown as a link: http(s), no spaces or angle brackets. Anything else is
/// shown as escaped text.
fn safe_url(url: &str) -> Option<&str> {
    let ok_scheme = url.starts_with("https://") || url.starts_with("http://");
    let ok_chars = url.chars().all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | '"' | '\\'));
    (ok_scheme && ok_chars && url.len() > 8).then_some(url)
}

/// Multi-line text as a Markdown block quote: each line cleaned and escaped, blank lines kept
/// as empty quote lines.
fn block_quote(out: &mut String, text: &str) {
    for line in text.split('\n') {
        let line = clean_line(line);
        if line.is_empty() {
            out.push_str(">\n");
        } else {
            let _ = writeln!(out, "> {}", escape_markdown(&line));
        }
    }
}

/// The Markdown export: one section per article (in order of its first bookmark), the passages
/// in text order as block quotes, with notes, source, URL and path. No control characters.
pub fn markdown(list: &[Checked]) -> String {
    let mut groups: Vec<Vec<&Checked>> = Vec::new();
    for c in list {
        let fp = c.bookmark.fingerprint;
        match groups.iter_mut().find(|g| g[0].bookmark.fingerprint == fp) {
            Some(g) => g.push(c),
            None => groups.push(vec![c]),
        }
    }
    let mut out = String::from("# Bookmarks\n");
    for mut group in groups {
        group.sort_by_key(|c| (c.bookmark.span.start, c.bookmark.created));
        let first = group[0].bookmark;
        let title = clean_line(&first.title);
        let title = if title.is_empty() { "Untitled".to_owned() } else { title };
        let _ = write!(out, "\n## {}\n\n", escape_markdown(&title));
        let mut about = Vec::new();
        if let Some(s) = first.source.as_deref().map(clean_line).filter(|s| !s.is_empty()) {
            about.push(format!("Source: {}", escape_markdown(&s)));
        }
        if let Some(u) = first.url.as_deref().map(clean_line).filter(|u| !u.is_empty()) {
            about.push(match safe_url(&u) {
                Some(u) => format!("URL: <{u}>"),
                None => format!("URL: {}", escape_markdown(&u)),
            });
        }
        match group.iter().find_map(|c| c.moved_to.as_deref()) {
            Some(now) => about.push(format!(
                "File: {} (moved from {})",
                escape_markdown(&display_path(now)),
                escape_markdown(&display_path(&first.path))
            )),
            None => about.push(format!("File: {}", escape_markdown(&display_path(&first.path)))),
        }
        let _ = writeln!(out, "{}", about.join("  \n"));
        for c in group {
            let b = c.bookmark;
            out.push('\n');
            match &c.passage {
                Some(p) => block_quote(&mut out, p),
                None if b.is_truncated() => {
                    block_quote(&mut out, &b.excerpt);
                    out.push_str(">\n> \\[…\\]\n>\n");
                    block_quote(&mut out, &b.excerpt_end);
                }
                None => block_quote(&mut out, &b.excerpt),
            }
            out.push('\n');
            if let Some(note) = b.note.as_deref().filter(|n| !n.trim().is_empty()) {
                let lines: Vec<String> =
                    note.split('\n').map(clean_line).filter(|l| !l.is_empty()).map(|l| escape_markdown(&l)).collect();
                let _ = write!(out, "Note: {}\n\n", lines.join("  \n"));
            }
            let flag = match c.status {
                Status::Ok => "",
                Status::Reanchored => " · the article has changed since",
                Status::Lost => " · this passage is no longer in the article",
                Status::Missing => " · the article was not found at its path",
            };
            let _ =
                writeln!(out, "*Bookmarked {} · id {}{flag}*", date(b.created), escape_markdown(&clean_line(&b.id.0)));
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_date(secs: u64, want: &str) {
        assert_eq!(date(secs), want, "date({secs})");
    }

    #[test]
    fn dates() {
        check_date(0, "1970-01-01");
        check_date(86_399, "1970-01-01");
        check_date(951_782_400, "2000-02-29");
        check_date(951_868_800, "2000-03-01");
        check_date(1_709_164_800, "2024-02-29");
        check_date(1_767_225_599, "2025-12-31");
        check_date(4_102_444_800, "2100-01-01");
        check_date(u64::MAX, "9999-12-30");
    }

    #[test]
    fn shorten_cases() {
        assert_eq!(clean_short("abc", 3), "abc");
        assert_eq!(clean_short(&"word ".repeat(100), 12), "word word w…");
        // Controls in the part not shown are never cleaned, and never shown.
        assert_eq!(clean_short(&format!("{}\u{1b}[2J", "a".repeat(200)), 5), "aaaa…");
        // A head that cleans down to fewer than `max` characters is still marked as cut.
        assert_eq!(clean_short(&format!("{}{}", "\u{200b}".repeat(50), "b".repeat(50)), 10), "…");
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd efg", 6), "abcd…");
        assert_eq!(shorten("ééééé", 3), "éé…");
    }

    #[test]
    fn urls() {
        assert_eq!(safe_url("https://a.example/x?y=1"), Some("https://a.example/x?y=1"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("https://a.example/<x>"), None);
    }
}
