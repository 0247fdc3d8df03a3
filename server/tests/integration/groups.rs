//! Working groups: founding (the founder chairs), joining by each rule,
//! threads and replies numbered densely under concurrency with stable
//! pages, edits that keep every earlier text, locked threads, and a
//! members-only group that outsiders cannot find through any page or read.

use crate::support::{factories, TestApp, TestDb};
use allmende_server::db::sql;
use allmende_server::groups::{Edited, Groups, Joined, NewGroup, PostAt, ThreadChange};
use allmende_server::kernel::Actor;
use app::accounts::dto::Role;
use app::error::{AppError, FieldError};
use app::groups::model::{Joining, Topic, Visibility};
use app::groups::query::GroupQuery;
use sea_orm::DatabaseConnection;

struct World {
    _test_db: TestDb,
    db: DatabaseConnection,
    groups: Groups,
    chair: Actor,
    member: Actor,
    outsider: Actor,
    site_admin: Actor,
}

async fn world() -> World {
    let test_db = TestDb::new().await;
    let db = test_db.connect().await;
    let (_, chair) = factories::person_in(&db, "kiel", "Clara Vorsitz", Role::Member).await;
    let (_, member) = factories::person_in(&db, "kiel", "Moritz Mitglied", Role::Member).await;
    let (_, outsider) = factories::person_in(&db, "husum", "Otto Aussen", Role::Owner).await;
    let admin = factories::user(&db, "Ada Admin").await;
    sql::exec(
        &db,
        "UPDATE users SET is_site_admin = true WHERE id = $1",
        [admin.into()],
    )
    .await
    .unwrap();
    let site_admin = factories::actor(&db, admin).await;
    World {
        groups: Groups { db: db.clone() },
        _test_db: test_db,
        db,
        chair,
        member,
        outsider,
        site_admin,
    }
}

fn new_group(name: &str, visibility: Visibility, joining: Joining) -> NewGroup {
    NewGroup {
        name: name.into(),
        slug: String::new(),
        summary: format!("Worum es in {name} geht"),
        description: "Wir **treffen** uns monatlich.".into(),
        visibility,
        joining,
        topics: vec![Topic::Ai],
        land: Some("DE-SH".into()),
        software: None,
        agreement: None,
    }
}

/// A group founded by `by`; its slug.
async fn found(w: &World, by: &Actor, name: &str, visibility: Visibility, joining: Joining) -> String {
    w.groups
        .create_group(by, None, new_group(name, visibility, joining))
        .await
        .unwrap()
}

async fn count(db: &DatabaseConnection, sql_text: &str) -> i64 {
    sql::value::<i64>(db, sql_text, []).await.unwrap().unwrap()
}

