//! What catalog pages and the API exchange with the server.

use serde::{Deserialize, Serialize};

use super::publiccode::{IssueJson, PublicCode};

/// The facets of the catalog search: their names in page URLs (German) and
/// in the API (the publiccode.yml key they come from).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Facet {
    Category,
    DevelopmentStatus,
    SoftwareType,
    License,
    Platform,
    Organisation,
    Land,
    Language,
    Scope,
    MaintenanceType,
    Standard,
    /// In use by verified administrations, or reused under an agreement
    /// in force (`used`, `agreement`).
    Reuse,
}

impl Facet {
    pub const ALL: [Facet; 12] = [
        Facet::Category,
        Facet::DevelopmentStatus,
        Facet::SoftwareType,
        Facet::License,
        Facet::Platform,
        Facet::Organisation,
        Facet::Land,
        Facet::Language,
        Facet::Scope,
        Facet::MaintenanceType,
        Facet::Standard,
        Facet::Reuse,
    ];

    pub fn page_param(self) -> &'static str {
        match self {
            Facet::Category => "kategorie",
            Facet::DevelopmentStatus => "status",
            Facet::SoftwareType => "typ",
            Facet::License => "lizenz",
            Facet::Platform => "plattform",
            Facet::Organisation => "verwaltung",
            Facet::Land => "land",
            Facet::Language => "sprache",
            Facet::Scope => "bereich",
            Facet::MaintenanceType => "wartung",
            Facet::Standard => "standard",
            Facet::Reuse => "nachnutzung",
        }
    }

    pub fn api_param(self) -> &'static str {
        match self {
            Facet::Category => "category",
            Facet::DevelopmentStatus => "developmentStatus",
            Facet::SoftwareType => "softwareType",
            Facet::License => "license",
            Facet::Platform => "platform",
            Facet::Organisation => "organisation",
            Facet::Land => "land",
            Facet::Language => "language",
            Facet::Scope => "scope",
            Facet::MaintenanceType => "maintenanceType",
            Facet::Standard => "standard",
            Facet::Reuse => "reuse",
        }
    }

    pub fn from_api_param(name: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.api_param() == name)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Facet::Category => "catalog.facet.category",
            Facet::DevelopmentStatus => "catalog.facet.status",
            Facet::SoftwareType => "catalog.facet.type",
            Facet::License => "catalog.facet.license",
            Facet::Platform => "catalog.facet.platform",
            Facet::Organisation => "catalog.facet.organisation",
            Facet::Land => "catalog.facet.land",
            Facet::Language => "catalog.facet.language",
            Facet::Scope => "catalog.facet.scope",
            Facet::MaintenanceType => "catalog.facet.maintenance",
            Facet::Standard => "catalog.facet.standard",
            Facet::Reuse => "catalog.facet.reuse",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Relevance,
    Name,
    Updated,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Relevance, Sort::Name, Sort::Updated];

    pub fn page_param(self) -> &'static str {
        match self {
            Sort::Relevance => "relevanz",
            Sort::Name => "name",
            Sort::Updated => "aktualisiert",
        }
    }

    pub fn api_param(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Name => "name",
            Sort::Updated => "updated",
        }
    }

    pub fn parse(value: &str) -> Option<Sort> {
        Sort::ALL
            .into_iter()
            .find(|s| s.page_param() == value || s.api_param() == value)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Sort::Relevance => "catalog.sort.relevance",
            Sort::Name => "catalog.sort.name",
            Sort::Updated => "catalog.sort.updated",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchQuery {
    pub text: Option<String>,
    /// Values within a facet are alternatives (OR); facets combine with AND.
    pub filters: Vec<(Facet, String)>,
    pub sort: Sort,
    /// Opaque position after the last item of the previous page.
    pub cursor: Option<String>,
    pub limit: u32,
}

impl SearchQuery {
    pub const PAGE_SIZE: u32 = 20;
    pub const MAX_LIMIT: u32 = 100;
    pub const MAX_TEXT: usize = 200;
    pub const MAX_FILTERS: usize = 40;

    /// Builds a query from URL parameters (`page` names or `api` names),
    /// dropping what cannot be meant: unknown names, empty and overlong
    /// values. Relevance without a text falls back to recently updated.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>, api: bool) -> SearchQuery {
        let mut query = SearchQuery {
            limit: Self::PAGE_SIZE,
            ..Default::default()
        };
        let mut sort = None;
        for (name, value) in pairs {
            let value = value.trim();
            if value.is_empty() || value.len() > Self::MAX_TEXT {
                continue;
            }
            match name {
                "q" => query.text = Some(value.to_string()),
                "sortierung" | "sort" => sort = Sort::parse(value),
                "nach" | "cursor" => query.cursor = Some(value.to_string()),
                "limit" => {
                    if let Ok(n) = value.parse::<u32>() {
                        query.limit = n.clamp(1, Self::MAX_LIMIT);
                    }
                }
                _ => {
                    let facet = Facet::ALL.into_iter().find(|f| {
                        if api {
                            f.api_param() == name
                        } else {
                            f.page_param() == name
                        }
                    });
                    if let Some(facet) = facet {
                        if query.filters.len() < Self::MAX_FILTERS
                            && !query.filters.iter().any(|(f, v)| *f == facet && v == value)
                        {
                            query.filters.push((facet, value.to_string()));
                        }
                    }
                }
            }
        }
        query.sort = match sort {
            Some(s) => s,
            None if query.text.is_some() => Sort::Relevance,
            None => Sort::Updated,
        };
        // Relevance without a query is use by other administrations: the
        // most used first (the rank is the reuse signal alone then).
        query
    }

    pub fn values(&self, facet: Facet) -> Vec<&str> {
        self.filters
            .iter()
            .filter(|(f, _)| *f == facet)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The page URL of this query (German parameter names), without cursor.
    pub fn page_url(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if let Some(text) = &self.text {
            pairs.push(("q", text));
        }
        for (facet, value) in &self.filters {
            pairs.push((facet.page_param(), value));
        }
        if self.sort != Sort::Relevance || self.text.is_none() {
            pairs.push(("sortierung", self.sort.page_param()));
        }
        let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        if query.is_empty() {
            "/software".into()
        } else {
            format!("/software?{}", query.join("&"))
        }
    }

    /// This query with one filter added or removed.
    pub fn toggled(&self, facet: Facet, value: &str) -> SearchQuery {
        let mut next = self.clone();
        next.cursor = None;
        if let Some(i) = next.filters.iter().position(|(f, v)| *f == facet && v == value) {
            next.filters.remove(i);
        } else {
            next.filters.push((facet, value.to_string()));
        }
        next
    }
}

/// Percent-encoding for query values (RFC 3986 unreserved characters kept).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetValue {
    pub value: String,
    /// A readable name where the value is a code (organisations, Länder).
    pub label: Option<String>,
    pub count: u64,
    pub selected: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetCounts {
    pub facet: Facet,
    pub values: Vec<FacetValue>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SoftwareSummary {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub organisation_slug: String,
    pub organisation_name: String,
    pub development_status: String,
    pub software_type: String,
    pub license: String,
    pub categories: Vec<String>,
    pub url: String,
    pub active: bool,
    /// RFC 3339.
    pub updated_at: String,
    /// Administrations that use it (verified declarations and reusers of
    /// agreements in force).
    pub reuse_count: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub total: u64,
    pub items: Vec<SoftwareSummary>,
    pub facets: Vec<FacetCounts>,
    pub next_cursor: Option<String>,
    /// A corrected query when a word matched nothing ("did you mean").
    pub suggestion: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SoftwareLink {
    pub slug: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportRecord {
    pub at: String,
    pub source: String,
    pub outcome: String,
    pub by: Option<String>,
    pub errors: u32,
    pub warnings: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SoftwareDetail {
    pub summary: SoftwareSummary,
    pub document: PublicCode,
    pub organisation_land: Option<String>,
    pub origin: Vec<SoftwareLink>,
    pub variants: Vec<SoftwareLink>,
    /// Only for people who may publish for the organisation.
    pub maintainer: Option<MaintainerView>,
    pub created_at: String,
    /// The mirrored repository, whose files resolve relative logo and
    /// screenshot paths.
    pub repository_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MaintainerView {
    pub raw: String,
    pub issues: Vec<IssueJson>,
    pub imports: Vec<ImportRecord>,
}

/// An organisation the viewer may publish for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishTarget {
    pub slug: String,
    pub name: String,
}

/// What the server hands back to the publish page after a POST that did not
/// end in a new or updated entry: the text as sent and what was found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishAttempt {
    pub organisation: String,
    pub text: String,
    pub issues: Vec<IssueJson>,
    /// Why a valid file was not published (organisation, fork).
    pub refusal: Option<String>,
    /// "Check only" was pressed.
    pub checked_only: bool,
    /// An invalid file deactivated this entry.
    pub deactivated: Option<String>,
}
