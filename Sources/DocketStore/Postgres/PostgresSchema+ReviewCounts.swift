extension PostgresSchema {
    /// The review screen's header counts (``PostgresReviewStore/reviewProgress(queue:reviewer:now:)``) kept as items
    /// and decisions change, as SQLite's `queue_counts` and `reviewer_open_heads` keep them: counting a queue's items
    /// by state walked all of them on every idle tick of every open review screen (about 0.3 s of two cores at a
    /// million items), and counting a reviewer's decisions on open items walked all of that reviewer's decisions.
    ///
    /// Not one counter row per queue or reviewer, which every decision would update and hold until its commit: each
    /// statement adds its net change to the rows of its own shard, picked by its server process (one per
    /// connection), so reviewers deciding at once rarely share a row, and a reviewer whose decision completes an
    /// item another reviewer decided changes that reviewer's count in its own shard, not in theirs. The counts are
    /// the sums over the shards. Gold items are left out, as on SQLite. Statement triggers with transition tables
    /// count a bulk import or re-rank once per statement, not per row; a statement whose items keep their state
    /// (a label count, a priority) changes no row at all. A decision's head always arrives after its item (import,
    /// `docket copy`), so an item's insert has no heads to count.
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

        -- Each reviewer's decisions in force on open, non-gold items.
        CREATE TABLE reviewer_open_counts (
            queue_id dtext NOT NULL,
            reviewer dtext NOT NULL,
            shard integer NOT NULL,
            items bigint NOT NULL,
            PRIMARY KEY (queue_id, reviewer, shard)
        );
        INSERT INTO reviewer_open_counts (queue_id, reviewer, shard, items)
            SELECT h.queue_id, h.reviewer, 0, count(*) FROM decision_heads h JOIN items i ON i.id = h.item_id
            WHERE i.state = 0 AND i.is_gold = 0 GROUP BY h.queue_id, h.reviewer;

        -- Rows are taken in one order (key order) so that two statements sharing a shard wait, never deadlock.
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
                INSERT INTO reviewer_open_counts AS c (queue_id, reviewer, shard, items)
                SELECT h.queue_id, h.reviewer, v_shard, -count(*) FROM old_rows o JOIN decision_heads h ON h.item_id = o.id
                WHERE o.state = 0 AND o.is_gold = 0 GROUP BY h.queue_id, h.reviewer ORDER BY h.queue_id, h.reviewer
                ON CONFLICT (queue_id, reviewer, shard) DO UPDATE SET items = c.items + excluded.items;
            ELSE
                INSERT INTO queue_state_counts AS c (queue_id, state, shard, items)
                SELECT queue_id, state, v_shard, sum(change) FROM (
                    SELECT queue_id, state, 1 AS change FROM new_rows WHERE is_gold = 0
                    UNION ALL
                    SELECT queue_id, state, -1 FROM old_rows WHERE is_gold = 0
                ) AS changes
                GROUP BY queue_id, state HAVING sum(change) <> 0 ORDER BY queue_id, state
                ON CONFLICT (queue_id, state, shard) DO UPDATE SET items = c.items + excluded.items;
                -- Items that opened or closed change the count of every reviewer whose decision is on them.
                INSERT INTO reviewer_open_counts AS c (queue_id, reviewer, shard, items)
                SELECT h.queue_id, h.reviewer, v_shard, sum(x.change) FROM (
                    SELECT n.id, CASE WHEN n.state = 0 AND n.is_gold = 0 THEN 1 ELSE -1 END AS change
                    FROM new_rows n JOIN old_rows o ON o.id = n.id
                    WHERE (n.state = 0 AND n.is_gold = 0) <> (o.state = 0 AND o.is_gold = 0)
                ) AS x JOIN decision_heads h ON h.item_id = x.id
                GROUP BY h.queue_id, h.reviewer HAVING sum(x.change) <> 0 ORDER BY h.queue_id, h.reviewer
                ON CONFLICT (queue_id, reviewer, shard) DO UPDATE SET items = c.items + excluded.items;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER items_counted_on_insert AFTER INSERT ON items REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION docket_count_items();
        CREATE TRIGGER items_counted_on_update AFTER UPDATE ON items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION docket_count_items();
        CREATE TRIGGER items_counted_on_delete AFTER DELETE ON items REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION docket_count_items();

        -- A head added, withdrawn or moved counts where its item is open at that moment. Each operation names only
        -- the transition tables it has.
        CREATE FUNCTION docket_count_heads() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE v_shard integer := pg_backend_pid() % 64;
        BEGIN
            IF TG_OP = 'INSERT' THEN
                \(openHeadsUpsert("SELECT queue_id, reviewer, item_id, 1 AS change FROM new_rows"))
            ELSIF TG_OP = 'DELETE' THEN
                \(openHeadsUpsert("SELECT queue_id, reviewer, item_id, -1 AS change FROM old_rows"))
            ELSE
                \(openHeadsUpsert("SELECT queue_id, reviewer, item_id, 1 AS change FROM new_rows UNION ALL SELECT queue_id, reviewer, item_id, -1 FROM old_rows"))
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER heads_counted_on_insert AFTER INSERT ON decision_heads REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION docket_count_heads();
        CREATE TRIGGER heads_counted_on_update AFTER UPDATE ON decision_heads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION docket_count_heads();
        CREATE TRIGGER heads_counted_on_delete AFTER DELETE ON decision_heads REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION docket_count_heads();
        REVOKE EXECUTE ON FUNCTION docket_count_items(), docket_count_heads() FROM PUBLIC;

        -- Read like what they count (items of visible queues; one's own decisions, or all for leads and admins);
        -- written by the triggers alone.
        GRANT SELECT ON queue_state_counts, reviewer_open_counts TO docket_reviewer, docket_lead, docket_admin;
        ALTER TABLE queue_state_counts ENABLE ROW LEVEL SECURITY;
        CREATE POLICY queue_state_counts_read ON queue_state_counts FOR SELECT USING (queue_id IN (SELECT docket_visible_queues()));
        ALTER TABLE reviewer_open_counts ENABLE ROW LEVEL SECURITY;
        CREATE POLICY reviewer_open_counts_read ON reviewer_open_counts FOR SELECT
            USING (reviewer = session_user::text OR (SELECT docket_session_role()) IN ('lead', 'admin'));
        """

    /// Adds the net change of `changes` (rows of queue_id, reviewer, item_id, change) on open, non-gold items to
    /// `reviewer_open_counts` in the statement's shard.
    private static func openHeadsUpsert(_ changes: String) -> String {
        """
        INSERT INTO reviewer_open_counts AS c (queue_id, reviewer, shard, items)
                        SELECT h.queue_id, h.reviewer, v_shard, sum(h.change) FROM (\(changes)) AS h JOIN items i ON i.id = h.item_id
                        WHERE i.state = 0 AND i.is_gold = 0
                        GROUP BY h.queue_id, h.reviewer HAVING sum(h.change) <> 0 ORDER BY h.queue_id, h.reviewer
                        ON CONFLICT (queue_id, reviewer, shard) DO UPDATE SET items = c.items + excluded.items;
        """
    }
}
