//! The index folder as newsdex opens it: Tantivy's memory-mapped directory, with two changes
//! that let other users read an index.
//!
//! Files written whole (`meta.json`, `.managed.json`) get the same permissions as every other
//! index file (0666 less the umask): Tantivy writes them through an owner-only temporary file,
//! so other users could read the segments but not open the index.
//!
//! Tantivy's reader takes `.tantivy-meta.lock` while it opens segments, which means opening that
//! file for writing. Another user who may read the index but not write to it, or anyone on a
//! read-only disk (an archive on a snapshot or a DVD), would be refused. For them the lock is
//! skipped: it only keeps a writer's clean-up from deleting a segment at the moment a reader
//! opens it, and a reader that loses that race gets an error and can search again.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// [`MmapDirectory`] with whole-file writes that follow the umask and the meta lock made optional
/// for readers who cannot write it.
#[derive(Debug, Clone)]
pub(crate) struct IndexDir {
    inner: MmapDirectory,
    root: PathBuf,
}

impl IndexDir {
    /// The index folder `dir`, which exists.
    pub(crate) fn open(dir: &Path) -> Result<IndexDir, OpenDirectoryError> {
        Ok(IndexDir {
            inner: MmapDirectory::open(dir)?,
            root: dir.to_path_buf(),
        })
    }
}

impl Directory for IndexDir {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    /// As Tantivy's (a temporary file beside the target, synced, renamed over it), with the
    /// temporary file made like any other file rather than owner-only.
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        let mut temp = tempfile::Builder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            temp.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let target = self.root.join(path);
        let mut file = temp.tempfile_in(target.parent().unwrap_or(&self.root))?;
        file.write_all(data)?;
        file.flush()?;
        file.as_file_mut().sync_data()?;
        file.into_temp_path().persist(&target)?;
        Ok(())
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath == tantivy::directory::META_LOCK.filepath
                    && matches!(
                        e.kind(),
                        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
                    ) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}
