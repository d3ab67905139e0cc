//! The demo journal: five weeks of one manager's work, written by hand in each language — two
//! cycles, experiments whose outcomes differ from what was expected, check-ins, an after-action
//! review, a Kolb reflection, two relational-coordination takes on the same counterpart, a
//! weekly review, notes — with a mentor's questions and a peer's shared records, so a newcomer
//! or a mentor can try everything without touching a real journal. Dates are counted back from
//! today; one experiment is due for its look-back today, and yesterday's check-in says what
//! Anna meant to try.
//!
//! The generator (`crate::generate`) stays for benchmarks and tests.

use std::path::Path;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

use crate::journal::{JournalMeta, Language};
use crate::prompts::{Library, build_answers};
use crate::record::{
    Comment, Content, CycleStatus, ExperimentStatus, JournalId, Record, RecordId, SignalMet,
    Visibility,
};
use crate::store::{Journal, StoreError};

/// Makes the demo journal in `dir` (a new or empty folder), in `lang`, as of `now`.
pub fn fill(
    dir: &Path,
    lang: Language,
    library: &Library,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let journal = Journal::create(
        dir,
        JournalMeta::new("Anna (demo)", lang, now - Duration::days(40)),
    )?;
    let mut d = Demo {
        journal: &journal,
        library,
        lang,
        now,
    };
    d.write()
}

/// Text in the demo's language.
fn l(lang: Language, en: &str, da: &str) -> String {
    match lang {
        Language::English => en.to_string(),
        Language::Danish => da.to_string(),
    }
}

struct Demo<'a> {
    journal: &'a Journal,
    library: &'a Library,
    lang: Language,
    now: DateTime<Utc>,
}

