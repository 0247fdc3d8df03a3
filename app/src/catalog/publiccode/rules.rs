//! The rules of the publiccode.yml standard (core, versions 0.2 to 0.7),
//! section by section, producing the normalised [`PublicCode`] as it goes.

use super::checker::{child, item, Checker};
use super::formats;
use super::issue::Msg;
use super::model::*;
use super::resources::{self, RepoFile};
use super::tree::{Node, Value};
use super::vocabulary::*;

/// The current release of the standard. Files say `"0"` ("the current
/// 0.x", as the standard's own example does) or name a release.
pub const CURRENT_VERSION: &str = "0.7";
/// What the reference parser accepts (`publiccode.go`); there was no 0.6.
pub const SUPPORTED_VERSIONS: &[&str] = &[
    "0", "0.2", "0.2.0", "0.2.1", "0.2.2", "0.3", "0.3.0", "0.4", "0.4.0", "0.5", "0.5.0", "0.7", "0.7.0",
];

const ROOT_KEYS: &[&str] = &[
    "publiccodeYmlVersion",
    "name",
    "applicationSuite",
    "url",
    "landingURL",
    "isBasedOn",
    "softwareVersion",
    "releaseDate",
    "logo",
    "platforms",
    "categories",
    "usedBy",
    "roadmap",
    "developmentStatus",
    "softwareType",
    "intendedAudience",
    "description",
    "legal",
    "maintenance",
    "localisation",
    "dependsOn",
    "organisation",
    "fundedBy",
    "supports",
    // The Italian country section (`IT`; `it` is its deprecated spelling).
    "IT",
    "it",
];
const ROOT_DEPRECATED: &[(&str, Option<&str>)] = &[
    ("monochromeLogo", Some("logo")),
    ("inputTypes", None),
    ("outputTypes", None),
    ("organizationUri", Some("organisation.uri")),
];

pub fn check(root: &Node, c: &mut Checker) -> PublicCode {
    let mut pc = PublicCode::default();
    if !matches!(root.value, Value::Mapping(_)) {
        c.error("", root.pos, Msg::RootNotMapping);
        return pc;
    }
    c.keys(root, "", ROOT_KEYS, ROOT_DEPRECATED);
    version(root, c, &mut pc);
    pc.name = c.req_string(root, "", "name").unwrap_or_default();
    pc.application_suite = c.opt_string(root, "", "applicationSuite");
    pc.url = c
        .checked(root, "", "url", true, formats::repository_url, Msg::InvalidUrl)
        .unwrap_or_default();
    pc.landing_url = c.url(root, "", "landingURL");
    if let Some(node) = c.field(root, "", "isBasedOn", false) {
        for (value, pos, key) in c.strings(node, "isBasedOn", true, false) {
            if formats::repository_url(&value) {
                pc.is_based_on.push(value);
            } else {
                c.error(&key, pos, Msg::InvalidUrl);
            }
        }
    }
    pc.software_version = c.opt_string(root, "", "softwareVersion");
    pc.release_date = c.checked(root, "", "releaseDate", false, formats::date, Msg::InvalidDate);
    pc.logo = image(root, c, "logo", &["svg", "svgz", "png"], Msg::LogoFormat);
    image(root, c, "monochromeLogo", &["svg", "svgz", "png"], Msg::LogoFormat);
    for key in ["inputTypes", "outputTypes"] {
        if let Some(node) = c.field(root, "", key, false) {
            for (value, pos, path) in c.strings(node, key, false, false) {
                if !formats::media_type(&value) {
                    c.error(&path, pos, Msg::InvalidMediaType);
                }
            }
        }
    }
    if let Some(node) = c.field(root, "", "platforms", true) {
        // Any platform name is allowed: the standard lists common ones
        // (`PLATFORMS`) without closing the set, and so does the reference.
        for (value, _, _) in c.strings(node, "platforms", false, true) {
            pc.platforms.push(value);
        }
    }
    // Optional since 0.7 (the reference accepts a file without any).
    if let Some(node) = c.field(root, "", "categories", false) {
        for (value, pos, key) in c.strings(node, "categories", false, false) {
            if is_category(&value) {
                pc.categories.push(value);
            } else {
                c.error(&key, pos, Msg::UnknownCategory);
            }
        }
    }
    if let Some(node) = c.field(root, "", "usedBy", false) {
        pc.used_by = c
            .strings(node, "usedBy", false, false)
            .into_iter()
            .map(|(v, _, _)| v)
            .collect();
    }
    pc.roadmap = c.url(root, "", "roadmap");
    pc.development_status = one_of(root, c, "", "developmentStatus", DEVELOPMENT_STATUS).unwrap_or_default();
    pc.software_type = one_of(root, c, "", "softwareType", SOFTWARE_TYPES).unwrap_or_default();
    intended_audience(root, c, &mut pc);
    descriptions(root, c, &mut pc);
    legal(root, c, &mut pc);
    maintenance(root, c, &mut pc);
    localisation(root, c, &mut pc);
    depends_on(root, c, &mut pc);
    organisation(root, c, &mut pc);
    // Funders are identified by their URI (0.7); the name is optional.
    let funders = c.field(root, "", "fundedBy", false);
    pc.funded_by = objects(funders, c, "fundedBy", false)
        .into_iter()
        .filter_map(|(node, path)| {
            c.keys(node, &path, &["name", "uri"], &[]);
            let name = c.opt_string(node, &path, "name");
            let uri = administration_uri(node, c, &path, "uri", true)?;
            Some(Organisation { name, uri: Some(uri) })
        })
        .collect();
    // 0.7: each entry is `{id: …}`, an alias of the standard's list or a URI.
    let supports = c.field(root, "", "supports", false);
    pc.supports = objects(supports, c, "supports", false)
        .into_iter()
        .filter_map(|(node, path)| {
            c.keys(node, &path, &["id"], &[]);
            let key = child(&path, "id");
            let id_node = c.field(node, &path, "id", true)?;
            let id = c.string(id_node, &key)?;
            let known = match id.strip_prefix("alias:") {
                Some(alias) => formats::SUPPORTS_ALIASES.contains(&alias),
                None => formats::supports_id(&id),
            };
            if known {
                Some(Standard { id })
            } else if id.starts_with("alias:") {
                c.error(
                    &key,
                    id_node.pos,
                    Msg::NotOneOf {
                        allowed: &[
                            "alias:gdpr",
                            "alias:eidas",
                            "alias:nis2",
                            "alias:cra",
                            "alias:spid",
                            "alias:cie",
                            "alias:anpr",
                            "alias:pagopa",
                            "alias:io",
                        ],
                    },
                );
                None
            } else {
                c.error(&key, id_node.pos, Msg::InvalidUri);
                None
            }
        })
        .collect();
    pc.italy = italian_section(root, c);
    pc
}

