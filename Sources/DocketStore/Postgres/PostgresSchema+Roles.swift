extension PostgresSchema {
    /// Identity and roles enforced by the server (Docs/roles.md); follows ``versionAuditChain``.
    ///
    /// Each person logs in as their own database role, a member of one of three group roles: `docket_reviewer`,
    /// `docket_lead`, `docket_admin`. No group may write the history tables directly: decisions, heads and
    /// leases change only through the `SECURITY DEFINER` functions of ``versionThreeFunctions``, which take
    /// the acting name from `session_user` (who logged in, which `SET ROLE` cannot change). Row-level security
    /// shows a reviewer only the items of the queues they may review and only their own decisions and leases.
    /// The database's owner (who runs `docket init` and the tests) is not restricted: it owns the tables.
    static let versionRoles = versionThreeGroups + versionThreeFunctions + versionThreePrivileges

    /// The group roles. Roles belong to the whole server, not to one database: they may exist already (another
    /// Docket database on the same server), and creating them needs CREATEROLE the first time.
    static let versionThreeGroups = """
        DO $$
        DECLARE g text;
        BEGIN
            FOREACH g IN ARRAY ARRAY['docket_reviewer', 'docket_lead', 'docket_admin'] LOOP
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = g) THEN
                    BEGIN
                        EXECUTE format('CREATE ROLE %I NOLOGIN', g);
                    EXCEPTION
                        WHEN duplicate_object OR unique_violation THEN NULL;  -- created by a concurrent docket init
                        WHEN insufficient_privilege THEN
                            RAISE EXCEPTION 'docket init needs a role with CREATEROLE the first time, to create the group roles docket_reviewer, docket_lead and docket_admin (or a DBA creates them: CREATE ROLE docket_reviewer NOLOGIN; ...)'
                                USING ERRCODE = '42501';
                    END;
                END IF;
            END LOOP;
        END $$;

        """

    /// The server-side checks and the functions every reviewer-facing change goes through.
    /// The functions are owned by the database's owner and pin their search path (no object a caller
    /// creates can stand in for a table).
    static let versionThreeFunctions = """
        -- The connected login owns the tables (or is a superuser): the store's own rules apply, nothing more.
        CREATE FUNCTION docket_is_owner() RETURNS boolean LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
            SELECT pg_has_role(session_user, c.relowner, 'MEMBER') FROM pg_class c WHERE c.oid = 'items'::regclass
        $$;

        -- The connected login's Docket role (reviewer, lead, admin), NULL when it is not registered here.
        CREATE FUNCTION docket_session_role() RETURNS dtext LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT role FROM reviewers WHERE name = session_user::text
        $$;

        -- The queues whose items the connected login may read: all for leads and admins; for a reviewer, the
        -- queues assigned to them and the queues nobody is assigned to (the same rule as 'docket next').
        CREATE FUNCTION docket_visible_queues() RETURNS SETOF dtext LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT q.id FROM queues q, reviewers r
             WHERE r.name = session_user::text
               AND (r.role IN ('lead', 'admin')
                    OR NOT EXISTS (SELECT 1 FROM queue_reviewers a WHERE a.queue_id = q.id)
                    OR EXISTS (SELECT 1 FROM queue_reviewers a WHERE a.queue_id = q.id AND a.reviewer = r.name))
        $$;

        -- Refuses (SQLSTATE 42501, nothing done) unless the connected login may act as p_reviewer: it must be
        -- p_reviewer, registered, with the lead role to adjudicate, and allowed to see p_queue's items to review.
        CREATE FUNCTION docket_check_actor(p_reviewer text, p_queue text, p_need text) RETURNS void
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
            IF p_need IN ('review', 'adjudicate') AND EXISTS (SELECT 1 FROM queues WHERE id = p_queue)
               AND p_queue NOT IN (SELECT docket_visible_queues()) THEN
                RAISE EXCEPTION '''%'' is not assigned to queue ''%''; an admin can assign them with ''docket reviewers assign % --queue %''', session_user, p_queue, session_user, p_queue
                    USING ERRCODE = '42501';
            END IF;
        END $$;

        -- The time a change is recorded at: the caller's clock for the owner (tests replay times), else the
        -- server's, so that nobody can back-date a decision or stretch a lease.
        CREATE FUNCTION docket_time(p_now double precision) RETURNS double precision LANGUAGE sql VOLATILE SET search_path FROM CURRENT AS $$
            SELECT CASE WHEN docket_is_owner() THEN p_now ELSE extract(epoch FROM clock_timestamp())::double precision END
        $$;

        -- A JSON string literal exactly as JSONWriter writes it (the audit chain hashes that text).
        CREATE FUNCTION docket_json_string(p_text text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
        DECLARE
            v_out text := '';
            v_code integer;
            c text;
        BEGIN
            IF p_text IS NULL THEN RETURN 'null'; END IF;
            -- Plain printable ASCII is written as it is, DEL included (JSONWriter's plain path).
            IF p_text ~ '^[\\x20\\x21\\x23-\\x5b\\x5d-\\x7f]*$' THEN RETURN '"' || p_text || '"'; END IF;
            IF p_text !~ '[\\x01-\\x1f\\x7f-\\x9f\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029\\ufeff]' THEN
                RETURN '"' || replace(replace(p_text, '\\', '\\\\'), '"', '\\"') || '"';
            END IF;
            FOREACH c IN ARRAY regexp_split_to_array(p_text, '') LOOP
                v_code := ascii(c);
                v_out := v_out || CASE
                    WHEN c = '"' THEN '\\"' WHEN c = '\\' THEN '\\\\'
                    WHEN v_code = 10 THEN '\\n' WHEN v_code = 13 THEN '\\r' WHEN v_code = 9 THEN '\\t'
                    WHEN v_code < 32 OR v_code BETWEEN 127 AND 159 OR v_code BETWEEN 8203 AND 8207 OR v_code BETWEEN 8234 AND 8238
                         OR v_code BETWEEN 8294 AND 8297 OR v_code IN (8232, 8233, 65279) THEN '\\u' || lpad(to_hex(v_code), 4, '0')
                    ELSE c END;
            END LOOP;
            RETURN '"' || v_out || '"';
        END $$;

        -- One audit line, written by the functions below in their transaction and chained at COMMIT as appendAudit's
        -- are (docket_audit_append): the text hashed after the previous hash and the id is AuditChain.tail's, the
        -- time as the bits of its double, each field as JSONWriter writes it.
        CREATE FUNCTION docket_audit_line(p_at double precision, p_actor text, p_action text, p_queue text, p_item bigint, p_detail text)
        RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        DECLARE v_bits numeric := ('x' || encode(float8send(p_at), 'hex'))::bit(64)::bigint;
        BEGIN
            IF v_bits < 0 THEN v_bits := v_bits + 18446744073709551616; END IF;
            PERFORM docket_audit_append(p_at, p_actor, p_action, p_queue, p_item, p_detail,
                v_bits || ',' || docket_json_string(p_actor) || ',' || docket_json_string(p_action) || ',' || docket_json_string(p_queue)
                || ',' || coalesce(p_item::text, 'null') || ',' || docket_json_string(p_detail) || ']', false);
        END $$;

        -- An item's label count and state from its decisions in force (the SQLite store's rule).
        CREATE FUNCTION docket_refresh_state(p_item bigint, p_overlap integer) RETURNS void LANGUAGE sql SET search_path FROM CURRENT AS $$
            UPDATE items SET
                label_count = (SELECT count(*) FROM decision_heads WHERE item_id = p_item AND kind = 'label'),
                state = CASE
                    WHEN adjudication_id IS NOT NULL THEN 1
                    WHEN EXISTS (SELECT 1 FROM decision_heads WHERE item_id = p_item AND kind = 'escalate') THEN 2
                    WHEN is_gold = 0 AND (SELECT count(*) FROM decision_heads WHERE item_id = p_item AND kind = 'label') >= p_overlap THEN 1
                    ELSE 0 END
            WHERE id = p_item
        $$;

        -- A JSON string literal the client wrote must say exactly p_value (it goes into an audit line as it is).
        CREATE FUNCTION docket_check_json(p_json text, p_value text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
            IF jsonb_typeof(p_json::jsonb) <> 'string' OR (p_json::jsonb #>> '{}') IS DISTINCT FROM p_value THEN
                RAISE EXCEPTION 'a JSON text given for the audit log does not match its value' USING ERRCODE = '22023';
            END IF;
            RETURN p_json;
        END $$;

        """ + versionThreeChanges + versionThreeAccounts
}

