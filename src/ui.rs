//! Drawing: `render(&App, &mut Frame)` draws the current screen from the state and changes
//! nothing. Only the visible rows are drawn; wrapping, highlight runs and geometry come from
//! the core, so this module only maps them to ratatui cells and styles.

mod found;
mod people;
mod theme;

use std::fmt::Write as _;

use crate::app::action::Action;
use crate::app::geometry::{GUTTER, PaneMode, ReaderGeometry, Rect as CoreRect};
use crate::app::pane::PaneRow;
use crate::app::reader::{Focus, Reader};
use crate::app::runs::line_runs;
use crate::app::{App, MessageKind, Mode, PromptKind, Screen};
use crate::article::BlockKind;
use crate::article::sanitize::clean_line;
use crate::extract::QuoteKind;
use crate::layout::{Indent, RowContent, display_width, marker_text};
use crate::span::first_ending_after;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span as TSpan};
use ratatui::widgets::{Block, Borders, Clear, Widget};
pub use theme::Theme;
use unicode_segmentation::UnicodeSegmentation;

fn rect(r: CoreRect) -> Rect {
    Rect::new(r.x, r.y, r.width, r.height)
}

/// Cuts `s` to at most `width` display columns ([`crate::text::truncate_width`]).
pub fn truncate(s: &str, width: usize) -> String {
    crate::text::truncate_width(s, width)
}

/// Draws the whole screen.
///
/// The app lays out for the size of the last resize event it read, while the frame has the
/// size the terminal reported when the draw began; they differ when the window changes
/// between the two. The screen is then drawn at the app's size and the part that fits is
/// copied, so nothing is written outside the frame; the resize event that follows redraws it.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let laid_out = Rect::new(area.x, area.y, app.width, app.height);
    if laid_out == area {
        draw_screen(app, area, frame.buffer_mut());
        return;
    }
    let mut scratch = Buffer::empty(laid_out);
    draw_screen(app, laid_out, &mut scratch);
    let buf = frame.buffer_mut();
    let common = area.intersection(laid_out);
    for y in common.top()..common.bottom() {
        for x in common.left()..common.right() {
            if let (Some(from), Some(to)) = (scratch.cell((x, y)), buf.cell_mut((x, y))) {
                *to = from.clone();
            }
        }
    }
}

fn draw_screen(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = Theme::new(&app.config.colors, app.color);
    match app.screen {
        Screen::Library => draw_library(app, &theme, area, buf),
        Screen::Bookmarks => draw_bookmarks(app, &theme, area, buf),
        Screen::Search => found::draw_found(app, &theme, area, buf),
        Screen::Speakers => people::draw_speakers(app, &theme, area, buf),
        Screen::Reader => match &app.reader {
            Some(r) => draw_reader(app, r, &theme, buf),
            None => draw_library(app, &theme, area, buf),
        },
    }
    if let Mode::Help { scroll } = app.mode {
        draw_help(app, &theme, area, buf, scroll);
    }
}

// ----- status line -----

pub(crate) fn draw_status(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer, left: &str, right: &str) {
    if area.height == 0 {
        return;
    }
    buf.set_style(area, theme.status());
    let width = usize::from(area.width);
    if let Some(p) = app.prompt() {
        let label = match p.kind {
            PromptKind::Search => "/",
            PromptKind::LibraryFilter | PromptKind::BookmarkFilter | PromptKind::SpeakerFilter => "filter: ",
            PromptKind::Note => "note: ",
            PromptKind::LibrarySearch => "search the library: ",
        };
        let text = clean_line(&p.text);
        // Keep the end of a long prompt visible.
        let room = width.saturating_sub(display_width(label) + 2);
        let mut shown: Vec<&str> = text.graphemes(true).collect();
        while shown.iter().map(|g| crate::layout::grapheme_width(g)).sum::<usize>() > room && !shown.is_empty() {
            shown.remove(0);
        }
        let line = Line::from(vec![
            TSpan::styled(label, theme.status().add_modifier(Modifier::BOLD)),
            TSpan::styled(shown.concat(), theme.status()),
            TSpan::styled("▏", theme.status().add_modifier(Modifier::SLOW_BLINK)),
        ]);
        buf.set_line(area.x, area.y, &line, area.width);
        return;
    }
    if let Some(m) = &app.message {
        let style = match m.kind {
            MessageKind::Info => theme.status(),
            MessageKind::Warning => theme.status().patch(theme.warning()),
            MessageKind::Error => theme.status().patch(theme.error()),
        };
        let text = truncate(&clean_line(&m.text), width.saturating_sub(1));
        buf.set_stringn(area.x + 1, area.y, text, width.saturating_sub(1), style);
        return;
    }
    let right_w = display_width(right);
    let left_room = width.saturating_sub(right_w + 2);
    buf.set_stringn(area.x + 1, area.y, truncate(left, left_room), left_room, theme.status());
    if right_w + 1 < width {
        let x = area.x + area.width - u16::try_from(right_w + 1).unwrap_or(0);
        buf.set_stringn(x, area.y, right, right_w, theme.status().add_modifier(Modifier::DIM));
    }
}

