//! Working groups and their discussions: the closed sets and the rules
//! (pure, shared by server and pages), the DTOs, and the pages.

pub mod directory_page;
pub mod dto;
pub mod group_page;
pub mod model;
pub mod modlog_page;
pub mod new_group_page;
pub mod new_thread_page;
pub mod post_moderation_pages;
pub mod query;
pub mod rules;
pub mod software_section;
pub mod thread_page;
pub mod versions_page;

#[cfg(test)]
mod tests {
    use crate::i18n::{message, Locale};

    /// The labels come from `code_set!` (`prefix.<code>`), which the
    /// catalog test's scan for key literals cannot see.
    #[test]
    fn every_label_is_in_both_catalogs() {
        use super::model::{FlagReason, GroupRole, Joining, ModAction, Topic, Visibility};
        use super::rules::Refusal;
        let keys = Visibility::ALL
            .iter()
            .map(|v| v.label_key())
            .chain(Joining::ALL.iter().map(|j| j.label_key()))
            .chain(GroupRole::ALL.iter().map(|r| r.label_key()))
            .chain(Topic::ALL.iter().map(|t| t.label_key()))
            .chain(FlagReason::ALL.iter().map(|r| r.label_key()))
            .chain(ModAction::ALL.iter().map(|a| a.label_key()))
            .chain(
                [
                    Refusal::SignInFirst,
                    Refusal::NotAMember,
                    Refusal::NeedsModerator,
                    Refusal::NeedsChair,
                    Refusal::AlreadyMember,
                    Refusal::InvitationOnly,
                    Refusal::Locked,
                ]
                .map(Refusal::message_key),
            );
        for key in keys {
            for locale in [Locale::De, Locale::En] {
                assert_ne!(message(locale, key), key, "{key} missing in {locale:?}");
            }
        }
    }
}
