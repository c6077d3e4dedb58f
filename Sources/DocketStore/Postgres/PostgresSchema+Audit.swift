import DocketCore

extension PostgresSchema {
    /// The key of the advisory lock that makes audit appends take turns ("audit" in ASCII; the migrator's is "docket").
    static let auditLockKey: Int64 = 0x6175646974

    /// The audit log's hash chain, as on SQLite (``AuditChain``, the SQLite migration "history-guards-and-audit-hash-chain"):
    /// every row carries the SHA-256 of its content and of the row before it, so that a row changed, removed or
    /// slipped in anywhere (even by the tables' owner in `psql`, past the triggers) shows at that row when the chain
    /// is checked (`docket audit --verify`). Rows written before this version are chained when it is applied
    /// (``chainExistingAuditRows(_:)``).
    ///
    /// Many connections append at once, so the chain's tail is serialised: `docket_audit_next()` takes a
    /// transaction-scoped advisory lock, then reads the newest row's hash and draws the next id. The lock is held
    /// from the append (the last statement of every writing transaction) to its commit, so the chain is one line
    /// in commit order. It is SECURITY DEFINER so that a reviewer's role needs no SELECT on the audit log to
    /// append to it. It insists on READ COMMITTED: under a snapshot taken before the lock the newest row could be
    /// missed and the chain forked.
    static let versionAuditChain = """
        ALTER TABLE audit ADD COLUMN hash text;

        CREATE FUNCTION docket_audit_next(OUT next_id bigint, OUT previous_hash text)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
            IF current_setting('transaction_isolation') <> 'read committed' THEN
                RAISE EXCEPTION 'the audit log is appended only in READ COMMITTED transactions (this one is %)',
                    current_setting('transaction_isolation') USING ERRCODE = 'P0001';
            END IF;
            PERFORM pg_advisory_xact_lock(\(auditLockKey));
            -- A fresh snapshot (READ COMMITTED, a new statement): the previous holder's row is committed and seen.
            SELECT coalesce(a.hash, '') INTO previous_hash FROM audit a ORDER BY a.id DESC LIMIT 1;
            previous_hash := coalesce(previous_hash, '');
            next_id := nextval(pg_get_serial_sequence('audit', 'id'));
        END $$;

        -- As on SQLite: a row goes after the last one, never before it (a replace is already refused by the
        -- primary key, and an UPDATE by the v1 trigger).
        CREATE FUNCTION docket_audit_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.id <= (SELECT max(id) FROM audit) THEN
                RAISE EXCEPTION 'the audit log is append-only: a new row goes after the last one' USING ERRCODE = 'P0001';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER audit_in_order BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION docket_audit_in_order();
        """

    /// Whether the audit log lacks the hash column (a database from before ``versionAuditChain``), checked before
    /// migrating so that the rows it already holds are chained once, by the upgrade, and never again: a row
    /// added later without a hash is someone else's doing and must stay visible as such.
    static func auditNeedsChaining(_ c: PostgresConnection) throws -> Bool {
        try c.execute("""
            SELECT to_regclass('audit') IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'audit' AND column_name = 'hash')
            """).bool(0, 0) ?? false
    }

    /// Chains the rows written before the audit log had hashes, in id order, inside the migration's transaction;
    /// the append-only trigger is lifted for it and put back before the transaction ends (as on SQLite).
    static func chainExistingAuditRows(_ c: PostgresConnection) throws {
        try c.execute("ALTER TABLE audit DISABLE TRIGGER audit_append_only")
        var rows: [(id: Int64, hash: String)] = []
        var previous = ""
        try c.forEachRow("SELECT id, at, actor, action, queue_id, item_id, detail FROM audit ORDER BY id") { r, i in
            let id = r.int64(i, 0) ?? 0
            previous = AuditChain.hash(previous: previous, id: id, at: r.double(i, 1) ?? 0, actor: r.string(i, 2) ?? "",
                                       action: r.string(i, 3) ?? "", queue: r.string(i, 4), item: r.int64(i, 5),
                                       detail: r.string(i, 6) ?? "")
            rows.append((id, previous))
        }
        for row in rows {
            try c.executePrepared("audit_chain_fill", "UPDATE audit SET hash = $1 WHERE id = $2", [row.hash, row.id])
        }
        try c.execute("ALTER TABLE audit ENABLE TRIGGER audit_append_only")
    }
}
