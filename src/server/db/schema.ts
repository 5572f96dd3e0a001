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
  audit_chain_head: AuditChainHeadTable;
  sign_in_failures: SignInFailuresTable;
  account_lockouts: AccountLockoutsTable;
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
  assistance_staff: AssistanceStaffTable;
  assistance_staff_districts: AssistanceStaffDistrictsTable;
  assistance_engagements: AssistanceEngagementsTable;
  assistance_engagement_staff: AssistanceEngagementStaffTable;
  observation_instruments: ObservationInstrumentsTable;
  observation_items: ObservationItemsTable;
  calibration_sessions: CalibrationSessionsTable;
  observations: ObservationsTable;
  observation_ratings: ObservationRatingsTable;
  grant_programs: GrantProgramsTable;
  grant_allocations: GrantAllocationsTable;
  grant_allocation_lines: GrantAllocationLinesTable;
  pd_offerings: PdOfferingsTable;
  pd_sessions: PdSessionsTable;
  pd_registrations: PdRegistrationsTable;
  assistance_partners: AssistancePartnersTable;
  grant_applications: GrantApplicationsTable;
  grant_awards: GrantAwardsTable;
  grant_budget_lines: GrantBudgetLinesTable;
  grant_expenditure_reports: GrantExpenditureReportsTable;
  grant_expenditures: GrantExpendituresTable;
  pd_attendance: PdAttendanceTable;
  pd_evaluation_questions: PdEvaluationQuestionsTable;
  pd_evaluations: PdEvaluationsTable;
  pd_evaluation_ratings: PdEvaluationRatingsTable;
  assistance_networks: AssistanceNetworksTable;
  network_members: NetworkMembersTable;
  network_meetings: NetworkMeetingsTable;
  network_meeting_attendance: NetworkMeetingAttendanceTable;
  recognition_pairings: RecognitionPairingsTable;
  framework_versions: FrameworkVersionsTable;
  framework_items: FrameworkItemsTable;
  self_assessments: SelfAssessmentsTable;
  self_assessment_members: SelfAssessmentMembersTable;
  self_assessment_ratings: SelfAssessmentRatingsTable;
  self_assessment_consensus: SelfAssessmentConsensusTable;
  self_assessment_attachments: SelfAssessmentAttachmentsTable;
  site_visits: SiteVisitsTable;
  site_visit_vendors: SiteVisitVendorsTable;
  site_visit_ratings: SiteVisitRatingsTable;
  site_visit_history: SiteVisitHistoryTable;
  plans: PlansTable;
  plan_goals: PlanGoalsTable;
  plan_benchmarks: PlanBenchmarksTable;
  plan_action_steps: PlanActionStepsTable;
  plan_comments: PlanCommentsTable;
  plan_history: PlanHistoryTable;
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
  prev_hash: string | null;
  hash: string | null;
}

/** The newest entry of the audit hash chain; writers lock this one row to append (0011_security.sql). */
export interface AuditChainHeadTable {
  id: number;
  last_id: number | null;
  last_hash: string | null;
  entries: ColumnType<number, number | undefined, number>;
  backfilled: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Timestamp;
}

/** One failed sign-in, for rate limiting and lockout. */
export interface SignInFailuresTable {
  id: Generated<number>;
  email: string;
  ip: string | null;
  at: Timestamp;
}

