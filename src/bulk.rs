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
use crate::library::{Found, LoadOptions, display_path, load_file, walk};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::mpsc;

/// One thing to extract.
#[derive(Debug)]
pub enum Input {
    File(PathBuf),
    /// A file a directory walk could not read: an error in its place.
    Unreadable(PathBuf, String),
    /// One line of JSON Lines input (1-based line number).
    Record {
        line: usize,
        json: String,
    },
    /// Standard input could not be read past this line.
    StdinError {
        line: usize,
        error: String,
    },
}

impl Input {
    fn size(&self) -> u64 {
        match self {
            Input::File(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
            Input::Record { json, .. } => json.len() as u64,
            _ => 0,
        }
    }
}

/// The inputs named on the command line, in order: files as given, directories walked
/// (recursively, in name order, article files only). `-` is left to the caller (stdin).
pub fn expand(args: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for a in args {
        if a.is_dir() {
            let mut found = Vec::new();
            walk(a, &mut found);
            // Source code, project files and media in an archive are not stories: left out.
            out.extend(found.into_iter().filter_map(|f| match f {
                Found::File(p) => Some(Input::File(p)),
                Found::Unreadable(p, why) => Some(Input::Unreadable(p, why)),
                Found::Skipped(_) => None,
            }));
        } else {
            out.push(Input::File(a.clone()));
        }
    }
    out
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

/// What one input gave: its output line, whether it failed (with the reason for stderr), and
/// its size in bytes.
struct Done {
    line: String,
    error: Option<String>,
    bytes: u64,
}

/// Progress so far, for a progress bar.
#[derive(Clone, Copy, Debug, Default)]
pub struct Progress {
    pub done: usize,
    /// Known when the inputs were all listed up front (not for stdin).
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

fn process(input: Input, opts: &LoadOptions) -> Done {
    let bytes = input.size();
    let fail = |path: &str, id: Option<&serde_json::Value>, error: String| {
        let mut v = serde_json::json!({ "path": path, "title": "", "quotes": [], "speakers": [], "error": error });
        if let Some(id) = id {
            v["id"] = id.clone();
        }
        Done { line: crate::output::terminal_safe_json(v.to_string()), error: Some(error), bytes }
    };
    match input {
        Input::File(p) => {
            let shown = display_path(&p);
            match load_file(&p, opts) {
                // A feed gives one line per entry, in order.
                Ok(items) => {
                    let mut line = String::new();
                    for (origin, article) in items {
                        let ex = crate::extract::extract(&article);
                        if !line.is_empty() {
                            line.push('\n');
                        }
                        line.push_str(&crate::output::extraction_json(&display_path(&origin.path()), &article, &ex));
                    }
                    Done { line, error: None, bytes }
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
            if json.len() as u64 > opts.max_bytes {
                let error =
                    format!("standard input, line {line}: larger than the size limit ({} bytes)", opts.max_bytes);
                return fail("-", id.as_ref(), error);
            }
            let parsed = Article::parse_owned(
                json.into_bytes(),
                ParseOptions { format: Some(Format::Json), bidi: opts.bidi, max_bytes: opts.max_bytes },
            );
            match parsed {
                Ok(article) => {
                    let ex = crate::extract::extract(&article);
                    let out = crate::output::extraction_json_with_id("-", id.as_ref(), &article, &ex);
                    Done { line: out, error: None, bytes }
                }
                Err(e) => fail("-", id.as_ref(), format!("standard input, line {line}: {e}")),
            }
        }
    }
}

/// Inputs handed to a worker at once when they are files.
const BATCH: usize = 8;
/// Output a worker holds before passing it on, whatever the batch.
const BATCH_BYTES: usize = 1 << 20;

/// Extracts every input on `jobs` threads and writes one JSON line per input to `out`, in
/// input order, as soon as it can. `on_error` gets each failure's one-line reason;
/// `on_progress` is called after each line. Returns early only when `out` fails.
pub fn run(
    inputs: impl Iterator<Item = Input> + Send,
    total: Option<usize>,
    jobs: usize,
    opts: &LoadOptions,
    out: &mut dyn Write,
    on_error: &mut dyn FnMut(&str),
    on_progress: &mut dyn FnMut(Progress),
) -> std::io::Result<Summary> {
    let jobs = jobs.max(1);
    let mut summary = Summary::default();
    let mut emit = |d: Done, summary: &mut Summary| -> std::io::Result<()> {
        out.write_all(d.line.as_bytes())?;
        out.write_all(b"\n")?;
        if let Some(e) = &d.error {
            on_error(e);
            summary.failed += 1;
        }
        summary.done += 1;
        summary.bytes += d.bytes;
        on_progress(Progress { done: summary.done, total, bytes: summary.bytes });
        Ok(())
    };
    if jobs == 1 {
        // One job: no threads to hand each input to and back (a context switch per file).
        for input in inputs {
            emit(process(input, opts), &mut summary)?;
        }
        return out.flush().map(|()| summary);
    }
    std::thread::scope(|scope| -> std::io::Result<Summary> {
        // Inputs known up front (files) go to the workers in small batches and come back the
        // same way, so that threads wake once per batch rather than once per file; a stream
        // (stdin records) goes one at a time, so that each line comes out as soon as it is read.
        let batch = if total.is_some() { BATCH } else { 1 };
        let (work_tx, work_rx) = mpsc::sync_channel::<Vec<(usize, Input)>>(jobs * 2);
        let work_rx = std::sync::Arc::new(std::sync::Mutex::new(work_rx));
        let (done_tx, done_rx) = mpsc::sync_channel::<Vec<(usize, Done)>>(jobs * 2);
        scope.spawn(move || {
            let mut chunk = Vec::with_capacity(batch);
            for (i, input) in inputs.enumerate() {
                chunk.push((i, input));
                if chunk.len() >= batch
                    && work_tx.send(std::mem::replace(&mut chunk, Vec::with_capacity(batch))).is_err()
                {
                    return;
                }
            }
            if !chunk.is_empty() {
                let _ = work_tx.send(chunk);
            }
        });
        for _ in 0..jobs {
            let (rx, tx) = (work_rx.clone(), done_tx.clone());
            scope.spawn(move || {
                loop {
                    // The lock is held only to take the next batch.
                    let next = rx.lock().map_or(None, |r| r.recv().ok());
                    let Some(chunk) = next else { break };
                    let mut done = Vec::with_capacity(chunk.len());
                    let mut held = 0;
                    for (i, input) in chunk {
                        let d = process(input, opts);
                        held += d.line.len();
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
        let mut next = 0;
        for (i, d) in done_rx.iter().flatten() {
            waiting.insert(i, d);
            while let Some(d) = waiting.remove(&next) {
                emit(d, &mut summary)?;
                next += 1;
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
        let total = Some(inputs.len());
        let s = run(
            inputs.into_iter(),
            total,
            jobs,
            &LoadOptions::default(),
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
            let (v, s, errors) = lines(inputs.iter().cloned().map(Input::File).collect(), jobs);
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
            Input::File(dir.path().join("missing.txt")),
            Input::File(good.clone()),
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
