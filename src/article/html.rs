//! HTML: pages saved from a browser and HTML fragments (feed entries, newsboat items).
//!
//! A whole page goes through readability-style main-content extraction (`dom_smoothie`): the
//! story's body without navigation, ads, scripts, comments, share bars or "related" lists, and
//! its headline, byline, date and site name from the page's metadata (JSON-LD, Open Graph,
//! `<meta>`), falling back to the body. A fragment is converted as it is: it already is the
//! story, and a boilerplate pass could drop a short one.
//!
//! Both end in the same walk over the DOM, which turns block elements into the article's
//! blocks and keeps their kind (subheadings, block quotes, list items, preformatted text).
//! Entities are decoded by the HTML parser, so every block is sanitised again afterwards: a
//! `&#27;` becomes a real escape character only then. The walk is iterative, so 10,000 levels
//! of nesting cost memory in proportion, not stack.

use super::sanitize::{BidiPolicy, SanitizeReport, clean_line, sanitize};
use super::{Article, ArticleBuilder, BlockKind, Format, ListMarker, LoadWarning, Meta, ParseError, byline_text};
use dom_query::{Document, NodeRef};

/// Bytes of HTML per element allowed before a page is too large for main-content extraction:
/// the element cap is the size limit divided by this (`dom_smoothie`'s work grows faster than
/// the page does; the plain walk used instead is linear).
pub const BYTES_PER_ELEMENT: u64 = 16;

/// Deepest element nesting that main-content extraction is run on; real pages stay well under
/// a hundred levels.
pub const MAX_EXTRACTION_DEPTH: usize = 256;

/// True when some node below `root` is more than `limit` levels down.
fn depth_over(root: &NodeRef<'_>, limit: usize) -> bool {
    let mut stack: Vec<(NodeRef<'_>, usize)> = vec![(*root, 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        stack.extend(node.children_it(false).filter(NodeRef::is_element).map(|c| (c, depth + 1)));
    }
    false
}

/// True when sanitised text looks like an HTML document (used when no extension says so).
///
/// ```
/// use quoth::article::html::looks_like_html;
/// assert!(looks_like_html("<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>"));
/// assert!(looks_like_html("  <html lang=\"en\">"));
/// assert!(!looks_like_html("Headline\n\nA story about <b>bold</b> claims."));
/// ```
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let start: String = head.chars().take(512).collect::<String>().to_ascii_lowercase();
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        return true;
    }
    // A comment or XML declaration first (saved pages often begin with "<!-- saved from …>").
    (start.starts_with("<!--") || start.starts_with("<?xml"))
        && (start.contains("<html") || start.contains("<head") || start.contains("<body"))
}

