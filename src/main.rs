//! The `quoth` binary: command-line parsing and dispatch. The reader itself lives in `term`
//! (terminal loop) and `ui` (drawing); everything else is in the library.

use clap::{Parser, Subcommand};
use quoth::app::App;
use quoth::article::Article;
use quoth::config::Config;
use quoth::library::{Entry, LoadError, LoadOptions, Origin, display_path, load_file};
use quoth::session::Session;
use quoth::startup::{Disk, Library, Start, Terminals, decide};
use quoth::store::Store;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// A terminal reader for news stories, with a side pane of who said what.
#[derive(Debug, Parser)]
#[command(name = "quoth", version, about, subcommand_precedence_over_arg = true)]
struct Cli {
    /// Article files to read, or directories to open as a library (searched recursively);
    /// `-` reads one article from standard input (as does a pipe with no files). With none,
    /// the configured library opens, else the built-in samples.
    paths: Vec<PathBuf>,

    /// Read the configuration from FILE instead of the platform config dir.
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,

    /// Keep bookmarks and reading positions in DIR (also: `QUOTH_DATA_DIR`).
    #[arg(long, value_name = "DIR", global = true)]
    data_dir: Option<PathBuf>,

    /// Open newsboat's cache (read-only) as the library: CACHE, else newsboat's own
    /// (`~/.newsboat/cache.db` or `$XDG_DATA_HOME/newsboat/cache.db`).
    #[arg(long, value_name = "CACHE", num_args = 0..=1, default_missing_value = "", require_equals = false)]
    newsboat: Option<PathBuf>,

    #[command(flatten)]
    print: PrintArgs,

    #[command(subcommand)]
    command: Option<Command>,
}

