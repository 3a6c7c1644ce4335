//! Static word lists: speech cues, titles, role nouns, organisation heads, pronouns, forenames
//! and the small function-word classes the other stages test tokens against.
//!
//! Pipeline position: consulted once per word by the tokeniser ([`super::tokens`]), which
//! stores the [`Lex`] entry on the token; every later stage reads that entry instead of looking
//! words up again. All lists are general English news conventions written for quoth (see
//! `research/quote-extraction.md` §3); none is tied to a particular article.
//!
//! The lists live in plain `&str` tables for readability and are folded into one hash map on
//! first use, so that a lookup costs one hash of a lowercase stack buffer, not a scan of every
//! list.

mod names;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// A set of word classes (a word can be in several, e.g. "general" is a title and a role).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Classes(u32);

impl Classes {
    /// A speech or writing verb form ("said", "tells", "adding"); details in [`Lex::cue`].
    pub const CUE: Classes = Classes(1);
    /// A verb or word that introduces a name or label, not speech ("dubbed", "so-called").
    pub const NAMING: Classes = Classes(1 << 1);
    /// A title written before a name ("Sen.", "President", "Dr").
    pub const TITLE: Classes = Classes(1 << 2);
    /// A noun for a person or body that can speak ("spokeswoman", "minister", "police").
    pub const ROLE: Classes = Classes(1 << 3);
    /// The last word of an organisation's name ("Ministry", "Party", "Times").
    pub const ORG_HEAD: Classes = Classes(1 << 4);
    /// He, she, they, it, we, I, you; details in [`Lex::pronoun`].
    pub const PRONOUN: Classes = Classes(1 << 5);
    /// Articles, numerals, possessive determiners.
    pub const DETERMINER: Classes = Classes(1 << 6);
    /// Capitalised at the start of a sentence but never the start of a name.
    pub const STOPCAP: Classes = Classes(1 << 7);
    /// Lowercase connector inside a name ("de", "van", "bin").
    pub const PARTICLE: Classes = Classes(1 << 8);
    /// A given name; its gender is in [`Lex::gender`].
    pub const FORENAME: Classes = Classes(1 << 9);
    /// An adverb that may sit between a speaker and a cue ("also", "later").
    pub const ADVERB: Classes = Classes(1 << 10);
    /// An auxiliary or modal verb ("has", "would").
    pub const AUX: Classes = Classes(1 << 11);
    /// A time word ("Tuesday", "yesterday", "week").
    pub const TIME: Classes = Classes(1 << 12);
    /// A preposition.
    pub const PREP: Classes = Classes(1 << 13);
    /// An abbreviation whose period does not end a sentence ("Mr.", "Sen.", "Calif.").
    pub const ABBREV: Classes = Classes(1 << 14);
    /// A noun for where words were said ("statement", "interview").
    pub const REPORT_NOUN: Classes = Classes(1 << 15);
    /// A plural group that can speak ("officials", "police").
    pub const PLURAL: Classes = Classes(1 << 16);
    /// A month name.
    pub const MONTH: Classes = Classes(1 << 17);
    /// A name suffix ("Jr", "III").
    pub const SUFFIX: Classes = Classes(1 << 18);
    /// A form of "to be".
    pub const BE: Classes = Classes(1 << 19);
    /// A relative pronoun or subordinator that opens a clause ("who", "which", "that").
    pub const RELATIVE: Classes = Classes(1 << 20);
    /// A coordinating conjunction.
    pub const CONJ: Classes = Classes(1 << 21);
    /// A kind of work whose title is quoted ("show", "book", "song").
    pub const MEDIA: Classes = Classes(1 << 22);
    /// A word that introduces a quoted term ("slogan", "term", "hashtag").
    pub const TERM_INTRO: Classes = Classes(1 << 23);
    /// A title that is only an abbreviation and needs a name after it ("Mr", "Sen").
    pub const SHORT_TITLE: Classes = Classes(1 << 24);
    /// A news outlet or agency word that, capitalised, marks an organisation ("Reuters").
    pub const OUTLET: Classes = Classes(1 << 25);
    /// A demonym or party adjective ("Mexican", "Republican").
    pub const DEMONYM: Classes = Classes(1 << 26);
    /// A negation ("not", "never").
    pub const NEGATION: Classes = Classes(1 << 27);
    /// A subordinating conjunction that opens a clause ("while", "because").
    pub const SUBORDINATOR: Classes = Classes(1 << 28);

    pub const fn union(self, other: Classes) -> Classes {
        Classes(self.0 | other.0)
    }

    /// True when any class of `other` is in `self`.
    pub const fn has(self, other: Classes) -> bool {
        self.0 & other.0 != 0
    }
}

/// Grammatical gender as far as a word reveals it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) enum Gender {
    #[default]
    Unknown,
    Male,
    Female,
    /// Organisations and things ("it").
    Neuter,
}

impl Gender {
    /// Two genders that may belong to the same entity.
    pub fn compatible(self, other: Gender) -> bool {
        self == other || self == Gender::Unknown || other == Gender::Unknown
    }
}

/// The personal pronouns that can stand for a speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Pronoun {
    He,
    She,
    They,
    It,
    We,
    I,
    You,
}

impl Pronoun {
    pub fn gender(self) -> Gender {
        match self {
            Pronoun::He => Gender::Male,
            Pronoun::She => Gender::Female,
            Pronoun::It => Gender::Neuter,
            Pronoun::They | Pronoun::We | Pronoun::I | Pronoun::You => Gender::Unknown,
        }
    }

    /// First and second person in a reporting clause mean a nested quote or the reporter,
    /// never a speaker quoth can name.
    pub fn is_third_person(self) -> bool {
        matches!(self, Pronoun::He | Pronoun::She | Pronoun::They | Pronoun::It)
    }
}

/// How strongly a verb signals reported speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Strength {
    /// "said", "told", "added": speech whenever a speaker is next to it.
    Strong,
    /// "thinks", "called", "described": speech only with a quote right beside it.
    Weak,
}

/// Whether a cue can come before its speaker ("…,” said Ebrard).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Order {
    /// "said X", "added X", "asked X".
    Inverts,
    /// Only "X told", never "told X" (the word after is the addressee).
    SubjectFirst,
}

/// The inflection of a cue verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum VerbForm {
    Base,
    ThirdPerson,
    Past,
    /// "saying", "adding": the speaker is the subject of the main clause.
    Ing,
    /// A past participle that differs from the past ("written").
    Participle,
}

/// What a cue word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Cue {
    pub strength: Strength,
    pub order: Order,
    pub form: VerbForm,
    /// Verbs of saying proper ("say", "tell"), which also introduce indirect speech.
    pub reporting: Reporting,
}

/// Whether a cue verb introduces indirect speech ("said that …").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Reporting {
    /// "said", "told", "warned", "argued": "X said (that) clause" is reported speech.
    Clause,
    /// "laughed", "shouted": only with a quote.
    QuoteOnly,
}

/// Everything the lexicon knows about one word, packed into eight bytes so that it travels
/// in a register: the classes, and gender, pronoun and cue details in `info`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Lex {
    pub classes: Classes,
    info: u32,
}

// Layout of `Lex::info`.
const GENDER_BITS: u32 = 0b11;
const PRONOUN_SHIFT: u32 = 2;
const PRONOUN_BITS: u32 = 0b111 << PRONOUN_SHIFT;
const HAS_CUE: u32 = 1 << 5;
const WEAK: u32 = 1 << 6;
const SUBJECT_FIRST: u32 = 1 << 7;
const FORM_SHIFT: u32 = 8;
const FORM_BITS: u32 = 0b111 << FORM_SHIFT;
const QUOTE_ONLY: u32 = 1 << 11;

impl Lex {
    pub const fn has(self, c: Classes) -> bool {
        self.classes.has(c)
    }

    pub fn gender(self) -> Gender {
        match self.info & GENDER_BITS {
            1 => Gender::Male,
            2 => Gender::Female,
            3 => Gender::Neuter,
            _ => Gender::Unknown,
        }
    }

    fn set_gender(&mut self, g: Gender) {
        let bits = match g {
            Gender::Unknown => 0,
            Gender::Male => 1,
            Gender::Female => 2,
            Gender::Neuter => 3,
        };
        self.info = (self.info & !GENDER_BITS) | bits;
    }

    pub fn pronoun(self) -> Option<Pronoun> {
        // Asked of every word: a table read, not a jump through a match.
        const BY_BITS: [Option<Pronoun>; 8] = [
            None,
            Some(Pronoun::He),
            Some(Pronoun::She),
            Some(Pronoun::They),
            Some(Pronoun::It),
            Some(Pronoun::We),
            Some(Pronoun::I),
            Some(Pronoun::You),
        ];
        BY_BITS.get(((self.info & PRONOUN_BITS) >> PRONOUN_SHIFT) as usize).copied().flatten()
    }

