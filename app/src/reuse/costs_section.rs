//! The costs of an agreement on its page, for the parties only: each block
//! with every payer's share (to the cent, adding up to the block), and,
//! while the parties coordinate, a form to add a block and a button to
//! remove one. Plain forms: they work without JavaScript.

use super::cost_blocks::{format_amount, BlockKind, SplitChoice};
use super::dto::{AgreementView, CostBlockView, PayerView};
use crate::components::Table;
use crate::directory::dto::land_name;
use crate::forms::{use_flash, ChoiceField, ErrorSummary, HiddenField, SubmitButton, TextField};
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;

pub const FORM: &str = "agreement-costs";

fn payer_name(i18n: I18n, payer: &PayerView) -> String {
    match payer {
        PayerView::Party(name) => name.clone(),
        PayerView::Federation => i18n.t("reuse.costs.federation").to_owned(),
        PayerView::Land(code) => land_name(code).unwrap_or(code).to_owned(),
    }
}

fn block(i18n: I18n, view: &AgreementView, editor: Option<&str>, b: CostBlockView) -> impl IntoView {
    let split = match b.year {
        Some(year) => i18n.t_with(
            "reuse.costs.split_with_year",
            &[("split", i18n.t(b.split.label_key())), ("year", &year.to_string())],
        ),
        None => i18n.t(b.split.label_key()).to_owned(),
    };
    let heading = format!(
        "{}, {}: {}",
        i18n.t(b.kind.label_key()),
        b.period,
        format_amount(i18n.locale, b.amount_cents)
    );
    let rows = b
        .shares
        .iter()
        .map(|s| {
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">{payer_name(i18n, &s.payer)}</td>
                    <td class="kern-table__cell amount">{format_amount(i18n.locale, s.cents)}</td>
                </tr>
            }
        })
        .collect_view();
    let remove = editor.map(|organisation| {
        let label = i18n.t_with("reuse.costs.remove_named", &[("block", &heading)]);
        view! {
            <form method="post" action=format!("/nachnutzung/vereinbarungen/{}/kosten/{}/entfernen", view.id, b.id) class="inline-form">
                <input type="hidden" name="organisation" value=organisation.to_owned() />
                <input type="hidden" name="version" value=view.version.to_string() />
                <button class="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit" aria-label=label>
                    <span class="kern-label">{i18n.t("reuse.costs.remove")}</span>
                </button>
            </form>
        }
    });
    view! {
        <li class="cost-block">
            <h3 class="kern-heading kern-heading-small">{heading.clone()}</h3>
            <p class="kern-body">{i18n.t("reuse.costs.split")}": "{split}</p>
            {match b.problem {
                Some(key) => view! { <p class="kern-body">{i18n.text(&key)}</p> }.into_any(),
                None => view! {
                    <Table caption=i18n.t("reuse.costs.shares_caption") headers=vec![i18n.t("reuse.costs.payer"), i18n.t("reuse.costs.share")] small=true>
                        {rows}
                    </Table>
                }.into_any(),
            }}
            {remove}
        </li>
    }
}

#[component]
pub fn CostsSection(view: AgreementView) -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let state = flash.form(FORM);
    let Some(costs) = view.costs.clone() else {
        return ().into_any();
    };
    // The first party the reader may edit for acts for the form.
    let editor = view
        .actions
        .iter()
        .find(|a| a.edit_terms)
        .map(|a| a.organisation_id.clone());
    let total: i64 = costs.iter().map(|b| b.amount_cents).sum();
    let blocks = costs
        .into_iter()
        .map(|b| block(i18n, &view, editor.as_deref(), b))
        .collect_view();
    let form = editor.clone().map(|organisation| {
        let kinds = BlockKind::ALL
            .iter()
            .map(|k| (k.code().to_owned(), i18n.t(k.label_key()).to_owned()))
            .collect::<Vec<_>>();
        let splits = SplitChoice::ALL
            .iter()
            .map(|c| (c.code().to_owned(), i18n.t(c.label_key()).to_owned()))
            .collect::<Vec<_>>();
        let shares = view
            .parties
            .iter()
            .map(|p| {
                let id = format!("{FORM}-share_{}", p.organisation_id);
                let name = format!("share_{}", p.organisation_id);
                let value = state.as_ref().and_then(|s| s.value(&name)).unwrap_or_default().to_owned();
                let error = state.as_ref().and_then(|s| s.error(&name)).map(|k| i18n.text(k));
                view! {
                    <div class="kern-form-input">
                        <label class="kern-label" for=id.clone()>{p.organisation_name.clone()}</label>
                        {error.map(|e| view! { <p class="kern-error"><span class="kern-body">{e}</span></p> })}
                        <input class="kern-form-input__input kern-form-input__input--width-5" id=id name=name type="text" inputmode="decimal" value=value />
                    </div>
                }
            })
            .collect_view();
        view! {
            <h3 class="kern-heading kern-heading-small" id="costs-add">{i18n.t("reuse.costs.add")}</h3>
            <ErrorSummary state=state.clone() prefix=FORM />
            <form method="post" action=format!("/nachnutzung/vereinbarungen/{}/kosten", view.id) class="stack" aria-labelledby="costs-add">
                <HiddenField name="organisation" value=organisation />
                <HiddenField name="version" value=view.version.to_string() />
                <ChoiceField state=state.clone() id=format!("{FORM}-kind") name="kind" label=i18n.t("reuse.costs.kind") options=kinds />
                <TextField state=state.clone() id=format!("{FORM}-period") name="period" label=i18n.t("reuse.costs.period")
                    hint=i18n.t("reuse.costs.period_hint") maxlength=50 />
                <TextField state=state.clone() id=format!("{FORM}-amount") name="amount" label=i18n.t("reuse.costs.amount")
                    hint=i18n.t("reuse.costs.amount_hint") />
                <ChoiceField state=state.clone() id=format!("{FORM}-split") name="split" label=i18n.t("reuse.costs.split") options=splits />
                <fieldset class="kern-fieldset">
                    <legend class="kern-label">{i18n.t("reuse.costs.fixed_legend")}</legend>
                    {shares}
                </fieldset>
                <SubmitButton label=i18n.t("reuse.costs.submit") />
            </form>
        }
    });
    view! {
        <section aria-labelledby="agreement-costs" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="agreement-costs">{i18n.t("reuse.costs.heading")}</h2>
            <p class="kern-body">{i18n.t(view.confidentiality_key())}" "{i18n.t("reuse.costs.rounding")}</p>
            {if total == 0 && form.is_none() {
                view! { <p class="kern-body">{i18n.t("reuse.costs.none")}</p> }.into_any()
            } else {
                view! {
                    <p class="kern-body">{i18n.t_with("reuse.costs.total", &[("total", &format_amount(i18n.locale, total))])}</p>
                    <ul class="cost-blocks">{blocks}</ul>
                }.into_any()
            }}
            {form}
        </section>
    }
    .into_any()
}