/// The Italian section as the standard defines it (`IT`, country extension
/// 0.2 or 1.0): `conforme` (deprecated), `riuso.codiceIPA` (deprecated in
/// favour of `organisation.uri: urn:x-italian-pa:<code>`) and `piattaforme`.
fn italian_section(root: &Node, c: &mut Checker) -> Option<Italy> {
    let upper = root.get("IT").is_some();
    let name = if upper { "IT" } else { "it" };
    if upper {
        if let Some(pos) = root.key_pos("it") {
            c.error("it", pos, Msg::DuplicateCountrySection);
        }
    } else if let Some(pos) = root.key_pos("it") {
        c.warn("it", pos, Msg::CountrySectionLowercase);
    }
    let node = c.section(
        root,
        name,
        false,
        &["countryExtensionVersion", "conforme", "riuso", "piattaforme"],
        &[],
    )?;
    let mut italy = Italy::default();
    if let Some(version) = c.field(node, name, "countryExtensionVersion", false) {
        let key = child(name, "countryExtensionVersion");
        if let Some(text) = c.string(version, &key) {
            if ["0.2", "1.0"].contains(&text.as_str()) {
                italy.version = Some(text);
            } else {
                c.error(
                    &key,
                    version.pos,
                    Msg::NotOneOf {
                        allowed: &["0.2", "1.0"],
                    },
                );
            }
        }
    }
    let flags = |c: &mut Checker, field: &str, allowed: &[&str]| -> Vec<(String, bool)> {
        let path = child(name, field);
        let Some(section) = c.field(node, name, field, false) else {
            return Vec::new();
        };
        if c.mapping(section, &path).is_none() {
            return Vec::new();
        }
        c.keys(section, &path, allowed, &[]);
        allowed
            .iter()
            .filter_map(|flag| {
                let value = c.field(section, &path, flag, false)?;
                Some((flag.to_string(), c.boolean(value, &child(&path, flag))?))
            })
            .collect()
    };
    if let Some(pos) = node.key_pos("conforme") {
        c.warn(&child(name, "conforme"), pos, Msg::Deprecated { instead: None });
    }
    italy.conforme = flags(
        c,
        "conforme",
        &[
            "lineeGuidaDesign",
            "modelloInteroperabilita",
            "misureMinimeSicurezza",
            "gdpr",
        ],
    );
    italy.piattaforme = flags(c, "piattaforme", &["spid", "pagopa", "cie", "anpr", "io"]);
    if let Some(riuso) = c.field(node, name, "riuso", false) {
        let path = child(name, "riuso");
        if c.mapping(riuso, &path).is_some() {
            c.keys(riuso, &path, &["codiceIPA"], &[]);
            if let Some(code) = c.field(riuso, &path, "codiceIPA", false) {
                let key = child(&path, "codiceIPA");
                if let Some(text) = c.string(code, &key) {
                    c.warn(
                        &key,
                        code.pos,
                        Msg::Deprecated {
                            instead: Some("organisation.uri (urn:x-italian-pa:…)"),
                        },
                    );
                    if c.resources.italian_pa(&text) == Some(false) {
                        c.error(&key, code.pos, Msg::UnknownItalianPa);
                    } else {
                        italy.codice_ipa = Some(text);
                    }
                }
            }
        }
    }
    Some(italy)
}

