use app::dto::{LegalPage, LegalPageKind};
use app::i18n::Locale;
use std::{collections::HashMap, path::Path};

/// The operator's Impressum, Datenschutzerklärung and Erklärung zur
/// Barrierefreiheit, rendered once at start.
///
/// Each is read from `ALLMENDE_LEGAL_DIR/<page>.<lang>.md` when present, else
/// the built-in placeholder (marked as such) is used. A language without its
/// own text falls back to German.
#[derive(Debug, Clone)]
pub struct LegalTexts {
    pages: HashMap<(LegalPageKind, Locale), String>,
}

fn builtin(kind: LegalPageKind, locale: Locale) -> &'static str {
    use LegalPageKind::*;
    match (kind, locale) {
        (Impressum, Locale::De) => include_str!("../../legal/impressum.de.md"),
        (Impressum, Locale::En) => include_str!("../../legal/impressum.en.md"),
        (Datenschutz, Locale::De) => include_str!("../../legal/datenschutz.de.md"),
        (Datenschutz, Locale::En) => include_str!("../../legal/datenschutz.en.md"),
        (Barrierefreiheit, Locale::De) => include_str!("../../legal/barrierefreiheit.de.md"),
        (Barrierefreiheit, Locale::En) => include_str!("../../legal/barrierefreiheit.en.md"),
    }
}

impl LegalTexts {
    pub fn load(dir: Option<&Path>) -> std::io::Result<LegalTexts> {
        let mut pages = HashMap::new();
        for kind in LegalPageKind::ALL {
            for locale in Locale::ALL {
                let custom = match dir {
                    Some(dir) => {
                        let file = dir.join(format!("{}.{}.md", kind.slug(), locale.tag()));
                        match std::fs::read_to_string(&file) {
                            Ok(text) => Some(text),
                            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                            Err(e) => return Err(std::io::Error::new(e.kind(), format!("{}: {e}", file.display()))),
                        }
                    }
                    None => None,
                };
                // An operator who wrote only the German text gets it in both languages.
                if custom.is_some() || dir.is_none() {
                    let source = custom.unwrap_or_else(|| builtin(kind, locale).to_owned());
                    pages.insert((kind, locale), crate::markdown::render(&source));
                }
            }
            pages
                .entry((kind, Locale::De))
                .or_insert_with(|| crate::markdown::render(builtin(kind, Locale::De)));
        }
        Ok(LegalTexts { pages })
    }

    pub fn page(&self, kind: LegalPageKind, locale: Locale) -> LegalPage {
        let (lang, html) = match self.pages.get(&(kind, locale)) {
            Some(html) => (locale, html),
            None => (Locale::De, &self.pages[&(kind, Locale::De)]),
        };
        LegalPage {
            kind,
            lang: lang.tag().to_owned(),
            html: html.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_texts_exist_in_both_languages() {
        let texts = LegalTexts::load(None).unwrap();
        for kind in LegalPageKind::ALL {
            for locale in Locale::ALL {
                let page = texts.page(kind, locale);
                assert_eq!(page.lang, locale.tag());
                assert!(page.html.contains("<h2>"), "{kind:?} {locale:?}");
            }
        }
    }

    #[test]
    fn operator_texts_override_and_fall_back_to_german() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("impressum.de.md"),
            "## Betreiber\n\nLand <script>x</script>",
        )
        .unwrap();
        let texts = LegalTexts::load(Some(dir.path())).unwrap();
        let de = texts.page(LegalPageKind::Impressum, Locale::De);
        assert!(de.html.contains("Betreiber") && !de.html.contains("<script"));
        let en = texts.page(LegalPageKind::Impressum, Locale::En);
        assert_eq!(en.lang, "de");
        assert_eq!(en.html, de.html);
    }
}
