//! The organisation form: what it shows when creating or editing.

use serde::{Deserialize, Serialize};

/// Every field as text, as the form shows it; `version` is the row version
/// the form was loaded with (optimistic locking).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationForm {
    pub slug: String,
    pub name_de: String,
    pub name_en: String,
    pub short_name: String,
    pub kind: String,
    pub parent: String,
    pub land: String,
    pub ars: String,
    pub leitweg_id: String,
    pub uri: String,
    pub website: String,
    pub contact_email: String,
    pub version: i32,
    pub verified: bool,
}

impl OrganisationForm {
    /// The value of a field by its form name.
    pub fn field(&self, name: &str) -> &str {
        match name {
            "slug" => &self.slug,
            "name_de" => &self.name_de,
            "name_en" => &self.name_en,
            "short_name" => &self.short_name,
            "kind" => &self.kind,
            "parent" => &self.parent,
            "land" => &self.land,
            "ars" => &self.ars,
            "leitweg_id" => &self.leitweg_id,
            "uri" => &self.uri,
            "website" => &self.website,
            "contact_email" => &self.contact_email,
            _ => "",
        }
    }
}
