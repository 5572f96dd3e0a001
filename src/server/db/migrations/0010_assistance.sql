-- Assistance operations (issue 8, docs/assistance.md): the staff of the regional assistance teams and the districts
-- assigned to them, the engagement log (with the named participants: person-level, every read audited),
-- observation instruments, classroom observations and calibration sessions. Priority weights and the alert days
-- are a setting (`settings` key `assistance.priority`), not a table.

-- A member of a regional assistance team: a user, the team's region, and their role on the team.
CREATE TABLE assistance_staff (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users (id),
  region_id   integer NOT NULL REFERENCES organizations (id),
  team_role   text NOT NULL CHECK (team_role IN ('regional_director', 'principal_specialist', 'data_specialist',
                'math_specialist', 'literacy_specialist', 'career_technical_specialist')),
  active      boolean NOT NULL DEFAULT true,
  created_by  integer REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX assistance_staff_user_idx ON assistance_staff (user_id);
CREATE INDEX assistance_staff_region_idx ON assistance_staff (region_id);

-- The districts a staff member works with (their caseload: these districts and their schools).
CREATE TABLE assistance_staff_districts (
  staff_id     integer NOT NULL REFERENCES assistance_staff (id) ON DELETE CASCADE,
  district_id  integer NOT NULL REFERENCES organizations (id),
  PRIMARY KEY (staff_id, district_id)
);
CREATE INDEX assistance_staff_districts_district_idx ON assistance_staff_districts (district_id);

-- One engagement of direct assistance with a school or district.
CREATE TABLE assistance_engagements (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id           integer NOT NULL REFERENCES organizations (id),
  engagement_type  text NOT NULL CHECK (engagement_type IN ('coaching', 'learning_walkthrough', 'focus_group',
                     'plc_facilitation', 'data_session', 'document_review', 'training')),
  occurred_on      date NOT NULL,
  -- Named people who took part: [{ "name": ..., "role": ... }].
  participants     jsonb NOT NULL DEFAULT '[]',
  framework_codes  text[] NOT NULL DEFAULT '{}',
  notes            text NOT NULL DEFAULT '' CHECK (length(notes) <= 8000),
  next_steps       text NOT NULL DEFAULT '' CHECK (length(next_steps) <= 4000),
  created_by       integer REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assistance_engagements_org_idx ON assistance_engagements (org_id, occurred_on DESC);

-- The team members who led an engagement.
CREATE TABLE assistance_engagement_staff (
  engagement_id  integer NOT NULL REFERENCES assistance_engagements (id) ON DELETE CASCADE,
  staff_id       integer NOT NULL REFERENCES assistance_staff (id),
  PRIMARY KEY (engagement_id, staff_id)
);
CREATE INDEX assistance_engagement_staff_staff_idx ON assistance_engagement_staff (staff_id);

-- An observation instrument for classroom visits and learning walkthroughs.
CREATE TABLE observation_instruments (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description  text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  created_by   integer REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX observation_instruments_name_idx ON observation_instruments (lower(name));

-- An item of an instrument, with its rating scale: [{ "value": 1, "label": "Not observed" }, ...].
CREATE TABLE observation_items (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  instrument_id    integer NOT NULL REFERENCES observation_instruments (id) ON DELETE CASCADE,
  position         integer NOT NULL CHECK (position >= 1),
  prompt           text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 1000),
  framework_codes  text[] NOT NULL DEFAULT '{}',
  scale            jsonb NOT NULL,
  UNIQUE (instrument_id, position)
);

-- Several observers rate the same lesson(s) with one instrument, to calibrate.
CREATE TABLE calibration_sessions (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  instrument_id  integer NOT NULL REFERENCES observation_instruments (id),
  region_id      integer NOT NULL REFERENCES organizations (id),
  org_id         integer REFERENCES organizations (id),
  held_on        date NOT NULL,
  title          text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  created_by     integer REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calibration_sessions_region_idx ON calibration_sessions (region_id, held_on DESC);

-- A classroom observation: one observer's ratings of one lesson. In a calibration session, `lesson` names which of
-- the session's lessons it rates, and an observer rates each lesson once.
CREATE TABLE observations (
  id                      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  instrument_id           integer NOT NULL REFERENCES observation_instruments (id),
  org_id                  integer NOT NULL REFERENCES organizations (id),
  calibration_session_id  integer REFERENCES calibration_sessions (id) ON DELETE CASCADE,
  lesson                  text NOT NULL CHECK (length(lesson) BETWEEN 1 AND 200),
  observer_name           text NOT NULL CHECK (length(observer_name) BETWEEN 1 AND 200),
  observed_on             date NOT NULL,
  notes                   text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  created_by              integer REFERENCES users (id),
  created_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX observations_org_idx ON observations (org_id, observed_on DESC);
CREATE UNIQUE INDEX observations_calibration_idx ON observations (calibration_session_id, lower(observer_name), lesson)
  WHERE calibration_session_id IS NOT NULL;

CREATE TABLE observation_ratings (
  observation_id  integer NOT NULL REFERENCES observations (id) ON DELETE CASCADE,
  item_id         integer NOT NULL REFERENCES observation_items (id),
  value           integer NOT NULL,
  PRIMARY KEY (observation_id, item_id)
);

-- A grant program: fund code, source, who is eligible (a rule as data) and the allocation formula (in cents).
CREATE TABLE grant_programs (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  fund_code        text NOT NULL UNIQUE CHECK (fund_code ~ '^[A-Za-z0-9-]{1,20}$'),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  source           text NOT NULL CHECK (source IN ('state', 'federal')),
  recipient_level  text NOT NULL CHECK (recipient_level IN ('district', 'school')),
  -- { "all": [{ "field": "requiringAssistance", "op": "eq", "value": true }, ...] }
  eligibility      jsonb NOT NULL,
  -- { "baseCents": ..., "perPupilCents": ..., "minCents": ... | null, "maxCents": ... | null }
  formula          jsonb NOT NULL,
  created_by       integer REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- The allocation of a program's budget for a fiscal year: a draft until finalized, then fixed.
CREATE TABLE grant_allocations (
  id                     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  program_id             integer NOT NULL REFERENCES grant_programs (id),
  fiscal_year            integer NOT NULL CHECK (fiscal_year BETWEEN 1990 AND 2200),
  budget_cents           bigint NOT NULL CHECK (budget_cents >= 0),
  scaling_factor         double precision NOT NULL,
  accountability_run_id  integer REFERENCES accountability_runs (id),
  enrollment_year        integer,
  status                 text NOT NULL CHECK (status IN ('draft', 'final')),
  ineligible             jsonb NOT NULL DEFAULT '[]',
  created_by             integer REFERENCES users (id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  finalized_at           timestamptz,
  UNIQUE (program_id, fiscal_year)
);

CREATE TABLE grant_allocation_lines (
  allocation_id  integer NOT NULL REFERENCES grant_allocations (id) ON DELETE CASCADE,
  org_id         integer NOT NULL REFERENCES organizations (id),
  enrollment     integer NOT NULL CHECK (enrollment >= 0),
  amount_cents   bigint NOT NULL CHECK (amount_cents >= 0),
  -- The whole explanation (base, per-pupil part, factor, cap, rounding) as the core computed it.
  explanation    jsonb NOT NULL,
  PRIMARY KEY (allocation_id, org_id)
);

-- Professional development: offerings in the five content areas, their sessions with a capacity, and registrations
-- with a waitlist (core/assistance/waitlist.ts). A person is known by their email within a session.
CREATE TABLE pd_offerings (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  kind          text NOT NULL CHECK (kind IN ('course', 'academy', 'institute', 'webinar', 'conference')),
  content_area  text NOT NULL CHECK (content_area IN ('instructional_leadership', 'sheltered_content_el',
                  'inclusive_practice', 'mathematics', 'literacy')),
  description   text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  created_by    integer REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pd_sessions (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  offering_id  integer NOT NULL REFERENCES pd_offerings (id) ON DELETE CASCADE,
  starts_on    date NOT NULL,
  location     text NOT NULL CHECK (length(location) BETWEEN 1 AND 200),
  capacity     integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pd_sessions_offering_idx ON pd_sessions (offering_id, starts_on);

CREATE TABLE pd_registrations (
  id                 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id         integer NOT NULL REFERENCES pd_sessions (id) ON DELETE CASCADE,
  participant_name   text NOT NULL CHECK (length(participant_name) BETWEEN 1 AND 200),
  participant_email  text NOT NULL CHECK (participant_email = lower(participant_email) AND position('@' IN participant_email) > 1),
  participant_role   text NOT NULL CHECK (length(participant_role) BETWEEN 1 AND 200),
  org_id             integer NOT NULL REFERENCES organizations (id),
  status             text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
  -- First come, first served: the order of the waitlist.
  sequence           integer NOT NULL,
  registered_by      integer REFERENCES users (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (session_id, sequence)
);
CREATE UNIQUE INDEX pd_registrations_active_idx ON pd_registrations (session_id, participant_email)
  WHERE status <> 'cancelled';

-- The catalog of external partners the state has vetted: services, the Conditions/Practices they address, the
-- regions they serve (none: statewide), status and approval date. Organizations, not people: no contact names here.
CREATE TABLE assistance_partners (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description      text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  services         text[] NOT NULL DEFAULT '{}',
  framework_codes  text[] NOT NULL DEFAULT '{}',
  region_codes     text[] NOT NULL DEFAULT '{}',
  status           text NOT NULL CHECK (status IN ('vetted', 'provisional', 'inactive')),
  approved_on      date,
  website          text CHECK (website IS NULL OR website ~ '^https?://'),
  created_by       integer REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT assistance_partners_vetted_approved CHECK (status <> 'vetted' OR approved_on IS NOT NULL)
);
CREATE UNIQUE INDEX assistance_partners_name_idx ON assistance_partners (lower(name));
