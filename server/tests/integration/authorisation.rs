//! Every state-changing action that exists, tried by every role, against
//! Kiel's data: the allowed ones change something, the others are refused
//! (403, or a redirect to the login for anonymous readers) and change nothing.

use crate::support::TestApp;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Anonymous,
    /// Member of Mecklenburg-Vorpommern's ministry, no role in Kiel.
    OtherMember,
    /// Owner of Lübeck, no role in Kiel.
    OtherOwner,
    KielMember,
    KielPublisher,
    KielOwner,
    SiteAdmin,
}

use Role::*;
const ROLES: [Role; 7] = [
    Anonymous,
    OtherMember,
    OtherOwner,
    KielMember,
    KielPublisher,
    KielOwner,
    SiteAdmin,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Allowed,
    Refused,
    /// Sent to the login page.
    Login,
    /// Allowed to try, but the state says no (already a member): nothing changes.
    Conflict,
}

const PASSWORD: &str = "Matrix-Test-Passwort-1";

async fn sql_value(db: &DatabaseConnection, sql: &str) -> String {
    db.query_one(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<String>(0)
        .unwrap()
}

async fn exec(db: &DatabaseConnection, sql: &str) {
    db.execute_unprepared(sql).await.unwrap();
}

/// A person with a local login and, optionally, a role somewhere.
async fn person(db: &DatabaseConnection, email: &str, membership: Option<(&str, &str)>) -> Uuid {
    let hash = allmende_server::accounts::hash_password(PASSWORD.into()).await.unwrap();
    let id: String = sql_value(
        db,
        &format!(
            "WITH u AS (INSERT INTO users (display_name, email, email_verified, pseudonym) VALUES ('{email}', '{email}', true, 'Konto X') RETURNING id), \
                  l AS (INSERT INTO local_logins (user_id, email, password_hash, verified_at) SELECT id, '{email}', '{hash}', now() FROM u) \
             SELECT id::text FROM u"
        ),
    )
    .await;
    let id = Uuid::parse_str(&id).unwrap();
    if let Some((slug, role)) = membership {
        exec(db, &format!("INSERT INTO memberships (organisation_id, user_id, role) SELECT id, '{id}', '{role}' FROM organisations WHERE slug = '{slug}'")).await;
    }
    id
}

/// Everything an authorisation mistake could change, in one value.
async fn digest(db: &DatabaseConnection) -> String {
    sql_value(
        db,
        "SELECT md5(concat_ws('|', \
            (SELECT string_agg(m::text, ',' ORDER BY organisation_id, user_id) FROM memberships m), \
            (SELECT string_agg(i::text, ',' ORDER BY id) FROM invitations i), \
            (SELECT string_agg(r::text, ',' ORDER BY id) FROM join_requests r), \
            (SELECT string_agg(d.domain || d.organisation_id::text, ',' ORDER BY domain) FROM organisation_domains d), \
            (SELECT string_agg(slug || verified::text || version::text, ',' ORDER BY slug) FROM organisations), \
            (SELECT string_agg(id::text || is_site_admin::text || display_name || locale, ',' ORDER BY id) FROM users), \
            (SELECT string_agg(id::text || coalesce(revoked_at::text, '-'), ',' ORDER BY id) FROM api_tokens), \
            (SELECT string_agg(slug || active::text || version::text, ',' ORDER BY slug) FROM software), \
            (SELECT string_agg(id::text || webhook_secret, ',' ORDER BY id) FROM repositories), \
            (SELECT string_agg(id::text || state || run_at::text, ',' ORDER BY id) FROM jobs WHERE kind = 'sync_repository'), \
            (SELECT string_agg(id::text || status || version::text, ',' ORDER BY id) FROM reuse_agreements), \
            (SELECT string_agg(id::text || amount_cents::text, ',' ORDER BY id) FROM agreement_cost_blocks), \
            (SELECT string_agg(id::text || encode(sha256, 'hex'), ',' ORDER BY id) FROM agreement_documents), \
            (SELECT string_agg(id::text || version || renewed_at::text, ',' ORDER BY id) FROM usage_declarations), \
            (SELECT string_agg(agreement_id::text || organisation_id::text || coalesce(signed_at::text, '-') || coalesce(contact_id::text, '-') || publishes_confidential::text, ',' ORDER BY agreement_id, organisation_id) FROM agreement_parties), \
            (SELECT string_agg(slug || name, ',' ORDER BY slug) FROM working_groups), \
            (SELECT string_agg(group_id::text || user_id::text || role, ',' ORDER BY group_id, user_id) FROM group_members), \
            (SELECT string_agg(group_id::text || user_id::text, ',' ORDER BY group_id, user_id) FROM group_join_requests), \
            (SELECT string_agg(id::text || pinned::text || locked::text || post_count::text, ',' ORDER BY id) FROM group_threads), \
            (SELECT string_agg(id::text || revisions::text || coalesce(hidden_reason, '-'), ',' ORDER BY id) FROM group_posts), \
            (SELECT string_agg(id::text || coalesce(resolution, '-'), ',' ORDER BY id) FROM group_flags)))",
    )
    .await
}

struct Attempt {
    path: String,
    form: Vec<(String, String)>,
}

/// Prepares what one action needs (a fresh invitation, request, member ...)
/// and returns the request that performs it.
async fn prepare(db: &DatabaseConnection, action: &str, n: usize, role_email: &str) -> Attempt {
    let kiel = "(SELECT id FROM organisations WHERE slug = 'kiel')";
    let form = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    // Kiel is verified before every attempt (one action withdraws that).
    exec(db, "UPDATE organisations SET verified = true WHERE slug = 'kiel'").await;
    match action {
        "invite" => Attempt {
            path: "/verwaltungen/kiel/einladungen".into(),
            form: form(&[("email", &format!("neu-{n}@kiel.example")), ("role", "member")]),
        },
        "revoke_invitation" => {
            let id = sql_value(db, &format!("INSERT INTO invitations (organisation_id, email, role, token_hash, expires_at) VALUES ({kiel}, 'inv-{n}@x.example', 'member', decode(md5('inv{n}'), 'hex'), now() + interval '1 day') RETURNING id::text")).await;
            Attempt {
                path: format!("/verwaltungen/kiel/einladungen/{id}/zurueckziehen"),
                form: vec![],
            }
        }
        "decide_request" => {
            let user = person(db, &format!("antrag-{n}@x.example"), None).await;
            let id = sql_value(
                db,
                &format!(
                    "INSERT INTO join_requests (organisation_id, user_id) VALUES ({kiel}, '{user}') RETURNING id::text"
                ),
            )
            .await;
            Attempt {
                path: format!("/verwaltungen/kiel/antraege/{id}"),
                form: form(&[("decision", "approve")]),
            }
        }
        "change_role" => {
            let user = person(db, &format!("rolle-{n}@x.example"), Some(("kiel", "member"))).await;
            Attempt {
                path: format!("/verwaltungen/kiel/mitglieder/{user}/rolle"),
                form: form(&[("role", "publisher")]),
            }
        }
        "remove_member" => {
            let user = person(db, &format!("weg-{n}@x.example"), Some(("kiel", "member"))).await;
            Attempt {
                path: format!("/verwaltungen/kiel/mitglieder/{user}/entfernen"),
                form: vec![],
            }
        }
        "add_domain" => Attempt {
            path: "/verwaltungen/kiel/domains".into(),
            form: form(&[("domain", &format!("amt{n}.kiel.example"))]),
        },
        "remove_domain" => {
            exec(
                db,
                &format!(
                    "INSERT INTO organisation_domains (domain, organisation_id) VALUES ('alt{n}.kiel.example', {kiel})"
                ),
            )
            .await;
            Attempt {
                path: format!("/verwaltungen/kiel/domains/alt{n}.kiel.example/entfernen"),
                form: vec![],
            }
        }
        "revoke_token" => {
            let user = person(db, &format!("token-{n}@x.example"), Some(("kiel", "publisher"))).await;
            let id = sql_value(db, &format!("INSERT INTO api_tokens (user_id, organisation_id, name, prefix, token_hash, scopes, expires_at) VALUES ('{user}', {kiel}, 'CI', 'alm_xx', decode(md5('tok{n}'), 'hex'), ARRAY['catalog:publish'], now() + interval '1 day') RETURNING id::text")).await;
            Attempt {
                path: format!("/konto/token/{id}/widerrufen"),
                form: vec![],
            }
        }
        "token_publish" => Attempt {
            path: "/konto/token".into(),
            form: form(&[
                ("organisation", "kiel"),
                ("name", "CI"),
                ("scopes", "catalog:publish"),
                ("days", "30"),
            ]),
        },
        "token_read" => Attempt {
            path: "/konto/token".into(),
            form: form(&[
                ("organisation", "kiel"),
                ("name", "Lesen"),
                ("scopes", "organisation:read"),
                ("days", "30"),
            ]),
        },
        "request_membership" => Attempt {
            path: "/verwaltungen/kiel/beitreten".into(),
            form: form(&[("message", "Hallo")]),
        },
        "accept_invitation" => {
            // An invitation for the other ministry's member; everyone holds the link.
            let token = format!("einladung-{n}");
            exec(db, "UPDATE invitations SET revoked_at = now() WHERE email = 'matrix-othermember@x.example' AND accepted_at IS NULL AND revoked_at IS NULL").await;
            exec(db, &format!("INSERT INTO invitations (organisation_id, email, role, token_hash, expires_at) VALUES ({kiel}, 'matrix-othermember@x.example', 'member', sha256('{token}'::bytea), now() + interval '1 day')")).await;
            Attempt {
                path: "/einladung".into(),
                form: form(&[("token", &token)]),
            }
        }
        "verify_organisation" => Attempt {
            path: "/admin/verwaltungen/kiel/pruefung".into(),
            form: form(&[("verified", "false")]),
        },
        "make_site_admin" => {
            let user = person(db, &format!("admin-{n}@x.example"), None).await;
            Attempt {
                path: format!("/admin/nutzer/{user}/admin"),
                form: form(&[("admin", "true")]),
            }
        }
        "create_organisation" => Attempt {
            path: "/verwaltungen".into(),
            form: form(&[
                ("slug", &format!("neues-amt-{n}")),
                ("name_de", &format!("Neues Amt {n}")),
                ("kind", "gemeinde"),
                ("land", "DE-SH"),
                ("version", "0"),
            ]),
        },
        "edit_organisation" => {
            let version = sql_value(db, "SELECT version::text FROM organisations WHERE slug = 'kiel'").await;
            Attempt {
                path: "/verwaltungen/kiel/bearbeiten".into(),
                form: form(&[
                    ("slug", "kiel"),
                    ("name_de", "Landeshauptstadt Kiel"),
                    ("uri", "https://www.kiel.de"),
                    ("kind", "gemeinde"),
                    ("parent", "schleswig-holstein"),
                    ("land", "DE-SH"),
                    ("ars", "010020000000"),
                    ("website", &format!("https://www.kiel.de/{n}")),
                    ("version", &version),
                ]),
            }
        }
        "publish_software" => Attempt {
            path: "/software/veroeffentlichen".into(),
            form: form(&[
                ("organisation", "kiel"),
                (
                    "publiccode",
                    &crate::catalog_publishing::file_at(&format!("https://opencode.de/kiel/matrix-{n}.git")),
                ),
                ("aktion", "veroeffentlichen"),
            ]),
        },
        "register_repository" => Attempt {
            path: "/verwaltungen/kiel/repositorien".into(),
            form: form(&[("url", &format!("https://8.8.8.8/kiel/matrix-{n}.git"))]),
        },
        "request_sync" | "rotate_webhook_secret" | "remove_repository" | "requeue_job" => {
            let id = sql_value(
                db,
                &format!(
                    "INSERT INTO repositories (organisation_id, url, url_key, host, webhook_secret) \
                     VALUES ({kiel}, 'https://8.8.8.8/m{n}.git', '8.8.8.8/m{n}', '8.8.8.8', 'secret-{n}') RETURNING id::text"
                ),
            )
            .await;
            let back = ("zurueck", "/verwaltungen/kiel/repositorien");
            match action {
                "request_sync" => Attempt {
                    path: format!("/repositorien/{id}/synchronisieren"),
                    form: form(&[back]),
                },
                "rotate_webhook_secret" => Attempt {
                    path: format!("/repositorien/{id}/geheimnis"),
                    form: form(&[back]),
                },
                "remove_repository" => Attempt {
                    path: format!("/repositorien/{id}/entfernen"),
                    form: form(&[back]),
                },
                _ => {
                    let job = sql_value(
                        db,
                        &format!(
                            "INSERT INTO jobs (kind, payload, max_attempts, unique_key, state, finished_at, error) \
                             VALUES ('sync_repository', '{{\"repository_id\": \"{id}\", \"reason\": \"scheduled\"}}', 5, \
                                     'sync:{id}', 'failed', now(), 'x') RETURNING id::text"
                        ),
                    )
                    .await;
                    Attempt {
                        path: format!("/admin/synchronisation/{job}/erneut"),
                        form: form(&[]),
                    }
                }
            }
        }
        "update_profile" => Attempt {
            path: "/konto/profil".into(),
            form: form(&[("display_name", &format!("{role_email} {n}")), ("locale", "en")]),
        },
        "request_reuse" => {
            // Kiel asks Rostock; an earlier attempt's request is withdrawn
            // first, so that each attempt may open a new one.
            let entry = "(SELECT s.id FROM software s JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = 'rostock' AND s.active ORDER BY s.slug LIMIT 1)";
            exec(db, &format!("UPDATE reuse_agreements SET status = 'withdrawn' WHERE software_id = {entry} AND id IN (SELECT agreement_id FROM agreement_parties WHERE organisation_id = {kiel} AND role = 'reuser')")).await;
            let slug = sql_value(db, &format!("SELECT slug FROM software WHERE id = {entry}")).await;
            let kiel_id = sql_value(db, "SELECT id::text FROM organisations WHERE slug = 'kiel'").await;
            Attempt {
                path: format!("/software/{slug}/nachnutzung-anfragen"),
                form: form(&[
                    ("organisation", &kiel_id),
                    ("kind", "cooperation_agreement"),
                    ("message", ""),
                ]),
            }
        }
        "agreement_step" | "edit_terms" | "add_cost_block" | "add_document" | "set_contact" | "consent_to_publish" => {
            // A fresh request from the ministry to Kiel, which Kiel accepts;
            // one in coordination for the terms.
            let status = if action == "agreement_step" {
                "interest_expressed"
            } else {
                "coordination"
            };
            let id = sql_value(
                db,
                &format!(
                    "WITH a AS (INSERT INTO reuse_agreements (software_id, kind, status) \
                         SELECT s.id, 'cooperation_agreement', '{status}' FROM software s \
                         WHERE s.organisation_id = {kiel} AND s.active ORDER BY s.slug LIMIT 1 RETURNING id), \
                     p AS (INSERT INTO agreement_parties (agreement_id, organisation_id, role) \
                         SELECT a.id, o.id, CASE o.slug WHEN 'kiel' THEN 'provider' ELSE 'reuser' END \
                         FROM a, organisations o WHERE o.slug IN ('kiel', 'im-mv')) \
                     SELECT id::text FROM a"
                ),
            )
            .await;
            let kiel_id = sql_value(db, "SELECT id::text FROM organisations WHERE slug = 'kiel'").await;
            let records = format!("/nachnutzung/vereinbarungen/{id}");
            if action == "add_document" {
                // The file goes along (see `every_action_for_every_role`).
                return Attempt {
                    path: format!("{records}/dokumente"),
                    form: form(&[("organisation", &kiel_id), ("titel", "Vertrag")]),
                };
            } else if action == "set_contact" {
                let olaf = sql_value(
                    db,
                    "SELECT user_id::text FROM local_logins WHERE email = 'olaf.ohlsen@kiel.example'",
                )
                .await;
                return Attempt {
                    path: format!("{records}/kontakt"),
                    form: form(&[("organisation", &kiel_id), ("kontakt", &olaf)]),
                };
            } else if action == "consent_to_publish" {
                return Attempt {
                    path: format!("{records}/veroeffentlichung"),
                    form: form(&[("organisation", &kiel_id), ("zustimmung", "ja")]),
                };
            }
            if action == "add_cost_block" {
                Attempt {
                    path: format!("/nachnutzung/vereinbarungen/{id}/kosten"),
                    form: form(&[
                        ("organisation", &kiel_id),
                        ("version", "1"),
                        ("kind", "operation"),
                        ("period", "2027"),
                        ("amount", "100"),
                        ("split", "equal_all"),
                    ]),
                }
            } else if action == "edit_terms" {
                Attempt {
                    path: format!("/nachnutzung/vereinbarungen/{id}/bedingungen"),
                    form: form(&[
                        ("organisation", &kiel_id),
                        ("version", "1"),
                        ("kind", "licence_only"),
                        ("notice_months", "6"),
                    ]),
                }
            } else {
                Attempt {
                    path: format!("/nachnutzung/vereinbarungen/{id}/schritt"),
                    form: form(&[("organisation", &kiel_id), ("aktion", "accept"), ("version", "1")]),
                }
            }
        }
        "declare_usage" | "renew_usage" | "withdraw_usage" => {
            // Kiel's use of a Rostock entry; declared afresh for each
            // attempt to declare, present (by Kiel's demo owner) for the
            // others.
            let entry = "(SELECT s.id FROM software s JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = 'rostock' AND s.active ORDER BY s.slug LIMIT 1)";
            let olaf = sql_value(
                db,
                "SELECT user_id::text FROM local_logins WHERE email = 'olaf.ohlsen@kiel.example'",
            )
            .await;
            // The other ministry's member joined Kiel by accepting an
            // invitation earlier in the matrix; here she is an outsider again.
            exec(db, &format!("DELETE FROM memberships m USING users u WHERE u.id = m.user_id AND u.email = 'matrix-othermember@x.example' AND m.organisation_id = {kiel}")).await;
            if action == "declare_usage" {
                exec(
                    db,
                    &format!("DELETE FROM usage_declarations WHERE software_id = {entry} AND organisation_id = {kiel}"),
                )
                .await;
                let slug = sql_value(db, &format!("SELECT slug FROM software WHERE id = {entry}")).await;
                let kiel_id = sql_value(db, "SELECT id::text FROM organisations WHERE slug = 'kiel'").await;
                return Attempt {
                    path: format!("/software/{slug}/nutzung"),
                    form: form(&[
                        ("organisation", &kiel_id),
                        ("version", "1.0"),
                        ("use_case", "Test"),
                        ("contact", &olaf),
                    ]),
                };
            }
            let id = sql_value(
                db,
                &format!(
                    "INSERT INTO usage_declarations (software_id, organisation_id, author_id, contact_id, version, use_case, renewed_at, expires_at) \
                     SELECT {entry}, {kiel}, '{olaf}', '{olaf}', '1.0', 'Test', now() - interval '1 day', now() + interval '1 year' \
                     ON CONFLICT (software_id, organisation_id) DO UPDATE SET renewed_at = now() - interval '1 day' RETURNING id::text"
                ),
            )
            .await;
            let verb = if action == "renew_usage" {
                "erneuern"
            } else {
                "zurueckziehen"
            };
            Attempt {
                path: format!("/nutzung/{id}/{verb}"),
                form: vec![],
            }
        }
        "create_group" => Attempt {
            path: "/arbeitsgruppen/neu".into(),
            form: form(&[
                ("name", &format!("Matrix-Gruppe {n}")),
                ("slug", ""),
                ("summary", "Eine Gruppe des Tests"),
                ("description", ""),
                ("visibility", "public"),
                ("joining", "open"),
                ("land", ""),
                ("agreement", ""),
            ]),
        },
        "join_group"
        | "start_thread"
        | "reply"
        | "edit_post"
        | "moderate_thread"
        | "decide_group_request"
        | "flag_post"
        | "hide_post"
        | "add_group_member"
        | "change_group_role"
        | "remove_group_member" => {
            matrix_group(db).await;
            // Whoever joined in the join attempt is an outsider again.
            exec(db, "DELETE FROM group_members m USING users u WHERE u.id = m.user_id \
                      AND u.email IN ('matrix-othermember@x.example', 'matrix-otherowner@x.example', 'matrix-siteadmin@x.example')").await;
            let base = "/arbeitsgruppen/matrix-gruppe";
            match action {
                "join_group" => Attempt {
                    path: format!("{base}/beitreten"),
                    form: vec![],
                },
                "start_thread" => Attempt {
                    path: format!("{base}/neues-thema"),
                    form: form(&[("title", &format!("Thema {n}")), ("body", "Erster Beitrag")]),
                },
                "reply" => Attempt {
                    path: format!("{base}/themen/1/antworten"),
                    form: form(&[("reply_to", "1"), ("body", &format!("Antwort {n}"))]),
                },
                "edit_post" => Attempt {
                    path: format!("{base}/themen/1/beitraege/1/bearbeiten"),
                    form: form(&[("body", &format!("Geänderter Text {n}"))]),
                },
                "add_group_member" => {
                    person(db, &format!("gruppenneu-{n}@x.example"), None).await;
                    Attempt {
                        path: format!("{base}/mitglieder"),
                        form: form(&[("email", &format!("gruppenneu-{n}@x.example"))]),
                    }
                }
                "change_group_role" | "remove_group_member" => {
                    let user = person(db, &format!("gruppenmitglied-{n}@x.example"), None).await;
                    exec(db, &format!("INSERT INTO group_members (group_id, user_id, role) SELECT id, '{user}', 'member' FROM working_groups WHERE slug = 'matrix-gruppe'")).await;
                    if action == "change_group_role" {
                        Attempt {
                            path: format!("{base}/mitglieder/{user}/rolle"),
                            form: form(&[("role", "moderator")]),
                        }
                    } else {
                        Attempt {
                            path: format!("{base}/mitglieder/{user}/entfernen"),
                            form: vec![],
                        }
                    }
                }
                "flag_post" => {
                    exec(db, "DELETE FROM group_flags").await;
                    Attempt {
                        path: format!("{base}/themen/1/beitraege/1/melden"),
                        form: form(&[("reason", "spam"), ("note", "")]),
                    }
                }
                "hide_post" => {
                    exec(
                        db,
                        "UPDATE group_posts SET hidden_at = NULL, hidden_by = NULL, hidden_reason = NULL",
                    )
                    .await;
                    Attempt {
                        path: format!("{base}/themen/1/beitraege/1/ausblenden"),
                        form: form(&[("aktion", "ausblenden"), ("reason", &format!("Grund {n}"))]),
                    }
                }
                "moderate_thread" => {
                    exec(db, "UPDATE group_threads SET pinned = false").await;
                    Attempt {
                        path: format!("{base}/themen/1/moderation"),
                        form: form(&[("aktion", "anheften")]),
                    }
                }
                _ => {
                    let user = person(db, &format!("gruppenantrag-{n}@x.example"), None).await;
                    exec(db, &format!("INSERT INTO group_join_requests (group_id, user_id, message) SELECT id, '{user}', '' FROM working_groups WHERE slug = 'matrix-gruppe'")).await;
                    Attempt {
                        path: format!("{base}/anfragen/{user}"),
                        form: form(&[("entscheidung", "annehmen")]),
                    }
                }
            }
        }
        other => panic!("unknown action {other}"),
    }
}

/// An open public group (once): Kiel's owner chairs it, its publisher
/// moderates, its member is a member; one thread whose first post is the
/// chair's. The organisation roles and the group roles line up, so that
/// the matrix's roles say the group's too.
async fn matrix_group(db: &DatabaseConnection) {
    let user = |role: &str| format!("(SELECT id FROM users WHERE email = 'matrix-{role}@x.example')");
    let exists = sql_value(
        db,
        "SELECT (count(*) > 0)::text FROM working_groups WHERE slug = 'matrix-gruppe'",
    )
    .await;
    if exists == "true" {
        return;
    }
    exec(db, "INSERT INTO working_groups (slug, name, summary, description_md, description_html, visibility, joining, threads_started) \
              VALUES ('matrix-gruppe', 'Matrix-Gruppe', 'Test', '', '', 'public', 'open', 1)").await;
    let group = "(SELECT id FROM working_groups WHERE slug = 'matrix-gruppe')";
    for (role, group_role) in [
        ("kielowner", "chair"),
        ("kielpublisher", "moderator"),
        ("kielmember", "member"),
    ] {
        exec(
            db,
            &format!(
                "INSERT INTO group_members (group_id, user_id, role) VALUES ({group}, {}, '{group_role}')",
                user(role)
            ),
        )
        .await;
    }
    exec(db, &format!("INSERT INTO group_threads (group_id, number, title, author_id, post_count) VALUES ({group}, 1, 'Erstes Thema', {}, 1)", user("kielowner"))).await;
    exec(
        db,
        &format!(
            "INSERT INTO group_posts (thread_id, number, author_id, body_md, body_html) \
                       SELECT id, 1, {}, 'Hallo', '<p>Hallo</p>' FROM group_threads WHERE group_id = {group}",
            user("kielowner")
        ),
    )
    .await;
}

fn expected(action: &str, role: Role) -> Outcome {
    if role == Anonymous {
        return Outcome::Login;
    }
    let allowed = match action {
        "invite" | "revoke_invitation" | "decide_request" | "change_role" | "remove_member" | "add_domain"
        | "remove_domain" | "revoke_token" | "edit_organisation" => matches!(role, KielOwner | SiteAdmin),
        // Anyone signed in may register an administration (unverified).
        "create_organisation" => true,
        // Tokens are made by members for their own organisation, within their role.
        "token_publish" => matches!(role, KielPublisher | KielOwner),
        "token_read" => matches!(role, KielMember | KielPublisher | KielOwner),
        "request_membership" => {
            if matches!(role, KielMember | KielPublisher | KielOwner) {
                return Outcome::Conflict;
            }
            true
        }
        "accept_invitation" => role == OtherMember,
        "verify_organisation" | "make_site_admin" => role == SiteAdmin,
        "publish_software" | "register_repository" | "request_sync" | "rotate_webhook_secret" | "remove_repository" => {
            matches!(role, KielPublisher | KielOwner | SiteAdmin)
        }
        "requeue_job" => role == SiteAdmin,
        // Only a publisher or owner commits Kiel; a site administrator is
        // no party to its agreements.
        "request_reuse" | "agreement_step" | "edit_terms" | "add_cost_block" | "add_document" | "set_contact" => {
            matches!(role, KielPublisher | KielOwner)
        }
        // Publishing the confidential parts is the owners' decision.
        "consent_to_publish" => role == KielOwner,
        // Only Kiel's own members say that Kiel uses something, and renew
        // it; the author (Kiel's demo owner), a publisher, or a site
        // administrator withdraws it.
        "declare_usage" | "renew_usage" => matches!(role, KielMember | KielPublisher | KielOwner),
        "withdraw_usage" => matches!(role, KielPublisher | KielOwner | SiteAdmin),
        "update_profile" => true,
        // Anyone who belongs to an administration (every signed-in role
        // here) founds a group.
        "create_group" => true,
        // The matrix group is open; Kiel's people are in it already.
        "join_group" => {
            if matches!(role, KielMember | KielPublisher | KielOwner) {
                return Outcome::Conflict;
            }
            true
        }
        // Members post; a site administrator moderates but is no member.
        "start_thread" | "reply" => matches!(role, KielMember | KielPublisher | KielOwner),
        // Anyone signed in who reads the (public) group flags a post.
        "flag_post" => true,
        // The chairs lead: Kiel's owner, and the site administrators.
        "add_group_member" | "change_group_role" | "remove_group_member" => matches!(role, KielOwner | SiteAdmin),
        // The post is the chair's (Kiel's owner); moderators edit anyone's.
        "edit_post" | "moderate_thread" | "decide_group_request" | "hide_post" => {
            matches!(role, KielPublisher | KielOwner | SiteAdmin)
        }
        other => panic!("unknown action {other}"),
    };
    if allowed {
        Outcome::Allowed
    } else {
        Outcome::Refused
    }
}

const ACTIONS: [&str; 45] = [
    "invite",
    "revoke_invitation",
    "decide_request",
    "change_role",
    "remove_member",
    "add_domain",
    "remove_domain",
    "revoke_token",
    "token_publish",
    "token_read",
    "request_membership",
    "accept_invitation",
    "verify_organisation",
    "make_site_admin",
    "create_organisation",
    "edit_organisation",
    "update_profile",
    "publish_software",
    "register_repository",
    "request_sync",
    "rotate_webhook_secret",
    "remove_repository",
    "requeue_job",
    "request_reuse",
    "agreement_step",
    "edit_terms",
    "add_cost_block",
    "add_document",
    "set_contact",
    "consent_to_publish",
    "declare_usage",
    "renew_usage",
    "withdraw_usage",
    "create_group",
    "join_group",
    "start_thread",
    "reply",
    "edit_post",
    "moderate_thread",
    "decide_group_request",
    "flag_post",
    "hide_post",
    "add_group_member",
    "change_group_role",
    "remove_group_member",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_action_for_every_role() {
    let app = TestApp::spawn().await;
    let db = app.db.as_ref().unwrap().connect().await;
    let mut clients = Vec::new();
    for role in ROLES {
        let client = app.new_client();
        let email = format!("matrix-{}@x.example", format!("{role:?}").to_lowercase());
        let login = match role {
            Anonymous => None,
            OtherMember => Some((person(&db, &email, Some(("im-mv", "member"))).await, email.clone())),
            OtherOwner => Some((person(&db, &email, Some(("luebeck", "owner"))).await, email.clone())),
            KielMember => Some((person(&db, &email, Some(("kiel", "member"))).await, email.clone())),
            KielPublisher => Some((person(&db, &email, Some(("kiel", "publisher"))).await, email.clone())),
            KielOwner => Some((person(&db, &email, Some(("kiel", "owner"))).await, email.clone())),
            SiteAdmin => {
                let id = person(&db, &email, None).await;
                exec(&db, &format!("UPDATE users SET is_site_admin = true WHERE id = '{id}'")).await;
                Some((id, email.clone()))
            }
        };
        if let Some((_, email)) = &login {
            app.log_in(&client, email, PASSWORD).await;
        }
        clients.push((role, client, email));
    }

    let mut n = 0;
    let mut checked = 0;
    let mut failures = Vec::new();
    for action in ACTIONS {
        for (role, client, email) in &clients {
            n += 1;
            let attempt = prepare(&db, action, n, email).await;
            let before = digest(&db).await;
            let form: Vec<(&str, &str)> = attempt.form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            // The publish form is multipart (it carries a file upload).
            let response = if attempt.path == "/software/veroeffentlichen" {
                app.post_multipart_as(client, &attempt.path, &form).await
            } else if attempt.path.ends_with("/dokumente") {
                let pdf = app::reuse::documents::samples::pdf();
                app.post_file_as(client, &attempt.path, &form, "Vertrag.pdf", pdf).await
            } else {
                app.post_form_as(client, &attempt.path, &form).await
            };
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .unwrap_or("")
                .to_owned();
            let after = digest(&db).await;
            let outcome = match (status, location.starts_with("/anmelden"), before == after) {
                (303, false, false) => Outcome::Allowed,
                (403, _, true) => Outcome::Refused,
                (303, true, true) => Outcome::Login,
                (303, false, true) => Outcome::Conflict,
                _ => {
                    failures.push(format!(
                        "{action} as {role:?}: status {status}, location {location:?}, changed {}",
                        before != after
                    ));
                    continue;
                }
            };
            let want = expected(action, *role);
            if outcome != want {
                failures.push(format!(
                    "{action} as {role:?}: {outcome:?}, expected {want:?} (status {status})"
                ));
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(checked, ACTIONS.len() * ROLES.len());
}
