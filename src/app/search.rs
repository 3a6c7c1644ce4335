//! Searching an article's text: smart case (case-insensitive unless the query has a capital),
//! typographic quotes, dashes and accents folded ([`crate::text::fold_char`]: ’ finds ', López
//! finds Lopez), matches as spans, a cap on how many are kept.

use crate::span::Span;

/// Most matches kept for one query (the count shown says when there were more).
pub const MAX_HITS: usize = 100_000;

/// True when the query should match case-sensitively (it contains an uppercase letter).
pub fn is_case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// All non-overlapping matches of `query` in `text`, in order, at most [`MAX_HITS`].
///
/// ```
/// use quoth::app::search::find_all;
/// use quoth::span::Span;
/// assert_eq!(find_all("Say it, say IT", "say"), vec![Span::new(0, 3), Span::new(8, 11)]);
/// assert_eq!(find_all("Say it, say IT", "IT"), vec![Span::new(12, 14)]);
/// assert_eq!(find_all("Éclair éclair", "éclair"), vec![Span::new(0, 7), Span::new(8, 15)]);
/// assert_eq!(find_all("López’s", "lopez's"), vec![Span::new(0, 10)]);
/// ```
pub fn find_all(text: &str, query: &str) -> Vec<Span> {
    let mut out = Vec::new();
    if query.is_empty() {
        return out;
    }
    let exact_case = is_case_sensitive(query);
    if !(text.is_ascii() && query.is_ascii()) {
        find_folded(text, query, !exact_case, &mut out);
    } else if exact_case {
        let mut from = 0;
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        while let Some(i) = text.as_bytes().get(from..).and_then(|rest| finder.find(rest)) {
            let start = from + i;
            out.push(Span::new(start, start + query.len()));
            from = start + query.len();
            if out.len() >= MAX_HITS {
                break;
            }
        }
    } else {
        find_ascii_nocase(text, query, &mut out);
    }
    out
}

fn find_ascii_nocase(text: &str, query: &str, out: &mut Vec<Span>) {
    let q = query.as_bytes();
    let bytes = text.as_bytes();
    let (lo, up) = (q[0].to_ascii_lowercase(), q[0].to_ascii_uppercase());
    let mut from = 0;
    while from + q.len() <= bytes.len() {
        let Some(rest) = bytes.get(from..) else { break };
        let Some(i) = memchr::memchr2(lo, up, rest) else {
            break;
        };
        let start = from + i;
        let end = start + q.len();
        if bytes.get(start..end).is_some_and(|w| w.eq_ignore_ascii_case(q)) {
            out.push(Span::new(start, end));
            if out.len() >= MAX_HITS {
                return;
            }
            from = end;
        } else {
            from = start + 1;
        }
    }
}

/// Matches char by char after folding both sides (one char folds to one, so a match's span
/// is the original chars').
fn find_folded(text: &str, query: &str, lowercase: bool, out: &mut Vec<Span>) {
    let fold = |c: char| crate::text::fold_char(c, lowercase);
    let q: Vec<char> = query.chars().map(fold).collect();
    let Some(&first) = q.first() else { return };
    let mut iter = text.char_indices();
    while let Some((start, c)) = iter.next() {
        if fold(c) != first {
            continue;
        }
        let mut rest = text.get(start..).unwrap_or_default().char_indices().skip(1);
        let mut end = start + c.len_utf8();
        let mut ok = true;
        for &want in q.iter().skip(1) {
            match rest.next() {
                Some((j, d)) if fold(d) == want => end = start + j + d.len_utf8(),
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            out.push(Span::new(start, end));
            if out.len() >= MAX_HITS {
                return;
            }
            // Continue after the match.
            while let Some((i, _)) = iter.clone().next() {
                if i >= end {
                    break;
                }
                iter.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, q: &str, want: &[&str]) {
        let got: Vec<&str> = find_all(text, q).iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, want, "find {q:?} in {text:?}");
    }

    #[test]
    fn cases() {
        check("aaaa", "aa", &["aa", "aa"]);
        check("The the THE", "the", &["The", "the", "THE"]);
        check("The the THE", "The", &["The"]);
        check("ÀB àb", "àb", &["ÀB", "àb"]);
        check("abc", "", &[]);
        check("“Quote” here", "quote", &["Quote"]);
    }

    #[test]
    fn quotes_dashes_and_accents_fold() {
        check("López said “no” — twice; Lopez agreed", "lopez", &["López", "Lopez"]);
        check("López said", "Lopez", &["López"]);
        check("lopez said", "Lopez", &[]);
        check("it’s and it's", "it's", &["it’s", "it's"]);
        check("it’s and it's", "it’s", &["it’s", "it's"]);
        check("a “b” c", "\"b\"", &["“b”"]);
        check("1990–1995 and 1990-1995", "1990-1995", &["1990–1995", "1990-1995"]);
        check("Crème brûlée", "creme brulee", &["Crème brûlée"]);
    }

    proptest::proptest! {
        #[test]
        fn hits_are_on_boundaries(text in "\\PC{0,60}", q in "\\PC{1,3}") {
            for h in find_all(&text, &q) {
                proptest::prop_assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
            }
        }
    }
}
