//! Demo working groups: topic groups of the cooperation, the community of
//! one catalog entry, and the steering circle of each demo agreement, with
//! threads in German (and one in English) whose posts answer each other.
//! Written through the entities, as the service writes them.

use crate::entities::{
    group_members as members, group_posts as posts, group_threads as threads, working_groups as groups,
};
use crate::kernel::{AgreementId, GroupId, PostId, SoftwareId, ThreadId, UserId};
use crate::markdown;
use anyhow::Context;
use app::groups::model::{GroupRole, Joining, Topic, Visibility};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

struct Demo<'a> {
    slug: &'a str,
    name: &'a str,
    summary: &'a str,
    description: &'a str,
    visibility: Visibility,
    joining: Joining,
    topics: &'a [Topic],
    land: Option<&'a str>,
    software: Option<&'a str>,
    /// `(e-mail of a demo person, role)`; the first is the chair.
    members: &'a [(&'a str, GroupRole)],
    threads: &'a [DemoThread],
}

struct DemoThread {
    title: &'static str,
    pinned: bool,
    locked: bool,
    /// A post the group's chair hid: its number and the reason, in the log.
    hidden: Option<(i32, &'static str)>,
    /// `(author's e-mail, the post it answers, text)`.
    posts: &'static [(&'static str, Option<i32>, &'static str)],
}

const MIRA: &str = "mira.moeller@im-mv.example";
const OLAF: &str = "olaf.ohlsen@kiel.example";
const PIA: &str = "pia.petersen@kiel.example";
const LEA: &str = "lea.lorenzen@luebeck.example";
const ADA: &str = "admin@allmende.example";

const DEMOS: &[Demo<'static>] = &[
    Demo {
        slug: "ki-in-der-verwaltung",
        name: "KI in der Verwaltung",
        summary: "Erfahrungen, Leitfäden und gemeinsame Piloten für künstliche Intelligenz in Behörden.",
        description: "Wir tauschen uns über den Einsatz von **KI** in der öffentlichen Verwaltung aus: \
             Sprachmodelle im Bürgerservice, Assistenz bei der Aktenarbeit, Datenschutz und KI-Verordnung.\n\n\
             - monatliche Videokonferenz am ersten Dienstag\n- gemeinsame Pilotprojekte der Länder SH und MV",
        visibility: Visibility::Public,
        joining: Joining::Open,
        topics: &[Topic::Ai, Topic::OpenSource],
        land: None,
        software: None,
        members: &[
            (MIRA, GroupRole::Chair),
            (OLAF, GroupRole::Moderator),
            (PIA, GroupRole::Member),
            (LEA, GroupRole::Member),
        ],
        threads: &[
            DemoThread {
                title: "Leitfaden: Datenschutz bei KI-Piloten",
                pinned: true,
                locked: false,
                hidden: None,
                posts: &[
                    (
                        MIRA,
                        None,
                        "Hier sammeln wir, was vor dem Start eines KI-Piloten geklärt sein muss:\n\n\
                         1. Datenschutz-Folgenabschätzung\n2. Einbindung des Personalrats\n3. Betrieb in eigener \
                         Infrastruktur oder bei einem öffentlichen IT-Dienstleister\n\nErgänzungen gern als Antwort.",
                    ),
                    (
                        OLAF,
                        Some(1),
                        "Punkt 3 ist für uns entscheidend: Wir betreiben Modelle nur im Rechenzentrum \
                         von Dataport. Die Checkliste des ULD hat uns sehr geholfen.",
                    ),
                ],
            },
            DemoThread {
                title: "Sprachmodelle im Bürgerservice: wer hat Erfahrungen?",
                pinned: false,
                locked: false,
                hidden: Some((5, "Enthielt Name und Anschrift einer Antragstellerin")),
                posts: &[
                    (
                        PIA,
                        None,
                        "Kiel testet einen Assistenten, der Anfragen an das Bürgeramt vorsortiert. \
                         Hat jemand schon Erfahrungen mit *offenen* Modellen gesammelt?",
                    ),
                    (
                        LEA,
                        Some(1),
                        "Lübeck hat im Frühjahr ein offenes Modell mit 7 Mrd. Parametern erprobt. \
                         Für Standardanfragen reichte es, bei Fristen mussten wir nacharbeiten.",
                    ),
                    (
                        MIRA,
                        Some(2),
                        "Danke, Lea! Könntet ihr eure Testfragen teilen? Dann vergleichen wir \
                         mit dem Landesportal MV.",
                    ),
                    (PIA, Some(3), "Gern, ich stelle sie nächste Woche hier ein."),
                    (
                        OLAF,
                        Some(2),
                        "Ein Beispiel aus unserem Test: die Anfrage einer Antragstellerin samt Anschrift, \
                         die der Assistent falsch einsortiert hat.",
                    ),
                ],
            },
        ],
    },
    Demo {
        slug: "open-source-sh",
        name: "Open-Source-Community Schleswig-Holstein",
        summary: "Verwaltungen in Schleswig-Holstein, die Open-Source-Software entwickeln, betreiben und nachnutzen.",
        description: "Die Community begleitet die Open-Source-Strategie des Landes: gemeinsame Komponenten, \
             Beiträge zu Upstream-Projekten und Veröffentlichung auf openCode.",
        visibility: Visibility::Public,
        joining: Joining::Request,
        topics: &[Topic::OpenSource, Topic::Cloud],
        land: Some("DE-SH"),
        software: None,
        members: &[(OLAF, GroupRole::Chair), (LEA, GroupRole::Member)],
        threads: &[DemoThread {
            title: "Contributing back upstream: how do we handle CLAs?",
            pinned: false,
            locked: false,
            hidden: None,
            posts: &[
                (
                    OLAF,
                    None,
                    "Some upstream projects ask for a *Contributor Licence Agreement*. Who in the \
                     administration may sign one, and does anyone have a template approved by their legal department?",
                ),
                (
                    LEA,
                    Some(1),
                    "Lübeck's legal department accepted the DCO (sign-off per commit) instead of a CLA. \
                     For CLAs we had to ask the mayor's office each time.",
                ),
            ],
        }],
    },
    Demo {
        slug: "it-resilienz-mv",
        name: "IT-Resilienz und Notfallbetrieb",
        summary: "Notfallpläne, Wiederanlauf und Übungen der IT-Dienstleister in Mecklenburg-Vorpommern.",
        description: "Vertraulicher Austausch zu Notfallplänen. Nur für Mitglieder sichtbar.",
        visibility: Visibility::Members,
        joining: Joining::Invitation,
        topics: &[Topic::ItResilience],
        land: Some("DE-MV"),
        software: None,
        members: &[(MIRA, GroupRole::Chair)],
        threads: &[DemoThread {
            title: "Übung Wiederanlauf im März",
            pinned: false,
            locked: true,
            hidden: None,
            posts: &[(
                MIRA,
                None,
                "Die Übung ist abgeschlossen; der Bericht liegt im Landesnetz. Dieses Thema ist gesperrt.",
            )],
        }],
    },
    Demo {
        slug: "registermodernisierung",
        name: "Registermodernisierung",
        summary: "Wie Kommunen ihre Fachverfahren an die Register und die IDNr anbinden.",
        description: "Austausch zur Umsetzung des Registermodernisierungsgesetzes in den Kommunen.",
        visibility: Visibility::Public,
        joining: Joining::Open,
        topics: &[Topic::RegisterModernisation, Topic::Ozg],
        land: None,
        software: None,
        members: &[(LEA, GroupRole::Chair), (PIA, GroupRole::Member)],
        threads: &[],
    },
    Demo {
        slug: "community-bauantrag-online",
        name: "Community Bauantrag Online",
        summary: "Die Nutzerinnen und Entwickler von Bauantrag Online stimmen Fehler, Wünsche und Releases ab.",
        description: "Hier besprechen die Verwaltungen, die **Bauantrag Online** einsetzen, ihre Anforderungen \
             an die nächsten Versionen.",
        visibility: Visibility::Public,
        joining: Joining::Open,
        topics: &[Topic::Ozg],
        land: Some("DE-SH"),
        software: Some("Bauantrag Online"),
        members: &[
            (PIA, GroupRole::Chair),
            (OLAF, GroupRole::Member),
            (LEA, GroupRole::Member),
        ],
        threads: &[DemoThread {
            title: "Wunschliste für Version 3",
            pinned: true,
            locked: false,
            hidden: None,
            posts: &[
                (PIA, None, "Was soll Version 3 können? Bitte je Wunsch ein Beitrag."),
                (
                    LEA,
                    Some(1),
                    "Eine Schnittstelle zu XBau 2.4, damit wir die Anträge nicht abtippen.",
                ),
                (OLAF, Some(2), "+1 für XBau. Außerdem: barrierefreie PDF-Bescheide."),
            ],
        }],
    },
];

/// Hides post `number` as the chair would, with its entry in the group's log.
#[allow(clippy::too_many_arguments)]
async fn hide(
    txn: &impl ConnectionTrait,
    group: GroupId,
    thread: ThreadId,
    thread_number: i32,
    number: i32,
    reason: &str,
    moderator: UserId,
    at: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    crate::db::sql::exec(
        txn,
        "UPDATE group_posts SET hidden_at = $1, hidden_by = $2, hidden_reason = $3 WHERE thread_id = $4 AND number = $5",
        [at.into(), moderator.into(), reason.into(), thread.into(), number.into()],
    )
    .await?;
    crate::db::sql::exec(
        txn,
        "INSERT INTO group_moderation_log (group_id, moderator_id, action, thread_number, post_number, reason, created_at) \
         VALUES ($1, $2, 'hide_post', $3, $4, $5, $6)",
        [group.into(), moderator.into(), thread_number.into(), number.into(), reason.into(), at.into()],
    )
    .await?;
    Ok(())
}

async fn user(txn: &impl ConnectionTrait, email: &str) -> anyhow::Result<UserId> {
    crate::db::sql::value(txn, "SELECT id AS value FROM users WHERE email = $1", [email.into()])
        .await?
        .with_context(|| format!("demo person {email} is missing"))
}

/// Inserts the demo groups that are not there yet (by slug); returns how
/// many were new.
pub async fn seed(txn: &impl ConnectionTrait) -> anyhow::Result<u64> {
    let mut inserted = 0;
    for demo in DEMOS {
        let software = match demo.software {
            Some(slug) => Some(
                crate::db::sql::value::<SoftwareId>(
                    txn,
                    "SELECT id AS value FROM software WHERE name = $1 AND active",
                    [slug.into()],
                )
                .await?
                .with_context(|| format!("demo entry {slug} is missing"))?,
            ),
            None => None,
        };
        if insert(txn, demo, software, None)
            .await
            .with_context(|| format!("seeding group {}", demo.slug))?
        {
            inserted += 1;
        }
    }
    inserted += steering_circles(txn).await?;
    Ok(inserted)
}

/// A members-only steering circle for each demo agreement, chaired by a
/// demo person of one of its parties (the site administrator otherwise).
async fn steering_circles(txn: &impl ConnectionTrait) -> anyhow::Result<u64> {
    #[derive(sea_orm::FromQueryResult)]
    struct Agreement {
        id: AgreementId,
        software: String,
        parties: String,
        chair: Option<String>,
    }
    let agreements: Vec<Agreement> = crate::db::sql::all(
        txn,
        "SELECT a.id, s.name AS software, string_agg(o.name_de, ', ' ORDER BY p.role DESC, o.name_de) AS parties, \
         (SELECT u.email FROM agreement_parties q JOIN memberships m ON m.organisation_id = q.organisation_id \
          JOIN users u ON u.id = m.user_id WHERE q.agreement_id = a.id ORDER BY m.role DESC, u.email LIMIT 1) AS chair \
         FROM reuse_agreements a JOIN software s ON s.id = a.software_id \
         JOIN agreement_parties p ON p.agreement_id = a.id JOIN organisations o ON o.id = p.organisation_id \
         GROUP BY a.id, s.name ORDER BY s.name, a.created_at",
        [],
    )
    .await?;
    let mut inserted = 0;
    for (i, a) in agreements.iter().enumerate() {
        let slug = format!("steuerungskreis-{}-{}", crate::catalog::slugify(&a.software), i + 1);
        let slug: String = slug
            .chars()
            .take(80)
            .collect::<String>()
            .trim_end_matches('-')
            .to_owned();
        let name = format!("Steuerungskreis {}", a.software);
        let summary: String = format!("Abstimmung der Parteien der Nachnutzung: {}", a.parties)
            .chars()
            .take(300)
            .collect();
        let chair = a.chair.clone().unwrap_or_else(|| ADA.to_owned());
        let demo = Demo {
            slug: &slug,
            name: &name,
            summary: &summary,
            description: "Der Steuerungskreis stimmt Anforderungen, Releases und Kosten der Vereinbarung ab. \
                 Mitglieder der Parteien können beitreten.",
            visibility: Visibility::Members,
            joining: Joining::Invitation,
            topics: &[],
            land: None,
            software: None,
            members: &[],
            threads: &[],
        };
        if insert(txn, &demo, None, Some((a.id, &chair))).await? {
            inserted += 1;
        }
    }
    Ok(inserted)
}

async fn insert(
    txn: &impl ConnectionTrait,
    demo: &Demo<'_>,
    software: Option<SoftwareId>,
    agreement: Option<(AgreementId, &str)>,
) -> anyhow::Result<bool> {
    let exists = groups::Entity::find()
        .filter(groups::Column::Slug.eq(demo.slug))
        .one(txn)
        .await?
        .is_some();
    if exists {
        return Ok(false);
    }
    let id = GroupId::new();
    // A week of history, a post every few hours.
    let mut at = chrono::Utc::now() - chrono::Duration::days(7);
    let founder = match (demo.members.first(), agreement) {
        (Some((email, _)), _) => user(txn, email).await?,
        (None, Some((_, chair))) => user(txn, chair).await?,
        (None, None) => user(txn, ADA).await?,
    };
    let mut topics: Vec<String> = demo.topics.iter().map(|t| t.code().to_owned()).collect();
    topics.sort();
    groups::ActiveModel {
        id: Set(id),
        slug: Set(demo.slug.to_owned()),
        name: Set(demo.name.to_owned()),
        summary: Set(demo.summary.to_owned()),
        description_md: Set(demo.description.to_owned()),
        description_html: Set(markdown::render_post(demo.description)),
        visibility: Set(demo.visibility.code().to_owned()),
        joining: Set(demo.joining.code().to_owned()),
        topics: Set(topics),
        land: Set(demo.land.map(str::to_owned)),
        software_id: Set(software),
        agreement_id: Set(agreement.map(|(a, _)| a)),
        created_by: Set(Some(founder)),
        created_at: Set(at),
        updated_at: Set(at),
        threads_started: Set(demo.threads.len() as i32),
        last_activity_at: Set(at),
    }
    .insert(txn)
    .await?;
    let mut people = demo.members.to_vec();
    if people.is_empty() {
        people.push((agreement.map_or(ADA, |(_, chair)| chair), GroupRole::Chair));
    }
    for (email, role) in &people {
        members::ActiveModel {
            group_id: Set(id),
            user_id: Set(user(txn, email).await?),
            role: Set(role.code().to_owned()),
            joined_at: Set(at),
        }
        .insert(txn)
        .await?;
    }
    for (n, thread) in demo.threads.iter().enumerate() {
        let thread_id = ThreadId::new();
        let author = user(txn, thread.posts[0].0).await?;
        threads::ActiveModel {
            id: Set(thread_id),
            group_id: Set(id),
            number: Set(n as i32 + 1),
            title: Set(thread.title.to_owned()),
            author_id: Set(Some(author)),
            pinned: Set(thread.pinned),
            locked: Set(thread.locked),
            post_count: Set(thread.posts.len() as i32),
            created_at: Set(at),
            last_post_at: Set(at),
        }
        .insert(txn)
        .await?;
        for (i, (email, reply_to, text)) in thread.posts.iter().enumerate() {
            at += chrono::Duration::hours(5);
            posts::ActiveModel {
                id: Set(PostId::new()),
                thread_id: Set(thread_id),
                number: Set(i as i32 + 1),
                author_id: Set(Some(user(txn, email).await?)),
                reply_to: Set(*reply_to),
                body_md: Set((*text).to_owned()),
                body_html: Set(markdown::render_post(text)),
                created_at: Set(at),
                edited_at: Set(None),
                revisions: Set(0),
                hidden_at: Set(None),
                hidden_by: Set(None),
                hidden_reason: Set(None),
            }
            .insert(txn)
            .await?;
        }
        threads::ActiveModel {
            id: sea_orm::ActiveValue::Unchanged(thread_id),
            last_post_at: Set(at),
            ..Default::default()
        }
        .update(txn)
        .await?;
        if let Some((number, reason)) = thread.hidden {
            hide(txn, id, thread_id, n as i32 + 1, number, reason, founder, at).await?;
        }
    }
    groups::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        last_activity_at: Set(at),
        ..Default::default()
    }
    .update(txn)
    .await?;
    Ok(true)
}
