//! The terminal: setup and guaranteed restore, the event loop, and translating crossterm
//! events into the core's keys and messages.
//!
//! The terminal is restored on every way out: normal quit, an error, a panic (hook), SIGTERM,
//! SIGHUP and SIGINT (flags checked by the loop). Ctrl-Z restores the terminal, stops the
//! process and sets everything up again with a full redraw when it is continued; Ctrl-L
//! redraws. Bursts of input (wheel floods, resize storms) are drained before one redraw.

use crate::app::keymap::{Key, KeyCode};
use crate::app::{Mouse, Msg};
use crate::session::Session;
use crate::store::Position;
use crossterm::event::{self, Event, KeyEventKind, KeyModifiers, MouseEventKind};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Puts the terminal into reader mode: raw input, alternate screen, mouse reports, no cursor,
/// and a saved window title.
fn enter(out: &mut impl Write) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    // Push the window title so it can be restored (xterm title stack).
    out.write_all(b"\x1b[22;0t")?;
    execute!(out, terminal::EnterAlternateScreen, event::EnableMouseCapture, cursor::Hide)?;
    Ok(())
}

/// Undoes `enter`. Safe to call more than once and when `enter` failed half-way.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(out, event::DisableMouseCapture, terminal::LeaveAlternateScreen, cursor::Show);
    let _ = out.write_all(b"\x1b[23;0t");
    let _ = out.flush();
    let _ = terminal::disable_raw_mode();
}

