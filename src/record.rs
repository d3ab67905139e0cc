//! The journal's records: cycles, experiments, reflections and notes, and what they all share.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ulid::Ulid;

/// A record's time-ordered unique id (a ULID, sortable by creation time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub Ulid);

impl RecordId {
    /// A fresh id whose time part is `at`.
    pub fn new_at(at: DateTime<Utc>) -> Self {
        RecordId(Ulid::from_datetime(std::time::SystemTime::from(at)))
    }

    /// The id as stored and shown: 26 Crockford base-32 characters.
    pub fn to_key(&self) -> String {
        self.0.to_string()
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for RecordId {
    type Err = ulid::DecodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ulid::from_string(s).map(RecordId)
    }
}

/// The id of a journal (one per person), also a ULID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JournalId(pub Ulid);

impl JournalId {
    /// A fresh journal id made at `at`.
    pub fn new_at(at: DateTime<Utc>) -> Self {
        JournalId(RecordId::new_at(at).0)
    }
}

impl fmt::Display for JournalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Who may see a record beyond its owner.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Never leaves the machine, except in a full backup the owner asks for.
    #[default]
    Private,
    /// Shared with the owner's mentor (and so also in mentor exports).
    Mentor,
    /// Shared with the learning network (and with the mentor).
    Network,
}

impl Visibility {
    /// The word used in flags, files and lists.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Private => "private",
            Visibility::Mentor => "mentor",
            Visibility::Network => "network",
        }
    }
}

impl FromStr for Visibility {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "private" | "privat" => Ok(Visibility::Private),
            "mentor" => Ok(Visibility::Mentor),
            "network" | "netværk" | "netvaerk" => Ok(Visibility::Network),
            other => Err(format!(
                "unknown visibility '{other}': use private, mentor or network"
            )),
        }
    }
}

/// Whether a cycle (a learning journey) is still being worked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CycleStatus {
    /// Being worked on.
    #[default]
    Active,
    /// Finished; kept for review.
    Concluded,
}

impl CycleStatus {
    /// The word used in flags and lists.
    pub fn as_str(self) -> &'static str {
        match self {
            CycleStatus::Active => "active",
            CycleStatus::Concluded => "concluded",
        }
    }
}

impl FromStr for CycleStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "active" => Ok(CycleStatus::Active),
            "concluded" => Ok(CycleStatus::Concluded),
            other => Err(format!(
                "unknown cycle status '{other}': use active or concluded"
            )),
        }
    }
}

/// Where an experiment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExperimentStatus {
    /// Planned, not yet tried.
    #[default]
    Planned,
    /// Being tried in practice.
    Running,
    /// Tried; the outcome is logged.
    Done,
    /// Given up; the outcome says why.
    Dropped,
}

impl ExperimentStatus {
    /// The word used in flags and lists.
    pub fn as_str(self) -> &'static str {
        match self {
            ExperimentStatus::Planned => "planned",
            ExperimentStatus::Running => "running",
            ExperimentStatus::Done => "done",
            ExperimentStatus::Dropped => "dropped",
        }
    }

    /// The status as a word in `lang`, as every screen and message names it.
    pub fn label(self, lang: crate::journal::Language) -> &'static str {
        use crate::journal::Language::{Danish, English};
        match (self, lang) {
            (ExperimentStatus::Planned, English) => "planned",
            (ExperimentStatus::Running, English) => "running",
            (ExperimentStatus::Done, English) => "done",
            (ExperimentStatus::Dropped, English) => "dropped",
            (ExperimentStatus::Planned, Danish) => "planlagt",
            (ExperimentStatus::Running, Danish) => "i gang",
            (ExperimentStatus::Done, Danish) => "gennemført",
            (ExperimentStatus::Dropped, Danish) => "stoppet",
        }
    }

    /// Planned or running: still waiting for an outcome.
    pub fn is_open(self) -> bool {
        matches!(self, ExperimentStatus::Planned | ExperimentStatus::Running)
    }
}

impl FromStr for ExperimentStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "planned" => Ok(ExperimentStatus::Planned),
            "running" => Ok(ExperimentStatus::Running),
            "done" => Ok(ExperimentStatus::Done),
            "dropped" => Ok(ExperimentStatus::Dropped),
            other => Err(format!(
                "unknown experiment status '{other}': use planned, running, done or dropped"
            )),
        }
    }
}

