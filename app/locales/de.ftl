# Deutsch: die Standardsprache. Jeder Schlüssel steht auch in en.ftl.

layout.skip_link = Zum Inhalt springen
layout.kopfzeile = Offizielles Angebot der öffentlichen Verwaltung
layout.claim = Software der öffentlichen Hand teilen und nachnutzen
layout.nav.label = Hauptnavigation
layout.language.label = Sprache wählen
layout.footer.label = Rechtliches
layout.footer.note = Allmende ist freie Software unter der EUPL-1.2.

nav.catalog = Katalog
nav.reuse = Nachnutzung
nav.groups = Arbeitsgruppen

home.title = Startseite
home.heading = Allmende
home.lead = Verwaltungen teilen ihre Software, finden Lösungen anderer und nutzen sie gemeinsam nach – nach dem Prinzip „Einer für Alle“.
home.stats.organisations = { $count } Verwaltungen aus { $laender } Ländern sind dabei.
home.areas.heading = Was Sie hier finden
home.areas.catalog = Wiederverwendbare Software der öffentlichen Verwaltung, beschrieben mit publiccode.yml und gespiegelt aus ihren Repositorys.
home.areas.reuse = Nachnutzungsvereinbarungen zwischen Verwaltungen: wer was zu welchen Bedingungen nachnutzt, von beiden Seiten bestätigt.
home.areas.groups = Arbeitsgruppen mit Diskussionen für die Gemeinschaften rund um die Software.

section.catalog.intro = Der Katalog verzeichnet wiederverwendbare Software der öffentlichen Verwaltung, mit Suche, Filtern und Angaben zu Aktivität und Pflege.
section.reuse.intro = Hier stehen die Nachnutzungsvereinbarungen zwischen Verwaltungen: wer welche Software zu welchen Bedingungen nachnutzt.
section.groups.intro = Arbeitsgruppen koordinieren sich hier in Diskussionen rund um gemeinsam genutzte Software.
section.in_progress.title = Dieser Bereich entsteht gerade
section.in_progress.text = Die Inhalte dieses Bereichs folgen in einer der nächsten Versionen von Allmende.

legal.impressum = Impressum
legal.datenschutz = Datenschutzerklärung
legal.barrierefreiheit = Erklärung zur Barrierefreiheit
legal.fallback_note = Dieser Text liegt nur in einer anderen Sprache vor.

error.title = Fehler
error.not_found.title = Seite nicht gefunden
error.not_found.text = Unter dieser Adresse gibt es keine Seite. Vielleicht hat sie sich geändert, oder es hat sich ein Tippfehler eingeschlichen.
error.unavailable.text = Die Daten sind gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.
error.internal.text = Ein unerwarteter Fehler ist aufgetreten. Er wurde protokolliert; bitte versuchen Sie es später erneut.
error.back_home = Zur Startseite

home.stats.link = Alle Verwaltungen ansehen

directory.title = Verwaltungen
directory.intro = Die Verwaltungen, die auf Allmende Software teilen, nachnutzen oder sich in Arbeitsgruppen abstimmen.
directory.filter.label = Verwaltungen durchsuchen
directory.filter.text = Name oder Kurzname
directory.filter.land = Land
directory.filter.all_laender = Alle Länder
directory.filter.kind = Art
directory.filter.all_kinds = Alle Arten
directory.filter.submit = Suchen
directory.count = Gefundene Verwaltungen: { $count }
directory.table.caption = Verwaltungen mit Art und Land
directory.table.name = Name
directory.table.kind = Art
directory.table.land = Land
directory.pagination.label = Seiten
directory.pagination.previous = Vorherige Seite
directory.pagination.next = Nächste Seite
directory.pagination.position = Seite { $page } von { $pages }
directory.verified = Geprüfte Verwaltung
directory.detail.short_name = Kurzname
directory.detail.parent = Übergeordnet
directory.detail.ars = Amtlicher Regionalschlüssel
directory.detail.leitweg_id = Leitweg-ID
directory.detail.website = Website
directory.detail.uri = Kennung in publiccode.yml
directory.detail.contact = Kontakt
directory.detail.children = Zugehörige Verwaltungen
directory.back = Zurück zu allen Verwaltungen
directory.not_found = Verwaltung nicht gefunden
directory.kind.bund = Bund
directory.kind.land = Land
directory.kind.kreis = Kreis
directory.kind.gemeinde = Gemeinde
directory.kind.zweckverband = Zweckverband
directory.kind.it_dienstleister = Öffentlicher IT-Dienstleister
directory.kind.hochschule = Hochschule
directory.kind.other = Sonstige