/// Sets the window title from article text: sanitised to one printable line.
fn set_title(out: &mut impl Write, title: &str) {
    let clean = crate::article::sanitize::clean_line(title);
    let short = crate::ui::truncate(&clean, 80);
    let _ = execute!(out, terminal::SetTitle(format!("quoth — {short}")));
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Translates a crossterm key event.
pub fn translate_key(k: &event::KeyEvent) -> Option<Key> {
    use event::KeyCode as C;
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    let code = match k.code {
        C::Char(c) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
        C::Enter => KeyCode::Enter,
        C::Tab if k.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        C::Tab => KeyCode::Tab,
        C::BackTab => KeyCode::BackTab,
        C::Esc => KeyCode::Esc,
        C::Backspace => KeyCode::Backspace,
        C::Delete => KeyCode::Delete,
        C::Insert => KeyCode::Insert,
        C::Up => KeyCode::Up,
        C::Down => KeyCode::Down,
        C::Left => KeyCode::Left,
        C::Right => KeyCode::Right,
        C::PageUp => KeyCode::PageUp,
        C::PageDown => KeyCode::PageDown,
        C::Home => KeyCode::Home,
        C::End => KeyCode::End,
        C::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key { code, ctrl, alt })
}

fn translate_mouse(m: event::MouseEvent) -> Option<Mouse> {
    let (col, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::ScrollDown => Some(Mouse::ScrollDown { col, row }),
        MouseEventKind::ScrollUp => Some(Mouse::ScrollUp { col, row }),
        MouseEventKind::Down(event::MouseButton::Left) => Some(Mouse::Click { col, row }),
        _ => None,
    }
}

/// Why the loop ended.
#[derive(Debug)]
pub enum Exit {
    Quit,
    /// A signal asked us to stop (its number).
    Signal(i32),
}

/// Runs the reader until the user quits. The terminal is restored before this returns.
pub fn run(session: &mut Session) -> io::Result<Exit> {
    let stop = Arc::new(AtomicI32::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let last_position: Arc<Mutex<Option<Position>>> = Arc::new(Mutex::new(None));
    let data_dir = session.store.is_persistent().then(|| session.store.dir().to_path_buf());
    start_watchdog(stop.clone(), done.clone(), last_position.clone(), data_dir)?;
    install_panic_hook();
    let mut out = io::stdout();
    if let Err(e) = enter(&mut out) {
        restore();
        done.store(true, Ordering::SeqCst);
        return Err(e);
    }
    let result = event_loop(session, &stop, &last_position);
    restore();
    let _ = out.flush();
    done.store(true, Ordering::SeqCst);
    let sig = stop.load(Ordering::SeqCst);
    result.map(|()| if sig != 0 { Exit::Signal(sig) } else { Exit::Quit })
}

/// How long the loop has to notice a signal before the watchdog ends the process itself.
const GRACE: Duration = Duration::from_millis(600);

/// A thread that receives SIGTERM, SIGHUP and SIGINT. It asks the loop to stop; if the loop
/// does not (a vanished terminal can leave the input library spinning in a read that never
/// returns), it saves the last reading position, restores the terminal and exits.
fn start_watchdog(
    stop: Arc<AtomicI32>,
    done: Arc<AtomicBool>,
    last_position: Arc<Mutex<Option<Position>>>,
    data_dir: Option<std::path::PathBuf>,
) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new().name("quoth-signals".into()).spawn(move || {
        let Some(sig) = signals.forever().next() else { return };
        stop.store(sig, Ordering::SeqCst);
        let deadline = Instant::now() + GRACE;
        while Instant::now() < deadline {
            if done.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        if let (Some(dir), Ok(guard)) = (data_dir, last_position.lock())
            && let Some(p) = guard.clone()
        {
            let mut store = crate::store::Store::open(&dir);
            let _ = store.set_position(p);
        }
        restore();
        std::process::exit(128 + sig);
    })?;
    Ok(())
}

/// Clears the screen and forgets what was drawn, so the next frame is drawn whole. (Unlike
/// `Terminal::clear`, this does not ask the terminal for the cursor position, a query that a
/// terminal may never answer.)
fn full_redraw(term: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
    let size = term.size()?;
    term.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

fn new_terminal() -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

fn event_loop(session: &mut Session, stop: &AtomicI32, last_position: &Mutex<Option<Position>>) -> io::Result<()> {
    let mut term = new_terminal()?;
    let size = term.size()?;
    session.dispatch(Msg::Resize { width: size.width, height: size.height });
    let tick_every = Duration::from_secs(session.app.config.save_position_every.max(1));
    let mut last_tick = Instant::now();
    let mut title: Option<String> = None;
    let mut last_view = None;
    loop {
        if stop.load(Ordering::SeqCst) != 0 {
            session.dispatch(Msg::Action(crate::app::action::Action::Quit));
            return Ok(());
        }
        if let Ok(mut guard) = last_position.lock() {
            *guard = session.app.current_position();
        }
        let want_title = session.app.reader.as_ref().map(|r| r.article.meta.title.clone());
        if want_title != title {
            set_title(&mut io::stdout(), want_title.as_deref().unwrap_or("library"));
            title = want_title;
        }
        // A new screen or article is drawn from scratch: terminals do not all agree with the
        // width tables on some emoji and combining sequences, and a full redraw leaves no
        // stale cells behind from the previous screen.
        let view = (session.app.screen, session.app.reader.as_ref().map(|r| (r.entry, r.article.fingerprint())));
        if last_view.as_ref() != Some(&view) {
            full_redraw(&mut term)?;
            last_view = Some(view);
        }
        // The window may have changed since the last resize event was read: lay out for the
        // size this draw will use (the event that follows then changes nothing).
        if let Ok(size) = term.size()
            && (size.width, size.height) != (session.app.width, session.app.height)
        {
            session.dispatch(Msg::Resize { width: size.width, height: size.height });
        }
        term.draw(|f| crate::ui::render(&session.app, f))?;
        session.start_deferred();
        // Debug builds can be told to panic after the first frame, to test that the terminal
        // is restored on a panic.
        assert!(!(cfg!(debug_assertions) && std::env::var_os("QUOTH_TEST_PANIC").is_some()), "QUOTH_TEST_PANIC is set");
        // Wait for input, background results or the next tick.
        let mut control = crate::session::Control::default();
        let timeout = if session.pending > 0 || session.app.library.scan.is_some() {
            Duration::from_millis(50)
        } else {
            Duration::from_millis(250)
        };
        if event::poll(timeout)? {
            // Drain everything queued so a burst becomes one redraw.
            let mut budget = 512;
            loop {
                let ev = event::read()?;
                let c = handle_event(session, &ev, &mut term)?;
                control.quit |= c.quit;
                control.redraw |= c.redraw;
                budget -= 1;
                if control.quit || budget == 0 || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        let (_, c) = session.poll_background();
        control.quit |= c.quit;
        control.redraw |= c.redraw;
        if last_tick.elapsed() >= tick_every {
            last_tick = Instant::now();
            let c = session.dispatch(Msg::Tick);
            control.quit |= c.quit;
            session.reload_store();
        }
        if control.quit {
            return Ok(());
        }
        if control.redraw {
            full_redraw(&mut term)?;
        }
    }
}

fn handle_event(
    session: &mut Session,
    ev: &Event,
    term: &mut Terminal<CrosstermBackend<Stdout>>,
) -> io::Result<crate::session::Control> {
    let none = crate::session::Control::default();
    Ok(match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            if k.code == event::KeyCode::Char('z') && k.modifiers.contains(KeyModifiers::CONTROL) {
                suspend(term)?;
                return Ok(crate::session::Control { quit: false, redraw: true });
            }
            match translate_key(k) {
                Some(key) => session.dispatch(Msg::Key(key)),
                None => none,
            }
        }
        Event::Mouse(m) => match translate_mouse(*m) {
            Some(m) => session.dispatch(Msg::Mouse(m)),
            None => none,
        },
        Event::Resize(width, height) => session.dispatch(Msg::Resize { width: *width, height: *height }),
        _ => none,
    })
}

/// Ctrl-Z: hand the terminal back, stop, and take it again when continued.
fn suspend(term: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
    restore();
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    }
    // Execution continues here after `fg`.
    let mut out = io::stdout();
    enter(&mut out)?;
    full_redraw(term)?;
    Ok(())
}
