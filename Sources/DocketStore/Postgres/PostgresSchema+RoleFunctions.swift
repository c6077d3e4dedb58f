extension PostgresSchema {
    /// Version 3's changing functions: every claim, decision, undo, adjudication, lease release and renewal,
    /// for every connection (the owner's too, so there is one path to test). Each checks who is calling
    /// (`docket_check_actor`), locks the item's row as the version 2 claim does, and writes the change and its
    /// audit line in the caller's transaction. A refused decision writes nothing and returns the state it was
    /// refused on: the client words the refusal (DecisionRules), the server only enforces it.
    static let versionThreeChanges = """
        -- docket_claim (version 2) for a checked caller: the next item of p_queue, leased to p_reviewer.
        CREATE FUNCTION docket_claim_as(p_queue text, p_reviewer text, p_now double precision, p_want_gold boolean)
        RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
            PERFORM docket_check_actor(p_reviewer, p_queue, 'review');
            RETURN docket_claim(p_queue, p_reviewer, docket_time(p_now), p_want_gold);
        END $$;

        -- Leases the item p_external_id to p_reviewer when the claim rules allow it (the review screen's '/'), else
        -- says why not: 'decided' (by p_reviewer: o_decision_id), 'complete', 'held' (o_holders others hold it).
        -- No row: no such item. The row is locked first, as docket_claim and every decision lock it.
        CREATE FUNCTION docket_claim_item(p_queue text, p_external_id text, p_reviewer text, p_now double precision)
        RETURNS TABLE (o_item_id bigint, o_outcome text, o_holders integer, o_decision_id bigint)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
            q queues%ROWTYPE;
            v_state integer;
            v_gold integer;
            v_now double precision := docket_time(p_now);
        BEGIN
            PERFORM docket_check_actor(p_reviewer, p_queue, 'review');
            SELECT * INTO q FROM queues WHERE id = p_queue;
            SELECT i.id, i.state, i.is_gold INTO o_item_id, v_state, v_gold FROM items i
             WHERE i.queue_id = p_queue AND i.external_id = p_external_id FOR UPDATE;
            IF o_item_id IS NULL THEN RETURN; END IF;
            -- Your own decision comes first: even a completed item can be amended by whoever decided it.
            SELECT h.decision_id INTO o_decision_id FROM decision_heads h WHERE h.item_id = o_item_id AND h.reviewer = p_reviewer;
            IF o_decision_id IS NOT NULL THEN o_outcome := 'decided'; RETURN NEXT; RETURN; END IF;
            IF v_state <> 0 THEN o_outcome := 'complete'; RETURN NEXT; RETURN; END IF;
            SELECT count(*) INTO o_holders FROM leases l WHERE l.item_id = o_item_id AND l.reviewer <> p_reviewer AND l.expires_at > v_now;
            -- Gold items are answered by every reviewer, so the overlap does not cap them (as in docket_claim).
            IF v_gold <> 1 AND NOT docket_item_has_room(o_item_id, p_reviewer, v_now, q.overlap) THEN
                o_outcome := 'held'; RETURN NEXT; RETURN;
            END IF;
            INSERT INTO leases (item_id, reviewer, queue_id, claimed_at, expires_at) VALUES (o_item_id, p_reviewer, p_queue, v_now, v_now + q.lease_seconds)
            ON CONFLICT (item_id, reviewer) DO UPDATE SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at;
            o_outcome := 'claimed';
            RETURN NEXT;
        END $$;

        -- Gives back every lease p_reviewer holds in p_queue.
        CREATE FUNCTION docket_release(p_queue text, p_reviewer text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
            PERFORM docket_check_actor(p_reviewer, p_queue, 'self');
            DELETE FROM leases WHERE queue_id = p_queue AND reviewer = p_reviewer;
        END $$;

        -- Extends p_reviewer's live lease on an item by the queue's lease time; false when it was already lost.
        CREATE FUNCTION docket_renew(p_queue text, p_external_id text, p_reviewer text, p_now double precision) RETURNS boolean
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE v_now double precision := docket_time(p_now);
        BEGIN
            PERFORM docket_check_actor(p_reviewer, p_queue, 'self');
            UPDATE leases l SET expires_at = v_now + q.lease_seconds
              FROM items i, queues q
             WHERE i.id = l.item_id AND q.id = i.queue_id AND i.queue_id = p_queue AND i.external_id = p_external_id
               AND l.reviewer = p_reviewer AND l.expires_at > v_now;
            RETURN FOUND;
        END $$;

        -- Records p_reviewer's decision on an item, or refuses it by DecisionRules.check's rules and writes
        -- nothing (o_decision_id NULL). No row: the queue has no such item.
        CREATE FUNCTION docket_decide(p_queue text, p_external_id text, p_reviewer text, p_kind text, p_label text, p_tags text,
            p_severity text, p_note text, p_reason text, p_seconds double precision, p_origin text, p_correct boolean,
            p_requires_claim boolean, p_now double precision, p_external_json text, p_label_json text)
        RETURNS TABLE (o_item_id bigint, o_state integer, o_label_count integer, o_is_gold integer, o_head_id bigint,
                       o_head_kind text, o_own_lease double precision, o_other_leases integer, o_at double precision,
                       o_decision_id bigint)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
            v_overlap integer;
            v_detail text;
            -- Deciding an item nobody handed out is for admins recording outside labels (decide --unclaimed).
            v_claim boolean := p_requires_claim OR NOT (docket_is_owner() OR docket_session_role() IS NOT DISTINCT FROM 'admin');
        BEGIN
            PERFORM docket_check_actor(p_reviewer, p_queue, 'review');
            IF p_kind NOT IN ('label', 'skip', 'escalate') OR (p_kind = 'label') <> (p_label IS NOT NULL)
               OR (p_kind <> 'label' AND coalesce(btrim(p_reason), '') = '') THEN
                RAISE EXCEPTION 'a decision is a label, or a skip or escalation with a reason' USING ERRCODE = '22023';
            END IF;
            o_at := docket_time(p_now);
            SELECT overlap INTO v_overlap FROM queues WHERE id = p_queue;
            SELECT i.id, i.state, i.label_count, i.is_gold INTO o_item_id, o_state, o_label_count, o_is_gold
              FROM items i WHERE i.queue_id = p_queue AND i.external_id = p_external_id FOR UPDATE;
            IF NOT FOUND THEN RETURN; END IF;
            SELECT h.decision_id, h.kind INTO o_head_id, o_head_kind FROM decision_heads h WHERE h.item_id = o_item_id AND h.reviewer = p_reviewer;
            SELECT l.expires_at INTO o_own_lease FROM leases l WHERE l.item_id = o_item_id AND l.reviewer = p_reviewer;
            SELECT count(*) INTO o_other_leases FROM leases l WHERE l.item_id = o_item_id AND l.reviewer <> p_reviewer AND l.expires_at > o_at;
            IF o_head_id IS NOT NULL THEN
                IF NOT p_correct THEN RETURN NEXT; RETURN; END IF;
            ELSIF o_state = 2 THEN
                RETURN NEXT; RETURN;
            ELSIF o_own_lease > o_at THEN
                NULL;
            ELSIF v_claim AND o_own_lease IS NULL THEN
                RETURN NEXT; RETURN;
            ELSIF o_is_gold = 0 AND (o_state = 1 OR o_label_count >= v_overlap OR o_label_count + o_other_leases >= v_overlap) THEN
                RETURN NEXT; RETURN;
            END IF;
            INSERT INTO decisions (item_id, queue_id, reviewer, kind, label, tags, severity, note, reason, seconds, decided_at, supersedes, origin)
            VALUES (o_item_id, p_queue, p_reviewer, p_kind, p_label, p_tags, p_severity, p_note, p_reason, p_seconds, o_at, o_head_id, p_origin)
            RETURNING id INTO o_decision_id;
            -- The head carries the decision's label, tags, seconds and time, so reports never look the decision up.
            INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label, tags, seconds, decided_at)
            VALUES (o_item_id, p_reviewer, p_queue, o_decision_id, p_kind, p_label, p_tags, p_seconds, o_at)
            ON CONFLICT (item_id, reviewer) DO UPDATE SET decision_id = excluded.decision_id, kind = excluded.kind,
                label = excluded.label, tags = excluded.tags, seconds = excluded.seconds, decided_at = excluded.decided_at;
            DELETE FROM leases WHERE item_id = o_item_id AND reviewer = p_reviewer;
            PERFORM docket_refresh_state(o_item_id, v_overlap);
            -- The detail DecisionRules.auditDetail writes on SQLite, key for key.
            v_detail := '{"decision":' || o_decision_id || ',"kind":"' || p_kind || '","external_id":'
                || docket_check_json(p_external_json, p_external_id)
                || CASE WHEN p_kind = 'label' THEN ',"label":' || docket_check_json(p_label_json, p_label) ELSE '' END
                || CASE WHEN o_head_id IS NOT NULL THEN ',"supersedes":' || o_head_id || ',"previous_kind":"' || o_head_kind || '"' ELSE '' END
                || '}';
            PERFORM docket_audit_line(o_at, p_reviewer, CASE WHEN o_head_id IS NOT NULL THEN 'decision.correct' ELSE 'decision' END,
                                        p_queue, o_item_id, v_detail);
            RETURN NEXT;
        END $$;

        -- Withdraws p_reviewer's latest decision in force in p_queue with an undo record and leases the item
        -- back to them. No row: nothing to undo.
        CREATE FUNCTION docket_undo(p_queue text, p_reviewer text, p_origin text, p_now double precision)
        RETURNS TABLE (o_item_id bigint, o_kind text, o_label text)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
            q queues%ROWTYPE;
            v_decision bigint;
            v_at double precision := docket_time(p_now);
        BEGIN
            PERFORM docket_check_actor(p_reviewer, p_queue, 'review');
            SELECT * INTO q FROM queues WHERE id = p_queue;
            SELECT h.item_id INTO o_item_id FROM decision_heads h WHERE h.queue_id = p_queue AND h.reviewer = p_reviewer
             ORDER BY h.decision_id DESC LIMIT 1;
            IF o_item_id IS NULL THEN RETURN; END IF;
            -- Locked before the head is read again, as a decision locks it: an undo and a decision take turns.
            PERFORM 1 FROM items WHERE id = o_item_id FOR UPDATE;
            SELECT h.decision_id, h.kind, h.label INTO v_decision, o_kind, o_label FROM decision_heads h
             WHERE h.item_id = o_item_id AND h.reviewer = p_reviewer;
            IF v_decision IS NULL THEN RETURN; END IF;
            INSERT INTO decisions (item_id, queue_id, reviewer, kind, decided_at, supersedes, origin)
            VALUES (o_item_id, p_queue, p_reviewer, 'undo', v_at, v_decision, p_origin);
            DELETE FROM decision_heads WHERE item_id = o_item_id AND reviewer = p_reviewer;
            PERFORM docket_refresh_state(o_item_id, q.overlap);
            INSERT INTO leases (item_id, reviewer, queue_id, claimed_at, expires_at) VALUES (o_item_id, p_reviewer, p_queue, v_at, v_at + q.lease_seconds)
            ON CONFLICT (item_id, reviewer) DO UPDATE SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at;
            PERFORM docket_audit_line(v_at, p_reviewer, 'decision.undo', p_queue, o_item_id,
                                        '{"undone":' || v_decision || ',"undone_kind":"' || o_kind || '"}');
            RETURN NEXT;
        END $$;

        -- Records a lead's final decision on an item, superseding an earlier adjudication. No row: no such item.
        CREATE FUNCTION docket_adjudicate(p_queue text, p_external_id text, p_lead text, p_label text, p_tags text, p_severity text,
            p_note text, p_now double precision, p_external_json text, p_label_json text)
        RETURNS TABLE (o_decision_id bigint, o_previous bigint, o_at double precision)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE v_item bigint;
        BEGIN
            PERFORM docket_check_actor(p_lead, p_queue, 'adjudicate');
            o_at := docket_time(p_now);
            SELECT i.id, i.adjudication_id INTO v_item, o_previous FROM items i
             WHERE i.queue_id = p_queue AND i.external_id = p_external_id FOR UPDATE;
            IF v_item IS NULL THEN RETURN; END IF;
            INSERT INTO decisions (item_id, queue_id, reviewer, kind, label, tags, severity, note, decided_at, supersedes, origin)
            VALUES (v_item, p_queue, p_lead, 'adjudication', p_label, p_tags, p_severity, p_note, o_at, o_previous, 'adjudicate')
            RETURNING id INTO o_decision_id;
            UPDATE items SET adjudication_id = o_decision_id, state = 1 WHERE id = v_item;
            PERFORM docket_audit_line(o_at, p_lead, 'adjudicate', p_queue, v_item,
                '{"decision":' || o_decision_id || ',"label":' || docket_check_json(p_label_json, p_label)
                || ',"external_id":' || docket_check_json(p_external_json, p_external_id) || '}');
            RETURN NEXT;
        END $$;

        """
}
