import DocketCore
import GRDB

/// The versioned schema. A migration, once released, is never edited: later releases add new ones,
/// so that a newer `docket` opens every older file.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE docket_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);

                CREATE TABLE queues (
                    id TEXT PRIMARY KEY,
                    title TEXT NOT NULL,
                    definition TEXT NOT NULL,          -- the queue file's YAML, as added
                    overlap INTEGER NOT NULL,
                    gold_rate REAL NOT NULL,
                    lease_seconds INTEGER NOT NULL,
                    updated_at REAL NOT NULL
                );

                CREATE TABLE items (
                    id INTEGER PRIMARY KEY,
                    queue_id TEXT NOT NULL REFERENCES queues(id),
                    external_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    content TEXT NOT NULL,
                    turns TEXT,                        -- JSON [{speaker, text}] for conversations
                    meta TEXT NOT NULL,                -- JSON object
                    group_key TEXT,
                    content_hash TEXT NOT NULL,        -- of the normalised text: near-duplicates share it
                    source TEXT,
                    reports INTEGER NOT NULL DEFAULT 0,
                    created_at REAL NOT NULL,
                    ingested_at REAL NOT NULL,
                    record_hash INTEGER NOT NULL,      -- of the import record: an identical re-import changes nothing
                    gold_label TEXT,                   -- known answer: a gold item
                    is_gold INTEGER NOT NULL DEFAULT 0,
                    priority TEXT NOT NULL,            -- PriorityPolicy.sortKey: larger first
                    state INTEGER NOT NULL DEFAULT 0,  -- 0 open, 1 complete, 2 escalated
                    label_count INTEGER NOT NULL DEFAULT 0, -- label decisions in force
                    adjudication_id INTEGER,           -- the lead's decision in force, if any
                    UNIQUE (queue_id, external_id)
                );
                CREATE INDEX items_claim ON items (queue_id, state, is_gold, priority DESC, id);
                CREATE INDEX items_group ON items (queue_id, group_key);

                CREATE TABLE scores (
                    item_id INTEGER NOT NULL REFERENCES items(id),
                    model TEXT NOT NULL,
                    category TEXT NOT NULL,
                    score REAL NOT NULL,
                    threshold REAL,
                    PRIMARY KEY (item_id, model, category)
                ) WITHOUT ROWID;

                CREATE TABLE explanations (
                    item_id INTEGER NOT NULL REFERENCES items(id),
                    model TEXT NOT NULL,
                    text TEXT NOT NULL,
                    spans TEXT NOT NULL,               -- JSON [{start, end, label, weight}], code points
                    PRIMARY KEY (item_id, model)
                ) WITHOUT ROWID;

                -- Append-only history: rows are never updated or deleted.
                CREATE TABLE decisions (
                    id INTEGER PRIMARY KEY,
                    item_id INTEGER NOT NULL REFERENCES items(id),
                    queue_id TEXT NOT NULL,
                    reviewer TEXT NOT NULL,
                    kind TEXT NOT NULL,                -- label, skip, escalate, adjudication, undo
                    label TEXT,
                    tags TEXT NOT NULL DEFAULT '[]',
                    severity TEXT,
                    note TEXT,
                    reason TEXT,
                    seconds REAL,
                    decided_at REAL NOT NULL,
                    supersedes INTEGER REFERENCES decisions(id),
                    origin TEXT NOT NULL
                );
                CREATE INDEX decisions_item ON decisions (item_id);
                CREATE INDEX decisions_queue_time ON decisions (queue_id, decided_at);

                -- Derived: each reviewer's decision in force per item (rebuildable from decisions). v5 adds
                -- label, tags, seconds and decided_at, copied from the decision.
                CREATE TABLE decision_heads (
                    item_id INTEGER NOT NULL,
                    reviewer TEXT NOT NULL,
                    queue_id TEXT NOT NULL,
                    decision_id INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    PRIMARY KEY (item_id, reviewer)
                ) WITHOUT ROWID;
                CREATE INDEX decision_heads_reviewer ON decision_heads (queue_id, reviewer, decision_id);

                CREATE TABLE leases (
                    item_id INTEGER NOT NULL,
                    reviewer TEXT NOT NULL,
                    queue_id TEXT NOT NULL,
                    claimed_at REAL NOT NULL,
                    expires_at REAL NOT NULL,
                    PRIMARY KEY (item_id, reviewer)
                ) WITHOUT ROWID;
                CREATE INDEX leases_reviewer ON leases (queue_id, reviewer);

                CREATE TABLE reviewers (
                    name TEXT PRIMARY KEY,
                    role TEXT NOT NULL,                -- reviewer, lead, admin
                    created_at REAL NOT NULL
                );
                CREATE TABLE queue_reviewers (
                    queue_id TEXT NOT NULL,
                    reviewer TEXT NOT NULL,
                    PRIMARY KEY (queue_id, reviewer)
                ) WITHOUT ROWID;

                -- Append-only: who did what, when.
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY,
                    at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    queue_id TEXT,
                    item_id INTEGER,
                    detail TEXT NOT NULL DEFAULT '{}'
                );
                CREATE INDEX audit_time ON audit (at);

                -- History cannot be rewritten through SQL either.
                CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
                    BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
                CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
                    BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
            try db.execute(sql: "INSERT INTO docket_info (key, value) VALUES ('database_id', lower(hex(randomblob(16))))")
        }
        migrator.registerMigration("v2") { db in
            // items_group was never used by a query (export reads group keys in item order), and
            // keeping it up to date was one of the four B-tree inserts per imported item.
            try db.execute(sql: "DROP INDEX IF EXISTS items_group")
        }
        migrator.registerMigration("v3") { db in
            // The claim walks items_claim past the items it may not take (held by others, already
            // decided by this reviewer) and read each one's label_count from the table row: a random
            // page per skipped item, about 4 us. With label_count in the index the walk never leaves it.
            try db.execute(sql: "DROP INDEX items_claim")
            try db.execute(sql: "CREATE INDEX items_claim ON items (queue_id, state, is_gold, priority DESC, id, label_count)")
        }
        migrator.registerMigration("v4") { db in
            // Scores and explanations move into the item's row as compact JSON lists (ScoreCoding,
            // ExplanationCoding): an import wrote seven rows per item (the item, five scores, an explanation)
            // and that was two thirds of its time; every reader wants all of an item's scores at once anyway.
            // Views with the old tables' names and columns keep ad-hoc SQL working.
            try db.execute(sql: """
                ALTER TABLE items ADD COLUMN scores_json TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE items ADD COLUMN explanations_json TEXT NOT NULL DEFAULT '[]';
                """)
            // Written by the same code as an import writes them (SQLite's json_object would keep only 15
            // significant digits of a score), one item at a time in key order.
            try Self.gatherPerItem(db, from: "SELECT item_id, model, category, score, threshold FROM scores ORDER BY item_id, model, category",
                                   into: "scores_json", encode: ScoreCoding.string) { row in
                ModelScore(model: row[1], category: row[2], score: row[3], threshold: row[4])
            }
            try Self.gatherPerItem(db, from: "SELECT item_id, model, text, spans FROM explanations ORDER BY item_id, model",
                                   into: "explanations_json", encode: ExplanationCoding.string) { row in
                Explanation(model: row[1], text: row[2], spans: SpanCoding.decode(row[3]))
            }

            try db.execute(sql: """
                DROP TABLE scores;
                DROP TABLE explanations;
                CREATE VIEW scores (item_id, model, category, score, threshold) AS
                    SELECT i.id, json_extract(s.value, '$.model'), json_extract(s.value, '$.category'),
                           json_extract(s.value, '$.score'), json_extract(s.value, '$.threshold')
                    FROM items i, json_each(i.scores_json) s;
                CREATE VIEW explanations (item_id, model, text, spans) AS
                    SELECT i.id, json_extract(e.value, '$.model'), json_extract(e.value, '$.text'),
                           json_extract(e.value, '$.spans')
                    FROM items i, json_each(i.explanations_json) e;
                """)
        }
        // Foreign keys stay on (no full `foreign_key_check` afterwards): decision_heads has none, and none point to it.
        migrator.registerMigration("v5", foreignKeyChecks: .immediate) { db in
            // The agreement report read each head's decision by id for its label, tags, seconds and time: a
            // B-tree search per decision, most of a report's time at a million decisions. The heads now carry
            // them (copies of their decision's columns, as immutable as the decision), so the report reads
            // decision_heads alone. Filled in place: the rows keep their order and decision_heads_reviewer stays.
            try db.execute(sql: """
                ALTER TABLE decision_heads ADD COLUMN label TEXT;
                ALTER TABLE decision_heads ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE decision_heads ADD COLUMN seconds REAL;
                ALTER TABLE decision_heads ADD COLUMN decided_at REAL NOT NULL DEFAULT 0;
                UPDATE decision_heads SET label = d.label, tags = d.tags, seconds = d.seconds, decided_at = d.decided_at
                    FROM decisions d WHERE d.id = decision_heads.decision_id;
                """)
        }
        registerHistoryGuards(&migrator)
        migrator.registerMigration("item-media") { db in
            // An item's images (MediaCoding: path, resolved path, SHA-256, alt text, regions), in the item's
            // row as scores are: every reader of an item wants all of them, and text items keep '[]'.
            try db.execute(sql: "ALTER TABLE items ADD COLUMN media_json TEXT NOT NULL DEFAULT '[]'")
        }
        registerQueueCounts(&migrator)
        registerClaimFloors(&migrator)
        return migrator
    }

    /// Gathers the rows of `query` (item id first, in item order) per item and writes each item's list,
    /// as `encode` gives it, into its `column`.
    private static func gatherPerItem<Element>(_ db: Database, from query: String, into column: String,
                                               encode: ([Element]) -> String, element: (Row) -> Element) throws {
        let update = try db.makeStatement(sql: "UPDATE items SET \(column) = ? WHERE id = ?")
        var item: Int64 = -1
        var list: [Element] = []
        func flush() throws {
            if item >= 0 { try update.execute(arguments: [encode(list), item]) }
            list.removeAll(keepingCapacity: true)
        }
        let rows = try Row.fetchCursor(db, sql: query)
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if id != item { try flush(); item = id }
            list.append(element(row))
        }
        try flush()
    }
}
