//! Feeds: RSS 0.9x, 1.0 and 2.0, Atom and JSON Feed, read with `feed-rs` into one model. Each
//! entry becomes an article: its title, author, date and link, and its full content when the
//! feed has it (`content:encoded`, Atom `content`, JSON Feed `content_html`), else its summary.
//! Entry content is an HTML fragment written for reading: it is converted to text as it is,
//! without the page-level boilerplate removal a saved web page goes through.

use super::html::parse_fragment;
use super::sanitize::{BidiPolicy, SanitizeReport, clean_line, sanitize};
use super::{Article, Format, LoadWarning, Meta, ParseError};

/// How far into a file [`looks_like_feed`] looks.
pub const SNIFF_BYTES: usize = 4096;

/// True when `head` (the beginning of a file) is a feed: an XML document whose root element is
/// `<rss>`, `<feed>` (Atom) or `<rdf:RDF>` (RSS 1.0), or a JSON object naming a JSON Feed
/// version.
///
/// ```
/// use quoth::article::feed::looks_like_feed;
/// assert!(looks_like_feed(b"<?xml version=\"1.0\"?>\n<!-- hi -->\n<rss version=\"2.0\"><channel>"));
/// assert!(looks_like_feed(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
/// assert!(looks_like_feed(br#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#));
/// assert!(!looks_like_feed(b"<!DOCTYPE html><html><body><p>rss</p>"));
/// assert!(!looks_like_feed(br#"{"title": "A story", "text": "Body"}"#));
/// ```
pub fn looks_like_feed(head: &[u8]) -> bool {
    let head = head.get(..head.len().min(SNIFF_BYTES)).unwrap_or_default();
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head).trim_ascii_start();
    if head.first() == Some(&b'{') {
        return memchr::memmem::find(head, b"jsonfeed.org/version").is_some();
    }
    // The first element that is not a declaration, comment or processing instruction.
    let mut rest = head;
    while let Some(i) = memchr::memchr(b'<', rest) {
        rest = rest.get(i + 1..).unwrap_or_default();
        match rest.first() {
            Some(b'?' | b'!') => {}
            Some(_) => {
                let end = rest.iter().position(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'));
                let name = rest.get(..end.unwrap_or(rest.len())).unwrap_or_default();
                let local = name.rsplit(|c| *c == b':').next().unwrap_or(name);
                return local.eq_ignore_ascii_case(b"rss") || local == b"feed" || local == b"RDF";
            }
            None => return false,
        }
    }
    false
}

/// The most entries one feed gives: a feed is a list of recent stories, and the work and memory
/// per entry must stay bounded on a hostile file.
pub const MAX_ENTRIES: usize = 10_000;

/// Parses a feed into one article per entry, in the feed's order. A feed that cannot be parsed
/// is an error; an entry with no text says so in its body and links to the story.
pub fn parse(bytes: &[u8], bidi: BidiPolicy) -> Result<Vec<Article>, ParseError> {
    let feed = feed_rs::parser::Builder::new()
        .sanitize_content(false)
        .build()
        .parse(bytes)
        .map_err(|e| ParseError::Feed(feed_error(&e)))?;
    let source = feed.title.as_ref().map(|t| plain_text(&t.content)).filter(|s| !s.is_empty());
    let mut report = SanitizeReport::default();
    let cleaned = |s: &str, report: &mut SanitizeReport| {
        let (c, r) = sanitize(s, bidi);
        report.add(r);
        clean_line(&c)
    };
    let total = feed.entries.len();
    let mut out = Vec::with_capacity(total.min(MAX_ENTRIES));
    for entry in feed.entries.into_iter().take(MAX_ENTRIES) {
        let title = entry.title.as_ref().map(|t| plain_text(&t.content)).unwrap_or_default();
        let author = entry
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().map(str::trim))
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let url = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| entry.links.first())
            .map(|l| l.href.trim().to_owned())
            .filter(|h| !h.is_empty());
        let date = entry.published.or(entry.updated).map(|d| d.date_naive().to_string());
        let meta = Meta {
            title: cleaned(&title, &mut report),
            source: source.as_deref().map(|s| cleaned(s, &mut report)),
            author: Some(cleaned(&author, &mut report)).filter(|a| !a.is_empty()),
            date,
            url: url.map(|u| cleaned(&u, &mut report)),
            tags: Vec::new(),
        };
        // The full content when the feed has it, else the summary.
        let content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref().map(|b| (b, c.content_type.to_string())))
            .filter(|(b, _)| !b.trim().is_empty());
        let summary = entry.summary.as_ref().map(|s| (s.content.as_str(), s.content_type.to_string()));
        let html = match content.or(summary).filter(|(b, _)| !b.trim().is_empty()) {
            Some((body, kind)) if kind.starts_with("text/plain") => plain_to_html(body),
            Some((body, _)) => body.to_owned(),
            None => String::new(),
        };
        let (mut article, r) = parse_fragment(&html, meta, bidi, Format::Html);
        report.add(r);
        if !article.blocks.iter().any(|b| b.kind.is_body()) {
            let link = article.meta.url.clone();
            let mut m = article.meta.clone();
            m.title = if m.title.is_empty() { "Untitled entry".into() } else { m.title };
            let note = match &link {
                Some(u) => format!("<p>The feed gives no text for this story. It is at {}</p>", escape(u)),
                None => "<p>The feed gives no text for this story.</p>".to_owned(),
            };
            article = parse_fragment(&note, m, bidi, Format::Html).0;
        }
        out.push(article);
    }
    if let Some(first) = out.first_mut() {
        if report.escape_sequences + report.control_chars > 0 {
            let removed = report.escape_sequences + report.control_chars;
            first.warnings.push(LoadWarning::Sanitized { removed });
        }
        if total > MAX_ENTRIES {
            first
                .warnings
                .push(LoadWarning::Note(format!("the feed has {total} entries: the first {MAX_ENTRIES} are listed")));
        }
    }
    if out.is_empty() {
        return Err(ParseError::Feed("the feed has no entries".into()));
    }
    Ok(out)
}

