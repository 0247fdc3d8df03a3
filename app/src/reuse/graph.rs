//! The reuse graph between the Länder (and the federation), drawn on the
//! server as SVG: each node on a circle, sized by its reuse in force, each
//! arrow from the providing to the reusing Land, as thick as its count.
//! An image with a name and a description for screen readers; the table
//! beside it is the text alternative with every figure.

use super::report::{nodes, ReuseGraph};
use crate::i18n::use_i18n;
use leptos::prelude::*;

const SIZE: f64 = 640.0;
const RADIUS: f64 = 245.0;

/// Where node `i` of `n` sits (clockwise from the top).
fn position(i: usize, n: usize) -> (f64, f64) {
    let angle = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
    (SIZE / 2.0 + RADIUS * angle.cos(), SIZE / 2.0 + RADIUS * angle.sin())
}

/// A node's radius: 8 to 26 px by the square root of its share of the
/// busiest node's reuse, so that areas compare.
fn node_radius(total: u64, max: u64) -> f64 {
    if max == 0 {
        8.0
    } else {
        8.0 + 18.0 * (total as f64 / max as f64).sqrt()
    }
}

/// The path of an arrow from `a` to `b`, bent towards the centre so that
/// the arrows both ways between two Länder stay apart; it stops short of
/// the target node's rim.
fn arrow(a: (f64, f64), b: (f64, f64), target_radius: f64) -> String {
    let (mx, my) = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = (dx * dx + dy * dy).sqrt().max(1.0);
    // Perpendicular offset, to the left of the direction of travel.
    let (cx, cy) = (mx - dy / length * 40.0, my + dx / length * 40.0);
    let (ex, ey) = (b.0 - cx, b.1 - cy);
    let e = (ex * ex + ey * ey).sqrt().max(1.0);
    let end = (
        b.0 - ex / e * (target_radius + 4.0),
        b.1 - ey / e * (target_radius + 4.0),
    );
    format!("M{:.1},{:.1} Q{cx:.1},{cy:.1} {:.1},{:.1}", a.0, a.1, end.0, end.1)
}

/// Short labels inside the picture: the code's letters after `DE-`.
fn short(code: &str) -> &str {
    code.strip_prefix("DE-").unwrap_or(code)
}

#[component]
pub fn ReuseGraphImage(graph: ReuseGraph) -> impl IntoView {
    let i18n = use_i18n();
    let nodes = nodes();
    let n = nodes.len();
    let totals: Vec<u64> = nodes
        .iter()
        .map(|(code, _)| graph.provided_by(code) + graph.reused_by(code))
        .collect();
    let max_total = totals.iter().copied().max().unwrap_or(0);
    let max_edge = graph.edges.iter().map(|(_, _, c)| *c).max().unwrap_or(1).max(1);
    let index = |code: &str| nodes.iter().position(|(c, _)| *c == code);
    let edges = graph
        .edges
        .iter()
        .filter(|(from, to, _)| from != to)
        .filter_map(|(from, to, count)| {
            let (a, b) = (index(from)?, index(to)?);
            let width = 1.0 + 5.0 * (*count as f64 / max_edge as f64);
            let d = arrow(position(a, n), position(b, n), node_radius(totals[b], max_total));
            let label = format!("{} → {}: {count}", nodes[a].1, nodes[b].1);
            Some(view! {
                <path class="reuse-graph__edge" d=d stroke-width=format!("{width:.1}") marker-end="url(#reuse-graph-arrow)">
                    <title>{label}</title>
                </path>
            })
        })
        .collect_view();
    let circles = nodes
        .iter()
        .enumerate()
        .map(|(i, (code, name))| {
            let (x, y) = position(i, n);
            let r = node_radius(totals[i], max_total);
            // Labels outside the circle, away from the centre.
            let (lx, ly) = (SIZE / 2.0 + (RADIUS + r + 16.0) * ((x - SIZE / 2.0) / RADIUS), SIZE / 2.0 + (RADIUS + r + 16.0) * ((y - SIZE / 2.0) / RADIUS));
            let within = graph.within(code);
            let title = i18n.t_with(
                "reuse.graph.node",
                &[
                    ("land", name),
                    ("provided", &graph.provided_by(code).to_string()),
                    ("reused", &graph.reused_by(code).to_string()),
                    ("within", &within.to_string()),
                ],
            );
            view! {
                <g class="reuse-graph__node">
                    <title>{title}</title>
                    <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r=format!("{r:.1}") />
                    <text x=format!("{lx:.1}") y=format!("{:.1}", ly + 5.0) text-anchor="middle">{short(code).to_owned()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="reuse-graph">
            <svg class="reuse-graph__image" viewBox=format!("0 0 {SIZE} {SIZE}") role="img" aria-labelledby="reuse-graph-title reuse-graph-desc" focusable="false">
                <title id="reuse-graph-title">{i18n.t("reuse.graph.title")}</title>
                <desc id="reuse-graph-desc">{i18n.t("reuse.graph.description")}</desc>
                <defs>
                    <marker id="reuse-graph-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="reuse-graph__arrowhead" />
                    </marker>
                </defs>
                {edges}
                {circles}
            </svg>
            <figcaption class="kern-body kern-body--small">{i18n.t("reuse.graph.caption")}</figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_sit_on_the_circle_and_arrows_stop_at_the_rim() {
        let (x, y) = position(0, 17);
        assert!(
            (x - SIZE / 2.0).abs() < 0.01 && (y - (SIZE / 2.0 - RADIUS)).abs() < 0.01,
            "the first at the top"
        );
        for i in 0..17 {
            let (x, y) = position(i, 17);
            let d = ((x - SIZE / 2.0).powi(2) + (y - SIZE / 2.0).powi(2)).sqrt();
            assert!((d - RADIUS).abs() < 0.01);
        }
        assert_eq!(node_radius(0, 0), 8.0);
        assert_eq!(node_radius(100, 100), 26.0);
        assert!(node_radius(25, 100) < node_radius(50, 100));
        let path = arrow((0.0, 0.0), (100.0, 0.0), 10.0);
        assert!(path.starts_with("M0.0,0.0 Q50.0,40.0 "), "{path}");
    }
}
