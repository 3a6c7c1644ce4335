//! Articles: one text string plus typed blocks that are spans into it.
//!
//! Pipeline position: file bytes → [`sanitize::decode`] → [`sanitize::sanitize`] → a parser
//! ([`plain`], [`markdown`], [`json`], [`html`]) → [`Article`]. Everything later (extraction, layout,
//! search, bookmarks) works on `Article::text` through [`Span`]s. The headline and byline are
//! blocks of the text too, so they can be searched and bookmarked like any paragraph; blocks are
//! separated by one blank line (`"\n\n"`) in the text.

pub mod feed;
pub(crate) mod front_matter;
pub mod html;
pub mod json;
pub mod markdown;
pub mod plain;
pub mod sanitize;

use crate::span::Span;
use sanitize::{BidiPolicy, DecodeError};
use serde::{Deserialize, Serialize};

/// Metadata shown in the library and the reader's header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: String,
    pub source: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
}

/// The most characters a single-line metadata field keeps (title, byline, source, date, URL,
/// each tag): a 10 MB line must not become a 10 MB title that every frame measures.
pub const MAX_FIELD_CHARS: usize = 500;

impl Meta {
    /// Cuts every single-line field to [`MAX_FIELD_CHARS`], marking a cut with `…`.
    pub fn cap_fields(&mut self) {
        cap(&mut self.title);
        for f in [&mut self.source, &mut self.author, &mut self.date, &mut self.url].into_iter().flatten() {
            cap(f);
        }
        self.tags.iter_mut().for_each(cap);
        self.tags.truncate(MAX_FIELD_CHARS);
    }
}

fn cap(s: &mut String) {
    if s.len() <= MAX_FIELD_CHARS {
        return;
    }
    if let Some((i, _)) = s.char_indices().nth(MAX_FIELD_CHARS - 1) {
        s.truncate(i);
        s.push('…');
    }
}

/// The marker in front of a list item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListMarker {
    Bullet,
    Number(u32),
}

/// What a block is, which decides how it is styled and whether quotes are looked for in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    /// The headline.
    Title,
    /// Author, source and date line.
    Byline,
    /// A subheading or standfirst between paragraphs.
    Subheading,
    /// A Markdown heading below the title (level 1–6).
    Heading {
        level: u8,
    },
    Paragraph,
    /// The first paragraph of a list item; later paragraphs of the item are `Paragraph`s with
    /// the same `list_depth`.
    ListItem {
        marker: ListMarker,
    },
    /// Preformatted text: line breaks are kept.
    Code,
    /// A horizontal rule (its span is empty).
    Rule,
}

impl BlockKind {
    /// True for blocks that are part of the story's running text (where quotes are looked for).
    pub fn is_body(self) -> bool {
        matches!(self, BlockKind::Paragraph | BlockKind::ListItem { .. } | BlockKind::Subheading)
    }
}

/// One block of the article: a paragraph, heading, list item, …
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    /// Nesting depth in lists (0 outside lists).
    pub list_depth: u8,
    /// Nesting depth in block quotes (0 outside block quotes).
    pub quote_depth: u8,
}

/// Inline styling from Markdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InlineStyle {
    Emphasis,
    Strong,
    Code,
    Strikethrough,
    /// A link; the number indexes `Article::links`.
    Link(u32),
}

/// A styled run of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inline {
    pub span: Span,
    pub style: InlineStyle,
}

/// The input formats quoth reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Plain,
    Markdown,
    Json,
    /// A web page (main content picked out) or an HTML fragment.
    Html,
}

impl Format {
    /// The format named by a file extension, if it names one.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Plain),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
            _ => None,
        }
    }

    /// Guesses the format from the content when the extension says nothing.
    pub fn sniff(text: &str) -> Format {
        let head = text.trim_start();
        if head.starts_with('{') {
            Format::Json
        } else if html::looks_like_html(head) {
            Format::Html
        } else if head.starts_with("+++")
            || front_matter::opens_yaml(head)
            || head.lines().take(40).any(|l| {
                let l = l.trim_start();
                l.starts_with("# ") || l.starts_with("## ") || l.starts_with("```")
            })
        {
            Format::Markdown
        } else {
            Format::Plain
        }
    }
}

