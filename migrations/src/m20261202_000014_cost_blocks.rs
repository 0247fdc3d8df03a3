//! Reuse agreements (issue 14), cost sharing: each agreement's cost blocks
//! with their amount in cents and their split key as data (a `SplitSpec`
//! of `app::reuse::cost_blocks`, resolved when shares are shown); and the
//! index the list of agreements is read by.

sql_migration!(
    "m20261202_000014_cost_blocks",
    up: r#"
CREATE TABLE agreement_cost_blocks (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agreement_id  uuid NOT NULL REFERENCES reuse_agreements (id) ON DELETE CASCADE,
    kind          text NOT NULL CHECK (kind IN ('initial_development', 'operation', 'further_development', 'connection')),
    -- As the parties write it: "2027", "2027–2029", "einmalig".
    period        text NOT NULL CHECK (length(period) BETWEEN 1 AND 50),
    amount_cents  bigint NOT NULL CHECK (amount_cents >= 0),
    split         jsonb NOT NULL CHECK (jsonb_typeof(split) = 'object' AND split ? 'type'),
    created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agreement_cost_blocks_agreement_idx ON agreement_cost_blocks (agreement_id, created_at);
-- The list of agreements is ordered by the last change (docs/benchmarks.md).
CREATE INDEX reuse_agreements_updated_idx ON reuse_agreements (updated_at DESC, id);
"#,
    down: r#"
DROP INDEX reuse_agreements_updated_idx;
DROP TABLE agreement_cost_blocks;
"#,
);