fn version(root: &Node, c: &mut Checker, pc: &mut PublicCode) {
    let Some(node) = c.field(root, "", "publiccodeYmlVersion", true) else {
        return;
    };
    let Some(text) = c.string(node, "publiccodeYmlVersion") else {
        return;
    };
    if !SUPPORTED_VERSIONS.contains(&text.as_str()) {
        c.error(
            "publiccodeYmlVersion",
            node.pos,
            Msg::UnsupportedVersion {
                supported: &["0", "0.2", "0.3", "0.4", "0.5", "0.7"],
            },
        );
    } else if text != "0" && !text.starts_with(CURRENT_VERSION) {
        c.warn(
            "publiccodeYmlVersion",
            node.pos,
            Msg::OlderVersion {
                current: CURRENT_VERSION,
            },
        );
    }
    pc.version = text;
}

fn one_of(parent: &Node, c: &mut Checker, path: &str, name: &str, allowed: &'static [&'static str]) -> Option<String> {
    let node = c.field(parent, path, name, true)?;
    let key = child(path, name);
    let value = c.string(node, &key)?;
    if allowed.contains(&value.as_str()) {
        Some(value)
    } else {
        c.error(&key, node.pos, Msg::NotOneOf { allowed });
        None
    }
}

fn image(parent: &Node, c: &mut Checker, name: &str, formats_allowed: &[&str], msg: Msg) -> Option<String> {
    let node = c.field(parent, "", name, false)?;
    let value = c.string(node, name)?;
    // A path inside the repository or a web address: never a path of the
    // machine that reads the file (`/logo.png`, `file:/logo.png`).
    if value.starts_with('/') || value.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("file:")) {
        c.error(name, node.pos, Msg::LocalPath);
        return None;
    }
    let ok = formats::extension(&value).is_some_and(|ext| formats_allowed.contains(&ext.as_str()));
    if !ok {
        c.error(name, node.pos, msg);
        return None;
    }
    if value.contains("://") && !formats::web_url(&value) {
        c.error(name, node.pos, Msg::InvalidUrl);
        return None;
    }
    if let Some(problem) = missing_file(c, &value) {
        c.error(name, node.pos, problem);
        return None;
    }
    if formats::extension(&value).as_deref() == Some("png") {
        if let Some(RepoFile::Found { head }) = local_file(c, &value) {
            if !resources::png_header(&head) {
                c.error(name, node.pos, Msg::NotPng);
                return None;
            }
        }
    }
    Some(value)
}

/// A path inside the repository, as its resources know it; `None` for a web
/// address, or when the repository is not at hand.
fn local_file(c: &Checker, value: &str) -> Option<RepoFile> {
    if value.contains("://") {
        return None;
    }
    // A path that leaves the repository is asked for as written: no
    // repository holds it, and `referenced_files` never lists it.
    let path = resources::repository_path(value).unwrap_or_else(|| value.to_string());
    c.resources.file(&path)
}

/// The message when a file the publiccode.yml names is not in its repository.
fn missing_file(c: &Checker, value: &str) -> Option<Msg> {
    (local_file(c, value) == Some(RepoFile::Missing)).then_some(Msg::FileMissing)
}

