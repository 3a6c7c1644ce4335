//! The library search screen: two rows per story (title and date; a line of context with
//! the matches marked), the selected story marked, hints from the keymap.

use super::{Theme, draw_status, truncate};
use crate::app::App;
use crate::app::action::Action;
use crate::article::sanitize::clean_line;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Span as TSpan;

pub(super) fn draw_found(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height < 2 {
        return;
    }
    let v = &app.found;
    let w = usize::from(area.width);
    // "100 of 2,345 stories" while later pages are still to come.
    let count = if v.total > v.stories.len() {
        format!("{} of {}", v.stories.len(), crate::text::count(v.total, "story"))
    } else {
        crate::text::count(v.stories.len(), "story")
    };
    let head = format!(" Library search · “{}” · {count}", clean_line(&v.query));
    buf.set_stringn(0, 0, truncate(&head, w), w, theme.headline());
    if v.stories.is_empty() {
        buf.set_stringn(2, 2, truncate("No story matches.", w.saturating_sub(2)), w.saturating_sub(2), theme.dim());
    }
    let per = 3usize;
    let rows = usize::from(area.height.saturating_sub(2)) / per;
    for (i, s) in v.stories.iter().skip(v.scroll).take(rows.max(1)).enumerate() {
        let y = 1 + u16::try_from(i * per).unwrap_or(0);
        if y + 1 >= area.height {
            break;
        }
        let selected = v.scroll + i == v.selected;
        let date = s.date.as_deref().map(clean_line).unwrap_or_default();
        super::title_row(theme, area, buf, y, selected, &s.title, &date);
        // The context line, matches in the accent style, cut to the width. The snippet is
        // article text, sanitised when the story was read, with its whitespace collapsed.
        let mut spans = vec![TSpan::raw("    ")];
        let mut at = 0;
        for m in &s.snippet_matches {
            spans.push(TSpan::raw(s.snippet.get(at..m.start).unwrap_or_default()));
            spans.push(TSpan::styled(m.slice(&s.snippet), theme.accent().add_modifier(Modifier::BOLD)));
            at = m.end;
        }
        spans.push(TSpan::raw(s.snippet.get(at..).unwrap_or_default()));
        buf.set_line(0, y + 1, &super::truncate_line(spans, w), area.width);
    }
    let status = Rect::new(0, area.height - 1, area.width, 1);
    let left = app.hints(&[(Action::Open, "open at the match"), (Action::SearchLibrary, "new search")]);
    let right = app.hints(&[(Action::Help, "help"), (Action::Back, "back")]);
    draw_status(app, theme, status, buf, &left, &right);
}
