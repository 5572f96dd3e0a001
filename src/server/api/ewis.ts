import { z } from 'zod';
import { interventionKinds, interventionStatuses } from '../../core/ewis/interventions.ts';
import { milestones } from '../../core/students/records.ts';

const riskLevel = z.enum(['high', 'moderate', 'low']);

export const EwisRunBody = z
  .object({ year: z.number().int().min(1990).max(2200).optional().describe('Default: the latest year with records') })
  .strict();

export const EwisRunSummary = z
  .object({
    runId: z.number().int(),
    schoolYear: z.number().int(),
    trainingYears: z.array(z.number().int()),
    models: z.array(
      z.object({
        grade: z.number().int(),
        milestone: z.string(),
        n: z.number().int(),
        auc: z.number().nullable(),
        calibrationError: z.number(),
      }),
    ),
    skippedGrades: z.array(z.object({ grade: z.number().int(), reason: z.string() })),
    scored: z.number().int(),
    levels: z.object({
      high: z.number().int(),
      moderate: z.number().int(),
      low: z.number().int(),
      notAvailable: z.number().int(),
    }),
    computeMs: z.number().int(),
  })
  .meta({ id: 'EwisRunSummary' });

export const EwisYearQuery = z.object({ year: z.coerce.number().int().min(1990).max(2200).optional() }).strict();

