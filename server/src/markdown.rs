//! Markdown to safe HTML: pulldown-cmark renders, then an allowlist
//! sanitiser (ammonia) keeps only harmless tags and attributes. Raw HTML in
//! the source is escaped by the sanitiser's allowlist, never trusted.
//!
//! The sanitiser's cost grows with the square of the nesting depth (a README
//! of 150,000 nested `>` took a worker nine minutes), so the rendered tree
//! is flattened below [`Limits::max_nesting`] and cut after
//! [`Limits::max_events`] before the sanitiser sees it: deeper markup keeps
//! its text, just not its boxes.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

/// Where relative links and images of a document point to (a README's
/// forge and mirror).
pub struct Resolver<'a> {
    pub link: &'a dyn Fn(&str) -> String,
    pub image: &'a dyn Fn(&str) -> String,
}

/// Bounds on what one document may make the sanitiser do.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Elements nested deeper than this are dropped (their text stays).
    pub max_nesting: usize,
    /// Parser events (elements, texts) rendered at most; the rest is cut.
    pub max_events: usize,
}

impl Limits {
    /// Far beyond any real document: GitHub's own renderer gives up on
    /// nesting much earlier.
    pub const DEFAULT: Limits = Limits {
        max_nesting: 32,
        max_events: 200_000,
    };
}

pub fn render(source: &str) -> String {
    render_resolved(source, None, Limits::DEFAULT)
}

/// Renders, resolving relative link and image targets first.
pub fn render_resolved(source: &str, resolver: Option<&Resolver>, limits: Limits) -> String {
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
    html::push_html(&mut unsafe_html, bounded(events, limits));
    let mut builder = sanitiser();
    if resolver.is_some() {
        // Anchors and the paths resolved above stay; relative URLs left in
        // raw HTML cannot be resolved reliably and are dropped.
        builder.url_relative(ammonia::UrlRelative::Custom(Box::new(keep_resolved)));
    } else {
        builder.url_relative(ammonia::UrlRelative::Custom(Box::new(keep_same_site)));
    }
    builder.clean(&unsafe_html).to_string()
}

/// What a person writes here (a post, a group's description): as
/// [`render`], but an image becomes a link to it, so that reading a post
/// never makes the browser fetch from another host (a tracking pixel, a
/// request to a third party), and headings start at level 3, below the
/// page's own.
pub fn render_post(source: &str) -> String {
    use pulldown_cmark::{HeadingLevel, LinkType, TagEnd};
    let below = |level: HeadingLevel| match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // An image without alt text would become a link without a name: its
    // address is the name then.
    let mut image: Option<(CowStr, bool)> = None;
    let events = Parser::new_ext(source, options).flat_map(move |event| {
        let out = match event {
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                image = Some((dest_url.clone(), false));
                vec![Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url,
                    title,
                    id: CowStr::Borrowed(""),
                })]
            }
            Event::Text(text) if image.is_some() => {
                if !text.trim().is_empty() {
                    if let Some((_, named)) = image.as_mut() {
                        *named = true;
                    }
                }
                vec![Event::Text(text)]
            }
            Event::End(TagEnd::Image) => match image.take() {
                Some((url, false)) => vec![Event::Text(url), Event::End(TagEnd::Link)],
                _ => vec![Event::End(TagEnd::Link)],
            },
            event => vec![event],
        };
        out
    });
    let events = events.map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: below(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(below(level))),
        event => event,
    });
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, bounded(events, Limits::DEFAULT));
    let mut builder = sanitiser();
    builder
        .rm_tags(["img", "h1", "h2"])
        .url_relative(ammonia::UrlRelative::Custom(Box::new(keep_same_site)));
    builder.clean(&unsafe_html).to_string()
}

/// The start of a post as plain text (for the quote above a reply): at
/// most `max` characters, cut at a word, with an ellipsis when cut.
pub fn excerpt(source: &str, max: usize) -> String {
    let mut text = String::new();
    for event in Parser::new(source) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
        if text.chars().count() > max * 2 {
            break;
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for word in words {
        if out.chars().count() + word.chars().count() + 1 > max {
            out.push_str(" …");
            return out.trim_start().to_owned();
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The allowlist every rendering shares: harmless tags and attributes,
/// links that tell nothing to where they lead and take no privileges.
fn sanitiser() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .link_rel(Some("nofollow noopener noreferrer"))
        .url_schemes(["http", "https", "mailto", "tel"].into());
    builder
}

/// Drops the elements nested deeper than the limit (keeping their text)
/// and everything after the event limit. Start and end events balance, so
/// a depth counter says which end belongs to a dropped start.
fn bounded<'a>(events: impl Iterator<Item = Event<'a>>, limits: Limits) -> impl Iterator<Item = Event<'a>> {
    let mut depth = 0usize;
    events.take(limits.max_events).filter(move |event| match event {
        Event::Start(_) => {
            depth += 1;
            depth <= limits.max_nesting
        }
        Event::End(_) => {
            depth = depth.saturating_sub(1);
            depth < limits.max_nesting
        }
        _ => true,
    })
}

/// A relative URL that stays on this site. Browsers read `\` as `/` and
/// drop tabs and line breaks, so `/\evil.example` or `/<TAB>/evil.example`
/// would lead to another host: such URLs are dropped, not repaired.
fn stays_on_site(url: &str) -> bool {
    let suspicious = url.chars().any(|c| c == '\\' || c.is_control());
    !suspicious && !url.starts_with("//")
}

fn keep_resolved(url: &str) -> Option<std::borrow::Cow<'_, str>> {
    (stays_on_site(url) && (url.starts_with('#') || url.starts_with('/'))).then_some(std::borrow::Cow::Borrowed(url))
}

