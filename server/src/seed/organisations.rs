//! Real administrations: the 16 Länder, some of their ministries, districts,
//! municipalities, and public IT service providers; and two abroad whose real
//! publiccode.yml files the seed publishes (`real_files.rs`).

pub struct SeedOrganisation {
    pub slug: &'static str,
    pub name_de: &'static str,
    pub name_en: Option<&'static str>,
    pub short_name: Option<&'static str>,
    pub kind: &'static str,
    pub parent: Option<&'static str>,
    pub land: Option<&'static str>,
    pub ars: Option<&'static str>,
    pub website: Option<&'static str>,
    /// The URI a publiccode.yml names the organisation by, when it is not
    /// the website (`urn:x-italian-pa:…`).
    pub uri: Option<&'static str>,
}

#[rustfmt::skip]
const fn land(slug: &'static str, de: &'static str, en: &'static str, code: &'static str, ars: &'static str, web: &'static str) -> SeedOrganisation {
    SeedOrganisation { slug, name_de: de, name_en: Some(en), short_name: None, kind: "land", parent: None, land: Some(code), ars: Some(ars), website: Some(web), uri: None }
}

#[rustfmt::skip]
#[allow(clippy::too_many_arguments)] // one positional row per organisation reads best as a table
const fn org(
    slug: &'static str,
    de: &'static str,
    short: Option<&'static str>,
    kind: &'static str,
    parent: Option<&'static str>,
    code: Option<&'static str>,
    ars: Option<&'static str>,
    web: &'static str,
) -> SeedOrganisation {
    SeedOrganisation { slug, name_de: de, name_en: None, short_name: short, kind, parent, land: code, ars, website: Some(web), uri: None }
}

/// An administration outside Germany (no Land, no ARS).
#[rustfmt::skip]
const fn abroad(slug: &'static str, name: &'static str, en: &'static str, uri: Option<&'static str>, web: &'static str) -> SeedOrganisation {
    SeedOrganisation { slug, name_de: name, name_en: Some(en), short_name: None, kind: "other", parent: None, land: None, ars: None, website: Some(web), uri }
}