/// A stable identity for an article's content: FNV-1a over its bytes with every run of ASCII
/// whitespace counted as one space (and none at the ends), so that reflowing, re-indenting or
/// changing line endings does not change it. Persisted in bookmarks: never change the
/// algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fingerprint(pub u64);

impl Fingerprint {
    /// ```
    /// use quoth::article::Fingerprint;
    /// assert_eq!(Fingerprint::of("a  b\n\nc"), Fingerprint::of("a b c"));
    /// assert_ne!(Fingerprint::of("a b c"), Fingerprint::of("a b d"));
    /// ```
    pub fn of(text: &str) -> Fingerprint {
        const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        let mut h = OFFSET;
        let mut started = false;
        let mut space = false;
        for &b in text.as_bytes() {
            if b.is_ascii_whitespace() {
                space = started;
                continue;
            }
            if space {
                h ^= u64::from(b' ');
                h = h.wrapping_mul(PRIME);
                space = false;
            }
            started = true;
            h ^= u64::from(b);
            h = h.wrapping_mul(PRIME);
        }
        Fingerprint(h)
    }

    /// Sixteen lowercase hex digits.
    pub fn to_hex(self) -> String {
        format!("{:016x}", self.0)
    }

    pub fn from_hex(s: &str) -> Option<Fingerprint> {
        u64::from_str_radix(s, 16).ok().map(Fingerprint)
    }
}

/// Something worth telling the user about an article that still loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadWarning {
    /// Invalid UTF-8 (or UTF-16) sequences were replaced with U+FFFD.
    InvalidText { encoding: sanitize::Encoding, replaced: usize },
    /// Control characters or escape sequences were removed.
    Sanitized { removed: usize },
    /// Bidirectional controls were shown as placeholders (or removed).
    Bidi { count: usize, removed: bool },
    /// Invisible characters (zero-width spaces, tag characters, …) were removed.
    Invisible { removed: usize },
    /// A problem in the file that did not stop it from loading.
    Note(String),
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadWarning::InvalidText { encoding, replaced } => {
                let e = match encoding {
                    sanitize::Encoding::Utf8 => "UTF-8",
                    sanitize::Encoding::Utf16Le | sanitize::Encoding::Utf16Be => "UTF-16",
                    sanitize::Encoding::Legacy(name) => name,
                };
                write!(f, "{replaced} invalid {e} sequence(s) replaced with �")
            }
            LoadWarning::Bidi { count, removed } => {
                let what = if *removed { "removed" } else { "shown as ‹…›" };
                write!(f, "{count} bidirectional control(s) {what}")
            }
            LoadWarning::Invisible { removed } => write!(f, "{removed} invisible character(s) removed"),
            LoadWarning::Sanitized { removed } => {
                write!(f, "{removed} control or escape sequence(s) removed")
            }
            LoadWarning::Note(s) => f.write_str(s),
        }
    }
}

/// Why an article could not be read. Positions are 1-based lines and columns in the file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error("front matter, line {line}, column {column}: {message}")]
    FrontMatter { line: usize, column: usize, message: String },
    #[error("JSON, line {line}, column {column}: {message}")]
    Json { line: usize, column: usize, message: String },
    #[error("feed: {0}")]
    Feed(String),
    #[error("the file holds no text")]
    Empty,
    /// [`Empty`](ParseError::Empty) for a stream: there was no file.
    #[error("no text came in")]
    EmptyInput,
}

/// Options for turning bytes into an article.
#[derive(Clone, Copy, Debug)]
pub struct ParseOptions {
    /// The format when known (from the extension); sniffed from the content otherwise.
    pub format: Option<Format>,
    pub bidi: BidiPolicy,
    /// The size limit the bytes were read under: bounds the work on hostile HTML.
    pub max_bytes: u64,
}

/// The size limit [`ParseOptions`] assume when none is given (64 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions { format: None, bidi: BidiPolicy::default(), max_bytes: DEFAULT_MAX_BYTES }
    }
}

