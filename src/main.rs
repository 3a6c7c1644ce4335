//! The `quoth` binary: command-line parsing and dispatch. The reader itself lives in `term`
//! (terminal loop) and `ui` (drawing); everything else is in the library.

use clap::{Parser, Subcommand};
use quoth::library::{LoadOptions, display_path, load_path};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// A terminal reader for news stories, with a side pane of who said what.
#[derive(Debug, Parser)]
#[command(name = "quoth", version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Article files to read, or directories to open as a library (searched recursively).
    /// With none, the built-in sample library opens.
    paths: Vec<PathBuf>,

    /// Read the configuration from FILE instead of the platform config dir.
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,

    /// Keep bookmarks and reading positions in DIR (also: QUOTH_DATA_DIR).
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
        Some(Command::Extract { files, .. }) => extract(&files),
        Some(Command::Bookmarks(args)) => quoth::store::cli::run(&args, cli.data_dir),
        None => {
            eprintln!("quoth: the reader is not built yet");
            ExitCode::from(1)
        }
    }
}

fn extract(files: &[PathBuf]) -> ExitCode {
    let opts = LoadOptions::default();
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
                eprintln!("quoth: {e}");
                failed = true;
                quoth::output::error_json(&shown, &e.reason())
            }
        };
        if writeln!(out, "{line}").is_err() {
            return ExitCode::from(1);
        }
    }
    if out.flush().is_err() || failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
