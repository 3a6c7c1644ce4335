//! What `quoth [PATH…]` does with its arguments, decided before anything is read or drawn:
//! print (to a pipe or a pager) or open the reader, and on which library. A pure function of
//! the arguments and of which streams are terminals, so every combination is unit-tested; the
//! binary carries the decision out.

use std::path::{Path, PathBuf};

/// Which standard streams are terminals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terminals {
    pub stdin: bool,
    pub stdout: bool,
}

/// What the reader opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Library {
    /// One story read from standard input.
    Stdin,
    /// newsboat's cache (already found and checked), as a library of its items.
    Newsboat(PathBuf),
    /// Nothing named and no library configured: the built-in samples.
    Samples,
    /// One article file, opened straight in the reader (back quits).
    SingleFile(PathBuf),
    /// Folders, feeds and files, scanned in the background as a library.
    Scan(Vec<PathBuf>),
}

/// What to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// Print the story on standard input (stdout is not a terminal, or a pager was asked for).
    PrintStdin,
    /// Print these article files.
    PrintFiles(Vec<PathBuf>),
    /// Open the reader.
    Read(Library),
}

/// How to tell folders and feeds apart (the file system, or a table in tests).
pub trait Probe {
    fn is_dir(&self, p: &Path) -> bool;
    fn is_feed(&self, p: &Path) -> bool;
}

/// The real file system.
pub struct Disk;

impl Probe for Disk {
    fn is_dir(&self, p: &Path) -> bool {
        p.is_dir()
    }

    fn is_feed(&self, p: &Path) -> bool {
        crate::library::is_feed_file(p)
    }
}

const NEEDS_TERMINAL: &str =
    "the reader needs a terminal (for machine-readable output use `quoth extract --json FILE…`)";

