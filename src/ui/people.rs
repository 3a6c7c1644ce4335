//! The speakers screen: one row per speaker (name, kind, quotes, stories, latest date), or,
//! for one person, two rows per quote (story title, date and paragraph; the words).

use super::{Theme, draw_status, truncate};
use crate::app::App;
use crate::app::action::Action;
use crate::article::sanitize::clean_line;
use crate::layout::display_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span as TSpan};
use std::fmt::Write as _;

pub(super) fn draw_speakers(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height < 2 {
        return;
    }
    let v = &app.speakers;
    let w = usize::from(area.width);
    let status = Rect::new(0, area.height - 1, area.width, 1);
    if let Some(p) = &v.person {
        let head = if p.loading {
            format!(" {} · looking in every story…", clean_line(&p.name))
        } else {
            format!(" {} · {} in the library", clean_line(&p.name), crate::text::count(p.quotes.len(), "quote"))
        };
        buf.set_stringn(0, 0, truncate(&head, w), w, theme.headline());
        let rows = usize::from(area.height.saturating_sub(2)) / 3;
        for (i, q) in p.quotes.iter().skip(p.scroll).take(rows.max(1)).enumerate() {
            let y = 1 + u16::try_from(i * 3).unwrap_or(0);
            if y + 1 >= area.height {
                break;
            }
            let selected = p.scroll + i == p.selected;
            let right = format!("{} ¶ {}", q.date.as_deref().map(clean_line).unwrap_or_default(), q.paragraph);
            super::title_row(theme, area, buf, y, selected, &q.title, &right);
            let words = truncate(&crate::text::quoted_excerpt(&clean_line(&q.text)), w.saturating_sub(4));
            buf.set_stringn(4, y + 1, words, w.saturating_sub(4), theme.accent());
        }
        let left = app.hints(&[(Action::Open, "open at the quote")]);
        let right = app.hints(&[(Action::Help, "help"), (Action::Back, "back")]);
        draw_status(app, theme, status, buf, &left, &right);
        return;
    }
    let mut head = if v.loading {
        " Speakers · reading the library…".to_owned()
    } else {
        format!(" Speakers · {}", v.entries.len())
    };
    if !v.filter.is_empty() {
        let _ = write!(head, " · filter “{}” ({})", clean_line(&v.filter), v.shown.len());
    }
    buf.set_stringn(0, 0, truncate(&head, w), w, theme.headline());
    let rows = usize::from(area.height.saturating_sub(2));
    for (i, &ei) in v.shown.iter().skip(v.scroll).take(rows).enumerate() {
        let Some(e) = v.entries.get(ei) else { continue };
        let y = 1 + u16::try_from(i).unwrap_or(0);
        let selected = v.scroll + i == v.selected;
        let right = format!(
            "{}  {}  {}",
            crate::text::count(e.quotes, "quote"),
            crate::text::count(e.stories, "story"),
            e.latest.as_deref().map(clean_line).unwrap_or_default()
        );
        let name_w = w.saturating_sub(display_width(&right) + 4);
        let kind = if e.kind == "person" { String::new() } else { format!(" ({})", e.kind) };
        let mut line = Line::from(vec![
            TSpan::raw(if selected { "▸ " } else { "  " }),
            TSpan::styled(truncate(&format!("{}{kind}", clean_line(&e.name)), name_w), Style::new()),
        ]);
        if selected {
            line = line.patch_style(theme.selected_row());
        }
        buf.set_line(0, y, &line, area.width);
        let rw = u16::try_from(display_width(&right) + 1).unwrap_or(0);
        buf.set_stringn(area.width.saturating_sub(rw), y, &right, display_width(&right), theme.dim());
    }
    let left = app.hints(&[(Action::Open, "their quotes"), (Action::Search, "filter")]);
    let right = app.hints(&[(Action::Help, "help"), (Action::Back, "back")]);
    draw_status(app, theme, status, buf, &left, &right);
}
