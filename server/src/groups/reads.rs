//! What the pages read. Joined reads (names of authors, counts, the
//! directory's filters) are SQL, which says them more plainly than a chain
//! of entity joins; each states who may see the group in its `WHERE`, so a
//! members-only group never reaches an outsider's page.

use super::{place, Groups, Placed};
use crate::db::sql;
use crate::kernel::{Actor, AgreementId, ThreadId, UserId};
use crate::markdown;
use app::error::AppError;
use app::groups::dto::{
    Abilities, GroupCard, GroupDirectory, GroupHeader, GroupPageData, HiddenView, JoinRequestView, MemberView,
    NewGroupData, PostEditData, PostView, Quoted, Revision, ThreadPageData, ThreadSummary,
};
use app::groups::model::{GroupRole, Joining, Topic, Visibility, POSTS_PER_PAGE};
use app::groups::query::GroupQuery;
use app::groups::rules::{self, Action};
use sea_orm::sea_query::ArrayType;
use sea_orm::{FromQueryResult, Value};

/// Threads per page of a group.
const THREADS_PER_PAGE: u64 = 30;

/// Shown for an author: their name, or the pseudonym once the account is gone.
pub(super) const AUTHOR: &str = "CASE WHEN u.deleted_at IS NULL THEN u.display_name ELSE u.pseudonym END";

pub(super) fn time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339()
}

/// The reader's id for a statement (a nil id for nobody, which no row has).
fn reader_id(actor: Option<&Actor>) -> uuid::Uuid {
    actor.map_or(uuid::Uuid::nil(), |a| a.user_id.uuid())
}

/// Who reads, as statement parameters: the person (or a nil id), whether
/// they administer the site, and their organisations.
fn reader(actor: Option<&Actor>) -> [Value; 3] {
    let organisations: Vec<Value> = actor
        .map(|a| a.memberships.iter().map(|m| m.organisation_id.uuid().into()).collect())
        .unwrap_or_default();
    [
        reader_id(actor).into(),
        actor.is_some_and(|a| a.is_site_admin).into(),
        Value::Array(ArrayType::Uuid, Some(Box::new(organisations))),
    ]
}

/// The groups the reader ($1, $2, $3 of [`reader`]) may see.
const VISIBLE: &str = "(g.visibility = 'public' OR $2 \
     OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.user_id = $1) \
     OR (g.agreement_id IS NOT NULL AND EXISTS (SELECT 1 FROM agreement_parties p \
         WHERE p.agreement_id = g.agreement_id AND p.organisation_id = ANY($3))))";

#[derive(FromQueryResult)]
struct CardRow {
    slug: String,
    name: String,
    summary: String,
    visibility: String,
    joining: String,
    topics: Vec<String>,
    land: Option<String>,
    software_slug: Option<String>,
    software_name: Option<String>,
    members: i64,
    threads: i64,
    last_activity_at: chrono::DateTime<chrono::Utc>,
    role: Option<String>,
    unread: Option<i64>,
}

impl CardRow {
    fn card(self) -> GroupCard {
        GroupCard {
            slug: self.slug,
            name: self.name,
            summary: self.summary,
            visibility: Visibility::from_code(&self.visibility).unwrap_or(Visibility::Members),
            joining: Joining::from_code(&self.joining).unwrap_or(Joining::Invitation),
            topics: self.topics.iter().filter_map(|t| Topic::from_code(t)).collect(),
            land: self.land,
            software: self.software_slug.zip(self.software_name),
            members: self.members as u32,
            threads: self.threads as u32,
            last_activity_at: time(self.last_activity_at),
            role: self.role.as_deref().and_then(GroupRole::from_code),
            unread: self.unread.map(|n| n.max(0) as u32),
        }
    }
}

