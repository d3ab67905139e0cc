//! A Danish journal on the command line: every kind of command, and the errors a user meets,
//! answered in Danish only; `today` and `show` snapshotted as a Danish leader reads them.

use super::cli::Journal;

/// Words and phrases that only the English messages use; none may reach a Danish journal.
const ENGLISH: &[&str] = &[
    "the ",
    "The ",
    " is ",
    " was ",
    " not ",
    "Nothing",
    "nothing",
    "record",
    "Wrote",
    "Imported",
    "Would ",
    "Shared",
    "skipped",
    "Forgot",
    "Restored",
    "opens whole",
    "Rebuilt",
    "could ",
    "cannot",
    " give ",
    " use ",
    "done",
    "dropped",
    "planned",
    "running",
    "rytme: weekly",
    "rytme: daily",
    "'s ",
    "comment(s)",
    "questions",
    "phase",
    "Comment with",
    "already",
    "must",
    "Saved",
    "Deleted",
    "Started ",
    " and ",
    " or ",
    " with ",
    "Concluded",
    "shows",
    "folder",
    "key ",
    "Journal of",
    "Due",
    "look back",
    "I expect",
    "streak",
    "by month",
    "Warning",
    "dry run",
    " peer",
    " — ",
];

/// Fails when `text`, what `what` printed, carries an English word.
fn danish_only(what: &str, text: &str) {
    for e in ENGLISH {
        assert!(!text.contains(e), "{what} speaks English ({e:?}):\n{text}");
    }
}

/// Runs a command that may exit 0 or 1 (`due`); returns what it printed on stdout and stderr.
fn said(j: &Journal, args: &[&str]) -> String {
    let out = j.cmd(args).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "praxis {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut text = String::from_utf8(out.stdout).unwrap();
    text.push_str(&String::from_utf8(out.stderr).unwrap());
    text
}