impl Demo<'_> {
    fn t(&self, en: &str, da: &str) -> String {
        l(self.lang, en, da)
    }

    /// `days` working days back (a weekend day moves to the Friday before), at `hour`.
    fn at(&self, days: i64, hour: u32) -> DateTime<Utc> {
        let mut day = self.now.date_naive() - Duration::days(days);
        while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            day -= Duration::days(1);
        }
        day.and_hms_opt(hour, 0, 0)
            .expect("a whole hour")
            .and_utc()
            .min(self.now)
    }

    fn day(&self, days: i64) -> NaiveDate {
        self.now.date_naive() + Duration::days(days)
    }

    fn save(&self, mut r: Record, title: String, tags: &[String]) -> Result<Record, StoreError> {
        r.title = title;
        r.set_tags(tags.iter().cloned());
        self.journal.insert(&r)?;
        Ok(r)
    }

    fn cycle(
        &self,
        days: i64,
        title: String,
        question: String,
        goal: String,
    ) -> Result<Record, StoreError> {
        let content = Content::Cycle {
            question,
            status: CycleStatus::Active,
            goal,
            ends: Some(self.day(30)),
            closing: None,
        };
        let r = Record::new(self.journal.meta().id, self.at(days, 8), content);
        self.save(r, title, &[])
    }

    /// A reflection on the prompt set `set`, its answers checked against the set's questions
    /// (a scale takes a number, a choice an option's id).
    #[allow(clippy::too_many_arguments)]
    fn reflection(
        &self,
        days: i64,
        hour: u32,
        set: &str,
        title: String,
        about: (Option<&Record>, Option<&Record>),
        answers: &[(&str, String)],
        visibility: Visibility,
    ) -> Result<Record, StoreError> {
        let prompts = self
            .library
            .get(set)
            .unwrap_or_else(|| panic!("the demo's set {set} is built in"));
        let given: Vec<(String, String)> = answers
            .iter()
            .map(|(q, v)| ((*q).to_string(), v.clone()))
            .collect();
        let answers = build_answers(prompts, &given, &[], self.lang)
            .unwrap_or_else(|e| panic!("the demo's answers to {set} fit its questions: {e}"));
        let content = Content::Reflection {
            set: set.to_string(),
            cycle: about.0.map(|c| c.id),
            experiment: about.1.map(|e| e.id),
            answers,
        };
        let mut r = Record::new(self.journal.meta().id, self.at(days, hour), content);
        r.visibility = visibility;
        self.save(r, title, &[])
    }

    fn comment(
        &self,
        on: &Record,
        days: i64,
        who: (JournalId, &str),
        text: String,
    ) -> Result<(), StoreError> {
        let at = self.at(days, 19);
        self.journal.add_comment(&Comment {
            id: RecordId::new_at(at),
            on: on.id,
            author: who.0,
            author_name: who.1.to_string(),
            created: at,
            text,
            reach: Default::default(),
            signature: None,
        })
    }

    fn write(&mut self) -> Result<(), StoreError> {
        let me = self.journal.meta().id;
        let mentor = (
            JournalId::new_at(self.now - Duration::days(400)),
            "Mette (mentor)",
        );

        // Cycle A: relatives and the visit plan.
        let relatives = self.cycle(
            38,
            self.t("Relatives shape the visit plan", "Pårørende former besøgsplanen"),
            self.t(
                "How can relatives help shape the weekly visit plan in home care?",
                "Hvordan kan pårørende være med til at forme den ugentlige besøgsplan i hjemmeplejen?",
            ),
            self.t(
                "Learn what relatives can bring that the plan lacks.",
                "Lære, hvad de pårørende kan bidrage med, som planen mangler.",
            ),
        )?;
        let tag_relatives = self.t("relatives", "pårørende");
        let tag_trust = self.t("trust", "tillid");

        self.checkin(
            35,
            &relatives,
            self.t("Check-in: the complaint about Friday", "Check-in: klagen over fredag"),
            self.t(
                "Mrs. Jensen's daughter called, angry that the Friday visit came at 7 instead of 9.",
                "Fru Jensens datter ringede, vred over, at fredagsbesøget kom kl. 7 i stedet for 9.",
            ),
            self.t(
                "I started defending the route plan before she had finished. She knows her mother's mornings better than we do.",
                "Jeg begyndte at forsvare køreplanen, før hun var færdig. Hun kender sin mors morgener bedre end vi gør.",
            ),
            "2",
            self.t(
                "Ask a relative what would work before explaining what cannot.",
                "Spørge en pårørende, hvad der ville virke, før jeg forklarer, hvad der ikke kan lade sig gøre.",
            ),
        )?;

        let office_hour = {
            let content = Content::Experiment {
                cycle: Some(relatives.id),
                with: vec![
                    self.t("relatives", "pårørende"),
                    self.t("the planning team", "planlægningsteamet"),
                ],
                expectation: self.t(
                    "Mostly complaints about visit times.",
                    "Mest klager over besøgstider.",
                ),
                signal: self.t(
                    "At least five relatives come, and one idea we can use.",
                    "Mindst fem pårørende kommer, og der er én idé, vi kan bruge.",
                ),
                follow_up: Some(self.day(-22)),
                status: ExperimentStatus::Done,
                outcome: Some(self.t(
                    "Eight came. Few complaints: three offered to drive their mother or father to the day centre on Fridays, which frees a visit.",
                    "Otte kom. Få klager: tre tilbød at køre deres mor eller far til daghjemmet om fredagen, og det frigør et besøg.",
                )),
                from: None,
                closed: Some(self.at(22, 15)),
                signal_met: Some(SignalMet::Yes),
            };
            let mut r = Record::new(me, self.at(34, 10), content);
            r.visibility = Visibility::Mentor;
            r.body = self.t(
                "Tuesday afternoons in the meeting room at the care centre, coffee on the table, no agenda.",
                "Tirsdag eftermiddag i mødelokalet på plejecentret, kaffe på bordet, ingen dagsorden.",
            );
            self.save(
                r,
                self.t(
                    "Open office hour for relatives",
                    "Åben træffetid for pårørende",
                ),
                std::slice::from_ref(&tag_relatives),
            )?
        };

        self.checkin(
            33,
            &relatives,
            self.t("Check-in: inviting the relatives", "Check-in: invitationen til de pårørende"),
            self.t(
                "Wrote the invitation for the office hour with the planning team and sent it to forty families.",
                "Skrev invitationen til træffetiden sammen med planlægningsteamet og sendte den til fyrre familier.",
            ),
            self.t(
                "The team wanted to add a list of rules about visit times. We left it out.",
                "Teamet ville tilføje en liste med regler om besøgstider. Vi lod den ude.",
            ),
            "3",
            self.t(
                "Tell the team why I want to hear the relatives before we explain anything.",
                "Fortælle teamet, hvorfor jeg vil høre de pårørende, før vi forklarer noget.",
            ),
        )?;

        // Cycle B: trust and the night shift.
        let night = self.cycle(
            27,
            self.t("Trust with the night shift", "Tillid til nattevagten"),
            self.t(
                "Where can I steer the night shift by trust instead of control?",
                "Hvor kan jeg styre nattevagten med tillid i stedet for kontrol?",
            ),
            self.t(
                "Find one thing I check that the team can own.",
                "Finde én ting, jeg kontrollerer, som teamet selv kan eje.",
            ),
        )?;
        let counterpart = self.t("Night shift", "Nattevagten");
        self.reflection(
            26,
            14,
            "relational-coordination",
            self.t(
                "How the night shift works with me",
                "Sådan arbejder nattevagten sammen med mig",
            ),
            (Some(&night), None),
            &[
                ("counterpart", counterpart.clone()),
                (
                    "pathway",
                    self.t(
                        "Citizens sent home from hospital in the evening.",
                        "Borgere, der udskrives fra hospitalet om aftenen.",
                    ),
                ),
                ("frequent", "2".into()),
                ("timely", "2".into()),
                ("accurate", "4".into()),
                ("problem-solving", "3".into()),
                ("shared-goals", "3".into()),
                ("shared-knowledge", "2".into()),
                ("mutual-respect", "3".into()),
                (
                    "strengthen",
                    self.t(
                        "Hear from them how the handover works, instead of reading the log.",
                        "Høre fra dem, hvordan overleveringen foregår, i stedet for at læse loggen.",
                    ),
                ),
            ],
            Visibility::Private,
        )?;

        let rota = {
            let content = Content::Experiment {
                cycle: Some(night.id),
                with: vec![self.t("the night shift", "nattevagten")],
                expectation: self.t(
                    "They will ask me to decide the hard cases anyway.",
                    "De vil alligevel bede mig afgøre de svære tilfælde.",
                ),
                signal: self.t(
                    "A rota handed in without my changes, and no more swaps than usual.",
                    "En vagtplan afleveret uden mine rettelser og ikke flere bytninger end normalt.",
                ),
                follow_up: Some(self.day(0)),
                status: ExperimentStatus::Running,
                outcome: None,
                from: None,
                closed: None,
                signal_met: None,
            };
            let mut r = Record::new(me, self.at(24, 9), content);
            r.visibility = Visibility::Network;
            self.save(
                r,
                self.t(
                    "The night shift plans its own December rota",
                    "Nattevagten lægger selv vagtplanen for december",
                ),
                std::slice::from_ref(&tag_trust),
            )?
        };

        // The office hour's after-action review: it went otherwise than expected.
        let review = self.reflection(
            22,
            15,
            "after-action-review",
            self.t(
                "After the office hour: they came with offers",
                "Efter træffetiden: de kom med tilbud",
            ),
            (Some(&relatives), Some(&office_hour)),
            &[
                (
                    "intended",
                    self.t(
                        "Relatives would tell us what is wrong with the visit times.",
                        "De pårørende ville fortælle os, hvad der er galt med besøgstiderne.",
                    ),
                ),
                (
                    "happened",
                    self.t(
                        "They talked about what they could do themselves: driving, shopping, a phone call on Sundays.",
                        "De talte om, hvad de selv kunne gøre: køre, handle ind, ringe om søndagen.",
                    ),
                ),
                ("signal-showed", "yes".into()),
                (
                    "why",
                    self.t(
                        "We asked what they could bring, not what they wanted changed. The question shaped the answers.",
                        "Vi spurgte, hvad de kunne bidrage med, ikke hvad de ville have ændret. Spørgsmålet formede svarene.",
                    ),
                ),
                (
                    "keep-doing",
                    self.t(
                        "Ask what people can bring before asking what they need.",
                        "Spørge, hvad folk kan bidrage med, før vi spørger, hvad de har brug for.",
                    ),
                ),
                (
                    "next-time",
                    self.t(
                        "Let the planners hear it first-hand, not through me.",
                        "Lade planlæggerne høre det direkte og ikke gennem mig.",
                    ),
                ),
                ("outcome", "adjust".into()),
            ],
            Visibility::Mentor,
        )?;
        self.comment(
            &office_hour,
            21,
            mentor,
            self.t(
                "What made it possible for them to offer instead of complain? Where else could you ask that way?",
                "Hvad gjorde det muligt for dem at tilbyde i stedet for at klage? Hvor ellers kunne du spørge sådan?",
            ),
        )?;

        // The follow-up experiment, from the review.
        let friday = {
            let content = Content::Experiment {
                cycle: Some(relatives.id),
                with: vec![
                    self.t("relatives", "pårørende"),
                    self.t("the planners", "planlæggerne"),
                ],
                expectation: self.t(
                    "The planners will be wary of promises they cannot keep.",
                    "Planlæggerne vil være varsomme med løfter, de ikke kan holde.",
                ),
                signal: self.t(
                    "One Friday plan made together and kept for two weeks.",
                    "Én fredagsplan lagt sammen og holdt i to uger.",
                ),
                follow_up: Some(self.day(3)),
                status: ExperimentStatus::Running,
                outcome: None,
                from: Some(office_hour.id),
                closed: None,
                signal_met: None,
            };
            let mut r = Record::new(me, self.at(21, 9), content);
            r.visibility = Visibility::Mentor;
            self.save(
                r,
                self.t(
                    "Relatives and planners plan the Friday visits together",
                    "Pårørende og planlæggere lægger fredagsbesøgene sammen",
                ),
                std::slice::from_ref(&tag_relatives),
            )?
        };
        let _ = review;

        self.checkin(
            20,
            &night,
            self.t("Check-in: handing over the rota", "Check-in: vagtplanen overdraget"),
            self.t(
                "Gave the night shift the December rota to plan themselves. Two of them looked relieved, one looked worried.",
                "Gav nattevagten vagtplanen for december, så de selv kan lægge den. To af dem så lettede ud, én så bekymret ud.",
            ),
            self.t(
                "I wanted to add 'ask me if in doubt'. I did not, and it was harder than I thought.",
                "Jeg ville tilføje »spørg mig, hvis I er i tvivl«. Det lod jeg være, og det var sværere end ventet.",
            ),
            "4",
            self.t(
                "Not open the rota file until they hand it in.",
                "Lade være med at åbne vagtplanen, før de afleverer den.",
            ),
        )?;

        let handover = {
            let mut r = Record::new(me, self.at(18, 22), Content::Note);
            r.body = self.t(
                "Sat in on the evening handover. Three people, ten minutes, mostly about who needs extra time tonight. Nobody looked at the log I check every morning.",
                "Sad med ved aftenens overlevering. Tre personer, ti minutter, mest om hvem der har brug for ekstra tid i nat. Ingen kiggede i den log, jeg tjekker hver morgen.",
            );
            self.save(
                r,
                self.t("At the 22:00 handover", "Ved overleveringen kl. 22"),
                std::slice::from_ref(&tag_trust),
            )?
        };
        let _ = handover;

        let kolb = self.reflection(
            15,
            16,
            "kolb",
            self.t(
                "The first joint planning meeting",
                "Det første fælles planlægningsmøde",
            ),
            (Some(&relatives), Some(&friday)),
            &[
                (
                    "experience",
                    self.t(
                        "Two relatives, two planners and I planned the Friday visits. The planners did most of the talking.",
                        "To pårørende, to planlæggere og jeg lagde fredagsbesøgene. Planlæggerne talte mest.",
                    ),
                ),
                (
                    "observation",
                    self.t(
                        "The relatives went quiet when the planners explained the rules. From their side, the rules must have sounded like a closed door.",
                        "De pårørende blev stille, da planlæggerne forklarede reglerne. Set fra deres side må reglerne have lydt som en lukket dør.",
                    ),
                ),
                (
                    "conceptualisation",
                    self.t(
                        "Co-creation needs the professionals to hold back their expertise long enough for others to add theirs. I had not prepared the planners for that.",
                        "Samskabelse kræver, at de professionelle holder deres ekspertise tilbage længe nok til, at andre kan bidrage med deres. Det havde jeg ikke forberedt planlæggerne på.",
                    ),
                ),
                (
                    "experimentation",
                    self.t(
                        "Agree with the planners before the next meeting that they ask first and explain later.",
                        "Aftale med planlæggerne før næste møde, at de spørger først og forklarer bagefter.",
                    ),
                ),
                (
                    "how-know",
                    self.t(
                        "The relatives speak at least half the time.",
                        "De pårørende taler mindst halvdelen af tiden.",
                    ),
                ),
            ],
            Visibility::Mentor,
        )?;
        self.comment(
            &kolb,
            14,
            mentor,
            self.t(
                "You saw the rules work as a closed door. Which of them are really fixed, and who decided?",
                "Du så reglerne virke som en lukket dør. Hvilke af dem ligger reelt fast, og hvem har besluttet det?",
            ),
        )?;

        self.checkin(
            13,
            &relatives,
            self.t("Check-in: the planners asked first", "Check-in: planlæggerne spurgte først"),
            self.t(
                "Second Friday meeting. The planners opened with a question, and Mr. Holm's son offered to take the Sunday phone call.",
                "Andet fredagsmøde. Planlæggerne åbnede med et spørgsmål, og hr. Holms søn tilbød at tage søndagsopkaldet.",
            ),
            self.t(
                "The planners looked surprised at how much there was to gain from listening.",
                "Planlæggerne så overraskede ud over, hvor meget der var at hente ved at lytte.",
            ),
            "4",
            self.t(
                "Thank the planners for holding back, in front of the team.",
                "Takke planlæggerne for at holde sig tilbage, så hele teamet hører det.",
            ),
        )?;
        self.checkin(
            9,
            &night,
            self.t("Check-in: a swap without me", "Check-in: en bytning uden mig"),
            self.t(
                "Two night nurses swapped a shift and told me afterwards. Before, they would have asked.",
                "To nattesygeplejersker byttede en vagt og fortalte mig det bagefter. Før ville de have spurgt.",
            ),
            self.t(
                "My first reaction was to check the swap. I noticed it and let it be.",
                "Min første reaktion var at tjekke bytningen. Jeg lagde mærke til det og lod det være.",
            ),
            "4",
            self.t(
                "Ask the night shift what they need from me, instead of what I need from them.",
                "Spørge nattevagten, hvad de har brug for fra mig, i stedet for hvad jeg har brug for fra dem.",
            ),
        )?;

        self.reflection(
            6,
            14,
            "relational-coordination",
            self.t(
                "The night shift, three weeks on",
                "Nattevagten, tre uger efter",
            ),
            (Some(&night), None),
            &[
                ("counterpart", counterpart),
                (
                    "pathway",
                    self.t(
                        "Citizens sent home from hospital in the evening.",
                        "Borgere, der udskrives fra hospitalet om aftenen.",
                    ),
                ),
                ("frequent", "3".into()),
                ("timely", "3".into()),
                ("accurate", "4".into()),
                ("problem-solving", "4".into()),
                ("shared-goals", "3".into()),
                ("shared-knowledge", "3".into()),
                ("mutual-respect", "4".into()),
                (
                    "strengthen",
                    self.t(
                        "Ask the day team to join one evening handover, so each knows the other's work.",
                        "Bede dagholdet deltage i én aftenoverlevering, så de kender hinandens arbejde.",
                    ),
                ),
            ],
            Visibility::Private,
        )?;

        self.reflection(
            4,
            15,
            "weekly-review",
            self.t("The week: offers, not complaints", "Ugen: tilbud, ikke klager"),
            (None, None),
            &[
                (
                    "experiments",
                    self.t(
                        "The Friday plan with relatives is running; the night shift's rota comes due for its look-back in a few days.",
                        "Fredagsplanen med de pårørende kører; nattevagtens vagtplan skal følges op om få dage.",
                    ),
                ),
                (
                    "learned",
                    self.t(
                        "People bring more when the question is about what they can do.",
                        "Folk bidrager med mere, når spørgsmålet handler om, hvad de kan gøre.",
                    ),
                ),
                (
                    "citizens",
                    self.t(
                        "Mrs. Jensen's daughter now drives her to the day centre; it freed a Friday visit for someone who needed it.",
                        "Fru Jensens datter kører hende nu til daghjemmet; det frigjorde et fredagsbesøg til en, der havde brug for det.",
                    ),
                ),
                ("energy", "4".into()),
                (
                    "continue",
                    self.t(
                        "Asking what people can bring.",
                        "At spørge, hvad folk kan bidrage med.",
                    ),
                ),
                (
                    "carry",
                    self.t(
                        "Let the planners run the next meeting with relatives without me.",
                        "Lade planlæggerne holde det næste møde med de pårørende uden mig.",
                    ),
                ),
            ],
            Visibility::Private,
        )?;

        self.checkin(
            1,
            &night,
            self.t("Check-in: the rota came in", "Check-in: vagtplanen er kommet"),
            self.t(
                "The night shift handed in the December rota, a day early. It has a new pattern for Fridays I would not have thought of.",
                "Nattevagten afleverede vagtplanen for december en dag før tid. Den har et nyt mønster for fredage, som jeg ikke selv ville have fundet på.",
            ),
            self.t(
                "I wanted to go through it line by line. Instead I asked what they had weighed.",
                "Jeg ville gennemgå den linje for linje. I stedet spurgte jeg, hvad de havde lagt vægt på.",
            ),
            "5",
            self.t(
                "Tell the night shift the rota stands as they made it.",
                "Sige til nattevagten, at vagtplanen står, som de har lagt den.",
            ),
        )?;

        // A peer in the learning network: Bo shares some of his, and asks about the rota.
        let bo = JournalMeta::new(
            self.t("Bo (network)", "Bo (netværk)"),
            self.lang,
            self.now - Duration::days(300),
        );
        self.comment(
            &rota,
            8,
            (bo.id, &bo.author_name),
            self.t(
                "How did you keep yourself from checking the rota before it was done? I find that the hardest part.",
                "Hvordan holdt du dig fra at tjekke vagtplanen, før den var færdig? Det synes jeg selv er det sværeste.",
            ),
        )?;
        let peer = self.peer_records(&bo);
        let file = crate::exchange::export(
            &bo,
            crate::exchange::Scope::Network,
            &crate::exchange::Selection::default(),
            peer,
            Vec::new(),
            self.now,
        );
        let incoming = crate::exchange::read("demo-peer", &file.to_json(), self.journal.meta().id)
            .expect("the demo's own export reads back");
        crate::exchange::ImportInto::import(self.journal, &incoming, false)?;
        Ok(())
    }

    /// A check-in: what happened, what was noticed, how much the people concerned shaped it,
    /// what to try tomorrow.
    #[allow(clippy::too_many_arguments)]
    fn checkin(
        &self,
        days: i64,
        cycle: &Record,
        title: String,
        happened: String,
        noticed: String,
        voice: &str,
        tomorrow: String,
    ) -> Result<Record, StoreError> {
        self.reflection(
            days,
            17,
            crate::flow::DAILY_CHECKIN,
            title,
            (Some(cycle), None),
            &[
                ("happened", happened),
                ("noticed", noticed),
                ("voice", voice.to_string()),
                ("try-tomorrow", tomorrow),
            ],
            Visibility::Private,
        )
    }

    /// Bo's shared records: a walk, an experiment with its outcome, a check-in.
    fn peer_records(&self, bo: &JournalMeta) -> Vec<Record> {
        let mut walk = Record::new(bo.id, self.at(30, 11), Content::Note);
        walk.title = self.t(
            "Walking the district with the residents' group",
            "Gåtur i kvarteret med beboergruppen",
        );
        walk.body = self.t(
            "They showed me the benches nobody uses and the one everybody does. We talk about the square in the wrong places.",
            "De viste mig de bænke, ingen bruger, og den ene, alle bruger. Vi taler om pladsen de forkerte steder.",
        );
        let mut evening = Record::new(
            bo.id,
            self.at(19, 10),
            Content::Experiment {
                cycle: None,
                with: vec![self.t("residents", "beboere")],
                expectation: self.t(
                    "A quiet evening with the usual five voices.",
                    "En stille aften med de sædvanlige fem stemmer.",
                ),
                signal: self.t(
                    "Someone new speaks first.",
                    "En ny tager ordet først.",
                ),
                follow_up: Some(self.day(-10)),
                status: ExperimentStatus::Done,
                outcome: Some(self.t(
                    "Thirty came. The residents chaired it themselves; the first to speak was a girl of fourteen.",
                    "Tredive kom. Beboerne ledte selv mødet; den første, der tog ordet, var en pige på fjorten.",
                )),
                from: None,
                closed: Some(self.at(10, 12)),
                signal_met: Some(SignalMet::Yes),
            },
        );
        evening.title = self.t(
            "Residents host the budget evening",
            "Beboerne er værter for budgetaftenen",
        );
        let mut note = Record::new(bo.id, self.at(5, 16), Content::Note);
        note.title = self.t(
            "What the residents' group asked of me",
            "Hvad beboergruppen bad mig om",
        );
        note.body = self.t(
            "Not money: a key to the community room, and an answer within a week when they write.",
            "Ikke penge: en nøgle til fælleslokalet og et svar inden for en uge, når de skriver.",
        );
        let mut records = vec![walk, evening, note];
        for r in &mut records {
            r.visibility = Visibility::Network;
        }
        records
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo(lang: Language) -> (tempfile::TempDir, Journal) {
        let dir = tempfile::TempDir::new().unwrap();
        let library = crate::prompts::load(None).library;
        let now = "2026-11-23T15:00:00Z".parse().unwrap();
        fill(dir.path(), lang, &library, now).unwrap();
        let journal = Journal::open(dir.path()).unwrap();
        (dir, journal)
    }

    #[test]
    fn the_demo_has_no_repeated_titles_and_little_due() {
        for lang in [Language::English, Language::Danish] {
            let (_dir, journal) = demo(lang);
            let records: Vec<Record> = journal.newest_first().map(Result::unwrap).collect();
            assert!(records.len() >= 15, "{}", records.len());
            let mut titles: Vec<String> = records.iter().map(Record::display_title).collect();
            titles.sort();
            let before = titles.len();
            titles.dedup();
            assert_eq!(titles.len(), before, "no title twice: {titles:?}");
            let today = "2026-11-23".parse().unwrap();
            let due = journal.due_experiments(today).unwrap();
            assert!(!due.is_empty() && due.len() <= 2, "{}", due.len());
            assert_eq!(journal.foreign_newest_first().unwrap().len(), 3);
        }
    }

    #[test]
    fn the_danish_demo_is_danish_throughout() {
        let (_dir, journal) = demo(Language::Danish);
        let mut text = String::new();
        for r in journal.newest_first().map(Result::unwrap) {
            text.push_str(&serde_json::to_string(&r).unwrap());
        }
        for r in journal.foreign_newest_first().unwrap() {
            text.push_str(&serde_json::to_string(&r).unwrap());
        }
        for c in journal.all_comments().unwrap() {
            text.push_str(&c.text);
            text.push_str(&c.author_name);
        }
        for english in [
            "relatives",
            "night shift",
            "network)",
            "the ",
            " and ",
            "cocreation",
            "trust\"",
        ] {
            assert!(
                !text.contains(english),
                "English in the Danish demo: {english}"
            );
        }
    }

    #[test]
    fn the_english_demo_has_no_danish_tags() {
        let (_dir, journal) = demo(Language::English);
        let tags: Vec<String> = journal
            .tags()
            .unwrap()
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(tags, ["relatives", "trust"]);
    }
}
