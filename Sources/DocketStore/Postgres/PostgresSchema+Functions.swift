extension PostgresSchema {
    /// Version 2: claims, decisions and undo as server functions, each one round trip and one transaction.
    ///
    /// Why functions: under READ COMMITTED each statement inside a PL/pgSQL function sees what was committed
    /// before it began, so a claim can lock its candidate row (`FOR UPDATE SKIP LOCKED`) and then check the
    /// overlap again with a fresh view, which one plain statement cannot do (its subqueries keep the snapshot
    /// from before the lock wait). Every change to an item (claim, decision, undo) locks the item's row
    /// first, so the changes to one item take turns while different items proceed in parallel.
    /// The messages are the SQLite store's, word for word; SQLSTATE DK404 means "not found", DK409 "conflict".
    static let version2 = """
        -- The reviewer's live capacity check: label decisions in force plus other reviewers' live leases.
        CREATE FUNCTION docket_item_has_room(p_item bigint, p_reviewer text, p_now double precision, p_overlap integer)
        RETURNS boolean LANGUAGE sql STABLE AS $$
            SELECT i.label_count + (SELECT count(*) FROM leases l
                                    WHERE l.item_id = i.id AND l.expires_at > p_now AND l.reviewer <> p_reviewer) < p_overlap
            FROM items i WHERE i.id = p_item
        $$;

        -- Hands p_reviewer the next item of p_queue and leases it to them; NULL when nothing is left for them.
        CREATE FUNCTION docket_claim(p_queue text, p_reviewer text, p_now double precision, p_want_gold boolean)
        RETURNS bigint LANGUAGE plpgsql AS $$
        DECLARE
            q queues%ROWTYPE;
            v_id bigint;
            v_gold bigint;
            v_wait boolean := false;
        BEGIN
            SELECT * INTO q FROM queues WHERE id = p_queue;
            IF NOT FOUND THEN RETURN NULL; END IF;
            -- A reviewer who holds a live lease gets that item back (resume).
            SELECT l.item_id INTO v_id FROM leases l JOIN items i ON i.id = l.item_id
             WHERE l.queue_id = p_queue AND l.reviewer = p_reviewer AND l.expires_at > p_now AND i.state = 0
               AND NOT EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = l.item_id AND h.reviewer = l.reviewer)
             ORDER BY l.claimed_at LIMIT 1;
            IF v_id IS NOT NULL THEN RETURN v_id; END IF;
            FOR attempt IN 1..50 LOOP
                -- The best open item in priority order that others are not changing right now; when every
                -- candidate is locked, wait for the first one instead of reporting an empty queue.
                IF v_wait THEN
                    SELECT i.id INTO v_id FROM items i
                     WHERE i.queue_id = p_queue AND i.state = 0 AND i.is_gold = 0
                       AND NOT EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = i.id AND h.reviewer = p_reviewer)
                       AND docket_item_has_room(i.id, p_reviewer, p_now, q.overlap)
                     ORDER BY i.priority DESC, i.id LIMIT 1 FOR UPDATE OF i;
                ELSE
                    SELECT i.id INTO v_id FROM items i
                     WHERE i.queue_id = p_queue AND i.state = 0 AND i.is_gold = 0
                       AND NOT EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = i.id AND h.reviewer = p_reviewer)
                       AND docket_item_has_room(i.id, p_reviewer, p_now, q.overlap)
                     ORDER BY i.priority DESC, i.id LIMIT 1 FOR UPDATE OF i SKIP LOCKED;
                END IF;
                IF v_id IS NULL THEN
                    IF v_wait THEN RETURN NULL; END IF;
                    v_wait := true;
                    CONTINUE;
                END IF;
                -- Locked: look again with a fresh view, which now includes every claim committed before ours.
                IF (SELECT i.state = 0 FROM items i WHERE i.id = v_id)
                   AND docket_item_has_room(v_id, p_reviewer, p_now, q.overlap) THEN
                    \(leaseTheItem)
                END IF;
                v_wait := false;
            END LOOP;
            RETURN NULL;
        END $$;
        """
}