fn countries(parent: &Node, c: &mut Checker, name: &str) -> Vec<String> {
    let path = child("intendedAudience", name);
    let Some(node) = c.field(parent, "intendedAudience", name, false) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // ISO 3166-1 alpha-2 in capitals (`DE`); lower case is deprecated but
    // accepted with a warning, mixed case (`De`) is no code at all.
    for (value, pos, key) in c.strings(node, &path, false, false) {
        let upper = value.to_ascii_uppercase();
        let lower = value.to_ascii_lowercase();
        if !is_country(&lower) || (value != upper && value != lower) {
            c.error(&key, pos, Msg::InvalidCountry);
            continue;
        }
        if value == lower {
            c.warn(&key, pos, Msg::CountryLowercase);
        }
        out.push(upper);
    }
    out
}

fn intended_audience(root: &Node, c: &mut Checker, pc: &mut PublicCode) {
    let Some(node) = c.section(
        root,
        "intendedAudience",
        false,
        &["countries", "unsupportedCountries", "scope"],
        &[],
    ) else {
        return;
    };
    pc.intended_audience.countries = countries(node, c, "countries");
    pc.intended_audience.unsupported_countries = countries(node, c, "unsupportedCountries");
    if let Some(scope) = c.field(node, "intendedAudience", "scope", false) {
        for (value, pos, key) in c.strings(scope, "intendedAudience.scope", false, false) {
            if is_scope(&value) {
                pc.intended_audience.scope.push(value);
            } else {
                c.error(&key, pos, Msg::UnknownScope);
            }
        }
    }
}

const DESCRIPTION_KEYS: &[&str] = &[
    "localisedName",
    "shortDescription",
    "longDescription",
    "documentation",
    "apiDocumentation",
    "features",
    "screenshots",
    "videos",
    "awards",
];

fn descriptions(root: &Node, c: &mut Checker, pc: &mut PublicCode) {
    let Some(node) = c.field(root, "", "description", true) else {
        return;
    };
    let Some(entries) = c.mapping(node, "description") else {
        return;
    };
    if entries.is_empty() {
        c.error("description", node.pos, Msg::EmptyList);
        return;
    }
    // Every language a file describes itself in needs its long description
    // and its features (as the reference requires), not only one of them.
    for (lang, desc) in entries {
        let path = child("description", &lang.name);
        if !formats::language_tag(&lang.name) {
            c.error(&path, lang.pos, Msg::InvalidLanguage);
        }
        if c.mapping(desc, &path).is_none() {
            continue;
        }
        c.keys(desc, &path, DESCRIPTION_KEYS, &[("genericName", None)]);
        let mut d = Description {
            localised_name: c.opt_string(desc, &path, "localisedName"),
            ..Default::default()
        };
        if let Some(generic) = c.field(desc, &path, "genericName", false) {
            let key = child(&path, "genericName");
            if let Some(text) = c.string(generic, &key) {
                if c.length(&key, generic.pos, &text, 0, 35) {
                    d.generic_name = Some(text);
                }
            }
        }
        if let Some(short) = c.field(desc, &path, "shortDescription", true) {
            let key = child(&path, "shortDescription");
            if let Some(text) = c.string(short, &key) {
                c.length(&key, short.pos, &text, 1, 150);
                d.short_description = text;
            }
        }
        if let Some(long) = c.field(desc, &path, "longDescription", true) {
            let key = child(&path, "longDescription");
            if let Some(text) = c.string(long, &key) {
                c.length(
                    &key,
                    desc.key_pos("longDescription").unwrap_or(long.pos),
                    &text,
                    150,
                    10_000,
                );
                d.long_description = Some(text);
            }
        }
        d.documentation = c.url(desc, &path, "documentation");
        d.api_documentation = c.url(desc, &path, "apiDocumentation");
        if let Some(features) = c.field(desc, &path, "features", true) {
            d.features = c
                .strings(features, &child(&path, "features"), false, true)
                .into_iter()
                .map(|(v, _, _)| v)
                .collect();
        }
        if let Some(shots) = c.field(desc, &path, "screenshots", false) {
            for (value, pos, key) in c.strings(shots, &child(&path, "screenshots"), false, false) {
                let ok = formats::extension(&value).is_some_and(|e| matches!(e.as_str(), "png" | "jpg" | "jpeg"));
                if !ok {
                    c.error(&key, pos, Msg::ScreenshotFormat);
                } else if value.contains("://") && !formats::web_url(&value) {
                    c.error(&key, pos, Msg::InvalidUrl);
                } else if let Some(missing) = missing_file(c, &value) {
                    c.error(&key, pos, missing);
                } else {
                    d.screenshots.push(value);
                }
            }
        }
        if let Some(videos) = c.field(desc, &path, "videos", false) {
            for (value, pos, key) in c.strings(videos, &child(&path, "videos"), false, false) {
                if !formats::web_url(&value) {
                    c.error(&key, pos, Msg::InvalidUrl);
                } else if c.resources.oembed_video(&value) == Some(false) {
                    c.error(&key, pos, Msg::NotOembed);
                } else {
                    d.videos.push(value);
                }
            }
        }
        if let Some(awards) = c.field(desc, &path, "awards", false) {
            d.awards = c
                .strings(awards, &child(&path, "awards"), false, false)
                .into_iter()
                .map(|(v, _, _)| v)
                .collect();
        }
        pc.description.insert(lang.name.clone(), d);
    }
}

