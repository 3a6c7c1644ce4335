//! The twenty unit cases of `research/quote-extraction.md` §5 (invented sentences), each as a
//! test of the whole pipeline: quotes found, their kind, their speaker.
//!
//! `¶` in the notes is a paragraph break, written here as a blank line.

use quoth::extract::{Extraction, QuoteKind, Rule, SpeakerKind, extract_text};

/// A quote as the tests see it: kind, words, speaker (or none), rule id.
type Seen = (QuoteKind, String, Option<String>, &'static str);

fn seen(text: &str) -> (Extraction, Vec<Seen>) {
    let ex = extract_text(text);
    let quotes = ex
        .quotes
        .iter()
        .filter(|q| q.parent.is_none())
        .map(|q| (q.kind, q.text(text), ex.speaker_name(q).map(str::to_owned), q.rule.id()))
        .collect();
    (ex, quotes)
}

/// Checks the top-level quotes: (kind, words, speaker).
#[track_caller]
fn check(text: &str, want: &[(QuoteKind, &str, Option<&str>)]) -> Extraction {
    let (ex, got) = seen(text);
    let got: Vec<(QuoteKind, &str, Option<&str>)> =
        got.iter().map(|(k, t, s, _)| (*k, t.as_str(), s.as_deref())).collect();
    assert_eq!(got, want, "{text}");
    ex
}

use QuoteKind::{Direct, Mixed};

#[test]
fn case_01_inverted_trailing_with_title() {
    let ex = check(
        "“We will not raise taxes this year,” said Finance Minister Priya Natarajan.",
        &[(Direct, "We will not raise taxes this year,", Some("Priya Natarajan"))],
    );
    assert_eq!(ex.speakers[0].role.as_deref(), Some("finance minister"));
}

#[test]
fn case_02_role_nominal_bound_to_a_name() {
    check(
        "Mayor Tomas Ekberg inspected the site on Monday.\n\n“The bridge is safe for traffic,” the mayor said.",
        &[(Direct, "The bridge is safe for traffic,", Some("Tomas Ekberg"))],
    );
}

#[test]
fn case_03_appositive_skipped_normal_order() {
    check(
        "“Nobody saw this coming,” Lena Okafor, a geologist at the university, said.",
        &[(Direct, "Nobody saw this coming,", Some("Lena Okafor"))],
    );
}

#[test]
fn case_04_pronoun_to_prior_person() {
    check(
        "Harold Vance arrived two hours late. “The traffic on the ring road was terrible,” he said.",
        &[(Direct, "The traffic on the ring road was terrible,", Some("Harold Vance"))],
    );
}

#[test]
fn case_05_reopened_at_each_paragraph() {
    let text = "“The first phase is complete,” said Ruth Adebayo. “We begin the second phase in May.\n\n“After that, we will review every contract.”";
    let ex = check(
        text,
        &[
            (Direct, "The first phase is complete,", Some("Ruth Adebayo")),
            (
                Direct,
                "We begin the second phase in May. After that, we will review every contract.",
                Some("Ruth Adebayo"),
            ),
        ],
    );
    assert_eq!(ex.quotes[1].segments.len(), 2);
}

#[test]
fn case_06_floating_quote_continues_the_speaker() {
    let (_, got) = seen(
        "“It has been a difficult season,” coach Dana Whitfield said.\n\n“But the players never stopped fighting for each other.”",
    );
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].2.as_deref(), Some("Dana Whitfield"));
    assert_eq!(got[1].2.as_deref(), Some("Dana Whitfield"));
    assert_eq!(got[1].3, Rule::Continuation.id());
}

#[test]
fn case_07_scare_quote_is_a_term() {
    let ex = check("Officials labelled the charity a “security risk” without offering evidence.", &[]);
    assert_eq!(ex.terms.len(), 1);
}

#[test]
fn case_08_apostrophes_and_possessives() {
    check(
        "“We’re not walking away from the farmers’ claims,” said Mr O’Neill.",
        &[(Direct, "We’re not walking away from the farmers’ claims,", Some("O’Neill"))],
    );
}

