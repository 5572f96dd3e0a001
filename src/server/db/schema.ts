import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the database tables (kept in step with migrations/*.sql; a test checks the columns exist). */
export interface Database {
  organizations: OrganizationsTable;
  student_groups: StudentGroupsTable;
  indicators: IndicatorsTable;
  data_sources: DataSourcesTable;
  indicator_values: IndicatorValuesTable;
  roles: RolesTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  schema_migrations: SchemaMigrationsTable;
  students: StudentsTable;
  student_years: StudentYearsTable;
  assessments: AssessmentsTable;
  english_proficiency: EnglishProficiencyTable;
  high_school_outcomes: HighSchoolOutcomesTable;
  attendance_events: AttendanceEventsTable;
  discipline_incidents: DisciplineIncidentsTable;
  discipline_behaviors: DisciplineBehaviorsTable;
  discipline_actions: DisciplineActionsTable;
  student_programs: StudentProgramsTable;
  external_assessments: ExternalAssessmentsTable;
  external_assessment_results: ExternalAssessmentResultsTable;
  accountability_runs: AccountabilityRunsTable;
  accountability_results: AccountabilityResultsTable;
  accountability_targets: AccountabilityTargetsTable;
  accountability_designations: AccountabilityDesignationsTable;
  comparison_sets: ComparisonSetsTable;
  ewis_runs: EwisRunsTable;
  ewis_models: EwisModelsTable;
  ewis_scores: EwisScoresTable;
  interventions: InterventionsTable;
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganizationsTable {
  id: Generated<number>;
  code: string;
  name: string;
  level: string;
  type: string;
  grades: ColumnType<string[], string[] | undefined, string[]>;
  town: string | null;
  parent_id: number | null;
  region_id: number | null;
  opened_year: number | null;
  closed_year: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StudentGroupsTable {
  code: string;
  label: string;
  kind: string;
  description: string;
  sort_order: ColumnType<number, number | undefined, number>;
}

export interface IndicatorsTable {
  code: string;
  label: string;
  definition: string;
  unit: string;
  direction: string;
  area: string;
  source: string;
  year_convention: string;
  decimals: ColumnType<number, number | undefined, number>;
  sort_order: ColumnType<number, number | undefined, number>;
}

export interface DataSourcesTable {
  id: Generated<number>;
  kind: string;
  description: string;
  checksum: string | null;
  created_at: Timestamp;
}

export interface IndicatorValuesTable {
  indicator_code: string;
  org_id: number;
  school_year: number;
  student_group: string;
  value: number | null;
  n: number | null;
  suppressed: ColumnType<boolean, boolean | undefined, boolean>;
  source_id: number | null;
}

export interface RolesTable {
  code: string;
  label: string;
  description: string;
  scope_level: string;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: string;
  scope_org_id: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  last_sign_in_at: Date | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: number | null;
  user_email: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  org_id: number | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
}

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface StudentsTable {
  student_id: string;
  birth_year: number;
  /** Null when the source does not say (Ed-Fi interchanges without an enrollment record). */
  gender: string | null;
  race_ethnicity: string | null;
}

/** Facts a source cannot support are null (an Ed-Fi student-year has no enrollment record behind it). */
export interface StudentYearsTable {
  student_id: string;
  school_year: number;
  school_id: number | null;
  grade: string | null;
  low_income: boolean | null;
  english_learner: boolean | null;
  former_english_learner: boolean | null;
  disability: boolean | null;
  days_in_membership: number | null;
  days_attended: number | null;
  /** Days absent as events reported them (Ed-Fi), for rows without membership. */
  reported_days_absent: number | null;
  /** Generated: days_in_membership - days_attended where both are known, else reported_days_absent. */
  days_absent: ColumnType<number | null, never, never>;
  entered_late: boolean | null;
  school_changes: number | null;
  retained: boolean | null;
  in_school_suspension_days: number | null;
  out_of_school_suspension_days: number | null;
  courses_taken: number | null;
  courses_failed: number | null;
  gpa: number | null;
  advanced_course_completed: boolean | null;
}

export interface AssessmentsTable {
  student_id: string;
  school_year: number;
  subject: string;
  school_id: number;
  grade: string;
  participated: boolean;
  scaled_score: number | null;
  achievement_level: string | null;
  sgp: number | null;
}

export interface EnglishProficiencyTable {
  student_id: string;
  school_year: number;
  school_id: number;
  overall_level: number;
  met_target: boolean;
}

export interface HighSchoolOutcomesTable {
  student_id: string;
  cohort_year: number;
  school_id: number;
  graduated_in_4_years: boolean;
  graduated_in_5_years: boolean | null;
  dropped_out_year: number | null;
}

/** Dates are read as `YYYY-MM-DD` text (select them with ::text); written as such. */
type DateColumn = ColumnType<Date | string, string, string>;

export interface AttendanceEventsTable {
  student_id: string;
  school_id: number;
  event_date: DateColumn;
  category: string;
  school_year: number;
  duration_days: number | null;
  duration_minutes: number | null;
}

export interface DisciplineIncidentsTable {
  school_id: number;
  incident_identifier: string;
  incident_date: DateColumn;
  school_year: number;
}

export interface DisciplineBehaviorsTable {
  student_id: string;
  school_id: number;
  incident_identifier: string;
  behavior: string;
}

export interface DisciplineActionsTable {
  student_id: string;
  action_identifier: string;
  action_date: DateColumn;
  school_id: number;
  school_year: number;
  category: string;
  duration_days: number | null;
  incident_school_id: number | null;
  incident_identifier: string | null;
}

export interface StudentProgramsTable {
  student_id: string;
  kind: string;
  org_id: number;
  program_org_id: number;
  program_name: string;
  program_type: string;
  begin_date: DateColumn;
  end_date: DateColumn | null;
  student_year_flag: string | null;
}

export interface ExternalAssessmentsTable {
  namespace: string;
  assessment_identifier: string;
  title: string;
  subject: string | null;
  assessed_grades: ColumnType<string[], string[] | undefined, string[]>;
}

export interface ExternalAssessmentResultsTable {
  student_id: string;
  namespace: string;
  assessment_identifier: string;
  result_identifier: string;
  school_year: number;
  administered_on: DateColumn;
  grade: string | null;
  reason_not_tested: string | null;
  performance_level: string | null;
  scores: ColumnType<Record<string, string>, string | undefined, string>;
}

/** JSON columns: objects in, objects out (written as JSON text). */
type JsonColumn<T> = ColumnType<T, string | undefined, string>;

export interface AccountabilityRunsTable {
  id: Generated<number>;
  framework: string;
  framework_version: string;
  school_year: number;
  kind: 'official' | 'what_if';
  overrides: JsonColumn<Record<string, unknown>>;
  data_version: string;
  label: string | null;
  summary: JsonColumn<Record<string, unknown>>;
  created_by: number | null;
  created_at: Timestamp;
  compute_ms: number | null;
}

export interface AccountabilityResultsTable {
  run_id: number;
  org_id: number;
  classification: string | null;
  category: string | null;
  reason: string | null;
  percentile: number | null;
  annual_pct: number | null;
  cumulative_pct: number | null;
  level: string | null;
  report: JsonColumn<Record<string, unknown>>;
}

export interface AccountabilityTargetsTable {
  org_id: number;
  indicator_code: string;
  student_group: string;
  baseline_year: number;
  baseline_value: number;
  annual_increment: number;
  source_id: number | null;
}

export interface AccountabilityDesignationsTable {
  id: Generated<number>;
  org_id: number;
  designation: 'underperforming' | 'chronically_underperforming';
  designated_on: DateColumn;
  rationale: string;
  exited_on: DateColumn | null;
  exit_rationale: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface ComparisonSetsTable {
  id: Generated<number>;
  user_id: number;
  org_id: number;
  name: string;
  member_ids: number[];
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EwisRunsTable {
  id: Generated<number>;
  school_year: number;
  training_years: number[];
  options: JsonColumn<Record<string, unknown>>;
  data_version: string;
  summary: JsonColumn<Record<string, unknown>>;
  created_by: number | null;
  created_at: Timestamp;
  compute_ms: number | null;
}

export interface EwisModelsTable {
  run_id: number;
  grade: number;
  milestone: string;
  model: JsonColumn<Record<string, unknown>>;
  validation: JsonColumn<Record<string, unknown>>;
}

export interface EwisScoresTable {
  run_id: number;
  student_id: string;
  school_id: number;
  grade: number;
  milestone: string;
  probability: number | null;
  risk_level: 'high' | 'moderate' | 'low' | null;
  na_reason: string | null;
  reasons: JsonColumn<unknown[]>;
}

export interface InterventionsTable {
  id: Generated<number>;
  student_id: string;
  school_id: number;
  kind: string;
  started_on: DateColumn;
  ended_on: DateColumn | null;
  owner: string;
  notes: string;
  status: 'planned' | 'active' | 'completed' | 'discontinued';
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
