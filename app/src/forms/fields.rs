use super::{Flash, FormState, NoticeKind};
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A labelled KERN text input that shows the value the reader typed and its
/// error after a refused submission, linked by `aria-describedby`.
#[component]
pub fn TextField(
    /// The returned form, if this form came back with errors.
    state: Option<FormState>,
    /// Unique on the page (several forms may share field names).
    id: String,
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] value: Option<String>,
    #[prop(default = true)] required: bool,
    #[prop(optional)] maxlength: Option<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = state.as_ref().and_then(|s| s.error(name)).map(|k| i18n.text(k));
    // Passwords never come back.
    let shown = if input_type == "password" {
        None
    } else {
        state.as_ref().and_then(|s| s.value(name)).map(str::to_owned).or(value)
    };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = [hint.map(|_| hint_id.clone()), error.as_ref().map(|_| error_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let class = if error.is_some() {
        "kern-form-input__input kern-form-input__input--error"
    } else {
        "kern-form-input__input"
    };
    view! {
        <div class="kern-form-input">
            <FieldLabel for_id=id.clone() label required />
            {hint.map(|h| view! { <div class="kern-hint" id=hint_id.clone()>{h}</div> })}
            {error.clone().map(|text| view! { <FieldErrorText id=error_id.clone() text /> })}
            <input
                class=class
                id=id
                name=name
                type=input_type
                value=shown
                autocomplete=autocomplete
                required=required
                maxlength=maxlength
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=(!described.is_empty()).then_some(described)
            />
        </div>
    }
}

/// A labelled multi-line input with the same error handling as [`TextField`].
#[component]
pub fn TextArea(
    state: Option<FormState>,
    id: String,
    name: &'static str,
    label: &'static str,
    #[prop(default = false)] required: bool,
    #[prop(optional)] maxlength: Option<u32>,
    /// Shown unless the returned form holds the reader's own text.
    #[prop(optional)]
    value: Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = state.as_ref().and_then(|s| s.error(name)).map(|k| i18n.text(k));
    let hint_id = format!("{id}-hint");
    let value = state
        .as_ref()
        .and_then(|s| s.value(name))
        .map(str::to_owned)
        .or(value)
        .unwrap_or_default();
    let error_id = format!("{id}-error");
    let described = [hint.map(|_| hint_id.clone()), error.as_ref().map(|_| error_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <div class="kern-form-input">
            <FieldLabel for_id=id.clone() label required />
            {hint.map(|h| view! { <div class="kern-hint" id=hint_id.clone()>{h}</div> })}
            {error.clone().map(|text| view! { <FieldErrorText id=error_id.clone() text /> })}
            <textarea
                class="kern-form-input__input"
                id=id
                name=name
                rows=rows
                required=required
                maxlength=maxlength
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=(!described.is_empty()).then_some(described)
            >{crate::raw_text::textarea(value)}</textarea>
        </div>
    }
}

/// A labelled KERN select with the same error handling as [`TextField`]:
/// after a refused submission the reader's choice stays selected.
#[component]
pub fn ChoiceField(
    state: Option<FormState>,
    id: String,
    name: &'static str,
    label: &'static str,
    /// `(value, text)` pairs.
    options: Vec<(String, String)>,
    /// Selected unless the returned form chose another.
    #[prop(optional)]
    selected: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = state.as_ref().and_then(|s| s.error(name)).map(|k| i18n.text(k));
    let chosen = state
        .as_ref()
        .and_then(|s| s.value(name))
        .map(str::to_owned)
        .or(selected);
    let error_id = format!("{id}-error");
    view! {
        <div class="kern-form-input">
            <FieldLabel for_id=id.clone() label required=true />
            {error.clone().map(|text| view! { <FieldErrorText id=error_id.clone() text /> })}
            <div class="kern-form-input__select-wrapper">
                <select
                    class="kern-form-input__select"
                    id=id
                    name=name
                    aria-invalid=error.is_some().then_some("true")
                    aria-describedby=error.is_some().then_some(error_id.clone())
                >
                    {options
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = chosen.as_deref() == Some(value.as_str());
                            view! { <option value=value selected=selected>{text}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}

/// A one-button form for an action on one row (revoke, remove, verify): a
/// small button whose accessible name says what it acts on.
#[component]
pub fn ActionButton(
    action: String,
    label: &'static str,
    /// The full name for screen readers ("Remove Pia Petersen").
    aria_label: String,
    /// One hidden `name=value` sent along.
    #[prop(optional)]
    hidden: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline-form">
            {hidden.map(|(name, value)| view! { <input type="hidden" name=name value=value /> })}
            <button class="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit" aria-label=aria_label>
                <span class="kern-label">{label}</span>
            </button>
        </form>
    }
}

/// A field's label, marking optional fields as such.
#[component]
fn FieldLabel(for_id: String, label: &'static str, required: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="kern-label" for=for_id>
            {label}
            {(!required).then(|| view! { <span class="kern-label__optional">{format!(" – {}", i18n.t("form.optional"))}</span> })}
        </label>
    }
}

/// The message under a field that came back with an error.
#[component]
fn FieldErrorText(id: String, text: String) -> impl IntoView {
    view! {
        <p class="kern-error" id=id>
            <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
            <span class="kern-body">{text}</span>
        </p>
    }
}

#[component]
pub fn HiddenField(name: &'static str, value: String) -> impl IntoView {
    view! { <input type="hidden" name=name value=value /> }
}

#[component]
pub fn SubmitButton(
    label: &'static str,
    #[prop(default = "kern-btn kern-btn--primary")] class: &'static str,
    /// Sent as `name=value` when several buttons share one form.
    #[prop(optional)]
    name: Option<&'static str>,
    #[prop(optional)] value: Option<String>,
) -> impl IntoView {
    view! {
        <button class=class type="submit" name=name value=value>
            <span class="kern-label">{label}</span>
        </button>
    }
}

/// The list of everything wrong with a refused form, at its top, each entry
/// linking to its field (the GOV.UK / KERN error summary pattern). `prefix`
/// is the id prefix of the form's fields.
#[component]
pub fn ErrorSummary(state: Option<FormState>, prefix: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    state.filter(|s| !s.errors.is_empty()).map(|state| {
        view! {
            <div class="kern-alert kern-alert--danger" role="alert" tabindex="-1">
                <div class="kern-alert__header">
                    <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
                    <h2 class="kern-title">{i18n.t("form.error_summary")}</h2>
                </div>
                <div class="kern-alert__body">
                    <ul class="kern-list">
                        {state
                            .errors
                            .iter()
                            .map(|e| {
                                let href = format!("#{prefix}-{}", e.field);
                                view! { <li><a class="kern-link" href=href>{i18n.text(&e.key)}</a></li> }
                            })
                            .collect_view()}
                    </ul>
                </div>
            </div>
        }
    })
}

/// The notice the previous request left (saved, sent, signed out ...).
#[component]
pub fn FlashNotice(flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    flash.notice.map(|notice| {
        let (class, icon, role) = match notice.kind {
            NoticeKind::Success => (
                "kern-alert kern-alert--success",
                "kern-icon kern-icon--success",
                "status",
            ),
            NoticeKind::Info => ("kern-alert kern-alert--info", "kern-icon kern-icon--info", "status"),
            NoticeKind::Danger => ("kern-alert kern-alert--danger", "kern-icon kern-icon--danger", "alert"),
        };
        let mut text = i18n.text(&notice.key);
        for (name, value) in &notice.args {
            text = text.replace(&format!("{{ ${name} }}"), value);
        }
        view! {
            <div class=class role=role>
                <div class="kern-alert__header">
                    <span class=icon aria-hidden="true"></span>
                    <span class="kern-title">{text}</span>
                </div>
            </div>
        }
    })
}
