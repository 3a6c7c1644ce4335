//! Decoding and sanitising of untrusted article bytes: the first stage of the pipeline.
//!
//! Everything an article contains ends up drawn in a terminal, so this stage guarantees that
//! the text handed to the parsers holds no control characters except `\n`, no escape sequences
//! (CSI, OSC, DCS, SOS, PM, APC, in 7-bit and 8-bit form), no DEL, no stray zero-width
//! characters and, depending on [`BidiPolicy`], no bidirectional overrides or isolates.
//! Line endings are normalised to `\n` and tabs are expanded to spaces.

use serde::{Deserialize, Serialize};

/// What to do with bidirectional control characters (U+202A–202E, U+2066–2069, U+200E/200F,
/// U+061C), which can make text display in a different order from the one it is stored in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BidiPolicy {
    /// Replace each one with a visible placeholder such as `‹RLO›`.
    #[default]
    Placeholder,
    /// Remove them.
    Remove,
}

/// Counts of what sanitising removed or replaced, for the status line and warnings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SanitizeReport {
    pub escape_sequences: usize,
    pub control_chars: usize,
    pub bidi_controls: usize,
    pub invisible_chars: usize,
}

impl SanitizeReport {
    pub fn total(&self) -> usize {
        self.escape_sequences + self.control_chars + self.bidi_controls + self.invisible_chars
    }

    /// Adds the counts of a later pass.
    pub fn add(&mut self, other: SanitizeReport) {
        self.escape_sequences += other.escape_sequences;
        self.control_chars += other.control_chars;
        self.bidi_controls += other.bidi_controls;
        self.invisible_chars += other.invisible_chars;
    }
}

/// How the bytes were decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// A legacy encoding a web page declared (or windows-1252, the web's default for a page
    /// that is not UTF-8 and declares nothing), by its WHATWG name.
    Legacy(&'static str),
}

/// Bytes decoded into a string, with how many invalid sequences were replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    pub invalid_sequences: usize,
}

/// Why bytes could not be decoded as text at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary file (NUL byte at offset {offset})")]
    Binary { offset: usize },
}

/// Decodes bytes as UTF-8 (lossily, counting replacements) or as UTF-16 when a BOM says so.
/// A NUL byte in a file without a UTF-16 BOM means the file is binary.
///
/// ```
/// use quoth::article::sanitize::{decode, Encoding};
/// let d = decode(b"caf\xc3\xa9 \xff").unwrap();
/// assert_eq!(d.text, "café \u{FFFD}");
/// assert_eq!(d.invalid_sequences, 1);
/// assert_eq!(decode(b"\xff\xfeh\0i\0").unwrap().encoding, Encoding::Utf16Le);
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_owned(bytes.to_vec())
}

/// [`decode`] for bytes the caller no longer needs: valid UTF-8 becomes the string without a
/// copy, which matters for multi-megabyte articles.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(decode_utf16(rest, u16::from_le_bytes, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(decode_utf16(rest, u16::from_be_bytes, Encoding::Utf16Be));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(DecodeError::Binary { offset });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text, encoding: Encoding::Utf8, invalid_sequences: 0 }),
        Err(e) => {
            let bytes = e.into_bytes();
            let mut invalid = 0;
            let mut text = String::with_capacity(bytes.len());
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    invalid += 1;
                    text.push('\u{FFFD}');
                }
            }
            Ok(Decoded { text, encoding: Encoding::Utf8, invalid_sequences: invalid })
        }
    }
}

/// [`decode_owned`] for a web page: a page that is not valid UTF-8 is decoded in the encoding
/// its `<meta charset>` (or `http-equiv` content type) names near the top, else in
/// windows-1252 as browsers do. Valid UTF-8 stays UTF-8 whatever the page claims (mislabelled
/// pages are common; stray valid UTF-8 in a legacy page is not), and so does text that does
/// not look like HTML.
///
/// ```
/// use quoth::article::sanitize::{decode_html_owned, Encoding};
/// let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>".to_vec();
/// let d = decode_html_owned(page).unwrap();
/// assert!(d.text.contains("café"));
/// assert_eq!(d.encoding, Encoding::Legacy("windows-1252"));
/// ```
pub fn decode_html_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || std::str::from_utf8(&bytes).is_ok() {
        return decode_owned(bytes);
    }
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or_default();
    let head_text = String::from_utf8_lossy(head);
    if !super::html::looks_like_html(&head_text) {
        return decode_owned(bytes);
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(DecodeError::Binary { offset });
    }
    let declared =
        declared_charset(&head_text.to_ascii_lowercase()).and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()));
    // A page that says UTF-8 (or UTF-16, which an ASCII-compatible page cannot be) but is not:
    // its bytes are read as UTF-8 with replacements.
    let enc = match declared {
        Some(e) if e == encoding_rs::UTF_8 || e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => {
            return decode_owned(bytes);
        }
        Some(e) => e,
        None => encoding_rs::WINDOWS_1252,
    };
    let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
    let invalid = if had_errors { text.chars().filter(|&c| c == '\u{FFFD}').count() } else { 0 };
    Ok(Decoded { text: text.into_owned(), encoding: Encoding::Legacy(enc.name()), invalid_sequences: invalid })
}