extension PostgresSchema {
    /// Version 3's account functions: `docket reviewers add` creates a login role and `reviewers add/role`
    /// keep its group in step with its Docket role. They run as the owner (who needs CREATEROLE), for admins.
    static let versionThreeAccounts = """
        -- Refuses unless the connected login is the owner or a registered admin.
        CREATE FUNCTION docket_require_admin() RETURNS void LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
        BEGIN
            IF NOT (docket_is_owner() OR docket_session_role() IS NOT DISTINCT FROM 'admin') THEN
                RAISE EXCEPTION 'only an admin of this database may manage reviewers and their database roles (you are ''%'')', session_user
                    USING ERRCODE = '42501';
            END IF;
        END $$;

        -- Creates the login role p_name. p_verifier is a SCRAM verifier the client computed from the password
        -- (libpq's PQencryptPasswordConn), so the password itself never reaches the server, its logs or catalogs.
        CREATE FUNCTION docket_create_login(p_name text, p_verifier text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
            PERFORM docket_require_admin();
            IF p_name !~ '^[A-Za-z0-9_][A-Za-z0-9_.-]*$' OR p_name LIKE 'pg\\_%' OR p_name IN ('docket_reviewer', 'docket_lead', 'docket_admin') THEN
                RAISE EXCEPTION '''%'' cannot be a reviewer''s database role', p_name USING ERRCODE = '22023';
            END IF;
            IF p_verifier IS NOT NULL AND p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
                RAISE EXCEPTION 'a password must reach the server as a SCRAM verifier, never as itself' USING ERRCODE = '22023';
            END IF;
            EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', p_name)
                || CASE WHEN p_verifier IS NULL THEN '' ELSE format(' PASSWORD %L', p_verifier) END;
        END $$;

        -- Makes the login role p_name (when it exists, and is not a superuser) a member of exactly the group of
        -- its Docket role here (none when unregistered). False when there is no such role.
        CREATE FUNCTION docket_sync_login(p_name text) RETURNS boolean
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
            v_role text;
            g text;
        BEGIN
            PERFORM docket_require_admin();
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN RETURN false; END IF;
            IF (SELECT rolsuper FROM pg_roles WHERE rolname = p_name) THEN RETURN true; END IF;
            SELECT role INTO v_role FROM reviewers WHERE name = p_name;
            FOREACH g IN ARRAY ARRAY['reviewer', 'lead', 'admin'] LOOP
                IF g = v_role THEN
                    EXECUTE format('GRANT %I TO %I', 'docket_' || g, p_name);
                ELSIF pg_has_role(p_name, 'docket_' || g, 'MEMBER') THEN
                    EXECUTE format('REVOKE %I FROM %I', 'docket_' || g, p_name);
                END IF;
            END LOOP;
            RETURN true;
        END $$;

        """

