//! Running the app's effects outside the terminal: loading articles, background extraction
//! and library scans, and the bookmark store. The terminal loop (`term`) and tests both use
//! [`Session`], so the same code path is tested without a terminal.

use crate::app::{App, BookmarkUpdate, Effect, Msg};
pub use crate::library::entry_for;
use crate::library::{LoadOptions, Origin};
use crate::store::{BookmarkChanges, Store};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

/// What the terminal loop must do after effects ran.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Control {
    pub quit: bool,
    pub redraw: bool,
}

/// The app plus everything its effects need.
pub struct Session {
    pub app: App,
    pub store: Store,
    pub load: LoadOptions,
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
    /// Background jobs still running.
    pub pending: usize,
    /// Whole-file loads waiting to start once the preview is on screen.
    deferred: Vec<(usize, PathBuf, Option<crate::span::Span>)>,
    /// Why the last attempt to save the reading position failed (cleared by a save that
    /// works): the save on quit has no screen left to report on, so the caller prints it.
    pub position_unsaved: Option<String>,
    /// The folders (and files) of the library, for library-wide search.
    pub library_roots: Vec<PathBuf>,
    /// The library database (none: library search is unavailable).
    pub index_path: Option<PathBuf>,
}

impl Session {
    /// Runs `job` on a worker with the library database (synced), sending its message back.
    fn index_job(
        &mut self,
        job: impl FnOnce(Result<crate::index::Index, String>, LoadOptions) -> Msg + Send + 'static,
    ) -> Option<Msg> {
        let (tx, load) = (self.tx.clone(), self.load);
        let (roots, index) = (self.library_roots.clone(), self.index_path.clone());
        self.pending += 1;
        let spawned = std::thread::Builder::new().name("quoth-index".into()).spawn(move || {
            let ix = synced_index(&roots, index.as_deref(), &load, &tx);
            let _ = tx.send(job(ix, load));
        });
        if spawned.is_err() {
            self.pending -= 1;
            return Some(Msg::Error("could not start a library job".into()));
        }
        None
    }

    /// Sets what a library-wide search looks through: the library's folders and files, and
    /// the library database.
    pub fn searches(&mut self, roots: Vec<PathBuf>, index: Option<PathBuf>) {
        self.library_roots = roots;
        self.index_path = index;
    }

    pub fn new(app: App, store: Store, load: LoadOptions) -> Session {
        let (tx, rx) = channel();
        let mut s = Session {
            app,
            store,
            load,
            tx,
            rx,
            pending: 0,
            deferred: Vec::new(),
            position_unsaved: None,
            library_roots: Vec::new(),
            index_path: None,
        };
        s.store.take_bookmark_changes();
        let snapshot = Msg::Store {
            bookmarks: BookmarkUpdate::All(s.store.bookmarks().to_vec()),
            positions: s.store.positions().to_vec(),
            read_only: s.store.read_only_reason().map(str::to_owned),
        };
        s.app.update(snapshot);
        s
    }

    /// What changed in the store since the app last heard, as a message for the app.
    fn store_msg(&mut self) -> Msg {
        let bookmarks = match self.store.take_bookmark_changes() {
            BookmarkChanges::None => BookmarkUpdate::Unchanged,
            BookmarkChanges::Ops(ops) => BookmarkUpdate::Changes(ops),
            BookmarkChanges::All => BookmarkUpdate::All(self.store.bookmarks().to_vec()),
        };
        Msg::Store {
            bookmarks,
            positions: self.store.positions().to_vec(),
            read_only: self.store.read_only_reason().map(str::to_owned),
        }
    }

    /// Applies a message and runs the effects it produces (and theirs).
    pub fn dispatch(&mut self, msg: Msg) -> Control {
        let mut control = Control::default();
        let mut queue: Vec<Effect> = self.app.update(msg);
        let mut guard = 0;
        while !queue.is_empty() && guard < 1000 {
            guard += 1;
            let effects = std::mem::take(&mut queue);
            for e in effects {
                if let Some(m) = self.run(e, &mut control) {
                    queue.extend(self.app.update(m));
                }
            }
        }
        control
    }

