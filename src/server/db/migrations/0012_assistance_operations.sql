-- Assistance operations, continued (issue 8, docs/assistance.md): grant applications, awards, budget lines tied to
-- plan strategies and expenditure reports; attendance and evaluations of professional development sessions;
-- networks with members and meetings; pairings of demonstration sites (schools of recognition) with comparable
-- schools requiring assistance. Money is in whole cents.

-- An application of a school or district to a grant program for a fiscal year: draft -> submitted -> awarded or
-- declined (core/assistance/grants.ts decides the transitions).
CREATE TABLE grant_applications (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  program_id       integer NOT NULL REFERENCES grant_programs (id),
  fiscal_year      integer NOT NULL CHECK (fiscal_year BETWEEN 1990 AND 2200),
  org_id           integer NOT NULL REFERENCES organizations (id),
  requested_cents  bigint NOT NULL CHECK (requested_cents >= 0),
  narrative        text NOT NULL DEFAULT '' CHECK (length(narrative) <= 20000),
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'awarded', 'declined')),
  decision_note    text NOT NULL DEFAULT '' CHECK (length(decision_note) <= 4000),
  submitted_at     timestamptz,
  decided_at       timestamptz,
  decided_by       integer REFERENCES users (id),
  created_by       integer REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT grant_applications_one_per_year UNIQUE (program_id, fiscal_year, org_id)
);
CREATE INDEX grant_applications_org_idx ON grant_applications (org_id);

-- The award of an application: the amount (never above the recipient's final allocation line, when the program has
-- an allocation that year) and the date.
CREATE TABLE grant_awards (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id  integer NOT NULL UNIQUE REFERENCES grant_applications (id),
  amount_cents    bigint NOT NULL CHECK (amount_cents > 0),
  awarded_on      date NOT NULL,
  created_by      integer REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- How an award is budgeted: object code, description, amount; optionally tied to a strategy of the recipient's plan
-- (a Turnaround Practice block of the plan, or one of its action steps). The lines never sum above the award.
CREATE TABLE grant_budget_lines (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  award_id        integer NOT NULL REFERENCES grant_awards (id),
  object_code     text NOT NULL CHECK (object_code ~ '^[A-Za-z0-9.-]{1,20}$'),
  description     text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  amount_cents    bigint NOT NULL CHECK (amount_cents >= 0),
  plan_id         integer REFERENCES plans (id),
  practice        text CHECK (practice IN ('leadership', 'instruction', 'student_supports', 'climate_culture')),
  -- A plan's action steps can be deleted: the line then stays tied to the plan alone.
  action_step_id  integer REFERENCES plan_action_steps (id) ON DELETE SET NULL,
  created_by      integer REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT grant_budget_lines_strategy_in_plan CHECK (plan_id IS NOT NULL OR (practice IS NULL AND action_step_id IS NULL)),
  CONSTRAINT grant_budget_lines_one_strategy CHECK (practice IS NULL OR action_step_id IS NULL)
);
CREATE INDEX grant_budget_lines_award_idx ON grant_budget_lines (award_id);

-- What a recipient reports it spent in a period, per budget line; cumulative spending never exceeds a line.
CREATE TABLE grant_expenditure_reports (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  award_id      integer NOT NULL REFERENCES grant_awards (id),
  period_start  date NOT NULL,
  period_end    date NOT NULL,
  notes         text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  created_by    integer REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT grant_expenditure_reports_period CHECK (period_end >= period_start)
);
CREATE INDEX grant_expenditure_reports_award_idx ON grant_expenditure_reports (award_id, period_start);

CREATE TABLE grant_expenditures (
  report_id       integer NOT NULL REFERENCES grant_expenditure_reports (id) ON DELETE CASCADE,
  budget_line_id  integer NOT NULL REFERENCES grant_budget_lines (id),
  amount_cents    bigint NOT NULL CHECK (amount_cents >= 0),
  PRIMARY KEY (report_id, budget_line_id)
);
CREATE INDEX grant_expenditures_line_idx ON grant_expenditures (budget_line_id);

-- Attendance of a confirmed registration at its session, recorded by the agency.
CREATE TABLE pd_attendance (
  registration_id  integer PRIMARY KEY REFERENCES pd_registrations (id) ON DELETE CASCADE,
  status           text NOT NULL CHECK (status IN ('attended', 'absent')),
  recorded_by      integer REFERENCES users (id),
  recorded_at      timestamptz NOT NULL DEFAULT now()
);

-- The questions of the post-session evaluation, kept as data: each rated 1 (strongly disagree) to 5 (strongly
-- agree). The wording is an ssos choice [unconfirmed: the state publishes no evaluation form].
CREATE TABLE pd_evaluation_questions (
  code      text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
  position  integer NOT NULL UNIQUE CHECK (position >= 1),
  prompt    text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 500),
  active    boolean NOT NULL DEFAULT true
);
INSERT INTO pd_evaluation_questions (code, position, prompt) VALUES
  ('relevance', 1, 'The content was relevant to my work.'),
  ('facilitation', 2, 'The facilitators were knowledgeable and well prepared.'),
  ('application', 3, 'I will apply what I learned in my school or district.'),
  ('materials', 4, 'The materials and resources were useful.'),
  ('overall', 5, 'Overall, the session was a good use of my time.');

