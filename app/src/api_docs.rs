//! The public API described once: the server turns this into
//! `/api/v1/openapi.json`, and the documentation page at `/api` renders it
//! in the reader's language.

use crate::catalog::dto::Facet;
use crate::i18n::{message, use_i18n, Locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Clone, Debug)]
pub struct Param {
    pub name: &'static str,
    /// "query" or "path".
    pub location: &'static str,
    pub required: bool,
    pub repeated: bool,
    pub description: &'static str,
}

#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    pub description: &'static str,
    /// A schema name under `components.schemas`, or "" for none.
    pub schema: &'static str,
    pub media_type: &'static str,
}

#[derive(Clone, Debug)]
pub struct Endpoint {
    pub method: &'static str,
    pub path: &'static str,
    pub operation_id: &'static str,
    pub summary: &'static str,
    pub params: Vec<Param>,
    /// The request body, if any.
    pub body: Option<RequestBody>,
    /// Needs `Authorization: Bearer <token>` with this scope.
    pub scope: Option<&'static str>,
    pub responses: Vec<Response>,
}

#[derive(Clone, Debug)]
pub struct RequestBody {
    pub media_type: &'static str,
    /// A schema name under `components.schemas`, or "" for a publiccode.yml.
    pub schema: &'static str,
}

const YAML_BODY: Option<RequestBody> = Some(RequestBody {
    media_type: "application/yaml",
    schema: "",
});

const fn query(name: &'static str, description: &'static str) -> Param {
    Param {
        name,
        location: "query",
        required: false,
        repeated: false,
        description,
    }
}

const fn path(name: &'static str, description: &'static str) -> Param {
    Param {
        name,
        location: "path",
        required: true,
        repeated: false,
        description,
    }
}

const JSON: &str = "application/json";
const PROBLEM: &str = "application/problem+json";

const fn ok(status: u16, description: &'static str, schema: &'static str) -> Response {
    Response {
        status,
        description,
        schema,
        media_type: JSON,
    }
}

const fn problem(status: u16, description: &'static str) -> Response {
    Response {
        status,
        description,
        schema: "Problem",
        media_type: PROBLEM,
    }
}