/// Whether the signal an experiment's plan chose did show: the after-action review asks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignalMet {
    /// It showed.
    Yes,
    /// Some of it showed.
    Partly,
    /// It did not show.
    No,
}

impl SignalMet {
    /// Every answer, in the order they are offered.
    pub const ALL: [SignalMet; 3] = [SignalMet::Yes, SignalMet::Partly, SignalMet::No];

    /// The word used in flags, files and answers.
    pub fn as_str(self) -> &'static str {
        match self {
            SignalMet::Yes => "yes",
            SignalMet::Partly => "partly",
            SignalMet::No => "no",
        }
    }
}

impl FromStr for SignalMet {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "yes" | "ja" => Ok(SignalMet::Yes),
            "partly" | "delvis" => Ok(SignalMet::Partly),
            "no" | "nej" => Ok(SignalMet::No),
            other => Err(format!("unknown answer '{other}': use yes, partly or no")),
        }
    }
}

/// One answer to one question of a prompt set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The question's id within its prompt set.
    pub question: String,
    /// What was answered.
    pub value: AnswerValue,
    /// A short why, for questions that ask for one (e.g. why that score).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// The value of an answer, by the question's answer kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "value")]
pub enum AnswerValue {
    /// Free text.
    Text(String),
    /// A point on a numeric scale.
    Scale(i64),
    /// One of the question's options.
    Choice(String),
}

impl AnswerValue {
    /// The answer as text, for display and search.
    pub fn to_text(&self) -> String {
        match self {
            AnswerValue::Text(t) | AnswerValue::Choice(t) => t.clone(),
            AnswerValue::Scale(n) => n.to_string(),
        }
    }
}

/// What kind of record this is, with the fields only that kind has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind")]
pub enum Content {
    /// Free text when no prompt fits.
    Note,
    /// A learning journey: a theme (the title) and a challenge question.
    Cycle {
        /// The challenge question the cycle works on.
        #[serde(default)]
        question: String,
        /// Active or concluded.
        #[serde(default)]
        status: CycleStatus,
        /// What the leader wants to learn in it, when they said (absent in older records).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        goal: String,
        /// When the cycle is meant to end.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ends: Option<NaiveDate>,
        /// The closing reflection written when it was concluded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        closing: Option<RecordId>,
    },
    /// Something the manager will try in practice, and what came of it.
    Experiment {
        /// The cycle this experiment belongs to.
        #[serde(default)]
        cycle: Option<RecordId>,
        /// With whom: citizens, staff, partners…
        #[serde(default)]
        with: Vec<String>,
        /// What I expect to happen.
        #[serde(default)]
        expectation: String,
        /// How I will know (the signal to look for).
        #[serde(default)]
        signal: String,
        /// When I will look back.
        #[serde(default)]
        follow_up: Option<NaiveDate>,
        /// Planned, running, done or dropped.
        #[serde(default)]
        status: ExperimentStatus,
        /// What happened, when logged.
        #[serde(default)]
        outcome: Option<String>,
        /// The reflection or earlier experiment it follows from (its lineage: v1 → v2).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<RecordId>,
        /// When its outcome was logged or it was dropped; the loop's phase reads this, not
        /// `updated` (absent in older records and while it is open).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        closed: Option<DateTime<Utc>>,
        /// Whether the signal chosen in the plan showed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        signal_met: Option<SignalMet>,
    },
    /// Answers to the questions of one prompt set.
    Reflection {
        /// The prompt set answered.
        set: String,
        /// The cycle this reflection belongs to.
        #[serde(default)]
        cycle: Option<RecordId>,
        /// The experiment this reflection is about.
        #[serde(default)]
        experiment: Option<RecordId>,
        /// The answers, in question order.
        #[serde(default)]
        answers: Vec<Answer>,
    },
}

/// The four kinds of record, for filters and indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A learning journey.
    Cycle,
    /// Something to try in practice.
    Experiment,
    /// Answers to a prompt set.
    Reflection,
    /// Free text.
    Note,
}

impl Kind {
    /// Every kind, in the order lists show them.
    pub const ALL: [Kind; 4] = [Kind::Cycle, Kind::Experiment, Kind::Reflection, Kind::Note];

