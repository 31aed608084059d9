//! Gazetteer: countries with their names, aliases and demonyms; their subdivisions; world cities.
//! The one list of places: entity linking looks names up here, and the recogniser's gazetteer
//! features are built from [`Gazetteer::names`].
//!
//! In: surface forms ("Syrian", "U.S.", "Aleppo"). Out: the country or the candidate areas
//! (subdivisions and cities, with country code, first-level division and coordinates).
//! Countries and subdivisions come from the `keshvar` crate; cities are GeoNames' cities with more
//! than 1,000 people, embedded from `data/geonames/` ([`crate::geonames`]; GeoNames, CC BY 4.0).
//! Built once, lazily, on first use.

use crate::entities::lexicon;
// Built from ~150,000 names at every start: a fast hash keeps start-up short; the keys come from
// the embedded gazetteer, not from input, so hash flooding is no concern.
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A country.
#[derive(Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// The name news uses ("Syria", not "Syrian Arab Republic").
    pub name: String,
    /// Latitude of its centre.
    pub lat: f64,
    /// Longitude of its centre.
    pub lon: f64,
}

/// How a country is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Its name or an alias ("Syria", "U.S.").
    Name,
    /// Its nationality adjective ("Syrian").
    Demonym,
    /// Its people ("Syrians").
    People,
}

/// A name borrowed from the embedded data where it can be: the gazetteer is built at every
/// start, and ~145,000 cities times three names is a lot of allocation.
pub type Name = Cow<'static, str>;

/// Indices in [`Gazetteer::areas`]; most names have one area, which then needs no allocation.
#[derive(Debug)]
enum Indices {
    One(usize),
    Many(Vec<usize>),
}

/// A subdivision or a city.
#[derive(Debug)]
pub struct Area {
    /// Its name.
    pub name: Name,
    /// Country code.
    pub cc: Name,
    /// First-level division it is in (its own name for a subdivision).
    pub admin1: Name,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// A subdivision, a city that gives its name to its division, or a city in a dense cluster
    /// of GeoNames towns (a metropolis): known without context.
    pub major: bool,
    /// Number of GeoNames towns around it, a stand-in for size (the file has no population).
    pub density: u32,
    /// True for a subdivision (state, province, governorate).
    pub subdivision: bool,
    /// True for a city that gives its name to its division ("Aleppo", "New York", "Paris").
    pub eponym: bool,
}

/// All the places the recognizer knows.
#[derive(Debug)]
pub struct Gazetteer {
    /// Countries, in keshvar's order.
    pub countries: Vec<Country>,
    /// Surface form -> country index and form.
    forms: FxHashMap<String, (usize, Form)>,
    /// Areas: subdivisions first, then cities.
    pub areas: Vec<Area>,
    /// Name -> indices in `areas`.
    area_names: FxHashMap<Name, Indices>,
    /// Lower-cased form -> surface form, for names written in capitals ("NEW YORK").
    caseless: FxHashMap<String, String>,
    /// Country code -> number of towns listed.
    towns: FxHashMap<String, u32>,
}

/// Countries with fewer towns listed than this have few towns named like English words, so a
/// town name there is taken as a place when the document names the country.
const SPARSE_COUNTRY: u32 = 1500;

/// Aliases news use that keshvar does not list.
const EXTRA_FORMS: &[(&str, &str, Form)] = &[
    ("U.S.", "US", Form::Name),
    ("US", "US", Form::Name),
    ("U.S.A.", "US", Form::Name),
    ("America", "US", Form::Name),
    ("American", "US", Form::Demonym),
    ("Americans", "US", Form::People),
    ("English", "GB", Form::Demonym),
    ("Scottish", "GB", Form::Demonym),
    ("Welsh", "GB", Form::Demonym),
    ("UK", "GB", Form::Name),
    ("U.K.", "GB", Form::Name),
    ("Britain", "GB", Form::Name),
    ("Great Britain", "GB", Form::Name),
    ("Britons", "GB", Form::People),
    ("UAE", "AE", Form::Name),
    ("U.A.E.", "AE", Form::Name),
    ("Emirati", "AE", Form::Demonym),
    ("Saudi", "SA", Form::Demonym),
    ("Saudis", "SA", Form::People),
    ("Holland", "NL", Form::Name),
    ("Burma", "MM", Form::Name),
    ("Ivory Coast", "CI", Form::Name),
];