/// Parses a whole page. `max_bytes` is quoth's size limit, from which the element cap comes.
pub fn parse_page(text: &str, bidi: BidiPolicy, max_bytes: u64) -> Result<(Article, SanitizeReport), ParseError> {
    let max_elements = usize::try_from(max_bytes / BYTES_PER_ELEMENT).unwrap_or(usize::MAX).max(1);
    let cfg = dom_smoothie::Config {
        max_elements_to_parse: max_elements,
        text_mode: dom_smoothie::TextMode::Formatted,
        ..dom_smoothie::Config::default()
    };
    let mut report = SanitizeReport::default();
    let mut warnings = Vec::new();
    let doc = Document::from(text);
    if depth_over(&doc.root(), MAX_EXTRACTION_DEPTH) {
        // Main-content scoring costs more than linear time in the nesting depth.
        warnings.push(LoadWarning::Note(format!(
            "page nested over {MAX_EXTRACTION_DEPTH} levels deep: its whole text is shown"
        )));
        let (mut meta, blocks) = whole_page(&doc, bidi, &mut report);
        meta.cap_fields();
        let mut article = build(meta, &blocks, bidi, &mut report, Format::Html);
        article.warnings.extend(warnings);
        return Ok((article, report));
    }
    let readability = dom_smoothie::Readability::with_document(doc, None, Some(cfg));
    let (mut meta, blocks) = match readability.map(|mut r| r.parse()) {
        Ok(Ok(found)) => {
            let mut meta = Meta {
                title: found.title.clone(),
                source: found.site_name.clone(),
                author: found.byline.clone(),
                date: found.published_time.as_deref().map(short_date),
                url: found.url.clone(),
                tags: Vec::new(),
            };
            clean_meta(&mut meta, bidi, &mut report);
            let doc = Document::fragment(found.content);
            (meta, walk(&doc.root()))
        }
        Ok(Err(e)) => {
            // No main content found, or too many elements to look for it: the page's whole
            // visible text, which is still better than nothing.
            warnings.push(LoadWarning::Note(match e {
                dom_smoothie::ReadabilityError::TooManyElements(..) => {
                    "page too large for main-content extraction: its whole text is shown".to_owned()
                }
                _ => "no main content found: the page's whole text is shown".to_owned(),
            }));
            whole_page(&Document::from(text), bidi, &mut report)
        }
        Err(_) => whole_page(&Document::from(text), bidi, &mut report),
    };
    meta.cap_fields();
    let mut article = build(meta, &blocks, bidi, &mut report, Format::Html);
    article.warnings.extend(warnings);
    Ok((article, report))
}

/// Parses an HTML fragment (a feed entry's content) as it is, with the metadata given.
pub fn parse_fragment(html: &str, mut meta: Meta, bidi: BidiPolicy, format: Format) -> (Article, SanitizeReport) {
    let mut report = SanitizeReport::default();
    clean_meta(&mut meta, bidi, &mut report);
    meta.cap_fields();
    let doc = Document::fragment(html);
    let blocks = walk(&doc.root());
    let article = build(meta, &blocks, bidi, &mut report, format);
    (article, report)
}

/// The visible text of a page whose main content could not be picked out, and its `<title>`.
fn whole_page(doc: &Document, bidi: BidiPolicy, report: &mut SanitizeReport) -> (Meta, Vec<RawBlock>) {
    let title = doc.select("title").text().to_string();
    let mut meta = Meta { title, ..Meta::default() };
    clean_meta(&mut meta, bidi, report);
    let blocks = match doc.body() {
        Some(body) => walk(&body),
        None => walk(&doc.root()),
    };
    (meta, blocks)
}

fn clean_meta(meta: &mut Meta, bidi: BidiPolicy, report: &mut SanitizeReport) {
    meta.title = clean_field(&meta.title, bidi, report);
    for f in [&mut meta.source, &mut meta.author, &mut meta.date, &mut meta.url] {
        *f = f.as_deref().map(|s| clean_field(s, bidi, report)).filter(|s| !s.is_empty());
    }
}

fn clean_field(s: &str, bidi: BidiPolicy, report: &mut SanitizeReport) -> String {
    let (c, r) = sanitize(s, bidi);
    report.add(r);
    clean_line(&c)
}

/// `2019-11-19T10:00:00Z` → `2019-11-19`; anything else is kept as it is.
fn short_date(s: &str) -> String {
    let s = s.trim();
    let b = s.as_bytes();
    let iso = b.len() >= 10
        && b.iter().take(10).enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    match s.get(..10) {
        Some(day) if iso => day.to_owned(),
        _ => s.to_owned(),
    }
}

/// A block as the walk finds it, before it is sanitised and added to the article.
#[derive(Debug)]
struct RawBlock {
    kind: BlockKind,
    list_depth: u8,
    quote_depth: u8,
    text: String,
}

/// Where the walk is: the kind of block being filled and the nesting around it.
#[derive(Clone, Copy, Debug)]
struct Context {
    kind: BlockKind,
    list_depth: u8,
    quote_depth: u8,
    /// The next number of the innermost ordered list (0: the innermost list is not ordered).
    next_number: u32,
    /// How many blocks there were when the innermost list item began: its first block is the
    /// item, later ones are its further paragraphs.
    item_start: usize,
}

