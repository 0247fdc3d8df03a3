//! Usage declarations: made by members of the organisation itself (not by
//! outsiders, not by site administrators who are none), one per
//! organisation and entry, counted only from verified organisations, shown
//! until they lapse; contacts' addresses and internal instances only to
//! those allowed; renewal by members, withdrawal by the author or a
//! publisher; and one reminder before a declaration lapses, by
//! notification and, for those who asked, by mail to the SMTP server.

use super::reuse_agreements::{count, world, World};
use crate::support::mail::MailServer;
use crate::support::TestApp;
use allmende_server::db::sql;
use allmende_server::kernel::Actor;
use allmende_server::reuse::Reuse;
use app::error::{AppError, FieldError};
use app::reuse::usage::{Declared, UsageView};

const DECLARATIONS: &str = "SELECT count(*) AS value FROM usage_declarations";

fn declared(w: &World, contact: &Actor, version: &str) -> Declared {
    Declared {
        organisation: w.reuser.to_string(),
        version: version.into(),
        use_case: "Mängelmeldungen der Bürgerinnen und Bürger".into(),
        contact: contact.user_id.to_string(),
        instance_url: Some("https://maengel.intern.husum.example".into()),
        instance_public: false,
    }
}

async fn husum(w: &World, reader: Option<&Actor>) -> Vec<UsageView> {
    w.reuse
        .entry_usage(reader, &w.entry)
        .await
        .unwrap()
        .declarations
        .into_iter()
        .filter(|d| d.organisation.slug == "husum")
        .collect()
}