    fn set_pronoun(&mut self, p: Pronoun) {
        let bits = match p {
            Pronoun::He => 1,
            Pronoun::She => 2,
            Pronoun::They => 3,
            Pronoun::It => 4,
            Pronoun::We => 5,
            Pronoun::I => 6,
            Pronoun::You => 7,
        };
        self.info = (self.info & !PRONOUN_BITS) | (bits << PRONOUN_SHIFT);
    }

    pub fn cue(self) -> Option<Cue> {
        if self.info & HAS_CUE == 0 {
            return None;
        }
        Some(Cue {
            strength: if self.info & WEAK == 0 { Strength::Strong } else { Strength::Weak },
            order: if self.info & SUBJECT_FIRST == 0 { Order::Inverts } else { Order::SubjectFirst },
            form: match (self.info & FORM_BITS) >> FORM_SHIFT {
                0 => VerbForm::Base,
                1 => VerbForm::ThirdPerson,
                2 => VerbForm::Past,
                3 => VerbForm::Ing,
                _ => VerbForm::Participle,
            },
            reporting: if self.info & QUOTE_ONLY == 0 { Reporting::Clause } else { Reporting::QuoteOnly },
        })
    }

    fn set_cue(&mut self, c: Cue) {
        let form = match c.form {
            VerbForm::Base => 0,
            VerbForm::ThirdPerson => 1,
            VerbForm::Past => 2,
            VerbForm::Ing => 3,
            VerbForm::Participle => 4,
        };
        let mut bits = HAS_CUE | (form << FORM_SHIFT);
        if c.strength == Strength::Weak {
            bits |= WEAK;
        }
        if c.order == Order::SubjectFirst {
            bits |= SUBJECT_FIRST;
        }
        if c.reporting == Reporting::QuoteOnly {
            bits |= QUOTE_ONLY;
        }
        self.info = (self.info & !(HAS_CUE | WEAK | SUBJECT_FIRST | FORM_BITS | QUOTE_ONLY)) | bits;
    }
}

/// Looks a word up (case-insensitive; the curly apostrophe counts as `'`).
pub(crate) fn lookup(word: &str) -> Lex {
    pack(word).map_or_else(Lex::default, |k| TABLE.get(k))
}

/// The high bit of every byte of a key: set only by bytes outside ASCII.
const HIGH: u128 = 0x8080_8080_8080_8080_8080_8080_8080_8080;

/// Bit 0x20 of every byte: the bit that tells a lowercase ASCII letter from its capital.
const CASE_BITS: u128 = 0x2020_2020_2020_2020_2020_2020_2020_2020;

/// For each length up to 16, the mask that keeps that many low bytes of a key: read from a
/// table, because a shift by a variable amount of a 128-bit value costs a dozen instructions
/// and a branch for the full width.
const WORD_MASKS: [u128; 17] = {
    let mut masks = [0; 17];
    let mut len = 1;
    while len <= 16 {
        masks[len] = u128::MAX >> (128 - 8 * len);
        len += 1;
    }
    masks
};

/// Looks up the word `text[start..start + len]` as the tokeniser cut it: ASCII letters and
/// digits, the joiners `.` `,` `'` `-` `&`, and non-ASCII characters. Short ASCII words take
/// the fast path of [`AsciiWord`].
#[inline]
pub(crate) fn lookup_at(text: &str, start: usize, len: usize) -> Lex {
    match AsciiWord::read(text.as_bytes(), start, len) {
        Some(w) => w.lookup(),
        None => text.get(start..start + len).map_or_else(Lex::default, lookup),
    }
}

/// The lexicon, resolved once: a caller that looks up many words in a row (the tokeniser,
/// per paragraph) holds this instead of checking the lazily built table at every word.
#[derive(Clone, Copy)]
pub(crate) struct Lexicon(&'static Table);

impl Lexicon {
    pub fn get() -> Lexicon {
        Lexicon(&TABLE)
    }

    /// The entry of a word read by [`AsciiWord`].
    #[inline]
    pub fn lookup(self, w: AsciiWord) -> Lex {
        self.0.get(w.key())
    }
}

/// A word of 1 to 16 ASCII bytes read with one sixteen-byte load and a mask, with no copy:
/// the tokeniser tells its case from these bytes and looks it up without reading it again.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AsciiWord {
    bytes: u128,
    mask: u128,
}

impl AsciiWord {
    /// The word `bytes[start..start + len]` as the tokeniser cut it (see [`lookup_at`]), if it
    /// is 1 to 16 ASCII bytes and sixteen bytes can be read from `start`.
    #[inline]
    pub fn read(bytes: &[u8], start: usize, len: usize) -> Option<AsciiWord> {
        debug_assert!(
            bytes.get(start..start + len).is_none_or(|w| w
                .iter()
                .all(|&b| b >= 0x80 || b.is_ascii_alphanumeric() || matches!(b, b'.' | b',' | b'\'' | b'-' | b'&'))),
            "not a word as the tokeniser cuts it"
        );
        let chunk = <[u8; 16]>::try_from(bytes.get(start..start + 16)?).ok()?;
        Self::new(u128::from_le_bytes(chunk), len)
    }

    /// The word made of the first `len` bytes (1 to 16) of `chunk`, sixteen bytes of text
    /// packed little-endian, if they are ASCII.
    #[inline]
    pub fn new(chunk: u128, len: usize) -> Option<AsciiWord> {
        let &mask = WORD_MASKS.get(len).filter(|_| len > 0)?;
        let x = chunk & mask;
        (x & HIGH == 0).then_some(AsciiWord { bytes: x, mask })
    }

    /// The word made of the first `len` bytes (1 to 16) of `chunk`, which the caller has
    /// found to be ASCII letters and digits: [`AsciiWord::new`] without testing them again.
    #[inline]
    pub fn alnum(chunk: u128, len: usize) -> Option<AsciiWord> {
        let &mask = WORD_MASKS.get(len).filter(|_| len > 0)?;
        debug_assert!(chunk & mask & HIGH == 0, "not ASCII");
        Some(AsciiWord { bytes: chunk & mask, mask })
    }

    /// The word's bytes, little-endian, zero after its end.
    pub fn bytes(self) -> u128 {
        self.bytes
    }

    /// The word's lexicon entry.
    #[inline]
    pub fn lookup(self) -> Lex {
        TABLE.get(self.key())
    }

    /// The word's key: its bytes lowercased. Of the ASCII bytes a word can hold, only
    /// capitals lack bit 0x20 (digits and the joiners have it), so setting it in every byte
    /// of the word lowercases it.
    fn key(self) -> u128 {
        self.bytes | (self.mask & CASE_BITS)
    }
}

/// The lowercase ASCII bytes of a word of at most 16 bytes, packed into one integer: the
/// lexicon's key. Longer words and words with other non-ASCII letters are in no list. Words
/// come from the tokeniser (letters, digits and joiners, never NUL), so zero padding cannot
/// make two words share a key.
fn pack(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.is_empty() {
        return None;
    }
    if bytes.len() <= 16 && bytes.is_ascii() {
        // The common case: read and lowercase in registers.
        return Some(ascii_lowercase(load_le(bytes)));
    }
    // Curly apostrophes count as `'` ("didn’t").
    if bytes.len() > 24 {
        return None;
    }
    let mut key = 0u128;
    let mut n = 0u32;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let c = if b < 0x80 {
            i += 1;
            b.to_ascii_lowercase()
        } else if bytes.get(i..i + 3) == Some("\u{2019}".as_bytes())
            || bytes.get(i..i + 3) == Some("\u{2018}".as_bytes())
        {
            i += 3;
            b'\''
        } else {
            return None;
        };
        if n >= 16 {
            return None;
        }
        key |= u128::from(c) << (8 * n);
        n += 1;
    }
    Some(key)
}

/// Up to sixteen bytes packed little-endian, zero after them: a few overlapping loads (and
/// no call to copy a slice of unknown length into a buffer).
fn load_le(b: &[u8]) -> u128 {
    let n = b.len();
    let first = |k: usize| b.get(..k).unwrap_or_default();
    let last = |k: usize| b.get(n.saturating_sub(k)..).unwrap_or_default();
    let u64_of = |s: &[u8]| <[u8; 8]>::try_from(s).map_or(0, u64::from_le_bytes);
    let u32_of = |s: &[u8]| <[u8; 4]>::try_from(s).map_or(0, u32::from_le_bytes);
    let byte = |i: usize| u64::from(b.get(i).copied().unwrap_or(0));
    if n >= 8 {
        // The last eight bytes, shifted down so that only those after the first eight stay.
        let high = u64_of(last(8)).checked_shr(8 * (16 - n as u32)).unwrap_or(0);
        u128::from(u64_of(first(8))) | u128::from(high) << 64
    } else if n >= 4 {
        // Two four-byte loads that overlap on identical bytes.
        u128::from(u64::from(u32_of(first(4))) | u64::from(u32_of(last(4))) << (8 * (n - 4)))
    } else if n > 0 {
        // One to three bytes: the first, the middle and the last cover them all.
        u128::from(byte(0) | byte(n / 2) << (8 * (n / 2)) | byte(n - 1) << (8 * (n - 1)))
    } else {
        0
    }
}