/// One line for a feed-rs error, without the byte dumps some of its messages carry.
fn feed_error(e: &feed_rs::parser::ParseFeedError) -> String {
    use feed_rs::parser::ParseFeedError as E;
    let s = match e {
        E::ParseError(kind) => format!("not a feed ({kind})"),
        E::IoError(e) => format!("could not be read ({e})"),
        E::JsonSerde(e) => format!("broken JSON Feed ({e})"),
        E::JsonUnsupportedVersion(v) => format!("unsupported JSON Feed version {v}"),
        E::XmlReader(e) => format!("broken XML ({e})"),
    };
    let line = clean_line(&s);
    match line.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", line.get(..i).unwrap_or_default()),
        None => line,
    }
}

/// A title that may carry markup (Atom `type="html"`) as text.
fn plain_text(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.trim().to_owned();
    }
    dom_query::Document::fragment(s).root().text().trim().to_owned()
}

/// Plain-text content as HTML paragraphs (one per blank-line-separated block).
fn plain_to_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        out.push_str("<p>");
        out.push_str(&escape(para));
        out.push_str("</p>");
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::BlockKind;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Weekly</title><link>https://example.org/</link>
<item><title>Ferry &amp; bus plan</title><link>https://example.org/ferry</link>
<dc:creator>Ines Varga</dc:creator><pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>&ldquo;We will run late boats,&rdquo; said Tomas Ek.</p><h3>Costs</h3><ul><li>One</li></ul>]]></content:encoded>
</item>
<item><title>Only a summary</title><description>&lt;p&gt;Summary &lt;b&gt;text&lt;/b&gt;.&lt;/p&gt;</description></item>
<item><title>Link only</title><link>https://example.org/x</link></item>
</channel></rss>"#;

    #[test]
    fn rss_entries_become_articles() {
        let items = parse(RSS.as_bytes(), BidiPolicy::Remove).unwrap();
        assert_eq!(items.len(), 3);
        let a = &items[0];
        assert_eq!(a.meta.title, "Ferry & bus plan");
        assert_eq!(a.meta.author.as_deref(), Some("Ines Varga"));
        assert_eq!(a.meta.source.as_deref(), Some("Harbour Weekly"));
        assert_eq!(a.meta.date.as_deref(), Some("2026-03-03"));
        assert_eq!(a.meta.url.as_deref(), Some("https://example.org/ferry"));
        // Full content wins over the summary, with its block kinds.
        assert!(a.text.contains("“We will run late boats,” said Tomas Ek."), "{}", a.text);
        assert!(!a.text.contains("Short summary"));
        assert!(a.blocks.iter().any(|b| b.kind == BlockKind::Subheading));
        assert_eq!(items[1].text.lines().last(), Some("Summary text."));
        assert!(items[2].text.contains("no text for this story. It is at https://example.org/x"));
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Hill &lt;i&gt;News&lt;/i&gt;</title>
<entry><title>Snow day</title><author><name>Lea Moss</name></author><updated>2026-01-05T10:00:00Z</updated>
<link rel="alternate" href="https://example.net/snow"/><content type="html">&lt;p&gt;Schools shut.&lt;/p&gt;</content></entry></feed>"#;
        let items = parse(atom.as_bytes(), BidiPolicy::Remove).unwrap();
        assert_eq!(items[0].meta.source.as_deref(), Some("Hill News"));
        assert_eq!(items[0].meta.date.as_deref(), Some("2026-01-05"));
        assert!(items[0].text.ends_with("Schools shut."));
        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Valley", "items": [
            {"id": "1", "title": "Rain", "content_text": "First para.\n\nSecond <para>.", "authors": [{"name": "Bo Li"}]}]}"#;
        let items = parse(json.as_bytes(), BidiPolicy::Remove).unwrap();
        assert_eq!(items[0].meta.author.as_deref(), Some("Bo Li"));
        assert!(items[0].text.ends_with("First para.\n\nSecond <para>."), "{}", items[0].text);
    }

    #[test]
    fn broken_feeds_are_one_line_errors() {
        for bad in [
            "<rss><channel><item><title>x</title>",
            "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": 3}",
            "<rss version=\"2.0\"><channel><title>Empty</title></channel></rss>",
        ] {
            match parse(bad.as_bytes(), BidiPolicy::Remove) {
                Err(ParseError::Feed(m)) => assert!(!m.contains('\n') && !m.is_empty(), "{m}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn escapes_in_entries_never_reach_the_text() {
        let rss = "<rss version=\"2.0\"><channel><title>T&#x1b;[31m</title><item><title>A&#x9b;2J</title>\
                   <description>&lt;p&gt;x&amp;#x1b;]0;pwn&amp;#7;y&lt;/p&gt;</description></item></channel></rss>";
        let items = parse(rss.as_bytes(), BidiPolicy::Remove).unwrap();
        let a = &items[0];
        for s in [a.text.as_str(), a.meta.title.as_str(), a.meta.source.as_deref().unwrap_or("")] {
            assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
        }
    }
}