// ----- reader -----

fn block_style(kind: BlockKind, theme: &Theme) -> Style {
    match kind {
        BlockKind::Title => theme.headline(),
        BlockKind::Byline => theme.byline(),
        BlockKind::Subheading | BlockKind::Heading { .. } => theme.subheading(),
        BlockKind::Code => theme.dim(),
        _ => Style::new(),
    }
}

fn draw_reader(app: &App, r: &Reader, theme: &Theme, buf: &mut Buffer) {
    let geo = app.reader_geometry();
    let why = app.mode == Mode::Why;
    let text = &r.article.text;
    for (i, rid) in r.visible_rows().iter().enumerate() {
        let y = geo.text.y + u16::try_from(i).unwrap_or(u16::MAX);
        if y >= geo.text.y + geo.text.height {
            break;
        }
        let Some(RowContent::Line(vl)) = r.layout.content(*rid) else {
            continue;
        };
        let Some(block) = r.article.blocks.get(rid.block) else {
            continue;
        };
        // Gutter: bookmark sign (where a bookmark starts, a bar along the rest), then the
        // paragraph cursor.
        let k = first_ending_after(&r.mark_spans, vl.span.start, |s| *s);
        if let Some(m) = r.mark_spans.get(k).filter(|m| m.start < vl.span.end.max(vl.span.start + 1)) {
            let sign = if m.start >= vl.span.start || vl.first && m.start >= block.span.start { "◆" } else { "│" };
            buf.set_string(geo.gutter.x, y, sign, theme.bookmark());
        }
        if rid.block == r.cursor && r.article.is_navigable(rid.block) {
            let style = if r.focus == Focus::Text { theme.cursor() } else { theme.dim() };
            buf.set_string(geo.gutter.x + 1, y, "▎", style);
        }
        let base = block_style(block.kind, theme);
        let mut x = geo.text.x;
        let right = geo.text.x + geo.text.width;
        // Prefix: block-quote bars, list marker or hanging indent, code indent.
        let indent = Indent::of(block, r.layout.width());
        for _ in 0..indent.quote_bars {
            buf.set_string(x, y, "│ ", theme.dim());
            x += 2;
        }
        let prefix_w = indent.list + indent.code;
        match block.kind {
            BlockKind::ListItem { marker } => {
                let indent = indent.list.saturating_sub(display_width(&marker_text(marker)));
                if vl.first {
                    buf.set_string(x + u16::try_from(indent).unwrap_or(0), y, marker_text(marker), theme.accent());
                }
            }
            BlockKind::Rule => {
                let w = usize::from(geo.text.width).min(40);
                let rule = "─".repeat(w);
                let rx = geo.text.x + (geo.text.width - u16::try_from(w).unwrap_or(0)) / 2;
                buf.set_string(rx, y, rule, theme.dim());
                continue;
            }
            _ => {}
        }
        x += u16::try_from(prefix_w).unwrap_or(0);
        let runs = line_runs(r, vl.span, why);
        let spans: Vec<TSpan> =
            runs.iter().map(|run| TSpan::styled(run.span.slice(text), theme.run(base, &run.marks))).collect();
        let line = Line::from(spans);
        buf.set_line(x, y, &line, right.saturating_sub(x));
    }
    if let Some(p) = geo.pane {
        draw_pane(app, r, theme, &geo, rect(p), buf);
    }
    if why {
        draw_why(app, r, theme, &geo, buf);
    }
    // Status line.
    let (n, m) = r.paragraph_number();
    let mut stats =
        format!(" · ¶ {n}/{m} · {}% · {} min left", r.percent(), r.minutes_left(app.config.words_per_minute));
    if r.loading {
        let _ = write!(stats, " · loading the rest of the article…");
    } else if r.extraction.is_none() {
        stats.push_str(" · finding quotes…");
    }
    if !r.article.warnings.is_empty() {
        let _ = write!(stats, " · ⚠ {}", r.article.warnings.len());
    }
    let focus = match (r.focus, geo.pane_mode) {
        (Focus::Pane, _) => "quotes ".to_owned(),
        (Focus::Text, PaneMode::Hidden) => {
            app.key_hint(Action::ToggleFocus).map_or_else(String::new, |k| format!("{k}: quotes "))
        }
        _ => String::new(),
    };
    let right = format!("{focus}{}", app.hints(&[(Action::Help, "help")]));
    // The headline gives way first, so the position and time left stay in view.
    let room = usize::from(geo.status.width).saturating_sub(display_width(&stats) + display_width(&right) + 3);
    let mut left = if room >= 8 {
        truncate(&clean_line(&r.article.meta.title), room) + &stats
    } else {
        stats.trim_start_matches(" · ").to_owned()
    };
    if r.selection.is_some() {
        "SELECT — j/k sentence · }/{ paragraph · m bookmark · esc cancel".clone_into(&mut left);
    }
    draw_status(app, theme, rect(geo.status), buf, &left, &right);
}

