# English: the second language. Every key is also in de.ftl.

layout.skip_link = Skip to content
layout.kopfzeile = An official service of the public administration
layout.claim = Share and reuse public-sector software
layout.nav.label = Main navigation
layout.language.label = Choose language
layout.footer.label = Legal
layout.footer.note = Allmende is free software under the EUPL-1.2.

nav.catalog = Catalogue
nav.reuse = Reuse
nav.groups = Working groups

home.title = Home
home.heading = Allmende
home.lead = Public administrations share their software, find what others have built and reuse it together – the "once for all" principle.
home.stats.organisations = { $count } administrations from { $laender } federal states take part.
home.areas.heading = What you will find here
home.areas.catalog = Reusable public-sector software, described with publiccode.yml and mirrored from its repositories.
home.areas.reuse = Reuse agreements between administrations: who reuses what on which terms, confirmed by both sides.
home.areas.groups = Working groups with discussions for the communities around the software.

section.catalog.intro = The catalogue lists reusable public-sector software, with search, filters and figures on activity and maintenance.
section.reuse.intro = This is where reuse agreements between administrations live: who reuses which software on which terms.
section.groups.intro = Working groups coordinate here in discussions around shared software.
section.in_progress.title = This area is being built
section.in_progress.text = The content of this area arrives in one of the next versions of Allmende.

legal.impressum = Legal notice
legal.datenschutz = Privacy policy
legal.barrierefreiheit = Accessibility statement
legal.fallback_note = This text is only available in another language.

error.title = Error
error.not_found.title = Page not found
error.not_found.text = There is no page at this address. It may have moved, or the address may contain a typo.
error.unavailable.text = The data cannot be reached right now. Please try again in a few minutes.
error.internal.text = An unexpected error occurred. It has been logged; please try again later.
error.back_home = Back to the home page

home.stats.link = See all administrations

directory.title = Administrations
directory.intro = The administrations that share software on Allmende, reuse it, or coordinate in working groups.
directory.filter.label = Search administrations
directory.filter.text = Name or short name
directory.filter.land = Federal state
directory.filter.all_laender = All federal states
directory.filter.kind = Kind
directory.filter.all_kinds = All kinds
directory.filter.submit = Search
directory.count = Administrations found: { $count }
directory.table.caption = Administrations with kind and federal state
directory.table.name = Name
directory.table.kind = Kind
directory.table.land = Federal state
directory.pagination.label = Pages
directory.pagination.previous = Previous page
directory.pagination.next = Next page
directory.pagination.position = Page { $page } of { $pages }
directory.verified = Verified administration
directory.detail.short_name = Short name
directory.detail.parent = Part of
directory.detail.ars = Official regional key (ARS)
directory.detail.leitweg_id = Leitweg-ID
directory.detail.website = Website
directory.detail.uri = Identifier in publiccode.yml
directory.detail.contact = Contact
directory.detail.children = Related administrations
directory.back = Back to all administrations
directory.not_found = Administration not found
directory.kind.bund = Federal
directory.kind.land = Federal state
directory.kind.kreis = District
directory.kind.gemeinde = Municipality
directory.kind.zweckverband = Special-purpose association
directory.kind.it_dienstleister = Public IT service provider
directory.kind.hochschule = University
directory.kind.other = Other
