//! Splits what a program wrote to its terminal into escape sequences, to check that every one
//! of them is one quoth itself emits (and so none came from an article).
#![allow(dead_code)]

/// One control sequence found in terminal output.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seq {
    /// `ESC [ params final`.
    Csi { params: String, fin: char },
    /// `ESC ] payload (BEL | ESC \)`.
    Osc(String),
    /// `ESC` followed by one other character (`ESC 7`, `ESC P` …).
    Esc(char),
    /// A C0 control other than CR, LF, BS and the OSC terminator, or a C1 control.
    Control(u32),
}

/// All sequences in `bytes` (decoded as UTF-8, lossily).
pub fn sequences(bytes: &[u8]) -> Vec<Seq> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                Some('[') => {
                    let mut params = String::new();
                    let mut fin = '?';
                    for d in chars.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&d) {
                            fin = d;
                            break;
                        }
                        params.push(d);
                    }
                    out.push(Seq::Csi { params, fin });
                }
                Some(']') => {
                    let mut payload = String::new();
                    while let Some(d) = chars.next() {
                        if d == '\u{7}' {
                            break;
                        }
                        if d == '\u{1b}' {
                            chars.next();
                            break;
                        }
                        payload.push(d);
                    }
                    out.push(Seq::Osc(payload));
                }
                Some(other) => out.push(Seq::Esc(other)),
                None => out.push(Seq::Control(0x1b)),
            },
            '\r' | '\n' | '\u{8}' => {}
            c if c.is_control() => out.push(Seq::Control(c as u32)),
            // Bidi controls reorder what the terminal shows: quoth never writes them.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => out.push(Seq::Control(c as u32)),
            _ => {}
        }
    }
    out
}

/// Why a sequence is not one quoth emits, or `None` when it is.
pub fn foreign(seq: &Seq) -> Option<String> {
    match seq {
        Seq::Csi { params, fin } => {
            let ok_params = params.chars().all(|c| c.is_ascii_digit() || matches!(c, ';' | ':' | '?'));
            let ok = ok_params
                && match fin {
                    // Colours and attributes, cursor position and moves, erasing.
                    'm' | 'H' | 'A' | 'B' | 'C' | 'D' | 'G' | 'J' | 'K' => true,
                    // Modes: cursor, alternate screen, mouse reporting, synchronised output.
                    'h' | 'l' => matches!(
                        params.as_str(),
                        "?25" | "?1049" | "?1000" | "?1002" | "?1003" | "?1006" | "?1015" | "?2026"
                    ),
                    // Saving and restoring the window title.
                    't' => matches!(params.as_str(), "22;0" | "23;0"),
                    _ => false,
                };
            (!ok).then(|| format!("CSI {params:?} {fin}"))
        }
        // Only the window title, and only quoth's own.
        Seq::Osc(p) => {
            let ok = p.starts_with("0;quoth — ") && !p.chars().any(char::is_control);
            (!ok).then(|| format!("OSC {p:?}"))
        }
        Seq::Esc(c) => Some(format!("ESC {c:?}")),
        Seq::Control(c) => Some(format!("control U+{c:04X}")),
    }
}
