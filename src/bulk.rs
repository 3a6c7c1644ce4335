//! `quoth extract` at archive scale: files, directories and JSON Lines on stdin in, JSON Lines
//! out, in input order, on several threads.
//!
//! One reader hands inputs out in order through a bounded queue; `jobs` workers read, parse and
//! extract them; the caller's thread writes each result as soon as every earlier one is written.
//! The queue bounds how far the workers run ahead, so memory does not grow with the number of
//! inputs: at most about `2 × jobs` results wait to be written. A bad input gives an error object
//! in its place and the run goes on.
//!
//! Standard input (`-`) holds one JSON object per line, `{"id", "text", "title"?}` (any other
//! article fields too: `source`, `author`, `date`, `url`); each gives one output line with its
//! `id`. That is the contract for running quoth under `xargs -P`, GNU parallel, Spark's
//! `RDD.pipe` or Hadoop streaming.

use crate::article::{Article, Format, ParseOptions};
use crate::library::{Found, LoadOptions, Walk, display_path, load_file, load_listed_file};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::atomic::Ordering::{Acquire, Release};
use std::sync::atomic::{AtomicBool, AtomicUsize};
use std::sync::mpsc;

/// One thing to extract.
#[derive(Debug)]
pub enum Input {
    /// A file, with its size when the walk that found it read it.
    File(PathBuf, Option<u64>),
    /// A file a directory walk could not read: an error in its place.
    Unreadable(PathBuf, String),
    /// One line of JSON Lines input (1-based line number).
    Record { line: usize, json: String },
    /// Standard input could not be read past this line.
    StdinError { line: usize, error: String },
}

impl Input {
    fn size(&self) -> u64 {
        match self {
            Input::File(_, Some(len)) => *len,
            Input::File(p, None) => std::fs::metadata(p).map_or(0, |m| m.len()),
            Input::Record { json, .. } => json.len() as u64,
            _ => 0,
        }
    }
}

/// The inputs named on the command line, in order: files as given, directories walked
/// (recursively, in name order, article files only) as the inputs are taken, so that work
/// starts before a large tree is listed. `-` is left to the caller (stdin).
pub fn expand(args: Vec<PathBuf>) -> impl Iterator<Item = Input> + Send {
    args.into_iter().flat_map(|a| -> Box<dyn Iterator<Item = Input> + Send> {
        if a.is_dir() {
            // Source code, project files and media in an archive are not stories: left out.
            Box::new(Walk::new(&a).filter_map(|(f, meta)| match f {
                Found::File(p) => Some(Input::File(p, meta.map(|m| m.len()))),
                Found::Unreadable(p, why) => Some(Input::Unreadable(p, why)),
                Found::Skipped(_) => None,
            }))
        } else {
            Box::new(std::iter::once(Input::File(a, None)))
        }
    })
}

/// Reads JSON Lines records from `r` as inputs (blank lines skipped).
pub fn records(r: impl BufRead) -> impl Iterator<Item = Input> {
    let mut failed = false;
    let blank = |i: &Input| matches!(i, Input::Record { json, .. } if json.trim().is_empty());
    r.lines().enumerate().filter_map(move |(i, l)| {
        if failed {
            return None;
        }
        match l {
            Ok(json) => Some(Input::Record { line: i + 1, json }).filter(|r| !blank(r)),
            Err(e) => {
                failed = true;
                Some(Input::StdinError { line: i + 1, error: e.to_string() })
            }
        }
    })
}

/// What one input gave: its output lines (each ending in a newline), whether it failed (with
/// the reason for stderr), and its size in bytes.
struct Done {
    out: Chunks,
    error: Option<String>,
    bytes: u64,
}

/// Output held in memory until its turn comes, in pieces of at most about [`CHUNK`] bytes, so
/// that a large output is never copied to grow (nor held at twice its size while it does).
#[derive(Default)]
struct Chunks {
    full: Vec<Vec<u8>>,
    last: Vec<u8>,
    len: usize,
}

const CHUNK: usize = 1 << 20;

impl Write for Chunks {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        if !self.last.is_empty() && self.last.len() + b.len() > CHUNK {
            let next = Vec::with_capacity(CHUNK.max(b.len()));
            self.full.push(std::mem::replace(&mut self.last, next));
        }
        self.last.extend_from_slice(b);
        self.len += b.len();
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Chunks {
    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        self.full.iter().chain(std::iter::once(&self.last)).try_for_each(|c| out.write_all(c))
    }
}

