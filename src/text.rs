//! Text rules shared by the extractor, the reader and the outputs, so that each has one home.
//!
//! Which characters are quote marks, how an excerpt is shown between quote marks, sentence
//! ends, counted nouns ("1 match"), cutting a line to a display width, and folding text for
//! search and filters.

/// A character that is itself a quote mark, of any family: straight `"` and `'`, curly
/// `“ ” ‘ ’`, low and reversed `„ ‟ ‚ ‛`, and guillemets `« » ‹ ›`. The extractor skips runs of
/// them when reading a mark's context; the reader styles them as part of a quote.
///
/// ```
/// use quoth::text::is_quote_mark;
/// assert!("\"'“”‘’„‟‚‛«»‹›".chars().all(is_quote_mark));
/// assert!(!is_quote_mark('a') && !is_quote_mark('`'));
/// ```
pub fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{201F}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201A}'
            | '\u{201B}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2039}'
            | '\u{203A}'
    )
}

/// One character folded for matching, always to one character, so that a match in folded
/// text is a match in the original, char for char: typographic single quotes and apostrophes
/// to `'`, double quotes and guillemets to `"`, dashes and the minus sign to `-`, a letter with
/// accents to its base letter (López → Lopez, ç → c; letters that do not decompose, such as
/// ø or ß, stay), and with `lowercase` to its first lowercase letter.
///
/// ```
/// use quoth::text::fold_char;
/// assert_eq!(fold_char('’', true), '\'');
/// assert_eq!(fold_char('«', true), '"');
/// assert_eq!(fold_char('—', true), '-');
/// assert_eq!(fold_char('É', true), 'e');
/// assert_eq!(fold_char('É', false), 'E');
/// assert_eq!(fold_char('ø', true), 'ø');
/// ```
pub fn fold_char(c: char, lowercase: bool) -> char {
    let base = if c.is_ascii() {
        c
    } else {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{B4}' | '\u{2039}' | '\u{203A}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}' | '\u{BB}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => unicode_normalization::char::is_combining_mark(c)
                .then_some(c)
                .or_else(|| {
                    let mut base = None;
                    unicode_normalization::char::decompose_canonical(c, |d| {
                        base.get_or_insert(d);
                    });
                    base
                })
                .unwrap_or(c),
        }
    };
    if lowercase { base.to_lowercase().next().unwrap_or(base) } else { base }
}

/// `s` folded and lowercased (see [`fold_char`]), combining marks dropped, for comparing
/// names, titles and queries.
///
/// ```
/// use quoth::text::fold;
/// assert_eq!(fold("Andrés Manuel López’s “plan”"), "andres manuel lopez's \"plan\"");
/// assert_eq!(fold("Zoe\u{0308}"), "zoe");
/// ```
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|&c| c.is_ascii() || !unicode_normalization::char::is_combining_mark(c))
        .map(|c| fold_char(c, true))
        .collect()
}

/// An excerpt as a list shows it: between “ and ”, unless it already begins with a quote mark
/// (a bookmarked quote), where more marks would read `““…””`.
///
/// ```
/// use quoth::text::quoted_excerpt;
/// assert_eq!(quoted_excerpt("The vote was close."), "“The vote was close.”");
/// assert_eq!(quoted_excerpt("“We are close,” she said."), "“We are close,” she said.");
/// assert_eq!(quoted_excerpt("  «Oui», dit-il."), "«Oui», dit-il.");
/// ```
pub fn quoted_excerpt(s: &str) -> String {
    let s = s.trim();
    if s.starts_with(is_quote_mark) { s.to_owned() } else { format!("“{s}”") }
}

/// `n` and a noun, singular or plural as `n` asks: "1 article", "2 articles", "0 matches".
///
/// ```
/// use quoth::text::count;
/// assert_eq!(count(1, "article"), "1 article");
/// assert_eq!(count(3, "article"), "3 articles");
/// assert_eq!(count(1, "match"), "1 match");
/// assert_eq!(count(0, "match"), "0 matches");
/// assert_eq!(count(2, "story"), "2 stories");
/// assert_eq!(count(2, "day"), "2 days");
/// ```
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if noun.ends_with("ch") || noun.ends_with("sh") || noun.ends_with('s') || noun.ends_with('x') {
        format!("{n} {noun}es")
    } else if let Some(stem) = noun.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'i', 'o', 'u'])) {
        // "story" → "stories", but "day" → "days".
        format!("{n} {stem}ies")
    } else {
        format!("{n} {noun}s")
    }
}

/// Ends of sentences inside `block` (after `.`, `?`, `!`, `…` and any closing quotes or
/// brackets, before a space), plus the block end. A full stop after a title, an initial or an
/// abbreviation that the extractor's tokeniser reads as inside the sentence ("Mr. Holt",
/// "George W. Bush") is not an end, so the reader's passage selection and the extractor agree.
///
/// ```
/// use quoth::text::sentence_ends;
/// use quoth::span::Span;
/// let t = "One. “Two?” Three";
/// assert_eq!(sentence_ends(t, Span::new(0, t.len())), vec![4, 15, 21]);
/// let t = "Mr. Holt and Dr. Ek met. Then they left.";
/// assert_eq!(sentence_ends(t, Span::new(0, t.len())), vec![24, 40]);
/// ```
pub fn sentence_ends(text: &str, block: crate::span::Span) -> Vec<usize> {
    let s = block.slice(text);
    let mut out = Vec::new();
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if matches!(c, '.' | '?' | '!' | '…') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if is_quote_mark(d) || matches!(d, ')' | ']' | '.' | '?' | '!') {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            if !iter.peek().is_some_and(|&(_, d)| d.is_whitespace()) {
                continue;
            }
            if c == '.' && end == i + 1 && abbreviation_before(s, i) {
                continue;
            }
            out.push(block.start + end);
        }
    }
    if out.last() != Some(&block.end) && !s.is_empty() {
        out.push(block.end);
    }
    out
}

/// True when the full stop at `dot` in `s` follows an abbreviation that leaves the sentence
/// open (see [`crate::extract::abbreviation_continues`]).
fn abbreviation_before(s: &str, dot: usize) -> bool {
    let before = s.get(..dot).unwrap_or_default();
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || is_quote_mark(c) || c == '(')
        .map_or(0, |i| i + before.get(i..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8));
    let word = before.get(word_start..).unwrap_or_default();
    if word.is_empty() || !word.chars().next().is_some_and(char::is_alphabetic) {
        return false;
    }
    let after = s.get(dot + 1..).unwrap_or_default().trim_start();
    let next = after.split(|c: char| !c.is_alphanumeric()).next().filter(|w| !w.is_empty());
    crate::extract::abbreviation_continues(word, next)
}

/// Cuts `s` to at most `width` display columns (wide characters count two, a grapheme is
/// never split), ending with `…` when cut; whitespace before the `…` is dropped. The one
/// truncation for everything shown in a terminal: the screens and the command line's lists.
///
/// ```
/// use quoth::text::truncate_width;
/// assert_eq!(truncate_width("harbour ferry", 20), "harbour ferry");
/// assert_eq!(truncate_width("harbour ferry", 9), "harbour…");
/// assert_eq!(truncate_width("東京の港", 5), "東京…");
/// ```
pub fn truncate_width(s: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation as _;
    if crate::layout::display_width(s) <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = crate::layout::grapheme_width(g);
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.truncate(out.trim_end().len());
        out.push('…');
    }
    out
}