const CARD: &str = "SELECT g.slug, g.name, g.summary, g.visibility, g.joining, g.topics, g.land, \
     s.slug AS software_slug, s.name AS software_name, \
     (SELECT count(*) FROM group_members m WHERE m.group_id = g.id) AS members, \
     (SELECT count(*) FROM group_threads t WHERE t.group_id = g.id) AS threads, g.last_activity_at, \
     (SELECT m.role FROM group_members m WHERE m.group_id = g.id AND m.user_id = $1) AS role, \
     CASE WHEN EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.user_id = $1) \
          THEN (SELECT coalesce(sum(t.post_count - coalesce(r.last_read_post, 0)), 0) FROM group_threads t \
                LEFT JOIN group_reads r ON r.thread_id = t.id AND r.user_id = $1 WHERE t.group_id = g.id) END AS unread \
     FROM working_groups g LEFT JOIN software s ON s.id = g.software_id";

impl Groups {
    pub async fn directory(&self, actor: Option<&Actor>, query: &GroupQuery) -> Result<GroupDirectory, AppError> {
        // Only the filters asked for go into the statement: a `$n IS NULL
        // OR …` clause makes PostgreSQL plan for the worst case.
        let mut values: Vec<Value> = reader(actor).into();
        let mut filters = vec![VISIBLE.to_owned()];
        if let Some(text) = &query.text {
            values.push(text.clone().into());
            let n = values.len();
            filters.push(format!(
                "(to_tsvector('german', g.name || ' ' || g.summary) @@ websearch_to_tsquery('german', ${n}) \
                 OR g.name ILIKE '%' || replace(replace(replace(${n}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')"
            ));
        }
        if let Some(land) = &query.land {
            values.push(land.clone().into());
            filters.push(format!("g.land = ${}", values.len()));
        }
        if let Some(software) = &query.software {
            values.push(software.clone().into());
            filters.push(format!("s.slug = ${}", values.len()));
        }
        let without_topic = filters.join(" AND ");
        let mut with_topic = without_topic.clone();
        let mut page_values = values.clone();
        if let Some(topic) = query.topic {
            page_values.push(topic.code().into());
            with_topic.push_str(&format!(" AND ${} = ANY(g.topics)", page_values.len()));
        }
        let offset = u64::from(query.page.saturating_sub(1)) * u64::from(GroupQuery::PAGE_SIZE);
        let rows: Vec<CardRow> = sql::all(
            &self.db,
            &format!(
                "{CARD} WHERE {with_topic} ORDER BY g.last_activity_at DESC, g.name LIMIT {} OFFSET {offset}",
                GroupQuery::PAGE_SIZE
            ),
            page_values.clone(),
        )
        .await?;
        let total = sql::value::<i64>(
            &self.db,
            &format!(
                "SELECT count(*) AS value FROM working_groups g LEFT JOIN software s ON s.id = g.software_id \
                 WHERE {with_topic}"
            ),
            page_values,
        )
        .await?
        .unwrap_or(0);
        #[derive(FromQueryResult)]
        struct TopicCount {
            topic: String,
            n: i64,
        }
        let counts: Vec<TopicCount> = sql::all(
            &self.db,
            &format!(
                "SELECT t AS topic, count(*) AS n FROM working_groups g LEFT JOIN software s ON s.id = g.software_id, \
                 unnest(g.topics) t WHERE {without_topic} GROUP BY t"
            ),
            values,
        )
        .await?;
        let by_topic = Topic::ALL
            .iter()
            .map(|t| {
                let n = counts.iter().find(|c| c.topic == t.code()).map_or(0, |c| c.n);
                (*t, n as u64)
            })
            .collect();
        if rows.is_empty() && query.page > 1 {
            return Err(AppError::NotFound);
        }
        Ok(GroupDirectory {
            items: rows.into_iter().map(CardRow::card).collect(),
            total: total as u64,
            by_topic,
            may_create: actor.is_some_and(|a| a.is_site_admin || !a.memberships.is_empty()),
        })
    }

    /// The groups about one catalog entry that the reader may see.
    pub async fn software_groups(
        &self,
        actor: Option<&Actor>,
        software_slug: &str,
    ) -> Result<Vec<GroupCard>, AppError> {
        let mut values: Vec<Value> = reader(actor).into();
        values.push(software_slug.into());
        let rows: Vec<CardRow> = sql::all(
            &self.db,
            &format!("{CARD} WHERE {VISIBLE} AND s.slug = $4 ORDER BY g.last_activity_at DESC LIMIT 20"),
            values,
        )
        .await?;
        Ok(rows.into_iter().map(CardRow::card).collect())
    }

