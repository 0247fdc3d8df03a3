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
