//! Colours and text styles: maps the core's colour specs and highlight [`Marks`] to ratatui
//! styles, with a colourless variant for `NO_COLOR` (italic, underline, reverse instead).

use crate::app::runs::Marks;
use crate::config::{ColorSpec, Colors};
use ratatui::style::{Color, Modifier, Style};

/// The styles the UI draws with.
#[derive(Clone, Debug)]
pub struct Theme {
    pub color: bool,
    colors: Colors,
}

fn to_color(c: ColorSpec) -> Color {
    match c {
        ColorSpec::Default => Color::Reset,
        ColorSpec::Named(i) => match i {
            0 => Color::Black,
            1 => Color::Red,
            2 => Color::Green,
            3 => Color::Yellow,
            4 => Color::Blue,
            5 => Color::Magenta,
            6 => Color::Cyan,
            7 => Color::Gray,
            8 => Color::DarkGray,
            9 => Color::LightRed,
            10 => Color::LightGreen,
            11 => Color::LightYellow,
            12 => Color::LightBlue,
            13 => Color::LightMagenta,
            14 => Color::LightCyan,
            _ => Color::White,
        },
        ColorSpec::Indexed(i) => Color::Indexed(i),
        ColorSpec::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

impl Theme {
    pub fn new(colors: &Colors, color: bool) -> Theme {
        Theme { color, colors: colors.clone() }
    }

    fn fg(&self, c: ColorSpec) -> Style {
        if self.color { Style::new().fg(to_color(c)) } else { Style::new() }
    }

    pub fn headline(&self) -> Style {
        self.fg(self.colors.headline).add_modifier(Modifier::BOLD)
    }

    pub fn byline(&self) -> Style {
        self.fg(self.colors.byline).add_modifier(Modifier::ITALIC)
    }

    pub fn subheading(&self) -> Style {
        self.fg(self.colors.subheading).add_modifier(Modifier::BOLD)
    }

    pub fn accent(&self) -> Style {
        self.fg(self.colors.accent)
    }

    pub fn dim(&self) -> Style {
        if self.color { self.fg(self.colors.dim) } else { Style::new().add_modifier(Modifier::DIM) }
    }

    pub fn cursor(&self) -> Style {
        self.fg(self.colors.cursor)
    }

    pub fn bookmark(&self) -> Style {
        self.fg(self.colors.bookmark).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        if self.color {
            Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn warning(&self) -> Style {
        if self.color { Style::new().fg(Color::Yellow) } else { Style::new().add_modifier(Modifier::BOLD) }
    }

    pub fn status(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Indexed(236)).fg(Color::Gray)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn selected_row(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The colour of a speaker (`None`: unattributed).
    pub fn speaker(&self, speaker: Option<u32>) -> Style {
        match speaker {
            None => self.fg(self.colors.unattributed),
            Some(i) => {
                let n = self.colors.speakers.len().max(1);
                let c = self.colors.speakers.get(i as usize % n).copied().unwrap_or(ColorSpec::Default);
                self.fg(c)
            }
        }
    }

    /// The style of a run of article text over a block's base style.
    pub fn run(&self, base: Style, m: &Marks) -> Style {
        let mut s = base;
        if m.emphasis {
            s = s.add_modifier(Modifier::ITALIC);
        }
        if m.strong {
            s = s.add_modifier(Modifier::BOLD);
        }
        if m.strike {
            s = s.add_modifier(Modifier::CROSSED_OUT);
        }
        if m.code {
            s = if self.color { s.fg(Color::LightGreen) } else { s.add_modifier(Modifier::DIM) };
        }
        if m.link {
            s = s.add_modifier(Modifier::UNDERLINED);
            if self.color {
                s = s.fg(Color::LightBlue);
            }
        }
        if let Some(q) = m.quote {
            if self.color {
                s = s.patch(self.speaker(q.speaker));
                if q.indirect {
                    s = s.add_modifier(Modifier::DIM);
                }
                if q.selected {
                    s = s.bg(Color::Indexed(237)).add_modifier(Modifier::BOLD);
                }
            } else {
                s = s.add_modifier(Modifier::ITALIC);
                if q.selected {
                    s = s.add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
                }
            }
        }
        if m.bookmark {
            s = if self.color {
                s.underline_color(to_color(self.colors.bookmark)).add_modifier(Modifier::UNDERLINED)
            } else {
                s.add_modifier(Modifier::UNDERLINED)
            };
        }
        if m.selection {
            s = if self.color {
                s.bg(to_color(self.colors.selection)).fg(Color::White)
            } else {
                s.add_modifier(Modifier::REVERSED)
            };
        }
        if m.cue || m.mention {
            s = s.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
            if self.color {
                s = s.fg(if m.cue { Color::LightGreen } else { Color::LightYellow });
            }
        }
        if m.hit {
            s = if self.color {
                let bg = if m.current_hit { Color::LightYellow } else { to_color(self.colors.search) };
                s.bg(bg).fg(Color::Black)
            } else {
                s.add_modifier(Modifier::REVERSED)
            };
            if m.current_hit {
                s = s.add_modifier(Modifier::BOLD);
            }
        }
        s
    }
}
