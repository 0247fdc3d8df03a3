//! Reading state in working groups (issue 15): per person and thread, the
//! number of the last post they have seen. Unread counts follow from it and
//! the thread's counter, so a new post touches no reader's row.

sql_migration!(
    "m20261204_000021_group_reading",
    up: r#"
CREATE TABLE group_reads (
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    thread_id       uuid NOT NULL REFERENCES group_threads (id) ON DELETE CASCADE,
    last_read_post  integer NOT NULL CHECK (last_read_post >= 0),
    read_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, thread_id)
);
CREATE INDEX group_reads_thread_idx ON group_reads (thread_id);
"#,
    down: r#"
DROP TABLE group_reads;
"#,
);