fn quote_preview(text: &str, kind: QuoteKind) -> String {
    let words = clean_line(text);
    match kind {
        QuoteKind::Direct => format!("“{words}”"),
        QuoteKind::Partial => format!("…“{words}”…"),
        QuoteKind::Indirect | QuoteKind::Mixed => words,
    }
}

fn draw_pane(_app: &App, r: &Reader, theme: &Theme, geo: &ReaderGeometry, area: Rect, buf: &mut Buffer) {
    let overlay = geo.pane_mode == PaneMode::Overlay;
    if overlay {
        Clear.render(area, buf);
    }
    let borders = if overlay {
        Borders::ALL
    } else if area.x == 0 {
        Borders::RIGHT
    } else {
        Borders::LEFT
    };
    let focused = r.focus == Focus::Pane;
    let border_style = if focused { theme.accent() } else { theme.dim() };
    let ex = r.extraction.as_deref();
    let title = match (ex, r.quotes().filter.speaker) {
        (None, _) => " Speakers & quotes — finding… ".to_owned(),
        (Some(ex), Some(s)) => {
            format!(" Only {} (f: all) ", clean_line(&ex.speaker(s).map_or("?".into(), |s| s.name.clone())))
        }
        (Some(_), None) => format!(" Speakers & quotes ({}) ", r.quotes().listed()),
    };
    let block = Block::new()
        .borders(borders)
        .border_style(border_style)
        .title(TSpan::styled(truncate(&title, usize::from(area.width.saturating_sub(2))), border_style));
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(ex) = ex else { return };
    if r.quotes().rows.is_empty() {
        buf.set_stringn(
            inner.x + 1,
            inner.y + 1,
            "No quotes found.",
            usize::from(inner.width.saturating_sub(1)),
            theme.dim(),
        );
        return;
    }
    let text = &r.article.text;
    let w = usize::from(inner.width);
    for (i, row) in r.quotes().rows.iter().skip(r.pane.scroll).take(usize::from(inner.height)).enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        match *row {
            PaneRow::Blank => {}
            PaneRow::Section => {
                buf.set_stringn(
                    inner.x,
                    y,
                    truncate("Reported speech", w),
                    w,
                    theme.dim().add_modifier(Modifier::BOLD),
                );
            }
            PaneRow::Speaker { speaker, quotes, indirect } => {
                let (name, role) = match speaker.and_then(|s| ex.speaker(s)) {
                    Some(s) => (clean_line(&s.name), s.role.as_deref().map(clean_line)),
                    None => ("Unattributed".to_owned(), None),
                };
                let count = format!(" ({quotes})");
                // The count always shows; a long role is cut first, then dropped ("● Name (3)").
                let room = w.saturating_sub(1 + 2 + display_width(&name) + display_width(&count));
                let role = role.filter(|_| room >= 6).map(|r| truncate(&format!(", {r}"), room));
                let mut spans = vec![
                    TSpan::styled(if indirect { "○ " } else { "● " }, theme.speaker(speaker.map(|s| s.0))),
                    TSpan::styled(name, Style::new().add_modifier(Modifier::BOLD)),
                ];
                if let Some(role) = role {
                    spans.push(TSpan::styled(role, theme.dim()));
                }
                spans.push(TSpan::styled(count, theme.dim()));
                let line = truncate_line(spans, w);
                buf.set_line(inner.x, y, &line, inner.width);
            }
            PaneRow::Quote(id) => {
                let Some(q) = ex.quote(id) else { continue };
                let selected = r.pane.selected == Some(id);
                let marker = if selected { "▸ " } else { "  " };
                // One column is kept free at the right for the "more below" arrow.
                let preview = truncate(&quote_preview(&q.text(text), q.kind), w.saturating_sub(3));
                let mut style = theme.speaker(q.speaker.map(|s| s.0));
                if q.kind.is_reported() {
                    style = style.add_modifier(Modifier::ITALIC);
                }
                if selected {
                    style = if focused { theme.selected_row() } else { style.add_modifier(Modifier::BOLD) };
                }
                buf.set_stringn(inner.x, y, marker, 2, theme.accent());
                buf.set_stringn(inner.x + 2, y, preview, w.saturating_sub(2), style);
            }
        }
    }
    // A scroll hint when there is more below.
    if r.pane.scroll + usize::from(inner.height) < r.quotes().rows.len() && inner.height > 0 {
        let y = inner.y + inner.height - 1;
        buf.set_stringn(inner.right().saturating_sub(1), y, "↓", 1, theme.dim());
    }
}

