//! Demo software for the catalog: about fifty entries of the kind German
//! administrations share (in German, most also in English, in every
//! development state), a variant, and three entries whose latest file is
//! invalid. Each goes through the real publishing path.

use crate::accounts::Actor;
use crate::catalog::{url_key, Catalog, Source};
use crate::db::sql;
use sea_orm::DatabaseConnection;

pub struct Spec<'a> {
    pub name: &'a str,
    pub org: &'a str,
    pub categories: &'a [&'a str],
    pub status: &'a str,
    pub kind: &'a str,
    pub license: &'a str,
    pub maintenance: &'a str,
    pub de: &'a str,
    pub en: Option<&'a str>,
    pub features: &'a [&'a str],
    pub scope: &'a str,
    pub platforms: &'a [&'a str],
    pub supports: &'a [&'a str],
}

#[allow(clippy::too_many_arguments)] // one positional row per entry reads best as a table
const fn s(
    name: &'static str,
    org: &'static str,
    categories: &'static [&'static str],
    status: &'static str,
    kind: &'static str,
    license: &'static str,
    maintenance: &'static str,
    de: &'static str,
    en: Option<&'static str>,
    features: &'static [&'static str],
    scope: &'static str,
    supports: &'static [&'static str],
) -> Spec<'static> {
    Spec {
        name,
        org,
        categories,
        status,
        kind,
        license,
        maintenance,
        de,
        en,
        features,
        scope,
        platforms: &["web"],
        supports,
    }
}

const W: &str = "standalone/web";
const B: &str = "standalone/backend";
const L: &str = "library";

