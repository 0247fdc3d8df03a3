//! The one change path, without HTTP: the permission is checked before
//! anything is written; a change that returns early leaves nothing (audit
//! events, notifications and jobs included); a committed one has them all,
//! with the change's actor, organisation and address filled in.

use crate::support::{factories, TestDb};
use allmende_server::db::sql;
use allmende_server::kernel::jobs::Job;
use allmende_server::kernel::{AuditAction, Event, OrgPermission, Permission, Tx, Who};
use allmende_server::mail::MailMessage;
use allmende_server::notifications::{self, Notice, NoticeKind};
use app::accounts::dto::Role;
use app::error::AppError;
use app::i18n::Locale;
use sea_orm::DatabaseConnection;

async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    sql::value::<i64>(db, &format!("SELECT count(*) AS value FROM {table}"), [])
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permission_is_checked_before_anything_is_written() {
    let test_db = TestDb::new().await;
    let db = test_db.connect().await;
    let (org, member) = factories::person_in(&db, "husum", "Hanna", Role::Member).await;
    let manage = |slug| Permission::In(slug, OrgPermission::ManageMembers);
    let refused = Tx::begin(&db, Who::actor(&member, None), manage("husum")).await;
    assert_eq!(refused.err(), Some(AppError::Forbidden));
    let unknown = Tx::begin(&db, Who::actor(&member, None), manage("nirgendwo")).await;
    assert_eq!(unknown.err(), Some(AppError::NotFound));
    let anonymous = Tx::begin(&db, Who::anonymous(None), Permission::OwnAccount).await;
    assert_eq!(anonymous.err(), Some(AppError::Forbidden));
    let not_admin = Tx::begin(&db, Who::actor(&member, None), Permission::SiteAdmin).await;
    assert_eq!(not_admin.err(), Some(AppError::Forbidden));
    // What a member may: read the members, ask others to join.
    let tx = Tx::begin(
        &db,
        Who::actor(&member, None),
        Permission::InId(org, OrgPermission::ReadMembers),
    )
    .await
    .unwrap();
    assert_eq!(tx.organisation(), org);
    tx.done(()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_is_all_or_nothing_with_its_events_notifications_and_jobs() {
    let test_db = TestDb::new().await;
    let db = test_db.connect().await;
    let (org, owner) = factories::person_in(&db, "husum", "Olga", Role::Owner).await;
    let (_, publisher) = factories::person_in(&db, "husum", "Paul", Role::Publisher).await;
    let ip = Some("192.0.2.7".parse().unwrap());
    let change = async |commit: bool| -> Result<(), AppError> {
        let tx = Tx::begin(
            &db,
            Who::actor(&owner, ip),
            Permission::In("husum", OrgPermission::ManageMembers),
        )
        .await?;
        sql::exec(
            &tx,
            "UPDATE organisations SET short_name = 'Husum' WHERE id = $1",
            [tx.organisation().into()],
        )
        .await?;
        tx.record(Event::new(AuditAction::OrganisationUpdated).subject("Husum"));
        notifications::notify_publishers(
            &tx,
            tx.organisation(),
            Notice::new(NoticeKind::EntryDeactivated, "/software/x").subject("x"),
        )
        .await?;
        tx.enqueue(Job::mail(
            "paul@test.example",
            MailMessage::password_reset(Locale::De, "https://x.example"),
        ))
        .await?;
        if !commit {
            // A rule refusing after it wrote: the `?` drops the change.
            return Err(AppError::Conflict("test.refused".into()));
        }
        tx.done(()).await
    };
    assert_eq!(change(false).await, Err(AppError::Conflict("test.refused".into())));
    for table in ["audit_events", "notifications", "jobs"] {
        assert_eq!(count(&db, table).await, 0, "{table} after a rollback");
    }
    let short = "SELECT count(*) AS value FROM organisations WHERE short_name = 'Husum'";
    assert_eq!(sql::value::<i64>(&db, short, []).await.unwrap(), Some(0));

    change(true).await.unwrap();
    assert_eq!(sql::value::<i64>(&db, short, []).await.unwrap(), Some(1));
    #[derive(sea_orm::FromQueryResult, Debug, PartialEq)]
    struct Recorded {
        action: String,
        actor_id: uuid::Uuid,
        organisation_id: uuid::Uuid,
        ip: String,
    }
    let event = sql::one::<Recorded>(
        &db,
        "SELECT action, actor_id, organisation_id, ip FROM audit_events",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(
        event,
        Recorded {
            action: "organisation_updated".into(),
            actor_id: owner.user_id.uuid(),
            organisation_id: org.uuid(),
            ip: "192.0.2.7".into(),
        }
    );
    // The publisher is told; the owner who made the change is not.
    let told = sql::values::<uuid::Uuid>(&db, "SELECT user_id AS value FROM notifications", [])
        .await
        .unwrap();
    assert_eq!(told, [publisher.user_id.uuid()]);
    assert_eq!(count(&db, "jobs").await, 1);
}