pub(crate) fn truncate_line(spans: Vec<TSpan<'_>>, width: usize) -> Line<'_> {
    let mut used = 0;
    let mut out = Vec::new();
    for s in spans {
        let w = display_width(&s.content);
        if used + w <= width {
            used += w;
            out.push(s);
        } else {
            let cut = truncate(&s.content, width.saturating_sub(used));
            out.push(TSpan::styled(cut, s.style));
            break;
        }
    }
    Line::from(out)
}

fn draw_why(app: &App, r: &Reader, theme: &Theme, geo: &ReaderGeometry, buf: &mut Buffer) {
    let Some(ex) = r.extraction.as_deref() else {
        return;
    };
    let Some(q) = r.pane.selected.and_then(|s| ex.quote(s)) else {
        return;
    };
    let text = &r.article.text;
    let width = geo.text.width + GUTTER;
    let inner_w = usize::from(width.saturating_sub(2));
    let who = ex.speaker_name(q).map_or_else(|| "unattributed".to_owned(), clean_line);
    // The speaker is what the box is about: it is cut last, the quote's opening first.
    let who = truncate(&who, inner_w.saturating_sub(8).max(8));
    let room = inner_w.saturating_sub(display_width(&who) + 5).min(40);
    let quote = truncate(&clean_line(&q.text(text)), room.max(1));
    let cue = q.cue.map_or_else(|| "none".to_owned(), |c| format!("“{}”", clean_line(c.slice(text))));
    let mention = q.mention.map_or_else(|| "none".to_owned(), |m| format!("“{}”", clean_line(m.slice(text))));
    let mut lines = vec![Line::from(vec![
        TSpan::raw(format!("“{quote}” → ")),
        TSpan::styled(who, Style::new().add_modifier(Modifier::BOLD)),
    ])];
    // The rule's explanation, wrapped to the box.
    let rule = format!("rule {}: {}", q.rule.id(), q.rule.describe());
    let rule_span = crate::span::Span::new(0, rule.len());
    let mut from = Some(0);
    while let Some(f) = from {
        let (l, next) = crate::layout::wrap_line(&rule, rule_span, f, inner_w.max(10), false);
        lines.push(Line::from(TSpan::styled(l.slice(&rule).to_owned(), theme.dim())));
        from = next;
        if lines.len() > 4 {
            break;
        }
    }
    lines.push(Line::from(vec![
        TSpan::styled("cue ", theme.dim()),
        TSpan::raw(cue),
        TSpan::styled(" · speaker named as ", theme.dim()),
        TSpan::raw(mention),
    ]));
    lines.push(Line::from(vec![
        TSpan::styled("confidence ", theme.dim()),
        TSpan::raw(format!("{:?}", q.confidence).to_lowercase()),
        TSpan::styled("  (cue and name are highlighted in the text)", theme.dim()),
    ]));
    let h = (u16::try_from(lines.len()).unwrap_or(6) + 2).min(geo.text.height);
    // The box goes at the bottom of the text, or at the top when the bottom would cover the
    // quote, its cue or the speaker's name (the rows it explains); where both would, the side
    // that covers fewer of them.
    let hot: Vec<crate::span::Span> = std::iter::once(q.extent).chain(q.cue).chain(q.mention).collect();
    let hot_rows: Vec<u16> = r
        .visible_rows()
        .iter()
        .enumerate()
        .filter_map(|(i, rid)| match r.layout.content(*rid) {
            Some(RowContent::Line(vl)) if hot.iter().any(|s| s.start < vl.span.end && vl.span.start < s.end) => {
                u16::try_from(i).ok().filter(|&i| i < geo.text.height)
            }
            _ => None,
        })
        .collect();
    let covered = |top: u16| hot_rows.iter().filter(|&&y| y >= top && y < top + h).count();
    let bottom = geo.text.height - h;
    let top = if covered(bottom) > covered(0) { 0 } else { bottom };
    let area = Rect::new(geo.gutter.x, geo.text.y + top, width, h);
    Clear.render(area, buf);
    let block = Block::bordered().border_style(theme.accent()).title(" Why this speaker? (any key closes) ");
    let inner = block.inner(area);
    block.render(area, buf);
    for (i, l) in lines.iter().enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        if y < inner.y + inner.height {
            buf.set_line(inner.x, y, l, inner.width);
        }
    }
    let _ = app;
}