/// How `quoth extract` reads and writes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub load: LoadOptions,
    /// Also list each fragment held by a mixed quote as a quote of its own
    /// ([`crate::output::write_extraction_json`]).
    pub fragments: bool,
}

/// Progress so far, for a progress bar.
#[derive(Clone, Copy, Debug, Default)]
pub struct Progress {
    pub done: usize,
    /// Known once every input has been listed (a directory walked, standard input ended).
    pub total: Option<usize>,
    pub bytes: u64,
}

/// The end of a run.
#[derive(Debug, Default)]
pub struct Summary {
    pub done: usize,
    pub failed: usize,
    pub bytes: u64,
}

/// Reads, parses and extracts one input and writes its output lines to `w` as they are made.
/// Returns the failure (if any, its one-line reason) and the input's size; an error is only
/// the writer's.
fn process(input: Input, opts: &Options, w: &mut dyn Write) -> std::io::Result<(Option<String>, u64)> {
    let bytes = input.size();
    let mut fail = |path: &str, id: Option<&serde_json::Value>, error: String| {
        let mut v = serde_json::json!({ "path": path, "title": "", "quotes": [], "speakers": [], "error": error });
        if let Some(id) = id {
            v["id"] = id.clone();
        }
        w.write_all(crate::output::terminal_safe_json(v.to_string()).as_bytes())?;
        w.write_all(b"\n")?;
        Ok((Some(error), bytes))
    };
    match input {
        Input::File(p, listed) => {
            let shown = display_path(&p);
            // A file a walk listed is known to be a regular file; one named by the user is
            // looked at before it is opened.
            let loaded = if listed.is_some() { load_listed_file(&p, &opts.load) } else { load_file(&p, &opts.load) };
            match loaded {
                // A feed gives one line per entry, in order.
                Ok(items) => {
                    for (origin, article) in items {
                        let ex = crate::extract::extract(&article);
                        crate::output::write_extraction_json(
                            w,
                            &display_path(&origin.path()),
                            None,
                            &article,
                            &ex,
                            opts.fragments,
                        )?;
                        w.write_all(b"\n")?;
                    }
                    Ok((None, bytes))
                }
                Err(e) => fail(&shown, None, crate::article::sanitize::clean_line(&e.to_string())),
            }
        }
        Input::Unreadable(p, why) => {
            let shown = display_path(&p);
            fail(&shown, None, format!("{shown}: {why}"))
        }
        Input::StdinError { line, error } => fail("-", None, format!("standard input, line {line}: {error}")),
        Input::Record { line, json } => {
            #[derive(serde::Deserialize)]
            struct Id {
                id: Option<serde_json::Value>,
            }
            let id = match serde_json::from_str::<Id>(&json) {
                Ok(r) => r.id,
                Err(e) => return fail("-", None, format!("standard input, line {line}: not a JSON object: {e}")),
            };
            if json.len() as u64 > opts.load.max_bytes {
                let error =
                    format!("standard input, line {line}: larger than the size limit ({} bytes)", opts.load.max_bytes);
                return fail("-", id.as_ref(), error);
            }
            let parsed = Article::parse_owned(
                json.into_bytes(),
                ParseOptions { format: Some(Format::Json), bidi: opts.load.bidi, max_bytes: opts.load.max_bytes },
            );
            match parsed {
                Ok(article) => {
                    let ex = crate::extract::extract(&article);
                    crate::output::write_extraction_json(w, "-", id.as_ref(), &article, &ex, opts.fragments)?;
                    w.write_all(b"\n")?;
                    Ok((None, bytes))
                }
                Err(e) => fail("-", id.as_ref(), format!("standard input, line {line}: {e}")),
            }
        }
    }
}

/// [`process`] into memory, for a worker thread.
fn process_held(input: Input, opts: &Options) -> Done {
    // The output is about the size of the input: room for it at once, not grown to it.
    let size = match &input {
        Input::File(_, Some(len)) => *len,
        Input::Record { json, .. } => json.len() as u64,
        _ => 0,
    };
    let room = usize::try_from(size).unwrap_or(CHUNK).min(CHUNK);
    let mut out = Chunks { last: Vec::with_capacity(room), ..Chunks::default() };
    // Writing to memory does not fail.
    let (error, bytes) = process(input, opts, &mut out).unwrap_or((None, 0));
    Done { out, error, bytes }
}

