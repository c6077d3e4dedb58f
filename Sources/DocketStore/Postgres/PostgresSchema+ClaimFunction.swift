extension PostgresSchema {
    /// `docket_claim` as versions 6 and 9 define it: the reviewer's live lease first (resume), then the walk from
    /// their floor (``versionClaimWalk``), with `walk` the loop that finds and leases the item. The two versions
    /// differ only in that loop; `PostgresReleasedMigrationTests` keeps version 6's text as released.
    /// `floorBeforeWalk`: version 6 moves the floor before the walk; version 9 in the walk, where it ends.
    static func claimFunction(walk: String, floorBeforeWalk: Bool) -> String {
        """
        CREATE OR REPLACE FUNCTION docket_claim(p_queue text, p_reviewer text, p_now double precision, p_want_gold boolean)
        RETURNS bigint LANGUAGE plpgsql AS $$
        DECLARE
            q queues%ROWTYPE;
            v_id bigint;
            v_gold bigint;
            v_floor_priority dtext;
            v_floor_id bigint;
            v_reset dtext;
            v_seen pg_snapshot;
            v_start_priority dtext;
            v_start_id bigint := 0;
            v_first_priority dtext;
            v_first_id bigint;
            v_from_priority dtext;
            v_from_id bigint;
            v_priority dtext;
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

            -- The floor, lowered to the highest rank logged since its snapshot; this statement's snapshot is the
            -- new floor's (taken before the walk below, so a change the walk sees may be counted twice, never missed).
            SELECT f.priority, f.item_id, pg_current_snapshot(),
                   (SELECT max(r.priority) FROM claim_resets r
                     WHERE r.queue_id = p_queue AND r.xid >= pg_snapshot_xmin(f.seen) AND NOT pg_visible_in_snapshot(r.xid, f.seen))
              INTO v_floor_priority, v_floor_id, v_seen, v_reset
              FROM (SELECT 1) AS one LEFT JOIN claim_floors f ON f.queue_id = p_queue AND f.reviewer = p_reviewer;
            IF v_floor_id IS NOT NULL THEN
                IF v_reset IS NULL OR v_reset < v_floor_priority THEN
                    v_start_priority := v_floor_priority;
                    v_start_id := v_floor_id;
                ELSE
                    v_start_priority := v_reset;
                END IF;
            END IF;
            -- Past this reviewer's own decisions at the top: the first open item they have not decided.
            IF v_start_priority IS NULL THEN
                SELECT i.priority, i.id INTO v_first_priority, v_first_id FROM items i
                 WHERE i.queue_id = p_queue AND i.state = 0 AND i.is_gold = 0
                   AND NOT EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = i.id AND h.reviewer = p_reviewer)
                 ORDER BY i.priority DESC, i.id LIMIT 1;
            ELSE
                SELECT i.priority, i.id INTO v_first_priority, v_first_id FROM items i
                 WHERE i.queue_id = p_queue AND i.state = 0 AND i.is_gold = 0
                   AND i.priority <= v_start_priority AND (i.priority < v_start_priority OR i.id >= v_start_id)
                   AND NOT EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = i.id AND h.reviewer = p_reviewer)
                 ORDER BY i.priority DESC, i.id LIMIT 1;
            END IF;
            IF v_first_id IS NULL THEN RETURN NULL; END IF;
            \(floorBeforeWalk ? moveTheFloor : "-- The floor moves when the walk ends (it must take no lock before).")

            v_from_priority := v_first_priority;
            v_from_id := v_first_id;
        \(walk)
            RETURN NULL;
        END $$;
        """
    }

    /// Moves the reviewer's floor to the first item the walk starts from (when it changed).
    static let moveTheFloor = """
        IF v_first_id IS DISTINCT FROM v_floor_id OR v_reset IS NOT NULL THEN
                INSERT INTO claim_floors (queue_id, reviewer, priority, item_id, seen)
                VALUES (p_queue, p_reviewer, v_first_priority, v_first_id, v_seen)
                ON CONFLICT (queue_id, reviewer) DO UPDATE SET priority = excluded.priority, item_id = excluded.item_id, seen = excluded.seen;
            END IF;
        """

    /// One step of the claim walk (versions 6 and 9): the best open item from v_from in priority order that has room for
    /// p_reviewer, locked for this transaction; with `skipLocked`, passing over the rows other claims hold locked
    /// right now, else waiting for the first of them. Each walk runs it both ways, so it is written once.
    static func walkStep(skipLocked: Bool) -> String {
        """
        SELECT i.id, i.priority INTO v_id, v_priority FROM items i
                     WHERE i.queue_id = p_queue AND i.state = 0 AND i.is_gold = 0
                       AND i.priority <= v_from_priority AND (i.priority < v_from_priority OR i.id >= v_from_id)
                       AND NOT EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = i.id AND h.reviewer = p_reviewer)
                       AND i.label_count + (SELECT count(*) FROM leases l
                                            WHERE l.item_id = i.id AND l.expires_at > p_now AND l.reviewer <> p_reviewer) < q.overlap
                     ORDER BY i.priority DESC, i.id LIMIT 1 FOR UPDATE OF i\(skipLocked ? " SKIP LOCKED" : "");
        """
    }

    /// The end of a claim that found its item (versions 2, 6 and 9): a gold item instead at the queue's rate, then the
    /// lease, and the item is the claim's answer.
    static let leaseTheItem = """
        -- Known-answer items are mixed in at the queue's rate while real work remains; every
                    -- reviewer answers them, so the overlap does not cap them.
                    IF p_want_gold THEN
                        SELECT i.id INTO v_gold FROM items i
                         WHERE i.queue_id = p_queue AND i.state = 0 AND i.is_gold = 1
                           AND NOT EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = i.id AND h.reviewer = p_reviewer)
                         ORDER BY i.priority DESC, i.id LIMIT 1;
                        IF v_gold IS NOT NULL THEN v_id := v_gold; END IF;
                    END IF;
                    INSERT INTO leases (item_id, reviewer, queue_id, claimed_at, expires_at)
                    VALUES (v_id, p_reviewer, p_queue, p_now, p_now + q.lease_seconds)
                    ON CONFLICT (item_id, reviewer) DO UPDATE SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at;
                    RETURN v_id;
        """

    /// The walk's step as versions 6 and 9 take it: passing over locked rows, or (`v_wait`) waiting for the first.
    static let walkEitherWay = """
        -- The best open item from v_from in priority order that others are not changing right now; when
                -- every candidate is locked, wait for the first one instead of reporting an empty queue.
                IF v_wait THEN
                    \(walkStep(skipLocked: false))
                ELSE
                    \(walkStep(skipLocked: true))
                END IF;
        """
}
