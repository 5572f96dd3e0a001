-- Audit hash chain and sign-in hardening (issue 9).

-- Each audit entry carries the hash of the entry before it and its own hash over a canonical serialization of who,
-- what, when, from where and the details (computed by the application: src/core/audit/hash-chain.ts). Entries
-- written before this migration have no hashes yet: the audit service chains them, in id order, the first time it
-- writes an entry or verifies the log (the chain head's `backfilled` flag records that it has).
ALTER TABLE audit_log ADD COLUMN prev_hash text;
ALTER TABLE audit_log ADD COLUMN hash text;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_hash_format CHECK (hash IS NULL OR hash ~ '^[0-9a-f]{64}$');
ALTER TABLE audit_log ADD CONSTRAINT audit_log_prev_hash_format CHECK (prev_hash IS NULL OR prev_hash ~ '^[0-9a-f]{64}$');
CREATE INDEX audit_log_action_idx ON audit_log (action, id);
CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, id);
CREATE INDEX audit_log_org_idx ON audit_log (org_id, id);

-- The one row writers lock (SELECT ... FOR UPDATE) to append: two writers cannot both extend the same entry, so the
-- chain never forks. It also remembers the newest entry, so deleting the newest entries is detectable.
CREATE TABLE audit_chain_head (
  id          integer PRIMARY KEY CHECK (id = 1),
  last_id     bigint,
  last_hash   text CHECK (last_hash IS NULL OR last_hash ~ '^[0-9a-f]{64}$'),
  entries     bigint NOT NULL DEFAULT 0 CHECK (entries >= 0),
  backfilled  boolean NOT NULL DEFAULT false,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO audit_chain_head (id) VALUES (1);

-- Failed sign-ins, kept to rate-limit by client address and account and to lock accounts out. The account is the
-- normalized email typed (whether or not an account has it), so the answer never tells which emails exist.
CREATE TABLE sign_in_failures (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email       text NOT NULL,
  ip          text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_email_idx ON sign_in_failures (email, at);
CREATE INDEX sign_in_failures_ip_idx ON sign_in_failures (ip, at);

-- An account locked after too many failures, until `locked_until`.
CREATE TABLE account_lockouts (
  email         text PRIMARY KEY,
  locked_until  timestamptz NOT NULL,
  failures      integer NOT NULL CHECK (failures > 0),
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- A change of role, scope, password or active flag ends every open session of the user (session rotation on privilege
-- change), whichever code path makes the change.
CREATE FUNCTION end_sessions_on_privilege_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM sessions WHERE user_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER users_privilege_change_ends_sessions
  AFTER UPDATE OF role, scope_org_id, password_hash, active ON users
  FOR EACH ROW
  WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.scope_org_id IS DISTINCT FROM NEW.scope_org_id
        OR OLD.password_hash IS DISTINCT FROM NEW.password_hash OR OLD.active IS DISTINCT FROM NEW.active)
  EXECUTE FUNCTION end_sessions_on_privilege_change();
