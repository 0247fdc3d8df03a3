//! What the list of agreements (`/nachnutzung`) is asked for; every field
//! comes from the URL, so that every state of the page can be shared.

use super::terms::AgreementKind;
use super::workflow::AgreementStatus;
use crate::directory::dto::land_name;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementQuery {
    pub status: Option<AgreementStatus>,
    pub kind: Option<AgreementKind>,
    /// A party sits in this Land (ISO 3166-2 code).
    pub land: Option<String>,
    /// 1-based.
    pub page: u32,
}

impl AgreementQuery {
    pub const PAGE_SIZE: u32 = 25;

    /// Reads the parameters, dropping what is not valid: an unknown status
    /// filters nothing rather than failing the page.
    pub fn from_params(
        status: Option<String>,
        kind: Option<String>,
        land: Option<String>,
        page: Option<String>,
    ) -> Self {
        AgreementQuery {
            status: status.as_deref().and_then(AgreementStatus::from_code),
            kind: kind.as_deref().and_then(AgreementKind::from_code),
            land: land.filter(|l| land_name(l).is_some()),
            page: page
                .and_then(|p| p.parse().ok())
                .filter(|p| (1..=10_000).contains(p))
                .unwrap_or(1),
        }
    }

    /// The query string of this query on another page (codes only, nothing
    /// to encode).
    pub fn to_query_string(&self, page: u32) -> String {
        let pairs: Vec<String> = [
            self.status.map(|s| format!("stand={}", s.code())),
            self.kind.map(|k| format!("art={}", k.code())),
            self.land.as_ref().map(|l| format!("land={l}")),
            (page > 1).then(|| format!("seite={page}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }

    /// The same filters with another status (or none): the status tabs.
    pub fn with_status(&self, status: Option<AgreementStatus>) -> Self {
        AgreementQuery {
            status,
            page: 1,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_parameters_filter_nothing_and_valid_ones_round_trip() {
        let query = AgreementQuery::from_params(
            Some("active".into()),
            Some("bogus".into()),
            Some("DE-XX".into()),
            Some("0".into()),
        );
        assert_eq!(
            query,
            AgreementQuery {
                status: Some(AgreementStatus::Active),
                page: 1,
                ..Default::default()
            }
        );
        let query = AgreementQuery::from_params(
            Some("coordination".into()),
            Some("fit_store".into()),
            Some("DE-SH".into()),
            Some("3".into()),
        );
        assert_eq!(
            query.to_query_string(2),
            "?stand=coordination&art=fit_store&land=DE-SH&seite=2"
        );
        assert_eq!(query.to_query_string(1), "?stand=coordination&art=fit_store&land=DE-SH");
        assert_eq!(query.with_status(None).to_query_string(1), "?art=fit_store&land=DE-SH");
        assert_eq!(AgreementQuery::default().to_query_string(1), "");
    }
}