/// What a name of the gazetteer names, for the recogniser's features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A country's name or alias ("Syria", "U.S.").
    Country,
    /// A nationality or a people ("Syrian", "Syrians").
    Nationality,
    /// A city or town.
    City,
    /// A state, province or other first-level division.
    Region,
}

/// The gazetteer, built on first use.
pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

impl Gazetteer {
    /// Every name it knows, with what it names: country forms, subdivisions (with their
    /// aliases), cities and the divisions cities lie in.
    pub fn names(&self) -> impl Iterator<Item = (Kind, &str)> {
        let countries = self.forms.iter().map(|(form, &(_, how))| {
            let kind = match how {
                Form::Name => Kind::Country,
                Form::Demonym | Form::People => Kind::Nationality,
            };
            (kind, form.as_str())
        });
        let areas = self.areas.iter().flat_map(|a| {
            let own = if a.subdivision {
                Kind::Region
            } else {
                Kind::City
            };
            let division = (!a.subdivision).then_some((Kind::Region, &*a.admin1));
            std::iter::once((own, &*a.name)).chain(division)
        });
        countries.chain(areas)
    }

    fn build() -> Gazetteer {
        let mut gaz = Gazetteer {
            countries: Vec::new(),
            forms: FxHashMap::default(),
            areas: Vec::new(),
            area_names: FxHashMap::default(),
            caseless: FxHashMap::default(),
            towns: FxHashMap::default(),
        };
        gaz.add_countries();
        gaz.add_subdivisions();
        let first_city = gaz.areas.len();
        // Room for the ~145,000 cities at once: growing the map step by step rehashes it often.
        gaz.areas.reserve(160_000);
        gaz.area_names.reserve(160_000);
        gaz.add_cities();
        gaz.add_density(first_city);
        // Names in capitals are looked up only for countries and places known without context.
        let major = gaz.areas.iter().filter(|a| a.major).map(|a| &*a.name);
        let forms = gaz.forms.keys().map(String::as_str).chain(major);
        gaz.caseless = forms.map(|f| (f.to_lowercase(), f.to_string())).collect();
        gaz
    }

    /// Counts the towns in the 3x3 grid cells (0.2 degrees) around each city; more than
    /// `METROPOLIS` makes the city major.
    fn add_density(&mut self, first_city: usize) {
        const CELL: f64 = 0.2;
        const METROPOLIS: u32 = 100;
        const ROWS: usize = (180.0 / CELL) as usize;
        const COLS: usize = (360.0 / CELL) as usize;
        // A dense grid over the globe: a few MB for a moment, much faster than hashing.
        let cell = |a: &Area| {
            let row = ((a.lat + 90.0) / CELL)
                .floor()
                .clamp(0.0, (ROWS - 1) as f64) as usize;
            let col = ((a.lon + 180.0) / CELL)
                .floor()
                .clamp(0.0, (COLS - 1) as f64) as usize;
            (row, col)
        };
        let mut grid = vec![0u32; ROWS * COLS];
        for a in &self.areas[first_city..] {
            let (row, col) = cell(a);
            grid[row * COLS + col] += 1;
        }
        for a in &mut self.areas[first_city..] {
            let (row, col) = cell(a);
            let mut n = 0;
            for r in row.saturating_sub(1)..=(row + 1).min(ROWS - 1) {
                for c in col.saturating_sub(1)..=(col + 1).min(COLS - 1) {
                    n += grid[r * COLS + c];
                }
            }
            a.density = n;
            a.major |= n > METROPOLIS;
        }
    }