pub const SOFTWARE: &[Spec<'static>] = &[
    s(
        "Bauantrag Online",
        "kiel",
        &["document-management", "workflow-management"],
        "stable",
        W,
        "EUPL-1.2",
        "contract",
        "Digitale Bauanträge für untere Bauaufsichtsbehörden, vom Antrag bis zum Bescheid.",
        Some("Digital building permit applications from submission to decision."),
        &[
            "Antragstellung über XBau",
            "Beteiligung der Fachbehörden im Umlaufverfahren",
            "Elektronischer Bescheid",
        ],
        "local-authorities",
        &["XBau"],
    ),
    s(
        "Wohngeldrechner",
        "schleswig-holstein",
        &["digital-citizenship"],
        "stable",
        W,
        "MIT",
        "internal",
        "Berechnet den voraussichtlichen Anspruch auf Wohngeld nach dem Wohngeldgesetz.",
        Some("Estimates housing benefit entitlement under the German Housing Benefit Act."),
        &[
            "Berechnung nach aktuellem Wohngeldgesetz",
            "Barrierefreie Oberfläche",
            "Übergabe an den Online-Antrag",
        ],
        "welfare",
        &[],
    ),
    s(
        "Gewerbeanmeldung digital",
        "hamburg",
        &["digital-citizenship", "workflow-management"],
        "stable",
        W,
        "EUPL-1.2",
        "internal",
        "Online-Gewerbeanmeldung mit Weiterleitung an Kammern und Finanzamt nach XGewerbeanzeige.",
        Some("Online trade registration, forwarded to chambers and tax office."),
        &[
            "Gewerbeanmeldung, -ummeldung und -abmeldung",
            "Datenübermittlung nach XGewerbeanzeige",
            "Gebührenzahlung über ePayBL",
        ],
        "finance-and-economic-development",
        &["XGewerbeanzeige"],
    ),
    s(
        "Ratsinformationssystem Open",
        "luebeck",
        &["document-management", "collaboration"],
        "stable",
        W,
        "AGPL-3.0-or-later",
        "community",
        "Sitzungen, Vorlagen und Beschlüsse kommunaler Gremien öffentlich und barrierefrei zugänglich.",
        Some("Council meetings, papers and decisions, public and accessible."),
        &[
            "Sitzungskalender und Tagesordnungen",
            "Volltextsuche in Vorlagen",
            "Schnittstelle nach OParl",
        ],
        "local-authorities",
        &["OParl"],
    ),
    s(
        "Terminvergabe Bürgeramt",
        "muenchen",
        &["appointment-scheduling", "online-booking"],
        "stable",
        W,
        "EUPL-1.2",
        "internal",
        "Online-Terminbuchung für Bürgerbüros mit Warteschlangenaufruf und Erinnerungen.",
        Some("Online appointment booking for citizen offices."),
        &[
            "Terminbuchung rund um die Uhr",
            "Aufrufanlage im Wartebereich",
            "Erinnerung per E-Mail",
        ],
        "local-authorities",
        &[],
    ),
    s(
        "Formularserver Nord",
        "dataport",
        &["content-management", "digital-citizenship"],
        "stable",
        W,
        "EUPL-1.2",
        "contract",
        "Baukasten für barrierefreie Online-Formulare mit FIM-Stammtexten und Anbindung an Fachverfahren.",
        Some("Toolkit for accessible online forms built on FIM master texts."),
        &[
            "Formulare aus FIM-Stammdatenschemata",
            "Anbindung an Fachverfahren über XÖV",
            "Barrierefreiheit nach BITV 2.0",
        ],
        "local-authorities",
        &["FIM", "XÖV"],
    ),
    s(
        "E-Akte Kommunal",
        "komm-one",
        &["document-management"],
        "beta",
        W,
        "EUPL-1.2",
        "contract",
        "Elektronische Aktenführung für Kommunen nach dem Organisationskonzept elektronische Verwaltungsarbeit.",
        Some("Electronic records management for municipalities."),
        &[
            "Aktenplan und Aussonderung",
            "Revisionssichere Ablage",
            "Anbindung an Fachverfahren",
        ],
        "local-authorities",
        &["xdomea"],
    ),
    s(
        "Hundesteuer Online",
        "rostock",
        &["taxes-management", "digital-citizenship"],
        "stable",
        W,
        "MIT",
        "internal",
        "An- und Abmeldung von Hunden zur Hundesteuer, mit Bescheid und Steuermarke.",
        None,
        &["Anmeldung und Abmeldung", "Ermäßigungsanträge", "Bescheid als PDF"],
        "local-authorities",
        &[],
    ),
    s(
        "Kita-Platzbörse",
        "schwerin",
        &["online-booking", "educational-content"],
        "beta",
        W,
        "EUPL-1.2",
        "internal",
        "Zentrale Vormerkung für Kita-Plätze mit Übersicht freier Plätze für Eltern und Träger.",
        Some("Central waiting list for daycare places."),
        &[
            "Vormerkung bei mehreren Einrichtungen",
            "Platzangebot der Träger",
            "Benachrichtigung der Eltern",
        ],
        "education",
        &[],
    ),
    s(
        "Schulportal MV",
        "mecklenburg-vorpommern",
        &["learning-management-system", "educational-content"],
        "stable",
        W,
        "GPL-3.0-or-later",
        "contract",
        "Lernplattform und Schulverwaltung für die Schulen in Mecklenburg-Vorpommern.",
        Some("Learning platform and school administration for Mecklenburg-Vorpommern."),
        &["Kurse und Aufgaben", "Vertretungsplan", "Elternkommunikation"],
        "education",
        &[],
    ),
    s(
        "Open Data Portal Kit",
        "hamburg",
        &["data-collection", "data-visualization"],
        "stable",
        W,
        "AGPL-3.0-or-later",
        "community",
        "Offene Daten veröffentlichen und finden, mit DCAT-AP.de-Schnittstelle.",
        Some("Publish and find open data, with a DCAT-AP.de interface."),
        &[
            "Datensätze mit Metadaten nach DCAT-AP.de",
            "Harvesting aus Fachsystemen",
            "Vorschau von Tabellen und Karten",
        ],
        "society",
        &["DCAT-AP.de"],
    ),
    s(
        "Geoportal Baukasten",
        "bayern",
        &["geographic-information-systems", "data-visualization"],
        "stable",
        W,
        "GPL-2.0-or-later",
        "internal",
        "Karten und Geodienste der Verwaltung im Browser, mit WMS- und WFS-Anbindung.",
        Some("Administrative maps and geo services in the browser."),
        &[
            "Kartenviewer mit Themenkarten",
            "Einbindung von WMS und WFS",
            "Druck und Export",
        ],
        "infrastructures",
        &["WMS", "WFS"],
    ),
    s(
        "Beteiligungsplattform",
        "berlin",
        &["online-community", "survey"],
        "stable",
        W,
        "AGPL-3.0-or-later",
        "community",
        "Bürgerbeteiligung online: Vorschläge, Kommentare und Abstimmungen zu Vorhaben der Verwaltung.",
        Some("Online citizen participation in administrative projects."),
        &[
            "Vorschläge und Kommentare",
            "Kartenbasierte Beteiligung",
            "Auswertung der Ergebnisse",
        ],
        "society",
        &[],
    ),
    s(
        "Mängelmelder",
        "kiel",
        &["customer-service-and-support", "geographic-information-systems"],
        "stable",
        W,
        "EUPL-1.2",
        "internal",
        "Bürgerinnen und Bürger melden Schäden im öffentlichen Raum mit Foto und Ort.",
        Some("Residents report damage in public spaces with photo and location."),
        &[
            "Meldung mit Foto und Kartenpunkt",
            "Weiterleitung an die zuständige Stelle",
            "Statusrückmeldung",
        ],
        "local-authorities",
        &[],
    ),
    s(
        "Vergabeplattform Kommunal",
        "ekom21",
        &["procurement"],
        "stable",
        W,
        "EUPL-1.2",
        "contract",
        "Elektronische Vergabe von Aufträgen unterhalb und oberhalb der Schwellenwerte nach XVergabe.",
        None,
        &[
            "Bekanntmachungen",
            "Elektronische Angebotsabgabe",
            "Vergabedokumentation",
        ],
        "finance-and-economic-development",
        &["XVergabe", "eForms"],
    ),
    s(
        "XRechnung Prüfer",
        "bmi",
        &["billing-and-invoicing", "compliance-management"],
        "stable",
        L,
        "Apache-2.0",
        "community",
        "Prüft elektronische Rechnungen nach XRechnung und EN 16931.",
        Some("Validates electronic invoices against XRechnung and EN 16931."),
        &[
            "Validierung nach XRechnung",
            "Visualisierung als HTML",
            "Kommandozeile und Bibliothek",
        ],
        "finance-and-economic-development",
        &["XRechnung", "EN 16931"],
    ),
    s(
        "Personalausweis-Login Modul",
        "bmi",
        &["identity-management", "it-security"],
        "stable",
        L,
        "EUPL-1.2",
        "internal",
        "Anmeldung mit der Online-Ausweisfunktion für Verwaltungsportale.",
        Some("Sign-in with the German eID for administrative portals."),
        &[
            "eID-Anmeldung über eID-Server",
            "SAML und OpenID Connect",
            "Vertrauensniveau hoch",
        ],
        "security",
        &["BSI TR-03130"],
    ),
    s(
        "Servicekonto Brücke",
        "it-nrw",
        &["identity-management"],
        "beta",
        B,
        "EUPL-1.2",
        "contract",
        "Verbindet Fachverfahren mit dem Nutzerkonto Bund über OpenID Connect.",
        Some("Connects applications to the federal user account via OpenID Connect."),
        &["OpenID Connect", "Postfachnachrichten", "Vertrauensniveaus"],
        "security",
        &[],
    ),
    s(
        "Wahlergebnis-Präsentation",
        "sachsen",
        &["data-visualization"],
        "stable",
        W,
        "MIT",
        "internal",
        "Schnellmeldungen und Ergebnisse von Wahlen live im Netz, mit Karten und Diagrammen.",
        Some("Live election results with maps and charts."),
        &[
            "Schnellmeldungen der Wahlbezirke",
            "Karten und Diagramme",
            "Offene Daten der Ergebnisse",
        ],
        "society",
        &[],
    ),
    s(
        "Friedhofsverwaltung",
        "landkreis-rostock",
        &["resource-management"],
        "development",
        W,
        "EUPL-1.2",
        "internal",
        "Grabstellen, Nutzungsrechte und Gebühren für kommunale Friedhöfe.",
        None,
        &["Grabstellenplan", "Nutzungsrechte und Fristen", "Gebührenbescheide"],
        "local-authorities",
        &[],
    ),
    s(
        "Fundbüro Online",
        "kreis-nordfriesland",
        &["digital-citizenship"],
        "concept",
        W,
        "EUPL-1.2",
        "none",
        "Konzept für ein gemeinsames Online-Fundbüro der Kreise und Gemeinden.",
        None,
        &["Suche nach Fundsachen", "Verlustmeldung"],
        "local-authorities",
        &[],
    ),
    s(
        "Sitzungsdienst Light",
        "kreis-rendsburg-eckernfoerde",
        &["collaboration", "document-management"],
        "development",
        W,
        "GPL-3.0-or-later",
        "community",
        "Schlanke Vorbereitung von Ausschusssitzungen für kleine Gemeinden.",
        Some("Lean committee meeting preparation for small municipalities."),
        &[
            "Einladungen und Tagesordnung",
            "Niederschrift",
            "Veröffentlichung nach OParl",
        ],
        "local-authorities",
        &["OParl"],
    ),
    s(
        "Katastrophenschutz Lagebild",
        "niedersachsen",
        &["geographic-information-systems", "communications"],
        "beta",
        W,
        "EUPL-1.2",
        "internal",
        "Gemeinsames Lagebild für Stäbe im Katastrophenschutz.",
        Some("Shared situation picture for disaster response teams."),
        &["Lagekarte", "Einsatztagebuch", "Meldungen zwischen Stäben"],
        "emergency-services",
        &[],
    ),
    s(
        "Integrationskurs Finder",
        "bmds",
        &["educational-content"],
        "stable",
        W,
        "MIT",
        "internal",
        "Findet Integrations- und Sprachkurse in der Nähe.",
        Some("Finds integration and language courses nearby."),
        &["Umkreissuche", "Filter nach Kursart", "Mehrsprachige Oberfläche"],
        "welfare",
        &[],
    ),
    s(
        "Fördermittel Navigator",
        "hessen",
        &["grant-management"],
        "stable",
        W,
        "EUPL-1.2",
        "internal",
        "Förderprogramme für Kommunen finden, vergleichen und beantragen.",
        Some("Find, compare and apply for funding programmes."),
        &["Suche in Förderprogrammen", "Antragsassistent", "Fristenübersicht"],
        "finance-and-economic-development",
        &[],
    ),
    s(
        "Open Sitzungs-API",
        "nordrhein-westfalen",
        &["it-development"],
        "stable",
        L,
        "MIT",
        "community",
        "Bibliothek für den Zugriff auf Ratsinformationssysteme über OParl.",
        Some("Library to access council information systems via OParl."),
        &["OParl 1.1 Client", "Zwischenspeicher", "Typisierte Objekte"],
        "local-authorities",
        &["OParl"],
    ),
    s(
        "Haushaltsplan Visualisierung",
        "thueringen",
        &["financial-reporting", "data-visualization"],
        "stable",
        W,
        "MIT",
        "community",
        "Der Haushalt einer Kommune als interaktive Grafik: woher das Geld kommt und wohin es geht.",
        Some("A municipal budget as an interactive chart."),
        &[
            "Einnahmen und Ausgaben als Baumkarte",
            "Vergleich der Jahre",
            "Offene Haushaltsdaten",
        ],
        "finance-and-economic-development",
        &[],
    ),
    s(
        "Digitale Poststelle",
        "zendis",
        &["document-management", "workflow-management"],
        "beta",
        B,
        "EUPL-1.2",
        "contract",
        "Eingehende Post scannen, erkennen und an die richtigen Akten leiten.",
        Some("Scan, recognise and route incoming mail."),
        &[
            "Texterkennung",
            "Automatische Zuordnung",
            "Übergabe an E-Akte nach xdomea",
        ],
        "local-authorities",
        &["xdomea"],
    ),
    s(
        "Videokonferenz Verwaltung",
        "zendis",
        &["video-conferencing", "web-conferencing"],
        "stable",
        W,
        "AGPL-3.0-or-later",
        "contract",
        "Datenschutzkonforme Videokonferenzen für Behörden, selbst betrieben.",
        Some("Privacy-compliant video conferencing, self-hosted."),
        &[
            "Konferenzen im Browser",
            "Telefoneinwahl",
            "Moderation und Breakout-Räume",
        ],
        "security",
        &[],
    ),
    s(
        "Chat für Behörden",
        "stk-sh",
        &["instant-messaging", "collaboration"],
        "stable",
        W,
        "AGPL-3.0-or-later",
        "contract",
        "Sicherer Messenger für die Zusammenarbeit in und zwischen Verwaltungen, auf Matrix.",
        Some("Secure messenger for administrations, based on Matrix."),
        &[
            "Ende-zu-Ende-Verschlüsselung",
            "Föderation zwischen Behörden",
            "Räume für Arbeitsgruppen",
        ],
        "security",
        &["Matrix"],
    ),
    s(
        "Bürgerhaushalt",
        "brandenburg",
        &["survey", "online-community"],
        "obsolete",
        W,
        "GPL-3.0-or-later",
        "none",
        "Vorschläge und Abstimmungen zum kommunalen Haushalt; ersetzt durch die Beteiligungsplattform.",
        None,
        &["Vorschläge", "Abstimmung"],
        "society",
        &[],
    ),
    s(
        "Wasserstände Küste",
        "schleswig-holstein",
        &["data-visualization", "data-collection"],
        "stable",
        W,
        "EUPL-1.2",
        "internal",
        "Aktuelle Wasserstände und Sturmflutwarnungen an der Küste.",
        Some("Current water levels and storm surge warnings on the coast."),
        &["Pegel in Echtzeit", "Warnungen", "Offene Messdaten"],
        "environment",
        &[],
    ),
    s(
        "Baumkataster",
        "bremen",
        &["geographic-information-systems", "facility-management"],
        "stable",
        W,
        "EUPL-1.2",
        "internal",
        "Erfassung und Kontrolle von Stadtbäumen nach FLL-Baumkontrollrichtlinie.",
        Some("Urban tree register and inspections."),
        &["Baumkontrollen mobil erfassen", "Maßnahmenplanung", "Karte aller Bäume"],
        "environment",
        &[],
    ),
    s(
        "Leerstandsmelder",
        "sachsen-anhalt",
        &["real-estate-management", "geographic-information-systems"],
        "development",
        W,
        "MIT",
        "community",
        "Leerstehende Gebäude melden und für neue Nutzungen sichtbar machen.",
        None,
        &["Meldung mit Karte", "Eigentümerkontakt", "Statistik"],
        "local-authorities",
        &[],
    ),
    s(
        "Straßenbaustellen Info",
        "saarland",
        &["geographic-information-systems", "communications"],
        "stable",
        W,
        "EUPL-1.2",
        "internal",
        "Baustellen und Umleitungen auf Landes- und Kreisstraßen, auch als Datenschnittstelle.",
        Some("Road works and diversions, also as open data."),
        &["Baustellenkarte", "Umleitungsempfehlungen", "DATEX-II-Schnittstelle"],
        "transportation",
        &["DATEX II"],
    ),
    s(
        "ÖPNV Auskunft Baustein",
        "rheinland-pfalz",
        &["it-development"],
        "beta",
        L,
        "Apache-2.0",
        "community",
        "Bibliothek für Fahrplanauskünfte aus GTFS- und NeTEx-Daten.",
        Some("Library for journey planning from GTFS and NeTEx data."),
        &[
            "Einlesen von GTFS und NeTEx",
            "Verbindungssuche",
            "Barrierefreiheitsangaben",
        ],
        "transportation",
        &["GTFS", "NeTEx"],
    ),
    s(
        "Personalausweis Abholung",
        "muenchen",
        &["appointment-scheduling", "digital-citizenship"],
        "stable",
        W,
        "EUPL-1.2",
        "internal",
        "Benachrichtigt, wenn Ausweis oder Pass zur Abholung bereitliegt.",
        None,
        &["Statusabfrage", "Benachrichtigung per SMS und E-Mail"],
        "local-authorities",
        &[],
    ),
    s(
        "Kfz-Zulassung Assistent",
        "akdb",
        &["digital-citizenship", "workflow-management"],
        "stable",
        W,
        "EUPL-1.2",
        "contract",
        "Online-Zulassung von Fahrzeugen (i-Kfz) mit Anbindung an die Zulassungsbehörde.",
        Some("Online vehicle registration."),
        &["Neuzulassung und Umschreibung", "Außerbetriebsetzung", "Zahlung online"],
        "transportation",
        &["XKfz"],
    ),
    s(
        "Sozialhilfe Fallakte",
        "itdz-berlin",
        &["document-management", "workflow-management"],
        "development",
        B,
        "EUPL-1.2",
        "contract",
        "Fallbearbeitung in der Sozialhilfe mit Bescheiderstellung.",
        None,
        &["Fallakte", "Bedarfsberechnung", "Bescheide"],
        "welfare",
        &["XSozial"],
    ),
    s(
        "Hochschul-Campusmanagement",
        "uni-kiel",
        &["learning-management-system", "resource-management"],
        "stable",
        W,
        "AGPL-3.0-or-later",
        "community",
        "Lehrveranstaltungen, Prüfungen und Räume einer Hochschule planen.",
        Some("Plan courses, exams and rooms of a university."),
        &["Veranstaltungsplanung", "Prüfungsanmeldung", "Raumbuchung"],
        "education",
        &[],
    ),
    s(
        "Forschungsdaten Repositorium",
        "uni-rostock",
        &["data-collection", "knowledge-management"],
        "stable",
        W,
        "Apache-2.0",
        "community",
        "Forschungsdaten mit DOI veröffentlichen und langfristig sichern.",
        Some("Publish research data with DOIs and preserve it."),
        &["DOI-Vergabe", "Metadaten nach DataCite", "Langzeitarchivierung"],
        "research",
        &["DataCite"],
    ),
    s(
        "Landesportal Baukasten",
        "mecklenburg-vorpommern",
        &["content-management", "website-builder"],
        "stable",
        W,
        "GPL-2.0-or-later",
        "contract",
        "Redaktionssystem für Landes- und Kommunalportale mit barrierefreien Vorlagen.",
        Some("Content management for state and municipal portals."),
        &["Barrierefreie Vorlagen", "Mehrsprachigkeit", "Leichte Sprache"],
        "local-authorities",
        &[],
    ),
    s(
        "Zuständigkeitsfinder",
        "dvz-mv",
        &["knowledge-management", "digital-citizenship"],
        "stable",
        W,
        "EUPL-1.2",
        "internal",
        "Welche Behörde ist zuständig? Leistungen nach LeiKa und FIM durchsuchen.",
        Some("Which authority is responsible? Search services by LeiKa and FIM."),
        &[
            "Suche nach Lebenslagen",
            "Zuständigkeit nach Wohnort",
            "FIM-Leistungsbeschreibungen",
        ],
        "local-authorities",
        &["FIM", "LeiKa"],
    ),
    s(
        "Antragsmanagement EfA",
        "ego-mv",
        &["workflow-management", "digital-citizenship"],
        "beta",
        B,
        "EUPL-1.2",
        "contract",
        "Nachnutzbarer Antragsdienst nach dem Prinzip Einer für Alle, mit FIT-Connect.",
        Some("Reusable application service following the one-for-all principle."),
        &["Anbindung an FIT-Connect", "Mandantenfähigkeit", "Zahlungsabwicklung"],
        "local-authorities",
        &["FIT-Connect", "XÖV"],
    ),
    s(
        "Abfallkalender",
        "landkreis-vorpommern-greifswald",
        &["digital-citizenship"],
        "stable",
        W,
        "MIT",
        "internal",
        "Abfuhrtermine nach Straße, als Kalenderdatei und Erinnerung.",
        None,
        &["Termine nach Adresse", "iCal-Export", "Erinnerungen"],
        "environment",
        &[],
    ),
    s(
        "Statistik Dashboard",
        "baden-wuerttemberg",
        &["business-intelligence", "data-visualization"],
        "stable",
        W,
        "EUPL-1.2",
        "internal",
        "Kennzahlen der Landesstatistik als interaktive Dashboards.",
        Some("State statistics as interactive dashboards."),
        &["Dashboards", "Zeitreihen", "Datendownload"],
        "research",
        &["SDMX"],
    ),
    s(
        "IT-Sicherheitsvorfall Meldung",
        "im-bw",
        &["it-security", "help-desk"],
        "stable",
        W,
        "EUPL-1.2",
        "internal",
        "Sicherheitsvorfälle in Behörden melden und bearbeiten.",
        Some("Report and handle security incidents in authorities."),
        &["Meldeformular", "Bearbeitungsworkflow", "Statistik"],
        "security",
        &[],
    ),
    s(
        "Barrierefreiheit Prüfwerkzeug",
        "stmd-by",
        &["test-management", "it-development"],
        "beta",
        L,
        "MIT",
        "community",
        "Automatische Prüfungen von Webseiten auf Barrierefreiheit nach BITV 2.0.",
        Some("Automated accessibility checks of websites against BITV 2.0."),
        &["Prüfung nach WCAG 2.1", "Berichte", "CI-Integration"],
        "society",
        &["WCAG 2.1", "BITV 2.0"],
    ),
    s(
        "Dienstreiseantrag",
        "hmdi",
        &["employee-management", "workflow-management"],
        "stable",
        W,
        "EUPL-1.2",
        "internal",
        "Dienstreisen beantragen, genehmigen und abrechnen.",
        Some("Request, approve and settle business trips."),
        &[
            "Antrag und Genehmigung",
            "Reisekostenabrechnung",
            "Anbindung an die Personalverwaltung",
        ],
        "local-authorities",
        &[],
    ),
];

