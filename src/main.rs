//! The `quoth` binary: command-line parsing and dispatch. The reader itself lives in `term`
//! (terminal loop) and `ui` (drawing); everything else is in the library.

use clap::{Parser, Subcommand};
use quoth::app::App;
use quoth::config::Config;
use quoth::library::{Entry, LoadOptions, Origin, display_path, load_path};
use quoth::session::Session;
use quoth::store::Store;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// A terminal reader for news stories, with a side pane of who said what.
#[derive(Debug, Parser)]
#[command(name = "quoth", version, about, subcommand_precedence_over_arg = true)]
struct Cli {
    /// Article files to read, or directories to open as a library (searched recursively).
    /// With none, the built-in sample library opens.
    paths: Vec<PathBuf>,

    /// Read the configuration from FILE instead of the platform config dir.
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,

    /// Keep bookmarks and reading positions in DIR (also: `QUOTH_DATA_DIR`).
    #[arg(long, value_name = "DIR", global = true)]
    data_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the quotes and speakers found in article files.
    Extract {
        /// One JSON object per file, one per line (the only output format for now).
        #[arg(long, required = true)]
        json: bool,
        /// Article files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List, export, add and remove bookmarks.
    Bookmarks(quoth::store::cli::BookmarksArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Extract { files, .. }) => extract(&files, cli.config.as_deref()),
        Some(Command::Bookmarks(ref args)) => bookmarks(args, &cli),
        None => read(&cli),
    }
}

/// Opens the reader: on the given files and directories, the configured library, or the
/// built-in samples.
fn read(cli: &Cli) -> ExitCode {
    use std::io::IsTerminal as _;
    let config = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("quoth: {e}");
            return ExitCode::from(1);
        }
    };
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!("quoth: the reader needs a terminal (for machine-readable output use `quoth extract --json FILE…`)");
        return ExitCode::from(1);
    }
    let load = LoadOptions { max_bytes: config.max_file_size, bidi: config.bidi };
    let data_dir = Store::resolve_dir(cli.data_dir.clone());
    let store = match &data_dir {
        Some(d) => Store::open(d),
        None => Store::in_memory(),
    };
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));

    // Absolute paths, so bookmarks and positions find the files again from anywhere.
    let mut paths: Vec<PathBuf> = cli.paths.iter().map(|p| quoth::store::article_path(p)).collect();
    if paths.is_empty()
        && let Some(p) = &config.library_path
    {
        paths.push(p.clone());
    }
    let single_file = paths.len() == 1 && paths.first().is_some_and(|p| !p.is_dir());
    let mut scan_dirs = Vec::new();
    let mut entries = Vec::new();
    if paths.is_empty() {
        for (i, s) in quoth::library::SAMPLES.iter().enumerate() {
            let origin = Origin::Builtin(i);
            entries.push(match quoth::library::load_sample(s, &load) {
                Ok(a) => Entry::new(origin, &a, &quoth::extract::extract(&a)),
                Err(e) => Entry::failed(origin, &e.to_string()),
            });
        }
    } else if single_file {
        let p = paths.first().cloned().unwrap_or_default();
        let mut e = Entry::failed(Origin::File(p.clone()), "");
        e.error = None;
        entries.push(e);
    } else {
        // Directories and files alike are read in the background, through the index.
        scan_dirs.extend(paths.iter().cloned());
    }
    let app = App::new(config, entries, !single_file, width, height, color);
    let mut session = Session::new(app, store, load);
    if let Some(reason) = session.store.read_only_reason().map(str::to_owned) {
        session.dispatch(quoth::app::Msg::Error(reason));
    }
    if data_dir.is_none() {
        session.dispatch(quoth::app::Msg::Error(
            "no data directory found: bookmarks and positions will not be kept (use --data-dir)".into(),
        ));
    }
    if !scan_dirs.is_empty() {
        session.scan(scan_dirs);
    }
    if single_file {
        // Open it before the terminal is touched, so a file that cannot be read is one line on
        // stderr rather than a flash of the reader.
        let origin = session.app.library.entries.first().map(|e| e.origin.clone());
        if let Some(origin) = origin {
            let msg = session.load(0, &origin, None);
            if let quoth::app::Msg::Loaded { result: Err(e), .. } = &msg {
                eprintln!("quoth: {}", quoth::article::sanitize::clean_line(e));
                return ExitCode::from(1);
            }
            session.dispatch(msg);
        }
    }
    let exit = quoth::term::run(&mut session);
    // The last save (on quit) failed with no screen left to say so: say it here, and fail.
    if let Some(unsaved) = &session.position_unsaved {
        eprintln!("quoth: {}", quoth::article::sanitize::clean_line(unsaved));
        return ExitCode::from(1);
    }
    match exit {
        Ok(quoth::term::Exit::Quit) => ExitCode::SUCCESS,
        Ok(quoth::term::Exit::Signal(_)) => ExitCode::from(1),
        Err(e) => {
            eprintln!("quoth: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

/// `quoth bookmarks …`, with the config's size limit and library.
fn bookmarks(args: &quoth::store::cli::BookmarksArgs, cli: &Cli) -> ExitCode {
    let config = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("quoth: {e}");
            return ExitCode::from(1);
        }
    };
    let cx = quoth::store::cli::Context {
        data_dir: cli.data_dir.clone(),
        load: LoadOptions { max_bytes: config.max_file_size, bidi: config.bidi },
        library: config.library_path.into_iter().collect(),
        index: quoth::library::index::default_path(),
    };
    quoth::store::cli::run(args, &cx)
}

fn extract(files: &[PathBuf], config: Option<&std::path::Path>) -> ExitCode {
    // The same size limit and bidi policy as the reader's.
    let config = match Config::load(config) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("quoth: {e}");
            return ExitCode::from(1);
        }
    };
    let opts = LoadOptions { max_bytes: config.max_file_size, bidi: config.bidi };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in files {
        let shown = display_path(path);
        let line = match load_path(path, &opts) {
            Ok(article) => {
                let ex = quoth::extract::extract(&article);
                quoth::output::extraction_json(&shown, &article, &ex)
            }
            Err(e) => {
                eprintln!("quoth: {}", quoth::article::sanitize::clean_line(&e.to_string()));
                failed = true;
                quoth::output::error_json(&shown, &e.reason())
            }
        };
        if writeln!(out, "{line}").is_err() {
            return ExitCode::from(1);
        }
    }
    if out.flush().is_err() || failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
