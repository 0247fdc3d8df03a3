//! What the validator reports: an issue per finding, with its key path,
//! position and a message that reads well in German and in English.

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    pub severity: Severity,
    /// Dotted key path as other validators print it: `maintenance.contacts[0].name`.
    pub key: String,
    pub line: usize,
    pub column: usize,
    pub message: Msg,
}

/// The JSON shape of an issue (`{type, key, description, line, column}`),
/// the same as the Go validator's so existing CI tooling reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueJson {
    #[serde(rename = "type")]
    pub severity: Severity,
    pub key: String,
    pub description: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    NotUtf8 { offset: usize },
    TooLarge { limit: usize },
    Syntax(String),
    MultipleDocuments,
    Empty,
    TooDeep,
    TooManyNodes,
    DuplicateKey,
    ComplexKey,
    UnknownAnchor,
    NulCharacter,
    RootNotMapping,
    Missing,
    UnknownKey,
    Deprecated { instead: Option<&'static str> },
    ExpectedString,
    ExpectedBool,
    ExpectedList,
    ExpectedMapping,
    EmptyValue,
    EmptyIgnored,
    EmptyList,
    NotOneOf { allowed: &'static [&'static str] },
    UnknownCategory,
    UnknownScope,
    TooLong { max: usize, actual: usize },
    TooShort { min: usize, actual: usize },
    InvalidUrl,
    InvalidUri,
    InvalidDate,
    InvalidEmail,
    InvalidLanguage,
    InvalidCountry,
    CountryLowercase,
    CountrySectionLowercase,
    DuplicateCountrySection,
    InvalidMediaType,
    LogoFormat,
    LocalPath,
    FileMissing,
    NotPng,
    UnknownItalianPa,
    NotOembed,
    ScreenshotFormat,
    InvalidLicence(String),
    DeprecatedLicence(String),
    UnsupportedVersion { supported: &'static [&'static str] },
    OlderVersion { current: &'static str },
    ContractorsRequired,
    ContactsRequired,
    ContractorsWithoutContract,
    DuplicateEntry,
    Unreachable(String),
}