    fn add_countries(&mut self) {
        let mut later: Vec<(String, usize, Form)> = Vec::new();
        for country in keshvar::CountryIterator::new() {
            let idx = self.countries.len();
            let names = country.unofficial_name_list();
            let name = names
                .iter()
                .copied()
                .find(|n| plain(n) && !n.starts_with("The "))
                .unwrap_or(country.iso_short_name());
            let geo = country.geo();
            self.countries.push(Country {
                code: country.alpha2().to_string(),
                name: name.to_string(),
                lat: geo.latitude(),
                lon: geo.longitude(),
            });
            self.forms.insert(name.to_string(), (idx, Form::Name));
            for alias in names.iter().chain([&country.iso_short_name()]) {
                if plain(alias) {
                    later.push((alias.to_string(), idx, Form::Name));
                }
            }
            if let Some(adj) = country.maybe_nationality() {
                later.push((adj.to_string(), idx, Form::Demonym));
                if adj.ends_with('n') || adj.ends_with('i') {
                    later.push((format!("{adj}s"), idx, Form::People));
                }
            }
        }
        for (form, code, kind) in EXTRA_FORMS {
            if let Some(idx) = self.countries.iter().position(|c| c.code == *code) {
                self.forms.insert(form.to_string(), (idx, *kind));
            }
        }
        // Canonical names win over aliases of other countries; then UN members' aliases win
        // ("American" is also the nationality keshvar gives the Northern Mariana Islands).
        let un_member: Vec<bool> = keshvar::CountryIterator::new()
            .map(|c| c.un_member())
            .collect();
        later.sort_by_key(|(_, idx, _)| !un_member.get(*idx).copied().unwrap_or(false));
        for (form, idx, kind) in later {
            self.forms.entry(form).or_insert((idx, kind));
        }
    }

    fn add_subdivisions(&mut self) {
        for country in keshvar::CountryIterator::new() {
            let cc = country.alpha2().to_string();
            for sub in country.subdivisions().values() {
                let name = sub.name();
                let Some(geo) = sub.geo() else { continue };
                let (Some(lat), Some(lon)) = (geo.latitude(), geo.longitude()) else {
                    continue;
                };
                let aliases = sub.unofficial_name_list().iter().copied();
                let mut names: Vec<&str> = std::iter::once(name).chain(aliases).collect();
                names.dedup();
                for alias in names.into_iter().filter(|n| usable_name(n)) {
                    self.push_area(Area {
                        name: Cow::Borrowed(alias),
                        cc: Cow::Owned(cc.clone()),
                        admin1: Cow::Borrowed(name),
                        lat,
                        lon,
                        major: true,
                        density: 0,
                        subdivision: true,
                        eponym: false,
                    });
                }
            }
        }
    }