    /// Delivers results of background work; returns true when something arrived.
    pub fn poll_background(&mut self) -> (bool, Control) {
        self.start_deferred();
        let mut any = false;
        let mut control = Control::default();
        while let Ok(m) = self.rx.try_recv() {
            if is_job_end(&m) {
                self.pending = self.pending.saturating_sub(1);
            }
            any = true;
            let c = self.dispatch(m);
            control.quit |= c.quit;
            control.redraw |= c.redraw;
        }
        (any, control)
    }

    /// Waits for background work (tests): until nothing is pending or `timeout` passes.
    pub fn wait_background(&mut self, timeout: std::time::Duration) {
        self.start_deferred();
        let deadline = std::time::Instant::now() + timeout;
        while self.pending > 0 && std::time::Instant::now() < deadline {
            if let Ok(m) = self.rx.recv_timeout(std::time::Duration::from_millis(20)) {
                if is_job_end(&m) {
                    self.pending = self.pending.saturating_sub(1);
                }
                self.dispatch(m);
            }
        }
    }

    fn run(&mut self, effect: Effect, control: &mut Control) -> Option<Msg> {
        match effect {
            Effect::Quit => {
                control.quit = true;
                None
            }
            Effect::Redraw => {
                control.redraw = true;
                None
            }
            Effect::Load { entry, origin, then } => Some(self.load(entry, &origin, then)),
            Effect::Extract(article) => {
                let tx = self.tx.clone();
                self.pending += 1;
                let spawned = std::thread::Builder::new().name("quoth-extract".into()).spawn(move || {
                    let extraction = Arc::new(crate::extract::extract(&article));
                    let _ = tx.send(Msg::Extracted { fingerprint: article.fingerprint(), extraction });
                });
                if spawned.is_err() {
                    self.pending = self.pending.saturating_sub(1);
                    return Some(Msg::Error("could not start a worker thread to find quotes".into()));
                }
                None
            }
            Effect::AddBookmark(mut b) => {
                if b.id.0.is_empty() {
                    b.id = self.store.new_id();
                }
                Some(match self.store.add_bookmark(b) {
                    Ok(()) => self.store_msg(),
                    Err(e) => self.fail(&e.to_string()),
                })
            }
            Effect::RemoveBookmark(id) => Some(match self.store.remove_bookmark(&id) {
                Ok(_) => self.store_msg(),
                Err(e) => self.fail(&e.to_string()),
            }),
            Effect::SetNote { id, note } => Some(match self.store.set_note(&id, note) {
                Ok(()) => self.store_msg(),
                Err(e) => self.fail(&e.to_string()),
            }),
            Effect::SearchLibrary { query, offset } => self.index_job(move |ix, load| {
                let result = ix.and_then(|ix| search_in(&ix, &query, offset, &load));
                Msg::LibrarySearch { query, result }
            }),
            Effect::ListSpeakers => {
                self.index_job(|ix, _| Msg::Speakers(ix.and_then(|ix| ix.speakers().map_err(|e| e.to_string()))))
            }
            Effect::SpeakerQuotes(name) => self.index_job(move |ix, load| {
                let filter = crate::index::query::QuoteFilter { speaker: Some(name.clone()), kind: None };
                let result = ix.and_then(|ix| ix.quotes(&filter, &load).map_err(|e| e.to_string()));
                Msg::SpeakerQuotes { name, result }
            }),
            Effect::CheckBookmarks { bookmarks, candidates } => {
                let (tx, load) = (self.tx.clone(), self.load);
                let _ = std::thread::Builder::new().name("quoth-check".into()).spawn(move || {
                    let _ = tx.send(Msg::BookmarkStatus(check_bookmarks(&bookmarks, &candidates, &load)));
                });
                None
            }
            Effect::SavePosition(p) => match self.store.set_position(p) {
                // Positions are saved quietly; a failure is reported once per attempt.
                Ok(()) => {
                    self.position_unsaved = None;
                    None
                }
                Err(e) => {
                    let line = format!("reading position not saved: {e}");
                    self.position_unsaved = Some(line.clone());
                    Some(Msg::Error(line))
                }
            },
        }
    }