// ----- library -----

fn draw_library(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height < 2 {
        return;
    }
    let lib = &app.library;
    let w = usize::from(area.width);
    let sort = match lib.sort {
        Some(crate::config::SortOrder::Title) => "title",
        _ => "date",
    };
    let mut head = format!(" quoth · {} · by {sort}", crate::text::count(lib.entries.len(), "article"));
    if !lib.filter.is_empty() {
        let _ = write!(head, " · filter “{}” ({})", clean_line(&lib.filter), lib.shown.len());
    }
    buf.set_stringn(0, 0, truncate(&head, w), w, theme.headline());
    // Columns: title | source | date | quotes | speakers | read | left
    let (src_w, date_w, num_w, read_w, left_w) = (18usize, 10usize, 6usize, 5usize, 7usize);
    let wide = w >= 90;
    let fixed = if wide { src_w + date_w + 2 * num_w + read_w + left_w + 6 } else { num_w + read_w + left_w + 3 };
    let title_w = w.saturating_sub(fixed + 3).max(10);
    let header = if wide {
        format!(
            "  {:<title_w$} {:<src_w$} {:<date_w$} {:>num_w$} {:>num_w$} {:>read_w$} {:>left_w$}",
            "Title", "Source", "Date", "Quotes", "Spkrs", "Read", "Left"
        )
    } else {
        format!("  {:<title_w$} {:>num_w$} {:>read_w$} {:>left_w$}", "Title", "Quotes", "Read", "Left")
    };
    let list_h = usize::from(area.height.saturating_sub(3));
    buf.set_stringn(0, 1, truncate(&header, w), w, theme.dim().add_modifier(Modifier::BOLD));
    if lib.shown.is_empty() {
        let msg = if lib.entries.is_empty() { "No articles here." } else { "Nothing matches the filter." };
        buf.set_stringn(2, 3, msg, w.saturating_sub(2), theme.dim());
    }
    for (i, &idx) in lib.shown.iter().skip(lib.scroll).take(list_h).enumerate() {
        let Some(e) = lib.entries.get(idx) else {
            continue;
        };
        let y = 2 + u16::try_from(i).unwrap_or(0);
        let selected = lib.scroll + i == lib.selected;
        let title = truncate(&clean_line(&e.title), title_w);
        let pad = |s: String, n: usize| {
            let s = truncate(&s, n);
            let fill = n.saturating_sub(display_width(&s));
            format!("{s}{}", " ".repeat(fill))
        };
        // The figures the reader's status line showed when the story was left.
        let read = app.progress(e).map_or_else(String::new, |p| format!("{p}%"));
        let left = app.minutes_left(e).map_or_else(String::new, |m| format!("{m} min"));
        let mut line = vec![
            TSpan::raw(if selected { "▸ " } else { "  " }),
            TSpan::styled(pad(title, title_w), Style::new().add_modifier(Modifier::BOLD)),
        ];
        if let Some(err) = e.error() {
            line.push(TSpan::styled(format!(" ⚠ {}", clean_line(err)), theme.error()));
        } else if wide {
            line.push(TSpan::styled(
                format!(" {}", pad(e.source.as_deref().map(clean_line).unwrap_or_default(), src_w)),
                theme.dim(),
            ));
            line.push(TSpan::styled(
                format!(" {}", pad(e.date.as_deref().map(clean_line).unwrap_or_default(), date_w)),
                theme.dim(),
            ));
            line.push(TSpan::raw(format!(
                " {:>num_w$} {:>num_w$} {:>read_w$} {:>left_w$}",
                e.quotes,
                e.speakers.len(),
                read,
                left
            )));
        } else {
            line.push(TSpan::raw(format!(" {:>num_w$} {:>read_w$} {:>left_w$}", e.quotes, read, left)));
        }
        let mut l = truncate_line(line, w);
        if selected {
            l = l.patch_style(theme.selected_row());
        }
        buf.set_line(0, y, &l, area.width);
    }
    let mut left = app.hints(&[
        (Action::Open, "open"),
        (Action::Search, "filter"),
        (Action::SearchLibrary, "search all"),
        (Action::OpenSpeakers, "speakers"),
        (Action::Sort, "sort"),
        (Action::OpenBookmarks, "bookmarks"),
    ]);
    if lib.skipped > 0 {
        let n = lib.skipped;
        left = format!("{n} {} skipped · {left}", if n == 1 { "file" } else { "files" });
    }
    if let Some((done, total)) = lib.scan {
        left = match total {
            Some(t) => format!("scanning {done}/{t}… · {left}"),
            None => format!("scanning {done}… · {left}"),
        };
    }
    let status = Rect::new(0, area.height - 1, area.width, 1);
    let right = app.hints(&[(Action::Help, "help"), (Action::Quit, "quit")]);
    draw_status(app, theme, status, buf, &left, &right);
}