    fn add_cities(&mut self) {
        let cities: &'static str = crate::geonames::cities_csv();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(cities.as_bytes());
        // Columns: lat, lon, name, admin1, admin2, country code. One record buffer is reused.
        let mut row = csv::ByteRecord::new();
        while reader.read_byte_record(&mut row).unwrap_or(false) {
            // A record without quotes is the very bytes of the file, fields between commas:
            // borrow them. The few dozen quoted records are copied.
            // The reader's position may point at the line break before the record; the ends of
            // the slice must be the first and last fields, else the record is copied.
            let mut start = row.position().map_or(0, |p| p.byte() as usize);
            start += cities.as_bytes()[start.min(cities.len())..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            let raw_len = row.as_slice().len() + row.len().saturating_sub(1);
            let (first, last) = (row.get(0), row.get(row.len().saturating_sub(1)));
            let raw = cities
                .get(start..start + raw_len)
                .filter(|r| !r.contains('"'))
                .filter(|r| first.is_some_and(|f| r.as_bytes().starts_with(f)))
                .filter(|r| last.is_some_and(|l| r.as_bytes().ends_with(l)));
            let field = |i: usize| -> Name {
                let borrowed = raw
                    .and(row.range(i))
                    .and_then(|r| cities.get(start + r.start + i..start + r.end + i));
                match borrowed {
                    Some(f) => Cow::Borrowed(f),
                    None => Cow::Owned(String::from_utf8_lossy(&row[i]).into_owned()),
                }
            };
            if row.len() < 6 {
                continue;
            }
            let (name, admin1, cc) = (field(2), field(3), field(5));
            let (Ok(lat), Ok(lon)) = (field(0).parse::<f64>(), field(1).parse::<f64>()) else {
                continue;
            };
            if !usable_name(&name) {
                continue;
            }
            match self.towns.get_mut(&*cc) {
                Some(n) => *n += 1,
                None => {
                    self.towns.insert(cc.to_string(), 1);
                }
            }
            let eponym = name == admin1 || name == field(4);
            self.push_area(Area {
                name,
                cc,
                admin1,
                lat,
                lon,
                major: eponym,
                density: 0,
                subdivision: false,
                eponym,
            });
        }
    }

    fn push_area(&mut self, area: Area) {
        let idx = self.areas.len();
        match self.area_names.entry(area.name.clone()) {
            Entry::Vacant(slot) => {
                slot.insert(Indices::One(idx));
            }
            Entry::Occupied(mut slot) => {
                let list = slot.get_mut();
                *list = match std::mem::replace(list, Indices::One(0)) {
                    Indices::One(first) => Indices::Many(vec![first, idx]),
                    Indices::Many(mut all) => {
                        all.push(idx);
                        Indices::Many(all)
                    }
                };
            }
        }
        self.areas.push(area);
    }

    /// The country named by `form`, and how.
    pub fn country(&self, form: &str) -> Option<(usize, Form)> {
        self.forms.get(form).copied()
    }

    /// True when the country lists few towns (see [`SPARSE_COUNTRY`]).
    pub fn sparse(&self, cc: &str) -> bool {
        self.towns.get(cc).copied().unwrap_or(0) < SPARSE_COUNTRY
    }

    /// The surface form of a name written in capitals ("NEW YORK" -> "New York").
    pub fn uncapitalised(&self, upper: &str) -> Option<&str> {
        self.caseless.get(&upper.to_lowercase()).map(String::as_str)
    }

    /// Areas named `name`.
    pub fn areas_named(&self, name: &str) -> &[usize] {
        match self.area_names.get(name) {
            None => &[],
            Some(Indices::One(i)) => std::slice::from_ref(i),
            Some(Indices::Many(all)) => all,
        }
    }

    /// Picks the area named `name` that fits the document best: the one its qualifier names
    /// ("Paris, Texas" anywhere in the document), then one in a country the document names (the
    /// most named first), then a city named like its division or a division, then a metropolis,
    /// then the densest cluster of towns.
    pub fn resolve(&self, name: &str, ctx: &Context) -> Option<&Area> {
        let qualifier = ctx.qualifiers.get(name);
        let qualifier_cc = qualifier
            .and_then(|q| self.country(q))
            .map(|(i, _)| &self.countries[i].code);
        // A city named like its division beats the division, which beats towns elsewhere
        // (California the state, not California, Pennsylvania).
        let score = |a: &Area| {
            let mut s = 0;
            if qualifier.is_some_and(|q| *q == a.admin1 && a.admin1 != a.name)
                || qualifier_cc.is_some_and(|cc| *cc == a.cc)
            {
                s += 8;
            }
            if ctx.countries.contains_key(&*a.cc) {
                s += 2;
            }
            if ctx.top.as_ref().is_some_and(|top| *top == a.cc) {
                s += 1;
            }
            if a.subdivision || a.eponym {
                s += 2;
            }
            if a.major && !a.subdivision {
                s += 1;
            }
            s
        };
        let mut best: Option<(&Area, (i32, u32))> = None;
        for &i in self.areas_named(name) {
            let area = &self.areas[i];
            let s = (score(area), area.density);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((area, s));
            }
        }
        best.map(|(a, _)| a)
    }
}

/// What a document says about where it is.
#[derive(Debug, Default)]
pub struct Context {
    /// Country code -> number of mentions.
    pub countries: HashMap<String, u32>,
    /// The most mentioned country.
    pub top: Option<String>,
    /// Place name -> the name after its comma ("Paris" -> "Texas").
    pub qualifiers: HashMap<String, String>,
}

/// A name written in Latin letters without parentheses or commas (keshvar also lists names in
/// other scripts and inverted forms like "Korea (Republic of)").
fn plain(name: &str) -> bool {
    !name.is_empty()
        && name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().all(|c| {
            (c.is_alphabetic() && (c as u32) < 0x250) || matches!(c, ' ' | '-' | '.' | '\'')
        })
}

/// Place names worth matching: capitalised, at least three letters, not a common English word.
fn usable_name(name: &str) -> bool {
    if !plain(name) || name.chars().nth(2).is_none() {
        return false;
    }
    // The lexicon holds single words, and most names are short ASCII: lower-case those on the
    // stack, as the ~145,000 cities are checked at every start.
    if name.contains(' ') {
        return true;
    }
    let mask = lexicon::COMMON | lexicon::DATE | lexicon::TITLE;
    let mut buf = [0u8; 32];
    match buf.get_mut(..name.len()) {
        Some(lower) if name.is_ascii() => {
            lower.copy_from_slice(name.as_bytes());
            lower.make_ascii_lowercase();
            !lexicon::is(std::str::from_utf8(lower).unwrap_or(name), mask)
        }
        _ => !lexicon::is(&name.to_lowercase(), mask),
    }
}