    /// The word used in flags and lists.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Cycle => "cycle",
            Kind::Experiment => "experiment",
            Kind::Reflection => "reflection",
            Kind::Note => "note",
        }
    }

    /// A one-byte tag for index keys.
    pub fn code(self) -> u8 {
        match self {
            Kind::Cycle => b'c',
            Kind::Experiment => b'e',
            Kind::Reflection => b'r',
            Kind::Note => b'n',
        }
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cycle" | "cycles" => Ok(Kind::Cycle),
            "experiment" | "experiments" => Ok(Kind::Experiment),
            "reflection" | "reflections" => Ok(Kind::Reflection),
            "note" | "notes" => Ok(Kind::Note),
            other => Err(format!(
                "unknown kind '{other}': use cycle, experiment, reflection or note"
            )),
        }
    }
}

/// The highest revision a record can have. An edit past it is refused, and so is a file that
/// carries a record above it: a billion edits is beyond any person, so such a revision was made
/// to win every sync against the owner's edits. Documented in `docs/exchange-format.md`.
pub const MAX_REVISION: u32 = 1_000_000_000;

/// A record that cannot take another edit: it has reached [`MAX_REVISION`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "record {id} has reached the highest revision praxis keeps ({MAX_REVISION}) and cannot be changed further: copy what you need into a new record"
)]
pub struct HighestRevision {
    /// The record.
    pub id: RecordId,
}

/// One record of a journal: the shared fields, then what its kind adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Time-ordered unique id.
    pub id: RecordId,
    /// The journal that wrote it.
    pub author: JournalId,
    /// When it was first saved (UTC).
    pub created: DateTime<Utc>,
    /// When it was last changed (UTC).
    pub updated: DateTime<Utc>,
    /// Starts at 1 and grows by one with each edit.
    pub revision: u32,
    /// Who may see it beyond the owner.
    #[serde(default)]
    pub visibility: Visibility,
    /// Lower-case tags, sorted, without duplicates.
    #[serde(default)]
    pub tags: Vec<String>,
    /// A short title (a cycle's theme, an experiment's name…).
    #[serde(default)]
    pub title: String,
    /// Free text: a note's text, an experiment's plan, a cycle's description.
    #[serde(default)]
    pub body: String,
    /// What the kind adds.
    #[serde(flatten)]
    pub content: Content,
}

impl Record {
    /// A new record of revision 1, created now by `author`.
    pub fn new(author: JournalId, now: DateTime<Utc>, content: Content) -> Self {
        Record {
            id: RecordId::new_at(now),
            author,
            created: now,
            updated: now,
            revision: 1,
            visibility: Visibility::default(),
            tags: Vec::new(),
            title: String::new(),
            body: String::new(),
            content,
        }
    }

    /// Which of the four kinds this is.
    pub fn kind(&self) -> Kind {
        match self.content {
            Content::Note => Kind::Note,
            Content::Cycle { .. } => Kind::Cycle,
            Content::Experiment { .. } => Kind::Experiment,
            Content::Reflection { .. } => Kind::Reflection,
        }
    }

    /// The cycle this record belongs to, if any.
    pub fn cycle(&self) -> Option<RecordId> {
        match &self.content {
            Content::Experiment { cycle, .. } | Content::Reflection { cycle, .. } => *cycle,
            _ => None,
        }
    }

    /// The experiment this record is about, if any.
    pub fn experiment(&self) -> Option<RecordId> {
        match &self.content {
            Content::Reflection { experiment, .. } => *experiment,
            _ => None,
        }
    }

    /// When an experiment was closed (its outcome logged or dropped): the stored closing time,
    /// or, for records from before praxis kept one, `updated`. `None` while it is open and for
    /// other kinds.
    pub fn closed_at(&self) -> Option<DateTime<Utc>> {
        match &self.content {
            Content::Experiment { status, closed, .. } if !status.is_open() => {
                Some(closed.unwrap_or(self.updated))
            }
            _ => None,
        }
    }

    /// The reflection or experiment an experiment follows from.
    pub fn follows_from(&self) -> Option<RecordId> {
        match &self.content {
            Content::Experiment { from, .. } => *from,
            _ => None,
        }
    }

