-- Improvement and turnaround plans, goals and progress (issue 7, docs/plans.md). A plan belongs to a school or a
-- district and a period of school years (named by their ending year); its sections follow the state template:
-- a cover (signature, dates submitted, designation and exit years), executive summary, one block per Turnaround Practice (JSON keyed by practice), financial plan, stakeholder group.
-- Goal progress is not stored: it is computed on read from indicator_values, so every import shows at once.

CREATE TABLE plans (
  id                 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id             integer NOT NULL REFERENCES organizations (id),
  kind               text NOT NULL CHECK (kind IN ('turnaround', 'improvement')),
  title              text NOT NULL,
  start_year         integer NOT NULL CHECK (start_year BETWEEN 1990 AND 2200),
  end_year           integer NOT NULL CHECK (end_year BETWEEN 1990 AND 2200),
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
  cover              jsonb NOT NULL DEFAULT '{}',
  executive_summary  text NOT NULL DEFAULT '',
  financial_plan     text NOT NULL DEFAULT '',
  blocks             jsonb NOT NULL,
  stakeholders       jsonb NOT NULL DEFAULT '[]',
  created_by         integer REFERENCES users (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  submitted_at       timestamptz,
  approved_at        timestamptz,
  approved_by        integer REFERENCES users (id),
  CONSTRAINT plans_period_ordered CHECK (end_year >= start_year),
  CONSTRAINT plans_one_per_period UNIQUE (org_id, kind, start_year, end_year)
);
CREATE INDEX plans_org_idx ON plans (org_id);

-- SMART goals: a catalog indicator for a student group, or a local measure with its own unit and direction.
CREATE TABLE plan_goals (
  id                      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id                 integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  practice                text,
  statement               text NOT NULL,
  indicator_code          text REFERENCES indicators (code),
  student_group           text REFERENCES student_groups (code),
  local_measure_name      text,
  local_measure_unit      text,
  local_measure_direction text CHECK (local_measure_direction IN ('higher_is_better', 'lower_is_better')),
  baseline_value          double precision NOT NULL,
  baseline_year           integer NOT NULL CHECK (baseline_year BETWEEN 1990 AND 2200),
  target_value            double precision NOT NULL,
  target_year             integer NOT NULL CHECK (target_year BETWEEN 1990 AND 2200),
  target_date             date,
  owner                   text NOT NULL,
  created_at              timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plan_goals_one_measure CHECK (
    (indicator_code IS NOT NULL AND student_group IS NOT NULL AND local_measure_name IS NULL) OR
    (indicator_code IS NULL AND student_group IS NULL AND local_measure_name IS NOT NULL
      AND local_measure_unit IS NOT NULL AND local_measure_direction IS NOT NULL)
  ),
  CONSTRAINT plan_goals_years_ordered CHECK (target_year > baseline_year)
);
CREATE INDEX plan_goals_plan_idx ON plan_goals (plan_id);

-- Interim benchmarks for adults (practice) and students (outcomes).
CREATE TABLE plan_benchmarks (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id      integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  goal_id      integer REFERENCES plan_goals (id) ON DELETE SET NULL,
  kind         text NOT NULL CHECK (kind IN ('adult', 'student')),
  description  text NOT NULL,
  measure      text NOT NULL,
  due_date     date NOT NULL,
  status       text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'met', 'not_met')),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_benchmarks_plan_idx ON plan_benchmarks (plan_id);

CREATE TABLE plan_action_steps (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id      integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  goal_id      integer REFERENCES plan_goals (id) ON DELETE SET NULL,
  practice     text,
  description  text NOT NULL,
  owner        text NOT NULL,
  due_date     date NOT NULL,
  status       text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'done', 'blocked')),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_action_steps_plan_idx ON plan_action_steps (plan_id);

-- Coaching comments by regional or state staff, on the whole plan (practice null) or one practice block.
CREATE TABLE plan_comments (
  id                 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id            integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  practice           text,
  author_id          integer REFERENCES users (id),
  strength           text NOT NULL DEFAULT '',
  improvement        text NOT NULL DEFAULT '',
  guiding_questions  text NOT NULL DEFAULT '',
  expected_outcomes  text NOT NULL DEFAULT '',
  next_steps         text NOT NULL DEFAULT '',
  plan_status        text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_comments_plan_idx ON plan_comments (plan_id);

-- Every change to a plan or its parts: who, when, what (field-level before/after as JSON). Never updated.
CREATE TABLE plan_history (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id      integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  at           timestamptz NOT NULL DEFAULT now(),
  user_id      integer REFERENCES users (id),
  user_email   text,
  event        text NOT NULL,
  entity       text NOT NULL CHECK (entity IN ('plan', 'goal', 'benchmark', 'action_step', 'comment')),
  entity_id    integer,
  changes      jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX plan_history_plan_idx ON plan_history (plan_id, id);
