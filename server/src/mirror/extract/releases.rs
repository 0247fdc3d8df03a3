//! Tags as releases: annotated tags with their tagger date and message,
//! lightweight tags with their commit's date, ordered by semantic version
//! (tags that are not versions follow, newest first).

use app::mirror::dto::Release;
use git2::Repository;
use std::cmp::Ordering;

use crate::mirror::limits::RELEASE_MESSAGE_CHARS as MESSAGE_CHARS;

pub fn tags(repo: &Repository) -> Result<Vec<Release>, git2::Error> {
    let mut releases = Vec::new();
    for reference in repo.references_glob("refs/tags/*")? {
        let reference = reference?;
        let Some(name) = reference.name() else { continue };
        let tag = name.trim_start_matches("refs/tags/").to_string();
        let Some(target) = reference.target() else { continue };
        // The object the ref names: an annotated tag object, or the commit itself.
        let object = repo.find_object(target, None)?;
        let (date, message) = match object.as_tag() {
            Some(annotated) => (
                annotated.tagger().map(|t| t.when().seconds()),
                annotated.message().map(|m| shorten(m.trim())).filter(|m| !m.is_empty()),
            ),
            None => (None, None),
        };
        let date = date.or_else(|| reference.peel_to_commit().ok().map(|c| c.time().seconds()));
        releases.push(Release {
            version: version_of(&tag).map(|v| v.to_string()),
            tag,
            date,
            message,
        });
    }
    releases.sort_by(order);
    Ok(releases)
}

fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(MESSAGE_CHARS).collect();
    if text.chars().count() > MESSAGE_CHARS {
        out.push('…');
    }
    out
}

/// `v1.2.3`, `1.2.3`, `release-1.2` (missing parts are zero).
pub fn version_of(tag: &str) -> Option<semver::Version> {
    let bare = tag
        .trim_start_matches("release-")
        .trim_start_matches("release_")
        .trim_start_matches(['v', 'V']);
    if let Ok(v) = semver::Version::parse(bare) {
        return Some(v);
    }
    let (core, rest) = match bare.find(['-', '+']) {
        Some(i) => bare.split_at(i),
        None => (bare, ""),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.is_empty()
        || parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut full = parts.join(".");
    for _ in parts.len()..3 {
        full.push_str(".0");
    }
    semver::Version::parse(&format!("{full}{rest}")).ok()
}

fn order(a: &Release, b: &Release) -> Ordering {
    match (version_of(&a.tag), version_of(&b.tag)) {
        (Some(x), Some(y)) => y.cmp(&x).then_with(|| b.date.cmp(&a.date)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => b.date.cmp(&a.date).then_with(|| a.tag.cmp(&b.tag)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_order_semantically() {
        let mut releases: Vec<Release> = [
            "v1.10.0",
            "v1.2.0",
            "1.9",
            "v2.0.0-rc.1",
            "v2.0.0",
            "nightly",
            "v1.2.0-beta",
        ]
        .iter()
        .map(|t| Release {
            tag: t.to_string(),
            ..Release::default()
        })
        .collect();
        releases.sort_by(order);
        let tags: Vec<&str> = releases.iter().map(|r| r.tag.as_str()).collect();
        assert_eq!(
            tags,
            [
                "v2.0.0",
                "v2.0.0-rc.1",
                "v1.10.0",
                "1.9",
                "v1.2.0",
                "v1.2.0-beta",
                "nightly"
            ]
        );
    }
}
