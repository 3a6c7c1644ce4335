//! `quoth bookmarks …` (STUB: the real implementation replaces this file).

use clap::{Args, Subcommand};
use std::path::PathBuf;

/// `quoth bookmarks` arguments.
#[derive(Debug, Args)]
pub struct BookmarksArgs {
    #[command(subcommand)]
    pub command: BookmarksCommand,
}

#[derive(Debug, Subcommand)]
pub enum BookmarksCommand {
    /// List bookmarks.
    List {
        #[arg(long)]
        json: bool,
    },
}

/// Runs a bookmarks command; returns the process exit code (0 only when any change is on disk).
pub fn run(args: &BookmarksArgs, data_dir: Option<PathBuf>) -> std::process::ExitCode {
    let _ = (args, data_dir);
    std::process::ExitCode::from(1)
}
