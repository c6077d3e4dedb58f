extension PostgresSchema {
    /// Version 8: the functions a reviewer's step runs (claim, claim by id, renew, release, decide, undo,
    /// adjudicate) plan every statement with sequential scans off, so they reach items, leases and decisions through
    /// their indexes whatever the planner's statistics say.
    ///
    /// Their lookups are all by key, but the planner chooses by the tables' statistics and the server's costs, and
    /// `leases` (rows that come and go all day) is often far from what its last `ANALYZE` saw. Seen here: on a new
    /// connection (every `docket next`), with 500 items at the top of a 200,000-item queue held by others, the claim
    /// counted each item's leases by reading the whole `leases` table (1,000 rows) once per item it walked past:
    /// 75 ms, where the same walk through the index took under 2 ms (a loaded 2-core machine). Checking "not decided
    /// by this reviewer" by reading all of `decision_heads` is the same risk, growing with every decision. With
    /// sequential scans off a key lookup always goes through its index; a statement with no usable index still runs
    /// (the setting only makes a sequential scan the planner's last choice).
    ///
    /// The setting holds while the function runs, for the functions it calls and the row and statement triggers its
    /// writes fire; it is set on the entry points only, as each setting costs its function a little on every call,
    /// and on the audit chain's triggers, which run at commit, outside them (each reads the chain's last line).
    static let versionIndexedPlans = """
        ALTER FUNCTION docket_claim_as(text, text, double precision, boolean) SET enable_seqscan = off;
        ALTER FUNCTION docket_claim(text, text, double precision, boolean) SET enable_seqscan = off;
        ALTER FUNCTION docket_claim_item(text, text, text, double precision) SET enable_seqscan = off;
        ALTER FUNCTION docket_renew(text, text, text, double precision) SET enable_seqscan = off;
        ALTER FUNCTION docket_release(text, text) SET enable_seqscan = off;
        ALTER FUNCTION docket_decide(text, text, text, text, text, text, text, text, text, double precision, text,
                                     boolean, boolean, double precision, text, text) SET enable_seqscan = off;
        ALTER FUNCTION docket_undo(text, text, text, double precision) SET enable_seqscan = off;
        ALTER FUNCTION docket_adjudicate(text, text, text, text, text, text, text, double precision, text, text)
            SET enable_seqscan = off;
        ALTER FUNCTION docket_audit_seal() SET enable_seqscan = off;
        ALTER FUNCTION docket_audit_in_order() SET enable_seqscan = off;
        """
}