fn legal(root: &Node, c: &mut Checker, pc: &mut PublicCode) {
    let Some(node) = c.section(
        root,
        "legal",
        true,
        &["license", "mainCopyrightOwner"],
        &[("authorsFile", None), ("repoOwner", Some("organisation.name"))],
    ) else {
        return;
    };
    if let Some(licence) = c.field(node, "legal", "license", true) {
        if let Some(text) = c.string(licence, "legal.license") {
            match formats::spdx_expression(&text) {
                Ok(deprecated) => {
                    for id in deprecated {
                        c.warn("legal.license", licence.pos, Msg::DeprecatedLicence(id));
                    }
                    pc.legal.license = text;
                }
                Err(detail) => c.error("legal.license", licence.pos, Msg::InvalidLicence(detail)),
            }
        }
    }
    pc.legal.main_copyright_owner = c.opt_string(node, "legal", "mainCopyrightOwner");
    pc.legal.repo_owner = c.opt_string(node, "legal", "repoOwner");
    if let Some(authors) = c.field(node, "legal", "authorsFile", false) {
        if let Some(path) = c.string(authors, "legal.authorsFile") {
            if let Some(problem) = missing_file(c, &path) {
                c.error("legal.authorsFile", authors.pos, problem);
            }
        }
    }
}

fn maintenance(root: &Node, c: &mut Checker, pc: &mut PublicCode) {
    let Some(node) = c.section(root, "maintenance", true, &["type", "contractors", "contacts"], &[]) else {
        return;
    };
    let kind = one_of(node, c, "maintenance", "type", MAINTENANCE_TYPES);
    let contractors = c.field(node, "maintenance", "contractors", false);
    let contacts = c.field(node, "maintenance", "contacts", false);
    match kind.as_deref() {
        Some("contract") if contractors.is_none() => {
            c.error("maintenance.contractors", node.pos, Msg::ContractorsRequired)
        }
        Some("internal" | "community") if contacts.is_none() => {
            c.error("maintenance.contacts", node.pos, Msg::ContactsRequired)
        }
        Some("internal" | "community" | "none") if contractors.is_some() => c.error(
            "maintenance.contractors",
            node.key_pos("contractors").unwrap_or(node.pos),
            Msg::ContractorsWithoutContract,
        ),
        _ => {}
    }
    pc.maintenance.kind = kind.clone().unwrap_or_default();
    for (entry, path) in objects(
        contractors,
        c,
        "maintenance.contractors",
        kind.as_deref() == Some("contract"),
    ) {
        c.keys(entry, &path, &["name", "until", "email", "website"], &[]);
        pc.maintenance.contractors.push(Contractor {
            name: c.req_string(entry, &path, "name").unwrap_or_default(),
            until: c
                .checked(entry, &path, "until", true, formats::date, Msg::InvalidDate)
                .unwrap_or_default(),
            email: c.checked(entry, &path, "email", false, formats::email, Msg::InvalidEmail),
            website: c.url(entry, &path, "website"),
        });
    }
    for (entry, path) in objects(
        contacts,
        c,
        "maintenance.contacts",
        matches!(kind.as_deref(), Some("internal" | "community")),
    ) {
        c.keys(entry, &path, &["name", "email", "phone", "affiliation"], &[]);
        pc.maintenance.contacts.push(Contact {
            name: c.req_string(entry, &path, "name").unwrap_or_default(),
            email: c.checked(entry, &path, "email", false, formats::email, Msg::InvalidEmail),
            phone: c.opt_string(entry, &path, "phone"),
            affiliation: c.opt_string(entry, &path, "affiliation"),
        });
    }
}

