//! Reading files for the index: each file loaded and extracted (on several threads per
//! batch), turned into the rows the index stores.

use crate::extract::{Extraction, QuoteKind, SpeakerKind};
use crate::library::{LoadOptions, Origin, is_not_an_article, load_file};
use std::path::{Path, PathBuf};

/// One article read for the index.
pub(super) struct Indexed {
    pub(super) path: String,
    pub(super) size: i64,
    pub(super) mtime_ns: i64,
    /// Why the file gave no article (unreadable, not an article): stored so that it is not
    /// read again until it changes.
    pub(super) error: Option<String>,
    pub(super) articles: Vec<IndexedArticle>,
}

pub(super) struct IndexedArticle {
    pub(super) entry: Option<i64>,
    pub(super) title: String,
    pub(super) source: Option<String>,
    pub(super) date: Option<String>,
    pub(super) words: i64,
    pub(super) text: String,
    pub(super) quotes: Vec<IndexedQuote>,
}

pub(super) struct IndexedQuote {
    /// Name, folded key and kind of the speaker.
    pub(super) speaker: Option<(String, String, i64)>,
    pub(super) kind: i64,
    pub(super) paragraph: i64,
    pub(super) start: i64,
    pub(super) end: i64,
    /// The pieces of a quote in several segments, as `start-end` pairs; `None` for one
    /// segment (`start..end`). The words are read from the article when listed, so that the
    /// index stays smaller than the text it indexes.
    pub(super) segments: Option<String>,
}

/// How a quote's kind is stored (see [`super::query::kind_name`]).
pub(super) fn quote_kind_code(k: QuoteKind) -> i64 {
    match k {
        QuoteKind::Direct | QuoteKind::Partial => 0,
        QuoteKind::Mixed => 1,
        QuoteKind::Indirect => 2,
    }
}

/// How a speaker's kind is stored (see [`super::query::speaker_kind_name`]).
pub(super) fn speaker_kind_code(k: SpeakerKind) -> i64 {
    match k {
        SpeakerKind::Person => 0,
        SpeakerKind::Organisation => 1,
        SpeakerKind::Role => 2,
    }
}

/// Reads and extracts the files of a batch on `jobs` threads, in order.
pub(super) fn read_batch(batch: &[(PathBuf, String, i64, i64)], load: &LoadOptions, jobs: usize) -> Vec<Indexed> {
    let per = batch.len().div_ceil(jobs.max(1)).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = batch
            .chunks(per)
            .map(|chunk| s.spawn(move || chunk.iter().map(|(p, k, size, m)| read_one(p, k, *size, *m, load)).collect()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|_| {
                    // A panic in the extractor is a bug; the batch's files are left out, not the run.
                    Vec::new()
                })
            })
            .collect::<Vec<Indexed>>()
    })
}

pub(super) fn read_one(path: &Path, key: &str, size: i64, mtime_ns: i64, load: &LoadOptions) -> Indexed {
    let mut out = Indexed { path: key.to_owned(), size, mtime_ns, error: None, articles: Vec::new() };
    match load_file(path, load) {
        Ok(list) => {
            for (origin, article) in list {
                let ex = crate::extract::extract(&article);
                out.articles.push(indexed_article(&origin, &article, &ex));
            }
        }
        Err(e) if is_not_an_article(&e) => out.error = Some("not an article".into()),
        Err(e) => out.error = Some(e.reason()),
    }
    out
}

pub(super) fn indexed_article(origin: &Origin, article: &crate::article::Article, ex: &Extraction) -> IndexedArticle {
    // Paragraph numbers as the reader counts them: navigable blocks, from 1.
    let mut para_starts = Vec::new();
    for (i, b) in article.blocks.iter().enumerate() {
        if article.is_navigable(i) {
            para_starts.push(b.span.start);
        }
    }
    let paragraph_of = |at: usize| para_starts.partition_point(|&s| s <= at).max(1);
    let quotes = ex
        .quotes
        .iter()
        .filter(|q| q.parent.is_none())
        .map(|q| {
            let speaker = q.speaker.and_then(|id| ex.speaker(id));
            let start = q.segments.first().map_or(q.extent.start, |s| s.start);
            let end = q.segments.last().map_or(q.extent.end, |s| s.end);
            IndexedQuote {
                speaker: speaker.map(|s| (s.name.clone(), crate::text::fold(&s.name), speaker_kind_code(s.kind))),
                kind: quote_kind_code(q.kind),
                paragraph: i64::try_from(paragraph_of(q.extent.start)).unwrap_or(i64::MAX),
                start: i64::try_from(start).unwrap_or(i64::MAX),
                end: i64::try_from(end).unwrap_or(i64::MAX),
                segments: (q.segments.len() > 1)
                    .then(|| q.segments.iter().map(|s| format!("{}-{}", s.start, s.end)).collect::<Vec<_>>().join(" ")),
            }
        })
        .collect();
    IndexedArticle {
        entry: match origin {
            Origin::Item(_, n) => i64::try_from(*n).ok(),
            _ => None,
        },
        title: article.meta.title.clone(),
        source: article.meta.source.clone(),
        date: article.meta.date.clone(),
        words: i64::try_from(article.word_count()).unwrap_or(i64::MAX),
        text: article.text.clone(),
        quotes,
    }
}