/// Packed ASCII bytes with capitals lowercased: the high bit marks each byte in `A..=Z`
/// (bytes are below 0x80, so adding to them never carries into the next), and moved down
/// to 0x20 it is the bit that lowercases it.
fn ascii_lowercase(x: u128) -> u128 {
    const ONES: u128 = u128::MAX / 0xFF;
    let upper = (x + ONES * (0x80 - 0x41)) & !(x + ONES * (0x80 - 0x5B)) & HIGH;
    x | (upper >> 2)
}

/// A perfect hash table from packed words to entries, built once ("hash and displace"): the
/// keys are split into small groups by their hash, and each group gets a displacement that
/// moves its keys to slots no other key uses. A lookup is then one hash, one read of the
/// group's displacement and one comparison with the single slot the key can be in: no
/// probing loop, so no branch that depends on the word, whether it is in a list or not.
///
/// Kept over a crate map on measurement: with an `FxHashMap<u128, Lex>` in its place,
/// `quoth extract --json` on 20 MB of dev text took 3-5 % more CPU time (0.40-0.45 s user
/// against 0.39-0.43 s, five alternating runs each), with identical output.
struct Table {
    /// Mixed into the hash; the first seed that lets every group find free slots.
    seed: u64,
    /// Shift that takes a hash's top bits as its group.
    group_shift: u32,
    /// Per group, the displacement of its keys.
    displacement: Vec<u32>,
    slots: Vec<Slot>,
    mask: usize,
}

/// A key (as two halves, so that a slot takes 24 bytes, not 32) and its entry. An empty slot
/// has the zero key, which no word packs to, and the empty entry.
#[derive(Clone, Copy, Default)]
struct Slot {
    lo: u64,
    hi: u64,
    lex: Lex,
}

/// Mixed into the high half of a key before hashing. Bit 63 is set in it and in every seed,
/// so that neither factor of the hash's product is ever zero (key bytes are ASCII).
const HASH_MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// How many displacements a group tries before the table is built again with another seed.
const MAX_DISPLACEMENT: u32 = 1 << 16;

impl Table {
    /// A folded multiply: the two halves of the 128-bit product of the key's halves, each
    /// mixed with a constant, xored together; every key bit reaches every hash bit.
    fn hash(key: u128, seed: u64) -> u64 {
        let a = (key as u64) ^ seed;
        let b = ((key >> 64) as u64) ^ HASH_MIX;
        let p = u128::from(a) * u128::from(b);
        (p as u64) ^ ((p >> 64) as u64)
    }

    /// The slot of a key with hash `h` in a group with displacement `d` (before masking):
    /// the low half of the hash moved by `d` steps of an odd stride taken from the high half,
    /// so that two keys of a group only meet for every `d` if both halves agree.
    fn place(h: u64, d: u32) -> usize {
        (h as u32).wrapping_add(d.wrapping_mul((h >> 32) as u32 | 1)) as usize
    }

    fn get(&self, key: u128) -> Lex {
        let h = Self::hash(key, self.seed);
        let d = self.displacement.get((h >> self.group_shift) as usize).copied().unwrap_or(0);
        let slot = self.slots.get(Self::place(h, d) & self.mask).copied().unwrap_or_default();
        if slot.lo == key as u64 && slot.hi == (key >> 64) as u64 { slot.lex } else { Lex::default() }
    }

    /// Builds the table of `entries` (distinct non-zero keys): a power of two of at least one
    /// and a half slots per key, four slots per group. A seed fails only when a group's keys
    /// cannot all be placed; another seed (and, after a few, a larger table) is then tried,
    /// which ends because distinct keys have distinct hashes for almost every seed.
    fn build(entries: &[(u128, Lex)]) -> Table {
        let mut len = (entries.len() * 3 / 2).next_power_of_two().max(64);
        let mut seed = 1 << 63;
        loop {
            for _ in 0..8 {
                if let Some(t) = Self::try_build(entries, seed, len) {
                    return t;
                }
                seed = (seed + HASH_MIX) | (1 << 63);
            }
            len *= 2;
        }
    }

    fn try_build(entries: &[(u128, Lex)], seed: u64, len: usize) -> Option<Table> {
        let groups = len / 4;
        let group_shift = 64 - groups.trailing_zeros();
        let group_of = |h: u64| (h >> group_shift) as usize;
        let hashes: Vec<u64> = entries.iter().map(|&(k, _)| Self::hash(k, seed)).collect();
        // The entries sorted by group (a counting sort): group g holds
        // `members[starts[g]..starts[g + 1]]`.
        let mut starts = vec![0usize; groups + 1];
        for &h in &hashes {
            *starts.get_mut(group_of(h) + 1)? += 1;
        }
        for g in 1..=groups {
            *starts.get_mut(g)? += *starts.get(g - 1)?;
        }
        let mut fill = starts.clone();
        let mut members = vec![0usize; entries.len()];
        for (i, &h) in hashes.iter().enumerate() {
            let at = fill.get_mut(group_of(h))?;
            *members.get_mut(*at)? = i;
            *at += 1;
        }
        let biggest = starts.windows(2).map(|w| if let [a, b] = w { b - a } else { 0 }).max().unwrap_or(0);
        let mut table = Table {
            seed,
            group_shift,
            displacement: vec![0; groups],
            slots: vec![Slot::default(); len],
            mask: len - 1,
        };
        let mut taken = vec![false; len];
        let mut places = Vec::with_capacity(biggest);
        // Big groups first, while the table is empty enough for them.
        for size in (1..=biggest).rev() {
            for g in 0..groups {
                let group = members.get(*starts.get(g)?..*starts.get(g + 1)?)?;
                if group.len() != size {
                    continue;
                }
                let d = (0..MAX_DISPLACEMENT).find(|&d| {
                    places.clear();
                    group.iter().all(|&i| {
                        let at = hashes.get(i).map_or(0, |&h| Self::place(h, d) & table.mask);
                        let free = !taken.get(at).copied().unwrap_or(true) && !places.contains(&at);
                        places.push(at);
                        free
                    })
                })?;
                *table.displacement.get_mut(g)? = d;
                for (&i, &at) in group.iter().zip(&places) {
                    let &(key, lex) = entries.get(i)?;
                    *taken.get_mut(at)? = true;
                    *table.slots.get_mut(at)? = Slot { lo: key as u64, hi: (key >> 64) as u64, lex };
                }
            }
        }
        Some(table)
    }
}

/// The lists merged by word before the table is built.
type Map = HashMap<u128, Lex, BuildHasherDefault<KeyHasher>>;

/// Hashes packed keys for [`Map`] with the table's own mix: the map is built once per
/// process from a few thousand list words, and the standard hasher (made to resist chosen
/// keys, which fixed lists are not) was about a third of the cost of building the lexicon.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Not used by u128 keys; kept correct for any other input.
        for &b in bytes {
            self.0 = Table::hash(u128::from(self.0) << 8 | u128::from(b), 1 << 63);
        }
    }

    fn write_u128(&mut self, key: u128) {
        self.0 = Table::hash(key, 1 << 63);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let entries: Vec<(u128, Lex)> = build().into_iter().filter(|&(k, _)| k != 0).collect();
    Table::build(&entries)
});

/// The packed key of a list word (list words are short lowercase ASCII).
fn key(word: &str) -> u128 {
    pack(word).unwrap_or(0)
}

fn add(t: &mut Map, word: &'static str, classes: Classes, gender: Gender) {
    let e = t.entry(key(word)).or_default();
    e.classes = e.classes.union(classes);
    if gender != Gender::Unknown && e.gender() == Gender::Unknown {
        e.set_gender(gender);
    }
}

fn add_all(t: &mut Map, words: &'static str, classes: Classes) {
    // The lists are ASCII: the byte-wise split finds the same words as `split_whitespace`.
    for w in words.split_ascii_whitespace() {
        add(t, w, classes, Gender::Unknown);
    }
}

