//! Tests of the whole cleaner on small pages written for them, plus the seed page.

use super::*;
use crate::ingest::Hints;

fn doc(kind: Kind, bytes: impl Into<Vec<u8>>) -> RawDoc {
    RawDoc {
        source: "in/page.html".to_string(),
        rel_path: "page.html".to_string(),
        kind,
        bytes: bytes.into(),
        hints: Hints::default(),
    }
}

fn html(page: &str) -> Article {
    clean(&doc(Kind::Html, page)).expect("page cleans")
}

/// Article prose written for these tests.
const PARAS: [&str; 4] = [
    "The harbour council voted on Tuesday to close the old ferry pier, ending a service that has run since 1921 and carried commuters across the bay every morning.",
    "Residents who spoke at the meeting said the decision would cut off the island's only link to the mainland hospital, and several asked for a delay until a new pier is built.",
    "The council's engineer told members that the pier's pilings had rotted beyond repair; a survey in March found that two of the main supports could fail in a strong storm.",
    "A temporary shuttle boat will run from the marina from next month, the council said, though its timetable has not yet been published.",
];

fn article_html() -> String {
    PARAS.iter().map(|p| format!("<p>{p}</p>\n")).collect()
}

fn furniture() -> (&'static str, &'static str) {
    (
        r##"<header class="site-header"><a href="/">Bay Times</a><nav><ul><li><a href="/news">News</a></li>
        <li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
        <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>"##,
        r##"<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet this story</a></div>
        <div class="newsletter-signup"><h3>Get the morning briefing.</h3><p>Sign up for our newsletter, delivered every day.</p></div>
        <aside class="related-stories"><h3>Related</h3><ul><li><a href="/a">Ferry fares rise again this spring</a></li>
        <li><a href="/b">Storm damages the marina wall overnight</a></li></ul></aside>
        <footer><p>Copyright 2016 Bay Times. All rights reserved. Contact us at the newsroom.</p></footer>
        <script>var tracking = "Tracking script text that must not appear.";</script>"##,
    )
}

#[test]
fn body_keeps_prose_in_order_and_drops_furniture() {
    let (top, bottom) = furniture();
    let page = format!(
        r##"<html><head><title>Ferry pier to close | Bay Times</title></head><body>{top}
        <main><article><h1>Ferry pier to close</h1><p>{}</p><p>{}</p><h2>What happens next</h2>
        <p>{}</p><p>{}</p><div class="ad-slot">Advertisement</div></article></main>{bottom}</body></html>"##,
        PARAS[0], PARAS[1], PARAS[2], PARAS[3]
    );
    let a = html(&page);
    let mut expected: Vec<String> = PARAS.iter().map(|p| p.to_string()).collect();
    expected.insert(2, "What happens next".to_string());
    assert_eq!(a.body, expected);
    assert_eq!(a.title, "Ferry pier to close");
    assert!(a.comments.is_empty());
    assert_eq!(a.id, "page.html");
    assert_eq!(a.path, "in/page.html");
    assert_eq!(a.lang.as_deref(), Some("en"));
}

#[test]
fn metadata_from_open_graph_json_ld_and_url() {
    let page = format!(
        r##"<html lang="en-GB"><head><title>Ignored - Bay Times</title>
        <meta property="og:title" content="Ferry pier to close">
        <meta property="og:site_name" content="Bay Times">
        <meta property="og:url" content="https://baytimes.example/2016/12/14/ferry/">
        <meta property="article:published_time" content="2016-12-14T23:10:00-05:00">
        <script type="application/ld+json">{{"@type":"NewsArticle","author":{{"@type":"Person","name":"Jo Smith"}}}}</script>
        </head><body><article>{}</article></body></html>"##,
        article_html()
    );
    let a = html(&page);
    assert_eq!(a.title, "Ferry pier to close");
    assert_eq!(a.date.as_deref(), Some("2016-12-14"));
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://baytimes.example/2016/12/14/ferry/")
    );
    assert_eq!(a.id, "https://baytimes.example/2016/12/14/ferry/");
    assert_eq!(a.site.as_deref(), Some("Bay Times"));
    assert_eq!(a.lang.as_deref(), Some("en"));
}

#[test]
fn metadata_fallbacks_title_tag_time_url_date_rel_author() {
    let page = format!(
        r##"<html><head><title>Ferry pier to close | Bay Times</title>
        <link rel="canonical" href="https://baytimes.example/2016/12/14/ferry/"></head><body>
        <article><p class="byline">By <a rel="author" href="/jo">Jo Smith</a></p>{}</article></body></html>"##,
        article_html()
    );
    let a = html(&page);
    assert_eq!(a.title, "Ferry pier to close");
    assert_eq!(a.date.as_deref(), Some("2016-12-14"));
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    assert_eq!(a.site.as_deref(), Some("baytimes.example"));
}

#[test]
fn container_hints_win_for_url_and_title() {
    let mut d = doc(
        Kind::Html,
        format!("<title>Page title</title><body>{}</body>", article_html()),
    );
    d.hints = Hints {
        url: Some("https://example.org/x".into()),
        title: Some("Hinted".into()),
        date: Some("2001-02-03".into()),
        authors: vec!["A. Writer".into()],
    };
    let a = clean(&d).expect("cleans");
    assert_eq!(
        (a.title.as_str(), a.id.as_str()),
        ("Hinted", "https://example.org/x")
    );
    assert_eq!(a.date.as_deref(), Some("2001-02-03"));
    assert_eq!(a.author.as_deref(), Some("A. Writer"));
}

#[test]
fn wordpress_comments_are_separated_without_chrome() {
    let page = format!(
        r##"<html><body><div id="content"><article class="post"><h1 class="entry-title">Ferry pier to close</h1>
        <div class="entry-content">{}</div></article>
        <div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on “Ferry pier to close”</h2>
        <ol class="comment-list">
          <li id="comment-11" class="comment even thread-even depth-1"><article id="div-comment-11" class="comment-body">
            <footer class="comment-meta"><div class="comment-author vcard"><img class="avatar" src="a.png"><b class="fn">Mary</b> <span class="says">says:</span></div>
            <div class="comment-metadata"><a href="#c11"><time datetime="2016-12-14">December 14, 2016 at 9:15 am</time></a></div></footer>
            <div class="comment-content"><p>My grandmother took that ferry to work for forty years.</p><p>It will be missed.</p></div>
            <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div></article>
            <ol class="children"><li id="comment-12" class="comment odd alt depth-2"><article class="comment-body">
              <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Tom</b> says:</div></footer>
              <div class="comment-content"><p>The shuttle boat is a poor substitute, in my view.</p></div>
              <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div></article></li></ol>
          </li>
        </ol>
        <div id="respond" class="comment-respond"><h3>Leave a Reply</h3><form id="commentform"><p>Your email address will not be published.</p>
        <textarea name="comment"></textarea></form></div></div></div></body></html>"##,
        article_html()
    );
    let a = html(&page);
    assert_eq!(a.body, PARAS.to_vec());
    assert_eq!(
        a.comments,
        vec![
            "My grandmother took that ferry to work for forty years.\nIt will be missed.",
            "The shuttle boat is a poor substitute, in my view.",
        ]
    );
}

#[test]
fn disqus_comments_are_separated() {
    let page = format!(
        r##"<html><body><div class="post">{}</div>
        <div id="disqus_thread"><ul id="dsq-comments">
          <li class="post" id="dsq-comment-501"><div class="dsq-comment-header"><cite>reader1</cite> <span>2 days ago</span></div>
            <div class="dsq-comment-body"><div class="dsq-comment-message"><p>Close it and build a bridge instead, it would pay for itself.</p></div></div></li>
          <li class="post" id="dsq-comment-502"><div class="dsq-comment-header"><cite>reader2</cite></div>
            <div class="dsq-comment-body"><div class="dsq-comment-message"><p>A bridge would ruin the view from the harbour.</p></div></div></li>
        </ul></div></body></html>"##,
        article_html()
    );
    let a = html(&page);
    assert_eq!(a.body, PARAS.to_vec());
    assert_eq!(
        a.comments,
        vec![
            "Close it and build a bridge instead, it would pay for itself.",
            "A bridge would ruin the view from the harbour.",
        ]
    );
}

#[test]
fn comments_heading_opens_a_thread_without_names() {
    let page = format!(
        r##"<html><body><div class="main"><h1>Ferry pier to close</h1>{}
        <h2>3 Comments</h2>
        <div class="c1"><p>I rode that ferry every summer as a child and will miss the horn in the morning.</p>
          <p class="posted">Posted by: Ellen at December 14, 2016 09:15 AM</p></div>
        <div class="c2"><p>Good riddance, the pier has been unsafe for years and everyone knew it.</p>
          <p class="posted">Posted by: Raj at December 14, 2016 10:02 AM</p></div>
        <div class="c3"><p>Will the shuttle boat take bicycles, does anyone know?</p>
          <p class="posted">Posted by: Lou at December 14, 2016 11:40 AM</p></div>
        <h2>More from the harbour</h2><p>The lighthouse reopens for visitors next spring after a long restoration of its lamp.</p>
        </div></body></html>"##,
        article_html()
    );
    let a = html(&page);
    assert_eq!(
        a.comments,
        vec![
            "I rode that ferry every summer as a child and will miss the horn in the morning.",
            "Good riddance, the pier has been unsafe for years and everyone knew it.",
            "Will the shuttle boat take bicycles, does anyone know?",
        ]
    );
    let body = a.body.join("\n");
    assert!(body.starts_with(PARAS[0]), "{body}");
    for gone in [
        "3 Comments",
        "ferry every summer",
        "Good riddance",
        "Posted by",
    ] {
        assert!(!body.contains(gone), "{gone} in body: {body}");
    }
}

#[test]
fn author_line_item_owns_the_text_after_it_and_short_comments_stay() {
    let page = format!(
        r##"<html><body><article>{}</article>
        <div id="comments"><h3>2 comments:</h3><dl class="comments-block">
          <dt class="comment-author"><a href="/u/1">Nadia</a> said...</dt>
          <dd class="comment-body"><p>Thanks!</p><p>See you at the meeting.</p></dd>
          <dd class="comment-footer"><a href="#c1">7:28 PM</a></dd>
          <dt class="comment-author"><a href="/u/2">Pim</a> said...</dt>
          <dd class="comment-body"><p>Sad but expected.</p></dd>
        </dl></div>
        <ol class="commentlist"><li id="comment-7" class="comment"><p>Lovely!</p></li></ol>
        </body></html>"##,
        article_html()
    );
    let a = html(&page);
    assert_eq!(a.body, PARAS.to_vec());
    assert_eq!(
        a.comments,
        vec![
            "Thanks!\nSee you at the meeting.",
            "Sad but expected.",
            "Lovely!"
        ]
    );
}

#[test]
fn a_threads_lone_notice_is_no_comment_but_a_lone_signed_comment_is() {
    let notice = format!(
        r##"<html><body><article>{}</article><div id="comments">
        <p>Comments are reviewed before they appear, so please keep to the topic and be kind.</p>
        </div></body></html>"##,
        article_html()
    );
    assert!(html(&notice).comments.is_empty());
    let signed = format!(
        r##"<html><body><article>{}</article><div id="comments">
        <div>Greta says:</div><div>March 3, 2017 at 8:10 pm</div>
        <p>The council should publish the engineer's survey in full before the vote.</p>
        </div></body></html>"##,
        article_html()
    );
    assert_eq!(
        html(&signed).comments,
        vec!["The council should publish the engineer's survey in full before the vote."]
    );
}