    /// Replace the tags, normalised (trimmed, lower-case, sorted, no duplicates, no empties).
    pub fn set_tags<I, S>(&mut self, tags: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.tags = normalize_tags(tags);
    }

    /// Mark the record as changed at `now`: the revision grows by one. At [`MAX_REVISION`] the
    /// record is left as it was: a revision that wrapped to 0 would lose every sync.
    pub fn touch(&mut self, now: DateTime<Utc>) -> Result<(), HighestRevision> {
        self.revision = self
            .revision
            .checked_add(1)
            .filter(|r| *r <= MAX_REVISION)
            .ok_or(HighestRevision { id: self.id })?;
        self.updated = now.max(self.updated);
        Ok(())
    }

    /// The title to show: the title, or the body's first line when the title is empty.
    pub fn display_title(&self) -> String {
        if !self.title.trim().is_empty() {
            return self.title.trim().to_string();
        }
        let first = self.body.lines().find(|l| !l.trim().is_empty());
        match (first, &self.content) {
            (Some(line), _) => line.trim().to_string(),
            (None, Content::Reflection { set, .. }) => set.clone(),
            (None, _) => "(untitled)".to_string(),
        }
    }
}

/// A mentor's or peer's remark on one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    /// Time-ordered unique id of the comment.
    pub id: RecordId,
    /// The record it remarks on.
    pub on: RecordId,
    /// The journal of whoever wrote it.
    pub author: JournalId,
    /// Their name, as they gave it.
    pub author_name: String,
    /// When it was written (UTC).
    pub created: DateTime<Utc>,
    /// The remark.
    pub text: String,
    /// Who may be passed it beyond the record's owner; signed with it, so whoever passes it on
    /// cannot widen it.
    #[serde(default, skip_serializing_if = "Reach::is_owner")]
    pub reach: Reach,
    /// The writer's journal's signature over the comment ([`Comment::signed_bytes`]), hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// How far a comment may travel beyond the journal whose record it is on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reach {
    /// Everyone who shares the record in the learning network: any peer may pass it on.
    Network,
    /// The record's owner only: a mentor's remark, and every comment written before reach was;
    /// also a reach this version does not know (a later one's), the narrowest reading.
    #[default]
    #[serde(other)]
    Owner,
}

impl Reach {
    /// A comment on a record shared with the network may go to the network, unless it is a
    /// mentor's remark written in a review (that goes to the record's owner alone).
    pub fn of(on: Visibility, reviewing: bool) -> Reach {
        match on {
            Visibility::Network if !reviewing => Reach::Network,
            _ => Reach::Owner,
        }
    }

    fn is_owner(&self) -> bool {
        *self == Reach::Owner
    }
}

/// Where a comment goes once saved, told before it is: the same rule for the app and the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentGoes {
    /// Nowhere: on one's own private record.
    OnlyHere,
    /// To one's mentor, with the next mentor export.
    ToMentor,
    /// To one's mentor and one's network.
    ToMentorAndNetwork,
    /// To the record's author and everyone in the network who shares it, at the next sync.
    ToAuthorAndNetwork,
    /// Back to the record's author alone (a mentor's remark, in the comments file).
    ToAuthor,
}

impl CommentGoes {
    /// Where a comment on a record of `visibility` goes: one's `own`, or someone else's (read
    /// in a mentor's review when `reviewing`).
    pub fn of(own: bool, visibility: Visibility, reviewing: bool) -> CommentGoes {
        match (own, visibility) {
            (true, Visibility::Private) => CommentGoes::OnlyHere,
            (true, Visibility::Mentor) => CommentGoes::ToMentor,
            (true, Visibility::Network) => CommentGoes::ToMentorAndNetwork,
            (false, v) if Reach::of(v, reviewing) == Reach::Network => {
                CommentGoes::ToAuthorAndNetwork
            }
            (false, _) => CommentGoes::ToAuthor,
        }
    }
}

impl Comment {
    /// What the writer signs: the comment without its signature, as compact JSON, after a
    /// label that keeps a comment's signature from standing for anything else.
    pub fn signed_bytes(&self) -> Vec<u8> {
        let unsigned = Comment {
            signature: None,
            ..self.clone()
        };
        let mut bytes = b"praxis comment\n".to_vec();
        bytes.extend(serde_json::to_vec(&unsigned).expect("comment serialises"));
        bytes
    }