/// The mappings of a list of objects, each with its key path.
fn objects<'n>(node: Option<&'n Node>, c: &mut Checker, path: &str, non_empty: bool) -> Vec<(&'n Node, String)> {
    let Some(node) = node else { return Vec::new() };
    let Some(items) = c.list(node, path) else {
        return Vec::new();
    };
    if items.is_empty() && non_empty {
        c.error(path, node.pos, Msg::EmptyList);
    }
    let mut out = Vec::new();
    for (i, entry) in items.iter().enumerate() {
        let key = item(path, i);
        if c.mapping(entry, &key).is_some() {
            out.push((entry, key));
        }
    }
    out
}

fn localisation(root: &Node, c: &mut Checker, pc: &mut PublicCode) {
    let Some(node) = c.section(
        root,
        "localisation",
        true,
        &["localisationReady", "availableLanguages"],
        &[],
    ) else {
        return;
    };
    if let Some(ready) = c.field(node, "localisation", "localisationReady", true) {
        pc.localisation.localisation_ready = c.boolean(ready, "localisation.localisationReady").unwrap_or(false);
    }
    if let Some(languages) = c.field(node, "localisation", "availableLanguages", true) {
        for (value, pos, key) in c.strings(languages, "localisation.availableLanguages", false, true) {
            if formats::language_tag(&value) {
                pc.localisation.available_languages.push(value);
            } else {
                c.error(&key, pos, Msg::InvalidLanguage);
            }
        }
    }
}

fn depends_on(root: &Node, c: &mut Checker, pc: &mut PublicCode) {
    let Some(node) = c.section(root, "dependsOn", false, &["open", "proprietary", "hardware"], &[]) else {
        return;
    };
    for kind in ["open", "proprietary", "hardware"] {
        let path = child("dependsOn", kind);
        let list = c.field(node, "dependsOn", kind, false);
        let mut deps = Vec::new();
        for (entry, key) in objects(list, c, &path, false) {
            c.keys(
                entry,
                &key,
                &["name", "versionMin", "versionMax", "version", "optional"],
                &[],
            );
            deps.push(Dependency {
                name: c.req_string(entry, &key, "name").unwrap_or_default(),
                version_min: c.opt_string(entry, &key, "versionMin"),
                version_max: c.opt_string(entry, &key, "versionMax"),
                version: c.opt_string(entry, &key, "version"),
                optional: c
                    .field(entry, &key, "optional", false)
                    .and_then(|n| c.boolean(n, &child(&key, "optional")))
                    .unwrap_or(false),
            });
        }
        match kind {
            "open" => pc.depends_on.open = deps,
            "proprietary" => pc.depends_on.proprietary = deps,
            _ => pc.depends_on.hardware = deps,
        }
    }
}

/// A URI naming an administration; an Italian one's code
/// (`urn:x-italian-pa:<code>`) must be in the IPA register.
fn administration_uri(parent: &Node, c: &mut Checker, path: &str, name: &str, required: bool) -> Option<String> {
    let uri = c.checked(parent, path, name, required, formats::uri, Msg::InvalidUri)?;
    let code = uri
        .get(..17)
        .filter(|p| p.eq_ignore_ascii_case("urn:x-italian-pa:"))
        .map(|_| &uri[17..]);
    if let Some(code) = code {
        if c.resources.italian_pa(code) == Some(false) {
            let pos = parent.get(name).map_or(parent.pos, |n| n.pos);
            c.error(&child(path, name), pos, Msg::UnknownItalianPa);
            return None;
        }
    }
    Some(uri)
}

fn organisation(root: &Node, c: &mut Checker, pc: &mut PublicCode) {
    if let Some(node) = c.field(root, "", "organisation", false) {
        if c.mapping(node, "organisation").is_some() {
            c.keys(node, "organisation", &["uri", "name"], &[]);
            pc.organisation = Some(Organisation {
                uri: administration_uri(node, c, "organisation", "uri", true),
                name: c.opt_string(node, "organisation", "name"),
            });
        }
    } else if let Some(uri) = administration_uri(root, c, "", "organizationUri", false) {
        pc.organisation = Some(Organisation {
            uri: Some(uri),
            name: None,
        });
    }
}