// ----- bookmarks -----

fn draw_bookmarks(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height < 2 {
        return;
    }
    let v = &app.bookmarks_view;
    let w = usize::from(area.width);
    let mut head = format!(" Bookmarks · {}", app.bookmarks.len());
    if !v.filter.is_empty() {
        let _ = write!(head, " · filter “{}” ({})", clean_line(&v.filter), v.shown.len());
    }
    if app.store_read_only.is_some() {
        head.push_str(" · read-only");
    }
    buf.set_stringn(0, 0, truncate(&head, w), w, theme.headline());
    if v.shown.is_empty() {
        let msg = if app.bookmarks.is_empty() {
            "No bookmarks yet: press m in an article to bookmark a paragraph."
        } else {
            "Nothing matches the filter."
        };
        buf.set_stringn(2, 2, truncate(msg, w.saturating_sub(2)), w.saturating_sub(2), theme.dim());
    }
    let per = 3usize;
    let rows = usize::from(area.height.saturating_sub(2)) / per;
    for (i, &bi) in v.shown.iter().skip(v.scroll).take(rows.max(1)).enumerate() {
        let Some(b) = app.bookmarks.get(bi) else {
            continue;
        };
        let y = 1 + u16::try_from(i * per).unwrap_or(0);
        if y + 1 >= area.height {
            break;
        }
        let selected = v.scroll + i == v.selected;
        let date = if b.created > 0 { crate::store::export::date(b.created) } else { String::new() };
        title_row(theme, area, buf, y, selected, &b.title, &date);
        // Flag passages whose article changed or went missing (never hide them).
        let check = app.bookmarks_view.status.get(&b.id);
        let status = match check.map(|c| c.status) {
            Some(crate::store::export::Status::Reanchored) => "[text changed] ",
            Some(crate::store::export::Status::Lost) => "[passage not found] ",
            Some(crate::store::export::Status::Missing) => "[article missing] ",
            _ => "",
        };
        let moved = if check.is_some_and(|c| c.moved_to.is_some()) { "[moved] " } else { "" };
        let flag = format!("{moved}{status}");
        let flag = flag.as_str();
        let excerpt = truncate(&crate::text::quoted_excerpt(&clean_line(&b.excerpt)), w.saturating_sub(4 + flag.len()));
        buf.set_stringn(4, y + 1, flag, flag.len(), theme.warning());
        let fx = 4 + u16::try_from(display_width(flag)).unwrap_or(0);
        buf.set_stringn(fx, y + 1, excerpt, w.saturating_sub(usize::from(fx)), theme.accent());
        if let Some(note) = &b.note
            && y + 2 < area.height - 1
        {
            let n = truncate(&format!("✎ {}", clean_line(note)), w.saturating_sub(4));
            buf.set_stringn(4, y + 2, n, w.saturating_sub(4), theme.bookmark());
        }
    }
    let status = Rect::new(0, area.height - 1, area.width, 1);
    let left = app.hints(&[
        (Action::Open, "open"),
        (Action::Delete, "delete"),
        (Action::Undo, "undo"),
        (Action::EditNote, "note"),
        (Action::Search, "filter"),
    ]);
    let right = app.hints(&[(Action::Help, "help"), (Action::Back, "back")]);
    draw_status(app, theme, status, buf, &left, &right);
}

