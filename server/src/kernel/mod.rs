//! What every domain shares, so that a domain writes only its own rules:
//! typed IDs (`ids`) and closed sets of codes (`closed_set!`), who acts and
//! what they may do (`actor`, `permissions`), the one path for a change
//! (`change`) with its audit events (`audit`), the error policy
//! (`db_error`), and the job queue for what a change asks to happen after
//! it commits (`jobs`, `workers`).

pub mod actor;
pub mod audit;
mod change;
mod closed_set;
mod db_error;
pub mod ids;
pub mod jobs;
pub mod permissions;
pub mod workers;

pub use actor::{Actor, Membership};
pub use audit::{AuditAction, Event};
pub use change::{Permission, Tx, Who};
pub use db_error::{internal, map_db_error};
pub use ids::{
    AgreementId, CostBlockId, DeclarationId, DocumentId, FlagId, GroupId, ModLogId, NotificationId, OrganisationId,
    PostId, RepositoryId, SoftwareId, ThreadId, UserId,
};
pub use permissions::{OrgPermission, Scope};
