extension PostgresSchema {
    /// Version 6: a claim no longer walks past the items its reviewer already decided.
    ///
    /// With an overlap above 1, an item a reviewer decided stays open until others decide it too, and it stays
    /// at the top of the claim index: a reviewer far ahead of the others (the first one in the morning) walked
    /// past all of their own decided items on every claim, about 2 µs each (25 ms for 2,000 on the version 2
    /// claim, which also called a function per item). Now each reviewer keeps a *floor* per queue
    /// (`claim_floors`): every open item ranked above it carries that reviewer's decision. A claim starts its walk
    /// at the floor and moves the floor down past the run of its own decisions it finds there, so each decided
    /// item is walked past once, not once per claim.
    ///
    /// What can put an item this reviewer has not decided above their floor is logged in `claim_resets` by
    /// triggers, whoever makes the change: an item imported, moved up the order (new scores, a changed policy),
    /// reopened (an undo, an escalation changed back, a larger overlap) or turned from gold into work, and a
    /// decision withdrawn. A row holds the highest such rank of one transaction in one queue. A floor remembers
    /// the snapshot it was taken in; a claim lowers it to the highest logged rank that snapshot did not see.
    /// The log is only appended to, so a change never waits for a claim or a claim for a change, and no row is
    /// updated by every decision (the 64 reviewers of a team would queue on it).
    ///
    /// The walk itself checks the room on an item inline (label count from the index, live leases of others)
    /// instead of calling `docket_item_has_room` per item, and an attempt that loses an item to another claim goes
    /// on from that item instead of starting again at the top.
    static let versionClaimWalk = """
        CREATE TABLE claim_floors (
            queue_id dtext NOT NULL,
            reviewer dtext NOT NULL,
            priority dtext NOT NULL,
            item_id bigint NOT NULL,
            seen pg_snapshot NOT NULL,
            PRIMARY KEY (queue_id, reviewer)
        );
        CREATE TABLE claim_resets (
            queue_id dtext NOT NULL,
            priority dtext NOT NULL,
            xid xid8 NOT NULL DEFAULT pg_current_xact_id()
        );
        CREATE INDEX claim_resets_queue ON claim_resets (queue_id, xid);

        -- Logs that an item ranked p_priority in p_queue may now be open to reviewers whose floor is below it.
        -- One row per transaction and queue at its highest rank is enough, as they become visible together.
        CREATE FUNCTION docket_claim_reset(p_queue text, p_priority text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
            v_name text := 'docket.claim_reset_' || md5(p_queue);
            v_logged text := current_setting(v_name, true);
            v_tx text := pg_current_xact_id()::text;
        BEGIN
            IF v_logged IS NOT NULL AND split_part(v_logged, ' ', 1) = v_tx
               AND substr(v_logged, length(v_tx) + 2)::dtext >= p_priority::dtext THEN
                RETURN;
            END IF;
            INSERT INTO claim_resets (queue_id, priority) VALUES (p_queue, p_priority);
            PERFORM set_config(v_name, v_tx || ' ' || p_priority, true);
        END $$;

        CREATE FUNCTION docket_claim_reset_inserted() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE r record;
        BEGIN
            FOR r IN SELECT n.queue_id, max(n.priority) AS top FROM new_rows n
                     WHERE n.state = 0 AND n.is_gold = 0 GROUP BY n.queue_id LOOP
                PERFORM docket_claim_reset(r.queue_id, r.top);
            END LOOP;
            -- Rows every floor's snapshot has seen are no longer needed (a floor taken later sees them too).
            DELETE FROM claim_resets c
             WHERE c.xid < coalesce((SELECT min(pg_snapshot_xmin(f.seen)) FROM claim_floors f), pg_snapshot_xmin(pg_current_snapshot()));
            RETURN NULL;
        END $$;
        CREATE TRIGGER items_claim_inserted AFTER INSERT ON items REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION docket_claim_reset_inserted();

        CREATE FUNCTION docket_claim_reset_changed() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
            PERFORM docket_claim_reset(NEW.queue_id, NEW.priority);
            RETURN NULL;
        END $$;
        -- Only an open work item that was not open work before, or that moved up the order, can be new above a floor.
        CREATE TRIGGER items_claim_changed AFTER UPDATE ON items FOR EACH ROW
            WHEN (NEW.state = 0 AND NEW.is_gold = 0
                  AND (OLD.state <> 0 OR OLD.is_gold <> 0 OR OLD.queue_id IS DISTINCT FROM NEW.queue_id OR OLD.priority < NEW.priority))
            EXECUTE FUNCTION docket_claim_reset_changed();

        CREATE FUNCTION docket_claim_reset_withdrawn() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
            PERFORM docket_claim_reset(i.queue_id, i.priority) FROM items i WHERE i.id = OLD.item_id;
            RETURN NULL;
        END $$;
        CREATE TRIGGER decision_heads_claim_withdrawn AFTER DELETE ON decision_heads FOR EACH ROW
            EXECUTE FUNCTION docket_claim_reset_withdrawn();

        REVOKE EXECUTE ON FUNCTION docket_claim_reset(text, text), docket_claim_reset_inserted(),
            docket_claim_reset_changed(), docket_claim_reset_withdrawn() FROM PUBLIC;

        -- Version 5's helpers, same rules, in PL/pgSQL: a SQL function that is not inlined is planned again on
        -- every call (docket_time 60 us, the visible-queue check 240 us, several calls per claim and decision,
        -- and docket_wait_durable after every decision's commit),
        -- where PL/pgSQL keeps its plans for the session.
        CREATE OR REPLACE FUNCTION docket_is_owner() RETURNS boolean LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
        BEGIN
            RETURN (SELECT pg_has_role(session_user, c.relowner, 'MEMBER') FROM pg_class c WHERE c.oid = 'items'::regclass);
        END $$;
        CREATE OR REPLACE FUNCTION docket_time(p_now double precision) RETURNS double precision LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
        BEGIN
            IF docket_is_owner() THEN RETURN p_now; END IF;
            RETURN extract(epoch FROM clock_timestamp())::double precision;
        END $$;
        CREATE OR REPLACE FUNCTION docket_session_role() RETURNS dtext LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
            RETURN (SELECT role FROM reviewers WHERE name = session_user::text);
        END $$;
        CREATE OR REPLACE FUNCTION docket_wait_durable() RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
            INSERT INTO docket_durability (pid, commits) VALUES (pg_backend_pid(), 1)
            ON CONFLICT (pid) DO UPDATE SET commits = docket_durability.commits + 1;
        END $$;
        CREATE OR REPLACE FUNCTION docket_item_has_room(p_item bigint, p_reviewer text, p_now double precision, p_overlap integer)
        RETURNS boolean LANGUAGE plpgsql STABLE AS $$
        BEGIN
            RETURN (SELECT i.label_count + (SELECT count(*) FROM leases l
                                            WHERE l.item_id = i.id AND l.expires_at > p_now AND l.reviewer <> p_reviewer) < p_overlap
                    FROM items i WHERE i.id = p_item);
        END $$;
        CREATE OR REPLACE FUNCTION docket_refresh_state(p_item bigint, p_overlap integer) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        DECLARE
            v_labels integer;
            v_escalated boolean;
        BEGIN
            SELECT count(*) FILTER (WHERE kind = 'label'), coalesce(bool_or(kind = 'escalate'), false) INTO v_labels, v_escalated
              FROM decision_heads WHERE item_id = p_item;
            UPDATE items SET
                label_count = v_labels,
                state = CASE
                    WHEN adjudication_id IS NOT NULL THEN 1
                    WHEN v_escalated THEN 2
                    WHEN is_gold = 0 AND v_labels >= p_overlap THEN 1
                    ELSE 0 END
            WHERE id = p_item;
        END $$;
        -- Whether a reviewer of role p_role may work in p_queue: leads and admins everywhere, a reviewer in the
        -- queues assigned to them and those assigned to nobody (the rule of 'docket next'). The one place of it.
        CREATE FUNCTION docket_queue_open_to(p_queue text, p_reviewer text, p_role text) RETURNS boolean
        LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
        BEGIN
            RETURN p_role IN ('lead', 'admin')
                OR NOT EXISTS (SELECT 1 FROM queue_reviewers a WHERE a.queue_id = p_queue)
                OR EXISTS (SELECT 1 FROM queue_reviewers a WHERE a.queue_id = p_queue AND a.reviewer = p_reviewer);
        END $$;
        REVOKE EXECUTE ON FUNCTION docket_queue_open_to(text, text, text) FROM PUBLIC;
        CREATE OR REPLACE FUNCTION docket_visible_queues() RETURNS SETOF dtext LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
            RETURN QUERY SELECT q.id FROM queues q, reviewers r
             WHERE r.name = session_user::text AND docket_queue_open_to(q.id, r.name, r.role);
        END $$;
        -- Version 5's checks, with the queue assignment asked of docket_queue_open_to for this one queue instead
        -- of listing every visible queue through docket_visible_queues.
        CREATE OR REPLACE FUNCTION docket_check_actor(p_reviewer text, p_queue text, p_need text) RETURNS void
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE v_role text;
        BEGIN
            IF docket_is_owner() THEN RETURN; END IF;
            IF p_reviewer IS DISTINCT FROM session_user::text THEN
                RAISE EXCEPTION 'you are connected as ''%'' and may not act as ''%'': on PostgreSQL everyone acts as the database role they log in as', session_user, p_reviewer
                    USING ERRCODE = '42501';
            END IF;
            v_role := docket_session_role();
            IF v_role IS NULL THEN
                RAISE EXCEPTION '''%'' is not a registered reviewer of this database; an admin can add them with ''docket reviewers add %''', session_user, session_user
                    USING ERRCODE = '42501';
            END IF;
            IF p_need = 'adjudicate' AND v_role NOT IN ('lead', 'admin') THEN
                RAISE EXCEPTION '''%'' is a %; adjudicate needs the lead role in queue ''%''', session_user, v_role, p_queue USING ERRCODE = '42501';
            END IF;
            IF p_need IN ('review', 'adjudicate') AND NOT docket_queue_open_to(p_queue, session_user::text, v_role) THEN
                RAISE EXCEPTION '''%'' is not assigned to queue ''%''; an admin can assign them with ''docket reviewers assign % --queue %''', session_user, p_queue, session_user, p_queue
                    USING ERRCODE = '42501';
            END IF;
        END $$;

        -- Version 2's claim, walking from the reviewer's floor (above). Order, overlap, leases, resume and gold
        -- are unchanged.
        \(claimFunction(walk: walkVersion6, floorBeforeWalk: true))
        """

    /// Version 6's walk: from the floor, passing over rows other claims hold locked; when all are, waiting for the
    /// first. An item found locked but full goes on after it (its row stays locked until the claim commits).
    private static let walkVersion6 = """
            FOR attempt IN 1..50 LOOP
                \(walkEitherWay)
                IF v_id IS NULL THEN
                    IF v_wait THEN RETURN NULL; END IF;
                    v_wait := true;
                    v_from_priority := v_first_priority;
                    v_from_id := v_first_id;
                    CONTINUE;
                END IF;
                -- Locked: look again with a fresh view, which now includes every claim committed before ours.
                IF (SELECT i.state = 0 FROM items i WHERE i.id = v_id)
                   AND docket_item_has_room(v_id, p_reviewer, p_now, q.overlap) THEN
                    \(leaseTheItem)
                END IF;
                -- Another claim took it first: go on after it rather than from the top again.
                v_from_priority := v_priority;
                v_from_id := v_id + 1;
                v_wait := false;
            END LOOP;
        """
}
