extension PostgresSchema {
    /// Version 9: a claim waits for an item's row only while it holds no row at all.
    ///
    /// A claim's walk locks rows it does not return. It locks the item it finds and then looks again with a fresh
    /// view (``versionClaimWalk``): when another claim's lease committed in between, the item is full and the walk
    /// goes on after it, its row still locked until the claim ends. And a row that a decision changed while the
    /// walk's statement ran is locked before it is checked again: when it no longer matches (now full), the statement
    /// passes over it but PostgreSQL keeps the lock. When every item further down was locked by others too, the
    /// version 6 walk went back to the top and waited for the first of them, holding those rows. Two claims that did
    /// this at once, each holding a row the other waited for, deadlocked (CI: 64 reviewers at the end of an overlap-3
    /// queue; reproduced with 64 reviewer processes starting together on 16 items, once in about 40 rounds).
    ///
    /// Now the walk, before it would wait, asks whether its transaction has locked or written anything
    /// (`pg_current_xact_id_if_assigned()`, given on the first row lock or write); if so it gives up with a
    /// serialization failure (SQLSTATE 40001): everything is rolled back, its rows are let go, and the client runs
    /// the claim again (``PostgresConnection/retryingConflicts(attempts:_:)``), which then sees what the others
    /// committed. The reviewer's floor therefore moves where the walk ends, not before it. A claim that waits holds
    /// only rows its one waiting statement passed over, all ranked above the row it waits for, so waiting claims
    /// cannot form a cycle; a decision waits only before it locks its one item (and at commit for the audit chain,
    /// whose holder waits for no row). Called inside a transaction that already wrote, the claim never waits: it
    /// answers 40001 instead. Rolling back each full item's row in a subtransaction instead was measured and cost
    /// every claim about 40 µs; this costs nothing until claims meet.
    ///
    /// `CREATE OR REPLACE` drops the function's settings, so version 8's plan setting is given again.
    static let versionClaimLockOrder = """
        \(claimFunction(walk: walkVersion9, floorBeforeWalk: false))
        ALTER FUNCTION docket_claim(text, text, double precision, boolean) SET enable_seqscan = off;
        """

    /// Version 9's walk: version 6's, which never waits holding a row and moves the floor where it ends.
    private static let walkVersion9 = """
            FOR attempt IN 1..50 LOOP
                \(walkEitherWay)
                IF v_id IS NULL THEN
                    IF v_wait THEN
                        \(shifted(moveTheFloor, by: 12))
                        RETURN NULL;
                    END IF;
                    IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
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
                    v_from_priority := v_priority;
                    v_from_id := v_id + 1;
                    v_wait := false;
                    CONTINUE;
                END IF;
                \(shifted(moveTheFloor, by: 4))
                \(shifted(leaseTheItem, by: -4))
            END LOOP;
        """

    /// `text` with every line after the first moved right by `by` spaces (left, when negative): a fragment written
    /// for one depth of nesting, placed at another, so that the function reads right in `\sf docket_claim`.
    static func shifted(_ text: String, by: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return ([String(lines[0])] + lines.dropFirst().map { line in
            by >= 0 ? String(repeating: " ", count: by) + line : String(line.dropFirst(min(-by, line.prefix { $0 == " " }.count)))
        }).joined(separator: "\n")
    }
}