pub fn endpoints() -> Vec<Endpoint> {
    let mut search_params = vec![
        query("q", "api.param.q"),
        query("sort", "api.param.sort"),
        query("cursor", "api.param.cursor"),
        query("limit", "api.param.limit"),
    ];
    search_params.extend(Facet::ALL.iter().map(|f| Param {
        name: f.api_param(),
        location: "query",
        required: false,
        repeated: true,
        description: "api.param.facet",
    }));
    vec![
        Endpoint {
            method: "get",
            path: "/api/v1/software",
            operation_id: "searchSoftware",
            summary: "api.op.search",
            params: search_params,
            body: None,
            scope: None,
            responses: vec![
                ok(200, "api.response.results", "SearchResults"),
                problem(422, "api.response.invalid_query"),
            ],
        },
        Endpoint {
            method: "post",
            path: "/api/v1/software",
            operation_id: "publishSoftware",
            summary: "api.op.publish",
            params: vec![query("organisation", "api.param.organisation")],
            body: YAML_BODY,
            scope: Some("catalog:publish"),
            responses: vec![
                ok(201, "api.response.created", "PublishResult"),
                ok(200, "api.response.updated", "PublishResult"),
                problem(401, "api.response.unauthenticated"),
                problem(403, "api.response.forbidden"),
                problem(409, "api.response.refused"),
                Response {
                    status: 422,
                    description: "api.response.invalid_file",
                    schema: "ValidationProblem",
                    media_type: PROBLEM,
                },
            ],
        },
        Endpoint {
            method: "get",
            path: "/api/v1/software/{slug}",
            operation_id: "getSoftware",
            summary: "api.op.software",
            params: vec![path("slug", "api.param.slug")],
            body: None,
            scope: None,
            responses: vec![
                ok(200, "api.response.software", "Software"),
                problem(404, "api.response.not_found"),
            ],
        },
        Endpoint {
            method: "post",
            path: "/api/v1/validate",
            operation_id: "validatePubliccode",
            summary: "api.op.validate",
            params: vec![query("lang", "api.param.lang")],
            body: YAML_BODY,
            scope: None,
            responses: vec![
                ok(200, "api.response.validation", "ValidationResult"),
                problem(413, "api.response.too_large"),
            ],
        },
        Endpoint {
            method: "get",
            path: "/api/v1/organisations",
            operation_id: "listOrganisations",
            summary: "api.op.organisations",
            params: vec![
                query("q", "api.param.org_q"),
                query("land", "api.param.land"),
                query("cursor", "api.param.cursor"),
                query("limit", "api.param.limit"),
            ],
            body: None,
            scope: None,
            responses: vec![
                ok(200, "api.response.organisations", "OrganisationList"),
                problem(422, "api.response.invalid_query"),
            ],
        },
        Endpoint {
            method: "get",
            path: "/api/v1/organisations/{slug}",
            operation_id: "getOrganisation",
            summary: "api.op.organisation",
            params: vec![path("slug", "api.param.org_slug")],
            body: None,
            scope: None,
            responses: vec![
                ok(200, "api.response.organisation", "Organisation"),
                problem(404, "api.response.not_found"),
            ],
        },
        Endpoint {
            method: "get",
            path: "/api/v1/whoami",
            operation_id: "whoami",
            summary: "api.op.whoami",
            params: vec![],
            body: None,
            scope: Some(""),
            responses: vec![
                ok(200, "api.response.whoami", "WhoAmI"),
                problem(401, "api.response.unauthenticated"),
            ],
        },
        Endpoint {
            method: "get",
            path: "/api/v1/organisations/{slug}/repositories",
            operation_id: "listRepositories",
            summary: "api.op.repositories",
            params: vec![path("slug", "api.param.org_slug")],
            body: None,
            scope: None,
            responses: vec![
                ok(200, "api.response.repositories", "RepositoryList"),
                problem(404, "api.response.not_found"),
            ],
        },
        Endpoint {
            method: "post",
            path: "/api/v1/organisations/{slug}/repositories",
            operation_id: "registerRepository",
            summary: "api.op.register_repository",
            params: vec![path("slug", "api.param.org_slug")],
            body: Some(RequestBody {
                media_type: JSON,
                schema: "NewRepository",
            }),
            scope: Some("catalog:publish"),
            responses: vec![
                ok(201, "api.response.repository_created", "Repository"),
                problem(401, "api.response.unauthenticated"),
                problem(403, "api.response.forbidden"),
                problem(404, "api.response.not_found"),
                problem(409, "api.response.repository_listed"),
                problem(422, "api.response.repository_refused"),
            ],
        },
        Endpoint {
            method: "get",
            path: "/api/v1/repositories/{id}",
            operation_id: "getRepository",
            summary: "api.op.repository",
            params: vec![path("id", "api.param.repository_id")],
            body: None,
            scope: Some("catalog:publish"),
            responses: vec![
                ok(200, "api.response.repository", "Repository"),
                problem(401, "api.response.unauthenticated"),
                problem(403, "api.response.forbidden"),
                problem(404, "api.response.not_found"),
            ],
        },
        Endpoint {
            method: "post",
            path: "/api/v1/repositories/{id}/sync",
            operation_id: "syncRepository",
            summary: "api.op.sync",
            params: vec![path("id", "api.param.repository_id")],
            body: None,
            scope: Some("catalog:publish"),
            responses: vec![
                ok(202, "api.response.sync_queued", "SyncQueued"),
                problem(401, "api.response.unauthenticated"),
                problem(403, "api.response.forbidden"),
                problem(404, "api.response.not_found"),
            ],
        },
        Endpoint {
            method: "post",
            path: "/api/v1/hooks/{id}",
            operation_id: "receiveWebhook",
            summary: "api.op.webhook",
            params: vec![path("id", "api.param.repository_id")],
            body: Some(RequestBody {
                media_type: JSON,
                schema: "WebhookPayload",
            }),
            scope: None,
            responses: vec![
                ok(202, "api.response.webhook_queued", "WebhookResult"),
                ok(200, "api.response.webhook_ignored", "WebhookResult"),
                problem(401, "api.response.webhook_refused"),
                problem(404, "api.response.not_found"),
            ],
        },
        Endpoint {
            method: "get",
            path: "/api/v1/agreements",
            operation_id: "listAgreements",
            summary: "api.op.agreements",
            params: vec![
                query("status", "api.param.status"),
                query("kind", "api.param.kind"),
                query("land", "api.param.land"),
                query("page", "api.param.page"),
            ],
            body: None,
            scope: None,
            responses: vec![ok(200, "api.response.agreements", "AgreementList")],
        },
        Endpoint {
            method: "post",
            path: "/api/v1/agreements",
            operation_id: "requestReuse",
            summary: "api.op.request_reuse",
            params: vec![],
            body: Some(RequestBody {
                media_type: JSON,
                schema: "NewReuseRequest",
            }),
            scope: Some("reuse:write"),
            responses: vec![
                ok(201, "api.response.agreement_created", "Created"),
                problem(401, "api.response.unauthenticated"),
                problem(403, "api.response.forbidden"),
                problem(404, "api.response.not_found"),
                problem(409, "api.response.state_refused"),
                problem(422, "api.response.invalid_body"),
            ],
        },
        Endpoint {
            method: "get",
            path: "/api/v1/agreements/{id}",
            operation_id: "getAgreement",
            summary: "api.op.agreement",
            params: vec![path("id", "api.param.agreement_id")],
            body: None,
            scope: None,
            responses: vec![
                ok(200, "api.response.agreement", "Agreement"),
                problem(401, "api.response.unauthenticated"),
                problem(403, "api.response.forbidden"),
                problem(404, "api.response.not_found"),
            ],
        },
        Endpoint {
            method: "post",
            path: "/api/v1/agreements/{id}/steps",
            operation_id: "takeAgreementStep",
            summary: "api.op.agreement_step",
            params: vec![path("id", "api.param.agreement_id")],
            body: Some(RequestBody {
                media_type: JSON,
                schema: "NewStep",
            }),
            scope: Some("reuse:write"),
            responses: vec![
                ok(200, "api.response.step_taken", "StepTaken"),
                problem(401, "api.response.unauthenticated"),
                problem(403, "api.response.forbidden"),
                problem(404, "api.response.not_found"),
                problem(409, "api.response.state_refused"),
                problem(422, "api.response.invalid_body"),
            ],
        },
        Endpoint {
            method: "get",
            path: "/api/v1/software/{slug}/usage",
            operation_id: "getUsage",
            summary: "api.op.usage",
            params: vec![path("slug", "api.param.slug")],
            body: None,
            scope: None,
            responses: vec![
                ok(200, "api.response.usage", "EntryUsage"),
                problem(401, "api.response.unauthenticated"),
                problem(403, "api.response.forbidden"),
            ],
        },
        Endpoint {
            method: "post",
            path: "/api/v1/software/{slug}/usage",
            operation_id: "declareUsage",
            summary: "api.op.declare_usage",
            params: vec![path("slug", "api.param.slug")],
            body: Some(RequestBody {
                media_type: JSON,
                schema: "NewDeclaration",
            }),
            scope: Some("reuse:write"),
            responses: vec![
                ok(201, "api.response.declared", "Created"),
                problem(401, "api.response.unauthenticated"),
                problem(403, "api.response.forbidden"),
                problem(404, "api.response.not_found"),
                problem(422, "api.response.invalid_body"),
            ],
        },
        Endpoint {
            method: "get",
            path: "/api/v1/reuse/graph",
            operation_id: "getReuseGraph",
            summary: "api.op.reuse_graph",
            params: vec![],
            body: None,
            scope: None,
            responses: vec![ok(200, "api.response.graph", "ReuseGraph")],
        },
        Endpoint {
            method: "get",
            path: "/api/v1/reuse/laender/{land}",
            operation_id: "getLandReport",
            summary: "api.op.land_report",
            params: vec![path("land", "api.param.land")],
            body: None,
            scope: None,
            responses: vec![
                ok(200, "api.response.report", "ReuseReport"),
                problem(401, "api.response.unauthenticated"),
                problem(403, "api.response.forbidden"),
                problem(404, "api.response.not_found"),
            ],
        },
        Endpoint {
            method: "get",
            path: "/api/v1/organisations/{slug}/reuse",
            operation_id: "getOrganisationReport",
            summary: "api.op.organisation_report",
            params: vec![path("slug", "api.param.org_slug")],
            body: None,
            scope: None,
            responses: vec![
                ok(200, "api.response.report", "ReuseReport"),
                problem(401, "api.response.unauthenticated"),
                problem(403, "api.response.forbidden"),
                problem(404, "api.response.not_found"),
            ],
        },
    ]
}

