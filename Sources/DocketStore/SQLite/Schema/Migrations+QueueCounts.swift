import GRDB

extension Migrations {
    /// Per-queue item counts by state and per-reviewer counts of decisions on open items, kept by triggers (issue 14: the review session's memory and idle ticks).
    ///
    /// The review screen reads its header's numbers every few seconds; counting a queue's items by state walked
    /// all of them in `items_claim` (a million index entries, filling the connection's page cache and taking
    /// hundreds of milliseconds of an idle tick). The triggers keep one row per queue and state up to date in
    /// the same transaction as every change to an item, whichever code path makes it (import, decision, undo,
    /// adjudication, a changed overlap, `docket copy`, even `sqlite3`), so the count is exact and costs a lookup.
    /// Known-answer (gold) items are counted nowhere, as in ``ReviewProgress``.
    static func registerQueueCounts(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("queue-counts") { db in
            try db.execute(sql: """
                CREATE TABLE queue_counts (
                    queue_id TEXT NOT NULL,
                    state INTEGER NOT NULL,
                    items INTEGER NOT NULL,
                    PRIMARY KEY (queue_id, state)
                ) WITHOUT ROWID;
                INSERT INTO queue_counts (queue_id, state, items)
                    SELECT queue_id, state, count(*) FROM items WHERE is_gold = 0 GROUP BY queue_id, state;
                CREATE TRIGGER queue_counts_insert AFTER INSERT ON items WHEN new.is_gold = 0 BEGIN
                    INSERT INTO queue_counts (queue_id, state, items) VALUES (new.queue_id, new.state, 1)
                        ON CONFLICT (queue_id, state) DO UPDATE SET items = items + 1;
                END;
                CREATE TRIGGER queue_counts_delete AFTER DELETE ON items WHEN old.is_gold = 0 BEGIN
                    UPDATE queue_counts SET items = items - 1 WHERE queue_id = old.queue_id AND state = old.state;
                END;
                CREATE TRIGGER queue_counts_update AFTER UPDATE OF queue_id, state, is_gold ON items
                WHEN old.queue_id IS NOT new.queue_id OR old.state IS NOT new.state OR old.is_gold IS NOT new.is_gold BEGIN
                    UPDATE queue_counts SET items = items - 1
                        WHERE old.is_gold = 0 AND queue_id = old.queue_id AND state = old.state;
                    INSERT INTO queue_counts (queue_id, state, items) SELECT new.queue_id, new.state, 1 WHERE new.is_gold = 0
                        ON CONFLICT (queue_id, state) DO UPDATE SET items = items + 1;
                END;
                """)
            // Per reviewer: their decisions in force on open items, the "decided by you" part of "left for you",
            // which was a lookup of the item row per decision the reviewer ever made. A head counts while its
            // item is open and not gold: +1 when a head is added to an open item (not when `INSERT OR REPLACE`
            // supersedes the reviewer's earlier head: that one already counted, and a replace fires no delete
            // trigger), -1 when one is removed from an open item, and +/-1 for every head of an item that opens
            // or closes.
            try db.execute(sql: """
                CREATE TABLE reviewer_open_heads (
                    queue_id TEXT NOT NULL,
                    reviewer TEXT NOT NULL,
                    items INTEGER NOT NULL,
                    PRIMARY KEY (queue_id, reviewer)
                ) WITHOUT ROWID;
                INSERT INTO reviewer_open_heads (queue_id, reviewer, items)
                    SELECT h.queue_id, h.reviewer, count(*) FROM decision_heads h JOIN items i ON i.id = h.item_id
                    WHERE i.state = 0 AND i.is_gold = 0 GROUP BY h.queue_id, h.reviewer;
                CREATE TRIGGER reviewer_open_heads_insert BEFORE INSERT ON decision_heads
                WHEN NOT EXISTS (SELECT 1 FROM decision_heads WHERE item_id = new.item_id AND reviewer = new.reviewer)
                 AND EXISTS (SELECT 1 FROM items WHERE id = new.item_id AND state = 0 AND is_gold = 0) BEGIN
                    INSERT INTO reviewer_open_heads (queue_id, reviewer, items) VALUES (new.queue_id, new.reviewer, 1)
                        ON CONFLICT (queue_id, reviewer) DO UPDATE SET items = items + 1;
                END;
                CREATE TRIGGER reviewer_open_heads_delete AFTER DELETE ON decision_heads
                WHEN EXISTS (SELECT 1 FROM items WHERE id = old.item_id AND state = 0 AND is_gold = 0) BEGIN
                    UPDATE reviewer_open_heads SET items = items - 1 WHERE queue_id = old.queue_id AND reviewer = old.reviewer;
                END;
                CREATE TRIGGER reviewer_open_heads_item AFTER UPDATE OF state, is_gold ON items
                WHEN (old.state = 0 AND old.is_gold = 0) IS NOT (new.state = 0 AND new.is_gold = 0) BEGIN
                    UPDATE reviewer_open_heads SET items = items - 1
                        WHERE NOT (new.state = 0 AND new.is_gold = 0) AND queue_id = new.queue_id
                          AND reviewer IN (SELECT reviewer FROM decision_heads WHERE item_id = new.id);
                    INSERT INTO reviewer_open_heads (queue_id, reviewer, items)
                        SELECT new.queue_id, h.reviewer, 1 FROM decision_heads h WHERE h.item_id = new.id AND new.state = 0 AND new.is_gold = 0
                        ON CONFLICT (queue_id, reviewer) DO UPDATE SET items = items + 1;
                END;
                """)
        }
    }
}
