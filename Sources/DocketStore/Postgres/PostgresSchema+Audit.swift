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
    /// Many connections append at once, and the chain must follow commit order, so its tail is taken under a
    /// transaction-scoped advisory lock that is held until commit. To keep that lock for microseconds, not for a
    /// client round trip and a disk flush (which capped 64 deciding clients at a sixth of their throughput),
    /// a writer does not append to `audit` itself: `docket_audit_append` (the one entry point, for Swift and for
    /// server functions alike) puts the line in `docket_audit_outbox`, and a deferred trigger, run by the server
    /// inside COMMIT, takes the lock, reads the newest row's hash, draws the next id, hashes and moves the line
    /// into `audit`. The hashed text is ``AuditChain``'s byte for byte: `docket_json_string` writes a JSON string
    /// exactly as Docket's JSON writer does (the same characters escaped, lower-case hex), and the time goes in
    /// as its bit pattern. A writer that sets `synchronous_commit` off for its transaction (Swift does, inside
    /// `PostgresConnection.transaction`) commits without waiting for the disk while holding the lock and then
    /// waits, lock-free and grouped with everyone else's, in `docket_wait_durable()`: WAL is written in order,
    /// so whatever is durable of the chain is a prefix of it.
    ///
    /// The functions are SECURITY DEFINER, so a reviewer's role needs neither SELECT nor INSERT on `audit`.
    /// Sealing insists on READ COMMITTED: under a snapshot older than the lock the newest row could be missed.
    static let versionAuditChain = #"""
        ALTER TABLE audit ADD COLUMN hash text;

        -- A JSON string literal of p, as Docket's JSONWriter writes it: plain printable ASCII as it is (DEL too),
        -- else quote, backslash, \n \r \t escaped, C0, DEL, C1, zero-width, bidi, line/paragraph separators and
        -- the BOM as \u00xx in lower case, everything else as it is.
        CREATE FUNCTION docket_json_string(p text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
        DECLARE
            v_out text := '';
            v_char text;
            v_code integer;
        BEGIN
            IF p IS NULL THEN RETURN NULL; END IF;
            IF p ~ '^[\x20-\x21\x23-\x5b\x5d-\x7f]*$' THEN RETURN '"' || p || '"'; END IF;
            IF p !~ '[\x01-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]' THEN
                RETURN '"' || replace(replace(p, '\', '\\'), '"', '\"') || '"';
            END IF;
            FOREACH v_char IN ARRAY regexp_split_to_array(p, '') LOOP
                v_code := ascii(v_char);
                v_out := v_out || CASE
                    WHEN v_code = 34 THEN '\"'
                    WHEN v_code = 92 THEN '\\'
                    WHEN v_code = 10 THEN '\n'
                    WHEN v_code = 13 THEN '\r'
                    WHEN v_code = 9 THEN '\t'
                    WHEN v_code < 32 OR v_code BETWEEN 127 AND 159 OR v_code BETWEEN 8203 AND 8207 OR v_code BETWEEN 8234 AND 8238
                         OR v_code BETWEEN 8294 AND 8297 OR v_code IN (8232, 8233, 65279)
                        THEN '\u' || lpad(to_hex(v_code), 4, '0')
                    ELSE v_char END;
            END LOOP;
            RETURN '"' || v_out || '"';
        END $$;

        CREATE TABLE docket_audit_outbox (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at double precision NOT NULL,
            actor dtext NOT NULL,
            action dtext NOT NULL,
            queue_id dtext,
            item_id bigint,
            detail text NOT NULL
        );

        CREATE FUNCTION docket_audit_append(p_at double precision, p_actor text, p_action text, p_queue text, p_item bigint,
                                            p_detail text) RETURNS void
        LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
            INSERT INTO docket_audit_outbox (at, actor, action, queue_id, item_id, detail)
            VALUES (p_at, p_actor, p_action, p_queue, p_item, p_detail)
        $$;

        CREATE FUNCTION docket_audit_seal() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
            v_bits bigint := ('x' || encode(float8send(NEW.at), 'hex'))::bit(64)::bigint;
            v_tail text;
            v_previous text;
            v_id bigint;
        BEGIN
            IF current_setting('transaction_isolation') <> 'read committed' THEN
                RAISE EXCEPTION 'the audit log is appended only in READ COMMITTED transactions (this one is %)',
                    current_setting('transaction_isolation') USING ERRCODE = 'P0001';
            END IF;
            -- Everything after the previous hash and the id, written before the lock is taken.
            v_tail := ',' || CASE WHEN v_bits < 0 THEN (v_bits::numeric + 18446744073709551616)::text ELSE v_bits::text END
                || ',' || docket_json_string(NEW.actor) || ',' || docket_json_string(NEW.action)
                || ',' || coalesce(docket_json_string(NEW.queue_id), 'null') || ',' || coalesce(NEW.item_id::text, 'null')
                || ',' || docket_json_string(NEW.detail) || ']';
            PERFORM pg_advisory_xact_lock(\#(auditLockKey));
            -- A fresh snapshot (READ COMMITTED, a new statement): the previous holder's row is committed and seen.
            SELECT coalesce(a.hash, '') INTO v_previous FROM audit a ORDER BY a.id DESC LIMIT 1;
            v_previous := coalesce(v_previous, '');
            v_id := nextval(pg_get_serial_sequence('audit', 'id'));
            INSERT INTO audit (id, at, actor, action, queue_id, item_id, detail, hash)
            VALUES (v_id, NEW.at, NEW.actor, NEW.action, NEW.queue_id, NEW.item_id, NEW.detail,
                    encode(sha256(convert_to('[' || docket_json_string(v_previous) || ',' || v_id || v_tail, 'UTF8')), 'hex'));
            DELETE FROM docket_audit_outbox WHERE seq = NEW.seq;
            RETURN NULL;
        END $$;
        CREATE CONSTRAINT TRIGGER audit_outbox_seal AFTER INSERT ON docket_audit_outbox
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION docket_audit_seal();

        -- Commits with a WAL record of their own wait for the disk; one row per server process, so never contended.
        CREATE TABLE docket_durability (pid integer PRIMARY KEY, commits bigint NOT NULL);
        CREATE FUNCTION docket_wait_durable() RETURNS void
        LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
            INSERT INTO docket_durability (pid, commits) VALUES (pg_backend_pid(), 1)
            ON CONFLICT (pid) DO UPDATE SET commits = docket_durability.commits + 1
        $$;

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
        """#

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
