//! Checking answers against their prompt set before a reflection is saved.

use crate::journal::Language;
use crate::record::{Answer, AnswerValue};

use super::{AnswerKind, PromptSet};

/// Why answers do not fit their set; nothing is saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    /// The set has no such question.
    #[error("the set '{set}' has no question '{question}'; its questions are: {known}")]
    UnknownQuestion {
        /// The set.
        set: String,
        /// The id given.
        question: String,
        /// The ids it has.
        known: String,
    },
    /// The same question was answered twice.
    #[error("question '{0}' is answered twice")]
    Twice(String),
    /// A scale answer is not a whole number in range.
    #[error("'{question}' is a scale from {min} to {max}; '{given}' is not on it")]
    OffScale {
        /// The question id.
        question: String,
        /// The value given.
        given: String,
        /// Lowest allowed.
        min: i64,
        /// Highest allowed.
        max: i64,
    },
    /// A choice answer is not one of the options.
    #[error("'{question}' takes one of: {options}; '{given}' is not one of them")]
    NotAnOption {
        /// The question id.
        question: String,
        /// The value given.
        given: String,
        /// The option ids.
        options: String,
    },
    /// A why was given for a question that does not ask for one.
    #[error("'{question}' does not ask why; the questions that do are: {asking}")]
    NoWhy {
        /// The question id given.
        question: String,
        /// The ids of questions that ask why.
        asking: String,
    },
    /// A question that may not be skipped has no answer.
    #[error("'{question}' needs an answer — \"{text}\"")]
    Missing {
        /// The question id.
        question: String,
        /// The question, in the user's language.
        text: String,
    },
}

/// Turns `(question id, typed value)` pairs, and `(question id, why)` pairs for questions that
/// ask why, into answers in the set's question order, checking each against its question and
/// that no required question is left out.
pub fn build_answers(
    set: &PromptSet,
    given: &[(String, String)],
    whys: &[(String, String)],
    lang: Language,
) -> Result<Vec<Answer>, AnswerError> {
    for (q, _) in whys {
        match set.question(q) {
            Some(question) if question.why.is_some() => {}
            _ => {
                return Err(AnswerError::NoWhy {
                    question: q.clone(),
                    asking: set
                        .questions
                        .iter()
                        .filter(|q| q.why.is_some())
                        .map(|q| q.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
        }
    }
    for (i, (q, _)) in given.iter().enumerate() {
        if set.question(q).is_none() {
            return Err(AnswerError::UnknownQuestion {
                set: set.id.clone(),
                question: q.clone(),
                known: set
                    .questions
                    .iter()
                    .map(|q| q.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        if given[..i].iter().any(|(earlier, _)| earlier == q) {
            return Err(AnswerError::Twice(q.clone()));
        }
    }
    let mut answers = Vec::new();
    let mut missing = None;
    for question in &set.questions {
        let value = given
            .iter()
            .find(|(q, _)| *q == question.id)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty());
        let Some(value) = value else {
            // A wrong value elsewhere is reported before a missing one.
            if !question.optional && missing.is_none() {
                missing = Some(AnswerError::Missing {
                    question: question.id.clone(),
                    text: question.text.get(lang).to_string(),
                });
            }
            continue;
        };
        let value = match &question.kind {
            AnswerKind::Text => AnswerValue::Text(value.to_string()),
            AnswerKind::Scale { min, max, .. } => match value.parse::<i64>() {
                Ok(n) if (*min..=*max).contains(&n) => AnswerValue::Scale(n),
                _ => {
                    return Err(AnswerError::OffScale {
                        question: question.id.clone(),
                        given: value.to_string(),
                        min: *min,
                        max: *max,
                    });
                }
            },
            AnswerKind::Choice { options } => {
                let wanted = value.to_lowercase();
                let found = options.iter().find(|o| {
                    o.id == wanted
                        || o.label.en.to_lowercase() == wanted
                        || o.label.da.to_lowercase() == wanted
                });
                match found {
                    Some(o) => AnswerValue::Choice(o.id.clone()),
                    None => {
                        return Err(AnswerError::NotAnOption {
                            question: question.id.clone(),
                            given: value.to_string(),
                            options: options
                                .iter()
                                .map(|o| o.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", "),
                        });
                    }
                }
            }
        };
        let why = whys
            .iter()
            .find(|(q, _)| *q == question.id)
            .map(|(_, w)| w.trim().to_string())
            .filter(|w| !w.is_empty());
        answers.push(Answer {
            question: question.id.clone(),
            value,
            why,
        });
    }
    match missing {
        Some(e) => Err(e),
        None => Ok(answers),
    }
}
