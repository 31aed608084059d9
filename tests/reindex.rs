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
