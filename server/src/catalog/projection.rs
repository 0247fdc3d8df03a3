//! The columns the catalog searches and facets, derived from a valid file.

use app::catalog::publiccode::PublicCode;

use super::url_key::url_key;

#[derive(Debug, Default, PartialEq)]
pub struct Projection {
    pub name: String,
    /// The short description a German or an English reader sees (the
    /// file's own language when it has none): what every list, the API,
    /// the exports and the feed show. Read from the typed document here,
    /// once, so no reader digs in the stored JSON for it.
    pub short_de: String,
    pub short_en: String,
    pub summary_de: String,
    pub body_de: String,
    pub summary_en: String,
    pub body_en: String,
    pub body_other: String,
    pub licenses: Vec<String>,
    pub languages: Vec<String>,
    pub standards: Vec<String>,
    pub based_on: Vec<String>,
}

fn primary(tag: &str) -> String {
    tag.split('-').next().unwrap_or(tag).to_ascii_lowercase()
}

/// Names and summaries (and features) weigh more in search than long texts,
/// so they go to separate columns per language.
pub fn project(doc: &PublicCode) -> Projection {
    let mut p = Projection {
        name: doc.name.clone(),
        short_de: short_description(doc, "de"),
        short_en: short_description(doc, "en"),
        ..Default::default()
    };
    for (tag, d) in &doc.description {
        let mut summary = vec![d.short_description.as_str()];
        summary.extend(d.localised_name.as_deref());
        summary.extend(d.features.iter().map(String::as_str));
        let summary = summary.join("\n");
        let body = d.long_description.clone().unwrap_or_default();
        let (s, b) = match primary(tag).as_str() {
            "de" => (&mut p.summary_de, &mut p.body_de),
            "en" => (&mut p.summary_en, &mut p.body_en),
            _ => {
                p.body_other.push_str(&summary);
                p.body_other.push('\n');
                p.body_other.push_str(&body);
                p.body_other.push('\n');
                continue;
            }
        };
        s.push_str(&summary);
        s.push('\n');
        b.push_str(&body);
        b.push('\n');
    }
    p.licenses = licence_ids(&doc.legal.license);
    for lang in &doc.localisation.available_languages {
        let lang = primary(lang);
        if !p.languages.contains(&lang) {
            p.languages.push(lang);
        }
    }
    p.standards = doc.supports.iter().map(|s| s.id.clone()).collect();
    p.based_on = doc.is_based_on.iter().map(|u| url_key(u)).collect();
    p
}

fn short_description(doc: &PublicCode, lang: &str) -> String {
    doc.description_in(lang)
        .map(|(_, d)| d.short_description.clone())
        .unwrap_or_default()
}

/// The licence identifiers of an SPDX expression, for the licence facet:
/// operators, parentheses, `+` and exceptions dropped.
pub fn licence_ids(expression: &str) -> Vec<String> {
    let spaced = expression.replace(['(', ')'], " ");
    let mut ids: Vec<String> = Vec::new();
    let mut after_with = false;
    for word in spaced.split_whitespace() {
        let upper = word.to_ascii_uppercase();
        if upper == "WITH" {
            after_with = true;
            continue;
        }
        if after_with || upper == "AND" || upper == "OR" {
            after_with = false;
            continue;
        }
        let id = word.trim_end_matches('+').to_string();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// A URL-safe slug from a software name: `Bauantrag Online (Kiel)` →
/// `bauantrag-online-kiel`; umlauts transliterated as Germans write them.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let piece = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(piece);
    }
    let parts: Vec<&str> = out.split('-').filter(|p| !p.is_empty()).collect();
    let mut slug = String::new();
    for part in parts {
        if slug.len() + part.len() + 1 > 80 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(part);
    }
    if slug.is_empty() {
        "software".into()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licence_ids_of_expressions() {
        assert_eq!(licence_ids("EUPL-1.2"), ["EUPL-1.2"]);
        assert_eq!(
            licence_ids("(MIT OR Apache-2.0) AND EUPL-1.2"),
            ["MIT", "Apache-2.0", "EUPL-1.2"]
        );
        assert_eq!(
            licence_ids("GPL-2.0-or-later WITH Classpath-exception-2.0 OR MIT"),
            ["GPL-2.0-or-later", "MIT"]
        );
    }

    #[test]
    fn short_descriptions_per_reading_language() {
        let text = include_str!("../../../app/src/catalog/publiccode/testdata/valid.yml");
        let doc = app::catalog::publiccode::validate(text).document.unwrap();
        let p = project(&doc);
        assert!(p.short_de.starts_with("Digitale Bauanträge"), "{}", p.short_de);
        assert!(p.short_en.starts_with("Digital building permit"), "{}", p.short_en);
        let only_german = text.replace(
            "  en:\n    shortDescription: Digital building permit applications for local building authorities.\n    longDescription: Bauantrag Online takes building permit applications digitally, checks them for completeness and involves the specialist authorities; applicants receive requests and decisions electronically.\n    features: [Applications in XBau, Participation of specialist authorities]\n",
            "",
        );
        let doc = app::catalog::publiccode::validate(&only_german).document.unwrap();
        assert_eq!(project(&doc).short_en, project(&doc).short_de);
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Bauantrag Online (Kiel)"), "bauantrag-online-kiel");
        assert_eq!(slugify("Gewerbeanmeldung Größe"), "gewerbeanmeldung-groesse");
        assert_eq!(slugify("!!!"), "software");
        assert!(slugify(&"wort ".repeat(50)).len() <= 80);
    }
}
