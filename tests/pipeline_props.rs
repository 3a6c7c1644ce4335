//! The whole pipeline on arbitrary input — parse (every format) → extract → layout → render —
//! never panics, keeps every span on char boundaries, and never puts a control character into
//! a screen cell. (The fuzz targets in `fuzz/` push the same path much harder.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use quoth::app::action::Action;
use quoth::app::{App, LoadStage, Msg};
use quoth::article::{Article, Format, ParseOptions};
use quoth::config::Config;
use quoth::library::{Entry, Origin};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

fn inputs() -> impl Strategy<Value = Vec<u8>> {
    let texty = "(\\PC|[\\x00-\\x1f\\x7f-\\x9f\u{202a}-\u{202e}\u{200b}-\u{200d}“”‘’\"'«»\\n #*>\\-+\\[\\]{}:,])*";
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        texty.prop_map(String::into_bytes),
        (texty, texty)
            .prop_map(|(a, b)| format!("+++\ntitle = \"{}\"\n+++\n{b}", a.replace(['"', '\\', '\n'], "")).into_bytes()),
        texty.prop_map(|b| serde_json::json!({"title": "T", "body": b}).to_string().into_bytes()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn parse_extract_layout_render(bytes in inputs(), width in 20u16..140, height in 5u16..40, keys in proptest::collection::vec(0usize..8, 0..12)) {
        for format in [None, Some(Format::Plain), Some(Format::Markdown), Some(Format::Json)] {
            let Ok(article) = Article::parse(&bytes, ParseOptions { format, ..ParseOptions::default() }) else { continue };
            let text = &article.text;
            for b in &article.blocks {
                prop_assert!(text.is_char_boundary(b.span.start) && text.is_char_boundary(b.span.end));
            }
            prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
            let ex = quoth::extract::extract(&article);
            for q in &ex.quotes {
                for s in q.segments.iter().chain([q.extent].iter()) {
                    prop_assert!(s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                }
            }
            let article = Arc::new(article);
            let entry = Entry::unread(Origin::File("prop.txt".into()));
            let mut app = App::new(Config::defaults(), vec![entry], true, width, height, true);
            app.update(Msg::Loaded { stage: LoadStage::Whole, entry: 0, result: Ok(article.clone()), then: None });
            app.update(Msg::Extracted { fingerprint: article.fingerprint(), extraction: Arc::new(ex) });
            let actions = [Action::NextQuote, Action::PageDown, Action::NextParagraph, Action::ToggleFocus, Action::Down, Action::Bottom, Action::ShowWhy, Action::Help];
            let mut term = Terminal::new(TestBackend::new(width, height)).unwrap();
            for &k in &keys {
                app.update(Msg::Action(actions[k]));
                term.draw(|f| quoth::ui::render(&app, f)).unwrap();
            }
            term.draw(|f| quoth::ui::render(&app, f)).unwrap();
            for cell in term.backend().buffer().content() {
                prop_assert!(!cell.symbol().chars().any(char::is_control), "control in a cell: {:?}", cell.symbol());
            }
        }
    }
}
