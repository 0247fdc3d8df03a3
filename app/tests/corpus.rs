//! Real publiccode.yml files from public repositories of administrations in
//! twelve countries (`tests/publiccode-corpus/`, each source in
//! `sources.tsv`). Every file the standard allows is accepted; every file
//! refused is listed below with the first rule it breaks, a rule the
//! reference parser enforces too (its `v0.go` struct tags, `fields.go`, or
//! the YAML decoder it strictly decodes with). The repositories themselves
//! are not at hand, so the checks of logos and screenshots in them are
//! skipped, as the reference skips them for a remote file with
//! `DisableNetwork`; the registers (iPA, oEmbed) are consulted.

use app::catalog::publiccode::{validate_bytes_with, Registers, Severity};
use std::collections::BTreeSet;
use std::path::Path;

/// (file, key of the first error, the rule and where the reference has it)
const REFUSED: &[(&str, &str, &str)] = &[
    (
        "at/BW-Projects__aTrain.yml",
        "",
        "YAML: a line of the folded longDescription is indented less than the block, so it is neither text nor a key",
    ),
    (
        "de/Governikus__AusweisApp.yml",
        "categories[0]",
        "`citizen-services` is not in the standard's categories (v0.go `is_category_v0`)",
    ),
    (
        "de/berlinonline__ckanext-berlin_dataset_schema.yml",
        "localisation.availableLanguages",
        "required (v0.go `required,gt=0`)",
    ),
    (
        "de/berlinonline__ckanext-fisbroker.yml",
        "platforms",
        "required (v0.go `gt=0`)",
    ),
    (
        "de/public-ui__kolibri.yml",
        "documentationURL",
        "unknown top-level key (strict decoding; it belongs in description.*.documentation)",
    ),
    (
        "de/technologiestiftung__umweltatlas-masterportal.yml",
        "localisation.availableLanguages[7]",
        "`ua` is no language subtag (Ukrainian is `uk`; v0.go `bcp47_strict_language_tag`)",
    ),
    (
        "fr/EsupPortail__Esup-Pod.yml",
        "creationDate",
        "unknown key (strict decoding; not in the standard)",
    ),
    (
        "fr/InseeFrLab__onyxia.yml",
        "creationDate",
        "unknown key (strict decoding; not in the standard)",
    ),
    (
        "fr/SocialGouv__archifiltre-docs.yml",
        "platforms",
        "required (v0.go `gt=0`)",
    ),
    (
        "fr/codegouvfr__awesome-codegouvfr.yml",
        "platforms",
        "required (v0.go `gt=0`)",
    ),
    (
        "fr/suitenumerique__docs.yml",
        "platforms",
        "required (v0.go `gt=0`); also `publiccodeYmlVersion: \"2.4.0\"`",
    ),
    (
        "it/ARPA-SIMC__portale-allerta-meteo.yml",
        "localisation.localisationReady",
        "`yes` is a string in YAML 1.2, not a boolean (v0.go `*bool`)",
    ),
    (
        "it/ASL2-Liguria__onesys.yml",
        "it.riuso.codiceIPA",
        "`asl_2sav` is not in the iPA register (v0.go `is_italian_ipa_code`)",
    ),
    (
        "it/Arpapiemonte__weboll.yml",
        "",
        "YAML: `riuso:` is indented under a scalar value",
    ),
    (
        "it/Azienda-USL-di-Bologna__DAE-RespondER.yml",
        "",
        "YAML: the folded longDescription continues at column 1, outside its block",
    ),
    (
        "it/CameraCommercioRomagna__JAVA-CMS-Camera-di-Commercio.yml",
        "description.it.features",
        "a mapping where a list is required (v0.go `*[]string`)",
    ),
    (
        "it/CittaMetropolitanaVenezia__WebMappVenezia.yml",
        "isBasedOn[0]",
        "`sencha` is no URL (v0.go `dive,url_url`)",
    ),
    (
        "it/Comune-Milano__gefo.yml",
        "",
        "not UTF-8 (Latin-1 bytes; the reference refuses such files, testdata `file_encoding.yml`)",
    ),
    (
        "it/italia__18app.yml",
        "publiccode-yaml-version",
        "the 0.1 draft's key; version 0.1 is not supported (v0.go `oneof=0 0.2 …`)",
    ),
    (
        "lt/CARD-AI__BLKT-VMS-Validavimas.yml",
        "url",
        "the URL starts with a space (v0.go `url_url`)",
    ),
    (
        "nl/Amsterdam__alletaal-lint.yml",
        "categories[0]",
        "`text-processing` is not in the standard's categories (v0.go `is_category_v0`)",
    ),
    (
        "nl/developer-overheid-nl__publiccode-checker.yml",
        "platforms",
        "required (v0.go `gt=0`)",
    ),
    (
        "nl/maykinmedia__objects-api.yml",
        "maintenance.contractors[0].until",
        "required (v0.go ContractorV0 `required,date`)",
    ),
    (
        "nl/maykinmedia__open-forms.yml",
        "maintenance.contractors[0].until",
        "required (v0.go ContractorV0 `required,date`)",
    ),
    (
        "nl/maykinmedia__open-inwoner.yml",
        "softwareType",
        "`standalone` is not a software type (v0.go `oneof=standalone/mobile …`)",
    ),
    (
        "nl/open-zaak__open-zaak.yml",
        "maintenance.contractors[0].until",
        "required (v0.go ContractorV0 `required,date`)",
    ),
    (
        "se/AI-Riksarkivet__htrflow.yml",
        "maintenance.contacts",
        "required for maintenance type `internal` (v0.go `required_if=Type internal`)",
    ),
    (
        "us/CodeForBaltimore__Bmore-Responsive.yml",
        "landingUrl",
        "unknown key (strict decoding; the standard spells it `landingURL`)",
    ),
    (
        "us/CodeForBaltimore__Healthcare-Rollcall.yml",
        "landingUrl",
        "unknown key (strict decoding; the standard spells it `landingURL`)",
    ),
];

fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/publiccode-corpus")
}

/// The files `sources.tsv` names, which are exactly the files present.
fn files() -> Vec<String> {
    let sources = std::fs::read_to_string(corpus().join("sources.tsv")).unwrap();
    let mut rows = sources.lines();
    assert_eq!(rows.next(), Some("file\trepository\tcommit\tpath\tlicence"));
    let named: Vec<String> = rows
        .map(|row| {
            let columns: Vec<&str> = row.split('\t').collect();
            assert_eq!(columns.len(), 5, "{row}");
            assert!(columns[1].starts_with("github:"), "a named source: {row}");
            columns[0].to_string()
        })
        .collect();
    let mut present = BTreeSet::new();
    for country in std::fs::read_dir(corpus().join("files")).unwrap() {
        let country = country.unwrap();
        for file in std::fs::read_dir(country.path()).unwrap() {
            present.insert(format!(
                "{}/{}",
                country.file_name().to_string_lossy(),
                file.unwrap().file_name().to_string_lossy()
            ));
        }
    }
    assert_eq!(
        named.iter().cloned().collect::<BTreeSet<_>>(),
        present,
        "sources.tsv and files/ agree"
    );
    named
}

#[test]
fn real_files_are_accepted_unless_they_break_a_rule_of_the_standard() {
    let files = files();
    assert!(files.len() >= 70, "{}", files.len());
    let countries: BTreeSet<&str> = files.iter().map(|f| f.split('/').next().unwrap()).collect();
    assert!(countries.len() >= 10, "{countries:?}");
    let mut problems = Vec::new();
    let mut accepted = 0;
    for file in &files {
        let bytes = std::fs::read(corpus().join("files").join(file)).unwrap();
        let report = validate_bytes_with(&bytes, &Registers::default());
        let errors: Vec<String> = report
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .map(|i| i.key.clone())
            .collect();
        match REFUSED.iter().find(|(f, _, _)| f == file) {
            Some((_, key, _)) => {
                if errors.first().map(String::as_str) != Some(*key) {
                    problems.push(format!("{file}: listed as refused for `{key}`, errors {errors:?}"));
                }
            }
            None if report.document.is_some() => accepted += 1,
            None => problems.push(format!("{file}: refused for {errors:?}, not listed")),
        }
    }
    for (listed, _, _) in REFUSED {
        assert!(files.iter().any(|f| f == listed), "{listed} is not in the corpus");
    }
    println!(
        "corpus: {accepted} of {} files accepted, {} refused as listed, in {} countries",
        files.len(),
        REFUSED.len(),
        countries.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