#[test]
fn sidebar_comment_widgets_pingbacks_and_hidden_templates_are_no_comments() {
    let page = format!(
        r##"<html><body><article>{}</article>
        <ol class="commentlist">
          <li id="comment-1" class="comment"><p>The pier was already closed to cars last winter, so this was coming.</p></li>
          <li id="comment-2" class="pingback"><p>Pingback: Our weekly roundup of harbour news and notes</p></li>
          <li id="comment-3" class="trackback"><p>[...] the council voted to close the old pier, a sad day for the island [...]</p></li>
        </ol>
        <div class="comments-area"><div class="comment"><p>Ask the council when the survey of the pilings will be published.</p></div>
          <div class="hiddenBox"><p>Your comment has been saved and will appear once a moderator approves it.</p></div></div>
        <div class="widget widget_recent_comments"><h3>Recent comments</h3><ul>
          <li>Jo on <a href="/p/1">Storm damages the marina wall</a>: such a shame for the fishing boats moored there</li>
          <li>Sam on <a href="/p/2">Ferry fares rise again</a>: another increase and still no new boats this year</li>
        </ul></div></body></html>"##,
        article_html()
    );
    let a = html(&page);
    assert_eq!(
        a.comments,
        vec![
            "The pier was already closed to cars last winter, so this was coming.",
            "Ask the council when the survey of the pilings will be published.",
        ]
    );
}

#[test]
fn comment_styled_as_a_sidebar_box_is_still_a_comment() {
    let page = format!(
        r##"<html><body><article>{}</article><div id="comments">
        <div class="module sidebar_module js-comment"><h5>Ines</h5>
          <p>The old pier was the best place in town to watch the sunset over the bay.</p></div>
        <div class="module sidebar_module js-comment"><h5>Bo</h5>
          <p>My father fished from the end of it every Sunday for thirty years.</p></div>
        </div></body></html>"##,
        article_html()
    );
    let a = html(&page);
    assert_eq!(
        a.comments,
        vec![
            "The old pier was the best place in town to watch the sunset over the bay.",
            "My father fished from the end of it every Sunday for thirty years.",
        ]
    );
}

#[test]
fn windows_1252_page_with_meta_charset() {
    let mut bytes =
        b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body><p>"
            .to_vec();
    bytes.extend_from_slice(b"The caf\xe9 on the pier \x96 a local landmark \x96 served its last cr\xeape on Sunday, the owner said.");
    bytes.extend_from_slice(b"</p></body></html>");
    let a = clean(&doc(Kind::Html, bytes)).expect("cleans");
    assert_eq!(a.title, "Café");
    assert_eq!(
        a.body,
        vec!["The café on the pier – a local landmark – served its last crêpe on Sunday, the owner said."]
    );
}

#[test]
fn undeclared_legacy_charset_is_detected() {
    let mut bytes = b"<p>".to_vec();
    for _ in 0..5 {
        bytes.extend_from_slice(b"Die Stra\xdfe am Hafen wird f\xfcr den Verkehr gesperrt, sagte der B\xfcrgermeister. ");
    }
    let a = clean(&doc(Kind::Html, bytes)).expect("cleans");
    assert!(
        a.body[0].starts_with("Die Straße am Hafen wird für den Verkehr"),
        "{:?}",
        a.body
    );
    assert_eq!(a.lang.as_deref(), Some("de"));
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    const DEPTH: usize = 100_000;
    let mut page = String::with_capacity(DEPTH * 12 + 400);
    page.push_str("<html><body>");
    for _ in 0..DEPTH {
        page.push_str("<div>");
    }
    page.push_str("<p>");
    page.push_str(PARAS[0]);
    page.push_str("</p>");
    for _ in 0..DEPTH {
        page.push_str("</div>");
    }
    page.push_str("</body></html>");
    let a = html(&page);
    assert_eq!(a.body, vec![PARAS[0]]);
}

#[test]
fn binary_and_empty_inputs_are_typed_errors() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    assert!(
        matches!(clean(&doc(Kind::Html, png)), Err(CleanError::Binary(r)) if r.contains("PNG"))
    );
    let nul = b"<html>\0\0\0\0binary".to_vec();
    assert!(matches!(
        clean(&doc(Kind::Html, nul)),
        Err(CleanError::Binary(_))
    ));
    let empty =
        "<html><head><script>x()</script></head><body><nav><a href=/>Home</a></nav></body></html>";
    assert!(matches!(
        clean(&doc(Kind::Html, empty)),
        Err(CleanError::Empty)
    ));
    assert!(matches!(
        clean(&doc(Kind::Text, "   \n\n")),
        Err(CleanError::Empty)
    ));
}

#[test]
fn plain_text_article() {
    let text =
        "Ferry pier to close\n\nFerry pier to close\n\nThe harbour council voted on Tuesday.\n\n\
                1 Comment\n\n  1. Sad news for the island.\n\nLeave a Reply\n";
    let a = clean(&doc(Kind::Text, text)).expect("cleans");
    assert_eq!(a.title, "Ferry pier to close");
    assert_eq!(a.body, vec!["The harbour council voted on Tuesday."]);
    assert_eq!(a.comments, vec!["Sad news for the island."]);
}

#[test]
fn plain_text_date_comes_from_a_dateline_not_from_a_date_in_a_sentence() {
    let dated = |text: &str| clean(&doc(Kind::Text, text)).expect("cleans").date;
    assert_eq!(
        dated("Pier closes\n\nROTTERDAM, March 4, 2019 — The harbour council voted.\n"),
        Some("2019-03-04".to_string())
    );
    assert_eq!(
        dated("Eurobond\n\nThe bank is issuing a eurobond due March 30, 1990, paying 7 pct.\n"),
        None
    );
}

#[test]
fn seed_page() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds/000_94247b07ada20bb3.txt");
    let Ok(bytes) = std::fs::read(&path) else {
        println!("skipped: seed page {} not present", path.display());
        return;
    };
    let a = clean(&doc(Kind::Text, bytes)).expect("seed cleans");
    let title = "Syrian Rebels Say Iran, Russia Already Breaking Aleppo Cease Fire As Civilians Attempt To Flee";
    assert_eq!(a.title, title);
    assert!(
        !a.body.iter().any(|p| p.contains(title)),
        "title repeated in body"
    );
    assert!(
        a.body[0].starts_with("Well, who could have predicted"),
        "{:?}",
        a.body[0]
    );
    assert_eq!(a.comments.len(), 1, "{:?}", a.comments);
    assert!(a.comments[0].starts_with("The \u{2018}Winter of Death\u{2019} sequel"));
    let all = format!("{}\n{}", a.body.join("\n"), a.comments.join("\n"));
    assert!(!a.body.iter().any(|p| p.contains("Winter of Death")));
    assert!(!all.contains("Speak your mind"));
    assert!(!all.contains("Akismet"));
    assert!(!all.contains("One thought on"));
    assert!(a.body.last().is_some_and(|p| p.ends_with("right?")));
    assert_eq!(a.lang.as_deref(), Some("en"));
}

#[test]
fn huge_titles_and_urls_are_bounded() {
    let html = format!(
        "<html><head><title>{}</title><link rel=\"canonical\" href=\"https://example.org/{}\">\
         <meta property=\"og:site_name\" content=\"{}\"></head><body><article><p>The council \
         met on Monday and agreed the budget for the harbour, the schools and the roads of the \
         district.</p></article></body></html>",
        "Word ".repeat(100_000),
        "a".repeat(MAX_URL_BYTES),
        "Site ".repeat(100_000),
    );
    let a = clean(&doc(Kind::Html, html.as_bytes())).unwrap();
    assert!(
        a.title.chars().count() <= MAX_TITLE_CHARS,
        "{}",
        a.title.len()
    );
    assert!(
        a.title.starts_with("Word Word") && a.title.ends_with("Word"),
        "cut at a space"
    );
    assert!(a.site.as_ref().unwrap().chars().count() <= MAX_TITLE_CHARS);
    assert_eq!(a.url, None);
    assert_eq!(a.id, "page.html", "the id falls back to the path");

    let fits = format!("https://example.org/{}", "a".repeat(MAX_URL_BYTES - 40));
    let html = html.replace(
        &format!("https://example.org/{}", "a".repeat(MAX_URL_BYTES)),
        &fits,
    );
    let a = clean(&doc(Kind::Html, html.as_bytes())).unwrap();
    assert_eq!(a.url.as_deref(), Some(fits.as_str()));
    assert_eq!(a.id, fits);
}

#[test]
fn a_paragraph_that_opens_like_a_tag_line_is_kept() {
    let long = format!("Filed under: Harbour. {} {}", PARAS[0], PARAS[2]);
    let page = format!(
        "<html><body><div class=\"post\"><p>{long}</p><p>{}</p><p>Filed under: Harbour</p></div></body></html>",
        PARAS[1]
    );
    let a = html(&page);
    assert_eq!(a.body, vec![long, PARAS[1].to_string()]);
}

#[test]
fn a_short_post_in_a_box_named_like_a_widget_is_the_body() {
    // Blog engines put the post in `div.widget` among sidebar widgets holding more prose.
    let sidebar: String = PARAS[1..]
        .iter()
        .map(|p| format!("<div class=\"widget text-widget\"><p>{p}</p></div>"))
        .collect();
    let page = format!(
        "<html><body><div class=\"sidebar\">{sidebar}</div><div class=\"widget blog\">
        <h3>Pier closes</h3><div class=\"post-body entry-content\">{}</div></div></body></html>",
        PARAS[0]
    );
    let a = html(&page);
    assert_eq!(a.body, vec![PARAS[0].to_string()]);
}

#[test]
fn a_sidebar_blurb_outweighing_a_short_named_post_is_not_the_article() {
    // An "about me" box holding most of a one-line post's page is no layout wrapper when the
    // post sits in a box named as post text elsewhere on the page (not right beside it, where
    // the big box may carry on the article).
    let post = "The old ferry pier closes on Tuesday after a hundred years.";
    let page = format!(
        "<html><body><div class=\"widget Blog\"><h3>Pier closes</h3>
        <div class=\"post-body entry-content\">{post}</div>
        <div class=\"post-footer\">Posted by Ann Lee at 9:22 AM</div></div>
        <div class=\"widget Profile\"><p>{}</p></div></body></html>",
        PARAS[1]
    );
    let a = html(&page);
    assert_eq!(a.body, vec![post.to_string()]);
}

#[test]
fn a_widget_of_teasers_outweighing_a_post_outside_boxes_is_not_the_article() {
    // A sidebar widget with a few long teasers may hold most of a short post's page; the
    // post's own prose outside any box shows the widget is no layout wrapper.
    let teasers = [
        "The architects behind the new harbour museum have finished a glass pavilion on the hill above the old town, with views across the vineyards and the bay.",
        "An award for young designers opened for entries this week; the jury will pick ten projects that show how small studios can build with recycled timber.",
        "A studio in the capital has rebuilt a hotel suite around a single curved wall, using plaster, oak and brass to soften the light from the tall windows.",
    ];
    let sidebar: String = teasers.iter().map(|t| format!("<p>{t}</p>")).collect();
    let page = format!(
        "<html><body><div class=\"post\"><h1>Pier closes</h1><p>{}</p><p>{}</p></div>
        <div class=\"widget recent\"><h3>From the blog</h3>{sidebar}</div></body></html>",
        PARAS[0], PARAS[1]
    );
    let a = html(&page);
    assert_eq!(a.body, PARAS[..2].to_vec());
}

#[test]
fn a_short_post_under_its_headline_is_the_article_beside_a_far_longer_widget() {
    // A widget of teasers may outweigh a short post many times over; the post text that
    // starts right under the page's headline, past its byline, still says where the article is.
    let teaser = "The architects behind the new harbour museum have finished a glass pavilion on \
                  the hill above the old town, with views across the vineyards and the bay.";
    let sidebar: String = (0..12).map(|i| format!("<p>{teaser} ({i})</p>")).collect();
    let page = format!(
        "<html><head><title>Pier closes | Bay News</title></head><body>
        <h1>Pier closes</h1><p class=\"byline\">By Ann Lee</p>
        <div class=\"entry-content\"><p>{}</p></div><p class=\"tags\">Tags: ferries</p>
        <div class=\"widget recent\"><h3>From the blog</h3>{sidebar}</div></body></html>",
        PARAS[0]
    );
    let a = html(&page);
    assert!(a.body.contains(&PARAS[0].to_string()), "{:?}", a.body);
    assert!(
        !a.body.iter().any(|p| p.contains("harbour museum")),
        "{:?}",
        a.body
    );
}