fn build() -> Map {
    // Room for the lists' two thousand-odd words, so that the map is never rehashed.
    let mut t = Map::with_capacity_and_hasher(3000, BuildHasherDefault::default());
    for &(forms, strength, order, reporting) in CUE_VERBS {
        let mut it = forms.split_ascii_whitespace();
        let parts = [it.next(), it.next(), it.next(), it.next(), it.next()];
        let form_of = [VerbForm::Base, VerbForm::ThirdPerson, VerbForm::Past, VerbForm::Ing, VerbForm::Participle];
        for (w, form) in parts.into_iter().zip(form_of) {
            let Some(w) = w.filter(|w| *w != "-") else { continue };
            let e = t.entry(key(w)).or_default();
            e.classes = e.classes.union(Classes::CUE);
            // The first listing of a form wins ("read" is base and past: keep base).
            if e.cue().is_none() {
                e.set_cue(Cue { strength, order, form, reporting });
            }
        }
    }
    add_all(&mut t, NAMING_WORDS, Classes::NAMING);
    for &(w, g) in TITLES {
        add(&mut t, w, Classes::TITLE, g);
    }
    add_all(&mut t, SHORT_TITLES, Classes::SHORT_TITLE.union(Classes::TITLE));
    for &(w, g) in ROLES {
        add(&mut t, w, Classes::ROLE, g);
    }
    add_all(&mut t, PLURAL_ROLES, Classes::ROLE.union(Classes::PLURAL));
    add_all(&mut t, ORG_HEADS, Classes::ORG_HEAD);
    add_all(&mut t, OUTLETS, Classes::OUTLET);
    for &(w, p) in PRONOUNS {
        let e = t.entry(key(w)).or_default();
        e.classes = e.classes.union(Classes::PRONOUN);
        e.set_pronoun(p);
    }
    add_all(&mut t, DETERMINERS, Classes::DETERMINER);
    add_all(&mut t, STOPCAPS, Classes::STOPCAP);
    add_all(&mut t, PARTICLES, Classes::PARTICLE);
    add_all(&mut t, ADVERBS, Classes::ADVERB);
    add_all(&mut t, AUXILIARIES, Classes::AUX);
    add_all(&mut t, BE_FORMS, Classes::BE.union(Classes::AUX));
    add_all(&mut t, TIME_WORDS, Classes::TIME);
    add_all(&mut t, DAYS, Classes::TIME.union(Classes::STOPCAP));
    add_all(&mut t, MONTHS, Classes::MONTH.union(Classes::TIME));
    add_all(&mut t, PREPOSITIONS, Classes::PREP);
    add_all(&mut t, ABBREVIATIONS, Classes::ABBREV);
    add_all(&mut t, REPORT_NOUNS, Classes::REPORT_NOUN);
    add_all(&mut t, SUFFIXES, Classes::SUFFIX);
    add_all(&mut t, RELATIVES, Classes::RELATIVE);
    add_all(&mut t, CONJUNCTIONS, Classes::CONJ);
    add_all(&mut t, MEDIA_WORDS, Classes::MEDIA);
    add_all(&mut t, TERM_INTRODUCERS, Classes::TERM_INTRO);
    add_all(&mut t, DEMONYMS, Classes::DEMONYM);
    add_all(&mut t, NEGATIONS, Classes::NEGATION);
    add_all(&mut t, SUBORDINATORS, Classes::SUBORDINATOR);
    add_forenames(&mut t, names::MALE, Gender::Male);
    add_forenames(&mut t, names::FEMALE, Gender::Female);
    add_forenames(&mut t, names::UNISEX, Gender::Unknown);
    t
}

/// Forenames carry their gender, except that a name listed under both genders (or as unisex)
/// is unknown: gender only filters pronouns, so a wrong certainty is worse than none.
fn add_forenames(t: &mut Map, words: &'static str, gender: Gender) {
    for w in words.split_ascii_whitespace() {
        let e = t.entry(key(w)).or_default();
        let seen = e.classes.has(Classes::FORENAME);
        e.classes = e.classes.union(Classes::FORENAME);
        let g = if seen && e.gender() != gender || gender == Gender::Unknown {
            Gender::Unknown
        } else if seen {
            e.gender()
        } else {
            gender
        };
        e.set_gender(g);
    }
}

use Order::{Inverts, SubjectFirst};
use Reporting::{Clause, QuoteOnly};
use Strength::{Strong, Weak};

