//! Markdown articles with optional front matter: TOML between `+++` lines or YAML between
//! `---` lines (see `front_matter`).
//!
//! The Markdown is parsed with pulldown-cmark and flattened into quoth's block model:
//! headings, paragraphs, list items (with their nesting depth and marker), block quotes (as a
//! depth on the blocks inside them), code blocks and rules. Emphasis, strong text, inline code
//! and links become [`Inline`](super::Inline) styles over the rendered text, so raw markup never
//! reaches the screen. Raw HTML is dropped.

use super::sanitize::{BidiPolicy, SanitizeReport, sanitize};
use super::{ArticleBuilder, BlockKind, Format, InlineStyle, ListMarker, Meta, ParseError, byline_text};
use crate::article::Article;
use crate::span::Span;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Parses sanitised Markdown text.
///
/// ```
/// use quoth::article::{markdown, BlockKind, InlineStyle};
/// let (a, _) = markdown::parse("+++\ntitle = \"T\"\nauthor = \"Ana\"\n+++\nSome *stress* here.\n", Default::default()).unwrap();
/// assert_eq!(a.meta.title, "T");
/// assert_eq!(a.text, "T\n\nBy Ana\n\nSome stress here.");
/// assert_eq!(a.inlines[0].style, InlineStyle::Emphasis);
/// assert_eq!(a.inlines[0].span.slice(&a.text), "stress");
/// ```
/// Character references (`&#27;`) decode only here, after the byte-level sanitiser has run, so
/// every piece of text is sanitised again; the report counts what that removed.
pub fn parse(text: &str, bidi: BidiPolicy) -> Result<(Article, SanitizeReport), ParseError> {
    let mut report = SanitizeReport::default();
    let (meta, body) = super::front_matter::split(text, bidi, &mut report)?;
    let mut p = MdParser::new(meta.clone(), bidi, body.len() + meta.title.len());
    p.report = report;
    if !meta.title.is_empty() {
        p.b.push(BlockKind::Title, &meta.title);
        p.has_title = true;
    }
    if let Some(by) = byline_text(&meta) {
        p.b.push(BlockKind::Byline, &by);
    }
    let opts = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for ev in Parser::new_ext(body, opts) {
        p.event(ev);
    }
    p.close();
    let MdParser { b, meta, report, .. } = p;
    let mut meta = meta;
    let article = b.finish(Meta::default(), Format::Markdown);
    if meta.title.is_empty() {
        meta.title = article
            .blocks
            .iter()
            .find(|bl| bl.kind == BlockKind::Title)
            .map(|bl| bl.span.slice(&article.text).to_owned())
            .unwrap_or_default();
    }
    Ok((Article { meta, ..article }, report))
}

struct Open {
    start: usize,
    kind: BlockKind,
}

struct MdParser {
    b: ArticleBuilder,
    meta: Meta,
    has_title: bool,
    open: Option<Open>,
    /// Counters of the open lists: `None` for bullets, the next number otherwise.
    lists: Vec<Option<u64>>,
    quote_depth: u8,
    pending_marker: Option<ListMarker>,
    /// Open inline styles: where they began and what they are.
    styles: Vec<(usize, InlineStyle)>,
    in_code_block: bool,
    bidi: BidiPolicy,
    report: SanitizeReport,
}

impl MdParser {
    /// `bytes`: about how long the text will be, so that it is not copied to grow.
    fn new(meta: Meta, bidi: BidiPolicy, bytes: usize) -> Self {
        MdParser {
            b: ArticleBuilder::with_capacity(bytes),
            meta,
            has_title: false,
            open: None,
            lists: Vec::new(),
            quote_depth: 0,
            pending_marker: None,
            styles: Vec::new(),
            in_code_block: false,
            bidi,
            report: SanitizeReport::default(),
        }
    }

    fn list_depth(&self) -> u8 {
        u8::try_from(self.lists.len()).unwrap_or(u8::MAX)
    }

    fn open(&mut self, kind: BlockKind) {
        self.close();
        let start = self.b.begin();
        self.open = Some(Open { start, kind });
    }

    fn ensure_open(&mut self) {
        if self.open.is_none() {
            let kind = match self.pending_marker.take() {
                Some(marker) => BlockKind::ListItem { marker },
                None => BlockKind::Paragraph,
            };
            self.open(kind);
        }
    }

