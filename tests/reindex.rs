//! Re-running `index` on the same archive changes nothing, even when it holds two copies of one URL.

mod common;

use common::*;

fn page(word: &str) -> String {
    format!(
        "<html><head><title>Port strike ends</title>\
         <link rel=\"canonical\" href=\"https://example.org/port-strike\"></head><body><article>\
         <p>Dock workers in Antwerp returned to work on Tuesday after the union accepted a {word} \
         offer from the port employers, ending a strike that had lasted nine days.</p>\
         </article></body></html>"
    )
}

#[test]
fn the_newer_copy_of_a_url_stays_indexed_across_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    // Walked in name order: the "b" copy is read last and replaces the "a" copy.
    std::fs::write(docs.join("a-first-copy.html"), page("preliminary")).unwrap();
    std::fs::write(docs.join("b-updated-copy.html"), page("improved")).unwrap();
    let idx = tmp.path().join("index");
    let (d, i) = (docs.to_str().unwrap(), idx.to_str().unwrap());

    assert_eq!(
        summary(&ok(&["index", d, "--index", i, "--quiet"])),
        [1, 1, 0, 0, 0]
    );
    for _ in 0..2 {
        assert_eq!(
            summary(&ok(&["index", d, "--index", i, "--quiet"])),
            [0, 0, 2, 0, 0]
        );
        assert_eq!(search_json(&idx, &["improved"]).len(), 1);
        assert!(search_json(&idx, &["preliminary"]).is_empty());
    }
}

/// Every file of an index has the same mode, that of a file made under the umask: another
/// user who may read the segments may read `meta.json` too (Tantivy writes it through an
/// owner-only temporary file).
#[cfg(unix)]
#[test]
fn index_files_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("a.html"), page("final")).unwrap();
    let idx = tmp.path().join("index");
    let (d, i) = (docs.to_str().unwrap(), idx.to_str().unwrap());
    ok(&["index", d, "--index", i, "--quiet"]);
    std::fs::write(
        docs.join("b.html"),
        page("second").replace("port-strike", "port-talks"),
    )
    .unwrap();
    ok(&["index", d, "--index", i, "--quiet"]);
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    // A file made here the ordinary way: 0666 less this process's umask, as newsdex's.
    let probe = tmp.path().join("probe");
    std::fs::write(&probe, b"").unwrap();
    let expected = mode(&probe);
    let segment = std::fs::read_dir(&idx)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "idx"))
        .unwrap();
    assert_eq!(mode(&segment), expected, "a segment file");
    for name in ["meta.json", ".managed.json", "newsdex-superseded.json"] {
        let found = mode(&idx.join(name));
        assert_eq!(found, expected, "{name} is {found:o}, not {expected:o}");
    }
}

/// Runs newsdex as a user other than the index's owner: `nobody` (through `setpriv`) when the
/// tests run as root, who may read anything; otherwise as ourselves, with the files' modes
/// standing in for another user's. `None` when root cannot change user here.
#[cfg(unix)]
fn as_another_user(args: &[&str]) -> Option<std::process::Output> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        return Some(newsdex(args));
    }
    std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_newsdex"))
        .args(args)
        .output()
        .ok()
        .filter(|o| !String::from_utf8_lossy(&o.stderr).contains("setpriv:"))
}

/// Another user may search an index whose files they may read (though not write), and a reader
/// without permission is told so, with the file, not that the index is damaged (which would send
/// them to --rebuild, destroying it).
#[cfg(unix)]
#[test]
fn a_reader_without_permission_is_told_so_not_that_the_index_is_damaged() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &std::path::Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    let tmp = tempfile::tempdir().unwrap();
    mode(tmp.path(), 0o755);
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("a.html"), page("final")).unwrap();
    let idx = tmp.path().join("index");
    std::fs::create_dir(&idx).unwrap();
    mode(&idx, 0o755);
    let (d, i) = (docs.to_str().unwrap(), idx.to_str().unwrap());
    ok(&["index", d, "--index", i, "--quiet"]);
    let search = ["search", "strike", "--index", i];
    let Some(o) = as_another_user(&search) else {
        eprintln!("skipped: running as root and setpriv cannot switch to another user here");
        return;
    };
    assert!(o.status.success(), "a readable index: {}", stderr(&o));

    // As root, `nobody` is refused by the owner-only modes; as ourselves, only by no mode at all.
    let root = unsafe { libc::geteuid() } == 0;
    for (locked, owner_only, back) in [
        (idx.join("meta.json"), 0o600, 0o644),
        (idx.clone(), 0o700, 0o755),
    ] {
        mode(&locked, if root { owner_only } else { 0o000 });
        let o = as_another_user(&search).unwrap();
        mode(&locked, back);
        let err = stderr(&o);
        assert!(!o.status.success(), "{}", locked.display());
        assert!(err.contains("permission denied"), "{err}");
        assert!(err.contains("is not damaged"), "{err}");
        assert!(!err.contains("--rebuild"), "{err}");
    }
}