    /// Loads an article: at once when small; a large file shows a preview of its beginning
    /// first while a worker reads the whole of it.
    pub fn load(&mut self, entry: usize, origin: &Origin, then: Option<crate::span::Span>) -> Msg {
        use crate::app::LoadStage;
        if let Origin::File(path) = origin
            && let Some(preview) = crate::library::load_preview(path, &self.load)
        {
            match preview {
                Ok(article) => {
                    // The whole file is read once the preview has been drawn, so that the
                    // first screen does not share the machine with it.
                    self.deferred.push((entry, path.clone(), then));
                    self.pending += 1;
                    return Msg::Loaded { stage: LoadStage::Preview, entry, result: Ok(Arc::new(article)), then };
                }
                Err(e) => return Msg::Loaded { stage: LoadStage::Whole, entry, result: Err(e), then },
            }
        }
        let result = origin.load(&self.load).map(Arc::new);
        Msg::Loaded { stage: LoadStage::Whole, entry, result, then }
    }

    /// Picks up bookmarks and positions another quoth wrote since the last look.
    pub fn reload_store(&mut self) -> Control {
        if self.store.reload() {
            let snapshot = self.store_msg();
            return self.dispatch(snapshot);
        }
        Control::default()
    }

    /// Starts the whole-file loads that wait for a preview to be drawn.
    pub fn start_deferred(&mut self) {
        use crate::app::LoadStage;
        for (entry, path, then) in std::mem::take(&mut self.deferred) {
            let (tx, load) = (self.tx.clone(), self.load);
            let spawned = std::thread::Builder::new().name("quoth-load".into()).spawn(move || {
                let result = crate::library::load_path(&path, &load).map(Arc::new);
                let _ = tx.send(Msg::Loaded { stage: LoadStage::Rest, entry, result, then });
            });
            if spawned.is_err() {
                self.pending = self.pending.saturating_sub(1);
                self.app.update(Msg::Error("could not start a worker thread to read the article".into()));
            }
        }
    }

    /// After a failed write: refresh the app from the store (so it shows what is really on
    /// disk) and report the error.
    fn fail(&mut self, error: &str) -> Msg {
        // The app may show a change that did not happen: send it everything.
        self.store.take_bookmark_changes();
        let snapshot = Msg::Store {
            bookmarks: BookmarkUpdate::All(self.store.bookmarks().to_vec()),
            positions: self.store.positions().to_vec(),
            read_only: self.store.read_only_reason().map(str::to_owned),
        };
        self.app.update(snapshot);
        Msg::Error(error.to_owned())
    }

    /// Starts scanning directories for articles in the background.
    pub fn scan(&mut self, dirs: Vec<PathBuf>) {
        let tx = self.tx.clone();
        let load = self.load;
        let index = crate::library::index::default_path();
        let spawned = std::thread::Builder::new().name("quoth-scan".into()).spawn(move || {
            use crate::library::index::ScanEvent;
            crate::library::index::scan(&dirs, index.as_deref(), &load, |event| {
                let msg = match event {
                    ScanEvent::Entries(entries) => Msg::LibraryEntries(entries),
                    ScanEvent::Progress { done, total, skipped } => {
                        Msg::ScanProgress { done, total: Some(total), skipped }
                    }
                };
                tx.send(msg).is_ok()
            });
        });
        if spawned.is_err() {
            self.app.update(Msg::Error("could not start a worker thread to scan the library".into()));
        }
    }
}

impl Session {
    /// Lists a newsboat cache's items in the background (read-only; see
    /// [`newsboat`](crate::library::newsboat)).
    pub fn scan_newsboat(&mut self, db: PathBuf) {
        let tx = self.tx.clone();
        let load = self.load;
        let spawned = std::thread::Builder::new().name("quoth-newsboat".into()).spawn(move || {
            use crate::library::index::ScanEvent;
            let listed = crate::library::newsboat::scan(&db, &load, |event| {
                let msg = match event {
                    ScanEvent::Entries(entries) => Msg::LibraryEntries(entries),
                    ScanEvent::Progress { done, total, skipped } => {
                        Msg::ScanProgress { done, total: Some(total), skipped }
                    }
                };
                tx.send(msg).is_ok()
            });
            if let Err(e) = listed {
                let _ = tx.send(Msg::Error(e.to_string()));
            }
        });
        if spawned.is_err() {
            self.app.update(Msg::Error("could not start a worker thread to read the newsboat cache".into()));
        }
    }
}

