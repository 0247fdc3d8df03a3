use crate::components::{Alert, AlertKind};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// The areas of the platform still to come (working groups); until their
/// content arrives each page says what it will hold, so that the navigation
/// never leads to a dead end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Groups,
}

impl Section {
    fn keys(self) -> (&'static str, &'static str) {
        match self {
            Section::Groups => ("nav.groups", "section.groups.intro"),
        }
    }
}

#[component]
pub fn SectionPage(section: Section) -> impl IntoView {
    let i18n = use_i18n();
    let (title, intro) = section.keys();
    view! {
        <Title text=i18n.t(title) />
        <div class="kern-container page">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t(title)}</h1>
            <p class="kern-body kern-body--large">{i18n.t(intro)}</p>
            <Alert kind=AlertKind::Info title=i18n.t("section.in_progress.title") text=i18n.t("section.in_progress.text") />
        </div>
    }
}
