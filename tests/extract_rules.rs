//! Every attribution rule with its own examples, run end to end (one test per rule). The
//! examples are invented sentences; each names the quote to look at, the rule that must
//! have decided it and the speaker it must show (or none).
//!
//! [`every_rule_has_examples`] fails when a rule is added without examples here.

use quoth::extract::{Rule, extract_text};

/// Text, the quote's words, and the speaker the rule must give it.
type Example = (&'static str, &'static str, Option<&'static str>);

#[track_caller]
fn check(rule: Rule, examples: &[Example]) {
    assert!(!examples.is_empty(), "{} has no examples", rule.id());
    for &(text, words, speaker) in examples {
        let ex = extract_text(text);
        let Some(q) = ex.quotes.iter().find(|q| q.text(text) == words) else {
            let all: Vec<String> = ex.quotes.iter().map(|q| q.text(text)).collect();
            panic!("{}: no quote {words:?} in {text:?}; found {all:?}", rule.id());
        };
        assert_eq!(q.rule, rule, "rule for {words:?} in {text:?}");
        assert_eq!(ex.speaker_name(q), speaker, "speaker for {words:?} in {text:?}");
        if speaker.is_some() {
            assert!(
                q.cue.is_some() || matches!(rule, Rule::PreviousSentence | Rule::Continuation),
                "{}: no cue recorded for {words:?}",
                rule.id()
            );
        }
    }
}

fn examples(rule: Rule) -> &'static [Example] {
    match rule {
        Rule::AdjacentCue => &[
            ("“The dam will hold,” said Ilse Brandt.", "The dam will hold,", Some("Ilse Brandt")),
            ("“The dam will hold,” Omar Haddad said.", "The dam will hold,", Some("Omar Haddad")),
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
        ],
        Rule::SplitQuote => {
            &[("“We tried,” said Nadia Varga, “and we failed.”", "and we failed.", Some("Nadia Varga"))]
        }
        Rule::LeadingCue => &[
            ("Pavel Quist told the council: “We need a new plan.”", "We need a new plan.", Some("Pavel Quist")),
            (
                "Ilse Brandt, the mayor, wrote on Monday, “The market stays open.”",
                "The market stays open.",
                Some("Ilse Brandt"),
            ),
        ],
        Rule::AccordingTo => &[
            ("According to Selma Laine, “the audit is finished.”", "the audit is finished.", Some("Selma Laine")),
            ("“The audit is finished,” according to Selma Laine.", "The audit is finished,", Some("Selma Laine")),
        ],
        Rule::DashCredit => {
            &[("“Every river has a source” — Idris Mensah.", "Every river has a source", Some("Idris Mensah"))]
        }
        Rule::ColonIntro => &[
            ("Selma Laine then turned to the committee: “Vote now.”", "Vote now.", Some("Selma Laine")),
            (
                "Harbour report, Tuesday - Omar Haddad: “Ships may enter after noon.”",
                "Ships may enter after noon.",
                Some("Omar Haddad"),
            ),
        ],
        Rule::SameSentence => {
            &[("“A disaster” is how Rob Tate described it, Kim Lau said.", "A disaster", Some("Kim Lau"))]
        }
        Rule::PossessiveCredit => &[(
            "The town still remembers Ilse Brandt’s “we will never close this mine” promise.",
            "we will never close this mine",
            Some("Ilse Brandt"),
        )],
        Rule::PreviousSentence => &[(
            "“We are ready,” said Omar Haddad. “The trucks leave at six.”",
            "The trucks leave at six.",
            Some("Omar Haddad"),
        )],
        Rule::Continuation => &[(
            "“We are ready,” said Omar Haddad.\n\n“The trucks leave at six.”",
            "The trucks leave at six.",
            Some("Omar Haddad"),
        )],
        Rule::ReportedSpeech => &[
            ("Nadia Varga said the bridge would reopen in May.", "the bridge would reopen in May", Some("Nadia Varga")),
            (
                "The bridge will reopen in May, Nadia Varga told reporters.",
                "The bridge will reopen in May",
                Some("Nadia Varga"),
            ),
        ],
        Rule::Nested => &[("“He told me ‘never again,’ and I believed him,” said Pavel Quist.", "never again,", None)],
        Rule::Unattributed => &[
            ("“Nobody knows what comes next.”", "Nobody knows what comes next.", None),
            // A pronoun with nobody to refer to is not a guess.
            ("“It was the worst day of my life,” she said.", "It was the worst day of my life,", None),
        ],
    }
}

#[test]
fn every_rule_has_examples() {
    for rule in Rule::ALL {
        assert!(!examples(rule).is_empty(), "{}", rule.id());
        assert!(!rule.describe().is_empty(), "{}", rule.id());
    }
}

#[test]
fn rule_ids_are_unique() {
    let mut ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), Rule::ALL.len());
}

#[test]
fn adjacent_cue() {
    check(Rule::AdjacentCue, examples(Rule::AdjacentCue));
}

#[test]
fn split_quote() {
    check(Rule::SplitQuote, examples(Rule::SplitQuote));
}

#[test]
fn leading_cue() {
    check(Rule::LeadingCue, examples(Rule::LeadingCue));
}

#[test]
fn according_to() {
    check(Rule::AccordingTo, examples(Rule::AccordingTo));
}

#[test]
fn dash_credit() {
    check(Rule::DashCredit, examples(Rule::DashCredit));
}

#[test]
fn colon_intro() {
    check(Rule::ColonIntro, examples(Rule::ColonIntro));
}

#[test]
fn same_sentence() {
    check(Rule::SameSentence, examples(Rule::SameSentence));
}

#[test]
fn possessive_credit() {
    check(Rule::PossessiveCredit, examples(Rule::PossessiveCredit));
}

#[test]
fn previous_sentence() {
    check(Rule::PreviousSentence, examples(Rule::PreviousSentence));
}

#[test]
fn continuation() {
    check(Rule::Continuation, examples(Rule::Continuation));
}

#[test]
fn reported_speech() {
    check(Rule::ReportedSpeech, examples(Rule::ReportedSpeech));
}

#[test]
fn nested() {
    check(Rule::Nested, examples(Rule::Nested));
}

#[test]
fn unattributed() {
    check(Rule::Unattributed, examples(Rule::Unattributed));
}