#[test]
fn case_09_nested_quote_is_not_attributed() {
    let text = "“She looked at me and said ‘don’t sign anything,’ so I didn’t,” said Marco Bellini.";
    let ex = check(
        text,
        &[(Direct, "She looked at me and said ‘don’t sign anything,’ so I didn’t,", Some("Marco Bellini"))],
    );
    let inner: Vec<_> = ex.quotes.iter().filter(|q| q.parent.is_some()).collect();
    assert_eq!(inner.len(), 1);
    assert_eq!(inner[0].text(text), "don’t sign anything,");
    assert_eq!(inner[0].speaker, None);
    assert_eq!(inner[0].rule, Rule::Nested);
}

#[test]
fn case_10_according_to_leading() {
    check(
        "According to Ines Moreau, “the talks collapsed shortly after midnight.”",
        &[(Direct, "the talks collapsed shortly after midnight.", Some("Ines Moreau"))],
    );
}

#[test]
fn case_11_organisation_statement() {
    let ex = check(
        "“Rail services will resume on Monday morning,” the Ministry of Transport said in a statement.",
        &[(Direct, "Rail services will resume on Monday morning,", Some("Ministry of Transport"))],
    );
    assert_eq!(ex.speakers[0].kind, SpeakerKind::Organisation);
}

#[test]
fn case_12_told_reporters_and_a_title_abbreviation() {
    check(
        "“We simply need more nurses on every ward,” Dr. Amara Singh told reporters.",
        &[(Direct, "We simply need more nurses on every ward,", Some("Amara Singh"))],
    );
}

#[test]
fn case_13_split_quote_keeps_one_speaker() {
    let (_, got) = seen("Marta Kowalski resigned on Tuesday. \"I have no regrets,\" she said, \"none at all.\"");
    let speakers: Vec<Option<&str>> = got.iter().map(|g| g.2.as_deref()).collect();
    assert_eq!(speakers, [Some("Marta Kowalski"), Some("Marta Kowalski")]);
    assert_eq!(got[1].3, Rule::SplitQuote.id());
}

#[test]
fn case_14_name_particles_and_trailing_appositive() {
    check(
        "“The harvest failed in three provinces,” said Ahmed bin Rashid al-Falasi, the agriculture minister.",
        &[(Direct, "The harvest failed in three provinces,", Some("Ahmed bin Rashid al-Falasi"))],
    );
}

#[test]
fn case_15_partial_quote_in_a_reported_clause() {
    check(
        "Senator Jo Halvorsen said the proposal was “dead on arrival” and called for a new vote.",
        &[(Mixed, "the proposal was “dead on arrival”", Some("Jo Halvorsen"))],
    );
}

#[test]
fn case_16_two_speakers_in_one_sentence() {
    check(
        "“Prices will fall before winter,” said Ben Carter, but Olga Petrov disagreed: “They will rise.”",
        &[
            (Direct, "Prices will fall before winter,", Some("Ben Carter")),
            (Direct, "They will rise.", Some("Olga Petrov")),
        ],
    );
}

#[test]
fn case_17_surname_alias() {
    let ex = check(
        "Grace Kimura, the party leader, arrived at noon.\n\n“We are ready to govern,” Kimura said.",
        &[(Direct, "We are ready to govern,", Some("Grace Kimura"))],
    );
    assert!(ex.speakers[0].aliases.iter().any(|a| a == "Kimura"));
}

#[test]
fn case_18_no_cue_no_guess() {
    let (_, got) = seen("“This must never happen again.”");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].2, None);
    assert_eq!(got[0].3, Rule::Unattributed.id());
}

#[test]
fn case_19_title_of_a_work_is_a_term() {
    let ex = check("The band’s hit “Don’t Look Back Now” topped the charts for a week.", &[]);
    assert_eq!(ex.terms.len(), 1);
}

#[test]
fn case_20_a_new_cue_beats_continuation() {
    check(
        "“Stay indoors,” police said.\n\nResidents were also told to boil water.\n\n“The risk is low,” a spokeswoman for the water company added.",
        &[
            (Direct, "Stay indoors,", Some("police")),
            (Direct, "The risk is low,", Some("a spokeswoman for the water company")),
        ],
    );
}
