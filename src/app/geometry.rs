//! Screen geometry: where the text column, the pane and the status line go for a terminal size.
//!
//! Computed in the core (not in the UI) so that key handling, mouse hits and scrolling use
//! exactly the rectangles the UI draws into.

use crate::config::{PaneConfig, Side};

/// A rectangle of terminal cells.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rect {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Rect {
    pub const fn new(x: u16, y: u16, width: u16, height: u16) -> Rect {
        Rect { x, y, width, height }
    }

    pub fn contains(&self, col: u16, row: u16) -> bool {
        col >= self.x
            && col < self.x.saturating_add(self.width)
            && row >= self.y
            && row < self.y.saturating_add(self.height)
    }

    pub fn is_empty(&self) -> bool {
        self.width == 0 || self.height == 0
    }

    pub fn right(&self) -> u16 {
        self.x.saturating_add(self.width)
    }
}

/// How the pane is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaneMode {
    Hidden,
    Side,
    Overlay,
}

/// Width of the gutter left of the text (bookmark sign, paragraph cursor).
pub const GUTTER: u16 = 2;

/// The reader's rectangles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReaderGeometry {
    /// Everything above the status line.
    pub body: Rect,
    /// The area the text column is centred in.
    pub text_area: Rect,
    /// The gutter, just left of the text column.
    pub gutter: Rect,
    /// The text column itself (its width is the layout width).
    pub text: Rect,
    pub pane: Option<Rect>,
    pub pane_mode: PaneMode,
    pub status: Rect,
}

/// Terminals at least this tall split the screen between text and the focused pane when it
/// cannot sit beside the text; shorter ones show the pane over the text.
pub const OVERLAY_SPLIT_MIN_HEIGHT: u16 = 12;

impl ReaderGeometry {
    /// `pane_wanted`: the user wants the pane (side mode); `pane_focused`: the pane has focus
    /// (opens the overlay in narrow terminals).
    pub fn compute(
        width: u16,
        height: u16,
        text_width: u16,
        pane: &PaneConfig,
        pane_wanted: bool,
        pane_focused: bool,
    ) -> ReaderGeometry {
        let body = Rect::new(0, 0, width, height.saturating_sub(1));
        let status = Rect::new(0, height.saturating_sub(1), width, u16::from(height > 0));
        let narrow = width < pane.overlay_below || width < pane.width.saturating_add(40);
        let mode = if narrow {
            if pane_focused { PaneMode::Overlay } else { PaneMode::Hidden }
        } else if pane_wanted || pane_focused {
            PaneMode::Side
        } else {
            PaneMode::Hidden
        };
        let (text_area, pane_rect) = match mode {
            PaneMode::Side => {
                let pw = pane.width.min(width / 2);
                match pane.side {
                    Side::Right => {
                        (Rect::new(0, 0, width - pw, body.height), Some(Rect::new(width - pw, 0, pw, body.height)))
                    }
                    Side::Left => (Rect::new(pw, 0, width - pw, body.height), Some(Rect::new(0, 0, pw, body.height))),
                }
            }
            // In a narrow terminal the pane takes the lower half while it has focus, so the
            // selected quote and what follows it stay readable above (Tab or Esc gives the
            // rows back); in a very short one it covers the text.
            PaneMode::Overlay if body.height >= OVERLAY_SPLIT_MIN_HEIGHT => {
                let ph = (body.height / 2).max(6);
                let th = body.height - ph;
                (Rect::new(0, 0, width, th), Some(Rect::new(0, th, width, ph)))
            }
            PaneMode::Overlay => (body, Some(body)),
            PaneMode::Hidden => (body, None),
        };
        // The text column: at most text_width, centred, with the gutter on its left and at
        // least one column of margin on the right.
        let room = text_area.width.saturating_sub(GUTTER + 1);
        let tw = text_width.min(room).max(room.min(crate::layout::MIN_WIDTH));
        let total = tw + GUTTER;
        let left = text_area.x + text_area.width.saturating_sub(total + 1) / 2;
        let gutter = Rect::new(left, 0, GUTTER.min(text_area.width), text_area.height);
        let text = Rect::new(left + GUTTER, 0, tw, text_area.height);
        ReaderGeometry { body, text_area, gutter, text, pane: pane_rect, pane_mode: mode, status }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pane() -> PaneConfig {
        PaneConfig { visible: true, side: Side::Right, width: 42, overlay_below: 100, show_indirect: false }
    }

    #[test]
    fn wide_terminal_has_side_pane_and_centred_text() {
        let g = ReaderGeometry::compute(160, 40, 80, &pane(), true, false);
        assert_eq!(g.pane_mode, PaneMode::Side);
        assert_eq!(g.pane, Some(Rect::new(118, 0, 42, 39)));
        assert_eq!(g.text.width, 80);
        assert!(g.text.right() <= 118);
        assert_eq!(g.status, Rect::new(0, 39, 160, 1));
    }

    #[test]
    fn narrow_terminal_uses_overlay_only_when_focused() {
        let g = ReaderGeometry::compute(80, 24, 80, &pane(), true, false);
        assert_eq!(g.pane_mode, PaneMode::Hidden);
        assert_eq!(g.text.width, 77);
        let g = ReaderGeometry::compute(80, 24, 80, &pane(), true, true);
        assert_eq!(g.pane_mode, PaneMode::Overlay);
        assert!(g.pane.is_some_and(|p| p.right() <= 80));
        // Split: text above, pane below, no row shared.
        let p = g.pane.unwrap_or_default();
        assert_eq!(p.y, g.text.y + g.text.height);
        assert_eq!(p.y + p.height, g.status.y);
        assert!(g.text.height >= 8, "{g:?}");
        // Too short to split: the pane covers the text.
        let g = ReaderGeometry::compute(80, 10, 80, &pane(), true, true);
        assert_eq!(g.pane, Some(g.body));
    }

    #[test]
    fn tiny_terminal_does_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (5, 2), (12, 3)] {
            let g = ReaderGeometry::compute(w, h, 80, &pane(), true, true);
            assert!(g.text.right() <= w.max(g.text.right()));
        }
    }
}