/// Decides what `quoth` does. `newsboat` is the cache already found; `library` the configured
/// library folder. The error is the one line to print (after "quoth: ").
pub fn decide(
    paths: &[PathBuf],
    newsboat: Option<PathBuf>,
    tty: Terminals,
    pager: bool,
    library: Option<&Path>,
    probe: &impl Probe,
) -> Result<Start, String> {
    let printing = !tty.stdout || pager;
    if let Some(db) = newsboat {
        if !tty.stdout {
            return Err("--newsboat opens the reader, which needs a terminal".into());
        }
        if !paths.is_empty() {
            return Err("--newsboat opens newsboat's cache as the library: give no other files".into());
        }
        if !tty.stdin {
            return Err(NEEDS_TERMINAL.into());
        }
        return Ok(Start::Read(Library::Newsboat(db)));
    }
    let dash = |p: &PathBuf| p.as_os_str() == "-";
    // One story on standard input: `quoth -`, or a pipe with no files named.
    if (paths.len() == 1 && paths.iter().all(dash)) || (paths.is_empty() && !tty.stdin) {
        return Ok(if printing { Start::PrintStdin } else { Start::Read(Library::Stdin) });
    }
    if paths.iter().any(dash) {
        return Err("`-` (standard input) is one story: give it alone".into());
    }
    if printing {
        let files: Vec<PathBuf> = paths.iter().filter(|p| !probe.is_dir(p)).cloned().collect();
        if files.is_empty() || files.len() != paths.len() {
            return Err(
                "printing needs article files, not a library (`quoth show FILE…`; `quoth extract --json` for data)"
                    .into(),
            );
        }
        return Ok(Start::PrintFiles(files));
    }
    if !tty.stdin {
        return Err(NEEDS_TERMINAL.into());
    }
    let mut paths = paths.to_vec();
    if paths.is_empty()
        && let Some(p) = library
    {
        paths.push(p.to_path_buf());
    }
    // One article opens in the reader; a feed, like a folder, opens as a library of its entries.
    Ok(Start::Read(match paths.as_slice() {
        [] => Library::Samples,
        [one] if !probe.is_dir(one) && !probe.is_feed(one) => Library::SingleFile(one.clone()),
        _ => Library::Scan(paths),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names ending in `/` are folders, in `.xml` feeds.
    struct Table;

    impl Probe for Table {
        fn is_dir(&self, p: &Path) -> bool {
            p.to_string_lossy().ends_with('/')
        }

        fn is_feed(&self, p: &Path) -> bool {
            p.extension().is_some_and(|e| e == "xml")
        }
    }

    const TTY: Terminals = Terminals { stdin: true, stdout: true };
    const PIPE_OUT: Terminals = Terminals { stdin: true, stdout: false };
    const PIPE_IN: Terminals = Terminals { stdin: false, stdout: true };

    fn run(paths: &[&str], tty: Terminals, pager: bool, library: Option<&str>) -> Result<Start, String> {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        decide(&paths, None, tty, pager, library.map(Path::new), &Table)
    }

    fn p(s: &str) -> PathBuf {
        PathBuf::from(s)
    }

    #[test]
    fn on_a_terminal_the_reader_opens_a_file_a_library_or_the_samples() {
        assert_eq!(run(&["a.txt"], TTY, false, None), Ok(Start::Read(Library::SingleFile(p("a.txt")))));
        assert_eq!(run(&["news/"], TTY, false, None), Ok(Start::Read(Library::Scan(vec![p("news/")]))));
        assert_eq!(run(&["feed.xml"], TTY, false, None), Ok(Start::Read(Library::Scan(vec![p("feed.xml")]))));
        assert_eq!(
            run(&["a.txt", "b.txt"], TTY, false, None),
            Ok(Start::Read(Library::Scan(vec![p("a.txt"), p("b.txt")])))
        );
        assert_eq!(run(&[], TTY, false, None), Ok(Start::Read(Library::Samples)));
        assert_eq!(run(&[], TTY, false, Some("lib/")), Ok(Start::Read(Library::Scan(vec![p("lib/")]))));
        assert_eq!(
            run(&["a.txt"], TTY, false, Some("lib/")),
            Ok(Start::Read(Library::SingleFile(p("a.txt")))),
            "named files win"
        );
    }

    #[test]
    fn to_a_pipe_or_a_pager_files_are_printed_and_libraries_refused() {
        assert_eq!(run(&["a.txt", "b.md"], PIPE_OUT, false, None), Ok(Start::PrintFiles(vec![p("a.txt"), p("b.md")])));
        assert_eq!(run(&["a.txt"], TTY, true, None), Ok(Start::PrintFiles(vec![p("a.txt")])));
        for paths in [&["news/"][..], &["a.txt", "news/"]] {
            let e = run(paths, PIPE_OUT, false, None);
            assert!(e.as_ref().is_err_and(|e| e.starts_with("printing needs article files")), "{paths:?}: {e:?}");
        }
    }

    #[test]
    fn standard_input_is_one_story() {
        assert_eq!(run(&["-"], TTY, false, None), Ok(Start::Read(Library::Stdin)));
        assert_eq!(run(&[], PIPE_IN, false, None), Ok(Start::Read(Library::Stdin)), "a pipe with no files named");
        assert_eq!(run(&["-"], PIPE_OUT, false, None), Ok(Start::PrintStdin));
        assert_eq!(run(&[], Terminals { stdin: false, stdout: false }, false, None), Ok(Start::PrintStdin));
        assert!(run(&["-", "a.txt"], TTY, false, None).is_err_and(|e| e.contains("give it alone")));
        // Files named with stdin a pipe: the reader cannot take keys from it.
        assert!(run(&["a.txt"], PIPE_IN, false, None).is_err_and(|e| e.starts_with("the reader needs a terminal")));
    }

    #[test]
    fn newsboat_is_the_library_on_a_terminal_only() {
        let db = Some(p("cache.db"));
        assert_eq!(
            decide(&[], db.clone(), TTY, false, None, &Table),
            Ok(Start::Read(Library::Newsboat(p("cache.db"))))
        );
        assert!(decide(&[], db.clone(), PIPE_OUT, false, None, &Table).is_err_and(|e| e.contains("needs a terminal")));
        assert!(decide(&[p("a.txt")], db, TTY, false, None, &Table).is_err_and(|e| e.contains("no other files")));
    }
}
