//! Names as the registry compares them: words lower-cased and stripped of possessives and
//! marks, interned so that names compare without allocating, with a cache of split names;
//! the role words of businesses and public bodies; and when two names are one person.

use super::FastMap;
use std::hash::Hasher;

pub(super) fn lower_words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace()).map(|w| name_word(w).to_lowercase()).filter(|w| !w.is_empty()).collect()
}

/// A word of a name as compared: its possessive ending and the marks around it dropped
/// ("(Smith’s" → "Smith"). Most words start and end with an ASCII letter and are returned
/// as they are, without decoding.
#[inline]
pub(super) fn name_word(w: &str) -> &str {
    let w = super::super::tokens::strip_possessive(w);
    match (w.as_bytes().first(), w.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() => w,
        _ => w.trim_matches(|c: char| !c.is_alphanumeric()),
    }
}

/// [`lower_words`] joined by single spaces, built in one string.
pub(super) fn lower_phrase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(char::is_whitespace) {
        let w = name_word(w);
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&w.to_lowercase());
        }
    }
    out
}

/// A lowercase word of a name, interned, so that names compare without allocating.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(super) struct Sym(pub(super) u32);

/// The words of person names, interned into one buffer (no allocation per word).
#[derive(Debug, Default)]
pub(super) struct Interner {
    pub(super) ids: FastMap<u64, Sym>,
    pub(super) buf: String,
    pub(super) spans: Vec<(u32, u32)>,
    pub(super) scratch: String,
}

/// A hash of a string with the registry's hasher.
pub(super) fn hash_str(s: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

impl Interner {
    pub(super) fn intern(&mut self, word: &str) -> Sym {
        self.scratch.clear();
        if word.is_ascii() {
            self.scratch.push_str(word);
            self.scratch.make_ascii_lowercase();
        } else {
            for c in word.chars() {
                self.scratch.extend(c.to_lowercase());
            }
        }
        let h = hash_str(&self.scratch);
        if let Some(&s) = self.ids.get(&h)
            && self.text(s) == self.scratch
        {
            return s;
        }
        let s = Sym(u32::try_from(self.spans.len()).unwrap_or(u32::MAX));
        let start = u32::try_from(self.buf.len()).unwrap_or(u32::MAX);
        self.buf.push_str(&self.scratch);
        let end = u32::try_from(self.buf.len()).unwrap_or(u32::MAX);
        self.spans.push((start, end));
        // On a (vanishingly rare) hash collision the first word keeps the key; the second
        // still gets its own symbol.
        self.ids.entry(h).or_insert(s);
        s
    }

    pub(super) fn text(&self, s: Sym) -> &str {
        self.spans.get(s.0 as usize).and_then(|&(a, b)| self.buf.get(a as usize..b as usize)).unwrap_or("")
    }
}

/// Most names have two or three words; six is plenty (longer ones keep their first word
/// and last five, which is what matching looks at).
pub(super) const NAME_WORDS: usize = 6;

/// A person's name as interned words, stored inline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct NameWords {
    pub(super) syms: [Sym; NAME_WORDS],
    pub(super) len: u8,
}

impl NameWords {
    pub(super) fn as_slice(&self) -> &[Sym] {
        self.syms.get(..usize::from(self.len)).unwrap_or(&[])
    }

    pub(super) fn len(&self) -> usize {
        usize::from(self.len)
    }

    pub(super) fn first(&self) -> Option<Sym> {
        self.as_slice().first().copied()
    }

    pub(super) fn last(&self) -> Option<Sym> {
        self.as_slice().last().copied()
    }

    pub(super) fn push(&mut self, s: Sym) {
        if usize::from(self.len) == NAME_WORDS {
            // Keep the first word, drop the second: the end of a name is what matches.
            self.syms.copy_within(2.., 1);
            self.len -= 1;
        }
        if let Some(slot) = self.syms.get_mut(usize::from(self.len)) {
            *slot = s;
            self.len += 1;
        }
    }
}

/// Interned words kept across documents before the interner starts afresh.
pub(super) const NAME_CACHE_WORDS: usize = 1 << 16;
/// Bytes of name text kept across documents before the name cache starts afresh.
pub(super) const NAME_CACHE_BYTES: usize = 1 << 20;

/// Names already split into interned words, by the hash of their exact text (held here, so
/// that an entry outlives the document it came from).
#[derive(Debug, Default)]
pub(super) struct NameCache {
    pub(super) by_hash: FastMap<u64, (u32, u32, NameWords)>,
    pub(super) text: String,
}

impl NameCache {
    pub(super) fn get(&self, key: u64, name: &str) -> Option<NameWords> {
        let &(start, end, words) = self.by_hash.get(&key)?;
        (self.text.get(start as usize..end as usize) == Some(name)).then_some(words)
    }

