//! load → extract → layout → render into a TestBackend, on arbitrary bytes in every format.
//! The first byte picks the format, the terminal size and a few keys to press.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quoth::app::action::Action;
use quoth::app::{App, LoadStage, Msg};
use quoth::article::{Article, Format, ParseOptions};
use quoth::config::Config;
use quoth::library::{Entry, Origin};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let Some((&ctl, bytes)) = data.split_first() else { return };
    let format = match ctl % 4 {
        0 => None,
        1 => Some(Format::Plain),
        2 => Some(Format::Markdown),
        _ => Some(Format::Json),
    };
    let Ok(article) = Article::parse(bytes, ParseOptions { format, ..ParseOptions::default() }) else { return };
    let text = &article.text;
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    let ex = quoth::extract::extract(&article);
    for q in &ex.quotes {
        for s in q.segments.iter().chain([q.extent].iter()) {
            assert!(s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
    assert!(ex.quotes.windows(2).all(|w| w[0].extent.start <= w[1].extent.start));
    let width = 10 + u16::from(ctl >> 2) * 4;
    let height = 4 + u16::from(ctl & 0x1f);
    let article = Arc::new(article);
    let mut app = App::new(Config::defaults(), vec![Entry::failed(Origin::File("f.txt".into()), "")], true, width, height, ctl & 1 == 0);
    app.update(Msg::Loaded { stage: LoadStage::Whole, entry: 0, result: Ok(article.clone()), then: None });
    app.update(Msg::Extracted { fingerprint: article.fingerprint, extraction: Arc::new(ex) });
    let Ok(mut term) = Terminal::new(TestBackend::new(width, height)) else { return };
    for a in [Action::NextQuote, Action::ShowWhy, Action::PageDown, Action::ToggleFocus, Action::Down, Action::Bottom, Action::Search] {
        app.update(Msg::Action(a));
        let _ = term.draw(|f| quoth::ui::render(&app, f));
    }
    for cell in term.backend().buffer().content() {
        assert!(!cell.symbol().chars().any(char::is_control));
    }
    let json = quoth::output::extraction_json("f", &article, &quoth::extract::extract(&article));
    assert!(json.is_ascii() || !json.chars().any(|c| c.is_control()));
});