fn fields(error: AppError) -> Vec<(String, String)> {
    match error {
        AppError::Invalid(errors) => errors
            .into_iter()
            .map(|FieldError { field, key }| (field, key))
            .collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_founder_chairs_the_group_and_the_form_is_checked_field_by_field() {
    let w = world().await;
    let slug = found(&w, &w.chair, "KI in der Verwaltung", Visibility::Public, Joining::Open).await;
    assert_eq!(slug, "ki-in-der-verwaltung");
    let page = w.groups.group(Some(&w.chair), &slug).await.unwrap();
    assert_eq!(page.members.len(), 1);
    assert_eq!(page.members[0].name, "Clara Vorsitz");
    assert_eq!(page.you.role, Some(app::groups::model::GroupRole::Chair));
    assert!(page.you.lead && page.you.moderate && page.you.post);
    assert_eq!(
        page.description_html,
        "<p>Wir <strong>treffen</strong> uns monatlich.</p>\n"
    );

    // The same name again: the short name is taken, said at its field.
    let again = w
        .groups
        .create_group(
            &w.member,
            None,
            new_group("KI in der Verwaltung", Visibility::Public, Joining::Open),
        )
        .await
        .unwrap_err();
    assert_eq!(fields(again), [("slug".into(), "groups.error.slug_taken".into())]);

    let mut bad = new_group("KI", Visibility::Public, Joining::Open);
    bad.slug = "Nicht gültig!".into();
    bad.summary = String::new();
    bad.land = Some("DE-XX".into());
    bad.software = Some("gibt-es-nicht".into());
    let mut got = fields(w.groups.create_group(&w.chair, None, bad).await.unwrap_err());
    got.sort();
    assert_eq!(
        got,
        [
            ("land".to_owned(), "form.error.choice".to_owned()),
            ("name".into(), "groups.error.name".into()),
            ("slug".into(), "groups.error.slug".into()),
            ("software".into(), "groups.error.software".into()),
            ("summary".into(), "groups.error.summary".into()),
        ]
    );
    // Nothing of the refused attempts was written.
    assert_eq!(count(&w.db, "SELECT count(*) AS value FROM working_groups").await, 1);

    // Someone who belongs to no administration founds nothing.
    let loner = factories::user(&w.db, "Lena Ohne").await;
    let loner = factories::actor(&w.db, loner).await;
    let refused = w
        .groups
        .create_group(
            &loner,
            None,
            new_group("Ohne Verwaltung", Visibility::Public, Joining::Open),
        )
        .await
        .unwrap_err();
    assert_eq!(refused, AppError::Conflict("groups.error.no_organisation".into()));
    assert_eq!(
        count(
            &w.db,
            "SELECT count(*) AS value FROM audit_events WHERE action = 'group_created'"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joining_follows_each_rule_and_requests_reach_the_chairs() {
    let w = world().await;
    let open = found(&w, &w.chair, "Offene Runde", Visibility::Public, Joining::Open).await;
    let request = found(&w, &w.chair, "Auf Anfrage", Visibility::Public, Joining::Request).await;
    let invitation = found(&w, &w.chair, "Nur Einladung", Visibility::Public, Joining::Invitation).await;

    assert_eq!(w.groups.join(&w.member, None, &open, "").await.unwrap(), Joined::Member);
    assert_eq!(
        w.groups.join(&w.member, None, &open, "").await.unwrap_err(),
        AppError::Conflict("groups.error.already_member".into())
    );
    assert_eq!(
        w.groups.join(&w.member, None, &invitation, "").await.unwrap_err(),
        AppError::Conflict("groups.error.invitation_only".into())
    );

    assert_eq!(
        w.groups
            .join(&w.outsider, None, &request, "Husum macht mit")
            .await
            .unwrap(),
        Joined::Requested
    );
    assert_eq!(
        w.groups.join(&w.outsider, None, &request, "").await.unwrap_err(),
        AppError::Conflict("groups.error.already_requested".into())
    );
    let told = sql::value::<String>(
        &w.db,
        "SELECT link AS value FROM notifications WHERE user_id = $1 AND kind = 'group_join_request'",
        [w.chair.user_id.into()],
    )
    .await
    .unwrap();
    assert_eq!(told.as_deref(), Some("/arbeitsgruppen/auf-anfrage"));
    // The request shows to the chair, with its message, and to nobody else.
    let page = w.groups.group(Some(&w.chair), &request).await.unwrap();
    assert_eq!(page.requests.len(), 1);
    assert_eq!(page.requests[0].message, "Husum macht mit");
    assert!(w
        .groups
        .group(Some(&w.member), &request)
        .await
        .unwrap()
        .requests
        .is_empty());
    assert!(w.groups.group(Some(&w.outsider), &request).await.unwrap().you.requested);

    // A member cannot decide; the chair admits, and the person is told.
    assert_eq!(
        w.groups
            .decide_request(&w.outsider, None, &request, w.outsider.user_id, true)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    w.groups
        .decide_request(&w.chair, None, &request, w.outsider.user_id, true)
        .await
        .unwrap();
    let page = w.groups.group(Some(&w.outsider), &request).await.unwrap();
    assert_eq!(page.you.role, Some(app::groups::model::GroupRole::Member));
    assert_eq!(
        count(
            &w.db,
            "SELECT count(*) AS value FROM notifications WHERE kind = 'group_admitted'"
        )
        .await,
        1
    );

    // The only chair stays; a member leaves.
    assert_eq!(
        w.groups.leave(&w.chair, None, &open).await.unwrap_err(),
        AppError::Conflict("groups.error.last_chair".into())
    );
    w.groups.leave(&w.member, None, &open).await.unwrap();
    assert_eq!(w.groups.group(None, &open).await.unwrap().members.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_are_numbered_densely_under_concurrency_and_keep_their_page() {
    let w = world().await;
    let slug = found(&w, &w.chair, "Viel Betrieb", Visibility::Public, Joining::Open).await;
    w.groups.join(&w.member, None, &slug, "").await.unwrap();
    let thread = w
        .groups
        .start_thread(&w.chair, None, &slug, "Ein langes Thema", "Der erste Beitrag")
        .await
        .unwrap();
    assert_eq!(thread, 1);
    // 40 replies at once from two people: 41 posts, numbered 1 to 41.
    let mut tasks = Vec::new();
    for i in 0..40 {
        let groups = Groups { db: w.db.clone() };
        let actor = if i % 2 == 0 { w.chair.clone() } else { w.member.clone() };
        let slug = slug.clone();
        tasks.push(tokio::spawn(async move {
            groups
                .reply(&actor, None, &slug, 1, Some(1), &format!("Antwort {i}"))
                .await
        }));
    }
    let mut numbers: Vec<u32> = Vec::new();
    for task in tasks {
        numbers.push(task.await.unwrap().unwrap());
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (2..=41).collect::<Vec<_>>());
    let page1 = w.groups.thread(None, &slug, 1, 1).await.unwrap();
    assert_eq!(page1.pages, 3);
    assert_eq!(
        page1.posts.iter().map(|p| p.number).collect::<Vec<_>>(),
        (1..=20).collect::<Vec<_>>()
    );
    let page3 = w.groups.thread(None, &slug, 1, 3).await.unwrap();
    assert_eq!(page3.posts.iter().map(|p| p.number).collect::<Vec<_>>(), [41]);
    // A reply shows the start of the post it answers, though that is on page 1.
    let quote = page3.posts[0].reply_to.clone().unwrap();
    assert_eq!(
        (quote.number, quote.author.as_str(), quote.excerpt.as_str()),
        (1, "Clara Vorsitz", "Der erste Beitrag")
    );
    assert_eq!(
        w.groups.thread(None, &slug, 1, 4).await.unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(
        app::groups::model::post_path(&slug, 1, 41),
        "/arbeitsgruppen/viel-betrieb/themen/1?seite=3#beitrag-41"
    );
    // The chair was told of each of the member's 20 replies, not of her own.
    assert_eq!(
        count(
            &w.db,
            "SELECT count(*) AS value FROM notifications WHERE kind = 'group_reply'"
        )
        .await,
        20
    );
    // Replying to a post that is not there changes nothing.
    let refused = w
        .groups
        .reply(&w.member, None, &slug, 1, Some(99), "Wohin?")
        .await
        .unwrap_err();
    assert_eq!(fields(refused), [("body".into(), "groups.error.reply_to".into())]);
    assert_eq!(count(&w.db, "SELECT count(*) AS value FROM group_posts").await, 41);
    // An outsider reads a public thread but does not post in it.
    assert_eq!(
        w.groups
            .reply(&w.outsider, None, &slug, 1, None, "Hallo")
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_keeps_the_text_it_replaces_and_only_author_and_moderators_edit() {
    let w = world().await;
    let slug = found(&w, &w.chair, "Redaktion", Visibility::Public, Joining::Open).await;
    w.groups.join(&w.member, None, &slug, "").await.unwrap();
    w.groups
        .start_thread(&w.member, None, &slug, "Entwurf", "Fassung eins")
        .await
        .unwrap();
    assert_eq!(
        w.groups
            .edit_post(&w.member, None, &slug, 1, 1, "Fassung zwei")
            .await
            .unwrap(),
        Edited::Saved
    );
    assert_eq!(
        w.groups
            .edit_post(&w.member, None, &slug, 1, 1, "  Fassung zwei ")
            .await
            .unwrap(),
        Edited::Unchanged
    );
    // The chair moderates; the site administrator too.
    w.groups
        .edit_post(&w.chair, None, &slug, 1, 1, "Fassung drei")
        .await
        .unwrap();
    assert_eq!(
        w.groups
            .edit_post(&w.outsider, None, &slug, 1, 1, "Übernommen")
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    let post = w.groups.post(None, &slug, 1, 1).await.unwrap();
    assert_eq!(post.body_md, "Fassung drei");
    assert!(!post.may_edit);
    let history: Vec<(u32, &str, &str)> = post
        .history
        .iter()
        .map(|r| (r.revision, r.editor.as_str(), r.body_md.as_str()))
        .collect();
    assert_eq!(
        history,
        [
            (2, "Clara Vorsitz", "Fassung zwei"),
            (1, "Moritz Mitglied", "Fassung eins")
        ]
    );
    let shown = w.groups.thread(Some(&w.member), &slug, 1, 1).await.unwrap();
    assert_eq!(shown.posts[0].body_html, "<p>Fassung drei</p>\n");
    assert_eq!(shown.posts[0].revisions, 2);
    assert!(shown.posts[0].edited_at.is_some() && shown.posts[0].may_edit);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_thread_takes_posts_only_from_moderators() {
    let w = world().await;
    let slug = found(&w, &w.chair, "Gesperrt", Visibility::Public, Joining::Open).await;
    w.groups.join(&w.member, None, &slug, "").await.unwrap();
    w.groups
        .start_thread(&w.member, None, &slug, "Streitfrage", "Meinung")
        .await
        .unwrap();
    assert_eq!(
        w.groups
            .moderate_thread(&w.member, None, &slug, 1, ThreadChange::Lock, "")
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    w.groups
        .moderate_thread(&w.chair, None, &slug, 1, ThreadChange::Lock, "")
        .await
        .unwrap();
    w.groups
        .moderate_thread(&w.site_admin, None, &slug, 1, ThreadChange::Pin, "Wichtig")
        .await
        .unwrap();
    assert_eq!(
        w.groups
            .reply(&w.member, None, &slug, 1, None, "Noch etwas")
            .await
            .unwrap_err(),
        AppError::Conflict("groups.error.locked".into())
    );
    w.groups
        .reply(&w.chair, None, &slug, 1, None, "Schlusswort")
        .await
        .unwrap();
    let page = w.groups.group(None, &slug).await.unwrap();
    assert!(page.threads[0].locked && page.threads[0].pinned);
    assert_eq!(
        count(
            &w.db,
            "SELECT count(*) AS value FROM audit_events WHERE action = 'thread_moderated'"
        )
        .await,
        2
    );
}

/// A members-only group, its thread and its post: outsiders learn nothing
/// of them through the service's reads, and a reply to a person who left
/// tells them nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_members_only_group_is_not_found_by_outsiders_through_any_read() {
    let w = world().await;
    let slug = found(
        &w,
        &w.chair,
        "Vertrauliche Runde",
        Visibility::Members,
        Joining::Invitation,
    )
    .await;
    w.groups
        .start_thread(&w.chair, None, &slug, "Geheimes Thema", "Vertraulicher Inhalt")
        .await
        .unwrap();
    for reader in [None, Some(&w.outsider), Some(&w.member)] {
        assert_eq!(w.groups.group(reader, &slug).await.unwrap_err(), AppError::NotFound);
        assert_eq!(
            w.groups.thread(reader, &slug, 1, 1).await.unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            w.groups.post(reader, &slug, 1, 1).await.unwrap_err(),
            AppError::NotFound
        );
        let list = w
            .groups
            .directory(
                reader,
                &GroupQuery {
                    page: 1,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert!(list.items.iter().all(|g| g.slug != slug) && list.total == 0);
        assert!(list.by_topic.iter().all(|(_, n)| *n == 0), "topic counts leak nothing");
        let found = w
            .groups
            .directory(
                reader,
                &GroupQuery {
                    text: Some("Vertrauliche".into()),
                    page: 1,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(found.total, 0);
        // Joining an unseen group is not found either, not "by invitation".
        if let Some(reader) = reader {
            assert_eq!(
                w.groups.join(reader, None, &slug, "").await.unwrap_err(),
                AppError::NotFound
            );
        }
    }
    // The chair and the site administrator see it.
    assert_eq!(w.groups.group(Some(&w.chair), &slug).await.unwrap().threads.len(), 1);
    assert_eq!(
        w.groups
            .directory(
                Some(&w.site_admin),
                &GroupQuery {
                    page: 1,
                    ..Default::default()
                }
            )
            .await
            .unwrap()
            .total,
        1
    );
    // A member who wrote and then left is not told of replies.
    sql::exec(
        &w.db,
        "INSERT INTO group_members (group_id, user_id, role) SELECT id, $1, 'member' FROM working_groups WHERE slug = $2",
        [w.member.user_id.into(), slug.clone().into()],
    )
    .await
    .unwrap();
    let mine = w
        .groups
        .reply(&w.member, None, &slug, 1, None, "Mein Beitrag")
        .await
        .unwrap();
    w.groups.leave(&w.member, None, &slug).await.unwrap();
    w.groups
        .reply(&w.chair, None, &slug, 1, Some(mine), "Antwort an jemanden, der ging")
        .await
        .unwrap();
    assert_eq!(
        count(
            &w.db,
            "SELECT count(*) AS value FROM notifications WHERE kind = 'group_reply'"
        )
        .await,
        0
    );
}

/// The same through HTTP, as an outsider's browser sees it: every page and
/// the permalink of a members-only group answer 404 and name nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_members_only_group_leaks_nothing_through_pages() {
    let app = TestApp::spawn().await;
    let db = app.db.as_ref().unwrap().connect().await;
    // The demo's members-only group with a locked thread.
    let title = sql::value::<String>(
        &db,
        "SELECT t.title AS value FROM group_threads t JOIN working_groups g ON g.id = t.group_id WHERE g.slug = 'it-resilienz-mv'",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    for path in [
        "/arbeitsgruppen/it-resilienz-mv",
        "/arbeitsgruppen/it-resilienz-mv/themen/1",
        "/arbeitsgruppen/it-resilienz-mv/themen/1/beitraege/1/versionen",
        "/arbeitsgruppen/it-resilienz-mv/neues-thema",
    ] {
        let (status, html) = app.html(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(
            !html.contains("IT-Resilienz") && !html.contains(&title),
            "{path} names the group"
        );
    }
    // The permalink says nothing either: it leads to the thread's page, which is not found.
    let response = app.get("/arbeitsgruppen/it-resilienz-mv/themen/1/beitraege/1").await;
    let status = response.status();
    let html = response.text().await.unwrap();
    assert!(status == 404 || status == 303, "{status}");
    assert!(!html.contains(&title));
    for path in [
        "/arbeitsgruppen",
        "/arbeitsgruppen?q=Resilienz",
        "/arbeitsgruppen?thema=it_resilience",
    ] {
        let (status, html) = app.html(path).await;
        assert_eq!(status, 200);
        assert!(
            !html.contains("IT-Resilienz und Notfallbetrieb"),
            "{path} lists the group"
        );
    }
    // Its chair sees it all.
    let client = app.new_client();
    app.log_in(&client, "mira.moeller@im-mv.example", "Schwerin-Mitglied-2026")
        .await;
    let (status, html) = app.html_as(&client, "/arbeitsgruppen/it-resilienz-mv/themen/1").await;
    assert_eq!(status, 200);
    assert!(html.contains(&title));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flagged_post_is_hidden_with_a_reason_that_the_log_keeps() {
    use app::groups::model::{FlagReason, ModAction};
    let w = world().await;
    let slug = found(&w, &w.chair, "Moderiert", Visibility::Public, Joining::Open).await;
    w.groups.join(&w.member, None, &slug, "").await.unwrap();
    w.groups
        .start_thread(&w.chair, None, &slug, "Ein Thema", "Sachlicher Beitrag")
        .await
        .unwrap();
    w.groups
        .reply(&w.member, None, &slug, 1, Some(1), "Werbung: kaufen Sie jetzt!")
        .await
        .unwrap();
    w.groups
        .reply(&w.chair, None, &slug, 1, Some(2), "Bitte beim Thema bleiben")
        .await
        .unwrap();

    // An outsider who reads the public group flags it; once.
    w.groups
        .flag_post(
            &w.outsider,
            None,
            PostAt {
                slug: &slug,
                thread: 1,
                post: 2,
            },
            FlagReason::Spam,
            "Reine Werbung",
        )
        .await
        .unwrap();
    assert_eq!(
        w.groups
            .flag_post(
                &w.outsider,
                None,
                PostAt {
                    slug: &slug,
                    thread: 1,
                    post: 2
                },
                FlagReason::Spam,
                ""
            )
            .await
            .unwrap_err(),
        AppError::Conflict("groups.error.already_flagged".into())
    );
    let told = count(
        &w.db,
        "SELECT count(*) AS value FROM notifications WHERE kind = 'group_flagged'",
    )
    .await;
    assert_eq!(told, 1, "the chair is told");
    // The queue is the moderators'.
    assert_eq!(
        w.groups.review_queue(Some(&w.member), &slug).await.unwrap_err(),
        AppError::Forbidden
    );
    let queue = w.groups.review_queue(Some(&w.chair), &slug).await.unwrap();
    assert_eq!(queue.posts.len(), 1);
    assert_eq!(queue.posts[0].number, 2);
    assert_eq!(queue.posts[0].flags[0].reason, FlagReason::Spam);
    assert_eq!(queue.posts[0].flags[0].note, "Reine Werbung");
    assert_eq!(w.groups.group(Some(&w.chair), &slug).await.unwrap().flagged_posts, 1);

    // Hiding needs a reason, and a moderator.
    assert_eq!(
        fields(
            w.groups
                .hide_post(
                    &w.chair,
                    None,
                    PostAt {
                        slug: &slug,
                        thread: 1,
                        post: 2
                    },
                    true,
                    " "
                )
                .await
                .unwrap_err()
        ),
        [("reason".into(), "groups.error.reason".into())]
    );
    assert_eq!(
        w.groups
            .hide_post(
                &w.member,
                None,
                PostAt {
                    slug: &slug,
                    thread: 1,
                    post: 2
                },
                true,
                "Spam"
            )
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    w.groups
        .hide_post(
            &w.chair,
            None,
            PostAt {
                slug: &slug,
                thread: 1,
                post: 2,
            },
            true,
            "Werbung",
        )
        .await
        .unwrap();

    // Readers see why, not what; the reply's quote of it is gone too.
    for reader in [None, Some(&w.outsider), Some(&w.member)] {
        let page = w.groups.thread(reader, &slug, 1, 1).await.unwrap();
        let hidden = &page.posts[1];
        assert_eq!(hidden.body_html, "");
        let why = hidden.hidden.clone().unwrap();
        assert_eq!((why.reason.as_str(), why.by.as_str()), ("Werbung", "Clara Vorsitz"));
        assert!(!hidden.may_edit, "its author cannot rewrite a hidden post");
        let quote = page.posts[2].reply_to.clone().unwrap();
        assert!(quote.hidden && quote.excerpt.is_empty());
        assert_eq!(
            w.groups.post(reader, &slug, 1, 2).await.unwrap_err(),
            AppError::NotFound
        );
    }
    assert_eq!(
        w.groups
            .edit_post(&w.member, None, &slug, 1, 2, "Doch kein Spam")
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    // The moderators still read it.
    let page = w.groups.thread(Some(&w.chair), &slug, 1, 1).await.unwrap();
    assert!(page.posts[1].body_html.contains("kaufen Sie jetzt"));
    assert!(page.posts[2].reply_to.clone().unwrap().excerpt.contains("kaufen"));
    // Hiding settled the flag.
    assert!(w
        .groups
        .review_queue(Some(&w.chair), &slug)
        .await
        .unwrap()
        .posts
        .is_empty());

    // Another flag on the first post is dismissed; then the post is shown again.
    w.groups
        .flag_post(
            &w.member,
            None,
            PostAt {
                slug: &slug,
                thread: 1,
                post: 1,
            },
            FlagReason::OffTopic,
            "",
        )
        .await
        .unwrap();
    w.groups
        .dismiss_flags(
            &w.chair,
            None,
            PostAt {
                slug: &slug,
                thread: 1,
                post: 1,
            },
            "Passt zum Thema",
        )
        .await
        .unwrap();
    assert_eq!(
        w.groups
            .dismiss_flags(
                &w.chair,
                None,
                PostAt {
                    slug: &slug,
                    thread: 1,
                    post: 1
                },
                ""
            )
            .await
            .unwrap_err(),
        AppError::Conflict("groups.error.no_open_flags".into())
    );
    w.groups
        .hide_post(
            &w.site_admin,
            None,
            PostAt {
                slug: &slug,
                thread: 1,
                post: 2,
            },
            false,
            "Geklärt",
        )
        .await
        .unwrap();
    assert!(w.groups.thread(None, &slug, 1, 1).await.unwrap().posts[1]
        .hidden
        .is_none());

    // The log says who did what, where and why, newest first, to every reader.
    let log = w.groups.moderation_log(None, &slug).await.unwrap();
    let entries: Vec<(ModAction, &str, Option<u32>, &str)> = log
        .entries
        .iter()
        .map(|e| (e.action, e.moderator.as_str(), e.post, e.reason.as_str()))
        .collect();
    assert_eq!(
        entries,
        [
            (ModAction::UnhidePost, "Ada Admin", Some(2), "Geklärt"),
            (ModAction::DismissFlag, "Clara Vorsitz", Some(1), "Passt zum Thema"),
            (ModAction::HidePost, "Clara Vorsitz", Some(2), "Werbung"),
        ]
    );
    assert_eq!(log.entries[0].thread, Some((1, "Ein Thema".into())));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_founder_never_learns_of_a_hidden_group_through_its_name() {
    let w = world().await;
    let hidden = found(&w, &w.chair, "Vertraulich", Visibility::Members, Joining::Invitation).await;
    // The same name from someone who may not see the first: another slug, no error.
    let other = found(&w, &w.outsider, "Vertraulich", Visibility::Public, Joining::Open).await;
    assert_eq!((hidden.as_str(), other.as_str()), ("vertraulich", "vertraulich-2"));
    // Someone who sees the first is told it is taken.
    let taken = w
        .groups
        .create_group(
            &w.chair,
            None,
            new_group("Vertraulich", Visibility::Public, Joining::Open),
        )
        .await
        .unwrap_err();
    assert_eq!(fields(taken), [("slug".into(), "groups.error.slug_taken".into())]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chairs_add_members_by_address_change_roles_and_keep_a_chair() {
    use app::groups::model::GroupRole;
    let w = world().await;
    let slug = found(&w, &w.chair, "Auf Einladung", Visibility::Members, Joining::Invitation).await;
    // The member's address, as typed, in another case.
    assert_eq!(
        fields(
            w.groups
                .add_member(&w.chair, None, &slug, "niemand@test.example")
                .await
                .unwrap_err()
        ),
        [("email".into(), "groups.error.no_account".into())]
    );
    w.groups
        .add_member(&w.chair, None, &slug, "  Moritz.Mitglied@TEST.example ")
        .await
        .unwrap();
    assert_eq!(
        w.groups
            .add_member(&w.chair, None, &slug, "moritz.mitglied@test.example")
            .await
            .unwrap_err(),
        AppError::Conflict("groups.error.is_member".into())
    );
    let told = sql::value::<String>(
        &w.db,
        "SELECT link AS value FROM notifications WHERE user_id = $1 AND kind = 'group_admitted'",
        [w.member.user_id.into()],
    )
    .await
    .unwrap();
    assert_eq!(told.as_deref(), Some("/arbeitsgruppen/auf-einladung"));
    // Now the member reads the members-only group; a member adds nobody.
    let page = w.groups.group(Some(&w.member), &slug).await.unwrap();
    assert_eq!(page.members.len(), 2);
    assert!(
        page.members.iter().all(|m| m.user_id.is_none()),
        "ids only for the chairs"
    );
    assert_eq!(
        w.groups
            .add_member(&w.member, None, &slug, "otto.aussen@test.example")
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    // The only chair cannot step down or be removed; with a second one she can.
    assert_eq!(
        w.groups
            .set_role(&w.chair, None, &slug, w.chair.user_id, GroupRole::Member)
            .await
            .unwrap_err(),
        AppError::Conflict("groups.error.last_chair_role".into())
    );
    assert_eq!(
        w.groups
            .remove_member(&w.chair, None, &slug, w.chair.user_id)
            .await
            .unwrap_err(),
        AppError::Conflict("groups.error.last_chair_role".into())
    );
    w.groups
        .set_role(&w.chair, None, &slug, w.member.user_id, GroupRole::Chair)
        .await
        .unwrap();
    w.groups
        .set_role(&w.member, None, &slug, w.chair.user_id, GroupRole::Moderator)
        .await
        .unwrap();
    let page = w.groups.group(Some(&w.member), &slug).await.unwrap();
    let roles: Vec<(&str, GroupRole)> = page.members.iter().map(|m| (m.name.as_str(), m.role)).collect();
    assert_eq!(
        roles,
        [
            ("Moritz Mitglied", GroupRole::Chair),
            ("Clara Vorsitz", GroupRole::Moderator)
        ]
    );
    w.groups
        .remove_member(&w.member, None, &slug, w.chair.user_id)
        .await
        .unwrap();
    assert_eq!(
        w.groups.group(Some(&w.chair), &slug).await.unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(
        count(
            &w.db,
            "SELECT count(*) AS value FROM audit_events WHERE action = 'group_member_changed'"
        )
        .await,
        4
    );
}

/// The feed is a public group's, for anybody: a members-only group has
/// none, and a hidden post is not in it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_groups_feed_carries_its_posts_and_nothing_hidden() {
    let app = TestApp::spawn().await;
    let response = app.get("/arbeitsgruppen/ki-in-der-verwaltung/feed.atom").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let xml = response.text().await.unwrap();
    assert_eq!(xml.matches("<entry>").count(), 6, "the demo group's six posts");
    assert!(xml.contains("<title>KI in der Verwaltung</title>"));
    assert!(xml.contains("Sprachmodelle im Bürgerservice: wer hat Erfahrungen? #2</title>"));
    assert!(
        xml.contains("&lt;em&gt;offenen&lt;/em&gt;"),
        "the text, escaped as html content"
    );
    assert!(
        xml.contains("/arbeitsgruppen/ki-in-der-verwaltung/themen/2#beitrag-2"),
        "entries link to their post"
    );
    for path in [
        "/arbeitsgruppen/it-resilienz-mv/feed.atom",
        "/arbeitsgruppen/gibt-es-nicht/feed.atom",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert!(!response.text().await.unwrap().contains("Übung Wiederanlauf"));
    }
    // Kiel's owner moderates the KI group: a hidden post leaves the feed.
    let client = app.new_client();
    app.log_in(&client, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let response = app
        .post_form_as(
            &client,
            "/arbeitsgruppen/ki-in-der-verwaltung/themen/2/beitraege/2/ausblenden",
            &[("aktion", "ausblenden"), ("reason", "Vertrauliche Zahlen")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let xml = app
        .get("/arbeitsgruppen/ki-in-der-verwaltung/feed.atom")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(xml.matches("<entry>").count(), 5);
    assert!(!xml.contains("7 Mrd. Parametern"), "the hidden post's text is gone");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_group_page_pages_its_threads_with_pinned_ones_first() {
    let w = world().await;
    let slug = found(&w, &w.chair, "Viele Themen", Visibility::Public, Joining::Open).await;
    for i in 1..=31 {
        w.groups
            .start_thread(&w.chair, None, &slug, &format!("Thema {i}"), "Text")
            .await
            .unwrap();
    }
    w.groups
        .moderate_thread(&w.chair, None, &slug, 1, ThreadChange::Pin, "")
        .await
        .unwrap();
    let first = w.groups.group_page(None, &slug, 1).await.unwrap();
    assert_eq!((first.thread_page, first.thread_pages, first.threads.len()), (1, 2, 30));
    let numbers: Vec<u32> = first.threads.iter().take(3).map(|t| t.number).collect();
    assert_eq!(numbers, [1, 31, 30], "the pinned one first, then the newest");
    let second = w.groups.group_page(None, &slug, 2).await.unwrap();
    assert_eq!(second.threads.iter().map(|t| t.number).collect::<Vec<_>>(), [2]);
    assert_eq!(
        w.groups.group_page(None, &slug, 3).await.unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(
        w.groups.group_page(None, &slug, 0).await.unwrap_err(),
        AppError::NotFound
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unread_counts_follow_what_each_member_has_seen() {
    let w = world().await;
    let slug = found(&w, &w.chair, "Lesestand", Visibility::Public, Joining::Open).await;
    w.groups.join(&w.member, None, &slug, "").await.unwrap();
    w.groups
        .start_thread(&w.chair, None, &slug, "Lang", "Eins")
        .await
        .unwrap();
    for i in 2..=25 {
        w.groups
            .reply(&w.chair, None, &slug, 1, None, &format!("Beitrag {i}"))
            .await
            .unwrap();
    }
    let unread = async |reader: &Actor| {
        let page = w.groups.group(Some(reader), &slug).await.unwrap();
        let card = w
            .groups
            .directory(
                Some(reader),
                &GroupQuery {
                    page: 1,
                    ..Default::default()
                },
            )
            .await
            .unwrap()
            .items
            .into_iter()
            .find(|g| g.slug == slug)
            .unwrap();
        (page.threads[0].unread, card.unread)
    };
    assert_eq!(unread(&w.member).await, (Some(25), Some(25)));
    // Page 1 read (posts 1 to 20): the first visit marks nothing as new.
    let page = w.groups.thread(Some(&w.member), &slug, 1, 1).await.unwrap();
    assert!(page.posts.iter().all(|p| !p.first_unread));
    assert_eq!(unread(&w.member).await, (Some(5), Some(5)));
    // Page 2 shows where the new posts begin.
    let page = w.groups.thread(Some(&w.member), &slug, 1, 2).await.unwrap();
    assert_eq!(
        page.posts
            .iter()
            .filter(|p| p.first_unread)
            .map(|p| p.number)
            .collect::<Vec<_>>(),
        [21]
    );
    assert_eq!(unread(&w.member).await, (Some(0), Some(0)));
    // Going back to page 1 does not unread anything; a new reply is one new.
    w.groups.thread(Some(&w.member), &slug, 1, 1).await.unwrap();
    w.groups
        .reply(&w.chair, None, &slug, 1, None, "Noch einer")
        .await
        .unwrap();
    assert_eq!(unread(&w.member).await, (Some(1), Some(1)));
    // A reader who is no member sees the thread's count but no group badge.
    let (thread, card) = unread(&w.outsider).await;
    assert_eq!((thread, card), (Some(26), None));
    assert_eq!(w.groups.group(None, &slug).await.unwrap().threads[0].unread, None);
}