impl Msg {
    pub fn describe(&self, locale: Locale) -> String {
        let de = locale == Locale::De;
        let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
        match self {
            Msg::NotUtf8 { offset } => {
                if de {
                    format!("Die Datei ist nicht in UTF-8 kodiert (ungültiges Byte an Position {offset}).")
                } else {
                    format!("the file is not UTF-8 encoded (invalid byte at offset {offset})")
                }
            }
            Msg::TooLarge { limit } => {
                if de {
                    format!("Die Datei ist größer als {} KiB.", limit / 1024)
                } else {
                    format!("the file is larger than {} KiB", limit / 1024)
                }
            }
            Msg::Syntax(info) => {
                if de {
                    format!("Kein gültiges YAML: {info}")
                } else {
                    format!("invalid YAML: {info}")
                }
            }
            Msg::MultipleDocuments => pick(
                "Die Datei enthält mehr als ein YAML-Dokument; erlaubt ist genau eines.",
                "the file holds more than one YAML document; exactly one is allowed",
            ),
            Msg::Empty => pick("Die Datei ist leer.", "the file is empty"),
            Msg::TooDeep => pick("Die Datei ist zu tief verschachtelt.", "the file is nested too deeply"),
            Msg::TooManyNodes => pick(
                "Die Datei hat zu viele Elemente (auch durch Aliase vervielfachte).",
                "the file has too many elements (aliases counted as what they expand to)",
            ),
            Msg::DuplicateKey => pick("Dieser Schlüssel kommt doppelt vor.", "this key appears twice"),
            Msg::ComplexKey => pick("Schlüssel müssen einfache Texte sein.", "keys must be plain strings"),
            Msg::UnknownAnchor => pick("Der Alias verweist auf keinen Anker.", "the alias refers to no anchor"),
            Msg::NulCharacter => pick(
                "Der Text enthält ein NUL-Zeichen (\\0), das kein Feld enthalten darf.",
                "the text contains a NUL character (\\0), which no field may hold",
            ),
            Msg::RootNotMapping => pick(
                "Die Datei muss eine Zuordnung von Schlüsseln sein.",
                "the file must be a mapping of keys",
            ),
            Msg::Missing => pick("Pflichtangabe fehlt.", "required key is missing"),
            Msg::UnknownKey => pick(
                "Unbekannter Schlüssel (Tippfehler? Die Schreibweise ist case-sensitiv).",
                "unknown key (a typo? keys are case-sensitive)",
            ),
            Msg::Deprecated { instead: None } => pick("Veralteter Schlüssel.", "deprecated key"),
            Msg::Deprecated { instead: Some(key) } => {
                if de {
                    format!("Veralteter Schlüssel; stattdessen „{key}“ verwenden.")
                } else {
                    format!("deprecated key; use `{key}` instead")
                }
            }
            Msg::ExpectedString => pick("Muss ein Text sein.", "must be a string"),
            Msg::ExpectedBool => pick("Muss true oder false sein.", "must be true or false"),
            Msg::ExpectedList => pick("Muss eine Liste sein.", "must be a list"),
            Msg::ExpectedMapping => pick("Muss eine Zuordnung von Schlüsseln sein.", "must be a mapping of keys"),
            Msg::EmptyValue => pick("Darf nicht leer sein.", "must not be empty"),
            Msg::EmptyList => pick("Die Liste braucht mindestens einen Eintrag.", "the list needs at least one entry"),
            Msg::NotOneOf { allowed } => {
                if de {
                    format!("Erlaubt sind: {}.", allowed.join(", "))
                } else {
                    format!("must be one of: {}", allowed.join(", "))
                }
            }
            Msg::UnknownCategory => pick(
                "Keine Kategorie der Liste des Standards.",
                "not a category from the standard's list",
            ),
            Msg::UnknownScope => pick(
                "Kein Anwendungsbereich der Liste des Standards.",
                "not a scope from the standard's list",
            ),
            Msg::TooLong { max, actual } => {
                if de {
                    format!("Höchstens {max} Zeichen erlaubt, hier sind es {actual}.")
                } else {
                    format!("at most {max} characters allowed, this has {actual}")
                }
            }
            Msg::TooShort { min, actual } => {
                if de {
                    format!("Mindestens {min} Zeichen nötig, hier sind es {actual}.")
                } else {
                    format!("at least {min} characters needed, this has {actual}")
                }
            }
            Msg::InvalidUrl => pick(
                "Keine gültige absolute URL (https://…).",
                "not a valid absolute URL (https://…)",
            ),
            Msg::InvalidUri => pick("Keine gültige URI (schema:…).", "not a valid URI (scheme:…)"),
            Msg::InvalidDate => pick(
                "Kein gültiges Datum im Format JJJJ-MM-TT.",
                "not a valid date in the format YYYY-MM-DD",
            ),
            Msg::InvalidEmail => pick("Keine gültige E-Mail-Adresse.", "not a valid e-mail address"),
            Msg::InvalidLanguage => pick(
                "Kein gültiges Sprachkürzel nach BCP 47 (z. B. de, en, de-AT).",
                "not a valid BCP 47 language tag (e.g. de, en, de-AT)",
            ),
            Msg::InvalidCountry => pick(
                "Kein Ländercode nach ISO 3166-1 alpha-2 (z. B. de).",
                "not an ISO 3166-1 alpha-2 country code (e.g. de)",
            ),
            Msg::EmptyIgnored => pick(
                "Leerer Wert; er wird ignoriert (Schlüssel weglassen oder ausfüllen).",
                "empty value; it is ignored (drop the key or fill it in)",
            ),
            Msg::FileMissing => pick(
                "Diese Datei gibt es im Repository nicht (der Pfad gilt relativ zur publiccode.yml).",
                "the repository holds no such file (the path is relative to the publiccode.yml)",
            ),
            Msg::NotPng => pick(
                "Die Datei endet auf .png, ist aber kein lesbares PNG-Bild.",
                "the file ends in .png but is not a readable PNG image",
            ),
            Msg::UnknownItalianPa => pick(
                "Dieser Code steht nicht im Verzeichnis der italienischen Verwaltungen (iPA).",
                "this code is not in the register of Italian public administrations (iPA)",
            ),
            Msg::NotOembed => pick(
                "Keine Video-Adresse eines oEmbed-Anbieters (z. B. YouTube, Vimeo); nur solche Videos lassen sich einbetten.",
                "not a video URL of an oEmbed provider (e.g. YouTube, Vimeo); only such videos can be embedded",
            ),
            Msg::LocalPath => pick(
                "Erwartet wird ein Pfad im Repository (z. B. img/logo.svg) oder eine https-Adresse, kein absoluter Pfad.",
                "expected a path within the repository (e.g. img/logo.svg) or an https URL, not an absolute path",
            ),
            Msg::CountrySectionLowercase => pick(
                "Die kleingeschriebene Länderkennung „it“ ist veraltet; bitte „IT“ verwenden.",
                "the lowercase country key `it` is deprecated; use `IT` instead",
            ),
            Msg::DuplicateCountrySection => pick(
                "„IT“ gibt es schon; bitte „it“ entfernen.",
                "`IT` is present already; remove this key",
            ),
            Msg::CountryLowercase => pick(
                "Kleingeschriebene Ländercodes sind veraltet; bitte großschreiben (z. B. DE).",
                "lowercase country codes are deprecated; use uppercase (e.g. DE)",
            ),
            Msg::InvalidMediaType => pick(
                "Kein Medientyp nach RFC 6838 (z. B. text/plain).",
                "not an RFC 6838 media type (e.g. text/plain)",
            ),
            Msg::LogoFormat => pick("Logos müssen SVG, SVGZ oder PNG sein.", "logos must be SVG, SVGZ or PNG"),
            Msg::ScreenshotFormat => pick(
                "Bildschirmfotos müssen PNG oder JPG sein.",
                "screenshots must be PNG or JPG",
            ),
            Msg::InvalidLicence(detail) => {
                if de {
                    format!("Kein gültiger SPDX-Lizenzausdruck: {detail}")
                } else {
                    format!("not a valid SPDX license expression: {detail}")
                }
            }
            Msg::DeprecatedLicence(id) => {
                if de {
                    format!("„{id}“ ist eine veraltete SPDX-Kennung (z. B. „{id}-only“ oder „{id}-or-later“ verwenden).")
                } else {
                    format!("`{id}` is a deprecated SPDX identifier (use e.g. `{id}-only` or `{id}-or-later`)")
                }
            }
            Msg::UnsupportedVersion { supported } => {
                if de {
                    format!("Unbekannte Version; unterstützt: {}.", supported.join(", "))
                } else {
                    format!("unknown version; supported: {}", supported.join(", "))
                }
            }
            Msg::OlderVersion { current } => {
                if de {
                    format!("Ältere Version des Standards; aktuell ist {current}.")
                } else {
                    format!("older version of the standard; the current one is {current}")
                }
            }
            Msg::ContractorsRequired => pick(
                "Bei Wartung per Vertrag („contract“) ist „contractors“ Pflicht.",
                "`contractors` is required when maintenance type is `contract`",
            ),
            Msg::ContactsRequired => pick(
                "Bei interner oder gemeinschaftlicher Wartung ist „contacts“ Pflicht.",
                "`contacts` is required when maintenance type is `internal` or `community`",
            ),
            Msg::ContractorsWithoutContract => pick(
                "„contractors“ gilt nur bei Wartung per Vertrag („contract“).",
                "`contractors` only applies when maintenance type is `contract`",
            ),
            Msg::DuplicateEntry => pick("Dieser Eintrag kommt doppelt vor.", "this entry appears twice"),
            Msg::Unreachable(detail) => {
                if de {
                    format!("Nicht erreichbar: {detail}")
                } else {
                    format!("not reachable: {detail}")
                }
            }
        }
    }
}

impl Issue {
    pub fn to_json(&self, locale: Locale) -> IssueJson {
        IssueJson {
            severity: self.severity,
            key: self.key.clone(),
            description: self.message.describe(locale),
            line: self.line,
            column: self.column,
        }
    }

    /// `publiccode.yml:LINE:COLUMN: error|warning: KEY: message`, the format
    /// compilers use, so editors and CI logs link to the place.
    pub fn to_line(&self, file: &str, locale: Locale) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let key = if self.key.is_empty() {
            String::new()
        } else {
            format!("{}: ", self.key)
        };
        format!(
            "{file}:{}:{}: {severity}: {key}{}",
            self.line,
            self.column,
            self.message.describe(locale)
        )
    }
}