    /// The group page with its first page of threads.
    pub async fn group(&self, actor: Option<&Actor>, slug: &str) -> Result<GroupPageData, AppError> {
        self.group_page(actor, slug, 1).await
    }

    pub async fn group_page(&self, actor: Option<&Actor>, slug: &str, page: u32) -> Result<GroupPageData, AppError> {
        let placed = place(&self.db, actor, slug, false).await?;
        let group = &placed.group;
        let you = abilities(&placed);
        let requested = match actor {
            Some(a) if you.join.is_some() => {
                sql::value::<i64>(
                    &self.db,
                    "SELECT count(*) AS value FROM group_join_requests WHERE group_id = $1 AND user_id = $2",
                    [group.id.into(), a.user_id.into()],
                )
                .await?
                .unwrap_or(0)
                    > 0
            }
            _ => false,
        };
        let you = Abilities { requested, ..you };
        #[derive(FromQueryResult)]
        struct ThreadRow {
            number: i32,
            title: String,
            author: Option<String>,
            pinned: bool,
            locked: bool,
            post_count: i32,
            last_post_at: chrono::DateTime<chrono::Utc>,
            last_read: Option<i32>,
        }
        let thread_total = sql::value::<i64>(
            &self.db,
            "SELECT count(*) AS value FROM group_threads WHERE group_id = $1",
            [group.id.into()],
        )
        .await?
        .unwrap_or(0) as u64;
        let thread_pages = thread_total.div_ceil(THREADS_PER_PAGE).max(1) as u32;
        if page == 0 || page > thread_pages {
            return Err(AppError::NotFound);
        }
        let offset = u64::from(page - 1) * THREADS_PER_PAGE;
        let threads: Vec<ThreadRow> = sql::all(
            &self.db,
            &format!(
                "SELECT t.number, t.title, {AUTHOR} AS author, t.pinned, t.locked, t.post_count, t.last_post_at, \
                 (SELECT r.last_read_post FROM group_reads r WHERE r.thread_id = t.id AND r.user_id = $2) AS last_read \
                 FROM group_threads t LEFT JOIN users u ON u.id = t.author_id WHERE t.group_id = $1 \
                 ORDER BY t.pinned DESC, t.last_post_at DESC, t.number DESC LIMIT {THREADS_PER_PAGE} OFFSET {offset}"
            ),
            [group.id.into(), reader_id(actor).into()],
        )
        .await?;
        #[derive(FromQueryResult)]
        struct MemberRow {
            user_id: UserId,
            name: String,
            role: String,
            joined_at: chrono::DateTime<chrono::Utc>,
        }
        let members: Vec<MemberRow> = sql::all(
            &self.db,
            &format!(
                "SELECT m.user_id, {AUTHOR} AS name, m.role, m.joined_at FROM group_members m JOIN users u ON u.id = m.user_id \
                 WHERE m.group_id = $1 ORDER BY CASE m.role WHEN 'chair' THEN 0 WHEN 'moderator' THEN 1 ELSE 2 END, name"
            ),
            [group.id.into()],
        )
        .await?;
        let requests = if you.decide_requests {
            #[derive(FromQueryResult)]
            struct RequestRow {
                user_id: UserId,
                name: String,
                message: String,
                created_at: chrono::DateTime<chrono::Utc>,
            }
            let rows: Vec<RequestRow> = sql::all(
                &self.db,
                &format!(
                    "SELECT r.user_id, {AUTHOR} AS name, r.message, r.created_at FROM group_join_requests r \
                     JOIN users u ON u.id = r.user_id WHERE r.group_id = $1 ORDER BY r.created_at"
                ),
                [group.id.into()],
            )
            .await?;
            rows.into_iter()
                .map(|r| JoinRequestView {
                    user_id: r.user_id.to_string(),
                    name: r.name,
                    message: r.message,
                    created_at: time(r.created_at),
                })
                .collect()
        } else {
            Vec::new()
        };
        let software = match group.software_id {
            Some(id) => {
                #[derive(FromQueryResult)]
                struct Entry {
                    slug: String,
                    name: String,
                }
                sql::one::<Entry>(&self.db, "SELECT slug, name FROM software WHERE id = $1", [id.into()])
                    .await?
                    .map(|e| (e.slug, e.name))
            }
            None => None,
        };
        let agreement = match group.agreement_id {
            Some(id) => agreement_title(self, id).await?,
            None => None,
        };
        let flagged_posts = if you.moderate {
            sql::value::<i64>(
                &self.db,
                "SELECT count(DISTINCT f.post_id) AS value FROM group_flags f JOIN group_posts p ON p.id = f.post_id \
                 JOIN group_threads t ON t.id = p.thread_id WHERE t.group_id = $1 AND f.resolved_at IS NULL",
                [group.id.into()],
            )
            .await?
            .unwrap_or(0) as u32
        } else {
            0
        };
        Ok(GroupPageData {
            flagged_posts,
            thread_page: page,
            thread_pages,
            header: header(&placed),
            summary: group.summary.clone(),
            description_html: group.description_html.clone(),
            joining: placed.settings.joining,
            topics: group.topics.iter().filter_map(|t| Topic::from_code(t)).collect(),
            land: group.land.clone(),
            software,
            agreement,
            threads: threads
                .into_iter()
                .map(|t| ThreadSummary {
                    number: t.number as u32,
                    title: t.title,
                    author: t.author.unwrap_or_default(),
                    pinned: t.pinned,
                    locked: t.locked,
                    posts: t.post_count as u32,
                    last_post_at: time(t.last_post_at),
                    unread: actor.map(|_| (t.post_count - t.last_read.unwrap_or(0)).max(0) as u32),
                })
                .collect(),
            members: members
                .into_iter()
                .map(|m| MemberView {
                    user_id: you.lead.then(|| m.user_id.to_string()),
                    name: m.name,
                    role: GroupRole::from_code(&m.role).unwrap_or(GroupRole::Member),
                    joined_at: time(m.joined_at),
                })
                .collect(),
            requests,
            you,
        })
    }

