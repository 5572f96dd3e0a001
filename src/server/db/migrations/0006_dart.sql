-- DART: comparison sets users build and save (up to 10 organizations compared with one organization). The DART
-- reads need no new index: indicator_values' primary key starts with the indicator code.
CREATE TABLE comparison_sets (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  org_id      integer NOT NULL REFERENCES organizations (id),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  member_ids  integer[] NOT NULL CHECK (cardinality(member_ids) BETWEEN 1 AND 10),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT comparison_sets_name_unique UNIQUE (user_id, org_id, name)
);
CREATE INDEX comparison_sets_user_idx ON comparison_sets (user_id, org_id);
