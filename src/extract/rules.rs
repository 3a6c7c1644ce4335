//! The attribution rules as data, in sieve order: each rule's id, its one-sentence
//! explanation (the "why" view) and its examples side by side, so that a rule's meaning lives
//! in one place. `tests/extract_rules.rs` runs every example end to end.
//!
//! The order is the order in which the paragraph loop (`extract::document`) tries them for a
//! quote, the first that fires winning:
//!
//! 1. a cue right after the quote: said X, X said, "according to X", a dash credit
//!    (`Para::trailing`), except that a quote ending its sentence after an attached leading
//!    cue ("X said: “….”") keeps that cue;
//! 2. what comes before the quote in its sentence (`Para::colon_name`, `Para::leading`,
//!    `Para::colon_intro`, `Para::possessive_credit`);
//! 3. a cue elsewhere in the sentence (`Para::same_sentence`);
//! 4. for a quote that opens a clause and has no cue after it: an earlier sentence of the
//!    paragraph, else the previous paragraph's speaker;
//! 5. otherwise unattributed.
//!
//! Reported speech is found afterwards from the cue clauses left over, and a nested quote is
//! never attributed on its own.

use super::Rule;

/// One rule: id (in the JSON output and the UI), explanation, and examples, each the text,
/// the quote's words and the speaker the rule must give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleCard {
    pub rule: Rule,
    pub id: &'static str,
    pub describe: &'static str,
    pub examples: &'static [(&'static str, &'static str, Option<&'static str>)],
}