    pub async fn thread(
        &self,
        actor: Option<&Actor>,
        slug: &str,
        number: u32,
        page: u32,
    ) -> Result<ThreadPageData, AppError> {
        let placed = place(&self.db, actor, slug, false).await?;
        let thread = thread_row(self, &placed, number).await?;
        let pages = (thread.post_count as u32).div_ceil(POSTS_PER_PAGE).max(1);
        if page == 0 || page > pages {
            return Err(AppError::NotFound);
        }
        // Numbers are dense: a page is a range of them, read by the index.
        let first = (page - 1) * POSTS_PER_PAGE + 1;
        let last = page * POSTS_PER_PAGE;
        let posts: Vec<PostRow> = sql::all(
            &self.db,
            &format!("SELECT {POST_COLUMNS} WHERE p.thread_id = $1 AND p.number BETWEEN $2 AND $3 ORDER BY p.number"),
            [thread.id.into(), (first as i32).into(), (last as i32).into()],
        )
        .await?;
        let answered: Vec<i32> = posts.iter().filter_map(|p| p.reply_to).collect();
        let quoted: Vec<PostRow> = if answered.is_empty() {
            Vec::new()
        } else {
            sql::all(
                &self.db,
                &format!("SELECT {POST_COLUMNS} WHERE p.thread_id = $1 AND p.number = ANY($2)"),
                [
                    thread.id.into(),
                    Value::Array(
                        ArrayType::Int,
                        Some(Box::new(answered.into_iter().map(Value::from).collect())),
                    ),
                ],
            )
            .await?
        };
        let you = abilities(&placed);
        let me = actor.map(|a| a.user_id);
        // What the reader had seen before this page: the first post after it
        // is marked; then this page counts as read.
        let seen = match actor {
            Some(a) => {
                let seen = sql::value::<i32>(
                    &self.db,
                    "SELECT last_read_post AS value FROM group_reads WHERE user_id = $1 AND thread_id = $2",
                    [a.user_id.into(), thread.id.into()],
                )
                .await?;
                if let Some(last) = posts.last() {
                    self.mark_read(a, thread.id, last.number as u32).await?;
                }
                seen
            }
            None => None,
        };
        let first_unread = seen.and_then(|s| posts.iter().map(|p| p.number).find(|n| *n > s));
        let posts = posts
            .into_iter()
            .map(|p| {
                let own = p.author_id.is_some() && p.author_id == me;
                let hidden = p.hidden();
                // A hidden text reaches only the moderators, quotes included.
                let shown = hidden.is_none() || you.moderate;
                let reply_to = p.reply_to.and_then(|n| quoted.iter().find(|q| q.number == n)).map(|q| {
                    let visible = q.hidden_at.is_none() || you.moderate;
                    Quoted {
                        number: q.number as u32,
                        author: q.author.clone().unwrap_or_default(),
                        excerpt: if visible {
                            markdown::excerpt(&q.body_md, 200)
                        } else {
                            String::new()
                        },
                        hidden: q.hidden_at.is_some(),
                    }
                });
                let may_edit = placed.check(Action::EditPost { own }).is_ok() && (hidden.is_none() || you.moderate);
                PostView {
                    number: p.number as u32,
                    author: p.author.clone().unwrap_or_default(),
                    created_at: time(p.created_at),
                    edited_at: p.edited_at.map(time),
                    revisions: p.revisions as u32,
                    body_html: if shown { p.body_html.clone() } else { String::new() },
                    reply_to,
                    may_edit,
                    hidden,
                    first_unread: Some(p.number) == first_unread,
                }
            })
            .collect();
        Ok(ThreadPageData {
            header: header(&placed),
            number: thread.number as u32,
            title: thread.title,
            pinned: thread.pinned,
            locked: thread.locked,
            posts,
            page,
            pages,
            you,
        })
    }

