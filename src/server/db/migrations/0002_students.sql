-- Student-level records (see src/core/students/records.ts and docs/student-csv-format.md): only what early warning
-- and the aggregates need. No names, addresses or exact birth dates.

CREATE TABLE students (
  student_id      text PRIMARY KEY CHECK (student_id ~ '^[A-Za-z0-9-]{1,20}$'),
  birth_year      integer NOT NULL CHECK (birth_year BETWEEN 1980 AND 2200),
  gender          text NOT NULL CHECK (gender IN ('female', 'male', 'nonbinary')),
  race_ethnicity  text NOT NULL CHECK (race_ethnicity IN
                    ('african_american', 'asian', 'hispanic', 'multi_race', 'native_american', 'pacific_islander', 'white'))
);

CREATE TABLE student_years (
  student_id                     text NOT NULL REFERENCES students (student_id),
  school_year                    integer NOT NULL CHECK (school_year BETWEEN 1990 AND 2200),
  school_id                      integer NOT NULL REFERENCES organizations (id),
  grade                          text NOT NULL CHECK (grade IN ('PK','K','01','02','03','04','05','06','07','08','09','10','11','12','SP')),
  low_income                     boolean NOT NULL,
  english_learner                boolean NOT NULL,
  former_english_learner         boolean NOT NULL,
  disability                     boolean NOT NULL,
  days_in_membership             integer NOT NULL CHECK (days_in_membership BETWEEN 0 AND 366),
  days_attended                  double precision NOT NULL CHECK (days_attended >= 0 AND days_attended <= days_in_membership),
  entered_late                   boolean NOT NULL,
  school_changes                 integer NOT NULL CHECK (school_changes >= 0),
  retained                       boolean NOT NULL,
  in_school_suspension_days      double precision NOT NULL CHECK (in_school_suspension_days >= 0),
  out_of_school_suspension_days  double precision NOT NULL CHECK (out_of_school_suspension_days >= 0),
  courses_taken                  integer CHECK (courses_taken >= 0),
  courses_failed                 integer CHECK (courses_failed >= 0 AND courses_failed <= courses_taken),
  gpa                            double precision CHECK (gpa BETWEEN 0 AND 4.5),
  advanced_course_completed      boolean,
  PRIMARY KEY (student_id, school_year)
);
CREATE INDEX student_years_school_idx ON student_years (school_id, school_year);

CREATE TABLE assessments (
  student_id         text NOT NULL REFERENCES students (student_id),
  school_year        integer NOT NULL,
  subject            text NOT NULL CHECK (subject IN ('ela', 'math', 'science')),
  school_id          integer NOT NULL REFERENCES organizations (id),
  grade              text NOT NULL,
  participated       boolean NOT NULL,
  scaled_score       integer CHECK (scaled_score BETWEEN 440 AND 560),
  achievement_level  text CHECK (achievement_level IN ('not_meeting', 'partially_meeting', 'meeting', 'exceeding')),
  sgp                integer CHECK (sgp BETWEEN 1 AND 99),
  PRIMARY KEY (student_id, school_year, subject)
);
CREATE INDEX assessments_school_idx ON assessments (school_id, school_year);

CREATE TABLE english_proficiency (
  student_id     text NOT NULL REFERENCES students (student_id),
  school_year    integer NOT NULL,
  school_id      integer NOT NULL REFERENCES organizations (id),
  overall_level  double precision NOT NULL CHECK (overall_level BETWEEN 1 AND 6),
  met_target     boolean NOT NULL,
  PRIMARY KEY (student_id, school_year)
);

CREATE TABLE high_school_outcomes (
  student_id            text NOT NULL REFERENCES students (student_id),
  cohort_year           integer NOT NULL,
  school_id             integer NOT NULL REFERENCES organizations (id),
  graduated_in_4_years  boolean NOT NULL,
  graduated_in_5_years  boolean,
  dropped_out_year      integer,
  PRIMARY KEY (student_id, cohort_year)
);
CREATE INDEX high_school_outcomes_school_idx ON high_school_outcomes (school_id, cohort_year);
