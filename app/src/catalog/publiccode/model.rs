//! The normalised form of a valid publiccode.yml: what the catalog stores as
//! its projection, searches and shows. Older spellings are mapped onto the
//! current ones here (`organizationUri` → `organisation.uri`, a single
//! platform string → a list), so nothing downstream knows about versions.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicCode {
    pub version: String,
    pub name: String,
    pub application_suite: Option<String>,
    pub url: String,
    pub landing_url: Option<String>,
    pub is_based_on: Vec<String>,
    pub software_version: Option<String>,
    pub release_date: Option<String>,
    pub logo: Option<String>,
    pub platforms: Vec<String>,
    pub categories: Vec<String>,
    pub used_by: Vec<String>,
    pub roadmap: Option<String>,
    pub development_status: String,
    pub software_type: String,
    pub intended_audience: IntendedAudience,
    /// Keyed by BCP 47 language tag, in the file's order of keys sorted.
    pub description: BTreeMap<String, Description>,
    pub legal: Legal,
    pub maintenance: Maintenance,
    pub localisation: Localisation,
    pub depends_on: DependsOn,
    pub organisation: Option<Organisation>,
    pub funded_by: Vec<Organisation>,
    pub supports: Vec<Standard>,
    /// The Italian country section, when the file has one.
    #[serde(default)]
    pub italy: Option<Italy>,
}

/// What the Italian section says: conformity flags (deprecated by the
/// standard, still common) and the national platforms the software uses.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Italy {
    pub version: Option<String>,
    pub conforme: Vec<(String, bool)>,
    pub piattaforme: Vec<(String, bool)>,
    pub codice_ipa: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IntendedAudience {
    pub countries: Vec<String>,
    pub unsupported_countries: Vec<String>,
    pub scope: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Description {
    pub localised_name: Option<String>,
    pub generic_name: Option<String>,
    pub short_description: String,
    pub long_description: Option<String>,
    pub documentation: Option<String>,
    pub api_documentation: Option<String>,
    pub features: Vec<String>,
    pub screenshots: Vec<String>,
    pub videos: Vec<String>,
    pub awards: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Legal {
    pub license: String,
    pub main_copyright_owner: Option<String>,
    pub repo_owner: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Maintenance {
    #[serde(rename = "type")]
    pub kind: String,
    pub contractors: Vec<Contractor>,
    pub contacts: Vec<Contact>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contractor {
    pub name: String,
    /// YYYY-MM-DD; compared as text, which orders ISO dates correctly.
    pub until: String,
    pub email: Option<String>,
    pub website: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub affiliation: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Localisation {
    pub localisation_ready: bool,
    pub available_languages: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DependsOn {
    pub open: Vec<Dependency>,
    pub proprietary: Vec<Dependency>,
    pub hardware: Vec<Dependency>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dependency {
    pub name: String,
    pub version_min: Option<String>,
    pub version_max: Option<String>,
    pub version: Option<String>,
    pub optional: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub uri: Option<String>,
    pub name: Option<String>,
}

/// A standard, law or national platform the software supports (0.7): an
/// alias of the standard's list (`alias:gdpr`), a URN or a URI. Entries
/// stored before 0.7 support named the standard (`name`); they read as ids.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Standard {
    #[serde(alias = "name")]
    pub id: String,
}

impl Standard {
    /// The alias's name as people write it (`GDPR`, `pagoPA`), else the id.
    pub fn label(&self) -> String {
        match self.id.strip_prefix("alias:") {
            Some("pagopa") => "pagoPA".into(),
            Some("eidas") => "eIDAS".into(),
            Some("io") => "IO".into(),
            Some(alias) => alias.to_ascii_uppercase(),
            None => self.id.clone(),
        }
    }
}

impl PublicCode {
    /// The description in `lang`, else German, else English, else the first.
    pub fn description_in(&self, lang: &str) -> Option<(&str, &Description)> {
        let primary = |tag: &str| tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
        [lang, "de", "en"]
            .iter()
            .find_map(|want| self.description.iter().find(|(tag, _)| primary(tag) == *want))
            .or_else(|| self.description.iter().next())
            .map(|(tag, d)| (tag.as_str(), d))
    }

    /// The name in `lang` when the file localises it.
    pub fn name_in(&self, lang: &str) -> &str {
        self.description_in(lang)
            .and_then(|(_, d)| d.localised_name.as_deref())
            .unwrap_or(&self.name)
    }
}