/// Cue verbs: "base third-person past ing [participle]" ("-" for a form that is no cue).
static CUE_VERBS: &[(&str, Strength, Order, Reporting)] = &[
    ("say says said saying", Strong, Inverts, Clause),
    ("tell tells told telling", Strong, SubjectFirst, Clause),
    ("add adds added adding", Strong, Inverts, Clause),
    ("ask asks asked asking", Strong, Inverts, QuoteOnly),
    ("reply replies replied replying", Strong, Inverts, Clause),
    ("respond responds responded responding", Strong, Inverts, QuoteOnly),
    ("answer answers answered answering", Strong, Inverts, QuoteOnly),
    ("write writes wrote writing written", Strong, Inverts, Clause),
    ("tweet tweets tweeted tweeting", Strong, Inverts, Clause),
    ("explain explains explained explaining", Strong, Inverts, Clause),
    ("insist insists insisted insisting", Strong, Inverts, Clause),
    ("note notes noted noting", Strong, Inverts, Clause),
    ("warn warns warned warning", Strong, Inverts, Clause),
    ("argue argues argued arguing", Strong, Inverts, Clause),
    ("claim claims claimed claiming", Strong, SubjectFirst, Clause),
    ("declare declares declared declaring", Strong, Inverts, Clause),
    ("announce announces announced announcing", Strong, Inverts, Clause),
    ("state states stated stating", Strong, Inverts, Clause),
    ("continue continues continued continuing", Strong, Inverts, QuoteOnly),
    ("recall recalls recalled recalling", Strong, Inverts, Clause),
    // No base form: "Remember, …" and "Question:" open sentences as imperatives and nouns.
    ("- remembers remembered remembering", Strong, Inverts, QuoteOnly),
    ("- questions questioned questioning", Strong, Inverts, QuoteOnly),
    ("admit admits admitted admitting", Strong, Inverts, Clause),
    ("acknowledge acknowledges acknowledged acknowledging", Strong, Inverts, Clause),
    ("concede concedes conceded conceding", Strong, Inverts, Clause),
    ("confirm confirms confirmed confirming", Strong, Inverts, Clause),
    ("counter counters countered countering", Strong, Inverts, Clause),
    ("retort retorts retorted retorting", Strong, Inverts, Clause),
    ("quip quips quipped quipping", Strong, Inverts, Clause),
    ("joke jokes joked joking", Strong, Inverts, Clause),
    ("laugh laughs laughed laughing", Strong, Inverts, QuoteOnly),
    ("sigh sighs sighed sighing", Strong, Inverts, QuoteOnly),
    ("shout shouts shouted shouting", Strong, Inverts, QuoteOnly),
    ("scream screams screamed screaming", Strong, Inverts, QuoteOnly),
    ("yell yells yelled yelling", Strong, Inverts, QuoteOnly),
    ("whisper whispers whispered whispering", Strong, Inverts, QuoteOnly),
    ("mutter mutters muttered muttering", Strong, Inverts, QuoteOnly),
    ("murmur murmurs murmured murmuring", Strong, Inverts, QuoteOnly),
    ("cry cries cried crying", Strong, Inverts, QuoteOnly),
    ("exclaim exclaims exclaimed exclaiming", Strong, Inverts, QuoteOnly),
    ("plead pleads pleaded pleading", Strong, Inverts, QuoteOnly),
    ("predict predicts predicted predicting", Strong, Inverts, Clause),
    ("caution cautions cautioned cautioning", Strong, Inverts, Clause),
    ("stress stresses stressed stressing", Strong, Inverts, Clause),
    ("emphasise emphasises emphasised emphasising", Strong, Inverts, Clause),
    ("emphasize emphasizes emphasized emphasizing", Strong, Inverts, Clause),
    ("complain complains complained complaining", Strong, Inverts, Clause),
    ("lament laments lamented lamenting", Strong, Inverts, Clause),
    ("boast boasts boasted boasting", Strong, Inverts, Clause),
    ("allege alleges alleged alleging", Strong, SubjectFirst, Clause),
    ("contend contends contended contending", Strong, Inverts, Clause),
    ("maintain maintains maintained maintaining", Strong, SubjectFirst, Clause),
    ("observe observes observed observing", Strong, Inverts, Clause),
    ("remark remarks remarked remarking", Strong, Inverts, Clause),
    ("comment comments commented commenting", Strong, Inverts, QuoteOnly),
    ("suggest suggests suggested suggesting", Strong, Inverts, Clause),
    ("testify testifies testified testifying", Strong, SubjectFirst, Clause),
    ("conclude concludes concluded concluding", Strong, Inverts, Clause),
    ("agree agrees agreed agreeing", Strong, Inverts, Clause),
    ("disagree disagrees disagreed disagreeing", Strong, Inverts, QuoteOnly),
    ("interject interjects interjected interjecting", Strong, Inverts, QuoteOnly),
    ("interrupt interrupts interrupted interrupting", Strong, Inverts, QuoteOnly),
    ("muse muses mused musing", Strong, Inverts, QuoteOnly),
    ("wonder wonders wondered wondering", Strong, Inverts, QuoteOnly),
    ("demand demands demanded demanding", Strong, Inverts, QuoteOnly),
    ("recount recounts recounted recounting", Strong, Inverts, Clause),
    ("reiterate reiterates reiterated reiterating", Strong, Inverts, Clause),
    ("repeat repeats repeated repeating", Strong, SubjectFirst, QuoteOnly),
    ("chant chants chanted chanting", Strong, Inverts, QuoteOnly),
    ("fume fumes fumed fuming", Strong, Inverts, QuoteOnly),
    ("beam beams beamed beaming", Strong, Inverts, QuoteOnly),
    ("bark barks barked barking", Strong, Inverts, QuoteOnly),
    ("snap snaps snapped snapping", Strong, Inverts, QuoteOnly),
    ("thunder thunders thundered thundering", Strong, Inverts, QuoteOnly),
    ("gush gushes gushed gushing", Strong, Inverts, QuoteOnly),
    ("proclaim proclaims proclaimed proclaiming", Strong, Inverts, Clause),
    ("elaborate elaborates elaborated elaborating", Strong, Inverts, QuoteOnly),
    ("reveal reveals revealed revealing", Strong, SubjectFirst, Clause),
    ("disclose discloses disclosed disclosing", Strong, SubjectFirst, Clause),
    ("object objects objected objecting", Strong, Inverts, QuoteOnly),
    ("protest protests protested protesting", Strong, Inverts, QuoteOnly),
    ("deny denies denied denying", Strong, SubjectFirst, Clause),
    ("vow vows vowed vowing", Strong, SubjectFirst, Clause),
    ("pledge pledges pledged pledging", Strong, SubjectFirst, Clause),
    ("promise promises promised promising", Strong, SubjectFirst, Clause),
    ("urge urges urged urging", Strong, SubjectFirst, QuoteOnly),
    ("inform informs informed informing", Strong, SubjectFirst, Clause),
    ("assure assures assured assuring", Strong, SubjectFirst, Clause),
    ("reassure reassures reassured reassuring", Strong, SubjectFirst, Clause),
    ("implore implores implored imploring", Strong, SubjectFirst, QuoteOnly),
    ("beg begs begged begging", Strong, SubjectFirst, QuoteOnly),
    ("opine opines opined opining", Strong, Inverts, Clause),
    ("scoff scoffs scoffed scoffing", Strong, Inverts, QuoteOnly),
    ("grumble grumbles grumbled grumbling", Strong, Inverts, QuoteOnly),
    ("marvel marvels marveled marveling marvelled", Strong, Inverts, QuoteOnly),
    ("rave raves raved raving", Strong, Inverts, QuoteOnly),
    ("reason reasons reasoned reasoning", Strong, Inverts, Clause),
    ("concur concurs concurred concurring", Strong, Inverts, Clause),
    ("clarify clarifies clarified clarifying", Strong, Inverts, Clause),
    ("assert asserts asserted asserting", Strong, Inverts, Clause),
    ("advise advises advised advising", Strong, Inverts, Clause),
    ("sing sings sang singing sung", Strong, Inverts, QuoteOnly),
    // "as X put it": only counted with "it" after it (see the attribution stage).
    ("put puts put putting", Weak, SubjectFirst, QuoteOnly),
    ("charge charges charged charging", Weak, Inverts, Clause),
    ("echo echoes echoed echoing", Weak, SubjectFirst, QuoteOnly),
    ("read reads read reading", Weak, Inverts, QuoteOnly),
    ("post posts posted posting", Weak, SubjectFirst, QuoteOnly),
    ("report reports reported reporting", Weak, SubjectFirst, Clause),
    ("think thinks thought thinking", Weak, SubjectFirst, Clause),
    ("believe believes believed believing", Weak, SubjectFirst, Clause),
    ("hope hopes hoped hoping", Weak, SubjectFirst, Clause),
    ("fear fears feared fearing", Weak, SubjectFirst, Clause),
    ("worry worries worried worrying", Weak, SubjectFirst, Clause),
    ("describe describes described describing", Weak, SubjectFirst, QuoteOnly),
    ("call calls called calling", Weak, SubjectFirst, QuoteOnly),
    ("estimate estimates estimated estimating", Weak, SubjectFirst, Clause),
    ("find finds found finding", Weak, SubjectFirst, Clause),
    ("indicate indicates indicated indicating", Weak, SubjectFirst, Clause),
    ("speculate speculates speculated speculating", Weak, SubjectFirst, Clause),
    ("quote quotes quoted quoting", Weak, SubjectFirst, QuoteOnly),
    // Verbs of stance whose object is often the speaker's own words: "praised the plan as
    // “bold”", "thanked him for “stepping up”".
    ("thank thanks thanked thanking", Weak, SubjectFirst, QuoteOnly),
    ("praise praises praised praising", Weak, SubjectFirst, QuoteOnly),
    ("accuse accuses accused accusing", Weak, SubjectFirst, QuoteOnly),
    ("blast blasts blasted blasting", Weak, SubjectFirst, QuoteOnly),
    ("slam slams slammed slamming", Weak, SubjectFirst, QuoteOnly),
    ("criticize criticizes criticized criticizing", Weak, SubjectFirst, QuoteOnly),
    ("criticise criticises criticised criticising", Weak, SubjectFirst, QuoteOnly),
    ("condemn condemns condemned condemning", Weak, SubjectFirst, QuoteOnly),
    ("mock mocks mocked mocking", Weak, SubjectFirst, QuoteOnly),
    ("dismiss dismisses dismissed dismissing", Weak, SubjectFirst, QuoteOnly),
    ("defend defends defended defending", Weak, SubjectFirst, QuoteOnly),
    ("applaud applauds applauded applauding", Weak, SubjectFirst, QuoteOnly),
    ("hail hails hailed hailing", Weak, SubjectFirst, QuoteOnly),
    ("tout touts touted touting", Weak, SubjectFirst, QuoteOnly),
    ("decry decries decried decrying", Weak, SubjectFirst, QuoteOnly),
    ("denounce denounces denounced denouncing", Weak, SubjectFirst, QuoteOnly),
    ("lambaste lambastes lambasted lambasting", Weak, SubjectFirst, QuoteOnly),
    ("welcome welcomes welcomed welcoming", Weak, SubjectFirst, QuoteOnly),
];

/// Words that name or label rather than report speech: a quote right after one is a term.
static NAMING_WORDS: &str = "dubbed dub dubs dubbing labelled labeled label labels branded \
    brand brands termed titled entitled nicknamed nickname so-called named";

