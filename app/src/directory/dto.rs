use serde::{Deserialize, Serialize};

/// The kinds of administration the platform knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrganisationKind {
    Bund,
    Land,
    Kreis,
    Gemeinde,
    Zweckverband,
    ItDienstleister,
    Hochschule,
    Other,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 8] = [
        OrganisationKind::Bund,
        OrganisationKind::Land,
        OrganisationKind::Kreis,
        OrganisationKind::Gemeinde,
        OrganisationKind::Zweckverband,
        OrganisationKind::ItDienstleister,
        OrganisationKind::Hochschule,
        OrganisationKind::Other,
    ];

    /// The value stored in the database and used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            OrganisationKind::Bund => "bund",
            OrganisationKind::Land => "land",
            OrganisationKind::Kreis => "kreis",
            OrganisationKind::Gemeinde => "gemeinde",
            OrganisationKind::Zweckverband => "zweckverband",
            OrganisationKind::ItDienstleister => "it_dienstleister",
            OrganisationKind::Hochschule => "hochschule",
            OrganisationKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<OrganisationKind> {
        OrganisationKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            OrganisationKind::Bund => "directory.kind.bund",
            OrganisationKind::Land => "directory.kind.land",
            OrganisationKind::Kreis => "directory.kind.kreis",
            OrganisationKind::Gemeinde => "directory.kind.gemeinde",
            OrganisationKind::Zweckverband => "directory.kind.zweckverband",
            OrganisationKind::ItDienstleister => "directory.kind.it_dienstleister",
            OrganisationKind::Hochschule => "directory.kind.hochschule",
            OrganisationKind::Other => "directory.kind.other",
        }
    }
}

/// The 16 Länder by ISO 3166-2 code, with their short German names.
pub const LAENDER: [(&str, &str); 16] = [
    ("DE-BW", "Baden-Württemberg"),
    ("DE-BY", "Bayern"),
    ("DE-BE", "Berlin"),
    ("DE-BB", "Brandenburg"),
    ("DE-HB", "Bremen"),
    ("DE-HH", "Hamburg"),
    ("DE-HE", "Hessen"),
    ("DE-MV", "Mecklenburg-Vorpommern"),
    ("DE-NI", "Niedersachsen"),
    ("DE-NW", "Nordrhein-Westfalen"),
    ("DE-RP", "Rheinland-Pfalz"),
    ("DE-SL", "Saarland"),
    ("DE-SN", "Sachsen"),
    ("DE-ST", "Sachsen-Anhalt"),
    ("DE-SH", "Schleswig-Holstein"),
    ("DE-TH", "Thüringen"),
];

pub fn land_name(code: &str) -> Option<&'static str> {
    LAENDER.iter().find(|(c, _)| *c == code).map(|(_, name)| *name)
}

/// What the directory is asked for; every field comes from the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    pub text: Option<String>,
    pub land: Option<String>,
    pub kind: Option<OrganisationKind>,
    /// 1-based.
    pub page: u32,
}

impl DirectoryQuery {
    pub const PAGE_SIZE: u32 = 25;
    pub const MAX_TEXT: usize = 100;

    /// Reads the query parameters, dropping what is not valid (an unknown
    /// Land or kind filters nothing rather than failing the page).
    pub fn from_params(
        text: Option<String>,
        land: Option<String>,
        kind: Option<String>,
        page: Option<String>,
    ) -> DirectoryQuery {
        let text = text
            .map(|t| t.trim().chars().take(Self::MAX_TEXT).collect::<String>())
            .filter(|t| !t.is_empty());
        let land = land.filter(|l| land_name(l).is_some());
        let kind = kind.as_deref().and_then(OrganisationKind::from_code);
        let page = page
            .and_then(|p| p.parse().ok())
            .filter(|p| *p >= 1 && *p <= 10_000)
            .unwrap_or(1);
        DirectoryQuery { text, land, kind, page }
    }

    /// The query string for this query on another page.
    pub fn to_query_string(&self, page: u32) -> String {
        let mut pairs = Vec::new();
        if let Some(text) = &self.text {
            pairs.push(format!("q={}", encode(text)));
        }
        if let Some(land) = &self.land {
            pairs.push(format!("land={land}"));
        }
        if let Some(kind) = self.kind {
            pairs.push(format!("art={}", kind.code()));
        }
        if page > 1 {
            pairs.push(format!("seite={page}"));
        }
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }
}

/// Percent-encodes a query value (everything but unreserved characters).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationSummary {
    pub slug: String,
    pub name: String,
    pub short_name: Option<String>,
    pub kind: OrganisationKind,
    pub land: Option<String>,
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPageData {
    pub items: Vec<OrganisationSummary>,
    pub total: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDetail {
    pub summary: OrganisationSummary,
    /// The other language's name, when the organisation has one.
    pub name_other: Option<String>,
    pub parent: Option<OrganisationSummary>,
    pub children: Vec<OrganisationSummary>,
    pub ars: Option<String>,
    pub leitweg_id: Option<String>,
    pub uri: Option<String>,
    pub website: Option<String>,
    pub contact_email: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_validated() {
        let q = DirectoryQuery::from_params(
            Some("  Kiel ".into()),
            Some("DE-XX".into()),
            Some("gemeinde".into()),
            Some("0".into()),
        );
        assert_eq!(
            q,
            DirectoryQuery {
                text: Some("Kiel".into()),
                land: None,
                kind: Some(OrganisationKind::Gemeinde),
                page: 1
            }
        );
        let long = "x".repeat(500);
        assert_eq!(
            DirectoryQuery::from_params(Some(long), None, None, None)
                .text
                .unwrap()
                .len(),
            DirectoryQuery::MAX_TEXT
        );
    }

    #[test]
    fn query_strings_round_trip() {
        let q = DirectoryQuery {
            text: Some("Lübeck & Co".into()),
            land: Some("DE-SH".into()),
            kind: None,
            page: 1,
        };
        assert_eq!(q.to_query_string(2), "?q=L%C3%BCbeck%20%26%20Co&land=DE-SH&seite=2");
        assert_eq!(DirectoryQuery::default().to_query_string(1), "");
    }
}
