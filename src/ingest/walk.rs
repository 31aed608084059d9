//! Turns the user's paths into a sorted stream of files, skipping hidden files and folders.

use super::IngestError;
use std::path::{Path, PathBuf};

/// A regular file found under one of the roots.
pub(super) struct FoundFile {
    /// The path to open.
    pub path: PathBuf,
    /// The path relative to its root, with `/` separators; the file name for a file given directly.
    pub rel: String,
}

/// One step of the walk.
pub(super) enum Found {
    /// A regular file to read.
    File(FoundFile),
    /// Not a regular file (a socket, a FIFO that would block), counted as skipped.
    Special(PathBuf),
    /// A root or folder entry that could not be listed.
    Failed { source: String, error: IngestError },
}

type Walker = walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool>;

/// Walks each root in the order given, each folder in file-name order.
pub(super) struct Files {
    /// Roots not walked yet, last first, so `pop` takes them in the order given.
    roots: Vec<PathBuf>,
    walker: Option<(PathBuf, Walker)>,
}

impl Files {
    pub(super) fn new(paths: &[PathBuf]) -> Self {
        Files {
            roots: paths.iter().rev().cloned().collect(),
            walker: None,
        }
    }
}

impl Iterator for Files {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if let Some((root, walker)) = self.walker.as_mut() {
                match walker.next() {
                    Some(Ok(entry)) => {
                        if let Some(found) = found(root, entry) {
                            return Some(found);
                        }
                        continue;
                    }
                    Some(Err(err)) => return Some(walk_failure(root, err)),
                    None => self.walker = None,
                }
            }
            let root = self.roots.pop()?;
            let walker = walkdir::WalkDir::new(&root)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(visible as fn(&walkdir::DirEntry) -> bool);
            self.walker = Some((root, walker));
        }
    }
}

/// Hidden entries below a root are pruned; a root is always read, even `.` or a hidden path
/// the user named on purpose.
fn visible(entry: &walkdir::DirEntry) -> bool {
    entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
}

fn found(root: &Path, entry: walkdir::DirEntry) -> Option<Found> {
    let kind = entry.file_type();
    if kind.is_dir() {
        return None;
    }
    let path = entry.into_path();
    if !kind.is_file() {
        return Some(Found::Special(path));
    }
    let rel = match path.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => slash_path(rel),
        _ => path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.to_string_lossy().into_owned()),
    };
    Some(Found::File(FoundFile { path, rel }))
}

/// Same id on every OS, so an index built on one machine matches on another.
fn slash_path(rel: &Path) -> String {
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

fn walk_failure(root: &Path, err: walkdir::Error) -> Found {
    let source = err.path().unwrap_or(root).to_string_lossy().into_owned();
    let message = err.to_string();
    let error = match err.into_io_error() {
        Some(io) => IngestError::Io(io),
        None => IngestError::Walk(message),
    };
    Found::Failed { source, error }
}
