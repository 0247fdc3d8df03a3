//! `/admin/synchronisation`: the operator's view of the sync queue —
//! running, waiting and failed jobs with their errors, and re-queueing.

use super::api::fetch_sync_queue;
use super::dto::QueuePage;
use crate::accounts::dto::format_timestamp;
use crate::components::{loaded_page, Table};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SyncQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let data = OnceResource::new(fetch_sync_queue());
    view! {
        <Title text=i18n.t("mirror.queue.title") />
        <div class="kern-container page">
            {loaded_page(data, i18n.t("mirror.queue.title"), queue)}
        </div>
    }
}

fn state_key(state: &str) -> &'static str {
    match state {
        "queued" => "mirror.queue.state.queued",
        "running" => "mirror.queue.state.running",
        "failed" => "mirror.queue.state.failed",
        _ => "mirror.queue.state.done",
    }
}

fn queue(data: QueuePage) -> impl IntoView {
    let i18n = use_i18n();
    let when = move |t: &Option<String>| {
        t.as_deref()
            .map(|t| format_timestamp(i18n.locale, t))
            .unwrap_or_default()
    };
    let rows = data
        .jobs
        .iter()
        .map(|j| {
            let action = format!("/admin/synchronisation/{}/erneut", j.id);
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">{j.id}</td>
                    <td class="kern-table__cell"><code>{j.url.clone()}</code></td>
                    <td class="kern-table__cell">{i18n.t(state_key(&j.state))}</td>
                    <td class="kern-table__cell">{j.reason.clone()}</td>
                    <td class="kern-table__cell">{j.attempts}</td>
                    <td class="kern-table__cell">{match j.state.as_str() {
                        "queued" => format_timestamp(i18n.locale, &j.run_at),
                        "running" => when(&j.started_at),
                        _ => when(&j.finished_at),
                    }}</td>
                    <td class="kern-table__cell">{j.worker.clone().unwrap_or_default()}</td>
                    <td class="kern-table__cell job-error">{j.error.clone().unwrap_or_default()}</td>
                    <td class="kern-table__cell">{(j.state == "failed").then(|| view! {
                        <form method="post" action=action class="inline-form">
                            <button class="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit"
                                aria-label=i18n.t_with("mirror.queue.requeue_of", &[("url", &j.url)])>
                                <span class="kern-label">{i18n.t("mirror.queue.requeue")}</span>
                            </button>
                        </form>
                    })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1 class="kern-heading kern-heading-x-large">{i18n.t("mirror.queue.title")}</h1>
        <dl class="kern-description-list queue-counts">
            {[("mirror.queue.running", data.running), ("mirror.queue.queued", data.queued), ("mirror.queue.failed", data.failed),
              ("mirror.queue.done_hour", data.done_last_hour), ("mirror.queue.repositories", data.repositories)]
                .into_iter()
                .map(|(k, n)| view! {
                    <div class="kern-description-list-item"><dt class="kern-description-list-item__key">{i18n.t(k)}</dt><dd class="kern-description-list-item__value">{i18n.number(n)}</dd></div>
                })
                .collect_view()}
        </dl>
        <Table caption=i18n.t("mirror.queue.title") small=true headers=vec![
            i18n.t("mirror.queue.job"), i18n.t("mirror.list.url"), i18n.t("mirror.queue.state"), i18n.t("mirror.queue.reason"),
            i18n.t("mirror.queue.attempts"), i18n.t("mirror.queue.when"), i18n.t("mirror.queue.worker"), i18n.t("mirror.queue.error"),
            i18n.t("mirror.list.actions")]>
            {rows}
        </Table>
    }
}
