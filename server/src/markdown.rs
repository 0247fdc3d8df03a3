//! Markdown to safe HTML: pulldown-cmark renders, then an allowlist
//! sanitiser (ammonia) keeps only harmless tags and attributes. Raw HTML in
//! the source is escaped by the sanitiser's allowlist, never trusted.

use pulldown_cmark::{html, Options, Parser};

pub fn render(source: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(source, options));
    ammonia::Builder::default()
        .link_rel(Some("nofollow noopener noreferrer"))
        .url_schemes(["http", "https", "mailto", "tel"].into())
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

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
}
