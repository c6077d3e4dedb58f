extension PostgresSchema {
    /// Version 9: a claim never waits for one item while holding the row of another it could not use.
    ///
    /// The walk locks the item it finds, then looks again with a fresh view (``versionClaimWalk``). When another
    /// claim's lease committed in between, the item is full and the walk goes on after it; in version 6 its row
    /// stayed locked until the claim committed, and when every item further down was locked the walk went back to
    /// the top and waited there. Two claims that did this at once, each holding the row the other waited for,
    /// deadlocked (CI saw it near the end of an overlap-3 queue with 64 reviewers). Now each step runs in a
    /// subtransaction that is rolled back when the item turns out full, which lets its row go; the claim's only
    /// row lock is then on the item it leases, so claims cannot wait on each other in a cycle. Decisions, which
    /// lock one item, cannot close one either.
    ///
    /// `CREATE OR REPLACE` drops the function's settings, so version 8's plan setting is given again.
    static let versionClaimLockOrder = """
        \(claimFunction(walk: walkVersion9))
        ALTER FUNCTION docket_claim(text, text, double precision, boolean) SET enable_seqscan = off;
        """

    /// Version 9's walk: version 6's, each step in a block whose subtransaction is rolled back (SQLSTATE DK001,
    /// raised and caught here alone) when the item it locked turned out full.
    private static let walkVersion9 = """
            FOR attempt IN 1..50 LOOP
                BEGIN
                    -- The best open item from v_from in priority order that others are not changing right now; when
                    -- every candidate is locked, wait for the first one instead of reporting an empty queue.
                    IF v_wait THEN
                        \(walkStep(skipLocked: false))
                    ELSE
                        \(walkStep(skipLocked: true))
                    END IF;
                    -- Locked: look again with a fresh view, which now includes every claim committed before ours.
                    IF v_id IS NOT NULL AND NOT ((SELECT i.state = 0 FROM items i WHERE i.id = v_id)
                                                 AND docket_item_has_room(v_id, p_reviewer, p_now, q.overlap)) THEN
                        RAISE EXCEPTION 'item % is full', v_id USING ERRCODE = 'DK001';
                    END IF;
                EXCEPTION WHEN SQLSTATE 'DK001' THEN
                    -- Another claim took it first: its row is let go with the block, and the walk goes on after it
                    -- rather than from the top again.
                    v_from_priority := v_priority;
                    v_from_id := v_id + 1;
                    v_wait := false;
                    CONTINUE;
                END;
                IF v_id IS NOT NULL THEN
                    \(leaseTheItem)
                END IF;
                -- Nothing free from v_from on: look once more from the top, waiting for the first item locked there.
                IF v_wait THEN RETURN NULL; END IF;
                v_wait := true;
                v_from_priority := v_first_priority;
                v_from_id := v_first_id;
            END LOOP;
        """
}
