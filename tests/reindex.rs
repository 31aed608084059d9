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

/// Every file of an index is as readable as the index folder: another user who may read the
/// folder may read the index (Tantivy writes meta.json through an owner-only temporary file).
#[cfg(unix)]
#[test]
fn index_files_follow_the_folder_mode() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("a.html"), page("final")).unwrap();
    let idx = tmp.path().join("index");
    std::fs::create_dir(&idx).unwrap();
    std::fs::set_permissions(&idx, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (d, i) = (docs.to_str().unwrap(), idx.to_str().unwrap());
    ok(&["index", d, "--index", i, "--quiet"]);
    std::fs::write(
        docs.join("b.html"),
        page("second").replace("port-strike", "port-talks"),
    )
    .unwrap();
    ok(&["index", d, "--index", i, "--quiet"]);
    // The files Tantivy writes through a temporary file: the folder's read bits, whatever the
    // umask did to the rest.
    for name in ["meta.json", ".managed.json", "newsdex-superseded.json"] {
        let meta = std::fs::metadata(idx.join(name)).unwrap();
        let mode = meta.permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "{name} is {mode:o}");
    }
}