#[test]
fn a_slideshow_after_the_article_is_not_its_wrapper_however_many_captions_it_holds() {
    // A promo slideshow may hold many times the article's prose in captions; the article's
    // worth of prose between the headline and the box shows the box does not wrap it.
    let caption = "The ferry leaves the old pier at dawn on its last crossing of the bay, watched \
                   by a crowd of commuters and families who came down to the harbour to say goodbye.";
    let slides: String = (0..30).map(|i| format!("<p>{caption} ({i})</p>")).collect();
    let page = format!(
        "<html><head><title>Pier closes | Bay News</title></head><body>
        <h1>Pier closes</h1>{}<p>More from the bay:</p>
        <div class=\"promo-holder\"><div class=\"slideshow\">{slides}</div></div></body></html>",
        article_html()
    );
    let a = html(&page);
    assert_eq!(a.body, PARAS.to_vec());
}

#[test]
fn a_wrapper_named_like_furniture_still_holds_the_article_beside_small_named_teasers() {
    // Teasers named like articles elsewhere on the page are too small to say where the
    // article is; the furniture-named box holding most of the prose is a wrapper.
    let page = format!(
        "<html><body><div class=\"widget-area\">{}</div>
        <div class=\"related\"><h3>More from the bay</h3><div class=\"article\">
        <p>Ferry fares rise again this spring, the council said in a short note.</p></div></div>
        </body></html>",
        article_html()
    );
    let a = html(&page);
    assert_eq!(a.body, PARAS.to_vec());
}

#[test]
fn a_long_thread_in_the_article_box_does_not_shrink_the_body_to_one_paragraph() {
    // The comments are siblings of the paragraphs, so only the box holding both holds all
    // the article: the thread must not outweigh the text it follows.
    let comment = "I have taken that ferry every morning for twenty years and I think the council \
                   should have asked the people who use it before deciding anything at all.";
    let thread: String = (0..12)
        .map(|i| format!("<li class=\"comment\"><p>{comment} ({i})</p></li>"))
        .collect();
    let page = format!(
        "<html><body><div class=\"main\">{}<ol class=\"commentlist\">{thread}</ol></div></body></html>",
        article_html()
    );
    let a = html(&page);
    assert_eq!(a.body, PARAS.to_vec());
    assert_eq!(a.comments.len(), 12);
}

#[test]
fn paragraphs_beside_the_best_box_join_the_body() {
    // Only the middle paragraphs share a box; the list of links that ends the page's box makes
    // that box weigh less than the inner one, but the paragraphs around it are the article.
    let links: String = (0..30)
        .map(|i| {
            format!("<li><a href=\"/s/{i}\">Another story from the archive, number {i}</a></li>")
        })
        .collect();
    let page = format!(
        "<html><body><div id=\"page\"><p>{}</p><div class=\"inner\"><p>{}</p><p>{}</p></div>\
         <p>{}</p><ul>{links}</ul></div></body></html>",
        PARAS[0], PARAS[1], PARAS[2], PARAS[3]
    );
    assert_eq!(html(&page).body, PARAS.to_vec());
}

#[test]
fn captions_and_photo_credits_stay_out_of_the_body() {
    let page = format!(
        "<html><body><article><p>{}</p><figure><img src=\"pier.jpg\"><figcaption>The old pier at dawn. \
         Photo: Harbour Archive</figcaption></figure><p>{}</p><div class=\"wp-caption\"><img src=\"b.jpg\">\
         <p class=\"wp-caption-text\">Commuters queue for the last ferry on Friday evening.</p></div>\
         <p>{}</p></article></body></html>",
        PARAS[0], PARAS[1], PARAS[2]
    );
    assert_eq!(html(&page).body, PARAS[..3].to_vec());
}

#[test]
fn a_post_with_long_lists_of_links_keeps_all_its_paragraphs() {
    // Show notes and source lists: the post's own box is mostly links, yet it is the post.
    let links = |n: usize| -> String {
        let items: String = (0..n)
            .map(|i| {
                format!("<li><a href=\"/l/{i}\">A source the episode mentions, number {i}</a></li>")
            })
            .collect();
        format!("<ul>{items}</ul>")
    };
    let page = format!(
        "<html><body><div class=\"entry-content\"><p>{}</p>{}<p>{}</p>{}</div></body></html>",
        PARAS[0],
        links(20),
        PARAS[1],
        links(20)
    );
    assert_eq!(html(&page).body, PARAS[..2].to_vec());
}

#[test]
fn a_standfirst_named_like_a_teaser_but_marked_as_the_description_is_kept() {
    // News templates call the lead a teaser: `div.teaser-text[itemprop=description]`.
    let lead =
        "The last ferry leaves the old pier on Friday, and the town is not ready to let it go.";
    let page = format!(
        "<html><body><div class=\"news-single\"><h1>Pier closes</h1>\
         <div class=\"teaser-text\" itemprop=\"description\"><p>{lead}</p></div>{}</div>\
         <div class=\"teaser-list\"><p>{}</p></div></body></html>",
        article_html(),
        "A teaser of another story about the marina, which the council will sell next year."
    );
    let body = html(&page).body;
    assert_eq!(body[0], lead);
    assert_eq!(body[1..], PARAS);
}

#[test]
fn the_articles_header_box_gives_its_standfirst_but_not_its_byline() {
    // `entry-header` inside the `<article>` is the article's header: the standfirst is text,
    // the kicker, byline and date are labels. A `site-header` outside stays furniture.
    let lead =
        "The last ferry leaves the old pier on Friday, and the town is not ready to let it go.";
    let page = format!(
        "<html><head><title>Pier closes</title></head><body>\
         <div class=\"site-header\"><p>Bay Times, the paper of the harbour towns since 1901, every morning.</p></div>\
         <article><div class=\"entry-header\"><span class=\"kicker\">Harbour</span>\
         <h1>Pier closes</h1><p>{lead}</p><p>By Ann Lee</p><p>3 March 2024, 10:15</p></div>\
         <div class=\"entry-content\">{}</div></article></body></html>",
        article_html()
    );
    let article = html(&page);
    assert_eq!(article.body[0], lead);
    assert_eq!(article.body[1..], PARAS);
    assert_eq!(article.lead, 1, "the standfirst is marked as such");
}

#[test]
fn a_teaser_box_right_under_the_headline_is_the_standfirst() {
    // `article-teaser` under the `h1` is the lead; the teasers of other stories after the
    // article stay out.
    let lead =
        "The last ferry leaves the old pier on Friday, and the town is not ready to let it go.";
    let page = format!(
        "<html><body><main><h1>Pier closes</h1><div class=\"article-teaser\"><p>{lead}</p></div>\
         <div class=\"article-body\">{}</div><div class=\"article-teaser\"><p>{}</p></div></main>\
         </body></html>",
        article_html(),
        "A teaser of another story about the marina, which the council will sell next year."
    );
    let article = html(&page);
    assert_eq!(article.body[0], lead);
    assert_eq!(article.body[1..], PARAS);
    assert_eq!(article.lead, 1);
}

#[test]
fn a_line_that_is_only_the_publication_date_is_not_body() {
    // The date is the article's field; a line with a date and more ("Meeting: 4 May 2021,
    // 19:00 at the town hall") is text.
    let event = "Meeting: 4 May 2021, 19:00 at the town hall";
    let page = format!(
        "<html><body><article><h1>Pier closes</h1><p>Updated: 11.04.2020, 10:27</p>\
         <p>Dienstag, 4. Juni 2019</p>{}<p>{event}</p></article></body></html>",
        article_html()
    );
    let body = html(&page).body;
    assert_eq!(body[..4], PARAS);
    assert_eq!(body[4..], [event]);
}

#[test]
fn a_post_of_short_lines_in_a_post_text_box_is_the_body() {
    // A photo post's data sheet: no line reads like prose, but the box is named as the post.
    let page = "<html><body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/f\">Films</a></li></ul></nav>\
        <h1>Film swap, April</h1><div class=\"entry-content\"><h3>Film</h3><p>Fuji 400.</p>\
        <h3>Cameras</h3><p>Ann: Widelux.</p><p>Bo: Pentax Z-1.</p></div></body></html>";
    assert_eq!(
        html(page).body,
        [
            "Film",
            "Fuji 400.",
            "Cameras",
            "Ann: Widelux.",
            "Bo: Pentax Z-1."
        ]
    );
}

#[test]
fn photo_credits_and_captions_outside_caption_markup_stay_out_of_the_body() {
    // Themes set captions and credits as plain paragraphs between the article's own.
    let credits = [
        "Photograph by Ann Lee, Harbour Archive",
        "(Credit: Ann Lee / Bay Times)",
        "Titelbild: Ann Lee/Harbour Archive",
        "Abbildung 2: Der alte Pier im Jahr 1921.",
        "The old pier at dawn. (Foto: Harbour Archive)",
        "The last ferry on Friday evening. © AFP / Ann Lee",
        "AFP / Ann Lee",
    ];
    let mut page = String::from("<html><body><article>");
    for (p, c) in PARAS.iter().zip(credits.iter().cycle()) {
        page.push_str(&format!("<p>{p}</p><p>{c}</p>"));
    }
    for c in &credits[PARAS.len()..] {
        page.push_str(&format!("<p>{}</p><p>{c}</p>", PARAS[0]));
    }
    page.push_str("</article></body></html>");
    let body = html(&page).body;
    for c in credits {
        assert!(!body.iter().any(|p| p == c), "{c}");
    }
    assert_eq!(body[..4], PARAS);
}

#[test]
fn a_clause_citing_a_lettered_subsection_is_no_copyright_line() {
    // "(c)" marks a copyright only before a year or a name; in law it is a subsection.
    let clause = "The council may appeal under section 5(c) of the harbours act";
    let page = format!(
        "<html><body><article><p>{}</p><p>{clause}</p><p>{}</p></article></body></html>",
        PARAS[0], PARAS[1]
    );
    assert_eq!(html(&page).body, [PARAS[0], clause, PARAS[1]]);
}

#[test]
fn the_blog_engines_footer_sentence_stays_out_of_the_body() {
    // Longer than a furniture line, but written by the engine: date, categories, feeds.
    let footer = "This entry was posted on Saturday, August 25th, 2012 at 12:23 am and is filed \
                  under Harbour, Ferries. You can follow any responses to this entry through the \
                  RSS 2.0 feed. You can leave a response, or trackback from your own site.";
    let page = format!(
        "<html><body><div class=\"post\"><h1>Pier closes</h1>{}<p>{footer}</p></div></body></html>",
        article_html()
    );
    assert_eq!(html(&page).body, PARAS.to_vec());
}

#[test]
fn reading_times_stay_out_of_the_body() {
    for line in [
        "5 min read",
        "Lesezeit: 3 Minuten",
        "21 minutes - 4312 words",
    ] {
        let page = format!(
            "<html><body><article><h1>Pier closes</h1><p>{line}</p>{}</article></body></html>",
            article_html()
        );
        assert_eq!(html(&page).body, PARAS, "{line}");
    }
}

