//! What the library and bookmarks lists share: a selection that moves by line, page and end,
//! and a scroll offset that keeps it on screen.

use super::action::Action;

/// Where a list movement puts the selection in a list of `len` rows (`page` rows a page), or
/// `None` for an action that does not move it.
pub(super) fn step(selected: usize, len: usize, action: Action, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    let page = page.max(1);
    Some(match action {
        Action::Down => (selected + 1).min(last),
        Action::Up => selected.saturating_sub(1),
        Action::PageDown => (selected + page).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    })
}

/// Clamps the selection to the list and scrolls so that it is one of the `height` rows shown.
pub(super) fn clamp(selected: &mut usize, scroll: &mut usize, len: usize, height: usize) {
    let height = height.max(1);
    *selected = (*selected).min(len.saturating_sub(1));
    if *selected < *scroll {
        *scroll = *selected;
    } else if *selected >= *scroll + height {
        *scroll = *selected + 1 - height;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stop_at_the_ends() {
        assert_eq!(step(0, 5, Action::Up, 3), Some(0));
        assert_eq!(step(4, 5, Action::Down, 3), Some(4));
        assert_eq!(step(1, 5, Action::PageDown, 3), Some(4));
        assert_eq!(step(4, 5, Action::PageUp, 3), Some(1));
        assert_eq!(step(2, 5, Action::Bottom, 3), Some(4));
        assert_eq!(step(2, 0, Action::Down, 3), Some(0), "an empty list");
        assert_eq!(step(2, 5, Action::Open, 3), None);
    }

    #[test]
    fn the_selection_stays_in_view() {
        let (mut sel, mut scroll) = (9, 0);
        clamp(&mut sel, &mut scroll, 20, 4);
        assert_eq!((sel, scroll), (9, 6));
        sel = 2;
        clamp(&mut sel, &mut scroll, 20, 4);
        assert_eq!((sel, scroll), (2, 2));
        sel = 50;
        clamp(&mut sel, &mut scroll, 3, 4);
        assert_eq!(sel, 2, "clamped to a list that shrank");
    }
}
