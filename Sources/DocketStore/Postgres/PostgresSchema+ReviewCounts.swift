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
                \(addChanges(to: states, from: "SELECT queue_id, state, 1 AS change FROM new_rows WHERE is_gold = 0"))
            ELSIF TG_OP = 'DELETE' THEN
                \(addChanges(to: states, from: "SELECT queue_id, state, -1 AS change FROM old_rows WHERE is_gold = 0"))
                \(addChanges(to: reviewers, from: """
                    SELECT h.queue_id, h.reviewer, -1 AS change FROM old_rows o JOIN decision_heads h ON h.item_id = o.id
                    WHERE o.state = 0 AND o.is_gold = 0
                    """))
            ELSE
                \(addChanges(to: states, from: """
                    SELECT queue_id, state, 1 AS change FROM new_rows WHERE is_gold = 0
                    UNION ALL SELECT queue_id, state, -1 FROM old_rows WHERE is_gold = 0
                    """))
                -- Items that opened or closed change the count of every reviewer whose decision is on them.
                \(addChanges(to: reviewers, from: """
                    SELECT h.queue_id, h.reviewer, x.change FROM (
                        SELECT n.id, CASE WHEN n.state = 0 AND n.is_gold = 0 THEN 1 ELSE -1 END AS change
                        FROM new_rows n JOIN old_rows o ON o.id = n.id
                        WHERE (n.state = 0 AND n.is_gold = 0) <> (o.state = 0 AND o.is_gold = 0)
                    ) AS x JOIN decision_heads h ON h.item_id = x.id
                    """))
            END IF;
            RETURN NULL;
        END $$;
        \(countingTriggers(on: "items", function: "docket_count_items"))

        -- A head added, withdrawn or moved counts where its item is open at that moment. Each operation names only
        -- the transition tables it has.
        CREATE FUNCTION docket_count_heads() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE v_shard integer := pg_backend_pid() % 64;
        BEGIN
            IF TG_OP = 'INSERT' THEN
                \(addChanges(to: reviewers, from: headsOnOpenItems("SELECT queue_id, reviewer, item_id, 1 AS change FROM new_rows")))
            ELSIF TG_OP = 'DELETE' THEN
                \(addChanges(to: reviewers, from: headsOnOpenItems("SELECT queue_id, reviewer, item_id, -1 AS change FROM old_rows")))
            ELSE
                \(addChanges(to: reviewers, from: headsOnOpenItems("""
                    SELECT queue_id, reviewer, item_id, 1 AS change FROM new_rows
                    UNION ALL SELECT queue_id, reviewer, item_id, -1 FROM old_rows
                    """)))
            END IF;
            RETURN NULL;
        END $$;
        \(countingTriggers(on: "decision_heads", function: "docket_count_heads"))
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

    /// A kept count: its table and the columns it is kept by (besides the shard).
    private typealias Counts = (table: String, key: String)
    private static let states: Counts = ("queue_state_counts", "queue_id, state")
    private static let reviewers: Counts = ("reviewer_open_counts", "queue_id, reviewer")

    /// Adds the net change of `changes` (rows of the count's key columns and `change`) to the count's rows in the
    /// statement's shard (`v_shard`), in key order; groups whose changes cancel out touch no row.
    private static func addChanges(to counts: Counts, from changes: String) -> String {
        """
        INSERT INTO \(counts.table) AS c (\(counts.key), shard, items)
                        SELECT \(counts.key), v_shard, sum(change) FROM (\(changes)) AS changes
                        GROUP BY \(counts.key) HAVING sum(change) <> 0 ORDER BY \(counts.key)
                        ON CONFLICT (\(counts.key), shard) DO UPDATE SET items = c.items + excluded.items;
        """
    }

    /// `heads` (rows of queue_id, reviewer, item_id, change) narrowed to those whose item is open and not gold now.
    private static func headsOnOpenItems(_ heads: String) -> String {
        "SELECT h.queue_id, h.reviewer, h.change FROM (\(heads)) AS h JOIN items i ON i.id = h.item_id WHERE i.state = 0 AND i.is_gold = 0"
    }

    /// The statement triggers that keep the counts as `table` changes, each with the transition tables its
    /// operation has (`new_rows`, `old_rows`), calling `function`.
    private static func countingTriggers(on table: String, function: String) -> String {
        [("insert", "INSERT", "NEW TABLE AS new_rows"), ("update", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
         ("delete", "DELETE", "OLD TABLE AS old_rows")].map { name, operation, tables in
            "CREATE TRIGGER \(table)_counted_on_\(name) AFTER \(operation) ON \(table) REFERENCING \(tables) FOR EACH STATEMENT EXECUTE FUNCTION \(function)();"
        }.joined(separator: "\n")
    }
}
