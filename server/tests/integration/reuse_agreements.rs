//! Reuse agreements through the service, against the database: who may ask
//! for reuse, the steps to an agreement in force with every party's
//! signature, refusals that change nothing, the version that keeps two
//! parties from overwriting each other, and the notifications on the way.

use crate::support::{factories, TestDb};
use allmende_server::db::sql;
use allmende_server::kernel::{Actor, AgreementId, OrganisationId};
use allmende_server::reuse::{Edited, Reuse, ReuseRequest};
use app::accounts::dto::Role;
use app::error::{AppError, FieldError};
use app::reuse::dto::PayerView;
use app::reuse::terms::AgreementKind;
use app::reuse::terms_form::Terms;
use app::reuse::workflow::{Action, AgreementStatus};
use sea_orm::DatabaseConnection;

const AGREEMENTS: &str = "SELECT count(*) AS value FROM reuse_agreements";

pub(crate) async fn count(db: &DatabaseConnection, query: &str) -> i64 {
    sql::value::<i64>(db, query, []).await.unwrap().unwrap()
}

/// A seeded entry, its provider, and people on both sides and outside.
pub(crate) struct World {
    pub test_db: TestDb,
    pub db: DatabaseConnection,
    pub reuse: Reuse,
    pub entry: String,
    pub provider: OrganisationId,
    pub reuser: OrganisationId,
    pub provider_owner: Actor,
    pub provider_publisher: Actor,
    pub reuser_owner: Actor,
    pub reuser_publisher: Actor,
    pub reuser_member: Actor,
    pub outsider: Actor,
    pub site_admin: Actor,
}

pub(crate) async fn world() -> World {
    let test_db = TestDb::seeded().await;
    let db = test_db.connect().await;
    let (entry, provider_slug): (String, String) = {
        #[derive(sea_orm::FromQueryResult)]
        struct Row {
            entry: String,
            provider: String,
        }
        let row: Row = sql::one(
            &db,
            "SELECT s.slug AS entry, o.slug AS provider FROM software s JOIN organisations o ON o.id = s.organisation_id \
             WHERE s.active ORDER BY s.slug LIMIT 1",
            [],
        )
        .await
        .unwrap()
        .unwrap();
        (row.entry, row.provider)
    };
    let (provider, provider_owner) = factories::person_in(&db, &provider_slug, "Olga Anbieter", Role::Owner).await;
    let (_, provider_publisher) = factories::person_in(&db, &provider_slug, "Paul Anbieter", Role::Publisher).await;
    let (reuser, reuser_owner) = factories::person_in(&db, "husum", "Rita Husum", Role::Owner).await;
    let (_, reuser_publisher) = factories::person_in(&db, "husum", "Rolf Husum", Role::Publisher).await;
    let (_, reuser_member) = factories::person_in(&db, "husum", "Mia Husum", Role::Member).await;
    let (_, outsider) = factories::person_in(&db, "sylt", "Otto Sylt", Role::Owner).await;
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
        test_db,
        reuse: Reuse {
            db: db.clone(),
            usage: Default::default(),
        },
        db,
        entry,
        provider,
        reuser,
        provider_owner,
        provider_publisher,
        reuser_owner,
        reuser_publisher,
        reuser_member,
        outsider,
        site_admin,
    }
}

impl World {
    pub fn request(&self, reuser: OrganisationId) -> ReuseRequest {
        ReuseRequest {
            software_slug: self.entry.clone(),
            reuser,
            kind: AgreementKind::CooperationAgreement,
            message: "Wir möchten die Software für unsere Bürgerdienste nachnutzen.".into(),
        }
    }

    pub async fn step(
        &self,
        who: &Actor,
        id: AgreementId,
        party: OrganisationId,
        action: Action,
        version: i32,
    ) -> Result<AgreementStatus, AppError> {
        self.reuse.act(who, None, id, party, action, version).await
    }

    async fn history_rows(&self) -> i64 {
        count(&self.db, "SELECT count(*) AS value FROM agreement_history").await
    }