fn keep_same_site(url: &str) -> Option<std::borrow::Cow<'_, str>> {
    stays_on_site(url).then_some(std::borrow::Cow::Borrowed(url))
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
    fn deep_nesting_is_flattened_before_the_sanitiser() {
        // The probe's README: 150,000 nested quotes (minutes of CPU before).
        let source = format!("{}deep\n", "> ".repeat(150_000));
        let html = render(&source);
        let depth = html.matches("<blockquote>").count();
        assert_eq!(depth, Limits::DEFAULT.max_nesting, "{}", &html[..200.min(html.len())]);
        assert!(html.contains("deep"));
        assert_eq!(
            html.matches("<blockquote>").count(),
            html.matches("</blockquote>").count()
        );
    }

    #[test]
    fn long_documents_are_cut_at_the_event_limit() {
        let source = "*a* ".repeat(Limits::DEFAULT.max_events);
        let html = render(&source);
        assert!(html.matches("<em>").count() < Limits::DEFAULT.max_events / 2);
        assert_eq!(html.matches("<em>").count(), html.matches("</em>").count());
    }

    /// Where each `href` of `html` leads from a page of this site, as a
    /// browser resolves it (the `url` crate follows the WHATWG rules:
    /// backslashes are slashes, tabs and line breaks are dropped).
    fn hosts_linked(html: &str) -> Vec<String> {
        let base = url::Url::parse("https://allmende.example/software/x").unwrap();
        html.split("href=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(|href| {
                base.join(&href.replace("&amp;", "&"))
                    .unwrap()
                    .host_str()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn relative_links_cannot_leave_the_site() {
        for bad in [
            "/\\evil.example",
            "/\t/evil.example",
            "//evil.example",
            "\\\\evil.example",
            "/\n/evil.example",
        ] {
            for source in [
                format!("<a href=\"{bad}\">x</a>"),
                format!("[y]({bad})"),
                format!("<img src=\"{bad}\">"),
            ] {
                let html = render(&source);
                let hosts = hosts_linked(&html.replace("src=", "href="));
                assert!(hosts.iter().all(|h| h == "allmende.example"), "{bad:?}: {html}");
            }
        }
        let link = |p: &str| format!("/repo/{p}");
        let r = Resolver {
            link: &link,
            image: &link,
        };
        let html = render_resolved("<a href=\"/\\evil.example\">x</a>", Some(&r), Limits::DEFAULT);
        assert!(!html.contains("evil.example"), "{html}");
        assert!(render("[ok](/software)").contains("href=\"/software\""));
    }

    #[test]
    fn a_post_fetches_nothing_from_elsewhere_and_keeps_below_the_page_headings() {
        let html = render_post(
            "# Titel\n\n![Pixel](https://tracker.example/p.gif) <img src=\"https://tracker.example/q.gif\">\n\n\
             <h1>roh</h1>",
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("<h3>Titel</h3>"), "{html}");
        assert!(!html.contains("<h1") && !html.contains("<h2"), "{html}");
        assert!(
            html.contains(r#"<a href="https://tracker.example/p.gif" rel="nofollow noopener noreferrer">Pixel</a>"#),
            "the image is a link with its alt text: {html}"
        );
        assert!(html.contains("roh"), "the raw heading keeps its text: {html}");
        let unnamed = render_post("![](https://example.org/plan.png)");
        assert!(
            unnamed.contains(">https://example.org/plan.png</a>"),
            "an image without alt text is named by its address: {unnamed}"
        );
    }

    #[test]
    fn an_excerpt_is_plain_text_cut_at_a_word() {
        assert_eq!(
            excerpt("**Guten** Tag,\n\n> zitiert <b>x</b>", 100),
            "Guten Tag, zitiert x"
        );
        assert_eq!(excerpt("eins zwei drei vier", 10), "eins zwei …");
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
            Limits::DEFAULT,
        );
        assert!(
            html.contains(r#"href="https://forge.example/o/r/blob/main/docs/a.md""#),
            "{html}"
        );
        assert!(html.contains("href=\"#x\""), "{html}");
        assert!(html.contains(r#"src="/repositorien/1/roh/logo.png""#), "{html}");
    }
}