/// How an article is printed when it is not read in the reader (`show`, or output to a pipe).
#[derive(Debug, Clone, clap::Args)]
struct PrintArgs {
    /// Wrap printed text to N columns (0: no wrapping; default: the configured text width).
    #[arg(long, value_name = "N")]
    width: Option<usize>,
    /// Mark each quote with its speaker: inline `[Name]`, numbered footnotes, or not at all.
    #[arg(long, value_enum, value_name = "HOW", default_value = "inline")]
    speakers: SpeakersArg,
    /// Colour in printed text: auto (a terminal or `less`, unless `NO_COLOR` is set), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    color: ColorArg,
    /// Print through a pager instead of opening the reader: CMD, else `$QUOTH_PAGER`, `$PAGER`, less.
    #[arg(long, value_name = "CMD", num_args = 0..=1, default_missing_value = "", require_equals = true)]
    pager: Option<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SpeakersArg {
    Off,
    Inline,
    Footnotes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the quotes and speakers found in article files.
    Extract {
        /// One JSON object per file, one per line (the only output format for now).
        #[arg(long, required = true)]
        json: bool,
        /// Article files, directories (searched recursively) and `-` for JSON Lines on standard
        /// input (`{"id", "text", "title"?}` per line).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Threads to extract on (default: all cores); the output order is the input order.
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        /// Also list each fragment quoted inside a mixed quote ("called the plan “a holding
        /// measure”") as a quote of its own; by default it is listed once, nested in the
        /// mixed quote.
        #[arg(long)]
        fragments: bool,
    },
    /// Print articles as text (headline, byline, wrapped paragraphs, quotes marked with their
    /// speakers), or as JSON with `--json`: one object per article, as quoth parsed it.
    Show {
        /// One JSON object per article, one per line.
        #[arg(long)]
        json: bool,
        /// Article files (`-`: standard input).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// List, export, add and remove bookmarks.
    Bookmarks(quoth::store::cli::BookmarksArgs),
    /// Search the whole library's text: stories that match, best first, with a snippet.
    /// Words match whole words in any case and accent; `"a phrase"`, `prefix*`. Exit status
    /// 1 when nothing matched.
    Search {
        /// The words to look for.
        #[arg(required = true)]
        query: Vec<String>,
        /// One JSON object per story, one per line.
        #[arg(long)]
        json: bool,
        /// Most stories listed.
        #[arg(long, short = 'n', value_name = "N", default_value_t = 20)]
        limit: usize,
        /// Search these files and folders instead of the configured library.
        #[arg(long = "in", value_name = "PATH")]
        within: Vec<PathBuf>,
    },
    /// List the quotes of the whole library (or of PATHs), newest story first: each with its
    /// story's path, title and date, speaker, kind, paragraph and offsets.
    Quotes {
        /// Only this speaker's quotes (any case or accent; the whole name, or part of it).
        #[arg(long, value_name = "NAME")]
        speaker: Option<String>,
        /// Only quotes of this kind.
        #[arg(long, value_enum, value_name = "KIND")]
        kind: Option<KindArg>,
        #[arg(long, value_enum, value_name = "FORMAT", default_value = "jsonl")]
        format: quoth::index::cli::QuotesFormat,
        /// Files and folders (default: the configured library).
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum KindArg {
    Direct,
    Mixed,
    Indirect,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Extract { ref files, jobs, fragments, .. }) => {
            extract(files, jobs, fragments, cli.config.as_deref())
        }
        Some(Command::Bookmarks(ref args)) => bookmarks(args, &cli),
        Some(Command::Search { ref query, json, limit, ref within }) => {
            let query = query.join(" ");
            index_command(&cli, within, |cx, out| quoth::index::cli::search(cx, &query, limit, json, out))
        }
        Some(Command::Quotes { ref speaker, kind, format, ref paths }) => {
            let filter = quoth::index::query::QuoteFilter {
                speaker: speaker.clone(),
                kind: kind.map(|k| {
                    match k {
                        KindArg::Direct => "direct",
                        KindArg::Mixed => "mixed",
                        KindArg::Indirect => "indirect",
                    }
                    .to_owned()
                }),
            };
            index_command(&cli, paths, |cx, out| quoth::index::cli::quotes(cx, &filter, format, out))
        }
        Some(Command::Show { json, ref files, ref print }) => show(files, json, print, cli.config.as_deref()),
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
    // newsboat's cache: found and checked before the terminal is touched.
    let newsboat = match cli.newsboat.as_deref().map(find_newsboat).transpose() {
        Ok(db) => db,
        Err(e) => {
            eprintln!("quoth: {e}");
            return ExitCode::from(1);
        }
    };
    let tty = Terminals { stdin: std::io::stdin().is_terminal(), stdout: std::io::stdout().is_terminal() };
    let pager = cli.print.pager.is_some();
    let library = match decide(&cli.paths, newsboat, tty, pager, config.library_path.as_deref(), &Disk) {
        Ok(Start::PrintFiles(files)) => return print_files(&files, &cli.print, &config),
        Ok(Start::PrintStdin) => match read_stdin(&config) {
            Ok(articles) => return print_loaded(vec![Ok(articles)], &cli.print, &config),
            Err(e) => {
                eprintln!("quoth: {}", quoth::article::sanitize::clean_line(&e.to_string()));
                return ExitCode::from(1);
            }
        },
        Ok(Start::Read(library)) => library,
        Err(e) => {
            eprintln!("quoth: {e}");
            return ExitCode::from(1);
        }
    };
    let stdin_article = match library {
        Library::Stdin => match read_stdin(&config).map(|mut a| (a.len(), a.pop())) {
            Ok((1, Some(article))) => Some(article),
            Ok((n, _)) => {
                eprintln!("quoth: standard input is a feed of {n} entries: save it to a file to open it as a library");
                return ExitCode::from(1);
            }
            Err(e) => {
                eprintln!("quoth: {}", quoth::article::sanitize::clean_line(&e.to_string()));
                return ExitCode::from(1);
            }
        },
        _ => None,
    };
    let load = LoadOptions { max_bytes: config.max_file_size, bidi: config.bidi };
    let data_dir = Store::resolve_dir(cli.data_dir.clone());
    let store = match &data_dir {
        Some(d) => Store::open(d),
        None => Store::in_memory(),
    };
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));

    let single_file = matches!(library, Library::Stdin | Library::SingleFile(_));
    let (entries, scan_dirs, newsboat) = first_entries(library, stdin_article.as_ref(), &load);
    let app = App::new(config, entries, !single_file, width, height, color);
    let mut session = Session::new(app, store, load);
    session.searches(scan_dirs.clone(), quoth::index::default_path(cli.data_dir.as_deref()));
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
    if let Some(db) = newsboat {
        session.scan_newsboat(db);
    }
    if let Some(article) = stdin_article {
        let stage = quoth::app::LoadStage::Whole;
        session.dispatch(quoth::app::Msg::Loaded { stage, entry: 0, result: Ok(Arc::new(article)), then: None });
    } else if single_file {
        // Open it before the terminal is touched, so a file that cannot be read is one line on
        // stderr rather than a flash of the reader.
        let origin = session.app.library.entries.first().map(|e| e.origin.clone());
        if let Some(origin) = origin {
            let msg = session.load(0, &origin, None);
            if let quoth::app::Msg::Loaded { result: Err(e), .. } = &msg {
                eprintln!("quoth: {}", quoth::article::sanitize::clean_line(&e.to_string()));
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

/// The library's entries to start with, the paths to scan in the background and newsboat's
/// cache to list. Paths are made absolute, so bookmarks and positions find the files again
/// from anywhere.
fn first_entries(
    library: Library,
    stdin_article: Option<&Article>,
    load: &LoadOptions,
) -> (Vec<Entry>, Vec<PathBuf>, Option<PathBuf>) {
    let mut scan_dirs = Vec::new();
    let mut newsboat = None;
    let mut entries = Vec::new();
    match library {
        Library::Stdin => {
            if let Some(article) = stdin_article {
                entries.push(Entry::new(Origin::Stdin, article, &quoth::extract::extract(article)));
            }
        }
        // Listed in the background below.
        Library::Newsboat(db) => newsboat = Some(db),
        Library::Samples => {
            for (i, s) in quoth::library::SAMPLES.iter().enumerate() {
                let origin = Origin::Builtin(i);
                entries.push(match quoth::library::load_sample(s, load) {
                    Ok(a) => Entry::new(origin, &a, &quoth::extract::extract(&a)),
                    Err(e) => Entry::failed(origin, &e.to_string()),
                });
            }
        }
        Library::SingleFile(p) => {
            entries.push(Entry::unread(Origin::from_path(&quoth::store::article_path(&p))));
        }
        // Directories and files alike are read in the background, through the index.
        Library::Scan(paths) => scan_dirs.extend(paths.iter().map(|p| quoth::store::article_path(p))),
    }
    (entries, scan_dirs, newsboat)
}

/// newsboat's cache (`--newsboat`, or its default place for `--newsboat=`), opened and read
/// once to check it before the terminal is touched.
fn find_newsboat(arg: &Path) -> Result<PathBuf, String> {
    let db =
        if arg.as_os_str().is_empty() { quoth::library::newsboat::default_path() } else { Some(arg.to_path_buf()) };
    let db = db.ok_or("no home folder to find newsboat's cache in: give it with --newsboat=FILE")?;
    quoth::library::newsboat::Cache::open(&db).and_then(|c| c.items().map(|_| ())).map_err(|e| e.to_string())?;
    Ok(quoth::store::article_path(&db))
}

/// The story (or feed entries) on standard input.
fn read_stdin(config: &Config) -> Result<Vec<Article>, LoadError> {
    let load = LoadOptions { max_bytes: config.max_file_size, bidi: config.bidi };
    quoth::library::load_stdin(&load)
}

/// `quoth show`: each file printed as text or as one JSON line; a file that cannot be read is
/// one line on stderr (and an error object with `--json`), and the rest are still printed.
fn show(files: &[PathBuf], json: bool, print: &PrintArgs, config: Option<&std::path::Path>) -> ExitCode {
    let config = match Config::load(config) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("quoth: {e}");
            return ExitCode::from(1);
        }
    };
    if !json {
        return print_files(files, print, &config);
    }
    let opts = LoadOptions { max_bytes: config.max_file_size, bidi: config.bidi };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = false;
    for path in files {
        let shown = display_path(path);
        let line = match load_arg(path, &opts) {
            Ok(items) => items
                .iter()
                .map(|(shown, article)| quoth::output::article_json(shown, article))
                .collect::<Vec<_>>()
                .join("\n"),
            Err(e) => {
                eprintln!("quoth: {}", quoth::article::sanitize::clean_line(&e.to_string()));
                failed = true;
                quoth::output::terminal_safe_json(serde_json::json!({ "path": shown, "error": e.reason() }).to_string())
            }
        };
        if writeln!(out, "{line}").is_err() {
            return ExitCode::from(1);
        }
    }
    if out.flush().is_err() || failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Prints articles as text to stdout, or through a pager when asked (and stdout is a terminal).
fn print_files(files: &[PathBuf], args: &PrintArgs, config: &Config) -> ExitCode {
    let opts = LoadOptions { max_bytes: config.max_file_size, bidi: config.bidi };
    let loaded = files.iter().map(|p| load_arg(p, &opts).map(|items| items.into_iter().map(|(_, a)| a).collect()));
    print_loaded(loaded.collect(), args, config)
}

/// The articles one command-line argument names, each with the path to show for it: a feed's
/// entries (`FEED#N`), one article, or what standard input holds for `-`.
fn load_arg(path: &Path, opts: &LoadOptions) -> Result<Vec<(String, Article)>, LoadError> {
    if path.as_os_str() == "-" {
        return Ok(quoth::library::load_stdin(opts)?.into_iter().map(|a| ("-".to_owned(), a)).collect());
    }
    Ok(load_file(path, opts)?.into_iter().map(|(origin, a)| (display_path(&origin.path()), a)).collect())
}

/// Prints loaded articles as text to stdout, or through a pager when asked (and stdout is a
/// terminal); one that failed to load is a line on stderr and exit status 1 at the end.
fn print_loaded(loaded: Vec<Result<Vec<Article>, LoadError>>, args: &PrintArgs, config: &Config) -> ExitCode {
    use std::io::IsTerminal as _;
    let tty = std::io::stdout().is_terminal();
    let pager = args.pager.as_deref().filter(|_| tty).map(pager_command);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        // Colour where it will be drawn: a terminal, or `less`, to which -R is passed.
        ColorArg::Auto => !no_color && tty && pager.as_ref().is_none_or(|(_, is_less)| *is_less),
    };
    let print = quoth::print::Options {
        width: args.width.unwrap_or(usize::from(config.text_width)),
        speakers: match args.speakers {
            SpeakersArg::Off => quoth::print::Speakers::Off,
            SpeakersArg::Inline => quoth::print::Speakers::Inline,
            SpeakersArg::Footnotes => quoth::print::Speakers::Footnotes,
        },
        color,
    };
    let mut text = String::new();
    let mut failed = false;
    for result in loaded {
        match result {
            Ok(items) => {
                for article in items {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    let ex = quoth::extract::extract(&article);
                    text.push_str(&quoth::print::render(&article, &ex, print));
                }
            }
            Err(e) => {
                eprintln!("quoth: {}", quoth::article::sanitize::clean_line(&e.to_string()));
                failed = true;
            }
        }
    }
    let written = match pager {
        Some((cmd, is_less)) => page(&cmd, is_less, &text),
        None => write_stdout(&text),
    };
    if !written || failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// The pager to run: `--pager=CMD`, else `$QUOTH_PAGER`, `$PAGER`, `less`; and whether it is a
/// plain `less` (which gets `-R -F -K`: colour, quit if one screen, ctrl-c quits).
fn pager_command(explicit: &str) -> (String, bool) {
    let from_env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let cmd = Some(explicit.to_owned())
        .filter(|c| !c.trim().is_empty())
        .or_else(|| from_env("QUOTH_PAGER"))
        .or_else(|| from_env("PAGER"))
        .unwrap_or_else(|| "less".to_owned());
    let is_less = cmd.trim() == "less";
    (cmd, is_less)
}

/// Writes `text` through the pager; falls back to stdout when it cannot be started.
fn page(cmd: &str, is_less: bool, text: &str) -> bool {
    use std::process::{Command, Stdio};
    // The program and its arguments, split at spaces (no shell, so that a pager that is not
    // installed is seen here and the text goes to stdout instead).
    let mut words = cmd.split_whitespace();
    let Some(program) = words.next() else {
        return write_stdout(text);
    };
    let mut command = Command::new(program);
    command.args(words);
    if is_less {
        command.args(["-R", "-F", "-K"]);
    }
    let Ok(mut child) = command.stdin(Stdio::piped()).spawn() else {
        return write_stdout(text);
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The pager quitting early (q in less) closes the pipe: not an error.
        let _ = stdin.write_all(text.as_bytes());
    }
    child.wait().is_ok()
}

/// Writes `text` to stdout; a closed pipe (`| head`) is not a failure.
fn write_stdout(text: &str) -> bool {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) => e.kind() == std::io::ErrorKind::BrokenPipe,
    }
}

/// `quoth bookmarks …`, with the config's size limit and library.
/// Runs `search` or `quotes` on the paths given, else the configured library: status 0 when
/// something was listed, 1 when nothing was, 2 on an error.
fn index_command(
    cli: &Cli,
    paths: &[PathBuf],
    run: impl FnOnce(
        &quoth::index::cli::Context,
        &mut std::io::BufWriter<std::io::StdoutLock<'_>>,
    ) -> Result<bool, quoth::index::cli::CliError>,
) -> ExitCode {
    use std::io::IsTerminal as _;
    let config = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("quoth: {e}");
            return ExitCode::from(2);
        }
    };
    let Some(index) = quoth::index::default_path(cli.data_dir.as_deref()) else {
        eprintln!("quoth: no cache directory for the library index: set QUOTH_CACHE_DIR or --data-dir");
        return ExitCode::from(2);
    };
    let roots = if paths.is_empty() { config.library_path.into_iter().collect() } else { paths.to_vec() };
    let cx = quoth::index::cli::Context {
        roots,
        index,
        load: LoadOptions { max_bytes: config.max_file_size, bidi: config.bidi },
        progress: std::io::stderr().is_terminal(),
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    // Buffered: a listing of thousands of quotes is one write per 8 KB, not one per line.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = run(&cx, &mut out).and_then(|found| Ok(out.flush().map(|()| found)?));
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        // A closed pipe (`| head`) is not an error.
        Err(quoth::index::cli::CliError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quoth: {e}");
            ExitCode::from(2)
        }
    }
}

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

