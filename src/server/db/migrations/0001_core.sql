-- ssos core schema: organizations, indicator catalog and values, student groups, roles, users, sessions, audit log.
-- Plain PostgreSQL 15 SQL (also valid on PGlite / PostgreSQL 18). Never edit a migration after it has landed:
-- add a new numbered file instead.

CREATE TABLE organizations (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code         text NOT NULL UNIQUE,
  name         text NOT NULL,
  level        text NOT NULL CHECK (level IN ('state', 'region', 'district', 'school')),
  type         text NOT NULL,
  grades       text[] NOT NULL DEFAULT '{}',
  town         text,
  parent_id    integer REFERENCES organizations (id),
  region_id    integer REFERENCES organizations (id),
  opened_year  integer CHECK (opened_year BETWEEN 1600 AND 2200),
  closed_year  integer CHECK (closed_year BETWEEN 1600 AND 2200),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organizations_code_format CHECK (
    (level = 'region' AND code ~ '^[a-z][a-z-]{1,39}$') OR (level <> 'region' AND code ~ '^[0-9]{8}$')
  ),
  CONSTRAINT organizations_type_by_level CHECK (
    (level = 'state' AND type = 'state') OR
    (level = 'region' AND type = 'region') OR
    (level = 'district' AND type IN ('local', 'regional', 'vocational', 'charter', 'virtual', 'collaborative', 'other')) OR
    (level = 'school' AND type IN ('public', 'charter', 'vocational', 'virtual', 'other'))
  ),
  CONSTRAINT organizations_years_ordered CHECK (closed_year IS NULL OR opened_year IS NULL OR closed_year >= opened_year),
  CONSTRAINT organizations_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX organizations_parent_idx ON organizations (parent_id);
CREATE INDEX organizations_region_idx ON organizations (region_id);
CREATE INDEX organizations_level_idx ON organizations (level, lower(name));

-- Student groups indicator values are reported for (all students, low income, English learners, ...).
CREATE TABLE student_groups (
  code         text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
  label        text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('all', 'program', 'race', 'gender', 'accountability')),
  description  text NOT NULL,
  sort_order   integer NOT NULL DEFAULT 0
);

-- The indicator catalog: what each number means, in plain language.
CREATE TABLE indicators (
  code             text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,79}$'),
  label            text NOT NULL,
  definition       text NOT NULL,
  unit             text NOT NULL,
  direction        text NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better', 'context')),
  area             text NOT NULL,
  source           text NOT NULL,
  year_convention  text NOT NULL,
  decimals         integer NOT NULL DEFAULT 1 CHECK (decimals BETWEEN 0 AND 6),
  sort_order       integer NOT NULL DEFAULT 0
);

-- Where a set of values came from: an import of a file, a generator run, a computation.
CREATE TABLE data_sources (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL,
  description  text NOT NULL,
  checksum     text,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- One value per organization x school year x student group x indicator, with the n behind it. A suppressed value
-- was withheld at the source (a small group): it has no value, and is never shown as zero.
CREATE TABLE indicator_values (
  indicator_code  text NOT NULL REFERENCES indicators (code),
  org_id          integer NOT NULL REFERENCES organizations (id),
  school_year     integer NOT NULL CHECK (school_year BETWEEN 1990 AND 2200),
  student_group   text NOT NULL REFERENCES student_groups (code),
  value           double precision,
  n               integer CHECK (n >= 0),
  suppressed      boolean NOT NULL DEFAULT false,
  source_id       integer REFERENCES data_sources (id),
  PRIMARY KEY (indicator_code, org_id, school_year, student_group),
  CONSTRAINT indicator_values_suppressed_has_no_value CHECK (NOT suppressed OR value IS NULL)
);
CREATE INDEX indicator_values_org_idx ON indicator_values (org_id, school_year);

CREATE TABLE roles (
  code         text PRIMARY KEY,
  label        text NOT NULL,
  description  text NOT NULL,
  scope_level  text NOT NULL CHECK (scope_level IN ('state', 'region', 'district', 'school', 'assigned'))
);

INSERT INTO roles (code, label, description, scope_level) VALUES
  ('state_admin', 'State administrator', 'Runs the platform for the agency.', 'state'),
  ('state_staff', 'State staff', 'Central-office staff who see the whole state.', 'state'),
  ('regional_staff', 'Regional assistance staff', 'A member of a regional assistance team.', 'region'),
  ('district_leader', 'District leader', 'A superintendent or district data lead.', 'district'),
  ('school_leader', 'School leader', 'A principal or school team member.', 'school'),
  ('vendor', 'Site-visit vendor', 'An external site visitor who sees only assigned visits.', 'assigned');

CREATE TABLE users (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email           text NOT NULL,
  display_name    text NOT NULL,
  password_hash   text,
  role            text NOT NULL REFERENCES roles (code),
  scope_org_id    integer REFERENCES organizations (id),
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz,
  CONSTRAINT users_email_format CHECK (email = lower(email) AND position('@' IN email) > 1)
);
CREATE UNIQUE INDEX users_email_idx ON users (email);
CREATE INDEX users_scope_idx ON users (scope_org_id);

-- Sessions hold the SHA-256 of the opaque token in the cookie, never the token itself.
CREATE TABLE sessions (
  token_hash    text PRIMARY KEY,
  user_id       integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  ip            text,
  user_agent    text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Who did what, when and from where. Written for every read of person-level data and every change that matters.
CREATE TABLE audit_log (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  user_id        integer REFERENCES users (id),
  user_email     text,
  action         text NOT NULL,
  resource_type  text NOT NULL,
  resource_id    text,
  org_id         integer REFERENCES organizations (id),
  detail         jsonb NOT NULL DEFAULT '{}',
  ip             text,
  user_agent     text,
  request_id     text
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, at);

-- Key/value settings of the installation (e.g. whether it holds demo data).
CREATE TABLE settings (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