    /// Signs the comment with its writer's journal key.
    pub fn sign(&mut self, identity: &crate::identity::Identity) {
        self.signature = Some(identity.sign(&self.signed_bytes()));
    }

    /// Whether the comment carries `key`'s signature over what it says.
    pub fn is_signed_by(&self, key: &crate::identity::PublicKey) -> bool {
        self.signature
            .as_deref()
            .is_some_and(|s| key.verifies(&self.signed_bytes(), s))
    }
}

/// Tags as stored: split on commas, trimmed, lower-case, without a leading `#`, sorted, unique.
pub fn normalize_tags<I, S>(tags: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out: Vec<String> = tags
        .into_iter()
        .flat_map(|t| {
            t.as_ref()
                .split(',')
                .map(|p| p.trim().trim_start_matches('#').trim().to_lowercase())
                .collect::<Vec<_>>()
        })
        .filter(|t| !t.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, 0, 0).unwrap()
    }

    #[test]
    fn ids_sort_by_creation_time_and_are_unique() {
        let a = RecordId::new_at(at(8));
        let b = RecordId::new_at(at(9));
        let c = RecordId::new_at(at(9));
        assert!(a < b && a < c);
        assert_ne!(b, c);
        assert!(a.to_key() < b.to_key(), "string keys keep time order");
        assert_eq!(a.to_key().parse::<RecordId>().unwrap(), a);
    }

    #[test]
    fn touching_grows_the_revision_and_never_moves_updated_back() {
        let mut r = Record::new(JournalId::new_at(at(8)), at(9), Content::Note);
        assert_eq!(r.revision, 1);
        r.touch(at(10)).unwrap();
        r.touch(at(7)).unwrap();
        assert_eq!(r.revision, 3);
        assert_eq!(r.updated, at(10));
        assert_eq!(r.created, at(9));
    }

    #[test]
    fn a_comments_signature_holds_its_words_and_its_reach_and_only_its_writers_key() {
        let anna = crate::identity::Identity::generate().unwrap();
        let bo = crate::identity::Identity::generate().unwrap();
        let mut c = Comment {
            id: RecordId::new_at(at(9)),
            on: RecordId::new_at(at(8)),
            author: JournalId::new_at(at(7)),
            author_name: "Anna".into(),
            created: at(9),
            text: "Did the night shift join in?".into(),
            reach: Reach::Owner,
            signature: None,
        };
        let old = serde_json::to_string(&c).unwrap();
        assert!(
            !old.contains("reach") && !old.contains("signature"),
            "an unsigned comment for the owner is written as before: {old}"
        );
        assert!(!c.is_signed_by(&anna.public()));
        c.sign(&anna);
        assert!(c.is_signed_by(&anna.public()));
        assert!(!c.is_signed_by(&bo.public()));
        let read: Comment = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert!(read.is_signed_by(&anna.public()), "it survives a file");
        let mut changed = c.clone();
        changed.text.push('!');
        assert!(!changed.is_signed_by(&anna.public()));
        let mut widened = c.clone();
        widened.reach = Reach::Network;
        assert!(!widened.is_signed_by(&anna.public()));
        let later: Reach = serde_json::from_str("\"mentor\"").unwrap();
        assert_eq!(
            later,
            Reach::Owner,
            "a reach from a later version reads as the narrowest"
        );
    }

    #[test]
    fn touching_stops_at_the_highest_revision_and_never_wraps() {
        let mut r = Record::new(JournalId::new_at(at(8)), at(9), Content::Note);
        r.revision = MAX_REVISION - 1;
        r.touch(at(10)).unwrap();
        assert_eq!(r.revision, MAX_REVISION);
        let before = r.clone();
        let e = r.touch(at(11)).unwrap_err();
        assert_eq!(r, before, "a refused touch changes nothing");
        assert!(e.to_string().contains("highest revision"), "{e}");
        r.revision = u32::MAX;
        assert!(r.touch(at(11)).is_err());
        assert_eq!(r.revision, u32::MAX, "not 0");
    }

    #[test]
    fn tags_are_normalised() {
        let tags = normalize_tags(["#CoCreation, trust", " trust ", "", "home care"]);
        assert_eq!(tags, vec!["cocreation", "home care", "trust"]);
    }

    #[test]
    fn every_kind_round_trips_through_json() {
        let author = JournalId::new_at(at(1));
        let cycle_id = RecordId::new_at(at(2));
        let contents = [
            Content::Note,
            Content::Cycle {
                question: "How do I let citizens' ideas shape home care?".into(),
                status: CycleStatus::Concluded,
                goal: "Learn to let go of the agenda".into(),
                ends: NaiveDate::from_ymd_opt(2027, 3, 1),
                closing: Some(cycle_id),
            },
            Content::Experiment {
                cycle: Some(cycle_id),
                with: vec!["citizens".into(), "staff".into()],
                expectation: "More ideas from relatives".into(),
                signal: "Three ideas tried by February".into(),
                follow_up: NaiveDate::from_ymd_opt(2026, 12, 1),
                status: ExperimentStatus::Done,
                outcome: Some("Two ideas".into()),
                from: Some(cycle_id),
                closed: Some(at(4)),
                signal_met: Some(SignalMet::Partly),
            },
            Content::Reflection {
                set: "daily-checkin".into(),
                cycle: Some(cycle_id),
                experiment: None,
                answers: vec![
                    Answer {
                        question: "happened".into(),
                        value: AnswerValue::Text("Met the council".into()),
                        why: None,
                    },
                    Answer {
                        question: "energy".into(),
                        value: AnswerValue::Scale(4),
                        why: Some("They called back the same day".into()),
                    },
                ],
            },
        ];
        for content in contents {
            let mut r = Record::new(author, at(3), content);
            r.title = "T".into();
            r.set_tags(["a"]);
            r.visibility = Visibility::Network;
            let json = serde_json::to_string(&r).unwrap();
            let back: Record = serde_json::from_str(&json).unwrap();
            assert_eq!(back, r, "{json}");
        }
    }

    #[test]
    fn records_from_before_the_loop_read_and_write_back_byte_for_byte() {
        let old = [
            r#"{"id":"01JD3QW1T8G0000000000000A1","author":"01JD3QW1T8G0000000000000A0","created":"2026-11-23T08:00:00Z","updated":"2026-11-23T09:00:00Z","revision":2,"visibility":"private","tags":[],"title":"Ask relatives","body":"","kind":"experiment","cycle":null,"with":[],"expectation":"","signal":"","follow_up":"2026-12-01","status":"done","outcome":"One idea"}"#,
            r#"{"id":"01JD3QW1T8G0000000000000A2","author":"01JD3QW1T8G0000000000000A0","created":"2026-11-23T08:00:00Z","updated":"2026-11-23T08:00:00Z","revision":1,"visibility":"mentor","tags":["rota"],"title":"Rota","body":"","kind":"cycle","question":"How?","status":"active"}"#,
        ];
        for json in old {
            let r: Record = serde_json::from_str(json).unwrap();
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                json,
                "checksums stay right"
            );
        }
        let e: Record = serde_json::from_str(old[0]).unwrap();
        assert_eq!(e.follows_from(), None);
        assert_eq!(
            e.closed_at(),
            Some(e.updated),
            "older records close when last changed"
        );
    }

    #[test]
    fn display_title_falls_back_to_the_first_line_of_the_body() {
        let mut r = Record::new(JournalId::new_at(at(1)), at(2), Content::Note);
        assert_eq!(r.display_title(), "(untitled)");
        r.body = "\n  Asked the council first.\nThen more.".into();
        assert_eq!(r.display_title(), "Asked the council first.");
        r.title = "Council".into();
        assert_eq!(r.display_title(), "Council");
    }

    #[test]
    fn words_parse_case_insensitively_with_helpful_errors() {
        assert_eq!("Mentor".parse::<Visibility>(), Ok(Visibility::Mentor));
        assert!(
            "public"
                .parse::<Visibility>()
                .unwrap_err()
                .contains("private, mentor or network")
        );
        assert_eq!("experiments".parse::<Kind>(), Ok(Kind::Experiment));
        assert_eq!(
            "DONE".parse::<ExperimentStatus>(),
            Ok(ExperimentStatus::Done)
        );
    }
}