/// Inputs handed to a worker at once when they are files: enough that threads wake once per
/// batch rather than once per file (32 rather than 8 took `-j 2` on 2,064 dev articles from
/// 1.74 × to 1.83 × the speed of `-j 1`), and no more than about [`BATCH_INPUT`] bytes of
/// them, so that large files are shared out one by one.
const BATCH: usize = 32;
const BATCH_INPUT: u64 = 256 << 10;
/// Output a worker holds before passing it on, whatever the batch.
const BATCH_BYTES: usize = 1 << 20;

/// The inputs, taken in batches by whichever worker is free (walking a directory or reading
/// standard input as it does), so that no thread is needed to hand them out.
struct Feed<I> {
    inputs: std::sync::Mutex<std::iter::Enumerate<I>>,
    batch: usize,
    /// How many inputs have been taken, and whether that is all of them.
    listed: AtomicUsize,
    all_listed: AtomicBool,
    /// How many outputs have been written; takers wait while more than `window` inputs are
    /// taken but not written, so that one slow input does not let the rest pile up.
    written: AtomicUsize,
    window: usize,
    room: std::sync::Condvar,
}

impl<I: Iterator<Item = Input>> Feed<I> {
    /// The next batch: up to `batch` inputs and about [`BATCH_INPUT`] bytes; empty at the end.
    fn take(&self) -> Vec<(usize, Input)> {
        let Ok(mut inputs) = self.inputs.lock() else { return Vec::new() };
        let mut chunk = Vec::with_capacity(self.batch);
        let mut chunk_bytes = 0;
        while chunk.len() < self.batch && chunk_bytes < BATCH_INPUT {
            while self.listed.load(Acquire) >= self.written.load(Acquire) + self.window {
                // Woken when output is written; the timeout covers a wake-up sent just before
                // this wait began.
                match self.room.wait_timeout(inputs, std::time::Duration::from_millis(10)) {
                    Ok((guard, _)) => inputs = guard,
                    Err(_) => return chunk,
                }
            }
            let Some((i, input)) = inputs.next() else {
                self.all_listed.store(true, Release);
                break;
            };
            self.listed.store(i + 1, Release);
            chunk_bytes += match &input {
                Input::File(_, Some(len)) => *len,
                Input::File(_, None) => BATCH_INPUT,
                _ => 0,
            };
            chunk.push((i, input));
        }
        chunk
    }

    fn wrote(&self, n: usize) {
        self.written.store(n, Release);
        // Someone may be waiting only if the window was full before this one was written (a
        // wake-up costs a system call, too many to make for every output).
        if self.listed.load(Acquire) + 1 >= n + self.window {
            self.room.notify_all();
        }
    }

    fn total(&self) -> Option<usize> {
        self.all_listed.load(Acquire).then(|| self.listed.load(Acquire))
    }
}

