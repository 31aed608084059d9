//! Charset: turns the undecoded bytes of a page into a `String`.
//!
//! Order of evidence: a byte-order mark, then the page's own declaration (`<meta charset>` or
//! `http-equiv` content-type, HTML only), then statistical detection with `chardetng`.
//! Decoding itself is `encoding_rs`; bytes that are plainly not text are refused.

use super::CleanError;
use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;
use std::sync::LazyLock;

/// How many leading bytes are searched for a charset declaration. Browsers look at 1024; real
/// pages often put the meta tag after long comments or scripts, so look further.
const DECLARATION_WINDOW: usize = 8 * 1024;

/// How many leading bytes are checked for signs of binary content.
const SNIFF_WINDOW: usize = 4 * 1024;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("valid regex")
});

/// Decodes `bytes` to text. `html` enables looking for a `<meta>` charset declaration.
pub(crate) fn decode(bytes: &[u8], html: bool) -> Result<String, CleanError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    refuse_binary(bytes)?;
    let declaration = if html { declared(bytes) } else { None };
    let encoding = declaration
        .map(|declared| prefer_valid_utf8(declared, bytes))
        .unwrap_or_else(|| detect(bytes));
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok(text.into_owned())
}

/// The encoding named by the page's `<meta>` declaration, if it names one `encoding_rs` knows.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let window = &bytes[..bytes.len().min(DECLARATION_WINDOW)];
    let label = META_CHARSET.captures(window)?.get(1)?.as_bytes();
    let encoding = Encoding::for_label(label)?;
    // A page that reached us as bytes cannot really be UTF-16 if its meta tag was readable as
    // ASCII; the HTML standard maps that declaration to UTF-8 for the same reason.
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    Some(encoding)
}

/// Pages often declare a legacy charset but are saved as UTF-8. Valid multi-byte UTF-8 almost
/// never arises by chance in a single-byte encoding, so it wins over the declaration.
fn prefer_valid_utf8(declared: &'static Encoding, bytes: &[u8]) -> &'static Encoding {
    if declared != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
        UTF_8
    } else {
        declared
    }
}

/// Guesses the encoding of undeclared bytes; valid UTF-8 is taken as such without statistics.
fn detect(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// Refuses bytes that are an image, archive, PDF or other binary format rather than text.
fn refuse_binary(bytes: &[u8]) -> Result<(), CleanError> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1f\x8b", "gzip-compressed data"),
        (b"RIFF", "a RIFF media file"),
        (b"\x7fELF", "an executable"),
        (b"wOF", "a web font"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(CleanError::Binary(format!("starts like {what}")));
        }
    }
    let head = &bytes[..bytes.len().min(SNIFF_WINDOW)];
    if head.contains(&0) {
        return Err(CleanError::Binary("contains NUL bytes".to_string()));
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if control * 10 > head.len() {
        return Err(CleanError::Binary(format!(
            "{control} control characters in the first {} bytes",
            head.len()
        )));
    }
    Ok(())
}