/// The label after the first `charset=` in a lower-cased page head, if any.
fn declared_charset(head: &str) -> Option<&str> {
    let at = head.find("charset")?;
    let rest = head.get(at + "charset".len()..)?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end =
        rest.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))).unwrap_or(rest.len());
    rest.get(..end).filter(|l| !l.is_empty())
}

fn decode_utf16(bytes: &[u8], word: fn([u8; 2]) -> u16, encoding: Encoding) -> Decoded {
    let mut invalid = usize::from(bytes.len() % 2 == 1);
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    let mut text = String::with_capacity(bytes.len());
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => text.push(c),
            Err(_) => {
                invalid += 1;
                text.push('\u{FFFD}');
            }
        }
    }
    if invalid > 0 && bytes.len() % 2 == 1 {
        text.push('\u{FFFD}');
    }
    Decoded { text, encoding, invalid_sequences: invalid }
}

const TAB_WIDTH: usize = 4;

/// True for characters [`sanitize`] changes or removes.
fn needs_attention(c: char) -> bool {
    if c.is_ascii() {
        return (c < ' ' && c != '\n') || c == '\u{7f}';
    }
    // The non-ASCII that news is made of, answered without a table lookup: Latin-1 letters and
    // signs (not the soft hyphen), Latin Extended-A/B, and the dashes, quotes and ellipsis of
    // General Punctuation (U+2010–2027, U+2030–205F), all assigned and drawable.
    if matches!(c, '\u{A0}'..='\u{AC}' | '\u{AE}'..='\u{24F}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205F}') {
        return false;
    }
    c.is_control()
        || bidi_name(c).is_some()
        || is_invisible(c)
        || is_undrawable(c)
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200C}' | '\u{200D}' | '\u{E0000}'..='\u{E007F}')
}

/// Removes everything that must not reach a terminal, normalises line ends and expands tabs.
/// Text that needs nothing done is returned as it is, without a copy.
///
/// ```
/// use quoth::article::sanitize::{sanitize, BidiPolicy};
/// let (clean, report) = sanitize("a\x1b[31mred\x1b[0m\r\nb\u{202E}c", BidiPolicy::Placeholder);
/// assert_eq!(clean, "ared\nb‹RLO›c");
/// assert_eq!(report.escape_sequences, 2);
/// assert_eq!(report.bidi_controls, 1);
/// ```
pub fn sanitize(input: &str, bidi: BidiPolicy) -> (std::borrow::Cow<'_, str>, SanitizeReport) {
    let Some(first) = first_attention(input) else {
        return (std::borrow::Cow::Borrowed(input), SanitizeReport::default());
    };
    let (out, report) = sanitize_from(input, first, bidi);
    (std::borrow::Cow::Owned(out), report)
}

