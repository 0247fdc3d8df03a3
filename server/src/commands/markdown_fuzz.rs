//! The post renderer's fuzz target: XSS payloads and Markdown mutated with
//! HTML and Markdown tokens (`fuzzing`). Each output must be harmless, and
//! that is checked on the markup itself: ammonia serialises every `<` of
//! text as `&lt;`, so each `<` in the output opens a tag, whose name must be
//! on the allowlist, whose attributes must not be handlers or styles, and
//! whose links must not run code.

use super::fuzzing::{self, Target, Verdict};
use crate::markdown;
use std::path::Path;
use std::process::ExitCode;

const CORPUS: &[&str] = &[
    "# Titel\n\n*kursiv* **fett** [Link](https://example.org) `code`\n\n> Zitat\n\n- eins\n- zwei\n",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
    "[x](javascript:alert(1)) [y](<data:text/html,x>) ![z](https://tracker.example/p.gif)",
    "<a href=\"&#x6A;avascript:alert(1)\">e</a> <a href=\"java\tscript:1\">t</a>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "| a | b |\n|---|---|\n| <b onclick=1>c</b> | ~~d~~ |\n",
    "[ref]\n\n[ref]: javascript:alert(1) \"t\"\n",
    "```html\n<script>x</script>\n```\n\n    <iframe>\n",
];

const TOKENS: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "\"",
    "'",
    "=",
    "&",
    "&#",
    "&#x",
    ";",
    "`",
    "```\n",
    "\n",
    "\n\n",
    "    ",
    "> ",
    "- ",
    "1. ",
    "# ",
    "[",
    "]",
    "(",
    ")",
    "![",
    "]:",
    "<a href=",
    "<img src=",
    "<script>",
    "</script>",
    "<svg>",
    "<math>",
    "<style>",
    "<iframe ",
    "<object data=",
    "<form action=",
    " onerror=",
    " onclick=",
    " style=",
    "javascript:",
    "JaVaScRiPt:",
    "data:text/html,",
    "vbscript:",
    "\t",
    "\0",
    "\u{feff}",
    "ä",
    "𝄞",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "|",
    "|---|",
    "~~",
    "**",
    "*",
    "_",
];

/// The elements the sanitiser keeps (ammonia's defaults, without images and
/// the page's own heading levels).
const ALLOWED: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "area",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "map",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

pub fn run(seconds: u64, seed: u64, artifacts: &Path) -> anyhow::Result<ExitCode> {
    let target = Target {
        corpus: CORPUS.iter().map(|s| s.as_bytes().to_vec()).collect(),
        tokens: TOKENS,
        max_len: 20_000,
        extension: "md",
    };
    let outcome = fuzzing::run(target, seconds, seed, artifacts, |input| {
        let source = String::from_utf8_lossy(input);
        let html = markdown::render_post(&source);
        match harmful(&html) {
            Some(what) => Verdict::Failed(format!("{what} in {html:?}")),
            None => Verdict::Fine {
                keep: html.contains('<'),
            },
        }
    })?;
    Ok(fuzzing::report("markdown", outcome, |s| {
        format!("{} with markup", s.kept)
    }))
}

/// What in `html` is not harmless, if anything.
pub fn harmful(html: &str) -> Option<String> {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        // Attribute values may hold `>` (only `&` and `"` are escaped there).
        let mut quoted = false;
        let tag_end = rest[start..].char_indices().find_map(|(i, c)| match c {
            '"' => {
                quoted = !quoted;
                None
            }
            '>' if !quoted => Some(i),
            _ => None,
        });
        // The serialiser closes every tag it writes: one left open is not ours.
        let Some(tag_end) = tag_end else {
            return Some("an unterminated tag".into());
        };
        let tag_end = start + tag_end;
        let tag = &rest[start + 1..tag_end];
        rest = &rest[tag_end + 1..];
        let tag = tag.trim_start_matches('/').trim_end_matches('/');
        let mut parts = tag.splitn(2, char::is_whitespace);
        let name = parts.next().unwrap_or_default().to_ascii_lowercase();
        if !ALLOWED.contains(&name.as_str()) {
            return Some(format!("element <{name}>"));
        }
        for (attribute, value) in attributes(parts.next().unwrap_or_default()) {
            let attribute = attribute.to_ascii_lowercase();
            if attribute.starts_with("on") || attribute == "style" || attribute == "srcdoc" {
                return Some(format!("attribute {attribute}"));
            }
            if ["href", "src", "action", "formaction", "xlink:href", "cite"].contains(&attribute.as_str()) {
                if let Some(scheme) = scheme(&value.replace("&amp;", "&")) {
                    if !["http", "https", "mailto", "tel"].contains(&scheme.as_str()) {
                        return Some(format!("{attribute}={value:?}"));
                    }
                }
            }
        }
    }
    None
}

/// The scheme a browser reads in `url` (which drops tabs and line breaks
/// and leading spaces and controls), if it has one.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then(|| scheme.to_ascii_lowercase())
}

/// `name="value"` pairs as html5ever serialises them (always quoted).
fn attributes(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find("=\"") else {
            out.push((rest, ""));
            break;
        };
        let name = rest[..eq].trim();
        let after = &rest[eq + 2..];
        let Some(close) = after.find('"') else {
            out.push((name, after));
            break;
        };
        out.push((name, &after[..close]));
        rest = after[close + 1..].trim_start();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oracle_sees_what_would_be_harmful() {
        assert_eq!(
            harmful("<p>ok <a href=\"https://x.example\" rel=\"nofollow\">x</a></p>"),
            None
        );
        assert!(harmful("<img src=\"x\">").is_some());
        assert!(harmful("<a href=\"javascript:alert(1)\">x</a>").is_some());
        assert!(harmful("<p onclick=\"x\">x</p>").is_some());
        assert_eq!(harmful("<a href=\"/software\">x</a> &lt;script&gt;"), None);
        assert_eq!(harmful("<a href=\"?q=a:b\">x</a>"), None);
        assert!(harmful("<a href=\" java\tscript:x\">x</a>").is_some());
        assert_eq!(harmful("<a title=\"a > b\" href=\"https://x.example\">x</a>"), None);
        assert!(harmful("<a title=\"a > b\" href=\"javascript:x\">x</a>").is_some());
        for source in CORPUS {
            let html = markdown::render_post(source);
            assert_eq!(harmful(&html), None, "{source}: {html}");
        }
    }
}
