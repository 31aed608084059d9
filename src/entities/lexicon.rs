//! Lexicon: the small closed word classes that tell names from common words and roles apart.
//!
//! In: a lower-cased word. Out: its classes as bit flags. The lists are closed classes (function
//! words, titles, organisation words, nouns that name state bodies or groups, place nouns, speech and
//! action verbs), not names: the names come from the gazetteers and from capitalisation.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Function words and common words that are capitalised at sentence start or in headlines, and
/// common words that are also town names somewhere ("Police", "Mobile", "Reading").
pub const COMMON: u32 = 1;
/// Titles and honorifics before a person's name.
pub const TITLE: u32 = 1 << 1;
/// Words that make a capitalised phrase an organisation.
pub const ORG: u32 = 1 << 2;
/// Nouns for a state's bodies and people; a demonym before them makes its country an actor.
pub const STATE_NOUN: u32 = 1 << 3;
/// Nouns for non-state groups; a demonym before them names the group ("Syrian rebels").
pub const GROUP_NOUN: u32 = 1 << 4;
/// Nouns for places; a demonym before them makes its country a place, a name before them is a place.
pub const PLACE_NOUN: u32 = 1 << 5;
/// Prepositions that put a name in a locative role.
pub const LOC_PREP: u32 = 1 << 6;
/// Speech and action verbs that follow an actor.
pub const VERB: u32 = 1 << 7;
/// Auxiliaries and adverbs that may stand between an actor and its verb.
pub const AUX: u32 = 1 << 8;
/// Months and weekdays.
pub const DATE: u32 = 1 << 9;
/// Lower-case particles inside personal names ("Bashar al-Assad", "Ludwig van Beethoven").
pub const PARTICLE: u32 = 1 << 10;
/// Single words that are organisations on their own (news agencies, seats of government).
pub const ORG_NAME: u32 = 1 << 11;

const COMMON_WORDS: &str = "a about above across actually after afterwards again against all almost \
also although always among an and another any anyone anything are around as at back be because \
been before being below besides between both but by can could despite did do does doing down \
during each earlier either else even ever every everyone everything few for from further had has \
have having he her here hers herself him himself his how however i if in inside instead into is it \
its itself just last later least less like many may me meanwhile might more moreover most much must \
my myself neither never nevertheless next no nobody none nor not nothing now of off often on once \
one only onto or other others otherwise our ours ourselves out over own perhaps please rather \
same several she should since so some somebody someone something sometimes still such than that the \
their theirs them themselves then there therefore these they this those though through throughout \
thus to today together tomorrow too toward towards under unless until up upon us very via was we \
well were what whatever when whenever where whereas wherever whether which while who whoever whom \
whose why will with within without would yes yesterday yet you your yours yourself yourselves \
well oh ok okay hello dear thanks thank sorry yeah anyway indeed clearly certainly surely meanwhile \
first second third new old good bad great big small many more most other \
according ask asked breaking read reading watch see say said says tell told speak learn \
police mobile of march may university college hospital station hope deal media opportunity \
commerce independence liberty union progress victory unity justice concord energy eagle globe \
mountain valley river lake beach island park bay port harbor harbour bridge centre center \
city town village capital state county district province region north south east west central \
northern southern eastern western upper lower middle greater little home house street road \
government army military police rebels rebel people civilians children women men family \
world war peace truce ceasefire cease fire news report update comment comments reply share \
like follow subscribe login sign register search menu video photo photos image images \
man woman boy girl god lord love life death time day week month year years \
spring summer autumn winter christmas easter \
shia sunni muslim muslims christian christians jewish islamic tv \
two three four five six seven eight nine ten eleven twelve twenty hundred hundreds thousand \
thousands million millions dozens several left right full article web photo story";

const TITLE_WORDS: &str =
    "president vice prime minister secretary foreign defence defense interior \
finance chancellor king queen prince princess sheikh emir sultan senator sen rep representative \
governor mayor judge justice pope ambassador envoy chief commander general gen colonel col major \
captain capt lieutenant lt sergeant sgt admiral professor prof reverend rev sir lord lady dame \
mr mrs ms miss dr doctor spokesman spokeswoman spokesperson leader chairman chairwoman director \
ceo founder deputy premier president-elect ayatollah imam bishop archbishop cardinal father \
brother sister saint st gov coach undersecretary officer detective inspector agent activist analyst";