/// A loaded article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub meta: Meta,
    /// The whole readable text: blocks separated by `"\n\n"`.
    pub text: String,
    /// Blocks in text order; their spans do not overlap.
    pub blocks: Vec<Block>,
    /// Inline styles (Markdown), sorted by start.
    pub inlines: Vec<Inline>,
    /// Link targets for [`InlineStyle::Link`].
    pub links: Vec<String>,
    pub format: Format,
    pub warnings: Vec<LoadWarning>,
    /// Computed on first use: `quoth extract` never needs it, and hashing is a tenth of its
    /// parse.
    fingerprint: LazyFingerprint,
}

/// An article's [`Fingerprint`], computed once when first asked for. Two articles with equal
/// text have equal fingerprints, so it takes no part in equality.
#[derive(Clone, Debug, Default)]
struct LazyFingerprint(std::sync::OnceLock<Fingerprint>);

impl PartialEq for LazyFingerprint {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LazyFingerprint {}

impl Article {
    /// An article of plain paragraphs (tests, generated text): `blocks` must tile `text`.
    pub fn from_blocks(meta: Meta, text: String, blocks: Vec<Block>, format: Format) -> Article {
        Article {
            meta,
            text,
            blocks,
            inlines: Vec::new(),
            links: Vec::new(),
            format,
            warnings: Vec::new(),
            fingerprint: LazyFingerprint::default(),
        }
    }

    /// The identity of this article's text (see [`Fingerprint`]).
    pub fn fingerprint(&self) -> Fingerprint {
        *self.fingerprint.0.get_or_init(|| Fingerprint::of(&self.text))
    }

    /// Replaces the text (and blocks), forgetting the fingerprint of the old text.
    pub fn set_text(&mut self, text: String, blocks: Vec<Block>) {
        self.text = text;
        self.blocks = blocks;
        self.fingerprint = LazyFingerprint::default();
    }

    /// Decodes, sanitises and parses article bytes.
    pub fn parse(bytes: &[u8], opts: ParseOptions) -> Result<Article, ParseError> {
        Article::parse_owned(bytes.to_vec(), opts)
    }

    /// [`parse`](Self::parse) for bytes the caller no longer needs (no copy of valid UTF-8).
    pub fn parse_owned(bytes: Vec<u8>, opts: ParseOptions) -> Result<Article, ParseError> {
        let decoded = match opts.format {
            // A page in a legacy encoding says which in its `<meta charset>`.
            Some(Format::Html) | None => sanitize::decode_html_owned(bytes)?,
            _ => sanitize::decode_owned(bytes)?,
        };
        let sanitize::Decoded { text: decoded, encoding, invalid_sequences } = decoded;
        let (cleaned, mut report) = sanitize::sanitize(&decoded, opts.bidi);
        // A cleaned copy replaces the decoded text at once: a large story is held twice, not
        // three times, while it is parsed.
        let cleaned = match cleaned {
            std::borrow::Cow::Owned(s) => Some(s),
            std::borrow::Cow::Borrowed(_) => None,
        };
        let clean = cleaned.unwrap_or(decoded);
        let format = opts.format.unwrap_or_else(|| Format::sniff(&clean));
        // Markdown entities and JSON escapes can produce control characters only after
        // parsing: those parsers sanitise again and add to the report.
        let (mut article, later) = match format {
            Format::Plain => (plain::parse(&clean), sanitize::SanitizeReport::default()),
            Format::Markdown => markdown::parse(&clean, opts.bidi)?,
            Format::Json => json::parse(&clean, opts.bidi)?,
            Format::Html => html::parse_page(&clean, opts.bidi, opts.max_bytes)?,
        };
        report.add(later);
        let mut warnings = Vec::new();
        if invalid_sequences > 0 {
            warnings.push(LoadWarning::InvalidText { encoding, replaced: invalid_sequences });
        }
        if report.escape_sequences + report.control_chars > 0 {
            warnings.push(LoadWarning::Sanitized { removed: report.escape_sequences + report.control_chars });
        }
        if report.bidi_controls > 0 {
            warnings.push(LoadWarning::Bidi { count: report.bidi_controls, removed: opts.bidi == BidiPolicy::Remove });
        }
        if report.invisible_chars > 0 {
            warnings.push(LoadWarning::Invisible { removed: report.invisible_chars });
        }
        article.warnings.splice(0..0, warnings);
        article.meta.cap_fields();
        Ok(article)
    }