#[test]
fn a_danish_journal_runs_every_kind_of_command_in_danish() {
    let (j, ids) = a_morning_in_danish();
    let (cycle, exp) = (&ids[0], &ids[1]);
    let other = j.add(&["add", "experiment", "--title", "Fælles morgenmøde"]);
    let note = j.add(&[
        "add",
        "note",
        "--title",
        "Samtale med de pårørende",
        "--visibility",
        "network",
    ]);
    let folder = |name: &str| j.dir.path().join(name).to_str().unwrap().to_string();
    let (mentor, backup, comments) = (
        folder("m.json"),
        folder("b.json"),
        folder("m.comments.json"),
    );
    let mut runs: Vec<(String, String)> = Vec::new();
    let mut run = |args: &[&str]| runs.push((args.join(" "), said(&j, args)));
    run(&["comment", &note, "God pointe"]);
    run(&["edit", &note, "--title", "Samtale med pårørende"]);
    run(&["edit", &note, "--title", "Samtale med pårørende"]);
    run(&["experiment", "start", exp]);
    run(&["experiment", "done", exp, "--outcome", "De tog ansvaret"]);
    run(&["experiment", "drop", &other, "--outcome", "Ikke nu"]);
    run(&[
        "cycle",
        "conclude",
        cycle,
        "--answer",
        "learned=At slippe kontrollen",
        "--answer",
        "keep=Tilliden",
        "--answer",
        "share=Med teamet",
        "--answer",
        "next=Næste forløb",
    ]);
    run(&["summary", "--cycle", cycle]);
    run(&["summary", "--month", "2026-11"]);
    run(&["summary", "--month"]);
    run(&["calendar", "--output", &folder("k.ics")]);
    run(&["prompts", "list"]);
    run(&["export", "--for", "mentor", "-o", &mentor]);
    run(&["export", "--for", "backup", "-o", &backup]);
    run(&["review", &mentor]);
    run(&[
        "review",
        &mentor,
        "--comment",
        &format!("{exp}=Godt forsøg"),
    ]);
    run(&["import", "--dry-run", &comments]);
    run(&["import", &comments]);
    run(&["--journal", &folder("gendannet"), "restore", &backup]);
    let peer = Journal::new();
    peer.ok(&["init", "--name", "Bo", "--lang", "da"]);
    peer.add(&[
        "add",
        "note",
        "--title",
        "Bos note",
        "--visibility",
        "network",
    ]);
    let net = folder("net");
    std::fs::create_dir(&net).unwrap();
    peer.ok(&["network", "sync", &net]);
    let bo_file = std::fs::read_dir(&net)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".praxis.json"))
        .unwrap();
    run(&["import", "--dry-run", bo_file.to_str().unwrap()]);
    run(&["network", "sync", &net]);
    run(&["network", "sync", &net]);
    let bo = peer.ok(&["journal"]);
    let bo = bo
        .lines()
        .find_map(|l| l.strip_prefix("id"))
        .unwrap()
        .trim();
    run(&["network", "trust", bo]);
    run(&["list", "--peers"]);
    run(&["repair", "--yes"]);
    run(&["journal"]);
    run(&["journal", "set", "--rhythm", "3-om-ugen"]);
    run(&["edit", &note, "--visibility", "netværk"]);
    run(&["delete", &note, "--yes"]);
    run(&["due"]);
    run(&["stats"]);
    run(&["today"]);
    run(&["show", exp]);
    run(&["search", "nattevagtn"]);
    run(&["search", "zxqvw"]);
    run(&["network", "seal", "on"]);
    let all: String = runs.iter().map(|(_, t)| t.as_str()).collect();
    for (want, what) in [
        ("Gemt:", "edit"),
        ("Intet ændret", "edit without a change"),
        ("»Tillid til nattevagten« er afsluttet", "cycle conclude"),
        ("gennemført", "summary"),
        ("stoppet", "summary"),
        ("Skrev 0 datoer", "calendar"),
        ("planlægning 7", "prompts list"),
        ("Skrev 2 poster til din mentor", "export"),
        ("Kommenter med: praxis review", "review"),
        ("Skrev 1 kommentar", "review"),
        (
            "Ville importere kommentarerne fra Anna Holm:",
            "import --dry-run",
        ),
        ("Intet er ændret (prøvekørsel).", "import --dry-run"),
        ("ville blive fastgjort", "import --dry-run of a new key"),
        (
            "Det har jeg lært: november 2026",
            "summary --month, this month",
        ),
        ("Journalen for Anna Holm er gendannet", "restore"),
        ("Bo: 1 tilføjet", "network sync"),
        ("Nøglen fra Bo er ny her", "network sync"),
        ("er uændret: 1 netværkspost", "network sync again"),
        ("er glemt", "network trust"),
        ("der er intet at reparere", "repair"),
        ("skema     1", "journal"),
        ("rytme     3 om ugen", "journal set"),
        ("Slettet: note", "delete"),
        ("0 noter", "stats"),
        (
            "Journal for Anna Holm – mandag den 23. november 2026",
            "today",
        ),
        ("resultat: De tog ansvaret", "show"),
        ("Jeg forventer: De beder mig kun afgøre", "show"),
        ("de nærmeste (ét bogstav forkert)", "search with a typo"),
        ("Intet passer på »zxqvw«", "search for nothing"),
        ("din netværksfil forseglet", "network seal on"),
    ] {
        assert!(all.contains(want), "{what} should say {want:?}:\n{all}");
    }
    for (args, text) in &runs {
        danish_only(args, text);
    }
    // A prompt set's words around its questions (the set's sources are the authors' own).
    let shown = said(&j, &["prompts", "show", "weekly-review"]);
    assert!(
        shown.contains("fase: opsamling · rytme: ugentligt") && shown.contains("– tekst"),
        "{shown}"
    );
    for e in [
        "cadence",
        "source:",
        "— text",
        "scale",
        "may be skipped",
        "can become",
    ] {
        assert!(
            !shown.contains(e),
            "prompts show speaks English ({e}): {shown}"
        );
    }
}

