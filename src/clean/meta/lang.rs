//! The page's language: declared, else detected from the text.

use super::meta;
use crate::clean::cues::cues;
use crate::clean::html::RawMeta;
use std::sync::LazyLock;

pub(super) fn lang(raw: &RawMeta, text: &str) -> Option<String> {
    let declared = raw
        .lang
        .as_deref()
        .or_else(|| meta(raw, "content-language"))
        .or_else(|| meta(raw, "og:locale"))
        .and_then(|l| l.split([',', '-', '_']).next())
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| l.len() == 2 && l.chars().all(|c| c.is_ascii_lowercase()));
    declared.or_else(|| detect_lang(text))
}

/// Whether the page writes `3/4/2020` as March 4: English, unless it declares a region that
/// writes the day first (`en-GB`, `en_AU`, `en-IN`, …).
pub(super) fn month_first(raw: &RawMeta, lang: Option<&str>) -> bool {
    static DAY_FIRST: LazyLock<Vec<&str>> = cues!("dates/day-first-countries");
    lang == Some("en")
        && ![
            raw.lang.as_deref(),
            meta(raw, "content-language"),
            meta(raw, "og:locale"),
        ]
        .into_iter()
        .flatten()
        .filter_map(|l| l.trim().split(['-', '_']).nth(1))
        .any(|region| DAY_FIRST.contains(&region.to_ascii_lowercase().as_str()))
}

/// Detects the language of `text` with `whatlang`, as an ISO 639-1 code.
pub(crate) fn detect_lang(text: &str) -> Option<String> {
    let sample: String = text.chars().take(4000).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    iso_639_1(info.lang()).map(str::to_string)
}

/// ISO 639-1 code of a `whatlang` language (which speaks ISO 639-3).
fn iso_639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
    })
}
