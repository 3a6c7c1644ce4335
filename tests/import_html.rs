//! HTML import end to end at the library level: a story saved as a web page gives the same
//! quotes and speakers as the story itself, whatever page furniture surrounds it.

use quoth::article::{Article, BlockKind, Format, ParseOptions};
use quoth::library::{LoadOptions, SAMPLES, load_sample};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The article as a news site would serve it: metadata in the head, navigation, a share bar,
/// the story in `<article>`, related links and a footer, and quotes written as entities.
fn as_page(a: &Article) -> String {
    let mut body = String::new();
    for (i, b) in a.blocks.iter().enumerate() {
        let text = escape(a.block_text(i)).replace('“', "&ldquo;").replace('”', "&rdquo;").replace('’', "&rsquo;");
        match b.kind {
            BlockKind::Title => body.push_str(&format!("<h1>{text}</h1>\n")),
            BlockKind::Byline => {}
            BlockKind::Subheading | BlockKind::Heading { .. } => body.push_str(&format!("<h2>{text}</h2>\n")),
            BlockKind::ListItem { .. } => body.push_str(&format!("<ul><li>{text}</li></ul>\n")),
            _ if b.quote_depth > 0 => body.push_str(&format!("<blockquote><p>{text}</p></blockquote>\n")),
            _ => body.push_str(&format!("<p>{text}</p>\n")),
        }
    }
    let title = escape(&a.meta.title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | The Example Post</title>\
         <meta property=\"og:title\" content=\"{title}\"><meta property=\"og:site_name\" content=\"The Example Post\">\
         <script>window.ads = [1,2,3];</script><style>body {{ font: 12px serif }}</style></head>\
         <body><header><nav class=\"menu\"><ul><li><a href=\"/\">Front page</a></li><li><a href=\"/world\">World</a></li>\
         <li><a href=\"/sport\">Sport</a></li></ul></nav></header>\
         <div class=\"share-bar\"><a href=\"#\">Share on social media</a> <a href=\"#\">Email this story</a></div>\
         <main><article class=\"story-body\">{body}</article></main>\
         <aside class=\"related\"><h3>Related stories</h3><ul><li><a href=\"/a\">Another story about the weather</a></li>\
         <li><a href=\"/b\">Yet another story you may like</a></li></ul></aside>\
         <div id=\"comments\" class=\"comments\"><p>Comments are closed.</p></div>\
         <footer><p>© The Example Post. All rights reserved.</p></footer></body></html>"
    )
}

/// Quote text and speaker name, in order, for the direct and mixed quotes.
fn quotes(a: &Article) -> Vec<(String, Option<String>)> {
    let ex = quoth::extract::extract(a);
    ex.quotes
        .iter()
        .filter(|q| q.parent.is_none())
        .map(|q| {
            let who = q.speaker.and_then(|s| ex.speakers.get(s.0 as usize)).map(|s| s.name.clone());
            (q.text(&a.text), who)
        })
        .collect()
}

#[test]
fn every_sample_saved_as_a_page_gives_the_same_quotes_and_speakers() {
    for s in SAMPLES {
        let plain = load_sample(s, &LoadOptions::default()).unwrap();
        let page = as_page(&plain);
        let html =
            Article::parse(page.as_bytes(), ParseOptions { format: Some(Format::Html), ..Default::default() }).unwrap();
        assert_eq!(html.meta.title, plain.meta.title, "{}", s.name);
        assert_eq!(html.meta.source.as_deref(), Some("The Example Post"), "{}", s.name);
        for junk in
            ["Front page", "Share on social media", "Related stories", "Comments are closed", "All rights reserved"]
        {
            assert!(!html.text.contains(junk), "{}: {junk:?} left in\n{}", s.name, html.text);
        }
        let (want, got) = (quotes(&plain), quotes(&html));
        assert!(!want.is_empty(), "{} has quotes", s.name);
        assert_eq!(got, want, "{}", s.name);
        // Sniffed as HTML without an extension, too.
        let sniffed = Article::parse(page.as_bytes(), ParseOptions::default()).unwrap();
        assert_eq!(sniffed.format, Format::Html);
    }
}

#[test]
fn a_legacy_encoded_page_is_decoded_from_its_meta_charset() {
    let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\
        <title>Caf\xe9 reopens</title></head><body><p>"
        .to_vec();
    page.extend_from_slice(&b"\x93We are back,\x94 said Ren\xe9e Dubois, the owner of the caf\xe9. ".repeat(8));
    page.extend_from_slice(b"</p></body></html>");
    let a = Article::parse(&page, ParseOptions::default()).unwrap();
    assert_eq!(a.meta.title, "Café reopens");
    assert!(a.text.contains("“We are back,” said Renée Dubois"), "{}", a.text);
    let q = quotes(&a);
    assert_eq!(q.first().map(|(_, w)| w.as_deref()), Some(Some("Renée Dubois")));
}

#[test]
fn hostile_pages_load_without_escapes_or_hangs() {
    let cases = [
        // Escape sequences as entities and raw, in text and attributes.
        "<html><head><title>a&#27;]0;pwned&#7;b</title></head><body><p onclick=\"javascript:alert(1)\">x&#x1b;[2Jy \u{1b}[31mz</p>\
         <a href=\"javascript:alert(1)\">link</a></body></html>"
            .to_owned(),
        // An entity flood.
        format!("<html><body><p>{}</p></body></html>", "&amp;&lt;&#x41;&nbsp;".repeat(50_000)),
        // Deep nesting.
        format!("<html><body>{}<p>deep text</p>{}</body></html>", "<div><span>".repeat(10_000), "</span></div>".repeat(10_000)),
        // Unclosed everything.
        "<html><body><p><b><i><table><tr><td>cell<p>para".to_owned(),
    ];
    for page in cases {
        let a = Article::parse(page.as_bytes(), ParseOptions { format: Some(Format::Html), ..Default::default() });
        if let Ok(a) = a {
            assert!(!a.text.chars().any(|c| c.is_control() && c != '\n'), "{:?}", a.text.get(..200));
            assert!(!a.meta.title.chars().any(char::is_control));
        }
    }
}