/// The byte offset of the first char that [`needs_attention`]: a byte loop over ASCII, a char
/// decode only for the rest.
fn first_attention(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Eight plain bytes at a time: printable ASCII, no control, DEL or non-ASCII byte.
        if bytes
            .get(i..i + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .is_some_and(|w| plain_ascii(u64::from_le_bytes(w)))
        {
            i += 8;
            continue;
        }
        if b < 0x80 {
            if (b < 0x20 && b != b'\n') || b == 0x7f {
                return Some(i);
            }
            i += 1;
        } else {
            let c = s.get(i..).and_then(|r| r.chars().next())?;
            if needs_attention(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// Whether all eight bytes of `w` are printable ASCII (0x20–0x7e).
fn plain_ascii(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below 0x20, or 0x7f or above, sets its high bit in one of these.
    let below_space = w.wrapping_sub(ONES * 0x20) & !w;
    let del_or_more = w.wrapping_add(ONES);
    (w | below_space | del_or_more) & HIGH == 0
}

/// Sanitises `input` whose first `clean` bytes need nothing: runs of clean text are copied
/// whole, and only the chars that need attention go through the match below.
fn sanitize_from(input: &str, clean: usize, bidi: BidiPolicy) -> (String, SanitizeReport) {
    let mut out = String::with_capacity(input.len());
    let mut report = SanitizeReport::default();
    // Tab stops: `column` chars of the current line lie before `out[counted..]`.
    let mut column = 0usize;
    let mut counted = 0usize;
    let mut base = clean;
    let mut chars = input.get(base..).unwrap_or_default().char_indices().peekable();
    push_run(&mut out, input.get(..clean).unwrap_or_default(), &mut column, &mut counted);
    loop {
        // Copy the clean run ahead in one go.
        let at = chars.peek().map_or(input.len(), |&(i, _)| base + i);
        let rest = input.get(at..).unwrap_or_default();
        let run = first_attention(rest).unwrap_or(rest.len());
        if run > 0 {
            push_run(&mut out, rest.get(..run).unwrap_or_default(), &mut column, &mut counted);
            base = at + run;
            chars = input.get(base..).unwrap_or_default().char_indices().peekable();
        }
        let Some((_, c)) = chars.next() else { break };
        match c {
            '\n' => {
                out.push('\n');
                (column, counted) = (0, out.len());
            }
            '\r' => {
                if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
                out.push('\n');
                (column, counted) = (0, out.len());
            }
            '\t' => {
                column += out.get(counted..).map_or(0, |s| s.chars().count());
                let n = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', n));
                (column, counted) = (column + n, out.len());
            }
            '\u{1b}' => {
                skip_escape(&mut chars);
                report.escape_sequences += 1;
            }
            // 8-bit C1 introducers of string and control sequences.
            '\u{9b}' => {
                skip_csi_body(&mut chars);
                report.escape_sequences += 1;
            }
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                skip_string_body(&mut chars);
                report.escape_sequences += 1;
            }
            '\u{85}' | '\u{2028}' | '\u{0B}' => {
                out.push('\n');
                (column, counted) = (0, out.len());
            }
            // A form feed is a page break: keep it as a paragraph break.
            '\u{0C}' | '\u{2029}' => {
                out.push_str("\n\n");
                (column, counted) = (0, out.len());
            }
            c if c.is_control() => report.control_chars += 1,
            c if bidi_name(c).is_some() => {
                report.bidi_controls += 1;
                if bidi == BidiPolicy::Placeholder {
                    out.push('‹');
                    out.push_str(bidi_name(c).unwrap_or("BIDI"));
                    out.push('›');
                }
            }
            c if is_invisible(c) => report.invisible_chars += 1,
            c if is_undrawable(c) => {
                out.push('\u{FFFD}');
                report.invisible_chars += 1;
            }
            // Tag characters only mean something inside a subdivision flag (🏴 + tags); on
            // their own they hide text ("ASCII smuggling").
            c @ '\u{E0020}'..='\u{E007F}' => {
                let in_flag = out
                    .chars()
                    .next_back()
                    .is_some_and(|p| p == '\u{1F3F4}' || ('\u{E0020}'..='\u{E007F}').contains(&p));
                if in_flag {
                    out.push(c);
                } else {
                    report.invisible_chars += 1;
                }
            }
            // Joiners hold emoji sequences and some scripts together; between plain ASCII
            // letters they only break searching and width maths.
            '\u{200C}' | '\u{200D}' => {
                let prev_ascii = out.chars().next_back().is_none_or(|p| p.is_ascii());
                let next_ascii = chars.peek().is_none_or(|&(_, n)| n.is_ascii());
                if prev_ascii || next_ascii {
                    report.invisible_chars += 1;
                } else {
                    out.push(c);
                }
            }
            c => out.push(c),
        }
    }
    (out, report)
}

/// Appends clean text, keeping the tab-stop bookkeeping of [`sanitize_from`] right.
fn push_run(out: &mut String, run: &str, column: &mut usize, counted: &mut usize) {
    let before = out.len();
    out.push_str(run);
    if let Some(nl) = memchr::memrchr(b'\n', run.as_bytes()) {
        (*column, *counted) = (0, before + nl + 1);
    }
}

type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

/// After an ESC: skip the rest of the sequence it introduces.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek().map(|&(_, c)| c) {
        Some('[') => {
            chars.next();
            skip_csi_body(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string_body(chars);
        }
        // nF sequences: intermediates 0x20–0x2F then one final byte.
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while chars.peek().is_some_and(|&(_, c)| ('\u{20}'..='\u{2f}').contains(&c)) {
                chars.next();
            }
            if chars.peek().is_some_and(|&(_, c)| ('\u{30}'..='\u{7e}').contains(&c)) {
                chars.next();
            }
        }
        // Two-character sequences (ESC 7, ESC c, ESC M, …).
        Some(c) if ('\u{30}'..='\u{7e}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E.
/// Anything else ends the sequence without being consumed, so a broken sequence cannot eat
/// the text after it.
fn skip_csi_body(chars: &mut Chars<'_>) {
    let mut n = 0;
    while let Some(&(_, c)) = chars.peek() {
        if ('\u{20}'..='\u{3f}').contains(&c) && n < 256 {
            chars.next();
            n += 1;
        } else {
            if ('\u{40}'..='\u{7e}').contains(&c) {
                chars.next();
            }
            return;
        }
    }
}

/// OSC, DCS, SOS, PM, APC: a string ended by BEL, ST (`ESC \` or U+009C). An unterminated
/// string ends at the next line break (kept) so that it cannot swallow the article.
fn skip_string_body(chars: &mut Chars<'_>) {
    while let Some(&(_, c)) = chars.peek() {
        match c {
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                chars.next();
                if chars.peek().is_some_and(|&(_, c)| c == '\\') {
                    chars.next();
                }
                return;
            }
            '\n' | '\r' => return,
            _ => {
                chars.next();
            }
        }
    }
}

/// Short names for the bidirectional control characters, shown in placeholders.
pub fn bidi_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "LRE",
        '\u{202B}' => "RLE",
        '\u{202C}' => "PDF",
        '\u{202D}' => "LRO",
        '\u{202E}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        '\u{200E}' => "LRM",
        '\u{200F}' => "RLM",
        '\u{061C}' => "ALM",
        _ => return None,
    })
}