    /// Parses text that is already known to be clean (tests, built-in samples).
    pub fn from_str_format(text: &str, format: Format) -> Result<Article, ParseError> {
        Article::parse(text.as_bytes(), ParseOptions { format: Some(format), ..Default::default() })
    }

    /// The text of a block.
    pub fn block_text(&self, index: usize) -> &str {
        self.blocks.get(index).map_or("", |b| b.span.slice(&self.text))
    }

    /// Index of the block containing `offset`, or the first block after it (the last block when
    /// `offset` is past the end). `None` only for an article without blocks.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        if self.blocks.is_empty() {
            return None;
        }
        let i = self.blocks.partition_point(|b| b.span.end <= offset && b.span.end < self.text.len());
        Some(i.min(self.blocks.len() - 1))
    }

    /// Indices of the blocks a reader navigates between with the paragraph keys: everything
    /// with text (rules and empty blocks are skipped).
    pub fn is_navigable(&self, index: usize) -> bool {
        self.blocks.get(index).is_some_and(|b| !b.span.is_empty())
    }

    /// Number of words in the text (for reading-time estimates).
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// Builds an article's text block by block, keeping spans consistent.
#[derive(Debug, Default)]
pub struct ArticleBuilder {
    text: String,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    links: Vec<String>,
}

impl ArticleBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder whose text will be about `bytes` long (the source's length: the text of a
    /// plain story is a little shorter), so that a large story's text is not copied to grow.
    pub fn with_capacity(bytes: usize) -> Self {
        ArticleBuilder { text: String::with_capacity(bytes + 64), ..Self::default() }
    }

    fn separate(&mut self) {
        if !self.blocks.is_empty() {
            self.text.push_str("\n\n");
        }
    }

    /// Appends a block; returns its span. Whitespace runs inside non-code blocks are folded.
    pub fn push(&mut self, kind: BlockKind, content: &str) -> Span {
        self.push_nested(kind, content, 0, 0)
    }

    /// Appends a block inside lists / block quotes.
    pub fn push_nested(&mut self, kind: BlockKind, content: &str, list_depth: u8, quote_depth: u8) -> Span {
        self.separate();
        let start = self.text.len();
        if kind == BlockKind::Code {
            self.text.push_str(content.trim_end_matches('\n'));
        } else {
            fold_whitespace_into(&mut self.text, content);
        }
        let span = Span::new(start, self.text.len());
        self.blocks.push(Block { kind, span, list_depth, quote_depth });
        span
    }

    /// Starts a block whose text is appended piece by piece (Markdown inline content).
    pub fn begin(&mut self) -> usize {
        self.separate();
        self.text.len()
    }

    /// Appends raw text to the block being built; returns its span.
    pub fn append(&mut self, s: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(s);
        Span::new(start, self.text.len())
    }

    /// Appends `s` with its whitespace runs folded to one space and its ends trimmed.
    pub fn append_folded(&mut self, s: &str) -> Span {
        let start = self.text.len();
        fold_whitespace_into(&mut self.text, s);
        Span::new(start, self.text.len())
    }

    /// Current end of the text.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Ends a block begun with [`begin`](Self::begin). An empty block is dropped (with the
    /// separator that preceded it).
    pub fn end(&mut self, start: usize, kind: BlockKind, list_depth: u8, quote_depth: u8) {
        // Trim trailing whitespace the inline content may have left.
        let trimmed = self.text.trim_end_matches([' ', '\n']).len().max(start);
        self.text.truncate(trimmed);
        if trimmed == start && kind != BlockKind::Rule {
            if !self.blocks.is_empty() {
                let keep = start.saturating_sub(2);
                self.text.truncate(keep);
            }
            self.inlines.retain(|i| i.span.start < start);
            return;
        }
        self.blocks.push(Block { kind, span: Span::new(start, trimmed), list_depth, quote_depth });
    }

    /// The text appended since `start` (a value returned by [`begin`](Self::begin)).
    pub fn text_since(&self, start: usize) -> &str {
        self.text.get(start..).unwrap_or_default()
    }

    /// Throws away a block begun at `start`, with its separator and styles.
    pub fn discard(&mut self, start: usize) {
        let keep = if self.blocks.is_empty() { start } else { start.saturating_sub(2) };
        self.text.truncate(keep.min(self.text.len()));
        self.inlines.retain(|i| i.span.start < keep);
    }

    /// Records an inline style over `span` (clamped to the text built so far).
    pub fn style(&mut self, span: Span, style: InlineStyle) {
        let span = Span::new(span.start.min(self.text.len()), span.end.min(self.text.len()));
        if !span.is_empty() {
            self.inlines.push(Inline { span, style });
        }
    }

    /// Registers a link target; returns its index for [`InlineStyle::Link`].
    pub fn link(&mut self, url: &str) -> u32 {
        self.links.push(sanitize::clean_line(url));
        u32::try_from(self.links.len() - 1).unwrap_or(u32::MAX)
    }

    /// True when no block has been added yet.
    pub fn has_blocks(&self) -> bool {
        !self.blocks.is_empty()
    }

    pub fn finish(mut self, meta: Meta, format: Format) -> Article {
        self.inlines.sort_by_key(|i| (i.span.start, i.span.end));
        // Held for as long as the article is open: no more than an eighth wasted.
        if self.text.capacity() - self.text.len() > self.text.len() / 8 + 4096 {
            self.text.shrink_to_fit();
        }
        Article {
            meta,
            text: self.text,
            blocks: self.blocks,
            inlines: self.inlines,
            links: self.links,
            format,
            warnings: Vec::new(),
            fingerprint: LazyFingerprint::default(),
        }
    }
}

