extension PostgresSchema {
    /// Version 9: a claim never waits for one item while holding the row of another it could not use.
    ///
    /// The walk locks the item it finds, then looks again with a fresh view (``versionClaimWalk``). When another
    /// claim's lease committed in between, the item is full and the walk goes on after it, its row still locked
    /// until the claim ends. In version 6, when every item further down was locked too, the walk went back to the
    /// top and waited there. Two claims that did this at once, each holding the row the other waited for,
    /// deadlocked (CI saw it near the end of an overlap-3 queue with 64 reviewers).
    ///
    /// Now a claim that would have to wait while it holds such a row gives up instead, with a serialization
    /// failure (SQLSTATE 40001): everything it did is rolled back, its rows are let go, and the client runs the
    /// claim again (``PostgresConnection/retryingConflicts(attempts:_:)``), which then sees the leases that filled
    /// those items. A claim waits only while it holds no item's row, so claims cannot wait on each other in a
    /// cycle, and decisions, which lock one item, cannot close one either. Rolling back each full item's row in a
    /// subtransaction instead was measured and cost every claim about 40 µs, and the 64-reviewer claim p99 near
    /// the server's capacity with it; this costs nothing until two claims meet.
    ///
    /// `CREATE OR REPLACE` drops the function's settings, so version 8's plan setting is given again.
    static let versionClaimLockOrder = """
        \(claimFunction(walk: walkVersion9))
        ALTER FUNCTION docket_claim(text, text, double precision, boolean) SET enable_seqscan = off;
        """

    /// Version 9's walk: version 6's, which remembers whether it holds the row of an item it found full.
    private static let walkVersion9 = """
            DECLARE
                v_holding boolean := false;
            BEGIN
                FOR attempt IN 1..50 LOOP
                    \(walkEitherWay)
                    IF v_id IS NULL THEN
                        IF v_wait THEN RETURN NULL; END IF;
                        IF v_holding THEN
                            RAISE EXCEPTION 'the items % could have in queue % were taken by other claims at the same moment; try again',
                                p_reviewer, p_queue USING ERRCODE = '40001';
                        END IF;
                        v_wait := true;
                        v_from_priority := v_first_priority;
                        v_from_id := v_first_id;
                        CONTINUE;
                    END IF;
                    -- Locked: look again with a fresh view, which now includes every claim committed before ours.
                    IF NOT coalesce((SELECT i.state = 0 FROM items i WHERE i.id = v_id)
                                    AND docket_item_has_room(v_id, p_reviewer, p_now, q.overlap), false) THEN
                        -- Another claim took it first: go on after it rather than from the top again. Its row stays
                        -- locked until this claim ends, so from here on the claim must not wait for another.
                        v_holding := true;
                        v_from_priority := v_priority;
                        v_from_id := v_id + 1;
                        v_wait := false;
                        CONTINUE;
                    END IF;
                    \(leaseTheItem)
                END LOOP;
            END;
        """
}
