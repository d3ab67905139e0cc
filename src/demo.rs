//! The demo journal: a few months of a manager's work — cycles, experiments (some due), check-ins
//! and other reflections, notes — plus a mentor's comments and a peer's shared records, so a
//! newcomer or a mentor can try everything without touching a real journal.

use std::path::Path;

use chrono::{DateTime, Duration, Utc};

use crate::exchange::ImportInto as _;
use crate::exchange::{self, Scope, Selection};
use crate::generate;
use crate::journal::{JournalMeta, Language};
use crate::prompts::Library;
use crate::record::{Comment, JournalId, RecordId, Visibility};
use crate::store::{Journal, StoreError};

/// How many records the demo manager has written.
const RECORDS: usize = 320;
/// How many records the demo peer shares.
const PEER_RECORDS: usize = 60;

/// Makes the demo journal in `dir` (a new or empty folder), in `lang`, as of `now`.
pub fn fill(
    dir: &Path,
    lang: Language,
    library: &Library,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let name = match lang {
        Language::English => "Anna (demo)",
        Language::Danish => "Anna (demo)",
    };
    let journal = Journal::create(dir, JournalMeta::new(name, lang, now - Duration::days(90)))?;
    let records = generate::journal(2026, RECORDS, journal.meta().id, now, Some(lang), library);
    journal.insert_batch(&records)?;

    // A mentor has commented on some of what Anna shared.
    let mentor = JournalId::new_at(now - Duration::days(200));
    let remarks = match lang {
        Language::English => [
            "What did the citizens say in their own words?",
            "Where did you hold on to control here, and why?",
            "Good experiment. Who else could you invite next time?",
        ],
        Language::Danish => [
            "Hvad sagde borgerne med deres egne ord?",
            "Hvor holdt du fast i kontrollen her, og hvorfor?",
            "Godt eksperiment. Hvem kunne du ellers invitere næste gang?",
        ],
    };
    let shared: Vec<_> = records
        .iter()
        .filter(|r| r.visibility != Visibility::Private)
        .rev()
        .take(12)
        .collect();
    for (n, r) in shared.iter().enumerate().step_by(4) {
        let at = r.created + Duration::hours(20);
        journal.add_comment(&Comment {
            id: RecordId::new_at(at),
            on: r.id,
            author: mentor,
            author_name: "Mette (mentor)".into(),
            created: at,
            text: remarks[n / 4 % remarks.len()].to_string(),
        })?;
    }

    // A peer in the learning network has shared some of theirs.
    let peer = JournalMeta::new("Bo (network)", lang, now - Duration::days(300));
    let peer_records = generate::journal(7, PEER_RECORDS, peer.id, now, Some(lang), library);
    let file = exchange::export(
        &peer,
        Scope::Network,
        &Selection::default(),
        peer_records,
        Vec::new(),
        now,
    );
    let incoming = exchange::read("demo-peer", &file.to_json(), journal.meta().id)
        .expect("the demo's own export reads back");
    journal.import(&incoming, false)?;
    Ok(())
}