/// Appends `s` with every whitespace run folded to one space and the ends trimmed.
fn fold_whitespace_into(out: &mut String, s: &str) {
    let s = s.trim();
    // Most paragraphs need no folding: copy them whole.
    if !needs_folding(s.as_bytes()) {
        out.push_str(s);
        return;
    }
    let mut first = true;
    for word in s.split_whitespace() {
        if !first {
            out.push(' ');
        }
        first = false;
        out.push_str(word);
    }
}

/// Whether UTF-8 text holds whitespace other than single spaces (`char::is_whitespace`): an
/// ASCII control space, two spaces in a row, or U+0085, U+00A0, U+1680, U+2000–200A,
/// U+2028/2029, U+202F, U+205F, U+3000 (found by their lead bytes). Vector searches for long
/// text; one pass over the bytes for short pieces, where setting up the searches costs more.
fn needs_folding(b: &[u8]) -> bool {
    static TWO_SPACES: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    static IDEOGRAPHIC_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("\u{3000}".as_bytes()));
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let unicode = |i: usize| match at(i) {
        0xc2 => matches!(at(i + 1), 0x85 | 0xa0),
        0xe1 => (at(i + 1), at(i + 2)) == (0x9a, 0x80),
        0xe2 => matches!((at(i + 1), at(i + 2)), (0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf) | (0x81, 0x9f)),
        0xe3 => (at(i + 1), at(i + 2)) == (0x80, 0x80),
        _ => false,
    };
    if b.len() < 64 {
        return b.iter().enumerate().any(|(i, &c)| match c {
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => true,
            b' ' => at(i + 1) == b' ',
            _ => unicode(i),
        });
    }
    memchr::memchr3(b'\n', b'\t', b'\r', b).is_some()
        || memchr::memchr2(0x0b, 0x0c, b).is_some()
        || TWO_SPACES.find(b).is_some()
        || memchr::memchr3_iter(0xc2, 0xe1, 0xe2, b).any(unicode)
        || IDEOGRAPHIC_SPACE.find(b).is_some()
}

