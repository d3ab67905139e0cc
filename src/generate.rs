//! Deterministic generated journals (seeded): cycles, experiments with look-back dates and
//! outcomes, reflections answering real prompt sets in English and Danish, notes, tags and all
//! three visibilities — for benchmarks, tests and trying praxis out.

use chrono::{DateTime, Days, Duration, Utc};

use crate::journal::Language;
use crate::prompts::{AnswerKind, Library};
use crate::record::{
    Answer, AnswerValue, Content, CycleStatus, ExperimentStatus, JournalId, Record, RecordId,
    Visibility,
};

/// A small, fast, seeded random source (xorshift64*), so the same seed gives the same journal on
/// every machine and every version of every crate.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A source seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const THEMES_EN: &[&str] = &[
    "Let citizens shape home care",
    "Trust-based steering in the night shift",
    "Relatives as partners at the care centre",
    "Working across the job centre and social services",
    "Co-creating the new library opening hours",
    "Volunteers in the rehabilitation team",
];
const THEMES_DA: &[&str] = &[
    "Lad borgerne forme hjemmeplejen",
    "Tillidsbaseret styring i nattevagten",
    "Pårørende som partnere på plejecentret",
    "Samarbejde på tværs af jobcenter og socialforvaltning",
    "Samskabelse af bibliotekets nye åbningstider",
    "Frivillige i genoptræningsteamet",
];
const QUESTIONS_EN: &[&str] = &[
    "How do I let citizens' ideas really shape our home-care services?",
    "Where can I give the night shift room to act, and what happens when I do?",
    "How do relatives become partners rather than visitors?",
    "What would it take for the citizen's pathway to hold across our two units?",
    "How do users get a real say in when the library is open?",
    "How can volunteers and staff share the rehabilitation work with respect?",
];
const QUESTIONS_DA: &[&str] = &[
    "Hvordan lader jeg borgernes idéer virkelig forme vores hjemmepleje?",
    "Hvor kan jeg give nattevagten handlerum, og hvad sker der, når jeg gør det?",
    "Hvordan bliver pårørende partnere frem for gæster?",
    "Hvad skal der til, for at borgerens forløb hænger sammen på tværs af vores to afdelinger?",
    "Hvordan får brugerne reel indflydelse på, hvornår biblioteket har åbent?",
    "Hvordan kan frivillige og medarbejdere dele genoptræningen med respekt for hinanden?",
];
const TRIES_EN: &[&str] = &[
    "Open office hour for relatives",
    "Let the team plan its own rota",
    "Invite two citizens to the planning meeting",
    "Walk the citizen's pathway with the hospital ward",
    "Ask the council's questions to the users first",
    "Hand the budget for activities to the residents' council",
];
const TRIES_DA: &[&str] = &[
    "Åben træffetid for pårørende",
    "Lad teamet lægge sin egen vagtplan",
    "Inviter to borgere med til planlægningsmødet",
    "Gå borgerens forløb igennem med sygehusafdelingen",
    "Stil byrådets spørgsmål til brugerne først",
    "Giv beboerrådet budgettet til aktiviteter",
];
const SENTENCES_EN: &[&str] = &[
    "Met three relatives at the day centre and they stayed for coffee.",
    "The care workers had more ideas than I expected once I stopped talking.",
    "I noticed how quickly I reached for the answer myself.",
    "The council asked what the users think, and this time we knew.",
    "Handover between the units is still where things fall through.",
    "A volunteer offered to run the Friday café every week.",
    "We agreed on one shared goal for the citizen's whole pathway.",
    "I held on to the decision because I was worried about the budget.",
    "The night shift solved the swap problem without me.",
    "Next time I will ask before I propose anything.",
];
const SENTENCES_DA: &[&str] = &[
    "Mødte tre pårørende i dagcentret, og de blev til kaffe.",
    "Da jeg først holdt op med at tale, havde medarbejderne flere idéer, end jeg havde regnet med.",
    "Jeg lagde mærke til, hvor hurtigt jeg selv greb efter svaret.",
    "Byrådet spurgte, hvad brugerne mener, og denne gang vidste vi det.",
    "Overleveringen mellem afdelingerne er stadig der, hvor tingene falder mellem to stole.",
    "En frivillig tilbød at stå for fredagscaféen hver uge.",
    "Vi blev enige om ét fælles mål for borgerens samlede forløb.",
    "Jeg holdt fast i beslutningen, fordi jeg var bekymret for budgettet.",
    "Nattevagten løste problemet med vagtbytte uden mig.",
    "Næste gang vil jeg spørge, før jeg foreslår noget.",
];
// Tags and with-whom values in each language, as many of each so a seed draws the same.
const TAGS_EN: &[&str] = &[
    "cocreation",
    "trust",
    "relatives",
    "council",
    "across-units",
    "volunteers",
    "citizens",
    "handover",
    "budget",
    "night-shift",
];
const TAGS_DA: &[&str] = &[
    "samskabelse",
    "tillid",
    "pårørende",
    "byrådet",
    "på-tværs",
    "frivillige",
    "borgere",
    "overlevering",
    "budget",
    "nattevagt",
];
const WITH_EN: &[&str] = &[
    "citizens",
    "relatives",
    "care workers",
    "the hospital ward",
    "volunteers",
];
const WITH_DA: &[&str] = &[
    "borgerne",
    "de pårørende",
    "social- og sundhedshjælperne",
    "sygehusafdelingen",
    "de frivillige",
];