#[test]
fn calls_to_action_after_the_article_stay_out_of_the_body() {
    // Newsletter, subscription, app, social and donation pitches set as plain paragraphs.
    let pitches = [
        "Never miss the latest news by signing up to our newsletter today!",
        "Subscribe now to our print edition for the full story.",
        "For breaking news updates download the Bay Times app for iOS and Android.",
        "Follow the Bay Times on Twitter and Instagram @baytimes.",
        "Síguenos en Telegram, Instagram y Facebook para recibir todas nuestras noticias.",
        "Aktuelle Stories und die wichtigsten News direkt in dein Postfach!",
        "If you enjoyed reading this post, would you consider supporting our work?",
        "War der Artikel nützlich?",
        "Anzeige - Heute mal ausgehen? Wie wäre es mit:",
    ];
    let tail: String = pitches.iter().map(|p| format!("<p>{p}</p>")).collect();
    // A sentence that only mentions a social network or a newsletter is text.
    let mention = "The harbour master, who has more followers on Twitter than the mayor, said the pier's newsletter will go on.";
    let page = format!(
        "<html><body><article>{}<p>{mention}</p>{tail}</article></body></html>",
        article_html()
    );
    let body = html(&page).body;
    assert_eq!(body[..4], PARAS);
    assert_eq!(body[4..], [mention]);
}

#[test]
fn labels_of_the_sections_after_the_article_stay_out_of_the_body() {
    // The label goes even when the section it opens is kept (a contact line, an author's note).
    let note = "Ann Lee has covered the harbour towns for the Bay Times since 2009, and sails on weekends.";
    for label in [
        "Related Coverage",
        "Weitere Informationen",
        "Über den Autor",
        "Kontakt:",
        "Quellenangaben:",
    ] {
        let page = format!(
            "<html><body><article>{}<h3>{label}</h3><p>{note}</p></article></body></html>",
            article_html()
        );
        let body = html(&page).body;
        assert_eq!(body[..4], PARAS, "{label}");
        assert_eq!(body[4..], [note], "{label}");
    }
}

/// A page with the given head and, before the article prose, the given markup.
fn page_with(head: &str, before: &str) -> Article {
    html(&format!(
        "<html><head>{head}</head><body>{before}<article>{}</article></body></html>",
        article_html()
    ))
}

#[test]
fn title_skips_an_h1_that_names_the_blog() {
    let a = page_with(
        r#"<title>Ferry pier to close | Harbour Notes</title>
        <meta property="og:site_name" content="Harbour Notes">"#,
        r#"<header class="site-header"><h1>Harbour Notes</h1></header><h2>Ferry pier to close</h2>"#,
    );
    assert_eq!(a.title, "Ferry pier to close");
}

#[test]
fn title_skips_a_logo_h1_that_links_home() {
    let a = page_with(
        "<title>Ferry pier to close - Bay Times</title>",
        r#"<div class="top"><h1><a href="https://baytimes.example/">The Bay</a></h1></div>
        <h2>Ferry pier to close</h2>"#,
    );
    assert_eq!(a.title, "Ferry pier to close");
}

#[test]
fn title_skips_an_h1_named_like_a_logo_and_strips_a_logos_words_from_the_title() {
    let a = page_with(
        "<title>Ferry pier to close | Bay Times</title>",
        r#"<h1 class="logo"><a href="/opinion/">Opinion</a></h1>"#,
    );
    assert_eq!(a.title, "Ferry pier to close");
    let a = page_with(
        "<title>Ferry pier to close - Harbour Notes - Bay Town</title>",
        r#"<h1><a href="/">Harbour Notes - Bay Town</a></h1>"#,
    );
    assert_eq!(a.title, "Ferry pier to close");
}

#[test]
fn title_skips_an_h1_named_like_a_dialog() {
    let a = page_with(
        "<title>Ferry pier to close</title>",
        r#"<h1 class="modal-title">Privacy notice</h1>"#,
    );
    assert_eq!(a.title, "Ferry pier to close");
}

#[test]
fn title_heading_loses_the_site_name_and_leading_marks_the_metadata_lacks() {
    let a = page_with(
        r#"<title>Ferry pier to close | Bay Times</title>
        <meta property="og:site_name" content="Bay Times">"#,
        r#"<h1 class="visually-hidden">Ferry pier to close | Bay Times</h1>"#,
    );
    assert_eq!(a.title, "Ferry pier to close");
    let a = page_with(
        r#"<meta property="og:title" content="Ferry pier to close">"#,
        "<h1>[&gt; Ferry pier to close</h1>",
    );
    assert_eq!(a.title, "Ferry pier to close");
}

#[test]
fn title_skips_an_h1_that_labels_a_section() {
    let a = page_with(
        r#"<meta property="og:title" content="Ferry pier to close after a century">"#,
        "<h1>Details</h1>",
    );
    assert_eq!(a.title, "Ferry pier to close after a century");
    let a = page_with(
        "<title>Ferry pier to close | Forum | Bay Times</title>",
        "<h1>Forum</h1>",
    );
    assert_eq!(a.title, "Ferry pier to close");
}

#[test]
fn title_drops_the_kicker_of_a_news_headline() {
    let a = page_with(
        r#"<meta property="og:title" content="Harbour: Ferry pier to close">"#,
        r#"<h1><span class="headline-kicker">Harbour</span><span class="sr-only">: </span>
        <span class="headline-main">Ferry pier to close</span></h1>"#,
    );
    assert_eq!(a.title, "Ferry pier to close");
    let a = page_with(
        "<title>Week in review: Ferry pier to close</title>",
        "<h1><small>Week in review</small><br>Ferry pier to close</h1>",
    );
    assert_eq!(a.title, "Ferry pier to close");
}

#[test]
fn title_prefers_the_visible_headline_over_a_search_engine_title() {
    let a = page_with(
        r#"<title>Cheap ferry tickets 2016 | Bay Times</title>
        <meta property="og:title" content="Cheap ferry tickets 2016">"#,
        "<h1>Ferry pier to close</h1>",
    );
    assert_eq!(a.title, "Ferry pier to close");
}

#[test]
fn title_is_an_h1_in_a_header_box_when_the_article_opens_with_it() {
    // A theme's entry header outside <article> reads as the site's box, but the text's own
    // headline beats a title written for search engines.
    let a = page_with(
        r#"<title>Cheap ferry tickets 2016 | Bay Times</title>
        <meta property="og:title" content="Cheap ferry tickets 2016">"#,
        r#"<header class="entry-header"><h1 class="entry-title">Ferry pier to close</h1></header>"#,
    );
    assert_eq!(a.title, "Ferry pier to close");
}

#[test]
fn title_is_the_opening_heading_beside_a_title_of_a_few_words() {
    let a = page_with(
        r#"<title>History - Bay Times</title><meta property="og:site_name" content="Bay Times">"#,
        "<h2>How the ferry pier was built in 1921</h2>",
    );
    assert_eq!(a.title, "How the ferry pier was built in 1921");
    // A longer <title> names the page itself.
    let a = page_with(
        "<title>Ferry pier to close after a century - Bay Times</title>",
        "<h2>How the ferry pier was built in 1921</h2>",
    );
    assert_eq!(a.title, "Ferry pier to close after a century");
}

#[test]
fn title_is_the_metadata_title_when_the_heading_adds_a_section() {
    let a = page_with(
        r#"<meta property="og:title" content="Ferry pier to close after a century">"#,
        "<h1>Local news | Ferry pier to close after a century</h1>",
    );
    assert_eq!(a.title, "Ferry pier to close after a century");
}

#[test]
fn title_ignores_a_social_title_cut_short_with_an_ellipsis() {
    let a = page_with(
        r#"<meta name="twitter:title" content="Ferry pier to close after a...">"#,
        "<h1>Ferry pier to close after a century of service</h1>",
    );
    assert_eq!(a.title, "Ferry pier to close after a century of service");
}

#[test]
fn title_keeps_the_typographic_dashes_and_quotes_of_another_copy() {
    let a = page_with(
        r#"<title>Ferry pier to close – “for now” | Bay Times</title>
        <meta property="og:title" content="Ferry pier to close - &quot;for now&quot;">"#,
        "",
    );
    assert_eq!(a.title, "Ferry pier to close – “for now”");
    let a = page_with(
        r#"<title>Ferry pier to close » ☆☆☆</title>
        <meta property="og:title" content="Ferry pier to close">"#,
        "",
    );
    assert_eq!(a.title, "Ferry pier to close");
}

#[test]
fn title_is_the_heading_that_runs_on_from_a_clipped_metadata_title() {
    let a = page_with(
        r#"<meta property="og:title" content="Ferry pier to close">"#,
        "<h1>Ferry pier to close after a century</h1>",
    );
    assert_eq!(a.title, "Ferry pier to close after a century");
    let a = page_with(
        r#"<meta property="og:title" content="Ferry pier to close">"#,
        "<h1>Ferry pier to close 02.02.2022 • News, Harbour</h1>",
    );
    assert_eq!(a.title, "Ferry pier to close");
}

#[test]
fn title_leaves_out_ruby_readings() {
    let a = page_with("", "<h1><ruby>港<rt>みなと</rt></ruby>の新しい桟橋</h1>");
    assert_eq!(a.title, "港の新しい桟橋");
}

#[test]
fn title_decodes_twice_escaped_entities_and_drops_soft_hyphens() {
    let a = page_with(
        r#"<meta property="og:title" content="Fish &amp;amp; chips return to the pier">"#,
        "",
    );
    assert_eq!(a.title, "Fish & chips return to the pier");
    let a = page_with("", "<h1>Harbour\u{ad}master retires</h1>");
    assert_eq!(a.title, "Harbourmaster retires");
}