// A table: one row per organisation, kept on one line each.
#[rustfmt::skip]
pub const ORGANISATIONS: &[SeedOrganisation] = &[
    land("baden-wuerttemberg", "Baden-Württemberg", "Baden-Württemberg", "DE-BW", "08", "https://www.baden-wuerttemberg.de"),
    land("bayern", "Freistaat Bayern", "Free State of Bavaria", "DE-BY", "09", "https://www.bayern.de"),
    land("berlin", "Berlin", "Berlin", "DE-BE", "11", "https://www.berlin.de"),
    land("brandenburg", "Brandenburg", "Brandenburg", "DE-BB", "12", "https://www.brandenburg.de"),
    land("bremen", "Freie Hansestadt Bremen", "Free Hanseatic City of Bremen", "DE-HB", "04", "https://www.bremen.de"),
    land("hamburg", "Freie und Hansestadt Hamburg", "Free and Hanseatic City of Hamburg", "DE-HH", "02", "https://www.hamburg.de"),
    land("hessen", "Hessen", "Hesse", "DE-HE", "06", "https://www.hessen.de"),
    land("mecklenburg-vorpommern", "Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania", "DE-MV", "13", "https://www.regierung-mv.de"),
    land("niedersachsen", "Niedersachsen", "Lower Saxony", "DE-NI", "03", "https://www.niedersachsen.de"),
    land("nordrhein-westfalen", "Nordrhein-Westfalen", "North Rhine-Westphalia", "DE-NW", "05", "https://www.land.nrw"),
    land("rheinland-pfalz", "Rheinland-Pfalz", "Rhineland-Palatinate", "DE-RP", "07", "https://www.rlp.de"),
    land("saarland", "Saarland", "Saarland", "DE-SL", "10", "https://www.saarland.de"),
    land("sachsen", "Freistaat Sachsen", "Free State of Saxony", "DE-SN", "14", "https://www.sachsen.de"),
    land("sachsen-anhalt", "Sachsen-Anhalt", "Saxony-Anhalt", "DE-ST", "15", "https://www.sachsen-anhalt.de"),
    land("schleswig-holstein", "Schleswig-Holstein", "Schleswig-Holstein", "DE-SH", "01", "https://www.schleswig-holstein.de"),
    land("thueringen", "Freistaat Thüringen", "Free State of Thuringia", "DE-TH", "16", "https://thueringen.de"),
    // Federal level.
    org("bmi", "Bundesministerium des Innern", Some("BMI"), "bund", None, None, None, "https://www.bmi.bund.de"),
    org("bmds", "Bundesministerium für Digitales und Staatsmodernisierung", Some("BMDS"), "bund", None, None, None, "https://bmds.bund.de"),
    org("zendis", "Zentrum für Digitale Souveränität der Öffentlichen Verwaltung (ZenDiS) GmbH", Some("ZenDiS"), "it_dienstleister", None, None, None, "https://zendis.de"),
    // Ministries and state chancelleries.
    org("stk-sh", "Staatskanzlei Schleswig-Holstein", Some("StK SH"), "land", Some("schleswig-holstein"), Some("DE-SH"), None, "https://www.schleswig-holstein.de/DE/landesregierung/ministerien-behoerden/STK"),
    org("im-mv", "Ministerium für Inneres, Bau und Digitalisierung Mecklenburg-Vorpommern", Some("IM MV"), "land", Some("mecklenburg-vorpommern"), Some("DE-MV"), None, "https://www.regierung-mv.de/Landesregierung/im"),
    org("stmd-by", "Bayerisches Staatsministerium für Digitales", Some("StMD"), "land", Some("bayern"), Some("DE-BY"), None, "https://www.stmd.bayern.de"),
    org("im-bw", "Ministerium des Inneren, für Digitalisierung und Kommunen Baden-Württemberg", Some("IM BW"), "land", Some("baden-wuerttemberg"), Some("DE-BW"), None, "https://im.baden-wuerttemberg.de"),
    org("hmdi", "Hessisches Ministerium für Digitalisierung und Innovation", Some("HMDI"), "land", Some("hessen"), Some("DE-HE"), None, "https://digitales.hessen.de"),
    // Districts (Kreise).
    org("kreis-nordfriesland", "Kreis Nordfriesland", None, "kreis", Some("schleswig-holstein"), Some("DE-SH"), Some("01054"), "https://www.nordfriesland.de"),
    org("kreis-rendsburg-eckernfoerde", "Kreis Rendsburg-Eckernförde", None, "kreis", Some("schleswig-holstein"), Some("DE-SH"), Some("01058"), "https://www.kreis-rd.de"),
    org("landkreis-vorpommern-greifswald", "Landkreis Vorpommern-Greifswald", None, "kreis", Some("mecklenburg-vorpommern"), Some("DE-MV"), Some("13075"), "https://www.kreis-vg.de"),
    org("landkreis-rostock", "Landkreis Rostock", None, "kreis", Some("mecklenburg-vorpommern"), Some("DE-MV"), Some("13072"), "https://www.landkreis-rostock.de"),
    // Municipalities.
    org("kiel", "Landeshauptstadt Kiel", None, "gemeinde", Some("schleswig-holstein"), Some("DE-SH"), Some("010020000000"), "https://www.kiel.de"),
    org("luebeck", "Hansestadt Lübeck", None, "gemeinde", Some("schleswig-holstein"), Some("DE-SH"), Some("010030000000"), "https://www.luebeck.de"),
    org("schwerin", "Landeshauptstadt Schwerin", None, "gemeinde", Some("mecklenburg-vorpommern"), Some("DE-MV"), Some("130040000000"), "https://www.schwerin.de"),
    org("rostock", "Hanse- und Universitätsstadt Rostock", None, "gemeinde", Some("mecklenburg-vorpommern"), Some("DE-MV"), Some("130030000000"), "https://rathaus.rostock.de"),
    org("muenchen", "Landeshauptstadt München", None, "gemeinde", Some("bayern"), Some("DE-BY"), Some("091620000000"), "https://stadt.muenchen.de"),
    // Public IT service providers and associations.
    org("dataport", "Dataport AöR", Some("Dataport"), "it_dienstleister", None, Some("DE-SH"), None, "https://www.dataport.de"),
    org("dvz-mv", "DVZ Datenverarbeitungszentrum Mecklenburg-Vorpommern GmbH", Some("DVZ M-V"), "it_dienstleister", None, Some("DE-MV"), None, "https://www.dvz-mv.de"),
    org("ego-mv", "Zweckverband Elektronische Verwaltung in Mecklenburg-Vorpommern", Some("eGo-MV"), "zweckverband", None, Some("DE-MV"), None, "https://www.ego-mv.de"),
    org("akdb", "AKDB – Anstalt für Kommunale Datenverarbeitung in Bayern", Some("AKDB"), "it_dienstleister", None, Some("DE-BY"), None, "https://www.akdb.de"),
    org("it-nrw", "Information und Technik Nordrhein-Westfalen", Some("IT.NRW"), "it_dienstleister", Some("nordrhein-westfalen"), Some("DE-NW"), None, "https://www.it.nrw"),
    org("itdz-berlin", "IT-Dienstleistungszentrum Berlin", Some("ITDZ Berlin"), "it_dienstleister", Some("berlin"), Some("DE-BE"), None, "https://www.itdz-berlin.de"),
    org("komm-one", "Komm.ONE", Some("Komm.ONE"), "it_dienstleister", None, Some("DE-BW"), None, "https://www.komm.one"),
    org("ekom21", "ekom21 – KGRZ Hessen", Some("ekom21"), "it_dienstleister", None, Some("DE-HE"), None, "https://www.ekom21.de"),
    org("digitalservice", "DigitalService GmbH des Bundes", Some("DigitalService"), "it_dienstleister", None, None, None, "https://digitalservice.bund.de"),
    // Intermediary of the FIT-Store (the demo reuse agreements name it).
    org("fitko", "FITKO – Föderale IT-Kooperation", Some("FITKO"), "other", None, Some("DE-HE"), None, "https://www.fitko.de"),
    // Universities.
    org("uni-kiel", "Christian-Albrechts-Universität zu Kiel", Some("CAU"), "hochschule", None, Some("DE-SH"), None, "https://www.uni-kiel.de"),
    org("uni-rostock", "Universität Rostock", None, "hochschule", None, Some("DE-MV"), None, "https://www.uni-rostock.de"),
    // Abroad.
    abroad("gemeente-amsterdam", "Gemeente Amsterdam", "City of Amsterdam", None, "https://www.amsterdam.nl"),
    abroad("dipartimento-trasformazione-digitale", "Dipartimento per la trasformazione digitale", "Department for Digital Transformation (Italy)", Some("urn:x-italian-pa:pcm"), "https://innovazione.gov.it"),
];