    /// Version 3's privileges: what each group may read and write, and the rows it sees.
    static let versionThreePrivileges = """
        -- Functions are callable by everyone unless revoked; of Docket's, only the entry points below stay callable.
        DO $$
        DECLARE f regprocedure;
        BEGIN
            FOR f IN SELECT p.oid FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'docket\\_%' LOOP
                EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
            END LOOP;
        END $$;
        GRANT EXECUTE ON FUNCTION docket_claim_as(text, text, double precision, boolean), docket_release(text, text),
            docket_claim_item(text, text, text, double precision),
            docket_renew(text, text, text, double precision),
            docket_decide(text, text, text, text, text, text, text, text, text, double precision, text, boolean, boolean, double precision, text, text),
            docket_undo(text, text, text, double precision), docket_session_role(), docket_visible_queues(), docket_is_owner()
            TO docket_reviewer, docket_lead, docket_admin;
        GRANT EXECUTE ON FUNCTION docket_adjudicate(text, text, text, text, text, text, text, double precision, text, text)
            TO docket_lead, docket_admin;
        GRANT EXECUTE ON FUNCTION docket_create_login(text, text), docket_sync_login(text) TO docket_admin;
        -- Leads and admins append audit lines themselves (exports, queue and reviewer changes: appendAudit), in
        -- their own name only: versionAuditChain's docket_audit_append, with that check first.
        CREATE OR REPLACE FUNCTION docket_audit_append(p_at double precision, p_actor text, p_action text, p_queue text, p_item bigint,
                                                       p_detail text, p_chain_tail text, p_async boolean) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
            IF p_actor IS DISTINCT FROM session_user::text AND NOT docket_is_owner() THEN
                RAISE EXCEPTION 'you are connected as ''%'' and may not write the audit log as ''%''', session_user, p_actor USING ERRCODE = '42501';
            END IF;
            IF p_async THEN PERFORM set_config('synchronous_commit', 'off', true); END IF;
            INSERT INTO docket_audit_outbox (at, actor, action, queue_id, item_id, detail, chain_tail)
            VALUES (p_at, p_actor, p_action, p_queue, p_item, p_detail, p_chain_tail);
        END $$;
        GRANT EXECUTE ON FUNCTION docket_audit_append(double precision, text, text, text, bigint, text, text, boolean) TO docket_lead, docket_admin;
        GRANT EXECUTE ON FUNCTION docket_wait_durable() TO docket_reviewer, docket_lead, docket_admin;

        -- Reads: row-level security below narrows them. Writes: admins manage queues, items and people; the
        -- history (decisions, heads, leases) changes only through the functions; nobody updates or deletes it.
        GRANT SELECT ON docket_schema, docket_info, queues, items, decisions, decision_heads, leases, reviewers, queue_reviewers,
            scores, explanations TO docket_reviewer, docket_lead, docket_admin;
        GRANT SELECT ON audit TO docket_lead, docket_admin;
        GRANT INSERT, UPDATE ON queues, items TO docket_admin;
        GRANT INSERT, UPDATE, DELETE ON reviewers, queue_reviewers TO docket_admin;
        -- The views read items with the reader's rights, so row-level security holds through them too.
        ALTER VIEW scores SET (security_invoker = true);
        ALTER VIEW explanations SET (security_invoker = true);

        -- Row-level security binds every role but the tables' owner (the functions above run as the owner).
        ALTER TABLE items ENABLE ROW LEVEL SECURITY;
        CREATE POLICY items_read ON items FOR SELECT USING (queue_id IN (SELECT docket_visible_queues()));
        CREATE POLICY items_add ON items FOR INSERT TO docket_admin WITH CHECK ((SELECT docket_session_role()) = 'admin');
        CREATE POLICY items_change ON items FOR UPDATE TO docket_admin USING ((SELECT docket_session_role()) = 'admin');

        ALTER TABLE decisions ENABLE ROW LEVEL SECURITY;
        CREATE POLICY decisions_read ON decisions FOR SELECT
            USING (reviewer = session_user::text OR (SELECT docket_session_role()) IN ('lead', 'admin'));
        ALTER TABLE decision_heads ENABLE ROW LEVEL SECURITY;
        CREATE POLICY decision_heads_read ON decision_heads FOR SELECT
            USING (reviewer = session_user::text OR (SELECT docket_session_role()) IN ('lead', 'admin'));
        ALTER TABLE leases ENABLE ROW LEVEL SECURITY;
        CREATE POLICY leases_read ON leases FOR SELECT
            USING (reviewer = session_user::text OR (SELECT docket_session_role()) IN ('lead', 'admin'));

        -- Leads and admins read the whole log; lines are added only through docket_audit_append (above).
        ALTER TABLE audit ENABLE ROW LEVEL SECURITY;
        CREATE POLICY audit_read ON audit FOR SELECT USING ((SELECT docket_session_role()) IN ('lead', 'admin'));

        -- Queues and people: readable by everyone registered here (the permission checks read them).
        ALTER TABLE queues ENABLE ROW LEVEL SECURITY;
        CREATE POLICY queues_read ON queues FOR SELECT USING ((SELECT docket_session_role()) IS NOT NULL);
        CREATE POLICY queues_add ON queues FOR INSERT TO docket_admin WITH CHECK ((SELECT docket_session_role()) = 'admin');
        CREATE POLICY queues_change ON queues FOR UPDATE TO docket_admin USING ((SELECT docket_session_role()) = 'admin');
        ALTER TABLE reviewers ENABLE ROW LEVEL SECURITY;
        CREATE POLICY reviewers_read ON reviewers FOR SELECT USING ((SELECT docket_session_role()) IS NOT NULL);
        CREATE POLICY reviewers_manage ON reviewers FOR ALL TO docket_admin
            USING ((SELECT docket_session_role()) = 'admin') WITH CHECK ((SELECT docket_session_role()) = 'admin');
        ALTER TABLE queue_reviewers ENABLE ROW LEVEL SECURITY;
        CREATE POLICY queue_reviewers_read ON queue_reviewers FOR SELECT USING ((SELECT docket_session_role()) IS NOT NULL);
        CREATE POLICY queue_reviewers_manage ON queue_reviewers FOR ALL TO docket_admin
            USING ((SELECT docket_session_role()) = 'admin') WITH CHECK ((SELECT docket_session_role()) = 'admin');
        """
}