/// Text of `sentences` sentences in `lang`.
fn prose(rng: &mut Rng, lang: Language, sentences: usize) -> String {
    let (bank, parts) = match lang {
        Language::English => (SENTENCES_EN, &PARTS_EN),
        Language::Danish => (SENTENCES_DA, &PARTS_DA),
    };
    (0..sentences.max(1))
        .map(|_| {
            if rng.chance(30) {
                rng.pick(bank).to_string()
            } else {
                let [who, did, what, place] = parts.map(|list| *rng.pick(list));
                format!("{who} {did} {what} {place}.")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sentence parts (who, did, what, where) for varied generated text.
const PARTS_EN: [&[&str]; 4] = [
    &[
        "The team",
        "Two care workers",
        "A relative",
        "The unit manager",
        "Our volunteers",
        "The night shift",
        "A resident",
        "The physiotherapist",
        "The citizens' panel",
        "A colleague from the job centre",
        "The district nurse",
        "Marianne from finance",
    ],
    &[
        "suggested",
        "questioned",
        "took over",
        "rearranged",
        "asked about",
        "tested",
        "pushed back on",
        "drew a map of",
        "wrote down",
        "laughed about",
        "rethought",
        "offered to lead",
    ],
    &[
        "the visiting hours",
        "the weekly rota",
        "the handover notes",
        "the Friday café",
        "the transport plan",
        "the meal times",
        "the exercise group",
        "the waiting list",
        "the budget for activities",
        "the discharge meeting",
        "the shared calendar",
        "the garden project",
        "the welcome letter",
        "the home visits",
        "the evening walk",
        "the new booking system",
        "the complaint from last week",
        "the training day",
        "the pilot with the library",
        "the questionnaire",
    ],
    &[
        "at the morning meeting",
        "in the corridor",
        "over coffee",
        "at the residents' council",
        "on the phone",
        "during the home visit",
        "in the staff room",
        "at the district office",
        "after the hearing",
        "on the ward",
        "in the car park",
        "by email",
    ],
];
const PARTS_DA: [&[&str]; 4] = [
    &[
        "Teamet",
        "To sosu-assistenter",
        "En pårørende",
        "Afdelingslederen",
        "Vores frivillige",
        "Nattevagten",
        "En beboer",
        "Fysioterapeuten",
        "Borgerpanelet",
        "En kollega fra jobcentret",
        "Distriktssygeplejersken",
        "Marianne fra økonomi",
    ],
    &[
        "foreslog",
        "stillede spørgsmål ved",
        "overtog",
        "lavede om på",
        "spurgte til",
        "afprøvede",
        "protesterede mod",
        "tegnede et kort over",
        "noterede",
        "grinede af",
        "gentænkte",
        "tilbød at stå for",
    ],
    &[
        "besøgstiderne",
        "vagtplanen",
        "overleveringsnoterne",
        "fredagscaféen",
        "kørselsplanen",
        "spisetiderne",
        "træningsholdet",
        "ventelisten",
        "budgettet til aktiviteter",
        "udskrivningsmødet",
        "den fælles kalender",
        "haveprojektet",
        "velkomstbrevet",
        "hjemmebesøgene",
        "aftenturen",
        "det nye bookingsystem",
        "klagen fra sidste uge",
        "temadagen",
        "forsøget med biblioteket",
        "spørgeskemaet",
    ],
    &[
        "på morgenmødet",
        "på gangen",
        "over en kop kaffe",
        "i beboerrådet",
        "i telefonen",
        "under hjemmebesøget",
        "i personalestuen",
        "på distriktskontoret",
        "efter borgermødet",
        "på afdelingen",
        "på parkeringspladsen",
        "på mail",
    ],
];

fn visibility(rng: &mut Rng) -> Visibility {
    match rng.below(10) {
        0..=5 => Visibility::Private,
        6..=8 => Visibility::Mentor,
        _ => Visibility::Network,
    }
}

fn tags(rng: &mut Rng, lang: Language) -> Vec<String> {
    let bank = match lang {
        Language::English => TAGS_EN,
        Language::Danish => TAGS_DA,
    };
    (0..rng.below(3))
        .map(|_| rng.pick(bank).to_string())
        .collect()
}

/// `count` records by `author`, spread over the days before `end` (about four a day), oldest
/// first, in `lang` (or both languages mixed when `lang` is `None`), answering sets of `library`.
pub fn journal(
    seed: u64,
    count: usize,
    author: JournalId,
    end: DateTime<Utc>,
    lang: Option<Language>,
    library: &Library,
) -> Vec<Record> {
    let mut rng = Rng::new(seed);
    let days = (count / 4).max(1) as u64;
    let start = end - Days::new(days);
    let step_ms = (days * 86_400_000 / count.max(1) as u64).max(1);
    let sets: Vec<_> = library
        .sets()
        .iter()
        .filter(|s| s.id != "plan-experiment")
        .collect();
    let mut out: Vec<Record> = Vec::with_capacity(count);
    let mut cycles: Vec<RecordId> = Vec::new();
    let mut experiments: Vec<(RecordId, Option<RecordId>)> = Vec::new();
    for i in 0..count {
        let when = start
            + Duration::milliseconds((i as u64 * step_ms) as i64)
            + Duration::milliseconds(rng.below(step_ms as usize / 2 + 1) as i64);
        let lang = lang.unwrap_or(if rng.chance(50) {
            Language::English
        } else {
            Language::Danish
        });
        let (themes, questions, tries) = match lang {
            Language::English => (THEMES_EN, QUESTIONS_EN, TRIES_EN),
            Language::Danish => (THEMES_DA, QUESTIONS_DA, TRIES_DA),
        };
        let roll = rng.below(100);
        let cycle =
            (!cycles.is_empty()).then(|| cycles[cycles.len() - 1 - rng.below(cycles.len().min(3))]);
        let (title, body, content) = if cycles.is_empty() || (roll < 2 && rng.chance(15)) {
            let theme = rng.below(themes.len());
            let content = Content::Cycle {
                question: questions[theme].to_string(),
                // Cycles run for a season; older ones are mostly concluded.
                status: if when > end - Days::new(120) || rng.chance(10) {
                    CycleStatus::Active
                } else {
                    CycleStatus::Concluded
                },
                goal: String::new(),
                ends: None,
                closing: None,
            };
            (themes[theme].to_string(), String::new(), content)
        } else if roll < 12 {
            let follow_up = (when + Days::new(7 + rng.below(21) as u64)).date_naive();
            let closed = when < end - Days::new(30);
            let status = match (closed, rng.below(10)) {
                (true, 0) => ExperimentStatus::Dropped,
                (true, _) => ExperimentStatus::Done,
                (false, 0..=4) => ExperimentStatus::Planned,
                (false, _) => ExperimentStatus::Running,
            };
            let content = Content::Experiment {
                cycle,
                with: (0..1 + rng.below(2))
                    .map(|_| {
                        let bank = match lang {
                            Language::English => WITH_EN,
                            Language::Danish => WITH_DA,
                        };
                        rng.pick(bank).to_string()
                    })
                    .collect(),
                expectation: prose(&mut rng, lang, 1),
                signal: prose(&mut rng, lang, 1),
                follow_up: Some(follow_up),
                status,
                outcome: (!status.is_open()).then(|| prose(&mut rng, lang, 2)),
                from: None,
                closed: None,
                signal_met: None,
            };
            (
                rng.pick(tries).to_string(),
                prose(&mut rng, lang, 2),
                content,
            )
        } else if roll < 80 {
            let set = rng.pick(&sets);
            let mut answers = Vec::new();
            for q in &set.questions {
                if q.optional && !rng.chance(60) {
                    continue;
                }
                let value = match &q.kind {
                    AnswerKind::Text => {
                        let n = 1 + rng.below(3);
                        AnswerValue::Text(prose(&mut rng, lang, n))
                    }
                    AnswerKind::Scale { min, max, .. } => {
                        AnswerValue::Scale(min + rng.below((max - min + 1) as usize) as i64)
                    }
                    AnswerKind::Choice { options } => {
                        AnswerValue::Choice(rng.pick(options).id.clone())
                    }
                };
                let why = (q.why.is_some() && rng.chance(50)).then(|| prose(&mut rng, lang, 1));
                answers.push(Answer {
                    question: q.id.clone(),
                    value,
                    why,
                });
            }
            let experiment = experiments
                .last()
                .filter(|_| set.id == "after-action-review")
                .map(|(e, _)| *e);
            let content = Content::Reflection {
                set: set.id.clone(),
                cycle,
                experiment,
                answers,
            };
            (set.title.get(lang).to_string(), String::new(), content)
        } else {
            let n = 2 + rng.below(4);
            let body = prose(&mut rng, lang, n);
            let first = body.split('.').next().unwrap_or("");
            (short_title(first, 40), body, Content::Note)
        };
        let mut r = Record::new(author, when, content);
        r.title = title;
        r.body = body;
        r.visibility = visibility(&mut rng);
        r.set_tags(tags(&mut rng, lang));
        match r.kind() {
            crate::record::Kind::Cycle => cycles.push(r.id),
            crate::record::Kind::Experiment => experiments.push((r.id, cycle)),
            _ => {}
        }
        out.push(r);
    }
    out
}

/// `sentence` as a title of at most about `max` characters, cut between words.
fn short_title(sentence: &str, max: usize) -> String {
    let mut title = String::new();
    for word in sentence.split_whitespace() {
        if !title.is_empty() && title.chars().count() + 1 + word.chars().count() > max {
            return title + "…";
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompts::{build_answers, load};
    use crate::record::Kind;
    use chrono::TimeZone;

    #[test]
    fn the_same_seed_gives_the_same_journal_and_answers_fit_their_sets() {
        let library = load(None).library;
        let end = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let author = JournalId::new_at(end);
        let a = journal(7, 400, author, end, None, &library);
        let b = journal(7, 400, author, end, None, &library);
        let strip = |rs: &[Record]| {
            rs.iter()
                .map(|r| (r.title.clone(), r.body.clone(), r.created))
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(&a), strip(&b));
        assert_ne!(
            strip(&a),
            strip(&journal(8, 400, author, end, None, &library))
        );
        assert_eq!(a.len(), 400);
        for kind in Kind::ALL {
            assert!(a.iter().any(|r| r.kind() == kind), "{kind:?}");
        }
        for v in [Visibility::Private, Visibility::Mentor, Visibility::Network] {
            assert!(a.iter().any(|r| r.visibility == v));
        }
        assert!(
            a.windows(2).all(|w| w[0].created <= w[1].created),
            "oldest first"
        );
        assert!(a.iter().all(|r| r.created <= end + Duration::days(1)));
        for r in &a {
            if let Content::Reflection { set, answers, .. } = &r.content {
                let set = library.get(set).unwrap();
                let given: Vec<_> = answers
                    .iter()
                    .map(|x| (x.question.clone(), x.value.to_text()))
                    .collect();
                let whys: Vec<_> = answers
                    .iter()
                    .filter_map(|x| x.why.clone().map(|w| (x.question.clone(), w)))
                    .collect();
                build_answers(set, &given, &whys, Language::English).unwrap();
            }
        }
    }

    #[test]
    fn a_note_title_is_cut_between_words() {
        assert_eq!(short_title("A short one", 40), "A short one");
        assert_eq!(
            short_title("A relative tested the complaint from last week again", 40),
            "A relative tested the complaint from…"
        );
    }
}
