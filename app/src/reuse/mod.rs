//! Reuse (Nachnutzung) between administrations: the agreement's status
//! machine and cost sharing, pure and shared by server and pages.

pub mod costs;
pub mod keys;
pub mod workflow;
