//! The HTTP side of accounts: form handlers (thin: they call one service
//! method and answer with a redirect), the session layer and the viewer.

mod account;
mod admin;
pub(crate) mod api;
mod login;
mod organisation;
mod organisation_details;
mod registration;
pub mod viewer;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/anmelden", post(login::password))
        .route("/anmelden/oidc/{provider}", post(login::oidc_start))
        .route("/anmelden/oidc/{provider}/rueckruf", get(login::oidc_callback))
        .route("/abmelden", post(login::logout))
        .route("/abmelden/ueberall", post(login::logout_everywhere))
        .route("/registrieren", post(registration::register))
        .route("/bestaetigen", post(registration::verify))
        .route("/passwort-vergessen", post(registration::forgot))
        .route("/passwort-neu", post(registration::reset))
        .route("/konto/profil", post(account::profile))
        .route("/konto/token", post(account::create_token))
        .route("/konto/token/{id}/widerrufen", post(account::revoke_token))
        .route("/konto/daten.json", get(account::export))
        .route("/konto/loeschen", post(account::delete))
        .route("/einladung", post(organisation::accept_invitation))
        .route("/verwaltungen", post(organisation_details::create))
        .route("/verwaltungen/{slug}/bearbeiten", post(organisation_details::update))
        .route("/verwaltungen/{slug}/beitreten", post(organisation::request))
        .route("/verwaltungen/{slug}/einladungen", post(organisation::invite))
        .route(
            "/verwaltungen/{slug}/einladungen/{id}/zurueckziehen",
            post(organisation::revoke_invitation),
        )
        .route("/verwaltungen/{slug}/antraege/{id}", post(organisation::decide))
        .route(
            "/verwaltungen/{slug}/mitglieder/{user}/rolle",
            post(organisation::change_role),
        )
        .route(
            "/verwaltungen/{slug}/mitglieder/{user}/entfernen",
            post(organisation::remove),
        )
        .route("/verwaltungen/{slug}/domains", post(organisation::add_domain))
        .route(
            "/verwaltungen/{slug}/domains/{domain}/entfernen",
            post(organisation::remove_domain),
        )
        .route("/admin/verwaltungen/{slug}/pruefung", post(admin::verify_organisation))
        .route("/admin/nutzer/{user}/admin", post(admin::site_admin))
        .route("/api/v1/whoami", get(api::whoami))
}
