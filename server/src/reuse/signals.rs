//! Reuse as a catalog signal: each entry keeps how many administrations
//! use it and which kinds of use it has (`software.reuse_count`,
//! `software.reuse_signals`), so that the search can filter on "in use" and
//! "agreement in force" through the facet tokens and rank by use without
//! joining the reuse tables per query. Every change that can move them
//! refreshes them in its own transaction; the scheduler takes back the
//! ones of declarations that lapsed.

use crate::db::sql;
use crate::kernel::SoftwareId;
use app::error::AppError;
use app::reuse::workflow::AgreementStatus;
use sea_orm::ConnectionTrait;

/// Recounts the entries `software`; writes only those that changed.
/// SQL: one aggregate over two tables, counting each organisation once.
pub async fn refresh(c: &impl ConnectionTrait, software: &[SoftwareId]) -> Result<u64, AppError> {
    if software.is_empty() {
        return Ok(0);
    }
    let ids: Vec<uuid::Uuid> = software.iter().map(|s| s.uuid()).collect();
    let in_force: Vec<String> = AgreementStatus::ALL
        .iter()
        .filter(|s| s.is_in_force())
        .map(|s| s.code().to_owned())
        .collect();
    sql::exec(
        c,
        "WITH uses AS ( \
             SELECT d.software_id, d.organisation_id, 'used' AS signal \
               FROM usage_declarations d JOIN organisations o ON o.id = d.organisation_id \
              WHERE d.software_id = ANY($1) AND o.verified AND d.expires_at > now() \
             UNION ALL \
             SELECT a.software_id, p.organisation_id, 'agreement' \
               FROM reuse_agreements a JOIN agreement_parties p ON p.agreement_id = a.id \
              WHERE a.software_id = ANY($1) AND a.status = ANY($2) AND p.role = 'reuser'), \
         per AS ( \
             SELECT s.id, count(DISTINCT u.organisation_id)::integer AS n, \
                    coalesce(array_agg(DISTINCT u.signal) FILTER (WHERE u.signal IS NOT NULL), '{}') AS signals \
               FROM software s LEFT JOIN uses u ON u.software_id = s.id \
              WHERE s.id = ANY($1) GROUP BY s.id) \
         UPDATE software s SET reuse_count = per.n, reuse_signals = per.signals FROM per \
          WHERE s.id = per.id AND (s.reuse_count, s.reuse_signals) IS DISTINCT FROM (per.n, per.signals)",
        [ids.into(), in_force.into()],
    )
    .await
}

/// The entries of an organisation's declarations and agreements (after
/// it was verified or unverified).
pub async fn refresh_organisation(
    c: &impl ConnectionTrait,
    organisation: crate::kernel::OrganisationId,
) -> Result<u64, AppError> {
    let software = sql::values::<SoftwareId>(
        c,
        "SELECT software_id AS value FROM usage_declarations WHERE organisation_id = $1 \
         UNION SELECT a.software_id FROM reuse_agreements a JOIN agreement_parties p ON p.agreement_id = a.id \
          WHERE p.organisation_id = $1",
        [organisation.into()],
    )
    .await?;
    refresh(c, &software).await
}

/// The entries whose declarations lapsed within the last day (the
/// scheduler's tick is far shorter, so none is missed while it runs).
pub async fn refresh_lapsed(c: &impl ConnectionTrait) -> Result<u64, AppError> {
    let software = sql::values::<SoftwareId>(
        c,
        "SELECT DISTINCT software_id AS value FROM usage_declarations \
          WHERE expires_at <= now() AND expires_at > now() - interval '1 day'",
        [],
    )
    .await?;
    refresh(c, &software).await
}

/// Every entry (the seed, after its demo agreements and declarations).
pub async fn refresh_all(c: &impl ConnectionTrait) -> Result<u64, AppError> {
    let software = sql::values::<SoftwareId>(c, "SELECT id AS value FROM software", []).await?;
    refresh(c, &software).await
}