/// Code points a terminal draws as nothing at all, while width tables count them as one
/// column: noncharacters (U+FDD0–FDEF and every U+xxFFFE / U+xxFFFF) and code points not yet
/// assigned in Unicode. Replaced with U+FFFD so that the screen is what quoth measured.
///
/// ```
/// # use quoth::article::sanitize::{sanitize, BidiPolicy};
/// assert_eq!(sanitize("a\u{FFFE}b\u{0378}c\u{10FFFF}", BidiPolicy::Remove).0, "a\u{FFFD}b\u{FFFD}c\u{FFFD}");
/// ```
pub fn is_undrawable(c: char) -> bool {
    let u = u32::from(c);
    if (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE {
        return true;
    }
    !c.is_ascii()
        && unicode_properties::UnicodeGeneralCategory::general_category(c)
            == unicode_properties::GeneralCategory::Unassigned
}

/// Invisible format characters that would make display widths disagree between quoth and the
/// terminal. Zero-width joiners and non-joiners stay: they hold emoji sequences and some scripts
/// together, and grapheme segmentation measures them correctly.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' // soft hyphen
            | '\u{180E}' // Mongolian vowel separator
            | '\u{200B}' // zero-width space
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{206A}'..='\u{206F}' // deprecated format characters
            | '\u{FEFF}' // byte order mark / ZWNBSP
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
            | '\u{E0000}'..='\u{E001F}' // tag characters outside the flag range
    )
}