#[test]
fn date_from_a_written_date_line_when_metadata_has_none() {
    let a = page_with(
        "<title>Ferry pier to close</title>",
        r#"<div class="entry-meta">Veröffentlicht am 3. März 2015 in Lokales</div>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2015-03-03"));
    let a = page_with("", r#"<p class="post-date">le 17 février 2020</p>"#);
    assert_eq!(a.date.as_deref(), Some("2020-02-17"));
    let a = page_with("", r#"<span class="datum">17.02.2020, 10:15 Uhr</span>"#);
    assert_eq!(a.date.as_deref(), Some("2020-02-17"));
}

#[test]
fn date_ignores_modified_times_and_reads_written_time_elements() {
    let a = page_with(
        "",
        r#"<time class="updated" datetime="2021-05-05">May 5, 2021</time>
        <time>4 de mayo de 2020</time>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2020-05-04"));
    // A never-edited post's date is both.
    let a = page_with(
        "",
        r#"<time class="entry-date published updated" datetime="2020-02-23T10:07:02+01:00">23. Februar</time>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2020-02-23"));
}

#[test]
fn date_published_marks_count_in_page_order() {
    // The post's own date comes before the marked dates of the teasers after it.
    let a = page_with(
        "",
        r#"<p><time itemprop="datePublished" datetime="2021-03-01">1 March</time></p>
        <div class="more"><p><time itemprop="datePublished" datetime="2021-02-01">Feb</time></p>
        <p><time itemprop="datePublished" datetime="2021-01-20">Jan</time></p></div>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2021-03-01"));
}

#[test]
fn a_vague_date_meta_yields_to_an_earlier_date_line() {
    // CMSs fill `<meta name="date">` with the last edit; the post was published before it.
    let head = r#"<meta name="date" content="2020-04-30T09:00:00+02:00">"#;
    let a = page_with(head, r#"<p class="date">29.04.2020, 12:01 Uhr</p>"#);
    assert_eq!(a.date.as_deref(), Some("2020-04-29"));
    // A later date on the page is an event or a "today" line, not the publication.
    let a = page_with(head, r#"<p class="date">Konzert am 01.05.2020</p>"#);
    assert_eq!(a.date.as_deref(), Some("2020-04-30"));
}

#[test]
fn date_from_a_typo3_news_time_data_line() {
    // TYPO3 news names its date line `news-single-timedata`; the vague meta is a later edit.
    let a = page_with(
        r#"<meta name="date" content="2020-02-12">"#,
        r#"<div class="news-single-timedata">05.02.2020 <span>- Redaktion: Ann Lee</span></div>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2020-02-05"));
}

#[test]
fn last_edit_dates_a_page_that_gives_no_publication_date() {
    let a = page_with(
        r#"<meta itemprop="dateUpdate" content="2020-02-14 10:47:36">"#,
        "",
    );
    assert_eq!(a.date.as_deref(), Some("2020-02-14"));
    // A publication date wins over it.
    let a = page_with(
        r#"<meta property="article:modified_time" content="2020-02-14T10:47:36Z">"#,
        r#"<p class="date">3. Februar 2020</p>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2020-02-03"));
}

#[test]
fn date_from_the_opening_of_a_press_release() {
    let a = page_with(
        "",
        "<p>Berlin, 3. Mai 2021 – Die Stadt stellt heute ihren neuen Plan für die Fähren vor.</p>",
    );
    assert_eq!(a.date.as_deref(), Some("2021-05-03"));
    // A date further into the sentence, or in a link, is not the paragraph's date.
    let a = page_with(
        "",
        "<p>Die 3 Fähren des Hafens fuhren am 4. Mai 2021 zum letzten Mal über den See.</p>",
    );
    assert_eq!(a.date, None);
    let a = page_with(
        "",
        "<p>See http://example.org/2012/05/13/ferries-end for the ferry timetable of the bay.</p>",
    );
    assert_eq!(a.date, None);
}

#[test]
fn date_from_a_microformat_abbreviation_title() {
    // The book under review was published earlier; the post's stamp is in the abbr's title.
    let a = page_with(
        "",
        r#"<p>Posted at <abbr class="published" title="2017-09-09T10:52:00+02:00">10:52</abbr></p>
        <p>Erscheinungsdatum: 14.08.2017</p>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2017-09-09"));
}

#[test]
fn date_line_under_the_headline_beats_teaser_dates() {
    let a = page_with(
        "",
        r#"<h1>Ferry pier to close</h1><p>1. Februar 2022, Ann Lee</p>
        <div class="more"><p>Other news</p><p>21. Januar 2022</p></div>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2022-02-01"));
}

#[test]
fn date_line_under_a_headline_whose_own_class_looks_like_furniture() {
    // A theme's class on the h1 itself makes its block boxed; the walk still knows it is
    // the headline.
    let a = page_with(
        "",
        r#"<h1 class="anchor_tags">Ferry pier to close</h1><p>3. Mai 2021, Ann Lee</p>
        <div class="more"><p>Other news</p><p>21. April 2021</p></div>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2021-05-03"));
}

#[test]
fn date_from_a_lead_in_a_box_under_the_headline() {
    // Themes name the lead's box for print layouts.
    let a = page_with(
        "",
        r#"<h1>Ferry pier to close</h1><div class="lead print"><p>Pressemitteilung vom
        25. Januar 2022 | Berlin – Die Stadt schließt den alten Fähranleger am Hafen. Die
        Pfähle sind morsch, ein Gutachten vom März fand zwei Stützen, die im nächsten Sturm
        brechen könnten. Ab dem kommenden Monat fährt ein Ersatzboot von der Marina aus, der
        Fahrplan steht noch nicht fest, sagte die Stadt am Dienstag nach der Sitzung. Viele
        Pendler fürchten längere Wege zur Arbeit und zum Krankenhaus.</p></div>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2022-01-25"));
}

#[test]
fn date_from_a_line_inside_the_headline() {
    let a = page_with(
        "",
        "<h1>Zuschauer kehren in die Hallen zurück <small>02.02.2022 • Verband, Presse</small></h1>",
    );
    assert_eq!(a.date.as_deref(), Some("2022-02-02"));
}

#[test]
fn date_beside_a_publication_phrase_in_a_longer_box() {
    // The date after the phrase, not the edit before it.
    let a = page_with(
        "",
        r#"<div class="sidebar"><p>Letzte Änderung: 31.10.2023 - 14:49:39<br>Erschienen am:
        01.11.2023<br>Lesungen: 61<br>© bei der Autorin, Lizenzen zur Nachpublikation auf
        Anfrage beim Verlag</p></div>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2023-11-01"));
    // German puts the verb last: the date before it.
    let a = page_with(
        "",
        r#"<div class="sidebar"><p>Der Artikel Ferry pier to close wurde am 19. Mai 2010 um
        23:03 Uhr gepostet und unter Lesenswert, Literatur, Medienwandel abgelegt.</p></div>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2010-05-19"));
    // In the article's prose the phrase dates something else.
    let a = page_with(
        "",
        "<p>Researchers at the harbour institute said the study, published on 12 March 2020 in
        Nature, shows that the old pier's pilings rot faster in warm water.</p>",
    );
    assert_eq!(a.date, None);
}

#[test]
fn date_line_with_a_byline_under_the_headline() {
    let a = page_with(
        "",
        "<h1>Ferry pier to close</h1><h2>Lokales (1 / 1) 06.11.2023 13:30 von Ann Lee Symbolbild</h2>",
    );
    assert_eq!(a.date.as_deref(), Some("2023-11-06"));
}

#[test]
fn a_today_banner_above_the_headline_does_not_date_the_article() {
    let body = "<div>Donnerstag, 16. Februar 2012</div><p>Home</p><p>Politik</p><p>Sport</p>
        <h1>Ferry pier to close</h1><p>Politik</p><p>Drucken</p><p>Teilen</p>";
    let a = page_with("", &format!("{body}<p>14. Februar 2012</p>"));
    assert_eq!(a.date.as_deref(), Some("2012-02-14"));
    // With no other date line, the banner is better than none.
    let a = page_with("", body);
    assert_eq!(a.date.as_deref(), Some("2012-02-16"));
    // A post's own date line right above its headline is no banner.
    let a = page_with(
        "",
        "<p>Freitag, 3. Mai 2019</p><h1>Ferry pier to close</h1><p>Politik</p><p>Drucken</p>
        <p>Teilen</p><p>21. April 2019</p>",
    );
    assert_eq!(a.date.as_deref(), Some("2019-05-03"));
}

#[test]
fn date_from_a_stamp_in_a_scripts_data() {
    let a = page_with(
        r#"<script>var meta = {"product":{"title":"Sidamo","published_at":"2019-03-02T06:22:28+01:00"}};</script>"#,
        "",
    );
    assert_eq!(a.date.as_deref(), Some("2019-03-02"));
    // Code, not data: no quoted key.
    let a = page_with(r#"<script>var publishDate = "2019-03-02";</script>"#, "");
    assert_eq!(a.date, None);
}

#[test]
fn a_slashed_meta_date_reads_the_way_the_page_writes_it() {
    let head = r#"<meta http-equiv="content-language" content="de">
        <meta name="date" content="11/01/2023 12:43:42">"#;
    let a = page_with(head, "<p>Erstellt am: 01.11.2023</p>");
    assert_eq!(a.date.as_deref(), Some("2023-11-01"));
    let a = page_with(head, "");
    assert_eq!(a.date.as_deref(), Some("2023-01-11"), "day first in German");
}

#[test]
fn date_with_slashes_follows_the_page_language() {
    let head = r#"<meta http-equiv="content-language" content="en">"#;
    let a = page_with(head, r#"<span class="date">03/04/2020</span>"#);
    assert_eq!(
        a.date.as_deref(),
        Some("2020-03-04"),
        "month first in English"
    );
    let head = r#"<meta http-equiv="content-language" content="de">"#;
    let a = page_with(head, r#"<span class="date">03/04/2020</span>"#);
    assert_eq!(a.date.as_deref(), Some("2020-04-03"), "day first elsewhere");
    // British English writes the day first too.
    let a = html(&format!(
        r#"<html xml:lang="en-GB"><body><span class="date">03/04/2020</span>{}</body></html>"#,
        article_html()
    ));
    assert_eq!(a.date.as_deref(), Some("2020-04-03"), "day first in en-GB");
}

#[test]
fn author_is_the_person_not_the_publisher() {
    let a = page_with(
        r#"<meta name="author" content="Bay Times Online">
        <meta property="og:site_name" content="Bay Times">"#,
        r#"<p class="byline">By <a rel="author" href="/jo">Jo Smith</a></p>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    // With no person named, the publisher stands.
    let a = page_with(r#"<meta name="author" content="Bay Times Newsroom">"#, "");
    assert_eq!(a.author.as_deref(), Some("Bay Times Newsroom"));
}

#[test]
fn a_style_sheet_or_script_named_like_a_byline_is_no_byline() {
    // WordPress plugins name their inline CSS after themselves (`co-authors-plus`).
    let a = page_with(
        r#"<style id="co-authors-plus-coauthors-style-inline-css">.wp-block-co-authors-plus{display:inline}</style>"#,
        "",
    );
    assert_eq!(a.author, None);
    // A script the cleaner reads (it holds an author key) is still code, not a byline.
    let a = page_with(
        r#"<script class="byline">track("author", "Dark Mode Toggle")</script>"#,
        "",
    );
    assert_eq!(a.author, None);
}

#[test]
fn author_bylines_lose_dates_times_and_link_labels() {
    for (byline, name) in [
        ("Jo Smith am 21. April 2020", "Jo Smith"),
        ("Jo Smith Le 17/02/2020", "Jo Smith"),
        ("Jo Smith · 22. Oktober 2019", "Jo Smith"),
        ("3. März 2015, 10:00 · von Jo Smith", "Jo Smith"),
        ("View all posts by Jo Smith", "Jo Smith"),
        ("Jo Smith Twitter", "Jo Smith"),
        ("AuthorJo Smith", "Jo Smith"),
        ("Christoph von Ritter", "Christoph von Ritter"),
        ("Auteur: Jo Smith", "Jo Smith"),
        ("Jo Smith, Bay Times", "Jo Smith"),
        ("Bay Times - Jo Smith", "Jo Smith"),
        ("Ein Artikel von Jo Smith", "Jo Smith"),
        ("Beitragvon Jo Smith", "Jo Smith"),
        ("A note from Jo Smith", "Jo Smith"),
        ("Rechtsanwalt Jo Smith", "Jo Smith"),
        ("Jo Smith Chefredakteur", "Jo Smith"),
        ("Jo Smith, PhD", "Jo Smith"),
        ("Jo Smith, dpa", "Jo Smith"),
        ("Auteur : Jo Smith Edition : Bo Chen", "Jo Smith"),
        (
            "Jo Smith, Projektleiterin der Stiftung in Tunis",
            "Jo Smith",
        ),
        (
            "Gespeichert von Jo Smith am 24. Juli 2017 - 18:55",
            "Jo Smith",
        ),
        ("Redaktion: Jo Smith (Pressesprecher)", "Jo Smith"),
        ("Jo Smith/SP-X", "Jo Smith"),
        ("Jo Smith/dpa", "Jo Smith"),
        ("Jo Smith,JS", "Jo Smith"),
        ("Jo Smith in Politik", "Jo Smith"),
        ("Jo Smith, Leiterin der HSS in Tunis", "Jo Smith"),
        ("Posted by Jo Smith under News, Boats", "Jo Smith"),
    ] {
        let head = r#"<meta property="og:site_name" content="Bay Times">"#;
        let a = page_with(head, &format!(r#"<div class="author">{byline}</div>"#));
        assert_eq!(a.author.as_deref(), Some(name), "{byline}");
    }
}

#[test]
fn author_words_in_lower_case_make_no_name() {
    let a = page_with(
        r#"<meta name="author" content="deinen Hochzeitsbloggern">"#,
        "<p>Autor: Jo Smith</p>",
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    // A first name glued to a handle gives way to the first name alone.
    let a = page_with(
        "",
        r#"<div class="author">Jo harbourfan</div><div class="author">Jo</div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo"));
}

#[test]
fn author_newsrooms_in_other_languages_and_empty_values() {
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Jo Smith"}}</script>"#;
    for meta in ["Redacción Bay", "null"] {
        let a = page_with(&format!(r#"<meta name="author" content="{meta}">{ld}"#), "");
        assert_eq!(a.author.as_deref(), Some("Jo Smith"), "{meta}");
    }
}

#[test]
fn author_link_labels_are_no_names() {
    let a = page_with("", r#"<div class="author">Alle Beiträge</div>"#);
    assert_eq!(a.author, None);
}

#[test]
fn bylines_in_menus_and_teasers_give_way_to_the_posts() {
    let a = page_with(
        "",
        r#"<div class="menu-authors"><a rel="author" href="/bo">Bo Chen</a></div>
        <div class="teaser"><span class="author">Cy Dunn</span></div>
        <div class="post"><p class="byline">Par <a rel="author" href="/jo">Jo Smith</a></p></div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    // Blogger wraps the post in a widget, and its footer holds the byline; a book widget
    // after it credits other people.
    let a = page_with(
        "",
        r#"<div class="widget Blog"><div class="post hentry"><div class="post-footer">
          <span class="post-author vcard">Posted by <span class="fn">Jo Smith</span></span>
        </div></div></div>
        <div class="widget HTML"><p>by Bo Chen</p></div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
}

#[test]
fn author_after_a_label_in_a_line_or_alone() {
    let a = page_with(
        "",
        "<p>Datum: 19.11.2021 Autor: Jo Smith Quelle: Bay News</p>",
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    let a = page_with("", "<div><h5>Autor:</h5>Jo Smith</div>");
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    let a = page_with("", "<p>Auteur : Jo Smith</p>");
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    // One word for the name's element.
    let a = page_with("", r#"<span class="authorname-txt">Jo Smith</span>"#);
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    // Drupal's byline.
    let a = page_with(
        "",
        r#"<div class="submitted">Submitted by Jo Smith on 24. Juli 2017</div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    // A search form's date range is no byline.
    let a = page_with(
        "",
        "<form><div>Von:</div><div>Erweiterte Suche</div><div>Bis:</div></form>",
    );
    assert_eq!(a.author, None);
}

#[test]
fn author_at_the_end_of_a_short_date_line() {
    let a = page_with("", "<p>25.10.2022 - Jo Smith</p>");
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    let a = page_with("", "<p>04.02.2022 | 13:10 Uhr | Jo Smith</p>");
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    for line in [
        "03.05.2022 | Politik",
        "21.05.2019 | Medien, Politik",
        "Kapitel 3 - Jo Smith",
    ] {
        let a = page_with("", &format!("<p>{line}</p>"));
        assert_eq!(a.author, None, "{line}");
    }
}

#[test]
fn author_from_a_von_line_and_a_credited_date_line() {
    let a = page_with("", "<p>Von Jo Smith</p>");
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    let a = page_with("", "<p>Von wegen!</p>");
    assert_eq!(a.author, None, "a sentence opening is no byline");
    let a = page_with(
        "",
        r#"<div class="post-meta">Publiziert am 13. Januar 2014 von harbourfan</div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("harbourfan"));
}

#[test]
fn date_from_a_published_line_or_a_blog_widget() {
    let a = page_with("", "<p>Veröffentlicht am 16.08.2019</p>");
    assert_eq!(a.date.as_deref(), Some("2019-08-16"));
    // Blog engines wrap posts in a "widget"; its date header still counts.
    let a = page_with(
        "",
        r#"<div class="widget Blog"><h2 class="date-header">Samstag, 5. Oktober 2013</h2></div>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2013-10-05"));
}

#[test]
fn date_from_a_line_that_is_only_a_date_or_from_the_title() {
    let a = page_with("", r#"<p class="topline">Di, 06.12.2022 13:30 Uhr</p>"#);
    assert_eq!(a.date.as_deref(), Some("2022-12-06"));
    let a = page_with("", "<p>Tickets 12.50</p>");
    assert_eq!(a.date, None, "a price is no date");
    let a = page_with("<title>Harbour talk | 23.05.2011</title>", "");
    assert_eq!(a.date.as_deref(), Some("2011-05-23"));
}

#[test]
fn author_of_a_personal_site_from_its_copyright_line() {
    let a = page_with(
        "",
        "<footer><p>© 2012–2020 by Ann M. Lee. All rights reserved.</p></footer>",
    );
    assert_eq!(a.author.as_deref(), Some("Ann M. Lee"));
    let a = page_with(
        r#"<meta name="author" content="Jo Smith">"#,
        "<footer><p>© 2020 Ann Lee</p></footer>",
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"), "a named author wins");
}

#[test]
fn a_sidebar_of_recent_comments_is_neither_thread_nor_body() {
    let page = format!(
        r##"<html><body><div class="post">{}</div>
        <div class="sidebar-col"><h3>Recent Comments</h3><ul id="recentcomments">
          <li class="recentcomments"><a href="/a">Lighthouse to reopen</a> Great news, we will bring the grandchildren to see the lamp.</li>
          <li class="recentcomments"><a href="/b">Market moves indoors</a> About time, the stalls flooded every single autumn.</li>
        </ul></div></body></html>"##,
        article_html()
    );
    let a = html(&page);
    assert_eq!(a.body, PARAS.to_vec());
    assert!(a.comments.is_empty(), "{:?}", a.comments);
}

#[test]
fn a_comment_template_for_scripts_is_not_a_comment() {
    let page = format!(
        r##"<html><body><div class="post">{}</div>
        <div id="comments-box"><h3>Comments</h3><dl id="top-level-comments"></dl>
          <dl id="comment-template"><dt><span class="author"></span><span class="date">posted 2 minutes ago</span></dt>
            <dd><div class="comment-body"></div><ul class="likes"><li>Nobody has liked this comment yet</li></ul>
            <p>This comment and all replies have been deleted by the moderators of the page.</p></dd></dl>
        </div></body></html>"##,
        article_html()
    );
    let a = html(&page);
    assert_eq!(a.body, PARAS.to_vec());
    assert!(a.comments.is_empty(), "{:?}", a.comments);
}

#[test]
fn a_wordpress_comments_template_div_is_the_thread() {
    let page = format!(
        r##"<html><body><div class="post">{}</div>
        <div class="comments-template"><h3>2 Responses</h3><ol class="commentlist">
          <li class="comment" id="comment-7"><p class="comment-author">Ann says:</p><p>The pier was the best place in town to watch the boats come in.</p></li>
          <li class="comment" id="comment-8"><p class="comment-author">Bo says:</p><p>I hope the shuttle runs on Sundays as well as on weekdays.</p></li>
        </ol></div></body></html>"##,
        article_html()
    );
    let a = html(&page);
    assert_eq!(
        a.comments,
        vec![
            "The pier was the best place in town to watch the boats come in.",
            "I hope the shuttle runs on Sundays as well as on weekdays.",
        ]
    );
}

#[test]
fn a_reblog_notice_is_not_a_comment() {
    let page = format!(
        r##"<html><body><div class="post">{}</div>
        <div id="comments"><ol class="commentlist">
          <li class="comment" id="comment-3"><p class="comment-author">Kim says:</p><p>Reblogged this on <a href="/x">Harbour Notes</a>.</p></li>
          <li class="comment" id="comment-4"><p class="comment-author">Lee says:</p><p>My uncle worked on the ferry for thirty years and loved every day of it.</p></li>
        </ol></div></body></html>"##,
        article_html()
    );
    let a = html(&page);
    assert_eq!(
        a.comments,
        vec!["My uncle worked on the ferry for thirty years and loved every day of it."]
    );
}

#[test]
fn a_thread_mark_needs_a_digit_or_an_author_line() {
    use super::classify::may_mark;
    assert!(may_mark("Ellen says:"));
    assert!(may_mark("an hour ago"));
    assert!(may_mark("December 14, 2016"));
    assert!(!may_mark("Leave a reply"));
}

#[test]
fn thread_notices_about_deleted_comments_and_views_are_chrome() {
    let page = format!(
        r##"<html><body><div class="post">{}</div>
        <div id="comments"><ol class="commentlist">
          <li class="comment" id="comment-5"><p class="comment-author">Pat says:</p><p>This comment has been deleted by a moderator</p></li>
          <li class="comment" id="comment-6"><p class="comment-author">Sam says:</p><p>The new shuttle boat was late twice this week, not a good start.</p></li>
        </ol><div class="more"><a name="all">Showing All Comment Threads</a></div></div></body></html>"##,
        article_html()
    );
    let a = html(&page);
    assert_eq!(
        a.comments,
        vec!["The new shuttle boat was late twice this week, not a good start."]
    );
}

#[test]
fn standfirst_and_byline_between_headline_and_text_box_are_body() {
    let (top, bottom) = furniture();
    let page = format!(
        r##"<html><head><title>Ferry pier to close</title></head><body>{top}
        <div class="post"><h1>Ferry pier to close</h1>
        <p class="standfirst">Islanders lose their only direct link to the hospital.</p>
        <div class="share-bar"><a href="#">Share</a></div>
        <p class="byline">By Ann Lee</p>
        <div class="entry-content">{}</div></div>{bottom}</body></html>"##,
        article_html()
    );
    let a = html(&page);
    assert_eq!(
        a.body[..2],
        [
            "Islanders lose their only direct link to the hospital.",
            "By Ann Lee"
        ]
    );
    assert_eq!(a.body[2..], PARAS);
}

#[test]
fn a_label_closing_the_text_box_is_dropped() {
    let page = format!(
        r##"<html><head><title>Ferry pier to close</title></head><body>
        <h1>Ferry pier to close</h1><div class="entry-content">{}<p>Share this page</p>
        <p>Related topics:</p></div></body></html>"##,
        article_html()
    );
    assert_eq!(html(&page).body, PARAS);
}

#[test]
fn author_bio_box_is_not_body_even_beside_a_short_post() {
    let bio = "Ann Lee has reported on the harbour for twenty years. She lives on the island with her two dogs, writes a weekly column on local history and teaches journalism at the college in town. Before that she covered courts and councils for papers on the mainland, and her book on the island's ferries came out last spring.";
    for name in ["author-profile", "about-the-author", "saboxplugin-wrap"] {
        let page = format!(
            r##"<html><head><title>Ferry pier to close</title></head><body>
            <div class="post"><h1>Ferry pier to close</h1>
            <p class="author-name">By Ann Lee</p>
            <p>{}</p><div class="{name}"><p>{bio}</p></div></div></body></html>"##,
            PARAS[0]
        );
        let a = html(&page);
        assert!(
            a.body.contains(&PARAS[0].to_string()),
            "{name}: {:?}",
            a.body
        );
        assert!(
            !a.body.iter().any(|p| p.contains("twenty years")),
            "{name}: {:?}",
            a.body
        );
    }
}

#[test]
fn a_label_introducing_links_goes_with_them_but_a_byline_stays() {
    let page = format!(
        r##"<html><head><title>Ferry pier to close</title></head><body>
        <h1>Ferry pier to close</h1><div class="entry-content">
        <p>By Ann Lee</p><p><a href="/ann">All stories by this reporter</a></p>
        <p>{}</p><p>{}</p><p>See also:</p><p><a href="/ferry-fares">Ferry fares rise again</a></p>
        <p>{}</p><p>{}</p></div></body></html>"##,
        PARAS[0], PARAS[1], PARAS[2], PARAS[3]
    );
    let mut expected = vec!["By Ann Lee"];
    expected.extend(PARAS);
    assert_eq!(html(&page).body, expected);
}

#[test]
fn a_utc_timestamp_gives_the_local_day_the_page_shows() {
    // Late evening in the Americas is the next day in UTC.
    let head = r#"<meta property="article:published_time" content="2022-05-04T01:25:56Z">"#;
    let a = page_with(head, r#"<span class="date">May 3, 2022</span>"#);
    assert_eq!(a.date.as_deref(), Some("2022-05-03"));
    // The page's own zone decides, whatever dates of other days the page writes.
    let a = page_with(
        &format!(r#"{head}<meta name="date" content="2022-05-03T21:25:56-04:00">"#),
        "",
    );
    assert_eq!(a.date.as_deref(), Some("2022-05-03"));
    // Unless the page prints the UTC day for its readers.
    let a = page_with(
        r#"<meta property="article:published_time" content="2022-05-06T02:00:00.824Z">
        <script type="application/ld+json">{"@type":"NewsArticle",
        "datePublished":"2022-05-05T21:00:00-05:00"}</script>"#,
        r#"<div class="date">6 May 2022 - 2:00 a. m.</div>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2022-05-06"));
    // At noon UTC no zone of the Americas or Europe is on another day: a banner with
    // tomorrow's date is not the publication day.
    let head = r#"<meta property="article:published_time" content="2022-05-04T13:00:00Z">"#;
    let a = page_with(head, r#"<span class="date">May 5, 2022</span>"#);
    assert_eq!(a.date.as_deref(), Some("2022-05-04"));
}

#[test]
fn a_time_in_a_sidebar_does_not_date_the_article() {
    let a = page_with(
        "",
        r#"<aside><h3>Older posts</h3><time datetime="2009-04-11 18:06:36">11. April 2009</time></aside>
        <div class="entry-meta">von Jo · 22. Oktober 2019</div>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2019-10-22"));
    // With nothing else, the sidebar's date is better than none.
    let a = page_with(
        "",
        r#"<aside><time datetime="2009-04-11">April 2009</time></aside>"#,
    );
    assert_eq!(a.date.as_deref(), Some("2009-04-11"));
}

#[test]
fn date_from_a_short_line_with_a_name_or_place_beside_it() {
    let a = page_with("", "<p>Hamburg, 2. November 2021</p>");
    assert_eq!(a.date.as_deref(), Some("2021-11-02"));
    let a = page_with(
        "",
        "<div><span>Jo Smith</span> <span>23/5/2022 22:41</span></div>",
    );
    assert_eq!(a.date.as_deref(), Some("2022-05-23"));
    let a = page_with("", "<p>The 2 best ferry rides of May 2021 are back</p>");
    assert_eq!(a.date, None, "a line of prose with a month is no date line");
}

#[test]
fn author_labels_and_handles_give_way_to_the_name_the_page_repeats() {
    // A label over the author box, a duration, a photo credit are no names.
    let a = page_with(
        "",
        r#"<div class="author">Auteurs</div><div class="author">01:30 Min.</div>
        <div class="author">Foto: Bay Archive</div><div class="author">Jo Smith</div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    // A handle in the metadata, the display name in the bylines.
    let a = page_with(
        r#"<meta name="author" content="jo_smith">"#,
        r#"<p class="byline">Jo Smith</p><div class="author-box"><span class="author">Jo Smith</span></div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    // A person's name in the metadata stands against names repeated in teasers.
    let a = page_with(
        r#"<meta name="author" content="Ann Lee">"#,
        r#"<span class="author">Jo Smith</span><span class="author">Jo Smith</span>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Ann Lee"));
}

#[test]
fn a_personal_site_published_by_a_person_keeps_that_person_as_author() {
    let a = page_with(
        r#"<script type="application/ld+json">{"@graph":[{"@type":"BlogPosting","headline":"Ferry pier to close",
        "publisher":{"@type":"Person","name":"Jo Smith"}},{"@type":["Person","Organization"],"name":"Jo Smith"}]}</script>"#,
        r#"<span class="author">Jo Smith</span><span class="author">Ann Lee</span>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
}

#[test]
fn author_lists_handles_interviews_and_agency_initials() {
    // A list of reporters is one byline.
    let a = page_with("", "<p>Von Jo Smith, Ann Marie Lee und Bo Chen, NDR</p>");
    assert_eq!(
        a.author.as_deref(),
        Some("Jo Smith, Ann Marie Lee und Bo Chen, NDR")
    );
    // A handle after the name is the same person.
    let a = page_with("", r#"<div class="author">Por Jo Smith @jsmith</div>"#);
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    // An interview names both.
    let a = page_with(
        "",
        r#"<div class="author">Ann Lee im Gespräch mit Jo Smith</div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Ann Lee, Jo Smith"));
    // An agency's initials give way to a reporter's name; alone they stand.
    let a = page_with(
        r#"<meta name="author" content="LN">"#,
        "<p>Von Jo Smith</p>",
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    let a = page_with(r#"<meta name="author" content="dpa">"#, "");
    assert_eq!(a.author.as_deref(), Some("dpa"));
    let a = page_with(
        r#"<meta property="og:article:author" content="Jo Smith">"#,
        "",
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
}

#[test]
fn an_article_in_boxes_all_named_like_furniture_is_still_read() {
    let page = format!(
        r##"<html><head><title>Ferry pier to close</title></head><body>
        <h1>Ferry pier to close</h1><div class="section--ads"><p>{}</p></div>
        <div class="section--ads"><p>{}</p></div>
        <div class="section--ads"><p>{}</p><p>{}</p></div></body></html>"##,
        PARAS[0], PARAS[1], PARAS[2], PARAS[3]
    );
    assert_eq!(html(&page).body, PARAS);
}

#[test]
fn a_short_post_after_its_headline_beats_a_longer_blurb_before_it() {
    let page = r##"<html><head><title>Ferry pier to close - Island Notes</title></head><body>
        <div class="profile"><p>I write about island life, boats, weather and the people of the bay.
        Here I share what I see on my walks along the harbour, and what the neighbours tell me.</p></div>
        <div class="links"><a href="/boats">Boats and ferries of the bay</a><br><a href="/weather">Weather on the island</a>
        <br><a href="/people">People of the harbour</a><br><a href="/walks">Walks along the coast</a></div>
        <div class="post"><h2>Ferry pier to close</h2><p>The council voted on Tuesday to close the old ferry pier. A sad day for us all.</p></div>
        </body></html>"##;
    assert_eq!(
        html(page).body,
        ["The council voted on Tuesday to close the old ferry pier. A sad day for us all."]
    );
}

#[test]
fn a_second_copy_of_a_paragraph_is_dropped() {
    let page = format!(
        r##"<html><head><title>Ferry pier to close</title></head><body>
        <h1>Ferry pier to close</h1><div class="entry-content">{}
        <div class="summary"><p>{}</p></div></div></body></html>"##,
        article_html(),
        PARAS[0]
    );
    assert_eq!(html(&page).body, PARAS);
}

#[test]
fn author_from_the_app_state_or_data_layer_of_a_script() {
    let state = r#"<script>window.__app__={"story":{"@type":"NewsArticle","author":[{"name":"Jo Smith","@type":"Person"},{"name":"Bo R\u00e4del"}],"headline":"x"}};</script>"#;
    let a = page_with(state, "");
    assert_eq!(a.author.as_deref(), Some("Jo Smith, Bo Rädel"));
    let layer = r#"<script>dataLayer = [{ 'category': 'Bay', 'author': 'Jo Smith' }];</script>"#;
    let a = page_with(layer, "");
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    // A byline the page shows comes first; ids and empty values are no names.
    let a = page_with(state, r#"<p class="byline">By Ann Lee</p>"#);
    assert_eq!(a.author.as_deref(), Some("Ann Lee"));
    let a = page_with(state, r#"<p class="byline">By Staff Writer</p>"#);
    assert_eq!(a.author.as_deref(), Some("Staff Writer"));
    let a = page_with(
        r#"<script>var p={"author":"","authorId":"12"};</script>"#,
        "",
    );
    assert_eq!(a.author, None);
}

#[test]
fn author_of_a_forum_thread_or_a_recipe_from_json_ld() {
    for ty in ["DiscussionForumPosting", "Recipe"] {
        let ld = format!(
            r#"<script type="application/ld+json">{{"@type":"{ty}","headline":"Pier","author":{{"@type":"Person","name":"harbourfan"}}}}</script>"#
        );
        let a = page_with(&ld, "");
        assert_eq!(a.author.as_deref(), Some("harbourfan"), "{ty}");
        assert_ne!(a.title, "Pier", "the {ty}'s name is no headline");
    }
}

#[test]
fn author_from_a_twitter_card_labelled_written_by() {
    let a = page_with(
        r#"<meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Jo Smith">
        <meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="9 minutes">"#,
        "",
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    let a = page_with(
        r#"<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="Nine Minutes">"#,
        "",
    );
    assert_eq!(a.author, None);
}

#[test]
fn author_from_a_sharing_plugin_meta() {
    let a = page_with(
        r#"<meta name="shareaholic:article_author_name" content="Jo Smith">"#,
        "",
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
}

#[test]
fn author_metas_of_a_cited_work_are_not_the_page_s() {
    let a = page_with(
        r#"<meta name="citation_author" content="Jo Smith">"#,
        r#"<ol><li itemprop="citation" itemscope itemtype="http://schema.org/CreativeWork">
        <meta itemprop="author" content="Bo Chen">A. Study. 2010.</li></ol>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
}

#[test]
fn author_is_no_weekday_and_a_von_line_may_credit_an_agency() {
    let a = page_with(
        "",
        r#"<div class="author">Donnerstag, 4. November 2021</div>"#,
    );
    assert_eq!(a.author, None);
    let a = page_with("", "<p>Von Jo Smith, dpa</p>");
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
}

#[test]
fn author_after_more_byline_openings_and_labels() {
    for (line, name) in [
        ("<p>Written by: Jo Smith</p>", "Jo Smith"),
        (
            "<p>Autoren Jo Smith und Bo Chen</p>",
            "Jo Smith und Bo Chen",
        ),
        ("<p>Eine Kolumne von Jo Smith</p>", "Jo Smith"),
        ("<p>Ein Kommentar von Jo Smith</p>", "Jo Smith"),
        (
            "<p>Text von Jo Smith Illustration von Bo Chen</p>",
            "Jo Smith",
        ),
        ("<p>Text von Jo Smith Fotos von Bo Chen</p>", "Jo Smith"),
        ("<p>【纠错】 责任编辑： 焦鹏</p>", "焦鹏"),
    ] {
        let a = page_with("", line);
        assert_eq!(a.author.as_deref(), Some(name), "{line}");
    }
    let a = page_with("", "<p>Autor des Monats</p>");
    assert_eq!(a.author, None);
}

#[test]
fn author_is_not_the_headline_a_byline_box_holds() {
    let a = page_with(
        r#"<meta name="author" content="Jo Smith"><meta property="og:site_name" content="Jo Smith">"#,
        r#"<h1>Harbour Ferry Pier Closes</h1><div class="byline">Harbour Ferry Pier Closes December 4, 2018</div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
}

#[test]
fn author_meta_naming_the_copyright_holder_is_the_publisher() {
    let a = page_with(
        r#"<meta name="copyright" content="Copyright (c) Harbour Nast 2023">
        <meta name="author" content="Harbour Nast"><meta property="article:author" content="Jo Smith">"#,
        "",
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
}

#[test]
fn author_when_no_person_is_named_is_the_credit_the_story_gives() {
    let with = |head: &str, lead: &str, after: &str| {
        html(&format!(
            "<html><head>{head}</head><body><article>{lead}{}{after}</article></body></html>",
            article_html()
        ))
    };
    let publisher = r#"<meta name="author" content="Bay Times Online">"#;
    // A source line closing the story beats the publisher the metadata names.
    let a = with(publisher, "", "<p><em>Quelle: BAY RADIO/ls</em></p>");
    assert_eq!(a.author.as_deref(), Some("BAY RADIO/ls"));
    // Within the text, or as a list, a source line is a chart's or a table's.
    let a = with(publisher, "<p>Source: Harbour Office</p>", "");
    assert_eq!(a.author.as_deref(), Some("Bay Times Online"));
    let a = with(
        publisher,
        "",
        "<p>Source: Harbour Office, Port Authority</p>",
    );
    assert_eq!(a.author.as_deref(), Some("Bay Times Online"));
    // A press release names its issuer above the text.
    let a = with("", "<h6>Herausgeber: Harbour Ferries AG</h6>", "");
    assert_eq!(a.author.as_deref(), Some("Harbour Ferries AG"));
    // Wire copy credits its agency after the dateline's place or at the end of the text.
    let a = with(
        "",
        "<p>Hamburg (dpa/lno) – The ferry pier closes today.</p>",
        "",
    );
    assert_eq!(a.author.as_deref(), Some("dpa/lno"));
    let a = with("", "", "<p>The pier reopens in May. (BT mit dpa)</p>");
    assert_eq!(a.author.as_deref(), Some("BT mit dpa"));
    // An acronym closing a sentence names what it spoke of, even a wire's name.
    let a = with(
        "",
        "",
        "<p>The photo was taken by the Associated Press (AP)</p>",
    );
    assert_eq!(a.author, None);
    let a = with(
        "",
        "",
        "<p>The fine came from the European Central Bank (ECB)</p>",
    );
    assert_eq!(a.author, None);
    // The credit beats a teaser's byline, but a person named by the post beats the credit.
    let teaser = r#"<aside class="teaser"><p class="byline">Kultur | 19.10.19</p></aside>"#;
    let a = html(&format!(
        "<html><body><article>{}<p>Quelle: BAY RADIO/ls</p></article>{teaser}</body></html>",
        article_html()
    ));
    assert_eq!(a.author.as_deref(), Some("BAY RADIO/ls"));
    let a = with(
        r#"<meta name="author" content="Jo Smith">"#,
        "",
        "<p>Quelle: BAY RADIO/ls</p>",
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
}

#[test]
fn author_under_a_label_heading_without_a_colon() {
    let a = page_with(
        "",
        r#"<section class="meta"><h4>Autor</h4><p><a href="/profil/jo">Jo Smith</a></p></section>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    // A widget titled "Author" lists the blog's pages.
    let a = page_with(
        "",
        r#"<div class="widget"><h2 class="widgettitle">Author</h2><ul><li><a href="/about">Über-Ich</a></li></ul></div>"#,
    );
    assert_eq!(a.author, None);
}

#[test]
fn author_signing_the_text_when_no_byline_names_one() {
    let signed = |close: &str| {
        html(&format!(
            r#"<html><body><article>{}{close}</article><footer class="site-footer"><a href="/imprint">Imprint</a></footer></body></html>"#,
            article_html()
        ))
        .author
    };
    assert_eq!(signed("<p>Jo Smith</p>").as_deref(), Some("Jo Smith"));
    assert_eq!(
        signed("<p>Kazım TÜRKMEN<br>Vorsitzender des Vereins</p>").as_deref(),
        Some("Kazım TÜRKMEN")
    );
    assert_eq!(
        signed("<p>Benni<br>10. September 2017</p>").as_deref(),
        Some("Benni")
    );
    // A word alone, a wish, a label with its date: no signatures.
    assert_eq!(signed("<p>Ende</p>"), None);
    assert_eq!(signed("<p>Viel Glück!</p>"), None);
    assert_eq!(signed("<p>Letzte Änderung</p><p>12.03.2020</p>"), None);
    // A name-like line with the story going on after it signs nothing.
    let a = html(&format!(
        "<html><body><article><p>Harbour Office</p>{}</article></body></html>",
        article_html()
    ));
    assert_eq!(a.author, None);
}

#[test]
fn author_named_by_the_box_about_them() {
    let a = page_with(
        "",
        r#"<div class="author-bio"><h3>Über den Autor</h3><h4>Jo Smith</h4><p>Jo writes about harbours.</p></div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    // A byline beats the box, which may be about the site's owner.
    let a = page_with(
        r#"<meta name="author" content="Bo Chen">"#,
        r#"<div class="author-bio"><h3>Jo Smith</h3></div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Bo Chen"));
}

#[test]
fn author_after_a_byline_word_in_an_element_of_its_own() {
    let a = page_with(
        "",
        r#"<div class="meta"><p class="label"><strong>By</strong></p><p class="full-name">Jo Smith</p></div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    // The first name of a JSON-LD author gives way to the full name the byline gives.
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Jo"}}</script>"#;
    let a = page_with(ld, r#"<p>By</p><p>Jo Smith</p>"#);
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
}

#[test]
fn author_first_name_or_handle_gives_way_to_the_full_name_the_page_gives() {
    // The author box opens with the full name.
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Jo"}}</script>"#;
    let bio = r#"<div class="author-box"><div class="author-box-name">Jo</div><div class="author-box-bio">Jo Smith - engineer, sailor and since 2002 on the ferries.</div></div>"#;
    let a = html(&format!(
        "<html><head>{ld}</head><body><article>{}</article>{bio}</body></html>",
        article_html()
    ));
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    // A handle's parts are the first and last word of a name in the text.
    for handle in ["jo.smith", "jo_smith"] {
        let ld = format!(
            r#"<script type="application/ld+json">{{"@type":"NewsArticle","author":{{"@type":"Person","name":"{handle}"}}}}</script>"#
        );
        let a = html(&format!(
            "<html><head>{ld}</head><body><article>{}<p>The pier will close in May. (Jo P. Smith)</p></article></body></html>",
            article_html()
        ));
        assert_eq!(a.author.as_deref(), Some("Jo P. Smith"), "{handle}");
    }
    // Not a namesake the text mentions for a first name alone, nor a handle's look-alike.
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Jo"}}</script>"#;
    let a = html(&format!(
        "<html><head>{ld}</head><body><article>{}<p>Jo Brown, a ferry pilot, said the pier had served well.</p></article></body></html>",
        article_html()
    ));
    assert_eq!(a.author.as_deref(), Some("Jo"));
}

#[test]
fn author_list_of_a_byline_wins_over_a_meta_naming_the_first() {
    let head = r#"<meta name="author" content="Jo Smith">"#;
    let a = page_with(head, r#"<p class="byline">By Jo Smith, Bo Chen</p>"#);
    assert_eq!(a.author.as_deref(), Some("Jo Smith, Bo Chen"));
    // Not a job and an employer after the name.
    let a = page_with(
        head,
        r#"<p class="byline">By Jo Smith, Project Marketing, Google</p>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
}

#[test]
fn author_is_no_blog_title_link_label_or_web_agency() {
    // A blog's title in an element named like a byline.
    let a = page_with(
        "",
        r#"<div class="byline">Jo's Blog For all who sail</div><div class="byline">von jo</div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("jo"));
    // Blogger's profile link in French.
    let a = page_with(
        "",
        r#"<div class="author">Afficher mon profil complet</div>"#,
    );
    assert_eq!(a.author, None);
    // The agency that built the site, in the author meta.
    let a = page_with(
        r#"<meta name="author" content="Web Shop GmbH www.web-shop.de">"#,
        "",
    );
    assert_eq!(a.author, None);
    // Two credit labels before the colon.
    let a = page_with(
        "",
        r#"<div class="article-author"><p>Text und Interview: Jo Smith</p></div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
}

#[test]
fn author_from_a_byline_heading_the_article_text_wins_over_the_posting_account() {
    let head = r#"<meta name="author" content="Bo Chen">"#;
    for (line, name) in [
        ("Von Jo Smith", "Jo Smith"),
        ("Blog Beitrag von Jo Smith", "Jo Smith"),
        ("Ein Interview von Jo Smith mit Cy Dunn.", "Jo Smith"),
    ] {
        let a = html(&format!(
            "<html><head>{head}</head><body><article><p>{line}</p>{}</article></body></html>",
            article_html()
        ));
        assert_eq!(a.author.as_deref(), Some(name), "{line}");
    }
    // Prose that opens with "Von" is no byline.
    let a = html(&format!(
        "<html><head>{head}</head><body><article><p>Von Anfang an war klar, dass der Hafen schließt.</p>{}</article></body></html>",
        article_html()
    ));
    assert_eq!(a.author.as_deref(), Some("Bo Chen"));
}

#[test]
fn author_loses_a_date_glued_to_the_name() {
    let a = page_with("", "<p>von Jo Smith<span>13.12.2022 - 08:13 Uhr</span></p>");
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
}

#[test]
fn author_bylines_lose_update_stamps_glued_months_and_soft_hyphens() {
    for (byline, name) in [
        ("By Jo Smith Last updated 29 Apr 2022", "Jo Smith"),
        ("By Jo Smith/June 7, 2021 11:42 am EST", "Jo Smith"),
        ("Von Jo\u{ad}han\u{ad}na Smith", "Johanna Smith"),
    ] {
        let a = page_with("", &format!(r#"<div class="author">{byline}</div>"#));
        assert_eq!(a.author.as_deref(), Some(name), "{byline}");
    }
}

#[test]
fn author_first_name_gives_way_to_no_site_name() {
    // "Harbour Notes" names the blog, not the fuller name of "Harbour".
    let a = page_with(
        r#"<meta property="og:site_name" content="Harbour Notes">"#,
        r#"<div class="author">Harbour</div><div class="author">Harbour Notes</div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Harbour"));
}

#[test]
fn author_from_the_name_opening_the_author_box_before_a_copyright_holder() {
    let page = |bio: &str| {
        html(&format!(
            r#"<html><body><article>{}</article><div class="author-bio"><h3>{bio}</h3><p>Writes on harbours and ferries.</p></div>
            <footer><p>© 2020 Harbour Media</p></footer></body></html>"#,
            article_html()
        ))
    };
    assert_eq!(page("Jo Smith").author.as_deref(), Some("Jo Smith"));
    // Not a heading that is no name.
    assert_eq!(page("Über den Autor").author.as_deref(), None);
}

#[test]
fn author_is_no_link_label_of_a_copyright_page() {
    // "Copyright Policy" links to a page; a notice has the sign, a year or a colon.
    let a = page_with("", "<footer><p>Copyright Policy</p></footer>");
    assert_eq!(a.author, None);
    let a = page_with("", "<footer><p>Copyright: Ann Lee</p></footer>");
    assert_eq!(a.author.as_deref(), Some("Ann Lee"));
}

#[test]
fn author_bylines_lose_a_capitalised_category_and_a_lone_full_stop() {
    for (byline, name) in [
        ("Von Jo Smith In Aktuell", "Jo Smith"),
        ("By Jo Smith .", "Jo Smith"),
    ] {
        let a = page_with("", &format!(r#"<div class="author">{byline}</div>"#));
        assert_eq!(a.author.as_deref(), Some(name), "{byline}");
    }
}

#[test]
fn author_login_of_a_json_ld_person_is_written_as_the_name() {
    let ld = |name: &str| {
        format!(
            r#"<script type="application/ld+json">{{"@type":"NewsArticle","author":{{"@type":"Person","name":"{name}"}}}}</script>"#
        )
    };
    let a = page_with(&ld("ann.smith"), "");
    assert_eq!(a.author.as_deref(), Some("Ann Smith"));
    // Not a domain, initials, or a name written in mixed case.
    for name in ["harbour.de", "sv_team", "Jo.McSmith"] {
        let a = page_with(&ld(name), "");
        assert_eq!(a.author.as_deref(), Some(name));
    }
}

#[test]
fn author_loses_the_post_format_and_the_about_of_an_author_box() {
    let a = page_with(
        "",
        r#"<div class="author">Veröffentlicht am 24. Januar 2020 von Jo Smith Standard</div>"#,
    );
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
    let a = html(&format!(
        r#"<html><body><article>{}</article><div class="author-bio"><h3>Über Jo Smith</h3><p>Writes on harbours and ferries.</p></div></body></html>"#,
        article_html()
    ));
    assert_eq!(a.author.as_deref(), Some("Jo Smith"));
}
