//! Every rule of the standard with a file that passes it and one that does
//! not. Each case edits the complete valid example, so a failure points at
//! exactly one rule.

use super::*;
use crate::i18n::Locale;

const VALID: &str = include_str!("testdata/valid.yml");
const MINIMAL: &str = include_str!("testdata/minimal.yml");

enum Expect {
    Valid,
    /// Valid, with a warning at this key.
    Warns(&'static str),
    /// An error at this key with this line.
    Error(&'static str, usize),
}

fn edit(from: &str, to: &str) -> String {
    assert!(VALID.contains(from), "the example lacks {from:?}");
    VALID.replacen(from, to, 1)
}

fn check(name: &str, text: &str, expect: Expect) {
    let report = validate(text);
    let errors: Vec<String> = report
        .errors()
        .map(|i| i.to_line("publiccode.yml", Locale::En))
        .collect();
    match expect {
        Expect::Valid => assert!(report.is_valid(), "{name}: expected valid, got {errors:#?}"),
        Expect::Warns(key) => {
            assert!(report.is_valid(), "{name}: expected valid, got {errors:#?}");
            assert!(
                report.warnings().any(|w| w.key == key),
                "{name}: no warning at {key}: {:#?}",
                report.issues
            );
        }
        Expect::Error(key, line) => {
            assert!(!report.is_valid(), "{name}: expected an error at {key}");
            assert!(
                report.errors().any(|e| e.key == key && e.line == line),
                "{name}: expected an error at {key} line {line}, got {errors:#?}"
            );
        }
    }
}

#[test]
fn the_examples_are_valid_without_warnings() {
    for (name, text) in [("valid", VALID), ("minimal", MINIMAL)] {
        let report = validate(text);
        assert!(report.is_valid(), "{name}: {:#?}", report.issues);
        assert!(report.issues.is_empty(), "{name}: {:#?}", report.issues);
    }
    let doc = validate(VALID).document.unwrap();
    assert_eq!(doc.name, "Bauantrag Online");
    assert_eq!(doc.platforms, ["web"]);
    assert_eq!(doc.is_based_on, ["https://opencode.de/hamburg/baugenehmigung.git"]);
    assert_eq!(doc.description["de"].features.len(), 3);
    assert_eq!(doc.maintenance.contractors[0].until, "2027-12-31");
    assert_eq!(doc.depends_on.proprietary[0].version.as_deref(), Some("4"));
    assert!(doc.depends_on.proprietary[0].optional);
    assert_eq!(
        doc.organisation.as_ref().unwrap().uri.as_deref(),
        Some("https://www.kiel.de")
    );
    assert_eq!(doc.supports[0].id, "urn:xoev-de:bmk:standard:xbau");
    assert_eq!(doc.supports[2].label(), "GDPR");
    assert_eq!(doc.funded_by[0].name.as_deref(), Some("Land Schleswig-Holstein"));
    assert_eq!(validate(MINIMAL).document.unwrap().platforms, ["web"]);
}

#[test]
fn every_rule_passes_and_fails() {
    use Expect::*;
    let cases: Vec<(&str, String, Expect)> = vec![
        // publiccodeYmlVersion
        ("version 0.7.0", edit("\"0.7\"", "\"0.7.0\""), Valid),
        ("version 0, the current 0.x", edit("\"0.7\"", "\"0\""), Valid),
        ("version 0.6 was never released", edit("\"0.7\"", "\"0.6\""), Error("publiccodeYmlVersion", 1)),
        ("version as a YAML number", edit("\"0.7\"", "0.7"), Valid),
        ("older version warns", edit("\"0.7\"", "\"0.4\""), Warns("publiccodeYmlVersion")),
        ("unknown version", edit("\"0.7\"", "\"1.0\""), Error("publiccodeYmlVersion", 1)),
        ("version missing", edit("publiccodeYmlVersion: \"0.7\"\n", ""), Error("publiccodeYmlVersion", 1)),
        // name
        ("name missing", edit("name: Bauantrag Online\n", ""), Error("name", 1)),
        ("name empty", edit("name: Bauantrag Online", "name: \"\""), Error("name", 2)),
        ("name as list", edit("name: Bauantrag Online", "name: [a]"), Error("name", 2)),
        // url
        ("url git scheme", edit("url: https://opencode.de/kiel/bauantrag-online.git", "url: git://opencode.de/kiel/b.git"), Valid),
        ("url without scheme", edit("url: https://opencode.de/kiel/bauantrag-online.git", "url: opencode.de/kiel"), Error("url", 4)),
        ("url missing", edit("url: https://opencode.de/kiel/bauantrag-online.git\n", ""), Error("url", 1)),
        ("landingURL invalid", edit("landingURL: https://bauantrag.kiel.example", "landingURL: bauantrag"), Error("landingURL", 5)),
        // isBasedOn
        (
            "isBasedOn list",
            edit("isBasedOn: https://opencode.de/hamburg/baugenehmigung.git", "isBasedOn: [https://a.example/x.git, https://b.example/y.git]"),
            Valid,
        ),
        ("isBasedOn invalid", edit("isBasedOn: https://opencode.de/hamburg/baugenehmigung.git", "isBasedOn: [nothing]"), Error("isBasedOn[0]", 6)),
        // releaseDate
        ("releaseDate invalid day", edit("\"2026-03-15\"", "\"2026-02-30\""), Error("releaseDate", 8)),
        ("releaseDate other format", edit("\"2026-03-15\"", "\"15.03.2026\""), Error("releaseDate", 8)),
        // logo
        ("logo png url", edit("logo: img/logo.svg", "logo: https://opencode.de/kiel/raw/logo.png"), Valid),
        ("logo jpg", edit("logo: img/logo.svg", "logo: img/logo.jpg"), Error("logo", 9)),
        ("monochromeLogo deprecated", edit("logo: img/logo.svg", "logo: img/logo.svg\nmonochromeLogo: img/mono.svg"), Warns("monochromeLogo")),
        // inputTypes / outputTypes
        ("inputTypes deprecated", edit("platforms:", "inputTypes: [text/plain]\nplatforms:"), Warns("inputTypes")),
        ("outputTypes bad media type", edit("platforms:", "outputTypes: [plain]\nplatforms:"), Error("outputTypes[0]", 10)),
        // platforms
        ("platforms as a string", edit("platforms:\n  - web", "platforms: web"), Error("platforms", 10)),
        ("platforms any value", edit("  - web\n", "  - web\n  - mainframe\n"), Valid),
        ("platforms empty", edit("platforms:\n  - web", "platforms: []"), Error("platforms", 10)),
        ("platforms missing", edit("platforms:\n  - web\n", ""), Error("platforms", 1)),
        // categories
        ("categories unknown", edit("  - workflow-management", "  - bureaucracy"), Error("categories[1]", 14)),
        ("categories empty", edit("categories:\n  - document-management\n  - workflow-management", "categories: []"), Valid),
        ("categories missing", edit("categories:\n  - document-management\n  - workflow-management\n", ""), Valid),
        ("categories duplicate warns", edit("  - workflow-management", "  - document-management"), Warns("categories[1]")),
        // usedBy, roadmap
        ("usedBy not a list", edit("usedBy:\n  - Landeshauptstadt Kiel", "usedBy: {a: b}"), Error("usedBy", 15)),
        ("roadmap invalid", edit("roadmap: https://bauantrag.kiel.example/roadmap", "roadmap: soon"), Error("roadmap", 17)),
        // developmentStatus
        ("developmentStatus beta", edit("developmentStatus: stable", "developmentStatus: beta"), Valid),
        ("developmentStatus unknown", edit("developmentStatus: stable", "developmentStatus: finished"), Error("developmentStatus", 18)),
        ("developmentStatus missing", edit("developmentStatus: stable\n", ""), Error("developmentStatus", 1)),
        // softwareType
        ("softwareType library", edit("softwareType: standalone/web", "softwareType: library"), Valid),
        ("softwareType unknown", edit("softwareType: standalone/web", "softwareType: website"), Error("softwareType", 19)),
        ("softwareType missing", edit("softwareType: standalone/web\n", ""), Error("softwareType", 1)),
        // intendedAudience
        ("countries lowercase warns", edit("    - DE\n  unsupported", "    - de\n  unsupported"), Warns("intendedAudience.countries[0]")),
        ("countries mixed case", edit("    - DE\n  unsupported", "    - De\n  unsupported"), Error("intendedAudience.countries[0]", 22)),
        ("countries unknown", edit("    - DE\n  unsupported", "    - XX\n  unsupported"), Error("intendedAudience.countries[0]", 22)),
        ("unsupportedCountries unknown", edit("    - US", "    - USA"), Error("intendedAudience.unsupportedCountries[0]", 24)),
        ("scope unknown", edit("    - local-authorities", "    - municipalities"), Error("intendedAudience.scope[0]", 26)),
        ("intendedAudience unknown key", edit("  scope:", "  regions: [north]\n  scope:"), Error("intendedAudience.regions", 25)),
        // description
        ("description language invalid", edit("  en:\n    shortDescription", "  english:\n    shortDescription"), Error("description.english", 48)),
        ("description regional language", edit("  en:\n    shortDescription", "  en-GB:\n    shortDescription"), Valid),
        ("description missing", VALID.split("description:").next().unwrap().to_string() + &VALID[VALID.find("legal:").unwrap()..], Error("description", 1)),
        ("shortDescription missing", edit("    shortDescription: Digital building permit applications for local building authorities.\n", "    localisedName: Building Permit\n"), Error("description.en.shortDescription", 49)),
        ("shortDescription 150 characters", edit("Digital building permit applications for local building authorities.", &"ä".repeat(150)), Valid),
        ("shortDescription 151 characters", edit("Digital building permit applications for local building authorities.", &"ä".repeat(151)), Error("description.en.shortDescription", 49)),
        ("longDescription too short", edit(">\n      Bauantrag Online nimmt", "Zu kurz.\n    x-unused: >\n      Bauantrag Online nimmt"), Error("description.de.longDescription", 31)),
        ("longDescription too long", edit("Vollständigkeit und", &format!("{} und", "Vollständigkeit ".repeat(700))), Error("description.de.longDescription", 31)),
        ("a language without longDescription", edit("    longDescription: >\n", "    awards2: >\n").replace("    awards2: >\n", "    x: >\n"), Error("description.de.longDescription", 29)),
        ("a language without features", edit("    features:\n      - Antragstellung über XBau\n      - Beteiligung der Fachbehörden\n      - Elektronischer Bescheid\n", ""), Error("description.de.features", 29)),
        ("features empty", edit("    features:\n      - Antragstellung über XBau\n      - Beteiligung der Fachbehörden\n      - Elektronischer Bescheid", "    features: []"), Error("description.de.features", 38)),
        ("genericName deprecated", edit("    localisedName: Bauantrag Online", "    localisedName: Bauantrag Online\n    genericName: Fachverfahren"), Warns("description.de.genericName")),
        ("genericName over 35", edit("    localisedName: Bauantrag Online", &format!("    localisedName: Bauantrag Online\n    genericName: {}", "x".repeat(36))), Error("description.de.genericName", 30)),
        ("documentation invalid", edit("documentation: https://bauantrag.kiel.example/doku", "documentation: doku.pdf"), Error("description.de.documentation", 36)),
        ("apiDocumentation invalid", edit("apiDocumentation: https://bauantrag.kiel.example/api", "apiDocumentation: api"), Error("description.de.apiDocumentation", 37)),
        ("screenshot gif", edit("img/antrag.png", "img/antrag.gif"), Error("description.de.screenshots[0]", 43)),
        ("video not a URL", edit("https://vimeo.com/76979871", "video.mp4"), Error("description.de.videos[0]", 45)),
        ("description unknown key", edit("    awards:", "    prizes: [x]\n    awards:"), Error("description.de.prizes", 46)),
        // legal
        ("license expression", edit("license: EUPL-1.2", "license: (EUPL-1.2 OR MIT) AND Apache-2.0"), Valid),
        ("license deprecated id warns", edit("license: EUPL-1.2", "license: GPL-3.0"), Warns("legal.license")),
        ("license unknown", edit("license: EUPL-1.2", "license: EUPL"), Error("legal.license", 53)),
        ("license missing", edit("  license: EUPL-1.2\n", ""), Error("legal.license", 53)),
        ("legal missing", edit("legal:\n  license: EUPL-1.2\n  mainCopyrightOwner: Landeshauptstadt Kiel\n", ""), Error("legal", 1)),
        ("authorsFile deprecated", edit("  # repoOwner is deprecated: organisation.name names who owns the code", "  authorsFile: AUTHORS"), Warns("legal.authorsFile")),
        ("repoOwner deprecated", edit("  # repoOwner is deprecated: organisation.name names who owns the code", "  repoOwner: Landeshauptstadt Kiel"), Warns("legal.repoOwner")),
        // maintenance
        ("maintenance type unknown", edit("  type: contract", "  type: paid"), Error("maintenance.type", 57)),
        ("contract without contractors", edit("  type: contract", "  type: contract\n  x: 1").replace("  contractors:", "  formerContractors:"), Error("maintenance.contractors", 57)),
        ("contractors without a contract", edit("  type: contract", "  type: internal"), Error("maintenance.contractors", 58)),
        (
            "internal without contacts",
            edit("  type: contract", "  type: internal").replace("  contacts:\n    - name: Olaf Ohlsen\n      email: olaf.ohlsen@kiel.example\n      phone: \"+49 431 9010\"\n      affiliation: Landeshauptstadt Kiel\n", ""),
            Error("maintenance.contacts", 57),
        ),
        ("contractor until missing", edit("      until: \"2027-12-31\"\n", ""), Error("maintenance.contractors[0].until", 59)),
        ("contractor until invalid", edit("\"2027-12-31\"", "\"Ende 2027\""), Error("maintenance.contractors[0].until", 60)),
        ("contractor email invalid", edit("bauantrag@dataport.example", "bauantrag(at)dataport"), Error("maintenance.contractors[0].email", 61)),
        ("contractor website invalid", edit("website: https://dataport.example", "website: dataport"), Error("maintenance.contractors[0].website", 62)),
        ("contact name missing", edit("    - name: Olaf Ohlsen\n      email", "    - email"), Error("maintenance.contacts[0].name", 64)),
        ("contact email invalid", edit("olaf.ohlsen@kiel.example", "olaf"), Error("maintenance.contacts[0].email", 65)),
        ("contact unknown key", edit("      affiliation: Landeshauptstadt Kiel", "      affiliation: Landeshauptstadt Kiel\n      fax: \"0431\""), Error("maintenance.contacts[0].fax", 68)),
        ("maintenance missing", VALID.split("maintenance:").next().unwrap().to_string() + &VALID[VALID.find("localisation:").unwrap()..], Error("maintenance", 1)),
        // localisation
        ("localisationReady as text", edit("localisationReady: true", "localisationReady: \"true\""), Error("localisation.localisationReady", 69)),
        ("localisationReady missing", edit("  localisationReady: true\n", ""), Error("localisation.localisationReady", 69)),
        ("availableLanguages invalid", edit("    - de\n    - en\ndependsOn", "    - deutsch\n    - en\ndependsOn"), Error("localisation.availableLanguages[0]", 71)),
        ("availableLanguages empty", edit("  availableLanguages:\n    - de\n    - en", "  availableLanguages: []"), Error("localisation.availableLanguages", 70)),
        // dependsOn
        ("dependency name missing", edit("    - name: PostgreSQL\n", "    - versionMax: \"16\"\n"), Error("dependsOn.open[0].name", 75)),
        ("dependency optional not bool", edit("      optional: false", "      optional: no-idea"), Error("dependsOn.open[0].optional", 77)),
        ("dependsOn unknown kind", edit("  hardware:", "  cloud: []\n  hardware:"), Error("dependsOn.cloud", 82)),
        ("dependsOn not a mapping", VALID.split("dependsOn:").next().unwrap().to_string() + "dependsOn: [x]\n" + &VALID[VALID.find("organisation:").unwrap()..], Error("dependsOn", 73)),
        // organisation
        ("organisation as URN", edit("  uri: https://www.kiel.de", "  uri: urn:x-allmende:kiel"), Valid),
        ("organisation uri missing", edit("  uri: https://www.kiel.de\n", ""), Error("organisation.uri", 85)),
        ("organisation uri invalid", edit("  uri: https://www.kiel.de", "  uri: kiel"), Error("organisation.uri", 85)),
        ("organizationUri deprecated", edit("organisation:\n  uri: https://www.kiel.de\n  name: Landeshauptstadt Kiel", "organizationUri: https://www.kiel.de"), Warns("organizationUri")),
        // fundedBy, supports
        ("fundedBy name missing", edit("  - name: Land Schleswig-Holstein\n    uri", "  - uri"), Valid),
        ("fundedBy uri missing", edit("    uri: https://schleswig-holstein.example\n", ""), Error("fundedBy[0].uri", 88)),
        ("fundedBy uri invalid", edit("uri: https://schleswig-holstein.example", "uri: sh"), Error("fundedBy[0].uri", 89)),
        ("supports as plain names", edit("  - id: urn:xoev-de:bmk:standard:xbau", "  - XBau"), Error("supports[0]", 91)),
        ("supports not a list", edit("supports:\n  - id: urn:xoev-de:bmk:standard:xbau", "supports: XBau\nx-unused:\n  - id: urn:xoev-de:bmk:standard:xbau"), Error("supports", 90)),
        // Types of the optional strings and lists.
        ("applicationSuite as list", edit("applicationSuite: Digitale Baugenehmigung", "applicationSuite: [a]"), Error("applicationSuite", 3)),
        ("softwareVersion as mapping", edit("softwareVersion: \"2.4.1\"", "softwareVersion: {a: 1}"), Error("softwareVersion", 7)),
        ("usedBy entry empty", edit("  - Landeshauptstadt Kiel\nroadmap", "  - \"\"\nroadmap"), Error("usedBy[0]", 16)),
        ("localisedName as list", edit("    localisedName: Bauantrag Online", "    localisedName: [x]"), Error("description.de.localisedName", 29)),
        ("awards not a list", edit("    awards:\n      - eGovernment-Wettbewerb 2025", "    awards: Preis"), Error("description.de.awards", 46)),
        ("mainCopyrightOwner as list", edit("  mainCopyrightOwner: Landeshauptstadt Kiel", "  mainCopyrightOwner: [x]"), Error("legal.mainCopyrightOwner", 54)),
        ("repoOwner empty is ignored", edit("  # repoOwner is deprecated: organisation.name names who owns the code", "  repoOwner: \"\""), Warns("legal.repoOwner")),
        ("an empty phone is ignored", edit("      phone: \"+49 431 9010\"", "      phone: ''"), Warns("maintenance.contacts[0].phone")),
        ("maintenance none with contractors", edit("  type: contract", "  type: none"), Error("maintenance.contractors", 58)),
        ("contractor name missing", edit("    - name: Dataport AöR\n      until", "    - until"), Error("maintenance.contractors[0].name", 59)),
        ("contact phone as list", edit("      phone: \"+49 431 9010\"", "      phone: [1]"), Error("maintenance.contacts[0].phone", 66)),
        ("dependency version as list", edit("      version: \"4\"", "      version: [4]"), Error("dependsOn.proprietary[0].version", 80)),
        ("organisation name as list", edit("  name: Landeshauptstadt Kiel\nfundedBy", "  name: [x]\nfundedBy"), Error("organisation.name", 86)),
        ("supports id missing", edit("  - id: alias:gdpr", "  - name: DSGVO"), Error("supports[2].id", 93)),
        ("supports unknown alias", edit("alias:gdpr", "alias:dsgvo"), Error("supports[2].id", 93)),
        ("supports id not a URI", edit("id: urn:xoev-de:bmk:standard:xbau", "id: xbau"), Error("supports[0].id", 91)),
        ("logo absolute path", edit("logo: img/logo.svg", "logo: /img/logo.svg"), Error("logo", 9)),
        ("logo file URL", edit("logo: img/logo.svg", "logo: file:/img/logo.svg"), Error("logo", 9)),
        // unknown keys, country extension
        ("unknown top-level key", edit("name: Bauantrag Online", "name: Bauantrag Online\nnmae: typo"), Error("nmae", 3)),
        ("italian section", format!("{VALID}IT:\n  countryExtensionVersion: \"1.0\"\n  piattaforme:\n    spid: true\n"), Valid),
        ("italian section in lower case warns", format!("{VALID}it:\n  piattaforme:\n    spid: true\n"), Warns("it")),
        ("italian conforme is deprecated", format!("{VALID}IT:\n  conforme:\n    gdpr: true\n"), Warns("IT.conforme")),
        ("italian section unknown key", format!("{VALID}IT:\n  riusso: {{}}\n"), Error("IT.riusso", 95)),
        ("italian extension version unknown", format!("{VALID}IT:\n  countryExtensionVersion: \"3\"\n"), Error("IT.countryExtensionVersion", 95)),
        ("italian extension not a mapping", format!("{VALID}it: true\n"), Error("it", 94)),
    ];
    assert!(cases.len() >= 110, "{} cases", cases.len());
    let failures: Vec<String> = cases
        .into_iter()
        .filter_map(|(name, text, expect)| {
            std::panic::catch_unwind(|| check(name, &text, expect))
                .err()
                .map(|e| e.downcast_ref::<String>().cloned().unwrap_or_else(|| name.to_string()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} failing rules:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn file_level_rules() {
    let first = |r: Report| r.issues.into_iter().next().unwrap();
    let issue = first(validate_bytes(b"name: \xff\xfe\n"));
    assert!(matches!(issue.message, Msg::NotUtf8 { offset: 6 }));
    assert_eq!((issue.line, issue.column), (1, 7));
    assert!(matches!(
        first(validate_bytes(&vec![b'#'; MAX_BYTES + 1])).message,
        Msg::TooLarge { .. }
    ));
    assert!(matches!(
        first(validate(&format!("{VALID}---\nname: x\n"))).message,
        Msg::MultipleDocuments
    ));
    assert!(matches!(first(validate("")).message, Msg::Empty));
    assert!(matches!(first(validate("- a\n- b\n")).message, Msg::RootNotMapping));
    assert!(matches!(
        first(validate("name: a\nname: b\n")).message,
        Msg::DuplicateKey
    ));
    let syntax = first(validate("name: [unclosed\n"));
    assert!(matches!(syntax.message, Msg::Syntax(_)));
    assert_eq!(syntax.line, 2);
    // A BOM is allowed (editors on Windows write one).
    assert!(validate(&format!("\u{feff}{VALID}")).is_valid());
    // Anchors and aliases are YAML; a small use is fine.
    let aliased = edit("  name: Landeshauptstadt Kiel\nfundedBy", "  name: *owner\nfundedBy").replace(
        "mainCopyrightOwner: Landeshauptstadt Kiel",
        "mainCopyrightOwner: &owner Landeshauptstadt Kiel",
    );
    assert!(validate(&aliased).is_valid());
}

#[test]
fn messages_read_in_both_languages_in_both_formats() {
    let report = validate(&edit("developmentStatus: stable", "developmentStatus: finished"));
    let issue = report.errors().next().unwrap();
    assert_eq!(
        issue.to_line("publiccode.yml", Locale::En),
        "publiccode.yml:18:20: error: developmentStatus: must be one of: concept, development, beta, stable, obsolete"
    );
    assert_eq!(
        issue.to_line("publiccode.yml", Locale::De),
        "publiccode.yml:18:20: error: developmentStatus: Erlaubt sind: concept, development, beta, stable, obsolete."
    );
    let json = serde_json_like(&issue.to_json(Locale::En));
    assert_eq!(json, "error|developmentStatus|18|20");
}

fn serde_json_like(issue: &IssueJson) -> String {
    let severity = match issue.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!("{severity}|{}|{}|{}", issue.key, issue.line, issue.column)
}

#[test]
fn descriptions_fall_back_to_another_language() {
    let doc = validate(VALID).document.unwrap();
    assert_eq!(doc.description_in("en").unwrap().0, "en");
    assert_eq!(doc.description_in("fr").unwrap().0, "de");
    let minimal = validate(MINIMAL).document.unwrap();
    assert_eq!(minimal.description_in("de").unwrap().0, "en");
}

/// The checks beyond the file: skipped where their resources are missing
/// (the editor), refusing with their own messages where they are at hand.
#[test]
fn checks_beyond_the_file_run_where_their_resources_are() {
    let text = VALID
        .replacen("uri: https://www.kiel.de", "uri: urn:x-italian-pa:no_such_pa", 1)
        .replacen("https://vimeo.com/76979871", "https://video.kiel.example/bauantrag", 1);
    assert!(
        validate(&text).is_valid(),
        "the editor has neither registers nor the repository"
    );
    let files = std::collections::BTreeMap::from([(
        "img/antrag.png".to_string(),
        RepoFile::Found {
            head: b"a screenshot".to_vec(),
        },
    )]);
    let report = validate_with(&text, &Registers::with_files(&files));
    let errors: Vec<(&str, &Msg)> = report.errors().map(|i| (i.key.as_str(), &i.message)).collect();
    assert_eq!(
        errors,
        vec![
            ("logo", &Msg::FileMissing),
            ("description.de.videos[0]", &Msg::NotOembed),
            ("organisation.uri", &Msg::UnknownItalianPa),
        ]
    );
    for (_, msg) in errors {
        let (de, en) = (msg.describe(Locale::De), msg.describe(Locale::En));
        assert!(de != en && de.ends_with('.') && !en.ends_with('.'), "{de} / {en}");
    }
    let mut with_logo = files.clone();
    with_logo.insert("img/logo.svg".to_string(), RepoFile::Unread);
    let fixed = text
        .replacen("urn:x-italian-pa:no_such_pa", "urn:x-italian-pa:pcm", 1)
        .replacen(
            "https://video.kiel.example/bauantrag",
            "https://www.youtube.com/watch?v=RaHmGbBOP84",
            1,
        );
    assert!(validate_with(&fixed, &Registers::with_files(&with_logo)).is_valid());
    assert_eq!(
        referenced_files(fixed.as_bytes(), 64),
        vec!["img/logo.svg", "img/antrag.png"]
    );
}