/// Sanitises a short piece of text for a single screen line (titles, status messages, file
/// names): control characters and escape sequences removed, line breaks become spaces.
///
/// ```
/// use quoth::article::sanitize::clean_line;
/// assert_eq!(clean_line("a\x1b]0;pwned\x07b\nc"), "ab c");
/// ```
pub fn clean_line(s: &str) -> String {
    let (clean, _) = sanitize(s, BidiPolicy::Placeholder);
    if !clean.contains('\n') && clean.trim().len() == clean.len() && !clean.contains("  ") {
        return clean.into_owned();
    }
    let mut out = String::with_capacity(clean.len());
    for part in clean.split('\n').filter(|p| !p.trim().is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part.trim());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_byte_check_agrees_with_the_byte_test() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut w = *b"abcdefgh";
                w[pos] = b;
                let want = w.iter().all(|c| (0x20..0x7f).contains(c));
                assert_eq!(plain_ascii(u64::from_le_bytes(w)), want, "byte {b:#x} at {pos}");
            }
        }
        // A control char after a clean run of more than eight bytes is still found.
        assert_eq!(first_attention("abcdefghijklmnop\u{1b}[2J"), Some(16));
        assert_eq!(first_attention("abcdefghij\nklmnopqrstuvwxyz"), None);
    }

    #[track_caller]
    fn check(input: &str, want: &str) {
        let (got, _) = sanitize(input, BidiPolicy::Remove);
        assert_eq!(got, want, "sanitize({input:?})");
    }

    #[test]
    fn removes_escape_sequences() {
        check("a\x1b[1;31mb", "ab");
        check("a\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\b", "alinkb");
        check("a\x1b]52;c;ZXZpbA==\x07b", "ab");
        check("a\x1bPq#0;2;0;0;0\x1b\\b", "ab");
        check("a\u{9b}31mb", "ab");
        check("a\u{9d}0;title\u{9c}b", "ab");
        check("a\x1b7b\x1b8c", "abc");
        check("a\x1b(Bb", "ab");
        check("a\x1b", "a");
    }

    #[test]
    fn unterminated_string_stops_at_line_end() {
        check("a\x1b]0;never ends\nnext line", "a\nnext line");
    }

    #[test]
    fn broken_csi_does_not_eat_text() {
        check("a\x1b[12\u{e9}t\u{e9}", "a\u{e9}t\u{e9}");
    }

    #[test]
    fn controls_and_line_ends() {
        check("a\x07b\x7fc\u{85}d", "abc\nd");
        check("form\x0cfeed and\x0bvertical", "form\n\nfeed and\nvertical");
        check("a\r\nb\rc", "a\nb\nc");
        check("\tx\ty", "    x   y");
    }

    #[test]
    fn invisible_and_bidi() {
        check("a\u{200B}b\u{FEFF}c\u{202E}d\u{2066}e", "abcde");
        let (p, r) = sanitize("x\u{2067}y", BidiPolicy::Placeholder);
        assert_eq!(p, "x‹RLI›y");
        assert_eq!(r.bidi_controls, 1);
        // ZWJ inside an emoji sequence stays; between Latin letters it goes.
        check("👩\u{200D}🔬", "👩\u{200D}🔬");
        check("br\u{200D}idge re\u{200C}build", "bridge rebuild");
        check("\u{645}\u{200C}\u{6CC}", "\u{645}\u{200C}\u{6CC}");
        // Tags survive inside a subdivision flag only.
        let flag = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        check(flag, flag);
        check("a\u{E0068}\u{E0069}b", "ab");
    }

    #[test]
    fn decode_cases() {
        assert_eq!(decode(b"a\0b"), Err(DecodeError::Binary { offset: 1 }));
        assert_eq!(decode(b"\xef\xbb\xbfhi").map(|d| d.text), Ok("hi".to_owned()));
        assert_eq!(decode(b"\xfe\xff\0h\0i").map(|d| d.text), Ok("hi".to_owned()));
        let odd = decode(b"\xff\xfeh\0i").map(|d| d.invalid_sequences);
        assert_eq!(odd, Ok(1));
    }

    proptest::proptest! {
        #[test]
        fn output_has_no_controls(s in "\\PC*|[\\x00-\\x1f\\x7f-\\x9f\u{202a}-\u{202e}a-z ]*") {
            for policy in [BidiPolicy::Remove, BidiPolicy::Placeholder] {
                let (out, _) = sanitize(&s, policy);
                proptest::prop_assert!(out.chars().all(|c| c == '\n' || !c.is_control()));
                proptest::prop_assert!(!out.chars().any(|c| bidi_name(c).is_some()));
            }
        }
    }

    #[test]
    fn tabs_stop_every_four_columns_across_copied_runs() {
        let tab = |s: &str| sanitize(s, BidiPolicy::Placeholder).0.into_owned();
        assert_eq!(tab("a\tb"), "a   b");
        assert_eq!(tab("é“x\ty"), "é“x y");
        assert_eq!(tab("long line\nab\tc\td"), "long line\nab  c   d");
        assert_eq!(tab("x\r\n\ty"), "x\n    y");
        // A placeholder takes five columns.
        assert_eq!(tab("\u{202E}\tz"), "‹RLO›   z");
    }

    #[test]
    fn clean_runs_are_copied_between_what_is_removed() {
        let (out, r) = sanitize("Plain “quoted” text\u{1b}[2J and more — “again”\u{200B} end", BidiPolicy::Remove);
        assert_eq!(out, "Plain “quoted” text and more — “again” end");
        assert_eq!((r.escape_sequences, r.invisible_chars), (1, 1));
        // Text with nothing to do is not copied.
        assert!(matches!(sanitize("Café “ok” – fine…", BidiPolicy::Remove).0, std::borrow::Cow::Borrowed(_)));
    }
}