    pub(super) fn insert(&mut self, key: u64, name: &str, words: NameWords) {
        if self.by_hash.contains_key(&key) || self.text.len() + name.len() > NAME_CACHE_BYTES {
            return;
        }
        let (Ok(start), Ok(end)) = (u32::try_from(self.text.len()), u32::try_from(self.text.len() + name.len())) else {
            return;
        };
        self.text.push_str(name);
        self.by_hash.insert(key, (start, end, words));
    }

    pub(super) fn clear(&mut self) {
        self.by_hash.clear();
        self.text.clear();
    }
}

/// The interned words that identify a person: suffixes ("Jr.") dropped.
pub(super) fn name_words(words: &mut Interner, s: &str) -> NameWords {
    let mut out = NameWords::default();
    let parts = s.split(char::is_whitespace).map(name_word).filter(|w| !w.is_empty());
    // Suffixes only count at the end, so a word is held back until the next one arrives.
    let mut pending: [&str; 3] = [""; 3];
    let mut held = 0;
    for p in parts {
        if out.len() + held > 0 && held < pending.len() && super::super::lexicon::is_suffix(p) {
            if let Some(slot) = pending.get_mut(held) {
                *slot = p;
            }
            held += 1;
            continue;
        }
        for q in pending.iter().take(held) {
            out.push(words.intern(q));
        }
        held = 0;
        out.push(words.intern(p));
    }
    if out.len() == 0 {
        // A "name" made only of suffix-like words: keep them.
        for q in pending.iter().take(held) {
            out.push(words.intern(q));
        }
    }
    out
}

/// Role words that name a business: "the company said" means the firm the story is about.
pub(super) const BUSINESS_WORDS: &[&str] = &[
    "company",
    "firm",
    "utility",
    "operator",
    "retailer",
    "manufacturer",
    "carmaker",
    "airline",
    "insurer",
    "lender",
    "broadcaster",
    "platform",
    "bank",
];

/// Name words of bodies that are not businesses.
pub(super) const PUBLIC_BODIES: &[&str] = &[
    "ministry",
    "department",
    "agency",
    "authority",
    "commission",
    "committee",
    "council",
    "court",
    "union",
    "party",
    "board",
    "government",
    "police",
    "parliament",
    "assembly",
    "senate",
    "congress",
    "university",
    "school",
    "hospital",
    "trust",
    "association",
    "federation",
    "campaign",
    "office",
    "bureau",
];

/// Short titles stand for a role word ("Sen." → "senator") when binding roles.
pub(super) fn role_head(word: &str) -> &str {
    match word {
        "sen" => "senator",
        "rep" => "representative",
        "gov" => "governor",
        "gen" => "general",
        "prof" => "professor",
        "lt" => "lieutenant",
        "col" => "colonel",
        "capt" => "captain",
        "sgt" => "sergeant",
        "supt" => "superintendent",
        "det" => "detective",
        "adm" => "admiral",
        "cmdr" | "cdr" => "commander",
        "cllr" => "councillor",
        "insp" => "inspector",
        "maj" => "major",
        "cpl" => "corporal",
        other => other,
    }
}

/// A role as shown: lower case, short titles written out ("Sen." → "senator", "Lt. Gen." →
/// "lieutenant general").
pub(super) fn role_words(role: &str) -> String {
    let mut out = String::with_capacity(role.len());
    for w in role.split_whitespace() {
        let w = w.trim_end_matches('.').to_lowercase();
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(role_head(&w));
    }
    out
}

/// Do two forenames (or initials) agree? "j" agrees with "john".
pub(super) fn forename_agrees(a: &str, b: &str) -> bool {
    a == b || (a.chars().count() == 1 && b.starts_with(a)) || (b.chars().count() == 1 && a.starts_with(b))
}

/// Whether the name `short` can be another form of `long` (same surname assumed).
pub(super) fn same_person(words: &Interner, short: &[Sym], long: &[Sym]) -> bool {
    if short.len() == 1 || long.len() == 1 {
        return true;
    }
    // "Lopez Obrador" is the end of "Andres Manuel Lopez Obrador".
    if long.ends_with(short) || short.ends_with(long) {
        return true;
    }
    match (short.first(), long.first()) {
        (Some(&a), Some(&b)) => forename_agrees(words.text(a), words.text(b)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lower_phrase_is_the_lower_words_joined() {
        for s in [
            "",
            "  ",
            "Foreign  Secretary",
            "Sen.",
            "the party’s Élysée CHIEF",
            "Lt. Gen. (ret.)",
            "\u{212A}ing's aide",
        ] {
            assert_eq!(lower_phrase(s), lower_words(s).join(" "), "{s:?}");
        }
    }
}
