import GRDB

extension Migrations {
    /// Where each reviewer's claims start in a queue, past the items they already decided (issue 13: a claim
    /// walks the index, never the reviewer's history).
    ///
    /// With an overlap above 1 an item a reviewer decided stays open, at the top of `items_claim`, until others
    /// decide it too; a reviewer far ahead of the others walked past every one of their own decided items on
    /// every claim (3.2 ms at p99 for 1,000 of them, `claim_p99_us_*_reviewer_ahead`). `claim_floors` keeps, per
    /// queue and reviewer, a place in claim order above which every open work item carries their decision; a
    /// claim starts there and moves it past the run of its own decisions it finds, so each is walked past once.
    ///
    /// The triggers move a floor up to any open work item that appears above it, whichever code path makes the
    /// change (import, new scores or policy moving an item up, an undo or a larger overlap reopening one, a
    /// gold item turned into work), and drop a reviewer's floor when one of their decisions is withdrawn. Claims
    /// run in immediate transactions, so a claim and a change never interleave. PostgreSQL keeps the same
    /// floors with a log of changes read by snapshot instead (PostgresSchema.versionClaimWalk).
    static func registerClaimFloors(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("claim-floors") { db in
            try db.execute(sql: """
                CREATE TABLE claim_floors (
                    queue_id TEXT NOT NULL,
                    reviewer TEXT NOT NULL,
                    priority TEXT NOT NULL,
                    item_id INTEGER NOT NULL,
                    PRIMARY KEY (queue_id, reviewer)
                ) WITHOUT ROWID;
                CREATE TRIGGER claim_floors_item_added AFTER INSERT ON items WHEN new.state = 0 AND new.is_gold = 0 BEGIN
                    UPDATE claim_floors SET priority = new.priority, item_id = new.id
                     WHERE queue_id = new.queue_id AND (priority < new.priority OR (priority = new.priority AND item_id > new.id));
                END;
                CREATE TRIGGER claim_floors_item_changed AFTER UPDATE OF queue_id, state, is_gold, priority ON items
                WHEN new.state = 0 AND new.is_gold = 0
                 AND (old.state <> 0 OR old.is_gold <> 0 OR old.queue_id IS NOT new.queue_id OR old.priority < new.priority) BEGIN
                    UPDATE claim_floors SET priority = new.priority, item_id = new.id
                     WHERE queue_id = new.queue_id AND (priority < new.priority OR (priority = new.priority AND item_id > new.id));
                END;
                CREATE TRIGGER claim_floors_decision_withdrawn AFTER DELETE ON decision_heads BEGIN
                    DELETE FROM claim_floors WHERE queue_id = old.queue_id AND reviewer = old.reviewer;
                END;
                """)
        }
    }
}