enum Step<'a> {
    Open(NodeRef<'a>),
    /// The end of an element: the context to go back to, and whether it was a list item.
    Close(Context, bool),
}

/// What an element does to the text.
enum Role {
    /// Not text at all (scripts, forms, media), or text about an image quoth cannot show (a
    /// figure's caption and photo credit): skipped with everything in it.
    Skip,
    /// Starts and ends a block.
    Block,
    /// Preformatted: its text is one code block, line breaks kept.
    Pre,
    /// A line break.
    Break,
    /// A table cell: a space between cells.
    Cell,
    /// Inline: its text runs on.
    Inline,
}

fn role(name: &str) -> Role {
    match name {
        "script" | "style" | "noscript" | "template" | "svg" | "figcaption" | "math" | "iframe" | "object"
        | "embed" | "canvas" | "video" | "audio" | "picture" | "img" | "button" | "input" | "select" | "textarea"
        | "form" | "head" | "title" | "meta" | "link" | "base" | "nav" | "dialog" => Role::Skip,
        "pre" => Role::Pre,
        "br" => Role::Break,
        "td" | "th" => Role::Cell,
        "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "blockquote" | "h1" | "h2"
        | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "li" | "dl" | "dt" | "dd" | "table" | "tr" | "thead" | "tbody"
        | "tfoot" | "caption" | "figure" | "address" | "details" | "summary" | "hr" | "center" | "body" | "html"
        | "hgroup" | "fieldset" | "legend" | "menu" => Role::Block,
        _ => Role::Inline,
    }
}

/// Turns the elements below `root` into blocks.
fn walk(root: &NodeRef<'_>) -> Vec<RawBlock> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut ctx = Context { kind: BlockKind::Paragraph, list_depth: 0, quote_depth: 0, next_number: 0, item_start: 0 };
    let mut steps: Vec<Step<'_>> = root.children_it(true).map(Step::Open).collect();
    while let Some(step) = steps.pop() {
        let node = match step {
            Step::Open(n) => n,
            Step::Close(outer, item) => {
                flush(&mut out, &mut buf, ctx);
                ctx = outer;
                // A list item's number moves on in the list around it.
                if item && ctx.next_number > 0 {
                    ctx.next_number = ctx.next_number.saturating_add(1);
                }
                continue;
            }
        };
        if node.is_text() {
            push_text(&mut buf, &node.text());
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        if node.attr("hidden").is_some() || node.attr("aria-hidden").is_some_and(|v| v.as_ref() == "true") {
            continue;
        }
        match role(&name) {
            Role::Skip => {}
            Role::Inline => steps.extend(node.children_it(true).map(Step::Open)),
            Role::Break => push_text(&mut buf, " "),
            Role::Cell => {
                push_text(&mut buf, " ");
                steps.extend(node.children_it(true).map(Step::Open));
            }
            Role::Pre => {
                flush(&mut out, &mut buf, ctx);
                let text = node.text().to_string();
                if !text.trim().is_empty() {
                    out.push(RawBlock {
                        kind: BlockKind::Code,
                        list_depth: ctx.list_depth,
                        quote_depth: ctx.quote_depth,
                        text,
                    });
                }
            }
            Role::Block => {
                flush(&mut out, &mut buf, ctx);
                steps.push(Step::Close(ctx, name == "li"));
                ctx = inner_context(&name, ctx, out.len());
                steps.extend(node.children_it(true).map(Step::Open));
            }
        }
    }
    flush(&mut out, &mut buf, ctx);
    out
}

/// The context inside a block element.
fn inner_context(name: &str, outer: Context, blocks: usize) -> Context {
    let mut c = outer;
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => c.kind = BlockKind::Subheading,
        "ul" | "menu" => {
            c.list_depth = c.list_depth.saturating_add(1);
            c.next_number = 0;
            c.kind = BlockKind::Paragraph;
        }
        "ol" => {
            c.list_depth = c.list_depth.saturating_add(1);
            c.next_number = 1;
            c.kind = BlockKind::Paragraph;
        }
        "li" => {
            let marker = if outer.next_number > 0 { ListMarker::Number(outer.next_number) } else { ListMarker::Bullet };
            c.kind = BlockKind::ListItem { marker };
            c.list_depth = c.list_depth.max(1);
            c.item_start = blocks;
        }
        "blockquote" => {
            c.quote_depth = c.quote_depth.saturating_add(1);
            c.kind = BlockKind::Paragraph;
        }
        // A paragraph inside a list item is a later paragraph of the item.
        _ if matches!(outer.kind, BlockKind::ListItem { .. }) => {}
        _ if outer.kind == BlockKind::Subheading => {}
        _ => c.kind = BlockKind::Paragraph,
    }
    c
}