#[test]
fn a_danish_journal_is_told_its_errors_in_danish() {
    let j = Journal::new();
    let init = said(&j, &["init", "--name", "Anna", "--lang", "da"]);
    assert!(init.contains("Startede en journal"), "{init}");
    danish_only("init", &init);
    let cycle = j.add(&[
        "add",
        "cycle",
        "--title",
        "Tillid",
        "--question",
        "Hvordan?",
    ]);
    let exp = j.add(&["add", "experiment", "--title", "Vagtplanen"]);
    let file = |name: &str| j.dir.path().join(name).to_str().unwrap().to_string();
    let (half, missing, no_net) = (
        file("halv.json"),
        file("findes-ikke.json"),
        file("intet-net"),
    );
    std::fs::write(&half, "{").unwrap();
    let mentor = file("m.json");
    j.ok(&["export", "--for", "mentor", "-o", &mentor]);
    let (cycle, exp, mentor) = (cycle.as_str(), exp.as_str(), mentor.as_str());
    let (half, missing, no_net) = (half.as_str(), missing.as_str(), no_net.as_str());
    for (args, danish) in [
        (vec!["show", "ZZZZZZ"], "ingen post har et id"),
        (
            vec!["add", "experiment"],
            "et eksperiment skal have en titel",
        ),
        (vec!["add", "note"], "intet at gemme"),
        (
            vec!["add", "reflection", "--set", "findes-ikke"],
            "intet spørgsmålssæt",
        ),
        (
            vec![
                "add",
                "reflection",
                "--set",
                "daily-checkin",
                "--answer",
                "happened=Møde",
            ],
            "skal besvares – »",
        ),
        (
            vec!["add", "note", "--title", "x", "--visibility", "offentlig"],
            "kender ikke synligheden",
        ),
        (
            vec!["edit", cycle, "--with", "borgere"],
            "gælder kun eksperimenter",
        ),
        (
            vec!["experiment", "done", cycle, "--outcome", "x"],
            "det er et forløb, ikke et eksperiment",
        ),
        (vec!["experiment", "done", exp], "skriv, hvad der skete"),
        (vec!["summary", "--month", "2026-13"], "er ikke en måned"),
        (
            vec!["export", "--for", "chefen"],
            "brug mentor, network eller backup",
        ),
        (vec!["import", missing], "kan ikke læses (den findes ikke)"),
        (vec!["import", half], "er ikke gyldig JSON"),
        (vec!["restore", mentor], "rummer allerede en journal"),
        (
            vec!["review", mentor, "--comment", "uden-lighedstegn"],
            "skriv det som ID=TEKST",
        ),
        (vec!["network", "sync", no_net], "er ikke en mappe"),
        (
            vec!["network", "trust", "ZZZZ"],
            "ingen journal, som praxis kender",
        ),
        (
            vec!["journal", "set", "--keep-backups", "0"],
            "skal være mindst 1",
        ),
        (
            vec!["journal", "set", "--rhythm", "nogle-gange"],
            "kender ikke rytmen",
        ),
        (vec!["delete", exp], "sletning kræver et ja"),
        (vec!["list", "--kind", "ting"], "brug forløb, eksperiment"),
        (
            vec!["prompts", "show", "findes-ikke"],
            "intet spørgsmålssæt",
        ),
        (
            vec!["add", "cycle", "--title", "x", "--ends", "2020-01-01"],
            "allerede passeret",
        ),
        (
            vec!["add", "experiment", "--title", "x", "--from", cycle],
            "et eksperiment bygger på",
        ),
    ] {
        let err = j.fails(&args);
        assert!(
            err.contains(danish),
            "{args:?} should say {danish:?}: {err}"
        );
        danish_only(&format!("{args:?}"), &err);
    }
    // Told in Danish before the journal is opened, too: the journal is looked at for its language.
    let err = j.fails(&["export", "--for", "mentor", "--format", "pdf"]);
    assert!(err.contains("brug json eller markdown"), "{err}");
}

/// A journal of one cycle, an experiment due today with a comment, and a check-in, written at
/// pinned times minutes apart, so the short ids are the same on every run.
fn a_morning_in_danish() -> (Journal, Vec<String>) {
    let mut j = Journal::new();
    j.at("2026-11-23T07:00:00Z")
        .ok(&["init", "--name", "Anna Holm", "--lang", "da"]);
    let cycle = j.at("2026-11-23T07:10:00Z").add(&[
        "add",
        "cycle",
        "--title",
        "Tillid til nattevagten",
        "--question",
        "Hvor kan jeg styre med tillid i stedet for kontrol?",
    ]);
    let exp = j.at("2026-11-23T07:20:00Z").add(&[
        "add",
        "experiment",
        "--title",
        "Nattevagten lægger selv vagtplanen",
        "--cycle",
        &cycle,
        "--with",
        "medarbejdere,pårørende",
        "--expect",
        "De beder mig kun afgøre de svære tilfælde",
        "--signal",
        "Færre spørgsmål til mig om vagtbytte",
        "--follow-up",
        "i dag",
        "--tag",
        "tillid",
        "--visibility",
        "mentor",
    ]);
    let checkin = j.at("2026-11-22T19:00:00Z").add(&[
        "add",
        "reflection",
        "--set",
        "daily-checkin",
        "--answer",
        "happened=Et møde med nattevagten",
        "--answer",
        "noticed=Jeg talte mindre end ellers",
        "--answer",
        "voice=4",
        "--answer",
        "try-tomorrow=Spørge før jeg foreslår",
    ]);
    j.at("2026-11-23T07:30:00Z")
        .ok(&["comment", &exp, "Hvad sagde de ældste i gruppen?"]);
    j.at("2026-11-23T09:00:00Z");
    (j, vec![cycle, exp, checkin])
}

/// `text` with each full id (its last characters are random) named by its place.
fn without_random_ids(text: &str, ids: &[String]) -> String {
    ids.iter().enumerate().fold(text.to_string(), |t, (i, id)| {
        t.replace(id.as_str(), &format!("<id {i}>"))
    })
}

#[test]
fn todays_overview_in_danish() {
    let (j, ids) = a_morning_in_danish();
    let today = j.ok(&["today"]);
    danish_only("today", &today);
    insta::assert_snapshot!("today_da", without_random_ids(&today, &ids));
}

#[test]
fn an_experiment_shown_in_danish() {
    let (j, ids) = a_morning_in_danish();
    let shown = j.ok(&["show", &ids[1]]);
    danish_only("show", &shown);
    insta::assert_snapshot!("show_experiment_da", without_random_ids(&shown, &ids));
}
