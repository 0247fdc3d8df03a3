//! The publiccode.yml parser and validator. Pure Rust without I/O, so the
//! same code checks a file on the server, in the CLI and in the browser's
//! editor (compiled to wasm). What lies beyond the file (registers, the
//! repository's files) comes in through [`Resources`].

mod checker;
pub mod formats;
pub mod issue;
pub mod model;
pub mod registers;
pub mod resources;
mod rules;
pub mod tree;
pub mod vocabulary;

#[cfg(test)]
mod tests;

pub use issue::{Issue, IssueJson, Msg, Severity};
pub use model::PublicCode;
pub use registers::Registers;
pub use resources::{FileOnly, RepoFile, Resources};
pub use rules::{CURRENT_VERSION, SUPPORTED_VERSIONS};

use checker::Checker;
use tree::{Pos, TreeError};

/// Real files are a few KiB; the largest seen in the wild about 40 KiB.
pub const MAX_BYTES: usize = 256 * 1024;

#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Sorted by position.
    pub issues: Vec<Issue>,
    /// The normalised file, present only when there is no error.
    pub document: Option<PublicCode>,
}

impl Report {
    pub fn is_valid(&self) -> bool {
        self.document.is_some()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Warning)
    }

    fn single(pos: Pos, message: Msg) -> Report {
        let mut c = Checker::new(&FileOnly);
        c.error("", pos, message);
        Report {
            issues: c.issues,
            document: None,
        }
    }
}

/// Validates raw bytes with nothing beyond the file, as the editor does.
pub fn validate_bytes(bytes: &[u8]) -> Report {
    validate_bytes_with(bytes, &FileOnly)
}

/// Validates raw bytes: UTF-8 (a BOM is allowed), size, then the content.
pub fn validate_bytes_with(bytes: &[u8], resources: &dyn Resources) -> Report {
    let start = Pos { line: 1, column: 1 };
    if bytes.len() > MAX_BYTES {
        return Report::single(start, Msg::TooLarge { limit: MAX_BYTES });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => validate_with(text, resources),
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
            Report::single(
                Pos { line, column },
                Msg::NotUtf8 {
                    offset: e.valid_up_to(),
                },
            )
        }
    }
}

pub fn validate(text: &str) -> Report {
    validate_with(text, &FileOnly)
}

pub fn validate_with(text: &str, resources: &dyn Resources) -> Report {
    if text.len() > MAX_BYTES {
        return Report::single(Pos { line: 1, column: 1 }, Msg::TooLarge { limit: MAX_BYTES });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A raw NUL is no YAML; said plainly, where it is.
    if let Some(offset) = text.find('\0') {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        return Report::single(Pos { line, column }, Msg::NulCharacter);
    }
    let root = match tree::parse(text) {
        Ok(root) => root,
        Err(error) => {
            let (pos, msg) = match error {
                TreeError::Syntax { pos, info } => (pos, Msg::Syntax(info)),
                TreeError::MultipleDocuments(pos) => (pos, Msg::MultipleDocuments),
                TreeError::Empty => (Pos { line: 1, column: 1 }, Msg::Empty),
                TreeError::TooDeep(pos) => (pos, Msg::TooDeep),
                TreeError::TooManyNodes(pos) => (pos, Msg::TooManyNodes),
                TreeError::DuplicateKey { pos, .. } => (pos, Msg::DuplicateKey),
                TreeError::ComplexKey(pos) => (pos, Msg::ComplexKey),
                TreeError::UnknownAnchor(pos) => (pos, Msg::UnknownAnchor),
                TreeError::NulCharacter(pos) => (pos, Msg::NulCharacter),
            };
            return Report::single(pos, msg);
        }
    };
    let mut c = Checker::new(resources);
    let document = rules::check(&root, &mut c);
    let valid = !c.has_errors();
    let mut issues = c.issues;
    issues.sort_by_key(|i| (i.line, i.column));
    Report {
        issues,
        document: valid.then_some(document),
    }
}

/// The repository paths of the files a publiccode.yml names (logos,
/// screenshots, the authors file), for the caller to look up before
/// validating with them: at most `limit`, in the file's order.
pub fn referenced_files(bytes: &[u8], limit: usize) -> Vec<String> {
    struct Recorder(std::cell::RefCell<Vec<String>>, usize);
    impl Resources for Recorder {
        fn file(&self, path: &str) -> Option<RepoFile> {
            let mut seen = self.0.borrow_mut();
            let inside = resources::repository_path(path).as_deref() == Some(path);
            if inside && seen.len() < self.1 && !seen.iter().any(|p| p == path) {
                seen.push(path.to_string());
            }
            None
        }
    }
    let recorder = Recorder(Default::default(), limit);
    validate_bytes_with(bytes, &recorder);
    recorder.0.into_inner()
}
