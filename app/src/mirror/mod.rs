//! Mirrored repositories as pages show them: the activity chart, the health
//! panel, the repository panel of a software page, the organisation's
//! repository list and the operator's queue.

pub mod api;
mod chart;
pub mod dto;
pub mod format;
mod health_panel;
pub mod panel;
pub mod queue_page;
pub mod repositories_page;
pub mod status;
