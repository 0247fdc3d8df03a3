//! `GET /arbeitsgruppen/{slug}/feed.atom`: a public group's latest posts,
//! each with its text (the sanitised HTML, escaped as Atom `html` content).

use crate::http::catalog::feed::xml_escape;
use crate::http::form_context::Ctx;
use app::error::AppError;
use app::groups::model::{group_path, post_path};
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use http::header;

pub(super) async fn atom(ctx: Ctx, Path(slug): Path<String>) -> Response {
    if !crate::groups::valid_slug(&slug) {
        return ctx.error(AppError::NotFound, "/arbeitsgruppen").await;
    }
    let feed = match ctx.state.groups.feed(&slug).await {
        Ok(feed) => feed,
        Err(error) => return ctx.error(error, "/arbeitsgruppen").await,
    };
    let base = ctx.state.config.origin();
    let page = format!("{base}{}", group_path(&feed.slug));
    let updated = feed
        .posts
        .first()
        .map(|p| p.edited_at.unwrap_or(p.created_at).to_rfc3339())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
         <title>{}</title>\n<subtitle>{}</subtitle>\n<id>{page}</id>\n<updated>{updated}</updated>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{page}/feed.atom\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{page}\"/>\n<generator>Allmende</generator>\n",
        xml_escape(&feed.name),
        xml_escape(&feed.summary),
    );
    for post in &feed.posts {
        let link = format!("{base}{}", post_path(&feed.slug, post.thread, post.number));
        // A post's id never changes; an edit is a new `updated`.
        let id = format!("{page}/themen/{}/beitraege/{}", post.thread, post.number);
        xml.push_str(&format!(
            "<entry>\n<title>{} #{}</title>\n<id>{id}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n<author><name>{}</name></author>\n\
             <content type=\"html\">{}</content>\n</entry>\n",
            xml_escape(&post.thread_title),
            post.number,
            xml_escape(&link),
            post.created_at.to_rfc3339(),
            post.edited_at.unwrap_or(post.created_at).to_rfc3339(),
            xml_escape(&post.author),
            xml_escape(&post.body_html),
        ));
    }
    xml.push_str("</feed>\n");
    ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response()
}