/// Builds the byline shown under the headline from whatever metadata there is.
pub fn byline_text(meta: &Meta) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(a) = meta.author.as_deref().filter(|a| !a.trim().is_empty()) {
        let a = a.trim();
        if a.len() > 3 && a.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("by ")) {
            parts.push(a.to_owned());
        } else {
            parts.push(format!("By {a}"));
        }
    }
    if let Some(s) = meta.source.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push(s.trim().to_owned());
    }
    if let Some(d) = meta.date.as_deref().filter(|d| !d.trim().is_empty()) {
        parts.push(d.trim().to_owned());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_first_line_or_title_gives_a_short_title_and_headline() {
        // Plain text: a line that long is the body, and the title its beginning.
        let line = "word ".repeat(200_000);
        let a = Article::from_str_format(&line, Format::Plain).unwrap();
        assert!(a.meta.title.chars().count() < 100 && a.meta.title.ends_with('…'), "{}", a.meta.title);
        assert_eq!(a.blocks.len(), 1);
        assert_eq!(a.blocks[0].kind, BlockKind::Paragraph);
        // A title field: the headline block is the capped title, not the whole field.
        for (format, doc) in [
            (
                Format::Json,
                format!(
                    "{{\"title\": \"{}\", \"author\": \"{}\", \"body\": \"Body.\"}}",
                    "é".repeat(100_000),
                    "a".repeat(9000)
                ),
            ),
            (
                Format::Markdown,
                format!("+++\ntitle = \"{}\"\nauthor = \"{}\"\n+++\nBody.\n", "é".repeat(100_000), "a".repeat(9000)),
            ),
        ] {
            let a = Article::from_str_format(&doc, format).unwrap();
            assert_eq!(a.meta.title.chars().count(), MAX_FIELD_CHARS, "{format:?}");
            assert!(a.meta.title.ends_with('…'));
            assert_eq!(a.blocks[0].kind, BlockKind::Title);
            assert_eq!(a.block_text(0), a.meta.title, "{format:?}");
            assert!(a.blocks.iter().all(|b| b.span.len() <= 4 * MAX_FIELD_CHARS + 16), "{format:?}");
        }
    }

    #[test]
    fn builder_spans_tile_text() {
        let mut b = ArticleBuilder::new();
        b.push(BlockKind::Title, "A  title");
        b.push(BlockKind::Paragraph, " first\nparagraph ");
        let a = b.finish(Meta::default(), Format::Plain);
        assert_eq!(a.text, "A title\n\nfirst paragraph");
        assert_eq!(a.block_text(1), "first paragraph");
        assert_eq!(a.block_at(0), Some(0));
        assert_eq!(a.block_at(7), Some(1));
        assert_eq!(a.block_at(99), Some(1));
    }

    #[test]
    fn empty_begin_end_block_is_dropped() {
        let mut b = ArticleBuilder::new();
        b.push(BlockKind::Title, "T");
        let s = b.begin();
        b.end(s, BlockKind::Paragraph, 0, 0);
        b.push(BlockKind::Paragraph, "p");
        let a = b.finish(Meta::default(), Format::Markdown);
        assert_eq!(a.text, "T\n\np");
        assert_eq!(a.blocks.len(), 2);
    }

    #[test]
    fn sniff_formats() {
        assert_eq!(Format::sniff("  {\"title\": 1}"), Format::Json);
        assert_eq!(Format::sniff("+++\ntitle='x'\n+++\n"), Format::Markdown);
        assert_eq!(Format::sniff("---\ntitle: x\n---\nBody"), Format::Markdown);
        assert_eq!(Format::sniff("---\nA story after a rule.\n"), Format::Plain);
        assert_eq!(Format::sniff("Title\n\n# Heading\n"), Format::Markdown);
        assert_eq!(Format::sniff("Headline\n\nBody text."), Format::Plain);
    }

    #[test]
    fn byline_joins_parts() {
        let meta = Meta {
            author: Some("Ana Ruiz".into()),
            source: Some("Daily".into()),
            date: Some("2026-01-02".into()),
            ..Meta::default()
        };
        assert_eq!(byline_text(&meta).as_deref(), Some("By Ana Ruiz · Daily · 2026-01-02"));
        assert_eq!(byline_text(&Meta::default()), None);
    }

    #[test]
    fn the_byte_search_finds_exactly_the_unicode_spaces() {
        let long = "x".repeat(80);
        for c in (1..0x3100u32).filter_map(char::from_u32).filter(|&c| c != ' ') {
            for s in [format!("“a{c}b”"), format!("{long}“a{c}b”")] {
                assert_eq!(needs_folding(s.as_bytes()), c.is_whitespace(), "U+{:04X} in {}", u32::from(c), s.len());
            }
        }
        assert!(needs_folding(format!("{long}  ").as_bytes()));
        assert!(!needs_folding("one two three".as_bytes()));
        assert!(needs_folding("one  two".as_bytes()));
        let mut out = String::new();
        fold_whitespace_into(&mut out, " a \u{a0} b\n\tc ");
        assert_eq!(out, "a b c");
    }
}
