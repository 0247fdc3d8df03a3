//! Checks on what people type, each failure a field name and a catalog key.

use app::error::{AppError, FieldError};

/// Collects field errors; `finish` turns them into `AppError::Invalid`.
#[derive(Default)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    pub fn add(&mut self, field: &str, key: &str) {
        if !self.0.iter().any(|e| e.field == field) {
            self.0.push(FieldError::new(field, key));
        }
    }

    pub fn check(&mut self, field: &str, result: Result<(), &'static str>) {
        if let Err(key) = result {
            self.add(field, key);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}

pub fn invalid(field: &str, key: &str) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, key)])
}

/// A mail address, lower-cased: one `@`, a dotted domain, no spaces, at most
/// 254 characters. Deliverability is proven by the verification mail.
pub fn email(raw: &str) -> Result<String, &'static str> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err("form.error.required");
    }
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && local.len() <= 64
                && !domain.contains('@')
                && domain.contains('.')
                && domain.split('.').all(|label| {
                    !label.is_empty()
                        && label.len() <= 63
                        && label.chars().all(|c| c.is_alphanumeric() || c == '-')
                        && !label.starts_with('-')
                        && !label.ends_with('-')
                })
        })
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'));
    if valid {
        Ok(email)
    } else {
        Err("form.error.email")
    }
}

pub fn display_name(raw: &str) -> Result<String, &'static str> {
    let name = raw.trim();
    if name.is_empty() {
        Err("form.error.required")
    } else if name.chars().count() > 120 {
        Err("accounts.error.name_long")
    } else if name.chars().any(char::is_control) {
        Err("form.error.characters")
    } else {
        Ok(name.to_owned())
    }
}

/// A mail domain an organisation vouches for (`stk.landsh.de`).
pub fn mail_domain(raw: &str) -> Result<String, &'static str> {
    let domain = raw.trim().trim_start_matches('@').to_lowercase();
    let labels: Vec<&str> = domain.split('.').collect();
    let valid = labels.len() >= 2
        && domain.len() <= 253
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.len() <= 63 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if valid {
        Ok(domain)
    } else {
        Err("members.error.domain")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            email("  Anna.Schmidt@STK.landsh.de "),
            Ok("anna.schmidt@stk.landsh.de".into())
        );
        assert_eq!(email(""), Err("form.error.required"));
        for bad in [
            "anna",
            "anna@",
            "@landsh.de",
            "anna@landsh",
            "a b@landsh.de",
            "a@b@c.de",
            "a@-x.de",
            "a@x..de",
        ] {
            assert_eq!(email(bad), Err("form.error.email"), "{bad}");
        }
    }

    #[test]
    fn domains_are_checked() {
        assert_eq!(mail_domain("@STK.LandSH.de"), Ok("stk.landsh.de".into()));
        for bad in ["de", "landsh.", "x y.de", "exa_mple.de", "example.123"] {
            assert!(mail_domain(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(display_name("  Anna "), Ok("Anna".into()));
        assert_eq!(display_name(" "), Err("form.error.required"));
        assert_eq!(display_name(&"x".repeat(121)), Err("accounts.error.name_long"));
        assert_eq!(display_name("a\u{0007}"), Err("form.error.characters"));
    }
}