/// The English description of a key, as the OpenAPI document carries it.
pub fn english(key: &'static str) -> &'static str {
    message(Locale::En, key)
}

#[component]
pub fn ApiDocsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("api.title") />
        <div class="kern-container page">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("api.title")}</h1>
            <p class="kern-body kern-body--large">{i18n.t("api.intro")}</p>
            <p class="kern-body">
                <a class="kern-link" href="/api/v1/openapi.json">{i18n.t("api.openapi_link")}</a>
            </p>
            <h2 class="kern-heading kern-heading-medium">{i18n.t("api.auth.heading")}</h2>
            <p class="kern-body">{i18n.t("api.auth.text")}</p>
            <pre class="code-block"><code>"curl --fail-with-body -X POST -H \"Authorization: Bearer $ALLMENDE_TOKEN\" -H \"Content-Type: application/yaml\" --data-binary @publiccode.yml https://allmende.example/api/v1/software"</code></pre>
            <h2 class="kern-heading kern-heading-medium">{i18n.t("api.errors.heading")}</h2>
            <p class="kern-body">{i18n.t("api.errors.text")}</p>
            <h2 class="kern-heading kern-heading-medium">{i18n.t("api.endpoints")}</h2>
            {endpoints().into_iter().map(|e| view! { <EndpointView endpoint=e /> }).collect_view()}
        </div>
    }
}

