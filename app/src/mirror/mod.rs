//! Mirrored repositories as pages show them: the activity chart, the health
//! panel, the repository panel of a software page, the organisation's
//! repository list and the operator's queue.

pub mod api;
pub mod dto;
