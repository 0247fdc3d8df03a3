//! What the directory of groups (`/arbeitsgruppen`) is asked for; every
//! field comes from the URL, so that every view can be shared.

use super::model::Topic;
use crate::catalog::dto::encode;
use crate::directory::dto::land_name;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupQuery {
    /// Words in the name or the summary.
    pub text: Option<String>,
    pub topic: Option<Topic>,
    /// ISO 3166-2 code of the Land the group works in.
    pub land: Option<String>,
    /// The slug of the catalog entry the group is about.
    pub software: Option<String>,
    /// 1-based.
    pub page: u32,
}

impl GroupQuery {
    pub const PAGE_SIZE: u32 = 20;

    /// Reads the parameters, dropping what is not valid: an unknown topic
    /// filters nothing rather than failing the page.
    pub fn from_params(
        text: Option<String>,
        topic: Option<String>,
        land: Option<String>,
        software: Option<String>,
        page: Option<String>,
    ) -> Self {
        GroupQuery {
            text: text
                .map(|t| t.trim().chars().take(200).collect::<String>())
                .filter(|t| !t.is_empty()),
            topic: topic.as_deref().and_then(Topic::from_code),
            land: land.filter(|l| land_name(l).is_some()),
            software: software.filter(|s| !s.is_empty() && s.len() <= 100),
            page: page
                .and_then(|p| p.parse().ok())
                .filter(|p| (1..=10_000).contains(p))
                .unwrap_or(1),
        }
    }

    pub fn to_query_string(&self, page: u32) -> String {
        let pairs: Vec<String> = [
            self.text.as_ref().map(|t| format!("q={}", encode(t))),
            self.topic.map(|t| format!("thema={}", t.code())),
            self.land.as_ref().map(|l| format!("land={l}")),
            self.software.as_ref().map(|s| format!("software={}", encode(s))),
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_parameters_filter_nothing_and_valid_ones_round_trip() {
        let query = GroupQuery::from_params(
            Some("  ".into()),
            Some("bogus".into()),
            Some("DE-XX".into()),
            None,
            Some("0".into()),
        );
        assert_eq!(
            query,
            GroupQuery {
                page: 1,
                ..Default::default()
            }
        );
        let query = GroupQuery::from_params(
            Some("KI & Recht".into()),
            Some("ai".into()),
            Some("DE-SH".into()),
            Some("osiris".into()),
            Some("2".into()),
        );
        assert_eq!(
            query.to_query_string(3),
            "?q=KI%20%26%20Recht&thema=ai&land=DE-SH&software=osiris&seite=3"
        );
        assert_eq!(GroupQuery::default().to_query_string(1), "");
    }
}