    fn close(&mut self) {
        if let Some(o) = self.open.take() {
            // An H1 that repeats the front-matter title is not shown twice.
            if o.kind == (BlockKind::Heading { level: 1 })
                && self.b.text_since(o.start).trim() == self.meta.title.trim()
            {
                self.b.discard(o.start);
                return;
            }
            let (ld, qd) = (self.list_depth(), self.quote_depth);
            self.b.end(o.start, o.kind, ld, qd);
        }
    }

    /// Sanitises decoded text (entities may have produced control characters).
    fn clean<'a>(&mut self, s: &'a str) -> std::borrow::Cow<'a, str> {
        let (clean, r) = sanitize(s, self.bidi);
        self.report.add(r);
        clean
    }

    fn text(&mut self, s: &str) {
        let cleaned = self.clean(s);
        let s = &*cleaned;
        self.ensure_open();
        if self.in_code_block {
            self.b.append(s);
            return;
        }
        // Fold whitespace, keeping one space between pieces.
        let at_start = self.open.as_ref().is_some_and(|o| o.start == self.b.len());
        let leading = s.starts_with(char::is_whitespace);
        if leading && !at_start {
            self.space();
        }
        self.b.append_folded(s);
        if s.ends_with(char::is_whitespace) && !s.trim().is_empty() {
            self.space();
        }
    }

    fn space(&mut self) {
        let at_start = self.open.as_ref().is_none_or(|o| o.start == self.b.len());
        if !at_start {
            self.b.append(" ");
        }
    }

    fn event(&mut self, ev: Event<'_>) {
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                let t = self.clean(&t).replace('\n', " ");
                self.ensure_open();
                let span = self.b.append(&t);
                self.b.style(span, InlineStyle::Code);
            }
            Event::SoftBreak | Event::HardBreak => {
                if self.in_code_block {
                    self.b.append("\n");
                } else {
                    self.space();
                }
            }
            Event::Rule => {
                self.close();
                let start = self.b.begin();
                self.b.end(start, BlockKind::Rule, self.list_depth(), self.quote_depth);
            }
            Event::TaskListMarker(done) => {
                self.ensure_open();
                self.b.append(if done { "[x] " } else { "[ ] " });
            }
            Event::FootnoteReference(name) => {
                let name = self.clean(&name);
                self.ensure_open();
                self.b.append(&format!("[{}]", name.trim()));
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::Html(_) | Event::InlineHtml(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                let reuse = self.open.as_ref().is_some_and(|o| o.start == self.b.len());
                if !reuse {
                    self.close();
                    self.ensure_open();
                }
            }
            Tag::Heading { level, .. } => {
                let level = heading_level(level);
                let kind = if level == 1 && !self.has_title && !self.b.has_blocks() {
                    self.has_title = true;
                    BlockKind::Title
                } else {
                    BlockKind::Heading { level }
                };
                self.open(kind);
            }
            Tag::BlockQuote(_) => {
                self.close();
                self.quote_depth = self.quote_depth.saturating_add(1);
            }
            Tag::CodeBlock(_) => {
                self.open(BlockKind::Code);
                self.in_code_block = true;
            }
            Tag::List(first) => {
                self.close();
                self.lists.push(first);
            }
            Tag::Item => {
                self.close();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = ListMarker::Number(u32::try_from(*n).unwrap_or(u32::MAX));
                        *n = n.saturating_add(1);
                        m
                    }
                    _ => ListMarker::Bullet,
                };
                self.pending_marker = Some(marker);
            }
            Tag::Emphasis => self.push_style(InlineStyle::Emphasis),
            Tag::Strong => self.push_style(InlineStyle::Strong),
            Tag::Strikethrough => self.push_style(InlineStyle::Strikethrough),
            Tag::Link { dest_url, .. } => {
                let idx = self.b.link(&dest_url);
                self.push_style(InlineStyle::Link(idx));
            }
            Tag::Image { .. } => {
                self.ensure_open();
                self.space();
                self.b.append("[image: ");
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item => {
                self.close();
                if tag == TagEnd::Item {
                    self.pending_marker = None;
                }
            }
            TagEnd::CodeBlock => {
                self.close();
                self.in_code_block = false;
            }
            TagEnd::BlockQuote(_) => {
                self.close();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.close();
                self.lists.pop();
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => self.pop_style(),
            TagEnd::Image => {
                self.b.append("]");
            }
            _ => {}
        }
    }

    fn push_style(&mut self, style: InlineStyle) {
        self.ensure_open();
        self.styles.push((self.b.len(), style));
    }

    fn pop_style(&mut self) {
        if let Some((start, style)) = self.styles.pop() {
            self.b.style(Span::new(start, self.b.len()), style);
        }
    }
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = text.floor_char_boundary(offset.min(text.len()));
    let before = text.get(..offset).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Article, ParseError> {
        super::parse(text, BidiPolicy::Placeholder).map(|(a, _)| a)
    }

    fn kinds(a: &Article) -> Vec<BlockKind> {
        a.blocks.iter().map(|b| b.kind).collect()
    }

    #[test]
    fn headings_lists_quotes_code() {
        let md = "# Big news\n\nIntro *para*.\n\n## Part two\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n\n> quoted\n> text\n\n```\ncode  line\n```\n\n---\n";
        let a = parse(md).unwrap();
        use BlockKind::*;
        assert_eq!(
            kinds(&a),
            [
                Title,
                Paragraph,
                Heading { level: 2 },
                ListItem { marker: ListMarker::Bullet },
                ListItem { marker: ListMarker::Bullet },
                ListItem { marker: ListMarker::Bullet },
                ListItem { marker: ListMarker::Number(1) },
                ListItem { marker: ListMarker::Number(2) },
                Paragraph,
                Code,
                Rule
            ]
        );
        assert_eq!(a.meta.title, "Big news");
        assert_eq!(a.blocks[5].list_depth, 2);
        assert_eq!(a.block_text(8), "quoted text");
        assert_eq!(a.blocks[8].quote_depth, 1);
        assert_eq!(a.block_text(9), "code  line");
        assert!(!a.text.contains('*') && !a.text.contains('#') && !a.text.contains('>'));
    }

    #[test]
    fn links_keep_text_and_target() {
        let a = parse("See [the report](https://example.org/r) now.").unwrap();
        assert_eq!(a.text, "See the report now.");
        assert_eq!(a.inlines[0].span.slice(&a.text), "the report");
        assert_eq!(a.links, ["https://example.org/r"]);
    }

    #[test]
    fn html_is_dropped() {
        let a = parse("Hello <b>bold</b> world\n\n<div>\nblock\n</div>\n").unwrap();
        assert_eq!(a.block_text(0), "Hello bold world");
    }

    #[test]
    fn front_matter_errors_name_line_and_column() {
        let err = parse("+++\ntitle = \"ok\"\ndate = = 3\n+++\nbody").unwrap_err();
        match err {
            ParseError::FrontMatter { line, column, .. } => {
                assert_eq!(line, 3);
                assert!(column >= 7, "column {column}");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(matches!(parse("+++\ntitle = 1\n"), Err(ParseError::FrontMatter { .. })));
    }

    #[test]
    fn entities_are_sanitised_after_decoding() {
        let (a, report) =
            super::parse("+++\ntitle = \"a\\u001b[2Jb\"\n+++\nx&#27;[2Jy &#x202E;z `c&#7;d`\n", BidiPolicy::Remove)
                .unwrap();
        assert_eq!(a.meta.title, "ab");
        assert!(a.text.chars().all(|c| c == '\n' || !c.is_control()), "{:?}", a.text);
        assert!(!a.text.contains('\u{202E}'));
        assert!(report.escape_sequences + report.control_chars >= 2, "{report:?}");
    }

    #[test]
    fn front_matter_fields() {
        let a = parse("+++\ntitle = \"T\"\nsource = \"Wire\"\ndate = 2026-03-04\ntags = [\"a\", \"b\"]\nurl = \"https://x\"\n+++\n# T\n\nBody.\n")
            .unwrap();
        assert_eq!(a.meta.date.as_deref(), Some("2026-03-04"));
        assert_eq!(a.meta.tags, ["a", "b"]);
        assert_eq!(a.meta.url.as_deref(), Some("https://x"));
        // The H1 repeating the front-matter title is not shown a second time.
        assert_eq!(a.text, "T\n\nWire · 2026-03-04\n\nBody.");
    }

    #[test]
    fn yaml_front_matter_makes_the_headline_and_byline() {
        let a = parse("---\ntitle: \"Quay: night\"\nauthor: Ana Ruiz\ndate: 2026-03-04\n---\n# Quay: night\n\nBody.\n")
            .unwrap();
        assert_eq!(a.text, "Quay: night\n\nBy Ana Ruiz · 2026-03-04\n\nBody.");
        // A leading rule is Markdown, not front matter.
        let a = parse("---\n\nBody after a rule.\n").unwrap();
        assert_eq!(a.meta.title, "");
        assert_eq!(a.text.trim_start(), "Body after a rule.");
    }
}