/** An account locked after too many failed sign-ins. */
export interface AccountLockoutsTable {
  email: string;
  locked_until: Timestamp;
  failures: number;
  created_at: Timestamp;
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

/** A member of a regional assistance team (0010_assistance.sql). */
export interface AssistanceStaffTable {
  id: Generated<number>;
  user_id: number;
  region_id: number;
  team_role: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A district assigned to a team member (0010_assistance.sql). */
export interface AssistanceStaffDistrictsTable {
  staff_id: number;
  district_id: number;
}

/** One engagement of direct assistance (0010_assistance.sql); participants are named people. */
export interface AssistanceEngagementsTable {
  id: Generated<number>;
  org_id: number;
  engagement_type: string;
  occurred_on: DateColumn;
  participants: JsonColumn<{ name: string; role: string }[]>;
  framework_codes: ColumnType<string[], string[] | undefined, string[]>;
  notes: ColumnType<string, string | undefined, string>;
  next_steps: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The team members who led an engagement (0010_assistance.sql). */
export interface AssistanceEngagementStaffTable {
  engagement_id: number;
  staff_id: number;
}

/** An observation instrument (0010_assistance.sql). */
export interface ObservationInstrumentsTable {
  id: Generated<number>;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An item of an observation instrument with its rating scale (0010_assistance.sql). */
export interface ObservationItemsTable {
  id: Generated<number>;
  instrument_id: number;
  position: number;
  prompt: string;
  framework_codes: ColumnType<string[], string[] | undefined, string[]>;
  scale: JsonColumn<{ value: number; label: string }[]>;
}

/** A calibration session of several observers (0010_assistance.sql). */
export interface CalibrationSessionsTable {
  id: Generated<number>;
  instrument_id: number;
  region_id: number;
  org_id: number | null;
  held_on: DateColumn;
  title: string;
  created_by: number | null;
  created_at: Timestamp;
}

/** A classroom observation by one observer (0010_assistance.sql). */
export interface ObservationsTable {
  id: Generated<number>;
  instrument_id: number;
  org_id: number;
  calibration_session_id: number | null;
  lesson: string;
  observer_name: string;
  observed_on: DateColumn;
  notes: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
}

/** One rating of an observation (0010_assistance.sql). */
export interface ObservationRatingsTable {
  observation_id: number;
  item_id: number;
  value: number;
}

/** Whole cents in a bigint column: read as text (pg) or a number (PGlite); written as a number. */
type CentsColumn = ColumnType<string | number, number, number>;

/** A grant program with its eligibility rule and allocation formula (0010_assistance.sql). */
export interface GrantProgramsTable {
  id: Generated<number>;
  fund_code: string;
  name: string;
  source: 'state' | 'federal';
  recipient_level: 'district' | 'school';
  eligibility: JsonColumn<unknown>;
  formula: JsonColumn<unknown>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A program's allocation for a fiscal year (0010_assistance.sql). */
export interface GrantAllocationsTable {
  id: Generated<number>;
  program_id: number;
  fiscal_year: number;
  budget_cents: CentsColumn;
  scaling_factor: number;
  accountability_run_id: number | null;
  enrollment_year: number | null;
  status: 'draft' | 'final';
  ineligible: JsonColumn<unknown>;
  created_by: number | null;
  created_at: Timestamp;
  finalized_at: Timestamp | null;
}

/** One recipient's line of an allocation (0010_assistance.sql). */
export interface GrantAllocationLinesTable {
  allocation_id: number;
  org_id: number;
  enrollment: number;
  amount_cents: CentsColumn;
  explanation: JsonColumn<unknown>;
}

/** A professional development offering (0010_assistance.sql). */
export interface PdOfferingsTable {
  id: Generated<number>;
  title: string;
  kind: string;
  content_area: string;
  description: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
}

/** A session of an offering with its capacity (0010_assistance.sql). */
export interface PdSessionsTable {
  id: Generated<number>;
  offering_id: number;
  starts_on: DateColumn;
  location: string;
  capacity: number;
  created_at: Timestamp;
}

/** A registration for a session: confirmed, waitlisted or cancelled (0010_assistance.sql). */
export interface PdRegistrationsTable {
  id: Generated<number>;
  session_id: number;
  participant_name: string;
  participant_email: string;
  participant_role: string;
  org_id: number;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  sequence: number;
  registered_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A vetted external partner (0010_assistance.sql). */
export interface AssistancePartnersTable {
  id: Generated<number>;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  services: ColumnType<string[], string[] | undefined, string[]>;
  framework_codes: ColumnType<string[], string[] | undefined, string[]>;
  region_codes: ColumnType<string[], string[] | undefined, string[]>;
  status: 'vetted' | 'provisional' | 'inactive';
  approved_on: DateColumn | null;
  website: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A school's or district's application to a grant program for a fiscal year (0012_assistance_operations.sql). */
export interface GrantApplicationsTable {
  id: Generated<number>;
  program_id: number;
  fiscal_year: number;
  org_id: number;
  requested_cents: CentsColumn;
  narrative: ColumnType<string, string | undefined, string>;
  status: ColumnType<
    'draft' | 'submitted' | 'awarded' | 'declined',
    'draft' | 'submitted' | 'awarded' | 'declined' | undefined
  >;
  decision_note: ColumnType<string, string | undefined, string>;
  submitted_at: Timestamp | null;
  decided_at: Timestamp | null;
  decided_by: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The award of an application (0012_assistance_operations.sql). */
export interface GrantAwardsTable {
  id: Generated<number>;
  application_id: number;
  amount_cents: CentsColumn;
  awarded_on: DateColumn;
  created_by: number | null;
  created_at: Timestamp;
}

/** A budget line of an award, optionally tied to a plan strategy (0012_assistance_operations.sql). */
export interface GrantBudgetLinesTable {
  id: Generated<number>;
  award_id: number;
  object_code: string;
  description: string;
  amount_cents: CentsColumn;
  plan_id: number | null;
  practice: string | null;
  action_step_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An expenditure report of an award for a period (0012_assistance_operations.sql). */
export interface GrantExpenditureReportsTable {
  id: Generated<number>;
  award_id: number;
  period_start: DateColumn;
  period_end: DateColumn;
  notes: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The amount a report says was spent on one budget line (0012_assistance_operations.sql). */
export interface GrantExpendituresTable {
  report_id: number;
  budget_line_id: number;
  amount_cents: CentsColumn;
}

/** Attendance of a confirmed registration (0012_assistance_operations.sql). */
export interface PdAttendanceTable {
  registration_id: number;
  status: 'attended' | 'absent';
  recorded_by: number | null;
  recorded_at: Timestamp;
}

/** A question of the post-session evaluation (0012_assistance_operations.sql). */
export interface PdEvaluationQuestionsTable {
  code: string;
  position: number;
  prompt: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

/** A participant's evaluation of a session they attended (0012_assistance_operations.sql). */
export interface PdEvaluationsTable {
  id: Generated<number>;
  registration_id: number;
  comments: ColumnType<string, string | undefined, string>;
  submitted_by: number | null;
  submitted_at: Timestamp;
}

/** One rating (1-5) of an evaluation (0012_assistance_operations.sql). */
export interface PdEvaluationRatingsTable {
  evaluation_id: number;
  question_code: string;
  rating: number;
}

/** A network: statewide (no region) or of one region (0012_assistance_operations.sql). */
export interface AssistanceNetworksTable {
  id: Generated<number>;
  name: string;
  kind: string;
  description: ColumnType<string, string | undefined, string>;
  region_id: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A member of a network: a user or a named person (0012_assistance_operations.sql). */
export interface NetworkMembersTable {
  id: Generated<number>;
  network_id: number;
  user_id: number | null;
  name: string;
  email: string | null;
  org_id: number;
  role: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A meeting of a network (0012_assistance_operations.sql). */
export interface NetworkMeetingsTable {
  id: Generated<number>;
  network_id: number;
  held_on: DateColumn;
  topic: string;
  agenda: ColumnType<string, string | undefined, string>;
  notes: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A member who attended a meeting (0012_assistance_operations.sql). */
export interface NetworkMeetingAttendanceTable {
  meeting_id: number;
  member_id: number;
}

/** A demonstration site paired with a school requiring assistance (0012_assistance_operations.sql). */
export interface RecognitionPairingsTable {
  id: Generated<number>;
  demonstration_org_id: number;
  partner_org_id: number;
  paired_on: DateColumn;
  focus: string;
  status: 'proposed' | 'active' | 'completed' | 'ended';
  notes: ColumnType<string, string | undefined, string>;
  accountability_run_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An improvement or turnaround plan of a school or district for a period (0009_plans.sql). */
export interface PlansTable {
  id: Generated<number>;
  org_id: number;
  kind: 'turnaround' | 'improvement';
  title: string;
  start_year: number;
  end_year: number;
  status: ColumnType<
    'draft' | 'submitted' | 'returned' | 'approved',
    'draft' | 'submitted' | 'returned' | 'approved' | undefined
  >;
  cover: JsonColumn<Record<string, string | number | null>>;
  executive_summary: ColumnType<string, string | undefined, string>;
  financial_plan: ColumnType<string, string | undefined, string>;
  blocks: JsonColumn<Record<string, Record<string, string>>>;
  stakeholders: JsonColumn<{ name: string; role: string }[]>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Date | null;
  approved_at: Date | null;
  approved_by: number | null;
}

/** A SMART goal of a plan: a catalog indicator for a student group, or a local measure. */
export interface PlanGoalsTable {
  id: Generated<number>;
  plan_id: number;
  practice: string | null;
  statement: string;
  indicator_code: string | null;
  student_group: string | null;
  local_measure_name: string | null;
  local_measure_unit: string | null;
  local_measure_direction: 'higher_is_better' | 'lower_is_better' | null;
  baseline_value: number;
  baseline_year: number;
  target_value: number;
  target_year: number;
  target_date: DateColumn | null;
  owner: string;
  created_at: Timestamp;
}

/** An interim benchmark of a plan, for adults or students. */
export interface PlanBenchmarksTable {
  id: Generated<number>;
  plan_id: number;
  goal_id: number | null;
  kind: 'adult' | 'student';
  description: string;
  measure: string;
  due_date: DateColumn;
  status: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
}

/** An action step of a plan, with its owner, due date and status. */
export interface PlanActionStepsTable {
  id: Generated<number>;
  plan_id: number;
  goal_id: number | null;
  practice: string | null;
  description: string;
  owner: string;
  due_date: DateColumn;
  status: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
}

/** A coaching comment on a plan or one of its practice blocks. */
export interface PlanCommentsTable {
  id: Generated<number>;
  plan_id: number;
  practice: string | null;
  author_id: number | null;
  strength: string;
  improvement: string;
  guiding_questions: string;
  expected_outcomes: string;
  next_steps: string;
  plan_status: string;
  created_at: Timestamp;
}

/** One change to a plan or its parts, with field-level before/after. */
export interface PlanHistoryTable {
  id: Generated<string>;
  plan_id: number;
  at: Timestamp;
  user_id: number | null;
  user_email: string | null;
  event: string;
  entity: 'plan' | 'goal' | 'benchmark' | 'action_step' | 'comment';
  entity_id: number | null;
  changes: JsonColumn<{ field: string; before: unknown; after: unknown }[]>;
}

export interface FrameworkVersionsTable {
  id: Generated<number>;
  framework_code: string;
  version: number;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  source: ColumnType<string, string | undefined, string>;
  uses: string[];
  org_levels: string[];
  indicators_editable: ColumnType<boolean, boolean | undefined, boolean>;
  scale: JsonColumn<unknown>;
  status: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>;
  copied_from_id: number | null;
  shipped: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: number | null;
  created_at: Timestamp;
  published_at: Date | null;
}

export interface FrameworkItemsTable {
  version_id: number;
  code: string;
  kind: 'area' | 'indicator';
  title: string;
  description: ColumnType<string, string | undefined, string>;
  parent_code: string | null;
  sort_order: number;
  unconfirmed: ColumnType<boolean, boolean | undefined, boolean>;
  applies_to: string[];
}

export interface SelfAssessmentsTable {
  id: Generated<number>;
  org_id: number;
  framework_version_id: number;
  framework_code: string;
  period: string;
  period_start: DateColumn | null;
  period_end: DateColumn | null;
  status: ColumnType<'draft' | 'completed', 'draft' | 'completed' | undefined, 'draft' | 'completed'>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: Date | null;
  completed_by: number | null;
}

export interface SelfAssessmentMembersTable {
  id: Generated<number>;
  self_assessment_id: number;
  user_id: number | null;
  name: string;
  role_text: ColumnType<string, string | undefined, string>;
  sort_order: number;
}

export interface SelfAssessmentRatingsTable {
  self_assessment_id: number;
  member_id: number;
  item_code: string;
  level_code: string;
  evidence: ColumnType<string, string | undefined, string>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface SelfAssessmentConsensusTable {
  self_assessment_id: number;
  item_code: string;
  level_code: string;
  notes: ColumnType<string, string | undefined, string>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface SelfAssessmentAttachmentsTable {
  id: Generated<number>;
  self_assessment_id: number;
  item_code: string | null;
  member_id: number | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
}

type SiteVisitStatusColumn = 'scheduled' | 'in_progress' | 'submitted' | 'published';

export interface SiteVisitsTable {
  id: Generated<number>;
  org_id: number;
  framework_version_id: number;
  visit_type: 'monitoring' | 'targeted';
  visit_on: DateColumn;
  status: ColumnType<SiteVisitStatusColumn, SiteVisitStatusColumn | undefined, SiteVisitStatusColumn>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Date | null;
}

export interface SiteVisitVendorsTable {
  site_visit_id: number;
  user_id: number;
}

export interface SiteVisitRatingsTable {
  site_visit_id: number;
  item_code: string;
  level_code: string;
  evidence: ColumnType<string, string | undefined, string>;
  rated_by: number | null;
  updated_at: Timestamp;
}

export interface SiteVisitHistoryTable {
  id: Generated<number>;
  site_visit_id: number;
  at: Timestamp;
  user_id: number | null;
  from_status: string | null;
  to_status: string;
  comment: ColumnType<string, string | undefined, string>;
}
