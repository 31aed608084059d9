use super::*;

/// A tiny hand-written corpus (not from any dataset).
const TINY: &str = "-DOCSTART- -X- O O

Marta NNP I-NP I-PER
Oyelaran NNP I-NP I-PER
visited VBD I-VP O
Tromso NNP I-NP I-LOC
for IN I-PP O
Kelvane NNP I-NP I-ORG
Mills NNP I-NP I-ORG
. . O O

Kelvane NNP I-NP I-ORG
hired VBD I-VP O
Oyelaran NNP I-NP I-PER
in IN I-PP O
Tromso NNP I-NP I-LOC
. . O O

-DOCSTART- -X- O O

Tomas NNP I-NP I-PER
Brenn NNP I-NP I-PER
left VBD I-VP O
Kelvane NNP I-NP I-ORG
Mills NNP I-NP I-ORG
for IN I-PP O
Narvik NNP I-NP I-LOC
. . O O
";

fn tiny_model(seed: u64) -> Model {
    let docs = conll::parse(TINY).unwrap();
    let gaz = PlaceNames::new(vec![(place_names::CITY, "Narvik".into())]);
    let opts = TrainOptions {
        epochs: 5,
        seed,
        ..TrainOptions::default()
    };
    train_docs(&docs, None, gaz, Clusters::default(), &opts).unwrap()
}

#[test]
fn training_is_deterministic_and_learns_the_data() {
    let a = tiny_model(7);
    let b = tiny_model(7);
    assert_eq!(a.to_bytes(), b.to_bytes());
    let text = "Marta Oyelaran visited Tromso for Kelvane Mills .";
    let got: Vec<(usize, usize, NerType)> = a
        .find(text)
        .iter()
        .map(|s| (s.start, s.end, s.kind))
        .collect();
    assert_eq!(
        got,
        vec![
            (0, 14, NerType::Person),
            (23, 29, NerType::Location),
            (34, 47, NerType::Organization)
        ]
    );
}

#[test]
fn save_load_round_trip() {
    let model = tiny_model(3);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ner.bin");
    model.save(&path).unwrap();
    let loaded = Model::load(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(loaded.features(), model.features());
    assert_eq!(loaded.to_bytes(), model.to_bytes());
    let text = "Tomas Brenn left Kelvane Mills for Narvik.";
    assert_eq!(loaded.find(text), model.find(text));
}

#[test]
fn load_rejects_garbage() {
    assert!(matches!(
        Model::load(b"not a model"),
        Err(NerError::Model(_))
    ));
    let mut bytes = tiny_model(3).to_bytes();
    bytes.truncate(bytes.len() / 2);
    assert!(Model::load(&bytes).is_err());
}

#[test]
fn find_survives_odd_input() {
    let model = tiny_model(3);
    for text in [
        "",
        "\n\n",
        "....",
        "''s",
        "\u{0}\u{feff}Ünïcödé — “quoted”",
        &"(".repeat(10_000),
    ] {
        for span in model.find(text) {
            assert!(span.start < span.end && span.end <= text.chars().count());
        }
    }
}

#[test]
fn builtin_finds_people_and_places_in_seed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = root.join("../shared/seeds/000_94247b07ada20bb3.txt");
    let Ok(text) = std::fs::read_to_string(&seed) else {
        eprintln!("skipped: {} not found (needs ../shared)", seed.display());
        return;
    };
    let model = Model::builtin().expect("models/ner.bin holds a trained model");
    let spans = model.find(&text);
    let chars: Vec<char> = text.chars().collect();
    let found = |name: &str, kind: NerType| {
        spans
            .iter()
            .any(|s| s.kind == kind && chars[s.start..s.end].iter().collect::<String>() == name)
    };
    assert!(
        found("Sergei Lavrov", NerType::Person),
        "Sergei Lavrov as a person"
    );
    assert!(found("Aleppo", NerType::Location), "Aleppo as a location");
}
