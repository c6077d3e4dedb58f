/// The SQL of the PostgreSQL import (``PostgresItemMerger``): its staging tables and the two set-based
/// statements that write a chunk of staged records and their imported decisions.
///
/// The staging tables are temporary and live until the transaction ends (`ON COMMIT DROP`): committed or rolled
/// back, an import leaves nothing of them behind. `docket_import_rows` holds the chunk's records,
/// `docket_import_decisions` the decisions they carry, `docket_import_merged` which new or changed items
/// (their place in the chunk, their id) carry decisions to store.
enum PostgresImportStatements {
    /// Whether this transaction made the staging tables already (then they are emptied, not made again).
    static let stagingExists = "SELECT to_regclass('pg_temp.docket_import_rows') IS NOT NULL"

    /// Empties the staging tables for the next chunk.
    static let truncateStaging = "TRUNCATE docket_import_rows, docket_import_decisions, docket_import_merged"

    /// The staging tables, in the stored tables' own column types (so text compares in its collation): a record's
    /// place in the chunk (`ord`) and how many decisions it carries; a decision's place in its record (`idx`).
    static let createStaging = """
        CREATE TEMPORARY TABLE docket_import_rows ON COMMIT DROP AS
        SELECT 0::integer AS ord, 0::integer AS decision_count, \(PostgresImportRow.columns.joined(separator: ", "))
        FROM items WITH NO DATA;
        CREATE TEMPORARY TABLE docket_import_decisions ON COMMIT DROP AS
        SELECT 0::integer AS ord, 0::integer AS idx, \(PostgresImportRow.decisionColumns.joined(separator: ", "))
        FROM decisions WITH NO DATA;
        CREATE TEMPORARY TABLE docket_import_merged (ord integer PRIMARY KEY, item_id bigint NOT NULL, is_new boolean NOT NULL)
        ON COMMIT DROP;
        """

    /// The COPY that fills `docket_import_rows`.
    static let copyRows = "COPY docket_import_rows (ord, decision_count, \(PostgresImportRow.columns.joined(separator: ", "))) FROM STDIN"

    /// The COPY that fills `docket_import_decisions`.
    static let copyDecisions = "COPY docket_import_decisions (ord, idx, \(PostgresImportRow.decisionColumns.joined(separator: ", "))) FROM STDIN"

    /// Inserts the staged rows in their order (so new items are numbered as on SQLite, in file order), updating
    /// a stored item only when its record changed (`record_hash`); an unchanged one is left as it is. Unchanged
    /// records are left out before the insert (`NOT EXISTS`): ON CONFLICT alone would still lock each of their
    /// rows and draw an id for it, which made re-importing 100,000 unchanged records 5 times slower here (3.9 s
    /// against 0.8 s); the ON CONFLICT test stays for a record another import changes meanwhile.
    ///
    /// A new item is inserted with its imported decisions already counted (label count, and complete once it has
    /// the queue's overlap, unless gold: SQLite's rule), so it is written once, not inserted and then updated.
    /// Each new or changed item whose record carries decisions is noted in `docket_import_merged` for
    /// ``addDecisions``. Returns one row: how many items were inserted and how many updated. The ingest time stays
    /// the first import's. Parameters: the queue, the import's time, the queue's overlap.
    static let merge: String = {
        let columns = PostgresImportRow.columns
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return """
            WITH merged AS (
                INSERT INTO items AS i (queue_id, ingested_at, label_count, state, \(columns.joined(separator: ", ")))
                SELECT $1::text, $2::double precision, decision_count,
                    CASE WHEN is_gold = 0 AND decision_count >= $3::integer THEN 1 ELSE 0 END,
                    \(columns.joined(separator: ", ")) FROM docket_import_rows s
                WHERE NOT EXISTS (SELECT 1 FROM items x
                                  WHERE x.queue_id = $1 AND x.external_id = s.external_id AND x.record_hash = s.record_hash)
                ORDER BY ord
                ON CONFLICT (queue_id, external_id) DO UPDATE SET \(updates)
                WHERE i.record_hash <> excluded.record_hash
                RETURNING i.id, i.external_id, i.xmax = 0 AS inserted
            ), noted AS (
                INSERT INTO docket_import_merged (ord, item_id, is_new)
                SELECT s.ord, m.id, m.inserted FROM merged m JOIN docket_import_rows s ON s.external_id = m.external_id
                WHERE s.decision_count > 0
            )
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM merged
            """
    }()

    /// Stores the staged decisions of the items `merge` noted, in file order (so decisions are numbered as SQLite
    /// numbers them), each with its decision in force; on an item stored before, a reviewer who already has a
    /// decision in force there is skipped, and the item's label count and state take the added ones (a new item
    /// counted them when it was inserted). Returns how many decisions were stored. Parameters: the queue, its overlap.
    static let addDecisions: String = {
        let columns = PostgresImportRow.decisionColumns.joined(separator: ", ")
        return """
            WITH wanted AS (
                SELECT m.item_id, d.ord, d.idx, \(PostgresImportRow.decisionColumns.map { "d." + $0 }.joined(separator: ", "))
                FROM docket_import_decisions d JOIN docket_import_merged m ON m.ord = d.ord
                WHERE m.is_new OR NOT EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = m.item_id AND h.reviewer = d.reviewer)
            ), added AS (
                INSERT INTO decisions (item_id, queue_id, kind, origin, \(columns))
                SELECT item_id, $1::text, 'label', 'import', \(columns) FROM wanted ORDER BY ord, idx
                RETURNING id, item_id, reviewer, label, tags, seconds, decided_at
            ), heads AS (
                INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label, tags, seconds, decided_at)
                SELECT item_id, reviewer, $1::text, id, 'label', label, tags, seconds, decided_at FROM added
            ), counted AS (
                UPDATE items i SET label_count = i.label_count + n.added,
                    state = CASE WHEN i.state = 0 AND i.is_gold = 0 AND i.label_count + n.added >= $2::integer THEN 1 ELSE i.state END
                FROM (SELECT a.item_id, count(*)::integer AS added FROM added a
                      JOIN docket_import_merged m ON m.item_id = a.item_id AND NOT m.is_new GROUP BY a.item_id) n
                WHERE i.id = n.item_id
            )
            SELECT count(*) FROM added
            """
    }()
}