fn extract(files: &[PathBuf], jobs: Option<usize>, fragments: bool, config: Option<&std::path::Path>) -> ExitCode {
    use quoth::bulk::{Input, Progress};
    use std::io::IsTerminal as _;
    // The same size limit and bidi policy as the reader's.
    let config = match Config::load(config) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("quoth: {e}");
            return ExitCode::from(1);
        }
    };
    let opts =
        quoth::bulk::Options { load: LoadOptions { max_bytes: config.max_file_size, bidi: config.bidi }, fragments };
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get)).max(1);
    // Directories are walked and `-` is read as the inputs are taken, each in its place.
    let stdin_used = files.iter().any(|f| f.as_os_str() == "-");
    let mut parts: Vec<Box<dyn Iterator<Item = Input> + Send>> = Vec::new();
    for f in files {
        if f.as_os_str() == "-" {
            let stdin = std::io::BufReader::with_capacity(1 << 20, std::io::stdin());
            parts.push(Box::new(quoth::bulk::records(stdin)));
        } else {
            parts.push(Box::new(quoth::bulk::expand(vec![f.clone()])));
        }
    }
    let inputs = parts.into_iter().flatten();
    // More workers than named files (and no folder or stream to give more) would only wait.
    let jobs =
        if files.iter().all(|f| f.as_os_str() != "-" && !f.is_dir()) { jobs.min(files.len()).max(1) } else { jobs };
    let noun = if stdin_used { "records" } else { "files" };
    let bar = std::io::stderr().is_terminal();
    let start = std::time::Instant::now();
    let mut last_bar = start;
    let mut shown_bar = false;
    let mut on_error = |e: &str| {
        let clear = if bar { "\r\x1b[K" } else { "" };
        eprintln!("{clear}quoth: {}", quoth::article::sanitize::clean_line(e));
    };
    let mut on_progress = |p: Progress| {
        if !bar || last_bar.elapsed() < std::time::Duration::from_millis(100) {
            return;
        }
        last_bar = std::time::Instant::now();
        shown_bar = true;
        eprint!("\r\x1b[K{}", progress_line(p, start.elapsed(), noun));
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = quoth::bulk::run(inputs, stdin_used, jobs, &opts, &mut out, &mut on_error, &mut on_progress);
    if shown_bar {
        eprint!("\r\x1b[K");
    }
    match result {
        Ok(s) if s.failed == 0 => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        // A reader such as `head` closed the pipe: nothing more to say.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quoth: standard output: {e}");
            ExitCode::from(1)
        }
    }
}

/// "120/2,000 files · 3.4 MB · 41.2 MB/s · ETA 0:12" (no total yet: no ETA).
fn progress_line(p: quoth::bulk::Progress, elapsed: std::time::Duration, noun: &str) -> String {
    let secs = elapsed.as_secs_f64().max(1e-3);
    #[allow(clippy::cast_precision_loss)]
    let mb = p.bytes as f64 / 1e6;
    let mut line = match p.total {
        Some(t) => format!("{}/{t} {noun}", p.done),
        None => format!("{} {noun}", p.done),
    };
    line.push_str(&format!(" · {mb:.1} MB · {:.1} MB/s", mb / secs));
    if let Some(t) = p.total.filter(|_| p.done > 0) {
        #[allow(clippy::cast_precision_loss)]
        let left = secs * (t.saturating_sub(p.done)) as f64 / p.done as f64;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let left = left.round() as u64;
        line.push_str(&format!(" · ETA {}:{:02}", left / 60, left % 60));
    }
    line
}
