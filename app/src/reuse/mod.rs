//! Reuse (Nachnutzung) between administrations: the agreement's status
//! machine, its terms and cost sharing, pure and shared by server and pages.

pub mod agreement_page;
pub mod cost_blocks;
pub mod costs;
pub mod costs_section;
pub mod documents;
pub mod documents_section;
pub mod dto;
pub mod entry_section;
pub mod graph;
pub mod keys;
pub mod list_page;
pub mod parties_section;
pub mod query;
pub mod report;
pub mod report_view;
pub mod reports_page;
pub mod request_page;
pub mod terms;
pub mod terms_form;
pub mod terms_page;
pub mod usage;
pub mod usage_page;
pub mod usage_section;
pub mod workflow;

#[cfg(test)]
mod tests {
    use crate::i18n::{message, Locale};

    /// The labels come from `code_set!` (`prefix.<code>`), which the
    /// catalog test's scan for key literals cannot see.
    #[test]
    fn every_label_is_in_both_catalogs() {
        use super::cost_blocks::{BlockKind, SplitChoice};
        use super::documents::DocumentType;
        use super::terms::{AgreementKind, LegalBasis};
        use super::workflow::{Action, AgreementStatus, PartyRole};
        let keys = AgreementStatus::ALL
            .iter()
            .map(|s| s.label_key())
            .chain(PartyRole::ALL.iter().map(|p| p.label_key()))
            .chain(Action::ALL.iter().map(|a| a.label_key()))
            .chain(AgreementKind::ALL.iter().map(|k| k.label_key()))
            .chain(LegalBasis::ALL.iter().map(|b| b.label_key()))
            .chain(BlockKind::ALL.iter().map(|k| k.label_key()))
            .chain(SplitChoice::ALL.iter().map(|c| c.label_key()))
            .chain(DocumentType::ALL.iter().map(|t| t.label_key()));
        for key in keys {
            for locale in [Locale::De, Locale::En] {
                assert_ne!(message(locale, key), key, "{key} missing in {locale:?}");
            }
        }
    }
}
