//! The query parser and filters, run against a small index built once. The input is split at
//! NUL bytes into query, actor, place, since, until and section.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::clean::Article;
use newsdex::entities::Recognizer;
use newsdex::index::{Section, Writer};
use newsdex::search::{Request, Searcher};
use std::sync::LazyLock;

const ARTICLES: [(&str, &str, &str, &str); 3] = [
    (
        "https://news.example/2016/12/14/aleppo",
        "Buses leave Aleppo",
        "2016-12-14",
        "Sergei Lavrov said in Moscow that the buses would leave Aleppo on Wednesday.",
    ),
    (
        "https://news.example/2019/03/04/rotterdam",
        "Strike at the port of Rotterdam",
        "2019-03-04",
        "Dock workers in Rotterdam walked out, the port authority said. «Мы не уйдём», said one.",
    ),
    (
        "https://news.example/2024/05/01/cairo",
        "مظاهرات في القاهرة",
        "2024-05-01",
        "Protesters gathered in Cairo. 北京 said nothing. Angela Merkel met Emmanuel Macron.",
    ),
];

/// The index lives as long as the fuzzer process; the temp dir is removed by the OS's cleaner.
static SEARCHER: LazyLock<Searcher> = LazyLock::new(|| {
    let dir = std::env::temp_dir().join(format!("newsdex-fuzz-query-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let recognizer = Recognizer::new();
    let mut writer = Writer::open(&dir, false).expect("create the fuzz index");
    for (i, (url, title, date, body)) in ARTICLES.iter().enumerate() {
        let article = Article {
            id: url.to_string(),
            path: format!("fuzz/{i}.html"),
            title: title.to_string(),
            date: Some(date.to_string()),
            url: Some(url.to_string()),
            body: vec![body.to_string()],
            comments: vec!["A reader said Lavrov was in Aleppo.".into()],
            ..Article::default()
        };
        let entities = recognizer.document(&newsdex::pipeline::texts(&article));
        writer
            .add(&article.path, &i.to_string(), &article, &entities)
            .expect("add a fuzz article");
    }
    writer.commit().expect("commit the fuzz index");
    drop(writer);
    Searcher::open(&dir).expect("open the fuzz index")
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\0');
    let mut next = || parts.next().map(str::to_string);
    let query = next().unwrap_or_default();
    let actors = next().into_iter().filter(|s| !s.is_empty()).collect();
    let places = next().into_iter().filter(|s| !s.is_empty()).collect();
    let since = next().filter(|s| !s.is_empty());
    let until = next().filter(|s| !s.is_empty());
    let section = next().and_then(|s| match s.len() % 4 {
        1 => Some(Section::Title),
        2 => Some(Section::Body),
        3 => Some(Section::Comments),
        _ => None,
    });
    let req = Request {
        query,
        actors,
        places,
        since,
        until,
        section,
        limit: 5,
    };
    let _ = SEARCHER.search(&req);
    let _ = SEARCHER.count(&req);
});