/// Titles before a name, with the gender they imply.
static TITLES: &[(&str, Gender)] = &[
    ("mr", Gender::Male),
    ("sir", Gender::Male),
    ("lord", Gender::Male),
    ("king", Gender::Male),
    ("prince", Gender::Male),
    ("duke", Gender::Male),
    ("earl", Gender::Male),
    ("baron", Gender::Male),
    ("father", Gender::Male),
    ("fr", Gender::Male),
    ("brother", Gender::Male),
    ("sheikh", Gender::Male),
    ("emir", Gender::Male),
    ("sultan", Gender::Male),
    ("congressman", Gender::Male),
    ("councilman", Gender::Male),
    ("assemblyman", Gender::Male),
    ("chairman", Gender::Male),
    ("monsignor", Gender::Male),
    ("msgr", Gender::Male),
    ("mrs", Gender::Female),
    ("ms", Gender::Female),
    ("miss", Gender::Female),
    ("lady", Gender::Female),
    ("dame", Gender::Female),
    ("queen", Gender::Female),
    ("princess", Gender::Female),
    ("duchess", Gender::Female),
    ("countess", Gender::Female),
    ("baroness", Gender::Female),
    ("sister", Gender::Female),
    ("sheikha", Gender::Female),
    ("congresswoman", Gender::Female),
    ("councilwoman", Gender::Female),
    ("assemblywoman", Gender::Female),
    ("chairwoman", Gender::Female),
    ("madam", Gender::Female),
    ("mx", Gender::Unknown),
    ("dr", Gender::Unknown),
    ("doctor", Gender::Unknown),
    ("prof", Gender::Unknown),
    ("professor", Gender::Unknown),
    ("rev", Gender::Unknown),
    ("reverend", Gender::Unknown),
    ("pastor", Gender::Unknown),
    ("rabbi", Gender::Unknown),
    ("imam", Gender::Unknown),
    ("bishop", Gender::Unknown),
    ("archbishop", Gender::Unknown),
    ("cardinal", Gender::Unknown),
    ("pope", Gender::Male),
    ("ayatollah", Gender::Male),
    ("president", Gender::Unknown),
    ("president-elect", Gender::Unknown),
    ("vice", Gender::Unknown),
    ("premier", Gender::Unknown),
    ("chancellor", Gender::Unknown),
    ("minister", Gender::Unknown),
    ("secretary", Gender::Unknown),
    ("ambassador", Gender::Unknown),
    ("envoy", Gender::Unknown),
    ("commissioner", Gender::Unknown),
    ("speaker", Gender::Unknown),
    ("senator", Gender::Unknown),
    ("representative", Gender::Unknown),
    ("governor", Gender::Unknown),
    ("mayor", Gender::Unknown),
    ("councillor", Gender::Unknown),
    ("councilor", Gender::Unknown),
    ("alderman", Gender::Unknown),
    ("chair", Gender::Unknown),
    ("director", Gender::Unknown),
    ("judge", Gender::Unknown),
    ("justice", Gender::Unknown),
    ("magistrate", Gender::Unknown),
    ("prosecutor", Gender::Unknown),
    ("attorney", Gender::Unknown),
    ("general", Gender::Unknown),
    ("colonel", Gender::Unknown),
    ("major", Gender::Unknown),
    ("captain", Gender::Unknown),
    ("lieutenant", Gender::Unknown),
    ("sergeant", Gender::Unknown),
    ("corporal", Gender::Unknown),
    ("private", Gender::Unknown),
    ("admiral", Gender::Unknown),
    ("commander", Gender::Unknown),
    ("chief", Gender::Unknown),
    ("inspector", Gender::Unknown),
    ("detective", Gender::Unknown),
    ("sheriff", Gender::Unknown),
    ("deputy", Gender::Unknown),
    ("officer", Gender::Unknown),
    ("coach", Gender::Unknown),
    ("chef", Gender::Unknown),
    ("nurse", Gender::Unknown),
    ("delegate", Gender::Unknown),
    ("superintendent", Gender::Unknown),
    ("trooper", Gender::Unknown),
    ("leader", Gender::Unknown),
    ("founder", Gender::Unknown),
    ("ceo", Gender::Unknown),
    ("chairperson", Gender::Unknown),
    ("marshal", Gender::Unknown),
    ("commodore", Gender::Unknown),
    ("constable", Gender::Unknown),
    ("host", Gender::Unknown),
    ("anchor", Gender::Unknown),
    ("economist", Gender::Unknown),
    ("advocate", Gender::Unknown),
    ("spokesman", Gender::Male),
    ("spokeswoman", Gender::Female),
    ("spokesperson", Gender::Unknown),
];

/// Abbreviated titles: only ever titles (never a name or a role on their own).
static SHORT_TITLES: &str = "mr mrs ms mx dr prof rev fr sen rep gov lt gen col maj capt sgt \
    cpl pvt adm cmdr cdr det supt msgr cllr hon rt del insp";

/// Nouns for people (and bodies) that can be speakers, with gender when the word has one.
static ROLES: &[(&str, Gender)] = &[
    ("spokesman", Gender::Male),
    ("spokeswoman", Gender::Female),
    ("spokesperson", Gender::Unknown),
    ("official", Gender::Unknown),
    ("minister", Gender::Unknown),
    ("secretary", Gender::Unknown),
    ("president", Gender::Unknown),
    ("premier", Gender::Unknown),
    ("chancellor", Gender::Unknown),
    ("governor", Gender::Unknown),
    ("mayor", Gender::Unknown),
    ("senator", Gender::Unknown),
    ("lawmaker", Gender::Unknown),
    ("legislator", Gender::Unknown),
    ("congressman", Gender::Male),
    ("congresswoman", Gender::Female),
    ("representative", Gender::Unknown),
    ("councillor", Gender::Unknown),
    ("councilor", Gender::Unknown),
    ("diplomat", Gender::Unknown),
    ("ambassador", Gender::Unknown),
    ("envoy", Gender::Unknown),
    ("aide", Gender::Unknown),
    ("adviser", Gender::Unknown),
    ("advisor", Gender::Unknown),
    ("strategist", Gender::Unknown),
    ("analyst", Gender::Unknown),
    ("economist", Gender::Unknown),
    ("expert", Gender::Unknown),
    ("researcher", Gender::Unknown),
    ("scientist", Gender::Unknown),
    ("professor", Gender::Unknown),
    ("academic", Gender::Unknown),
    ("historian", Gender::Unknown),
    ("psychologist", Gender::Unknown),
    ("doctor", Gender::Unknown),
    ("physician", Gender::Unknown),
    ("nurse", Gender::Unknown),
    ("surgeon", Gender::Unknown),
    ("teacher", Gender::Unknown),
    ("principal", Gender::Unknown),
    ("student", Gender::Unknown),
    ("lawyer", Gender::Unknown),
    ("attorney", Gender::Unknown),
    ("barrister", Gender::Unknown),
    ("solicitor", Gender::Unknown),
    ("prosecutor", Gender::Unknown),
    ("judge", Gender::Unknown),
    ("magistrate", Gender::Unknown),
    ("officer", Gender::Unknown),
    ("detective", Gender::Unknown),
    ("inspector", Gender::Unknown),
    ("commander", Gender::Unknown),
    ("general", Gender::Unknown),
    ("soldier", Gender::Unknown),
    ("witness", Gender::Unknown),
    ("bystander", Gender::Unknown),
    ("resident", Gender::Unknown),
    ("neighbour", Gender::Unknown),
    ("neighbor", Gender::Unknown),
    ("villager", Gender::Unknown),
    ("survivor", Gender::Unknown),
    ("victim", Gender::Unknown),
    ("relative", Gender::Unknown),
    ("mother", Gender::Female),
    ("father", Gender::Male),
    ("parent", Gender::Unknown),
    ("son", Gender::Male),
    ("daughter", Gender::Female),
    ("husband", Gender::Male),
    ("wife", Gender::Female),
    ("widow", Gender::Female),
    ("widower", Gender::Male),
    ("sister", Gender::Female),
    ("brother", Gender::Male),
    ("friend", Gender::Unknown),
    ("colleague", Gender::Unknown),
    ("owner", Gender::Unknown),
    ("founder", Gender::Unknown),
    ("chairman", Gender::Male),
    ("chairwoman", Gender::Female),
    ("chair", Gender::Unknown),
    ("chairperson", Gender::Unknown),
    ("director", Gender::Unknown),
    ("executive", Gender::Unknown),
    ("manager", Gender::Unknown),
    ("coach", Gender::Unknown),
    ("player", Gender::Unknown),
    ("captain", Gender::Unknown),
    ("referee", Gender::Unknown),
    ("fan", Gender::Unknown),
    ("voter", Gender::Unknown),
    ("activist", Gender::Unknown),
    ("campaigner", Gender::Unknown),
    ("protester", Gender::Unknown),
    ("protestor", Gender::Unknown),
    ("organiser", Gender::Unknown),
    ("organizer", Gender::Unknown),
    ("worker", Gender::Unknown),
    ("employee", Gender::Unknown),
    ("farmer", Gender::Unknown),
    ("shopkeeper", Gender::Unknown),
    ("driver", Gender::Unknown),
    ("pilot", Gender::Unknown),
    ("passenger", Gender::Unknown),
    ("patient", Gender::Unknown),
    ("source", Gender::Unknown),
    ("insider", Gender::Unknown),
    ("negotiator", Gender::Unknown),
    ("mediator", Gender::Unknown),
    ("observer", Gender::Unknown),
    ("candidate", Gender::Unknown),
    ("nominee", Gender::Unknown),
    ("leader", Gender::Unknown),
    ("chief", Gender::Unknown),
    ("host", Gender::Unknown),
    ("anchor", Gender::Unknown),
    ("moderator", Gender::Unknown),
    ("correspondent", Gender::Unknown),
    ("columnist", Gender::Unknown),
    ("editor", Gender::Unknown),
    ("author", Gender::Unknown),
    ("narrator", Gender::Unknown),
    ("commentator", Gender::Unknown),
    ("pollster", Gender::Unknown),
    ("consultant", Gender::Unknown),
    ("operative", Gender::Unknown),
    ("staffer", Gender::Unknown),
    ("supporter", Gender::Unknown),
    ("critic", Gender::Unknown),
    ("opponent", Gender::Unknown),
    ("rival", Gender::Unknown),
    ("delegate", Gender::Unknown),
    ("member", Gender::Unknown),
    ("commissioner", Gender::Unknown),
    ("treasurer", Gender::Unknown),
    ("superintendent", Gender::Unknown),
    ("sheriff", Gender::Unknown),
    ("pastor", Gender::Unknown),
    ("priest", Gender::Male),
    ("bishop", Gender::Unknown),
    ("rabbi", Gender::Unknown),
    ("imam", Gender::Male),
    ("veteran", Gender::Unknown),
    ("businessman", Gender::Male),
    ("businesswoman", Gender::Female),
    ("billionaire", Gender::Unknown),
    ("man", Gender::Male),
    ("woman", Gender::Female),
    ("boy", Gender::Male),
    ("girl", Gender::Female),
    ("frontrunner", Gender::Unknown),
    ("front-runner", Gender::Unknown),
    ("incumbent", Gender::Unknown),
    ("challenger", Gender::Unknown),
    ("hopeful", Gender::Unknown),
    ("investigator", Gender::Unknown),
    ("politician", Gender::Unknown),
    ("advocate", Gender::Unknown),
    ("head", Gender::Unknown),
    ("engineer", Gender::Unknown),
    ("architect", Gender::Unknown),
    ("planner", Gender::Unknown),
    ("surveyor", Gender::Unknown),
    ("accountant", Gender::Unknown),
    ("auditor", Gender::Unknown),
    ("lecturer", Gender::Unknown),
    ("paramedic", Gender::Unknown),
    ("firefighter", Gender::Unknown),
    ("pharmacist", Gender::Unknown),
    ("dentist", Gender::Unknown),
    ("vet", Gender::Unknown),
    ("mechanic", Gender::Unknown),
    ("builder", Gender::Unknown),
    ("contractor", Gender::Unknown),
    ("geologist", Gender::Unknown),
    ("archaeologist", Gender::Unknown),
    ("biologist", Gender::Unknown),
    ("ecologist", Gender::Unknown),
    ("epidemiologist", Gender::Unknown),
    ("meteorologist", Gender::Unknown),
    ("forecaster", Gender::Unknown),
    ("curator", Gender::Unknown),
    ("librarian", Gender::Unknown),
    ("chemist", Gender::Unknown),
    ("physicist", Gender::Unknown),
    ("ministry", Gender::Neuter),
    ("department", Gender::Neuter),
    ("agency", Gender::Neuter),
    ("government", Gender::Neuter),
    ("administration", Gender::Neuter),
    ("council", Gender::Neuter),
    ("committee", Gender::Neuter),
    ("commission", Gender::Neuter),
    ("court", Gender::Neuter),
    ("union", Gender::Neuter),
    ("party", Gender::Neuter),
    ("campaign", Gender::Neuter),
    ("group", Gender::Neuter),
    ("organisation", Gender::Neuter),
    ("organization", Gender::Neuter),
    ("charity", Gender::Neuter),
    ("company", Gender::Neuter),
    ("firm", Gender::Neuter),
    ("bank", Gender::Neuter),
    ("regulator", Gender::Neuter),
    ("watchdog", Gender::Neuter),
    ("authority", Gender::Neuter),
    ("office", Gender::Neuter),
    ("newspaper", Gender::Neuter),
    ("network", Gender::Neuter),
    ("board", Gender::Neuter),
    ("club", Gender::Neuter),
    ("team", Gender::Neuter),
    ("embassy", Gender::Neuter),
    ("foundation", Gender::Neuter),
    ("institute", Gender::Neuter),
    ("university", Gender::Neuter),
    ("hospital", Gender::Neuter),
    ("school", Gender::Neuter),
    ("utility", Gender::Neuter),
    ("operator", Gender::Neuter),
    ("retailer", Gender::Neuter),
    ("manufacturer", Gender::Neuter),
    ("carmaker", Gender::Neuter),
    ("airline", Gender::Neuter),
    ("insurer", Gender::Neuter),
    ("lender", Gender::Neuter),
    ("broadcaster", Gender::Neuter),
    ("platform", Gender::Neuter),
];

