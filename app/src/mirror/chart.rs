//! Activity over the last year as a server-rendered SVG bar chart: works
//! without JavaScript, and screen readers get a summary and the table of
//! all 52 weeks.

use super::format;
use crate::i18n::use_i18n;
use leptos::prelude::*;

const BAR: i64 = 12;
const HEIGHT: i64 = 100;

#[component]
pub fn ActivityChart(weeks: Vec<u32>, weeks_end: i64) -> impl IntoView {
    let i18n = use_i18n();
    let max = weeks.iter().copied().max().unwrap_or(0).max(1) as i64;
    let total: u32 = weeks.iter().sum();
    let week_end = |i: usize| weeks_end - (51 - i as i64) * 7 * 86_400;
    let busiest = weeks
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, *i))
        .map(|(i, n)| (i, *n))
        .unwrap_or((51, 0));
    let last_month: u32 = weeks.iter().rev().take(4).sum();
    let summary = i18n.t_with(
        "mirror.chart.summary",
        &[
            ("total", &i18n.number(total as i64)),
            ("max", &i18n.number(busiest.1 as i64)),
            ("date", &format::date(i18n.locale, week_end(busiest.0))),
            ("recent", &i18n.number(last_month as i64)),
        ],
    );
    let width = BAR * 52;
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let h = (*n as i64 * HEIGHT) / max;
            view! {
                <rect class="activity-chart__bar" x=(i as i64 * BAR + 1).to_string() y=(HEIGHT - h).to_string()
                    width=(BAR - 2).to_string() height=h.to_string()>
                    <title>{format!("{}: {n}", format::date(i18n.locale, week_end(i)))}</title>
                </rect>
            }
        })
        .collect_view();
    let rows = weeks
        .iter()
        .enumerate()
        .rev()
        .map(|(i, n)| view! { <tr><td>{format::date(i18n.locale, week_end(i))}</td><td>{*n}</td></tr> })
        .collect_view();
    view! {
        <figure class="activity-chart">
            <svg role="img" aria-labelledby="activity-title activity-desc" viewBox=format!("0 0 {width} {}", HEIGHT + 16)
                preserveAspectRatio="none" width="100%" height="136" xmlns="http://www.w3.org/2000/svg">
                <title id="activity-title">{i18n.t("mirror.chart.title")}</title>
                <desc id="activity-desc">{summary.clone()}</desc>
                <line class="activity-chart__axis" x1="0" y1=HEIGHT.to_string() x2=width.to_string() y2=HEIGHT.to_string() />
                {bars}
                <text class="activity-chart__label" x="0" y=(HEIGHT + 14).to_string()>{format::date(i18n.locale, week_end(0) - 6 * 86_400)}</text>
                <text class="activity-chart__label" x=width.to_string() y=(HEIGHT + 14).to_string() text-anchor="end">{format::date(i18n.locale, weeks_end)}</text>
            </svg>
            <figcaption class="kern-body kern-body--small">{summary}</figcaption>
            <details class="activity-chart__table">
                <summary class="kern-body kern-body--small">{i18n.t("mirror.chart.table")}</summary>
                <table class="kern-table kern-table--small">
                    <caption class="kern-sr-only">{i18n.t("mirror.chart.title")}</caption>
                    <thead><tr><th scope="col">{i18n.t("mirror.chart.week_ending")}</th><th scope="col">{i18n.t("mirror.chart.commits")}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}
