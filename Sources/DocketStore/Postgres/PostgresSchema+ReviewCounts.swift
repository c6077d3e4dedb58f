extension PostgresSchema {
    /// The review screen's header counts (``PostgresReviewStore/reviewProgress(queue:reviewer:now:)``) kept as items
    /// change, as SQLite's `queue_counts` keeps them: counting a queue's items by state walked all of them on every
    /// idle tick of every open review screen (about 0.3 s of two cores at a million items).
    ///
    /// Not one counter row per (queue, state), which every decision of every reviewer would update and wait on
    /// until its commit: each statement that changes items adds its net change to the row of its own shard,
    /// picked by the server process (one per connection), so reviewers deciding at once rarely share a row. The
    /// counts are the sums over the shards. Gold items are left out, as on SQLite. Statement triggers with
    /// transition tables count a bulk import or re-rank in one step per statement, not per row.
    static let versionReviewCounts = """
        CREATE TABLE queue_state_counts (
            queue_id dtext NOT NULL,
            state integer NOT NULL,
            shard integer NOT NULL,
            items bigint NOT NULL,
            PRIMARY KEY (queue_id, state, shard)
        );
        INSERT INTO queue_state_counts (queue_id, state, shard, items)
            SELECT queue_id, state, 0, count(*) FROM items WHERE is_gold = 0 GROUP BY queue_id, state;

        -- Rows are taken in one order (queue, state) so that two statements sharing a shard wait, never deadlock;
        -- a statement whose items keep their state (a label count, a priority) changes no row at all.
        CREATE FUNCTION docket_count_items() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE v_shard integer := pg_backend_pid() % 64;
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO queue_state_counts AS c (queue_id, state, shard, items)
                SELECT queue_id, state, v_shard, count(*) FROM new_rows WHERE is_gold = 0
                GROUP BY queue_id, state ORDER BY queue_id, state
                ON CONFLICT (queue_id, state, shard) DO UPDATE SET items = c.items + excluded.items;
            ELSIF TG_OP = 'DELETE' THEN
                INSERT INTO queue_state_counts AS c (queue_id, state, shard, items)
                SELECT queue_id, state, v_shard, -count(*) FROM old_rows WHERE is_gold = 0
                GROUP BY queue_id, state ORDER BY queue_id, state
                ON CONFLICT (queue_id, state, shard) DO UPDATE SET items = c.items + excluded.items;
            ELSE
                INSERT INTO queue_state_counts AS c (queue_id, state, shard, items)
                SELECT queue_id, state, v_shard, sum(change) FROM (
                    SELECT queue_id, state, 1 AS change FROM new_rows WHERE is_gold = 0
                    UNION ALL
                    SELECT queue_id, state, -1 FROM old_rows WHERE is_gold = 0
                ) AS changes
                GROUP BY queue_id, state HAVING sum(change) <> 0 ORDER BY queue_id, state
                ON CONFLICT (queue_id, state, shard) DO UPDATE SET items = c.items + excluded.items;
            END IF;
            RETURN NULL;
        END $$;
        REVOKE EXECUTE ON FUNCTION docket_count_items() FROM PUBLIC;
        CREATE TRIGGER items_counted_on_insert AFTER INSERT ON items REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION docket_count_items();
        CREATE TRIGGER items_counted_on_update AFTER UPDATE ON items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION docket_count_items();
        CREATE TRIGGER items_counted_on_delete AFTER DELETE ON items REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION docket_count_items();

        -- Read by every role for the queues it may see, like the items they count; written by the triggers alone.
        GRANT SELECT ON queue_state_counts TO docket_reviewer, docket_lead, docket_admin;
        ALTER TABLE queue_state_counts ENABLE ROW LEVEL SECURITY;
        CREATE POLICY queue_state_counts_read ON queue_state_counts FOR SELECT USING (queue_id IN (SELECT docket_visible_queues()));
        """
}
