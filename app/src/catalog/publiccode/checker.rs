//! Typed access to the tree that reports every mismatch as an issue and
//! carries on, so one pass finds all problems of a file.

use super::formats;
use super::issue::{Issue, Msg, Severity};
use super::resources::Resources;
use super::tree::{Key, Node, Pos, ScalarKind, Value};

pub struct Checker<'r> {
    pub issues: Vec<Issue>,
    /// What the checks may consult beyond the file.
    pub resources: &'r dyn Resources,
}

pub fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

pub fn item(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

impl<'r> Checker<'r> {
    pub fn new(resources: &'r dyn Resources) -> Self {
        Checker {
            issues: Vec::new(),
            resources,
        }
    }

    pub fn report(&mut self, severity: Severity, key: &str, pos: Pos, message: Msg) {
        self.issues.push(Issue {
            severity,
            key: key.to_string(),
            line: pos.line,
            column: pos.column,
            message,
        });
    }

    pub fn error(&mut self, key: &str, pos: Pos, message: Msg) {
        self.report(Severity::Error, key, pos, message);
    }

    pub fn warn(&mut self, key: &str, pos: Pos, message: Msg) {
        self.report(Severity::Warning, key, pos, message);
    }

    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }

    pub fn mapping<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n [(Key, Node)]> {
        match &node.value {
            Value::Mapping(entries) => Some(entries),
            _ => {
                self.error(path, node.pos, Msg::ExpectedMapping);
                None
            }
        }
    }

    /// Unknown keys are errors (they are usually typos that would silently
    /// drop data); deprecated keys are warnings naming their successor.
    pub fn keys(&mut self, node: &Node, path: &str, allowed: &[&str], deprecated: &[(&str, Option<&'static str>)]) {
        let Value::Mapping(entries) = &node.value else { return };
        for (key, _) in entries {
            if let Some((_, instead)) = deprecated.iter().find(|(name, _)| *name == key.name) {
                self.warn(&child(path, &key.name), key.pos, Msg::Deprecated { instead: *instead });
            } else if !allowed.contains(&key.name.as_str()) {
                self.error(&child(path, &key.name), key.pos, Msg::UnknownKey);
            }
        }
    }

    /// A top-level section: present (else reported when required), a
    /// mapping, and holding only the keys it may hold.
    pub fn section<'n>(
        &mut self,
        root: &'n Node,
        name: &str,
        required: bool,
        allowed: &[&str],
        deprecated: &[(&str, Option<&'static str>)],
    ) -> Option<&'n Node> {
        let node = self.field(root, "", name, required)?;
        self.mapping(node, name)?;
        self.keys(node, name, allowed, deprecated);
        Some(node)
    }

    /// The child `name` of a mapping when present and not null.
    pub fn field<'n>(&mut self, parent: &'n Node, path: &str, name: &str, required: bool) -> Option<&'n Node> {
        let found = parent.get(name).filter(|n| !n.is_null());
        if found.is_none() && required && matches!(parent.value, Value::Mapping(_)) {
            // A key without a value is reported at the key itself.
            let pos = parent.key_pos(name).unwrap_or(parent.pos);
            self.error(&child(path, name), pos, Msg::Missing);
        }
        found
    }

    /// Any non-null scalar reads as text (YAML numbers are fine for version
    /// strings); an empty text is an error.
    pub fn string(&mut self, node: &Node, path: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, kind } if *kind != ScalarKind::Null => {
                if text.trim().is_empty() {
                    self.error(path, node.pos, Msg::EmptyValue);
                    None
                } else {
                    Some(text.clone())
                }
            }
            _ => {
                self.error(path, node.pos, Msg::ExpectedString);
                None
            }
        }
    }

    pub fn boolean(&mut self, node: &Node, path: &str) -> Option<bool> {
        match &node.value {
            Value::Scalar {
                text,
                kind: ScalarKind::Bool,
            } => Some(text.eq_ignore_ascii_case("true")),
            _ => {
                self.error(path, node.pos, Msg::ExpectedBool);
                None
            }
        }
    }

    pub fn list<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Sequence(items) => Some(items),
            _ => {
                self.error(path, node.pos, Msg::ExpectedList);
                None
            }
        }
    }

    /// A list of strings (or, with `single`, one string standing for a
    /// list of one). Duplicates warn. Yields (value, position, key path).
    pub fn strings(&mut self, node: &Node, path: &str, single: bool, non_empty: bool) -> Vec<(String, Pos, String)> {
        if single && matches!(node.value, Value::Scalar { .. }) {
            return self
                .string(node, path)
                .map(|s| vec![(s, node.pos, path.to_string())])
                .unwrap_or_default();
        }
        let Some(items) = self.list(node, path) else {
            return Vec::new();
        };
        if items.is_empty() && non_empty {
            self.error(path, node.pos, Msg::EmptyList);
        }
        let mut out: Vec<(String, Pos, String)> = Vec::new();
        for (i, it) in items.iter().enumerate() {
            let key = item(path, i);
            if let Some(s) = self.string(it, &key) {
                if out.iter().any(|(seen, _, _)| *seen == s) {
                    self.warn(&key, it.pos, Msg::DuplicateEntry);
                    continue;
                }
                out.push((s, it.pos, key));
            }
        }
        out
    }

    /// Optional free text, which the standard does not check further: an
    /// empty one (`phone: ""`, as real files carry) stands for none, with a
    /// warning, as the reference accepts it.
    pub fn opt_string(&mut self, parent: &Node, path: &str, name: &str) -> Option<String> {
        let node = self.field(parent, path, name, false)?;
        if let Value::Scalar { text, kind } = &node.value {
            if *kind != ScalarKind::Null && text.trim().is_empty() {
                self.warn(&child(path, name), node.pos, Msg::EmptyIgnored);
                return None;
            }
        }
        self.string(node, &child(path, name))
    }

    pub fn req_string(&mut self, parent: &Node, path: &str, name: &str) -> Option<String> {
        let node = self.field(parent, path, name, true)?;
        self.string(node, &child(path, name))
    }

    /// A string checked by `valid`, reported with `msg` when it fails.
    pub fn checked(
        &mut self,
        parent: &Node,
        path: &str,
        name: &str,
        required: bool,
        valid: fn(&str) -> bool,
        msg: Msg,
    ) -> Option<String> {
        let node = self.field(parent, path, name, required)?;
        let key = child(path, name);
        let value = self.string(node, &key)?;
        if valid(&value) {
            Some(value)
        } else {
            self.error(&key, node.pos, msg);
            None
        }
    }

    pub fn url(&mut self, parent: &Node, path: &str, name: &str) -> Option<String> {
        self.checked(parent, path, name, false, formats::web_url, Msg::InvalidUrl)
    }

    /// Length counted in Unicode scalar values, as the Go reference
    /// validator counts (`utf8.RuneCountInString`).
    pub fn length(&mut self, key: &str, pos: Pos, value: &str, min: usize, max: usize) -> bool {
        let actual = value.chars().count();
        if actual > max {
            self.error(key, pos, Msg::TooLong { max, actual });
            false
        } else if actual < min {
            self.error(key, pos, Msg::TooShort { min, actual });
            false
        } else {
            true
        }
    }
}