/// Appends text with whitespace runs folded to one space.
fn push_text(buf: &mut String, text: &str) {
    let mut words = text.split_whitespace().peekable();
    if text.starts_with(char::is_whitespace) && !buf.is_empty() && !buf.ends_with(' ') {
        buf.push(' ');
    }
    while let Some(w) = words.next() {
        buf.push_str(w);
        if words.peek().is_some() {
            buf.push(' ');
        }
    }
    if text.ends_with(char::is_whitespace) && !buf.is_empty() && !buf.ends_with(' ') {
        buf.push(' ');
    }
}

fn flush(out: &mut Vec<RawBlock>, buf: &mut String, ctx: Context) {
    let text = buf.trim();
    if !text.is_empty() {
        // A list item's first block is the item; the rest are its later paragraphs.
        let kind = match ctx.kind {
            BlockKind::ListItem { .. } if out.len() > ctx.item_start => BlockKind::Paragraph,
            k => k,
        };
        out.push(RawBlock { kind, list_depth: ctx.list_depth, quote_depth: ctx.quote_depth, text: text.to_owned() });
    }
    buf.clear();
}

/// The article: headline, byline, then the blocks, each sanitised (entities may have made
/// control characters), with a first heading that repeats the headline dropped.
fn build(meta: Meta, blocks: &[RawBlock], bidi: BidiPolicy, report: &mut SanitizeReport, format: Format) -> Article {
    let mut b = ArticleBuilder::new();
    if !meta.title.is_empty() {
        b.push(BlockKind::Title, &meta.title);
    }
    // A page's byline usually names the outlet already ("By Ann Lee | The Gazette"), so the
    // site name joins the line only when there is no author.
    let shown = Meta { source: if meta.author.is_some() { None } else { meta.source.clone() }, ..meta.clone() };
    if let Some(by) = byline_text(&shown) {
        b.push(BlockKind::Byline, &by);
    }
    let same = |a: &str, t: &str| {
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        norm(a) == norm(t)
    };
    let mut first = true;
    for raw in blocks {
        let (text, r) = sanitize(&raw.text, bidi);
        report.add(r);
        if first && raw.kind == BlockKind::Subheading && same(&text, &meta.title) {
            first = false;
            continue;
        }
        first = false;
        if text.trim().is_empty() {
            continue;
        }
        b.push_nested(raw.kind, &text, raw.list_depth, raw.quote_depth);
    }
    b.finish(meta, format)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(a: &Article) -> Vec<(BlockKind, &str)> {
        a.blocks.iter().enumerate().map(|(i, b)| (b.kind, a.block_text(i))).collect()
    }

    #[test]
    fn fragment_keeps_block_kinds() {
        let html = "<h2>Plans</h2><p>One &ldquo;two&rdquo;<br>three.</p><blockquote><p>Cited.</p></blockquote>\
                    <ol><li>First</li><li>Second<p>more</p></li></ol><ul><li>Dot</li></ul><pre>a\n  b</pre>";
        let (a, _) = parse_fragment(html, Meta::default(), BidiPolicy::Remove, Format::Html);
        assert_eq!(
            kinds(&a),
            [
                (BlockKind::Subheading, "Plans"),
                (BlockKind::Paragraph, "One “two” three."),
                (BlockKind::Paragraph, "Cited."),
                (BlockKind::ListItem { marker: ListMarker::Number(1) }, "First"),
                (BlockKind::ListItem { marker: ListMarker::Number(2) }, "Second"),
                (BlockKind::Paragraph, "more"),
                (BlockKind::ListItem { marker: ListMarker::Bullet }, "Dot"),
                (BlockKind::Code, "a\n  b"),
            ]
        );
        assert_eq!(a.blocks[2].quote_depth, 1);
    }

    #[test]
    fn scripts_forms_and_hidden_text_are_not_text() {
        let html = "<p>Keep<script>alert(1)</script> this<span hidden>no</span></p><form><p>Sign up</p></form>\
                    <style>p{}</style><p aria-hidden=\"true\">x</p>";
        let (a, _) = parse_fragment(html, Meta::default(), BidiPolicy::Remove, Format::Html);
        assert_eq!(a.text, "Keep this");
    }

    #[test]
    fn entities_that_decode_to_controls_are_removed() {
        let html = "<p>a&#27;[2Jb&#x9b;c&#7;d</p>";
        let (a, report) = parse_fragment(html, Meta::default(), BidiPolicy::Remove, Format::Html);
        assert!(!a.text.chars().any(char::is_control), "{:?}", a.text);
        assert!(report.total() > 0);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}<p>deep</p>{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        let (a, _) = parse_fragment(&html, Meta::default(), BidiPolicy::Remove, Format::Html);
        assert_eq!(a.text, "deep");
    }

    #[test]
    fn page_metadata_and_main_content() {
        let body = "<p>“We will open the bridge in May,” said Ana Ruiz, the city engineer. It has been closed \
                    for two years while crews replaced the deck and the cables that hold it.</p>"
            .repeat(4);
        let page = format!(
            "<!DOCTYPE html><html><head><title>Bridge to reopen | The Gazette</title>\
             <meta property=\"og:title\" content=\"Bridge to reopen\">\
             <meta property=\"og:site_name\" content=\"The Gazette\">\
             <meta name=\"author\" content=\"Lee Park\">\
             <meta property=\"article:published_time\" content=\"2026-03-04T08:00:00Z\"></head>\
             <body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
             <article><h1>Bridge to reopen</h1>{body}</article>\
             <footer>Share this story on social media</footer></body></html>"
        );
        let (a, _) = parse_page(&page, BidiPolicy::Remove, 64 << 20).unwrap();
        assert_eq!(a.meta.title, "Bridge to reopen");
        assert_eq!(a.meta.source.as_deref(), Some("The Gazette"));
        assert_eq!(a.meta.author.as_deref(), Some("Lee Park"));
        assert_eq!(a.meta.date.as_deref(), Some("2026-03-04"));
        assert!(!a.text.contains("Home") && !a.text.contains("Share this"), "{}", a.text);
        assert_eq!(a.blocks.iter().filter(|b| b.kind == BlockKind::Title).count(), 1);
        assert_eq!(a.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).count(), 4);
    }

    #[test]
    fn a_page_over_the_element_cap_still_shows_its_text() {
        let page = format!("<html><body><p>Words here.</p>{}</body></html>", "<i></i>".repeat(100));
        let (a, _) = parse_page(&page, BidiPolicy::Remove, 50 * BYTES_PER_ELEMENT).unwrap();
        assert!(a.text.contains("Words here."));
        assert!(a.warnings.iter().any(|w| w.to_string().contains("too large")));
    }

    #[test]
    fn dates() {
        assert_eq!(short_date("2019-11-19T10:00:00.000Z"), "2019-11-19");
        assert_eq!(short_date("Nov 19, 2019"), "Nov 19, 2019");
    }
}
