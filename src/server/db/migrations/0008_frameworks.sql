-- Framework library, self-assessments and site visits (issue 7). See docs/improvement-cycle.md.
-- The shipped frameworks are seeded at start-up from src/core/frameworks (insert when the code and version are not
-- stored yet, never overwrite): the typed data files stay the one source, and a state's edits are kept.
CREATE TABLE framework_versions (
  id                   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  framework_code       text NOT NULL CHECK (framework_code ~ '^[A-Z][A-Z0-9_]{0,19}$'),
  version              integer NOT NULL CHECK (version >= 1),
  title                text NOT NULL,
  description          text NOT NULL DEFAULT '',
  source               text NOT NULL DEFAULT '',
  uses                 text[] NOT NULL,
  org_levels           text[] NOT NULL,
  indicators_editable  boolean NOT NULL DEFAULT false,
  scale                jsonb NOT NULL,
  status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  copied_from_id       integer REFERENCES framework_versions (id),
  shipped              boolean NOT NULL DEFAULT false,
  created_by           integer REFERENCES users (id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  published_at         timestamptz,
  UNIQUE (framework_code, version)
);

CREATE TABLE framework_items (
  version_id   integer NOT NULL REFERENCES framework_versions (id) ON DELETE CASCADE,
  code         text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('area', 'indicator')),
  title        text NOT NULL,
  description  text NOT NULL DEFAULT '',
  parent_code  text,
  sort_order   integer NOT NULL,
  unconfirmed  boolean NOT NULL DEFAULT false,
  applies_to   text[] NOT NULL,
  PRIMARY KEY (version_id, code)
);

CREATE TABLE self_assessments (
  id                    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id                integer NOT NULL REFERENCES organizations (id),
  framework_version_id  integer NOT NULL REFERENCES framework_versions (id),
  framework_code        text NOT NULL,
  period                text NOT NULL,
  period_start          date,
  period_end            date,
  status                text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'completed')),
  created_by            integer REFERENCES users (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  completed_at          timestamptz,
  completed_by          integer REFERENCES users (id),
  UNIQUE (org_id, framework_code, period),
  CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start)
);

CREATE TABLE self_assessment_members (
  id                  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  self_assessment_id  integer NOT NULL REFERENCES self_assessments (id) ON DELETE CASCADE,
  user_id             integer REFERENCES users (id),
  name                text NOT NULL,
  role_text           text NOT NULL DEFAULT '',
  sort_order          integer NOT NULL
);
CREATE INDEX self_assessment_members_sa_idx ON self_assessment_members (self_assessment_id);

CREATE TABLE self_assessment_ratings (
  self_assessment_id  integer NOT NULL REFERENCES self_assessments (id) ON DELETE CASCADE,
  member_id           integer NOT NULL REFERENCES self_assessment_members (id) ON DELETE CASCADE,
  item_code           text NOT NULL,
  level_code          text NOT NULL,
  evidence            text NOT NULL DEFAULT '',
  updated_by          integer REFERENCES users (id),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (self_assessment_id, member_id, item_code)
);

CREATE TABLE self_assessment_consensus (
  self_assessment_id  integer NOT NULL REFERENCES self_assessments (id) ON DELETE CASCADE,
  item_code           text NOT NULL,
  level_code          text NOT NULL,
  notes               text NOT NULL DEFAULT '',
  updated_by          integer REFERENCES users (id),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (self_assessment_id, item_code)
);

CREATE TABLE self_assessment_attachments (
  id                  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  self_assessment_id  integer NOT NULL REFERENCES self_assessments (id) ON DELETE CASCADE,
  item_code           text,
  member_id           integer REFERENCES self_assessment_members (id) ON DELETE SET NULL,
  file_name           text NOT NULL,
  content_type        text NOT NULL,
  size_bytes          integer NOT NULL CHECK (size_bytes >= 0),
  content             bytea NOT NULL,
  uploaded_by         integer REFERENCES users (id),
  uploaded_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX self_assessment_attachments_sa_idx ON self_assessment_attachments (self_assessment_id);

CREATE TABLE site_visits (
  id                    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id                integer NOT NULL REFERENCES organizations (id),
  framework_version_id  integer NOT NULL REFERENCES framework_versions (id),
  visit_type            text NOT NULL CHECK (visit_type IN ('monitoring', 'targeted')),
  visit_on              date NOT NULL,
  status                text NOT NULL DEFAULT 'scheduled'
                          CHECK (status IN ('scheduled', 'in_progress', 'submitted', 'published')),
  created_by            integer REFERENCES users (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  published_at          timestamptz
);
CREATE INDEX site_visits_org_idx ON site_visits (org_id, visit_on);

CREATE TABLE site_visit_vendors (
  site_visit_id  integer NOT NULL REFERENCES site_visits (id) ON DELETE CASCADE,
  user_id        integer NOT NULL REFERENCES users (id),
  PRIMARY KEY (site_visit_id, user_id)
);
CREATE INDEX site_visit_vendors_user_idx ON site_visit_vendors (user_id);

CREATE TABLE site_visit_ratings (
  site_visit_id  integer NOT NULL REFERENCES site_visits (id) ON DELETE CASCADE,
  item_code      text NOT NULL,
  level_code     text NOT NULL,
  evidence       text NOT NULL DEFAULT '',
  rated_by       integer REFERENCES users (id),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (site_visit_id, item_code)
);

-- Every transition of a visit: who, when, from, to, comment.
CREATE TABLE site_visit_history (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_visit_id  integer NOT NULL REFERENCES site_visits (id) ON DELETE CASCADE,
  at             timestamptz NOT NULL DEFAULT now(),
  user_id        integer REFERENCES users (id),
  from_status    text,
  to_status      text NOT NULL,
  comment        text NOT NULL DEFAULT ''
);
CREATE INDEX site_visit_history_visit_idx ON site_visit_history (site_visit_id, id);
