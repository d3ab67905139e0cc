//! The prompt library: the built-in sets, plus the user's own files that add to or override them.

use std::path::{Path, PathBuf};

use super::{Origin, PromptError, PromptSet, parse_set};

/// The built-in prompt files, compiled into the binary: (file name, contents).
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    macro_rules! files {
        ($($name:literal),* $(,)?) => {
            &[$(($name, include_str!(concat!("../../prompts/", $name)))),*]
        };
    }
    files!(
        "daily-checkin.toml",
        "plan-experiment.toml",
        "after-action-review.toml",
        "kolb.toml",
        "gibbs.toml",
        "schon-reflection-on-action.toml",
        "action-learning-set.toml",
        "co-creation-leadership.toml",
        "relational-coordination.toml",
        "trust-based-steering.toml",
        "capacity-building.toml",
        "interactive-political-leadership.toml",
        "weekly-review.toml",
        "mentor-review.toml",
        "success-case-follow-up.toml",
        "in-action.toml",
        "conclude-cycle.toml",
    )
}

/// The prompt sets in use, in the order lists show them.
#[derive(Debug, Clone, Default)]
pub struct Library {
    sets: Vec<PromptSet>,
}

impl Library {
    /// Every set, those serving `phase` first (in library order), then the rest: what the app
    /// and the CLI suggest for a cycle in that phase.
    pub fn for_phase(&self, phase: super::Phase) -> Vec<&PromptSet> {
        let (mut first, rest): (Vec<&PromptSet>, Vec<&PromptSet>) =
            self.sets.iter().partition(|s| s.phase == phase);
        first.extend(rest);
        first
    }

    /// The set with this id.
    pub fn get(&self, id: &str) -> Option<&PromptSet> {
        self.sets.iter().find(|s| s.id == id)
    }

    /// Every set.
    pub fn sets(&self) -> &[PromptSet] {
        &self.sets
    }

    /// Adds a set, replacing one with the same id in place.
    fn put(&mut self, set: PromptSet) {
        match self.sets.iter_mut().find(|s| s.id == set.id) {
            Some(old) => *old = set,
            None => self.sets.push(set),
        }
    }
}

/// A library and what was wrong with the files that were skipped.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The sets in use.
    pub library: Library,
    /// Mistakes in user files; those files were skipped.
    pub problems: Vec<PromptError>,
}

/// The built-in sets, then every `*.toml` in `user_dir` (if given and present), by file name.
/// A user set with a built-in's id replaces it; a broken user file is reported and skipped.
pub fn load(user_dir: Option<&Path>) -> Loaded {
    let mut loaded = Loaded::default();
    for (name, text) in builtin_files() {
        let file = format!("prompts/{name}");
        match parse_set(&file, text, Origin::BuiltIn) {
            Ok(set) => loaded.library.put(set),
            // Built-in files are checked by the tests; should one still be broken, say so.
            Err(errors) => loaded.problems.extend(errors),
        }
    }
    let Some(dir) = user_dir else {
        return loaded;
    };
    let mut user_ids: Vec<(String, PathBuf)> = Vec::new();
    for (path, result) in read_dir_files(dir) {
        match result {
            Ok(set) => {
                if let Some((_, first)) = user_ids.iter().find(|(id, _)| *id == set.id) {
                    loaded.problems.push(PromptError {
                        file: path.display().to_string(),
                        line: 1,
                        message: format!(
                            "set id '{}' is already used by {}; this file was skipped",
                            set.id,
                            first.display()
                        ),
                    });
                    continue;
                }
                user_ids.push((set.id.clone(), path));
                loaded.library.put(set);
            }
            Err(errors) => loaded.problems.extend(errors),
        }
    }
    loaded
}

/// Checks prompt files and folders (every `*.toml` in a folder): each file's result, then any id
/// used by more than one of them.
pub fn check_paths(paths: &[PathBuf]) -> Vec<(PathBuf, Result<PromptSet, Vec<PromptError>>)> {
    let mut results = Vec::new();
    for path in paths {
        if path.is_dir() {
            results.extend(read_dir_files(path));
        } else {
            results.push((path.clone(), read_file(path)));
        }
    }
    let mut seen: Vec<(String, PathBuf)> = Vec::new();
    for (path, result) in &mut results {
        let Ok(set) = result else { continue };
        if let Some((_, first)) = seen.iter().find(|(id, _)| *id == set.id) {
            *result = Err(vec![PromptError {
                file: path.display().to_string(),
                line: 1,
                message: format!("set id '{}' is also used by {}", set.id, first.display()),
            }]);
        } else {
            seen.push((set.id.clone(), path.clone()));
        }
    }
    results
}

fn read_dir_files(dir: &Path) -> Vec<(PathBuf, Result<PromptSet, Vec<PromptError>>)> {
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect(),
        Err(_) => Vec::new(),
    };
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let r = read_file(&p);
            (p, r)
        })
        .collect()
}

fn read_file(path: &Path) -> Result<PromptSet, Vec<PromptError>> {
    let file = path.display().to_string();
    let text = crate::input::read_text(path, crate::input::TEXT_LIMIT).map_err(|e| {
        vec![PromptError {
            file: file.clone(),
            line: 1,
            message: e.to_string(),
        }]
    })?;
    parse_set(&file, &text, Origin::User(path.to_path_buf()))
}