-- One evaluation per attended registration: ratings and comments. Summaries show only aggregates.
CREATE TABLE pd_evaluations (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  registration_id  integer NOT NULL UNIQUE REFERENCES pd_registrations (id) ON DELETE CASCADE,
  comments         text NOT NULL DEFAULT '' CHECK (length(comments) <= 4000),
  submitted_by     integer REFERENCES users (id),
  submitted_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pd_evaluation_ratings (
  evaluation_id  integer NOT NULL REFERENCES pd_evaluations (id) ON DELETE CASCADE,
  question_code  text NOT NULL REFERENCES pd_evaluation_questions (code),
  rating         integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
  PRIMARY KEY (evaluation_id, question_code)
);

-- Networks (the Urban Superintendents Network, job-alike groups, ...): statewide (no region) or of one region.
CREATE TABLE assistance_networks (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind         text NOT NULL CHECK (kind IN ('superintendents', 'principals', 'job_alike', 'content_area', 'other')),
  description  text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  region_id    integer REFERENCES organizations (id),
  active       boolean NOT NULL DEFAULT true,
  created_by   integer REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX assistance_networks_name_idx ON assistance_networks (lower(name));

-- A member of a network: a user of ssos, or a named person; always with an organization and a role (named
-- people: person-level, every read audited).
CREATE TABLE network_members (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  network_id  integer NOT NULL REFERENCES assistance_networks (id) ON DELETE CASCADE,
  user_id     integer REFERENCES users (id),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email       text CHECK (email IS NULL OR (email = lower(email) AND position('@' IN email) > 1)),
  org_id      integer NOT NULL REFERENCES organizations (id),
  role        text NOT NULL CHECK (length(role) BETWEEN 1 AND 200),
  active      boolean NOT NULL DEFAULT true,
  created_by  integer REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX network_members_user_idx ON network_members (network_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX network_members_person_idx ON network_members (network_id, lower(name), org_id);
CREATE INDEX network_members_org_idx ON network_members (org_id);

CREATE TABLE network_meetings (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  network_id  integer NOT NULL REFERENCES assistance_networks (id) ON DELETE CASCADE,
  held_on     date NOT NULL,
  topic       text NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
  agenda      text NOT NULL DEFAULT '' CHECK (length(agenda) <= 8000),
  notes       text NOT NULL DEFAULT '' CHECK (length(notes) <= 8000),
  created_by  integer REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX network_meetings_network_idx ON network_meetings (network_id, held_on DESC);

-- The members who attended a meeting (the others were absent).
CREATE TABLE network_meeting_attendance (
  meeting_id  integer NOT NULL REFERENCES network_meetings (id) ON DELETE CASCADE,
  member_id   integer NOT NULL REFERENCES network_members (id),
  PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX network_meeting_attendance_member_idx ON network_meeting_attendance (member_id);

-- A demonstration site (a school of recognition) paired with a school requiring assistance.
CREATE TABLE recognition_pairings (
  id                     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  demonstration_org_id   integer NOT NULL REFERENCES organizations (id),
  partner_org_id         integer NOT NULL REFERENCES organizations (id),
  paired_on              date NOT NULL,
  focus                  text NOT NULL CHECK (length(focus) BETWEEN 1 AND 500),
  status                 text NOT NULL CHECK (status IN ('proposed', 'active', 'completed', 'ended')),
  notes                  text NOT NULL DEFAULT '' CHECK (length(notes) <= 8000),
  accountability_run_id  integer REFERENCES accountability_runs (id),
  created_by             integer REFERENCES users (id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT recognition_pairings_two_schools CHECK (demonstration_org_id <> partner_org_id)
);
-- The same two schools are paired once at a time.
CREATE UNIQUE INDEX recognition_pairings_open_idx ON recognition_pairings (demonstration_org_id, partner_org_id)
  WHERE status IN ('proposed', 'active');
CREATE INDEX recognition_pairings_partner_idx ON recognition_pairings (partner_org_id);
