use super::api::fetch_invitation;
use crate::components::loaded;
use crate::forms::{HiddenField, SubmitButton};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/einladung?token=…`: what the invitation offers, and accepting it.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = use_query_map().get_untracked().get("token").unwrap_or_default();
    let data = OnceResource::new(fetch_invitation(token.clone()));
    let signed_in = crate::request::viewer().is_some();
    view! {
        <Title text=i18n.t("invitation.title") />
        <div class="kern-container page page--narrow">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("invitation.title")}</h1>
            {loaded(data, move |data| {
                let token = token.clone();
                let text = i18n.t_with("invitation.text", &[("organisation", &data.organisation.name), ("role", i18n.t(data.role.label_key())), ("email", &data.email)]);
                // The token is URL-safe; the return path's own "?" and "=" are encoded.
                let back = format!("/anmelden?zurueck=/einladung%3Ftoken%3D{token}");
                view! {
                    <p class="kern-body">{text}</p>
                    {if signed_in {
                        view! {
                            <form method="post" action="/einladung">
                                <HiddenField name="token" value=token.clone() />
                                <SubmitButton label=i18n.t("invitation.accept") />
                            </form>
                        }.into_any()
                    } else {
                        view! { <p class="kern-body"><a class="kern-link" href=back>{i18n.t("invitation.sign_in")}</a></p> }.into_any()
                    }}
                }
            })}
        </div>
    }
}