    pub async fn post(
        &self,
        actor: Option<&Actor>,
        slug: &str,
        thread: u32,
        number: u32,
    ) -> Result<PostEditData, AppError> {
        let placed = place(&self.db, actor, slug, false).await?;
        let thread = thread_row(self, &placed, thread).await?;
        #[derive(FromQueryResult)]
        struct Row {
            id: crate::kernel::PostId,
            author_id: Option<UserId>,
            body_md: String,
            hidden: bool,
        }
        let post: Row = sql::one(
            &self.db,
            "SELECT id, author_id, body_md, hidden_at IS NOT NULL AS hidden FROM group_posts \
             WHERE thread_id = $1 AND number = $2",
            [thread.id.into(), (i32::try_from(number).unwrap_or(0)).into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        // A hidden post's texts, earlier ones included, are the moderators'.
        let moderates = placed.check(Action::Moderate).is_ok();
        if post.hidden && !moderates {
            return Err(AppError::NotFound);
        }
        #[derive(FromQueryResult)]
        struct RevisionRow {
            revision: i32,
            editor: Option<String>,
            edited_at: chrono::DateTime<chrono::Utc>,
            body_md: String,
        }
        let history: Vec<RevisionRow> = sql::all(
            &self.db,
            &format!(
                "SELECT r.revision, {AUTHOR} AS editor, r.edited_at, r.body_md FROM group_post_revisions r \
                 LEFT JOIN users u ON u.id = r.edited_by WHERE r.post_id = $1 ORDER BY r.revision DESC"
            ),
            [post.id.into()],
        )
        .await?;
        let own = post.author_id.is_some() && post.author_id == actor.map(|a| a.user_id);
        Ok(PostEditData {
            header: header(&placed),
            thread: thread.number as u32,
            thread_title: thread.title,
            number,
            body_md: post.body_md,
            history: history
                .into_iter()
                .map(|r| Revision {
                    revision: r.revision as u32,
                    editor: r.editor.unwrap_or_default(),
                    edited_at: time(r.edited_at),
                    body_md: r.body_md,
                })
                .collect(),
            may_edit: placed.check(Action::EditPost { own }).is_ok(),
        })
    }

    pub async fn new_group(&self, actor: &Actor, software: Option<&str>) -> Result<NewGroupData, AppError> {
        let software = match software {
            Some(slug) => {
                #[derive(FromQueryResult)]
                struct Entry {
                    slug: String,
                    name: String,
                }
                sql::one::<Entry>(
                    &self.db,
                    "SELECT slug, name FROM software WHERE slug = $1 AND active",
                    [slug.into()],
                )
                .await?
                .map(|e| (e.slug, e.name))
            }
            None => None,
        };
        #[derive(FromQueryResult)]
        struct AgreementRow {
            id: AgreementId,
            title: String,
        }
        let [_, _, organisations] = reader(Some(actor));
        let agreements: Vec<AgreementRow> = sql::all(
            &self.db,
            "SELECT a.id, s.name || ' – ' || string_agg(o.name_de, ', ' ORDER BY p.role DESC, o.name_de) AS title \
             FROM reuse_agreements a JOIN software s ON s.id = a.software_id \
             JOIN agreement_parties p ON p.agreement_id = a.id JOIN organisations o ON o.id = p.organisation_id \
             WHERE a.id IN (SELECT agreement_id FROM agreement_parties WHERE organisation_id = ANY($1)) \
             GROUP BY a.id, s.name ORDER BY s.name LIMIT 200",
            [organisations],
        )
        .await?;
        Ok(NewGroupData {
            software,
            agreements: agreements.into_iter().map(|a| (a.id.to_string(), a.title)).collect(),
        })
    }
}

#[derive(FromQueryResult)]
struct PostRow {
    number: i32,
    author_id: Option<UserId>,
    author: Option<String>,
    reply_to: Option<i32>,
    body_md: String,
    body_html: String,
    created_at: chrono::DateTime<chrono::Utc>,
    edited_at: Option<chrono::DateTime<chrono::Utc>>,
    revisions: i32,
    hidden_at: Option<chrono::DateTime<chrono::Utc>>,
    hidden_by: Option<String>,
    hidden_reason: Option<String>,
}

impl PostRow {
    fn hidden(&self) -> Option<HiddenView> {
        Some(HiddenView {
            reason: self.hidden_reason.clone()?,
            by: self.hidden_by.clone().unwrap_or_default(),
            at: time(self.hidden_at?),
        })
    }
}

/// The columns of [`PostRow`]; `u` is the author, `h` who hid the post.
const POST_COLUMNS: &str = "p.number, p.author_id, \
     CASE WHEN u.deleted_at IS NULL THEN u.display_name ELSE u.pseudonym END AS author, \
     p.reply_to, p.body_md, p.body_html, p.created_at, p.edited_at, p.revisions, p.hidden_at, \
     CASE WHEN h.deleted_at IS NULL THEN h.display_name ELSE h.pseudonym END AS hidden_by, p.hidden_reason \
     FROM group_posts p LEFT JOIN users u ON u.id = p.author_id LEFT JOIN users h ON h.id = p.hidden_by";

#[derive(FromQueryResult)]
struct ThreadRow {
    id: ThreadId,
    number: i32,
    title: String,
    pinned: bool,
    locked: bool,
    post_count: i32,
}

async fn thread_row(groups: &Groups, placed: &Placed, number: u32) -> Result<ThreadRow, AppError> {
    sql::one(
        &groups.db,
        "SELECT id, number, title, pinned, locked, post_count FROM group_threads WHERE group_id = $1 AND number = $2",
        [placed.group.id.into(), i32::try_from(number).unwrap_or(0).into()],
    )
    .await?
    .ok_or(AppError::NotFound)
}

async fn agreement_title(groups: &Groups, id: AgreementId) -> Result<Option<(String, String)>, AppError> {
    sql::value::<String>(
        &groups.db,
        "SELECT s.name AS value FROM reuse_agreements a JOIN software s ON s.id = a.software_id WHERE a.id = $1",
        [id.into()],
    )
    .await
    .map(|name| name.map(|n| (id.to_string(), n)))
}

pub(super) fn header(placed: &Placed) -> GroupHeader {
    GroupHeader {
        slug: placed.group.slug.clone(),
        name: placed.group.name.clone(),
        visibility: placed.settings.visibility,
    }
}

fn abilities(placed: &Placed) -> Abilities {
    let can = |action| placed.check(action).is_ok();
    Abilities {
        role: placed.standing.role,
        signed_in: placed.standing.signed_in,
        join: rules::join(placed.standing, placed.settings).ok(),
        requested: false,
        post: can(Action::StartThread),
        moderate: can(Action::Moderate),
        decide_requests: can(Action::DecideRequests),
        lead: can(Action::Lead),
    }
}
