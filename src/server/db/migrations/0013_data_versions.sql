-- Data versions: a number that grows with every committed change to the platform's data, so that reports computed
-- from the data can be kept and sent again until something changes (src/server/db/data-version.ts).
--
-- Every statement that inserts, updates, deletes or truncates rows of a versioned table adds one row to
-- data_changes (a statement-level trigger: a bulk COPY of a million rows adds one). The version is the sum of n over
-- data_changes: rows become visible only when their transaction commits, and every commit adds at least 1, so the
-- version read after a commit is always larger than any read before it, in whatever order concurrent transactions
-- commit, and writers never wait on each other for it (no shared counter row to lock). Old rows are folded into one
-- (delete them and insert their sum in one transaction) so the sum stays cheap to read.
--
-- The triggers fire ALWAYS: bulk loads switch ordinary triggers off (session_replication_role = replica, for the
-- reference checks), and a load must still move the version on.
--
-- Not versioned: the tables written on every request or sign-in (the audit log and its chain head, sessions,
-- sign-in failures and lockouts), the migration ledger and data_changes itself. Every other table is versioned;
-- test/db/data-version.test.ts fails when a table is neither.
CREATE TABLE data_changes (
  id bigserial PRIMARY KEY,
  n bigint NOT NULL DEFAULT 1 CHECK (n >= 0)
);
INSERT INTO data_changes (n) VALUES (1);

CREATE FUNCTION ssos_record_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_changes (n) VALUES (1);
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
    WHERE ns.nspname = current_schema() AND c.relkind IN ('r', 'p')
      AND c.relname NOT IN ('data_changes', 'schema_migrations', 'audit_log', 'audit_chain_head', 'sessions',
                            'sign_in_failures', 'account_lockouts')
      AND NOT c.relispartition
  LOOP
    EXECUTE format(
      'CREATE TRIGGER ssos_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION ssos_record_data_change()', t.relname);
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER ssos_data_change', t.relname);
  END LOOP;
END;
$$;