    async fn notifications_of(&self, who: &Actor, kind: &str) -> i64 {
        sql::value::<i64>(
            &self.db,
            "SELECT count(*) AS value FROM notifications WHERE user_id = $1 AND kind = $2",
            [who.user_id.into(), kind.into()],
        )
        .await
        .unwrap()
        .unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reuse_request_reaches_the_provider_and_only_a_members_publisher_may_ask() {
    let w = world().await;
    // The seed's demo agreements are there already.
    let (agreements, history) = (count(&w.db, AGREEMENTS).await, w.history_rows().await);
    // A plain member cannot commit the administration; an outsider and a
    // site administrator cannot act for it at all.
    let forbidden = [&w.reuser_member, &w.outsider, &w.site_admin];
    for who in forbidden {
        assert_eq!(
            w.reuse.request_reuse(who, None, w.request(w.reuser)).await,
            Err(AppError::Forbidden),
            "{}",
            who.display_name
        );
    }
    // The provider cannot ask to reuse its own software.
    assert_eq!(
        w.reuse
            .request_reuse(&w.provider_owner, None, w.request(w.provider))
            .await,
        Err(AppError::Conflict("reuse.error.own_software".into()))
    );
    assert_eq!(w.history_rows().await, history, "refusals write nothing");

    let id = w
        .reuse
        .request_reuse(&w.reuser_publisher, None, w.request(w.reuser))
        .await
        .unwrap();
    let view = w.reuse.agreement(Some(&w.provider_publisher), id).await.unwrap();
    assert_eq!(view.status, AgreementStatus::InterestExpressed);
    assert_eq!(view.software_slug, w.entry);
    assert_eq!(view.parties.len(), 2);
    assert_eq!(view.actions.len(), 1, "the provider's publisher acts for the provider");
    assert_eq!(view.actions[0].actions, vec![Action::Accept, Action::Decline]);
    // The provider's publishers and owners are told; the asker is not.
    assert_eq!(w.notifications_of(&w.provider_owner, "reuse_requested").await, 1);
    assert_eq!(w.notifications_of(&w.provider_publisher, "reuse_requested").await, 1);
    assert_eq!(w.notifications_of(&w.reuser_publisher, "reuse_requested").await, 0);
    // Asking again while the first request is open makes no second agreement.
    assert_eq!(
        w.reuse.request_reuse(&w.reuser_owner, None, w.request(w.reuser)).await,
        Err(AppError::Conflict("reuse.error.already_open".into()))
    );
    assert_eq!(count(&w.db, AGREEMENTS).await, agreements + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agreement_comes_into_force_only_with_every_partys_signature() {
    let w = world().await;
    let id = w
        .reuse
        .request_reuse(&w.reuser_publisher, None, w.request(w.reuser))
        .await
        .unwrap();
    let (p, r) = (w.provider, w.reuser);
    // Refused steps, each with the table's reason, and nothing written.
    let before = w.history_rows().await;
    assert_eq!(
        w.step(&w.reuser_owner, id, r, Action::Accept, 1).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        w.step(&w.site_admin, id, p, Action::Accept, 1).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        w.step(&w.outsider, id, p, Action::Accept, 1).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        w.step(&w.provider_publisher, id, p, Action::Activate, 1).await,
        Err(AppError::Conflict("reuse.refusal.wrong_state".into()))
    );
    assert_eq!(w.history_rows().await, before);

    assert_eq!(
        w.step(&w.provider_publisher, id, p, Action::Accept, 1).await,
        Ok(AgreementStatus::Coordination)
    );
    // A page read before that step is out of date.
    assert_eq!(
        w.step(&w.provider_publisher, id, p, Action::ProposeTerms, 1).await,
        Err(AppError::Conflict("reuse.error.changed_meanwhile".into()))
    );
    assert_eq!(
        w.step(&w.provider_publisher, id, p, Action::ProposeTerms, 2).await,
        Ok(AgreementStatus::TermsProposed)
    );
    // Signing needs an owner of each party.
    assert_eq!(
        w.step(&w.provider_publisher, id, p, Action::Sign, 3).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        w.step(&w.provider_owner, id, p, Action::Sign, 3).await,
        Ok(AgreementStatus::TermsProposed)
    );
    assert_eq!(
        w.step(&w.provider_owner, id, p, Action::Sign, 4).await,
        Err(AppError::Conflict("reuse.refusal.already_signed".into()))
    );
    assert_eq!(
        w.step(&w.reuser_owner, id, r, Action::Sign, 4).await,
        Ok(AgreementStatus::Signed)
    );
    assert_eq!(
        w.step(&w.provider_owner, id, p, Action::Activate, 5).await,
        Ok(AgreementStatus::Active)
    );

    let view = w.reuse.agreement(Some(&w.reuser_owner), id).await.unwrap();
    assert_eq!((view.status, view.version), (AgreementStatus::Active, 6));
    assert!(view.parties.iter().all(|party| party.signed_at.is_some()));
    let steps: Vec<&str> = view.history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(steps, ["open", "accept", "propose_terms", "sign", "sign", "activate"]);
    assert_eq!(view.history[4].actor_name.as_deref(), Some("Rita Husum"));
    assert_eq!(view.history[4].acting_for.as_deref(), Some("Gemeinde husum"));
    assert_eq!(view.actions[0].actions, vec![Action::GiveNotice]);
    // Each step is in the audit log of the party that took it.
    assert_eq!(
        count(
            &w.db,
            "SELECT count(*) AS value FROM audit_events WHERE action = 'agreement_step'"
        )
        .await,
        5
    );
    // The reusing side heard of the provider's steps, and the other way round.
    assert_eq!(w.notifications_of(&w.reuser_publisher, "agreement_step").await, 5);
    assert_eq!(w.notifications_of(&w.provider_owner, "agreement_step").await, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changed_terms_need_every_signature_again() {
    let w = world().await;
    let id = w
        .reuse
        .request_reuse(&w.reuser_publisher, None, w.request(w.reuser))
        .await
        .unwrap();
    let (p, r) = (w.provider, w.reuser);
    w.step(&w.provider_publisher, id, p, Action::Accept, 1).await.unwrap();
    w.step(&w.provider_publisher, id, p, Action::ProposeTerms, 2)
        .await
        .unwrap();
    w.step(&w.provider_owner, id, p, Action::Sign, 3).await.unwrap();
    assert_eq!(
        w.step(&w.reuser_publisher, id, r, Action::RequestChanges, 4).await,
        Ok(AgreementStatus::Coordination)
    );
    let view = w.reuse.agreement(None, id).await.unwrap();
    assert!(
        view.parties.iter().all(|party| party.signed_at.is_none()),
        "the signature lapsed"
    );
    assert!(view.actions.is_empty(), "an anonymous reader may do nothing");
    w.step(&w.provider_publisher, id, p, Action::ProposeTerms, 5)
        .await
        .unwrap();
    assert_eq!(
        w.step(&w.reuser_owner, id, r, Action::Sign, 6).await,
        Ok(AgreementStatus::TermsProposed),
        "the provider must sign the new terms too"
    );
    assert_eq!(
        w.step(&w.provider_owner, id, p, Action::Sign, 7).await,
        Ok(AgreementStatus::Signed)
    );
}

/// Both parties act on the page they read at the same moment: one step is
/// taken, the other is refused as out of date; neither is lost silently.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_parties_acting_at_once_never_overwrite_each_other() {
    let w = world().await;
    let id = w
        .reuse
        .request_reuse(&w.reuser_publisher, None, w.request(w.reuser))
        .await
        .unwrap();
    let (p, r) = (w.provider, w.reuser);
    w.step(&w.provider_publisher, id, p, Action::Accept, 1).await.unwrap();
    w.step(&w.provider_publisher, id, p, Action::ProposeTerms, 2)
        .await
        .unwrap();
    let reuse = Reuse {
        db: w.test_db.connect_pool(4).await,
        usage: Default::default(),
    };
    let (a, b) = tokio::join!(
        reuse.act(&w.reuser_publisher, None, id, r, Action::Withdraw, 3),
        reuse.act(&w.provider_publisher, None, id, p, Action::ProposeTerms, 3),
    );
    let outcomes = [a.clone(), b.clone()];
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1, "{a:?} {b:?}");
    assert!(
        outcomes.contains(&Err(AppError::Conflict("reuse.error.changed_meanwhile".into()))),
        "{a:?} {b:?}"
    );
    let view = w.reuse.agreement(None, id).await.unwrap();
    assert_eq!(view.version, 4);
    assert_eq!(view.history.len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shipped_koenigsteiner_schluessel_is_in_the_seeded_database() {
    let test_db = TestDb::seeded().await;
    let db = test_db.connect().await;
    let (lands, sum) = {
        #[derive(sea_orm::FromQueryResult)]
        struct Row {
            lands: i64,
            sum: i64,
        }
        let row: Row = sql::one(
            &db,
            "SELECT count(*) AS lands, sum(w.weight)::bigint AS sum FROM distribution_keys k \
             JOIN distribution_key_weights w ON w.key_id = k.id \
             WHERE k.name = 'Königsteiner Schlüssel' AND k.year = 2019",
            [],
        )
        .await
        .unwrap()
        .unwrap();
        (row.lands, row.sum)
    };
    assert_eq!((lands, sum), (16, 10_000_000), "16 Länder, 100.00000 %");
    // Seeding again replaces, it does not add.
    allmende_server::seed::run(&db).await.unwrap();
    assert_eq!(
        count(&db, "SELECT count(*) AS value FROM distribution_key_weights").await,
        16
    );
}

/// Terms as a form would send them.
fn terms(pairs: &[(&str, &str)]) -> Terms {
    let map: std::collections::HashMap<&str, &str> = pairs.iter().copied().collect();
    Terms::from_form(|name| map.get(name).copied().unwrap_or("").to_owned()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_parties_editing_the_terms_at_once_never_overwrite_each_other() {
    let w = world().await;
    let id = w
        .reuse
        .request_reuse(&w.reuser_publisher, None, w.request(w.reuser))
        .await
        .unwrap();
    let (p, r) = (w.provider, w.reuser);
    let first = terms(&[("kind", "cooperation_agreement"), ("notice_months", "3")]);
    // Nobody edits before the provider has taken the request up.
    assert_eq!(
        w.reuse
            .edit_terms(&w.provider_publisher, None, id, p, 1, first.clone())
            .await,
        Err(AppError::Conflict("reuse.refusal.wrong_state".into()))
    );
    w.step(&w.provider_publisher, id, p, Action::Accept, 1).await.unwrap();
    // Only a publisher or owner of a party, for that party.
    for (who, party) in [
        (&w.reuser_member, r),
        (&w.outsider, p),
        (&w.site_admin, p),
        (&w.reuser_owner, p),
    ] {
        assert_eq!(
            w.reuse.edit_terms(who, None, id, party, 2, first.clone()).await,
            Err(AppError::Forbidden),
            "{}",
            who.display_name
        );
    }

    // Both read version 2. The provider saves first.
    let provider_terms = terms(&[
        ("kind", "cooperation_agreement"),
        ("support", "Zweite Ebene werktags von 8 bis 16 Uhr"),
        ("notice_months", "6"),
    ]);
    assert_eq!(
        w.reuse
            .edit_terms(&w.provider_publisher, None, id, p, 2, provider_terms)
            .await,
        Ok(Edited::Saved(vec!["support", "notice_months"]))
    );
    // The reuser's save on version 2 is not applied: the fields the
    // provider changed come back, each at its field.
    let reuser_terms = terms(&[
        ("kind", "cooperation_agreement"),
        ("legal_basis", "gwb_108_6"),
        ("notice_months", "12"),
    ]);
    assert_eq!(
        w.reuse
            .edit_terms(&w.reuser_publisher, None, id, r, 2, reuser_terms.clone())
            .await,
        Err(AppError::Invalid(vec![
            FieldError::new("support", "reuse.terms.changed_meanwhile"),
            FieldError::new("notice_months", "reuse.terms.changed_meanwhile"),
        ]))
    );
    let view = w.reuse.agreement(Some(&w.reuser_publisher), id).await.unwrap();
    assert_eq!(view.version, 3);
    assert_eq!(view.terms.notice_months, Some(6), "the provider's save stands");
    assert!(view.actions[0].edit_terms);
    // Having seen it, the reuser saves on the version shown now.
    assert_eq!(
        w.reuse
            .edit_terms(&w.reuser_publisher, None, id, r, 3, reuser_terms.clone())
            .await,
        Ok(Edited::Saved(vec!["legal_basis", "support", "notice_months"]))
    );
    assert_eq!(
        w.reuse
            .edit_terms(&w.reuser_publisher, None, id, r, 4, reuser_terms)
            .await,
        Ok(Edited::Unchanged)
    );
    let view = w.reuse.agreement(None, id).await.unwrap();
    assert_eq!(view.version, 4, "an unchanged save adds no version");
    let edits: Vec<(&str, Vec<String>)> = view
        .history
        .iter()
        .filter(|h| h.action == "edit")
        .map(|h| (h.acting_for.as_deref().unwrap(), h.changed_fields.clone()))
        .collect();
    assert_eq!(edits.len(), 2);
    assert_eq!(edits[1].0, "Gemeinde husum");
    // What each edit changed, before and after, as the history keeps it.
    let changes = sql::value::<serde_json::Value>(
        &w.db,
        "SELECT changes AS value FROM agreement_history WHERE agreement_id = $1 AND action = 'edit' ORDER BY id DESC LIMIT 1",
        [id.into()],
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(
        changes,
        serde_json::json!({"legal_basis": ["", "gwb_108_6"], "notice_months": ["6", "12"], "support": ["Zweite Ebene werktags von 8 bis 16 Uhr", ""]})
    );
    // Proposed terms are closed to edits until someone asks for changes.
    w.step(&w.provider_publisher, id, p, Action::ProposeTerms, 4)
        .await
        .unwrap();
    assert_eq!(
        w.reuse
            .edit_terms(
                &w.provider_publisher,
                None,
                id,
                p,
                5,
                terms(&[("kind", "licence_only")])
            )
            .await,
        Err(AppError::Conflict("reuse.refusal.wrong_state".into()))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cost_blocks_split_to_the_cent_and_only_the_parties_see_them() {
    let w = world().await;
    let id = w
        .reuse
        .request_reuse(&w.reuser_publisher, None, w.request(w.reuser))
        .await
        .unwrap();
    let (p, r) = (w.provider, w.reuser);
    w.step(&w.provider_publisher, id, p, Action::Accept, 1).await.unwrap();
    let form = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
                .unwrap_or_default()
        }
    };
    // One euro among two parties, equal shares: 50 cents each.
    w.reuse
        .add_cost_block(
            &w.provider_publisher,
            None,
            id,
            p,
            2,
            form(&[
                ("kind", "operation"),
                ("period", "2027"),
                ("amount", "0,01"),
                ("split", "equal_all"),
            ]),
        )
        .await
        .unwrap();
    // The IT-Planungsrat's key: half to the one reuser, a quarter to the
    // federation, a quarter among all sixteen Länder by Königstein.
    w.reuse
        .add_cost_block(
            &w.reuser_publisher,
            None,
            id,
            r,
            3,
            form(&[
                ("kind", "initial_development"),
                ("period", "2027–2028"),
                ("amount", "1.000.000,01"),
                ("split", "it_planungsrat"),
            ]),
        )
        .await
        .unwrap();
    let view = w.reuse.agreement(Some(&w.reuser_member), id).await.unwrap();
    let costs = view.costs.expect("a member of a party sees the costs");
    assert_eq!(costs.len(), 2);
    for block in &costs {
        assert_eq!(
            block.shares.iter().map(|s| s.cents).sum::<i64>(),
            block.amount_cents,
            "{block:?}"
        );
    }
    let mut cents: Vec<i64> = costs[0].shares.iter().map(|s| s.cents).collect();
    cents.sort();
    assert_eq!(cents, [0, 1], "the odd cent goes to one party");
    let it_plr = &costs[1];
    assert_eq!(it_plr.year, Some(2019));
    assert_eq!(it_plr.shares.len(), 18, "the reuser, the federation, sixteen Länder");
    let federation = it_plr.shares.iter().find(|s| s.payer == PayerView::Federation).unwrap();
    assert_eq!(federation.cents, 25_000_000);
    // Strangers see no costs; nor does anyone on the public list.
    assert_eq!(w.reuse.agreement(Some(&w.outsider), id).await.unwrap().costs, None);
    assert_eq!(w.reuse.agreement(None, id).await.unwrap().costs, None);
    assert!(w
        .reuse
        .agreement(Some(&w.site_admin), id)
        .await
        .unwrap()
        .costs
        .is_some());

    // A bad form changes nothing; nor does a key the parties cannot use.
    let version = w.reuse.agreement(None, id).await.unwrap().version;
    let refused = w
        .reuse
        .add_cost_block(
            &w.provider_publisher,
            None,
            id,
            p,
            version,
            form(&[
                ("kind", "operation"),
                ("period", "2028"),
                ("amount", "100"),
                ("split", "fixed"),
            ]),
        )
        .await;
    assert_eq!(
        refused,
        Err(AppError::Invalid(vec![FieldError::new(
            "split",
            "reuse.costs.error.not_hundred"
        )]))
    );
    assert_eq!(
        w.reuse
            .add_cost_block(&w.outsider, None, id, p, version, form(&[("kind", "operation")]))
            .await,
        Err(AppError::Forbidden)
    );
    // Removing a block is a change like any other: its version, its history row.
    let block = allmende_server::kernel::CostBlockId::parse(&costs[0].id).unwrap();
    assert_eq!(
        w.reuse
            .remove_cost_block(&w.provider_publisher, None, id, p, version - 1, block)
            .await,
        Err(AppError::Conflict("reuse.error.changed_meanwhile".into()))
    );
    w.reuse
        .remove_cost_block(&w.provider_publisher, None, id, p, version, block)
        .await
        .unwrap();
    let view = w.reuse.agreement(Some(&w.provider_owner), id).await.unwrap();
    assert_eq!(view.costs.unwrap().len(), 1);
    let costs_edits = view.history.iter().filter(|h| h.changed_fields == ["costs"]).count();
    assert_eq!(costs_edits, 3);
}
