use leptos::prelude::*;

/// A labelled KERN select whose first option means "no filter".
#[component]
pub fn SelectField(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    /// Text of the empty first option ("all ...").
    any: &'static str,
    /// `(value, text)` pairs.
    options: Vec<(&'static str, &'static str)>,
    selected: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="kern-form-input">
            <label class="kern-label" for=id>{label}</label>
            <div class="kern-form-input__select-wrapper">
                <select class="kern-form-input__select" id=id name=name>
                    <option value="">{any}</option>
                    {options
                        .into_iter()
                        .map(|(value, text)| view! { <option value=value selected=selected == Some(value)>{text}</option> })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}
