-- Ed-Fi interchanges (docs/edfi-import.md): districts and schools under namespaced codes, students whose gender and
-- race the source does not give, student-years whose facts a source cannot support left null, and the event-level
-- records SIS exports carry (attendance events, discipline incidents, behaviors and actions, program participation,
-- assessment results on their own scales), each keyed by its natural key so that a re-import changes nothing.

-- Organizations from another system keep that system's id under a namespace (`edfi-255901001`): padding Ed-Fi ids to
-- 8 digits would collide with DESE's codes. Only districts and schools come from outside; regions are ours.
ALTER TABLE organizations DROP CONSTRAINT organizations_code_format;
ALTER TABLE organizations ADD CONSTRAINT organizations_code_format CHECK (
  (level = 'region' AND code ~ '^[a-z][a-z-]{1,39}$') OR
  (level <> 'region' AND code ~ '^[0-9]{8}$') OR
  (level IN ('district', 'school') AND code ~ '^edfi-[1-9][0-9]{0,9}$')
);

-- Unknown is not a value to invent: Ed-Fi 5 carries sex and race on an enrollment record the sample lacks.
ALTER TABLE students ALTER COLUMN gender DROP NOT NULL;
ALTER TABLE students ALTER COLUMN race_ethnicity DROP NOT NULL;

-- A student-year derived from events has no enrollment record behind it: no grade, no membership days, no entry
-- date, sometimes no school. Those facts are null rather than guessed.
ALTER TABLE student_years
  ALTER COLUMN school_id DROP NOT NULL,
  ALTER COLUMN grade DROP NOT NULL,
  ALTER COLUMN low_income DROP NOT NULL,
  ALTER COLUMN english_learner DROP NOT NULL,
  ALTER COLUMN former_english_learner DROP NOT NULL,
  ALTER COLUMN disability DROP NOT NULL,
  ALTER COLUMN days_in_membership DROP NOT NULL,
  ALTER COLUMN days_attended DROP NOT NULL,
  ALTER COLUMN entered_late DROP NOT NULL,
  ALTER COLUMN school_changes DROP NOT NULL,
  ALTER COLUMN retained DROP NOT NULL,
  ALTER COLUMN in_school_suspension_days DROP NOT NULL,
  ALTER COLUMN out_of_school_suspension_days DROP NOT NULL;

-- Days absent is what attendance events give even when membership is unknown (Ed-Fi reports absences). One column
-- reads the same for every row: membership minus attendance where both are known (the student CSV format), else the
-- days absent the events reported. A generated column, so no importer has to keep the two in step.
ALTER TABLE student_years ADD COLUMN reported_days_absent double precision CHECK (reported_days_absent >= 0);
ALTER TABLE student_years ADD COLUMN days_absent double precision
  GENERATED ALWAYS AS (coalesce(days_in_membership - days_attended, reported_days_absent)) STORED;

-- One school attendance event (Ed-Fi StudentSchoolAttendanceEvent). Ed-Fi reports exceptions (absences, tardies);
-- presence is assumed when nothing is reported. The free-text reason is not kept (it may hold health details).
CREATE TABLE attendance_events (
  student_id        text NOT NULL REFERENCES students (student_id),
  school_id         integer NOT NULL REFERENCES organizations (id),
  event_date        date NOT NULL,
  category          text NOT NULL CHECK (category IN
                      ('present', 'excused_absence', 'unexcused_absence', 'tardy', 'early_departure', 'partial_absence')),
  school_year       integer NOT NULL CHECK (school_year BETWEEN 1990 AND 2200),
  duration_days     double precision CHECK (duration_days BETWEEN 0 AND 1),
  duration_minutes  integer CHECK (duration_minutes >= 0),
  PRIMARY KEY (student_id, school_id, event_date, category)
);
CREATE INDEX attendance_events_school_idx ON attendance_events (school_id, school_year);

-- A discipline incident at a school (Ed-Fi DisciplineIncident): what happened, not who did it.
CREATE TABLE discipline_incidents (
  school_id            integer NOT NULL REFERENCES organizations (id),
  incident_identifier  text NOT NULL,
  incident_date        date NOT NULL,
  school_year          integer NOT NULL CHECK (school_year BETWEEN 1990 AND 2200),
  PRIMARY KEY (school_id, incident_identifier)
);