/// Where each bookmark's passage is now: its article is looked for at its path, then among the
/// library's files ([`locate`](crate::store::locate::locate)); then anchored.
pub fn check_bookmarks(
    bookmarks: &[crate::store::Bookmark],
    candidates: &[crate::store::locate::Candidate],
    load: &LoadOptions,
) -> Vec<(crate::store::BookmarkId, crate::app::BookmarkCheck)> {
    use crate::store::export::Status;
    let mut cache: std::collections::HashMap<PathBuf, Option<Arc<crate::article::Article>>> =
        std::collections::HashMap::new();
    let mut get = |path: &Path| -> Option<Arc<crate::article::Article>> {
        cache.entry(path.to_path_buf()).or_insert_with(|| Origin::from_path(path).load(load).ok().map(Arc::new)).clone()
    };
    bookmarks
        .iter()
        .map(|b| {
            let found = crate::store::locate::locate(b, candidates, &mut get);
            let check = crate::app::BookmarkCheck {
                status: Status::of(found.as_ref().map(|l| l.anchor)),
                moved_to: found.filter(|l| l.moved(b)).map(|l| l.path),
            };
            (b.id.clone(), check)
        })
        .collect()
}

/// True for the message a background job ends with.
fn is_job_end(m: &Msg) -> bool {
    matches!(
        m,
        Msg::Extracted { .. }
            | Msg::Loaded { stage: crate::app::LoadStage::Rest, .. }
            | Msg::LibrarySearch { .. }
            | Msg::Speakers(_)
            | Msg::SpeakerQuotes { .. }
    )
}

/// The library database, brought up to date with the library first.
/// Progress goes to the status line as `Msg::Info` when there is more than a batch to read.
fn synced_index(
    roots: &[PathBuf],
    index: Option<&std::path::Path>,
    load: &LoadOptions,
    tx: &Sender<Msg>,
) -> Result<crate::index::Index, String> {
    if roots.is_empty() {
        return Err("only a library of files has a library database (open a folder)".into());
    }
    let index = index.ok_or("no cache directory for the library database (set QUOTH_CACHE_DIR)")?;
    let mut ix = crate::index::Index::open(index).map_err(|e| e.to_string())?;
    ix.sync(roots, load, |p| {
        if p.total > 64 {
            let _ = tx.send(Msg::Info(format!("indexing the library: {}/{} files…", p.done, p.total)));
        }
    })
    .map_err(|e| e.to_string())?;
    Ok(ix)
}

/// Stories a library search lists at a time: the next page is asked for as the selection
/// nears the end of the list.
const SEARCH_PAGE: usize = 100;

/// A page of a library-wide search in the (synced) library database: the best stories from
/// `offset` on, each with a line of context and where its first match is, and how many
/// stories match in all.
fn search_in(
    ix: &crate::index::Index,
    query: &str,
    offset: usize,
    load: &LoadOptions,
) -> Result<crate::app::FoundPage, String> {
    use crate::index::query::{matches_in, snippet, terms};
    let hits = ix.search_page(query, offset, SEARCH_PAGE).map_err(|e| e.to_string())?;
    let total = if offset == 0 { Some(ix.count_matches(query).map_err(|e| e.to_string())?) } else { None };
    let ts = terms(query);
    let stories = hits
        .into_iter()
        .map(|h| {
            let path = PathBuf::from(&h.path);
            let text = crate::library::Origin::from_path(&path).load(load).map(|a| a.text).unwrap_or_default();
            let (line, spans) = snippet(&text, &ts, 160);
            // The words as folded (lowercase): the reader's smart case then matches any case.
            let first = matches_in(&text, &ts).first().map(|s| (*s, crate::text::fold(s.slice(&text))));
            crate::app::FoundStory { path, title: h.title, date: h.date, snippet: line, snippet_matches: spans, first }
        })
        .collect();
    Ok(crate::app::FoundPage { offset, stories, total })
}
