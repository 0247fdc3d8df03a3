use leptos::prelude::*;

/// A KERN table with a caption for screen readers and column headers; the
/// rows are its children.
#[component]
pub fn Table(
    caption: &'static str,
    headers: Vec<&'static str>,
    #[prop(default = false)] small: bool,
    children: Children,
) -> impl IntoView {
    let class = if small {
        "kern-table kern-table--small"
    } else {
        "kern-table"
    };
    view! {
        <div class="kern-table-responsive">
            <table class=class>
                <caption class="kern-sr-only">{caption}</caption>
                <thead class="kern-table__header">
                    <tr class="kern-table__row">
                        {headers.into_iter().map(|h| view! { <th class="kern-table__header" scope="col">{h}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody class="kern-table__body">{children()}</tbody>
            </table>
        </div>
    }
}
