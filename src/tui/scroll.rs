//! Where a text taller than its window is scrolled to, and how the keys move it.

use super::action::Action;

/// The first shown row of a text taller than its window.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    /// Rows scrolled past.
    pub offset: u16,
}

/// How much a text can be scrolled in its window: rows shown at once and rows in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Room {
    /// Rows the window shows.
    pub page: u16,
    /// Rows the text takes, wrapped to the window's width.
    pub total: u16,
}

impl Room {
    /// The furthest the text can be scrolled: its last row at the window's foot.
    pub fn max(&self) -> u16 {
        self.total.saturating_sub(self.page)
    }
}

impl Scroll {
    /// Moves for a key's action; false when the action is no move or the text cannot go further
    /// that way (the caller may then move something else, such as a list below).
    pub fn apply(&mut self, action: Action, room: Room) -> bool {
        let page = room.page.max(1);
        let half = (page / 2).max(1);
        let now = self.offset.min(room.max());
        let to = match action {
            Action::Up => now.saturating_sub(1),
            Action::Down => now.saturating_add(1),
            Action::PageUp => now.saturating_sub(page.saturating_sub(1).max(1)),
            Action::PageDown => now.saturating_add(page.saturating_sub(1).max(1)),
            Action::HalfPageUp => now.saturating_sub(half),
            Action::HalfPageDown => now.saturating_add(half),
            Action::Top => 0,
            Action::Bottom => room.max(),
            _ => return false,
        }
        .min(room.max());
        self.offset = to;
        to != now
    }

    /// The offset to draw at: never past the end, whatever the window's size now.
    pub fn shown(&self, room: Room) -> u16 {
        self.offset.min(room.max())
    }
}

/// "12–34 of 80": the rows shown of a text taller than its window, counted from 1; `None` when
/// it all fits.
pub fn position(scroll: Scroll, room: Room, of: &str) -> Option<String> {
    if room.total <= room.page {
        return None;
    }
    let first = scroll.shown(room) + 1;
    let last = (first - 1 + room.page).min(room.total);
    Some(format!("{first}–{last} {of} {}", room.total))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOM: Room = Room {
        page: 10,
        total: 35,
    };

    #[test]
    fn keys_move_within_the_text_and_stop_at_its_ends() {
        let mut s = Scroll::default();
        assert!(!s.apply(Action::Up, ROOM), "already at the top");
        assert!(s.apply(Action::Down, ROOM));
        assert_eq!(s.offset, 1);
        s.apply(Action::PageDown, ROOM);
        assert_eq!(s.offset, 10, "a page keeps one row of the last");
        s.apply(Action::HalfPageDown, ROOM);
        assert_eq!(s.offset, 15);
        s.apply(Action::Bottom, ROOM);
        assert_eq!(s.offset, 25, "the last row at the foot");
        assert!(!s.apply(Action::Down, ROOM), "no further");
        assert_eq!(position(s, ROOM, "of").as_deref(), Some("26–35 of 35"));
        s.apply(Action::HalfPageUp, ROOM);
        assert_eq!(s.offset, 20);
        s.apply(Action::Top, ROOM);
        assert_eq!(position(s, ROOM, "af").as_deref(), Some("1–10 af 35"));
    }

    #[test]
    fn a_text_that_fits_does_not_move_or_show_a_position() {
        let room = Room { page: 10, total: 7 };
        let mut s = Scroll::default();
        assert!(!s.apply(Action::Down, room));
        assert!(!s.apply(Action::Bottom, room));
        assert_eq!(position(s, room, "of"), None);
    }

    #[test]
    fn a_window_grown_taller_shows_the_end_without_a_gap() {
        let s = Scroll { offset: 25 };
        let taller = Room {
            page: 30,
            total: 35,
        };
        assert_eq!(s.shown(taller), 5);
    }
}
