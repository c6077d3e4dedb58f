import DocketCore
import GRDB

extension Migrations {
    /// History that cannot be rewritten (issue 17, items 14 and 15). The update and delete triggers of v1
    /// were bypassed by `INSERT OR REPLACE` / `REPLACE INTO` (a replace deletes without firing delete
    /// triggers), and `decision_heads`, which exports read, had no guard at all. After this migration:
    /// - a decision or audit row can only be added after the last one, never over or before one;
    /// - a head can only be written as the copy of its reviewer's latest decision on the item, and removed
    ///   only when that decision was undone;
    /// - every audit row carries the hash chain of ``AuditChain`` (rows before this migration are chained now).
    static func registerHistoryGuards(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("history-guards-and-audit-hash-chain") { db in
            try db.execute(sql: "ALTER TABLE audit ADD COLUMN hash TEXT")
            // The chain is filled in under the v1 update trigger's lifted guard, which is put back at once.
            try db.execute(sql: "DROP TRIGGER audit_no_update")
            let update = try db.makeStatement(sql: "UPDATE audit SET hash = ? WHERE id = ?")
            var previous = ""
            let rows = try Row.fetchAll(db, sql: "SELECT id, at, actor, action, queue_id, item_id, detail FROM audit ORDER BY id")
            for row in rows {
                let id: Int64 = try row.decode(atIndex: 0)
                previous = AuditChain.hash(previous: previous, id: id, at: try row.decode(atIndex: 1), actor: try row.decode(atIndex: 2),
                                           action: try row.decode(atIndex: 3), queue: try row.decode(atIndex: 4),
                                           item: try row.decode(atIndex: 5), detail: try row.decode(atIndex: 6))
                try update.execute(arguments: [previous, id])
            }
            // Inserted and updated heads alike must be the copy of their reviewer's newest decision on the item
            // (a lead's adjudication of an item they also reviewed is not a head, and does not replace theirs).
            let headMustCopyNewestDecision = """
                WHEN NOT EXISTS (SELECT 1 FROM decisions d WHERE d.id = NEW.decision_id AND d.item_id = NEW.item_id
                    AND d.reviewer = NEW.reviewer AND d.queue_id = NEW.queue_id AND d.kind = NEW.kind
                    AND d.label IS NEW.label AND d.tags = NEW.tags AND d.seconds IS NEW.seconds AND d.decided_at = NEW.decided_at
                    AND d.id = (SELECT max(id) FROM decisions WHERE item_id = NEW.item_id AND reviewer = NEW.reviewer
                                AND kind IN ('label', 'skip', 'escalate', 'undo')))
                BEGIN SELECT RAISE(ABORT, 'a decision head is written only from its reviewer''s newest decision'); END;
                """
            try db.execute(sql: """
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

                -- A replace deletes the row it collides with before inserting, without firing delete triggers:
                -- the collision is refused before the insert. A row slipped in before the last one (an explicit
                -- lower id) is refused after it, where its id is known (NEW.id is -1 before SQLite picks it).
                CREATE TRIGGER decisions_no_replace BEFORE INSERT ON decisions
                    WHEN EXISTS (SELECT 1 FROM decisions WHERE id = NEW.id)
                    BEGIN SELECT RAISE(ABORT, 'decisions are append-only: a decision cannot be replaced'); END;
                CREATE TRIGGER decisions_in_order AFTER INSERT ON decisions
                    WHEN NEW.id < (SELECT max(id) FROM decisions)
                    BEGIN SELECT RAISE(ABORT, 'decisions are append-only: a new decision goes after the last one'); END;
                CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
                    WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: a row cannot be replaced'); END;
                CREATE TRIGGER audit_in_order AFTER INSERT ON audit
                    WHEN NEW.id < (SELECT max(id) FROM audit)
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: a new row goes after the last one'); END;

                CREATE TRIGGER decision_heads_insert BEFORE INSERT ON decision_heads
                    \(headMustCopyNewestDecision)
                CREATE TRIGGER decision_heads_update BEFORE UPDATE ON decision_heads
                    \(headMustCopyNewestDecision)
                CREATE TRIGGER decision_heads_delete BEFORE DELETE ON decision_heads
                    WHEN NOT EXISTS (SELECT 1 FROM decisions d WHERE d.item_id = OLD.item_id AND d.reviewer = OLD.reviewer
                        AND d.kind = 'undo' AND d.supersedes = OLD.decision_id)
                    BEGIN SELECT RAISE(ABORT, 'a decision head is removed only by an undo'); END;
                """)
        }
    }
}