/// Plural groups that can speak.
static PLURAL_ROLES: &str = "officials authorities police sources lawmakers legislators aides \
    advisers advisors experts analysts residents witnesses protesters protestors critics \
    supporters officers investigators prosecutors organizers organisers economists researchers \
    scientists doctors leaders members voters activists campaigners spokespeople executives \
    diplomats strategists observers negotiators managers employees workers students teachers \
    parents relatives politicians neighbors neighbours villagers survivors victims fans players staffers \
    senators ministers democrats republicans delegates attendees organizers";

/// The last word of an organisation's name.
static ORG_HEADS: &str = "ministry department agency authority commission committee council \
    court bank group inc ltd llc plc corp corporation company co association federation union \
    party institute university college school hospital trust foundation service services \
    police force forces army navy office administration campaign board bureau center centre \
    network news times post journal press tribune herald guardian magazine channel fund \
    project coalition alliance caucus senate house congress parliament government cabinet \
    organization organisation society league club team reserve institution laboratory \
    industries holdings partners media review report watch international initiative movement \
    front assembly legislature tribunal commission kremlin pentagon embassy consulate \
    airlines motors group agency radio television tv daily weekly gazette chronicle observer \
    examiner inquirer telegraph mirror express courier dispatch bulletin monitor economist \
    politico reuters bloomberg ap afp bbc cnn npr pbs abc nbc cbs msnbc fox";

/// Outlet and agency words: capitalised, they name an organisation.
static OUTLETS: &str = "reuters bloomberg ap afp bbc cnn npr pbs abc nbc cbs msnbc fox politico \
    axios breitbart buzzfeed vox slate salon twitter facebook instagram youtube google";

static PRONOUNS: &[(&str, Pronoun)] = &[
    ("he", Pronoun::He),
    ("she", Pronoun::She),
    ("they", Pronoun::They),
    ("it", Pronoun::It),
    ("we", Pronoun::We),
    ("i", Pronoun::I),
    ("you", Pronoun::You),
];

static DETERMINERS: &str = "the a an this these those one another two three four five six \
    seven eight nine ten several some many most few his her their its our my your each every \
    both any no all other such";

/// Capitalised at a sentence start but never the first word of a name.
static STOPCAPS: &str = "the a an but and or nor so yet in on at for as if when while after \
    before then however meanwhile this that these those there here what who whom whose why \
    how where which also still even now today tonight yesterday tomorrow last next some many \
    most all both each every no not with without from by to of about under over since until \
    although though because despite during instead yes oh well asked speaking according like \
    unlike among amid against between through across such only just more other another one \
    his her their our my your its it he she they we i you once later earlier again indeed \
    perhaps maybe thus hence therefore furthermore moreover besides otherwise whether unless \
    upon within toward towards into onto off out up down is was are were will would can could \
    should might must do does did has have had be been being let please thanks thank dear hey \
    sorry okay ok sure wow already ever never always sometimes often soon first second third \
    finally much none nothing everything something anything everyone someone anyone nobody \
    everybody somebody anybody former current old top senior late said says asked told \
    added wrote writes read reads earlier recently instead sadly clearly certainly obviously \
    apparently unfortunately fortunately interestingly importantly frankly honestly outside inside \
    beyond behind beside above below beneath around throughout along alongside amongst elsewhere \
    nearby overall afterwards";

static PARTICLES: &str = "de da di del della dei degli do dos das du des la le lo van von der \
    den ten ter te zu y bin bint binti ibn ben bat abu ould al el ul ud mac st";

static ADVERBS: &str = "also later then previously once again recently repeatedly simply first \
    finally further still even often never always sometimes too now already initially \
    subsequently separately publicly privately earlier just only quickly quietly flatly \
    bluntly openly angrily bluntly candidly calmly jokingly sarcastically ultimately \
    reportedly allegedly apparently immediately reluctantly softly loudly firmly proudly \
    tearfully emphatically";

static AUXILIARIES: &str = "has have had would will could should might may must can did does \
    do shall having";

static BE_FORMS: &str = "is was are were be been being am";

static TIME_WORDS: &str = "today yesterday tonight tomorrow morning afternoon evening night \
    week weekend month year earlier later last this next recently previously ago overnight \
    time day days weeks months years hours";

static DAYS: &str = "monday tuesday wednesday thursday friday saturday sunday";

static MONTHS: &str = "january february march april may june july august september october \
    november december jan feb mar apr jun jul aug sep sept oct nov dec";

static PREPOSITIONS: &str = "of for at in on to from with by about under over into onto during \
    after before since until against among amid between through across via per without \
    within toward towards upon near outside inside behind beyond";