export const EwisSettings = z
  .object({
    lambda: z.number().min(0.0001).max(1000).describe('L2 penalty (scikit-learn C = 1 / lambda)'),
    folds: z.number().int().min(2).max(20),
    seed: z.union([z.string().min(1).max(100), z.number().int()]),
    includeDemographics: z.boolean().describe('Whether gender and race/ethnicity enter the models'),
    schoolEffectGrades: z
      .array(z.number().int().min(1).max(12))
      .max(12)
      .describe(
        'Grades whose model has a random intercept per school (multilevel, e.g. 1-3 for early elementary); default none',
      ),
    targets: z
      .object({
        high: z.number().min(0).max(1),
        moderate: z.number().min(0).max(1),
        low: z.number().min(0).max(1),
        minShare: z.number().min(0).max(0.3),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'EwisSettings' });
export const EwisValidation = z
  .object({
    run: z
      .object({
        id: z.number().int(),
        schoolYear: z.number().int(),
        trainingYears: z.array(z.number().int()),
        createdAt: z.string(),
        summary: z.record(z.string(), z.unknown()),
      })
      .nullable(),
    models: z.array(
      z.object({
        grade: z.number().int(),
        milestone: z.string(),
        features: z.array(z.string()),
        coefficients: z.array(z.number()),
        thresholds: z.record(z.string(), z.unknown()),
        options: EwisSettings.describe('The options the model was trained with'),
        validation: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .meta({ id: 'EwisValidation' });

/** Students on one roster page unless the request asks for another size, and the most a page may hold. */
export const rosterPageSize = { default: 100, max: 500 } as const;

export const RosterQuery = z
  .object({
    year: z.coerce.number().int().min(1990).max(2200).optional(),
    level: z.enum(['high', 'moderate', 'low', 'not_available']).optional(),
    grade: z.coerce.number().int().min(1).max(12).optional(),
    milestone: z.enum(milestones).optional(),
    interventions: z
      .enum(['with', 'without'])
      .optional()
      .describe('Only students with (or without) an open intervention (planned or active)'),
    q: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{0,20}$/, 'must be part of a student identifier (letters, digits, hyphens)')
      .optional()
      .describe('Only students whose identifier contains this text (any case)'),
    sort: z
      .enum(['risk', 'grade', 'student', 'attendance', 'interventions'])
      .default('risk')
      .describe(
        'risk: the lowest chance of reaching the milestone first; grade: by grade, then risk; attendance: this year so far; interventions: open interventions. Students without a value come last either way; ties go by student identifier.',
      ),
    order: z.enum(['asc', 'desc']).default('asc'),
    page: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(1)
      .describe('1-based; a page past the last answers with no students and the true total (JSON only)'),
    pageSize: z.coerce
      .number()
      .int()
      .min(1)
      .max(rosterPageSize.max)
      .default(rosterPageSize.default)
      .describe('Students per page (JSON only)'),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  })
  .strict();

const Reason = z.object({ reason: z.string(), text: z.string() });

export const EwisRoster = z
  .object({
    run: z.object({ id: z.number().int(), schoolYear: z.number().int(), createdAt: z.string() }).nullable(),
    org: z.object({ code: z.string(), name: z.string() }),
    page: z.number().int().describe('The page sent (1-based); past the last page, items is empty'),
    pageSize: z.number().int(),
    total: z.number().int().describe('Students matching the filters, on every page'),
    pages: z.number().int().describe('Pages of pageSize students (0 when no student matches)'),
    levels: z
      .object({
        high: z.number().int(),
        moderate: z.number().int(),
        low: z.number().int(),
        notAvailable: z.number().int(),
      })
      .describe('Students at each risk level (and N/A) among those matching the filters, on every page'),
    items: z.array(
      z.object({
        studentId: z.string(),
        school: z.object({ code: z.string(), name: z.string() }),
        grade: z.number().int(),
        milestone: z.string(),
        probability: z.number().nullable().describe('Probability of reaching the milestone'),
        riskLevel: riskLevel.nullable(),
        naReason: z.string().nullable().describe('Why there is no risk level (N/A)'),
        reasons: z.array(Reason),
        lowIncome: z.boolean(),
        englishLearner: z.boolean(),
        disability: z.boolean(),
        attendanceRate: z.number().nullable().describe('This year so far, %'),
        activeInterventions: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'EwisRoster' });

export const StudentParams = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,20}$/),
  })
  .strict();
export const InterventionParams = z.object({ id: z.coerce.number().int().min(1) }).strict();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const InterventionBody = z
  .object({
    kind: z.enum(interventionKinds),
    startedOn: isoDate,
    endedOn: isoDate.nullable().default(null),
    owner: z.string().trim().min(1).max(200),
    notes: z.string().max(4000).default(''),
    status: z.enum(interventionStatuses),
  })
  .strict()
  .meta({ id: 'InterventionBody' });

export const Intervention = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    startedOn: z.string(),
    endedOn: z.string().nullable(),
    owner: z.string(),
    notes: z.string(),
    status: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Intervention' });

export const EwisStudentProfile = z
  .object({
    studentId: z.string(),
    school: z.object({ code: z.string(), name: z.string() }),
    grade: z.string(),
    score: z
      .object({
        runId: z.number().int(),
        schoolYear: z.number().int(),
        milestone: z.string(),
        probability: z.number().nullable(),
        riskLevel: riskLevel.nullable(),
        naReason: z.string().nullable(),
        reasons: z.array(Reason.extend({ value: z.number(), typical: z.number() })),
      })
      .nullable(),
    years: z.array(
      z.object({
        schoolYear: z.number().int(),
        school: z.object({ code: z.string(), name: z.string() }),
        grade: z.string(),
        attendanceRate: z.number().nullable(),
        suspensionDays: z.number(),
        coursesTaken: z.number().int().nullable(),
        coursesFailed: z.number().int().nullable(),
        gpa: z.number().nullable(),
        retained: z.boolean(),
        lowIncome: z.boolean(),
        englishLearner: z.boolean(),
        disability: z.boolean(),
      }),
    ),
    tests: z.array(
      z.object({
        schoolYear: z.number().int(),
        subject: z.string(),
        grade: z.string(),
        participated: z.boolean(),
        scaledScore: z.number().int().nullable(),
        achievementLevel: z.string().nullable(),
        sgp: z.number().int().nullable(),
      }),
    ),
    interventions: z.array(Intervention),
  })
  .meta({ id: 'EwisStudentProfile' });

export const EwisSettingsResponse = z
  .object({ settings: EwisSettings, isDefault: z.boolean() })
  .meta({ id: 'EwisSettingsResponse' });

const Tally = z.object({
  students: z.number().int(),
  high: z.number().int(),
  moderate: z.number().int(),
  low: z.number().int(),
  notAvailable: z.number().int(),
  highSharePct: z.number().nullable().describe('Share of students with a risk level who are at high risk'),
});

export const EwisSummary = z
  .object({
    run: z.object({ id: z.number().int(), schoolYear: z.number().int(), createdAt: z.string() }).nullable(),
    org: z.object({ code: z.string(), name: z.string() }),
    bySchool: z.array(Tally.extend({ code: z.string(), name: z.string() })),
    byGrade: z.array(Tally.extend({ grade: z.number().int() })),
    byGroup: z.array(
      Tally.extend({
        group: z.string().describe('all, race:<value>, gender:<value>, low_income, english_learner, disability'),
      }),
    ),
  })
  .meta({ id: 'EwisSummary' });
