//! Usage declarations: an organisation says that it uses a catalog entry.
//! Unlike `usedBy` in a `publiccode.yml`, which a maintainer writes and
//! nobody confirms, a declaration is made by a member of the organisation
//! itself, counts as verified while that organisation is verified, and
//! lapses unless renewed. The form's rules live here, pure, so that the
//! server and the tests read one definition.

use super::dto::OrganisationRef;
use crate::catalog::publiccode::formats::web_url;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// The longest version, use case and instance address accepted (the
/// schema's `CHECK`s say the same).
pub const VERSION_MAX: usize = 100;
pub const USE_CASE_MAX: usize = 500;
pub const INSTANCE_URL_MAX: usize = 500;

/// The form as posted; every field a string, as a browser sends it.
#[derive(Clone, Debug, Default)]
pub struct UsageForm<'a> {
    pub organisation: &'a str,
    pub version: &'a str,
    pub use_case: &'a str,
    pub contact: &'a str,
    pub instance_url: &'a str,
    pub instance_public: bool,
}

/// A declaration as it may be stored: trimmed, within its limits, the
/// instance an absolute http(s) address without credentials. Which
/// organisation and contact are allowed is the service's rule (it knows
/// the memberships); here they are only required.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    pub organisation: String,
    pub version: String,
    pub use_case: String,
    pub contact: String,
    pub instance_url: Option<String>,
    pub instance_public: bool,
}

impl UsageForm<'_> {
    /// Every field's error at once, named by the form's field names.
    pub fn parse(&self) -> Result<Declared, Vec<FieldError>> {
        let mut errors = Vec::new();
        let organisation = self.organisation.trim();
        if organisation.is_empty() {
            errors.push(FieldError::new("organisation", "form.error.choice"));
        }
        let contact = self.contact.trim();
        if contact.is_empty() {
            errors.push(FieldError::new("contact", "form.error.choice"));
        }
        let version = self.version.trim();
        if version.is_empty() {
            errors.push(FieldError::new("version", "form.error.required"));
        } else if version.chars().count() > VERSION_MAX || version.chars().any(char::is_control) {
            errors.push(FieldError::new("version", "reuse.usage.error.version"));
        }
        let use_case = self.use_case.trim();
        if use_case.is_empty() {
            errors.push(FieldError::new("use_case", "form.error.required"));
        } else if use_case.chars().count() > USE_CASE_MAX {
            errors.push(FieldError::new("use_case", "reuse.usage.error.use_case"));
        }
        let instance = self.instance_url.trim();
        let instance_url = (!instance.is_empty()).then(|| instance.to_owned());
        if let Some(url) = &instance_url {
            if !instance_address(url) {
                errors.push(FieldError::new("instance_url", "reuse.usage.error.instance_url"));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Declared {
            organisation: organisation.to_owned(),
            version: version.to_owned(),
            use_case: use_case.to_owned(),
            contact: contact.to_owned(),
            instance_public: self.instance_public && instance_url.is_some(),
            instance_url,
        })
    }
}

/// An address a reader may follow: http(s), a host, no user or password
/// in it (they would be shown to everyone), within the length limit.
fn instance_address(url: &str) -> bool {
    let authority = url
        .split_once("://")
        .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(""))
        .unwrap_or("");
    url.len() <= INSTANCE_URL_MAX && web_url(url) && !authority.contains('@')
}

/// One declaration as a page shows it. The contact's address and a
/// non-public instance reach only those allowed to see them (the service
/// leaves them out for everyone else).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageView {
    pub id: String,
    pub organisation: OrganisationRef,
    /// The organisation is verified: only then does the declaration count.
    pub verified: bool,
    pub version: String,
    pub use_case: String,
    pub contact_name: Option<String>,
    /// For signed-in readers only: a contact is someone to ask, not an
    /// address to harvest.
    pub contact_email: Option<String>,
    pub instance_url: Option<String>,
    pub instance_public: bool,
    /// RFC 3339, UTC.
    pub renewed_at: String,
    pub expires_at: String,
    /// The reader may renew it (a member of its organisation) or withdraw
    /// it (its author, or a publisher or owner of its organisation).
    pub may_renew: bool,
    pub may_withdraw: bool,
}

/// Who declares the use of one entry: the current declarations, verified
/// ones first; lapsed ones are not shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryUsage {
    pub declarations: Vec<UsageView>,
    pub verified: u64,
    /// The reader may declare (signed in, a member of some organisation).
    pub may_declare: bool,
}

/// What the declaration form offers: the reader's organisations, each
/// with its members as possible contacts, and what each has declared so
/// far (the form then updates and renews it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageFormData {
    pub software_slug: String,
    pub software_name: String,
    /// `(organisation id, name)`.
    pub organisations: Vec<(String, String)>,
    /// `(user id, "Name (Organisation)")`, the reader first.
    pub contacts: Vec<(String, String)>,
    /// The reader's own organisations' current declarations.
    pub existing: Vec<UsageView>,
    /// How long a declaration holds, in months (the operator's setting).
    pub valid_months: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form<'a>() -> UsageForm<'a> {
        UsageForm {
            organisation: "org",
            version: " 2.4 ",
            use_case: "Mängelmeldungen der Bürgerinnen und Bürger",
            contact: "user",
            instance_url: "",
            instance_public: true,
        }
    }

    #[test]
    fn a_complete_form_is_trimmed_and_a_missing_instance_is_not_public() {
        let declared = form().parse().unwrap();
        assert_eq!(declared.version, "2.4");
        assert_eq!(declared.instance_url, None);
        assert!(!declared.instance_public, "no instance, nothing to publish");
    }

    #[test]
    fn every_error_is_named_at_once() {
        let fields = |f: UsageForm| f.parse().unwrap_err().into_iter().map(|e| e.field).collect::<Vec<_>>();
        let empty = UsageForm::default();
        assert_eq!(fields(empty), ["organisation", "contact", "version", "use_case"]);
        let long = "x".repeat(USE_CASE_MAX + 1);
        let too_long = UsageForm {
            use_case: &long,
            ..form()
        };
        assert_eq!(fields(too_long), ["use_case"]);
    }

    #[test]
    fn an_instance_is_an_http_address_without_credentials() {
        for bad in [
            "javascript:alert(1)",
            "ftp://files.kiel.example",
            "https://",
            "https://admin:geheim@maengel.kiel.example",
            "https://maengel.kiel.example/<script>",
        ] {
            let f = UsageForm {
                instance_url: bad,
                ..form()
            };
            let errors = f.parse().unwrap_err();
            assert_eq!(errors[0].key, "reuse.usage.error.instance_url", "{bad}");
        }
        let good = UsageForm {
            instance_url: "https://maengel.luebeck.example/melden",
            ..form()
        };
        let declared = good.parse().unwrap();
        assert!(declared.instance_public);
        assert_eq!(
            declared.instance_url.as_deref(),
            Some("https://maengel.luebeck.example/melden")
        );
    }
}
