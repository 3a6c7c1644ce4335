//! Reported speech around quoted words: mixed quotes (a reported clause holding a partial
//! quote), where a reported clause ends, and nouns of saying ("comments by X that …").
//! Invented sentences; each test names what a reader of the pane would expect.

use quoth::extract::{QuoteKind, extract_text};

type Listed = (QuoteKind, Option<String>, String);

/// The kind, speaker and text of every top-level quote, in order.
fn listed(text: &str) -> Vec<Listed> {
    let ex = extract_text(text);
    assert_eq!(ex.validate(text), Ok(()));
    ex.quotes
        .iter()
        .filter(|q| q.parent.is_none())
        .map(|q| (q.kind, ex.speaker_name(q).map(str::to_owned), q.text(text)))
        .collect()
}

/// The fragments held by mixed quotes: (words of the mixed quote, words of the fragment).
fn held(text: &str) -> Vec<(String, String)> {
    let ex = extract_text(text);
    ex.quotes
        .iter()
        .filter_map(|q| {
            let parent = ex.quote(q.parent?)?;
            (q.kind == QuoteKind::Partial && parent.kind == QuoteKind::Mixed).then(|| (parent.text(text), q.text(text)))
        })
        .collect()
}

fn entry(kind: QuoteKind, speaker: &str, words: &str) -> Listed {
    (kind, Some(speaker.to_owned()), words.to_owned())
}

#[test]
fn a_reported_clause_around_a_partial_quote_is_mixed_and_holds_the_fragment() {
    let text = "Ilse Brandt runs the harbour.\n\nOn Tuesday, Brandt said the council had been “asleep at the wheel” for a decade.";
    let got = listed(text);
    assert!(
        got.contains(&entry(
            QuoteKind::Mixed,
            "Ilse Brandt",
            "the council had been “asleep at the wheel” for a decade"
        )),
        "{got:?}"
    );
    // Listed once: the fragment is part of the mixed quote, not a second entry.
    assert!(got.iter().all(|(k, _, _)| *k != QuoteKind::Partial), "{got:?}");
    assert_eq!(
        held(text),
        [("the council had been “asleep at the wheel” for a decade".to_owned(), "asleep at the wheel".to_owned())]
    );
}

#[test]
fn a_whole_quoted_sentence_after_said_is_not_mixed() {
    let text = "Omar Haddad said, “The ferry will run again on Monday.”";
    let got = listed(text);
    assert_eq!(got, vec![entry(QuoteKind::Direct, "Omar Haddad", "The ferry will run again on Monday.")]);
}

#[test]
fn a_clause_that_is_mostly_the_quote_is_still_mixed() {
    // The reporter's words "the plan was" make it a mixed quote, however short they are.
    let text = "Selma Laine said the plan was “a waste of everybody’s time and money.”";
    let got = listed(text);
    assert_eq!(got, [entry(QuoteKind::Mixed, "Selma Laine", "the plan was “a waste of everybody’s time and money.”")]);
}

#[test]
fn a_verb_that_takes_a_quote_but_no_clause_makes_a_mixed_quote_of_its_object() {
    // "call X “Y”", "call on X “to …”": the object and the quoted words, from the verb on.
    let text = "Councillor Wren Adeyemi called the budget “a patchwork of promises” on Monday.";
    assert_eq!(
        listed(text),
        [entry(QuoteKind::Mixed, "Wren Adeyemi", "the budget “a patchwork of promises” on Monday")]
    );
    let text = "Hana Ilves called on the board “to think again” before the vote.";
    assert_eq!(listed(text), [entry(QuoteKind::Mixed, "Hana Ilves", "the board “to think again” before the vote")]);
    // The quote alone after the verb: no reporter's words, so no mixed quote.
    let text = "Pia Lund called it off. Later she called “a halt to the whole affair.”";
    assert!(listed(text).iter().all(|(k, _, _)| *k != QuoteKind::Mixed), "{:?}", listed(text));
}

#[test]
fn a_reported_clause_ends_before_a_clause_of_circumstance() {
    let text = "Tobias Renwick said he rejected “austerity” when answering questions from farmers.";
    let got = listed(text);
    assert!(got.contains(&entry(QuoteKind::Mixed, "Tobias Renwick", "he rejected “austerity”")), "{got:?}");
    let text = "Mira Holt said the bridge would reopen in May, while engineers kept testing the cables.";
    let got = listed(text);
    assert_eq!(got, vec![entry(QuoteKind::Indirect, "Mira Holt", "the bridge would reopen in May")]);
}

#[test]
fn a_noun_of_saying_with_its_speaker_reports_the_clause_after_that() {
    let text = "The mayor replied to comments by Governor Dana Whitfield that the city had “wasted” its grant.";
    let got = listed(text);
    assert!(got.contains(&entry(QuoteKind::Mixed, "Dana Whitfield", "the city had “wasted” its grant")), "{got:?}");
    let text = "Ports reopened after a warning from Pavel Petrov that the storm would turn north.";
    let got = listed(text);
    assert!(got.contains(&entry(QuoteKind::Indirect, "Pavel Petrov", "the storm would turn north")), "{got:?}");
    // Without "that" there is no reported clause.
    let text = "Ports reopened after a warning from Pavel Petrov about the storm.";
    assert!(listed(text).is_empty());
}

#[test]
fn mixed_quotes_are_reported_as_mixed_in_json() {
    let text = "Ilse Brandt said the council had been “asleep at the wheel” for a decade.";
    let ex = extract_text(text);
    let mixed = ex.quotes.iter().find(|q| q.kind == QuoteKind::Mixed);
    assert!(mixed.is_some_and(|q| q.kind.is_reported()));
    assert!(!QuoteKind::Partial.is_reported());
}

#[test]
fn a_reported_clause_ends_before_the_speakers_next_action() {
    let text = "Tobias Renwick said the harvest had been “a disaster” and called for emergency aid from the ministry.";
    let got = listed(text);
    assert!(got.contains(&entry(QuoteKind::Mixed, "Tobias Renwick", "the harvest had been “a disaster”")), "{got:?}");
}

#[test]
fn quoted_words_in_the_narrators_sentence_credited_to_no_one_are_terms_not_quotes() {
    // Nobody is said to have said “a perfect storm” here: it is the writer's scare quote.
    let text = "The harbour faced what locals know as “a perfect storm” of costs this winter.";
    let ex = extract_text(text);
    assert!(ex.quotes.is_empty(), "{:?}", listed(text));
    assert_eq!(ex.terms.iter().map(|t| t.slice(text)).collect::<Vec<_>>(), ["a perfect storm"]);
    // Credited, the same words are a mixed quote with its fragment.
    let text = "Harbour master Edda Lind said the town faced “a perfect storm” of costs.";
    assert_eq!(listed(text), [entry(QuoteKind::Mixed, "Edda Lind", "the town faced “a perfect storm” of costs")]);
    // A whole quoted sentence keeps being listed, unattributed if need be.
    let text = "The harbour was quiet.\n\n“Nobody comes here in winter.”";
    assert_eq!(listed(text), [(QuoteKind::Direct, None, "Nobody comes here in winter.".to_owned())]);
}
