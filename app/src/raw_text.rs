//! Text for the two places where Leptos writes a string into HTML without
//! escaping it: the document's `<title>` (leptos_meta) and a `<textarea>`'s
//! content (tachys treats it like `<script>`). Both are RCDATA for the
//! browser: `&` starts a character reference and `</title>` or
//! `</textarea>` ends the element, so a name or a stored file could close
//! the element and write live markup. Every title and every textarea goes
//! through these functions; the hostile-rendering test checks the result.

/// Escapes what ends or changes RCDATA text: `&`, `<` and `>`.
pub fn escape_rcdata(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The document title as leptos_meta should write it. Only the server
/// writes titles (the pages are not hydrated, only islands are).
pub fn title(text: &str) -> String {
    let full = if text.is_empty() {
        "Allmende".to_owned()
    } else {
        format!("{text} – Allmende")
    };
    if cfg!(feature = "ssr") {
        escape_rcdata(&full)
    } else {
        full
    }
}

/// A textarea's initial text. On the server it is escaped, with a leading
/// line break (the HTML parser drops one, so a file that begins with an
/// empty line keeps it); in the browser, where an island hydrates, the
/// DOM already holds the parsed text and the value is taken as it is.
pub fn textarea(text: String) -> String {
    if cfg!(feature = "ssr") {
        format!("\n{}", escape_rcdata(&text))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rcdata_cannot_be_closed() {
        assert_eq!(
            escape_rcdata("PT </title><meta http-equiv=\"refresh\">&amp;"),
            "PT &lt;/title&gt;&lt;meta http-equiv=\"refresh\"&gt;&amp;amp;"
        );
    }
}
