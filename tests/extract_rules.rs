//! Every attribution rule with its own examples, run end to end (one test per rule). The
//! examples are invented sentences; each names the quote to look at, the rule that must
//! have decided it and the speaker it must show (or none).
//!
//! The examples live beside each rule in `quoth::extract::rules::RULES`;
//! [`every_rule_has_examples`] fails when a rule is added without any.

use quoth::extract::rules::RULES;
use quoth::extract::{Rule, extract_text};

/// The rule's examples, run end to end.
#[track_caller]
fn check(rule: Rule) {
    let card = rule.card();
    assert!(!card.examples.is_empty(), "{} has no examples", rule.id());
    for &(text, words, speaker) in card.examples {
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

#[test]
fn every_rule_has_examples() {
    for rule in Rule::ALL {
        assert!(!rule.card().examples.is_empty(), "{}", rule.id());
        assert!(!rule.describe().is_empty(), "{}", rule.id());
    }
}

#[test]
fn the_table_is_in_enum_order_so_a_rule_finds_its_card() {
    for (i, card) in RULES.iter().enumerate() {
        assert_eq!(card.rule as usize, i, "{}", card.id);
        assert_eq!(card.rule.card().id, card.id);
    }
    assert_eq!(Rule::ALL.len(), RULES.len());
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
    check(Rule::AdjacentCue);
}

#[test]
fn split_quote() {
    check(Rule::SplitQuote);
}

#[test]
fn leading_cue() {
    check(Rule::LeadingCue);
}

#[test]
fn according_to() {
    check(Rule::AccordingTo);
}

#[test]
fn dash_credit() {
    check(Rule::DashCredit);
}

#[test]
fn colon_intro() {
    check(Rule::ColonIntro);
}

#[test]
fn same_sentence() {
    check(Rule::SameSentence);
}

#[test]
fn possessive_credit() {
    check(Rule::PossessiveCredit);
}

#[test]
fn previous_sentence() {
    check(Rule::PreviousSentence);
}

#[test]
fn continuation() {
    check(Rule::Continuation);
}

#[test]
fn reported_speech() {
    check(Rule::ReportedSpeech);
}

#[test]
fn nested() {
    check(Rule::Nested);
}

#[test]
fn unattributed() {
    check(Rule::Unattributed);
}
