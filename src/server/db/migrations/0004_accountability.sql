-- Accountability (docs/accountability.md): runs of a framework over a year's indicator values, each organization's
-- result with the explanation behind it, the targets the 2018+ system measures against, and the state's
-- designations of underperforming and chronically underperforming schools and districts (603 CMR 2.05/2.06).

-- One computation of a framework version for a school year. An official run is what the state publishes; a what-if
-- run changes framework values without touching it. `data_version` is a digest of every input value read, so two runs
-- on the same data can be told apart from runs on changed data.
CREATE TABLE accountability_runs (
  id                 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  framework          text NOT NULL CHECK (framework IN ('ma-2018', 'ma-2012')),
  framework_version  text NOT NULL,
  school_year        integer NOT NULL CHECK (school_year BETWEEN 1990 AND 2200),
  kind               text NOT NULL CHECK (kind IN ('official', 'what_if')),
  -- The framework values the run used that differ from the framework's own (what-if changes), as JSON.
  overrides          jsonb NOT NULL DEFAULT '{}',
  data_version       text NOT NULL,
  label              text,
  summary            jsonb NOT NULL DEFAULT '{}',
  created_by         integer REFERENCES users (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  compute_ms         integer CHECK (compute_ms >= 0)
);
CREATE INDEX accountability_runs_year_idx ON accountability_runs (framework, school_year, kind, id DESC);

-- One organization's result in a run: the headline figures as columns (for the statewide table's filters and
-- sorting) and the whole report (indicators, targets, points, weights, groups, explanation) as JSON.
CREATE TABLE accountability_results (
  run_id             integer NOT NULL REFERENCES accountability_runs (id) ON DELETE CASCADE,
  org_id             integer NOT NULL REFERENCES organizations (id),
  classification     text,
  category           text,
  reason             text,
  percentile         integer CHECK (percentile BETWEEN 1 AND 99),
  annual_pct         double precision,
  cumulative_pct     double precision,
  level              text,
  report             jsonb NOT NULL,
  PRIMARY KEY (run_id, org_id)
);
CREATE INDEX accountability_results_org_idx ON accountability_results (org_id, run_id);

-- Targets of the 2018+ system per organization, indicator and student group: a baseline and an annual increment
-- (from the state's targets file, or set by the documented default method when absent).
CREATE TABLE accountability_targets (
  org_id            integer NOT NULL REFERENCES organizations (id),
  indicator_code    text NOT NULL REFERENCES indicators (code),
  student_group     text NOT NULL REFERENCES student_groups (code),
  baseline_year     integer NOT NULL CHECK (baseline_year BETWEEN 1990 AND 2200),
  baseline_value    double precision NOT NULL,
  annual_increment  double precision NOT NULL,
  source_id         integer REFERENCES data_sources (id),
  PRIMARY KEY (org_id, indicator_code, student_group)
);

-- The state's designations (603 CMR 2.05 schools, 2.06 districts): when, why, and when it ended.
CREATE TABLE accountability_designations (
  id                integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id            integer NOT NULL REFERENCES organizations (id),
  designation       text NOT NULL CHECK (designation IN ('underperforming', 'chronically_underperforming')),
  designated_on     date NOT NULL,
  rationale         text NOT NULL CHECK (length(rationale) BETWEEN 1 AND 4000),
  exited_on         date,
  exit_rationale    text CHECK (exit_rationale IS NULL OR length(exit_rationale) BETWEEN 1 AND 4000),
  created_by        integer REFERENCES users (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT accountability_designations_exit_after CHECK (exited_on IS NULL OR exited_on >= designated_on),
  CONSTRAINT accountability_designations_exit_has_rationale CHECK ((exited_on IS NULL) = (exit_rationale IS NULL))
);
CREATE UNIQUE INDEX accountability_designations_open_idx ON accountability_designations (org_id) WHERE exited_on IS NULL;