const ORG_WORDS: &str = "ministry department agency army navy council party corp corporation inc \
ltd llc plc co company group bank university college school institute institution foundation \
association union committee commission court parliament congress senate assembly government \
news times post journal herald tribune telegraph guardian gazette press network broadcasting \
airlines airways brigade brigades battalion front movement organisation organization league \
federation alliance fund board office bureau service services police force forces guard guards \
church club team fc hospital authority administration trust society center centre network \
channel radio television magazine house media studios industries holdings motors systems \
technologies labs laboratories international airport aviation railway railways";

const STATE_NOUNS: &str = "government army forces troops military navy air president minister \
ministry officials official authorities regime leader leaders leadership diplomats diplomat \
embassy intelligence defence defense foreign prime state delegation envoy ambassador spokesman \
spokeswoman counterpart counterparts jets warplanes aircraft planes soldiers police parliament \
administration side negotiators security";

const GROUP_NOUNS: &str =
    "rebels rebel opposition activists insurgents militants fighters militias \
militia refugees civilians protesters protestors dissidents jihadists islamists separatists \
migrants workers students journalists groups";

const PLACE_NOUNS: &str = "city town village capital province region district neighbourhood \
neighborhood border borders territory territories coast soil countryside desert governorate \
county suburb suburbs port island islands mountains valley quarter area areas camp";

const LOC_PREPS: &str = "in into inside at near from across throughout within outside around \
toward towards via through";

const VERBS: &str = "said says say insisted insists accused accuses claimed claims denied denies \
warned warns announced announces urged urges threatened threatens rejected rejects agreed agrees \
demanded demands called calls launched launches sent sends deployed backed backs supported \
supports condemned condemns blamed blames told tells vowed vows pledged pledges offered offers \
imposed imposes signed signs refused refuses intervened intervenes attacked attacks struck strikes \
bombed bombs wanted wants asked asks stated states added adds confirmed confirms reported reports \
responded responds breaking broke break traded trade wants sought seeks promised promises \
argued argues insist accuse deny warn announce urge threaten reject agree demand launch \
continued continues admitted admits";

const AUX_WORDS: &str = "has have had is was were are will would could should may might must can \
does did do already also now reportedly again still allegedly apparently then";

const DATE_WORDS: &str = "january february march april may june july august september october \
november december monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun \
jul aug sep sept oct nov dec mon tue wed thu fri sat sun";

const PARTICLES: &str = "al el bin ibn abu de del della der di da van von la le du dos das ben";

const ORG_NAMES: &str = "reuters ap afp bloomberg ft bbc cnn kremlin pentagon nato un eu opec \
who imf unicef unesco interpol hamas hezbollah taliban isis isil fbi cia nsa";

static LEXICON: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, u32> = HashMap::new();
    let classes = [
        (COMMON_WORDS, COMMON),
        (TITLE_WORDS, TITLE),
        (ORG_WORDS, ORG),
        (STATE_NOUNS, STATE_NOUN),
        (GROUP_NOUNS, GROUP_NOUN),
        (PLACE_NOUNS, PLACE_NOUN),
        (LOC_PREPS, LOC_PREP),
        (VERBS, VERB),
        (AUX_WORDS, AUX),
        (DATE_WORDS, DATE),
        (PARTICLES, PARTICLE),
        (ORG_NAMES, ORG_NAME),
    ];
    for (words, flag) in classes {
        for w in words.split_whitespace() {
            *map.entry(w).or_insert(0) |= flag;
        }
    }
    map
});

/// The classes of a lower-cased word (0 when it is in none).
pub fn flags(lower: &str) -> u32 {
    LEXICON.get(lower).copied().unwrap_or(0)
}

/// True when the lower-cased word has any of the `mask` classes.
pub fn is(lower: &str, mask: u32) -> bool {
    flags(lower) & mask != 0
}
