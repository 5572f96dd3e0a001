-- Early warning (EWIS): a run trains one model per grade on the students whose milestones are known and scores the
-- students of a school year; every model keeps its coefficients, scales, cut points and validation, so a score can
-- be reproduced and explained. Interventions are recorded per student. See docs/ewis.md.
CREATE TABLE ewis_runs (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_year     integer NOT NULL CHECK (school_year BETWEEN 1990 AND 2200),
  training_years  integer[] NOT NULL,
  options         jsonb NOT NULL,
  data_version    text NOT NULL,
  summary         jsonb NOT NULL DEFAULT '{}',
  created_by      integer REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  compute_ms      integer
);
CREATE INDEX ewis_runs_year_idx ON ewis_runs (school_year, id);

CREATE TABLE ewis_models (
  run_id      integer NOT NULL REFERENCES ewis_runs (id) ON DELETE CASCADE,
  grade       integer NOT NULL CHECK (grade BETWEEN 1 AND 12),
  milestone   text NOT NULL,
  model       jsonb NOT NULL,
  validation  jsonb NOT NULL,
  PRIMARY KEY (run_id, grade)
);

CREATE TABLE ewis_scores (
  run_id       integer NOT NULL REFERENCES ewis_runs (id) ON DELETE CASCADE,
  student_id   text NOT NULL REFERENCES students (student_id),
  school_id    integer NOT NULL REFERENCES organizations (id),
  grade        integer NOT NULL CHECK (grade BETWEEN 1 AND 12),
  milestone    text NOT NULL,
  probability  double precision CHECK (probability BETWEEN 0 AND 1),
  risk_level   text CHECK (risk_level IN ('high', 'moderate', 'low')),
  na_reason    text,
  reasons      jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (run_id, student_id),
  CONSTRAINT ewis_scores_level_or_reason CHECK ((risk_level IS NULL) = (na_reason IS NOT NULL))
);
CREATE INDEX ewis_scores_school_idx ON ewis_scores (run_id, school_id);

CREATE TABLE interventions (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  student_id  text NOT NULL REFERENCES students (student_id),
  school_id   integer NOT NULL REFERENCES organizations (id),
  kind        text NOT NULL CHECK (kind IN ('attendance', 'behavior', 'academic_ela', 'academic_math', 'course_recovery',
                'mentoring', 'family_engagement', 'counseling', 'other')),
  started_on  date NOT NULL,
  ended_on    date,
  owner       text NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
  notes       text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  status      text NOT NULL CHECK (status IN ('planned', 'active', 'completed', 'discontinued')),
  created_by  integer REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT interventions_dates CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX interventions_student_idx ON interventions (student_id, started_on);