/// Every rule, in sieve order; `RULES[r as usize].rule == r`.
pub const RULES: [RuleCard; 13] = [
    RuleCard {
        rule: Rule::AdjacentCue,
        id: "adjacent-cue",
        describe: "A speech verb right after the quote names the speaker beside it (“…,” said X / “…,” X said).",
        examples: &[
            ("“The dam will hold,” said Ilse Brandt.", "The dam will hold,", Some("Ilse Brandt")),
            ("“The dam will hold,” Omar Haddad said.", "The dam will hold,", Some("Omar Haddad")),
            // A party-and-state tag between the name and the verb.
            (
                "“Subpoenas are not optional,” Rep. Jovan Tallis (R-Utah) said.",
                "Subpoenas are not optional,",
                Some("Jovan Tallis"),
            ),
            ("“A lot of analysts said no,” remembered Roy Verley.", "A lot of analysts said no,", Some("Roy Verley")),
            (
                "“We act tonight,” Selma Laine, the harbour master, said on Friday.",
                "We act tonight,",
                Some("Selma Laine"),
            ),
            (
                "“We act tonight,” said the port authority’s director, Idris Mensah.",
                "We act tonight,",
                Some("Idris Mensah"),
            ),
            // A name before a role word the lexicon does not know: the speaker is the name
            // after it, whose verb it is; not the name that qualifies the role.
            (
                "“The fares will fall,” former Haddad speechwriter Lena Okafor said.",
                "The fares will fall,",
                Some("Lena Okafor"),
            ),
            (
                "“The fares will fall,” Norland Ferries timetabler Piet Aalders said.",
                "The fares will fall,",
                Some("Piet Aalders"),
            ),
            // Two people joined by "and": the first stays the speaker.
            ("“The fares will fall,” Lena Okafor and Piet Aalders said.", "The fares will fall,", Some("Lena Okafor")),
        ],
    },
    RuleCard {
        rule: Rule::AccordingTo,
        id: "according-to",
        describe: "The words are credited with “according to X”.",
        examples: &[
            ("According to Selma Laine, “the audit is finished.”", "the audit is finished.", Some("Selma Laine")),
            ("“The audit is finished,” according to Selma Laine.", "The audit is finished,", Some("Selma Laine")),
        ],
    },
    RuleCard {
        rule: Rule::DashCredit,
        id: "dash-credit",
        describe: "A name follows a dash right after the quote (“…” — X).",
        examples: &[("“Every river has a source” — Idris Mensah.", "Every river has a source", Some("Idris Mensah"))],
    },
    RuleCard {
        rule: Rule::LeadingCue,
        id: "leading-cue",
        describe: "The speaker and a speech verb come before the quote in the same sentence (X said: “…”).",
        examples: &[
            ("Pavel Quist told the council: “We need a new plan.”", "We need a new plan.", Some("Pavel Quist")),
            (
                "Ilse Brandt, the mayor, wrote on Monday, “The market stays open.”",
                "The market stays open.",
                Some("Ilse Brandt"),
            ),
        ],
    },
    RuleCard {
        rule: Rule::SplitQuote,
        id: "split-quote",
        describe: "The quote continues one split by its attribution (“…,” X said, “…”), so the same speaker says it.",
        examples: &[("“We tried,” said Nadia Varga, “and we failed.”", "and we failed.", Some("Nadia Varga"))],
    },
    RuleCard {
        rule: Rule::ColonIntro,
        id: "colon-intro",
        describe: "A colon introduces the quote, and the sentence's subject is the speaker (also when the colon ends the paragraph before).",
        examples: &[
            ("Selma Laine then turned to the committee: “Vote now.”", "Vote now.", Some("Selma Laine")),
            (
                "The Valley Gazette reports:\n\n“Only a quarter of the donors gave less than $200.”",
                "Only a quarter of the donors gave less than $200.",
                Some("Valley Gazette"),
            ),
            (
                "When the mayor died, Governor Alda Brink released the following statement:\n\n“We mourn a friend.”",
                "We mourn a friend.",
                Some("Alda Brink"),
            ),
            (
                "Harbour report, Tuesday - Omar Haddad: “Ships may enter after noon.”",
                "Ships may enter after noon.",
                Some("Omar Haddad"),
            ),
        ],
    },
    RuleCard {
        rule: Rule::PossessiveCredit,
        id: "possessive-credit",
        describe: "The quote is introduced as someone’s own words (X’s “…”).",
        examples: &[(
            "The town still remembers Ilse Brandt’s “we will never close this mine” promise.",
            "we will never close this mine",
            Some("Ilse Brandt"),
        )],
    },
    RuleCard {
        rule: Rule::SameSentence,
        id: "same-sentence",
        describe: "A speech verb elsewhere in the quote's sentence names the speaker.",
        examples: &[("“A disaster” is how Rob Tate described it, Kim Lau said.", "A disaster", Some("Kim Lau"))],
    },
    RuleCard {
        rule: Rule::PreviousSentence,
        id: "previous-sentence",
        describe: "An earlier sentence of the same paragraph names the speaker, and nobody else speaks in between.",
        examples: &[(
            "“We are ready,” said Omar Haddad. “The trucks leave at six.”",
            "The trucks leave at six.",
            Some("Omar Haddad"),
        )],
    },
    RuleCard {
        rule: Rule::Continuation,
        id: "continuation",
        describe: "The paragraph is only this quote and continues the speaker of the paragraph before.",
        examples: &[(
            "“We are ready,” said Omar Haddad.\n\n“The trucks leave at six.”",
            "The trucks leave at six.",
            Some("Omar Haddad"),
        )],
    },
    RuleCard {
        rule: Rule::ReportedSpeech,
        id: "reported-speech",
        describe: "A speech verb introduces these reported words without quote marks (X said that …).",
        examples: &[
            ("Nadia Varga said the bridge would reopen in May.", "the bridge would reopen in May", Some("Nadia Varga")),
            (
                "The bridge will reopen in May, Nadia Varga told reporters.",
                "The bridge will reopen in May",
                Some("Nadia Varga"),
            ),
        ],
    },
    RuleCard {
        rule: Rule::Nested,
        id: "nested",
        describe: "A quote inside another quote: the outer speaker is quoting someone, so it is not attributed on its own.",
        examples: &[("“He told me ‘never again,’ and I believed him,” said Pavel Quist.", "never again,", None)],
    },
    RuleCard {
        rule: Rule::Unattributed,
        id: "unattributed",
        describe: "No rule found a speaker close enough to be sure.",
        examples: &[
            ("“Nobody knows what comes next.”", "Nobody knows what comes next.", None),
            // A pronoun with nobody to refer to is not a guess.
            ("“It was the worst day of my life,” she said.", "It was the worst day of my life,", None),
            // A colon that ends a paragraph with nobody before it hands the quote to no one.
            ("Here is what the sign said:\n\n“Closed until spring.”", "Closed until spring.", None),
            // A person named in the quote's own sentence, by a verb of no known kind, stops
            // the previous paragraph's speaker from carrying over.
            (
                "“We are ready,” said Omar Haddad.\n\n“The trucks leave at six,” waved Ana Ruiz.",
                "The trucks leave at six,",
                None,
            ),
        ],
    },
];