-- A student's behavior in an incident (Ed-Fi StudentDisciplineIncidentBehaviorAssociation).
CREATE TABLE discipline_behaviors (
  student_id           text NOT NULL REFERENCES students (student_id),
  school_id            integer NOT NULL,
  incident_identifier  text NOT NULL,
  behavior             text NOT NULL CHECK (behavior IN ('state_offense', 'school_violation', 'school_code_of_conduct', 'other')),
  PRIMARY KEY (student_id, school_id, incident_identifier, behavior),
  FOREIGN KEY (school_id, incident_identifier) REFERENCES discipline_incidents (school_id, incident_identifier)
);

-- A discipline action taken with a student (Ed-Fi DisciplineAction), filed under its most severe discipline.
CREATE TABLE discipline_actions (
  student_id                text NOT NULL REFERENCES students (student_id),
  action_identifier         text NOT NULL,
  action_date               date NOT NULL,
  school_id                 integer NOT NULL REFERENCES organizations (id),
  school_year               integer NOT NULL CHECK (school_year BETWEEN 1990 AND 2200),
  category                  text NOT NULL CHECK (category IN
                              ('in_school_suspension', 'out_of_school_suspension', 'expulsion', 'removal_from_class', 'other')),
  duration_days             double precision CHECK (duration_days >= 0),
  incident_school_id        integer,
  incident_identifier       text,
  PRIMARY KEY (student_id, action_identifier, action_date),
  FOREIGN KEY (incident_school_id, incident_identifier) REFERENCES discipline_incidents (school_id, incident_identifier)
);
CREATE INDEX discipline_actions_school_idx ON discipline_actions (school_id, school_year);

-- A student's participation in a program (Ed-Fi Student*ProgramAssociation), and the student-year flag it sets.
CREATE TABLE student_programs (
  student_id         text NOT NULL REFERENCES students (student_id),
  kind               text NOT NULL CHECK (kind IN ('general', 'special_education', 'language_instruction',
                       'school_food_service', 'career_technical', 'migrant', 'homeless', 'neglected_or_delinquent',
                       'title_i_part_a', 'section_504')),
  org_id             integer NOT NULL REFERENCES organizations (id),
  program_org_id     integer NOT NULL REFERENCES organizations (id),
  program_name       text NOT NULL,
  program_type       text NOT NULL,
  begin_date         date NOT NULL,
  end_date           date,
  student_year_flag  text CHECK (student_year_flag IN ('low_income', 'english_learner', 'disability')),
  PRIMARY KEY (student_id, kind, org_id, program_org_id, program_name, program_type, begin_date),
  CONSTRAINT student_programs_dates_ordered CHECK (end_date IS NULL OR end_date >= begin_date)
);
CREATE INDEX student_programs_org_idx ON student_programs (org_id);

-- Assessments other than MCAS (Ed-Fi Assessment): each on its own scale, so never stored as MCAS results.
CREATE TABLE external_assessments (
  namespace              text NOT NULL,
  assessment_identifier  text NOT NULL,
  title                  text NOT NULL,
  subject                text,
  assessed_grades        text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (namespace, assessment_identifier)
);

-- A student's result on one (Ed-Fi StudentAssessment): scores by reporting method as sent ({"Raw score": "28"}).
CREATE TABLE external_assessment_results (
  student_id             text NOT NULL REFERENCES students (student_id),
  namespace              text NOT NULL,
  assessment_identifier  text NOT NULL,
  result_identifier      text NOT NULL,
  school_year            integer NOT NULL CHECK (school_year BETWEEN 1990 AND 2200),
  administered_on        date NOT NULL,
  grade                  text CHECK (grade IN ('PK','K','01','02','03','04','05','06','07','08','09','10','11','12','SP')),
  reason_not_tested      text,
  performance_level      text,
  scores                 jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (student_id, namespace, assessment_identifier, result_identifier),
  FOREIGN KEY (namespace, assessment_identifier) REFERENCES external_assessments (namespace, assessment_identifier)
);
CREATE INDEX external_assessment_results_year_idx ON external_assessment_results (school_year, namespace, assessment_identifier);
