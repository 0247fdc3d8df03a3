//! The delivery ids of recent webhooks per repository, so that a captured
//! request sent again is recognised and ignored. Kept for a week; forges
//! retry a failed delivery within hours.

sql_migration!(
    "m20261201_000009_webhook_deliveries",
    up: r#"
CREATE TABLE webhook_deliveries (
    repository_id  uuid NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    delivery_id    text NOT NULL CHECK (length(delivery_id) <= 200),
    received_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository_id, delivery_id)
);
CREATE INDEX webhook_deliveries_received_idx ON webhook_deliveries (received_at);
"#,
    down: r#"
DROP TABLE webhook_deliveries;
"#,
);