/// The first row of a list item of the bookmarks, search and speakers screens: the selection
/// marker, the title in bold (sanitised, cut to fit) and `right` (a date…) at the right edge.
pub(crate) fn title_row(theme: &Theme, area: Rect, buf: &mut Buffer, y: u16, selected: bool, title: &str, right: &str) {
    let w = usize::from(area.width);
    let title_w = w.saturating_sub(display_width(right) + 4);
    let mut line = Line::from(vec![
        TSpan::raw(if selected { "▸ " } else { "  " }),
        TSpan::styled(truncate(&clean_line(title), title_w), Style::new().add_modifier(Modifier::BOLD)),
    ]);
    if selected {
        line = line.patch_style(theme.selected_row());
    }
    buf.set_line(0, y, &line, area.width);
    let rw = u16::try_from(display_width(right) + 1).unwrap_or(0);
    buf.set_stringn(area.width.saturating_sub(rw), y, right, display_width(right), theme.dim());
}

// ----- help -----

fn draw_help(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer, scroll: u16) {
    let w = area.width.saturating_sub(4).min(80);
    let h = area.height.saturating_sub(2);
    if w < 10 || h < 3 {
        return;
    }
    let r = Rect::new((area.width - w) / 2, 1, w, h);
    Clear.render(r, buf);
    let block = Block::bordered().border_style(theme.accent()).title(" Keys — j/k scroll, any other key closes ");
    let inner = block.inner(r);
    block.render(r, buf);
    let lines = app.help_lines();
    let longest = lines.iter().filter(|(_, d)| !d.is_empty()).map(|(k, _)| display_width(k)).max().unwrap_or(8);
    let key_w = (longest + 1).min(18).min(usize::from(inner.width) / 2);
    for (i, (keys, desc)) in lines.iter().skip(usize::from(scroll)).take(usize::from(inner.height)).enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        if desc.is_empty() {
            buf.set_stringn(inner.x, y, keys, usize::from(inner.width), theme.subheading());
            continue;
        }
        let k = truncate(keys, key_w);
        buf.set_stringn(inner.x + 1, y, &k, key_w, theme.accent());
        let dx = u16::try_from(key_w + 2).unwrap_or(0);
        buf.set_stringn(
            inner.x + dx,
            y,
            truncate(desc, usize::from(inner.width.saturating_sub(dx))),
            usize::from(inner.width.saturating_sub(dx)),
            Style::new(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_respects_width() {
        assert_eq!(truncate("hello", 5), "hello");
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("日本語", 4), "日…");
    }
}
