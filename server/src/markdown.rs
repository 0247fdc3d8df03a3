//! Markdown to safe HTML: pulldown-cmark renders, then an allowlist
//! sanitiser (ammonia) keeps only harmless tags and attributes. Raw HTML in
//! the source is escaped by the sanitiser's allowlist, never trusted.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

/// Where relative links and images of a document point to (a README's
/// forge and mirror).
pub struct Resolver<'a> {
    pub link: &'a dyn Fn(&str) -> String,
    pub image: &'a dyn Fn(&str) -> String,
}

pub fn render(source: &str) -> String {
    render_resolved(source, None)
}

/// Renders, resolving relative link and image targets first.
pub fn render_resolved(source: &str, resolver: Option<&Resolver>) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    let events = Parser::new_ext(source, options).map(|event| match (event, resolver) {
        (
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }),
            Some(r),
        ) if is_relative(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from((r.link)(&dest_url)),
            title,
            id,
        }),
        (
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }),
            Some(r),
        ) if is_relative(&dest_url) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::from((r.image)(&dest_url)),
            title,
            id,
        }),
        (event, _) => event,
    });
    html::push_html(&mut unsafe_html, events);
    let mut builder = ammonia::Builder::default();
    builder
        .link_rel(Some("nofollow noopener noreferrer"))
        .url_schemes(["http", "https", "mailto", "tel"].into());
    if resolver.is_some() {
        // Anchors and the paths resolved above stay; relative URLs left in
        // raw HTML cannot be resolved reliably and are dropped.
        builder.url_relative(ammonia::UrlRelative::Custom(Box::new(keep_resolved)));
    }
    builder.clean(&unsafe_html).to_string()
}

fn keep_resolved(url: &str) -> Option<std::borrow::Cow<'_, str>> {
    (url.starts_with('#') || (url.starts_with('/') && !url.starts_with("//")))
        .then_some(std::borrow::Cow::Borrowed(url))
}

/// A path within the document's repository (not an anchor, not a URL).
fn is_relative(dest: &str) -> bool {
    !dest.is_empty() && !dest.starts_with('#') && !dest.starts_with("//") && !dest.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown() {
        assert_eq!(
            render("# Titel\n\n*kursiv*"),
            "<h1>Titel</h1>\n<p><em>kursiv</em></p>\n"
        );
    }

    #[test]
    fn removes_scripts_and_handlers() {
        let html = render("<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("<a"), "the link text survives without its href: {html}");
    }

    #[test]
    fn links_get_rel() {
        let html = render("[Land](https://www.schleswig-holstein.de)");
        assert!(html.contains(r#"rel="nofollow noopener noreferrer""#), "{html}");
    }

    #[test]
    fn relative_targets_are_resolved() {
        let link = |p: &str| format!("https://forge.example/o/r/blob/main/{}", p.trim_start_matches("./"));
        let image = |p: &str| format!("/repositorien/1/roh/{p}");
        let r = Resolver {
            link: &link,
            image: &image,
        };
        let html = render_resolved(
            "[Docs](./docs/a.md) [Top](#x) [Ext](https://e.org) ![Logo](logo.png)",
            Some(&r),
        );
        assert!(
            html.contains(r#"href="https://forge.example/o/r/blob/main/docs/a.md""#),
            "{html}"
        );
        assert!(html.contains("href=\"#x\""), "{html}");
        assert!(html.contains(r#"src="/repositorien/1/roh/logo.png""#), "{html}");
    }
}
