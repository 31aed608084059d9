use super::date::{stamp_zone, written_date};
use super::title::strip_site_suffix;
use super::*;

#[test]
fn dates_in_common_shapes() {
    let d = |s| parse_date(s).map(|d| d.to_string());
    assert_eq!(d("2016-12-14T08:30:00+01:00"), Some("2016-12-14".into()));
    assert_eq!(d("2016-12-14T23:30:00-05:00"), Some("2016-12-14".into()));
    assert_eq!(
        d("Wed, 14 Dec 2016 10:00:00 +0000"),
        Some("2016-12-14".into())
    );
    assert_eq!(d("December 14, 2016"), Some("2016-12-14".into()));
    assert_eq!(d("14.12.2016"), Some("2016-12-14".into()));
    assert_eq!(d("2016-12-14 10:00:00 CET"), Some("2016-12-14".into()));
    assert_eq!(d("yesterday"), None);
    assert_eq!(d("0001-01-01"), None);
}

#[test]
fn timestamp_zones() {
    assert_eq!(stamp_zone("2022-05-04T00:25:56Z"), Some((25, 0)));
    assert_eq!(stamp_zone("Wed, 04 May 2022 02:41:00 GMT"), Some((161, 0)));
    assert_eq!(stamp_zone("2021-11-04T23:00Z"), Some((23 * 60, 0)));
    assert_eq!(stamp_zone("2022-05-03T23:37:37-04:00"), Some((1417, -240)));
    assert_eq!(stamp_zone("2019-06-17T18:28:00+0200"), Some((1108, 120)));
    assert_eq!(stamp_zone("2023-11-08 16:43:30"), None);
    assert_eq!(stamp_zone("2022-05-03"), None);
}

#[test]
fn title_suffix_is_cut_only_when_short() {
    assert_eq!(
        strip_site_suffix("Rebels break truce | The Site", None),
        "Rebels break truce"
    );
    assert_eq!(
        strip_site_suffix("Rebels break truce - World - Daily News", None),
        "Rebels break truce"
    );
    assert_eq!(
        strip_site_suffix("A - B is a long headline about things", None),
        "A - B is a long headline about things"
    );
    assert_eq!(
        strip_site_suffix("Ann Lee's Notes | Rebels break truce in the north", None),
        "Rebels break truce in the north"
    );
}

#[test]
fn json_ld_graph_author_and_date() {
    let ld = JsonLd::parse(&[r#"{"@graph":[{"@type":"WebSite","name":"X"},
        {"@type":"NewsArticle","headline":"H","datePublished":"2020-01-02T03:04:05Z",
         "author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chen"}]}]}"#
        .to_string()]);
    assert_eq!(ld.headline.as_deref(), Some("H"));
    assert_eq!(ld.date_published.as_deref(), Some("2020-01-02T03:04:05Z"));
    assert_eq!(ld.authors, vec!["Ann Lee", "Bo Chen"]);
}

#[test]
fn json_ld_how_to_dates_the_page_but_its_name_is_no_headline() {
    let ld = JsonLd::parse(&[r#"{"@type":"HowTo","name":"Tischdecke",
        "datePublished":"2022-01-10T22:06:08Z","dateModified":"2022-02-01",
        "author":{"@type":"Person","name":"Ann Lee"}}"#
        .to_string()]);
    assert_eq!(ld.date_published.as_deref(), Some("2022-01-10T22:06:08Z"));
    assert_eq!(ld.date_modified.as_deref(), Some("2022-02-01"));
    assert_eq!(ld.authors, vec!["Ann Lee"]);
    assert_eq!(ld.headline, None);
}

#[test]
fn json_ld_author_by_reference() {
    // Yoast names the Person once in the graph and refers to it from the article.
    let ld = JsonLd::parse(&[r#"{"@graph":[
        {"@type":"Article","headline":"H","author":{"@id":"https://x.example/#/schema/person/1"}},
        {"@type":"WebSite","@id":"https://x.example/#website","name":"X"},
        {"@type":"Person","@id":"https://x.example/#/schema/person/1","name":"Ann Lee"}]}"#
        .to_string()]);
    assert_eq!(ld.authors, vec!["Ann Lee"]);
}

#[test]
fn host_of_url() {
    assert_eq!(
        host("https://www.example.com:8080/a/b?c"),
        Some("www.example.com")
    );
    assert_eq!(host("not a url"), None);
}

#[test]
fn written_dates_in_several_languages() {
    let d = |s| written_date(s, false).map(|d| d.to_string());
    assert_eq!(d("Posted on November 22, 2011"), Some("2011-11-22".into()));
    assert_eq!(d("December 29th 2019"), Some("2019-12-29".into()));
    assert_eq!(d("am 23. Juli 2017 um 10:00"), Some("2017-07-23".into()));
    assert_eq!(d("26 Okt 2018"), Some("2018-10-26".into()));
    assert_eq!(d("17 lutego 2020"), Some("2020-02-17".into()));
    assert_eq!(d("3 de mayo de 2022"), Some("2022-05-03".into()));
    assert_eq!(d("26/10/13, 03:48 pm"), Some("2013-10-26".into()));
    assert_eq!(d("2019-08-16"), Some("2019-08-16".into()));
    assert_eq!(d("Wissen26.02.2020Lesedauer"), Some("2020-02-26".into()));
    assert_eq!(d("Kommentare: 12"), None);
    assert_eq!(d("Apr 042013"), Some("2013-04-04".into()));
    assert_eq!(d("15 августа 2016, 13:43"), Some("2016-08-15".into()));
    assert_eq!(d("2 листопада 2021"), Some("2021-11-02".into()));
}

#[test]
fn site_names_from_metadata_and_host() {
    let raw = RawMeta {
        metas: vec![("og:site_name".into(), "Harbour Notes".into())],
        ..RawMeta::default()
    };
    let site = SiteNames::new(&raw, &JsonLd::default(), Some("https://blog.bay.example/x"));
    assert!(site.named_by("Harbour Notes"));
    assert!(site.named_by("bay.example"));
    assert!(!site.named_by("Ferry pier to close"));
    assert_eq!(
        site.strip("Ferry pier to close | Harbour Notes"),
        "Ferry pier to close"
    );
    assert_eq!(
        site.strip("Harbour Notes | Ferry pier to close"),
        "Ferry pier to close"
    );
}

#[test]
fn a_lone_conjunction_is_no_author() {
    assert_eq!(author::clean_author("und"), None);
    assert_eq!(
        author::clean_author("Jo Smith").as_deref(),
        Some("Jo Smith")
    );
}
