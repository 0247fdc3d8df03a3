//! What every form handler works with, and the one way it answers: a redirect
//! with a notice, back to the form with its errors, or an error page.

use crate::accounts::Actor;
use crate::http::error_page;
use crate::state::AppState;
use app::error::AppError;
use app::forms::{Flash, FormState, Notice, NoticeKind};
use app::i18n::Locale;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::response::{IntoResponse, Redirect, Response};
use http::request::Parts;
use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use tower_sessions::Session;

/// Submitted fields in order; checkboxes may repeat a name.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(transparent)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The values to show again after an error: everything except secrets.
    /// A field sent more than once (ticked checkboxes) comes back as its
    /// values joined by commas.
    pub fn to_keep(&self) -> BTreeMap<String, String> {
        let mut kept: BTreeMap<String, String> = BTreeMap::new();
        for (k, v) in self.0.iter().filter(|(k, _)| !k.contains("password") && k != "token") {
            let v: String = v.chars().take(KEPT_CHARS).collect();
            kept.entry(k.clone())
                .and_modify(|all| {
                    all.push(',');
                    all.push_str(&v);
                })
                .or_insert(v);
        }
        kept
    }
}

/// The longest value a refused form gets back: the longest text a form
/// takes (a post, a description), so that nothing typed is lost.
const KEPT_CHARS: usize = 20_000;

pub struct Ctx {
    pub state: AppState,
    pub session: Session,
    pub ip: Option<IpAddr>,
    pub locale: Locale,
    pub actor: Option<Actor>,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|e| e.into_response())?;
        Ok(Ctx {
            state: state.clone(),
            session,
            ip: crate::http::client_ip::client_ip(
                parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()),
                &parts.headers,
                &state.config.trusted_proxies,
            ),
            locale: parts.extensions.get::<Locale>().copied().unwrap_or_default(),
            actor: parts.extensions.get::<Actor>().cloned(),
        })
    }
}

/// Where a form came from and what to keep when it comes back.
pub struct Form<'a> {
    pub name: &'static str,
    pub back: String,
    pub fields: &'a Fields,
}

impl Ctx {
    /// The actor, or a redirect to the login that returns to `back`.
    pub async fn actor(&self, back: &str) -> Result<Actor, Response> {
        match &self.actor {
            Some(actor) => Ok(actor.clone()),
            None => Err(self.error(AppError::Unauthenticated, back).await),
        }
    }

    pub async fn notice(&self, notice: Notice, to: &str) -> Response {
        crate::sessions::set_flash(
            &self.session,
            Flash {
                notice: Some(notice),
                ..Flash::default()
            },
        )
        .await;
        Redirect::to(to).into_response()
    }

    pub async fn success(&self, key: &str, to: &str) -> Response {
        self.notice(Notice::new(NoticeKind::Success, key), to).await
    }

    /// Answers a failed action: input errors and conflicts go back to the
    /// form, with the input (a conflict, such as a slug someone took a moment
    /// ago, with its explanation); refusals and failures get their status
    /// and the error page.
    pub async fn failed(&self, error: AppError, form: Form<'_>) -> Response {
        let (errors, notice) = match error {
            AppError::Invalid(errors) => (errors, None),
            AppError::Conflict(key) => (Vec::new(), Some(Notice::new(NoticeKind::Danger, &key))),
            other => return self.error(other, &form.back).await,
        };
        crate::sessions::set_flash(
            &self.session,
            Flash {
                notice,
                form: Some(FormState {
                    form: form.name.to_owned(),
                    values: form.fields.to_keep(),
                    errors,
                }),
                ..Flash::default()
            },
        )
        .await;
        Redirect::to(&form.back).into_response()
    }

    /// Conflicts go back with their explanation; the login is offered to
    /// anonymous readers; everything else is an error page with its status.
    pub async fn error(&self, error: AppError, back: &str) -> Response {
        match error {
            AppError::Unauthenticated => {
                let to = format!("/anmelden?zurueck={}", urlencode(back));
                return self
                    .notice(Notice::new(NoticeKind::Info, "login.notice.required"), &to)
                    .await;
            }
            AppError::Conflict(key) => return self.notice(Notice::new(NoticeKind::Danger, &key), back).await,
            _ => {}
        }
        error_page::render(&self.state, self.locale, self.actor.as_ref().map(Actor::viewer), error).await
    }
}

pub fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The signed-in actor, or the handler answers with the sign-in redirect.
macro_rules! actor_or_return {
    ($ctx:expr, $back:expr) => {
        match $ctx.actor($back).await {
            Ok(actor) => actor,
            Err(response) => return response,
        }
    };
}
pub(crate) use actor_or_return;

#[cfg(test)]
mod tests {
    use super::Fields;

    #[test]
    fn a_refused_form_keeps_every_ticked_box_and_no_secret() {
        let fields = Fields(
            [
                ("topics", "ai"),
                ("name", "KI"),
                ("topics", "ozg"),
                ("password", "geheim"),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .to_vec(),
        );
        let kept = fields.to_keep();
        assert_eq!(kept.get("topics").map(String::as_str), Some("ai,ozg"));
        assert_eq!(kept.get("name").map(String::as_str), Some("KI"));
        assert!(!kept.contains_key("password"));
    }
}
