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

#[test]
fn a_place_named_in_passing_does_not_make_a_pronoun_doubtful() {
    let text = "Tariq Okonjo, a hydrologist, said the river was low. Okonjo said flows at the \
                Brackley Ford gauge had fallen. He said the valley must plan for \
                “dry summers as the rule”.";
    let ex = extract_text(text);
    let q = ex.quotes.iter().find(|q| q.text(text).starts_with("dry summers")).expect("partial quote");
    assert_eq!(ex.speaker_name(q), Some("Tariq Okonjo"));
}

#[test]
fn a_person_named_with_an_age_makes_a_pronoun_doubtful() {
    // Two people of unknown gender: "he" could be either, so the clause stays unattributed.
    let text = "Vantora has said it would cut riders.\n\nThe case was led by Tobiah Quell, 34, who \
                was dropped in a storm in which, he said, the roads were icy.";
    let ex = extract_text(text);
    let q = ex.quotes.iter().find(|q| q.text(text).starts_with("the roads")).expect("reported speech");
    assert_eq!(ex.speaker_name(q), None);
}

#[test]
fn the_utility_is_the_business_named_before() {
    let text = "Marlow Water Ltd said it would cap use at 80 litres a day.\n\n“Nobody wants these \
                limits,” the utility said in a statement.";
    let ex = extract_text(text);
    assert_eq!(speaker_of(&ex, text, "Nobody wants").0, Some("Marlow Water Ltd"));
}

#[test]
fn the_company_does_not_go_to_a_public_body() {
    let text = "The Harbour Safety Board said it had opened an inquiry.\n\n“We sold a safe \
                product,” the company said.";
    let ex = extract_text(text);
    assert_ne!(speaker_of(&ex, text, "We sold").0, Some("Harbour Safety Board"));
}

#[test]
fn a_credit_set_off_by_commas_reports_what_came_before() {
    let text = "The only ferry will sail three times a week from March, the operator said on \
                Monday, halving a timetable that islanders call thin.\n\nMeanwhile, Ada Brun said \
                on Friday, the port would reopen next week.";
    let ex = extract_text(text);
    let said: Vec<(String, Option<&str>)> = ex.quotes.iter().map(|q| (q.text(text), ex.speaker_name(q))).collect();
    assert!(
        said.contains(&("The only ferry will sail three times a week from March".to_owned(), Some("the operator"))),
        "{said:?}"
    );
    assert!(said.contains(&("the port would reopen next week".to_owned(), Some("Ada Brun"))), "{said:?}");
}

#[test]
fn a_relative_clause_ending_in_a_quote_keeps_its_subject() {
    let text = "Ilse Marwen, who called the result “a hard lesson, and a fair one,” said that she \
                would stay on as president.";
    let ex = extract_text(text);
    assert_eq!(speaker_of(&ex, text, "a hard lesson").0, Some("Ilse Marwen"));
    assert_eq!(speaker_of(&ex, text, "she would stay").0, Some("Ilse Marwen"));
}

#[test]
fn who_said_credits_the_name_before_it() {
    let text = "The case was led by Tobiah Quell, who said the roads were too icy to ride.";
    let ex = extract_text(text);
    assert_eq!(speaker_of(&ex, text, "the roads").0, Some("Tobiah Quell"));
}

#[test]
fn she_after_said_tells_the_speakers_gender() {
    // Without knowing Marwen is a woman, "he" would be doubtful between the two.
    let text = "Ilse Marwen said that she would stay on.\n\nAurek Pascal said that he would wait.\n\n\
                Asked whether he would deal with Marwen, he laughed.\n\n“I prefer whoever answers \
                the phone,” he said.";
    let ex = extract_text(text);
    assert_eq!(speaker_of(&ex, text, "I prefer").0, Some("Aurek Pascal"));
}

#[test]
fn the_person_wins_over_the_name_or_outfit_that_modifies_them() {
    // "said Harlow senior adviser Pim Osei": the name before the noun modifies the person.
    let text = "“The county will go our way,” said Harlow senior adviser Pim Osei.\n\n\
                “We flew all night,” said Coast Guard 1st Lt. Anneke Voss.";
    let ex = extract_text(text);
    assert_eq!(speaker_of(&ex, text, "The county").0, Some("Pim Osei"));
    assert_eq!(speaker_of(&ex, text, "We flew").0, Some("Anneke Voss"));
    // Negative: with no person after it, the organisation itself speaks.
    let text = "“Service resumes at noon,” said Coast Guard spokesmen.";
    let ex = extract_text(text);
    assert_ne!(speaker_of(&ex, text, "Service").0, Some("spokesmen"));
}

#[test]
fn a_surname_that_is_also_a_title_and_a_place_after_of_stay_apart() {
    // "King" after a forename and an initial is a surname, and "of Westvale" is where he is
    // from, not a "King of Westvale".
    let text = "“It will not be easy,” said Representative Aldo T. King of North Westvale, who backed the bill.";
    let ex = extract_text(text);
    assert_eq!(speaker_of(&ex, text, "It will").0, Some("Aldo T. King"));
    // Negative: a title before "of" still takes its office.
    let text = "“Talks resume Monday,” said Secretary of State Ines Varga.";
    let ex = extract_text(text);
    assert_eq!(speaker_of(&ex, text, "Talks").0, Some("Ines Varga"));
}

#[test]
fn initials_written_as_one_word_stay_in_the_name() {
    let text = "“This is a sad day,” said Rep. T.K. Amadi, head of the caucus.\n\n\
                “You would not have had the standoff without him,” said J.J. Rook, an expert on militias.";
    let ex = extract_text(text);
    assert_eq!(speaker_of(&ex, text, "This is").0, Some("T.K. Amadi"));
    assert_eq!(speaker_of(&ex, text, "You would").0, Some("J.J. Rook"));
}