#[component]
fn EndpointView(endpoint: Endpoint) -> impl IntoView {
    let i18n = use_i18n();
    let id = endpoint.operation_id;
    view! {
        <section class="api-endpoint" aria-labelledby=id>
            <h3 class="kern-heading kern-heading-small" id=id>
                <code>{format!("{} {}", endpoint.method.to_uppercase(), endpoint.path)}</code>
            </h3>
            <p class="kern-body">{i18n.t(endpoint.summary)}</p>
            {endpoint.scope.map(|s| view! {
                <p class="kern-body">{if s.is_empty() { i18n.t("api.needs_token").to_string() } else { i18n.t_with("api.needs_scope", &[("scope", s)]) }}</p>
            })}
            {endpoint.body.map(|b| view! { <p class="kern-body">{i18n.t_with("api.body", &[("type", b.media_type)])}</p> })}
            {(!endpoint.params.is_empty()).then(|| view! {
                <table class="kern-table">
                    <caption class="kern-title">{i18n.t("api.params")}</caption>
                    <thead class="kern-table__head"><tr class="kern-table__row">
                        <th class="kern-table__header" scope="col">{i18n.t("api.param.name")}</th>
                        <th class="kern-table__header" scope="col">{i18n.t("api.param.in")}</th>
                        <th class="kern-table__header" scope="col">{i18n.t("api.param.description")}</th>
                    </tr></thead>
                    <tbody class="kern-table__body">
                        {endpoint.params.iter().map(|p| view! {
                            <tr class="kern-table__row">
                                <td class="kern-table__cell"><code>{p.name}</code></td>
                                <td class="kern-table__cell">{p.location}</td>
                                <td class="kern-table__cell">{i18n.t(p.description)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <ul class="kern-list">
                {endpoint.responses.iter().map(|r| view! { <li><code>{r.status.to_string()}</code>" "{i18n.t(r.description)}</li> }).collect_view()}
            </ul>
        </section>
    }
}