/// Extracts every input on `jobs` threads and writes one JSON line per input to `out`, in
/// input order, as soon as it can. `stream` says the inputs come as they are written (standard
/// input): each is handed out alone, so that its line comes out at once. `on_error` gets each
/// failure's one-line reason; `on_progress` is called after each line. Returns early only when
/// `out` fails.
pub fn run(
    inputs: impl Iterator<Item = Input> + Send,
    stream: bool,
    jobs: usize,
    opts: &Options,
    out: &mut dyn Write,
    on_error: &mut dyn FnMut(&str),
    on_progress: &mut dyn FnMut(Progress),
) -> std::io::Result<Summary> {
    let jobs = jobs.max(1);
    let feed = Feed {
        inputs: std::sync::Mutex::new(inputs.enumerate()),
        // One job takes one input at a time: its output goes straight out as it is made.
        batch: if stream || jobs == 1 { 1 } else { BATCH },
        listed: AtomicUsize::new(0),
        all_listed: AtomicBool::new(false),
        written: AtomicUsize::new(0),
        window: jobs * BATCH * 4,
        room: std::sync::Condvar::new(),
    };
    let mut summary = Summary::default();
    let mut count = |error: Option<String>, bytes: u64, summary: &mut Summary| {
        if let Some(e) = &error {
            on_error(e);
            summary.failed += 1;
        }
        summary.done += 1;
        summary.bytes += bytes;
        feed.wrote(summary.done);
        on_progress(Progress { done: summary.done, total: feed.total(), bytes: summary.bytes });
    };
    if jobs == 1 {
        // One job: no threads to hand each input to and back (a context switch per file), and
        // the output goes straight out as it is serialised.
        while let Some((_, input)) = feed.take().pop() {
            let (error, bytes) = process(input, opts, out)?;
            count(error, bytes, &mut summary);
        }
        return out.flush().map(|()| summary);
    }
    std::thread::scope(|scope| -> std::io::Result<Summary> {
        let (done_tx, done_rx) = mpsc::sync_channel::<Vec<(usize, Done)>>(jobs * 2);
        for _ in 0..jobs {
            let (tx, feed) = (done_tx.clone(), &feed);
            scope.spawn(move || {
                loop {
                    let chunk = feed.take();
                    if chunk.is_empty() {
                        break;
                    }
                    let mut done = Vec::with_capacity(chunk.len());
                    let mut held = 0;
                    for (i, input) in chunk {
                        let d = process_held(input, opts);
                        held += d.out.len;
                        done.push((i, d));
                        // Large outputs are passed on at once: memory stays bounded by one.
                        if held >= BATCH_BYTES {
                            if tx.send(std::mem::take(&mut done)).is_err() {
                                return;
                            }
                            held = 0;
                        }
                    }
                    if !done.is_empty() && tx.send(done).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut waiting: BTreeMap<usize, Done> = BTreeMap::new();
        for (i, d) in done_rx.iter().flatten() {
            waiting.insert(i, d);
            while let Some(d) = waiting.remove(&summary.done) {
                d.out.write_to(out)?;
                count(d.error, d.bytes, &mut summary);
            }
        }
        Ok(std::mem::take(&mut summary))
    })
    .and_then(|summary| out.flush().map(|()| summary))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    fn lines(inputs: Vec<Input>, jobs: usize) -> (Vec<serde_json::Value>, Summary, Vec<String>) {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        let s = run(
            inputs.into_iter(),
            false,
            jobs,
            &Options::default(),
            &mut out,
            &mut |e| errors.push(e.to_owned()),
            &mut |_| {},
        )
        .unwrap();
        let v = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        (v, s, errors)
    }

    #[test]
    fn output_keeps_input_order_at_any_number_of_jobs() {
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = Vec::new();
        for i in 0..40 {
            let p = dir.path().join(format!("{i:02}.txt"));
            // Sizes vary so that workers finish out of order.
            let body = "“We will see,” said Ann Lee. ".repeat(1 + (i * 37) % 200);
            std::fs::write(&p, format!("Story {i}\n\n{body}")).unwrap();
            inputs.push(p);
        }
        for jobs in [1, 2, 4] {
            let (v, s, errors) = lines(inputs.iter().map(|p| Input::File(p.clone(), None)).collect(), jobs);
            let titles: Vec<String> = v.iter().map(|o| o["title"].as_str().unwrap().to_owned()).collect();
            let want: Vec<String> = (0..40).map(|i| format!("Story {i}")).collect();
            assert_eq!(titles, want, "jobs {jobs}");
            assert_eq!((s.done, s.failed), (40, 0));
            assert!(errors.is_empty());
        }
    }

    #[test]
    fn a_bad_input_is_an_error_object_in_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.txt");
        std::fs::write(&good, "Good\n\n“Yes,” said Bo Ek.").unwrap();
        let inputs = vec![
            Input::File(dir.path().join("missing.txt"), None),
            Input::File(good.clone(), None),
            Input::Record { line: 1, json: r#"{"id": 7, "text": "“Fine,” said Ann Lee.", "title": "T"}"#.into() },
            Input::Record { line: 2, json: "not json".into() },
            Input::Record { line: 3, json: r#"{"id": "x", "title": "no text"}"#.into() },
        ];
        let (v, s, errors) = lines(inputs, 2);
        assert_eq!(v.len(), 5);
        assert!(v[0]["error"].is_string());
        assert_eq!(v[1]["quotes"][0]["speaker"], "Bo Ek");
        assert_eq!(v[2]["id"], 7);
        assert_eq!(v[2]["title"], "T");
        assert_eq!(v[2]["quotes"][0]["speaker"], "Ann Lee");
        assert!(v[3]["error"].as_str().unwrap().contains("line 2"));
        assert_eq!(v[4]["id"], "x");
        assert!(v[4]["error"].is_string());
        assert_eq!((s.done, s.failed), (5, 3));
        assert_eq!(errors.len(), 3);
    }

    #[test]
    fn records_are_read_line_by_line() {
        let input = "{\"id\":1,\"text\":\"a\"}\n\n{\"id\":2,\"text\":\"b\"}\n";
        let got: Vec<usize> = records(input.as_bytes())
            .map(|i| match i {
                Input::Record { line, .. } => line,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(got, [1, 3]);
    }
}
