//! The health panel: vitality index and maintenance level, each with the
//! figures that produced it.

use super::dto::Health;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn HealthPanel(health: Health) -> impl IntoView {
    let i18n = use_i18n();
    let v = health.vitality;
    let m = health.maintained;
    let level_key = match m.level.code() {
        "active" => "mirror.health.level.active",
        "maintained" => "mirror.health.level.maintained",
        "sporadic" => "mirror.health.level.sporadic",
        _ => "mirror.health.level.inactive",
    };
    let badge = match m.level.code() {
        "active" => "kern-badge kern-badge--success",
        "maintained" => "kern-badge kern-badge--info",
        "sporadic" => "kern-badge kern-badge--warning",
        _ => "kern-badge kern-badge--danger",
    };
    let part = move |key: &'static str, points: f64, max: u32, figure: String| {
        view! {
            <tr>
                <th scope="row">{i18n.t(key)}</th>
                <td>{figure}</td>
                <td>{format!("{} / {max}", trim(points))}</td>
            </tr>
        }
    };
    view! {
        <section class="health-panel" aria-labelledby="health-heading">
            <h2 class="kern-heading kern-heading-medium" id="health-heading">{i18n.t("mirror.health.title")}</h2>
            <div class="health-panel__grid">
                <div>
                    <h3 class="kern-heading kern-heading-small">{i18n.t("mirror.health.vitality")}</h3>
                    <p class="health-panel__score"><strong>{v.index}</strong>" / 100"</p>
                    <table class="kern-table kern-table--small">
                        <caption class="kern-body kern-body--small">{i18n.t_with("mirror.health.vitality.caption", &[("days", &v.window_days.to_string())])}</caption>
                        <thead><tr><th scope="col">{i18n.t("mirror.health.part")}</th><th scope="col">{i18n.t("mirror.health.figure")}</th><th scope="col">{i18n.t("mirror.health.points")}</th></tr></thead>
                        <tbody>
                            {part("mirror.health.community", v.community_points, 36, i18n.t_with("mirror.health.authors", &[("n", &v.authors.to_string())]))}
                            {part("mirror.health.activity", v.activity_points, 60, i18n.t_with("mirror.health.commits", &[("n", &v.commits.to_string())]))}
                            {part("mirror.health.releases", v.release_points, 50, i18n.t_with("mirror.health.tags", &[("n", &v.releases.to_string())]))}
                            {part("mirror.health.longevity", v.longevity_points, 35, i18n.t_with("mirror.health.age", &[("n", &v.age_days.to_string())]))}
                        </tbody>
                    </table>
                    <p class="kern-body kern-body--small">{i18n.t("mirror.health.vitality.explain")}</p>
                </div>
                <div>
                    <h3 class="kern-heading kern-heading-small">{i18n.t("mirror.health.maintained")}</h3>
                    <p><span class=badge><span class="kern-label kern-label--small">{i18n.t(level_key)}</span></span></p>
                    <dl class="kern-description-list">
                        <div class="kern-description-list-item"><dt class="kern-description-list-item__key">{i18n.t("mirror.health.commits_6m")}</dt><dd class="kern-description-list-item__value">{m.commits_6m}</dd></div>
                        <div class="kern-description-list-item"><dt class="kern-description-list-item__key">{i18n.t("mirror.health.months_6m")}</dt><dd class="kern-description-list-item__value">{format!("{} / 6", m.active_months_6m)}</dd></div>
                        <div class="kern-description-list-item"><dt class="kern-description-list-item__key">{i18n.t("mirror.health.releases_6m")}</dt><dd class="kern-description-list-item__value">{m.releases_6m}</dd></div>
                        <div class="kern-description-list-item"><dt class="kern-description-list-item__key">{i18n.t("mirror.health.contributors_6m")}</dt><dd class="kern-description-list-item__value">{m.contributors_6m}</dd></div>
                        <div class="kern-description-list-item"><dt class="kern-description-list-item__key">{i18n.t("mirror.health.bus_factor")}</dt><dd class="kern-description-list-item__value">{m.bus_factor}</dd></div>
                    </dl>
                    <p class="kern-body kern-body--small">{i18n.t("mirror.health.maintained.explain")}</p>
                </div>
            </div>
        </section>
    }
}

fn trim(points: f64) -> String {
    if points.fract() == 0.0 {
        format!("{points:.0}")
    } else {
        format!("{points:.1}")
    }
}