async fn audit(w: &World, action: &str) -> i64 {
    sql::value::<i64>(
        &w.db,
        "SELECT count(*) AS value FROM audit_events WHERE action = $1",
        [action.into()],
    )
    .await
    .unwrap()
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_declare_and_the_right_people_renew_and_withdraw() {
    let w = world().await;
    sql::exec(
        &w.db,
        "UPDATE organisations SET verified = true WHERE slug = 'husum'",
        [],
    )
    .await
    .unwrap();
    let before = count(&w.db, DECLARATIONS).await;
    // Outsiders, and a site administrator who is no member, cannot declare
    // for Husum; a contact must be one of Husum's members.
    for who in [&w.outsider, &w.site_admin] {
        let refused = w
            .reuse
            .declare_usage(who, None, &w.entry, declared(&w, &w.reuser_owner, "2.4"), false)
            .await;
        assert_eq!(refused, Err(AppError::Forbidden));
    }
    let stranger_as_contact = w
        .reuse
        .declare_usage(&w.reuser_owner, None, &w.entry, declared(&w, &w.outsider, "2.4"), false)
        .await;
    assert_eq!(
        stranger_as_contact,
        Err(AppError::Invalid(vec![FieldError::new(
            "contact",
            "reuse.contact.error.member"
        )]))
    );
    let unknown_entry = w
        .reuse
        .declare_usage(
            &w.reuser_owner,
            None,
            "gibt-es-nicht",
            declared(&w, &w.reuser_owner, "2.4"),
            false,
        )
        .await;
    assert_eq!(unknown_entry, Err(AppError::NotFound));
    assert_eq!(count(&w.db, DECLARATIONS).await, before, "nothing stored");

    let id = w
        .reuse
        .declare_usage(
            &w.reuser_owner,
            None,
            &w.entry,
            declared(&w, &w.reuser_member, "2.4"),
            false,
        )
        .await
        .unwrap();
    assert_eq!(audit(&w, "usage_declared").await, 1);
    // The provider learns whom a release concerns.
    let told = sql::value::<i64>(
        &w.db,
        "SELECT count(*) AS value FROM notifications WHERE kind = 'usage_declared' AND user_id = ANY($1)",
        [vec![w.provider_owner.user_id.uuid(), w.provider_publisher.user_id.uuid()].into()],
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(told, 2);

    // What each reader sees of it.
    let anonymous = husum(&w, None).await;
    assert_eq!(anonymous.len(), 1);
    let shown = &anonymous[0];
    assert!(shown.verified);
    assert_eq!(shown.version, "2.4");
    assert_eq!(shown.contact_name.as_deref(), Some("Mia Husum"));
    assert_eq!(shown.contact_email, None, "no address for the anonymous");
    assert_eq!(shown.instance_url, None, "an internal instance stays internal");
    assert!(!shown.may_renew && !shown.may_withdraw);
    let outsider = &husum(&w, Some(&w.outsider)).await[0];
    assert_eq!(outsider.contact_email.as_deref(), Some("mia.husum@test.example"));
    assert_eq!(outsider.instance_url, None);
    for insider in [&w.reuser_member, &w.site_admin] {
        let seen = &husum(&w, Some(insider)).await[0];
        assert_eq!(
            seen.instance_url.as_deref(),
            Some("https://maengel.intern.husum.example")
        );
    }

    // Declaring again updates the one declaration and renews it.
    let again = w
        .reuse
        .declare_usage(
            &w.reuser_publisher,
            None,
            &w.entry,
            declared(&w, &w.reuser_publisher, "2.5"),
            false,
        )
        .await
        .unwrap();
    assert_eq!(again, id);
    assert_eq!(count(&w.db, DECLARATIONS).await, before + 1);
    let updated = &husum(&w, None).await[0];
    assert_eq!(updated.version, "2.5");
    assert_eq!(updated.contact_name.as_deref(), Some("Rolf Husum"));
    assert_eq!(audit(&w, "usage_renewed").await, 1);

    // Renewing: members of Husum only.
    sql::exec(
        &w.db,
        "UPDATE usage_declarations SET renewed_at = now() - interval '700 days', expires_at = now() + interval '30 days' WHERE id = $1",
        [id.into()],
    )
    .await
    .unwrap();
    assert_eq!(
        w.reuse.renew_usage(&w.outsider, None, id).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        w.reuse.renew_usage(&w.reuser_member, None, id).await,
        Ok(w.entry.clone())
    );
    let lapses = sql::value::<bool>(
        &w.db,
        "SELECT expires_at > now() + interval '23 months' AS value FROM usage_declarations WHERE id = $1",
        [id.into()],
    )
    .await
    .unwrap()
    .unwrap();
    assert!(lapses, "renewed for the operator's 24 months");

    // Only verified organisations count; lapsed declarations are not shown.
    sql::exec(
        &w.db,
        "UPDATE organisations SET verified = false WHERE slug = 'husum'",
        [],
    )
    .await
    .unwrap();
    let usage = w.reuse.entry_usage(None, &w.entry).await.unwrap();
    let listed = usage
        .declarations
        .iter()
        .find(|d| d.organisation.slug == "husum")
        .unwrap();
    assert!(!listed.verified);
    assert_eq!(
        usage.verified,
        usage.declarations.iter().filter(|d| d.verified).count() as u64
    );
    sql::exec(
        &w.db,
        "UPDATE usage_declarations SET renewed_at = now() - interval '2 days', expires_at = now() - interval '1 day' WHERE id = $1",
        [id.into()],
    )
    .await
    .unwrap();
    assert!(husum(&w, None).await.is_empty(), "lapsed");
    sql::exec(
        &w.db,
        "UPDATE usage_declarations SET expires_at = now() + interval '1 year' WHERE id = $1",
        [id.into()],
    )
    .await
    .unwrap();

    // Withdrawing: not a plain member who did not write it, nor an
    // outsider; its organisation's publisher may.
    for who in [&w.reuser_member, &w.outsider] {
        assert_eq!(w.reuse.withdraw_usage(who, None, id).await, Err(AppError::Forbidden));
    }
    assert_eq!(count(&w.db, DECLARATIONS).await, before + 1);
    assert_eq!(
        w.reuse.withdraw_usage(&w.reuser_publisher, None, id).await,
        Ok(w.entry.clone())
    );
    assert_eq!(count(&w.db, DECLARATIONS).await, before);
    assert_eq!(audit(&w, "usage_withdrawn").await, 1);
    assert_eq!(
        w.reuse.renew_usage(&w.reuser_member, None, id).await,
        Err(AppError::NotFound)
    );
}

fn pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

const LEA: (&str, &str) = ("lea.lorenzen@luebeck.example", "Luebeck-Eigentum-2026");
const OLAF: (&str, &str) = ("olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026");

/// Over HTTP without JavaScript, to the SMTP server on loopback: Lübeck's
/// owner declares from the form (a wrong address comes back at its field
/// with nothing stored), the software page shows it to each reader as
/// allowed, the lapsing declaration is reminded once, by mail only to
/// those who asked, and withdrawn by its author.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declaration_from_the_form_is_shown_reminded_by_mail_and_withdrawn() {
    let mail = MailServer::start().await;
    let app = TestApp::spawn_with(|_| mail.settings()).await;
    let db = app.db.as_ref().unwrap().connect().await;
    let lea = app.new_client();
    app.log_in(&lea, LEA.0, LEA.1).await;
    let (status, form) = app.html_as(&lea, "/software/bauantrag-online/nutzung").await;
    assert_eq!(status, 200);
    assert!(form.contains("Nutzung erklären"), "{form}");
    let luebeck = form
        .split("<option value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let contact = form
        .split("id=\"usage-contact\"")
        .nth(1)
        .and_then(|rest| rest.split("<option value=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let before = count(&db, DECLARATIONS).await;
    let fields = |instance: &str| -> Vec<(&'static str, String)> {
        vec![
            ("organisation", luebeck.clone()),
            ("version", "3.0".to_owned()),
            ("use_case", "Digitale Bauanträge der unteren Bauaufsicht".to_owned()),
            ("contact", contact.clone()),
            ("instance_url", instance.to_owned()),
            ("remind", "ja".to_owned()),
        ]
    };
    let bad = fields("https://lea:geheim@bau.luebeck.example");
    let refused = app
        .post_form_as(&lea, "/software/bauantrag-online/nutzung", &pairs(&bad))
        .await;
    assert_eq!(refused.status(), 303);
    assert_eq!(refused.headers()["location"], "/software/bauantrag-online/nutzung");
    let (_, again) = app.html_as(&lea, "/software/bauantrag-online/nutzung").await;
    assert!(
        again.contains("darf weder Benutzername noch Passwort enthalten"),
        "{again}"
    );
    assert!(
        again.contains("Digitale Bauanträge der unteren Bauaufsicht"),
        "the text is kept"
    );
    assert_eq!(count(&db, DECLARATIONS).await, before, "nothing stored");

    let good = fields("https://bau.intern.luebeck.example");
    let saved = app
        .post_form_as(&lea, "/software/bauantrag-online/nutzung", &pairs(&good))
        .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(saved.headers()["location"], "/software/bauantrag-online#nutzung");

    // Anonymous: who and what, but no address and no internal instance.
    let (_, page) = app.html("/software/bauantrag-online").await;
    assert!(page.contains("Digitale Bauanträge der unteren Bauaufsicht"), "{page}");
    assert!(page.contains("Lea Lorenzen"), "{page}");
    assert!(!page.contains("mailto:lea.lorenzen@luebeck.example"), "{page}");
    assert!(!page.contains("bau.intern.luebeck.example"), "{page}");
    // Kiel's owner, signed in: the address to ask, still not the instance.
    let olaf = app.new_client();
    app.log_in(&olaf, OLAF.0, OLAF.1).await;
    let (_, page) = app.html_as(&olaf, "/software/bauantrag-online").await;
    assert!(page.contains("mailto:lea.lorenzen@luebeck.example"), "{page}");
    assert!(!page.contains("bau.intern.luebeck.example"), "{page}");
    assert!(!page.contains("/zurueckziehen"), "no withdrawing for Kiel");
    // Lübeck's owner sees the instance, marked internal, and may act.
    let (_, page) = app.html_as(&lea, "/software/bauantrag-online").await;
    assert!(page.contains("https://bau.intern.luebeck.example"), "{page}");
    assert!(page.contains("nur intern sichtbar"), "{page}");
    let withdraw = page
        .split("action=\"/nutzung/")
        .find_map(|rest| rest.split_once("/zurueckziehen\"").map(|(id, _)| id.to_owned()))
        .unwrap();

    // The reminder: once, to the author; by mail because Lea ticked it.
    sql::exec(
        &db,
        "UPDATE usage_declarations SET expires_at = now() + interval '5 days' WHERE id = $1::uuid",
        [withdraw.clone().into()],
    )
    .await
    .unwrap();
    let reuse = Reuse {
        db: db.clone(),
        usage: Default::default(),
    };
    // The seed's Kiel declaration lapses within the period too; Pia asked
    // for no mail.
    assert_eq!(reuse.remind_expiring().await.unwrap(), 2);
    assert_eq!(reuse.remind_expiring().await.unwrap(), 0, "once");
    let mails = mail.wait_for(LEA.0, 1).await;
    assert!(mails[0].text.contains("Bauantrag Online 3.0"), "{}", mails[0].text);
    assert!(mails[0].text.contains("läuft bald ab"), "{}", mails[0].text);
    assert!(
        mails[0].text.contains("/software/bauantrag-online#nutzung"),
        "{}",
        mails[0].text
    );
    assert!(mails[0].headers.contains_key("list-unsubscribe"));
    app.jobs_settled().await;
    assert!(mail.mails_to("pia.petersen@kiel.example").await.is_empty());
    let (_, notices) = app.html_as(&lea, "/benachrichtigungen").await;
    assert!(notices.contains("Ihre Nutzungserklärung läuft bald ab"), "{notices}");

    // Kiel cannot withdraw Lübeck's declaration; Lea can.
    let theirs = app
        .post_form_as(&olaf, &format!("/nutzung/{withdraw}/zurueckziehen"), &[])
        .await;
    assert_eq!(theirs.status(), 403);
    let gone = app
        .post_form_as(&lea, &format!("/nutzung/{withdraw}/zurueckziehen"), &[])
        .await;
    assert_eq!(gone.status(), 303);
    assert_eq!(count(&db, DECLARATIONS).await, before);
    let (_, page) = app.html("/software/bauantrag-online").await;
    assert!(!page.contains("Digitale Bauanträge der unteren Bauaufsicht"));
}
