//! Drives the real `quoth` binary in a pseudo-terminal: keys in, screen out (vt100).
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Pty {
    master: Option<Box<dyn MasterPty + Send>>,
    child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote.
    pub raw: Arc<Mutex<Vec<u8>>>,
    done: Arc<Mutex<bool>>,
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).unwrap()
}

impl Pty {
    /// Starts quoth with `args` in a `cols`×`rows` terminal, with its data and config in `home`.
    pub fn spawn(args: &[&str], home: &Path, cols: u16, rows: u16, extra_env: &[(&str, &str)]) -> Pty {
        Pty::spawn_with(env!("CARGO_BIN_EXE_quoth"), args, home, cols, rows, extra_env)
    }

    /// Starts any program the same way (benchmarks compare quoth with `less`).
    pub fn spawn_program(program: &str, args: &[&str], home: &Path, cols: u16, rows: u16) -> Pty {
        Pty::spawn_with(program, args, home, cols, rows, &[])
    }

    fn spawn_with(program: &str, args: &[&str], home: &Path, cols: u16, rows: u16, extra_env: &[(&str, &str)]) -> Pty {
        let system = native_pty_system();
        let pair = system.openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("openpty");
        let mut cmd = CommandBuilder::new(program);
        for a in args {
            cmd.arg(a);
        }
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("QUOTH_DATA_DIR", home.join("quoth-data"));
        cmd.env("QUOTH_CONFIG", home.join("no-config.toml"));
        cmd.env("QUOTH_CACHE_DIR", home.join("cache"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        cmd.cwd(home);
        let child = pair.slave.spawn_command(cmd).expect("spawn quoth");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let done = Arc::new(Mutex::new(false));
        {
            let (parser, raw, done) = (parser.clone(), raw.clone(), done.clone());
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                            parser.lock().unwrap().process(&buf[..n]);
                        }
                    }
                }
                *done.lock().unwrap() = true;
            });
        }
        Pty { master: Some(pair.master), child, writer: Some(writer), parser, raw, done }
    }

    pub fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("terminal still open");
        w.write_all(keys.as_bytes()).expect("write keys");
        w.flush().expect("flush");
    }

    /// Sends keys one at a time with a pause, the way a person types.
    pub fn type_keys(&mut self, keys: &str) {
        for c in keys.chars() {
            let mut b = [0u8; 4];
            self.send(c.encode_utf8(&mut b));
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    pub fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    /// Waits until `pred` holds for the screen; panics with the screen after `timeout`.
    pub fn wait_for(&self, what: &str, timeout: Duration, pred: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if self.with_screen(&pred) {
                return;
            }
            assert!(
                start.elapsed() <= timeout,
                "timed out waiting for {what}; screen:\n{}{}",
                self.contents(),
                self.panic_text()
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// The program's panic message and backtrace, if it printed one: the whole of it, which
    /// may have scrolled off the screen. Escape sequences are dropped.
    pub fn panic_text(&self) -> String {
        let raw = String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned();
        let Some(at) = raw.find("panicked at") else {
            return String::new();
        };
        let from = raw.get(..at).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
        let mut out = String::from("\n--- the program panicked ---\n");
        let mut chars = raw.get(from..).unwrap_or_default().chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                // CSI: ESC [ params final-byte; other escapes: ESC and one more character.
                if chars.next_if_eq(&'[').is_some() {
                    while chars.next().is_some_and(|c| !('@'..='~').contains(&c)) {}
                } else {
                    chars.next();
                }
            } else if c != '\r' {
                out.push(c);
            }
            if out.len() > 20_000 {
                break;
            }
        }
        out
    }

    pub fn wait_text(&self, text: &str) {
        self.wait_for(&format!("{text:?} on screen"), Duration::from_secs(20), |s| s.contents().contains(text));
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().set_size(nz(rows), nz(cols));
        let m = self.master.as_ref().expect("terminal still open");
        m.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize");
    }

    /// Waits for the program to exit; returns its exit code.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<u32> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader thread take the last bytes.
                let t = Instant::now();
                while !*self.done.lock().unwrap() && t.elapsed() < Duration::from_secs(2) {
                    std::thread::sleep(Duration::from_millis(10));
                }
                return Some(status.exit_code());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Closes the terminal under the program, as when its window is closed.
    pub fn hang_up(&mut self) {
        self.writer = None;
        self.master = None;
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
    }

    /// Row index and text of the first screen row containing `needle`.
    pub fn find_row(&self, needle: &str) -> Option<(u16, String)> {
        self.with_screen(|s| {
            let (rows, cols) = (s.size().0.get(), s.size().1.get());
            (0..rows).find_map(|r| {
                let line = s.contents_between(r, 0, r, cols);
                line.contains(needle).then_some((r, line))
            })
        })
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
