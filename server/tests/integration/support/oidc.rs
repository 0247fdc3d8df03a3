//! Driving a real OpenID provider as a browser would.

use super::{NodeService, TestApp};
use reqwest::header::LOCATION;
use url::Url;

pub const CLIENT_ID: &str = "allmende";
pub const CLIENT_SECRET: &str = "allmende-test-secret";
pub const OTHER_CLIENT_ID: &str = "other-app";
pub const OTHER_SECRET: &str = "other-app-secret";
pub const OTHER_REDIRECT: &str = "http://127.0.0.1:9/other-callback";

pub struct Provider {
    pub issuer: String,
    _service: NodeService,
}

impl Provider {
    /// A provider that knows Allmende (at `base`) and one other application.
    pub async fn start(base: &str) -> Provider {
        let clients = serde_json::json!([
            {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
             "redirect_uris": [format!("{base}/anmelden/oidc/test/rueckruf")]},
            {"client_id": OTHER_CLIENT_ID, "client_secret": OTHER_SECRET, "redirect_uris": [OTHER_REDIRECT]},
        ]);
        let service = NodeService::start("oidc-provider.mjs", &[("OIDC_CLIENTS", clients.to_string())]).await;
        Provider {
            issuer: service.ready["issuer"].as_str().unwrap().to_owned(),
            _service: service,
        }
    }

    /// Allmende's settings for this provider, under the id `test`.
    pub fn settings(&self) -> Vec<(String, String)> {
        [
            ("ALLMENDE_OIDC_PROVIDERS", "test"),
            ("ALLMENDE_OIDC_TEST_ISSUER", &self.issuer),
            ("ALLMENDE_OIDC_TEST_CLIENT_ID", CLIENT_ID),
            ("ALLMENDE_OIDC_TEST_CLIENT_SECRET", CLIENT_SECRET),
            ("ALLMENDE_OIDC_TEST_NAME", "Test-IdP"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }
}

/// Who signs in at the provider.
pub struct Person<'a> {
    pub subject: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub email_verified: bool,
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(LOCATION)
        .unwrap_or_else(|| panic!("no redirect from {} ({})", response.url(), response.status()))
        .to_str()
        .unwrap()
        .to_owned()
}

/// Starts a login at Allmende; the provider's authorisation URL it redirects to.
pub async fn start_login(app: &TestApp) -> Url {
    let response = app.post_form("/anmelden/oidc/test", &[("zurueck", "/konto")]).await;
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap_or_default());
    Url::parse(&location(&response)).unwrap()
}

/// Signs `person` in at the provider, following an authorisation URL;
/// returns the URL the provider sends the browser back to (not yet opened).
pub async fn authorize(client: &reqwest::Client, authorization: &Url, person: &Person<'_>) -> Url {
    let response = client.get(authorization.clone()).send().await.unwrap();
    let interaction = authorization.join(&location(&response)).unwrap();
    let mut form = vec![
        ("login", person.subject),
        ("name", person.name),
        ("email", person.email),
    ];
    if person.email_verified {
        form.push(("email_verified", "true"));
    }
    let response = client.post(interaction.clone()).form(&form).send().await.unwrap();
    let mut next = interaction.join(&location(&response)).unwrap();
    // Resume the authorisation until the provider redirects off its own host.
    for _ in 0..5 {
        if next.port() != authorization.port() {
            return next;
        }
        let response = client.get(next.clone()).send().await.unwrap();
        next = next.join(&location(&response)).unwrap();
    }
    panic!("the provider did not send the browser back: {next}");
}

/// The whole login; the response of Allmende's callback.
pub async fn sign_in(app: &TestApp, person: &Person<'_>) -> reqwest::Response {
    let authorization = start_login(app).await;
    let callback = authorize(&app.client, &authorization, person).await;
    app.client.get(callback).send().await.unwrap()
}

pub fn query(url: &Url, name: &str) -> String {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

pub fn with_query(url: &Url, name: &str, value: &str) -> Url {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == name { value.to_owned() } else { v.into_owned() };
            (k.into_owned(), v)
        })
        .collect();
    let mut url = url.clone();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    url
}
