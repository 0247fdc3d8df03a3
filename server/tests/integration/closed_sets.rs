//! Closed sets of codes: each Rust enum against its column's `CHECK`.

/// Every closed set in the code allows exactly what its column's CHECK
/// allows: adding a variant without a migration (or the other way round)
/// fails here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_closed_set_matches_its_check_constraint() {
    use allmende_server::catalog::ImportOutcome;
    use allmende_server::kernel::{AuditAction, Scope};
    use allmende_server::notifications::{Delivery, NoticeKind};
    let test_db = crate::support::TestDb::new().await;
    let db = test_db.connect().await;
    let check = async |name: &str| -> Vec<String> {
        let definition: String = allmende_server::db::sql::value(
            &db,
            "SELECT pg_get_constraintdef(oid) AS value FROM pg_constraint WHERE conname = $1",
            [name.into()],
        )
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no constraint {name}"));
        let mut codes: Vec<String> = definition.split('\'').skip(1).step_by(2).map(str::to_owned).collect();
        codes.sort();
        codes
    };
    fn sorted(codes: impl IntoIterator<Item = &'static str>) -> Vec<String> {
        let mut codes: Vec<String> = codes.into_iter().map(str::to_owned).collect();
        codes.sort();
        codes
    }
    let kinds = || NoticeKind::ALL.iter().map(|k| k.code());
    assert_eq!(
        check("audit_events_action_check").await,
        sorted(AuditAction::ALL.iter().map(|a| a.code()))
    );
    assert_eq!(
        check("api_tokens_scopes_known").await,
        sorted(Scope::ALL.iter().map(|s| s.code()))
    );
    assert_eq!(check("notifications_kind_check").await, sorted(kinds()));
    assert_eq!(check("notification_settings_kind_check").await, sorted(kinds()));
    assert_eq!(
        check("unsubscribe_keys_scope_check").await,
        sorted(kinds().chain(["digest"]))
    );
    assert_eq!(
        check("notification_settings_delivery_check").await,
        sorted(Delivery::ALL.iter().map(|d| d.code()))
    );
    assert_eq!(
        check("software_imports_outcome_check").await,
        sorted(ImportOutcome::ALL.iter().map(|o| o.code()))
    );
    assert_eq!(
        check("memberships_role_check").await,
        sorted(app::accounts::dto::Role::ALL.iter().map(|r| r.code()))
    );
    assert_eq!(
        check("jobs_kind_check").await,
        sorted(allmende_server::kernel::jobs::KINDS)
    );
    use app::reuse::terms::{AgreementKind, LegalBasis};
    use app::reuse::workflow::{Action, AgreementStatus, PartyRole};
    assert_eq!(
        check("reuse_agreements_status_check").await,
        sorted(AgreementStatus::ALL.iter().map(|s| s.code()))
    );
    assert_eq!(
        check("reuse_agreements_kind_check").await,
        sorted(AgreementKind::ALL.iter().map(|k| k.code()))
    );
    assert_eq!(
        check("reuse_agreements_legal_basis_check").await,
        sorted(LegalBasis::ALL.iter().map(|b| b.code()))
    );
    assert_eq!(
        check("agreement_parties_role_check").await,
        sorted(PartyRole::ALL.iter().map(|r| r.code()))
    );
    assert_eq!(
        check("agreement_history_action_check").await,
        sorted(Action::ALL.iter().map(|a| a.code()).chain(["open", "edit"]))
    );
    assert_eq!(
        check("agreement_cost_blocks_kind_check").await,
        sorted(app::reuse::cost_blocks::BlockKind::ALL.iter().map(|k| k.code()))
    );
    assert_eq!(
        check("repositories_status_check").await,
        sorted(app::mirror::status::RepositoryStatus::ALL.iter().map(|s| s.code()))
    );
    use app::groups::model::{GroupRole, Joining, Topic, Visibility};
    assert_eq!(
        check("working_groups_visibility_check").await,
        sorted(Visibility::ALL.iter().map(|v| v.code()))
    );
    assert_eq!(
        check("working_groups_joining_check").await,
        sorted(Joining::ALL.iter().map(|j| j.code()))
    );
    assert_eq!(
        check("working_groups_topics_check").await,
        sorted(Topic::ALL.iter().map(|t| t.code()))
    );
    assert_eq!(
        check("group_members_role_check").await,
        sorted(GroupRole::ALL.iter().map(|r| r.code()))
    );
}
