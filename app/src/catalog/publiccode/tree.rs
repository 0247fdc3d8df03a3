//! A YAML document as a tree with source positions, built from yaml-rust2's
//! event stream. The loaders of YAML libraries throw positions away, and
//! every message the validator gives names a line and a column.
//!
//! Limits keep hostile input cheap: the file size is checked by the caller,
//! nesting depth and the number of nodes (aliases counted as the nodes they
//! expand to, so an alias bomb hits the limit early) are checked here.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Deepest nesting a publiccode.yml needs is about 5; 32 leaves room.
pub const MAX_DEPTH: usize = 32;
/// Far above any real file (the largest have a few thousand nodes).
pub const MAX_NODES: usize = 20_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Plain scalars keep their resolution (YAML 1.2 core schema) so a
    /// boolean field can refuse `"true"` and a string field can accept `1.0`.
    Scalar {
        text: String,
        kind: ScalarKind,
    },
    Sequence(Vec<Node>),
    /// Entries in source order; duplicate keys are refused while building.
    Mapping(Vec<(Key, Node)>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarKind {
    Str,
    Null,
    Bool,
    Int,
    Float,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TreeError {
    Syntax {
        pos: Pos,
        info: String,
    },
    MultipleDocuments(Pos),
    Empty,
    TooDeep(Pos),
    TooManyNodes(Pos),
    DuplicateKey {
        pos: Pos,
        key: String,
    },
    ComplexKey(Pos),
    UnknownAnchor(Pos),
    /// A NUL character (`"\0"`, `"\x00"`): no text field may hold one, and
    /// the database could not store it.
    NulCharacter(Pos),
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, kind } if *kind != ScalarKind::Null => Some(text),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(
            &self.value,
            Value::Scalar {
                kind: ScalarKind::Null,
                ..
            }
        )
    }

    /// Where the key `key` of this mapping stands. Errors about a whole
    /// value are reported there when the value begins on a later line (a
    /// block list, a folded text, nothing at all), as the reference does.
    pub fn key_pos(&self, key: &str) -> Option<Pos> {
        match &self.value {
            Value::Mapping(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(k, _)| k.pos),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Mapping(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

fn pos(marker: &Marker) -> Pos {
    // yaml-rust2 counts lines from 1 and columns from 0.
    Pos {
        line: marker.line(),
        column: marker.col() + 1,
    }
}

/// YAML 1.2 core schema resolution of a plain scalar.
fn resolve(text: &str, style: TScalarStyle) -> ScalarKind {
    if style != TScalarStyle::Plain {
        return ScalarKind::Str;
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return ScalarKind::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return ScalarKind::Bool,
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return ScalarKind::Int;
    }
    if text.starts_with("0x") || text.starts_with("0o") {
        return ScalarKind::Int;
    }
    let float_chars = digits
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'e' || b == b'E' || b == b'-' || b == b'+');
    if (float_chars && digits.bytes().any(|b| b.is_ascii_digit()) && digits.parse::<f64>().is_ok())
        || matches!(digits, ".inf" | ".Inf" | ".INF")
        || matches!(text, ".nan" | ".NaN" | ".NAN")
    {
        return ScalarKind::Float;
    }
    ScalarKind::Str
}

enum Frame {
    Sequence {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Mapping {
        pos: Pos,
        anchor: usize,
        entries: Vec<(Key, Node)>,
        pending_key: Option<Key>,
    },
}

struct Builder {
    stack: Vec<Frame>,
    anchors: Vec<(usize, Node, usize)>,
    nodes: usize,
    root: Option<Node>,
}

fn count(node: &Node) -> usize {
    match &node.value {
        Value::Scalar { .. } => 1,
        Value::Sequence(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Mapping(entries) => 1 + entries.iter().map(|(_, v)| count(v)).sum::<usize>(),
    }
}

impl Builder {
    fn add_nodes(&mut self, n: usize, at: Pos) -> Result<(), TreeError> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            return Err(TreeError::TooManyNodes(at));
        }
        Ok(())
    }

    /// Places a finished node into its parent (or as the document root).
    fn finish(&mut self, node: Node, anchor: usize, size: usize) -> Result<(), TreeError> {
        if anchor > 0 {
            self.anchors.push((anchor, node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Sequence { items, .. }) => items.push(node),
            Some(Frame::Mapping {
                entries, pending_key, ..
            }) => match pending_key.take() {
                None => {
                    let Value::Scalar { text, .. } = node.value else {
                        return Err(TreeError::ComplexKey(node.pos));
                    };
                    if entries.iter().any(|(k, _)| k.name == text) {
                        return Err(TreeError::DuplicateKey {
                            pos: node.pos,
                            key: text,
                        });
                    }
                    *pending_key = Some(Key {
                        name: text,
                        pos: node.pos,
                    });
                }
                Some(key) => entries.push((key, node)),
            },
        }
        Ok(())
    }
}

pub fn parse(source: &str) -> Result<Node, TreeError> {
    let mut parser = Parser::new_from_str(source);
    let mut builder = Builder {
        stack: Vec::new(),
        anchors: Vec::new(),
        nodes: 0,
        root: None,
    };
    let mut documents = 0;
    loop {
        let (event, marker) = parser.next_token().map_err(|e| TreeError::Syntax {
            pos: pos(e.marker()),
            info: e.info().to_string(),
        })?;
        let at = pos(&marker);
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(TreeError::MultipleDocuments(at));
                }
            }
            Event::Scalar(text, style, anchor, _tag) => {
                builder.add_nodes(1, at)?;
                if text.contains('\0') {
                    return Err(TreeError::NulCharacter(at));
                }
                let kind = resolve(&text, style);
                builder.finish(
                    Node {
                        value: Value::Scalar { text, kind },
                        pos: at,
                    },
                    anchor,
                    1,
                )?;
            }
            Event::Alias(id) => {
                let Some((_, node, size)) = builder.anchors.iter().rev().find(|(a, _, _)| *a == id).cloned() else {
                    return Err(TreeError::UnknownAnchor(at));
                };
                builder.add_nodes(size, at)?;
                builder.finish(node, 0, size)?;
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if builder.stack.len() >= MAX_DEPTH {
                    return Err(TreeError::TooDeep(at));
                }
                builder.add_nodes(1, at)?;
                builder.stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Sequence {
                        pos: at,
                        anchor,
                        items: Vec::new(),
                    }
                } else {
                    Frame::Mapping {
                        pos: at,
                        anchor,
                        entries: Vec::new(),
                        pending_key: None,
                    }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node_and_anchor = match builder.stack.pop() {
                    Some(Frame::Sequence { pos, anchor, items }) => (
                        Node {
                            value: Value::Sequence(items),
                            pos,
                        },
                        anchor,
                    ),
                    Some(Frame::Mapping {
                        pos, anchor, entries, ..
                    }) => (
                        Node {
                            value: Value::Mapping(entries),
                            pos,
                        },
                        anchor,
                    ),
                    None => continue,
                };
                let size = if node_and_anchor.1 > 0 {
                    count(&node_and_anchor.0)
                } else {
                    0
                };
                builder.finish(node_and_anchor.0, node_and_anchor.1, size)?;
            }
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
        }
    }
    builder.root.ok_or(TreeError::Empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_lines_and_columns() {
        let root = parse("a: 1\nb:\n  c: x\n").unwrap();
        let b = root.get("b").unwrap();
        let c = b.get("c").unwrap();
        assert_eq!(c.pos, Pos { line: 3, column: 6 });
        let Value::Mapping(entries) = &b.value else { panic!() };
        assert_eq!(entries[0].0.pos, Pos { line: 3, column: 3 });
    }

    #[test]
    fn plain_scalars_resolve_by_the_core_schema() {
        let root = parse("a: true\nb: '1'\nc: 1.5\nd: 0.7\ne: ~\nf: yes\ng: 12\n").unwrap();
        let kind = |k: &str| match &root.get(k).unwrap().value {
            Value::Scalar { kind, .. } => *kind,
            _ => panic!(),
        };
        assert_eq!(kind("a"), ScalarKind::Bool);
        assert_eq!(kind("b"), ScalarKind::Str);
        assert_eq!(kind("c"), ScalarKind::Float);
        assert_eq!(kind("d"), ScalarKind::Float);
        assert_eq!(kind("e"), ScalarKind::Null);
        assert_eq!(kind("f"), ScalarKind::Str);
        assert_eq!(kind("g"), ScalarKind::Int);
    }

    #[test]
    fn alias_bombs_hit_the_node_limit() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..8 {
            let prev = if i == 0 { "a".to_string() } else { format!("l{}", i - 1) };
            bomb.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert!(matches!(parse(&bomb), Err(TreeError::TooManyNodes(_))));
    }

    #[test]
    fn refuses_deep_nesting_duplicates_and_several_documents() {
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(matches!(parse(&deep), Err(TreeError::TooDeep(_))));
        assert!(matches!(parse("a: 1\na: 2\n"), Err(TreeError::DuplicateKey { .. })));
        assert!(matches!(
            parse("a: 1\n---\nb: 2\n"),
            Err(TreeError::MultipleDocuments(_))
        ));
        assert!(matches!(parse(""), Err(TreeError::Empty)));
        assert!(matches!(parse("a: [1\n"), Err(TreeError::Syntax { .. })));
    }
}
