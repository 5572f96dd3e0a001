import { z } from 'zod';
import { pdContentAreas, pdKinds } from '../../core/assistance/vocabulary.ts';
import { shortText } from './common.ts';
import { IsoDate } from './designations.ts';
import { OrgRef } from './orgs.ts';

export const OfferingBody = z
  .object({
    title: shortText(200),
    kind: z.enum(pdKinds),
    contentArea: z.enum(pdContentAreas),
    description: z.string().trim().max(4000).default(''),
  })
  .strict();
export type OfferingBody = z.infer<typeof OfferingBody>;

export const PdSession = z
  .object({
    id: z.number().int(),
    offeringId: z.number().int(),
    startsOn: z.string(),
    location: z.string(),
    capacity: z.number().int(),
    confirmed: z.number().int(),
    waitlisted: z.number().int(),
  })
  .meta({ id: 'PdSession' });
export type PdSession = z.infer<typeof PdSession>;

export const Offering = z
  .object({
    id: z.number().int(),
    title: z.string(),
    kind: z.enum(pdKinds),
    contentArea: z.enum(pdContentAreas),
    contentAreaLabel: z.string(),
    description: z.string(),
    sessions: z.array(PdSession),
  })
  .meta({ id: 'PdOffering' });
export type Offering = z.infer<typeof Offering>;

export const OfferingList = z.object({ items: z.array(Offering) }).meta({ id: 'PdOfferingList' });
export type OfferingList = z.infer<typeof OfferingList>;

export const SessionBody = z
  .object({ startsOn: IsoDate, location: shortText(200), capacity: z.number().int().min(1).max(10000) })
  .strict();
export type SessionBody = z.infer<typeof SessionBody>;

export const CapacityBody = z.object({ capacity: z.number().int().min(1).max(10000) }).strict();

export const RegistrationBody = z
  .object({
    name: shortText(200),
    email: z.string().trim().toLowerCase().email().max(200),
    role: shortText(200).describe('e.g. Principal, Math coach'),
    orgCode: z.string().trim().min(1).max(40).describe('The school or district the participant works for'),
  })
  .strict();
export type RegistrationBody = z.infer<typeof RegistrationBody>;

export const Registration = z
  .object({
    id: z.number().int(),
    sessionId: z.number().int(),
    name: z.string(),
    email: z.string(),
    role: z.string(),
    org: OrgRef,
    status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
    position: z.number().int().nullable().describe('Place on the waitlist (1 = next); null unless waitlisted'),
    attendance: z.enum(['attended', 'absent']).nullable().describe('Recorded after the session; null until then'),
    evaluated: z.boolean().describe('The participant has submitted the post-session evaluation'),
  })
  .meta({ id: 'PdRegistration' });
export type Registration = z.infer<typeof Registration>;

export const RegistrationOutcome = z
  .object({
    registration: Registration,
    alreadyRegistered: z.boolean(),
    promoted: z.array(Registration).describe('Registrations moved from the waitlist to confirmed by this change'),
  })
  .meta({ id: 'PdRegistrationOutcome' });
export type RegistrationOutcome = z.infer<typeof RegistrationOutcome>;

export const RegistrationList = z
  .object({ session: PdSession, items: z.array(Registration) })
  .meta({ id: 'PdRegistrationList' });
export type RegistrationList = z.infer<typeof RegistrationList>;

// ---- attendance and evaluations ----

const Id = z.coerce.number().int().min(1).max(2_147_483_647);

export const AttendanceBody = z
  .object({
    records: z
      .array(z.object({ registrationId: Id, status: z.enum(['attended', 'absent']) }).strict())
      .min(1)
      .max(2000)
      .refine((r) => new Set(r.map((x) => x.registrationId)).size === r.length, 'each registration at most once'),
  })
  .strict();
export type AttendanceBody = z.infer<typeof AttendanceBody>;

export const EvaluationQuestion = z.object({ code: z.string(), position: z.number().int(), prompt: z.string() });

export const EvaluationQuestionList = z
  .object({
    scale: z.object({ min: z.number().int(), max: z.number().int(), labels: z.record(z.string(), z.string()) }),
    items: z.array(EvaluationQuestion),
  })
  .meta({ id: 'PdEvaluationQuestionList' });
export type EvaluationQuestionList = z.infer<typeof EvaluationQuestionList>;

export const EvaluationBody = z
  .object({
    ratings: z
      .array(z.object({ question: z.string().trim().min(1).max(40), rating: z.number().int().min(1).max(5) }).strict())
      .min(1)
      .max(50)
      .refine((r) => new Set(r.map((x) => x.question)).size === r.length, 'each question at most once'),
    comments: z.string().trim().max(4000).default(''),
  })
  .strict();
export type EvaluationBody = z.infer<typeof EvaluationBody>;

export const EvaluationReceipt = z
  .object({ registrationId: z.number().int(), sessionId: z.number().int(), submittedAt: z.string() })
  .meta({ id: 'PdEvaluationReceipt' });
export type EvaluationReceipt = z.infer<typeof EvaluationReceipt>;

export const SessionSummary = z
  .object({
    session: PdSession,
    offering: z.object({ id: z.number().int(), title: z.string() }),
    attendance: z.object({
      confirmed: z.number().int(),
      attended: z.number().int(),
      absent: z.number().int(),
      notRecorded: z.number().int(),
      rate: z.number().nullable().describe('Attended as a percent of those recorded, one decimal'),
    }),
    evaluations: z.number().int(),
    minimum: z.number().int().describe('Means and comments of fewer evaluations than this are withheld'),
    questions: z.array(
      z.object({
        code: z.string(),
        prompt: z.string(),
        n: z.number().int(),
        mean: z.number().nullable(),
        suppressed: z.boolean(),
      }),
    ),
    comments: z.array(z.string()).nullable().describe('Withheld (null) when fewer evaluations than the minimum'),
  })
  .meta({ id: 'PdSessionSummary' });
export type SessionSummary = z.infer<typeof SessionSummary>;

export const MyRegistrations = z
  .object({
    items: z.array(
      z.object({
        registration: Registration,
        session: PdSession,
        offering: z.object({ id: z.number().int(), title: z.string(), kind: z.enum(pdKinds) }),
        canEvaluate: z.boolean().describe('Attended and not evaluated yet'),
      }),
    ),
  })
  .meta({ id: 'PdMyRegistrations' });
export type MyRegistrations = z.infer<typeof MyRegistrations>;