/// Abbreviations whose period does not end a sentence.
static ABBREVIATIONS: &str = "mr mrs ms mx dr prof sen rep gov lt gen col capt sgt cpl adm \
    cmdr cdr det supt rev fr hon st mt jr sr inc ltd corp co no vs etc jan feb mar apr jun \
    jul aug sep sept oct nov dec dept pres msgr maj pvt ft ave blvd gov insp rt del e.g i.e \
    calif fla mass wash conn ill penn ariz mich minn tenn wis colo ala ga md nev okla ore va \
    vt ark ind kan ky mo mont neb pa wyo miss la a.m p.m u.s u.k u.n e.u d.c";

static REPORT_NOUNS: &str = "statement interview email e-mail post tweet letter release \
    conference briefing speech remarks address appearance op-ed column video call message \
    memo filing testimony hearing podcast broadcast rally event debate tweets posts \
    interviews emails statements";

const SUFFIXES: &str = "jr sr ii iii iv v phd md qc kc obe mbe cbe esq";

/// The longest word of a space-separated list, in bytes.
const fn longest_word(list: &str) -> usize {
    let bytes = list.as_bytes();
    let (mut i, mut run, mut longest) = (0, 0, 0);
    while i < bytes.len() {
        if bytes[i] == b' ' {
            run = 0;
        } else {
            run += 1;
            if run > longest {
                longest = run;
            }
        }
        i += 1;
    }
    longest
}

/// Whether `word` is a name suffix ("Jr", "III"). Suffixes are short ASCII words, so a longer
/// word is answered without a lookup (a curly apostrophe, which lookups fold to `'`, is in
/// no suffix either).
pub(crate) fn is_suffix(word: &str) -> bool {
    const LONGEST: usize = longest_word(SUFFIXES);
    word.len() <= LONGEST && lookup(word).has(Classes::SUFFIX)
}

static RELATIVES: &str = "who which that whom whose where when";

static CONJUNCTIONS: &str = "and or but nor yet so";

/// Kinds of works whose titles appear in quote marks.
static MEDIA_WORDS: &str = "show program programme book film movie song album series \
    documentary play musical novel column article essay podcast episode newspaper magazine \
    exhibition painting poem opera single track memoir report hit anthem ballad sitcom \
    drama shows programs books films movies songs albums novels";

/// Words that introduce a quoted term rather than speech.
static TERM_INTRODUCERS: &str = "term word phrase slogan hashtag motto nickname moniker \
    catchphrase label headline banner tagline acronym name terms words phrases slogans \
    hashtags signs sign";

static DEMONYMS: &str = "american british english scottish welsh irish french german italian \
    spanish portuguese dutch belgian swiss austrian swedish norwegian danish finnish polish \
    russian ukrainian turkish greek israeli palestinian iranian iraqi syrian saudi egyptian \
    chinese japanese korean indian pakistani afghan mexican canadian brazilian argentine \
    cuban venezuelan colombian australian african european asian arab muslim christian \
    jewish catholic republican democratic democrat conservative liberal labour progressive \
    libertarian federal national international";

static SUBORDINATORS: &str = "while as because if although though since unless whereas until \
    when whether after before once";

static NEGATIONS: &str = "not never no n't didn't doesn't don't wasn't isn't won't wouldn't";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_agrees_with_a_byte_copy() {
        let text = "Sen. JO Halvorsen said: AT&T, U.S. e-MAIL don't 1,000 abcdefghijklmnop ABCDEFGHIJKLMNOP @[`{";
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            for end in start..=bytes.len().min(start + 16) {
                let w = bytes.get(start..end).unwrap_or_default();
                let mut buf = [0u8; 16];
                for (slot, b) in buf.iter_mut().zip(w) {
                    *slot = b.to_ascii_lowercase();
                }
                assert_eq!(ascii_lowercase(load_le(w)), u128::from_le_bytes(buf), "{start}..{end}");
            }
        }
    }

    #[track_caller]
    fn check(word: &str, class: Classes, want: bool) {
        assert_eq!(lookup(word).has(class), want, "{word}");
    }

    #[test]
    fn suffixes_are_found_and_nothing_longer() {
        for w in SUFFIXES.split_whitespace() {
            assert!(is_suffix(w), "{w}");
            assert!(is_suffix(&w.to_uppercase()), "{w}");
        }
        for w in ["Jr.", "Smith", "III’s", "esq’", "Lee"] {
            assert!(!is_suffix(w), "{w}");
        }
    }

    #[test]
    fn classes_of_common_words() {
        let cases = [
            ("said", Classes::CUE, true),
            ("Said", Classes::CUE, true),
            ("SAID", Classes::CUE, true),
            ("sad", Classes::CUE, false),
            ("Sen", Classes::TITLE, true),
            ("spokeswoman", Classes::ROLE, true),
            ("Ministry", Classes::ORG_HEAD, true),
            ("However", Classes::STOPCAP, true),
            ("van", Classes::PARTICLE, true),
            ("Tuesday", Classes::TIME, true),
            ("Calif", Classes::ABBREV, true),
            ("statement", Classes::REPORT_NOUN, true),
            ("dubbed", Classes::NAMING, true),
            ("didn’t", Classes::NEGATION, true),
        ];
        for (w, c, want) in cases {
            check(w, c, want);
        }
    }

    #[test]
    fn cue_details() {
        let said = lookup("said").cue();
        assert!(matches!(
            said,
            Some(Cue { strength: Strength::Strong, order: Order::Inverts, form: VerbForm::Past, .. })
        ));
        let telling = lookup("telling").cue();
        assert!(matches!(telling, Some(Cue { order: Order::SubjectFirst, form: VerbForm::Ing, .. })));
    }

    #[test]
    fn genders() {
        assert_eq!(lookup("Mrs").gender(), Gender::Female);
        assert_eq!(lookup("spokesman").gender(), Gender::Male);
        assert_eq!(lookup("Margaret").gender(), Gender::Female);
        assert_eq!(lookup("Thomas").gender(), Gender::Male);
        assert_eq!(lookup("she").pronoun(), Some(Pronoun::She));
    }

    #[test]
    fn lookup_at_agrees_with_lookup() {
        let text = "Said the SPOKESWOMAN, quietly: “Mr. O’Neill didn’t” Ébrard E-MAIL U.S AT&T \
            1,000 1234567890123456789 Interviews";
        let mut at = 0;
        for w in text.split(|c: char| c.is_whitespace() || c == ',' || c == ':' || c == '“') {
            if let Some(i) = text.get(at..).and_then(|t| t.find(w)) {
                let start = at + i;
                assert_eq!(lookup_at(text, start, w.len()), lookup(w), "{w}");
                at = start + w.len();
            }
        }
        assert!(lookup_at(text, text.len() - "Interviews".len(), "Interviews".len()).has(Classes::REPORT_NOUN));
    }

    #[test]
    fn word_masks_keep_the_word() {
        let bytes = *b"0123456789abcdef";
        for (len, &mask) in WORD_MASKS.iter().enumerate() {
            let kept = (u128::from_le_bytes(bytes) & mask).to_le_bytes();
            assert_eq!(kept.get(..len), bytes.get(..len), "{len}");
            assert!(kept.iter().skip(len).all(|&b| b == 0), "{len}");
        }
    }

    #[test]
    fn every_list_word_fits_a_key() {
        let lists = [
            NAMING_WORDS,
            SHORT_TITLES,
            PLURAL_ROLES,
            ORG_HEADS,
            OUTLETS,
            DETERMINERS,
            STOPCAPS,
            PARTICLES,
            ADVERBS,
            AUXILIARIES,
            BE_FORMS,
            TIME_WORDS,
            DAYS,
            MONTHS,
            PREPOSITIONS,
            ABBREVIATIONS,
            REPORT_NOUNS,
            SUFFIXES,
            RELATIVES,
            CONJUNCTIONS,
            MEDIA_WORDS,
            TERM_INTRODUCERS,
            DEMONYMS,
            NEGATIONS,
            SUBORDINATORS,
            names::MALE,
            names::FEMALE,
            names::UNISEX,
        ];
        let mut words: Vec<&str> = lists.iter().flat_map(|l| l.split_whitespace()).collect();
        words.extend(CUE_VERBS.iter().flat_map(|c| c.0.split_whitespace()).filter(|w| *w != "-"));
        words.extend(TITLES.iter().map(|t| t.0));
        words.extend(ROLES.iter().map(|t| t.0));
        for w in words {
            assert!(pack(w).is_some(), "{w} is too long for a key");
            assert_ne!(lookup(w), Lex::default(), "{w}");
        }
    }

    #[test]
    fn long_and_non_ascii_words_are_unknown() {
        assert_eq!(lookup("antidisestablishmentarianism"), Lex::default());
        assert_eq!(lookup("Ébrard"), Lex::default());
        assert_eq!(lookup(""), Lex::default());
    }
}
