use crate::error::AppError;
use crate::pages::ErrorPanel;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

/// Renders a page's data once the server function has answered, or the
/// error panel (with the right status) when it failed.
pub fn loaded<T, V>(
    resource: OnceResource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    load(resource, None, render)
}

/// As [`loaded`], for a page whose heading comes with its data: on an error
/// the page still gets its `<h1>` (`heading`), then the error panel.
pub fn loaded_page<T, V>(
    resource: OnceResource<Result<T, AppError>>,
    heading: &'static str,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    load(resource, Some(heading), render)
}

fn load<T, V>(
    resource: OnceResource<Result<T, AppError>>,
    heading: Option<&'static str>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(data) => render(data).into_any(),
                        Err(error) => view! {
                            {heading.map(|h| view! { <leptos_meta::Title text=h /><h1 class="kern-heading kern-heading-x-large">{h}</h1> })}
                            <ErrorPanel error />
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
