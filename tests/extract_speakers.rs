//! How speakers are named and described in the pane: roles from appositions and titles, names
//! of organisations, and subjects after an opening phrase. Invented sentences.

use quoth::extract::{Extraction, extract_text};

/// The speaker of the quote whose words start with `words`, with its role.
fn speaker_of<'a>(ex: &'a Extraction, text: &str, words: &str) -> (Option<&'a str>, Option<&'a str>) {
    let Some(q) = ex.quotes.iter().find(|q| q.text(text).starts_with(words)) else {
        let all: Vec<String> = ex.quotes.iter().map(|q| q.text(text)).collect();
        panic!("no quote starting {words:?} in {text:?}; found {all:?}");
    };
    let s = q.speaker.and_then(|id| ex.speaker(id));
    (s.map(|s| s.name.as_str()), s.and_then(|s| s.role.as_deref()))
}

#[test]
fn role_after_a_possessive_with_its_determiner_binds_to_the_name() {
    let text = "Dr. Wren Aldous, the city’s chief harbour engineer, told the board the wall \
                was sound.\n\n“It will stand for fifty years,” Aldous said.";
    let ex = extract_text(text);
    assert_eq!(speaker_of(&ex, text, "It will stand"), (Some("Wren Aldous"), Some("chief harbour engineer")));
}

#[test]
fn a_capitalised_role_before_a_full_name_is_a_title() {
    let text = "Manager Ottilie Brask said the squad was tired. “We need a week off,” Brask said.";
    let ex = extract_text(text);
    assert_eq!(speaker_of(&ex, text, "We need"), (Some("Ottilie Brask"), Some("manager")));
}

#[test]
fn short_titles_are_written_out_as_roles() {
    let text = "“The vote is Tuesday,” said Sen. Corin Haldane.\n\n“Prof. Ysolde Marr is wrong,” \
                said Lt. Gen. Aurek Tamsin.";
    let ex = extract_text(text);
    assert_eq!(speaker_of(&ex, text, "The vote"), (Some("Corin Haldane"), Some("senator")));
    assert_eq!(speaker_of(&ex, text, "Prof."), (Some("Aurek Tamsin"), Some("lieutenant general")));
}

#[test]
fn an_organisation_named_with_a_plural_possessive_stays_whole() {
    let text = "“The cap is a blunt instrument,” the Dunmore Growers’ Association said in a statement.";
    let ex = extract_text(text);
    assert_eq!(speaker_of(&ex, text, "The cap").0, Some("Dunmore Growers’ Association"));
}

#[test]
fn a_plural_possessive_before_a_person_does_not_join_the_name() {
    let text = "“We will win the county,” the Farmers’ Ilsa Varnholt said.";
    let ex = extract_text(text);
    let (name, _) = speaker_of(&ex, text, "We will win");
    assert_ne!(name, Some("Farmers’ Ilsa Varnholt"));
}

#[test]
fn the_subject_after_an_opening_phrase_is_the_pronoun_antecedent() {
    let text = "“The count is slow,” said the analyst Hedda Lorn.\n\nOutside the hall in Brenna, \
                Mats Oyen, 23, a baker who voted for the first time, waited for the bus.\n\n\
                “I voted for change,” he said.";
    let ex = extract_text(text);
    assert_eq!(speaker_of(&ex, text, "I voted").0, Some("Mats Oyen"));
    assert!(ex.speakers.iter().all(|s| s.name != "Outside"), "a preposition is not a speaker");
}

#[test]
fn a_pronoun_goes_to_the_nearer_person_not_an_earlier_speaker_found_late() {
    // Brisklane is found as a speaker by a cue after John Renwick is named; "he" is Renwick.
    let text = "Brisklane has said it would cut riders. The case was led by John Renwick, who was \
                deactivated in a storm in which, he said, the roads were icy.";
    let ex = extract_text(text);
    let q = ex.quotes.iter().find(|q| q.text(text).starts_with("the roads")).expect("reported speech");
    assert_eq!(ex.speaker_name(q), Some("John Renwick"));
}
