//! Text rules shared by the extractor, the reader and the outputs, so that each has one home.
//!
//! Today: which characters are quote marks, and how an excerpt is shown between quote marks.
//! (Sentence ends and word counts still live in the tokeniser and the reader; see issue 13.)

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
/// ```
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if noun.ends_with("ch") || noun.ends_with("sh") || noun.ends_with('s') || noun.ends_with('x') {
        format!("{n} {noun}es")
    } else {
        format!("{n} {noun}s")
    }
}