fn yaml_text(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The publiccode.yml of a spec, with an organisation URI the publisher owns.
pub fn render(spec: &Spec<'_>, org_uri: &str, org_name: &str, repo: &str, based_on: Option<&str>) -> String {
    let mut y = String::new();
    y.push_str("publiccodeYmlVersion: \"0.7\"\n");
    y.push_str(&format!("name: {}\n", yaml_text(spec.name)));
    y.push_str(&format!("url: {repo}\n"));
    if let Some(origin) = based_on {
        y.push_str(&format!("isBasedOn: {origin}\n"));
    }
    y.push_str("softwareVersion: \"1.4.0\"\nreleaseDate: \"2026-09-01\"\n");
    y.push_str(&format!("platforms: [{}]\n", spec.platforms.join(", ")));
    y.push_str(&format!("categories: [{}]\n", spec.categories.join(", ")));
    y.push_str(&format!(
        "developmentStatus: {}\nsoftwareType: {}\n",
        spec.status, spec.kind
    ));
    y.push_str(&format!(
        "intendedAudience:\n  countries: [DE]\n  scope: [{}]\n",
        spec.scope
    ));
    let features = |list: &[&str]| {
        list.iter()
            .map(|f| format!("      - {}\n", yaml_text(f)))
            .collect::<String>()
    };
    let long_de = format!(
        "{} {} Die Software wird von {} bereitgestellt und steht nach dem Prinzip „Einer für Alle“ anderen Verwaltungen zur Nachnutzung offen. Zu den Funktionen gehören: {}.",
        spec.name,
        spec.de,
        org_name,
        spec.features.join(", ")
    );
    y.push_str("description:\n  de:\n");
    y.push_str(&format!(
        "    shortDescription: {}\n    longDescription: {}\n    features:\n{}",
        yaml_text(spec.de),
        yaml_text(&long_de),
        features(spec.features)
    ));
    if let Some(en) = spec.en {
        let long_en = format!(
            "{} {} It is provided by {org_name} and open for reuse by other administrations under the one-for-all principle. It is maintained in the open and documented for operators.",
            spec.name, en
        );
        // The standard wants features in every language; the demo's are
        // the German product names.
        y.push_str(&format!(
            "  en:\n    shortDescription: {}\n    longDescription: {}\n    features:\n{}",
            yaml_text(en),
            yaml_text(&long_en),
            features(spec.features)
        ));
    }
    y.push_str(&format!(
        "legal:\n  license: {}\n  mainCopyrightOwner: {}\n",
        spec.license,
        yaml_text(org_name)
    ));
    y.push_str(&format!("maintenance:\n  type: {}\n", spec.maintenance));
    match spec.maintenance {
        "contract" => y.push_str("  contractors:\n    - name: Dataport AöR\n      until: \"2027-12-31\"\n      website: https://www.dataport.de\n"),
        "internal" | "community" => y.push_str("  contacts:\n    - name: Erika Mustermann\n      email: erika.mustermann@verwaltung.example\n"),
        _ => {}
    }
    let languages = if spec.en.is_some() { "[de, en]" } else { "[de]" };
    y.push_str(&format!(
        "localisation:\n  localisationReady: {}\n  availableLanguages: {languages}\n",
        spec.en.is_some()
    ));
    y.push_str(&format!(
        "organisation:\n  uri: {org_uri}\n  name: {}\n",
        yaml_text(org_name)
    ));
    if !spec.supports.is_empty() {
        y.push_str("supports:\n");
        for name in spec.supports {
            y.push_str(&format!("  - id: {}\n", yaml_text(&standard_id(name))));
        }
    }
    y
}

/// The demo's standards as `supports` ids (0.7): German XÖV standards by
/// an `urn:xoev-de:` name, the others by a URN of their own.
fn standard_id(name: &str) -> String {
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ö' => 'o',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        })
        .collect();
    if name.starts_with('X') {
        format!("urn:xoev-de:standard:{slug}")
    } else {
        format!("urn:x-allmende-demo:standard:{slug}")
    }
}

pub fn repository(org: &str, name: &str) -> String {
    format!("https://opencode.de/{org}/{}.git", crate::catalog::slugify(name))
}

/// An organisation's name and the URI its files must name.
async fn organisation(db: &DatabaseConnection, slug: &str) -> anyhow::Result<(String, String)> {
    #[derive(sea_orm::FromQueryResult)]
    struct Org {
        name_de: String,
        uri: Option<String>,
    }
    let org: Org = sql::one(
        db,
        "SELECT name_de, uri FROM organisations WHERE slug = $1",
        [slug.into()],
    )
    .await?
    .ok_or_else(|| anyhow::anyhow!("seed organisation {slug} is missing"))?;
    Ok((org.name_de, org.uri.unwrap_or_else(|| format!("urn:x-allmende:{slug}"))))
}

/// Who publishes the seed: the demo site administrator.
pub(super) fn publisher(admin: uuid::Uuid) -> Actor {
    Actor {
        user_id: admin.into(),
        display_name: "seed".into(),
        is_site_admin: true,
        memberships: vec![],
        unread_notifications: 0,
    }
}

/// Whether the catalog lists the repository at `url` already (the seed is
/// idempotent by URL).
pub(super) async fn listed(db: &DatabaseConnection, url: &str) -> anyhow::Result<bool> {
    let found = sql::value::<i32>(
        db,
        "SELECT 1 AS value FROM software WHERE url_key = $1",
        [url_key(url).into()],
    )
    .await?;
    Ok(found.is_some())
}

/// Publishes the demo entries not yet in the catalog (idempotent by URL).
pub async fn seed(db: &DatabaseConnection, admin: uuid::Uuid) -> anyhow::Result<u64> {
    let catalog = Catalog { db: db.clone() };
    let actor = publisher(admin);
    let mut inserted = 0;
    for (i, spec) in SOFTWARE.iter().enumerate() {
        let repo = repository(spec.org, spec.name);
        if listed(db, &repo).await? {
            continue;
        }
        let (name, uri) = organisation(db, spec.org).await?;
        let text = render(spec, &uri, &name, &repo, None);
        let published = catalog
            .publish(&actor, spec.org, Source::Seed, text.as_bytes(), None)
            .await?;
        anyhow::ensure!(
            published.report.is_valid(),
            "seed entry {} is invalid: {:?}",
            spec.name,
            published.report.issues
        );
        inserted += 1;
        // Three entries whose latest file broke: listed for their maintainers, inactive.
        if matches!(i, 19 | 33 | 37) {
            let broken = text.replace("developmentStatus:", "developmentStatus: finished\nstatus:");
            catalog
                .publish(&actor, spec.org, Source::Seed, broken.as_bytes(), None)
                .await?;
        }
    }
    inserted += seed_variant(&catalog, &actor, db).await?;
    Ok(inserted)
}

/// Lübeck's variant of Kiel's Bauantrag Online (isBasedOn).
async fn seed_variant(catalog: &Catalog, actor: &Actor, db: &DatabaseConnection) -> anyhow::Result<u64> {
    let repo = repository("luebeck", "Bauantrag Online Lübeck");
    if listed(db, &repo).await? {
        return Ok(0);
    }
    let spec = s(
        "Bauantrag Online Lübeck",
        "luebeck",
        &["document-management", "workflow-management"],
        "beta",
        W,
        "EUPL-1.2",
        "internal",
        "Lübecks Weiterentwicklung von Bauantrag Online mit Denkmalschutz-Beteiligung.",
        Some("Lübeck's variant of Bauantrag Online with heritage protection."),
        &["Beteiligung der Denkmalpflege", "Antragstellung über XBau"],
        "local-authorities",
        &["XBau"],
    );
    let (name, uri) = organisation(db, "luebeck").await?;
    let text = render(&spec, &uri, &name, &repo, Some(&repository("kiel", "Bauantrag Online")));
    let published = catalog
        .publish(actor, "luebeck", Source::Seed, text.as_bytes(), None)
        .await?;
    anyhow::ensure!(
        published.report.is_valid(),
        "variant is invalid: {:?}",
        published.report.issues
    );
    Ok(1)
}
