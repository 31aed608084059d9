//! Turns the user's paths into a sorted stream of files, skipping hidden files and folders.

use super::IngestError;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::hash::{DefaultHasher, Hash, Hasher};
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
    /// With several roots, what was found so far, so that no two files share an id.
    seen: Option<Seen>,
}

/// Files and relative paths met under earlier roots, as hashes to keep memory small.
#[derive(Default)]
struct Seen {
    /// Files by identity: a file reached through two roots (nested, or the same root twice)
    /// is read once.
    files: HashSet<u64>,
    /// Relative paths given out: a distinct file with a path already given out under an earlier
    /// root is named with its root too.
    rels: HashSet<u64>,
}

impl Files {
    pub(super) fn new(paths: &[PathBuf]) -> Self {
        Files {
            roots: paths.iter().rev().cloned().collect(),
            walker: None,
            seen: (paths.len() > 1).then(Seen::default),
        }
    }
}

impl Seen {
    /// False when `file` was found before; otherwise makes its `rel` unique in the run.
    fn admit(&mut self, root: &Path, file: &mut FoundFile) -> bool {
        if let Some(identity) = identity(&file.path) {
            if !self.files.insert(identity) {
                return false;
            }
        }
        if !self.rels.insert(hash(&file.rel)) {
            file.rel = format!("{}/{}", slash_path(root), file.rel);
            self.rels.insert(hash(&file.rel));
        }
        true
    }
}

fn hash(value: impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The file's device and inode, where the OS has them.
#[cfg(unix)]
fn identity(path: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    Some(hash((meta.dev(), meta.ino())))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<u64> {
    std::fs::canonicalize(path).ok().map(hash)
}

impl Iterator for Files {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if let Some((root, walker)) = self.walker.as_mut() {
                match walker.next() {
                    Some(Ok(entry)) => match found(root, entry) {
                        Some(Found::File(mut file)) => {
                            if let Some(seen) = self.seen.as_mut() {
                                if !seen.admit(root, &mut file) {
                                    continue;
                                }
                            }
                            return Some(Found::File(file));
                        }
                        Some(other) => return Some(other),
                        None => continue,
                    },
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
            .map(name_text)
            .unwrap_or_else(|| slash_path(&path)),
    };
    Some(Found::File(FoundFile { path, rel }))
}

/// Same id on every OS, so an index built on one machine matches on another. Only names count:
/// a root, `.` or `..` adds nothing.
fn slash_path(rel: &Path) -> String {
    let parts: Vec<_> = rel
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(name) => Some(name_text(name)),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// A file name as text. Bytes that are not UTF-8 are written `\xNN`, not replaced by one
/// character for all, so that two such names stay two ids.
fn name_text(name: &OsStr) -> String {
    if let Some(text) = name.to_str() {
        return text.to_string();
    }
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut text = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            text.push_str(chunk.valid());
            for byte in chunk.invalid() {
                let _ = write!(text, "\\x{byte:02X}");
            }
        }
        text
    }
    #[cfg(not(unix))]
    name.to_string_lossy().into_owned()
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
